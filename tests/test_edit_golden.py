"""Byte-exact golden edits: tests/golden/edits/X.before.md -> X.after.md.

Each case runs one real command through the CLI on a copy of the `before`
file in a vault in tmp_path, then compares the note's bytes with `after`.
Regenerate with `UPDATE_GOLDEN=1` and read the diff before committing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import Run, write_vault

GOLDEN = Path(__file__).parent / "golden" / "edits"
TODAY = "2026-11-21"

CASES: dict[str, list[str]] = {
    "comments": ["log", "NOTE", "Coffee again", "--via", "coffee"],
    "flow_list": ["set", "aliases=Jo,Joe", "NOTE"],
    "block_list": ["set", "tags=ai,climate,policy", "interests=rust", "NOTE"],
    "quotes": ["set", "last_contact=2026-11-01", "reviewed=2026-11-02", "name=New Q", "NOTE"],
    "bom": ["log", "NOTE", "Called", "--via", "call", "--inbound"],
    "crlf": ["log", "NOTE", "First entry", "--via", "email", "--gave"],
    "mixed_endings": ["log", "NOTE", "Again", "--via", "call"],
    "no_final_newline": ["log", "NOTE", "Newest", "--via", "call"],
    "missing_log_heading": ["log", "NOTE", "Hello", "--via", "email", "--asked"],
    "no_front_matter": ["log", "NOTE", "Hi", "--via", "call"],
    "backdated": ["log", "NOTE", "Midyear", "--via", "lunch", "--date", "2026-06-15"],
    "unsnooze": ["unsnooze", "NOTE"],
    "noreply": ["log", "NOTE", "Sent the article", "--via", "email", "--noreply"],
    "new_keys": ["set", "cadence=2m", "met_via=Bob Smith", "company=Acme: Labs", "NOTE"],
    "nested_mapping": ["set", "company=New Co", "NOTE"],
    "empty_values": ["snooze", "NOTE", "--until", "2027-01-01"],
    "new_list_block_style": ["set", "tags=ai,climate", "interests=", "NOTE"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_edit_changes_exactly_the_golden_bytes(tmp_path: Path, run: Run, case: str) -> None:
    before = GOLDEN / f"{case}.before.md"
    expected = GOLDEN / f"{case}.after.md"
    vault = write_vault(tmp_path / "v", {})
    note = vault / "People" / f"{case}.md"
    shutil.copyfile(before, note)
    args = [a.replace("NOTE", case) for a in CASES[case]]
    result = run("--vault", str(vault), "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_bytes(note.read_bytes())
    assert note.read_bytes() == expected.read_bytes()
    assert run("--vault", str(vault), "check").exit_code == 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_dry_run_prints_the_same_change_and_writes_nothing(
    tmp_path: Path, run: Run, case: str
) -> None:
    vault = write_vault(tmp_path / "v", {})
    note = vault / "People" / f"{case}.md"
    shutil.copyfile(GOLDEN / f"{case}.before.md", note)
    before = note.read_bytes()
    args = [a.replace("NOTE", case) for a in CASES[case]]
    result = run("--vault", str(vault), "--today", TODAY, *args, "--dry-run")
    assert result.exit_code == 0, result.output
    assert note.read_bytes() == before
    assert result.stdout.startswith(f"--- a/People/{case}.md\n+++ b/People/{case}.md\n")
    expected_after = (GOLDEN / f"{case}.after.md").read_bytes().decode("utf-8")
    added = [line[1:] for line in result.stdout.splitlines()
             if line.startswith("+") and not line.startswith("+++")]
    for line in added:
        assert line in expected_after
    assert "nothing written" in result.stderr


def test_every_before_has_an_after() -> None:
    befores = {p.name.removesuffix(".before.md") for p in GOLDEN.glob("*.before.md")}
    afters = {p.name.removesuffix(".after.md") for p in GOLDEN.glob("*.after.md")}
    assert befores == afters == set(CASES)

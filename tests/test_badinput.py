"""Every bad input of issue 2 through the real CLI: the message, the exit code, no file changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import Run, snapshot, write_vault

GOOD = "---\nname: Good Person\ngroup: peer\nlast_contact: 2026-01-01\n---\n"

CASES: dict[str, tuple[bytes | str, int, str]] = {
    # name: (file content, expected line, expected message fragment)
    "malformed yaml": ("---\ntags: [a, b\n---\n", 3, "invalid YAML"),
    "missing closing": ("---\nname: Open\n\nNo closing rule.\n", 1, "never closed"),
    "not a mapping": ("---\n- a\n- b\n---\n", 2, "not a mapping"),
    "duplicate keys": ("---\nname: A\nname: B\n---\n", 3, "duplicate key 'name'"),
    "impossible date": ("---\nlast_contact: 2024-02-30\n---\n", 2, "impossible date '2024-02-30'"),
    "unquoted wikilink": ("---\nmet_via: [[Bob]]\n---\n", 2, 'write met_via: "[[Bob]]"'),
    "not utf-8": (b"---\nname: Jos\xe9\n---\n", 2, "not UTF-8"),
    "nul byte": (b"---\nname: A\n---\nbody\x00\n", 4, "NUL byte"),
    "empty file": (b"", 1, "empty note"),
    "utf-16 with a bom": ("---\nname: Ann\n---\n".encode("utf-16"), 1,
                          "not UTF-8 (UTF-16?): save it as UTF-8"),
    "utf-16 without a bom": ("---\nname: Ann\n---\n".encode("utf-16-le"), 1,
                             "not UTF-8 (UTF-16?): save it as UTF-8"),
    "merge conflict": ("---\n<<<<<<< HEAD\ngroup: peer\n=======\ngroup: client\n"
                       ">>>>>>> theirs\n---\n", 2, "unresolved merge conflict"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_note_is_reported_and_nothing_changes(tmp_path: Path, run: Run, case: str) -> None:
    content, line, fragment = CASES[case]
    vault = write_vault(tmp_path / "v", {"Bad.md": content, "Good.md": GOOD})
    before = snapshot(vault)
    result = run("--vault", str(vault), "check")
    assert f"People/Bad.md:{line}: " in result.stdout
    assert fragment in result.stdout
    is_error = "error:" in result.stdout
    assert result.exit_code == (1 if is_error else 0)
    assert "Traceback" not in result.output
    assert "run `vaulttools check`" not in result.stderr  # check reports, it does not refer
    listed = run("--vault", str(vault), "--today", "2026-11-21", "list", "--json")
    assert listed.exit_code == 0
    assert "Good Person" in [c["name"] for c in json.loads(listed.stdout)]
    assert snapshot(vault) == before


def test_errors_are_errors_and_warnings_pass(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Empty.md": b"", "Good.md": GOOD})
    assert run("--vault", str(vault), "check").exit_code == 0
    (vault / "People" / "Dup.md").write_text("---\na: 1\na: 2\n---\n")
    result = run("--vault", str(vault), "check", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert {"path": "People/Dup.md", "line": 3, "severity": "error",
            "message": "front matter: invalid YAML: duplicate key 'a' (first set on line 2); "
            "keep one"} in problems


def test_bom_and_crlf_parse_normally(tmp_path: Path, run: Run) -> None:
    note = "\ufeff---\r\nname: Windows Person\r\ngroup: client\r\n---\r\n## Log\r\n" \
           "- 2026-03-01 call: Fine. #inbound\r\n"
    vault = write_vault(tmp_path / "v", {"W.md": note.encode("utf-8")})
    before = snapshot(vault)
    result = run("--vault", str(vault), "--today", "2026-03-02", "show", "windows", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["name"] == "Windows Person"
    assert data["groups"] == ["client"]
    assert data["effective_last_contact"] == "2026-03-01"
    assert run("--vault", str(vault), "check").exit_code == 0
    assert snapshot(vault) == before


def test_horizontal_rule_note_loses_nothing(tmp_path: Path, run: Run) -> None:
    note = "---\n\nA thought.\n\n## Log\n- 2026-01-05 call: Talked.\n"
    vault = write_vault(tmp_path / "v", {"Rule.md": note})
    before = snapshot(vault)
    result = run("--vault", str(vault), "--today", "2026-01-06", "show", "rule", "--json")
    assert json.loads(result.stdout)["effective_last_contact"] == "2026-01-05"
    assert (vault / "People" / "Rule.md").read_text() == note
    assert snapshot(vault) == before


def test_oversized_note_is_skipped_with_its_size(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Big.md": "---\nname: Big\n---\n" + "x" * 2000,
                                          "Good.md": GOOD}, config="max_note_size = 1000\n")
    result = run("--vault", str(vault), "check")
    assert result.exit_code == 1
    assert "People/Big.md:1: error: file is 2,018 bytes, over the 1,000-byte limit" in result.stdout


def test_symlink_loop_is_reported(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Good.md": GOOD})
    os.symlink("Loop2.md", vault / "People" / "Loop1.md")
    os.symlink("Loop1.md", vault / "People" / "Loop2.md")
    os.symlink(".", vault / "People" / "again")  # a folder loop
    before = snapshot(vault)
    result = run("--vault", str(vault), "check")
    assert result.exit_code == 1
    assert "People/Loop1.md:1: error: symlink loop" in result.stdout
    assert result.stdout.count("Good.md") == 0  # the folder loop does not read Good.md twice
    assert "Traceback" not in result.output
    assert snapshot(vault) == before


def test_file_deleted_during_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vaulttools.read import loader, scan
    from vaulttools.read.load import load_vault

    root = write_vault(tmp_path / "v", {"Gone.md": GOOD, "Stays.md": GOOD.replace("Good", "Kept")})
    real_walk = scan.walk_notes

    def walk_then_delete(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        walked = real_walk(*args, **kwargs)  # type: ignore[arg-type]
        (root / "People" / "Gone.md").unlink(missing_ok=True)
        return walked

    monkeypatch.setattr(loader, "walk_notes", walk_then_delete)
    loaded = load_vault(root)
    assert [c.name for c in loaded.contacts] == ["Kept Person"]
    assert any(p.path == "People/Gone.md" and "disappeared" in p.message
               for p in loaded.problems)


def test_no_traceback_for_unreadable_config(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {}, config="contacts = [\n")
    result = run("--vault", str(vault), "check")
    assert result.exit_code == 2
    assert ".vaulttools.toml: invalid TOML" in result.stderr
    assert "Traceback" not in result.output

"""`undo`: each command vaulttools runs is one unit, taken back byte for byte, and never
over the user's own edits (#33)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vaulttools.edit import journal

from conftest import REPO, Run, snapshot, vt, write_vault

PEOPLE = {
    "Ana Lima.md": "---\r\ngroup: peer\r\nemail: ana@acme.example\r\n---\r\nNotes\r\n",
    "Ben Ode.md": "---\ngroup: peer\ntags: [a]\n---\n## Log\n- 2026-10-01 call: Hi.\n",
}


def contents(vault: Path) -> dict[str, bytes]:
    """Every file's bytes (a restored file is written again: its time is new)."""
    return {str(p.relative_to(vault)): p.read_bytes() for p in sorted(vault.rglob("*"))
            if p.is_file()}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", dict(PEOPLE))


@pytest.mark.parametrize("command", [
    ["log", "ana", "Coffee", "--via", "coffee", "--with", "ben"],
    ["set", "tags=+vip", "--group", "peer"],
    ["new", "Grace Hopper", "--group", "mentor"],
    ["remind", "ana", "3w", "send the deck"],
    ["replied", "ben"],
    ["archive", "ana", "ben"],
])
def test_each_command_is_one_unit_undone_byte_for_byte(vault: Path, run: Run,
                                                       command: list[str]) -> None:
    before = contents(vault)
    assert vt(run, vault, *command).exit_code == 0
    assert contents(vault) != before
    listed = json.loads(vt(run, vault, "undo", "--list", "--json").stdout)
    assert listed[0]["what"] == command[0]
    result = vt(run, vault, "undo")
    assert result.exit_code == 0, result.output
    assert contents(vault) == before
    again = vt(run, vault, "undo")
    assert again.exit_code == 1 and "nothing to undo" in again.stderr


def test_an_import_and_a_capture_are_one_unit_each(vault: Path, run: Run) -> None:
    config = vault / ".vaulttools.toml"
    config.write_text('[capture]\nme = ["me@example.com"]\n', encoding="utf-8")
    before = contents(vault)
    linkedin = REPO / "tests" / "fixtures" / "import" / "linkedin_connections.csv"
    assert vt(run, vault, "import", "linkedin", str(linkedin)).exit_code == 0
    imported = contents(vault)
    assert imported != before
    mbox = vault.parent / "mail.mbox"
    mbox.write_bytes(b"From x@xxx Mon Nov  2 10:00:00 2026\nDate: Mon, 2 Nov 2026 10:00:00 "
                     b"+0000\nFrom: ana@acme.example\nTo: me@example.com\nSubject: Hi\n\nx\n")
    assert vt(run, vault, "capture", str(mbox)).exit_code == 0
    assert contents(vault) != imported
    assert [u["what"] for u in json.loads(vt(run, vault, "undo", "--list", "--json").stdout)] \
        == ["capture", "import linkedin"]
    assert vt(run, vault, "undo").exit_code == 0 and contents(vault) == imported
    assert vt(run, vault, "undo").exit_code == 0 and contents(vault) == before


def test_undo_refuses_a_file_edited_since_and_changes_nothing(vault: Path, run: Run) -> None:
    assert vt(run, vault, "log", "ana", "Coffee", "--via", "coffee", "--with",
              "ben").exit_code == 0
    ben = vault / "People" / "Ben Ode.md"
    ben.write_text(ben.read_text(encoding="utf-8") + "My own line.\n", encoding="utf-8")
    before = snapshot(vault)
    result = vt(run, vault, "undo")
    assert result.exit_code == 1
    assert "Ben Ode.md: changed since vaulttools wrote it (log," in result.stderr
    assert "nothing undone" in result.stderr
    assert snapshot(vault) == before
    assert vt(run, vault, "undo", "--dry-run").exit_code == 1


def test_a_dry_run_undoes_nothing_and_the_journal_is_bounded(vault: Path, run: Run) -> None:
    assert vt(run, vault, "log", "ana", "One", "--via", "call").exit_code == 0
    before = snapshot(vault)
    dry = vt(run, vault, "undo", "--dry-run")
    assert dry.exit_code == 0 and "would undo log of" in dry.stdout
    assert snapshot(vault) == before
    for n in range(journal.KEEP + 3):
        assert vt(run, vault, "log", "ana", f"Note {n}").exit_code == 0
    assert len(json.loads(vt(run, vault, "undo", "--list", "--json").stdout)) == journal.KEEP
    assert not any("journal" in str(path) for path in snapshot(vault))  # never in the vault


def test_the_journal_keeps_no_more_than_its_size_allows(vault: Path, run: Run,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "MAX_BYTES", 1500)
    for n in range(6):
        assert vt(run, vault, "log", "ana", f"Note {n}").exit_code == 0
    kept = json.loads(vt(run, vault, "undo", "--list", "--json").stdout)
    assert 1 <= len(kept) < 6
    assert vt(run, vault, "undo").exit_code == 0  # the newest is always kept

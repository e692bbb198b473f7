"""`log NAME --amend`: the last line vaulttools logged for a person, replaced (#33)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, snapshot, vt, write_vault


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", {
        "Jane.md": "---\ngroup: peer\nlast_contact: 2026-10-01\n---\n## Log\n"
                   "- 2026-10-01 call: Old.\n"})


def _note(vault: Path) -> str:
    return (vault / "People" / "Jane.md").read_text(encoding="utf-8")


def test_amend_replaces_what_is_given_and_keeps_the_rest(vault: Path, run: Run) -> None:
    assert vt(run, vault, "log", "jane", "Lunch at Dishoom", "--via", "lunch",
              "--gave").exit_code == 0
    assert vt(run, vault, "log", "jane", "--amend", "Lunch; she moves to Lisbon").exit_code == 0
    assert "- 2026-11-21 lunch: Lunch; she moves to Lisbon #gave\n" in _note(vault)
    assert vt(run, vault, "log", "jane", "--amend", "--asked").exit_code == 0
    assert "- 2026-11-21 lunch: Lunch; she moves to Lisbon #asked\n" in _note(vault)
    result = vt(run, vault, "log", "jane", "--amend", "--date", "2026-11-10", "--via", "coffee")
    assert result.exit_code == 0, result.output
    note = _note(vault)
    assert "- 2026-11-10 coffee: Lunch; she moves to Lisbon #asked\n" in note
    assert "last_contact: 2026-11-10\n" in note  # it followed the line back
    assert note.count("\n- ") == 2


def test_amend_needs_a_line_it_wrote_and_left_as_it_was(vault: Path, run: Run) -> None:
    before = snapshot(vault)
    none = vt(run, vault, "log", "jane", "--amend", "x")
    assert none.exit_code == 1 and "remembers no line it logged for Jane" in none.stderr
    assert snapshot(vault) == before
    assert vt(run, vault, "log", "jane", "Coffee", "--via", "coffee").exit_code == 0
    path = vault / "People" / "Jane.md"
    path.write_text(_note(vault).replace("coffee: Coffee", "coffee: Coffee, my words"),
                    encoding="utf-8")
    edited = snapshot(vault)
    result = vt(run, vault, "log", "jane", "--amend", "y")
    assert result.exit_code == 1 and "was changed or removed since" in result.stderr
    assert snapshot(vault) == edited
    assert vt(run, vault, "log", "jane", "--amend", "y", "--with", "jane").exit_code == 2


def test_an_amend_is_one_undo_unit(vault: Path, run: Run) -> None:
    assert vt(run, vault, "log", "jane", "Coffee", "--via", "coffee").exit_code == 0
    logged = _note(vault)
    assert vt(run, vault, "log", "jane", "--amend", "--via", "call").exit_code == 0
    assert vt(run, vault, "undo").exit_code == 0
    assert _note(vault) == logged

"""`remind NAME WHEN TEXT` and dated tasks: on the due list from their day, first (#33)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, snapshot, vt, write_vault

PEOPLE = {
    "Jane Doe.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\n## Log\n"
                   "- 2026-11-01 call: Catch-up.\n",
    "Max Mentor.md": "---\ngroup: mentor\nlast_contact: 2025-01-01\n---\n",  # very overdue
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", dict(PEOPLE))


def _note(vault: Path) -> str:
    return (vault / "People" / "Jane Doe.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("when, day", [
    ("2027-01-15", "2027-01-15"), ("3w", "2026-12-12"), ("2m", "2027-01-21"),
    ("january", "2027-01-01"), ("in Jan", "2027-01-01"), ("December", "2026-12-01"),
    ("November", "2027-11-01"),
])
def test_when_is_a_date_a_span_or_a_month(vault: Path, run: Run, when: str, day: str) -> None:
    result = vt(run, vault, "remind", "jane", when, "call", "about", "the", "offsite")
    assert result.exit_code == 0, result.output
    assert _note(vault).endswith(f"- 2026-11-01 call: Catch-up.\n"
                                 f"- [ ] call about the offsite 📅 {day}\n")


@pytest.mark.parametrize("args, message", [
    (["2026-11-20", "x"], "not after today"),
    (["someday", "x"], "give a date (2027-01-15), a span from today"),
    (["never", "x"], "give a date"),
    (["3w", "a %% b"], "which Obsidian reads as a comment"),
    (["3w", "📅", "2027-01-01"], "give the day as WHEN"),
])
def test_what_cannot_be_a_reminder_is_refused(vault: Path, run: Run, args: list[str],
                                              message: str) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "remind", "jane", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert snapshot(vault) == before


def _due(run: Run, vault: Path, today: str) -> list[tuple[str, str, str]]:
    items = json.loads(vt(run, vault, "due", "--json", today=today).stdout)
    return [(i["status"], i["name"], i["reason"]) for i in items]


def test_a_reminder_is_listed_from_its_day_and_first(vault: Path, run: Run) -> None:
    assert vt(run, vault, "remind", "jane", "2026-12-01", "send the deck").exit_code == 0
    assert not any(s == "reminder" for s, _, _ in _due(run, vault, "2026-11-30"))
    on_the_day = _due(run, vault, "2026-12-01")
    assert on_the_day[0] == ("reminder", "Jane Doe", "send the deck, today")
    assert on_the_day[1][:2] == ("overdue", "Max Mentor")  # a high score, still after
    assert _due(run, vault, "2026-12-09")[0] == ("reminder", "Jane Doe",
                                                  "send the deck, since 2026-12-01")
    shown = vt(run, vault, "show", "jane", today="2026-11-21").stdout
    assert "send the deck (due 2026-12-01" in shown
    week = json.loads(vt(run, vault, "plan", "--week", "--json", today="2026-12-01").stdout)
    assert week["days"][0]["items"][0]["status"] == "reminder"


def test_a_dated_task_written_by_hand_is_a_reminder_and_an_undated_one_a_promise(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ana.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\n## Log\n"
                  "- 2026-11-01 call: Hi.\n- [ ] book the venue 📅 2026-11-20\n"
                  "- [ ] send the paper\n"})
    assert _due(run, vault, "2026-11-21") == [
        ("reminder", "Ana", "book the venue, since 2026-11-20; promise: you owe Ana: send "
                            "the paper, since 2026-11-01")]


def test_a_reminder_an_unclosed_comment_would_hide_is_refused(tmp_path: Path,
                                                              run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ana.md": "---\ngroup: peer\n---\nText\n%%\nhidden\n"})
    before = snapshot(vault)
    result = vt(run, vault, "remind", "ana", "3w", "call")
    assert result.exit_code == 1 and "would not be read as a task" in result.stderr
    assert snapshot(vault) == before

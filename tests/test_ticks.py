"""Tick to act: an item ticked in Index/Due.md (as Obsidian, a phone or any editor saves
it) is acted on in the contact's own note by `index`, once; what cannot be acted on
stays ticked and is named in Problems.md. The watcher's side is in test_watch.py."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Run, vt, write_vault

TODAY = "2026-11-21"
NOTES = {
    # overdue: quarterly since July
    "Ada.md": "---\ngroup: mentor\n---\n# Ada\n\n## Log\n- 2026-07-01 coffee: Talked.\n",
    # a birthday in two days, in touch lately
    "Ben.md": "---\ngroup: peer\nbirthday: 1990-11-23\n---\n## Log\n"
              "- 2026-11-10 call: Caught up.\n",
    # an open promise, in a note without the Tasks plugin's marks
    "Cleo.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-02 coffee: Lunch.\n"
               "- [ ] Send Cleo the deck\n",
    # a reminder due yesterday, written as the Tasks plugin writes it
    "Dora.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-05 call: Chat.\n"
               "- [ ] Call about the offsite 📅 2026-11-20\n",
    # a new role: congratulate
    "Eli.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-19 linkedin: Now CTO at Foo #milestone\n"
              "- 2026-10-01 call: Chat.\n",
}


@pytest.fixture
def vault(tmp_path: Path, run: Run) -> Path:
    made = write_vault(tmp_path / "v", dict(NOTES))
    assert vt(run, made, "index").exit_code == 0
    return made


def due(vault: Path) -> str:
    return (vault / "Index" / "Due.md").read_text(encoding="utf-8")


def note(vault: Path, name: str) -> str:
    return (vault / "People" / f"{name}.md").read_text(encoding="utf-8")


def tick(vault: Path, name: str, status: str, after: str = "", box: str = "x") -> str:
    """Tick the first line of Due.md for `name` with `status` (a section's line, not the
    week's), as a user does: the box, then maybe some words at the end."""
    path = vault / "Index" / "Due.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if (line.startswith("- [ ] ") and f"[[People/{name}|" in line
                and f"%%vt:{status}" in line):
            lines[number] = f"- [{box}] " + line[6:].rstrip("\n") + after + "\n"
            path.write_text("".join(lines), encoding="utf-8")
            return lines[number]
    raise AssertionError(f"no {status} line for {name} in Due.md:\n{''.join(lines)}")


def test_every_actionable_item_is_a_task_line_with_its_marker(vault: Path) -> None:
    text = due(vault)
    key = hashlib.sha1(b"Send Cleo the deck").hexdigest()[:8]
    assert ("- [ ] [[People/Ada|Ada]] (mentor): quarterly; last coffee 2026-07-01; overdue "
            "since 2026-11-15 %%vt:overdue%%\n") in text
    assert f"you owe Cleo: Send Cleo the deck, since 2026-11-02 %%vt:promise:{key}%%" in text
    # The week plan's items are task lines too, under their day.
    assert "- **Mon 23 Nov**\n    - [ ] [[People/Ben|Ben]] (birthday) %%vt:birthday%%\n" in text


def test_a_tick_logs_what_the_user_wrote_on_the_day_it_was_ticked(vault: Path,
                                                                  run: Run) -> None:
    tick(vault, "Ada", "overdue", " — call: she is moving to Lisbon ✅ 2026-11-20")
    result = vt(run, vault, "index")
    assert result.exit_code == 0, result.output
    assert "acted on a tick in Due.md (overdue): People/Ada.md: log: - 2026-11-20 call: she " \
           "is moving to Lisbon" in result.stdout
    assert "## Log\n- 2026-11-20 call: she is moving to Lisbon\n- 2026-07-01" in note(vault, "Ada")
    assert "last_contact: 2026-11-20\n" in note(vault, "Ada")
    # Acted on: no longer overdue; a call is followed up the day after.
    assert "%%vt:overdue%%" not in due(vault)
    assert "- [ ] [[People/Ada|Ada]] (mentor): follow up on call of 2026-11-20" in due(vault)


@pytest.mark.parametrize(("name", "status", "line"), [
    ("Ada", "overdue", "- 2026-11-21 checkin: done (from Due)"),
    ("Ben", "birthday", "- 2026-11-21 message: birthday wishes (from Due)"),
    ("Eli", "congratulate", "- 2026-11-21 message: congratulations (from Due)"),
])
def test_a_tick_without_words_logs_a_neutral_line(vault: Path, run: Run, name: str,
                                                   status: str, line: str) -> None:
    tick(vault, name, status)
    assert vt(run, vault, "index").exit_code == 0
    assert f"## Log\n{line}\n" in note(vault, name)
    if status != "birthday":
        assert f"[[People/{name}|{name}]]" not in due(vault)


def test_a_birthday_ticked_early_logs_the_wish_once(vault: Path, run: Run) -> None:
    """A wish two days early is logged, naming the occasion; the birthday stays on the
    list until the day (only contact on the day or the day before takes it off), and
    ticking it again meanwhile, on a list made since, logs nothing more."""
    tick(vault, "Ben", "birthday", " — card: sent one to his office")
    assert vt(run, vault, "index").exit_code == 0
    assert "- 2026-11-21 card: sent one to his office (birthday)\n" in note(vault, "Ben")
    assert vt(run, vault, "index", today="2026-11-22").exit_code == 0
    before = note(vault, "Ben")
    tick(vault, "Ben", "birthday")
    result = vt(run, vault, "index", today="2026-11-22")
    assert "1 tick done already" in result.stdout and note(vault, "Ben") == before


def test_a_promise_or_reminder_is_ticked_where_the_note_has_it(vault: Path, run: Run) -> None:
    tick(vault, "Cleo", "promise")
    tick(vault, "Dora", "reminder", " ✅ 2026-11-20")
    assert vt(run, vault, "index").exit_code == 0
    assert "- [x] Send Cleo the deck\n" in note(vault, "Cleo")  # no Tasks marks there
    # The Tasks plugin's style: its done date, the day it was ticked.
    assert "- [x] Call about the offsite 📅 2026-11-20 ✅ 2026-11-20\n" in note(vault, "Dora")
    assert "2026-11-21" not in note(vault, "Cleo")  # a task done is not an interaction
    text = due(vault)
    assert "Send Cleo the deck" not in text and "Call about the offsite" not in text


def test_a_tick_is_acted_on_once_however_often_the_file_comes_back(vault: Path,
                                                                   run: Run) -> None:
    """The same Due.md synced back from another device, or the old one a merge brings
    back, logs nothing twice; a cancelled task (`[-]`) is no tick."""
    tick(vault, "Ada", "overdue", " — call: Lisbon")
    tick(vault, "Cleo", "promise")
    tick(vault, "Eli", "congratulate", box="-")
    ticked = due(vault)
    assert vt(run, vault, "index").exit_code == 0
    notes = {name: note(vault, name) for name in ("Ada", "Cleo", "Eli")}
    assert "checkin" not in notes["Ada"] and "- [x] Send Cleo the deck" in notes["Cleo"]
    assert "2026-11-21" not in notes["Eli"]
    # Days later; and months later, when Ada is due again but was reached since the
    # list was made.
    for today in (TODAY, "2026-11-23", "2027-03-01"):
        (vault / "Index" / "Due.md").write_text(ticked, encoding="utf-8")
        again = vt(run, vault, "index", today=today)
        assert again.exit_code == 0
        assert "2 ticks done already, left alone" in again.stdout
        assert {name: note(vault, name) for name in notes} == notes


def test_a_tick_on_someone_no_longer_on_the_list_does_nothing(vault: Path, run: Run) -> None:
    tick(vault, "Ada", "overdue")
    assert vt(run, vault, "pause", "Ada").exit_code == 0
    before = note(vault, "Ada")
    result = vt(run, vault, "index")
    assert "1 tick done already" in result.stdout
    assert note(vault, "Ada") == before


def test_a_tick_that_cannot_be_acted_on_stays_ticked_and_is_named(vault: Path,
                                                                  run: Run) -> None:
    line = tick(vault, "Ada", "overdue", " — emial: about the talk").strip()
    renamed = tick(vault, "Ben", "birthday").strip()
    (vault / "People" / "Ben.md").rename(vault / "People" / "Benjamin.md")
    result = vt(run, vault, "index")
    assert result.exit_code == 0
    assert "unknown channel 'emial'; did you mean 'email'? (write it again after the item)" \
        in result.stderr
    text = due(vault)
    assert f"## Ticked, not applied\n\n{line}\n{renamed}\n" in text
    problems = (vault / "Index" / "Problems.md").read_text(encoding="utf-8")
    number = text.splitlines().index(line) + 1
    assert f"- line {number}: warning: ticked, not applied: unknown channel 'emial'" in problems
    assert "no contact note at People/Ben.md (renamed or removed?)" in problems
    assert "emial" not in note(vault, "Ada")
    # Fixed in Due.md itself, the tick is acted on at the next render.
    path = vault / "Index" / "Due.md"
    path.write_text(text.replace("emial:", "email:"), encoding="utf-8")
    assert vt(run, vault, "index").exit_code == 0
    assert "- 2026-11-21 email: about the talk\n" in note(vault, "Ada")
    assert "emial" not in due(vault) and "[[People/Ada|" not in due(vault)
    assert renamed in due(vault)  # still waiting: its note is gone


def test_a_tick_on_a_note_in_conflict_waits_until_it_is_resolved(vault: Path,
                                                                run: Run) -> None:
    tick(vault, "Ada", "overdue", " — call: about the merge")
    path = vault / "People" / "Ada.md"
    clean = path.read_text(encoding="utf-8")
    path.write_text(clean + "<<<<<<< ours\n- a\n=======\n- b\n>>>>>>> theirs\n",
                    encoding="utf-8")
    assert vt(run, vault, "index").exit_code == 0
    problems = (vault / "Index" / "Problems.md").read_text(encoding="utf-8")
    assert "ticked, not applied: People/Ada.md cannot be read (unresolved merge conflict" \
        in problems
    assert "## Ticked, not applied\n\n- [x] [[People/Ada|Ada]]" in due(vault)
    path.write_text(clean, encoding="utf-8")  # resolved
    assert vt(run, vault, "index").exit_code == 0
    assert "- 2026-11-21 call: about the merge\n" in note(vault, "Ada")
    assert "[x]" not in due(vault)


def test_due_says_ticks_wait_and_a_dry_run_acts_on_none(vault: Path, run: Run) -> None:
    tick(vault, "Ada", "overdue")
    waiting = vt(run, vault, "due")
    assert "1 item ticked in Index/Due.md since it was made: `vaulttools index`" \
        in waiting.stderr
    before = note(vault, "Ada")
    dry = vt(run, vault, "index", "--dry-run", "--json")
    assert json.loads(dry.stdout)["ticks"]["applied"][0].startswith("- [x] [[People/Ada|")
    assert note(vault, "Ada") == before and "- [x] [[People/Ada|" in due(vault)


def test_undo_takes_back_a_pass_of_ticks(vault: Path, run: Run) -> None:
    before = {name: note(vault, name) for name in ("Ada", "Cleo")}
    tick(vault, "Ada", "overdue")
    tick(vault, "Cleo", "promise")
    assert vt(run, vault, "index").exit_code == 0
    listed = vt(run, vault, "undo", "--list")
    assert "tick (Due.md): People/Ada.md, People/Cleo.md" in listed.stdout
    assert vt(run, vault, "undo").exit_code == 0
    assert {name: note(vault, name) for name in before} == before


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_tick_made_on_a_phone_survives_a_merge_and_is_acted_on_once(tmp_path: Path,
                                                                      run: Run) -> None:
    """The phone ticks Ada in its copy of Due.md; the laptop meanwhile regenerated
    Due.md. The merge driver keeps the laptop's copy and the phone's tick; `index`
    acts on it once, and merging the phone's old copy again changes nothing."""
    start = write_vault(tmp_path / "start", dict(NOTES))
    _git(start, "init", "-q", "-b", "main")
    assert run("init", "--git", str(start)).exit_code == 0
    assert vt(run, start, "index").exit_code == 0
    _git(start, "add", "-A")
    _git(start, "commit", "-q", "-m", "vault")
    origin = tmp_path / "origin.git"
    _git(tmp_path, "clone", "-q", "--bare", str(start), str(origin))
    devices = {}
    for name in ("laptop", "phone"):
        _git(tmp_path, "clone", "-q", str(origin), name)
        assert run("init", "--git", str(tmp_path / name)).exit_code == 0
        devices[name] = tmp_path / name
    laptop, phone = devices["laptop"], devices["phone"]
    tick(phone, "Ada", "overdue", " — call: from the phone")
    _git(phone, "commit", "-q", "-am", "ticked on the phone")
    _git(phone, "push", "-q", "origin", "main")
    assert vt(run, laptop, "log", "Ben", "Lunch", "--via", "lunch").exit_code == 0
    assert vt(run, laptop, "index", today="2026-11-22").exit_code == 0
    _git(laptop, "commit", "-q", "-am", "laptop")
    _git(laptop, "pull", "-q", "--no-rebase", "origin", "main")  # a real merge
    merged = due(laptop)
    assert "<<<<<<<" not in merged and "date: 2026-11-22" in merged  # the laptop's copy
    assert "## Ticked, not applied\n\n- [x] [[People/Ada|Ada]]" in merged  # and the tick
    assert vt(run, laptop, "index", today="2026-11-22").exit_code == 0
    assert note(laptop, "Ada").count("call: from the phone") == 1
    assert "[x]" not in due(laptop)
    _git(laptop, "commit", "-q", "-am", "acted on the tick")
    _git(laptop, "push", "-q", "origin", "main")
    _git(phone, "pull", "-q", "--no-rebase", "origin", "main")
    (phone / "Index" / "Due.md").write_text(merged, encoding="utf-8")  # the old copy again
    assert vt(run, phone, "index", today="2026-11-23").exit_code == 0
    assert note(phone, "Ada") == note(laptop, "Ada")

"""A contact's identity survives renames: vCard and calendar UIDs derive from `uid`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import icalendar

from conftest import EXAMPLE, Run, snapshot, vt

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def uids(run: Run, vault: Path) -> tuple[set[str], set[str]]:
    cards = set(re.findall(r"^UID:(.*)\r$", vt(run, vault, "export", "vcard").stdout, re.M))
    feed = icalendar.Calendar.from_ical(vt(run, vault, "export", "ics").stdout)
    return cards, {str(event["uid"]) for event in feed.walk("VEVENT")}


def test_uid_add_keeps_every_exported_uid_and_renames_change_none(
        tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "v"
    shutil.copytree(EXAMPLE, vault)
    cards_before, _ = uids(run, vault)
    preview = vt(run, vault, "uid", "--add", "--dry-run")
    assert preview.stdout.count("+uid: ") == 29  # the imported ones have a uid already
    assert vt(run, vault, "uid").stdout.startswith("29 contacts without a uid")
    done = vt(run, vault, "uid", "--add")
    assert done.exit_code == 0 and done.stdout.count(": uid: (unset) -> ") == 29
    jane = (vault / "People" / "Jane Doe.md").read_text(encoding="utf-8")
    assert re.search(rf"\nuid: {UUID}\n---\n", jane)
    after_add = snapshot(vault)
    assert vt(run, vault, "uid", "--add").stdout == "nothing to change\n"
    assert snapshot(vault) == after_add
    cards, events = uids(run, vault)
    assert cards == cards_before  # phones holding an earlier export see the same cards
    (vault / "People" / "Contacts").mkdir()
    for note in ["Jane Doe.md", "Bob Smith.md"]:
        (vault / "People" / note).rename(vault / "People" / "Contacts" / f"Renamed {note}")
    assert uids(run, vault) == (cards, events)


def test_new_writes_a_uid(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "v"
    shutil.copytree(EXAMPLE, vault)
    assert vt(run, vault, "new", "Tess Ting").exit_code == 0
    text = (vault / "People" / "Tess Ting.md").read_text(encoding="utf-8")
    assert re.search(rf"\nuid: {UUID}\n", text)


def test_check_warns_of_two_notes_with_one_uid(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "v"
    shutil.copytree(EXAMPLE, vault)
    assert vt(run, vault, "uid", "--add").exit_code == 0
    jane = (vault / "People" / "Jane Doe.md").read_text(encoding="utf-8")
    (vault / "People" / "Jane Copy.md").write_text(jane.replace("name: Jane Doe", "name: Jane C"),
                                                   encoding="utf-8")
    check = vt(run, vault, "check")
    assert check.exit_code == 0  # a warning
    lines = check.stdout.splitlines()
    assert "People/Jane Copy.md:1: warning: same uid as People/Jane Doe.md: a copy? give one " \
           "of them a new uid (remove its `uid` and run vaulttools uid --add)" in lines
    assert any(line.startswith("People/Jane Doe.md:1: warning: same uid as People/Jane Copy")
               for line in lines)

"""`vaulttools sync`, the push half: cards and reminders written into vdirs so that a
second run writes nothing, and nothing written elsewhere (a phone's edit, a file of
someone else's) is ever overwritten or removed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import icalendar
import pytest

from conftest import Run, vt, write_vault

TODAY = "2026-11-21"
NOTES = {
    "Ada.md": "---\nname: Ada\ngroup: peer\nuid: 8c1f0a3e-0000-4000-8000-000000000001\n"
              "email: ada@example.com\nlast_contact: 2026-08-01\nbirthday: 1990-11-25\n---\n"
              "## Log\n- [ ] Send Ada the deck 📅 2026-11-28\n",
    "Ben.md": "---\nname: Ben\ngroup: mentor\nlast_contact: 2026-11-20\n---\n",
    "Old.md": "---\nname: Old\nstatus: archived\n---\n",
}


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A vault whose [sync] names two vdirs beside it."""
    outside = tmp_path / "vdirs"
    outside.mkdir()
    config = (f'[sync]\ncontacts = "{(outside / "contacts").as_posix()}"\n'
              f'calendar = "{(outside / "reminders").as_posix()}"\nreminder_time = "08:30"\n')
    vault = write_vault(tmp_path / "v", dict(NOTES), config=config)
    return vault, outside / "contacts", outside / "reminders"


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def sync(run: Run, vault: Path, *args: str, today: str = TODAY) -> dict:  # type: ignore[type-arg]
    result = vt(run, vault, "sync", "--json", *args, today=today)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_every_active_contact_is_one_card_and_a_second_sync_writes_nothing(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, contacts, reminders = dirs
    first = sync(run, vault)
    assert len(first["contacts"]["written"]) == 2  # the archived note stays home
    ada = contacts / "8c1f0a3e-0000-4000-8000-000000000001.vcf"
    text = ada.read_bytes().decode("utf-8")
    assert "UID:urn:uuid:8c1f0a3e-0000-4000-8000-000000000001\r\n" in text
    assert "VERSION:3.0\r\n" in text and "REV" not in text and "PRODID" not in text
    before = {**files(contacts), **files(reminders)}
    again = sync(run, vault)
    assert again["contacts"]["written"] == [] and again["calendar"]["written"] == []
    assert {**files(contacts), **files(reminders)} == before  # not even touched


def test_reminders_are_events_with_an_alarm_and_leave_when_done(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, _, reminders = dirs
    sync(run, vault)
    events = {}
    for path in reminders.iterdir():
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        (event,) = calendar.walk("VEVENT")
        events[str(event["summary"])] = event
    assert set(events) == {"Reach out to Ada", "Ada: Send Ada the deck", "Birthday: Ada"}
    due = events["Reach out to Ada"]
    (alarm,) = due.walk("VALARM")
    assert alarm["trigger"].dt.total_seconds() == 8.5 * 3600
    assert events["Birthday: Ada"]["rrule"]["FREQ"] == ["YEARLY"]
    assert events["Ada: Send Ada the deck"].decoded("dtstart").isoformat() == "2026-11-28"
    assert vt(run, vault, "log", "Ada", "Coffee", "--via", "coffee").exit_code == 0
    after = sync(run, vault)
    assert len(after["calendar"]["removed"]) == 1
    summaries = {str(icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT")[0]["summary"])
                 for p in reminders.iterdir()}
    assert "Reach out to Ada" not in summaries


ADA = "8c1f0a3e-0000-4000-8000-000000000001.vcf"


def _phone_edit(card: Path, old: bytes, new: bytes) -> bytes:
    data = card.read_bytes()
    assert old in data, data
    changed = data.replace(old, new)
    card.write_bytes(changed)  # as vdirsyncer writes what the server sent
    return changed


def test_the_phones_edit_comes_into_the_note_and_its_own_lines_stay(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, contacts, _ = dirs
    sync(run, vault)
    ada = contacts / ADA
    _phone_edit(ada, b"END:VCARD", b"TEL;TYPE=CELL:+44 7700 900123\r\nX-PHONE-ONLY:kept\r\n"
                b"PHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\nEND:VCARD")
    report = sync(run, vault)
    assert report["pulled"]["changed"] == [{"path": "People/Ada.md",
                                            "changes": ["phone: (unset) -> +44 7700 900123"]}]
    note = (vault / "People" / "Ada.md").read_text(encoding="utf-8")
    assert "phone: +44 7700 900123\n" in note and "PHOTO" not in note
    card = ada.read_bytes().decode("utf-8")
    # The note's card again, with the phone's own line for the number and its extras.
    assert "TEL;TYPE=CELL:+44 7700 900123\r\n" in card and "TEL:+44" not in card
    assert "X-PHONE-ONLY:kept\r\n" in card and "PHOTO;ENCODING=b;TYPE=JPEG:AAAA" in card
    before = files(contacts)
    again = sync(run, vault)
    assert again["contacts"]["written"] == [] and again["pulled"]["changed"] == []
    assert files(contacts) == before


def test_a_field_changed_on_both_sides_is_a_conflict_and_the_note_wins(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, contacts, _ = dirs
    sync(run, vault)
    _phone_edit(contacts / ADA, b"EMAIL:ada@example.com", b"EMAIL:ada@phone.example")
    assert vt(run, vault, "set", "email=ada@note.example", "Ada").exit_code == 0
    result = vt(run, vault, "sync")
    assert "Ada: emails: the note says ada@note.example, the phone ada@phone.example; the " \
           "note's is kept" in result.stderr
    assert "email: ada@note.example" in (vault / "People" / "Ada.md").read_text()
    assert b"EMAIL:ada@note.example" in (contacts / ADA).read_bytes()  # written back


def test_what_the_phone_removed_is_listed_and_removed_only_when_accepted(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, contacts, _ = dirs
    sync(run, vault)
    _phone_edit(contacts / ADA, b"EMAIL:ada@example.com\r\n", b"")
    result = vt(run, vault, "sync", "--dry-run")
    assert "Ada: emails: ada@example.com removed on the phone; kept" in result.stderr
    assert vt(run, vault, "sync").exit_code == 0
    assert "email: ada@example.com" in (vault / "People" / "Ada.md").read_text()
    _phone_edit(contacts / ADA, b"EMAIL:ada@example.com\r\n", b"")  # removed again
    assert vt(run, vault, "sync", "--accept-deletions").exit_code == 0
    assert "ada@example.com" not in (vault / "People" / "Ada.md").read_text()


def test_a_contact_made_on_the_phone_becomes_a_note_and_keeps_its_card(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, contacts, _ = dirs
    sync(run, vault)
    made = contacts / "phone-made-1.vcf"
    made.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:PHONE-MADE-1\r\nFN:Cy Young\r\n"
                     b"N:Young;Cy;;;\r\nTEL;TYPE=CELL:+1 555 0100\r\nEND:VCARD\r\n")
    report = sync(run, vault)
    assert report["pulled"]["new"] == ["People/Cy Young.md"]
    note = (vault / "People" / "Cy Young.md").read_text(encoding="utf-8")
    assert "uid: phone-made-1\n" in note and "phone" in note and "unsorted" in note
    assert sorted(p.name for p in contacts.iterdir()).count("phone-made-1.vcf") == 1
    assert len(list(contacts.iterdir())) == 3  # no second card for Cy
    assert b"TEL;TYPE=CELL:+1 555 0100" in made.read_bytes()
    before = files(contacts)
    assert sync(run, vault)["contacts"]["written"] == [] and files(contacts) == before


def test_nothing_of_the_phones_is_lost_and_nothing_deleted(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, contacts, reminders = dirs
    sync(run, vault)
    (contacts / "someone-else.vcf").write_text("BEGIN:VCARD\r\nEND:VCARD\r\n")
    ben = next(p for p in contacts.iterdir() if b"FN:Ben" in p.read_bytes())
    ben.unlink()  # deleted on the phone
    assert vt(run, vault, "archive", "Ben").exit_code == 0
    report = sync(run, vault)
    assert (contacts / "someone-else.vcf").exists() and not ben.exists()
    assert report["contacts"]["removed"] == []
    assert (vault / "People" / "Ben.md").exists()  # a card deleted deletes no note
    # An event deleted on the phone is written again: reminders are vaulttools' own.
    event = next(reminders.iterdir())
    event.unlink()
    assert sync(run, vault)["calendar"]["written"] == [event.name]


def test_a_dry_run_writes_nothing_and_a_lost_state_only_fills(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    vault, contacts, reminders = dirs
    dry = sync(run, vault, "--dry-run")
    assert len(dry["contacts"]["written"]) == 2 and not contacts.exists()
    assert dry["calendar"]["written"] and not reminders.exists()
    sync(run, vault)
    state = Path(os.environ["VAULTTOOLS_STATE_DIR"]) / "sync"
    for path in state.iterdir():
        path.unlink()  # the state is lost
    _phone_edit(contacts / ADA, b"EMAIL:ada@example.com", b"EMAIL:ada@phone.example\r\n"
                b"TEL:+44 7700 900123")
    report = sync(run, vault)
    note = (vault / "People" / "Ada.md").read_text(encoding="utf-8")
    assert "phone: +44 7700 900123" in note  # filled: the note had none
    assert "email: [ada@example.com, ada@phone.example]" in note  # added to, not replaced
    assert report["pulled"]["conflicts"] == []


def test_groups_choose_who_goes_to_the_phone(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "contacts"
    vault = write_vault(tmp_path / "v", dict(NOTES),
                        config=f'[sync]\ncontacts = "{folder.as_posix()}"\ngroups = ["Mentor"]\n')
    assert sync(run, vault)["contacts"]["written"] != []
    assert [p.read_text().count("FN:Ben") for p in folder.iterdir()] == [1]


@pytest.mark.parametrize(("table", "message"), [
    ('contacts = "People/vdir"', "is inside the vault; a vdir of cards or events must lie "
                                 "outside it"),
    ('contacts = "/tmp/x"\nvcard_version = "2.1"', 'sync.vcard_version: "3.0" or "4.0"'),
    ('calendar = "/tmp/x"\nreminder_time = "25:00"', "sync.reminder_time: a time of day"),
    ('calendar = "/tmp/x"\ndays = 0', "sync.days: a number of days from 1 to 366"),
    ('contact = "/tmp/x"', "unknown key sync.'contact'"),
])
def test_sync_settings_are_checked(tmp_path: Path, run: Run, table: str, message: str) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTES["Ada.md"]}, config=f"[sync]\n{table}\n")
    result = vt(run, vault, "sync")
    assert result.exit_code != 0 and message in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_with_other_files_is_refused(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF")
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTES["Ada.md"]},
                        config=f'[sync]\ncontacts = "{folder.as_posix()}"\n')
    result = vt(run, vault, "sync")
    assert result.exit_code == 2 and "holds more than .vcf files (report.pdf)" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]


def test_check_says_what_is_set_up(dirs: tuple[Path, Path, Path], run: Run) -> None:
    vault, contacts, _ = dirs
    result = vt(run, vault, "sync", "--check")
    assert f"sync.contacts: {contacts} (does not exist yet)" in result.stdout
    assert "2 contacts to sync, 1 without a uid (`vaulttools uid --add`)" in result.stdout
    assert "vdirsyncer:" in result.stdout


def test_restore_writes_again_a_card_deleted_on_the_phone(dirs: tuple[Path, Path, Path],
                                                          run: Run) -> None:
    vault, contacts, _ = dirs
    sync(run, vault)
    ben = next(p for p in contacts.iterdir() if b"FN:Ben" in p.read_bytes())
    data = ben.read_bytes()
    ben.unlink()
    assert sync(run, vault)["contacts"]["deleted_elsewhere"] == [ben.name]
    assert not ben.exists()
    restored = sync(run, vault, "--restore", "Ben")
    assert restored["contacts"]["written"] == [ben.name] and ben.read_bytes() == data


def test_cards_as_phones_write_them_are_pulled_and_their_lines_kept(
    dirs: tuple[Path, Path, Path], run: Run
) -> None:
    """The same card as iCloud sends it back (item groups with labels, folded lines,
    type lists, a photo), and an Android edit in quoted-printable UTF-8."""
    vault, contacts, _ = dirs
    sync(run, vault)
    ada = contacts / ADA
    ada.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iOS 17.0//EN\r\n"
        b"N:;Ada;;;\r\nFN:Ada\r\nitem1.EMAIL;type=INTERNET;type=pref:ada@example.com\r\n"
        b"item1.X-ABLabel:_$!<Other>!$_\r\nitem2.TEL;type=CELL;type=VOICE:+44 7700 900123\r\n"
        b"item2.X-ABLabel:_$!<Mobile>!$_\r\nBDAY;VALUE=date:1990-11-25\r\n"
        b"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller GmbH\r\n"
        b"NOTE:Met at the conference in Lisbon\\, a long note folded over several li\r\n"
        b" nes by the phone.\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
        b"X-VAULTTOOLS-GROUP:peer\r\nCATEGORIES:peer\r\n"
        b"UID:urn:uuid:8c1f0a3e-0000-4000-8000-000000000001\r\nEND:VCARD\r\n")
    report = sync(run, vault)
    assert report["pulled"]["changed"] == [{"path": "People/Ada.md", "changes": [
        "phone: (unset) -> +44 7700 900123", "company: (unset) -> Müller GmbH"]}]
    note = (vault / "People" / "Ada.md").read_text(encoding="utf-8")
    assert "Lisbon" not in note and "PHOTO" not in note  # what notes do not keep
    card = ada.read_bytes().decode("utf-8")
    for kept in ("item1.EMAIL;type=INTERNET;type=pref:ada@example.com\r\n",
                 "item1.X-ABLabel:_$!<Other>!$_\r\n",
                 "item2.TEL;type=CELL;type=VOICE:+44 7700 900123\r\n",
                 "item2.X-ABLabel:_$!<Mobile>!$_\r\n", "ORG:Müller GmbH\r\n",
                 "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"):
        assert kept in card, kept
    assert "NOTE:Met at the conference in Lisbon\\, a long note folded" in card
    assert "PRODID" not in card  # the phone's app, not ours: left out of our card
    before = files(contacts)
    assert sync(run, vault)["contacts"]["written"] == [] and files(contacts) == before


GOLDEN = Path(__file__).parent / "golden" / "sync"


def test_cards_and_events_are_the_same_bytes_as_committed(dirs: tuple[Path, Path, Path],
                                                          run: Run) -> None:
    """The bytes a phone receives do not move with a library's or Python's version: a
    change here re-uploads every card and event. Regenerate with UPDATE_GOLDEN=1 and
    read the diff."""
    vault, contacts, reminders = dirs
    sync(run, vault)
    made = {f"{folder.name}/{path.name}": path.read_bytes()
            for folder in (contacts, reminders) for path in sorted(folder.iterdir())}
    if os.environ.get("UPDATE_GOLDEN"):
        for relpath, data in made.items():
            (GOLDEN / relpath).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / relpath).write_bytes(data)
    expected = {f"{folder.name}/{path.name}": path.read_bytes()
                for folder in sorted(GOLDEN.iterdir()) for path in sorted(folder.iterdir())}
    assert made == expected


def test_a_contact_archived_or_out_of_the_groups_leaves_the_phone(tmp_path: Path,
                                                                  run: Run) -> None:
    folder = tmp_path / "contacts"
    vault = write_vault(tmp_path / "v", dict(NOTES),
                        config=f'[sync]\ncontacts = "{folder.as_posix()}"\n'
                               'groups = ["peer", "mentor"]\n')
    sync(run, vault)
    assert len(list(folder.iterdir())) == 2
    assert vt(run, vault, "archive", "Ada").exit_code == 0
    assert vt(run, vault, "set", "group=client", "Ben").exit_code == 0
    report = sync(run, vault)
    assert len(report["contacts"]["removed"]) == 2 and list(folder.iterdir()) == []
    assert (vault / "People" / "Ada.md").exists() and (vault / "People" / "Ben.md").exists()

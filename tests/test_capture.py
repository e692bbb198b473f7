"""capture: mail the user already has, logged as `log` would, answered or not.

The fixture is shaped like a Gmail Takeout mbox (`From <id>@xxx` separators,
X-GM-THRID and X-Gmail-Labels headers, a quoted `>From` body line, an RFC 2047
subject, a list digest, an auto-reply, a no-reply receipt, a date that does
not parse and a truncated last message); the Maildir tests lay the same
messages out as mbsync does (nested folders, cur/ and new/).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from vaulttools.capture.mail import mail_kind, read_mail

from conftest import REPO, Run, snapshot, vt, write_vault

TAKEOUT = REPO / "tests" / "fixtures" / "capture" / "takeout.mbox"
CONFIG = '[capture]\nme = ["Me@Example.com"]\n'
PEOPLE = {
    "Jane Doe.md": "---\nname: Jane Doe\nemail: jane@acme.example\n---\n",
    "Bob Smith.md": "---\nname: Bob Smith\nemails: [bob@smith.example]\n"
                    "last_contact: 2026-10-01\n---\n## Log\n- 2026-10-01 call: Catch-up.\n",
}
JANE_LOG = ("## Log\n"
            "- 2026-11-09 email: Lunch next week? % <!- hidden ->\n"
            "- 2026-11-04 email: Über die Konferenz ＃fun\n"
            "- 2026-11-03 email: Lunch next week? #inbound\n"
            "- 2026-11-02 email: Lunch next week?\n")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", dict(PEOPLE), config=CONFIG)


def _note(vault: Path, name: str) -> str:
    return (vault / "People" / f"{name}.md").read_text(encoding="utf-8")


def _capture(run: Run, vault: Path, *args: str, today: str = "2026-11-21") -> dict:  # type: ignore[type-arg]
    result = vt(run, vault, "capture", *args, "--json", today=today)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_takeout_mbox_is_logged_as_log_would(vault: Path, run: Run) -> None:
    result = vt(run, vault, "capture", str(TAKEOUT))
    assert result.exit_code == 0, result.output
    jane = _note(vault, "Jane Doe")
    assert jane.endswith("last_contact: 2026-11-04\n---\n\n" + JANE_LOG)
    bob = _note(vault, "Bob Smith")
    # Bob's only answer was an auto-reply: no answer; last_contact stays.
    assert "last_contact: 2026-10-01\n" in bob
    assert "- 2026-11-04 email: Über die Konferenz ＃fun #noreply\n- 2026-10-01 call" in bob
    assert "message 6: a date that does not parse: 'not a date at all'" in result.stderr
    assert ("8 mails read, 5 lines logged; skipped: 1 auto-reply, 1 mailing list, "
            "1 no-reply sender; 2 waiting for an answer") in result.stderr
    assert ("add? people you write to or meet who have no note: "
            "unknown.person@elsewhere.example (1)") in result.stderr
    for word in ("never read", "Thursday works", "Lots of news", "JVBERi0"):  # bodies
        assert word not in jane + bob
    shown = json.loads(vt(run, vault, "show", "jane", "--json").stdout)
    assert [(i["date"], i["channel"], i["flags"]) for i in shown["interactions"]][:3] == [
        ("2026-11-09", "email", []), ("2026-11-04", "email", []),
        ("2026-11-03", "email", ["inbound"])]


def test_a_second_run_logs_nothing_and_the_users_edits_stand(vault: Path, run: Run) -> None:
    _capture(run, vault, str(TAKEOUT))
    before = snapshot(vault)
    again = _capture(run, vault, str(TAKEOUT))
    assert again["lines"] == 0 and snapshot(vault) == before
    jane = vault / "People" / "Jane Doe.md"
    edited = _note(vault, "Jane Doe").replace(
        "- 2026-11-02 email: Lunch next week?\n", "").replace(
        "email: Über die Konferenz ＃fun", "email: The conference (my words)")
    jane.write_text(edited, encoding="utf-8")
    _capture(run, vault, str(TAKEOUT))
    assert _note(vault, "Jane Doe") == edited


def test_noreply_is_set_when_the_wait_is_over_and_cleared_by_the_answer(
    vault: Path, run: Run, tmp_path: Path
) -> None:
    _capture(run, vault, str(TAKEOUT))  # 2026-11-21: the 9 Nov mail waits (14d)
    assert "- 2026-11-09 email: Lunch next week? % <!- hidden ->\n" in _note(vault, "Jane Doe")
    later = _capture(run, vault, str(TAKEOUT), today="2026-11-24")
    marked = "- 2026-11-09 email: Lunch next week? % <!- hidden -> #noreply\n"
    assert later["lines"] == 0 and marked in _note(vault, "Jane Doe")
    assert "last_contact: 2026-11-04" in _note(vault, "Jane Doe")
    answer = tmp_path / "answer.eml"
    answer.write_bytes(
        b"Date: Wed, 25 Nov 2026 08:30:00 +0100\r\nMessage-ID: <JD9@acme.example>\r\n"
        b"In-Reply-To: <CAF1008@mail.gmail.com>\r\nSubject: Re: Lunch next week?\r\n"
        b"From: Jane Doe <jane@acme.example>\r\nTo: me@example.com\r\n\r\nSorry, late!\r\n")
    cleared = _capture(run, vault, str(TAKEOUT), str(answer), today="2026-11-26")
    jane = _note(vault, "Jane Doe")
    assert cleared["lines"] == 1 and marked not in jane
    assert "- 2026-11-25 email: Lunch next week? #inbound\n" \
           "- 2026-11-09 email: Lunch next week? % <!- hidden ->\n" in jane
    assert "last_contact: 2026-11-25" in jane
    assert _capture(run, vault, str(TAKEOUT), str(answer), today="2026-12-30")["lines"] == 0
    assert _note(vault, "Jane Doe") == jane


def test_a_waiting_line_the_user_changed_is_left_alone(vault: Path, run: Run) -> None:
    _capture(run, vault, str(TAKEOUT))
    jane = vault / "People" / "Jane Doe.md"
    mine = _note(vault, "Jane Doe").replace("Lunch next week? % <!- hidden ->",
                                            "Asked again about lunch")
    jane.write_text(mine, encoding="utf-8")
    _capture(run, vault, str(TAKEOUT), today="2026-12-01")
    assert _note(vault, "Jane Doe") == mine


def _maildir(root: Path) -> Path:
    """The fixture's messages as mbsync lays them out: INBOX and Sent, cur/ and new/."""
    text = TAKEOUT.read_bytes()
    messages = [m for m in re.split(rb"(?m)^From \S+@xxx [^\n]*\n", text) if m.strip()]
    for number, body in enumerate(messages):
        folder = root / ("Sent" if b"X-Gmail-Labels: Sent" in body else "INBOX")
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        sub = "new" if number % 2 else "cur"
        (folder / sub / f"1700000{number}.M{number}P1.host:2,S").write_bytes(body)
    return root


def test_a_maildir_and_a_folder_of_eml_give_the_same_lines(tmp_path: Path, run: Run) -> None:
    maildir = _maildir(tmp_path / "Maildir")
    assert mail_kind(maildir / "INBOX") == "maildir" and mail_kind(TAKEOUT) == "mbox"
    one = write_vault(tmp_path / "one", dict(PEOPLE), config=CONFIG)
    _capture(run, one, str(maildir))
    assert _note(one, "Jane Doe").endswith(JANE_LOG)
    emls = tmp_path / "eml"
    emls.mkdir()
    for number, path in enumerate(sorted(maildir.rglob("*:2,S"))):
        shutil.copy(path, emls / f"{number}.eml")
    two = write_vault(tmp_path / "two", dict(PEOPLE), config=CONFIG)
    _capture(run, two, str(emls))
    assert _note(two, "Jane Doe") == _note(one, "Jane Doe")
    assert _note(two, "Bob Smith") == _note(one, "Bob Smith")


def test_the_config_names_the_sources_and_what_to_leave_out(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(PEOPLE), config=(
        f'[capture]\nme = ["me@example.com"]\nmail = ["{TAKEOUT.as_posix()}"]\n'
        'exclude = ["bob@*"]\nsubjects = false\nreply_within = "30d"\n'))
    bob = _note(vault, "Bob Smith")
    result = _capture(run, vault)
    assert "Bob Smith" not in json.dumps(result["edits"]) and _note(vault, "Bob Smith") == bob
    jane = _note(vault, "Jane Doe")
    assert "- 2026-11-02 email: (sent)\n" in jane and "- 2026-11-03 email: (received) #inbound\n" \
        in jane
    assert "#noreply" not in jane  # 30 days have not passed


def test_a_dry_run_writes_nothing_not_even_the_ledger(vault: Path, run: Run) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "capture", str(TAKEOUT), "--dry-run")
    assert result.exit_code == 0
    assert "+- 2026-11-02 email: Lunch next week?" in result.stdout
    assert snapshot(vault) == before
    assert _capture(run, vault, str(TAKEOUT))["lines"] == 5  # the dry run remembered nothing


def test_matching_uses_every_address_a_note_holds(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\nname: Jane Doe\nE-mail: [old@jane.example, JANE@acme.example]\n---\n",
        "Twin A.md": "---\nemail: bob@smith.example\n---\n",
        "Twin B.md": "---\nemail: bob@smith.example\n---\n",
    }, config=CONFIG + '[fields]\nemail = ["E-mail"]\n')
    result = vt(run, vault, "capture", str(TAKEOUT))
    assert "- 2026-11-03 email: Lunch next week? #inbound" in _note(vault, "Jane Doe")
    assert "bob@smith.example is on more than one note" in result.stderr
    assert "## Log" not in _note(vault, "Twin A") + _note(vault, "Twin B")


def test_a_day_already_logged_by_hand_is_not_logged_again(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\nemail: jane@acme.example\n---\n## Log\n"
                       "- 2026-11-02 email: Asked her to lunch\n"}, config=CONFIG)
    _capture(run, vault, str(TAKEOUT))
    jane = _note(vault, "Jane Doe")
    assert "Asked her to lunch" in jane and "- 2026-11-02 email: Lunch" not in jane


@pytest.mark.parametrize("config, message", [
    ("", "capture needs your own addresses"),
    ('[capture]\nme = ["me@example.com"]\nbogus = 1\n', "unknown key capture.'bogus'"),
    ('timezone = "Mars/Olympus"\n', "timezone: 'Mars/Olympus' is not a time zone"),
    ('[capture]\nme = ["me@example.com"]\nreply_within = "never"\n', "a span such as 14d"),
])
def test_configuration_mistakes_are_named(tmp_path: Path, run: Run, config: str,
                                          message: str) -> None:
    vault = write_vault(tmp_path / "v", dict(PEOPLE), config=config)
    result = vt(run, vault, "capture", str(TAKEOUT))
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_a_source_that_is_no_mail_is_named_and_nothing_is_written(
    vault: Path, run: Run, tmp_path: Path
) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    before = snapshot(vault)
    result = vt(run, vault, "capture", str(photo))
    assert result.exit_code == 1
    assert f"{photo}: not a mail file" in result.stderr and "Traceback" not in result.output
    assert snapshot(vault) == before


def test_headers_in_any_charset_and_raw_8bit_are_read(tmp_path: Path) -> None:
    box = tmp_path / "x.mbox"
    box.write_bytes(
        b"From a@b Mon Nov  2 10:00:00 2026\n"
        b"Date: Mon, 2 Nov 2026 10:00:00 +0000\nFrom: =?ISO-8859-1?Q?J=F6rg?= <jorg@x.example>\n"
        b"To: me@example.com\nSubject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?= and =?bogus?Q?x?=\n\n"
        b"body\n\n"
        b"From a@b Mon Nov  2 11:00:00 2026\n"
        b"Date: Mon, 2 Nov 2026 11:00:00 +0000\nFrom: anna@x.example\nTo: me@example.com\n"
        b"Subject: Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln\n\nbody\n")
    found = read_mail([box])
    assert not found.problems
    assert [m.sender for m in found.messages] == ["jorg@x.example", "anna@x.example"]
    assert found.messages[1].subject == "Grüße aus Köln"
    assert "日本語" in found.messages[0].subject


GOOGLE = REPO / "tests" / "fixtures" / "capture" / "google-calendar.ics"


def test_a_google_calendar_export_logs_the_meetings_that_happened(
    vault: Path, run: Run
) -> None:
    """Recurrences expanded (an EXDATE skipped, a moved occurrence on its new day), a
    floating time read in X-WR-TIMEZONE, declined and cancelled events left out, and
    the future not yet an interaction."""
    config = vault / ".vaulttools.toml"
    config.write_text('timezone = "Europe/Berlin"\n' + config.read_text(), encoding="utf-8")
    result = vt(run, vault, "capture", str(GOOGLE))
    assert result.exit_code == 0, result.output
    bob = _note(vault, "Bob Smith")
    assert ("## Log\n"
            "- 2026-11-16 meeting: Late sync ＃weekly\n"
            "- 2026-11-13 meeting: Drinks (floating time, in the calendar's zone)\n"
            "- 2026-11-09 meeting: Late sync ＃weekly\n"
            "- 2026-11-04 meeting: Late sync (moved to the morning)\n"
            "- 2026-10-26 meeting: Late sync ＃weekly\n"
            "- 2026-10-12 meeting: Late sync ＃weekly\n"
            "- 2026-10-01 call: Catch-up.\n") in bob
    assert "last_contact: 2026-11-16" in bob
    jane = _note(vault, "Jane Doe")
    assert jane.endswith("## Log\n- 2026-11-12 meeting: Grid storage day\n"
                         "- 2026-11-05 meeting: Lunch with Jane\n")
    for left_out in ("Offsite", "Cancelled", "Next quarter", "agenda"):
        assert left_out not in bob + jane
    assert "10 events read, 8 lines logged; skipped: 1 cancelled event, 1 declined by you" \
        in result.stderr
    assert "stranger@elsewhere.example (1)" in result.stderr
    assert _capture(run, vault, str(GOOGLE))["lines"] == 0


def test_the_day_of_a_meeting_is_the_day_in_the_users_zone(tmp_path: Path, run: Run) -> None:
    """Monday 23:30 in Berlin is Tuesday morning in Tokyo."""
    vault = write_vault(tmp_path / "v", dict(PEOPLE),
                        config='timezone = "Asia/Tokyo"\n' + CONFIG)
    _capture(run, vault, str(GOOGLE))
    bob = _note(vault, "Bob Smith")
    assert "- 2026-10-13 meeting: Late sync ＃weekly\n" in bob
    assert "- 2026-10-12 meeting" not in bob


def test_a_calendar_folder_as_vdirsyncer_keeps_it_and_a_bad_rule(
    tmp_path: Path, run: Run
) -> None:
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)

    def event(uid: str, start: str, extra: str = "") -> bytes:
        return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
                f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\n"
                f"DTEND:{start[:-5]}3000Z\r\nSUMMARY:Call {uid}\r\n{extra}"
                "ORGANIZER:mailto:me@example.com\r\nATTENDEE:mailto:jane@acme.example\r\n"
                "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    (folder / "a.ics").write_bytes(event("a", "20261102T080000Z"))
    (folder / "b.ics").write_bytes(event("b", "20261103T080000Z", "RRULE:FREQ=SOMETIMES\r\n"))
    (folder / "c.ics").write_bytes(event("c", "20261104T080000Z", "RRULE:FREQ=DAILY;COUNT=2\r\n"))
    (folder / "notes.txt").write_text("not a calendar")
    vault = write_vault(tmp_path / "v", dict(PEOPLE), config=(
        'timezone = "UTC"\n[capture]\nme = ["me@example.com"]\n'
        f'calendars = ["{(tmp_path / "calendars").as_posix()}"]\n'))
    result = vt(run, vault, "capture")
    assert result.exit_code == 0, result.output
    assert f"{folder / 'b.ics'}: a series it cannot expand" in result.stderr
    jane = _note(vault, "Jane Doe")
    assert ("- 2026-11-05 meeting: Call c\n- 2026-11-04 meeting: Call c\n"
            "- 2026-11-02 meeting: Call a\n") in jane


MESSAGES = REPO / "tests" / "fixtures" / "capture" / "messages.csv"
LINKEDIN_PEOPLE = {
    "Jane Doe.md": "---\nlinkedin: linkedin.com/in/jane-doe\n---\n",
    "Sunita Rao.md": "---\ngroup: peer\n---\n",
    "Kenji Tanaka.md": "---\nlinkedin: https://www.linkedin.com/in/kenji-t?trk=x\n---\n",
}


def test_linkedin_messages_from_the_export_zip(tmp_path: Path, run: Run) -> None:
    """Matched on the profile URL (any form), else on the exact name LinkedIn gives;
    drafts left out; an unanswered message is #noreply as a mail is."""
    import zipfile

    export = tmp_path / "Basic_LinkedInDataExport_12-01-2026.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("messages.csv", MESSAGES.read_bytes())
        archive.writestr("Connections.csv", "First Name,Last Name,URL\n")
    vault = write_vault(tmp_path / "v", dict(LINKEDIN_PEOPLE), config=(
        '[capture]\nme = ["https://www.LinkedIn.com/in/me-myself/"]\n'
        f'linkedin = ["{export.as_posix()}"]\n'))
    result = vt(run, vault, "capture")
    assert result.exit_code == 0, result.output
    assert _note(vault, "Jane Doe").endswith(
        "## Log\n- 2026-11-03 linkedin: (received) #inbound\n- 2026-11-02 linkedin: (sent)\n")
    assert _note(vault, "Sunita Rao").endswith(
        "## Log\n- 2026-10-20 linkedin: Congrats on the launch #inbound\n")
    assert _note(vault, "Kenji Tanaka").endswith(
        "## Log\n- 2026-10-01 linkedin: (sent) #noreply\n")
    assert "Draft" not in _note(vault, "Kenji Tanaka")
    assert "line 7: a date that does not parse: 'yesterday-ish'" in result.stderr
    assert "6 LinkedIn messages read, 4 lines logged" in result.stderr
    assert vt(run, vault, "capture", str(MESSAGES)).stderr.count("lines logged") == 1
    assert _capture(run, vault, str(MESSAGES))["lines"] == 0


def test_an_unchanged_source_is_not_read_again_until_a_new_person_needs_it(
    tmp_path: Path, run: Run
) -> None:
    """A second run stats the mbox and reads nothing; a note added for someone in it
    makes the next run read it again, and log that person's history."""
    box = tmp_path / "mail.mbox"
    shutil.copy(TAKEOUT, box)
    vault = write_vault(tmp_path / "v", {"Jane Doe.md": PEOPLE["Jane Doe.md"]}, config=CONFIG)
    first = _capture(run, vault, str(box))
    assert first["messages"] == 8 and first["unchanged_files"] == 0
    # Who wrote without a note is counted, but when they wrote is not kept: a note
    # for them changes the address book, and every file is read again.
    from vaulttools.capture.ledger import load_ledger

    assert set(load_ledger(vault).last_heard) == {"jane@acme.example"}
    again = _capture(run, vault, str(box))
    assert again["messages"] == 0 and again["unchanged_files"] == 1
    assert {"address": "bob@smith.example", "messages": 1} in again["unknown"]
    (vault / "People" / "Bob Smith.md").write_text(PEOPLE["Bob Smith.md"], encoding="utf-8")
    third = _capture(run, vault, str(box))
    assert third["messages"] == 8 and third["lines"] == 1
    assert "- 2026-11-04 email: Über die Konferenz ＃fun #noreply" in _note(vault, "Bob Smith")
    assert "Jane Doe" not in json.dumps(third["edits"])
    with box.open("ab") as handle:  # new mail arrives
        handle.write(b"\nFrom x@xxx Fri Nov 20 08:00:00 2026\nDate: Fri, 20 Nov 2026 09:00:00 "
                     b"+0100\nMessage-ID: <new@acme.example>\nSubject: News\n"
                     b"From: jane@acme.example\nTo: me@example.com\n\nHello\n")
    fourth = _capture(run, vault, str(box))
    assert fourth["lines"] == 1 and "- 2026-11-20 email: News #inbound" in _note(vault, "Jane Doe")


def test_status_says_what_each_source_gave(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(PEOPLE), config=(
        f'timezone = "Europe/Berlin"\n[capture]\nme = ["me@example.com"]\n'
        f'mail = ["{TAKEOUT.as_posix()}"]\ncalendars = ["{GOOGLE.as_posix()}"]\n'))
    before = vt(run, vault, "capture", "--status")
    assert before.stdout == f"{TAKEOUT}: never read\n{GOOGLE}: never read\n"
    assert vt(run, vault, "capture").exit_code == 0
    status = vt(run, vault, "capture", "--status", today="2026-11-22")
    lines = status.stdout.splitlines()
    assert lines[0] == (f"{TAKEOUT} (mail): read 2026-11-21, checked 2026-11-21: 8 mails, "
                        "5 lines; skipped: 1 auto-reply, 1 mailing list, 1 no-reply sender; "
                        "1 problem")
    assert lines[1].startswith(f"{GOOGLE} (calendar): read 2026-11-21, checked 2026-11-21: "
                               "10 events, 8 lines; skipped: 1 cancelled event")
    assert lines[2] == "2 messages you sent wait for an answer"
    data = json.loads(vt(run, vault, "capture", "--status", "--json").stdout)
    assert data["sources"][0]["items"] == 8 and data["waiting"] == 2
    assert vt(run, vault, "capture", "--status", "--dry-run").exit_code == 2


def test_since_leaves_out_what_came_before(vault: Path, run: Run) -> None:
    result = _capture(run, vault, str(TAKEOUT), "--since", "2026-11-04")
    jane = _note(vault, "Jane Doe")
    assert "2026-11-03" not in jane and "- 2026-11-04 email" in jane
    assert result["lines"] == 3
    assert _capture(run, vault, str(TAKEOUT))["lines"] == 2  # the rest, later


def test_review_suggests_the_people_capture_met_without_a_note(tmp_path: Path,
                                                               run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Jane Doe.md": PEOPLE["Jane Doe.md"]},
                        config='timezone = "Europe/Berlin"\n' + CONFIG)
    assert vt(run, vault, "capture", str(TAKEOUT), str(GOOGLE)).exit_code == 0
    items = json.loads(vt(run, vault, "review", "--json").stdout)
    added = {i["name"]: i["reasons"][0] for i in items if i["path"] is None}
    assert added == {"bob@smith.example": "add? 7 mails and meetings with you, and no note: "
                                          "vaulttools new NAME --email bob@smith.example"}
    text = vt(run, vault, "review")
    assert "bob@smith.example" in text.stdout and "1 person to add" in text.stderr
    (vault / "People" / "Bob Smith.md").write_text("---\nemail: bob@smith.example\n---\n")
    assert "bob@smith.example" not in vt(run, vault, "review").stdout


def test_show_names_the_next_meeting_a_calendar_holds(vault: Path, run: Run) -> None:
    config = vault / ".vaulttools.toml"
    config.write_text('timezone = "Europe/Berlin"\n' + config.read_text(), encoding="utf-8")
    assert vt(run, vault, "capture", str(GOOGLE)).exit_code == 0
    assert "Next quarter planning" not in _note(vault, "Jane Doe")  # not an interaction
    shown = json.loads(vt(run, vault, "show", "jane", "--json").stdout)
    assert shown["next_meeting"] == {"date": "2026-12-10", "title": "Next quarter planning"}
    assert "next meeting: 2026-12-10 Next quarter planning" in vt(run, vault, "show", "jane").stdout
    later = json.loads(vt(run, vault, "show", "jane", "--json", today="2026-12-11").stdout)
    assert later["next_meeting"] is None
    assert json.loads(vt(run, vault, "show", "bob", "--json").stdout)["next_meeting"] is None


def test_a_lost_or_broken_ledger_writes_nothing_twice(vault: Path, run: Run,
                                                      tmp_path: Path) -> None:
    """The note is the truth: without the ledger, what the notes already log is not
    logged again; a ledger that does not read is set aside, not trusted half-read."""
    from vaulttools.capture.ledger import ledger_path

    _capture(run, vault, str(TAKEOUT))
    before = snapshot(vault)
    path = ledger_path(vault)
    path.write_text("{not json", encoding="utf-8")
    assert _capture(run, vault, str(TAKEOUT))["lines"] == 0
    assert path.with_suffix(".broken").read_text() == "{not json"
    path.unlink()
    assert _capture(run, vault, str(TAKEOUT))["lines"] == 0
    assert snapshot(vault) == before


def test_what_was_taken_in_is_read_only_when_something_is_new(tmp_path: Path,
                                                               run: Run) -> None:
    """The keys of what was captured grow with every mail: they live in a second file
    that a run with nothing new never opens (here: a damaged one is left as it is),
    and a run with new mail reads (or, damaged, sets aside) without logging twice."""
    from vaulttools.capture.ledger import ledger_path, seen_path

    box = tmp_path / "mail.mbox"
    shutil.copy(TAKEOUT, box)
    vault = write_vault(tmp_path / "v", dict(PEOPLE), config=CONFIG)
    _capture(run, vault, str(box))
    seen = seen_path(ledger_path(vault))
    assert "jane@acme.example" not in seen.read_text()  # keys and digests only
    assert len(json.loads(seen.read_text())["captured"]) == 5
    seen.write_text("{damaged", encoding="utf-8")
    assert _capture(run, vault, str(box))["unchanged_files"] == 1
    assert seen.read_text() == "{damaged"  # never opened
    jane, bob = _note(vault, "Jane Doe"), _note(vault, "Bob Smith")
    with box.open("ab") as handle:  # new mail: the whole mbox is read again
        handle.write(b"\nFrom x@xxx Fri Nov 20 08:00:00 2026\nDate: Fri, 20 Nov 2026 09:00:00 "
                     b"+0100\nMessage-ID: <new@acme.example>\nSubject: News\n"
                     b"From: jane@acme.example\nTo: me@example.com\n\nHello\n")
    assert _capture(run, vault, str(box))["lines"] == 1  # the new mail, nothing twice
    assert seen.with_suffix(".broken").read_text() == "{damaged"
    assert _note(vault, "Bob Smith") == bob
    assert _note(vault, "Jane Doe").replace("- 2026-11-20 email: News #inbound\n", "") == (
        jane.replace("last_contact: 2026-11-04", "last_contact: 2026-11-20"))


def test_a_ledger_written_by_the_first_capture_release_is_read_and_moved(
    vault: Path, run: Run
) -> None:
    from vaulttools.capture.ledger import ledger_path, seen_path

    _capture(run, vault, str(TAKEOUT))
    path = ledger_path(vault)
    seen = seen_path(path)
    old = {**json.loads(path.read_text()), **json.loads(seen.read_text()), "version": 1}
    path.write_text(json.dumps(old), encoding="utf-8")
    seen.unlink()
    before = snapshot(vault)
    assert _capture(run, vault, str(TAKEOUT))["lines"] == 0
    assert snapshot(vault) == before
    assert json.loads(seen.read_text())["captured"] == old["captured"]
    assert "captured" not in json.loads(path.read_text())

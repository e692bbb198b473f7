"""Reading what real address books write, and the round trip export -> import.

Each fixture is built here in the real format (Apple, Android, vCard 2.1/3.0/4.0,
Google CSV) with synthetic people. The first test records what vobject, the
field's library, gets wrong on the same cards: why the reader is our own.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
import vobject

from vaulttools.io.vcard import read_vcards

from conftest import EXAMPLE, Run, vt, write_vault

APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
    "N:Apple;Jo;;;\r\nFN:Jo Apple\r\nNICKNAME:Jo,JA\r\nNICKNAME:Joey\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-01\r\n"
    "item1.X-ABDATE;type=pref:2010-06-01\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\n"
    "item2.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-09-10\r\n"
    "item2.X-ABLabel:First day at ACME\r\n"
    "END:VCARD\r\n"
)
MISSING_END = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\n"
               "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:After It\r\nEND:VCARD\r\n")
BROKEN_LINE = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half Read\r\nthis line is broken\r\n"
               "EMAIL:half@example.org\r\nEND:VCARD\r\n")


def people_of(text: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "cards.vcf"
    path.write_text(text, encoding="utf-8")
    return read_vcards(path)


def test_what_vobject_gets_wrong_and_the_reader_gets_right(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    def read(text: str) -> list[vobject.base.Component]:
        return list(vobject.readComponents(text, allowQP=True, ignoreUnreadable=True))

    # 1. A nickname list loses all but its first name.
    assert [n.value for n in read(APPLE)[0].contents["nickname"]] == ["Jo", "Joey"]
    assert people_of(APPLE, tmp_path).people[0].aliases == ["Jo", "JA", "Joey"]
    # 2. A card missing END:VCARD stops the whole file.
    with pytest.raises(vobject.base.ParseError):
        read(MISSING_END)
    result = people_of(MISSING_END, tmp_path)
    assert [p.name for p in result.people] == ["After It"]
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "card has no END:VCARD; skipped")]
    # 3. A broken line is dropped, the card kept, and only the log module hears of it.
    with caplog.at_level(logging.ERROR):
        card = read(BROKEN_LINE)[0]
    assert card.fn.value == "Half Read" and "Skipped line" in caplog.text
    result = people_of(BROKEN_LINE, tmp_path)
    assert result.people == []
    assert str(tmp_path / "cards.vcf") == result.problems[0].path
    assert result.problems[0].line == 4 and "card starting on line 1" in result.problems[0].message


def test_apple_dates_nicknames_and_labels(tmp_path: Path) -> None:
    jo = people_of(APPLE, tmp_path).people[0]
    assert jo.birthday == "--12-01"  # not "turns 422"
    assert jo.anniversaries == {"anniversary": "2010-06-01", "First day at ACME": "--09-10"}


@pytest.mark.parametrize(("line", "expected"), [
    ("BDAY:--1203", "--12-03"),                       # vCard 4.0, no year
    ("BDAY;VALUE=date:--0302", "--03-02"),            # Apple 3.0, no year
    ("BDAY:1604-05-06", "--05-06"),                   # Apple's no-year year, parameter lost
    ("BDAY:19850302", "1985-03-02"),
    ("BDAY:1985-03-02T00:00:00Z", "1985-03-02"),      # Android
])
def test_birthday_forms(tmp_path: Path, line: str, expected: str) -> None:
    card = f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:B Day\r\n{line}\r\nEND:VCARD\r\n"
    assert people_of(card, tmp_path).people[0].birthday == expected


def test_vcard_4_anniversary(tmp_path: Path) -> None:
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A Nn\r\nANNIVERSARY:20100601\r\nEND:VCARD\r\n"
    assert people_of(card, tmp_path).people[0].anniversaries == {"anniversary": "2010-06-01"}


def test_google_events_nickname_and_name_prefix(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {})
    export = tmp_path / "google.csv"
    export.write_text(
        "First Name,Middle Name,Last Name,Name Prefix,Nickname,Birthday,Labels,"
        "Event 1 - Label,Event 1 - Value,Event 2 - Label,Event 2 - Value\n"
        "Amara,,Okafor,Dr.,Ama ::: Dr O,,* myContacts,Anniversary,2012-04-21,"
        "Graduation,--07-01\n", encoding="utf-8")
    legacy = tmp_path / "legacy.csv"
    legacy.write_text("Name,Given Name,Family Name,Name Prefix,Group Membership\n"
                      "Prof. Ken Ito,,,Prof.,* myContacts\n", encoding="utf-8")
    assert vt(run, vault, "import", "google", str(export)).exit_code == 0
    assert vt(run, vault, "import", "google", str(legacy)).exit_code == 0
    listed = {c["name"]: c for c in json.loads(vt(run, vault, "list", "--json").stdout)}
    assert sorted(listed) == ["Amara Okafor", "Ken Ito"]
    amara = listed["Amara Okafor"]
    assert amara["aliases"] == ["Ama", "Dr O"]
    assert amara["anniversaries"] == {"anniversary": "2012-04-21", "Graduation": "--07-01"}
    draft = vt(run, vault, "draft", "Amara", "--occasion", "checkin")
    assert draft.stdout.startswith("Hi Amara,\n")  # the prefix is not a first name


FIELDS = ("groups", "aliases", "birthday", "anniversaries", "company", "title", "emails",
          "phones", "linkedin", "location", "uid", "status")


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_export_then_import_gives_every_person_back(tmp_path: Path, run: Run,
                                                    version: str) -> None:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    assert vt(run, source, "uid", "--add").exit_code == 0
    # A contact with everything the round trip must carry, labels and a year-less date too.
    (source / "People" / "Round Trip.md").write_text(
        "---\nname: Round Trip\naliases: [RT, Trip]\ngroup: [mentor, client]\n"
        "tags: [alpha]\ncompany: Acme, Inc.\ntitle: CTO\n"
        "email: [rt@example.org, trip@example.net]\nphone: [\"07700900456\", \"+1 555 0100\"]\n"
        "birthday: --02-29\nanniversaries: {anniversary: 2010-06-01, First day: --09-10}\n"
        "status: paused\nuid: 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b\n---\n", encoding="utf-8")
    card = tmp_path / "all.vcf"
    assert vt(run, source, "export", "vcard", "--version", version, "--status", "all",
              "-o", str(card)).exit_code == 0
    assert f"VERSION:{version}" in card.read_text(encoding="utf-8")
    target = write_vault(tmp_path / "target", {})
    result = vt(run, target, "import", "vcard", str(card))
    assert result.exit_code == 0, result.output
    before = {c["name"]: c for c in json.loads(
        vt(run, source, "list", "--json", "--status", "all").stdout)}
    after = {c["name"]: c for c in json.loads(
        vt(run, target, "list", "--json", "--status", "all").stdout)}
    assert sorted(after) == sorted(before)
    for name, contact in before.items():
        for key in FIELDS:
            assert after[name][key] == contact[key], (name, key)
        assert after[name]["tags"] == ["vcard", *contact["tags"]], name
    again = vt(run, target, "import", "vcard", str(card))
    assert f"0 new, 0 updated, {len(before)} unchanged" in again.stderr

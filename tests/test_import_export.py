"""Imports from real-format fixtures (every quirk of issue 6), exports parsed back by
icalendar and vobject, and idempotence: importing twice yields each person once.

The fixtures in tests/fixtures/import/ are written by make_fixtures.py there.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import icalendar
import pytest
import vobject

from conftest import EXAMPLE, TODAY, Run, contacts, snapshot, vt, write_vault

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", {})


def test_linkedin_with_every_quirk_twice_yields_each_person_once(vault: Path, run: Run) -> None:
    first = vt(run, vault, "import", "linkedin", str(FIXTURES / "linkedin_connections.csv"))
    assert first.exit_code == 0, first.output
    assert "linkedin: 5 new, 0 updated, 0 unchanged, 1 repeated row merged, 0 ambiguous, " \
           "0 problems" in first.stderr
    people = contacts(run, vault)
    assert sorted(people) == ["Jane Doe", "Marcus Chen", "Priya Raman", "Zoë Müller",
                              "Élodie Martin"]
    priya = people["Priya Raman"]
    assert priya["company"] == "Helix Labs, Inc."
    assert priya["title"] == "ML Engineer, Forecasting"
    assert priya["linkedin"] == "https://www.linkedin.com/in/priyaraman"
    assert priya["met"] == "2023-01-02"
    assert priya["groups"] == ["unsorted"] and priya["tags"] == ["linkedin"]
    assert people["Marcus Chen"]["linkedin"] == "https://www.linkedin.com/in/marcus-chen-12345"
    assert people["Élodie Martin"]["title"] == 'Designer "UX"'
    assert people["Jane Doe"]["emails"] == ["jane@example.com"]
    before = snapshot(vault)
    second = vt(run, vault, "import", "linkedin", str(FIXTURES / "linkedin_connections.csv"))
    assert "linkedin: 0 new, 0 updated, 5 unchanged" in second.stderr
    assert snapshot(vault) == before
    assert vt(run, vault, "check").exit_code == 0


def test_linkedin_older_layout_without_url(vault: Path, run: Run) -> None:
    result = vt(run, vault, "import", "linkedin", str(FIXTURES / "linkedin_old_layout.csv"))
    assert result.exit_code == 0
    people = contacts(run, vault)
    assert people["Tom Becker"]["emails"] == ["tom.becker@example.net"]
    assert people["Noah Williams"]["met"] == "2010-09-01"


def test_not_a_linkedin_file_is_a_clear_problem(vault: Path, run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b,c\n1,2,3\n")
    result = vt(run, vault, "import", "linkedin", str(other))
    assert result.exit_code == 1  # nothing could be read: a user mistake, said as one
    assert f"problem: {other}:1: error: no header row with 'First Name' and 'Last Name'" \
        in result.stderr
    assert f"vaulttools: error: nothing to import from {other}" in result.stderr


def test_vcard_folder_of_mixed_versions_reports_the_broken_card(vault: Path, run: Run) -> None:
    result = vt(run, vault, "import", "vcard", str(FIXTURES / "vcards"))
    assert result.exit_code == 0, result.output
    assert "mixed-40.vcf:15: error: card starting on line 12: cannot read" in result.stdout
    assert "vcard: 5 new" in result.stderr
    people = contacts(run, vault)
    assert "Broken Card" not in people
    jurgen = people["Jürgen Müller"]  # vCard 2.1 quoted-printable UTF-8
    assert jurgen["phones"] == ["+49 170 1234567", "+49 30 123456"]
    assert jurgen["company"] == "Siemens"
    body = (vault / "People" / "Jürgen Müller.md").read_text()
    assert "Met at the Berlin conference\nLikes sailing\n\n## Log" in body
    jane = people["Jane Doe"]  # Apple: grouped X-ABLabel, --MMDD, folded note, photo
    assert jane["linkedin"] == "https://www.linkedin.com/in/janedoe"
    assert jane["birthday"] == "--03-02"
    assert jane["emails"] == ["jane.doe@home.example"]
    jane_note = (vault / "People" / "Jane Doe.md").read_text()
    assert "folded over several lines by the exporting application, with an escaped" in jane_note
    assert "9j/4AAQ" not in jane_note
    grace = people["Grace Liu"]
    assert grace["location"] == "London, United Kingdom"
    assert grace["tags"] == ["vcard", "friends", "london-crew"]
    bob = people["Bob Smith"]  # vCard 4.0
    assert bob["emails"] == ["bob.smith@example.org", "bob@home.example"]
    assert bob["phones"] == ["+44-20-7946-0001"]
    assert bob["birthday"] == "1985-03-02"
    assert bob["anniversaries"] == {"anniversary": "2010-06-15"}
    assert bob["aliases"] == ["Bobby"]
    again = vt(run, vault, "import", "vcard", str(FIXTURES / "vcards"))
    assert "vcard: 0 new, 0 updated, 5 unchanged" in again.stderr
    assert vt(run, vault, "check").exit_code == 0


def test_google_current_and_legacy_layouts(vault: Path, run: Run) -> None:
    assert vt(run, vault, "import", "google", str(FIXTURES / "google_current.csv")).exit_code == 0
    assert vt(run, vault, "import", "google", str(FIXTURES / "google_legacy.csv")).exit_code == 0
    people = contacts(run, vault)
    sofia = people["Sofia Alvarez"]
    assert sofia["phones"] == ["+34 600 123 456", "+34 91 123 4567"]
    assert sofia["tags"] == ["google", "clients", "data-people"]
    assert sofia["linkedin"] == "https://www.linkedin.com/in/sofia-alvarez"
    assert sofia["location"] == "Madrid, Spain"
    assert sofia["birthday"] == "1990-07-14"
    kenji = people["Kenji Tanaka"]
    assert kenji["emails"] == ["kenji@kumodb.example", "kenji.t@gmail.example"]
    assert kenji["birthday"] == "--05-05" and kenji["aliases"] == ["Ken"]
    assert people["Acme Corp"]["emails"] == ["info@acme.example"]
    pedro = people["Pedro Santos"]
    assert pedro["company"] == "Onda" and pedro["title"] == "Head of Engineering"
    assert pedro["location"] == "São Paulo" and pedro["tags"] == ["google", "clients"]
    again = vt(run, vault, "import", "google", str(FIXTURES / "google_current.csv"))
    assert "google: 0 new" in again.stderr


def test_matches_fill_only_empty_fields_and_never_overwrite(tmp_path: Path, run: Run) -> None:
    mine = "---\nname: Jane Doe\ncompany: Acme Ltd   # how I write it\nphone:\n---\nMy notes.\n"
    vault = write_vault(tmp_path / "v", {"Jane.md": mine,
                                         "Marcus.md": "---\nname: Someone Else\nemail: "
                                         "marcus@ledgerly.example\n---\n"})
    result = vt(run, vault, "import", "vcard", str(FIXTURES / "vcards" / "apple-contacts-30.vcf"))
    assert "update: People/Jane.md (title, email, linkedin, birthday)" in result.stdout
    text = (vault / "People" / "Jane.md").read_text()
    assert "company: Acme Ltd   # how I write it\n" in text
    assert "title: VP Engineering\n" in text and text.endswith("---\nMy notes.\n")


def test_ambiguous_match_is_reported_and_skipped(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "A.md": "---\nname: Alpha\nemail: bob.smith@example.org\n---\n",
        "B.md": "---\nname: Beta\nemail: bob@home.example\n---\n",
    })
    before = snapshot(vault)
    result = vt(run, vault, "import", "vcard", str(FIXTURES / "vcards" / "mixed-40.vcf"))
    assert "ambiguous: Bob Smith (" in result.stdout
    assert "matches People/A.md, People/B.md; skipped" in result.stdout
    assert {k: v for k, v in snapshot(vault).items() if k.startswith("People/") and
            k in before} == {k: v for k, v in before.items() if k.startswith("People/")}


def test_same_name_different_email_is_a_different_person(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Bob Smith.md": "---\nemail: other@bob.example\n---\n"})
    vt(run, vault, "import", "vcard", str(FIXTURES / "vcards" / "mixed-40.vcf"))
    assert (vault / "People" / "Bob Smith 2.md").exists()
    assert (vault / "People" / "Bob Smith.md").read_text() == (
        "---\nemail: other@bob.example\n---\n")


def test_dry_run_previews_and_writes_nothing(vault: Path, run: Run) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "import", "linkedin", str(FIXTURES / "linkedin_connections.csv"),
                "--dry-run")
    assert result.stdout.splitlines()[0] == "new: People/Jane Doe.md"
    assert "dry run, nothing written" in result.stderr
    assert snapshot(vault) == before


def test_export_vcard_parses_with_vobject_and_reimports_without_duplicates(
    tmp_path: Path, run: Run
) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    out = tmp_path / "network.vcf"
    assert vt(run, vault, "export", "vcard", "-o", str(out)).exit_code == 0
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    names = [card.fn.value for card in cards]
    assert "Zoë Müller" in names and "Raj Patel" not in names  # archived left out
    jane = next(c for c in cards if c.fn.value == "Jane Doe")
    assert jane.version.value == "4.0"
    assert jane.email.value == "jane@example.com"
    assert jane.org.value == ["Acme"]
    bob = next(c for c in cards if c.fn.value == "Bob Smith")
    assert bob.bday.value == "--1203"
    before = snapshot(vault / "People")
    again = vt(run, vault, "import", "vcard", str(out))
    assert "vcard: 0 new" in again.stderr, again.output
    changed = {k for k, v in snapshot(vault / "People").items() if before.get(k) != v}
    assert all(not k.endswith(".md") or k in before for k in changed)  # only fills, no new notes
    first = out.read_bytes()
    vt(run, vault, "export", "vcard", "-o", str(out))
    assert out.read_bytes().count(b"BEGIN:VCARD") == first.count(b"BEGIN:VCARD")


def test_export_ics_parses_with_icalendar_and_has_yearly_birthdays(
    tmp_path: Path, run: Run
) -> None:
    out = tmp_path / "network.ics"
    assert vt(run, EXAMPLE, "export", "ics", "-o", str(out)).exit_code == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    birthdays = [e for e in events if str(e["summary"]).startswith("Birthday: ")]
    assert {str(e["summary"]) for e in birthdays} >= {"Birthday: Jane Doe", "Birthday: Bob Smith"}
    for event in birthdays:
        assert event["rrule"]["FREQ"] == ["YEARLY"]
        assert event["dtstart"].params["VALUE"] == "DATE"
    laura = next(e for e in birthdays if "Laura" in str(e["summary"]))
    assert laura["rrule"]["BYMONTHDAY"] == [-1] and laura["rrule"]["BYMONTH"] == [2]
    due = {str(e["summary"]): e for e in events if str(e["summary"]).startswith("Reach out")}
    samuel = due["Reach out to Samuel Adeyemi"]
    # Overdue: on the day `plan` books him (Saturday's list goes on the working days).
    week = json.loads(vt(run, EXAMPLE, "plan", "--week", "--json").stdout)
    booked = {i["name"]: d["day"] for d in week["days"] for i in d["items"]}
    assert samuel["dtstart"].dt.isoformat() == booked["Samuel Adeyemi"] == "2026-11-24"
    assert "overdue" in str(samuel["description"])
    assert "Reach out to Raj Patel" not in due and "Reach out to Lucy Wong" not in due
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    second = tmp_path / "again.ics"
    vt(run, EXAMPLE, "export", "ics", "-o", str(second))
    assert second.read_bytes() == out.read_bytes()  # stable UIDs, deterministic bytes


def test_an_import_waits_to_be_sorted(tmp_path: Path, run: Run) -> None:
    """300 imported people: at most four lines on `due`, none on Due.md or the calendar,
    all in `review --unsorted`, sorted many at once with `set --group`."""
    vault = write_vault(tmp_path / "v", {
        "Ada.md": "---\ngroup: mentor\nlast_contact: 2026-01-01\n---\n"})
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rows += [f"Person,{n:03},,p{n}@example.com,Co{n % 7},Engineer,"
             f"{1 + n % 28:02} Mar {2020 + n % 6}" for n in range(300)]
    source = tmp_path / "Connections.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    vt = ("--vault", str(vault), "--today", "2026-11-21")
    assert run(*vt, "import", "linkedin", str(source)).exit_code == 0
    before = run(*vt, "due").stdout.splitlines()
    assert before[-1] == "300 imported contacts to sort: vaulttools review --unsorted"
    suggested = [line for line in before if line.startswith("unsorted ")]
    assert len(suggested) == 3
    assert len(before) == 1 + 1 + 3 + 1  # header, Ada, three suggestions, the summary
    assert all("2025" in run(*vt, "show", line.split()[1] + " " + line.split()[2]).stdout
               for line in suggested)  # the most recent connections first
    assert run(*vt, "index").exit_code == 0
    due_note = (vault / "Index" / "Due.md").read_text()
    assert "Person" not in due_note and "300 to sort" in due_note
    ics = run(*vt, "export", "ics").stdout
    assert "Person" not in ics and "Ada" in ics
    listed = run(*vt, "review", "--unsorted", "--json")
    assert len(json.loads(listed.stdout)) == 300
    assert run(*vt, "set", "group=peer", "--group", "unsorted").exit_code == 0
    after = run(*vt, "due").stdout
    assert "to sort" not in after


def test_export_ics_spreads_what_is_overdue_as_plan_does(tmp_path: Path, run: Run) -> None:
    """Twenty people overdue on Saturday 2026-11-21: not twenty events on that day, but
    three a working day, most urgent first, the first week as `plan --week` has it."""
    vault = write_vault(tmp_path / "v", {
        f"P{i:02}.md": f"---\ngroup: peer\nlast_contact: 2025-{i % 12 + 1:02}-01\n---\n"
        for i in range(20)})
    out = tmp_path / "feed.ics"
    assert vt(run, vault, "export", "ics", "--output", str(out)).exit_code == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    days: dict[str, list[str]] = {}
    for event in cal.walk("VEVENT"):
        days.setdefault(event["dtstart"].dt.isoformat(), []).append(
            str(event["summary"]).removeprefix("Reach out to "))
    assert sum(len(names) for names in days.values()) == 20
    assert all(len(names) <= 3 for names in days.values())
    assert all(date.fromisoformat(day).weekday() < 5 for day in days)
    assert TODAY not in days  # a Saturday
    week = json.loads(vt(run, vault, "plan", "--week", "--json").stdout)
    for planned in week["days"]:
        assert sorted(days.get(planned["day"], [])) == sorted(
            i["name"] for i in planned["items"])
    assert min(days) == "2026-11-23" and max(days) == "2026-12-04"  # two working weeks

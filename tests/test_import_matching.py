"""Import matching on strong keys only (DESIGN.md invariant 8): a phone number never
merges two people, a name only when it is unique and nothing contradicts it, and a
new role moves company and title together and logs a milestone.

Every fixture is a real export format (Google CSV, LinkedIn CSV, vCard) with
synthetic people, written here so each quirk sits next to its test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run, contacts, snapshot, vt, write_vault

GOOGLE_HEADER = ("First Name,Middle Name,Last Name,Name Prefix,Nickname,Organization Name,"
                 "Organization Title,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value,"
                 "Phone 1 - Label,Phone 1 - Value\n")
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_shared_phone_never_merges_two_people(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Kofi Mensah.md": '---\nname: Kofi Mensah\nphone: "+44 20 7946 0018"\n'
                          "birthday: 1980-04-04\n---\n",
    })
    export = write(tmp_path, "google.csv", GOOGLE_HEADER
                   + "Jane,,Doe,,,,,1991-09-09,* myContacts,,,Home,+44 20 7946 0018\n"
                   + "John,,Doe,,,,,,* myContacts,,,Home,020 7946 0018\n")
    preview = vt(run, vault, "import", "google", str(export), "--dry-run")
    assert ("check: Jane Doe (" in preview.stdout and "shares a phone number with "
            "People/Kofi Mensah.md; kept apart" in preview.stdout)
    assert "check: John Doe (" in preview.stdout and "with Jane Doe, People/Kofi" in preview.stdout
    result = vt(run, vault, "import", "google", str(export))
    assert result.exit_code == 0, result.output
    assert ("google: 2 new, 0 updated, 0 unchanged, 0 repeated rows merged, 0 ambiguous, "
            "0 problems, 2 to check") in result.stderr
    people = contacts(run, vault)
    assert sorted(people) == ["Jane Doe", "John Doe", "Kofi Mensah"]
    assert people["Kofi Mensah"]["birthday"] == "1980-04-04"
    assert people["Jane Doe"]["birthday"] == "1991-09-09"
    assert people["John Doe"]["phones"] == ["020 7946 0018"]
    kofi = (vault / "People" / "Kofi Mensah.md").read_text(encoding="utf-8")
    assert kofi == '---\nname: Kofi Mensah\nphone: "+44 20 7946 0018"\nbirthday: 1980-04-04\n---\n'


def test_a_name_matches_only_when_one_contact_bears_it(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "John Smith.md": "---\nname: John Smith\n---\n",
        "John Smith (Leeds).md": "---\nname: John Smith\naliases: [Leeds John]\n---\n",
        "Ana Lima.md": "---\nname: Ana Lima\n---\n",
    })
    export = write(tmp_path, "in.csv", LINKEDIN_HEADER
                   + "John,Smith,https://www.linkedin.com/in/jsmith,,Acme,Engineer,1 Mar 2024\n"
                   + "Ana,Lima,https://www.linkedin.com/in/analima,,Onda,Designer,2 Mar 2024\n")
    before = snapshot(vault)
    preview = vt(run, vault, "import", "linkedin", str(export), "--dry-run")
    assert ("ambiguous: John Smith (" in preview.stdout
            and "matches People/John Smith (Leeds).md, People/John Smith.md; skipped"
            in preview.stdout)
    assert "update: People/Ana Lima.md (company, title, linkedin, met)" in preview.stdout
    assert "0 new, 1 updated, 0 unchanged, 0 repeated rows merged, 1 ambiguous" in preview.stderr
    assert snapshot(vault) == before
    plan = json.loads(vt(run, vault, "import", "linkedin", str(export), "--dry-run",
                         "--json").stdout)
    assert len(plan["ambiguous"]) == 1 and plan["summary"]["ambiguous"] == 1


def test_a_strong_key_that_disagrees_keeps_namesakes_apart(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Maria Silva.md": "---\nname: Maria Silva\nemail: maria@one.example\n---\n"})
    export = write(tmp_path, "google.csv", GOOGLE_HEADER
                   + "Maria,,Silva,,,,,,* myContacts,Work,maria@two.example,,\n"
                   + "Maria,,Silva,,,,,,* myContacts,Home,MARIA@one.example,,\n")
    result = vt(run, vault, "import", "google", str(export))
    # The second row is the Maria we know (same email, any case): nothing to add.
    assert "google: 1 new, 0 updated, 1 unchanged" in result.stderr
    notes = sorted(p.name for p in (vault / "People").iterdir())
    assert notes == ["Maria Silva 2.md", "Maria Silva.md"]
    second = (vault / "People" / "Maria Silva 2.md").read_text(encoding="utf-8")
    assert "email: maria@two.example\n" in second
    assert (vault / "People" / "Maria Silva.md").read_text(encoding="utf-8") == (
        "---\nname: Maria Silva\nemail: maria@one.example\n---\n")


def test_the_uid_matches_across_a_rename(tmp_path: Path, run: Run) -> None:
    uid = "0b7e6f2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b"
    vault = write_vault(tmp_path / "v", {
        "Ines.md": f"---\nname: Ines Duarte\nuid: {uid}\n---\n"})
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:" + uid.upper() + "\r\n"
            "FN:Inês Duarte-Moreira\r\nEMAIL:ines@new.example\r\nEND:VCARD\r\n")
    result = vt(run, vault, "import", "vcard", str(write(tmp_path, "c.vcf", card)))
    assert "update: People/Ines.md (email)" in result.stdout
    assert "0 new, 1 updated" in result.stderr


def test_a_new_role_moves_company_and_title_together(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Priya.md": "---\nname: Priya Raman\ngroup: peer\ncompany: Helix Labs, Inc.\n"
                    "title: ML Engineer\nlinkedin: https://www.linkedin.com/in/priyaraman\n"
                    "last_contact: 2026-10-01\n---\n## Log\n- 2026-10-01 call: Caught up.\n",
        "Raj.md": "---\nname: Raj Patel\ncompany: Northwind Ltd\ntitle: Engineer\n"
                  "email: raj@northwind.example\n---\n",
        "Sam.md": "---\nname: Sam Okoro\ncompany: Onda\ntitle: Designer\n"
                  "email: sam@onda.example\n---\n",
    })
    export = write(tmp_path, "in.csv", LINKEDIN_HEADER
                   + "Priya,Raman,https://linkedin.com/in/PriyaRaman/?trk=x,,Foo,CTO,2 Jan 2023\n"
                   + "Raj,Patel,,raj@northwind.example,Northwind,Engineer,3 Jan 2023\n"
                   + "Sam,Okoro,,sam@onda.example,Onda,Lead Designer,4 Jan 2023\n")
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    priya = (vault / "People" / "Priya.md").read_text(encoding="utf-8")
    assert "company: Foo\ntitle: CTO\n" in priya
    assert ("## Log\n- 2026-11-21 linkedin: New role: CTO at Foo #milestone\n"
            "- 2026-10-01 call: Caught up.\n") in priya
    assert "last_contact: 2026-10-01\n" in priya  # news about them is not contact
    # "Northwind" is "Northwind Ltd": same role, nothing to write.
    assert (vault / "People" / "Raj.md").read_text(encoding="utf-8") == (
        "---\nname: Raj Patel\ncompany: Northwind Ltd\ntitle: Engineer\n"
        "email: raj@northwind.example\nmet: 2023-01-03\n---\n")
    sam = (vault / "People" / "Sam.md").read_text(encoding="utf-8")
    assert "company: Onda\ntitle: Lead Designer\n" in sam
    assert "New role: Lead Designer at Onda #milestone" in sam
    due = json.loads(run("--vault", str(vault), "--today", "2026-11-22", "due", "--json").stdout)
    congratulate = {i["name"]: i["reason"] for i in due if i["status"] == "congratulate"}
    assert "CTO at Foo" in congratulate["Priya Raman"]
    again = vt(run, vault, "import", "linkedin", str(export))
    assert "0 new, 0 updated, 3 unchanged" in again.stderr  # no second milestone

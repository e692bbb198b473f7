"""People folders as users already have them, in other templates' field names.

One fixture per template shape: the obsidian-vcf-contacts plugin, a CRM
"People" template with capitalised keys, first/last name, and a Dataview
vault with a nested `contacts` mapping (read through `[fields]`). Each reads
name, emails, phones, company, title and birthday; `log` and `set` land in
the user's own keys; an import matches by the emails under `EMAIL[HOME]`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, vt, write_vault

VCF_CONTACTS = """---
N.PREFIX: ""
N.GN: Ada
N.MN: ""
N.FN: Lovelace
"EMAIL[HOME]": ada@home.example
"EMAIL[WORK]": ada@engines.example
"TEL[CELL]": "+44 7700 900123"
BDAY: 1815-12-10
ORG: Analytical Engines
TITLE: Mathematician
CATEGORIES: [mentor-ish]
UID: urn:uuid:0b7e6f2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b
VERSION: "4.0"
---
#### Notes
Met at the Difference Engine demo.
"""
CRM = """---
Company: Acme
Position: CTO
E-mail: bob@acme.example
Phone Number: "+1 555 0100"
Birthday: 1980-01-02
LinkedIn: https://www.linkedin.com/in/bob-crm
Last Contact: 2026-09-01
Tags: [client]
---
# Bob Crm
"""
FIRST_LAST = """---
first_name: Cara
last_name: Diaz
email: cara@studio.example
phone: "+34 600 000 111"
job_title: Designer
organization: Studio Diaz
date_of_birth: 1990-05-06
---
"""
NESTED = """---
company: Ledgerly
title: Analyst
birthday: 1985-07-08
contacts:
  mail: dan@ledgerly.example
  phone: 447700900456
---
"""
SHAPES = {
    "vcf-contacts": ("Ada Lovelace.md", VCF_CONTACTS, "", "Ada Lovelace",
                     ["ada@home.example", "ada@engines.example"], ["+44 7700 900123"],
                     "Analytical Engines", "Mathematician", "1815-12-10"),
    "crm": ("Bob Crm.md", CRM, "", "Bob Crm", ["bob@acme.example"], ["+1 555 0100"],
            "Acme", "CTO", "1980-01-02"),
    "first-last": ("cara.md", FIRST_LAST, "", "Cara Diaz", ["cara@studio.example"],
                   ["+34 600 000 111"], "Studio Diaz", "Designer", "1990-05-06"),
    "nested": ("Dan.md", NESTED, '[fields]\nemail = ["contacts.mail"]\n'
               'phone = ["contacts.phone"]\n', "Dan", ["dan@ledgerly.example"],
               ["447700900456"], "Ledgerly", "Analyst", "1985-07-08"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_field_is_read_from_the_users_keys(tmp_path: Path, run: Run, shape: str) -> None:
    file, text, config, name, emails, phones, company, title, birthday = SHAPES[shape]
    vault = write_vault(tmp_path / "v", {file: text}, config=config)
    shown = json.loads(vt(run, vault, "show", name, "--json").stdout)
    assert (shown["name"], shown["emails"], shown["phones"], shown["company"],
            shown["title"], shown["birthday"]) == (name, emails, phones, company, title,
                                                   birthday)
    check = vt(run, vault, "check")
    assert check.exit_code == 0, check.output


def test_edits_land_in_the_users_own_keys(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada Lovelace.md": VCF_CONTACTS, "Bob Crm.md": CRM})
    assert vt(run, vault, "log", "Bob Crm", "Lunch.", "--via", "lunch").exit_code == 0
    bob = (vault / "People" / "Bob Crm.md").read_text(encoding="utf-8")
    assert "Last Contact: 2026-11-21\n" in bob and "last_contact" not in bob
    assert vt(run, vault, "set", "birthday=1980-01-03", "Bob Crm").exit_code == 0
    assert vt(run, vault, "set", "birthday=1815-12-11", "Ada").exit_code == 0
    bob = (vault / "People" / "Bob Crm.md").read_text(encoding="utf-8")
    ada = (vault / "People" / "Ada Lovelace.md").read_text(encoding="utf-8")
    assert "Birthday: 1980-01-03\n" in bob and "\nbirthday:" not in bob
    assert "BDAY: 1815-12-11\n" in ada and "\nbirthday:" not in ada
    assert ada.replace("BDAY: 1815-12-11", "BDAY: 1815-12-10") == VCF_CONTACTS  # one line
    shown = json.loads(vt(run, vault, "show", "Bob Crm", "--json").stdout)
    assert shown["last_contact"] == "2026-11-21" and shown["birthday"] == "1980-01-03"


@pytest.mark.parametrize(("shape", "title_key"), [
    ("vcf-contacts", "TITLE"), ("crm", "Position"), ("first-last", "job_title"),
    ("nested", "title")])
def test_set_and_log_land_in_each_shapes_own_keys(tmp_path: Path, run: Run, shape: str,
                                                  title_key: str) -> None:
    file, text, config, name, *_ = SHAPES[shape]
    vault = write_vault(tmp_path / "v", {file: text}, config=config)
    assert vt(run, vault, "set", "title=Chief Owl", name).exit_code == 0
    assert vt(run, vault, "log", name, "Coffee.", "--via", "coffee").exit_code == 0
    after = (vault / "People" / file).read_text(encoding="utf-8")
    assert f"\n{title_key}: Chief Owl\n" in after and after.count("Chief Owl") == 1
    assert "- 2026-11-21 coffee: Coffee.\n" in after
    shown = json.loads(vt(run, vault, "show", name, "--json").stdout)
    assert shown["title"] == "Chief Owl" and shown["last_contact"] == "2026-11-21"


def test_a_new_field_follows_the_vaults_convention(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Eve.md": "---\nCompany: Acme\n---\n"},
                        config='[fields]\nlast_contact = ["Last Contact"]\n')
    assert vt(run, vault, "log", "Eve", "Call.").exit_code == 0
    assert "Last Contact: 2026-11-21\n" in (vault / "People" / "Eve.md").read_text()


def test_two_keys_for_one_field_merge_or_warn(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Fay.md": "---\nemail: fay@a.example\n"
                                                   "E-mail: fay@b.example\nCompany: One\n"
                                                   "Organization: Two\n---\n"})
    shown = json.loads(vt(run, vault, "show", "Fay", "--json").stdout)
    assert shown["emails"] == ["fay@a.example", "fay@b.example"]
    assert shown["company"] == "One"
    check = vt(run, vault, "check")
    assert "Fay.md:5: warning: Company and Organization both give company; Company is used" \
        in check.stdout + check.stderr


def test_an_import_matches_the_emails_a_note_keeps_in_its_own_keys(tmp_path: Path,
                                                                   run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada Lovelace.md": VCF_CONTACTS})
    card = tmp_path / "ada.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Augusta Ada King\r\n"
                    "EMAIL:ADA@home.example\r\nNOTE:x\r\nEND:VCARD\r\n", encoding="utf-8")
    result = vt(run, vault, "import", "vcard", str(card))
    assert "0 new" in result.stderr, result.output


MANY_KEYS = """---
name: Gil
"EMAIL[HOME]": gil@home.example
"EMAIL[WORK]": gil@work.example
tags: [a]
Tags: [b]
CATEGORIES: c
alias: G
aliases: [GG]
company: Acme
---
"""


@pytest.mark.parametrize(("assignment", "field", "expected", "gone"), [
    ("email=gil@new.example", "emails", ["gil@new.example"], ["EMAIL[WORK]"]),
    ("tags=z", "tags", ["z"], ["Tags", "CATEGORIES"]),
    ("aliases=Gi", "aliases", ["Gi"], ["aliases:"]),  # the first key holding it stays
    ("alias=Gi", "aliases", ["Gi"], ["aliases:"]),
    ("email=", "emails", [], ["EMAIL[HOME]", "EMAIL[WORK]"]),
    ("tags=", "tags", [], ["tags:", "Tags:", "CATEGORIES:"]),
])
def test_set_and_clear_a_field_under_every_key_that_holds_it(
    tmp_path: Path, run: Run, assignment: str, field: str, expected: list[str],
    gone: list[str]
) -> None:
    vault = write_vault(tmp_path / "v", {"Gil.md": MANY_KEYS})
    result = vt(run, vault, "set", assignment, "Gil")
    assert result.exit_code == 0, result.output
    shown = json.loads(vt(run, vault, "show", "Gil", "--json").stdout)
    assert shown[field] == expected
    after = (vault / "People" / "Gil.md").read_text(encoding="utf-8")
    for key in gone:
        assert key not in after
    assert "company: Acme\n" in after  # other fields untouched


def test_set_refuses_a_field_also_held_in_a_nested_mapping(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Dan.md": NESTED}, config=SHAPES["nested"][2])
    result = vt(run, vault, "set", "email=dan@new.example", "Dan")
    assert result.exit_code == 1
    assert "email is also held in contacts.mail" in result.stderr
    assert (vault / "People" / "Dan.md").read_text(encoding="utf-8") == NESTED


def test_an_import_never_adds_an_email_a_nested_mapping_holds(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Dan.md": NESTED}, config=SHAPES["nested"][2])
    card = tmp_path / "dan.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dan\r\n"
                    "EMAIL:dan@ledgerly.example\r\nTEL:+44 7700 900456\r\n"
                    "TITLE:Analyst\r\nEND:VCARD\r\n", encoding="utf-8")
    result = vt(run, vault, "import", "vcard", str(card))
    assert result.exit_code == 0, result.output
    after = (vault / "People" / "Dan.md").read_text(encoding="utf-8")
    assert after.count("dan@ledgerly.example") == 1 and "\nemail:" not in after
    shown = json.loads(vt(run, vault, "show", "Dan", "--json").stdout)
    assert shown["emails"] == ["dan@ledgerly.example"]


def test_a_comma_separated_string_in_any_list_field_is_split_with_a_warning(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {
        "Hal.md": "---\nname: Hal\ntags: [a]\nCATEGORIES: d,e\naliases: Jo, JD\n"
                  "interests: grid storage, hiking\ngroup: mentor, peer\n"
                  "email: hal@a.example, hal@b.example\n---\n"})
    shown = json.loads(vt(run, vault, "show", "Hal", "--json").stdout)
    assert shown["tags"] == ["a", "d", "e"]
    assert shown["aliases"] == ["Jo", "JD"]
    assert shown["interests"] == ["grid storage", "hiking"]
    assert shown["groups"] == ["mentor", "peer"]
    assert shown["emails"] == ["hal@a.example", "hal@b.example"]
    check = vt(run, vault, "check").stdout
    assert "People/Hal.md:4: warning: CATEGORIES: is text, not a list; read as [d, e]" in check
    assert "People/Hal.md:5: warning: aliases: is text, not a list; read as [Jo, JD]" in check
    assert vt(run, vault, "set", "phone=+1 555 0100, +44 20 7946 0000", "Hal").exit_code == 0
    assert 'phone: ["+1 555 0100", "+44 20 7946 0000"]' in (
        vault / "People" / "Hal.md").read_text(encoding="utf-8")


def test_meeting_notes_count_as_contact(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ada Lovelace.md": VCF_CONTACTS, "Bob Crm.md": CRM, "cara.md": FIRST_LAST,
        "Meetings/2026-10-05 Sync.md": "---\nattendees: [\"[[Bob Crm]]\"]\n---\n"
                                       "Talked budgets with [[Ada Lovelace|Ada]].\n"
                                       "- [ ] send [[Cara Diaz]] the deck\n",
        "Meetings/Kickoff.md": "---\ndate: 2026-11-02\n---\n- Lunch with [[Ada Lovelace]]\n",
        "Meetings/Undated.md": "With [[Cara Diaz]].\n",
        "Projects/Atlas review.md": "---\ntype: meeting\nDate: 2026-11-09\n---\n[[Cara Diaz]]\n",
        "Projects/Atlas notes.md": "---\ndate: 2026-11-10\n---\n[[Bob Crm]] wrote the spec.\n",
    }, config='meeting_notes = ["Meetings"]\nmeeting_property = "type: meeting"\n')

    def last(name: str) -> tuple[str, str, str]:
        shown = json.loads(vt(run, vault, "show", name, "--json").stdout)
        return (shown["effective_last_contact"], shown["last_contact_source"],
                vt(run, vault, "show", name).stdout)

    ada, source, text = last("Ada Lovelace")
    assert (ada, source) == ("2026-11-02", "meeting note")  # the `date` property
    assert "Meetings/Kickoff.md" in text
    bob, source, _ = last("Bob Crm")  # linked in the front matter, dated by the file name;
    assert (bob, source) == ("2026-10-05", "meeting note")  # not the plain project note
    cara, source, _ = last("Cara Diaz")  # by the property, anywhere; not from a task
    assert (cara, source) == ("2026-11-09", "meeting note")
    check = vt(run, vault, "check").stdout
    assert "Meetings/Undated.md:1: warning: meeting note without a date" in check


@pytest.mark.parametrize(("shape", "mapping"), [
    ("vcf-contacts", 'email = ["EMAIL[HOME]", "EMAIL[WORK]"]'),
    ("crm", 'last_contact = ["Last Contact"]'),
    ("first-last", 'title = ["job_title"]'),
    ("nested", 'email = ["contacts.mail"]'),
])
def test_init_detect_writes_a_mapping_that_reads_every_field(
        tmp_path: Path, run: Run, shape: str, mapping: str) -> None:
    file, text, _config, name, emails, phones, company, title, birthday = SHAPES[shape]
    vault = tmp_path / "v"
    (vault / "People").mkdir(parents=True)
    (vault / "People" / file).write_text(text, encoding="utf-8")
    (vault / "Meetings").mkdir()
    result = run("init", str(vault), "--detect")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 note in People/, written from ")
    config = (vault / ".vaulttools.toml").read_text(encoding="utf-8")
    assert mapping in config and 'meeting_notes = ["Meetings"]' in config
    shown = json.loads(vt(run, vault, "show", name, "--json").stdout)
    assert (shown["emails"], shown["phones"], shown["company"], shown["title"],
            shown["birthday"]) == (emails, phones, company, title, birthday)
    assert vt(run, vault, "check").exit_code == 0
    again = run("init", str(vault), "--detect")  # an existing vault: printed, not written
    assert "exists already; add this to it" in again.stdout
    assert (vault / ".vaulttools.toml").read_text(encoding="utf-8") == config


@pytest.mark.parametrize("key", ["last_met", "last_contacted", "last_seen", "last_spoke",
                                 "Last Contact", "lastSpokenTo", "Last Interaction",
                                 "last-touchpoint", "last_catch_up", "Last Heard From"])
def test_every_last_contact_synonym_is_read_and_detected(
    tmp_path: Path, run: Run, key: str
) -> None:
    vault = tmp_path / "v"
    (vault / "People").mkdir(parents=True)
    (vault / "People" / "Ivy.md").write_text(f"---\n{key}: 2026-10-01\n---\n",
                                             encoding="utf-8")
    assert run("init", str(vault), "--detect").exit_code == 0
    config = (vault / ".vaulttools.toml").read_text(encoding="utf-8")
    assert f'last_contact = ["{key}"]' in config, config
    shown = json.loads(vt(run, vault, "show", "Ivy", "--json").stdout)
    assert shown["last_contact"] == "2026-10-01"
    assert vt(run, vault, "log", "Ivy", "Call", "--via", "call").exit_code == 0
    assert f"{key}: 2026-11-21\n" in (vault / "People" / "Ivy.md").read_text()


def test_init_detect_names_the_template_and_the_keys_left_unmapped(tmp_path: Path,
                                                                   run: Run) -> None:
    vault = tmp_path / "v"
    (vault / "People").mkdir(parents=True)
    for name in ("Ada Lovelace", "Alan Turing"):
        (vault / "People" / f"{name}.md").write_text(VCF_CONTACTS, encoding="utf-8")
    out = run("init", str(vault), "--detect").stdout
    assert out.splitlines()[0] == "2 notes in People/, written from obsidian-vcf-contacts"
    assert "  email: EMAIL[HOME] 2, EMAIL[WORK] 2" in out
    assert "  name (where absent) from: N.FN, N.GN" in out
    assert "keys left unmapped (kept as they are): N.PREFIX 2, N.MN 2, VERSION 2" in out


@pytest.mark.parametrize(("config", "message"), [
    ('[fields]\nemial = ["x"]\n', "unknown key fields.'emial'; did you mean 'email'?"),
    ('[fields]\nphone = [1]\n', 'fields.phone: expected a list of keys, e.g. ["Phone"]'),
    ('meeting_property = "meeting"\n', "meeting_property: 'meeting' must be `key: value`"),
    ('meeting_notes = "../Elsewhere"\n', "meeting_notes: '../Elsewhere' must be a folder "
                                         "inside the vault"),
])
def test_bad_field_and_meeting_settings_are_config_errors(tmp_path: Path, run: Run,
                                                          config: str, message: str) -> None:
    vault = write_vault(tmp_path / "v", {}, config=config)
    result = vt(run, vault, "due")
    assert result.exit_code == 2 and message in result.stderr, result.stderr

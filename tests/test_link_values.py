"""One thing, one name (#29): a company or location written as an Obsidian wikilink is
the thing it names, in stats, match, drafts, the vCard and imports. (No index note
shows a company.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vaulttools.names import link_text

from conftest import Run, vt, write_vault

NOTES = {
    "Ann.md": '---\ngroup: peer\ncompany: "[[Initech]]"\nlocation: "[[Oslo]]"\n'
              "last_contact: 2026-01-01\n---\n",
    "Bo.md": "---\ngroup: peer\ncompany: Initech\nlocation: Oslo\n---\n",
    "Cy.md": '---\ngroup: peer\ncompany: "[[Orgs/Initech Corp|Initech]]"\n---\n',
}


@pytest.mark.parametrize(("written", "named"), [
    ("[[Initech]]", "Initech"), ("[[Orgs/Initech Corp|Initech]]", "Initech"),
    ("[[Orgs/Initech]]", "Initech"), (" [[Initech#History]] ", "Initech"),
    ("[[Initech.md]]", "Initech"), ("Initech", "Initech"),
    ("[[Initech]] and [[Globex]]", "[[Initech]] and [[Globex]]"),
    ("Initech ([[Globex]])", "Initech ([[Globex]])"),
])
def test_link_text(written: str, named: str) -> None:
    assert link_text(written) == named


def test_a_linked_company_is_the_company_everywhere(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", NOTES)
    stats = json.loads(vt(run, vault, "stats", "--json").stdout)
    assert stats["by_company"] == [{"name": "Initech", "count": 3}]
    assert stats["by_location"] == [{"name": "Oslo", "count": 2}]
    matched = json.loads(vt(run, vault, "match", "initech", "--json").stdout)
    assert sorted(m["name"] for m in matched) == ["Ann", "Bo", "Cy"]
    draft = vt(run, vault, "draft", "Ann", "--occasion", "checkin").stdout
    assert "at Initech" in draft and "[[" not in draft
    card = vt(run, vault, "export", "vcard").stdout.replace("\r\n", "\n")
    assert card.count("ORG:Initech\n") == 3 and "ADR:;;;Oslo;;;" in card
    assert "[[" not in card


def test_an_import_naming_the_linked_company_is_no_new_role(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ann Lee.md": '---\ngroup: peer\ncompany: "[[Initech]]"\ntitle: CTO\n'
                      "email: ann@initech.example\n---\n"})
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ann,Lee,,ann@initech.example,Initech,CTO,01 Jan 2020\n")
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    note = (vault / "People" / "Ann Lee.md").read_text()
    assert "#milestone" not in note and 'company: "[[Initech]]"' in note

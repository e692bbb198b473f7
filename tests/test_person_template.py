"""New notes from the user's own person template (Obsidian's Templates plugin):
its keys and layout, its variables filled as Obsidian fills them, Templater inert."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from conftest import REPO, Run, snapshot, vt, write_vault

TEMPLATE = """---
Company:
Email:
tags: [person]
created: "{{date}}"
---
# {{title}}

Met on {{date:dddd, MMMM Do YYYY}} at {{time}} ({{ time:hh:mm A }}).

<% tp.file.cursor() %>

## Notes
"""
CONFIG = ('person_template = "Templates/Person.md"\n'
          '[fields]\ncompany = ["Company"]\nemail = ["Email"]\n')


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    made = write_vault(tmp_path / "v", {"Templates/Person.md": TEMPLATE}, config=CONFIG)
    (made / ".obsidian").mkdir()
    (made / ".obsidian" / "templates.json").write_text(
        json.dumps({"folder": "Templates", "dateFormat": "DD/MM/YYYY"}))
    return made


def test_new_fills_the_users_template_under_its_keys(vault: Path, run: Run) -> None:
    result = vt(run, vault, "new", "Ada Lovelace", "--company", "Acme", "--email",
                "ada@acme.example", "--group", "peer")
    assert result.exit_code == 0, result.output
    note = (vault / "People" / "Ada Lovelace.md").read_text(encoding="utf-8")
    assert note.startswith('---\nCompany: Acme\nEmail: ada@acme.example\ntags: [person]\n'
                           'created: "21/11/2026"\ngroup: peer\nuid: ')
    assert "# Ada Lovelace\n\nMet on Saturday, November 21st 2026 at " in note
    assert re.search(r"at \d\d:\d\d \(\d\d:\d\d [AP]M\)\.", note)
    assert "<% tp.file.cursor() %>" in note  # never run
    assert "Templater code (<% %>), which runs only inside Obsidian" in result.stderr
    shown = json.loads(vt(run, vault, "show", "ada", "--json").stdout)
    assert shown["company"] == "Acme" and shown["emails"] == ["ada@acme.example"]
    assert shown["name"] == "Ada Lovelace"  # from the file's name: the template has none


def test_imports_make_their_notes_from_it_too(vault: Path, run: Run) -> None:
    source = REPO / "tests" / "fixtures" / "import" / "linkedin_connections.csv"
    assert vt(run, vault, "import", "linkedin", str(source)).exit_code == 0
    made = [p for p in (vault / "People").glob("*.md")]
    assert made and all(p.read_text(encoding="utf-8").count("tags: [") <= 1 for p in made)
    assert all("created: \"21/11/2026\"" in p.read_text(encoding="utf-8") for p in made)


def test_the_plugins_default_formats_without_its_settings(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Templates/Person.md": "# {{title}}\n{{date}} "
                                         "{{time}}\n"}, config=CONFIG)
    assert vt(run, vault, "new", "Bo").exit_code == 0
    note = (vault / "People" / "Bo.md").read_text(encoding="utf-8")
    assert re.search(r"# Bo\n2026-11-21 \d\d:\d\d\n", note)
    datetime.strptime(note.splitlines()[-1][-5:], "%H:%M")


@pytest.mark.parametrize(("template", "message"), [
    ("Templates/Gone.md", "person_template: Templates/Gone.md does not exist"),
    ("../outside.md", "leads outside the vault"),
])
def test_a_template_that_cannot_be_used_is_named(tmp_path: Path, run: Run, template: str,
                                                 message: str) -> None:
    (tmp_path / "outside.md").write_text("# {{title}}\n")
    vault = write_vault(tmp_path / "v", {}, config=f'person_template = "{template}"\n')
    before = snapshot(vault)
    result = vt(run, vault, "new", "Bo")
    assert result.exit_code == 2 and message in result.stderr
    assert snapshot(vault) == before


def test_init_detect_finds_the_template_the_notes_follow(tmp_path: Path, run: Run) -> None:
    people = {f"P{n}.md": f"---\nCompany: C{n}\nEmail: p{n}@example.com\nRole: r\n---\n"
              for n in range(4)}
    vault = write_vault(tmp_path / "v", {**people, "Templates/Person.md": TEMPLATE,
                                         "Templates/Meeting.md": "---\nattendees:\ndate:\n---\n"},
                        config=None)
    (vault / ".obsidian").mkdir()
    (vault / ".obsidian" / "templates.json").write_text('{"folder": "Templates"}')
    result = run("init", str(vault), "--detect")
    assert result.exit_code == 0, result.output
    assert "made from the template Templates/Person.md" in result.stdout
    assert 'person_template = "Templates/Person.md"' in (vault / ".vaulttools.toml").read_text()
    assert vt(run, vault, "new", "Cy", "--company", "Acme").exit_code == 0
    assert "Company: Acme\n" in (vault / "People" / "Cy.md").read_text(encoding="utf-8")

"""History under other templates' headings (#29): `## Interactions`, `## 💬 Conversation
Log` with dated sub-headings, a localised heading through `log_headings`, and what
`init --detect` finds in such a folder.

The three shapes follow public Obsidian person templates (a "second brain" person note
with `relationship`, `lastContact` and a conversation history of dated `###` headings;
a Templater person note with `category`, `relationship`, `last-contact`, `role` and a
conversation log; a minimal CRM note with `## Interactions` bullets), written here
from their structure, not copied.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, vt, write_vault

SECOND_BRAIN = """---
type: person
tags:
  - person
relationship: mentor
status: active
lastContact: 2026-09-02
---

# Dana Okoro

**Relationship:** mentor

## 💬 Conversation History

### 2026-09-02 — Coffee near the office
**Key points:**
- Her team is hiring
- [ ] Send her the grid report

### 2026-05-14 - Call about the offsite
**Key points:**
- Wants an intro to Priya

## 🎯 How I Can Help Them
- An intro to the storage people
"""
TEMPLATER = """---
type: person
name: Emeka Obi
email: "emeka@example.org"
company: "Lagos Grid"
role: "Head of Ops"
category: professional
relationship: colleague
last-contact: 2026-06-01
---

# 👤 Emeka Obi

## 💬 Conversation Log

### 2026-06-01 - Site visit
**Medium**: Meeting

---

### [Date] - [Topic]
**Medium**:
"""
MINIMAL = """---
company: Nordlys
last_met: 2026-03-03
---
# Fredrik Berg

## Interactions
- 2026-03-03 Lunch at the harbour, talked about the spin-off
- [[2026-01-20]] Call: intro to Sofia
- **2025-11-02** - met at the conference
- remember: he prefers calls

## Notes
- 2024-01-01 this is not a log line, under Notes
"""
FRENCH = """---
group: peer
---
## Historique
- 2026-02-10 Déjeuner avec l'équipe
"""


def shown(run: Run, vault: Path, name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(vt(run, vault, "show", name, "--json").stdout)
    return result


@pytest.mark.parametrize(("file", "text", "dates"), [
    ("Dana Okoro.md", SECOND_BRAIN, ["2026-09-02", "2026-05-14"]),
    ("Emeka Obi.md", TEMPLATER, ["2026-06-01"]),
    ("Fredrik Berg.md", MINIMAL, ["2026-03-03", "2026-01-20", "2025-11-02"]),
])
def test_history_under_a_templates_own_heading_is_the_log(
    tmp_path: Path, run: Run, file: str, text: str, dates: list[str]
) -> None:
    vault = write_vault(tmp_path / "v", {file: text})
    contact = shown(run, vault, file[:-3])
    assert [i["date"] for i in contact["interactions"]] == dates
    assert contact["effective_last_contact"] == dates[0]
    check = vt(run, vault, "check")
    assert "log line does not parse" not in check.stdout  # their notes are their own


def test_log_writes_into_the_section_the_note_has(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Fredrik Berg.md": MINIMAL})
    assert vt(run, vault, "log", "Fredrik", "Coffee", "--via", "coffee").exit_code == 0
    after = (vault / "People" / "Fredrik Berg.md").read_text()
    assert "## Log" not in after
    assert after.count("## Interactions\n- 2026-11-21 coffee: Coffee\n- 2026-03-03 Lunch") == 1
    assert "last_met: 2026-11-21\n" in after


def test_a_localised_heading_is_read_once_configured(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Zoé.md": FRENCH})
    assert shown(run, vault, "Zoé")["interactions"] == []
    (vault / ".vaulttools.toml").write_text('log_headings = ["Historique"]\n')
    assert [i["date"] for i in shown(run, vault, "Zoé")["interactions"]] == ["2026-02-10"]
    assert vt(run, vault, "log", "Zoé", "Appel", "--via", "call").exit_code == 0
    after = (vault / "People" / "Zoé.md").read_text()
    assert "## Historique\n- 2026-11-21 call: Appel\n" in after and "## Log" not in after


def test_init_detect_finds_the_history_headings_and_group_like_keys(
    tmp_path: Path, run: Run
) -> None:
    vault = tmp_path / "v"
    (vault / "People").mkdir(parents=True)
    for number in range(4):
        (vault / "People" / f"Emeka {number}.md").write_text(TEMPLATER, encoding="utf-8")
    (vault / "People" / "Zoé.md").write_text(FRENCH.replace("group: peer\n", "category: x\n"),
                                             encoding="utf-8")
    (vault / "People" / "Zoé 2.md").write_text(FRENCH, encoding="utf-8")
    result = run("init", str(vault), "--detect")
    assert result.exit_code == 0, result.output
    assert "  group: relationship 4 (it sorts contacts as a group does)" in result.stdout
    assert "history (dated lines) under: 💬 Conversation Log 4, Historique 2" in result.stdout
    config = (vault / ".vaulttools.toml").read_text(encoding="utf-8")
    assert 'log_headings = ["Log", "Historique"]' in config
    assert 'group = ["relationship", "group"]' in config
    assert 'last_contact = ["last-contact"]' in config
    emeka = shown(run, vault, "Emeka 0")
    assert emeka["groups"] == ["colleague"] and emeka["title"] == "Head of Ops"
    assert [i["date"] for i in shown(run, vault, "Zoé")["interactions"]] == ["2026-02-10"]


def test_plain_init_in_a_folder_of_notes_suggests_detect(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "v"
    (vault / "People").mkdir(parents=True)
    (vault / "People" / "Fredrik Berg.md").write_text(MINIMAL, encoding="utf-8")
    result = run("init", str(vault))
    assert result.exit_code == 0
    assert "run `vaulttools init --detect`" in result.stderr
    quiet = run("init", str(tmp_path / "empty"))
    assert "--detect" not in quiet.stderr

"""`vaulttools merge KEEP OTHER`: two real-looking notes of one person made one, the
other moved to Obsidian's trash, links listed or led to KEEP, one undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, snapshot, vt, write_vault

JANE = """---
name: Jane Doe
group: mentor
email: jane@acme.example
company: Acme
tags: [ai]
last_contact: 2026-09-14
---
# Jane Doe

Met at PyCon 2019.

## Log
- 2026-09-14 coffee: Caught up on her move to Acme.
- 2026-05-20 email: She asked me for a reference. #inbound
"""
J_DOE = """---
name: J. Doe
aliases: [JD]
email: [Jane@Acme.example, jane@home.example]
phone: "+44 20 7946 0018"
company: Acme Corp
location: London
tags: [climate, AI]
birthday: 1985-03-02
anniversaries: {work: 2015-04-01}
last_contact: 2026-10-01
---
# J. Doe

Likes long hikes in the Lake District.

## Log
- 2026-10-01 call: About the offsite.
- 2026-09-14 coffee: Caught up on her move to Acme.
- 2026-09-14 email: Sent the slides.
- [ ] Send her the battery reading list
"""
DAILY = ("# 2026-10-02\n\n- Lunch with [[J. Doe]] and [[People/J. Doe|Jane]] about "
         "[[J. Doe#Log|her log]].\n\n```\n[[J. Doe]] in code stays\n```\n"
         "%% [[J. Doe]] in a comment stays %%\n")
BOB = "---\nname: Bob\nmet_via: \"[[J. Doe]]\"\n---\n# Bob\n\nIntroduced by [[J. Doe]].\n"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    made = write_vault(tmp_path / "v", {"Jane Doe.md": JANE, "J. Doe.md": J_DOE,
                                        "Bob.md": BOB, "Daily/2026-10-02.md": DAILY})
    return made


def read(vault: Path, relpath: str) -> str:
    return (vault / relpath).read_text(encoding="utf-8")


def test_a_dry_run_says_everything_and_writes_nothing(vault: Path, run: Run) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "merge", "Jane Doe", "J. Doe", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+- 2026-10-01 call: About the offsite.\n" in result.stdout
    assert "would move People/J. Doe.md to .trash/J. Doe.md" in result.stderr
    assert "kept company: Acme (not Acme Corp, from J. Doe)" in result.stderr
    assert "2 notes link to J. Doe: Daily/2026-10-02.md, People/Bob.md" in result.stderr
    assert snapshot(vault) == before


def test_the_other_note_fills_unites_and_joins_by_date(vault: Path, run: Run) -> None:
    other = (vault / "People" / "J. Doe.md").read_bytes()
    result = vt(run, vault, "merge", "jane doe", "j. doe")
    assert result.exit_code == 0, result.output
    jane = read(vault, "People/Jane Doe.md")
    assert jane == """---
name: Jane Doe
group: mentor
email: [jane@acme.example, jane@home.example]
company: Acme
tags: [ai, climate]
last_contact: 2026-10-01
phone: +44 20 7946 0018
location: London
birthday: 1985-03-02
anniversaries: {work: 2015-04-01}
aliases: [JD, J. Doe]
---
# Jane Doe

Met at PyCon 2019.

## Log
- 2026-10-01 call: About the offsite.
- 2026-09-14 email: Sent the slides.
- 2026-09-14 coffee: Caught up on her move to Acme.
- 2026-05-20 email: She asked me for a reference. #inbound
- [ ] Send her the battery reading list
"""
    # The other note is in Obsidian's trash, byte for byte; what was not merged is said.
    assert not (vault / "People" / "J. Doe.md").exists()
    assert (vault / ".trash" / "J. Doe.md").read_bytes() == other
    assert "still in .trash/J. Doe.md: 1 line of text, such as 'Likes long hikes" \
        in result.stderr
    assert "links in front matter, to change by hand: People/Bob.md" in result.stderr
    listed = json.loads(vt(run, vault, "list", "--json").stdout)
    assert sorted(c["name"] for c in listed) == ["Bob", "Jane Doe"]
    shown = json.loads(vt(run, vault, "show", "JD", "--json").stdout)  # the alias finds her
    assert shown["name"] == "Jane Doe"


def test_relink_leads_the_links_to_keep_and_undo_takes_it_all_back(vault: Path,
                                                                  run: Run) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "merge", "Jane Doe", "J. Doe", "--relink")
    assert result.exit_code == 0, result.output
    daily = read(vault, "Daily/2026-10-02.md")
    assert ("- Lunch with [[Jane Doe]] and [[People/Jane Doe|Jane]] about "
            "[[Jane Doe#Log|her log]].") in daily
    assert "[[J. Doe]] in code stays" in daily and "[[J. Doe]] in a comment stays" in daily
    bob = read(vault, "People/Bob.md")
    assert "Introduced by [[Jane Doe]]." in bob and 'met_via: "[[J. Doe]]"' in bob
    listed = vt(run, vault, "undo", "--list")
    assert "merge: People/Jane Doe.md" in listed.stdout
    undone = vt(run, vault, "undo")
    assert undone.exit_code == 0, undone.output
    after = snapshot(vault)
    assert {k: v[0] for k, v in after.items() if k != ".trash"} == {
        k: v[0] for k, v in before.items()}


def test_a_trash_note_of_that_name_is_kept_and_the_moved_one_numbered(vault: Path,
                                                                     run: Run) -> None:
    (vault / ".trash").mkdir()
    (vault / ".trash" / "J. Doe.md").write_text("an older one\n")
    assert vt(run, vault, "merge", "Jane Doe", "J. Doe").exit_code == 0
    assert read(vault, ".trash/J. Doe.md") == "an older one\n"
    assert read(vault, ".trash/J. Doe 1.md") == J_DOE


@pytest.mark.parametrize(("args", "code", "message"), [
    (("Jane Doe", "Jane Doe"), 1, "are one note (People/Jane Doe.md): name two notes"),
    (("Jane Doe", "Nobody"), 2, "Nobody"),
])
def test_a_merge_that_cannot_be_done_writes_nothing(vault: Path, run: Run,
                                                    args: tuple[str, str], code: int,
                                                    message: str) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "merge", *args)
    assert result.exit_code == code and message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(vault) == before


def test_a_note_that_refuses_the_edit_stops_the_whole_merge(vault: Path, run: Run) -> None:
    (vault / "Daily" / "2026-10-02.md").write_text("---\nbroken: [\n---\n[[J. Doe]]\n")
    before = snapshot(vault)
    result = vt(run, vault, "merge", "Jane Doe", "J. Doe", "--relink")
    assert result.exit_code == 1
    assert "Daily/2026-10-02.md" in result.stderr and "front matter" in result.stderr
    assert snapshot(vault) == before


def test_json_says_what_merged(vault: Path, run: Run) -> None:
    result = vt(run, vault, "merge", "Jane Doe", "J. Doe", "--dry-run", "--json")
    data = json.loads(result.stdout)
    assert data["dry_run"] is True and data["trash"] == ".trash/J. Doe.md"
    assert data["filled"] == ["phone", "location", "birthday", "anniversaries", "last_contact"]
    assert data["united"] == ["email", "tags", "aliases"]
    assert data["differing"] == [{"field": "company", "kept": "Acme", "other": "Acme Corp"}]
    assert data["logged"] == 2 and data["tasks"] == 1
    assert data["links"] == [{"path": "Daily/2026-10-02.md", "count": 1},
                             {"path": "People/Bob.md", "count": 2}]

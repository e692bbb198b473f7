"""The editing core's guarantees that are not about bytes: where and whether it writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest

from vaulttools import load_vault
from vaulttools.edit.changes import apply, plan_log
from vaulttools.errors import WriteRefused

from conftest import EXAMPLE, Run, snapshot, write_vault

TODAY = "2026-11-21"
NOTE = "---\nname: Ada Lovelace\ngroup: peer\nlast_contact: 2026-01-01\n---\n## Log\n"


def vt(run: Run, vault: Path, *args: str):  # type: ignore[no-untyped-def]
    return run("--vault", str(vault), "--today", TODAY, *args)


def test_file_mode_is_kept(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    note = vault / "People" / "Ada.md"
    note.chmod(0o640)
    assert vt(run, vault, "log", "ada", "Hi", "--via", "call").exit_code == 0
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert "- 2026-11-21 call: Hi" in note.read_text()


def test_symlink_is_followed_and_kept(tmp_path: Path, run: Run) -> None:
    """A link to a note elsewhere in the vault (outside: tests/test_untrusted_vault.py)."""
    vault = write_vault(tmp_path / "v", {})
    real = vault / "Elsewhere" / "Ada.md"
    real.parent.mkdir()
    real.write_text(NOTE)
    link = vault / "People" / "Ada.md"
    link.symlink_to(real)
    assert vt(run, vault, "log", "ada", "Hi", "--via", "call").exit_code == 0
    assert link.is_symlink()
    assert "- 2026-11-21 call: Hi" in real.read_text()
    assert [p.name for p in real.parent.iterdir()] == ["Ada.md"]  # no temp file left


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_is_refused(tmp_path: Path, run: Run, what: str) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    note = vault / "People" / "Ada.md"
    target = note if what == "file" else note.parent
    mode = target.stat().st_mode
    target.chmod(stat.S_IMODE(mode) & ~0o222)
    try:
        before = snapshot(vault)
        result = vt(run, vault, "log", "ada", "Hi")
        assert result.exit_code == 1
        assert "read-only; nothing written" in result.stderr
        assert f"{target}: " in result.stderr
        assert snapshot(vault) == before
    finally:
        target.chmod(stat.S_IMODE(mode))


def test_concurrent_change_between_read_and_write_is_refused(tmp_path: Path) -> None:
    vault_path = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    note = vault_path / "People" / "Ada.md"
    vault = load_vault(vault_path)
    edit = plan_log(vault.find("ada"), date(2026, 11, 21), "Hi", "call")
    # Someone saves the note in their editor: same size, same second.
    edited = NOTE.replace("peer", "PEER")
    stamp = note.stat().st_mtime_ns
    note.write_text(edited)
    os.utime(note, ns=(stamp, stamp))
    with pytest.raises(WriteRefused, match="changed on disk since it was read"):
        apply(edit)
    assert note.read_text() == edited
    assert sorted(p.name for p in note.parent.iterdir()) == ["Ada.md"]


@pytest.mark.parametrize("front", [
    "---\nname: [broken\n---\n",
    "---\nname: A\nname: B\n---\n",
    "---\n- a list\n---\n",
    "---\nname: never closed\n",
])
def test_unparseable_front_matter_is_refused_not_repaired(
    tmp_path: Path, run: Run, front: str
) -> None:
    vault = write_vault(tmp_path / "v", {"Broken.md": front, "Ada.md": NOTE})
    before = snapshot(vault)
    for args in (["set", "company=X", "broken"], ["log", "broken", "Hi"]):
        result = vt(run, vault, *args)
        assert result.exit_code == 1
        assert "People/Broken.md" in result.stderr
        assert any(word in result.stderr for word in ("does not parse", "never closed",
                                                      "cannot be read"))
        assert "fix it first" in result.stderr or "fix the note" in result.stderr
    assert snapshot(vault) == before


def test_bulk_edit_writes_nothing_when_one_note_is_refused(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"A.md": "---\ngroup: peer\n---\n",
                                          "B.md": "---\ngroup: peer\n---\n"})
    (vault / "People" / "B.md").chmod(0o444)
    before = snapshot(vault)
    result = vt(run, vault, "set", "cadence=1m", "--group", "peer")
    assert result.exit_code == 1
    assert "B.md: the note is read-only; nothing written" in result.stderr
    assert snapshot(vault) == before


def test_future_dates_are_refused(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    before = snapshot(vault)
    result = vt(run, vault, "log", "ada", "Tomorrow", "--date", "2026-11-22")
    assert result.exit_code == 2
    assert "2026-11-22 is in the future" in result.stderr
    assert snapshot(vault) == before


def test_last_contact_never_moves_backwards(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE.replace("2026-01-01", "2026-10-01")})
    assert vt(run, vault, "log", "ada", "Old", "--date", "2026-03-01").exit_code == 0
    text = (vault / "People" / "Ada.md").read_text()
    assert "last_contact: 2026-10-01" in text
    assert "- 2026-03-01 note: Old" in text


def test_new_contact_from_template(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Bob Smith.md": NOTE.replace("Ada Lovelace", "Bob Smith")})
    result = vt(run, vault, "new", "Grace Hopper", "--group", "mentor", "--tag", "navy",
                "--tag", "#cobol", "--email", "grace@example.com", "--company", "US Navy",
                "--title", "Rear Admiral: retired", "--met-via", "bob")
    assert result.exit_code == 0, result.output
    assert result.stdout == "created People/Grace Hopper.md\n"
    text = (vault / "People" / "Grace Hopper.md").read_text()
    assert text.startswith("---\nname: Grace Hopper\naliases: []\ngroup: mentor\n"
                           "tags: [navy, cobol]\ncompany: US Navy\n"
                           'title: "Rear Admiral: retired"\nemail: grace@example.com\nphone:\n')
    assert 'met_via: "[[Bob Smith]]"\n' in text
    assert "met:\n" in text and "reviewed:\n" in text  # not invented from today
    assert text.endswith("# Grace Hopper\n\nHow we met, what they are working on, how I can "
                         "help.\n\n## Log\n")
    shown = json.loads(vt(run, vault, "show", "grace", "--json").stdout)
    assert shown["groups"] == ["mentor"] and shown["standing"] == "never"
    assert vt(run, vault, "check").exit_code == 0


@pytest.mark.parametrize("name", ["grace hopper", "GRACE HOPPER", "Gräce Hopper"])
def test_new_refuses_an_existing_name(tmp_path: Path, run: Run, name: str) -> None:
    vault = write_vault(tmp_path / "v", {"Grace Hopper.md": "---\ngroup: mentor\n---\n"})
    before = snapshot(vault)
    result = vt(run, vault, "new", name)  # case and accents are folded: the same person
    assert result.exit_code == 1
    assert "a contact named 'Grace Hopper' exists already (People/Grace Hopper.md); " \
        "nothing written" in result.stderr
    assert snapshot(vault) == before


def test_new_refuses_nfd_twin_of_an_nfc_name(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Zoë.md": "---\ngroup: peer\n---\n"})
    result = vt(run, vault, "new", "Zoe\u0308")
    assert result.exit_code == 1
    assert "exists already" in result.stderr


def test_new_uses_the_vault_template(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {})
    templates = vault / ".vaulttools" / "templates"
    templates.mkdir(parents=True)
    (templates / "contact.md.j2").write_text("---\n{{ field('name', name) }}\nsource: mine\n---\n")
    assert vt(run, vault, "new", "Custom Person").exit_code == 0
    written = (vault / "People" / "Custom Person.md").read_text()
    # A template that leaves out `uid` still gets one: it is the contact's identity.
    assert re.fullmatch(r"---\nname: Custom Person\nsource: mine\nuid: "
                        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
                        r"\n---\n", written), written
    (templates / "contact.md.j2").write_text("---\n{{ field('name', nme) }}\n---\n")
    result = vt(run, vault, "new", "Other Person")
    assert result.exit_code == 1
    assert "contact.md.j2:2: template error: 'nme' is undefined" in result.stderr
    assert not (vault / "People" / "Other Person.md").exists()


def test_bulk_set_by_group_plans_all_before_writing(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "A.md": "---\ngroup: peer\n---\n",
        "B.md": "---\ngroup: peer\ncadence: 1m # keep comment\n---\n",
        "C.md": "---\ngroup: client\n---\n",
    })
    result = vt(run, vault, "set", "cadence=2m", "--group", "peer")
    assert result.exit_code == 0
    assert result.stdout == ("People/A.md: cadence: (unset) -> 2m\n"
                             "People/B.md: cadence: 1m -> 2m\n")
    assert (vault / "People" / "B.md").read_text() == (
        "---\ngroup: peer\ncadence: 2m # keep comment\n---\n")
    assert (vault / "People" / "C.md").read_text() == "---\ngroup: client\n---\n"
    again = vt(run, vault, "set", "cadence=2m", "--group", "peer")
    assert again.stdout == "nothing to change\n"


@pytest.mark.parametrize(("assignment", "message"), [
    ("last_contact=yesterday", "last_contact: bad date 'yesterday'"),
    ("cadence=often", "cadence: bad cadence 'often'"),
    ("status=gone", "status: 'gone' is not one of active, paused, archived"),
    ("birthday=1987-02-29", "birthday: impossible date '1987-02-29'"),
    ("bad key=1", "'bad key' is not a field name"),
    ("tags={a: 1}", "tags: expected a list, found a mapping"),
    ("company=[Acme, Foo]", "company: expected text, found a list"),
    ("anniversaries={wedding: 2010-02-30}", "anniversaries: impossible date"),
    ("tags=[a, [b]]", "tags: a list of plain values"),
    ("company=[unclosed", "company: '[unclosed' is not valid YAML"),
])
def test_set_checks_values(tmp_path: Path, run: Run, assignment: str, message: str) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    before = snapshot(vault)
    result = vt(run, vault, "set", assignment, "ada")
    assert result.exit_code == 2
    assert message in result.stderr
    assert snapshot(vault) == before


def test_status_snooze_and_review_commands(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    note = vault / "People" / "Ada.md"
    assert vt(run, vault, "pause", "ada").stdout == "People/Ada.md: status: (unset) -> paused\n"
    assert vt(run, vault, "archive", "ada").stdout == "People/Ada.md: status: paused -> archived\n"
    assert vt(run, vault, "resume", "ada").stdout == "People/Ada.md: status: archived -> active\n"
    assert vt(run, vault, "snooze", "ada", "--for", "2w").stdout == (
        "People/Ada.md: snooze_until: (unset) -> 2026-12-05\n")
    assert vt(run, vault, "snooze", "ada", "--until", "2026-11-01").exit_code == 2
    assert vt(run, vault, "unsnooze", "ada").stdout == (
        "People/Ada.md: snooze_until: 2026-12-05 -> (removed)\n")
    assert vt(run, vault, "review", "ada", "--done").stdout == (
        "People/Ada.md: reviewed: (unset) -> 2026-11-21\n")
    assert note.read_text() == ("---\nname: Ada Lovelace\ngroup: peer\nlast_contact: 2026-01-01\n"
                                "status: active\nreviewed: 2026-11-21\n---\n## Log\n")


def test_library_api_edits_without_the_cli(tmp_path: Path) -> None:
    from vaulttools.edit.api import Editor

    editor = Editor(load_vault(write_vault(tmp_path / "v", {"Ada.md": NOTE})))
    edit = editor.log("ada", date(2026, 11, 21), "Tea", "tea", flags=["gave"], dry_run=True)
    assert "+- 2026-11-21 tea: Tea #gave" in edit.diff()
    assert "2026-11-21" not in (tmp_path / "v" / "People" / "Ada.md").read_text()
    editor.log("ada", date(2026, 11, 21), "Tea", "tea", flags=["gave"])
    assert "- 2026-11-21 tea: Tea #gave" in (tmp_path / "v" / "People" / "Ada.md").read_text()


def test_log_on_every_example_note_changes_at_most_two_lines(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "example"
    shutil.copytree(EXAMPLE, vault)
    notes = sorted((vault / "People").glob("*.md"))
    for note in notes:
        before = note.read_bytes()
        result = vt(run, vault, "log", note.stem, "Checked in", "--via", "email")
        assert result.exit_code == 0, (note.name, result.output)
        diff = subprocess.run(
            ["git", "diff", "--no-index", "--numstat", "--", str(EXAMPLE / "People" / note.name),
             str(note)], capture_output=True, text=True, check=False).stdout
        added, removed, _ = diff.split("\t", 2)
        assert int(added) + int(removed) <= 3, note.name  # 1 log line + last_contact (-1 +1)
        assert int(added) <= 2 and int(removed) <= 1, note.name
        assert note.read_bytes() != before


@pytest.mark.parametrize(("assignment", "line", "loaded"), [
    ('tags=[a, "b c"]', 'tags: [a, b c]', ["a", "b c"]),
    ("tags=ai, climate", "tags: [ai, climate]", ["ai", "climate"]),
    ("anniversaries={wedding: 2010-06-01}", "anniversaries: {wedding: 2010-06-01}",
     {"wedding": "2010-06-01"}),
    ('title="VP: Engineering"', 'title: "VP: Engineering"', "VP: Engineering"),
    ("title=VP: Engineering", 'title: "VP: Engineering"', "VP: Engineering"),
    ("phone='07700 900456'", 'phone: 07700 900456', "07700 900456"),
    ("cadence='2m'", "cadence: 2m", "2m"),
    ("group=123", 'group: "123"', ["123"]),  # text: plain, YAML 1.2 reads a number
])
def test_set_speaks_yaml(tmp_path: Path, run: Run, assignment: str, line: str,
                         loaded: object) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    result = vt(run, vault, "set", assignment, "ada")
    assert result.exit_code == 0, result.output
    text = (vault / "People" / "Ada.md").read_text()
    assert line in text.splitlines(), text
    from vaulttools.read.load import load_vault

    ada = load_vault(vault, use_cache=False).find("ada")
    key = assignment.split("=", 1)[0]
    value = {"tags": ada.tags, "title": ada.title, "group": ada.groups,
             "phone": ada.phones[:1] and ada.phones[0],
             "cadence": str(ada.cadence),
             "anniversaries": {k: str(v) for k, v in ada.anniversaries.items()}}[key]
    assert value == loaded
    assert vt(run, vault, "check").exit_code == 0


def test_new_takes_met_and_last_contact(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {})
    result = vt(run, vault, "new", "Grace Hopper", "--group", "mentor", "--met", "2019-05-10",
                "--last-contact", "2026-10-01")
    assert result.exit_code == 0, result.output
    text = (vault / "People" / "Grace Hopper.md").read_text()
    assert "met: 2019-05-10\n" in text and "last_contact: 2026-10-01\n" in text
    shown = json.loads(vt(run, vault, "show", "grace", "--json").stdout)
    assert shown["standing"] == "ok" and shown["next_due"] == "2027-01-01"
    future = vt(run, vault, "new", "Ada", "--last-contact", "2027-01-01")
    assert future.exit_code == 2 and "last_contact: 2027-01-01 is in the future" in future.stderr
    assert not (vault / "People" / "Ada.md").exists()

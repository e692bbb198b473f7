"""`vaulttools index`: deterministic notes, written only when they change, never over user files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, Run, snapshot, write_vault

TODAY = "2026-11-21"


def test_index_twice_writes_nothing_the_second_time(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    shutil.rmtree(vault / "Index", ignore_errors=True)
    first = run("--vault", str(vault), "--today", TODAY, "index")
    assert first.exit_code == 0
    notes = ("Due", "Contacts", "Birthdays", "Review", "Problems", "Dashboard")
    assert first.stdout.splitlines() == [*(f"wrote Index/{n}.md" for n in notes),
                                         "wrote Index/People.base"]
    before = snapshot(vault)
    second = run("--vault", str(vault), "--today", TODAY, "index")
    assert second.stdout == "index notes are up to date\n"
    assert snapshot(vault) == before
    for name in ("Due", "Contacts", "Birthdays", "Review", "Problems", "Dashboard"):
        data = (vault / "Index" / f"{name}.md").read_bytes()
        assert data.startswith(b"---\ngenerated_by: vaulttools\n")
        assert b"edit the template, not this note" in data
        assert data.endswith(b"\n") and not data.endswith(b"\n\n") and b"\r" not in data
        assert not any(line != line.rstrip() for line in data.decode().splitlines())


def test_committed_example_index_is_current(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.stdout == "index notes are up to date\n", "run `make run` and commit Index/"


def test_due_note_content(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ada.md": "---\ngroup: mentor\n---\n## Log\n- 2026-07-01 coffee: Talked.\n",
        "Dr B.md": "---\nname: Bea Blue\nbirthday: --11-23\nlast_contact: 2026-11-10\n---\n",
    })
    run("--vault", str(vault), "--today", TODAY, "index")
    due = (vault / "Index" / "Due.md").read_text()
    assert "date: 2026-11-21\n" in due
    assert "## Overdue\n\n- [ ] [[People/Ada|Ada]] (mentor): quarterly; last coffee " \
           "2026-07-01; overdue since 2026-11-15 %%vt:overdue%%\n" in due
    assert "## Birthdays\n\n- [ ] [[People/Dr B|Bea Blue]]: birthday Mon Nov 23 " \
           "%%vt:birthday%%\n" in due
    birthdays = (vault / "Index" / "Birthdays.md").read_text()
    assert "## November\n\n- Nov 23: [[People/Dr B|Bea Blue]]\n" in birthdays


def test_problems_note_links_broken_files(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Bad.md": "---\nname: [x\n---\n", "Ok.md": ""})
    run("--vault", str(vault), "--today", TODAY, "index")
    problems = (vault / "Index" / "Problems.md").read_text()
    assert "## [[People/Bad.md]]\n\n- line 3: error: front matter: invalid YAML" in problems


def test_unmarked_file_is_never_overwritten(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    (vault / "Index").mkdir()
    mine = vault / "Index" / "Due.md"
    mine.write_text("# My own due list\n")
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.exit_code == 1
    assert f"{mine}: not written: this file has no 'generated_by: vaulttools'" in result.stderr
    assert mine.read_text() == "# My own due list\n"
    assert (vault / "Index" / "Contacts.md").exists()  # the others are still written


def test_dry_run_writes_nothing(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    before = snapshot(vault)
    result = run("--vault", str(vault), "--today", TODAY, "index", "--dry-run")
    assert "would write Index/Due.md" in result.stdout
    assert snapshot(vault) == before


def test_vault_template_overrides_and_errors_name_the_line(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    templates = vault / ".vaulttools" / "templates"
    templates.mkdir(parents=True)
    (templates / "review.md.j2").write_text(
        "---\ngenerated_by: vaulttools\n---\n{% for i in review_items %}- {{ link(i.contact) }}\n"
        "{% endfor %}")
    run("--vault", str(vault), "--today", TODAY, "index")
    assert (vault / "Index" / "Review.md").read_text() == (
        "---\ngenerated_by: vaulttools\n---\n- [[People/Ada|Ada]]\n")
    (templates / "review.md.j2").write_text("line one\n{% for x in %}\n")
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.exit_code == 1
    assert "review.md.j2:2: template syntax error" in result.stderr


def test_link_tick_and_escape_are_filters_too_and_say_the_same(tmp_path: Path,
                                                               run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"C# dev.md": "---\ngroup: peer\n---\n",
                                         "Ada.md": "---\nlast_contact: 2024-01-01\n---\n"})
    templates = vault / ".vaulttools" / "templates"
    templates.mkdir(parents=True)
    (templates / "due.md.j2").write_text(
        "---\ngenerated_by: vaulttools\n---\n{% for title, items in sections %}"
        "{% for i in items %}{{ link(i.contact) == i.contact | link }} "
        "{{ tick(i) == i | tick }} {{ escape(i.reason) == i.reason | md_escape }} "
        "{{ i.contact | link }} {{ '[[x]]' | md_escape }} {{ i | tick }}\n"
        "{% endfor %}{% endfor %}")
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.exit_code == 0, result.stderr
    lines = (vault / "Index" / "Due.md").read_text().splitlines()[3:]
    assert sorted(lines) == [
        "True True True [C# dev](People/C%23%20dev.md) \\[\\[x\\]\\] %%vt:never%%",
        "True True True [[People/Ada|Ada]] \\[\\[x\\]\\] %%vt:overdue%%"]


def test_templates_get_every_variable_they_name_however_they_name_it(
    tmp_path: Path, run: Run
) -> None:
    """Each note is rendered with just the variables its template (and what that includes,
    imports or extends) names; an override may name any of them."""
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\nbirthday: 1990-11-25\n---\n"})
    templates = vault / ".vaulttools" / "templates"
    templates.mkdir(parents=True)
    head = "---\ngenerated_by: vaulttools\n---\n"
    (templates / "due.md.j2").write_text(
        head + '{% include "mine.j2" %}{% from "macros.j2" import n %}{{ n(review_items) }}\n')
    (templates / "mine.j2").write_text("{{ stats.contacts }} {{ contact_count }} ")
    (templates / "macros.j2").write_text("{% macro n(xs) %}{{ xs | length }}{% endmacro %}")
    (templates / "review.md.j2").write_text(  # a template chosen by an expression: all of them
        head + '{% include ["nothing-" ~ today.year ~ ".j2", "any.j2"] %}\n')
    (templates / "any.j2").write_text("{{ birthday_months | length }} {{ counts['never'] }}")
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.exit_code == 0, result.stderr
    assert (vault / "Index" / "Due.md").read_text() == head + "1 1 1\n"
    assert (vault / "Index" / "Review.md").read_text() == head + "1 1\n"


def test_every_report_counts_the_same(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    assert run("--vault", str(vault), "--today", TODAY, "index").exit_code == 0
    summary = ("32 contacts: 2 overdue, 4 due, 1 never contacted, 1 to try once more, "
               "4 upcoming, 10 on schedule, 3 dormant, 1 giving space, 1 snoozed, 1 paused, "
               "4 to sort")
    for note in ("Due", "Dashboard", "Contacts"):
        assert summary in (vault / "Index" / f"{note}.md").read_text(), note
    stats = run("--vault", str(vault), "--today", TODAY, "stats").stdout
    assert stats.splitlines()[0] == summary
    check = run("--vault", str(vault), "--today", TODAY, "check")
    assert check.stderr.startswith("32 contacts (and 1 archived), ")
    contacts = (vault / "Index" / "Contacts.md").read_text()
    headed = sum(int(line.rsplit("(", 1)[1].rstrip(")")) for line in contacts.splitlines()
                 if line.startswith("## "))
    rows = sum(1 for line in contacts.splitlines() if line.startswith("- "))
    assert rows == 32 and headed >= 32  # a contact in two groups is listed in both
    due = (vault / "Index" / "Due.md").read_text()
    for status, title in (("overdue", "Overdue"), ("due", "Due"), ("never", "Never contacted"),
                          ("upcoming", "Upcoming")):
        section = due.split(f"\n## {title}\n\n", 1)[1].split("\n\n", 1)[0]
        count = int(summary.split(f" {status if status != 'never' else 'never contacted'}")[0]
                    .rsplit(" ", 1)[-1])
        assert len(section.splitlines()) == count, title
    cadences = {line.split(": ", 1)[1].split(";")[0] for line in contacts.splitlines()
                if line.startswith("- ")}
    assert "3m" not in cadences and "quarterly" in cadences  # one way of writing each


def test_a_new_day_changes_only_the_rows_that_moved(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ada.md": "---\ngroup: peer\nlast_contact: 2026-01-01\n---\n",  # overdue both days
        "Bo.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\n",  # on schedule
        "Cy.md": "---\ngroup: peer\nlast_contact: 2026-08-23\n---\n",  # upcoming -> due
        "Di.md": "---\ngroup: peer\nreviewed: 2026-01-01\nlast_contact: 2026-10-01\n---\n",
    })
    notes = {}
    for day in ("2026-11-21", "2026-11-22", "2026-11-23"):
        assert run("--vault", str(vault), "--today", day, "index").exit_code == 0
        notes[day] = {p.name: p.read_text().splitlines() for p in (vault / "Index").iterdir()}
    first, second = notes["2026-11-21"], notes["2026-11-22"]
    for name in ("Contacts.md", "Review.md", "Birthdays.md", "Problems.md"):
        assert first[name] == second[name], name
    changed = [b for a, b in zip(first["Due.md"], second["Due.md"], strict=False) if a != b]
    assert changed == ["date: 2026-11-22"] or all(
        line.startswith(("date:", "- **")) for line in changed), changed
    # On the 23rd Cy falls due: only Cy's rows and the counts move.
    third = notes["2026-11-23"]
    moved = set(third["Contacts.md"]) ^ set(second["Contacts.md"])
    assert all("Cy" in line or line.startswith("4 contacts") for line in moved), moved
    assert not any("ago" in line or " in " in line.split(":", 1)[-1]
                   for text in third.values() for line in text if line.startswith("- "))


@pytest.mark.parametrize(("file_name", "name", "link"), [
    ("Jane Doe.md", "Jane Doe", "[[People/Jane Doe|Jane Doe]]"),
    ("C# dev.md", "C# dev", "[C# dev](People/C%23%20dev.md)"),
    ("Ann^2.md", "Ann^2", "[Ann^2](People/Ann%5E2.md)"),
    ("Bob.md", "Bob [Builder]", "[Bob \\[Builder\\]](People/Bob.md)"),
    ("Pipe.md", "A|B", "[A|B](People/Pipe.md)"),
])
def test_links_always_resolve_to_the_contact(
    tmp_path: Path, run: Run, file_name: str, name: str, link: str
) -> None:
    vault = write_vault(tmp_path / "v", {
        file_name: f"---\nname: '{name}'\ngroup: peer\n---\n",
        # A note of the same name outside the contacts folder: a bare [[Jane Doe]]
        # would be ambiguous, and Obsidian might open this one.
        "Projects/Jane Doe.md": "# Project notes\n"})
    assert run("--vault", str(vault), "--today", TODAY, "index").exit_code == 0
    contacts = (vault / "Index" / "Contacts.md").read_text()
    assert f"- {link}: quarterly;" in contacts


def test_an_interrupted_render_writes_due_first_and_leaves_the_rest(tmp_path: Path) -> None:
    """The watcher stops a render when a note changes meanwhile: Due.md is written,
    the rest wait for the next render, which writes them."""
    from datetime import date

    from vaulttools.read.load import load_vault
    from vaulttools.render.index import write_index

    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    loaded = load_vault(vault)
    asked: list[int] = []
    first = write_index(loaded, date(2026, 11, 21),
                        interrupted=lambda: asked.append(1) is None)  # always "yes"
    assert first.written == ["Index/Due.md"] and len(asked) == 1
    assert first.deferred == [f"Index/{n}" for n in ("Contacts.md", "Birthdays.md",
                                                     "Review.md", "Problems.md",
                                                     "Dashboard.md")]
    assert sorted(p.name for p in (vault / "Index").iterdir()) == ["Due.md"]
    second = write_index(loaded, date(2026, 11, 21))
    assert second.deferred == [] and second.unchanged == ["Index/Due.md"]
    assert len(second.written) == 5


def test_a_render_that_may_be_stopped_gives_the_same_bytes_when_it_is_not(
    tmp_path: Path
) -> None:
    """render_unless(), the watcher's way of rendering the notes after Due.md, against
    render(): every index note of a vault large enough to ask `stop` many times."""
    from datetime import date

    from vaulttools.read.load import load_vault
    from vaulttools.render.index import INDEX_NOTES, IndexContext, with_index_filters
    from vaulttools.render.templates import (
        PIECES_BETWEEN_QUESTIONS,
        environment,
        render,
        render_unless,
        variables_used,
    )

    people = {f"P{i:03d}.md": f"---\ngroup: {['peer', 'client'][i % 2]}\nbirthday: "
              f"1990-{1 + i % 12:02d}-{1 + i % 28:02d}\nlast_contact: 2026-0{1 + i % 9}-01\n"
              "---\n" for i in range(400)}
    loaded = load_vault(write_vault(tmp_path / "v", people))
    env = with_index_filters(environment(loaded.settings))
    data = IndexContext(loaded, date(2026, 11, 21))
    asked = 0

    def never() -> bool:
        nonlocal asked
        asked += 1
        return False

    for template in INDEX_NOTES.values():
        values = data.values(variables_used(env, template))
        assert render_unless(env, template, never, **values) == render(env, template, **values)
    assert asked >= 4, f"asked {asked} times, every {PIECES_BETWEEN_QUESTIONS} pieces"
    values = data.values(variables_used(env, "contacts.md.j2"))
    assert render_unless(env, "contacts.md.j2", lambda: True, **values) is None


def test_a_template_error_found_while_it_may_be_stopped_names_its_line(tmp_path: Path) -> None:
    from vaulttools.config import load_settings
    from vaulttools.errors import TemplateProblem
    from vaulttools.render.templates import environment, render_unless

    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    (vault / ".vaulttools" / "templates").mkdir(parents=True)
    (vault / ".vaulttools" / "templates" / "x.md.j2").write_text("one\n{{ missing.name }}\n")
    env = environment(load_settings(vault))
    with pytest.raises(TemplateProblem) as raised:
        render_unless(env, "x.md.j2", lambda: False)
    assert raised.value.line == 2 and "missing" in raised.value.reason


def test_a_render_stopped_inside_a_note_writes_due_and_leaves_that_note_and_the_rest(
    tmp_path: Path
) -> None:
    from datetime import date

    from vaulttools.read.load import load_vault
    from vaulttools.render.index import write_index

    vault = write_vault(tmp_path / "v", {f"P{i:03d}.md": "---\ngroup: peer\n---\n"
                                         for i in range(600)})
    loaded = load_vault(vault)
    asked = 0

    def after_contacts_began() -> bool:  # asked before each value Contacts.md needs
        nonlocal asked
        asked += 1
        return asked > 2

    first = write_index(loaded, date(2026, 11, 21), interrupted=after_contacts_began)
    assert first.written == ["Index/Due.md"] and asked == 3
    assert first.deferred == [f"Index/{n}" for n in ("Contacts.md", "Birthdays.md",
                                                     "Review.md", "Problems.md",
                                                     "Dashboard.md")]
    assert sorted(p.name for p in (vault / "Index").iterdir()) == ["Due.md"]
    assert write_index(loaded, date(2026, 11, 21)).deferred == []


def test_the_watchers_memoised_render_equals_a_fresh_one_after_every_kind_of_edit(
    tmp_path: Path
) -> None:
    """RenderMemo keeps per-contact results (agenda, review, statistics, matching)
    between renders: after each edit, every index note equals one rendered afresh."""
    import os
    from datetime import date

    from vaulttools.config import load_settings
    from vaulttools.read.load import load_vault
    from vaulttools.read.loader import VaultIndex
    from vaulttools.render.index import RenderMemo, iter_index, render_index

    today = date(2026, 11, 21)

    def person(group: str, company: str, town: str, title: str, log: str = "") -> str:
        return (f"---\ngroup: {group}\ncompany: {company}\nlocation: {town}\ntitle: {title}\n"
                f"interests: [grid storage, rust]\nbirthday: 1990-03-0{len(group) % 9 + 1}\n"
                f"---\n# Log\n\n{log}")

    vault = write_vault(tmp_path / "v", {
        "Ann.md": person("mentor", "Acme", "Berlin", "VP Engineering",
                         "- 2026-10-02 coffee: roadmap #gave\n"),
        "Bo.md": person("peer", "Initech", "Berlin", "Junior Analyst",
                        "- 2026-06-01 call: intro to [[Cy]] #intro\n"),
        "Cy.md": person("client", "Hooli", "Lagos", "Founder"),
        "Di.md": person("peer", "Acme", "Berlin", "Engineer", "- 2025-02-01 email: hi #asked\n"),
        "Daily/2026-11-10.md": "Lunch with [[Ann]] and [[Cy]].\n",
    }, config='daily_notes = "Daily"\n')
    index = VaultIndex(load_settings(vault))
    index.reconcile()
    memo = RenderMemo()

    def compare(what: str, day: date = today) -> None:
        remembered = dict(iter_index(index.vault(), day, memo=memo))
        assert remembered == render_index(load_vault(vault), day), what

    compare("first render")
    edits: list[tuple[str, str | None]] = [
        ("People/Cy.md", person("client", "Hooli", "Lagos", "Founder",
                                "- 2026-11-20 call: pricing #gave #asked\n")),
        ("People/Di.md", person("mentor", "Hooli", "Lagos", "Director")),
        ("Daily/2026-11-10.md", "Lunch with [[Di]].\n"),
        ("Daily/2026-09-03.md", "Met [[Bo]] and [[Ann]].\n"),
        ("People/Eve.md", person("peer", "Umbrella", "Berlin", "Intern",
                                 "- 2026-11-01 coffee: hello\n"
                                 "- 2026-12-15 call: planned, not yet had\n")),
        ("People/Ann.md", None),
        ("People/Bo.md", person("acquaintance", "Initech", "Paris", "Senior Engineer",
                                "- 2026-03-01 call: catch-up #milestone\n")),
    ]
    for relpath, text in edits:
        path = vault / relpath
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            os.utime(path, ns=(os.stat(path).st_mtime_ns + 10**9,) * 2)
        index.reconcile()
        compare(relpath)
    compare("the watcher still running in January", date(2027, 1, 4))


def test_a_template_whose_own_code_fails_is_named_with_its_line(tmp_path: Path,
                                                               run: Run) -> None:
    """A mistake in a vault's template that is no template syntax (a division by zero,
    a method of a value called wrongly) is the template's problem, not vaulttools'."""
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    templates = vault / ".vaulttools" / "templates"
    templates.mkdir(parents=True)
    (templates / "contacts.md.j2").write_text(
        "---\ngenerated_by: vaulttools\n---\n{{ contact_count / 0 }}\n")
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.exit_code == 1
    assert "contacts.md.j2:4: template error: ZeroDivisionError: division by zero" in (
        result.stderr)
    assert "internal error" not in result.stderr

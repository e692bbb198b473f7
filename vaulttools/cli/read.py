"""Commands that only read the vault: check, list, show, timeline, due."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from vaulttools.cli.base import common_options, emit_json, main, remembered, state
from vaulttools.cli.complete import contact_names, group_names
from vaulttools.cli.textout import fields, name_link, note_links, table, terminal_columns
from vaulttools.model import FIELDS, STATUSES, shown_value
from vaulttools.schedule.statuses import TALLY_STATUSES
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.schedule.standing import Standing


class _ErrorsFound(Exception):
    """check's problems held an error: the command exits 1, and the answer is not kept."""


@main.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def check(as_json: bool) -> None:
    """Report every problem in the vault as `path:line: error|warning: message`.

    Exits 1 when there is any error, 0 otherwise (warnings alone pass).
    """
    try:
        _report_problems(as_json=as_json)
        errors = False
    except _ErrorsFound:
        errors = True
    from vaulttools.edit.initvault import stale_merge_driver

    # Asked of git every time: what git's configuration holds is no part of the vault.
    stale = stale_merge_driver(state().root())
    if stale:
        click.echo(f"vaulttools: warning: {stale}", err=True)
    if errors:
        raise SystemExit(1)


@remembered
def _report_problems(as_json: bool) -> None:
    """check's report of the vault's problems; _ErrorsFound when there is an error."""
    vault = state().vault(warn=False)
    problems = sorted([*vault.problems, *vault.uid_clashes(), *vault.name_collisions(),
                       *vault.future_dates(state().today())],
                      key=lambda p: (p.path, p.line, p.severity, p.message))
    if as_json:
        emit_json([p.as_dict() for p in problems])
    else:
        for problem in problems:
            click.echo(problem.format())
        errors = len(vault.errors)
        warnings = len(problems) - errors
        archived = sum(1 for c in vault.contacts if c.status == "archived")
        listed = len(vault.contacts) - archived  # as every report counts them
        click.echo(f"{counted(listed, 'contact')}"
                   + (f" (and {archived} archived)" if archived else "")
                   + f", {counted(errors, 'error')}, "
                   f"{counted(warnings, 'warning')}", err=True)
    if vault.errors:
        raise _ErrorsFound


@main.command(name="list")
@common_options
@click.option("--group", shell_complete=group_names, help="Only contacts in this group.")
@click.option("--tag", help="Only contacts with this tag.")
@click.option("--company", help="Only contacts whose company holds this (any case).")
@click.option("--location", help="Only contacts whose location holds this (any case).")
@click.option("--standing", "standings", multiple=True,
              type=click.Choice([*TALLY_STATUSES, "archived"]),
              help="Only contacts standing here today; repeat for several.")
@click.option("--status", type=click.Choice([*STATUSES, "all"]),
              help="Only contacts whose note has this status (default: all but archived).")
@click.option("--json", "as_json", is_flag=True, help="Print contacts as JSON.")
@remembered
def list_(group: str | None, tag: str | None, company: str | None, location: str | None,
          standings: tuple[str, ...], status: str | None, as_json: bool) -> None:
    """List contacts with their group, standing, last contact and next due date.

    Filters combine: `list --group peer --location berlin --standing overdue`.
    """
    vault = state().vault()
    agenda = vault.agenda(state().today())
    chosen = vault.select(group, tag, status, company=company, location=location,
                          standings=standings, agenda=agenda)
    if as_json:
        emit_json([{**standing_dict(s), "obsidian_uri": vault.obsidian_uri(c.relpath)}
                   for c in chosen if (s := agenda.standing_of(c))])
        return
    rows = []
    for contact in chosen:
        s = agenda.standing_of(contact)
        rows.append([
            contact.name,
            ", ".join(contact.groups) or "-",
            s.status if s else contact.status,
            s.last.day.isoformat() if s and s.last else "-",
            s.next_due.isoformat() if s and s.next_due else "-",
        ])
    if rows:
        click.echo(table(["NAME", "GROUP", "STATUS", "LAST CONTACT", "NEXT DUE"], rows,
                         links=note_links(vault, chosen)))
    click.echo(f"{counted(len(rows), 'contact')}", err=True)


def _day(day: date | None) -> str:
    return day.isoformat() if day else "never"


def standing_dict(standing: Standing) -> dict[str, object]:
    data = standing.contact.as_dict()
    data.pop("interactions")
    data.update({
        "standing": standing.status,
        "effective_cadence": str(standing.cadence),
        "cadence_source": standing.cadence_source,
        "effective_last_contact": standing.last.day.isoformat() if standing.last else None,
        "last_contact_source": standing.last.source if standing.last else None,
        "next_due": standing.next_due.isoformat() if standing.next_due else None,
        "reason": standing.reason,
    })
    return data


@main.command()
@common_options
@click.argument("name", shell_complete=contact_names)
@click.option("--json", "as_json", is_flag=True, help="Print the contact as JSON.")
@remembered(unless=lambda settings: settings.capture.calendars or settings.capture.me)
def show(name: str, as_json: bool) -> None:
    """Show one contact: fields, where they stand, and the recent log.

    NAME is a file name, `name` or alias, ignoring case and accents, or a
    unique prefix of one.
    """
    from vaulttools.schedule.insights import reciprocity
    from vaulttools.schedule.introductions import introductions

    vault = state().vault()
    contact = vault.find(name)
    standing = vault.standing(contact, state().today())
    upcoming = _next_meeting(vault, contact.relpath)
    if as_json:
        data = standing_dict(standing)
        data["next_meeting"] = ({"date": upcoming[0].isoformat(), "title": upcoming[1]}
                                if upcoming else None)
        data["interactions"] = [i.as_dict() for i in contact.interactions]
        data["reciprocity"] = reciprocity(contact).as_dict()
        data["introductions"] = introductions(contact, vault.contacts).as_dict()
        data["obsidian_uri"] = vault.obsidian_uri(contact.relpath)
        emit_json(data)
        return
    last = standing.last
    click.echo(f"{name_link(vault, contact)}  ({contact.relpath})")
    click.echo(fields([
        *((spec.show, shown_value(spec, getattr(contact, spec.name)))
          for spec in FIELDS if spec.show),
        ("cadence", f"{standing.cadence} ({standing.cadence.describe()}; "
                    f"from {standing.cadence_source})"),
        ("last contact", f"{last.day.isoformat()} (from {last.source}: {last.detail})"
         if last else "never"),
        ("next due", standing.next_due.isoformat() if standing.next_due else "-"),
        ("next meeting", f"{upcoming[0].isoformat()} {upcoming[1]}" if upcoming else ""),
        ("standing", f"{standing.status}: {standing.reason}"),
    ]))
    today_items = [i for i in vault.items_for(contact, state().today())
                   if i.status not in (standing.status, "promise")]  # promises: below
    if today_items:
        click.echo("\nAlso on today's list:")
        for item in today_items:
            click.echo(f"  {item.status}: {item.reason}")
    if contact.promises:
        click.echo("\nOwed (open tasks in the note):")
        for promise in contact.promises:
            when = (f"due {promise.due.isoformat()}" if promise.due else
                    f"since {promise.since.isoformat()}" if promise.since else "open")
            click.echo(f"  - {promise.text} ({when}; line {promise.line})")
    met = introductions(contact, vault.contacts)
    for label, people in (("introduced you to", met.introduced_you_to),
                          ("you introduced them to", met.you_introduced_them_to)):
        if people:
            click.echo(f"\n{label}: " + ", ".join(c.name for c in people))
    balance = reciprocity(contact)
    if contact.interactions:
        click.echo(f"\ngive/ask: gave {balance.gave} (last {_day(balance.last_gave)}), asked "
                   f"{balance.asked} (last {_day(balance.last_asked)}), inbound "
                   f"{balance.inbound}, outbound {balance.outbound}")
        for flag in balance.flags():
            click.echo(f"  ! {flag}")
        click.echo("\nRecent log:")
        for entry in sorted(contact.interactions, key=lambda e: e.date, reverse=True)[:5]:
            said = f": {entry.text}" if entry.text else ""
            click.echo(f"  {entry.date.isoformat()} {entry.channel}{said}")
        click.echo(f"  (everything, daily notes too: vaulttools timeline {name!r})")
    problems = [p for p in vault.problems if p.path == contact.relpath]
    if problems:
        click.echo("\nProblems:")
        for problem in problems:
            click.echo(f"  {problem.format()}")


@main.command()
@common_options
@click.argument("name", shell_complete=contact_names)
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
def timeline(name: str, as_json: bool) -> None:
    """Everything about one person, newest first: the log, daily and meeting notes that
    mention them (the line that does), open tasks, when you met and last reviewed,
    and the next meeting in the calendars `capture` reads; each with its file:line.
    """
    from vaulttools.read.timeline import timeline as history

    vault = state().vault()
    contact = vault.find(name)
    moments = [m.as_dict() for m in history(vault, contact)]
    upcoming = _next_meeting(vault, contact.relpath)
    if upcoming:
        moments.insert(0, {"date": upcoming[0].isoformat(), "kind": "next meeting",
                           "text": upcoming[1], "path": None, "line": None})
    if as_json:
        emit_json(moments)
        return
    click.echo(f"{name_link(vault, contact)}  ({contact.relpath})")
    rows = [[m["date"] or "open", m["kind"],
             f"{m['path']}:{m['line']}" if m["path"] else "-", m["text"] or "-"]
            for m in moments]
    if rows:
        click.echo(table(["DATE", "WHAT", "WHERE", "TEXT"], rows, terminal_columns()))
    click.echo(counted(len(rows), "entry", "entries"), err=True)


@main.command()
@common_options
@click.option("--days", type=click.IntRange(0, 366), default=None,
              help="Look this many days ahead for upcoming dates and birthdays "
              "(default: upcoming_days, 7).")
@click.option("--all", "include_all", is_flag=True,
              help="Also show give-space, snoozed and reconnect suggestions.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@remembered
def due(days: int | None, include_all: bool, as_json: bool) -> None:
    """Who to reach out to today, and why, most urgent first."""
    vault = state().vault()
    agenda = vault.agenda(state().today(), days)
    items = agenda.shown(include_all)
    if as_json:
        emit_json([{**item.as_dict(), "obsidian_uri": vault.obsidian_uri(item.contact.relpath)}
                   for item in items])
        return
    if not items:
        click.echo("Nobody is due. Enjoy the day.")
    else:
        rows = [[item.status, item.contact.name, item.contact.group or "-", item.reason]
                for item in items]
        click.echo(table(["STATUS", "NAME", "GROUP", "WHY"], rows, terminal_columns(),
                         note_links(vault, [item.contact for item in items]), 1))
    if include_all and agenda.dormant_not_suggested:
        click.echo(f"({agenda.dormant_not_suggested} more dormant ties; "
                   f"{vault.settings.reconnect_per_week} suggested a week)", err=True)
    if agenda.unsorted:
        click.echo(f"{counted(agenda.unsorted, 'imported contact')} to sort: "
                   "vaulttools review --unsorted")
    from vaulttools.render.ticks import pending_ticks

    ticked = pending_ticks(vault)
    if ticked:
        click.echo(f"{counted(ticked, 'item')} ticked in {vault.settings.index}/Due.md since "
                   "it was made: `vaulttools index` (or a running `watch`) acts on them",
                   err=True)


def _next_meeting(vault: Any, relpath: str) -> tuple[date, str] | None:
    """The next meeting in the calendars `capture` reads, where it has read any."""
    if not vault.settings.capture.calendars and not vault.settings.capture.me:
        return None
    from vaulttools.capture.run import next_meeting

    return next_meeting(vault.root, relpath, state().today())

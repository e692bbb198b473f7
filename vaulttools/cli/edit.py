"""Commands that change notes: log, replied, remind, undo, new, snooze, unsnooze, archive,
pause, resume, set, uid.

Each plans its edit through the library, then either prints the diff
(--dry-run) or writes it and says what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import click

from vaulttools.cli.base import common_options, editor, emit_json, json_option, main, state
from vaulttools.cli.complete import contact_names, group_names
from vaulttools.errors import VaultError
from vaulttools.words import counted

F = TypeVar("F", bound=Callable[..., Any])


def dry_run_option(func: F) -> F:
    """--dry-run and --json, which every editing command takes."""
    func = json_option(func)
    return click.option("--dry-run", is_flag=True,
                        help="Print the diff that would be applied; write nothing.")(func)


def report(edits: Sequence[Any], dry_run: bool, as_json: bool = False) -> None:
    """Print a diff per edit (dry run) or one line per change; or all of it as JSON."""
    changed = [e for e in edits if e.changed]
    if as_json:
        emit_json({"dry_run": dry_run, "edits": [edit.as_dict() for edit in changed]})
        return
    for edit in changed:
        if dry_run:
            click.echo(edit.diff(), nl=False)
        else:
            for change in edit.changes:
                click.echo(f"{edit.relpath}: {change}")
    if not changed:
        click.echo("nothing to change")
    elif dry_run:
        click.echo(f"dry run: {counted(len(changed), 'note')} would change; "
                   "nothing written", err=True)


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@main.command()
@common_options
@click.argument("name", shell_complete=contact_names)
@click.argument("text", required=False, default="")
@click.option("--via", "channel", default=None,
              help="How you met or talked: coffee, call, email, linkedin... (default: note, "
              "which needs TEXT).")
@click.option("--force", is_flag=True,
              help="Log a channel as typed even when it looks like a typo of a known one.")
@click.option("--amend", is_flag=True,
              help="Replace the last line vaulttools logged for NAME: TEXT, --via, --date "
              "and the flags given replace theirs, the rest stays.")
@click.option("--with", "others", multiple=True, metavar="NAME", shell_complete=contact_names,
              help="Someone else who was there: the same line goes into their note too; "
              "repeat for several.")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="When it happened (default: today). Backdating is fine; the future is not.")
@click.option("--gave", is_flag=True, help="You offered value (#gave).")
@click.option("--asked", is_flag=True, help="You asked a favour (#asked).")
@click.option("--helped", is_flag=True,
              help="They did you a favour (#helped): `due` asks you to thank them.")
@click.option("--inbound", is_flag=True, help="They reached out (#inbound).")
@click.option("--noreply", is_flag=True,
              help="Your outreach went unanswered (#noreply); last_contact stays.")
@click.option("--milestone", is_flag=True,
              help="News to congratulate: a new role, a move, an award (#milestone); "
              "last_contact stays, and `due` says congratulate.")
@click.option("--no-follow-up", "no_follow_up", is_flag=True,
              help="A catch-up that needs no follow-up (#nofollowup): `due` will not ask "
              "for one.")
@dry_run_option
def log(name: str, text: str, channel: str | None, force: bool, amend: bool,
        others: tuple[str, ...], day: str | None, gave: bool, asked: bool, helped: bool,
        inbound: bool, noreply: bool, milestone: bool, no_follow_up: bool, dry_run: bool,
        as_json: bool) -> None:
    """Record an interaction: one line under `## Log`, newest first.

    Moves `last_contact` forward to the entry's date (never backwards, never
    for --noreply). Creates the `## Log` heading at the end of the note if
    missing. TEXT may be left out with --via (a call needs no words). One dinner
    with three people is one command: `--with` (or NAME "Ana, Ben and Chen")
    logs it in each note; every name is resolved before anything is written.

        vaulttools log jane "Coffee at Monmouth; offered an intro" --via coffee --gave
    """
    flags = [f for f, on in (("gave", gave), ("asked", asked), ("helped", helped),
                             ("inbound", inbound),
                             ("noreply", noreply), ("milestone", milestone),
                             ("nofollowup", no_follow_up)) if on]
    if amend:
        if others:
            raise click.UsageError("--amend changes one person's last line: no --with")
        edit = editor().amend(name, state().today(), text or None, channel, parse_day(day),
                              flags or None, dry_run, force)
        report([edit], dry_run, as_json)
        return
    if not text.strip() and channel is None:
        raise click.UsageError("give TEXT, or --via CHANNEL for a contact that needs no "
                               "words (vaulttools log NAME --via call)")
    people = state().vault().find_people([name, *others])
    edits = editor().log_each(people, state().today(), text, channel or "note", parse_day(day),
                              flags, dry_run=dry_run, force=force)
    report(edits, dry_run, as_json)


@main.command()
@common_options
@click.argument("name", shell_complete=contact_names)
@click.argument("text", required=False, default="")
@click.option("--via", "channel", default=None,
              help="How they answered (default: the channel of your last unanswered try).")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="When they answered (default: today).")
@dry_run_option
def replied(name: str, text: str, channel: str | None, day: str | None, dry_run: bool,
            as_json: bool) -> None:
    """Record their answer: an #inbound line that ends the give-space count.

    The #noreply attempts before it no longer count: the contact is back on
    their cadence from the day of the answer.

        vaulttools replied hiro "Back from parental leave, coffee in May"
    """
    edit = editor().replied(name, state().today(), text, parse_day(day), channel, dry_run)
    report([edit], dry_run, as_json)


@main.command()
@common_options
@click.argument("name", shell_complete=contact_names)
@click.argument("when")
@click.argument("text", nargs=-1, required=True)
@dry_run_option
def remind(name: str, when: str, text: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
    """Remind you, on a day, to do something for someone: an open task dated WHEN in
    their note (`- [ ] TEXT 📅 DATE`, as Obsidian's Tasks plugin reads it).

    WHEN is a date (2027-01-15), a span from today (3w, 2m) or a month
    (january: its next first day). `due` lists it from that day on, first.

        vaulttools remind jane january call about the offsite
    """
    edit = editor().remind(name, state().today(), when, " ".join(text), dry_run)
    report([edit], dry_run, as_json)


@main.command()
@common_options
@click.option("--list", "listing", is_flag=True, help="Show the recent changes; undo nothing.")
@dry_run_option
def undo(listing: bool, dry_run: bool, as_json: bool) -> None:
    """Take back the last change vaulttools made in this vault, byte for byte.

    A change is one command: a `log`, a `set` on many notes, a `new`, an
    import, a capture run. Refuses, changing nothing, when one of its files
    was edited since. The journal lives in your state folder, never in the
    vault; it keeps the 50 newest changes.
    """
    from vaulttools.edit.journal import units

    if listing:
        found = units(state().root())
        if as_json:
            emit_json([unit.summary() for unit in found])
            return
        for unit in found:
            click.echo(f"{unit.when}  {unit.what}: {', '.join(c.relpath for c in unit.changes)}")
        if not found:
            click.echo("nothing to undo")
        return
    unit = editor().undo(dry_run)
    if as_json:
        emit_json({"dry_run": dry_run, **unit.summary()})
        return
    verb = "would undo" if dry_run else "undid"
    click.echo(f"{verb} {unit.what} of {unit.when}:")
    for change in unit.changes:
        click.echo(f"  {change.relpath}: "
                   + ("removed (it created it)" if change.before is None else "restored"))


def one_or_all(values: tuple[str, ...]) -> str | list[str] | None:
    """A repeated option's values as a field takes them: one as text, several as a list."""
    kept = [value.strip() for value in values if value.strip()]
    return kept[0] if len(kept) == 1 else (kept or None)


@main.command()
@common_options
@click.argument("name")
@click.option("--group", shell_complete=group_names, help="Group, e.g. mentor, peer, client.")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for several.")
@click.option("--email", "emails", multiple=True, help="Email address; repeat for several.")
@click.option("--phone", "phones", multiple=True, help="Phone number; repeat for several.")
@click.option("--company", help="Company.")
@click.option("--title", help="Job title.")
@click.option("--met-via", help="Who introduced you (written as a [[wikilink]]).")
@click.option("--met", "met", metavar="YYYY-MM-DD", help="When you met (default: left empty).")
@click.option("--last-contact", metavar="YYYY-MM-DD",
              help="When you were last in touch (default: left empty: never contacted).")
@dry_run_option
def new(name: str, group: str | None, tags: tuple[str, ...], emails: tuple[str, ...],
        phones: tuple[str, ...], company: str | None, title: str | None,
        met_via: str | None, met: str | None, last_contact: str | None, dry_run: bool,
        as_json: bool) -> None:
    """Create a contact note from the contact template.

    The template is `contact.md.j2`, overridable from the vault's templates
    folder. Refuses, writing nothing, when a contact with that name exists
    (ignoring case, accents and Unicode normalisation).
    """
    from vaulttools.render.newnote import new_contact

    today = state().today()
    dates = {key: parse_day(value) for key, value in (("met", met),
                                                       ("last_contact", last_contact))}
    edit = new_contact(editor(), name, today, dry_run=dry_run, group=group,
                       tags=[t.lstrip("#") for t in tags], email=one_or_all(emails),
                       phone=one_or_all(phones), company=company, title=title,
                       met_via=met_via, **dates)
    if dry_run or as_json:
        report([edit], dry_run, as_json)
    else:
        click.echo(f"created {edit.relpath}")
    from vaulttools.render.usertemplate import templater_code

    if templater_code(state().vault().settings):
        click.echo("vaulttools: warning: the person template holds Templater code (<% %>), "
                   "which runs only inside Obsidian: it was left as it is", err=True)


def chosen(names: Sequence[str]) -> list[Any]:
    """The contacts NAME... name, every one resolved before anything is written."""
    return state().vault().find_all(names)


@main.command()
@common_options
@click.argument("names", nargs=-1, required=True, metavar="NAME...",
                shell_complete=contact_names)
@click.option("--until", "until", metavar="YYYY-MM-DD", help="Snooze until this date.")
@click.option("--for", "duration", metavar="DURATION", help="Snooze for 2w, 1m, 10d...")
@dry_run_option
def snooze(names: tuple[str, ...], until: str | None, duration: str | None, dry_run: bool,
           as_json: bool) -> None:
    """Keep contacts off the due list until a date (sets `snooze_until`)."""
    from vaulttools.cadence import LAST_DAY, Cadence

    if (until is None) == (duration is None):
        raise click.UsageError("give exactly one of --until DATE or --for DURATION")
    today = state().today()
    if duration is not None:
        try:
            day = Cadence.parse(duration).after(today)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--for") from None
    else:
        day = parse_day(until)  # type: ignore[assignment]
    assert day is not None
    if day <= today:
        raise click.BadParameter(f"{day.isoformat()} is not after today", param_hint="--until")
    if day > LAST_DAY:
        raise click.BadParameter(f"reaches past {LAST_DAY.isoformat()}, the last date "
                                 "vaulttools can schedule",
                                 param_hint="--for" if duration else "--until")
    report(editor().update(chosen(names), {"snooze_until": day}, dry_run), dry_run, as_json)


@main.command()
@common_options
@click.argument("names", nargs=-1, required=True, metavar="NAME...",
                shell_complete=contact_names)
@dry_run_option
def unsnooze(names: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
    """Put snoozed contacts back on the due list (removes `snooze_until`)."""
    from vaulttools.edit.draft import REMOVE

    report(editor().update(chosen(names), {"snooze_until": REMOVE}, dry_run), dry_run,
           as_json)


def _status_command(command_name: str, status: str, help_text: str) -> None:
    @main.command(name=command_name, help=help_text)
    @common_options
    @click.argument("names", nargs=-1, required=True, metavar="NAME...",
                    shell_complete=contact_names)
    @dry_run_option
    def command(names: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
        report(editor().update(chosen(names), {"status": status}, dry_run), dry_run, as_json)


_status_command("archive", "archived",
                "Archive contacts (`status: archived`): never due, hidden from `list`.")
_status_command("pause", "paused", "Pause contacts (`status: paused`): never due until resumed.")
_status_command("resume", "active", "Make paused or archived contacts active again.")


@main.command(name="set")
@common_options
@click.argument("args", nargs=-1, required=True, metavar="KEY=VALUE... [NAME...]")
@click.option("--group", shell_complete=group_names, help="Apply to every contact in this group.")
@click.option("--tag", help="Apply to every contact with this tag.")
@dry_run_option
def set_(args: tuple[str, ...], group: str | None, tag: str | None, dry_run: bool,
         as_json: bool) -> None:
    """Set front-matter fields on contacts by name, or on a group or tag at once.

    Each KEY=VALUE is checked against the field's type (dates, cadence,
    status...); lists are comma-separated (`tags=ai,climate`); `KEY=` removes
    the field. All edits are planned and checked before any is written.

        vaulttools set cadence=2m jane
        vaulttools set tags=+vip jane nils
        vaulttools set cadence=6m --group industry-leader
    """
    assignments = [a for a in args if "=" in a]
    names = [a for a in args if "=" not in a]
    if not assignments:
        raise click.UsageError("give at least one KEY=VALUE")
    if bool(names) == bool(group or tag):
        raise click.UsageError("give NAME..., or --group / --tag, not both")
    values = dict(a.split("=", 1) for a in assignments)
    vault = state().vault()
    contacts = vault.find_all(names) if names else vault.select(group, tag)
    if not contacts:
        raise VaultError(f"no contact has {'group ' + group if group else 'tag ' + str(tag)}")
    report(editor().set(contacts, values, dry_run, state().today()), dry_run, as_json)


@main.command()
@common_options
@click.option("--add", is_flag=True, help="Write a uid into every note that has none.")
@dry_run_option
def uid(add: bool, dry_run: bool, as_json: bool) -> None:
    """Give every contact a stable identity (`uid`), kept across renames.

    vCard and calendar UIDs derive from it. A note without one uses an id
    derived from its path, which `--add` writes into it, so what a phone or
    a calendar already holds stays the same contact.
    """
    if not add:
        missing = sum(1 for contact in state().vault().contacts if not contact.uid)
        click.echo(f"{counted(missing, 'contact')} without a uid"
                   + ("; vaulttools uid --add writes them" if missing else ""))
        return
    report(editor().add_uids(dry_run), dry_run, as_json)

"""import (LinkedIn, vCard, Google CSV) and export (vCard, iCalendar)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from vaulttools.cli.base import (
    common_options,
    editor,
    emit_json,
    json_option,
    main,
    remembered,
    state,
)
from vaulttools.cli.complete import group_names
from vaulttools.errors import VaultError
from vaulttools.model import STATUSES
from vaulttools.words import counted


@main.group(name="import")
def import_() -> None:
    """Bring contacts in from LinkedIn, vCard or Google Contacts.

    New people land in the triage group (`triage_group`, default `unsorted`)
    with a tag for their source. People already in the vault are matched by
    email, LinkedIn URL or uid, or by a name only one contact bears; a phone
    number never merges two people. Only empty fields are filled, except a
    new company and title, which replace the old pair and log a #milestone.
    What could be several people is listed as ambiguous and skipped.
    Re-running an import creates nothing new.
    """


@contextlib.contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal for long work; nothing when piped or short."""
    if not sys.stderr.isatty() or total <= 200:
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def _run_import(kind: str, source: Path, dry_run: bool, group: str | None,
                as_json: bool) -> None:
    from vaulttools.io.importer import apply_plan, describe, plan_import, read_source

    vault = state().vault()
    people, problems = read_source(kind, source)
    if not people and any(problem.severity == "error" for problem in problems):
        for problem in problems:
            click.echo(f"problem: {problem.format()}", err=True)
        raise VaultError(f"nothing to import from {source}")
    # One lock from planning (which reads each matched note) to the last write.
    with editor().writing(dry_run):
        # Each person is matched, then each note to write is planned: at most twice.
        with _progress("matching", len(people) * 2) as step:
            plan = plan_import(vault, people, kind, state().today(), group, problems, step)
        failures: list[VaultError] = []
        if not dry_run:
            with _progress("writing notes", len(plan.new) + len(plan.updated)) as step:
                failures = apply_plan(plan, step)
    lines = describe(plan)
    if as_json:
        emit_json({"dry_run": dry_run, **plan.as_dict(),
                   "failures": [str(failure) for failure in failures]})
    elif dry_run:
        for line in lines:
            click.echo(line)
    else:
        for line in lines:
            if not line.startswith("unchanged: "):
                click.echo(line)
        for failure in failures:
            click.echo(f"vaulttools: error: {failure}", err=True)
    counts = plan.summary()
    summary = (f"{kind}: {counts['new']} new, {counts['updated']} updated, "
               f"{counts['unchanged']} unchanged, "
               f"{counted(counts['repeated'], 'repeated row')} merged, "
               f"{counts['ambiguous']} ambiguous, {counted(counts['problems'], 'problem')}, "
               f"{counts['to_check']} to check")
    click.echo(summary + ("; dry run, nothing written" if dry_run else ""), err=True)
    if not dry_run and failures:
        raise VaultError(f"{counted(len(failures), 'note')} not written")


def _import_command(kind: str, help_text: str, folder_ok: bool = False) -> None:
    @import_.command(name=kind, help=help_text)
    @common_options
    @click.argument("source", type=click.Path(exists=True, dir_okay=folder_ok, path_type=Path))
    @click.option("--dry-run", is_flag=True,
                  help="Show what would be created, updated or skipped; write nothing.")
    @click.option("--group", shell_complete=group_names,
                  help="Group for new people (default: triage_group, `unsorted`).")
    @json_option
    def command(source: Path, dry_run: bool, group: str | None, as_json: bool) -> None:
        _run_import(kind, source, dry_run, group, as_json)


_import_command("linkedin", "Import LinkedIn's Connections.csv (Settings > Data privacy > "
                "Get a copy of your data > Connections).")
_import_command("vcard", "Import a .vcf file or a folder of them (vCard 2.1, 3.0, 4.0).",
                folder_ok=True)
_import_command("google", "Import a Google Contacts CSV export (Google CSV format).")


@main.group()
def export() -> None:
    """Take your network anywhere: vCard for address books, iCalendar for calendars."""


def _emit(data: bytes, output: Path | None) -> None:
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    from vaulttools.cli.answers import wrote_file
    from vaulttools.edit.safewrite import replace_file

    replace_file(output, data)
    wrote_file(output, data)
    click.echo(f"wrote {output}", err=True)


@export.command(name="vcard")
@common_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output).")
@click.option("--group", shell_complete=group_names, help="Only contacts in this group.")
@click.option("--tag", help="Only contacts with this tag.")
@click.option("--status", type=click.Choice([*STATUSES, "all"]),
              help="Only contacts with this status (default: all but archived).")
@click.option("--version", "version", type=click.Choice(["4.0", "3.0"]), default="4.0",
              show_default=True, help="vCard version; 3.0 for phones that refuse 4.0 "
              "(stock Android).")
@remembered
def export_vcard(output: Path | None, group: str | None, tag: str | None,
                 status: str | None, version: str) -> None:
    """Export contacts as vCard, e.g. for a phone's address book.

    Groups, tags, aliases, birthdays and labelled anniversaries go with them,
    so importing the file into an empty vault gives the same contacts back,
    and into the same vault creates no duplicates. UIDs come from each note's
    `uid`: a phone updates its cards instead of adding new ones.
    """
    from vaulttools.io.vcard import write_vcards

    contacts = state().vault().select(group, tag, status)
    _emit(write_vcards(contacts, version).encode("utf-8"), output)


@export.command(name="ics")
@common_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output).")
@remembered
def export_ics(output: Path | None) -> None:
    """Export a calendar: each contact's next due date, and yearly birthdays.

    All-day events; an overdue reminder is placed on today. UIDs are stable,
    so a calendar app subscribed to the file updates rather than duplicates.
    """
    from vaulttools.io.ics import calendar

    feed = calendar(state().vault(), state().today())
    for problem in feed.skipped:
        click.echo(f"vaulttools: warning: {problem.path}: {problem.message}", err=True)
    _emit(feed.data, output)

"""`sync`: the vault's half of keeping a phone's contacts and calendar in step."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import click

from vaulttools.cli.base import common_options, editor, emit_json, json_option, main, state
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.read.vault import Vault
    from vaulttools.sync.pull import PullReport
    from vaulttools.sync.push import PushReport
    from vaulttools.sync.vdir import VdirReport


@main.command()
@common_options
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@click.option("--check", is_flag=True, help="Say what is set up and what is missing.")
@click.option("--accept-deletions", is_flag=True,
              help="Remove from your notes what was removed on the phone.")
@click.option("--restore", "restore", multiple=True, metavar="NAME",
              help="Write again the card of NAME, deleted on the phone (repeatable).")
@json_option
def sync(dry_run: bool, check: bool, accept_deletions: bool, restore: tuple[str, ...],
         as_json: bool) -> None:
    """Keep your phone in step: its edits into your notes, then your contacts and
    reminders out, through the folders vdirsyncer syncs ([sync]; docs/sync.md).

    First the phone's edits come into your notes: a field the phone changed
    and the note did not is written into the note; one both changed is a
    conflict, and the note's value stays; what the phone removed is listed
    (--accept-deletions removes it); a contact made on the phone becomes a
    note. Then one card a person and one event a reminder go out, each
    written only when it changed, keeping what the phone added to a card.

        vdirsyncer sync && vaulttools sync && vdirsyncer sync
    """
    from vaulttools.sync.run import sync as run_sync

    if check:
        _check(state().vault())
        return
    made = editor()
    made.action = "sync (pull)"
    report = run_sync(made, state().today(), dry_run, accept_deletions, restore)
    if as_json:
        emit_json({"dry_run": dry_run, **report.as_dict()})
        return
    if report.pulled is not None:
        _say_pulled(report.pulled, dry_run)
    verb = "would write" if dry_run else "wrote"
    pushed = report.pushed
    for kind, part in (("contacts", pushed.contacts), ("calendar", pushed.calendar)):
        if part is not None:
            click.echo(f"{kind}: {_said(part, verb)}")
    if pushed.without_uid:
        click.echo(f"{counted(pushed.without_uid, 'card')} named after the note's path: "
                   "`vaulttools uid --add` keeps them the same when a note is renamed",
                   err=True)
    click.echo(_summary(report.pulled, pushed), err=True)


def _summary(pulled: PullReport | None, pushed: PushReport) -> str:
    """`pulled: 2 changed, 1 new, 0 conflicts; pushed: 3 written, 1 removed`."""
    parts = []
    if pulled is not None:
        new = len(pulled.new.new) if pulled.new else 0
        parts.append(f"pulled: {len(pulled.edits)} changed, {new} new, "
                     f"{counted(len(pulled.conflicts), 'conflict')}")
    written = sum(len(p.written) for p in (pushed.contacts, pushed.calendar) if p)
    removed = sum(len(p.removed) for p in (pushed.contacts, pushed.calendar) if p)
    parts.append(f"pushed: {written} written, {removed} removed")
    return "; ".join(parts)


def _say_pulled(pulled: PullReport, dry_run: bool) -> None:
    verb = "would bring" if dry_run else "brought"
    for edit in pulled.edits:
        for change in edit.changes:
            click.echo(f"{verb} from the phone: {edit.relpath}: {change}")
    for edit in pulled.new.new if pulled.new else []:
        click.echo(f"{'would make' if dry_run else 'made'} {edit.relpath} (a contact made on "
                   "the phone)")
    checks = [*pulled.new.to_check, *pulled.new.ambiguous] if pulled.new else []
    for line in [*pulled.conflicts, *pulled.deletions, *checks]:
        click.echo(f"vaulttools: warning: {line}", err=True)
    for problem in pulled.problems:
        click.echo(f"vaulttools: warning: {problem.format()}", err=True)


def _said(part: VdirReport, verb: str) -> str:
    parts = [f"{verb} {len(part.written)}", f"removed {len(part.removed)}",
             f"{part.unchanged} unchanged"]
    if part.changed_elsewhere:
        parts.append(f"{counted(len(part.changed_elsewhere), 'file')} changed elsewhere, "
                     "left as they are")
    if part.deleted_elsewhere:
        parts.append(f"{counted(len(part.deleted_elsewhere), 'card')} deleted on the phone, "
                     "not written again")
    return ", ".join(parts)


def _check(vault: Vault) -> None:
    from vaulttools.sync.push import synced_contacts

    settings = vault.settings.sync
    for kind, folder in (("contacts", settings.contacts), ("calendar", settings.calendar)):
        if folder is None:
            click.echo(f"sync.{kind}: not set")
        else:
            there = "exists" if folder.is_dir() else "does not exist yet"
            click.echo(f"sync.{kind}: {folder} ({there})")
    people = synced_contacts(vault)
    without = sum(1 for c in people if not c.uid)
    click.echo(f"{counted(len(people), 'contact')} to sync"
               + (f", {without} without a uid (`vaulttools uid --add`)" if without else ""))
    found = shutil.which("vdirsyncer")
    click.echo(f"vdirsyncer: {found}" if found else
               "vdirsyncer: not found (pip install vdirsyncer; see docs/sync.md)")

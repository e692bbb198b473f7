"""`sync`: the vault's half of keeping a phone's contacts and calendar in step."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import click

from vaulttools.cli.base import common_options, emit_json, json_option, main, state
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.read.vault import Vault
    from vaulttools.sync.vdir import VdirReport


@main.command()
@common_options
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@click.option("--check", is_flag=True, help="Say what is set up and what is missing.")
@json_option
def sync(dry_run: bool, check: bool, as_json: bool) -> None:
    """Write your contacts and reminders into the folders vdirsyncer syncs with your
    phone's server ([sync] in the config; see docs/sync.md).

    One card a person and one event a reminder, each written only when it
    changed, so vdirsyncer uploads only what changed. A card changed on the
    phone is left as it is and listed (bringing the phone's edits into your
    notes is still to come); a file vaulttools did not write is never touched.

        vdirsyncer sync && vaulttools sync && vdirsyncer sync
    """
    from vaulttools.sync.push import push

    vault = state().vault()
    if check:
        _check(vault)
        return
    report = push(vault, state().today(), dry_run)
    if as_json:
        emit_json({"dry_run": dry_run, **report.as_dict()})
        return
    verb = "would write" if dry_run else "wrote"
    for kind, part in (("contacts", report.contacts), ("calendar", report.calendar)):
        if part is not None:
            click.echo(f"{kind}: {_said(part, verb)}")
    if report.without_uid:
        click.echo(f"{counted(report.without_uid, 'card')} named after the note's path: "
                   "`vaulttools uid --add` keeps them the same when a note is renamed",
                   err=True)


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

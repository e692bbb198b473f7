"""`review`: the six-monthly audit, and marking contacts reviewed (in bulk too)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import click

from vaulttools.cli.base import common_options, editor, emit_json, main, remembered, state
from vaulttools.cli.complete import contact_names, group_names
from vaulttools.cli.textout import note_links, table, terminal_columns
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.config import Settings


def _review_reads(settings: Settings) -> object:
    """What `review` reads besides what every remembered answer's key holds (see
    cli/answers.py): capture's ledger, for its "add?", and the name of every note in
    the vault (a daily note's link to any note is not a person to add)."""
    from vaulttools.capture.ledger import ledger_path
    from vaulttools.read.scan import signature, walk_notes

    try:
        ledger = signature(os.stat(ledger_path(settings.root)))
    except OSError:
        ledger = None
    names: list[str] = []  # keep() takes each path down and keeps none: nothing is stat'ed
    walk_notes(settings.root, settings.root, {str(settings.index_dir)}, [],
               keep=lambda _name, path: names.append(path))
    return ledger, sorted(names)


@main.command()
@common_options
@click.argument("names", nargs=-1, metavar="[NAME...]", shell_complete=contact_names)
@click.option("--done", is_flag=True,
              help="Mark contacts as reviewed today (sets `reviewed`): each NAME, or those "
              "on the review list in --group / --tag, or all of them (--all).")
@click.option("--group", shell_complete=group_names, help="Only contacts in this group.")
@click.option("--tag", help="Only contacts with this tag.")
@click.option("--all", "everyone", is_flag=True, help="With --done: everyone on the list.")
@click.option("--dry-run", is_flag=True, help="With --done: print the diff; write nothing.")
@click.option("--unsorted", is_flag=True,
              help="Only the imported contacts waiting for a group (triage_group).")
@click.option("--json", "as_json", is_flag=True, help="Print the audit as JSON.")
@remembered(computed_when=lambda options: options["done"], also=_review_reads)
def review(names: tuple[str, ...], done: bool, group: str | None, tag: str | None,
           everyone: bool, dry_run: bool, unsorted: bool, as_json: bool) -> None:
    """The six-monthly audit: stale reviews, one-sided ties, missing group or details.

    With NAME..., --group or --tag, only those contacts. `--done` records that
    you reviewed them today: they leave the list until the next review is due,
    unless something is missing (a group, a way to reach them).

        vaulttools review --group mentor
        vaulttools review --done --group mentor
    """
    from vaulttools.cli.edit import report

    if done and not (names or group or tag or everyone):
        raise click.UsageError("--done needs NAME..., --group, --tag or --all: whom you "
                               "reviewed")
    if everyone and not done:
        raise click.UsageError("--all goes with --done; `review` alone lists everyone")
    if names and (group or tag or everyone):
        raise click.UsageError("give NAME..., or --group / --tag / --all, not both")
    if dry_run and not done:
        raise click.UsageError("--dry-run goes with --done")
    vault = state().vault()
    today = state().today()
    if done:
        reviewed = vault.find_all(names) if names else vault.due_for_review(today, group, tag)
        report(editor().update(reviewed, {"reviewed": today}, dry_run), dry_run, as_json)
        if not (dry_run or as_json):
            left = len(state().reload().review(today))
            click.echo(f"{counted(left, 'contact')} left to review", err=True)
        return
    agenda = vault.agenda(today)
    items = vault.review(today, names, group, tag, unsorted, agenda)
    rows = [[item.contact.name, item.contact.group or "-", "; ".join(item.reasons)]
            for item in items]
    to_add = [] if names or group or tag or unsorted else vault.people_to_add(today)
    corresponded = [] if names or group or tag or unsorted else _corresponded(vault)
    if as_json:
        emit_json([{**item.as_dict(), "obsidian_uri": vault.obsidian_uri(item.contact.relpath)}
                   for item in items]
                  + [add.as_dict(shown) for shown, add in to_add]
                  + [{"name": address, "path": None, "group": None, "reviewed": None,
                      "reasons": [why]} for address, why in corresponded])
        return
    rows += [[shown, "-", add.reason(shown)] for shown, add in to_add]
    rows += [[address, "-", why] for address, why in corresponded]
    if rows:
        links = note_links(vault, [item.contact for item in items])
        click.echo(table(["NAME", "GROUP", "WHY"], rows, terminal_columns(),
                         links + [None] * (len(rows) - len(links)) if links else []))
        click.echo(f"{counted(len(items), 'contact')} to review"
                   + (f", {counted(len(to_add) + len(corresponded), 'person')} to add"
                      if to_add or corresponded else ""), err=True)
    elif not agenda.unsorted or unsorted:
        click.echo("Every contact is reviewed and complete.")
    if agenda.unsorted and not (names or unsorted):
        click.echo(f"{counted(agenda.unsorted, 'imported contact')} to sort: "
                   "vaulttools review --unsorted")


def _corresponded(vault: Any) -> list[tuple[str, str]]:
    """capture's "add?": the addresses you wrote to or met twice or more, with no note."""
    from vaulttools.capture.run import suggested_people

    return [(address, f"add? {counted(count, 'mail or meeting', 'mails and meetings')} "
                      f"with you, and no note: vaulttools new NAME --email {address}")
            for address, count in suggested_people(vault.root, vault.contacts)]

"""`merge`: two notes of one person made one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from vaulttools.cli.base import common_options, editor, emit_json, main
from vaulttools.cli.complete import contact_names
from vaulttools.cli.edit import dry_run_option, report
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.edit.merge import MergePlan


@main.command()
@common_options
@click.argument("keep", shell_complete=contact_names)
@click.argument("other", shell_complete=contact_names)
@click.option("--relink", is_flag=True,
              help="Also make the links to OTHER in your notes lead to KEEP.")
@dry_run_option
def merge(keep: str, other: str, relink: bool, dry_run: bool, as_json: bool) -> None:
    """Merge OTHER's note into KEEP's: one person, one note.

    OTHER's values fill KEEP's empty fields and join its lists (emails, phones,
    tags, aliases); a value the two hold differently stays KEEP's and is listed;
    OTHER's name becomes an alias. Both logs become one, by date, without
    duplicates; OTHER's open tasks join KEEP's. OTHER then goes to the vault's
    .trash folder (Obsidian's trash), and the notes that link to it are
    listed (--relink leads those links to KEEP). One `vaulttools undo`.

        vaulttools merge "Jane Doe" "J. Doe" --dry-run
    """
    plan = editor().merge(keep, other, relink, dry_run)
    if as_json:
        emit_json({"dry_run": dry_run, **plan.as_dict()})
        return
    report([plan.edit, *plan.relinks], dry_run)
    _summary(plan, dry_run, relink)


def _summary(plan: MergePlan, dry_run: bool, relink: bool) -> None:
    verb = "would move" if dry_run else "moved"
    click.echo(f"{verb} {plan.other.relpath} to {plan.trash_relpath}; {plan.keep.relpath} "
               f"gains {counted(plan.logged, 'log line')}, "
               f"{counted(plan.tasks, 'open task')}", err=True)
    for key, kept, theirs in plan.differing:
        click.echo(f"kept {key}: {_text(kept)} (not {_text(theirs)}, from "
                   f"{plan.other.name})", err=True)
    if plan.left:
        click.echo(f"not merged, still in {plan.trash_relpath}: "
                   f"{counted(len(plan.left), 'line')} of text, such as {plan.left[0]!r}",
                   err=True)
    if plan.links and not relink:
        verb = "links" if len(plan.links) == 1 else "link"
        click.echo(f"{counted(len(plan.links), 'note')} {verb} to {plan.other.name}: "
                   + ", ".join(path for path, _ in plan.links)
                   + f" (--relink leads them to {plan.keep.name})", err=True)
    if plan.field_links:
        click.echo("links in front matter, to change by hand: "
                   + ", ".join(plan.field_links), err=True)


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) or "(empty)"
    return "(empty)" if value in (None, "") else str(value)

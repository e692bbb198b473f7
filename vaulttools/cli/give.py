"""Commands that give value on purpose: intro (and, to come, intros, update)."""

from __future__ import annotations

import click

from vaulttools.cli.base import common_options, editor, main, state
from vaulttools.cli.complete import contact_names
from vaulttools.cli.edit import dry_run_option, parse_day, report


@main.command()
@common_options
@click.argument("first", shell_complete=contact_names)
@click.argument("second", shell_complete=contact_names)
@click.argument("text", nargs=-1)
@click.option("--date", "day", metavar="YYYY-MM-DD", help="When (default: today).")
@dry_run_option
def intro(first: str, second: str, text: tuple[str, ...], day: str | None, dry_run: bool,
          as_json: bool) -> None:
    """Log an introduction you made, in both notes: `- DATE intro: introduced to
    [[B]]: TEXT #gave` in A's, the mirror line in B's. One `vaulttools undo`.

    `show` lists whom you introduced each of them to.

        vaulttools intro jane priya "both work on grid storage"
    """
    edits = editor().intro(first, second, state().today(), " ".join(text), parse_day(day),
                           dry_run)
    report(edits, dry_run, as_json)

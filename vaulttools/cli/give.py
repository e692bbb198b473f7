"""Commands that give value on purpose: intro, intros, near (and, to come, update)."""

from __future__ import annotations

import click

from vaulttools.cli.base import common_options, editor, emit_json, json_option, main, state
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


@main.command()
@common_options
@click.argument("place", nargs=-1, required=True)
@json_option
def near(place: tuple[str, ...], as_json: bool) -> None:
    """Who is in a place (their `location`, any case or accents), the most due first:
    whom to see on a trip.

        vaulttools near berlin
    """
    from vaulttools.cli.read import standing_dict
    from vaulttools.cli.textout import note_links, table, terminal_columns

    vault = state().vault()
    found = vault.near(" ".join(place), state().today())
    if as_json:
        emit_json([{**standing_dict(s), "obsidian_uri": vault.obsidian_uri(s.contact.relpath)}
                   for s in found])
        return
    rows = [[s.contact.name, s.contact.group or "-", s.contact.location_name or "-", s.status,
             s.reason] for s in found]
    click.echo(table(["NAME", "GROUP", "LOCATION", "STANDING", "WHY"], rows,
                     terminal_columns(), note_links(vault, [s.contact for s in found])))


@main.command()
@common_options
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1),
              help="How many to suggest.")
@json_option
def intros(limit: int, as_json: bool) -> None:
    """Introductions worth making: two active contacts who share an interest or an
    industry, at different companies, not yet introduced, one of them at least a strong
    tie; best first, each person once. Make one with `vaulttools intro A B`.

        vaulttools intros
    """
    from vaulttools.cli.textout import table, terminal_columns

    found = state().vault().intro_suggestions(limit)
    if as_json:
        emit_json([s.as_dict() for s in found])
        return
    if not found:
        click.echo("No introductions to suggest: give contacts `interests` or an "
                   "`industry` (docs/insights.md).")
        return
    click.echo(table(["INTRODUCE", "TO", "WHY"],
                     [[s.first.name, s.second.name, s.reason] for s in found],
                     terminal_columns()))

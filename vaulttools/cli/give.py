"""Commands that give value on purpose: intro, intros, near, update."""

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


@main.command()
@common_options
@click.argument("names", nargs=-1, shell_complete=contact_names)
@click.option("--group", help="Everyone in this group.")
@click.option("--tag", help="Everyone with this tag.")
@click.option("--about", required=True, help="The news: \"I launched my blog\".")
@click.option("--link", metavar="URL", help="A link to include.")
@click.option("--sent", is_flag=True,
              help="You sent it: log `- DATE update: ABOUT` for each who had an address.")
@dry_run_option
def update(names: tuple[str, ...], group: str | None, tag: str | None, about: str,
           link: str | None, sent: bool, dry_run: bool, as_json: bool) -> None:
    """Share news with many at once: prints the BCC line and a mailto: link for the
    recipients (NAMEs, a --group, a --tag: all of them), lists apart those without an
    email address, and prints a message to start from. Send it yourself; then run it
    again with --sent to log it in each note.

        vaulttools update --group mentor --about "I launched my blog" --link https://...
    """
    from vaulttools.render.updates import plan_update

    if not (names or group or tag):
        raise click.UsageError("say who gets the update: NAME..., --group or --tag")
    planned = plan_update(state().vault(), about, link, names, group, tag)
    if sent:
        text = about.strip() + (f" {link}" if link else "")
        edits = editor().log_each([c for c, _ in planned.recipients], state().today(),
                                  text, "update", dry_run=dry_run)
        report(edits, dry_run, as_json)
        return
    if as_json:
        emit_json(planned.as_dict())
        return
    click.echo(f"BCC ({len(planned.recipients)}): {planned.bcc or '-'}")
    if planned.without_email:
        click.echo(f"no email address ({len(planned.without_email)}): "
                   + ", ".join(c.name for c in planned.without_email))
    if planned.recipients:
        click.echo(planned.mailto)
    click.echo(f"\nSubject: {planned.subject}\n")
    click.echo(planned.text, nl=False)

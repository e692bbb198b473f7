"""Commands beyond reminders: stats, match, draft, plan."""

from __future__ import annotations

import click

from vaulttools.cli.base import common_options, emit_json, json_option, main, remembered, state
from vaulttools.cli.complete import contact_names
from vaulttools.cli.textout import SHORTEST_CLIP, clip, table, terminal_columns

BAR_WIDTH = 30  # the longest bar of `stats`' interactions per month


@main.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@remembered
def stats(as_json: bool) -> None:
    """The shape of your network: groups, companies, seniority, activity, balance, gaps."""
    from vaulttools.schedule.agenda import tally_sentence
    from vaulttools.schedule.stats import month_label, network_stats

    vault = state().vault()
    result = network_stats(vault.contacts, vault.settings, vault.agenda(state().today()),
                           vault.mentions_of)
    if as_json:
        emit_json(result.as_dict())
        return
    click.echo(tally_sentence({"contacts": result.contacts, **result.schedule}))
    click.echo(f"give/ask balance: gave {result.gave}, asked {result.asked}")
    for title, items in (("groups", result.by_group), ("seniority", result.by_seniority),
                         ("companies", result.by_company[:5]),
                         ("industries", result.by_industry[:5]),
                         ("locations", result.by_location[:5])):
        if items:
            click.echo(f"{title}: " + ", ".join(f"{name} {count}" for name, count in items))
    click.echo("interactions per month:")
    most = max([count for _, count in result.per_month] + [1])
    for month, count in result.per_month:
        bar = "█" * round(count * BAR_WIDTH / most)
        click.echo(f"  {month_label(month)}  {count:>{len(str(most))}}  {bar}".rstrip())
    if result.connectors:
        click.echo("who connects your network: " + "; ".join(
            f"{c.contact.name} (introduced you to {c.introduced_you}, you introduced "
            f"them to {c.introduced_by_you})" for c in result.connectors))
    for gap in result.gaps:
        click.echo(f"worth noticing: {gap}")


@main.command(name="match")
@common_options
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="Show at most this many contacts.")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
def match_(words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Who would value this? Rank contacts whose interests, tags, company, title or
    notes match the words, each with why.

        vaulttools match grid storage
    """
    from vaulttools.schedule.insights import match

    results = match(state().vault().contacts, " ".join(words), limit)
    if as_json:
        emit_json([m.as_dict() for m in results])
        return
    if not results:
        click.echo("nobody matches")
        return
    click.echo(table(["NAME", "SCORE", "WHY"],
                     [[m.contact.name, f"{m.score:g}", "; ".join(m.reasons)] for m in results],
                     terminal_columns()))


@main.command()
@common_options
@click.argument("name", shell_complete=contact_names)
@click.option("--occasion", default=None,
              type=click.Choice(["checkin", "birthday", "congrats", "reconnect", "share",
                                 "thanks"]),
              help="What the message is for (default: what their standing suggests: a "
              "birthday, a milestone, a dormant tie, else a check-in).")
@click.option("--about", metavar="TEXT", help="What it is about: the news, the article...")
@click.option("--link", metavar="URL", help="A link to include.")
@json_option
def draft(name: str, occasion: str | None, about: str | None, link: str | None,
          as_json: bool) -> None:
    """Print a short personal message to start from, using the first name, the last
    interaction and their interests.

    Templates are drafts/OCCASION.txt.j2, overridable from the vault. The
    last log entry is shown on stderr as a reminder, never put in the message.
    No network, no model: what you send is yours to write.
    """
    from vaulttools.render.drafts import draft as make_draft

    result = make_draft(state().vault(), name, occasion, state().today(), about, link)
    if as_json:
        emit_json(result.as_dict())
        return
    if result.warning:
        click.echo(f"vaulttools: warning: {result.warning}", err=True)
    click.echo(result.text, nl=False)
    if result.reminder:
        click.echo(f"(last time: {result.reminder})", err=True)


@main.command()
@common_options
@click.option("--week", is_flag=True, help="Plan the next seven days, not just today.")
@click.option("--per-day", type=click.IntRange(1, 50), default=None,
              help="At most this many items a day (default: per_day, 3).")
@json_option
@remembered
def plan(week: bool, per_day: int | None, as_json: bool) -> None:
    """A doable list: spread due, reconnect and birthday items over the coming days."""
    from vaulttools.schedule.plan import plan as make_plan

    vault = state().vault()
    days, overflow = make_plan(vault.agenda(state().today()), per_day or vault.settings.per_day,
                               plan_days=vault.settings.plan_days)
    if as_json:
        shown = days if week else days[:1]
        emit_json({"days": [day.as_dict() for day in shown],
                   "later": [item.as_dict() for day in days[len(shown):] for item in day.items]
                   + [item.as_dict() for item in overflow]})
        return
    columns = terminal_columns()
    for day in days if week else days[:1]:
        click.echo(day.day.strftime("%a %Y-%m-%d"))
        if not day.items:
            click.echo("  nothing planned")
        for item in day.items:
            line = f"  {item.status:<9} {item.contact.name}: {item.reason}"
            click.echo(line if columns is None else clip(line, max(columns, SHORTEST_CLIP)))
    later = len(overflow) + (sum(len(d.items) for d in days[1:]) if not week else 0)
    if later:
        click.echo(f"({later} more later in the week{'' if week else '; see --week'})"
                   if not week else f"({later} more after this week)", err=True)

"""Commands that generate notes: index (once), watch (keep them current), and the git
merge driver that keeps generated notes from stopping a merge."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaulttools.cli.base import common_options, editor, emit_json, json_option, main, state
from vaulttools.errors import VaultError
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.render.acting import TickReport


@main.command()
@common_options
@click.option("--dry-run", is_flag=True, help="Say which notes would change; write nothing.")
@click.option("--fail-if-changed", is_flag=True,
              help="Exit 1 when a note had to be (re)written: for pre-commit hooks and CI.")
@click.option("--reset-base", is_flag=True,
              help="Write People.base again, though it was changed in Obsidian.")
@json_option
def index(dry_run: bool, fail_if_changed: bool, reset_base: bool, as_json: bool) -> None:
    """Regenerate the index notes (Due, Contacts, Birthdays, Review, Problems).

    First acts on the items ticked in Due.md (logs the interaction, ticks the
    promise in the contact's note). Writes only notes whose bytes change, so a
    second run writes nothing. Never overwrites a file without
    `generated_by: vaulttools` in its front matter. Also writes People.base
    (an Obsidian base of your people) until you change it in Obsidian.
    """
    from vaulttools.render.acting import apply_ticks
    from vaulttools.render.bases import BASE_NAME, cover_property, write_base
    from vaulttools.render.index import write_index

    editor_ = editor()
    editor_.action = "tick (Due.md)"
    ticks = apply_ticks(editor_, state().today(), dry_run)
    vault = state().reload() if ticks.edits and not dry_run else editor_.vault
    base = write_base(vault.root, vault.settings, cover_property(vault.contacts), dry_run,
                      reset_base)
    report = write_index(vault, state().today(), dry_run, ticks=ticks, problems=base.problems)
    if base.written:
        report.written.append(f"{vault.settings.index}/{BASE_NAME}")
    if as_json:
        emit_json({"dry_run": dry_run, **report.as_dict(), "ticks": ticks.as_dict(),
                   "base_left": base.left})
    else:
        _say_ticks(ticks, dry_run)
        verb = "would write" if dry_run else "wrote"
        for relpath in report.written:
            click.echo(f"{verb} {relpath}")
        if not report.written and not report.refused:
            click.echo("index notes are up to date")
    for error in report.refused:
        click.echo(f"vaulttools: error: {error}", err=True)
    if report.refused:
        raise VaultError(f"{counted(len(report.refused), 'index note')} not written")
    if fail_if_changed and report.written:
        raise VaultError("index notes were out of date and have been regenerated; "
                         "review and stage them")


def _say_ticks(ticks: TickReport, dry_run: bool) -> None:
    verb = "would act on" if dry_run else "acted on"
    for tick, edit in zip(ticks.applied, ticks.edits, strict=True):
        click.echo(f"{verb} a tick in Due.md ({tick.status}): {edit.relpath}: "
                   + "; ".join(edit.changes))
    if ticks.done_already:
        click.echo(f"{counted(len(ticks.done_already), 'tick')} done already, left alone")
    for tick, why in ticks.unapplied:
        click.echo(f"vaulttools: warning: a tick in Due.md ({tick.relpath}, {tick.status}) "
                   f"not applied: {why}", err=True)


@main.command()
@common_options
@click.option("--polling", is_flag=True,
              help="Poll the disk instead of using OS events (network drives, containers).")
@click.option("--debounce", type=click.IntRange(0, 10_000), default=100, show_default=True,
              metavar="MS", help="Quiet period after a change before re-rendering "
              "(on Linux, a note closed after writing waits 10 ms instead).")
@click.option("--reconcile", type=click.FloatRange(1, 86_400), default=60, show_default=True,
              metavar="SECONDS", help="How often a full scan heals missed events.")
def watch(polling: bool, debounce: int, reconcile: float) -> None:
    """Keep the index notes current while you edit (a foreground daemon).

    Renders at start, then after every change to a contact or daily note,
    after a periodic reconcile scan, and after local midnight. One watcher
    per vault. SIGTERM or Ctrl-C stops it cleanly; SIGHUP reloads
    .vaulttools.toml and the templates. Logs one line per render on stderr.
    Two seconds after a render it makes the answers of the read commands
    asked lately (due, list...), which their next run prints at once.
    """
    import logging

    from vaulttools.cli.ahead import Ahead
    from vaulttools.watch.daemon import Watcher

    logging.basicConfig(level=logging.INFO, format="vaulttools watch: %(message)s")
    watcher = Watcher(state().root(), state().today_value, polling, debounce / 1000, reconcile)
    ahead = Ahead(watcher.root)

    def make_answers_ahead() -> None:
        made = ahead.make(watcher.settings, watcher.index, watcher.wake.is_set)
        logging.getLogger("vaulttools.watch").debug("%d answers made ahead", made)

    watcher.when_settled = make_answers_ahead
    raise SystemExit(watcher.run())


@main.command(name="merge-driver")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--marker-size", type=click.IntRange(1, 1000), default=7, show_default=True,
              help="Conflict marker length (git's %L).")
@click.option("--path", "name", default="", help="The file's path in the repository (%P).")
def merge_driver(base: Path, ours: Path, theirs: Path, marker_size: int, name: str) -> None:
    """git's merge driver for the index folder; `init --git` registers it.

    git calls it as `merge-driver %O %A %B --marker-size %L --path %P`. When
    both sides are generated index notes it keeps ours (the next `index`
    regenerates it); any other file is merged by `git merge-file`, and a
    conflict exits 1 for git to report, as git's own merge would.
    """
    from vaulttools.render.gitmerge import merge_file

    if not merge_file(base, ours, theirs, marker_size, name):
        raise SystemExit(1)

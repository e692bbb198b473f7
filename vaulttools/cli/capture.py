"""`capture`: log what already happened, from the user's mail."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaulttools.cli.base import common_options, editor, emit_json, main, state
from vaulttools.cli.edit import dry_run_option, parse_day
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.capture.run import CaptureReport


@main.command()
@common_options
@click.argument("sources", nargs=-1, metavar="[SOURCE...]",
                type=click.Path(exists=True, path_type=Path))
@click.option("--since", metavar="YYYY-MM-DD", help="Only what happened on or after this day.")
@click.option("--status", is_flag=True,
              help="Say what each source gave the last time, and read nothing.")
@dry_run_option
def capture(sources: tuple[Path, ...], since: str | None, status: bool, dry_run: bool,
            as_json: bool) -> None:
    """Log the mail you sent and received, from files you already have.

    SOURCE is an mbox (Gmail Takeout, Thunderbird), a Maildir (mbsync,
    offlineimap) or a folder of .eml files; without one, `[capture] mail` in
    the config. Each mail with a contact (matched on the addresses their
    note holds) becomes a log line, as `log` writes it: the subject only,
    never the body. Mail you sent that gets no answer within `reply_within`
    is marked #noreply, and unmarked when the answer comes.

        vaulttools capture ~/Takeout/Mail/All\\ mail.mbox --dry-run
    """
    from vaulttools.capture.run import capture as run_capture
    from vaulttools.cli.edit import report
    from vaulttools.cli.runtime import HELPER

    if status:
        if sources or since or dry_run:
            raise click.UsageError("--status reads nothing: give it no SOURCE, --since or "
                                   "--dry-run")
        _status(as_json)
        return
    result = run_capture(editor(), state().today(), sources, parse_day(since), dry_run,
                         HELPER)
    if as_json:
        emit_json({"dry_run": dry_run, **result.as_dict()})
    else:
        report(result.edits, dry_run)
    for problem in result.problems:
        click.echo(f"vaulttools: warning: {problem.format()}", err=True)
    for failure in result.failures:
        click.echo(f"vaulttools: error: {failure}", err=True)
    if not as_json:
        _summary(result)
    if (result.failures and not dry_run) or any(p.whole for p in result.problems):
        raise SystemExit(1)


def _summary(result: CaptureReport) -> None:
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(result.skipped.items()))
    parts = [counted(result.messages, "mail", "mails") if result.messages else "",
             counted(result.events, "event") if result.events else "",
             counted(result.chats, "LinkedIn message") if result.chats else ""]
    read = " and ".join(part for part in parts if part) or "nothing"
    click.echo(f"{read} read, {counted(result.lines, 'line')} logged"
               + (f"; skipped: {skipped}" if skipped else "")
               + (f"; {result.waiting} waiting for an answer" if result.waiting else "")
               + (f"; {counted(result.unchanged, 'file')} unchanged since the last run"
                  if result.unchanged else ""),
               err=True)
    if result.unknown:
        click.echo("add? people you write to or meet who have no note: " + ", ".join(
            f"{address} ({count})" for address, count in result.unknown), err=True)
    for address in result.shared:
        click.echo(f"vaulttools: warning: {address} is on more than one note; its mail is "
                   "not captured until one note holds it", err=True)


KIND_ITEMS = {"mail": ("mail", "mails"), "calendar": ("event", "events"),
              "linkedin": ("LinkedIn message", "LinkedIn messages")}


def _status(as_json: bool) -> None:
    """What each source gave the last time capture read it."""
    from vaulttools.capture.run import capture_status

    vault = state().vault()
    sources, ledger = capture_status(vault.root, vault.settings)
    if as_json:
        emit_json({"sources": [s.as_dict() for s in sources], "waiting": len(ledger.waiting),
                   "unknown": [{"address": a, "messages": n} for a, n in
                               sorted(ledger.unknown.items(), key=lambda kv: -kv[1])[:10]]})
        return
    if not sources:
        click.echo("no sources yet: list them under [capture] in the config, or run "
                   "`vaulttools capture SOURCE`")
    for source in sources:
        where = source.path + ("" if source.configured else " (given on the command line)")
        found = source.state
        if found is None:
            click.echo(f"{where}: never read")
            continue
        singular, plural = KIND_ITEMS.get(found.kind, ("item", "items"))
        read = f"read {found.read.isoformat()}" if found.read else "nothing read yet"
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(found.skipped.items()))
        click.echo(f"{where} ({found.kind}): {read}, checked {found.checked.isoformat()}: "
                   f"{counted(found.items, singular, plural)}, {counted(found.lines, 'line')}"
                   + (f"; skipped: {skipped}" if skipped else "")
                   + (f"; {counted(found.problems, 'problem')}" if found.problems else ""))
    if ledger.waiting:
        click.echo(f"{counted(len(ledger.waiting), 'message')} you sent "
                   f"{'waits' if len(ledger.waiting) == 1 else 'wait'} for an answer")

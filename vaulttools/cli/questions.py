"""The questions asked lately: which read command, with which options, from which
folder and terminal, noted when a command answers (base.remembered), for a
running watcher to ask again after the next edit (ahead.py).

They live beside the kept answers (answers.kept_for), in one small file a
vault; the latest NOTED, each once.
"""

from __future__ import annotations

import contextlib
import marshal
import time
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import click

from vaulttools.cli import answers
from vaulttools.cli.textout import links_shown, terminal_columns

NOTED = 8  # questions noted a vault; the oldest go first
DAY_NS = 24 * 3600 * 10**9
LATELY_NS = 7 * DAY_NS  # a question not asked for a week is not asked again
QUESTIONS = ".asked"  # in the vault's answers folder; a dot name, so never pruned as one


class Asked(NamedTuple):
    """One question as a command was asked it."""

    names: tuple[str, ...]  # the command's path: ("vaulttools", "export", "vcard")
    function: str  # the remembered function, "module:qualname" (base.REMEMBERED)
    options: dict[str, Any]  # its arguments
    here: str  # the folder it was asked in (answers.folder_here)
    columns: int | None  # the terminal, as terminal_columns() and
    links: bool  # links_shown() had it
    today: str | None  # the day given (--today, $VAULTTOOLS_TODAY); None: the day it is
    at: int  # when (time.time_ns())


def asked_now(ctx: click.Context, function: str, options: dict[str, Any],
              today: date | None) -> Asked:
    """The question the command of `ctx` is answering, asked here and now."""
    names = []
    walk: click.Context | None = ctx
    while walk is not None:
        names.append(walk.info_name or "")
        walk = walk.parent
    return Asked(tuple(reversed(names)), function, options, answers.folder_here(),
                 terminal_columns(), links_shown(), today.isoformat() if today else None,
                 time.time_ns())


def note(folder: Path, asked: Asked, chunks: answers.Chunks, kept: bool = False) -> None:
    """Note a question a command just answered (`chunks`) in `folder`, the vault's
    answers folder; not one whose answer wrote a file (an export's --output), nor one
    that cannot be noted (an option marshal cannot hold). An answer `kept` from before
    notes the question again only when it was noted a day ago or more: a question
    asked every few seconds (a status bar) writes once a day."""
    if any(kind == answers.FILE for kind, _ in chunks):
        return
    earlier = noted(folder)
    if kept and any(a[:-1] == asked[:-1] and a.at > asked.at - DAY_NS for a in earlier):
        return
    _write(folder, [*[a for a in earlier if a[:-1] != asked[:-1]], asked][-NOTED:])


def noted(folder: Path) -> list[Asked]:
    """The questions noted for a vault, oldest first (none when unreadable)."""
    try:
        data = marshal.loads((folder / QUESTIONS).read_bytes())
        noted = [Asked(*entry) for entry in data]
    except (OSError, EOFError, ValueError, TypeError):
        return []
    return [asked for asked in noted if _well_formed(asked)]


def _well_formed(asked: Asked) -> bool:
    """Whether a question read back has the shape note() wrote (the file may be damaged)."""
    names, function, options, here, columns, links, today, at = asked
    return (isinstance(names, tuple) and len(names) >= 2
            and all(isinstance(name, str) for name in names)
            and isinstance(function, str) and isinstance(options, dict)
            and all(isinstance(key, str) for key in options) and isinstance(here, str)
            and (columns is None or type(columns) is int) and isinstance(links, bool)
            and (today is None or isinstance(today, str)) and type(at) is int)


def _write(folder: Path, noted: list[Asked]) -> None:
    """Write the questions (by a rename); a question that cannot be noted is not."""
    with contextlib.suppress(OSError, ValueError):
        answers.write_kept(folder / QUESTIONS, marshal.dumps([tuple(a) for a in noted]))

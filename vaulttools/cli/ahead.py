"""Answers made ahead: a running watcher asks again the questions asked lately.

A remembered answer (answers.py) serves a command only while nothing it read
changed, so the first run after an edit computes, which in a fresh process
costs several times what printing a kept answer does (docs/performance.md).
A running watcher has the vault read already. So a command notes the
question it answers (questions.py: which command, its options, the folder
and the terminal it was asked from, and the day when one was given). Once the
vault has been still for the racy window after a render, the watcher asks
each question noted in the last week again, in its own process, through the
command's own code (base.remembered), which makes the key as the command
makes it and keeps the answer under it: the next run finds it.

Never stale: the key is made as the command makes it, from a walk of the
vault made then, and the watcher answers only from what it has read when
that is exactly what the walk found (every note's signature, the walk's
problems) with the settings the config gives now; otherwise it leaves the
questions to the commands (an event is still on its way, or the config
changed and the watcher was not reloaded). tests/test_ahead.py holds every
answer made ahead to the one the command computes.
"""

from __future__ import annotations

import contextlib
import io
import logging
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaulttools.cli import answers, questions
from vaulttools.cli.base import REMEMBERED, State, load_commands, main
from vaulttools.cli.textout import printing_for
from vaulttools.read.loader import VaultIndex
from vaulttools.schedule.agenda import AgendaMemo

if TYPE_CHECKING:
    from vaulttools.config import Settings
    from vaulttools.read.loader import Walked
    from vaulttools.read.vault import Vault

log = logging.getLogger("vaulttools.watch")


class NotReady(Exception):
    """What the watcher has read is not what the vault holds now."""


class Ahead:
    """The watcher's side, for the vault at `root`: make() answers the questions noted
    lately. One agenda is kept from pass to pass and patched with the contacts that
    changed, as the watcher patches its own (schedule/agenda.py), so a pass after a
    save works out the contacts it touched, not every contact."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._memo = AgendaMemo()
        self._settings: Settings | None = None  # what the memo's results hold for

    def make(self, settings: Settings, index: VaultIndex,
             interrupted: Callable[[], bool]) -> int:
        """Ask again the questions noted in the last week, the latest first, answering
        from `index` (what the watcher has read, with `settings`); how many answers
        were made: none when what `index` holds is not what the vault holds now, and
        no more once `interrupted()`."""
        if not answers.remembering():
            return 0
        now = time.time_ns()
        lately = [asked for asked in questions.noted(answers.kept_for(self.root))
                  if now - asked.at <= questions.LATELY_NS]
        if not lately:
            return 0
        walked = VaultIndex(settings).walk()
        if not _as_read(index, walked):
            return 0
        if settings is not self._settings:
            self._memo, self._settings = AgendaMemo(), settings
        vault = index.vault()
        vault.memo = self._memo
        made = 0
        for asked in reversed(lately):
            if interrupted():
                break
            try:
                made += _ask_again(asked, self.root, settings, vault, walked)
            except NotReady:
                break
        return made


def _ask_again(asked: questions.Asked, root: Path, settings: Settings, vault: Vault,
               walked: Walked) -> bool:
    """Run the remembered function as the command ran it, on `vault` and the walk it
    was read from, its output going nowhere (base.remembered keeps the answer);
    whether it computed one."""
    load_commands(asked.names[1:2])
    function = REMEMBERED.get(asked.function)
    if function is None:
        return False
    state = State()
    state.vault_path = str(root)
    try:
        state.today_value = date.fromisoformat(asked.today) if asked.today else None
    except ValueError:
        return False
    loaded: list[Vault] = []

    def watched(at: Path, given: Settings | None, walk: Walked | None) -> Vault:
        if at != root or given != settings or walk is not walked:
            raise NotReady  # the config changed since the watcher read it
        loaded.append(vault)
        return vault

    state.answering_ahead = watched
    with contextlib.ExitStack() as stack:
        ctx = stack.enter_context(click.Context(main, info_name=asked.names[0], obj=state))
        command: click.Command = main
        for name in asked.names[1:]:
            found = command.get_command(ctx, name) if isinstance(command, click.Group) else None
            if found is None:
                return False
            command = found
            ctx = stack.enter_context(click.Context(command, info_name=name, parent=ctx))
        stack.enter_context(answers.asking_from(asked.here, walked))
        stack.enter_context(printing_for(asked.columns, asked.links))
        stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
        stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
        try:
            function(**asked.options)
        except NotReady:
            raise
        except Exception as exc:  # the command's own error: the command will say it
            log.debug("not answered ahead: %s: %s", " ".join(asked.names[1:]), exc)
    return bool(loaded)


def _as_read(index: VaultIndex, walked: Walked) -> bool:
    """Whether `index` read exactly the notes `walked` found, as they are now."""
    return (walked.problems == index.scan_problems
            and walked.present == {path: state.signature for path, state in index.files.items()})

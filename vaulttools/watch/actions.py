"""What the watcher writes besides the index notes: into contact notes, each as one
undo unit, the mail and meetings capture finds in the configured sources and the
items ticked in Due.md (each returns what it wrote, for the watcher to read again
and render as any edit); and, when `[sync]` is set, the cards and reminders of the
push half of `sync` (the pull, which needs the server's round trip, is `sync`'s).
"""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import TYPE_CHECKING

from vaulttools.errors import VaultError
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.read.vault import Vault
    from vaulttools.render.acting import TickReport

log = logging.getLogger("vaulttools.watch")


def capture_sources(vault: Vault, today: date, why: str) -> list[str]:
    """Capture from the configured sources; the paths of the notes it wrote."""
    from vaulttools.capture.run import capture
    from vaulttools.edit.api import Editor

    started = time.monotonic()
    try:
        editor = Editor(vault)
        editor.action = "capture (watch)"  # as `undo --list` names it
        report = capture(editor, today)
    except VaultError as exc:
        log.error("capture failed: %s", exc)
        return []
    for problem in report.problems:
        log.warning("capture: %s", problem.format())
    for failure in report.failures:
        log.error("capture: %s", failure)
    log.info("capture (%s): %s logged; %.0f ms", why, counted(report.lines, "line"),
             (time.monotonic() - started) * 1000)
    return [str(edit.path) for edit in report.edits]


def act_on_ticks(vault: Vault, today: date) -> TickReport | None:
    """Act on the items ticked in Due.md (render/ticks.py); None when that could not
    be tried (the render then keeps every tick ticked)."""
    from vaulttools.edit.api import Editor
    from vaulttools.render.acting import apply_ticks

    try:
        editor = Editor(vault)
        editor.action = "tick (Due.md, watch)"
        report = apply_ticks(editor, today)
    except VaultError as exc:
        log.error("ticks in Due.md: %s", exc)
        return None
    for tick, edit in zip(report.applied, report.edits, strict=True):
        log.info("tick in Due.md (%s): %s: %s", tick.status, edit.relpath,
                 "; ".join(edit.changes))
    for tick, why in report.unapplied:
        log.warning("tick in Due.md (%s, %s) not applied: %s", tick.relpath, tick.status, why)
    return report


def push_to_phone(vault: Vault, today: date) -> None:
    """The push half of `sync` (sync/push.py), logged; a failure is logged, not raised."""
    from vaulttools.sync.push import push_to_phone as push

    try:
        report = push(vault, today)
    except (VaultError, OSError) as exc:
        log.error("sync push: %s", exc)
        return
    for kind, part in (("contacts", report.contacts), ("calendar", report.calendar)):
        if part is not None and (part.written or part.removed):
            log.info("sync push (%s): wrote %d, removed %d", kind, len(part.written),
                     len(part.removed))

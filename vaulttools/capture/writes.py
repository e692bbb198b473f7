"""The edits of a capture: one a note, planned (each note read and checked), then
written.

Planning is the larger part of a first capture (a Takeout touches thousands of
notes), and each note's plan stands alone: with a `helper` (read/cache/helper.py),
a second process plans every other note meanwhile and sends its edits back.
The edits are the same without one; they are written here, in turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vaulttools import errors
from vaulttools.capture.planner import ContactCapture
from vaulttools.edit.api import Editor
from vaulttools.edit.changes import apply, plan_log_lines
from vaulttools.edit.draft import Edit
from vaulttools.edit.safewrite import Snapshot
from vaulttools.errors import VaultError
from vaulttools.read.cache.helper import Helper

# Below this many notes, a second process costs more than it saves.
SPLIT_NOTES = 200
Planned = tuple[Edit, list[tuple[str, str]]] | VaultError  # an edit and its rewrites, or why not


def plan_edits(editor: Editor, targets: Sequence[ContactCapture],
               helper: Helper | None = None) -> list[Planned]:
    """Each target's edit (plan_log_lines), in order, or the error that refused it."""
    if helper is None or len(targets) < SPLIT_NOTES or not helper.available():
        return [_plan(editor, target) for target in targets]
    theirs = targets[1::2]
    pending = helper.start(lambda: [_shipped(_plan(editor, t)) for t in theirs])
    ours = [_plan(editor, target) for target in targets[0::2]]
    shipped = pending.result() if pending is not None else None
    other = ([_received(item) for item in shipped] if shipped is not None
             else [_plan(editor, target) for target in theirs])
    planned: list[Planned] = []
    for index in range(len(targets)):
        planned.append(ours[index // 2] if index % 2 == 0 else other[index // 2])
    return planned


def write(target: ContactCapture, planned: Planned, failures: list[VaultError],
          edits: list[Edit], dry_run: bool) -> bool:
    """Write a target's planned edit (unless a dry run); False when it was refused."""
    if isinstance(planned, VaultError):
        failures.append(planned)  # that note is left as it was; the next run tries again
        return False
    edit, done = planned
    if not dry_run:
        try:
            apply(edit)
        except VaultError as exc:
            failures.append(exc)
            return False
    target.done = {new for _, new in done}
    target.edited = True
    edits.append(edit)
    return True


def _plan(editor: Editor, target: ContactCapture) -> Planned:
    try:
        return plan_log_lines(target.contact, target.lines, target.rewrites, editor.keymap,
                              editor.log_titles)
    except VaultError as exc:
        return exc


def _shipped(planned: Planned) -> tuple[Any, ...]:
    """A planned edit as plain data, for the trip back from the helper."""
    if isinstance(planned, VaultError):
        return ("error", type(planned).__name__, planned.reason,
                None if planned.path is None else str(planned.path), planned.line)
    edit, done = planned
    snap = edit.snapshot
    return ("edit", str(edit.path), edit.relpath, edit.before, edit.after, edit.changes,
            None if snap is None else (str(snap.path), str(snap.real), snap.data, snap.mode,
                                       snap.signature),
            edit.added, done)


def _received(data: Sequence[Any]) -> Planned:
    if data[0] == "error":
        kind = getattr(errors, data[1], VaultError)
        error = (kind if isinstance(kind, type) and issubclass(kind, VaultError)
                 else VaultError)(data[2], data[3], data[4])
        return error
    _, path, relpath, before, after, changes, snap, added, done = data
    snapshot = None if snap is None else Snapshot(Path(snap[0]), Path(snap[1]), snap[2],
                                                  snap[3], tuple(snap[4]))
    return (Edit(Path(path), relpath, before, after, list(changes), snapshot, list(added)),
            [tuple(pair) for pair in done])

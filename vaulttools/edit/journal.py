"""The undo journal: every change vaulttools makes to a vault's notes, one unit a
command (a `log`, a `set` on many notes, a `new`, an import, a capture run), kept
in the user's state folder, never in the vault: the newest KEEP units, and no
more than MAX_BYTES of them.

Each unit holds, for every file it touched, the bytes before (none: it created
the file) and a digest of the bytes it left (none: it removed the file). `undo`
restores the newest unit byte for byte, and refuses, naming the file and
changing nothing, when any of its files is not as vaulttools left it (the user
edited it since).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaulttools.edit.safewrite import create_new, inside_vault, replace_file
from vaulttools.errors import VaultError, WriteRefused
from vaulttools.userdirs import state_dir, vault_key

KEEP = 50  # units kept: the newest
MAX_BYTES = 256 * 1024 * 1024  # and no more than this, all units together (the newest stays)


@dataclass
class Change:
    """One file of a unit: its bytes before (None: created) and a digest of after (None:
    removed)."""

    relpath: str
    before: bytes | None
    after: str | None  # sha256 hex of the bytes vaulttools left
    lines: list[str] = field(default_factory=list)  # the log lines it added, in order

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.relpath, "after": self.after, "lines": self.lines,
                "before": None if self.before is None else
                base64.b64encode(self.before).decode("ascii")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        before = data.get("before")
        after = data.get("after")
        return cls(str(data["path"]), None if before is None else base64.b64decode(before),
                   None if after is None else str(after),
                   [str(line) for line in data.get("lines", [])])


@dataclass
class Unit:
    """What one command changed."""

    what: str  # the command, as the user would name it: `log`, `set`, `capture`...
    when: str  # local time, ISO, to the second
    changes: list[Change] = field(default_factory=list)
    path: Path | None = None  # its file in the journal

    def as_dict(self) -> dict[str, Any]:
        return {"what": self.what, "when": self.when,
                "changes": [c.as_dict() for c in self.changes]}

    def summary(self) -> dict[str, Any]:
        return {"what": self.what, "when": self.when,
                "files": [c.relpath for c in self.changes],
                "created": [c.relpath for c in self.changes if c.before is None],
                "removed": [c.relpath for c in self.changes if c.after is None]}


_recording: ContextVar[Unit | None] = ContextVar("vaulttools_journal_unit", default=None)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def journal_dir(root: Path) -> Path:
    return state_dir() / "journal" / vault_key(root.resolve())


@contextlib.contextmanager
def recording(root: Path, what: str) -> Iterator[None]:
    """Collect every file written inside into one unit, saved when the block ends (a
    block that wrote nothing leaves none). Nested blocks are the outer one's unit."""
    if _recording.get() is not None:
        yield
        return
    unit = Unit(what, time.strftime("%Y-%m-%dT%H:%M:%S"))
    token = _recording.set(unit)
    try:
        yield
    finally:
        _recording.reset(token)
        if unit.changes:
            _save(root, unit)


def record(relpath: str, before: bytes | None, after: bytes | None,
           lines: Sequence[str] = ()) -> None:
    """Note a file written (after None: removed) by vaulttools in the unit being
    recorded, if any: its first before, its last after, and the log lines it added."""
    unit = _recording.get()
    if unit is None:
        return
    left = None if after is None else digest(after)
    for change in unit.changes:
        if change.relpath == relpath:
            change.after = left
            change.lines += lines
            return
    unit.changes.append(Change(relpath, before, left, list(lines)))


def last_logged(root: Path, relpath: str) -> str | None:
    """The last log line vaulttools added to the note at `relpath`, as the journal
    remembers it (None: it remembers none)."""
    for unit in units(root):
        for change in unit.changes:
            if change.relpath == relpath and change.lines:
                return change.lines[-1]
    return None


def _save(root: Path, unit: Unit) -> None:
    folder = journal_dir(root)
    # The user's words: readable by the user alone, as the notes themselves may not be.
    data = json.dumps(unit.as_dict(), separators=(",", ":")).encode("utf-8")
    replace_file(folder / f"{time.time_ns():020d}.json", data, 0o600)
    kept = 0
    for number, path in enumerate(sorted(folder.glob("*.json"), reverse=True)):
        kept += path.stat().st_size
        if number >= KEEP or (number and kept > MAX_BYTES):
            path.unlink(missing_ok=True)


def units(root: Path) -> list[Unit]:
    """The journal's units, newest first (one that does not read is skipped)."""
    found = []
    for path in sorted(journal_dir(root).glob("*.json"), reverse=True):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append(Unit(str(data["what"]), str(data["when"]),
                              [Change.from_dict(c) for c in data["changes"]], path))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def undo(root: Path, dry_run: bool = False) -> Unit:
    """Restore the newest unit's files byte for byte and drop it from the journal.

    Refuses, changing nothing, when there is nothing to undo or when a file is no
    longer as vaulttools left it. The caller holds the vault's write lock.
    """
    newest = next(iter(units(root)), None)
    if newest is None:
        raise VaultError("nothing to undo: vaulttools has changed nothing here yet (or "
                         f"the journal's {KEEP} newest changes were undone)")
    for change in newest.changes:
        path = inside_vault(root / change.relpath, root, "the note")
        try:
            current = digest(path.read_bytes())
        except FileNotFoundError:
            current = None
        if current != change.after:
            raise WriteRefused(f"changed since vaulttools wrote it ({newest.what}, "
                               f"{newest.when}); nothing undone", root / change.relpath)
    if dry_run:
        return newest
    for change in newest.changes:
        path = root / change.relpath
        if change.before is None:
            path.unlink()
        elif change.after is None:  # removed (moved to the trash): back where it was
            create_new(path, change.before, root)
        else:
            replace_file(path, change.before, _mode(path), root)
    assert newest.path is not None
    newest.path.unlink(missing_ok=True)
    return newest


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644

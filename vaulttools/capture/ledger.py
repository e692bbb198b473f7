"""What capture has already done for a vault, kept in the user's state folder.

The note is the truth: the ledger only remembers which messages were captured
(so a second run, or a line the user edited or deleted, is never written
again), the outreach still waiting for an answer (to mark it `#noreply` once
`reply_within` passes, and clear that when an answer comes), and when each
correspondent last wrote. One JSON file per vault, replaced atomically; a
ledger that cannot be read is set aside, never trusted half-read. What was
taken in (the keys of the messages captured, and of those counted as from
strangers) grows with every mail and only a run with something new needs it: it
lives beside the ledger in a second file (`Seen`), read when first needed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vaulttools.edit.safewrite import replace_file
from vaulttools.userdirs import state_dir, vault_key

VERSION = 2  # 1 held the seen keys in the ledger itself (still read)


@dataclass
class Outreach:
    """A mail the user sent, logged as `line` in the note at `path`, to `address`."""

    path: str
    line: str
    address: str
    sent: datetime
    noreply: bool = False  # the line carries #noreply
    answered: bool = False  # an answer came: nothing left to watch

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "address": self.address,
                "sent": self.sent.isoformat(), "noreply": self.noreply,
                "answered": self.answered}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outreach:
        return cls(str(data["path"]), str(data["line"]), str(data["address"]),
                   datetime.fromisoformat(str(data["sent"])), bool(data.get("noreply")),
                   bool(data.get("answered")))


@dataclass
class SourceState:
    """What one source gave the last time capture looked at it."""

    kind: str  # mail, calendar, linkedin
    checked: date  # the last run that looked at it
    read: date | None = None  # the last run that found something new in it to read
    items: int = 0  # mails, events or messages in it, when last read
    lines: int = 0  # lines it gave, when last read
    skipped: dict[str, int] = field(default_factory=dict)  # why what was not captured
    problems: int = 0
    unchanged_files: int = 0  # files not read again at the last check

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "checked": self.checked.isoformat(),
                "read": self.read.isoformat() if self.read else None, "items": self.items,
                "lines": self.lines, "skipped": dict(sorted(self.skipped.items())),
                "problems": self.problems, "unchanged_files": self.unchanged_files}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceState:
        return cls(str(data["kind"]), date.fromisoformat(str(data["checked"])),
                   date.fromisoformat(str(data["read"])) if data.get("read") else None,
                   int(data.get("items", 0)), int(data.get("lines", 0)),
                   {str(k): int(v) for k, v in dict(data.get("skipped", {})).items()},
                   int(data.get("problems", 0)), int(data.get("unchanged_files", 0)))


@dataclass
class Seen:
    """What capture took in: the ledger keys (`message-key relpath`) of what it wrote,
    and digests of the messages counted in `Ledger.unknown`."""

    captured: set[str] = field(default_factory=set)
    counted: set[str] = field(default_factory=set)
    loaded: str = field(default="", repr=False)  # the file as read: unchanged, not written

    def text(self) -> str:
        return json.dumps({"version": VERSION, "captured": sorted(self.captured),
                           "counted": sorted(self.counted)},
                          ensure_ascii=False, separators=(",", ":")) + "\n"


@dataclass
class Ledger:
    path: Path
    waiting: dict[str, Outreach] = field(default_factory=dict)  # by message key
    last_heard: dict[str, datetime] = field(default_factory=dict)  # address -> newest mail
    files: dict[str, list[int]] = field(default_factory=dict)  # path -> signature seen
    book: str = ""  # what decided matches when `files` was seen (run.py's fingerprint)
    unknown: dict[str, int] = field(default_factory=dict)  # address with no note -> count
    sources: dict[str, SourceState] = field(default_factory=dict)  # by path
    # The next meeting with each contact (by relpath) the calendars hold: [day, title].
    upcoming: dict[str, list[str]] = field(default_factory=dict)
    loaded: str = field(default="", repr=False)  # the file as read: unchanged, not written
    _seen: Seen | None = field(default=None, repr=False)

    @property
    def seen(self) -> Seen:
        """What was taken in, read from its file when first needed."""
        if self._seen is None:
            self._seen = _load_seen(seen_path(self.path))
        return self._seen

    @property
    def captured(self) -> set[str]:
        return self.seen.captured

    @property
    def counted(self) -> set[str]:
        return self.seen.counted

    def heard_after(self, address: str, when: datetime) -> bool:
        heard = self.last_heard.get(address)
        return heard is not None and heard > when

    def hear(self, address: str, when: datetime) -> None:
        if address not in self.last_heard or when > self.last_heard[address]:
            self.last_heard[address] = when

    def forget_strangers(self, addresses: Collection[str]) -> None:
        """Keep when each of `addresses` (the address book) and each address an answer
        is awaited from was last heard from, and forget the rest: an address that joins
        a note changes the book, and then every file is read again, which hears from it
        again."""
        awaited = {outreach.address for outreach in self.waiting.values()}
        self.last_heard = {a: w for a, w in self.last_heard.items()
                           if a in addresses or a in awaited}

    def save(self) -> None:
        """Write what changed: what was taken in first, so that a run cut off between
        the two files finds the ledger older, and reads its files again."""
        if self._seen is not None:
            text = self._seen.text()
            if text != self._seen.loaded:
                _replace(seen_path(self.path), text)
                self._seen.loaded = text
        data = {"version": VERSION,
                "waiting": {key: o.as_dict() for key, o in sorted(self.waiting.items())},
                "last_heard": {a: w.isoformat() for a, w in sorted(self.last_heard.items())},
                "files": dict(sorted(self.files.items())), "book": self.book,
                "unknown": dict(sorted(self.unknown.items())),
                "sources": {p: s.as_dict() for p, s in sorted(self.sources.items())},
                "upcoming": dict(sorted(self.upcoming.items()))}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        if text != self.loaded:  # a run that changed nothing costs no write
            _replace(self.path, text)
            self.loaded = text


def _replace(path: Path, text: str) -> None:
    # Compact JSON: the C encoder writes it (indenting falls back to Python's, much
    # slower). Who the user writes to: readable by the user alone.
    replace_file(path, text.encode("utf-8"), 0o600)


def ledger_path(root: Path) -> Path:
    return state_dir() / "capture" / f"{vault_key(root.resolve())}.json"


def seen_path(ledger: Path) -> Path:
    return ledger.with_name(f"{ledger.stem}.seen.json")


def load_ledger(root: Path) -> Ledger:
    """The vault's ledger; an empty one when there is none, or when it cannot be read
    (then set aside as `.broken`, so nothing half-read decides what is written)."""
    path = ledger_path(root)
    try:
        loaded = path.read_text(encoding="utf-8")
        data = json.loads(loaded)
        if data.get("version") not in (1, VERSION):
            raise ValueError(f"version {data.get('version')!r}")
        ledger = Ledger(
            path, {str(k): Outreach.from_dict(v) for k, v in data["waiting"].items()},
            {str(a): datetime.fromisoformat(str(w)) for a, w in data["last_heard"].items()},
            {str(p): [int(n) for n in s] for p, s in data["files"].items()},
            str(data["book"]), {str(a): int(n) for a, n in data["unknown"].items()},
            {str(p): SourceState.from_dict(s) for p, s in data["sources"].items()},
            {str(p): [str(v) for v in u] for p, u in data.get("upcoming", {}).items()},
            loaded)
        if data["version"] == 1:  # the seen keys were in here: the next save moves them
            ledger._seen = Seen(set(map(str, data["captured"])), set(map(str, data["counted"])))
        return ledger
    except FileNotFoundError:
        return Ledger(path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        os.replace(path, path.with_suffix(".broken"))
        return Ledger(path)


def _load_seen(path: Path) -> Seen:
    """What was taken in; nothing when there is no such file or it cannot be read (then
    set aside as `.broken`): the notes still say what is already logged."""
    try:
        loaded = path.read_text(encoding="utf-8")
        data = json.loads(loaded)
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return Seen(set(map(str, data["captured"])), set(map(str, data["counted"])), loaded)
    except FileNotFoundError:
        return Seen()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        os.replace(path, path.with_suffix(".broken"))
        return Seen()

"""What capture has already done for a vault, kept in the user's state folder.

The note is the truth: the ledger only remembers which messages were captured
(so a second run, or a line the user edited or deleted, is never written
again), the outreach still waiting for an answer (to mark it `#noreply` once
`reply_within` passes, and clear that when an answer comes), and when each
correspondent last wrote. One JSON file per vault, replaced atomically; a
ledger that cannot be read is set aside, never trusted half-read.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from vaulttools.userdirs import state_dir, vault_key

VERSION = 1


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
class Ledger:
    path: Path
    captured: set[str] = field(default_factory=set)  # message keys
    waiting: dict[str, Outreach] = field(default_factory=dict)  # by message key
    last_heard: dict[str, datetime] = field(default_factory=dict)  # address -> newest mail

    def heard_after(self, address: str, when: datetime) -> bool:
        heard = self.last_heard.get(address)
        return heard is not None and heard > when

    def hear(self, address: str, when: datetime) -> None:
        if address not in self.last_heard or when > self.last_heard[address]:
            self.last_heard[address] = when

    def save(self) -> None:
        data = {"version": VERSION, "captured": sorted(self.captured),
                "waiting": {key: o.as_dict() for key, o in sorted(self.waiting.items())},
                "last_heard": {a: w.isoformat() for a, w in sorted(self.last_heard.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".ledger-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def ledger_path(root: Path) -> Path:
    return state_dir() / "capture" / f"{vault_key(root.resolve())}.json"


def load_ledger(root: Path) -> Ledger:
    """The vault's ledger; an empty one when there is none, or when it cannot be read
    (then set aside as `.broken`, so nothing half-read decides what is written)."""
    path = ledger_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return Ledger(
            path, set(map(str, data["captured"])),
            {str(k): Outreach.from_dict(v) for k, v in data["waiting"].items()},
            {str(a): datetime.fromisoformat(str(w)) for a, w in data["last_heard"].items()})
    except FileNotFoundError:
        return Ledger(path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        os.replace(path, path.with_suffix(".broken"))
        return Ledger(path)

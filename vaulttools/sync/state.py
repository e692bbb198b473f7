"""What a phone sync remembers between runs, in the user's state folder (never the
vault): per vdir, a digest of each file vaulttools wrote; per card, a digest of each
field it held when pushed (the base the phone's edits are compared with)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from vaulttools.edit.safewrite import replace_file
from vaulttools.userdirs import state_dir, vault_key

VERSION = 1


@dataclass
class SyncState:
    path: Path
    contacts: dict[str, str] = field(default_factory=dict)  # file -> digest written
    calendar: dict[str, str] = field(default_factory=dict)
    fields: dict[str, dict[str, str]] = field(default_factory=dict)  # card file -> digests
    loaded: str = field(default="", repr=False)

    def save(self) -> None:
        text = json.dumps({"version": VERSION, "contacts": dict(sorted(self.contacts.items())),
                           "calendar": dict(sorted(self.calendar.items())),
                           "fields": dict(sorted(self.fields.items()))},
                          separators=(",", ":")) + "\n"
        if text != self.loaded:  # who the user knows: readable by the user alone
            replace_file(self.path, text.encode("utf-8"), 0o600)
            self.loaded = text


def load_state(root: Path) -> SyncState:
    """What the last sync left; nothing when there is none or it does not read. Then
    every file already in the vdirs is treated as someone else's (never overwritten),
    and a card's fields only fill what a note lacks."""
    path = state_dir() / "sync" / f"{vault_key(root.resolve())}.json"
    try:
        loaded = path.read_text(encoding="utf-8")
        data = json.loads(loaded)
        if data.get("version") != VERSION:
            return SyncState(path)
        return SyncState(
            path, {str(k): str(v) for k, v in dict(data["contacts"]).items()},
            {str(k): str(v) for k, v in dict(data["calendar"]).items()},
            {str(k): {str(f): str(d) for f, d in dict(v).items()}
             for k, v in dict(data["fields"]).items()}, loaded)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return SyncState(path)

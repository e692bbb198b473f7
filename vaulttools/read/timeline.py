"""A person's whole history: every dated thing vaulttools reads about one contact,
newest first, each with the file and line it comes from.

From the contact's own note: its log (milestones named as such), its open tasks
(promises and reminders), `met` and `reviewed`; from the daily and meeting
notes that link them: the line that does, as it reads. What `capture` logs is
in the log already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vaulttools.model import Contact
from vaulttools.read.mentions import mention_lines
from vaulttools.read.vault import Vault


@dataclass(frozen=True)
class Moment:
    """One dated thing about a person, and where it is written."""

    day: date | None  # None: an open task with no date
    kind: str  # the log's channel, milestone, daily note, meeting note, promise, met...
    text: str
    path: str  # relative to the vault
    line: int

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat() if self.day else None, "kind": self.kind,
                "text": self.text, "path": self.path, "line": self.line}


def timeline(vault: Vault, contact: Contact) -> list[Moment]:
    """Every dated thing about `contact`, newest first (open tasks with no date on top)."""
    found = [Moment(entry.date, "milestone" if "milestone" in entry.flags else entry.channel,
                    entry.text, contact.relpath, entry.line)
             for entry in contact.interactions]
    found += [Moment(p.due or p.since, "reminder" if p.due else "promise", p.text,
                     contact.relpath, p.line) for p in contact.promises]
    found += [Moment(day, what, text, contact.relpath, 1) for what, text, day in (
        ("met", "you met", contact.met), ("reviewed", "the audit: reviewed", contact.reviewed))
        if day]
    for mention in vault.mentions_of(contact):
        try:
            text = (vault.root / mention.relpath).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # gone since it was read: the next load forgets it
        kind = "meeting note" if mention.meeting else "daily note"
        lines = mention_lines(text, contact.keys) or [(1, "")]
        found += [Moment(mention.day, kind, said, mention.relpath, number)
                  for number, said in lines]
    return _newest_first(found)


def _newest_first(moments: list[Moment]) -> list[Moment]:
    """Open tasks with no date first, then newest first; in a day, note by note."""
    undated = [m for m in moments if m.day is None]
    dated = sorted((m for m in moments if m.day is not None),
                   key=lambda m: (m.day, m.path, -m.line), reverse=True)
    return undated + dated

"""The plain records every source of capture yields (a mail, a meeting), and the
problems it meets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple


class Message(NamedTuple):
    """One mail, as capture needs it: who wrote to whom, when, about what. No body."""

    key: str  # the Message-ID, or a digest of the headers when there is none
    when: datetime  # timezone-aware
    sender: str  # the From address, folded
    recipients: tuple[str, ...]  # To addresses, folded
    copied: tuple[str, ...]  # Cc addresses, folded: no answer is expected of them
    subject: str  # decoded, one line
    thread: str  # the first message of its thread (References, In-Reply-To), else key
    source: str  # the file (and for an mbox, which message) it came from
    channel: str = "email"  # or "linkedin": the channel of its log line


class Meeting(NamedTuple):
    """One occurrence of a calendar event, as capture needs it: when, with whom, what."""

    key: str  # the event's UID and the occurrence's start
    day: date  # the day it starts, in the user's zone
    people: tuple[str, ...]  # attendees and organizer (not the user), folded addresses
    title: str
    source: str


class SourceProblem(NamedTuple):
    """Something in a source that could not be read: the rest is still captured."""

    where: str  # `path` or `path: message N`
    message: str
    whole: bool = False  # the whole source could not be read, not one message of it

    def format(self) -> str:
        return f"{self.where}: {self.message}"


def signature(path: Path) -> list[int] | None:
    """What tells that a file changed: its size and modification time."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


@dataclass
class Visit:
    """Which files a run reads: a file whose signature is what the last run saw is not
    read again (its messages were captured then); `seen` is what this run saw."""

    known: Mapping[str, list[int]] = field(default_factory=dict)
    seen: dict[str, list[int]] = field(default_factory=dict)
    unchanged: int = 0  # files not read again

    def fresh(self, path: Path) -> bool:
        key = str(path)
        self.seen[key] = signature(path) or []
        if self.seen[key] and self.known.get(key) == self.seen[key]:
            self.unchanged += 1
            return False
        return True

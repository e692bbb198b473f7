"""The plain records every source of capture yields (a mail, a meeting), and the
problems it meets."""

from __future__ import annotations

from datetime import date, datetime
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

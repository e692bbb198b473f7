"""What one note gave when it was read: the unit the loader keeps and the cache stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vaulttools.model import Contact, Problem
from vaulttools.read.scan import Signature


@dataclass(slots=True)
class FileState:
    """What one note gave: a contact or a daily note's mentions, and its problems.

    Slotted: a large vault holds one per note, and a warm start builds them all.
    """

    signature: Signature | None
    problems: list[Problem] = field(default_factory=list)
    contact: Contact | None = None
    day: date | None = None
    targets: frozenset[str] = frozenset()
    meeting: bool = False  # a meeting note (its day and targets count as a daily note's)
    encoded: tuple[Any, ...] | None = None  # its cache encoding, when it came as one
    event: bool = False  # a meeting note that is an event (schedule/events.py)

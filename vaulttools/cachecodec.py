"""Turning loaded notes into plain tuples and back, for the parse cache.

`marshal` loads plain tuples of strings and ints several times faster than
`pickle` loads dataclasses, dates and paths, and the warm start is spent
almost entirely here. Dates travel as ordinals. The layout is versioned by
cache.FORMAT_VERSION: change one, bump the other.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

from .loader import FileState
from .model import Cadence, Contact, Interaction, Problem, YearlyDate
from .notes import NO_FLAGS


def _day(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _from_day(value: int | None) -> date | None:
    return date.fromordinal(value) if value is not None else None


def _yearly(value: YearlyDate | None) -> tuple[int, int, int | None] | None:
    return (value.month, value.day, value.year) if value is not None else None


def _from_yearly(value: tuple[int, int, int | None] | None) -> YearlyDate | None:
    return YearlyDate(*value) if value is not None else None


@functools.lru_cache(maxsize=256)
def _cadence(text: str) -> Cadence:
    return Cadence.parse(text)


def encode_contact(c: Contact) -> tuple[Any, ...]:
    return (
        c.name, c.relpath, c.aliases, c.groups, c.tags, c.company, c.title, c.emails,
        c.phones, c.linkedin, c.location, c.timezone, str(c.cadence) if c.cadence else None,
        _day(c.last_contact), _yearly(c.birthday),
        {k: _yearly(v) for k, v in c.anniversaries.items()}, _day(c.met), c.met_via,
        c.interests, _day(c.snooze_until), c.status, _day(c.reviewed), c.level, c.industry,
        c.extra,
        [(i.date.toordinal(), i.channel, i.text, tuple(i.flags), i.line) for i in c.interactions],
        c.body,
    )


def decode_contact(t: tuple[Any, ...], path: Path) -> Contact:
    fromordinal = date.fromordinal
    new = tuple.__new__  # skips NamedTuple's Python-level __new__: 80,000 calls at 10k notes
    return Contact(
        t[0], path, t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11],
        _cadence(t[12]) if t[12] is not None else None, _from_day(t[13]), _from_yearly(t[14]),
        {k: YearlyDate(*v) for k, v in t[15].items()}, _from_day(t[16]), t[17], t[18],
        _from_day(t[19]), t[20], _from_day(t[21]), t[22], t[23], t[24],
        [new(Interaction, (fromordinal(i[0]), i[1], i[2],
                           frozenset(i[3]) if i[3] else NO_FLAGS, i[4])) for i in t[25]],
        t[26],
    )


def encode_state(state: FileState) -> tuple[Any, ...]:
    return (
        state.signature,
        [(p.path, p.line, p.severity, p.message) for p in state.problems],
        encode_contact(state.contact) if state.contact is not None else None,
        _day(state.day),
        tuple(state.targets),
    )


def decode_state(t: tuple[Any, ...], path: Path) -> FileState:
    return FileState(
        tuple(t[0]) if t[0] is not None else None,
        [Problem(*p) for p in t[1]],
        decode_contact(t[2], path) if t[2] is not None else None,
        _from_day(t[3]),
        frozenset(t[4]),
    )

"""Turning loaded notes into plain tuples and back, for the parse cache.

`marshal` loads plain tuples of strings and ints several times faster than
`pickle` loads dataclasses, dates and paths, and the warm start is spent
almost entirely here. Dates travel as ordinals. What scheduling needs (the
fields and the log as `Contact.log` triples) is restored eagerly; each
contact's log entries, body and extra fields stay one bytes blob until first
used. The layout is versioned by cache.FORMAT_VERSION: change one, bump the
other.
"""

from __future__ import annotations

import functools
import marshal
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


# Core fields restored eagerly, in this order; the log entries, body and extra
# fields travel as one marshalled bytes blob, decoded on first use.
_CORE = ("name", "relpath", "aliases", "groups", "tags", "company", "title", "emails",
         "phones", "linkedin", "location", "timezone", "met_via", "interests", "status",
         "level", "industry")


def encode_contact(c: Contact) -> tuple[Any, ...]:
    detail = marshal.dumps((
        [(i.date.toordinal(), i.channel, i.text, tuple(i.flags), i.line) for i in c.interactions],
        c.body,
        c.extra,
    ))
    return (
        tuple(getattr(c, name) for name in _CORE),
        str(c.cadence) if c.cadence else None,
        (_day(c.last_contact), _day(c.met), _day(c.snooze_until), _day(c.reviewed)),
        _yearly(c.birthday),
        {k: _yearly(v) for k, v in c.anniversaries.items()},
        c.log,
        tuple(c.keys),
        detail,
    )


def decode_contact(t: tuple[Any, ...], path: Path) -> Contact:
    """A Contact without running __init__: faster, and it leaves the detail undecoded."""
    contact = object.__new__(Contact)
    state = dict(zip(_CORE, t[0], strict=True))
    last_contact, met, snooze_until, reviewed = (_from_day(d) for d in t[2])
    state.update(
        path=path,
        cadence=_cadence(t[1]) if t[1] is not None else None,
        last_contact=last_contact, met=met, snooze_until=snooze_until, reviewed=reviewed,
        birthday=_from_yearly(t[3]),
        anniversaries={k: YearlyDate(*v) for k, v in t[4].items()},
        log=t[5],
        keys=frozenset(t[6]),
        _lazy=t[7],
    )
    contact.__dict__.update(state)
    return contact


def decode_detail(blob: bytes) -> dict[str, Any]:
    """The interactions, body and extra fields of a contact restored from the cache."""
    interactions, body, extra = marshal.loads(blob)
    new = tuple.__new__  # skips NamedTuple's Python-level __new__
    return {
        "interactions": [new(Interaction, (date.fromordinal(i[0]), i[1], i[2],
                                           frozenset(i[3]) if i[3] else NO_FLAGS, i[4]))
                         for i in interactions],
        "body": body,
        "extra": extra,
    }


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

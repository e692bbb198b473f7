"""Turning loaded notes into plain tuples and back, for the parse cache.

`marshal` loads plain tuples of strings and ints several times faster than
`pickle` loads dataclasses, dates and paths, and the warm start is spent
almost entirely here. Dates travel as ordinals. What scheduling and the due
list read (model.EAGER_FIELDS, `Contact.log_summary`, the contact's folded name
and name keys, its addresses for capture and who introduced you) and the `uid`
the calendars derive from are restored eagerly; every other field travels as
one marshalled bytes blob, decoded on first use (model/detail.py).
The layout is versioned by cache.FORMAT_VERSION: change one, bump the other.

A contact's `_lazy` is (decode_detail, source, span): the blob itself and None,
or, restored from a cache file, the file's mapped detail region and
(offset, length). The model calls the function it is handed, so it needs to
know nothing of this layout; a tuple of references costs less to build and to
hold than a memoryview per contact.
"""

from __future__ import annotations

import functools
import marshal
import operator
from datetime import date
from pathlib import Path
from typing import Any

from vaulttools.cadence import Cadence, YearlyDate
from vaulttools.model import DETAIL_FIELDS, Contact, Interaction, LogSummary, Problem, Promise
from vaulttools.read.filestate import FileState


def _day(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _yearly(value: YearlyDate | None) -> tuple[int, int, int | None] | None:
    return (value.month, value.day, value.year) if value is not None else None


@functools.lru_cache(maxsize=256)
def _cadence(text: str) -> Cadence:
    return Cadence.parse(text)


# The detail blob: the fields kept as they are, then the ones converted.
_CONVERTED = ("met", "reviewed", "path", "interactions", "promises")
_AS_IS = tuple(name for name in DETAIL_FIELDS if name not in _CONVERTED)
_DETAIL_ORDER = (*_AS_IS, *_CONVERTED)
_as_is = operator.attrgetter(*_AS_IS)


def _detail(c: Contact) -> bytes:
    return marshal.dumps((
        *_as_is(c), _day(c.met), _day(c.reviewed), str(c.path),
        [(i[0].toordinal(), i[1], i[2], tuple(i[3]), i[4]) for i in c.interactions],
        [(p.text, _day(p.due), _day(p.since), p.line) for p in c.promises],
    ))


def _blob(source: bytes | memoryview, span: tuple[int, int] | None) -> bytes | memoryview:
    if span is not None:
        offset, length = span
        return source[offset:offset + length]
    return source


def encode_contact(c: Contact) -> tuple[Any, ...]:
    """The cache's tuple for a contact; its last item is the detail blob."""
    lazy = c.__dict__.get("_lazy")  # restored from the cache and never decoded: as it was
    detail = _detail(c) if lazy is None else _blob(lazy[1], lazy[2])
    return (
        c.name,
        c.relpath,
        c.groups,
        str(c.cadence) if c.cadence else None,
        _day(c.last_contact),
        _day(c.snooze_until),
        c.status,
        _yearly(c.birthday),
        {k: _yearly(v) for k, v in c.anniversaries.items()} if c.anniversaries else None,
        tuple(c.log_summary),
        (c.folded_name, *c.keys),
        tuple(sorted(c.addresses)),
        c.introduction,
        c.uid,
        detail,
    )


def decode_contact(t: tuple[Any, ...], details: memoryview | None = None) -> Contact:
    """A Contact without running __init__: faster, and it leaves the detail undecoded.

    The detail is the blob itself, or with `details` (the cache's detail region)
    its (offset, length) there.
    """
    (name, relpath, groups, cadence, last_contact, snooze_until, status, birthday,
     anniversaries, log_summary, keys, addresses, introduction, uid, detail) = t
    lazy = (decode_detail, detail, None) if details is None else (decode_detail, details, detail)
    contact = object.__new__(Contact)
    contact.__dict__.update(
        name=name, relpath=relpath, groups=groups,
        cadence=_cadence(cadence) if cadence is not None else None,
        last_contact=date.fromordinal(last_contact) if last_contact is not None else None,
        snooze_until=date.fromordinal(snooze_until) if snooze_until is not None else None,
        status=status,
        birthday=YearlyDate(*birthday) if birthday is not None else None,
        anniversaries={k: YearlyDate(*v) for k, v in anniversaries.items()} if anniversaries
        else {},
        log_summary=tuple.__new__(LogSummary, log_summary), folded_name=keys[0],
        keys=frozenset(keys[1:]), addresses=frozenset(addresses),
        introduction=tuple(introduction) if introduction is not None else None,
        uid=uid, _lazy=lazy,
    )
    return contact


def decode_detail(source: bytes | memoryview, span: tuple[int, int] | None) -> dict[str, Any]:
    """Every field of a cached contact but those restored eagerly (model.DETAIL_FIELDS),
    from its `_lazy`; the path and the log entries are left raw in `_deferred`, built
    when first read (model/detail.py)."""
    fields = dict(zip(_DETAIL_ORDER, marshal.loads(_blob(source, span)), strict=True))
    for name in ("met", "reviewed"):
        if fields[name] is not None:
            fields[name] = date.fromordinal(fields[name])
    fields["promises"] = [
        Promise(p[0], date.fromordinal(p[1]) if p[1] is not None else None,
                date.fromordinal(p[2]) if p[2] is not None else None, p[3])
        for p in fields["promises"]]
    fields["_deferred"] = {"path": (Path, fields.pop("path")),
                           "interactions": (_interactions, fields.pop("interactions"))}
    return fields


def _interactions(raw: list[tuple[Any, ...]]) -> list[Interaction]:
    from vaulttools.read.notes import NO_FLAGS  # here: a warm `due` never needs the note parser

    new = tuple.__new__  # skips NamedTuple's Python-level __new__
    return [new(Interaction, (date.fromordinal(i[0]), i[1], i[2],
                              frozenset(i[3]) if i[3] else NO_FLAGS, i[4]))
            for i in raw]


def encode_problems(problems: list[Problem]) -> list[tuple[str, int, str, str]]:
    return [(p.path, p.line, p.severity, p.message) for p in problems]


def decode_problems(encoded: list[tuple[str, int, str, str]] | None) -> list[Problem]:
    return [Problem(*p) for p in encoded] if encoded else []  # type: ignore[arg-type]


def encode_state(state: FileState) -> tuple[Any, ...]:
    return (
        state.signature,
        encode_problems(state.problems) or None,
        encode_contact(state.contact) if state.contact is not None else None,
        _day(state.day),
        tuple(state.targets) or None,
        state.meeting or None,
        state.event or None,
    )


def decode_state(t: tuple[Any, ...], details: memoryview | None = None) -> FileState:
    """A FileState from its encoding: as encode_state made it (the blob inline, and kept
    to be saved as is), or as the cache file holds it (`details`, see decode_contact)."""
    signature, problems, contact, day, targets, meeting, event = t
    return FileState(
        signature,
        decode_problems(problems),
        decode_contact(contact, details) if contact is not None else None,
        date.fromordinal(day) if day is not None else None,
        frozenset(targets) if targets else frozenset(),
        bool(meeting),
        t if details is None else None,
        event=bool(event),
    )

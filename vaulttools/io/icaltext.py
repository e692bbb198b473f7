"""The iCalendar text vaulttools writes: all-day events, yearly rules, a display alarm.

`export ics` and the phone sync write only this small part of RFC 5545, and
building it through the icalendar library's objects cost nearly all of an
export's time (a property object, a parameter dictionary and a character-by-
character fold for every line). So the lines are written here, as that library
writes them: the same property order, escapes and folding, byte for byte, with
one exception: the library reads a literal `\\N` in a text as a line break,
and here it stays the text it was. tests/test_icaltext.py parses what this
writes with the library and compares every event, and compares the bytes with
the library's own for any text without `\\N`. Reading calendars (capture)
stays with the library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

LIMIT = 75  # octets a content line holds before it is folded (RFC 5545, 3.1)
YEARLY = "FREQ=YEARLY"
YEARLY_ON_LAST_OF_FEBRUARY = "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"


@dataclass(frozen=True)
class AllDayEvent:
    """One all-day, transparent event; `rule` makes it recur, `alarm` rings that
    long after the start of its day (where the phone is)."""

    uid: str
    day: date
    summary: str
    stamp: datetime  # in UTC
    description: str = ""
    rule: str = ""
    alarm: timedelta | None = None


def escape_text(text: str) -> str:
    """A TEXT value: backslash, `;` and `,` escaped, any line break as `\\n`."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """A content line folded under LIMIT octets a line, between characters.

    As the icalendar library folds: a line holds at most LIMIT - 1 octets
    before its break, a continuation starts with one space, and a backslash
    or caret that would end a line moves to the next, so no escape is split.
    """
    if len(line) < LIMIT and line.isascii():
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, size = [carried], len(carried.encode("utf-8"))
            else:
                pieces.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _stamp(moment: datetime) -> str:
    return (f"{_day(moment)}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z")


def _duration(span: timedelta) -> str:
    """A DURATION value, as the library writes a non-negative timedelta."""
    if not span:
        return "P0D"
    text = f"P{span.days}D" if span.days else "P"
    hours, rest = divmod(span.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if span.seconds:
        text += "T" + "".join(f"{n}{unit}" for n, unit in
                              ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return text


def event_lines(event: AllDayEvent) -> list[str]:
    """The event's content lines, folded, in the library's property order. Only the
    lines holding the user's text can reach the limit; the rest are short ASCII."""
    summary = escape_text(event.summary)
    lines = ["BEGIN:VEVENT", fold(f"SUMMARY:{summary}"),
             f"DTSTART;VALUE=DATE:{_day(event.day)}",
             f"DTEND;VALUE=DATE:{_day(event.day + timedelta(days=1))}",
             f"DTSTAMP:{_stamp(event.stamp)}", fold(f"UID:{escape_text(event.uid)}")]
    if event.rule:
        lines.append(f"RRULE:{event.rule}")
    if event.description:
        lines.append(fold(f"DESCRIPTION:{escape_text(event.description)}"))
    lines.append("TRANSP:TRANSPARENT")
    if event.alarm is not None:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                  fold(f"DESCRIPTION:{summary}"),
                  f"TRIGGER;RELATED=START:{_duration(event.alarm)}", "END:VALARM"]
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[AllDayEvent],
             properties: Sequence[tuple[str, str]] = ()) -> bytes:
    """A VCALENDAR of `events` in the order given, after VERSION, PRODID and
    `properties` (name, text value), each line ended with CRLF."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//vaulttools//vaulttools//EN",
             *(fold(f"{name}:{escape_text(value)}") for name, value in properties)]
    for event in events:
        lines += event_lines(event)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")

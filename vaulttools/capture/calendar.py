"""Calendars as capture reads them: `.ics` files and folders of them (a Google
Calendar export, Outlook, Apple, a vdirsyncer or khal folder).

Parsed with icalendar; Google's `X-WR-TIMEZONE` (floating times meant in the
calendar's zone) is honoured through x-wr-timezone; recurring events are
expanded by recurring_ical_events (RRULE, RDATE, EXDATE, and RECURRENCE-ID
overrides of single occurrences). An event is a meeting with its attendees and
organizer on the day it starts, in the user's zone; cancelled events and ones
the user declined do not count, nor does an attendee who declined. What cannot
be read (a file that is no calendar, a bad RRULE) is a problem naming the file;
the rest is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from vaulttools.capture.records import Meeting, SourceProblem, Visit

# Meetings this many days ahead are read too: `show` names the next one.
UPCOMING_DAYS = 90


@dataclass
class CalendarRead:
    meetings: list[Meeting] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)
    total: int = 0

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def is_calendar(path: Path) -> bool:
    """A `.ics` file, or a folder holding one (and no Maildir), from the content."""
    if path.is_dir():
        if (path / "cur").is_dir() or (path / "new").is_dir():
            return False
        return any(_calendar_files(path))
    try:
        with path.open("rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \r\n").upper().startswith(
                b"BEGIN:VCALENDAR")
    except OSError:
        return False


def _calendar_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(".ics") and not name.startswith("."):
                yield Path(root) / name


def read_calendars(sources: list[Path], me: frozenset[str], zone: tzinfo,
                   until: date, visit: Visit | None = None,
                   ahead: timedelta = timedelta(days=UPCOMING_DAYS)) -> CalendarRead:
    """Every meeting in `sources` that started before `until` + `ahead` (a day in `zone`;
    those from `until` on are to come), but those in files `visit` says are unchanged
    since the last run."""
    found = CalendarRead()
    visit = visit or Visit()
    for source in sources:
        if not source.exists():
            found.problems.append(SourceProblem(str(source), "no such file or folder", True))
            continue
        files = list(_calendar_files(source)) if source.is_dir() else [source]
        for path in files:
            if visit.fresh(path):
                _read_file(path, me, zone, until, until + ahead, found)
    return found


def _read_file(path: Path, me: frozenset[str], zone: tzinfo, until: date, ahead: date,
               found: CalendarRead) -> None:
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    try:
        calendar = x_wr_timezone.to_standard(icalendar.Calendar.from_ical(path.read_bytes()))
    except OSError as exc:
        found.problems.append(SourceProblem(str(path), f"cannot be read: {exc.strerror}", True))
        return
    except Exception as exc:  # icalendar raises ValueError and others on what is no calendar
        found.problems.append(SourceProblem(str(path), f"not a calendar it can read: {exc}",
                                            True))
        return
    start, end = datetime(1900, 1, 1, tzinfo=zone), datetime.combine(ahead, time(), zone)
    try:
        events = recurring_ical_events.of(calendar).between(start, end)
    except Exception as exc:  # a bad RRULE or date: read the other series alone
        found.problems.append(SourceProblem(str(path), f"a series it cannot expand: {exc}"))
        events = recurring_ical_events.of(calendar, skip_bad_series=True).between(start, end)
    for event in events:
        meeting = _meeting(event, path, me, zone)
        to_come = not isinstance(meeting, str) and meeting.day >= until
        if not to_come:
            found.total += 1  # what happened; what is to come only names the next meeting
        if isinstance(meeting, str):
            if _starts(event, zone) < until:
                found.skip(meeting)
        else:
            found.meetings.append(meeting)


def _meeting(event: Any, path: Path, me: frozenset[str], zone: tzinfo) -> Meeting | str:
    """The meeting an occurrence is, or why it is none."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return "cancelled event"
    people: list[str] = []
    declined: set[str] = set()
    for value in _as_list(event.get("ATTENDEE")) + _as_list(event.get("ORGANIZER")):
        address = str(value).strip()
        if address.lower().startswith("mailto:"):
            address = address[7:]
        address = address.strip().casefold()
        if "@" not in address:
            continue
        if str(getattr(value, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED":
            declined.add(address)
        elif address not in people:
            people.append(address)
    if declined & me:
        return "declined by you"
    start = event.get("DTSTART")
    if start is None:
        return "no start"
    when = start.dt
    day = _starts(event, zone)
    uid = str(event.get("UID", "")) or f"{path}:{event.get('SUMMARY', '')}"
    recurrence = event.get("RECURRENCE-ID")
    occurrence = recurrence.dt if recurrence is not None else when
    key = f"{uid}@{occurrence.isoformat()}"
    title = " ".join(str(event.get("SUMMARY", "")).split())
    return Meeting(key, day, tuple(p for p in people if p not in me), title, str(path))


def _starts(event: Any, zone: tzinfo) -> date:
    """The day an occurrence starts, in `zone` (a floating time is taken as it is)."""
    start = event.get("DTSTART")
    when = start.dt if start is not None else date.max
    if isinstance(when, datetime):
        return when.astimezone(zone).date() if when.tzinfo else when.date()
    return when if isinstance(when, date) else date.max


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]

"""An iCalendar feed to subscribe to: next-due reminders and yearly birthdays.

Written by io/icaltext.py, as the icalendar library would write it. UIDs
derive from each note's `uid` (vaulttools/identity.py), so a calendar app
that re-fetches the feed updates events instead of duplicating them, even
after a note is renamed; DTSTAMP is the export day, so the same vault and day
give the same bytes. An event that would fall past the last day a calendar
can hold (year 9999: `cadence: 8000y`, a typo'd date) is left out with a
warning naming the note.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

from vaulttools.cadence import LAST_DAY, YearlyDate
from vaulttools.identity import event_uid
from vaulttools.io.icaltext import YEARLY, YEARLY_ON_LAST_OF_FEBRUARY, AllDayEvent
from vaulttools.io.icaltext import calendar as calendar_text
from vaulttools.model import Contact, Problem
from vaulttools.read.vault import Vault
from vaulttools.schedule.plan import booked_days

SCHEDULED = frozenset({"overdue", "due", "never", "upcoming", "ok", "reconnect", "snoozed"})


class Feed(NamedTuple):
    """The calendar's bytes, and the events left out because their dates do not fit."""

    data: bytes
    skipped: list[Problem]


def _too_late(contact: Contact, day: date, what: str) -> Problem:
    return Problem(contact.relpath, 1, "warning", f"{what} falls on {day.isoformat()}, past the "
                   "last day a calendar holds; left out of the calendar (check the note's "
                   "dates and cadence)")


def first_yearly(yearly: YearlyDate, today: date) -> date:
    start_year = yearly.year or today.year
    return date(start_year, yearly.month, yearly.day) if not (
        yearly.month == 2 and yearly.day == 29 and yearly.year is None
    ) else yearly.in_year(start_year)


def yearly_event(contact: Contact, label: str, yearly: YearlyDate, first: date,
                 stamp: datetime, alarm: timedelta | None = None) -> AllDayEvent:
    # Feb 29 recurs on the last day of February: the 28th in common years.
    leap_day = yearly.month == 2 and yearly.day == 29
    what = "Birthday" if label == "birthday" else label.capitalize()
    return AllDayEvent(event_uid("yearly", contact, label), first, f"{what}: {contact.name}",
                       stamp, rule=YEARLY_ON_LAST_OF_FEBRUARY if leap_day else YEARLY,
                       alarm=alarm)


def calendar(vault: Vault, today: date) -> Feed:
    """The whole feed: one all-day event per scheduled contact, yearly dates recurring."""
    stamp = datetime.combine(today, time(0, 0), tzinfo=timezone.utc)
    events: list[AllDayEvent] = []
    skipped: list[Problem] = []
    agenda = vault.agenda(today)
    booked = booked_days(agenda, vault.settings.per_day, vault.settings.plan_days)
    for standing in agenda.standings:
        contact = standing.contact
        if contact.status in ("paused", "archived"):
            continue
        day = standing.next_due
        if day is not None and day <= today:
            # Already due: on the day `plan` books it, not on today with everyone
            # else; a dormant tie not among the week's suggestions has no reminder.
            day = booked.get(id(contact))
        if standing.status in SCHEDULED and day is not None:
            if day > LAST_DAY:
                skipped.append(_too_late(contact, day, "the next reminder"))
            else:
                events.append(AllDayEvent(event_uid("due", contact), day,
                                          f"Reach out to {contact.name}", stamp,
                                          f"{standing.status}: {standing.reason}"))
        if standing.status == "unsorted":
            continue  # imported and not sorted: no events until the user sorts them
        dates = [("birthday", contact.birthday)] if contact.birthday else []
        for label, yearly in [*dates, *sorted(contact.anniversaries.items())]:
            if yearly is None:
                continue
            first = first_yearly(yearly, today)
            if first > LAST_DAY:
                skipped.append(_too_late(contact, first, f"the {label}"))
                continue
            events.append(yearly_event(contact, label, yearly, first, stamp))
    events.sort(key=lambda event: event.uid)
    return Feed(calendar_text(events, [("CALSCALE", "GREGORIAN"),
                                       ("X-WR-CALNAME", "vaulttools")]), skipped)

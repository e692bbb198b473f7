"""An iCalendar feed to subscribe to: next-due reminders and yearly birthdays.

Built with the icalendar library. UIDs derive from each note's `uid`
(vaulttools/identity.py), so a calendar app that re-fetches the feed updates
events instead of duplicating them, even after a note is renamed; DTSTAMP is
the export day, so the same vault and day give the same bytes. An event that
would fall past the last day a calendar can hold (year 9999: `cadence:
8000y`, a typo'd date) is left out with a warning naming the note.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

import icalendar

from vaulttools.cadence import LAST_DAY, YearlyDate
from vaulttools.identity import event_uid
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
                  stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", event_uid("yearly", contact, label))
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    rule: dict[str, object] = {"freq": "yearly"}
    if yearly.month == 2 and yearly.day == 29:
        rule.update(bymonth=2, bymonthday=-1)  # Feb 28 in common years, Feb 29 in leap years
    event.add("rrule", rule)
    what = "Birthday" if label == "birthday" else label.capitalize()
    event.add("summary", f"{what}: {contact.name}")
    event.add("transp", "TRANSPARENT")
    return event


def calendar(vault: Vault, today: date) -> Feed:
    """The whole feed: one all-day event per scheduled contact, yearly dates recurring."""
    stamp = datetime.combine(today, time(0, 0), tzinfo=timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//vaulttools//vaulttools//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "vaulttools")
    events: list[icalendar.Event] = []
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
                events.append(_due_event(contact, day, stamp,
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
    for event in sorted(events, key=lambda e: str(e["uid"])):
        cal.add_component(event)
    return Feed(bytes(cal.to_ical()), skipped)


def _due_event(contact: Contact, day: date, stamp: datetime, why: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", event_uid("due", contact))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Reach out to {contact.name}")
    event.add("description", why)
    event.add("transp", "TRANSPARENT")
    return event

"""A doable list: the due list spread over the coming working days. Pure."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from vaulttools.schedule.agenda import Agenda
from vaulttools.schedule.standing import Item

# Placed on the working days, most urgent first, evenly; birthdays and upcoming items
# have a day of their own. (Imported contacts to sort are left to `review --unsorted`.)
PLANNED = ("congratulate", "thank", "follow-up", "promise", "overdue", "due", "never", "retry",
           "reconnect")
DATED = ("birthday", "upcoming", "reminder", "event")
# What does not wait for a birthday later in the week: the rest of a person's row does.
WONT_WAIT = ("reminder", "congratulate", "thank", "follow-up", "promise")
WORKING_DAYS = frozenset(range(5))  # Monday to Friday, as date.weekday() numbers them


@dataclass
class Day:
    day: date
    items: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "items": [item.as_dict() for item in self.items]}


def plan(agenda: Agenda, per_day: int, days: int = 7,
         plan_days: Collection[int] = WORKING_DAYS) -> tuple[list[Day], list[Item]]:
    """The `days` days from today, and what did not fit in them.

    Every item of the default due list but the imported contacts to sort is
    planned or left over, so the plan's counts are `due`'s. A person is one
    item (Agenda.shown folds their reasons), so all of it falls on one day: a
    birthday on its day, an upcoming item on the day it falls due, someone to
    see at an event on the event's day, and the
    rest, most urgent first, on the weekdays in `plan_days` (a week with none
    of them books every day), filled evenly (see `fill`): at most `per_day` a
    day, counting the dated items. A person due for a catch-up whose birthday
    falls in the window is booked on the birthday; congratulations, a follow-up
    or a promise does not wait for it (WONT_WAIT).
    """
    calendar = [Day(agenda.today + timedelta(days=n)) for n in range(days)]
    overflow: list[Item] = []
    birthdays = _birthdays(agenda)
    flexible = []
    for item in agenda.shown():
        on = None if item.status in WONT_WAIT else birthdays.get(id(item.contact))
        if on is None and item.status in ("upcoming", "reminder"):
            on = item.next_due
        if item.status == "event":
            on = item.on  # the day you will see them there
        offset = (on - agenda.today).days if on is not None else days
        if offset < days:
            calendar[max(offset, 0)].items.append(item)
        elif item.status in PLANNED:
            flexible.append(item)
        elif item.status in DATED:
            overflow.append(item)
    overflow += fill(flexible, _working(calendar, plan_days), per_day)
    return calendar, overflow


def _working(days: list[Day], plan_days: Collection[int]) -> list[Day]:
    """The days of `days` outreach is booked on (every one, when none is in plan_days)."""
    return [d for d in days if d.day.weekday() in plan_days] or days


def _birthdays(agenda: Agenda) -> dict[int, date]:
    """The day of each person's birthday (or anniversary) on the list, by id(contact)."""
    found: dict[int, date] = {}
    for item in agenda.items:
        if item.status == "birthday" and item.on is not None:
            found.setdefault(id(item.contact), item.on)
    return found


def fill(items: Sequence[Item], days: Sequence[Day], per_day: int) -> list[Item]:
    """Put `items`, most urgent first, on `days`, evenly: how many each day takes is
    settled first, every day reaching one (counting what it holds already) before any
    reaches two, and so on up to `per_day`; then the earliest days take the first
    items. What does not fit is returned."""
    room = [0] * len(days)
    wanted = len(items)
    for level in range(1, per_day + 1):
        for index, day in enumerate(days):
            if wanted and len(day.items) + room[index] < level:
                room[index] += 1
                wanted -= 1
    waiting = iter(items)
    for index, day in enumerate(days):
        day.items.extend(item for _, item in zip(range(room[index]), waiting, strict=False))
    return list(waiting)


def booked_days(agenda: Agenda, per_day: int,
                plan_days: Collection[int] = WORKING_DAYS) -> dict[int, date]:
    """The day each person on the due list is booked for (keyed by id(contact)): the
    week as `plan` books it, then what did not fit, week after week, the same way.
    The calendar feed shows these instead of putting everyone overdue on today."""
    calendar, overflow = plan(agenda, per_day, 7, plan_days)
    booked = {id(item.contact): day.day for day in calendar for item in day.items}
    waiting = [item for item in overflow if item.status in PLANNED]
    start = agenda.today
    while waiting:
        start += timedelta(days=7)
        week = [Day(start + timedelta(days=n)) for n in range(7)]
        waiting = fill(waiting, _working(week, plan_days), per_day)
        booked.update({id(item.contact): day.day for day in week for item in day.items})
    return booked

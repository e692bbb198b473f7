"""A doable list: the due list spread over the coming days. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from vaulttools.schedule.agenda import Agenda
from vaulttools.schedule.standing import Item

# Placed on the earliest day with room; birthdays and upcoming items have a day of their own.
# (Imported contacts to sort are left to `review --unsorted`, not planned.)
PLANNED = ("congratulate", "follow-up", "promise", "overdue", "due", "never", "retry",
           "reconnect")
DATED = ("birthday", "upcoming")


@dataclass
class Day:
    day: date
    items: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "items": [item.as_dict() for item in self.items]}


def plan(agenda: Agenda, per_day: int, days: int = 7) -> tuple[list[Day], list[Item]]:
    """The days from today, and what did not fit in them.

    Every item of the default due list but the imported contacts to sort is
    planned or left over, so the plan's counts are `due`'s: a birthday on its
    day, an upcoming item on the day it falls due, and the rest, most urgent
    first, spread as evenly as the work allows (no day left empty while items
    wait), at most `per_day` a day counting the dated ones.
    """
    calendar = [Day(agenda.today + timedelta(days=n)) for n in range(days)]
    overflow: list[Item] = []
    shown = agenda.shown()
    for item in shown:
        if item.status in DATED:
            on = item.on if item.status == "birthday" else item.next_due
            offset = (on - agenda.today).days if on is not None else days
            (calendar[max(offset, 0)].items if offset < days else overflow).append(item)
    flexible = [item for item in shown if item.status in PLANNED]
    load = len(flexible) + sum(len(d.items) for d in calendar)
    even = min(per_day, max(1, math.ceil(load / days)))
    for item in flexible:
        room = (next((d for d in calendar if len(d.items) < even), None)
                or next((d for d in calendar if len(d.items) < per_day), None))
        (room.items if room is not None else overflow).append(item)
    return calendar, overflow

"""A doable list: spread due, reconnect and birthday items over the coming days.

Birthdays stay on their day. The rest are taken most urgent first and placed
on the earliest day with room, at most `per_day` items a day. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from vaulttools.schedule.agenda import Agenda
from vaulttools.schedule.standing import Item

PLANNED = ("congratulate", "overdue", "due", "never", "retry", "reconnect")


@dataclass
class Day:
    day: date
    items: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "items": [item.as_dict() for item in self.items]}


def plan(agenda: Agenda, per_day: int, days: int = 7) -> tuple[list[Day], list[Item]]:
    """The days from today, and what did not fit in them."""
    calendar = [Day(agenda.today + timedelta(days=n)) for n in range(days)]
    end = calendar[-1].day
    overflow: list[Item] = []
    for item in agenda.items:
        if item.status == "birthday" and item.on is not None and item.on <= end:
            calendar[(item.on - agenda.today).days].items.append(item)
    for item in agenda.items:
        if item.status not in PLANNED:
            continue
        room = next((d for d in calendar if len(d.items) < per_day), None)
        if room is None:
            overflow.append(item)
        else:
            room.items.append(item)
    return calendar, overflow

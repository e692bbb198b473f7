"""Events on the due list: a note in an `event_notes` folder or with the
`event_property` (a conference, a meetup) is a meeting note with a date and attendees
(the contacts it links; read/meetings.py marks its mentions as events). Before the day,
an attendee you should reach anyway is listed as `event`, "see them at EVENT on DATE",
instead of being due by other channels; after it, the event counts as meeting them
(read/meetings.py), and a strong tie met there is owed a follow-up.

Pure, as standing.py: a contact, its standing, its mentions and `today` in, items out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from vaulttools.config import Settings
from vaulttools.model import Contact, Mention
from vaulttools.schedule.followthrough import FOLLOW_UP_SCORE
from vaulttools.schedule.standing import Item, Standing, is_weak_tie

# How far ahead an event takes the place of reaching out by other channels.
EVENT_HORIZON = timedelta(days=60)
# Standings an event ahead stands in for: someone you would reach out to anyway.
REPLACED = frozenset({"overdue", "due", "never", "retry", "upcoming", "reconnect"})


def event_name(relpath: str) -> str:
    """`Events/2026-12-01 Web Summit.md` -> `Web Summit` (the date is said apart)."""
    name = relpath.rsplit("/", 1)[-1]
    name = name[:-3] if name.lower().endswith(".md") else name
    return re.sub(r"^\d{4}-\d{2}-\d{2}[\s_-]*", "", name) or name


def next_event(mentions: Sequence[Mention], today: date) -> Mention | None:
    """The first event after today and within EVENT_HORIZON that links the contact."""
    ahead = [m for m in mentions if m.event and today < m.day <= today + EVENT_HORIZON]
    return min(ahead, default=None)


def near_an_event(mentions: Sequence[Mention], today: date, settings: Settings) -> bool:
    """Whether an event linking the contact is ahead (within EVENT_HORIZON) or just past
    (within follow_up_within): then the due list must work out their standing."""
    if not mentions or not (settings.event_notes or settings.event_property):
        return False  # the common case: nothing to look at
    return any(m.event and m.day <= today + EVENT_HORIZON
               and settings.follow_up_within.after(m.day) >= today for m in mentions)


def event_item(contact: Contact, now: Standing, event: Mention) -> Item:
    """`event`: see them there, ranked as they would have been (most overdue first)."""
    return Item(contact, "event",
                f"see them at {event_name(event.relpath)} on {event.day.isoformat()} "
                f"({now.reason})", now.score, now.next_due,
                now.last.day if now.last else None, now.cadence, event.day,
                event=event.relpath)


def events_ahead(items: Sequence[Item]) -> list[tuple[str, date, list[Contact]]]:
    """The events of the `event` items (most urgent first, as the agenda has them):
    (name, day, whom to see there, most overdue first), soonest first."""
    found: dict[str, tuple[str, date, list[Contact]]] = {}
    for item in items:
        if item.status == "event" and item.on is not None:
            entry = found.setdefault(item.event, (event_name(item.event), item.on, []))
            entry[2].append(item.contact)
    return sorted(found.values(), key=lambda e: (e[1], e[0]))


def event_follow_up(contact: Contact, now: Standing, today: date, settings: Settings,
                    mentions: Sequence[Mention]) -> Item | None:
    """`follow-up` for a strong tie whose last contact was an event, within
    `follow_up_within` of it and until anything later."""
    last = now.last
    if (last is None or last.source != "meeting note" or last.day >= today
            or not any(m.event and m.relpath == last.detail for m in mentions)
            or today > settings.follow_up_within.after(last.day)
            or now.cadence.never or is_weak_tie(now.cadence, contact.groups, settings)):
        return None
    return Item(contact, "follow-up",
                f"follow up on {event_name(last.detail)} of {last.day.isoformat()}: a "
                "takeaway, thanks, or the link you discussed",
                FOLLOW_UP_SCORE - (today - last.day).days, None, last.day, now.cadence)

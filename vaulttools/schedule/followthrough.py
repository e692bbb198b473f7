"""Follow-through, as the advice asks: follow up after a catch-up, mix in a call or a
coffee for priority people, keep your promises. Pure, like agenda.py.

- `follow_up_item`: a catch-up logged on a `follow_up_after` channel (coffee,
  call...) asks for a short follow-up from the next day, until any later
  interaction or `follow_up_within` (3d) has passed, when it quietly drops.
  An entry tagged `#nofollowup` asks for none.
- `written_only`: a contact in `priority_groups` whose last voice or face
  (`in_person_channels`, or a meeting note) is older than `in_person_every`,
  or never was; agenda.py adds it to a due item's reason, review lists it.
- `promise_items`: open tasks in the contact's note, as `promise` items.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from vaulttools.config import Settings
from vaulttools.model import Contact, Mention
from vaulttools.schedule.standing import Item, Standing, is_weak_tie, last_reached

# Above routine items, below `congratulate` (50): a follow-up is owed within days.
FOLLOW_UP_SCORE = 40.0
# How much a due priority contact rises when only written to: a little, not a jump.
WRITTEN_ONLY_BOOST = 0.25
NUMBERS = {1: "one", 2: "two", 3: "three"}


def follow_up_item(contact: Contact, now: Standing, today: date,
                   settings: Settings) -> Item | None:
    """`follow-up` after the newest catch-up, or None."""
    summary = contact.log_summary
    day = summary.answered
    if day < 0 or day >= today.toordinal() or summary.channel not in settings.follow_up_after:
        return None  # the common case, from the eagerly restored summary alone
    within = settings.follow_up_within.after(date.fromordinal(day))
    if today > within:
        return None
    reached = last_reached(now)
    if reached is not None and reached.toordinal() > day:
        return None  # a later interaction: the follow-up, or more
    entries = [i for i in contact.interactions
               if i.date.toordinal() == day and i.channel == summary.channel
               and not i.noreply and "milestone" not in i.flags]
    if not entries or any("nofollowup" in i.flags for i in entries):
        return None
    when = date.fromordinal(day).isoformat()
    return Item(contact, "follow-up",
                f"follow up on {summary.channel} of {when}: a takeaway, thanks, or the link "
                "you discussed", FOLLOW_UP_SCORE - (today.toordinal() - day), None,
                date.fromordinal(day), now.cadence)


def _answered_on(contact: Contact, channels: Collection[str], today: date) -> list[int]:
    """The date ordinals of answered entries on these channels up to today: from the
    cached log summary (the newest per channel) when it holds it all, else from the
    whole log (`--today` before some entries)."""
    limit = today.toordinal()
    if contact.log_summary.latest <= limit:  # no need to decode the log
        return [o for channel, o in contact.log_summary.by_channel if channel in channels]
    return [o for o, channel, noreply in contact.log
            if channel in channels and not noreply and o <= limit]


def written_only(contact: Contact, mentions: Sequence[Mention],
                 today: date, settings: Settings) -> str | None:
    """For a priority contact written to, but not called or met, within
    `in_person_every`: why, in words ("last three were email"); None otherwise, or for
    anyone else. Someone not reached at all lately is only overdue."""
    if not settings.is_priority(contact.groups):
        return None
    limit = today.toordinal()
    heard_on = _answered_on(contact, settings.in_person_channels, today)
    if contact.log_summary.latest <= limit:  # the summary holds it all
        answered = list(contact.log_summary.recent)
    else:  # `--today` before some entries: the whole log, up to today
        answered = sorted(((o, channel) for o, channel, noreply in contact.log
                           if not noreply and o <= limit), reverse=True)[:3]
    heard = [date.fromordinal(o) for o in heard_on]
    heard += [m.day for m in mentions if m.meeting and m.day <= today]
    last_heard = max(heard, default=None)
    if last_heard is not None and settings.in_person_every.after(last_heard) > today:
        return None
    since = last_heard.toordinal() if last_heard else -1
    written = [(o, channel) for o, channel in answered if o > since]
    if not written:
        return None
    channels = [channel for _, channel in written]
    if len(channels) == 1:
        what = f"last was {channels[0]}"
    elif len(set(channels)) == 1:
        what = f"last {NUMBERS[len(channels)]} were {channels[0]}"
    else:
        what = "last were " + ", ".join(channels[:-1]) + f" and {channels[-1]}"
    if last_heard is not None:
        what += f"; no call or meeting since {last_heard.isoformat()}"
    return f"{what}; make this one a call or a coffee"


def no_news(contact: Contact, now: Standing, today: date, settings: Settings) -> str | None:
    """For a strong tie outside the priority groups (written_only speaks for those) who
    has heard nothing of yours within `update_every` (their group's, else the global
    one), neither an `update` line nor a
    conversation (settings.in_person_channels): the hint to share some; None otherwise.
    Only a contact you have been in touch with: for the others, being due says it."""
    every = settings.update_every_for(contact.groups)
    if (every.never or now.last is None or settings.is_priority(contact.groups)
            or is_weak_tie(now.cadence, contact.groups, settings)):
        return None
    last_told = max(_answered_on(contact, settings.in_person_channels | {"update"}, today),
                    default=-1)
    if last_told >= 0 and every.after(date.fromordinal(last_told)) > today:
        return None
    since = f" since {date.fromordinal(last_told).isoformat()}" if last_told >= 0 else ""
    return f"no news of yours{since}: share an update (what you are working on)"


def promise_items(contact: Contact, now: Standing, today: date, days: int) -> list[Item]:
    """Each open task in the note: a dated one (`📅`) is a `reminder` from its day on
    (before it, not on the list; the list puts reminders first), an undated one a
    `promise`, owed, rising as it waits."""
    if not contact.log_summary.promises:
        return []
    items = []
    last = now.last.day if now.last else None
    for promise in contact.promises:
        if promise.due is not None:
            if promise.due > today:
                continue
            late = (today - promise.due).days
            when = "today" if late == 0 else f"since {promise.due.isoformat()}"
            items.append(Item(contact, "reminder", f"{promise.text}, {when}",
                              3.0 + min(late, 30) / 30, promise.due, last, now.cadence,
                              promise.due, task=promise.text))
            continue
        when = f"since {promise.since.isoformat()}" if promise.since else "open"
        waited = (today - promise.since).days if promise.since else 0
        items.append(Item(contact, "promise", f"you owe {contact.first_name}: {promise.text}, "
                          f"{when}", 1.0 + min(waited, 90) / 90, None, last, now.cadence,
                          None, task=promise.text))
    return items

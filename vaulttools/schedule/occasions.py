"""Occasions on the due list: birthdays and anniversaries coming up, a milestone (a new
role, a move, an award) to congratulate, and a favour to thank for.

Pure, as standing.py: a contact, its standing and `today` in, items out.
"""

from __future__ import annotations

from datetime import date, timedelta

from vaulttools.cadence import Cadence
from vaulttools.model import Contact
from vaulttools.schedule.standing import Item, Standing, _days_ahead
from vaulttools.words import counted

# A birthday is its own occasion: only an interaction on the day, or the day before
# (for someone far ahead in time zones), is the wish; an email four days before is not.
WISHED_FROM = timedelta(days=1)


def yearly_items(contact: Contact, today: date, days: int, cadence: Cadence,
                 reached: date | None = None) -> list[Item]:
    """Birthdays and anniversaries that fall within `days` from today, but those you
    already marked (`reached`, the last interaction, on the day or the day before,
    WISHED_FROM): a wish sent is off the list."""
    if contact.birthday is None and not contact.anniversaries:
        return []
    calendar_days = _days_ahead(today, days)
    items = []
    yearly_dates = [("birthday", contact.birthday)] if contact.birthday else []
    yearly_dates += sorted(contact.anniversaries.items())
    for label, yearly in yearly_dates:
        if yearly is None or (yearly.month, yearly.day) not in calendar_days:
            continue  # the cheap test first: most dates are not this week
        on = yearly.next_on_or_after(today)
        ahead = (on - today).days
        if ahead > days or (reached is not None and on - WISHED_FROM <= reached <= today):
            continue
        reason = f"{label} {on.strftime('%a %b')} {on.day}"
        if yearly.year is not None and label == "birthday":
            reason += f", turns {on.year - yearly.year}"
        elif yearly.year is not None:
            reason += f", {counted(on.year - yearly.year, 'year')}"
        score = 2.0 if ahead == 0 else 1.0 - ahead / (days + 1)
        items.append(Item(contact, "birthday", reason, score, None, None, cadence, on))
    return items


def occasion(item: Item) -> str:
    """What a birthday item (of yearly_items) is for: `birthday`, `work anniversary`."""
    if item.on is None:
        return item.status
    return item.reason.split(f" {item.on.strftime('%a %b')} {item.on.day}", 1)[0]


def milestone_item(contact: Contact, result: Standing, today: date) -> Item | None:
    """`congratulate`: the newest #milestone entry (a new role, a move, an award), from
    its day until any later interaction; ranked above every routine item."""
    day = contact.log_summary.milestone
    if day < 0 or day > today.toordinal():
        return None
    if result.last is not None and result.last.day.toordinal() >= day:
        return None  # they have been in touch since
    if any(ordinal >= day for ordinal, _, _ in contact.log if ordinal <= today.toordinal()):
        return None  # so has the user (an attempt counts: they said congratulations)
    entry = max((i for i in contact.interactions if "milestone" in i.flags
                 and i.date.toordinal() == day), key=lambda i: i.line)
    news = entry.text.replace("#milestone", "").strip() or "a milestone"
    return Item(contact, "congratulate", f"{news} ({entry.date.isoformat()}): congratulate",
                50.0 - (today.toordinal() - day), result.next_due,
                result.last.day if result.last else None, result.cadence)


def last_written(contact: Contact, today: date) -> date | None:
    """The day you last wrote to or met them, up to today: the newest entry of yours
    (their #inbound and news about them, #milestone, are not)."""
    return max((entry.date for entry in contact.interactions if entry.date <= today
                and "inbound" not in entry.flags and "milestone" not in entry.flags),
               default=None)


def thank_item(contact: Contact, result: Standing, today: date) -> Item | None:
    """`thank`: the newest favour they did you (a #helped entry), from the next day
    until you next reach out to them (an entry of yours after it, not their #inbound)."""
    day = contact.log_summary.helped
    if day < 0 or day >= today.toordinal():
        return None  # the common case, from the eagerly restored summary alone
    written = last_written(contact, today)
    if written is not None and written.toordinal() > day:
        return None  # thanked, or at least written to since
    favour = max((i for i in contact.interactions if "helped" in i.flags
                  and i.date.toordinal() == day), key=lambda i: i.line)
    return Item(contact, "thank", f"thank {contact.first_name} for the favour of "
                f"{favour.date.isoformat()} ({favour.channel})",
                40.0 - (today.toordinal() - day), result.next_due,
                result.last.day if result.last else None, result.cadence)

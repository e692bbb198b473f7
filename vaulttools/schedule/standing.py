"""Where one contact stands on one day: the rules of docs/due.md, contact by contact.

Pure: a contact, the settings, its daily-note mentions and `today` in, a
Standing and its items out; neither the clock nor the disk. agenda.py applies
these to a whole vault for a day.
"""

from __future__ import annotations

import calendar
import functools
import itertools
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from vaulttools.cadence import Cadence
from vaulttools.config import Settings
from vaulttools.model import Contact, Mention
from vaulttools.words import counted


class LastContact(NamedTuple):
    """When the contact was last reached, and how we know."""

    day: date
    source: str  # "last_contact", "log", "daily note" or "meeting note"
    detail: str  # the channel, or the daily note's path


class Standing(NamedTuple):
    """Where one contact stands today: cadence, last contact, next due date, status.

    NamedTuples, not frozen dataclasses, here and for LastContact and Item:
    scheduling builds one per contact, and a frozen dataclass costs several
    times as much to build.
    """

    contact: Contact
    status: str
    cadence: Cadence
    cadence_source: str
    last: LastContact | None
    next_due: date | None
    overdue_on: date | None
    unanswered: tuple[Attempt, ...]
    reason: str
    score: float


# How standing() builds a Standing from a status, its reason, score and dates.
Make = Callable[..., Standing]


class Item(NamedTuple):
    """One line of the due list: a contact, a status, why, and how urgent."""

    contact: Contact
    status: str
    reason: str
    score: float
    next_due: date | None
    last_contact: date | None
    cadence: Cadence
    on: date | None = None  # the day a birthday or anniversary falls on
    also: tuple[str, ...] = ()  # the person's other statuses today, in one row with this
    task: str = ""  # a promise's or reminder's open task, as read (Promise.text)
    event: str = ""  # the event note to see them at (schedule/events.py), its path

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.contact.name,
            "path": self.contact.relpath,
            "status": self.status,
            "group": self.contact.group,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "cadence": str(self.cadence),
            "cadence_days": None if self.cadence.never else round(self.cadence.days, 2),
            "on": self.on.isoformat() if self.on else None,
            "reason": self.reason,
            "score": round(self.score, 3),
            "also": list(self.also),
        }

    def joined(self, other: Item) -> Item:
        """This row with another item of the same person folded in: its status among
        `also`, its reason after this one's."""
        reason = other.reason if other.status == self.status or other.reason.startswith(
            other.status) else f"{other.status}: {other.reason}"
        return self._replace(also=(*self.also, other.status), reason=f"{self.reason}; {reason}",
                             on=self.on or other.on)


def effective_cadence(contact: Contact, settings: Settings) -> tuple[Cadence, str]:
    """The contact's own cadence, else its shortest group cadence, else the default."""
    cadence, source, _ = _cadence_and_weight(contact, settings)
    return cadence, source


def _cadence_and_weight(contact: Contact, settings: Settings) -> tuple[Cadence, str, float]:
    rule = settings.group_rule(contact.groups)
    if contact.cadence is not None:
        return contact.cadence, "cadence field", rule.weight
    if rule.cadence is not None:
        return rule.cadence, rule.source, rule.weight
    return settings.default_cadence, "default", rule.weight


class Attempt(NamedTuple):
    """An unanswered outreach (`#noreply`)."""

    date: date
    channel: str


def last_contact(
    contact: Contact, mentions: Sequence[Mention], today: date
) -> LastContact | None:
    """The latest of `last_contact`, the newest answered log entry and daily-note mentions.

    On a tie the log wins (it says how), then a daily note, then the field.
    """
    limit = today.toordinal()
    summary = contact.log_summary
    best, how = summary.answered, summary.channel
    if summary.latest > limit:  # the log has entries after `today`: read it all
        best, how = -1, ""
        for ordinal, channel, noreply in contact.log:
            if ordinal > best and ordinal <= limit and not noreply:
                best, how = ordinal, channel
    found = LastContact(date.fromordinal(best), "log", how) if best >= 0 else None
    for mention in mentions:
        if mention.day <= today and (found is None or mention.day > found.day):
            found = LastContact(mention.day, "meeting note" if mention.meeting else "daily note",
                                mention.relpath)
    field = contact.last_contact
    if field is not None and (found is None or field > found.day):
        found = LastContact(field, "last_contact", "field")
    return found


def unanswered_attempts(
    contact: Contact, last: LastContact | None, today: date
) -> list[Attempt]:
    """`#noreply` entries after the last answered contact, newest first."""
    after = last.day.toordinal() if last else 0
    limit = today.toordinal()
    summary = contact.log_summary
    if summary.latest <= limit:  # `last` is at least the summary's answered entry
        return [Attempt(date.fromordinal(ordinal), channel)
                for ordinal, channel in summary.unanswered if ordinal > after]
    attempts = [Attempt(date.fromordinal(ordinal), channel)
                for ordinal, channel, noreply in contact.log
                if noreply and after < ordinal <= limit]
    if len(attempts) > 1:
        attempts.sort(key=lambda a: a.date, reverse=True)
    return attempts


def _describe_last(last: LastContact) -> str:
    # Dates, never "N days ago": a reason changes only when the standing does, so
    # the index notes in git change only on the rows that moved.
    if last.source == "log":
        how = f"last {last.detail}"
    elif last.source in ("daily note", "meeting note"):
        how = f"last mentioned in {last.detail}"
    else:
        how = "last contact"
    return f"{how} {last.day.isoformat()}"


def standing(
    contact: Contact, settings: Settings, today: date, mentions: Sequence[Mention] = ()
) -> Standing:
    """Apply the rules of docs/due.md to one contact."""
    cadence, cadence_source, weight = _cadence_and_weight(contact, settings)
    last = last_contact(contact, mentions, today)
    attempts = unanswered_attempts(contact, last, today)
    unanswered = tuple(attempts)

    def make(status: str, reason: str, score: float, next_due: date | None = None,
             overdue_on: date | None = None) -> Standing:
        return Standing(contact, status, cadence, cadence_source, last, next_due, overdue_on,
                        unanswered, reason, score)

    if contact.status in ("paused", "archived"):
        return make(contact.status, f"{contact.status}; not scheduled", -2.0)
    if contact.cadence is None and settings.is_unsorted(contact.groups):
        # Imported and not sorted yet: no reminders until the user gives a group or a
        # cadence; a few are suggested a week, the most recent connections first.
        met = contact.met.toordinal() if contact.met else 0
        return make("unsorted", f"imported, not sorted yet: give them a group "
                    f"(vaulttools set group=... {contact.name!r})", -3.0 + met / 1e8)
    if contact.snooze_until is not None and contact.snooze_until > today:
        return make("snoozed", f"snoozed until {contact.snooze_until.isoformat()}", -1.0,
                    next_due=contact.snooze_until)
    if len(attempts) >= settings.give_space_after:
        return _give_space(make, attempts, today, settings, weight)
    weak = is_weak_tie(cadence, contact.groups, settings)
    if cadence.never:
        if cadence.marks_weak_tie and last is not None and (
                today > settings.dormant_after.after(last.day)):
            return _reconnect(make, last, today, settings, weight)
        return make("ok", "cadence never; birthdays only" if not cadence.marks_weak_tie
                    else "no cadence (a weak tie)", -2.0)
    if last is None and not attempts:
        return make("never", f"{cadence.describe()}; never contacted", weight, next_due=today)
    if attempts:
        attempt = attempts[0]
        next_due = settings.retry_after.after(attempt.date)
        overdue_on = settings.retry_after.after(attempt.date, settings.overdue_factor)
        basis = (f"no reply to {attempt.channel} on {attempt.date.isoformat()}; "
                 f"retry after {settings.retry_after}")
        span = settings.retry_after.days
    else:
        assert last is not None
        next_due = cadence.after(last.day)
        overdue_on = cadence.after(last.day, settings.overdue_factor)
        # Only a weak tie turns dormant; a strong one stays overdue, however long.
        if weak and today > max(settings.dormant_after.after(last.day), overdue_on):
            return _reconnect(make, last, today, settings, weight, next_due, overdue_on)
        basis = f"{cadence.describe()}; {_describe_last(last)}"
        span = cadence.days
    if today >= overdue_on:
        late = (today - next_due).days
        return make("overdue", f"{basis}; overdue since {overdue_on.isoformat()}",
                    weight * (1 + late / span), next_due, overdue_on)
    if today >= next_due:
        late = (today - next_due).days
        return make("due", f"{basis}; due since {next_due.isoformat()}",
                    weight * (1 + late / span), next_due, overdue_on)
    until = (next_due - today).days
    return make("upcoming" if until <= settings.upcoming_days else "ok",
                f"{basis}; due {next_due.isoformat()}", -weight * until / span, next_due,
                overdue_on)


def retried_after_space(attempts: Sequence[Attempt], settings: Settings) -> bool:
    """Whether one of these unanswered attempts (newest first) was the retry after
    giving space: then there is no further retry, and the review asks whether to let
    go. An attempt in between (a birthday wish) does not start the pause again."""
    pause = settings.give_space_for
    return any(pause.after(older.date) <= newer.date
               for newer, older in itertools.pairwise(attempts))


def _give_space(make: Make, attempts: list[Attempt], today: date, settings: Settings,
                weight: float) -> Standing:
    """Give-space is a pause, not an exit: `give_space_for` after the last unanswered
    attempt the contact comes back once as `retry`; a retry left unanswered stays in
    give-space, and the reason asks whether to let go (review lists it)."""
    last, pause = attempts[0], settings.give_space_for
    back_on = pause.after(last.date)
    unanswered = (f"{counted(len(attempts), 'attempt')} unanswered (last {last.channel} "
                  f"{last.date.isoformat()})")
    if retried_after_space(attempts, settings):
        return make("give-space", f"{unanswered}, the last a retry after giving space; "
                    "let go?", -1.0)
    if today >= back_on:
        return make("retry", f"{unanswered}; gave space for {pause.describe_span()} "
                    "since; one more try?", weight, next_due=back_on)
    return make("give-space", f"{unanswered}; giving space until {back_on.isoformat()}",
                -1.0, next_due=back_on)


def is_strong_tie(contact: Contact, settings: Settings) -> bool:
    """A tie kept on a rhythm: active, sorted, with a cadence, and not a weak tie."""
    if contact.status in ("paused", "archived"):
        return False
    if contact.cadence is None and settings.is_unsorted(contact.groups):
        return False
    cadence = _cadence_and_weight(contact, settings)[0]
    return not cadence.never and not is_weak_tie(cadence, contact.groups, settings)


def is_weak_tie(cadence: Cadence, groups: Sequence[str], settings: Settings) -> bool:
    """A tie to revive now and then rather than keep: a weak group, or `cadence: none`."""
    return cadence.marks_weak_tie or settings.is_weak(groups)


def _reconnect(make: Make, last: LastContact, today: date, settings: Settings, weight: float,
               next_due: date | None = None, overdue_on: date | None = None) -> Standing:
    days = (today - last.day).days
    # Grows with age but stays under half the weight, below anything due.
    score = 0.5 * weight * (1 - settings.dormant_after.days / max(days, 1))
    return make("reconnect", f"dormant tie: {_describe_last(last)}", score,
                next_due, overdue_on)


def quiet(contact: Contact, settings: Settings, today: date, mentions: Sequence[Mention],
          calendar_days: frozenset[tuple[int, int]]) -> bool:
    """Whether `contact` certainly has nothing on the day's list: standing() would
    say "ok" (not due, nor due for a retry, within settings.upcoming_days; not
    giving space; not dormant) and no birthday or anniversary falls in `calendar_days`
    (_days_ahead).

    A cheap test, so that scheduling skips the reasons and records of the
    many contacts not due for a while; conservative: False only means "work
    it out in full". tests/test_schedule_properties.py holds it to standing().
    """
    if contact.status in ("paused", "archived"):
        return False
    if contact.snooze_until is not None and contact.snooze_until > today:
        return False
    if settings.is_unsorted(contact.groups):
        return False  # a triage suggestion, maybe
    summary = contact.log_summary
    if summary.latest > today.toordinal():
        return False  # a log to read in full
    if summary.promises:
        return False  # open tasks: owed, on the list
    if (summary.answered >= 0 and summary.channel in settings.follow_up_after
            and settings.follow_up_within.after(date.fromordinal(summary.answered)) >= today):
        return False  # a catch-up lately: maybe a follow-up to write
    if summary.milestone >= 0 and summary.milestone >= summary.latest:
        return False  # a milestone nobody has answered yet: maybe one to congratulate
    if summary.helped >= 0:
        return False  # a favour received: maybe thanks to say (occasions.thank_item)
    birthday = contact.birthday
    if birthday is not None and (birthday.month, birthday.day) in calendar_days:
        return False
    for yearly in contact.anniversaries.values():
        if (yearly.month, yearly.day) in calendar_days:
            return False
    last = last_contact(contact, mentions, today)
    attempts = unanswered_attempts(contact, last, today) if summary.unanswered else []
    if len(attempts) >= settings.give_space_after:
        return False
    cadence = _cadence_and_weight(contact, settings)[0]
    if cadence.never:
        return not cadence.marks_weak_tie  # `none`: may be dormant; worked out in full
    # The same clock as standing(): a retry after the newest unanswered attempt, else
    # the cadence after the last contact. Overdue comes after due, and dormant after
    # overdue, so not overdue yet means neither.
    if attempts:
        interval, since = settings.retry_after, attempts[0].date
    elif last is not None:
        interval, since = cadence, last.day
    else:
        return False  # never contacted
    return ((interval.after(since) - today).days > settings.upcoming_days
            and today < interval.after(since, settings.overdue_factor))


def last_reached(now: Standing) -> date | None:
    """The last outreach of any kind, answered or not."""
    days = [now.last.day] if now.last else []
    days += [attempt.date for attempt in now.unanswered[:1]]
    return max(days, default=None)


@functools.lru_cache(maxsize=8)
def _days_ahead(today: date, days: int) -> frozenset[tuple[int, int]]:
    """(month, day) of every date from `today` to `days` ahead; Feb 29 along with a
    Feb 28 of a common year, where YearlyDate puts it."""
    found = set()
    for offset in range(min(days, 366) + 1):
        day = today + timedelta(days=offset)
        found.add((day.month, day.day))
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            found.add((2, 29))
    return frozenset(found)

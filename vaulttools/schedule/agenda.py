"""Who to contact and why, for a whole vault on one day: the agenda.

Everything here is pure: it takes contacts, settings, daily-note mentions and
`today`, and reads neither the clock nor the disk. The rules for one contact
are in standing.py; docs/due.md explains every rule and the urgency score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from vaulttools.config import Settings
from vaulttools.model import Contact, Mention
from vaulttools.schedule.events import (
    REPLACED,
    event_follow_up,
    event_item,
    near_an_event,
    next_event,
)
from vaulttools.schedule.followthrough import (
    WRITTEN_ONLY_BOOST,
    follow_up_item,
    no_news,
    promise_items,
    written_only,
)
from vaulttools.schedule.introductions import (
    introduced_by,
    introducer_items,
    recent_introductions,
)
from vaulttools.schedule.memo import Memo, memoised, prune, recalled
from vaulttools.schedule.occasions import milestone_item, thank_item, yearly_items
from vaulttools.schedule.standing import (
    Item,
    Standing,
    _days_ahead,
    last_reached,
    quiet,
    standing,
)
from vaulttools.schedule.statuses import (
    ALL_STATUSES,
    DEFAULT_STATUSES,
    TALLY_STATUSES,
    TALLY_WORDS,
)
from vaulttools.words import counted


def tally_sentence(tally: Mapping[str, int]) -> str:
    """`27 contacts: 2 overdue, 4 due, ...`, in TALLY_STATUSES order, zeros left out."""
    parts = [f"{tally[status]} {TALLY_WORDS[status]}" for status in TALLY_STATUSES
             if tally[status]]
    count = tally["contacts"]
    return f"{counted(count, 'contact')}" + (": " + ", ".join(parts) if parts else "")


@dataclass
class Agenda:
    """The whole picture for one day: every contact's standing and the due items.

    The standings of quiet contacts (see `quiet`) are worked out only when
    first asked for: `due` never asks.
    """

    today: date
    days: int
    items: list[Item] = field(default_factory=list)
    dormant_not_suggested: int = 0
    unsorted: int = 0  # contacts in triage_group, waiting to be sorted
    _unsorted: list[Standing] = field(default_factory=list, repr=False)
    _standings: list[Standing] | None = field(default=None, repr=False)
    _by_contact: dict[int, Standing] = field(default_factory=dict, repr=False)
    # Quiet contacts and their mentions, and how to work out their standings.
    _deferred: list[tuple[Contact, tuple[Mention, ...]]] = field(
        default_factory=list, repr=False)
    _settings: Settings | None = field(default=None, repr=False)
    _memo: Memo | None = field(default=None, repr=False)

    @property
    def standings(self) -> list[Standing]:
        """Every contact's standing, by name (sorted when first asked: `due` never is)."""
        if self._standings is None:
            self._standings = sorted(self._every_standing(), key=lambda s: s.contact.sort_key)
        return self._standings

    def tally(self) -> dict[str, int]:
        """How many contacts stand where: the one set of counts every report shares.

        "contacts" (all but archived), each of TALLY_STATUSES (they add up to
        "contacts"), and "birthday": birthday and anniversary items on the list.
        """
        found: dict[str, int] = dict.fromkeys(TALLY_STATUSES, 0)
        for each in self.standings:
            if each.contact.status != "archived":
                found[each.status] += 1
        return {"contacts": sum(found.values()), **found,
                "birthday": sum(1 for item in self.items if item.status == "birthday")}

    def shown(self, include_all: bool = False) -> list[Item]:
        """The day's list, one row a person: several reasons for one person (a birthday
        and overdue, congratulate and retry) are one row, the most urgent first."""
        wanted = ALL_STATUSES if include_all else DEFAULT_STATUSES
        rows: dict[int, Item] = {}
        for item in self.items:  # most urgent first
            if item.status not in wanted:
                continue
            first = rows.get(id(item.contact))
            rows[id(item.contact)] = item if first is None else first.joined(item)
        return list(rows.values())

    def standing_of(self, contact: Contact) -> Standing | None:
        standings = self._every_standing()
        if len(self._by_contact) != len(standings):
            self._by_contact = {id(s.contact): s for s in standings}
        return self._by_contact.get(id(contact))

    def _every_standing(self) -> list[Standing]:
        if self._deferred:
            assert self._settings is not None
            for contact, mentions in self._deferred:
                standing, _ = _worked_out(self._memo, contact, self._settings, self.today,
                                          self.days, mentions)
                self._unsorted.append(standing)
            self._deferred = []
        return self._unsorted


def schedule(
    contacts: Sequence[Contact],
    settings: Settings,
    today: date,
    mentions: Mapping[str, Sequence[Mention]] | None = None,
    days: int | None = None,
    memo: Memo | None = None,
) -> Agenda:
    """Every contact's standing and the day's items, most urgent first, ties by name.

    `memo` (same settings between calls) reuses results for unchanged contacts.
    """
    days_ahead = settings.upcoming_days if days is None else days
    adjusted = settings if days is None else _with_upcoming_days(settings, days_ahead)
    agenda = Agenda(today, days_ahead, _settings=adjusted, _memo=memo)
    reconnects: list[Item] = []
    unsorted: list[Item] = []
    same_mentions = memo is not None and mentions is not None and memo.mentions is mentions
    calendar_days = _days_ahead(today, days_ahead)
    introduced = recent_introductions(contacts, today)
    for contact in contacts:
        hit = memo.get(id(contact)) if memo is not None and same_mentions else None
        if hit is not None and hit[0] is contact:
            contact_mentions = hit[1][2]  # the mentions are what they were then
        else:
            contact_mentions = tuple(mentions_for(contact, mentions)) if mentions else ()
        key = (today, days_ahead, contact_mentions)
        known = recalled(memo, contact, key)  # the watcher's usual case: nothing changed
        # An introduction made to you depends on other notes, so it is never memoised.
        their_introductions = introduced and introduced_by(contact, introduced)
        if (known is None and not their_introductions
                and not near_an_event(contact_mentions, today, adjusted)
                and quiet(contact, adjusted, today, contact_mentions, calendar_days)):
            agenda._deferred.append((contact, contact_mentions))
            continue
        if known is None:
            known = _worked_out(memo, contact, adjusted, today, days_ahead, contact_mentions)
        result, items = known
        if their_introductions and contact.status not in ("paused", "archived"):
            items = items + introducer_items(contact, result, their_introductions, today,
                                             adjusted.close_loop_after)
        agenda._unsorted.append(result)
        for item in items:
            if item.status == "reconnect":
                reconnects.append(item)
            elif item.status == "unsorted":
                unsorted.append(item)
            else:
                agenda.items.append(item)
    limit = settings.reconnect_per_week
    reconnects.sort(key=_urgency)
    agenda.items.extend(reconnects[:limit])
    agenda.dormant_not_suggested = max(0, len(reconnects) - limit)
    unsorted.sort(key=_urgency)  # the most recent connections first
    agenda.items.extend(unsorted[:limit])
    agenda.unsorted = len(unsorted)
    agenda.items.sort(key=_urgency)
    if memo is not None:
        memo.mentions = mentions
        prune(memo, contacts)
    return agenda


def _worked_out(memo: Memo | None, contact: Contact, settings: Settings, today: date,
                days_ahead: int, mentions: tuple[Mention, ...]) -> tuple[Standing, list[Item]]:
    """_standing_and_items() through the memo, keyed as schedule() looks it up."""
    worked: tuple[Standing, list[Item]] = memoised(
        memo, contact, (today, days_ahead, mentions), _standing_and_items, contact, settings, today,
        days_ahead, mentions)
    return worked


def _standing_and_items(contact: Contact, settings: Settings, today: date, days_ahead: int,
                        mentions: Sequence[Mention]) -> tuple[Standing, list[Item]]:
    """A contact's standing, and what it puts on the day's list (nothing when paused
    or archived: not even a birthday)."""
    result = standing(contact, settings, today, mentions)
    if contact.status in ("paused", "archived"):
        return result, []
    if result.status == "unsorted":  # no reminders at all, not even a birthday
        return result, [Item(contact, "unsorted", result.reason, result.score, None, None,
                             result.cadence)]
    items = []
    event = next_event(mentions, today) if result.status in REPLACED and mentions else None
    if event is not None:  # see them there rather than reach out by other channels
        items.append(event_item(contact, result, event))
    elif result.status in ALL_STATUSES:
        reason, score = result.reason, result.score
        if result.status in ("due", "overdue"):
            only_written = written_only(contact, mentions, today, settings)
            if only_written:
                reason, score = f"{reason}; {only_written}", score + WRITTEN_ONLY_BOOST
            elif news := no_news(contact, result, today, settings):
                reason = f"{reason}; {news}"
        items.append(Item(contact, result.status, reason, score,
                          result.next_due, result.last.day if result.last else None,
                          result.cadence))
    items.extend(yearly_items(contact, today, days_ahead, result.cadence, last_reached(result)))
    extras = (milestone_item(contact, result, today), thank_item(contact, result, today),
              follow_up_item(contact, result, today, settings),
              event_follow_up(contact, result, today, settings, mentions) if mentions
              else None)
    items.extend(item for item in extras if item is not None)
    items.extend(promise_items(contact, result, today, days_ahead))
    return result, items


# Statuses listed before every other, whatever the score: a reminder the user set.
FIRST = frozenset({"reminder"})


def _urgency(item: Item) -> tuple[bool, float, tuple[str, str]]:
    return (item.status not in FIRST, -item.score, item.contact.sort_key)


def mentions_for(contact: Contact, mentions: Mapping[str, Sequence[Mention]]) -> list[Mention]:
    """The daily-note mentions of a contact (by file name, name or alias), oldest first."""
    keys = contact.keys
    if not mentions or mentions.keys().isdisjoint(keys):  # iterates over the few keys
        return []  # most contacts: no daily note names them
    found = [m for key in keys if key in mentions for m in mentions[key]]
    if len(found) < 2:
        return found  # most contacts: no daily note, nothing to sort
    return sorted(set(found))  # by day, then path


def _with_upcoming_days(settings: Settings, days: int) -> Settings:
    from dataclasses import replace

    return replace(settings, upcoming_days=days)

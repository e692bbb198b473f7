"""Who to contact and why, for a whole vault on one day: the agenda.

Everything here is pure: it takes contacts, settings, daily-note mentions and
`today`, and reads neither the clock nor the disk. The rules for one contact
are in standing.py; docs/due.md explains every rule and the urgency score.
"""

from __future__ import annotations

import bisect
import operator
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
    _tally: dict[str, int] | None = field(default=None, repr=False)

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
        Counted once (an index render asks for it from several notes); a copy each time.
        """
        if self._tally is None:
            found: dict[str, int] = dict.fromkeys(TALLY_STATUSES, 0)
            for each in self._every_standing():
                if each.contact.status != "archived":
                    found[each.status] += 1
            self._tally = {"contacts": sum(found.values()), **found,
                           "birthday": _birthdays(self.items)}
        return dict(self._tally)

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


class AgendaMemo(Memo):
    """The watcher's memo for schedule(): per-contact results, and the last run, which
    the next one patches when only a few notes changed (see _patched)."""

    last: Scheduled | None = None


@dataclass
class Scheduled:
    """One schedule() run, as the next one may patch it."""

    contacts: list[Contact]  # as given, in order
    inputs: tuple[object, ...]  # today, days ahead (compared as values), settings, mentions
    # (compared as objects: the loader hands over the same mapping while no daily note
    # changes)
    introduced: dict[str, list[tuple[Contact, date]]]
    regular: list[Item]  # the items but reconnects and unsorted, most urgent first
    reconnects: list[Item]  # every candidate, most urgent first
    unsorted: list[Item]  # every candidate, most urgent first
    agenda: Agenda  # the result, whose standings and tally may since have been worked out
    statuses: dict[str, int] | None = None  # the tally but "birthday", when patched


# A run with more notes changed than this computes the agenda afresh.
PATCHED_AT_MOST = 32


def schedule(
    contacts: Sequence[Contact],
    settings: Settings,
    today: date,
    mentions: Mapping[str, Sequence[Mention]] | None = None,
    days: int | None = None,
    memo: Memo | None = None,
) -> Agenda:
    """Every contact's standing and the day's items, most urgent first, ties by name.

    `memo` (same settings between calls) reuses results for unchanged contacts; an
    AgendaMemo also patches the last run when only a few contacts changed.
    """
    days_ahead = settings.upcoming_days if days is None else days
    adjusted = settings if days is None else _with_upcoming_days(settings, days_ahead)
    inputs = (today, days_ahead, settings, mentions)
    last = memo.last if isinstance(memo, AgendaMemo) else None
    changed = _changed_since(last, contacts, inputs)
    if last is not None and changed is not None:
        run = _patched(last, changed, contacts, mentions, memo)
    else:
        run = _scheduled(contacts, adjusted, today, mentions, days_ahead, memo, inputs)
    limit = settings.reconnect_per_week
    agenda = run.agenda
    agenda.items = [*run.regular]
    for item in [*run.reconnects[:limit], *run.unsorted[:limit]]:
        bisect.insort(agenda.items, item, key=_urgency)  # after its equals, as sort() is
    agenda.dormant_not_suggested = max(0, len(run.reconnects) - limit)
    agenda.unsorted = len(run.unsorted)
    if run.statuses is not None:
        agenda._tally = {**run.statuses, "birthday": _birthdays(agenda.items)}
    if memo is not None:
        memo.mentions = mentions
        prune(memo, contacts)
    if isinstance(memo, AgendaMemo):
        memo.last = run
    return agenda


def _scheduled(contacts: Sequence[Contact], adjusted: Settings, today: date,
               mentions: Mapping[str, Sequence[Mention]] | None, days_ahead: int,
               memo: Memo | None, inputs: tuple[object, ...]) -> Scheduled:
    """Every contact worked out (or found quiet), as schedule() does without a last run."""
    run = Scheduled(list(contacts), inputs, recent_introductions(contacts, today), [], [], [],
                    Agenda(today, days_ahead, _settings=adjusted, _memo=memo))
    same_mentions = memo is not None and mentions is not None and memo.mentions is mentions
    calendar_days = _days_ahead(today, days_ahead)
    for contact in contacts:
        hit = memo.get(id(contact)) if memo is not None and same_mentions else None
        if hit is not None and hit[0] is contact:
            contact_mentions = hit[1][2]  # the mentions are what they were then
        else:
            contact_mentions = tuple(mentions_for(contact, mentions)) if mentions else ()
        key = (today, days_ahead, contact_mentions)
        known = recalled(memo, contact, key)  # the watcher's usual case: nothing changed
        # An introduction made to you depends on other notes, so it is never memoised.
        theirs = introduced_by(contact, run.introduced) if run.introduced else []
        if (known is None and not theirs
                and not near_an_event(contact_mentions, today, adjusted)
                and quiet(contact, adjusted, today, contact_mentions, calendar_days)):
            run.agenda._deferred.append((contact, contact_mentions))
            continue
        _place(run, contact, known, contact_mentions, theirs)
    for items in (run.regular, run.reconnects, run.unsorted):
        items.sort(key=_urgency)
    return run


def _changed_since(last: Scheduled | None, contacts: Sequence[Contact],
                   inputs: tuple[object, ...]) -> list[int] | None:
    """The positions of the contacts that are not those of `last`, when the last run
    can be patched into this one: same inputs, same number of contacts, no more than
    PATCHED_AT_MOST changed, and none of them (before or after) an introduction made
    to you, which puts items on the introducer's list."""
    if (last is None or len(last.contacts) != len(contacts)
            or last.inputs[:2] != inputs[:2]
            or any(a is not b for a, b in zip(last.inputs[2:], inputs[2:], strict=True))):
        return None
    changed = [n for n, moved in enumerate(map(operator.is_not, last.contacts, contacts))
               if moved]
    if len(changed) > PATCHED_AT_MOST or any(
            last.contacts[n].introduction is not None or contacts[n].introduction is not None
            for n in changed):
        return None
    return changed


def _patched(last: Scheduled, changed: list[int], contacts: Sequence[Contact],
             mentions: Mapping[str, Sequence[Mention]] | None, memo: Memo | None
             ) -> Scheduled:
    """`last` with the contacts at `changed` worked out again: what a full run would
    give, for the cost of those few. Each is worked out in full (a full run may find
    it quiet and put off its standing: the same standing, and nothing on the list)."""
    before = last.agenda
    gone = {id(last.contacts[n]) for n in changed}
    agenda = Agenda(before.today, before.days, _settings=before._settings, _memo=memo)
    agenda._unsorted = [s for s in before._unsorted if id(s.contact) not in gone]
    agenda._deferred = [d for d in before._deferred if id(d[0]) not in gone]
    run = Scheduled(list(contacts), last.inputs, last.introduced,
                    [i for i in last.regular if id(i.contact) not in gone],
                    [i for i in last.reconnects if id(i.contact) not in gone],
                    [i for i in last.unsorted if id(i.contact) not in gone], agenda)
    # The tally, when the last one was counted over every standing: moved by the changes.
    statuses = ({s: before._tally[s] for s in TALLY_STATUSES}
                if before._tally is not None and not before._deferred else None)
    for n in changed:
        old, contact = last.contacts[n], contacts[n]
        contact_mentions = tuple(mentions_for(contact, mentions)) if mentions else ()
        theirs = introduced_by(contact, run.introduced) if run.introduced else []
        result = _place(run, contact, None, contact_mentions, theirs, keep_order=True)
        if statuses is not None:
            if old.status != "archived":
                was = before.standing_of(old)
                assert was is not None
                statuses[was.status] -= 1
            if contact.status != "archived":
                statuses[result.status] += 1
        if memo is not None:
            memo.pop(id(old), None)
    if statuses is not None:
        run.statuses = {"contacts": sum(statuses.values()), **statuses}
    return run


def _place(run: Scheduled, contact: Contact, known: tuple[Standing, list[Item]] | None,
           contact_mentions: tuple[Mention, ...], theirs: list[tuple[Contact, date]],
           keep_order: bool = False) -> Standing:
    """Work out `contact` (unless `known`) and put its standing and items in `run`:
    items at the end of their list, or, with `keep_order`, where they sort. `theirs`:
    the recent introductions it made to you."""
    agenda = run.agenda
    assert agenda._settings is not None
    if known is None:
        known = _worked_out(agenda._memo, contact, agenda._settings, agenda.today,
                            agenda.days, contact_mentions)
    result, items = known
    if theirs and contact.status not in ("paused", "archived"):
        items = items + introducer_items(contact, result, theirs, agenda.today,
                                         agenda._settings.close_loop_after)
    agenda._unsorted.append(result)
    for item in items:
        kind = (run.reconnects if item.status == "reconnect"
                else run.unsorted if item.status == "unsorted" else run.regular)
        if keep_order:
            bisect.insort(kind, item, key=_urgency)
        else:
            kind.append(item)
    return result


def _birthdays(items: Sequence[Item]) -> int:
    return sum(1 for item in items if item.status == "birthday")


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

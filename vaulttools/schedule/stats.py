"""The shape of the network: counts, activity, schedule health and gaps worth noticing.

Pure: takes the vault's contacts, settings and an Agenda for `today`.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any, NamedTuple

from vaulttools.cadence import add_months
from vaulttools.config import Settings
from vaulttools.model import Contact, Mention
from vaulttools.schedule.agenda import Agenda
from vaulttools.schedule.introductions import Connector, IntroductionGraph, connections
from vaulttools.schedule.memo import Memo, memoised, prune
from vaulttools.schedule.statuses import TALLY_STATUSES
from vaulttools.words import counted

JUNIOR = re.compile(r"\b(junior|jr|intern|student|graduate|trainee|apprentice|entry)\b", re.I)
SENIOR = re.compile(r"\b(senior|sr|lead|principal|staff|director|head|vp|vice|chief|c[etfo]o|"
                    r"founder|co-founder|partner|executive|president|professor|distinguished)\b",
                    re.I)
ONE_INDUSTRY_SHARE = 0.8
MONTHS_SHOWN = 12  # interactions per month: this month and the eleven before


def seniority(contact: Contact) -> str | None:
    """`junior`, `senior` or `peer` from `level`, else guessed from `title`; None if unknown."""
    return _seniority_of(contact.level, contact.title)


@functools.lru_cache(maxsize=4096)  # a network repeats its titles
def _seniority_of(level: str | None, title: str | None) -> str | None:
    if level:
        level = level.lower()
        if JUNIOR.search(level):
            return "junior"
        if SENIOR.search(level):
            return "senior"
        return "peer"
    if title:
        if JUNIOR.search(title):
            return "junior"
        if SENIOR.search(title):
            return "senior"
        return "peer"
    return None


@dataclass
class Stats:
    today: date
    contacts: int
    by_group: list[tuple[str, int]]
    by_company: list[tuple[str, int]]
    by_industry: list[tuple[str, int]]
    by_seniority: list[tuple[str, int]]
    by_location: list[tuple[str, int]]
    # ("2026-11", count): interactions (log lines, and the daily- and meeting-note
    # mentions of a day the log has nothing for) in the last 12 months, oldest first.
    per_month: list[tuple[str, int]]
    schedule: dict[str, int]
    dormant: int
    gave: int
    asked: int
    gaps: list[str] = field(default_factory=list)
    # Who connects the network (most introductions, made to you and by you), and the
    # introductions of the last year among the most connected (schedule/introductions.py).
    connectors: list[Connector] = field(default_factory=list)
    introductions: IntroductionGraph = field(
        default_factory=lambda: IntroductionGraph([], [], []))

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(), "contacts": self.contacts,
            "by_group": pairs(self.by_group), "by_company": pairs(self.by_company),
            "by_industry": pairs(self.by_industry), "by_seniority": pairs(self.by_seniority),
            "by_location": pairs(self.by_location),
            "interactions_per_month": [{"month": m, "label": month_label(m), "count": c}
                                       for m, c in self.per_month],
            "schedule": self.schedule, "dormant": self.dormant,
            "give_ask": {"gave": self.gave, "asked": self.asked}, "gaps": self.gaps,
            "connectors": [c.as_dict() for c in self.connectors],
            "introductions_last_year": {
                "to_you": [{"introducer": a.name, "introduced": b.name, "date": d.isoformat()}
                           for a, b, d in self.introductions.to_you],
                "by_you": [{"first": a.name, "second": b.name, "date": d.isoformat()}
                           for a, b, d in self.introductions.by_you]},
        }


def pairs(items: list[tuple[str, int]]) -> list[dict[str, object]]:
    return [{"name": name, "count": count} for name, count in items]


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))


def month_label(month: str) -> str:
    """`"2026-11"` as people read it: `"Nov 2026"`."""
    year, number = month.split("-")
    return f"{calendar.month_abbr[int(number)]} {year}"


def months_back(today: date, count: int = MONTHS_SHOWN) -> list[str]:
    first = today.replace(day=1)
    return [add_months(first, -offset).strftime("%Y-%m") for offset in range(count - 1, -1, -1)]


class ContactFacts(NamedTuple):
    """What one contact adds to the statistics: worked out once for each contact, and
    kept by the watcher between renders for the contacts that did not change."""

    months: tuple[tuple[int, int], ...]  # (year, month) of each interaction in the year
    gave: int
    asked: int
    groups: tuple[str, ...]
    seniority: str
    company: str | None
    location: str | None
    industry: str | None


def contact_facts(contact: Contact, today: date,
                  mentions: Sequence[Mention] = ()) -> ContactFacts:
    """One contact's part of network_stats(): its log lines and the days its daily-
    and meeting-note mentions add (a day the log already has counts once), in the
    months the statistics show (MONTHS_SHOWN up to `today`)."""
    months: list[tuple[int, int]] = []
    logged = set()
    gave = asked = 0
    since = add_months(today.replace(day=1), 1 - MONTHS_SHOWN)
    for entry in contact.interactions:
        if "milestone" in entry.flags:
            continue  # news about them, not an interaction with them
        if entry.date <= today:
            logged.add(entry.date)
            if entry.date >= since:
                months.append((entry.date.year, entry.date.month))
        gave += entry.gave
        asked += entry.asked
    for day in {m.day for m in mentions} - logged:
        if since <= day <= today:
            months.append((day.year, day.month))
    return ContactFacts(tuple(months), gave, asked,
                        tuple(g.lower() for g in contact.groups or ["(no group)"]),
                        seniority(contact) or "unknown", contact.company_name,
                        contact.location_name, contact.industry)


def network_stats(contacts: Sequence[Contact], settings: Settings, agenda: Agenda,
                  mentions_of: Callable[[Contact], Sequence[Mention]] | None = None,
                  memo: Memo | None = None) -> Stats:
    """The network's shape on `agenda.today`; `mentions_of` gives each contact's
    daily- and meeting-note mentions, which count as interactions as they count as
    contact. `memo` (the watcher's, emptied whenever the mentions change) keeps each
    contact's facts between calls."""
    active = [c for c in contacts if c.status != "archived"]
    months = months_back(agenda.today)
    today = agenda.today
    facts = [memoised(memo, contact, (today,), _facts_of, contact, today, mentions_of)
             for contact in active]
    counts = Counter(chain.from_iterable(f.months for f in facts))
    gave = sum(f.gave for f in facts)
    asked = sum(f.asked for f in facts)
    per_month = {m: counts[(int(m[:4]), int(m[5:]))] for m in months}
    tally = agenda.tally()
    schedule = {status: tally[status] for status in TALLY_STATUSES}
    by_group = Counter(chain.from_iterable(f.groups for f in facts))
    by_seniority = Counter(f.seniority for f in facts)
    by_industry = Counter(f.industry for f in facts if f.industry)
    stats = Stats(
        today=agenda.today,
        contacts=tally["contacts"],
        by_group=_ranked(by_group),
        by_company=_ranked(Counter(f.company for f in facts if f.company)),
        by_industry=_ranked(by_industry),
        by_seniority=_ranked(by_seniority),
        by_location=_ranked(Counter(f.location for f in facts if f.location)),
        per_month=[(m, per_month[m]) for m in months],
        schedule=schedule,
        dormant=tally["reconnect"],
        gave=gave,
        asked=asked,
    )
    stats.gaps = gaps(active, settings, by_group, by_industry, by_seniority, gave, asked)
    stats.connectors, stats.introductions = connections(active, today)
    if memo is not None:
        prune(memo, active)
    return stats


def _facts_of(contact: Contact, today: date,
              mentions_of: Callable[[Contact], Sequence[Mention]] | None) -> ContactFacts:
    return contact_facts(contact, today, mentions_of(contact) if mentions_of else ())


def gaps(active: Sequence[Contact], settings: Settings, by_group: Counter[str],
         by_industry: Counter[str], by_seniority: Counter[str], gave: int,
         asked: int) -> list[str]:
    """Observations worth a look, in a fixed order."""
    found = []
    # A group the user set up and left empty is news; a built-in one they never used is not.
    empty = sorted(name for name, group in settings.groups.items()
                   if group.configured and by_group[name] == 0)
    if empty:
        found.append(f"nobody in group{'s' * (len(empty) > 1)}: {', '.join(empty)}")
    with_industry = sum(by_industry.values())
    if with_industry >= 5:
        top, count = by_industry.most_common(1)[0]
        if count / with_industry >= ONE_INDUSTRY_SHARE:
            found.append(f"{count} of {counted(with_industry, 'contact')} with an industry are in "
                         f"{top}: widen the circle")
    if by_seniority["junior"] == 0 and active:
        found.append("no one junior to you: who could you mentor?")
    if by_seniority["senior"] == 0 and active:
        found.append("no one senior to you: who could mentor you?")
    if asked > gave:
        found.append(f"you asked ({asked}) more than you gave ({gave}) this far: give first")
    return found

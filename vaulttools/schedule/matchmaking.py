"""Introductions worth making: two active contacts who share an interest, an industry
or a town, work at different companies, have not been introduced, and at least one of
whom is a strong tie; each with its reason ("both work on grid storage; both in
Berlin"), best first.

Pure: contacts and settings in, suggestions out; docs/insights.md says how they rank.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from vaulttools.config import Settings
from vaulttools.model import Contact
from vaulttools.names import fold, link_target
from vaulttools.schedule.introductions import introduced_to
from vaulttools.schedule.memo import Memo, memoised, prune
from vaulttools.schedule.standing import is_strong_tie

# A topic (or town) more than this many contacts share says nothing about any two of them
# (and pairing them all would cost the square of it).
MOST_SHARING = 100


@dataclass(frozen=True)
class Suggestion:
    """Two people to introduce, and why."""

    first: Contact
    second: Contact
    topics: tuple[str, ...]  # the interests and industry they share, as first wrote them
    place: str | None  # the place both are in, as first wrote it
    score: float

    @property
    def reason(self) -> str:
        parts = [f"both work on {_listed(self.topics)}"] if self.topics else []
        if self.place:
            parts.append(f"both in {self.place}")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {"first": self.first.name, "second": self.second.name,
                "first_path": self.first.relpath, "second_path": self.second.relpath,
                "topics": list(self.topics), "place": self.place, "reason": self.reason,
                "score": round(self.score, 2)}


class MatchFacts(NamedTuple):
    """What matching reads of one contact, folded: worked out once for each contact,
    and kept by the watcher between renders for the contacts that did not change."""

    strong: bool
    company: str
    town: str
    topics: tuple[str, ...]  # each once, in the contact's order


def match_facts(contact: Contact, settings: Settings) -> MatchFacts:
    return MatchFacts(is_strong_tie(contact, settings), fold(contact.company_name or ""),
                      fold(_town(contact) or ""),
                      tuple(dict.fromkeys(fold(topic) for topic in _topics(contact))))


def suggest_introductions(contacts: Sequence[Contact], settings: Settings,
                          limit: int = 5, memo: Memo | None = None) -> list[Suggestion]:
    """The `limit` best introductions to make, each person in one of them at most (a
    few at a time, not the same connector every time): most shared topics first, then a
    shared town (alone, it is a reason too), then two strong ties before one; ties by
    name. `memo` (the watcher's, for these settings) keeps each contact's MatchFacts."""
    candidates = sorted((c for c in contacts if c.status not in ("archived", "paused")
                         and not (c.cadence is None and settings.is_unsorted(c.groups))),
                        key=lambda c: c.sort_key)
    count = len(candidates)
    facts = [memoised(memo, c, (), match_facts, c, settings) for c in candidates]
    if memo is not None:
        prune(memo, candidates)
    strong = [f.strong for f in facts]
    company = [f.company for f in facts]
    town = [f.town for f in facts]
    by_topic: dict[str, list[int]] = defaultdict(list)
    for n, found in enumerate(facts):
        for key in found.topics:
            by_topic[key].append(n)  # in name order: candidates are sorted
    by_town: dict[str, list[int]] = defaultdict(list)
    for n, key in enumerate(town):
        if key:
            by_town[key].append(n)
    # Pairs as first * count + second (first before second by name): how many topics.
    shared: dict[int, int] = defaultdict(int)
    for members, weight in [*((m, 1) for m in by_topic.values()),
                            *((m, 0) for m in by_town.values())]:
        if len(members) > MOST_SHARING:
            continue
        for a, b in combinations(members, 2):
            if (strong[a] or strong[b]) and not (company[a] and company[a] == company[b]):
                shared[a * count + b] += weight
    by_score: dict[float, list[int]] = defaultdict(list)
    for pair, topics in shared.items():
        a, b = divmod(pair, count)
        by_score[2.0 * topics + (1.0 if town[a] and town[a] == town[b] else 0.0)
                 + (0.5 if strong[a] and strong[b] else 0.0)].append(pair)
    chosen: list[Suggestion] = []
    used: set[int] = set()
    known: dict[int, frozenset[str]] = {}
    for score in sorted(by_score, reverse=True):
        for pair in sorted(by_score[score]):  # by name, as the pairs' numbers are
            a, b = divmod(pair, count)
            if len(chosen) >= limit:
                return chosen
            if a in used or b in used or _introduced(candidates[a], candidates[b], known):
                continue
            chosen.append(_suggestion(candidates[a], candidates[b], score))
            used.update((a, b))
    return chosen


def _suggestion(first: Contact, second: Contact, score: float) -> Suggestion:
    """The suggestion for a pair chosen: what they share, as `first` wrote it."""
    theirs = {fold(topic) for topic in _topics(second)}
    topics = tuple(dict.fromkeys(t for t in _topics(first) if fold(t) in theirs))
    place = _town(first)
    return Suggestion(first, second, topics,
                      place if place and fold(place) == fold(_town(second) or "") else None,
                      score)


def _topics(contact: Contact) -> list[str]:
    topics = [str(t).strip() for t in contact.interests or () if str(t).strip()]
    industry = str(contact.industry or "").strip()
    return [*topics, industry] if industry else topics


def _town(contact: Contact) -> str | None:
    """The first part of a location: `Berlin, Germany` and `Berlin` are one place."""
    location = contact.location_name
    return location.split(",", 1)[0].strip() or None if location else None


def _introduced(a: Contact, b: Contact, known: dict[int, frozenset[str]]) -> bool:
    """Whether either names the other as an introduction: an `intro` line or met_via."""
    for one, other in ((a, b), (b, a)):
        if id(one) not in known:
            known[id(one)] = _connected_to(one)
        if other.folded_stem in known[id(one)] or other.folded_name in known[id(one)]:
            return True
    return False


def _connected_to(contact: Contact) -> frozenset[str]:
    names = {target for _, target in introduced_to(contact)}
    via = link_target(str(contact.met_via or ""))
    return frozenset(names | {fold(via)} if via else names)


def _listed(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"

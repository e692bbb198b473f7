"""Introductions worth making: the indexed search (schedule/matchmaking.py) against
the plain one that looks at every pair of contacts."""

from __future__ import annotations

import random
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from vaulttools.config import Settings
from vaulttools.model import Contact, Interaction
from vaulttools.names import fold
from vaulttools.schedule.matchmaking import suggest_introductions
from vaulttools.schedule.standing import is_strong_tie

TOPICS = ["grid storage", "Grid Storage", "policy", "robotics", "ceramics", "fintech"]


def random_contacts(seed: int) -> list[Contact]:
    rng = random.Random(seed)
    contacts = []
    for n in range(rng.randrange(2, 30)):
        name = f"P{n:02d}"
        log = []
        if n and rng.random() < 0.2:
            text = f"introduced to [[P{rng.randrange(n):02d}]]"
            log.append(Interaction(date(2026, 1, 1), "intro", text, frozenset({"gave"}), 0))
        contacts.append(Contact(
            name=name, path=Path(f"/v/People/{name}.md"), relpath=f"People/{name}.md",
            groups=[rng.choice(["peer", "mentor", "acquaintance", "unsorted"])],
            status=rng.choice([None, None, None, "archived", "paused"]),
            interests=rng.sample(TOPICS, rng.randrange(0, 3)),
            industry=rng.choice([None, "energy", "Energy"]),
            company=rng.choice([None, "Volt", "volt", "Acme"]),
            location=rng.choice([None, "Berlin", "berlin, Germany", "Paris"]),
            met_via=f"[[P{rng.randrange(n):02d}]]" if n and rng.random() < 0.2 else None,
            interactions=log))
    return contacts


def plain(contacts: list[Contact], settings: Settings, limit: int) -> list[tuple[str, str]]:
    """Every pair, scored as docs/insights.md says, then chosen greedily."""
    def topics(c: Contact) -> set[str]:
        return {fold(t) for t in [*(c.interests or []), *([c.industry] if c.industry else [])]}

    def town(c: Contact) -> str:
        return fold((c.location or "").split(",")[0])

    def linked(a: Contact, b: Contact) -> bool:
        return (fold((a.met_via or "").strip("[]")) == fold(b.name)
                or any(f"[[{b.name}]]" in i.text for i in a.interactions))

    active = [c for c in contacts if c.status not in ("archived", "paused")
              and "unsorted" not in c.groups]
    scored = []
    for a, b in combinations(sorted(active, key=lambda c: c.name), 2):
        shared = topics(a) & topics(b)
        strong_a, strong_b = is_strong_tie(a, settings), is_strong_tie(b, settings)
        same_town = bool(town(a)) and town(a) == town(b)
        if not (shared or same_town) or not (strong_a or strong_b):
            continue
        if a.company and b.company and fold(a.company) == fold(b.company):
            continue
        score = (2.0 * len(shared) + (1.0 if same_town else 0.0)
                 + (0.5 if strong_a and strong_b else 0.0))
        scored.append((-score, a.name, b.name, a, b))
    chosen: list[tuple[str, str]] = []
    used: set[str] = set()
    for _, first, second, a, b in sorted(scored, key=lambda s: s[:3]):
        if len(chosen) < limit and not {first, second} & used and not (
                linked(a, b) or linked(b, a)):
            chosen.append((first, second))
            used |= {first, second}
    return chosen


@pytest.mark.parametrize("seed", range(300))
def test_the_indexed_search_chooses_what_looking_at_every_pair_chooses(seed: int) -> None:
    contacts = random_contacts(seed)
    settings = Settings(root=Path("/v"))
    found = [(s.first.name, s.second.name)
             for s in suggest_introductions(contacts, settings, limit=4)]
    assert found == plain(contacts, settings, limit=4)


def test_a_shared_town_alone_is_a_reason_below_any_shared_topic() -> None:
    def person(name: str, interests: list[str], location: str) -> Contact:
        return Contact(name=name, path=Path(f"/v/People/{name}.md"),
                       relpath=f"People/{name}.md", groups=["peer"], interests=interests,
                       location=location)

    found = suggest_introductions(
        [person("Ana", [], "Paris, France"), person("Ben", [], "paris"),
         person("Cy", ["policy"], "Rome"), person("Di", ["Policy"], "Oslo")],
        Settings(root=Path("/v")))
    assert [s.reason for s in found] == ["both work on policy", "both in Paris"]

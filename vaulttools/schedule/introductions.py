"""Who connects whom: the introductions the user made (`intro` lines in the log,
`introduced to [[B]]`, as `vaulttools intro` writes them) and those made to the user
(`met_via`: who introduced you to someone).

Pure: contacts in, names out; docs/insights.md says how they are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from vaulttools.cadence import Cadence
from vaulttools.model import Contact
from vaulttools.names import fold, link_target
from vaulttools.schedule.occasions import last_written
from vaulttools.schedule.standing import Item, Standing

INTRODUCED = re.compile(r"introduced to \[\[([^\]|#^]+)(?:[#^|][^\]]*)?\]\]")
# An introduction made to you stays on the due list (thank, then close the loop) for
# this long after you met; older ones are history, not a task.
FRESH_FOR = timedelta(days=90)


@dataclass(frozen=True)
class Introductions:
    """One contact's place in the introductions."""

    introduced_you_to: list[Contact]  # the people this contact introduced you to
    you_introduced_them_to: list[Contact]  # the people you introduced this contact to

    def as_dict(self) -> dict[str, list[str]]:
        return {"introduced_you_to": [c.name for c in self.introduced_you_to],
                "you_introduced_them_to": [c.name for c in self.you_introduced_them_to]}


def introduced_to(contact: Contact) -> list[tuple[date, str]]:
    """The people this contact's `intro` lines say you introduced them to: (day, the
    folded name the link gives), in log order."""
    return [(entry.date, fold(target.rsplit("/", 1)[-1])) for entry in contact.interactions
            if entry.channel == "intro" for target in INTRODUCED.findall(entry.text)]


def _index(contacts: Sequence[Contact]) -> dict[str, Contact]:
    found: dict[str, Contact] = {}
    for contact in contacts:
        for key in (contact.folded_stem, contact.folded_name):
            found.setdefault(key, contact)
    return found


def named(text: str | None, contacts: dict[str, Contact]) -> Contact | None:
    """The contact a `met_via` value names: `[[Jane Doe]]`, `[[People/Jane Doe|Jane]]` or
    plain `Jane Doe`."""
    if not text:
        return None
    return contacts.get(fold(link_target(str(text))))


def introductions(contact: Contact, contacts: Sequence[Contact]) -> Introductions:
    """Whom `contact` introduced you to (their `met_via` names it), and whom you
    introduced it to (its log's `intro` lines)."""
    index = _index(contacts)
    by_them = [c for c in contacts if c is not contact and named(c.met_via, index) is contact]
    by_you: list[Contact] = []
    for _, target in introduced_to(contact):
        other = index.get(target)
        if other is not None and other is not contact and other not in by_you:
            by_you.append(other)
    return Introductions(sorted(by_them, key=lambda c: c.sort_key), by_you)


def recent_introductions(contacts: Sequence[Contact], today: date
                         ) -> dict[str, list[tuple[Contact, date]]]:
    """The introductions made to you in the last FRESH_FOR: the introducer's folded name
    (as `met_via` names them) -> the people they introduced you to, and when you met.
    Reads only what the parse cache restores eagerly (`Contact.introduction`)."""
    found: dict[str, list[tuple[Contact, date]]] = {}
    oldest = (today - FRESH_FOR).toordinal()
    for contact in contacts:
        introduction = contact.introduction
        if introduction is None or not oldest <= introduction[1] < today.toordinal():
            continue
        if contact.status == "archived":
            continue
        found.setdefault(introduction[0], []).append(
            (contact, date.fromordinal(introduction[1])))
    return found


def introduced_by(contact: Contact, introduced: dict[str, list[tuple[Contact, date]]]
                  ) -> list[tuple[Contact, date]]:
    """The recent introductions (of recent_introductions) `contact` made to you, found
    by their file name or their name."""
    found = introduced.get(contact.folded_stem, [])
    if contact.folded_name != contact.folded_stem:
        found = found + introduced.get(contact.folded_name, [])
    return found


def introducer_items(introducer: Contact, result: Standing, introduced: Sequence[tuple[
        Contact, date]], today: date, close_loop_after: Cadence) -> list[Item]:
    """What the people `introducer` introduced you to ask of you: `thank` them from the day
    after you met until you next write to them; then, `close_loop_after` after you met
    (never, when it is `never`), tell them how it went until you write to them again.
    One item per introduction."""
    written = last_written(introducer, today) or date.min
    items = []
    for new_contact, met in sorted(introduced, key=lambda pair: (pair[1], pair[0].sort_key)):
        if new_contact is introducer:
            continue
        close_loop_on = date.max if close_loop_after.never else close_loop_after.after(met)
        first, name, when = introducer.first_name, new_contact.name, met.isoformat()
        if today < close_loop_on:
            if written > met:
                continue  # thanked, or at least written to, since
            reason = f"thank {first} for introducing you to {name} (met {when})"
            age = (today - met).days
        else:
            if written >= close_loop_on:
                continue
            reason = (f"tell {first} how it went with {name} (met {when})"
                      if written > met else
                      f"thank {first} for introducing you to {name} and say how it went "
                      f"(met {when})")
            age = (today - close_loop_on).days
        items.append(Item(introducer, "thank", reason, 40.0 - age, result.next_due,
                          result.last.day if result.last else None, result.cadence))
    return items


@dataclass(frozen=True)
class Connector:
    """Someone who connects your network: how many people they introduced you to, and
    how many you introduced them to."""

    contact: Contact
    introduced_you: int
    introduced_by_you: int

    def as_dict(self) -> dict[str, object]:
        return {"name": self.contact.name, "path": self.contact.relpath,
                "introduced_you_to": self.introduced_you,
                "you_introduced_them_to": self.introduced_by_you}


@dataclass(frozen=True)
class IntroductionGraph:
    """The introductions of the last year between the most connected people: edges
    (introducer, introduced, day) for those made to you, (one, other, day) for yours."""

    people: list[Contact]
    to_you: list[tuple[Contact, Contact, date]]
    by_you: list[tuple[Contact, Contact, date]]


def connections(contacts: Sequence[Contact], today: date, most_connected: int = 5,
                graph_size: int = 40) -> tuple[list[Connector], IntroductionGraph]:
    """Who connects your network, most introductions (made to you and by you) first,
    over all time; and the graph of the last 365 days among its `graph_size` most
    connected people. Archived contacts are left out."""
    active = [c for c in contacts if c.status != "archived"]
    index = _index(active)
    to_you: list[tuple[Contact, Contact, date]] = []
    by_you: dict[tuple[int, int, date], tuple[Contact, Contact, date]] = {}
    for contact in active:
        introducer = named(contact.met_via, index)
        if introducer is not None and introducer is not contact:
            to_you.append((introducer, contact, contact.met or date.min))
        for day, target in introduced_to(contact):
            other = index.get(target)
            if day > today or other is None or other is contact:
                continue
            one, two = sorted((contact, other), key=lambda c: c.sort_key)
            by_you.setdefault((id(one), id(two), day), (one, two, day))
    mine = list(by_you.values())
    given: dict[int, int] = {}
    made: dict[int, int] = {}
    for introducer, _, _ in to_you:
        given[id(introducer)] = given.get(id(introducer), 0) + 1
    for one, two, _ in mine:
        for person in (one, two):
            made[id(person)] = made.get(id(person), 0) + 1
    people = {id(c): c for c in active}
    ranked = sorted((people[key] for key in {*given, *made}),
                    key=lambda c: (-(given.get(id(c), 0) + made.get(id(c), 0)), c.sort_key))
    connectors = [Connector(c, given.get(id(c), 0), made.get(id(c), 0))
                  for c in ranked[:most_connected]]
    since = today - timedelta(days=365)
    recent_to_you = [e for e in to_you if since < e[2] <= today]
    recent_by_you = [e for e in mine if since < e[2] <= today]
    degree: dict[int, int] = {}
    for one, two, _ in recent_to_you + recent_by_you:
        degree[id(one)] = degree.get(id(one), 0) + 1
        degree[id(two)] = degree.get(id(two), 0) + 1
    chosen = sorted((people[key] for key in degree),
                    key=lambda c: (-degree[id(c)], c.sort_key))[:graph_size]
    kept = {id(c) for c in chosen}

    def inside(edges: list[tuple[Contact, Contact, date]]) -> list[tuple[Contact, Contact, date]]:
        return sorted((e for e in edges if id(e[0]) in kept and id(e[1]) in kept),
                      key=lambda e: (e[2], e[0].sort_key, e[1].sort_key))

    edges_to_you, edges_by_you = inside(recent_to_you), inside(recent_by_you)
    linked = {id(c) for a, b, _ in edges_to_you + edges_by_you for c in (a, b)}
    graph = IntroductionGraph(sorted((c for c in chosen if id(c) in linked),
                                     key=lambda c: c.sort_key), edges_to_you, edges_by_you)
    return connectors, graph

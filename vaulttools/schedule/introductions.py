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

from vaulttools.model import Contact
from vaulttools.names import fold, link_target
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
    for entry in contact.interactions:
        if entry.channel != "intro":
            continue
        for target in INTRODUCED.findall(entry.text):
            other = index.get(fold(target.rsplit("/", 1)[-1]))
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


def introducer_items(introducer: Contact, result: Standing, introduced: Sequence[tuple[
        Contact, date]], today: date, close_loop_after: timedelta) -> list[Item]:
    """What the people `introducer` introduced you to ask of you: `thank` them from the day
    after you met until you next write to them; then, `close_loop_after` after you met,
    tell them how it went until you write to them again. One item per introduction."""
    own = sorted(entry.date for entry in introducer.interactions
                 if entry.date <= today and not {"inbound", "milestone"} & set(entry.flags))
    items = []
    for new_contact, met in sorted(introduced, key=lambda pair: (pair[1], pair[0].sort_key)):
        if new_contact is introducer:
            continue
        close_loop_on = met + close_loop_after
        first, name, when = introducer.first_name, new_contact.name, met.isoformat()
        if today < close_loop_on:
            if any(day > met for day in own):
                continue  # thanked, or at least written to, since
            reason = f"thank {first} for introducing you to {name} (met {when})"
            age = (today - met).days
        else:
            if any(day >= close_loop_on for day in own):
                continue
            reason = (f"tell {first} how it went with {name} (met {when})"
                      if any(day > met for day in own) else
                      f"thank {first} for introducing you to {name} and say how it went "
                      f"(met {when})")
            age = (today - close_loop_on).days
        items.append(Item(introducer, "thank", reason, 40.0 - age, result.next_due,
                          result.last.day if result.last else None, result.cadence))
    return items

"""Who connects whom: the introductions the user made (`intro` lines in the log,
`introduced to [[B]]`, as `vaulttools intro` writes them) and those made to the user
(`met_via`: who introduced you to someone).

Pure: contacts in, names out; docs/insights.md says how they are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vaulttools.model import Contact
from vaulttools.names import fold

INTRODUCED = re.compile(r"introduced to \[\[([^\]|#^]+)(?:[#^|][^\]]*)?\]\]")
_LINK = re.compile(r"^\s*\[\[([^\]|#^]+)(?:[#^|][^\]]*)?\]\]\s*$")


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
    link = _LINK.match(str(text))
    target = (link.group(1) if link else str(text)).rsplit("/", 1)[-1].removesuffix(".md")
    return contacts.get(fold(target))


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

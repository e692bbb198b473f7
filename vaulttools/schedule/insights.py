"""Beyond reminders: reciprocity from the log flags, and who would value a topic.

Pure functions over contacts; docs/insights.md documents the rules and the
scoring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from vaulttools.model import Contact
from vaulttools.names import fold
from vaulttools.words import counted

ONE_SIDED_MIN = 3


@dataclass(frozen=True)
class Reciprocity:
    """What the log says about give and take with one contact."""

    gave: int
    asked: int
    inbound: int
    outbound: int
    last_gave: date | None
    last_asked: date | None

    @property
    def asks_outnumber_gives(self) -> bool:
        return self.asked > self.gave

    @property
    def one_sided(self) -> bool:
        """Only outbound: at least three outreaches and nothing ever inbound."""
        return self.outbound >= ONE_SIDED_MIN and self.inbound == 0

    def flags(self) -> list[str]:
        notes = []
        if self.asks_outnumber_gives:
            notes.append(f"asks outnumber gives ({self.asked} asked, {self.gave} gave): "
                         "offer help before you ask")
        if self.one_sided:
            notes.append(f"one-sided: {counted(self.outbound, 'outreach', 'outreaches')} and "
                         "nothing inbound")
        return notes

    def as_dict(self) -> dict[str, Any]:
        return {"gave": self.gave, "asked": self.asked, "inbound": self.inbound,
                "outbound": self.outbound,
                "last_gave": self.last_gave.isoformat() if self.last_gave else None,
                "last_asked": self.last_asked.isoformat() if self.last_asked else None,
                "flags": self.flags()}


def reciprocity(contact: Contact) -> Reciprocity:
    # A #milestone is news about them (a new role), neither outreach nor inbound.
    entries = [e for e in contact.interactions if "milestone" not in e.flags]
    gives = [e.date for e in entries if e.gave]
    asks = [e.date for e in entries if e.asked]
    return Reciprocity(
        gave=len(gives),
        asked=len(asks),
        inbound=sum(1 for e in entries if e.inbound),
        outbound=sum(1 for e in entries if not e.inbound),
        last_gave=max(gives, default=None),
        last_asked=max(asks, default=None),
    )


# -- who would value this? -----------------------------------------------------------

FIELD_WEIGHTS = {"interests": 3.0, "tags": 3.0, "industry": 2.0, "company": 2.0,
                 "title": 2.0, "notes": 1.0}
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "into",
    "is", "it", "of", "on", "or", "the", "to", "what", "who", "why", "with", "about",
    "this", "that",
})


@dataclass(frozen=True)
class Match:
    contact: Contact
    score: float
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.contact.name, "path": self.contact.relpath,
                "score": round(self.score, 2), "why": list(self.reasons)}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(text)) if w not in STOPWORDS and len(w) > 1]


def _field_texts(contact: Contact) -> dict[str, list[str]]:
    body = re.sub(r"(?msi)^#{1,6}[ \t]+log[ \t]*$.*", "", contact.body)  # notes, not the log
    return {
        "interests": contact.interests,
        "tags": contact.tags,
        "industry": [contact.industry] if contact.industry else [],
        "company": [contact.company_name] if contact.company_name else [],
        "title": [contact.title] if contact.title else [],
        "notes": [body],
    }


def match(contacts: Iterable[Contact], query: str, limit: int = 10) -> list[Match]:
    """Contacts whose interests, tags, company, title or notes match the words, best first.

    Each query word found in a field scores that field's weight (once per field);
    the whole phrase found in a field scores its weight again. Matching ignores
    case and accents and matches word prefixes ("forecast" finds "forecasting").
    """
    words = _words(query)
    phrase = " ".join(words)
    if not words:
        return []
    results = []
    for contact in contacts:
        if contact.status == "archived":
            continue
        score, reasons = 0.0, []
        for field_name, texts in _field_texts(contact).items():
            weight = FIELD_WEIGHTS[field_name]
            for text in texts:
                tokens = _words(text)
                hits = [w for w in words if any(t.startswith(w) for t in tokens)]
                if not hits:
                    continue
                score += weight * len(hits)
                if len(words) > 1 and phrase in " ".join(tokens):
                    score += weight
                shown = text if field_name != "notes" else _snippet(text, hits[0])
                reasons.append(f"{field_name}: {shown}")
        if score:
            results.append(Match(contact, score, tuple(reasons)))
    results.sort(key=lambda m: (-m.score, fold(m.contact.name)))
    return results[:limit]


def _snippet(text: str, word: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    folded = fold(flat)
    at = max(0, folded.find(word) - width // 3)
    if at:
        space = flat.rfind(" ", 0, at + 1)
        at = space + 1 if space >= 0 else 0  # start on a word
    piece = flat[at : at + width].strip()
    return ("…" if at else "") + piece + ("…" if at + width < len(flat) else "")

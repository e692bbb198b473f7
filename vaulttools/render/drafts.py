"""Check-in drafts: a short personal message from a template, no network, no model.

Templates are `drafts/OCCASION.txt.j2`, overridable from the vault like the
others. They see the contact, its first name, the last interaction (its text
without flags), how long ago it was, their interests, and --about / --link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from vaulttools.errors import VaultError
from vaulttools.model import Contact
from vaulttools.read.vault import Vault
from vaulttools.render.templates import environment, render

OCCASIONS = ("checkin", "birthday", "congrats", "reconnect", "share", "thanks")


def _since(days: int) -> str:
    if days < 14:
        return "a few days"
    if days < 60:
        return f"{days // 7} weeks"
    if days < 365:
        return f"{round(days / 30.4)} months"
    years = round(days / 365.25)
    return "a year" if years <= 1 else f"{years} years"


def draft_context(vault: Vault, contact: Contact, today: date, about: str | None,
                  link: str | None) -> dict[str, Any]:
    standing = vault.standing(contact, today)
    answered = [e for e in contact.interactions if not e.noreply and e.date <= today]
    last = max(answered, key=lambda e: e.date, default=None)
    last_day = standing.last.day if standing.last else None
    topic = re.sub(r"\s*#\w+", "", last.text).strip().rstrip(".") if last else ""
    age = None
    if contact.birthday and contact.birthday.year:
        age = contact.birthday.next_on_or_after(today).year - contact.birthday.year
    return {
        "contact": contact,
        "name": contact.name,
        "first_name": contact.first_name,
        "company": contact.company,
        "interests": contact.interests,
        "last": last,
        "last_topic": topic,
        "last_when": last_day.strftime("%B") if last_day else None,
        "since": _since((today - last_day).days) if last_day else None,
        "age": age,
        "about": about,
        "link": link,
        "today": today,
    }


@dataclass(frozen=True)
class Draft:
    text: str
    reminder: str | None  # the last interaction, for the writer's eyes only

    def as_dict(self) -> dict[str, str | None]:
        return {"text": self.text, "reminder": self.reminder}


def draft(vault: Vault, name: str, occasion: str, today: date, about: str | None = None,
          link: str | None = None) -> Draft:
    """The message for `occasion`, and a reminder of the last interaction.

    The reminder is kept out of the message: a log line is a private note.
    """
    if occasion not in OCCASIONS:
        raise VaultError(f"unknown occasion {occasion!r}; choose one of {', '.join(OCCASIONS)}")
    contact = vault.find(name)
    context = draft_context(vault, contact, today, about, link)
    text = render(environment(vault.settings), f"drafts/{occasion}.txt.j2", **context)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    last = context["last"]
    reminder = f"{last.date.isoformat()} {last.channel}: {last.text}" if last else None
    return Draft("\n\n".join(p for p in paragraphs if p) + "\n", reminder)

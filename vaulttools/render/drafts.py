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
from vaulttools.schedule.agenda import schedule
from vaulttools.schedule.standing import Standing

OCCASIONS = ("checkin", "birthday", "congrats", "reconnect", "share", "thanks")
# How a channel reads after "It's been N months since ...".
CHANNEL_WORDS = {"email": "we last emailed", "linkedin": "we last spoke on LinkedIn",
                 "call": "our call", "video": "our video call", "coffee": "our coffee",
                 "lunch": "our lunch", "dinner": "our dinner", "meeting": "our meeting",
                 "meetup": "the meetup", "event": "the event", "note": "we last spoke"}


def greeting_name(contact: Contact) -> str:
    """What to call them: `salutation` or `nickname` when the note has one, else the
    given name, never an honorific (`Dr. Amara Okafor` -> `Amara`)."""
    for key in ("salutation", "nickname"):
        value = contact.extra.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return contact.first_name


def default_occasion(standing_status: str, items: list[str]) -> str:
    """The occasion a contact's standing suggests: a birthday or a milestone first."""
    if "birthday" in items:
        return "birthday"
    if "congratulate" in items:
        return "congrats"
    if "follow-up" in items:
        return "thanks"  # after a catch-up: a takeaway, thanks, or the link discussed
    return "reconnect" if standing_status in ("reconnect", "retry") else "checkin"


def _since(days: int) -> str:
    if days < 14:
        return "a few days"
    if days < 60:
        return f"{days // 7} weeks"
    if days < 365:
        return f"{round(days / 30.4)} months"
    years = round(days / 365.25)
    return "a year" if years <= 1 else f"{years} years"


def _without_flags(text: str) -> str:
    return re.sub(r"\s*#\w+", "", text).strip().rstrip(".")


def draft_context(contact: Contact, now: Standing, today: date, about: str | None,
                  link: str | None) -> dict[str, Any]:
    """What the draft templates see, for a contact standing where `now` says."""
    # The last conversation: not an unanswered attempt, nor news about them.
    answered = [e for e in contact.interactions
                if not e.noreply and "milestone" not in e.flags and e.date <= today]
    last = max(answered, key=lambda e: e.date, default=None)
    last_day = now.last.day if now.last else None
    milestones = [e for e in contact.interactions if "milestone" in e.flags and e.date <= today]
    news = max(milestones, key=lambda e: e.date, default=None)
    age = None
    if contact.birthday and contact.birthday.year:
        age = contact.birthday.next_on_or_after(today).year - contact.birthday.year
    return {
        "contact": contact,
        "name": contact.name,
        "first_name": greeting_name(contact),
        "last_how": CHANNEL_WORDS.get(last.channel, f"our {last.channel}") if last else None,
        "milestone": _without_flags(news.text) if news else None,
        "company": contact.company_name,
        "interests": contact.interests,
        "last": last,
        "last_topic": _without_flags(last.text) if last else "",
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
    occasion: str = "checkin"
    warning: str | None = None  # something to know before sending (giving space...)

    def as_dict(self) -> dict[str, str | None]:
        return {"text": self.text, "reminder": self.reminder, "occasion": self.occasion,
                "warning": self.warning}


def draft(vault: Vault, name: str, occasion: str | None, today: date,
          about: str | None = None, link: str | None = None) -> Draft:
    """The message for `occasion` (by default, what the contact's standing suggests),
    and a reminder of the last interaction.

    The reminder is kept out of the message: a log line is a private note.
    """
    contact = vault.find(name)
    agenda = schedule([contact], vault.settings, today, vault.mentions)  # this contact's day
    now = agenda.standings[0]
    if occasion is None:
        occasion = default_occasion(now.status, [item.status for item in agenda.items])
    if occasion not in OCCASIONS:
        raise VaultError(f"unknown occasion {occasion!r}; choose one of {', '.join(OCCASIONS)}")
    if occasion == "share" and not about:
        raise VaultError("share needs --about: what you came across and want to pass on "
                         "(an article, an event, an intro)")
    context = draft_context(contact, now, today, about, link)
    text = render(environment(vault.settings), f"drafts/{occasion}.txt.j2", **context)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    last = context["last"]
    reminder = f"{last.date.isoformat()} {last.channel}: {last.text}" if last else None
    warning = (f"{now.reason}: they have not answered your last messages; "
               "think twice before sending" if now.status == "give-space" else None)
    return Draft("\n\n".join(p for p in paragraphs if p) + "\n", reminder, occasion, warning)

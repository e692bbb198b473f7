"""Check-in drafts: a short personal message from a template, no network, no model.

Templates are `drafts/OCCASION.txt.j2`, overridable from the vault like the
others. The log is private: a draft never sees a log line's text. Templates
see structured facts only: the contact's first name, company and title,
interests, the channel and date of the last catch-up in words ("our coffee",
"yesterday", "in October"), a new role an import found (its title and
company), and what the user passes with --about and --link. No value they
see holds markup: a `[[link]]` is the thing it names, `#flags` and Markdown
marks are gone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from vaulttools.errors import VaultError
from vaulttools.model import IMPORT_SOURCES, NEW_ROLE, Contact, Interaction
from vaulttools.names import link_text
from vaulttools.read.vault import Vault
from vaulttools.render.templates import environment, render
from vaulttools.schedule.agenda import schedule
from vaulttools.schedule.introductions import (
    introduced_by,
    introducer_items,
    recent_introductions,
)
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
    if "thank" in items or "follow-up" in items:
        return "thanks"  # a favour to thank for; after a catch-up: a takeaway, or thanks
    return "reconnect" if standing_status in ("reconnect", "retry") else "checkin"


def _since(days: int) -> str:
    """How long ago, after "It's been ...": `a day`, `a few days`, `a week`, `a few
    weeks`, `3 months`, `2 years`."""
    if days <= 1:
        return "a day"
    if days < 7:
        return "a few days"
    if days < 14:
        return "a week"
    if days < 45:
        return "a few weeks"
    if days < 365:
        return f"{max(2, round(days / 30.4))} months"
    years = round(days / 365.25)
    return "a year" if years <= 1 else f"{years} years"


def when_words(day: date, today: date) -> str:
    """When it was, as people say it: `today`, `yesterday`, `on Tuesday`, `last week`,
    `a few weeks ago`, `in October`, `in October 2025`."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {day.strftime('%A')}"
    if days < 14:
        return "last week"
    if days < 45:
        return "a few weeks ago"
    return f"in {day.strftime('%B')}" + (f" {day.year}" if day.year != today.year else "")


_MARKUP = re.compile(r"(?<![\w#])#[\w/-]+|\*\*|__|`|~~|==")


def plain(text: str) -> str:
    """A value as a message may show it: one wikilink as what it names, links inside
    as their text, no `#tags` and no Markdown marks."""
    text = link_text(text)
    text = re.sub(r"!?\[\[([^\[\]|]+)(?:\|([^\[\]]*))?\]\]",
                  lambda m: m.group(2) or m.group(1).rsplit("/", 1)[-1], text)
    return " ".join(_MARKUP.sub("", text).split())


@dataclass(frozen=True)
class LastTalk:
    """The last catch-up as a draft may mention it: how and when, never what was said."""

    channel: str
    how: str  # `our coffee`, `we last emailed`
    when: str  # `yesterday`, `in October`


def _last_talk(contact: Contact, today: date) -> Interaction | None:
    """The last conversation: not an unanswered attempt, nor news about them."""
    answered = [e for e in contact.interactions
                if not e.noreply and "milestone" not in e.flags and e.date <= today]
    return max(answered, key=lambda e: e.date, default=None)


def _new_role(contact: Contact, news: Interaction | None) -> str | None:
    """`CTO at Foo`: the role an import found (its #milestone `New role: ...` line, logged
    under the source's channel), told from the note's own company and title."""
    if news is None or news.channel not in IMPORT_SOURCES or not news.text.startswith(
            NEW_ROLE):
        return None
    title, company = plain(contact.title or ""), plain(contact.company_name or "")
    return " at ".join(part for part in (title, company) if part) or None


# How a favour came, after "Thank you for your help": never what it was (a private note).
FAVOUR_WORDS = {"email": "in your email", "linkedin": "on LinkedIn", "call": "on our call",
                "video": "on our video call", "coffee": "over coffee", "lunch": "over lunch",
                "dinner": "over dinner", "meeting": "at our meeting", "event": "at the event"}


@dataclass(frozen=True)
class Favour:
    """A favour they did you, as a draft may mention it: how and when, never what."""

    how: str  # `in your email`, `over coffee`, or empty
    when: str  # `yesterday`, `last week`


def _open_favour(contact: Contact, today: date) -> Favour | None:
    day = contact.log_summary.helped
    if day < 0:
        return None
    entry = max((i for i in contact.interactions if "helped" in i.flags
                 and i.date.toordinal() == day), key=lambda i: i.line)
    return Favour(FAVOUR_WORDS.get(entry.channel, ""), when_words(entry.date, today))


def draft_context(contact: Contact, now: Standing, today: date, about: str | None,
                  link: str | None,
                  introduced: Sequence[tuple[Contact, date]] = ()) -> dict[str, Any]:
    """What the draft templates see, for a contact standing where `now` says, who
    recently introduced you to `introduced` (the people, and when you met)."""
    last = _last_talk(contact, today)
    last_day = now.last.day if now.last else None
    milestones = [e for e in contact.interactions if "milestone" in e.flags and e.date <= today]
    news = max(milestones, key=lambda e: e.date, default=None)
    age = None
    if contact.birthday and contact.birthday.year:
        age = contact.birthday.next_on_or_after(today).year - contact.birthday.year
    talk = None
    if last is not None:
        talk = LastTalk(last.channel, CHANNEL_WORDS.get(last.channel, f"our {last.channel}"),
                        when_words(last.date, today))
    return {
        "name": contact.name,
        "first_name": greeting_name(contact),
        "last": talk,
        "last_how": talk.how if talk else None,
        "new_role": _new_role(contact, news),
        "company": plain(contact.company_name or "") or None,
        "title": plain(contact.title or "") or None,
        "interests": [plain(i) for i in contact.interests if plain(i)],
        "since": _since((today - last_day).days) if last_day else None,
        "age": age,
        "about": about,
        "link": link,
        "today": today,
        "favour": _open_favour(contact, today),
        "introduced": [plain(c.name) for c, _ in sorted(introduced, key=lambda p: p[1])],
        "met_introduced": when_words(max(day for _, day in introduced), today)
        if introduced else None,
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
    # Introductions they made to you are read from the other notes (their met_via).
    introduced = introduced_by(contact, recent_introductions(vault.contacts, today))
    owed = introducer_items(contact, now, introduced, today,
                            vault.settings.close_loop_after)
    if occasion is None:
        occasion = default_occasion(now.status, [item.status for item in agenda.items + owed])
    if occasion not in OCCASIONS:
        raise VaultError(f"unknown occasion {occasion!r}; choose one of {', '.join(OCCASIONS)}")
    if occasion == "share" and not about:
        raise VaultError("share needs --about: what you came across and want to pass on "
                         "(an article, an event, an intro)")
    context = draft_context(contact, now, today, about, link, introduced)
    text = render(environment(vault.settings), f"drafts/{occasion}.txt.j2", **context)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    last = _last_talk(contact, today)
    reminder = f"{last.date.isoformat()} {last.channel}: {last.text}" if last else None
    warning = (f"{now.reason}: they have not answered your last messages; "
               "think twice before sending" if now.status == "give-space" else None)
    return Draft("\n\n".join(p for p in paragraphs if p) + "\n", reminder, occasion, warning)

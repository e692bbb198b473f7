"""The six-monthly audit: who needs a look, who to let go, who to add. Pure, like agenda.py.

It proposes, not only lists: contacts to let go (no reply to a retry after
giving space; weak ties quiet for two years), people the daily notes keep
mentioning who have no contact note yet, and the imported contacts still
waiting for a group (counted; `review --unsorted` lists them).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from vaulttools.config import Settings
from vaulttools.model import Contact, Mention
from vaulttools.schedule.followthrough import written_only
from vaulttools.schedule.insights import reciprocity
from vaulttools.schedule.memo import Memo, memoised, prune
from vaulttools.schedule.standing import Standing, is_weak_tie, retried_after_space
from vaulttools.words import counted

ONE_SIDED_OUTREACHES = 3
# A weak tie quiet this long is worth letting go rather than reviving.
LET_GO_AFTER = timedelta(days=730)
# "add?": someone linked from this many daily notes within this window.
ADD_AFTER_MENTIONS = 2
ADD_WINDOW = timedelta(days=183)


@dataclass(frozen=True)
class ReviewItem:
    contact: Contact
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.contact.name,
            "path": self.contact.relpath,
            "group": self.contact.group,
            "reviewed": self.contact.reviewed.isoformat() if self.contact.reviewed else None,
            "reasons": list(self.reasons),
        }


def review_reasons(contact: Contact, settings: Settings, today: date,
                   now: Standing, mentions: Sequence[Mention] = ()) -> list[str]:
    """Why this contact needs a look, where it stands `now`; empty when it does not.

    The audit's judgements (let go? one-sided? only written?) wait for the next
    review once the contact is reviewed; what is missing (a group, a way to
    reach them) stays until it is fixed."""
    reasons = audit_reasons(contact, settings, today, now, mentions) if due_for_review(
        contact, settings, today) else []
    if now.status == "unsorted":
        reasons.append("imported, not sorted: give them a group "
                       f"(vaulttools set group=... {contact.name!r}, or --group to sort many)")
    if not contact.groups:
        reasons.append("no group")
    if not (contact.emails or contact.phones or contact.linkedin):
        reasons.append("no way to reach them (email, phone or linkedin)")
    return reasons


def due_for_review(contact: Contact, settings: Settings, today: date) -> bool:
    """Never reviewed, or not within `review_every`."""
    return contact.reviewed is None or settings.review_every.after(contact.reviewed) <= today


def audit_reasons(contact: Contact, settings: Settings, today: date,
                  now: Standing, mentions: Sequence[Mention] = ()) -> list[str]:
    """The judgements a review is for: that it is due, and what to decide."""
    reasons = ["never reviewed" if contact.reviewed is None else
               f"last reviewed {contact.reviewed.isoformat()} (every {settings.review_every})"]
    only_written = written_only(contact, mentions, today, settings)
    if only_written and now.status not in ("give-space", "unsorted"):
        reasons.append(f"only written contact: {only_written}")
    if now.status == "give-space" and retried_after_space(now.unanswered, settings):
        reasons.append("let go? no reply to a retry after giving space; archive them "
                       "(vaulttools archive), or keep trying")
    quiet_since = now.last.day if now.last else contact.met
    if (is_weak_tie(now.cadence, contact.groups, settings) and quiet_since is not None
            and quiet_since <= today - LET_GO_AFTER):
        reasons.append(f"let go? a weak tie quiet since {quiet_since.isoformat()}; archive "
                       "them (vaulttools archive), or reach out")
    year_ago = today - timedelta(days=365)
    recent = [e for e in contact.interactions if year_ago < e.date <= today]
    outreaches = [e for e in recent if not e.inbound]
    if len(outreaches) >= ONE_SIDED_OUTREACHES and not any(e.inbound for e in recent):
        reasons.append(f"one-sided: {counted(len(outreaches), 'outreach', 'outreaches')} and "
                       "nothing inbound in a year")
    balance = reciprocity(contact)
    if balance.asks_outnumber_gives:
        reasons.append(balance.flags()[0])
    return reasons


def review(contacts: Sequence[Contact], settings: Settings, today: date,
           standing_of: Callable[[Contact], Standing | None],
           memo: Memo | None = None, unsorted: bool | None = False,
           mentions_of: Callable[[Contact], Sequence[Mention]] | None = None,
           ) -> list[ReviewItem]:
    """Every non-archived contact that needs a look, by name; `standing_of` says where
    each stands today (an Agenda's standing_of, which the index notes already have).

    The imported contacts waiting for a group are left out (a 3,000-row import
    would bury the rest; the Agenda counts them), or with `unsorted`, are all
    there is; with `unsorted=None`, everyone is looked at.
    """
    items = []
    for contact in contacts:
        if contact.status == "archived":
            continue
        now = standing_of(contact)
        assert now is not None, contact.relpath
        if unsorted is not None and (now.status == "unsorted") != unsorted:
            continue
        mentions = tuple(mentions_of(contact)) if mentions_of else ()
        reasons = memoised(memo, contact, (today, now, mentions), review_reasons, contact,
                           settings, today, now, mentions)
        if reasons:
            items.append(ReviewItem(contact, tuple(reasons)))
    prune(memo, contacts)
    return sorted(items, key=lambda i: i.contact.sort_key)


@dataclass(frozen=True)
class ToAdd:
    """Someone the daily notes keep linking who has no note: "add?"."""

    key: str  # the folded link target
    days: tuple[date, ...]  # the dates of the daily notes, oldest first

    def reason(self, name: str) -> str:
        days = ", ".join(day.isoformat() for day in self.days)
        return (f"add? linked from {counted(len(self.days), 'daily note')} ({days}) but has "
                "no note: "
                f"vaulttools new {name!r}")

    def as_dict(self, name: str) -> dict[str, Any]:
        """As `review --json` lists it, beside the contacts (ReviewItem): no path."""
        return {"name": name, "path": None, "group": None, "reviewed": None,
                "reasons": [self.reason(name)]}


def people_to_add(mentions: Mapping[str, Sequence[Mention]], known: Container[str],
                  today: date) -> list[ToAdd]:
    """Link targets of at least ADD_AFTER_MENTIONS daily notes within ADD_WINDOW of
    today that name no contact nor any other note (`known`: folded names)."""
    since = today - ADD_WINDOW
    found = []
    for key, linked in mentions.items():
        if key in known:
            continue
        days = sorted({m.day for m in linked if since <= m.day <= today})
        if len(days) >= ADD_AFTER_MENTIONS:
            found.append(ToAdd(key, tuple(days)))
    return sorted(found, key=lambda add: (-len(add.days), add.key))

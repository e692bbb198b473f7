"""The six-monthly audit: who needs a look, and why. Pure, like schedule.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from vaulttools.config import Settings
from vaulttools.model import Contact
from vaulttools.schedule.insights import reciprocity
from vaulttools.schedule.memo import Memo, memoised, prune
from vaulttools.schedule.standing import Standing, retried_after_space

ONE_SIDED_OUTREACHES = 3


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
                   now: Standing) -> list[str]:
    """Why this contact needs a look, where it stands `now`; empty when it does not."""
    reasons = []
    if now.status == "unsorted":
        reasons.append("imported, not sorted: give them a group "
                       f"(vaulttools set group=... {contact.name!r}, or --group to sort many)")
    if now.status == "give-space" and retried_after_space(now.unanswered, settings):
        reasons.append("let go? no reply to a retry after giving space; archive them "
                       "(vaulttools archive), or keep trying")
    if contact.reviewed is None:
        reasons.append("never reviewed")
    elif settings.review_every.after(contact.reviewed) <= today:
        reasons.append(f"last reviewed {contact.reviewed.isoformat()} (every "
                       f"{settings.review_every})")
    year_ago = today - timedelta(days=365)
    recent = [e for e in contact.interactions if year_ago < e.date <= today]
    outreaches = [e for e in recent if not e.inbound]
    if len(outreaches) >= ONE_SIDED_OUTREACHES and not any(e.inbound for e in recent):
        reasons.append(f"one-sided: {len(outreaches)} outreaches and nothing inbound in a year")
    balance = reciprocity(contact)
    if balance.asks_outnumber_gives:
        reasons.append(balance.flags()[0])
    if not contact.groups:
        reasons.append("no group")
    if not (contact.emails or contact.phones or contact.linkedin):
        reasons.append("no way to reach them (email, phone or linkedin)")
    return reasons


def review(contacts: Sequence[Contact], settings: Settings, today: date,
           standing_of: Callable[[Contact], Standing | None],
           memo: Memo | None = None) -> list[ReviewItem]:
    """Every non-archived contact that needs a look, by name; `standing_of` says where
    each stands today (an Agenda's standing_of, which the index notes already have)."""
    items = []
    for contact in contacts:
        if contact.status == "archived":
            continue
        now = standing_of(contact)
        assert now is not None, contact.relpath
        reasons = memoised(memo, contact, (today, now), review_reasons, contact, settings,
                           today, now)
        if reasons:
            items.append(ReviewItem(contact, tuple(reasons)))
    prune(memo, contacts)
    return sorted(items, key=lambda i: i.contact.sort_key)

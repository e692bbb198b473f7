"""A contact's stable identity: the `uid` in its note, and the UIDs exports derive from it.

A vCard's UID and every calendar event's UID come from the note's `uid`, so
renaming or moving a note changes none of them and a phone or a subscribed
calendar updates its entries instead of duplicating them. A note without a
`uid` falls back to an id derived from its path (`vaulttools uid --add`
writes real ones).
"""

from __future__ import annotations

import hashlib
import uuid

from vaulttools.model import Contact


def normalise_uid(uid: str | None) -> str | None:
    """A UID as compared: `urn:uuid:` dropped, lowercased; None when empty."""
    text = (uid or "").strip().lower().removeprefix("urn:uuid:")
    return text or None


def new_uid() -> str:
    """A fresh uid for a new note: a random UUID, as vCard and CardDAV expect."""
    return str(uuid.uuid4())


def path_uid(contact: Contact) -> str:
    """The uid a note without one answers to: derived from its path in the vault."""
    digest = hashlib.sha1(contact.relpath.encode("utf-8")).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-a{digest[17:20]}-{digest[20:32]}"


def contact_uid(contact: Contact) -> str:
    """The contact's identity: its `uid`, else the path-derived one (lowercase)."""
    return normalise_uid(contact.uid) or path_uid(contact)


def vcard_uid(contact: Contact) -> str:
    """The vCard UID: `urn:uuid:` and the uid when it is a UUID, the uid as is otherwise."""
    uid = contact_uid(contact)
    try:
        return f"urn:uuid:{uuid.UUID(uid)}"
    except ValueError:
        return uid


def event_uid(kind: str, contact: Contact, label: str = "") -> str:
    """A calendar event's UID: one per contact, kind (due, yearly) and yearly label.

    A note without a `uid` keeps the event UIDs it always had (from its path).
    """
    seed = normalise_uid(contact.uid) or contact.relpath
    digest = hashlib.sha1(f"{seed}\0{label}".encode()).hexdigest()[:16]
    return f"{kind}-{digest}@vaulttools"

"""A contact's card for the phone, with what the phone added to it kept.

vaulttools writes the fields it keeps in notes (io/vcard.card_lines). A card
that came back from a phone holds more (a photo, notes, its own `X-`
properties, a number's type and label): on the next push, those lines are kept
as the phone wrote them, after vaulttools' own, and an email or number the
note still holds keeps the phone's line for it (`TEL;TYPE=CELL:...`, an
`itemN.` label). Nothing of it is written into the note.
"""

from __future__ import annotations

from vaulttools.io.vcard import CONTENT_LINE, card_lines, fold_line, logical_lines
from vaulttools.model import Contact
from vaulttools.names import normalise_email, normalise_linkedin, phone_key

# What vaulttools writes from a note: a phone's line of these is replaced by the note's.
MODELED = frozenset({"BEGIN", "END", "VERSION", "UID", "FN", "N", "NICKNAME", "EMAIL", "TEL",
                     "ORG", "TITLE", "X-SOCIALPROFILE", "BDAY", "X-ABDATE", "ANNIVERSARY",
                     "ADR", "X-VAULTTOOLS-GROUP", "X-VAULTTOOLS-STATUS", "CATEGORIES", "REV",
                     "PRODID", "X-ABLABEL", "URL"})


def card(contact: Contact, version: str, previous: bytes | None = None) -> bytes:
    """The contact's card; given the card in the vdir now, with what the phone added."""
    lines = card_lines(contact, version)
    if previous:
        lines = _keeping(lines, [line for _, line in logical_lines(
            previous.decode("utf-8", "replace"))])
    return "".join(fold_line(line) for line in lines).encode("utf-8")


def _parts(line: str) -> tuple[str, str, str] | None:
    """(group, NAME, value) of a content line."""
    found = CONTENT_LINE.match(line)
    if found is None:
        return None
    return found.group("group") or "", found.group("name").upper(), found.group("value")


def _same(name: str, value: str) -> str:
    if name == "TEL":
        return phone_key(value.removeprefix("tel:")) or value.strip()
    return normalise_email(value.removeprefix("mailto:"))


def _keeping(ours: list[str], theirs: list[str]) -> list[str]:
    """`ours` with the phone's own line for each email and number both hold, and the
    phone's lines vaulttools does not write (with the labels of their groups)."""
    parsed = [(line, _parts(line)) for line in theirs]
    own = {(name, _same(name, value)): line for line, (group, name, value) in
           ((line, p) for line, p in parsed if p is not None) if name in ("TEL", "EMAIL")}
    groups: set[str] = set()
    out: list[str] = []
    for line in ours:
        parts = _parts(line)
        if parts is not None and parts[1] in ("TEL", "EMAIL"):
            line = own.get((parts[1], _same(parts[1], parts[2])), line)
            groups.add((_parts(line) or ("", "", ""))[0])
        if line == "END:VCARD":
            extra = [(line, p) for line, p in parsed if p is not None and _added(p)]
            groups.update(p[0] for _, p in extra)
            out += [line for line, _ in extra]
            out += [line for line, p in parsed if p is not None and p[1] == "X-ABLABEL"
                    and p[0] and p[0] in groups]
        out.append(line)
    return out


def _added(parts: tuple[str, str, str]) -> bool:
    """A line of the phone's that vaulttools does not write: kept as it is."""
    _, name, value = parts
    if name == "URL":
        return normalise_linkedin(value) is None  # the LinkedIn profile is the note's
    return name not in MODELED

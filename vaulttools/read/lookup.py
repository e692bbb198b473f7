"""Finding a contact by what the user types: file name, name or alias.

Matching ignores case, accents and Unicode normalisation form (names.fold), so
"zoe", "Zoë" (NFC) and "Zoë" (NFD) all find the same person.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from vaulttools.errors import AmbiguousContact, UnknownContact
from vaulttools.model import Contact
from vaulttools.names import fold


def _label(contact: Contact) -> str:
    return f"{contact.name} ({contact.relpath})"


def resolve(query: str, contacts: Sequence[Contact]) -> Contact:
    """The one contact `query` names: a name, file name or alias first, then a first
    name (`nils` is Nils Berg, not Nilsson Carl), then a unique prefix; else "did you
    mean" from names, aliases and first names with small typos (`nisl`)."""
    wanted = fold(query)
    if not wanted:
        raise UnknownContact("no name given")
    keyed = [(contact, contact.keys) for contact in contacts]
    exact = [contact for contact, keys in keyed if wanted in keys]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise _ambiguous(query, exact)
    first = [contact for contact in contacts if fold(contact.first_name) == wanted]
    if len(first) == 1:
        return first[0]
    if len(first) > 1:
        raise _ambiguous(query, first)
    prefixed = [
        contact for contact, keys in keyed
        if any(key.startswith(wanted) or f" {wanted}" in f" {key}" for key in keys)
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise _ambiguous(query, prefixed)
    spelled: dict[str, Contact] = {}
    for contact in contacts:
        for key in (*contact.keys, fold(contact.first_name)):
            spelled.setdefault(key, contact)
    close = difflib.get_close_matches(wanted, list(spelled), n=8, cutoff=0.6)
    candidates = list(dict.fromkeys(_label(spelled[key]) for key in close))[:5]
    hint = f"; did you mean: {', '.join(candidates)}?" if candidates else ""
    raise UnknownContact(f"no contact matches {query!r}{hint}", candidates)


def _ambiguous(query: str, matches: Iterable[Contact]) -> AmbiguousContact:
    labels = sorted(_label(c) for c in matches)
    return AmbiguousContact(
        f"{query!r} matches {len(labels)} contacts: {'; '.join(labels)}; be more specific",
        labels,
    )

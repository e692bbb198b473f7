"""Front-matter keys as people write them, mapped to the fields of model.FIELDS.

People notes come from many templates: `Birthday` and `E-mail` (CRM
templates), `EMAIL[HOME]`, `TEL[CELL]`, `BDAY`, `N.GN` (the obsidian-vcf-
contacts plugin), `first_name` and `last_name`, a nested `contacts: {mail:
...}` (Dataview vaults). A key matches a field ignoring case, spaces, `-`
and `_` and a `[TYPE]` suffix, through the SYNONYMS table; the `[fields]`
table of `.vaulttools.toml` maps any other key, a dotted path reaching into
nested mappings (`email = ["contacts.mail"]`).

`KeyMap.canonical(raw)` gives the mapping build_contact reads, each field
under its own key, and says which of the note's keys each came from. Two
keys of one note giving one list field (two emails) are merged; two giving
one single-valued field are a clash, reported, and the first is kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vaulttools.model import FIELD_BY_KEY

# Normalised key (see normalise) -> the field's front-matter key.
SYNONYMS: dict[str, str] = {
    **{k: "email" for k in ("email", "emails", "mail", "emailaddress", "emailaddresses")},
    **{k: "phone" for k in ("phone", "phones", "phonenumber", "phonenumbers", "tel",
                             "telephone", "mobile", "cell")},
    **{k: "company" for k in ("company", "organization", "organisation", "org", "employer")},
    **{k: "title" for k in ("title", "position", "role", "jobtitle", "job")},
    **{k: "birthday" for k in ("birthday", "bday", "birthdate", "dateofbirth", "dob")},
    **{k: "linkedin" for k in ("linkedin", "linkedinurl", "linkedinprofile")},
    **{k: "tags" for k in ("tags", "categories")},
    # Not `nickname`: drafts greet by it (render/drafts.py), it is not another name.
    **{k: "aliases" for k in ("aliases", "alias", "othernames")},
    # Every way people name "when did we last speak".
    **{k: "last_contact" for k in (
        "lastcontact", "lastcontacted", "lastcontactdate", "lastcontacton", "lastmet",
        "lastmeeting", "lastseen", "lastspoke", "lastspoken", "lastspoketo", "lastspokento",
        "lasttalked", "lasttalk", "lastchat", "lastcall", "lastinteraction",
        "lastinteracted", "lasttouch", "lasttouched", "lasttouchpoint", "lastcatchup",
        "lastreachout", "lastreachedout", "lastconnected", "lastconversation", "lastheard",
        "lastheardfrom", "lastcontactedon", "lastmeetingdate", "lastchatted", "lastchat")},
    **{k: "location" for k in ("location", "city")},
    "uid": "uid",
    "fn": "name", "fullname": "name",
}
# Parts of a name, when `name` is absent: given (first) and family (last).
GIVEN = frozenset({"ngn", "firstname", "givenname"})
FAMILY = frozenset({"nfn", "lastname", "familyname", "surname"})
LIST_FIELDS = frozenset(spec.keys[0] for spec in FIELD_BY_KEY.values()
                        if spec.kind in ("list", "tags"))


@functools.lru_cache(maxsize=4096)
def normalise(key: str) -> str:
    """`E-mail` -> `email`, `EMAIL[HOME]` -> `email`, `Last Contact` -> `lastcontact`,
    `N.GN` -> `ngn`."""
    return re.sub(r"[\s_\-.]", "", re.sub(r"\[[^\]]*\]$", "", key.strip())).lower()


# Every field's own keys, normalised: `Group`, `Met Via`, `SNOOZE_UNTIL` are theirs.
_OWN_KEYS = {normalise(key): spec.keys[0] for key, spec in FIELD_BY_KEY.items()}


@functools.lru_cache(maxsize=4096)
def field_key_of(key: str) -> str | None:
    """The field key (`email`, `birthday`...) a note's key stands for; None if none."""
    if key in FIELD_BY_KEY:
        return FIELD_BY_KEY[key].keys[0]
    folded = normalise(key)
    return SYNONYMS.get(folded) or _OWN_KEYS.get(folded)


@dataclass
class Mapped:
    """A note's front matter with each field under its own key, and where it came from."""

    raw: dict[str, Any]
    sources: dict[str, list[str]] = field(default_factory=dict)  # field key -> note keys
    clashes: list[tuple[str, str, str]] = field(default_factory=list)  # field, kept, other
    split: list[tuple[str, list[str]]] = field(default_factory=list)  # note key, its items


class KeyMap:
    """The synonyms, plus a vault's `[fields]` table (field -> keys or dotted paths)."""

    def __init__(self, configured: Mapping[str, Sequence[str]] | None = None) -> None:
        self.configured = {FIELD_BY_KEY[f].keys[0] if f in FIELD_BY_KEY else f: list(paths)
                           for f, paths in (configured or {}).items()}
        self._top = {path: name for name, paths in self.configured.items() for path in paths
                     if "." not in path}
        self._nested = [(name, path.split(".")) for name, paths in self.configured.items()
                        for path in paths if "." in path]

    def field_of(self, key: str) -> str | None:
        """The field key a top-level key of a note stands for; None if none."""
        return self._top.get(key) or field_key_of(key)

    def key_to_write(self, name: str, raw: Mapping[str, Any]) -> str:
        """The key to write field `name` under in a note: the one it already uses, else
        the vault's convention (the first key `[fields]` lists), else the field's own."""
        if name in raw:
            return name
        for key in raw:
            if self.field_of(str(key)) == name:
                return str(key)
        for path in self.configured.get(name, ()):
            if "." not in path:
                return path
        return name

    def keys_holding(self, name: str, raw: Mapping[str, Any]) -> list[str]:
        """Every top-level key of a note that holds field `name` (`EMAIL[HOME]` and
        `EMAIL[WORK]`; `alias` and `aliases`), in the note's order."""
        field = self.field_of(name) or name
        return [str(key) for key in raw
                if str(key) == name or self.field_of(str(key)) == field]

    def nested_holding(self, name: str, raw: Mapping[str, Any]) -> list[str]:
        """The dotted `[fields]` paths that hold a value of field `name` in a note."""
        field = self.field_of(name) or name
        return [".".join(path) for each, path in self._nested
                if each == field and _reach(raw, path) not in (None, "", [], {})]

    def canonical(self, raw: Mapping[str, Any]) -> Mapped:
        """`raw` with every known field under its own key; other keys as they were."""
        if not self._nested and all(
                key in FIELD_BY_KEY or (field_key_of(key) is None and normalise(key) not in GIVEN
                and normalise(key) not in FAMILY and key not in self._top) for key in raw):
            return Mapped(dict(raw))  # the usual case: nothing to map
        out: dict[str, Any] = {}
        mapped = Mapped(out)
        given = family = None
        for key, value in raw.items():
            if key in FIELD_BY_KEY and FIELD_BY_KEY[key].keys[0] != key:
                out.setdefault(key, value)  # a field's other own key (`emails`): read as is
                continue
            name = self.field_of(key)
            if name is None:
                folded = normalise(key)
                if folded in GIVEN and isinstance(value, str):
                    given = value
                elif folded in FAMILY and isinstance(value, str):
                    family = value
                out.setdefault(key, value)
                continue
            self._put(mapped, name, key, value)
        for name, path in self._nested:
            value = _reach(raw, path)
            if value is not None:
                self._put(mapped, name, ".".join(path), value)
        if "name" not in mapped.sources and (given or family):
            parts = [p.strip() for p in (given, family) if p and p.strip()]
            if parts:
                out["name"] = " ".join(parts)
        return mapped

    @staticmethod
    def _put(mapped: Mapped, name: str, key: str, value: Any) -> None:
        sources = mapped.sources.setdefault(name, [])
        if not sources:
            sources.append(key)
            mapped.raw[name] = value
            return
        if value in (None, "", []):
            return
        kept = mapped.raw.get(name)
        if name in LIST_FIELDS:
            sources.append(key)
            before, added = (_items(mapped, name, sources[0], kept),
                             _items(mapped, name, key, value))
            mapped.raw[name] = [*before, *(v for v in added if v not in before)]
        elif kept in (None, "", []):
            sources.append(key)
            mapped.raw[name] = value
        elif kept != value:
            mapped.clashes.append((name, sources[0], key))


def split_list_text(name: str, text: str) -> list[str]:
    """A list field written as one string (`aliases: Jo, JD`, `CATEGORIES: d,e`): its
    items, split on commas; tags on white space too, as a tag holds none."""
    if name == "tags":
        return [part.lstrip("#") for part in re.split(r"[,\s]+", text) if part.lstrip("#")]
    return [part.strip() for part in text.split(",") if part.strip()]


def _as_list(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, list) else [value]


def _items(mapped: Mapped, name: str, key: str, value: Any) -> list[Any]:
    """The items one key gives a list field; a string is split, and the split recorded
    so that `check` can say so (fields.py reports it)."""
    if isinstance(value, str):
        parts = split_list_text(name, value)
        if name == "tags" or len(parts) > 1:
            mapped.split.append((key, parts))
        return parts
    return _as_list(value)


def _reach(raw: Mapping[str, Any], path: list[str]) -> Any:
    current: Any = raw
    for part in path:
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current

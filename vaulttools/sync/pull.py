"""The pull half of a phone sync: what changed in the contacts vdir since the last push
(the phone's edits, brought by vdirsyncer) brought into the notes. The phone is a
second editor, not the master.

- A card vaulttools wrote, changed on the phone: field by field (emails, phones,
  company and title together, LinkedIn, location, birthday, dates, nicknames),
  against what the card held when pushed (a digest per field, `fields`):
  - the phone changed it and the note did not: the phone's value goes into
    the note, byte-minimally and under the note's own key; items added to a
    list are added;
  - both changed it: a conflict: the note keeps its value, the phone's is
    listed, and the next push writes the note's back;
  - the phone removed it (or items of a list): listed, and applied only with
    `accept_deletions`.
  With no digest remembered (a lost state), the phone's values only add to
  the note: an empty field filled, items added to a list, and any other
  difference listed as a conflict.
- A card vaulttools did not write (a contact made on the phone): a new person
  as an import makes one, matched on strong keys first, tagged `phone`.
- A card deleted on the phone deletes nothing in the vault.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vaulttools.cadence import YearlyDate
from vaulttools.edit.api import Editor, done
from vaulttools.edit.changes import plan_fields
from vaulttools.edit.draft import REMOVE, Edit
from vaulttools.io.importer import ImportPlan, apply_plan, plan_import
from vaulttools.io.records import Person
from vaulttools.io.vcard import card_to_person, parse_cards
from vaulttools.model import Contact, Problem
from vaulttools.names import fold, normalise_email, normalise_linkedin, phone_key
from vaulttools.sync.vdir import digest

LISTS = ("emails", "phones", "aliases")
# The note's key each pulled field is written under (the note's own, if it has one).
KEYS = {"emails": "email", "phones": "phone", "aliases": "aliases", "linkedin": "linkedin",
        "location": "location", "birthday": "birthday", "anniversaries": "anniversaries"}


def values(source: Contact | Person) -> dict[str, Any]:
    """The pulled fields as a card holds them (of a note, as push writes its card)."""
    if isinstance(source, Contact):
        role = [source.company_name or "", source.title or ""]
        location = source.location_name
        birthday = str(source.birthday) if source.birthday else None
        dates = {label: str(y) for label, y in source.anniversaries.items() if y}
    else:
        role = [source.company or "", source.title or ""]
        location = source.location
        birthday = source.birthday
        dates = dict(source.anniversaries)
    return {"emails": list(source.emails), "phones": list(source.phones),
            "aliases": list(source.aliases), "role": role if any(role) else None,
            "linkedin": source.linkedin or None, "location": location or None,
            "birthday": birthday or None, "anniversaries": dates or None}


def _key(name: str, item: str) -> str:
    """What makes two items one: an address, a number, a word, however written."""
    if name == "emails":
        return normalise_email(item)
    if name == "phones":
        return phone_key(item) or item.strip()
    return fold(item)


def _normal(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in LISTS:
        return sorted({_key(name, v) for v in value})
    if name == "linkedin":
        return normalise_linkedin(value) or value
    if name == "role":
        return [fold(v) for v in value]
    if name == "anniversaries":
        return {fold(k): v for k, v in sorted(value.items())}
    return fold(str(value))


def field_digests(source: Contact | Person) -> dict[str, str]:
    """A digest of each pulled field: what push remembers of the card it wrote."""
    return {name: hashlib.sha1(json.dumps(_normal(name, value), sort_keys=True).encode()
                               ).hexdigest()[:16]
            for name, value in values(source).items()}


@dataclass
class PullReport:
    edits: list[Edit] = field(default_factory=list)  # notes the phone's edits went into
    conflicts: list[str] = field(default_factory=list)
    deletions: list[str] = field(default_factory=list)  # listed, not applied
    new: ImportPlan | None = None  # people made on the phone
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)  # file -> digest of the card read

    def as_dict(self) -> dict[str, Any]:
        return {"changed": [{"path": e.relpath, "changes": e.changes} for e in self.edits],
                "conflicts": self.conflicts, "deletions": self.deletions,
                "new": [e.relpath for e in self.new.new] if self.new else [],
                "to_check": [*self.new.to_check, *self.new.ambiguous] if self.new else [],
                "problems": [p.as_dict() for p in self.problems]}


def pull(editor: Editor, folder: Path, written: Mapping[str, str],
         fields: Mapping[str, Mapping[str, str]], ours: Mapping[str, Contact], today: date,
         accept_deletions: bool = False, dry_run: bool = False) -> PullReport:
    """Bring the cards of `folder` that changed since pushed (`written`: file -> digest
    pushed) into the notes; `ours`: file -> the contact whose card it is; `fields`:
    file -> field digests when pushed."""
    report = PullReport()
    strangers: list[Person] = []
    plans: list[Edit] = []
    for path in sorted(folder.glob("*.vcf")) if folder.is_dir() else []:
        data = path.read_bytes()
        if written.get(path.name) == digest(data):
            continue
        report.seen[path.name] = digest(data)
        cards, problems = parse_cards(data.decode("utf-8", "replace"), str(path))
        report.problems += problems
        people = [p for p in (card_to_person(card, str(path)) for card in cards) if p]
        contact = ours.get(path.name)
        if contact is None or len(people) != 1:
            strangers += people  # a new note is tagged `phone`, the import's source
            continue
        values_ = _merged(contact, people[0], fields.get(path.name), accept_deletions, report)
        if values_:
            plans.append(plan_fields(contact, values_, keymap=editor.keymap,
                                     log_titles=editor.log_titles))
    with editor.writing(dry_run, what="sync (pull)"):
        report.edits = [done(edit, dry_run) for edit in plans if edit.changed]
        if strangers:
            report.new = plan_import(editor.vault, strangers, "phone", today)
            if not dry_run:
                report.problems += [Problem(str(e.path or ""), 1, "error", e.reason)
                                    for e in apply_plan(report.new)]
    return report


def _merged(contact: Contact, person: Person, base: Mapping[str, str] | None,
            accept_deletions: bool, report: PullReport) -> dict[str, Any]:
    """What of the phone's card goes into the note (field key -> value to set)."""
    note, phone = values(contact), values(person)
    now, theirs = field_digests(contact), field_digests(person)
    found: dict[str, Any] = {}
    for name, value in phone.items():
        mine = note[name]
        if base is None:  # nothing remembered: add to the note, never replace in it
            if name in LISTS:
                have = {_key(name, v) for v in mine}
                added = [v for v in value if _key(name, v) not in have]
                if added:
                    found.update(_written(name, [*mine, *added]))
            elif not mine and value:
                found.update(_written(name, value))
            elif value and _normal(name, mine) != _normal(name, value):
                report.conflicts.append(f"{contact.name}: {name}: the note says "
                                        f"{_said(mine)}, the phone {_said(value)}; the "
                                        "note's is kept")
            continue
        if theirs[name] == base.get(name):
            continue  # the phone did not change it
        if now[name] != base.get(name):
            report.conflicts.append(f"{contact.name}: {name}: the note says {_said(mine)}, "
                                    f"the phone {_said(value)}; the note's is kept")
            continue
        if name in LISTS:
            keys = {_key(name, v) for v in value}
            kept = [v for v in mine if _key(name, v) in keys]
            gone = [v for v in mine if _key(name, v) not in keys]
            have = {_key(name, v) for v in mine}
            added = [v for v in value if _key(name, v) not in have]
            if gone and not accept_deletions:
                report.deletions.append(f"{contact.name}: {name}: {', '.join(gone)} removed "
                                        "on the phone; kept (--accept-deletions removes)")
                kept = list(mine)
            if added or (gone and accept_deletions):
                found.update(_written(name, kept + added))
        elif not value:
            if accept_deletions:
                found.update(_written(name, None))
            else:
                report.deletions.append(f"{contact.name}: {name}: removed on the phone; kept "
                                        "(--accept-deletions removes)")
        else:
            found.update(_written(name, value))
    return found


def _written(name: str, value: Any) -> dict[str, Any]:
    """The front-matter keys and values a pulled field is written as."""
    if name == "role":
        company, title = value if value else ("", "")
        return {"company": company or REMOVE, "title": title or REMOVE}
    if value in (None, [], {}):
        return {KEYS[name]: REMOVE}
    if name in LISTS:
        return {KEYS[name]: value[0] if len(value) == 1 and name != "aliases" else list(value)}
    if name == "birthday":
        return {"birthday": YearlyDate.parse(value).as_value()}
    return {KEYS[name]: value}


def _said(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or "(nothing)"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value) if value else "(nothing)"

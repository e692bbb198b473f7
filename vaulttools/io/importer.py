"""Matching imported people against the vault, and planning the edits.

A person matches an existing contact (or someone earlier in the same import)
by a strong key: an email (ignoring case), the normalised LinkedIn URL, or
the uid (a vCard UID, the note's `uid`). A name (ignoring case, accents and
Unicode form) matches only when exactly one contact bears it and no strong
key on either side disagrees: two different John Smiths stay two people. A
phone number never merges anyone: households share landlines and numbers
change hands. What could be several people is reported and skipped, never
guessed. A match fills only fields that are empty, except company and title,
which move together: a new role replaces both and logs a `#milestone`.
Re-running an import therefore creates nothing new and changes nothing.
Matching is a few dictionary lookups per row, so planning is linear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vaulttools.cadence import YearlyDate
from vaulttools.edit.changes import apply, plan_fields
from vaulttools.edit.draft import REMOVE, Edit
from vaulttools.edit.lines import log_entry
from vaulttools.errors import VaultError
from vaulttools.identity import contact_uid, new_uid, normalise_uid
from vaulttools.io.records import (
    Person,
    drop_garbled,
    garbled,
    same_company,
)
from vaulttools.model import NEW_ROLE, Contact, Problem
from vaulttools.names import fold, normalise_email, normalise_linkedin, phone_key
from vaulttools.read.keys import KeyMap
from vaulttools.read.vault import Vault
from vaulttools.render.newnote import render_note, safe_file_name, taken_names
from vaulttools.render.templates import environment


@dataclass
class _Known:
    """An existing contact, or a person this import will create."""

    contact: Contact | None
    person: Person
    keys: set[tuple[str, str]] = field(default_factory=set)


def strong_keys(person: Person) -> set[tuple[str, str]]:
    """What identifies a person beyond doubt: emails, profile URL and uid, normalised.

    A phone number is not one: a household shares a landline, a company a
    switchboard, and a number is passed on to the next owner.
    """
    keys = {("email", normalise_email(e)) for e in person.emails if normalise_email(e)}
    linkedin = normalise_linkedin(person.linkedin)
    if linkedin:
        keys.add(("linkedin", linkedin))
    uid = normalise_uid(person.uid)
    if uid:
        keys.add(("uid", uid))
    return keys


def _disagree(mine: set[tuple[str, str]], theirs: set[tuple[str, str]]) -> bool:
    """Both sides know a key of the same kind (email, linkedin, uid) and share none."""
    for kind in ("email", "linkedin", "uid"):
        a = {v for k, v in mine if k == kind}
        b = {v for k, v in theirs if k == kind}
        if a and b and not a & b:
            return True
    return False


class _Matcher:
    """Everyone known so far, indexed by strong key and by folded name.

    Built once per import and extended as rows come in, so matching a row
    costs a few dictionary lookups however large the vault and the file.
    """

    def __init__(self) -> None:
        self.known: list[_Known] = []
        self.by_key: dict[tuple[str, str], list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_phone: dict[str, list[int]] = {}  # never to merge: to say who shares one

    def add(self, contact: Contact | None, person: Person) -> int:
        index = len(self.known)
        self.known.append(_Known(contact, person))
        self.by_name.setdefault(fold(person.name), []).append(index)
        self.absorb(index, person)
        return index

    def absorb(self, index: int, person: Person) -> None:
        entry = self.known[index]
        for key in strong_keys(person) - entry.keys:
            entry.keys.add(key)
            self.by_key.setdefault(key, []).append(index)
        for phone in filter(None, map(phone_key, person.phones)):
            sharing = self.by_phone.setdefault(phone, [])
            if index not in sharing:
                sharing.append(index)

    def sharing_a_phone(self, index: int, person: Person) -> list[int]:
        """The others known with one of this person's phone numbers."""
        return sorted({other for phone in filter(None, map(phone_key, person.phones))
                       for other in self.by_phone.get(phone, ()) if other != index})

    def label(self, index: int) -> str:
        entry = self.known[index]
        return entry.contact.relpath if entry.contact else entry.person.name

    def match(self, person: Person) -> list[int]:
        """The one entry this person is, several when that is ambiguous, none when new.

        A strong key decides. Without one, a name matches only when exactly one
        entry bears it and no strong key on either side contradicts it.
        """
        keys = strong_keys(person)
        by_key = sorted({i for key in keys for i in self.by_key.get(key, ())})
        if by_key:
            return by_key
        named = self.by_name.get(fold(person.name), [])
        possible = [i for i in named if not _disagree(keys, self.known[i].keys)]
        if not possible:
            return []
        return named if len(named) > 1 else possible


def _person_of(contact: Contact) -> Person:
    """What the vault knows of a contact, for matching; a note without a `uid` answers
    to the UID its exports carried (derived from its path)."""
    return Person(contact.name, contact.relpath, emails=list(contact.emails),
                  phones=list(contact.phones), linkedin=contact.linkedin,
                  uid=contact_uid(contact))


@dataclass
class ImportPlan:
    """What an import would do; `apply_plan` does it."""

    source: str
    new: list[Edit] = field(default_factory=list)
    updated: list[Edit] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)  # kept apart, but worth a look
    repeated: int = 0

    def summary(self) -> dict[str, int]:
        return {"new": len(self.new), "updated": len(self.updated),
                "unchanged": len(self.unchanged), "ambiguous": len(self.ambiguous),
                "problems": len(self.problems), "repeated": self.repeated,
                "to_check": len(self.to_check)}

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "summary": self.summary(),
            "new": [edit.relpath for edit in self.new],
            "updated": [{"path": edit.relpath, "changes": edit.changes}
                        for edit in self.updated],
            "unchanged": self.unchanged,
            "ambiguous": self.ambiguous,
            "to_check": self.to_check,
            "problems": [problem.as_dict() for problem in self.problems],
        }


def front_matter_of(person: Person) -> dict[str, Any]:
    """The fields an imported person gives a note (empty ones left out)."""
    values: dict[str, Any] = {
        "aliases": person.aliases or None,
        "company": person.company,
        "title": person.title,
        "email": _one_or_list(person.emails),
        "phone": _one_or_list(person.phones),
        "linkedin": person.linkedin,
        "location": person.location,
        "birthday": YearlyDate.parse(person.birthday).as_value() if person.birthday else None,
        "anniversaries": person.anniversaries or None,
        "met": person.met,
        "status": person.status,
    }
    return {k: v for k, v in values.items() if v not in (None, "", [], {})}


def plan_import(
    vault: Vault, people: Iterable[Person], source: str, today: date,
    group: str | None = None, problems: Iterable[Problem] = (),
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Match every person and plan the notes to create and the empty fields to fill.

    `progress(n)` is told of every n people matched and notes planned.
    """
    plan = ImportPlan(source, problems=list(problems))
    matcher = _Matcher()
    for contact in vault.contacts:
        matcher.add(contact, _person_of(contact))
    found: dict[int, Person] = {}  # an existing contact's index -> what the source says
    for person in people:
        matches = matcher.match(person)
        if progress is not None:
            progress(1)
        if garbled(person.name) and not matches:
            plan.to_check.append(f"{person.name} ({person.origin}): the name looks garbled "
                                 "(the file's encoding is off); not created: fix the file, or "
                                 "add them by hand")
            continue
        dropped = drop_garbled(person)
        if dropped:
            plan.to_check.append(f"{person.name} ({person.origin}): {', '.join(dropped)} "
                                 "looks garbled (the file's encoding is off); left out")
        if len(matches) > 1:
            names = ", ".join(sorted(matcher.label(i) for i in matches))
            plan.ambiguous.append(f"{person.name} ({person.origin}) matches {names}; skipped")
            continue
        index = matches[0] if matches else matcher.add(None, person)
        matcher.absorb(index, person)
        sharing = [] if matches else matcher.sharing_a_phone(index, person)
        if sharing:  # only for someone new: a known person was asked about before
            names = ", ".join(sorted(matcher.label(i) for i in sharing))
            plan.to_check.append(f"{person.name} ({person.origin}) shares a phone number "
                                 f"with {names}; kept apart, merge them by hand if they are "
                                 "one person")
        if not matches:
            continue
        entry = matcher.known[index]
        if entry.contact is None:
            plan.repeated += 1
            entry.person.merge(person)
        else:
            found.setdefault(index, Person(person.name, person.origin)).merge(person)
    env = environment(vault.settings)
    folder = vault.settings.root / vault.settings.contacts[0]
    taken = taken_names(folder)
    keymap = KeyMap(vault.settings.fields)
    for index, entry in enumerate(matcher.known):
        if entry.contact is None:
            plan.new.append(_plan_new_note(vault, entry.person, source, today, group, env, taken))
        elif index in found:
            edit = _plan_update(entry.contact, found[index], source, today, keymap,
                                vault.settings.log_headings)
            if edit.changed:
                plan.updated.append(edit)
            else:
                plan.unchanged.append(entry.contact.relpath)
        else:
            continue
        if progress is not None:
            progress(1)
    return plan


def new_role(contact: Contact, person: Person) -> dict[str, object] | None:
    """The company and title to write when the source gives a known person another role.

    A role is a pair: a new company comes with its title (or none), never the
    new title at the old company. Only a source that names the company can
    say the role changed; filling what the note leaves empty is not a change.
    """
    if not person.company or not (contact.company_name or contact.title):
        return None
    company_moved = not same_company(person.company, contact.company_name)
    title_moved = bool(person.title) and fold(person.title or "") != fold(contact.title or "")
    if company_moved and (contact.company_name or (title_moved and contact.title)):
        return {"company": person.company, "title": person.title or REMOVE}
    if not company_moved and title_moved and contact.title:
        return {"title": person.title}
    return None


def role_text(role: Mapping[str, object], contact: Contact) -> str:
    """`New role: CTO at Foo` for the milestone an import logs."""
    title = role.get("title")
    company = role.get("company", contact.company_name)
    title_text = title if isinstance(title, str) else ""
    at = f" at {company}" if isinstance(company, str) and company else ""
    return f"{NEW_ROLE}: {title_text}{at}" if title_text else f"{NEW_ROLE}{at}"


def _plan_update(contact: Contact, person: Person, source: str, today: date,
                 keymap: KeyMap, log_titles: frozenset[str]) -> Edit:
    """Fill the note's empty fields; a new role replaces both halves and logs a #milestone."""
    values = front_matter_of(person)
    role = new_role(contact, person)
    if role is None:
        if contact.company_name and not person.company:
            values.pop("title", None)  # a title without its company may belong elsewhere
        return plan_fields(contact, values, only_empty=True, keymap=keymap)
    values.update(role)
    entry = log_entry(today, role_text(role, contact), source, flags=("milestone",))
    return plan_fields(contact, values, only_empty=True, overwrite=role.keys(),
                       log=(today, entry), keymap=keymap, log_titles=log_titles)


def _plan_new_note(vault: Vault, person: Person, source: str, today: date, group: str | None,
                   env: Any, taken: set[str]) -> Edit:
    settings = vault.settings
    base = safe_file_name(person.name)
    file_name, number = f"{base}.md", 2
    while fold(file_name) in taken:
        file_name, number = f"{base} {number}.md", number + 1
    taken.add(fold(file_name))
    relpath = f"{settings.contacts[0]}/{file_name}"
    path = settings.root / relpath
    tags = [source, *(t for t in person.tags if t != source)]
    fields: dict[str, Any] = {**front_matter_of(person)}
    # An import knows neither when you met (unless the source says) nor that you
    # reviewed them: leave both out so `review` lists them for triage.
    fields.setdefault("met", REMOVE)
    fields["reviewed"] = REMOVE
    fields["uid"] = normalise_uid(person.uid) or new_uid()
    text = render_note(settings, person.name, today, path, relpath, fields, person.note, env,
                       group=group or _one_or_list(person.groups) or (
                           None if person.sorted else settings.triage_group),
                       tags=tags, email=None,
                       company=None, title=None, met_via=None)
    return Edit(path, relpath, None, text.encode("utf-8"), [f"new contact {person.name}"])


def _one_or_list(values: list[str]) -> str | list[str] | None:
    """One value as text, several (or one holding a comma, which a list field's text
    is split on when read: a dial pause, `+1 555 0100,,23`) as a list."""
    return values[0] if len(values) == 1 and "," not in values[0] else (values or None)


def apply_plan(plan: ImportPlan, progress: Callable[[int], None] | None = None) -> list[VaultError]:
    """Write every planned note; a refused one is returned, the rest still written."""
    failures = []
    for edit in [*plan.new, *plan.updated]:
        try:
            apply(edit)
        except VaultError as exc:
            failures.append(exc)
        if progress is not None:
            progress(1)
    return failures


def describe(plan: ImportPlan) -> list[str]:
    """One line per planned action, for the preview and the summary."""
    lines = [f"new: {e.relpath}" for e in plan.new]
    for edit in plan.updated:
        fields = ", ".join(change.split(":", 1)[0] for change in edit.changes)
        lines.append(f"update: {edit.relpath} ({fields})")
    lines += [f"unchanged: {relpath}" for relpath in plan.unchanged]
    lines += [f"ambiguous: {text}" for text in plan.ambiguous]
    lines += [f"check: {text}" for text in plan.to_check]
    lines += [f"problem: {p.format()}" for p in plan.problems]
    return lines


def read_source(kind: str, path: Any) -> tuple[list[Person], list[Problem]]:
    """Read an export: kind is linkedin, vcard or google."""
    from pathlib import Path

    from vaulttools.io.csvsources import read_google, read_linkedin
    from vaulttools.io.vcard import read_vcards

    readers: Mapping[str, Callable[[Path], Any]] = {
        "linkedin": read_linkedin, "vcard": read_vcards, "google": read_google}
    result = readers[kind](Path(path))
    return result.people, result.problems

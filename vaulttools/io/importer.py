"""Matching imported people against the vault, and planning the edits.

A person matches an existing contact (or someone earlier in the same import)
by email, normalised LinkedIn URL, normalised phone number, or exact name
(ignoring case, accents and Unicode form). A name alone does not match when
the emails or LinkedIn profiles on both sides disagree: two different John
Smiths stay two people. A match only fills fields that are empty; user data
is never overwritten. A person matching several contacts is reported and
skipped. Re-running an import therefore creates nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vaulttools.edit.changes import REMOVE, Edit, apply, plan_fields
from vaulttools.errors import VaultError
from vaulttools.io.records import (
    Person,
    normalise_email,
    normalise_linkedin,
    normalise_phone,
    phones_match,
)
from vaulttools.model import Contact, Problem
from vaulttools.names import fold
from vaulttools.read.vault import Vault
from vaulttools.render.newnote import render_note, safe_file_name, taken_names
from vaulttools.render.templates import environment


@dataclass
class _Known:
    """An existing contact, or a person this import will create."""

    contact: Contact | None
    person: Person
    emails: set[str] = field(default_factory=set)
    phones: list[str] = field(default_factory=list)
    linkedin: str | None = None
    name: str = ""

    @classmethod
    def of(cls, contact: Contact | None, person: Person) -> _Known:
        known = cls(contact, person)
        known.absorb(person)
        return known

    def absorb(self, person: Person) -> None:
        self.emails |= {normalise_email(e) for e in person.emails}
        self.phones += [p for p in map(normalise_phone, person.phones) if p]
        self.linkedin = self.linkedin or normalise_linkedin(person.linkedin)
        self.name = self.name or fold(person.name)

    def matches(self, person: Person) -> bool:
        emails = {normalise_email(e) for e in person.emails}
        linkedin = normalise_linkedin(person.linkedin)
        phones = [p for p in map(normalise_phone, person.phones) if p]
        if emails & self.emails or (linkedin and linkedin == self.linkedin):
            return True
        if any(phones_match(a, b) for a in phones for b in self.phones):
            return True
        contradicts = (emails and self.emails) or (linkedin and self.linkedin)
        return fold(person.name) == self.name and not contradicts


def _person_of(contact: Contact) -> Person:
    return Person(contact.name, contact.relpath, emails=list(contact.emails),
                  phones=list(contact.phones), linkedin=contact.linkedin)


@dataclass
class ImportPlan:
    """What an import would do; `apply_plan` does it."""

    source: str
    new: list[Edit] = field(default_factory=list)
    updated: list[Edit] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    repeated: int = 0

    def summary(self) -> dict[str, int]:
        return {"new": len(self.new), "updated": len(self.updated),
                "unchanged": len(self.unchanged), "ambiguous": len(self.ambiguous),
                "problems": len(self.problems), "repeated": self.repeated}

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "summary": self.summary(),
            "new": [edit.relpath for edit in self.new],
            "updated": [{"path": edit.relpath, "changes": edit.changes}
                        for edit in self.updated],
            "unchanged": self.unchanged,
            "ambiguous": self.ambiguous,
            "problems": [problem.as_dict() for problem in self.problems],
        }


def front_matter_of(person: Person) -> dict[str, Any]:
    """The fields an imported person gives a note (empty ones left out)."""
    values: dict[str, Any] = {
        "aliases": person.aliases or None,
        "company": person.company,
        "title": person.title,
        "email": person.emails[0] if len(person.emails) == 1 else (person.emails or None),
        "phone": person.phones[0] if len(person.phones) == 1 else (person.phones or None),
        "linkedin": person.linkedin,
        "location": person.location,
        "birthday": person.birthday,
        "anniversaries": person.anniversaries or None,
        "met": person.met,
    }
    return {k: v for k, v in values.items() if v not in (None, "", [], {})}


def plan_import(
    vault: Vault, people: Iterable[Person], source: str, today: date,
    group: str | None = None, problems: Iterable[Problem] = (),
) -> ImportPlan:
    """Match every person and plan the notes to create and the empty fields to fill."""
    plan = ImportPlan(source, problems=list(problems))
    known = [_Known.of(c, _person_of(c)) for c in vault.contacts]
    fills: dict[int, Person] = {}  # index into `known` of an existing contact -> what to add
    for person in people:
        matches = [k for k in known if k.matches(person)]
        if len(matches) > 1:
            names = ", ".join(sorted(m.contact.relpath if m.contact else m.person.name
                                     for m in matches))
            plan.ambiguous.append(f"{person.name} ({person.origin}) matches {names}; skipped")
            continue
        if not matches:
            known.append(_Known.of(None, person))
            continue
        match = matches[0]
        match.absorb(person)
        if match.contact is None:
            plan.repeated += 1
            match.person.merge(person)
        else:
            index = known.index(match)
            fills.setdefault(index, Person(person.name, person.origin)).merge(person)
    env = environment(vault.settings)
    folder = vault.settings.root / vault.settings.contacts[0]
    taken = taken_names(folder)
    for index, entry in enumerate(known):
        if entry.contact is None:
            plan.new.append(_plan_new_note(vault, entry.person, source, today, group, env, taken))
        elif index in fills:
            edit = plan_fields(entry.contact, front_matter_of(fills[index]), only_empty=True)
            if edit.changed:
                plan.updated.append(edit)
            else:
                plan.unchanged.append(entry.contact.relpath)
    return plan


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
    text = render_note(settings, person.name, today, path, relpath, fields, person.note, env,
                       group=group or settings.triage_group, tags=tags, email=None,
                       company=None, title=None, met_via=None)
    return Edit(path, relpath, None, text.encode("utf-8"), [f"new contact {person.name}"])


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

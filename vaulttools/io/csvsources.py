"""LinkedIn and Google Contacts CSV exports -> Person records.

Both are read with the csv module (quoted commas, embedded newlines, CRLF);
the header row is found rather than assumed, because LinkedIn puts a
`Notes:` preamble before it and its columns have changed over the years.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from vaulttools.io.exportfiles import members
from vaulttools.io.records import (
    Person,
    ReadResult,
    clean,
    event_label,
    parse_loose_date,
    person_name,
    split_list,
    tag_slug,
    yearly_text,
)
from vaulttools.model import Problem
from vaulttools.names import normalise_linkedin

MULTI = " ::: "  # Google's separator for several values in one cell


def _tables(path: Path, patterns: tuple[str, ...],
            result: ReadResult) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """(origin, rows) of each CSV the export holds: the file, or the members of its zip
    that match `patterns`; each row with its line number."""
    opened = members(path, patterns, "a CSV file")
    result.problems.extend(opened.problems)
    tables = []
    for export in opened.files:
        reader = csv.reader(io.StringIO(export.text, newline=""))
        rows = []
        try:
            for row in reader:
                rows.append((reader.line_num, row))
        except csv.Error as exc:
            result.problems.append(Problem(export.origin, reader.line_num, "error",
                                           f"bad CSV: {exc}"))
        tables.append((export.origin, rows))
    return tables


def _find_header(rows: list[tuple[int, list[str]]], needed: Sequence[str]) -> int | None:
    for index, (_, row) in enumerate(rows):
        cells = {clean(c).lower() for c in row}
        if all(any(n in cell for cell in cells) for n in needed):
            return index
    return None


def read_linkedin(path: Path) -> ReadResult:
    """LinkedIn's Connections.csv (with or without its preamble and URL column), or the
    export's zip, which holds it."""
    result = ReadResult()
    for origin, rows in _tables(path, ("connections.csv",), result):
        _linkedin_rows(origin, rows, result)
    return result


def _linkedin_rows(path: str, rows: list[tuple[int, list[str]]], result: ReadResult) -> None:
    start = _find_header(rows, ["first name", "last name"])
    if start is None:
        result.problems.append(Problem(path, 1, "error", "no header row with "
                                       "'First Name' and 'Last Name': is this LinkedIn's "
                                       "Connections.csv?"))
        return
    header = [clean(c).lower() for c in rows[start][1]]

    def column(*names: str) -> int | None:
        for name in names:
            if name in header:
                return header.index(name)
        return None

    cols = {key: column(*names) for key, names in {
        "first": ("first name",), "last": ("last name",), "url": ("url", "profile url"),
        "email": ("email address", "email"), "company": ("company",),
        "position": ("position", "title"), "connected": ("connected on",),
    }.items()}
    for line, row in rows[start + 1:]:
        def cell(key: str, row: list[str] = row) -> str:
            index = cols[key]
            return clean(row[index]) if index is not None and index < len(row) else ""

        if not any(clean(c) for c in row):
            continue
        name, nicknames = person_name(f"{cell('first')} {cell('last')}")
        if not name:
            result.warn(path, line, "row has no name; skipped")
            continue
        person = Person(name, f"{path}:{line}", company=cell("company") or None,
                        title=cell("position") or None, tags=["linkedin"], aliases=nicknames)
        if cell("email"):
            person.emails.append(cell("email"))
        if cell("url"):
            person.linkedin = normalise_linkedin(cell("url"))
            if person.linkedin is None:
                result.warn(path, line, f"{name}: not a LinkedIn profile URL: "
                                               f"{cell('url')!r}")
        if cell("connected"):
            person.met = parse_loose_date(cell("connected"))
            if person.met is None:
                result.warn(path, line, f"{name}: unreadable 'Connected On' date "
                                               f"{cell('connected')!r}")
        result.people.append(person)


def strip_prefix(name: str, prefix: str) -> str:
    """`Dr. Amara Okafor` -> `Amara Okafor` when the prefix column says `Dr.`."""
    if prefix and name.casefold().startswith(prefix.casefold() + " "):
        return name[len(prefix):].strip()
    return name


def _multi(value: str) -> list[str]:
    return [clean(v) for v in value.split(MULTI) if clean(v)]


def read_google(path: Path) -> ReadResult:
    """Google Contacts' CSV export, current ("Labels") or legacy ("Group Membership")
    layout, or a zip of such files."""
    result = ReadResult()
    for origin, rows in _tables(path, ("*.csv",), result):
        _google_rows(origin, rows, result)
    return result


def _google_rows(path: str, rows: list[tuple[int, list[str]]], result: ReadResult) -> None:
    start = _find_header(rows, ["name"])
    if start is None or not rows:
        result.problems.append(Problem(path, 1, "error", "no header row: is this a "
                                       "Google Contacts CSV export?"))
        return
    header = [clean(c) for c in rows[start][1]]
    lower = [h.lower() for h in header]

    def indexes(pattern: str) -> list[int]:
        return [i for i, h in enumerate(lower) if re.fullmatch(pattern, h)]

    def first(*names: str) -> int | None:
        for name in names:
            if name in lower:
                return lower.index(name)
        return None

    email_cols = indexes(r"e-mail \d+ - value")
    phone_cols = indexes(r"phone \d+ - value")
    site_cols = indexes(r"website \d+ - value")
    event_cols = [(i, first(lower[i].replace("- value", "- label")))
                  for i in indexes(r"event \d+ - value")]
    city = first("address 1 - city")
    country = first("address 1 - country")
    cols = {
        "name": first("name"), "given": first("first name", "given name"),
        "middle": first("middle name", "additional name"),
        "family": first("last name", "family name"), "nickname": first("nickname"),
        "prefix": first("name prefix"),
        "company": first("organization name", "organization 1 - name"),
        "title": first("organization title", "organization 1 - title"),
        "birthday": first("birthday"), "notes": first("notes"),
        "labels": first("labels", "group membership"), "location": first("location"),
    }
    for line, row in rows[start + 1:]:
        def cell(index: int | None, row: list[str] = row) -> str:
            return row[index].strip() if index is not None and index < len(row) else ""

        if not any(clean(c) for c in row):
            continue
        # The prefix is an honorific ("Dr."), never part of the name or a first name.
        prefix = clean(cell(cols["prefix"]))
        name = clean(" ".join(cell(cols[k]) for k in ("given", "middle", "family")))
        name, nicknames = person_name(name or strip_prefix(clean(cell(cols["name"])), prefix))
        emails = [e for i in email_cols for e in _multi(cell(i))]
        if not name:
            name = clean(cell(cols["company"])) or (emails[0] if emails else "")
        if not name:
            result.warn(path, line, "row has no name; skipped")
            continue
        person = Person(name, f"{path}:{line}", emails=emails,
                        phones=[p for i in phone_cols for p in _multi(cell(i))],
                        company=clean(cell(cols["company"])) or None,
                        title=clean(cell(cols["title"])) or None, note=cell(cols["notes"]) or None)
        for site in (s for i in site_cols for s in _multi(cell(i))):
            person.linkedin = person.linkedin or normalise_linkedin(site)
        if cell(cols["birthday"]):
            person.birthday = yearly_text(cell(cols["birthday"]))
            if person.birthday is None:
                result.warn(path, line, f"{name}: unreadable birthday "
                                               f"{cell(cols['birthday'])!r}")
        place = clean(cell(cols["location"])) or ", ".join(
            p for p in (clean(cell(city)), clean(cell(country))) if p)
        person.location = place or None
        person.aliases.extend(a for a in [*split_list(cell(cols["nickname"])), *nicknames]
                              if a not in person.aliases)
        for value_col, label_col in event_cols:
            when = cell(value_col)
            if not when:
                continue
            label = clean(cell(label_col)) or "event"
            yearly = yearly_text(when)
            if yearly is None:
                result.warn(path, line, f"{name}: unreadable {label} date {when!r}")
            else:
                person.anniversaries.setdefault(event_label(label), yearly)
        person.tags = ["google"] + [
            tag_slug(label) for label in _multi(cell(cols["labels"]).replace(" ::: ", MULTI))
            if tag_slug(label) and tag_slug(label) != "mycontacts"
        ]
        result.people.append(person)

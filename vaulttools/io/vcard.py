"""vCard 2.1, 3.0 and 4.0: reading cards into Person records, and writing 4.0 or 3.0.

Parsed by hand rather than with vobject. vobject 0.9.9 with `allowQP=True`
and `ignoreUnreadable=True` reads 2.1 quoted-printable, but on real exports
it still (tests/test_vcard_quirks.py shows each):
- drops all but the first of `NICKNAME:Jo,JA` (it keeps `Jo`);
- stops the whole file with a ParseError at a card missing END:VCARD;
- keeps a card with an unreadable line, minus the line, and says so only
  to the logging module, with no way to report it with the file and card.
Here a broken card is skipped and reported with its file and line, and the
rest of the file is read. The tests cross-check `write_vcards` with vobject.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vaulttools.cadence import YearlyDate
from vaulttools.identity import vcard_uid
from vaulttools.io.exportfiles import members
from vaulttools.io.records import (
    APPLE_NO_YEAR,
    Person,
    ReadResult,
    clean,
    event_label,
    tag_slug,
    yearly_text,
)
from vaulttools.model import STATUSES, Contact, Problem
from vaulttools.names import normalise_linkedin

# Where vaulttools keeps a contact's groups in a vCard (CATEGORIES holds them too,
# with the tags, for address books that show categories), and a status other
# than active (vCard has none).
GROUP_PROPERTY = "X-VAULTTOOLS-GROUP"
STATUS_PROPERTY = "X-VAULTTOOLS-STATUS"

CONTENT_LINE = re.compile(
    r"^(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*)?):(?P<value>.*)$",
    re.DOTALL,
)


@dataclass
class Prop:
    name: str
    params: dict[str, list[str]]
    value: str
    group: str | None = None

    @property
    def types(self) -> set[str]:
        return {t.lower() for t in self.params.get("TYPE", [])}


@dataclass
class Card:
    line: int
    props: list[Prop] = field(default_factory=list)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> str:
        found = self.all(name)
        return found[0].value if found else ""


def _params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in re.findall(r';((?:[^;"]|"[^"]*")*)', text):
        if "=" in part:
            key, value = part.split("=", 1)
            values = [v.strip('"') for v in re.findall(r'(?:[^,"]|"[^"]*")+', value)]
            params.setdefault(key.upper(), []).extend(values)
        elif part:
            params.setdefault("TYPE", []).append(part)  # vCard 2.1 bare types: TEL;CELL
    return params


def _unescape(value: str) -> str:
    return re.sub(r"\\([nN,;:\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split_escaped(value: str, separator: str) -> list[str]:
    """`value` split on each `separator` that no backslash escapes (`a\\;b;c` is
    `a\\;b` and `c`; in `a\\\\;b` the backslash is escaped, so `;` splits)."""
    parts = [""]
    for piece in re.findall(r"\\.|.", value, re.DOTALL):
        if piece == separator:
            parts.append("")
        else:
            parts[-1] += piece
    return parts


def split_structured(value: str) -> list[str]:
    """Split N or ORG on unescaped `;`."""
    return [_unescape(part) for part in _split_escaped(value, ";")]


def _text(value: str) -> str | None:
    """A text value as written: unescaped, its line breaks kept, only its ends trimmed
    (a title over two lines comes back over two lines)."""
    return _unescape(value).strip() or None


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfold continuation lines and quoted-printable soft breaks; yield (line number, line)."""
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    while index < len(physical):
        start, line = index + 1, physical[index]
        index += 1
        quoted_printable = "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()
        while index < len(physical):
            nxt = physical[index]
            if nxt[:1] in (" ", "\t"):
                line += nxt[1:]
            elif quoted_printable and line.endswith("="):
                line = line[:-1] + "=\n" + nxt  # keep the soft break for the decoder
            else:
                break
            index += 1
        yield start, line


def _value(params: dict[str, list[str]], raw: str) -> str | None:
    encoding = {e.upper() for e in params.get("ENCODING", [])}
    if encoding & {"B", "BASE64"}:
        return None  # photos and other binaries are skipped
    if "QUOTED-PRINTABLE" in encoding:
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        try:
            return quopri.decodestring(raw.encode("latin-1", errors="replace")).decode(
                charset, errors="replace")
        except LookupError:
            return quopri.decodestring(raw.encode("latin-1", errors="replace")).decode(
                "utf-8", errors="replace")
    return raw


def parse_cards(text: str, origin: str) -> tuple[list[Card], list[Problem]]:
    """Every card in a vCard text; a broken card is reported and skipped."""
    cards: list[Card] = []
    problems: list[Problem] = []
    current: Card | None = None
    broken = False
    for number, line in logical_lines(text):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if current is not None and not broken:
                problems.append(Problem(origin, current.line, "error",
                                        "card has no END:VCARD; skipped"))
            current, broken = Card(number), False
            continue
        if upper == "END:VCARD":
            if current is not None and not broken:
                cards.append(current)
            current = None
            continue
        if current is None or broken:
            continue
        match = CONTENT_LINE.match(line)
        if not match:
            problems.append(Problem(origin, number, "error",
                                    f"card starting on line {current.line}: cannot read "
                                    f"{line[:40]!r}; card skipped"))
            broken = True
            continue
        params = _params(match.group("params"))
        value = _value(params, match.group("value"))
        if value is not None:
            current.props.append(Prop(match.group("name").upper(), params, value,
                                      match.group("group")))
    if current is not None and not broken:
        problems.append(Problem(origin, current.line, "error", "card has no END:VCARD; skipped"))
    return cards, problems


def card_to_person(card: Card, origin: str) -> Person | None:
    name = clean(_unescape(card.first("FN")))
    parts = split_structured(card.first("N")) if card.first("N") else []
    if not name and parts:
        family, given = [*parts, "", ""][:2]
        middle = parts[2] if len(parts) > 2 else ""
        name = clean(" ".join(p for p in (given, middle, family) if p))
    if not name:
        name = clean(card.first("ORG").split(";")[0]) or clean(card.first("EMAIL"))
    if not name:
        return None
    labels = {p.group: _unescape(p.value) for p in card.all("X-ABLABEL") if p.group}
    person = Person(name, f"{origin}:{card.line}")
    for prop in card.all("EMAIL"):
        value = clean(_unescape(prop.value)).removeprefix("mailto:")
        if value and value not in person.emails:
            person.emails.append(value)
    for prop in card.all("TEL"):
        value = clean(_unescape(prop.value)).removeprefix("tel:")
        if value and value not in person.phones:
            person.phones.append(value)
    org = split_structured(card.first("ORG")) if card.first("ORG") else []
    person.company = (org[0].strip() or None) if org else None
    person.title = _text(card.first("TITLE"))
    for prop in [*card.all("URL"), *card.all("X-SOCIALPROFILE")]:
        label = labels.get(prop.group or "", "")
        url = normalise_linkedin(_unescape(prop.value))
        if url is None and ("linkedin" in label.lower() or "linkedin" in prop.types):
            url = normalise_linkedin(f"linkedin.com/in/{prop.value.rsplit('/', 1)[-1]}")
        if url and not person.linkedin:
            person.linkedin = url
    for prop in card.all("BDAY")[:1]:
        person.birthday = yearly_text(prop.value, _omit_year(prop))
    for prop in card.all("X-ABDATE"):  # Apple: itemN.X-ABDATE with its itemN.X-ABLabel
        when = yearly_text(prop.value, _omit_year(prop))
        if when:
            label = event_label(labels.get(prop.group or "", "") or "event")
            person.anniversaries.setdefault(label, when)
    for prop in card.all("ANNIVERSARY")[:1]:
        when = yearly_text(prop.value, _omit_year(prop))
        if when and when not in person.anniversaries.values():
            person.anniversaries.setdefault("anniversary", when)
    person.uid = clean(card.first("UID")) or None
    note = _unescape(card.first("NOTE")).strip()
    person.note = note or None
    adr = split_structured(card.first("ADR")) if card.first("ADR") else []
    if len(adr) >= 7:
        person.location = ", ".join(p for p in (adr[3].strip(), adr[6].strip()) if p) or None
    status = clean(card.first(STATUS_PROPERTY)).lower()
    person.status = status if status in STATUSES else None
    for prop in card.all(GROUP_PROPERTY):
        person.sorted = True
        person.groups.extend(g for g in split_values(prop.value) if g not in person.groups)
    categories = [tag for prop in card.all("CATEGORIES") for tag in split_values(prop.value)]
    ours = person.sorted and categories[:len(person.groups)] == person.groups
    if ours:
        categories = categories[len(person.groups):]  # as we write them: groups, then tags
    person.tags = list(dict.fromkeys(tag for tag in map(tag_slug, categories)
                                     if tag and (ours or tag not in person.groups)))
    for prop in card.all("NICKNAME"):  # a comma-separated list, and may be repeated
        person.aliases.extend(a for a in split_values(prop.value) if a not in person.aliases)
    return person


def split_values(value: str) -> list[str]:
    """A list value (`NICKNAME:Jo,JA`, CATEGORIES) split on unescaped commas."""
    parts = (_unescape(part).strip() for part in _split_escaped(value, ","))
    return [part for part in parts if part]


def _omit_year(prop: Prop) -> str | None:
    found = prop.params.get("X-APPLE-OMIT-YEAR")
    return found[0] if found else None


def read_vcards(source: Path) -> ReadResult:
    """A .vcf file, a zip of them, or a folder of either (recursively)."""
    result = ReadResult()
    files = sorted([*source.rglob("*.vcf"), *source.rglob("*.zip")]) if source.is_dir() \
        else [source]
    for path in files:
        opened = members(path, ("*.vcf",), "a vCard file")
        result.problems.extend(opened.problems)
        for export in opened.files:
            cards, problems = parse_cards(export.text, export.origin)
            result.problems.extend(problems)
            for card in cards:
                person = card_to_person(card, export.origin)
                if person is None:
                    result.problems.append(Problem(export.origin, card.line, "warning",
                                                   "card has no name, organisation or "
                                                   "email; skipped"))
                else:
                    result.people.append(person)
    return result


# -- writing ---------------------------------------------------------------------------


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold_line(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 character (RFC 6350 3.2); a
    continuation's leading space counts, so it holds 74 more."""
    if len(line) <= 75 and line.isascii():  # most lines
        return line + "\r\n"
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out) + "\r\n"


VERSIONS = ("4.0", "3.0")


def _vcard_date(yearly: YearlyDate, version: str) -> tuple[str, str]:
    """(parameters, value) of a yearly date: `19850302`; without a year `--0302` in
    4.0 (RFC 6350 4.3.1), Apple's `1604-03-02` with X-APPLE-OMIT-YEAR in 3.0, which
    has no year-less form that phones read."""
    if yearly.year:
        return "", f"{yearly.year:04d}{yearly.month:02d}{yearly.day:02d}"
    if version == "4.0":
        return "", f"--{yearly.month:02d}{yearly.day:02d}"
    return (f";X-APPLE-OMIT-YEAR={APPLE_NO_YEAR}",
            f"{APPLE_NO_YEAR}-{yearly.month:02d}-{yearly.day:02d}")


def card_lines(contact: Contact, version: str) -> list[str]:
    words = contact.name.split()
    given, family = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (contact.name, "")
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"UID:{vcard_uid(contact)}",
             f"FN:{_escape(contact.name)}", f"N:{_escape(family)};{_escape(given)};;;"]
    if contact.aliases:
        lines.append("NICKNAME:" + ",".join(_escape(alias) for alias in contact.aliases))
    lines += [f"EMAIL:{_escape(email)}" for email in contact.emails]
    lines += [f"TEL:{_escape(phone)}" for phone in contact.phones]
    if contact.company_name:
        lines.append(f"ORG:{_escape(contact.company_name)}")
    if contact.title:
        lines.append(f"TITLE:{_escape(contact.title)}")
    if contact.linkedin:
        lines.append(f"URL;TYPE=linkedin:{contact.linkedin}")
        lines.append(f"X-SOCIALPROFILE;TYPE=linkedin:{contact.linkedin}")
    if contact.birthday:
        params, value = _vcard_date(contact.birthday, version)
        lines.append(f"BDAY{params}:{value}")
    # Every labelled date as Apple writes them (itemN.X-ABDATE and its X-ABLabel),
    # which Apple, Google and Android read; 4.0 also has one ANNIVERSARY.
    for number, (label, yearly) in enumerate(contact.anniversaries.items(), start=1):
        params, value = _vcard_date(yearly, version)
        lines.append(f"item{number}.X-ABDATE{params}:{value}")
        shown = "_$!<Anniversary>!$_" if label == "anniversary" else _escape(label)
        lines.append(f"item{number}.X-ABLabel:{shown}")
    if version == "4.0" and "anniversary" in contact.anniversaries:
        lines.append(f"ANNIVERSARY:{_vcard_date(contact.anniversaries['anniversary'], version)[1]}")
    if contact.location_name:
        lines.append(f"ADR:;;;{_escape(contact.location_name)};;;")
    # Written even when empty: the card then says "sorted, in no group", so an import
    # does not put them in the triage group.
    lines.append(f"{GROUP_PROPERTY}:" + ",".join(_escape(g) for g in contact.groups))
    if contact.status != "active":
        lines.append(f"{STATUS_PROPERTY}:{contact.status}")
    tags = [*contact.groups, *contact.tags]
    if tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in tags))
    lines.append("END:VCARD")
    return lines


def write_vcards(contacts: Iterable[Contact], version: str = "4.0") -> str:
    """A vCard (4.0, or 3.0 for phones that refuse 4.0) for each contact, in order."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}: use one of {', '.join(VERSIONS)}")
    return "".join(fold_line(line) for contact in contacts for line in card_lines(contact, version))

"""Front-matter fields: from the raw YAML mapping to a typed Contact.

Each known field has one coercer. A bad value is reported (with the line of
its key) and left unset; the rest of the note still loads. Unknown fields are
kept, as the YAML gave them, in `Contact.extra`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vaulttools.cadence import Cadence, YearlyDate
from vaulttools.model import FIELD_BY_KEY, FIELDS, STATUSES, Contact, Severity
from vaulttools.read.keys import KeyMap, split_list_text

Report = Callable[[Severity, str, int], None]

_KEY_LINE = re.compile(r"""^(["']?)([^\s:#"'][^:]*?)\1\s*:(?:\s|$)""")


def key_lines(yaml_lines: list[str], first_line: int) -> dict[str, int]:
    """Map each top-level key to its 1-based line in the note."""
    found: dict[str, int] = {}
    for offset, raw in enumerate(yaml_lines):
        match = _KEY_LINE.match(raw)
        if match:
            found.setdefault(match.group(2).strip(), first_line + offset)
    return found


def _wikilink(value: Any) -> str | None:
    """`[[Bob]]` written without quotes reads in YAML as a list in a list."""
    if (
        isinstance(value, list)
        and len(value) == 1
        and isinstance(value[0], list)
        and len(value[0]) == 1
        and isinstance(value[0][0], str)
    ):
        return f"[[{value[0][0]}]]"
    return None


def parse_date(value: Any) -> date:
    """A `YYYY-MM-DD` date (a datetime keeps its date); ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:
            return date.fromisoformat(text)  # the usual case; errors get the message below
        except ValueError:
            pass
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?", text)
    if not match:
        raise ValueError(f"bad date {text!r}: use YYYY-MM-DD")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"impossible date {text!r}") from None


class FieldReader:
    """Coerces one note's raw mapping, reporting each bad value once."""

    def __init__(self, raw: dict[str, Any], lines: Callable[[], dict[str, int]],
                 report: Report):
        self.raw = raw
        self._lines = lines
        self.report = report

    @functools.cached_property
    def lines(self) -> dict[str, int]:
        return self._lines()  # only needed to report a problem, so found lazily

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def warn(self, key: str, message: str) -> None:
        self.report("warning", message, self.line(key))

    def error(self, key: str, message: str) -> None:
        self.report("error", message, self.line(key))

    def _unwrap(self, key: str, value: Any) -> Any:
        link = _wikilink(value)
        if link is not None:
            self.warn(key, f"{key}: unquoted wikilink {link} reads as a nested list; "
                      f'write {key}: "{link}"')
            return link
        return value

    def unlinked(self, key: str, value: Any) -> Any:
        """An unknown field's value, with unquoted wikilinks read back as text."""
        if isinstance(value, list):
            link = _wikilink(value)
            if link is not None:
                return self._unwrap(key, value)
            return [self._item_link(key, item) or item for item in value]
        return value

    def _item_link(self, key: str, item: Any) -> str | None:
        """A list item written as an unquoted wikilink, read back as text (with a warning)."""
        link = _wikilink(item)
        if link is not None:
            self.warn(key, f"{key}: unquoted wikilink {link} reads as a nested list; quote it")
        return link

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        if type(value) is str:
            return value.strip() or None  # the usual case
        value = self._unwrap(key, value)
        if value is None or value == "":
            return None
        if isinstance(value, (list, dict)):
            self.error(key, f"{key}: expected text, found a {type(value).__name__}")
            return None
        return str(value).strip() or None

    def text_list(self, key: str) -> list[str]:
        """A list field's items; text is split on commas (tags on white space too)."""
        value = self.raw.get(key)
        if value is None or value == "":
            return []
        if type(value) is list and all(type(item) is str for item in value):
            return [stripped for item in value if (stripped := item.strip())]  # the usual case
        link = _wikilink(value)
        if link is not None:
            value = [link]
            self.warn(key, f"{key}: unquoted wikilink {link} reads as a nested list; quote it")
        if value is None or value == "":
            return []
        if isinstance(value, dict):
            self.error(key, f"{key}: expected a list, found a mapping")
            return []
        if not isinstance(value, list):
            parts = split_list_text(key, str(value))
            if key == "tags" or len(parts) > 1:
                self.warn(key, _split_warning(key, parts))
            return parts
        items: list[str] = []
        for item in value:
            item_link = self._item_link(key, item)
            if item_link is not None:
                items.append(item_link)
            elif item is None or isinstance(item, (list, dict)):
                self.error(key, f"{key}: list items must be text")
            else:
                items.append(str(item).strip())
        return [i for i in items if i]

    def day(self, key: str) -> date | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.error(key, f"{key}: {exc}")
            return None

    def yearly(self, key: str, value: Any) -> YearlyDate | None:
        if value is None or value == "":
            return None
        if isinstance(value, (date, datetime)):
            value = value.isoformat()[:10]
        try:
            return YearlyDate.parse(str(value))
        except ValueError as exc:
            self.error(key, f"{key}: {exc}")
            return None

    def cadence(self, key: str) -> Cadence | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return Cadence.parse(value)
        except ValueError as exc:
            self.error(key, f"{key}: {exc}")
            return None


KNOWN_FIELDS = frozenset(FIELD_BY_KEY)
STANDARD_KEYS = KeyMap()  # the synonyms alone, for a vault without a `[fields]` table


def build_contact(
    raw: dict[str, Any], path: Path, relpath: str, lines: Callable[[], dict[str, int]],
    report: Report, keymap: KeyMap | None = None,
) -> Contact:
    """Type every field of model.FIELDS found in `raw` (its keys as `keymap` reads them,
    read/keys.py); keep the rest in `extra`."""
    mapped = (keymap or STANDARD_KEYS).canonical({str(k): v for k, v in raw.items()})
    raw = mapped.raw
    if mapped.sources:
        note_lines = lines

        def lines() -> dict[str, int]:
            found = note_lines()
            for name, sources in mapped.sources.items():
                top = sources[0].split(".", 1)[0]
                if top in found:
                    found[name] = found[top]
            return found
    reader = FieldReader(raw, lines, report)
    for name, kept, other in mapped.clashes:
        report("warning", f"{kept} and {other} both give {name}; {kept} is used",
               reader.lines.get(other.split(".", 1)[0], 1))
    for key, parts in mapped.split:
        report("warning", _split_warning(key, parts), reader.lines.get(key.split(".", 1)[0], 1))
    values: dict[str, Any] = {}
    for spec in FIELDS:
        values[spec.name] = _READERS[spec.kind](reader, spec.keys)
    values["name"] = values["name"] or path.stem
    values["extra"] = {k: reader.unlinked(k, v) for k, v in raw.items() if k not in KNOWN_FIELDS}
    return Contact(path=path, relpath=relpath, **values)


def _status(reader: FieldReader, keys: tuple[str, ...]) -> str:
    (key,) = keys
    status = (reader.text(key) or "active").lower()
    if status not in STATUSES:
        reader.error(key, f"{key}: {status!r} is not one of {', '.join(STATUSES)}")
        status = "active"
    return status


def _yearlies(reader: FieldReader, keys: tuple[str, ...]) -> dict[str, YearlyDate]:
    (key,) = keys
    found: dict[str, YearlyDate] = {}
    raw = reader.raw.get(key)
    if isinstance(raw, dict):
        for label, value in raw.items():
            parsed = reader.yearly(key, value)
            if parsed is not None:
                found[str(label)] = parsed
    elif raw not in (None, ""):
        reader.error(key, f"{key}: expected a mapping of label: date")
    return found


def _split_warning(key: str, parts: list[str]) -> str:
    return f"{key}: is text, not a list; read as [{', '.join(parts)}]"


def _list(reader: FieldReader, keys: tuple[str, ...]) -> list[str]:
    """Every key's items (`email` and `emails`), each once, in order."""
    items = [item for key in keys for item in reader.text_list(key)]
    return list(dict.fromkeys(items)) if len(items) > 1 else items


_READERS: dict[str, Callable[[FieldReader, tuple[str, ...]], Any]] = {
    "text": lambda reader, keys: reader.text(keys[0]),
    "list": _list,
    "tags": lambda reader, keys: [t.lstrip("#") for t in reader.text_list(keys[0])],
    "cadence": lambda reader, keys: reader.cadence(keys[0]),
    "date": lambda reader, keys: reader.day(keys[0]),
    "yearly": lambda reader, keys: reader.yearly(keys[0], reader.raw.get(keys[0])),
    "yearlies": _yearlies,
    "status": _status,
}

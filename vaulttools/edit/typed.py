"""What `set` makes of `KEY=VALUE` text: the field's typed value, checked.

A text or list field gets exactly the text typed; dates, cadences, birthdays
and statuses are parsed and checked against what they record. The result
goes to changes.plan_fields, whose writer quotes what a YAML reader would
read as something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from vaulttools.cadence import FIRST_DAY, LAST_DAY, Cadence, YearlyDate
from vaulttools.config import Settings
from vaulttools.errors import InvalidValue
from vaulttools.model import FIELD_BY_KEY, STATUSES
from vaulttools.read.fields import parse_date
from vaulttools.read.keys import split_list_text
from vaulttools.read.yaml.strict import FrontMatterError, load_front_matter
from vaulttools.read.yaml.values import Value, scalar, text_value


@dataclass(frozen=True)
class ListChange:
    """`tags=+vip,-old`: items to add to and remove from a list field, whatever it
    holds; applied to each note's own list when the edit is planned."""

    add: tuple[str, ...]
    remove: tuple[str, ...]

    def applied(self, current: object) -> list[str]:
        """The list `current` (a list, one text, or nothing) becomes."""
        items = [str(v) for v in current] if isinstance(current, list) else (
            split_list_text("", current) if isinstance(current, str) else [])
        kept = [item for item in items if item not in self.remove]
        return kept + [item for item in self.add if item not in kept]


# `+word` / `-word` (never `+44 ...`, a phone): an item to add or to remove.
_SIGNED = re.compile(r"([+-])([^\d\s+-].*)")


def list_change(text: str) -> ListChange | None:
    """`+vip,-old` as a ListChange; None when any item is not signed (`a,b` replaces)."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    signed = [_SIGNED.fullmatch(item) for item in items]
    if not items or not all(signed):
        return None
    return ListChange(tuple(m.group(2) for m in signed if m and m.group(1) == "+"),
                      tuple(m.group(2) for m in signed if m and m.group(1) == "-"))


# How `set` checks a value of each kind of field (model.FIELDS) before it plans the edit.
_CHECKERS: dict[str, Callable[[str], object]] = {
    "yearly": YearlyDate.parse,
    "cadence": Cadence.parse,
    "date": parse_date,
}


def _yaml_value(key: str, text: str) -> Any:
    """`text` read as YAML flow, as it would read in the note: `[a, "b c"]`, `{k: v}`,
    a quoted or a plain scalar. Plain text that is not valid YAML (`VP: Eng`) is text."""
    try:
        return load_front_matter(f"k: {text}\n")["k"]
    except (FrontMatterError, TypeError):
        if text[:1] in ("[", "{", '"', "'"):
            raise InvalidValue(f"{key}: {text!r} is not valid YAML; quote text that starts "
                             f"with {text[:1]}") from None
        return text


def typed_value(key: str, text: str, settings: Settings | None = None,
                today: date | None = None) -> Value | ListChange:
    """Check a `KEY=VALUE` from the command line and give it its field's type.

    A text or list field gets exactly the text typed (`phone=+447700900123`
    stays `+447700900123`); `"quoted"`, `[a, "b c"]` and `{k: v}` are read as
    YAML, with every scalar kept as text; a list field also takes `a,b`.
    Dates, cadences and birthdays are checked: no date before cadence.FIRST_DAY
    or past cadence.LAST_DAY, and, given `today`, no date of something that
    happened (`last_contact`, `met`, `reviewed`, a birthday's year) after it.
    A key that is no field keeps a YAML type only when it writes back as typed
    (`rating=5`, `vip=true`).
    """
    value = text.strip()
    spec = FIELD_BY_KEY.get(key)
    checker = _CHECKERS.get(spec.kind) if spec is not None else None
    if checker is not None:
        plain = str(_yaml_value(key, value))
        try:
            checked = checker(plain)
        except ValueError as exc:
            raise InvalidValue(f"{key}: {exc}") from None
        if isinstance(checked, YearlyDate):
            if today is not None and checked.year is not None and checked.year > today.year:
                raise InvalidValue(f"{key}: {checked.year} is in the future; a birthday "
                                   "or an anniversary is of a year that has come")
            return checked.as_value()
        if isinstance(checked, date):
            check_typed_date(key, checked, today if spec is not None and spec.past else None)
            return checked
        return plain
    if spec is not None and spec.kind == "status":
        if value not in STATUSES:
            raise InvalidValue(f"status: {value!r} is not one of {', '.join(STATUSES)}")
        return value
    if key == "met_via" and value and not value.startswith(("[[", '"', "'")):
        return f"[[{value}]]"
    if spec is not None and spec.kind in ("list", "tags"):
        change = list_change(value)
        if change is not None:
            return change  # applied to each note's own list by changes.plan_fields
    try:
        parsed = text_value(value)
    except ValueError as exc:
        raise InvalidValue(f"{key}: {exc}") from None
    if spec is None and value[:1] not in ('"', "'", "[", "{"):
        loaded = _yaml_value(key, value)
        if isinstance(loaded, (bool, int)) and scalar(loaded) == value:
            parsed = loaded  # `5`, `true`; never `+1`, `007`, `null` or `!`, read otherwise
    if isinstance(parsed, str) and spec is not None and spec.kind in ("list", "tags") and (
            spec.commas or "," in parsed):
        return [item.strip() for item in parsed.split(",") if item.strip()]
    if isinstance(parsed, list):
        if not all(isinstance(item, (str, int)) for item in parsed):
            raise InvalidValue(f"{key}: a list of plain values, such as [a, b]")
        return [str(item) for item in parsed]
    if isinstance(parsed, dict):
        if not all(isinstance(v, (str, int)) for v in parsed.values()):
            raise InvalidValue(f"{key}: a mapping of plain values, such as {{a: 1, b: 2}}")
        return {str(k): str(v) for k, v in parsed.items()}
    if parsed is None:
        return None
    return parsed  # type: ignore[no-any-return]


def check_typed_date(key: str, day: date, not_after: date | None = None) -> None:
    """Refuse a date typed for `key` that no calendar can hold, or, given `not_after`
    (today, for what has happened), one after it: a typo that would hide someone."""
    if day > LAST_DAY:
        raise InvalidValue(f"{key}: {day.isoformat()} is past {LAST_DAY.isoformat()}, the last "
                         "date vaulttools can schedule")
    if day < FIRST_DAY:
        raise InvalidValue(f"{key}: {day.isoformat()} is before {FIRST_DAY.year}: a typo? "
                         "(dates name days in the lives of people you know)")
    if not_after is not None and day > not_after:
        raise InvalidValue(f"{key}: {day.isoformat()} is in the future; it records what has "
                         "happened (a typo would hide this contact until then)")


MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), 1)}


def reminder_day(text: str, today: date) -> date:
    """The day WHEN names for a reminder: a date (`2027-01-15`), a span from today
    (`3w`, `2m`, `10d`) or a month (`january`, `in Jan`: its next first day)."""
    value = text.strip().lower().removeprefix("in ").removeprefix("next ").strip()
    month = next((n for name, n in MONTHS.items() if value in (name, name[:3])), None)
    if month is not None:
        year = today.year if (month, 1) > (today.month, today.day) else today.year + 1
        return date(year, month, 1)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        try:
            span = Cadence.parse(value)
        except ValueError:
            span = None
        if span is None or span.never:
            raise InvalidValue(f"WHEN {text!r}: give a date (2027-01-15), a span from today "
                               "(3w, 2m) or a month (january)") from None
        day = span.after(today)
    check_typed_date("WHEN", day)
    if day <= today:
        raise InvalidValue(f"WHEN {text!r} is {day.isoformat()}, not after today: a "
                           "reminder is for later (log what has happened)")
    return day

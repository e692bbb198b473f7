"""Meeting notes: a note of its own per meeting (`Meetings/2024-06-18 Sync.md`), dated
by its `date` property or a date in its file name, counts as contact with everyone
it links, as a daily note does.

A note is a meeting note when it lies in a `meeting_notes` or `event_notes`
folder, or anywhere in the vault when it has the `meeting_property` (`type:
meeting`) or the `event_property` (`type: event`); an event is one in an
`event_notes` folder or with the `event_property`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from vaulttools.read.fields import parse_date
from vaulttools.read.notes import front_matter

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def has_property(raw: dict[str, Any], wanted: str) -> bool:
    """Whether `raw` holds the `key: value` property (any case; a list may hold it)."""
    key, _, value = wanted.partition(":")
    key, value = key.strip().casefold(), value.strip().casefold()
    for name, found in raw.items():
        if name.casefold() != key:
            continue
        values = found if isinstance(found, list) else [found]
        if any(str(v).strip().casefold() == value for v in values):
            return True
    return False


def meeting_day(text: str, file_name: str, required: Sequence[str] = (),
                event_property: str = "") -> tuple[bool, date | None, bool]:
    """(is it a meeting note, its date, is it an event). With `required` (`type: meeting`,
    `type: event`), only a note with one of those properties is one; a note without a
    readable date has none. `event_property` marks an event."""
    raw = front_matter(text) or {}
    wanted = [r for r in required if r]
    if required and not any(has_property(raw, r) for r in wanted):
        return False, None, False
    event = bool(event_property) and has_property(raw, event_property)
    for key, value in raw.items():
        if key.casefold() == "date" and value not in (None, ""):
            try:
                return True, parse_date(value), event
            except ValueError:
                break
    match = _DATE_IN_NAME.search(file_name)
    if match:
        try:
            return True, date(int(match[1]), int(match[2]), int(match[3])), event
        except ValueError:
            pass
    return True, None, event

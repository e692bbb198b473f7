"""New contact notes from the user's own person template (Obsidian's core Templates
plugin), instead of vaulttools' `contact.md.j2`.

`person_template` in the config names the template, a note of the vault. Its
variables are filled as the Templates plugin fills them: `{{title}}` the note's
name, `{{date}}` and `{{time}}` in the plugin's formats (`.obsidian/templates.json`,
else `YYYY-MM-DD` and `HH:mm`), `{{date:FORMAT}}` and `{{time:FORMAT}}` with a
moment.js format. Then the new person's values go into its front matter, under
the template's own keys (`Company:` stays `Company:`), byte-minimally.

Templater's `<% ... %>` is never run: it is text to vaulttools, kept as it is
(`templater_code` tells the command line to say so).
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from vaulttools.config import Settings
from vaulttools.edit.noteedit import NoteText
from vaulttools.edit.safewrite import inside_vault
from vaulttools.errors import ConfigError, VaultError
from vaulttools.read.keys import KeyMap
from vaulttools.read.notes import front_matter

_VARIABLE = re.compile(r"\{\{\s*(title|date|time)\s*(?::([^}]*))?\}\}")
_MOMENT = re.compile(r"\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m"
                     r"|ss|s|A|a")


def template_text(settings: Settings) -> str:
    """The person template's text; ConfigError naming the problem."""
    path = settings.root / settings.person_template
    where = settings.config_path or settings.root
    try:
        inside_vault(path, settings.root, "person_template")  # a shared vault's config
    except VaultError as exc:                                # reads nothing outside it
        raise ConfigError(f"person_template: {exc.reason}", where) from None
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"person_template: {settings.person_template} does not exist",
                          where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"person_template: {settings.person_template} cannot be read "
                          f"({exc})", where) from None


def templater_code(settings: Settings) -> bool:
    """Whether the person template holds Templater code, which vaulttools does not run."""
    return bool(settings.person_template) and "<%" in template_text(settings)


def from_template(settings: Settings, name: str, now: datetime,
                  fields: Mapping[str, Any]) -> str:
    """A new person's note from the user's template, `fields` (field key -> value)
    written under the template's own keys."""
    formats = _formats(settings.root)

    def filled(match: re.Match[str]) -> str:
        what, fmt = match.group(1), match.group(2)
        if what == "title":
            return name
        return moment(fmt.strip() if fmt else formats[what], now)

    text = _VARIABLE.sub(filled, template_text(settings))
    note = NoteText.parse(text)
    keys = KeyMap(settings.fields)
    raw = front_matter(text) or {}
    for field_key, value in fields.items():
        key = keys.key_to_write(field_key, raw)
        if field_key == "name" and key not in raw:
            continue  # the template names people by their file: so be it
        note.set_field(key, value)
    return note.render()


def _formats(root: Path) -> dict[str, str]:
    """The Templates plugin's date and time formats, as `.obsidian/templates.json` says."""
    found = {"date": "YYYY-MM-DD", "time": "HH:mm"}
    try:
        data = json.loads((root / ".obsidian" / "templates.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return found
    if isinstance(data, dict):
        for what, key in (("date", "dateFormat"), ("time", "timeFormat")):
            if isinstance(data.get(key), str) and data[key].strip():
                found[what] = data[key].strip()
    return found


def moment(fmt: str, when: datetime) -> str:
    """`when` in a moment.js format (the tokens of dates and times, `[text]` as is)."""
    def token(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        text = match.group()
        hour12 = when.hour % 12 or 12
        values = {
            "YYYY": f"{when.year:04d}", "YY": f"{when.year % 100:02d}",
            "MMMM": calendar.month_name[when.month], "MMM": calendar.month_abbr[when.month],
            "MM": f"{when.month:02d}", "M": str(when.month), "DD": f"{when.day:02d}",
            "D": str(when.day), "Do": f"{when.day}{_suffix(when.day)}",
            "dddd": calendar.day_name[when.weekday()], "ddd": calendar.day_abbr[when.weekday()],
            "HH": f"{when.hour:02d}", "H": str(when.hour), "hh": f"{hour12:02d}",
            "h": str(hour12), "mm": f"{when.minute:02d}", "m": str(when.minute),
            "ss": f"{when.second:02d}", "s": str(when.second),
            "A": "AM" if when.hour < 12 else "PM", "a": "am" if when.hour < 12 else "pm",
        }
        return values[text]
    return _MOMENT.sub(token, fmt)


def _suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")

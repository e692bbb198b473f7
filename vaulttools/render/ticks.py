"""Ticks in Due.md: the task lines that make its items actionable, and which of them
the user ticked, in Obsidian on any device or in any editor.

Due.md writes each actionable item as a task line that ends in a marker, an
Obsidian comment (hidden when reading) that the template writes with
`tick(item)`:

    - [ ] [[People/Jane Doe|Jane Doe]] (mentor): quarterly; ... %%vt:due%%

A promise's or reminder's marker names its open task (`%%vt:promise:KEY%%`).
Ticked (`- [x]`), the item is acted on by `index` and `watch` (acting.py);
what the user wrote after the marker (`— call: she is moving to Lisbon`) is
what to log, and the Tasks plugin's `✅ DATE` the day it happened.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from dataclasses import dataclass
from datetime import date

from vaulttools.read.notes import front_matter, split_note
from vaulttools.read.vault import Vault
from vaulttools.schedule.standing import Item

DUE_NOTE = "Due.md"
CARRIED_HEADING = "## Ticked, not applied"  # where Due.md keeps ticks not acted on
# What a tick of each item logs, unless the user wrote what happened: the item's
# kind (ticking one of a kind acts for the others), the channel and the text.
LOGGED = {
    "overdue": ("due", "checkin", "done (from Due)"),
    "due": ("due", "checkin", "done (from Due)"),
    "never": ("due", "checkin", "done (from Due)"),
    "retry": ("due", "checkin", "done (from Due)"),
    "upcoming": ("due", "checkin", "done (from Due)"),
    "reconnect": ("due", "checkin", "done (from Due)"),
    "birthday": ("birthday", "message", "wishes (from Due)"),
    "congratulate": ("congratulate", "message", "congratulations (from Due)"),
    "thank": ("thank", "message", "thanks (from Due)"),
    "follow-up": ("follow-up", "message", "followed up (from Due)"),
}
TASKS = frozenset({"promise", "reminder"})  # ticking one ticks the task in the note
TICKABLE = frozenset({*LOGGED, *TASKS})

_MARKER = re.compile(r"%%vt:(?P<status>[a-z-]+)(?::(?P<key>[0-9a-f]{8}))?%%")
_TICKED = re.compile(r"^[ \t]*[-*+][ \t]+\[[xX]\][ \t]")
_WIKILINK = re.compile(r"\[\[(?P<target>[^\]|#^]+)(?:\|[^\]]*)?\]\]")
_MARKDOWN_LINK = re.compile(r"\[(?:\\.|[^\]\\])*\]\((?P<url>[^)\s]+)\)")
_DONE_DATE = re.compile(r"✅\s*(\d{4}-\d{2}-\d{2})")
_CHANNEL = re.compile(r"(?P<channel>[A-Za-z][\w-]{0,24}):\s+(?P<text>\S.*)")


def task_key(text: str) -> str:
    """The short name a promise's or reminder's task goes by in its marker."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def marker(item: Item) -> str:
    """The end of an item's task line in Due.md (empty for an item a tick cannot act
    on: someone to sort, someone given space)."""
    if item.status not in TICKABLE:
        return ""
    key = f":{task_key(item.task)}" if item.status in TASKS else ""
    return f"%%vt:{item.status}{key}%%"


@dataclass(frozen=True)
class Tick:
    """One ticked item of Due.md."""

    line: int  # in Due.md, from 1
    text: str  # the line as it reads
    relpath: str  # the contact's note its link leads to
    status: str
    key: str  # a promise's or reminder's task_key
    ticked_on: date | None  # the Tasks plugin's ✅ date
    words: str  # what the user wrote after the item

    def what(self) -> tuple[str, str]:
        """The channel and text to log: the user's `channel: text`, or their text on
        the item's channel, or the item's neutral line."""
        _, channel, text = LOGGED[self.status]
        said = _CHANNEL.fullmatch(self.words)
        if said:
            return said.group("channel").lower(), said.group("text").strip()
        return channel, self.words or text


def read_ticks(text: str) -> tuple[date | None, list[Tick]]:
    """The day a Due.md was made (its `date`) and the items ticked in it."""
    meta = front_matter(text) or {}
    made = _day(str(meta.get("date", "")))
    ticks = []
    lines = split_note(text).lines
    for number, line in enumerate(lines, 1):
        found = _MARKER.search(line) if _TICKED.match(line) else None
        if found is None or found.group("status") not in TICKABLE:
            continue
        relpath = _link_target(line[:found.start()])
        if relpath is None:
            continue
        rest = line[found.end():]
        day = _DONE_DATE.search(rest)
        words = _DONE_DATE.sub("", rest).strip().lstrip("—–-:").strip()
        ticks.append(Tick(number, line.rstrip("\r\n"), relpath, found.group("status"),
                          found.group("key") or "",
                          _day(day.group(1)) if day else None, words))
    return made, ticks


def _link_target(text: str) -> str | None:
    wiki = _WIKILINK.search(text)
    if wiki:
        return wiki.group("target").strip() + ".md"
    markdown = _MARKDOWN_LINK.search(text)
    return urllib.parse.unquote(markdown.group("url")) if markdown else None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def due_note_text(vault: Vault) -> str:
    """Due.md as it is on disk ("" when there is none, or it is not vaulttools')."""
    try:
        text = (vault.settings.index_dir / DUE_NOTE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    meta = front_matter(text)
    return text if meta is not None and meta.get("generated_by") == "vaulttools" else ""


def pending_ticks(vault: Vault) -> int:
    """How many items are ticked in Due.md, not yet acted on."""
    return len(read_ticks(due_note_text(vault))[1])



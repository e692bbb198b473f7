"""What a line vaulttools writes into a note may be: a log entry (`- DATE CHANNEL:
text #flags`) and an open, dated task; text a line cannot hold as it is, and a
channel that looks like a typo, are refused with the reason (InvalidValue)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Sequence
from datetime import date

from vaulttools.cadence import FIRST_DAY
from vaulttools.errors import InvalidValue, UnknownChannel
from vaulttools.model import FLAGS
from vaulttools.read.markdown.comments import COMMENT_MARKER
from vaulttools.read.notes import LOG_LINE


def check_channel(channel: str, known: Collection[str],
                  hint: str = "--force logs it as it is") -> None:
    """Refuse a channel that is none of `known` but close to one: `emial` is `email`
    mistyped. A word close to none is a new channel, and welcome."""
    wanted = channel.strip().lower()
    if wanted in known:
        return
    close = difflib.get_close_matches(wanted, sorted(known), n=3, cutoff=0.75)
    if close:
        raise UnknownChannel(f"unknown channel {wanted!r}; did you mean "
                             f"{' or '.join(repr(c) for c in close)}? ({hint})")


def check_line_text(words: str) -> None:
    """Refuse text that a line of a note cannot hold as it is: a control character
    (unreadable), or a comment marker (Obsidian would hide the line and what follows)."""
    control = re.search(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", words)
    if control:
        raise InvalidValue(f"the text holds a control character (U+{ord(control.group()):04X}), "
                           "which would make the note unreadable; remove it")
    marker = COMMENT_MARKER.search(words)
    if marker:
        raise InvalidValue(f"the text holds {marker.group()!r}, which Obsidian reads as a "
                           "comment and would hide the line (and what follows); write it "
                           "another way")


def task_line(text: str, due: date) -> str:
    """`- [ ] TEXT 📅 DATE`: an open, dated task as Obsidian's Tasks plugin reads it."""
    words = " ".join(text.split())
    if not words:
        raise InvalidValue("a reminder needs its text: what to do")
    check_line_text(words)
    if "📅" in words:
        raise InvalidValue("give the day as WHEN, not as a 📅 in the text")
    return f"- [ ] {words} 📅 {due.isoformat()}"


def log_entry(today: date, text: str = "", channel: str = "note", day: date | None = None,
              flags: Sequence[str] = ()) -> str:
    """The log line `- DATE CHANNEL: text #flags`; InvalidValue when it could not be one."""
    day = day or today
    if day > today:
        raise InvalidValue(f"{day.isoformat()} is in the future; log what has happened")
    if day < FIRST_DAY:
        raise InvalidValue(f"{day.isoformat()} is before {FIRST_DAY.year}: a typo?")
    channel = channel.strip().lower()
    if not re.fullmatch(r"[\w-]+", channel):
        raise InvalidValue(f"channel {channel!r} must be one word (letters, digits, - or _)")
    words = " ".join(text.split())
    if not words and not flags and channel == "note":
        raise InvalidValue("a note with no text says nothing: give the text, or the channel "
                           "of a contact that needs no words (--via call)")
    check_line_text(words)
    unknown = [f for f in flags if f not in FLAGS]
    if unknown:
        raise InvalidValue(f"unknown flag {unknown[0]!r}; flags are {', '.join(FLAGS)}")
    present = {m.lower() for m in re.findall(r"#(\w+)", words)}
    tags = " ".join(f"#{flag}" for flag in flags if flag not in present)
    message = " ".join(part for part in (words, tags) if part)
    entry = f"- {day.isoformat()} {channel}" + (f": {message}" if message else "")
    if not LOG_LINE.match(entry):
        raise InvalidValue("the log entry would not parse; remove line breaks and try again")
    return entry

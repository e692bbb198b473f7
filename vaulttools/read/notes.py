"""Reading one contact note: bytes -> front matter + body -> Contact and problems.

Line numbers are 1-based and count from the first line of the file, so that
`check` can point an editor at the exact place. Nothing here writes a file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vaulttools.config import DEFAULT_LOG_HEADINGS
from vaulttools.model import FLAGS, Contact, Interaction, Problem, Promise, Severity
from vaulttools.read.fields import build_contact, key_lines
from vaulttools.read.keys import KeyMap
from vaulttools.read.markdown.comments import (
    fence_step,
    has_comments,
    mask_comments,
    unclosed_comment,
)
from vaulttools.read.markdown.headings import headings, log_heading_anywhere
from vaulttools.read.yaml.strict import FrontMatterError, load_front_matter

BOM = "\ufeff"
LOG_LINE = re.compile(
    r"^[ \t]{0,1}[-*+][ \t]+(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[ \t]+(?P<channel>[\w-]+))?[ \t]*(?::[ \t]*(?P<text>.*?))?[ \t]*$"
)
# A date as other templates write one (`2024-06-18`, `[[2024-06-18]]`), then an
# optional separator (`:`, `-`, `—`, `|`) and the text.
_DATE = r"(?:\[\[)?(?P<date>\d{4}-\d{2}-\d{2})(?:\|[^\]]*)?(?:\]\])?"
_THEN_TEXT = r"(?:[ \t]*[:\-–—|])?[ \t]*(?P<text>.*?)[ \t]*$"
# A dated line of theirs: `- [[2024-06-18]] Coffee at Blue Bottle`, `- **2024-06-18** -
# call about the offsite`. Read under their headings only.
DATED_LINE = re.compile(rf"^[ \t]?[-*+][ \t]+(?:\*\*|__)?{_DATE}(?:\*\*|__)?{_THEN_TEXT}")
# A dated heading inside their log section is an entry of it:
# `### 2024-06-18 — Coffee at Blue Bottle`.
DATED_TITLE = re.compile(rf"^{_DATE}{_THEN_TEXT}")
TASK_LINE = re.compile(r"^[ \t]*[-*+][ \t]+\[(?P<done>.)\][ \t]+(?P<text>.*?)[ \t]*$")
TASK_DUE = re.compile(r"📅\s*(\d{4}-\d{2}-\d{2})")
# The Tasks plugin's other dates and its priority signs: not part of what is owed.
TASK_MARKS = re.compile(r"[⏳🛫➕✅❌]\s*\d{4}-\d{2}-\d{2}|[⏫🔼🔽🔺⏬]|🔁[^📅⏳🛫➕✅]*")
FLAG_RE = re.compile(r"(?<![\w#])#(" + "|".join(FLAGS) + r")\b", re.IGNORECASE)


@dataclass
class Split:
    """Where the front matter and the body lie in a note's lines."""

    lines: list[str]  # with their line endings, BOM removed
    yaml_start: int | None = None  # 0-based index of the first YAML line
    yaml_end: int | None = None  # 0-based index of the closing `---`
    unclosed: bool = False

    @property
    def has_front_matter(self) -> bool:
        return self.yaml_start is not None

    @property
    def body_start(self) -> int:
        return self.yaml_end + 1 if self.yaml_end is not None else 0

    def yaml_lines(self) -> list[str]:
        if self.yaml_start is None or self.yaml_end is None:
            return []
        return self.lines[self.yaml_start : self.yaml_end]


def split_note(text: str) -> Split:
    """Find the front matter: `---` on the first line, closed by `---` or `...`."""
    if text.startswith(BOM):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    split = Split(lines)
    if not lines or lines[0].rstrip() != "---":
        return split
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            split.yaml_start, split.yaml_end = 1, index
            return split
    split.unclosed = True
    return split


_CONFLICT = re.compile(rb"^(?:<<<<<<<|>>>>>>>)(?: |\r?$)", re.MULTILINE)


def _looks_utf16(data: bytes) -> bool:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:200]
    # ASCII text in UTF-16 without a BOM: every other byte is NUL.
    return len(head) >= 4 and (head[1::2].count(0) == len(head) // 2
                               or head[0::2].count(0) == (len(head) + 1) // 2)


def decode(data: bytes) -> str:
    """UTF-8 text (BOM kept), or ValueError naming the problem and its line.

    A note with git's unresolved conflict markers is refused too: which side
    holds the truth is the user's call, not a parser's.
    """
    if b"\x00" in data:
        if _looks_utf16(data):
            raise ValueError("line 1: not UTF-8 (UTF-16?): save it as UTF-8")
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ValueError(f"line {line}: contains a NUL byte; not a text note")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _looks_utf16(data):
            raise ValueError("line 1: not UTF-8 (UTF-16?): save it as UTF-8") from None
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(
            f"line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); "
            "re-save the note as UTF-8"
        ) from None
    if b"<<<<<<<" in data or b">>>>>>>" in data:
        marker = _CONFLICT.search(data)
        if marker is not None:
            line = data[: marker.start()].count(b"\n") + 1
            raise ValueError(f"line {line}: unresolved merge conflict; keep the right lines "
                             "and delete the <<<<<<<, ======= and >>>>>>> markers")
    return text


@dataclass
class ParsedNote:
    contact: Contact | None
    problems: list[Problem] = field(default_factory=list)


def unfenced(lines: Sequence[str], start: int = 0) -> Iterator[tuple[int, str]]:
    """(index, line without its ending) for each line from `start` outside fenced code,
    comments blanked out (read/markdown/comments.py)."""
    fence = None
    body = mask_comments(lines[start:])
    for index in range(start, len(lines)):
        line = body[index - start].rstrip("\r\n")
        fence, code = fence_step(fence, line)
        if not code:
            yield index, line


NO_FLAGS: frozenset[str] = frozenset()

class _Shared(dict[Any, Any]):
    """Each distinct value built once (by `make`, from its key) and handed out again.

    A vault holds tens of thousands of log lines over a few thousand days, a
    dozen channels and a handful of flag sets: sharing the (immutable) values
    keeps a cold load's heap a quarter smaller. A hit is a plain dict lookup.
    """

    LIMIT = 50_000  # past this, the table starts over (a guard, not a cache policy)

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[key] = self.make(key)
        return value


_days = _Shared(date.fromisoformat)  # "2026-03-01" -> that date
_flag_sets = _Shared(lambda found: frozenset(f.lower() for f in found))  # FLAG_RE.findall


def parse_log(lines: list[str], first: int, report: _Reporter,
              titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> list[Interaction]:
    """Interactions under a log heading (`## Log`, or another of `titles`: `##
    Interactions`...); `first` is the 0-based index of lines[0]. A line that does not
    parse is a warning under `Log`; under another template's heading, the notes it
    keeps beside its dated lines are its own, and pass in silence.

    Written as one flat loop with cheap pre-checks before each regex: this runs
    on every line of every note during a cold load.
    """
    interactions: list[Interaction] = []
    log_level, strict = 0, True
    fence: str | None = None
    start = 0
    body = "".join(lines)
    if has_comments(body):
        lines = mask_comments(lines)
        body = "".join(lines)
    if "```" not in body and "~~~" not in body:
        found = log_heading_anywhere(titles).search(body)
        if found is None:
            return interactions
        start = body.count("\n", 0, found.start())  # skip the notes above the log
        while start > 0 and lines[start - 1].strip():
            start -= 1  # from the paragraph's start: `Log` may end a longer one
    at_heading = {h.line: h for h in headings(lines, start, masked=True)}
    skip = 0
    for offset in range(start, len(lines)):
        if skip:
            skip -= 1
            continue
        raw = lines[offset]
        if fence is not None or "```" in raw or "~~~" in raw:
            fence, code = fence_step(fence, raw)
            if code:
                continue
        heading = at_heading.get(offset)
        if heading is not None:
            if heading.is_log(titles):
                log_level = heading.level
                strict = heading.title.casefold() == "log"
            elif log_level and heading.level <= log_level:
                log_level = 0
            elif log_level and not strict:
                dated = DATED_TITLE.match(heading.title)
                if dated is not None:
                    _add_entry(interactions, dated, first + offset + 1, report)
            skip = heading.size - 1
            continue
        if not log_level:
            continue
        line = raw.rstrip("\r\n")
        if not line.strip() or line[:1] in (" ", "\t") or line.lstrip().startswith("<!--"):
            continue  # blank, a continuation, a nested bullet or a comment
        number = first + offset + 1
        match = LOG_LINE.match(line)
        if not match and "[" in line and TASK_LINE.match(line):
            continue  # a task among the entries: a promise (parse_promises)
        if not match and not strict:
            match = DATED_LINE.match(line)
            if match is None:
                continue  # the template's own notes between its dated lines
        if not match:
            report("warning", "log line does not parse (expected '- YYYY-MM-DD channel: "
                   "text'); kept as it is", number)
            continue
        _add_entry(interactions, match, number, report)
    return interactions


def _add_entry(interactions: list[Interaction], match: re.Match[str], number: int,
               report: _Reporter) -> None:
    """The interaction a matched log line (or dated heading) records, on line `number`."""
    try:
        day: date = _days[match.group("date")]
    except ValueError:
        report("warning", f"log line has an impossible date {match.group('date')!r}; "
               "kept as it is", number)
        return
    text = match.group("text") or ""
    flags = _flag_sets[tuple(FLAG_RE.findall(text))] if "#" in text else NO_FLAGS
    channel = match.group("channel") if match.re is LOG_LINE else None
    interactions.append(Interaction(
        day, sys.intern(channel.lower()) if channel else "note", text, flags, number))


class _Reporter:
    def __init__(self, relpath: str):
        self.relpath = relpath
        self.problems: list[Problem] = []

    def __call__(self, severity: Severity, message: str, line: int) -> None:
        self.problems.append(Problem(self.relpath, line, severity, message))


def front_matter(text: str) -> dict[str, Any] | None:
    """A note's front matter as a mapping ({} when it has none), or None when it does
    not read as one: for notes that are read, never reported (meeting notes, detect)."""
    split = split_note(text)
    if not split.has_front_matter:
        return {}
    try:
        raw = load_front_matter("".join(split.yaml_lines()))
    except FrontMatterError:
        return None
    if raw is None:
        return {}
    return {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else None


def parse_promises(lines: list[str], first: int, interactions: list[Interaction],
                   report: _Reporter) -> list[Promise]:
    """Open tasks of the body (outside code blocks): what you said you would do.

    Each is dated by its Tasks-plugin due date (`📅 2026-11-25`), and by the
    newest log entry above it (`since`); `#promise` is dropped from the text.
    """
    body = "".join(lines)
    if "[ ]" not in body:
        return []
    if has_comments(body):
        lines = mask_comments(lines)
    found: list[Promise] = []
    fence = None
    for offset, raw in enumerate(lines):
        fence, code = fence_step(fence, raw)
        if code:
            continue
        match = None if "[ ]" not in raw else TASK_LINE.match(raw.rstrip("\r\n"))
        if match is None or match.group("done") != " ":
            continue
        number = first + offset + 1
        text = match.group("text")
        due_match = TASK_DUE.search(text)
        due = None
        if due_match:
            try:
                due = date.fromisoformat(due_match.group(1))
            except ValueError:
                report("warning", f"task due date {due_match.group(1)!r} is not a date", number)
        text = TASK_MARKS.sub("", TASK_DUE.sub("", text))
        text = " ".join(re.sub(r"(?<![\w#])#promise\b", "", text).split())
        above = [i.date for i in interactions if i.line < number]
        if text:
            found.append(Promise(text, due, max(above, default=None), number))
    return found


def count_entries(text: str,
                  log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> tuple[int, int]:
    """How many log entries and open tasks the body of a decoded note holds, read as
    parse_note reads them (its front matter aside)."""
    report = _Reporter("")
    split = split_note(text)
    body_lines = split.lines[split.body_start :]
    interactions = parse_log(body_lines, split.body_start, report, log_titles)
    promises = parse_promises(body_lines, split.body_start, interactions, report)
    return len(interactions), len(promises)


def parse_note(text: str, path: Path, relpath: str, keymap: KeyMap | None = None,
               log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> ParsedNote:
    """Parse a decoded note (its keys as `keymap` reads them, read/keys.py; its log
    under any heading of `log_titles`). A note whose front matter cannot be read
    yields no contact."""
    report = _Reporter(relpath)
    split = split_note(text)
    raw: object = {}
    if split.unclosed:
        report("warning", "starts with '---' but the front matter is never closed; "
               "read as body text with no fields", 1)
    elif split.has_front_matter:
        yaml_text = "".join(split.yaml_lines())
        try:
            raw = load_front_matter(yaml_text)
        except FrontMatterError as exc:
            line = 1 + exc.line if exc.line is not None else 1
            message = exc.message
            duplicate = re.search(r"duplicate key '(.+)'", message)
            first = key_lines(split.yaml_lines(), 2).get(duplicate.group(1)) if duplicate else None
            if first is not None and first != line:
                message += f" (first set on line {first}); keep one"
            report("error", f"front matter: {message}", line)
            return ParsedNote(None, report.problems)
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            report("error", f"front matter is a {type(raw).__name__}, not a mapping of "
                   "key: value", 2)
            return ParsedNote(None, report.problems)
    assert isinstance(raw, dict)
    contact = build_contact(raw, path, relpath, lambda: key_lines(split.yaml_lines(), 2), report,
                            keymap)
    body_lines = split.lines[split.body_start :]
    contact.interactions = parse_log(body_lines, split.body_start, report, log_titles)
    contact.promises = parse_promises(body_lines, split.body_start, contact.interactions, report)
    contact.body = "".join(body_lines)
    hidden = unclosed_comment(contact.body)
    if hidden is not None:
        report("warning", "a comment opened here is never closed, so the rest of the note is "
               "hidden in Obsidian and not read; close it (-->, or %%)",
               split.body_start + contact.body.count("\n", 0, hidden) + 1)
    if not text.strip(BOM).strip():
        report("warning", "empty note; the file name alone makes the contact", 1)
    report.problems.sort(key=lambda p: (p.line, p.severity, p.message))
    return ParsedNote(contact, report.problems)

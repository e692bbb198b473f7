"""Byte-minimal edits of a note's text: set or remove one front-matter field,
insert one log line.

Everything not being changed stays as it was: comments, key order, quoting,
flow or block lists, indentation, the BOM, each line's ending (new lines take
the note's dominant one) and the presence or absence of a final newline.
Pure text in, text out; `changes.py` checks the result and writes it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from vaulttools.config import DEFAULT_LOG_HEADINGS
from vaulttools.read.markdown.headings import headings
from vaulttools.read.notes import BOM, LOG_LINE, split_note, unfenced
from vaulttools.read.yaml.strict import FrontMatterError, load_front_matter
from vaulttools.read.yaml.values import Value, flow_list, flow_mapping, scalar


class EditError(ValueError):
    """The note cannot be edited safely; the message says why."""


def split_lines(text: str) -> list[str]:
    """Lines with their endings; only `\\n` ends a line (`\\r\\n` stays whole)."""
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


def ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    return "\n" if line.endswith("\n") else ""


def _split_comment(rest: str) -> tuple[str, str]:
    """Split the text after `key:` into the value part and a trailing `# comment`."""
    single = double = False
    for index, ch in enumerate(rest):
        if ch == "'" and not double:
            single = not single
        elif ch == '"' and not single and (index == 0 or rest[index - 1] != "\\"):
            double = not double
        elif ch == "#" and not single and not double and (index == 0 or rest[index - 1] in " \t"):
            return rest[:index], rest[index:]
    return rest, ""


@dataclass
class NoteText:
    """A note as editable lines. `render()` gives back the exact text when unchanged."""

    bom: bool
    lines: list[str]

    @classmethod
    def parse(cls, text: str) -> NoteText:
        bom = text.startswith(BOM)
        return cls(bom, split_lines(text[1:] if bom else text))

    def render(self) -> str:
        return (BOM if self.bom else "") + "".join(self.lines)

    @property
    def newline(self) -> str:
        crlf = sum(1 for line in self.lines if line.endswith("\r\n"))
        lf = sum(1 for line in self.lines if line.endswith("\n")) - crlf
        if crlf > lf or (crlf == lf and crlf and self.lines[0].endswith("\r\n")):
            return "\r\n"
        return "\n"

    def _insert(self, index: int, new_lines: list[str]) -> None:
        """Insert lines (ending in the note's newline) keeping a missing final newline missing."""
        if index == len(self.lines) and self.lines and not ending(self.lines[-1]):
            self.lines[-1] += self.newline
            new_lines = [*new_lines[:-1], new_lines[-1].rstrip("\r\n")]
        self.lines[index:index] = new_lines

    # -- front matter -------------------------------------------------------

    def _front_matter(self) -> tuple[int, int] | None:
        split = split_note("".join(self.lines))
        if split.unclosed:
            raise EditError("the front matter opens with '---' but is never closed; "
                            "close it before editing")
        if split.yaml_start is None or split.yaml_end is None:
            return None
        return split.yaml_start, split.yaml_end

    def _key_span(self, key: str, start: int, end: int) -> tuple[int, int] | None:
        pattern = re.compile(rf"""^(["']?){re.escape(key)}\1[ \t]*:(?:[ \t]|\r?\n|$)""")
        for index in range(start, end):
            if pattern.match(self.lines[index]):
                stop = index + 1
                value_empty = not _split_comment(self.lines[index].split(":", 1)[1])[0].strip()
                last = index + 1
                while stop < end:
                    line = self.lines[stop]
                    if line.strip() == "":
                        stop += 1
                        continue
                    if line[0] in " \t" or (value_empty and line.startswith("-")):
                        stop += 1
                        last = stop
                        continue
                    break
                return index, last
        return None

    def set_field(self, key: str, value: Value) -> None:
        """Set a top-level field, changing only its own line(s)."""
        span = self._front_matter()
        newline = self.newline
        if span is None:
            self.lines[0:0] = ["---" + newline, f"{key}: {_format(value)}{newline}",
                               "---" + newline]
            return
        start, end = span
        found = self._key_span(key, start, end)
        if found is None:
            block = re.compile(r"^([ \t]*-[ \t]+)\S")
            items = [m.group(1) for m in map(block.match, self.lines[start:end]) if m]
            if isinstance(value, (list, tuple)) and value and items:
                # The note writes its lists as blocks: so does a new one.
                self.lines[end:end] = [f"{key}:{newline}"] + [
                    f"{items[0]}{scalar(str(v))}{newline}" for v in value]
            else:
                self.lines[end:end] = [f"{key}: {_format(value)}{newline}"]
            return
        first, stop = found
        line = self.lines[first]
        eol = ending(line)
        head, rest = line[: len(line) - len(eol)].split(":", 1)
        value_part, comment = _split_comment(rest)
        old = value_part.strip()
        if old:
            lead = value_part[: len(value_part) - len(value_part.lstrip())] or " "
            gap = value_part[len(value_part.rstrip()):] if comment else ""
        else:
            lead, gap = " ", (value_part[1:] or " ") if comment else ""
        if stop > first + 1 and not old and isinstance(value, (list, tuple)) and value:
            self._set_block_list(first + 1, stop, [str(v) for v in value])
            return
        quote = old[:1] if old[:1] in ("'", '"') else ""
        text = _format(value, quote)
        line_end = eol or ending(self.lines[stop - 1])
        self.lines[first:stop] = [f"{head}:{lead}{text}{gap}{comment}{line_end}"]

    def _set_block_list(self, start: int, stop: int, wanted: list[str]) -> None:
        """Edit a block list item by item, so comments and untouched items stay."""
        newline = self.newline
        block = self.lines[start:stop]
        values: list[str | None] = []
        for line in block:
            body = line.strip()
            if body.startswith("-"):
                try:
                    loaded = load_front_matter(f"k:\n{line.rstrip(chr(13) + chr(10))}\n")
                    values.append(str(loaded["k"][0]))
                except (FrontMatterError, TypeError, KeyError, IndexError):
                    values.append(None)
            else:
                values.append(None)
        old = [v for v in values if v is not None]
        kept = [v for v in old if v in wanted]
        added = [v for v in wanted if v not in old]
        items = [line for line, v in zip(block, values, strict=True) if v is not None]
        match = re.match(r"^([ \t]*-[ \t]*)", items[0]) if items else None
        prefix = match.group(1) if match else "  - "
        if kept + added != wanted or len(set(wanted)) != len(wanted):
            self.lines[start:stop] = [f"{prefix}{scalar(v)}{newline}" for v in wanted]
            return
        new_block: list[str] = []
        last_item = -1
        for line, v in zip(block, values, strict=True):
            if v is not None and v not in wanted:
                continue
            new_block.append(line)
            if v is not None:
                last_item = len(new_block)
        new_lines = [f"{prefix}{scalar(v)}{newline}" for v in added]
        at = last_item if last_item >= 0 else len(new_block)
        new_block[at:at] = new_lines
        self.lines[start:stop] = new_block

    def remove_field(self, key: str) -> bool:
        """Delete a top-level field and its continuation lines; False when absent."""
        span = self._front_matter()
        if span is None:
            return False
        found = self._key_span(key, *span)
        if found is None:
            return False
        del self.lines[found[0] : found[1]]
        return True

    def insert_before_log(self, paragraph: list[str],
                          titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> None:
        """Insert lines just above the log heading (or at the end when there is none)."""
        newline = self.newline
        span = self._front_matter()
        start = span[1] + 1 if span else 0
        at = next((h.line for h in headings(self.lines, start) if h.is_log(titles)),
                  len(self.lines))
        self._insert(at, [line + newline for line in paragraph])

    # -- log ----------------------------------------------------------------

    def append_line(self, text: str) -> int:
        """Add `text` as the note's last line; return its 0-based index."""
        if self.lines and not ending(self.lines[-1]):
            self.lines[-1] += self.newline
        self.lines.append(f"{text}{self.newline}")
        return len(self.lines) - 1

    def insert_log(self, entry: str, day: date,
                   titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> int:
        """Insert `entry` newest-first under the log heading (the first heading among
        `titles`: `## Log`, `## Interactions`...); return its 0-based line index.

        Creates `## Log` at the end of the note when there is none.
        """
        return self.insert_logs([(entry, day)], titles)[0]

    def insert_logs(self, entries: Sequence[tuple[str, date]],
                    titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> list[int]:
        """insert_log for each (entry, day) in turn, the note read once; the 0-based
        index of each entry's line once all are in."""
        newline = self.newline
        span = self._front_matter()
        body_start = span[1] + 1 if span else 0
        found = headings(self.lines, body_start)
        log = next((h for h in found if h.is_log(titles)), None)
        placed: list[int] = []
        shift = 0  # lines inserted in the log since `found` was read
        for entry, day in entries:
            if log is None:
                placed.append(self._start_log(entry, newline))
                found = headings(self.lines, body_start)
                # None still when the new heading is hidden (an unclosed comment above):
                # the check after the edit refuses it.
                log, shift = next((h for h in found if h.is_log(titles)), None), 0
                continue
            following = next((h.line for h in found if h.line > log.line
                              and h.level <= log.level), None)
            section_end = len(self.lines) if following is None else following + shift
            at = self._log_position(log.end, section_end, day)
            self._insert(at, [entry + newline])
            placed = [i + 1 if i >= at else i for i in placed] + [at]
            shift += 1
        return placed

    def _start_log(self, entry: str, newline: str) -> int:
        """Add `## Log` and `entry` at the end of the note; the entry's index."""
        additions = []
        if self.lines and self.lines[-1].strip():
            additions.append(newline)
        additions += [f"## Log{newline}", f"{entry}{newline}"]
        if self.lines and not ending(self.lines[-1]):
            self.lines[-1] += newline
            additions[-1] = entry
        at = len(self.lines)
        self.lines.extend(additions)
        return at + len(additions) - 1

    def _log_position(self, start: int, end: int, day: date) -> int:
        """Where an entry of `day` goes among the log lines in [start, end): above the
        first entry of its day or older, after any continuation lines."""
        insert_at = start
        for index, line in unfenced(self.lines, start):
            if index >= end:
                break
            match = LOG_LINE.match(line)
            if match:
                try:
                    entry_day = date.fromisoformat(match.group("date"))
                except ValueError:
                    continue
                if entry_day <= day:
                    return index
                insert_at = index + 1
            elif line[:1] in (" ", "\t") and insert_at == index:
                insert_at = index + 1  # continuation lines belong to the entry above
        return insert_at


def _format(value: Value, quote: str = "") -> str:
    if isinstance(value, Mapping):
        return flow_mapping({str(k): str(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return flow_list([str(v) for v in value])
    if value is None:
        return ""
    assert not isinstance(value, Sequence) or isinstance(value, str)
    return scalar(value, quote)

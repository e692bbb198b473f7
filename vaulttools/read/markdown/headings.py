"""Headings as CommonMark finds them in a note's body: ATX (`## Log`, up to three
spaces in, an optional closing `##`) and setext (a paragraph underlined by `===`
or `---`), outside fenced code and comments.

One forward scan keeps just enough block structure to tell a setext underline
from a thematic break: whether a paragraph is open, and whether it belongs to a
list item or a quote, whose lazy lines no underline makes a heading. List
items are not modelled further: a heading nested in one by four or more
spaces reads as code. tests/test_headings.py holds this to markdown-it-py,
which is too slow for a cold load (it takes 3.6 times a whole parse_note).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from vaulttools.config import DEFAULT_LOG_HEADINGS, heading_key
from vaulttools.read.markdown.comments import fence_step, mask_comments

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# A list item or a quote: the paragraph it opens goes on in lazy lines.
CONTAINER = re.compile(r"^ {0,3}(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))")
INDENTED_CODE = re.compile(r"^(?: {4}|[ ]{0,3}\t)")


@functools.lru_cache(maxsize=16)
def log_heading_anywhere(titles: frozenset[str]) -> re.Pattern[str]:
    """A quick test for a log heading anywhere in a body, to skip notes with none."""
    # Loose on purpose (any marks around the words); Heading.is_log decides.
    title = "(?:" + "|".join(sorted(r"[^\w\n]*".join(map(re.escape, t.split()))
                                    for t in titles)) + r")[^\w\n]*"
    title = r"[^\w\n]*" + title
    return re.compile(rf"^ {{0,3}}(?:#{{1,6}}[ \t]+{title}(?:[ \t]+#+)?[ \t]*"
                      rf"|{title}[ \t]*\r?\n {{0,3}}(?:=+|-+)[ \t]*)\r?$", re.I | re.M)


class Heading(NamedTuple):
    line: int  # the index of its first line
    level: int  # 1-6
    title: str
    size: int  # lines it takes: 1 for ATX; a setext heading's text lines and underline

    def is_log(self, titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> bool:
        """Whether its section is the log: its title is one of `titles` (see heading_key)."""
        return heading_key(self.title) in titles

    @property
    def end(self) -> int:
        """The index of the line after it."""
        return self.line + self.size


# Where neither of these occurs, every heading is an ATX line, whatever surrounds it.
# (Searched in "\n" + text: a pattern that opens with a literal is searched fast.)
_UNDERLINE_ANYWHERE = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*\r?(?:\n|\Z)")
_ATX_ANYWHERE = re.compile(r"\n {0,3}#{1,6}(?=[ \t]|\r?\n|\r?\Z)")


def headings(lines: Sequence[str], start: int = 0, masked: bool = False) -> list[Heading]:
    """Every heading from lines[start] on (lines may keep their endings), with indexes
    into `lines`. `masked`: comments are blanked out already (comments.mask_comments).

    A body with no fence and no line that could underline a setext heading holds
    only ATX headings, and those need no scan line by line: one search finds the
    candidates (the shortcut `scan` answers to, in tests/test_headings.py)."""
    body = lines[start:] if masked else mask_comments(lines[start:])
    text = "\n" + "".join(body)
    if "```" in text or "~~~" in text or _UNDERLINE_ANYWHERE.search(text):
        return scan(body, start)
    found: list[Heading] = []
    line, at = -1, 0
    for match in _ATX_ANYWHERE.finditer(text):
        line += text.count("\n", at, match.start() + 1)
        at = match.start() + 1
        atx = ATX_HEADING.match(body[line].rstrip("\r\n"))
        if atx:
            found.append(Heading(start + line, len(atx.group(1)), (atx.group(2) or "").strip(), 1))
    return found


def scan(body: Sequence[str], start: int = 0) -> list[Heading]:
    """Every heading of `body` (comments masked), line by line, its indexes offset by
    `start`: the plain implementation."""
    found: list[Heading] = []
    fence: str | None = None
    paragraph: int | None = None  # where the open paragraph an underline may head began
    lazy = False  # an open paragraph of a list item or quote
    for offset, raw in enumerate(body):
        if fence is not None or "`" in raw or "~" in raw:
            fence, code = fence_step(fence, raw)
            if code:
                paragraph, lazy = None, False
                continue
        line = raw.rstrip("\r\n")
        rest = line.lstrip(" ")
        first = rest[:1]
        if not first or (first.isspace() and not line.strip()):
            paragraph, lazy = None, False
            continue
        if paragraph is not None and first in ("=", "-"):
            under = SETEXT_UNDERLINE.match(line)
            if under:
                title = " ".join(text.strip() for text in body[paragraph:offset])
                found.append(Heading(start + paragraph, 1 if under.group(1)[0] == "=" else 2,
                                     title, offset - paragraph + 1))
                paragraph = None
                continue
        if first == "#":
            atx = ATX_HEADING.match(line)
            if atx:
                found.append(Heading(start + offset, len(atx.group(1)),
                                     (atx.group(2) or "").strip(), 1))
                paragraph, lazy = None, False
                continue
        if first in ("-", "*", "_") and not line.strip(" \t-*_") and THEMATIC_BREAK.match(line):
            paragraph, lazy = None, False
        elif len(line) - len(rest) <= 3 and (
                first == ">" or (first in ("-", "*", "+") and rest[1:2] in ("", " ", "\t"))
                or (first.isdigit() and CONTAINER.match(line))):
            paragraph, lazy = None, True
        elif paragraph is None and not lazy and not INDENTED_CODE.match(line):
            paragraph = offset
    return found

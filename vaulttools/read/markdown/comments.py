"""What in a note's body is not content: comments (HTML `<!-- ... -->` and Obsidian's
`%% ... %%`) and the fences of code blocks.

Neither is shown in Obsidian's reading view, so nothing inside one is
content: no heading, log line, task or wikilink there counts, and no edit
writes into one. `mask_comments` blanks them out, keeping every line and its
length, so the readers see only what the user sees.

As CommonMark has it: a comment that opens a line runs to its `-->`, or to
the end of the note when there is none; one that opens inside a line is a
comment only when a `-->` closes it (else it is literal text). `%%` runs to
the next `%%`, or to the end, as in Obsidian. Inside fenced code and inline
code spans, `<!--` and `%%` are literal text.

`fence_step` is the one rule for fenced code every reader follows: a fence of
three or more backticks or tildes opens a block that only a fence of the same
character, at least as long and with nothing after it, closes (or the end).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPENER = re.compile(r"<!--|%%")
_CLOSER = {"<!--": "-->", "%%": "%%"}
COMMENT_MARKER = re.compile(r"<!--|-->|%%")
"""What opens or closes a comment: text written into a line must hold none."""
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_NOT_A_BREAK = re.compile(r"[^\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def fence_step(open_fence: str | None, line: str,
               opener: re.Pattern[str] = FENCE_OPEN) -> tuple[str | None, bool]:
    """Follow fenced code across one line: (the fence still open after it, whether the
    line is code: a fence itself, or inside one). `open_fence` is the opening marker,
    or None."""
    if "`" not in line and "~" not in line:
        return open_fence, open_fence is not None
    match = opener.match(line)
    if match is None:
        return open_fence, open_fence is not None
    marker, rest = match.group(1), line[match.end():]
    if open_fence is None:
        if marker[0] == "`" and "`" in rest:
            return None, False  # a backtick fence's info string holds no backtick
        return marker, True
    if marker[0] == open_fence[0] and len(marker) >= len(open_fence) and not rest.strip():
        return None, True
    return open_fence, True


def has_comments(text: str) -> bool:
    """A cheap test: whether `text` could hold a comment at all."""
    return "<!--" in text or "%%" in text


def comment_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each comment in `text`, in order."""
    spans: list[tuple[int, int]] = []
    pos, size, fence = 0, len(text), None
    while pos < size:
        newline = text.find("\n", pos)
        eol = size if newline < 0 else newline + 1
        segment = text[pos:eol]
        at_line_start = pos == 0 or text[pos - 1] == "\n"
        if at_line_start:
            fence, in_code = fence_step(fence, segment)
            if in_code:
                pos = eol
                continue
        found = None
        code = [m.span() for m in _INLINE_CODE.finditer(segment)] if "`" in segment else []
        for match in _OPENER.finditer(segment):
            if any(a <= match.start() < b for a, b in code):
                continue
            start, opener = pos + match.start(), match.group()
            close_at = text.find(_CLOSER[opener], match.end() + pos)
            if close_at >= 0:
                found = (start, close_at + len(_CLOSER[opener]))
                break
            opens_block = at_line_start and match.start() <= 3 and not segment[
                :match.start()].strip(" \t")
            if opener == "%%" or opens_block:
                found = (start, size)
                break
        if found is None:
            pos = eol
            continue
        spans.append(found)
        pos = found[1]
    return spans


def unclosed_comment(text: str) -> int | None:
    """The offset of a comment that is never closed and so hides the rest of `text`."""
    spans = comment_spans(text) if has_comments(text) else []
    if not spans or spans[-1][1] != len(text):
        return None
    start = spans[-1][0]
    opener = "%%" if text.startswith("%%", start) else "<!--"
    return start if text.find(_CLOSER[opener], start + len(opener)) < 0 else None


def mask_comments(lines: Sequence[str]) -> list[str]:
    """`lines` (with their endings) with every comment's characters turned to spaces,
    line breaks kept, so each line keeps its index and length."""
    text = "".join(lines)
    if not has_comments(text):
        return list(lines)
    spans = comment_spans(text)
    if not spans:
        return list(lines)
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], _NOT_A_BREAK.sub(" ", text[start:end])]
        last = end
    masked = "".join([*parts, text[last:]])
    out, at = [], 0
    for line in lines:
        out.append(masked[at:at + len(line)])
        at += len(line)
    return out

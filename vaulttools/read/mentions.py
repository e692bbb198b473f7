"""Daily notes: which contacts a dated note mentions by [[wikilink]].

A mention counts as contact on the note's date, the way Obsidian users log a
coffee in their daily note: in running text, in a table (where Obsidian
writes `[[Jane Doe\\|Jane]]`), in a callout (`> [!note] Meetings`), and in
the note's front matter (`people: ["[[Jane Doe]]"]`). Links inside
unchecked tasks (a plan, not a meeting), plain block quotes (someone else's
words), code (fenced or inline), comments (`<!-- -->`, `%% %%`) and embeds
(`![[...]]`) do not count.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from vaulttools.names import fold
from vaulttools.read.markdown.comments import fence_step, has_comments, mask_comments

WIKILINK = re.compile(r"(!?)\[\[([^\[\]|#^\n]+)(?:[#^][^\[\]|\n]*)?(?:\|[^\[\]\n]*)?\]\]")
# Any indentation: a fence inside a list item is still a fence.
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
UNCHECKED_TASK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[ \]")
QUOTE = re.compile(r"^[ \t]*>[ \t]?")
CALLOUT = re.compile(r"^[ \t]*>[ \t]*\[![\w-]+\][+-]?")
INLINE_CODE = re.compile(r"`[^`\n]*`")
LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[.\][ \t]+)?")


def mentioned_targets(text: str) -> set[str]:
    """The folded link targets a note mentions."""
    return set(mentioned_links(text))


def mentioned_links(text: str) -> dict[str, str]:
    """The link targets a note mentions: folded -> as written."""
    targets: dict[str, str] = {}
    for _, line in _linking_lines(text):
        _add_links(line, targets)
    return targets


def mention_lines(text: str, keys: Collection[str]) -> list[tuple[int, str]]:
    """The lines of a note that mention someone whose folded names are `keys`, each with
    its number (from 1) and as it reads, links shown as their text."""
    found = []
    for index, line in _linking_lines(text):
        targets: dict[str, str] = {}
        _add_links(line, targets)
        if keys & targets.keys():
            shown = WIKILINK.sub(lambda m: (m.group(0).split("|", 1)[1][:-2] if "|" in
                                            m.group(0) else m.group(2)), line)
            found.append((index + 1, " ".join(LIST_MARK.sub("", shown).split())))
    return found


def _linking_lines(text: str) -> Iterator[tuple[int, str]]:
    """(index, line) of each line whose links count: not in the front matter's closing,
    code, a plain quote (a callout is the user's own) or an open task."""
    fence: str | None = None
    front_matter = text.startswith("---")
    in_callout = False
    lines = text.splitlines()
    if has_comments(text):
        body_at = _body_start(lines) if front_matter else 0
        masked = mask_comments([line + "\n" for line in lines[body_at:]])
        lines[body_at:] = [line[:-1] for line in masked]
    for index, line in enumerate(lines):
        if front_matter:
            if index > 0 and line.rstrip() in ("---", "..."):
                front_matter = False
            elif index > 0:
                yield index, line
            continue
        fence, code = fence_step(fence, line, FENCE)
        if code:
            continue
        if QUOTE.match(line):
            # A callout is the user's own writing; a plain quote is someone else's.
            in_callout = in_callout or CALLOUT.match(line) is not None
            if not in_callout:
                continue
            while QUOTE.match(line):  # `> > nested` too
                line = QUOTE.sub("", line, count=1)
        else:
            in_callout = False
        if UNCHECKED_TASK.match(line):
            continue
        yield index, INLINE_CODE.sub("", line)


def _body_start(lines: list[str]) -> int:
    """The index of the first body line of a note that opens with `---`."""
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return len(lines)


def _add_links(line: str, targets: dict[str, str]) -> None:
    for match in WIKILINK.finditer(line):
        if match.group(1):
            continue  # an embed shows a note; it records no meeting
        # In a table, Obsidian escapes the alias pipe: `[[Jane Doe\|Jane]]`.
        target = match.group(2).rstrip("\\").strip()
        if target.lower().endswith(".md"):
            target = target[:-3]
        name = target.rsplit("/", 1)[-1]
        if name:
            targets.setdefault(fold(name), name)

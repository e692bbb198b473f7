"""Daily notes: which contacts a dated note mentions by [[wikilink]].

A mention counts as contact on the note's date, the way Obsidian users log a
coffee in their daily note. Links inside unchecked tasks (a plan, not a
meeting), block quotes, code (fenced or inline) and embeds (`![[...]]`) do
not count.
"""

from __future__ import annotations

import re

from vaulttools.names import fold

WIKILINK = re.compile(r"(!?)\[\[([^\[\]|#^\n]+)(?:[#^][^\[\]|\n]*)?(?:\|[^\[\]\n]*)?\]\]")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
UNCHECKED_TASK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[ \]")
QUOTE = re.compile(r"^[ \t]*>")
INLINE_CODE = re.compile(r"`[^`\n]*`")


def mentioned_targets(text: str) -> set[str]:
    """The folded link targets a note mentions in running text."""
    return set(mentioned_links(text))


def mentioned_links(text: str) -> dict[str, str]:
    """The link targets a note mentions in running text: folded -> as written."""
    targets: dict[str, str] = {}
    in_fence = False
    front_matter = text.startswith("---")
    for index, line in enumerate(text.splitlines()):
        if front_matter:
            if index > 0 and line.rstrip() in ("---", "..."):
                front_matter = False
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or QUOTE.match(line) or UNCHECKED_TASK.match(line):
            continue
        for match in WIKILINK.finditer(INLINE_CODE.sub("", line)):
            if match.group(1):
                continue  # an embed shows a note; it records no meeting
            target = match.group(2).strip()
            if target.lower().endswith(".md"):
                target = target[:-3]
            name = target.rsplit("/", 1)[-1]
            targets.setdefault(fold(name), name)
    return targets

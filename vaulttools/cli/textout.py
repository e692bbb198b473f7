"""Plain-text layout for terminal output: aligned tables and key/value blocks.

Pure string building; the commands do the printing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vaulttools.model import Contact
    from vaulttools.read.vault import Vault


# Printable ASCII and the Latin letters up to U+02FF (before the combining marks):
# one column each, whatever follows, so most names are measured by len().
_ONE_COLUMN_EACH = re.compile("[\x20-\x7e\xa0-\u02ff]*")


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide CJK characters and emoji two,
    combining marks, zero-width characters and the joined parts of an emoji
    sequence (👩‍💻, 👍🏽) none. wcwidth knows these; a hand-written table got
    ZWJ sequences, skin tones and zero-width spaces wrong."""
    if _ONE_COLUMN_EACH.fullmatch(text):
        return len(text)
    import wcwidth  # here: its tables take longer to import than most commands run

    measured = wcwidth.wcswidth(text)
    if measured >= 0:
        return int(measured)
    # A control character makes wcswidth give up: count the rest.
    return sum(max(int(wcwidth.wcwidth(ch)), 0) for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def clip(text: str, columns: int) -> str:
    """`text` cut to fit `columns` display columns, ending in `…` when cut."""
    if width(text) <= columns:
        return text
    kept, used = [], 0
    for char in text:
        size = width(char)
        if used + size > columns - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + "…"


# The terminal a command prints for when it is not this process's own: (columns,
# links shown), while the watcher answers a question asked from another terminal
# (cli/ahead.py).
_asked_for: list[tuple[int | None, bool]] = []


@contextlib.contextmanager
def printing_for(columns: int | None, links: bool) -> Iterator[None]:
    """Lay output out as terminal_columns() and links_shown() said where it was asked."""
    _asked_for.append((columns, links))
    try:
        yield
    finally:
        _asked_for.pop()


def terminal_columns() -> int | None:
    """How wide a row may be: `$COLUMNS`, else the terminal's width when stdout is one;
    None (no limit) when the output goes to a file or a pipe."""
    if _asked_for:
        return _asked_for[-1][0]
    text = os.environ.get("COLUMNS", "").strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


# A clipped last column keeps at least this many columns, even when the row then wraps.
SHORTEST_CLIP = 16


def links_shown() -> bool:
    """Whether names may be terminal hyperlinks (OSC 8): only to a terminal, and never
    with NO_COLOR or TERM=dumb."""
    if _asked_for:
        return _asked_for[-1][1]
    return (sys.stdout.isatty() and "NO_COLOR" not in os.environ
            and os.environ.get("TERM", "") != "dumb")


def hyperlink(text: str, uri: str | None) -> str:
    """`text` as an OSC 8 hyperlink to `uri` (as it is, without one)."""
    return f"\x1b]8;;{uri}\x1b\\{text}\x1b]8;;\x1b\\" if uri else text


def table(headers: Sequence[str], rows: Sequence[Sequence[str]],
          max_width: int | None = None, links: Sequence[str | None] = (),
          link_column: int = 0) -> str:
    """Left-aligned columns separated by two spaces; the last column is not padded,
    and is cut with `…` where a row would pass `max_width` columns (and wrap). With
    `links` (a URI or None a row), each row's `link_column` cell is a hyperlink."""
    if not rows:
        return ""
    texts = [[str(cell) for cell in row] for row in [headers, *rows]]
    uris = [None, *links] if links else []
    padded = len(headers) - 1  # the columns that are padded: all but the last
    # A due list can be thousands of rows long: rows in plain ASCII (most) are
    # measured with len() and laid out by one str.format each; only the others
    # are measured by display width, cell by cell.
    plain = ["".join(row[:padded]).isascii() for row in texts]
    widths = [[len(cell) for cell in row[:padded]] if ascii_only
              else [width(cell) for cell in row[:padded]]
              for row, ascii_only in zip(texts, plain, strict=True)]
    columns = [max(row[i] for row in widths) for i in range(padded)]
    if max_width is not None:
        room = max(SHORTEST_CLIP, max_width - sum(columns) - 2 * padded)
        texts = [[*row[:-1], clip(row[-1], room)] for row in texts]
    layout = "  ".join([*(f"{{:<{n}}}" for n in columns), "{}"])
    lines = []
    for number, (row, row_widths, ascii_only) in enumerate(
            zip(texts, widths, plain, strict=True)):
        uri = uris[number] if uris else None
        if ascii_only and uri is None:
            lines.append(layout.format(*row).rstrip())
            continue
        cells = [cell + " " * (columns[i] - row_widths[i]) for i, cell in enumerate(row[:-1])]
        cells.append(row[-1])
        if uri is not None:  # measured as text, shown as a link: padding stays outside it
            cell = row[link_column]
            cells[link_column] = hyperlink(cell, uri) + cells[link_column][len(cell):]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def fields(pairs: Sequence[tuple[str, str]]) -> str:
    """`key: value` lines with the values aligned; empty values are left out."""
    shown = [(k, v) for k, v in pairs if v]
    if not shown:
        return ""
    columns = max(width(k) for k, _ in shown) + 1
    return "\n".join(f"{pad(k + ':', columns)} {v}" for k, v in shown)


def note_links(vault: Vault, contacts: Sequence[Contact]) -> list[str | None]:
    """Each contact's `obsidian://` link, where names may be hyperlinks (links_shown)."""
    if not links_shown():
        return []
    return [vault.obsidian_uri(contact.relpath) for contact in contacts]


def name_link(vault: Vault, contact: Contact) -> str:
    """The contact's name, a hyperlink to its note in Obsidian where links are shown."""
    return hyperlink(contact.name, vault.obsidian_uri(contact.relpath) if links_shown() else None)

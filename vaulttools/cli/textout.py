"""Plain-text layout for terminal output: aligned tables and key/value blocks.

Pure string building; the commands do the printing.
"""

from __future__ import annotations

from collections.abc import Sequence

import wcwidth


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide CJK characters and emoji two,
    combining marks, zero-width characters and the joined parts of an emoji
    sequence (👩‍💻, 👍🏽) none. wcwidth knows these; a hand-written table got
    ZWJ sequences, skin tones and zero-width spaces wrong."""
    if text.isascii() and text.isprintable():
        return len(text)
    measured = wcwidth.wcswidth(text)
    if measured >= 0:
        return int(measured)
    # A control character makes wcswidth give up: count the rest.
    return sum(max(int(wcwidth.wcwidth(ch)), 0) for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces; the last column is not padded."""
    if not rows:
        return ""
    texts = [[str(cell) for cell in row] for row in [headers, *rows]]
    padded = len(headers) - 1  # the columns that are padded: all but the last
    # A due list can be thousands of rows long: rows in plain ASCII (most) are
    # measured with len() and laid out by one str.format each; only the others
    # are measured by display width, cell by cell.
    plain = ["".join(row[:padded]).isascii() for row in texts]
    widths = [[len(cell) for cell in row[:padded]] if ascii_only
              else [width(cell) for cell in row[:padded]]
              for row, ascii_only in zip(texts, plain, strict=True)]
    columns = [max(row[i] for row in widths) for i in range(padded)]
    layout = "  ".join([*(f"{{:<{n}}}" for n in columns), "{}"])
    lines = []
    for row, row_widths, ascii_only in zip(texts, widths, plain, strict=True):
        if ascii_only:
            lines.append(layout.format(*row).rstrip())
            continue
        cells = [cell + " " * (columns[i] - row_widths[i]) for i, cell in enumerate(row[:-1])]
        cells.append(row[-1])
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def fields(pairs: Sequence[tuple[str, str]]) -> str:
    """`key: value` lines with the values aligned; empty values are left out."""
    shown = [(k, v) for k, v in pairs if v]
    if not shown:
        return ""
    columns = max(width(k) for k, _ in shown) + 1
    return "\n".join(f"{pad(k + ':', columns)} {v}" for k, v in shown)

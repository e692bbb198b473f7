"""Writing front-matter values the way Obsidian reads them, and reading them back.

A value is written plain when the strict loader reads the plain text back as
the same value, and double-quoted (JSON escaping, which is valid YAML)
otherwise. Dates are written `YYYY-MM-DD`, wikilinks always quoted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from vaulttools.read.yamlsafe import FrontMatterError, load_front_matter

Value = str | int | bool | date | None | Sequence[str] | Mapping[str, str]


def _reads_back(text: str, expected: Any) -> bool:
    try:
        return bool(load_front_matter(f"k: {text}\n") == {"k": expected})
    except FrontMatterError:
        return False


def scalar(value: str | int | bool | date, quote: str = "") -> str:
    """One scalar as YAML text; `quote` ('"' or "'") keeps a style the user chose."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = value.isoformat() if isinstance(value, date) else str(value)
    if quote == "'" and "\n" not in text:
        candidate = "'" + text.replace("'", "''") + "'"
        if _reads_back(candidate, text):
            return candidate
    if quote != '"' and not text.startswith("[[") and _reads_back(text, text):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: Sequence[str]) -> str:
    """`[a, b]`, each item quoted only when it must be."""
    parts = []
    for item in items:
        plain = scalar(item)
        if plain == item and not any(ch in item for ch in ",[]{}") and _reads_back(
            f"[{item}]", [item]
        ):
            parts.append(item)
        else:
            parts.append(json.dumps(item, ensure_ascii=False))
    return "[" + ", ".join(parts) + "]"


def flow_mapping(items: Mapping[str, str]) -> str:
    """`{label: value, ...}`, keys and values quoted only when they must be."""
    parts = []
    for key, value in items.items():
        key_text = key if _reads_back(f"{{{key}: x}}", {key: "x"}) else json.dumps(key)
        value_text = str(value)
        if not _reads_back(f"{{k: {value_text}}}", {"k": value_text}):
            value_text = json.dumps(value_text, ensure_ascii=False)
        parts.append(f"{key_text}: {value_text}")
    return "{" + ", ".join(parts) + "}"

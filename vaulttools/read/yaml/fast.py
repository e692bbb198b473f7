"""A fast path for the front matter most notes have: `key: value` lines, simple
quoted strings, flow lists `[a, b]` and block lists of scalars.

A cold load of a large vault spends most of its time in PyYAML. This reader
handles the common, simple shapes in a few microseconds and answers exactly
what `strict.VaultLoader` would; for anything else (nested mappings,
multi-line values, anchors, escapes, tabs, duplicate keys, odd characters...)
it declines by returning None, and the caller uses PyYAML. A property-based
test checks that whenever it answers, PyYAML itself (strict.pyyaml_load)
agrees.
"""

from __future__ import annotations

import re
from typing import Any

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*))?$")
# `key: plain value  # comment`, the commonest line, in one match.
_SIMPLE_LINE = re.compile(
    r"([A-Za-z_][A-Za-z0-9_-]*): +([^-?:,\[\]{}#&*!|>'\"%@`\s~][^\[\]{}#]*)(#.*)?$"
)
_ITEM_LINE = re.compile(r"( *)- ?(.*)$")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_INT_START = frozenset("-+0123456789")
_NULLS = frozenset({"~", "null", "Null", "NULL", ""})
_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff"
                  "\ufffe\uffff\t\r]")
_PLAIN_START_BAD = frozenset("?:,[]{}#&*!|>'\"%@`")
_PLAIN_BAD = frozenset("[]{}")


class _Decline(Exception):
    pass


def _plain(text: str) -> Any:
    """A plain scalar with the loader's minimal schema."""
    if not text:
        return None
    first = text[0]
    if first in _PLAIN_START_BAD or (first == "-" and (len(text) == 1 or text[1] == " ")):
        raise _Decline
    if ": " in text or text[-1] == ":" or not _PLAIN_BAD.isdisjoint(text):
        raise _Decline
    if text in _NULLS:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if first in _INT_START and _INT.fullmatch(text):
        return int(text)
    return text


def _without_comment(text: str) -> str:
    at = text.find(" #")
    return (text[:at] if at >= 0 else text).rstrip()


def _quoted(text: str, match: re.Match[str] | None) -> str:
    """The part after a quoted scalar may only be a comment."""
    if not match:
        raise _Decline
    rest = text[match.end():]
    if rest.strip() and not (rest[0] == " " and rest.strip().startswith("#")):
        raise _Decline
    return match.group(1)


def _scalar(text: str, in_flow: bool = False) -> Any:
    """A value: quoted, plain (comment stripped) or, outside flow lists, a flow list."""
    if text.startswith('"'):
        return _quoted(text, _DOUBLE.match(text))
    if text.startswith("'"):
        return _quoted(text, _SINGLE.match(text)).replace("''", "'")
    if text.startswith("[") and not in_flow:
        return _flow_list(text)
    if text.startswith("#"):
        return None
    return _plain(_without_comment(text))


def _flow_list(text: str) -> list[Any]:
    body = _without_comment(text) if "#" in text else text.rstrip()
    if not body.endswith("]") or body.count("[") != 1 or body.count("]") != 1:
        raise _Decline
    inner = body[1:-1].strip()
    if not inner:
        return []
    items = []
    for raw in inner.split(","):
        item = raw.strip()
        if not item or "#" in item or "'" in item[1:-1] or '"' in item[1:-1]:
            raise _Decline
        value = _scalar(item, in_flow=True)
        if isinstance(value, str) and not item.startswith(("'", '"')) and (
            ":" in item or item.startswith("-")
        ):
            raise _Decline  # `a:b` and `-x` read differently inside flow collections
        items.append(value)
    return items


def fast_load(text: str) -> dict[str, Any] | None:
    """The front matter as a mapping, or None when PyYAML must decide."""
    text = text.replace("\r\n", "\n")
    if _ODD.search(text) or "&" in text or "*" in text or "\\" in text:
        return None
    result: dict[str, Any] = {}
    lines = text.split("\n")
    index = 0
    try:
        while index < len(lines):
            line = lines[index]
            index += 1
            simple = _SIMPLE_LINE.match(line)
            if simple and (simple.group(3) is None or simple.group(2)[-1] == " "):
                key, value = simple.group(1), simple.group(2).rstrip(" ")
                if key in result or key in _BOOL or key in _NULLS or ": " in value or (
                    value[-1] == ":"
                ):
                    raise _Decline
                if value in _BOOL:
                    result[key] = _BOOL[value]
                elif value in _NULLS:
                    result[key] = None
                elif value[0] in _INT_START and _INT.fullmatch(value):
                    result[key] = int(value)
                else:
                    result[key] = value
                continue
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                if line[:1] == " " and stripped:
                    raise _Decline  # an indented comment may sit inside a block
                continue
            match = _KEY_LINE.match(line.rstrip(" "))
            if not match or match.group(1) in result:
                raise _Decline
            if match.group(1) in _BOOL or match.group(1) in _NULLS:
                raise _Decline  # `true:` is a boolean key in YAML
            key, value = match.group(1), (match.group(2) or "")
            if value and not value.startswith("#"):
                result[key] = _scalar(value)
                continue
            items, indent = [], None
            while index < len(lines):
                nxt = lines[index]
                if not nxt.strip():
                    following = next((ln for ln in lines[index:] if ln.strip()), "")
                    if following[:1] in (" ", "-"):
                        raise _Decline  # a block across blank lines: leave it to PyYAML
                    break
                item = _ITEM_LINE.match(nxt)
                if not item:
                    if nxt[:1] == " ":
                        raise _Decline  # a nested mapping or a multi-line scalar
                    break
                if indent is None:
                    indent = item.group(1)
                elif item.group(1) != indent:
                    raise _Decline
                content = item.group(2).rstrip(" ")
                if not content or content.startswith(("-", "[", "?", ":")) or (
                    nxt[len(indent) + 1: len(indent) + 2] != " "
                ):
                    raise _Decline
                items.append(_scalar(content, in_flow=True))
                index += 1
            result[key] = items if indent is not None else None
    except _Decline:
        return None
    return result

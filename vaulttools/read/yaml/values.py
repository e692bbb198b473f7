"""Writing front-matter values the way every YAML reader reads them, and reading them back.

Text is written plain only when every reader agrees it is that text: the
strict loader vaulttools reads with, a YAML 1.1 reader (PyYAML, older
Obsidian plugins: `NO`, `on`, `12:30`, `0x1F` are not text there) and a YAML
1.2 reader (Obsidian, ruamel.yaml: `07700900456`, `1e5`, `0o17` are numbers
there). Anything else is double-quoted (JSON escaping, which is valid YAML).
Dates are written `YYYY-MM-DD` plain when they are dates, quoted when they
are text that looks like one; wikilinks are always quoted.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from vaulttools.read.yaml.strict import FrontMatterError, load_front_matter

Value = str | int | bool | date | None | Sequence[str] | Mapping[str, str]


# YAML 1.2 core schema (spec 10.3.2), widened by what 1.2 readers also accept
# (ruamel.yaml and js-yaml: `_` between digits, `0b` binary): text matching it
# is a null, a boolean or a number to them.
_YAML12_NOT_TEXT = re.compile(r"""
    ~ | null | Null | NULL | true | True | TRUE | false | False | FALSE
  | [-+]? [0-9_]+                                             # 07700900456, 1_000
  | [-+]? 0 (?: o[0-7_]+ | x[0-9a-fA-F_]+ | b[01_]+ )          # 0o17, 0x1F, 0b101
  | [-+]? (?: \.[0-9_]+ | [0-9][0-9_]* (?:\.[0-9_]*)? ) (?: [eE][-+]?[0-9]+ )?
  | [-+]? \. (?: inf | Inf | INF ) | \. (?: nan | NaN | NAN )
""", re.VERBOSE)
# YAML 1.1 booleans PyYAML leaves out; the 1.1 spec has them, and some readers too.
_YAML11_SHORT_BOOLS = frozenset({"y", "Y", "n", "N"})


@functools.lru_cache(maxsize=1)
def _yaml11_resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


def reads_as_text_everywhere(text: str, dates: bool = False) -> bool:
    """Whether YAML 1.1 and 1.2 readers both read `text`, unquoted, as that text.

    With `dates`, a `YYYY-MM-DD` date may stay plain: it is meant as a date.
    """
    if (_YAML12_NOT_TEXT.fullmatch(text) or text in _YAML11_SHORT_BOOLS
            or _NOT_PLAIN.search(text)):
        return False
    import yaml

    tag = _yaml11_resolver().resolve(yaml.ScalarNode, text, (True, False))
    if tag == "tag:yaml.org,2002:timestamp":
        return dates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None
    return bool(tag == "tag:yaml.org,2002:str")


# What YAML does not allow unescaped in a document (spec 5.1: not tab, LF, CR,
# \x20-\x7e, \xa0-\ud7ff, \ue000-\ufffd or beyond \uffff), and the line breaks of
# YAML 1.1 (NEL, LS, PS); written `\uXXXX`. Spelled as the characters it holds,
# which compiles far faster than the negated class: every writing command loads it.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# Plain text in a flow list or mapping: words and a few harmless marks only.
# Readers part ways on the indicators there (PyYAML fails on `[0?]`).
_FLOW_PLAIN = re.compile(r"\w(?:[\w .@/+&()'-]*[\w.@/+&()'-])?")
# What plain text may not hold for every reader to agree: tabs and those breaks.
_NOT_PLAIN = re.compile("[\t\n\r]|" + _NOT_PRINTABLE.pattern)


def double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: JSON escaping, which is valid YAML, plus
    the characters YAML forbids raw (DEL, C1 controls) escaped too."""
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                              json.dumps(text, ensure_ascii=False))


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
    if isinstance(value, date) and not quote:
        return value.isoformat()  # YYYY-MM-DD: a date to every reader, as meant
    text = value.isoformat() if isinstance(value, date) else str(value)
    if quote == "'" and "\n" not in text:
        candidate = "'" + text.replace("'", "''") + "'"
        if _reads_back(candidate, text):
            return candidate
    if (quote != '"' and not text.startswith("[[")
            and reads_as_text_everywhere(text, dates=isinstance(value, date))
            and _reads_back(text, text)):
        return text
    return double_quoted(text)


def text_value(text: str) -> Any:
    """A value typed as YAML (`"quoted"`, `[a, b]`, `{k: v}`) with every scalar kept as
    the text it is: `[+44 20, 007]` is `["+44 20", "007"]`, never numbers. Anything
    else, and YAML that does not parse, is the text itself. For values of text
    fields, where a YAML resolver would change what was typed (`+447...` -> 447...).
    """
    if text[:1] not in ('"', "'", "[", "{"):
        return text
    import yaml

    try:
        # BaseLoader builds only str, list and dict: no tags, no objects.
        value = yaml.load(f"k: {text}\n", Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        raise ValueError(f"{text!r} is not valid YAML; quote text that starts with "
                         f"{text[:1]}") from None
    return value["k"] if isinstance(value, dict) and "k" in value else text


def flow_list(items: Sequence[str]) -> str:
    """`[a, b]`, each item quoted only when it must be."""
    parts = []
    for item in items:
        plain = scalar(item)
        if plain == item and _FLOW_PLAIN.fullmatch(item) and _reads_back(
            f"[{item}]", [item]
        ):
            parts.append(item)
        else:
            parts.append(double_quoted(item))
    return "[" + ", ".join(parts) + "]"


def flow_mapping(items: Mapping[str, str]) -> str:
    """`{label: value, ...}`, keys and values quoted only when they must be."""
    parts = []
    for key, value in items.items():
        plain_key = (_FLOW_PLAIN.fullmatch(key) is not None and reads_as_text_everywhere(key)
                     and _reads_back(f"{{{key}: x}}", {key: "x"}))
        key_text = key if plain_key else double_quoted(key)
        value_text = str(value)
        # The values are yearly dates (`anniversaries`): a date may stay plain.
        if not (_FLOW_PLAIN.fullmatch(value_text) and reads_as_text_everywhere(value_text,
                                                                                 dates=True)
                and _reads_back(f"{{k: {value_text}}}", {"k": value_text})):
            value_text = double_quoted(value_text)
        parts.append(f"{key_text}: {value_text}")
    return "{" + ", ".join(parts) + "}"

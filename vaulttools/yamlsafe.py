"""A strict, lossless YAML loader for front matter.

Why not PyYAML's SafeLoader as it is: it follows YAML 1.1, which turns `NO`
into False, `01234` into 668, `12:30` into 750 and `1.10` into 1.1, silently
lets a second `name:` win over the first, and raises on `2024-02-30` with a
message that names no field. Front matter is typed by field (see fields.py),
so this loader resolves only what is unambiguous (null, true/false, plain
decimal integers) and keeps every other plain scalar as the text the user
wrote. It rejects duplicate keys, and caps the number of nodes so that a
YAML alias bomb is a reported problem, not an exhausted machine.

It builds on libyaml's C parser when PyYAML has it, for speed, and is driven
through python-frontmatter's YAMLHandler, the same entry point its users know.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_NODES = 20_000


class FrontMatterError(ValueError):
    """The front matter is not usable YAML. `line` is 1-based within the YAML text."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class VaultLoader(_BaseLoader):
    """SafeLoader with a minimal implicit schema and duplicate-key detection."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own class attribute

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            self.flatten_mapping(node)
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:
                    raise ConstructorError(
                        None, None, "a key must be plain text", key_node.start_mark
                    ) from None
                if duplicate:
                    raise ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen[key] = True
        return super().construct_mapping(node, deep=deep)  # type: ignore[arg-type]


VaultLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
VaultLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
VaultLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]{0,17})$"), list("-+0123456789")
)


def _count_nodes(value: Any, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise FrontMatterError(
            f"front matter is too large or nests YAML aliases (more than {MAX_NODES} values)"
        )
    if isinstance(value, dict):
        for key, item in value.items():
            _count_nodes(key, budget)
            _count_nodes(item, budget)
    elif isinstance(value, list):
        for item in value:
            _count_nodes(item, budget)


_HANDLER = YAMLHandler()


def load_front_matter(text: str) -> Any:
    """Parse front-matter YAML text; raise FrontMatterError with a 1-based line."""
    try:
        value = _HANDLER.load(text, Loader=VaultLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and "duplicate" not in exc.problem:
            reason = f"{exc.context}: {exc.problem}" if "while" not in exc.context else exc.problem
        raise FrontMatterError(f"invalid YAML: {reason}", line) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {exc}") from None
    except (ValueError, RecursionError, OverflowError) as exc:
        raise FrontMatterError(f"invalid YAML: {exc}") from None
    _count_nodes(value, [MAX_NODES])
    return value

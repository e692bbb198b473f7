"""A strict, lossless YAML loader for front matter.

Why not PyYAML's SafeLoader as it is: it follows YAML 1.1, which turns `NO`
into False, `01234` into 668, `12:30` into 750 and `1.10` into 1.1, silently
lets a second `name:` win over the first, and raises on `2024-02-30` with a
message that names no field. Front matter is typed by field (see fields.py),
so this loader resolves only what is unambiguous (null, true/false, plain
decimal integers) and keeps every other plain scalar as the text the user
wrote. It rejects duplicate keys, and caps the number of nodes so that a
YAML alias bomb is a reported problem, not an exhausted machine.

The loader itself (pyyaml_loader.py) builds on libyaml's C parser when
PyYAML has it, and is driven through python-frontmatter's YAMLHandler, the
same entry point its users know. Most notes never reach it: fast.py reads
simple front matter directly, and agrees with it.
"""

from __future__ import annotations

from typing import Any

from vaulttools.read.yaml.fast import fast_load

MAX_NODES = 20_000


class FrontMatterError(ValueError):
    """The front matter is not usable YAML. `line` is 1-based within the YAML text."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


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


def load_front_matter(text: str) -> Any:
    """Parse front-matter YAML text; raise FrontMatterError with a 1-based line.

    Simple front matter takes the fast path (fast.py); the rest, and every
    error message, comes from PyYAML (pyyaml_load), imported only when needed.
    """
    fast = fast_load(text)
    if fast is not None:
        return fast
    return pyyaml_load(text)


def pyyaml_load(text: str) -> Any:
    """The reference reader: PyYAML with vaulttools' lossless schema, never the fast path.

    What load_front_matter answers when fast.py declines, and what
    tests/test_fastyaml.py holds the fast path to.
    """
    import yaml

    from vaulttools.read.yaml.pyyaml_loader import HANDLER, VaultLoader

    try:
        value = HANDLER.load(text, Loader=VaultLoader)
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
    if "&" in text and "*" in text:  # aliases need both an anchor and a reference
        _count_nodes(value, [MAX_NODES])
    return value

"""The layers the package shows (docs/architecture.md): one direction, no cycle.

The import graph is read from the source (ast), every import counted: at the
top of a module, inside a function, or only for type checking. A module may
import from its own layer and the layers below it, never above.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "vaulttools"
# Bottom to top. A top-level module is a layer of its own, in this order.
LAYERS = [
    ["version", "errors", "names", "words", "cadence", "userdirs"],
    ["model", "config", "identity"],
    ["schedule"],
    ["read"],
    ["edit"],
    ["render"],
    ["io"],
    ["capture", "sync"],
    ["watch"],
    ["cli"],
    ["__init__", "__main__"],
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> set[str]:
    """Every vaulttools module this file imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "vaulttools" or node.module.startswith("vaulttools."):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute imports (from vaulttools.x import y)")
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "vaulttools"}
    return found


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(path) for path in FILES}
GRAPH = {module_name(path): imports_of(path) - {module_name(path)} for path in FILES}


def test_every_import_goes_down_or_sideways() -> None:
    upward = [f"{module} imports {target}" for module, targets in GRAPH.items()
              for target in targets
              if RANK[layer(target)] > RANK[layer(module)]]
    assert upward == []


def test_there_is_no_import_cycle() -> None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH.get(module, ())):
            if target not in GRAPH:
                continue
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target):], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


def test_at_most_ten_modules_at_the_top() -> None:
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 10, top


def test_schedule_is_pure() -> None:
    """schedule/ needs only the model and the settings: never the disk or the cache."""
    for module, targets in GRAPH.items():
        if layer(module) == "schedule":
            assert all(layer(t) in ("schedule", "model", "config", "cadence", "names", "words",
                                    "errors") for t in targets), (module, targets)

"""Shared test helpers: build real vaults in tmp_path, run the CLI, snapshot files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vaulttools.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "example-vault"


def write_vault(root: Path, notes: dict[str, str | bytes], config: str | None = "") -> Path:
    """A vault at `root`: `.vaulttools.toml` (unless config is None) and the given files.

    Keys are paths relative to the vault; a bare name goes under People/.
    """
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / ".vaulttools.toml").write_text(config, encoding="utf-8")
    (root / "People").mkdir(exist_ok=True)
    for name, content in notes.items():
        path = root / (name if "/" in name else f"People/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every file and folder under root with its bytes, mode and mtime: to prove nothing changed."""
    state: dict[str, tuple[bytes | None, int, int]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            data = None
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
            state[path.relative_to(root).as_posix()] = (data, info.st_mode, info.st_mtime_ns)
    return state


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own parse cache and lock folder, never the user's."""
    monkeypatch.setenv("VAULTTOOLS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("VAULTTOOLS_RUNTIME_DIR", str(tmp_path_factory.mktemp("runtime")))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke the CLI in-process; stdout and stderr are kept apart.

    A bug raises its traceback into the test (VAULTTOOLS_DEBUG) instead of the
    one-line internal error users see (tests/test_cli_read.py tests that line).
    """
    monkeypatch.delenv("VAULTTOOLS_VAULT", raising=False)
    monkeypatch.delenv("VAULTTOOLS_TODAY", raising=False)
    monkeypatch.setenv("VAULTTOOLS_DEBUG", "1")

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


TODAY = "2026-11-21"  # the day example-vault is pinned to


def vt(run: Run, vault: Path, *args: str, today: str = TODAY) -> Result:
    """`vaulttools --vault VAULT --today TODAY ARGS...`, in process."""
    return run("--vault", str(vault), "--today", today, *args)


def contacts(run: Run, vault: Path) -> dict[str, dict[str, object]]:
    """Every contact of the vault (archived too) by name, as `list --json` gives them."""
    listed = json.loads(vt(run, vault, "list", "--json", "--status", "all").stdout)
    return {c["name"]: c for c in listed}

"""Shared test helpers: build real vaults in tmp_path, run the CLI, snapshot files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vaulttools.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "example-vault"

# Where a test might write if it leaked: the home and the user folders the platform
# names, and the environment that points at them (subprocesses inherit it too).
HOME_KEYS = {"HOME": "", "USERPROFILE": "", "XDG_CACHE_HOME": ".cache",
             "XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
             "XDG_STATE_HOME": ".local/state", "LOCALAPPDATA": "AppData/Local",
             "APPDATA": "AppData/Roaming"}


def home_footprint() -> dict[str, tuple[int, int]]:
    """What the tests must leave as it was: every file in vaulttools' own user folders
    (cache, state, config, data) with its size and time, and each name at the top of
    the home folder."""
    import platformdirs

    home = Path.home()
    folders = {getattr(platformdirs, f"user_{kind}_dir")("vaulttools", appauthor=False)
               for kind in ("cache", "state", "config", "data")}
    found = {str(path): (path.stat().st_size, path.stat().st_mtime_ns)
             for folder in sorted(folders) if os.path.isdir(folder)
             for path in Path(folder).rglob("*") if path.is_file()}
    if home.is_dir():
        found.update({str(home / name): (0, 0) for name in os.listdir(home)})
    return found


@pytest.fixture(scope="session", autouse=True)
def real_home_untouched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point HOME and every user folder into a temporary one for the whole session,
    and fail it if anything vaulttools owns under the real home changed (or anything
    new appeared at the top of it)."""
    before = home_footprint()
    fake = tmp_path_factory.mktemp("home")
    saved = {key: os.environ.get(key) for key in [*HOME_KEYS, "COLUMNS"]}
    for key, sub in HOME_KEYS.items():
        os.environ[key] = str(fake / sub)
    os.environ.pop("COLUMNS", None)  # text output is laid out for a pipe, as in CI
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    after = home_footprint()
    # A name gone from the top of the home is someone else's doing; anything else is ours.
    changed = sorted(path for path in {*before, *after} if before.get(path) != after.get(path)
                     and before.get(path) != (0, 0))
    assert not changed, ("the tests wrote into the real home folder (or you ran vaulttools "
                         f"while they ran): {', '.join(changed)}")


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
    monkeypatch.setenv("VAULTTOOLS_STATE_DIR", str(tmp_path_factory.mktemp("state")))


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

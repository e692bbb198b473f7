"""Every command works where fork, fcntl, POSIX signals and O_NOFOLLOW are missing (#30).

tests/nonposix/sitecustomize.py takes them away from any Python process started
with that folder on PYTHONPATH; `make test` runs the platform-sensitive tests
under it (Makefile, NONPOSIX_TESTS). These tests start real processes under it
from the native run, so the simulation itself is checked every time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, write_vault

SIMULATION = REPO / "tests" / "nonposix"
TODAY = "2026-11-21"


def simulated(tmp_path: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SIMULATION), "VAULTTOOLS_CACHE_DIR": str(
        tmp_path / "cache"), "XDG_RUNTIME_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False, **kwargs)  # type: ignore[call-overload]


def test_the_simulation_takes_the_posix_extras_away(tmp_path: Path) -> None:
    probe = simulated(tmp_path, "-c", (
        "import os, signal, importlib.util\n"
        "try:\n    import fcntl\n    print('fcntl')\nexcept ImportError:\n    pass\n"
        "print(hasattr(os, 'fork'), hasattr(os, 'O_NOFOLLOW'), hasattr(signal, 'SIGHUP'),"
        " hasattr(signal, 'pthread_sigmask'))"))
    assert probe.stdout == "False False False False\n", probe.stderr


def test_every_kind_of_command_runs_without_them(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    vt = ("-m", "vaulttools", "--vault", str(vault), "--today", TODAY)
    for args in (("due",), ("check",), ("log", "ada", "Coffee", "--via", "coffee"),
                 ("set", "cadence=2m", "ada"), ("new", "Bo Chen"), ("index",), ("stats",),
                 ("export", "ics")):
        result = simulated(tmp_path, *vt, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr and "Warning" not in result.stderr, args
    assert "- 2026-11-21 coffee: Coffee" in (vault / "People" / "Ada.md").read_text()


def test_watch_starts_renders_and_stops_on_ctrl_c_without_them(tmp_path: Path) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    env = {**os.environ, "PYTHONPATH": str(SIMULATION),
           "VAULTTOOLS_CACHE_DIR": str(tmp_path / "cache"), "XDG_RUNTIME_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "vaulttools", "--vault", str(vault),
                             "--today", TODAY, "watch", "--debounce", "50"],
                            env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 30
        for line in proc.stderr:
            if "watching" in line or time.monotonic() > deadline:
                break
        assert (vault / "Index" / "Due.md").exists()
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()

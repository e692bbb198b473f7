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


def test_names_windows_refuses_are_never_written(tmp_path: Path) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from vaulttools.render.newnote import safe_file_name

    reserved = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in "123456789¹²³"),
                *(f"LPT{n}" for n in "123456789¹²³")}

    @settings(max_examples=300)
    @given(st.one_of(st.sampled_from(["CON", "con", "Nul.backup", "lpt1.old", "COM¹", "aux "]),
                     st.text(min_size=1, max_size=40)))
    def check(name: str) -> None:
        try:
            stem = safe_file_name(name)
        except Exception:
            return
        assert not set(stem) & set('<>:"/\\|?*') and not any(ord(c) < 32 for c in stem)
        assert stem == stem.rstrip(" .") and stem
        assert stem.partition(".")[0].strip().upper() not in reserved

    check()


def test_check_warns_about_names_one_on_macos_and_windows(tmp_path: Path) -> None:
    import unicodedata

    vault = write_vault(tmp_path / "v", {
        "ann.md": "---\nname: Ann A\n---\n", "Ann.md": "---\nname: Ann B\n---\n",
        unicodedata.normalize("NFD", "Zoë") + ".md": "---\nname: Zoe A\n---\n",
        unicodedata.normalize("NFC", "Zoë") + ".md": "---\nname: Zoe B\n---\n",
        "Bo.md": "---\nname: Bo\n---\n"})
    check = subprocess.run([sys.executable, "-m", "vaulttools", "--vault", str(vault), "check"],
                           capture_output=True, text=True, check=False,
                           env={**os.environ, "VAULTTOOLS_CACHE_DIR": str(tmp_path / "c")})
    lines = [line for line in check.stdout.splitlines() if "one file on macOS and Windows" in line]
    assert len(lines) == 4, check.stdout
    assert "People/Ann.md:1: warning: same name as People/ann.md" in check.stdout
    assert "Bo.md" not in "".join(lines)


def test_dev_py_runs_the_same_checks_as_the_makefile() -> None:
    """`python dev.py test` is `make test` where there is no make: same simulated run."""
    import re

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"NONPOSIX_TESTS := (.*?)\n\n", makefile, re.S)
    assert listed is not None
    in_make = listed.group(1).replace("\\\n", " ").split()
    dev = subprocess.run([sys.executable, "-c", "import dev; print(' '.join(dev.NONPOSIX_TESTS))"],
                         cwd=REPO, capture_output=True, text=True, check=True)
    assert dev.stdout.split() == in_make
    usage = subprocess.run([sys.executable, "dev.py"], cwd=REPO, capture_output=True, text=True,
                           check=False)
    assert usage.returncode == 1 and "python dev.py test" in usage.stderr

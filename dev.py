"""`make run` and `make test` for a machine without make (Windows, most often).

    python dev.py run     set up .venv, then show who is due in example-vault
    python dev.py test    set up .venv with test extras, then run every check

The same steps as the Makefile, with the venv's own paths on each system
(`.venv/Scripts` on Windows, `.venv/bin` elsewhere). Keep the two in step.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
TODAY = os.environ.get("TODAY", "2026-11-21")  # example-vault is a snapshot in time
NONPOSIX_TESTS = ["tests/test_concurrency.py", "tests/test_watch.py", "tests/test_ahead.py",
                  "tests/test_edit_safety.py", "tests/test_file_names.py", "tests/test_git.py",
                  "tests/test_platform.py"]


def step(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    done = subprocess.run([str(a) for a in args], cwd=ROOT, check=False,
                          env={**os.environ, **(env or {})})
    if done.returncode:
        sys.exit(done.returncode)


def setup(extras: str) -> None:
    if not PYTHON.exists():
        step(sys.executable, "-m", "venv", VENV)
        step(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    step(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".{extras}",
         "--config-settings", "editable_mode=compat")


def run() -> None:
    setup("")
    vt = [PYTHON, "-m", "vaulttools", "--vault", "example-vault", "--today", TODAY]
    for command in ("check", "due", "index"):
        step(*vt, command)


def test() -> None:
    setup("[test]")
    step(PYTHON, "-m", "ruff", "check", "vaulttools", "tests", "bench", "dev.py")
    step(PYTHON, "-m", "mypy")
    step(PYTHON, "-m", "pytest")
    step(PYTHON, "-m", "pytest", "-p", "no:cacheprovider", *NONPOSIX_TESTS,
         env={"PYTHONPATH": str(ROOT / "tests" / "nonposix")})
    if os.name != "nt":  # the wheel smoke test is a shell script
        step("bash", "tests/smoke/wheel.sh", env={"PYTHON": sys.executable})


if __name__ == "__main__":
    commands = {"run": run, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()

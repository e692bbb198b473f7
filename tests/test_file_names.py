"""A file or folder name that is not UTF-8 (a Latin-1 zip, an old backup) is a
problem every command reports and skips; nothing prints undecodable bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, snapshot

TODAY = "2026-11-21"


def test_names_that_are_not_utf8_are_reported_and_skipped(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    subprocess.run(["cp", "-r", str(EXAMPLE), str(vault)], check=True)
    people = os.fsencode(vault / "People")
    with open(people + b"/Ren\xe9 Dupont.md", "wb") as handle:
        handle.write(b"---\ngroup: mentor\n---\n")
    os.mkdir(people + b"/Caf\xe9")
    with open(people + b"/Caf\xe9/Inside.md", "wb") as handle:
        handle.write(b"---\ngroup: mentor\n---\n")
    env = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(tmp_path / "cache"), "LC_ALL": "C.UTF-8"}

    def vt(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "vaulttools", "--vault", str(vault),
                               "--today", TODAY, *args], capture_output=True, env=env,
                              check=False)

    check = vt("check")
    assert check.returncode == 1
    lines = check.stdout.decode("utf-8").splitlines() + check.stderr.decode("utf-8").splitlines()
    assert ("People/Ren\\xe9 Dupont.md:1: error: file name is not UTF-8; rename it "
            "(vaulttools skips it until then)") in lines
    assert "People/Caf\\xe9:1: error: file name is not UTF-8; rename it " \
           "(vaulttools skips it until then)" in lines
    before = {k: v for k, v in snapshot(vault).items() if "Index" not in k}
    for args in (["due"], ["list", "--json"], ["export", "vcard"], ["export", "ics"],
                 ["review"], ["stats"], ["index"]):
        result = vt(*args)
        assert result.returncode in (0, 1), (args, result.stderr)
        result.stdout.decode("utf-8")  # strict: raises on any undecodable byte
        result.stderr.decode("utf-8")
        assert b"Traceback" not in result.stderr and b"Inside" not in result.stdout, args
    problems = (vault / "Index" / "Problems.md").read_text(encoding="utf-8")
    assert "## `People/Ren\\xe9 Dupont.md`" in problems  # shown, not a link to nowhere
    assert {k: v for k, v in snapshot(vault).items() if "Index" not in k} == before

"""Names that open the note: OSC 8 hyperlinks to `obsidian://open` on a terminal (a real
pseudo-terminal here), never in a pipe, with NO_COLOR or TERM=dumb; `obsidian_uri` in
JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run, vt, write_vault

TODAY = "2026-11-21"
OSC8 = re.compile(r"\x1b]8;;([^\x1b]*)\x1b\\(.*?)\x1b]8;;\x1b\\")
NOTES = {"Ada Lovelace.md": "---\ngroup: peer\nlast_contact: 2026-01-01\n---\n",
         "Bo.md": "---\ngroup: mentor\nlast_contact: 2026-02-01\n---\n"}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    made = write_vault(tmp_path / "My Vault", dict(NOTES))
    (made / ".obsidian").mkdir()
    return made


def _run(vault: Path, *args: str, terminal: bool, **env: str) -> str:
    """The real command line, its stdout a pseudo-terminal or a pipe."""
    command = [sys.executable, "-m", "vaulttools", "--vault", str(vault), "--today", TODAY,
               *args]
    environment = {**os.environ, "COLUMNS": "200", "TERM": "xterm-256color", **env}
    if "NO_COLOR" not in env:
        environment.pop("NO_COLOR", None)
    if not terminal:
        return subprocess.run(command, capture_output=True, text=True, env=environment,
                              check=True).stdout
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL,
                               env=environment)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("command", [("due",), ("list",), ("show", "ada"), ("review",),
                                     ("timeline", "ada")])
def test_names_are_links_on_a_terminal_only(vault: Path, command: tuple[str, ...]) -> None:
    shown = _run(vault, *command, terminal=True)
    links = OSC8.findall(shown)
    assert ("obsidian://open?vault=My%20Vault&file=People%2FAda%20Lovelace",
            "Ada Lovelace") in links
    piped = _run(vault, *command, terminal=False)
    assert "\x1b" not in piped
    # The same layout, the links aside: padding stays outside the link.
    assert OSC8.sub(r"\2", shown) == piped
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        assert "\x1b]8" not in _run(vault, *command, terminal=True, **env)


def test_json_carries_the_uri(vault: Path, run: Run, tmp_path: Path) -> None:
    due = json.loads(vt(run, vault, "due", "--json").stdout)
    ada = next(row for row in due if row["name"] == "Ada Lovelace")
    assert ada["path"] == "People/Ada Lovelace.md"
    assert ada["obsidian_uri"] == "obsidian://open?vault=My%20Vault&file=People%2FAda%20Lovelace"
    shown = json.loads(vt(run, vault, "show", "ada", "--json").stdout)
    assert shown["obsidian_uri"] == ada["obsidian_uri"]
    listed = json.loads(vt(run, vault, "list", "--json").stdout)
    assert all(row["obsidian_uri"].startswith("obsidian://open?vault=My%20Vault")
               for row in listed)
    plain = write_vault(tmp_path / "plain", dict(NOTES))  # no .obsidian/: no URI
    assert all(row["obsidian_uri"] is None
               for row in json.loads(vt(run, plain, "due", "--json").stdout))

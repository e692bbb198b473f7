"""Every read command's output on example-vault, byte for byte (tests/golden/outputs/).

The contract a restructuring keeps: the same bytes before and after. Regenerate
after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_golden_outputs.py`
and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE

GOLDEN = Path(__file__).parent / "golden" / "outputs"
COMMANDS = {
    "check": ["check"],
    "check.json": ["check", "--json"],
    "list": ["list"],
    "list.json": ["list", "--json", "--status", "all"],
    "show-jane": ["show", "jane"],
    "show-jane.json": ["show", "jane", "--json"],
    "due": ["due"],
    "due-all.json": ["due", "--all", "--json", "--days", "30"],
    "review.json": ["review", "--json"],
    "stats.json": ["stats", "--json"],
    "plan-week": ["plan", "--week"],
    "match": ["match", "grid", "storage"],
    "draft-jane": ["draft", "jane", "--occasion", "checkin"],
    "index-dry-run.json": ["index", "--dry-run", "--json"],
    "export.vcf": ["export", "vcard"],
    "export.ics": ["export", "ics"],
}


def output(args: list[str], tmp_path: Path) -> bytes:
    env = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "vaulttools", "--vault", str(EXAMPLE), "--today", "2026-11-21",
         *args], capture_output=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    # The ICS stamps the export's own time (DTSTAMP): everything else is the contract.
    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:(now)", result.stdout)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_read_command_output_is_unchanged(name: str, tmp_path: Path) -> None:
    data = output(COMMANDS[name], tmp_path)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"{name}: output changed; see tests/golden/outputs"

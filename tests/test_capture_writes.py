"""Capture's edits planned in two processes (capture/writes.py) are the edits planned
in one: the same notes, bytes, changes, snapshots and refusals, in the same order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vaulttools.capture import writes
from vaulttools.capture.planner import ContactCapture
from vaulttools.cli.runtime import Forked, ForkHelper
from vaulttools.edit.api import Editor
from vaulttools.edit.changes import LogLine
from vaulttools.errors import VaultError
from vaulttools.read.load import load_vault

from conftest import write_vault


class _InProcess:
    def available(self) -> bool:
        return True

    def start(self, work: Callable[[], Any]) -> Any:
        import marshal

        result = marshal.loads(marshal.dumps(work()))  # as the trip back would carry it
        return type("Done", (), {"result": lambda _self: result})()

    def in_background(self, work: Callable[[], object]) -> bool:
        return False


def _targets(tmp_path: Path) -> tuple[Editor, list[ContactCapture]]:
    notes = {f"P{n:02d}.md": f"---\nname: P{n:02d}\nlast_contact: 2026-01-0{1 + n % 9}\n---\n"
             f"## Log\n- 2026-01-0{1 + n % 9} call: Hello.\n" for n in range(9)}
    notes["Bad.md"] = "---\nname: Bad\n---\n<!-- never closed\n## Log\n"  # refuses the edit
    vault = load_vault(write_vault(tmp_path / "v", notes))
    targets = []
    for n, contact in enumerate(sorted(vault.contacts, key=lambda c: c.relpath)):
        target = ContactCapture(contact)
        target.lines = [LogLine(date(2026, 2, 1 + n), f"- 2026-02-{1 + n:02d} email: Sub {n}")]
        targets.append(target)
    return Editor(vault), targets


def _plain(planned: list[writes.Planned]) -> list[Any]:
    return [(type(p).__name__, str(p)) if isinstance(p, VaultError) else writes._shipped(p)
            for p in planned]


@pytest.mark.parametrize("helper", ["in-process", "fork"])
def test_edits_planned_in_two_processes_are_those_planned_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helper: str
) -> None:
    if helper == "fork" and not Forked.possible():
        pytest.skip("forks only on Linux with two cores")
    monkeypatch.setattr(writes, "SPLIT_NOTES", 2)
    editor, targets = _targets(tmp_path)
    one = writes.plan_edits(editor, targets)
    lent = _InProcess() if helper == "in-process" else ForkHelper()
    two = writes.plan_edits(editor, targets, lent)
    assert _plain(two) == _plain(one)
    assert sum(isinstance(p, VaultError) for p in one) == 1  # Bad.md, in its place
    assert [type(p) for p in two] == [type(p) for p in one]

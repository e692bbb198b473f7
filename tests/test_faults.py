"""Fault injection on writes: a full disk, a killed process, a file changed meanwhile.
Afterwards the note is wholly old or wholly new, no temp file remains, nothing else changed."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from vaulttools import load_vault
from vaulttools.edit import safewrite
from vaulttools.edit.changes import apply, plan_log
from vaulttools.errors import WriteRefused

from conftest import REPO, Run, snapshot, write_vault

OLD = "---\nname: Ada\ngroup: peer\nlast_contact: 2026-01-01\n---\n## Log\n- 2026-01-01 call: x\n"


def files(vault: Path) -> dict[str, object]:
    """Every file's bytes, mode and mtime (a folder's mtime moves with a removed temp file)."""
    return {k: v for k, v in snapshot(vault).items() if v[0] is not None}


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(safewrite.TEMP_SUFFIX)]


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_disk_full_mid_write_leaves_the_note_wholly_old(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": OLD, "Bea.md": OLD.replace("Ada", "Bea")})
    before = files(vault)
    full = OSError(errno.ENOSPC, "No space left on device")
    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]
            real_write = handle.write

            def write(data: bytes) -> int:
                real_write(data[: len(data) // 2])  # half the bytes land, then the disk is full
                raise full

            handle.write = write
            return handle

        monkeypatch.setattr(safewrite.os, "fdopen", fdopen)
    elif where == "fsync":
        def fsync(fd: int) -> None:
            raise full

        monkeypatch.setattr(safewrite.os, "fsync", fsync)
    else:
        def replace(src: object, dst: object) -> None:
            raise full

        monkeypatch.setattr(safewrite.os, "replace", replace)
    result = run("--vault", str(vault), "--today", "2026-11-21", "log", "ada", "Hi")
    assert result.exit_code == 1
    assert "No space left on device; the note is unchanged" in result.stderr
    assert files(vault) == before
    assert temps(vault / "People") == []


KILLER = textwrap.dedent("""
    import os, sys, time
    from datetime import date
    sys.path.insert(0, {repo!r})
    from vaulttools import load_vault
    from vaulttools.edit import safewrite
    from vaulttools.edit.changes import apply, plan_log

    stage = sys.argv[2]
    real_write_temp, real_replace = safewrite.write_temp, os.replace

    def write_temp(folder, name, data, mode):
        if stage == "during-temp":
            fd = os.open(os.path.join(folder, "." + name + ".half" + safewrite.TEMP_SUFFIX),
                         os.O_WRONLY | os.O_CREAT)
            os.write(fd, data[: len(data) // 2])
            print("ready", flush=True)
            time.sleep(60)
        return real_write_temp(folder, name, data, mode)

    def replace(src, dst):
        if stage == "before-replace":
            print("ready", flush=True)
            time.sleep(60)
        real_replace(src, dst)
        if stage == "after-replace":
            print("ready", flush=True)
            time.sleep(60)

    safewrite.write_temp = write_temp
    safewrite.os.replace = replace
    vault = load_vault(sys.argv[1], use_cache=False)
    apply(plan_log(vault.find("ada"), date(2026, 11, 21), "Killed", "call"))
""")


@pytest.mark.parametrize("stage", ["during-temp", "before-replace", "after-replace"])
def test_sigkill_during_a_write(tmp_path: Path, run: Run, stage: str) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": OLD, "Bea.md": OLD.replace("Ada", "Bea")})
    note = vault / "People" / "Ada.md"
    bea = (vault / "People" / "Bea.md").read_bytes()
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(repo=str(REPO)))
    proc = subprocess.Popen([sys.executable, str(script), str(vault), stage],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    text = note.read_text()
    new = "- 2026-11-21 call: Killed\n" in text
    assert text == OLD or (new and text.replace("- 2026-11-21 call: Killed\n", "").replace(
        "2026-11-21", "2026-01-01") == OLD)
    assert new == (stage == "after-replace")
    assert (vault / "People" / "Bea.md").read_bytes() == bea
    # The killed writer's temp file is swept by the next write in that folder, once stale.
    old = time.time() - 2 * safewrite.STALE_TEMP_SECONDS
    for leftover in temps(vault / "People"):
        os.utime(leftover, (old, old))
    result = run("--vault", str(vault), "--today", "2026-11-21", "log", "ada", "After")
    assert result.exit_code == 0, result.output
    assert temps(vault / "People") == []
    assert "- 2026-11-21 note: After\n" in note.read_text()


def test_a_fresh_temp_file_of_a_live_writer_is_not_swept(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": OLD})
    live = vault / "People" / f".Ada.md.abc{safewrite.TEMP_SUFFIX}"
    live.write_text("in progress")
    assert run("--vault", str(vault), "--today", "2026-11-21", "log", "ada", "x").exit_code == 0
    assert live.exists()


def test_file_changed_between_read_and_write(tmp_path: Path) -> None:
    vault_path = write_vault(tmp_path / "v", {"Ada.md": OLD})
    note = vault_path / "People" / "Ada.md"
    edit = plan_log(load_vault(vault_path).find("ada"), date(2026, 11, 21), "Mine", "call")
    theirs = OLD + "- 2025-12-01 email: added in Obsidian meanwhile\n"
    note.write_text(theirs)
    with pytest.raises(WriteRefused, match="changed on disk since it was read"):
        apply(edit)
    assert note.read_text() == theirs
    assert temps(note.parent) == []

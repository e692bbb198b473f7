"""Concurrent writers, as real processes: no command that says it wrote loses its words.

Every test starts real `vaulttools` processes at once on one vault and then
reads the note back. The promise (docs/reliability.md, "Concurrency"): between
vaulttools processes, every command that exits 0 has its change in the note,
exactly once, and every other one printed why; against an editor that saves
without looking, the only way to lose an edit is the editor's own later save.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from vaulttools.read.load import load_vault

from conftest import write_vault
from test_watch import Daemon

TODAY = "2026-11-21"
ALICE = "---\nname: Alice\ngroup: peer\n---\n# Alice\n\n## Log\n"


def vaulttools(vault: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "vaulttools", "--vault", str(vault), "--today", TODAY, *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})})


def finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out, err))
    return results


def entries(note: Path, prefix: str) -> list[str]:
    return [line for line in note.read_text("utf-8").splitlines() if prefix in line]


def many_logs(vault: Path, count: int) -> list[tuple[int, str, str]]:
    procs = [vaulttools(vault, "log", "Alice", f"entry-{n}") for n in range(count)]
    return finish(procs)


def assert_no_word_lost(vault: Path, results: list[tuple[int, str, str]]) -> None:
    note = vault / "People" / "Alice.md"
    lines = entries(note, "entry-")
    for n, (code, out, err) in enumerate(results):
        mine = [line for line in lines if line.endswith(f" entry-{n}")]
        if code == 0:
            assert len(mine) == 1, f"log entry-{n} said it wrote ({out!r}) but the note has {mine}"
        else:
            assert mine == [], f"log entry-{n} failed ({err!r}) yet wrote {mine}"
            assert "vaulttools: error:" in err and "Traceback" not in err, err
    loaded = load_vault(vault, use_cache=False)
    assert loaded.problems == []
    alice = loaded.find("Alice")
    assert len(alice.interactions) == len(lines)
    assert str(alice.last_contact) == TODAY


@pytest.fixture
def alice_vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", {"Alice.md": ALICE})


def test_forty_concurrent_logs_on_one_note_lose_nothing(alice_vault: Path) -> None:
    results = many_logs(alice_vault, 40)
    assert_no_word_lost(alice_vault, results)
    # Writes take milliseconds; with the default 10 s bound every one gets its turn.
    assert [code for code, _, _ in results] == [0] * 40, [err for _, _, err in results if err]


def test_forty_concurrent_logs_with_the_watcher_running_lose_nothing(alice_vault: Path) -> None:
    watcher = Daemon(alice_vault)
    try:
        watcher.wait_line("watching")
        results = many_logs(alice_vault, 40)
        assert_no_word_lost(alice_vault, results)
        assert [code for code, _, _ in results] == [0] * 40
    finally:
        assert watcher.stop() == 0


def test_bulk_set_and_log_on_one_of_its_notes(tmp_path: Path) -> None:
    notes = {f"Peer {n:02}.md": f"---\nname: Peer {n:02}\ngroup: peer\n---\n# Peer {n:02}\n"
             for n in range(60)}
    vault = write_vault(tmp_path / "vault", notes)
    procs = [vaulttools(vault, "set", "cadence=2m", "--group", "peer")]
    procs += [vaulttools(vault, "log", "Peer 07", f"entry-{n}") for n in range(10)]
    results = finish(procs)
    assert [code for code, _, _ in results] == [0] * 11, [err for _, _, err in results]
    loaded = load_vault(vault, use_cache=False)
    assert loaded.problems == []
    assert all(str(c.cadence) == "2m" for c in loaded.contacts)
    peer7 = loaded.find("Peer 07")
    assert sorted(e.text for e in peer7.interactions) == sorted(f"entry-{n}" for n in range(10))


def test_an_import_and_logs_at_once(tmp_path: Path) -> None:
    """An import that updates a note (and creates 300) while `log` runs on that note."""
    vault = write_vault(tmp_path / "vault", {"Alice.md": ALICE})
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            "Alice,,https://www.linkedin.com/in/alice/,alice@example.com,Acme,CTO,01 Mar 2024"]
    rows += [f"Person,{n:03},,p{n}@example.com,Co{n},Eng,01 Mar 2024" for n in range(300)]
    source = tmp_path / "Connections.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    procs = [vaulttools(vault, "log", "Alice", f"entry-{n}") for n in range(5)]
    procs.insert(2, vaulttools(vault, "import", "linkedin", str(source)))
    procs += [vaulttools(vault, "log", "Alice", f"entry-{n}") for n in range(5, 10)]
    results = finish(procs)
    assert [code for code, _, _ in results] == [0] * 11, [err for _, _, err in results]
    loaded = load_vault(vault, use_cache=False)
    assert loaded.problems == []
    assert len(loaded.contacts) == 301
    alice = loaded.find("Alice")
    assert alice.company == "Acme" and alice.emails == ["alice@example.com"]
    assert sorted(e.text for e in alice.interactions) == sorted(f"entry-{n}" for n in range(10))


EDITOR = """
import json, os, sys, time
path, stop, journal = sys.argv[1], sys.argv[2], sys.argv[3]
saves = 0
with open(journal, "w") as out:
    while not os.path.exists(stop):
        # An editor that saves without looking: read, think, write the whole file back.
        with open(path, encoding="utf-8") as f:
            text = f.read()
        time.sleep(0.002)
        text = text.replace("editor-saves: %d" % saves, "editor-saves: %d" % (saves + 1))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        saves += 1
        seen = [line.rsplit(" ", 1)[1] for line in text.splitlines() if " entry-" in line]
        out.write(json.dumps({"wrote_at": time.time(), "saw": seen}) + "\\n")
        out.flush()
        time.sleep(0.01)
"""


def test_an_editor_saving_in_a_loop_never_makes_a_log_lie(tmp_path: Path) -> None:
    """Every `log` that exits 0 is in the final note, unless the editor's later save won.

    The editor reads and writes without any lock, as Obsidian or vim may. A
    `log` either refuses (the editor saved since it read the note) or writes;
    a written entry can only be lost to an editor save that read the note
    before the entry was there and wrote after the `log` began: the journal
    of the editor's saves must show such a save for every lost entry.
    """
    vault = write_vault(tmp_path / "vault",
                        {"Alice.md": ALICE.replace("group: peer\n",
                                                   "group: peer\neditor-saves: 0\n")})
    note = vault / "People" / "Alice.md"
    stop, journal = tmp_path / "stop", tmp_path / "journal.jsonl"
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(note), str(stop), str(journal)])
    results, started = [], []
    try:
        for n in range(50):
            started.append(time.time())
            results.append(finish([vaulttools(vault, "log", "Alice", f"entry-{n}")])[0])
    finally:
        stop.touch()
        editor.wait(timeout=30)
    saves = [json.loads(line) for line in journal.read_text().splitlines()]
    assert saves, "the editor never saved"
    lines = entries(note, "entry-")
    assert all(lines.count(line) == 1 for line in lines), "an entry was written twice"
    written = [n for n, (code, _, _) in enumerate(results) if code == 0]
    refused = [n for n, (code, _, _) in enumerate(results) if code != 0]
    for n in refused:
        assert "changed on disk since it was read" in results[n][2], results[n][2]
        assert not any(line.endswith(f" entry-{n}") for line in lines)
    lost = [n for n in written if not any(line.endswith(f" entry-{n}") for line in lines)]
    for n in lost:
        assert any(save["wrote_at"] > started[n] and f"entry-{n}" not in save["saw"]
                   for save in saves), f"entry-{n} was lost, and no editor save explains it"
    assert written, "every log was refused"
    print(f"\n{len(saves)} editor saves; logs: {len(written)} written, {len(refused)} refused "
          f"(the editor saved since they read), {len(lost)} overwritten by the editor's later save")
    # With the editor gone, a log is never lost.
    final = finish([vaulttools(vault, "log", "Alice", "after-the-editor")])[0]
    assert final[0] == 0 and entries(note, "after-the-editor")


def test_a_save_during_the_temp_write_is_caught_before_the_replace(
    alice_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last comparison follows the temp file's write and fsync: only the rename is open."""
    from vaulttools.edit import safewrite
    from vaulttools.edit.changes import apply, plan_log
    from vaulttools.errors import WriteRefused

    note = alice_vault / "People" / "Alice.md"
    edit = plan_log(load_vault(alice_vault).find("Alice"), date(2026, 11, 21), "mine")
    theirs = ALICE + "- 2026-11-20 call: saved by the editor while vaulttools wrote\n"
    real_write_temp = safewrite.write_temp

    def editor_saves_meanwhile(folder: Path, name: str, data: bytes, mode: int) -> Path:
        note.write_text(theirs, encoding="utf-8")
        return real_write_temp(folder, name, data, mode)

    monkeypatch.setattr(safewrite, "write_temp", editor_saves_meanwhile)
    with pytest.raises(WriteRefused, match="changed on disk since it was read"):
        apply(edit)
    assert note.read_text("utf-8") == theirs
    assert [p.name for p in note.parent.iterdir()] == ["Alice.md"]  # no temp file left


def test_a_held_lock_makes_a_command_wait_then_give_up_writing_nothing(
    alice_vault: Path,
) -> None:
    from vaulttools.edit.locks import write_lock

    before = (alice_vault / "People" / "Alice.md").read_bytes()
    with write_lock(alice_vault.resolve(), timeout=0):
        started = time.monotonic()
        code, _, err = finish([vaulttools(alice_vault, "log", "Alice", "blocked",
                                            env={"VAULTTOOLS_LOCK_TIMEOUT": "0.5"})])[0]
        waited = time.monotonic() - started
    assert code == 75, (code, err)
    assert "another vaulttools command is writing to this vault" in err
    assert "Traceback" not in err
    assert waited >= 0.5
    assert (alice_vault / "People" / "Alice.md").read_bytes() == before


def test_the_lock_file_lives_outside_the_vault(alice_vault: Path) -> None:
    before = sorted(p.relative_to(alice_vault) for p in alice_vault.rglob("*"))
    assert finish([vaulttools(alice_vault, "log", "Alice", "one")])[0][0] == 0
    after = sorted(p.relative_to(alice_vault) for p in alice_vault.rglob("*"))
    assert after == before


@pytest.fixture(autouse=True)
def _private_runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    yield


def test_a_bad_lock_timeout_is_a_clear_error(alice_vault: Path) -> None:
    code, _, err = finish([vaulttools(alice_vault, "log", "Alice", "x",
                                      env={"VAULTTOOLS_LOCK_TIMEOUT": "soon"})])[0]
    assert code == 2
    assert "VAULTTOOLS_LOCK_TIMEOUT='soon' is not a number of seconds" in err
    assert "Traceback" not in err
    assert "x" not in (alice_vault / "People" / "Alice.md").read_text("utf-8").split("## Log")[1]

"""The real `vaulttools watch` daemon, started as a subprocess on vaults in tmp_path.

No test asserts a duration beyond generous "within N seconds" waits for
something to happen; speed is the benchmark's business.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import write_vault

TODAY = "2026-11-21"
WAIT = 15.0


class Daemon:
    """A running watcher with its stderr collected line by line."""

    def __init__(self, vault: Path, *extra: str):
        self.vault = vault
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "vaulttools", "--vault", str(vault), "--today", TODAY,
             "watch", "--debounce", "50", *extra],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, check: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            if self.proc.poll() is not None and not check():
                break
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} (exit code {self.proc.poll()}); "
                             "daemon said:\n" + "\n".join(self.lines))

    def wait_line(self, fragment: str, after: int = 0) -> int:
        self.wait_for(lambda: any(fragment in line for line in self.lines[after:]), fragment)
        return len(self.lines)

    def renders(self) -> int:
        return sum(1 for line in self.lines if "render:" in line)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=5)
        finally:
            self._reader.join(timeout=2)


@pytest.fixture
def daemon() -> Iterator[Callable[..., Daemon]]:
    started: list[Daemon] = []

    def start(vault: Path, *extra: str) -> Daemon:
        d = Daemon(vault, *extra)
        started.append(d)
        d.wait_line("watching")
        return d

    yield start
    for d in started:
        if d.proc.poll() is None:
            d.proc.kill()
            d.proc.wait()


def note(group: str = "peer", last: str | None = None, name: str | None = None) -> str:
    lines = ["---"]
    if name:
        lines.append(f"name: {name}")
    lines.append(f"group: {group}")
    if last:
        lines.append(f"last_contact: {last}")
    return "\n".join([*lines, "---", ""])


def due_text(vault: Path) -> str:
    path = vault / "Index" / "Due.md"
    return path.read_text() if path.exists() else ""


def contacts_text(vault: Path) -> str:
    path = vault / "Index" / "Contacts.md"
    return path.read_text() if path.exists() else ""


def test_an_edit_shows_in_due_within_seconds(tmp_path: Path, daemon: Callable[..., Daemon]) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-11-20")})
    d = daemon(vault)
    assert "[[People/Ada|Ada]]" not in due_text(vault)
    (vault / "People" / "Ada.md").write_text(note(last="2026-01-01"))
    row = "- [ ] [[People/Ada|Ada]] (peer): quarterly; last contact 2026-01-01"
    d.wait_for(lambda: row in due_text(vault), "Ada in Due.md")
    assert d.stop() == 0


def _in_place(folder: Path, name: str, text: str) -> None:
    with open(folder / name, "r+", encoding="utf-8") as handle:
        handle.seek(0)
        handle.write(text)
        handle.truncate()


def _temp_then_rename(folder: Path, name: str, text: str) -> None:
    temp = folder / f".{name}.tmp"  # Obsidian, VS Code and most editors' atomic save
    temp.write_text(text)
    os.replace(temp, folder / name)


def _vim_backup(folder: Path, name: str, text: str) -> None:
    os.rename(folder / name, folder / f"{name}~")  # vim's default `backupcopy=auto` on Linux
    (folder / name).write_text(text)
    (folder / f"{name}~").unlink()


def _jetbrains(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}___jb_tmp___").write_text(text)  # "safe write"
    os.rename(folder / name, folder / f"{name}___jb_old___")
    os.rename(folder / f"{name}___jb_tmp___", folder / name)
    (folder / f"{name}___jb_old___").unlink()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify reports closes")
@pytest.mark.parametrize("save", [_in_place, _temp_then_rename, _vim_backup],
                         ids=["in-place", "temp-rename", "vim-backup"])
def test_a_save_closed_after_writing_does_not_wait_for_the_debounce(
    tmp_path: Path, daemon: Callable[..., Daemon], save: Callable[[Path, str, str], None]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-11-20")})
    d = daemon(vault, "--debounce", "10000")  # the longest allowed
    save(vault / "People", "Ada.md", note(last="2026-01-01"))
    d.wait_for(lambda: "last contact 2026-01-01" in due_text(vault), "Ada in Due.md",
               timeout=5.0)  # half the debounce
    assert d.stop() == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify reports closes")
def test_a_note_still_open_for_writing_waits_for_its_close(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-11-20")})
    d = daemon(vault, "--debounce", "10000")
    renders, said = d.renders(), len(d.lines)
    with open(vault / "People" / "Ada.md", "w", encoding="utf-8") as handle:
        handle.write(note(last="2026-01-01")[:12])  # half a note, as a slow writer leaves it
        handle.flush()
        time.sleep(1.5)
        assert d.renders() == renders, "a note still being written was read"
        handle.write(note(last="2026-01-01")[12:])
    d.wait_for(lambda: "last contact 2026-01-01" in due_text(vault), "Ada in Due.md")
    assert "Problems" not in "".join(line for line in d.lines[said:] if "wrote" in line)
    assert d.stop() == 0


def test_the_quiet_period_is_cut_short_only_when_every_write_was_closed(
    tmp_path: Path
) -> None:
    from watchdog.events import (
        DirCreatedEvent,
        FileClosedEvent,
        FileCreatedEvent,
        FileModifiedEvent,
        FileMovedEvent,
    )

    from vaulttools.watch.daemon import Watcher
    from vaulttools.watch.pending import AFTER_CLOSED_WRITES

    vault = write_vault(tmp_path / "v", {"Ada.md": note(), "Bea.md": note()})
    watcher = Watcher(vault, debounce=0.5)
    ada, bea = str(vault / "People" / "Ada.md"), str(vault / "People" / "Bea.md")
    watcher.note_event(FileModifiedEvent(ada))
    assert watcher.pending.quiet_for(0.5) == 0.5  # what polling and FSEvents report: never a close
    watcher.note_event(FileCreatedEvent(bea))
    watcher.note_event(FileClosedEvent(ada))
    assert watcher.pending.quiet_for(0.5) == 0.5  # Bea is still being written
    watcher.note_event(FileClosedEvent(bea))
    assert watcher.pending.quiet_for(0.5) == AFTER_CLOSED_WRITES
    watcher.note_event(FileModifiedEvent(ada))
    assert watcher.pending.quiet_for(0.5) == 0.5  # written again
    watcher.pending.take()
    watcher.note_event(FileMovedEvent(str(vault / "People" / ".Ada.md.tmp"), ada))
    assert watcher.pending.quiet_for(0.5) == AFTER_CLOSED_WRITES  # renamed into place: complete
    watcher.note_event(DirCreatedEvent(str(vault / "People" / "Clients")))
    assert watcher.pending.quiet_for(0.5) == 0.5  # a folder: the scan waits for the whole debounce
    assert Watcher(vault).pending.quiet_for(0.0) == 0.0


@pytest.mark.parametrize("save", [_in_place, _temp_then_rename],
                         ids=["in-place", "temp-rename"])
def test_an_item_ticked_in_due_is_acted_on_within_seconds(
    tmp_path: Path, daemon: Callable[..., Daemon], save: Callable[[Path, str, str], None]
) -> None:
    """A tick saved as Obsidian saves (in place, or a temp file renamed over Due.md) is
    logged in the contact's note, and Due.md is rendered without the item."""
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-01-01")})
    d = daemon(vault)
    row = "- [ ] [[People/Ada|Ada]] (peer): quarterly; last contact 2026-01-01"
    d.wait_for(lambda: row in due_text(vault), "Ada due")
    text = due_text(vault).replace(row, row.replace("[ ]", "[x]"), 1)
    lines = text.splitlines(keepends=True)
    ticked = next(i for i, line in enumerate(lines) if line.startswith("- [x] [[People/Ada|"))
    lines[ticked] = lines[ticked].rstrip("\n") + " — call: from the phone\n"
    save(vault / "Index", "Due.md", "".join(lines))
    ada = vault / "People" / "Ada.md"
    d.wait_for(lambda: "- 2026-11-21 call: from the phone" in ada.read_text(), "the log line")
    d.wait_for(lambda: "last contact 2026-01-01" not in due_text(vault), "Due.md rendered")
    d.wait_line("tick in Due.md (overdue): People/Ada.md: log: - 2026-11-21 call: from the phone")
    assert "[x]" not in due_text(vault)
    assert ada.read_text().count("from the phone") == 1
    assert d.stop() == 0


def test_with_sync_set_a_changed_note_reaches_its_card_within_seconds(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    folder = tmp_path / "vdirs" / "contacts"
    folder.parent.mkdir()
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-11-20")},
                        config=f'[sync]\ncontacts = "{folder.as_posix()}"\n')
    d = daemon(vault)
    d.wait_for(lambda: folder.is_dir() and len(list(folder.iterdir())) == 1, "Ada's card")
    (vault / "People" / "Ada.md").write_text(note(last="2026-11-20").replace(
        "group: peer", "group: peer\nemail: ada@example.com"))
    card = next(folder.iterdir())
    d.wait_for(lambda: b"EMAIL:ada@example.com" in card.read_bytes(), "the new email")
    assert d.stop() == 0


@pytest.mark.parametrize("save", [_in_place, _temp_then_rename, _vim_backup, _jetbrains],
                         ids=["in-place", "temp-rename", "vim-backup", "jetbrains"])
def test_editor_save_patterns(tmp_path: Path, daemon: Callable[..., Daemon],
                              save: Callable[[Path, str, str], None]) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-11-20")})
    d = daemon(vault)
    save(vault / "People", "Ada.md", note(group="mentor", last="2026-11-20"))
    d.wait_for(lambda: "## mentor (1)\n\n- [[People/Ada|Ada]]" in contacts_text(vault),
               "Ada as a mentor")
    assert not any(".tmp" in line or "___jb" in line or "~" in line for line in d.lines)
    assert d.stop() == 0


def test_moves_renames_and_deletes(tmp_path: Path, daemon: Callable[..., Daemon]) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(), "Bea.md": note()})
    d = daemon(vault)
    os.rename(vault / "People" / "Ada.md", vault / "People" / "Ada Lovelace.md")
    (vault / "People" / "Bea.md").unlink()
    (vault / "People" / "Clients").mkdir()
    (vault / "Cee.md").write_text(note(group="client"))
    os.rename(vault / "Cee.md", vault / "People" / "Clients" / "Cee.md")  # moved in from outside
    d.wait_for(lambda: "[[People/Ada Lovelace|Ada Lovelace]]" in contacts_text(vault)
               and "[[People/Bea|Bea]]" not in contacts_text(vault)
               and "[[People/Clients/Cee|Cee]]" in contacts_text(vault),
               "rename, delete and move-in")
    os.rename(vault / "People" / "Clients", vault / "People" / "Customers")  # a folder rename
    (vault / "People" / "Customers" / "Cee.md").write_text(note(group="vip"))
    d.wait_for(lambda: "## vip (1)" in contacts_text(vault), "edit in the renamed folder")
    assert d.stop() == 0


def test_a_thousand_files_changed_at_once_converge(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    from vaulttools import load_vault
    from vaulttools.render.index import render_index

    vault = write_vault(tmp_path / "v", {f"P{i:04d}.md": note(last="2026-11-01")
                                         for i in range(1000)})
    d = daemon(vault)
    for i in range(1000):
        (vault / "People" / f"P{i:04d}.md").write_text(note(group=["peer", "client"][i % 2],
                                                            last=f"2026-0{1 + i % 9}-01"))

    def converged() -> bool:
        from datetime import date

        expected = render_index(load_vault(vault), date.fromisoformat(TODAY))
        return all((vault / "Index" / name).read_text() == text
                   for name, text in expected.items())

    d.wait_for(converged, "index notes equal to a fresh index", timeout=60)
    assert d.stop() == 0


def test_idle_after_a_render_writes_nothing(tmp_path: Path, daemon: Callable[..., Daemon]) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note()})
    d = daemon(vault, "--reconcile", "1")
    (vault / "People" / "Ada.md").write_text(note(group="mentor"))
    d.wait_for(lambda: "## mentor" in contacts_text(vault), "the render")
    time.sleep(0.5)
    before = {p.name: p.stat().st_mtime_ns for p in (vault / "Index").iterdir()}
    renders = d.renders()
    time.sleep(3)  # three reconcile scans, with our own writes in the watched tree
    assert {p.name: p.stat().st_mtime_ns for p in (vault / "Index").iterdir()} == before
    assert d.renders() == renders
    assert d.stop() == 0


def test_sigterm_exits_cleanly_and_leaves_no_temp_files(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {f"P{i}.md": note() for i in range(50)})
    d = daemon(vault)
    for i in range(50):
        (vault / "People" / f"P{i}.md").write_text(note(group="client"))
    d.proc.send_signal(signal.SIGTERM)
    # It finishes the render under way first; a loaded CI machine gets ten seconds.
    assert d.proc.wait(timeout=10) == 0
    leftovers = [p for p in vault.rglob("*") if p.name.endswith(".vaulttools-tmp")]
    assert leftovers == []
    assert d.proc.stdout is not None and d.proc.stdout.read() == ""


def test_sigint_exits_zero(tmp_path: Path, daemon: Callable[..., Daemon]) -> None:
    d = daemon(write_vault(tmp_path / "v", {"Ada.md": note()}))
    d.proc.send_signal(signal.SIGINT)
    assert d.proc.wait(timeout=10) == 0


def test_second_watcher_is_refused(tmp_path: Path, daemon: Callable[..., Daemon]) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note()})
    first = daemon(vault)
    second = subprocess.run(
        [sys.executable, "-m", "vaulttools", "--vault", str(vault), "watch"],
        capture_output=True, text=True, timeout=20, check=False)
    assert second.returncode == 1
    assert f"another `vaulttools watch` is already running on this vault (pid {first.proc.pid})" \
        in second.stderr
    assert "Traceback" not in second.stderr
    assert first.stop() == 0


def test_broken_note_updates_problems_and_daemon_keeps_running(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note()})
    d = daemon(vault)
    problems = vault / "Index" / "Problems.md"
    (vault / "People" / "Ada.md").write_bytes(b"---\nname: [broken\n---\n")
    d.wait_for(lambda: "## [[People/Ada.md]]" in problems.read_text(), "the problem listed")
    (vault / "People" / "Ada.md").write_text(note(group="mentor"))
    d.wait_for(lambda: "No problems" in problems.read_text()
               and "## mentor" in contacts_text(vault), "the fix")
    assert d.proc.poll() is None
    assert d.stop() == 0

def test_a_template_whose_code_fails_is_logged_and_the_watcher_runs_on(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-11-20")})
    templates = vault / ".vaulttools" / "templates"
    templates.mkdir(parents=True)
    (templates / "contacts.md.j2").write_text(
        "---\ngenerated_by: vaulttools\n---\n{{ contact_count / 0 }}\n")
    d = daemon(vault)
    assert any("contacts.md.j2:4: template error: ZeroDivisionError" in line
               for line in d.lines), d.lines
    (vault / "People" / "Ada.md").write_text(note(last="2026-01-01"))  # Due.md comes first
    d.wait_for(lambda: "last contact 2026-01-01" in due_text(vault), "Ada in Due.md")
    assert d.proc.poll() is None
    assert d.stop() == 0



@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is POSIX only (Windows: "
                    "restart the watcher to reload); skipped in the simulated platform run")
def test_sighup_reloads_config_and_templates(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note()})
    d = daemon(vault)
    assert "[[People/Ada|Ada]]: quarterly;" in contacts_text(vault)
    (vault / ".vaulttools.toml").write_text("[groups.peer]\ncadence = '2w'\n")
    d.proc.send_signal(signal.SIGHUP)
    d.wait_for(lambda: "[[People/Ada|Ada]]: fortnightly;" in contacts_text(vault),
               "the new cadence")
    (vault / ".vaulttools.toml").write_text("unknown_key = 1\n")
    d.proc.send_signal(signal.SIGHUP)
    d.wait_line("reload failed, keeping the old settings")
    assert d.proc.poll() is None
    assert d.stop() == 0


def test_polling_mode(tmp_path: Path, daemon: Callable[..., Daemon]) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note()})
    d = daemon(vault, "--polling")
    assert "(polling)" in "\n".join(d.lines)
    (vault / "People" / "Ada.md").write_text(note(group="mentor"))
    d.wait_for(lambda: "## mentor" in contacts_text(vault), "the polled change")
    assert d.stop() == 0


def test_inotify_limit_falls_back_to_polling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from watchdog.observers import Observer

    from vaulttools.watch.daemon import Watcher

    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(Observer, "schedule", refuse)
    watcher = Watcher(write_vault(tmp_path / "v", {"Ada.md": note()}))
    with caplog.at_level("WARNING", logger="vaulttools.watch"):
        observer = watcher._observer()
    try:
        assert type(observer).__name__ == "PollingObserver"
        assert "fs.inotify.max_user_watches" in caplog.text
        assert "falling back to polling" in caplog.text
    finally:
        observer.stop()
        observer.join()


def test_the_watcher_never_writes_contact_notes(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(), "Bea.md": "---\nname: [x\n---\n"})
    people = {p: p.read_bytes() for p in (vault / "People").iterdir()}
    d = daemon(vault)
    (vault / "People" / "Cee.md").write_text(note())
    d.wait_for(lambda: "[[People/Cee|Cee]]" in contacts_text(vault), "Cee")
    assert d.stop() == 0
    assert {p: p.read_bytes() for p in people} == people


def test_index_notes_changed_or_deleted_by_others_are_healed(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    """As `git checkout -- Index/`, a pull or a sync tool would: overwrite one index note
    with an old version, delete another, then the whole folder. Each converges to what a
    fresh `vaulttools index` writes, and the watcher's own writes start no loop."""
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-07-01"),
                                         "Bo.md": note(group="mentor", last="2026-11-01")})
    fresh = tmp_path / "fresh"
    d = daemon(vault)
    index = vault / "Index"
    d.wait_for(lambda: (index / "Due.md").exists(), "the first render")
    shutil.copytree(vault, fresh, ignore=shutil.ignore_patterns("Index"))
    subprocess.run([sys.executable, "-m", "vaulttools", "--vault", str(fresh), "--today", TODAY,
                    "index"], check=True, capture_output=True)
    expected = {p.name: p.read_bytes() for p in (fresh / "Index").iterdir()}

    def converged() -> bool:
        return index.is_dir() and {p.name: p.read_bytes() for p in index.iterdir()
                                   if not p.name.startswith(".")} == expected

    d.wait_for(converged, "the index as a fresh run writes it")
    stale = expected["Due.md"].replace(b"Ada", b"Someone Else")
    (index / "Due.md").write_bytes(stale)  # an older version, marker and all
    (index / "Review.md").unlink()
    d.wait_for(converged, "Due.md restored and Review.md rewritten")
    shutil.rmtree(index)
    d.wait_for(converged, "the index folder written again")
    renders = d.renders()
    time.sleep(1.0)  # its own writes are events too: they must not start another render
    assert d.renders() == renders, d.lines[-3:]
    assert d.proc.poll() is None and d.stop() == 0


def test_a_moved_vault_stops_the_watcher_which_writes_nothing_at_the_old_path(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(last="2026-07-01")})
    d = daemon(vault, "--reconcile", "1")
    d.wait_for(lambda: (vault / "Index" / "Due.md").exists(), "the first render")
    moved = tmp_path / "moved"
    vault.rename(moved)
    d.wait_for(lambda: d.proc.poll() is not None, "the watcher to stop")
    assert d.proc.returncode == 1
    assert any("is gone (moved or deleted); stopping" in line for line in d.lines), d.lines
    time.sleep(0.3)
    assert not vault.exists()  # never made again, not even an empty index
    assert (moved / "Index" / "Due.md").exists()


def test_a_file_name_that_is_not_utf8_is_a_problem_and_the_watcher_runs_on(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note()})
    d = daemon(vault)
    problems = vault / "Index" / "Problems.md"
    d.wait_for(problems.exists, "the first render")
    latin1 = os.fsencode(vault / "People") + b"/Ren\xe9 Dupont.md"
    with open(latin1, "wb") as handle:
        handle.write(note(group="mentor").encode())
    d.wait_for(lambda: "People/Ren\\xe9 Dupont.md" in problems.read_text(encoding="utf-8"),
               "the name listed in Problems.md")
    (vault / "People" / "Ada.md").write_text(note(group="client"))
    d.wait_for(lambda: "## client" in contacts_text(vault), "the next edit rendered")
    assert d.proc.poll() is None and d.stop() == 0
    assert all(line.isprintable() for line in d.lines)


def test_a_new_meeting_note_moves_the_last_contact(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": note(group="mentor", last="2026-07-01")},
                        config='meeting_notes = ["Meetings"]\n')
    d = daemon(vault)
    d.wait_for(lambda: "[[People/Ada|Ada]] (mentor)" in due_text(vault), "Ada overdue")
    (vault / "Meetings").mkdir()
    (vault / "Meetings" / "2026-11-20 Sync.md").write_text("Sync with [[Ada]].\n")
    d.wait_for(lambda: "[[People/Ada|Ada]] (mentor)" not in due_text(vault),
               "Ada off the due list")
    assert d.stop() == 0


def test_mail_delivered_into_a_configured_maildir_is_captured_within_seconds(
    tmp_path: Path, daemon: Callable[..., Daemon]
) -> None:
    """As mbsync delivers: the message is written into tmp/, then moved into new/."""
    maildir = tmp_path / "Maildir" / "INBOX"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\nemail: jane@acme.example\ngroup: peer\n---\n"},
        config=(f'[capture]\nme = ["me@example.com"]\n'
                f'mail = ["{(tmp_path / "Maildir").as_posix()}"]\n'))
    d = daemon(vault)
    d.wait_line("capture (start): 0 lines logged")
    message = (b"Date: Fri, 20 Nov 2026 09:00:00 +0100\r\nMessage-ID: <w1@acme.example>\r\n"
               b"Subject: Coffee soon?\r\nFrom: Jane Doe <jane@acme.example>\r\n"
               b"To: me@example.com\r\n\r\nBody never read.\r\n")
    (maildir / "tmp" / "1700000000.M1P1.host").write_bytes(message)
    os.rename(maildir / "tmp" / "1700000000.M1P1.host", maildir / "new" / "1700000000.M1P1.host")
    jane = vault / "People" / "Jane Doe.md"
    d.wait_for(lambda: "- 2026-11-20 email: Coffee soon? #inbound" in jane.read_text(),
               "the mail in Jane's log")
    d.wait_for(lambda: "[[People/Jane Doe|Jane Doe]]" in contacts_text(vault)
               and "2026-11-20" in contacts_text(vault), "Contacts.md")
    assert "Body never read" not in jane.read_text()
    assert d.stop() == 0

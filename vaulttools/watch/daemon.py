"""`vaulttools watch`: keep the index notes current while the user edits.

watchdog's callback only records which paths changed (both ends of a move)
and wakes the main loop; the loop waits for a quiet period, re-reads just
those files, and re-renders. A periodic reconcile scan heals missed events
(inotify overflow, a folder moved in from elsewhere), and a render after
local midnight keeps date-dependent notes right.

The watcher writes index notes, and contact notes only as `capture` and ticks
do (actions.py): when `[capture]` names sources, a change in one of them (a
mail delivered into a Maildir, a calendar synced) runs capture; before each
render, the items ticked in Due.md are acted on; their writes are rendered
like any edit. It heals the index notes
too: it keeps the signature of each index note it left, and when one changed
or vanished (`git checkout`, a pull, a sync tool) it renders again; the
render rewrites only notes whose bytes differ, and its own writes match the
kept signatures, so there is no feedback loop. If the vault folder goes away
(moved, deleted) it stops with an error rather than write anywhere else.
Once the vault has been still for the racy window after a render, it calls
`when_settled` (the command line makes its answers ahead then: cli/ahead.py).
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from stat import S_ISDIR as stat_is_dir
from types import FrameType
from typing import Any

from vaulttools.config import load_settings
from vaulttools.edit.locks import watch_lock
from vaulttools.errors import VaultError
from vaulttools.model import Problem
from vaulttools.read.loader import VaultIndex, no_cyclic_gc
from vaulttools.read.scan import RACY_WINDOW_NS, Signature, is_utf8_name, signature
from vaulttools.render.bases import cover_property, write_base
from vaulttools.render.index import INDEX_NOTES, RenderMemo, write_index
from vaulttools.render.templates import environment
from vaulttools.watch.actions import act_on_ticks, capture_sources, push_to_phone
from vaulttools.watch.observe import start_observer
from vaulttools.watch.pending import Pending

log = logging.getLogger("vaulttools.watch")

IGNORED_EVENTS = frozenset({"opened", "closed_no_write"})
AFTER_A_FOLDER = 2.0  # seconds: the extra scan after a folder was created, moved or deleted


# What stops the watcher: SIGTERM and Ctrl-C everywhere, CTRL_BREAK on Windows.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGBREAK")
                     if hasattr(signal, name))
# How long the loop waits at most: a signal interrupts the wait where the signal
# mask sends it to this thread (POSIX); elsewhere it is seen within a second.
LONGEST_WAIT = 30.0 if hasattr(signal, "pthread_sigmask") else 1.0
# seconds after a render: what the render read and wrote is then older than the racy
# window (read/scan.py), and may be trusted by signature (when_settled).
SETTLED_AFTER = RACY_WINDOW_NS / 1e9 + 0.25


class Watcher:
    """One vault, one loop. `run()` returns when stopped by a signal."""

    def __init__(self, root: Path, today: date | None = None, polling: bool = False,
                 debounce: float = 0.1, reconcile_every: float = 60.0,
                 poll_interval: float = 1.0):
        self.root = root
        self.fixed_today = today
        self.polling = polling
        self.debounce = debounce
        self.reconcile_every = reconcile_every
        self.poll_interval = poll_interval
        self.wake = threading.Event()
        self.stopping = False
        self.reload_requested = False
        self.pending = Pending()
        self._left: dict[str, Signature | None] = {}  # index note -> as left
        self._cover: str | None = None  # People.base's cover property
        # Called once the vault has been still for SETTLED_AFTER since a render (the
        # command line makes its answers ahead then: cli/ahead.py).
        self.when_settled: Callable[[], object] | None = None
        self._settle_at: float | None = None
        self._load()
        self._identity = _identity(self.root)

    def _load(self) -> None:
        self.settings = load_settings(self.root)
        self.index = VaultIndex(self.settings)
        self.env = environment(self.settings)
        self.memo = RenderMemo()  # per-contact results, valid for these settings
        capture = self.settings.capture
        sources = (*capture.mail, *capture.calendars, *capture.linkedin) if capture.me else ()
        self.capture_sources = [Path(os.path.abspath(p)) for p in sources]

    def today(self) -> date:
        return self.fixed_today or date.today()

    # -- events (watchdog's thread) ------------------------------------------------

    def note_event(self, event: Any) -> None:
        """watchdog callback: remember the paths, wake the loop. Nothing else."""
        if event.event_type in IGNORED_EVENTS:
            return
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        wanted = []
        rescan = heal = capture = False
        index_dir = str(self.settings.index_dir)
        for path in paths:
            if any(path == str(source) or path.startswith(str(source) + os.sep)
                   for source in self.capture_sources):
                capture = True
            elif path == index_dir or path.startswith(index_dir + os.sep):
                heal = True  # maybe ours, maybe not: the loop compares signatures
            elif event.is_directory:
                if event.event_type in ("moved", "deleted", "created") and (
                        self.index.reads_folder(path)):
                    rescan = True
            elif self.index.kind(path) is not None:
                wanted.append(path)
            elif not is_utf8_name(path) and path.lower().endswith(".md"):
                rescan = True  # not read, but reported: the scan lists it as a problem
        if wanted or rescan or heal or capture:
            self.pending.add(event.event_type, wanted, rescan, heal, capture)
            self.wake.set()

    def run_capture(self, why: str) -> None:
        """Capture from the configured sources; its writes reach the index as edits do."""
        written = capture_sources(self.index.vault(), self.today(), why)
        if written:
            self.pending.add("written", written)

    def _index_as_left(self) -> bool:
        """Whether every index note is as the last render left it."""
        return all(_signature(self.settings.index_dir / name) == left
                   for name, left in self._left.items()) and len(self._left) == len(INDEX_NOTES)

    def _vault_is_here(self) -> bool:
        """Whether the vault folder is still the one the watcher started on."""
        return _identity(self.root) == self._identity

    # -- signals ----------------------------------------------------------------------

    def _on_stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
        self.wake.set()

    def _on_hup(self, signum: int, frame: FrameType | None) -> None:
        self.reload_requested = True
        self.wake.set()

    # -- rendering ----------------------------------------------------------------------

    def render(self, why: str, changed: list[str]) -> None:
        started = time.monotonic()
        try:
            # Everything a render makes is garbage by the next one and holds no cycles;
            # the collector's passes over a large vault would cost more than the render.
            with no_cyclic_gc():
                vault = self.index.vault()
                ticks = act_on_ticks(vault, self.today())
                if ticks is not None and ticks.edits:  # rendered now, not after an event
                    changed = [*changed,
                               *self.index.refresh([str(e.path) for e in ticks.edits])]
                    vault = self.index.vault()
                base = self._write_base()
                report = write_index(vault, self.today(), env=self.env,
                                     memo=self.memo, interrupted=self.pending.notes_changed,
                                     ticks=ticks, problems=base)
        except VaultError as exc:
            log.error("render failed: %s", exc)
            return
        finally:
            _settle_memory()
        for error in report.refused:
            log.error("%s", error)
        if self.settings.sync.configured:
            push_to_phone(vault, self.today())
        # What this render left, to tell another program's changes from ours; a note
        # left for the next render is unknown, which makes the next check render.
        left = set(INDEX_NOTES) - {p.rsplit("/", 1)[-1] for p in report.deferred}
        self._left = {name: _signature(self.settings.index_dir / name) for name in left}
        self._settle_at = time.monotonic() + SETTLED_AFTER
        names = [Path(os.path.relpath(p, self.root)).as_posix() for p in changed[:3]]
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        what = f"{len(changed)} changed ({', '.join(names)}{more})" if changed else why
        wrote = ", ".join(report.written) or "nothing"
        if report.deferred:
            wrote += f" (then a change came in: {len(report.deferred)} left for the next render)"
        log.info("render: %s; wrote %s; %.0f ms", what, wrote,
                 (time.monotonic() - started) * 1000)

    def _write_base(self) -> list[Problem]:
        """People.base as `index` writes it (the user's once changed); what to say of it
        in Problems.md."""
        if self._cover is None:  # which property holds pictures: read once, at start
            self._cover = cover_property(self.index.vault().contacts)
        try:
            return write_base(self.root, self.settings, self._cover).problems
        except VaultError as exc:
            log.error("%s", exc)
            return []

    def _observer(self) -> Any:
        return start_observer(self.root, self.capture_sources, self.polling,
                              self.poll_interval, self.note_event)

    # -- the loop --------------------------------------------------------------------------

    def run(self) -> int:
        """Watch until a signal stops it (0), or the vault folder goes away (1)."""
        with watch_lock(self.root):
            previous = {sig: signal.signal(sig, self._on_stop) for sig in STOP_SIGNALS}
            if hasattr(signal, "SIGHUP"):  # POSIX only: elsewhere, restart to reload
                previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, self._on_hup)
            observer = None
            try:
                # Threads inherit the signal mask: with these blocked while watchdog
                # starts its threads, the kernel delivers them to this thread, whose
                # wait they interrupt, instead of to a thread that cannot react.
                # Where there is no mask (Windows), the wait is short instead.
                masking = hasattr(signal, "pthread_sigmask")
                if masking:
                    signal.pthread_sigmask(signal.SIG_BLOCK, set(previous))
                try:
                    observer = self._observer()
                finally:
                    if masking:
                        signal.pthread_sigmask(signal.SIG_UNBLOCK, set(previous))
                self._start_scan()
                self.render("start", [])
                if self.capture_sources:
                    self.run_capture("start")
                log.info("watching %s (%s)", self.root, "polling" if self.polling else "events")
                if not self._loop():
                    log.error("the vault folder %s is gone (moved or deleted); stopping. "
                              "Start the watcher again on its new path.", self.root)
                    return 1
            finally:
                if observer is not None:
                    observer.stop()
                    observer.join(timeout=1.5)
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
        log.info("stopped")
        return 0

    def _loop(self) -> bool:
        """Until stopped (True), or until the vault folder goes away (False)."""
        next_reconcile = time.monotonic() + self.reconcile_every
        rendered_for = self.today()
        while not self.stopping:
            wake_at = min(next_reconcile, self._settle_at or next_reconcile)
            timeout = max(0.0, min(wake_at - time.monotonic(), LONGEST_WAIT))
            woke = self.wake.wait(timeout)
            self.wake.clear()
            if woke:
                self._quiet_period()
            if self.stopping:
                return True
            if not self._vault_is_here():
                return False
            # Flags are read after the quiet period, so a signal that arrived during
            # it is not lost; one arriving later sets `wake` for the next turn.
            if self.reload_requested:
                self.reload_requested = False
                self._reload()
                continue
            if self.pending.take_capture():
                self.run_capture("a source changed")
            paths, rescan, heal = self.pending.take()
            if paths or rescan:
                changed = self.index.reconcile() if rescan else self.index.refresh(paths)
                # A render a change interrupted is finished even when the change came
                # to nothing (a note saved as it was).
                if changed or rescan or not self._index_as_left():
                    self.render("rescan", changed)
                if rescan:
                    # Right after a folder moves, an event may still carry the folder's
                    # old path: scan once more soon, not only at the next reconcile.
                    next_reconcile = min(next_reconcile, time.monotonic() + AFTER_A_FOLDER)
            elif heal and not self._index_as_left():
                self.render("index notes changed by another program", [])
            if time.monotonic() >= next_reconcile:
                next_reconcile = time.monotonic() + self.reconcile_every
                changed = self.index.reconcile()
                if changed or not self._index_as_left():
                    self.render("reconcile", changed)
            if self.today() != rendered_for:
                rendered_for = self.today()
                self.render(f"new day {rendered_for.isoformat()}", [])
            if (self._settle_at is not None and time.monotonic() >= self._settle_at
                    and not self.wake.is_set()):
                self._settle_at = None
                self._settled()
        return True

    def _settled(self) -> None:
        """The vault has been still since the last render for SETTLED_AFTER: run
        `when_settled`, which must never stop the watcher."""
        if self.when_settled is None:
            return
        try:
            with no_cyclic_gc():
                self.when_settled()
        except Exception as exc:
            log.error("after the render: %s: %s", type(exc).__name__, exc)
        finally:
            _settle_memory()

    def _start_scan(self) -> None:
        """The first full scan, from the parse cache when there is one (fast restarts)."""
        from vaulttools.read.cache import store

        with no_cyclic_gc():
            store.load(self.index)
            self.index.reconcile()
            store.save(self.index)
        _settle_memory()

    def _reload(self) -> None:
        old = (self.settings, self.index, self.env, self.memo)
        try:
            self._load()
            changed = self.index.reconcile()
        except VaultError as exc:
            self.settings, self.index, self.env, self.memo = old
            log.error("reload failed, keeping the old settings: %s", exc)
            return
        self.pending.take()  # the full reconcile covered whatever was pending
        self.render("config and templates reloaded", changed)

    def _quiet_period(self) -> None:
        """Wait until no event has arrived for a while (Pending.quiet_for; at most 2 s)."""
        deadline = time.monotonic() + 2.0
        while not self.stopping and time.monotonic() < deadline:
            self.wake.clear()
            if not self.wake.wait(self.pending.quiet_for(self.debounce)):
                return


def _signature(path: Path) -> Signature | None:
    """What tells one version of a file from another (as the scan has it); None when
    it is missing."""
    try:
        return signature(os.stat(path))
    except OSError:
        return None


def _identity(folder: Path) -> tuple[int, int] | None:
    """Device and inode: a folder moved away and another made at its path differ."""
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat_is_dir(info.st_mode) else None


def _settle_memory() -> None:
    """Collect what a scan or render left in cycles, then freeze what survives.

    The watcher holds a whole vault's objects for days. Frozen, the cycle
    collector stops traversing them on every pass, which in a large vault
    costs more than the render itself (docs/performance.md); they hold no
    reference cycles, so reference counting still frees them when a note changes.
    """
    gc.collect()
    gc.freeze()

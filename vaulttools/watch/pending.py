"""What changed since the watcher's last render, filled from watchdog's thread and
taken by the loop: the notes to read again, whether to rescan, heal the index notes
or capture, and which notes may still be being written (how long to stay quiet).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

WRITE_EVENTS = frozenset({"created", "modified"})  # a write that may still be under way
# seconds: how long the loop waits for a burst's next event once every note written
# was closed (a save of several files, a checkout), instead of the whole debounce.
AFTER_CLOSED_WRITES = 0.01


class Pending:
    """The changes not rendered yet; every method may be called from either thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._writing: set[str] = set()  # notes written and not yet closed, as far as known
        self._rescan = False
        self._heal = False  # an index note may have been changed by someone else
        self._capture = False  # a capture source changed

    def add(self, event_type: str, notes: Iterable[str], rescan: bool = False,
            heal: bool = False, capture: bool = False) -> None:
        """What one event says: `notes` changed (as `event_type`), and what else to do."""
        with self._lock:
            self._paths.update(notes)
            if event_type in WRITE_EVENTS:
                self._writing.update(notes)
            elif event_type == "closed":
                self._writing.difference_update(notes)
            self._rescan |= rescan
            self._heal |= heal
            self._capture |= capture

    def notes_changed(self) -> bool:
        """Whether a note changed (or a folder) since the render began: then the render
        stops after what it is on, and the next one starts with Due.md."""
        with self._lock:
            return bool(self._paths) or self._rescan

    def take(self) -> tuple[list[str], bool, bool]:
        """The notes to read again, whether to rescan, whether to heal; all forgotten."""
        with self._lock:
            paths, rescan, heal = sorted(self._paths), self._rescan, self._heal
            self._paths, self._rescan, self._heal = set(), False, False
            # A write still open is seen again when it closes (or when it writes more).
            self._writing.clear()
        return paths, rescan, heal

    def take_capture(self) -> bool:
        with self._lock:
            wanted, self._capture = self._capture, False
        return wanted

    def quiet_for(self, debounce: float) -> float:
        """How long without events ends the quiet period: `debounce`, unless every note
        written since the last render was closed after writing (or renamed into place)
        and no folder or capture source changed. A closed file is complete, so only a
        burst's next event is worth waiting for. inotify reports closes; polling,
        FSEvents and Windows do not, and there every write waits the whole debounce."""
        with self._lock:
            settled = not self._writing and not self._rescan and not self._capture
        return min(debounce, AFTER_CLOSED_WRITES) if settled else debounce

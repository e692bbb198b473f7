"""Where the watcher's events come from: watchdog's observer on the vault, and on
the folders of capture sources outside it; inotify, FSEvents or Windows' own,
polling when asked (network drives) or when the OS refuses more watches.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("vaulttools.watch")

INOTIFY_FIX = ("raise the limit, e.g. `sudo sysctl fs.inotify.max_user_watches=524288` "
               "(and max_user_instances); falling back to polling")


def start_observer(root: Path, sources: Sequence[Path], polling: bool, poll_interval: float,
                   on_event: Callable[[Any], None]) -> Any:
    """A started observer calling `on_event` (from its own thread) for every event under
    `root` and in the capture `sources`."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            on_event(event)

    def start(observer: Any) -> Any:
        observer.schedule(Handler(), str(root), recursive=True)
        for source in sources:  # a file's changes show on its folder
            folder = source if source.is_dir() else source.parent
            if folder.is_dir() and not folder.is_relative_to(root):
                observer.schedule(Handler(), str(folder), recursive=source.is_dir())
        observer.start()
        return observer

    if polling:
        return start(PollingObserver(timeout=poll_interval))
    try:
        return start(Observer())
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EMFILE):
            raise
        log.warning("inotify limit reached (%s): %s", os.strerror(exc.errno), INOTIFY_FIX)
        return start(PollingObserver(timeout=poll_interval))

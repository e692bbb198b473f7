"""The process tricks of a short-lived command, all in one place.

- A helper process (read/cache/helper.py) for the loader: loading a large vault is
  CPU-bound Python, and on two cores a forked child can walk the folders while
  this process restores the cache, read half of a cold load, or write the
  cache while the command goes on (`ForkHelper`).
- The collector: a command's vault lives until the process ends and holds no
  cycles, so it is loaded with the collector off and then frozen
  (`load_vault_for_command`).
- The fast exit: `leave()` waits for background writes, flushes and ends with
  os._exit, skipping a teardown that would free the vault object by object.

The library never does any of this; docs/performance.md has the figures.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vaulttools.config import Settings
    from vaulttools.read.loader import Walked
    from vaulttools.read.vault import Vault


class Forked:
    """Work done in a forked child, its marshalled result collected later.

    Only on Linux with two or more cores, and only while no other thread runs:
    forking a threaded process could copy a held lock into the child. The
    child leaves with os._exit, running no cleanup of the parent's.
    """

    @staticmethod
    def possible() -> bool:
        return (sys.platform == "linux" and hasattr(os, "fork")
                and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1)

    def __init__(self, work: Callable[[], Any]) -> None:
        self.pid = 0
        self.incoming = -1
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: work, send, and leave without cleanup
            status = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as out:
                    out.write(marshal.dumps(work()))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self.pid, self.incoming = pid, read_end

    def result(self) -> Any | None:
        """The work's result; None when the child could not be started or failed."""
        if not self.pid:
            return None
        with os.fdopen(self.incoming, "rb") as incoming:
            payload = incoming.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            return marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None


class ForkHelper:
    """read/helper.Helper by forking: Linux with two or more cores, one thread."""

    def __init__(self) -> None:
        self.background: list[Forked] = []

    def available(self) -> bool:
        return Forked.possible()

    def start(self, work: Callable[[], Any]) -> Forked | None:
        child = Forked(work)
        return child if child.pid else None

    def in_background(self, work: Callable[[], object]) -> bool:
        child = Forked(work)
        if child.pid:
            self.background.append(child)
        return bool(child.pid)

    def wait(self) -> None:
        """Wait for every background job (a cache write) to finish."""
        while self.background:
            self.background.pop().result()


HELPER = ForkHelper()


def begin() -> None:
    """A command is short-lived and its data holds no reference cycles: it runs
    without the cycle collector, whose passes over a large vault's objects grow
    with the vault (the watcher, which lives for days, collects after renders)."""
    gc.disable()


def load_vault_for_command(root: Path, settings: Settings | None = None,
                           walked: Walked | None = None) -> Vault:
    """The vault, loaded with the helper and the collector off, then frozen: it lives
    as long as this process, holds no cycles, and the collector's first pass would
    otherwise traverse every object just loaded. `settings` and `walked`: what a
    remembered answer's key was made from (cli/answers.py), so the load does not
    walk again."""
    from vaulttools.read.load import load_vault

    collecting = gc.isenabled()
    gc.disable()
    try:
        return load_vault(root, settings, helper=HELPER, walked=walked)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def leave(code: int) -> None:
    """End the program: wait for background writes, flush, and exit at once.

    os._exit skips the interpreter's teardown: freeing a loaded vault object
    by object costs a noticeable share of a short command on a large vault,
    and everything a command writes is closed before it returns.
    """
    HELPER.wait()
    for stream in (sys.stdout, sys.stderr):
        # `vaulttools due | head`: the reader left early, which is not an error.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)

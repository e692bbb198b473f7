"""Work done in a forked child process, its result collected later.

Loading a large vault is CPU-bound Python; on two cores a child can walk the
folders while this process loads the cache, read part of a cold load, or
write the cache while the command goes on.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
from collections.abc import Callable
from typing import Any


class Forked:
    """Work done in a forked child, its marshalled result collected later.

    Only on Linux with two or more cores, and only while no other thread runs:
    forking a threaded process could copy a held lock into the child. The
    child leaves with os._exit, running no cleanup of the parent's.
    """

    @staticmethod
    def possible() -> bool:
        return (sys.platform == "linux" and (os.cpu_count() or 1) >= 2
                and threading.active_count() == 1)

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

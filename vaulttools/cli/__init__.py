"""The `vaulttools` command line: options -> one library call -> output.

Only this package imports click or prints. Commands live in modules by what
they do (reading, editing, generating), imported when used (see
base.COMMAND_MODULES); each is a thin wrapper over one library call.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

from .base import main

__all__ = ["main", "run"]


def run() -> None:
    """The `vaulttools` program: run the command, flush its output, and leave.

    It leaves with os._exit, skipping the interpreter's teardown: freeing a
    loaded vault object by object costs a noticeable share of a short command
    on a large vault, and everything a command writes is closed before it
    returns.
    """
    # A command is short-lived and its data holds no reference cycles: without
    # the cycle collector, whose passes over a large vault's objects grow with
    # the vault, and ending with os._exit, nothing is lost. The watcher, which
    # lives for days, collects after every render itself (watch._settle_memory).
    gc.disable()
    try:
        main(prog_name="vaulttools")
        code: int = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        # `vaulttools due | head`: the reader left early, which is not an error.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    writing = sys.modules.get("vaulttools.cache")  # loaded only if the command read a vault
    if writing is not None:
        writing.wait_for_writes()  # a cache write may go on in a child (cache.save_soon)
    os._exit(code)

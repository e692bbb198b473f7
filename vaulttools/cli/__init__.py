"""The `vaulttools` command line: options -> one library call -> output.

Only this package imports click or prints. Commands live in modules by what
they do (reading, editing, generating), imported when used (see
base.COMMAND_MODULES); each is a thin wrapper over one library call.
"""

from __future__ import annotations

import sys

from vaulttools.cli.base import main
from vaulttools.cli.runtime import begin, leave

__all__ = ["main", "run"]


def run() -> None:
    """The `vaulttools` program: run the command, then leave at once (runtime.leave)."""
    begin()
    try:
        main(prog_name="vaulttools")
        code: int = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    leave(code)

"""A platform without the POSIX extras, simulated on this one (make test's second run).

`site` imports this module at the start of every Python process that has this
folder on PYTHONPATH: pytest, and each `python -m vaulttools` a test starts. It
takes away what Windows lacks and vaulttools may use only as an optimisation:
`fcntl` (imports fail), `os.fork`, `os.O_NOFOLLOW`, and the POSIX-only signals and
the signal mask. The tests that run under it (Makefile, `test-nonposix`) must
pass as they do natively: a regression that makes one of these required shows
on Linux. What it cannot simulate (NTFS, drive letters, `msvcrt` locks,
CTRL_BREAK) is listed in docs/platforms.md.
"""

import os
import signal
import sys

sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` raises ImportError
for _name in ("fork", "forkpty", "O_NOFOLLOW"):
    if hasattr(os, _name):
        delattr(os, _name)
for _name in ("SIGHUP", "SIGUSR1", "SIGUSR2", "SIGQUIT", "pthread_sigmask"):
    if hasattr(signal, _name):
        delattr(signal, _name)
os.environ["VAULTTOOLS_SIMULATED_PLATFORM"] = "nonposix"

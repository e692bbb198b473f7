"""The vault's locks, kept in the user's runtime folder, never in the vault.

`write_lock`: one vaulttools process edits a vault's notes at a time.
`watch_lock`: one watcher per vault.

Every command that changes a contact note holds the write lock from reading
the note to replacing it (`Editor.log`, `Editor.set`, `import`...), so two of them
can never both pass the "unchanged since read" check and the later replace
drop the earlier edit. A bulk edit takes it once.

The lock is per vault, not per note: an edit holds it for milliseconds, and a
per-note lock would leave `new` (which checks every name) and bulk edits racing.
Each is an advisory `flock` on a file in the user's runtime folder
(userdirs.runtime_dir), keyed by the vault's real path, so nothing lands in the
vault and two paths to one vault share one lock. The kernel releases it when
the process ends, however it ends: a killed command leaves no stale lock.

POSIX only, like the rest of vaulttools (the watcher and the cache writer
fork); `filelock` would bring Windows, which nothing else here supports, and
times out by the same polling as below.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from vaulttools.errors import LockTimeout, VaultError
from vaulttools.userdirs import runtime_dir, vault_key

DEFAULT_TIMEOUT = 10.0  # seconds
_FIRST_WAIT, _LONGEST_WAIT = 0.002, 0.05


def lock_file(root: Path, kind: str = "write") -> Path:
    """Where the `kind` lock of the vault at `root` (resolved) lives."""
    return runtime_dir() / f"{vault_key(root)}.{kind}.lock"


def _open_private(path: Path) -> int:
    # The folder is the user's alone, and the lock file is never followed through a
    # symlink: another user of a shared /tmp-like folder cannot point it elsewhere.
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)


@contextlib.contextmanager
def write_lock(root: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the write lock of the vault at `root`, waiting at most `timeout` seconds.

    Raises LockTimeout, having done nothing, when another process holds it longer.
    """
    path = lock_file(root)
    try:
        fd = _open_private(path)
    except OSError as exc:
        raise LockTimeout(f"cannot open the vault's write lock: {exc.strerror or exc}; "
                          "nothing written", path) from None
    try:
        deadline = time.monotonic() + timeout
        wait = _FIRST_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise LockTimeout(f"cannot take the vault's write lock: "
                                      f"{exc.strerror or exc}; nothing written", path) from None
            left = deadline - time.monotonic()
            if left <= 0:
                raise LockTimeout(
                    f"another vaulttools command is writing to this vault and held its lock "
                    f"for over {timeout:g} s; nothing written. Try again (or raise "
                    "$VAULTTOOLS_LOCK_TIMEOUT)", root)
            time.sleep(min(wait, left))
            wait = min(wait * 2, _LONGEST_WAIT)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def watch_lock(root: Path) -> Iterator[Path]:
    """Hold the watcher lock of the vault at `root`; refuse if another watcher holds it."""
    path = lock_file(root, "watch")
    try:
        fd = _open_private(path)
    except OSError as exc:
        raise VaultError(f"cannot open the watcher's lock: {exc.strerror or exc}", path) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            owner = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            raise VaultError(f"another `vaulttools watch` is already running on this vault "
                             f"(pid {owner}); stop it first", root) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        os.close(fd)  # closing releases the lock

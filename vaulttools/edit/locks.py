"""The vault's locks, kept in the user's runtime folder, never in the vault.

`write_lock`: one vaulttools process edits a vault's notes at a time.
`watch_lock`: one watcher per vault.

Every command that changes a contact note holds the write lock from reading
the note to replacing it (`Editor.log`, `Editor.set`, `import`...), so two of them
can never both pass the "unchanged since read" check and the later replace
drop the earlier edit. A bulk edit takes it once.

The lock is per vault, not per note: an edit holds it for milliseconds, and a
per-note lock would leave `new` (which checks every name) and bulk edits racing.
Each is a lock file in the user's runtime folder (userdirs.runtime_dir), keyed
by the vault's real path, so nothing lands in the vault and two paths to one
vault share one lock.

The locking itself is filelock's, which works on every system: an advisory
`flock` where fcntl exists (the kernel releases it however the process ends,
so a killed command leaves no stale lock), `msvcrt.locking` on Windows, and
elsewhere a lock file whose owner's pid is recorded, broken once that process
is gone. portalocker would not do: it imports fcntl outright on Linux.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vaulttools.errors import LockTimeout, VaultError
from vaulttools.userdirs import runtime_dir, vault_key

DEFAULT_TIMEOUT = 10.0  # seconds
_POLL = 0.005  # seconds between tries while another process holds the lock


def lock_file(root: Path, kind: str = "write") -> Path:
    """Where the `kind` lock of the vault at `root` (resolved) lives."""
    return runtime_dir() / f"{vault_key(root)}.{kind}.lock"


def _filelock() -> Any:
    """The filelock module, imported when a lock is first wanted (`due` takes none)."""
    with warnings.catch_warnings():
        # Without fcntl (not Windows), filelock says once that it falls back to a lock
        # file; that fallback is what is wanted there, and no news to the user.
        warnings.simplefilter("ignore")
        import filelock

    return filelock


def _file_lock(path: Path) -> Any:
    """filelock's lock for this system; the folder is the user's alone."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return _filelock().FileLock(str(path), mode=0o600)


@contextlib.contextmanager
def write_lock(root: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the write lock of the vault at `root`, waiting at most `timeout` seconds.

    Raises LockTimeout, having done nothing, when another process holds it longer.
    """
    filelock = _filelock()
    path = lock_file(root)
    try:
        lock = _file_lock(path)
        lock.acquire(timeout=timeout, poll_interval=_POLL)
    except filelock.Timeout:
        raise LockTimeout(
            f"another vaulttools command is writing to this vault and held its lock "
            f"for over {timeout:g} s; nothing written. Try again (or raise "
            "$VAULTTOOLS_LOCK_TIMEOUT)", root) from None
    except OSError as exc:
        raise LockTimeout(f"cannot take the vault's write lock: {exc.strerror or exc}; "
                          "nothing written", path) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def watch_lock(root: Path) -> Iterator[Path]:
    """Hold the watcher lock of the vault at `root`; refuse if another watcher holds it.

    The holder's pid goes in a file beside the lock, for the message to another."""
    filelock = _filelock()
    path = lock_file(root, "watch")
    owner_file = path.with_suffix(".pid")
    try:
        lock = _file_lock(path)
        lock.acquire(timeout=0)
    except filelock.Timeout:
        try:
            owner = owner_file.read_text(encoding="ascii").strip() or "unknown"
        except (OSError, UnicodeDecodeError):
            owner = "unknown"
        raise VaultError(f"another `vaulttools watch` is already running on this vault "
                         f"(pid {owner}); stop it first", root) from None
    except OSError as exc:
        raise VaultError(f"cannot open the watcher's lock: {exc.strerror or exc}", path) from None
    try:
        with contextlib.suppress(OSError):
            owner_file.write_text(f"{os.getpid()}\n", encoding="ascii")
        yield path
    finally:
        with contextlib.suppress(OSError):
            owner_file.unlink()
        lock.release()

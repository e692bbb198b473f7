"""Reading a file for an edit, and writing it back atomically and only if unchanged.

A write follows a symlink to the real file, refuses read-only files and
folders, refuses when the file changed on disk since it was read, and goes
through a temp file in the same folder (fsync, then `os.replace`), so the note
is at every moment either wholly old or wholly new.

The vault is the boundary: a write whose real path (symlinks followed) lies
outside the vault's real root is refused. A note linked in from elsewhere is
read like any other, never written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from vaulttools.errors import WriteRefused
from vaulttools.read.scan import Signature, signature

TEMP_SUFFIX = ".vaulttools-tmp"
# A temp file of ours this old was left by a process that died mid-write (power
# loss, SIGKILL); a live writer holds its temp file for milliseconds.
STALE_TEMP_SECONDS = 10.0


def sweep_stale_temps(folder: Path) -> None:
    """Remove temp files a killed vaulttools left in `folder`; nothing else."""
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(entry.path)


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: where it really is, its bytes and its identity."""

    path: Path  # as the user names it (may be a symlink)
    real: Path
    data: bytes
    mode: int
    signature: Signature


def inside_vault(path: Path, root: Path, what: str = "the note") -> Path:
    """The real path of `path`; WriteRefused when it leads out of the vault at `root`."""
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(root)):
        raise WriteRefused(f"{what} leads outside the vault (to {real}); vaulttools reads "
                           "it but never writes outside the vault", path)
    return real


def make_folder(folder: Path, root: Path) -> None:
    """Create `folder` and the folders between it and the vault, never the vault itself:
    one level at a time, so a vault moved or deleted meanwhile is not made again
    at its old path (FileNotFoundError instead)."""
    real_root = Path(os.path.realpath(root))
    if not real_root.is_dir():
        raise FileNotFoundError(errno.ENOENT, "the vault folder is gone (moved or deleted?)",
                                str(root))
    current = real_root
    for part in folder.relative_to(real_root).parts:
        current = current / part
        with contextlib.suppress(FileExistsError):
            os.mkdir(current)


def _writable(path: Path, info: os.stat_result, what: str) -> None:
    # Mode bits, not os.access: root may write anything, but a read-only note
    # is the user saying "do not touch".
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteRefused(f"{what} is read-only; nothing written", path)


def read_for_edit(path: Path, root: Path) -> Snapshot:
    """Read a note of the vault at `root` that is about to be edited, checking it may be written."""
    real = inside_vault(path, root)
    try:
        info = real.stat()
        data = real.read_bytes()
    except FileNotFoundError:
        raise WriteRefused("file not found (moved or deleted?)", path) from None
    except OSError as exc:
        raise WriteRefused(f"cannot read: {exc.strerror or exc}", path) from None
    _writable(path, info, "the note")
    _writable(real.parent, real.parent.stat(), "its folder")
    return Snapshot(path, real, data, stat.S_IMODE(info.st_mode), signature(info))


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_temp(folder: Path, name: str, data: bytes, mode: int) -> Path:
    # The note's name (at most 64 bytes of it) says whose temp file a leftover is; a
    # whole 250-byte name would push the temp file's own name past the system's limit.
    short = name.encode("utf-8", "surrogateescape")[:64].decode("utf-8", "ignore")
    fd, temp_name = tempfile.mkstemp(prefix=f".{short}.", suffix=TEMP_SUFFIX, dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _unchanged_since(snapshot: Snapshot) -> None:
    """Refuse unless the file is still exactly as `snapshot` read it."""
    try:
        info = snapshot.real.stat()
        current = snapshot.real.read_bytes()
    except FileNotFoundError:
        raise WriteRefused("deleted since it was read; nothing written", snapshot.path) from None
    if signature(info) != snapshot.signature or current != snapshot.data:
        raise WriteRefused("changed on disk since it was read; nothing written. "
                           "Run the command again.", snapshot.path)


def write_back(snapshot: Snapshot, data: bytes) -> None:
    """Replace the file with `data` if it is still exactly as `snapshot` read it.

    vaulttools' own writers are kept apart by the vault's write lock
    (locks.py). Against a program that does not take it (an editor
    saving), the comparison comes after the temp file is written and synced,
    immediately before the rename: a save that lands between the two is the
    only one that can still be lost (docs/reliability.md, "Concurrency").
    """
    _unchanged_since(snapshot)  # fail early, before any temp file
    folder = snapshot.real.parent
    sweep_stale_temps(folder)
    try:
        temp = write_temp(folder, snapshot.real.name, data, snapshot.mode)
    except OSError as exc:
        raise WriteRefused(f"cannot write: {exc.strerror or exc}; the note is unchanged",
                           snapshot.path) from None
    try:
        _unchanged_since(snapshot)
        os.replace(temp, snapshot.real)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WriteRefused(f"cannot write: {exc.strerror or exc}; the note is unchanged",
                           snapshot.path) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def replace_file(path: Path, data: bytes, mode: int = 0o644, root: Path | None = None) -> None:
    """Atomically replace (or create) a file vaulttools owns, such as an index note.

    With `root`, the file must lie inside that vault (see inside_vault).
    """
    real = Path(os.path.realpath(path)) if root is None else inside_vault(path, root, "the file")
    try:
        if root is None:
            real.parent.mkdir(parents=True, exist_ok=True)
        else:
            make_folder(real.parent, root)
        sweep_stale_temps(real.parent)
        temp = write_temp(real.parent, real.name, data, mode & ~_umask())
        try:
            os.replace(temp, real)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise WriteRefused(f"cannot write: {exc.strerror or exc}", path) from None
    _fsync_folder(real.parent)


def create_new(path: Path, data: bytes, root: Path, mode: int = 0o644) -> None:
    """Create `path` in the vault at `root` atomically; refuse if it exists (even if
    created a moment ago) or if its folder leads out of the vault."""
    folder = inside_vault(path.parent, root, "its folder")
    if folder.exists():
        _writable(folder, folder.stat(), "the folder")
    try:
        make_folder(folder, root)
        sweep_stale_temps(folder)
        temp = write_temp(folder, path.name, data, mode & ~_umask())
    except OSError as exc:
        raise WriteRefused(f"cannot write: {exc.strerror or exc}", path) from None
    try:
        os.link(temp, path)  # fails if the name exists: no clobbering
    except FileExistsError:
        raise WriteRefused("already exists; nothing written", path) from None
    except OSError as exc:
        raise WriteRefused(f"cannot write: {exc.strerror or exc}", path) from None
    finally:
        temp.unlink(missing_ok=True)
    _fsync_folder(folder)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def move_unchanged(snapshot: Snapshot, dest: Path, root: Path) -> None:
    """Move the file `snapshot` read to `dest`, in the same vault (Obsidian's `.trash/`),
    if it is still exactly as read; refuse if `dest` exists, or leads out of the vault."""
    folder = inside_vault(dest.parent, root, "its new folder")
    try:
        make_folder(folder, root)
    except OSError as exc:
        raise WriteRefused(f"cannot move it: {exc.strerror or exc}", dest) from None
    _unchanged_since(snapshot)
    try:
        os.link(snapshot.real, dest)  # fails if the name exists: no clobbering
    except FileExistsError:
        raise WriteRefused("already exists; nothing moved", dest) from None
    except OSError as exc:
        raise WriteRefused(f"cannot move it: {exc.strerror or exc}", dest) from None
    snapshot.real.unlink()
    _fsync_folder(folder)
    _fsync_folder(snapshot.real.parent)

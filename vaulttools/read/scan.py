"""Walking the vault: which files are notes, and reading them safely.

Hidden folders (`.git`, `.obsidian`, `.trash`...), the generated index folder
and editor temp files are never read. Symlinked folders are followed once
(a loop is detected by device and inode); a file that vanishes mid-scan, a
symlink loop or an oversized file becomes a Problem, never an exception.
"""

from __future__ import annotations

import errno
import marshal
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vaulttools.model import Problem

Signature = tuple[int, int, int, int]


def signature(info: os.stat_result) -> Signature:
    """What identifies a version of a file: mtime, ctime (both ns), size and inode
    (walk_notes builds the same tuple inline)."""
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


# A file changed this recently may change again within the same timestamp tick
# without its signature changing (git's "racily clean"): what was read from it is
# trusted only once it is older than this.
RACY_WINDOW_NS = 2_000_000_000


def settled(signature: Signature, before: int) -> bool:
    """Whether the file did not change at or after `before` (ns): mtime and ctime."""
    return signature[0] < before and signature[1] < before


def record_walk(walk: dict[str, Signature | None]) -> bytes:
    """A walk (scan()'s notes and signatures, in walk order) as bytes that are equal
    exactly when the walks are: marshal's version 0 writes neither back-references
    nor interning flags, which depend on the process that writes."""
    return marshal.dumps(walk, 0)


def is_note_name(name: str) -> bool:
    """A Markdown file name that is not hidden, nor an editor's temp or backup file.

    Editors name those `Ann.md~`, `.Ann.md.swp`, `#Ann.md#`, `4913`,
    `Ann.md.sb-5f3a-Xy1`, `Ann.md___jb_tmp___`, `Ann.md.bak`, `.~lock.Ann.md#`...:
    none ends in `.md` without being hidden, so the suffix and the leading dot
    tell them all apart (this runs for every file of every walk).
    """
    return name[:1] != "." and name.lower().endswith(".md")


_CONFLICT_COPIES = (
    # Syncthing: `Jane Doe.sync-conflict-20261121-101500-ABCDEFG.md`
    ("Syncthing", re.compile(r"(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}(?:-\w+)?\.md",
                             re.IGNORECASE)),
    # Dropbox, Nextcloud, ownCloud: `Jane Doe (Bob's conflicted copy 2026-11-21).md`
    ("a sync tool", re.compile(r"(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)\.md",
                               re.IGNORECASE)),
)


def conflict_copy_of(name: str) -> tuple[str, str] | None:
    """(the original's file name, the tool) when `name` is a sync tool's conflict copy."""
    if "conflict" not in name.lower():
        return None
    for tool, pattern in _CONFLICT_COPIES:
        match = pattern.fullmatch(name)
        if match:
            return match.group("stem") + ".md", tool
    return None


def is_utf8_name(name: str) -> bool:
    """Whether a name read from the disk is valid UTF-8: Python hands undecodable
    bytes (a Latin-1 zip, an old backup) over as lone surrogates, which no output
    and no file written can hold."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: str) -> str:
    """A path fit to print: undecodable bytes written as `\\xe9`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_utf8_problem(root: str | Path, path: str) -> Problem:
    return Problem(shown_path(relative(root, path)), 1, "error",
                   "file name is not UTF-8; rename it (vaulttools skips it until then)")


def relative(root: str | Path, path: str | Path) -> str:
    """`path` relative to `root` with forward slashes (string work: it runs per file)."""
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(prefix):
        text = text[len(prefix):]
    return text.replace(os.sep, "/") if os.sep != "/" else text


def walk_notes(
    root: Path, start: str | Path, skip: set[str], problems: list[Problem],
    keep: Callable[[str, str], object] | None = None,
) -> dict[str, Signature | None]:
    """Every note below `start` (by path, a string) and its signature: (mtime, ctime,
    size, inode), or None when it could not be stat'ed (reading it will say why).
    Skips hidden and `skip` folders, and with `keep`, notes for which
    keep(file name, path) is false.

    The order is the order the folders list their files in. Strings, not
    Paths, and no call per file but `keep`: a walk visits every file of the
    vault on every run.
    """
    seen: set[tuple[int, int]] = set()
    stack = [os.fspath(start)]
    found: dict[str, Signature | None] = {}
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                problems.append(Problem(relative(root, folder), 1, "error",
                                        "symlink loop; folder skipped"))
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not is_utf8_name(name):
                    problems.append(not_utf8_problem(root, entry.path))
                elif entry.path not in skip:
                    stack.append(entry.path)
                continue
            # is_note_name(), less the leading dot seen to above
            if not (name.endswith(".md") or name.lower().endswith(".md")):
                continue
            path = entry.path
            if not is_utf8_name(name):
                problems.append(not_utf8_problem(root, path))
                continue
            if keep is not None and not keep(name, path):
                continue
            try:
                info = entry.stat()
            except OSError:
                found[path] = None  # vanished or a broken link
                continue
            found[path] = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    return found


@dataclass
class NoteFile:
    path: str
    relpath: str
    data: bytes | None
    signature: Signature | None = None


def read_note(root: str | Path, path: str, max_size: int, problems: list[Problem]) -> NoteFile:
    """Read a note's bytes; on any OS-level trouble, record a Problem and return no data."""
    relpath = relative(root, path)
    try:
        # os.open/fstat/read: no buffered file object, and the signature comes
        # from the very file that was read.
        fd = os.open(path, os.O_RDONLY)
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory")
            if info.st_size > max_size:
                problems.append(Problem(relpath, 1, "error",
                                        f"file is {info.st_size:,} bytes, over the "
                                        f"{max_size:,}-byte limit (max_note_size); skipped"))
                return NoteFile(path, relpath, None)
            chunks = []
            remaining = max_size + 1
            while remaining > 0:
                chunk = os.read(fd, min(remaining, max(info.st_size, 4096) + 1))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
            data = b"".join(chunks)
        finally:
            os.close(fd)
        if len(data) > max_size:
            problems.append(Problem(relpath, 1, "error", "file grew over the size limit "
                                    "while being read; skipped"))
            return NoteFile(path, relpath, None)
        return NoteFile(path, relpath, data, signature(info))
    except FileNotFoundError:
        if os.path.islink(path):
            problems.append(Problem(relpath, 1, "error", "broken symlink; its target is gone"))
        else:
            problems.append(Problem(relpath, 1, "warning", "file disappeared during the scan"))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            reason = "symlink loop; the link never reaches a file"
        elif isinstance(exc, IsADirectoryError):
            reason = "is a folder named like a note"
        else:
            reason = f"cannot read: {exc.strerror or exc}"
        problems.append(Problem(relpath, 1, "error", reason))
    return NoteFile(path, relpath, None)

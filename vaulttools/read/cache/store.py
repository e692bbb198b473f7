"""The parse cache: what each note gave, kept between runs, never served stale.

Entries are keyed by the note's path and signature (mtime, ctime, size,
inode); the file as a whole by the tool version, a format version, the
vault's root and the bytes of its .vaulttools.toml. It lives in the user's
cache folder (`$VAULTTOOLS_CACHE_DIR`, else `$XDG_CACHE_HOME/vaulttools`, else
`~/.cache/vaulttools`), never in the vault, so git never sees it.

Like git's index, it distrusts "racily clean" entries: a note modified within
two seconds before the cache was saved could change again within the same
timestamp tick without its signature changing, so such entries are re-read.
A cache that cannot be read, or belongs to another version or vault, is
ignored and rebuilt; a cache that cannot be written is skipped.

Its API is two functions: `load(index)` fills a VaultIndex with what may be
served, and `save(index)` (or `save_soon`, which may hand the write to a
helper process) keeps what the index holds now.

The file is a fixed prelude (`PRELUDE`: magic, format, save time and the
lengths of what follows), an identity header, an index and a detail region.
The index (`marshal`: plain tuples, see codec.py; the fastest format
Python reads, and one that cannot run code) holds what scheduling reads; each
contact's other fields are one blob in the detail region, which is mapped,
not read: a run touches only the blobs of contacts it looks into. The cache
is only ever replaced by a rename, so a mapping keeps seeing the file it
opened.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import struct
import sys
import time
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from vaulttools.model import FIELDS
from vaulttools.read.cache.codec import decode_state, encode_state
from vaulttools.read.cache.helper import Helper
from vaulttools.read.loader import VaultIndex
from vaulttools.read.scan import RACY_WINDOW_NS, Signature, settled
from vaulttools.userdirs import cache_dir, vault_key
from vaulttools.version import __version__

# Bump LAYOUT when the file's layout or what a note parses to changes; the fields
# (model.FIELDS) and the Python version (marshal's) are part of the version by
# themselves, so a cache written by other code is never read.
LAYOUT = 23
FORMAT_VERSION = zlib.crc32(repr((LAYOUT, FIELDS, sys.version_info[:2])).encode())
MAGIC = b"vaulttools-cache"
# magic, format, saved at (ns), then the lengths of the header, index and detail region
PRELUDE = struct.Struct("<16sIQQQQ")
BACKGROUND_MIN = 1500  # notes; below this a write is quick, and done in the caller


def _identity(index: VaultIndex) -> tuple[str, str, bytes]:
    settings = index.settings
    config = b""
    if settings.config_path is not None:
        with contextlib.suppress(OSError):
            config = settings.config_path.read_bytes()
    return __version__, str(settings.root), config


def cache_file(index: VaultIndex) -> Path:
    """This vault's cache file: named after the vault's folder, and a checksum of its path."""
    return cache_dir() / f"{vault_key(index.settings.root)}.cache"


class CacheFile(NamedTuple):
    """An opened cache file of this vault: its regions, mapped, not read."""

    saved_ns: int
    entries: memoryview
    details: memoryview
    mapped: mmap.mmap
    entries_at: int  # where the entries region starts in `mapped`

    def entries_read(self) -> None:
        """The entries were decoded into objects of their own: let the kernel drop
        their pages from this process (a tenth of a large vault's memory); it reads
        them again from the file if they are ever touched. The details stay: they
        are decoded on first use."""
        if not hasattr(self.mapped, "madvise"):  # Windows: the pages stay mapped
            return
        page = mmap.PAGESIZE
        start = -(-self.entries_at // page) * page
        end = (self.entries_at + len(self.entries)) // page * page
        if end > start:
            with contextlib.suppress(OSError):
                self.mapped.madvise(mmap.MADV_DONTNEED, start, end - start)


def _trusted(signature: Signature | None, limit: int) -> bool:
    """Whether an entry with this signature is served: the note was stat'ed, and did
    not change within the racy window (mtime and ctime before `limit`)."""
    return signature is not None and settled(signature, limit)


def open_cache(index: VaultIndex) -> CacheFile | None:
    """This vault's cache, if there is one of this version, vault and configuration."""
    if os.environ.get("VAULTTOOLS_NO_CACHE"):
        return None
    try:
        with open(cache_file(index), "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        magic, version, saved_ns, *sizes = PRELUDE.unpack_from(mapped)
        if (magic, version) != (MAGIC, FORMAT_VERSION) or (
                len(mapped) != PRELUDE.size + sum(sizes)):
            return None
        view = memoryview(mapped)
        regions = []
        start = PRELUDE.size
        for size in sizes:
            regions.append(view[start:start + size])
            start += size
        header, entries, details = regions
        if marshal.loads(header) != _identity(index):
            return None
    except Exception:
        return None
    return CacheFile(saved_ns, entries, details, mapped, PRELUDE.size + sizes[0])


def load(index: VaultIndex) -> bool:
    """Fill `index.files` with what the cache holds and may serve; False (and nothing
    filled) when there is no usable cache. The caller then reconciles with the disk."""
    cached = open_cache(index)
    if cached is None:
        return False
    try:
        files: dict[str, tuple[Any, ...]] = marshal.loads(cached.entries)
        cached.entries_read()
        limit = cached.saved_ns - RACY_WINDOW_NS
        loaded = {}
        for path, encoded in files.items():
            if _trusted(encoded[0], limit):
                loaded[path] = decode_state(encoded, cached.details)
    except Exception:
        return False
    index.files.update(loaded)
    return True


def save_soon(index: VaultIndex, helper: Helper | None = None) -> None:
    """save(); for a large vault by the helper, in the background, if there is one."""
    if helper is not None and len(index.files) >= BACKGROUND_MIN and helper.available() \
            and helper.in_background(lambda: save(index)):
        return
    save(index)


def save(index: VaultIndex) -> None:
    """Write the cache atomically; any failure leaves the old one or none."""
    if os.environ.get("VAULTTOOLS_NO_CACHE"):
        return
    import tempfile

    target = cache_file(index)
    saved_ns = time.time_ns()  # every entry was read before this: the racy window ends here
    blobs: list[Any] = []
    size = 0
    entries = {}
    try:
        # By path, the order vault() lists contacts in: a warm start restores them in
        # this order, and scheduling then walks memory in order.
        for path, state in sorted(index.files.items()):
            encoded = state.encoded or encode_state(state)
            contact = encoded[2]
            if contact is not None:  # its detail blob goes to the detail region
                blob = contact[-1]
                blobs.append(blob)
                encoded = (*encoded[:2], (*contact[:-1], (size, len(blob))), *encoded[3:])
                size += len(blob)
            entries[path] = encoded
        header = marshal.dumps(_identity(index))
        files = marshal.dumps(entries)
    except ValueError:
        return  # a value marshal cannot hold (a YAML-tagged timestamp in `extra`): no cache
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".cache.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(PRELUDE.pack(MAGIC, FORMAT_VERSION, saved_ns, len(header),
                                          len(files), size))
                handle.write(header)
                handle.write(files)
                for blob in blobs:
                    handle.write(blob)
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    except OSError:
        return

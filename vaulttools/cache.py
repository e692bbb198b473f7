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
ignored and rebuilt; a cache that cannot be written is skipped. It is written
with `marshal` (plain tuples, see cachecodec.py): the fastest format Python
reads, and one that cannot run code when loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import __version__
from .cachecodec import decode_state, encode_state
from .loader import VaultIndex

FORMAT_VERSION = 3
MAGIC = "vaulttools-cache"
RACY_WINDOW_NS = 2_000_000_000


def cache_dir() -> Path:
    explicit = os.environ.get("VAULTTOOLS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "vaulttools"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vaulttools"


def _identity(index: VaultIndex) -> tuple[str, str]:
    settings = index.settings
    config = b""
    if settings.config_path is not None:
        with contextlib.suppress(OSError):
            config = settings.config_path.read_bytes()
    return str(settings.root), hashlib.sha256(config).hexdigest()


def cache_file(index: VaultIndex) -> Path:
    root = str(index.settings.root)  # the file is per vault; the config is checked inside
    return cache_dir() / f"{hashlib.sha256(root.encode()).hexdigest()[:24]}.cache"


def load(index: VaultIndex) -> bool:
    """Fill `index.files` from the cache; False (and nothing filled) if there is none usable."""
    if os.environ.get("VAULTTOOLS_NO_CACHE"):
        return False
    try:
        with open(cache_file(index), "rb") as handle:
            header = marshal.load(handle)
            if header != (MAGIC, FORMAT_VERSION, __version__, *_identity(index)):
                return False
            saved_ns: int = marshal.load(handle)
            files: dict[str, tuple[Any, ...]] = marshal.loads(handle.read())  # 2x load()
        limit = saved_ns - RACY_WINDOW_NS
        loaded = {}
        for path, encoded in files.items():
            signature = encoded[0]
            if signature is not None and signature[0] < limit and signature[1] < limit:
                loaded[path] = decode_state(encoded)
    except Exception:
        return False
    index.files.update(loaded)
    return True


def save(index: VaultIndex) -> None:
    """Write the cache atomically; any failure leaves the old one or none."""
    if os.environ.get("VAULTTOOLS_NO_CACHE"):
        return
    target = cache_file(index)
    try:
        files = marshal.dumps({path: state.encoded or encode_state(state)
                               for path, state in index.files.items()})
    except ValueError:
        return  # a value marshal cannot hold (a YAML-tagged timestamp in `extra`): no cache
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".cache.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                marshal.dump((MAGIC, FORMAT_VERSION, __version__, *_identity(index)), handle)
                marshal.dump(time.time_ns(), handle)
                handle.write(files)
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    except OSError:
        return

"""Where vaulttools keeps its own state: the user's folders, never the vault.

The parse cache goes to the user's cache folder, as each platform names it
(platformdirs: `~/.cache/vaulttools` or `$XDG_CACHE_HOME` on Linux,
`~/Library/Caches/vaulttools` on macOS, `%LOCALAPPDATA%\\vaulttools\\Cache` on
Windows). Locks go to the runtime folder where the system provides one
(`$XDG_RUNTIME_DIR`, emptied at logout and reboot, so no stale lock outlives
the session), else beside the cache. `$VAULTTOOLS_CACHE_DIR` and
`$VAULTTOOLS_RUNTIME_DIR` override them. Each vault has its own files there,
named by `vault_key`.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path


def cache_dir() -> Path:
    """`$VAULTTOOLS_CACHE_DIR`, else the platform's user cache folder."""
    explicit = os.environ.get("VAULTTOOLS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("vaulttools", appauthor=False))


def state_dir() -> Path:
    """`$VAULTTOOLS_STATE_DIR`, else the platform's user state folder: what vaulttools
    remembers between runs that is not a cache (capture's ledger)."""
    explicit = os.environ.get("VAULTTOOLS_STATE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_state_dir("vaulttools", appauthor=False))


def runtime_dir() -> Path:
    """`$VAULTTOOLS_RUNTIME_DIR`, else `$XDG_RUNTIME_DIR/vaulttools` when the system
    provides one, else `locks/` in the cache folder."""
    explicit = os.environ.get("VAULTTOOLS_RUNTIME_DIR")
    if explicit:
        return Path(explicit)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime) / "vaulttools"
    return cache_dir() / "locks"


def vault_key(root: Path | str) -> str:
    """A file-name-safe key for a vault: its folder's name and a checksum of its full path.

    `root` should be resolved, so that two paths to one vault share a key.
    """
    text = str(root)
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in Path(text).name)
    return f"{name[:40] or 'root'}-{zlib.crc32(text.encode('utf-8', 'surrogateescape')):08x}"

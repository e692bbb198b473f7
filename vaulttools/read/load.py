"""`load_vault(root)`: the library's entry point for reading a vault.

It reads every contact note and daily note once (only those that changed
since the last run, with the parse cache) and never writes a note. A broken
note becomes a Problem; the rest of the vault still loads.
"""

from __future__ import annotations

from pathlib import Path

from vaulttools.config import Settings, load_settings
from vaulttools.read.cache import store
from vaulttools.read.cache.helper import Helper
from vaulttools.read.loader import VaultIndex, Walked, no_cyclic_gc
from vaulttools.read.vault import Vault


def load_vault(
    root: str | Path, settings: Settings | None = None, use_cache: bool = True,
    helper: Helper | None = None, walked: Walked | None = None,
) -> Vault:
    """Load every contact and daily-note mention of the vault at `root`.

    With the cache (read/cache/store.py), only notes that changed since the last run
    are read again. A `helper` (read/cache/helper.py) lends a second process: the
    walk then goes on there while this process restores the cache, and the
    cache is written in the background. The result is the same without one.
    `walked`: a walk of this vault with these settings just made (VaultIndex.walk),
    used instead of walking again.
    """
    root_path = Path(root).expanduser().resolve()
    index = VaultIndex(settings or load_settings(root_path))
    with no_cyclic_gc():
        if not use_cache:
            index.reconcile(helper, scanned=walked)
            return index.vault()
        walking = walked if walked is not None else index.scan_ahead(helper)
        had_cache = store.load(index)
        changed = index.reconcile(helper, scanned=walking)
        if changed or not had_cache:
            store.save_soon(index, helper)
        return index.vault()

"""vaulttools: a personal CRM over plain-text contact notes.

    >>> from vaulttools import load_vault
    >>> vault = load_vault("example-vault")          # doctest: +SKIP
    >>> vault.find("jane").name                      # doctest: +SKIP
    'Jane Doe'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vaulttools.version import __version__

__all__ = ["Contact", "Vault", "VaultError", "__version__", "load_vault"]

if TYPE_CHECKING:
    from vaulttools.errors import VaultError
    from vaulttools.model import Contact
    from vaulttools.read.load import load_vault
    from vaulttools.read.vault import Vault


def __getattr__(name: str) -> Any:
    # Lazy, so that `vaulttools --help` and cached commands start fast.
    if name == "Vault":
        from vaulttools.read.vault import Vault

        return Vault
    if name == "load_vault":
        from vaulttools.read.load import load_vault

        return load_vault
    if name == "VaultError":
        from vaulttools.errors import VaultError

        return VaultError
    if name == "Contact":
        from vaulttools.model import Contact

        return Contact
    raise AttributeError(name)

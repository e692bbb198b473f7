"""vaulttools: a personal CRM over plain-text contact notes.

    >>> from vaulttools import load_vault
    >>> vault = load_vault("example-vault")          # doctest: +SKIP
    >>> vault.find("jane").name                      # doctest: +SKIP
    'Jane Doe'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Contact", "Vault", "VaultError", "__version__", "load_vault"]

if TYPE_CHECKING:
    from .errors import VaultError
    from .model import Contact
    from .vault import Vault, load_vault


def __getattr__(name: str) -> Any:
    # Lazy, so that `vaulttools --help` and cached commands start fast.
    if name in ("Vault", "load_vault"):
        from . import vault

        return getattr(vault, name)
    if name == "VaultError":
        from .errors import VaultError

        return VaultError
    if name == "Contact":
        from .model import Contact

        return Contact
    raise AttributeError(name)

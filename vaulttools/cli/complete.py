"""Shell completion of contact names and groups (click's completion protocol).

`eval "$(_VAULTTOOLS_COMPLETE=bash_source vaulttools)"` (zsh_source, fish_source)
installs it; docs/commands.md says how. A completion never fails loudly: a
vault that cannot be found or read completes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem

from vaulttools.cli.base import State
from vaulttools.errors import VaultError
from vaulttools.names import fold

if TYPE_CHECKING:
    from vaulttools.read.vault import Vault


def _vault(ctx: click.Context) -> Vault | None:
    from vaulttools.config import find_vault
    from vaulttools.read.load import load_vault

    state = ctx.find_object(State)  # --vault's callback runs while completing, too
    explicit = state.vault_path if state is not None else None
    try:
        root = find_vault(explicit, os.environ.get("VAULTTOOLS_VAULT"), Path.cwd())
        return load_vault(root)
    except (VaultError, OSError):
        return None


def _matching(names: set[str], incomplete: str) -> list[CompletionItem]:
    wanted = fold(incomplete)
    return [CompletionItem(name) for name in sorted(names, key=str.casefold)
            if fold(name).startswith(wanted)]


def contact_names(ctx: click.Context, _param: click.Parameter,
                  incomplete: str) -> list[CompletionItem]:
    """Contact names (and aliases) that start like `incomplete`, ignoring case and accents."""
    vault = _vault(ctx)
    if vault is None:
        return []
    return _matching({n for c in vault.contacts for n in (c.name, *c.aliases)}, incomplete)


def group_names(ctx: click.Context, _param: click.Parameter,
                incomplete: str) -> list[CompletionItem]:
    """Groups that contacts have or the settings name, that start like `incomplete`."""
    vault = _vault(ctx)
    if vault is None:
        return []
    return _matching({g for c in vault.contacts for g in c.groups} | set(vault.settings.groups),
                     incomplete)

"""The `vaulttools` command line: options -> one library call -> output.

Only this package imports click or prints. Commands live in modules by what
they do (reading, editing, generating); each is a thin wrapper over one
library call.
"""

from __future__ import annotations

from . import edit, generate, insight, read, transfer  # noqa: F401  (registers the commands on `main`)
from .base import main

__all__ = ["main"]

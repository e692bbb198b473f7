"""A second process the command line may lend the loader, and what it must offer.

Reading a large vault is CPU-bound Python. On two cores, a helper process can
walk the folders while this one restores the cache, read half of a cold
load, or write the cache while the command goes on. The library never starts
processes itself: `load_vault(..., helper=...)` takes one from the caller
(cli/runtime.py forks), and without one does everything in turn, in process,
with the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Pending(Protocol):
    """Work started by a helper."""

    def result(self) -> Any | None:
        """The work's result (marshal-able data), or None when it could not be done:
        the caller then does the work itself."""


class Helper(Protocol):
    def available(self) -> bool:
        """Whether work can be handed over now (e.g. no other thread running)."""

    def start(self, work: Callable[[], Any]) -> Pending | None:
        """Start `work` elsewhere; None when it could not be started."""

    def in_background(self, work: Callable[[], object]) -> bool:
        """Run `work` without waiting for it (the caller's process waits before it
        exits); False when it could not be started, and the caller runs it."""

"""Per-contact results kept between calls: how the watcher re-renders only what changed.

Keyed by the Contact object (its id, checked by identity): the watcher keeps
the Contact objects of unchanged notes between renders, so what was computed
for them is still right while the other inputs (the key) are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from vaulttools.model import Contact


class Memo(dict[int, tuple[Contact, tuple[Any, ...], Any]]):
    """Per-contact results kept between calls (by the watcher), by contact object.

    `mentions` is the mentions mapping schedule() last ran with: handed that
    very object again, it takes each contact's mentions to be unchanged.
    """

    mentions: object = None


def memoised(memo: Memo | None, contact: Contact, key: tuple[Any, ...],
             compute: Callable[..., Any], *args: Any) -> Any:
    """`compute(*args)`, or its earlier result for this very contact object and key.

    The watcher keeps Contact objects of unchanged notes between renders, so a
    memo turns a render's work into work for the changed notes only.
    """
    if memo is None:
        return compute(*args)
    value = recalled(memo, contact, key)
    if value is None:
        value = compute(*args)
        memo[id(contact)] = (contact, key, value)
    return value


def recalled(memo: Memo | None, contact: Contact, key: tuple[Any, ...]) -> Any | None:
    """What was memoised for this very contact object and key; None if nothing was."""
    hit = memo.get(id(contact)) if memo is not None else None
    if hit is not None and hit[0] is contact and hit[1] == key:
        return hit[2]
    return None


def prune(memo: Memo | None, contacts: Sequence[Contact]) -> None:
    """Forget contacts that are gone (their ids may be reused)."""
    if memo is not None and len(memo) > len(contacts):
        alive = {id(c) for c in contacts}
        for key in [k for k in memo if k not in alive]:
            del memo[key]


def kept_for(memo: Memo | None, inputs: object) -> Memo | None:
    """`memo`, emptied first unless its results were kept for this very `inputs` (an
    object every contact's result may depend on, such as the daily-note mentions,
    which the loader hands over unchanged while no daily note changes)."""
    if memo is not None and memo.mentions is not inputs:
        memo.clear()
        memo.mentions = inputs
    return memo

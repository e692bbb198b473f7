"""How a contact restored from the parse cache decodes its details on first use.

model/__init__.py installs a Detail on the Contact class for every field the cache does
not restore eagerly (model.DETAIL_FIELDS); read/cache/codec.py is the decoder
it calls.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class Detail:
    """A contact field that a contact restored from the parse cache decodes on first use.

    Scheduling reads a handful of fields; the rest of a cached contact (its log
    entries, body, contact details...) stays one marshalled blob (`_lazy`, see
    cache/codec.py) until any of them is read, which decodes them all. The
    decoder may leave a field raw in `_deferred` (name -> (finish, raw): the log
    entries and the path, which cost most to build and many commands never read),
    finished when it is first read. A non-data descriptor: a contact built by
    `__init__` has every field in its `__dict__`, which takes precedence, so it
    never gets here.
    """

    def __init__(self, name: str, default: Any) -> None:
        self.name, self.default = name, default

    def __get__(self, contact: Any, owner: type | None = None) -> Any:
        if contact is None:  # on the class: what dataclasses would have left there
            return self if self.default is dataclasses.MISSING else self.default
        state = contact.__dict__
        lazy = state.get("_lazy")
        if lazy is not None:
            decode, source, span = lazy  # what the cache handed over: how, and from what
            state.update(decode(source, span))
            state["_lazy"] = None
        deferred = state.get("_deferred")
        if deferred and self.name in deferred:
            finish, raw = deferred.pop(self.name)
            state[self.name] = finish(raw)
        try:
            return state[self.name]
        except KeyError:
            raise AttributeError(self.name) from None

"""The types of the properties vaulttools reads, in Obsidian's `.obsidian/types.json`,
so Obsidian's property editor offers a date picker for `last_contact` and a list for
`email`.

Additive only: a property the file already types is never changed (a different
type is reported, with what vaulttools still reads), every other key of the file
is kept, and the write is atomic. A birthday is typed `text`: vaulttools writes
a birthday without a year as `--03-02`, which Obsidian flags in a `date`
property.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaulttools.config import Settings
from vaulttools.edit.safewrite import replace_file
from vaulttools.errors import VaultError

TYPES_FILE = Path(".obsidian") / "types.json"
# Field key (as read/keys.py names it) -> Obsidian's property type.
TYPES = {
    "last_contact": "date", "met": "date", "snooze_until": "date", "reviewed": "date",
    "birthday": "text", "tags": "tags", "aliases": "aliases", "group": "multitext",
    "email": "multitext", "phone": "multitext", "interests": "multitext",
    "company": "text", "title": "text", "location": "text", "linkedin": "text",
    "cadence": "text", "status": "text", "met_via": "text",
}
# What a value of each Obsidian type is, for the report of a type the user chose.
_SAYS = {"date": "a date", "text": "text", "multitext": "a list", "tags": "a list of tags",
         "aliases": "a list", "number": "a number", "checkbox": "true or false",
         "datetime": "a date and time"}


@dataclass
class TypesPlan:
    """What adding vaulttools' types to types.json does."""

    path: Path
    added: dict[str, str] = field(default_factory=dict)  # key -> type
    kept: list[str] = field(default_factory=list)  # a type the user set otherwise
    text: str | None = None  # the file's new text; None: nothing to write

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "added": self.added, "kept": self.kept}


def plan_types(root: Path, settings: Settings) -> TypesPlan | None:
    """The types to add to the vault's `.obsidian/types.json`; None when the vault is
    not an Obsidian vault (no `.obsidian/`)."""
    if not (root / ".obsidian").is_dir():
        return None
    path = root / TYPES_FILE
    try:
        original = path.read_text(encoding="utf-8")
        data = json.loads(original)
    except FileNotFoundError:
        original, data = "", {}
    except (OSError, ValueError) as exc:
        raise VaultError(f"cannot read it as JSON ({exc}); fix it in Obsidian first",
                         path) from None
    if not isinstance(data, dict) or not isinstance(data.get("types", {}), dict):
        raise VaultError('not the {"types": {...}} Obsidian writes; left as it is', path)
    types: dict[str, Any] = dict(data.get("types", {}))
    plan = TypesPlan(path)
    for name, kind in TYPES.items():
        for key in settings.fields.get(name, (name,)):
            if "." in key:
                continue  # a key inside a mapping: Obsidian types top-level keys only
            have = types.get(key)
            if have is None:
                types[key] = plan.added[key] = kind
            elif have != kind:
                plan.kept.append(f"{key}: Obsidian types it {have}; vaulttools reads it as "
                                 f"{_SAYS.get(kind, kind)} all the same, and leaves the type "
                                 "as it is")
    if plan.added:
        text = json.dumps({**data, "types": types}, indent=2, ensure_ascii=False)
        plan.text = text + ("\n" if original.endswith("\n") else "")
    return plan


def write_types(plan: TypesPlan, root: Path) -> None:
    """Write the planned types.json atomically (nothing when nothing is added)."""
    if plan.text is not None:
        replace_file(plan.path, plan.text.encode("utf-8"), root=root)

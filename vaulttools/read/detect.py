"""`init --detect`: which template a people folder was written from, and the mapping.

Reads the front matter of every note in the contacts folder (nothing is
written), counts the keys, maps each through read/keys.py, looks one level
into nested mappings (`contacts: {mail: ...}` -> `contacts.mail`), and names
the template the keys come from. `fields_table` is the `[fields]` table that
`init --detect` writes, with a comment per field saying what it found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaulttools.model import FIELD_BY_KEY
from vaulttools.read.keys import FAMILY, GIVEN, field_key_of, normalise
from vaulttools.read.notes import decode, front_matter
from vaulttools.read.scan import walk_notes

# Keys that tell a template apart, by their normalised form.
TEMPLATES = (
    ("obsidian-vcf-contacts", {"ngn", "nfn", "version", "fn"}),
    ("first_name / last_name", {"firstname", "lastname"}),
)


@dataclass
class Detection:
    """What a people folder holds, and the mapping vaulttools relies on to read it."""

    folder: str
    notes: int = 0
    unreadable: int = 0
    keys: Counter[str] = field(default_factory=Counter)  # every key (and nested path) seen
    mapped: dict[str, Counter[str]] = field(default_factory=dict)  # field -> its keys
    name_parts: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    meetings: list[str] = field(default_factory=list)

    @property
    def template(self) -> str:
        folded = {normalise(k) for k in self.keys}
        for name, marks in TEMPLATES:
            if len(folded & marks) >= 2:
                return name
        if any("." in key for keys in self.mapped.values() for key in keys):
            return "nested mappings (Dataview style)"
        if any(k != k.lower() for keys in self.mapped.values() for k in keys):
            return "capitalised keys (a CRM or People template)"
        return "vaulttools' own field names"

    def as_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "notes": self.notes, "template": self.template,
                "fields": {name: dict(keys) for name, keys in sorted(self.mapped.items())},
                "name_from": dict(self.name_parts), "unmapped": dict(self.unmapped),
                "meeting_notes": self.meetings}


def detect(root: Path, contacts: str) -> Detection:
    """Read the front matter of every note below `root/contacts` and map its keys."""
    found = Detection(contacts)
    folder = root / contacts
    if folder.is_dir():
        for path in sorted(walk_notes(root, folder, set(), [])):
            found.notes += 1
            raw = _front_matter(Path(path))
            if raw is None:
                found.unreadable += 1
                continue
            _count(found, raw)
    for candidate in ("Meetings", "meetings", "Meeting Notes"):
        if (root / candidate).is_dir():
            found.meetings.append(candidate)
    return found


def _front_matter(path: Path) -> dict[str, Any] | None:
    try:
        return front_matter(decode(path.read_bytes()))
    except (OSError, ValueError):  # unreadable, or not UTF-8
        return None


def _count(found: Detection, raw: dict[str, Any]) -> None:
    for key, value in raw.items():
        found.keys[key] += 1
        name = field_key_of(key)
        if name is not None:
            found.mapped.setdefault(name, Counter())[key] += 1
        elif normalise(key) in GIVEN | FAMILY:
            found.name_parts[key] += 1
        elif isinstance(value, dict):
            for sub in value:
                inner = field_key_of(str(sub))
                path = f"{key}.{sub}"
                if inner is not None:
                    found.mapped.setdefault(inner, Counter())[path] += 1
                else:
                    found.unmapped[path] += 1
        else:
            found.unmapped[key] += 1


def fields_table(found: Detection) -> str:
    """The `[fields]` table (and meeting_notes) `init --detect` appends to the config."""
    lines = [
        "",
        f"# Detected by `vaulttools init --detect` in {found.folder}/: {found.notes} notes,",
        f"# written from {found.template}. Each field is read from the keys below",
        "# (the first is written when a note has none yet); change or extend them.",
        "# Reference: docs/format.md, \"Using an existing people folder\".",
    ]
    if found.meetings:
        lines += ["# Meeting notes found: each counts as contact with everyone it links.",
                  f"meeting_notes = [{', '.join(_toml_string(m) for m in found.meetings)}]"]
    if found.name_parts:
        parts = ", ".join(sorted(found.name_parts))
        lines.append(f"# Where `name` is absent, it is made from {parts}.")
    lines.append("[fields]")
    for name in sorted(found.mapped, key=lambda n: -sum(found.mapped[n].values())):
        keys = found.mapped[name]
        if list(keys) == [name]:
            continue  # the field's own key: nothing to map
        ordered = [key for key, _ in keys.most_common()]
        counts = ", ".join(f"{key} in {count}" for key, count in keys.most_common())
        field_name = FIELD_BY_KEY[name].keys[0]
        lines.append(f"{field_name} = [{', '.join(_toml_string(k) for k in ordered)}]"
                     f"  # {counts}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

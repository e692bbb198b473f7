"""`init --detect`: which template a people folder was written from, and the mapping.

Reads the front matter of every note in the contacts folder (nothing is
written), counts the keys, maps each through read/keys.py, looks one level
into nested mappings (`contacts: {mail: ...}` -> `contacts.mail`), and names
the template the keys come from. `fields_table` is the `[fields]` table that
`init --detect` writes, with a comment per field saying what it found.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaulttools.config import DEFAULT_LOG_HEADINGS, heading_key
from vaulttools.model import FIELD_BY_KEY
from vaulttools.read.keys import FAMILY, GIVEN, field_key_of, normalise
from vaulttools.read.markdown.headings import headings
from vaulttools.read.notes import DATED_LINE, DATED_TITLE, decode, front_matter, split_note
from vaulttools.read.scan import walk_notes
from vaulttools.words import counted

# Keys people sort contacts by under another name, the likeliest first; mapped to
# `group` by detect only, not everywhere (a `type` may mean anything in a vault that
# does not sort by it), and only the first a folder uses.
GROUP_LIKE = ("relationship", "relation", "circle", "tier", "ring", "segment", "bucket",
              "persontype", "category", "type")

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
    log_headings: Counter[str] = field(default_factory=Counter)  # with dated lines under
    group_like: Counter[str] = field(default_factory=Counter)  # keys that sort like groups
    person_template: str | None = None  # the Templates plugin's template the notes follow

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
        if any(k not in FIELD_BY_KEY for keys in self.mapped.values() for k in keys):
            return "another template's field names (snake_case)"
        return "vaulttools' own field names"

    @property
    def new_log_headings(self) -> list[str]:
        """Headings the folder keeps its history under that vaulttools does not read yet."""
        return [title for title, _ in self.log_headings.most_common()
                if heading_key(title) not in DEFAULT_LOG_HEADINGS]

    def as_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "notes": self.notes, "template": self.template,
                "fields": {name: dict(keys) for name, keys in sorted(self.mapped.items())},
                "name_from": dict(self.name_parts), "unmapped": dict(self.unmapped),
                "meeting_notes": self.meetings, "log_headings": dict(self.log_headings),
                "group_from": self.group_key, "person_template": self.person_template}

    @property
    def group_key(self) -> str | None:
        """The group-like key to read as the group: the likeliest kind a folder uses."""
        if not self.group_like:
            return None
        key = min(self.group_like, key=lambda k: (GROUP_LIKE.index(normalise(k)),
                                                   -self.group_like[k]))
        # Only where more notes sort by it than by a group key of their own.
        return key if self.group_like[key] > sum(self.mapped.get("group", {}).values()) else None

    def fields(self) -> dict[str, Counter[str]]:
        """Each field and the keys it is read from, the group-like key included."""
        fields = dict(self.mapped)
        if self.group_key:
            fields["group"] = Counter({self.group_key: self.group_like[self.group_key]})
            fields["group"].update(self.mapped.get("group", Counter()))
        return fields


def detect(root: Path, contacts: str) -> Detection:
    """Read the front matter of every note below `root/contacts` and map its keys."""
    found = Detection(contacts)
    folder = root / contacts
    if folder.is_dir():
        for path in sorted(walk_notes(root, folder, set(), [])):
            found.notes += 1
            text = _text(Path(path))
            raw = front_matter(text) if text is not None else None
            if text is None or raw is None:
                found.unreadable += 1
                continue
            _count(found, raw)
            _count_history(found, text)
    for candidate in ("Meetings", "meetings", "Meeting Notes"):
        if (root / candidate).is_dir():
            found.meetings.append(candidate)
    found.person_template = _person_template(root, found)
    return found


def _person_template(root: Path, found: Detection) -> str | None:
    """The template of Obsidian's Templates plugin the people notes were made from: the
    one whose properties the notes hold most (half its keys at least, two at least)."""
    try:
        settings = json.loads((root / ".obsidian" / "templates.json").read_text("utf-8"))
        folder = root / str(settings["folder"]).strip("/")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    common = {normalise(key) for key, count in found.keys.items()
              if count * 3 >= max(found.notes, 1)}
    best, best_score = None, 0.0
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        text = _text(path)
        keys = {normalise(str(k)) for k in (front_matter(text) or {})} if text else set()
        shared = len(keys & common)
        score = shared / len(keys) if keys else 0.0
        if shared >= 2 and score >= 0.5 and score > best_score:
            best, best_score = path.relative_to(root).as_posix(), score
    return best


def _text(path: Path) -> str | None:
    try:
        return decode(path.read_bytes())
    except (OSError, ValueError):  # unreadable, or not UTF-8
        return None


def _count_history(found: Detection, text: str) -> None:
    """Count the headings right above dated lines, or over dated headings (`### 2024-06-18
    Coffee`): where the note keeps its log."""
    lines = split_note(text).lines
    found_headings = headings(lines)
    for at, heading in enumerate(found_headings):
        after = found_headings[at + 1:]
        end = after[0].line if after else len(lines)
        children = []
        for child in after:
            if child.level <= heading.level:
                break
            children.append(child)
        top = min((child.level for child in children), default=0)  # its own sub-headings
        if any(DATED_LINE.match(line) for line in lines[heading.end:end]) or any(
                DATED_TITLE.match(child.title) for child in children if child.level == top):
            found.log_headings[heading.title] += 1


def _count(found: Detection, raw: dict[str, Any]) -> None:
    for key, value in raw.items():
        found.keys[key] += 1
        name = field_key_of(key)
        if name is not None:
            found.mapped.setdefault(name, Counter())[key] += 1
        elif normalise(key) in GIVEN | FAMILY:
            found.name_parts[key] += 1
        elif normalise(key) in GROUP_LIKE and isinstance(value, (str, list)) and value and not \
                any(field_key_of(other) == "group" for other in raw):
            found.group_like[key] += 1
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
        f"# Detected by `vaulttools init --detect` in {found.folder}/: "
        f"{counted(found.notes, 'note')},",
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
    if found.new_log_headings:
        titles = ", ".join(_toml_string(t) for t in ["Log", *found.new_log_headings])
        lines += ["# Where the notes keep their history (dated lines under these headings):",
                  f"log_headings = [{titles}]"]
    if found.group_key:
        lines.append(f"# {found.group_key} sorts contacts as a group does: it is read as the "
                     "group.")
    if found.person_template:
        lines += ["# The template (Obsidian's Templates plugin) the notes were made from: "
                  "`new` uses it.", f"person_template = {_toml_string(found.person_template)}"]
    lines.append("[fields]")
    fields = found.fields()
    for name in sorted(fields, key=lambda n: -sum(fields[n].values())):
        keys = fields[name]
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

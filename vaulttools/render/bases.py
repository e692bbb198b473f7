"""`Index/People.base`: the people as an Obsidian base (the Bases core plugin, 1.9+), a
table, groups and cards over the notes' own properties, sortable and editable in place.

The base is the user's as much as vaulttools': Obsidian rewrites it when a view is
changed in the app. So it is written when absent, and rewritten (when the vault's
folders or keys change) only while its bytes are exactly what vaulttools last
wrote, remembered as a digest in the state folder; once changed in Obsidian it
is left alone, said once in Problems.md, until `index --reset-base`.

It uses only what Obsidian's Bases syntax help documents (`file.inFolder`,
`if`, `date`, `relative`, `toString`, `slice`, `isEmpty`, the table and cards
views, `groupBy`), under the keys the notes use (`[fields]`), and computes no
"due": Due.md stays the one answer to that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vaulttools.config import Settings
from vaulttools.edit.safewrite import replace_file
from vaulttools.model import Contact, Problem
from vaulttools.read.yaml.values import double_quoted
from vaulttools.userdirs import state_dir, vault_key

BASE_NAME = "People.base"
COVERS = ("photo", "avatar", "image", "cover")  # a property a card shows as its cover


def key(settings: Settings, name: str) -> str:
    """The front-matter key the vault writes field `name` under ([fields], else its own)."""
    keys = settings.fields.get(name)
    return keys[0] if keys and "." not in keys[0] else name


def _prop(settings: Settings, name: str) -> str:
    found = key(settings, name)
    return f"note.{found}" if found.isidentifier() else f'note["{found}"]'


def cover_property(contacts: Sequence[Contact]) -> str:
    """The property the notes keep a picture in (the cards' cover): the first of COVERS
    a note uses."""
    return next((name for name in COVERS if any(name in c.extra for c in contacts if c.extra)),
                COVERS[0])


def people_base(settings: Settings, cover: str) -> str:
    """The base's YAML: deterministic, a function of the settings and of the cover
    property (cover_property)."""
    folders = [folder for folder in settings.contacts if folder]
    in_folders = [f"file.inFolder({double_quoted(folder)})" for folder in folders] or ["true"]
    status, group, cadence = (_prop(settings, n) for n in ("status", "group", "cadence"))
    last, birthday = _prop(settings, "last_contact"), _prop(settings, "birthday")
    company = _prop(settings, "company")
    columns = ["file.name", group, company, _prop(settings, "title"),
               _prop(settings, "location"), _prop(settings, "tags"), "formula.last_contact",
               cadence]
    not_archived = f'{status} != "archived"'
    ago = f'if({last}, date({last}.toString()).relative(), "")'
    day = f'if({birthday}, {birthday}.toString().slice(-5), "")'  # MM-DD, with a year or not
    lines = [
        "# People, as vaulttools wrote this base: change any view in Obsidian, and it is",
        "# yours (vaulttools then leaves it; `vaulttools index --reset-base` restores it).",
        "filters:",
        "  and:",
        '    - file.ext == "md"',
        "    - or:",
        *(f"        - {_yaml(expression)}" for expression in in_folders),
        f"    - {_yaml(not_archived)}",
        "formulas:",
        f"  last_contact: {_yaml(ago)}",
        f"  birthday_day: {_yaml(day)}",
        "properties:",
        "  formula.last_contact:",
        "    displayName: Last contact",
        "  formula.birthday_day:",
        "    displayName: Day",
        "views:",
        *_view("table", "Everyone", columns),
        *_view("table", "By group", columns, group_by=group),
        *_view("table", "By company", columns, group_by=company),
        *_view("table", "Unsorted", columns, where=[f"!{group}", f"!{cadence}"]),
        *_view("table", "Birthdays", ["file.name", birthday, group, "formula.birthday_day"],
               where=[birthday], group_by="formula.birthday_day"),
        *_view("cards", "Cards", ["file.name", group, company, _prop(settings, "title")],
               image=f"note.{cover}"),
    ]
    return "\n".join(lines) + "\n"


def _yaml(expression: str) -> str:
    """A filter or formula as a YAML scalar: single-quoted, as Obsidian writes them."""
    return "'" + expression.replace("'", "''") + "'"


def _view(kind: str, name: str, columns: list[str], group_by: str | None = None,
          where: list[str] | None = None, image: str | None = None) -> list[str]:
    lines = [f"  - type: {kind}", f"    name: {name}"]
    if where:
        lines += ["    filters:", "      and:", *(f"        - {_yaml(w)}" for w in where)]
    if group_by:
        lines += ["    groupBy:", f"      property: {group_by}", "      direction: ASC"]
    lines += ["    order:", *(f"      - {column}" for column in columns)]
    if image:
        lines.append(f"    image: {image}")
    return lines


@dataclass
class BaseReport:
    written: bool = False
    left: bool = False  # changed in Obsidian: the user's now
    problems: list[Problem] = field(default_factory=list)


def write_base(root: Path, settings: Settings, cover: str = COVERS[0],
               dry_run: bool = False, reset: bool = False) -> BaseReport:
    """Write `People.base` in the index folder as the module's docstring says."""
    report = BaseReport()
    path = settings.index_dir / BASE_NAME
    relpath = f"{settings.index}/{BASE_NAME}"
    data = people_base(settings, cover).encode("utf-8")
    state_path = state_dir() / "bases" / f"{vault_key(root.resolve())}.json"
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    try:
        current: bytes | None = path.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        report.problems.append(Problem(relpath, 1, "warning", f"cannot be read: {exc}"))
        return report
    mine = state.get(BASE_NAME) if isinstance(state, dict) else None
    if current == data:
        return report
    if current is not None and not reset and _digest(current) != mine:
        report.left = True
        if state.get("told") != _digest(current):
            report.problems.append(Problem(relpath, 1, "warning", (
                "changed in Obsidian, so it is yours: vaulttools leaves it as it is "
                "(`vaulttools index --reset-base` writes vaulttools' again)")))
            if not dry_run:
                _save(state_path, {**state, "told": _digest(current)})
        return report
    report.written = True
    if not dry_run:
        replace_file(path, data, root=root)
        _save(state_path, {BASE_NAME: _digest(data)})
    return report


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _save(path: Path, state: dict[str, str]) -> None:
    replace_file(path, (json.dumps(state, sort_keys=True) + "\n").encode("utf-8"), 0o600)

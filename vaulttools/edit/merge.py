"""Two notes of one person made one (`vaulttools merge KEEP OTHER`).

- A field KEEP leaves empty takes OTHER's value; list fields (emails, phones,
  tags, aliases, groups, interests) are united; a single value the notes hold
  differently stays KEEP's and is reported. OTHER's name, when it differs,
  becomes one of KEEP's aliases; `last_contact` is the newer of the two.
- OTHER's log lines join KEEP's log, each where `log` would put it, but those
  KEEP already holds; its open tasks join KEEP's, at the end.
- OTHER moves to Obsidian's trash (`.trash/` in the vault), its bytes
  untouched; what of its body was not merged (text, lines in other forms) is
  reported, to be copied from there by hand.
- The notes that link to OTHER are listed; with `relink`, their links lead to
  KEEP.

Everything is planned, every note checked, before anything is written; the
whole merge is one undo unit.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vaulttools.config import DEFAULT_LOG_HEADINGS, heading_key
from vaulttools.edit.changes import apply, refuse_new_problems
from vaulttools.edit.draft import Draft, Edit
from vaulttools.edit.journal import record
from vaulttools.edit.safewrite import Snapshot, move_unchanged
from vaulttools.edit.typed import typed_value
from vaulttools.errors import InvalidValue, VaultError, WriteRefused
from vaulttools.model import FIELD_BY_KEY, Contact
from vaulttools.names import fold, normalise_email, phone_key
from vaulttools.read.keys import KeyMap
from vaulttools.read.markdown.comments import fence_step, mask_comments
from vaulttools.read.notes import LOG_LINE, parse_note, split_note
from vaulttools.read.vault import Vault

TRASH = ".trash"  # Obsidian's own trash folder, in the vault
_LIST_KINDS = frozenset({"list", "tags"})
_TYPED_KINDS = frozenset({"date", "yearly", "cadence"})
IN_FIELDS = "(front matter)"  # what _linking_lines says of a link in a note's fields
# `[[target]]`, `[[target#heading]]`, `[[target^block|shown]]`
_WIKILINK = re.compile(
    r"\[\[(?P<target>[^\]|#^\n]+)(?P<rest>(?:[#^][^\]|\n]*)?(?:\|[^\]\n]*)?)\]\]")


@dataclass
class MergePlan:
    """What merging OTHER into KEEP writes, and what it leaves to the user."""

    keep: Contact
    other: Contact
    other_snapshot: Snapshot
    trash: Path
    filled: list[str] = field(default_factory=list)  # fields KEEP gains
    united: list[str] = field(default_factory=list)  # list fields KEEP gains items in
    differing: list[tuple[str, Any, Any]] = field(default_factory=list)  # kept, other's
    logged: int = 0  # log lines moved in
    tasks: int = 0  # open tasks moved in
    left: list[str] = field(default_factory=list)  # OTHER's lines not merged
    links: list[tuple[str, int]] = field(default_factory=list)  # notes linking to OTHER
    relinks: list[Edit] = field(default_factory=list)
    field_links: list[str] = field(default_factory=list)  # links in fields: by hand
    edit: Edit = field(init=False)  # KEEP's note, once planned

    @property
    def trash_relpath(self) -> str:
        return self.trash.relative_to(self.edit.root).as_posix()

    def as_dict(self) -> dict[str, Any]:
        return {"keep": self.keep.relpath, "other": self.other.relpath,
                "trash": self.trash_relpath, "filled": self.filled, "united": self.united,
                "differing": [{"field": k, "kept": _shown(a), "other": _shown(b)}
                              for k, a, b in self.differing],
                "logged": self.logged, "tasks": self.tasks, "left": self.left,
                "links": [{"path": p, "count": n} for p, n in self.links],
                "relinked": [e.relpath for e in self.relinks],
                "links_in_fields": self.field_links,
                "edits": [self.edit.as_dict(), *(e.as_dict() for e in self.relinks)]}


def plan_merge(vault: Vault, keep: Contact, other: Contact, relink: bool = False,
               keymap: KeyMap | None = None,
               log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> MergePlan:
    """Plan merging `other` into `keep` (see the module's docstring); nothing written."""
    if keep.relpath == other.relpath:
        raise VaultError(f"{keep.name} and {other.name} are one note ({keep.relpath}): "
                         "name two notes")
    draft = Draft(keep.path, keep.relpath, keymap, log_titles)
    theirs = Draft(other.path, other.relpath, keymap, log_titles)
    plan = MergePlan(keep, other, theirs.snapshot, _trash_path(vault, other))
    _merge_fields(draft, theirs, keep, other, plan)
    _merge_body(draft, theirs, other, plan)
    links = _links_to(vault, other)
    links.pop(other.relpath, None)
    plan.links = [(relpath, len(lines)) for relpath, lines in links.items()]
    plan.field_links = [relpath for relpath, lines in links.items() if IN_FIELDS in lines]
    links = {relpath: [line for line in lines if line != IN_FIELDS]
             for relpath, lines in links.items()}
    links = {relpath: lines for relpath, lines in links.items() if lines}
    if relink:
        mine = links.pop(keep.relpath, None)
        if mine:
            _relink(draft, mine, other, keep)
        for relpath, lines in links.items():
            note = Draft(vault.root / relpath, relpath, keymap, log_titles)
            _relink(note, lines, other, keep)
            plan.relinks.append(note.finish())
    plan.edit = draft.finish()
    refuse_new_problems(plan.edit, [*plan.filled, *plan.united])
    return plan


def apply_merge(plan: MergePlan) -> None:
    """Write a planned merge (inside the editor's `writing()`: one undo unit). A write
    that fails midway leaves what was written in that unit, for `undo` to take back."""
    apply(plan.edit)
    for edit in plan.relinks:
        apply(edit)
    root = plan.edit.root
    move_unchanged(plan.other_snapshot, plan.trash, root)
    data = plan.other_snapshot.data
    record(plan.other.relpath, data, None)
    record(plan.trash_relpath, None, data)


# -- fields --------------------------------------------------------------------------


def _merge_fields(draft: Draft, theirs: Draft, keep: Contact, other: Contact,
                  plan: MergePlan) -> None:
    mine_all, their_all = draft.fields(), theirs.fields()
    for key, value in their_all.items():
        if key in ("name", "aliases", "last_contact") or _empty(value):
            continue
        mine = mine_all.get(key)
        spec = FIELD_BY_KEY.get(key)
        listed = (spec is not None and spec.kind in _LIST_KINDS) or isinstance(
            value, list) or isinstance(mine, list)
        if isinstance(value, dict) or isinstance(mine, dict):
            if _empty(mine) and all(not isinstance(v, (dict, list)) for v in value.values()):
                draft.set(key, {str(k): str(v) for k, v in value.items()})
                plan.filled.append(key)
            elif mine != value:
                plan.differing.append((key, mine, value))  # a nested mapping: by hand
            continue
        if _empty(mine):
            draft.set(key, _written(key, value))
            plan.filled.append(key)
        elif listed:
            ours = _as_list(mine)
            united = _union(key, ours, _as_list(value))
            if len(united) > len(ours):
                draft.set(key, united)
                plan.united.append(key)
        elif not _same(key, mine, value):
            plan.differing.append((key, mine, value))
    aliases = _as_list(mine_all.get("aliases"))
    wanted = [*_as_list(their_all.get("aliases")),
              *([other.name] if fold(other.name) != fold(keep.name) else [])]
    united = _union("aliases", aliases, [a for a in wanted if fold(a) != fold(keep.name)])
    if len(united) > len(aliases):
        draft.set("aliases", united)
        plan.united.append("aliases")
    if other.last_contact and (keep.last_contact is None
                               or other.last_contact > keep.last_contact):
        draft.set("last_contact", other.last_contact)
        plan.filled.append("last_contact")


def _written(key: str, value: Any) -> Any:
    """A value of OTHER's front matter as KEEP's is to hold it: a date as a date (the
    loader hands dates over as text), a list as text items."""
    if isinstance(value, list):
        return [str(v) for v in value]
    spec = FIELD_BY_KEY.get(key)
    if isinstance(value, str) and spec is not None and spec.kind in _TYPED_KINDS:
        try:
            return typed_value(key, value)
        except InvalidValue:
            return value  # as OTHER wrote it: `check` says what is wrong with it
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _as_list(value: Any) -> list[str]:
    if _empty(value):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _key_of(field_name: str, item: str) -> str:
    """What makes two items of a list field one: an address, a number, a word."""
    if field_name in ("email", "emails"):
        return normalise_email(item)
    if field_name in ("phone", "phones"):
        return phone_key(item) or item.strip()
    return fold(item)


def _union(field_name: str, ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    seen = {_key_of(field_name, item) for item in ours}
    united = list(ours)
    for item in theirs:
        key = _key_of(field_name, item)
        if key not in seen:
            seen.add(key)
            united.append(item)
    return united


def _same(field_name: str, ours: Any, theirs: Any) -> bool:
    if isinstance(ours, str) and isinstance(theirs, str):
        return _key_of(field_name, ours) == _key_of(field_name, theirs)
    return bool(ours == theirs)


def _shown(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# -- the body --------------------------------------------------------------------------


def _merge_body(draft: Draft, theirs: Draft, other: Contact, plan: MergePlan) -> None:
    """OTHER's log lines and open tasks into KEEP's note; what else it holds, listed."""
    parsed = parse_note(theirs.text, other.path, other.relpath,
                        log_titles=draft.log_titles).contact
    lines = theirs.note.lines
    have = {line.strip() for line in draft.note.lines}
    used: set[int] = set()
    entries = []
    for entry in parsed.interactions if parsed else []:
        text = lines[entry.line - 1].strip()
        if LOG_LINE.match(text) is None:
            continue  # another template's form (a dated heading): listed as left
        used.add(entry.line - 1)
        if text not in have:
            entries.append((text, entry.date))
            have.add(text)
    draft.insert_logs(entries[::-1])  # the oldest first: same-day lines keep their order
    plan.logged = len(entries)
    for promise in parsed.promises if parsed else []:
        text = lines[promise.line - 1].strip()
        used.add(promise.line - 1)
        if text not in have:
            draft.append_task(text)
            have.add(text)
            plan.tasks += 1
    split = split_note(theirs.text)
    title = f"# {other.name}".casefold()
    for index in range(split.body_start, len(lines)):
        text = lines[index].strip()
        if (index in used or not text or text.casefold() == title
                or _is_log_heading(text, draft.log_titles)):
            continue
        plan.left.append(text)


def _is_log_heading(text: str, titles: frozenset[str]) -> bool:
    found = re.fullmatch(r"#{1,6}\s+(.*)", text)
    return found is not None and heading_key(found.group(1)) in titles


def _trash_path(vault: Vault, other: Contact) -> Path:
    """Where OTHER goes in the vault's trash: its name, numbered if taken."""
    folder = vault.root / TRASH
    stem = other.relpath.rsplit("/", 1)[-1].removesuffix(".md")
    candidate, number = folder / f"{stem}.md", 1
    while candidate.exists():
        candidate, number = folder / f"{stem} {number}.md", number + 1
    return candidate


# -- links -----------------------------------------------------------------------------


def _targets(contact: Contact) -> set[str]:
    """What a wikilink to the contact's note may name: its path or its file name."""
    path = contact.relpath.removesuffix(".md")
    return {_folded(path), _folded(path.rsplit("/", 1)[-1])}


def _folded(target: str) -> str:
    return unicodedata.normalize("NFC", target.strip().removesuffix(".md")).casefold()


def _links_to(vault: Vault, other: Contact) -> dict[str, list[str]]:
    """The notes of the vault (outside hidden folders and the index folder) whose body
    links to OTHER, and the lines that do, outside comments and code."""
    wanted = _targets(other)
    index = vault.settings.index_dir
    found: dict[str, list[str]] = {}
    for folder, dirs, files in os.walk(vault.root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and Path(folder, d) != index)
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = Path(folder, name)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "[[" not in text:
                continue
            lines = _linking_lines(text, wanted)
            if lines:
                found[path.relative_to(vault.root).as_posix()] = lines
    return found


def _linking_lines(text: str, wanted: set[str]) -> list[str]:
    """The lines of a note that link to `wanted`: in its body (outside comments and
    code), and `FIELDS` for a link in its front matter (never rewritten)."""
    split = split_note(text)
    lines = split.lines
    found = [IN_FIELDS] if any(_links(line, wanted) for line in lines[:split.body_start]) else []
    masked = mask_comments(lines)
    fence = None
    for index in range(split.body_start, len(lines)):
        fence, in_code = fence_step(fence, masked[index])
        if not in_code and masked[index] == lines[index] and _links(lines[index], wanted):
            found.append(lines[index].rstrip("\r\n"))
    return found


def _links(line: str, wanted: set[str]) -> bool:
    return any(_folded(m.group("target")) in wanted for m in _WIKILINK.finditer(line))


def _relink(draft: Draft, lines: list[str], other: Contact, keep: Contact) -> None:
    """Each of `lines` of the note being drafted with its links to OTHER led to KEEP."""
    wanted = _targets(other)
    by_path = keep.relpath.removesuffix(".md")
    by_name = by_path.rsplit("/", 1)[-1]

    def led(match: re.Match[str]) -> str:
        target = match.group("target")
        if _folded(target) not in wanted:
            return match.group()
        new = by_path if "/" in target else by_name
        return f"[[{new}{match.group('rest')}]]"

    for line in dict.fromkeys(lines):
        new = _WIKILINK.sub(led, line)
        while new != line and draft.replace_log_line(line, new, "link"):
            pass
        if line in draft.replaced:
            continue
        raise WriteRefused(f"a line linking to {other.name} changed since it was read; "
                           "nothing written", draft.path)

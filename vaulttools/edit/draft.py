"""One note being edited: its snapshot, its text, the intended changes, and the check
that only they happened (the result is parsed again; anything else refuses the edit).

`Edit` is what a plan gives (edit/changes.py makes the plans and applies them):
the bytes before and after, what changed, and the snapshot `apply` compares with.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vaulttools.config import DEFAULT_LOG_HEADINGS
from vaulttools.edit.noteedit import EditError, NoteText, split_lines
from vaulttools.edit.safewrite import Snapshot, read_for_edit
from vaulttools.errors import WriteRefused
from vaulttools.read.fields import STANDARD_KEYS
from vaulttools.read.keys import KeyMap
from vaulttools.read.markdown.comments import fence_step, mask_comments
from vaulttools.read.notes import count_entries, decode, parse_note, split_note
from vaulttools.read.yaml.strict import FrontMatterError, load_front_matter
from vaulttools.read.yaml.values import Value

REMOVE = object()


@dataclass
class Edit:
    """A planned change to one note: its bytes before and after, and what changed."""

    path: Path
    relpath: str
    before: bytes | None  # None when the note is being created
    after: bytes
    changes: list[str] = field(default_factory=list)
    snapshot: Snapshot | None = None
    added: list[str] = field(default_factory=list)  # the log lines it writes (or rewrites)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def root(self) -> Path:
        """The vault the note belongs to."""
        return vault_root(self.path, self.relpath)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.relpath, "created": self.before is None, "changes": self.changes,
                "diff": self.diff()}

    def diff(self) -> str:
        """A unified diff, as `git diff` would show it."""
        old = (self.before or b"").decode("utf-8").splitlines(keepends=True)
        new = self.after.decode("utf-8").splitlines(keepends=True)
        source = "/dev/null" if self.before is None else f"a/{self.relpath}"
        out = []
        for line in difflib.unified_diff(old, new, source, f"b/{self.relpath}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


def vault_root(path: Path, relpath: str) -> Path:
    """The vault folder of a note at `path`, `relpath` inside it."""
    return path.parents[relpath.count("/")]


def _front(text: str, path: Path) -> dict[str, Any]:
    split = split_note(text)
    if split.unclosed:
        raise WriteRefused("the front matter opens with '---' but is never closed; "
                           "fix the note before editing it", path)
    if not split.has_front_matter:
        return {}
    try:
        raw = load_front_matter("".join(split.yaml_lines()))
    except FrontMatterError as exc:
        where = f" (line {exc.line + 1})" if exc.line else ""
        raise WriteRefused(f"front matter does not parse{where}: {exc.message}; fix it "
                           "first, vaulttools will not repair it", path) from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise WriteRefused("front matter is not a mapping of key: value; fix it first", path)
    return {str(k): v for k, v in raw.items()}


def _as_loaded(value: Value) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    return value


# A note that writes its tasks as Obsidian's Tasks plugin does: its dates and recurrence.
TASKS_PLUGIN = re.compile("[📅⏳🛫✅➕🔁]")


class Draft:
    """One note being edited: its snapshot, text, and the intended changes."""

    def __init__(self, path: Path, relpath: str, keymap: KeyMap | None = None,
                 log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS):
        self.keymap = keymap or STANDARD_KEYS
        self.log_titles = log_titles
        self.snapshot = read_for_edit(path, vault_root(path, relpath))
        self.path, self.relpath = path, relpath
        try:
            self.text = decode(self.snapshot.data)
        except ValueError as exc:
            raise WriteRefused(f"{exc}; nothing written", path) from None
        self.raw = _front(self.text, path)
        self.note = NoteText.parse(self.text)
        self.intended: dict[str, Any] = {}
        self.inserted: list[str] = []  # log lines added
        self.appended: list[str] = []  # open tasks added at the end
        self.replaced: dict[str, str] = {}  # lines rewritten: old -> new
        self.completed: list[str] = []  # open tasks ticked, as they read now
        self.changes: list[str] = []

    def key(self, name: str) -> str:
        """The key field `name` is written under in this note: the one the note already
        uses (`Birthday`, `Last Contact`), else the vault's convention, else `name`."""
        return self.keymap.key_to_write(name, self.raw)

    @functools.cached_property
    def _fields(self) -> dict[str, Any]:
        """The note's front matter as it was read, each field under its own key."""
        return self.keymap.canonical(self.raw).raw

    def fields(self) -> dict[str, Any]:
        """The note's front matter as read, each field under its own key (read/keys.py)."""
        return dict(self._fields)

    def value(self, name: str) -> Any:
        """Field `name` as the note holds it, under whichever keys (nested ones too)."""
        return self._fields.get(self.keymap.field_of(name) or name)

    def _other_keys(self, name: str) -> list[str]:
        """The keys besides the one written that also hold field `name`: a set or a
        removal clears them, so the field reads as asked. A nested mapping is never
        edited, so a field held in one is refused."""
        nested = self.keymap.nested_holding(name, self.raw)
        if nested:
            raise WriteRefused(f"{name} is also held in {nested[0]}, inside a mapping "
                               "vaulttools does not edit; change it there", self.path)
        return self.keymap.keys_holding(name, self.raw)

    def set(self, key: str, value: Value) -> None:
        others = self._other_keys(key)
        key = others[0] if others else self.key(key)
        for other in others[1:]:
            self._remove_key(other)
        old = self.raw.get(key)
        if key in self.raw and old == _as_loaded(value):
            return
        try:
            self.note.set_field(key, value)
        except EditError as exc:
            raise WriteRefused(str(exc), self.path) from None
        self.intended[key] = _as_loaded(value)
        self.changes.append(f"{key}: {_show(old) if key in self.raw else '(unset)'} -> "
                            f"{_show(_as_loaded(value))}")

    def remove(self, key: str) -> None:
        for each in self._other_keys(key):
            self._remove_key(each)

    def _remove_key(self, key: str) -> None:
        self.note.remove_field(key)
        self.intended[key] = REMOVE
        self.changes.append(f"{key}: {_show(self.raw[key])} -> (removed)")

    def insert_log(self, entry: str, day: date) -> None:
        self.insert_logs([(entry, day)])

    def insert_logs(self, entries: Sequence[tuple[str, date]]) -> None:
        """Each (entry, day) where `log` would put it, in turn."""
        try:
            placed = self.note.insert_logs(entries, self.log_titles)
        except EditError as exc:
            raise WriteRefused(str(exc), self.path) from None
        self.inserted += [self.note.lines[index] for index in placed]
        self.changes += [f"log: {entry}" for entry, _ in entries]

    def append_task(self, task: str) -> None:
        index = self.note.append_line(task)
        self.appended.append(self.note.lines[index])
        self.changes.append(f"task: {task}")

    def replace_log_line(self, old: str, new: str, what: str = "log") -> bool:
        """Rewrite the log line (or any line of the body: `what` it is) that reads exactly
        `old` (the first, outside comments and code) as `new`; False when the note has
        no such line (the user changed it)."""
        body_start = split_note(self.text).body_start
        masked = mask_comments(self.note.lines)
        fence = None
        for index in range(body_start, len(self.note.lines)):
            fence, in_code = fence_step(fence, masked[index])
            line = self.note.lines[index]
            if in_code or masked[index] != line or line.rstrip("\r\n") != old:
                continue
            self.note.lines[index] = new + line[len(line.rstrip("\r\n")):]
            self.replaced[old] = new
            self.changes.append(f"{what}: {old} -> {new}")
            return True
        return False

    def complete_task(self, text: str, day: date) -> bool:
        """Tick the first open task read as `text`, adding `✅ DAY` when the note writes
        its tasks as Obsidian's Tasks plugin does; False when no open task reads so."""
        parsed = parse_note(self.text, self.path, self.relpath, log_titles=self.log_titles)
        promises = parsed.contact.promises if parsed.contact else []
        promise = next((p for p in promises if p.text == text), None)
        if promise is None:
            return False
        line = self.note.lines[promise.line - 1]
        bare = line.rstrip("\r\n")
        box = bare.index("[ ]")
        new = bare[:box] + "[x]" + bare[box + 3:]
        if TASKS_PLUGIN.search(self.text):
            new += f" ✅ {day.isoformat()}"
        self.note.lines[promise.line - 1] = new + line[len(bare):]
        self.replaced[bare] = new
        self.completed.append(new)
        self.changes.append(f"task done: {text}")
        return True

    def finish(self) -> Edit:
        after_text = self.note.render()
        self._verify(after_text)
        return Edit(self.path, self.relpath, self.snapshot.data, after_text.encode("utf-8"),
                    self.changes, self.snapshot,
                    [*(line.rstrip("\r\n") for line in self.inserted), *self.replaced.values()])

    def _verify(self, after_text: str) -> None:
        """Re-parse the result: only the intended fields and lines may differ."""
        refuse = WriteRefused(
            "the edit would change more than intended; nothing written (please report "
            "this note's layout as a bug)", self.path)
        try:
            new_raw = _front(after_text, self.path)
        except WriteRefused:
            raise refuse from None
        for key in set(self.raw) | set(new_raw) | set(self.intended):
            want = self.intended.get(key, self.raw.get(key, REMOVE))
            have = new_raw.get(key, REMOVE)
            if want != have:
                raise refuse
        old_body = self.text[len(_head(self.text)):]
        new_body = after_text[len(_head(after_text)):]
        if not self.inserted and not self.replaced and not self.appended:
            if old_body != new_body:
                raise refuse
            return
        _check_only_inserted(old_body, new_body, [*self.inserted, *self.appended],
                             self.replaced, refuse)
        # _front and _check_only_inserted hold the rest; what the log and tasks read as
        # depends on the body alone.
        before = count_entries(self.text, self.log_titles)
        after = count_entries(after_text, self.log_titles)
        if after[1] != before[1] + len(self.appended) - len(self.completed):
            raise WriteRefused("the new task would not be read as a task (an unclosed "
                               "comment or code block runs to the end of the note?); "
                               "close it first, nothing written", self.path)
        if after[0] != before[0] + len(self.inserted):
            raise WriteRefused("the new log line would not be read as part of the log (an "
                               "unclosed comment or code block runs to the end of the "
                               "note?); close it first, nothing written", self.path)


def _check_only_inserted(old: str, new: str, entries: Sequence[str],
                         replaced: Mapping[str, str], refuse: Exception) -> None:
    """The body may only gain the entries (and a `## Log` heading and blank line), and
    have the `replaced` lines rewritten, each to its new text."""
    old_lines, new_lines = split_lines(old), split_lines(new)
    bare_old = [replaced.get(line.rstrip("\r\n"), line.rstrip("\r\n")) for line in old_lines]
    bare_new = [line.rstrip("\r\n") for line in new_lines]
    old_lines = [replaced[bare] + line[len(bare):] if bare in replaced else line
                 for line, bare in ((ln, ln.rstrip("\r\n")) for ln in old_lines)]
    allowed = {*(entry.rstrip("\r\n") for entry in entries), "## Log", ""}
    matcher = difflib.SequenceMatcher(None, bare_old, bare_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                last_gained_newline = i == len(old_lines) - 1 and not old_lines[i].endswith("\n")
                if old_lines[i] != new_lines[j] and not last_gained_newline:
                    raise refuse
        elif tag != "insert" or not set(bare_new[j1:j2]) <= allowed:
            raise refuse
    for entry in {e.rstrip("\r\n") for e in entries}:
        added = sum(1 for e in entries if e.rstrip("\r\n") == entry)
        if bare_new.count(entry) != bare_old.count(entry) + added:
            raise refuse


def _head(text: str) -> str:
    """The BOM and front matter at the start of `text` (empty when there is none)."""
    split = split_note(text)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return bom + "".join(split.lines[: split.body_start])


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return "(empty)" if value is None or value == "" else str(value)


# -- operations ----------------------------------------------------------------

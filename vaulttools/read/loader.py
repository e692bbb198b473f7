"""Loading a vault file by file, so it can be refreshed file by file.

`VaultIndex` keeps, for every contact note and daily note, what was read from
it and the file's signature (mtime, ctime, size, inode). `reconcile()` walks
the vault and re-reads only files whose signature changed; `refresh(paths)`
re-reads just the paths a file watcher reported. `vault()` assembles the
current Vault. Nothing here writes.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from vaulttools.config import Settings
from vaulttools.model import Contact, Mention, Problem
from vaulttools.read.cache.codec import decode_problems, decode_state, encode_problems, encode_state
from vaulttools.read.cache.helper import Helper, Pending
from vaulttools.read.filestate import FileState
from vaulttools.read.mentions import mentioned_targets
from vaulttools.read.scan import (
    Signature,
    conflict_copy_of,
    is_note_name,
    is_utf8_name,
    read_note,
    relative,
    walk_notes,
)

if TYPE_CHECKING:
    from vaulttools.read.keys import KeyMap
    from vaulttools.read.vault import Vault

PARALLEL_MIN = 1500  # notes; below this, a helper costs more than it saves
# The helper reads a little less than half: it also encodes what it read for the
# trip back, and both should finish together (docs/performance.md).
HELPER_SHARE = 0.45


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while loading a vault.

    Loading creates hundreds of thousands of long-lived objects and no cycles;
    the collector would traverse them all, again and again, as the heap grows
    (docs/performance.md). Its previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decode_problem(relpath: str, exc: ValueError) -> Problem:
    message, line = str(exc), 1
    if message.startswith("line "):
        head, message = message.split(": ", 1)
        line = int(head.split()[1])
    return Problem(relpath, line, "error", message)


class Walked(NamedTuple):
    """A walk of the vault made before loading it (VaultIndex.walk): load_vault takes
    it instead of walking again. The command line makes one to tell whether anything
    a remembered answer read has changed (cli/answers.py)."""

    present: dict[str, Signature | None]
    problems: list[Problem]

    def result(self) -> tuple[dict[str, Signature | None], list[Any]]:
        """As a helper's scan_ahead() answers (Pending)."""
        return self.present, encode_problems(self.problems)


class VaultIndex:
    """Per-file state of one vault; the watcher and the cache keep it between loads."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.files: dict[str, FileState] = {}  # by absolute path, as a string
        self.scan_problems: list[Problem] = []
        self.cached_walk: bytes | memoryview | None = None
        self._mentions: dict[str, list[Mention]] = {}
        self._mentions_from: list[tuple[str, FileState]] = []
        self._daily = settings.daily_note_format()
        self._root_prefix = str(settings.root).rstrip(os.sep) + os.sep
        self._index_parts = list(Path(settings.index).parts)
        self._daily_parts = list(Path(settings.daily_notes).parts) if settings.daily_notes else []
        self._contact_parts = [list(Path(folder).parts) for folder in settings.contacts]
        self._event_parts = [list(Path(folder).parts) for folder in settings.event_notes]
        self._meeting_parts = [list(Path(folder).parts)
                               for folder in settings.meeting_notes] + self._event_parts

    @property
    def root(self) -> Path:
        return self.settings.root

    @functools.cached_property
    def _keymap(self) -> KeyMap:
        """How this vault's keys map to fields; built when a note is first parsed."""
        from vaulttools.read.keys import KeyMap

        return KeyMap(self.settings.fields)

    # -- which files count -----------------------------------------------------

    def daily_date(self, path: str | Path) -> date | None:
        return self._daily.date_of(os.fspath(path))

    def _readable_parts(self, path: str | Path) -> list[str] | None:
        """The parts of `path` below the root, or None when it is outside the vault, hidden
        (`.git`, `.obsidian`...) or in the index folder: never read.

        String work, not pathlib: this runs for every file of every scan.
        """
        text = os.fspath(path)
        if not text.startswith(self._root_prefix):
            return None
        below = text[len(self._root_prefix):]
        if below.startswith(".") or (os.sep + ".") in below or not is_utf8_name(below):
            return None
        parts = below.split(os.sep)
        if parts[: len(self._index_parts)] == self._index_parts:
            return None
        return parts

    def reads_folder(self, path: str | Path) -> bool:
        """Whether notes below this folder may be read (for a watcher's folder events)."""
        return os.fspath(path) == str(self.root) or self._readable_parts(path) is not None

    def kind(self, path: str | Path) -> str | None:
        """"contact", "daily", "meeting", "maybe meeting" (a note to read to tell, with
        meeting_property set) or None (not a note vaulttools reads)."""
        parts = self._readable_parts(path)
        if parts is None:
            return None
        name = parts[-1]
        if not is_note_name(name):
            return None
        if self._daily.name_may_match(name):
            prefix = self._daily_parts
            in_folder = parts[: len(prefix)] == prefix
            return "daily" if in_folder and self._daily.date_of("/".join(parts)) else None
        for prefix in self._meeting_parts:
            if parts[: len(prefix)] == prefix:
                return "meeting"
        for prefix in self._contact_parts:
            if parts[: len(prefix)] == prefix:
                return "contact"
        # Any other note may be a meeting note by its property: reading it tells.
        settings = self.settings
        return "maybe meeting" if settings.meeting_property or settings.event_property else None

    def scan(self) -> dict[str, Signature | None]:
        """Every contact and daily note, walking the folders afresh, with its signature
        (None when it could not be stat'ed: reading it will say why).

        Classifies as kind() does, without asking it per file: the walk already
        leaves out hidden names, the index and templates folders and non-notes;
        a daily-named note in a contacts folder is a daily note when it is
        inside the daily folder, and skipped otherwise.
        """
        settings, problems = self.settings, []
        skip = {str(settings.index_dir), str(self.root / settings.templates)}
        daily = self._daily.name_may_match
        daily_folder = self.root / settings.daily_notes  # the root itself when unset
        daily_prefix = os.path.join(str(daily_folder), "")
        found: dict[str, Signature | None] = {}
        walked = set()

        def contact_or_daily(name: str, path: str) -> bool:
            return not daily(name) or path.startswith(daily_prefix)

        for folder in settings.contact_dirs:
            if not folder.is_dir():
                problems.append(Problem(relative(self.root, folder), 1, "warning",
                                        "contacts folder does not exist"))
                continue
            if not self.reads_folder(folder):
                continue  # hidden, or in the index folder: kind() refuses every note there
            walked.add(str(folder))
            found.update(walk_notes(self.root, folder, skip, problems, contact_or_daily))
        if daily_folder.is_dir() and self.reads_folder(daily_folder):
            # Contacts folders were walked above, daily-named notes in them included.
            found.update(walk_notes(self.root, daily_folder, skip | walked, problems,
                                    lambda name, _path: daily(name)))
        for folder in (self.root / f for f in (*settings.meeting_notes, *settings.event_notes)):
            if folder.is_dir() and self.reads_folder(folder) and str(folder) not in walked:
                found.update(walk_notes(self.root, folder, skip, problems))
        if settings.meeting_property or settings.event_property:
            # Every other note of the vault may be a meeting note by its property.
            found.update(walk_notes(self.root, self.root, skip | walked, problems,
                                    lambda _name, path: path not in found))
        self.scan_problems = problems
        return found

    def walk(self) -> Walked:
        """scan(), with the problems the walk met."""
        present = self.scan()
        return Walked(present, list(self.scan_problems))

    # -- loading -------------------------------------------------------------------

    def load_file(self, path: str) -> FileState | None:
        """Read one note; None when it is gone."""
        kind = self.kind(path)
        if kind is None:
            return None
        from vaulttools.read.notes import decode, parse_note  # here: a warm start parses nothing

        problems: list[Problem] = []
        note = read_note(self.root, path, self.settings.max_note_size, problems)
        state = FileState(note.signature, problems)
        if note.data is None:
            vanished = any("disappeared" in p.message for p in problems)
            return None if vanished else state
        try:
            text = decode(note.data)
        except ValueError as exc:
            problems.append(_decode_problem(note.relpath, exc))
            return state
        if kind == "daily":
            state.day = self.daily_date(path)
            state.targets = frozenset(mentioned_targets(text))
        elif kind in ("meeting", "maybe meeting"):
            from vaulttools.read.meetings import meeting_day  # here: as the parser is

            settings = self.settings
            required = () if kind == "meeting" else (settings.meeting_property,
                                                     settings.event_property)
            state.meeting, state.day, state.event = meeting_day(
                text, os.path.basename(path), required, settings.event_property)
            parts = self._readable_parts(path) or []
            state.event = state.event or any(parts[: len(p)] == p for p in self._event_parts)
            if state.meeting and state.day is None:
                problems.append(Problem(note.relpath, 1, "warning", (
                    "meeting note without a date: give it a `date` property or a "
                    "YYYY-MM-DD in its name; its links do not count until then")))
            if state.day is not None:
                state.targets = frozenset(mentioned_targets(text))
        elif copy_of := conflict_copy_of(os.path.basename(path)):
            # Not a second person: the same person's note, as another device had it.
            original = f"{note.relpath.rpartition('/')[0]}/{copy_of[0]}".lstrip("/")
            problems.append(Problem(note.relpath, 1, "error", (
                f"a conflict copy of {original} made by {copy_of[1]}; compare the two, keep "
                f"what you want in {copy_of[0]}, then delete this copy")))
        else:
            parsed = parse_note(text, Path(path), note.relpath, self._keymap,
                                self.settings.log_headings)
            problems.extend(parsed.problems)
            state.contact = parsed.contact
        return state

    def refresh(self, paths: Iterable[str | Path],
                prepared: dict[str, FileState] | None = None) -> list[str]:
        """Re-read the given paths (new, changed or gone); return those that changed."""
        changed = []
        prepared = prepared or {}
        for path in dict.fromkeys(os.fspath(p) for p in paths):
            old = self.files.get(path)
            if self.kind(path) is None:
                continue
            new = prepared.get(path)
            if new is None:
                new = self.load_file(path) if os.path.lexists(path) else None
            if new is None:
                if self.files.pop(path, None) is not None:
                    changed.append(path)
                continue
            if old is None or old.signature != new.signature or old.problems != new.problems:
                changed.append(path)
            self.files[path] = new
        return changed

    def reconcile(self, helper: Helper | None = None,
                  scanned: Pending | None = None) -> list[str]:
        """Walk the vault; re-read files whose signature changed; drop files now gone.

        With a `helper` (read/cache/helper.py), a large batch is read in two processes;
        `scanned` is a walk the helper started earlier (scan_ahead).
        """
        present = self._collect_scan(scanned)
        files = self.files
        if present == {path: state.signature for path, state in files.items()}:
            return []  # one comparison of two dicts, in C
        # Read in path order, the order vault() lists contacts in: then they lie in
        # memory in the order they are visited (docs/performance.md, "Memory order").
        stale = sorted(p for p, walked in present.items()
                       if walked is None or (state := files.get(p)) is None
                       or state.signature != walked)
        gone = [p for p in files if p not in present]
        prepared = self._read_in_two(stale, helper) if helper is not None else None
        changed = self.refresh([*stale, *gone], prepared)
        for path in stale:
            if path not in self.files:
                self.scan_problems.append(Problem(relative(self.root, path), 1, "warning",
                                                  "file disappeared during the scan"))
        return changed

    def _read_in_two(self, paths: list[str], helper: Helper) -> dict[str, FileState] | None:
        """Read about half of `paths` in the helper while this process reads the rest.

        The helper sends its results in the cache's encoding; anything going wrong
        there (no helper now, a value marshal cannot hold, a crash) just means this
        process reads that half itself.
        """
        if len(paths) < PARALLEL_MIN or not helper.available():
            return None
        cut = round(len(paths) * (1 - HELPER_SHARE))
        mine, theirs = paths[:cut], paths[cut:]
        pending = helper.start(lambda: [(p, encode_state(s)) for p in theirs
                                        if (s := self.load_file(p)) is not None])
        prepared = {}
        for path in mine:
            state = self.load_file(path)
            if state is not None:
                prepared[path] = state
        # If the helper failed, refresh() reads its half.
        for path, encoded in (pending.result() if pending else None) or []:
            prepared[path] = decode_state(encoded)
        return prepared

    def scan_ahead(self, helper: Helper | None) -> Pending | None:
        """Start scan() in the helper, for reconcile(scanned=...) to collect, so a warm
        start walks the vault while this process loads the cache; None without one."""
        if helper is None or not helper.available():
            return None

        def walk() -> tuple[dict[str, Signature | None], list[Any]]:
            return self.scan(), encode_problems(self.scan_problems)

        return helper.start(walk)

    def _collect_scan(self, scanned: Pending | None) -> dict[str, Signature | None]:
        result = scanned.result() if scanned is not None else None
        if result is None:
            return self.scan()
        present, problems = result
        self.scan_problems = decode_problems(problems)
        return present  # type: ignore[no-any-return]

    # -- assembling ------------------------------------------------------------------

    def vault(self) -> Vault:
        from vaulttools.read.vault import Vault  # here: walking a vault needs no scheduler

        problems = list(self.scan_problems)
        contacts: list[Contact] = []
        daily: list[tuple[str, FileState]] = []
        for path, state in sorted(self.files.items()):
            if state.problems:
                problems.extend(state.problems)
            if state.contact is not None:
                contacts.append(state.contact)
            if state.day is not None:
                daily.append((path, state))
        _report_name_clashes(contacts, problems)
        unique = sorted(set(problems), key=lambda p: (p.path, p.line, p.severity, p.message))
        return Vault(self.settings, contacts, unique, self._mentions_of(daily))

    def _mentions_of(self, daily: list[tuple[str, FileState]]) -> dict[str, list[Mention]]:
        """Daily-note mentions by target; the very same mapping as last time while the
        daily notes are the same, which lets schedule() skip re-checking them."""
        before = self._mentions_from
        if len(before) == len(daily) and all(
                p == q and s is t for (p, s), (q, t) in zip(before, daily, strict=True)):
            return self._mentions
        mentions: dict[str, list[Mention]] = defaultdict(list)
        for path, state in daily:
            assert state.day is not None
            relpath = relative(self.root, path)
            for target in state.targets:
                mentions[target].append(Mention(state.day, relpath, state.meeting, state.event))
        self._mentions, self._mentions_from = dict(mentions), daily
        return self._mentions


def _report_name_clashes(contacts: list[Contact], problems: list[Problem]) -> None:
    """Warn on every note that shares its name with another (ann.md beside Ann.md...)."""
    counts = Counter(contact.folded_name for contact in contacts)
    if len(counts) == len(contacts):  # most vaults: every name unique
        return
    shared = {name for name, count in counts.items() if count > 1}
    owners: dict[str, list[Contact]] = defaultdict(list)
    for contact in contacts:
        if contact.folded_name in shared:
            owners[contact.folded_name].append(contact)
    for same in owners.values():
        for contact in same:
            others = ", ".join(f"{o.relpath} ({o.name!r})" for o in same if o is not contact)
            problems.append(Problem(contact.relpath, 1, "warning",
                                    f"same name as {others}; commands that take a name "
                                    "will ask which one"))

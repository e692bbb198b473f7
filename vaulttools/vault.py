"""A loaded vault: settings, contacts, daily-note mentions and problems.

`load_vault(root)` reads every contact note once and never writes. A broken
note becomes a Problem; the rest of the vault still loads.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings, load_settings
from .errors import NoteError, UnknownContact
from .model import Contact, Mention, Problem
from .names import fold, resolve
from .notes import decode, parse_note
from .scan import read_note, relative, walk_notes

if TYPE_CHECKING:
    from .changes import Edit
from .schedule import Agenda, schedule


@dataclass
class Vault:
    settings: Settings
    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.settings.root

    def find(self, name: str) -> Contact:
        """The contact `name` identifies; UnknownContact or AmbiguousContact otherwise.

        When the name is that of a note that failed to load, the error says why.
        """
        try:
            return resolve(name, self.contacts)
        except UnknownContact:
            wanted = fold(name)
            for problem in self.errors:
                stem = problem.path.rsplit("/", 1)[-1].removesuffix(".md")
                if fold(stem) == wanted:
                    raise NoteError(f"this note cannot be read: {problem.message}; fix it "
                                    "first", self.root / problem.path, problem.line) from None
            raise

    def agenda(self, today: date, days: int | None = None) -> Agenda:
        """Every contact's standing on `today` and the due items (see schedule.py)."""
        return schedule(self.contacts, self.settings, today, self.mentions, days)

    def select(
        self, group: str | None = None, tag: str | None = None, status: str | None = None
    ) -> list[Contact]:
        """Contacts filtered by group, tag and status ("all" for every status).

        With no status, archived contacts are left out, as a user expects of a list.
        """
        chosen = []
        for contact in self.contacts:
            if group and fold(group) not in {fold(g) for g in contact.groups}:
                continue
            if tag and fold(tag.lstrip("#")) not in {fold(t) for t in contact.tags}:
                continue
            if status is None and contact.status == "archived":
                continue
            if status not in (None, "all") and contact.status != status:
                continue
            chosen.append(contact)
        return sorted(chosen, key=lambda c: (c.name.casefold(), c.relpath))

    # -- edits: each plans one Edit (see changes.py) and applies it unless dry_run --

    def log(self, name: str, today: date, text: str = "", channel: str = "note",
            day: date | None = None, flags: Sequence[str] = (), dry_run: bool = False) -> Edit:
        """Add a log line to a contact's note and move last_contact forward."""
        from .changes import plan_log

        return self._done(plan_log(self.find(name), today, text, channel, day, flags), dry_run)

    def set(self, contacts: Sequence[Contact], values: Mapping[str, str],
            dry_run: bool = False) -> list[Edit]:
        """Set fields from text (`""` removes a field) on each contact.

        Every edit is planned and checked before any is written.
        """
        from .changes import REMOVE, plan_fields, typed_value

        typed = {k: (REMOVE if v.strip() == "" else typed_value(k, v)) for k, v in values.items()}
        edits = [plan_fields(contact, typed) for contact in contacts]
        return [self._done(edit, dry_run) for edit in edits]

    def update(self, name: str, values: Mapping[str, object], dry_run: bool = False) -> Edit:
        """Set typed values (or changes.REMOVE) on one contact's front matter."""
        from .changes import plan_fields

        return self._done(plan_fields(self.find(name), values), dry_run)

    def new(self, name: str, today: date, dry_run: bool = False, **fields: object) -> Edit:
        """Create a contact note from the contact template.

        `met_via` that names a contact is written as that contact's name; someone
        not (yet) in the vault is kept as typed.
        """
        from .changes import plan_new
        from .errors import ContactLookupError

        met_via = fields.get("met_via")
        if isinstance(met_via, str) and met_via:
            with contextlib.suppress(ContactLookupError):
                fields["met_via"] = self.find(met_via).name

        return self._done(plan_new(self.settings, self.contacts, name, today, **fields), dry_run)

    @staticmethod
    def _done(edit: Edit, dry_run: bool) -> Edit:
        if not dry_run:
            from .changes import apply

            apply(edit)
        return edit

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _daily_date(name: str, settings: Settings) -> date | None:
    match = settings.daily_note_regex().fullmatch(name)
    if not match:
        return None
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def _load_mentions(settings: Settings, problems: list[Problem]) -> dict[str, list[Mention]]:
    root = settings.root
    start = root / settings.daily_notes if settings.daily_notes else root
    mentions: dict[str, list[Mention]] = defaultdict(list)
    if not start.is_dir():
        return {}
    pattern = settings.daily_note_regex()
    for path in walk_notes(root, start, {settings.index_dir}, problems):
        if not pattern.fullmatch(path.name):
            continue
        day = _daily_date(path.name, settings)
        if day is None:
            continue
        note = read_note(root, path, settings.max_note_size, problems)
        if note.data is None:
            continue
        try:
            text = decode(note.data)
        except ValueError as exc:
            problems.append(Problem(note.relpath, 1, "error", str(exc)))
            continue
        from .mentions import mentioned_targets

        for target in mentioned_targets(text):
            mentions[target].append(Mention(day, note.relpath))
    return dict(mentions)


def contact_paths(settings: Settings, problems: list[Problem]) -> list[Path]:
    """Every contact note path, in a stable order."""
    root = settings.root
    paths: list[Path] = []
    seen: set[Path] = set()
    daily = settings.daily_note_regex()
    for folder in settings.contact_dirs:
        if not folder.is_dir():
            problems.append(Problem(relative(root, folder), 1, "warning",
                                    "contacts folder does not exist"))
            continue
        skip = {settings.index_dir, root / settings.templates}
        for path in walk_notes(root, folder, skip, problems):
            if path not in seen and not daily.fullmatch(path.name):
                seen.add(path)
                paths.append(path)
    return paths


def load_contact(settings: Settings, path: Path, problems: list[Problem]) -> Contact | None:
    """Read and parse one note; problems are appended, never raised."""
    note = read_note(settings.root, path, settings.max_note_size, problems)
    if note.data is None:
        return None
    try:
        text = decode(note.data)
    except ValueError as exc:
        message = str(exc)
        line = 1
        if message.startswith("line "):
            head, message = message.split(": ", 1)
            line = int(head.split()[1])
        problems.append(Problem(note.relpath, line, "error", message))
        return None
    parsed = parse_note(text, path, note.relpath)
    problems.extend(parsed.problems)
    return parsed.contact


def _report_name_clashes(contacts: list[Contact], problems: list[Problem]) -> None:
    owners: dict[str, Contact] = {}
    for contact in contacts:
        key = fold(contact.name)
        first = owners.setdefault(key, contact)
        if first is not contact:
            problems.append(Problem(contact.relpath, 1, "warning",
                                    f"same name as {first.relpath} ({first.name!r}); "
                                    "commands that take a name will ask which one"))


def load_vault(root: str | Path, settings: Settings | None = None) -> Vault:
    """Load every contact and daily-note mention of the vault at `root`."""
    root_path = Path(root).expanduser().resolve()
    settings = settings or load_settings(root_path)
    problems: list[Problem] = []
    contacts = []
    for path in contact_paths(settings, problems):
        contact = load_contact(settings, path, problems)
        if contact is not None:
            contacts.append(contact)
    _report_name_clashes(contacts, problems)
    mentions = _load_mentions(settings, problems)
    unique = sorted(set(problems), key=lambda p: (p.path, p.line, p.severity, p.message))
    return Vault(settings, contacts, unique, mentions)

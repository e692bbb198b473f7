"""A loaded vault: settings, contacts, daily-note mentions and problems,
with name lookup and the library API for edits.

`load_vault(root)` reads every contact note once and never writes (see
loader.py). A broken note becomes a Problem; the rest of the vault still loads.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings, load_settings
from .errors import NoteError, UnknownContact, UnknownFilter
from .locks import DEFAULT_TIMEOUT, write_lock
from .memo import Memo
from .model import Contact, Mention, Problem
from .names import fold, resolve
from .schedule import Agenda, Standing, mentions_for, schedule
from .schedule import standing as standing_on

if TYPE_CHECKING:
    from .changes import Edit


@dataclass
class Vault:
    """Everything read from one vault: the library's entry point (see load_vault)."""

    settings: Settings
    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    lock_timeout: float = DEFAULT_TIMEOUT  # seconds an edit waits for another writer

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

    def agenda(self, today: date, days: int | None = None, memo: Memo | None = None) -> Agenda:
        """Every contact's standing on `today` and the due items (see schedule.py)."""
        return schedule(self.contacts, self.settings, today, self.mentions, days, memo)

    def standing(self, contact: Contact, today: date) -> Standing:
        """Where one contact stands on `today`, without scheduling everyone else."""
        return standing_on(contact, self.settings, today, mentions_for(contact, self.mentions))

    def select(
        self, group: str | None = None, tag: str | None = None, status: str | None = None
    ) -> list[Contact]:
        """Contacts filtered by group, tag and status ("all" for every status).

        With no status, archived contacts are left out, as a user expects of a list.
        A group or tag that no contact has (nor the settings name) is an
        UnknownFilter naming the nearest ones, not an empty list.
        """
        if group:
            self._known("group", group, [g for c in self.contacts for g in c.groups],
                        self.settings.groups)
        if tag:
            self._known("tag", tag.lstrip("#"), [t for c in self.contacts for t in c.tags])
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
        return sorted(chosen, key=lambda c: c.sort_key)

    @staticmethod
    def _known(what: str, wanted: str, *known: Iterable[str]) -> None:
        names = {fold(name): name for names in known for name in names}
        if fold(wanted) in names:
            return
        close = difflib.get_close_matches(fold(wanted), list(names), n=3, cutoff=0.6)
        hint = (f"; did you mean {' or '.join(repr(names[c]) for c in close)}?" if close
                else f"; the {what}s are: {', '.join(sorted(set(names.values()))[:20])}"
                if names else f"; no contact has a {what} yet")
        raise UnknownFilter(f"no contact has the {what} {wanted!r}{hint}")

    # -- edits: each plans one Edit (see changes.py) and applies it unless dry_run --

    @contextlib.contextmanager
    def writing(self, dry_run: bool = False) -> Iterator[None]:
        """Hold the vault's write lock (locks.py) around reading, planning and writing.

        Every edit below takes it; so must a caller that plans and applies edits
        itself (an import). A dry run writes nothing and does not wait.
        """
        if dry_run:
            yield
            return
        with write_lock(self.root, self.lock_timeout):
            yield

    def log(self, name: str, today: date, text: str = "", channel: str = "note",
            day: date | None = None, flags: Sequence[str] = (), dry_run: bool = False) -> Edit:
        """Add a log line to a contact's note and move last_contact forward."""
        from .changes import plan_log

        contact = self.find(name)
        with self.writing(dry_run):
            return self._done(plan_log(contact, today, text, channel, day, flags), dry_run)

    def set(self, contacts: Sequence[Contact], values: Mapping[str, str],
            dry_run: bool = False) -> list[Edit]:
        """Set fields from text (`""` removes a field) on each contact.

        Every edit is planned and checked before any is written.
        """
        from .changes import REMOVE, plan_fields, refuse_new_problems, typed_value

        typed = {k: (REMOVE if v.strip() == "" else typed_value(k, v)) for k, v in values.items()}
        with self.writing(dry_run):
            edits = [plan_fields(contact, typed) for contact in contacts]
            for edit in edits:
                refuse_new_problems(edit, list(typed))
            return [self._done(edit, dry_run) for edit in edits]

    def update(self, name: str, values: Mapping[str, object], dry_run: bool = False) -> Edit:
        """Set typed values (or changes.REMOVE) on one contact's front matter."""
        from .changes import plan_fields

        contact = self.find(name)
        with self.writing(dry_run):
            return self._done(plan_fields(contact, values), dry_run)

    def new(self, name: str, today: date, dry_run: bool = False, **fields: object) -> Edit:
        """Create a contact note from the contact template.

        `met_via` that names a contact is written as that contact's name; someone
        not (yet) in the vault is kept as typed.
        """
        from .errors import ContactLookupError
        from .newnote import plan_new

        met_via = fields.get("met_via")
        if isinstance(met_via, str) and met_via:
            with contextlib.suppress(ContactLookupError):
                fields["met_via"] = self.find(met_via).name

        with self.writing(dry_run):
            return self._done(plan_new(self.settings, self.contacts, name, today, **fields),
                              dry_run)

    @staticmethod
    def _done(edit: Edit, dry_run: bool) -> Edit:
        if not dry_run:
            from .changes import apply

            apply(edit)
        return edit

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def load_vault(
    root: str | Path, settings: Settings | None = None, use_cache: bool = True
) -> Vault:
    """Load every contact and daily-note mention of the vault at `root`.

    With the cache (cache.py), only notes that changed since the last run are
    read again.
    """
    from .loader import VaultIndex, no_cyclic_gc

    root_path = Path(root).expanduser().resolve()
    index = VaultIndex(settings or load_settings(root_path))
    with no_cyclic_gc():
        if not use_cache:
            index.reconcile(parallel=True)
            return index.vault()
        from . import cache

        cached = cache.open_cache(index)
        # The walk goes on in a child while this process loads the cache.
        walking = index.scan_ahead(unless=cached.walk if cached else None)
        had_cache = cache.restore(index, cached)
        changed = index.reconcile(parallel=True, scanned=walking)
        # The child sent its walk back, so the cache keeps another walk, or none (a
        # watcher saved it): save this one, which the next runs will find.
        kept_another_walk = walking is not None and index.walked is not None
        if changed or not had_cache or kept_another_walk:
            cache.save_soon(index)
        return index.vault()

"""The library's editing API: change a loaded vault's notes, one locked edit at a time.

    editor = Editor(load_vault("~/Notes"))
    editor.log("jane", today, "Coffee", "coffee", flags=["gave"])

Each method plans an Edit (changes.py), checks it, and writes it unless
`dry_run`, holding the vault's write lock (locks.py) from reading the note to
replacing it. `new` renders a template, so it lives with the templates
(render/newnote.py, `new_contact`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from vaulttools.edit.changes import (
    apply,
    plan_amend,
    plan_fields,
    plan_log,
    plan_task,
    refuse_new_problems,
)
from vaulttools.edit.draft import REMOVE, Edit
from vaulttools.edit.journal import Unit, last_logged, recording, undo
from vaulttools.edit.lines import check_channel, log_entry, task_line
from vaulttools.edit.locks import DEFAULT_TIMEOUT, write_lock
from vaulttools.edit.merge import MergePlan, apply_merge, plan_merge
from vaulttools.edit.typed import reminder_day, typed_value
from vaulttools.errors import VaultError
from vaulttools.identity import path_uid
from vaulttools.model import FLAGS, Contact
from vaulttools.read.keys import KeyMap
from vaulttools.read.notes import LOG_LINE
from vaulttools.read.vault import Vault


class Editor:
    """Edits of one loaded vault; `lock_timeout` is how long an edit waits for another."""

    def __init__(self, vault: Vault, lock_timeout: float = DEFAULT_TIMEOUT) -> None:
        self.vault, self.lock_timeout = vault, lock_timeout
        # Which key each field is written under: the note's own, or the vault's.
        self.keymap = KeyMap(vault.settings.fields)
        self.log_titles = vault.settings.log_headings
        self.action = "edit"  # what undo calls a change: the command (the CLI sets it)

    @contextlib.contextmanager
    def writing(self, dry_run: bool = False, what: str = "") -> Iterator[None]:
        """Hold the vault's write lock around reading, planning and writing, and record
        what is written as one undo unit (named `what`: the command).

        Every edit below takes it; so must a caller that plans and applies edits
        itself (an import). A dry run writes nothing and does not wait.
        """
        if dry_run:
            yield
            return
        with write_lock(self.vault.root, self.lock_timeout), \
                recording(self.vault.root, what or self.action):
            yield

    def log(self, name: str, today: date, text: str = "", channel: str = "note",
            day: date | None = None, flags: Sequence[str] = (), dry_run: bool = False,
            force: bool = False) -> Edit:
        """Add a log line to a contact's note and move last_contact forward.

        A channel the vault does not know but close to one it does (`emial`) is
        an UnknownChannel, unless `force`."""
        return self.log_each([self.vault.find(name)], today, text, channel, day, flags,
                             dry_run, force)[0]

    def log_each(self, contacts: Sequence[Contact], today: date, text: str = "",
                 channel: str = "note", day: date | None = None, flags: Sequence[str] = (),
                 dry_run: bool = False, force: bool = False) -> list[Edit]:
        """The same log line in each contact's note (one dinner with three people):
        every edit is planned, so every note checked, before any is written."""
        if not force:
            check_channel(channel, self.vault.known_channels())
        with self.writing(dry_run):
            edits = [plan_log(contact, today, text, channel, day, flags, self.keymap,
                              self.log_titles) for contact in contacts]
            return [done(edit, dry_run) for edit in edits]

    def amend(self, name: str, today: date, text: str | None = None,
              channel: str | None = None, day: date | None = None,
              flags: Sequence[str] | None = None, dry_run: bool = False,
              force: bool = False) -> Edit:
        """Replace the last log line vaulttools wrote for this contact: what is given
        replaces its part (text, channel, day, flags), the rest stays."""
        contact = self.vault.find(name)
        old = last_logged(self.vault.root, contact.relpath)
        match = LOG_LINE.match(old) if old else None
        if old is None or match is None:
            raise VaultError(f"vaulttools remembers no line it logged for {contact.name}; "
                             "edit the note itself")
        words = match.group("text") or ""
        kept = [f for f in FLAGS if re.search(rf"(?i)#{f}\b", words)]
        words = re.sub(rf"(?i)\s*#({'|'.join(FLAGS)})\b", "", words).strip()
        chosen = channel or match.group("channel") or "note"
        if channel and not force:
            check_channel(channel, self.vault.known_channels())
        new = log_entry(today, words if text is None else text, chosen,
                        day or date.fromisoformat(match.group("date")),
                        kept if flags is None else flags)
        with self.writing(dry_run):
            return done(plan_amend(contact, old, new, self.keymap, self.log_titles), dry_run)

    def replied(self, name: str, today: date, text: str = "", day: date | None = None,
                channel: str | None = None, dry_run: bool = False) -> Edit:
        """Record their answer: an `#inbound` line, on the channel of the newest
        unanswered attempt unless `channel` says otherwise. Being answered contact, it
        ends the give-space count: the `#noreply` lines before it no longer count."""
        contact = self.vault.find(name)
        attempts = [e for e in contact.interactions if e.noreply]
        newest = max(attempts, key=lambda e: e.date) if attempts else None
        chosen = channel or (newest.channel if newest else "note")
        words = text.strip() or "replied"
        return self.log_each([contact], today, words, chosen, day, ["inbound"], dry_run,
                             force=channel is None)[0]

    def intro(self, first: str, second: str, today: date, text: str = "",
              day: date | None = None, dry_run: bool = False) -> list[Edit]:
        """Introduce two contacts: `- DATE intro: introduced to [[B]]: TEXT #gave` in A's
        note and the mirror line in B's, planned both before either is written."""
        found = self.vault.find_all([first, second])
        if len(found) < 2:
            raise VaultError(f"{first!r} and {second!r} are one person: introduce two")
        a, b = found
        words = text.strip()
        with self.writing(dry_run):
            edits = [plan_log(one, today, f"introduced to [[{other.stem}]]"
                              + (f": {words}" if words else ""), "intro", day, ["gave"],
                              self.keymap, self.log_titles)
                     for one, other in ((a, b), (b, a))]
            return [done(edit, dry_run) for edit in edits]

    def remind(self, name: str, today: date, when: str, text: str,
               dry_run: bool = False) -> Edit:
        """Write an open task dated WHEN (a date, a span such as 3w, or a month) into the
        contact's note, as Obsidian's Tasks plugin reads it: `due` lists it from that
        day on as a reminder."""
        contact = self.vault.find(name)
        line = task_line(text, reminder_day(when, today))
        with self.writing(dry_run):
            return done(plan_task(contact, line, self.keymap, self.log_titles), dry_run)

    def set(self, contacts: Sequence[Contact], values: Mapping[str, str],
            dry_run: bool = False, today: date | None = None) -> list[Edit]:
        """Set fields from text (`""` removes a field) on each contact.

        Every edit is planned and checked before any is written; given `today`,
        a date of what has happened (`last_contact`...) may not come after it.
        """
        typed = {k: (REMOVE if v.strip() == "" else typed_value(k, v, today=today))
                 for k, v in values.items()}
        with self.writing(dry_run):
            edits = [plan_fields(contact, typed, keymap=self.keymap) for contact in contacts]
            for edit in edits:
                refuse_new_problems(edit, list(typed))
            return [done(edit, dry_run) for edit in edits]

    def merge(self, keep: str, other: str, relink: bool = False,
              dry_run: bool = False) -> MergePlan:
        """Merge the note of `other` into that of `keep` (edit/merge.py): one undo unit."""
        found = self.vault.find_all([keep, other])
        if len(found) < 2:
            raise VaultError(f"{keep!r} and {other!r} are one note ({found[0].relpath}): "
                             "name two notes")
        with self.writing(dry_run):
            plan = plan_merge(self.vault, found[0], found[1], relink, self.keymap,
                              self.log_titles)
            if not dry_run:
                apply_merge(plan)
            return plan

    def undo(self, dry_run: bool = False) -> Unit:
        """Take back the newest change vaulttools made in this vault (journal.undo)."""
        if dry_run:
            return undo(self.vault.root, dry_run=True)
        with write_lock(self.vault.root, self.lock_timeout):
            return undo(self.vault.root)

    def add_uids(self, dry_run: bool = False) -> list[Edit]:
        """Write a `uid` into every note without one: the id its exports already
        carry (derived from its path), so phones and calendars see the same contact."""
        with self.writing(dry_run):
            edits = [plan_fields(contact, {"uid": path_uid(contact)}, keymap=self.keymap)
                     for contact in self.vault.contacts if not contact.uid]
            return [done(edit, dry_run) for edit in edits]

    def update(self, contacts: Sequence[Contact], values: Mapping[str, object],
               dry_run: bool = False) -> list[Edit]:
        """Set typed values (or changes.REMOVE) on each contact's front matter; every
        edit is planned before any is written."""
        with self.writing(dry_run):
            edits = [plan_fields(contact, values, keymap=self.keymap) for contact in contacts]
            return [done(edit, dry_run) for edit in edits]


def done(edit: Edit, dry_run: bool) -> Edit:
    """Write `edit` unless this is a dry run; the edit either way."""
    if not dry_run:
        apply(edit)
    return edit

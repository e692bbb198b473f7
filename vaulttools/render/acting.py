"""Acting on the items ticked in Due.md (ticks.py), before `index` and `watch` render:

- a promise or a reminder ticks its task in the contact's note, with `✅ DATE`
  where the note writes its tasks as Obsidian's Tasks plugin does;
- any other item logs an interaction on the day it was ticked (the Tasks
  plugin's `✅ DATE`, else today): what the user wrote after the item gives its
  channel and text, else a neutral line (`checkin: done (from Due)`).

A tick is acted on once. It is left alone, as done already, when the person has
no such item today any more, or when their log holds a line dated on or after
the day the list was made: acting on it wrote one. So the same Due.md synced
back from another device, or brought back by a merge, logs nothing twice. A
tick that cannot be acted on (no note at its link, a note that refuses the
edit) stays ticked in a section of its own, is named in Problems.md, and is
tried again at the next render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from vaulttools.edit.api import Editor, done
from vaulttools.edit.changes import plan_complete_task, plan_log
from vaulttools.edit.draft import Edit
from vaulttools.edit.lines import check_channel
from vaulttools.errors import VaultError
from vaulttools.model import Contact, Problem
from vaulttools.read.vault import Vault
from vaulttools.render.ticks import LOGGED, TASKS, Tick, due_note_text, read_ticks, task_key
from vaulttools.schedule.agenda import schedule
from vaulttools.schedule.occasions import occasion


@dataclass
class TickReport:
    """What a pass over Due.md's ticks did."""

    edits: list[Edit] = field(default_factory=list)
    applied: list[Tick] = field(default_factory=list)
    done_already: list[Tick] = field(default_factory=list)
    unapplied: list[tuple[Tick, str]] = field(default_factory=list)  # and why

    def carried(self) -> list[str]:
        """The lines of the ticks left unapplied, as Due.md keeps them ticked."""
        return [tick.text.strip() for tick, _ in self.unapplied]

    def problems(self, relpath: str, due_note: str) -> list[Problem]:
        """Each tick left unapplied, as Problems.md lists it: at its line in `due_note`
        (Due.md as rendered, `relpath`)."""
        lines = [line.strip() for line in due_note.splitlines()]
        return [Problem(relpath, lines.index(text) + 1 if text in lines else 1, "warning",
                        f"ticked, not applied: {why}")
                for text, (_, why) in zip(self.carried(), self.unapplied, strict=True)]

    def as_dict(self) -> dict[str, object]:
        return {"applied": [t.text for t in self.applied],
                "done_already": [t.text for t in self.done_already],
                "unapplied": [{"line": t.text, "reason": why} for t, why in self.unapplied]}


def apply_ticks(editor: Editor, today: date, dry_run: bool = False) -> TickReport:
    """Act on every item ticked in the vault's Due.md (see the module's docstring):
    one undo unit; nothing written in a dry run."""
    report = TickReport()
    made, ticks = read_ticks(due_note_text(editor.vault))
    if not ticks:
        return report
    vault = editor.vault
    by_path = {contact.relpath: contact for contact in vault.contacts}
    logged: set[str] = set()  # one line a person a pass: it answers every item of theirs
    with editor.writing(dry_run, what="tick (Due.md)"):
        # A tick the user wrote about goes first: its line answers the person's others.
        for tick in sorted(ticks, key=lambda t: not t.words):
            contact = by_path.get(tick.relpath)
            if contact is None:
                report.unapplied.append((tick, _missing(vault, tick.relpath)))
                continue
            day = min(tick.ticked_on or today, today)
            try:
                edit = _act(editor, contact, tick, day, today, made, logged)
                if edit is not None:
                    done(edit, dry_run)  # refused when the note changed since it was read
            except VaultError as exc:
                report.unapplied.append((tick, exc.reason))
                continue
            if edit is None:
                report.done_already.append(tick)
                continue
            report.edits.append(edit)
            report.applied.append(tick)
    return report


def _missing(vault: Vault, relpath: str) -> str:
    """Why a tick's note is not among the contacts: it does not read, or is gone."""
    problem = next((p for p in vault.errors if p.path == relpath), None)
    if problem is not None:
        return (f"{relpath} cannot be read ({problem.message}); once it is fixed, the tick "
                "is acted on")
    return f"no contact note at {relpath} (renamed or removed?); tick its new line instead"


def _act(editor: Editor, contact: Contact, tick: Tick, day: date, today: date,
         made: date | None, logged: set[str]) -> Edit | None:
    """The edit a tick makes; None when it is done already."""
    vault = editor.vault
    if tick.status in TASKS:
        task = next((p.text for p in contact.promises if task_key(p.text) == tick.key), None)
        if task is None:
            return None  # ticked, changed or removed in the note since
        return plan_complete_task(contact, task, day, editor.keymap, editor.log_titles)
    since = made or today
    if contact.relpath in logged or any(e.date >= since for e in contact.interactions):
        return None
    kind = LOGGED[tick.status][0]
    items = [item for item in schedule([contact], vault.settings, today, vault.mentions).items
             if LOGGED.get(item.status, ("",))[0] == kind]
    if not items:
        return None  # no longer on the list: snoozed, paused, wished already...
    channel, text = tick.what()
    if kind == "birthday":
        # The line names the occasion. Before the day the item stays on the list (only
        # contact on the day or the day before takes it off, docs/due.md): ticked
        # again meanwhile, a wish already logged since it showed is enough.
        label = occasion(items[0])
        assert items[0].on is not None
        shown_from = items[0].on - timedelta(days=vault.settings.upcoming_days)
        if any(entry.date >= shown_from and label.casefold() in entry.text.casefold()
               for entry in contact.interactions):
            return None
        if not tick.words:
            text = f"{label} wishes (from Due)"
        elif label.casefold() not in text.casefold():
            text = f"{text} ({label})"
    check_channel(channel, vault.known_channels(), "write it again after the item")
    logged.add(contact.relpath)
    return plan_log(contact, today, text, channel, day, (), editor.keymap, editor.log_titles)

"""The one editing core: plan an edit of a note, check it, then write it.

Every command that changes a note (log, new, snooze, set, archive, review
--done...) goes through `plan_*` -> `Edit` -> `apply`. Planning reads the
file fresh from disk, refuses notes whose front matter does not parse, makes
the byte-minimal change (noteedit.py) and re-parses the result: if anything
but the intended fields and lines changed, nothing is written. `apply` writes
atomically and refuses if the file changed since it was planned.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from vaulttools.config import DEFAULT_LOG_HEADINGS
from vaulttools.edit.draft import REMOVE, Draft, Edit
from vaulttools.edit.journal import record
from vaulttools.edit.lines import log_entry
from vaulttools.edit.safewrite import create_new, write_back
from vaulttools.edit.typed import ListChange
from vaulttools.errors import InvalidValue, WriteRefused
from vaulttools.model import Contact
from vaulttools.read.fields import parse_date
from vaulttools.read.keys import KeyMap
from vaulttools.read.notes import LOG_LINE, decode, parse_note
from vaulttools.read.yaml.values import Value


def apply(edit: Edit) -> None:
    """Write a planned edit: atomically, and only if the file is as it was planned; the
    undo journal's unit being recorded (journal.recording) notes it."""
    if not edit.changed:
        return
    if edit.snapshot is None:
        create_new(edit.path, edit.after, edit.root)
    else:
        write_back(edit.snapshot, edit.after)
    record(edit.relpath, edit.before, edit.after, edit.added)


# -- reading and checking ------------------------------------------------------


def plan_task(contact: Contact, line: str, keymap: KeyMap | None = None,
              log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> Edit:
    """Add an open task (task_line) as the note's last line."""
    draft = Draft(contact.path, contact.relpath, keymap, log_titles)
    draft.append_task(line)
    return draft.finish()


def plan_complete_task(contact: Contact, text: str, day: date, keymap: KeyMap | None = None,
                       log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> Edit:
    """Tick the open task that reads `text` (the first), where the note has it."""
    draft = Draft(contact.path, contact.relpath, keymap, log_titles)
    if not draft.complete_task(text, day):
        raise WriteRefused(f"no open task reads {text!r} any more; nothing written",
                           contact.path)
    return draft.finish()


def plan_log(
    contact: Contact,
    today: date,
    text: str = "",
    channel: str = "note",
    day: date | None = None,
    flags: Sequence[str] = (),
    keymap: KeyMap | None = None,
    log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS,
) -> Edit:
    """Insert `- DATE CHANNEL: text #flags` and move last_contact forward (not for #noreply).

    `keymap` (read/keys.py) says which key the note keeps last_contact under;
    the line goes into the first section under one of `log_titles`."""
    entry = LogLine(day or today, log_entry(today, text, channel, day, flags))
    return plan_log_lines(contact, [entry], keymap=keymap, log_titles=log_titles)[0]


@dataclass(frozen=True)
class LogLine:
    """A log line to insert (as log_entry makes it), on its day; `moves_last_contact`
    False leaves last_contact as it is even for contact (an answer still awaited)."""

    day: date
    entry: str
    moves_last_contact: bool = True


def plan_log_lines(
    contact: Contact,
    lines: Sequence[LogLine],
    rewrites: Sequence[tuple[str, str]] = (),
    keymap: KeyMap | None = None,
    log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS,
) -> tuple[Edit, list[tuple[str, str]]]:
    """One edit to a contact's note: insert `lines` where `log` would put each, rewrite
    each (old, new) log line of `rewrites` found exactly as `old`, and move
    last_contact forward to the newest line that counts as contact (not #noreply,
    not #milestone). The edit, and the rewrites made (an `old` the note no longer
    holds as written is the user's and is left alone)."""
    draft = Draft(contact.path, contact.relpath, keymap, log_titles)
    newest: date | None = None
    draft.insert_logs([(line.entry, line.day) for line in lines])
    for line in lines:
        # An unanswered attempt is not contact, and a milestone is news about them.
        present = {m.lower() for m in re.findall(r"#(\w+)", line.entry)}
        if line.moves_last_contact and not {"noreply", "milestone"} & present:
            newest = max(newest or line.day, line.day)
    done = [(old, new) for old, new in rewrites if draft.replace_log_line(old, new)]
    if newest is not None:
        current = draft.value("last_contact")
        try:
            previous = parse_date(current) if current not in (None, "") else None
        except ValueError:
            raise WriteRefused(f"last_contact has a bad value {current!r}; fix it first",
                               contact.path) from None
        if previous is None or newest > previous:
            draft.set("last_contact", newest)
    return draft.finish(), done


def plan_amend(contact: Contact, old: str, new: str, keymap: KeyMap | None = None,
               log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS) -> Edit:
    """Rewrite the log line `old` as `new`, and keep last_contact as the log reads: where
    it was the old line's day, it becomes the newest contact the log holds now."""
    draft = Draft(contact.path, contact.relpath, keymap, log_titles)
    if not draft.replace_log_line(old, new):
        raise WriteRefused(f"the last line vaulttools logged here ({old!r}) was changed or "
                           "removed since; amend it in the note", contact.path)
    current = draft.value("last_contact")
    match = LOG_LINE.match(old)
    if match and str(current) == match.group("date"):
        after = parse_note(draft.note.render(), contact.path, contact.relpath,
                           log_titles=log_titles).contact
        answered = [e.date for e in (after.interactions if after else ())
                    if not {"noreply", "milestone"} & e.flags]
        if answered and max(answered).isoformat() != match.group("date"):
            draft.set("last_contact", max(answered))
    return draft.finish()


def refuse_new_problems(edit: Edit, keys: Sequence[str]) -> None:
    """Refuse an edit after which `check` would report a problem with a field it set."""
    if not edit.changed:
        return
    before = decode(edit.before) if edit.before is not None else ""
    after = decode(edit.after)
    old = {(p.severity, p.message) for p in parse_note(before, edit.path, edit.relpath).problems}
    for problem in parse_note(after, edit.path, edit.relpath).problems:
        if (problem.severity, problem.message) not in old and any(
                problem.message.startswith(f"{key}:") for key in keys):
            raise InvalidValue(f"not written: {problem.message}", edit.path, problem.line)


def plan_fields(
    contact: Contact, values: Mapping[str, Value | object], only_empty: bool = False,
    overwrite: Collection[str] = (), log: tuple[date, str] | None = None,
    keymap: KeyMap | None = None, log_titles: frozenset[str] = DEFAULT_LOG_HEADINGS,
) -> Edit:
    """Set (or with REMOVE, delete) front-matter fields of one note.

    With `only_empty`, a field that already holds a value is left alone: how
    an import fills in what the user has not written, and never overwrites;
    the keys in `overwrite` are set all the same (a new role's company and
    title, which move together). `log` is a (day, log line) to insert too.
    """
    for key in values:
        if not re.fullmatch(r"[A-Za-z_][\w-]*", key):
            raise InvalidValue(f"{key!r} is not a field name")
    draft = Draft(contact.path, contact.relpath, keymap, log_titles)
    for key, value in values.items():
        if only_empty and key not in overwrite and draft.value(key) not in (None, "", [], {}):
            continue
        if isinstance(value, ListChange):  # `tags=+vip`: this note's list, changed
            value = value.applied(draft.value(key)) or REMOVE
        if value is REMOVE:
            draft.remove(key)
        else:
            draft.set(key, value)  # type: ignore[arg-type]
    if log is not None:
        draft.insert_log(log[1], log[0])
    return draft.finish()

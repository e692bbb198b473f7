"""`capture`: read the sources, plan the lines, write them under the vault's lock,
and remember what was done (ledger.py); `capture_status` says what each source gave.

A file whose size and time are what the last run saw is not read again (a 2 GB
mbox that did not change costs a stat), unless what decides a match changed
since (a new note or address, `me`, `exclude`): then everything is read again,
and the ledger keeps what was already written from being written twice. A
calendar is read again each day: its recurring events reach the past on their
own.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from vaulttools.capture.calendar import is_calendar, read_calendars
from vaulttools.capture.ledger import Ledger, SourceState, load_ledger
from vaulttools.capture.linkedin import is_linkedin, read_linkedin
from vaulttools.capture.mail import read_mail
from vaulttools.capture.planner import (
    AddressBook,
    CapturePlan,
    address_book,
    plan_capture,
    plan_meetings,
)
from vaulttools.capture.records import Meeting, Message, SourceProblem, Visit
from vaulttools.capture.writes import plan_edits, write
from vaulttools.config import Settings
from vaulttools.edit.api import Editor
from vaulttools.edit.draft import Edit
from vaulttools.errors import ConfigError, VaultError
from vaulttools.read.cache.helper import Helper

# "add?": at most this many correspondents with no note are suggested.
UNKNOWN_SHOWN = 10


@dataclass
class CaptureReport:
    """What a capture found and did (or, in a dry run, would do)."""

    messages: int = 0  # every mail read from the sources
    events: int = 0  # every calendar event (each occurrence) before tomorrow
    chats: int = 0  # every LinkedIn message
    unchanged: int = 0  # files not read again: unchanged since the last run
    edits: list[Edit] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[SourceProblem] = field(default_factory=list)
    failures: list[VaultError] = field(default_factory=list)
    unknown: list[tuple[str, int]] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    waiting: int = 0  # outreach still waiting for an answer
    future: int = 0

    @property
    def lines(self) -> int:
        return sum(1 for edit in self.edits for change in edit.changes
                   if change.startswith("log: ") and " -> " not in change)

    def as_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages, "events": self.events, "linkedin": self.chats,
            "unchanged_files": self.unchanged, "lines": self.lines,
            "edits": [edit.as_dict() for edit in self.edits if edit.changed],
            "skipped": dict(sorted(self.skipped.items())),
            "problems": [p.format() for p in self.problems],
            "failures": [str(f) for f in self.failures],
            "unknown": [{"address": a, "messages": n} for a, n in self.unknown],
            "shared": self.shared, "waiting": self.waiting, "future": self.future,
        }


@dataclass
class _Read:
    """Everything read from the sources, and what each gave."""

    messages: list[Message] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    calendar_files: int = 0  # calendar files read
    calendars_unchanged: int = 0  # calendar files left as unchanged

    @property
    def calendars_whole(self) -> bool:
        """Every calendar was read: what they hold to come is all known."""
        return bool(self.calendar_files) and not self.calendars_unchanged
    states: dict[str, SourceState] = field(default_factory=dict)


def capture(editor: Editor, today: date, sources: Sequence[Path] = (),
            since: date | None = None, dry_run: bool = False,
            helper: Helper | None = None) -> CaptureReport:
    """Capture the mail, meetings and LinkedIn messages in `sources` (else the config's
    `[capture]` sources) into the contacts' logs; a dry run plans the same and writes
    nothing, the ledger included. A `helper` (read/cache/helper.py) may read part of a
    large mbox in a second process."""
    vault = editor.vault
    settings = vault.settings
    kinds = _kinds(settings, vault.root, sources)
    zone = user_zone(settings)
    report = CaptureReport()
    with editor.writing(dry_run):
        ledger = load_ledger(vault.root)
        book = address_book(vault.contacts)
        fingerprint = _fingerprint(settings, book)
        visit = Visit(ledger.files if ledger.book == fingerprint and since is None else {})
        read = _read(kinds, settings, zone, today, visit, report, helper)
        plan = plan_capture(read.messages, vault.contacts, settings, ledger, today, zone, since,
                            book)
        plan_meetings(read.meetings, vault.contacts, settings, ledger, today, plan, since, book)
        targets = list(plan.by_path.values())
        writing = [t for t in targets if t.lines or t.rewrites]
        planned = dict(zip(map(id, writing), plan_edits(editor, writing, helper), strict=True))
        for target in targets:
            if id(target) in planned and not write(target, planned[id(target)],
                                                   report.failures, report.edits, dry_run):
                continue
            if dry_run:
                continue
            if target.keys:
                ledger.captured.update(target.keys)
            for key, state in target.settle.items():
                if state is None or (key in ledger.waiting and state.line not in target.done):
                    ledger.waiting.pop(key, None)  # answered, or the user's line now
                else:
                    ledger.waiting[key] = state
        _count_unknown(ledger, plan)
        if read.calendars_whole:
            ledger.upcoming = {path: [day.isoformat(), title]
                               for path, (day, title) in plan.upcoming.items()}
        _settle_states(ledger, read, plan)
        changed = bool(read.messages or read.meetings or report.edits) or any(
            ledger.sources.get(path) != state for path, state in read.states.items())
        if not dry_run and (changed or ledger.book != fingerprint):
            _remember(ledger, read, visit, fingerprint, since, report)
            ledger.forget_strangers(book.found)
            ledger.save()
    report.unchanged = visit.unchanged
    report.unknown = without_note(ledger, book)
    report.shared = sorted(plan.shared)
    report.future = plan.future
    report.waiting = len(ledger.waiting) if not dry_run else sum(
        1 for t in plan.by_path.values() for s in t.settle.values() if s is not None)
    return report


def without_note(ledger: Ledger, book: AddressBook,
                 least: int = 1) -> list[tuple[str, int]]:
    """The correspondents capture met most (at least `least` times) who have no note."""
    return heapq.nlargest(UNKNOWN_SHOWN, ((a, n) for a, n in ledger.unknown.items()
                                          if a not in book.found and n >= least),
                          key=lambda item: item[1])


def suggested_people(root: Path, contacts: Sequence[Any]) -> list[tuple[str, int]]:
    """`review`'s "add?" from capture: who you wrote to or met at least twice, with no
    note (an empty list where capture never ran)."""
    return without_note(load_ledger(root), address_book(contacts), least=2)


def _kinds(settings: Settings, root: Path, sources: Sequence[Path]) -> dict[str, list[Path]]:
    """The sources by kind: those given (told apart by their content), else the config's."""
    where = settings.config_path or root
    if not settings.capture.me:
        raise ConfigError("capture needs your own addresses, to tell what you sent from "
                          'what you received: [capture] me = ["you@example.com"]', where)
    if sources:
        calendars = [path for path in sources if is_calendar(path)]
        linkedin = [path for path in sources if path not in calendars and is_linkedin(path)]
        mail = [path for path in sources if path not in calendars and path not in linkedin]
    else:
        mail, calendars = list(settings.capture.mail), list(settings.capture.calendars)
        linkedin = list(settings.capture.linkedin)
    if not mail and not calendars and not linkedin:
        raise ConfigError("nothing to capture: give a SOURCE (an mbox, a Maildir, a folder "
                          "of .eml, a .ics or a folder of them, LinkedIn's export), or list "
                          'yours in [capture] mail = ["~/Maildir"], calendars = '
                          '["~/Takeout/Calendar"], linkedin = ["~/Downloads/export.zip"]', where)
    return {"mail": mail, "calendar": calendars, "linkedin": linkedin}


def _read(kinds: dict[str, list[Path]], settings: Settings, zone: tzinfo, today: date,
          visit: Visit, report: CaptureReport, helper: Helper | None = None) -> _Read:
    """Read each source on its own, to say what each gave (capture --status)."""
    read = _Read()
    until = today + timedelta(days=1)
    for kind, paths in kinds.items():
        for path in paths:
            state = SourceState(kind, today)
            before = visit.unchanged
            if kind == "mail":
                mail = read_mail([path], settings.capture.exclude, visit, helper=helper)
                read.messages += mail.messages
                state.items, skipped, problems = mail.total, mail.skipped, mail.problems
                report.messages += mail.total
            elif kind == "calendar":
                # A day later, more of a series lies in the past: read again each day.
                day_visit = Visit({k: v[:-1] for k, v in visit.known.items()
                                   if v[-1:] == [until.toordinal()]})
                met = read_calendars([path], settings.capture.me, zone, until, day_visit)
                visit.seen.update({k: [*v, until.toordinal()] for k, v in day_visit.seen.items()})
                visit.unchanged += day_visit.unchanged
                read.meetings += met.meetings
                read.calendar_files += len(day_visit.seen) - day_visit.unchanged
                read.calendars_unchanged += day_visit.unchanged
                state.items, skipped, problems = met.total, Counter(met.skipped), met.problems
                report.events += met.total
            else:
                chats = read_linkedin([path], visit)
                read.messages += chats.messages
                state.items, skipped, problems = chats.total, Counter(), chats.problems
                report.chats += chats.total
            state.skipped = dict(skipped)
            state.problems = len(problems)
            state.unchanged_files = visit.unchanged - before
            state.read = today if state.items or problems else None
            report.skipped += skipped
            report.problems += problems
            read.states[str(path)] = state
    return read


def _remember(ledger: Ledger, read: _Read, visit: Visit, fingerprint: str,
              since: date | None, report: CaptureReport) -> None:
    """What the next run needs: the files seen (only after a whole, clean run), and
    what each source gave."""
    if since is None and not report.failures:
        ledger.files.update(visit.seen)
        ledger.book = fingerprint
    ledger.sources.update(read.states)


def _settle_states(ledger: Ledger, read: _Read, plan: CapturePlan) -> None:
    """Each source's state: the lines it gave, or, when it had nothing new, what it
    gave when it was last read."""
    lines_from = Counter(source for target in plan.by_path.values() if target.edited
                         for source in target.sources)
    for path, state in read.states.items():
        state.lines = sum(n for source, n in lines_from.items()
                          if source == path or source.startswith((path + ":", path + "/",
                                                                  path + "\\")))
        previous = ledger.sources.get(path)
        if previous is not None and state.read is None:  # nothing new: as it was read
            state.read, state.items, state.lines = previous.read, previous.items, previous.lines
            state.skipped = previous.skipped


def _count_unknown(ledger: Ledger, plan: CapturePlan) -> None:
    """Who wrote (or met) without a note, each message counted once across runs."""
    for key, address in plan.unknown_keys:
        digest = hashlib.sha1(f"{key} {address}".encode()).hexdigest()[:16]
        if digest not in ledger.counted:
            ledger.counted.add(digest)
            ledger.unknown[address] = ledger.unknown.get(address, 0) + 1


def _fingerprint(settings: Settings, book: AddressBook) -> str:
    """What decides which mail is whose: when it changes, every file is read again."""
    capture = settings.capture
    text = "\n".join([*sorted(book.found), "", *sorted(book.shared), "", *sorted(capture.me), "",
                      *capture.exclude, str(capture.subjects), str(capture.reply_within)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class SourceStatus:
    """`capture --status`: one source, as the last run left it."""

    path: str
    configured: bool
    state: SourceState | None

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "configured": self.configured,
                **(self.state.as_dict() if self.state else {"read": None})}


def capture_status(root: Path, settings: Settings) -> tuple[list[SourceStatus], Ledger]:
    """What each source gave the last time it was read (configured sources first), and
    the ledger (what waits for an answer, who wrote without a note)."""
    ledger = load_ledger(root)
    configured = [str(p) for p in (*settings.capture.mail, *settings.capture.calendars,
                                   *settings.capture.linkedin)]
    others = sorted(p for p in ledger.sources if p not in configured)
    return ([SourceStatus(p, p in configured, ledger.sources.get(p)) for p in configured]
            + [SourceStatus(p, False, ledger.sources[p]) for p in others]), ledger


def next_meeting(root: Path, relpath: str, today: date) -> tuple[date, str] | None:
    """The next meeting with the contact at `relpath` in the calendars capture read (not
    before `today`), or None."""
    found = load_ledger(root).upcoming.get(relpath)
    if not found:
        return None
    day = date.fromisoformat(found[0])
    return (day, found[1]) if day >= today else None


def user_zone(settings: Settings) -> tzinfo:
    """The `timezone` of the config, else the machine's."""
    if settings.timezone:
        import zoneinfo

        return zoneinfo.ZoneInfo(settings.timezone)
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone

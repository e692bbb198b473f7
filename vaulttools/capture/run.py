"""`capture`: read the sources, plan the lines, write them under the vault's lock,
and remember what was done (ledger.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from vaulttools.capture.calendar import is_calendar, read_calendars
from vaulttools.capture.ledger import load_ledger
from vaulttools.capture.linkedin import is_linkedin, read_linkedin
from vaulttools.capture.mail import read_mail
from vaulttools.capture.planner import ContactCapture, plan_capture, plan_meetings
from vaulttools.capture.records import SourceProblem
from vaulttools.config import Settings
from vaulttools.edit.api import Editor
from vaulttools.edit.changes import Edit, apply, plan_log_lines
from vaulttools.errors import ConfigError, VaultError

# "add?": at most this many correspondents with no note are suggested.
UNKNOWN_SHOWN = 10


@dataclass
class CaptureReport:
    """What a capture found and did (or, in a dry run, would do)."""

    messages: int  # every mail met in the sources
    events: int = 0  # every calendar event (each occurrence) before tomorrow
    chats: int = 0  # every LinkedIn message
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
            "lines": self.lines,
            "edits": [edit.as_dict() for edit in self.edits if edit.changed],
            "skipped": dict(sorted(self.skipped.items())),
            "problems": [p.format() for p in self.problems],
            "failures": [str(f) for f in self.failures],
            "unknown": [{"address": a, "messages": n} for a, n in self.unknown],
            "shared": self.shared, "waiting": self.waiting, "future": self.future,
        }


def capture(editor: Editor, today: date, sources: Sequence[Path] = (),
            since: date | None = None, dry_run: bool = False) -> CaptureReport:
    """Capture the mail in `sources` (else the config's `[capture] mail`) into the
    contacts' logs; a dry run plans the same and writes nothing, ledger included."""
    vault = editor.vault
    settings = vault.settings
    where = settings.config_path or vault.root
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
    zone = user_zone(settings)
    read = read_mail(mail, settings.capture.exclude)
    chats = read_linkedin(linkedin)
    met = read_calendars(calendars, settings.capture.me, zone, today + timedelta(days=1))
    report = CaptureReport(read.total, met.total, chats.total,
                           skipped=read.skipped + Counter(met.skipped),
                           problems=read.problems + met.problems + chats.problems)
    with editor.writing(dry_run):
        ledger = load_ledger(vault.root)
        plan = plan_capture(read.messages + chats.messages, vault.contacts, settings, ledger,
                            today, zone, since)
        plan_meetings(met.meetings, vault.contacts, settings, ledger, today, plan, since)
        for target in plan.by_path.values():
            if not _write(editor, target, report, dry_run) or dry_run:
                continue
            ledger.captured.update(target.keys)
            for key, state in target.settle.items():
                if state is None or (key in ledger.waiting and state.line not in target.done):
                    ledger.waiting.pop(key, None)  # answered, or the user's line now
                else:
                    ledger.waiting[key] = state
        if not dry_run:
            ledger.save()
    report.unknown = plan.unknown.most_common(UNKNOWN_SHOWN)
    report.shared = sorted(plan.shared)
    report.future = plan.future
    report.waiting = len(ledger.waiting) if not dry_run else sum(
        1 for t in plan.by_path.values() for s in t.settle.values() if s is not None)
    return report


def _write(editor: Editor, target: ContactCapture, report: CaptureReport,
           dry_run: bool) -> bool:
    """Plan (and unless a dry run, write) one contact's lines; False when refused."""
    if not target.lines and not target.rewrites:
        return True
    try:
        edit, done = plan_log_lines(target.contact, target.lines, target.rewrites,
                                    editor.keymap, editor.log_titles)
        if not dry_run:
            apply(edit)
    except VaultError as exc:  # that note is left as it was; the next run tries again
        report.failures.append(exc)
        return False
    target.done = {new for _, new in done}
    report.edits.append(edit)
    return True


def user_zone(settings: Settings) -> tzinfo:
    """The `timezone` of the config, else the machine's."""
    if settings.timezone:
        import zoneinfo

        return zoneinfo.ZoneInfo(settings.timezone)
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone

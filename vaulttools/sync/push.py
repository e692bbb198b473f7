"""The push half of a phone sync: the vault's contacts as one vCard a person, and its
reminders as one event each, written into the vdirs `[sync]` names (vdir.py).

- Cards: every contact but the archived (only those of `[sync] groups`, when
  set), `<uid>.vcf`, as `export vcard` writes them: no REV or PRODID, fields in
  a fixed order, so a vault that did not change writes nothing.
- Events: for the next `[sync] days`, each due or upcoming person on the day
  `plan` books them, each dated reminder (`remind`) on its day; birthdays and
  anniversaries as yearly events. Each with an alarm at `reminder_time` and a
  UID stable per contact and reason; DTSTAMP is the event's own day, so an
  event that did not change keeps its bytes. A person no longer due loses
  their event at the next push.

What `written` remembers (the digest of each file pushed, per vdir) lives in
the user's state folder, never in the vault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import icalendar

from vaulttools.cadence import LAST_DAY
from vaulttools.edit.safewrite import replace_file
from vaulttools.errors import ConfigError
from vaulttools.identity import contact_uid, event_uid
from vaulttools.io.ics import SCHEDULED, first_yearly, yearly_event
from vaulttools.io.vcard import write_vcards
from vaulttools.model import Contact
from vaulttools.read.vault import Vault
from vaulttools.render.ticks import task_key
from vaulttools.schedule.plan import booked_days
from vaulttools.sync.vdir import VdirReport, check_vdir, write_vdir
from vaulttools.userdirs import state_dir, vault_key

VERSION = 1


@dataclass
class PushReport:
    contacts: VdirReport | None = None
    calendar: VdirReport | None = None
    without_uid: int = 0  # cards named by a path-derived uid (`uid --add` makes it stay)

    def as_dict(self) -> dict[str, Any]:
        return {"contacts": self.contacts.as_dict() if self.contacts else None,
                "calendar": self.calendar.as_dict() if self.calendar else None,
                "without_uid": self.without_uid}


def synced_contacts(vault: Vault) -> list[Contact]:
    """Who goes to the phone: every contact but the archived, of `[sync] groups` if set."""
    groups = vault.settings.sync.groups
    return [c for c in vault.contacts if c.status != "archived"
            and (not groups or groups & {g.lower() for g in c.groups})]


def cards(vault: Vault) -> dict[str, bytes]:
    """`<uid>.vcf` -> its card, for every synced contact."""
    version = vault.settings.sync.vcard_version
    return {f"{_file_name(contact_uid(c))}.vcf": write_vcards([c], version).encode("utf-8")
            for c in synced_contacts(vault)}


def events(vault: Vault, today: date) -> dict[str, bytes]:
    """`<event uid>.ics` -> its calendar, one event a reminder (see the docstring)."""
    settings = vault.settings.sync
    until = today + timedelta(days=settings.days)
    agenda = vault.agenda(today)
    booked = booked_days(agenda, vault.settings.per_day, vault.settings.plan_days)
    found: dict[str, icalendar.Event] = {}
    for standing in agenda.standings:
        contact = standing.contact
        if contact.status in ("paused", "archived") or standing.status == "unsorted":
            continue
        day = standing.next_due
        if day is not None and day <= today:
            day = booked.get(id(contact))
        if standing.status in SCHEDULED and day is not None and today <= day < until:
            event = _event(event_uid("due", contact), day, f"Reach out to {contact.name}",
                           f"{standing.status}: {standing.reason}")
            found[str(event["uid"])] = event
        for promise in contact.promises:
            if promise.due is not None and promise.due < until:
                on = max(promise.due, today)
                event = _event(event_uid("reminder", contact, task_key(promise.text)), on,
                               f"{contact.name}: {promise.text}", "")
                found[str(event["uid"])] = event
        dates = [("birthday", contact.birthday)] if contact.birthday else []
        for label, yearly in [*dates, *sorted(contact.anniversaries.items())]:
            first = first_yearly(yearly, today) if yearly is not None else None
            if first is None or first > LAST_DAY:
                continue
            event = yearly_event(contact, label, yearly, first, _stamp(first))
            found[str(event["uid"])] = event
    hour, minute = settings.reminder_time
    return {f"{_file_name(uid)}.ics": _calendar(event, hour, minute)
            for uid, event in found.items()}


def _event(uid: str, day: date, summary: str, description: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", _stamp(day))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def _stamp(day: date) -> datetime:
    """DTSTAMP: the event's own day, so an unchanged event keeps its bytes."""
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def _calendar(event: icalendar.Event, hour: int, minute: int) -> bytes:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", str(event["summary"]))
    # From the start of the all-day event: the day's midnight where the phone is.
    alarm.add("trigger", timedelta(hours=hour, minutes=minute), parameters={"RELATED": "START"})
    event.add_component(alarm)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//vaulttools//vaulttools//EN")
    cal.add("version", "2.0")
    cal.add_component(event)
    return bytes(cal.to_ical())


def _file_name(uid: str) -> str:
    """A UID as a file name vdirsyncer and every system accept."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in uid)


def push(vault: Vault, today: date, dry_run: bool = False) -> PushReport:
    """Write the cards and events into the configured vdirs (nothing in a dry run)."""
    settings = vault.settings.sync
    if not settings.configured:
        raise ConfigError('nothing to sync: set [sync] contacts = "~/.local/share/vaulttools/'
                          'contacts" (and calendar = ...) in the config',
                          vault.settings.config_path or vault.root)
    state = _load_state(vault.root)
    report = PushReport(without_uid=sum(1 for c in synced_contacts(vault) if not c.uid))
    jobs = [("contacts", settings.contacts, ".vcf", cards, False),
            ("calendar", settings.calendar, ".ics", lambda v: events(v, today), True)]
    for kind, folder, suffix, make, rewrite_deleted in jobs:
        if folder is None:
            continue
        check_vdir(folder, suffix, f"sync.{kind}")
        if not folder.parent.is_dir():
            raise ConfigError(f"sync.{kind}: {folder.parent} does not exist; create it (or "
                              "let `vdirsyncer discover` make the folder)",
                              vault.settings.config_path)
        written = state.setdefault(kind, {})
        setattr(report, kind, write_vdir(folder, make(vault), written, rewrite_deleted,
                                         dry_run))
    if not dry_run:
        _save_state(vault.root, state)
    return report


def _state_path(root: Path) -> Path:
    return state_dir() / "sync" / f"{vault_key(root.resolve())}.json"


def _load_state(root: Path) -> dict[str, dict[str, str]]:
    """What was pushed; nothing when there is no state or it does not read (then every
    file already in the vdirs is left alone: never overwritten)."""
    try:
        data = json.loads(_state_path(root).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        return {kind: {str(k): str(v) for k, v in dict(data.get(kind, {})).items()}
                for kind in ("contacts", "calendar")}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _save_state(root: Path, state: dict[str, dict[str, str]]) -> None:
    text = json.dumps({"version": VERSION, **{k: dict(sorted(v.items()))
                                               for k, v in sorted(state.items())}},
                      separators=(",", ":")) + "\n"
    path = _state_path(root)
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    replace_file(path, text.encode("utf-8"), 0o600)

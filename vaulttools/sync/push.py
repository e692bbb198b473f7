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

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from vaulttools.cadence import LAST_DAY
from vaulttools.errors import ConfigError
from vaulttools.identity import contact_uid, event_uid, normalise_uid
from vaulttools.io.icaltext import AllDayEvent, calendar
from vaulttools.io.ics import SCHEDULED, first_yearly, yearly_event
from vaulttools.model import Contact
from vaulttools.read.vault import Vault
from vaulttools.render.ticks import task_key
from vaulttools.schedule.plan import booked_days
from vaulttools.sync.cards import card
from vaulttools.sync.pull import field_digests
from vaulttools.sync.state import SyncState, load_state
from vaulttools.sync.vdir import VdirReport, check_vdir, write_vdir

_UID = re.compile(r"^UID(?:;[^:\r\n]*)?:(.*?)\r?$", re.MULTILINE)


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


def card_files(vault: Vault, folder: Path | None) -> dict[str, Contact]:
    """The file of each synced contact's card: the one in `folder` whose UID is the
    contact's (a card made on the phone keeps its file), else `<uid>.vcf`."""
    taken = _files_by_uid(folder) if folder is not None else {}
    found = {}
    for contact in synced_contacts(vault):
        uid = contact_uid(contact)
        found[taken.get(uid, f"{_file_name(uid)}.vcf")] = contact
    return found


def _files_by_uid(folder: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.vcf")) if folder.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        uid = _UID.search(text)
        if uid is not None:
            found.setdefault(normalise_uid(uid.group(1)) or "", path.name)
    return found


def cards(vault: Vault, folder: Path | None = None) -> dict[str, bytes]:
    """The file name and card of every synced contact, keeping what a phone added to
    the card now in `folder` (sync/cards.py)."""
    version = vault.settings.sync.vcard_version
    return {name: card(contact, version, _read(folder / name) if folder else None)
            for name, contact in card_files(vault, folder).items()}


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def events(vault: Vault, today: date) -> dict[str, bytes]:
    """`<event uid>.ics` -> its calendar, one event a reminder (see the docstring)."""
    settings = vault.settings.sync
    until = today + timedelta(days=settings.days)
    agenda = vault.agenda(today)
    booked = booked_days(agenda, vault.settings.per_day, vault.settings.plan_days)
    # From the start of the all-day event: the day's midnight where the phone is.
    hour, minute = settings.reminder_time
    alarm = timedelta(hours=hour, minutes=minute)
    found: dict[str, AllDayEvent] = {}
    for standing in agenda.standings:
        contact = standing.contact
        if contact.status in ("paused", "archived") or standing.status == "unsorted":
            continue
        day = standing.next_due
        if day is not None and day <= today:
            day = booked.get(id(contact))
        if standing.status in SCHEDULED and day is not None and today <= day < until:
            event = _event(event_uid("due", contact), day, f"Reach out to {contact.name}",
                           f"{standing.status}: {standing.reason}", alarm)
            found[event.uid] = event
        for promise in contact.promises:
            if promise.due is not None and promise.due < until:
                on = max(promise.due, today)
                event = _event(event_uid("reminder", contact, task_key(promise.text)), on,
                               f"{contact.name}: {promise.text}", "", alarm)
                found[event.uid] = event
        dates = [("birthday", contact.birthday)] if contact.birthday else []
        for label, yearly in [*dates, *sorted(contact.anniversaries.items())]:
            first = first_yearly(yearly, today) if yearly is not None else None
            if first is None or first > LAST_DAY:
                continue
            event = yearly_event(contact, label, yearly, first, _stamp(first), alarm)
            found[event.uid] = event
    return {f"{_file_name(uid)}.ics": calendar([event]) for uid, event in found.items()}


def _event(uid: str, day: date, summary: str, description: str,
           alarm: timedelta) -> AllDayEvent:
    return AllDayEvent(uid, day, summary, _stamp(day), description, alarm=alarm)


def _stamp(day: date) -> datetime:
    """DTSTAMP: the event's own day, so an unchanged event keeps its bytes."""
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def _file_name(uid: str) -> str:
    """A UID as a file name vdirsyncer and every system accept."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in uid)


def push_to_phone(vault: Vault, today: date) -> PushReport:
    """The push half alone, as the watcher runs it after a change: the phone's edits
    wait for `sync` (a file changed there is left as it is)."""
    state = load_state(vault.root)
    report = push(vault, today, state)
    state.save()
    return report


def push(vault: Vault, today: date, state: SyncState, dry_run: bool = False) -> PushReport:
    """Write the cards and events into the configured vdirs; `state` learns what was
    written (nothing is, in a dry run)."""
    settings = vault.settings.sync
    report = PushReport(without_uid=sum(1 for c in synced_contacts(vault) if not c.uid))
    if settings.contacts is not None:
        folder = settings.contacts
        _check_folder(folder, ".vcf", "contacts", vault)
        report.contacts = write_vdir(folder, cards(vault, folder), state.contacts, False,
                                     dry_run)
        if not dry_run:
            files = card_files(vault, folder)
            for name in state.contacts:
                if name in files and name not in (*report.contacts.changed_elsewhere,
                                                  *report.contacts.deleted_elsewhere):
                    state.fields[name] = field_digests(files[name])
            state.fields = {k: v for k, v in state.fields.items() if k in state.contacts}
    if settings.calendar is not None:
        _check_folder(settings.calendar, ".ics", "calendar", vault)
        report.calendar = write_vdir(settings.calendar, events(vault, today), state.calendar,
                                     True, dry_run)
    return report


def _check_folder(folder: Path, suffix: str, kind: str, vault: Vault) -> None:
    check_vdir(folder, suffix, f"sync.{kind}")
    if not folder.parent.is_dir():
        raise ConfigError(f"sync.{kind}: {folder.parent} does not exist; create it (or let "
                          "`vdirsyncer discover` make the folder)", vault.settings.config_path)

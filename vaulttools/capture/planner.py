"""From records to log lines: who each mail, message or meeting was with, the line
`log` would write for it, and which earlier outreach is now answered or has gone
unanswered.

Pure but for the ledger it reads and updates in memory: no disk, no clock.
People are matched on strong keys only (every email address a note holds, the
LinkedIn profile, else for a LinkedIn row the name); an address on two notes
matches neither. A thread counts once a day a person; a day the note already
logs that channel for that person adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo

from vaulttools.capture.ledger import Ledger, Outreach
from vaulttools.capture.records import Meeting, Message
from vaulttools.config import Settings
from vaulttools.edit.changes import LogLine
from vaulttools.edit.lines import log_entry
from vaulttools.errors import InvalidValue
from vaulttools.model import Contact
from vaulttools.names import normalise_linkedin

CHANNEL = "email"
MAX_SUBJECT = 120
_TAG = re.compile(r"#(?=\w)")
_COMMENT = re.compile(r"%%|<!--|-->")
_REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|sv|vs|tr|rif)\s*(\[\d+\])?\s*:\s*)+",
                           re.IGNORECASE)


@dataclass
class ContactCapture:
    """What capture writes into one contact's note."""

    contact: Contact
    lines: list[LogLine] = field(default_factory=list)
    rewrites: list[tuple[str, str]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # ledger keys, once written
    # What the ledger's outreach becomes once written: waiting (or, None, settled).
    settle: dict[str, Outreach | None] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)  # the rewritten lines, once written
    sources: list[str] = field(default_factory=list)  # where each line came from
    edited: bool = False  # its edit was written


@dataclass
class CapturePlan:
    by_path: dict[str, ContactCapture] = field(default_factory=dict)
    unknown_keys: list[tuple[str, str]] = field(default_factory=list)  # (message, address)
    shared: set[str] = field(default_factory=set)  # addresses on more than one note
    future: int = 0  # messages dated after today
    # The next meeting with each contact (by relpath): not an interaction yet.
    upcoming: dict[str, tuple[date, str]] = field(default_factory=dict)

    def of(self, contact: Contact) -> ContactCapture:
        return self.by_path.setdefault(contact.relpath, ContactCapture(contact))


@dataclass(frozen=True)
class AddressBook:
    """Every address a note holds -> its contact; and the addresses two notes hold."""

    found: dict[str, Contact]
    shared: frozenset[str]


def address_book(contacts: Sequence[Contact]) -> AddressBook:
    """Every address a note holds (its emails, its LinkedIn profile, and `name:` its
    name, for LinkedIn rows without a profile) -> its contact; and the addresses two
    notes hold, which match neither."""
    found: dict[str, Contact] = {}
    shared: set[str] = set()
    for contact in contacts:
        if contact.status == "archived":
            continue
        for address in (*contact.addresses, f"name:{contact.folded_name}"):
            if address in found and found[address] is not contact:
                shared.add(address)
            found[address] = contact
    for address in shared:
        del found[address]
    return AddressBook(found, frozenset(shared))


def my_keys(settings: Settings) -> frozenset[str]:
    """`[capture] me` as messages name people: addresses, and LinkedIn profiles
    normalised as io/records does."""
    return frozenset(normalise_linkedin(v) or v for v in settings.capture.me)


def ledger_key(message_key: str, contact: Contact) -> str:
    return f"{message_key} {contact.relpath}"


def plan_capture(messages: Sequence[Message], contacts: Sequence[Contact], settings: Settings,
                 ledger: Ledger, today: date, zone: tzinfo, since: date | None = None,
                 known: AddressBook | None = None) -> CapturePlan:
    """The log lines the new `messages` give, and the rewrites earlier outreach needs;
    `ledger` learns who was heard from when, and what waits for an answer. `known` is
    address_book(contacts), when the caller has it."""
    me = my_keys(settings)
    known = known or address_book(contacts)
    book, shared = known.found, known.shared
    plan = CapturePlan(shared=set(shared))
    for message in messages:
        if message.sender not in me:
            ledger.hear(message.sender, message.when)
    first: dict[tuple[str, date, str], tuple[Message, Contact, str]] = {}
    for message in sorted(messages, key=lambda m: m.when):
        day = message.when.astimezone(zone).date()
        if day > today:
            plan.future += 1
            continue
        if since is not None and day < since:
            continue
        sent = message.sender in me
        others = ([a for a in (*message.recipients, *message.copied) if a not in me] if sent
                  else [message.sender])
        for address in others:
            contact = book.get(address)
            if contact is None:
                if address not in shared and not address.startswith("name:"):
                    plan.unknown_keys.append((message.key, address))
                continue
            if ledger_key(message.key, contact) in ledger.captured:
                continue
            slot = (contact.relpath, day, message.thread)
            if slot in first or any(e.date == day and e.channel == message.channel
                                    for e in contact.interactions):
                plan.of(contact).keys.append(ledger_key(message.key, contact))
                continue
            first[slot] = (message, contact, address)
    for (_, day, _), (message, contact, address) in sorted(first.items()):
        _add_line(plan.of(contact), message, day, address, settings, ledger, today, me)
    _recheck(plan, contacts, settings, ledger, today, zone)
    return plan


MEETING = "meeting"


def plan_meetings(meetings: Sequence[Meeting], contacts: Sequence[Contact],
                  settings: Settings, ledger: Ledger, today: date, plan: CapturePlan,
                  since: date | None = None, known: AddressBook | None = None) -> None:
    """Add to `plan` a `meeting` line for each contact at each past meeting: one a day
    a person, none where the note already logs a meeting that day."""
    book = (known or address_book(contacts)).found
    booked: set[tuple[str, date]] = set()
    for meeting in sorted(meetings, key=lambda m: (m.day, m.key)):
        if meeting.day > today:
            for address in meeting.people:
                contact = book.get(address)
                if contact is not None and contact.relpath not in plan.upcoming:
                    plan.upcoming[contact.relpath] = (meeting.day, meeting.title)
            continue
        if since is not None and meeting.day < since:
            continue
        for address in meeting.people:
            contact = book.get(address)
            if contact is None:
                if address not in plan.shared:
                    plan.unknown_keys.append((meeting.key, address))
                continue
            key = ledger_key(meeting.key, contact)
            if key in ledger.captured:
                continue
            target = plan.of(contact)
            target.keys.append(key)
            slot = (contact.relpath, meeting.day)
            if slot in booked or any(e.date == meeting.day and e.channel == MEETING
                                     for e in contact.interactions):
                continue
            booked.add(slot)
            text = (_safe(meeting.title) if settings.capture.subjects and meeting.title
                    else "(meeting)")
            target.lines.append(LogLine(meeting.day, _entry(today, text, meeting.day, [],
                                                            MEETING)))
            target.sources.append(meeting.source)


def _add_line(target: ContactCapture, message: Message, day: date, address: str,
              settings: Settings, ledger: Ledger, today: date, me: frozenset[str]) -> None:
    sent = message.sender in me
    text = (subject_text(message.subject, settings.capture.subjects, sent)
            if message.channel == CHANNEL or message.subject.strip()
            else subject_text("", False, sent))
    # Only whom a mail is addressed to owes an answer; a copy (Cc) does not.
    answered = (not sent or address not in message.recipients
                or ledger.heard_after(address, message.when))
    overdue = settings.capture.reply_within.after(day) <= today
    flags = ["inbound"] if not sent else ([] if answered or not overdue else ["noreply"])
    entry = _entry(today, text, day, flags, message.channel)
    # An answer still awaited is logged (so `due` counts it) but moves last_contact
    # only once it comes: the answer's own line does that.
    target.lines.append(LogLine(day, entry, moves_last_contact=answered))
    target.sources.append(message.source)
    target.keys.append(ledger_key(message.key, target.contact))
    if sent and not answered:
        target.settle[ledger_key(message.key, target.contact)] = Outreach(
            target.contact.relpath, entry, address, message.when, noreply=bool(flags))


def _recheck(plan: CapturePlan, contacts: Sequence[Contact], settings: Settings,
             ledger: Ledger, today: date, zone: tzinfo) -> None:
    """Earlier outreach: answered since (clear #noreply), or unanswered too long (set it)."""
    by_path = {c.relpath: c for c in contacts}
    for key, outreach in list(ledger.waiting.items()):
        contact = by_path.get(outreach.path)
        if contact is None:
            del ledger.waiting[key]  # the note is gone or renamed: nothing to keep up
            continue
        answered = ledger.heard_after(outreach.address, outreach.sent)
        sent_on = outreach.sent.astimezone(zone).date()
        overdue = settings.capture.reply_within.after(sent_on) <= today
        if answered:
            target = plan.of(contact)
            if outreach.noreply:
                target.rewrites.append((outreach.line, outreach.line.removesuffix(" #noreply")))
            target.settle[key] = None
        elif overdue and not outreach.noreply:
            marked = f"{outreach.line} #noreply"
            target = plan.of(contact)
            target.rewrites.append((outreach.line, marked))
            target.settle[key] = Outreach(outreach.path, marked, outreach.address,
                                          outreach.sent, noreply=True)


def subject_text(subject: str, subjects: bool, sent: bool) -> str:
    """What a captured line says: the subject, made safe to stand in a log line (no tag,
    no comment marker, one line, not too long), or only `(sent)` / `(received)`."""
    if not subjects:
        return "(sent)" if sent else "(received)"
    return _safe(subject)


def _safe(subject: str) -> str:
    text = _REPLY_PREFIX.sub("", subject).strip()
    text = _COMMENT.sub(lambda m: {"%%": "%", "<!--": "<!-", "-->": "->"}[m.group()], text)
    text = _TAG.sub("＃", text)
    if len(text) > MAX_SUBJECT:
        text = text[:MAX_SUBJECT - 1].rstrip() + "…"
    return text or "(no subject)"


def _entry(today: date, text: str, day: date, flags: list[str],
           channel: str = CHANNEL) -> str:
    try:
        return log_entry(today, text, channel, day, flags)
    except InvalidValue:  # a subject no line can hold: say only what happened
        plain = ("(meeting)" if channel == MEETING else
                 "(sent)" if "inbound" not in flags else "(received)")
        return log_entry(today, plain, channel, day, flags)


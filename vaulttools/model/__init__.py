"""Plain data: contacts, interactions, problems and mentions (cadences and
yearly dates are in cadence.py).

Nothing here touches the disk or the clock; every function is pure.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple

from vaulttools.cadence import Cadence, YearlyDate
from vaulttools.model.detail import Detail
from vaulttools.names import (
    fold,
    given_name,
    link_target,
    link_text,
    normalise_email,
    normalise_linkedin,
)

Severity = Literal["error", "warning"]
STATUSES = ("active", "paused", "archived")
FLAGS = ("gave", "asked", "inbound", "noreply", "milestone", "nofollowup", "helped")
# The sources an import reads; each logs a job change it finds under its own name as
# the channel, as `NEW_ROLE: CTO at Foo #milestone` (io/importer.py; drafts read it).
IMPORT_SOURCES = ("linkedin", "vcard", "google")
NEW_ROLE = "New role"
# The channels every vault knows; `log --via` also knows those in the vault's logs and
# the config's `channels`, and asks "did you mean" about a word close to one of them.
CHANNELS = ("note", "call", "video", "coffee", "lunch", "dinner", "drinks", "breakfast",
            "meeting", "meetup", "event", "conference", "visit", "email", "text", "sms",
            "message", "whatsapp", "signal", "telegram", "linkedin", "letter", "card",
            "gift", "intro", "update", *IMPORT_SOURCES)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file, reported by `check` and kept out of the way elsewhere."""

    path: str  # relative to the vault, with forward slashes
    line: int
    severity: Severity
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "severity": self.severity,
                "message": self.message}


class Mention(NamedTuple):
    """A dated daily note that links a contact (a NamedTuple: thousands are hashed and
    sorted per run)."""

    day: date
    relpath: str
    meeting: bool = False  # from a meeting note, not a daily note
    event: bool = False  # from an event note (an event_notes folder, or event_property)


class Interaction(NamedTuple):
    """One line of a contact's log: `- DATE CHANNEL: text #flags`.

    A NamedTuple, not a frozen dataclass: a vault has tens of thousands and
    building them is a measurable share of a cold load.
    """

    date: date
    channel: str
    text: str
    flags: frozenset[str]
    line: int

    @property
    def gave(self) -> bool:
        return "gave" in self.flags

    @property
    def asked(self) -> bool:
        return "asked" in self.flags

    @property
    def inbound(self) -> bool:
        return "inbound" in self.flags

    @property
    def noreply(self) -> bool:
        return "noreply" in self.flags

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "channel": self.channel, "text": self.text,
                "flags": sorted(self.flags), "line": self.line}


class Promise(NamedTuple):
    """An open task in a contact's note (`- [ ] Send the deck 📅 2026-11-25`): owed."""

    text: str
    due: date | None  # the Tasks plugin's 📅 date
    since: date | None  # the newest log entry above it
    line: int

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "due": self.due.isoformat() if self.due else None,
                "since": self.since.isoformat() if self.since else None, "line": self.line}


class LogSummary(NamedTuple):
    """What scheduling needs of a log on any day from its latest entry on.

    Scheduling for a day before some entry (`--today` in the past) reads the
    whole log instead.
    """

    latest: int  # the latest entry's date ordinal; -1 for an empty log
    answered: int  # the latest entry not marked #noreply; -1 if none
    channel: str  # that entry's channel (the first line of that day, in file order)
    unanswered: tuple[tuple[int, str], ...]  # #noreply entries after it, newest first
    milestone: int = -1  # the newest #milestone entry's date ordinal; -1 if none
    promises: int = 0  # open tasks in the note: scheduling reads them only when there are
    # The newest answered entry per channel, and the three newest answered entries
    # (newest first): how the priority rule sees the channel mix without the log.
    by_channel: tuple[tuple[str, int], ...] = ()
    recent: tuple[tuple[int, str], ...] = ()
    helped: int = -1  # the newest #helped entry not yet answered by the user; -1 if none


def summarize_log(log: Sequence[tuple[int, str, bool]], milestone: int = -1) -> LogSummary:
    latest = answered = -1
    channel = ""
    newest: dict[str, int] = {}
    for ordinal, how, noreply in log:
        latest = max(latest, ordinal)
        if not noreply:
            newest[how] = max(newest.get(how, -1), ordinal)
            if ordinal > answered:
                answered, channel = ordinal, how
    unanswered = [(ordinal, how) for ordinal, how, noreply in log
                  if noreply and ordinal > answered]
    unanswered.sort(key=lambda entry: entry[0], reverse=True)  # stable: file order on a tie
    recent = sorted(((o, how) for o, how, noreply in log if not noreply), reverse=True)[:3]
    return LogSummary(latest, answered, channel, tuple(unanswered), milestone,
                      by_channel=tuple(sorted(newest.items())), recent=tuple(recent))


FieldKind = Literal["text", "list", "tags", "cadence", "date", "yearly", "yearlies", "status"]


class Field(NamedTuple):
    """One contact field: the registry entry every layer reads.

    Parsing (read/fields.py), the cache layout (read/cache/codec.py and its
    format version), JSON (`Contact.as_dict`), `show`, and `set`'s type checks
    (edit/changes.py) all follow FIELDS: a new field is a Contact attribute,
    one entry here, and docs/format.md.
    """

    name: str  # the Contact attribute
    keys: tuple[str, ...]  # the front-matter keys it is read from, in order (lists merge)
    kind: FieldKind
    eager: bool = False  # restored eagerly from the cache: scheduling and `due` read it
    show: str | None = None  # its label in `show`; None: shown elsewhere, or not at all
    commas: bool = False  # `set KEY=a,b` writes a list
    past: bool = False  # a date of something that happened: never after today


@dataclass
class Contact:
    """One person, as read from one note. Every field but `name` and `path` is optional."""

    name: str
    path: Path  # absolute
    relpath: str  # relative to the vault, forward slashes
    aliases: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin: str | None = None
    location: str | None = None
    timezone: str | None = None
    cadence: Cadence | None = None
    last_contact: date | None = None
    birthday: YearlyDate | None = None
    anniversaries: dict[str, YearlyDate] = field(default_factory=dict)
    met: date | None = None
    met_via: str | None = None
    interests: list[str] = field(default_factory=list)
    snooze_until: date | None = None
    status: str = "active"
    reviewed: date | None = None
    level: str | None = None
    industry: str | None = None
    uid: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    interactions: list[Interaction] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    body: str = ""

    @property
    def group(self) -> str | None:
        return self.groups[0] if self.groups else None

    @functools.cached_property
    def log(self) -> tuple[tuple[int, str, bool], ...]:
        """The interactions as (date ordinal, channel, unanswered) triples, in file order.

        A #milestone entry is news about them (a new role, a move), not contact
        with them: it is left out here, and kept in log_summary.milestone."""
        return tuple((i.date.toordinal(), i.channel, "noreply" in i.flags)
                     for i in self.interactions if "milestone" not in i.flags)

    @functools.cached_property
    def log_summary(self) -> LogSummary:
        """What scheduling reads of the log; a contact restored from the parse cache has
        it without decoding its interactions."""
        milestones = [i.date.toordinal() for i in self.interactions if "milestone" in i.flags]
        return summarize_log(self.log, max(milestones, default=-1))._replace(
            promises=len(self.promises), helped=self._open_favour())

    def _open_favour(self) -> int:
        """The newest #helped entry's date ordinal when nothing of the user's came after
        it (their #inbound and milestones aside); -1 otherwise: `thank` is settled."""
        favours = [i.date.toordinal() for i in self.interactions if "helped" in i.flags]
        if not favours:
            return -1
        day = max(favours)
        written = any(i.date.toordinal() > day and not {"inbound", "milestone"} & i.flags
                      for i in self.interactions)
        return -1 if written else day

    @functools.cached_property
    def addresses(self) -> frozenset[str]:
        """Every handle mail and messages reach this contact by: each email address and
        the LinkedIn profile, as names.py compares them. Restored eagerly from the
        parse cache: capture matches on it without decoding the rest."""
        found = {normalise_email(e) for e in self.emails if "@" in e}
        profile = normalise_linkedin(self.linkedin)
        return frozenset(found | {profile} if profile else found)

    @functools.cached_property
    def introduction(self) -> tuple[str, int] | None:
        """Who introduced you to this contact, and when: `met_via`'s target, folded as
        names compare (`[[People/Jane Doe|Jane]]` is `jane doe`), and `met`'s date ordinal
        (-1 unknown); None without `met_via`. Restored eagerly from the parse cache:
        the due list reads it for every contact."""
        target = link_target(str(self.met_via or ""))
        if not target:
            return None
        return fold(target), self.met.toordinal() if self.met else -1

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        """Every folded name this contact answers to (file name, name, aliases)."""
        return frozenset(key for key in (self.folded_stem, self.folded_name,
                                         *(fold(alias) for alias in self.aliases)) if key)

    @functools.cached_property
    def folded_name(self) -> str:
        """The name as names.fold() makes it: what two notes must not share."""
        return fold(self.name)

    @functools.cached_property
    def folded_stem(self) -> str:
        """The file name as names.fold() makes it: what a [[link]] to the note must match."""
        return fold(self.stem)

    @functools.cached_property
    def stem(self) -> str:
        """The file name without `.md`."""
        name = self.relpath.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else self.path.stem

    @functools.cached_property
    def sort_key(self) -> tuple[str, str]:
        """How lists of contacts are ordered: by name ignoring case, then by path."""
        return (self.name.casefold(), self.relpath)

    def __getstate__(self) -> dict[str, Any]:
        """For pickle and copy: the details decoded, no reference to the cache file."""
        if self.__dict__.get("_lazy") is not None:
            getattr(self, DETAIL_FIELDS[0])  # decodes every detail field
        for name in list(self.__dict__.get("_deferred") or ()):
            getattr(self, name)  # and finishes the ones left raw
        return {k: v for k, v in self.__dict__.items() if k not in ("_lazy", "_deferred")}

    @property
    def company_name(self) -> str | None:
        """The company as text: a wikilink (`[[Initech]]`, the Obsidian way) as what it
        names. What stats, drafts, match, exports and imports compare and show."""
        return link_text(self.company) if self.company else None

    @property
    def location_name(self) -> str | None:
        """The location as text, a wikilink as what it names (see company_name)."""
        return link_text(self.location) if self.location else None

    @property
    def first_name(self) -> str:
        """The given name, never an honorific (`Dr. Amara Okafor` -> `Amara`)."""
        return given_name(self.name)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view, field by field as FIELDS says: dates as ISO strings,
        cadence and birthdays as written."""
        data: dict[str, Any] = {"name": self.name, "path": self.relpath}
        for spec in FIELDS[1:]:
            data[spec.name] = json_value(spec, getattr(self, spec.name))
        data["extra"] = self.extra
        data["interactions"] = [i.as_dict() for i in self.interactions]
        data["promises"] = [p.as_dict() for p in self.promises]
        return data


FIELDS = (
    Field("name", ("name",), "text", eager=True),
    Field("aliases", ("aliases", "alias"), "list", show="aliases", commas=True),
    Field("groups", ("group", "groups"), "list", eager=True, show="group"),
    Field("tags", ("tags",), "tags", show="tags", commas=True),
    Field("company", ("company",), "text", show="company"),
    Field("title", ("title",), "text", show="title"),
    Field("emails", ("email", "emails"), "list", show="email"),
    Field("phones", ("phone", "phones"), "list", show="phone"),
    Field("linkedin", ("linkedin",), "text", show="linkedin"),
    Field("location", ("location",), "text", show="location"),
    Field("timezone", ("timezone",), "text"),
    Field("cadence", ("cadence",), "cadence", eager=True),
    Field("last_contact", ("last_contact",), "date", eager=True, past=True),
    Field("birthday", ("birthday",), "yearly", eager=True, show="birthday"),
    Field("anniversaries", ("anniversaries",), "yearlies", eager=True),
    Field("met", ("met",), "date", show="met", past=True),
    Field("met_via", ("met_via",), "text", show="met via"),
    Field("interests", ("interests",), "list", show="interests", commas=True),
    Field("snooze_until", ("snooze_until",), "date", eager=True),
    Field("status", ("status",), "status", eager=True, show="status"),
    Field("reviewed", ("reviewed",), "date", show="reviewed", past=True),
    Field("level", ("level",), "text"),
    Field("industry", ("industry",), "text"),
    Field("uid", ("uid",), "text", eager=True),  # calendar and card UIDs derive from it
)
FIELD_BY_KEY = {key: spec for spec in FIELDS for key in spec.keys}


def json_value(spec: Field, value: Any) -> Any:
    """A field's value as JSON has it."""
    if spec.kind == "date":
        return value.isoformat() if value else None
    if spec.kind in ("cadence", "yearly"):
        return str(value) if value else None
    if spec.kind == "yearlies":
        return {k: str(v) for k, v in sorted(value.items())}
    return value


def shown_value(spec: Field, value: Any) -> str:
    """A field's value as `show` prints it (empty: not shown)."""
    if spec.kind in ("list", "tags"):
        return ", ".join(value)
    if value is None:
        return ""
    return value.isoformat() if spec.kind == "date" else str(value)


# Fields a cached contact restores eagerly: what scheduling and the due list read.
EAGER_FIELDS = ("name", "relpath", *(spec.name for spec in FIELDS[1:] if spec.eager))
DETAIL_FIELDS = tuple(f.name for f in dataclasses.fields(Contact) if f.name not in EAGER_FIELDS)
for _field in dataclasses.fields(Contact):
    if _field.name in DETAIL_FIELDS:
        setattr(Contact, _field.name, Detail(_field.name, _field.default))

"""The settings of a vault, typed, with their defaults: what `.vaulttools.toml` can
change (config/load.py reads and checks it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from vaulttools.cadence import Cadence
from vaulttools.config.dailyformat import DailyFormat

CONFIG_NAME = ".vaulttools.toml"

DEFAULT_GROUP_CADENCES = {
    "close": "1m",
    "mentor": "3m",
    "peer": "3m",
    "client": "3m",
    "industry-leader": "6m",
    "aspirational": "6m",
    "classmate": "6m",
    "acquaintance": "1y",
}
DEFAULT_GROUP_WEIGHTS = {
    "close": 1.5,
    "mentor": 1.5,
    "client": 1.3,
    "peer": 1.0,
    "industry-leader": 1.0,
    "aspirational": 0.8,
    "classmate": 0.8,
    "acquaintance": 0.6,
}


@dataclass(frozen=True)
class GroupSettings:
    cadence: Cadence
    weight: float = 1.0
    configured: bool = False  # named in the config's [groups], not only built in
    update_every: Cadence | None = None  # this group's, over the global update_every


class GroupRule(NamedTuple):
    """What a contact's groups say: the shortest group cadence, the largest weight, and
    whether one of them is the triage group, a weak group or a priority group."""

    cadence: Cadence | None
    source: str  # "group NAME": the group the cadence comes from
    weight: float
    unsorted: bool = False
    weak: bool = False
    priority: bool = False


def heading_key(title: str) -> str:
    """A heading's title as log headings compare: `## 💬 Conversation Log:` is
    `conversation log`; case, emoji and punctuation aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())


# Other templates keep history under these; vaulttools reads each as the log. Titles
# compare as headings.heading_key makes them: case, emoji and punctuation aside.
DEFAULT_LOG_HEADINGS = frozenset({
    "log", "interactions", "history", "meetings", "timeline", "interaction log",
    "interaction history", "interaction timeline", "conversation log", "conversations",
    "conversation history", "meeting notes", "notes log", "contact log", "touchpoints"})


@dataclass(frozen=True)
class CaptureSettings:
    """The `[capture]` table: where what already happened is read from, and how."""

    me: frozenset[str] = frozenset()  # my addresses and profile URLs, folded
    mail: tuple[Path, ...] = ()  # mbox files, Maildirs, folders of .eml (absolute)
    calendars: tuple[Path, ...] = ()  # .ics files and folders of them (absolute)
    linkedin: tuple[Path, ...] = ()  # LinkedIn's export zip, or its messages.csv
    exclude: tuple[str, ...] = ()  # address patterns (fnmatch, any case) never captured
    subjects: bool = True  # False: a line says only `(sent)` / `(received)`
    reply_within: Cadence = Cadence(14, "d", "14d")


@dataclass(frozen=True)
class SyncSettings:
    """The `[sync]` table: the vdirs vdirsyncer keeps in step with a phone's server."""

    contacts: Path | None = None  # a vdir: one .vcf per contact (absolute, outside the vault)
    calendar: Path | None = None  # a vdir: one .ics per reminder
    vcard_version: str = "3.0"  # what most phones and servers want; "4.0" allowed
    groups: frozenset[str] = frozenset()  # who goes to the phone; empty: every active contact
    days: int = 14  # reminders of the next this many days
    reminder_time: tuple[int, int] = (9, 0)  # each reminder's alarm, in the user's zone

    @property
    def configured(self) -> bool:
        return self.contacts is not None or self.calendar is not None


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a vault. Paths are relative to `root`."""

    root: Path
    config_path: Path | None = None
    contacts: tuple[str, ...] = ("People",)
    index: str = "Index"
    daily_notes: str = ""
    daily_format: str = "YYYY-MM-DD"
    default_cadence: Cadence = Cadence(3, "m", "3m")
    groups: dict[str, GroupSettings] = field(default_factory=dict)
    overdue_factor: float = 1.5
    dormant_after: Cadence = Cadence(1, "y", "1y")
    review_every: Cadence = Cadence(6, "m", "6m")
    give_space_after: int = 2
    retry_after: Cadence = Cadence(3, "w", "3w")
    give_space_for: Cadence = Cadence(6, "m", "6m")
    reconnect_per_week: int = 3
    upcoming_days: int = 7
    per_day: int = 3
    # The weekdays `plan`, Due.md's week and the calendar book work on (0 is Monday).
    plan_days: frozenset[int] = frozenset(range(5))
    triage_group: str = "unsorted"
    # Weak ties: no cadence holds them; after dormant_after they come back as
    # `reconnect` suggestions. Every other contact with a cadence is a strong tie.
    weak_groups: frozenset[str] = frozenset({"acquaintance", "classmate"})
    # A catch-up on one of these channels asks for a follow-up within this long.
    follow_up_after: frozenset[str] = frozenset(
        {"coffee", "lunch", "dinner", "meeting", "call", "event"})
    follow_up_within: Cadence = Cadence(3, "d", "3d")
    # After someone introduced you to a new contact (met_via), tell them how it went
    # this long after you met (schedule/introductions.py).
    close_loop_after: Cadence = Cadence(3, "w", "3w")
    # A strong tie who has heard no news of yours (an `update` line or a conversation)
    # this long gets the hint to share some when due; "none" turns it off.
    update_every: Cadence = Cadence(6, "m", "6m")
    # Priority groups should hear a voice or see a face this often, not only read you.
    priority_groups: frozenset[str] = frozenset({"close", "mentor", "client"})
    in_person_channels: frozenset[str] = frozenset(
        {"call", "coffee", "lunch", "dinner", "meeting", "event", "video"})
    in_person_every: Cadence = Cadence(6, "m", "6m")
    max_note_size: int = 1_048_576
    templates: str = ".vaulttools/templates"
    # The user's own person template (Obsidian's Templates plugin), vault-relative: new
    # notes are made from it instead of contact.md.j2 (render/usertemplate.py).
    person_template: str = ""
    # Field -> the note keys (or dotted paths into nested mappings) it is read from,
    # beyond the synonyms every vault has (read/keys.py); the first is written.
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Meeting notes: notes in these folders, or with this `key: value` property,
    # count as contact with everyone they link, on their date.
    meeting_notes: tuple[str, ...] = ()
    # Folders of event notes (a conference, a meetup): meeting notes whose attendees the
    # due list asks you to see there before the day (schedule/events.py).
    event_notes: tuple[str, ...] = ()
    # `key: value` (such as "type: event"): a note anywhere with it is an event note.
    event_property: str = ""
    meeting_property: str = ""
    # Headings whose section is the log (case ignored); `Log`, which `log` writes when a
    # note has none, is always one.
    log_headings: frozenset[str] = DEFAULT_LOG_HEADINGS
    # Channels of the user's own, beyond model.CHANNELS, that `log --via` should know.
    channels: frozenset[str] = frozenset()
    # The user's time zone (an IANA name); "" is the machine's. Dates of what capture
    # reads are days in this zone.
    timezone: str = ""
    capture: CaptureSettings = CaptureSettings()
    sync: SyncSettings = SyncSettings()

    # What a list of group names resolves to, memoised: a vault has thousands of
    # contacts and a handful of distinct group lists.
    _rules: dict[tuple[str, ...], GroupRule] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def is_unsorted(self, groups: Sequence[str]) -> bool:
        """Whether a contact in these groups waits to be sorted (in triage_group)."""
        return self.group_rule(groups).unsorted

    def is_weak(self, groups: Sequence[str]) -> bool:
        """Whether a contact in these groups is a weak tie (weak_groups)."""
        return self.group_rule(groups).weak

    def is_priority(self, groups: Sequence[str]) -> bool:
        """Whether a contact in these groups should hear a voice now and then."""
        return self.group_rule(groups).priority

    def update_every_for(self, groups: Sequence[str]) -> Cadence:
        """How long a contact in these groups may go without news of yours: the shortest
        their groups set (`never` only when every group that sets one says so), else
        the global update_every."""
        own = [g.update_every for name in groups
               if (g := self.group(name)) is not None and g.update_every is not None]
        if not own:
            return self.update_every
        timed = [c for c in own if not c.never]
        return min(timed, key=lambda c: c.days) if timed else own[0]

    def group(self, name: str) -> GroupSettings | None:
        return self.groups.get(name.strip().lower())

    def group_rule(self, groups: Sequence[str]) -> GroupRule:
        """The shortest cadence among these groups (and whose it is), their largest
        weight, and which kinds they are; no cadence when none of them is configured."""
        key = tuple(groups)
        rule = self._rules.get(key)
        if rule is None:
            found = [(name, g) for name in key if (g := self.group(name)) is not None]
            shortest = min(found, key=lambda f: float("inf") if f[1].cadence.never
                           else f[1].cadence.days, default=None)
            names = {name.strip().lower() for name in key}
            rule = GroupRule(shortest[1].cadence if shortest else None,
                             f"group {shortest[0]}" if shortest else "",
                             max((g.weight for _, g in found), default=1.0),
                             unsorted=self.triage_group.strip().lower() in names,
                             weak=bool(names & self.weak_groups),
                             priority=bool(names & self.priority_groups))
            self._rules[key] = rule
        return rule

    @property
    def index_dir(self) -> Path:
        return self.root / self.index

    @property
    def contact_dirs(self) -> list[Path]:
        return [self.root / folder for folder in self.contacts]

    def daily_note_format(self) -> DailyFormat:
        """The daily-note name format (checked when the settings were read)."""
        return DailyFormat(self.daily_format)

"""`.vaulttools.toml` -> one typed, validated Settings object.

Every key has a default, so an empty file (or none, with --vault) works. An
unknown key or a bad value is a ConfigError that names the file and the key.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from vaulttools.cadence import Cadence
from vaulttools.config.dailyformat import DailyFormat, DailyFormatError
from vaulttools.errors import ConfigError, VaultNotFound

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

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
    # Priority groups should hear a voice or see a face this often, not only read you.
    priority_groups: frozenset[str] = frozenset({"close", "mentor", "client"})
    in_person_channels: frozenset[str] = frozenset(
        {"call", "coffee", "lunch", "dinner", "meeting", "event", "video"})
    in_person_every: Cadence = Cadence(6, "m", "6m")
    max_note_size: int = 1_048_576
    templates: str = ".vaulttools/templates"
    # Field -> the note keys (or dotted paths into nested mappings) it is read from,
    # beyond the synonyms every vault has (read/keys.py); the first is written.
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Meeting notes: notes in these folders, or with this `key: value` property,
    # count as contact with everyone they link, on their date.
    meeting_notes: tuple[str, ...] = ()
    meeting_property: str = ""
    # Headings whose section is the log (case ignored); `Log`, which `log` writes when a
    # note has none, is always one.
    log_headings: frozenset[str] = DEFAULT_LOG_HEADINGS
    # Channels of the user's own, beyond model.CHANNELS, that `log --via` should know.
    channels: frozenset[str] = frozenset()

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


def _cadence(key: str, value: Any, path: Path) -> Cadence:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a cadence such as \"3m\", got {value!r}", path)
    try:
        return Cadence.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{key}: {exc}", path) from None


def _typed(key: str, value: Any, kind: type, path: Path) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        raise ConfigError(f"{key}: expected {kind.__name__}, got {value!r}", path)
    return value


def _unknown(key: str, known: list[str], path: Path, where: str = "") -> ConfigError:
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
    return ConfigError(f"unknown key {where}{key!r}{hint}", path)


_SCALARS: dict[str, type] = {
    "index": str,
    "daily_notes": str,
    "daily_format": str,
    "overdue_factor": float,
    "give_space_after": int,
    "reconnect_per_week": int,
    "upcoming_days": int,
    "per_day": int,
    "triage_group": str,
    "max_note_size": int,
    "templates": str,
}
_CADENCES = ("default_cadence", "dormant_after", "review_every", "retry_after",
             "give_space_for", "follow_up_within", "in_person_every")
# Lists of names (groups, channels), each with an example for its error message.
_NAME_SETS = {
    "weak_groups": '["acquaintance", "classmate"]',
    "follow_up_after": '["coffee", "lunch", "call"]',
    "priority_groups": '["close", "mentor", "client"]',
    "in_person_channels": '["call", "coffee", "video"]',
    "log_headings": '["Log", "Interactions", "History"]',
    "channels": '["podcast", "slack"]',
}
KNOWN_KEYS = sorted([*_SCALARS, *_CADENCES, *_NAME_SETS, "contacts", "groups", "fields",
                     "meeting_notes", "meeting_property", "plan_days"])
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekdays(value: Any, path: Path) -> frozenset[int]:
    """`plan_days`: weekdays by name, whole or their first three letters (`mon`,
    `Tuesday`), at least one; as date.weekday() numbers them."""
    example = 'plan_days = ["mon", "tue", "wed", "thu", "fri"]'
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"plan_days: expected a list of weekdays, e.g. {example}", path)
    names = {name: number for number, day in enumerate(WEEKDAYS) for name in (day, day[:3])}
    unknown = [v for v in value if v.strip().lower() not in names]
    if unknown:
        raise ConfigError(f"plan_days: {unknown[0]!r} is not a weekday; use mon, tue, wed, "
                          "thu, fri, sat or sun", path)
    return frozenset(names[v.strip().lower()] for v in value)


def _fields(value: Any, path: Path) -> dict[str, tuple[str, ...]]:
    """The `[fields]` table: a field name -> the note keys it is read from."""
    from vaulttools.model import FIELD_BY_KEY

    if not isinstance(value, dict):
        raise ConfigError('fields: expected a table, e.g. [fields] email = ["contacts.mail"]',
                          path)
    names = sorted({spec.keys[0] for spec in FIELD_BY_KEY.values()})
    found: dict[str, tuple[str, ...]] = {}
    for name, keys in value.items():
        if name not in FIELD_BY_KEY:
            raise _unknown(name, names, path, "fields.")
        if isinstance(keys, str):
            keys = [keys]
        if not isinstance(keys, list) or not keys or not all(
                isinstance(k, str) and k.strip() for k in keys):
            raise ConfigError(f"fields.{name}: expected a list of keys, e.g. "
                              f'["{name.title()}"] or ["contacts.{name}"]', path)
        found[FIELD_BY_KEY[name].keys[0]] = tuple(k.strip() for k in keys)
    return found


def _relative_folder(key: str, value: str, path: Path) -> str:
    """A folder inside the vault as vaulttools names it: `/` between parts, whichever
    separator the config used (`Notes\\People` from a Windows user is `Notes/People`)."""
    text = value.strip().replace("\\", "/")
    folder = text.strip("/")
    if (text.startswith("/") or re.match(r"[A-Za-z]:", folder)  # /x, C:/x on any system
            or ".." in PurePosixPath(folder).parts):
        raise ConfigError(f"{key}: {value!r} must be a folder inside the vault", path)
    return PurePosixPath(folder).as_posix() if folder else folder


def index_apart(index: str, contacts: Sequence[str], path: Path) -> None:
    """Refuse an index folder that is, holds or lies in a contacts folder: generated
    notes would be written among the user's people notes. A contacts folder that is
    the whole vault (`""`) holds everything, the index too, which is never read."""
    mine = PurePosixPath(index).parts
    for folder in contacts:
        theirs = PurePosixPath(folder).parts
        if not theirs:
            continue
        shared = min(len(mine), len(theirs))
        if [p.casefold() for p in mine[:shared]] == [p.casefold() for p in theirs[:shared]]:
            how = ("is" if len(mine) == len(theirs) else
                   "is inside" if len(mine) > len(theirs) else "contains")
            raise ConfigError(f"index: {index!r} {how} the contacts folder {folder!r}; "
                              "generated notes would be written among your people notes, so "
                              "choose a folder of its own (the default is \"Index\")", path)


def parse_settings(data: dict[str, Any], root: Path, path: Path) -> Settings:
    """Validate a parsed TOML mapping into Settings."""
    values: dict[str, Any] = {}
    groups = {
        name: GroupSettings(Cadence.parse(cadence), DEFAULT_GROUP_WEIGHTS.get(name, 1.0))
        for name, cadence in DEFAULT_GROUP_CADENCES.items()
    }
    for key, value in data.items():
        if key in _SCALARS:
            values[key] = _typed(key, value, _SCALARS[key], path)
        elif key in _CADENCES:
            values[key] = _cadence(key, value, path)
        elif key in _NAME_SETS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{key}: expected a list, e.g. {_NAME_SETS[key]}", path)
            values[key] = frozenset(v.strip().lower() for v in value)
        elif key == "contacts":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not value or not all(
                isinstance(v, str) for v in value
            ):
                raise ConfigError('contacts: expected a list of folders, e.g. ["People"]', path)
            values[key] = tuple(_relative_folder(key, v, path) for v in value)
        elif key == "groups":
            if not isinstance(value, dict):
                raise ConfigError("groups: expected a table of [groups.NAME]", path)
            for name, table in value.items():
                where = f"groups.{name}"
                if not isinstance(table, dict):
                    raise ConfigError(f"{where}: expected a table with cadence and weight", path)
                previous = groups.get(name.lower())
                cadence = previous.cadence if previous else values.get(
                    "default_cadence", Settings.default_cadence)
                weight = previous.weight if previous else 1.0
                for sub, subvalue in table.items():
                    if sub == "cadence":
                        cadence = _cadence(f"{where}.cadence", subvalue, path)
                    elif sub == "weight":
                        weight = _typed(f"{where}.weight", subvalue, float, path)
                        if weight <= 0:
                            raise ConfigError(f"{where}.weight: must be above 0", path)
                    else:
                        raise _unknown(sub, ["cadence", "weight"], path, f"{where}.")
                groups[name.lower()] = GroupSettings(cadence, weight, configured=True)
        elif key == "fields":
            values[key] = _fields(value, path)
        elif key == "plan_days":
            values[key] = _weekdays(value, path)
        elif key == "meeting_notes":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError('meeting_notes: expected a list of folders, e.g. '
                                  '["Meetings"]', path)
            values[key] = tuple(_relative_folder(key, v, path) for v in value)
        elif key == "meeting_property":
            text = _typed(key, value, str, path)
            if text and not re.fullmatch(r"[^:\s][^:]*:\s*\S.*", text):
                raise ConfigError(f"meeting_property: {text!r} must be `key: value`, such as "
                                  '"type: meeting"', path)
            values[key] = text
        else:
            raise _unknown(key, KNOWN_KEYS, path)
    for key in ("index", "daily_notes", "templates"):
        if key in values:
            values[key] = _relative_folder(key, values[key], path)
    for key in ("give_space_after", "reconnect_per_week", "upcoming_days", "per_day",
                "max_note_size"):
        if key in values and values[key] < (0 if key == "reconnect_per_week" else 1):
            raise ConfigError(f"{key}: must be a positive number, got {values[key]}", path)
    for channel in sorted(values.get("channels", ())):
        if not re.fullmatch(r"[\w-]+", channel):
            raise ConfigError(f"channels: {channel!r} must be one word (letters, digits, - "
                              "or _), as a log line names it", path)
    if "log_headings" in values:
        values["log_headings"] = frozenset(map(heading_key, values["log_headings"])) | {"log"}
    if values.get("overdue_factor", 1.5) < 1.0:
        raise ConfigError("overdue_factor: must be 1.0 or more", path)
    if "index" in values and values["index"] in ("", "."):
        raise ConfigError("index: must name a folder, not the vault root", path)
    index_apart(values.get("index", Settings.index),
                 values.get("contacts", Settings.contacts), path)
    try:
        DailyFormat(values.get("daily_format", "YYYY-MM-DD"))
    except DailyFormatError as exc:
        raise ConfigError(f"daily_format: {exc}", path) from None
    return Settings(root=root, config_path=path, groups=groups, **values)


def load_settings(root: Path) -> Settings:
    """Read `root/.vaulttools.toml`; defaults when the file is absent.

    VaultNotFound when `root` is not a folder at all.
    """
    path = root / CONFIG_NAME
    if not root.is_dir():
        raise VaultNotFound("no such folder; nothing to load", root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return parse_settings({}, root, path)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
    return parse_settings(data, root, path)


def find_vault(explicit: str | Path | None, env: str | None, cwd: Path) -> Path:
    """--vault, then VAULTTOOLS_VAULT, then walk up from `cwd` to a `.vaulttools.toml`."""
    for given, source in ((explicit, "--vault"), (env, "VAULTTOOLS_VAULT")):
        if given:
            root = Path(given).expanduser()
            if not root.is_dir():
                raise VaultNotFound(f"{source}: {root} is not a folder")
            if not (root / CONFIG_NAME).is_file():
                # Never take an arbitrary folder for a vault: `index` would fill it.
                raise VaultNotFound(f"not a vault: {root} (given by {source}) has no "
                                    f"{CONFIG_NAME}; run `vaulttools init {root}` first")
            return root.resolve()
    here = cwd.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise VaultNotFound(
        f"no vault found: no {CONFIG_NAME} in {here} or any folder above it; "
        "run `vaulttools init` there, or pass --vault PATH"
    )

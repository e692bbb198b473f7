"""`.vaulttools.toml` -> one typed, validated Settings object, and finding the vault.

Every key has a default, so an empty file (or none, with --vault) works. An
unknown key or a bad value is a ConfigError that names the file and the key.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from vaulttools.cadence import Cadence
from vaulttools.config.dailyformat import DailyFormat, DailyFormatError
from vaulttools.config.settings import (
    CONFIG_NAME,
    DEFAULT_GROUP_CADENCES,
    DEFAULT_GROUP_WEIGHTS,
    CaptureSettings,
    GroupSettings,
    Settings,
    SyncSettings,
    heading_key,
)
from vaulttools.errors import ConfigError, VaultNotFound

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]


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
    "timezone": str,
    "person_template": str,
}
_CADENCES = ("default_cadence", "dormant_after", "review_every", "retry_after",
             "give_space_for", "follow_up_within", "in_person_every", "close_loop_after",
             "update_every")
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
                     "meeting_notes", "meeting_property", "event_notes", "event_property",
                     "plan_days", "capture", "sync"])
CAPTURE_KEYS = ["calendars", "exclude", "linkedin", "mail", "me", "reply_within", "subjects"]
SYNC_KEYS = ["calendar", "contacts", "days", "groups", "reminder_time", "vcard_version"]


def _capture(value: Any, root: Path, path: Path) -> CaptureSettings:
    """The `[capture]` table. Paths are absolute, `~`-relative or relative to the vault."""
    if not isinstance(value, dict):
        raise ConfigError('capture: expected a table, e.g. [capture] me = ["me@example.com"]',
                          path)
    found: dict[str, Any] = {}
    for key, item in value.items():
        where = f"capture.{key}"
        if key not in CAPTURE_KEYS:
            raise _unknown(key, CAPTURE_KEYS, path, "capture.")
        if key == "subjects":
            found[key] = _typed(where, item, bool, path)
        elif key == "reply_within":
            found[key] = _cadence(where, item, path)
            if found[key].never:
                raise ConfigError(f"{where}: a span such as 14d, not never", path)
        else:
            if isinstance(item, str):
                item = [item]
            if not isinstance(item, list) or not all(isinstance(v, str) and v.strip()
                                                     for v in item):
                raise ConfigError(f'{where}: expected a list, e.g. ["{_EXAMPLES[key]}"]', path)
            if key in ("mail", "calendars", "linkedin"):
                found[key] = tuple(_outside_path(v, root) for v in item)
            elif key == "me":
                found[key] = frozenset(v.strip().casefold() for v in item)
            else:
                found[key] = tuple(v.strip().casefold() for v in item)
    return CaptureSettings(**found)


def _sync(value: Any, root: Path, path: Path) -> SyncSettings:
    """The `[sync]` table. Its folders are absolute, `~`-relative or relative to the
    vault, and lie outside it: vdirsyncer's files are not notes."""
    if not isinstance(value, dict):
        raise ConfigError('sync: expected a table, e.g. [sync] contacts = '
                          '"~/.local/share/vaulttools/contacts"', path)
    found: dict[str, Any] = {}
    for key, item in value.items():
        where = f"sync.{key}"
        if key not in SYNC_KEYS:
            raise _unknown(key, SYNC_KEYS, path, "sync.")
        if key in ("contacts", "calendar"):
            folder = _outside_path(_typed(where, item, str, path), root)
            if folder.resolve().is_relative_to(root.resolve()):
                raise ConfigError(f"{where}: {folder} is inside the vault; a vdir of cards "
                                  "or events must lie outside it (they are not notes)", path)
            found[key] = folder
        elif key == "vcard_version":
            found[key] = _typed(where, item, str, path)
            if found[key] not in ("3.0", "4.0"):
                raise ConfigError(f'{where}: "3.0" or "4.0", not {item!r}', path)
        elif key == "groups":
            if not isinstance(item, list) or not all(isinstance(v, str) for v in item):
                raise ConfigError(f'{where}: expected a list, e.g. ["mentor", "peer"]', path)
            found[key] = frozenset(v.strip().lower() for v in item)
        elif key == "days":
            found[key] = _typed(where, item, int, path)
            if not 1 <= found[key] <= 366:
                raise ConfigError(f"{where}: a number of days from 1 to 366", path)
        else:
            text = _typed(where, item, str, path)
            match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
            if match is None:
                raise ConfigError(f'{where}: a time of day such as "09:00", not {item!r}', path)
            found[key] = (int(match.group(1)), int(match.group(2)))
    return SyncSettings(**found)


_EXAMPLES = {"mail": "~/Maildir", "me": "me@example.com", "exclude": "*@lists.example.org",
             "calendars": "~/Takeout/Calendar", "linkedin": "~/Downloads/export.zip"}


def _outside_path(text: str, root: Path) -> Path:
    """A path from the config: absolute, `~`-relative, or relative to the vault."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else root / path
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _timezone(name: str, path: Path) -> str:
    """An IANA time zone name the system (or the tzdata package) knows."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: {name!r} is not a time zone; use a name such as "
                          '"Europe/Berlin" or "America/New_York"', path) from None
    return name.strip()


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
                update_every = None
                for sub, subvalue in table.items():
                    if sub == "cadence":
                        cadence = _cadence(f"{where}.cadence", subvalue, path)
                    elif sub == "weight":
                        weight = _typed(f"{where}.weight", subvalue, float, path)
                        if weight <= 0:
                            raise ConfigError(f"{where}.weight: must be above 0", path)
                    elif sub == "update_every":
                        update_every = _cadence(f"{where}.update_every", subvalue, path)
                    else:
                        raise _unknown(sub, ["cadence", "update_every", "weight"], path,
                                       f"{where}.")
                groups[name.lower()] = GroupSettings(cadence, weight, configured=True,
                                                     update_every=update_every)
        elif key == "fields":
            values[key] = _fields(value, path)
        elif key == "plan_days":
            values[key] = _weekdays(value, path)
        elif key == "capture":
            values[key] = _capture(value, root, path)
        elif key == "sync":
            values[key] = _sync(value, root, path)
        elif key in ("meeting_notes", "event_notes"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                example = "Meetings" if key == "meeting_notes" else "Events"
                raise ConfigError(f'{key}: expected a list of folders, e.g. '
                                  f'["{example}"]', path)
            values[key] = tuple(_relative_folder(key, v, path) for v in value)
        elif key in ("meeting_property", "event_property"):
            text = _typed(key, value, str, path)
            if text and not re.fullmatch(r"[^:\s][^:]*:\s*\S.*", text):
                example = "meeting" if key == "meeting_property" else "event"
                raise ConfigError(f"{key}: {text!r} must be `key: value`, such as "
                                  f'"type: {example}"', path)
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
    if values.get("timezone"):
        values["timezone"] = _timezone(values["timezone"], path)
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

"""Writing a vdir so that vdirsyncer sees a change only where something changed, and
nothing someone else wrote is ever overwritten or removed.

A file is written only when its bytes change. vaulttools remembers, per vdir,
a digest of every file it wrote (`written`, kept in the user's state folder
by push.py); a file it did not write, or one that changed since it wrote it
(the phone's edit, brought by vdirsyncer), is left as it is and reported. A
file it wrote that is gone was deleted on the other side: a card is then not
written again (that is the phone's choice to make), an event is.

A vdir's folder must hold nothing but its items (and vdirsyncer's
`displayname` and `color`): a folder with other files in it is refused, so a
config that names the wrong folder cannot scatter cards among the user's files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vaulttools.edit.safewrite import replace_file
from vaulttools.errors import ConfigError

METADATA = frozenset({"displayname", "color"})  # what vdirsyncer's metasync keeps there


@dataclass
class VdirReport:
    """What writing one vdir did (or would do)."""

    written: list[str] = field(default_factory=list)  # file names
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    changed_elsewhere: list[str] = field(default_factory=list)  # left as they are
    deleted_elsewhere: list[str] = field(default_factory=list)  # not written again

    def as_dict(self) -> dict[str, object]:
        return {"written": self.written, "removed": self.removed, "unchanged": self.unchanged,
                "changed_elsewhere": self.changed_elsewhere,
                "deleted_elsewhere": self.deleted_elsewhere}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_vdir(folder: Path, suffix: str, what: str) -> None:
    """Refuse a folder that holds anything but `suffix` files and vdir metadata."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise ConfigError(f"{what}: {folder} is not a folder")
    strangers = sorted(entry.name for entry in os.scandir(folder)
                       if not entry.name.startswith(".") and entry.name not in METADATA
                       and not (entry.is_file() and entry.name.endswith(suffix)))
    if strangers:
        raise ConfigError(f"{what}: {folder} holds more than {suffix} files ({strangers[0]}"
                          f"{' and more' if len(strangers) > 1 else ''}); name a folder of "
                          f"its own, for vdirsyncer to keep in step")


def write_vdir(folder: Path, wanted: Mapping[str, bytes], written: dict[str, str],
               rewrite_deleted: bool, dry_run: bool = False) -> VdirReport:
    """Make `folder` hold `wanted` (file name -> bytes) as far as it is vaulttools' to
    do; `written` (name -> digest of what vaulttools wrote) is brought up to date
    unless a dry run. A file deleted on the other side is written again only with
    `rewrite_deleted`."""
    report = VdirReport()
    if not dry_run:
        folder.mkdir(parents=False, exist_ok=True)
    for name, data in sorted(wanted.items()):
        current = _read(folder / name)
        mine = written.get(name)
        if current == data:
            report.unchanged += 1
            if not dry_run:
                written[name] = digest(data)
        elif current is None and mine is not None and not rewrite_deleted:
            report.deleted_elsewhere.append(name)
        elif current is not None and (mine is None or digest(current) != mine):
            report.changed_elsewhere.append(name)
        else:
            report.written.append(name)
            if not dry_run:
                replace_file(folder / name, data)
                written[name] = digest(data)
    for name in sorted(set(written) - set(wanted)):
        current = _read(folder / name)
        if current is None:
            if not dry_run:
                del written[name]
        elif digest(current) == written[name]:
            report.removed.append(name)
            if not dry_run:
                (folder / name).unlink()
                del written[name]
        else:
            report.changed_elsewhere.append(name)
    return report


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None

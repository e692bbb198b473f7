"""`vaulttools init`: mark a folder as a vault without touching anything else in it.

With `--git`, also what a vault kept in git wants: `.gitattributes` lines, and
a merge driver for the generated index notes registered in the clone's git
config (git keeps drivers per clone, so every clone runs `init --git` once).
The driver (`vaulttools merge-driver`, render/gitmerge.py) keeps this side's
copy of a generated index note, so the merge never stops on one and the next
`index` or the watcher regenerates it from the merged contacts; any other
file in the index folder merges as git merges it.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from vaulttools.config import CONFIG_NAME, index_apart
from vaulttools.errors import VaultError

CONFIG_TEMPLATE = """\
# vaulttools settings. Every key is optional; the values shown are the defaults.
# Reference: docs/config.md

# Folders (inside the vault) that hold one note per contact.
contacts = ["People"]

# Folder for the generated index notes (Due, Contacts, Birthdays, Review...).
index = "Index"

# Daily notes: "" finds YYYY-MM-DD.md anywhere in the vault, as Obsidian does.
daily_notes = ""
daily_format = "YYYY-MM-DD"

# Cadence grammar: 10d, 2w, 3m, 1y, or weekly, monthly, quarterly, biannual,
# yearly, never.
default_cadence = "3m"
overdue_factor = 1.5       # overdue once 1.5 x the cadence has passed
retry_after = "3w"         # after one unanswered attempt, try again this soon
give_space_after = 2       # unanswered attempts in a row before giving space
dormant_after = "1y"       # no contact for this long: a tie worth reviving
reconnect_per_week = 3     # at most this many dormant ties suggested a week
upcoming_days = 7          # `due` shows what falls due this many days ahead
review_every = "6m"        # audit each contact this often

# Cadence and urgency weight per group; add your own groups here.
# [groups.mentor]
# cadence = "3m"
# weight = 1.5
"""


def attribute_pattern(folder: str) -> str:
    """`folder/**` as a .gitattributes pattern matching exactly that folder: glob
    characters escaped, and C-quoted when the name holds white space or a quote."""
    escaped = re.sub(r"([\\*?\[\]!#])", r"\\\1", folder.strip("/")) + "/**"
    if re.search(r'[\s"]', escaped):
        return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped


def git_lines(index_folder: str) -> dict[str, list[str]]:
    """The lines `init --git` makes sure each file (`.gitattributes`) holds."""
    pattern = attribute_pattern(index_folder)
    return {
        ".gitattributes": [
            "# vaulttools: notes keep LF endings in the repository; index notes are generated",
            "*.md text eol=lf",
            f"{pattern} linguist-generated=true",
            f"{pattern} merge={MERGE_DRIVER}",
        ],
    }


MERGE_DRIVER = "vaulttools-index"


def driver_config() -> dict[str, str]:
    """The clone's git config for the merge driver. It runs this very interpreter
    (`-m vaulttools`), so a merge works from a shell where vaulttools is not on PATH;
    after moving the install, `init --git` again points it at the new one."""
    python = shlex.quote(Path(sys.executable).as_posix())
    return {
        f"merge.{MERGE_DRIVER}.name": "vaulttools index notes: keep ours when both are "
                                      "generated; merge anything else as text",
        f"merge.{MERGE_DRIVER}.driver": f"{python} -m vaulttools merge-driver %O %A %B "
                                        "--marker-size %L --path %P",
    }


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=False)


def register_merge_driver(root: Path) -> Path | None:
    """Register the index notes' merge driver in the git config of the clone holding
    `root`; the config file's path when it changed, None when it was already there.

    VaultError when git is missing or `root` is not inside a git work tree.
    """
    if shutil.which("git") is None:
        raise VaultError("git is not installed; install it, then run `vaulttools init --git` "
                         "again to register the merge driver", root)
    inside = _git(root, "rev-parse", "--git-dir")
    if inside.returncode != 0:
        raise VaultError("not inside a git repository: run `git init` (or clone), then "
                         "`vaulttools init --git` again to register the merge driver", root)
    changed = False
    for key, value in driver_config().items():
        if _git(root, "config", "--local", "--get", key).stdout.rstrip("\n") != value:
            result = _git(root, "config", "--local", key, value)
            if result.returncode != 0:
                raise VaultError(f"git config {key} failed: {result.stderr.strip()}", root)
            changed = True
    git_dir = Path(inside.stdout.strip())
    return (root / git_dir if not git_dir.is_absolute() else git_dir) / "config" \
        if changed else None


def stale_merge_driver(root: Path) -> str | None:
    """A warning when the clone holding `root` still has the driver an older
    vaulttools registered (`driver = true`), which kept this side of every file in
    the index folder, a note of the user's too, and so lost the other side's edits.
    None when git is missing, `root` is in no repository, or the driver is current."""
    if shutil.which("git") is None:
        return None
    found = _git(root, "config", "--get", f"merge.{MERGE_DRIVER}.driver")
    if found.returncode != 0 or found.stdout.strip() != "true":
        return None
    return ("this clone's git merge driver for the index folder is an old one that keeps "
            "this side of every file there, your own notes too; run `vaulttools init --git` "
            "to replace it")


def ensure_lines(path: Path, wanted: list[str], root: Path) -> bool:
    """Append the wanted lines a file lacks, leaving every existing line alone."""
    from vaulttools.edit.safewrite import create_new, read_for_edit, write_back

    if not path.exists():
        create_new(path, ("\n".join(wanted) + "\n").encode("utf-8"), root)
        return True
    snapshot = read_for_edit(path, root)
    text = snapshot.data.decode("utf-8", errors="surrogateescape")
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in wanted if line.strip() not in present]
    if not missing:
        return False
    newline = "\r\n" if "\r\n" in text else "\n"
    prefix = "" if not text or text.endswith("\n") else newline
    addition = prefix + newline.join(missing) + newline
    write_back(snapshot, (text + addition).encode("utf-8", errors="surrogateescape"))
    return True


@dataclass
class InitResult:
    """What `init` did: the paths it created or changed, and what it could not do."""

    changed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _git_files(root: Path, index_folder: str, result: InitResult) -> None:
    result.changed += [root / name for name, lines in git_lines(index_folder).items()
                       if ensure_lines(root / name, lines, root)]
    try:
        config = register_merge_driver(root)
    except VaultError as exc:
        result.warnings.append(str(exc))
        return
    if config is not None:
        result.changed.append(config)


def init_vault(
    root: Path, contacts_folder: str = "People", index_folder: str = "Index",
    git: bool = False, extra: str = "",
) -> InitResult:
    """Write a commented config and create the contacts and index folders.

    `extra` is appended to the config (the `[fields]` table `init --detect`
    found). Refuses when a config exists, unless `git` asks only for the git
    files (`.gitattributes` and the merge driver).
    """
    root = root.expanduser()
    config = root / CONFIG_NAME
    result = InitResult()
    if config.exists():
        if not git:
            raise VaultError("already a vault: the config exists; edit it instead", config)
        from vaulttools.config import load_settings

        _git_files(root, load_settings(root).index, result)
        return result
    if root.exists() and not root.is_dir():
        raise VaultError("not a folder", root)
    index_apart(index_folder.strip("/"), [contacts_folder.strip("/")], config)
    if not root.exists():
        root.mkdir(parents=True)
        result.changed.append(root)
    # A TOML basic string is a JSON string: a folder named `Say "hi"` stays one.
    text = CONFIG_TEMPLATE.replace('contacts = ["People"]',
                                   f"contacts = [{_toml_text(contacts_folder)}]")
    text = text.replace('index = "Index"', f"index = {_toml_text(index_folder)}") + extra
    with open(config, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    result.changed.append(config)
    for folder in (contacts_folder, index_folder):
        path = root / folder
        if not path.exists():
            path.mkdir(parents=True)
            result.changed.append(path)
    if git:
        _git_files(root, index_folder, result)
    return result


def _toml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)

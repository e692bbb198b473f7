"""`vaulttools init`: mark a folder as a vault without touching anything else in it."""

from __future__ import annotations

from pathlib import Path

from .config import CONFIG_NAME
from .errors import VaultError

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


def git_lines(index_folder: str) -> dict[str, list[str]]:
    """The lines `init --git` makes sure `.gitattributes` and `.gitignore` hold."""
    return {
        ".gitattributes": [
            "# vaulttools: notes keep LF endings in the repository; index notes are generated",
            "*.md text eol=lf",
            f"{index_folder}/** linguist-generated=true",
        ],
    }


def ensure_lines(path: Path, wanted: list[str], root: Path) -> bool:
    """Append the wanted lines a file lacks, leaving every existing line alone."""
    from .safewrite import create_new, read_for_edit, write_back

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


def init_vault(
    root: Path, contacts_folder: str = "People", index_folder: str = "Index",
    git: bool = False,
) -> list[Path]:
    """Write a commented config and create the contacts and index folders.

    Refuses when a config exists, unless `git` asks only for the git files
    (`.gitattributes`, `.gitignore`). Returns the paths it created or changed.
    """
    root = root.expanduser()
    config = root / CONFIG_NAME
    if config.exists():
        if not git:
            raise VaultError("already a vault: the config exists; edit it instead", config)
        from .config import load_settings

        index_folder = load_settings(root).index
        return [root / name for name, lines in git_lines(index_folder).items()
                if ensure_lines(root / name, lines, root)]
    if root.exists() and not root.is_dir():
        raise VaultError("not a folder", root)
    created: list[Path] = []
    if not root.exists():
        root.mkdir(parents=True)
        created.append(root)
    text = CONFIG_TEMPLATE.replace('contacts = ["People"]', f'contacts = ["{contacts_folder}"]')
    text = text.replace('index = "Index"', f'index = "{index_folder}"')
    with open(config, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    created.append(config)
    for folder in (contacts_folder, index_folder):
        path = root / folder
        if not path.exists():
            path.mkdir(parents=True)
            created.append(path)
    if git:
        created += [root / name for name, lines in git_lines(index_folder).items()
                    if ensure_lines(root / name, lines, root)]
    return created

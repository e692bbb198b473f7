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


def init_vault(
    root: Path, contacts_folder: str = "People", index_folder: str = "Index"
) -> list[Path]:
    """Write a commented config and create the contacts and index folders.

    Refuses when a config exists. Returns the paths it created.
    """
    root = root.expanduser()
    config = root / CONFIG_NAME
    if config.exists():
        raise VaultError("already a vault: the config exists; edit it instead", config)
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
    return created

"""`sync`, in its order: pull the phone's edits into the notes, then push the notes
(and the reminders) back out, one undo unit for what the pull wrote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from vaulttools.edit.api import Editor
from vaulttools.errors import ConfigError
from vaulttools.read.load import load_vault
from vaulttools.sync.pull import PullReport, pull
from vaulttools.sync.push import PushReport, card_files, push
from vaulttools.sync.state import load_state


@dataclass
class SyncReport:
    pulled: PullReport | None
    pushed: PushReport

    def as_dict(self) -> dict[str, Any]:
        return {"pulled": self.pulled.as_dict() if self.pulled else None,
                **self.pushed.as_dict()}


def sync(editor: Editor, today: date, dry_run: bool = False,
         accept_deletions: bool = False, restore: Sequence[str] = ()) -> SyncReport:
    """Pull, then push (see pull.py and push.py); nothing written in a dry run. The
    cards of the contacts `restore` names, deleted on the phone, are written again."""
    vault = editor.vault
    settings = vault.settings.sync
    if not settings.configured:
        raise ConfigError('nothing to sync: set [sync] contacts = "~/.local/share/vaulttools/'
                          'contacts" (and calendar = ...) in the config',
                          vault.settings.config_path or vault.root)
    state = load_state(vault.root)
    if restore:
        wanted = {id(contact) for contact in vault.find_all(restore)}
        for name, contact in card_files(vault, settings.contacts).items():
            if id(contact) in wanted:  # forgotten: the push writes it as a new card
                state.contacts.pop(name, None)
                state.fields.pop(name, None)
    pulled = None
    folder = settings.contacts
    if folder is not None and folder.is_dir():
        pulled = pull(editor, folder, state.contacts, state.fields,
                      card_files(vault, folder), today, accept_deletions, dry_run)
        if not dry_run:
            if pulled.edits or (pulled.new and pulled.new.new):
                vault = load_vault(vault.root)
            # Read and brought in, the card of a synced note (one made on the phone
            # included): the push may write it again. Any other card stays the phone's.
            files = card_files(vault, folder)
            state.contacts.update({name: seen for name, seen in pulled.seen.items()
                                   if name in files})
    pushed = push(vault, today, state, dry_run)
    if not dry_run:
        state.save()
    return SyncReport(pulled, pushed)

"""The one error hierarchy: every user-facing failure is a VaultError.

Each error carries the path it concerns (when there is one) and a reason in
plain words. ``cli/base.py`` turns them into a message and an exit code in one
place; library code never prints or exits.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """A problem the user can fix: bad input, a refused write, a bad name."""

    exit_code = 1

    def __init__(self, reason: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.reason
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.reason}"


class ConfigError(VaultError):
    """`.vaulttools.toml` is missing, unreadable or holds a bad key or value."""

    exit_code = 2


class VaultNotFound(ConfigError):
    """No vault could be found from --vault, VAULTTOOLS_VAULT or the current folder."""


class NoteError(VaultError):
    """A note cannot be read or parsed (bad YAML, not UTF-8, too large...)."""


class ContactLookupError(VaultError):
    """A contact name that matches nobody, or more than one contact: a usage error."""

    exit_code = 2

    def __init__(self, reason: str, candidates: list[str] | None = None):
        super().__init__(reason)
        self.candidates = candidates or []


class UnknownContact(ContactLookupError):
    """No contact matches the name."""


class AmbiguousContact(ContactLookupError):
    """Several contacts match the name."""


class UnknownFilter(VaultError):
    """A --group or --tag that no contact has (and no setting names): a typo, most likely."""

    exit_code = 2


class InvalidValue(VaultError):
    """A value typed on the command line that cannot be written as it is: a date in the
    future or before 1900, a cadence of 0, text Obsidian would hide: a usage error."""

    exit_code = 2


class UnknownChannel(InvalidValue):
    """A `--via` channel close to a known one: a typo, most likely (`--force` keeps it)."""


class WriteRefused(VaultError):
    """An edit was refused to protect the user's file (read-only, changed on disk...)."""


class LockTimeout(WriteRefused):
    """Another vaulttools process held the vault's write lock for too long."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class TemplateProblem(VaultError):
    """A jinja2 template failed to load or render."""

"""Creating contact notes: a safe file name, the contact template, extra fields.

Used by `vaulttools new` and by imports. A new note is rendered from
`contact.md.j2` (overridable from the vault), then given any extra fields with
the same minimal-edit core as every other edit, then parsed to make sure the
template produced a sound note.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2

from vaulttools.config import Settings
from vaulttools.edit.api import Editor, done
from vaulttools.edit.draft import REMOVE, Edit
from vaulttools.edit.noteedit import NoteText
from vaulttools.edit.typed import check_typed_date
from vaulttools.errors import ContactLookupError, VaultError
from vaulttools.identity import new_uid
from vaulttools.model import FIELD_BY_KEY, Contact
from vaulttools.names import fold
from vaulttools.read.notes import parse_note
from vaulttools.read.yaml.values import Value
from vaulttools.render.templates import environment, render
from vaulttools.render.usertemplate import from_template

_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f]')


# Every system allows 255 per file name (UTF-8 bytes on Linux and APFS, UTF-16
# units on NTFS, never more units than UTF-8 bytes): a stem of at most 200 bytes
# leaves room for `.md`, a ` 2` an import adds, and the temp file's affixes.
MAX_STEM_BYTES = 200


# Names Windows keeps for devices, with any extension: `CON.md` cannot be created.
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in "123456789¹²³"),
                       *(f"LPT{n}" for n in "123456789¹²³")})


def safe_file_name(name: str) -> str:
    """A file name Obsidian can link to and every system can create: no path
    separators or link syntax, no name Windows reserves (`CON`, `COM1`...), at most
    120 characters and MAX_STEM_BYTES bytes, cut between characters."""
    cleaned = _UNSAFE.sub(" ", unicodedata.normalize("NFC", name))
    cleaned = " ".join(cleaned.split()).strip(" .")
    if not cleaned:
        raise VaultError(f"{name!r} makes no usable file name")
    cleaned = cleaned[:120]
    cleaned = cleaned.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip(" .")
    device, dot, rest = cleaned.partition(".")
    if device.strip().upper() in _RESERVED:  # Windows reads only what comes before a dot
        cleaned = f"{device.rstrip()} (contact){dot}{rest}"
    return cleaned


def taken_names(folder: Path) -> set[str]:
    """Folded file names already in a folder (so `ann.md` blocks `Ann.md`)."""
    return {fold(p.name) for p in folder.iterdir()} if folder.is_dir() else set()


def render_note(
    settings: Settings,
    name: str,
    today: date,
    path: Path,
    relpath: str,
    fields: Mapping[str, Value | object] | None = None,
    note: str | None = None,
    env: jinja2.Environment | None = None,
    **template_fields: Any,
) -> str:
    """The text of a new contact note; VaultError if the result is not a sound note.

    With `person_template` set, from the user's template (usertemplate.py), the
    values the contact template would take written under its keys."""
    if settings.person_template:
        values = {key: value for key, value in _template_values(template_fields).items()
                  if value not in (None, "", [])}
        text = from_template(settings, name, datetime.combine(today, datetime.now().time()),
                             {"name": name, **values})
    else:
        text = render(env or environment(settings), "contact.md.j2", name=name, today=today,
                      **template_fields)
    if fields or note:
        editable = NoteText.parse(text)
        for key, value in (fields or {}).items():
            if value is REMOVE:
                editable.remove_field(key)
            else:
                editable.set_field(key, value)  # type: ignore[arg-type]
        if note:
            editable.insert_before_log([*note.strip().splitlines(), ""], settings.log_headings)
        text = editable.render()
    parsed = parse_note(text, path, relpath, log_titles=settings.log_headings)
    errors = [p for p in parsed.problems if p.severity == "error"]
    if parsed.contact is None or errors:
        reason = errors[0].format() if errors else "no contact"
        raise VaultError(f"the contact template produced a broken note: {reason}")
    return text


def _template_values(template_fields: Mapping[str, Any]) -> dict[str, Any]:
    """What contact.md.j2 is given, as front-matter values (`met_via` a wikilink)."""
    values = dict(template_fields)
    if values.get("met_via"):
        values["met_via"] = f"[[{values['met_via']}]]"
    return values


def plan_new(
    settings: Settings, existing: Sequence[Contact], name: str, today: date, **fields: Any
) -> Edit:
    """Render the contact template into a new note; refuse when the name is taken."""
    name = " ".join(name.split())
    file_name = safe_file_name(name) + ".md"
    wanted = {fold(name), fold(file_name[:-3])}
    for contact in existing:
        if wanted & contact.keys:
            raise VaultError(f"a contact named {contact.name!r} exists already "
                             f"({contact.relpath}); nothing written")
    for key, value in fields.items():
        spec = FIELD_BY_KEY.get(key)
        if isinstance(value, str) and "," in value and spec and spec.kind in ("list", "tags"):
            # As `set` does, and as the note would be read: commas part a list's items.
            fields[key] = [item.strip() for item in value.split(",") if item.strip()]
    folder = settings.root / settings.contacts[0]
    relpath = f"{settings.contacts[0]}/{file_name}"
    if fold(file_name) in taken_names(folder):
        raise VaultError(f"{relpath} exists already; nothing written")
    path = folder / file_name
    # The contact template has no `phone` variable: it is set once the note is made.
    phone = fields.pop("phone", None)
    after = {"uid": new_uid(), **({"phone": phone} if phone else {})}
    text = render_note(settings, name, today, path, relpath, after, **fields)
    return Edit(path, relpath, None, text.encode("utf-8"), [f"new contact {name}"])


def new_contact(editor: Editor, name: str, today: date, dry_run: bool = False,
                **fields: object) -> Edit:
    """Create a contact note from the contact template, under the vault's write lock.

    Dates (`met`, `last_contact`) are of what has happened: not after `today`,
    nor before 1900. `met_via` that names a contact is written as that contact's name; someone
    not (yet) in the vault is kept as typed.
    """
    vault = editor.vault
    for key, value in fields.items():
        if isinstance(value, date):
            check_typed_date(key, value, today)
    met_via = fields.get("met_via")
    if isinstance(met_via, str) and met_via:
        with contextlib.suppress(ContactLookupError):
            fields["met_via"] = vault.find(met_via).name
    with editor.writing(dry_run):
        return done(plan_new(vault.settings, vault.contacts, name, today, **fields), dry_run)

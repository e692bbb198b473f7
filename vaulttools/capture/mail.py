"""Mail as capture reads it: mbox files, Maildirs and folders of .eml, headers only.

Only the header block of each message is read and parsed (the stdlib `email`
package, which decodes RFC 2047 words in any charset); a body is never read
into a record, let alone stored. Mailing lists, bulk mail, auto-replies and
no-reply senders are skipped, each counted under its reason. What cannot be
read (a header block that does not parse, a date that does not) is a problem
naming the file and the message; the rest is read.
"""

from __future__ import annotations

import email.header
import email.utils
import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from vaulttools.capture.mailscan import addresses, header_fields, mbox_headers, split_point
from vaulttools.capture.records import Message, SourceProblem, Visit
from vaulttools.read.cache.helper import Helper

# A header block longer than this is not a mail's headers (a binary file, a body).
MAX_HEADER_BYTES = 256 * 1024
# An mbox at least this large is read in two parts when a helper process is lent;
# the helper takes the smaller part, as it also packs what it read for the trip back.
SPLIT_BYTES = 64 * 1024 * 1024
HELPER_SHARE = 0.45
NO_REPLY = re.compile(r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)"
                      r"([+._-][^@]*)?@", re.IGNORECASE)
AUTO_SUBJECT = re.compile(r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?repl"
                          r"|autoreply|abwesenheit|absence|réponse automatique|away from)",
                          re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")


@dataclass
class MailRead:
    """What reading the mail sources gave: the messages, what was skipped and why,
    and what could not be read."""

    reference: bool = False  # read with the standard library alone (see read_mail)
    total: int = 0  # every message met, read or not
    messages: list[Message] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[SourceProblem] = field(default_factory=list)

    def marshal(self) -> tuple[Any, ...]:
        """As plain data a helper process can send back (see unmarshal)."""
        return (self.total, [(m.key, m.when.isoformat(), m.sender, m.recipients, m.copied,
                              m.subject, m.thread, m.source, m.channel) for m in self.messages],
                dict(self.skipped), [tuple(p) for p in self.problems])

    @classmethod
    def unmarshal(cls, data: tuple[Any, ...], path: Path, before: int) -> MailRead:
        """What marshal() gave for a part of the mbox at `path`, its messages numbered
        as in the whole file, `before` messages preceding the part."""
        total, messages, skipped, problems = data
        prefix = f"{path}: message "

        def shifted(where: str) -> str:
            number = where[len(prefix):]
            if where.startswith(prefix) and number.isdigit():
                return f"{prefix}{int(number) + before}"
            return where

        return cls(False, total,
                   [Message(key, datetime.fromisoformat(when), sender, recipients, copied,
                            subject, thread, shifted(source), channel)
                    for key, when, sender, recipients, copied, subject, thread, source, channel
                    in messages],
                   Counter(skipped), [SourceProblem(shifted(p[0]), *p[1:]) for p in problems])


def read_mail(sources: list[Path], exclude: tuple[str, ...] = (),
              visit: Visit | None = None, reference: bool = False,
              helper: Helper | None = None) -> MailRead:
    """Every message of every source (an mbox, a Maildir, a folder of .eml or one .eml),
    but those in files `visit` says are unchanged since the last run. `reference`
    reads with the standard library alone (mailbox, the email parser): the plain
    implementation the fast path (mailscan.py) is tested against. A `helper`
    (read/cache/helper.py) reads the last part of a large mbox meanwhile; the result is
    the same without one."""
    found = MailRead(reference=reference)
    visit = visit or Visit()
    for source in sources:
        if not source.exists():
            found.problems.append(SourceProblem(str(source), "no such file or folder", True))
            continue
        if not reference and helper is not None and mail_kind(source) == "mbox":
            if visit.fresh(source):
                _read_mbox_in_parts(found, source, exclude, helper)
            continue
        for where, block in _header_blocks(source, found.problems, visit, reference):
            _add(found, where, block, exclude)
    return found


def _read_mbox_in_parts(found: MailRead, path: Path, exclude: tuple[str, ...],
                         helper: Helper) -> None:
    """The mbox at `path` into `found`, its last part read by `helper` when the file is
    large and the helper can start; numbered as one reading would number it."""
    try:
        size = path.stat().st_size
        middle = (split_point(path, int(size * (1 - HELPER_SHARE)))
                  if size >= SPLIT_BYTES and helper.available() else None)
    except OSError:
        middle = None
    if middle is None:
        parts = [_mbox_range(path, 0, None, exclude)]
    else:
        last_part = middle
        pending = helper.start(lambda: _mbox_range(path, last_part, None, exclude).marshal())
        first = _mbox_range(path, 0, middle if pending is not None else None, exclude)
        parts = [first]
        if pending is not None:
            shipped = pending.result()
            if shipped is None:  # the helper failed: read that part here
                shipped = _mbox_range(path, middle, None, exclude).marshal()
            parts.append(MailRead.unmarshal(shipped, path, first.total))
    for part in parts:
        found.total += part.total
        found.messages += part.messages
        found.skipped += part.skipped
        found.problems += part.problems


def _mbox_range(path: Path, start: int, stop: int | None,
                exclude: tuple[str, ...]) -> MailRead:
    """The messages that begin in [start, stop) of the mbox, numbered from 1."""
    found = MailRead()
    for where, block in _mbox_blocks(path, found.problems, start, stop):
        _add(found, where, block, exclude)
    return found


def mail_kind(path: Path) -> str | None:
    """`mbox`, `maildir`, `eml` or `folder` (of mail files) from the content; None when
    `path` is no mail at all."""
    if path.is_dir():
        if (path / "cur").is_dir() or (path / "new").is_dir():
            return "maildir"
        return "folder"
    try:
        with path.open("rb") as handle:
            start = handle.read(1024)
    except OSError:
        return None
    if start.startswith(b"From "):
        return "mbox"
    if re.match(rb"(?:[!-9;-~]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*){2}", start):
        return "eml"
    return None


def _header_blocks(source: Path, problems: list[SourceProblem],
                   visit: Visit, reference: bool = False) -> Iterator[tuple[str, bytes]]:
    kind = mail_kind(source)
    mbox_blocks = _reference_mbox_blocks if reference else _mbox_blocks
    if kind == "mbox":
        if visit.fresh(source):
            yield from mbox_blocks(source, problems)
    elif kind == "eml":
        if visit.fresh(source):
            yield from _file_block(source, problems)
    elif kind in ("maildir", "folder"):
        for folder, dirs, files in os.walk(source):
            dirs.sort()
            in_maildir = Path(folder).name in ("cur", "new") or kind == "folder"
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith(".") or not in_maildir or not visit.fresh(path):
                    continue
                inner = mail_kind(path)
                if inner == "mbox":
                    yield from mbox_blocks(path, problems)
                elif inner == "eml":
                    yield from _file_block(path, problems)
    else:
        problems.append(SourceProblem(str(source), "not a mail file (an mbox, a Maildir or "
                                                   "a .eml file)", True))


def _file_block(path: Path, problems: list[SourceProblem]) -> Iterator[tuple[str, bytes]]:
    try:
        with path.open("rb") as handle:
            yield str(path), _header_block(handle)
    except OSError as exc:
        problems.append(SourceProblem(str(path), f"cannot be read: {exc.strerror or exc}",
                                      True))


def _mbox_blocks(path: Path, problems: list[SourceProblem], start: int = 0,
                 stop: int | None = None) -> Iterator[tuple[str, bytes]]:
    try:
        for number, block in enumerate(mbox_headers(path, start, stop), 1):
            yield f"{path}: message {number}", block
    except OSError as exc:
        problems.append(SourceProblem(str(path), f"cannot be read: {exc.strerror or exc}",
                                      True))


def _reference_mbox_blocks(path: Path,
                           problems: list[SourceProblem]) -> Iterator[tuple[str, bytes]]:
    import mailbox  # the reference alone reads with it

    try:
        box = mailbox.mbox(path, create=False)
        keys = box.keys()
    except (OSError, mailbox.Error) as exc:
        problems.append(SourceProblem(str(path), f"cannot be read: {exc}", True))
        return
    try:
        for number, key in enumerate(keys, 1):
            handle = box.get_file(key)
            try:
                yield f"{path}: message {number}", _header_block(handle)
            finally:
                handle.close()
    finally:
        box.close()


def _header_block(handle: Iterable[bytes]) -> bytes:
    """The header lines of a message, up to the blank line that ends them."""
    lines, size = [], 0
    for line in handle:
        if line in (b"\n", b"\r\n") or size > MAX_HEADER_BYTES:
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)


def _add(found: MailRead, where: str, block: bytes, exclude: tuple[str, ...]) -> None:
    found.total += 1
    fields = None if found.reference else header_fields(block)
    if fields is None:
        # Only the reference and what mailscan leaves to it: a run with nothing new
        # never loads the email package's parser.
        from email.parser import BytesHeaderParser

        try:
            parsed = BytesHeaderParser().parsebytes(block)
        except Exception as exc:  # the email package raises many kinds on garbage
            found.problems.append(SourceProblem(where, f"headers do not parse: {exc}"))
            return
        fields = {}
        for name, value in parsed.items():
            fields.setdefault(name.lower(), []).append(value)
    address_list = _reference_addresses if found.reference else _addresses
    subject = _subject(_first(fields, "subject"))
    skip = _skip_reason(fields, subject)
    if skip:
        found.skipped[skip] += 1
        return
    sender = address_list(fields.get("from", []))
    if not sender:
        found.problems.append(SourceProblem(where, "no sender (From) it could read"))
        return
    if _excluded(sender[0], exclude):
        found.skipped["excluded in the config"] += 1
        return
    if NO_REPLY.match(sender[0]):
        found.skipped["no-reply sender"] += 1
        return
    when = _date(_first(fields, "date"))
    if when is None:
        found.problems.append(SourceProblem(where, f"a date that does not parse: "
                                                   f"{_text(_first(fields, 'date'))!r}"))
        return
    recipients = tuple(a for a in address_list(fields.get("to", []))
                       if not _excluded(a, exclude))
    copied = tuple(a for a in address_list(fields.get("cc", []))
                   if not _excluded(a, exclude) and a not in recipients)
    key = _message_id(_first(fields, "message-id")) or _digest(sender[0], when, subject)
    references = _MESSAGE_ID.findall(_text(_first(fields, "references")))
    replied_to = _MESSAGE_ID.findall(_text(_first(fields, "in-reply-to")))
    thread = (references or replied_to or [key])[0]
    found.messages.append(Message(key, when, sender[0], recipients, copied, subject, thread,
                                  where))


def _first(fields: dict[str, list[Any]], name: str) -> Any:
    """The first value of header `name` (lower case), or ""."""
    values = fields.get(name)
    return values[0] if values else ""


# Headers that mark a mail no person wrote for the user: lists, bulk, auto-replies.
_MARKS = frozenset({"list-id", "list-unsubscribe", "precedence", "auto-submitted",
                    "x-autoreply", "x-autorespond"})


def _skip_reason(fields: dict[str, list[Any]], subject: str) -> str | None:
    if not _MARKS.isdisjoint(fields):
        if _first(fields, "list-id") or _first(fields, "list-unsubscribe"):
            return "mailing list"
        if _text(_first(fields, "precedence")).strip().lower() in ("bulk", "list", "junk"):
            return "bulk mail"
        auto = _text(_first(fields, "auto-submitted")).strip().lower()
        if ((auto and auto != "no") or _first(fields, "x-autoreply")
                or _first(fields, "x-autorespond")):
            return "auto-reply"
    if AUTO_SUBJECT.match(subject):
        return "auto-reply"
    return None


def _text(value: object) -> str:
    """A raw header value as text: bytes outside ASCII (8-bit headers, which the parser
    hands over as a Header of unknown charset) read as UTF-8, else Windows-1252."""
    if isinstance(value, email.header.Header):
        return "".join(_decoded(part, charset)
                       for part, charset in email.header.decode_header(value))
    text = str(value)
    if not text.isascii() and any("\udc80" <= ch <= "\udcff" for ch in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def _decoded(part: bytes | str, charset: str | None) -> str:
    if isinstance(part, str):
        return part
    for name in ([charset] if charset and charset != "unknown-8bit" else []) + ["utf-8"]:
        try:
            return part.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return part.decode("cp1252", "replace")


def _subject(value: object) -> str:
    raw = _text(value)
    if "=?" not in raw:
        return " ".join(_CONTROL.sub(" ", raw).split())
    try:  # each encoded word in its own charset; one that is unknown is read as UTF-8
        text = "".join(_decoded(part, charset)
                       for part, charset in email.header.decode_header(raw))
    except (UnicodeError, ValueError, email.errors.HeaderParseError):
        text = raw
    return " ".join(_CONTROL.sub(" ", text).split())


def _addresses(values: Sequence[object]) -> list[str]:
    return addresses([_text(v) for v in values])


def _reference_addresses(values: Sequence[object]) -> list[str]:
    found = []
    for _name, address in email.utils.getaddresses([_text(v) for v in values]):
        address = address.strip().strip("<>").casefold()
        if "@" in address and address not in found:
            found.append(address)
    return found


def _excluded(address: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    from fnmatch import fnmatchcase

    return any(fnmatchcase(address, pattern) for pattern in patterns)


def _date(value: object) -> datetime | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(_text(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def _message_id(value: object) -> str:
    found = _MESSAGE_ID.findall(_text(value))
    return found[0] if found else _text(value).strip()


def _digest(sender: str, when: datetime, subject: str) -> str:
    text = f"{sender}\n{when.isoformat()}\n{subject}"
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()

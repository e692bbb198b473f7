"""LinkedIn messages as capture reads them: `messages.csv` of LinkedIn's data export,
or the export's zip, which holds it (read in place through io/exportfiles).

Each row is a message: who sent it (a profile URL, else a name), to whom, when
(`2026-11-02 10:14:00 UTC`), in which conversation. The CONTENT column is
never read into a record. People are the profile URLs, as io/records
normalises them; a row without one falls back on the name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from vaulttools.capture.records import Message, SourceProblem, Visit
from vaulttools.io.exportfiles import members
from vaulttools.io.records import person_name
from vaulttools.names import fold, normalise_linkedin

CHANNEL = "linkedin"
NEEDED = ("CONVERSATION ID", "FROM", "DATE")


@dataclass
class LinkedInRead:
    messages: list[Message] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    total: int = 0


def is_linkedin(path: Path) -> bool:
    """LinkedIn's messages.csv, or a zip (the export), from the content."""
    if path.is_dir():
        return False
    try:
        with path.open("rb") as handle:
            start = handle.read(512)
    except OSError:
        return False
    return start.startswith(b"PK\x03\x04") or b"CONVERSATION ID" in start.upper()


def person_key(url: str, name: str) -> str:
    """Who a LinkedIn row names: the normalised profile URL, else `name:` and the name."""
    profile = normalise_linkedin(url)
    if profile:
        return profile
    cleaned, _ = person_name(name)  # `Sunita Rao 🚀`, `Lund, PhD`: as imports read them
    return f"name:{fold(cleaned)}" if cleaned.strip() else ""


def read_linkedin(sources: list[Path], visit: Visit | None = None) -> LinkedInRead:
    found = LinkedInRead()
    visit = visit or Visit()
    for source in sources:
        if source.exists() and not visit.fresh(source):
            continue
        opened = members(source, ("messages.csv",), "LinkedIn's messages.csv")
        found.problems += [SourceProblem(p.path, p.message, True) for p in opened.problems]
        for export in opened.files:
            _rows(export.origin, export.text, found)
    return found


def _rows(origin: str, text: str, found: LinkedInRead) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {name.strip().upper(): name for name in reader.fieldnames or []}
    if not all(name in columns for name in NEEDED):
        found.problems.append(SourceProblem(origin, "not LinkedIn's messages.csv (no "
                                                    f"{', '.join(NEEDED)} columns)", True))
        return

    def cell(row: dict[str, str], name: str) -> str:
        return (row.get(columns.get(name, ""), "") or "").strip()

    try:
        for row in reader:
            found.total += 1
            where = f"{origin}: line {reader.line_num}"
            if cell(row, "IS MESSAGE DRAFT").lower() == "yes":
                continue
            when = _date(cell(row, "DATE"))
            if when is None:
                found.problems.append(SourceProblem(where, "a date that does not parse: "
                                                           f"{cell(row, 'DATE')!r}"))
                continue
            sender = person_key(cell(row, "SENDER PROFILE URL"), cell(row, "FROM"))
            urls = [u for u in cell(row, "RECIPIENT PROFILE URLS").split(";") if u.strip()]
            recipients = tuple(k for k in (person_key(u, "") for u in urls) if k) or tuple(
                k for k in (person_key("", n) for n in cell(row, "TO").split(",")) if k)
            conversation = cell(row, "CONVERSATION ID")
            key = f"linkedin:{conversation}:{when.isoformat()}:{sender}"
            found.messages.append(Message(key, when, sender, recipients, (),
                                          cell(row, "SUBJECT"), f"linkedin:{conversation}",
                                          where, CHANNEL))
    except csv.Error as exc:
        found.problems.append(SourceProblem(f"{origin}: line {reader.line_num}",
                                            f"bad CSV: {exc}"))


def _date(text: str) -> datetime | None:
    """`2026-11-02 10:14:00 UTC` (LinkedIn's form), or an ISO date and time."""
    text = text.strip().removesuffix(" UTC").removesuffix("Z")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)

"""One imported person, and the normalisations used to match people across sources."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from vaulttools.model import Problem


@dataclass
class Person:
    """A person as an import source describes them; every field but name is optional."""

    name: str
    origin: str  # "file:line", for messages
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    linkedin: str | None = None
    location: str | None = None
    birthday: str | None = None  # YYYY-MM-DD or --MM-DD
    anniversaries: dict[str, str] = field(default_factory=dict)
    met: date | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def merge(self, other: Person) -> None:
        """Fill what this record lacks from another record of the same person."""
        for attr in ("company", "title", "linkedin", "location", "birthday", "met", "note"):
            if getattr(self, attr) in (None, "") and getattr(other, attr) not in (None, ""):
                setattr(self, attr, getattr(other, attr))
        for attr in ("emails", "phones", "tags", "aliases"):
            mine = getattr(self, attr)
            mine.extend(v for v in getattr(other, attr) if v not in mine)
        for label, value in other.anniversaries.items():
            self.anniversaries.setdefault(label, value)


@dataclass
class ReadResult:
    people: list[Person] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def warn(self, origin: object, line: int, message: str) -> None:
        self.problems.append(Problem(str(origin), line, "warning", message))


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def normalise_email(email: str) -> str:
    return email.strip().strip("<>").casefold()


def normalise_linkedin(url: str | None) -> str | None:
    """`https://www.linkedin.com/in/<slug>` for any form of a profile URL; else None.

    Scheme, `www.`/country subdomains, trailing slashes, query strings
    (tracking) and fragments are dropped; the slug is lowercased.
    """
    if not url:
        return None
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower().split(":")[0]
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return None
    match = re.match(r"^/(in|pub)/([^/?#]+)", parts.path)
    if not match:
        return None
    slug = unicodedata.normalize("NFC", match.group(2)).lower()
    return f"https://www.linkedin.com/{match.group(1)}/{slug}"


def normalise_phone(phone: str) -> str | None:
    """Digits only, international prefix 00 -> none; None when too short to compare."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("00"):
        digits = digits[2:]
    return digits if len(digits) >= 6 else None


def phones_match(a: str, b: str) -> bool:
    """Equal numbers, or the same last 9 digits (national vs international form)."""
    if a == b:
        return True
    return min(len(a), len(b)) >= 9 and a[-9:] == b[-9:]


def tag_slug(label: str) -> str:
    """A label as an Obsidian tag: lowercase, words joined by dashes."""
    text = re.sub(r"[^\w/-]+", "-", label.strip().lstrip("*").strip().lower())
    return text.strip("-")


def parse_loose_date(text: str) -> date | None:
    """`2024-03-15`, `20240315`, `15 Mar 2024`, `15-Mar-24`, `Mar 15, 2024`; None if not a date."""
    from datetime import datetime

    value = clean(text)
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d %b %Y", "%d %B %Y", "%d-%b-%y", "%d-%b-%Y",
                "%b %d, %Y", "%B %d, %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def yearly_text(text: str) -> str | None:
    """A birthday or anniversary as `YYYY-MM-DD` or `--MM-DD`; None when unreadable."""
    from vaulttools.cadence import YearlyDate

    value = clean(text).split("T")[0]
    match = re.fullmatch(r"--(\d{2})-?(\d{2})", value)
    if match:
        candidate = f"--{match.group(1)}-{match.group(2)}"
    else:
        day = parse_loose_date(value)
        if day is None:
            return None
        candidate = day.isoformat()
    try:
        return str(YearlyDate.parse(candidate))
    except ValueError:
        return None

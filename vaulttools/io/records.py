"""One imported person, and the normalisations used to match people across sources."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from vaulttools.model import Problem
from vaulttools.names import fold


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
    groups: list[str] = field(default_factory=list)  # only where vaulttools wrote them
    uid: str | None = None  # the source's stable id (vCard UID), or the note's `uid`
    status: str | None = None  # only where vaulttools wrote it (X-VAULTTOOLS-STATUS)
    sorted: bool = False  # a vault sorted them already (a vaulttools card): no triage

    def merge(self, other: Person) -> None:
        """Fill what this record lacks from another record of the same person."""
        if not (self.company or self.title):  # a role is a pair: never one half of each
            self.company, self.title = other.company, other.title
        self.sorted = self.sorted or other.sorted
        for attr in ("linkedin", "location", "birthday", "met", "note", "uid", "status"):
            if getattr(self, attr) in (None, "") and getattr(other, attr) not in (None, ""):
                setattr(self, attr, getattr(other, attr))
        for attr in ("emails", "phones", "tags", "aliases", "groups"):
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


# Letters after a name that are no part of it: degrees, certifications, honours.
POST_NOMINALS = frozenset((
    "phd", "ph.d", "dphil", "md", "m.d", "mba", "msc", "m.sc", "bsc", "b.sc", "ma", "ba",
    "ms", "bs", "meng", "beng", "jd", "llm", "ll.m", "esq", "cpa", "cfa", "cfp", "cma",
    "acca", "aca", "fca", "fcca", "cisa", "cissp", "pmp", "pe", "p.eng", "ceng", "mph",
    "mpa", "pharmd", "dds", "dvm", "rn", "frsa", "frs", "mbe", "obe", "cbe", "kbe", "faia",
    "aia", "leed", "shrm-cp", "sphr", "csm", "cspo", "cipd"))
_PRONOUNS = re.compile(r"^(?:she|he|they|xe|ze|any)(?:\s*/\s*\w+)+$", re.IGNORECASE)
# What LinkedIn users add after their name: `| Founder`, ` - Helping teams...`.
_TAGLINE = re.compile(r"\s+[|–—·•]\s.*$|\s+-\s+.*$|\s*\|.*$")


def _not_name_char(ch: str) -> bool:
    """Emoji and other symbols, their joiners, modifiers and variation selectors."""
    if ch == "\ufffd":
        return False  # kept, for `garbled` to see: a name that lost a letter is no name
    return unicodedata.category(ch) in ("So", "Sk", "Cn", "Co", "Cf", "Cs") or (
        "\ufe00" <= ch <= "\ufe0f")


def person_name(raw: str) -> tuple[str, list[str]]:
    """A name as people write it on LinkedIn, made a name: (the name, nicknames found).

    `Sunita Rao 🚀` -> `Sunita Rao`; `Erik Lund, PhD` and `Ana Silva MBA, CFA` lose
    their letters; `(she/her)`, `| Founder` and ` - Helping teams grow` go;
    `James (Jim) Smith` -> `James Smith`, with `Jim` a nickname. Empty when nothing of
    a name is left (a row of emoji)."""
    text = "".join(" " if _not_name_char(ch) else ch for ch in unicodedata.normalize("NFC", raw))
    text = _TAGLINE.sub("", clean(text))
    nicknames: list[str] = []

    def parenthetical(match: re.Match[str]) -> str:
        inner = clean(match.group(1))
        if inner and not _PRONOUNS.match(inner) and inner.lower().rstrip(".") not in \
                POST_NOMINALS and re.fullmatch(r"[^\W\d_][\w'.-]*", inner):
            nicknames.append(inner)
        return " "

    text = clean(re.sub(r"[(\[]([^)\]]*)[)\]]", parenthetical, text))
    text = clean(re.sub(r"(?:^|\s)(?:she|he|they)\s*/\s*\w+\b", " ", text,
                        flags=re.IGNORECASE))
    parts = [p.strip() for p in text.split(",")]
    while len(parts) > 1 and all(_post_nominal(word) or _LETTERS.fullmatch(word)
                                 for word in parts[-1].split()):
        parts.pop()  # `Lund, PhD`, `Silva, MBA, CFA`, `Tremblay, CPA, CA`
    words = ", ".join(parts).split()
    while len(words) > 2 and _post_nominal(words[-1]) and len(words[-1].strip(".,")) > 2:
        words.pop()  # `Ana Silva MBA`; never two letters, a surname too (`Li Na Ma`)
    return clean(" ".join(words)).strip(" ,.-"), nicknames


# After a comma, capitals alone are letters after a name (`CA`, `FRCP`), but for the
# generational suffixes, which are part of it.
_LETTERS = re.compile(r"(?!(?:JR|SR|II|III|IV)\.?$)[A-Z][A-Z.]{1,6}")


def _post_nominal(word: str) -> bool:
    return word.lower().strip(".,") in POST_NOMINALS


# Two to four bytes of one UTF-8 letter, each read as a Windows-1252 character.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]{1,3}")


def garbled(name: str) -> bool:
    """Whether a name carries the marks of a wrong decoding: U+FFFD, or UTF-8 read as
    Windows-1252 (`JÃ¼rgen`, `JosÃ©`): such text encodes back to valid UTF-8."""
    if "\ufffd" in name:
        return True
    for match in _MOJIBAKE.finditer(name):
        try:
            match.group().encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return True
    return False


# Legal forms that one source writes and another leaves out: "Acme Ltd" is "Acme".
LEGAL_FORMS = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "corp", "corporation",
    "co", "company", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab",
    "as", "pty", "pvt", "kk", "kg",
})


def same_company(a: str | None, b: str | None) -> bool:
    """Whether two company names are one company, ignoring case, accents, punctuation
    and legal forms ("Helix Labs, Inc." and "helix labs")."""
    def words(name: str | None) -> list[str]:
        found = re.findall(r"\w+", fold(name or ""))
        while len(found) > 1 and found[-1] in LEGAL_FORMS:
            found.pop()
        return found

    return words(a) == words(b)


def tag_slug(label: str) -> str:
    """A label as an Obsidian tag: lowercase, words joined by dashes."""
    text = re.sub(r"[^\w/-]+", "-", label.strip().lstrip("*").strip().lower())
    return text.strip("-")


def split_list(text: str) -> list[str]:
    """Nicknames and the like: `Jo, JA` or `Jo ::: JA` -> ["Jo", "JA"]."""
    return [clean(part) for part in re.split(r",|:::", text or "") if clean(part)]


def event_label(label: str) -> str:
    """An anniversary's label as a key: Apple's `_$!<Anniversary>!$_` -> `anniversary`,
    Google's `Anniversary` -> `anniversary`; a label of your own is kept as written."""
    match = re.fullmatch(r"_\$!<(.+)>!\$_", label.strip())
    if match:
        return match.group(1).strip().lower()
    text = clean(label)
    return text.lower() if text.lower() in {"anniversary", "other", "event"} else text


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


# The year Apple's Contacts stores for a date without one (with X-APPLE-OMIT-YEAR).
APPLE_NO_YEAR = 1604


def yearly_text(text: str, omit_year: str | None = None) -> str | None:
    """A birthday or anniversary as `YYYY-MM-DD` or `--MM-DD`; None when unreadable.

    Apple writes a date without a year as `1604-12-01` (with the parameter
    `X-APPLE-OMIT-YEAR=1604`): that year, or `omit_year`, means "no year".
    """
    from vaulttools.cadence import YearlyDate

    value = clean(text).split("T")[0]
    for year in {str(APPLE_NO_YEAR), (omit_year or "").strip()} - {""}:
        if value.startswith(year) and len(value) > len(year):
            value = "--" + value[len(year):].lstrip("-")
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


def drop_garbled(person: Person) -> list[str]:
    """Clear every text of `person` but the name that looks garbled (see `garbled`), so
    that no note is given mojibake; the names of the fields cleared."""
    dropped = []
    for attr in ("company", "title", "location", "note"):
        if garbled(getattr(person, attr) or ""):
            setattr(person, attr, None)
            dropped.append(attr)
    for attr in ("aliases", "tags"):
        values = getattr(person, attr)
        kept = [value for value in values if not garbled(value)]
        if len(kept) != len(values):
            setattr(person, attr, kept)
            dropped.append(attr)
    return dropped

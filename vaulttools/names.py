"""Names and handles: the folded key under which "zoe", "Zoë" (NFC) and "Zoë" (NFD)
are one, the given name a person is called by, and the forms under which an email
address, a LinkedIn profile and a phone number compare.

Matching ignores case, accents and Unicode normalisation form (read/lookup.py
finds contacts by it; the model keys each contact with it). `given_name` skips
honorifics, for drafts and for reasons such as "you owe Amara: ...". Two
sources name one person by a handle written differently (`<Ann@Acme.example>`
and `ann@acme.example`; `linkedin.com/in/Ann-Lee/?trk=x` and
`https://www.linkedin.com/in/ann-lee`): imports and capture match on the
normalised forms, and each contact keeps its own (`Contact.addresses`).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit


def fold(text: str) -> str:
    """Case-, accent- and normalisation-insensitive key for a name."""
    if text.isascii():
        return " ".join(text.casefold().split())
    stripped = unicodedata.normalize("NFKD", text).translate(_LATIN_MARKS)
    if not stripped.isascii():  # other scripts, or rarer marks: look at every character
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# The combining marks of accented Latin letters (é = e + U+0301), dropped in one pass.
_LATIN_MARKS: dict[int, None] = {
    code: None for code in range(0x300, 0x370) if unicodedata.combining(chr(code))}


# Titles before a name that are not the name people are called by.
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir",
                        "dame", "lord", "lady", "rev", "hon"})


def given_name(name: str) -> str:
    """The first word of a name that is not an honorific: `Dr. Amara Okafor` -> `Amara`."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
        words = words[1:]
    return words[0] if words else name


_ONE_LINK = re.compile(r"\s*\[\[([^\[\]|#^]+)(?:[#^][^\[\]|]*)?(?:\|([^\[\]]*))?\]\]\s*")


def link_text(text: str) -> str:
    """A value that is one wikilink, as the thing it names: `[[Initech]]` -> `Initech`,
    `[[Orgs/Initech Corp|Initech]]` -> `Initech` (the alias is how it is shown),
    `[[Orgs/Initech]]` -> `Initech`. Any other text is returned as it is."""
    match = _ONE_LINK.fullmatch(text)
    if match is None:
        return text
    alias = (match.group(2) or "").strip()
    return alias or match.group(1).strip().rsplit("/", 1)[-1].removesuffix(".md")


def link_target(text: str) -> str:
    """The note a value that is one wikilink points to, by its file name (the alias is
    only how it is shown): `[[People/Jane Doe|Jane]]` -> `Jane Doe`. Any other text is
    returned as it is, stripped: `met_via: Jane Doe` names her too."""
    match = _ONE_LINK.fullmatch(text)
    if match is None:
        return text.strip()
    return match.group(1).strip().rsplit("/", 1)[-1].removesuffix(".md")


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


def phone_key(phone: str) -> str | None:
    """A number as compared to say who shares one: its last nine digits, so national
    and international forms agree (`020 7946 0018`, `+44 20 7946 0018`); None when
    too short to tell."""
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 6 else None

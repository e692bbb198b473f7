"""Names: the folded key under which "zoe", "Zoë" (NFC) and "Zoë" (NFD) are one, and
the given name a person is called by.

Matching ignores case, accents and Unicode normalisation form (read/lookup.py
finds contacts by it; the model keys each contact with it). `given_name` skips
honorifics, for drafts and for reasons such as "you owe Amara: ...".
"""

from __future__ import annotations

import re
import unicodedata


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

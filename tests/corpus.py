"""The bad-input corpus: every way a note can be broken, built in a folder on demand.

Built rather than committed, because it holds a 50 MB file, symlink loops and
file names that differ only by Unicode normalisation or case. Each case names
the file and a fragment of the problem `check` must report for it (None when
the note is fine and must simply load with what the user wrote).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    name: str  # file name under People/
    content: bytes
    problem: str | None  # fragment of the expected message; None: loads cleanly
    loads: bool  # whether a contact results


ALIAS_BOMB = b"---\na: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode()
    for i in range(8)) + b"---\n"

CASES = [
    Case("Malformed.md", b"---\nname: [unclosed\n---\n", "invalid YAML", False),
    Case("Unclosed.md", b"---\nname: Never Closed\nbody text\n", "never closed", True),
    Case("Rule.md", b"---\n\nA note that opens with a rule.\n", "never closed", True),
    Case("List.md", b"---\n- a\n- b\n---\n", "not a mapping", False),
    Case("Duplicate.md", b"---\nname: A\nname: B\n---\n", "duplicate key 'name'", False),
    Case("Traps.md", b"---\nnorway: NO\nanswer: yes\nzip: 01234\nat: 12:30\nv: 1.10\n---\n",
         None, True),
    Case("Impossible date.md", b"---\nlast_contact: 2024-02-30\n---\n",
         "impossible date '2024-02-30'", True),
    Case("Odd date.md", b"---\nmet: 14/03/2021\nreviewed: 2026-1-5\n---\n", "bad date", True),
    Case("Tabs.md", b"---\nname:\tTabbed\n\tgroup: peer\n---\n", "front matter", False),
    Case("Wikilink.md", b"---\nmet_via: [[Bob Smith]]\n---\n", "unquoted wikilink", True),
    Case("Tags string.md", b"---\ntags: ai, climate\n---\n", "is text, not a list", True),
    Case("Bom.md", b"\xef\xbb\xbf---\nname: Bom Person\n---\n", None, True),
    Case("Crlf.md", b"---\r\nname: Crlf Person\r\n---\r\n## Log\r\n- 2026-01-01 call: x\r\n",
         None, True),
    Case("Mixed.md", b"---\r\nname: Mixed Person\n---\r\n## Log\n- 2026-01-01 call: x\r\n",
         None, True),
    Case("Latin1.md", b"---\nname: Jos\xe9\n---\n", "not UTF-8", False),
    Case("Nul.md", b"---\nname: A\n---\nbody\x00\n", "NUL byte", False),
    Case("Empty.md", b"", "empty note", True),
    Case("Huge.md", b"---\nname: Huge\n---\n" + b"x" * (50 * 1024 * 1024), "over the", False),
    Case("Bomb.md", ALIAS_BOMB, "aliases", False),
    Case("Zo\u00eb.md".encode().decode(), "---\nname: Zoë NFC\n---\n".encode(), "same name", True),
    Case("Zoe\u0308.md", "---\nname: Zoë NFC\n---\n".encode(), "same name", True),
    Case("ann.md", b"---\nname: Ann\n---\n", "same name", True),
    Case("Ann.md", b"---\nname: Ann\n---\n", "same name", True),
]
SYMLINK_LOOP = "Loop.md"
GOOD = "Good Person.md"


def build(root: Path) -> Path:
    """A vault at `root` holding every case, a symlink loop and one good note."""
    people = root / "People"
    people.mkdir(parents=True)
    (root / ".vaulttools.toml").write_text("")
    for case in CASES:
        (people / case.name).write_bytes(case.content)
    os.symlink("Loop2.md", people / SYMLINK_LOOP)
    os.symlink(SYMLINK_LOOP, people / "Loop2.md")
    (people / GOOD).write_text("---\ngroup: peer\nlast_contact: 2026-01-01\n---\n## Log\n"
                               "- 2026-01-01 call: Fine.\n")
    return root

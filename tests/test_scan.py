"""The vault walk finds exactly the notes that VaultIndex.kind() says are read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vaulttools.config import load_settings
from vaulttools.read import scan
from vaulttools.read.loader import VaultIndex

from conftest import write_vault

FILES = [
    "People/Ann.md", "People/Sub/Bo.md", "People/2026-01-01.md", "People/Daily/2026-01-05.md",
    "People/.hidden/Cy.md", "People/.Dee.md", "People/notes.txt", "People/Eve.md~",
    "People/Fay.md.swp", "People/#Gil.md#", "People/4913", "People/Ivy.md.sb-1a2b-XyZ1",
    "People/Jo.md___jb_tmp___", "People/Kim.md.bak", "People/.~lock.Lee.md#", "People/UPPER.MD",
    "Daily/2026-01-02.md", "Daily/Sub/2026-01-03.md",
    "Daily/plans.md", "Index/Due.md", "Index/2026-01-06.md", ".obsidian/Gus.md",
    "Other/2026-01-04.md", "Other/Hal.md", "Root.md", "2026-01-07.md",
    ".vaulttools/templates/contact.md",
]

LAYOUTS = [
    'contacts = ["People"]\ndaily_notes = "Daily"\n',
    'contacts = ["People"]\n',  # daily notes anywhere
    'contacts = ["."]\ndaily_notes = "Daily"\n',
    'contacts = ["People", "People/Sub", "Other"]\ndaily_notes = "People/Daily"\n',
    'contacts = ["./People/"]\ndaily_notes = "./Daily"\n',
    'contacts = [".obsidian", "Missing"]\ndaily_notes = "Index"\n',  # Index: config error
]


@pytest.mark.parametrize("config", LAYOUTS)
def test_scan_finds_exactly_what_kind_accepts(tmp_path: Path, config: str) -> None:
    vault = write_vault(tmp_path / "v", dict.fromkeys(FILES, "---\nname: X\n---\n"), config)
    index = VaultIndex(load_settings(vault))
    every_file = [os.path.join(folder, name)
                  for folder, _, names in os.walk(vault) for name in names]
    for n, path in enumerate(every_file):  # mtime and ctime apart, as an edited note has them
        os.utime(path, ns=(1_700_000_000_000_000_000 + n, 1_700_000_000_000_000_000 + n))
    expected = {path: index.kind(path) for path in every_file if index.kind(path) is not None}
    found = index.scan()
    assert set(found) == set(expected)
    assert all(signature == scan.signature(os.stat(path)) for path, signature in found.items())

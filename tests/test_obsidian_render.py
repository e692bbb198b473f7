"""The index notes and the base as Obsidian reads them: front matter that parses, every
wikilink leading to a note of the vault, Due.md's task lines as the Tasks plugin reads
them, and the base as YAML. (Mermaid blocks: tests/test_insights.py.)"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import yaml

from conftest import REPO, Run, vt

WIKILINK = re.compile(r"(?<!\\)\[\[([^\]|#^]+)(?:[#^][^\]|]*)?(?:\|[^\]]*)?\]\]")
TASK = re.compile(r"^[ \t]*[-*+] \[[ xX]\] \S")  # the Tasks plugin's task line


def test_every_index_note_reads_in_obsidian(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "example-vault"
    shutil.copytree(REPO / "example-vault", vault)
    assert vt(run, vault, "index").exit_code == 0
    stems = {unicodedata.normalize("NFC", p.stem).casefold()
             for p in vault.rglob("*.md")}
    paths = {unicodedata.normalize("NFC", p.relative_to(vault).with_suffix("").as_posix())
             .casefold() for p in vault.rglob("*.md")}
    for note in sorted((vault / "Index").glob("*.md")):
        text = note.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        assert front["generated_by"] == "vaulttools", note.name
        body = re.sub(r"```.*?```", "", text, flags=re.S)  # code holds no links
        if note.name == "Review.md":  # its "Add?": a click in Obsidian makes the note
            body = body.split("## Add?")[0]
        for line in body.splitlines():
            for target in WIKILINK.findall(line):
                key = unicodedata.normalize("NFC", target.strip()).casefold()
                assert key in paths or key in stems, f"{note.name}: [[{target}]] leads nowhere"
    due = (vault / "Index" / "Due.md").read_text(encoding="utf-8")
    tasks = [line for line in due.splitlines() if "%%vt:" in line]
    assert tasks and all(TASK.match(line) for line in tasks)
    # Nothing in them that stops the Tasks plugin reading a line.
    assert not re.search("[\u00a0\ufe0f\u200b]", due)
    base = yaml.safe_load((vault / "Index" / "People.base").read_text(encoding="utf-8"))
    assert {"filters", "formulas", "views"} <= set(base)

"""Comments are not content: a heading, log line, task or wikilink inside `<!-- -->` or
Obsidian's `%% %%` never counts, and `log` never writes into one (#28)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from vaulttools.read.markdown.comments import comment_spans, mask_comments

from conftest import Run, vt, write_vault


def shown(run: Run, vault: Path, name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(vt(run, vault, "show", name, "--json").stdout)
    return result

HIDDEN_LOG = """---
name: Jane
---
# Jane

<!--
## Log
- 2026-01-01 call: an old draft
-->
"""


def test_log_never_writes_under_a_heading_inside_a_comment(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Jane.md": HIDDEN_LOG})
    assert shown(run, vault, "Jane")["interactions"] == []
    assert vt(run, vault, "log", "Jane", "Coffee", "--via", "coffee").exit_code == 0
    text = (vault / "People" / "Jane.md").read_text()
    assert text.endswith("-->\n\n## Log\n- 2026-11-21 coffee: Coffee\n")
    assert text.count("- 2026-01-01 call: an old draft") == 1  # the comment is untouched
    found = shown(run, vault, "Jane")["interactions"]
    assert [(i["date"], i["channel"]) for i in found] == [("2026-11-21", "coffee")]
    assert vt(run, vault, "check").stdout.count("warning") == 0


def test_comments_hide_log_lines_tasks_and_mentions(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane.md": "---\nname: Jane\n---\n## Log\n- 2026-03-01 call: seen\n"
                   "<!-- - 2026-10-01 call: planned, not done -->\n"
                   "%% - 2026-10-02 call: a private aside %%\n"
                   "- 2026-02-01 email: a note <!-- with an aside --> kept\n\n"
                   "## Tasks\n- [ ] send the deck\n<!-- - [ ] an old idea -->\n"
                   "%%\n- [ ] hidden too\n%%\n",
        "Bo.md": "---\nname: Bo\n---\n",
        "Daily/2026-11-10.md": "Lunch <!-- with [[Bo]]? no, cancelled --> alone.\n"
                               "%% [[Bo]] %%\n",
        "Daily/2026-11-11.md": "Coffee with [[Jane]].\n"})
    jane = shown(run, vault, "Jane")
    assert [(i["date"], i["text"]) for i in jane["interactions"]] == [
        ("2026-03-01", "seen"), ("2026-02-01", "a note                        kept")]
    assert [p["text"] for p in jane["promises"]] == ["send the deck"]
    assert shown(run, vault, "Bo")["effective_last_contact"] is None
    assert jane["effective_last_contact"] == "2026-11-11"


def test_comment_openers_in_code_or_unclosed_mid_line_are_text(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane.md": "---\nname: Jane\n---\n## Log\n"
                   "- 2026-03-02 email: explained `<!--` to her\n"
                   "- 2026-03-01 email: the 50% rule, and <!-- in a sentence\n"
                   "- 2026-02-01 call: still read\n"
                   "```\n<!--\n```\n- 2026-01-01 call: read too\n"})
    dates = [i["date"] for i in shown(run, vault, "Jane")["interactions"]]
    assert dates == ["2026-03-02", "2026-03-01", "2026-02-01", "2026-01-01"]


def test_an_unclosed_comment_is_a_warning_and_log_refuses_to_write_into_it(
    tmp_path: Path, run: Run
) -> None:
    note = "---\nname: Jane\n---\n# Jane\n\n<!-- draft\n## Log\n- 2026-01-01 call: hidden\n"
    vault = write_vault(tmp_path / "v", {"Jane.md": note})
    check = vt(run, vault, "check")
    assert "People/Jane.md:6: warning: a comment opened here is never closed" in check.stdout
    result = vt(run, vault, "log", "Jane", "hi", "--via", "call")
    assert result.exit_code == 1
    assert "would not be read as part of the log" in result.stderr
    assert (vault / "People" / "Jane.md").read_text() == note


LINES = st.lists(st.sampled_from(
    ["text\n", "<!--\n", "-->\n", "a <!-- b --> c\n", "%%\n", "x %% y\n", "```\n",
     "`<!--`\n", "- 2026-01-01 call: hi\r\n", "   <!-- x\n", "\u2028\n", "end"]), max_size=12)


@given(LINES)
def test_masking_keeps_every_line_and_length_and_blanks_only_comments(lines: list[str]) -> None:
    masked = mask_comments(lines)
    assert [len(m) for m in masked] == [len(line) for line in lines]
    text, out = "".join(lines), "".join(masked)
    inside = set()
    for start, end in comment_spans(text):
        inside.update(range(start, end))
    for at, (before, after) in enumerate(zip(text, out, strict=True)):
        if at in inside and before not in "\r\n\u2028":
            assert after == " "
        else:
            assert after == before

"""Output people can read: rows that fit the terminal, counts that agree with their nouns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.cli.textout import clip, table, width
from vaulttools.words import counted

from conftest import EXAMPLE, Run, vt, write_vault


def test_due_rows_fit_a_100_column_terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    lines = vt(run, EXAMPLE, "due").stdout.splitlines()
    assert max(width(line) for line in lines) <= 100
    clipped = [line for line in lines if line.endswith("…")]
    assert clipped, "the example's reasons are longer than a 100-column row"
    items = json.loads(vt(run, EXAMPLE, "due", "--json").stdout)
    names = [item["name"] for item in items]
    rows = [line for line in lines[1:] if any(f"  {name}  " in line for name in names)]
    assert len(names) == len(set(names)) == len(rows)  # one person, one row
    full = {item["name"]: item["reason"] for item in items}
    assert not any(reason.endswith("…") for reason in full.values())
    for line in clipped:  # what is shown is the start of the full reason
        name = next(n for n in full if f"  {n}  " in line)
        assert full[name].startswith(line.split("  ")[-1].rstrip("…").strip())


def test_piped_output_is_never_cut(run: Run) -> None:
    lines = vt(run, EXAMPLE, "due").stdout.splitlines()
    assert not any(line.endswith("…") for line in lines)
    assert max(width(line) for line in lines) > 100


def test_review_and_plan_fit_too(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    for command in (["review"], ["plan", "--week"]):
        out = vt(run, EXAMPLE, *command).stdout
        assert max(width(line) for line in out.splitlines()) <= 72, command


@given(text=st.text(max_size=60), columns=st.integers(min_value=2, max_value=80))
def test_clip_fits_and_keeps_what_fits(text: str, columns: int) -> None:
    cut = clip(text, columns)
    assert width(cut) <= columns or width(text) <= columns
    if width(text) <= columns:
        assert cut == text
    else:
        assert cut.endswith("…") and text.startswith(cut[:-1])


def test_clip_counts_wide_characters() -> None:
    assert clip("東京で会議をしました", 9) == "東京で会…"
    assert width(clip("東京で会議をしました", 9)) == 9
    rows = table(["A", "WHY"], [["x", "東京で会議をしました、とても良かった"]], max_width=20)
    assert all(width(line) <= 20 for line in rows.splitlines())


@pytest.mark.parametrize("count, noun, expected", [
    (0, "problem", "0 problems"), (1, "problem", "1 problem"), (2, "problem", "2 problems"),
    (1, "person", "1 person"), (3, "person", "3 people"), (1, "outreach", "1 outreach"),
])
def test_counted(count: int, noun: str, expected: str) -> None:
    plural = "outreaches" if noun == "outreach" else None
    assert counted(count, noun, plural) == expected


def test_one_of_a_kind_reads_singular(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ann.md": "---\ngroup: peer\nemail: a@example.org\n---\n## Log\n"
                  "- 2026-11-01 coffee: Talked. #gave\n",
        "Bad.md": "---\nbirthday: 1987-02-29\n---\n",
    })
    assert vt(run, vault, "index").exit_code == 0
    problems = (vault / "Index" / "Problems.md").read_text(encoding="utf-8")
    assert "\n1 problem. Run" in problems
    dashboard = (vault / "Index" / "Dashboard.md").read_text(encoding="utf-8")
    assert "You gave 1 time and asked 0 times." in dashboard
    listed = vt(run, vault, "list", "--group", "peer")
    assert listed.stderr.endswith("1 contact\n")
    check = vt(run, vault, "check")
    assert "1 error, 0 warnings" in check.stderr


def wcwidth_width(text: str) -> int:
    """The reference width() answers to: wcwidth alone."""
    import wcwidth

    measured = wcwidth.wcswidth(text)
    return measured if measured >= 0 else sum(max(wcwidth.wcwidth(ch), 0) for ch in text)


def test_width_agrees_with_wcwidth_for_every_character_before_hangul() -> None:
    for code in range(0x1100):
        for text in (chr(code), f"Zoë{chr(code)}", f"{chr(code)}\u0301x"):
            assert width(text) == wcwidth_width(text), hex(code)


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(st.characters(max_codepoint=0x3ff), st.sampled_from(
    list("\u200d\ufe0f\u0301東👩💻🏽\t\x00")))))
def test_width_agrees_with_wcwidth(text: str) -> None:
    assert width(text) == wcwidth_width(text)


def test_json_and_ascii_tables_do_not_import_the_width_tables(tmp_path: Path) -> None:
    """wcwidth's tables take longer to import than a small `due --json` runs; only text
    that is not plain ASCII needs them."""
    env = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(tmp_path / "cache"),
           "VAULTTOOLS_STATE_DIR": str(tmp_path / "state")}
    for args in (["due", "--json"], ["stats", "--json"]):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "vaulttools", "--vault", str(EXAMPLE),
             "--today", "2026-11-21", *args], env=env, capture_output=True, text=True,
            check=True)
        assert " wcwidth" not in result.stderr, args
    assert width("Zoë 👩‍💻") == 6  # and the tables still serve what needs them

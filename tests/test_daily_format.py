"""Daily-note names as Obsidian writes them (moment.js formats, nested folders)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.config.dailyformat import DailyFormat, DailyFormatError, locale_week

from conftest import Run, vt, write_vault

YEARS = st.sampled_from(["YYYY", "YY"])
MONTHS = st.sampled_from(["MMMM", "MMM", "MM", "M"])
DAYS = st.sampled_from(["DD", "D", "Do"])
EXTRAS = st.sampled_from(["dddd", "ddd", "ww", "w", "WW", "W", "[Daily]", "[note]"])
SEPARATORS = st.sampled_from(["-", " ", ".", "_", ", ", "/", " ("])


@st.composite
def formats(draw: st.DrawFn) -> str:
    pieces = [draw(YEARS), draw(MONTHS), draw(DAYS)]
    pieces += draw(st.lists(st.one_of(EXTRAS, YEARS, MONTHS, DAYS), max_size=3))
    order = draw(st.permutations(pieces))
    text = order[0]
    for piece in order[1:]:
        text += draw(SEPARATORS) + piece
    return text


@settings(max_examples=300, deadline=None)
@given(formats(), st.dates(min_value=date(1970, 1, 1), max_value=date(2068, 12, 31)))
def test_formatting_then_matching_gives_the_date_back(text: str, day: date) -> None:
    daily = DailyFormat(text)
    path = "Vault/Daily/" + daily.format(day)
    assert daily.date_of(path) == day
    assert daily.name_may_match(path.rsplit("/", 1)[1])


@pytest.mark.parametrize(("text", "path", "expected"), [
    ("YYYY-MM-DD", "2026-11-10.md", date(2026, 11, 10)),
    ("YYYY-MM-DD dddd", "2026-11-10 Tuesday.md", date(2026, 11, 10)),
    ("YYYY-MM-DD dddd", "2026-11-10 Monday.md", None),  # the weekday must agree
    ("YYYY/MM/YYYY-MM-DD", "Daily/2026/11/2026-11-10.md", date(2026, 11, 10)),
    ("YYYY/MM/YYYY-MM-DD", "Daily/2026/12/2026-11-10.md", None),  # so must the folders
    ("YYYY/MM/YYYY-MM-DD", "2026-11-10.md", None),
    ("YYYY-MM-DD (DD)", "2026-11-10 (10).md", date(2026, 11, 10)),
    ("YYYY-MM-DD (DD)", "2026-11-10 (11).md", None),
    ("DD.MM.YY", "10.11.26.md", date(2026, 11, 10)),
    ("dddd, MMMM Do YYYY", "Tuesday, November 10th 2026.md", date(2026, 11, 10)),
    ("[Journal] YYYY-[W]ww", "Journal 2026-W46.md", None),  # not a daily format: see below
])
def test_obsidian_formats(text: str, path: str, expected: date | None) -> None:
    if "DD" not in text and "Do" not in text:
        with pytest.raises(DailyFormatError, match="no day token"):
            DailyFormat(text)
        return
    assert DailyFormat(text).date_of(path) == expected


def test_the_english_week_starts_on_sunday_and_holds_january_first() -> None:
    assert [locale_week(date(2026, 1, d)) for d in (1, 3, 4)] == [1, 1, 2]
    assert locale_week(date(2026, 12, 27)) == 1  # the week of 2027-01-01


@pytest.mark.parametrize(("fmt", "note"), [
    ("YYYY-MM-DD dddd", "Daily/2026-11-10 Tuesday.md"),
    ("YYYY/MM/YYYY-MM-DD", "Daily/2026/11/2026-11-10.md"),
    ("YYYY-MM-DD (DD)", "Daily/2026-11-10 (10).md"),
])
def test_mentions_in_obsidian_named_daily_notes_count(tmp_path: Path, run: Run, fmt: str,
                                                      note: str) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: mentor\nlast_contact: 2026-01-01\n---\n",
        note: "Coffee with [[Jane Doe]].\n",
    }, config=f'daily_notes = "Daily"\ndaily_format = "{fmt}"\n')
    shown = json.loads(vt(run, vault, "show", "Jane", "--json").stdout)
    assert shown["effective_last_contact"] == "2026-11-10"
    assert shown["last_contact_source"] == "daily note"


def test_a_format_without_a_day_is_a_config_error(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {}, config='daily_format = "YYYY-[W]ww"\n')
    result = vt(run, vault, "due")
    assert result.exit_code == 2
    assert "daily_format: 'YYYY-[W]ww' has no month and no day token" in result.stderr
    assert "Traceback" not in result.output

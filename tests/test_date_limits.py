"""Dates at the edges: past year 9999, in the future where only the past makes sense,
and file names at the system's length limit (#28)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.render.newnote import MAX_STEM_BYTES, safe_file_name

from conftest import Run, vt, write_vault

FAR = {
    "Ages.md": "---\ncadence: 8000y\nlast_contact: 2026-01-01\n---\n",
    "Typo.md": "---\ncadence: 3m\nlast_contact: 9999-12-01\n---\n",
    "Ever.md": "---\ngroup: peer\nbirthday: 9999-12-31\n---\n",
    "Fine.md": "---\ngroup: peer\nlast_contact: 2026-10-01\n---\n",
}


def test_export_ics_leaves_out_what_falls_past_year_9999_and_says_so(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", FAR)
    out = tmp_path / "out.ics"
    result = vt(run, vault, "export", "ics", "-o", str(out))
    assert result.exit_code == 0, result.output
    feed = out.read_bytes().decode()
    for name, event in (("Ages", "Reach out to Ages"), ("Typo", "Reach out to Typo"),
                        ("Ever", "Birthday: Ever")):
        assert f"warning: People/{name}.md: " in result.stderr, name
        assert f"SUMMARY:{event}\r\n" not in feed
    assert "SUMMARY:Reach out to Ever\r\n" in feed  # only what does not fit is left out
    assert "past the last day a calendar holds" in result.stderr
    assert "SUMMARY:Reach out to Fine\r\n" in feed
    for command in (["due"], ["index"], ["review"], ["plan", "--week"], ["stats"],
                    ["show", "Ages"], ["export", "vcard"]):
        assert vt(run, vault, *command).exit_code == 0, command


@pytest.mark.parametrize("args", [
    ["snooze", "Fine", "--for", "99999y"], ["snooze", "Fine", "--until", "9999-12-31"],
    ["set", "snooze_until=9999-12-31", "Fine"], ["set", "met=9999-12-31", "Fine"],
])
def test_a_date_past_what_a_calendar_holds_is_refused_where_it_is_typed(
    tmp_path: Path, run: Run, args: list[str]
) -> None:
    vault = write_vault(tmp_path / "v", FAR)
    before = (vault / "People" / "Fine.md").read_bytes()
    result = vt(run, vault, *args)
    assert result.exit_code == 2
    assert "9999-12-30" in result.stderr
    assert (vault / "People" / "Fine.md").read_bytes() == before


@pytest.mark.parametrize("field", ["last_contact", "met", "reviewed"])
def test_set_refuses_a_future_date_for_what_has_happened(
    tmp_path: Path, run: Run, field: str
) -> None:
    vault = write_vault(tmp_path / "v", FAR)
    before = (vault / "People" / "Fine.md").read_bytes()
    result = vt(run, vault, "set", f"{field}=2062-01-10", "Fine")
    assert result.exit_code == 2
    assert f"{field}: 2062-01-10 is in the future" in result.stderr
    assert (vault / "People" / "Fine.md").read_bytes() == before
    assert vt(run, vault, "set", f"{field}=2026-11-21", "Fine").exit_code == 0  # today is fine
    assert vt(run, vault, "set", "snooze_until=2062-01-10", "Fine").exit_code == 0


def test_check_warns_about_a_future_last_contact_that_hides_a_strong_tie(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {
        "Mentor.md": "---\ngroup: mentor\nlast_contact: 2062-01-10\n---\n"})
    check = vt(run, vault, "check")
    assert check.exit_code == 0
    assert ("People/Mentor.md:1: warning: last_contact: 2062-01-10 is in the future: a typo? "
            "until then this contact is never due") in check.stdout
    listed = json.loads(vt(run, vault, "check", "--json").stdout)
    assert [p["severity"] for p in listed] == ["warning"]


@pytest.mark.parametrize("letter", ["é", "😀", "ß", "a", "中"])
def test_new_shortens_a_long_name_by_bytes_and_writes_it(
    tmp_path: Path, run: Run, letter: str
) -> None:
    vault = write_vault(tmp_path / "v", {})
    result = vt(run, vault, "new", letter * 250)
    assert result.exit_code == 0, result.output
    [note] = (vault / "People").iterdir()
    assert len(note.name.encode("utf-8")) <= MAX_STEM_BYTES + 3
    assert vt(run, vault, "log", letter * 250, "hi", "--via", "call").exit_code == 0
    shown = json.loads(vt(run, vault, "show", letter * 250, "--json").stdout)
    assert shown["name"] == letter * 250  # the name itself is kept whole in the note


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=300))
def test_safe_file_names_fit_every_system(name: str) -> None:
    try:
        stem = safe_file_name(name)
    except Exception:
        return
    assert stem and len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert len(stem.encode("utf-16-le")) // 2 <= MAX_STEM_BYTES
    assert stem == stem.strip(" .")

"""Property-based: for generated notes (front-matter styles, log lines, line endings), every
editing operation changes only the intended lines, and parsing raises nothing but the
project's own errors."""

from __future__ import annotations

import difflib
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaulttools.config import DEFAULT_LOG_HEADINGS
from vaulttools.edit.changes import apply, plan_fields, plan_log
from vaulttools.edit.draft import REMOVE
from vaulttools.edit.noteedit import NoteText
from vaulttools.errors import VaultError
from vaulttools.read.notes import decode, parse_note

SCALARS = ["Jane Doe", "'quoted'", '"double"', "2026-01-01", "x # comment", "", "01234",
           "[a, b]", "[]", "é", "[[Bob]]", '"[[Bob]]"']
KEYS = ["name", "group", "company", "last_contact", "cadence", "custom", "tags"]


@st.composite
def notes(draw: st.DrawFn) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["---"]
    used = set()
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=5)):
        if key in used:
            continue
        used.add(key)
        style = draw(st.sampled_from(["scalar", "block", "comment"]))
        if style == "block":
            lines += [f"{key}:"] + [f"  - {v}" for v in draw(
                st.lists(st.sampled_from(["ai", "b c", "'q'"]), min_size=1, max_size=3))]
        elif style == "comment":
            lines += ["# a comment", f"{key}: {draw(st.sampled_from(SCALARS))}"]
        else:
            lines.append(f"{key}: {draw(st.sampled_from(SCALARS))}")
    lines.append("---")
    if draw(st.booleans()):
        lines += ["# Title", "", "Some text."]
    if draw(st.booleans()):
        lines.append("## Log")
        for day in sorted(draw(st.lists(st.integers(1, 28), max_size=4)), reverse=True):
            lines.append(draw(st.sampled_from([
                f"- 2026-03-{day:02d} call: Talked.",
                f"- 2026-03-{day:02d} email: Sent. #noreply",
                "  continuation",
                "not a log line",
            ])))
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    if draw(st.booleans()) and newline == "\r\n":
        text = text.replace("\r\n", "\n", 1)  # mixed endings
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if draw(st.booleans()) else data


OPERATIONS = st.sampled_from([
    ("log", None), ("log-noreply", None), ("log-backdated", None), ("set", "company"),
    ("set", "custom"), ("set-list", "tags"), ("remove", "group"), ("set", "last_contact"),
])


def changed_lines(before: str, after: str) -> tuple[int, int]:
    removed = added = 0
    for line in difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)):
        removed += line.startswith("- ")
        added += line.startswith("+ ")
    return removed, added


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes(), OPERATIONS)
def test_edits_change_only_the_intended_lines(data: bytes, operation: tuple[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Ada.md"
        path.write_bytes(data)
        try:
            text = decode(data)
        except ValueError:
            return
        parsed = parse_note(text, path, "Ada.md")  # must not raise
        if parsed.contact is None:
            return
        kind, key = operation
        try:
            if kind.startswith("log"):
                day = date(2026, 1, 2) if kind == "log-backdated" else date(2026, 11, 21)
                flags = ["noreply"] if kind == "log-noreply" else []
                edit = plan_log(parsed.contact, date(2026, 11, 21), "Hello", "call", day, flags)
            elif kind == "remove":
                edit = plan_fields(parsed.contact, {key: REMOVE})
            elif kind == "set-list":
                edit = plan_fields(parsed.contact, {key: ["x", "y z"]})
            else:
                value = date(2026, 5, 5) if key == "last_contact" else "New: value"
                edit = plan_fields(parsed.contact, {key: value})
        except VaultError:
            assert path.read_bytes() == data  # refused: nothing touched
            return
        apply(edit)
        after = path.read_bytes()
        assert after.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
        assert after.endswith(b"\n") == data.endswith(b"\n") or not data.strip()
        removed, added = changed_lines(data.decode("utf-8"), after.decode("utf-8"))
        # (removed, added) at most: a log line, the last_contact line, a new `## Log`
        # heading with its blank line, and a last line that gains its newline; a field's
        # line and the block-list lines below it.
        limits = {"log": (2, 5), "log-backdated": (2, 5), "log-noreply": (1, 4),
                  "set": (4, 1), "set-list": (4, 3), "remove": (4, 0)}[kind]
        assert removed <= limits[0] and added <= limits[1], (kind, removed, added)
        reparsed = parse_note(decode(after), path, "Ada.md")
        assert reparsed.contact is not None
        assert not [p for p in reparsed.problems if p.severity == "error"] or [
            p for p in parsed.problems if p.severity == "error"]
        if kind.startswith("log"):
            assert any(i.text.startswith("Hello") for i in reparsed.contact.interactions)
        old_raw = {k: v for k, v in vars(parsed.contact).items()
                   if k not in ("interactions", "body", "extra", "last_contact", "tags",
                                "groups", "company", "keys")}
        new_raw = {k: v for k, v in vars(reparsed.contact).items()
                   if k not in ("interactions", "body", "extra", "last_contact", "tags",
                                "groups", "company", "keys")}
        assert old_raw == new_raw  # untouched fields read the same


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes(), st.lists(st.tuples(st.integers(1, 28), st.sampled_from(["call", "email"])),
                         min_size=1, max_size=6),
       st.sampled_from([DEFAULT_LOG_HEADINGS, frozenset({"log", "interactions"})]),
       st.sampled_from(["", "## Notes\nSomething.\n", "### Under the log\n",
                        "<!-- a comment never closed\n", "```\nan open fence\n"]))
def test_inserting_entries_at_once_is_inserting_them_in_turn(
    data: bytes, entries: list[tuple[int, str]], titles: frozenset[str], tail: str
) -> None:
    """NoteText.insert_logs reads the note once for many entries (capture's batches):
    the note and the lines it reports are those of insert_log called for each."""
    text = decode(data)
    if tail:
        text += ("" if text.endswith("\n") else "\n") + tail
    batch = [(f"- 2026-03-{day:02d} {channel}: Captured {n}.", date(2026, 3, day))
             for n, (day, channel) in enumerate(entries)]
    at_once = NoteText.parse(text)
    placed = at_once.insert_logs(batch, titles)
    in_turn = NoteText.parse(text)
    indexes = [in_turn.insert_log(entry, day, titles) for entry, day in batch]
    assert at_once.render() == in_turn.render()
    # Where each entry is, once all are in: the line holds that entry.
    assert [at_once.lines[i].rstrip("\r\n") for i in placed] == [e for e, _ in batch]
    assert len(indexes) == len(placed)

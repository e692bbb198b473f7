"""Golden files: each tests/golden/notes/X.md beside X.result.json (parsed contact + problems).

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_golden.py`,
then read the diff of the JSON files before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vaulttools.read.notes import decode, parse_note

GOLDEN = Path(__file__).parent / "golden" / "notes"
NOTES = sorted(GOLDEN.glob("*.md"))


def parse_to_json(path: Path) -> dict[str, object]:
    text = decode(path.read_bytes())
    parsed = parse_note(text, path, path.name)
    contact = None
    if parsed.contact is not None:
        contact = parsed.contact.as_dict()
        contact.pop("body")  if "body" in contact else None
    return {"contact": contact, "problems": [p.as_dict() for p in parsed.problems]}


@pytest.mark.parametrize("note", NOTES, ids=[n.stem for n in NOTES])
def test_note_parses_as_recorded(note: Path) -> None:
    expected_path = note.with_suffix(".result.json")
    actual = parse_to_json(note)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert expected_path.exists(), f"missing {expected_path.name}; run with UPDATE_GOLDEN=1"
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))


def test_every_golden_note_has_a_result() -> None:
    results = {p.name.removesuffix(".result.json") for p in GOLDEN.glob("*.result.json")}
    assert results == {n.stem for n in NOTES}


def test_log_values_are_shared_between_notes() -> None:
    """A log's dates, channels and flag sets are built once per distinct value and shared
    between entries and notes (a cold load of a large vault holds tens of thousands)."""
    notes = [parse_note(f"---\nname: P{i}\n---\n## Log\n- 2026-03-0{i} Call: hi #Gave #asked\n"
                        "- 2026-03-01 call: again #asked #gave\n- 2026-03-02 email: x\n",
                        Path(f"/v/P{i}.md"), f"P{i}.md").contact for i in (1, 2)]
    first, second = (contact.interactions for contact in notes if contact is not None)
    assert first[0].date is first[1].date is second[1].date  # 2026-03-01, three times
    assert first[0].channel is second[1].channel == "call"  # "Call" and "call" alike
    assert first[0].flags is second[0].flags == frozenset({"gave", "asked"})
    assert first[1].flags == first[0].flags
    assert [i.date.isoformat() for i in second] == ["2026-03-02", "2026-03-01", "2026-03-02"]

"""Golden files: each tests/golden/notes/X.md beside X.result.json (parsed contact + problems).

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_golden.py`,
then read the diff of the JSON files before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vaulttools.notes import decode, parse_note

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

"""`timeline NAME`: everything about one person, newest first, each with file:line (#33)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run, vt, write_vault


def test_the_timeline_gathers_every_source(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ana Lima.md": "---\nmet: 2019-05-10\nreviewed: 2026-06-01\n---\n## Log\n"
                       "- 2026-11-19 note: Promoted to CTO #milestone\n"
                       "- 2026-10-01 coffee: Talked about grids.\n"
                       "- [ ] Send Ana the deck 📅 2026-11-25\n"
                       "- [ ] Introduce Ana to Ben\n",
        "Daily/2026-11-02.md": "# Monday\n\n- Lunch with [[Ana Lima|Ana]] about the move.\n"
                               "- > not this\n- [ ] call [[Ana Lima]]\n",
        "Meetings/2026-10-20 Sync.md": "Attendees: [[Ana Lima]], [[Ben]]\n",
    }, config='daily_notes = "Daily"\nmeeting_notes = ["Meetings"]\n')
    moments = json.loads(vt(run, vault, "timeline", "ana", "--json").stdout)
    assert [(m["date"], m["kind"], m["text"], m["path"], m["line"]) for m in moments] == [
        ("2026-11-25", "reminder", "Send Ana the deck", "People/Ana Lima.md", 8),
        ("2026-11-19", "milestone", "Promoted to CTO #milestone", "People/Ana Lima.md", 6),
        # An open task with no date is dated by the newest log entry above it.
        ("2026-11-19", "promise", "Introduce Ana to Ben", "People/Ana Lima.md", 9),
        ("2026-11-02", "daily note", "Lunch with Ana about the move.",
         "Daily/2026-11-02.md", 3),
        ("2026-10-20", "meeting note", "Attendees: Ana Lima, Ben",
         "Meetings/2026-10-20 Sync.md", 1),
        ("2026-10-01", "coffee", "Talked about grids.", "People/Ana Lima.md", 7),
        ("2026-06-01", "reviewed", "the audit: reviewed", "People/Ana Lima.md", 1),
        ("2019-05-10", "met", "you met", "People/Ana Lima.md", 1),
    ]
    text = vt(run, vault, "timeline", "ana")
    assert text.stdout.splitlines()[1].split() == ["DATE", "WHAT", "WHERE", "TEXT"]
    assert "2026-11-02  daily note    Daily/2026-11-02.md:3" in text.stdout
    assert text.stderr == "8 entries\n"
    assert "(everything, daily notes too: vaulttools timeline 'ana')" in vt(
        run, vault, "show", "ana").stdout

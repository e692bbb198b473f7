"""A year of following every suggestion: what was acted on is never asked again, and
each favour and each introduction is thanked once."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from conftest import Run, vt, write_vault

START = date(2026, 1, 5)  # a Monday


def test_a_year_of_following_every_suggestion(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: mentor\nemail: jane@example.com\n---\n",
        "Lee Park.md": "---\ngroup: peer\n---\n",
        "Ana Silva.md": "---\ngroup: client\n---\n",
        "Bo Chen.md": "---\ngroup: peer\n---\n"})
    # What others do during the year: favours, introductions, news.
    events = {
        3: ("log", "Lee Park", "Reviewed my talk", "--via", "email", "--helped", "--inbound"),
        10: ("new", "Cy Young"),
        20: ("log", "Ana Silva", "Sent me a lead", "--via", "call", "--helped", "--inbound"),
        30: ("log", "Lee Park", "Another review", "--via", "email", "--helped", "--inbound"),
        40: ("log", "Bo Chen", "Promoted to lead", "--via", "linkedin", "--milestone"),
    }
    acted: set[tuple[str, str]] = set()
    thanked = Counter[str]()
    for week in range(52):
        today = (START + timedelta(weeks=week)).isoformat()
        event = events.get(week)
        if event and event[0] == "new":
            (vault / "People" / f"{event[1]}.md").write_text(
                f"---\ngroup: peer\nmet: {today}\nmet_via: \"[[Jane Doe]]\"\n---\n",
                encoding="utf-8")
        elif event:
            assert vt(run, vault, *event, today=today).exit_code == 0
        rows = json.loads(vt(run, vault, "due", "--json", today=today).stdout)
        for row in rows:
            for reason in row["reason"].split("; "):
                assert (row["name"], reason) not in acted, (today, row)
            if "thank" in (row["status"], *row["also"]):
                thanked[row["name"]] += 1
            # Follow it: a message (or, for a call the reason asks for, a call).
            via = "call" if "call or a coffee" in row["reason"] else "email"
            assert vt(run, vault, "log", row["name"], "Done as suggested", "--via", via,
                      today=today).exit_code == 0
            acted.update((row["name"], reason) for reason in row["reason"].split("; ")
                         if "thank" in reason or "congratulate" in reason
                         or "how it went" in reason)
    # Lee's two favours, Ana's one, Jane's introduction of Cy (thanks, then the news
    # when due again); each asked until acted on, which is at once here.
    assert thanked == {"Lee Park": 2, "Ana Silva": 1, "Jane Doe": 2}
    assert any("congratulate" in reason for _, reason in acted)

"""Events: an event note's attendees are seen there, not nagged before it, and
followed up after it."""

from __future__ import annotations

import json
from pathlib import Path

from test_cache import age_cache

from conftest import Run, vt, write_vault

EVENT = ("---\ndate: 2026-12-03\nattendees:\n  - \"[[Jane Doe]]\"\n  - \"[[Bob Lee]]\"\n"
         "  - \"[[Kim Ode]]\"\n---\nStand B12. Also saw [[Ana Ruiz]] there?\n")


def make_vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: mentor\nlast_contact: 2026-05-01\n---\n",  # overdue
        "Bob Lee.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\n",  # on schedule
        "Kim Ode.md": "---\ngroup: acquaintance\nlast_contact: 2019-01-01\n---\n",  # dormant
        "Ana Ruiz.md": "---\ngroup: client\nlast_contact: 2026-06-01\n---\n",  # overdue
        "Zed.md": "---\ngroup: client\nlast_contact: 2026-06-01\n---\n",  # not going
        "Events/2026-12-03 Web Summit.md": EVENT,
    }, config='event_notes = ["Events"]\n')


def due(run: Run, vault: Path, today: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["name"]: r for r in json.loads(vt(run, vault, "due", "--json",
                                                  today=today).stdout)}


def test_before_the_event_its_attendees_are_to_see_there(tmp_path: Path, run: Run) -> None:
    vault = make_vault(tmp_path)
    rows = due(run, vault, "2026-11-21")
    assert rows["Jane Doe"]["status"] == "event"
    assert rows["Jane Doe"]["reason"].startswith(
        "see them at Web Summit on 2026-12-03 (quarterly; last contact 2026-05-01; ")
    assert rows["Ana Ruiz"]["status"] == "event"  # linked in the body: an attendee too
    assert rows["Kim Ode"]["status"] == "event"  # a dormant tie to revive there
    assert "Bob Lee" not in rows  # not due: nothing to say before the day
    assert rows["Zed"]["status"] == "overdue"  # not going: reach out as usual
    plan = json.loads(vt(run, vault, "plan", "--week", "--json", today="2026-11-30").stdout)
    on_the_day = next(d for d in plan["days"] if d["day"] == "2026-12-03")
    assert {i["name"] for i in on_the_day["items"]} == {"Jane Doe", "Ana Ruiz", "Kim Ode"}
    assert vt(run, vault, "index", today="2026-11-21").exit_code == 0
    text = (vault / "Index" / "Due.md").read_text(encoding="utf-8")
    section = text.split("## See them at events", 1)[1].split("\n## ", 1)[0]
    assert "[[People/Jane Doe|Jane Doe]] (mentor): see them at Web Summit on 2026-12-03" in section
    assert "- [ ]" not in section  # nothing to tick before the day
    dashboard = (vault / "Index" / "Dashboard.md").read_text(encoding="utf-8")
    assert ("## Events ahead\n\n- Web Summit, 2026-12-03: see [[People/Jane Doe|Jane Doe]], "
            "[[People/Ana Ruiz|Ana Ruiz]], [[People/Kim Ode|Kim Ode]]\n") in dashboard


def test_after_the_event_they_were_met_and_strong_ties_are_followed_up(
    tmp_path: Path, run: Run
) -> None:
    vault = make_vault(tmp_path)
    rows = due(run, vault, "2026-12-04")
    assert rows["Jane Doe"]["status"] == "follow-up"
    assert rows["Jane Doe"]["reason"].startswith("follow up on Web Summit of 2026-12-03")
    assert rows["Jane Doe"]["last_contact"] == "2026-12-03"  # met there
    assert rows["Bob Lee"]["status"] == "follow-up"
    assert "Kim Ode" not in rows  # a weak tie: met, and no follow-up asked
    assert rows["Zed"]["status"] == "overdue"
    assert "Jane Doe" not in due(run, vault, "2026-12-10")  # follow_up_within has passed
    assert vt(run, vault, "log", "Bob Lee", "Sent the slides", "--via", "email",
              today="2026-12-04").exit_code == 0
    assert "Bob Lee" not in due(run, vault, "2026-12-05")


def test_without_event_notes_a_future_meeting_changes_nothing(tmp_path: Path,
                                                             run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: mentor\nlast_contact: 2026-05-01\n---\n",
        "Meetings/2026-12-03 Sync.md": EVENT}, config='meeting_notes = ["Meetings"]\n')
    assert due(run, vault, "2026-11-21")["Jane Doe"]["status"] == "overdue"


def test_an_event_anywhere_by_its_property_also_from_the_cache(tmp_path: Path,
                                                               run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: mentor\nlast_contact: 2026-05-01\n---\n",
        "Projects/Summit trip.md": "---\ntype: event\n" + EVENT.removeprefix("---\n"),
        "Projects/Sync.md": "---\ntype: meeting\ndate: 2026-12-03\n---\n[[Jane Doe]]\n",
    }, config='event_property = "type: event"\nmeeting_property = "type: meeting"\n')
    for warm in (False, True):  # the second run restores the notes from the parse cache
        if warm:
            age_cache()  # past the racy window, or it would read the notes again
        row = due(run, vault, "2026-11-21")["Jane Doe"]
        assert row["status"] == "event"
        assert row["reason"].startswith("see them at Summit trip on 2026-12-03")
    bad = write_vault(tmp_path / "b", {}, config='event_property = "event"\n')
    result = vt(run, bad, "due")
    assert result.exit_code == 2 and "event_property: 'event' must be `key: value`" in (
        result.stderr)

"""Follow-through at fixed dates: a follow-up after a catch-up, a call or a coffee for
priority people, and the promises open in a contact's note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, write_vault


def due(run: Run, vault: Path, today: str) -> dict[tuple[str, str], str]:
    items = json.loads(run("--vault", str(vault), "--today", today, "due", "--json").stdout)
    return {(i["name"], i["status"]): i["reason"] for i in items}


def test_a_catch_up_asks_for_a_follow_up_for_a_few_days(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ada.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-20 coffee: Grid pilots; she "
                  "mentioned the Voltaic report.\n",
        "Bo.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-20 email: Sent the deck.\n",
        "Cy.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-20 lunch: Quick one. #nofollowup\n",
    })
    assert ("Ada", "follow-up") not in due(run, vault, "2026-11-20")  # from the next day
    items = due(run, vault, "2026-11-21")
    assert items[("Ada", "follow-up")] == ("follow up on coffee of 2026-11-20: a takeaway, "
                                           "thanks, or the link you discussed")
    assert not any(name in ("Bo", "Cy") for name, _ in items)  # email; #nofollowup
    assert ("Ada", "follow-up") in due(run, vault, "2026-11-23")
    assert ("Ada", "follow-up") not in due(run, vault, "2026-11-24")  # quietly dropped
    draft = run("--vault", str(vault), "--today", "2026-11-21", "draft", "ada")
    assert "Thank you for our coffee yesterday." in draft.stdout  # `thanks`, the default
    assert "Voltaic" not in draft.stdout  # the log is private (#29)
    done = run("--vault", str(vault), "--today", "2026-11-21", "log", "ada",
               "Sent the Voltaic report link", "--via", "email")
    assert done.exit_code == 0
    assert ("Ada", "follow-up") not in due(run, vault, "2026-11-22")
    skipped = run("--vault", str(vault), "--today", "2026-11-21", "log", "bo", "Dinner",
                  "--via", "dinner", "--no-follow-up")
    assert "#nofollowup" in (vault / "People" / "Bo.md").read_text() and skipped.exit_code == 0
    assert ("Bo", "follow-up") not in due(run, vault, "2026-11-22")


def test_priority_people_should_hear_a_voice_now_and_then(tmp_path: Path, run: Run) -> None:
    emails = "".join(f"- 2026-0{m}-01 email: Update.\n" for m in (6, 4, 2))
    vault = write_vault(tmp_path / "v", {
        "Mentor Mail.md": "---\ngroup: mentor\n---\n## Log\n" + emails
                          + "- 2025-01-10 coffee: Long talk.\n",
        "Mentor Talk.md": "---\ngroup: mentor\n---\n## Log\n- 2026-07-01 email: Update.\n"
                          "- 2026-06-01 call: Career chat.\n",
        "Only Mail.md": "---\ngroup: close\n---\n## Log\n" + emails,
        "Peer Mail.md": "---\ngroup: peer\n---\n## Log\n" + emails,
        "Client Meet.md": "---\ngroup: client\n---\n## Log\n- 2026-06-01 email: Invoice.\n",
        "Meetings/2026-07-20 Review.md": "Quarterly review with [[Client Meet]].\n",
    }, config='meeting_notes = ["Meetings"]\n')
    items = {name: reason for (name, _), reason in due(run, vault, "2026-11-21").items()}
    assert items["Mentor Mail"].endswith(
        "; last three were email; no call or meeting since 2025-01-10; make this one a call "
        "or a coffee")
    assert "make this one" not in items["Mentor Talk"]  # a call in July
    assert "make this one" not in items["Peer Mail"]  # not a priority group
    assert "make this one" not in items["Client Meet"]  # a meeting note counts
    assert items["Only Mail"].endswith("; last three were email; make this one a call or a "
                                       "coffee")
    scores = {i["name"]: i["score"] for i in json.loads(run(
        "--vault", str(vault), "--today", "2026-11-21", "due", "--json").stdout)}
    assert scores["Only Mail"] > scores["Peer Mail"] * 1.5  # close weighs 1.5, and a little more
    review = {i["name"]: i["reasons"] for i in json.loads(run(
        "--vault", str(vault), "--today", "2026-11-21", "review", "--json").stdout)}
    assert any(r.startswith("only written contact:") for r in review["Mentor Mail"])
    assert not any(r.startswith("only written") for r in review.get("Mentor Talk", []))


def test_open_tasks_in_a_note_are_promises(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\nNotes.\n"
                       "- [ ] Intro Jane to Bob #promise\n\n## Log\n"
                       "- 2026-11-14 coffee: Decks and hiring.\n"
                       "- [ ] Send the deck 📅 2026-11-25 ⏫\n"
                       "- [x] Sent the article\n"
                       "- 2026-10-01 email: Hello.\n"
                       "```\n- [ ] not a task, code\n```\n",
    })
    # The undated task is owed; the dated one is a reminder from its day on, first.
    items = due(run, vault, "2026-11-21")
    assert items[("Jane Doe", "promise")] == "you owe Jane: Intro Jane to Bob, open"
    late = [(i["status"], i["reason"]) for i in json.loads(run(
        "--vault", str(vault), "--today", "2026-12-01", "due", "--json").stdout)]
    assert late[0] == ("reminder", "Send the deck, since 2026-11-25; promise: you owe Jane: "
                                   "Intro Jane to Bob, open")
    show = run("--vault", str(vault), "--today", "2026-11-21", "show", "jane").stdout
    assert "Owed (open tasks in the note):\n  - Intro Jane to Bob (open; line 6)\n" \
           "  - Send the deck (due 2026-11-25; line 10)\n" in show
    check = run("--vault", str(vault), "--today", "2026-11-21", "check")
    assert check.exit_code == 0 and "does not parse" not in check.stdout  # tasks in the log
    assert run("--vault", str(vault), "--today", "2026-11-21", "index").exit_code == 0
    owed = (vault / "Index" / "Due.md").read_text(encoding="utf-8")
    assert "## Owed\n\n- [ ] [[People/Jane Doe|Jane Doe]] (peer): you owe Jane: Intro Jane " \
           "to Bob, open %%vt:promise:69eb2acc%%\n" in owed
    before = (vault / "People" / "Jane Doe.md").read_bytes()
    run("--vault", str(vault), "--today", "2026-11-21", "log", "jane", "Coffee", "--via",
        "coffee")
    assert b"- [ ] Send the deck" in (vault / "People" / "Jane Doe.md").read_bytes()
    assert before.count(b"[ ]") == (vault / "People" / "Jane Doe.md").read_bytes().count(b"[ ]")


@pytest.mark.parametrize("key", ["follow_up_after", "priority_groups", "in_person_channels"])
def test_follow_through_settings_are_checked(tmp_path: Path, run: Run, key: str) -> None:
    vault = write_vault(tmp_path / "v", {}, config=f'{key} = "coffee"\n')
    result = run("--vault", str(vault), "due")
    assert result.exit_code == 2 and f"{key}: expected a list" in result.stderr


def test_a_promise_names_the_person_not_their_title(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Dr. Amara Okafor.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\n"
                               "- [ ] Send the grid report\n"})
    items = due(run, vault, "2026-11-21")
    assert items[("Dr. Amara Okafor", "promise")] == "you owe Amara: Send the grid report, open"

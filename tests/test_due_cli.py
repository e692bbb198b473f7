"""`due` and `review` through the CLI, on example-vault and on small vaults."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, Run, snapshot, write_vault

TODAY = "2026-11-21"


def test_example_vault_shows_every_status_with_reasons(run: Run) -> None:
    before = snapshot(EXAMPLE)
    result = run("--vault", str(EXAMPLE), "--today", TODAY, "due", "--all", "--json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    by_status: dict[str, list[dict[str, object]]] = {}
    for item in items:
        by_status.setdefault(str(item["status"]), []).append(item)
        assert set(item) >= {"name", "path", "status", "next_due", "last_contact",
                             "cadence_days", "reason"}
    assert set(by_status) == {"overdue", "due", "never", "upcoming", "birthday",
                              "give-space", "snoozed", "reconnect", "congratulate", "retry",
                              "unsorted", "follow-up", "promise"}
    named = {(i["name"], i["status"]): i for i in items}
    assert named[("Oliver Grant", "give-space")]["reason"] == (
        "2 attempts unanswered (last email 2026-10-20); giving space until 2027-04-20")
    assert named[("Hannah Schmidt", "snoozed")]["reason"] == "snoozed until 2027-01-10"
    assert named[("Kenji Tanaka", "congratulate")]["reason"] == (
        "Promoted to Principal Engineer at Kumo DB (2026-11-19): congratulate")
    assert items[0]["status"] == "congratulate"  # above every routine item
    assert named[("Elena Petrova", "never")]["reason"] == "every six months; never contacted"
    # One person, one row: Jane's promise, her birthday and thanks for introducing Priya
    # (Priya's met_via), the most urgent first (her dated task is a reminder from
    # 2026-11-25 on).
    jane = named[("Jane Doe", "promise")]
    assert jane["also"] == ["birthday", "thank"]
    assert jane["reason"].endswith(
        "since 2026-09-14; birthday Wed Nov 25, turns 41; thank Jane for introducing you "
        "to Priya Raman and say how it went (met 2026-09-20)")
    assert len({i["name"] for i in items}) == len(items)
    assert named[("Samuel Adeyemi", "overdue")]["path"] == "People/Samuel Adeyemi.md"
    assert named[("Pedro Santos", "upcoming")]["reason"].startswith(
        "no reply to email on 2026-11-02; retry after 3w")
    assert named[("Noah Williams", "reconnect")]["last_contact"] == "2019-07-04"
    assert named[("Hiro Sato", "retry")]["reason"] == (
        "2 attempts unanswered (last email 2026-05-10); gave space for 6 months since; "
        "one more try?")
    # At most reconnect_per_week (3) of the 4 imported contacts, the newest connections first.
    assert [i["name"] for i in by_status["unsorted"]] == ["Aisha Bello", "Lars Eriksson",
                                                          "Mei Lin"]
    table = run("--vault", str(EXAMPLE), "--today", TODAY, "due").stdout
    assert table.endswith("\n4 imported contacts to sort: vaulttools review --unsorted\n")
    assert all(i["name"] not in ("Raj Patel", "Lucy Wong") for i in items)  # archived, paused
    # daily-note mentions count, but not from unchecked tasks or quotes
    ines = json.loads(run("--vault", str(EXAMPLE), "--today", TODAY, "show", "ines",
                          "--json").stdout)
    assert ines["effective_last_contact"] == "2026-10-30"
    assert ines["last_contact_source"] == "daily note"
    elena = json.loads(run("--vault", str(EXAMPLE), "--today", TODAY, "show", "elena",
                           "--json").stdout)
    assert elena["effective_last_contact"] is None
    assert snapshot(EXAMPLE) == before


def test_due_default_hides_the_quiet_statuses(run: Run) -> None:
    items = json.loads(run("--vault", str(EXAMPLE), "--today", TODAY, "due", "--json").stdout)
    assert {i["status"] for i in items} == {"overdue", "due", "never", "upcoming", "birthday",
                                            "reconnect", "congratulate", "retry", "unsorted",
                                            "follow-up", "promise"}
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)


def test_due_table_and_empty_message(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: mentor\n---\n## Log\n"
                                         "- 2026-07-01 coffee: Talked.\n"})
    out = run("--vault", str(vault), "--today", TODAY, "due").stdout.splitlines()
    assert out[0].split() == ["STATUS", "NAME", "GROUP", "WHY"]
    assert out[1].split(None, 3) == ["overdue", "Ada", "mentor", "quarterly; last coffee "
                                     "2026-07-01; overdue since 2026-11-15"]
    quiet = run("--vault", str(vault), "--today", "2026-07-05", "due")  # the follow-up lapsed
    assert quiet.stdout == "Nobody is due. Enjoy the day.\n"


def test_bad_cadence_is_a_check_error_not_a_crash(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Odd.md": "---\ncadence: sometimes\ngroup: close\n---\n"})
    check = run("--vault", str(vault), "check")
    assert check.exit_code == 1
    assert "People/Odd.md:2: error: cadence: bad cadence 'sometimes'" in check.stdout
    due = run("--vault", str(vault), "--today", TODAY, "due", "--json")
    assert due.exit_code == 0
    assert json.loads(due.stdout)[0]["cadence"] == "1m"  # falls back to the group's
    assert "1 problem in the vault; run `vaulttools check`" in due.stderr


def test_review_lists_reasons(tmp_path: Path, run: Run) -> None:
    one_sided = "\n".join(f"- 2026-0{m}-01 email: Ping. #gave" for m in (3, 5, 7)) + "\n"
    vault = write_vault(tmp_path / "v", {
        "Fresh.md": "---\ngroup: peer\nemail: a@b.c\nreviewed: 2026-10-01\n---\n",
        "Stale.md": "---\ngroup: peer\nemail: a@b.c\nreviewed: 2026-01-01\n---\n",
        "Lonely.md": "---\nreviewed: 2026-10-01\n---\n",
        "Pushy.md": "---\ngroup: peer\nphone: '1'\nreviewed: 2026-04-01\n---\n## Log\n"
                    + one_sided,
        "Gone.md": "---\nstatus: archived\n---\n",
    })
    items = json.loads(run("--vault", str(vault), "--today", TODAY, "review", "--json").stdout)
    assert [(i["name"], i["reasons"]) for i in items] == [
        ("Lonely", ["no group", "no way to reach them (email, phone or linkedin)"]),
        ("Pushy", ["last reviewed 2026-04-01 (every 6m)",
                   "one-sided: 3 outreaches and nothing inbound in a year"]),
        ("Stale", ["last reviewed 2026-01-01 (every 6m)"]),
    ]
    text = run("--vault", str(vault), "--today", TODAY, "review").stdout
    assert text.splitlines()[0].split() == ["NAME", "GROUP", "WHY"]


def test_show_includes_standing(run: Run) -> None:
    out = run("--vault", str(EXAMPLE), "--today", TODAY, "show", "samuel").stdout
    assert "cadence:      3m (quarterly; from group mentor)" in out
    assert "last contact: 2026-01-15 (from log: lunch)" in out
    assert "next due:     2026-04-15" in out
    assert "standing:     overdue: quarterly; last lunch 2026-01-15" in out


def test_a_command_lets_its_vault_go(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run one after another in one process (as tests do) hold nothing of
    each other: the program itself ends with os._exit and never frees its vault."""
    from vaulttools.cli import runtime

    loaded: list[weakref.ref[object]] = []
    real = runtime.load_vault_for_command

    def recording(*args: Any, **kwargs: Any) -> object:
        vault = real(*args, **kwargs)
        loaded.append(weakref.ref(vault))
        return vault

    monkeypatch.setattr(runtime, "load_vault_for_command", recording)
    monkeypatch.setenv("VAULTTOOLS_REMEMBER", "0")  # each run loads its vault
    for _ in range(2):
        assert run("--vault", str(EXAMPLE), "--today", TODAY, "due").exit_code == 0
    gc.unfreeze()  # the command froze the heap, click's cyclic contexts included
    gc.collect()
    assert [ref() for ref in loaded] == [None, None]


def test_review_proposes_let_go_add_and_the_unsorted_count(tmp_path: Path, run: Run) -> None:
    """On 2026-11-21: who to let go, who to add, how many imports wait to be sorted."""
    reviewed = "reviewed: 2026-10-01\nemail: x@example.org\n"
    stale = "reviewed: 2026-04-01\nemail: x@example.org\n"  # the review is due again
    vault = write_vault(tmp_path / "v", {
        "Old Classmate.md": f"---\ngroup: classmate\n{stale}---\n## Log\n"
                            "- 2024-11-01 email: Hello.\n",      # weak, quiet > 2 years
        "Recent Classmate.md": f"---\ngroup: classmate\n{reviewed}---\n## Log\n"
                               "- 2025-01-10 email: Hello.\n",   # weak, quiet < 2 years
        "Old Mentor.md": f"---\ngroup: mentor\n{reviewed}---\n## Log\n"
                         "- 2023-01-01 coffee: Talked.\n",       # strong: never "let go"
        "Kept Apart.md": f"---\ngroup: peer\n{stale}---\n## Log\n"
                         "- 2026-08-01 email: One more try. #noreply\n"
                         "- 2026-01-01 email: Ping. #noreply\n"
                         "- 2025-12-01 email: Ping. #noreply\n",  # no reply to the retry
        "Imported.md": "---\ngroup: unsorted\n---\n",
        "Imported Too.md": "---\ngroup: unsorted\n---\n",
        "Projects/Project Atlas.md": "Atlas notes.\n",
        "Daily/2026-09-01.md": "Call with [[Maria López]] about [[Project Atlas]].\n",
        "Daily/2026-11-02.md": "- Lunch with [[Maria López|Maria]]; [[Project Atlas]] review.\n"
                               "- Met [[Once Only]] at a meetup.\n",
        "Daily/2026-03-01.md": "Saw [[Long Ago]].\n",
        "Daily/2026-03-08.md": "Saw [[Long Ago]] again.\n",
        "Daily/2026-11-03.md": "- [ ] call [[Planned Person]]\n- [ ] and [[Planned Person]]\n",
    }, config='daily_notes = "Daily"\n')
    vt = ("--vault", str(vault), "--today", TODAY)
    items = json.loads(run(*vt, "review", "--json").stdout)
    reasons = {i["name"]: i["reasons"] for i in items}
    assert reasons["Old Classmate"] == [
        "last reviewed 2026-04-01 (every 6m)",
        "let go? a weak tie quiet since 2024-11-01; archive them (vaulttools archive), "
        "or reach out"]
    assert reasons["Kept Apart"][1].startswith("let go? no reply to a retry after giving space")
    assert "Recent Classmate" not in reasons
    assert not any(r.startswith("let go") for r in reasons.get("Old Mentor", []))
    assert "Imported" not in reasons and "Imported Too" not in reasons
    assert reasons["Maria López"] == [
        "add? linked from 2 daily notes (2026-09-01, 2026-11-02) but has no note: "
        "vaulttools new 'Maria López'"]
    added = [i for i in items if i["path"] is None]
    assert [i["name"] for i in added] == ["Maria López"]  # not a project, a one-off or a plan
    text = run(*vt, "review").stdout
    assert text.endswith("\n2 imported contacts to sort: vaulttools review --unsorted\n")
    unsorted = json.loads(run(*vt, "review", "--unsorted", "--json").stdout)
    assert [i["name"] for i in unsorted] == ["Imported", "Imported Too"]
    assert run(*vt, "index").exit_code == 0
    review_note = (vault / "Index" / "Review.md").read_text(encoding="utf-8")
    assert ("## Add?\n\nLinked from your daily notes, with no note of their own yet:\n\n"
            "- [[Maria López]]: 2 daily notes (2026-09-01, 2026-11-02); "
            "`vaulttools new \"Maria López\"`\n") in review_note
    assert "2 imported contacts waiting for a group" in review_note

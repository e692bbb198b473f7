"""The rules of docs/due.md, scenario by scenario, at a fixed today."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from vaulttools.config import Settings, parse_settings
from vaulttools.model import Contact, Mention
from vaulttools.read.mentions import mentioned_targets
from vaulttools.read.notes import parse_note
from vaulttools.schedule.agenda import schedule
from vaulttools.schedule.standing import _days_ahead, effective_cadence, quiet, standing

from conftest import Run

TODAY = date(2026, 11, 21)


def settings(**toml: object) -> Settings:
    return parse_settings(dict(toml), Path("/vault"), Path("/vault/.vaulttools.toml"))


def contact(name: str, front: str = "", log: str = "") -> Contact:
    text = f"---\n{front}\n---\n"
    if log:
        text += "## Log\n" + log.strip() + "\n"
    parsed = parse_note(text, Path(f"/vault/People/{name}.md"), f"People/{name}.md")
    assert parsed.contact is not None, parsed.problems
    assert not [p for p in parsed.problems if p.severity == "error"], parsed.problems
    return parsed.contact


def status_of(person: Contact, today: date = TODAY, cfg: Settings | None = None,
              mentions: list[Mention] | None = None) -> tuple[str, str]:
    result = standing(person, cfg or settings(), today, mentions or [])
    return result.status, result.reason


@pytest.mark.parametrize(
    ("front", "log", "status", "reason"),
    [
        ("group: peer", "", "never", "quarterly; never contacted"),
        ("group: peer\nlast_contact: 2026-08-15", "", "due",
         "quarterly; last contact 2026-08-15; due since 2026-11-15"),
        ("group: peer\nlast_contact: 2026-05-01", "", "overdue", "overdue since 2026-09-15"),
        ("group: peer\nlast_contact: 2026-08-25", "", "upcoming", "due 2026-11-25"),
        ("group: peer\nlast_contact: 2026-10-01", "", "ok", "due 2027-01-01"),
        ("group: close", "- 2026-10-10 call: Caught up.", "due",
         "monthly; last call 2026-10-10; due since 2026-11-10"),
        ("group: close", "- 2026-10-01 call: Caught up.", "overdue",
         "monthly; last call 2026-10-01; overdue since 2026-11-16"),
        ("group: peer\nsnooze_until: 2026-12-01\nlast_contact: 2026-01-01", "", "snoozed",
         "snoozed until 2026-12-01"),
        ("group: peer\nsnooze_until: 2026-11-21\nlast_contact: 2026-08-15", "", "due", "due since"),
        ("group: peer\nstatus: paused", "", "paused", "paused; not scheduled"),
        ("group: peer\nstatus: archived", "", "archived", "archived; not scheduled"),
        ("group: peer\ncadence: never", "", "ok", "cadence never"),
        ("group: acquaintance\nlast_contact: 2024-01-01", "", "reconnect",
         "dormant tie: last contact 2024-01-01"),
        ("group: classmate\nlast_contact: 2024-01-01", "", "reconnect", "dormant tie"),
        ("cadence: none\nlast_contact: 2024-01-01", "", "reconnect", "dormant tie"),
        ("cadence: none\nlast_contact: 2026-06-01", "", "ok", "no cadence (a weak tie)"),
        # A strong tie never turns dormant: it stays overdue, however long.
        ("group: peer\nlast_contact: 2024-01-01", "", "overdue",
         "quarterly; last contact 2024-01-01; overdue since 2024-05-17"),
    ],
)
def test_status_rules(front: str, log: str, status: str, reason: str) -> None:
    got_status, got_reason = status_of(contact("Person", front, log))
    assert got_status == status
    assert reason in got_reason


def test_two_week_cadence_goes_overdue_after_one_and_a_half() -> None:
    person = contact("P", "cadence: 2w", "- 2026-11-01 coffee: Coffee.")
    assert status_of(person, date(2026, 11, 14))[0] == "upcoming"
    assert status_of(person, date(2026, 11, 15))[0] == "due"
    assert status_of(person, date(2026, 11, 21))[0] == "due"
    assert status_of(person, date(2026, 11, 22))[0] == "overdue"


def test_cadence_precedence() -> None:
    cfg = settings(groups={"investor": {"cadence": "2m"}}, default_cadence="5m")
    assert str(effective_cadence(contact("A", "cadence: 10d\ngroup: peer"), cfg)[0]) == "10d"
    assert effective_cadence(contact("B", "group: [peer, close]"), cfg)[1] == "group close"
    assert str(effective_cadence(contact("C", "group: investor"), cfg)[0]) == "2m"
    assert effective_cadence(contact("D", "group: unknown-group"), cfg)[1] == "default"
    assert str(effective_cadence(contact("D", ""), cfg)[0]) == "5m"


def test_month_arithmetic_clamps_to_month_end() -> None:
    person = contact("P", "cadence: 1m\nlast_contact: 2026-01-31")
    assert standing(person, settings(), date(2026, 2, 1)).next_due == date(2026, 2, 28)
    leap = contact("P", "cadence: 1m\nlast_contact: 2028-01-31")
    assert standing(leap, settings(), date(2028, 2, 1)).next_due == date(2028, 2, 29)


def test_last_contact_is_the_latest_source() -> None:
    person = contact("P", "group: peer\nlast_contact: 2026-09-01",
                     "- 2026-10-01 email: Newer. #noreply\n- 2026-08-01 call: Older.")
    result = standing(person, settings(), TODAY)
    assert result.last is not None
    assert (result.last.day, result.last.source) == (date(2026, 9, 1), "last_contact")
    mention = Mention(date(2026, 10, 15), "Daily/2026-10-15.md")
    result = standing(person, settings(), TODAY, [mention])
    assert result.last is not None
    assert (result.last.day, result.last.source) == (date(2026, 10, 15), "daily note")
    assert "last mentioned in Daily/2026-10-15.md" in result.reason


def test_backdated_entry_counts_from_its_own_date() -> None:
    person = contact("P", "group: peer", "- 2026-11-20 call: Today's call.\n"
                     "- 2026-06-01 coffee: Logged late, happened in June.")
    result = standing(person, settings(), TODAY)
    assert result.last is not None and result.last.day == date(2026, 11, 20)
    only_backdated = contact("P", "group: peer", "- 2026-06-01 coffee: Logged late.")
    assert status_of(only_backdated)[0] == "overdue"


def test_future_log_entries_do_not_count_yet() -> None:
    person = contact("P", "group: peer", "- 2026-12-01 lunch: Planned.")
    assert status_of(person)[0] == "never"


def test_one_noreply_schedules_a_retry_not_a_full_cadence() -> None:
    recent = contact("P", "group: peer", "- 2026-11-10 email: Hello? #noreply\n"
                     "- 2026-06-01 call: Talked.")
    status, reason = status_of(recent)
    assert status == "ok"
    assert "no reply to email on 2026-11-10; retry after 3w; due 2026-12-01" in reason
    older = contact("P", "group: peer", "- 2026-10-25 email: Hello? #noreply\n"
                    "- 2026-06-01 call: Talked.")
    assert status_of(older) == ("due", "no reply to email on 2026-10-25; retry after 3w; "
                                "due since 2026-11-15")
    oldest = contact("P", "group: peer", "- 2026-10-01 email: Hello? #noreply")
    assert status_of(oldest)[0] == "overdue"


def test_give_space_after_two_unanswered_and_back_when_they_reply() -> None:
    ignored = contact("P", "group: peer", "- 2026-11-01 email: Again. #noreply\n"
                      "- 2026-10-01 linkedin: Hi. #noreply\n- 2026-06-01 call: Talked.")
    status, reason = status_of(ignored)
    assert status == "give-space"
    assert reason == ("2 attempts unanswered (last email 2026-11-01); giving space until "
                      "2027-05-01")
    replied = contact("P", "group: peer", "- 2026-11-05 email: She wrote back. #inbound\n"
                      "- 2026-11-01 email: Again. #noreply\n- 2026-10-01 linkedin: Hi. #noreply")
    assert status_of(replied)[0] == "ok"
    cfg = settings(give_space_after=3)
    assert status_of(ignored, cfg=cfg)[0] != "give-space"


def test_give_space_ends_with_one_retry_then_asks_to_let_go() -> None:
    """Give-space is a pause: back once as `retry` after give_space_for; a retry left
    unanswered stays in give-space, and the review asks whether to let go."""
    from vaulttools.schedule.review import review_reasons

    two_tries = ("- 2025-11-01 email: Again. #noreply\n- 2025-10-01 linkedin: Hi. #noreply\n"
                 "- 2025-06-01 call: Talked.")
    person = contact("P", "group: peer", two_tries)
    assert status_of(person, today=date(2026, 4, 30))[0] == "give-space"
    status, reason = status_of(person, today=date(2026, 5, 1))  # 6 months after the last
    assert status == "retry"
    assert reason == ("2 attempts unanswered (last email 2025-11-01); gave space for "
                      "6 months since; one more try?")
    assert status_of(person, today=date(2027, 11, 21))[0] == "retry"  # waits until tried
    assert "retry" in {i.status for i in schedule([person], settings(), TODAY).shown()}
    retried = contact("P", "group: peer", "- 2026-05-03 email: One more try. #noreply\n"
                      + two_tries)
    status, reason = status_of(retried, today=date(2027, 11, 21))
    assert status == "give-space" and reason.endswith("let go?")
    later = date(2027, 11, 21)
    assert any(r.startswith("let go?") for r in review_reasons(
        retried, settings(), later, standing(retried, settings(), later)))
    # A birthday wish after the unanswered retry starts no new pause: still "let go?".
    wished = contact("P", "group: peer", "- 2026-06-10 email: Happy birthday! #noreply\n"
                     "- 2026-05-03 email: One more try. #noreply\n" + two_tries)
    for day in (date(2026, 12, 11), date(2027, 11, 21)):
        status, reason = status_of(wished, today=day)
        assert status == "give-space" and reason.endswith("let go?"), day
    answered = contact("P", "group: peer", "- 2026-05-04 email: She wrote back! #inbound\n"
                       "- 2026-05-03 email: One more try. #noreply\n" + two_tries)
    assert status_of(answered, today=date(2026, 5, 5))[0] not in ("give-space", "retry")
    reasons = review_reasons(answered, settings(), date(2026, 5, 5),
                             standing(answered, settings(), date(2026, 5, 5)))
    assert reasons == [r for r in reasons if not r.startswith("let go?")]


@pytest.mark.parametrize(
    ("front", "log", "quiet_today"),
    [
        ("group: peer\nlast_contact: 2026-10-01", "", True),  # ok: due in 41 days
        ("group: peer\nlast_contact: 2026-08-25", "", False),  # upcoming: due in 4 days
        ("group: peer\nlast_contact: 2026-08-15", "", False),  # due
        ("group: peer", "", False),  # never contacted
        ("group: peer\ncadence: never", "", True),
        ("group: peer\nlast_contact: 2026-10-01\nbirthday: 1990-11-24", "", False),
        ("group: peer\nlast_contact: 2026-10-01\nstatus: paused", "", False),
        ("group: peer", "- 2026-11-10 email: Hello? #noreply\n- 2026-06-01 call: Talked.",
         True),  # retry due in 10 days
        ("group: peer", "- 2026-11-17 email: Hello? #noreply\n- 2026-11-10 call: Talked.",
         True),
        ("group: peer", "- 2026-11-01 email: Hello? #noreply\n- 2026-06-01 call: Talked.",
         False),  # retry due tomorrow
        ("group: peer", "- 2026-11-18 email: Again. #noreply\n"
         "- 2026-11-17 linkedin: Hi. #noreply\n- 2026-11-10 call: Talked.", False),  # space
        ("group: peer\nlast_contact: 2026-11-19",
         "- 2026-11-18 email: Again. #noreply\n- 2026-11-17 linkedin: Hi. #noreply", True),
    ],
)
def test_quiet_contacts_are_those_with_nothing_on_the_list(
    front: str, log: str, quiet_today: bool
) -> None:
    """quiet() decides whose full standing waits: never one with something to show."""
    person, cfg = contact("P", front, log), settings()
    assert quiet(person, cfg, TODAY, [], _days_ahead(TODAY, cfg.upcoming_days)) is quiet_today
    if quiet_today:
        assert status_of(person)[0] == "ok"


def test_a_contact_overdue_before_due_is_not_quiet() -> None:
    """An overdue factor under 1 (a library caller's Settings; the config refuses it)
    makes a contact overdue before it is due: not quiet, though its due date is far."""
    from dataclasses import replace

    person = contact("P", "cadence: 6m\nlast_contact: 2026-07-15")  # due 2027-01-15
    cfg = replace(settings(), overdue_factor=0.5)
    assert standing(person, cfg, TODAY).status == "overdue"
    assert not quiet(person, cfg, TODAY, [], _days_ahead(TODAY, cfg.upcoming_days))


def test_noreply_before_an_answer_is_forgotten() -> None:
    person = contact("P", "group: peer\nlast_contact: 2026-11-01",
                     "- 2026-10-01 email: Hi. #noreply\n- 2026-09-01 email: Hi. #noreply")
    assert status_of(person)[0] == "ok"


def test_a_daily_note_mention_answers_a_noreply() -> None:
    person = contact("P", "group: peer", "- 2026-10-01 email: Hi. #noreply\n"
                     "- 2026-09-20 email: Hi. #noreply")
    assert status_of(person)[0] == "give-space"
    assert status_of(person, mentions=[Mention(date(2026, 10, 5), "d.md")])[0] == "ok"


def test_overdue_factor_is_configurable() -> None:
    person = contact("P", "group: peer\nlast_contact: 2026-08-15")
    assert status_of(person, cfg=settings(overdue_factor=1.0))[0] == "overdue"


@pytest.mark.parametrize(
    ("birthday", "today", "reason"),
    [
        ("1985-11-25", TODAY, "birthday Wed Nov 25, turns 41"),
        ("--11-21", TODAY, "birthday Sat Nov 21"),
        ("--11-22", TODAY, "birthday Sun Nov 22"),
        ("1988-02-29", date(2027, 2, 25), "birthday Sun Feb 28, turns 39"),
        ("1988-02-29", date(2028, 2, 25), "birthday Tue Feb 29, turns 40"),
        ("1990-01-02", date(2026, 12, 28), "birthday Sat Jan 2, turns 37"),
    ],
)
def test_birthdays(birthday: str, today: date, reason: str) -> None:
    seen = (today - timedelta(days=10)).isoformat()  # not due, and not a wish
    person = contact("P", f"group: peer\nlast_contact: {seen}\nbirthday: '{birthday}'")
    items = [i for i in schedule([person], settings(), today).items if i.status == "birthday"]
    assert [i.reason for i in items] == [reason]


@pytest.mark.parametrize(("today", "log", "shown"), [
    # A birthday is its own occasion: an email four days before is not the wish (#29).
    (date(2026, 11, 21), "- 2026-11-20 email: About the deck", True),
    (date(2026, 11, 23), "- 2026-11-20 email: Happy early birthday!", True),
    (date(2026, 11, 23), "- 2026-11-23 email: Happy birthday for tomorrow!", False),  # far
    (date(2026, 11, 24), "- 2026-11-24 call: Sang to her", False),  # on the day
    (date(2026, 11, 24), "- 2026-11-23 email: Happy birthday! #noreply", False),  # sent
    (date(2026, 11, 23), "- 2026-11-16 call: Talked about the move.", True),
    (date(2026, 11, 21), "", True),
])
def test_only_a_wish_on_the_day_or_the_day_before_takes_the_birthday_off(
    today: date, log: str, shown: bool
) -> None:
    person = contact("P", "group: peer\nlast_contact: 2026-11-15\nbirthday: --11-24",
                     log)
    items = [i for i in schedule([person], settings(), today).items if i.status == "birthday"]
    assert bool(items) == shown


def test_birthday_outside_the_window_is_not_shown_until_days_widens() -> None:
    person = contact("P", f"cadence: never\nbirthday: 1985-12-10\nlast_contact: {TODAY}")
    assert schedule([person], settings(), TODAY).items == []
    wide = schedule([person], settings(), TODAY, days=30).items
    assert [(i.status, i.on) for i in wide] == [("birthday", date(2026, 12, 10))]


def test_anniversaries_are_yearly_items() -> None:
    person = contact("P", "cadence: never\nanniversaries:\n  work: 2019-11-23")
    items = schedule([person], settings(), TODAY).items
    assert [i.reason for i in items] == ["work Mon Nov 23, 7 years"]


def test_reconnect_suggests_at_most_n_oldest_and_most_valuable_first() -> None:
    people = [
        contact("Old Classmate", "group: classmate\nlast_contact: 2020-01-01"),
        contact("Older Classmate", "group: classmate\nlast_contact: 2019-01-01"),
        contact("Old Acquaintance", "group: acquaintance\nlast_contact: 2019-01-01"),
        contact("Open", "cadence: none\nlast_contact: 2018-01-01"),
        contact("Recent Dormant", "group: acquaintance\nlast_contact: 2025-09-01"),
    ]
    agenda = schedule(people, settings(), TODAY)
    suggested = [i.contact.name for i in agenda.items if i.status == "reconnect"]
    assert suggested == ["Open", "Older Classmate", "Old Classmate"]  # the oldest first
    assert agenda.dormant_not_suggested == 1  # Recent Dormant is only due: 1y, not 1.5y late
    assert [i.contact.name for i in agenda.shown()
            if i.status == "reconnect"] == suggested  # on the default list
    agenda = schedule(people, settings(reconnect_per_week=1), TODAY)
    assert [i.contact.name for i in agenda.items if i.status == "reconnect"] == ["Open"]


def test_a_mentor_ignored_for_thirteen_months_stays_on_the_default_list() -> None:
    """Strong ties never vanish: overdue however long, and ever more urgent."""
    mentor = contact("Mentor", "group: mentor\nlast_contact: 2025-10-21")  # 13 months
    behind = contact("Behind", "group: mentor\nlast_contact: 2026-06-21")  # 5 months
    scores = []
    for months_later in (0, 6, 12, 24):
        day = TODAY + timedelta(days=round(30.4 * months_later))
        agenda = schedule([mentor, behind], settings(), day)
        shown = {i.contact.name: i for i in agenda.shown()}
        assert shown["Mentor"].status == "overdue", day
        scores.append(shown["Mentor"].score)
        assert shown["Mentor"].score > shown["Behind"].score  # the most neglected first
    assert scores == sorted(scores) and scores[-1] > scores[0]


def test_order_is_by_score_then_name() -> None:
    people = [
        contact("Bea", "group: peer\nlast_contact: 2026-08-01"),
        contact("Abe", "group: peer\nlast_contact: 2026-08-01"),
        contact("Mentor", "group: mentor\nlast_contact: 2026-08-01"),
        contact("Never", "group: peer"),
        contact("Soon", "group: peer\nlast_contact: 2026-08-25"),
    ]
    items = schedule(people, settings(), TODAY).items
    assert [i.contact.name for i in items] == ["Mentor", "Abe", "Bea", "Never", "Soon"]
    assert items[0].score == pytest.approx(1.5 * (1 + 20 / (3 * 365.25 / 12)))


def test_default_list_hides_give_space_and_snoozed() -> None:
    people = [
        contact("Space", "group: peer", "- 2026-11-01 email: x #noreply\n"
                "- 2026-10-01 email: y #noreply"),
        contact("Snooze", "group: peer\nsnooze_until: 2027-01-01"),
        contact("Dormant", "group: acquaintance\nlast_contact: 2020-01-01"),
        contact("Due", "group: peer\nlast_contact: 2026-08-01"),
    ]
    agenda = schedule(people, settings(), TODAY)
    assert {i.status for i in agenda.shown()} == {"due", "reconnect"}
    assert {i.status for i in agenda.shown(True)} == {"due", "give-space", "snoozed",
                                                       "reconnect"}


def test_docs_example_score() -> None:
    ada = contact("Ada", "group: mentor", "- 2026-07-01 coffee: Talked.")
    result = standing(ada, settings(), TODAY)
    assert result.status == "overdue"
    assert result.reason == ("quarterly; last coffee 2026-07-01; "
                             "overdue since 2026-11-15")
    assert round(result.score, 2) == 2.34


MENTION_NOTE = """\
---
tags: [daily]
attendees: "[[In Front Matter]]"
---
# Friday
- Lunch with [[Jane Doe]] and [[Bob Smith|Bob]].
- [x] Called [[People/Grace Liu]] about [[Priya#Plans]].
- [ ] Call [[Planned Person]] next week
> Quoted [[Quoted Person]]
![[Embedded Person]]
Inline `[[Code Person]]` and [[Real Person.md]].
```
[[Fenced Person]]
```
"""


def test_mentions_skip_tasks_quotes_code_and_embeds() -> None:
    assert mentioned_targets(MENTION_NOTE) == {
        "in front matter", "jane doe", "bob smith", "grace liu", "priya", "real person"}


@pytest.mark.parametrize(("text", "expected"), [
    # A table: Obsidian escapes the alias pipe.
    ("| who | what |\n| --- | --- |\n| [[Jane Doe\\|Jane]] | lunch |\n", {"jane doe"}),
    ("| [[Jane Doe#Notes\\|Jane]] | call |\n", {"jane doe"}),
    # A callout is your own writing; every line of it counts, tasks aside.
    ("> [!note] Meetings\n> Lunch with [[Jane Doe]]\n> - [ ] call [[Planned]]\n",
     {"jane doe"}),
    ("> [!info]- Folded\n> > Coffee with [[Bob Smith]]\n", {"bob smith"}),
    # A plain quote is someone else's words, also right after a callout has ended.
    ("> [!note] Met\n> [[Jane Doe]]\n\n> As [[Quoted Person]] said\n", {"jane doe"}),
    ("> Quoted [[Quoted Person]]\n", set()),
    # Front matter, as Obsidian's properties hold links.
    ('---\npeople: ["[[Jane Doe]]", "[[Bob Smith|Bob]]"]\n---\nNothing here.\n',
     {"jane doe", "bob smith"}),
])
def test_mentions_as_obsidian_users_write_them(text: str, expected: set[str]) -> None:
    assert mentioned_targets(text) == expected


def test_a_memoised_agenda_follows_contact_and_daily_note_edits(tmp_path: Path) -> None:
    """The watcher's memo: after any edit, the agenda equals one computed afresh."""
    import os

    from vaulttools.config import load_settings
    from vaulttools.read.loader import VaultIndex
    from vaulttools.schedule.agenda import Memo

    from conftest import write_vault

    vault = write_vault(tmp_path / "v", {
        "Ann.md": "---\ngroup: peer\nlast_contact: 2026-01-01\n---\n",
        "Bo.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\n",
        "Daily/2026-11-10.md": "Lunch with [[Ann]].\n",
    }, config='daily_notes = "Daily"\n')
    index = VaultIndex(load_settings(vault))
    index.reconcile()
    memo = Memo()

    def both() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        loaded = index.vault()
        remembered = loaded.agenda(TODAY, memo=memo)
        fresh = loaded.agenda(TODAY)
        return ([(s.contact.name, s.status, s.reason) for s in remembered.standings],
                [(s.contact.name, s.status, s.reason) for s in fresh.standings])

    first, fresh = both()
    assert first == fresh and "Daily/2026-11-10.md" in dict((n, r) for n, _, r in first)["Ann"]
    assert index.vault().mentions is index.vault().mentions  # unchanged: the same mapping
    edits = [
        ("Daily/2026-11-10.md", "Lunch with [[Bo]] instead.\n"),  # a daily note changes
        ("People/Bo.md", "---\ngroup: peer\nlast_contact: 2025-01-01\n---\n"),  # a contact
        ("Daily/2026-11-12.md", "Call with [[Ann]].\n"),  # a daily note appears
    ]
    for relpath, text in edits:
        path = vault / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        os.utime(path, ns=(os.stat(path).st_mtime_ns + 10**9,) * 2)
        index.reconcile()
        remembered, fresh = both()
        assert remembered == fresh, relpath
        afresh = VaultIndex(load_settings(vault))
        afresh.reconcile()
        assert index.vault().mentions == afresh.vault().mentions, relpath
    assert "Daily/2026-11-12.md" in dict((n, r) for n, _, r in remembered)["Ann"]


def test_a_milestone_is_congratulated_until_a_later_interaction(
    tmp_path: Path, run: Run
) -> None:
    from conftest import write_vault

    vault = write_vault(tmp_path / "v", {
        "Jane.md": "---\ngroup: mentor\nlast_contact: 2026-02-01\n---\n# Jane\n\n## Log\n",
        "Bob.md": "---\ngroup: peer\nlast_contact: 2025-06-01\n---\n"})  # long overdue
    vt = ("--vault", str(vault))
    logged = run(*vt, "--today", "2026-03-09", "log", "jane", "New role: CTO at Foo",
                 "--via", "linkedin", "--milestone")
    assert logged.exit_code == 0, logged.output
    note = (vault / "People" / "Jane.md").read_text()
    assert "- 2026-03-09 linkedin: New role: CTO at Foo #milestone" in note
    assert "last_contact: 2026-02-01" in note  # news about her, not contact with her
    for day in ("2026-03-09", "2026-03-10", "2026-04-20"):
        items = json.loads(run(*vt, "--today", day, "due", "--json").stdout)
        assert items[0]["name"] == "Jane" and items[0]["status"] == "congratulate", day
        assert items[0]["reason"] == "New role: CTO at Foo (2026-03-09): congratulate"
    assert run(*vt, "--today", "2026-04-21", "log", "jane", "Congratulated her",
               "--via", "email").exit_code == 0
    items = json.loads(run(*vt, "--today", "2026-04-22", "due", "--json").stdout)
    assert "congratulate" not in {i["status"] for i in items}

"""Property-based tests: the shortcuts scheduling takes give what the rules give."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.cadence import Cadence, YearlyDate
from vaulttools.config import Settings, parse_settings
from vaulttools.model import Contact, Interaction, Mention, Promise
from vaulttools.schedule.agenda import (
    FIRST,
    Agenda,
    _standing_and_items,
    mentions_for,
    schedule,
)
from vaulttools.schedule.followthrough import written_only
from vaulttools.schedule.standing import _days_ahead, quiet, standing

TODAY = date(2026, 11, 21)
# Days around TODAY: mostly the last weeks, where retries, due dates and the window meet.
near = st.one_of(st.integers(min_value=-40, max_value=10),
                 st.integers(min_value=-800, max_value=60)).map(
    lambda d: TODAY + timedelta(days=d))


@st.composite
def yearly(draw: st.DrawFn) -> YearlyDate:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(2000, month)[1]))
    return YearlyDate(month, day, draw(st.one_of(st.none(), st.just(1980))))


@st.composite
def contacts(draw: st.DrawFn, name: str = "Ann") -> Contact:
    contact = Contact(
        name, Path(f"/v/People/{name}.md"), f"People/{name}.md",
        groups=draw(st.lists(st.sampled_from(["close", "peer", "acquaintance", "odd"]),
                             max_size=2)),
        cadence=draw(st.one_of(st.none(), st.sampled_from(
            [Cadence.parse(text) for text in ("never", "10d", "2w", "1m", "6m", "1y")]))),
        last_contact=draw(st.one_of(st.none(), near)),
        snooze_until=draw(st.one_of(st.none(), near)),
        status=draw(st.sampled_from(["active", "active", "paused", "archived"])),
        birthday=draw(st.one_of(st.none(), yearly())),
        anniversaries=draw(st.dictionaries(st.sampled_from(["wedding", "joined"]), yearly(),
                                           max_size=2)),
    )
    entries = draw(st.lists(st.tuples(
        near, st.sampled_from(["call", "email", "coffee"]),
        st.sampled_from([frozenset(), frozenset({"noreply"}), frozenset({"nofollowup"}),
                         frozenset({"milestone"})])), max_size=5))
    contact.interactions = [Interaction(day, channel, "", flags, 20 + n)
                            for n, (day, channel, flags) in enumerate(entries)]
    contact.promises = draw(st.lists(st.builds(
        Promise, st.just("send the deck"), st.one_of(st.none(), near),
        st.one_of(st.none(), near), st.just(10)), max_size=2))
    return contact


@st.composite
def rules(draw: st.DrawFn) -> Settings:
    """Settings built directly: a library caller may pass what a config file may not."""
    return Settings(
        Path("/v"),
        overdue_factor=draw(st.sampled_from([0.5, 1.0, 1.5, 3.0])),
        give_space_after=draw(st.integers(1, 3)),  # the config demands at least 1
        upcoming_days=draw(st.integers(0, 40)),
        dormant_after=Cadence.parse(draw(st.sampled_from(["1m", "6m", "1y", "2y"]))),
        retry_after=Cadence.parse(draw(st.sampled_from(["1w", "3w"]))),
        groups=dict(parse_settings({}, Path("/v"), None).groups),
    )


mention_days = st.lists(near.map(lambda day: Mention(day, f"Daily/{day}.md")), max_size=3)


@settings(max_examples=400)
@given(contacts(), rules(), near, mention_days)
def test_a_quiet_contact_has_nothing_on_the_list(
    contact: Contact, cfg: Settings, today: date, mentions: list[Mention]
) -> None:
    """quiet() may say False for a contact with nothing to show, never True for one with
    something: it decides whose full standing waits until asked for."""
    mentions = sorted(mentions)
    if quiet(contact, cfg, today, mentions, _days_ahead(today, cfg.upcoming_days)):
        result, items = _standing_and_items(contact, cfg, today, cfg.upcoming_days, mentions)
        assert result.status == "ok", result
        assert items == []


@st.composite
def vaults(draw: st.DrawFn) -> list[Contact]:
    return [draw(contacts(f"P{i}")) for i in range(draw(st.integers(0, 6)))]


@given(vaults(), rules(), near, mention_days, st.one_of(st.none(), st.integers(0, 60)))
def test_the_agenda_has_every_standing_and_item_the_rules_give(
    people: list[Contact], cfg: Settings, today: date, mentions: list[Mention],
    days: int | None,
) -> None:
    """Deferring quiet contacts changes nothing: every standing is the one standing()
    gives for that contact alone, and every item is there."""
    linked = {"p0": sorted(mentions)}  # daily notes link the first contact
    agenda = schedule(people, cfg, today, linked, days)
    window = cfg.upcoming_days if days is None else days
    adjusted = replace(cfg, upcoming_days=window)
    expected = [standing(p, adjusted, today, mentions_for(p, linked)) for p in people]
    assert agenda.standings == expected  # P0, P1...: by name, as they were made
    for person, alone in zip(people, expected, strict=True):
        assert agenda.standing_of(person) == alone
    every_item = [item for p in people
                  for item in _standing_and_items(p, adjusted, today, window,
                                                  mentions_for(p, linked))[1]]
    listed = [item for item in every_item if item.status != "reconnect"]  # those are capped
    assert sorted(listed, key=lambda i: (i.status not in FIRST, -i.score,
                                         i.contact.sort_key)) == [
        item for item in agenda.items if item.status != "reconnect"]


def test_quiet_agrees_with_standing_at_every_edge() -> None:
    """Exhaustive where hypothesis is sparse: every last contact from 800 days ago to
    today, every cadence, a retry pending or not, and several windows. An off-by-one
    (or off-by-three) in quiet()'s window shows here."""
    base = parse_settings({}, Path("/v"), None)
    checked = 0
    for upcoming in (0, 1, 7, 30):
        cfg = replace(base, upcoming_days=upcoming)
        calendar_days = _days_ahead(TODAY, upcoming)
        for text in ("10d", "2w", "1m", "3m", "1y"):
            for ago in range(0, 800, 1):
                for noreply_ago in (None, 3, 20, 40):
                    contact = Contact("Ann", Path("/v/People/Ann.md"), "People/Ann.md",
                                      cadence=Cadence.parse(text),
                                      last_contact=TODAY - timedelta(days=ago))
                    log = () if noreply_ago is None or noreply_ago >= ago else (
                        ((TODAY - timedelta(days=noreply_ago)).toordinal(), "email", True),)
                    contact.__dict__["log"] = log
                    if quiet(contact, cfg, TODAY, [], calendar_days):
                        checked += 1
                        result, items = _standing_and_items(contact, cfg, TODAY, upcoming, [])
                        assert result.status == "ok" and items == [], (text, ago, upcoming)
    assert checked > 1000


@settings(max_examples=500)
@given(contacts(), near, mention_days)
def test_the_priority_rule_reads_the_summary_as_the_log_says(
    contact: Contact, today: date, mentions: list[Mention]
) -> None:
    """written_only() takes the channel mix from the log summary when it can; the same
    contact with the summary ruled out (the log read in full) gives the same answer."""
    cfg = parse_settings({}, Path("/v"), None)
    contact.groups = ["mentor"]
    # Mostly written: runs of emails after the last call are what the rule is about.
    contact.interactions = [i._replace(channel="email") if i.channel == "coffee" else i
                            for i in contact.interactions]
    meetings = [m._replace(meeting=True) for m in mentions]
    if contact.log_summary.latest > today.toordinal():
        return  # the full log is read anyway
    fast = written_only(contact, meetings, today, cfg)
    summary = contact.log_summary
    contact.__dict__["log_summary"] = summary._replace(latest=date.max.toordinal())
    assert written_only(contact, meetings, today, cfg) == fast


NAMES = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"]


@st.composite
def network(draw: st.DrawFn) -> list[Contact]:
    """Contacts with distinct names (a vault's paths are), some introduced by another."""
    people = [draw(contacts(name)) for name in NAMES]
    for person in people:
        if draw(st.integers(0, 4)) == 0:
            person.met_via = f"[[{draw(st.sampled_from(NAMES))}]]"
            person.met = draw(near)
    return people


def _picture(agenda: Agenda, forced: bool) -> tuple[object, ...]:
    items = [(i.contact.relpath, *i[1:]) for i in agenda.items]
    standings = ([(s.contact.relpath, s.status, s.reason) for s in agenda.standings]
                 if forced else None)
    return (items, agenda.dormant_not_suggested, agenda.unsorted, standings,
            agenda.tally() if forced else None)


@settings(max_examples=300, deadline=None)
@given(network(), rules(), st.lists(st.tuples(
    st.lists(st.tuples(st.integers(0, len(NAMES) - 1), st.integers(0, len(NAMES) - 1)),
             max_size=3),
    st.booleans(), st.integers(0, 2)), min_size=1, max_size=6), st.data())
def test_a_patched_agenda_is_the_agenda_worked_out_afresh(
    people: list[Contact], rules: Settings, steps: list[tuple[list[tuple[int, int]], bool, int]],
    data: st.DataObject
) -> None:
    """The watcher's AgendaMemo patches its last run when a few notes change: after
    every edit, the same items, counts, standings and tally as a run with no memo, with
    the last run's standings and tally worked out or not, and the day moved or not. An
    edit may move the note too (a rename: the contacts after it shift by one)."""
    from vaulttools.schedule.agenda import AgendaMemo

    mentions = {"ann": [Mention(TODAY - timedelta(days=3), "Daily/x.md")]}
    memo = AgendaMemo()
    days = [TODAY, TODAY, TODAY + timedelta(days=1)]
    for edits, forced, day in steps:
        for position, moved_to in edits:
            people = [*people]
            people[position] = data.draw(contacts(people[position].name))
            people.insert(moved_to, people.pop(position))
        remembered = schedule(people, rules, days[day], mentions, memo=memo)
        fresh = schedule(people, rules, days[day], mentions)
        assert _picture(remembered, forced) == _picture(fresh, forced)


def test_the_watchers_next_day_object_and_one_changed_note_patch_the_agenda(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher asks with `date.today()`, a new object every time: a patch compares
    the day by value, and a run with one contact changed works out that contact alone."""
    from vaulttools.schedule import agenda as module

    rules = Settings(Path("/v"), groups=dict(parse_settings({}, Path("/v"), None).groups))
    people = [Contact(name, Path(f"/v/People/{name}.md"), f"People/{name}.md",
                      groups=["peer"], last_contact=TODAY - timedelta(days=30 * n))
              for n, name in enumerate(NAMES)]
    memo, mentions = module.AgendaMemo(), {"ann": [Mention(TODAY, "Daily/x.md")]}
    schedule(people, rules, TODAY, mentions, memo=memo)
    full_runs: list[int] = []
    real = module._scheduled
    monkeypatch.setattr(module, "_scheduled", lambda *a: full_runs.append(1) or real(*a))
    people[2] = replace(people[2], last_contact=TODAY)
    today = date.fromordinal(TODAY.toordinal())  # equal, not the same object
    patched = schedule(people, rules, today, mentions, memo=memo)
    assert full_runs == []
    schedule(people, rules, today + timedelta(days=1), mentions, memo=memo)  # another day
    assert full_runs == [1]
    assert _picture(patched, True) == _picture(schedule(people, rules, today, mentions), True)

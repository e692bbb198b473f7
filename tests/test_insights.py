"""Reciprocity, stats, match, draft, plan and the Dashboard's Mermaid charts."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from vaulttools.config import parse_settings
from vaulttools.read.notes import parse_note
from vaulttools.schedule.agenda import schedule
from vaulttools.schedule.insights import reciprocity
from vaulttools.schedule.plan import plan

from conftest import EXAMPLE, Run, write_vault

TODAY = "2026-11-21"


def vt(run: Run, vault: Path, *args: str, today: str = TODAY):  # type: ignore[no-untyped-def]
    return run("--vault", str(vault), "--today", today, *args)


def contact_from(log: str, front: str = "group: peer"):  # type: ignore[no-untyped-def]
    parsed = parse_note(f"---\n{front}\n---\n## Log\n{log}", Path("/v/People/X.md"), "People/X.md")
    assert parsed.contact is not None
    return parsed.contact


def test_reciprocity_counts_and_flags() -> None:
    person = contact_from("- 2026-10-01 call: Favour. #asked\n- 2026-09-01 email: Another. #asked\n"
                          "- 2026-08-01 coffee: Intro. #gave\n- 2026-07-01 email: Hi. #inbound\n")
    balance = reciprocity(person)
    assert (balance.gave, balance.asked, balance.inbound, balance.outbound) == (1, 2, 1, 3)
    assert balance.last_asked == date(2026, 10, 1) and balance.last_gave == date(2026, 8, 1)
    assert balance.flags() == ["asks outnumber gives (2 asked, 1 gave): offer help before you ask"]
    lonely = contact_from("- 2026-10-01 email: a\n- 2026-09-01 email: b\n- 2026-08-01 email: c\n")
    assert reciprocity(lonely).flags() == ["one-sided: 3 outreaches and nothing inbound"]
    balanced = contact_from("- 2026-10-01 email: a #gave\n- 2026-09-01 email: b #inbound\n")
    assert reciprocity(balanced).flags() == []


def test_a_milestone_is_news_not_outreach_nor_inbound(tmp_path: Path, run: Run) -> None:
    """Three #milestone lines and one email are one outreach, not a one-sided four (#29)."""
    news = ("- 2026-10-01 linkedin: New role: CTO at Foo #milestone #inbound\n"
            "- 2026-09-01 note: Moved to Lisbon #milestone\n"
            "- 2026-08-01 note: Won an award #milestone\n"
            "- 2026-07-01 email: Hello\n")
    balance = reciprocity(contact_from(news))
    assert (balance.inbound, balance.outbound) == (0, 1)
    assert balance.flags() == []
    vault = write_vault(tmp_path / "v", {"X.md": f"---\ngroup: peer\n---\n## Log\n{news}"})
    stats = json.loads(vt(run, vault, "stats", "--json").stdout)
    assert sum(m["count"] for m in stats["interactions_per_month"]) == 1


def test_show_and_review_flag_asks_before_gives(run: Run) -> None:
    shown = vt(run, EXAMPLE, "show", "daniel").stdout
    assert "! asks outnumber gives (2 asked, 0 gave): offer help before you ask" in shown
    data = json.loads(vt(run, EXAMPLE, "show", "daniel", "--json").stdout)
    assert data["reciprocity"]["asked"] == 2 and data["reciprocity"]["gave"] == 0
    review = json.loads(vt(run, EXAMPLE, "review", "--json").stdout)
    daniel = next(i for i in review if i["name"] == "Daniel Kim")
    assert "asks outnumber gives (2 asked, 0 gave): offer help before you ask" in daniel["reasons"]
    assert "offer help before you ask" in (EXAMPLE / "Index" / "Review.md").read_text()


def test_stats_on_example_vault(run: Run) -> None:
    data = json.loads(vt(run, EXAMPLE, "stats", "--json").stdout)
    assert data["contacts"] == 32
    groups = {g["name"]: g["count"] for g in data["by_group"]}
    assert groups["unsorted"] == 4
    assert groups["peer"] == 11 and groups["mentor"] == 3 and groups["close"] == 2
    assert data["schedule"] == {"overdue": 2, "due": 4, "never": 1, "retry": 1, "upcoming": 4,
                                "ok": 10,
                                "reconnect": 3, "give-space": 1, "snoozed": 1, "paused": 1,
                                "unsorted": 4}
    months = data["interactions_per_month"]
    assert months[0]["month"] == "2025-12" and months[-1]["month"] == "2026-11"
    assert len(months) == 12
    assert months[8] == {"month": "2026-08", "label": "Aug 2026", "count": 8}
    assert data["give_ask"] == {"gave": 13, "asked": 2}
    assert data["gaps"] == ["no one junior to you: who could you mentor?"]
    text = vt(run, EXAMPLE, "stats").stdout
    assert text.startswith("32 contacts: 2 overdue, 4 due, 1 never contacted, "
                           "1 to try once more, 4 upcoming, 10 on schedule, 3 dormant, "
                           "1 giving space, 1 snoozed, 1 paused, 4 to sort\n")
    assert "\n  Aug 2026  8  " + "█" * 30 + "\n" in text and "\n  Dec 2025  0\n" in text


def test_stats_gaps(tmp_path: Path, run: Run) -> None:
    """Built-in groups nobody is in are not news; a group the config sets up is."""
    vault = write_vault(tmp_path / "v", {
        f"P{i}.md": f"---\ngroup: peer\nindustry: fintech\ntitle: Junior Dev\n---\n## Log\n"
                    f"- 2026-0{i + 1}-01 call: x #asked\n" for i in range(5)},
        config='[groups.investor]\ncadence = "2m"\n[groups.mentor]\ncadence = "2m"\n')
    gaps = json.loads(vt(run, vault, "stats", "--json").stdout)["gaps"]
    assert gaps == [
        "nobody in groups: investor, mentor",
        "5 of 5 contacts with an industry are in fintech: widen the circle",
        "no one senior to you: who could mentor you?",
        "you asked (5) more than you gave (0) this far: give first",
    ]


def test_stats_count_mentions_and_meetings_as_interactions(tmp_path: Path, run: Run) -> None:
    """A day the log already has counts once; a daily or meeting note on another day
    is an interaction too, as it is contact for `due`."""
    vault = write_vault(tmp_path / "v", {
        "Ann.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-02 coffee: Talked.\n",
        "Bo.md": "---\ngroup: peer\n---\n",
        "Daily/2026-11-02.md": "Coffee with [[Ann]].\n",          # the logged day: once
        "Daily/2026-10-15.md": "Lunch with [[Ann]] and [[Bo]].\n",  # two interactions
        "Meetings/2026-09-10 Sync.md": "With [[Bo]].\n",
        "Daily/2026-12-01.md": "Call [[Bo]].\n",                   # after today: not yet
    }, config='daily_notes = "Daily"\nmeeting_notes = ["Meetings"]\n')
    months = {m["month"]: m["count"] for m in json.loads(
        vt(run, vault, "stats", "--json").stdout)["interactions_per_month"]}
    assert (months["2026-09"], months["2026-10"], months["2026-11"]) == (1, 2, 1)
    assert sum(months.values()) == 4
    assert vt(run, vault, "index").exit_code == 0
    dashboard = (vault / "Index" / "Dashboard.md").read_text(encoding="utf-8")
    assert '"Nov 2026"]' in dashboard and "bar [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1]" in dashboard


def test_match_ranks_with_reasons(run: Run) -> None:
    results = json.loads(vt(run, EXAMPLE, "match", "grid", "storage", "--json").stdout)
    names = [r["name"] for r in results]
    assert names[:4] == ["Amara Okafor", "Isabel Costa", "Jane Doe", "Priya Raman"]
    assert results[0]["why"][0] == "interests: grid storage"
    assert results[3] == {"name": "Priya Raman", "path": "People/Priya Raman.md", "score": 9.0,
                          "why": ["interests: grid storage"]}
    assert all("## Log" not in why for r in results for why in r["why"])
    accents = json.loads(vt(run, EXAMPLE, "match", "ÉTH", "--json").stdout)
    assert ("Zoë Müller", ["company: ETH"]) in [(r["name"], r["why"]) for r in accents]
    assert vt(run, EXAMPLE, "match", "quantum", "cryptography").stdout == "nobody matches\n"


@pytest.mark.parametrize(("occasion", "extra", "expected"), [
    ("checkin", [], "Hi Jane,\n\nI've been reading about grid storage lately and thought of "
     "you: happy to send over what I found.\n\nIt's been 2 months since our coffee in "
     "September. How have things been at Acme?\n\nWould be great to catch up soon.\n"),
    ("birthday", [], "Happy birthday, Jane!\n\nI hope the year ahead brings plenty of grid "
     "storage.\n"),
    ("congrats", ["--about", "the new role"], "Hi Jane,\n\nCongratulations on the new role! "
     "That's fantastic, and well deserved after everything you've put into Acme.\n\nIf there's "
     "anything I can do to help, just say.\n"),
    ("reconnect", [], "Hi Jane,\n\nIt's been 2 months since we last spoke, and you came to "
     "mind. What are you working on these days, still into grid storage?\n\nNo agenda: it "
     "would just be good to hear from you.\n"),
    ("share", ["--about", "a grid report", "--link", "https://example.com/r"], "Hi Jane,\n\nI "
     "came across a grid report and thought of you, given your interest in grid storage: "
     "https://example.com/r\n\nNo need to reply; I just thought it might be useful.\n"),
    ("thanks", ["--about", "the intro"], "Hi Jane,\n\nThank you for the intro. It made a real "
     "difference.\n\nLet me know if I can ever return the favour.\n"),
])
def test_drafts(run: Run, occasion: str, extra: list[str], expected: str) -> None:
    result = vt(run, EXAMPLE, "draft", "jane", "--occasion", occasion, *extra)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    assert result.stderr.startswith("(last time: 2026-09-14 coffee: Caught up on her move")


def test_draft_template_is_overridable(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada Lovelace.md": "---\ngroup: peer\n---\n"})
    drafts = vault / ".vaulttools" / "templates" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "thanks.txt.j2").write_text("Cheers {{ first_name }}, {{ about }}!\n")
    result = vt(run, vault, "draft", "ada", "--occasion", "thanks", "--about", "the engine")
    assert result.stdout == "Cheers Ada, the engine!\n"


def test_plan_spreads_items_per_day_and_pins_birthdays() -> None:
    people = [contact_from("", f"group: peer\nlast_contact: 2026-0{m}-01") for m in (1, 2, 3, 4, 5)]
    for index, person in enumerate(people):
        person.name = f"P{index}"
    birthday = contact_from("", "group: peer\nlast_contact: 2026-11-10\nbirthday: --11-23")
    birthday.name = "Bday"
    settings = parse_settings({}, Path("/v"), Path("/v/.vaulttools.toml"))
    agenda = schedule([*people, birthday], settings, date(2026, 11, 21))
    every = range(7)
    days, overflow = plan(agenda, per_day=2, plan_days=every)  # six items, seven days
    assert [[i.contact.name for i in d.items] for d in days] == [
        ["P0"], ["P1"], ["Bday"], ["P2"], ["P3"], ["P4"], []]
    assert overflow == []
    days, overflow = plan(agenda, per_day=2, days=3, plan_days=every)  # two a day
    assert [[i.contact.name for i in d.items] for d in days] == [
        ["P0", "P1"], ["P2", "P3"], ["Bday", "P4"]]
    days, overflow = plan(agenda, per_day=1, days=3, plan_days=every)
    assert [[i.contact.name for i in d.items] for d in days] == [["P0"], ["P1"], ["Bday"]]
    assert [i.contact.name for i in overflow] == ["P2", "P3", "P4"]


def test_plan_books_working_days_evenly_and_a_person_on_one_day() -> None:
    """Saturday 2026-11-21: outreach goes on Monday to Friday, one a day before any
    day takes two; a birthday stays on its Monday; a person with two reasons (a
    birthday and overdue) is one item, on the birthday."""
    people = [contact_from("", f"group: peer\nlast_contact: 2026-0{m}-01") for m in range(1, 7)]
    for index, person in enumerate(people):
        person.name = f"P{index}"
    both = contact_from("", "group: peer\nlast_contact: 2026-01-10\nbirthday: --11-23")
    both.name = "Both"
    settings = parse_settings({}, Path("/v"), Path("/v/.vaulttools.toml"))
    agenda = schedule([*people, both], settings, date(2026, 11, 21))
    days, overflow = plan(agenda, per_day=3)
    booked = {d.day.strftime("%a"): [i.contact.name for i in d.items] for d in days}
    assert booked["Sat"] == [] and booked["Sun"] == []
    assert sorted(len(names) for day, names in booked.items() if day not in ("Sat", "Sun")) \
        == [1, 1, 1, 2, 2]  # seven items, five days: evenly
    assert "Both" in booked["Mon"] and sum(n.count("Both") for n in booked.values()) == 1
    assert overflow == []
    follow = contact_from("", "group: peer\nlast_contact: 2026-11-20\nbirthday: --11-26\n"
                          "---\n## Log\n- 2026-11-20 coffee: Talked.")
    follow.name = "Follow"
    rows = plan(schedule([follow], settings, date(2026, 11, 21)), per_day=3)[0]
    assert [(d.day.day, [i.status for i in d.items]) for d in rows if d.items] == [
        (23, ["follow-up"])]  # a follow-up does not wait for Thursday's birthday
    weekend = plan(agenda, per_day=3, plan_days={5, 6})[0]
    assert [len(d.items) for d in weekend if d.day.weekday() < 5] == [1, 0, 0, 0, 0]  # Both
    assert sum(len(d.items) for d in weekend) == 7


def test_plan_days_in_the_config(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        f"P{i}.md": f"---\ngroup: peer\nlast_contact: 2026-0{i + 1}-01\n---\n" for i in range(4)},
        config='plan_days = ["Saturday", "sun"]\n')
    week = json.loads(vt(run, vault, "plan", "--week", "--json").stdout)
    busy = [d["day"] for d in week["days"] if d["items"]]
    assert busy == ["2026-11-21", "2026-11-22"]
    bad = write_vault(tmp_path / "bad", {}, config='plan_days = ["someday"]\n')
    result = vt(run, bad, "plan")
    assert result.exit_code == 2 and "plan_days: 'someday' is not a weekday" in result.stderr


def test_the_plan_counts_what_due_lists(run: Run) -> None:
    """Every item of the default due list is in the week or left for later: an upcoming
    item on the day it falls due, a birthday on its day."""
    due = json.loads(vt(run, EXAMPLE, "due", "--json").stdout)
    week = json.loads(vt(run, EXAMPLE, "plan", "--week", "--json").stdout)
    planned = [(i["name"], i["status"]) for d in week["days"] for i in d["items"]]
    later = [(i["name"], i["status"]) for i in week["later"]]
    # The imported contacts to sort are suggestions for triage, not work for the week.
    assert sorted(planned + later) == sorted((i["name"], i["status"]) for i in due
                                             if i["status"] != "unsorted")
    by_day = {i["name"]: d["day"] for d in week["days"] for i in d["items"]}
    assert by_day["Daniel Kim"] == "2026-11-22" and by_day["Priya Raman"] == "2026-11-24"


def test_plan_command_and_due_note_this_week(run: Run) -> None:
    today = vt(run, EXAMPLE, "plan")
    assert today.stdout == "Sat 2026-11-21\n  nothing planned\n"  # a weekend
    assert today.stderr == "(20 more later in the week; see --week)\n"
    monday = vt(run, EXAMPLE, "plan", today="2026-11-23").stdout.splitlines()
    assert monday[0] == "Mon 2026-11-23" and len(monday) == 4
    week = vt(run, EXAMPLE, "plan", "--week").stdout
    assert "Tue 2026-11-24\n  birthday  Priya Raman" in week
    due = (EXAMPLE / "Index" / "Due.md").read_text()
    assert ("## This week\n\n- **Sun 22 Nov**\n"
            "    - [ ] [[People/Daniel Kim|Daniel Kim]] (upcoming) %%vt:upcoming%%\n"
            "- **Mon 23 Nov**\n"
            "    - [ ] [[People/Pedro Santos|Pedro Santos]] (upcoming) %%vt:upcoming%%\n"
            "    - [ ] [[People/Kenji Tanaka|Kenji Tanaka]] (congratulate) %%vt:congratulate%%\n"
            "    - [ ] [[People/Chloé Martin|Chloé Martin]] (follow-up) %%vt:follow-up%%\n") in due


# -- Mermaid, checked against its documented grammar ---------------------------------------

PIE_HEAD = re.compile(r"^pie(?: showData)?(?: title [^\n]+)?$")
PIE_SLICE = re.compile(r'^\s+"[^"\n]+"\s*:\s*\d+(?:\.\d+)?$')
QUOTED_LIST = re.compile(r'^\[\s*"[^"\n]*"(?:\s*,\s*"[^"\n]*")*\s*\]$')
NUMBER_LIST = re.compile(r"^\[\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)*\s*\]$")


def check_pie(lines: list[str]) -> int:
    assert PIE_HEAD.match(lines[0]), lines[0]
    for line in lines[1:]:
        assert PIE_SLICE.match(line), line
    return len(lines) - 1


FLOW_NODE = re.compile(r'    (n\d+)\["[^"\n]*"\]')
FLOW_EDGE = re.compile(r"    (n\d+) (?:-->\|introduced you to\||---\|you introduced\|) (n\d+)")


def check_flowchart(lines: list[str]) -> int:
    """The flowchart subset the Dashboard writes: nodes first, then edges between them;
    how many edges."""
    assert lines[0] == "flowchart LR", lines[0]
    nodes: set[str] = set()
    edges = 0
    for line in lines[1:]:
        if node := FLOW_NODE.fullmatch(line):
            assert not edges and node.group(1) not in nodes, line
            nodes.add(node.group(1))
        else:
            edge = FLOW_EDGE.fullmatch(line)
            assert edge and {edge.group(1), edge.group(2)} <= nodes, line
            edges += 1
    return edges


def check_xychart(lines: list[str]) -> None:
    assert lines[0] in ("xychart-beta", "xychart-beta horizontal")
    labels = values = None
    for line in (ln.strip() for ln in lines[1:]):
        keyword, _, rest = line.partition(" ")
        if keyword == "title":
            assert re.fullmatch(r'"[^"\n]*"', rest), line
        elif keyword == "x-axis":
            assert QUOTED_LIST.match(rest), line
            labels = rest.count('"') // 2
        elif keyword == "y-axis":
            match = re.fullmatch(r'"[^"\n]*" (-?\d+(?:\.\d+)?) --> (-?\d+(?:\.\d+)?)', rest)
            assert match and float(match.group(1)) < float(match.group(2)), line
        elif keyword in ("bar", "line"):
            assert NUMBER_LIST.match(rest), line
            values = len(rest.strip("[]").split(","))
        else:
            raise AssertionError(f"not xychart grammar: {line}")
    assert labels is not None and labels == values


def mermaid_blocks(text: str) -> list[list[str]]:
    return [block.strip("\n").splitlines()
            for block in re.findall(r"```mermaid\n(.*?)```", text, re.S)]


def test_dashboard_mermaid_blocks_follow_the_grammar(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    dashboard = (vault / "Index" / "Dashboard.md").read_text()
    blocks = mermaid_blocks(dashboard)
    assert [b[0].split()[0] for b in blocks] == ["pie", "xychart-beta", "pie", "flowchart"]
    assert check_pie(blocks[0]) == 9  # eight groups, and the imported contacts to sort
    check_xychart(blocks[1])
    assert check_pie(blocks[2]) == 11  # every status with contacts: they add up to 32
    assert '    "overdue" : 2' in blocks[2] and '    "paused" : 1' in blocks[2]
    assert check_flowchart(blocks[3]) == 1  # Jane introduced you to Priya
    weird = write_vault(tmp_path / "w", {"A.md": '---\ngroup: \'say "hi"\'\n---\n'})
    vt(run, weird, "index")
    check_pie(mermaid_blocks((weird / "Index" / "Dashboard.md").read_text())[0])
    empty = write_vault(tmp_path / "e", {})
    vt(run, empty, "index")
    for block in mermaid_blocks((empty / "Index" / "Dashboard.md").read_text()):
        if block[0].startswith("xychart"):
            check_xychart(block)
        else:
            check_pie(block)


@pytest.mark.parametrize(("name", "occasion", "start"), [
    ("amara", "checkin", "Hi Amara,\n"),  # Dr. Amara Okafor: no honorific
    ("jane", "birthday", "Happy birthday, Jane!"),  # her birthday is this week
    ("noah", "reconnect", "Hi Noah,\n\nIt's been 7 years since we last spoke"),
])
def test_a_draft_defaults_to_what_the_standing_suggests(
    run: Run, name: str, occasion: str, start: str
) -> None:
    result = json.loads(vt(run, EXAMPLE, "draft", name, "--json").stdout)
    assert result["occasion"] == occasion and result["text"].startswith(start)


def test_draft_channel_words_nickname_giving_space_and_share(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Dr. Kim Lee.md": "---\ngroup: peer\nnickname: KJ\n---\n## Log\n"
                          "- 2026-08-01 linkedin: Chatted about rust.\n",
        "Sam.md": "---\ngroup: peer\n---\n## Log\n- 2026-11-01 email: Hi again #noreply\n"
                  "- 2026-10-01 email: Hi #noreply\n- 2026-06-01 call: Talked.\n",
        "Ana.md": "---\ngroup: peer\ncompany: \"[[Foo]]\"\ntitle: CTO\n---\n## Log\n"
                  "- 2026-11-10 linkedin: New role: CTO at Foo #milestone\n"})
    kim = vt(run, vault, "draft", "kim", "--occasion", "checkin").stdout
    assert kim.startswith("Hi KJ,") and "since we last spoke on LinkedIn in August" in kim
    sam = vt(run, vault, "draft", "sam")
    assert "warning: " in sam.stderr and "giving space" in sam.stderr
    share = vt(run, vault, "draft", "kim", "--occasion", "share")
    assert share.exit_code == 1 and "share needs --about" in share.stderr
    ana = json.loads(vt(run, vault, "draft", "ana", "--json").stdout)
    assert ana["occasion"] == "congrats"
    # The role from the note's fields, never the log line (an import logs and sets both).
    assert "Congratulations on your new role as CTO at Foo!" in ana["text"]
    # News about her is not a conversation with her.
    checkin = vt(run, vault, "draft", "ana", "--occasion", "checkin")
    assert "LinkedIn" not in checkin.stdout and "last time" not in checkin.stderr


@pytest.mark.parametrize("occasion", ["checkin", "birthday", "congrats", "reconnect", "thanks"])
def test_no_draft_pastes_the_log_or_shows_markup(tmp_path: Path, run: Run,
                                                 occasion: str) -> None:
    """The log is private (#29): no draft of any example contact holds a log line's words,
    a `[[link]]`, a `#flag` or Markdown marks."""
    vault = tmp_path / "v"
    shutil.copytree(EXAMPLE, vault)
    (vault / "People" / "Linked.md").write_text(
        '---\ngroup: peer\ncompany: "[[Orgs/Initech|Initech]]"\ninterests: ["[[Grid storage]]", '
        '"**batteries**"]\n---\n## Log\n- 2026-11-20 lunch: Lunch near her office #gave\n'
        "- 2026-11-10 linkedin: Now Head of Data at Globex #milestone\n", encoding="utf-8")
    listed = json.loads(vt(run, vault, "list", "--json").stdout)
    for contact in listed:
        shown = json.loads(vt(run, vault, "show", contact["name"], "--json").stdout)
        texts = [i["text"] for i in shown["interactions"] if len(i["text"]) > 12]
        draft = vt(run, vault, "draft", contact["name"], "--occasion", occasion).stdout
        for text in texts:
            words = " ".join(text.replace("#", " ").split()[:4])
            assert words not in draft, (contact["name"], occasion, text)
        assert not re.search(r"\[\[|\]\]|(?<!\w)#\w|\*\*|__|`", draft), (contact["name"], draft)


@pytest.mark.parametrize(("days", "since", "when"), [
    (1, "a day", "yesterday"), (3, "a few days", "on Wednesday"), (9, "a week", "last week"),
    (20, "a few weeks", "a few weeks ago"), (62, "2 months", "in September"),
    (400, "a year", "in October 2025"),
])
def test_time_in_words(days: int, since: str, when: str) -> None:
    from datetime import timedelta

    from vaulttools.render.drafts import _since, when_words

    today = date(2026, 11, 21)  # a Saturday
    assert _since(days) == since
    assert when_words(today - timedelta(days=days), today) == when

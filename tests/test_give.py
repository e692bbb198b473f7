"""Giving value on purpose: introductions made (`intro`) and received (`met_via`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, snapshot, vt, write_vault

NOTES = {"Jane Doe.md": "---\ngroup: mentor\n---\n## Log\n- 2026-09-01 call: Hi.\n",
         "Priya Raman.md": "---\ngroup: peer\n---\n",
         "Cy Young.md": "---\ngroup: peer\nmet_via: \"[[Jane Doe]]\"\n---\n"}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", dict(NOTES))


def note(vault: Path, name: str) -> str:
    return (vault / "People" / f"{name}.md").read_text(encoding="utf-8")


def test_an_introduction_is_logged_in_both_notes_and_undone_as_one(vault: Path,
                                                                  run: Run) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "intro", "jane", "priya", "both work on grid storage")
    assert result.exit_code == 0, result.output
    assert ("- 2026-11-21 intro: introduced to [[Priya Raman]]: both work on grid storage "
            "#gave\n") in note(vault, "Jane Doe")
    assert ("- 2026-11-21 intro: introduced to [[Jane Doe]]: both work on grid storage "
            "#gave\n") in note(vault, "Priya Raman")
    assert "last_contact: 2026-11-21" in note(vault, "Priya Raman")
    assert "intro: People/Jane Doe.md, People/Priya Raman.md" in vt(
        run, vault, "undo", "--list").stdout
    assert vt(run, vault, "undo").exit_code == 0
    assert {k: v[0] for k, v in snapshot(vault).items()} == {
        k: v[0] for k, v in before.items()}  # byte for byte


def test_show_says_who_connects_whom(vault: Path, run: Run) -> None:
    assert vt(run, vault, "intro", "jane", "priya", "--date", "2026-11-20").exit_code == 0
    jane = vt(run, vault, "show", "jane")
    assert "introduced you to: Cy Young" in jane.stdout  # Cy's met_via names her
    assert "you introduced them to: Priya Raman" in jane.stdout
    data = json.loads(vt(run, vault, "show", "priya", "--json").stdout)
    assert data["introductions"] == {"introduced_you_to": [],
                                     "you_introduced_them_to": ["Jane Doe"]}


@pytest.mark.parametrize(("args", "code"), [(("jane", "jane"), 1), (("jane", "nobody"), 2)])
def test_an_introduction_that_cannot_be_made_writes_nothing(vault: Path, run: Run,
                                                            args: tuple[str, str],
                                                            code: int) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "intro", *args)
    assert result.exit_code == code and "Traceback" not in result.output
    assert snapshot(vault) == before


def test_near_lists_who_is_in_a_place_most_due_first(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ana.md": "---\ngroup: peer\nlocation: Berlin, Germany\nlast_contact: 2026-01-01\n---\n",
        "Ben.md": "---\ngroup: peer\nlocation: berlin\nlast_contact: 2026-11-01\n---\n",
        "Zoë.md": "---\ngroup: peer\nlocation: Zürich\nlast_contact: 2026-01-01\n---\n",
        "Old.md": "---\nlocation: Berlin\nstatus: archived\n---\n"})
    result = vt(run, vault, "near", "BERLIN")
    assert result.exit_code == 0, result.output
    names = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert names == ["Ana", "Ben"]  # Ana is overdue; the archived stay out
    assert [row["name"] for row in json.loads(vt(run, vault, "near", "zurich",
                                                 "--json").stdout)] == ["Zoë"]
    wrong = vt(run, vault, "near", "berln")
    assert wrong.exit_code == 2 and "did you mean 'berlin'" in wrong.stderr.lower()


def test_a_favour_received_asks_for_thanks_the_next_day_until_you_write(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {
        "Lee.md": "---\ngroup: peer\nlast_contact: 2026-11-01\n---\n"})
    assert vt(run, vault, "log", "Lee", "Reviewed my talk", "--via", "email", "--helped",
              "--inbound", today="2026-11-20").exit_code == 0
    assert "#helped" in (vault / "People" / "Lee.md").read_text()

    def thanks(today: str) -> list[dict]:  # type: ignore[type-arg]
        rows = json.loads(vt(run, vault, "due", "--json", today=today).stdout)
        return [r for r in rows if "thank" in (r["status"], *r["also"])]

    assert thanks("2026-11-20") == []  # the day itself: not yet
    (row,) = thanks("2026-11-21")
    assert row["reason"].startswith("thank Lee for the favour of 2026-11-20 (email)")
    assert thanks("2026-12-10")  # until you write, however long
    draft = json.loads(vt(run, vault, "draft", "lee", "--json", today="2026-11-21").stdout)
    assert draft["occasion"] == "thanks"
    assert vt(run, vault, "log", "Lee", "Thanks for the review!", "--via", "email",
              today="2026-11-22").exit_code == 0
    assert thanks("2026-11-23") == []  # once


def test_an_introduction_made_to_you_asks_for_thanks_then_for_news(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: peer\nlast_contact: 2026-11-05\n---\n",
        "Cy Young.md": "---\ngroup: peer\nmet: 2026-11-10\n"
                       "met_via: \"[[People/Jane Doe|Jane]]\"\n---\n"})

    def reasons(today: str) -> list[str]:
        rows = json.loads(vt(run, vault, "due", "--json", today=today).stdout)
        return [r["reason"] for r in rows if r["name"] == "Jane Doe"]

    assert reasons("2026-11-10") == []  # the day you met: not yet
    assert reasons("2026-11-11") == [
        "thank Jane for introducing you to Cy Young (met 2026-11-10)"]
    assert reasons("2026-11-11") == reasons("2026-11-11")  # read back from the cache
    assert vt(run, vault, "log", "Jane", "Thank you for Cy!", "--via", "email",
              today="2026-11-12").exit_code == 0
    assert reasons("2026-11-13") == []
    assert reasons("2026-12-01") == ["tell Jane how it went with Cy Young (met 2026-11-10)"]
    assert vt(run, vault, "log", "Jane", "Cy and I are working together", "--via", "email",
              today="2026-12-02").exit_code == 0
    assert reasons("2026-12-03") == []
    assert [r for r in reasons("2027-03-01") if "Cy Young" in r] == []


def test_an_introduction_never_acknowledged_asks_for_both_then_goes_stale(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: peer\nlast_contact: 2026-11-05\n---\n",
        "Cy Young.md": "---\ngroup: peer\nmet: 2026-11-10\nmet_via: Jane Doe\n---\n"})
    rows = json.loads(vt(run, vault, "due", "--json", today="2026-12-05").stdout)
    assert [r["reason"] for r in rows if r["name"] == "Jane Doe"] == [
        "thank Jane for introducing you to Cy Young and say how it went (met 2026-11-10)"]
    rows = json.loads(vt(run, vault, "due", "--json", today="2027-02-09").stdout)
    assert not [r for r in rows if "introducing" in r["reason"]]  # 91 days on


def test_intros_suggests_who_to_connect_and_why_best_first(tmp_path: Path, run: Run) -> None:
    def person(group: str, interests: str, **more: str) -> str:
        extra = "".join(f"{key}: {value}\n" for key, value in more.items())
        return f"---\ngroup: {group}\ninterests: [{interests}]\n{extra}---\n"

    vault = write_vault(tmp_path / "v", {
        "Ana.md": person("mentor", "grid storage, forecasting", location="Berlin, Germany",
                         company="Volt"),
        "Ben.md": person("peer", "Grid Storage, forecasting", location="berlin",
                         company="Acme"),
        "Cat.md": person("peer", "grid storage", company="Volt"),  # Ana's colleague
        "Dan.md": person("acquaintance", "policy"),
        "Eve.md": person("acquaintance", "policy"),  # two weak ties: not worth it
        "Fay.md": person("client", "robotics"),
        "Gus.md": person("peer", "robotics", status="archived"),
        "Hal.md": person("peer", "ceramics") + "## Log\n- 2026-10-01 intro: introduced "
                  "to [[Ivy]]: both throw pots #gave\n",
        "Ivy.md": person("peer", "ceramics"),  # already introduced
    })
    result = vt(run, vault, "intros")
    assert result.exit_code == 0, result.output
    assert [line.split()[:2] for line in result.stdout.splitlines()[1:]] == [["Ana", "Ben"]]
    assert "both work on grid storage and forecasting; both in Berlin" in result.stdout
    data = json.loads(vt(run, vault, "intros", "--json").stdout)
    # Ana and Ben first (two topics, one town); then Ben (taken) and Cat are left out,
    # Cat and Ana share a company; nobody else has a strong tie and a shared topic.
    assert [(s["first"], s["second"]) for s in data] == [("Ana", "Ben")]
    assert data[0]["topics"] == ["grid storage", "forecasting"]  # as Ana wrote them
    assert data[0]["place"] == "Berlin"
    (vault / "People" / "Ben.md").write_text(person("peer", "nothing"), encoding="utf-8")
    data = json.loads(vt(run, vault, "intros", "--json").stdout)
    assert data == []  # Cat works with Ana; the rest are weak, archived or introduced
    quiet = vt(run, vault, "intros")
    assert quiet.exit_code == 0 and "No introductions to suggest" in quiet.stdout


def test_stats_and_the_dashboard_show_who_connects_the_network(tmp_path: Path,
                                                                run: Run) -> None:
    from test_insights import check_flowchart, mermaid_blocks

    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: mentor\n---\n## Log\n"
                       "- 2026-10-01 intro: introduced to [[Ana]]: rust #gave\n",
        "Ana.md": "---\ngroup: peer\n---\n## Log\n"
                  "- 2026-10-01 intro: introduced to [[Jane Doe]]: rust #gave\n",
        "Cy.md": "---\ngroup: peer\nmet: 2026-09-01\nmet_via: \"[[Jane Doe]]\"\n---\n",
        "Di.md": "---\ngroup: peer\nmet: 2024-01-01\nmet_via: Jane Doe\n---\n",
        "Old.md": "---\nstatus: archived\nmet: 2026-09-01\nmet_via: \"[[Ana]]\"\n---\n"})
    data = json.loads(vt(run, vault, "stats", "--json").stdout)
    assert data["connectors"] == [
        {"name": "Jane Doe", "path": "People/Jane Doe.md", "introduced_you_to": 2,
         "you_introduced_them_to": 1},
        {"name": "Ana", "path": "People/Ana.md", "introduced_you_to": 0,
         "you_introduced_them_to": 1}]  # the archived Old left out; one intro, two lines
    assert data["introductions_last_year"] == {  # Di was introduced in 2024
        "to_you": [{"introducer": "Jane Doe", "introduced": "Cy", "date": "2026-09-01"}],
        "by_you": [{"first": "Ana", "second": "Jane Doe", "date": "2026-10-01"}]}
    assert "who connects your network: Jane Doe (introduced you to 2" in vt(
        run, vault, "stats").stdout
    assert vt(run, vault, "index").exit_code == 0
    (flow,) = [b for b in mermaid_blocks((vault / "Index" / "Dashboard.md").read_text())
               if b[0].startswith("flowchart")]
    assert check_flowchart(flow) == 2
    assert flow[1:4] == ['    n0["Ana"]', '    n1["Cy"]', '    n2["Jane Doe"]']
    assert flow[4:] == ["    n2 -->|introduced you to| n1", "    n0 ---|you introduced| n2"]


def test_the_graph_holds_the_forty_most_connected_people() -> None:
    from datetime import date

    from vaulttools.model import Contact
    from vaulttools.schedule.introductions import connections

    def person(name: str, via: str | None = None) -> Contact:
        return Contact(name=name, path=Path(f"/v/People/{name}.md"),
                       relpath=f"People/{name}.md", met=date(2026, 6, 1), met_via=via)

    hub = [person("Hub")] + [person(f"H{n:02d}", "Hub") for n in range(45)]
    pair = [person("Solo"), person("Friend", "Solo")]
    connectors, graph = connections(hub + pair, date(2026, 11, 21))
    assert [(c.contact.name, c.introduced_you) for c in connectors[:2]] == [
        ("Hub", 45), ("Solo", 1)]
    # Forty chosen (the hub, then by name); Friend's introducer Solo was not, so Friend
    # is left out rather than drawn alone.
    assert len(graph.people) == 39 and graph.people[-1].name == "Hub"
    assert "Friend" not in {c.name for c in graph.people}
    assert len(graph.to_you) == 38
    assert {a.name for a, _, _ in graph.to_you} == {"Hub"}


def test_a_thanks_draft_says_what_is_known_never_the_private_text(tmp_path: Path,
                                                                  run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: peer\nlast_contact: 2026-11-05\n---\n",
        "Cy Young.md": "---\ngroup: peer\nmet: 2026-11-19\nmet_via: \"[[Jane Doe]]\"\n---\n",
        "Lee.md": "---\ngroup: peer\n---\n## Log\n"
                  "- 2026-11-13 call: Secret salary advice #helped #inbound\n"})
    jane = json.loads(vt(run, vault, "draft", "jane", "--link", "https://blog.example/1",
                         "--json").stdout)
    assert jane["occasion"] == "thanks"  # from Cy's met_via, read from another note
    assert "Thank you for introducing me to Cy Young. We met on Thursday" in jane["text"]
    assert "https://blog.example/1" in jane["text"]
    lee = json.loads(vt(run, vault, "draft", "lee", "--json").stdout)
    assert lee["occasion"] == "thanks"
    assert "Thank you for your help on our call last week." in lee["text"]
    assert "salary" not in lee["text"].lower()


def test_update_addresses_the_many_and_logs_it_once_sent(tmp_path: Path, run: Run) -> None:
    from urllib.parse import parse_qs, urlsplit

    vault = write_vault(tmp_path / "v", {
        "Ana.md": "---\ngroup: mentor\nemail: [ana@volt.example, ana@home.example]\n---\n",
        "Ben.md": "---\ngroup: mentor\n---\n",  # no address
        "Cy.md": "---\ngroup: peer\ntags: [rust]\nemail: cy@acme.example\n---\n",
        "Di.md": "---\ngroup: mentor\nstatus: archived\nemail: di@old.example\n---\n"})
    before = snapshot(vault)
    result = vt(run, vault, "update", "--group", "mentor", "--tag", "rust", "--about",
                "I launched my blog.", "--link", "https://blog.example/1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "BCC (2): ana@volt.example, cy@acme.example"
    assert lines[1] == "no email address (1): Ben"
    link = urlsplit(lines[2])
    query = parse_qs(link.query)
    assert link.scheme == "mailto" and query["bcc"] == ["ana@volt.example,cy@acme.example"]
    assert query["body"][0] == ("Hi,\n\nA quick update from me: I launched my blog.\n\n"
                                "https://blog.example/1\n\nI'd love to hear what you are "
                                "working on too.\n")
    assert snapshot(vault) == before  # printing writes nothing
    sent = vt(run, vault, "update", "--group", "mentor", "--tag", "rust", "--about",
              "I launched my blog", "--link", "https://blog.example/1", "--sent")
    assert sent.exit_code == 0, sent.output
    assert "- 2026-11-21 update: I launched my blog https://blog.example/1\n" in note(
        vault, "Ana")
    assert "update:" not in note(vault, "Ben")  # nothing was sent to Ben
    assert vt(run, vault, "undo").exit_code == 0
    assert {k: v[0] for k, v in snapshot(vault).items()} == {
        k: v[0] for k, v in before.items()}  # one undo takes back every note
    nobody = vt(run, vault, "update", "--about", "news")
    assert nobody.exit_code == 2 and "--group or --tag" in nobody.stderr


@pytest.mark.parametrize(("log", "config", "hint"), [
    ("- 2026-08-01 email: Sent the deck.\n- 2026-03-01 coffee: Caught up.\n", "",
     "; no news of yours since 2026-03-01: share an update (what you are working on)"),
    ("- 2026-08-01 email: Sent the deck.\n", "",
     "; no news of yours: share an update (what you are working on)"),
    ("- 2026-08-01 email: Sent the deck.\n- 2026-07-01 update: I launched my blog\n", "",
     ""),  # an update within six months
    ("- 2026-08-01 email: Sent the deck.\n- 2026-06-01 call: Caught up.\n", "", ""),
    ("- 2026-08-01 email: Sent the deck.\n", 'update_every = "none"\n', ""),
    ("- 2026-08-01 email: Sent the deck.\n", '[groups.peer]\nupdate_every = "none"\n', ""),
    ("- 2026-08-01 email: Sent the deck.\n- 2026-07-01 update: I launched my blog\n",
     '[groups.peer]\nupdate_every = "1m"\n',  # the group's own, shorter than 6m
     "; no news of yours since 2026-07-01: share an update (what you are working on)"),
])
def test_due_suggests_news_to_a_strong_tie_who_heard_none(tmp_path: Path, run: Run,
                                                         log: str, config: str,
                                                         hint: str) -> None:
    vault = write_vault(tmp_path / "v", {
        "Lee.md": f"---\ngroup: peer\n---\n## Log\n{log}",
        "Kim.md": f"---\ngroup: acquaintance\n---\n## Log\n{log}"}, config=config)
    rows = {r["name"]: r for r in json.loads(vt(run, vault, "due", "--json").stdout)}
    assert rows["Lee"]["reason"] == "quarterly; last email 2026-08-01; due since 2026-11-01" + hint
    assert "news" not in rows.get("Kim", {"reason": ""})["reason"]  # a weak tie: no


def test_close_loop_after_never_asks_for_thanks_only(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Jane Doe.md": "---\ngroup: peer\nlast_contact: 2026-11-05\n---\n",
        "Cy Young.md": "---\ngroup: peer\nmet: 2026-11-10\nmet_via: Jane Doe\n---\n"},
        config='close_loop_after = "never"\n')
    rows = json.loads(vt(run, vault, "due", "--json", today="2026-12-05").stdout)
    assert [r["reason"] for r in rows if r["name"] == "Jane Doe"] == [
        "thank Jane for introducing you to Cy Young (met 2026-11-10)"]

"""Commands over several people at once: several NAMEs, `list` filters that combine,
and `review --done` in bulk. Every name is resolved before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, contacts, snapshot, vt, write_vault

PEOPLE = {
    "Nils Berg.md": "---\ngroup: peer\ncompany: Acme GmbH\nlocation: Berlin, Germany\n"
                    "email: nils@example.org\ntags: [climate]\nlast_contact: 2026-01-05\n---\n",
    "Ana Lima.md": "---\ngroup: peer\ncompany: Solar Co\nlocation: Lisbon\n"
                   "email: ana@example.org\nlast_contact: 2026-11-01\n---\n",
    "Bo Chen.md": "---\ngroup: mentor\ncompany: ACME gmbh\nlocation: berlin\n"
                  "phone: '+49 30 1234'\ntags: [climate, vip]\n---\n",
    "Cy Old.md": "---\ngroup: peer\nstatus: archived\nlocation: Berlin\n---\n",
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", dict(PEOPLE))


@pytest.mark.parametrize("command, field, value", [
    (["snooze", "--for", "2w"], "snooze_until", "2026-12-05"),
    (["pause"], "status", "paused"),
    (["archive"], "status", "archived"),
    (["set", "title=Engineer"], "title", "Engineer"),
])
def test_several_names_change_every_one(vault: Path, run: Run, command: list[str],
                                        field: str, value: str) -> None:
    result = vt(run, vault, *command, "nils", "ana")
    assert result.exit_code == 0, result.output
    found = contacts(run, vault)
    assert found["Nils Berg"][field] == value and found["Ana Lima"][field] == value
    assert found["Bo Chen"][field] != value


def test_resume_and_unsnooze_take_several_names(vault: Path, run: Run) -> None:
    assert vt(run, vault, "pause", "nils", "ana").exit_code == 0
    assert vt(run, vault, "snooze", "--for", "1m", "nils", "bo").exit_code == 0
    assert vt(run, vault, "resume", "nils", "ana").exit_code == 0
    assert vt(run, vault, "unsnooze", "nils", "bo").exit_code == 0
    found = contacts(run, vault)
    assert [found[n]["status"] for n in ("Nils Berg", "Ana Lima")] == ["active", "active"]
    assert found["Nils Berg"]["snooze_until"] is None and found["Bo Chen"]["snooze_until"] is None


def test_one_unknown_name_among_several_writes_nothing(vault: Path, run: Run) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "archive", "nils", "nobody", "ana", "bx")
    assert result.exit_code == 2
    assert "'nobody'" in result.stderr and "'bx'" in result.stderr
    assert result.stderr.startswith("vaulttools: error: 2 of the names find no one contact")
    assert snapshot(vault) == before
    one = vt(run, vault, "pause", "nils", "anna lim")
    assert one.exit_code == 2 and "did you mean: Ana Lima" in one.stderr
    assert snapshot(vault) == before


def test_a_name_given_twice_is_one_edit(vault: Path, run: Run) -> None:
    result = vt(run, vault, "pause", "nils", "Nils Berg", "--json")
    assert result.exit_code == 0
    assert [e["path"] for e in json.loads(result.stdout)["edits"]] == ["People/Nils Berg.md"]


def test_set_takes_names_or_a_filter_not_both(vault: Path, run: Run) -> None:
    result = vt(run, vault, "set", "title=X", "nils", "--group", "peer")
    assert result.exit_code == 2 and "not both" in result.stderr


def _listed(run: Run, vault: Path, *args: str) -> list[str]:
    result = vt(run, vault, "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return [c["name"] for c in json.loads(result.stdout)]


def test_list_filters_combine(vault: Path, run: Run) -> None:
    assert _listed(run, vault, "--company", "acme") == ["Bo Chen", "Nils Berg"]
    assert _listed(run, vault, "--location", "BERLIN") == ["Bo Chen", "Nils Berg"]
    assert _listed(run, vault, "--location", "berlin", "--group", "peer") == ["Nils Berg"]
    assert _listed(run, vault, "--company", "acme", "--tag", "vip") == ["Bo Chen"]
    assert _listed(run, vault, "--location", "berlin", "--status", "all") == [
        "Bo Chen", "Cy Old", "Nils Berg"]


def test_list_by_standing(vault: Path, run: Run) -> None:
    assert _listed(run, vault, "--standing", "overdue") == ["Nils Berg"]
    assert _listed(run, vault, "--standing", "never") == ["Bo Chen"]
    assert _listed(run, vault, "--standing", "never", "--standing", "overdue") == [
        "Bo Chen", "Nils Berg"]
    assert _listed(run, vault, "--standing", "ok") == ["Ana Lima"]
    assert _listed(run, vault, "--standing", "archived") == ["Cy Old"]
    assert _listed(run, vault, "--standing", "overdue", "--location", "lisbon") == []
    standings = {c["name"]: c["standing"] for c in json.loads(
        vt(run, vault, "list", "--json").stdout)}
    assert standings == {"Ana Lima": "ok", "Bo Chen": "never", "Nils Berg": "overdue"}


def test_list_names_a_filter_nobody_matches(vault: Path, run: Run) -> None:
    result = vt(run, vault, "list", "--company", "acne")
    assert result.exit_code == 2
    assert "no contact has the company 'acne'; did you mean 'Acme GmbH'" in result.stderr
    bad = vt(run, vault, "list", "--standing", "late")
    assert bad.exit_code == 2 and "'late' is not one of" in bad.stderr


REVIEW = {
    "Ann.md": "---\ngroup: mentor\nemail: a@example.org\n---\n",
    "Ben.md": "---\ngroup: mentor\n---\n",  # no way to reach him: stays until fixed
    "Cat.md": "---\ngroup: peer\nemail: c@example.org\ntags: [vip]\n---\n",
    "Dan.md": "---\ngroup: peer\nemail: d@example.org\nreviewed: 2026-01-01\n---\n## Log\n"
              + "".join(f"- 2026-{m:02}-01 email: Ping.\n" for m in (3, 5, 7)),
    "Eve.md": "---\ngroup: peer\nemail: e@example.org\nreviewed: 2026-10-01\n---\n",
}


def _reviewed(run: Run, vault: Path) -> dict[str, list[str]]:
    return {i["name"]: i["reasons"] for i in json.loads(
        vt(run, vault, "review", "--json").stdout)}


def test_review_done_by_group_leaves_what_is_missing(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(REVIEW))
    assert sorted(_reviewed(run, vault)) == ["Ann", "Ben", "Cat", "Dan"]
    result = vt(run, vault, "review", "--done", "--group", "mentor")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["People/Ann.md: reviewed: (unset) -> 2026-11-21",
                                          "People/Ben.md: reviewed: (unset) -> 2026-11-21"]
    assert result.stderr == "3 contacts left to review\n"
    left = _reviewed(run, vault)
    assert sorted(left) == ["Ben", "Cat", "Dan"]
    assert left["Ben"] == ["no way to reach them (email, phone or linkedin)"]


def test_review_done_leaves_the_audit_until_the_next_review(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(REVIEW))
    assert _reviewed(run, vault)["Dan"] == [
        "last reviewed 2026-01-01 (every 6m)",
        "one-sided: 3 outreaches and nothing inbound in a year"]
    assert vt(run, vault, "review", "dan", "ann", "--done").exit_code == 0
    assert "Dan" not in _reviewed(run, vault)
    later = json.loads(vt(run, vault, "review", "--json", today="2027-06-01").stdout)
    assert next(i for i in later if i["name"] == "Dan")["reasons"][0] == (
        "last reviewed 2026-11-21 (every 6m)")


def test_review_done_by_tag_and_all(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(REVIEW))
    assert vt(run, vault, "review", "--done", "--tag", "vip").exit_code == 0
    assert "Cat" not in _reviewed(run, vault)
    before_eve = (vault / "People" / "Eve.md").read_bytes()
    result = vt(run, vault, "review", "--done", "--all")
    assert result.exit_code == 0
    assert result.stderr == "1 contact left to review\n"  # Ben, who has no way to reach
    assert list(_reviewed(run, vault)) == ["Ben"]
    assert (vault / "People" / "Eve.md").read_bytes() == before_eve  # not on the list
    ben = (vault / "People" / "Ben.md").read_bytes()
    assert vt(run, vault, "review", "--done", "--all", today="2026-12-01").exit_code == 0
    assert (vault / "People" / "Ben.md").read_bytes() == ben  # listed, but reviewed


def test_review_lists_a_group_and_counts_it(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(REVIEW))
    result = vt(run, vault, "review", "--group", "peer")
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == ["Cat", "Dan"]
    assert result.stderr == "2 contacts to review\n"


@pytest.mark.parametrize("args, message", [
    (["--done"], "--done needs NAME..., --group, --tag or --all"),
    (["--all"], "--all goes with --done"),
    (["ann", "--group", "peer", "--done"], "not both"),
    (["--dry-run"], "--dry-run goes with --done"),
])
def test_review_refuses_what_it_cannot_mean(tmp_path: Path, run: Run, args: list[str],
                                            message: str) -> None:
    vault = write_vault(tmp_path / "v", dict(REVIEW))
    before = snapshot(vault)
    result = vt(run, vault, "review", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert snapshot(vault) == before

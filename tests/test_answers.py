"""Remembered answers (cli/answers.py) are the answers the commands compute.

Every check runs a command twice: once as users do (an answer kept earlier may
be printed) and once with VAULTTOOLS_REMEMBER=0 (always computed), and wants
the same stdout, stderr and exit code. The racy window is set to nothing here,
so that an answer is kept after every run: a test vault is always younger
than two seconds, and no answer would ever be kept otherwise.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from vaulttools.cli import answers, runtime

from conftest import EXAMPLE, TODAY, Run

COMMANDS = [["due"], ["due", "--all"], ["due", "--json"], ["list"], ["list", "--json"],
            ["list", "--group", "peer"], ["stats"], ["stats", "--json"], ["plan", "--week"],
            ["plan", "--json"], ["show", "Jane"], ["show", "Priya", "--json"],
            ["export", "ics"], ["export", "vcard", "--version", "3.0", "--group", "peer"],
            ["review"], ["review", "--json"], ["review", "--group", "peer"]]


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(answers, "RACY_WINDOW_NS", -10**18)  # keep every answer
    root = tmp_path / "ex"
    shutil.copytree(EXAMPLE, root)
    return root


def kept() -> list[Path]:
    """The answers kept (not the questions a watcher may ask again, cli/ahead.py)."""
    return sorted((Path(os.environ["VAULTTOOLS_CACHE_DIR"]) / "answers").glob("*/[!.]*"))


def outcome(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


def both(run: Run, monkeypatch: pytest.MonkeyPatch, vault: Path, args: list[str],
         today: str = TODAY) -> tuple[Any, Any]:
    """(as users run it, computed)."""
    command = ["--vault", str(vault), "--today", today, *args]
    remembered = outcome(run(*command))
    with monkeypatch.context() as m:
        m.setenv("VAULTTOOLS_REMEMBER", "0")
        computed = outcome(run(*command))
    return remembered, computed


def forbid_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the vault was loaded: the answer was not remembered")

    monkeypatch.setattr(runtime, "load_vault_for_command", refuse)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_an_answer_is_printed_again_without_loading_the_vault(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    first = outcome(run("--vault", str(vault), "--today", TODAY, *args))
    assert first[0] == 0 and first[1]
    assert len(kept()) == 1
    with monkeypatch.context() as m:
        forbid_loading(m)
        again = outcome(run("--vault", str(vault), "--today", TODAY, *args))
    assert again == first
    remembered, computed = both(run, monkeypatch, vault, args)
    assert remembered == computed == first


def touch_a_note(vault: Path) -> None:
    with open(vault / "People" / "Jane Doe.md", "a", encoding="utf-8") as note:
        note.write(f"- {TODAY} call: caught up on the move #inbound\n")


def new_note(vault: Path) -> None:
    (vault / "People" / "Zed New.md").write_text("---\ngroup: peer\n---\n", encoding="utf-8")


def remove_a_note(vault: Path) -> None:
    (vault / "People" / "Zed New.md").unlink()


def rename_a_note(vault: Path) -> None:
    (vault / "People" / "Jane Doe.md").rename(vault / "People" / "Jane Q Doe.md")


def mention_in_a_daily_note(vault: Path) -> None:
    daily = vault / "Daily"
    daily.mkdir(exist_ok=True)
    (daily / "2026-11-20.md").write_text("Lunch with [[Priya Patel]].\n", encoding="utf-8")


def tick_in_due(vault: Path) -> None:
    due = vault / "Index" / "Due.md"
    text = due.read_text(encoding="utf-8")
    assert "- [ ] " in text
    due.write_text(text.replace("- [ ] ", "- [x] ", 1), encoding="utf-8")


def change_the_config(vault: Path) -> None:
    config = vault / ".vaulttools.toml"
    config.write_text("upcoming_days = 30\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")


def make_it_an_obsidian_vault(vault: Path) -> None:
    (vault / ".obsidian").mkdir(exist_ok=True)


def a_name_that_is_not_utf8(vault: Path) -> None:
    """A problem the walk itself finds: the file is no note, and no signature changes."""
    with open(os.path.join(os.fsencode(vault / "People"), b"Bad \xff.md"), "wb") as note:
        note.write(b"---\n---\n")


def a_note_named_as_a_linked_person(vault: Path) -> None:
    """Review's "add?" leaves out a name any note in the vault has (a project, a place):
    Maria Lopez, linked from two daily notes, stops being a person to add."""
    (vault / "Projects").mkdir(exist_ok=True)
    (vault / "Projects" / "Maria Lopez.md").write_text("A pilot at Voltaic.\n",
                                                       encoding="utf-8")


def capture_met_a_stranger_twice(vault: Path) -> None:
    """Capture's ledger, which review's "add?" reads, changes with no note changing."""
    from vaulttools.capture.ledger import load_ledger

    ledger = load_ledger(vault)
    ledger.unknown["sam.rivers@example.org"] = 2
    ledger.save()


CHANGES = [touch_a_note, new_note, remove_a_note, rename_a_note, mention_in_a_daily_note,
           tick_in_due, change_the_config, make_it_an_obsidian_vault, a_name_that_is_not_utf8,
           a_note_named_as_a_linked_person, capture_met_a_stranger_twice]


def test_every_change_to_what_a_command_reads_is_seen(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    # Room for every command's answer: with fewer, each command's answer would be let
    # go by the one before it, and every run would compute.
    monkeypatch.setattr(answers, "KEPT", 2 * len(COMMANDS))
    shutil.rmtree(vault / ".obsidian", ignore_errors=True)
    assert run("--vault", str(vault), "--today", TODAY, "index").exit_code == 0
    for args in COMMANDS:  # an answer kept for each, before any change
        run("--vault", str(vault), "--today", TODAY, *args)
    for change in CHANGES:
        change(vault)
        for args in COMMANDS:
            remembered, computed = both(run, monkeypatch, vault, args)
            assert remembered == computed, (change.__name__, args)
            assert computed[0] == 0, (change.__name__, args, computed[2])
            with monkeypatch.context() as m:  # and kept now, for the next change
                forbid_loading(m)
                again = outcome(run("--vault", str(vault), "--today", TODAY, *args))
            assert again == computed, (change.__name__, args)


def test_another_day_another_terminal_another_answer(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (["due"], ["plan", "--week"], ["stats"]):
        wide = outcome(run("--vault", str(vault), "--today", TODAY, *args))
        remembered, computed = both(run, monkeypatch, vault, args, today="2026-12-24")
        assert remembered == computed != wide
        monkeypatch.setenv("COLUMNS", "44")
        remembered, computed = both(run, monkeypatch, vault, args)
        assert remembered == computed
        assert computed != wide or args == ["stats"]  # stats does not fit its lines
        monkeypatch.delenv("COLUMNS")


def test_show_reads_the_next_meeting_when_capture_is_set_so_it_always_computes(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    config = vault / ".vaulttools.toml"
    config.write_text(config.read_text() + '\n[capture]\nme = ["me@example.org"]\n', "utf-8")
    first = outcome(run("--vault", str(vault), "--today", TODAY, "show", "Jane"))
    assert first[0] == 0
    assert kept() == []
    with monkeypatch.context() as m:  # and it loads the vault each time
        forbid_loading(m)
        with pytest.raises(AssertionError, match="was loaded"):
            run("--vault", str(vault), "--today", TODAY, "show", "Jane")
    assert outcome(run("--vault", str(vault), "--today", TODAY, "list")) == both(
        run, monkeypatch, vault, ["list"])[1]
    assert len(kept()) == 1  # the other commands still remember


def test_an_error_is_never_remembered(vault: Path, run: Run) -> None:
    (vault / "People" / "Broken.md").write_text("---\nname: [unclosed\n---\n", encoding="utf-8")
    result = run("--vault", str(vault), "--today", TODAY, "due", "--days", "30")
    assert "problem" in result.stderr
    bad = run("--vault", str(vault), "--today", TODAY, "list", "--standing", "nonsense")
    assert bad.exit_code == 2
    nobody = run("--vault", str(vault), "--today", TODAY, "show", "Nobody At All")
    assert nobody.exit_code == 2
    assert len(kept()) == 1  # due's answer (it ran, and warned), never the usage error


def test_a_recent_change_is_not_remembered_and_old_answers_go(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "RACY_WINDOW_NS", 2_000_000_000)
    touch_a_note(vault)  # just now: inside the racy window
    run("--vault", str(vault), "--today", TODAY, "due")
    assert kept() == []
    monkeypatch.setattr(answers, "RACY_WINDOW_NS", -10**18)
    monkeypatch.setattr(answers, "KEPT", 3)
    for days in range(6):
        run("--vault", str(vault), "--today", TODAY, "due", "--days", str(days))
    assert len(kept()) == 3


@pytest.mark.parametrize("off", ["VAULTTOOLS_REMEMBER=0", "VAULTTOOLS_NO_CACHE=1"])
def test_answers_can_be_turned_off(vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                                   off: str) -> None:
    monkeypatch.setenv(*off.split("="))
    run("--vault", str(vault), "--today", TODAY, "due")
    assert kept() == []


def test_a_damaged_answer_is_computed_again(vault: Path, run: Run,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first = outcome(run("--vault", str(vault), "--today", TODAY, "due"))
    for damage in (b"", b"garbage", answers.MAGIC + b"\x00\x01"):
        kept()[0].write_bytes(damage)
        assert outcome(run("--vault", str(vault), "--today", TODAY, "due")) == first


@pytest.mark.parametrize("args", [["export", "ics"], ["export", "vcard"]], ids=" ".join)
def test_an_export_to_a_file_is_written_again_without_loading_the_vault(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        args: list[str]) -> None:
    out = tmp_path / "out" / "export.file"
    out.parent.mkdir()
    command = ["--vault", str(vault), "--today", TODAY, *args, "-o", str(out)]
    first = outcome(run(*command))
    written = out.read_bytes()
    assert first == (0, "", f"wrote {out}\n") and written
    out.write_bytes(b"changed by hand")  # the file is not part of the key: always written
    with monkeypatch.context() as m:
        forbid_loading(m)
        again = outcome(run(*command))
    assert again == first and out.read_bytes() == written
    out.unlink()
    out.parent.rmdir()
    out.parent.write_text("a file where the folder was")  # a replay fails as the command does
    with monkeypatch.context() as m:
        forbid_loading(m)
        failed = outcome(run(*command))
    with monkeypatch.context() as m:
        m.setenv("VAULTTOOLS_REMEMBER", "0")
        computed = outcome(run(*command))
    assert failed == computed and failed[0] != 0 and str(out) in failed[2]


def test_review_done_writes_and_is_never_answered_from_memory(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    command = ["--vault", str(vault), "--today", TODAY]
    assert run(*command, "review").exit_code == 0
    dry_run = [*command, "review", "--done", "--group", "mentor", "--dry-run"]
    assert run(*dry_run).exit_code == 0  # writes nothing, so the vault is as it was
    with monkeypatch.context() as m:
        forbid_loading(m)
        assert run(*command, "review").exit_code == 0  # remembered
        with pytest.raises(AssertionError, match="the vault was loaded"):
            run(*dry_run)  # computed again: --done is never answered from memory
    before = {p: p.read_bytes() for p in (vault / "People").iterdir()}
    done = run(*command, "review", "--done", "--group", "mentor")
    assert done.exit_code == 0
    assert [p for p in before if p.read_bytes() != before[p]], "nobody was marked reviewed"
    remembered, computed = both(run, monkeypatch, vault, ["review"])
    assert remembered == computed


def test_check_is_remembered_while_it_finds_no_error_and_asks_git_every_time(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=vault, check=True, capture_output=True)

    shutil.rmtree(vault / ".git", ignore_errors=True)
    git("init", "-q")
    git("config", "merge.vaulttools-index.driver", "true")  # the old driver
    command = ["--vault", str(vault), "--today", TODAY, "check"]
    first = outcome(run(*command))
    assert first[0] == 0 and "init --git" in first[2]
    with monkeypatch.context() as m:
        forbid_loading(m)
        assert outcome(run(*command)) == first
        git("config", "merge.vaulttools-index.driver", "vaulttools merge-driver %O %A %B %P")
        fixed = outcome(run(*command))  # the problems remembered, git asked again
    assert fixed[0] == 0 and "init --git" not in fixed[2]
    assert fixed[1:] == (first[1], first[2].split("vaulttools: warning: this clone")[0])
    for change in CHANGES:
        change(vault)
        for args in (["check"], ["check", "--json"]):
            remembered, computed = both(run, monkeypatch, vault, args)
            assert remembered == computed, (change.__name__, args)
    assert computed[0] == 1  # a file name that is not UTF-8 is an error: never kept
    with monkeypatch.context() as m:
        forbid_loading(m)
        with pytest.raises(AssertionError, match="the vault was loaded"):
            run(*command)

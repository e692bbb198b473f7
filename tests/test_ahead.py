"""Answers made ahead (cli/ahead.py): a watcher asks again the questions asked lately.

Each answer the watcher makes must be the one the command computes: the
checks run the command as users do with loading forbidden (so the answer
printed is the one made ahead) and compare it with VAULTTOOLS_REMEMBER=0
(always computed). As in tests/test_answers.py the racy window is set to
nothing for the in-process tests; the last test runs the real watcher and
waits for it.
"""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from vaulttools.cli import ahead, answers, questions
from vaulttools.watch.daemon import Watcher

from conftest import EXAMPLE, TODAY, Run
from test_answers import (
    CHANGES,
    COMMANDS,
    a_name_that_is_not_utf8,
    both,
    change_the_config,
    forbid_loading,
    kept,
    new_note,
    outcome,
    touch_a_note,
)


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(answers, "RACY_WINDOW_NS", -10**18)  # keep every answer
    root = tmp_path / "ex"
    shutil.copytree(EXAMPLE, root)
    return root.resolve()


def watching(vault: Path) -> Watcher:
    """A watcher's state in this process: the vault read as `watch` reads it at start."""
    watcher = Watcher(vault, date.fromisoformat(TODAY))
    watcher._start_scan()
    return watcher


def make_ahead(watcher: Watcher, maker: ahead.Ahead | None = None) -> int:
    maker = maker or ahead.Ahead(watcher.root)
    return maker.make(watcher.settings, watcher.index, lambda: False)


def answers_folder() -> Path:
    """The one vault's answers folder (and its noted questions) of a test."""
    (folder,) = (Path(os.environ["VAULTTOOLS_CACHE_DIR"]) / "answers").iterdir()
    return folder


def noted() -> list[questions.Asked]:
    return questions.noted(answers_folder())


def served(run: Run, monkeypatch: pytest.MonkeyPatch, vault: Path,
           args: list[str]) -> tuple[int, str, str]:
    """The command's output as users run it, failing if it had to load the vault."""
    with monkeypatch.context() as m:
        forbid_loading(m)
        return outcome(run("--vault", str(vault), "--today", TODAY, *args))


def a_call_logged(vault: Path) -> None:
    """One note changed, of someone no one introduced: the watcher's agenda is patched
    with that contact alone (schedule/agenda.py; an introduction forbids it)."""
    with open(vault / "People" / "Bob Smith.md", "a", encoding="utf-8") as note:
        note.write(f"- {TODAY} call: about the offsite #inbound\n")


def test_after_every_change_the_answers_made_ahead_are_the_computed_ones(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "KEPT", 2 * len(COMMANDS))
    monkeypatch.setattr(questions, "NOTED", len(COMMANDS))
    shutil.rmtree(vault / ".obsidian", ignore_errors=True)
    assert run("--vault", str(vault), "--today", TODAY, "index").exit_code == 0
    for args in COMMANDS:  # each asked once: computed, and noted
        assert run("--vault", str(vault), "--today", TODAY, *args).exit_code == 0
    assert len(noted()) == len(COMMANDS)
    watcher = watching(vault)
    maker = ahead.Ahead(vault)  # one for all changes: its agenda is patched by each
    for change in [a_call_logged, *CHANGES, a_call_logged]:
        change(vault)
        if change is change_the_config:
            watcher._reload()  # as SIGHUP (or a restart) has the watcher read it again
        else:
            watcher.index.reconcile()
        # Removing the note just added brings back answers made for the change before.
        assert make_ahead(watcher, maker) > 0 or change.__name__ == "remove_a_note"
        for args in COMMANDS:
            made = served(run, monkeypatch, vault, args)
            remembered, computed = both(run, monkeypatch, vault, args)
            assert made == remembered == computed, (change.__name__, args)


def test_a_question_is_asked_again_for_its_folder_terminal_and_day(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("COLUMNS", "52")
    monkeypatch.setenv("VAULTTOOLS_TODAY", "2026-12-24")
    assert run("--vault", str(vault), "due").exit_code == 0
    (asked,) = noted()
    assert (asked.here, asked.columns, asked.links, asked.today) == (
        str(elsewhere), 52, False, "2026-12-24")
    monkeypatch.chdir(vault.parent)  # the watcher runs elsewhere, with another terminal
    monkeypatch.delenv("COLUMNS")
    monkeypatch.delenv("VAULTTOOLS_TODAY")
    touch_a_note(vault)
    assert make_ahead(watching(vault)) == 1
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("COLUMNS", "52")
    monkeypatch.setenv("VAULTTOOLS_TODAY", "2026-12-24")
    with monkeypatch.context() as m:
        forbid_loading(m)
        made = outcome(run("--vault", str(vault), "due"))
    monkeypatch.setenv("VAULTTOOLS_REMEMBER", "0")
    computed = outcome(run("--vault", str(vault), "due"))
    monkeypatch.delenv("COLUMNS")
    wide = outcome(run("--vault", str(vault), "due"))
    assert made == computed != wide  # laid out for the terminal asked from


def test_nothing_is_made_from_what_the_watcher_has_not_read(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    run("--vault", str(vault), "--today", TODAY, "due")
    before = kept()
    watcher = watching(vault)
    a_name_that_is_not_utf8(vault)  # a problem of the walk, not a note: still unread
    assert make_ahead(watcher) == 0
    watcher.index.reconcile()
    touch_a_note(vault)  # the event is still on its way
    assert make_ahead(watcher) == 0
    assert kept() == before
    change_the_config(vault)
    watcher.index.reconcile()  # the note read, the config not (no reload yet)
    assert make_ahead(watcher) == 0
    assert kept() == before
    remembered, computed = both(run, monkeypatch, vault, ["due"])
    assert remembered == computed


def test_an_event_stops_the_answers_and_answers_can_be_off(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    run("--vault", str(vault), "--today", TODAY, "due")
    touch_a_note(vault)
    watcher = watching(vault)
    assert ahead.Ahead(vault).make(watcher.settings, watcher.index, lambda: True) == 0
    monkeypatch.setenv("VAULTTOOLS_REMEMBER", "0")
    assert make_ahead(watcher) == 0
    monkeypatch.delenv("VAULTTOOLS_REMEMBER")
    assert make_ahead(watcher) == 1


def test_which_questions_are_noted(vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                                   tmp_path: Path) -> None:
    monkeypatch.setattr(questions, "NOTED", 3)
    for days in range(5):
        run("--vault", str(vault), "--today", TODAY, "due", "--days", str(days))
    assert [a.options["days"] for a in noted()] == [2, 3, 4]
    run("--vault", str(vault), "--today", TODAY, "due", "--days", "3")  # asked again
    assert [a.options["days"] for a in noted()] == [2, 3, 4]  # noted less than a day ago
    questions._write(answers_folder(), [a._replace(at=a.at - questions.DAY_NS) for a in noted()])
    run("--vault", str(vault), "--today", TODAY, "due", "--days", "3")  # a day later
    assert [a.options["days"] for a in noted()] == [2, 4, 3]
    run("--vault", str(vault), "--today", TODAY, "export", "ics", "-o", str(tmp_path / "x"))
    run("--vault", str(vault), "--today", TODAY, "show", "Nobody At All")  # an error
    assert [a.options["days"] for a in noted()] == [2, 4, 3]  # neither noted
    run("--vault", str(vault), "--today", TODAY, "check")
    assert noted()[-1].function == "vaulttools.cli.read:_report_problems"


def test_old_or_damaged_questions_are_not_asked(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    run("--vault", str(vault), "--today", TODAY, "due")
    touch_a_note(vault)
    (asked,) = noted()
    noted_file = answers_folder() / questions.QUESTIONS
    watcher = watching(vault)
    old = asked._replace(at=time.time_ns() - questions.LATELY_NS - 10**9)
    unknown = asked._replace(function="os:system", options={"command": "false"})
    for damaged in (b"", b"garbage", marshal.dumps([tuple(old)]), marshal.dumps([(1, 2)]),
                    marshal.dumps([tuple(asked._replace(names=("main",)))]),
                    marshal.dumps([tuple(asked._replace(today="not a day"))]),
                    marshal.dumps([tuple(unknown)])):
        noted_file.write_bytes(damaged)
        assert make_ahead(watcher) == 0
    noted_file.write_bytes(marshal.dumps([tuple(asked)]))
    assert make_ahead(watcher) == 1


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What the command prints to a terminal (a pseudo-terminal: links are shown)."""
    main_end, command_end = os.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "vaulttools", *args], env=env,
                                stdin=subprocess.DEVNULL, stdout=command_end,
                                stderr=subprocess.PIPE)
    finally:
        os.close(command_end)
    chunks = []
    while True:
        try:
            chunk = os.read(main_end, 65536)
        except OSError:  # EIO: the command closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_end)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    return b"".join(chunks)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_a_running_watcher_makes_the_next_answer_ahead(tmp_path: Path) -> None:
    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    due = ["--vault", str(vault), "--today", TODAY, "due"]
    first = _on_a_terminal(due, env)
    assert b"\x1b]8;;obsidian://" in first  # names are links on a terminal
    watcher = subprocess.Popen(
        [sys.executable, "-m", "vaulttools", "--vault", str(vault), "--today", TODAY,
         "watch", "--debounce", "50"], env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(watcher.stderr or []), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 15
        while not any("watching" in line for line in lines):
            assert time.monotonic() < deadline and watcher.poll() is None, lines
            time.sleep(0.05)
        edited = time.time_ns()
        new_note(vault)  # someone never contacted: on the list
        folder = Path(env["VAULTTOOLS_CACHE_DIR"]) / "answers"

        def answers_made() -> dict[Path, int]:
            return {path: path.stat().st_mtime_ns for path in folder.glob("*/[!.]*")}

        deadline = time.monotonic() + 20  # a render, then the racy window (2 s)
        while not any(when > edited for when in answers_made().values()):
            assert time.monotonic() < deadline and watcher.poll() is None, lines
            time.sleep(0.1)
        made = answers_made()
        again = _on_a_terminal(due, env)
        assert answers_made() == made  # printed as kept: nothing computed, nothing written
        computed = _on_a_terminal(due, {**env, "VAULTTOOLS_REMEMBER": "0"})
        assert again == computed != first
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
        reader.join(timeout=2)


def test_a_failure_once_the_vault_is_still_is_logged_and_the_watcher_goes_on(
        vault: Path, caplog: pytest.LogCaptureFixture) -> None:
    watcher = watching(vault)
    watcher.when_settled = lambda: 1 / 0
    watcher._settled()
    assert "ZeroDivisionError" in caplog.text

"""Every reading command against the whole bad-input corpus (tests/corpus.py):
no traceback, a clear problem naming the file, the rest processed, nothing written."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import corpus
import pytest

from conftest import Run, snapshot

TODAY = "2026-11-21"


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.build(tmp_path_factory.mktemp("corpus") / "vault")


def _no_traceback(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_check_reports_every_case_with_its_path(vault: Path, run: Run) -> None:
    result = run("--vault", str(vault), "check", "--json")
    _no_traceback(result)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    by_file: dict[str, list[str]] = {}
    for problem in problems:
        key = unicodedata.normalize("NFC", problem["path"])
        by_file.setdefault(key, []).append(problem["message"])
    for case in corpus.CASES:
        path = unicodedata.normalize("NFC", f"People/{case.name}")
        if case.problem is None:
            assert path not in by_file, (case.name, by_file.get(path))
        else:
            assert any(case.problem in m for m in by_file.get(path, [])), (case.name, by_file)
    assert any("symlink loop" in m for m in by_file["People/Loop.md"])
    assert "People/Good Person.md" not in by_file


@pytest.mark.parametrize("command", [["check"], ["list", "--json"], ["due", "--all", "--json"],
                                     ["index"], ["review", "--json"], ["stats", "--json"]])
def test_reading_commands_survive_and_write_nothing(
    vault: Path, run: Run, command: list[str]
) -> None:
    before = {k: v for k, v in snapshot(vault).items() if k.startswith("People")}
    result = run("--vault", str(vault), "--today", TODAY, *command)
    _no_traceback(result)
    after = {k: v for k, v in snapshot(vault).items() if k.startswith("People")}
    assert after == before
    if command[0] in ("list", "due"):
        names = {item["name"] for item in json.loads(result.stdout)}
        assert "Good Person" in names


def test_loaded_values_are_kept_as_written(vault: Path, run: Run) -> None:
    traps = json.loads(run("--vault", str(vault), "show", "traps", "--json").stdout)
    assert traps["extra"] == {"norway": "NO", "answer": "yes", "zip": "01234", "at": "12:30",
                              "v": "1.10"}
    assert json.loads(run("--vault", str(vault), "show", "crlf", "--json").stdout)[
        "interactions"][0]["text"] == "x"
    tags = json.loads(run("--vault", str(vault), "show", "tags string", "--json").stdout)
    assert tags["tags"] == ["ai", "climate"]


def test_index_lists_the_problems_and_only_writes_index_notes(vault: Path, run: Run) -> None:
    run("--vault", str(vault), "--today", TODAY, "index")
    problems = (vault / "Index" / "Problems.md").read_text()
    for case in corpus.CASES:
        if case.problem is not None and case.problem != "same name":
            assert case.name[:-3].split()[0] in problems, case.name

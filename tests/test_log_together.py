"""One dinner with three people is one command (`log --with`, or "Ana, Ben and Chen"),
all or nothing; `replied` records an answer and ends the give-space count (#33)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, snapshot, vt, write_vault

PEOPLE = {
    "Ana Lima.md": "---\ngroup: peer\n---\n",
    "Ben Ode.md": "---\ngroup: peer\n---\n",
    "Chen Wu.md": "---\ngroup: peer\n---\n",
    "Hiro Sato.md": "---\ngroup: peer\nlast_contact: 2026-01-10\n---\n## Log\n"
                    "- 2026-09-01 email: One more try. #noreply\n"
                    "- 2026-03-01 email: Ping. #noreply\n"
                    "- 2026-02-01 email: Ping. #noreply\n"
                    "- 2026-01-10 call: Catch-up.\n",
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", dict(PEOPLE))


def _log(vault: Path, name: str) -> str:
    text = (vault / "People" / f"{name}.md").read_text(encoding="utf-8")
    return text[text.index("## Log"):] if "## Log" in text else ""


@pytest.mark.parametrize("args", [
    ["ana", "Dinner at Tavares", "--via", "dinner", "--with", "ben", "--with", "chen"],
    ["Ana, Ben and Chen", "Dinner at Tavares", "--via", "dinner"],
    ["ana & ben, chen", "Dinner at Tavares", "--via", "dinner"],
])
def test_one_dinner_is_logged_in_each_note(vault: Path, run: Run, args: list[str]) -> None:
    result = vt(run, vault, "log", *args)
    assert result.exit_code == 0, result.output
    for name in ("Ana Lima", "Ben Ode", "Chen Wu"):
        assert _log(vault, name) == "## Log\n- 2026-11-21 dinner: Dinner at Tavares\n"


def test_one_unknown_name_logs_nothing_anywhere(vault: Path, run: Run) -> None:
    before = snapshot(vault)
    result = vt(run, vault, "log", "ana", "Dinner", "--via", "dinner", "--with", "zed")
    assert result.exit_code == 2 and "'zed'" in result.stderr
    assert vt(run, vault, "log", "Ana, Ben and Zed", "Dinner", "--via", "dinner").exit_code == 2
    assert snapshot(vault) == before


def test_replied_ends_the_give_space_count(vault: Path, run: Run) -> None:
    before = json.loads(vt(run, vault, "show", "hiro", "--json").stdout)
    assert before["standing"] == "give-space"
    result = vt(run, vault, "replied", "hiro", "Back from leave; coffee in May")
    assert result.exit_code == 0, result.output
    assert _log(vault, "Hiro Sato").startswith(
        "## Log\n- 2026-11-21 email: Back from leave; coffee in May #inbound\n")
    after = json.loads(vt(run, vault, "show", "hiro", "--json").stdout)
    assert after["standing"] == "ok" and after["effective_last_contact"] == "2026-11-21"


def test_replied_takes_a_date_a_channel_and_no_words(vault: Path, run: Run) -> None:
    assert vt(run, vault, "replied", "hiro", "--date", "2026-11-02", "--via", "linkedin",
              "--dry-run").exit_code == 0
    assert vt(run, vault, "replied", "hiro", "--date", "2026-11-02").exit_code == 0
    assert "- 2026-11-02 email: replied #inbound\n" in _log(vault, "Hiro Sato")
    assert vt(run, vault, "replied", "ana").exit_code == 0  # nothing unanswered: a note
    assert _log(vault, "Ana Lima") == "## Log\n- 2026-11-21 note: replied #inbound\n"
    typo = vt(run, vault, "replied", "ben", "--via", "emial")
    assert typo.exit_code == 2 and "did you mean 'email'" in typo.stderr

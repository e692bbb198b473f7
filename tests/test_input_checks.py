"""What the command line refuses before writing, and how every error reads: an empty
note, a mistyped channel, dates no one means, a cadence of 0, click's own usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, snapshot, vt, write_vault

ANN = {"Ann.md": "---\nname: Ann\n---\n## Log\n- 2026-10-01 podcast: Recorded an episode.\n"}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", dict(ANN), config='channels = ["Slack"]\n')


def _refused(run: Run, vault: Path, *args: str) -> str:
    """Run a command that must be refused as a usage error and write nothing; its stderr."""
    before = snapshot(vault)
    result = vt(run, vault, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("vaulttools: error: "), result.stderr
    assert "Traceback" not in result.output and "Usage:" not in result.stderr
    assert snapshot(vault) == before
    return result.stderr


def test_a_log_without_text_needs_a_channel(vault: Path, run: Run) -> None:
    assert "give TEXT, or --via CHANNEL" in _refused(run, vault, "log", "ann")
    assert "give TEXT, or --via CHANNEL" in _refused(run, vault, "log", "ann", "  ")
    assert "a note with no text says nothing" in _refused(run, vault, "log", "ann",
                                                          "--via", "note")
    assert vt(run, vault, "log", "ann", "--via", "call").exit_code == 0
    assert "- 2026-11-21 call\n" in (vault / "People" / "Ann.md").read_text()


@pytest.mark.parametrize("typo, meant", [("emial", "'email'"), ("cofee", "'coffee'"),
                                         ("podcst", "'podcast'"), ("slak", "'slack'")])
def test_a_channel_close_to_a_known_one_is_a_typo(vault: Path, run: Run, typo: str,
                                                  meant: str) -> None:
    """Known: the built-in channels, those in the logs (podcast), the config's (Slack)."""
    message = _refused(run, vault, "log", "ann", "Hello", "--via", typo)
    assert f"unknown channel {typo!r}; did you mean {meant}" in message
    assert "--force" in message


def test_force_logs_a_channel_as_typed_and_then_it_is_known(vault: Path, run: Run) -> None:
    assert vt(run, vault, "log", "ann", "Hi", "--via", "emial", "--force").exit_code == 0
    assert "- 2026-11-21 emial: Hi\n" in (vault / "People" / "Ann.md").read_text()
    assert vt(run, vault, "log", "ann", "Again", "--via", "emial").exit_code == 0


def test_a_new_channel_close_to_nothing_is_welcome(vault: Path, run: Run) -> None:
    assert vt(run, vault, "log", "ann", "A long walk", "--via", "hiking").exit_code == 0
    assert vt(run, vault, "log", "ann", "On Slack", "--via", "slack").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["log", "ann", "Old", "--date", "1899-12-31"], "1899-12-31 is before 1900: a typo?"),
    (["log", "ann", "Soon", "--date", "2026-11-22"], "2026-11-22 is in the future"),
    (["set", "last_contact=1850-01-01", "ann"], "last_contact: 1850-01-01 is before 1900"),
    (["set", "met=0026-05-01", "ann"], "met: 0026-05-01 is before 1900"),
    (["set", "birthday=2030-05-01", "ann"], "birthday: 2030 is in the future"),
    (["set", "cadence=0m", "ann"], "a cadence of 0 would make them due every day"),
    (["set", "cadence=0d", "ann"], "the shortest is 1d"),
    (["new", "Bo", "--met", "1800-01-01"], "met: 1800-01-01 is before 1900"),
    (["new", "Bo", "--last-contact", "2027-01-01"], "last_contact: 2027-01-01 is in the future"),
    (["snooze", "ann", "--for", "0d"], "a cadence of 0"),
])
def test_values_no_one_means_are_refused_with_the_rule(vault: Path, run: Run, args: list[str],
                                                       message: str) -> None:
    assert message in _refused(run, vault, *args)


def test_a_channel_in_the_config_must_be_one_word(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", dict(ANN), config='channels = ["video call"]\n')
    result = vt(run, vault, "due")
    assert result.exit_code == 2
    assert "channels: 'video call' must be one word" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["snooze", "ann", "--for", "soon"], "Invalid value for --for: bad cadence 'soon'"),
    (["--bogus", "due"], "No such option '--bogus'"),
    (["due", "--days", "x"], "Invalid value for '--days'"),
    (["set"], "Missing argument"),
    (["lgo"], "no such command 'lgo'; did you mean 'log'?"),
    (["list", "--standing", "late"], "'late' is not one of"),
])
def test_click_usage_errors_read_as_every_other_error(vault: Path, run: Run, args: list[str],
                                                      message: str) -> None:
    stderr = _refused(run, vault, *args)
    assert message in stderr and "--help`)" in stderr
    assert stderr.count("\n") == 1  # one line

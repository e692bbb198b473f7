"""Finding the vault: never take an arbitrary folder for one, and `init` goes where it is told."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaulttools.errors import VaultNotFound
from vaulttools.read.load import load_vault

from conftest import Run, snapshot


@pytest.mark.parametrize("command", [["index"], ["due"], ["check"], ["log", "x", "hi"]])
def test_vault_option_on_a_folder_without_config_is_an_error(
    tmp_path: Path, run: Run, command: list[str]
) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "notes.md").write_text("my own file\n")
    before = snapshot(folder)
    result = run("--vault", str(folder), *command)
    assert result.exit_code == 2
    assert f"not a vault: {folder} (given by --vault) has no .vaulttools.toml; " \
           f"run `vaulttools init {folder}` first" in result.stderr
    assert snapshot(folder) == before


def test_env_vault_on_a_folder_without_config_is_an_error(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VAULTTOOLS_VAULT", str(folder))  # after `run` cleared it
    result = run("index")
    assert result.exit_code == 2
    assert "(given by VAULTTOOLS_VAULT) has no .vaulttools.toml" in result.stderr
    assert list(folder.iterdir()) == []


def test_init_honours_vault_option_and_env(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("init", "--vault", str(tmp_path / "a"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / ".vaulttools.toml").is_file()
    monkeypatch.setenv("VAULTTOOLS_VAULT", str(tmp_path / "b"))
    result = run("init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / ".vaulttools.toml").is_file()
    assert list(here.iterdir()) == []
    # Then every command finds them the same way.
    assert run("--vault", str(tmp_path / "a"), "check").exit_code == 0


def test_load_vault_on_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound, match="no such folder"):
        load_vault(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()

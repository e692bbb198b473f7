"""Docs are part of the feature: every command has help text and is documented."""

from __future__ import annotations

import re

import click
import pytest

from vaulttools.cli import main

from conftest import REPO

COMMANDS = main.list_commands(click.Context(main))  # imports every command's module
SUBCOMMANDS = sorted(
    (group, name) for group, command in main.commands.items()
    if isinstance(command, click.Group) for name in command.commands
)


def test_every_command_is_loaded_from_the_module_that_defines_it() -> None:
    from vaulttools.cli.base import COMMAND_MODULES

    defined = {name: command.callback.__module__.rsplit(".", 1)[-1]  # type: ignore[union-attr]
               for name, command in main.commands.items()}
    assert defined == COMMAND_MODULES
COMMANDS_DOC = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help.strip()) > 20
    for param in command.params:
        if isinstance(param, click.Option) and param.expose_value:
            assert param.help, f"{name} {param.opts} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name: str) -> None:
    assert re.search(rf"^## `vaulttools {re.escape(name)}\b", COMMANDS_DOC, re.M), name


@pytest.mark.parametrize(("group", "name"), SUBCOMMANDS)
def test_subcommand_has_help_and_is_documented(group: str, name: str) -> None:
    command = main.commands[group].commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 20
    assert re.search(rf"^## `vaulttools {group} [^`]*\b{name}\b", COMMANDS_DOC, re.M)


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_every_config_key_is_documented() -> None:
    from vaulttools.config import KNOWN_KEYS

    config_doc = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    for key in KNOWN_KEYS:
        assert f"`{key}`" in config_doc, key


def test_ci_calls_make_test() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_library_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import snapshot

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = readme.split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO)
    before = snapshot(REPO / "example-vault")
    exec(compile(code, "README.md", "exec"), {})  # our own documentation
    assert snapshot(REPO / "example-vault") == before


# Commands that report nothing a script would parse: they write files or run.
NO_JSON = {"init", "watch", "export", "merge-driver"}


@pytest.mark.parametrize("name", [c for c in COMMANDS if c not in NO_JSON])
def test_every_reporting_command_takes_json_and_documents_it(name: str) -> None:
    command = main.commands[name]
    commands = (list(command.commands.values()) if isinstance(command, click.Group)
                else [command])
    for each in commands:
        assert any("--json" in param.opts for param in each.params), each.name
    section = COMMANDS_DOC.split(f"## `vaulttools {name} ", 1)[1].split("\n## ", 1)[0]
    assert "--json" in section, f"docs/commands.md says nothing of {name} --json"

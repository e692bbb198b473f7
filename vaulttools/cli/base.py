"""The command group, global options and the one error boundary.

Every VaultError is turned into one message and exit code in
`VaultGroup.invoke`; commands never catch errors themselves.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import click

from vaulttools.errors import VaultError
from vaulttools.version import __version__
from vaulttools.words import counted

if TYPE_CHECKING:
    from vaulttools.config import Settings
    from vaulttools.edit.api import Editor
    from vaulttools.read.loader import Walked
    from vaulttools.read.vault import Vault

    # How a command gets its vault: (root, settings, walk) -> Vault, as
    # runtime.load_vault_for_command.
    Loader = Callable[[Path, Settings | None, Walked | None], Vault]

F = TypeVar("F", bound=Callable[..., Any])
INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in vaulttools, not in the user's notes
# Every function whose answer is remembered, by "module:qualname", for the watcher to
# ask again (cli/ahead.py).
REMEMBERED: dict[str, Callable[..., Any]] = {}


# Which module of this package defines each command. A command's module is
# imported only when that command runs (or when help lists them all): `due`
# should not pay for importing the editing, import and export commands.
COMMAND_MODULES = {
    "init": "setup", "check": "read", "list": "read", "show": "read", "due": "read",
    "review": "audit", "timeline": "read",
    "log": "edit", "replied": "edit", "remind": "edit", "undo": "edit", "new": "edit",
    "snooze": "edit",
    "unsnooze": "edit", "archive": "edit", "pause": "edit", "resume": "edit", "set": "edit",
    "uid": "edit",
    "index": "generate", "watch": "generate", "merge-driver": "generate",
    "stats": "insight", "match": "insight", "draft": "insight", "plan": "insight",
    "import": "transfer", "export": "transfer", "capture": "capture", "merge": "merge",
    "sync": "sync", "intro": "give", "intros": "give", "near": "give", "update": "give",
}


def load_commands(names: Iterable[str]) -> None:
    """Import the modules that define these commands (they register themselves on `main`)."""
    for module in sorted({COMMAND_MODULES[name] for name in names if name in COMMAND_MODULES}):
        importlib.import_module(f"{__package__}.{module}")


class VaultGroup(click.Group):
    """Loads commands on demand; turns every VaultError into `vaulttools: error: ...`."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            load_commands([cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_commands(COMMAND_MODULES)
        return super().list_commands(ctx)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name, COMMAND_MODULES, n=3, cutoff=0.5)
            if close:
                ctx.fail(f"no such command {name!r}; did you mean "
                         f"{' or '.join(repr(c) for c in close)}?")
        return super().resolve_command(ctx, args)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:  # a bad global option: before invoke
            raise SystemExit(report_click_error(exc)) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VaultError as exc:
            # The message names the file and the reason (and, for a name, the candidates).
            click.echo(f"vaulttools: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except click.ClickException as exc:  # a usage error: the same form as any other
            ctx.exit(report_click_error(exc))
        except (click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # exits, Ctrl-C, a reader that left early: click handles them
        except Exception as exc:
            # The last resort: a bug, not a user mistake. One line, unless asked for more.
            if ctx.ensure_object(State).debug or os.environ.get("VAULTTOOLS_DEBUG") == "1":
                raise
            click.echo(f"vaulttools: internal error: {type(exc).__name__}: {exc}; run with "
                       "--debug for details", err=True)
            ctx.exit(INTERNAL_ERROR)


def report_click_error(exc: click.ClickException) -> int:
    """Print click's own error (a usage mistake) as vaulttools prints every error, with
    where to read how the command is used; its exit code."""
    hint = ""
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        hint = f" (see `{exc.ctx.command_path} --help`)"
    click.echo(f"vaulttools: error: {exc.format_message()}{hint}", err=True)
    return exc.exit_code


class State:
    """What the global options chose; commands ask it for the vault and today."""

    def __init__(self) -> None:
        self.vault_path: str | None = None
        self.today_value: date | None = None
        self.debug = False
        # A walk made for a remembered answer (cli/answers.py), for the load to reuse.
        self.walked: tuple[Settings, Walked] | None = None
        # Set while the watcher asks a question again (cli/ahead.py): its own vault,
        # instead of loading one.
        self.answering_ahead: Loader | None = None
        self._vault: Vault | None = None
        self._warned = False

    def today(self) -> date:
        return self.today_value or date.today()

    def root(self) -> Path:
        from vaulttools.config import find_vault

        return find_vault(self.vault_path, os.environ.get("VAULTTOOLS_VAULT"), Path.cwd())

    def vault(self, warn: bool = True) -> Vault:
        """The vault, loaded once; `warn`: say on stderr when it has problems (not for
        `check`, which reports them)."""
        if self._vault is None:
            from vaulttools.cli.runtime import load_vault_for_command

            settings, walked = self.walked or (None, None)
            self.walked = None  # a walk is good for one load: a reload walks again
            load = self.answering_ahead or load_vault_for_command
            self._vault = load(self.root(), settings, walked)
            errors = len(self._vault.errors)
            if errors and warn and not self._warned:
                self._warned = True
                click.echo(f"vaulttools: {counted(errors, 'problem')} in the "
                           "vault; run `vaulttools check`", err=True)
        return self._vault

    def reload(self) -> Vault:
        """The vault as it is on disk now, after this command's own writes."""
        self._vault = None
        return self.vault()


def lock_timeout() -> float:
    """How long an edit waits for another writer: `$VAULTTOOLS_LOCK_TIMEOUT` seconds, else 10."""
    from vaulttools.edit.locks import DEFAULT_TIMEOUT
    from vaulttools.errors import ConfigError

    text = os.environ.get("VAULTTOOLS_LOCK_TIMEOUT", "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise ConfigError(f"VAULTTOOLS_LOCK_TIMEOUT={text!r} is not a number of seconds")
    return seconds


def editor() -> Editor:
    """The editing API over this command's vault, waiting `lock_timeout()` for others."""
    from vaulttools.edit.api import Editor

    made = Editor(state().vault(), lock_timeout())
    # The command as typed, without the program's name: `log`, `import linkedin`.
    made.action = " ".join(click.get_current_context().command_path.split()[1:]) or "edit"
    return made


def _parse_today(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _set_vault(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.ensure_object(State).vault_path = value


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(State).debug = True


def _set_today(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    parsed = _parse_today(value)
    if parsed:
        ctx.ensure_object(State).today_value = parsed


@overload
def remembered(func: F) -> F: ...


@overload
def remembered(*, unless: Callable[[Settings], object] | None = None,
               computed_when: Callable[[dict[str, Any]], object] | None = None,
               also: Callable[[Settings], object] | None = None) -> Callable[[F], F]: ...


def remembered(func: F | None = None, *,
               unless: Callable[[Settings], object] | None = None,
               computed_when: Callable[[dict[str, Any]], object] | None = None,
               also: Callable[[Settings], object] | None = None) -> Any:
    """The command's answer is printed again while nothing it reads changed
    (cli/answers.py). Only for commands that read nothing but the vault's notes, its
    index folder and config, the day, their options and the terminal, and what
    `also` returns (made part of the key); `unless` says for which settings, and
    `computed_when` for which options, the command reads or writes more (then it
    always computes)."""

    def decorate(command_function: F) -> F:
        @functools.wraps(command_function)
        def command(**options: Any) -> Any:
            from vaulttools.cli import answers

            if computed_when is not None and computed_when(options):
                return command_function(**options)
            ctx = click.get_current_context()
            question = answers.ask(ctx.command_path, options, state().root(), state().today(),
                                   also)
            if question is None:
                return command_function(**options)
            state().walked = question.settings, question.walked
            if unless is not None and unless(question.settings):
                return command_function(**options)
            from vaulttools.cli import questions

            # Noted for a running watcher to ask again after an edit (cli/ahead.py),
            # unless the watcher is asking it.
            asked = (questions.asked_now(ctx, key, options, state().today_value)
                     if state().answering_ahead is None else None)
            kept = question.answer()
            if kept is not None:
                answers.replay(kept)
                if asked is not None:
                    questions.note(question.path.parent, asked, kept, kept=True)
                return None
            with question.recording() as chunks:
                result = command_function(**options)
            if asked is not None:
                questions.note(question.path.parent, asked, chunks)
            return result

        key = f"{command_function.__module__}:{command_function.__qualname__}"
        REMEMBERED[key] = command
        return command  # type: ignore[return-value]

    return decorate(func) if func is not None else decorate


def common_options(func: F) -> F:
    """--vault and --today, accepted after the command name as well as before it."""
    func = click.option("--today", metavar="YYYY-MM-DD", expose_value=False,
                        callback=_set_today, help="Pretend today is this date.")(func)
    func = click.option("--vault", metavar="PATH", expose_value=False, callback=_set_vault,
                        help="The vault folder (default: $VAULTTOOLS_VAULT, then the "
                        "nearest folder above with .vaulttools.toml).")(func)
    return func


def state() -> State:
    return click.get_current_context().ensure_object(State)


def json_option(func: F) -> F:
    """--json: the command's result as JSON on stdout (schemas in docs/commands.md)."""
    return click.option("--json", "as_json", is_flag=True,
                        help="Print the result as JSON.")(func)


def emit_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.group(cls=VaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vaulttools")
@click.option("--vault", metavar="PATH", expose_value=False, callback=_set_vault,
              help="The vault folder (default: $VAULTTOOLS_VAULT, then the nearest folder "
              "above with .vaulttools.toml).")
@click.option("--today", metavar="YYYY-MM-DD", envvar="VAULTTOOLS_TODAY", expose_value=False,
              callback=_set_today, help="Pretend today is this date (also $VAULTTOOLS_TODAY).")
@click.option("--debug", is_flag=True, expose_value=False, callback=_set_debug,
              help="On an internal error, show the traceback (also $VAULTTOOLS_DEBUG=1).")
def main() -> None:
    """A personal CRM over plain-text contact notes: who to reach out to, and why."""
    state()


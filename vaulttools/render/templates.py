"""Jinja2 templates: shipped defaults, overridable from the vault.

A template named X is looked up first in the vault's templates folder
(`templates` in .vaulttools.toml, default `.vaulttools/templates/`), then in
the package. A template error becomes a TemplateProblem naming the template
and the line.

A vault's templates are untrusted: whoever shares the vault wrote them. Every
template renders in jinja2's SandboxedEnvironment, which refuses attributes
that reach interpreter internals (`__globals__`, `__class__`, `mro`...) and
caps `range`; a template that tries fails with a template error, and nothing runs.
"""

from __future__ import annotations

import itertools
import types
import weakref
from collections.abc import Callable, Generator
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.meta
import jinja2.sandbox

from vaulttools.config import Settings
from vaulttools.errors import TemplateProblem, VaultError
from vaulttools.read.yaml.values import flow_list, scalar
from vaulttools.words import counted, noun

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # vaulttools/templates


def _yaml(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (list, tuple)):
        return flow_list([str(v) for v in value])
    if isinstance(value, (int, bool, date)):
        return scalar(value)
    return scalar(str(value))


def _wikilink(name: Any) -> str:
    text = str(name)
    return text if text.startswith("[[") else f"[[{text}]]"


def _field(key: str, value: Any) -> str:
    text = _yaml(value)
    return f"{key}: {text}" if text else f"{key}:"


class VaultSandbox(jinja2.sandbox.SandboxedEnvironment):
    """jinja2's sandbox, with a shortcut for vaulttools' own plain data.

    The index notes read tens of attributes of every contact, and the sandbox
    checks each read against the interpreter's internals. For an instance of a
    vaulttools data class or a date, that check can only refuse names with a
    leading underscore (jinja2's is_internal_attribute concerns functions,
    methods, types, frames and generators), so public names are read directly.
    tests/test_untrusted_vault.py holds the shortcut to the full check.
    """

    _plain: dict[type, bool] = {}  # noqa: RUF012 - a per-type memo, shared on purpose

    def _is_plain(self, obj: Any) -> bool:
        kind = type(obj)
        plain = self._plain.get(kind)
        if plain is None:
            plain = self._plain[kind] = is_plain_data(kind)
        return plain

    def getattr(self, obj: Any, attribute: str) -> Any:
        if self._is_plain(obj) and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass  # the sandbox tries obj[attribute], then reports it undefined
        return super().getattr(obj, attribute)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # A public method of plain data (`cadence.describe()`, `day.isoformat()`) is
        # called as it is: it takes no context and alters nothing the sandbox guards.
        if (type(__obj) is types.MethodType and __self._is_plain(__obj.__self__)
                and not __obj.__name__.startswith("_")):
            kwargs.pop("_loop_vars", None)  # what jinja2's Context.call drops too
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def is_plain_data(kind: type) -> bool:
    """Instances of vaulttools' own classes (not types, functions or generators) and dates."""
    if kind in (date, datetime):
        return True
    return kind.__module__.startswith("vaulttools.") and not issubclass(
        kind, (type, types.FunctionType, types.MethodType, types.GeneratorType))


def environment(settings: Settings) -> jinja2.Environment:
    env = VaultSandbox(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(str(settings.root / settings.templates)),
            jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)),
        ]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["yaml"] = _yaml
    env.filters["wikilink"] = _wikilink
    env.globals["field"] = _field
    env.filters["counted"] = counted
    env.filters["noun"] = noun
    return env


def _template_line(exc: BaseException, filename: str | None) -> int | None:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if filename and tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(env: jinja2.Environment, name: str, /, **context: Any) -> str:
    """Render template `name`; TemplateProblem with template path and line on failure."""
    template = _template(env, name)
    try:
        return template.render(**context)
    except VaultError:
        raise
    except Exception as exc:  # a template's own mistake too, such as a division by zero
        raise _problem(exc, template, name) from None


# How many pieces of output (a literal run, a value) a render makes between two
# questions to `stop`: a long note stops within a few milliseconds of being asked.
PIECES_BETWEEN_QUESTIONS = 2000


def render_unless(env: jinja2.Environment, name: str, stop: Callable[[], bool], /,
                  **context: Any) -> str | None:
    """render(), asking `stop` as the output grows; None as soon as it says yes."""
    template = _template(env, name)
    pieces: list[str] = []
    output = cast(Generator[str, None, None], template.generate(**context))
    try:
        while True:
            made = len(pieces)
            pieces.extend(itertools.islice(output, PIECES_BETWEEN_QUESTIONS))
            if len(pieces) - made < PIECES_BETWEEN_QUESTIONS:
                return "".join(pieces)
            if stop():
                return None
    except VaultError:
        raise
    except Exception as exc:  # a template's own mistake too, such as a division by zero
        raise _problem(exc, template, name) from None
    finally:
        output.close()


def _template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}",
                              exc.filename or name, exc.lineno) from None
    except jinja2.TemplateNotFound:
        raise TemplateProblem(f"template {name!r} not found") from None


def _problem(exc: Exception, template: jinja2.Template, name: str) -> TemplateProblem:
    """What a render's failure says: the template and its line, and what went wrong
    (jinja2's message, or for an error of the template's own code, such as a division
    by zero in a vault's template, the exception's kind and message)."""
    line = _template_line(exc, template.filename)
    what = exc if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return TemplateProblem(f"template error: {what}", template.filename or name, line)


# Per environment: (template name, source) -> its own variables and the templates it
# names, or None for a template named by an expression.
_Parsed = tuple[set[str], list[str]] | None
_PARSED: weakref.WeakKeyDictionary[jinja2.Environment, dict[tuple[str, str], _Parsed]] = (
    weakref.WeakKeyDictionary())


def _parsed(env: jinja2.Environment, name: str) -> _Parsed:
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    known = _PARSED.setdefault(env, {})
    if (name, source) not in known:
        tree = env.parse(source)
        referenced = list(jinja2.meta.find_referenced_templates(tree))
        known[(name, source)] = None if None in referenced else (
            set(jinja2.meta.find_undeclared_variables(tree)),
            [r for r in referenced if r is not None])
    return known[(name, source)]


def variables_used(env: jinja2.Environment, name: str) -> set[str] | None:
    """The variables template `name`, and every template it includes, extends or
    imports, look up in its context; None when that cannot be told (a template
    chosen by an expression, or one that does not load: rendering says why)."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            parsed = _parsed(env, current)
        except jinja2.TemplateError:
            return None
        if parsed is None:
            return None
        found |= parsed[0]
        todo.extend(parsed[1])
    return found

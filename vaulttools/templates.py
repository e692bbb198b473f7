"""Jinja2 templates: shipped defaults, overridable from the vault.

A template named X is looked up first in the vault's templates folder
(`templates` in .vaulttools.toml, default `.vaulttools/templates/`), then in
the package. A template error becomes a TemplateProblem naming the template
and the line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from .config import Settings
from .errors import TemplateProblem
from .yamlvalues import flow_list, scalar

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"


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


def environment(settings: Settings) -> jinja2.Environment:
    env = jinja2.Environment(
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
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}",
                              exc.filename or name, exc.lineno) from None
    except jinja2.TemplateNotFound:
        raise TemplateProblem(f"template {name!r} not found") from None
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        line = _template_line(exc, template.filename)
        raise TemplateProblem(f"template error: {exc}", template.filename or name, line) from None

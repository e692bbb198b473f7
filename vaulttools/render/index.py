"""Index notes: Due, Contacts, Birthdays, Review, Problems and Dashboard, rendered from
templates (what they see: indexcontext.py) and written.

Rendering is deterministic (stable order, LF, one final newline, no
timestamps beyond the day the content depends on). A note is written only
when its bytes change, and only over a file that carries the marker
`generated_by: vaulttools` in its front matter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import jinja2

from vaulttools.edit.safewrite import replace_file
from vaulttools.errors import VaultError
from vaulttools.model import Problem
from vaulttools.read.notes import front_matter
from vaulttools.read.vault import Vault
from vaulttools.render.indexcontext import (
    IndexContext,
    RenderMemo,
    escape,
    mermaid_month,
    note_link,
)
from vaulttools.render.templates import environment, render, render_unless, variables_used
from vaulttools.render.ticks import DUE_NOTE, due_note_text, marker, read_ticks

if TYPE_CHECKING:
    from vaulttools.render.acting import TickReport

__all__ = ["INDEX_NOTES", "IndexContext", "IndexReport", "RenderMemo", "is_generated",
           "iter_index", "render_index", "write_index"]

MARKER_KEY, MARKER_VALUE = "generated_by", "vaulttools"
INDEX_NOTES = {
    "Due.md": "due.md.j2",
    "Contacts.md": "contacts.md.j2",
    "Birthdays.md": "birthdays.md.j2",
    "Review.md": "review.md.j2",
    "Problems.md": "problems.md.j2",
    "Dashboard.md": "dashboard.md.j2",
}


def normalise(text: str) -> str:
    """LF endings, no trailing spaces, exactly one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def with_index_filters(env: jinja2.Environment) -> jinja2.Environment:
    """`env` with the filters index templates use. link, tick and escape are
    filters as well as functions: a template's filter is called directly, where a
    function goes through the sandbox's checks, a cost in long loops."""
    env.filters.update(mermaid_month=mermaid_month, link=note_link, tick=marker,
                       md_escape=escape)
    return env


def iter_index(
    vault: Vault, today: date, env: jinja2.Environment | None = None,
    memo: RenderMemo | None = None, ticks: TickReport | None = None,
    problems: Sequence[Problem] = (), interrupted: Callable[[], bool] | None = None,
) -> Iterator[tuple[str, str]]:
    """(file name, content) of each index note, Due.md first, rendered one at a time
    so a writer can save the note users look at most before rendering the rest.
    When `interrupted` says yes while a note after Due.md is being worked out, that
    note and the rest are left out.

    Ticked items of Due.md that `ticks` (render/ticks.py) did not act on stay ticked,
    and Problems.md says why; without `ticks`, every ticked item stays ticked."""
    env = with_index_filters(env or environment(vault.settings))
    if ticks is None:
        carried = [tick.text.strip() for tick in read_ticks(due_note_text(vault))[1]]
    else:
        carried = ticks.carried()
    data = IndexContext(vault, today, memo, carried)
    data.more_problems += problems
    for name, template in INDEX_NOTES.items():
        wanted = variables_used(env, template)
        if name == DUE_NOTE or interrupted is None:
            content = render(env, template, **data.values(wanted))
        else:
            # The watcher's "a note changed meanwhile", asked between the values a
            # template needs and as its output grows: a save waits for little.
            values = data.values(wanted, interrupted)
            text = None if values is None else render_unless(env, template, interrupted,
                                                              **values)
            if text is None:
                return
            content = text
        content = normalise(content)
        if name == DUE_NOTE and ticks is not None:
            data.more_problems += ticks.problems(f"{vault.settings.index}/{DUE_NOTE}", content)
        yield name, content


def render_index(
    vault: Vault, today: date, env: jinja2.Environment | None = None
) -> dict[str, str]:
    """Index note file name -> content."""
    return dict(iter_index(vault, today, env))


def is_generated(data: bytes) -> bool:
    """Whether a file carries the `generated_by: vaulttools` marker."""
    try:
        raw = front_matter(data.decode("utf-8"))
    except UnicodeDecodeError:
        return False
    return raw is not None and raw.get(MARKER_KEY) == MARKER_VALUE


@dataclass
class IndexReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[VaultError] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)  # left for the next render

    def as_dict(self) -> dict[str, list[Any]]:
        return {"written": self.written, "unchanged": self.unchanged,
                "refused": [{"path": str(e.path) if e.path else None, "reason": e.reason}
                            for e in self.refused]}


def write_index(vault: Vault, today: date, dry_run: bool = False,
                env: jinja2.Environment | None = None,
                memo: RenderMemo | None = None,
                interrupted: Callable[[], bool] | None = None,
                ticks: TickReport | None = None,
                problems: Sequence[Problem] = ()) -> IndexReport:
    """Write each index note whose bytes changed; never overwrite an unmarked file.

    `interrupted` (the watcher's "a note changed meanwhile") is asked after each
    note: when it says so, the rest are left for the next render (`deferred`),
    which will start at once with Due.md, the note users look at most. `ticks`:
    what acting on Due.md's ticks did, just before (see iter_index).
    """
    report = IndexReport()
    folder = vault.settings.index_dir
    left = list(INDEX_NOTES)
    # Rendered when asked for, so Due.md is written before the rest is worked out.
    for name, content in iter_index(vault, today, env, memo, ticks, problems, interrupted):
        left.remove(name)
        path = folder / name
        relpath = f"{vault.settings.index}/{name}"
        data = content.encode("utf-8")
        try:
            current: bytes | None = path.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            report.refused.append(VaultError(f"cannot read: {exc.strerror}", path))
            continue
        if current == data:
            report.unchanged.append(relpath)
            continue
        if current is not None and not is_generated(current):
            report.refused.append(VaultError(
                f"not written: this file has no '{MARKER_KEY}: {MARKER_VALUE}' in its front "
                "matter, so it is not vaulttools' to overwrite; move or rename it", path))
            continue
        if not dry_run:
            try:
                replace_file(path, data, root=vault.root)
            except VaultError as exc:
                report.refused.append(exc)
                continue
        report.written.append(relpath)
    report.deferred = [f"{vault.settings.index}/{name}" for name in left]
    return report

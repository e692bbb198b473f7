"""What the index templates see: IndexContext, each value worked out when a template
first names it, the per-contact results the watcher keeps between renders
(RenderMemo), and the helpers templates call (links, escapes, Mermaid labels).
"""

from __future__ import annotations

import calendar
import functools
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, overload

from vaulttools.model import Contact, Problem
from vaulttools.read.vault import Vault
from vaulttools.render.ticks import marker
from vaulttools.schedule.agenda import Agenda, AgendaMemo, tally_sentence
from vaulttools.schedule.events import events_ahead
from vaulttools.schedule.introductions import IntroductionGraph
from vaulttools.schedule.matchmaking import Suggestion
from vaulttools.schedule.memo import Memo, kept_for
from vaulttools.schedule.plan import plan
from vaulttools.schedule.review import review
from vaulttools.schedule.standing import Item, Standing
from vaulttools.schedule.stats import month_label, network_stats
from vaulttools.schedule.statuses import TALLY_WORDS

DUE_SECTIONS = (
    ("reminder", "Reminders"),
    ("overdue", "Overdue"),
    ("due", "Due"),
    ("event", "See them at events"),
    ("congratulate", "Congratulate"),
    ("thank", "Thank"),
    ("follow-up", "Follow up"),
    ("promise", "Owed"),
    ("never", "Never contacted"),
    ("retry", "One more try"),
    ("upcoming", "Upcoming"),
    ("birthday", "Birthdays"),
    ("give-space", "Giving space"),
    ("reconnect", "Reconnect"),
)


_MARKDOWN_SPECIAL = re.compile(r"[\\\[\]*_`<>]")


def note_link(contact: Contact) -> str:
    """A link to a contact's note that Obsidian resolves to that note and no other.

    Always by path (`[[People/Jane Doe|Jane Doe]]`): a bare name would resolve
    to another note of the same name anywhere in the vault, and would change
    the day such a note appears. A path or name holding a character a
    wikilink cannot (`#`, `^`, `|`, `[`, `]`) gets a Markdown link with the
    path percent-encoded instead.
    """
    target = contact.relpath[:-3]
    if any(ch in target or ch in contact.name for ch in "#^|[]"):
        label = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), contact.name)
        return f"[{label}]({urllib.parse.quote(contact.relpath)})"
    return f"[[{target}|{contact.name}]]"


def link_maker() -> Callable[[Contact], str]:
    """note_link, remembering each contact's link for the rest of a render."""
    made: dict[int, str] = {}

    def link(contact: Contact) -> str:
        text = made.get(id(contact))
        if text is None:
            text = made[id(contact)] = note_link(contact)
        return text

    return link


def escape(text: str) -> str:
    """Text safe inside a list item: no accidental links, tags or embeds."""
    return text.replace("[[", "\\[\\[").replace("]]", "\\]\\]")


@dataclass
class RenderMemo:
    """Per-contact results a long-lived renderer (the watcher) keeps between renders."""

    agenda: AgendaMemo = field(default_factory=AgendaMemo)
    review: Memo = field(default_factory=Memo)
    stats: Memo = field(default_factory=Memo)
    matching: Memo = field(default_factory=Memo)


class IndexContext:
    """Everything the index templates may use, each value computed when first needed.

    A template is given only the variables it (and what it includes) names, so
    Due.md, rendered first, waits for the due list alone and not for the
    statistics, the review or the birthday calendar.
    """

    NAMES = ("today", "link", "escape", "tick", "carried", "sections", "counts", "summary",
             "tally_words",
             "dormant_more", "groups",
             "contact_count", "birthday_months", "review_items", "review_to_add",
             "unsorted_count", "problems_by_file",
             "problem_count", "month_abbr", "week", "week_overflow", "stats",
             "intro_suggestions", "events", "mermaid_label", "mermaid_introductions")

    def __init__(self, vault: Vault, today: date, memo: RenderMemo | None = None,
                 carried: Sequence[str] = ()) -> None:
        self.vault, self.today, self.memo = vault, today, memo
        self.escape, self.mermaid_label, self.tick = escape, mermaid_label, marker
        self.mermaid_introductions = mermaid_introductions
        # Ticked items of Due.md not acted on, kept ticked; and, for Problems.md, why,
        # with what else the command met (the base left to the user).
        self.carried = list(carried)
        self.more_problems: list[Problem] = []
        self.month_abbr = calendar.month_abbr
        self.tally_words = TALLY_WORDS

    @overload
    def values(self, wanted: Container[str] | None = None) -> dict[str, Any]: ...

    @overload
    def values(self, wanted: Container[str] | None,
               stop: Callable[[], bool]) -> dict[str, Any] | None: ...

    def values(self, wanted: Container[str] | None = None,
               stop: Callable[[], bool] | None = None) -> dict[str, Any] | None:
        """The variables among `wanted` (all of them when None), worked out one at a
        time; None as soon as `stop` says so."""
        found = {}
        for name in self.NAMES:
            if wanted is None or name in wanted:
                if stop is not None and stop():
                    return None
                found[name] = getattr(self, name)
        return found

    @functools.cached_property
    def agenda(self) -> Agenda:
        return self.vault.agenda(self.today, memo=self.memo.agenda if self.memo else None)

    @functools.cached_property
    def items(self) -> list[Item]:
        return self.agenda.shown(include_all=True)

    @functools.cached_property
    def active(self) -> list[Contact]:
        return [c for c in self.vault.contacts if c.status != "archived"]

    @functools.cached_property
    def link(self) -> Callable[[Contact], str]:
        return link_maker()

    @functools.cached_property
    def sections(self) -> list[tuple[str, list[Item]]]:
        by_status: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            by_status[item.status].append(item)
        return [(title, by_status[status]) for status, title in DUE_SECTIONS
                if by_status[status]]

    @functools.cached_property
    def counts(self) -> dict[str, int]:
        """The agenda's tally: the same numbers in every index note, `stats` and `check`."""
        return self.agenda.tally()

    @functools.cached_property
    def summary(self) -> str:
        return tally_sentence(self.counts)

    @functools.cached_property
    def dormant_more(self) -> int:
        return self.agenda.dormant_not_suggested

    @functools.cached_property
    def groups(self) -> list[tuple[str, list[Standing]]]:
        groups: dict[str, list[Standing]] = defaultdict(list)
        for standing in self.agenda.standings:
            if standing.contact.status == "archived":
                continue
            for group in standing.contact.groups or ["(no group)"]:
                groups[group.lower() if group != "(no group)" else group].append(standing)
        return sorted(groups.items(), key=lambda g: (g[0] == "(no group)", g[0]))

    @functools.cached_property
    def contact_count(self) -> int:
        return self.counts["contacts"]

    @functools.cached_property
    def birthday_months(self) -> list[tuple[str, list[tuple[int, str, Contact, Any]]]]:
        months: dict[int, list[tuple[int, str, Contact, Any]]] = defaultdict(list)
        for contact in self.active:
            dates = [("birthday", contact.birthday)] if contact.birthday else []
            for label, yearly in [*dates, *sorted(contact.anniversaries.items())]:
                if yearly is not None:
                    months[yearly.month].append((yearly.day, label, contact, yearly))
        return [
            (calendar.month_name[m],
             sorted(months[m], key=lambda e: (e[0], e[2].name.casefold(), e[1])))
            for m in range(1, 13) if months[m]
        ]

    @functools.cached_property
    def _week(self) -> tuple[list[Any], list[Any]]:
        settings = self.vault.settings
        return plan(self.agenda, settings.per_day, plan_days=settings.plan_days)

    @functools.cached_property
    def week(self) -> list[Any]:
        return self._week[0]

    @functools.cached_property
    def week_overflow(self) -> list[Any]:
        return self._week[1]

    @functools.cached_property
    def review_items(self) -> list[Any]:
        return review(self.vault.contacts, self.vault.settings, self.today,
                      self.agenda.standing_of, self.memo.review if self.memo else None,
                      mentions_of=self.vault.mentions_of)

    @property
    def unsorted_count(self) -> int:
        """Imported contacts waiting for a group."""
        return self.agenda.unsorted

    @functools.cached_property
    def review_to_add(self) -> list[tuple[str, Any]]:
        """(name as linked, ToAdd): people the daily notes keep linking, with no note."""
        return self.vault.people_to_add(self.today)

    @functools.cached_property
    def problems_by_file(self) -> list[tuple[str, list[Problem]]]:
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for problem in [*self.vault.problems, *self.more_problems]:
            by_file[problem.path].append(problem)
        return sorted(by_file.items())

    @functools.cached_property
    def problem_count(self) -> int:
        return len(self.vault.problems) + len(self.more_problems)

    @functools.cached_property
    def events(self) -> list[tuple[str, date, list[Contact]]]:
        return events_ahead(self.agenda.items)

    @functools.cached_property
    def intro_suggestions(self) -> list[Suggestion]:
        return self.vault.intro_suggestions(limit=3,
                                            memo=self.memo.matching if self.memo else None)

    @functools.cached_property
    def stats(self) -> Any:
        memo = kept_for(self.memo.stats, self.vault.mentions) if self.memo else None
        return network_stats(self.vault.contacts, self.vault.settings, self.agenda,
                             self.vault.mentions_of, memo)


def mermaid_label(text: str) -> str:
    """A quoted Mermaid pie label: no double quotes or line breaks inside."""
    return '"' + " ".join(text.replace('"', "'").split()) + '"'


def mermaid_introductions(graph: IntroductionGraph) -> list[str]:
    """The lines of a Mermaid flowchart of the introductions: a node for each person,
    `A -->|introduced you to| B` for those made to you, `A ---|you introduced| B` for
    yours."""
    ids = {id(c): f"n{n}" for n, c in enumerate(graph.people)}
    lines = [f"    {ids[id(c)]}[{mermaid_label(c.name)}]" for c in graph.people]
    lines += [f"    {ids[id(a)]} -->|introduced you to| {ids[id(b)]}"
              for a, b, _ in graph.to_you]
    lines += [f"    {ids[id(a)]} ---|you introduced| {ids[id(b)]}" for a, b, _ in graph.by_you]
    return lines


def mermaid_month(month: str) -> str:
    """`"2026-11"` -> `"Nov 2026"` as a quoted xychart axis label."""
    return f'"{month_label(month)}"'

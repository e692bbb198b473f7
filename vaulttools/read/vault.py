"""A loaded vault: settings, contacts, daily-note mentions and problems, with
name lookup, filters and where each contact stands.

read/load.py's `load_vault(root)` builds one and never writes; edit/api.py
changes the notes it came from.
"""

from __future__ import annotations

import difflib
import re
import urllib.parse
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from vaulttools.config import Settings
from vaulttools.errors import (
    ContactLookupError,
    NoteError,
    UnknownContact,
    UnknownFilter,
    VaultError,
)
from vaulttools.model import CHANNELS, FIELDS, Contact, Mention, Problem
from vaulttools.names import fold
from vaulttools.read.lookup import resolve
from vaulttools.schedule.agenda import Agenda, mentions_for, schedule
from vaulttools.schedule.matchmaking import Suggestion, suggest_introductions
from vaulttools.schedule.memo import Memo
from vaulttools.schedule.standing import Item, Standing
from vaulttools.schedule.standing import standing as standing_on

if TYPE_CHECKING:
    from vaulttools.schedule.review import ReviewItem, ToAdd


# How people write several names as one: `Ana, Ben and Chen`, `Ana & Ben`.
_LIST_OF_NAMES = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


@dataclass
class Vault:
    """Everything read from one vault: the library's entry point (see load_vault)."""

    settings: Settings
    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    # What agenda() keeps between calls when given no memo: for whoever asks a vault
    # built from the same contacts for agendas again and again (cli/ahead.py).
    memo: Memo | None = field(default=None, repr=False, compare=False)

    @property
    def root(self) -> Path:
        return self.settings.root

    def find(self, name: str) -> Contact:
        """The contact `name` identifies; UnknownContact or AmbiguousContact otherwise.

        When the name is that of a note that failed to load, the error says why.
        """
        try:
            return resolve(name, self.contacts)
        except UnknownContact:
            wanted = fold(name)
            for problem in self.errors:
                stem = problem.path.rsplit("/", 1)[-1].removesuffix(".md")
                if fold(stem) == wanted:
                    raise NoteError(f"this note cannot be read: {problem.message}; fix it "
                                    "first", self.root / problem.path, problem.line) from None
            raise

    def find_all(self, names: Sequence[str]) -> list[Contact]:
        """The contacts `names` identify, each once, in the order given; when any name
        finds nobody (or several), one error naming every such name, so a command
        that changes several notes changes none."""
        found: dict[int, Contact] = {}
        failed: list[VaultError] = []
        for name in names:
            try:
                contact = self.find(name)
            except VaultError as exc:
                failed.append(exc)
                continue
            found.setdefault(id(contact), contact)
        if len(failed) == 1:
            raise failed[0]
        if failed:
            error = ContactLookupError(f"{len(failed)} of the names find no one contact: "
                                       + "; ".join(str(exc) for exc in failed))
            error.exit_code = max(exc.exit_code for exc in failed)
            raise error
        return list(found.values())

    def find_people(self, names: Sequence[str]) -> list[Contact]:
        """The contacts `names` identify, as find_all; a single name that matches no one
        but reads as a list (`Ana, Ben and Chen`, `Ana & Ben`) is those people."""
        if len(names) == 1 and _LIST_OF_NAMES.search(names[0]):
            try:
                return [self.find(names[0])]
            except UnknownContact:
                parts = [p for p in _LIST_OF_NAMES.split(names[0]) if p.strip()]
                return self.find_all(parts)
        return self.find_all(names)

    def obsidian_uri(self, relpath: str) -> str | None:
        """`obsidian://open?vault=...&file=...`, which opens the note in Obsidian; None
        when the vault is no Obsidian vault (no `.obsidian/`). Obsidian knows a vault by
        its folder's name."""
        if not (self.root / ".obsidian").is_dir():
            return None
        vault, note = (urllib.parse.quote(text, safe="")
                       for text in (self.root.name, relpath.removesuffix(".md")))
        return f"obsidian://open?vault={vault}&file={note}"

    def known_channels(self) -> frozenset[str]:
        """The channels `log --via` takes without asking: model.CHANNELS, the config's
        `channels` and the other channel settings, and every one the logs use."""
        settings = self.settings
        used = {entry.channel for contact in self.contacts for entry in contact.interactions}
        return frozenset({*CHANNELS, *settings.channels, *settings.follow_up_after,
                          *settings.in_person_channels, *used})

    def agenda(self, today: date, days: int | None = None, memo: Memo | None = None) -> Agenda:
        """Every contact's standing on `today` and the due items (see schedule.py)."""
        return schedule(self.contacts, self.settings, today, self.mentions, days,
                        memo if memo is not None else self.memo)

    def mentions_of(self, contact: Contact) -> list[Mention]:
        """The daily- and meeting-note mentions of one contact, oldest first."""
        return mentions_for(contact, self.mentions)

    def standing(self, contact: Contact, today: date) -> Standing:
        """Where one contact stands on `today`, without scheduling everyone else."""
        return standing_on(contact, self.settings, today, self.mentions_of(contact))

    def review(self, today: date, names: Sequence[str] = (), group: str | None = None,
               tag: str | None = None, unsorted: bool = False,
               agenda: Agenda | None = None) -> list[ReviewItem]:
        """The review list (schedule/review.py) on `today`: of the contacts `names`
        name (each looked at, sorted or not), else of those in `group` or with `tag`,
        else of everyone; `unsorted` gives the imported contacts waiting for a group."""
        from vaulttools.schedule.review import review

        agenda = agenda or self.agenda(today)
        if names:
            contacts = self.find_all(names)
        elif group or tag:
            contacts = self.select(group, tag)
        else:
            contacts = self.contacts
        return review(contacts, self.settings, today, agenda.standing_of,
                      unsorted=None if names else unsorted, mentions_of=self.mentions_of)

    def due_for_review(self, today: date, group: str | None = None,
                       tag: str | None = None) -> list[Contact]:
        """Who on the review list (in `group`, with `tag`) is due to be reviewed: what
        `review --done` marks, leaving alone a contact reviewed within `review_every`
        that is listed only for something missing."""
        from vaulttools.schedule.review import due_for_review

        return [item.contact for item in self.review(today, group=group, tag=tag)
                if due_for_review(item.contact, self.settings, today)]

    def people_to_add(self, today: date) -> list[tuple[str, ToAdd]]:
        """Who the daily notes keep linking without a note of their own (review's
        "add?"), each with the name as the newest daily note writes it."""
        from vaulttools.read.scan import walk_notes
        from vaulttools.schedule.review import people_to_add

        contact_keys = {key for contact in self.contacts for key in contact.keys}
        candidates = people_to_add(self.mentions, contact_keys, today)
        if not candidates:
            return []
        # A link to any other note (a project, a book) is not a person to add.
        skip = {str(self.settings.index_dir)}
        stems = {fold(Path(path).stem) for path in walk_notes(self.root, self.root, skip, [])}
        found = []
        for add in candidates:
            if add.key in stems:
                continue
            newest = max(self.mentions[add.key], key=lambda m: m.day)
            found.append((self._link_text(newest.relpath, add.key), add))
        return found

    def _link_text(self, relpath: str, key: str) -> str:
        from vaulttools.read.mentions import mentioned_links

        try:
            text = (self.root / relpath).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return key
        return mentioned_links(text).get(key, key)

    def items_for(self, contact: Contact, today: date) -> list[Item]:
        """What this one contact puts on the day's list (due, birthday, follow-up,
        promises...), most urgent first."""
        return schedule([contact], self.settings, today, self.mentions).items

    def select(
        self, group: str | None = None, tag: str | None = None, status: str | None = None,
        *, company: str | None = None, location: str | None = None,
        standings: Collection[str] = (), agenda: Agenda | None = None,
    ) -> list[Contact]:
        """Contacts filtered by group, tag, status, company, location and standing;
        every filter given must hold.

        `status` is the note's own (`all` for every one); with none, archived
        contacts are left out, as a user expects of a list (unless `standings`
        asks for them). `company` and `location` match a part of the field,
        ignoring case and accents (`berlin` finds "Berlin, Germany"). `standings`
        are where contacts stand today (schedule/agenda.py's TALLY_STATUSES, or
        "archived"), as `agenda` has them. A group, tag, company or location that
        no contact has is an UnknownFilter naming the nearest ones, not an empty list.
        """
        if group:
            self._known("group", group, [g for c in self.contacts for g in c.groups],
                        self.settings.groups)
        if tag:
            self._known("tag", tag.lstrip("#"), [t for c in self.contacts for t in c.tags])
        parts = {"company": company, "location": location}
        for what, wanted in parts.items():
            if wanted:
                self._known_part(what, wanted, [getattr(c, what) or "" for c in self.contacts])
        if standings and agenda is None:
            raise ValueError("filtering by standing needs the agenda")
        with_archived = status is None and "archived" in standings
        chosen = []
        for contact in self.contacts:
            if group and fold(group) not in {fold(g) for g in contact.groups}:
                continue
            if tag and fold(tag.lstrip("#")) not in {fold(t) for t in contact.tags}:
                continue
            if status is None and contact.status == "archived" and not with_archived:
                continue
            if status not in (None, "all") and contact.status != status:
                continue
            if any(wanted and fold(wanted) not in fold(getattr(contact, what) or "")
                   for what, wanted in parts.items()):
                continue
            if standings and agenda is not None:
                now = agenda.standing_of(contact)
                if now is None or now.status not in standings:
                    continue
            chosen.append(contact)
        return sorted(chosen, key=lambda c: c.sort_key)

    def near(self, place: str, today: date) -> list[Standing]:
        """The contacts in a place (a part of `location`, any case or accents: `berlin`
        finds "Berlin, Germany"), the most due first: whom to see on a trip."""
        chosen = self.select(location=place)
        agenda = self.agenda(today)
        found = [s for c in chosen if (s := agenda.standing_of(c)) is not None]
        return sorted(found, key=lambda s: (-s.score, s.contact.sort_key))

    def intro_suggestions(self, limit: int = 5, memo: Memo | None = None) -> list[Suggestion]:
        """Introductions worth making, best first (schedule/matchmaking.py)."""
        return suggest_introductions(self.contacts, self.settings, limit, memo)

    def _known_part(self, what: str, wanted: str, values: Iterable[str]) -> None:
        """Like _known, for a filter that matches a part of the value: the nearest
        values are those with a word close to what was asked."""
        folded = fold(wanted)
        present = {fold(value): value for value in values if value}
        if any(folded in value for value in present):
            return
        words = {word: value for key, value in present.items() for word in key.split()}
        close = difflib.get_close_matches(folded, [*present, *words], n=6, cutoff=0.6)
        near = list(dict.fromkeys(present.get(c) or words[c] for c in close))[:3]
        plural = {"company": "companies"}.get(what, what + "s")
        hint = (f"; did you mean {' or '.join(repr(n) for n in near)}?" if near
                else f"; the {plural} are: {', '.join(sorted(set(present.values()))[:20])}"
                if present else f"; no contact has a {what} yet")
        raise UnknownFilter(f"no contact has the {what} {wanted!r}{hint}")

    @staticmethod
    def _known(what: str, wanted: str, *known: Iterable[str]) -> None:
        names = {fold(name): name for names in known for name in names}
        if fold(wanted) in names:
            return
        close = difflib.get_close_matches(fold(wanted), list(names), n=3, cutoff=0.6)
        hint = (f"; did you mean {' or '.join(repr(names[c]) for c in close)}?" if close
                else f"; the {what}s are: {', '.join(sorted(set(names.values()))[:20])}"
                if names else f"; no contact has a {what} yet")
        raise UnknownFilter(f"no contact has the {what} {wanted!r}{hint}")

    def future_dates(self, today: date) -> list[Problem]:
        """A warning on every note dating what has happened (`last_contact`, `met`,
        `reviewed`) after `today`: most likely a typo (2062 for 2026), and a future
        last contact keeps a strong tie off the due list until then."""
        found = []
        for contact in self.contacts:
            for spec in FIELDS:
                day = getattr(contact, spec.name) if spec.past else None
                if day is not None and day > today:
                    found.append(Problem(contact.relpath, 1, "warning", (
                        f"{spec.keys[0]}: {day.isoformat()} is in the future: a typo? "
                        + ("until then this contact is never due" if spec.name ==
                           "last_contact" else "it records what has happened"))))
        return found

    def name_collisions(self) -> list[Problem]:
        """A warning on every note whose path another note's matches but for case or
        Unicode form (`ann.md`, `Ann.md`; NFC and NFD `Zoë.md`): on macOS and Windows
        they are one file, so the vault cannot be copied or synced there whole."""
        import unicodedata
        from collections import defaultdict

        same: dict[str, list[str]] = defaultdict(list)
        for contact in self.contacts:
            same[unicodedata.normalize("NFC", contact.relpath).casefold()].append(
                contact.relpath)
        return [Problem(path, 1, "warning", (
            f"same name as {', '.join(o for o in paths if o != path)} but for case or "
            "accents' form: one file on macOS and Windows; rename one"))
            for paths in same.values() if len(paths) > 1 for path in paths]

    def uid_clashes(self) -> list[Problem]:
        """A warning on every note whose `uid` another note has too (a copied note):
        exports would give two contacts one identity, and imports could match either.
        Asked by `check` only: a uid is a detail a warm load does not decode."""
        from collections import defaultdict

        from vaulttools.identity import normalise_uid

        holders: dict[str, list[Contact]] = defaultdict(list)
        for contact in self.contacts:
            uid = normalise_uid(contact.uid)
            if uid:
                holders[uid].append(contact)
        found = []
        for same in holders.values():
            for contact in same if len(same) > 1 else ():
                others = ", ".join(o.relpath for o in same if o is not contact)
                found.append(Problem(contact.relpath, 1, "warning", (
                    f"same uid as {others}: a copy? give one of them a new uid "
                    "(remove its `uid` and run vaulttools uid --add)")))
        return found

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

"""The key map's shortcut (a note with nothing to map is passed through as it is)
answers to the full mapping: the same contact, field by field, for generated front
matter, and the same problems."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.read.fields import build_contact
from vaulttools.read.keys import KeyMap

KEYS = st.sampled_from(["name", "email", "emails", "E-mail", "EMAIL[HOME]", "phone",
                        "Phone Number", "company", "Company", "title", "Position", "tags",
                        "CATEGORIES", "birthday", "BDAY", "first_name", "last_name", "N.GN",
                        "N.FN", "source", "Custom Key", "contacts", "group", "Group"])
VALUES = st.one_of(st.text(max_size=8), st.integers(0, 10**11),
                   st.lists(st.text(max_size=5), max_size=2), st.none())


def read(raw: dict[str, object], keymap: KeyMap) -> tuple[dict[str, object], list[object]]:
    problems: list[object] = []
    contact = build_contact(dict(raw), Path("/v/People/Ann.md"), "People/Ann.md",
                            lambda: {}, lambda *p: problems.append(p), keymap)
    return contact.as_dict(), sorted(problems, key=repr)


@settings(max_examples=500)
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_the_shortcut_gives_what_the_full_mapping_gives(raw: dict[str, object]) -> None:
    full = KeyMap({"uid": ["no.such.path"]})  # a nested path: never the shortcut
    assert read(raw, KeyMap()) == read(raw, full)

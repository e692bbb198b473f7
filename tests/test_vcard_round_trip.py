"""Export then import gives the same contacts back, field by field (#28).

A property test: generated contacts, with commas, semicolons, backslashes,
colons and line breaks in their text and every status, go through
`export vcard` (4.0 and 3.0) and `import vcard` into an empty vault, and
every field the docs say a card carries comes back as it was.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vaulttools.edit.api import Editor
from vaulttools.io.importer import apply_plan, plan_import
from vaulttools.io.vcard import card_to_person, parse_cards, write_vcards
from vaulttools.read.load import load_vault
from vaulttools.read.yaml.values import flow_list, flow_mapping, scalar

from conftest import write_vault

TODAY = date(2026, 11, 21)
CARRIED = ("name", "aliases", "groups", "tags", "company", "title", "emails", "phones",
           "linkedin", "location", "birthday", "anniversaries", "status", "uid")
WORD = st.text("abcdefghijklmnopqrstuvwxyzéß0123456789", min_size=1, max_size=8)
# Text as people type it into a field: punctuation vCard escapes, and line breaks.
TEXT = st.text(st.sampled_from(list("abcXYZ éü0129-.,;:\\/&'\"()\n")), min_size=1,
               max_size=24).map(str.strip).filter(bool)
NAME = st.lists(st.text("AbcdeFghJklmnoÉü", min_size=2, max_size=8), min_size=1,
                max_size=3).map(" ".join)
YEARLY = st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}",
                   st.sampled_from([0, 1960, 1985, 2001]), st.integers(1, 12),
                   st.integers(1, 28))
CONTACT = st.fixed_dictionaries({
    "name": NAME,
    "aliases": st.lists(TEXT.filter(lambda t: "\n" not in t), max_size=2, unique=True),
    "group": st.lists(WORD, max_size=2, unique=True),
    "tags": st.lists(WORD, max_size=2, unique=True),
    "company": TEXT, "title": TEXT, "location": TEXT,
    "email": st.lists(WORD.map(lambda w: f"{w}@example.org"), max_size=2, unique=True),
    "phone": st.lists(st.sampled_from(["+44 20 7946 0000", "07700900456", "+1 (555) 010"]),
                      max_size=2, unique=True),
    "linkedin": st.sampled_from(["", "https://www.linkedin.com/in/ann-lee"]),
    "birthday": st.one_of(st.just(""), YEARLY),
    "anniversaries": st.dictionaries(st.sampled_from(["anniversary", "First day",
                                                      "Wedding, again"]), YEARLY,
                                     max_size=2),
    "status": st.sampled_from(["active", "paused", "archived"]),
    "uid": st.uuids().map(str),
})


def _note(fields: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if value in ("", [], {}):
            continue
        if isinstance(value, list):
            lines.append(f"{key}: {flow_list(value)}")
        elif isinstance(value, dict):
            lines.append(f"{key}: {flow_mapping(value)}")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join([*lines, "---", ""])


def _carried(contact: Any) -> dict[str, Any]:
    data = contact.as_dict()
    return {key: data[key] for key in CARRIED if key in data} | {
        "tags": [t for t in contact.tags if t != "vcard"]}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=CONTACT, version=st.sampled_from(["4.0", "3.0"]))
@example(fields={"name": "Pat Doe", "aliases": [], "group": ["peer"], "tags": [],
                 "company": "Acme, Inc.", "title": "Head of R&D\nand ops", "location": "a\\,b",
                 "email": [], "phone": [], "linkedin": "", "birthday": "",
                 "anniversaries": {"Wedding, again": "--06-01"}, "status": "paused",
                 "uid": "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"}, version="3.0")
def test_export_then_import_gives_every_field_back(fields: dict[str, Any],
                                                   version: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = write_vault(Path(folder) / "source", {"Pat.md": _note(fields)})
        [contact] = load_vault(source, use_cache=False).contacts
        assert not [p for p in load_vault(source, use_cache=False).problems
                    if p.severity == "error"]
        text = write_vcards([contact], version)
        cards, problems = parse_cards(text, "x.vcf")
        assert problems == []
        people = [card_to_person(card, "x.vcf") for card in cards]
        target = write_vault(Path(folder) / "target", {})
        vault = load_vault(target, use_cache=False)
        with Editor(vault).writing():
            plan = plan_import(vault, [p for p in people if p], "vcard", TODAY)
            assert apply_plan(plan) == []
        [back] = load_vault(target, use_cache=False).contacts
        assert _carried(back) == _carried(contact)

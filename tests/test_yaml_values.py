"""Values vaulttools writes read back as the same text in every YAML reader.

Obsidian reads front matter as YAML 1.2; PyYAML and many plugins and scripts
as YAML 1.1. A phone `07700900456` written plain is the number 7700900456 to
the first, `NO` is False to the second. The property tests write generated
strings the way every edit does (a scalar, a flow-list item, a mapping value)
and read them back with PyYAML, ruamel.yaml (1.2) and vaulttools' own loader.
"""

from __future__ import annotations

import io
import string
from datetime import date
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from vaulttools.read.yaml.strict import load_front_matter
from vaulttools.read.yaml.values import flow_list, flow_mapping, scalar

from conftest import Run, write_vault

YAML12 = YAML(typ="safe", pure=True)

# Text that looks like numbers, booleans, times and dates, as well as any text.
NUMBERISH = st.text(alphabet="0123456789+-._:eEoxXbBaAfFinN ", min_size=1, max_size=12)
WORDISH = st.sampled_from(["NO", "no", "Yes", "on", "OFF", "y", "N", "null", "Null", "~",
                           "true", "FALSE", ".inf", "-.Inf", ".NaN", "=", "<<", "2026-11-21",
                           "2026-11-21T10:00", "12:30", "1:20:30", "0x1F", "0o17", "0b101",
                           "1_000", "1e5", "+1", "07700900456", "+44 20 7946 0018"])
TEXT = st.one_of(NUMBERISH, WORDISH, st.text(min_size=1, max_size=20),
                 st.text(alphabet=string.printable, min_size=1, max_size=20))


def every_reader(document: str) -> list[object]:
    return [yaml.safe_load(document)["k"], YAML12.load(io.StringIO(document))["k"],
            load_front_matter(document)["k"]]


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_a_written_scalar_reads_back_as_the_same_text_everywhere(text: str) -> None:
    assert every_reader(f"k: {scalar(text)}\n") == [text] * 3


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_written_list_items_read_back_as_the_same_text_everywhere(items: list[str]) -> None:
    assert every_reader(f"k: {flow_list(items)}\n") == [items] * 3


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(TEXT, TEXT, min_size=1, max_size=3))
def test_written_mappings_read_back_as_the_same_text_everywhere(
        mapping: dict[str, str]) -> None:
    document = f"k: {flow_mapping(mapping)}\n"
    for read in every_reader(document):
        assert isinstance(read, dict)
        # A yearly date in a mapping stays a plain date: the value every reader
        # gives is that date, and its text is what was written.
        assert {str(k): (v.isoformat() if isinstance(v, date) else v)
                for k, v in read.items()} == mapping


def test_a_date_is_written_as_a_date() -> None:
    assert scalar(date(2026, 3, 9)) == "2026-03-09"
    assert scalar("2026-03-09") == '"2026-03-09"'  # text that looks like a date


def test_an_import_writes_values_every_reader_reads_as_text(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {})
    export = tmp_path / "google.csv"
    export.write_text(
        "First Name,Last Name,Organization Name,Organization Title,Birthday,Labels,"
        "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"
        "Jo,Bloggs,1e5,NO,1990-02-03,* myContacts,Mobile,07700900456,Home,12:30\n",
        encoding="utf-8")
    result = run("--vault", str(vault), "--today", "2026-11-21", "import", "google", str(export))
    assert result.exit_code == 0, result.output
    text = (vault / "People" / "Jo Bloggs.md").read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    for read in (yaml.safe_load(front), YAML12.load(io.StringIO(front))):
        assert read["company"] == "1e5" and read["title"] == "NO"
        assert read["phone"] == ["07700900456", "12:30"]
        assert read["birthday"] == date(1990, 2, 3)
    assert "birthday: 1990-02-03\n" in text


def test_what_is_escaped_is_every_character_yaml_does_not_allow_plain() -> None:
    """The class of characters written `\\uXXXX` is the complement of what YAML 1.2
    allows in a document (spec 5.1), less the YAML 1.1 breaks, over every code point."""
    import re

    from vaulttools.read.yaml.values import _NOT_PRINTABLE

    allowed = re.compile(
        "[\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    differ = [hex(n) for n in range(0x110000)
              if bool(_NOT_PRINTABLE.match(chr(n))) == bool(allowed.match(chr(n)))]
    assert differ == []

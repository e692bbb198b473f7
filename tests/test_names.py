"""Names as people write them: folding for matching, display width for tables."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.names import fold


def reference_fold(text: str) -> str:
    """The definition: NFKD, drop every combining mark, casefold, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


@given(st.text(max_size=30))
def test_fold_is_its_definition(text: str) -> None:
    assert fold(text) == reference_fold(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x3FF), max_size=30))
def test_fold_is_its_definition_for_latin_and_marks(text: str) -> None:
    assert fold(text) == reference_fold(text)


def test_accents_case_and_normal_forms_fold_alike() -> None:
    assert fold("Zoë  Müller") == fold("zoe muller") == fold("ZOË MÜLLER") == "zoe muller"
    assert fold("Ångström") == "angstrom" and fold("王小明") == "王小明"


def test_tables_align_by_display_width() -> None:
    """Columns line up in a terminal: accents (either normal form) take one column,
    wide CJK characters two."""
    from vaulttools.cli.textout import table

    text = table(["STATUS", "NAME", "WHY"], [
        ["due", "Zoë Müller", "a"], ["overdue", "Zoe\u0308 Mu\u0308ller", "b"],
        ["ok", "王小明", "c"], ["never", "Al", ""]])
    lines = text.split("\n")
    assert lines[0] == "STATUS   NAME        WHY"
    assert lines[1] == "due      Zoë Müller  a"
    assert lines[2] == "overdue  Zoe\u0308 Mu\u0308ller  b"
    assert lines[3] == "ok       王小明      c"
    assert lines[4] == "never    Al"


@pytest.mark.parametrize("name", [
    "👩\u200d💻 Dev",      # a ZWJ sequence: one emoji, two columns
    "👍🏽 Bo",             # a skin-tone modifier
    "A\u200bnn",          # a zero-width space
    "🇬🇧 Ann",            # a flag
    "山田 太郎",
])
def test_emoji_and_cjk_names_align(name: str) -> None:
    import wcwidth

    from vaulttools.cli.textout import table

    lines = table(["NAME", "WHY"], [[name, "x"], ["Al", "y"]]).split("\n")
    columns = [wcwidth.wcswidth(line[: line.rindex(" ") + 1]) for line in lines[1:]]
    assert columns[0] == columns[1], lines


def _plain_table(headers: list[str], rows: list[list[str]]) -> str:
    """The reference layout: every cell measured by display width, no fast path."""
    from vaulttools.cli.textout import pad, width

    texts = [headers, *rows]
    columns = [max(width(row[i]) for row in texts) for i in range(len(headers) - 1)]
    return "\n".join("  ".join([*(pad(cell, columns[i]) for i, cell in enumerate(row[:-1])),
                               row[-1]]).rstrip() for row in texts)


CELLS = st.lists(st.sampled_from(["a", "B", " ", "é", "王", "👍🏽", "-", "\u200b"]),
                 max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=6))
def test_the_ascii_fast_path_lays_out_as_the_plain_measure(rows: list[list[str]]) -> None:
    from vaulttools.cli.textout import table

    assert table(["A", "BB", "C"], rows) == _plain_table(["A", "BB", "C"], rows)


def test_a_contact_is_reached_at_its_handles_however_the_note_writes_them() -> None:
    from vaulttools.model import Contact

    contact = Contact(name="Ann Lee", path=Path("/v/People/Ann Lee.md"),
                      relpath="People/Ann Lee.md",
                      emails=["<Ann@Acme.Example>", " ann.lee@home.example ", "not an address"],
                      linkedin="linkedin.com/in/Ann-Lee/?trk=public")
    assert contact.addresses == frozenset({"ann@acme.example", "ann.lee@home.example",
                                           "https://www.linkedin.com/in/ann-lee"})
    assert Contact(name="Bo", path=Path("/v/Bo.md"), relpath="Bo.md",
                   linkedin="https://example.com/in/bo").addresses == frozenset()

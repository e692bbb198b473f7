"""Name folding: what `fold` promises, for any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
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

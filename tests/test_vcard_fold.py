"""io/vcard.fold_line answers to the plain fold it replaced, and to vobject."""

from __future__ import annotations

import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.io.vcard import _escape, fold_line


def reference_fold(line: str) -> str:
    """The first fold_line: re-encodes the line so far for every character."""
    out: list[str] = []
    current = ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out) + "\r\n"


letters = st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                    st.sampled_from(list("aé€😀 ")))
# Short lines, and lines long enough to fold twice or more.
lines = st.text(letters, max_size=80) | st.text(letters, min_size=150, max_size=400)


@settings(max_examples=500, deadline=None)
@given(lines)
def test_fold_is_the_plain_fold(line: str) -> None:
    assert fold_line(line) == reference_fold(line)


@settings(max_examples=200, deadline=None)
@given(lines)
def test_every_folded_line_fits_and_vobject_unfolds_it(line: str) -> None:
    folded = fold_line("NOTE:" + _escape(line))
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    card = vobject.readOne("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n" + folded + "END:VCARD\r\n")
    assert card.note.value == line


def test_a_line_of_exactly_75_octets_is_not_folded() -> None:
    assert fold_line("x" * 75) == "x" * 75 + "\r\n"
    assert fold_line("x" * 76) == "x" * 75 + "\r\n x\r\n"
    assert fold_line("é" * 38) == "é" * 37 + "\r\n é\r\n"  # 76 octets: no half letter
    # A continuation holds 74 more: its leading space is the 75th octet.
    assert fold_line("x" * 200) == "x" * 75 + "\r\n " + "x" * 74 + "\r\n " + "x" * 51 + "\r\n"

"""The fast front-matter reader answers exactly as PyYAML would, or declines."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaulttools.read.yaml.fast import fast_load
from vaulttools.read.yaml.strict import FrontMatterError, load_front_matter, pyyaml_load

TOKENS = ["a", "Jane Doe", "2026-09-14", "3m", "--03-02", "+44 20 7946", "01234", "1.10",
          "12:30", "NO", "yes", "true", "False", "null", "~", "", "-5", "-", "- x", "a: b",
          "a:b", "#", " # c", "[", "]", "[a, b]", "[ a ,b ]", "[]", "{a: 1}", '"q"',
          '"a # b"', "'it''s'", "'x'", '"esc\\"', "https://x.example/in/y?trk=1", "C#",
          "é", "[[Bob]]", '"[[Bob]]"', "a [b]", "&anchor", "*ref", "!tag", "|", ">", "%", "@",
          "`x`", "?", ":", ",", "a,b", "  ", "\t", "x\r", "0", "00", "123456789012345678901",
          "C# dev", "a#b", "a #b", "x  #  y", "#hash"]
KEYS = ["name", "group", "tags", "true", "null", "my key", "a", "a", "_x", "x-y", "1"]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["scalar", "flow", "block", "comment", "blank", "indent"]))
        key = draw(st.sampled_from(KEYS))
        if kind == "scalar":
            value = draw(st.sampled_from(TOKENS))
            comment = draw(st.sampled_from(["", " # note", "#x"]))
            lines.append(f"{key}: {value}{comment}".rstrip() if draw(st.booleans()) else
                         f"{key}:{value}")
        elif kind == "flow":
            items = draw(st.lists(st.sampled_from(TOKENS), max_size=3))
            lines.append(f"{key}: [{', '.join(items)}]")
        elif kind == "block":
            indent = draw(st.sampled_from(["", "  ", "    "]))
            lines.append(f"{key}:")
            for item in draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=3)):
                lines.append(f"{indent}- {item}")
        elif kind == "comment":
            lines.append(draw(st.sampled_from(["# c", "  # c", "#"])))
        elif kind == "blank":
            lines.append("")
        else:
            lines.append(f"  {draw(st.sampled_from(TOKENS))}")
    return "\n".join(lines) + ("\n" if draw(st.booleans()) else "")


@settings(max_examples=1500, deadline=None)
@given(front_matter())
def test_fast_reader_agrees_with_pyyaml_whenever_it_answers(text: str) -> None:
    """The differential test: the fast path against PyYAML itself, never against the
    public function (which prefers the fast path and would compare it with itself)."""
    fast = fast_load(text)
    if fast is None:
        return
    try:
        slow = pyyaml_load(text)
    except FrontMatterError as exc:
        raise AssertionError(f"the fast path read {fast!r} where PyYAML says {exc}") from None
    assert fast == (slow or {}), text
    assert [type(v) for v in fast.values()] == [type(v) for v in (slow or {}).values()]


@pytest.mark.parametrize("text", [
    "name: Jane Doe   # the display name\ntags: [ai, climate]\nphone: \"+44 20\"\n",
    "tags:\n  - ai\n  - climate\nstatus: active\n",
    "tags:\n- ai\n- 'it''s'\n",
    "snooze_until:\ncompany: # fill me\n",
    "birthday: --03-02\nzip: 01234\nversion: 1.10\nmeeting: 12:30\nnorway: NO\ncount: 42\n",
    "title: C# dev\nnote: a #comment\n",
])
def test_common_shapes_take_the_fast_path(text: str) -> None:
    fast = fast_load(text)
    assert fast is not None
    assert fast == pyyaml_load(text) == load_front_matter(text)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n", "anniversaries:\n  work: 2019-05-10\n", "title: Head of\n  Engineering\n",
    "a: &x 1\nb: *x\n", "a: \"esc\\n\"\n", "note: |\n  text\n", "met_via: [[Bob]]\n",
    "true: 1\n", "a:\tb\n",
])
def test_anything_else_declines(text: str) -> None:
    assert fast_load(text) is None
    with contextlib.suppress(FrontMatterError):  # PyYAML decides: a value or a clear error
        load_front_matter(text)

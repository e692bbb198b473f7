"""The fast path of reading mail (capture/mailscan.py) answers to the standard library:
`read_mail(..., reference=True)` splits with mailbox.mbox and reads headers with the
email parser and getaddresses; the fast path must give the same messages, skips and
problems, on the fixtures and on generated mboxes, whatever the chunk size."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vaulttools.capture import mail, mailscan
from vaulttools.capture.mail import read_mail
from vaulttools.cli.runtime import Forked, ForkHelper

from conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "capture" / "takeout.mbox"


def _same(path: Path) -> None:
    fast, plain = read_mail([path]), read_mail([path], reference=True)
    assert fast.messages == plain.messages
    assert fast.skipped == plain.skipped
    assert [p.format() for p in fast.problems] == [p.format() for p in plain.problems]
    assert fast.total == plain.total


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
@pytest.mark.parametrize("newline", ["crlf", "lf"])
def test_the_fixture_reads_the_same_as_the_standard_library(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, chunk: int, newline: str
) -> None:
    """Gmail Takeout writes CRLF lines (the fixture); Thunderbird and mutt write LF."""
    monkeypatch.setattr(mailscan, "CHUNK", chunk)
    path = FIXTURE
    assert b"\r\n" in FIXTURE.read_bytes()
    if newline == "lf":
        path = tmp_path / "thunderbird.mbox"
        path.write_bytes(FIXTURE.read_bytes().replace(b"\r\n", b"\n"))
    _same(path)
    assert len(read_mail([path]).messages) == 4


NAME = st.sampled_from(["", "Jane Doe", '"Doe, Jane"', "Jörg Müller", "=?utf-8?q?J=C3=B6rg?=",
                        "(comment) Ann", "O'Brien", "a<b", "Bob <Smith>"])
LOCAL = st.sampled_from(["jane", "Jane.Doe", "bob+tag", "x_y", "ünï"])
DOMAIN = st.sampled_from(["acme.example", "ACME.example", "mail.example.org"])


@st.composite
def address(draw: st.DrawFn) -> str:
    name, mail = draw(NAME), f"{draw(LOCAL)}@{draw(DOMAIN)}"
    form = draw(st.sampled_from(["bare", "angle", "named"]))
    return mail if form == "bare" else f"<{mail}>" if form == "angle" else f"{name} <{mail}>"


@st.composite
def message(draw: st.DrawFn) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    headers = [f"From: {draw(address())}",
               "To: " + ", ".join(draw(st.lists(address(), min_size=0, max_size=3)))]
    if draw(st.booleans()):
        cc = draw(st.lists(address(), min_size=1, max_size=2))
        headers.append("Cc: " + f",{newline}\t".join(cc))  # folded
    headers.append("Date: " + draw(st.sampled_from([
        "Mon, 2 Nov 2026 10:14:00 +0100", "2 Nov 2026 10:14 -0000", "not a date",
        "Tue, 03 Nov 2026 17:20:00 GMT"])))
    headers.append("Subject: " + draw(st.sampled_from([
        "Lunch?", "=?UTF-8?B?w5xiZXI=?= x", "Grüße", "Re: Fwd: a\tb", "", "%% #tag",
        "a folded\n subject", "=?UTF-8?Q?caf=C3=A9?=\n =?UTF-8?Q?_au_lait?="])))
    if draw(st.booleans()):
        headers.append(f"Message-ID: <{draw(st.integers(0, 5))}@x.example>")
    if draw(st.booleans()):
        headers.append(draw(st.sampled_from([
            "List-Id: <l.example>", "Precedence: bulk", "Auto-Submitted: auto-replied",
            "In-Reply-To: <0@x.example>", "References: <1@x.example>\n <2@x.example>",
            "X-Gmail-Labels: Sent", "Received: from a\n\tby b"])))
    draw(st.randoms()).shuffle(headers)
    body = draw(st.sampled_from([
        "", "Hello", "Line\n>From the archive\nmore", "x" * 3000, "a\n\nb\n\nc",
        "From me to you, a line that begins like a separator"]))
    text = newline.join(h.replace("\n", newline) for h in headers)
    return (text + newline + newline + body.replace("\n", newline)).encode("utf-8")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(messages=st.lists(message(), min_size=1, max_size=6),
       chunk=st.sampled_from([5, 16, 100, 1 << 20]), final_newline=st.booleans())
@example(messages=[b"From: a@b.example\nTo: me@x.example\nDate: 2 Nov 2026 10:14 -0000\n"
                   b"Subject: Hi\n\nbody"], chunk=5, final_newline=False)
def test_generated_mboxes_read_the_same_as_the_standard_library(
    messages: list[bytes], chunk: int, final_newline: bool
) -> None:
    original = mailscan.CHUNK
    mailscan.CHUNK = chunk
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "box.mbox"
            parts = [b"From sender@x Mon Nov  2 10:00:00 2026\n" + m for m in messages]
            path.write_bytes(b"\n\n".join(parts) + (b"\n" if final_newline else b""))
            _same(path)
    finally:
        mailscan.CHUNK = original


class _InProcess:
    """A helper that does the work at once, here: the parts without a second process."""

    def __init__(self, gives: bool = True, starts: bool = True) -> None:
        self.gives, self.starts, self.started = gives, starts, 0

    def available(self) -> bool:
        return True

    def start(self, work: Callable[[], Any]) -> Any:
        if not self.starts:
            return None
        self.started += 1
        result = work() if self.gives else None
        return type("Done", (), {"result": lambda _self: result})()

    def in_background(self, work: Callable[[], object]) -> bool:
        return False


def _parts_same(path: Path, helper: Any) -> None:
    whole = read_mail([path])
    parts = read_mail([path], helper=helper)
    assert parts.messages == whole.messages
    assert parts.skipped == whole.skipped
    assert [p.format() for p in parts.problems] == [p.format() for p in whole.problems]
    assert parts.total == whole.total


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(messages=st.lists(message(), min_size=1, max_size=8),
       chunk=st.sampled_from([5, 16, 100, 1 << 20]))
def test_an_mbox_read_in_two_parts_reads_as_in_one(messages: list[bytes], chunk: int) -> None:
    original = (mailscan.CHUNK, mail.SPLIT_BYTES)
    mailscan.CHUNK, mail.SPLIT_BYTES = chunk, 0
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "box.mbox"
            parts = [b"From sender@x Mon Nov  2 10:00:00 2026\n" + m for m in messages]
            path.write_bytes(b"\n\n".join(parts) + b"\n")
            helper = _InProcess()
            _parts_same(path, helper)
            # A second part begins where the file is split, unless no message begins there.
            size = path.stat().st_size
            assert helper.started == (mailscan.split_point(
                path, int(size * (1 - mail.HELPER_SHARE))) is not None)
    finally:
        mailscan.CHUNK, mail.SPLIT_BYTES = original


@pytest.mark.parametrize("helper", [_InProcess(gives=False), _InProcess(starts=False)],
                         ids=["helper fails", "helper cannot start"])
def test_a_helper_that_fails_leaves_the_reading_to_this_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, helper: Any
) -> None:
    monkeypatch.setattr(mail, "SPLIT_BYTES", 0)
    path = tmp_path / "box.mbox"
    path.write_bytes(FIXTURE.read_bytes() * 3)
    _parts_same(path, helper)


@pytest.mark.skipif(not Forked.possible(), reason="forks only on Linux with two cores")
def test_the_command_line_helper_reads_the_last_part_in_another_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(mail, "SPLIT_BYTES", 0)
    path = tmp_path / "box.mbox"
    path.write_bytes(FIXTURE.read_bytes() * 5)
    delivered: list[bool] = []
    helper = ForkHelper()
    real_start = helper.start

    def start(work: Callable[[], Any]) -> Any:
        pending = real_start(work)
        assert pending is not None  # the fork started

        class Watched:
            def result(self) -> Any:
                value = pending.result()
                delivered.append(value is not None)
                return value

        return Watched()

    monkeypatch.setattr(helper, "start", start)
    _parts_same(path, helper)
    assert delivered == [True]  # the child's part, not this process reading it again

"""`vaulttools sync` with the real parts: a Radicale server on 127.0.0.1 (a free port, a
temp storage folder, no auth), the real vdirsyncer as a subprocess around it, and a
second vdirsyncer pair that plays the phone, editing the same address book."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Run, vt, write_vault

radicale = pytest.importorskip("radicale", reason="Radicale is in the test extras")
pytest.importorskip("vdirsyncer", reason="vdirsyncer is in the test extras")

TODAY = "2026-11-21"
NOTES = {
    "Ada.md": "---\nname: Ada\ngroup: peer\nemail: ada@example.com\n"
              "last_contact: 2026-08-01\n---\n",
    "Ben.md": "---\nname: Ben\ngroup: mentor\nemail: ben@example.com\n"
              "last_contact: 2026-06-01\n---\n",
    "Cy.md": "---\nname: Cy\ngroup: peer\nphone: \"+1 555 0100\"\nlast_contact: 2026-11-20\n"
             "---\n",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A Radicale server for this test: its URL and its storage folder."""
    port, storage = _free_port(), tmp_path / "radicale"
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(storage), "--auth-type", "none",
         "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("Radicale did not start")
        yield f"http://127.0.0.1:{port}/", storage
    finally:
        process.terminate()
        process.wait(timeout=10)


def _config(tmp_path: Path, url: str) -> Path:
    """vdirsyncer's config: vaulttools' two vdirs with the server, and the phone's copy
    of the address book."""
    pairs = []
    for pair, local, kind, ext, collections in (
            ("vt_contacts", tmp_path / "vdirs", "carddav", ".vcf", '["contacts"]'),
            ("vt_reminders", tmp_path / "vdirs", "caldav", ".ics", '["reminders"]'),
            ("phone", tmp_path / "phone", "carddav", ".vcf", '["contacts"]')):
        pairs.append(f'[pair {pair}]\na = "{pair}_local"\nb = "{pair}_remote"\n'
                     f"collections = {collections}\n\n"
                     f'[storage {pair}_local]\ntype = "filesystem"\npath = "{local.as_posix()}/"\n'
                     f'fileext = "{ext}"\n\n'
                     f'[storage {pair}_remote]\ntype = "{kind}"\nurl = "{url}"\n'
                     'username = "me"\npassword = "x"\n')
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(f'[general]\nstatus_path = "{(tmp_path / "status").as_posix()}/"\n\n'
                      + "\n".join(pairs))
    return config


def vdirsyncer(config: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "vdirsyncer", "-c", str(config), *args],
        input="y\n" * 10, capture_output=True, text=True, timeout=120,
        env={**os.environ, "VDIRSYNCER_CONFIG": str(config)})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _server_items(storage: Path, collection: str, ext: str) -> list[Path]:
    return sorted((storage / "collection-root" / "me" / collection).glob(f"*{ext}"))


def test_a_round_trip_with_radicale_through_vdirsyncer(tmp_path: Path, run: Run,
                                                       server: tuple[str, Path]) -> None:
    url, storage = server
    vdirs = tmp_path / "vdirs"
    vault = write_vault(tmp_path / "v", dict(NOTES), config=(
        f'[sync]\ncontacts = "{(vdirs / "contacts").as_posix()}"\n'
        f'calendar = "{(vdirs / "reminders").as_posix()}"\n'))
    vdirs.mkdir()
    config = _config(tmp_path, url)
    assert vt(run, vault, "uid", "--add").exit_code == 0
    assert vt(run, vault, "sync").exit_code == 0
    vdirsyncer(config, "discover", "vt_contacts", "vt_reminders")
    vdirsyncer(config, "sync", "vt_contacts", "vt_reminders")
    # Every active contact is on the server, and the reminders of the due.
    assert len(_server_items(storage, "contacts", ".vcf")) == 3
    reminders = len(_server_items(storage, "reminders", ".ics"))
    assert reminders >= 2
    # A second round uploads nothing.
    again = vdirsyncer(config, "sync", "vt_contacts", "vt_reminders")
    assert vt(run, vault, "sync").stdout.count("wrote 0, removed 0") == 2
    again += vdirsyncer(config, "sync", "vt_contacts", "vt_reminders")
    assert "Copying" not in again and "Updating" not in again and "Deleting" not in again
    # The phone: its own copy of the address book, edited, then synced to the server.
    vdirsyncer(config, "discover", "phone")
    vdirsyncer(config, "sync", "phone")
    phone_ada = next(p for p in (tmp_path / "phone" / "contacts").iterdir()
                     if b"FN:Ada" in p.read_bytes())
    phone_ada.write_bytes(phone_ada.read_bytes().replace(
        b"END:VCARD", b"TEL;TYPE=CELL:+44 7700 900123\r\nX-PHONE-ONLY:kept\r\nEND:VCARD"))
    phone_ben = next(p for p in (tmp_path / "phone" / "contacts").iterdir()
                     if b"FN:Ben" in p.read_bytes())
    phone_ben.unlink()  # deleted on the phone
    vdirsyncer(config, "sync", "phone")
    # The next round brings the phone's edit into Ada's note, byte-minimally.
    vdirsyncer(config, "sync", "vt_contacts", "vt_reminders")
    before = (vault / "People" / "Ada.md").read_text(encoding="utf-8")
    result = vt(run, vault, "sync")
    assert "brought from the phone: People/Ada.md: phone: (unset) -> +44 7700 900123" \
        in result.stdout
    assert (vault / "People" / "Ada.md").read_text(encoding="utf-8") == before.replace(
        "\n---\n", "\nphone: +44 7700 900123\n---\n", 1)  # one line more, nothing else
    assert (vault / "People" / "Ben.md").exists()  # deleted on the phone, not here
    vdirsyncer(config, "sync", "vt_contacts", "vt_reminders")
    vdirsyncer(config, "sync", "phone")
    ada_card = phone_ada.read_bytes()
    assert b"TEL;TYPE=CELL:+44 7700 900123" in ada_card and b"X-PHONE-ONLY:kept" in ada_card
    # Logging Ben removes his reminder from the server at the next round.
    assert vt(run, vault, "log", "Ben", "Coffee", "--via", "coffee").exit_code == 0
    assert vt(run, vault, "sync").exit_code == 0
    vdirsyncer(config, "sync", "vt_contacts", "vt_reminders")
    summaries = b"".join(p.read_bytes() for p in _server_items(storage, "reminders", ".ics"))
    assert b"Reach out to Ben" not in summaries

"""The parse cache: never stale, rebuilt silently when corrupt or foreign, out of the vault."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vaulttools.cli.runtime import Forked, ForkHelper
from vaulttools.read import loader, notes
from vaulttools.read.cache import store as cache
from vaulttools.read.load import load_vault
from vaulttools.read.vault import Vault

from conftest import EXAMPLE, Run, snapshot, write_vault

NOTE = "---\ngroup: peer\nlast_contact: 2026-01-01\n---\n"


def cache_files() -> list[Path]:
    return sorted(Path(os.environ["VAULTTOOLS_CACHE_DIR"]).glob("*.cache"))


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = notes.parse_note

    def counting(text: str, path: Path, relpath: str, *rest):  # type: ignore[no-untyped-def]
        parsed.append(relpath)
        return real(text, path, relpath, *rest)

    monkeypatch.setattr(notes, "parse_note", counting)
    return parsed


def age_cache() -> None:
    """Make the cache look older than the racy window, as a next-day run would see it."""
    for path in cache_files():
        data = bytearray(path.read_bytes())
        fields = list(cache.PRELUDE.unpack_from(data))
        fields[2] += 10 * cache.RACY_WINDOW_NS  # saved later than it was
        cache.PRELUDE.pack_into(data, 0, *fields)
        path.write_bytes(bytes(data))


def test_warm_load_reads_only_changed_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = write_vault(tmp_path / "v", {f"P{i}.md": NOTE for i in range(20)})
    load_vault(vault)
    assert len(cache_files()) == 1
    age_cache()
    parsed = count_parses(monkeypatch)
    assert len(load_vault(vault).contacts) == 20
    assert parsed == []
    (vault / "People" / "P3.md").write_text(NOTE.replace("peer", "client"))
    age_cache()
    loaded = load_vault(vault)
    assert parsed == ["People/P3.md"]
    assert next(c for c in loaded.contacts if c.stem == "P3").groups == ["client"]
    (vault / "People" / "P4.md").unlink()
    assert len(load_vault(vault).contacts) == 19


def test_same_size_same_second_edit_is_never_served_stale(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    note = vault / "People" / "Ada.md"
    stamp = note.stat().st_mtime_ns
    first = json.loads(run("--vault", str(vault), "show", "ada", "--json").stdout)
    assert first["groups"] == ["peer"]
    note.write_text(NOTE.replace("peer", "PEER"))  # same size
    os.utime(note, ns=(stamp, stamp))  # and the same modification time
    second = json.loads(run("--vault", str(vault), "show", "ada", "--json").stdout)
    assert second["groups"] == ["PEER"]


def test_racily_clean_entries_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    load_vault(vault)  # Ada.md changed within the racy window before this save...
    parsed = count_parses(monkeypatch)
    load_vault(vault)
    assert parsed == ["People/Ada.md"]  # ...so it is not trusted, and read again
    age_cache()  # once the cache is clearly newer than the note, the entry is trusted
    parsed.clear()
    load_vault(vault)
    assert parsed == []


def test_corrupt_or_foreign_cache_is_rebuilt_silently(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    run("--vault", str(vault), "list")
    [path] = cache_files()
    for garbage in (b"", b"\x00garbage", path.read_bytes()[:-50]):
        path.write_bytes(garbage)
        result = run("--vault", str(vault), "list", "--json")
        assert result.exit_code == 0 and result.stderr == ""
        assert [c["name"] for c in json.loads(result.stdout)] == ["Ada"]
    good = path.read_bytes()
    foreign = cache.PRELUDE.pack(cache.MAGIC, 999, 0, 0, 0, 0)
    for bad in (foreign, foreign + good[cache.PRELUDE.size:], good + b"trailing"):
        path.write_bytes(bad)
        result = run("--vault", str(vault), "list", "--json")
        assert result.exit_code == 0 and result.stderr == ""
        assert [c["name"] for c in json.loads(result.stdout)] == ["Ada"]
        assert cache.PRELUDE.unpack_from(path.read_bytes())[1] == cache.FORMAT_VERSION


def test_a_warm_load_parses_nothing_and_misses_no_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_WINDOW_NS", 0)  # trust notes written a moment ago
    vault = write_vault(tmp_path / "v", {
        **{f"P{i}.md": NOTE for i in range(20)}, "Daily/2026-01-02.md": "Met [[P1]].\n"},
        config='daily_notes = "Daily"\n')
    for helper in (None, ForkHelper()):  # the library alone, and as the program runs it
        first = load_vault(vault, helper=helper)
        parsed = count_parses(monkeypatch)
        assert load_vault(vault, helper=helper) == first and parsed == []
        note = vault / "People" / "P3.md"
        stamp = note.stat().st_mtime_ns
        before = note.read_text()
        note.write_text(before.replace("peer", "PEER"))  # same size, same modification time
        os.utime(note, ns=(stamp, stamp))
        edited = load_vault(vault, helper=helper)
        assert parsed == ["People/P3.md"]
        assert next(c for c in edited.contacts if c.stem == "P3").groups == ["PEER"]
        note.write_text(before)
        monkeypatch.undo()
        monkeypatch.setattr(cache, "RACY_WINDOW_NS", 0)
    (vault / "Daily" / "2026-01-02.md").unlink()
    assert load_vault(vault).mentions == {}
    (vault / "People" / "P9.md").unlink()
    assert len(load_vault(vault, helper=ForkHelper()).contacts) == 19


def test_config_change_invalidates_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    load_vault(vault)
    age_cache()
    parsed = count_parses(monkeypatch)
    load_vault(vault)
    assert parsed == []
    (vault / ".vaulttools.toml").write_text("max_note_size = 10\n")
    loaded = load_vault(vault)  # the new limit applies: the cached contact is not reused
    assert loaded.contacts == [] and "over the 10-byte limit" in loaded.problems[0].message


def test_cache_lives_outside_the_vault(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    before = snapshot(vault)
    run("--vault", str(vault), "due")
    assert snapshot(vault) == before
    assert cache_files()


def test_unwritable_cache_folder_is_skipped(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("VAULTTOOLS_CACHE_DIR", str(blocker / "cache"))
    vault = write_vault(tmp_path / "v", {"Ada.md": NOTE})
    result = run("--vault", str(vault), "list")
    assert result.exit_code == 0 and "Ada" in result.stdout


def test_due_imports_only_what_it_uses(tmp_path: Path) -> None:
    code = ("import sys\nfrom vaulttools.cli import main\n"
            f"main(['--vault', {str(EXAMPLE)!r}, '--today', '2026-11-21', 'due'], "
            "standalone_mode=False)\n"
            "heavy = {'watchdog', 'jinja2', 'vobject', 'icalendar'}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def parsed_and_cached(tmp_path: Path) -> tuple[Path, Vault, Vault]:
    """A copy of example-vault, loaded without the cache and then from it."""
    import shutil

    vault = tmp_path / "ex"
    shutil.copytree(EXAMPLE, vault)
    fresh = load_vault(vault, use_cache=False)
    load_vault(vault)
    age_cache()
    return vault, fresh, load_vault(vault)


def test_contacts_restored_from_the_cache_equal_freshly_parsed_ones(tmp_path: Path) -> None:
    vault, fresh, cached = parsed_and_cached(tmp_path)
    assert [c.relpath for c in cached.contacts] == [c.relpath for c in fresh.contacts]
    for restored, parsed in zip(cached.contacts, fresh.contacts, strict=True):
        assert "_lazy" in restored.__dict__  # restored, not parsed again
        assert restored.log_summary == parsed.log_summary and restored.keys == parsed.keys
        # Capture's address book from the cache alone, as the note gives it.
        assert restored.addresses == parsed.addresses and restored.__dict__["_lazy"]
        assert "log" not in restored.__dict__  # scheduling did not need the whole log
        assert restored == parsed  # every field, the lazily decoded log and body included
        assert restored.as_dict() == parsed.as_dict()
    assert cached.problems == fresh.problems
    assert cached.mentions == fresh.mentions
    # Any detail field read first decodes them all: fields with a class-level
    # default (body, company...) must not answer with that default instead.
    for name in ("body", "company", "path", "met", "interactions", "extra"):
        again = load_vault(vault)
        assert all("_lazy" in c.__dict__ for c in again.contacts)
        assert [getattr(c, name) for c in again.contacts] == [
            getattr(c, name) for c in fresh.contacts], name


def test_entries_let_go_after_reading_are_read_again_from_the_file(tmp_path: Path) -> None:
    """A warm load lets the kernel drop the entries' pages (CacheFile.entries_read):
    touched again, they hold what the file holds, and the details are unaffected."""
    vault, fresh, _ = parsed_and_cached(tmp_path)
    index = loader.VaultIndex(fresh.settings)
    opened = cache.open_cache(index)
    assert opened is not None
    before, details = bytes(opened.entries), bytes(opened.details)
    opened.entries_read()
    assert bytes(opened.entries) == before and bytes(opened.details) == details
    assert load_vault(vault).contacts == fresh.contacts


def test_the_log_and_path_are_built_only_when_read(tmp_path: Path) -> None:
    """A command that reads a contact's details but not its log (export vcard, the
    review's checks) does not pay for building every log entry."""
    _, fresh, cached = parsed_and_cached(tmp_path)
    for restored, parsed in zip(cached.contacts, fresh.contacts, strict=True):
        assert restored.emails == parsed.emails
        assert "interactions" not in restored.__dict__ and "path" not in restored.__dict__
        assert restored.path == parsed.path
        assert "interactions" not in restored.__dict__
        assert restored.interactions == parsed.interactions
        assert restored.__dict__["_deferred"] == {}
        assert restored == parsed


def test_reading_in_two_processes_gives_the_same_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus

    from vaulttools.config import load_settings

    vault = write_vault(tmp_path / "v", {
        f"P{i:03d}.md": f"---\ngroup: peer\nlast_contact: 2026-0{1 + i % 9}-01\n---\n## Log\n"
                        f"- 2026-01-0{1 + i % 9} call: Note {i}. #gave\n" for i in range(60)})
    for case in corpus.CASES[:8]:  # broken notes too: their problems must travel back
        (vault / "People" / case.name).write_bytes(case.content)
    serial = loader.VaultIndex(load_settings(vault))
    serial.reconcile()
    monkeypatch.setattr(loader, "PARALLEL_MIN", 5)
    forked = loader.VaultIndex(load_settings(vault))
    forked.reconcile(ForkHelper())
    if Forked.possible():
        assert any(state.encoded is not None for state in forked.files.values())  # its half
    one, two = serial.vault(), forked.vault()
    assert one.contacts == two.contacts
    assert one.problems == two.problems
    assert one.mentions == two.mentions


def test_walking_in_a_child_process_gives_the_same_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vaulttools.config import load_settings

    vault = write_vault(tmp_path / "v", {
        "Ada.md": NOTE, "Sub/Bo.md": NOTE, "Daily/2026-01-02.md": "Met [[Ada]].\n",
        "People/loop/.keep": "", "People/.hidden.md": NOTE},
        config='contacts = ["People", "Missing"]\ndaily_notes = "Daily"\n')
    (vault / "People" / "loop" / "again").symlink_to(vault / "People" / "loop")
    serial = loader.VaultIndex(load_settings(vault))
    serial.reconcile()
    walked = loader.VaultIndex(load_settings(vault))
    ahead = walked.scan_ahead(ForkHelper())
    if Forked.possible():  # Linux, 2+ cores: a child really walks
        assert isinstance(ahead, Forked) and ahead.pid
    walked.reconcile(scanned=ahead)
    assert walked.scan_problems and walked.scan_problems == serial.scan_problems
    assert walked.vault() == serial.vault()

    def broken_walk() -> object:
        raise OSError("the child fails")

    failed = loader.VaultIndex(load_settings(vault))
    monkeypatch.setattr(failed, "scan", broken_walk)
    ahead = failed.scan_ahead(ForkHelper())  # the child's walk raises: this process walks
    monkeypatch.undo()
    failed.reconcile(scanned=ahead)
    assert failed.vault() == serial.vault()


def test_a_large_vault_writes_its_cache_in_a_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {f"P{i}.md": NOTE for i in range(30)})
    monkeypatch.setattr(cache, "BACKGROUND_MIN", 10)
    helper = ForkHelper()
    loaded = load_vault(vault, helper=helper)
    if Forked.possible():
        assert helper.background  # the write goes on in a child...
    helper.wait()  # ...until waited for, as the program does before it leaves
    assert not helper.background and len(cache_files()) == 1
    age_cache()
    parsed = count_parses(monkeypatch)
    assert load_vault(vault).contacts == loaded.contacts
    assert parsed == []  # the child's cache was complete
    # The program waits for the write before it exits: the cache is there after it.
    for path in cache_files():
        path.unlink()
    slow_writer = (  # a write that takes a while, in a program that otherwise is quick
        "import sys, time\nfrom vaulttools.read.cache import store as cache\n"
        "cache.BACKGROUND_MIN = 10\nquick = cache.save\n"
        "cache.save = lambda index: (time.sleep(0.5), quick(index))\n"
        "from vaulttools.cli import run\nsys.argv = ['vaulttools', '--vault', sys.argv[1], "
        "'list']\nrun()\n")
    with open(tmp_path / "out", "w") as out:  # not a pipe: its end would wait for the child
        result = subprocess.run([sys.executable, "-c", slow_writer, str(vault)], stdout=out,
                                stderr=subprocess.STDOUT, check=False)
    assert result.returncode == 0, (tmp_path / "out").read_text()
    assert len(cache_files()) == 1


def test_contacts_restored_from_the_cache_pickle_and_copy(tmp_path: Path) -> None:
    import copy
    import pickle

    vault_path = write_vault(tmp_path / "v", {
        "Ada.md": "---\ngroup: peer\nemail: ada@example.com\n---\n## Log\n"
                  "- 2026-11-01 call: hello #gave\n"})
    load_vault(vault_path)  # writes the cache
    age_cache()
    restored = load_vault(vault_path).contacts[0]
    assert restored.__dict__.get("_lazy") is not None  # details not decoded yet
    for clone in (pickle.loads(pickle.dumps(restored)), copy.deepcopy(restored)):
        assert clone.as_dict() == restored.as_dict()
        assert clone.emails == ["ada@example.com"] and clone.interactions[0].text == "hello #gave"

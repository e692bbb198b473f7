"""vaulttools and git: init --git, the pre-commit hooks' commands, and a branch switch
under a running watcher, with a real git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Run, write_vault

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
TODAY = "2026-11-21"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo, capture_output=True, text=True, check=True).stdout


def test_init_git_adds_lines_and_leaves_existing_ones(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {}, config=None)
    (vault / ".gitignore").write_text("node_modules/\n*.tmp")  # no final newline
    result = run("init", "--git", str(vault))
    assert result.exit_code == 0, result.output
    # Nothing of vaulttools' own lands in the vault, so there is nothing to ignore.
    assert (vault / ".gitignore").read_text() == "node_modules/\n*.tmp"
    attributes = (vault / ".gitattributes").read_text().splitlines()
    assert attributes[1:] == ["*.md text eol=lf", "Index/** linguist-generated=true",
                              "Index/** merge=vaulttools-index"]
    # Not a git repository yet: the files are written, the driver waits, and it says so.
    assert "not inside a git repository" in result.stderr
    git(vault, "init", "-q")
    again = run("init", "--git", str(vault))  # on an existing vault: only the git files
    assert again.exit_code == 0 and again.stdout == f"wrote {vault}/.git/config\n"
    assert git(vault, "config", "merge.vaulttools-index.driver").strip() == (
        f"{Path(sys.executable).as_posix()} -m vaulttools merge-driver %O %A %B "
        "--marker-size %L --path %P")
    third = run("init", "--git", str(vault))
    assert third.exit_code == 0 and third.stdout == "nothing to change\n"
    assert third.stderr == ""
    assert git(vault, "check-attr", "linguist-generated", "Index/Due.md").strip().endswith(
        "linguist-generated: true")


def test_pre_commit_hooks_are_declared_and_their_commands_behave(
    tmp_path: Path, run: Run
) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"vaulttools-check", "vaulttools-index"}
    assert hooks["vaulttools-check"]["entry"] == "vaulttools check"
    assert hooks["vaulttools-index"]["entry"] == "vaulttools index --fail-if-changed"
    assert all(h["pass_filenames"] is False and h["language"] == "python"
               for h in hooks.values())
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    first = run("--vault", str(vault), "--today", TODAY, "index", "--fail-if-changed")
    assert first.exit_code == 1 and "out of date and have been regenerated" in first.stderr
    second = run("--vault", str(vault), "--today", TODAY, "index", "--fail-if-changed")
    assert second.exit_code == 0
    (vault / "People" / "Bad.md").write_text("---\nname: [x\n---\n")
    assert run("--vault", str(vault), "check").exit_code == 1


def test_branch_switch_under_a_running_watcher_converges(tmp_path: Path) -> None:
    from vaulttools.read.load import load_vault
    from vaulttools.render.index import render_index

    vault = write_vault(tmp_path / "v", {
        f"P{i:04d}.md": f"---\ngroup: peer\nlast_contact: 2026-0{1 + i % 9}-01\n---\n"
        for i in range(1000)})
    (vault / ".gitignore").write_text("Index/\n.vaulttools/\n")
    git(vault, "init", "-q", "-b", "main")
    git(vault, "add", "-A")
    git(vault, "commit", "-q", "-m", "main")
    git(vault, "checkout", "-q", "-b", "other")
    for i in range(0, 1000):
        if i % 10:  # most of them change
            (vault / "People" / f"P{i:04d}.md").write_text(
                f"---\ngroup: {'client' if i % 2 else 'mentor'}\nlast_contact: 2026-11-0{1 + i % 9}"
                "\n---\n")
    (vault / "People" / "P0001.md").unlink()
    (vault / "People" / "New.md").write_text("---\ngroup: close\n---\n")
    git(vault, "add", "-A")
    git(vault, "commit", "-q", "-m", "other")
    git(vault, "checkout", "-q", "main")
    proc = subprocess.Popen(
        [sys.executable, "-m", "vaulttools", "--vault", str(vault), "--today", TODAY, "watch",
         "--debounce", "50"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "watching" in line:
                break
        git(vault, "checkout", "-q", "other")
        expected = render_index(load_vault(vault, use_cache=False), date.fromisoformat(TODAY))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if all((vault / "Index" / name).read_text() == text
                   for name, text in expected.items()):
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the index notes did not converge to a fresh index")
        assert "[[People/New|New]]" in (vault / "Index" / "Contacts.md").read_text()
        assert "[[People/P0001|P0001]]" not in (vault / "Index" / "Contacts.md").read_text()
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0


def _device(origin: Path, where: Path, run: Run) -> Path:
    git(where.parent, "clone", "-q", str(origin), where.name)
    assert run("init", "--git", str(where)).exit_code == 0  # registers the driver here
    return where


def test_two_devices_that_both_regenerated_the_index_merge_without_conflicts(
    tmp_path: Path, run: Run
) -> None:
    """Two clones log to different people, both run `index`, commit; one pulls the other."""
    from vaulttools.read.load import load_vault
    from vaulttools.render.index import render_index

    start = write_vault(tmp_path / "start", {
        "Ada.md": "---\ngroup: peer\nlast_contact: 2026-01-01\n---\n",
        "Bo.md": "---\ngroup: peer\nlast_contact: 2026-02-01\n---\n",
        "Cy.md": "---\ngroup: mentor\nlast_contact: 2026-03-01\n---\n"})
    git(start, "init", "-q", "-b", "main")
    assert run("init", "--git", str(start)).exit_code == 0
    assert run("--vault", str(start), "--today", TODAY, "index").exit_code == 0
    git(start, "add", "-A")
    git(start, "commit", "-q", "-m", "vault")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(start), str(origin))
    laptop = _device(origin, tmp_path / "laptop", run)
    phone = _device(origin, tmp_path / "phone", run)
    for device, who in ((laptop, "Ada"), (phone, "Bo")):
        vt = ("--vault", str(device), "--today", TODAY)
        assert run(*vt, "log", who, f"seen on {device.name}", "--via", "call").exit_code == 0
        assert run(*vt, "index").exit_code == 0
        git(device, "commit", "-q", "-am", f"log {who}")
    git(laptop, "push", "-q", "origin", "main")
    git(phone, "pull", "-q", "--no-rebase", "origin", "main")  # a real merge
    assert git(phone, "status", "--porcelain") == ""
    for note in (phone / "Index").iterdir():
        assert "<<<<<<<" not in note.read_text(), note.name
    assert run("--vault", str(phone), "--today", TODAY, "index").exit_code == 0
    expected = render_index(load_vault(phone, use_cache=False), date.fromisoformat(TODAY))
    for name, text in expected.items():
        assert (phone / "Index" / name).read_text() == text
    due = (phone / "Index" / "Due.md").read_text()
    # Both logs are in the merge: neither is due any more.
    assert "[[People/Ada|Ada]]" not in due and "[[People/Bo|Bo]]" not in due


def _two_devices(tmp_path: Path, run: Run, notes: dict[str, str]) -> tuple[Path, Path]:
    """A vault committed with `notes` (paths relative to it), cloned twice, each clone
    with `init --git` run in it."""
    start = write_vault(tmp_path / "start", {"Ada.md": "---\ngroup: peer\n---\n"})
    for relpath, text in notes.items():
        (start / relpath).parent.mkdir(parents=True, exist_ok=True)
        (start / relpath).write_text(text)
    git(start, "init", "-q", "-b", "main")
    assert run("init", "--git", str(start)).exit_code == 0
    git(start, "add", "-A")
    git(start, "commit", "-q", "-m", "vault")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(start), str(origin))
    return _device(origin, tmp_path / "laptop", run), _device(origin, tmp_path / "phone", run)


def _edit_and_commit(device: Path, relpath: str, old: str, new: str) -> None:
    path = device / relpath
    path.write_text(path.read_text().replace(old, new))
    git(device, "commit", "-q", "-am", f"edit {relpath} on {device.name}")


READING = "# Reading list\n\n- one\n- two\n- three\n- four\n- five\n"


def test_a_users_own_note_in_the_index_folder_merges_as_git_merges_it(
    tmp_path: Path, run: Run
) -> None:
    """The driver keeps ours only for generated notes: both sides' edits of a note of
    the user's in Index/ are merged, and neither is dropped."""
    laptop, phone = _two_devices(tmp_path, run, {"Index/Reading list.md": READING})
    _edit_and_commit(laptop, "Index/Reading list.md", "- one", "- one (laptop)")
    _edit_and_commit(phone, "Index/Reading list.md", "- five", "- five (phone)")
    git(laptop, "push", "-q", "origin", "main")
    git(phone, "pull", "-q", "--no-rebase", "origin", "main")
    assert git(phone, "status", "--porcelain") == ""
    merged = (phone / "Index" / "Reading list.md").read_text()
    assert "- one (laptop)" in merged and "- five (phone)" in merged


def test_both_sides_editing_one_line_of_a_users_note_in_the_index_folder_conflict(
    tmp_path: Path, run: Run
) -> None:
    """Where git would stop, the driver stops too: a conflict, both versions in it."""
    laptop, phone = _two_devices(tmp_path, run, {"Index/Reading list.md": READING})
    _edit_and_commit(laptop, "Index/Reading list.md", "- three", "- three (laptop)")
    _edit_and_commit(phone, "Index/Reading list.md", "- three", "- three (phone)")
    git(laptop, "push", "-q", "origin", "main")
    pull = subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.com",
                           "pull", "-q", "--no-rebase", "origin", "main"],
                          cwd=phone, capture_output=True, text=True, check=False)
    assert pull.returncode != 0
    assert git(phone, "status", "--porcelain").splitlines() == ['UU "Index/Reading list.md"']
    merged = (phone / "Index" / "Reading list.md").read_text()
    assert "- three (laptop)" in merged and "- three (phone)" in merged
    assert "<<<<<<< ours:Index/Reading list.md" in merged


def test_a_generated_note_one_side_replaced_with_its_own_is_merged_as_text(
    tmp_path: Path, run: Run
) -> None:
    """Once a side drops the marker the note is the user's: no side is kept blindly."""
    laptop, phone = _two_devices(tmp_path, run, {})
    assert run("--vault", str(laptop), "--today", TODAY, "index").exit_code == 0
    git(laptop, "add", "-A")
    git(laptop, "commit", "-q", "-m", "index")
    git(laptop, "push", "-q", "origin", "main")
    git(phone, "pull", "-q", "--no-rebase", "origin", "main")
    _edit_and_commit(laptop, "Index/Due.md", "generated_by: vaulttools\n", "")
    assert run("--vault", str(phone), "--today", "2026-12-01", "index").exit_code == 0
    git(phone, "commit", "-q", "-am", "regenerated")
    git(laptop, "push", "-q", "origin", "main")
    pull = subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.com",
                           "pull", "-q", "--no-rebase", "origin", "main"],
                          cwd=phone, capture_output=True, text=True, check=False)
    assert pull.returncode != 0
    assert "UU Index/Due.md" in git(phone, "status", "--porcelain").splitlines()


def test_check_warns_about_the_old_merge_driver_until_init_git_replaces_it(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {"Ada.md": "---\ngroup: peer\n---\n"})
    git(vault, "init", "-q")
    git(vault, "config", "merge.vaulttools-index.driver", "true")  # as 0.1.0 wrote it
    check = run("--vault", str(vault), "check")
    assert check.exit_code == 0
    assert "run `vaulttools init --git` to replace it" in check.stderr
    assert run("init", "--git", str(vault)).exit_code == 0
    assert "init --git" not in run("--vault", str(vault), "check").stderr


@pytest.mark.parametrize("folder", ["My Index", "Idx[1]", "a*b", "#Index", 'Say "hi"'])
def test_init_git_patterns_match_exactly_the_index_folder(
    tmp_path: Path, run: Run, folder: str
) -> None:
    vault = write_vault(tmp_path / "v", {}, config=None)
    git(vault, "init", "-q")
    assert run("init", "--git", "--index", folder, str(vault)).exit_code == 0
    def merge_of(relpath: str) -> str:
        return git(vault, "check-attr", "-z", "merge", "--", relpath).split("\0")[2]
    assert merge_of(f"{folder}/Due.md") == "vaulttools-index"
    assert merge_of(f"{folder}/Sub/Note.md") == "vaulttools-index"
    for other in ("Idx1/Due.md", "aXb/Due.md", "People/Ada.md", "Index/Due.md"):
        if not other.startswith(folder + "/"):
            assert merge_of(other) == "unspecified", other


def test_conflict_markers_are_reported_and_block_edits(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {
        "Ada.md": "---\ngroup: peer\n---\n# Ada\n\n## Log\n<<<<<<< HEAD\n"
                  "- 2026-11-20 call: mine\n=======\n- 2026-11-19 email: theirs\n"
                  ">>>>>>> origin/main\n",
        "Bo.md": "---\ngroup: peer\n---\n"})
    vt = ("--vault", str(vault), "--today", TODAY)
    check = run(*vt, "check")
    assert check.exit_code == 1
    assert "People/Ada.md:7: error: unresolved merge conflict" in check.stdout
    before = (vault / "People" / "Ada.md").read_bytes()
    for command in (["log", "Ada", "hi"], ["set", "cadence=2m", "Ada"], ["archive", "Ada"]):
        result = run(*vt, *command)
        assert result.exit_code == 1, result.output
        assert "unresolved merge conflict" in result.stderr
    assert (vault / "People" / "Ada.md").read_bytes() == before
    assert run(*vt, "log", "Bo", "fine").exit_code == 0  # everything else keeps working


@pytest.mark.parametrize("copy", [
    "Ada.sync-conflict-20261121-101500-ABCDEFG.md",
    "Ada (Bob's conflicted copy 2026-11-21).md",
    "Ada (conflicted copy 2026-11-21 101500).md",
])
def test_sync_conflict_copies_are_reported_not_scheduled(
    tmp_path: Path, run: Run, copy: str
) -> None:
    note = "---\ngroup: peer\nlast_contact: 2026-06-01\n---\n"
    vault = write_vault(tmp_path / "v", {"Ada.md": note, copy: note})
    vt = ("--vault", str(vault), "--today", TODAY)
    check = run(*vt, "check")
    assert f"People/{copy}:1: error: a conflict copy of People/Ada.md" in check.stdout
    listed = run(*vt, "list", "--json")
    assert [c["name"] for c in json.loads(listed.stdout)] == ["Ada"]
    due = run(*vt, "due", "--json")
    assert [item["name"] for item in json.loads(due.stdout)] == ["Ada"]

"""A vault is untrusted input: its templates never run code, its links never lead writes out.

A shared or synced vault (git collaborators, a downloaded starter vault) can
hold anything. These tests put hostile content in a vault and check that
vaulttools neither runs it nor writes outside the vault.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import Run, snapshot, write_vault
from test_watch import Daemon

TODAY = "2026-11-21"
JANE = "---\nname: Jane Doe\ngroup: peer\n---\n# Jane Doe\n"


@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.system('touch MARK') }}",
    "{{ joiner.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].system('touch MARK') }}",
])
def test_a_vault_template_cannot_run_code(tmp_path: Path, run: Run, payload: str) -> None:
    mark = tmp_path / "pwned"
    vault = write_vault(tmp_path / "v", {"Jane Doe.md": JANE})
    template = vault / ".vaulttools" / "templates" / "due.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("---\ngenerated_by: vaulttools\n---\n# Due\n\n"
                        + payload.replace("MARK", str(mark)) + "\n", encoding="utf-8")
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.exit_code == 1
    assert f"{template}:6: template error:" in result.stderr
    assert "unsafe" in result.stderr or "undefined" in result.stderr
    assert "Traceback" not in result.stderr
    assert not mark.exists()


def test_a_vault_template_under_the_watcher_cannot_run_code(tmp_path: Path) -> None:
    mark = tmp_path / "pwned"
    vault = write_vault(tmp_path / "v", {"Jane Doe.md": JANE})
    template = vault / ".vaulttools" / "templates" / "due.md.j2"
    template.parent.mkdir(parents=True)
    payload = "{{ cycler.__init__.__globals__.os.system('touch MARK') }}\n"
    template.write_text(payload.replace("MARK", str(mark)), encoding="utf-8")
    watcher = Daemon(vault)
    try:
        watcher.wait_line("template error")
    finally:
        watcher.stop()
    assert not mark.exists()


@pytest.fixture
def linked_out(tmp_path: Path) -> tuple[Path, Path]:
    """A vault whose Jane Doe.md is a symlink to a note outside it."""
    outside = tmp_path / "elsewhere" / "Jane Doe.md"
    outside.parent.mkdir()
    outside.write_text(JANE, encoding="utf-8")
    vault = write_vault(tmp_path / "v", {})
    (vault / "People" / "Jane Doe.md").symlink_to(outside)
    return vault, outside


@pytest.mark.parametrize("command", [
    ["log", "jane", "coffee"], ["set", "cadence=2m", "jane"], ["archive", "jane"],
    ["snooze", "jane", "--for", "2w"], ["review", "jane", "--done"],
    ["set", "cadence=2m", "--group", "peer"],
])
def test_a_note_linked_from_outside_is_read_never_written(
    linked_out: tuple[Path, Path], run: Run, command: list[str]
) -> None:
    vault, outside = linked_out
    shown = run("--vault", str(vault), "--today", TODAY, "show", "jane")
    assert shown.exit_code == 0 and "Jane Doe" in shown.stdout
    before = outside.read_bytes()
    result = run("--vault", str(vault), "--today", TODAY, *command)
    assert result.exit_code == 1, result.output
    assert "leads outside the vault" in result.stderr
    assert "Traceback" not in result.stderr
    assert outside.read_bytes() == before


def test_a_contacts_folder_linked_from_outside_gets_no_new_notes(
    tmp_path: Path, run: Run
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    vault = write_vault(tmp_path / "v", {})
    (vault / "People").rmdir()
    (vault / "People").symlink_to(outside)
    result = run("--vault", str(vault), "--today", TODAY, "new", "Grace Hopper")
    assert result.exit_code == 1
    assert "leads outside the vault" in result.stderr
    assert list(outside.iterdir()) == []


def test_an_index_folder_linked_from_outside_is_never_written(
    tmp_path: Path, run: Run
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    vault = write_vault(tmp_path / "v", {"Jane Doe.md": JANE})
    (vault / "Index").symlink_to(outside)
    result = run("--vault", str(vault), "--today", TODAY, "index")
    assert result.exit_code == 1
    assert "leads outside the vault" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_watched_vault_in_git_stays_clean(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Jane Doe.md": JANE})
    assert run("--vault", str(vault), "--today", TODAY, "index").exit_code == 0
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=vault, check=True)
    subprocess.run([*git, "add", "-A"], cwd=vault, check=True)
    subprocess.run([*git, "commit", "-qm", "vault"], cwd=vault, check=True)
    before = snapshot(vault)
    watcher = Daemon(vault)
    try:
        watcher.wait_line("watching")
    finally:
        assert watcher.stop() == 0
    status = subprocess.run([*git, "status", "--porcelain", "--ignored"], cwd=vault,
                            capture_output=True, text=True, check=True).stdout
    assert status == ""
    after = snapshot(vault)
    assert {k: v[0] for k, v in after.items() if not k.startswith(".git/")} == {
        k: v[0] for k, v in before.items() if not k.startswith(".git/")}


def test_the_sandbox_shortcut_answers_as_the_full_check() -> None:
    """VaultSandbox reads public attributes of vaulttools' own data directly: for every
    attribute of every kind of object an index template sees, it must answer what
    jinja2's SandboxedEnvironment answers, and refuse what it refuses."""
    import jinja2.sandbox

    from vaulttools.config import load_settings
    from vaulttools.read.load import load_vault
    from vaulttools.render.index import IndexContext
    from vaulttools.render.templates import VaultSandbox

    from conftest import EXAMPLE

    vault = load_vault(EXAMPLE, load_settings(EXAMPLE))
    context = IndexContext(vault, date(2026, 11, 21))
    samples: list[object] = [vault.contacts[0], vault.contacts[0].cadence or "x",
                             context.items[0], context.agenda.standings[0],
                             context.agenda.standings[0].last, context.review_items[0],
                             context.week[0], context.stats, date(2026, 11, 21),
                             vault.contacts[0].interactions[0]]
    full, fast = jinja2.sandbox.SandboxedEnvironment(), VaultSandbox()
    compared = 0
    for obj in samples:
        for name in dir(obj):
            want, got = full.getattr(obj, name), fast.getattr(obj, name)
            if isinstance(want, jinja2.Undefined):
                assert isinstance(got, jinja2.Undefined), (type(obj), name)
            else:
                assert got == want or (callable(got) and callable(want)), (type(obj), name)
            compared += 1
    assert compared > 200
    for payload in ("__class__", "__init__", "__dict__", "_lazy", "__reduce__"):
        assert isinstance(fast.getattr(vault.contacts[0], payload), jinja2.Undefined)

"""A vault is untrusted input: its templates never run code, its links never lead writes out.

A shared or synced vault (git collaborators, a downloaded starter vault) can
hold anything. These tests put hostile content in a vault and check that
vaulttools neither runs it nor writes outside the vault.
"""

from __future__ import annotations

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
    template.write_text("{{ cycler.__init__.__globals__.os.system('touch %s') }}\n" % mark,
                        encoding="utf-8")
    watcher = Daemon(vault)
    try:
        watcher.wait_line("template error")
    finally:
        watcher.stop()
    assert not mark.exists()

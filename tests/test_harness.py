"""The test suite's own guard: it never writes into the real home (conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_the_home_guard_sees_a_file_written_into_the_users_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session-wide guard (conftest.real_home_untouched) compares these footprints:
    a cache file vaulttools would write, or a new dotfile, must show."""
    from conftest import home_footprint

    for key in ("HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME",
                "XDG_DATA_HOME"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    before = home_footprint()
    import platformdirs

    cache = Path(platformdirs.user_cache_dir("vaulttools", appauthor=False))
    cache.mkdir(parents=True)
    (cache / "v-1234.cache").write_bytes(b"x")
    after = home_footprint()
    assert str(cache / "v-1234.cache") in set(after) - set(before)
    assert str(tmp_path / ".cache") in set(after) - set(before)

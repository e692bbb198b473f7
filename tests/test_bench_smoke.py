"""The benchmark script runs end to end at N = 200, so it cannot rot. No timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_benchmark_runs_at_small_size(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "200", "--runs", "1",
         "--import-vault", "60", "--import-rows", "30", "--json", str(out)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "| N | baseline | cold due | warm due | due after an edit | index | watcher |")
    assert "| 200 |" in result.stdout
    figures = json.loads(out.read_text())["results"][0]
    assert figures["size"] == 200
    assert all(figures[key] > 0 for key in ("baseline_s", "cold_due_s", "warm_due_s",
                                            "edited_due_s", "index_s", "watch_latency_s"))
    assert figures["watch_renders"] and "1 changed" in figures["watch_renders"][-1]
    assert "| 60 | 30 |" in result.stdout
    imports = json.loads(out.read_text())["imports"]
    assert [(f["vault"], f["rows"]) for f in imports] == [(60, 30)] and imports[0]["plan_s"] > 0


def test_floor_benchmark_runs_at_small_size(tmp_path: Path) -> None:
    out = tmp_path / "floor.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "floor.py"), "--runs", "1", "--contacts", "60",
         "--heavy", "30,1,100", "--growth", "40,80", "--json", str(out)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "| command | 60 contacts | no fork | remembered | heavy vault | no fork | remembered |")
    assert "| export ics |" in result.stdout and "From 40 to 80" in result.stdout
    figures = json.loads(out.read_text())
    synthetic, heavy = figures["vaults"]
    assert set(synthetic["seconds"]) == set(heavy["seconds"])
    assert {"floor", "naive loop", "cold due", "due", "due (no fork)", "due (remembered)",
            "export ics", "index (no fork)"} <= set(synthetic["seconds"])
    assert all(seconds > 0 for seconds in synthetic["seconds"].values())
    assert [g["size"] for g in figures["growth"]] == [40, 80]
    assert all(g["remembered_s"] > 0 for g in figures["growth"])


def test_synthetic_vault_is_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from synth import build

    first, second = build(tmp_path / "a", 50), build(tmp_path / "b", 50)
    files = sorted(p.relative_to(first) for p in first.rglob("*.md"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.md"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert len(list((first / "People").iterdir())) == 50

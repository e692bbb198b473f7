"""The benchmark: vaulttools against a plain frontmatter.load loop, in one run.

    python bench/run.py [--sizes 1000,10000,50000] [--runs 5] [--json PATH]

For each size N it builds a deterministic synthetic vault (bench/synth.py)
and measures, as whole processes, the median of several runs of each of the
following (the first five in rounds: each round runs each of them once):

- baseline: `python -c` looping `frontmatter.load` over every note;
- cold `vaulttools due`: an empty parse cache;
- warm `vaulttools due`: the cache present and current;
- `vaulttools due` after one note was edited (the cache is brought up to date);
- `vaulttools index`: warm cache;
- watcher latency: one contact edited -> Index/Due.md rewritten, from the
  save to the new file, debounce included.

Then, once, import planning: `vaulttools import linkedin --dry-run` of
LinkedIn exports of several sizes (--import-rows) into a vault of
--import-vault contacts, a third of each export matching known people.
Planning time should grow in proportion to the rows.

Before every timed run, the baseline's included, it reads every file of the
vault and of the parse cache folder, so that each run starts with them in the
OS file cache (see read_every_file). Peak RSS comes from the kernel (wait4).
It prints a markdown table with the ratios that docs/performance.md quotes,
and writes the raw figures as JSON.
Timings on a shared machine are noisy: compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import TODAY, build, linkedin_export

# The installed `vaulttools` program, as users run it (`python -m vaulttools` adds runpy).
_SCRIPT = Path(sys.executable).parent / "vaulttools"
PROGRAM = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "vaulttools"]

BASELINE = ("import frontmatter, pathlib, sys\n"
            "for p in pathlib.Path(sys.argv[1]).rglob('*.md'):\n"
            "    frontmatter.load(p)\n")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        assert proc.stderr is not None
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss // 1024


def save_result(path: str, result: dict[str, object]) -> None:
    """A benchmark's figures as JSON, with the Python and the cores they were taken on."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"python": sys.version.split()[0], "cores": os.cpu_count(),
                               **result}, indent=2) + "\n")


def read_every_file(*folders: Path) -> None:
    """Bring every file below `folders` into the OS file cache, with its inode and folder.

    This machine's VM gives unused file cache back to the host within a minute
    (seen: 374 MB of cached files fell to 30 MB in 45 s, and reading the 50,000
    notes took 4.9 s instead of 0.6 s). Without this, a figure depended on how
    long ago the vault was last read: it measured the disk. Every timed run,
    the baseline's included, starts with the files in the cache.
    """
    for top in folders:
        for folder, _, names in os.walk(top):
            for name in names:
                with open(os.path.join(folder, name), "rb") as handle:
                    # In chunks: a whole 400 MB mbox held here would be counted in the
                    # next measured process's peak RSS (a forked child starts as a copy).
                    while handle.read(1 << 20):
                        pass


def watcher_latency(vault: Path, env: dict[str, str], edits: int) -> tuple[float, list[str]]:
    """Median seconds from saving a due contact's note to Due.md being replaced."""
    due = json.loads(subprocess.run(
        [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat(),
         "due", "--json"], env=env, capture_output=True, text=True, check=True).stdout)
    targets = [vault / item["path"] for item in due if item["status"] in ("overdue", "due")]
    lines: list[str] = []
    proc = subprocess.Popen(
        [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat(),
         "watch", "--debounce", "100"], env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()
    due_note = vault / "Index" / "Due.md"
    try:
        deadline = time.monotonic() + 600
        while not any("watching" in line for line in lines):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("the watcher did not start:\n" + "".join(lines))
            time.sleep(0.05)
        latencies = []
        for target in targets[:edits]:
            before = due_note.stat().st_mtime_ns
            time.sleep(0.3)
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(f"- {TODAY.isoformat()} call: benchmark edit #inbound\n")
            saved = time.perf_counter()
            while due_note.stat().st_mtime_ns == before:
                if time.perf_counter() - saved > 60:
                    raise SystemExit("Due.md was not rewritten:\n" + "".join(lines))
                time.sleep(0.002)
            latencies.append(time.perf_counter() - saved)
        return statistics.median(latencies), [ln.strip() for ln in lines if "render:" in ln]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def measure(size: int, runs: int, workdir: Path) -> dict[str, object]:
    """Every figure for one size, in rounds: each round runs each command once, so a
    machine that slows down for a minute weighs on every figure alike, and the
    ratios between them hold."""
    vault = build(workdir / f"vault-{size}", size)
    env = dict(os.environ)
    cache = workdir / f"cache-{size}"
    env["VAULTTOOLS_CACHE_DIR"] = str(cache)
    vt = [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat()]
    notes = sorted((vault / "People").iterdir())
    edited = iter(notes[:: max(1, len(notes) // (runs + 1))])
    samples: dict[str, list[tuple[float, int]]] = {}

    def run(name: str, cmd: list[str]) -> None:
        read_every_file(vault, cache)
        samples.setdefault(name, []).append(timed(cmd, env))

    for _ in range(runs):
        # Each cold run starts on a quiet disk: the kernel writing back the vault
        # just built, or the previous run's cache, would land in its figure.
        os.sync()
        run("baseline", [sys.executable, "-c", BASELINE, str(vault)])
        shutil.rmtree(cache, True)
        os.sync()
        run("cold", [*vt, "due"])
        time.sleep(2.1)  # past the cache's racy window, as a next-day run would be
        timed([*vt, "due"], env)  # re-reads what was racily clean when the cache was saved
        os.sync()
        run("warm", [*vt, "due"])
        run("index", [*vt, "index"])
        with open(next(edited), "a", encoding="utf-8") as handle:  # a user's usual run:
            handle.write(f"- {TODAY.isoformat()} email: benchmark edit\n")  # one note changed
        run("edited", [*vt, "due"])
    latency, renders = watcher_latency(vault, env, edits=max(3, runs))
    walls = {name: statistics.median(wall for wall, _ in series)
             for name, series in samples.items()}
    peaks = {name: max(peak for _, peak in series) for name, series in samples.items()}
    return {
        "size": size, "runs": runs,
        "baseline_s": walls["baseline"], "baseline_rss_mb": peaks["baseline"],
        "cold_due_s": walls["cold"], "cold_due_rss_mb": peaks["cold"],
        "warm_due_s": walls["warm"], "warm_due_rss_mb": peaks["warm"],
        "edited_due_s": walls["edited"],
        "index_s": walls["index"], "index_rss_mb": peaks["index"],
        "watch_latency_s": latency, "watch_renders": renders[-3:],
    }


def measure_import(vault_size: int, rows: list[int], runs: int,
                   workdir: Path) -> list[dict[str, object]]:
    """`import linkedin --dry-run` (read, match, plan, print) for each export size."""
    vault = build(workdir / f"import-vault-{vault_size}", vault_size)
    env = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(workdir / "import-cache")}
    vt = [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat()]
    timed([*vt, "due"], env)  # the parse cache is warm, as on a user's second command
    figures = []
    for count in rows:
        export = linkedin_export(workdir / f"connections-{count}.csv", count, vault_size)
        walls = []
        for _ in range(runs):
            read_every_file(vault)
            walls.append(timed([*vt, "import", "linkedin", str(export), "--dry-run"], env)[0])
        figures.append({"vault": vault_size, "rows": count, "plan_s": statistics.median(walls)})
    return figures


def import_table(figures: list[dict[str, object]]) -> str:
    rows = ["| vault | rows | import --dry-run | per 1,000 rows |", "|---:|---:|---:|---:|"]
    for f in figures:
        plan = float(f["plan_s"])  # type: ignore[arg-type]
        rows.append(f"| {f['vault']:,} | {f['rows']:,} | {plan:.2f} s "
                    f"| {1000 * plan / int(f['rows']):.2f} s |")  # type: ignore[call-overload]
    return "\n".join(rows)


def table(results: list[dict[str, object]]) -> str:
    rows = ["| N | baseline | cold due | warm due | due after an edit | index | watcher "
            "| cold / baseline | warm / baseline | peak RSS (cold due) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        base = float(r["baseline_s"])  # type: ignore[arg-type]
        rows.append(
            f"| {r['size']:,} | {base:.2f} s | {r['cold_due_s']:.2f} s | {r['warm_due_s']:.2f} s "
            f"| {r['edited_due_s']:.2f} s "
            f"| {r['index_s']:.2f} s | {1000 * float(r['watch_latency_s']):.0f} ms "  # type: ignore[arg-type]
            f"| {float(r['cold_due_s']) / base:.2f} | {float(r['warm_due_s']) / base:.2f} "  # type: ignore[arg-type]
            f"| {r['cold_due_rss_mb']} MB |")
    by_size = {r["size"]: r for r in results}
    if 10_000 in by_size and 50_000 in by_size:
        small, large = by_size[10_000], by_size[50_000]
        growth = ", ".join(
            f"{key.removesuffix('_s')} {float(large[key]) / float(small[key]):.2f}x"  # type: ignore[arg-type]
            for key in ("cold_due_s", "warm_due_s", "edited_due_s", "index_s"))
        rows.append(f"\nGrowth from N = 10,000 to N = 50,000: {growth}.")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default="bench-results/bench.json")
    parser.add_argument("--import-vault", type=int, default=2000,
                        help="contacts in the vault the exports are imported into")
    parser.add_argument("--import-rows", default="1000,2500,5000",
                        help="sizes of the LinkedIn exports to plan")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results = []
    with tempfile.TemporaryDirectory(prefix="vaulttools-bench-") as tmp:
        for size in sizes:
            print(f"measuring N = {size:,} ...", file=sys.stderr, flush=True)
            # Fewer runs of the largest vault: each takes seconds (three give a median).
            results.append(measure(size, args.runs if size < 50_000 else min(args.runs, 3),
                                   Path(tmp)))
        print("measuring import planning ...", file=sys.stderr, flush=True)
        imports = measure_import(args.import_vault,
                                 [int(r) for r in args.import_rows.split(",") if r],
                                 min(args.runs, 3), Path(tmp))
    save_result(args.json, {"results": results, "imports": imports})
    print(table(results))
    print()
    print(import_table(imports))
    print(f"\nraw figures: {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()

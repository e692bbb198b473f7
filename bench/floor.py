"""Every command as a ratio to the floor of what a process can do, in one run.

    python bench/floor.py [--runs 3] [--growth 1000,10000,50000] [--json PATH]

The floor is what any tool must pay: a Python process that walks the vault
with `os.scandir` and stats every note (FLOOR below). For two vaults, the
bench's synthetic 10,000 contacts (synth.build) and a heavy Obsidian vault
(synth.heavy: 2,000 contacts, ten years of daily notes, 40,000 other notes),
it measures in rounds (each round runs the floor and every command once, so a
slow minute weighs on every figure alike) the median wall time of:

- each read command with a warm parse cache (COMMANDS), its answer computed
  (VAULTTOOLS_REMEMBER=0, as the first run after a change), natively and on
  the simulated platform without fork (tests/nonposix, as `make test` uses
  it), and for the commands that remember answers (cli/answers.py), with the
  answer remembered (as every later run until something changes);
- cold `due` (no cache) against the naive loop (`frontmatter.load` on every
  note, bench/run.py's BASELINE);
- the watcher: a save to Due.md being rewritten (bench/run.py's
  watcher_latency);
- the first `due` and `due --json` after a save while the watcher runs, which
  makes their answers ahead (cli/ahead.py), against the floor measured in the
  same rounds.

Then warm `due` at each --growth size, computed and remembered, as a ratio
to that size's floor, with its peak RSS. Every figure is printed as a ratio
to the floor measured in the same run; the raw seconds go to the JSON file.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BASELINE, PROGRAM, read_every_file, save_result, timed, watcher_latency
from synth import TODAY, build, heavy

FLOOR = ("import os, sys\n"
         "def walk(folder):\n"
         "    for entry in os.scandir(folder):\n"
         "        if entry.is_dir(follow_symlinks=False):\n"
         "            if not entry.name.startswith('.'):\n"
         "                walk(entry.path)\n"
         "        elif entry.name.endswith('.md'):\n"
         "            entry.stat()\n"
         "walk(sys.argv[1])\n")

# The commands whose answers are remembered (cli/answers.py): measured computed
# (VAULTTOOLS_REMEMBER=0, as the first run after a change) and remembered.
REMEMBERED = {"due", "due --json", "list", "list --json", "stats", "plan", "show", "review",
              "check", "export ics", "export vcard"}
NONPOSIX = str(Path(__file__).resolve().parent.parent / "tests" / "nonposix")
# The floor is timed this many times a round: every ratio divides by it, and one
# sample of a 50 ms process moves with the machine's every hiccup.
FLOOR_SAMPLES = 3


def commands(vault: Path, out: Path) -> dict[str, list[str]]:
    """The read commands the targets name, each as its arguments after --vault/--today."""
    people = sorted((vault / "People").iterdir())
    someone = people[len(people) // 2]
    return {
        "due": ["due"], "due --json": ["due", "--json"],
        "list": ["list"], "list --json": ["list", "--json"],
        "show": ["show", someone.stem], "stats": ["stats"], "review": ["review"],
        "check": ["check"], "plan": ["plan"],
        "export ics": ["export", "ics", "-o", str(out / "due.ics")],
        "export vcard": ["export", "vcard", "-o", str(out / "contacts.vcf")],
        "index": ["index"],
    }


def measure_vault(label: str, vault: Path, runs: int, work: Path,
                  watcher_edits: int) -> dict[str, object]:
    cache = work / f"cache-{label}"
    out = work / f"out-{label}"
    out.mkdir()
    remembering = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(cache)}
    native = {**remembering, "VAULTTOOLS_REMEMBER": "0"}
    nofork = {**native, "PYTHONPATH": NONPOSIX}
    vt = [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat()]
    table = commands(vault, out)
    samples: dict[str, list[tuple[float, int]]] = {}

    def run(name: str, cmd: list[str], env: dict[str, str]) -> None:
        samples.setdefault(name, []).append(timed(cmd, env))

    for _ in range(runs):
        os.sync()
        read_every_file(vault)
        run("naive loop", [sys.executable, "-c", BASELINE, str(vault)], native)
        shutil.rmtree(cache, True)
        read_every_file(vault)
        run("cold due", [*vt, "due"], native)
        time.sleep(2.1)  # past the cache's racy window, as a next run would be
        timed([*vt, "due"], native)
        read_every_file(vault, cache)
        for _ in range(FLOOR_SAMPLES):
            run("floor", [sys.executable, "-c", FLOOR, str(vault)], native)
        for name, args in table.items():
            run(name, [*vt, *args], native)
            run(f"{name} (no fork)", [*vt, *args], nofork)
            if name in REMEMBERED:
                timed([*vt, *args], remembering)  # keeps the answer, if it was not kept
                run(f"{name} (remembered)", [*vt, *args], remembering)
    latency, _ = watcher_latency(vault, remembering, edits=watcher_edits)
    samples.update(answered_ahead(vault, work / f"ahead-cache-{label}", runs))
    walls = {name: statistics.median(w for w, _ in series) for name, series in samples.items()}
    peaks = {name: max(p for _, p in series) for name, series in samples.items()}
    return {"vault": label, "runs": runs, "seconds": walls, "peak_rss_mb": peaks,
            "watch_latency_s": latency}


AHEAD = {"due": ["due"], "due --json": ["due", "--json"]}


def answered_ahead(vault: Path, cache: Path, runs: int) -> dict[str, list[tuple[float, int]]]:
    """The first `due` and `due --json` after a save, a watcher running: in each round
    a due contact's note is appended to, and once the watcher has made both answers
    ahead, the floor and each command are timed (the samples, by name)."""
    env = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(cache)}
    vt = [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat()]
    for args in AHEAD.values():  # asked once: noted for the watcher
        timed([*vt, *args], env)
    people = sorted((vault / "People").iterdir())
    watcher = subprocess.Popen([*vt, "watch"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    answers = cache / "answers"
    samples: dict[str, list[tuple[float, int]]] = {}
    try:
        for turn in range(runs):
            edited = time.time_ns()
            with open(people[turn * 7], "a", encoding="utf-8") as note:
                note.write(f"- {TODAY.isoformat()} call: benchmark edit #inbound\n")
            deadline = time.monotonic() + 120
            while sum(1 for made in answers.glob("*/[!.]*")
                      if made.stat().st_mtime_ns > edited) < len(AHEAD):
                if time.monotonic() > deadline or watcher.poll() is not None:
                    raise SystemExit("the watcher made no answers ahead")
                time.sleep(0.1)
            read_every_file(vault, cache)
            samples.setdefault("floor (ahead)", []).extend(
                timed([sys.executable, "-c", FLOOR, str(vault)], env)
                for _ in range(FLOOR_SAMPLES))
            for name, args in AHEAD.items():
                samples.setdefault(f"{name} (ahead)", []).append(timed([*vt, *args], env))
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    return samples


def measure_growth(sizes: list[int], runs: int, work: Path) -> list[dict[str, object]]:
    figures = []
    for size in sizes:
        vault = build(work / f"growth-{size}", size)
        remembering = {**os.environ,
                       "VAULTTOOLS_CACHE_DIR": str(work / f"growth-cache-{size}")}
        env = {**remembering, "VAULTTOOLS_REMEMBER": "0"}
        vt = [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat()]
        timed([*vt, "due"], env)
        time.sleep(2.1)
        timed([*vt, "due"], env)
        timed([*vt, "due"], remembering)
        floors, dues, kept = [], [], []
        for _ in range(runs):
            read_every_file(vault, work / f"growth-cache-{size}")
            floors.extend(timed([sys.executable, "-c", FLOOR, str(vault)], env)
                          for _ in range(FLOOR_SAMPLES))
            dues.append(timed([*vt, "due"], env))
            kept.append(timed([*vt, "due"], remembering))
        figures.append({"size": size, "floor_s": statistics.median(w for w, _ in floors),
                        "due_s": statistics.median(w for w, _ in dues),
                        "due_rss_mb": max(p for _, p in dues),
                        "remembered_s": statistics.median(w for w, _ in kept),
                        "remembered_rss_mb": max(p for _, p in kept)})
        shutil.rmtree(vault)
    return figures


def vault_table(results: list[dict[str, object]]) -> str:
    labels = [str(r["vault"]) for r in results]
    rows = ["| command | " + " | ".join(f"{lb} | no fork | remembered" for lb in labels)
            + " |", "|---|" + "---:|---:|---:|" * len(labels)]
    seconds = [r["seconds"] for r in results]
    names: list[str] = [n for n in seconds[0] if not n.endswith("(no fork)")]  # type: ignore[attr-defined]

    def ratio(figures: dict[str, float], name: str, to: str = "floor") -> str:
        return f"{figures[name] / figures[to]:.1f}x" if name in figures else ""

    for name in names:
        if (name in ("floor", "naive loop", "cold due") or name.endswith("(remembered)")
                or name.endswith("(ahead)")):
            continue
        cells = [f"{ratio(s, name)} | {ratio(s, name + ' (no fork)')} "  # type: ignore[arg-type]
                 f"| {ratio(s, name + ' (remembered)')}" for s in seconds]  # type: ignore[arg-type]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    cells = [f"{ratio(s, 'cold due', 'naive loop')} (of the naive loop) | | " for s in seconds]  # type: ignore[arg-type]
    rows.append("| cold due | " + " | ".join(cells) + " |")
    cells = [f"{1000 * float(r['watch_latency_s']):.0f} ms | | " for r in results]  # type: ignore[arg-type]
    rows.append("| watcher: save -> Due.md | " + " | ".join(cells) + " |")
    for name in AHEAD:
        cells = [f"{ratio(s, name + ' (ahead)', 'floor (ahead)')} | | "  # type: ignore[arg-type]
                 for s in seconds]
        rows.append(f"| {name}, first after a save, watcher running | " + " | ".join(cells)
                    + " |")
    cells = [f"{1000 * s['floor']:.0f} ms | | " for s in seconds]  # type: ignore[index]
    rows.append("| the floor itself | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def value(figures: dict[str, object], key: str) -> float:
    return float(figures[key])  # type: ignore[arg-type]


def growth_table(figures: list[dict[str, object]]) -> str:
    rows = ["| contacts | floor | warm due | ratio | peak RSS | remembered | ratio | peak RSS |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figures:
        floor = value(f, "floor_s")
        rows.append(f"| {f['size']:,} | {1000 * floor:.0f} ms "
                    f"| {1000 * value(f, 'due_s'):.0f} ms | {value(f, 'due_s') / floor:.1f}x "
                    f"| {f['due_rss_mb']} MB | {1000 * value(f, 'remembered_s'):.0f} ms "
                    f"| {value(f, 'remembered_s') / floor:.1f}x | {f['remembered_rss_mb']} MB |")
    for small, large in itertools.pairwise(figures):
        grown = [(value(large, key) / value(large, "floor_s"))
                 / (value(small, key) / value(small, "floor_s"))
                 for key in ("due_s", "remembered_s")]
        took = value(large, "due_s") / value(small, "due_s")
        rows.append(f"\nFrom {small['size']:,} to {large['size']:,}: the ratio to the floor "
                    f"grew {grown[0]:.2f}x computed, {grown[1]:.2f}x remembered; a computed "
                    f"due took {took:.2f}x as long for {large['size'] / small['size']:.0f}x "
                    "the contacts.")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--heavy", default="2000,10,40000",
                        help="the heavy vault: contacts, years of daily notes, other notes")
    parser.add_argument("--growth", default="1000,10000,50000")
    parser.add_argument("--json", default="bench-results/floor.json")
    args = parser.parse_args()
    heavy_size = [int(n) for n in args.heavy.split(",")]
    with tempfile.TemporaryDirectory(prefix="vaulttools-floor-") as tmp:
        work = Path(tmp)
        print("building the vaults ...", file=sys.stderr, flush=True)
        vaults = {f"{args.contacts:,} contacts": build(work / "synthetic", args.contacts),
                  "heavy vault": heavy(work / "heavy", *heavy_size)}
        results = []
        for label, vault in vaults.items():
            print(f"measuring {label} ...", file=sys.stderr, flush=True)
            results.append(measure_vault(label, vault, args.runs, work,
                                         watcher_edits=max(9, 3 * args.runs)))
        print("measuring growth ...", file=sys.stderr, flush=True)
        growth = measure_growth([int(s) for s in args.growth.split(",") if s], args.runs, work)
    save_result(args.json, {"vaults": results, "growth": growth})
    print(vault_table(results))
    print()
    print(growth_table(growth))
    print(f"\nraw figures: {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()

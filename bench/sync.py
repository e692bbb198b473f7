"""The phone-sync benchmark: `vaulttools sync` on a synthetic vault, whole processes.

    python bench/sync.py [--vault 500] [--edited 50] [--runs 3]

Measured in one run: the first `sync` (every card and reminder written into two
empty vdirs), `sync` again with nothing changed (the usual run on a timer), and
`sync` after the phone edited --edited cards (a number added to each, brought
into the notes, their cards written back), each against a warm `due`.
vdirsyncer's own time (the server's round trip) is not vaulttools' and is left
out; tests/test_sync_server.py runs the real one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PROGRAM, read_every_file, save_result, timed
from synth import TODAY, build


def _edit_cards(folder: Path, count: int) -> None:
    """What a phone does: a number added to `count` cards."""
    for number, path in enumerate(sorted(folder.glob("*.vcf"))[:count]):
        data = path.read_bytes().replace(
            b"END:VCARD", f"TEL;TYPE=CELL:+44 7700 9{number:05d}\r\nEND:VCARD".encode())
        path.write_bytes(data)


def _vault(work: Path, size: int) -> Path:
    """The synthetic vault, its config syncing into two vdirs beside it."""
    vault = build(work / "sync-vault", size)
    vdirs = work / "vdirs"
    config = vault / ".vaulttools.toml"
    config.write_text(config.read_text() + f'\n[sync]\ncontacts = "{vdirs / "contacts"}"\n'
                      f'calendar = "{vdirs / "reminders"}"\n')
    return vault


def measure(size: int, edited: int, runs: int, work: Path) -> dict[str, object]:
    vault = _vault(work, size)
    vdirs = work / "vdirs"
    env = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(work / "cache")}
    vt = [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat()]
    timed([*vt, "due"], env)
    first, again, pulled, due = [], [], [], []
    for run in range(runs):
        state = {**env, "VAULTTOOLS_STATE_DIR": str(work / f"state-{run}")}
        shutil.rmtree(vdirs, ignore_errors=True)
        vdirs.mkdir()
        read_every_file(vault)
        first.append(timed([*vt, "sync"], state)[0])
        again.append(timed([*vt, "sync"], state)[0])
        _edit_cards(vdirs / "contacts", edited)
        pulled.append(timed([*vt, "sync"], state)[0])
        due.append(timed([*vt, "due"], env)[0])
        _vault(work, size)  # the notes as they were, for the next run
    return {"vault": size, "edited": edited, "first_s": statistics.median(first),
            "again_s": statistics.median(again), "pulled_s": statistics.median(pulled),
            "warm_due_s": statistics.median(due)}


def table(r: dict[str, object]) -> str:
    due = float(r["warm_due_s"])  # type: ignore[arg-type]
    rows = [("first `sync`, into empty vdirs", "first_s"),
            ("`sync` again, nothing changed", "again_s"),
            (f"`sync` after the phone edited {r['edited']} cards", "pulled_s")]
    return "\n".join([
        "| case | time | ratio |", "|---|---:|---:|",
        *(f"| {label}, {r['vault']:,} contacts | {float(r[key]):.2f} s "  # type: ignore[arg-type]
          f"| {float(r[key]) / due:.1f}x a warm `due` |" for label, key in rows),
        f"| warm `due` | {due:.2f} s | |"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vault", type=int, default=500)
    parser.add_argument("--edited", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", default="bench-results/sync.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vaulttools-sync-bench-") as tmp:
        result = measure(args.vault, args.edited, args.runs, Path(tmp))
    save_result(args.json, result)
    print(table(result))


if __name__ == "__main__":
    main()

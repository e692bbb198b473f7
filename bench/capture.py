"""The capture benchmark: an mbox shaped like a Gmail Takeout, and a calendar folder.

    python bench/capture.py [--messages 20000] [--vault 2000] [--events 10000] [--runs 3]

Measured in one run, as whole processes:
- floor: a plain Python loop that reads the mbox in 1 MB chunks and counts
  `\\nFrom ` lines;
- first `capture --dry-run` of the mbox into a vault of --vault contacts (an
  empty ledger), and its peak RSS;
- `capture` again with no new mail (the ledger says the mbox is unchanged),
  against a warm `due`;
- first `capture --dry-run` of a folder of --events calendar events (one
  `.ics` a series, 500 of them recurring weekly).
Messages average about 15 KB (headers as Gmail writes them, a text body, one in
ten with a base64 attachment); a tenth are with known contacts. Lines end in CRLF,
as in Gmail's Takeout (mboxrd); `--lf` writes LF lines, as Thunderbird does.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PROGRAM, read_every_file, save_result, timed
from synth import TODAY, build

FLOOR = ("import sys\nn = 0\nwith open(sys.argv[1], 'rb') as f:\n"
         "    while chunk := f.read(1 << 20):\n        n += chunk.count(b'\\nFrom ')\n"
         "print(n)\n")
BODY = b"Thanks for the update on the project, let's talk more next week about it.\n"
ATTACHMENT = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\n"


def mbox(dest: Path, messages: int, contacts: int, seed: int = 5, crlf: bool = True) -> Path:
    rng = random.Random(seed)
    newline = b"\r\n" if crlf else b"\n"
    with dest.open("wb") as out:
        for n in range(messages):
            known = n % 10 == 0
            other = (f"person{rng.randrange(contacts)}@example.com" if known
                     else f"someone{rng.randrange(50_000)}@elsewhere.example")
            sent = n % 3 == 0
            sender, to = ("me@example.com", other) if sent else (other, "me@example.com")
            day = TODAY - timedelta(days=rng.randrange(1500))
            stamp = day.strftime("%a, %d %b %Y") + f" {n % 24:02d}:{n % 60:02d}:00 +0000"
            head = (f"From {1815000000000000000 + n}@xxx {day.strftime('%a %b %d')} 10:00:00 "
                    f"+0000 {day.year}\nX-GM-THRID: {1815000000000000000 + n // 3}\n"
                    f"X-Gmail-Labels: {'Sent' if sent else 'Inbox,Opened'}\n"
                    + "".join(f"Received: by 2002:a05:6{i:03d}:abc with SMTP id x{n}; {stamp}\n"
                              for i in range(6))
                    + f"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=2026; b={'x' * 340}\n"
                    f"MIME-Version: 1.0\nDate: {stamp}\nMessage-ID: <m{n}@mail.example>\n"
                    f"Subject: Project update number {n}\nFrom: Someone <{sender}>\nTo: {to}\n"
                    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n").encode()
            body = BODY * rng.randint(20, 160)
            if n % 10 == 3:
                body += ATTACHMENT * rng.randint(600, 1400)
            out.write((head + body + b"\n").replace(b"\n", newline))
    return dest


def calendars(dest: Path, events: int, contacts: int, seed: int = 9) -> Path:
    """`events` occurrences in a folder of .ics files: 500 weekly series of 10, the
    rest single events; each with a contact and an unknown guest."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    singles = max(0, events - 500 * 10)
    for n in range(500 + singles):
        start = TODAY - timedelta(days=rng.randrange(1, 1000))
        rule = "RRULE:FREQ=WEEKLY;COUNT=10\r\n" if n < 500 else ""
        text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
                f"UID:e{n}@bench\r\nDTSTAMP:20261101T000000Z\r\n"
                f"DTSTART:{start.strftime('%Y%m%d')}T090000Z\r\n"
                f"DTEND:{start.strftime('%Y%m%d')}T100000Z\r\n{rule}SUMMARY:Sync {n}\r\n"
                "ORGANIZER:mailto:me@example.com\r\n"
                f"ATTENDEE:mailto:person{rng.randrange(contacts)}@example.com\r\n"
                f"ATTENDEE:mailto:guest{n}@elsewhere.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        (dest / f"e{n}.ics").write_text(text)
    return dest


def measure(messages: int, vault_size: int, events: int, runs: int,
            work: Path, crlf: bool = True) -> dict[str, object]:
    vault = build(work / "capture-vault", vault_size)
    config = vault / ".vaulttools.toml"
    config.write_text(config.read_text() + 'timezone = "UTC"\n[capture]\n'
                      'me = ["me@example.com"]\n')
    box = mbox(work / "mail.mbox", messages, vault_size, crlf=crlf)
    folder = calendars(work / "calendars", events, vault_size)
    if hasattr(os, "sync"):
        os.sync()  # 1.5 GB just written: its write-back is not the runs' to pay for
    env = {**os.environ, "VAULTTOOLS_CACHE_DIR": str(work / "cache")}
    vt = [*PROGRAM, "--vault", str(vault), "--today", TODAY.isoformat()]
    timed([*vt, "due"], env)  # a warm parse cache, as on a user's second command
    floor, first, rss, again, due, cal = [], [], [], [], [], []
    for run in range(runs):
        state = {**env, "VAULTTOOLS_STATE_DIR": str(work / f"state-{run}")}
        read_every_file(box.parent)
        floor.append(timed([sys.executable, "-c", FLOOR, str(box)], env)[0])
        wall, peak = timed([*vt, "capture", str(box), "--dry-run"], state)
        first.append(wall)
        rss.append(peak)
        cal.append(timed([*vt, "capture", str(folder), "--dry-run"], state)[0])
    state = {**env, "VAULTTOOLS_STATE_DIR": str(work / "state-written")}
    timed([*vt, "capture", str(box)], state)  # written once: the ledger knows the mbox
    for _ in range(runs):
        again.append(timed([*vt, "capture", str(box)], state)[0])
        due.append(timed([*vt, "due"], env)[0])
    return {"messages": messages, "mbox_mb": box.stat().st_size // 2**20, "vault": vault_size,
            "line_ends": "CRLF" if crlf else "LF",
            "events": events, "floor_s": statistics.median(floor),
            "first_dry_run_s": statistics.median(first), "first_rss_mb": max(rss),
            "again_s": statistics.median(again), "warm_due_s": statistics.median(due),
            "calendar_dry_run_s": statistics.median(cal)}


def table(r: dict[str, object]) -> str:
    floor, first = float(r["floor_s"]), float(r["first_dry_run_s"])  # type: ignore[arg-type]
    again, due = float(r["again_s"]), float(r["warm_due_s"])  # type: ignore[arg-type]
    return "\n".join([
        "| case | time | ratio |", "|---|---:|---:|",
        f"| floor: read {r['mbox_mb']} MB ({r['line_ends']} lines) in 1 MB chunks, count "
        f"`From ` | {floor:.2f} s | 1 |",
        f"| first `capture --dry-run`, {r['messages']:,} mails, {r['vault']:,} contacts "
        f"| {first:.2f} s | {first / floor:.1f}x the floor |",
        f"| peak RSS of that capture | {r['first_rss_mb']} MB | |",
        f"| `capture` again, no new mail | {again:.2f} s | {again / due:.2f}x a warm `due` |",
        f"| warm `due` | {due:.2f} s | |",
        f"| first `capture --dry-run`, {r['events']:,} calendar events "
        f"| {float(r['calendar_dry_run_s']):.2f} s | |",  # type: ignore[arg-type]
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--vault", type=int, default=2_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lf", action="store_true", help="LF lines, as Thunderbird writes")
    parser.add_argument("--json", default="bench-results/capture.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vaulttools-capture-bench-") as tmp:
        result = measure(args.messages, args.vault, args.events, args.runs, Path(tmp),
                         crlf=not args.lf)
    save_result(args.json, result)
    print(table(result))


if __name__ == "__main__":
    main()

"""A deterministic synthetic vault: N realistic contacts, 1-15 log lines each, daily notes.

    python bench/synth.py DEST N

Used by the benchmark (bench/run.py) and its smoke test. The same N always
gives the same bytes.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Ada", "Ben", "Chloé", "Dev", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jonas",
         "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
         "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoë"]
LAST = ["Okafor", "Müller", "Smith", "Tanaka", "Rossi", "Nguyen", "Costa", "Kim", "Patel",
        "Schmidt", "García", "Dubois", "Novak", "Larsen", "Haddad", "Ivanova", "Chen", "Silva"]
GROUPS = ["mentor", "peer", "peer", "peer", "client", "industry-leader", "aspirational",
          "classmate", "close", "acquaintance"]
TAGS = ["ai", "climate", "fintech", "design", "rust", "data", "security", "startups", "policy"]
COMPANIES = ["Acme", "Northwind", "Helix Labs", "Ledgerly", "Mercado", "Kumo DB", "Onda",
             "Fortis", "Lumen", "Brightside"]
TITLES = ["Engineer", "Senior Engineer", "VP Engineering", "Head of Data", "CTO", "Designer",
          "Product Manager", "Founder", "Junior Analyst", "Director"]
CHANNELS = ["coffee", "call", "email", "lunch", "video", "linkedin", "meetup"]
TODAY = date(2026, 11, 21)


def contact_note(rng: random.Random, index: int) -> tuple[str, str]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index:05d}"
    days = sorted(rng.randrange(1, 900) for _ in range(rng.randint(1, 15)))
    log = []
    for ago in days:
        flag = rng.choice(["", "", "", " #gave", " #asked", " #inbound", " #noreply"])
        log.append(f"- {(TODAY - timedelta(days=ago)).isoformat()} {rng.choice(CHANNELS)}: "
                   f"Talked about {rng.choice(TAGS)} and {rng.choice(COMPANIES)}.{flag}")
    birthday = date(1960 + rng.randrange(40), rng.randint(1, 12), rng.randint(1, 28))
    front = [
        "---",
        f"name: {name}",
        f"aliases: [{name.split()[0]}{index}]",
        f"group: {rng.choice(GROUPS)}",
        f"tags: [{rng.choice(TAGS)}, {rng.choice(TAGS)}]",
        f"company: {rng.choice(COMPANIES)}",
        f"title: {rng.choice(TITLES)}",
        f"email: person{index}@example.com",
        f'phone: "+44 20 7946 {index % 10000:04d}"',
        f"linkedin: https://www.linkedin.com/in/person-{index}",
        f"location: {rng.choice(['London', 'Berlin', 'Lagos', 'Tokyo', 'Lisbon'])}",
        *([f"cadence: {rng.choice(['1m', '2m', 'quarterly', '6m'])}"] if index % 4 == 0 else []),
        f"last_contact: {(TODAY - timedelta(days=days[0])).isoformat()}  # kept by log",
        f"birthday: {birthday.isoformat()}",
        f"met: {(TODAY - timedelta(days=900 + index % 2000)).isoformat()}",
        f"interests: [{rng.choice(TAGS)}, hiking]",
        f"status: {'archived' if index % 97 == 0 else 'active'}",
        f"reviewed: {(TODAY - timedelta(days=rng.randrange(400))).isoformat()}",
        "---",
    ]
    body = [f"# {name}", "", f"Works at {rng.choice(COMPANIES)} on {rng.choice(TAGS)}. "
            "Met at a meetup; interested in grid storage and hiking.", "", "## Log",
            *log]
    return name, "\n".join(front + body) + "\n"


def write_contacts(folder: Path, count: int, rng: random.Random) -> list[str]:
    """`count` contact notes in `folder`; their names."""
    names = []
    for index in range(count):
        name, text = contact_note(rng, index)
        names.append(name)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return names


def build(dest: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    people = dest / "People"
    daily = dest / "Daily"
    people.mkdir(parents=True, exist_ok=True)
    daily.mkdir(exist_ok=True)
    (dest / ".vaulttools.toml").write_text('contacts = ["People"]\ndaily_notes = "Daily"\n')
    names = write_contacts(people, count, rng)
    for offset in range(max(1, count // 10)):
        day = TODAY - timedelta(days=offset % 700)
        mentioned = ", ".join(f"[[{rng.choice(names)}]]" for _ in range(rng.randint(3, 5)))
        path = daily / f"{day.isoformat()}.md"
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"- Met {mentioned} today.\n")
    return dest


def heavy(dest: Path, contacts: int = 2000, years: int = 10, others: int = 40_000,
          seed: int = 13) -> Path:
    """A heavy Obsidian vault: `contacts` people, a daily note for every day of
    `years` years in Obsidian's default place (found anywhere, as the default
    config reads them), and `others` notes of every other kind in topic folders,
    some linking people. The config is the default one: nothing tells vaulttools
    which folders to skip."""
    rng = random.Random(seed)
    people = dest / "People"
    people.mkdir(parents=True, exist_ok=True)
    (dest / ".vaulttools.toml").write_text('contacts = ["People"]\n')
    names = write_contacts(people, contacts, rng)
    for offset in range(365 * years):
        day = TODAY - timedelta(days=offset)
        folder = dest / "Journal" / f"{day.year}" / f"{day.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        links = " and ".join(f"[[{rng.choice(names)}]]" for _ in range(rng.randint(0, 2)))
        lines = [f"# {day.isoformat()}", "", "## Tasks", "- [x] Review inbox",
                 f"- [ ] Read about {rng.choice(TAGS)}", "", "## Notes",
                 f"Worked on {rng.choice(COMPANIES)}'s {rng.choice(TAGS)} project."]
        if links:
            lines.append(f"- Coffee with {links}.")
        (folder / f"{day.isoformat()}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for index in range(others):
        folder = dest / rng.choice(["Projects", "Areas", "Resources", "Archive"]) / \
            f"{rng.choice(TAGS)}-{index % 40:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        link = f" See [[{rng.choice(names)}]]." if index % 25 == 0 else ""
        text = (f"---\ntags: [{rng.choice(TAGS)}]\ncreated: "
                f"{(TODAY - timedelta(days=rng.randrange(3650))).isoformat()}\n---\n"
                f"# Note {index}\n\n{rng.choice(COMPANIES)} and {rng.choice(TAGS)}: "
                "a paragraph of the user's own thinking, as long as a short note is."
                f"{link}\n\n- a point\n- another point\n")
        (folder / f"Note {index:05d}.md").write_text(text, encoding="utf-8")
    return dest


def linkedin_export(dest: Path, rows: int, known: int, seed: int = 11) -> Path:
    """A LinkedIn Connections.csv of `rows` people: every third is one of the first
    `known` contacts of a vault from build() (same profile URL, sometimes a new role),
    the rest are new people."""
    rng = random.Random(seed)
    lines = ["Notes:", '"When exporting your connection data, ..."', "",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for row in range(rows):
        index = row // 3 if row % 3 == 0 and row // 3 < known else 100_000 + row
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"person{index}@example.com" if row % 2 else ""
        connected = (TODAY - timedelta(days=rng.randrange(3000))).strftime("%d %b %Y")
        lines.append(f"{first},{last} {index:05d},https://www.linkedin.com/in/person-{index}/,"
                     f"{email},{rng.choice(COMPANIES)},{rng.choice(TITLES)},{connected}")
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


if __name__ == "__main__":
    build(Path(sys.argv[1]), int(sys.argv[2]))

"""Daily-note names as Obsidian writes them: moment.js date formats.

Obsidian's daily-notes and periodic-notes plugins name a note with a
moment.js format, `YYYY-MM-DD` by default; `YYYY-MM-DD dddd` gives
"2026-11-10 Tuesday", and `/` nests folders: `YYYY/MM/YYYY-MM-DD` keeps the
note in `2026/11/`. `DailyFormat` reads such a format once, then tells the
date of a note from its path (`date_of`) and writes a date's name (`format`,
which the tests use to check the two agree).

The tokens are moment's, in English: `YYYY` `YY` (year), `MMMM` `MMM` `MM`
`M` (month), `DD` `D` `Do` (day), `dddd` `ddd` (weekday), `ww` `w` (week of
the year, weeks starting on Sunday), `WW` `W` (ISO week), `[text]` (text
as is). Other letters are text, as moment treats them. A token may repeat
(`YYYY-MM-DD (DD)`), and every occurrence, the weekday and the week must
agree with the date, or the note is not a daily note.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

MONTHS = [calendar.month_name[m] for m in range(1, 13)]
MONTHS_SHORT = [calendar.month_abbr[m] for m in range(1, 13)]
WEEKDAYS = [calendar.day_name[d] for d in range(7)]  # Monday first, as date.weekday()
WEEKDAYS_SHORT = [calendar.day_abbr[d] for d in range(7)]

# Longest first: the tokenizer takes the first that matches at each position.
TOKENS = ("YYYY", "YY", "MMMM", "MMM", "MM", "M", "Do", "DD", "D", "dddd", "ddd",
          "ww", "w", "WW", "W")
_TOKEN = re.compile(r"\[([^\]]*)\]|" + "|".join(TOKENS) + "|.", re.DOTALL)
_PATTERNS = {
    "YYYY": r"\d{4}", "YY": r"\d{2}",
    "MMMM": "|".join(MONTHS), "MMM": "|".join(MONTHS_SHORT), "MM": r"\d{2}", "M": r"\d{1,2}",
    "Do": r"\d{1,2}(?:st|nd|rd|th)", "DD": r"\d{2}", "D": r"\d{1,2}",
    "dddd": "|".join(WEEKDAYS), "ddd": "|".join(WEEKDAYS_SHORT),
    "ww": r"\d{2}", "w": r"\d{1,2}", "WW": r"\d{2}", "W": r"\d{1,2}",
}


class DailyFormatError(ValueError):
    """A format no daily note could ever match; the message says why."""


def locale_week(day: date) -> int:
    """moment's `w` in English: weeks start on Sunday, week 1 holds January 1st."""
    sunday = day - timedelta(days=(day.weekday() + 1) % 7)
    week_year = (sunday + timedelta(days=6)).year
    jan1 = date(week_year, 1, 1)
    first_sunday = jan1 - timedelta(days=(jan1.weekday() + 1) % 7)
    return (sunday - first_sunday).days // 7 + 1


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _text(token: str, day: date) -> str:
    return {
        "YYYY": f"{day.year:04d}", "YY": f"{day.year % 100:02d}",
        "MMMM": MONTHS[day.month - 1], "MMM": MONTHS_SHORT[day.month - 1],
        "MM": f"{day.month:02d}", "M": str(day.month),
        "Do": _ordinal(day.day), "DD": f"{day.day:02d}", "D": str(day.day),
        "dddd": WEEKDAYS[day.weekday()], "ddd": WEEKDAYS_SHORT[day.weekday()],
        "ww": f"{locale_week(day):02d}", "w": str(locale_week(day)),
        "WW": f"{day.isocalendar()[1]:02d}", "W": str(day.isocalendar()[1]),
    }[token]


@dataclass(frozen=True)
class DailyFormat:
    """A moment.js daily-note format, read once; `date_of(path)` for every file."""

    text: str
    parts: tuple[tuple[str, str], ...] = field(init=False, repr=False)  # (kind, value)
    depth: int = field(init=False)  # path components a name spans (1 + the `/`s)
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _name: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts: list[tuple[str, str]] = []
        for match in _TOKEN.finditer(self.text):
            if match.group(1) is not None:
                parts.append(("text", match.group(1)))
            elif match.group() in _PATTERNS:
                parts.append(("token", match.group()))
            else:
                parts.append(("text", match.group()))
        tokens = {value for kind, value in parts if kind == "token"}
        missing = [what for what, choices in (("year", {"YYYY", "YY"}),
                                              ("month", {"MMMM", "MMM", "MM", "M"}),
                                              ("day", {"Do", "DD", "D"}))
                   if not tokens & choices]
        if missing:
            raise DailyFormatError(
                f"{self.text!r} has no {' and no '.join(missing)} token: a daily-note format "
                "needs a year, a month and a day, such as YYYY-MM-DD")
        # One pattern per path component: the name's is a cheap first test per file.
        components, seen = [""], 0
        for kind, value in parts:
            if kind == "token":
                seen += 1
                components[-1] += f"(?P<t{seen}_{value}>{_PATTERNS[value]})"
                continue
            for index, piece in enumerate(value.split("/")):
                if index:
                    components.append("")
                components[-1] += re.escape(piece)
        object.__setattr__(self, "parts", tuple(parts))
        object.__setattr__(self, "depth", len(components))
        object.__setattr__(self, "_regex", re.compile("/".join(components) + r"\.md"))
        object.__setattr__(self, "_name", re.compile(components[-1] + r"\.md"))
        sample = date(2026, 11, 10)
        if self.date_of(self.format(sample)) != sample:
            raise DailyFormatError(f"{self.text!r} cannot be read back as a date")

    def format(self, day: date) -> str:
        """The note's path (below the daily-notes folder) for `day`, `.md` included."""
        return "".join(value if kind == "text" else _text(value, day)
                       for kind, value in self.parts) + ".md"

    def name_may_match(self, name: str) -> bool:
        """A cheap first test on a file name alone (the last component)."""
        return self._name.fullmatch(name) is not None

    def date_of(self, path: str) -> date | None:
        """The date a note at `path` (`/`-separated; its last `depth` parts are looked
        at) is the daily note of, or None."""
        tail = "/".join(path.replace("\\", "/").split("/")[-self.depth:])
        match = self._regex.fullmatch(tail)
        if match is None:
            return None
        return _agreeing_date(match.groupdict())


def _agreeing_date(found: dict[str, str]) -> date | None:
    """The one date all matched tokens describe, or None when they disagree."""
    years, months, days = set(), set(), set()
    checks: list[tuple[str, str]] = []
    for key, value in found.items():
        token = key.split("_", 1)[1]
        if token == "YYYY":
            years.add(int(value))
        elif token == "YY":
            years.add(2000 + int(value) if int(value) < 69 else 1900 + int(value))
        elif token in ("MMMM", "MMM"):
            months.add((MONTHS if token == "MMMM" else MONTHS_SHORT).index(value) + 1)
        elif token in ("MM", "M"):
            months.add(int(value))
        elif token in ("DD", "D", "Do"):
            days.add(int(value.rstrip("stndrh")))
        else:
            checks.append((token, value))
    if len(years) != 1 or len(months) != 1 or len(days) != 1:
        return None
    try:
        day = date(years.pop(), months.pop(), days.pop())
    except ValueError:
        return None
    for token, value in checks:  # weekday and week: must be this date's
        if _text(token, day).lstrip("0") != value.lstrip("0"):
            return None
    return day

"""How often and when: cadences, yearly dates and month arithmetic.

Pure: nothing here reads the disk or the clock.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

# The last day a date typed by the user may name: an all-day event on it still
# ends the day after, and a cadence reaching past it stops at date.max.
LAST_DAY = date.max - timedelta(days=1)
# The first day a date the user types may name: anything earlier is a typo (1026 for
# 2026), not someone's last coffee or birthday.
FIRST_DAY = date(1900, 1, 1)


def add_months(day: date, months: int) -> date:
    """Move by whole months, clamping to the month's end (Jan 31 + 1m = Feb 28/29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if year < date.min.year or year > date.max.year:
        raise OverflowError("date out of range")
    if day.day <= 28:
        return date(year, month, day.day)  # every month has it: no calendar lookup
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
    return date(year, month, min(day.day, last))


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


_CADENCE_RE = re.compile(r"^\s*(\d+)\s*(d|w|m|y)\s*$", re.IGNORECASE)
_CADENCE_WORDS: dict[str, tuple[int, str]] = {
    "daily": (1, "d"),
    "weekly": (1, "w"),
    "biweekly": (2, "w"),
    "fortnightly": (2, "w"),
    "monthly": (1, "m"),
    "bimonthly": (2, "m"),
    "quarterly": (3, "m"),
    "biannual": (6, "m"),
    "semiannual": (6, "m"),
    "biannually": (6, "m"),
    "yearly": (1, "y"),
    "annual": (1, "y"),
    "annually": (1, "y"),
}
_UNIT_DAYS = {"d": 1.0, "w": 7.0, "m": 365.25 / 12, "y": 365.25}
_UNIT_WORDS = {"d": "day", "w": "week", "m": "month", "y": "year"}


@dataclass(frozen=True)
class Cadence:
    """How often to reach out: a count of days, weeks, months or years, or never."""

    count: int
    unit: str  # "d", "w", "m", "y"; count 0 means never
    text: str = field(default="", compare=False)

    @classmethod
    def parse(cls, text: str) -> Cadence:
        """Parse `10d`, `2w`, `3m`, `1y` or a word such as `quarterly`; ValueError if bad."""
        raw = str(text).strip()
        word = raw.lower()
        if word in ("never", "none"):
            return cls(0, "d", raw)
        if word in _CADENCE_WORDS:
            count, unit = _CADENCE_WORDS[word]
            return cls(count, unit, raw)
        match = _CADENCE_RE.match(raw)
        if match and int(match.group(1)) == 0:
            raise ValueError(f"bad cadence {raw!r}: a cadence of 0 would make them due "
                             "every day, always; the shortest is 1d (or `never`)")
        if not match:
            raise ValueError(
                f"bad cadence {raw!r}: use 10d, 2w, 3m, 1y, a word such as "
                "monthly or quarterly, or never"
            )
        return cls(int(match.group(1)), match.group(2).lower(), raw)

    # Cached: scheduling asks every contact's cadence, and cadences are shared.
    @functools.cached_property
    def never(self) -> bool:
        """No due dates: `never` (birthdays only) or `none` (a weak tie)."""
        return self.count == 0

    @property
    def marks_weak_tie(self) -> bool:
        """`cadence: none`: no rhythm, but a tie to revive once it goes quiet."""
        return self.count == 0 and self.text.strip().lower() == "none"

    @functools.cached_property
    def days(self) -> float:
        """Average length in days; months count as 365.25 / 12."""
        return self.count * _UNIT_DAYS[self.unit]

    def after(self, day: date, times: float = 1.0) -> date:
        """The date `times` cadences after `day` (months clamp to the month's end)."""
        count, unit = self.count, self.unit
        key = (count, unit, day, times)
        found = _AFTER.get(key)
        if found is not None:
            return found
        if count == 0:
            raise ValueError("a 'never' cadence has no next date")
        whole = count * times
        try:
            if (unit == "m" or unit == "y") and whole == int(whole):
                found = add_months(day, int(whole) * (12 if unit == "y" else 1))
            else:
                found = day + timedelta(days=round(count * _UNIT_DAYS[unit] * times))
        except OverflowError:
            found = date.max
        if len(_AFTER) > 100_000:
            _AFTER.clear()
        _AFTER[key] = found
        return found

    def describe(self) -> str:
        """In words: `monthly`, `every six months`, `every 10 days`, `never`."""
        key = (self.count, self.unit)
        words = _DESCRIPTIONS.get(key)
        if words is None:
            words = _describe(*key)
            _DESCRIPTIONS[key] = words
        return words

    def describe_span(self) -> str:
        """As a length of time: `6 months`, `3 weeks`, `1 year`."""
        return f"{self.count} {_UNIT_WORDS[self.unit]}{'s' if self.count != 1 else ''}"

    def __str__(self) -> str:
        return self.text or ("never" if self.never else f"{self.count}{self.unit}")


_DESCRIPTIONS: dict[tuple[int, str], str] = {}  # describe() runs once per contact per run
# after() runs three times per contact per run, on a few thousand distinct dates.
_AFTER: dict[tuple[int, str, date, float], date] = {}


def _describe(count: int, unit: str) -> str:
    if count == 0:
        return "never"
    for word, (word_count, word_unit) in _CADENCE_WORDS.items():
        if (word_count, word_unit) == (count, unit) and word in (
            "weekly", "fortnightly", "monthly", "bimonthly", "quarterly",
            "biannual", "yearly",
        ):
            return "every six months" if word == "biannual" else word
    return f"every {count} {_UNIT_WORDS[unit]}{'s' if count != 1 else ''}"


@dataclass(frozen=True, slots=True)
class YearlyDate:
    """A date that comes back every year: a birthday (year optional) or an anniversary.

    Slotted: most contacts have one, and a warm start restores them all.
    """

    month: int
    day: int
    year: int | None = None

    @classmethod
    def parse(cls, text: str) -> YearlyDate:
        """Parse `1985-03-02` or `--03-02` (year unknown); ValueError if impossible."""
        raw = str(text).strip()
        match = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", raw)
        if not match:
            raise ValueError(
                f"bad date {raw!r}: use YYYY-MM-DD, or --MM-DD when the year is unknown"
            )
        year = None if match.group(1) == "-" else int(match.group(1))
        month, day = int(match.group(2)), int(match.group(3))
        check_year = year if year is not None else 2000  # a leap year admits --02-29
        try:
            date(check_year, month, day)
        except ValueError:
            raise ValueError(f"impossible date {raw!r}") from None
        return cls(month, day, year)

    def in_year(self, year: int) -> date:
        """This date in `year`; Feb 29 falls on Feb 28 in other years."""
        if self.month == 2 and self.day == 29 and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_on_or_after(self, today: date) -> date:
        this_year = self.in_year(today.year)
        return this_year if this_year >= today else self.in_year(today.year + 1)

    def as_value(self) -> date | str:
        """As front matter holds it: a date when the year is known, else `--MM-DD` text."""
        return str(self) if self.year is None else date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

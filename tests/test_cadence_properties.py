"""Property-based tests for cadence arithmetic and yearly dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaulttools.cadence import Cadence, YearlyDate, add_months
from vaulttools.model import Contact

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(days, st.integers(min_value=-1200, max_value=1200))
def test_add_months_clamps_and_lands_in_the_right_month(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


@given(days, st.integers(min_value=1, max_value=60), st.sampled_from("dwmy"))
def test_cadence_after_moves_forward_by_about_its_length(day: date, count: int, unit: str) -> None:
    cadence = Cadence.parse(f"{count}{unit}")
    result = cadence.after(day)
    assert result > day
    assert abs((result - day).days - cadence.days) <= 3 + count * 0.02 * (unit in "my")


@given(days, st.integers(min_value=1, max_value=24))
def test_month_cadence_equals_add_months(day: date, count: int) -> None:
    assert Cadence.parse(f"{count}m").after(day) == add_months(day, count)
    assert Cadence.parse(f"{count}y").after(day) == add_months(day, 12 * count)


@given(st.text(max_size=12))
def test_cadence_parse_raises_only_value_error(text: str) -> None:
    try:
        cadence = Cadence.parse(text)
    except ValueError:
        return
    assert cadence.never or cadence.days > 0


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [("weekly", 1, "w"), ("biweekly", 2, "w"), ("fortnightly", 2, "w"), ("monthly", 1, "m"),
     ("bimonthly", 2, "m"), ("quarterly", 3, "m"), ("biannual", 6, "m"),
     ("semiannual", 6, "m"), ("yearly", 1, "y"), ("annual", 1, "y"), ("10d", 10, "d"),
     (" 2W ", 2, "w"), ("never", 0, "d")],
)
def test_cadence_words(text: str, count: int, unit: str) -> None:
    cadence = Cadence.parse(text)
    assert (cadence.count, cadence.unit) == (count, unit)


@pytest.mark.parametrize("bad", ["", "0d", "3x", "often", "-1m", "1.5m"])
def test_bad_cadences(bad: str) -> None:
    with pytest.raises(ValueError, match="bad cadence"):
        Cadence.parse(bad)


@st.composite
def yearly_dates(draw: st.DrawFn) -> YearlyDate:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(2000, month)[1]))
    year = draw(st.one_of(st.none(), st.integers(1900, 2100)))
    if year is not None and not (month == 2 and day == 29 and not calendar.isleap(year)):
        return YearlyDate(month, day, year)
    return YearlyDate(month, day, None)


@given(yearly_dates(), days)
def test_next_yearly_date_is_within_a_year_and_on_its_day(yearly: YearlyDate, today: date) -> None:
    nxt = yearly.next_on_or_after(today)
    assert today <= nxt < today + timedelta(days=367)
    if yearly.month == 2 and yearly.day == 29 and not calendar.isleap(nxt.year):
        assert (nxt.month, nxt.day) == (2, 28)
    else:
        assert (nxt.month, nxt.day) == (yearly.month, yearly.day)


@given(yearly_dates())
def test_yearly_date_round_trips_through_text(yearly: YearlyDate) -> None:
    assert YearlyDate.parse(str(yearly)) == yearly


log_entries = st.lists(st.tuples(st.integers(min_value=738_000, max_value=738_008),
                                 st.sampled_from(["call", "email", "coffee"]), st.booleans()),
                       max_size=12)


@given(log_entries, st.integers(min_value=737_998, max_value=738_010),
       st.one_of(st.none(), st.integers(min_value=737_998, max_value=738_010)))
def test_log_summary_gives_what_reading_the_whole_log_gives(
    log: list[tuple[int, str, bool]], today: int, field: int | None
) -> None:
    """Scheduling reads the log's summary when no entry is after today: same answers."""
    from pathlib import Path

    from vaulttools.schedule.standing import last_contact, unanswered_attempts

    def whole_log() -> tuple[int | None, list[tuple[int, str]]]:  # the rules, off the log
        answered = [(o, ch) for o, ch, noreply in log if not noreply and o <= today]
        best = max(answered, key=lambda a: a[0], default=None)
        if best is not None:
            best = next(a for a in answered if a[0] == best[0])  # first line of that day
        day = max(o for o in (best[0] if best else None, field) if o is not None) if (
            best or field) else None
        after = day or 0
        attempts = sorted([(o, ch) for o, ch, noreply in log if noreply and after < o <= today],
                          key=lambda a: a[0], reverse=True)
        return day, attempts

    contact = Contact("Ann", Path("/v/Ann.md"), "Ann.md",
                      last_contact=date.fromordinal(field) if field else None)
    contact.__dict__["log"] = tuple(log)
    on = date.fromordinal(today)
    last = last_contact(contact, (), on)
    attempts = unanswered_attempts(contact, last, on)
    day, expected = whole_log()
    assert (last.day.toordinal() if last else None) == day
    assert [(a.date.toordinal(), a.channel) for a in attempts] == expected
    if last is not None and last.source == "log":  # the first line of that day says how
        assert last.detail == next(ch for o, ch, noreply in log
                                   if not noreply and o == last.day.toordinal())


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
       st.dates(min_value=date(1904, 1, 1), max_value=date(2000, 12, 31)),
       st.booleans(), st.integers(min_value=0, max_value=400))
def test_yearly_items_are_the_dates_within_the_window(
    today: date, born: date, year_known: bool, days: int
) -> None:
    from pathlib import Path

    from vaulttools.schedule.occasions import yearly_items

    birthday = YearlyDate(born.month, born.day, born.year if year_known else None)
    contact = Contact("Ann", Path("/v/Ann.md"), "Ann.md", birthday=birthday)
    items = yearly_items(contact, today, days, Cadence.parse("3m"))
    on = birthday.next_on_or_after(today)
    assert [item.on for item in items] == ([on] if (on - today).days <= days else [])


def test_a_leap_day_birthday_is_due_on_feb_28_in_common_years() -> None:
    from pathlib import Path

    from vaulttools.schedule.occasions import yearly_items

    contact = Contact("Ann", Path("/v/Ann.md"), "Ann.md", birthday=YearlyDate(2, 29, 1992))
    assert [i.on for i in yearly_items(contact, date(2027, 2, 27), 1, Cadence.parse("3m"))] == [
        date(2027, 2, 28)]
    assert [i.on for i in yearly_items(contact, date(2028, 2, 28), 1, Cadence.parse("3m"))] == [
        date(2028, 2, 29)]
    assert yearly_items(contact, date(2027, 3, 1), 300, Cadence.parse("3m")) == []

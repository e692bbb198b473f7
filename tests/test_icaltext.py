"""io/icaltext.py answers to the icalendar library it stands in for.

The reference below builds each event with the library's objects, as
`export ics` and the phone sync did before they wrote their lines
themselves. For any event, the bytes are the library's own (but for a literal
`\\N`, which the library turns into a line break), and the library reads back
every property as it was given.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import icalendar
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vaulttools.io.icaltext import YEARLY, YEARLY_ON_LAST_OF_FEBRUARY, AllDayEvent, calendar

HEADER = [("CALSCALE", "GREGORIAN"), ("X-WR-CALNAME", "vaulttools")]

# The user's text: names, reasons and reminders, with what iCalendar escapes, line
# breaks of every kind, carets, multi-byte letters and emoji, long enough to fold.
texts = st.text(st.one_of(st.sampled_from(list("\\;,:^\n\r\"é€😀 ")), st.characters(
    codec="utf-8", exclude_categories=("Cs",))), max_size=160)
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 30))
alarms = st.none() | st.builds(lambda h, m: timedelta(hours=h, minutes=m),
                               st.integers(0, 23), st.integers(0, 59))
events = st.builds(AllDayEvent, uid=st.from_regex(r"[a-z]{3,8}-[0-9a-f]{16}@vaulttools",
                                                  fullmatch=True),
                   day=days, summary=texts,
                   stamp=days.map(lambda d: datetime.combine(d, time(0), tzinfo=timezone.utc)),
                   description=texts, rule=st.sampled_from(["", YEARLY,
                                                           YEARLY_ON_LAST_OF_FEBRUARY]),
                   alarm=alarms)


def library_event(event: AllDayEvent) -> icalendar.Event:
    made = icalendar.Event()
    made.add("uid", event.uid)
    made.add("dtstamp", event.stamp)
    made.add("dtstart", event.day)
    made.add("dtend", event.day + timedelta(days=1))
    if event.rule == YEARLY:
        made.add("rrule", {"freq": "yearly"})
    elif event.rule:
        made.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
    made.add("summary", event.summary)
    if event.description:
        made.add("description", event.description)
    made.add("transp", "TRANSPARENT")
    if event.alarm is not None:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.summary)
        alarm.add("trigger", event.alarm, parameters={"RELATED": "START"})
        made.add_component(alarm)
    return made


def library_calendar(events: list[AllDayEvent], header: list[tuple[str, str]]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//vaulttools//vaulttools//EN")
    cal.add("version", "2.0")
    for name, value in header:
        cal.add(name, value)
    for event in events:
        cal.add_component(library_event(event))
    return bytes(cal.to_ical())


def as_read(text: str) -> str:
    """What a reader gets back: iCalendar has one line break, `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(events, max_size=4), st.booleans())
def test_the_bytes_are_the_librarys(drawn: list[AllDayEvent], with_header: bool) -> None:
    assume(not any("\\N" in text for e in drawn for text in (e.summary, e.description)))
    header = HEADER if with_header else []
    assert calendar(drawn, header) == library_calendar(drawn, header)


@settings(max_examples=300, deadline=None)
@given(st.lists(events, min_size=1, max_size=4))
def test_the_library_reads_back_every_event_as_given(drawn: list[AllDayEvent]) -> None:
    data = calendar(drawn, HEADER)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["x-wr-calname"]) == "vaulttools"
    read = parsed.walk("VEVENT")
    assert len(read) == len(drawn)
    for got, event in zip(read, drawn, strict=True):
        assert str(got["uid"]) == event.uid
        assert str(got["summary"]) == as_read(event.summary)
        assert str(got.get("description", "")) == as_read(event.description)
        assert got.decoded("dtstart") == event.day
        assert got.decoded("dtend") == event.day + timedelta(days=1)
        assert got.decoded("dtstamp") == event.stamp
        rule = got.get("rrule")
        assert (rule.to_ical().decode() if rule else "") == event.rule
        alarms = got.walk("VALARM")
        if event.alarm is None:
            assert not alarms
        else:
            assert [a.decoded("trigger") for a in alarms] == [event.alarm]
            assert str(alarms[0]["description"]) == as_read(event.summary)


def test_a_literal_backslash_n_stays_text() -> None:
    event = AllDayEvent("due-1@vaulttools", date(2026, 12, 1), r"C:\New folder",
                        datetime(2026, 12, 1, tzinfo=timezone.utc))
    parsed = icalendar.Calendar.from_ical(calendar([event]))
    assert str(parsed.walk("VEVENT")[0]["summary"]) == r"C:\New folder"
    library = icalendar.Calendar.from_ical(library_calendar([event], []))
    assert str(library.walk("VEVENT")[0]["summary"]) != r"C:\New folder"  # why it differs


def test_a_long_name_folds_between_characters_and_keeps_escapes_whole() -> None:
    name = "Zoë " * 30 + "\\, at the end"
    event = AllDayEvent("due-1@vaulttools", date(2026, 12, 1), name,
                        datetime(2026, 12, 1, tzinfo=timezone.utc))
    data = calendar([event])
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75 and any(line.startswith(b" ") for line in lines)
    assert data == library_calendar([event], [])
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["summary"]) == name

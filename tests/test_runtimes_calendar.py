"""Leap days, month and year ends, bounds of the calendar, schedules that never fire."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from itertools import islice, pairwise, takewhile
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule import StartSchedule

UTC = ZoneInfo("UTC")
NY = ZoneInfo("America/New_York")


def test_leap_day() -> None:
    leap = StartSchedule(hours=[0], mins=[0], mdays=[29], months=[2])
    assert leap.next_run(datetime(2025, 1, 1)) == datetime(2028, 2, 29, tzinfo=UTC)
    assert leap.previous_run(datetime(2028, 2, 29)) == datetime(2024, 2, 29, tzinfo=UTC)
    runs = list(islice(leap.iter_runs(datetime(2096, 3, 1)), 2))
    assert runs == [datetime(2104, 2, 29, tzinfo=UTC), datetime(2108, 2, 29, tzinfo=UTC)]
    assert leap.next_run(datetime(2399, 3, 1)) == datetime(2400, 2, 29, tzinfo=UTC)


def test_leap_day_on_a_weekday_matches_rrule() -> None:
    monday_leap = StartSchedule(hours=[12], mins=[0], mdays=[29], months=[2], wdays=[1])
    expected = list(
        rrule.rrule(
            rrule.YEARLY,
            dtstart=datetime(2000, 1, 1, 12, 0),
            bymonth=2,
            bymonthday=29,
            byweekday=rrule.MO,
            count=8,
        )
    )
    runs = list(islice(monday_leap.iter_runs(datetime(2000, 1, 1)), 8))
    assert [r.replace(tzinfo=None) for r in runs] == expected


def test_month_ends() -> None:
    thirty_first = StartSchedule(hours=[23], mins=[59], mdays=[31])
    runs = list(islice(thirty_first.iter_runs(datetime(2026, 1, 1)), 7))
    assert [(r.month, r.day) for r in runs] == [
        (1, 31),
        (3, 31),
        (5, 31),
        (7, 31),
        (8, 31),
        (10, 31),
        (12, 31),
    ]
    back = list(islice(thirty_first.iter_runs(datetime(2027, 1, 1), reverse=True), 7))
    assert back == runs[::-1]


def test_year_end_crossing_in_a_zone() -> None:
    schedule = StartSchedule(mins=[59], hours=[23], tz="America/New_York")
    run = schedule.next_run(datetime(2026, 12, 31, 23, 59, tzinfo=NY))
    assert run == datetime(2027, 1, 1, 23, 59, tzinfo=NY)
    new_year = StartSchedule(mins=[0], hours=[0], mdays=[1], months=[1])
    assert new_year.next_run(datetime(2026, 12, 31, 23, 59, 59, 999999)) == datetime(
        2027, 1, 1, tzinfo=UTC
    )
    assert new_year.previous_run(datetime(2027, 1, 1, 0, 0, 0, 1)) == datetime(
        2027, 1, 1, tzinfo=UTC
    )
    assert new_year.previous_run(datetime(2027, 1, 1)) == datetime(2026, 1, 1, tzinfo=UTC)


def test_strictness_at_sub_minute_precision() -> None:
    every_minute = StartSchedule()
    at = datetime(2026, 5, 5, 10, 0)
    assert every_minute.next_run(at) == datetime(2026, 5, 5, 10, 1, tzinfo=UTC)
    assert every_minute.next_run(at + timedelta(microseconds=1)) == datetime(
        2026, 5, 5, 10, 1, tzinfo=UTC
    )
    assert every_minute.previous_run(at) == datetime(2026, 5, 5, 9, 59, tzinfo=UTC)
    assert every_minute.previous_run(at + timedelta(microseconds=1)) == at.replace(tzinfo=UTC)
    assert every_minute.runs_between(at, at + timedelta(minutes=2)) == [
        at.replace(tzinfo=UTC),
        at.replace(tzinfo=UTC) + timedelta(minutes=1),
    ]


@pytest.mark.parametrize(
    "schedule",
    [
        StartSchedule(years=[2016, 2020]),  # every year in the past
        StartSchedule(mdays=[31], months=[2]),  # 31 February
        StartSchedule(mdays=[31], months=[2, 4, 6, 9, 11], wdays=[3]),  # no such dates
        StartSchedule(mdays=[29], months=[2], years=[2027, 2029, 2030, 2031]),  # no leap year
        StartSchedule(mdays=[1], months=[1], years=[2027], wdays=[0]),  # 1 Jan 2027 is a Friday
        StartSchedule(mdays=[13], wdays=[5], months=[2], years=list(range(2027, 2032))),
    ],
)
def test_schedules_that_never_fire_again(schedule: StartSchedule) -> None:
    start = datetime(2026, 11, 28, tzinfo=timezone.utc)
    assert schedule.next_run(start) is None
    assert list(schedule.iter_runs(start)) == []
    assert schedule.runs_between(start, datetime(9999, 1, 1, tzinfo=timezone.utc)) == []


def test_impossible_dates_never_fire_in_either_direction() -> None:
    never = StartSchedule(mdays=[31], months=[2, 4], tz="Europe/Moscow")
    assert never.next_run(datetime(1, 1, 2)) is None
    assert never.previous_run(datetime(9999, 12, 30)) is None
    assert list(never.iter_runs(datetime(5000, 1, 1), reverse=True)) == []


def test_friday_13th_in_february_after_a_long_wait() -> None:
    # February 13th is a Friday in 2026, then in 2032, 2037, 2043 and not again until 2054.
    schedule = StartSchedule(hours=[9], mins=[0], mdays=[13], wdays=[5], months=[2])
    assert schedule.next_run(datetime(2026, 3, 1)) == datetime(2032, 2, 13, 9, 0, tzinfo=UTC)
    assert schedule.next_run(datetime(2043, 3, 1)) == datetime(2054, 2, 13, 9, 0, tzinfo=UTC)
    assert schedule.previous_run(datetime(2054, 2, 13)) == datetime(2043, 2, 13, 9, 0, tzinfo=UTC)


def test_last_representable_days() -> None:
    end = StartSchedule(
        years=[9999], months=[12], mdays=[31], hours=[23], mins=[59], tz="Asia/Tokyo"
    )
    tokyo = ZoneInfo("Asia/Tokyo")
    run = end.next_run(datetime(9999, 12, 1))
    assert run == datetime(9999, 12, 31, 23, 59, tzinfo=tokyo)
    assert end.next_run(datetime(9999, 12, 31, 23, 59)) is None
    ny_end = StartSchedule(
        years=[9999], months=[12], mdays=[31], hours=[23], mins=[59], tz="America/New_York"
    )
    ny_run = ny_end.next_run(datetime(9999, 12, 31))
    assert ny_run is not None and ny_run.replace(tzinfo=None) == datetime(9999, 12, 31, 23, 59)
    assert ny_end.next_run(datetime(9999, 12, 31, 23, 59)) is None
    early = StartSchedule(hours=[0], mins=[0])
    assert early.previous_run(datetime(1, 1, 3)) == datetime(1, 1, 2, tzinfo=UTC)
    assert list(early.iter_runs(datetime(1, 1, 3), reverse=True)) == [
        datetime(1, 1, 2, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
    ]


DATE_FIELDS = st.fixed_dictionaries(
    {
        "mdays": st.lists(st.integers(1, 31), max_size=3),
        "wdays": st.lists(st.integers(0, 6), max_size=2),
        "months": st.lists(st.integers(1, 12), max_size=2),
        "hours": st.lists(st.integers(0, 23), min_size=1, max_size=2),
        "mins": st.lists(st.integers(0, 59), min_size=1, max_size=2),
    }
)


@given(DATE_FIELDS, st.dates(date(1971, 1, 1), date(2400, 1, 1)))
def test_sparse_dates_match_rrule(fields: dict[str, Any], start: date) -> None:
    """Calendar walking (UTC, no DST) against dateutil's rrule, an independent oracle."""
    schedule = StartSchedule(**fields)
    begin = datetime(start.year, start.month, start.day)
    kwargs: dict[str, object] = {
        "byhour": schedule.hours,
        "byminute": schedule.mins,
        "bysecond": 0,
    }
    # Explicit month days: rrule would otherwise default to the start's day of month.
    kwargs["bymonthday"] = schedule.mdays or list(range(1, 32))
    if schedule.wdays:
        kwargs["byweekday"] = [(d - 1) % 7 for d in schedule.wdays]  # rrule: Monday = 0
    if schedule.months:
        kwargs["bymonth"] = schedule.months
    until = begin + timedelta(days=40 * 366)  # rrule would walk on forever for 31 February
    rule = rrule.rrule(rrule.MONTHLY, dtstart=begin, until=until, cache=False, **kwargs)  # type: ignore[arg-type]
    expected = list(islice((r for r in rule if r > begin), 5))
    runs = (r.replace(tzinfo=None) for r in schedule.iter_runs(begin))
    got = list(islice(takewhile(lambda r: r <= until, runs), 5))
    assert got == expected
    for earlier, later in pairwise(expected):
        previous = schedule.previous_run(later)
        assert previous is not None and previous.replace(tzinfo=None) == earlier


def test_instants_whose_wall_date_is_off_the_calendar() -> None:
    """Aware inputs near datetime.min/max that the zone puts before year 1 or after 9999."""
    utc = timezone.utc
    kiritimati = StartSchedule(tz="Pacific/Kiritimati")  # UTC+14
    late = datetime(9999, 12, 31, 23, 59, tzinfo=utc)
    assert kiritimati.next_run(late) is None
    assert list(kiritimati.iter_runs(late)) == []
    last = kiritimati.previous_run(late)
    assert last is not None and last.replace(tzinfo=None) == datetime(9999, 12, 31, 23, 59)
    assert not kiritimati.matches(late)
    new_york = StartSchedule(tz="America/New_York")  # LMT -4:56:02 in year 1
    early = datetime(1, 1, 1, 1, 0, tzinfo=utc)
    assert new_york.previous_run(early) is None
    first = new_york.next_run(early)
    assert first is not None and first.replace(tzinfo=None) == datetime(1, 1, 1, 0, 0)
    window = new_york.runs_between(early, datetime(1, 1, 1, 5, 0, tzinfo=utc))
    assert [r.minute for r in window] == [0, 1, 2, 3]
    assert new_york.runs_between(late, late) == []

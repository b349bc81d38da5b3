"""The engine's day walk (the next and previous matching date) against a day-by-day scan."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule import StartSchedule, _engine
from altcraft_schedule.strategies import start_schedules

SCAN_DAYS = 3 * 366  # wider than any year boundary a walk crosses in the tests below


def scan(schedule: StartSchedule, day: date, step: int) -> date | None:
    """The first date from ``day`` (included) in direction ``step`` whose fields match."""
    for _ in range(SCAN_DAYS):
        if (
            (not schedule.years or day.year in schedule.years)
            and (not schedule.months or day.month in schedule.months)
            and (not schedule.mdays or day.day in schedule.mdays)
            and (not schedule.wdays or day.isoweekday() % 7 in schedule.wdays)
        ):
            return day
        try:
            day += timedelta(days=step)
        except OverflowError:
            return None
    return None


def sparse_schedules() -> st.SearchStrategy[StartSchedule]:
    """Few days a year, so that walks cross years (leap or not) to find one."""
    return st.builds(
        StartSchedule,
        mdays=st.lists(st.integers(1, 31), max_size=2, unique=True),
        months=st.lists(st.integers(1, 12), min_size=1, max_size=2, unique=True),
        wdays=st.lists(st.integers(0, 6), max_size=2, unique=True),
        years=st.one_of(
            st.just([]), st.lists(st.integers(1995, 2040), min_size=1, max_size=4, unique=True)
        ),
    )


def days_near_new_year() -> st.SearchStrategy[date]:
    return st.builds(
        lambda year, shift: date(year, 1, 1) + timedelta(days=shift),
        st.integers(1990, 2045),
        st.integers(-3, 3),
    )


@given(
    st.one_of(start_schedules(), sparse_schedules()),
    st.one_of(
        days_near_new_year(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    ),
    st.sampled_from([1, -1]),
)
def test_matching_day_walks_agree_with_a_scan(
    schedule: StartSchedule, day: date, step: int
) -> None:
    tables = schedule.compiled()
    ordinal = day.toordinal()
    found = (
        tables.next_matching_day(ordinal) if step == 1 else tables.previous_matching_day(ordinal)
    )
    scanned = scan(schedule, day, step)
    if scanned is not None:
        assert found == scanned.toordinal()
    elif found is not None:  # beyond the scan: it must lie past it, and match
        assert (found - ordinal) * step >= SCAN_DAYS
        assert scan(schedule, date.fromordinal(found), step) == date.fromordinal(found)


@given(
    st.one_of(start_schedules(), sparse_schedules()),
    st.lists(days_near_new_year(), min_size=2, max_size=8),
)
def test_walks_agree_with_a_scan_when_asked_again(
    schedule: StartSchedule, asked: list[date]
) -> None:
    # The walk past a year is remembered per year: later questions reuse it.
    tables = schedule.compiled()
    for day in asked + asked:
        for step in (1, -1):
            walk = tables.next_matching_day if step == 1 else tables.previous_matching_day
            scanned = scan(schedule, day, step)
            found = walk(day.toordinal())
            if scanned is not None:
                assert found == scanned.toordinal()
            else:
                assert found is None or (found - day.toordinal()) * step >= SCAN_DAYS


@given(
    start_schedules(),
    st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)),
)
def test_the_year_hint_changes_nothing(schedule: StartSchedule, day: date) -> None:
    # next_run passes the year of the day before (after) its start: same answers.
    tables = schedule.compiled()
    ordinal = day.toordinal()
    assert tables.next_matching_day(ordinal + 1, day.year) == tables.next_matching_day(ordinal + 1)
    assert tables.previous_matching_day(ordinal - 1, day.year) == tables.previous_matching_day(
        ordinal - 1
    )


@given(
    start_schedules(),
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1)),
)
def test_an_aware_utc_start_reads_as_the_naive_one(
    schedule: StartSchedule, start: datetime
) -> None:
    # The fast path takes datetime.timezone.utc for the default zone: same runs, same tzinfo.
    schedule = attrs.evolve(schedule, tz=None)
    aware = start.replace(tzinfo=UTC)
    for call in (schedule.next_run, schedule.previous_run):
        naive_run, aware_run = call(start), call(aware)
        assert naive_run == aware_run
        assert naive_run is None or naive_run.tzinfo is aware_run.tzinfo  # type: ignore[union-attr]


ZONE_NAMES = sorted(zoneinfo.available_timezones())


@given(
    st.sampled_from(ZONE_NAMES),
    st.dates(min_value=date(1850, 1, 1), max_value=date(2200, 12, 31)),
)
def test_a_chunk_of_days_is_classified_as_day_by_day(name: str, day: date) -> None:
    # A ZoneInfo's table learns 32 days at once; each must read as _classify reads it alone.
    days = _engine._ZoneDays(ZoneInfo(name))
    first = day.toordinal()
    learnt = [days.offset(ordinal) for ordinal in range(first, first + 40)]
    assert learnt == [days._classify(ordinal) for ordinal in range(first, first + 40)]

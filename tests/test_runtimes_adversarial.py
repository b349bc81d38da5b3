"""Adversarial tests of the engine and the model (docs/semantics.md §1-§2): any zone of the tz
database, historical offsets with seconds, far-future POSIX rules, other tzinfo classes, gap/overlap
inputs, calendar edges, schedules that never fire, and the model's odd inputs and copies.

Each test pins a case that once broke, or could break, the engine or the model.
"""

from __future__ import annotations

import calendar
import copy
import enum
import os
import pickle
import zlib
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from itertools import islice, pairwise
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import attrs
import pytest
from dateutil import tz as dateutil_tz
from hypothesis import assume, given
from hypothesis import strategies as st

from altcraft_schedule._errors import InvalidArgumentError, InvalidScheduleError
from altcraft_schedule._schedule import StartSchedule
from reference import reference_runs, wall_matches

ALL_ZONES = sorted(zoneinfo.available_timezones())
SECOND = timedelta(seconds=1)
MINUTE = timedelta(minutes=1)
Reference = Callable[[StartSchedule, tzinfo, datetime, datetime], list[datetime]]


# -- helpers -----------------------------------------------------------------------------


@cache
def transitions(key: str, year: int) -> tuple[tuple[datetime, timedelta, timedelta], ...]:
    """(UTC instant to the second, offset before, offset after) of each change in ``year``."""
    zone = ZoneInfo(key)
    found = []
    probe, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    offset = probe.astimezone(zone).utcoffset()
    while probe < end:
        following = probe + timedelta(hours=6)
        following_offset = following.astimezone(zone).utcoffset()
        if following_offset != offset:
            low, high = probe, following
            while high - low > SECOND:
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            assert offset is not None and following_offset is not None
            found.append((high.replace(microsecond=0), offset, following_offset))
        probe, offset = following, following_offset
    return tuple(found)


def whole_wall_minute_reference(
    schedule: StartSchedule, zone: tzinfo, start: datetime, end: datetime
) -> list[datetime]:
    """docs/semantics.md §2 on a second-resolution clock, so offsets with seconds (LMT) are exact:
    a run at each whole *wall* minute that matches (fixed-time: first occurrence only) and, for a
    fixed-time schedule, at the first instant after a gap that skipped a matching minute.

    It jumps to the next whole wall minute when the offset is the same there (no zone
    changes its offset and back within a minute), else it steps one second.
    """
    fixed = bool(schedule.hours) and bool(schedule.mins)
    instant = start.astimezone(UTC)
    if instant.microsecond:
        instant = instant.replace(microsecond=0) + SECOND
    end = end.astimezone(UTC)
    previous_wall = (instant - SECOND).astimezone(zone).replace(tzinfo=None)
    runs = []
    while instant < end:
        local = instant.astimezone(zone)
        wall = local.replace(tzinfo=None, fold=0)
        fires = wall.second == 0 and wall_matches(schedule, wall) and (not fixed or not local.fold)
        if fixed and not fires and wall > previous_wall + SECOND:
            skipped = (previous_wall + SECOND).replace(second=0)
            if skipped <= previous_wall:
                skipped += MINUTE
            while skipped < wall and not fires:
                fires = wall_matches(schedule, skipped)
                skipped += MINUTE
        if fires:
            runs.append(instant)
        step = SECOND * (60 - wall.second)
        if (instant + step).astimezone(zone).utcoffset() == local.utcoffset():
            previous_wall, instant = wall + step - SECOND, instant + step
        else:
            previous_wall, instant = wall, instant + SECOND
    return runs


def _utc(runs: list[datetime]) -> list[datetime]:
    return [run.astimezone(UTC) for run in runs]


def _take_until(runs: Iterator[datetime], done: Callable[[datetime], bool]) -> list[datetime]:
    taken = []
    for run in runs:
        if done(run):
            break
        taken.append(run)
    return taken


def _assert_canonical(runs: list[datetime], zone: tzinfo) -> None:
    """Each run is its instant as the zone itself writes it: same tzinfo, wall and fold."""
    for run in runs:
        again = run.astimezone(UTC).astimezone(zone)
        assert run.tzinfo is zone
        assert (run.replace(tzinfo=None), run.fold) == (again.replace(tzinfo=None), again.fold)


def _compare(
    schedule: StartSchedule,
    zone: tzinfo,
    start: datetime,
    end: datetime,
    reference: Reference = reference_runs,
    tz: tzinfo | None = None,
) -> None:
    """Every entry point against the reference on ``[start, end)``."""
    expected = reference(schedule, zone, start, end)
    runs = schedule.runs_between(start, end, tz)
    assert _utc(runs) == expected, schedule
    _assert_canonical(runs, zone)
    forward = _take_until(schedule.iter_runs(start, tz), lambda run: run >= end)
    assert _utc(forward) == [e for e in expected if e > start]
    backward = _take_until(schedule.iter_runs(end, tz, reverse=True), lambda run: run < start)
    assert _utc(backward) == expected[::-1]
    _assert_canonical(backward, zone)
    following = schedule.next_run(start, tz)
    if forward:
        assert following is not None and following.astimezone(UTC) == forward[0].astimezone(UTC)
    else:
        assert following is None or following >= end
    preceding = schedule.previous_run(end, tz)
    if expected:
        assert preceding is not None and preceding.astimezone(UTC) == expected[-1]
    else:
        assert preceding is None or preceding < start


def _values(draw: st.DrawFn, low: int, high: int, hot: list[int], max_size: int) -> list[int]:
    return draw(
        st.one_of(
            st.just([]),
            st.lists(st.sampled_from(hot), min_size=1, max_size=max_size),
            st.lists(st.integers(low, high), min_size=1, max_size=max_size),
        )
    )


@st.composite
def schedules_near(draw: st.DrawFn, local: datetime, zone_name: str | None) -> StartSchedule:
    """Schedules with runs near the wall time ``local``: hours around it, its date's fields."""
    near_hours = sorted({(local + timedelta(hours=h)).hour for h in (-2, -1, 0, 1, 2)})
    hours = _values(draw, 0, 23, [*near_hours, 0, 23], 4)
    mins = _values(draw, 0, 59, [0, 1, 15, 30, 44, 45, 59, local.minute], 5)
    dates = [local + timedelta(days=d) for d in (-1, 0, 1)]
    mdays = draw(st.one_of(st.just([]), st.lists(st.sampled_from([d.day for d in dates]))))
    wdays = draw(
        st.one_of(st.just([]), st.lists(st.sampled_from([(d.weekday() + 1) % 7 for d in dates])))
    )
    months = draw(st.sampled_from([[], [local.month]]))
    years = [local.year] if local.year >= 1970 and draw(st.booleans()) else []
    return StartSchedule(
        mins=mins, hours=hours, mdays=mdays, wdays=wdays, months=months, years=years, tz=zone_name
    )


def _has_seconds(*offsets: timedelta) -> bool:
    return any(offset % MINUTE for offset in offsets)


# -- any zone, any era -------------------------------------------------------------------


@given(
    st.sampled_from(ALL_ZONES),
    st.one_of(st.integers(1900, 2100), st.integers(2037, 2400)),
    st.data(),
)
def test_any_zone_from_1900_to_2400_matches_the_reference(
    key: str, year: int, data: st.DataObject
) -> None:
    """Random zones of the whole tz database, LMT years with second offsets, and years where
    zoneinfo extrapolates the POSIX TZ rule; starts near a change when the year has one."""
    zone = ZoneInfo(key)
    changes = transitions(key, year)
    if changes:
        at, before, after = data.draw(st.sampled_from(changes))
    else:
        at = datetime(year, 6, 15, tzinfo=UTC)
        before = after = at.astimezone(zone).utcoffset() or timedelta(0)
    seconds = _has_seconds(before, after)
    span = 3 if seconds else 30  # hours; the second-by-second reference is slow
    start = at + timedelta(minutes=data.draw(st.integers(-span * 60, 0)))
    start += timedelta(seconds=data.draw(st.sampled_from([0, 0, 1, 28, 59])))
    schedule = data.draw(schedules_near(at.astimezone(zone), key))
    reference = whole_wall_minute_reference if seconds else reference_runs
    _compare(schedule, zone, start, start + timedelta(hours=span), reference)


def test_offsets_with_seconds_run_at_whole_wall_minutes() -> None:
    """Amsterdam kept +00:19:32 until 1937: 12:00 there is 11:40:28 UTC (docs/semantics.md: runs
    are at whole minutes of the schedule's wall clock, not of UTC)."""
    amsterdam = ZoneInfo("Europe/Amsterdam")
    noon = StartSchedule(hours=[12], mins=[0], tz="Europe/Amsterdam")
    run = noon.next_run(datetime(1930, 1, 1))
    assert run == datetime(1930, 1, 1, 12, 0, tzinfo=amsterdam)
    assert run.astimezone(UTC) == datetime(1930, 1, 1, 11, 40, 28, tzinfo=UTC)
    every = StartSchedule(tz="Africa/Monrovia")  # -00:44:30 until 1972
    runs = every.runs_between(datetime(1971, 6, 1, 9, 0, 0), datetime(1971, 6, 1, 9, 3, 0))
    assert [(r.minute, r.second) for r in runs] == [(0, 0), (1, 0), (2, 0)]
    assert {r.astimezone(UTC).second for r in runs} == {30}


# -- days that repeat or vanish ----------------------------------------------------------


def test_samoa_skipped_day() -> None:
    """Pacific/Apia went from -10 to +14 at the end of 29 Dec 2011: 30 December never was."""
    apia = ZoneInfo("Pacific/Apia")
    daily = StartSchedule(hours=[12], mins=[0], tz="Pacific/Apia")
    runs = daily.runs_between(datetime(2011, 12, 29), datetime(2012, 1, 1))
    assert [r.replace(tzinfo=None) for r in runs] == [
        datetime(2011, 12, 29, 12, 0),
        datetime(2011, 12, 31, 0, 0),  # 30 Dec 12:00 fell in the gap: fires when it ends
        datetime(2011, 12, 31, 12, 0),
    ]
    on_the_30th = StartSchedule(hours=[0, 12, 23], mins=[0, 59], mdays=[30], tz="Pacific/Apia")
    assert on_the_30th.runs_between(datetime(2011, 12, 1), datetime(2012, 1, 1)) == [
        datetime(2011, 12, 31, 0, 0, tzinfo=apia)  # six runs in one gap fire once
    ]
    any_minute_of_the_30th = StartSchedule(mdays=[30], months=[12], years=[2011], tz="Pacific/Apia")
    assert any_minute_of_the_30th.next_run(datetime(2011, 1, 1)) is None
    assert any_minute_of_the_30th.previous_run(datetime(2013, 1, 1)) is None
    # A naive wall time inside the lost day reads as zoneinfo reads it (fold=0: old offset).
    inside = datetime(2011, 12, 30, 12, 0)
    assert daily.next_run(inside) == daily.next_run(inside.replace(tzinfo=apia).astimezone(UTC))


@pytest.mark.parametrize(
    ("key", "day"),
    [("America/Adak", date(1867, 10, 19)), ("America/Sitka", date(1867, 10, 19))],
)
def test_alaska_1867_day_repeated(key: str, day: date) -> None:
    """The Alaska purchase moved the date line: a whole day happened twice, with LMT offsets
    that have seconds.  Two neighbouring days change, and their runs interleave."""
    zone = ZoneInfo(key)
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone) - timedelta(hours=20)
    end = start + timedelta(hours=44)
    for schedule in [
        StartSchedule(mins=[0], hours=[0, 11, 12, 13, 23], tz=key),
        StartSchedule(mins=[0, 30], tz=key),
        StartSchedule(mins=[45], hours=[12], wdays=[5, 6], tz=key),
    ]:
        _compare(schedule, zone, start, end, whole_wall_minute_reference)


def test_kwajalein_1993_skipped_day() -> None:
    """-12 to +12 on 20/21 August 1993: 21 August never was in Pacific/Kwajalein."""
    zone = ZoneInfo("Pacific/Kwajalein")
    start = datetime(1993, 8, 19, tzinfo=UTC)
    for schedule in [
        StartSchedule(hours=[12], mins=[0], tz="Pacific/Kwajalein"),
        StartSchedule(mins=[30], hours=[0, 6, 23], tz="Pacific/Kwajalein"),
        StartSchedule(hours=[0, 23], mins=[0, 59], mdays=[21], tz="Pacific/Kwajalein"),
    ]:
        _compare(schedule, zone, start, start + timedelta(hours=72))


ST_JOHNS, ADAK = ZoneInfo("America/St_Johns"), ZoneInfo("America/Adak")


@pytest.mark.parametrize(
    ("schedule", "direction", "at", "expected"),
    [
        # 7 Nov 2010 00:01 NDT became 6 Nov 23:01 NST: the 6th's 23:01-23:59 NST come after
        # the 7th's 00:00 NDT, so a start on the 7th must look at the 6th (and back).
        (
            StartSchedule(hours=[23], mdays=[6], tz="America/St_Johns"),
            "next",
            datetime(2010, 11, 7, 0, 0, 30),
            datetime(2010, 11, 6, 23, 1, tzinfo=ST_JOHNS, fold=1),
        ),
        (
            StartSchedule(hours=[0], mins=[0], mdays=[7], tz="America/St_Johns"),
            "previous",
            datetime(2010, 11, 6, 23, 45, fold=1),
            datetime(2010, 11, 7, 0, 0, tzinfo=ST_JOHNS),
        ),
        # Alaska 1867: the 18th's second half (new offset) follows the 19th's first half.
        (
            StartSchedule(mins=[0], mdays=[18], tz="America/Adak"),
            "next",
            datetime(1867, 10, 19, 5, 0),
            datetime(1867, 10, 18, 13, 0, tzinfo=ADAK, fold=1),
        ),
        (
            StartSchedule(mins=[0], mdays=[19], tz="America/Adak"),
            "previous",
            datetime(1867, 10, 18, 17, 0, fold=1),
            datetime(1867, 10, 19, 12, 0, tzinfo=ADAK),
        ),
    ],
    ids=["st-johns-next", "st-johns-previous", "adak-next", "adak-previous"],
)
def test_a_start_on_a_change_day_sees_the_runs_of_the_neighbouring_day(
    schedule: StartSchedule, direction: str, at: datetime, expected: datetime
) -> None:
    """An overlap that crosses midnight interleaves two dates' runs in time."""
    reverse = direction == "previous"
    run = schedule.previous_run(at) if reverse else schedule.next_run(at)
    assert run is not None
    assert (run.replace(tzinfo=None), run.fold, run.utcoffset()) == (
        expected.replace(tzinfo=None),
        expected.fold,
        expected.utcoffset(),
    )
    assert next(schedule.iter_runs(at, reverse=reverse)) == run
    aware = at.replace(tzinfo=schedule.zone()).astimezone(UTC)
    assert next(schedule.iter_runs(aware, reverse=reverse)).astimezone(UTC) == run.astimezone(UTC)


@pytest.mark.parametrize(
    ("key", "first_year"),
    [("Pacific/Chatham", 2010), ("Australia/Lord_Howe", 2030), ("Africa/Casablanca", 2019)],
)
def test_three_years_forward_backward_and_next_run_agree(key: str, first_year: int) -> None:
    """Iterating forwards, backwards, by runs_between and by repeated next_run over three
    years of DST changes (45- and 30-minute shifts, Ramadan pauses) gives one sequence."""
    start = datetime(first_year, 1, 1, 0, 0, 7, tzinfo=UTC)
    end = datetime(first_year + 3, 1, 1, 0, 0, 7, tzinfo=UTC)
    all_fields: list[dict[str, Any]] = [
        dict(mins=[45]),
        dict(hours=[2, 3], mins=[0, 45]),
        dict(hours=[0], mins=[0]),
    ]
    for fields in all_fields:
        schedule = StartSchedule(tz=key, **fields)
        forward = _utc(_take_until(schedule.iter_runs(start), lambda run: run >= end))
        backward = _utc(_take_until(schedule.iter_runs(end, reverse=True), lambda r: r <= start))
        assert len(forward) > 1000
        assert all(a < b for a, b in pairwise(forward))
        assert backward == forward[::-1]
        assert _utc(schedule.runs_between(start, end)) == forward
        if schedule.is_fixed_time:
            chained = []
            run = schedule.next_run(start)
            while run is not None and run < end:
                chained.append(run.astimezone(UTC))
                run = schedule.next_run(run)
            assert chained == forward


# -- other tzinfo classes and inputs -----------------------------------------------------

DST_ZONES = [
    "America/New_York",
    "Europe/London",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "America/St_Johns",
    "Asia/Gaza",
    "Africa/Casablanca",
    "Antarctica/Troll",
    "Pacific/Apia",
    "America/Havana",
]


@st.composite
def near_a_change(
    draw: st.DrawFn, zones: list[str], first_year: int, last_year: int
) -> tuple[str, datetime]:
    key = draw(st.sampled_from(zones))
    year = draw(st.integers(first_year, last_year))
    changes = transitions(key, year)
    assume(changes)
    at = draw(st.sampled_from(changes))[0]
    return key, at + timedelta(minutes=draw(st.integers(-120, 120)))


@given(near_a_change(DST_ZONES, 1975, 2036), st.data())
def test_dateutil_tzfile_gives_the_same_instants_as_zoneinfo(
    case: tuple[str, datetime], data: st.DataObject
) -> None:
    """A schedule without a zone evaluated in dateutil's PEP 495 tzfile as the account zone
    (dateutil reads no POSIX footer, hence years before 2037)."""
    key, at = case
    other = dateutil_tz.gettz(key)
    assert other is not None
    with_zone = data.draw(schedules_near(at.astimezone(ZoneInfo(key)), key))
    without = attrs.evolve(with_zone, tz=None)
    start, end = at - timedelta(hours=14), at + timedelta(hours=14)
    expected = _utc(with_zone.runs_between(start, end))
    if not _round_trips(other, start, end):
        # dateutil's own defect (Europe/Dublin's negative DST): its local time of an
        # instant means another instant.  The engine answers exactly or refuses the zone.
        try:
            _compare(without, other, start, end, lambda *_: expected, tz=other)
        except InvalidArgumentError as error:
            assert "another instant" in str(error) and error.value is other
        return
    _compare(without, other, start, end, lambda *_: expected, tz=other)


def _round_trips(zone: tzinfo, start: datetime, end: datetime) -> bool:
    """Whether every second's local time in ``zone`` means that second again (near changes)."""
    moment = start
    while moment < end:
        local = moment.astimezone(zone)
        if local.astimezone(UTC) != moment:
            return False
        moment += timedelta(minutes=1)
    return True


def test_fixed_offset_timezones_as_the_account_zone() -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    nine = StartSchedule(hours=[9], mins=[0])
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    in_india = nine.runs_between(start, end, tz=india)
    assert _utc(in_india) == _utc(nine.runs_between(start, end, tz="Asia/Kolkata"))
    assert all(r.tzinfo is india for r in in_india)
    odd = timezone(-timedelta(seconds=37))  # whole minutes are wall minutes
    assert nine.next_run(datetime(2026, 1, 1), tz=odd) == datetime(2026, 1, 1, 9, 0, tzinfo=odd)
    # The schedule's own zone wins over any tzinfo argument.
    own = attrs.evolve(nine, tz="Europe/Moscow")
    assert own.next_run(start, tz=india) == datetime(2026, 3, 1, 6, 0, tzinfo=UTC)


@given(near_a_change([*DST_ZONES, "Pacific/Kwajalein"], 1970, 2100), st.data())
def test_naive_inputs_in_gaps_and_overlaps_are_the_instants_zoneinfo_gives_them(
    case: tuple[str, datetime], data: st.DataObject
) -> None:
    """A naive wall time (either fold, with microseconds) behaves exactly as the aware instant
    ``naive.replace(tzinfo=zone)``, including times that do not exist or happen twice."""
    key, at = case
    zone = ZoneInfo(key)
    wall = at.astimezone(zone).replace(tzinfo=None)
    wall += timedelta(microseconds=data.draw(st.sampled_from([0, 1, 999_999])))
    naive = wall.replace(fold=data.draw(st.integers(0, 1)))
    aware = naive.replace(tzinfo=zone).astimezone(UTC)
    schedule = data.draw(schedules_near(wall, key))

    def same(a: datetime | None, b: datetime | None) -> bool:
        if a is None or b is None:
            return a is b
        return (a.replace(tzinfo=None), a.fold) == (b.replace(tzinfo=None), b.fold)

    assert same(schedule.next_run(naive), schedule.next_run(aware))
    assert same(schedule.previous_run(naive), schedule.previous_run(aware))
    for reverse in (False, True):
        assert _utc(list(islice(schedule.iter_runs(naive, reverse=reverse), 4))) == _utc(
            list(islice(schedule.iter_runs(aware, reverse=reverse), 4))
        )
    later = naive + timedelta(hours=3)
    assert _utc(schedule.runs_between(naive, later)) == _utc(
        schedule.runs_between(aware, later.replace(tzinfo=zone))
    )


EXTREME_ZONES: list[str | tzinfo] = [
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "America/New_York",
    "Asia/Kolkata",
    timezone(timedelta(hours=23, minutes=59)),
    timezone(-timedelta(hours=23, minutes=59)),
]
EDGE_INSTANTS = st.one_of(
    st.datetimes(datetime(1, 1, 1), datetime(1, 1, 4)),
    st.datetimes(datetime(9999, 12, 28), datetime.max),
).flatmap(lambda value: st.sampled_from([value, value.replace(tzinfo=UTC)]))


@given(st.sampled_from(EXTREME_ZONES), EDGE_INSTANTS, st.sampled_from([(), (0,), (23,)]))
def test_first_and_last_days_of_the_calendar_keep_the_contract(
    zone: str | tzinfo, at: datetime, hours: tuple[int, ...]
) -> None:
    """Near datetime.min/max with offsets up to a day: no exception, strictness both ways,
    and next_run/previous_run agree with the iterators."""
    schedule = StartSchedule(hours=hours, mins=[0, 59] if hours else [])
    following = schedule.next_run(at, tz=zone)
    preceding = schedule.previous_run(at, tz=zone)
    forward = list(islice(schedule.iter_runs(at, tz=zone), 3))
    backward = list(islice(schedule.iter_runs(at, tz=zone, reverse=True), 3))
    local = at if at.tzinfo else at.replace(tzinfo=schedule.zone(zone))
    assert forward[:1] == ([following] if following else [])
    assert backward[:1] == ([preceding] if preceding else [])
    assert all(local < run for run in forward)
    assert all(run < local for run in backward)
    assert all(a < b for a, b in pairwise(forward))
    assert all(a > b for a, b in pairwise(backward))
    if preceding is not None and following is not None:
        window = schedule.runs_between(preceding, following + SECOND, tz=zone)
        assert window[0] == preceding and window[-1] == following and len(window) in (2, 3)


def test_runs_between_with_start_at_or_after_end_is_empty() -> None:
    every = StartSchedule(tz="America/New_York")
    at = datetime(2026, 11, 1, 1, 30)
    assert every.runs_between(at, at) == []
    assert every.runs_between(at + MINUTE, at) == []
    # 01:30 EST (fold=1) is an hour after 01:30 EDT: start > end by instant, not by wall.
    assert every.runs_between(at.replace(fold=1), at.replace(fold=0) + MINUTE) == []


# -- schedules that never fire ---------------------------------------------------------

NON_LEAP_YEARS = [y for y in range(1970, 10000) if not calendar.isleap(y)]
JAN_1_NOT_SUNDAY = [y for y in range(1970, 10000) if date(y, 1, 1).weekday() != 6]


@pytest.mark.parametrize(
    "schedule",
    [
        StartSchedule(mdays=[29], months=[2], years=NON_LEAP_YEARS),
        StartSchedule(mdays=[1], months=[1], wdays=[0], years=JAN_1_NOT_SUNDAY, tz="Asia/Gaza"),
    ],
    ids=["29-feb-in-6022-non-leap-years", "sunday-1-jan-in-6885-years-without-one"],
)
def test_never_firing_schedules_with_thousands_of_years(schedule: StartSchedule) -> None:
    assert schedule.next_run(datetime(1969, 12, 31)) is None
    assert schedule.previous_run(datetime(9999, 12, 31)) is None
    assert schedule.runs_between(datetime(1970, 1, 1), datetime(9999, 12, 31)) == []


def test_allowed_year_more_than_400_years_away_is_found_forwards() -> None:
    assert StartSchedule(years=[2500]).next_run(datetime(2026, 1, 1)) == datetime(
        2500, 1, 1, tzinfo=UTC
    )


def test_allowed_year_more_than_400_years_away_is_found_backwards() -> None:
    schedule = StartSchedule(hours=[9], mins=[0], years=[2026, 2500])
    assert schedule.previous_run(datetime(2500, 1, 1)) == datetime(2026, 12, 31, 9, 0, tzinfo=UTC)


# -- the model ------------------------------------------------------------------------


class Weekday(enum.IntEnum):
    FRIDAY = 5
    SUNDAY = 7


class Minute(int):
    pass


class NumpyLikeInt:
    """Has ``__index__`` like numpy.int64, but is not an ``int``."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"mins": (m for m in [30, 0, 30])}, {"mins": (0, 30)}),
        ({"mins": {45, 15}}, {"mins": (15, 45)}),
        ({"mins": range(0, 60, 20)}, {"mins": (0, 20, 40)}),
        ({"hours": {9: "x", 1: "y"}.keys()}, {"hours": (1, 9)}),
        ({"mins": [Minute(5)]}, {"mins": (5,)}),
        ({"wdays": [Weekday.SUNDAY, Weekday.FRIDAY, 0]}, {"wdays": (0, 5)}),
        ({"years": list(range(1970, 10000)) * 3}, {"years": tuple(range(1970, 10000))}),
    ],
    ids=["generator", "set", "range", "dict-keys", "int-subclass", "int-enum", "huge-list"],
)
def test_any_iterable_of_ints_is_normalised_to_plain_int_tuples(
    fields: dict[str, Any], expected: dict[str, tuple[int, ...]]
) -> None:
    schedule = StartSchedule(**fields)
    for name, values in expected.items():
        assert getattr(schedule, name) == values
        assert all(type(value) is int for value in getattr(schedule, name))
    assert StartSchedule.from_dict(schedule.to_dict()) == schedule


def test_index_only_integers_are_refused_with_the_library_error() -> None:
    with pytest.raises(InvalidScheduleError, match=r"mins \(start_mins\).*not an integer"):
        StartSchedule(mins=[NumpyLikeInt(5)])  # type: ignore[list-item]


def test_copies_of_a_schedule_that_has_computed_runs() -> None:
    schedule = StartSchedule(hours=[9], mins=[0], tz="Europe/Moscow")
    fresh = StartSchedule(hours=[9], mins=[0], tz="Europe/Moscow")
    before_hash = hash(schedule)
    first = schedule.next_run(datetime(2026, 1, 1))
    assert first is not None
    assert hash(schedule) == before_hash == hash(fresh) and schedule == fresh
    assert len({schedule, fresh}) == 1
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        restored = pickle.loads(pickle.dumps(schedule, protocol))
        assert restored == schedule and restored.next_run(datetime(2026, 1, 1)) == first
    duplicate = copy.deepcopy(schedule)
    assert duplicate == schedule and duplicate.next_run(datetime(2026, 1, 1)) == first
    # evolve builds new tables: the old ones must not leak into the new schedule.
    later = attrs.evolve(schedule, hours=[10])
    assert later.next_run(datetime(2026, 1, 1)) == first + timedelta(hours=1)
    moved = attrs.evolve(schedule, tz="Asia/Tokyo")
    assert moved.next_run(datetime(2025, 12, 31, 23, 0, tzinfo=UTC)) == datetime(
        2026, 1, 1, tzinfo=UTC
    )


@pytest.mark.parametrize("protocol", [0, 1])
def test_old_pickle_protocols_after_computing_runs(protocol: int) -> None:
    schedule = StartSchedule(hours=[9], mins=[0])
    schedule.next_run(datetime(2026, 1, 1))
    assert pickle.loads(pickle.dumps(schedule, protocol)) == schedule


def test_pickle_does_not_carry_the_run_time_cache() -> None:
    schedule = StartSchedule(tz="America/New_York")
    fresh = pickle.dumps(schedule)
    schedule.next_run(datetime(2026, 3, 8))
    assert pickle.dumps(schedule) == fresh


@pytest.mark.parametrize("key", ["America/New_York", "Pacific/Chatham", "Australia/Lord_Howe"])
def test_every_minute_through_a_change_day_one_call_at_a_time(key: str) -> None:
    """1440 times a day: next_run and previous_run chained through each change day of a year
    equal runs_between."""
    schedule = StartSchedule(tz=key)
    for change, _, _ in transitions(key, 2026):
        start = change - timedelta(hours=2, seconds=30)
        end = change + timedelta(hours=2)
        expected = _utc(schedule.runs_between(start, end))
        chained, run = [], schedule.next_run(start)
        while run is not None and run < end:
            chained.append(run.astimezone(UTC))
            run = schedule.next_run(run)
        assert chained == expected
        back, run = [], schedule.previous_run(end)
        while run is not None and run >= start:
            back.append(run.astimezone(UTC))
            run = schedule.previous_run(run)
        assert back == expected[::-1]


def _differential_years(key: str) -> list[int]:
    """Two years per zone in CI (this year and one picked by the name); every year
    1970-2100 under the ``thorough`` profile."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "thorough":
        return list(range(1970, 2101))
    return sorted({2026, 1970 + zlib.crc32(key.encode()) % 131})


@pytest.mark.parametrize("key", sorted(available_timezones()))
def test_every_zone_of_the_tz_database_against_the_reference(key: str) -> None:
    """Around each change of the zone: a fixed-time schedule at the changed wall minutes
    and an hours-only one, over a window around the change and one that starts exactly at
    it (the run moved to a gap's end, even when the gap ends at midnight)."""
    zone = ZoneInfo(key)
    for year in _differential_years(key):
        for instant, before, after in transitions(key, year):
            if (before.seconds % 60) or (after.seconds % 60):
                continue  # local mean time: the reference's minute grid has no wall minutes
            wall = (instant + min(before, after)).replace(tzinfo=None)
            hours = sorted({(wall + timedelta(hours=h)).hour for h in (-1, 0, 1)})
            fixed = StartSchedule(hours=hours, mins=[0, 30, wall.minute], tz=key)
            around = (instant - timedelta(minutes=90), instant + timedelta(minutes=90))
            _compare(fixed, zone, *around)
            _compare(StartSchedule(hours=hours, tz=key), zone, *around)
            inside = wall + timedelta(minutes=15)  # a wall minute the change skips or repeats
            moved = StartSchedule(hours=[inside.hour], mins=[inside.minute], tz=key)
            _compare(moved, zone, instant, instant + timedelta(minutes=90))

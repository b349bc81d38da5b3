"""Properties of the cron conversion: both round trips, and run times equal to croniter's.

croniter is configured for Vixie's day rule: ``day_or=True`` (its default) reads both
restricted day fields as OR, and ``implement_cron_bug=True`` makes a day field that
*starts with* ``*`` (``*/2``) count as unrestricted, as Vixie cron does; without it
croniter reads ``0 0 */2 * MON`` as OR.  Expressions come from
``cron_expressions(croniter_compatible=True)``, which leaves out the two forms croniter
reads differently (equal ranges ``5-5``, steps over wrap-around ranges; both are pinned
in ``test_cron_table.py``).  A year field is given to croniter in its 7-field form
(``minute hour dom month dow second year``) with second 0.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from croniter import CroniterBadDateError, croniter
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule._cron import schedule_from_cron as read_one
from altcraft_schedule._cron import schedule_to_cron
from altcraft_schedule._cron import schedules_from_cron as read_union
from altcraft_schedule._errors import CronConversionError
from altcraft_schedule._schedule import FIELD_RANGES, StartSchedule
from altcraft_schedule.strategies import cron_expressions, start_schedules

UTC = timezone.utc
# croniter gives up after this many years without a match; our engine never does.
CRONITER_HORIZON_YEARS = 50
CONSECUTIVE_RUNS = 40
SAMPLED_STARTS = 25

starts = st.datetimes(datetime(2020, 1, 1), datetime(2031, 12, 31)).map(
    lambda dt: dt.replace(second=0, microsecond=0, tzinfo=UTC)
)


# These tests pin the cron dialect (5 fields, or 6 with a trailing year); `auto`, which
# refuses 6-field strings whose readings differ, is tested in test_dialects.py.


def schedule_from_cron(expr: str) -> StartSchedule:
    return read_one(expr, dialect="cron")


def schedules_from_cron(expr: str) -> tuple[StartSchedule, ...]:
    return read_union(expr, dialect="cron")


def from_cron(expr: str) -> StartSchedule:
    return StartSchedule.from_cron(expr, dialect="cron")


# -- to_cron, then from_cron -----------------------------------------------------------


@given(start_schedules(cron_compatible=True))
def test_to_cron_round_trips(schedule: StartSchedule) -> None:
    text = schedule_to_cron(schedule)
    assert schedule_from_cron(text) == schedule
    assert from_cron(schedule.to_cron()) == schedule


@given(start_schedules(cron_compatible=True))
def test_to_cron_is_canonical_and_compact(schedule: StartSchedule) -> None:
    text = schedule.to_cron()
    fields = text.split(" ")
    assert len(fields) == (6 if schedule.years else 5)
    assert text == text.upper() == text.lower()  # numbers only, no names
    for field_text, attr in zip(fields, StartSchedule.ARRAY_FIELDS, strict=False):
        values = getattr(schedule, _ATTR_BY_POSITION[attr])
        if not values:
            assert field_text == "*"
        else:
            # Never longer than the plain list of numbers.
            assert len(field_text) <= len(",".join(map(str, values)))
    # Same schedule, same text: the form does not depend on how the schedule was made.
    assert schedule_from_cron(text).to_cron() == text


# Cron order of the fields: minute hour day-of-month month day-of-week year.
_ATTR_BY_POSITION = dict(
    zip(
        StartSchedule.ARRAY_FIELDS,
        ("mins", "hours", "mdays", "months", "wdays", "years"),
        strict=True,
    )
)


@given(start_schedules(with_mdays=True, with_wdays=True, tz=None, profile=None, losers=None))
def test_to_cron_refuses_both_day_fields(schedule: StartSchedule) -> None:
    with pytest.raises(CronConversionError, match="OR") as info:
        schedule.to_cron()
    assert str(list(schedule.mdays)) in str(info.value)
    assert str(list(schedule.wdays)) in str(info.value)


@given(
    start_schedules(cron_compatible=True),
    st.sampled_from(
        [
            {"profile": True},
            {"losers": True},
            {"tz": "UTC", "losers": True},
        ]
    ),
)
def test_to_cron_refuses_fields_without_cron_form(
    schedule: StartSchedule, extra: dict[str, Any]
) -> None:
    with_extra = attrs.evolve(schedule, **extra)
    with pytest.raises(CronConversionError, match="no cron form") as info:
        with_extra.to_cron()
    assert any(f"{name}=" in str(info.value) for name in extra)
    assert (
        attrs.evolve(with_extra, tz=None, profile=None, losers=None).to_cron() == schedule.to_cron()
    )


# -- from_cron, then to_cron -----------------------------------------------------------


@given(cron_expressions())
def test_expressions_convert_and_round_trip(expr: str) -> None:
    schedule = schedule_from_cron(expr)
    assert schedules_from_cron(expr) == (schedule,)
    assert from_cron(expr) == schedule
    for attr in StartSchedule.ARRAY_FIELDS:  # the trusted constructor kept the invariants
        values = getattr(schedule, attr)
        assert values == tuple(sorted(set(values)))
        assert all(type(value) is int for value in values)
        low, high = FIELD_RANGES[attr]
        assert all(low <= value <= high for value in values)
    if not (schedule.mdays and schedule.wdays):
        assert schedule_from_cron(schedule.to_cron()) == schedule


@given(cron_expressions(allow_or=True))
def test_spelling_does_not_matter(expr: str) -> None:
    expected = schedules_from_cron(expr)
    if not expr.startswith("@"):  # cronie matches macros in lower case only
        assert schedules_from_cron(expr.upper()) == expected
    assert schedules_from_cron(expr.lower()) == expected
    assert schedules_from_cron(f"  {expr.replace(' ', chr(9))}\n") == expected


@given(cron_expressions(allow_or=True, macros=False, nth_weekday=False))
def test_or_case_refused_by_one_schedule_form(expr: str) -> None:
    schedules = schedules_from_cron(expr)
    mday, wday = expr.split()[2], expr.split()[4]
    is_or = len(schedules) == 2
    if is_or:
        assert mday[0] not in "*?" and wday[0] not in "*?"
        with pytest.raises(CronConversionError, match=r"schedules_from_cron\(\)"):
            schedule_from_cron(expr)
        assert not schedules[0].wdays and schedules[0].mdays
        assert not schedules[1].mdays and schedules[1].wdays
        assert attrs.evolve(schedules[0], mdays=(), wdays=schedules[1].wdays) == schedules[1]
    else:
        assert schedule_from_cron(expr) == schedules[0]


# -- run times against croniter --------------------------------------------------------


def croniter_text(expr: str) -> str:
    parts = expr.split()
    if len(parts) == 6:  # croniter's year form has a seconds field before the year
        parts.insert(5, "0")
    return " ".join(parts)


def croniter_runs(expr: str, start: datetime, *, reverse: bool = False) -> Iterator[datetime]:
    runs = croniter(
        croniter_text(expr),
        start,
        ret_type=datetime,
        implement_cron_bug=True,
        max_years_between_matches=CRONITER_HORIZON_YEARS,
    )
    step = runs.get_prev if reverse else runs.get_next
    while True:
        try:
            yield step()
        except CroniterBadDateError:
            return


def our_runs(
    schedules: tuple[StartSchedule, ...], start: datetime, *, reverse: bool = False
) -> Iterator[datetime]:
    """The merged runs of the schedules, without duplicates."""
    streams = [schedule.iter_runs(start, reverse=reverse) for schedule in schedules]
    merged = heapq.merge(*streams, reverse=reverse)
    return (run for run, _ in itertools.groupby(merged))


def assert_same_runs(
    ours: Iterator[datetime], theirs: Iterator[datetime], count: int, start: datetime
) -> None:
    horizon = timedelta(days=366 * (CRONITER_HORIZON_YEARS - 1))
    for mine, expected in itertools.zip_longest(
        itertools.islice(ours, count), itertools.islice(theirs, count)
    ):
        if expected is None and mine is not None:
            # croniter stopped searching; a run this far away is beyond its horizon.
            assert abs(mine - start) > horizon, mine
            return
        assert mine == expected


@given(
    cron_expressions(allow_or=True, croniter_compatible=True, year_bounds=(2018, 2045)),
    starts,
    st.lists(st.integers(0, 366 * 24 * 60 - 1), min_size=SAMPLED_STARTS, max_size=SAMPLED_STARTS),
)
def test_run_times_equal_croniters(expr: str, start: datetime, offsets: list[int]) -> None:
    schedules = schedules_from_cron(expr)
    # A stretch of consecutive runs (dense expressions) ...
    assert_same_runs(
        our_runs(schedules, start), croniter_runs(expr, start), CONSECUTIVE_RUNS, start
    )
    # ... the next run from instants spread over a year (sparse ones, every season) ...
    for offset in offsets:
        instant = start + timedelta(minutes=offset)
        assert_same_runs(our_runs(schedules, instant), croniter_runs(expr, instant), 1, instant)
    # ... and runs backwards.
    assert_same_runs(
        our_runs(schedules, start, reverse=True),
        croniter_runs(expr, start, reverse=True),
        5,
        start,
    )


def test_year_of_runs_equals_croniters_for_sparse_expression() -> None:
    expr = "0,30 8-18/2 1-7,15 JAN-MAR,OCT MON-FRI"  # OR: 1st-7th and 15th, or weekdays
    start = datetime(2024, 1, 1, tzinfo=UTC)
    end = datetime(2025, 1, 1, tzinfo=UTC)
    theirs = list(itertools.takewhile(lambda run: run < end, croniter_runs(expr, start)))
    ours = list(
        itertools.takewhile(lambda run: run < end, our_runs(schedules_from_cron(expr), start))
    )
    assert len(ours) > 1000
    assert ours == theirs

"""The warm-up plan: schedule runs joined with cycle caps."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from itertools import accumulate, islice
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule import _plan as warmup_module
from altcraft_schedule._errors import InvalidLimitsError, InvalidScheduleError
from altcraft_schedule._limits import CycleLimits
from altcraft_schedule._plan import PlanRow, WarmupPlan, plan
from altcraft_schedule._schedule import StartSchedule

ZONES = ["UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]


@st.composite
def schedules(draw: st.DrawFn) -> StartSchedule:
    def subset(low: int, high: int, size: int) -> list[int]:
        return draw(st.lists(st.integers(low, high), max_size=size, unique=True))

    return StartSchedule(
        mins=subset(0, 59, 3) or [0],  # at most a few runs an hour keeps the walks short
        hours=subset(0, 23, 4),
        wdays=subset(0, 6, 3),
        mdays=draw(st.sampled_from([[], [], [1, 15], [29, 30, 31]])),
        years=draw(st.sampled_from([[], [], [2024, 2025]])),
    )


starts = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31))
limits_values = st.builds(
    CycleLimits,
    st.integers(0, 5000),
    st.integers(0, 500),
    st.one_of(st.just(0), st.sampled_from([0.1, 12.5, 33.3, 99.0]), st.floats(0, 60)),
)
audiences = st.one_of(st.none(), st.integers(0, 50_000))


@given(
    schedule=schedules(),
    limits=limits_values,
    start=starts,
    zone=st.sampled_from(ZONES),
    cycles=st.integers(1, 60),
    audience=audiences,
)
def test_rows_follow_the_runs_and_the_caps(
    *,
    schedule: StartSchedule,
    limits: CycleLimits,
    start: datetime,
    zone: str,
    cycles: int,
    audience: int | None,
) -> None:
    result = plan(schedule, limits, start=start, tz=zone, audience=audience, cycles=cycles)
    runs = list(islice(schedule.iter_runs(start, tz=zone), cycles))
    assert [row.run for row in result] == runs
    assert [row.cycle for row in result] == list(range(1, len(runs) + 1))
    assert [row.cap for row in result] == [limits.cap(k) for k in range(1, len(runs) + 1)]
    assert len(result) == len(runs)


@given(limits_values, audiences, st.integers(1, 80))
def test_sends_and_cumulative(limits: CycleLimits, audience: int | None, cycles: int) -> None:
    schedule = StartSchedule(mins=[0], hours=[9])
    result = plan(schedule, limits, start=datetime(2025, 1, 1), audience=audience, cycles=cycles)
    for row in result:
        if row.cap is None:
            assert row.sends == audience
        elif audience is None:
            assert row.sends == row.cap
        else:
            assert row.sends == min(row.cap, audience)
    sends = [row.sends for row in result]
    if None in sends:
        assert all(row.cumulative is None for row in result)
        assert result.total_sends is None
    else:
        assert [row.cumulative for row in result] == list(accumulate(sends))
        assert result.total_sends == sum(sends)  # type: ignore[arg-type]


@given(schedules(), starts, st.sampled_from(ZONES), st.integers(1, 30 * 24 * 60))
def test_until_is_exclusive(
    schedule: StartSchedule, start: datetime, zone: str, minutes: int
) -> None:
    until = (start + timedelta(minutes=minutes)).replace(tzinfo=ZoneInfo(zone))
    result = plan(schedule, CycleLimits(10, 1), start=start, tz=zone, until=until)
    expected = []
    for run in schedule.iter_runs(start, tz=zone):
        if run.astimezone(UTC) >= until.astimezone(UTC):
            break
        expected.append(run)
    assert [row.run for row in result] == expected


def test_cycles_and_until_together_stop_at_the_first() -> None:
    schedule = StartSchedule(mins=[0], hours=[9], tz="Europe/Moscow")
    start = datetime(2025, 1, 1)
    by_until = plan(schedule, CycleLimits(5), start=start, cycles=10, until=datetime(2025, 1, 4))
    assert [row.run.day for row in by_until] == [1, 2, 3]
    by_cycles = plan(schedule, CycleLimits(5), start=start, cycles=2, until=datetime(2025, 2, 1))
    assert [row.run.day for row in by_cycles] == [1, 2]
    # A run exactly at `until` is excluded; a run exactly at `start` is not a cycle.
    exact = plan(
        schedule, CycleLimits(5), start=datetime(2025, 1, 1, 9), until=datetime(2025, 1, 3, 9)
    )
    assert [row.run.day for row in exact] == [2]


def test_until_compares_instants_in_an_overlap() -> None:
    # Berlin, 27 Oct 2024: 02:00-02:59 happens twice; a half-hourly cadence runs at both.
    schedule = StartSchedule(mins=[0, 30], tz="Europe/Berlin")
    start = datetime(2024, 10, 27, 1, 45)
    first = datetime(2024, 10, 27, 2, 15)  # fold=0: the first 02:15 (CEST)
    second = first.replace(fold=1)  # the second 02:15 (CET)
    result = plan(schedule, CycleLimits(), start=start, until=first)
    assert [(r.run.hour, r.run.minute, r.run.fold) for r in result] == [(2, 0, 0)]
    result = plan(schedule, CycleLimits(), start=start, until=second)
    assert [(r.run.hour, r.run.minute, r.run.fold) for r in result] == [
        (2, 0, 0),
        (2, 30, 0),
        (2, 0, 1),
    ]


def test_naive_until_is_wall_time_in_the_zone() -> None:
    schedule = StartSchedule(mins=[0], hours=[9])
    naive = plan(
        schedule,
        CycleLimits(),
        start=datetime(2025, 1, 1),
        tz="Asia/Tokyo",
        until=datetime(2025, 1, 3, 9),
    )
    assert [row.run.isoformat() for row in naive] == [
        "2025-01-01T09:00:00+09:00",
        "2025-01-02T09:00:00+09:00",
    ]


def test_a_schedule_that_ends_ends_the_plan() -> None:
    schedule = StartSchedule(mins=[0], hours=[12], mdays=[31], months=[12], years=[2025, 2026])
    result = plan(
        schedule, CycleLimits(100, 100), start=datetime(2025, 1, 1), cycles=1000, audience=250
    )
    assert [row.run.year for row in result] == [2025, 2026]
    assert result.reached_cycle == 3  # 100, 200, 300: the limits would get there ...
    assert result.reached is None  # ... but the schedule stops first
    past = plan(
        StartSchedule(years=[2020]),
        CycleLimits(),
        start=datetime(2025, 1, 1),
        until=datetime(9999, 1, 1),
    )
    assert past.rows == ()
    assert past.total_sends == 0


def test_reached_within_and_beyond_the_rows() -> None:
    schedule = StartSchedule(mins=[0], hours=[9], tz="Europe/Moscow")
    limits = CycleLimits(limit=1000, aglimit_count=500, aglimit_percent=10)
    start = datetime(2025, 3, 1)
    full = plan(schedule, limits, start=start, audience=20_000, cycles=30)
    assert full.reached_cycle == 16
    assert full.reached == full.rows[15]
    assert full.reached.cap >= 20_000 > full.rows[14].cap  # type: ignore[operator]
    short = plan(schedule, limits, start=start, audience=20_000, cycles=3)
    assert short.reached == full.rows[15]  # found past the rows, same cumulative total
    cut = plan(schedule, limits, start=start, audience=20_000, until=datetime(2025, 3, 4))
    assert len(cut) == 3
    assert cut.reached == full.rows[15]


def test_reached_edge_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    schedule = StartSchedule(mins=[0])
    start = datetime(2025, 1, 1)
    assert plan(schedule, CycleLimits(10), start=start, cycles=2).reached is None
    never = plan(schedule, CycleLimits(10), start=start, cycles=2, audience=11)
    assert (never.reached_cycle, never.reached) == (None, None)
    unlimited = plan(schedule, CycleLimits(0, 5, 5), start=start, cycles=2, audience=7)
    assert unlimited.reached == unlimited.rows[0]
    assert [row.sends for row in unlimited] == [7, 7]
    monkeypatch.setattr(warmup_module, "REACH_SEARCH_CYCLES", 50)
    far = plan(schedule, CycleLimits(1, 1), start=start, cycles=2, audience=60)
    assert (far.reached_cycle, far.reached) == (60, None)
    near = plan(schedule, CycleLimits(1, 1), start=start, cycles=2, audience=40)
    assert near.reached is not None
    assert near.reached.cycle == 40
    assert near.reached.run == start.replace(tzinfo=UTC) + timedelta(hours=40)


@given(limits_values, st.integers(0, 200_000))
def test_reached_row_is_the_row_of_a_longer_plan(limits: CycleLimits, audience: int) -> None:
    schedule = StartSchedule(mins=[15], hours=[8, 20], tz="America/New_York")
    start = datetime(2024, 3, 1)
    short = plan(schedule, limits, start=start, audience=audience, cycles=1)
    if short.reached_cycle is None or short.reached_cycle > 2000:
        assert short.reached is None or short.reached.cycle == short.reached_cycle
        return
    longer = plan(schedule, limits, start=start, audience=audience, cycles=short.reached_cycle)
    assert short.reached == longer.rows[-1]


def test_unlimited_without_audience_is_unbounded() -> None:
    result = plan(StartSchedule(mins=[0]), CycleLimits(), start=datetime(2025, 1, 1), cycles=3)
    assert [(row.cap, row.sends, row.cumulative) for row in result] == [(None, None, None)] * 3
    assert result.total_sends is None


def test_json_output() -> None:
    schedule = StartSchedule(mins=[0], hours=[9], tz="Europe/Moscow")
    result = plan(
        schedule, CycleLimits(1000, 500, 10), start=datetime(2025, 3, 1), audience=2000, cycles=3
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["rows"][1] == {
        "cycle": 2,
        "run": "2025-03-02T09:00:00+03:00",
        "cap": 1600,
        "sends": 1600,
        "cumulative": 2600,
    }
    assert data["reached"]["cycle"] == 3
    assert data["total_sends"] == 1000 + 1600 + 2000
    assert data["limits"] == {"limit": 1000, "aglimit_count": 500, "aglimit_percent": 10}
    assert result.to_dicts() == data["rows"]
    assert isinstance(result, WarmupPlan)
    assert isinstance(result.rows[0], PlanRow)


# -- validation ----------------------------------------------------------------------------

SCHEDULE = StartSchedule(mins=[0])
START = datetime(2025, 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({}, ["cycles", "until", "both are None"]),
        ({"cycles": 0}, ["cycles", "0", ">= 1"]),
        ({"cycles": -5}, ["cycles", "-5"]),
        ({"cycles": True}, ["cycles", "True", "boolean"]),
        ({"cycles": 2.0}, ["cycles", "2.0", "integer"]),
        ({"cycles": 3, "audience": -1}, ["audience", "-1", ">= 0"]),
        ({"cycles": 3, "audience": "100"}, ["audience", "'100'", "integer"]),
        ({"cycles": 3, "audience": False}, ["audience", "False", "boolean"]),
        ({"until": "2025-02-01"}, ["until", "'2025-02-01'", "datetime"]),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], words: list[str]) -> None:
    with pytest.raises(InvalidLimitsError) as info:
        plan(SCHEDULE, CycleLimits(10), start=START, **kwargs)  # type: ignore[arg-type]
    for word in words:
        assert word in str(info.value)


def test_bad_positional_arguments() -> None:
    with pytest.raises(InvalidScheduleError, match=r"schedule: .* StartSchedule"):
        plan({"start_mins": [0]}, CycleLimits(), start=START, cycles=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidLimitsError, match=r"limits: .* CycleLimits"):
        plan(SCHEDULE, {"limit": 5}, start=START, cycles=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidLimitsError, match="start: '2025-01-01' is not a datetime"):
        plan(SCHEDULE, CycleLimits(), start="2025-01-01", cycles=1)  # type: ignore[arg-type]

"""Run times against the brute-force reference, for random schedules, zones and starts
biased towards DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import islice, pairwise
from zoneinfo import ZoneInfo

from hypothesis import assume, given, note
from hypothesis import strategies as st

from altcraft_schedule import StartSchedule
from reference import reference_runs

ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
    "Europe/Moscow",
    "UTC",
]
# Odd histories: a skipped calendar day (Apia 2011), a 2-hour shift (Troll), a negative
# DST (Dublin), changes at 00:01 (St Johns), at midnight (Gaza), a Ramadan pause (Casablanca).
ODD_ZONES = [
    "Pacific/Apia",
    "Antarctica/Troll",
    "Europe/Dublin",
    "America/St_Johns",
    "Asia/Gaza",
    "Africa/Casablanca",
]
WINDOW = timedelta(hours=40)


@cache
def transitions(key: str, first_year: int = 2009, last_year: int = 2029) -> tuple[datetime, ...]:
    """UTC instants where the zone's offset changes, found by probing and bisection."""
    zone = ZoneInfo(key)
    found = []
    probe = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year, 1, 1, tzinfo=UTC)
    step = timedelta(hours=6)
    offset = probe.astimezone(zone).utcoffset()
    while probe < end:
        following = probe + step
        following_offset = following.astimezone(zone).utcoffset()
        if following_offset != offset:
            low, high = probe, following
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            found.append(high.replace(second=0, microsecond=0))
        probe, offset = following, following_offset
    return tuple(found) or (datetime(2026, 3, 1, tzinfo=UTC),)


def value_lists(low: int, high: int, hot: list[int], max_size: int) -> st.SearchStrategy[list[int]]:
    return st.one_of(
        st.just([]),
        st.lists(st.sampled_from(hot), min_size=1, max_size=max_size),
        st.lists(st.integers(low, high), min_size=1, max_size=max_size),
    )


@st.composite
def dst_schedules(draw: st.DrawFn, zone: str, around: datetime) -> StartSchedule:
    """Schedules dense enough to have runs in a short window, hours near DST changes."""
    local = around.astimezone(ZoneInfo(zone))
    near_hours = sorted({(local.hour + delta) % 24 for delta in (-2, -1, 0, 1, 2)})
    hours = draw(value_lists(0, 23, [*near_hours, 0, 1, 2, 3, 23], 4))
    mins = draw(value_lists(0, 59, [0, 15, 30, 44, 45, 59], 5))
    days = sorted({(local + timedelta(days=delta)).day for delta in (-1, 0, 1)})
    weekdays = sorted({((local + timedelta(days=delta)).weekday() + 1) % 7 for delta in (-1, 0, 1)})
    mdays = draw(st.one_of(st.just([]), st.lists(st.sampled_from(days), min_size=1)))
    wdays = draw(st.one_of(st.just([]), st.lists(st.sampled_from(weekdays), min_size=1)))
    months = draw(st.one_of(st.just([]), st.just([local.month])))
    years = draw(st.one_of(st.just([]), st.just([local.year]), st.just([local.year + 1])))
    return StartSchedule(
        mins=mins, hours=hours, mdays=mdays, wdays=wdays, months=months, years=years, tz=zone
    )


@st.composite
def cases(draw: st.DrawFn, zones: list[str]) -> tuple[StartSchedule, datetime]:
    zone = draw(st.sampled_from(zones))
    change = draw(st.sampled_from(transitions(zone)))
    start = change + timedelta(minutes=draw(st.integers(-36 * 60, 36 * 60)))
    start += timedelta(seconds=draw(st.sampled_from([0, 0, 0, 1, 30, 59])))
    schedule = draw(dst_schedules(zone, change))
    return schedule, start


def _utc(runs: list[datetime]) -> list[datetime]:
    return [run.astimezone(UTC) for run in runs]


def _check_canonical(runs: list[datetime], zone: ZoneInfo) -> None:
    for run in runs:
        again = run.astimezone(UTC).astimezone(zone)
        assert run.tzinfo is zone
        assert (run.replace(tzinfo=None), run.fold) == (again.replace(tzinfo=None), again.fold)


def _compare_with_reference(schedule: StartSchedule, start: datetime) -> None:
    zone = ZoneInfo(schedule.tz or "UTC")
    end = start + WINDOW
    expected = reference_runs(schedule, zone, start, end)
    note(f"reference: {[e.isoformat() for e in expected[:10]]}")

    runs = schedule.runs_between(start, end)
    assert _utc(runs) == expected
    _check_canonical(runs, zone)

    after = [r for r in expected if r > start]
    following = schedule.next_run(start)
    if after:
        assert following is not None and following.astimezone(UTC) == after[0]
    else:
        assert following is None or following >= end
    forward = list(islice(schedule.iter_runs(start), len(after)))
    assert _utc(forward) == after

    before = [r for r in expected if r < end]
    preceding = schedule.previous_run(end)
    if before:
        assert preceding is not None and preceding.astimezone(UTC) == before[-1]
    else:
        assert preceding is None or preceding < start
    backward = list(islice(schedule.iter_runs(end, reverse=True), len(before)))
    assert _utc(backward) == before[::-1]
    _check_canonical(backward, zone)


@given(cases(ZONES))
def test_runs_match_reference_near_dst_changes(case: tuple[StartSchedule, datetime]) -> None:
    _compare_with_reference(*case)


@given(cases(ODD_ZONES))
def test_runs_match_reference_in_zones_with_odd_histories(
    case: tuple[StartSchedule, datetime],
) -> None:
    _compare_with_reference(*case)


@given(
    st.sampled_from(ZONES),
    st.integers(0, 10 * 365 * 24 * 60),
    st.data(),
)
def test_runs_match_reference_anywhere(zone: str, minute: int, data: st.DataObject) -> None:
    start = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=minute, seconds=7)
    schedule = data.draw(dst_schedules(zone, start))
    _compare_with_reference(schedule, start)


@given(cases(ZONES))
def test_naive_start_is_wall_time_in_the_zone(case: tuple[StartSchedule, datetime]) -> None:
    schedule, start = case
    zone = ZoneInfo(schedule.tz or "UTC")
    local = start.astimezone(zone)
    naive = local.replace(tzinfo=None)
    assume(naive.replace(tzinfo=zone).astimezone(UTC) == start)  # naive keeps its fold
    expected = schedule.next_run(start)
    got = schedule.next_run(naive)
    assert (got is None) == (expected is None)
    if got is not None and expected is not None:
        assert got.astimezone(UTC) == expected.astimezone(UTC)


@given(cases(ZONES))
def test_iterators_are_strictly_monotonic_and_agree(case: tuple[StartSchedule, datetime]) -> None:
    schedule, start = case
    forward = _utc(list(islice(schedule.iter_runs(start), 300)))
    assert all(a < b for a, b in pairwise(forward))
    if forward:
        last = forward[-1]
        backward = _utc(list(islice(schedule.iter_runs(last, reverse=True), len(forward) - 1)))
        assert backward == [r for r in forward[:-1]][::-1]
        for earlier, later in pairwise(forward):
            following = schedule.next_run(earlier)
            assert following is not None and following.astimezone(UTC) == later

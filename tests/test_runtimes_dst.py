"""Every DST rule of docs/semantics.md §2, by example, in real zones (30/45-minute shifts,
midnight changes)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from altcraft_schedule import StartSchedule

# (zone, date, first skipped wall time, first wall time after the gap)
GAPS = [
    ("America/New_York", date(2026, 3, 8), time(2, 0), time(3, 0)),
    ("Europe/London", date(2026, 3, 29), time(1, 0), time(2, 0)),
    ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 0), time(2, 30)),
    ("America/Santiago", date(2026, 9, 6), time(0, 0), time(1, 0)),
    ("Pacific/Chatham", date(2026, 9, 27), time(2, 45), time(3, 45)),
    ("Europe/Moscow", date(2011, 3, 27), time(2, 0), time(3, 0)),
]
# (zone, date, first repeated wall time, first wall time after the repeat)
OVERLAPS = [
    ("America/New_York", date(2026, 11, 1), time(1, 0), time(2, 0)),
    ("Europe/London", date(2026, 10, 25), time(1, 0), time(2, 0)),
    ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 30), time(2, 0)),
    ("America/Santiago", date(2026, 4, 4), time(23, 0), time(0, 0)),
    ("Pacific/Chatham", date(2026, 4, 5), time(2, 45), time(3, 45)),
    ("Europe/Moscow", date(2014, 10, 26), time(1, 0), time(2, 0)),
]


def _wall(day: date, at: time) -> datetime:
    return datetime.combine(day, at)


def _plus(at: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), at) + timedelta(minutes=minutes)).time()


def _instant(zone: ZoneInfo, wall: datetime, fold: int = 0) -> datetime:
    return wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)


def _utc(runs: list[datetime]) -> list[datetime]:
    # Aware datetimes at an ambiguous wall time never compare equal across tzinfos
    # (PEP 495), so instants are compared in UTC.
    return [run.astimezone(UTC) for run in runs]


def _assert_canonical(run: datetime, zone: ZoneInfo) -> None:
    """The run is expressed as the zone itself would express its instant (wall and fold)."""
    again = run.astimezone(UTC).astimezone(zone)
    assert (run.replace(tzinfo=None), run.fold) == (again.replace(tzinfo=None), again.fold)
    assert run.tzinfo is zone


@pytest.mark.parametrize(("key", "day", "skipped", "after_gap"), GAPS)
def test_fixed_run_in_gap_fires_once_at_end_of_gap(
    key: str, day: date, skipped: time, after_gap: time
) -> None:
    zone = ZoneInfo(key)
    inside = _plus(skipped, 15)
    schedule = StartSchedule(hours=[inside.hour], mins=[inside.minute], tz=key)
    run = schedule.next_run(_wall(day, time(0, 0)) - timedelta(hours=1))
    assert run is not None
    _assert_canonical(run, zone)
    assert run.replace(tzinfo=None) == _wall(day, after_gap)
    # The gap's end is the transition instant: one minute earlier is the old wall clock.
    assert (run - timedelta(minutes=1)).astimezone(zone).utcoffset() != run.utcoffset()
    # The day before and the day after keep the wall time.
    assert schedule.previous_run(run) == _wall(day - timedelta(days=1), inside).replace(tzinfo=zone)
    assert schedule.next_run(run) == _wall(day + timedelta(days=1), inside).replace(tzinfo=zone)
    assert schedule.previous_run(run + timedelta(seconds=1)) == run


@pytest.mark.parametrize(("key", "day", "skipped", "after_gap"), GAPS)
def test_several_fixed_runs_in_one_gap_fire_once(
    key: str, day: date, skipped: time, after_gap: time
) -> None:
    zone = ZoneInfo(key)
    walls = [skipped, _plus(skipped, 10), _plus(skipped, 20), after_gap, _plus(after_gap, 5)]
    schedule = StartSchedule(
        hours=sorted({w.hour for w in walls}), mins=sorted({w.minute for w in walls}), tz=key
    )
    start = datetime.combine(day, time(0, 0), tzinfo=zone) - timedelta(hours=2)
    runs = schedule.runs_between(start, start + timedelta(hours=30))
    on_day = [r for r in runs if r.date() == day or r.replace(tzinfo=None) == _wall(day, after_gap)]
    # Strictly increasing and unique; the gap end appears once.
    assert runs == sorted(set(runs))
    assert sum(r.replace(tzinfo=None) == _wall(day, after_gap) for r in on_day) == 1
    for run in runs:
        _assert_canonical(run, zone)
        assert not (_wall(day, skipped) <= run.replace(tzinfo=None) < _wall(day, after_gap))


@pytest.mark.parametrize(("key", "day", "skipped", "after_gap"), GAPS)
def test_non_fixed_schedule_has_no_runs_in_gap(
    key: str, day: date, skipped: time, after_gap: time
) -> None:
    zone = ZoneInfo(key)
    schedule = StartSchedule(hours=[skipped.hour], tz=key)  # every minute of that hour
    start = datetime.combine(day, time(0, 0), tzinfo=zone) - timedelta(hours=1)
    runs = [r for r in schedule.runs_between(start, start + timedelta(hours=26)) if r.date() == day]
    gap_start, gap_end = _wall(day, skipped), _wall(day, after_gap)
    expected = [
        _wall(day, time(skipped.hour, minute))
        for minute in range(60)
        if not gap_start <= _wall(day, time(skipped.hour, minute)) < gap_end
    ]
    assert [r.replace(tzinfo=None) for r in runs] == expected
    assert all(_instant(zone, r.replace(tzinfo=None)) == r for r in runs)


@pytest.mark.parametrize(("key", "day", "repeated", "after_repeat"), OVERLAPS)
def test_fixed_run_in_overlap_fires_once_at_first_occurrence(
    key: str, day: date, repeated: time, after_repeat: time
) -> None:
    zone = ZoneInfo(key)
    inside = _plus(repeated, 10)
    schedule = StartSchedule(hours=[inside.hour], mins=[inside.minute], tz=key)
    start = datetime.combine(day, time(0, 0), tzinfo=zone) - timedelta(hours=3)
    runs = _utc(schedule.runs_between(start, start + timedelta(days=2)))
    first = _instant(zone, _wall(day, inside), fold=0)
    second = _instant(zone, _wall(day, inside), fold=1)
    assert first != second
    assert first in runs
    assert second not in runs
    # Starting between the two occurrences skips to the next day.
    following = schedule.next_run(first)
    assert following == datetime.combine(day + timedelta(days=1), inside, tzinfo=zone)
    assert schedule.next_run(second - timedelta(seconds=30)) == following
    assert _utc([schedule.previous_run(following)]) == [first]  # type: ignore[list-item]


@pytest.mark.parametrize(("key", "day", "repeated", "after_repeat"), OVERLAPS)
def test_non_fixed_schedule_fires_at_both_occurrences(
    key: str, day: date, repeated: time, after_repeat: time
) -> None:
    zone = ZoneInfo(key)
    schedule = StartSchedule(hours=[repeated.hour], tz=key)  # every minute of that hour
    start = datetime.combine(day, time(0, 0), tzinfo=zone) - timedelta(hours=2)
    local_runs = [
        r for r in schedule.runs_between(start, start + timedelta(hours=30)) if r.date() == day
    ]
    runs = _utc(local_runs)
    expected = []
    for minute in range(60):
        wall = _wall(day, time(repeated.hour, minute))
        expected.append(_instant(zone, wall, 0))
        if _instant(zone, wall, 1) != _instant(zone, wall, 0):
            expected.append(_instant(zone, wall, 1))
    assert runs == sorted(expected)
    assert len(runs) > 60
    for run in local_runs:
        _assert_canonical(run, zone)
    assert [r.fold for r in local_runs].count(1) == len(runs) - 60


@pytest.mark.parametrize(("key", "day", "repeated", "after_repeat"), OVERLAPS)
def test_hourly_cadence_fires_at_every_occurrence_across_overlap(
    key: str, day: date, repeated: time, after_repeat: time
) -> None:
    zone = ZoneInfo(key)
    schedule = StartSchedule(mins=[repeated.minute], tz=key)
    start = datetime.combine(day, time(0, 0), tzinfo=zone) - timedelta(hours=3)
    runs = schedule.runs_between(start, start + timedelta(hours=30))
    instants = _utc(runs)
    walls = {
        (start + timedelta(hours=hours)).replace(tzinfo=None, minute=repeated.minute)
        for hours in range(-2, 33)
    }
    expected = sorted(
        {_instant(zone, wall, fold) for wall in walls for fold in (0, 1)}
        & {instant for instant in _utc(_hours_from(start, 31))}
    )
    assert instants == [i for i in expected if start <= i < start + timedelta(hours=30)]
    steps = {later - earlier for earlier, later in itertools.pairwise(instants)}
    shift = abs(_instant(zone, _wall(day, repeated), 1) - _instant(zone, _wall(day, repeated), 0))
    if shift == timedelta(hours=1):
        # A repeated wall hour is a real hour: the cadence keeps running in real time.
        assert steps == {timedelta(hours=1)}
    else:
        assert steps == {timedelta(hours=1), shift}
    reverse = _take(schedule.iter_runs(runs[-1] + timedelta(seconds=1), reverse=True), len(runs))
    assert _utc(reverse) == instants[::-1]


def _hours_from(start: datetime, count: int) -> list[datetime]:
    """Every whole-minute instant in ``count`` hours from ``start`` (a superset filter)."""
    first = start.astimezone(UTC)
    return [first + timedelta(minutes=minute) for minute in range(count * 60)]


@pytest.mark.parametrize(("key", "day", "skipped", "after_gap"), GAPS)
def test_gap_runs_by_reverse_iteration(key: str, day: date, skipped: time, after_gap: time) -> None:
    zone = ZoneInfo(key)
    inside = _plus(skipped, 5)
    schedule = StartSchedule(hours=[inside.hour], mins=[inside.minute], tz=key)
    end = datetime.combine(day + timedelta(days=3), time(0, 0), tzinfo=zone)
    runs = list(_take(schedule.iter_runs(end, reverse=True), 5))
    assert [r.replace(tzinfo=None) for r in runs] == [
        _wall(day + timedelta(days=2), inside),
        _wall(day + timedelta(days=1), inside),
        _wall(day, after_gap),
        _wall(day - timedelta(days=1), inside),
        _wall(day - timedelta(days=2), inside),
    ]


def _take(iterator: object, count: int) -> list[datetime]:
    out = []
    for run in iterator:  # type: ignore[attr-defined]
        out.append(run)
        if len(out) == count:
            break
    return out


def test_new_york_examples_literally() -> None:
    ny = ZoneInfo("America/New_York")
    at_0230 = StartSchedule(hours=[2], mins=[30], tz="America/New_York")
    run = at_0230.next_run(datetime(2026, 3, 7, 12, 0))
    assert run == datetime(2026, 3, 8, 3, 0, tzinfo=ny)
    assert run is not None and run.utcoffset() == timedelta(hours=-4)
    at_0130 = StartSchedule(hours=[1], mins=[30], tz="America/New_York")
    run = at_0130.next_run(datetime(2026, 10, 31, 12, 0))
    assert run is not None
    assert run.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    hourly = StartSchedule(mins=[30], tz="America/New_York")
    runs = hourly.runs_between(datetime(2026, 11, 1, 0, 0), datetime(2026, 11, 1, 3, 0))
    assert [r.astimezone(UTC).hour for r in runs] == [4, 5, 6, 7]
    assert [r.fold for r in runs] == [0, 0, 1, 0]


def test_santiago_midnight_changes() -> None:
    santiago = ZoneInfo("America/Santiago")
    midnight = StartSchedule(hours=[0], mins=[0], tz="America/Santiago")
    runs = midnight.runs_between(datetime(2026, 9, 4), datetime(2026, 9, 8))
    assert [r.replace(tzinfo=None) for r in runs] == [
        datetime(2026, 9, 4),
        datetime(2026, 9, 5),
        datetime(2026, 9, 6, 1, 0),  # 00:00 does not exist: the day starts at 01:00
        datetime(2026, 9, 7),
    ]
    # The repeated hour 23:00-24:00 on 4 April: a fixed 23:30 fires once (first, -03).
    late = StartSchedule(hours=[23], mins=[30], tz="America/Santiago")
    run = late.next_run(datetime(2026, 4, 4, 12, 0))
    assert run is not None
    assert run.astimezone(UTC) == datetime(2026, 4, 5, 2, 30, tzinfo=UTC)
    assert late.next_run(run) == datetime(2026, 4, 5, 23, 30, tzinfo=santiago)


def test_schedule_zone_overrides_the_account_zone() -> None:
    schedule = StartSchedule(hours=[9], mins=[0], tz="Europe/Moscow")
    run = schedule.next_run(datetime(2026, 1, 1, tzinfo=UTC), tz="America/New_York")
    assert run == datetime(2026, 1, 1, 6, 0, tzinfo=UTC)
    account = StartSchedule(hours=[9], mins=[0])
    assert account.next_run(datetime(2026, 1, 1, tzinfo=UTC), tz="America/New_York") == (
        datetime(2026, 1, 1, 14, 0, tzinfo=UTC)
    )
    assert account.next_run(datetime(2026, 1, 1, tzinfo=UTC)) == datetime(
        2026, 1, 1, 9, 0, tzinfo=UTC
    )


def test_runs_between_compares_instants_not_wall_times_in_an_overlap() -> None:
    ny = ZoneInfo("America/New_York")
    every_15 = StartSchedule(mins=[0, 15, 30, 45], tz="America/New_York")
    start = datetime(2026, 11, 1, 1, 0, tzinfo=ny)  # 01:00 EDT
    end = datetime(2026, 11, 1, 1, 30, tzinfo=ny, fold=1)  # 01:30 EST, later than 01:45 EDT
    runs = every_15.runs_between(start, end)
    assert [f"{r:%H:%M%z}" for r in runs] == [
        "01:00-0400",
        "01:15-0400",
        "01:30-0400",
        "01:45-0400",
        "01:00-0500",
        "01:15-0500",
    ]

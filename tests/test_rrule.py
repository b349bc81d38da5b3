"""iCalendar RRULE both ways, with python-dateutil's ``rrulestr`` as the oracle.

dateutil yields each wall time of a rule once, with the rule's zone attached (a wall
time inside a DST gap too).  RFC 5545 ignores a wall time that does not exist, so the
oracle drops those; the library differs in exactly two documented ways, checked here
run by run: a fixed-time run skipped by a gap fires at the end of the gap, and a
schedule without a fixed time fires at both occurrences of a repeated wall time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

from altcraft_schedule import (
    InvalidArgumentError,
    RRuleConversionError,
    StartSchedule,
    UnknownTimeZoneError,
    from_rrule,
    iter_runs,
    to_rrule,
)
from altcraft_schedule._transitions import transitions
from altcraft_schedule.strategies import start_schedules

UTC = timezone.utc
TICK = timedelta(microseconds=1)
ZONES = (
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Europe/Moscow",
)
MAX_RUNS = 100
WINDOW = timedelta(days=366)


def dateutil_instants(text: str, start: datetime, end: datetime) -> list[datetime]:
    """The rule's occurrences in ``[start, end)`` as dateutil yields them, minus the wall
    times that do not exist (RFC 5545 ignores those), as UTC instants."""
    rules = rrulestr(text, forceset=True, tzids=ZoneInfo)
    out = []
    low, high = start.astimezone(UTC), end.astimezone(UTC)
    for occurrence in rules:
        instant = occurrence.astimezone(UTC)
        if instant >= high or len(out) == MAX_RUNS:
            break
        if instant >= low and _exists(occurrence):
            out.append(instant)
    return out


def _exists(local: datetime) -> bool:
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def library_runs(
    schedules: Iterable[StartSchedule], zone: str, start: datetime, end: datetime
) -> Iterator[datetime]:
    """Merged runs in ``[start, end)``, in time order (aware, in the zone)."""
    streams = [
        itertools.islice(
            itertools.takewhile(
                lambda run: run.astimezone(UTC) < end.astimezone(UTC),
                iter_runs(item, start - TICK, zone),
            ),
            3 * MAX_RUNS,
        )
        for item in schedules
    ]
    # Ordered and de-duplicated by instant: runs of one zone compare by wall time.
    by_instant = {run.astimezone(UTC): run for run in itertools.chain(*streams)}
    for instant in sorted(by_instant):
        yield by_instant[instant]


def split_by_difference(
    schedule: StartSchedule, runs: Iterable[datetime]
) -> tuple[list[datetime], list[datetime], list[datetime]]:
    """(runs an RRULE has too, gap runs moved to the end of the gap, second occurrences
    of a repeated wall time) for one schedule's runs."""
    same, moved, repeated = [], [], []
    for run in runs:
        if schedule.is_fixed_time and not schedule.matches(run):
            moved.append(run)
        elif not schedule.is_fixed_time and run.fold == 1:
            repeated.append(run)
        else:
            same.append(run)
    return same, moved, repeated


def _is_gap_end(run: datetime) -> bool:
    return (run - TICK).utcoffset() != run.utcoffset() and _exists(run)


def _is_second_occurrence(run: datetime) -> bool:
    return run.fold == 1 and run.replace(fold=0).astimezone(UTC) < run.astimezone(UTC)


def _contiguous_years() -> st.SearchStrategy[list[int]]:
    return st.integers(2026, 2028).flatmap(
        lambda first: st.integers(first, 2029).map(lambda last: list(range(first, last + 1)))
    )


_NEAR = timedelta(days=2)
_TRANSITIONS = {zone: transitions(zone, 2026, 2031) for zone in ZONES if zone != "UTC"}
# Built once: a strategy is validated the first time it is drawn from.
_SCHEDULES = {
    zone: start_schedules(
        tz=zone,
        profile=None,
        years=st.one_of(st.just(()), _contiguous_years()),
        after=datetime(2026, 1, 1),
    )
    for zone in ZONES
}


def _window_start(schedule: StartSchedule, zone: str, month: int) -> datetime:
    """Two days before a DST change of ``zone`` near which ``schedule`` runs, else the
    start of ``month`` in the year of the first run (or the year before)."""
    near = [
        at
        for change in _TRANSITIONS.get(zone, ())
        if (at := datetime.fromtimestamp(change.instant, UTC)) is not None
        and (run := schedule.next_run(at - _NEAR, zone)) is not None
        and run < at + _NEAR
    ]
    if near:
        return near[month % len(near)] - _NEAR
    first = schedule.next_run(datetime(2026, 1, 1))
    assert first is not None
    start = datetime(first.year, month, 1, tzinfo=ZoneInfo(zone))
    early = start.astimezone(UTC) <= first.astimezone(UTC)
    return start if early else start.replace(year=first.year - 1)


@settings(max_examples=max(700, settings().max_examples))
@given(data=st.data(), zone=st.sampled_from(ZONES), month=st.integers(1, 12))
def test_dateutil_reads_the_library_runs_but_the_two_documented_differences(
    data: st.DataObject, zone: str, month: int
) -> None:
    schedule = data.draw(_SCHEDULES[zone])
    start = _window_start(schedule, zone, month)
    end = start + WINDOW
    try:
        text = to_rrule(schedule, dtstart=start)
    except RRuleConversionError as error:  # only when every run left is a moved gap run
        assert error.field == "dtstart"
        event("refused: every run left is a moved gap run")
        assert not any(schedule.matches(run) for run in library_runs([schedule], zone, start, end))
        return
    note(text)
    same, moved, repeated = split_by_difference(
        schedule, itertools.islice(library_runs([schedule], zone, start, end), 2 * MAX_RUNS)
    )
    expected = [run.astimezone(UTC) for run in same][:MAX_RUNS]
    assert dateutil_instants(text, start, end) == expected
    assert all(_is_gap_end(run) for run in moved)
    assert all(_is_second_occurrence(run) for run in repeated)
    event(f"moved gap runs: {bool(moved)}, second occurrences: {bool(repeated)}")
    # Round trip: the rule read back gives the same runs and the same fields.
    (back,) = from_rrule(text)
    assert (back.mins, back.hours, back.mdays, back.wdays, back.months) == (
        schedule.mins,
        schedule.hours,
        schedule.mdays,
        schedule.wdays,
        schedule.months,
    )
    assert back.tz == zone
    if schedule.years:
        assert back.years[-1] == schedule.years[-1]
    else:
        assert back.years == ()
    ours = list(itertools.islice(library_runs([schedule], zone, start, end), MAX_RUNS))
    assert list(itertools.islice(library_runs([back], zone, start, end), MAX_RUNS)) == ours

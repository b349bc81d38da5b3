"""What the strategies find, measured as a property-based-testing user would: the share of
draws in DST gaps/overlaps and at calendar edges, how many seeds find a gap-only bug at 100
examples, and how often a failing round trip shrinks to the minimal example.

Transitions come from an independent hour-by-hour scan with zoneinfo (not the strategies'
own finder).  Thresholds sit well below the measured values (see docs/testing.md), so the
tests are safe for any seed, and the draws are derandomized or seeded.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import cache
from random import Random
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, Phase, find, given, seed, settings

from altcraft_schedule import StartSchedule
from altcraft_schedule.strategies import start_schedules

UTC = timezone.utc
DRAWS = settings(
    max_examples=300,
    database=None,
    derandomize=True,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@cache
def offset_changes(
    zone_name: str, first_year: int, last_year: int
) -> tuple[tuple[datetime, int, int], ...]:
    """(UTC instant, offset before, offset after) in seconds, scanned hour by hour, then
    minute by minute inside the hour that changed."""
    zone = ZoneInfo(zone_name)

    def offset(instant: datetime) -> int:
        value = instant.astimezone(zone).utcoffset()
        assert value is not None
        return int(value.total_seconds())

    found = []
    instant = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    previous = offset(instant)
    while instant < end:
        following = instant + timedelta(hours=1)
        current = offset(following)
        if current != previous:
            at = next(
                instant + timedelta(minutes=m)
                for m in range(1, 61)
                if offset(instant + timedelta(minutes=m)) != previous
            )
            found.append((at, previous, current))
        instant, previous = following, current
    return tuple(found)


def affected_walls(zone_name: str, first_year: int, last_year: int, *, gaps: bool, overlaps: bool):  # type: ignore[no-untyped-def]
    """Naive wall minutes skipped (gaps) or repeated (overlaps) in those years."""
    for at, before, after in offset_changes(zone_name, first_year, last_year):
        if (after > before and not gaps) or (after < before and not overlaps):
            continue
        start = at.replace(tzinfo=None) + timedelta(seconds=min(before, after))
        for minute in range(abs(after - before) // 60):
            yield start + timedelta(minutes=minute)


def runs_in_transitions(
    schedule: StartSchedule, zone: str, years: tuple[int, int], *, gaps: bool = True,
    overlaps: bool = True,
) -> bool:  # fmt: skip
    """Whether a wall minute the schedule matches is skipped or repeated by its zone."""
    return any(
        schedule.matches(wall, tz=zone)
        for wall in affected_walls(zone, *years, gaps=gaps, overlaps=overlaps)
    )


def collect(  # type: ignore[no-untyped-def]
    strategy, count_settings: settings = DRAWS, seed_number: int | None = None
) -> list[StartSchedule]:
    """The draws of one test run (derandomized, or with the given seed)."""
    drawn: list[StartSchedule] = []

    @given(strategy)
    def record(schedule: StartSchedule) -> None:
        drawn.append(schedule)

    if seed_number is not None:
        count_settings = settings(count_settings, derandomize=False)
        record = seed(seed_number)(record)
    count_settings(record)()
    return drawn


# -- DST -------------------------------------------------------------------------------

AFTER = datetime(2026, 1, 1, tzinfo=UTC)
YEARS = (2026, 2031)  # the years a test that starts at AFTER looks at


def test_share_of_draws_in_dst_transitions() -> None:
    drawn = collect(start_schedules(after=AFTER))
    zoned = [s for s in drawn if s.tz is not None]
    hits = [s for s in zoned if runs_in_transitions(s, s.tz, YEARS)]  # type: ignore[arg-type]
    fixed = [s for s in hits if s.is_fixed_time]
    share = len(hits) / len(zoned)
    # Measured: 0.79 of zoned draws over 1,000 (issue baseline: 0.02); both kinds of schedule.
    assert share >= 0.35, share
    assert len(fixed) >= 0.2 * len(hits) and len(hits) - len(fixed) >= 0.2 * len(hits)
    hard = {"Europe/Dublin", "Antarctica/Troll", "Africa/Casablanca", "Australia/Lord_Howe",
            "Pacific/Chatham", "America/Santiago"}  # fmt: skip
    assert hard <= {s.tz for s in hits}


def test_account_zone_is_aimed_at() -> None:
    strategy = start_schedules(cron_compatible=True, account_tz="Europe/Dublin", after=AFTER)
    drawn = collect(strategy)
    hits = [s for s in drawn if runs_in_transitions(s, "Europe/Dublin", YEARS)]
    assert len(hits) >= 0.35 * len(drawn), len(hits) / len(drawn)
    assert all(s.next_run(AFTER, tz="Europe/Dublin") is not None for s in drawn)


def test_dst_true_aims_every_draw_that_can() -> None:
    drawn = collect(start_schedules(dst=True, tz="Antarctica/Troll", after=AFTER))
    assert all(runs_in_transitions(s, "Antarctica/Troll", YEARS) for s in drawn)


def test_apia_skipped_day_is_drawn() -> None:
    drawn = collect(start_schedules(tz="Pacific/Apia", dst=True))
    # Apia has had no DST since 2021: its notable transition is the day it skipped.
    assert any(runs_in_transitions(s, "Pacific/Apia", (2011, 2011), overlaps=False) for s in drawn)


def moved_out_of_a_gap(schedule: StartSchedule, years: tuple[int, int]) -> bool:
    """The bug a user's test should find: the first run after a gap begins is not a wall
    time the schedule matches (a fixed-time run moved to the gap's end)."""
    if schedule.tz is None:
        return False
    for at, before, after in offset_changes(schedule.tz, *years):
        if after > before:
            run = schedule.next_run(at - timedelta(seconds=1))
            if run is not None and not schedule.matches(run):
                return True
    return False


def test_gap_only_bug_is_found_in_most_seeds_at_100_examples() -> None:
    found = 0
    for number in range(10):

        @seed(number)
        @settings(DRAWS, max_examples=100, derandomize=False)
        @given(start_schedules())
        def users_property(schedule: StartSchedule) -> None:
            assert not moved_out_of_a_gap(schedule, (2025, 2030))

        try:
            users_property()
        except AssertionError:
            found += 1
    # Measured: 20 of 20 (issue baseline: 1 of 20).
    assert found >= 8, found


# -- calendar edges --------------------------------------------------------------------


def fires_exactly_once(s: StartSchedule) -> bool:
    if not (s.years and len(s.years) == 1 and len(s.months) == 1 and len(s.mdays) == 1):
        return False
    year = s.years[0]
    start = datetime(year, 1, 1) - timedelta(days=1) if year > 1970 else datetime(1970, 1, 1)
    end = (
        datetime(year, 12, 31) + timedelta(days=1)
        if year < 9999
        else datetime(9999, 12, 31, 23, 59)
    )
    return len(s.runs_between(start, end)) == 1


EDGES: dict[str, Callable[[StartSchedule], bool]] = {
    "feb29": lambda s: s.months == (2,) and s.mdays == (29,),
    "feb30_31": lambda s: s.months == (2,) and bool(s.mdays) and min(s.mdays) >= 30,
    "day31_short_months": lambda s: (
        s.mdays == (31,) and any(calendar.monthrange(2025, m)[1] < 31 for m in s.months)
    ),
    "dec31_2359": lambda s: (s.months, s.mdays, s.hours, s.mins) == ((12,), (31,), (23,), (59,)),
    "year_ends": lambda s: 1970 in s.years or 9999 in s.years,
    "once": fires_exactly_once,
}


def test_calendar_edges_are_found_at_100_examples() -> None:
    found = dict.fromkeys(EDGES, 0)
    for number in range(5):
        drawn = collect(start_schedules(), settings(DRAWS, max_examples=100), seed_number=number)
        for kind, is_edge in EDGES.items():
            found[kind] += any(is_edge(s) for s in drawn)
    # Measured: each kind is 3-8% of draws, so found in 97-99% of runs of 100.
    assert all(count >= 3 for count in found.values()), found


def test_calendar_edges_only() -> None:
    drawn = collect(start_schedules(calendar_edges=True), settings(DRAWS, max_examples=150))
    kinds = {kind for s in drawn for kind, is_edge in EDGES.items() if is_edge(s)}
    assert all(any(is_edge(s) for is_edge in EDGES.values()) for s in drawn)
    assert kinds == set(EDGES)


def test_calendar_edges_with_after_still_run() -> None:
    drawn = collect(
        start_schedules(calendar_edges=True, after=AFTER), settings(DRAWS, max_examples=100)
    )
    assert all(s.next_run(AFTER) is not None for s in drawn)


# -- shrinking -------------------------------------------------------------------------


def lossy_round_trip(schedule: StartSchedule) -> StartSchedule:
    """A wire round trip with a bug: it keeps the first two minutes only."""
    data = schedule.to_dict()
    data["start_mins"] = data["start_mins"][:2]
    return StartSchedule.from_dict(data)


def test_round_trip_failure_shrinks_to_the_minimal_example_over_10_seeds() -> None:
    minimal = StartSchedule(mins=(0, 1, 2))
    shrink = settings(database=None, max_examples=100, deadline=None)
    results = [
        find(
            start_schedules(),
            lambda s: lossy_round_trip(s) != s,
            settings=shrink,
            random=Random(number),
        )
        for number in range(10)
    ]
    # Measured: 10 of 10 (before: 0 of 10, the full list or a step progression).
    assert sum(result == minimal for result in results) >= 9, results

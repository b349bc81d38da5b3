"""An obviously-correct reference for run times: scan UTC minute by minute.

For each UTC minute it looks at the wall clock of the zone and applies docs/semantics.md §2
literally: a run when the wall minute matches (a fixed-time schedule only at the first occurrence of
a repeated wall time), and, for a fixed-time schedule, a run at the first instant after a
gap when a skipped wall minute matches.  Slow on purpose; use it on short windows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from altcraft_schedule._schedule import StartSchedule

MINUTE = timedelta(minutes=1)


def wall_matches(schedule: StartSchedule, wall: datetime) -> bool:
    sunday_first_weekday = (wall.weekday() + 1) % 7
    checks = (
        (schedule.mins, wall.minute),
        (schedule.hours, wall.hour),
        (schedule.mdays, wall.day),
        (schedule.wdays, sunday_first_weekday),
        (schedule.months, wall.month),
        (schedule.years, wall.year),
    )
    return all(not allowed or value in allowed for allowed, value in checks)


def reference_runs(
    schedule: StartSchedule, zone: tzinfo, start: datetime, end: datetime
) -> list[datetime]:
    """Every run instant ``r`` (as UTC) with ``start <= r < end``."""
    fixed = bool(schedule.hours) and bool(schedule.mins)
    instant = start.astimezone(UTC)
    if instant.second or instant.microsecond:
        instant = instant.replace(second=0, microsecond=0) + MINUTE
    end = end.astimezone(UTC)
    previous_wall = (instant - MINUTE).astimezone(zone).replace(tzinfo=None)
    runs = []
    while instant < end:
        local = instant.astimezone(zone)
        wall = local.replace(tzinfo=None, fold=0)
        fires = wall_matches(schedule, wall) and (not fixed or local.fold == 0)
        if fixed and not fires:
            skipped = previous_wall + MINUTE
            while skipped < wall:
                if wall_matches(schedule, skipped):
                    fires = True
                    break
                skipped += MINUTE
        if fires:
            runs.append(instant)
        previous_wall = wall
        instant += MINUTE
    return runs

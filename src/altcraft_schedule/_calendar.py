"""The ``calendar`` command's month grid: a schedule's runs per day, like ``cal``."""

from __future__ import annotations

import calendar as _cal
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Literal

from ._engine import runs_between
from ._schedule import StartSchedule

FirstDay = Literal["monday", "sunday"]

_RUN_MARK = "*"  # a day with runs
_DST_MARK = "!"  # a day on which the clocks change
_TIMES_SHOWN = 4  # times listed beside a week before "+N more"
_BOLD, _RESET = "\x1b[1;7m", "\x1b[0m"


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_runs(
    schedules: Sequence[StartSchedule], zone: tzinfo, year: int, month: int
) -> dict[date, list[datetime]]:
    """Every run of the union of ``schedules`` in the month, by local day, ascending."""
    start = datetime(year, month, 1)
    end = datetime(*_next_month(year, month), 1)
    # Keyed by instant: runs sharing a tzinfo compare by wall time, and the two runs of a
    # repeated hour (01:30 EDT, 01:30 EST) would be one.
    merged = {
        run.astimezone(UTC): run for s in schedules for run in runs_between(s, start, end, zone)
    }
    days: dict[date, list[datetime]] = {}
    for _, run in sorted(merged.items()):
        days.setdefault(run.date(), []).append(run)
    return days


def dst_changes(zone: tzinfo, year: int, month: int) -> dict[date, tuple[str, str]]:
    """The days of the month whose UTC offset at midnight differs from the next day's."""
    changes: dict[date, tuple[str, str]] = {}
    day = date(year, month, 1)
    while day.month == month:
        before = datetime(day.year, day.month, day.day, tzinfo=zone).utcoffset()
        later = day + timedelta(days=1)
        after = datetime(later.year, later.month, later.day, tzinfo=zone).utcoffset()
        if before != after:
            changes[day] = (_offset_text(before), _offset_text(after))
        day = later
    return changes


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _week_times(
    week: Sequence[int], runs: dict[date, list[datetime]], year: int, month: int
) -> str:
    times = sorted(
        {f"{run:%H:%M}" for day in week if day for run in runs.get(date(year, month, day), [])}
    )
    if len(times) > _TIMES_SHOWN:
        return " ".join(times[:_TIMES_SHOWN]) + f" +{len(times) - _TIMES_SHOWN} more"
    return " ".join(times)


def month_grid(
    schedules: Sequence[StartSchedule],
    zone: tzinfo,
    year: int,
    month: int,
    first_day: FirstDay = "monday",
    colour: bool = False,
) -> list[str]:
    """The month as text lines: a ``cal``-like grid, run days marked, times beside each week."""
    runs = month_runs(schedules, zone, year, month)
    changes = dst_changes(zone, year, month)
    weeks = _cal.Calendar(0 if first_day == "monday" else 6).monthdayscalendar(year, month)
    names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    if first_day == "sunday":
        names = names[-1:] + names[:-1]
    lines = [
        f"{_cal.month_name[month]} {year}".center(28).rstrip(),
        " ".join(f"{n} " for n in names).rstrip(),
    ]
    for week in weeks:
        cells = [_cell(day, runs, changes, year, month, colour) for day in week]
        times = _week_times(week, runs, year, month)
        lines.append((" ".join(cells) + ("   " + times if times else "")).rstrip())
    lines.extend(
        f"  {_DST_MARK} {day:%d %b}: clocks change from {old} to {new}"
        for day, (old, new) in changes.items()
    )
    return lines


def _cell(
    day: int,
    runs: dict[date, list[datetime]],
    changes: dict[date, tuple[str, str]],
    year: int,
    month: int,
    colour: bool,
) -> str:
    if not day:
        return "   "
    today = date(year, month, day)
    mark = _DST_MARK if today in changes else (_RUN_MARK if today in runs else " ")
    if today in changes and today in runs:
        mark = _DST_MARK  # the note below the grid says the clocks change; runs are listed
    text = f"{day:>2}"
    if colour and today in runs:
        text = f"{_BOLD}{text}{_RESET}"
    return text + mark


def legend() -> str:
    return f"{_RUN_MARK} a day with runs, {_DST_MARK} the clocks change that day"


def calendar_json(
    schedules: Sequence[StartSchedule], zone: tzinfo, months: Sequence[tuple[int, int]]
) -> list[dict[str, Any]]:
    """The runs per day of each month, as JSON-ready data."""
    result = []
    for year, month in months:
        runs = month_runs(schedules, zone, year, month)
        result.append(
            {
                "year": year,
                "month": month,
                "days": {
                    day.isoformat(): [r.isoformat() for r in day_runs]
                    for day, day_runs in runs.items()
                },
                "dst_changes": [
                    {"date": day.isoformat(), "from": old, "to": new}
                    for day, (old, new) in dst_changes(zone, year, month).items()
                ],
            }
        )
    return result


def months_from(start: date, count: int) -> list[tuple[int, int]]:
    months = [(start.year, start.month)]
    while len(months) < count:
        months.append(_next_month(*months[-1]))
    return months

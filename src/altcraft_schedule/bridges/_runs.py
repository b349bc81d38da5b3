"""The run times every bridge shares: one or more schedules, merged, shifted by an offset."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from .._cron import Dialect
from .._errors import CronConversionError, InvalidArgumentError
from .._schedule import StartSchedule


def schedules_of(schedule: Any, dialect: Dialect | None) -> tuple[StartSchedule, ...]:
    """The schedules whose merged runs a bridge follows.

    ``schedule`` is a :class:`StartSchedule`, a sequence of them (merged runs), or a cron
    string (converted exactly with :func:`schedules_from_cron`; a cron day rule of OR
    gives two schedules).
    """
    if isinstance(schedule, StartSchedule):
        return (schedule,)
    if isinstance(schedule, str):
        from .._cron import schedules_from_cron

        return schedules_from_cron(schedule, dialect="auto" if dialect is None else dialect)
    if (
        isinstance(schedule, Sequence)
        and schedule
        and all(isinstance(item, StartSchedule) for item in schedule)
    ):
        return tuple(schedule)
    raise InvalidArgumentError.bad_value(
        "schedule",
        schedule,
        "is not a schedule",
        "a StartSchedule, a non-empty sequence of them, or a cron string",
    )


def checked_offset(offset: Any) -> timedelta:
    if not isinstance(offset, timedelta):
        raise InvalidArgumentError.bad_value(
            "offset", offset, "is not a timedelta", "a datetime.timedelta (negative = before)"
        )
    return offset


def next_fire(
    schedules: tuple[StartSchedule, ...],
    after: datetime,
    zone: tzinfo | str | None,
    offset: timedelta,
) -> datetime | None:
    """The first ``run + offset`` strictly after ``after`` over all ``schedules``.

    The offset is elapsed time (computed in UTC), so a run at the end of a DST gap minus
    30 minutes is 30 real minutes before it, not a wall time inside the gap.
    """
    shifted = after.astimezone(timezone.utc) - offset if after.tzinfo else after - offset
    candidates = [
        run for run in (item.next_run(shifted, zone) for item in schedules) if run is not None
    ]
    if not candidates:
        return None
    # By instant: aware datetimes of one zone compare by wall time, fold ignored, so a
    # plain min() would take 01:30 (second occurrence) before 01:45 (first occurrence).
    first = min(candidates, key=lambda run: run.astimezone(timezone.utc))
    return (first.astimezone(timezone.utc) + offset).astimezone(first.tzinfo)


def offset_text(offset: timedelta) -> str:
    """``-0:30:00`` for half an hour before (``str`` writes ``-1 day, 23:30:00``)."""
    return f"-{-offset}" if offset < timedelta(0) else str(offset)


def schedule_text(schedule: StartSchedule) -> str:
    """A schedule in a bridge's ``repr``: its cron text where cron can say it (not both
    day fields: cron reads them with OR), else its wire object."""
    try:
        return schedule.to_cron()
    except CronConversionError:
        return repr(schedule.to_dict())

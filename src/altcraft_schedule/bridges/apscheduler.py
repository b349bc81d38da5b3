"""APScheduler 3 trigger with this library's exact, DST-correct run times.

``scheduler.add_job(func, Trigger(schedule, tz=..., offset=...))``.  Needs the
``apscheduler`` extra (3.x; APScheduler 4 is an alpha with another trigger API).
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from apscheduler.triggers.base import BaseTrigger

from .._schedule import StartSchedule
from ._runs import checked_offset, next_fire, schedules_of

__all__ = ["Trigger"]

_TICK = timedelta(microseconds=1)


class Trigger(BaseTrigger):  # type: ignore[misc]
    """Fires at each run of ``schedule`` plus ``offset`` (negative = before each run).

    Runs are evaluated in the schedule's own ``tz``, else ``tz`` here, else UTC.
    """

    __slots__ = ("offset", "schedules", "zone")

    def __init__(
        self,
        schedule: StartSchedule | str | tuple[StartSchedule, ...],
        *,
        tz: str | tzinfo | None = None,
        offset: timedelta = timedelta(0),
        dialect: str | None = None,
    ) -> None:
        self.schedules = schedules_of(schedule, dialect)
        self.zone = tz
        self.offset = checked_offset(offset)

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """APScheduler 3's rule (as its ``CronTrigger``): the first fire time at or after
        ``now``, or after ``previous_fire_time`` when that is earlier (catch-up)."""
        start = now if previous_fire_time is None else min(now, previous_fire_time + _TICK)
        return next_fire(self.schedules, start - _TICK, self.zone, self.offset)

    def __getstate__(self) -> dict[str, Any]:
        return {"version": 1, "schedules": self.schedules, "zone": self.zone, "offset": self.offset}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.schedules = state["schedules"]
        self.zone = state["zone"]
        self.offset = state["offset"]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Trigger):
            return NotImplemented
        return (self.schedules, self.zone, self.offset) == (
            other.schedules,
            other.zone,
            other.offset,
        )

    def __hash__(self) -> int:
        return hash((self.schedules, self.offset))

    def __repr__(self) -> str:
        crons = ", ".join(repr(item.to_cron()) for item in self.schedules)
        return f"<Trigger {crons} offset={self.offset} tz={self.zone!r}>"

    def __str__(self) -> str:
        return "altcraft[" + "; ".join(item.to_cron() for item in self.schedules) + "]"

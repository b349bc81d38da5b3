"""APScheduler 3 trigger with this library's exact, DST-correct run times.

``scheduler.add_job(func, Trigger(schedule, tz=..., offset=...))``.  Needs the
``apscheduler`` extra (3.x).  APScheduler 4 is left out: it is an alpha with another
trigger API, and cannot be installed next to 3.x.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from apscheduler.triggers.base import BaseTrigger

from .._cron import Dialect
from .._errors import InvalidArgumentError
from .._schedule import StartSchedule
from ._runs import checked_offset, next_fire, offset_text, schedule_text, schedules_of

__all__ = ["Trigger"]

_TICK = timedelta(microseconds=1)
_STATE_VERSION = 1


class Trigger(BaseTrigger):  # type: ignore[misc]
    """Fires at each run of ``schedule`` plus ``offset`` (negative = before each run).

    ``schedule`` is a :class:`~altcraft_schedule.StartSchedule`, a sequence of them
    (merged runs) or a cron string (``dialect`` passed on when given).  Runs are
    evaluated in the schedule's own ``tz``, else ``tz`` here, else the scheduler's
    timezone (the zone of the ``now`` APScheduler passes).
    """

    __slots__ = ("offset", "schedules", "zone")

    def __init__(
        self,
        schedule: StartSchedule | str | Sequence[StartSchedule],
        *,
        tz: str | tzinfo | None = None,
        offset: timedelta = timedelta(0),
        dialect: Dialect | None = None,
    ) -> None:
        self.schedules = schedules_of(schedule, dialect)
        self.zone = tz
        self.offset = checked_offset(offset)

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """APScheduler 3's rule, as its ``CronTrigger`` has it: the first fire time at or
        after ``now``; with a ``previous_fire_time``, the first one strictly after it
        when that comes sooner (the scheduler's catch-up of missed runs)."""
        if not isinstance(now, datetime) or now.tzinfo is None:
            raise InvalidArgumentError.bad_value(
                "now", now, "is not an aware datetime", "a datetime with a tzinfo"
            )
        if previous_fire_time is not None and previous_fire_time <= now:
            after = previous_fire_time
        else:
            after = now - _TICK
        zone = self.zone if self.zone is not None else now.tzinfo
        return next_fire(self.schedules, after, zone, self.offset)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "version": _STATE_VERSION,
            "schedules": self.schedules,
            "zone": self.zone,
            "offset": self.offset,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != _STATE_VERSION:
            raise InvalidArgumentError.bad_value(
                "version",
                state.get("version"),
                "is not a state version this Trigger reads",
                str(_STATE_VERSION),
                label="Trigger state version",
            )
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
        parts = "; ".join(schedule_text(item) for item in self.schedules)
        return f"<Trigger ({parts}) offset={offset_text(self.offset)} tz={self.zone!r}>"

    def __str__(self) -> str:
        return "altcraft[" + "; ".join(schedule_text(item) for item in self.schedules) + "]"

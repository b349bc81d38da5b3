"""Celery beat schedule with this library's exact, DST-correct run times.

``BeatSchedule(schedule, tz=..., offset=...)`` goes where a ``crontab`` goes in
``beat_schedule``.  Needs the ``celery`` extra.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from celery.schedules import BaseSchedule, schedstate

from .._cron import Dialect
from .._schedule import StartSchedule
from ._runs import checked_offset, next_fire, offset_text, schedule_text, schedules_of

__all__ = ["BeatSchedule"]

# What remaining_estimate() says when the schedule never fires again.
_NEVER = timedelta(days=3650)


class BeatSchedule(BaseSchedule):  # type: ignore[misc]
    """Fires at each run of ``schedule`` plus ``offset`` (negative = before each run).

    ``schedule`` is a :class:`~altcraft_schedule.StartSchedule`, a sequence of them
    (merged runs) or a cron string (``dialect`` passed on when given).  Runs are
    evaluated in the schedule's own ``tz``, else ``tz`` here, else the app's
    ``timezone`` (as Celery's ``crontab`` does).  ``nowfun`` and ``app`` are Celery's.
    """

    def __init__(
        self,
        schedule: StartSchedule | str | tuple[StartSchedule, ...],
        *,
        tz: str | tzinfo | None = None,
        offset: timedelta = timedelta(0),
        dialect: Dialect | None = None,
        nowfun: Callable[[], datetime] | None = None,
        app: Any = None,
    ) -> None:
        super().__init__(nowfun=nowfun, app=app)
        self.schedules = schedules_of(schedule, dialect)
        self.zone_override = tz
        self.offset = checked_offset(offset)

    def _zone(self) -> str | tzinfo:
        return self.zone_override if self.zone_override is not None else self.tz

    def next_fire_after(self, moment: datetime) -> datetime | None:
        """The first fire time strictly after ``moment`` (naive = the app's zone)."""
        aware = self.maybe_make_aware(moment, naive_as_utc=False)
        return next_fire(self.schedules, aware, self._zone(), self.offset)

    def _now(self) -> datetime:
        now: datetime = self.maybe_make_aware(self.now(), naive_as_utc=False)
        return now

    def remaining_estimate(self, last_run_at: datetime) -> timedelta:
        """Time from now to the first fire after ``last_run_at`` (negative when missed)."""
        fire = self.next_fire_after(last_run_at)
        if fire is None:
            return _NEVER
        return fire.astimezone(timezone.utc) - self._now().astimezone(timezone.utc)

    def is_due(self, last_run_at: datetime) -> tuple[bool, float]:
        """``(due, seconds until the next check)``; a missed run fires once, late,
        unless it is older than ``beat_cron_starting_deadline``."""
        remaining = self.remaining_estimate(last_run_at).total_seconds()
        due = remaining <= 0
        if due and self._missed_deadline():
            due = False
        if due or remaining <= 0:
            remaining = self.remaining_estimate(self._now()).total_seconds()
        state: tuple[bool, float] = schedstate(due, max(remaining, 0.0))
        return state

    def _missed_deadline(self) -> bool:
        deadline = self.app.conf.beat_cron_starting_deadline
        if deadline is None:
            return False
        now = self._now()
        since = now - timedelta(seconds=deadline, microseconds=1)
        fire = self.next_fire_after(since)
        return fire is None or fire > now

    def __reduce__(self) -> tuple[Any, ...]:
        state = {"zone_override": self.zone_override, "nowfun": self.nowfun}
        return (_rebuild, (self.schedules, self.offset), state)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.zone_override = state["zone_override"]
        self.nowfun = state["nowfun"]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BeatSchedule):
            return NotImplemented
        return (self.schedules, self.zone_override, self.offset, self.nowfun) == (
            other.schedules,
            other.zone_override,
            other.offset,
            other.nowfun,
        )

    def __hash__(self) -> int:
        return hash((self.schedules, self.offset))

    def __repr__(self) -> str:
        parts = "; ".join(schedule_text(item) for item in self.schedules)
        return (
            f"<BeatSchedule ({parts}) offset={offset_text(self.offset)} tz={self.zone_override!r}>"
        )


def _rebuild(schedules: tuple[StartSchedule, ...], offset: timedelta) -> BeatSchedule:
    return BeatSchedule(schedules, offset=offset)

"""APScheduler 3's own scheduler driving Trigger on a fake clock across DST changes.

The real ``BlockingScheduler`` main loop runs with a ``MemoryJobStore`` and the real
``run_job``; only the clock is fake: ``datetime.now`` inside APScheduler reads it, and
the scheduler's wait jumps the clock instead of sleeping.  The loop is bounded by a step
count, so no test can hang, whatever a trigger returns.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import apscheduler.executors.base as executors_base
import apscheduler.schedulers.base as schedulers_base
import pytest
from apscheduler.executors.base import BaseExecutor, run_job
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from hypothesis import given, settings
from hypothesis import strategies as st

from altcraft_schedule import InvalidArgumentError, StartSchedule, iter_runs
from altcraft_schedule._transitions import transitions
from altcraft_schedule.bridges.apscheduler import Trigger
from altcraft_schedule.strategies import start_schedules

UTC = timezone.utc
TICK = timedelta(microseconds=1)
DST_ZONES = ("America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago")
# (zone, a UTC instant a few days before a DST change there)
DST_NIGHTS = [
    ("America/New_York", datetime(2026, 3, 6, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 10, 30, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 3, 27, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 10, 23, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 4, 3, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 10, 2, tzinfo=UTC)),
    ("America/Santiago", datetime(2026, 4, 3, tzinfo=UTC)),
    ("America/Santiago", datetime(2026, 9, 4, tzinfo=UTC)),
]
SCHEDULES = [
    StartSchedule(mins=[30], hours=[1, 2]),  # fixed times inside gaps and overlaps
    StartSchedule(mins=[0, 15, 30, 45], hours=[0, 1, 2, 3]),
    StartSchedule(mins=[10]),  # every hour: runs twice in a repeated hour
]
OFFSETS = [timedelta(0), timedelta(minutes=-30), timedelta(hours=1, minutes=5)]
MAX_STEPS = 20_000


class _WindowEnd(Exception):
    """Raised by the fake wait to leave the scheduler's main loop."""


class _FakeClock:
    def __init__(self, start: datetime, end: datetime, max_fires: int) -> None:
        self.now = start
        self.end = end
        self.max_fires = max_fires
        self.steps = 0
        self.fired: list[datetime] = []


class _FakeEvent:
    """The main loop's ``Event``: waiting jumps the fake clock."""

    def __init__(self, clock: _FakeClock) -> None:
        self.clock = clock
        self.flag = False

    def wait(self, seconds: float | None) -> bool:
        clock = self.clock
        clock.steps += 1
        assert clock.steps < MAX_STEPS, "the scheduler loop does not advance"
        if self.flag:  # woken up (a job was added): no time passes
            return True
        if seconds is None or len(clock.fired) >= clock.max_fires:
            raise _WindowEnd  # no job left, or enough fire times seen
        clock.now = clock.now + max(timedelta(seconds=seconds), TICK)
        if clock.now >= clock.end:
            raise _WindowEnd
        return True

    def set(self) -> None:
        self.flag = True

    def clear(self) -> None:
        self.flag = False

    def is_set(self) -> bool:
        return False  # keeps BlockingScheduler.start from replacing this event


class _RecordingExecutor(BaseExecutor):  # type: ignore[misc]
    """Runs jobs in the scheduler's thread with APScheduler's own ``run_job``."""

    def __init__(self, clock: _FakeClock) -> None:
        super().__init__()
        self.clock = clock

    def _do_submit_job(self, job: Any, run_times: list[datetime]) -> None:
        self.clock.fired.extend(run_times)
        events = run_job(job, job._jobstore_alias, run_times, self._logger.name)
        self._run_job_success(job.id, events)


def _fake_datetime(clock: _FakeClock) -> type[datetime]:
    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> FakeDatetime:
            moment = clock.now.astimezone(tz)
            return cls.combine(moment.date(), moment.timetz(), tzinfo=moment.tzinfo)

    return FakeDatetime


@contextmanager
def _patched_clock(clock: _FakeClock) -> Iterator[None]:
    fake = _fake_datetime(clock)
    with (
        mock.patch.object(schedulers_base, "datetime", fake),
        mock.patch.object(executors_base, "datetime", fake),
    ):
        yield


def scheduler_fire_times(
    trigger: BaseTrigger,
    start: datetime,
    end: datetime,
    *,
    scheduler_tz: str = "UTC",
    max_fires: int = 10_000,
) -> list[datetime]:
    """The fire times APScheduler's ``BlockingScheduler`` submits in ``[start, end)``
    (at most ``max_fires``), its clock starting at ``start``."""
    clock = _FakeClock(start, end, max_fires)
    calls: list[datetime] = []
    scheduler = BlockingScheduler(
        timezone=scheduler_tz,
        jobstores={"default": MemoryJobStore()},
        executors={"default": _RecordingExecutor(clock)},
    )
    scheduler._event = _FakeEvent(clock)
    scheduler.add_job(lambda: calls.append(clock.now), trigger, misfire_grace_time=None)
    with _patched_clock(clock):
        try:
            scheduler.start()
        except _WindowEnd:
            scheduler.shutdown(wait=False)
    assert len(calls) == len(clock.fired)  # every submitted run time ran the job
    return [fire.astimezone(UTC) for fire in clock.fired if fire < end][:max_fires]


def expected_fire_times(
    schedule: StartSchedule,
    zone: str,
    start: datetime,
    end: datetime,
    offset: timedelta,
    max_fires: int = 10_000,
) -> list[datetime]:
    """``run + offset`` for the runs of ``iter_runs`` with the fire time in ``[start, end)``."""
    out = []
    for run in iter_runs(schedule, start - offset - TICK, zone):
        fire = run.astimezone(UTC) + offset
        if fire >= end or len(out) == max_fires:
            break
        out.append(fire)
    return out


@pytest.mark.parametrize(("zone", "start"), DST_NIGHTS)
@pytest.mark.parametrize("offset", OFFSETS, ids=str)
def test_scheduler_fires_exactly_at_the_runs(zone: str, start: datetime, offset: timedelta) -> None:
    end = start + timedelta(days=5)
    for schedule in SCHEDULES:
        fired = scheduler_fire_times(Trigger(schedule, tz=zone, offset=offset), start, end)
        assert fired == expected_fire_times(schedule, zone, start, end, offset), (zone, schedule)

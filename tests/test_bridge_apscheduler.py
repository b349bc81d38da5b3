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
from bridge_nights import DST_NIGHTS, OFFSETS, SCHEDULES

UTC = timezone.utc
TICK = timedelta(microseconds=1)
DST_ZONES = ("America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago")
MAX_STEPS = 20_000


class _WindowEndedError(Exception):
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
            raise _WindowEndedError  # no job left, or enough fire times seen
        clock.now = clock.now + max(timedelta(seconds=seconds), TICK)
        if clock.now >= clock.end:
            raise _WindowEndedError
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
            m = clock.now.astimezone(tz)  # fold kept: 01:30 twice on an autumn night
            return cls(
                *(m.year, m.month, m.day, m.hour, m.minute, m.second, m.microsecond),
                tzinfo=m.tzinfo,
                fold=m.fold,
            )

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
        except _WindowEndedError:
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
    out: list[datetime] = []
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


# -- generated schedules aimed at DST changes -------------------------------------------

_TRANSITIONS = {zone: transitions(zone, 2026, 2030) for zone in DST_ZONES}
_WINDOW_BEFORE, _WINDOW_AFTER = timedelta(days=1), timedelta(days=2)
_MAX_FIRES = 30
# Built once: a strategy is validated the first time it is drawn from.
_SCHEDULES_AIMED = {
    zone: start_schedules(
        tz=None, account_tz=zone, dst=True, calendar_edges=False, after=datetime(2026, 1, 1)
    )
    for zone in DST_ZONES
}


def _window_start(schedule: StartSchedule, zone: str, pick: int) -> datetime:
    """The start of a window around a DST change of ``zone`` in which ``schedule`` runs
    (the ``pick``-th such change), else around the ``pick``-th change."""
    changes = [datetime.fromtimestamp(t.instant, UTC) for t in _TRANSITIONS[zone]]
    near = [
        at
        for at in changes
        if (run := schedule.next_run(at - _WINDOW_BEFORE, zone)) is not None
        and run < at + _WINDOW_AFTER
    ]
    chosen = near or changes
    return chosen[pick % len(chosen)] - _WINDOW_BEFORE


@settings(max_examples=max(800, settings().max_examples))
@given(
    data=st.data(),
    zone=st.sampled_from(DST_ZONES),
    offset_minutes=st.integers(-180, 180),
    offset_seconds=st.sampled_from([0, 0, 0, 1, 59]),
    zone_from_scheduler=st.booleans(),
    pick=st.integers(0, 20),
)
def test_generated_schedules_fire_at_their_runs_across_dst_changes(
    data: st.DataObject,
    zone: str,
    offset_minutes: int,
    offset_seconds: int,
    zone_from_scheduler: bool,
    pick: int,
) -> None:
    schedule = data.draw(_SCHEDULES_AIMED[zone])
    offset = timedelta(minutes=offset_minutes, seconds=offset_seconds)
    start = _window_start(schedule, zone, pick)
    end = start + _WINDOW_BEFORE + _WINDOW_AFTER
    if zone_from_scheduler:  # the zone comes from the scheduler's timezone
        trigger, scheduler_tz = Trigger(schedule, offset=offset), zone
    else:
        trigger, scheduler_tz = Trigger(schedule, tz=zone, offset=offset), "UTC"
    fired = scheduler_fire_times(
        trigger, start, end, scheduler_tz=scheduler_tz, max_fires=_MAX_FIRES
    )
    assert fired == expected_fire_times(schedule, zone, start, end, offset, _MAX_FIRES)


# -- APScheduler's rules, pickling, arguments -------------------------------------------


def test_now_is_inclusive_and_previous_is_exclusive_as_in_cron_trigger() -> None:
    schedule = StartSchedule(mins=[0], hours=[9])
    ours, theirs = Trigger(schedule, tz="UTC"), CronTrigger(minute=0, hour=9, timezone=UTC)
    nine = datetime(2026, 5, 1, 9, tzinfo=UTC)
    day = timedelta(days=1)
    cases = [
        (None, nine),  # now itself counts
        (None, nine - TICK),
        (None, nine + TICK),  # just missed: tomorrow
        (nine, nine),  # the run that just fired does not fire again
        (nine, nine + 3 * day),  # missed runs: the one after previous comes back (catch-up)
        (nine - day, nine),
        (nine + day, nine),  # previous in the future (clock set back): from now on
    ]
    for previous, now in cases:
        expected = theirs.get_next_fire_time(previous, now)
        assert ours.get_next_fire_time(previous, now) == expected, (previous, now)
    assert ours.get_next_fire_time(nine, nine + 3 * day) == nine + day


def test_merged_schedules_are_ordered_by_instant_in_a_repeated_hour() -> None:
    """01:30 EST (second occurrence, 06:30 UTC) comes after 01:45 EDT (05:45 UTC),
    though its wall time is earlier: merged runs must be compared as instants."""
    hourly, fixed = StartSchedule(mins=[30]), StartSchedule(hours=[1], mins=[45])
    trigger = Trigger([hourly, fixed], tz="America/New_York")
    start, end = datetime(2026, 11, 1, 5, tzinfo=UTC), datetime(2026, 11, 1, 8, tzinfo=UTC)
    fired = scheduler_fire_times(trigger, start, end)
    assert [f.strftime("%H:%M") for f in fired] == ["05:30", "05:45", "06:30", "07:30"]


def test_offset_is_elapsed_time_before_or_after_each_run() -> None:
    schedule = StartSchedule(mins=[0], hours=[3], tz="America/New_York")
    now = datetime(2026, 3, 7, 12, tzinfo=UTC)
    before = Trigger(schedule, offset=timedelta(minutes=-30)).get_next_fire_time(None, now)
    after = Trigger(schedule, offset=timedelta(hours=1)).get_next_fire_time(None, now)
    # 03:00 EDT on 8 March is 07:00 UTC; 30 real minutes before it is 01:30 EST (06:30 UTC).
    assert before == datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    assert after == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)


def _job_function() -> None:
    """A job referenced by name, as a persistent job store needs."""


def test_trigger_and_job_pickle_round_trip() -> None:
    trigger = Trigger("0 9 13 * 5", tz="Europe/London", offset=timedelta(minutes=-5))
    assert len(trigger.schedules) == 2  # cron's OR day rule: two schedules, merged
    copy = pickle.loads(pickle.dumps(trigger))
    assert copy == trigger and hash(copy) == hash(trigger)
    moment = datetime(2026, 2, 1, tzinfo=UTC)
    assert copy.get_next_fire_time(None, moment) == datetime(2026, 2, 6, 8, 55, tzinfo=UTC)
    # A job (as a SQLAlchemy or Redis job store keeps it) carries the trigger's state.
    scheduler = BlockingScheduler(timezone="UTC")
    job = scheduler.add_job(
        _job_function,
        trigger,
        id="j",
        next_run_time=moment,
        misfire_grace_time=1,
        coalesce=True,
        max_instances=1,
    )
    restored = pickle.loads(pickle.dumps(job))
    assert restored.trigger == trigger and restored.next_run_time == moment
    assert trigger != Trigger("0 9 13 * 5", tz="Europe/London")
    assert trigger != "0 9 13 * 5"


def test_unknown_state_version_is_refused() -> None:
    trigger = Trigger(StartSchedule(mins=[0]))
    state = {**trigger.__getstate__(), "version": 99}
    with pytest.raises(InvalidArgumentError) as caught:
        Trigger.__new__(Trigger).__setstate__(state)
    assert caught.value.field == "version" and caught.value.value == 99


def test_bad_arguments_are_refused_with_the_library_errors() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        Trigger(StartSchedule(), offset=30)  # type: ignore[arg-type]
    assert caught.value.field == "offset"
    with pytest.raises(InvalidArgumentError) as caught:
        Trigger([])
    assert caught.value.field == "schedule"
    with pytest.raises(InvalidArgumentError) as caught:
        Trigger(StartSchedule()).get_next_fire_time(None, datetime(2026, 1, 1))
    assert caught.value.field == "now"


def test_a_schedule_that_never_fires_again_removes_the_job() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    trigger = Trigger(StartSchedule(mins=[0], hours=[0], years=[2026], months=[1], mdays=[2]))
    fired = scheduler_fire_times(trigger, start, start + timedelta(days=400))
    assert fired == [datetime(2026, 1, 2, tzinfo=UTC)]


def test_repr_and_str_name_the_schedules() -> None:
    trigger = Trigger([StartSchedule(mins=[0], hours=[9]), StartSchedule(tz="UTC", mdays=[1])])
    assert str(trigger) == "altcraft[0 9 * * *; CRON_TZ=UTC * * 1 * *]"
    both_days = Trigger(StartSchedule(mins=[0], mdays=[13], wdays=[5]), tz="UTC")
    assert "'start_mdays': [13]" in repr(both_days) and "tz='UTC'" in repr(both_days)


# -- APScheduler's own CronTrigger on the same nights -----------------------------------

# Observed with APScheduler 3.11: (zone, local date of the DST change, schedule
# "hour:minute", "*" = every hour) -> (fire times of the bridge only, fire times of
# CronTrigger only), local month-day, wall time and UTC offset.
# Every other case of the grid below fires identically.
CRON_TRIGGER_DIFFERS = {
    # Spring forward: a skipped fixed time fires at its wall time plus the gap, not at
    # the end of the gap ...
    ("America/New_York", "2026-03-08", "2:15"): (["03-08T03:00-04"], ["03-08T03:15-04"]),
    ("America/New_York", "2026-03-08", "2:30"): (["03-08T03:00-04"], ["03-08T03:30-04"]),
    ("America/New_York", "2026-03-08", "2:45"): (["03-08T03:00-04"], ["03-08T03:45-04"]),
    ("Europe/London", "2026-03-29", "1:15"): (["03-29T02:00+01"], ["03-29T02:15+01"]),
    ("Europe/London", "2026-03-29", "1:30"): (["03-29T02:00+01"], ["03-29T02:30+01"]),
    ("Europe/London", "2026-03-29", "1:45"): (["03-29T02:00+01"], ["03-29T02:45+01"]),
    ("Australia/Lord_Howe", "2026-10-04", "2:15"): (["10-04T02:30+11"], ["10-04T02:45+11"]),
    # ... or not at all when the gap is at midnight (Santiago) ...
    ("America/Santiago", "2026-09-06", "0:00"): (["09-06T01:00-03"], []),
    ("America/Santiago", "2026-09-06", "0:15"): (["09-06T01:00-03"], []),
    ("America/Santiago", "2026-09-06", "0:30"): (["09-06T01:00-03"], []),
    ("America/Santiago", "2026-09-06", "0:45"): (["09-06T01:00-03"], []),
    # ... and a run before the gap on the next day is lost: after 00:xx on the night of
    # the change, CronTrigger's next fire time is two days later.
    ("America/New_York", "2026-03-08", "0:00"): (["03-09T00:00-04"], []),
    ("America/New_York", "2026-03-08", "0:15"): (["03-09T00:15-04"], []),
    ("America/New_York", "2026-03-08", "0:30"): (["03-09T00:30-04"], []),
    ("America/New_York", "2026-03-08", "0:45"): (["03-09T00:45-04"], []),
    ("Australia/Lord_Howe", "2026-10-04", "0:00"): (["10-05T00:00+11"], []),
    ("Australia/Lord_Howe", "2026-10-04", "0:15"): (["10-05T00:15+11"], []),
    # Fall back: a fixed time in the repeated hour fires twice.
    ("America/New_York", "2026-11-01", "1:00"): ([], ["11-01T01:00-05"]),
    ("America/New_York", "2026-11-01", "1:15"): ([], ["11-01T01:15-05"]),
    ("America/New_York", "2026-11-01", "1:30"): ([], ["11-01T01:30-05"]),
    ("America/New_York", "2026-11-01", "1:45"): ([], ["11-01T01:45-05"]),
    ("Europe/London", "2026-10-25", "1:00"): ([], ["10-25T01:00+00"]),
    ("Europe/London", "2026-10-25", "1:15"): ([], ["10-25T01:15+00"]),
    ("Europe/London", "2026-10-25", "1:30"): ([], ["10-25T01:30+00"]),
    ("Europe/London", "2026-10-25", "1:45"): ([], ["10-25T01:45+00"]),
    ("Australia/Lord_Howe", "2026-04-05", "1:30"): ([], ["04-05T01:30+10:30"]),
    ("Australia/Lord_Howe", "2026-04-05", "1:45"): ([], ["04-05T01:45+10:30"]),
    ("America/Santiago", "2026-04-04", "23:00"): ([], ["04-04T23:00-04"]),
    ("America/Santiago", "2026-04-04", "23:15"): ([], ["04-04T23:15-04"]),
    ("America/Santiago", "2026-04-04", "23:30"): ([], ["04-04T23:30-04"]),
    ("America/Santiago", "2026-04-04", "23:45"): ([], ["04-04T23:45-04"]),
}


def _short(moment: datetime, zone: ZoneInfo) -> str:
    """``03-08T03:00-04``: month-day, wall time, UTC offset without ``:00``."""
    text = moment.astimezone(zone).isoformat()[5:16] + moment.astimezone(zone).strftime("%z")
    return text[:-2] if text.endswith("00") else text[:-2] + ":" + text[-2:]


def test_side_by_side_cron_trigger_and_the_bridge_on_dst_nights() -> None:
    """Every fixed time 22:00-03:45 in steps of 15 minutes, and every hour at those
    minutes, from a day before to two days after each 2026 change in four zones."""
    observed = {}
    for name in DST_ZONES:
        zone = ZoneInfo(name)
        for change in transitions(name, 2026, 2026):
            at = datetime.fromtimestamp(change.instant, UTC)
            start, end = at - timedelta(days=1), at + timedelta(days=2)
            for hour in (None, 22, 23, 0, 1, 2, 3):
                for minute in (0, 15, 30, 45):
                    schedule = StartSchedule(mins=[minute], hours=[] if hour is None else [hour])
                    cron = CronTrigger(
                        minute=minute, hour="*" if hour is None else hour, timezone=zone
                    )
                    ours = [
                        _short(x, zone)
                        for x in scheduler_fire_times(Trigger(schedule, tz=name), start, end)
                    ]
                    theirs = [_short(x, zone) for x in scheduler_fire_times(cron, start, end)]
                    assert ours == [
                        _short(x, zone)
                        for x in expected_fire_times(schedule, name, start, end, timedelta(0))
                    ]
                    if ours != theirs:
                        key = (
                            name,
                            str(at.astimezone(zone).date()),
                            f"{'*' if hour is None else hour}:{minute:02d}",
                        )
                        observed[key] = (
                            [x for x in ours if x not in theirs],
                            [x for x in theirs if x not in ours],
                        )
    assert observed == CRON_TRIGGER_DIFFERS

"""Celery's own beat scheduler driving BeatSchedule on a fake clock across DST changes."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from celery import Celery
from celery.beat import Scheduler
from celery.schedules import crontab

from altcraft_schedule import StartSchedule, iter_runs
from altcraft_schedule.bridges.celery import BeatSchedule
from bridge_nights import DST_NIGHTS, OFFSETS, SCHEDULES

UTC = timezone.utc


class _Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class _RecordingScheduler(Scheduler):  # type: ignore[misc]
    def __init__(self, *args: object, clock: _Clock, **kwargs: object) -> None:
        self.clock = clock
        self.fired: list[datetime] = []
        super().__init__(*args, **kwargs)

    def apply_entry(self, entry: object, producer: object = None) -> None:
        # Record instead of sending: no broker in these tests.
        self.fired.append(self.clock.now)


def _beat_fire_times(
    app: Celery, schedule: BeatSchedule, clock: _Clock, end: datetime
) -> list[datetime]:
    beat = _RecordingScheduler(app, lazy=True, clock=clock)
    beat.setup_schedule()
    beat.merge_inplace({"job": {"task": "job", "schedule": schedule}})
    beat.max_interval = 24 * 3600
    while clock.now < end:
        sleep = beat.tick(event_t=lambda *a, **k: a, min=min)
        # Beat sleeps this long; the fake clock jumps instead of waiting.
        clock.now = clock.now + timedelta(seconds=max(sleep, 0.001))
    # Beat wakes 10 ms after the due time: compare whole seconds.
    return [moment.replace(microsecond=0) for moment in beat.fired if moment < end]


def _app(zone: str) -> Celery:
    app = Celery("bridge-test", broker="memory://", set_as_current=False)
    app.conf.timezone = zone
    app.conf.beat_schedule = {}
    return app


def _expected(
    schedule: StartSchedule, zone: str, start: datetime, end: datetime, offset: timedelta
) -> list[datetime]:
    out = []
    for run in iter_runs(schedule, start - offset, zone):
        fire = run.astimezone(UTC) + offset
        if fire >= end:
            break
        if fire > start:
            out.append(fire)
    return out


@pytest.mark.parametrize(("zone", "start"), DST_NIGHTS)
@pytest.mark.parametrize("offset", OFFSETS, ids=str)
def test_celery_beat_fires_exactly_at_the_runs(
    zone: str, start: datetime, offset: timedelta
) -> None:
    end = start + timedelta(days=5)
    for schedule in SCHEDULES:
        clock = _Clock(start)
        app = _app(zone)
        bridge = BeatSchedule(schedule, offset=offset, nowfun=clock, app=app)
        fired = _beat_fire_times(app, bridge, clock, end)
        expected = _expected(schedule, zone, start, end, offset)
        assert [f.astimezone(UTC) for f in fired] == expected, (zone, schedule, offset)


def test_zone_falls_back_to_the_app_timezone_and_tz_overrides_it() -> None:
    app = _app("Europe/London")
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    schedule = StartSchedule(mins=[0], hours=[9])
    from_app = BeatSchedule(schedule, app=app).next_fire_after(moment)
    explicit = BeatSchedule(schedule, tz="Asia/Tokyo", app=app).next_fire_after(moment)
    assert from_app == datetime(2026, 3, 1, 9, tzinfo=ZoneInfo("Europe/London"))
    # 00:00 UTC is 09:00 in Tokyo: the first run strictly after it is the next day.
    assert explicit == datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_pickles_and_accepts_a_cron_string_with_or_days() -> None:
    bridge = BeatSchedule("0 9 13 * 5", tz="UTC", offset=timedelta(minutes=-5))
    assert len(bridge.schedules) == 2  # cron's OR day rule: two schedules, merged
    copy = pickle.loads(pickle.dumps(bridge))
    assert copy == bridge
    fire = copy.next_fire_after(datetime(2026, 2, 1, tzinfo=UTC))
    assert fire == datetime(2026, 2, 6, 8, 55, tzinfo=UTC)  # Friday the 6th, 5 min early


def _crontab_fires(
    zone: str, start: datetime, end: datetime, minute: str, hour: str
) -> list[datetime]:
    clock = _Clock(start)
    app = _app(zone)
    return _beat_fire_times(
        app, crontab(minute=minute, hour=hour, nowfun=clock, app=app), clock, end
    )


def test_side_by_side_celery_crontab_and_the_bridge_on_new_york_dst_nights() -> None:
    """What Celery's own crontab does on the two New York DST nights of 2026."""
    zone, ny = "America/New_York", ZoneInfo("America/New_York")
    spring = (datetime(2026, 3, 7, 12, tzinfo=UTC), datetime(2026, 3, 9, 12, tzinfo=UTC))
    autumn = (datetime(2026, 10, 31, 12, tzinfo=UTC), datetime(2026, 11, 2, 12, tzinfo=UTC))
    bridge_spring = _expected(StartSchedule(mins=[30], hours=[2]), zone, *spring, timedelta(0))
    bridge_autumn = _expected(StartSchedule(mins=[30], hours=[1]), zone, *autumn, timedelta(0))
    cron_spring = _crontab_fires(zone, *spring, "30", "2")
    cron_autumn = _crontab_fires(zone, *autumn, "30", "1")
    local = lambda xs: [x.astimezone(ny).isoformat() for x in xs]  # noqa: E731
    # The bridge: 02:30 does not exist on 8 March, the run moves to the end of the gap.
    assert local(bridge_spring) == ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]
    # A fixed time in the repeated hour runs once, at its first occurrence.
    assert local(bridge_autumn) == ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]
    # Observed with Celery 5.7: crontab fires the skipped 02:30 an hour late, at 03:30
    # (30 minutes after the end of the gap); in the repeated hour it agrees (once).
    assert local(cron_spring) == ["2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00"]
    assert local(cron_autumn) == local(bridge_autumn)


def test_repr_of_a_schedule_cron_cannot_write() -> None:
    both_day_fields = StartSchedule(mins=[0], hours=[9], mdays=[1], wdays=[1])
    assert "start_mdays" in repr(BeatSchedule(both_day_fields))


def test_repr_writes_a_negative_offset_as_before() -> None:
    before = BeatSchedule(StartSchedule(mins=[0], hours=[9]), offset=timedelta(minutes=-30))
    assert "offset=-0:30:00" in repr(before)

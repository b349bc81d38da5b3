"""Issue 17: the engine at the edges (gap days at midnight, foreign tzinfos, sub-minute
offsets, datetime subclasses, the model's value)."""

from __future__ import annotations

import itertools
import pickle
import time
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import attrs
import pandas as pd
import pytest
import pytz
from dateutil import tz as dateutil_tz

from altcraft_schedule import InvalidArgumentError, StartSchedule

# -- the model's value: the engine's cache is not an attrs field ---------------------------


def test_asdict_round_trips_after_the_engine_cached_its_tables() -> None:
    schedule = StartSchedule(hours=[9], mins=[0], tz="Europe/Moscow")
    schedule.next_run(datetime(2026, 1, 1))
    values = attrs.asdict(schedule)
    assert set(values) == {f.name for f in attrs.fields(StartSchedule)}
    assert not any("compiled" in name for name in values)
    assert StartSchedule(**values) == schedule


def test_pickle_carries_the_value_only() -> None:
    schedule = StartSchedule(hours=[9], mins=[0])
    fresh = pickle.dumps(schedule)
    schedule.next_run(datetime(2026, 1, 1))
    assert pickle.dumps(schedule) == fresh
    copy = pickle.loads(fresh)
    assert copy == schedule
    assert copy.next_run(datetime(2026, 1, 1)) == schedule.next_run(datetime(2026, 1, 1))


# -- item 1: a gap that ends at midnight; the cluster guard ---------------------------------


@pytest.mark.parametrize(
    ("key", "day"), [("America/Nuuk", date(2026, 3, 29)), ("America/Nuuk", date(2027, 3, 28))]
)
def test_runs_between_keeps_the_run_moved_to_a_midnight_gap_end(key: str, day: date) -> None:
    zone = ZoneInfo(key)
    midnight = datetime(day.year, day.month, day.day)
    eve = midnight - timedelta(days=1)
    gap_hour = (midnight - timedelta(minutes=30)).hour
    schedule = StartSchedule(hours=[gap_hour], mins=[30], tz=key)
    moved = schedule.next_run(eve + timedelta(hours=12))
    assert moved is not None and moved.astimezone(UTC) == midnight.replace(tzinfo=zone).astimezone(
        UTC
    )
    runs = schedule.runs_between(midnight, midnight + timedelta(days=1))
    assert _utc(runs)[0] == moved.astimezone(UTC)
    # Back-to-back windows lose nothing.
    window = _utc(schedule.runs_between(eve, midnight)) + _utc(runs)
    assert window == _utc(schedule.runs_between(eve, midnight + timedelta(days=1)))


class _RestlessZone(tzinfo):
    """A minute further east every day (a one-minute gap at each midnight; 2026 is far
    from the wrap-around every 1000 days)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        assert dt is not None
        return timedelta(minutes=dt.toordinal() % 1000)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "Restless"

    def fromutc(self, dt: datetime) -> datetime:
        naive = dt.replace(tzinfo=None)
        for day in (naive.toordinal() + 1, naive.toordinal(), naive.toordinal() - 1):
            wall = naive + timedelta(minutes=day % 1000)
            if wall.toordinal() == day:
                return wall.replace(tzinfo=self)
        raise AssertionError(dt)


def test_a_zone_changing_every_day_is_refused_not_skipped() -> None:
    with pytest.raises(InvalidArgumentError, match="days in a row") as caught:
        list(
            itertools.islice(
                StartSchedule(hours=[12], mins=[0]).iter_runs(
                    datetime(2026, 1, 1), tz=_RestlessZone()
                ),
                200,
            )
        )
    assert caught.value.field == "tz"


# -- item 2: foreign tzinfos ----------------------------------------------------------------


def test_a_pytz_zone_is_read_as_its_zoneinfo() -> None:
    nine = StartSchedule(hours=[9], mins=[0])
    run = nine.next_run(datetime(2026, 7, 1), tz=pytz.timezone("America/New_York"))
    assert run == datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    assert run is not None and run.utcoffset() == timedelta(hours=-4)
    # On change days: no pytz exception, the DST rules.
    late = StartSchedule(hours=[2], mins=[30])
    spring = late.next_run(datetime(2026, 3, 8), tz=pytz.timezone("America/New_York"))
    assert spring is not None and spring.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    assert nine.next_run(datetime(2026, 7, 1), tz=pytz.utc) == datetime(
        2026, 7, 1, 9, 0, tzinfo=UTC
    )
    fixed = nine.next_run(datetime(2026, 7, 1), tz=pytz.FixedOffset(60))
    assert fixed is not None and fixed.utcoffset() == timedelta(hours=1) and fixed.hour == 9


def test_an_input_with_a_pytz_zone_attached_by_replace_is_refused() -> None:
    york = pytz.timezone("America/New_York")
    nine = StartSchedule(hours=[9], mins=[0], tz="America/New_York")
    with pytest.raises(InvalidArgumentError, match="localize") as caught:
        nine.next_run(datetime(2026, 7, 1, 8, tzinfo=york))
    assert caught.value.field == "after"
    localized = york.localize(datetime(2026, 7, 1, 8))
    assert nine.next_run(localized) == datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    "zone",
    [dateutil_tz.tzstr("EST5EDT,M3.2.0,M11.1.0"), dateutil_tz.gettz("America/New_York")],
    ids=["tzstr", "gettz"],
)
def test_dateutil_zones_put_a_gap_run_at_the_gap_end(zone: tzinfo) -> None:
    late = StartSchedule(hours=[2], mins=[30])
    run = late.next_run(datetime(2026, 3, 7, 12), tz=zone)
    assert run is not None and run.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    # The overlap night: a fixed time once, at the first occurrence.
    one = StartSchedule(hours=[1], mins=[30])
    runs = one.runs_between(datetime(2026, 11, 1), datetime(2026, 11, 2), tz=zone)
    assert _utc(runs) == [datetime(2026, 11, 1, 5, 30, tzinfo=UTC)]


def test_dateutil_tzlocal_gives_the_zoneinfo_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        late = StartSchedule(hours=[2], mins=[30])
        run = late.next_run(datetime(2026, 3, 7, 12), tz=dateutil_tz.tzlocal())
        assert run is not None and run.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


class _Broken(tzinfo):
    def __init__(self, answer: str) -> None:
        self.answer = answer

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if self.answer == "raise":
            raise NotImplementedError
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        return "Broken"


@pytest.mark.parametrize("answer", ["raise", "none"])
def test_a_tzinfo_without_offsets_raises_the_library_error(answer: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        StartSchedule(hours=[9], mins=[0]).next_run(datetime(2026, 1, 1), tz=_Broken(answer))
    assert caught.value.field == "tz"


def test_a_bad_tz_argument_is_refused_when_the_schedule_has_its_zone() -> None:
    own = StartSchedule(hours=[9], mins=[0], tz="Europe/Moscow")
    with pytest.raises(InvalidArgumentError) as caught:
        own.next_run(datetime(2026, 1, 1), tz=12345)  # type: ignore[arg-type]
    assert caught.value.field == "tz" and caught.value.value == 12345


def test_reverse_takes_a_bool_only() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        StartSchedule().iter_runs(datetime(2026, 1, 1), reverse="no")  # type: ignore[arg-type]
    assert caught.value.field == "reverse"


# -- item 3: sub-minute offsets and LMT ------------------------------------------------------


def test_a_sub_second_offset_is_refused() -> None:
    odd = timezone(timedelta(microseconds=500000))
    with pytest.raises(InvalidArgumentError, match="whole number of seconds"):
        next(StartSchedule().iter_runs(datetime(2026, 1, 1, tzinfo=odd), tz=odd))


def test_whole_second_offsets_give_whole_wall_minutes_strictly_after() -> None:
    odd = timezone(timedelta(seconds=-37))
    start = datetime(2026, 1, 1, 9, 0, 0, tzinfo=odd)
    runs = list(itertools.islice(StartSchedule().iter_runs(start, tz=odd), 3))
    assert all(run > start and run.second == 0 and run.microsecond == 0 for run in runs)
    back = next(StartSchedule().iter_runs(start, tz=odd, reverse=True))
    assert back < start and back.second == 0


def test_the_lmt_gap_run_fires_when_the_gap_ends() -> None:
    """We decided: a gap's fixed-time run fires at the instant the gap ends, even when
    that is not a whole wall minute (local mean time: Africa/Abidjan, 1912)."""
    schedule = StartSchedule(hours=[0], mins=[5], tz="Africa/Abidjan")
    run = schedule.next_run(datetime(1911, 12, 31, 12))
    assert run is not None
    assert (run.hour, run.minute, run.second) == (0, 16, 8)
    assert run.astimezone(UTC) == datetime(1912, 1, 1, 0, 16, 8, tzinfo=UTC)


# -- item 4: datetime subclasses -------------------------------------------------------------


def test_pandas_timestamps_with_nanoseconds() -> None:
    nine = StartSchedule(hours=[9], mins=[0])
    start = pd.Timestamp("2026-01-05 09:00:00.000000001")
    assert nine.previous_run(start) == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert next(nine.iter_runs(start, reverse=True)) == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert nine.next_run(start) == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    assert nine.runs_between(start, pd.Timestamp("2026-01-06 09:00:00.000000001")) == [
        datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    ]


@pytest.mark.parametrize("call", ["next_run", "previous_run", "iter_runs", "runs_between"])
def test_pandas_nat_raises_the_library_error(call: str) -> None:
    nine = StartSchedule(hours=[9], mins=[0])
    with pytest.raises(InvalidArgumentError):
        if call == "runs_between":
            nine.runs_between(pd.NaT, datetime(2026, 1, 1))  # type: ignore[arg-type]
        elif call == "iter_runs":
            next(nine.iter_runs(pd.NaT))  # type: ignore[arg-type]
        else:
            getattr(nine, call)(pd.NaT)


def _utc(runs: list[datetime]) -> list[datetime]:
    return [run.astimezone(UTC) for run in runs]

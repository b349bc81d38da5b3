"""Issue 17: the engine at the edges (gap days at midnight, foreign tzinfos, sub-minute
offsets, datetime subclasses, the model's value)."""

from __future__ import annotations

import pickle
from datetime import datetime

import attrs

from altcraft_schedule import StartSchedule

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

"""The engine's per-zone tables stay bounded across many zones (memory, not time)."""

from __future__ import annotations

import gc
import tracemalloc
import zoneinfo
from datetime import datetime
from zoneinfo import ZoneInfo

from altcraft_schedule import StartSchedule, _engine


def test_day_classes_cost_about_a_byte_a_day() -> None:
    zones = [ZoneInfo(name) for name in ("America/New_York", "Europe/Moscow", "Asia/Tokyo")]
    tables = [_engine._zone_days(zone) for zone in zones]
    first = datetime(1990, 1, 1).toordinal()
    count = 6_000
    for zone in zones:  # load each zone's own data before tracing
        zone.utcoffset(datetime(2000, 1, 1))
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for table in tables:
        for ordinal in range(first, first + count):
            table.offset(ordinal)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    # One dict entry a day (the old table) cost about 16 bytes a day traced.
    assert grown < 3 * count * 2.5


def test_many_zones_keep_their_tables() -> None:
    names = sorted(zoneinfo.available_timezones())[:200]
    schedule = StartSchedule(mins=[0], hours=[9])
    start = datetime(2026, 5, 5, 12)
    for name in names:
        schedule.next_run(start, name)
    first = _engine._zone_days(_engine._zone_by_name(names[0]))
    for name in names:
        schedule.next_run(start, name)
    # The table of the first zone survived 200 zones (it was cleared at 64 before).
    assert _engine._zone_days(_engine._zone_by_name(names[0])) is first
    zones, blocks = _engine.day_table_stats()
    assert zones >= len(names)
    assert blocks <= _engine._BLOCK_BUDGET


def test_zone_name_cache_holds_every_name() -> None:
    maxsize = _engine._zone_by_name.cache_info().maxsize
    assert maxsize is not None
    assert maxsize >= len(zoneinfo.available_timezones())


def test_the_block_budget_bounds_all_zones() -> None:
    # Blocks of one byte a day, plus a dict entry: the budget stays under ~50 MiB.
    assert _engine._BLOCK_BUDGET * ((1 << _engine._BLOCK_SHIFT) + 120) < 50 * 2**20

"""Time cycle caps and warm-up plans; prints a Markdown table.

Run: ``python benchmarks/bench_limits.py``.  Each case builds a fresh ``CycleLimits`` (so
nothing is cached) and reports the best of a few repetitions.
"""

from __future__ import annotations

import math
import platform
import sys
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial

from altcraft_schedule._limits import CycleLimits
from altcraft_schedule._plan import WarmupPlan, plan
from altcraft_schedule._schedule import StartSchedule

REPEAT = 5
GROWTHS: list[tuple[int, int, float]] = [
    (1000, 500, 0),
    (1000, 0, 0.1),
    (1000, 500, 1.0),
    (1000, 500, 10.0),
    (1000, 5, 99.0),
    (1000, 5, 1000.0),
]


def best_of(run: Callable[[], object]) -> tuple[float, object]:
    """The fastest of ``REPEAT`` runs, in milliseconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(REPEAT):
        began = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - began)
    return best * 1000, result


def digits(value: object) -> str:
    """Decimal digits of an int (int -> str is capped at 4300 digits by default)."""
    if not isinstance(value, int):
        return "-"
    estimate = math.floor(value.bit_length() * math.log10(2)) + 1
    # The estimate can be one too high: correct it against the power of ten it implies.
    return str(estimate if value >= 10 ** (estimate - 1) else estimate - 1)


def cap_of(limit: int, count: int, percent: float, cycle: int) -> int | None:
    return CycleLimits(limit, count, percent).cap(cycle)


def reach_of(limit: int, count: int, percent: float, audience: int) -> int | None:
    return CycleLimits(limit, count, percent).cycles_to_reach(audience)


def cap_rows() -> list[str]:
    rows = []
    for limit, count, percent in GROWTHS:
        ms, value = best_of(partial(cap_of, limit, count, percent, 10_000))
        label = f"`cap(10_000)` limit={limit} +{count} +{percent}%"
        rows.append(f"| {label} | {digits(value)} digits | {ms:.2f} |")
    return rows


def reach_rows() -> list[str]:
    rows = []
    cases = [(1, 1, 0.002), (100, 1, 0.0001), (1000, 500, 10.0)]
    for limit, count, percent in cases:
        ms, cycle = best_of(partial(reach_of, limit, count, percent, 10**10))
        label = f"`cycles_to_reach(10**10)` limit={limit} +{count} +{percent}%"
        rows.append(f"| {label} | cycle {cycle} | {ms:.2f} |")
    return rows


def plan_rows() -> list[str]:
    cases = [
        ("*/5 Europe/Moscow", StartSchedule(mins=range(0, 60, 5), tz="Europe/Moscow")),
        ("daily 09:00 America/New_York", StartSchedule(mins=[0], hours=[9], tz="America/New_York")),
    ]
    rows = []
    for name, schedule in cases:
        run = partial(
            plan,
            schedule,
            CycleLimits(1000, 50, 1.5),
            start=datetime(2025, 1, 1),
            audience=5_000_000,
            cycles=10_000,
        )
        ms, result = best_of(run)
        assert isinstance(result, WarmupPlan)
        label = f"10,000-row plan, {name}, limit=1000 +50 +1.5%, audience 5,000,000"
        rows.append(
            f"| {label} | {len(result)} rows, reached at cycle {result.reached_cycle} | {ms:.2f} |"
        )
    return rows


def main() -> None:
    print(f"Python {sys.version.split()[0]} on {platform.machine()}, best of {REPEAT}\n")
    print("| case | result | ms |")
    print("|---|---|---:|")
    for line in [*cap_rows(), *reach_rows(), *plan_rows()]:
        print(line)


if __name__ == "__main__":
    main()

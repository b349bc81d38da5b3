"""Run-time speed, side by side with croniter and cronsim, in one process.

    python benchmarks/bench_runtimes.py [--quick]

For each zone and expression: µs per single ``next_run`` from a fresh start instant
(2,000 different aware starts spread over two years), and µs per run over 100,000
successive runs of ``*/5 * * * *``.  Peers are used the way their docs show:
croniter re-targeted with ``set_current`` (no re-parse), cronsim constructed per start
(its only way to take a new start).  Best of several repeats; ratios = peer / ours.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from importlib.metadata import version
from itertools import islice
from zoneinfo import ZoneInfo

from croniter import croniter
from cronsim import CronSim

from altcraft_schedule import StartSchedule

EXPRESSIONS: dict[str, StartSchedule] = {
    "*/5 * * * *": StartSchedule(mins=range(0, 60, 5)),
    "0 9 * * 1-5": StartSchedule(mins=[0], hours=[9], wdays=[1, 2, 3, 4, 5]),
    "30 2 29 2 *": StartSchedule(mins=[30], hours=[2], mdays=[29], months=[2]),
    "0 0 1 1 *": StartSchedule(mins=[0], hours=[0], mdays=[1], months=[1]),
}
ZONES = ["America/New_York", "Europe/Moscow"]


def best_of(repeats: int, work: Callable[[], int]) -> float:
    """Best seconds per item over ``repeats`` runs of ``work`` (which returns its item count)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        count = work()
        best = min(best, (time.perf_counter() - started) / count)
    return best


def single_next(
    zone: ZoneInfo, expression: str, starts: list[datetime], repeats: int
) -> tuple[float, float, float]:
    schedule = EXPRESSIONS[expression]

    def ours() -> int:
        next_run = schedule.next_run
        for start in starts:
            next_run(start, zone)
        return len(starts)

    peer = croniter(expression, starts[0])

    def with_croniter() -> int:
        for start in starts:
            peer.set_current(start, force=True)
            peer.get_next(datetime)
        return len(starts)

    def with_cronsim() -> int:
        for start in starts:
            next(CronSim(expression, start))
        return len(starts)

    return best_of(repeats, ours), best_of(repeats, with_croniter), best_of(repeats, with_cronsim)


def successive(zone: ZoneInfo, count: int, repeats: int) -> tuple[float, float, float]:
    expression = "*/5 * * * *"
    schedule = EXPRESSIONS[expression]
    start = datetime(2026, 1, 1, 0, 2, tzinfo=zone)

    def ours() -> int:
        for _ in islice(schedule.iter_runs(start, zone), count):
            pass
        return count

    def with_croniter() -> int:
        peer = croniter(expression, start)
        for _ in range(count // 10):  # croniter is slow: a tenth of the runs is enough to time
            peer.get_next(datetime)
        return count // 10

    def with_cronsim() -> int:
        peer = CronSim(expression, start)
        for _ in range(count):
            next(peer)
        return count

    return best_of(repeats, ours), best_of(repeats, with_croniter), best_of(repeats, with_cronsim)


def check_agreement(zone: ZoneInfo, starts: list[datetime]) -> int:
    """Starts where all three agree on the next run (they differ only around DST changes)."""
    agree = 0
    for expression, schedule in EXPRESSIONS.items():
        peer = croniter(expression, starts[0])
        for start in starts[:200]:
            ours = schedule.next_run(start, zone)
            peer.set_current(start, force=True)
            theirs = peer.get_next(datetime)
            other = next(CronSim(expression, start))
            if ours is not None and ours.timestamp() == theirs.timestamp() == other.timestamp():
                agree += 1
    return agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    arguments = parser.parse_args()
    repeats = 2 if arguments.quick else 5
    runs = 20_000 if arguments.quick else 100_000
    rng = random.Random(20261128)

    print(
        f"Python {platform.python_version()} on {platform.machine()}; "
        f"croniter {version('croniter')}, cronsim {version('cronsim')}"
    )
    print()
    print("| zone | case | ours µs | croniter µs | cronsim µs | croniter / ours | cronsim / ours |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for key in ZONES:
        zone = ZoneInfo(key)
        base = datetime(2026, 1, 1, tzinfo=zone)
        starts = [base + timedelta(seconds=rng.randrange(0, 2 * 365 * 86400)) for _ in range(2000)]
        starts = [start.astimezone(zone) for start in starts]
        agreed = check_agreement(zone, starts)
        for expression in EXPRESSIONS:
            ours, theirs, other = single_next(zone, expression, starts, repeats)
            print(
                f"| {key} | `{expression}` next_run | {ours * 1e6:.2f} | {theirs * 1e6:.2f} | "
                f"{other * 1e6:.2f} | {theirs / ours:.1f}x | {other / ours:.1f}x |"
            )
        ours, theirs, other = successive(zone, runs, repeats)
        print(
            f"| {key} | `*/5 * * * *` {runs:,} successive, per run | {ours * 1e6:.3f} | "
            f"{theirs * 1e6:.2f} | {other * 1e6:.2f} | {theirs / ours:.0f}x | {other / ours:.0f}x |"
        )
        print(f"<!-- {key}: all three agree on {agreed} of {4 * 200} sampled next runs -->")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

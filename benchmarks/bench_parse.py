"""Time cron parsing: ``schedule_from_cron`` vs ``CronSim(expr, dt)`` vs ``croniter(expr, dt)``.

Run: ``python benchmarks/bench_parse.py``.  Each figure is the best of several repeats,
in microseconds per parse, all measured in this one process.  Nothing is cached between
parses: every call reads the expression from scratch.  Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import platform
import timeit
from collections.abc import Callable
from datetime import datetime

from croniter import croniter
from cronsim import CronSim

from altcraft_schedule import schedule_from_cron

EXPRESSIONS = (
    "*/5 * * * *",
    "0 9 * * 1-5",
    "30 2 29 2 *",
    "0 0 1 1 *",
    "0,30 8-18/2 * JAN-MAR,OCT MON-FRI",
    "15 9-17 1-7,15-21 * *",
    "*/10 6-22 * MAR-NOV SAT,SUN",
    "0 12 * * FRI#2",
)
START = datetime(2024, 1, 1)


def best_microseconds(
    calls: dict[str, Callable[[], object]], repeat: int, budget: float
) -> dict[str, float]:
    """Best-of-``repeat`` µs per call of each callable.

    The callables take turns within every repeat, so a burst of load on the machine
    hits all of them alike; each turn runs for about ``budget`` seconds.
    """
    timers = {name: timeit.Timer(call) for name, call in calls.items()}
    numbers = {}
    for name, timer in timers.items():
        number, elapsed = timer.autorange()
        numbers[name] = max(1, int(number * budget / elapsed))
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(repeat):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(numbers[name]) / numbers[name] * 1e6)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="repeats per figure (best kept)")
    parser.add_argument("--budget", type=float, default=0.05, help="seconds per turn")
    args = parser.parse_args()

    print(f"Python {platform.python_version()} on {platform.machine()}; "
          f"best of {args.repeat}, µs per parse\n")  # fmt: skip
    print("| expression | altcraft-schedule | cronsim | croniter | vs cronsim | vs croniter |")
    print("|---|--:|--:|--:|--:|--:|")
    ours_total = cronsim_total = croniter_total = 0.0
    for expr in EXPRESSIONS:

        def parse_ours(e: str = expr) -> object:
            return schedule_from_cron(e, dialect="auto")

        def parse_cronsim(e: str = expr) -> object:
            return CronSim(e, START)

        def parse_croniter(e: str = expr) -> object:
            return croniter(e, START)

        best = best_microseconds(
            {
                "ours": parse_ours,
                "cronsim": parse_cronsim,
                "croniter": parse_croniter,
            },
            args.repeat,
            args.budget,
        )
        ours, sim, itr = best["ours"], best["cronsim"], best["croniter"]
        ours_total, cronsim_total, croniter_total = (
            ours_total + ours,
            cronsim_total + sim,
            croniter_total + itr,
        )
        print(f"| `{expr}` | {ours:.2f} | {sim:.2f} | {itr:.2f} | "
              f"{sim / ours:.1f}x | {itr / ours:.1f}x |")  # fmt: skip
    count = len(EXPRESSIONS)
    print(f"| **mean** | {ours_total / count:.2f} | {cronsim_total / count:.2f} | "
          f"{croniter_total / count:.2f} | {cronsim_total / ours_total:.1f}x | "
          f"{croniter_total / ours_total:.1f}x |")  # fmt: skip


if __name__ == "__main__":
    main()

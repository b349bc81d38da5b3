"""Single runs, parsing, bulk runs, worst cases and memory, against croniter-rs, croniter
and cronsim, in one process.

    PYTHONPATH=src python benchmarks/bench_peers.py [--quick]

croniter-rs (the Rust clone of croniter) only knows naive UTC; ours runs naive (UTC),
aware UTC and America/New_York.  The callables of one row take turns within every
repeat (best of several kept), so load on the machine hits all alike; ratio = peer / ours.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
import tracemalloc
import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from importlib.metadata import version
from itertools import islice
from zoneinfo import ZoneInfo

from croniter import croniter
from croniter_rs import croniter as croniter_rs  # type: ignore[import-untyped]
from cronsim import CronSim

from altcraft_schedule import StartSchedule, _engine

EXPRESSIONS = ("*/5 * * * *", "0 9 * * 1-5", "30 2 29 2 *", "0 0 1 1 *")
NEW_YORK = ZoneInfo("America/New_York")


def interleaved(calls: dict[str, Callable[[], int]], repeats: int) -> dict[str, float]:
    """Best µs per item of each callable (each returns its item count), taking turns."""
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(repeats):
        for name, call in calls.items():
            started = time.perf_counter()
            count = call()
            best[name] = min(best[name], (time.perf_counter() - started) / count * 1e6)
    return best


def single_rows(starts: list[datetime], repeats: int) -> None:
    aware_utc = [start.replace(tzinfo=UTC) for start in starts]
    aware_ny = [start.replace(tzinfo=NEW_YORK) for start in starts]
    print("| expression | call | ours naive | ours UTC | ours New York | croniter-rs | "
          "croniter | cronsim | rs / naive | rs / UTC | rs / NY |")  # fmt: skip
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for expression in EXPRESSIONS:
        schedule = StartSchedule.from_cron(expression)
        rust, python = croniter_rs(expression, starts[0]), croniter(expression, starts[0])
        for call in ("next", "previous"):
            ours = schedule.next_run if call == "next" else schedule.previous_run
            rust_get = rust.get_next if call == "next" else rust.get_prev
            python_get = python.get_next if call == "next" else python.get_prev

            def run_ours(
                values: list[datetime],
                tz: str | tzinfo | None,
                ours: Callable[[datetime, str | tzinfo | None], object] = ours,
            ) -> int:
                for value in values:
                    ours(value, tz)
                return len(values)

            def run_rust(
                rust_get: Callable[[type[datetime]], object] = rust_get, rust: object = rust
            ) -> int:
                for start in starts:
                    rust.set_current(start)  # type: ignore[attr-defined]
                    rust_get(datetime)
                return len(starts)

            def run_croniter(
                python_get: Callable[[type[datetime]], object] = python_get,
                python: croniter = python,
            ) -> int:
                for start in starts[:200]:
                    python.set_current(start, force=True)
                    python_get(datetime)
                return 200

            def run_cronsim(call: str = call, expression: str = expression) -> int:
                for start in starts[:200]:
                    next(CronSim(expression, start, reverse=call == "previous"))
                return 200

            best = interleaved(
                {
                    "naive": lambda: run_ours(starts, None),
                    "utc": lambda: run_ours(aware_utc, None),
                    "ny": lambda: run_ours(aware_ny, NEW_YORK),
                    "rs": run_rust,
                    "croniter": run_croniter,
                    "cronsim": run_cronsim,
                },
                repeats,
            )
            print(
                f"| `{expression}` | {call} | {best['naive']:.2f} | {best['utc']:.2f} | "
                f"{best['ny']:.2f} | {best['rs']:.2f} | {best['croniter']:.2f} | "
                f"{best['cronsim']:.2f} | {best['rs'] / best['naive']:.2f}x | "
                f"{best['rs'] / best['utc']:.2f}x | {best['rs'] / best['ny']:.2f}x |"
            )


def parse_rows(repeats: int) -> None:
    print("\n| expression | ours from_cron µs | croniter-rs | croniter | cronsim | rs / ours |")
    print("|---|--:|--:|--:|--:|--:|")
    start = datetime(2026, 1, 1)
    for expression in EXPRESSIONS:

        def timed(build: Callable[[], object]) -> Callable[[], int]:
            def work() -> int:
                for _ in range(300):
                    build()
                return 300

            return work

        def build_ours(e: str = expression) -> object:
            return StartSchedule.from_cron(e)

        def build_rs(e: str = expression) -> object:
            return croniter_rs(e, start)

        def build_croniter(e: str = expression) -> object:
            return croniter(e, start)

        def build_cronsim(e: str = expression) -> object:
            return CronSim(e, start)

        best = interleaved(
            {
                "ours": timed(build_ours),
                "rs": timed(build_rs),
                "croniter": timed(build_croniter),
                "cronsim": timed(build_cronsim),
            },
            repeats,
        )
        print(f"| `{expression}` | {best['ours']:.2f} | {best['rs']:.2f} | "
              f"{best['croniter']:.2f} | {best['cronsim']:.2f} | "
              f"{best['rs'] / best['ours']:.2f}x |")  # fmt: skip


def bulk_row(count: int, repeats: int) -> None:
    expression = "*/5 * * * *"
    schedule = StartSchedule.from_cron(expression)
    start = datetime(2026, 1, 1, 0, 2)

    def ours() -> int:
        for _ in islice(schedule.iter_runs(start), count):
            pass
        return count

    def rust() -> int:
        peer = croniter_rs(expression, start)
        for _ in range(count):
            peer.get_next(datetime)
        return count

    def ours_ny() -> int:
        for _ in islice(schedule.iter_runs(start, NEW_YORK), count):
            pass
        return count

    best = interleaved({"ours": ours, "ny": ours_ny, "rs": rust}, repeats)
    print(f"\n{count:,} successive runs of `{expression}`, µs per run: ours naive UTC "
          f"{best['ours']:.3f}, ours New York {best['ny']:.3f}, croniter-rs {best['rs']:.3f}; "
          f"croniter-rs / ours = {best['rs'] / best['ours']:.1f}x")  # fmt: skip


def first_call(make: Callable[[], StartSchedule], at: datetime, tz: str | tzinfo | None) -> float:
    best = float("inf")
    for _ in range(3):
        schedule = make()  # a fresh schedule: nothing of it is cached yet
        started = time.perf_counter()
        schedule.next_run(at, tz)
        best = min(best, time.perf_counter() - started)
    return best * 1e3


def worst_cases() -> None:
    print("\nWorst cases (ms, first call of a fresh schedule, best of 3):")
    every_minute = first_call(StartSchedule, datetime(2026, 3, 8, 1, 30), NEW_YORK)
    print(f"- every minute, New York spring-forward day 2026-03-08 01:30: {every_minute:.3f}")
    feb29_monday = first_call(
        lambda: StartSchedule(mins=[0], hours=[0], mdays=[29], months=[2], wdays=[1]),
        datetime(2026, 1, 1),
        None,
    )
    print(f"- Feb 29 on a Monday (next: 2044): {feb29_monday:.3f}")
    never = first_call(
        lambda: StartSchedule(mins=[0], hours=[0], mdays=[31], months=[4], years=[2030, 2031]),
        datetime(2026, 1, 1),
        None,
    )
    print(f"- 31 April in listed years 2030-2031 (never fires): {never:.3f}")


def memory(schedules: int) -> None:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    start = datetime(2026, 1, 1)
    for index in range(schedules):
        schedule = StartSchedule(
            mins=[index % 60], hours=[index // 60 % 24], mdays=[index % 28 + 1]
        )
        schedule.next_run(start)
    gc.collect()
    grown = (tracemalloc.get_traced_memory()[0] - before) / 2**20
    tracemalloc.stop()
    print(f"\n{schedules:,} distinct schedules, one next_run each: traced growth {grown:.2f} MiB")


def resident_mib() -> float:
    """The process's resident memory (Linux ``/proc``; NaN elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def zone_memory(count: int | None) -> None:
    """Every day of 1970-2100 in every zone (or the first ``count``): what the engine's
    per-zone day tables hold, and what the process grows by."""
    names = sorted(zoneinfo.available_timezones())[:count]
    first, end = datetime(1970, 1, 1).toordinal(), datetime(2100, 1, 1).toordinal()
    gc.collect()
    before = resident_mib()
    for name in names:
        days = _engine._zone_days(_engine._zone_by_name(name))
        for ordinal in range(first, end):
            days.offset(ordinal)
    gc.collect()
    grown = resident_mib() - before
    held = sum(
        sys.getsizeof(days.blocks) + sum(sys.getsizeof(block) for block in days.blocks.values())
        for days in _engine._ZONE_DAYS.values()
    )
    zones, blocks = _engine.day_table_stats()
    print(f"\nDay tables of {len(names)} zones over 1970-2100 ({zones} zone objects held, "
          f"{blocks:,} blocks): "
          f"{held / 2**20:.1f} MiB held, process resident growth {grown:.1f} MiB "
          f"(bound: 50 MiB for every zone)")  # fmt: skip


def zone_rows(repeats: int) -> None:
    names = sorted(zoneinfo.available_timezones())
    objects = [ZoneInfo.no_cache(name) for name in names]
    schedule = StartSchedule(mins=[0], hours=[9])
    start = datetime(2026, 5, 5, 12)

    def rotate(zones: list[ZoneInfo] | list[str]) -> Callable[[], int]:
        def work() -> int:
            for zone in zones:
                schedule.next_run(start, zone)
            return len(zones)

        return work

    single = [names[0]] * len(names)
    best = interleaved(
        {"one": rotate(single), "names": rotate(names), "objects": rotate(objects)}, repeats
    )
    print(f"\nnext_run over {len(names)} zones, µs per call: one zone {best['one']:.2f}, "
          f"rotating names {best['names']:.2f} ({best['names'] / best['one']:.2f}x), "
          f"own ZoneInfo objects {best['objects']:.2f} "
          f"({best['objects'] / best['one']:.2f}x)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    arguments = parser.parse_args()
    repeats = 3 if arguments.quick else 7
    rng = random.Random(20261201)
    base = datetime(2026, 1, 1)
    starts = [base + timedelta(seconds=rng.randrange(0, 2 * 365 * 86400)) for _ in range(2000)]
    print(f"Python {platform.python_version()} on {platform.machine()} "
          f"({platform.processor() or platform.platform()}); croniter-rs "
          f"{version('croniter-rs')}, croniter {version('croniter')}, cronsim "
          f"{version('cronsim')}; µs per call, best of {repeats}\n")  # fmt: skip
    single_rows(starts, repeats)
    parse_rows(repeats)
    bulk_row(20_000 if arguments.quick else 100_000, repeats)
    zone_rows(max(2, repeats // 2))
    worst_cases()
    memory(20_000 if arguments.quick else 200_000)
    zone_memory(30 if arguments.quick else None)


if __name__ == "__main__":
    main()

"""Real cron expressions from public repositories (tests/data/cron_corpus.json).

Each entry names its source (repository and path, as the code search gave them), the
system that reads it, that system's dialect, and what the system's own documentation says
it means: the schedule (the wire fields that are set), a list of schedules (cron's OR of
the two day fields) or the kind of refusal.  ``"line": true`` marks a whole crontab line
(schedule, then the command), read with ``read_crontab``.  ``"defect"`` marks a known
converter defect, kept as a strict xfail until it is fixed.

In its own dialect every entry converts to exactly its expected schedules, or is refused
for the expected reason.  In ``auto`` it is refused, or it converts to the one reading that
every dialect accepting the string gives, which for an exact entry must be its expected
schedules: no entry is ever read with runs its own system does not give.

Counts, recomputed from the data and the converter by ``test_counts`` (the numbers live in
tests/data/cron_corpus_counts.json; run with ``-s`` to print them):

==========  =====  =====  =====  =======================================  ==============
dialect     total  exact  union  refused (why)                            auto: refused
==========  =====  =====  =====  =======================================  ==============
cron           60     54      1  boot 4, step too large 1                            18
kubernetes     29     22         fixed interval 4, fields 2, time zone 1              6
quartz         31     21         sub-minute 6, L/W (needs years=) 4                  13
spring         51     28         sub-minute 18, fields 4, invalid 1                  27
aws            26     24         '?' rule 2                                           2
all           197    149      1  47                                                  66
==========  =====  =====  =====  =======================================  ==============

"auto: refused" counts the entries ``auto`` declines (6-field strings whose readings
differ, crontab lines with their commands, and most of what the dialect refuses).  Every
other entry converts in ``auto`` to the reading all accepting dialects share; for an entry
its own system refuses that can be another system's reading (robfig/cron v3 refuses the
6-field ``0 30 * * * *``; ``auto`` reads it as Spring does, hourly at :30).  We refuse
cron's ``*/180`` in day-of-month, which cronie reads (with a warning) as day 1 alone.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from altcraft_schedule import CronConversionError, StartSchedule, read_crontab, schedules_from_cron

DATA = Path(__file__).parent / "data"
CORPUS: list[dict[str, Any]] = json.loads((DATA / "cron_corpus.json").read_text(encoding="utf-8"))
COUNTS: dict[str, Any] = json.loads((DATA / "cron_corpus_counts.json").read_text(encoding="utf-8"))
DIALECTS = ("cron", "kubernetes", "quartz", "spring", "aws")


def _token(error: CronConversionError) -> str:
    return str(error.token or "")


# The kinds of refusal, each checked on the error's attributes rather than its wording.
REFUSALS: dict[str, Callable[[CronConversionError], bool]] = {
    "sub-minute": lambda error: error.field == "second",
    "boot": lambda error: "@reboot" in _token(error),
    "fixed interval": lambda error: _token(error).lower().startswith("@every"),
    # L, L-n, LW, DL, nW: month-length dependent; exact only with a years= horizon.
    "L/W (needs years=)": lambda error: (
        any(mark in _token(error).upper() for mark in "LW") or "years=" in str(error)
    ),
    "'?' rule": lambda error: "'?'" in str(error.allowed),
    "fields": lambda error: error.field == "expression",
    "time zone": lambda error: error.field == "tz",
    # we decided: cronie reads */180 as the first value alone, we refuse it as a mistake
    "step too large": lambda error: "larger than the field" in str(error.reason),
    "invalid": lambda error: True,
}

Schedules = frozenset[StartSchedule]


def expected_schedules(expect: dict[str, Any] | list[dict[str, Any]]) -> Schedules:
    items = expect if isinstance(expect, list) else [expect]
    return frozenset(StartSchedule(**fields) for fields in items)


def first_runs(schedules: Iterable[StartSchedule], count: int = 300) -> list[datetime]:
    """The first ``count`` distinct runs of the union after 2026-01-01 (UTC)."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    merged = heapq.merge(*(schedule.iter_runs(start) for schedule in schedules))
    distinct = (run for run, previous in _pairs(merged) if run != previous)
    return list(islice(distinct, count))


def _pairs(runs: Iterable[datetime]) -> Iterable[tuple[datetime, datetime | None]]:
    previous = None
    for run in runs:
        yield run, previous
        previous = run


def same_runs(first: Schedules, second: Schedules) -> bool:
    return first == second or first_runs(first) == first_runs(second)


def reading(expr: str, dialect: str) -> Schedules | CronConversionError:
    try:
        return frozenset(schedules_from_cron(expr, dialect))  # type: ignore[arg-type]
    except CronConversionError as error:
        return error


def schedule_part(line: str) -> str:
    """The schedule of a crontab line: a macro, or its first five fields."""
    parts = line.split()
    return parts[0] if parts[0].startswith("@") else " ".join(parts[:5])


def outcome(entry: dict[str, Any]) -> str:
    """``exact``, ``union`` or ``refused: <why>`` as the entry's own system documents it."""
    expect = entry["expect"]
    if isinstance(expect, str):
        return f"refused: {expect}"
    return "union" if isinstance(expect, list) else "exact"


def _param(entry: dict[str, Any], *, known_defects: bool = True) -> Any:
    defect = entry.get("defect") if known_defects else None
    marks = [pytest.mark.xfail(strict=True, reason=defect)] if defect else []
    return pytest.param(entry, marks=marks, id=f"{entry['dialect']}:{entry['expr'][:60]}")


# -- the dialect's own reading -------------------------------------------------------------


@pytest.mark.parametrize("entry", [_param(entry) for entry in CORPUS])
def test_entry_reads_as_its_system_means(entry: dict[str, Any]) -> None:
    expr, dialect, expect = entry["expr"], entry["dialect"], entry["expect"]
    if entry.get("line"):
        check_crontab_line(expr, dialect, expect)
        return
    got = reading(expr, dialect)
    if isinstance(expect, str):
        assert isinstance(got, CronConversionError), f"converted, expected a refusal: {got}"
        assert REFUSALS[expect](got), f"refused for another reason: {got}"
        assert got.dialect == dialect
    else:
        assert not isinstance(got, CronConversionError), f"refused: {got}"
        assert got == expected_schedules(expect)


def check_crontab_line(line: str, dialect: str, expect: Any) -> None:
    [entry] = read_crontab(line, dialect)  # type: ignore[arg-type]
    if isinstance(expect, str):
        assert entry.schedules == () and entry.problem is not None
        refusal = reading(schedule_part(line), dialect)
        assert isinstance(refusal, CronConversionError) and REFUSALS[expect](refusal)
    else:
        assert entry.problem is None, entry.problem
        assert frozenset(entry.schedules) == expected_schedules(expect)
        assert entry.command


# -- auto: refused, or the one reading all accepting dialects share -------------------------


# A known defect is a refusal of an exact expression, which auto may share.
@pytest.mark.parametrize("entry", [_param(entry, known_defects=False) for entry in CORPUS])
def test_auto_never_misreads(entry: dict[str, Any]) -> None:
    expr = entry["expr"]
    got = reading(expr, "auto")
    if isinstance(got, CronConversionError):
        return
    accepting = {
        dialect: schedules
        for dialect in DIALECTS
        if not isinstance(schedules := reading(expr, dialect), CronConversionError)
    }
    assert accepting, f"auto converted a string no dialect reads: {got}"
    for dialect, schedules in accepting.items():
        assert same_runs(got, schedules), f"auto differs from {dialect}: {got} vs {schedules}"
    if not isinstance(entry["expect"], str):
        assert same_runs(got, expected_schedules(entry["expect"]))


# -- the data itself -----------------------------------------------------------------------


def test_corpus_names_its_sources() -> None:
    for entry in CORPUS:
        repository, _, path = entry["source"].partition(" ")
        assert repository.count("/") == 1 and path, entry
        assert entry["dialect"] in DIALECTS and entry["system"], entry
        expect = entry["expect"]
        assert not isinstance(expect, str) or expect in REFUSALS, entry


def test_corpus_is_sorted_by_dialect() -> None:
    order = [DIALECTS.index(entry["dialect"]) for entry in CORPUS]
    assert order == sorted(order)


def compute_counts() -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for entry in CORPUS:
        row = counts.setdefault(
            entry["dialect"], {"total": 0, "outcomes": {}, "auto": {}, "defects": 0}
        )
        row["total"] += 1
        kind = outcome(entry)
        row["outcomes"][kind] = row["outcomes"].get(kind, 0) + 1
        auto = reading(entry["expr"], "auto")
        auto_kind = "refused" if isinstance(auto, CronConversionError) else "converted"
        row["auto"][auto_kind] = row["auto"].get(auto_kind, 0) + 1
        row["defects"] += "defect" in entry
    for row in counts.values():
        for key in ("outcomes", "auto"):
            row[key] = dict(sorted(row[key].items()))
    return dict(sorted(counts.items(), key=lambda item: DIALECTS.index(item[0])))


def test_counts() -> None:
    counts = compute_counts()
    for dialect, row in counts.items():
        print(f"{dialect:<11} {row['total']:>3}  {row['outcomes']}  auto {row['auto']}")
    assert sum(row["total"] for row in counts.values()) >= 150
    assert counts == COUNTS["dialects"]

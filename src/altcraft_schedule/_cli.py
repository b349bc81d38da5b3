"""The ``altcraft-schedule`` command line (``python -m altcraft_schedule`` runs it too).

Subcommands: ``next`` (the next run times of a schedule), ``convert`` (cron <-> the
``start_schedule`` JSON object; a crontab file line by line), ``plan`` (the warm-up table
of a schedule and its cycle limits, ``--chart``/``--svg``), ``check`` (a schedule's or a
create request's problems), ``describe`` (one sentence, English or Russian),
``calendar`` (a month grid of the runs), ``submit`` (create the mailing; the token is read
from ``ALTCRAFT_TOKEN`` only) and the client calls.  Each prints aligned text, or JSON
with ``--json``.  Exit status: 0 success, 1 invalid input or a failed request, 2 usage
error.  Every command reading a schedule takes ``--dialect``; the library's hints are
given in the command line's terms (``--dialect``, not ``dialect=``).
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Any, Final, Literal, TextIO, get_args

import attrs

from . import __version__, _calendar, _chart
from ._checks import Finding, _never_fires, check
from ._cron import Dialect, schedule_to_cron, schedules_from_cron
from ._crontab import CrontabEntry, read_crontab
from ._describe import LANGUAGES, Language, describe
from ._engine import localize, resolve_zone, zone_name
from ._errors import (
    AltcraftAPIError,
    AltcraftScheduleError,
    CallError,
    CronConversionError,
    InvalidValueError,
)
from ._limits import PERCENT_KEYS, WIRE_KEYS, CycleLimits
from ._plan import REACH_SEARCH_CYCLES, WarmupPlan, plan
from ._request import Problem, RegularMailing, validate_request
from ._schedule import StartSchedule

__all__ = ["BASE_URL_ENV", "TOKEN_ENV", "main"]

PROG: Final = "altcraft-schedule"
#: The only place the token is read from.
TOKEN_ENV: Final = "ALTCRAFT_TOKEN"
#: The default of ``submit --base-url``.
BASE_URL_ENV: Final = "ALTCRAFT_BASE_URL"
DEFAULT_RUNS: Final = 10
DEFAULT_CYCLES: Final = 10
#: The most rows ``plan --until`` shows without ``--cycles`` (a minutely schedule over a
#: year would otherwise print half a million rows).
UNTIL_MAX_CYCLES: Final = 100_000
#: Outputs shorter than this are fast enough to need no progress indicator.
PROGRESS_MIN_ROWS: Final = 20_000
_MASK: Final = "***"
_LIMIT_KEYS: Final = (*WIRE_KEYS, *PERCENT_KEYS)

_SCHEDULE_HELP: Final = (
    "a cron expression (quoted: '0 9 * * 1-5'), a file holding a start_schedule JSON "
    "object (or a create request with one, or an array of schedules) or a cron line, "
    "or - to read either from stdin; an existing file wins, anything else is read as cron"
)


class _CliError(Exception):
    """Invalid input found by the command line itself (a file, JSON, a combination)."""


class _UsageError(Exception):
    """A combination of options argparse cannot express; reported as a usage error (2)."""


# -- progress ---------------------------------------------------------------------------


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class _Progress:
    """A progress line on stderr, redrawn in place.

    A no-op unless stderr is a terminal (so never in pipes, logs or tests) and the work has
    no known size or at least :data:`PROGRESS_MIN_ROWS` steps.  Call :meth:`close` before
    printing the result, so the line is erased first.
    """

    def __init__(self, label: str, total: int | None = None) -> None:
        self._stream = sys.stderr
        self._label = label
        self._total = total
        long = total is None or total >= PROGRESS_MIN_ROWS
        self.enabled = long and _is_terminal(self._stream)
        self._percent = -1
        self._shown = False

    def note(self, text: str) -> None:
        if self.enabled:
            self._write(text)

    def update(self, done: int) -> None:
        if not self.enabled or not self._total:
            return
        percent = min(100, done * 100 // self._total)
        if percent != self._percent:
            self._percent = percent
            self._write(f"{self._label}: {percent}%")

    def close(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False

    def _write(self, text: str) -> None:
        self._stream.write(f"\r\x1b[K{PROG}: {text}")
        self._stream.flush()
        self._shown = True


# -- reading the inputs -------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """A schedule argument, read: where from, which form, and the schedules it gives.

    ``schedules`` has several items when the input was a JSON array (``listed``) or a cron
    expression whose day fields combine with OR; ``request`` is the create request the
    schedule came from, if it did.
    """

    label: str
    kind: str  # "cron" or "json"
    schedules: tuple[StartSchedule, ...]
    listed: bool = False
    cron: str | None = None
    request: Mapping[str, Any] | None = None


def _read_stdin() -> str:
    return sys.stdin.read().removeprefix("\ufeff")  # as utf-8-sig does for files


def _read_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig") as handle:  # a byte-order mark is dropped
            return handle.read()
    except UnicodeDecodeError as exc:
        raise _CliError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise _CliError(f"{path}: cannot read it: {exc.strerror or exc}") from None


def _decode_json(text: str, label: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _CliError(f"{label}: not valid JSON: {exc}") from None
    except RecursionError:
        raise _CliError(f"{label}: not valid JSON: nested too deeply") from None


def _could_be_cron(text: str) -> bool:
    """Every cron expression has several fields, or is a macro such as ``@daily``."""
    return len(text.split()) > 1 or text.strip().startswith("@")


def _load_source(argument: str, dialect: Dialect | None = None) -> _Source:
    """Read a SCHEDULE argument: ``-`` (stdin), an existing file, else a cron expression
    (in ``--dialect``, default auto)."""
    if argument == "-":
        return _parse_text(_read_stdin(), "<stdin>", dialect)
    if os.path.isfile(argument):
        return _parse_text(_read_file(argument), argument, dialect)
    if not _could_be_cron(argument):
        raise _CliError(
            f"{argument!r} is neither an existing file nor a cron expression; allowed: a cron "
            "expression such as '0 9 * * 1-5' (5 or 6 fields, or a macro such as @daily), "
            "a JSON file, or - for stdin"
        )
    return _from_cron(argument.strip(), argument, dialect)


def _schedule_source(args: argparse.Namespace) -> _Source:
    """SCHEDULE, or with ``--mailing ID`` the schedule (and limits) of that mailing,
    fetched from the platform."""
    if args.mailing is None:
        if args.schedule is None:
            raise _UsageError("give SCHEDULE, or --mailing ID to fetch a mailing's schedule")
        return _load_source(args.schedule, args.dialect)
    if args.schedule is not None:
        raise _UsageError("give SCHEDULE or --mailing ID, not both")
    progress = _Progress("fetching the mailing")
    try:
        with _api_client(args, progress) as api:
            info = api.get(args.mailing)
    finally:
        progress.close()
    schedule = info.mailing.start_schedule
    if schedule is None:
        raise _CliError(f"mailing {args.mailing} has no start_schedule")
    label = f"mailing {args.mailing}"
    return _Source(label, "json", (schedule,), request=info.mailing.to_dict())


def _parse_text(text: str, label: str, dialect: Dialect | None = None) -> _Source:
    """The contents of a file or stdin: JSON when it starts with ``{``/``[``, else one cron
    line (blank lines and ``#`` comments are skipped)."""
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        return _from_json(_decode_json(stripped, label), label)
    lines = [line.strip() for line in stripped.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if len(lines) != 1:
        raise _CliError(
            f"{label}: {len(lines)} cron lines; allowed: one cron expression, or a JSON "
            "start_schedule object"
        )
    return _from_cron(lines[0], label, dialect)


def _from_cron(expression: str, label: str, dialect: Dialect | None = None) -> _Source:
    schedules = schedules_from_cron(expression, dialect or "auto")
    return _Source(label, "cron", schedules, cron=expression)


def _schedule_object(data: Any, label: str) -> StartSchedule:
    try:
        return StartSchedule.from_dict(data)
    except AltcraftScheduleError as exc:
        raise _CliError(f"{label}: {exc}") from None


def _from_json(data: Any, label: str) -> _Source:
    if isinstance(data, list):
        if not data:
            raise _CliError(f"{label}: an empty array; allowed: start_schedule objects")
        schedules = tuple(
            _schedule_object(item, f"{label}[{index}]") for index, item in enumerate(data)
        )
        return _Source(label, "json", schedules, listed=True)
    if isinstance(data, dict) and "start_schedule" in data:
        inner = data["start_schedule"]
        if inner is None:
            raise _CliError(f"{label}: the request's start_schedule is null; nothing to read")
        schedule = _schedule_object(inner, f"{label}: start_schedule")
        return _Source(label, "json", (schedule,), request=data)
    return _Source(label, "json", (_schedule_object(data, label),))


def _load_request(argument: str) -> tuple[Any, str]:
    """A create request file (or ``-``): its decoded JSON and its label."""
    if argument == "-":
        return _decode_json(_read_stdin(), "<stdin>"), "<stdin>"
    return _decode_json(_read_file(argument), argument), argument


# -- argument types -------------------------------------------------------------------------


_MAX_COUNT = 10_000_000  # rows or runs: more is a mistake, not a plan


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if not 1 <= value <= _MAX_COUNT:
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range; allowed: an integer from 1 to {_MAX_COUNT:,}"
        )
    return value


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date-time; allowed e.g. 2025-01-01T09:00, "
            "2025-01-01 or 2025-01-01T09:00+03:00"
        ) from None


def _decimal(text: str) -> Decimal:
    """A percent, kept at its decimal value (``12.3`` is 123/10 exactly)."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


# -- formatting ---------------------------------------------------------------------------


def _stamp(moment: datetime) -> str:
    """``Thu 2025-01-02 09:00+03:00 MSK``: weekday, wall time, offset, abbreviation."""
    text = f"{moment:%a} {moment.isoformat(sep=' ', timespec='minutes')}"
    name = moment.tzname()
    return f"{text} {name}" if name else text


def _zone_origin(schedule: StartSchedule, tz: str | None) -> str:
    if schedule.tz:
        unused = f"; --tz {tz} is the account's zone, not used" if tz else ""
        return f"the schedule's own tz{unused}"
    return "--tz, the account's zone" if tz else "no tz in the schedule and no --tz: UTC"


def _pairs(rows: Sequence[tuple[str, str]]) -> list[str]:
    """``key:  value`` lines with the values aligned."""
    width = max(len(key) for key, _ in rows) + 2
    return [f"{key + ':':<{width}}{value}" for key, value in rows]


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> list[str]:
    """Columns padded to their widest cell; ``align`` holds ``l``/``r`` per column."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = (
            cell.rjust(width) if how == "r" else cell.ljust(width)
            for cell, width, how in zip(cells, widths, align, strict=True)
        )
        return "  ".join(padded).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def _number(value: int | None, unbounded: str = "-") -> str:
    return unbounded if value is None else str(value)


def _json_text(value: Any, indent: str = "") -> str:
    """Indented JSON, except that lists of numbers stay on one line (a schedule's arrays
    stay readable)."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(key)}: {_json_text(v, inner)}" for key, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and not all(isinstance(item, (int, float)) for item in value):
        items = [f"{inner}{_json_text(item, inner)}" for item in value]
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _print_json(data: Any, out: TextIO) -> None:
    print(_json_text(data), file=out)


def _print_lines(lines: Iterable[str], out: TextIO) -> None:
    for text in lines:
        print(text, file=out)


def _schedule_lines(source: _Source) -> list[tuple[str, str]]:
    """The ``Schedule:`` rows of a header: the input and what each schedule means."""
    rows: list[tuple[str, str]] = [("Input", source.label if source.kind == "json" else "cron")]
    if source.cron is not None:
        rows[0] = ("Cron", source.cron)
    if source.cron is not None and len(source.schedules) > 1:
        rows.append(("Note", "cron's OR day rule: the runs of either schedule below"))
    rows.extend(("Schedule", describe(schedule)) for schedule in source.schedules)
    return rows


# -- next -----------------------------------------------------------------------------------


def _instant(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _merged_runs(
    schedules: Sequence[StartSchedule], after: datetime, tz: str | None
) -> Iterator[datetime]:
    """The runs of all ``schedules`` strictly after ``after``, in time order, each instant
    once.  Compared as UTC instants: within one zone, ``==`` ignores ``fold``."""
    if len(schedules) == 1:
        yield from schedules[0].iter_runs(after, tz)
        return
    runs = heapq.merge(*(schedule.iter_runs(after, tz) for schedule in schedules), key=_instant)
    last: datetime | None = None
    for run in runs:
        instant = _instant(run)
        if instant != last:
            yield run
        last = instant


def _collect(runs: Iterator[datetime], count: int, progress: _Progress) -> list[datetime]:
    found: list[datetime] = []
    for run in islice(runs, count):
        found.append(run)
        progress.update(len(found))
    progress.close()
    return found


def _cmd_next(args: argparse.Namespace, out: TextIO) -> int:
    source = _schedule_source(args)
    zones = [schedule.zone(args.tz) for schedule in source.schedules]
    after = args.after if args.after is not None else datetime.now(UTC)
    progress = _Progress("finding runs", args.count)
    runs = _collect(_merged_runs(source.schedules, after, args.tz), args.count, progress)
    if args.json:
        _print_json(_next_json(source, zones, after, runs, args.count), out)
        return 0
    header = _schedule_lines(source)
    origin = _zone_origin(source.schedules[0], args.tz)
    header.append(("Zone", f"{zone_name(zones[0])} ({origin})"))
    header.append(("After", _stamp(localize(after, zones[0], "--after"))))
    _print_lines(_pairs(header), out)
    width = len(str(len(runs)))
    _print_lines((f"{index:>{width}}  {_stamp(run)}" for index, run in enumerate(runs, 1)), out)
    if runs and len(runs) < args.count:
        print(f"No more runs: the schedule never fires after run {len(runs)}.", file=out)
    elif not runs:
        _print_lines(_never_fires_lines(source.schedules, args.tz, after), out)
    return 0


def _never_fires_lines(
    schedules: Sequence[StartSchedule], tz: str | None, after: datetime
) -> list[str]:
    """Why schedules with no run after ``after`` never fire (years all past, a day no
    month has, ...), in the words of the ``never-fires`` check."""
    lines = []
    for schedule in schedules:
        finding = _never_fires(schedule, tz, localize(after, schedule.zone(tz), "--after"))
        if finding is not None:
            lines.append(finding.message)
    return lines


def _next_json(
    source: _Source, zones: list[tzinfo], after: datetime, runs: list[datetime], count: int
) -> dict[str, Any]:
    return {
        "schedules": [
            {"start_schedule": schedule.to_dict(), "zone": zone_name(zone)}
            for schedule, zone in zip(source.schedules, zones, strict=True)
        ],
        "after": localize(after, zones[0], "--after").isoformat(),
        "runs": [run.isoformat() for run in runs],
        "exhausted": len(runs) < count,
    }


# -- convert --------------------------------------------------------------------------------


def _cron_of(schedule: StartSchedule, label: str, drop_extras: bool) -> str:
    extras = [
        f"{name}={value!r}"
        for name in ("tz", "profile", "losers")
        if (value := getattr(schedule, name)) is not None
    ]
    if extras and not drop_extras:
        raise _CliError(
            f"{label}: {', '.join(extras)}: cron has no tz, profile or losers, so the "
            "expression would lose them; --drop-extras converts the time fields alone"
        )
    if extras:
        schedule = attrs.evolve(schedule, tz=None, profile=None, losers=None)
    try:
        return schedule_to_cron(schedule)
    except CronConversionError as exc:
        raise _CliError(f"{label}: {exc}") from None


def _or_case_error(source: _Source) -> _CliError:
    return _CliError(
        f"cron {source.cron!r}: day-of-month and day-of-week are both restricted and neither "
        "starts with '*', so cron runs on days matching either (OR); one start schedule "
        "means both (AND). --split prints the exact union as a JSON array of "
        f"{len(source.schedules)} schedules (as schedules_from_cron() returns it; on the "
        "platform, one mailing each), or make one of the two fields '*'"
    )


# Dialects whose files are crontabs (five fields, then the command); in the others a file
# holds one expression per line.
_CRONTAB_DIALECTS: Final = ("auto", "cron", "vixie", "cronie", "crontab", "github")


def _convert_source(argument: str, dialect: Dialect | None) -> _Source | list[CrontabEntry]:
    """The SCHEDULE of ``convert``: a cron expression, JSON, or (a file or stdin of cron
    lines) the entries of a crontab."""
    if argument != "-" and not os.path.isfile(argument):
        return _load_source(argument, dialect)
    label = "<stdin>" if argument == "-" else argument
    text = _read_stdin() if argument == "-" else _read_file(argument)
    lines = _cron_lines(text)
    if text.strip()[:1] in ("{", "["):
        return _parse_text(text, label, dialect)
    if len(lines) == 1:
        try:  # one expression (a trailing year, seconds: read whole in the dialect)
            return _from_cron(lines[0][1], label, dialect)
        except CronConversionError as exc:
            if exc.field == "dialect":  # readings differ: --dialect decides, not a guess
                raise
    if (dialect or "auto") in _CRONTAB_DIALECTS:
        return read_crontab(text, "cron" if dialect in (None, "auto") else dialect)
    return [_expression_entry(number, line, dialect) for number, line in lines]


def _cron_lines(text: str) -> list[tuple[int, str]]:
    """The numbered lines that are neither blank nor ``#`` comments."""
    numbered = ((number, line.strip()) for number, line in enumerate(text.splitlines(), 1))
    return [(number, line) for number, line in numbered if line and not line.startswith("#")]


def _expression_entry(number: int, line: str, dialect: Dialect | None) -> CrontabEntry:
    try:
        return CrontabEntry(number, schedules_from_cron(line, dialect or "auto"), "")
    except CronConversionError as exc:
        return CrontabEntry(number, (), "", problem=f"line {number}: {exc}")


def _cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    source = _convert_source(args.schedule, args.dialect)
    if isinstance(source, list):
        return _convert_crontab(source, args, out)
    target = args.to or ("json" if source.kind == "cron" else "cron")
    if len(source.schedules) > 1 and not (source.listed or args.split):
        raise _or_case_error(source)
    as_list = source.listed or args.split
    results: list[Any]
    if target == "json":
        results = [schedule.to_dict() for schedule in source.schedules]
    else:
        count = len(source.schedules)
        labels = [f"{source.label}[{index}]" for index in range(count)]
        if count == 1:
            labels = [source.label]
        results = [
            _cron_of(schedule, label, args.drop_extras)
            for schedule, label in zip(source.schedules, labels, strict=True)
        ]
    if args.json:
        _print_json(_convert_json(source.kind, target, results, []), out)
    elif target == "json":
        _print_json(results if as_list else results[0], out)
    else:
        _print_lines(results, out)
    return 0


def _convert_json(
    kind: str, target: str, results: list[Any], problems: list[dict[str, Any]]
) -> dict[str, Any]:
    """The one shape of ``convert --json`` (docs/cli.md)."""
    return {"input": kind, "output": target, "results": results, "problems": problems}


def _convert_crontab(entries: list[CrontabEntry], args: argparse.Namespace, out: TextIO) -> int:
    """Each job line that converts, as JSON; each bad line reported with its number and
    reason (the others still convert); exit status 1 if any line was bad."""
    if args.to == "cron":
        raise _CliError(f"{args.schedule}: cron lines are cron already; allowed: --to json")
    label = "<stdin>" if args.schedule == "-" else args.schedule
    results = [
        {
            "line": entry.line,
            "command": entry.command,
            "schedules": [schedule.to_dict() for schedule in entry.schedules],
        }
        for entry in entries
        if entry.schedules  # a line without a command still converts
    ]
    problems = [
        {
            "line": entry.line,
            "message": _cli_words(entry.problem).removeprefix(f"line {entry.line}: "),
        }
        for entry in entries
        if entry.problem and not entry.schedules
    ]
    if args.json:
        _print_json(_convert_json("crontab", "json", results, problems), out)
    else:
        _print_json(results, out)
    for problem in problems:
        print(
            f"{PROG}: error: {label}: line {problem['line']}: {problem['message']}", file=sys.stderr
        )
    return 1 if problems else 0


# -- plan -----------------------------------------------------------------------------------


def _limits(args: argparse.Namespace, source: _Source) -> CycleLimits:
    """The limits from the options, over those of a create request given as SCHEDULE."""
    given = {
        key: value
        for key, value in (
            ("limit", args.limit),
            ("aglimit_count", args.grow),
            ("aglimit_percent", args.grow_percent),
        )
        if value is not None
    }
    request = source.request
    if request is not None and any(request.get(key) is not None for key in _LIMIT_KEYS):
        base = CycleLimits.from_dict(request)
        values: dict[str, Any] = {"limit": base.limit, "aglimit_count": base.aglimit_count}
        values["aglimit_percent"] = base.aglimit_percent
        return CycleLimits(**{**values, **given})
    if "limit" not in given:
        raise _UsageError(
            "--limit is required (0 = no limit), unless SCHEDULE is a create request "
            "that sets limit"
        )
    try:
        return CycleLimits(**given)
    except InvalidValueError as exc:  # say the option and the value as typed, not a repr
        option = _LIMIT_OPTIONS.get(exc.field or "", exc.field)
        raise _CliError(f"{option}: {exc.value} {exc.reason}; allowed: {exc.allowed}") from None


_LIMIT_OPTIONS: Final = {
    "limit": "--limit",
    "aglimit_count": "--grow",
    "aglimit_percent": "--grow-percent",
}


def _limits_text(limits: CycleLimits) -> str:
    if limits.is_unlimited:
        return "none (limit 0: every cycle may send to the whole audience)"
    if not limits.grows:
        return f"{limits.limit} per cycle, no growth"
    growth = []
    if limits.aglimit_count:
        growth.append(f"+{limits.aglimit_count}")
    if limits.aglimit_percent:
        growth.append(f"+{limits.aglimit_percent}% of the previous cap (rounded down)")
    return f"{limits.limit} on cycle 1, then {' and '.join(growth)} per cycle"


def _reach_line(result: WarmupPlan) -> str:
    audience = result.audience
    if audience is None:
        return "No --audience given: the cycle whose cap covers the audience is not computed."
    if result.limits.is_unlimited:
        return f"No limit: every cycle sends to the whole audience ({audience})."
    cycle = result.reached_cycle
    if cycle is None:
        return f"The cap never reaches the audience ({audience}): it stops growing below it."
    if result.reached is not None:
        shown = len(result.rows)
        beyond = "" if cycle <= shown else f", beyond the {shown} cycles shown"
        return (
            f"The cap reaches the audience ({audience}) at cycle {cycle}, "
            f"{_stamp(result.reached.run)}{beyond}."
        )
    if cycle > REACH_SEARCH_CYCLES:
        return (
            f"The cap reaches the audience ({audience}) at cycle {cycle}, more than "
            f"{REACH_SEARCH_CYCLES} runs ahead: its date is not computed."
        )
    return (
        f"The cap would reach the audience ({audience}) at cycle {cycle}, but the schedule "
        "stops firing before that cycle."
    )


def _plan_rows(result: WarmupPlan, progress: _Progress) -> list[list[str]]:
    rows = []
    unbounded = "no limit"
    for row in result.rows:
        cells = [str(row.cycle), _stamp(row.run), _number(row.cap, unbounded)]
        cells += [_number(row.sends, "all"), _number(row.cumulative)]
        rows.append(cells)
        progress.update(row.cycle)
    progress.close()
    return rows


def _cmd_plan(args: argparse.Namespace, out: TextIO) -> int:
    source = _schedule_source(args)
    if len(source.schedules) > 1:
        raise _CliError(
            f"{source.label}: {len(source.schedules)} schedules; a plan needs one (on the "
            "platform each schedule is a mailing with its own limits: plan them one by one)"
        )
    schedule = source.schedules[0]
    limits = _limits(args, source)
    zone = schedule.zone(args.tz)
    cycles = args.cycles
    if cycles is None:
        cycles = DEFAULT_CYCLES if args.until is None else UNTIL_MAX_CYCLES
    after = args.after if args.after is not None else datetime.now(UTC)
    _until_after(args.until, after, zone, "--after" if args.after is not None else "now")
    progress = _Progress("rendering the plan", cycles)
    progress.note(f"computing the plan (up to {cycles} cycles)...")
    result = plan(
        schedule,
        limits,
        start=after,
        tz=args.tz,
        audience=args.audience,
        cycles=cycles,
        until=args.until,
    )
    if args.json:
        progress.close()
        _write_charts(argparse.Namespace(chart=False, svg=args.svg), result, source.label, out)
        data = {"schedule": schedule.to_dict(), "zone": zone_name(zone)}
        data["after"] = localize(after, zone, "--after").isoformat()
        _print_json({**data, **result.to_dict()}, out)
        return 0
    rows = _plan_rows(result, progress)
    empty = _never_fires_lines([schedule], args.tz, after) or [
        "No run between --after and --until."
    ]
    header = _schedule_lines(source)
    header += [("Zone", f"{zone_name(zone)} ({_zone_origin(schedule, args.tz)})")]
    header += [("After", _stamp(localize(after, zone, "--after"))), ("Limit", _limits_text(limits))]
    header += [("Audience", _number(result.audience, "not given"))]
    capped = args.cycles is None and args.until is not None and len(rows) == UNTIL_MAX_CYCLES
    body = _plan_body(result, rows, capped=capped, empty=empty)
    _print_lines([*_pairs(header), "", *body], out)
    _write_charts(args, result, source.label, out)
    return 0


def _until_after(until: datetime | None, after: datetime, zone: tzinfo, start: str) -> None:
    """``--until`` at or before ``--after`` leaves no cycle: say so instead of an empty plan."""
    if until is None:
        return
    if localize(until, zone, "--until") <= localize(after, zone, "--after"):
        raise _CliError(
            f"--until: {until.isoformat()} is not after {start} ({after.isoformat()}); "
            f"allowed: a moment after {start} (the plan's cycles lie between them)"
        )


def _write_charts(args: argparse.Namespace, result: WarmupPlan, label: str, out: TextIO) -> None:
    if args.chart:
        _print_lines(["", *_chart.text_chart(result)], out)
    if args.svg:
        try:
            with open(args.svg, "w", encoding="utf-8") as handle:
                handle.write(_chart.svg_chart(result, f"Warm-up plan: {label}"))
        except OSError as exc:
            raise _CliError(f"--svg: {args.svg}: cannot write it: {exc.strerror or exc}") from None


def _plan_body(
    result: WarmupPlan, rows: list[list[str]], *, capped: bool, empty: list[str]
) -> list[str]:
    """The table, then what the plan comes to; ``empty`` says why there are no rows."""
    headers = ("cycle", "run", "cap", "sends", "cumulative")
    lines = [*_table(headers, rows, "rlrrr"), ""]
    if not rows:
        lines.extend(empty)
    elif capped:
        lines.append(f"Stopped at {UNTIL_MAX_CYCLES} cycles; give --cycles to show more.")
    return [*lines, _reach_line(result)]


# -- check ----------------------------------------------------------------------------------


def _validate(data: Any) -> tuple[list[Problem], list[str]]:
    """The request's problems, and the deprecation warnings it raises (as text)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        problems = validate_request(data)
    notes = [str(item.message) for item in caught if issubclass(item.category, DeprecationWarning)]
    return problems, notes


def _findings(data: Any, tz: str | None, now: datetime | None) -> list[Finding]:
    """What :func:`check` notices about the request's start_schedule, when it has a valid one."""
    if not isinstance(data, Mapping) or data.get("start_schedule") is None:
        return []
    try:
        schedule = StartSchedule.from_dict(data["start_schedule"])
    except AltcraftScheduleError:
        return []  # already a problem of the request
    return check(schedule, tz=tz, now=now)


def _when(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "level": finding.level,
        "code": finding.code,
        "message": finding.message,
        "when": _when(finding.when),
    }


def _is_request(data: Any) -> bool:
    """A create request has keys beyond a start_schedule's own ``start_*`` keys."""
    return isinstance(data, Mapping) and any(not str(key).startswith("start_") for key in data)


def _check_input(argument: str, dialect: Dialect | None = None) -> tuple[Any, str] | _Source:
    """A request (its JSON and label), or a schedule source (cron string, schedule file)."""
    if argument == "-" or os.path.isfile(argument):
        text = _read_stdin() if argument == "-" else _read_file(argument)
        label = "<stdin>" if argument == "-" else argument
        stripped = text.lstrip("\ufeff").strip()
        if stripped[:1] not in ("{", "["):
            return _parse_text(stripped, label, dialect)
        data = _decode_json(stripped, label)
        if _is_request(data) or (isinstance(data, list) and not data):
            return data, label
        return _from_json(data, label)
    return _load_source(argument, dialect)


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    loaded = _check_input(args.file, args.dialect)
    if isinstance(loaded, _Source):
        return _check_schedules(loaded, args, out)
    return _check_request(*loaded, args, out)


def _fails(findings: Sequence[Finding], strict: bool) -> bool:
    """Errors (a schedule that never fires) always fail; warnings too under --strict."""
    failing = ("error", "warning") if strict else ("error",)
    return any(finding.level in failing for finding in findings)


def _check_schedules(source: _Source, args: argparse.Namespace, out: TextIO) -> int:
    results = [
        (schedule, check(schedule, tz=args.tz, now=args.after)) for schedule in source.schedules
    ]
    failed = any(_fails(findings, args.strict) for _, findings in results)
    if args.json:
        _print_json(
            {
                "file": source.label,
                "kind": "schedule",
                "schedules": [
                    {
                        "schedule": schedule.to_dict(),
                        "findings": [_finding_json(f) for f in findings],
                    }
                    for schedule, findings in results
                ],
            },
            out,
        )
        return 1 if failed else 0
    for index, (_, findings) in enumerate(results):
        label = f"{source.label}[{index}]" if len(results) > 1 else source.label
        if not findings:
            print(f"{label}: OK, nothing to report about this schedule.", file=out)
            continue
        errors = sum(1 for f in findings if f.level == "error")
        verdict = f"{errors} error{'s' if errors != 1 else ''}" if errors else "no errors"
        print(f"{label}: schedule checked, {verdict}:", file=out)
        _print_lines((f"  {f.level} [{f.code}] {f.message}" for f in findings), out)
    return 1 if failed else 0


def _check_request(data: Any, label: str, args: argparse.Namespace, out: TextIO) -> int:
    problems, deprecations = _validate(data)
    findings = _findings(data, args.tz, args.after)
    failed = bool(problems) or _fails(findings, args.strict)
    if args.json:
        _print_json(
            {
                "file": label,
                "kind": "request",
                "valid": not problems,
                "problems": [{"path": p.path, "message": p.message} for p in problems],
                "deprecations": deprecations,
                "findings": [_finding_json(f) for f in findings],
            },
            out,
        )
        return 1 if failed else 0
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        print(f"{label}: invalid create request, {count}:", file=out)
        _print_lines((f"  {problem.path}: {problem.message}" for problem in problems), out)
    elif any(f.level == "error" for f in findings):
        print(
            f"{label}: a well-formed create request, but its start_schedule has errors:", file=out
        )
    else:
        print(f"{label}: OK, a valid create request.", file=out)
    _print_lines((f"  deprecated: {note}" for note in deprecations), out)
    _print_lines((f"  {f.level} [{f.code}] start_schedule: {f.message}" for f in findings), out)
    return 1 if failed else 0


# -- describe -------------------------------------------------------------------------------


def _one_sentence(schedules: Sequence[StartSchedule], lang: Language, zone: str | None) -> str:
    """The library's sentence of the union; ``--tz`` is named for the schedules without a
    zone of their own (the account's zone is theirs)."""
    if zone:
        schedules = [item if item.tz else attrs.evolve(item, tz=zone) for item in schedules]
    return describe(schedules, lang)


def _describe_input(argument: str, dialect: Dialect | None = None) -> _Source:
    loaded = _check_input(argument, dialect)
    if isinstance(loaded, _Source):
        return loaded
    data, label = loaded
    return _from_json(data, label)  # a request: its start_schedule


def _cmd_describe(args: argparse.Namespace, out: TextIO) -> int:
    source = _describe_input(args.schedule, args.dialect)
    sentence = _one_sentence(source.schedules, args.lang, args.tz)
    if args.json:
        _print_json({"schedule": source.label, "lang": args.lang, "description": sentence}, out)
    else:
        print(sentence, file=out)
    return 0


def _zone_or_refuse(name: str) -> None:
    """An empty --tz is refused: the engine would read it as UTC, silently."""
    if not name.strip():
        raise _CliError("--tz: '' is empty; allowed: an IANA zone name such as 'Europe/Moscow'")
    try:
        resolve_zone(None, name)
    except AltcraftScheduleError as exc:
        raise _CliError(f"--tz: {exc}") from None


def _add_describe(commands: Any, output: argparse.ArgumentParser) -> None:
    sub = commands.add_parser(
        "describe",
        parents=[output],
        help="say in words when a schedule runs (English or Russian)",
        description="One sentence saying when a schedule runs: a cron expression, a "
        "start_schedule JSON file or array (read as one union, joined by 'or'), or a "
        "create request's start_schedule.",
    )
    sub.add_argument(
        "schedule",
        metavar="SCHEDULE|FILE",
        help="a cron expression, a schedule or request JSON file, or - for stdin",
    )
    sub.add_argument("--lang", choices=LANGUAGES, default="en", help="the sentence's language")
    sub.add_argument("--tz", metavar="ZONE", help="name the time zone at the sentence's end")
    _add_dialect(sub)
    sub.set_defaults(handler=_cmd_describe)


# -- calendar -------------------------------------------------------------------------------


def _cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    source = _describe_input(args.schedule, args.dialect)
    zone = resolve_zone(source.schedules[0].tz, args.tz)
    start = args.after.date() if args.after else datetime.now(zone).date()
    months = _calendar.months_from(start, args.months)
    if args.json:
        data = _calendar.calendar_json(source.schedules, zone, months)
        _print_json({"schedule": source.label, "tz": zone_name(zone), "months": data}, out)
        return 0
    colour = _is_terminal(out)
    print(f"{source.label} in {zone_name(zone)} ({_calendar.legend()})", file=out)
    for year, month in months:
        print(file=out)
        grid = _calendar.month_grid(source.schedules, zone, year, month, args.first_day, colour)
        _print_lines(grid, out)
    return 0


def _add_calendar(commands: Any, output: argparse.ArgumentParser) -> None:
    sub = commands.add_parser(
        "calendar",
        parents=[output],
        help="a month grid of a schedule's runs, like cal",
        description="A month grid (like cal) of a schedule's runs in a zone: run days "
        "marked *, the run times beside each week, days the clocks change marked !.",
    )
    sub.add_argument(
        "schedule",
        metavar="SCHEDULE|FILE",
        help="a cron expression, a schedule or request JSON file, or - for stdin",
    )
    sub.add_argument("--tz", metavar="ZONE", help="the account's time zone; default UTC")
    sub.add_argument(
        "--after", metavar="ISO8601", type=_moment, help="the first month's date; default today"
    )
    sub.add_argument("--months", type=_positive_int, default=1, help="how many months")
    sub.add_argument(
        "--first-day", choices=("monday", "sunday"), default="monday", help="a week's first day"
    )
    _add_dialect(sub)
    sub.set_defaults(handler=_cmd_calendar)


# -- submit ---------------------------------------------------------------------------------


def _mailing(data: Any, label: str) -> RegularMailing:
    problems, deprecations = _validate(data)
    if problems:
        lines = "\n".join(f"  {problem}" for problem in problems)
        raise _CliError(f"{label}: invalid create request, nothing sent:\n{lines}")
    for note in deprecations:
        print(f"{PROG}: warning: {note}", file=sys.stderr)
    if "token" in data:
        print(
            f"{PROG}: warning: {label}: its 'token' is ignored; the token is read from "
            f"{TOKEN_ENV} only",
            file=sys.stderr,
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # reported just above
        return RegularMailing.from_dict(data)


def _masked_body(mailing: RegularMailing, body_format: str) -> str:
    """The body ``submit`` sends (token in the body, its default), token masked."""
    if body_format == "xml":
        return mailing.to_xml(_MASK, format="xml")
    return mailing.to_json(_MASK)


def _retry_sleep(progress: _Progress) -> Callable[[float], None]:
    """``submit``'s sleep between attempts, telling a terminal user what is going on."""
    attempts = itertools.count(2)

    def sleep(seconds: float) -> None:
        progress.note(f"no answer yet; attempt {next(attempts)} in {seconds:.1f} s...")
        time.sleep(seconds)

    return sleep


def _wire_format(value: Any) -> Literal["json", "xml"]:
    if value == "xml":
        return "xml"
    if value == "json":
        return "json"
    raise _CliError(f"format: {value!r} is not allowed; allowed: 'json' or 'xml'")


def _cmd_submit(args: argparse.Namespace, out: TextIO) -> int:
    from ._submit import endpoint_url, submit  # imports httpx: only when needed

    if not args.base_url:
        raise _UsageError(f"--base-url is required (or set {BASE_URL_ENV})")
    data, label = _load_request(args.file)
    mailing = _mailing(data, label)
    body_format = args.format or (data.get("format") or "json")
    url = endpoint_url(args.base_url)
    if args.dry_run:
        _print_dry_run(args, _masked_body(mailing, body_format), body_format, url, out)
        return 0
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        raise _CliError(
            f"{TOKEN_ENV} is not set; the token is read from that environment variable only "
            "(never from the command line); --dry-run shows the body without it"
        )
    progress = _Progress("submitting")
    try:
        result = submit(
            mailing,
            token=token,
            base_url=args.base_url,
            format=_wire_format(body_format),
            request_id=args.request_id,
            timeout=args.timeout,
            retries=args.retries,
            sleep=_retry_sleep(progress),
        )
    finally:
        progress.close()
    fields = {"saved_id": result.saved_id, "request_id": result.request_id}
    fields |= {"duplicate": result.duplicate, "attempts": result.attempts}
    if args.json:
        _print_json(fields, out)
        return 0
    texts = {key: str(value) for key, value in fields.items()}
    texts["duplicate"] = "yes" if result.duplicate else "no"
    _print_lines(_pairs(list(texts.items())), out)
    if result.duplicate:
        note = "The platform had seen this Request-ID: the mailing was created once, earlier."
        print(note, file=out)
    return 0


def _api_token() -> str:
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        raise _CliError(
            f"{TOKEN_ENV} is not set; the token is read from that environment variable only "
            "(never from the command line)"
        )
    return token


def _api_client(args: argparse.Namespace, progress: _Progress) -> Any:
    from ._client import Client  # imports httpx: only when needed

    if not args.base_url:
        raise _UsageError(f"--base-url is required (or set {BASE_URL_ENV})")
    return Client(
        args.base_url,
        token=_api_token(),
        timeout=args.timeout,
        retries=args.retries,
        sleep=_retry_sleep(progress),
    )


def _call_fields(result: Any) -> dict[str, Any]:
    return {
        "request_id": result.request_id,
        "duplicate": result.duplicate,
        "attempts": result.attempts,
    }


def _cmd_client(args: argparse.Namespace, out: TextIO) -> int:
    """get, list, launch, activate, deactivate and status: one call each."""
    progress = _Progress(args.command)
    try:
        with _api_client(args, progress) as api:
            fields = _client_call(api, args)
    finally:
        progress.close()
    if args.json:
        _print_json(fields, out)
        return 0
    if args.command == "list":
        rows = fields["mailings"]
        _print_lines(
            (
                f"{row['id']:>8}  {'active  ' if row['is_active'] else 'inactive'}  {row['name']}"
                for row in rows
            ),
            out,
        )
        print(f"{len(rows)} regular mailing(s)", file=out)
        return 0
    flat = {key: value for key, value in fields.items() if not isinstance(value, (dict, list))}
    texts = [
        (key, json.dumps(value) if not isinstance(value, str) else value)
        for key, value in flat.items()
    ]
    _print_lines(_pairs(texts), out)
    if "mailing" in fields:
        print(json.dumps(fields["mailing"], ensure_ascii=False, indent=2), file=out)
    return 0


def _client_call(api: Any, args: argparse.Namespace) -> dict[str, Any]:
    command = args.command
    if command == "list":
        rows = [
            {"id": s.id, "name": s.name, "is_active": s.is_active}
            for s in api.list(active_only=args.active_only)
        ]
        return {"mailings": rows}
    if command == "get":
        info = api.get(args.id)
        return {
            "id": info.id,
            "is_active": info.is_active,
            "update_time": info.update_time,
            "mailing": info.mailing.to_dict(),
            "extra": dict(info.extra),
        }
    if command == "status":
        status = api.status(args.id)
        return {
            "id": args.id,
            "is_active": status.is_active,
            "is_completed": status.is_completed,
            "status": status.status,
        }
    if command == "launch":
        result = api.launch(args.id, override_limit=args.override_limit, request_id=args.request_id)
    elif command == "activate":
        result = api.activate(args.id, run_now=args.run_now)
    else:
        result = api.deactivate(args.id, abort_if_running=args.abort_if_running)
    return {"id": args.id, **_call_fields(result)}


def _print_dry_run(
    args: argparse.Namespace, body: str, body_format: str, url: str, out: TextIO
) -> None:
    if args.json:
        fields = {"dry_run": True, "url": _scrub(url), "format": body_format}
        # A JSON body is shown as the object it is; an XML body is text.
        shown = json.loads(body) if body_format == "json" else body
        _print_json({**fields, "request_id": args.request_id, "body": shown}, out)
        return
    print(body, file=out)
    print(
        _scrub(
            f"{PROG}: dry run: would POST this {body_format.upper()} body to {url} "
            f"(token masked as {_MASK}); nothing was sent"
        ),
        file=sys.stderr,
    )


# -- the parser -----------------------------------------------------------------------------

_EPILOG: Final = """\
examples:
  altcraft-schedule next "0 9 * * 1-5" --tz Europe/Moscow -n 5
  altcraft-schedule convert "*/15 9-18 * * MON-FRI"
  altcraft-schedule plan "0 9 * * 1-5" --tz Europe/Moscow --limit 1000 --grow 500 \\
      --grow-percent 10 --audience 20000 --cycles 12
  altcraft-schedule check request.json
  ALTCRAFT_TOKEN=... altcraft-schedule submit request.json --base-url https://HOST

exit status: 0 success, 1 invalid input or a failed request, 2 usage error.
"""


def _common_parents() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument(
        "--json",
        action="store_true",
        help="print JSON for machines (stable keys; times in ISO 8601 with their UTC offset)",
    )
    timing = argparse.ArgumentParser(add_help=False)
    timing.add_argument(
        "--tz",
        metavar="ZONE",
        help="the account's time zone (IANA name, e.g. Europe/Moscow); a schedule's own tz "
        "wins over it; default UTC",
    )
    timing.add_argument(
        "--after",
        metavar="ISO8601",
        type=_moment,
        help="start from this moment (runs strictly after it); without an offset it is wall "
        "time in the schedule's zone; default now",
    )
    return output, timing


def _add_next(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "next",
        parents=parents,
        help="the next run times of a schedule",
        description="The next run times of a schedule, in its zone. A cron expression whose "
        "day-of-month and day-of-week are both restricted runs on either (cron's OR): the "
        "runs of both schedules are merged.",
    )
    sub.add_argument("schedule", metavar="SCHEDULE", nargs="?", help=_SCHEDULE_HELP)
    _add_mailing_option(sub)
    sub.add_argument(
        "-n",
        "--count",
        type=_positive_int,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"how many runs (default {DEFAULT_RUNS})",
    )
    _add_dialect(sub)
    sub.set_defaults(handler=_cmd_next)


def _add_convert(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "convert",
        parents=parents,
        help="cron <-> start_schedule JSON",
        description="Convert a cron expression to the start_schedule JSON object, or back. "
        "The default direction is the other form of the input's.",
    )
    sub.add_argument("schedule", metavar="SCHEDULE", help=_SCHEDULE_HELP)
    sub.add_argument("--to", choices=("cron", "json"), help="the output form")
    sub.add_argument(
        "--split",
        action="store_true",
        help="print a list (a JSON array, or one cron per line), so a cron with cron's OR "
        "day rule converts to the exact union of two schedules",
    )
    sub.add_argument(
        "--drop-extras",
        action="store_true",
        help="to cron: drop tz, profile and losers (no cron form) instead of refusing",
    )
    _add_dialect(sub)
    sub.set_defaults(handler=_cmd_convert)


def _add_dialect(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--dialect",
        choices=get_args(Dialect),
        metavar="DIALECT",
        help="the system a cron SCHEDULE comes from: "
        + ", ".join(get_args(Dialect))
        + " (default: auto, which refuses strings whose readings differ between dialects)",
    )


def _add_plan(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "plan",
        parents=parents,
        help="the warm-up table of a schedule and its cycle limits",
        description="The warm-up plan: one row per cycle (run) with its cap, its sends and "
        "the running total, and the cycle whose cap reaches the audience. Cap of cycle 1 = "
        "--limit; of cycle k+1 = cap(k) + --grow + floor(cap(k) * --grow-percent / 100).",
    )
    sub.add_argument("schedule", metavar="SCHEDULE", nargs="?", help=_SCHEDULE_HELP)
    _add_mailing_option(sub)
    sub.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="the cap of cycle 1 (0 = no limit); required unless SCHEDULE is a create "
        "request that sets limit (its limits are then the defaults of these options)",
    )
    sub.add_argument("--grow", type=int, metavar="N", help="aglimit_count: added each cycle")
    sub.add_argument(
        "--grow-percent",
        type=_decimal,
        metavar="P",
        help="aglimit_percent: percent of the previous cap added each cycle",
    )
    sub.add_argument("--audience", type=int, metavar="N", help="the audience size")
    sub.add_argument(
        "--cycles",
        type=_positive_int,
        metavar="K",
        help=f"how many cycles (default {DEFAULT_CYCLES}, or up to {UNTIL_MAX_CYCLES} "
        "with --until)",
    )
    sub.add_argument(
        "--until",
        type=_moment,
        metavar="ISO8601",
        help="stop before the first run at or after this moment",
    )
    sub.add_argument(
        "--chart", action="store_true", help="also draw each cycle's cap and sends as bars"
    )
    sub.add_argument("--svg", metavar="FILE", help="write the same chart as an SVG file")
    _add_dialect(sub)
    sub.set_defaults(handler=_cmd_plan)


def _add_check(commands: Any, output: argparse.ArgumentParser) -> None:
    timing = argparse.ArgumentParser(add_help=False)
    timing.add_argument(
        "--tz",
        metavar="ZONE",
        help="the account's time zone for the schedule checks; default UTC",
    )
    timing.add_argument(
        "--after",
        metavar="ISO8601",
        type=_moment,
        help="check the schedule's runs from this moment; default now",
    )
    sub = commands.add_parser(
        "check",
        parents=[output, timing],
        help="check a schedule (cron, JSON) or a create request (JSON)",
        description="Check a schedule (a cron expression, a start_schedule JSON file or "
        "array) or a create-regular-mailing request: a request's problems with their "
        "parameter paths, and what may surprise about the schedule (it never fires, days "
        "that no month has, DST gaps and overlaps, runs too close together). A schedule "
        "that never fires is an error (exit 1); warnings fail only with --strict.",
    )
    sub.add_argument(
        "file",
        metavar="SCHEDULE|FILE",
        help="a cron expression, a schedule or request JSON file, or - for stdin",
    )
    sub.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 also when a schedule finding is a warning (e.g. a DST gap)",
    )
    _add_dialect(sub)
    sub.set_defaults(handler=_cmd_check)


def _add_submit(commands: Any, output: argparse.ArgumentParser) -> None:
    sub = commands.add_parser(
        "submit",
        parents=[output],
        help="create the regular mailing on the platform",
        description=f"Create the regular mailing of a request file. The API token is read "
        f"from the environment variable {TOKEN_ENV} only, never from the command line, and "
        "is never printed. Retries reuse one Request-ID, so the platform creates the "
        "mailing once.",
    )
    sub.add_argument("file", metavar="FILE", help="the request's JSON file, or - for stdin")
    sub.add_argument(
        "--base-url",
        default=os.environ.get(BASE_URL_ENV),
        metavar="URL",
        help=f"https://HOST of the platform (default: ${BASE_URL_ENV}); http:// only "
        "to a loopback host",
    )
    sub.add_argument(
        "--format",
        choices=("json", "xml"),
        help="the body's format (default: the file's 'format', else json)",
    )
    sub.add_argument(
        "--dry-run",
        action="store_true",
        help="print the exact body that would be sent, token masked; send nothing",
    )
    sub.add_argument(
        "--request-id",
        metavar="ID",
        help="the deduplication key (default: a fresh UUID); reuse it to retry a create",
    )
    sub.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds per try")
    sub.add_argument("--retries", type=int, default=3, metavar="N", help="retries (default 3)")
    sub.set_defaults(handler=_cmd_submit)


def _add_connection(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--base-url",
        default=os.environ.get(BASE_URL_ENV),
        metavar="URL",
        help=f"https://HOST of the platform (default: ${BASE_URL_ENV}); http:// only "
        "to a loopback host",
    )
    sub.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds per try")
    sub.add_argument("--retries", type=int, default=3, metavar="N", help="retries (default 3)")


def _add_mailing_option(sub: argparse.ArgumentParser) -> None:
    group = sub.add_argument_group("from the platform")
    group.add_argument(
        "--mailing",
        type=_positive_int,
        metavar="ID",
        help=f"fetch this regular mailing's schedule (and limits) instead of SCHEDULE; "
        f"the token is read from {TOKEN_ENV} only",
    )
    group.add_argument(
        "--base-url",
        default=os.environ.get(BASE_URL_ENV),
        metavar="URL",
        help=f"with --mailing: https://HOST of the platform (default: ${BASE_URL_ENV})",
    )
    group.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds per try")
    group.add_argument("--retries", type=int, default=3, metavar="N", help="retries (default 3)")


def _add_client_commands(commands: Any, output: argparse.ArgumentParser) -> None:
    token_note = f"The API token is read from {TOKEN_ENV} only and never printed."
    helps = {
        "get": "read a regular mailing back (schedule, limits, the platform's fields)",
        "list": "list the account's regular mailings",
        "launch": "start one run of an active regular mailing now",
        "activate": "activate a mailing",
        "deactivate": "deactivate a mailing",
        "status": "a mailing's state (active, completed, status text)",
    }
    for name, text in helps.items():
        sub = commands.add_parser(
            name,
            parents=[output],
            help=text,
            description=f"{text[0].upper()}{text[1:]}. {token_note}",
        )
        if name != "list":
            sub.add_argument("id", metavar="ID", type=_positive_int, help="the mailing's ID")
        _add_connection(sub)
        if name == "list":
            sub.add_argument("--active-only", action="store_true", help="active mailings only")
        if name == "launch":
            sub.add_argument(
                "--override-limit", type=int, metavar="N", help="the limit of this run"
            )
            sub.add_argument(
                "--request-id",
                metavar="ID",
                help="the deduplication key; reuse it to retry a launch",
            )
        if name == "activate":
            sub.add_argument("--run-now", action="store_true", help="also run it once now")
        if name == "deactivate":
            sub.add_argument(
                "--abort-if-running", action="store_true", help="also stop a run in progress"
            )
        sub.set_defaults(handler=_cmd_client)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Start schedules of Altcraft regular mailings: run times, cron, "
        "warm-up plans, request checks and a safe submit.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    output, timing = _common_parents()
    _add_next(commands, [output, timing])
    _add_convert(commands, [output])
    _add_plan(commands, [output, timing])
    _add_check(commands, output)
    _add_describe(commands, output)
    _add_calendar(commands, output)
    _add_submit(commands, output)
    _add_client_commands(commands, output)
    for sub in commands.choices.values():
        sub.set_defaults(parser=sub)
    return parser


# -- the entry point ------------------------------------------------------------------------


def _scrub(text: str) -> str:
    """Defence in depth: the library never puts the token in a message; make sure."""
    token = os.environ.get(TOKEN_ENV, "")
    # A token of a few characters would mask ordinary words; no real token is that short.
    if len(token) < 8 or not token.isascii() or not token.isprintable():
        return text.replace(token, _MASK) if len(token) >= 8 else text
    from ._client import _Scrubber  # every spelling: raw, URL-quoted (with or without '/')

    return _Scrubber(token)(text).replace("***", _MASK)


# Commands whose rerun with the same --request-id is deduplicated by the platform.
_RERUNNABLE: Final = ("submit", "launch")


def _call_error_text(exc: CallError, args: argparse.Namespace) -> str:
    """The error, its request id, and a hint to rerun with --request-id where that is
    safe: a change that may have been applied, rerun under the same key, is applied once."""
    if not exc.request_id:
        return str(exc)
    text = f"{exc} (request ID {exc.request_id})"
    if args.command in _RERUNNABLE and not isinstance(exc, AltcraftAPIError):
        text += (
            f"; the platform may have applied it: rerun with --request-id {exc.request_id} "
            "so that it is applied at most once"
        )
    return text


def _cli_words(message: str) -> str:
    """The library's hints in the command line's terms: ``--dialect X``, not ``dialect=``."""
    message = re.sub(r"\(dialect='([\w-]+)'\)", r"(--dialect \1)", message)
    return message.replace("pass dialect= ", "pass --dialect ")


def _error(message: str) -> int:
    print(f"{PROG}: error: {_scrub(_cli_words(message))}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    out = sys.stdout
    try:
        if getattr(args, "tz", None) is not None:
            _zone_or_refuse(args.tz)  # every command: an empty --tz is not UTC
        status: int = args.handler(args, out)
        out.flush()
    except _UsageError as exc:
        args.parser.print_usage(sys.stderr)
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except CallError as exc:
        return _error(_call_error_text(exc, args))
    except (AltcraftScheduleError, _CliError) as exc:
        return _error(str(exc))
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # the reader went away (| head): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        return _error(str(exc))
    except KeyboardInterrupt:
        return 130
    except (ValueError, OverflowError) as exc:  # a bad value no check above caught
        return _error(f"{type(exc).__name__}: {exc}")
    return status

"""Crontab files and the non-raising cron check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, NamedTuple

import attrs

from ._cron import Dialect, schedules_from_cron
from ._errors import CronConversionError
from ._schedule import StartSchedule

__all__ = ["CronProblem", "CrontabEntry", "read_crontab", "validate_cron"]

_VARIABLE: Final = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")


class CronProblem(NamedTuple):
    """One reason a cron expression does not convert: the token, its field and why."""

    token: str | None
    field: str | None
    why: str


@attrs.frozen
class CrontabEntry:
    """One job line of a crontab: its 1-based ``line``, the exact union of ``schedules``,
    the ``command`` and the trailing ``comment`` (``None`` when absent).  A line that does
    not convert has no schedules and its reason in ``problem``."""

    line: int
    schedules: tuple[StartSchedule, ...]
    command: str
    comment: str | None = None
    problem: str | None = None


def validate_cron(
    expr: str, dialect: Dialect = "auto", *, years: Iterable[int] | None = None
) -> list[CronProblem]:
    """The problems that keep ``expr`` from converting in ``dialect`` (empty when it does),
    within the ``years`` horizon when given (the last-day tokens ``L``, ``LW``, ``DL``
    need one).  A bad ``years`` raises :class:`InvalidArgumentError`."""
    try:
        schedules_from_cron(expr, dialect, years=years)
    except CronConversionError as error:
        return [CronProblem(error.token, error.field, str(error))]
    return []


def read_crontab(text: str, dialect: Dialect = "cron") -> list[CrontabEntry]:
    """The job lines of a crontab, in order.

    Blank lines, ``#`` comments and variable lines (``MAILTO=...``) are skipped; a
    ``CRON_TZ=`` line sets the zone of the jobs after it.  A ``TZ=`` line is a variable
    like the others: cronie gives it to the jobs' environment and still reads their times
    in its own zone.  A bad line gives an entry with ``problem`` set and the reading goes on.
    """
    zone: str | None = None
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        variable = _VARIABLE.match(line)
        if variable and not line.startswith("@"):
            name, value = variable.groups()
            if name == "CRON_TZ":
                zone = value.strip().strip("\"'") or None
            continue
        entries.append(_entry(number, line, zone, dialect))
    return entries


def _entry(number: int, line: str, zone: str | None, dialect: Dialect) -> CrontabEntry:
    body, comment = line, None
    for mark in (" #", "\t#"):
        index = body.find(mark)
        if index >= 0:
            body, comment = body[:index].rstrip(), body[index + 2 :].strip()
    parts = body.split(None, 1 if body.startswith("@") else 5)
    count = 1 if body.startswith("@") else 5
    schedule_text = " ".join(parts[:count])
    command = parts[count] if len(parts) > count else ""
    if zone is not None:
        schedule_text = f"CRON_TZ={zone} {schedule_text}"
    try:
        schedules = schedules_from_cron(schedule_text, dialect)
    except CronConversionError as error:
        return CrontabEntry(number, (), command, comment, f"line {number}: {error}")
    if not command:
        return CrontabEntry(number, schedules, command, comment, f"line {number}: no command")
    return CrontabEntry(number, schedules, command, comment)

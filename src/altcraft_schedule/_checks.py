"""Checks that point out start schedules which do something the author may not expect.

:func:`check` returns a list of :class:`Finding`, each with a level (``error``,
``warning``, ``info``), a stable ``code``, an English ``message`` and, where one applies,
``when`` (the date or run time concerned).  Findings come in this order: ``unknown-tz``,
``never-fires``, ``nonexistent-days``, ``mdays-and-wdays``, ``too-frequent``, then the
``dst-gap`` / ``dst-overlap`` findings in time order.

The work is bounded: the engine's own bounded search for the next run, one UTC offset
probe per day of the next twelve months, and at most one run per hour of those months.
"""

from __future__ import annotations

from calendar import isleap
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import Final, Literal

import attrs

from ._describe import _EN_MONTHS as _MONTH_NAMES
from ._describe import _EN_WEEKDAYS as _WEEKDAY_NAMES
from ._describe import _number_list, join_words
from ._engine import MAX_MONTH_DAYS as _LONGEST_MONTH
from ._engine import compiled, localize, offset_changes, zone_name
from ._errors import InvalidArgumentError, UnknownTimeZoneError
from ._schedule import StartSchedule, Timezone

__all__ = [
    "CODES",
    "DST_GAP",
    "DST_OVERLAP",
    "LEVELS",
    "MDAYS_AND_WDAYS",
    "NEVER_FIRES",
    "NONEXISTENT_DAYS",
    "TOO_FREQUENT",
    "UNKNOWN_TZ",
    "Finding",
    "check",
]

#: The level of a finding.
Level = Literal["error", "warning", "info"]
#: The code of a finding (one of :data:`CODES`).
Code = Literal[
    "unknown-tz",
    "never-fires",
    "nonexistent-days",
    "mdays-and-wdays",
    "too-frequent",
    "dst-gap",
    "dst-overlap",
]
#: The levels of a finding, most serious first.
LEVELS: Final[tuple[Level, ...]] = ("error", "warning", "info")

#: error: the zone (the schedule's ``tz`` or the account zone passed) is not in this
#: machine's tz database; the checks that need a zone are skipped.
UNKNOWN_TZ: Final[Code] = "unknown-tz"
#: error: the schedule has no run after ``now``.
NEVER_FIRES: Final[Code] = "never-fires"
#: warning: some allowed day numbers do not exist in some allowed months (31 April,
#: 30 February; 29 February outside leap years).
NONEXISTENT_DAYS: Final[Code] = "nonexistent-days"
#: info: ``mdays`` and ``wdays`` are both set; a run needs both (AND), unlike cron (OR).
MDAYS_AND_WDAYS: Final[Code] = "mdays-and-wdays"
#: warning: two consecutive runs are less than an hour apart.
TOO_FREQUENT: Final[Code] = "too-frequent"
#: warning: a fixed run time does not exist on a day of the next twelve months (it fires
#: at the end of the gap).
DST_GAP: Final[Code] = "dst-gap"
#: info: a fixed run time happens twice on a day of the next twelve months (it fires once,
#: at the first occurrence).
DST_OVERLAP: Final[Code] = "dst-overlap"

#: Every finding code, in the order findings are reported.
CODES: Final[tuple[Code, ...]] = (
    UNKNOWN_TZ,
    NEVER_FIRES,
    NONEXISTENT_DAYS,
    MDAYS_AND_WDAYS,
    TOO_FREQUENT,
    DST_GAP,
    DST_OVERLAP,
)

# Each run mails the whole audience: runs closer than this are reported.
_MIN_SPACING = 3600  # seconds
_DAY = timedelta(days=1)
_AUDIENCE_NOTE = "each run starts a new cycle that mails the whole audience (up to the cycle limit)"


@attrs.frozen
class Finding:
    """One thing :func:`check` noticed about a schedule."""

    level: Level = attrs.field(validator=attrs.validators.in_(LEVELS))
    code: Code = attrs.field(validator=attrs.validators.in_(CODES))
    message: str
    when: datetime | date | None = None


# -- helpers --------------------------------------------------------------------------


def _join(items: Sequence[str]) -> str:
    return join_words(items, "and")


def _days(days: Sequence[int]) -> str:
    return ("day " if len(days) == 1 else "days ") + _join([str(day) for day in days])


def _stamp(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} {moment.tzname()}"


def _a_year_later(moment: datetime) -> datetime:
    if moment.year >= datetime.max.year:
        # Two days short of the end of time: converting to UTC must not overflow.
        return datetime(datetime.max.year, 12, 30, tzinfo=moment.tzinfo)
    day = 28 if (moment.month, moment.day) == (2, 29) else moment.day
    return moment.replace(year=moment.year + 1, day=day)


def _times_of_day(schedule: StartSchedule) -> list[int]:
    """The run times of a matching day, in minutes since midnight."""
    hours = schedule.hours or range(24)
    mins = schedule.mins or range(60)
    return [hour * 60 + minute for hour in hours for minute in mins]


# -- calendar checks (no zone needed) -------------------------------------------------


def _missing_days(schedule: StartSchedule, month: int) -> tuple[int, ...]:
    """The allowed day numbers that never exist in ``month`` within the allowed years."""
    longest = _LONGEST_MONTH[month]
    if month == 2 and schedule.years and not any(isleap(year) for year in schedule.years):
        longest = 28
    return tuple(day for day in schedule.mdays if day > longest)


def _impossible_days(schedule: StartSchedule) -> str | None:
    """Why no allowed day number exists in any allowed month, or ``None`` if one does."""
    if not schedule.mdays:
        return None
    months = schedule.months or tuple(range(1, 13))
    if any(len(_missing_days(schedule, month)) < len(schedule.mdays) for month in months):
        return None
    verb = "never occurs" if len(schedule.mdays) == 1 else "never occur"
    reason = f"{_days(schedule.mdays)} {verb} in {_join([_MONTH_NAMES[m] for m in months])}"
    if 29 in schedule.mdays and 2 in months and schedule.years:
        reason += " (no allowed year is a leap year)"
    return reason


def _nonexistent_days(schedule: StartSchedule) -> Finding | None:
    if not schedule.mdays or _impossible_days(schedule) is not None:
        return None
    months = schedule.months or tuple(range(1, 13))
    groups: dict[tuple[int, ...], list[int]] = {}
    for month in months:
        missing = _missing_days(schedule, month)
        if missing:
            groups.setdefault(missing, []).append(month)
    parts = [
        f"{_days(days)} {'does' if len(days) == 1 else 'do'} not exist in "
        + _join([_MONTH_NAMES[month] for month in group])
        for days, group in groups.items()
    ]
    leap_only = (
        29 in schedule.mdays
        and 2 in months
        and 29 not in _missing_days(schedule, 2)
        and not (schedule.years and all(isleap(year) for year in schedule.years))
    )
    if leap_only:
        parts.append("day 29 exists in February only in leap years")
    if not parts:
        return None
    return Finding(
        "warning",
        NONEXISTENT_DAYS,
        "Some allowed days do not exist in some allowed months, which then have fewer runs: "
        + "; ".join(parts)
        + ".",
    )


def _mdays_and_wdays(schedule: StartSchedule) -> Finding | None:
    if not (schedule.mdays and schedule.wdays):
        return None
    monday_first = sorted(schedule.wdays, key=lambda day: (day + 6) % 7)
    weekdays = _join([_WEEKDAY_NAMES[day] for day in monday_first])
    return Finding(
        "info",
        MDAYS_AND_WDAYS,
        f"Both mdays ({_number_list(schedule.mdays, 'and')}) and wdays ({weekdays}) "
        "are set: a run needs a day that matches both (AND); cron would fire on a day that "
        "matches either (OR).",
    )


# -- checks that need the zone --------------------------------------------------------


def _never_fires(schedule: StartSchedule, tz: Timezone, now: datetime) -> Finding | None:
    if schedule.next_run(now, tz) is not None:
        return None
    impossible = _impossible_days(schedule)
    if impossible is not None:
        reason = impossible
    elif schedule.years and schedule.years[-1] < now.year:
        reason = f"every allowed year is before {now.year} (the last is {schedule.years[-1]})"
    else:
        fields = [
            f"{name}={list(getattr(schedule, name))}"
            for name in ("mdays", "wdays", "months", "years")
            if getattr(schedule, name)
        ]
        reason = "no later day satisfies " + (_join(fields) or "the calendar fields") + " together"
    last = schedule.previous_run(now, tz)
    message = f"The schedule never fires after {_stamp(now)}: {reason}."
    if last is not None:
        message += f" Its last run was at {_stamp(last)}."
    return Finding("error", NEVER_FIRES, message, last)


def _first_pair(runs: Iterable[datetime], limit: int, gap: timedelta) -> datetime | None:
    """The first of two consecutive runs ``gap`` apart among the first ``limit`` runs."""
    previous: datetime | None = None
    for count, run in enumerate(runs):
        if count >= limit:
            break
        if previous is not None and run.timestamp() - previous.timestamp() <= gap.total_seconds():
            return previous
        previous = run
    return None


def _too_frequent(
    schedule: StartSchedule, tz: Timezone, now: datetime | None, end: datetime | None
) -> Finding | None:
    """Runs closer than an hour: on every matching day (from the table of times of day),
    else anywhere in the next twelve months (across midnight, or moved by a DST gap)."""
    times = _times_of_day(schedule)
    daily = min((b - a for a, b in pairwise(times)), default=None)
    if daily is not None and daily < 60:
        when = None
        if now is not None:
            when = _first_pair(
                schedule.iter_runs(now, tz), 2 * len(times) + 1, timedelta(minutes=daily)
            )
        unit = "minute" if daily == 1 else "minutes"
        return Finding(
            "warning",
            TOO_FREQUENT,
            f"Runs are only {daily} {unit} apart ({len(times)} runs on each matching day); "
            f"{_AUDIENCE_NOTE}.",
            when,
        )
    if now is None or end is None:
        return None
    previous: datetime | None = None
    for run in schedule.iter_runs(now, tz):
        if run.timestamp() >= end.timestamp():  # instants: a shared tzinfo ignores fold
            break
        # Aware datetimes sharing a tzinfo subtract as wall times: compare instants.
        if previous is not None and run.timestamp() - previous.timestamp() < _MIN_SPACING:
            gap = int((run.timestamp() - previous.timestamp()) // 60)
            return Finding(
                "warning",
                TOO_FREQUENT,
                f"Two runs are only {gap} minutes apart: {_stamp(previous)} and {_stamp(run)}; "
                f"{_AUDIENCE_NOTE}.",
                previous,
            )
        previous = run
    return None


def _walls_between(schedule: StartSchedule, first: datetime, end: datetime) -> list[datetime]:
    """The wall times of the schedule in ``[first, end)`` (naive), on allowed days."""
    walls: list[datetime] = []
    times = _times_of_day(schedule)
    day = first.date()
    while datetime.combine(day, datetime.min.time()) < end:
        if compiled(schedule).day_matches(day.toordinal()):
            midnight = datetime.combine(day, datetime.min.time())
            walls.extend(
                wall
                for wall in (midnight + timedelta(minutes=time) for time in times)
                if first <= wall < end
            )
        day += _DAY
    return walls


def _clock_list(walls: Sequence[datetime]) -> str:
    same_day = walls[0].date() == walls[-1].date()
    return _join([f"{wall:%H:%M}" if same_day else f"{wall:%Y-%m-%d %H:%M}" for wall in walls])


def _gap_finding(
    schedule: StartSchedule, zone: tzinfo, instant: int, start: datetime, stop: datetime
) -> Finding | None:
    """The fixed runs in the skipped wall times ``[start, stop)``: they fire at ``instant``."""
    walls = _walls_between(schedule, start, stop)
    if not walls:
        return None
    fires = datetime.fromtimestamp(instant, zone)
    many = len(walls) > 1
    merged = ""
    if _walls_between(schedule, stop, stop + timedelta(minutes=1)):
        merged = f"; the {stop:%H:%M} run is at that instant too: one run fires"
    return Finding(
        "warning",
        DST_GAP,
        f"{_clock_list(walls)} {'do' if many else 'does'} not exist on {walls[0]:%Y-%m-%d} "
        f"in {zone_name(zone)} (clocks jump from {start:%H:%M} to {stop:%H:%M}); "
        f"{'those runs fire once,' if many else 'that run fires'} at {fires:%H:%M %Z} "
        f"instead{merged}.",
        fires,
    )


def _overlap_finding(
    schedule: StartSchedule, zone: tzinfo, start: datetime, stop: datetime
) -> Finding | None:
    """The fixed runs in the repeated wall times ``[start, stop)``: each fires once."""
    walls = _walls_between(schedule, start, stop)
    if not walls:
        return None
    first = walls[0].replace(tzinfo=zone, fold=0)
    many = len(walls) > 1
    return Finding(
        "info",
        DST_OVERLAP,
        f"{_clock_list(walls)} {'happen' if many else 'happens'} twice on {walls[0]:%Y-%m-%d} "
        f"in {zone_name(zone)} (clocks go back from {stop:%H:%M} to {start:%H:%M}); "
        f"{'each run fires' if many else 'the run fires'} once, at the first occurrence "
        f"({first:%H:%M %Z}).",
        first,
    )


def _dst_findings(
    schedule: StartSchedule, zone: tzinfo, now: datetime, end: datetime
) -> list[Finding]:
    """Fixed run times skipped or repeated by an offset change between ``now`` and ``end``."""
    findings: list[Finding | None] = []
    for instant, before, after in offset_changes(zone, int(now.timestamp()), int(end.timestamp())):
        utc = datetime(1970, 1, 1) + timedelta(seconds=instant)
        if after > before:  # the wall clock jumps forward over [old wall, new wall)
            findings.append(_gap_finding(schedule, zone, instant, utc + before, utc + after))
        else:  # the wall clock goes back: [new wall, old wall) happens twice
            findings.append(_overlap_finding(schedule, zone, utc + after, utc + before))
    return [finding for finding in findings if finding is not None]


# -- entry point ----------------------------------------------------------------------


def check(
    schedule: StartSchedule, tz: Timezone = None, now: datetime | None = None
) -> list[Finding]:
    """What may surprise about ``schedule``, evaluated from ``now`` (default: the current
    time) in its zone (its own ``tz``, else ``tz`` = the account's zone, else UTC).

    An unknown zone is reported (``unknown-tz``) rather than raised; a ``tz`` of the wrong
    type, a ``now`` that is not a datetime or a ``schedule`` that is not a
    :class:`StartSchedule` raise :class:`~altcraft_schedule._errors.InvalidArgumentError`.
    """
    if not isinstance(schedule, StartSchedule):
        raise InvalidArgumentError.bad_value(
            "schedule", schedule, "is not a StartSchedule", "a StartSchedule"
        )
    if now is not None and not isinstance(now, datetime):
        raise InvalidArgumentError.bad_value("now", now, "is not a datetime", "a datetime or None")
    try:
        zone = schedule.zone(tz)
    except UnknownTimeZoneError as error:
        return _check_without_zone(schedule, error)
    local_now = localize(now if now is not None else datetime.now(UTC), zone, "now")
    end = _a_year_later(local_now)
    never = _never_fires(schedule, tz, local_now)
    findings = [never, _nonexistent_days(schedule), _mdays_and_wdays(schedule)]
    if never is None:
        findings.append(_too_frequent(schedule, tz, local_now, end))
        if schedule.is_fixed_time:
            findings.extend(_dst_findings(schedule, zone, local_now, end))
    return [finding for finding in findings if finding is not None]


def _check_without_zone(schedule: StartSchedule, error: UnknownTimeZoneError) -> list[Finding]:
    """The findings that need no zone, after ``unknown-tz``."""
    findings: list[Finding | None] = [
        Finding(
            "error",
            UNKNOWN_TZ,
            f"{error}. Run times cannot be computed here; the checks that need the zone "
            "were skipped.",
        )
    ]
    impossible = _impossible_days(schedule)
    if impossible is not None:
        findings.append(Finding("error", NEVER_FIRES, f"The schedule never fires: {impossible}."))
    findings += [_nonexistent_days(schedule), _mdays_and_wdays(schedule)]
    if impossible is None:
        findings.append(_too_frequent(schedule, None, None, None))
    return [finding for finding in findings if finding is not None]

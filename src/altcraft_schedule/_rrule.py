"""iCalendar (RFC 5545) recurrence rules, both ways: ``to_rrule`` and ``from_rrule``.

A start schedule is a set of wall-clock minutes; an RRULE with every ``BY`` part it
needs spelled out (nothing left to default from ``DTSTART``) is the same set.  Years
have no ``BY`` part: they become ``DTSTART`` and ``UNTIL``.  Two semantic differences
remain and are documented on the bridges page: RFC 5545 ignores a wall time that does
not exist (we fire a fixed time at the end of the gap), and readers yield a repeated
wall time once (a schedule without a fixed time fires at both occurrences).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo

from ._errors import InvalidArgumentError, RRuleConversionError
from ._schedule import FIELD_RANGES, StartSchedule

__all__ = ["from_rrule", "to_rrule"]

Freq = Literal["MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
_FREQS: tuple[Freq, ...] = ("MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# Index = this library's weekday number (0 = Sunday).
_WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
_TICK = timedelta(microseconds=1)
_STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")
# Parts read, and parts refused with the reason why.
_READ_PARTS = {"FREQ", "INTERVAL", "UNTIL", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY"}
_READ_PARTS |= {"BYMONTH", "WKST", "BYSECOND"}
_REFUSED_PARTS = {
    "COUNT": "counts runs; a start schedule bounds only whole years (use UNTIL)",
    "BYSETPOS": "picks runs by position in a set; a start schedule has no positions",
    "BYWEEKNO": "selects ISO week numbers; a start schedule has no week field",
    "BYYEARDAY": "selects days of the year; a start schedule has no such field",
    "BYEASTER": "selects days from Easter; a start schedule has no such field",
}
_REFUSED_LINES = {
    "RDATE": "adds single dates; a start schedule is a pattern only",
    "EXDATE": "removes single dates; a start schedule is a pattern only",
    "EXRULE": "removes a pattern; a start schedule cannot subtract",
}
_PARTS_ALLOWED = "FREQ, INTERVAL, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYHOUR, BYMINUTE, WKST"


# -- to_rrule ---------------------------------------------------------------------------


def to_rrule(
    schedule: StartSchedule | Sequence[StartSchedule],
    *,
    dtstart: datetime | None = None,
    tz: str | tzinfo | None = None,
) -> str:
    """The RFC 5545 text of ``schedule``'s runs from ``dtstart`` on: a ``DTSTART`` line
    and one ``RRULE`` line (one per schedule for a sequence of them, merged runs).

    ``DTSTART`` is the first run at or after ``dtstart`` (default: now), so it is an
    occurrence of the rule, as RFC 5545 counts it.  Runs are in the schedule's ``tz``,
    else ``tz``, else UTC.  Lines are joined with ``"\\n"``.  Raises
    :class:`RRuleConversionError` when no exact rule exists (years with a hole that
    the rule would fill, ``profile=True``, no run after ``dtstart``).
    """
    schedules = _schedule_tuple(schedule)
    name, zone = _rule_zone(schedules, tz)
    start = _start(dtstart, zone)
    firsts = [(item, _first_regular_run(item, start, zone)) for item in schedules]
    live = [(item, first) for item, first in firsts if first is not None]
    if not live:
        raise RRuleConversionError.bad_value(
            "dtstart", start, "is after the last run", "a moment before a run of the schedule"
        )
    first_run = min(first for _, first in live)
    lines = [_dtstart_line(first_run, name)]
    lines += ["RRULE:" + _rule(item, first_run, zone) for item, _ in live]
    return "\n".join(lines)


def _schedule_tuple(schedule: Any) -> tuple[StartSchedule, ...]:
    if isinstance(schedule, StartSchedule):
        return (schedule,)
    if (
        isinstance(schedule, Sequence)
        and not isinstance(schedule, str)
        and schedule
        and all(isinstance(item, StartSchedule) for item in schedule)
    ):
        return tuple(schedule)
    raise InvalidArgumentError.bad_value(
        "schedule", schedule, "is not a schedule", "a StartSchedule or a non-empty sequence of them"
    )


def _rule_zone(schedules: tuple[StartSchedule, ...], tz: Any) -> tuple[str, tzinfo]:
    """The zone's name for ``TZID`` (``"UTC"`` for UTC) and the zone; one for all."""
    zones = {item.zone(tz) for item in schedules}
    if len(zones) > 1:
        raise RRuleConversionError.bad_value(
            "tz",
            sorted(str(zone) for zone in zones),
            "are several zones; one DTSTART has one",
            "schedules that run in one zone",
        )
    (zone,) = zones
    if zone is timezone.utc or (isinstance(zone, ZoneInfo) and zone.key == "UTC"):
        return "UTC", zone
    if isinstance(zone, ZoneInfo):
        return zone.key, zone
    raise RRuleConversionError.bad_value(
        "tz", zone, "has no IANA name for TZID", "an IANA zone name, a ZoneInfo or UTC"
    )


def _start(dtstart: Any, zone: tzinfo) -> datetime:
    if dtstart is None:
        return datetime.now(timezone.utc).astimezone(zone)
    if not isinstance(dtstart, datetime):
        raise InvalidArgumentError.bad_value(
            "dtstart", dtstart, "is not a datetime", "a datetime (naive = wall time in the zone)"
        )
    return dtstart.replace(tzinfo=zone) if dtstart.tzinfo is None else dtstart.astimezone(zone)


def _first_regular_run(schedule: StartSchedule, start: datetime, zone: tzinfo) -> datetime | None:
    """The first run at or after ``start`` at its own wall time (a run moved to the end
    of a DST gap is not an occurrence of the rule, so it cannot be DTSTART)."""
    run = schedule.next_run(start - _TICK, zone)
    while run is not None and not schedule.matches(run, zone):
        run = schedule.next_run(run, zone)
    return run


def _dtstart_line(first: datetime, name: str) -> str:
    if name == "UTC":
        return "DTSTART:" + first.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"DTSTART;TZID={name}:" + first.strftime("%Y%m%dT%H%M%S")


def _freq(schedule: StartSchedule) -> Freq:
    """The coarsest frequency whose BY parts say every field; no part is left to the
    values of DTSTART."""
    if not schedule.mins:
        return "MINUTELY"
    if not schedule.hours:
        return "HOURLY"
    if schedule.mdays:
        return "MONTHLY"
    return "WEEKLY" if schedule.wdays else "DAILY"


def _rule(schedule: StartSchedule, first: datetime, zone: tzinfo) -> str:
    if schedule.profile:
        raise RRuleConversionError.bad_value(
            "profile",
            True,
            "runs in each recipient's zone; a rule has one zone",
            "profile None or False",
        )
    parts = [f"FREQ={_freq(schedule)}"]
    until = _until(schedule, first, zone)
    if until is not None:
        parts.append(f"UNTIL={until}")
    for key, values in (
        ("BYMONTH", schedule.months),
        ("BYMONTHDAY", schedule.mdays),
        ("BYDAY", tuple(_WEEKDAYS[day] for day in schedule.wdays)),
        ("BYHOUR", schedule.hours),
        ("BYMINUTE", schedule.mins),
    ):
        if values:
            parts.append(f"{key}=" + ",".join(str(value) for value in values))
    return ";".join(parts)


def _until(schedule: StartSchedule, first: datetime, zone: tzinfo) -> str | None:
    """``UNTIL`` (UTC, as RFC 5545 wants with a TZID) at the end of the last year, or
    ``None`` for every year; refused when the rule would run in a year not listed."""
    if not schedule.years:
        return None
    last = schedule.years[-1]
    every_year = StartSchedule(**{**_fields(schedule), "years": ()})
    for year in range(first.year, last + 1):
        if year in schedule.years:
            continue
        run = _first_regular_run(every_year, datetime(year, 1, 1, tzinfo=zone), zone)
        if run is not None and run.year == year:
            raise RRuleConversionError.bad_value(
                "years",
                list(schedule.years),
                f"leave out {year}, in which the rule would run",
                "years without a hole from DTSTART's year to the last one",
            )
    if last == FIELD_RANGES["years"][1]:
        return None
    end = datetime(last, 12, 31, 23, 59, 59, tzinfo=zone).astimezone(timezone.utc)
    return end.strftime("%Y%m%dT%H%M%SZ")


def _fields(schedule: StartSchedule) -> dict[str, Any]:
    return {name: getattr(schedule, name) for name in StartSchedule.ARRAY_FIELDS}


# -- from_rrule -------------------------------------------------------------------------


def from_rrule(text: str) -> tuple[StartSchedule, ...]:
    """The start schedules (one per ``RRULE`` line, merged runs) of an RFC 5545
    recurrence: optional ``DTSTART`` (its ``TZID`` becomes ``tz``, ``Z`` gives
    ``"UTC"``, a floating time none) and ``RRULE`` lines; a bare ``FREQ=...`` rule is
    read as one ``RRULE``.

    The schedules give the rule's occurrences from ``DTSTART`` on (a start schedule has
    no start date).  Raises :class:`RRuleConversionError` naming the part that has no
    exact start-schedule form (``COUNT``, ``BYSETPOS``, an ``INTERVAL`` that does not
    divide its cycle, ...).
    """
    if not isinstance(text, str):
        raise InvalidArgumentError.bad_value("text", text, "is not a string", "RFC 5545 text")
    dtstart: _Start | None = None
    rules: list[str] = []
    for line in _unfolded(text):
        name, params, value = _content_line(line, text)
        if name == "DTSTART":
            if dtstart is not None:
                raise _refuse(text, "DTSTART", value, "is given twice", "one DTSTART")
            dtstart = _read_dtstart(params, value, text)
        elif name == "RRULE":
            rules.append(value)
        elif name in _REFUSED_LINES:
            raise _refuse(text, name, value, _REFUSED_LINES[name], "DTSTART and RRULE lines")
        else:
            raise _refuse(text, name, value, "is not a recurrence line", "DTSTART and RRULE lines")
    if not rules:
        raise _refuse(text, "RRULE", None, "is missing", "at least one RRULE line")
    schedules = tuple(_read_rule(rule, dtstart, text) for rule in rules)
    if dtstart is not None and not any(item.matches(dtstart.wall) for item in schedules):
        raise _refuse(
            text,
            "DTSTART",
            dtstart.wall.isoformat(),
            "is not an occurrence of the rule, and RFC 5545 counts it as the first one",
            "a DTSTART the rule itself yields",
        )
    return schedules


class _Start:
    """DTSTART: the wall time (naive), and the zone name (``None`` = floating)."""

    def __init__(self, wall: datetime, tz: str | None) -> None:
        self.wall = wall
        self.tz = tz


def _refuse(text: str, field: str, value: Any, reason: str, allowed: str) -> RRuleConversionError:
    return RRuleConversionError(
        f"{field}: {value!r} {reason}; allowed: {allowed}",
        field=field,
        value=value,
        reason=reason,
        allowed=allowed,
        rule=text,
    )


def _unfolded(text: str) -> list[str]:
    """Content lines, RFC 5545 folding undone (a line starting with a space or a tab
    continues the previous one); blank lines dropped."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw.strip())
    return lines


def _content_line(line: str, text: str) -> tuple[str, dict[str, str], str]:
    """``(NAME, params, value)``; a bare ``FREQ=...`` line is an RRULE."""
    if line.upper().startswith("FREQ="):
        return "RRULE", {}, line
    head, colon, value = line.partition(":")
    if not colon:
        raise _refuse(text, "line", line, "is not a content line", "NAME[;PARAM=V]:VALUE")
    name, *raw_params = head.split(";")
    params: dict[str, str] = {}
    for raw in raw_params:
        key, _, param = raw.partition("=")
        params[key.upper()] = param.strip('"')
    return name.upper(), params, value


def _read_stamp(field: str, value: str, text: str) -> tuple[datetime, bool]:
    """A DATE-TIME value: the naive date and time, and whether it ends in ``Z`` (UTC)."""
    match = _STAMP.fullmatch(value)
    if match is None:
        raise _refuse(text, field, value, "is not a date-time", "YYYYMMDDTHHMMSS, with Z for UTC")
    year, month, day, hour, minute, second = (int(number) for number in match.groups()[:6])
    try:
        return datetime(year, month, day, hour, minute, second), bool(match.group(7))
    except ValueError:
        raise _refuse(text, field, value, "is not a real date", "a calendar date") from None


def _read_dtstart(params: dict[str, str], value: str, text: str) -> _Start:
    if params.get("VALUE", "DATE-TIME").upper() != "DATE-TIME":
        raise _refuse(
            text, "DTSTART", value, "is a date without a time", "a DATE-TIME (YYYYMMDDTHHMMSS)"
        )
    wall, utc = _read_stamp("DTSTART", value, text)
    if wall.second:
        raise _refuse(text, "DTSTART", value, "is not a whole minute", "seconds 00")
    zone = "UTC" if utc else params.get("TZID")
    if zone is not None:
        StartSchedule(tz=zone).zone()  # UnknownTimeZoneError for a name this machine lacks
    return _Start(wall, zone)


def _read_rule(rule: str, dtstart: _Start | None, text: str) -> StartSchedule:
    parts = _rule_parts(rule, text)
    freq = parts.get("FREQ")
    if freq not in _FREQS:
        raise _refuse(
            text, "FREQ", freq, "is not a frequency of minutes or more", ", ".join(_FREQS)
        )
    if parts.get("BYSECOND", "0") != "0":
        raise _refuse(text, "BYSECOND", parts["BYSECOND"], "is not 0", "0 (runs are whole minutes)")
    reader = _RuleReader(text, freq, parts, dtstart)
    fields = reader.fields()
    fields["years"] = reader.years(fields)
    return StartSchedule(**fields, tz=dtstart.tz if dtstart else None)


def _rule_parts(rule: str, text: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for item in rule.upper().split(";"):
        key, equals, value = item.partition("=")
        if not equals or not value:
            raise _refuse(text, "RRULE", item, "is not a KEY=VALUE part", _PARTS_ALLOWED)
        if key in _REFUSED_PARTS:
            raise _refuse(text, key, value, _REFUSED_PARTS[key], _PARTS_ALLOWED)
        if key not in _READ_PARTS:
            raise _refuse(text, key, value, "is not a rule part read here", _PARTS_ALLOWED)
        if key in parts:
            raise _refuse(text, key, value, "is given twice", "each part once")
        parts[key] = value
    return parts


class _RuleReader:
    """The fields of one rule, with RFC 5545's defaults from DTSTART."""

    def __init__(self, text: str, freq: Freq, parts: dict[str, str], dtstart: _Start | None):
        self.text = text
        self.freq = freq
        self.parts = parts
        self.dtstart = dtstart
        self.interval = self._interval()

    def fields(self) -> dict[str, Any]:
        mdays, wdays = self._days()
        return {
            "mins": self._clock("BYMINUTE", "MINUTELY", "minute", 60),
            "hours": self._clock("BYHOUR", "HOURLY", "hour", 24),
            "mdays": mdays,
            "wdays": wdays,
            "months": self._months(),
        }

    # -- one field each ----------------------------------------------------------------

    def _interval(self) -> int:
        value = self.parts.get("INTERVAL", "1")
        interval = int(value) if value.isdigit() else 0
        if interval < 1:
            raise _refuse(self.text, "INTERVAL", value, "is not a positive integer", "1, 2, ...")
        cycles = {"MINUTELY": 60, "HOURLY": 24, "MONTHLY": 12}
        cycle = cycles.get(self.freq)
        if interval > 1 and (cycle is None or cycle % interval):
            allowed = f"a divisor of {cycle}" if cycle else "1"
            reason = (
                f"does not divide the {cycle} steps of the next larger unit"
                if cycle
                else f"skips {self.freq.lower()} periods, which a start schedule cannot count"
            )
            raise _refuse(self.text, "INTERVAL", value, reason, allowed)
        if interval > 1 and self.dtstart is None:
            raise _refuse(
                self.text, "INTERVAL", value, "counts from DTSTART, which is missing", "a DTSTART"
            )
        return interval

    def _numbers(self, key: str, low: int, high: int) -> tuple[int, ...] | None:
        raw = self.parts.get(key)
        if raw is None:
            return None
        values = []
        for item in raw.split(","):
            if not item.isdigit() or not low <= int(item) <= high:
                reason = "counts from the end" if item.startswith("-") else "is out of range"
                raise _refuse(self.text, key, item, reason, f"integers {low}-{high}")
            values.append(int(item))
        return tuple(values)

    def _from_dtstart(self, key: str, unit: str) -> int:
        if self.dtstart is None:
            raise _refuse(
                self.text,
                key,
                None,
                f"is missing, and there is no DTSTART to take the {unit} from",
                f"{key}, or a DTSTART",
            )
        value: int = getattr(self.dtstart.wall, unit)
        return value

    def _strided(self, values: tuple[int, ...] | None, anchor: int, size: int) -> tuple[int, ...]:
        """``values`` (every one when ``None``) kept on the INTERVAL's steps from
        ``anchor`` (0-based within a cycle of ``size``)."""
        pool = range(size) if values is None else values
        return tuple(v for v in pool if (v - anchor) % self.interval == 0)

    def _clock(self, key: str, own_freq: Freq, unit: str, size: int) -> tuple[int, ...]:
        """Minutes or hours: every one at the rule's own frequency (INTERVAL steps), the
        BY part when given, else DTSTART's for coarser frequencies."""
        values = self._numbers(key, 0, size - 1)
        if self.freq == own_freq:
            if self.interval == 1:
                return values or ()
            return self._strided(values, self._from_dtstart(key, unit), size)
        if _FREQS.index(self.freq) < _FREQS.index(own_freq):
            return values or ()  # finer frequency: the part limits, absent = every value
        return values if values is not None else (self._from_dtstart(key, unit),)

    def _days(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        mdays = self._numbers("BYMONTHDAY", 1, 31)
        wdays, week_of_month = self._weekdays()
        if mdays is not None and self.freq == "WEEKLY":
            raise _refuse(
                self.text,
                "BYMONTHDAY",
                self.parts["BYMONTHDAY"],
                "is not allowed with FREQ=WEEKLY (RFC 5545)",
                "BYDAY with WEEKLY",
            )
        if week_of_month is not None:
            if mdays is not None or not self._month_scoped():
                raise _refuse(
                    self.text,
                    "BYDAY",
                    self.parts["BYDAY"],
                    "numbers weekdays outside a month, or with BYMONTHDAY",
                    "1-4 before the day with FREQ=MONTHLY, or YEARLY with BYMONTH",
                )
            mdays = tuple(range(7 * week_of_month - 6, 7 * week_of_month + 1))
        if mdays is None and wdays is None:
            if self.freq == "WEEKLY":
                self._from_dtstart("BYDAY", "day")  # refuses a missing DTSTART
                assert self.dtstart is not None
                return (), (self.dtstart.wall.isoweekday() % 7,)
            if self.freq in ("MONTHLY", "YEARLY"):
                return (self._from_dtstart("BYMONTHDAY", "day"),), ()
        return mdays or (), wdays or ()

    def _month_scoped(self) -> bool:
        return self.freq == "MONTHLY" or (self.freq == "YEARLY" and "BYMONTH" in self.parts)

    def _weekdays(self) -> tuple[tuple[int, ...] | None, int | None]:
        """BYDAY's weekdays, and the week of the month when every day is numbered
        (``1MO`` = the first Monday: days 1-7)."""
        raw = self.parts.get("BYDAY")
        if raw is None:
            return None, None
        days, ordinals = [], set()
        for item in raw.split(","):
            match = re.fullmatch(r"([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)", item)
            if match is None:
                raise _refuse(self.text, "BYDAY", item, "is not a weekday", "SU, MO, ... SA, 1MO")
            ordinal, day = match.groups()
            ordinals.add(int(ordinal) if ordinal else None)
            days.append(_WEEKDAYS.index(day))
        if ordinals == {None}:
            return tuple(days), None
        (week,) = ordinals if len(ordinals) == 1 else (0,)
        if week is None or not 1 <= week <= 4:
            raise _refuse(
                self.text,
                "BYDAY",
                raw,
                "numbers weekdays in a way days of the month cannot say (the last, the fifth, "
                "mixed with unnumbered)",
                "plain weekdays, or all numbered 1-4 alike (1MO,1FR)",
            )
        return tuple(days), week

    def _months(self) -> tuple[int, ...]:
        values = self._numbers("BYMONTH", 1, 12)
        if self.freq == "MONTHLY" and self.interval > 1:
            anchor = self._from_dtstart("INTERVAL", "month") - 1
            return tuple(m + 1 for m in self._strided(_zero_based(values), anchor, 12))
        if values is None and self.freq == "YEARLY" and not self._has_day_part():
            return (self._from_dtstart("BYMONTH", "month"),)
        return values or ()

    def _has_day_part(self) -> bool:
        return "BYMONTHDAY" in self.parts or "BYDAY" in self.parts

    def years(self, fields: dict[str, Any]) -> tuple[int, ...]:
        """``()`` without UNTIL; DTSTART's year to UNTIL's with one, when UNTIL cuts
        no run of its own year."""
        raw = self.parts.get("UNTIL")
        if raw is None:
            return ()
        if self.dtstart is None:
            raise _refuse(self.text, "UNTIL", raw, "needs DTSTART for the first year", "a DTSTART")
        wall, utc = _read_stamp("UNTIL", raw, self.text)
        tz = self.dtstart.tz
        zone = StartSchedule(tz=tz).zone() if tz else timezone.utc
        until = wall.replace(tzinfo=timezone.utc if utc else zone)
        local = until.astimezone(zone)
        if local.replace(tzinfo=None) < self.dtstart.wall:
            raise _refuse(self.text, "UNTIL", raw, "is before DTSTART", "an UNTIL after DTSTART")
        every_year = StartSchedule(**fields, tz=tz)
        later = every_year.next_run(until)
        if later is not None and later.astimezone(zone).year == local.year:
            raise _refuse(
                self.text,
                "UNTIL",
                raw,
                f"ends the rule inside {local.year}, before its run at {later.isoformat()}",
                "an UNTIL after the last run of its year",
            )
        return tuple(range(self.dtstart.wall.year, local.year + 1))


def _zero_based(values: tuple[int, ...] | None) -> tuple[int, ...] | None:
    return None if values is None else tuple(v - 1 for v in values)

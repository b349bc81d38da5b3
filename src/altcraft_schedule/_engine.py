"""Run times of a start schedule in a real time zone (docs/semantics.md §2).

The engine walks the calendar, not the clock: it jumps from one matching date to the
next and emits that date's precomputed times of day.  A date whose UTC offset is the same
at both of its midnights (on either side of any fold) is a *plain* day: its runs are its
wall times minus one offset, made with C-level ``datetime + timedelta``.  Only the few
days around a UTC offset change are worked out wall time by wall time, with the DST rules:

* gap: a fixed-time run inside it fires once, at the first instant after the gap; other
  schedules have no runs there;
* overlap: a fixed-time run fires once, at the first occurrence; other schedules fire at
  both occurrences.

Instants are handled as integer seconds since the Unix epoch; every run is a whole wall
minute.  Assumption (checked against the tz database in the tests): a UTC offset does not
change and change back within one day, so equal offsets at both midnights mean a plain day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import repeat, takewhile
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import InvalidArgumentError, UnknownTimeZoneError

if TYPE_CHECKING:
    from ._schedule import StartSchedule, Timezone

__all__ = [
    "CompiledSchedule",
    "EngineCache",
    "compiled",
    "iter_runs",
    "localize",
    "matches",
    "next_run",
    "offset_changes",
    "previous_run",
    "resolve_zone",
    "runs_between",
    "zone_name",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SECOND = timedelta(seconds=1)
_DAY_SECONDS = 86400
_MIN_ORDINAL = date.min.toordinal()
_MAX_ORDINAL = date.max.toordinal()
_LAST_WALL_SECOND = datetime.max.replace(microsecond=0)
# The Gregorian calendar repeats every 400 years: a date pattern with no match in
# 400 consecutive years never matches.
_CALENDAR_CYCLE_YEARS = 400
_YEARS_KEPT = 4096  # years each schedule remembers the next and previous matching date of
_NOT_KNOWN = -1  # not an ordinal, not None
_WEEK_REPEAT = sum(1 << (7 * week) for week in range(53))  # 53 weeks cover 366 days
# Longest month of each month number (February: 29 in leap years).
MAX_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Far more days than any real run of DST-changing days; a guard against a hang only.
_MAX_CLUSTER_DAYS = 64
_CLUSTER_CACHE_LIMIT = 32


# -- zones -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # more than every name of the tz database
def _zone_by_name(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        allowed = (
            "an IANA zone name known to this machine's tz database, such as "
            "'Europe/Moscow' or 'America/New_York'"
        )
        raise UnknownTimeZoneError(
            f"tz: unknown time zone {name!r}; allowed: {allowed}",
            field="tz",
            value=name,
            reason="is not a known time zone",
            allowed=allowed,
        ) from error


_DEFAULT_ZONE = _zone_by_name("UTC")


_TZ_ARGUMENT = "an IANA zone name, a tzinfo, or None"


def resolve_zone(schedule_tz: str | None, tz: Timezone) -> tzinfo:
    """The zone a schedule runs in: its own ``tz``, else ``tz`` (the account's zone), else UTC.

    ``tz`` is checked even when the schedule has its own zone; a pytz zone is replaced by
    the ``ZoneInfo`` of its name (pytz zones read a wall time at local mean time).
    """
    zone: tzinfo
    if tz is None or tz == "":
        zone = _DEFAULT_ZONE
    elif type(tz) is ZoneInfo:
        zone = tz
    elif isinstance(tz, str):
        # A name this machine lacks may be a real account zone: looked up only when used.
        zone = _DEFAULT_ZONE if schedule_tz else _zone_by_name(tz)
    elif isinstance(tz, tzinfo):
        zone = _foreign_zone(tz)
    else:
        raise InvalidArgumentError.bad_value("tz", tz, "is not a time zone", _TZ_ARGUMENT)
    return _zone_by_name(schedule_tz) if schedule_tz else zone


def _is_pytz(zone: tzinfo) -> bool:
    return type(zone).__module__.partition(".")[0] == "pytz"


def _foreign_zone(zone: tzinfo) -> tzinfo:
    """``zone`` itself, or the ``ZoneInfo`` that stands for a pytz zone."""
    if type(zone) is timezone or not _is_pytz(zone):
        return zone
    name = getattr(zone, "zone", None)
    if name is None:  # pytz.FixedOffset: one offset, whatever the date
        offset = zone.utcoffset(None)
        if offset is not None:
            return timezone(offset)
    elif isinstance(name, str):
        try:
            return _zone_by_name(name)
        except UnknownTimeZoneError:
            pass
    raise _unsupported_zone(zone, "is a pytz zone with no ZoneInfo of the same name")


def _unsupported_zone(zone: tzinfo, reason: str) -> InvalidArgumentError:
    return InvalidArgumentError.bad_value(
        "tz",
        zone,
        reason,
        "an IANA zone name, a zoneinfo.ZoneInfo, datetime.timezone, or a tzinfo whose "
        "utcoffset() gives every wall time's offset",
    )


def _offset_seconds(zone: tzinfo, wall: datetime) -> int:
    """The UTC offset of a naive wall time, read the PEP 495 way: in a gap or an overlap,
    fold=0 gives the offset before the change, fold=1 the one after."""
    if type(zone) is ZoneInfo or type(zone) is timezone:
        return _reported_offset(zone, wall)
    return _offset_through_utc(zone, wall)


def _offset_through_utc(zone: tzinfo, wall: datetime) -> int:
    """PEP 495 offsets from any tzinfo's ``fromutc``: dateutil's ``tzfile``, ``tzlocal()``
    and ``tzstr()`` give a skipped wall time the offset after the change with fold=0."""
    naive = wall.replace(fold=0)
    candidates = {_reported_offset(zone, naive), _reported_offset(zone, naive.replace(fold=1))}
    for offset in tuple(candidates):
        candidates.add(_instant_offset(zone, naive, offset))
    # An offset is real for this wall time when the instant it gives reads back the same.
    real = [offset for offset in candidates if _instant_offset(zone, naive, offset) == offset]
    if real:  # one, or two in an overlap: the earlier instant (larger offset) is fold=0
        return min(real) if wall.fold else max(real)
    # A gap: the smaller offset is the one before the change.
    return max(candidates) if wall.fold else min(candidates)


def _instant_offset(zone: tzinfo, naive: datetime, offset: int) -> int:
    instant = naive.replace(tzinfo=UTC) - timedelta(seconds=offset)
    try:
        return _reported_offset(zone, instant.astimezone(zone))
    except OverflowError:
        return offset


def _reported_offset(zone: tzinfo, wall: datetime) -> int:
    try:
        offset = zone.utcoffset(wall)
    except Exception as error:  # a user's tzinfo: any failure is a bad zone
        raise _unsupported_zone(zone, f"fails in utcoffset() ({type(error).__name__})") from error
    if offset is None:
        raise _unsupported_zone(zone, "gives no UTC offset")
    if offset.microseconds:
        # Runs are whole wall minutes at whole seconds; this offset cannot give both.
        raise _unsupported_zone(zone, "has a UTC offset that is not a whole number of seconds")
    return offset.days * _DAY_SECONDS + offset.seconds


# Day classes are kept per zone in blocks of 1,024 days, one byte a day: 0 unknown, 1 a day
# with a change, 2+ an index into the zone's few distinct offsets.  All zones of the tz
# database over 1970-2100 fit in about 30 MiB; a global budget of blocks bounds the rest.
_BLOCK_SHIFT = 10
_BLOCK_MASK = (1 << _BLOCK_SHIFT) - 1
_BLOCK_BUDGET = 40_960  # blocks in all zones: at most about 44 MiB
_ZONE_LIMIT = 4096  # zones kept (their blocks count against the budget)
_CHANGE_LIMIT = 4096  # changing days kept per zone
_UNKNOWN, _CHANGING = 0, 1
_ONE_DAY = timedelta(days=1)
_CHUNK = 32  # days a ZoneInfo's table learns at once (a fraction of a block)
_CHUNK_MASK = _CHUNK - 1


class _ZoneDays:
    """Per zone: the UTC offset of each plain day, or ``None`` for a day with a change."""

    __slots__ = ("blocks", "changes", "codes", "values", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.blocks: dict[int, bytearray] = {}
        # values[code] is the offset a day's code stands for (codes 0 and 1: no offset).
        self.values: list[int | None] = [None, None]
        self.codes: dict[int, int] = {}
        self.changes: dict[int, tuple[int, int, int]] = {}

    def offset(self, ordinal: int) -> int | None:
        block = self.blocks.get(ordinal >> _BLOCK_SHIFT)
        if block is not None:
            code = block[ordinal & _BLOCK_MASK]
            if code:
                return self.values[code]
        if not _MIN_ORDINAL <= ordinal <= _MAX_ORDINAL:
            return None  # outside the calendar: no runs, and the walks stop there
        return self._learn(ordinal)

    def _learn(self, ordinal: int) -> int | None:
        key = ordinal >> _BLOCK_SHIFT
        block = self.blocks.get(key)
        if block is None:
            if _HELD[0] >= _BLOCK_BUDGET:
                _release_blocks()
            block = self.blocks[key] = bytearray(_BLOCK_MASK + 1)
            _HELD[0] += 1
        # A ZoneInfo's days are learnt a chunk at a time (a day alone near the calendar's ends).
        first = ordinal & ~_CHUNK_MASK
        if type(self.zone) is ZoneInfo and first > _MIN_ORDINAL and first + _CHUNK < _MAX_ORDINAL:
            if self._fill(block, first):
                return self.values[block[ordinal & _BLOCK_MASK]]
            return self._classify(ordinal)  # started over: too many offsets
        value = self._classify(ordinal)
        code = self._code(value)
        if code is None:  # a zone with 254 offsets: started over
            return value
        block[ordinal & _BLOCK_MASK] = code
        return value

    def _code(self, value: int | None) -> int | None:
        """The day code of an offset (``None`` after starting over: too many offsets)."""
        if value is None:
            return _CHANGING
        code = self.codes.get(value, 0)
        if not code:
            if len(self.values) >= 256:
                self._forget()
                return None
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code

    def _fill(self, block: bytearray, first: int) -> bool:
        """Classify the chunk of days from ``first`` of a ``ZoneInfo`` as ``_classify`` does
        day by day, sharing each midnight's two readings between the days around it (its
        offsets are whole seconds and its ``utcoffset`` cannot fail)."""
        utcoffset = self.zone.utcoffset
        midnight = datetime.fromordinal(first)
        before, before_late = utcoffset(midnight), utcoffset(midnight.replace(fold=1))
        start = first & _BLOCK_MASK
        for index in range(start, start + _CHUNK):
            midnight += _ONE_DAY
            after, after_late = utcoffset(midnight), utcoffset(midnight.replace(fold=1))
            if before == before_late == after == after_late and before is not None:
                code = self._code(before.days * _DAY_SECONDS + before.seconds)
            else:
                code = _CHANGING
            if code is None:
                return False
            block[index] = code
            before, before_late = after, after_late
        return True

    def _forget(self) -> None:
        _HELD[0] -= len(self.blocks)
        self.blocks.clear()
        self.codes.clear()
        del self.values[2:]

    def change(self, ordinal: int) -> tuple[int, int, int] | None:
        """(offset before, offset after, instant) of the one change that touches a
        changing day, or ``None`` when the offsets at its midnights agree (two changes)."""
        cached = self.changes.get(ordinal)
        if cached is None:
            start = datetime.fromordinal(ordinal)
            end = datetime.fromordinal(ordinal + 1) if ordinal < _MAX_ORDINAL else _LAST_WALL_SECOND
            before = _offset_seconds(self.zone, start)
            after = _offset_seconds(self.zone, end.replace(fold=1))
            if before == after:
                return None
            # The changed wall range [T + min, T + max) touches this day, which bounds T.
            day_start = (ordinal - _EPOCH_ORDINAL) * _DAY_SECONDS
            low = day_start - max(before, after) - 1
            high = day_start + _DAY_SECONDS - min(before, after)
            transition = _transition_after(self.zone, low, high)
            _check_round_trip(self.zone, transition - 1)
            _check_round_trip(self.zone, transition)
            if len(self.changes) >= _CHANGE_LIMIT:
                self.changes.clear()
            cached = self.changes[ordinal] = (before, after, transition)
        return cached

    def _classify(self, ordinal: int) -> int | None:
        zone = self.zone
        start = datetime.fromordinal(ordinal)
        end = datetime.fromordinal(ordinal + 1) if ordinal < _MAX_ORDINAL else _LAST_WALL_SECOND
        offset = _offset_seconds(zone, start)
        for wall in (start.replace(fold=1), end, end.replace(fold=1)):
            if _offset_seconds(zone, wall) != offset:
                return None
        return offset


_ZONE_DAYS: dict[int, _ZoneDays] = {}
_HELD = [0]  # day blocks in all zones (a list: updated in place)


def _release_blocks() -> None:
    """Forget the day blocks of the oldest zones until half the budget is free."""
    for days in list(_ZONE_DAYS.values()):
        if _HELD[0] < _BLOCK_BUDGET // 2:
            return
        days._forget()


def _zone_days(zone: tzinfo) -> _ZoneDays:
    # Keyed by identity: some tzinfo classes are unhashable; the entry keeps the zone alive.
    days = _ZONE_DAYS.get(id(zone))
    if days is None or days.zone is not zone:
        if days is not None:
            days._forget()  # a dead zone's id, reused
        elif len(_ZONE_DAYS) >= _ZONE_LIMIT:
            _ZONE_DAYS.pop(next(iter(_ZONE_DAYS)))._forget()
        days = _ZONE_DAYS[id(zone)] = _ZoneDays(zone)
    return days


def day_table_stats() -> tuple[int, int]:
    """(zones, day blocks) the engine holds: for the memory tests and the benchmark."""
    return len(_ZONE_DAYS), _HELD[0]


def _check_round_trip(zone: tzinfo, instant: int) -> None:
    """Refuse a tzinfo whose local time of an instant does not mean that instant again
    (dateutil's tzfile around Europe/Dublin's negative DST, 1971-1995)."""
    try:
        local = _instant_to_datetime(instant, zone)
    except OverflowError:
        return
    if local.astimezone(UTC) != _EPOCH + timedelta(seconds=instant):
        raise _unsupported_zone(
            zone,
            f"writes {(_EPOCH + timedelta(seconds=instant)).isoformat()} as {local}, "
            "another instant",
        )


def _instant_to_datetime(instant: int, zone: tzinfo) -> datetime:
    return (_EPOCH + timedelta(seconds=instant)).astimezone(zone)


def _transition_after(zone: tzinfo, low: int, high: int) -> int:
    """The first second in ``(low, high]`` whose UTC offset differs from that of ``low``."""
    before = _instant_to_datetime(low, zone).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if _instant_to_datetime(middle, zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high


_FIRST_SAFE_INSTANT = int(datetime(1, 1, 2, tzinfo=UTC).timestamp())
_LAST_SAFE_INSTANT = int(datetime(9999, 12, 30, tzinfo=UTC).timestamp())


def offset_changes(zone: tzinfo, start: int, end: int) -> list[tuple[int, timedelta, timedelta]]:
    """(instant, offset before, offset after) of each UTC offset change of ``zone`` in
    ``(start, end]``; instants are seconds since the Unix epoch.

    Probes one instant a day and bisects to the second where the offset changed (an
    offset never changes and changes back within a day, as the day walk assumes).
    """
    found: list[tuple[int, timedelta, timedelta]] = []
    # Instants whose wall time in any zone is a valid datetime (offsets are under a day).
    start, end = max(start, _FIRST_SAFE_INSTANT), min(end, _LAST_SAFE_INSTANT)
    low, before = start, _instant_to_datetime(start, zone).utcoffset()
    while low < end:
        high = min(low + _DAY_SECONDS, end)
        after = _instant_to_datetime(high, zone).utcoffset()
        if after != before:
            found.append(
                (_transition_after(zone, low, high), before or _NO_OFFSET, after or _NO_OFFSET)
            )
        low, before = high, after
    return found


_NO_OFFSET = timedelta(0)


# -- the compiled schedule -------------------------------------------------------------


class EngineCache:
    """A base class for the model: one slot the engine keeps its compiled tables in.

    The slot is not an attrs field (so ``attrs.asdict`` and equality ignore it) and is
    unset until the engine first needs it; the model never reads or writes it.
    """

    __slots__ = ("_engine_compiled",)
    _engine_compiled: CompiledSchedule


def compiled(schedule: StartSchedule) -> CompiledSchedule:
    """The schedule's compiled tables, built on first use and kept on the schedule."""
    try:
        return schedule._engine_compiled
    except AttributeError:
        tables = CompiledSchedule(schedule)
        object.__setattr__(schedule, "_engine_compiled", tables)
        return tables


def _january_first(year: int) -> int:
    """``date(year, 1, 1).toordinal()`` by arithmetic."""
    before = year - 1
    return before * 365 + before // 4 - before // 100 + before // 400 + 1


class CompiledSchedule:
    """The tables the engine walks, built once per schedule."""

    __slots__ = (
        "_after_year",
        "_before_year",
        "_tod_deltas",
        "_year_masks",
        "allowed_years",
        "clusters",
        "first_time",
        "fixed",
        "last_time",
        "mday_bits",
        "mday_ok",
        "month_ok",
        "months",
        "satisfiable",
        "tod_hm",
        "tod_seconds",
        "wday_ok",
        "years",
    )

    def __init__(self, schedule: StartSchedule) -> None:
        hours = schedule.hours or tuple(range(24))
        mins = schedule.mins or tuple(range(60))
        self.fixed = schedule.is_fixed_time
        self.tod_seconds = tuple(hour * 3600 + minute * 60 for hour in hours for minute in mins)
        self._tod_deltas: tuple[timedelta, ...] | None = None
        # (hour, minute) of each time of day: a run on a plain day is one datetime(...) call.
        self.tod_hm = tuple((hour, minute) for hour in hours for minute in mins)
        self.first_time, self.last_time = time(*self.tod_hm[0]), time(*self.tod_hm[-1])
        mdays = schedule.mdays or tuple(range(1, 32))
        wdays = schedule.wdays or tuple(range(7))
        self.months = schedule.months or tuple(range(1, 13))
        self.years = schedule.years
        self.mday_ok = tuple(day in mdays for day in range(32))
        self.wday_ok = tuple(day in wdays for day in range(7))
        self.month_ok = tuple(month in self.months for month in range(13))
        self.allowed_years = frozenset(self.years)
        # Some allowed day number exists in some allowed month (in some year): with it,
        # every weekday is reached within 400 years, and without it nothing ever is.
        self.satisfiable = any(
            day <= MAX_MONTH_DAYS[month] for month in self.months for day in mdays
        )
        self.mday_bits = sum(1 << (day - 1) for day in mdays)
        self._year_masks: list[int | None] = [None] * 14
        # year -> the first matching date after it / the last before it (None: none).
        self._after_year: dict[int, int | None] = {}
        self._before_year: dict[int, int | None] = {}
        # (zone id, first day, step) -> (zone, instants, next day): see _cluster.
        self.clusters: dict[tuple[int, int, int], tuple[tzinfo, tuple[int, ...], int]] = {}

    @property
    def tod_deltas(self) -> tuple[timedelta, ...]:
        """Each time of day as a ``timedelta`` from midnight (built when first walked: an
        every-minute schedule has 1,440 of them, and a single next run needs none)."""
        if self._tod_deltas is None:
            self._tod_deltas = tuple(map(timedelta, repeat(0), self.tod_seconds))
        return self._tod_deltas

    def day_matches(self, ordinal: int) -> bool:
        day = date.fromordinal(ordinal)
        return self.date_matches(day.year, day.month, day.day, ordinal)

    def date_matches(self, year: int, month: int, day: int, ordinal: int) -> bool:
        return (
            self.mday_ok[day]
            and self.wday_ok[ordinal % 7]  # ordinal 1 (0001-01-01) is a Monday: Sunday is 0
            and self.month_ok[month]
            and (not self.years or year in self.allowed_years)
        )

    def _year_mask(self, year: int, january_first: int) -> int:
        """The matching days of ``year`` as bits (bit ``n``: day ``n + 1`` of the year).

        They depend only on whether the year is leap and on the weekday of its 1 January
        (the ordinal ``january_first``), so 14 masks, built when first needed, cover every
        year; listed years are not checked here.
        """
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        kind = 7 * leap + january_first % 7
        mask = self._year_masks[kind]
        if mask is None:
            mask = self._year_masks[kind] = self._build_year_mask(leap, january_first % 7)
        return mask

    def _build_year_mask(self, leap: bool, first_weekday: int) -> int:
        # One 7-bit weekday pattern from 1 January on, repeated over the year's 53 weeks
        # (a multiplication without carries), masked by the allowed days of each month.
        week = sum(1 << day for day in range(7) if self.wday_ok[(first_weekday + day) % 7])
        weekdays = week * _WEEK_REPEAT
        days, month_start = 0, 0
        for month in range(1, 13):
            length = 28 if month == 2 and not leap else MAX_MONTH_DAYS[month]
            if self.month_ok[month]:
                days |= (self.mday_bits & ((1 << length) - 1)) << month_start
            month_start += length
        return days & weekdays

    def next_matching_day(self, ordinal: int, year: int = 0) -> int | None:
        """The first matching date on or after ``ordinal``, or ``None``; ``year``, when
        given, is the year of ``ordinal`` or of the day before it (saves a conversion)."""
        if not self.satisfiable or ordinal > _MAX_ORDINAL:
            return None
        if not year or ordinal < _MIN_ORDINAL:
            ordinal = max(ordinal, _MIN_ORDINAL)
            year = date.fromordinal(ordinal).year
        if not self.years or year in self.allowed_years:
            first = _january_first(year)
            later_days = self._year_mask(year, first) >> (ordinal - first)
            if later_days:
                return ordinal + (later_days & -later_days).bit_length() - 1
        # The rest depends on the year alone: kept, as a clock that ticks on asks again.
        found = self._after_year.get(year, _NOT_KNOWN)
        if found == _NOT_KNOWN:
            if len(self._after_year) >= _YEARS_KEPT:
                self._after_year.clear()
            found = self._after_year[year] = self._first_day_after(year)
        return found

    def previous_matching_day(self, ordinal: int, year: int = 0) -> int | None:
        """The last matching date on or before ``ordinal``, or ``None``; ``year``, when
        given, is the year of ``ordinal`` or of the day after it (saves a conversion)."""
        if not self.satisfiable or ordinal < _MIN_ORDINAL:
            return None
        first = _january_first(year) if year and ordinal <= _MAX_ORDINAL else 0
        if ordinal < first or not first:
            ordinal = min(ordinal, _MAX_ORDINAL)
            year = date.fromordinal(ordinal).year
            first = _january_first(year)
        if not self.years or year in self.allowed_years:
            earlier_days = self._year_mask(year, first) & ((2 << (ordinal - first)) - 1)
            if earlier_days:
                return first + earlier_days.bit_length() - 1
        found = self._before_year.get(year, _NOT_KNOWN)
        if found == _NOT_KNOWN:
            if len(self._before_year) >= _YEARS_KEPT:
                self._before_year.clear()
            found = self._before_year[year] = self._last_day_before(year)
        return found

    def _first_day_after(self, year: int) -> int | None:
        """The first matching date in the years after ``year``: listed years one by one,
        otherwise within 400 years (they hold every date pattern)."""
        years = self.years
        if years:
            candidates: Iterable[int] = years[bisect_right(years, year) :]
        else:
            candidates = range(year + 1, min(9999, year + _CALENDAR_CYCLE_YEARS) + 1)
        for candidate in candidates:
            first = _january_first(candidate)
            mask = self._year_mask(candidate, first)
            if mask:
                return first + (mask & -mask).bit_length() - 1
        return None

    def _last_day_before(self, year: int) -> int | None:
        """The last matching date in the years before ``year``."""
        years = self.years
        if years:
            candidates: Iterable[int] = reversed(years[: bisect_left(years, year)])
        else:
            candidates = range(year - 1, max(1, year - _CALENDAR_CYCLE_YEARS) - 1, -1)
        for candidate in candidates:
            first = _january_first(candidate)
            mask = self._year_mask(candidate, first)
            if mask:
                return first + mask.bit_length() - 1
        return None

    def exact_day(self, days: _ZoneDays, ordinal: int) -> list[int]:
        """The run instants of one matching date, with the DST rules (unsorted)."""
        day_start = (ordinal - _EPOCH_ORDINAL) * _DAY_SECONDS
        tod_seconds = self.tod_seconds
        offset = days.offset(ordinal)
        if offset is not None:
            origin = day_start - offset
            return [origin + seconds for seconds in tod_seconds]
        change = days.change(ordinal)
        if change is None:
            return self._exact_day_by_wall(days.zone, ordinal)
        before, after, transition = change
        # Through UTC, not through the tzinfo's reading of changed wall times (dateutil's
        # tzlocal/tzstr/tzfile give a skipped one the offset after the change with fold=0):
        # the wall times [T + min, T + max) are changed, those before happen at the offset
        # before, those after at the offset after.
        range_start = bisect_left(tod_seconds, transition + min(before, after) - day_start)
        range_end = bisect_left(tod_seconds, transition + max(before, after) - day_start)
        instants = [day_start - before + seconds for seconds in tod_seconds[:range_start]]
        inside = tod_seconds[range_start:range_end]
        if inside:
            if after < before:  # the wall times happen twice
                instants.extend(day_start - before + seconds for seconds in inside)
                if not self.fixed:
                    instants.extend(day_start - after + seconds for seconds in inside)
            elif self.fixed:  # the wall times are skipped: fire once, when the gap ends
                instants.append(transition)
        instants.extend(day_start - after + seconds for seconds in tod_seconds[range_end:])
        return instants

    def _exact_day_by_wall(self, zone: tzinfo, ordinal: int) -> list[int]:
        """Wall time by wall time; only for a day that breaks the one-change assumption."""
        midnight = datetime.fromordinal(ordinal)
        day_start = (ordinal - _EPOCH_ORDINAL) * _DAY_SECONDS
        instants: list[int] = []
        for seconds, delta in zip(self.tod_seconds, self.tod_deltas, strict=True):
            wall = midnight + delta
            first = day_start + seconds - _offset_seconds(zone, wall)
            second = day_start + seconds - _offset_seconds(zone, wall.replace(fold=1))
            if first == second:
                instants.append(first)
            elif first < second:  # the wall time happens twice
                instants.append(first)
                if not self.fixed:
                    instants.append(second)
            elif self.fixed:  # the wall time is skipped: fire when the gap ends
                instants.append(_transition_after(zone, second, first))
        return instants


# -- inputs ------------------------------------------------------------------------------


class _OutsideCalendarError(Exception):
    """An aware instant whose wall date in the zone is before year 1 or after 9999."""

    def __init__(self, value: datetime) -> None:
        super().__init__(value)
        self.early = value.year < 5000
        self.value = value


def _localize(value: datetime, zone: tzinfo, name: str, up: bool = False) -> datetime:
    """``value`` in ``zone``; a datetime subclass finer than a microsecond (a pandas
    ``Timestamp``) is rounded down, or up when ``up`` (runs are whole seconds, so both keep
    every strict comparison with a run)."""
    if type(value) is not datetime:
        value = _plain_datetime(value, name, up)
    given = value.tzinfo
    if given is zone:
        return value
    if given is None:
        return value.replace(tzinfo=zone)
    if type(given) is not ZoneInfo and type(given) is not timezone:
        value = _checked_foreign_input(value, given, name)
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
    try:
        return value.astimezone(zone)
    except OverflowError:
        raise _OutsideCalendarError(value) from None


_DATETIME_ALLOWED = "a datetime (naive: wall time in the schedule's zone; or aware)"


def _plain_datetime(value: object, name: str, up: bool) -> datetime:
    if not isinstance(value, datetime):
        raise InvalidArgumentError.bad_value(name, value, "is not a datetime", _DATETIME_ALLOWED)
    if not isinstance(value.year, int):  # pandas NaT: a datetime subclass, no moment at all
        raise InvalidArgumentError.bad_value(name, value, "is not a moment", _DATETIME_ALLOWED)
    plain = datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        value.tzinfo,
        fold=value.fold,
    )
    nanosecond = getattr(value, "nanosecond", 0)
    if up and isinstance(nanosecond, int) and nanosecond:
        plain += timedelta(microseconds=1)
    return plain


def _checked_foreign_input(value: datetime, given: tzinfo, name: str) -> datetime:
    """An aware input with a tzinfo of another library: refuse what it would misread."""
    try:
        offset = value.utcoffset()
    except Exception as error:  # a user's tzinfo: any failure is a bad input
        raise InvalidArgumentError.bad_value(
            name,
            value,
            f"has a tzinfo whose utcoffset() fails ({type(error).__name__})",
            _DATETIME_ALLOWED,
        ) from error
    if offset is None:
        return value.replace(tzinfo=None)  # Python reads it as naive
    normalize = getattr(given, "normalize", None)
    if _is_pytz(given) and callable(normalize) and normalize(value).tzinfo is not given:
        # A pytz zone attached with replace() or the constructor: local mean time.
        raise InvalidArgumentError.bad_value(
            name,
            value,
            "carries a pytz zone attached without localize() (it reads local mean time)",
            "zone.localize(naive) for a pytz zone, or a datetime with a ZoneInfo",
        )
    return value


def zone_name(zone: tzinfo) -> str:
    """The zone's IANA key when it has one, else its ``str``."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else str(zone)


def localize(value: datetime, zone: tzinfo, name: str) -> datetime:
    """``value`` as an aware datetime in ``zone`` (a naive one is wall time there).

    Raises :class:`InvalidArgumentError` naming ``name`` when ``value`` is not a datetime
    or has no wall time in ``zone`` within the years 1-9999.
    """
    try:
        return _localize(value, zone, name)
    except _OutsideCalendarError:
        allowed = "a date-time whose wall time there is within those years"
        raise InvalidArgumentError(
            f"{name}: {value.isoformat()} falls outside the years 1-9999 in {zone_name(zone)}; "
            f"allowed: {allowed}",
            field=name,
            value=value,
            reason=f"falls outside the years 1-9999 in {zone_name(zone)}",
            allowed=allowed,
        ) from None


def _floor_seconds(value: datetime) -> int:
    return (value - _EPOCH) // _SECOND


def _ceil_seconds(value: datetime) -> int:
    return -((_EPOCH - value) // _SECOND)


# -- the walks ------------------------------------------------------------------------


def _cluster(
    compiled: CompiledSchedule, days: _ZoneDays, ordinal: int, step: int
) -> tuple[tuple[int, ...], int]:
    """Exact instants (sorted, unique) of the days from ``ordinal`` through the first plain
    day that follows a changing one, walking by ``step``; and the next day to visit.

    Runs of neighbouring changing days can interleave (an overlap that crosses midnight),
    so the whole cluster is sorted together.  Clusters are few (a zone changes its offset
    about twice a year) and costly, so each schedule keeps its recent ones.
    """
    key = (id(days.zone), ordinal, step)
    cached = compiled.clusters.get(key)
    if cached is not None and cached[0] is days.zone:
        return cached[1], cached[2]
    instants: list[int] = []
    seen_change = False
    day = ordinal
    for _ in range(_MAX_CLUSTER_DAYS):
        if day < _MIN_ORDINAL or day > _MAX_ORDINAL:
            break
        plain = days.offset(day) is not None
        if compiled.day_matches(day):
            instants.extend(compiled.exact_day(days, day))
        if plain and seen_change:
            break
        seen_change = seen_change or not plain
        day += step
    else:
        raise _unsupported_zone(
            days.zone, f"changes its UTC offset on more than {_MAX_CLUSTER_DAYS} days in a row"
        )
    result = tuple(sorted(set(instants)))
    if len(compiled.clusters) >= _CLUSTER_CACHE_LIMIT:
        compiled.clusters.clear()
    compiled.clusters[key] = (days.zone, result, day + step)
    return result, day + step


def _forward(
    compiled: CompiledSchedule, zone: tzinfo, threshold: int, start_day: int
) -> Iterator[datetime]:
    """Runs at instants ``> threshold``, ascending; ``start_day`` is the threshold's wall date."""
    days = _zone_days(zone)
    tod_seconds, tod_deltas = compiled.tod_seconds, compiled.tod_deltas
    last = threshold
    if start_day > _MAX_ORDINAL:
        return
    # Runs of a changing day can come after the next day's start: a late overlap, or a
    # run moved to the end of a gap that ends at midnight (America/Nuuk: 23:00 -> 00:00).
    cursor = start_day
    if days.offset(start_day) is None or days.offset(start_day - 1) is None:
        cursor = start_day - 1
    while True:
        ordinal = compiled.next_matching_day(cursor)
        if ordinal is None:
            return
        offset = days.offset(ordinal)
        if offset is not None:
            origin = (ordinal - _EPOCH_ORDINAL) * _DAY_SECONDS - offset
            index = bisect_right(tod_seconds, last - origin)
            if index < len(tod_seconds):
                day = date.fromordinal(ordinal)
                midnight = datetime(day.year, day.month, day.day, 0, 0, 0, 0, zone)
                yield from map(midnight.__add__, tod_deltas[index:])
                last = origin + tod_seconds[-1]
            cursor = ordinal + 1
            continue
        instants, cursor = _cluster(compiled, days, ordinal, 1)
        for instant in instants[bisect_right(instants, last) :]:
            try:
                run = _instant_to_datetime(instant, zone)
            except OverflowError:
                return
            yield run
            last = instant


def _backward(
    compiled: CompiledSchedule, zone: tzinfo, threshold: int, start_day: int
) -> Iterator[datetime]:
    """Runs at instants ``< threshold``, descending; ``start_day`` is the threshold's wall date."""
    days = _zone_days(zone)
    tod_seconds, tod_deltas = compiled.tod_seconds, compiled.tod_deltas
    last = threshold
    if start_day < _MIN_ORDINAL:
        return
    # Runs of the day after a changing day can come before its end (an early overlap).
    cursor = start_day + 1 if days.offset(start_day) is None else start_day
    while True:
        ordinal = compiled.previous_matching_day(cursor)
        if ordinal is None:
            return
        offset = days.offset(ordinal)
        if offset is not None:
            origin = (ordinal - _EPOCH_ORDINAL) * _DAY_SECONDS - offset
            index = bisect_left(tod_seconds, last - origin)
            if index > 0:
                day = date.fromordinal(ordinal)
                midnight = datetime(day.year, day.month, day.day, 0, 0, 0, 0, zone)
                yield from map(midnight.__add__, tod_deltas[index - 1 :: -1])
                last = origin + tod_seconds[0]
            cursor = ordinal - 1
            continue
        instants, cursor = _cluster(compiled, days, ordinal, -1)
        for instant in reversed(instants[: bisect_left(instants, last)]):
            try:
                run = _instant_to_datetime(instant, zone)
            except OverflowError:
                continue
            yield run
            last = instant


# -- public functions ----------------------------------------------------------------


def _start(schedule: StartSchedule, tz: Timezone) -> tuple[CompiledSchedule, tzinfo]:
    try:
        schedule_tz = schedule.tz
    except AttributeError:  # e.g. next_run(after, schedule): free on the usual path
        raise InvalidArgumentError.bad_value(
            "schedule",
            schedule,
            "is not a StartSchedule",
            "a StartSchedule as the first argument, e.g. next_run(schedule, after)",
        ) from None
    zone = resolve_zone(schedule_tz, tz)
    try:
        tables = schedule._engine_compiled
    except AttributeError:
        tables = compiled(schedule)
    return tables, zone


def _runs_after(
    compiled: CompiledSchedule, zone: tzinfo, value: datetime, name: str
) -> tuple[Iterator[datetime], datetime | None]:
    """Runs strictly after ``value``, and ``value`` in the zone (``None`` off the calendar)."""
    try:
        local = _localize(value, zone, name)
    except _OutsideCalendarError as outside:
        if not outside.early:
            return iter(()), None
        return _forward(compiled, zone, _floor_seconds(outside.value), _MIN_ORDINAL), None
    return _forward(compiled, zone, _floor_seconds(local), local.toordinal()), local


def _runs_before(
    compiled: CompiledSchedule, zone: tzinfo, value: datetime, name: str
) -> tuple[Iterator[datetime], datetime | None]:
    """Runs strictly before ``value``, and ``value`` in the zone (``None`` off the calendar)."""
    try:
        local = _localize(value, zone, name, up=True)
    except _OutsideCalendarError as outside:
        if outside.early:
            return iter(()), None
        return _backward(compiled, zone, _ceil_seconds(outside.value), _MAX_ORDINAL), None
    return _backward(compiled, zone, _ceil_seconds(local), local.toordinal()), local


_NOT_PLAIN = object()  # the input is not a plain datetime: no fast path


def _known_plain(days: _ZoneDays, ordinal: int) -> bool:
    """Whether the zone's table already knows ``ordinal`` as a day without a change."""
    block = days.blocks.get(ordinal >> _BLOCK_SHIFT)
    return block is not None and block[ordinal & _BLOCK_MASK] > _CHANGING


def next_run(schedule: StartSchedule, after: datetime, tz: Timezone = None) -> datetime | None:
    """The first run strictly after ``after``, or ``None`` when the schedule never fires again."""
    try:
        tables = schedule._engine_compiled
        zone = _DEFAULT_ZONE if tz is None and not schedule.tz else resolve_zone(schedule.tz, tz)
    except AttributeError:  # not compiled yet, or not a schedule (_start names it)
        tables, zone = _start(schedule, tz)
    given = after.tzinfo if type(after) is datetime else _NOT_PLAIN
    # The fast path: a plain datetime that is wall time in the zone (an aware UTC one for
    # the default zone reads the same), on a day the zone's table knows to be plain.
    if given is None or given is zone or (given is UTC and zone is _DEFAULT_ZONE):
        days = _ZONE_DAYS.get(id(zone))
        ordinal = after.toordinal()
        if days is not None and days.zone is zone and _known_plain(days, ordinal):
            year, month, day = after.year, after.month, after.day
            if (
                tables.mday_ok[day]
                and tables.wday_ok[ordinal % 7]
                and tables.month_ok[month]
                and (not tables.years or year in tables.allowed_years)
            ):
                index = bisect_right(
                    tables.tod_seconds, after.hour * 3600 + after.minute * 60 + after.second
                )
                if index < len(tables.tod_hm):
                    hour, minute = tables.tod_hm[index]
                    return datetime(year, month, day, hour, minute, 0, 0, zone)
            following = tables.next_matching_day(ordinal + 1, year)
            if following is None:
                return None
            if days.offset(following) is not None:
                return datetime.combine(date.fromordinal(following), tables.first_time, zone)
    return _next_run(tables, zone, after)


def _next_run(compiled: CompiledSchedule, zone: tzinfo, after: datetime) -> datetime | None:
    try:
        local = _localize(after, zone, "after")
    except _OutsideCalendarError:
        return next(_runs_after(compiled, zone, after, "after")[0], None)
    ordinal = local.toordinal()
    days = _zone_days(zone)
    if days.offset(ordinal) is None:
        return next(_forward(compiled, zone, _floor_seconds(local), ordinal), None)
    # A plain day: wall order is time order, so the rest of this day is a bisection away,
    # and a later plain matching day starts with its first time of day.
    if compiled.date_matches(local.year, local.month, local.day, ordinal):
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        index = bisect_right(compiled.tod_seconds, seconds)
        if index < len(compiled.tod_seconds):
            midnight = datetime(local.year, local.month, local.day, 0, 0, 0, 0, zone)
            return midnight + compiled.tod_deltas[index]
    following = compiled.next_matching_day(ordinal + 1)
    if following is None:
        return None
    if days.offset(following) is not None:
        day = date.fromordinal(following)
        return datetime(day.year, day.month, day.day, 0, 0, 0, 0, zone) + compiled.tod_deltas[0]
    return next(_forward(compiled, zone, _floor_seconds(local), following), None)


def previous_run(schedule: StartSchedule, before: datetime, tz: Timezone = None) -> datetime | None:
    """The last run strictly before ``before``, or ``None`` when there is none."""
    try:
        tables = schedule._engine_compiled
        zone = _DEFAULT_ZONE if tz is None and not schedule.tz else resolve_zone(schedule.tz, tz)
    except AttributeError:  # not compiled yet, or not a schedule (_start names it)
        tables, zone = _start(schedule, tz)
    given = before.tzinfo if type(before) is datetime else _NOT_PLAIN
    if given is None or given is zone or (given is UTC and zone is _DEFAULT_ZONE):
        days = _ZONE_DAYS.get(id(zone))
        ordinal = before.toordinal()
        if days is not None and days.zone is zone and _known_plain(days, ordinal):
            year, month, day = before.year, before.month, before.day
            if (
                tables.mday_ok[day]
                and tables.wday_ok[ordinal % 7]
                and tables.month_ok[month]
                and (not tables.years or year in tables.allowed_years)
            ):
                seconds = before.hour * 3600 + before.minute * 60 + before.second
                # Strictly before: a fraction of a second past a run still counts that run.
                if before.microsecond:
                    seconds += 1
                index = bisect_left(tables.tod_seconds, seconds)
                if index > 0:
                    hour, minute = tables.tod_hm[index - 1]
                    return datetime(year, month, day, hour, minute, 0, 0, zone)
            preceding = tables.previous_matching_day(ordinal - 1, year)
            if preceding is None:
                return None
            if days.offset(preceding) is not None:
                return datetime.combine(date.fromordinal(preceding), tables.last_time, zone)
    return _previous_run(tables, zone, before)


def _previous_run(compiled: CompiledSchedule, zone: tzinfo, before: datetime) -> datetime | None:
    try:
        local = _localize(before, zone, "before", up=True)
    except _OutsideCalendarError:
        return next(_runs_before(compiled, zone, before, "before")[0], None)
    ordinal = local.toordinal()
    days = _zone_days(zone)
    if days.offset(ordinal) is None:
        return next(_backward(compiled, zone, _ceil_seconds(local), ordinal), None)
    if compiled.date_matches(local.year, local.month, local.day, ordinal):
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        # Strictly before: a fraction of a second past a run still counts that run.
        if local.microsecond:
            seconds += 1
        index = bisect_left(compiled.tod_seconds, seconds)
        if index > 0:
            midnight = datetime(local.year, local.month, local.day, 0, 0, 0, 0, zone)
            return midnight + compiled.tod_deltas[index - 1]
    preceding = compiled.previous_matching_day(ordinal - 1)
    if preceding is None:
        return None
    if days.offset(preceding) is not None:
        day = date.fromordinal(preceding)
        return datetime(day.year, day.month, day.day, 0, 0, 0, 0, zone) + compiled.tod_deltas[-1]
    return next(_backward(compiled, zone, _ceil_seconds(local), preceding), None)


def iter_runs(
    schedule: StartSchedule, start: datetime, tz: Timezone = None, reverse: bool = False
) -> Iterator[datetime]:
    """Runs strictly after ``start`` ascending, or strictly before it descending when
    ``reverse``; the iterator ends when there are no more runs."""
    if reverse is not True and reverse is not False:
        raise InvalidArgumentError.bad_value("reverse", reverse, "is not a boolean", "True, False")
    compiled, zone = _start(schedule, tz)
    if reverse:
        return _runs_before(compiled, zone, start, "start")[0]
    return _runs_after(compiled, zone, start, "start")[0]


def runs_between(
    schedule: StartSchedule, start: datetime, end: datetime, tz: Timezone = None
) -> list[datetime]:
    """The runs ``r`` with ``start <= r < end``, ascending."""
    compiled, zone = _start(schedule, tz)
    try:
        end_instant = _localize(end, zone, "end", up=True) - _EPOCH
    except _OutsideCalendarError as outside:
        if outside.early:
            return []
        end_instant = outside.value - _EPOCH
    try:
        local = _localize(start, zone, "start", up=True)
    except _OutsideCalendarError as outside:
        if not outside.early:
            return []
        runs = _forward(compiled, zone, _floor_seconds(outside.value), _MIN_ORDINAL)
    else:
        # Runs are whole seconds: r >= start <=> r > ceil(start) - 1.
        runs = _forward(compiled, zone, _ceil_seconds(local) - 1, local.toordinal())
    # Compared as instants: datetimes sharing a tzinfo compare by wall time, fold ignored.
    return list(takewhile(lambda run: run - _EPOCH < end_instant, runs))


def matches(schedule: StartSchedule, dt: datetime, tz: Timezone = None) -> bool:
    """Whether the wall-clock minute of ``dt`` in the schedule's zone matches every field."""
    compiled, zone = _start(schedule, tz)
    try:
        local = _localize(dt, zone, "dt")
    except _OutsideCalendarError:
        return False
    return (
        compiled.day_matches(local.toordinal())
        and (not schedule.hours or local.hour in schedule.hours)
        and (not schedule.mins or local.minute in schedule.mins)
    )

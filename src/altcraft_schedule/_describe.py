"""One sentence, in English or Russian, saying when a start schedule runs.

The sentence describes the fields literally (a schedule that never fires is described
all the same; :mod:`altcraft_schedule._checks` says so).  It is built in two steps: the
times of day are first reduced to a language-independent *shape* (a list of times, a
cadence, minutes of every hour, ...), then each language renders the shape and the
calendar fields with its own grammar.

Rules shared by both languages:

* at most six times of day are listed (``at 09:00 and 18:00``); three or more consecutive
  minutes are a window (``every minute from 14:00 through 14:05``);
* times of day that are equally spaced become a cadence (``every 5 minutes``,
  ``every 2 hours``), with the first and last time when the cadence does not fill the day;
* otherwise the minutes are listed and the hours given as up to three windows (one minute
  past the hour: ``every hour from 00:00 through 06:00 and from 14:00 through 23:00``), or
  listed;
* three or more consecutive values become a range (``1–7``, ``Monday through Friday``);
  six or more equally spaced numbers are shortened (``1, 3, 5, …, 59``);
* weekdays are listed from Monday, and a range may wrap (``Saturday through Monday``);
  six weekdays are written "every day except Sundays", eleven months "except in July";
* ``mdays`` and ``wdays`` both set: "on days 1–10 of every month, but only on Mondays"
  (a run needs both, docs/semantics.md §1); days 7n-6..7n (n = 1..4) with one weekday
  are "the second Friday" / «вторая пятница»; one month makes a date ("on 1 November");
* the zone ends the sentence in parentheses, once for a union of schedules (a sequence,
  as cron's day-of-month OR day-of-week gives), whose parts are joined by "or" / «или»;
* ``profile`` and ``losers`` are not mentioned: they are delivery options, not times.

Punctuation, one rule per language.  English: every clause after the time of day
(weekdays, days, months, years) follows a comma; "every day" belongs to the time.
Russian: no commas between the clauses («В 00:30 по воскресеньям»), only before «кроме»
and «но», where the grammar puts one; minutes are never a dash range («в 2, 3 и 4
минуты», which «2–4 минуты» would read as a duration), days of the month are ordinals in
the genitive («2-го и 3-го числа»), all even or odd days and hours are named so («по
чётным числам», «каждого нечётного часа»).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, Final, Literal

import attrs

from ._errors import InvalidArgumentError
from ._schedule import FIELD_RANGES, StartSchedule

__all__ = ["LANGUAGES", "Language", "describe"]

#: A language :func:`describe` writes.
Language = Literal["en", "ru"]
#: The languages :func:`describe` writes.
LANGUAGES: Final[tuple[Language, ...]] = ("en", "ru")

_MINUTES_PER_DAY = 1440
# More times of day than this are summarised instead of listed.
_MAX_LISTED_TIMES = 6
# More separate hour windows than this are given as a list of hours.
_MAX_WINDOWS = 3
# A run of this many consecutive numbers is written as a range.
_MIN_RANGE = 3
# This many equally spaced numbers (step >= 2) are written with an ellipsis
# (it then hides at least two of them).
_MIN_ELLIPSIS = 6
_ELLIPSIS = "…"
_DASH = "–"
# Weekday numbers (0 = Sunday) in the order they are listed: Monday first.
_WEEK_ORDER = (1, 2, 3, 4, 5, 6, 0)
_MONTH_ORDER = tuple(range(1, 13))


# -- the shape of the times of day ---------------------------------------------------


@attrs.frozen
class _EveryMinute:
    """Both ``mins`` and ``hours`` empty."""


@attrs.frozen
class _Times:
    """A few times of day, in minutes since midnight, listed one by one."""

    times: tuple[int, ...]


@attrs.frozen
class _Cadence:
    """Equally spaced times, ``step`` minutes apart; ``window`` = (first, last) unless
    the cadence fills the whole day from midnight."""

    step: int
    window: tuple[int, int] | None


@attrs.frozen
class _MinuteList:
    """Minutes past the hour, listed."""

    mins: tuple[int, ...]


@attrs.frozen
class _MinuteStep:
    """Every ``step`` minutes from minute 0 (``step`` divides 60; 1 = every minute)."""

    step: int


_MinuteSpec = _MinuteList | _MinuteStep


@attrs.frozen
class _EveryHour:
    """The listed minutes of every hour (``hours`` empty)."""

    mins: tuple[int, ...]


@attrs.frozen
class _Windows:
    """Minutes within a few hour windows, each (first time, last time)."""

    minutes: _MinuteSpec
    windows: tuple[tuple[int, int], ...]


@attrs.frozen
class _Hours:
    """Minutes within many scattered hours."""

    minutes: _MinuteSpec
    hours: tuple[int, ...]


_Shape = _EveryMinute | _Times | _Cadence | _EveryHour | _Windows | _Hours


def _step_of(values: Sequence[int]) -> int | None:
    """The common difference of an increasing sequence of 2+ values, or ``None``."""
    if len(values) < 2:
        return None
    step = values[1] - values[0]
    if all(b - a == step for a, b in pairwise(values)):
        return step
    return None


def _runs(values: Sequence[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive integers in sorted ``values``, as (first, last)."""
    runs: list[tuple[int, int]] = []
    for value in values:
        if runs and runs[-1][1] == value - 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


def _minute_spec(mins: tuple[int, ...], windowed: bool) -> _MinuteSpec:
    """Every ``step`` minutes when ``mins`` fill the hour evenly from minute 0 or, inside
    windows (whose first and last times show the offset), from any minute."""
    if not mins:
        return _MinuteStep(1)
    if windowed and len(mins) == 1:
        return _MinuteStep(60)  # the windows' first and last times show the minute
    step = _step_of(mins)
    fills_hour = step is not None and mins[0] + 60 - mins[-1] == step
    if step is not None and fills_hour and (mins[0] == 0 or windowed):
        return _MinuteStep(step)
    return _MinuteList(mins)


def _time_shape(mins: tuple[int, ...], hours: tuple[int, ...]) -> _Shape:
    if not mins and not hours:
        return _EveryMinute()
    all_mins = mins or tuple(range(60))
    times = tuple(hour * 60 + minute for hour in hours or range(24) for minute in all_mins)
    step = _step_of(times)
    if step == 1 and len(times) >= _MIN_RANGE and len(times) < _MINUTES_PER_DAY:
        return _Cadence(1, (times[0], times[-1]))  # "every minute from 14:00 through 14:05"
    if len(times) <= _MAX_LISTED_TIMES:
        return _Times(times)
    if step is not None:
        fills_day = times[0] + _MINUTES_PER_DAY - times[-1] == step
        if fills_day and times[0] == 0:
            return _Cadence(step, None)
        if fills_day and not hours:
            return _EveryHour(all_mins)
        return _Cadence(step, (times[0], times[-1]))
    if not hours:
        return _EveryHour(all_mins)
    windows = _runs(hours)
    if len(windows) <= _MAX_WINDOWS:
        return _Windows(
            _minute_spec(mins, windowed=True),
            tuple((first * 60 + all_mins[0], last * 60 + all_mins[-1]) for first, last in windows),
        )
    return _Hours(_minute_spec(mins, windowed=False), hours)


# -- shared formatting ---------------------------------------------------------------


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def join_words(items: Sequence[str], conjunction: str) -> str:
    """``a, b and c`` (the one list-joining rule of the sentences and the checks)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _number_list(values: Sequence[int], conjunction: str, fmt: Callable[[int], str] = str) -> str:
    """``1, 15 and 28``; ``1–7 and 15``; ``1, 3, 5, …, 31``."""
    step = _step_of(values)
    if step is not None and step >= 2 and len(values) >= _MIN_ELLIPSIS:
        shown = [fmt(value) for value in values[:3]]
        return ", ".join([*shown, _ELLIPSIS, fmt(values[-1])])
    items: list[str] = []
    for first, last in _runs(values):
        if last - first + 1 >= _MIN_RANGE:
            items.append(f"{fmt(first)}{_DASH}{fmt(last)}")
        else:
            items.extend(fmt(value) for value in range(first, last + 1))
    return join_words(items, conjunction)


def _hour_number(hour: int) -> str:
    return f"{hour:02d}"


@attrs.frozen
class _Item:
    """A single value or a range (``first`` through ``last``, 3+ values) of a cyclic field."""

    first: int
    last: int

    @property
    def is_range(self) -> bool:
        return self.first != self.last


def _cyclic_items(values: Sequence[int], order: Sequence[int], wrap: bool = True) -> list[_Item]:
    """The allowed values of a cyclic field (weekdays, months) as singles and ranges.

    ``order`` is the listing order; a run of 3+ values that are neighbours in it
    (wrapping from its end to its start when ``wrap``) is one range.
    """
    allowed = set(values)
    flags = [value in allowed for value in order]
    size = len(order)
    # Start the walk just after a gap so that a run wrapping the end stays whole.
    start = next((index for index in range(size) if not flags[index - 1]), 0) if wrap else 0
    runs: list[tuple[int, int]] = []  # (position of first, length)
    for offset in range(size):
        position = (start + offset) % size
        if not flags[position]:
            continue
        if runs and (runs[-1][0] + runs[-1][1]) % size == position:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((position, 1))
    items: list[tuple[int, _Item]] = []
    for position, length in runs:
        if length >= _MIN_RANGE:
            items.append((position, _Item(order[position], order[(position + length - 1) % size])))
        else:
            items.extend(
                (p % size, _Item(order[p % size], order[p % size]))
                for p in range(position, position + length)
            )
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _missing_one(values: Sequence[int], order: Sequence[int]) -> int | None:
    """The only value of ``order`` not allowed, when exactly one is missing."""
    missing = [value for value in order if value not in values]
    return missing[0] if len(missing) == 1 else None


# -- English -------------------------------------------------------------------------

_EN_WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_EN_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _en_every(step: int) -> str:
    if step % 60 == 0:
        hours = step // 60
        return "every hour" if hours == 1 else f"every {hours} hours"
    return "every minute" if step == 1 else f"every {step} minutes"


def _en_minutes(mins: Sequence[int]) -> str:
    noun = "minute" if len(mins) == 1 else "minutes"
    return f"at {noun} {_number_list(mins, 'and')}"


def _en_spec(spec: _MinuteSpec) -> str:
    if isinstance(spec, _MinuteStep):
        return _en_every(spec.step)
    return _en_minutes(spec.mins) + " of every hour"


def _en_windows(windows: Sequence[tuple[int, int]]) -> str:
    return join_words(
        [
            f"from {_clock(a)} through {_clock(b)}" if a != b else f"at {_clock(a)}"
            for a, b in windows
        ],
        "and",
    )


def _en_time(shape: _Shape) -> str:
    if isinstance(shape, _EveryMinute):
        return "every minute"
    if isinstance(shape, _Times):
        return "at " + join_words([_clock(time) for time in shape.times], "and")
    if isinstance(shape, _Cadence):
        text = _en_every(shape.step)
        return text if shape.window is None else f"{text} {_en_windows([shape.window])}"
    if isinstance(shape, _EveryHour):
        return _en_minutes(shape.mins) + " of every hour"
    if isinstance(shape, _Windows):
        return f"{_en_spec(shape.minutes)} {_en_windows(shape.windows)}"
    hours = _number_list(shape.hours, "and", _hour_number)
    if isinstance(shape.minutes, _MinuteStep):
        return f"{_en_every(shape.minutes.step)} during hours {hours}"
    return f"{_en_minutes(shape.minutes.mins)} of hours {hours}"


def _en_weekdays(wdays: Sequence[int]) -> str:
    """``on Mondays and Fridays``, ``Monday through Friday``, ``every day except Sundays``."""
    missing = _missing_one(wdays, _WEEK_ORDER)
    if missing is not None:
        return f"every day except {_EN_WEEKDAYS[missing]}s"
    parts: list[str] = []
    previous_single = False
    for item in _cyclic_items(wdays, _WEEK_ORDER):
        if item.is_range:
            parts.append(f"{_EN_WEEKDAYS[item.first]} through {_EN_WEEKDAYS[item.last]}")
        else:
            prefix = "" if previous_single else "on "
            parts.append(f"{prefix}{_EN_WEEKDAYS[item.first]}s")
        previous_single = not item.is_range
    return join_words(parts, "and")


def _en_only_weekdays(wdays: Sequence[int]) -> str:
    missing = _missing_one(wdays, _WEEK_ORDER)
    if missing is not None:
        return f"except on {_EN_WEEKDAYS[missing]}s"
    return "but only " + _en_weekdays(wdays)


def _en_months(months: Sequence[int], preposition: bool, wrap: bool) -> str:
    """``in January and July``, ``from March through May``; without prepositions for "of".

    ``wrap`` allows ranges across the new year (December through February); not when
    years are named, as the months of one year are meant."""
    parts: list[str] = []
    previous_single = False
    for item in _cyclic_items(months, _MONTH_ORDER, wrap):
        if item.is_range:
            prefix = "from " if preposition else ""
            parts.append(f"{prefix}{_EN_MONTHS[item.first]} through {_EN_MONTHS[item.last]}")
        else:
            prefix = "in " if preposition and not previous_single else ""
            parts.append(prefix + _EN_MONTHS[item.first])
        previous_single = not item.is_range
    return join_words(parts, "and")


def _en_years(years: Sequence[int]) -> str:
    return _number_list(years, "and")


def _nth_weekday(schedule: StartSchedule) -> tuple[int, int] | None:
    """(n, weekday) when the days are 7n-6..7n (n = 1..4) and there is one weekday: the
    n-th such weekday of the month (a run needs both fields)."""
    mdays, wdays = schedule.mdays, schedule.wdays
    if len(wdays) != 1 or len(mdays) != 7 or _step_of(mdays) != 1 or mdays[-1] % 7:
        return None
    week = mdays[-1] // 7
    return (week, wdays[0]) if 1 <= week <= 4 else None


_EN_ORDINALS = ("", "first", "second", "third", "fourth")


def _en_month_part(schedule: StartSchedule) -> tuple[str, str]:
    """Where the days are (``every month``, ``March through May 2026``) and the exception
    clause that follows them (``except July``)."""
    months, years = schedule.months, schedule.years
    missing = _missing_one(months, _MONTH_ORDER) if months else None
    if not months or missing is not None:
        where = "every month" + (f" in {_en_years(years)}" if years else "")
        return where, "" if missing is None else f"except {_EN_MONTHS[missing]}"
    where = _en_months(months, preposition=False, wrap=not years)
    if len(years) == 1:
        where += f" {years[0]}"
    elif years:
        where += f" in {_en_years(years)}"
    return where, ""


def _en_day_clause(schedule: StartSchedule) -> str:
    nth = _nth_weekday(schedule)
    where, exception = _en_month_part(schedule)
    if nth is not None:
        week, weekday = nth
        clause = f"on the {_EN_ORDINALS[week]} {_EN_WEEKDAYS[weekday]} of {where}"
    elif len(schedule.months) == 1:
        # A date: "on 1 November", "on 1–7 March 2026".
        clause = f"on {_number_list(schedule.mdays, 'and')} {where}"
    else:
        noun = "day" if len(schedule.mdays) == 1 else "days"
        clause = f"on {noun} {_number_list(schedule.mdays, 'and')} of {where}"
    if exception:
        clause += " " + exception
    if schedule.wdays and nth is None:
        clause += ", " + _en_only_weekdays(schedule.wdays)
    return clause


def _en_calendar(schedule: StartSchedule) -> list[str]:
    """The clauses after the time of day: days, months and years."""
    if schedule.mdays:
        return [_en_day_clause(schedule)]
    clauses = [_en_weekdays(schedule.wdays)] if schedule.wdays else []
    months, years = schedule.months, schedule.years
    missing = _missing_one(months, _MONTH_ORDER) if months else None
    if missing is not None:
        clauses.append(f"except in {_EN_MONTHS[missing]}")
        months = ()
    if months:
        text = _en_months(months, preposition=True, wrap=not years)
        if len(years) == 1:
            text += f" {years[0]}"
        elif years:
            text += f" of {_en_years(years)}"
        clauses.append(text)
    elif years:
        clauses.append(f"in {_en_years(years)}")
    return clauses


def _english(schedule: StartSchedule, shape: _Shape) -> str:
    time = _en_time(shape)
    if isinstance(shape, _Times) and not schedule.mdays and not schedule.wdays:
        time += " every day"
    return ", ".join([time, *_en_calendar(schedule)])


# -- Russian -------------------------------------------------------------------------


@attrs.frozen
class _RuWeekday:
    nominative: str
    genitive: str  # с понедельника
    accusative: str  # по пятницу
    dative_plural: str  # по понедельникам
    genitive_plural: str  # кроме понедельников
    from_preposition: str = "с"  # со вторника, со среды


_RU_WEEKDAYS = (
    _RuWeekday("воскресенье", "воскресенья", "воскресенье", "воскресеньям", "воскресений"),
    _RuWeekday("понедельник", "понедельника", "понедельник", "понедельникам", "понедельников"),
    _RuWeekday("вторник", "вторника", "вторник", "вторникам", "вторников", "со"),
    _RuWeekday("среда", "среды", "среду", "средам", "сред", "со"),
    _RuWeekday("четверг", "четверга", "четверг", "четвергам", "четвергов"),
    _RuWeekday("пятница", "пятницы", "пятницу", "пятницам", "пятниц"),
    _RuWeekday("суббота", "субботы", "субботу", "субботам", "суббот"),
)

# (nominative = accusative, genitive, prepositional)
_RU_MONTHS = (
    ("", "", ""),
    ("январь", "января", "январе"),
    ("февраль", "февраля", "феврале"),
    ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"),
    ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"),
    ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"),
    ("декабрь", "декабря", "декабре"),
)


def _ru_plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian form of a noun after ``number``: 1 минута, 2 минуты, 5 минут, 11 минут."""
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


def _ru_every(step: int) -> str:
    if step % 60 == 0:
        hours = step // 60
        if hours == 1:
            return "каждый час"
        return f"каждые {hours} {_ru_plural(hours, 'час', 'часа', 'часов')}"
    if step == 1:
        return "каждую минуту"
    return f"каждые {step} {_ru_plural(step, 'минуту', 'минуты', 'минут')}"


def _ru_minutes(mins: Sequence[int]) -> str:
    """``в 15 минут``, ``в 2, 3 и 4 минуты`` (the noun agrees with the last number),
    ``с 0-й по 10-ю минуту``.  No ``2–4``: «в 2–4 минуты» reads as a duration."""
    noun = _ru_plural(mins[-1], "минуту", "минуты", "минут")
    step = _step_of(mins)
    if step == 1 and len(mins) > _MIN_RANGE:
        return f"с {mins[0]}-й по {mins[-1]}-ю минуту"
    if step is not None and step >= 2 and len(mins) >= _MIN_ELLIPSIS:
        return f"в {_number_list(mins, 'и')} {noun}"
    return f"в {join_words([str(minute) for minute in mins], 'и')} {noun}"


def _ru_windows(windows: Sequence[tuple[int, int]]) -> str:
    return join_words(
        [f"с {_clock(a)} до {_clock(b)}" if a != b else f"в {_clock(a)}" for a, b in windows], "и"
    )


def _ru_time(shape: _Shape) -> str:
    if isinstance(shape, _EveryMinute):
        return "каждую минуту"
    if isinstance(shape, _Times):
        return "в " + join_words([_clock(time) for time in shape.times], "и")
    if isinstance(shape, _Cadence):
        text = _ru_every(shape.step)
        return text if shape.window is None else f"{text} {_ru_windows([shape.window])}"
    if isinstance(shape, _EveryHour):
        return _ru_minutes(shape.mins) + " каждого часа"
    if isinstance(shape, _Windows):
        if isinstance(shape.minutes, _MinuteStep):
            minutes = _ru_every(shape.minutes.step)
        else:
            minutes = _ru_minutes(shape.minutes.mins) + " каждого часа"
        return f"{minutes} {_ru_windows(shape.windows)}"
    parity = _parity(shape.hours, 0, 23)
    if isinstance(shape.minutes, _MinuteStep):
        every = _ru_every(shape.minutes.step)
        if parity is not None:
            return f"{every} в {_RU_PARITY[parity][1]} часы"
        return f"{every} в часы {_number_list(shape.hours, 'и', _hour_number)}"
    minutes = _ru_minutes(shape.minutes.mins)
    if parity is not None:
        return f"{minutes} каждого {_RU_PARITY[parity][0]} часа"
    return f"{minutes} каждого из часов {_number_list(shape.hours, 'и', _hour_number)}"


def _ru_weekday_items(wdays: Sequence[int]) -> str:
    """``по понедельникам и пятницам``, ``с понедельника по пятницу``."""
    parts: list[str] = []
    previous_single = False
    for item in _cyclic_items(wdays, _WEEK_ORDER):
        first = _RU_WEEKDAYS[item.first]
        if item.is_range:
            last = _RU_WEEKDAYS[item.last]
            parts.append(f"{first.from_preposition} {first.genitive} по {last.accusative}")
        else:
            prefix = "" if previous_single else "по "
            parts.append(prefix + first.dative_plural)
        previous_single = not item.is_range
    return join_words(parts, "и")


def _ru_weekdays(wdays: Sequence[int]) -> str:
    missing = _missing_one(wdays, _WEEK_ORDER)
    if missing is not None:
        return f"каждый день, кроме {_RU_WEEKDAYS[missing].genitive_plural}"
    return _ru_weekday_items(wdays)


def _ru_only_weekdays(wdays: Sequence[int]) -> str:
    missing = _missing_one(wdays, _WEEK_ORDER)
    if missing is not None:
        return f"но не по {_RU_WEEKDAYS[missing].dative_plural}"
    return "но только " + _ru_weekday_items(wdays)


def _ru_months(months: Sequence[int], wrap: bool) -> str:
    """``в январе и июле``, ``с марта по май``, ``с марта по май и в октябре``."""
    parts: list[str] = []
    previous_single = False
    for item in _cyclic_items(months, _MONTH_ORDER, wrap):
        if item.is_range:
            parts.append(f"с {_RU_MONTHS[item.first][1]} по {_RU_MONTHS[item.last][0]}")
        else:
            prefix = "" if previous_single else "в "
            parts.append(prefix + _RU_MONTHS[item.first][2])
        previous_single = not item.is_range
    return join_words(parts, "и")


def _ru_years_genitive(years: Sequence[int]) -> str:
    """``2026 года``, ``2026 и 2027 годов`` (after a month or a day)."""
    return f"{_number_list(years, 'и')} {'года' if len(years) == 1 else 'годов'}"


def _ru_years_prepositional(years: Sequence[int]) -> str:
    """``в 2026 году``, ``в 2026–2028 годах``."""
    return f"в {_number_list(years, 'и')} {'году' if len(years) == 1 else 'годах'}"


def _ru_day_numbers(mdays: Sequence[int]) -> str:
    """``1-го числа``, ``с 1-го по 7-е число``, ``2-го и 3-го числа``, ``1–7-го и 15-го
    числа``, ``по чётным числам``."""
    parity = _parity(mdays, 1, 31)
    if parity is not None:
        return f"по {_RU_PARITY[parity][2]} числам"
    if len(mdays) == 1:
        return f"{mdays[0]}-го числа"
    runs = _runs(mdays)
    if len(runs) == 1 and len(mdays) >= _MIN_RANGE:
        return f"с {mdays[0]}-го по {mdays[-1]}-е число"
    step = _step_of(mdays)
    if step is not None and step >= 2 and len(mdays) >= _MIN_ELLIPSIS:
        return f"{_number_list(mdays, 'и', lambda day: f'{day}-го')} числа"
    items: list[str] = []
    for first, last in runs:
        if last - first + 1 >= _MIN_RANGE:
            items.append(f"{first}{_DASH}{last}-го")
        else:
            items.extend(f"{day}-го" for day in range(first, last + 1))
    return f"{join_words(items, 'и')} числа"


# (genitive singular, accusative plural, dative plural)
_RU_PARITY = {"even": ("чётного", "чётные", "чётным"), "odd": ("нечётного", "нечётные", "нечётным")}
# The ordinal in the accusative, by the weekday's gender (0 = Sunday is neuter).
_RU_ORDINALS = {
    "m": ("", "первый", "второй", "третий", "четвёртый"),
    "f": ("", "первую", "вторую", "третью", "четвёртую"),
    "n": ("", "первое", "второе", "третье", "четвёртое"),
}
_RU_GENDERS = ("n", "m", "m", "f", "m", "f", "f")


def _parity(values: Sequence[int], low: int, high: int) -> Literal["even", "odd"] | None:
    """``even``/``odd`` when ``values`` are exactly the even/odd numbers of low..high."""
    if len(values) < 2 or _step_of(values) != 2:
        return None
    first = low if low % 2 == values[0] % 2 else low + 1
    last = high if high % 2 == values[0] % 2 else high - 1
    if (values[0], values[-1]) != (first, last):
        return None
    return "even" if values[0] % 2 == 0 else "odd"


def _ru_nth_weekday(week: int, weekday: int) -> str:
    """``во вторую пятницу``, ``в первый понедельник``, ``в третье воскресенье``."""
    ordinal = _RU_ORDINALS[_RU_GENDERS[weekday]][week]
    preposition = "во" if week == 2 else "в"
    return f"{preposition} {ordinal} {_RU_WEEKDAYS[weekday].accusative}"


def _ru_day_clause(schedule: StartSchedule) -> str:
    mdays, months, years = schedule.mdays, schedule.months, schedule.years
    missing = _missing_one(months, _MONTH_ORDER) if months else None
    nth = _nth_weekday(schedule)
    parity = _parity(mdays, 1, 31)
    days = _ru_nth_weekday(*nth) if nth is not None else _ru_day_numbers(mdays)
    year_suffix = f" {_ru_years_genitive(years)}" if years else ""
    if len(months) == 1:
        month = _RU_MONTHS[months[0]][1]
        if nth is not None or parity is not None:
            clause = f"{days} {month}"  # "во вторую пятницу ноября", "по чётным числам мая"
        elif len(_runs(mdays)) == 1 and len(mdays) >= _MIN_RANGE:
            clause = f"с {mdays[0]} по {mdays[-1]} {month}"  # a date: "с 1 по 7 декабря"
        else:
            clause = f"{_number_list(mdays, 'и')} {month}"  # "25 декабря", "1 и 15 мая"
        clause += year_suffix
    elif months and missing is None:
        clause = f"{days} {_ru_months(months, wrap=not years)}{year_suffix}"
    elif parity is not None and missing is None:
        clause = days + (f" {_ru_years_prepositional(years)}" if years else "")
    else:
        clause = f"{days} каждого месяца{year_suffix}"
    if missing is not None:
        clause += f", кроме {_RU_MONTHS[missing][1]}"
    if schedule.wdays and nth is None:
        clause += ", " + _ru_only_weekdays(schedule.wdays)
    return clause


def _ru_calendar(schedule: StartSchedule) -> list[str]:
    if schedule.mdays:
        return [_ru_day_clause(schedule)]
    clauses = [_ru_weekdays(schedule.wdays)] if schedule.wdays else []
    months, years = schedule.months, schedule.years
    missing = _missing_one(months, _MONTH_ORDER) if months else None
    if missing is not None:
        months = ()
    if months:
        text = _ru_months(months, wrap=not years)
        if years:
            text += f" {_ru_years_genitive(years)}"
        clauses.append(text)
    elif years:
        clauses.append(_ru_years_prepositional(years))
    if missing is not None:
        clauses.append(f"кроме {_RU_MONTHS[missing][1]}")
    return clauses


def _russian(schedule: StartSchedule, shape: _Shape) -> str:
    """The clauses follow one another without commas; a comma comes only before «кроме»
    and «но» (Russian grammar puts one there)."""
    time = _ru_time(shape)
    if isinstance(shape, _Times) and not schedule.mdays and not schedule.wdays:
        time += " каждый день"
    text = time
    for clause in _ru_calendar(schedule):
        text += (", " if clause.startswith(("кроме ", "но ")) else " ") + clause
    return text


# -- entry point ---------------------------------------------------------------------

_WRITERS: Final[dict[str, Callable[[StartSchedule, _Shape], str]]] = {
    "en": _english,
    "ru": _russian,
}


_ZONE_NOTES: Final[dict[str, str]] = {"en": "(time zone {})", "ru": "(часовой пояс {})"}
_OR: Final[dict[str, str]] = {"en": ", or ", "ru": " или "}


def describe(schedule: StartSchedule | Sequence[StartSchedule], lang: Language = "en") -> str:
    """One sentence saying when ``schedule`` runs, in English (``"en"``) or Russian (``"ru"``).

    ``schedule`` may be a sequence of schedules: their union (as
    :func:`~altcraft_schedule.schedules_from_cron` gives cron's day-of-month OR
    day-of-week), read as one sentence joined by "or" / «или».  A zone shared by all of
    them is named once, at the end.

    Raises :class:`~altcraft_schedule._errors.InvalidArgumentError` for another ``lang``,
    an empty sequence, or an item that is not a :class:`StartSchedule`.
    """
    schedules = _schedules_of(schedule)
    writer = _WRITERS.get(lang) if isinstance(lang, str) else None
    if writer is None:
        raise InvalidArgumentError.bad_value(
            "lang",
            lang,
            "is not a supported language",
            ", ".join(repr(code) for code in LANGUAGES),
        )
    zones = {item.tz for item in schedules}
    shared = len(zones) == 1
    parts = []
    for item in schedules:
        plain = _without_full_fields(item)
        text = writer(plain, _time_shape(plain.mins, plain.hours))
        if item.tz and not shared:
            text += " " + _ZONE_NOTES[lang].format(item.tz)
        parts.append(text)
    text = _OR[lang].join(parts)
    if shared and schedules[0].tz:
        text += " " + _ZONE_NOTES[lang].format(schedules[0].tz)
    return text[0].upper() + text[1:] + "."


def _schedules_of(value: object) -> tuple[StartSchedule, ...]:
    if isinstance(value, StartSchedule):
        return (value,)
    if isinstance(value, (list, tuple)) and value:
        for index, item in enumerate(value):
            if not isinstance(item, StartSchedule):
                raise InvalidArgumentError.bad_value(
                    f"schedule[{index}]", item, "is not a StartSchedule", "a StartSchedule"
                )
        return tuple(value)
    raise InvalidArgumentError.bad_value(
        "schedule",
        value,
        "is not a StartSchedule or a non-empty sequence of them",
        "a StartSchedule, or a list or tuple of StartSchedule (a union)",
    )


def _without_full_fields(schedule: StartSchedule) -> StartSchedule:
    """The same schedule with every field that lists all its values emptied: both
    mean "every value", and the empty form reads better ("every hour", not "00–23")."""
    full: dict[str, Any] = {
        name: ()
        for name, (low, high) in FIELD_RANGES.items()
        if len(getattr(schedule, name)) == high - low + 1
    }
    return attrs.evolve(schedule, **full) if full else schedule

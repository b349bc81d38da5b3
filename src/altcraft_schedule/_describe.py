"""One sentence, in English or Russian, saying when a start schedule runs.

The sentence describes the fields literally (a schedule that never fires is described
all the same; :mod:`altcraft_schedule._checks` says so).  It is built in two steps: the
times of day are first reduced to a language-independent *shape* (a list of times, a
cadence, minutes of every hour, ...), then each language renders the shape and the
calendar fields with its own grammar.

Rules shared by both languages:

* at most six times of day are listed (``at 09:00 and 18:00``);
* times of day that are equally spaced become a cadence (``every 5 minutes``,
  ``every 2 hours``), with the first and last time when the cadence does not fill the day;
* otherwise the minutes are listed and the hours given as up to three windows, or listed;
* three or more consecutive values become a range (``1–7``, ``Monday through Friday``);
  six or more equally spaced numbers are shortened (``1, 3, 5, …, 59``);
* weekdays are listed from Monday, and a range may wrap (``Saturday through Monday``);
  six weekdays are written "every day except Sundays", eleven months "except in July";
* ``mdays`` and ``wdays`` both set: "on days 1–7 of every month, but only on Mondays"
  (a run needs both, docs/semantics.md §1);
* ``profile`` and ``losers`` are not mentioned: they are delivery options, not times.
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
    if len(times) <= _MAX_LISTED_TIMES:
        return _Times(times)
    step = _step_of(times)
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


def _en_day_clause(schedule: StartSchedule) -> str:
    days = _number_list(schedule.mdays, "and")
    noun = "day" if len(schedule.mdays) == 1 else "days"
    months, years = schedule.months, schedule.years
    missing = _missing_one(months, _MONTH_ORDER) if months else None
    if not months:
        where = "every month" + (f" in {_en_years(years)}" if years else "")
    elif missing is not None:
        where = f"every month except {_EN_MONTHS[missing]}"
        where += f", in {_en_years(years)}" if years else ""
    else:
        where = _en_months(months, preposition=False, wrap=not years)
        if len(years) == 1:
            where += f" {years[0]}"
        elif years:
            where += f" in {_en_years(years)}"
    clause = f"on {noun} {days} of {where}"
    if schedule.wdays:
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
    clauses = [time, *_en_calendar(schedule)]
    if schedule.tz:
        clauses.append(f"in time zone {schedule.tz}")
    return ", ".join(clauses)


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
    """``в 15 минут``, ``в 0, 1 и 2 минуты`` (the noun agrees with the last number)."""
    noun = _ru_plural(mins[-1], "минуту", "минуты", "минут")
    return f"в {_number_list(mins, 'и')} {noun}"


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
    hours = _number_list(shape.hours, "и", _hour_number)
    if isinstance(shape.minutes, _MinuteStep):
        return f"{_ru_every(shape.minutes.step)} в часы {hours}"
    return f"{_ru_minutes(shape.minutes.mins)} каждого из часов {hours}"


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
    """``1-го числа``, ``с 1-го по 7-е число``, ``1, 15 и 28 числа``."""
    if len(mdays) == 1:
        return f"{mdays[0]}-го числа"
    runs = _runs(mdays)
    if len(runs) == 1 and len(mdays) >= _MIN_RANGE:
        return f"с {mdays[0]}-го по {mdays[-1]}-е число"
    return f"{_number_list(mdays, 'и')} числа"


def _ru_day_clause(schedule: StartSchedule) -> str:
    mdays, months, years = schedule.mdays, schedule.months, schedule.years
    missing = _missing_one(months, _MONTH_ORDER) if months else None
    year_suffix = f" {_ru_years_genitive(years)}" if years else ""
    if len(months) == 1:
        # A date in one month: "25 декабря", "с 1 по 7 декабря".
        month = _RU_MONTHS[months[0]][1]
        runs = _runs(mdays)
        if len(runs) == 1 and len(mdays) >= _MIN_RANGE:
            clause = f"с {mdays[0]} по {mdays[-1]} {month}"
        else:
            clause = f"{_number_list(mdays, 'и')} {month}"
        clause += year_suffix
    elif missing is not None:
        clause = f"{_ru_day_numbers(mdays)} каждого месяца, кроме {_RU_MONTHS[missing][1]}"
        clause += f", {_ru_years_prepositional(years)}" if years else ""
    elif months:
        clause = f"{_ru_day_numbers(mdays)} {_ru_months(months, wrap=not years)}{year_suffix}"
    else:
        clause = f"{_ru_day_numbers(mdays)} каждого месяца{year_suffix}"
    if schedule.wdays:
        clause += ", " + _ru_only_weekdays(schedule.wdays)
    return clause


def _ru_calendar(schedule: StartSchedule) -> list[str]:
    if schedule.mdays:
        return [_ru_day_clause(schedule)]
    clauses = [_ru_weekdays(schedule.wdays)] if schedule.wdays else []
    months, years = schedule.months, schedule.years
    missing = _missing_one(months, _MONTH_ORDER) if months else None
    if missing is not None:
        clauses.append(f"кроме {_RU_MONTHS[missing][1]}")
        months = ()
    if months:
        text = _ru_months(months, wrap=not years)
        if years:
            text += f" {_ru_years_genitive(years)}"
        clauses.append(text)
    elif years:
        clauses.append(_ru_years_prepositional(years))
    return clauses


def _russian(schedule: StartSchedule, shape: _Shape) -> str:
    time = _ru_time(shape)
    if isinstance(shape, _Times) and not schedule.mdays and not schedule.wdays:
        time += " каждый день"
    clauses = [time, *_ru_calendar(schedule)]
    if schedule.tz:
        clauses.append(f"по часовому поясу {schedule.tz}")
    return ", ".join(clauses)


# -- entry point ---------------------------------------------------------------------

_WRITERS: Final[dict[str, Callable[[StartSchedule, _Shape], str]]] = {
    "en": _english,
    "ru": _russian,
}


def describe(schedule: StartSchedule, lang: Language = "en") -> str:
    """One sentence saying when ``schedule`` runs, in English (``"en"``) or Russian (``"ru"``).

    Raises :class:`~altcraft_schedule._errors.InvalidArgumentError` for another ``lang``
    or a ``schedule`` that is not a :class:`StartSchedule`.
    """
    if not isinstance(schedule, StartSchedule):
        raise InvalidArgumentError.bad_value(
            "schedule", schedule, "is not a StartSchedule", "a StartSchedule"
        )
    writer = _WRITERS.get(lang) if isinstance(lang, str) else None
    if writer is None:
        raise InvalidArgumentError.bad_value(
            "lang",
            lang,
            "is not a supported language",
            ", ".join(repr(code) for code in LANGUAGES),
        )
    schedule = _without_full_fields(schedule)
    text = writer(schedule, _time_shape(schedule.mins, schedule.hours))
    return text[0].upper() + text[1:] + "."


def _without_full_fields(schedule: StartSchedule) -> StartSchedule:
    """The same schedule with every field that lists all its values emptied: both
    mean "every value", and the empty form reads better ("every hour", not "00–23")."""
    full: dict[str, Any] = {
        name: ()
        for name, (low, high) in FIELD_RANGES.items()
        if len(getattr(schedule, name)) == high - low + 1
    }
    return attrs.evolve(schedule, **full) if full else schedule

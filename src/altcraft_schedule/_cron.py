"""Cron expressions to start schedules and back (SPEC §3).

Dialect read: 5 fields ``minute hour day-of-month month day-of-week`` or 6 with a
trailing ``year`` (1970-9999).  Per field: ``*``, numbers, names (``JAN``-``DEC``,
``SUN``-``SAT``, any case), lists, ranges ``a-b`` (wrapping when ``a > b``: ``FRI-MON``,
``22-2``), steps ``*/n``, ``a-b/n``, ``a/n`` (= ``a-max/n``); ``7`` = Sunday; ``?`` = ``*``
in the day fields; the macros ``@yearly @annually @monthly @weekly @daily @midnight
@hourly``; ``D#n`` as the only day-of-week term with day-of-month ``*``/``?``.

Day-of-month and day-of-week follow Vixie cron: when both are restricted and neither
starts with ``*`` (or ``?``), cron runs on either (OR).  One start schedule means AND, so
:func:`schedule_from_cron` refuses that case and :func:`schedules_from_cron` returns the
exact union, one schedule per alternative.

The parser is built for speed (it runs in a few microseconds): whole fields and list
items are first looked up in small per-field tables of the common tokens (numbers, names,
``*``, ``*/n``); only the rest is parsed piece by piece.  Nothing is cached per expression.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ._errors import CronConversionError, InvalidArgumentError
from ._schedule import FIELD_RANGES, StartSchedule

__all__ = ["schedule_from_cron", "schedule_to_cron", "schedules_from_cron"]

Fields = tuple[
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
]

_MONTH_NAMES: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")  # fmt: skip
_WEEKDAY_NAMES: Final = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_FORMS: Final = "*, a, a-b (wrapping if a > b), */n, a-b/n, a/n and lists of these"
_LAYOUT_HINT: Final = (
    " (6 fields are read as: minute hour day-of-month month day-of-week year; "
    "a leading seconds field is not supported)"
)


class _Field:
    """One cron field: its bounds, names and the lookup tables of its common tokens."""

    __slots__ = ("allowed", "cycle", "high", "items", "low", "name", "names", "values", "whole")

    def __init__(
        self, name: str, low: int, high: int, names: tuple[str, ...] = (), *, question: bool = False
    ) -> None:
        self.name = name
        self.low = low
        self.high = high
        self.cycle = high - low + 1
        self.names = {label: low + index for index, label in enumerate(names)}
        top = 7 if name == "day-of-week" else high  # 7 is Sunday too
        self.values: dict[str, int] = {}
        if self.cycle <= 60:  # years are parsed on demand: their table would be large
            for number in range(low, top + 1):
                self.values[str(number)] = number
                self.values[f"{number:02d}"] = number
        for label, number in self.names.items():
            for spelling in (label, label.lower(), label.title()):
                self.values[spelling] = number
        # List items: each token -> its sorted values (7 already read as Sunday).
        self.items: dict[str, tuple[int, ...]] = {
            token: (number % 7 if top == 7 else number,) for token, number in self.values.items()
        }
        self.items["*"] = tuple(range(low, high + 1))
        if self.cycle <= 60:
            for step in range(1, self.cycle + 1):
                self.items[f"*/{step}"] = tuple(range(low, high + 1, step))
        # A whole field: "*", "*/1" (and "?" in the day fields) mean "every value": ().
        self.whole = dict(self.items)
        self.whole["*"] = self.whole["*/1"] = ()
        if question:
            self.whole["?"] = ()
        extra = " or ?" if question else ""
        if names:
            extra += f" or names {names[0]}-{names[-1]} (any case)"
        if top != high:
            extra += " (0 and 7 are Sunday)"
        self.allowed = f"values {low}-{top}{extra}; forms {_FORMS}"


# The bounds are the model's own (FIELD_RANGES), so both always agree.
_MINUTE: Final = _Field("minute", *FIELD_RANGES["mins"])
_HOUR: Final = _Field("hour", *FIELD_RANGES["hours"])
_MDAY: Final = _Field("day-of-month", *FIELD_RANGES["mdays"], question=True)
_MONTH: Final = _Field("month", *FIELD_RANGES["months"], _MONTH_NAMES)
_WDAY: Final = _Field("day-of-week", *FIELD_RANGES["wdays"], _WEEKDAY_NAMES, question=True)
_YEAR: Final = _Field("year", *FIELD_RANGES["years"])
_STEPS: Final = {str(step): step for step in range(1, 61)}  # the common steps, unchecked
_FULL_MDAYS: Final = _MDAY.items["*"]
_FULL_WDAYS: Final = _WDAY.items["*"]

_MACROS: Final[dict[str, str]] = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


class _OrCaseError(Exception):
    """Internal: both day fields restricted, neither starting with ``*`` (cron's OR)."""

    def __init__(self, fields: Fields, mday_text: str, wday_text: str) -> None:
        super().__init__()
        self.fields = fields
        self.mday_text = mday_text
        self.wday_text = wday_text


# -- errors ----------------------------------------------------------------------------


def _error(expr: str, field: _Field, token: str, why: str) -> CronConversionError:
    return CronConversionError(
        f"cron {expr!r}: {field.name} field: {token!r} {why}; allowed: {field.allowed}"
    )


def _why_not_a_value(field: _Field, token: str, item: str) -> str:
    """Why ``token`` (part of list item ``item``) is neither a number nor a name of ``field``."""
    if not item:
        return "is an empty list item"
    if not token:
        return "has an empty value"
    upper = token.upper()
    if upper == "LW":
        return "(last weekday of the month) is not supported: a start schedule has no 'LW'"
    if upper == "L" or ("L" in upper and upper.replace("L", "").replace("-", "").isdigit()):
        return "uses L (last), which is not supported: a start schedule has no 'last' day"
    if upper == "W" or ("W" in upper and upper.replace("W", "").isdigit()):
        return "(nearest weekday) is not supported: a start schedule has no 'nearest weekday'"
    if upper.startswith("H"):
        return "(hashed value, 'H') is not supported: it has no fixed meaning outside Jenkins"
    if "#" in token:
        return "uses '#', which is only allowed as the single day-of-week term D#n"
    if upper == "?":
        return "uses '?', which is only allowed alone, in day-of-month or day-of-week"
    for other in (_MONTH, _WDAY):
        if other is not field and upper in other.names:
            return f"is a {other.name} name, not a {field.name} value"
    if token.isascii() and token.isdigit():
        return "is out of range"
    return "is not a number or a name"


# -- reading one field -----------------------------------------------------------------


def _value(field: _Field, token: str, expr: str, item: str) -> int:
    """The number of a value token that is not in the table (7 kept as 7 in day-of-week)."""
    if token.isascii() and token.isdigit():
        digits = token.lstrip("0") or "0"
        top = 7 if field is _WDAY else field.high
        if len(digits) <= 4 and field.low <= int(digits) <= top:
            return int(digits)
    else:
        number = field.names.get(token.upper())
        if number is not None:
            return number
    raise _error(expr, field, item, _why_not_a_value(field, token, item))


def _step(field: _Field, text: str, expr: str, item: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise _error(expr, field, item, f"has step {text!r}, which is not a positive integer")
    step = int(text) if len(text) <= 6 else field.cycle + 1
    if step == 0:
        raise _error(expr, field, item, "has a step of 0")
    if step > field.cycle:
        raise _error(expr, field, item, f"has step {text}, larger than the field (1-{field.cycle})")
    return step


def _item(field: _Field, item: str, expr: str) -> tuple[int, ...]:
    """The sorted values of one list item that is not in the field's table."""
    base, slash, step_text = item.partition("/")
    step = _STEPS.get(step_text, 0) if slash else 1
    if step == 0 or step > field.cycle:
        step = _step(field, step_text, expr, item)
    if base == "*":
        return tuple(range(field.low, field.high + 1, step))
    first_text, dash, last_text = base.partition("-")
    values = field.values
    first = values.get(first_text)
    if first is None:
        first = _value(field, first_text, expr, item)
    if dash:
        last = values.get(last_text)
        if last is None:
            last = _value(field, last_text, expr, item)
    elif slash:
        last = field.high  # a/n = a-max/n
    else:
        return (0,) if first == 7 and field is _WDAY else (first,)
    if first <= last and (last != 7 or field is not _WDAY):
        return tuple(range(first, last + 1, step))  # the common case, already sorted
    return tuple(sorted(set(_span(field, first, last, step, expr=expr, item=item))))


def _span(field: _Field, first: int, last: int, step: int, *, expr: str, item: str) -> list[int]:
    """The values of ``first-last/step``, wrapping past the field's end when first > last."""
    if field is _WDAY:
        if first == 7:  # 7 as the start is the Sunday that starts the week
            first, last = 0, 0 if last == 7 else last
        if first <= last:
            return [0 if day == 7 else day for day in range(first, last + 1, step)]
    if field is _YEAR:
        raise _error(expr, field, item, "is a descending range; years do not wrap around")
    # Wrap-around: count on through the end of the cycle, continuing the step.
    low, cycle = field.low, field.cycle
    length = (last - first) % cycle + 1
    return [low + (first - low + offset) % cycle for offset in range(0, length, step)]


def _field(field: _Field, text: str, expr: str) -> tuple[int, ...]:
    """The sorted values of a whole field that is not in the field's table."""
    if "," not in text:
        return _item(field, text, expr)
    items = field.items
    values: set[int] = set()
    for item in text.split(","):
        known = items.get(item)
        values.update(known if known is not None else _item(field, item, expr))
    return tuple(sorted(values))


def _years(text: str, expr: str) -> tuple[int, ...]:
    years = _YEAR.whole.get(text)
    if years is not None:
        return years
    if text.isascii() and text.isdigit() and len(text) == 4 and text >= "1970":
        return (int(text),)  # the common single year, without the general path
    return _field(_YEAR, text, expr)


def _nth_weekday(mday_text: str, wday_text: str, expr: str) -> tuple[tuple[int, ...], ...]:
    """``D#n``: weekday D in days 7n-6..7n (exact under AND); day-of-month must be ``*``/``?``."""
    day_text, _, nth_text = wday_text.partition("#")
    if "," in wday_text:
        raise _error(expr, _WDAY, wday_text, "mixes D#n with other terms; D#n must be alone")
    if nth_text not in ("1", "2", "3", "4", "5"):
        raise _error(expr, _WDAY, wday_text, "has an n-th outside 1-5 in D#n")
    day = _WDAY.values.get(day_text)
    if day is None:
        day = _value(_WDAY, day_text, expr, wday_text)
    if mday_text not in ("*", "?"):
        raise _error(
            expr, _WDAY, wday_text, f"(D#n) needs day-of-month '*' or '?', not {mday_text!r}"
        )
    nth = int(nth_text)
    return tuple(range(7 * nth - 6, min(7 * nth, 31) + 1)), (0 if day == 7 else day,)


# -- the expression --------------------------------------------------------------------

_MINUTE_WHOLE: Final = _MINUTE.whole
_HOUR_WHOLE: Final = _HOUR.whole
_MDAY_WHOLE: Final = _MDAY.whole
_MONTH_WHOLE: Final = _MONTH.whole
_WDAY_WHOLE: Final = _WDAY.whole
_new: Final[Callable[..., StartSchedule]] = StartSchedule._from_normalized


def _parse(expr: str) -> StartSchedule:
    """The schedule of ``expr``; raises :class:`_OrCaseError` for cron's day-of-month OR."""
    if type(expr) is not str:
        expr = _as_str(expr)
    parts = expr.split()
    count = len(parts)
    if count == 5:
        minute, hour, mday_text, month, wday_text = parts
        years: tuple[int, ...] = ()
    elif count == 6:
        minute, hour, mday_text, month, wday_text, year_text = parts
        years = _sixth_field(year_text, expr)
    elif count == 1 and parts[0][0] == "@":
        return _parse(_macro(parts[0], expr))
    else:
        raise _count_error(expr, parts)
    try:
        mins = _MINUTE_WHOLE.get(minute)
        if mins is None:
            mins = _field(_MINUTE, minute, expr)
        hours = _HOUR_WHOLE.get(hour)
        if hours is None:
            hours = _field(_HOUR, hour, expr)
        months = _MONTH_WHOLE.get(month)
        if months is None:
            months = _field(_MONTH, month, expr)
        mdays = _MDAY_WHOLE.get(mday_text)
        wdays = _WDAY_WHOLE.get(wday_text)
        if wdays is None:
            if "#" in wday_text:
                mdays, wdays = _nth_weekday(mday_text, wday_text, expr)
            else:
                wdays = _field(_WDAY, wday_text, expr)
        if mdays is None:
            mdays = _field(_MDAY, mday_text, expr)
    except CronConversionError as error:
        if count == 6:
            raise CronConversionError(f"{error}{_LAYOUT_HINT}") from None
        raise
    if mdays and wdays and mday_text[0] not in "*?" and wday_text[0] not in "*?":
        # Vixie's OR.  When one side allows every day, so does the union: exact as AND.
        if mdays == _FULL_MDAYS:
            wdays = ()
        elif wdays == _FULL_WDAYS:
            mdays = ()
        else:
            raise _OrCaseError((mins, hours, mdays, wdays, months, years), mday_text, wday_text)
    return _new(mins, hours, mdays, wdays, months, years)


def _as_str(expr: object) -> str:
    if not isinstance(expr, str):
        raise InvalidArgumentError(
            f"cron expression: {expr!r} is not a string; allowed: a str such as '0 9 * * 1-5'"
        )
    return str(expr)


def _sixth_field(text: str, expr: str) -> tuple[int, ...]:
    """The year field of a 6-field expression; anything else reads as a seconds layout."""
    try:
        return _years(text, expr)
    except CronConversionError as error:
        raise CronConversionError(
            f"{error}. 6 fields are read as minute hour day-of-month month day-of-week year; "
            "a leading seconds field (Quartz, croniter's 6-field form) is not supported: "
            "drop it"
        ) from None


def _macro(token: str, expr: str) -> str:
    """The 5-field body of a macro."""
    body = _MACROS.get(token.lower())
    if body is None:
        why = (
            "runs once at boot, which a start schedule cannot express"
            if token.lower() == "@reboot"
            else "is not a known macro"
        )
        raise CronConversionError(
            f"cron {expr!r}: macro {token!r} {why}; allowed: " + " ".join(_MACROS)
        )
    return body


def _count_error(expr: str, parts: list[str]) -> CronConversionError:
    count = len(parts)
    layout = (
        "5 fields (minute hour day-of-month month day-of-week), 6 with a trailing year, "
        "or a macro (" + " ".join(_MACROS) + ")"
    )
    if count == 7:
        why = "has 7 fields: that form starts with a seconds field, and seconds are not supported"
    elif count and parts[0][0] == "@":
        why = f"macro {parts[0]!r} must stand alone"
    else:
        why = f"has {count} field" + ("" if count == 1 else "s")
    return CronConversionError(f"cron {expr!r}: {why}; allowed: {layout}")


# -- public ----------------------------------------------------------------------------


def schedule_from_cron(expr: str) -> StartSchedule:
    """The start schedule with exactly the run times of the cron expression ``expr``.

    Raises :class:`~altcraft_schedule._errors.CronConversionError` (a ``ValueError``) naming
    the token, its field and why when ``expr`` is not in the dialect, or when both day
    fields are restricted (cron's OR): :func:`schedules_from_cron` converts that case.
    Raises :class:`~altcraft_schedule._errors.InvalidArgumentError` if ``expr`` is not a str.
    """
    try:
        return _parse(expr)
    except _OrCaseError as case:
        raise CronConversionError(
            f"cron {expr!r}: day-of-month {case.mday_text!r} and day-of-week "
            f"{case.wday_text!r} are both restricted and neither starts with '*', so cron "
            "runs on days matching either (OR), but a start schedule needs both (AND); "
            "schedules_from_cron() returns the exact union as a tuple of schedules, or "
            "make one of the two fields '*'"
        ) from None


def schedules_from_cron(expr: str) -> tuple[StartSchedule, ...]:
    """The start schedules whose merged runs are exactly the run times of ``expr``.

    One schedule, except when cron's day rule is OR (both day fields restricted and
    neither starting with ``*``): then two, one with the day-of-month values and one with
    the day-of-week values.  Errors as :func:`schedule_from_cron`.
    """
    try:
        return (_parse(expr),)
    except _OrCaseError as case:
        mins, hours, mdays, wdays, months, years = case.fields
        return (
            _new(mins, hours, mdays, (), months, years),
            _new(mins, hours, (), wdays, months, years),
        )


def schedule_to_cron(schedule: StartSchedule) -> str:
    """The canonical, compact cron expression of ``schedule``.

    ``*`` for an empty field, else numbers, ``a-b``, ``*/n``, ``a-b/n`` and lists of these;
    a sixth ``year`` field only when ``years`` is set.  ``from_cron(to_cron(s)) == s``.
    Raises :class:`~altcraft_schedule._errors.CronConversionError` when no expression says
    the same: both ``mdays`` and ``wdays`` set (cron would read OR), or ``tz``,
    ``profile`` or ``losers`` set (they have no cron form).
    """
    if not isinstance(schedule, StartSchedule):
        raise InvalidArgumentError(
            f"schedule: {schedule!r} is not a StartSchedule; allowed: a StartSchedule"
        )
    extras = [
        f"{name}={value!r}"
        for name in ("tz", "profile", "losers")
        if (value := getattr(schedule, name)) is not None
    ]
    if extras:
        raise CronConversionError(
            f"to_cron: {', '.join(extras)} has no cron form, so the expression would lose it; "
            "for the cron of the time fields alone use "
            "attrs.evolve(schedule, tz=None, profile=None, losers=None).to_cron()"
        )
    if schedule.mdays and schedule.wdays:
        raise CronConversionError(
            f"to_cron: mdays {list(schedule.mdays)} and wdays {list(schedule.wdays)} are both "
            "set: the schedule needs both to match (AND), but cron runs on days matching "
            "either (OR) when both day fields are restricted; no cron expression says this "
            "(split the schedule, or leave one of the two fields empty)"
        )
    text = " ".join(
        [
            _format(schedule.mins, _MINUTE),
            _format(schedule.hours, _HOUR),
            _format(schedule.mdays, _MDAY),
            _format(schedule.months, _MONTH),
            _format(schedule.wdays, _WDAY),
        ]
    )
    return f"{text} {_format(schedule.years, _YEAR)}" if schedule.years else text


# -- writing ---------------------------------------------------------------------------


def _format(values: tuple[int, ...], field: _Field) -> str:
    """A field's values as the shortest list of numbers, ``a-b`` and ``a-b/n`` pieces.

    The whole field is ``*`` when empty, ``low-high`` when full (``*`` would read back as
    empty), and ``*/n`` when it is exactly that progression of at least 3 values.
    """
    if not values:
        return "*"
    low, high = field.low, field.high
    count = len(values)
    if count == high - low + 1:
        return f"{low}-{high}"
    if count >= 3 and values[0] == low:
        step = values[1] - low
        if values == tuple(range(low, high + 1, step)):
            return f"*/{step}"
    return ",".join(_pieces(values))


def _pieces(values: tuple[int, ...]) -> list[str]:
    """Split sorted ``values`` into consecutive pieces of minimal total text length.

    A piece is one number, a run ``a-b`` (step 1, 2+ values) or ``a-b/n`` (step n >= 2,
    3+ values).  Dynamic programming from the right; from each index only three ends are
    worth trying (itself, the end of its arithmetic run, and one before), so it is linear.
    """
    count = len(values)
    # run_end[i]: last index of the arithmetic run starting at i with step values[i+1]-values[i].
    run_end = list(range(count))
    for index in range(count - 2, -1, -1):
        following = index + 1
        gap = values[following] - values[index]
        extends = following + 1 < count and values[following + 1] - values[following] == gap
        run_end[index] = run_end[following] if extends else following
    # rest[i]: text length of the best pieces for values[i:], with the comma before them.
    rest = [0] * (count + 1)
    choice = [0] * count
    for index in range(count - 1, -1, -1):
        best_end, best_cost = index, len(str(values[index])) + rest[index + 1]
        for end in (run_end[index] - 1, run_end[index]):
            piece = _piece(values, index, end)
            if piece is not None and len(piece) + rest[end + 1] <= best_cost:
                best_end, best_cost = end, len(piece) + rest[end + 1]
        choice[index] = best_end
        rest[index] = best_cost + 1
    pieces = []
    index = 0
    while index < count:
        end = choice[index]
        pieces.append(_piece(values, index, end) or str(values[index]))
        index = end + 1
    return pieces


def _piece(values: tuple[int, ...], start: int, end: int) -> str | None:
    """``values[start:end+1]`` (an arithmetic run) as one token, if that form is allowed."""
    if end <= start:
        return None
    gap = values[start + 1] - values[start]
    if gap == 1:
        return f"{values[start]}-{values[end]}"
    if end - start >= 2:
        return f"{values[start]}-{values[end]}/{gap}"
    return None

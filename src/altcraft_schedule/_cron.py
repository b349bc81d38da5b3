"""Cron expressions to start schedules and back (docs/semantics.md §3).

Dialect read: 5 fields ``minute hour day-of-month month day-of-week`` or 6 with a
trailing ``year`` (1970-9999).  Per field: ``*``, numbers, names (``JAN``-``DEC``,
``SUN``-``SAT``, any case), lists, ranges ``a-b`` (``a <= b``: cronie reads nothing from
``22-2``), steps ``*/n``, ``a-b/n``, ``a/n`` (= ``a-max/n``); ``7`` = Sunday; the macros
``@yearly @annually @monthly @weekly @daily @midnight @hourly`` in lower case; ``D#n`` as
the only day-of-week term with day-of-month ``*``.  Quartz and AWS also wrap ``a-b`` when
``a > b`` and read ``?``.

Day-of-month and day-of-week follow Vixie cron: when both are restricted and neither
starts with ``*`` (or ``?``), cron runs on either (OR).  One start schedule means AND, so
:func:`schedule_from_cron` refuses that case and :func:`schedules_from_cron` returns the
exact union, one schedule per alternative.

Quartz, Spring and AWS also read day tokens with no single start-schedule form: ``nW``
(nearest weekday) converts to an exact union; ``L``, ``L-n``, ``LW``, ``DL`` (last day,
last weekday, last D) depend on the length of February and convert to a union over a
``years=`` horizon, one schedule per month length.

The parser is built for speed (it runs in a few microseconds): whole fields and list
items are first looked up in small per-field tables of the common tokens (numbers, names,
``*``, ``*/n``); only the rest is parsed piece by piece.  Nothing is cached per expression.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Callable, Iterable
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from ._errors import CronConversionError, InvalidArgumentError
from ._schedule import FIELD_RANGES, StartSchedule

__all__ = ["Dialect", "schedule_from_cron", "schedule_to_cron", "schedules_from_cron"]

Fields = tuple[
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
]

MONTH_NAMES: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")  # fmt: skip
WEEKDAY_NAMES: Final = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_FORMS: Final = "*, a, a-b, */n, a-b/n, a/n and lists of these"
_LAYOUT_HINT: Final = (
    " (6 fields are read as: minute hour day-of-month month day-of-week year; "
    "a leading seconds field is not supported)"
)


class _Field:
    """One cron field: its bounds, names and the lookup tables of its common tokens."""

    __slots__ = ("allowed", "cycle", "high", "items", "low", "name", "names", "values", "whole")

    def __init__(
        self,
        name: str,
        low: int,
        high: int,
        names: tuple[str, ...] = (),
        *,
        question: bool = False,
        sunday_first: bool = False,
        monday_first: bool = False,
    ) -> None:
        self.name = name
        self.low = low
        self.high = high
        self.cycle = high - low + 1
        self.names = {label: low + index for index, label in enumerate(names)}
        top = 7 if name == "day-of-week" else high  # 7 is Sunday too (or Saturday, 1 = Sunday)
        wrap = top == 7 and not sunday_first
        self.values: dict[str, int] = {}
        if self.cycle <= 60:  # years are parsed on demand: their table would be large
            for number in range(low, top + 1):
                self.values[str(number)] = number
                self.values[f"{number:02d}"] = number
        for label, number in self.names.items():
            for spelling in (label, label.lower(), label.title()):
                self.values[spelling] = number
        if monday_first:  # Spring: 1 = Monday ... 7 = Sunday, and 0 = Sunday too
            self.values["0"] = self.values["00"] = 0
        # List items: each token -> its sorted values (7 already read as Sunday).
        self.items: dict[str, tuple[int, ...]] = {
            token: (number % 7 if wrap else number,) for token, number in self.values.items()
        }
        self.items["*"] = tuple(range(low, high + 1))
        if self.cycle <= 60:
            for step in range(1, self.cycle + 1):
                self.items[f"*/{step}"] = tuple(range(low, high + 1, step))
        # A whole field: "*", "*/1" (and "?" in the day fields) mean "every value": ().
        if monday_first:  # stored with 0 = Sunday (its "*" is 1-7, so "*/2" starts on Monday)
            self.items = {token: _sunday_zero(days) for token, days in self.items.items()}
        self.whole = dict(self.items)
        self.whole["*"] = self.whole["*/1"] = ()
        if question:
            self.whole["?"] = ()
        if sunday_first:  # whole fields are stored with 0 = Sunday; items keep 1 = Sunday
            self.whole = {
                token: tuple(day - 1 for day in days) for token, days in self.whole.items()
            }
        extra = " or ?" if question else ""
        if names:
            extra += f" or names {names[0]}-{names[-1]} (any case)"
        if top != high:
            extra += " (0 and 7 are Sunday)"
        if sunday_first:
            extra += " (1 is Sunday, 7 is Saturday)"
        if monday_first:
            extra += " (1 is Monday, 0 and 7 are Sunday)"
        self.allowed = f"values {0 if monday_first else low}-{top}{extra}; forms {_FORMS}"


def _sunday_zero(days: tuple[int, ...] | list[int]) -> tuple[int, ...]:
    """Weekdays numbered 0-7 (0 and 7 Sunday) as sorted distinct 0-6."""
    return tuple(sorted({day % 7 for day in days}))


# The bounds are the model's own (FIELD_RANGES), so both always agree.
_MINUTE: Final = _Field("minute", *FIELD_RANGES["mins"])
_HOUR: Final = _Field("hour", *FIELD_RANGES["hours"])
_MDAY: Final = _Field("day-of-month", *FIELD_RANGES["mdays"], question=True)
_MONTH: Final = _Field("month", *FIELD_RANGES["months"], MONTH_NAMES)
_WDAY: Final = _Field("day-of-week", *FIELD_RANGES["wdays"], WEEKDAY_NAMES, question=True)
_YEAR: Final = _Field("year", *FIELD_RANGES["years"])
# Quartz and AWS number the week 1-7 from Sunday.
_WDAY_SUN1: Final = _Field("day-of-week", 1, 7, WEEKDAY_NAMES, question=True, sunday_first=True)
# Spring numbers the week 1-7 from Monday (java.time), 0 and 7 both Sunday: its "*" and
# "a/n" run to 7, Sunday ("*/2" is Monday, Wednesday, Friday, Sunday).
_WDAY_MON1: Final = _Field(
    "day-of-week", 1, 7, (*WEEKDAY_NAMES[1:], WEEKDAY_NAMES[0]), question=True, monday_first=True
)
_SECOND: Final = _Field("second", 0, 59)
_STEPS: Final = {str(step): step for step in range(1, 61)}  # the common steps, unchecked
_FULL_MDAYS: Final = _MDAY.items["*"]
_FULL_WDAYS: Final = _WDAY.items["*"]

MACROS: Final[dict[str, str]] = {
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
        f"cron {expr!r}: {field.name} field: {token!r} {why}; allowed: {field.allowed}",
        field=field.name,
        value=token,
        reason=why,
        allowed=field.allowed,
        expression=expr,
        token=token,
    )


def _why_not_a_value(field: _Field, token: str, item: str) -> str:
    """Why ``token`` (part of list item ``item``) is neither a number nor a name of ``field``."""
    if not item:
        return "is an empty list item"
    if not token:
        return "has an empty value"
    upper = token.upper()
    if upper == "LW":
        return ("(last weekday of the month) is not cron syntax: Quartz and Spring read it, "
                "alone in day-of-month: pass dialect='quartz' or 'spring' and years= "
                "(a range or list of years)")  # fmt: skip
    if upper == "L" or ("L" in upper and upper.replace("L", "").replace("-", "").isdigit()):
        return ("uses L (last), which is not cron syntax: Quartz, Spring and AWS read it, "
                "alone in a day field: pass that dialect= and years= (a range or list "
                "of years)")  # fmt: skip
    if upper == "W" or ("W" in upper and upper.replace("W", "").isdigit()):
        return ("(nearest weekday) is not cron syntax: Quartz, Spring and AWS read nW, "
                "alone in day-of-month: pass that dialect=")  # fmt: skip
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
        if first == 7 and field is _WDAY_MON1:  # Spring: Sunday starts a range as 0
            first = 0
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


def _nth_weekday(
    mday_text: str, wday_text: str, expr: str, wday_field: _Field
) -> tuple[tuple[int, ...], ...]:
    """``D#n``: weekday D in days 7n-6..7n (exact under AND); day-of-month must be ``*``/``?``."""
    day_text, _, nth_text = wday_text.partition("#")
    if "," in wday_text:
        raise _error(expr, _WDAY, wday_text, "mixes D#n with other terms; D#n must be alone")
    if nth_text not in ("1", "2", "3", "4", "5"):
        raise _error(expr, _WDAY, wday_text, "has an n-th outside 1-5 in D#n")
    day = wday_field.values.get(day_text)
    if day is None:
        day = _value(wday_field, day_text, expr, wday_text)
    if wday_field is _WDAY_SUN1:
        day -= 1
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
    """The cron-dialect schedule of ``expr``; :class:`_OrCaseError` for cron's OR."""
    if type(expr) is not str:
        expr = _as_str(expr)
    parts = expr.split()
    count = len(parts)
    if count == 5:
        years: tuple[int, ...] = ()
    elif count == 6:
        years = _sixth_field(parts[5], expr)
    elif count == 1 and parts[0][0] == "@":
        _check_lower_macro(parts[0], expr, "cron")
        return _parse(_macro(parts[0], expr))
    else:
        raise _count_error(expr, parts)
    _check_cron_grammar(parts, expr)
    try:
        return _body(parts, years, expr, _WDAY, _RULE_VIXIE)
    except CronConversionError as error:
        if count == 6:
            raise _with_message(error, f"{error}{_LAYOUT_HINT}") from None
        raise


_RULE_VIXIE: Final = "vixie"  # OR when both restricted and neither starts with '*'/'?'
_RULE_ROBFIG: Final = "robfig"  # OR unless an item is '*'/'?' with step 1
_RULE_AND: Final = "and"  # Quartz, Spring, AWS: always AND


def _body(
    parts: list[str], years: tuple[int, ...], expr: str, wday_field: _Field, rule: str
) -> StartSchedule:
    """The schedule of the five fields ``minute hour dom month dow`` of ``parts``."""
    minute, hour, mday_text, month, wday_text = parts[:5]
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
    wdays = wday_field.whole.get(wday_text)
    if wdays is None:
        if "#" in wday_text:
            mdays, wdays = _nth_weekday(mday_text, wday_text, expr, wday_field)
        else:
            wdays = _field(wday_field, wday_text, expr)
            if wday_field is _WDAY_SUN1:
                wdays = tuple(day - 1 for day in wdays)  # 1 = Sunday -> 0 = Sunday
            elif wday_field is _WDAY_MON1:
                wdays = _sunday_zero(wdays)
    if mdays is None:
        mdays = _field(_MDAY, mday_text, expr)
    if mdays and wdays and _is_or(rule, mday_text, wday_text):
        # OR.  When one side allows every day, so does the union: exact as AND.
        if mdays == _FULL_MDAYS:
            wdays = ()
        elif wdays == _FULL_WDAYS:
            mdays = ()
        else:
            raise _OrCaseError((mins, hours, mdays, wdays, months, years), mday_text, wday_text)
    return _new(mins, hours, mdays, wdays, months, years)


def _is_or(rule: str, mday_text: str, wday_text: str) -> bool:
    if rule == _RULE_VIXIE:
        return mday_text[0] not in "*?" and wday_text[0] not in "*?"
    if rule == _RULE_ROBFIG:
        return not (_robfig_star(mday_text) or _robfig_star(wday_text))
    return False


def _robfig_star(text: str) -> bool:
    """robfig/cron's star bit: some list item is ``*`` or ``?`` with no step above 1."""
    for item in text.split(","):
        base, _, step = item.partition("/")
        if base in ("*", "?") and step in ("", "1"):
            return True
    return False


def _with_message(error: CronConversionError, message: str) -> CronConversionError:
    return CronConversionError(
        message,
        field=error.field,
        value=error.value,
        reason=error.reason,
        allowed=error.allowed,
        expression=error.expression,
        token=error.token,
        dialect=error.dialect,
    )


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
        raise _with_message(
            error,
            f"{error}. 6 fields are read as minute hour day-of-month month day-of-week year; "
            "a leading seconds field (Quartz, croniter's 6-field form) is not supported: "
            "drop it",
        ) from None


def _macro(token: str, expr: str) -> str:
    """The 5-field body of a macro."""
    body = MACROS.get(token.lower())
    if body is None:
        why = (
            "runs once at boot, which a start schedule cannot express"
            if token.lower() == "@reboot"
            else "is not a known macro"
        )
        allowed = " ".join(MACROS)
        raise CronConversionError(
            f"cron {expr!r}: macro {token!r} {why}; allowed: {allowed}",
            field="macro", value=token, reason=why, allowed=allowed, expression=expr, token=token,
        )  # fmt: skip
    return body


def _count_error(expr: str, parts: list[str]) -> CronConversionError:
    count = len(parts)
    layout = (
        "5 fields (minute hour day-of-month month day-of-week), 6 with a trailing year, "
        "or a macro (" + " ".join(MACROS) + ")"
    )
    if count == 7:
        why = "has 7 fields: that form starts with a seconds field, and seconds are not supported"
    elif count and parts[0][0] == "@":
        why = f"macro {parts[0]!r} must stand alone"
    else:
        why = f"has {count} field" + ("" if count == 1 else "s")
    return CronConversionError(
        f"cron {expr!r}: {why}; allowed: {layout}",
        field="expression", value=expr, reason=why, allowed=layout, expression=expr, token=expr,
    )  # fmt: skip


# -- dialects -------------------------------------------------------------------------

#: The names ``dialect=`` accepts (aliases included); ``auto`` is the default.
Dialect = Literal[
    "auto", "cron", "vixie", "cronie", "crontab", "github",
    "kubernetes", "k8s", "robfig", "quartz", "spring", "aws",
]  # fmt: skip
_CANONICAL: Final[dict[str, str]] = {
    "auto": "auto", "cron": "cron", "vixie": "cron", "cronie": "cron", "crontab": "cron",
    "github": "cron", "kubernetes": "kubernetes", "k8s": "kubernetes", "robfig": "kubernetes",
    "quartz": "quartz", "spring": "spring", "aws": "aws",
}  # fmt: skip
_WORDS: Final[dict[str, str]] = {
    "cron": "cron",
    "kubernetes": "Kubernetes (robfig/cron)",
    "quartz": "Quartz (seconds first, 1 = Sunday)",
    "spring": "Spring (seconds first)",
    "aws": "AWS EventBridge (trailing year, 1 = Sunday)",
}
_SPRING_MACROS: Final = MACROS
_QUESTION_RULE: Final = "exactly one of day-of-month and day-of-week must be '?'"


class _NoFormError(CronConversionError):
    """Internal: the expression is valid in its dialect but has no start-schedule form."""


def _dialect(dialect: object) -> str:
    canonical = _CANONICAL.get(dialect) if isinstance(dialect, str) else None
    if canonical is None:
        raise InvalidArgumentError.bad_value(
            "dialect", dialect, "is not a cron dialect", ", ".join(_CANONICAL)
        )
    return canonical


def _strip_comment(text: str) -> str:
    """``text`` without a trailing ``# comment`` (a '#' after whitespace; D#n stays)."""
    if "#" not in text:  # the common case
        return text.strip()
    for mark in (" #", "\t#"):
        index = text.find(mark)
        if index >= 0:
            text = text[:index]
    return text.strip()


def _split_tz(text: str, expr: str, dialect: str) -> tuple[str | None, str]:
    """A leading ``CRON_TZ=zone`` / ``TZ=zone`` and the rest."""
    if not text.startswith(("CRON_TZ=", "TZ=")):
        return None, text
    prefix, _, rest = text.partition(" ")
    zone = prefix.partition("=")[2]
    if dialect not in ("auto", "cron", "kubernetes"):
        raise _plain_error(expr, dialect, "tz", prefix, f"is a prefix {dialect} does not read",
                           "a prefix in the cron and kubernetes dialects")  # fmt: skip
    try:
        ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        raise _plain_error(expr, dialect, "tz", zone, "is not a known time zone",
                           "an IANA zone name such as Europe/Moscow") from None  # fmt: skip
    return zone, rest.strip()


def _plain_error(
    expr: str, dialect: str | None, field: str, token: str, why: str, allowed: str
) -> CronConversionError:
    return CronConversionError(
        f"cron {expr!r}: {field}: {token!r} {why}; allowed: {allowed}",
        field=field, value=token, reason=why, allowed=allowed,
        expression=expr, token=token, dialect=dialect,
    )  # fmt: skip


def _unwrap_aws(text: str) -> str | None:
    if text.startswith("cron(") and text.endswith(")"):
        return text[5:-1].strip()
    return None


def _descending_range(parts: list[str], fields: tuple[_Field, ...]) -> tuple[_Field, str] | None:
    """The first descending range (``FRI-MON``, ``22-2``) of ``parts``, with its field."""
    for text, field in zip(parts, fields, strict=False):
        if "-" not in text:
            continue
        for item in text.split(","):
            first, dash, last = item.partition("/")[0].partition("-")
            if not dash:
                continue
            low, high = field.values.get(first), field.values.get(last)
            if low == 7 and field is _WDAY_MON1:  # Spring: 7-2 and SUN-TUE start at 0
                low = 0
            if low is not None and high is not None and low > high:
                return field, item
    return None


def _check_no_wrap(parts: list[str], fields: tuple[_Field, ...], expr: str) -> None:
    """robfig/cron and Spring refuse descending ranges (``FRI-MON``)."""
    found = _descending_range(parts, fields)
    if found is not None:
        field, item = found
        raise _error(expr, field, item, "is a descending range, which this dialect refuses")


_CRON_FIELDS: Final = (_MINUTE, _HOUR, _MDAY, _MONTH, _WDAY)


def _check_cron_grammar(parts: list[str], expr: str) -> None:
    """What crontab(5) does not read: a descending range sets no value in cronie (the job
    would never run), and '?' is not in its grammar (robfig's '*' synonym)."""
    found = _descending_range(parts, _CRON_FIELDS)
    if found is not None:
        field, item = found
        raise _error(expr, field, item, "is a descending range: cron reads no value from it "
                     "(the job would never run); write two ranges, e.g. 22-23,0-2; Quartz reads "
                     "it as a wrap-around (dialect='quartz')")  # fmt: skip
    for field, text in zip((_MDAY, _WDAY), (parts[2], parts[4]), strict=True):
        if "?" in text:
            raise _error(expr, field, text, "uses '?', which cron does not read; write '*'; "
                         "robfig/cron reads it as '*' (dialect='kubernetes')")  # fmt: skip


def _check_lower_macro(token: str, expr: str, dialect: str) -> None:
    """cronie and robfig/cron match their macros exactly, in lower case (Spring ignores case)."""
    if token != token.lower() and token.lower() in MACROS:
        why = f"is not read by {_WORDS[dialect]}, which matches macros in lower case only"
        raise CronConversionError(
            f"cron {expr!r}: macro {token!r} {why}; allowed: {token.lower()!r}",
            field="macro", value=token, reason=why, allowed=token.lower(), expression=expr,
            token=token, dialect=dialect,
        )  # fmt: skip


def _seconds(text: str, expr: str) -> None:
    seconds = _SECOND.whole.get(text)
    if seconds is None:
        seconds = _field(_SECOND, text, expr)
    if seconds != (0,):
        raise _NoFormError(
            f"cron {expr!r}: second field: {text!r} runs more than once a minute or off the "
            "minute: sub-minute runs have no start-schedule form; allowed: second 0",
            field="second", value=text, allowed="0", expression=expr, token=text,
            reason="has sub-minute runs, which have no start-schedule form",
        )  # fmt: skip


def _question_pair(parts: list[str], expr: str) -> None:
    if (parts[2] == "?") == (parts[4] == "?"):
        raise _plain_error(expr, None, "day-of-month", f"{parts[2]} {parts[4]}",
                           "breaks the '?' rule", _QUESTION_RULE)  # fmt: skip


def _one_dialect(
    text: str, expr: str, dialect: str, horizon: tuple[int, ...] | None = None
) -> StartSchedule | tuple[StartSchedule, ...]:
    """The schedule of ``text`` (no prefix or wrapper) read in one dialect; a tuple for
    the exact union of an ``L``/``W`` day (Quartz, Spring, AWS)."""
    parts = text.split()
    count = len(parts)
    if dialect == "cron":
        return _parse(text)
    if count == 1 and parts[0].startswith("@") and dialect in ("kubernetes", "spring"):
        if dialect == "kubernetes":
            _check_lower_macro(parts[0], expr, dialect)
        token = parts[0].lower()
        if token.startswith("@every"):
            raise _plain_error(expr, dialect, "macro", parts[0],
                               "runs at a fixed interval from start, not at wall-clock times",
                               "a cron with */n steps instead, e.g. '*/15 * * * *'")  # fmt: skip
        body = _macro(parts[0], expr)
        return _one_dialect(f"0 {body}" if dialect == "spring" else body, expr, dialect)
    if count == 2 and parts[0].lower() == "@every" and dialect == "kubernetes":
        return _one_dialect(parts[0], expr, dialect)
    if dialect == "kubernetes":
        if count != 5:
            raise _count_error(expr, parts)
        _check_no_wrap(parts, (_MINUTE, _HOUR, _MDAY, _MONTH, _WDAY), expr)
        if "#" in parts[4]:
            raise _error(expr, _WDAY, parts[4], "uses '#', which robfig/cron does not read")
        return _body(parts, (), expr, _WDAY, _RULE_ROBFIG)
    if dialect == "spring":
        if count != 6:
            raise _layout_error(expr, dialect, count, "6 fields: second minute hour "
                                "day-of-month month day-of-week")  # fmt: skip
        _check_no_wrap(parts[1:], (_MINUTE, _HOUR, _MDAY, _MONTH, _WDAY_MON1), expr)
        schedule = _days_body(parts[1:], (), expr, _WDAY_MON1, dialect, horizon)
        _seconds(parts[0], expr)
        return schedule
    if dialect == "quartz":
        if count not in (6, 7):
            raise _layout_error(expr, dialect, count, "6 or 7 fields: second minute hour "
                                "day-of-month month day-of-week [year]")  # fmt: skip
        _question_pair(parts[1:], expr)
        years = _quartz_years(parts[6], expr) if count == 7 else ()
        schedule = _days_body(parts[1:6], years, expr, _WDAY_SUN1, dialect, horizon)
        _seconds(parts[0], expr)
        return schedule
    # aws
    if count != 6:
        raise _layout_error(expr, dialect, count, "cron(minute hour day-of-month month "
                            "day-of-week year)")  # fmt: skip
    _question_pair(parts, expr)
    years = _quartz_years(parts[5], expr, 2199, "AWS")  # a/n would run on to 9999
    return _days_body(parts, years, expr, _WDAY_SUN1, dialect, horizon)


def _quartz_years(
    text: str, expr: str, last: int = 2099, system: str = "Quartz"
) -> tuple[int, ...]:
    years = _years(text, expr)
    if years and years[-1] > last:
        raise _error(expr, _YEAR, text, f"is after {last}, the last year {system} reads")
    return years


# -- last days and nearest weekdays (Quartz, Spring, AWS) ------------------------------

#: (mdays, wdays) parts of one month's days; wdays () = any weekday, 0 = Sunday.
_Pieces = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
_WEEKDAYS: Final = (1, 2, 3, 4, 5)
_MONDAY: Final = 1
_FRIDAY: Final = 5
_MONTHS_OF_LENGTH: Final = ((31, (1, 3, 5, 7, 8, 10, 12)), (30, (4, 6, 9, 11)))
#: The day tokens each system documents (Vixie cron and robfig/cron read none of them).
_DAY_TOKENS: Final[dict[str, tuple[str, ...]]] = {
    "quartz": ("L", "L-n", "LW", "nW", "DL", "L-dow"),
    "spring": ("L", "L-n", "LW", "nW", "DL"),
    "aws": ("L", "nW", "DL", "L-dow"),
}
_TOKEN_WORDS: Final[dict[str, str]] = {
    "L": "the last day of the month",
    "L-n": "n days before the last day of the month",
    "LW": "the last weekday of the month",
    "nW": "the weekday nearest to day n",
    "DL": "the last given weekday of the month",
    "L-dow": "the last day of the week, Saturday",
}
_YEARS_ALLOWED: Final = (
    "pass years= (a range or list of years, e.g. years=range(2026, 2031)) to get the exact "
    "union of schedules over those years"
)


class _NeedsYearsError(_NoFormError):
    """Internal: an L day token read without a ``years=`` horizon."""


def _days_body(
    parts: list[str],
    years: tuple[int, ...],
    expr: str,
    wday_field: _Field,
    dialect: str,
    horizon: tuple[int, ...] | None,
) -> StartSchedule | tuple[StartSchedule, ...]:
    """:func:`_body` under AND, with the ``L``/``W`` day tokens of Quartz, Spring and AWS."""
    mday_text, wday_text = parts[2], parts[4]
    if "L" not in mday_text and "W" not in mday_text and "L" not in wday_text:
        return _body(parts, years, expr, wday_field, _RULE_AND)  # the common case
    in_mdays = "L" in mday_text or "W" in mday_text
    field, token = (_MDAY, mday_text) if in_mdays else (_WDAY, wday_text)
    if in_mdays and "L" in wday_text:
        raise _error(expr, _WDAY, wday_text, "uses L while day-of-month uses L or W; "
                     "at most one day field may use them")  # fmt: skip
    kind, pieces_of = _day_token(token, in_mdays, wday_field, expr)
    if kind not in _DAY_TOKENS[dialect]:
        raise _error(expr, field, token, f"({_TOKEN_WORDS[kind]}) is not part of "
                     f"{_WORDS[dialect]} cron")  # fmt: skip
    blank = list(parts)
    if kind == "L-dow":  # a plain value: 7, Saturday
        blank[4] = "7"
        return _body(blank, years, expr, wday_field, _RULE_AND)
    blank[2 if in_mdays else 4] = "?"
    base = _body(blank, years, expr, wday_field, _RULE_AND)
    if kind == "nW":  # the same days whatever the month's length
        schedules = _joined(base, pieces_of(31), base.months, base.years)
    elif horizon is None:
        raise _NeedsYearsError(
            f"cron {expr!r}: {field.name} field: {token!r} ({_TOKEN_WORDS[kind]}) depends on "
            "the length of February, so it has an exact start-schedule form only over known "
            f"years; allowed: {_YEARS_ALLOWED}",
            field=field.name, value=token, allowed=_YEARS_ALLOWED, expression=expr, token=token,
            reason="depends on the length of February, so it needs a years= horizon",
        )  # fmt: skip
    else:
        schedules = _by_month_length(base, pieces_of, horizon)
    if not schedules:
        raise _NoFormError(
            f"cron {expr!r}: {field.name} field: {token!r} never falls on a day the other "
            "fields allow; allowed: fields that leave it some day",
            field=field.name, value=token, allowed="fields that leave it some day",
            expression=expr, token=token, reason="never falls on a day the other fields allow",
        )  # fmt: skip
    return schedules


def _day_token(
    token: str, in_mdays: bool, wday_field: _Field, expr: str
) -> tuple[str, Callable[[int], _Pieces]]:
    """The kind of a day token and its days per month length (0 = Sunday)."""
    if in_mdays:
        if token == "L":
            return "L", lambda last: (((last,), ()),)
        if token == "LW":
            return "LW", lambda last: (
                ((last,), _WEEKDAYS), ((last - 1,), (_FRIDAY,)), ((last - 2,), (_FRIDAY,))
            )  # fmt: skip
        offset = token[2:]
        if token.startswith("L-") and offset.isascii() and offset.isdigit():
            if not 1 <= int(offset) <= 27:
                raise _error(expr, _MDAY, token, "has an offset outside 1-27 (L-28 and more "
                             "would fall before the 1st in February)")  # fmt: skip
            return "L-n", lambda last: (((last - int(offset),), ()),)
        day = token[:-1]
        if token.endswith("W") and day.isascii() and day.isdigit():
            return "nW", _nearest_weekday(int(day), token, expr)
        raise _error(expr, _MDAY, token, "is not one of the day tokens L, L-n, LW, nW "
                     "(each alone in day-of-month)")  # fmt: skip
    day_text = token[:-1]
    if token == "L":
        return "L-dow", lambda last: ()
    number = wday_field.values.get(day_text) if token.endswith("L") else None
    if number is None:
        raise _error(expr, _WDAY, token, "is not DL (the last weekday D of the month, e.g. "
                     "FRIL) or L alone")  # fmt: skip
    weekday = number - 1 if wday_field is _WDAY_SUN1 else number % 7
    return "DL", lambda last: ((tuple(range(last - 6, last + 1)), (weekday,)),)


def _nearest_weekday(day: int, token: str, expr: str) -> Callable[[int], _Pieces]:
    """``nW``: day n on a weekday, else the Friday before or the Monday after, within the
    month (a Saturday 1st moves to Monday the 3rd)."""
    if not 1 <= day <= 27:
        raise _error(expr, _MDAY, token, "has a day outside 1-27 (near the month's end the "
                     "systems disagree on where the nearest weekday falls)")  # fmt: skip
    saturday = ((3,), (_MONDAY,)) if day == 1 else ((day - 1,), (_FRIDAY,))
    pieces = (((day,), _WEEKDAYS), saturday, ((day + 1,), (_MONDAY,)))
    return lambda last: pieces


def _by_month_length(
    base: StartSchedule, pieces_of: Callable[[int], _Pieces], horizon: tuple[int, ...]
) -> tuple[StartSchedule, ...]:
    """The union over the months the base allows, grouped by month length; February by
    leap and common years of the horizon."""
    months = base.months or _MONTH.items["*"]
    schedules: list[StartSchedule] = []
    for length, of_length in _MONTHS_OF_LENGTH:
        chosen = tuple(month for month in of_length if month in months)
        if chosen:
            schedules += _joined(base, pieces_of(length), chosen, base.years)
    if 2 in months:
        years = tuple(year for year in horizon if not base.years or year in base.years)
        leap = tuple(year for year in years if calendar.isleap(year))
        common = tuple(year for year in years if not calendar.isleap(year))
        for length, chosen_years in ((29, leap), (28, common)):
            if chosen_years:
                schedules += _joined(base, pieces_of(length), (2,), chosen_years)
    return tuple(schedules)


def _joined(
    base: StartSchedule, pieces: _Pieces, months: tuple[int, ...], years: tuple[int, ...]
) -> tuple[StartSchedule, ...]:
    """One schedule per piece, AND the base's own day fields (Spring may restrict both)."""
    schedules = []
    for piece_mdays, piece_wdays in pieces:
        mdays = tuple(day for day in piece_mdays if not base.mdays or day in base.mdays)
        wdays = piece_wdays or base.wdays
        if piece_wdays and base.wdays:
            wdays = tuple(day for day in piece_wdays if day in base.wdays)
        if mdays and (wdays or not (piece_wdays or base.wdays)):
            schedules.append(_new(base.mins, base.hours, mdays, wdays, months, years))
    return tuple(schedules)


def _horizon(years: object) -> tuple[int, ...] | None:
    """The ``years=`` option: a sorted tuple of distinct years, or None."""
    if years is None:
        return None
    allowed = "None, or a non-empty range or list of years 1970-9999, e.g. range(2026, 2031)"
    if isinstance(years, str | bytes) or not isinstance(years, Iterable):
        raise InvalidArgumentError.bad_value("years", years, "is not a range or list of years",
                                             allowed)  # fmt: skip
    values = tuple(itertools.islice(years, _MOST_YEARS + 1))
    if len(values) > _MOST_YEARS:
        raise InvalidArgumentError.bad_value("years", years, f"has more than {_MOST_YEARS} "
                                             "items", allowed)  # fmt: skip
    low, high = FIELD_RANGES["years"]
    for value in values:
        if type(value) is not int or not low <= value <= high:
            raise InvalidArgumentError.bad_value(
                "years", years, f"holds {value!r}, which is not a year {low}-{high}", allowed
            )
    if not values:
        raise InvalidArgumentError.bad_value("years", years, "is empty", allowed)
    return tuple(sorted(set(values)))


_MOST_YEARS: Final = 100_000  # a bound on what is read from an iterator: never a hang


def _within(
    schedules: tuple[StartSchedule, ...], horizon: tuple[int, ...], expr: str, years: object
) -> tuple[StartSchedule, ...]:
    """The schedules limited to the horizon's years (those left with no year dropped)."""
    limited = []
    for schedule in schedules:
        chosen = tuple(year for year in horizon if not schedule.years or year in schedule.years)
        if chosen:
            limited.append(attrs.evolve(schedule, years=chosen))
    if not limited:
        raise InvalidArgumentError.bad_value(
            "years", years, f"has no year in which {expr!r} runs (its year field)",
            "years that overlap the expression's year field",
        )  # fmt: skip
    return tuple(limited)


def _layout_error(expr: str, dialect: str, count: int, layout: str) -> CronConversionError:
    return _plain_error(expr, dialect, "expression", expr, f"has {count} fields", layout)


def _read(expr: str, dialect: str, years: object = None) -> tuple[StartSchedule, ...]:
    """The exact union of schedules of ``expr`` in ``dialect`` (``auto`` included), within
    the ``years`` horizon when one is given."""
    if type(expr) is not str:
        expr = _as_str(expr)
    horizon = _horizon(years)
    text = _strip_comment(expr)
    if dialect == "auto":
        schedules = _read_auto(text, expr, horizon)
    else:
        schedules = _read_dialect(text, expr, dialect, horizon)
    return schedules if horizon is None else _within(schedules, horizon, expr, years)


def _read_dialect(
    text: str, expr: str, dialect: str, horizon: tuple[int, ...] | None
) -> tuple[StartSchedule, ...]:
    if dialect == "aws":
        text = _unwrap_aws(text) or text
    zone, text = _split_tz(text, expr, dialect)
    try:
        schedules = _union(text, expr, dialect, horizon)
    except CronConversionError as error:
        error.dialect = dialect
        raise
    return _with_tz(schedules, zone)


def _union(
    text: str, expr: str, dialect: str, horizon: tuple[int, ...] | None = None
) -> tuple[StartSchedule, ...]:
    try:
        read = _one_dialect(text, expr, dialect, horizon)
    except _OrCaseError as case:
        mins, hours, mdays, wdays, months, years = case.fields
        return (
            _new(mins, hours, mdays, (), months, years),
            _new(mins, hours, (), wdays, months, years),
        )
    return read if isinstance(read, tuple) else (read,)


def _with_tz(schedules: tuple[StartSchedule, ...], zone: str | None) -> tuple[StartSchedule, ...]:
    if zone is None:
        return schedules
    return tuple(attrs.evolve(schedule, tz=zone) for schedule in schedules)


def _read_auto(text: str, expr: str, horizon: tuple[int, ...] | None) -> tuple[StartSchedule, ...]:
    aws = _unwrap_aws(text)
    if aws is not None:
        try:
            return _union(aws, expr, "aws", horizon)
        except CronConversionError as error:
            error.dialect = "aws"
            raise
    zone, text = _split_tz(text, expr, "auto")
    parts = text.split()
    count = len(parts)
    if count == 5 and "?" not in text and _descending_range(parts, _CRON_FIELDS) is None:
        try:  # the fast path: cron and robfig agree unless both day fields are restricted
            schedule = _body(parts, (), text, _WDAY, _RULE_VIXIE)
        except (_OrCaseError, CronConversionError):
            pass
        else:
            # robfig refuses '#' and wrap-arounds, and reads the rest alike unless its day
            # rule (OR) differs from Vixie's (AND here).
            if not (schedule.mdays and schedule.wdays) or "#" in parts[4]:
                return _with_tz((schedule,), zone)
            if not _is_or(_RULE_ROBFIG, parts[2], parts[4]):
                return _with_tz((schedule,), zone)
        candidates: tuple[str, ...] = ("cron", "kubernetes")
    elif count == 5:
        candidates = ("cron", "kubernetes")
    elif count == 6:
        candidates = ("cron", "spring", "quartz", "aws")
    elif count == 7:
        candidates = ("quartz",)
    else:
        candidates = ("cron", "kubernetes", "spring")
    return _with_tz(_agree(text, expr, candidates, horizon), zone)


def _agree(
    text: str, expr: str, candidates: tuple[str, ...], horizon: tuple[int, ...] | None
) -> tuple[StartSchedule, ...]:
    """The one reading every accepting dialect gives, else the refusal naming them all."""
    readings: dict[str, tuple[StartSchedule, ...] | CronConversionError] = {}
    refusals: dict[str, CronConversionError] = {}
    for dialect in candidates:
        try:
            readings[dialect] = _union(text, expr, dialect, horizon)
        except _NoFormError as error:
            error.dialect = dialect
            readings[dialect] = error
        except CronConversionError as error:
            error.dialect = dialect
            refusals[dialect] = error
    if not readings:
        if len(refusals) == 1:
            raise next(iter(refusals.values()))
        raise _nowhere_error(expr, text, refusals)
    values = list(readings.values())
    first = values[0]
    if isinstance(first, tuple) and all(
        isinstance(value, tuple) and set(value) == set(first) for value in values
    ):
        return first
    if len(values) == 1 or all(isinstance(value, _NeedsYearsError) for value in values):
        assert isinstance(first, CronConversionError)
        raise first
    raise _ambiguous_error(expr, readings)


def _words(reading: tuple[StartSchedule, ...] | CronConversionError) -> str:
    if isinstance(reading, CronConversionError):
        return f"{reading.reason} (refused)"
    from ._describe import describe

    return " or ".join(describe(schedule).rstrip(".") for schedule in reading)


def _ambiguous_error(
    expr: str, readings: dict[str, tuple[StartSchedule, ...] | CronConversionError]
) -> CronConversionError:
    named = "; ".join(
        f"as {_WORDS[dialect]}: {_words(reading)} (dialect={dialect!r})"
        for dialect, reading in readings.items()
    )
    why = f"reads differently in different cron dialects: {named}"
    allowed = "pass dialect= to choose the system the expression comes from"
    return CronConversionError(
        f"cron {expr!r} {why}; {allowed}",
        field="dialect", value=expr, reason=why, allowed=allowed,
        expression=expr, token=expr, dialect="auto",
    )  # fmt: skip


def _nowhere_error(
    expr: str, text: str, refusals: dict[str, CronConversionError]
) -> CronConversionError:
    parts = text.split()
    hint = ""
    if len(parts) > 5:
        try:
            _parse(" ".join(parts[:5]))
            hint = (
                " (the first five fields are a cron schedule: if the rest is a command, "
                "read the line with read_crontab() or pass the five fields alone)"
            )
        except (_OrCaseError, CronConversionError):
            pass
    named = "; ".join(f"as {_WORDS[name]}: {error}" for name, error in refusals.items())
    why = f"is not valid in any cron dialect{hint}: {named}"
    first = next(iter(refusals.values()))
    return CronConversionError(
        f"cron {expr!r} {why}",
        field=first.field, value=first.value, reason=why, allowed=first.allowed,
        expression=expr, token=first.token, dialect="auto",
    )  # fmt: skip


# -- public ----------------------------------------------------------------------------


def schedule_from_cron(
    expr: str, dialect: Dialect = "auto", *, years: Iterable[int] | None = None
) -> StartSchedule:
    """The start schedule with exactly the run times of the cron expression ``expr``.

    ``dialect`` names the system the expression comes from (``cron``, ``kubernetes``,
    ``quartz``, ``spring``, ``aws`` or an alias); ``auto`` (the default) reads a string
    only when every dialect that accepts it gives the same runs.

    ``years`` (a range or list of years) is a horizon: the result has exactly the runs of
    ``expr`` in those years and none outside them.  The last-day tokens ``L``, ``L-n``,
    ``LW`` and ``DL`` need it (their day depends on the length of February).

    Raises :class:`~altcraft_schedule._errors.CronConversionError` (a ``ValueError``) naming
    the token, its field and why when ``expr`` is not in the dialect, when its readings
    differ (``auto``), or when both day fields are restricted (cron's OR):
    :func:`schedules_from_cron` converts that case.
    Raises :class:`~altcraft_schedule._errors.InvalidArgumentError` if ``expr`` is not a str
    or ``years`` is not a non-empty range or list of years 1970-9999.
    """
    schedules = _read(expr, _dialect(dialect), years)
    if len(schedules) == 1:
        return schedules[0]
    if all(schedule.mdays for schedule in schedules):  # not cron's OR: an L/W day
        why = (f"has {len(schedules)} schedules in its exact form (its last or nearest "
               "weekday falls on different days of the week or month)")  # fmt: skip
        allowed = "schedules_from_cron() returns the exact union as a tuple of schedules"
        raise CronConversionError(
            f"cron {expr!r} {why}; allowed: {allowed}",
            field="day-of-month", value=expr, reason=why, allowed=allowed,
            expression=expr, token=expr, dialect=_dialect(dialect),
        )  # fmt: skip
    parts = _strip_comment(expr).split()
    if parts[0].startswith(("CRON_TZ=", "TZ=")):
        del parts[0]
    name = _dialect(dialect)
    rule = (
        "are both restricted"
        if name == "kubernetes"
        else ("are both restricted and neither starts with '*'")
    )
    why = (
        f"day-of-month {parts[2]!r} and day-of-week {parts[4]!r} {rule}, so cron runs on days "
        "matching either (OR), but a start schedule needs both (AND)"
    )
    allowed = (
        "schedules_from_cron() returns the exact union as a tuple of schedules, or make one "
        "of the two fields '*'"
    )
    raise CronConversionError(
        f"cron {expr!r}: {why}; {allowed}",
        field="day-of-month", value=expr, reason=why, allowed=allowed,
        expression=expr, token=f"{parts[2]} {parts[4]}", dialect=name,
    )  # fmt: skip


def schedules_from_cron(
    expr: str, dialect: Dialect = "auto", *, years: Iterable[int] | None = None
) -> tuple[StartSchedule, ...]:
    """The start schedules whose merged runs are exactly the run times of ``expr``.

    One schedule, except when the day rule is OR (cron and robfig/cron with both day
    fields restricted): then two, one with the day-of-month values and one with the
    day-of-week values; and for the ``L``/``W`` day tokens of Quartz, Spring and AWS:
    one schedule per part of the day rule (``nW``: the day itself on a weekday, the
    Friday before, the Monday after) and, with ``years``, per month length (February in
    leap and common years apart).  ``years`` and errors as :func:`schedule_from_cron`.
    """
    return _read(expr, _dialect(dialect), years)


def schedule_to_cron(schedule: StartSchedule, dialect: Dialect = "cron") -> str:
    """The cron expression of ``schedule`` in ``dialect`` (``cron`` by default).

    ``cron`` is canonical and compact: ``*`` for an empty field, else numbers, ``a-b``,
    ``*/n``, ``a-b/n`` and lists; a sixth ``year`` field only when ``years`` is set; ``tz``
    as a ``CRON_TZ=`` prefix.  The other dialects write their own forms.
    ``from_cron(to_cron(s, dialect=d), dialect=d) == s``.
    Raises :class:`~altcraft_schedule._errors.CronConversionError` when no expression of the
    dialect says the same.
    """
    if not isinstance(schedule, StartSchedule):
        raise InvalidArgumentError(
            f"schedule: {schedule!r} is not a StartSchedule; allowed: a StartSchedule"
        )
    name = _dialect(dialect)
    if name == "auto":
        name = "cron"
    for option in ("profile", "losers"):
        if getattr(schedule, option):
            raise _to_cron_error(name, option, True, "has no cron form",
                                 "profile/losers None or False")  # fmt: skip
    if schedule.mdays and schedule.wdays and name != "spring":
        rule = "reads OR" if name in ("cron", "kubernetes") else "needs '?' in one of them"
        raise _to_cron_error(
            name, "mdays", list(schedule.mdays),
            f"and wdays {list(schedule.wdays)} are both set: the schedule needs both (AND), "
            f"but {name} {rule} when both day fields are restricted (cron reads OR)",
            "one of mdays and wdays empty (split the schedule), or dialect 'spring' (AND)",
        )  # fmt: skip
    if schedule.tz and name not in ("cron", "kubernetes"):
        raise _to_cron_error(name, "tz", schedule.tz, f"has no {name} cron form",
                             "tz None, or dialect 'cron'/'kubernetes' (CRON_TZ=)")  # fmt: skip
    if schedule.years and name in ("kubernetes", "spring"):
        raise _to_cron_error(name, "years", list(schedule.years),
                             f"have no {name} cron form (no year field)",
                             "years empty, or dialect 'cron', 'quartz' or 'aws'")  # fmt: skip
    last_year = {"quartz": 2099, "aws": 2199}.get(name, 9999)
    if schedule.years and schedule.years[-1] > last_year:
        raise _to_cron_error(name, "years", list(schedule.years),
                             f"go past {last_year} ({_WORDS[name]} ends there)",
                             f"years up to {last_year}")  # fmt: skip
    return _write(schedule, name)


def _to_cron_error(
    dialect: str, field: str, value: object, why: str, allowed: str
) -> CronConversionError:
    label = f"{field} {value!r}" if isinstance(value, list) else f"{field}={value!r}"
    return CronConversionError(
        f"to_cron: {label} {why}; allowed: {allowed}",
        field=field, value=value, reason=why, allowed=allowed, dialect=dialect,
    )  # fmt: skip


def _write(schedule: StartSchedule, dialect: str) -> str:
    minute = _format(schedule.mins, _MINUTE)
    hour = _format(schedule.hours, _HOUR)
    mday = _format(schedule.mdays, _MDAY)
    month = _format(schedule.months, _MONTH)
    years = _format(schedule.years, _YEAR)
    if dialect in ("cron", "kubernetes", "spring"):
        wday = _format(schedule.wdays, _WDAY)
        if dialect == "spring" and wday.startswith("*/"):  # Spring's */n starts on Monday
            wday = ",".join(_pieces(schedule.wdays))
        text = f"{minute} {hour} {mday} {month} {wday}"
        if dialect == "spring":
            return f"0 {text}"
        if schedule.years:
            text = f"{text} {years}"
        return f"CRON_TZ={schedule.tz} {text}" if schedule.tz else text
    wday = _format(tuple(day + 1 for day in schedule.wdays), _WDAY_SUN1)
    if schedule.wdays:
        mday = "?"
    else:
        wday = "?"
    text = f"{minute} {hour} {mday} {month} {wday}"
    if dialect == "aws":
        return f"cron({text} {years})"
    return f"0 {text} {years}" if schedule.years else f"0 {text}"


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

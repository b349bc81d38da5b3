"""Hypothesis strategies for property tests of code that uses start schedules and cron.

* :func:`start_schedules` draws valid :class:`~altcraft_schedule._schedule.StartSchedule`
  values; every field can be fixed or restricted, and a run after a given instant can be
  required.
* :func:`cron_expressions` draws cron expressions across the whole dialect of
  :func:`~altcraft_schedule._cron.schedule_from_cron` (names in any case, lists, ranges,
  wrap-around ranges, steps, ``?``, ``7``, macros, a year field, ``D#n``).

Hypothesis is an optional dependency: ``pip install "altcraft-schedule[hypothesis]"``.
Draws shrink towards the simplest value (``* * * * *``, the empty schedule).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any, Final, Literal, TypeAlias, TypeVar

import attrs

try:
    from hypothesis import assume
    from hypothesis import strategies as st
    from hypothesis.strategies import DrawFn, SearchStrategy
except ImportError as error:  # pragma: no cover - exercised only without hypothesis
    raise ImportError(
        "altcraft_schedule.strategies needs Hypothesis, an optional dependency: "
        "pip install 'altcraft-schedule[hypothesis]' (or pip install hypothesis)"
    ) from error

from ._cron import schedules_from_cron
from ._errors import CronConversionError, InvalidArgumentError
from ._schedule import FIELD_RANGES, StartSchedule

__all__ = ["ZONES", "cron_expressions", "start_schedules"]

T = TypeVar("T")


class _Draw(enum.Enum):
    """Marker of an option left to its default: the value is drawn."""

    DRAW = "DRAW"


_DRAW: Final = _Draw.DRAW

#: Zones drawn for ``tz`` by default: UTC, plain ones and the DST edge cases of SPEC §2
#: (30- and 45-minute shifts, transitions at midnight, the southern hemisphere).
ZONES: Final = (
    "UTC",
    "Europe/Moscow",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
)

FieldOption: TypeAlias = Iterable[int] | SearchStrategy[Iterable[int]] | Literal[_Draw.DRAW]
ValueOption: TypeAlias = "T | SearchStrategy[T] | Literal[_Draw.DRAW]"
_DAY_ATTRS: Final = ("mdays", "wdays")


# -- start schedules -------------------------------------------------------------------


def start_schedules(
    *,
    mins: FieldOption = _DRAW,
    hours: FieldOption = _DRAW,
    mdays: FieldOption = _DRAW,
    wdays: FieldOption = _DRAW,
    months: FieldOption = _DRAW,
    years: FieldOption = _DRAW,
    tz: ValueOption[str | None] = _DRAW,
    profile: ValueOption[bool | None] = _DRAW,
    losers: ValueOption[bool | None] = _DRAW,
    fixed_time: bool | None = None,
    with_mdays: bool | None = None,
    with_wdays: bool | None = None,
    cron_compatible: bool = False,
    after: datetime | None = None,
    future: bool = False,
) -> SearchStrategy[StartSchedule]:
    """Valid start schedules.

    Array fields (``mins``, ``hours``, ``mdays``, ``wdays``, ``months``, ``years``): left
    out, the field is drawn (empty about half the time; otherwise one value, a short list,
    a range, a step progression or, except ``years``, the full list, which the model keeps
    distinct from empty).  Pass a list of ints to fix the field (``()`` = every value) or a
    strategy of lists to draw it yourself.  Drawn years lie mostly near the year of
    ``after`` (2025 without it), sometimes anywhere in 1970-9999.

    ``tz``, ``profile``, ``losers``: left out, drawn (``tz`` from :data:`ZONES` or None;
    the booleans from None/True/False); pass a value (``None`` included) to fix one, or a
    strategy.

    ``fixed_time``: True requires ``hours`` and ``mins`` both non-empty (the DST rules of
    fixed-time schedules apply), False requires at least one of them empty, None allows
    both.  ``with_mdays``/``with_wdays``: True requires the field non-empty, False empty;
    only for a drawn field (giving the field too raises
    :class:`~altcraft_schedule._errors.InvalidArgumentError`).

    ``cron_compatible``: only schedules :func:`~altcraft_schedule._cron.schedule_to_cron`
    accepts: ``tz``, ``profile`` and ``losers`` None, and not both day fields set.

    ``after`` (a datetime) requires a run strictly after it, as ``next_run(after)`` sees
    it: a naive ``after`` is wall time in the schedule's zone, UTC when ``tz`` is None.
    ``future=True`` is ``after=now`` at draw time.  Drawn fields are adjusted to make it
    hold (a later year added; years, then day fields, cleared if still no run); schedules
    with fixed fields that never run again are rejected.
    """
    if future and after is not None:
        raise InvalidArgumentError("start_schedules: pass either future=True or after, not both")
    if after is not None and not isinstance(after, datetime):
        raise InvalidArgumentError(f"start_schedules: after={after!r} is not a datetime")
    given = {"mins": mins, "hours": hours, "mdays": mdays, "wdays": wdays}
    given |= {"months": months, "years": years}
    for attr, value in given.items():  # fixed lists: validated and normalised once, here
        if not isinstance(value, SearchStrategy | _Draw):
            given[attr] = _normalise(attr, value)
    for attr, wanted in (("mdays", with_mdays), ("wdays", with_wdays)):
        if wanted is not None and given[attr] is not _DRAW:
            raise InvalidArgumentError(
                f"start_schedules: pass either {attr} or with_{attr}, not both"
            )
    for attr in ("mins", "hours"):
        if fixed_time and given[attr] == ():
            raise InvalidArgumentError(
                f"start_schedules: fixed_time=True needs {attr} non-empty, not ()"
            )
    if cron_compatible:
        _check_cron_compatible(tz=tz, profile=profile, losers=losers)
        tz = profile = losers = None
    now_year = datetime.now(timezone.utc).year if future else 2025
    base_year = min(max(after.year, 1970), 9999) if after is not None else now_year
    fields = {
        attr: _field_option(attr, value)
        if value is not _DRAW
        else _drawn_field(attr, base_year, fixed_time, {"mdays": with_mdays, "wdays": with_wdays})
        for attr, value in given.items()
    }
    optional = {
        "tz": _value_option(tz, st.one_of(st.none(), st.sampled_from(ZONES))),
        "profile": _value_option(profile, st.one_of(st.none(), st.booleans())),
        "losers": _value_option(losers, st.one_of(st.none(), st.booleans())),
    }
    rules = _Rules(
        drawn={attr for attr, value in given.items() if value is _DRAW},
        fixed_time=fixed_time,
        with_days={"mdays": with_mdays, "wdays": with_wdays},
        cron_compatible=cron_compatible,
        after=after,
        future=future,
    )
    return _schedules(fields, optional, rules)


class _Rules:
    """The constraints of one :func:`start_schedules` call."""

    def __init__(
        self,
        *,
        drawn: set[str],
        fixed_time: bool | None,
        with_days: dict[str, bool | None],
        cron_compatible: bool,
        after: datetime | None,
        future: bool,
    ) -> None:
        self.drawn = drawn
        self.fixed_time = fixed_time
        self.with_days = with_days
        self.cron_compatible = cron_compatible
        self.after = after
        self.future = future

    def clearable(self, attr: str) -> bool:
        """Whether a repair may empty ``attr`` (drawn, and not required non-empty)."""
        if attr not in self.drawn or self.with_days.get(attr):
            return False
        return not (self.fixed_time and attr in ("mins", "hours"))


def _check_cron_compatible(**values: object) -> None:
    for name, value in values.items():
        if value is not _DRAW and value is not None:
            raise InvalidArgumentError(
                f"start_schedules: {name}={value!r} has no cron form; "
                "cron_compatible=True needs it None"
            )


def _field_option(
    attr: str, value: Iterable[int] | SearchStrategy[Iterable[int]]
) -> SearchStrategy[tuple[int, ...]]:
    """A given field: a fixed list (already normalised), or a strategy of lists."""
    if isinstance(value, SearchStrategy):
        return value.map(lambda values: _normalise(attr, values))
    return st.just(tuple(value))


def _normalise(attr: str, values: Iterable[int]) -> tuple[int, ...]:
    """``values`` validated, sorted and de-duplicated by the model."""
    normalised: tuple[int, ...] = getattr(StartSchedule(**{attr: values}), attr)
    return normalised


def _drawn_field(
    attr: str, base_year: int, fixed_time: bool | None, with_days: dict[str, bool | None]
) -> SearchStrategy[tuple[int, ...]]:
    required = with_days.get(attr)
    if fixed_time and attr in ("mins", "hours"):
        required = True
    if required is False:
        return st.just(())
    nonempty = _values(attr, base_year)
    if required is True:
        return nonempty
    # Empty about half the time (years two thirds): every value, the common case.
    blanks = [st.just(()), st.just(())] if attr == "years" else [st.just(())]
    return st.one_of(*blanks, nonempty)


def _value_option(value: ValueOption[T], default: SearchStrategy[T]) -> SearchStrategy[T]:
    if value is _DRAW:
        return default
    if isinstance(value, SearchStrategy):
        return value
    return st.just(value)


def _values(attr: str, base_year: int) -> SearchStrategy[tuple[int, ...]]:
    """Non-empty values of a drawn field."""
    low, high = FIELD_RANGES[attr]
    if attr == "years":
        near = st.integers(max(low, base_year - 5), min(high, base_year + 30))
        value = st.one_of(near, st.integers(low, high))
        span = st.integers(1, 20)
        return st.one_of(
            value.map(lambda year: (year,)),
            st.lists(value, min_size=1, max_size=4).map(_sorted),
            st.tuples(near, span).map(lambda pair: _sorted(range(pair[0], pair[0] + pair[1]))),
            st.tuples(near, span, st.integers(2, 10)).map(
                lambda t: _sorted(range(t[0], t[0] + t[1] * t[2], t[2]))
            ),
        )
    value = st.integers(low, high)
    step = st.integers(2, max(2, (high - low + 1) // 2))
    return st.one_of(
        value.map(lambda v: (v,)),
        st.lists(value, min_size=1, max_size=6).map(_sorted),
        st.tuples(value, value).map(lambda ab: _sorted(range(min(ab), max(ab) + 1))),
        st.tuples(value, step).map(lambda vs: _sorted(range(vs[0], high + 1, vs[1]))),
        st.just(tuple(range(low, high + 1))),
    )


def _sorted(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted({value for value in values if value <= 9999}))


def _schedules(
    fields: dict[str, SearchStrategy[tuple[int, ...]]],
    optional: dict[str, SearchStrategy[Any]],
    rules: _Rules,
) -> SearchStrategy[StartSchedule]:
    @st.composite
    def draw_schedule(draw: DrawFn) -> StartSchedule:
        values = {attr: draw(strategy) for attr, strategy in fields.items()}
        _apply_rules(draw, values, rules)
        extra = {name: draw(strategy) for name, strategy in optional.items()}
        schedule = StartSchedule(**values, **extra)
        after = datetime.now(timezone.utc) if rules.future else rules.after
        if after is not None:
            schedule = _with_future_run(schedule, after, rules)
        return schedule

    return draw_schedule()


def _apply_rules(draw: DrawFn, values: dict[str, tuple[int, ...]], rules: _Rules) -> None:
    """Enforce ``fixed_time`` and ``cron_compatible``: empty drawn fields where a rule
    needs one empty, reject draws of given strategies that break a rule."""
    if rules.fixed_time:
        assume(values["mins"] and values["hours"])
    pairs = []
    if rules.fixed_time is False:
        pairs.append(("mins", "hours"))
    if rules.cron_compatible:
        pairs.append(_DAY_ATTRS)
    for first, second in pairs:
        if not (values[first] and values[second]):
            continue
        choices = [attr for attr in (first, second) if rules.clearable(attr)]
        assume(choices)  # both fields were given non-empty: nothing to clear
        values[draw(st.sampled_from(choices))] = ()


def _with_future_run(schedule: StartSchedule, after: datetime, rules: _Rules) -> StartSchedule:
    """``schedule``, its drawn fields adjusted until it has a run after ``after``."""
    last_year = schedule.years[-1] if schedule.years else 9999
    if rules.clearable("years") and last_year <= after.year < 9999:
        schedule = attrs.evolve(schedule, years=(*schedule.years, after.year + 1))
    for attr in ("years", "mdays", "wdays", "months"):
        if schedule.next_run(after) is not None:
            return schedule
        if rules.clearable(attr) and getattr(schedule, attr):
            schedule = attrs.evolve(schedule, **{attr: ()})
    assume(schedule.next_run(after) is not None)
    return schedule


# -- cron expressions ------------------------------------------------------------------


class _Spec:
    """What :func:`cron_expressions` may write in one field."""

    def __init__(
        self,
        low: int,
        high: int,
        names: tuple[str, ...] = (),
        *,
        top: int | None = None,
        wraps: bool = True,
    ) -> None:
        self.low = low
        self.high = high
        self.top = high if top is None else top  # day-of-week also writes 7
        self.names = names
        self.cycle = high - low + 1
        self.wraps = wraps


_MONTH_NAMES: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")  # fmt: skip
_WEEKDAY_NAMES: Final = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_MINUTE: Final = _Spec(0, 59)
_HOUR: Final = _Spec(0, 23)
_MDAY: Final = _Spec(1, 31)
_MONTH: Final = _Spec(1, 12, _MONTH_NAMES)
_WDAY: Final = _Spec(0, 6, _WEEKDAY_NAMES, top=7)
_MACROS: Final = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
_CRONITER_LAST_YEAR: Final = 2099


class _CronOptions:
    def __init__(
        self,
        *,
        names: bool,
        wrap_around: bool,
        equal_ranges: bool,
        wrap_steps: bool,
        star_items: bool,
    ) -> None:
        self.names = names
        self.wrap_around = wrap_around
        self.equal_ranges = equal_ranges
        self.wrap_steps = wrap_steps
        self.star_items = star_items


def cron_expressions(
    *,
    allow_or: bool = False,
    year: bool | None = None,
    year_bounds: tuple[int, int] = (1970, 9999),
    macros: bool = True,
    names: bool = True,
    wrap_around: bool = True,
    nth_weekday: bool = True,
    croniter_compatible: bool = False,
    dialect: Literal["auto", "cron"] = "auto",
) -> SearchStrategy[str]:
    """Cron expressions that :func:`~altcraft_schedule._cron.schedules_from_cron` converts.

    ``dialect``: ``"auto"`` (default) draws only expressions that the default
    ``dialect="auto"`` converts, to the same schedules as the cron dialect (6-field strings
    that Spring, Quartz or AWS would read otherwise, and 5-field strings that robfig/cron
    would read otherwise, are left out); ``"cron"`` draws the whole cron dialect (5 fields,
    or 6 with a trailing year), to be read with ``dialect="cron"``.

    Fields hold ``*`` (``?`` in the day fields), or lists of numbers (some zero-padded),
    names in any case, ranges, wrap-around ranges, equal ranges ``a-a``, steps ``*/n``,
    ``a-b/n``, ``a/n``; day-of-week also writes ``7`` for Sunday.  Separators are spaces
    or tabs.

    ``allow_or``: False (default) draws only expressions that
    :func:`~altcraft_schedule._cron.schedule_from_cron` converts: at most one day field is
    restricted without starting with ``*``/``?``.  True also draws cron's OR case, which
    only ``schedules_from_cron`` converts.
    ``year``: True always adds a sixth ``year`` field, False never, None sometimes.
    ``year_bounds``: inclusive bounds of the years written (within 1970-9999).
    ``macros``: draw ``@daily`` and the other macros (in any case) now and then.
    ``names``: write month and weekday names, not only numbers.
    ``wrap_around``: draw wrap-around ranges (``FRI-MON``, ``22-2``, with steps too).
    ``nth_weekday``: draw ``D#n`` day-of-week fields (with day-of-month ``*``/``?``).
    ``croniter_compatible``: only forms croniter 7 reads the same way: no equal ranges
    (croniter reads ``5-5`` as the whole field), no steps over wrap-around ranges
    (croniter miscounts them past the end of the field), no ``*`` item in a list and
    ``*/n`` items only at the start of a day field (croniter's day rule looks for ``*``
    anywhere in a day field, Vixie cron's at its first character only: ``0 0 1 * 0,*``,
    ``0 0 10,*/4 * 0-6``), and years at most 2099 (croniter's year range).
    """
    low, high = year_bounds
    if not (1970 <= low <= high <= 9999):
        raise InvalidArgumentError(
            f"cron_expressions: year_bounds={year_bounds!r}; allowed: (low, high) with "
            "1970 <= low <= high <= 9999"
        )
    if croniter_compatible:
        high = min(high, _CRONITER_LAST_YEAR)
        if low > high:
            raise InvalidArgumentError(
                f"cron_expressions: year_bounds={year_bounds!r} has no year <= 2099, "
                "croniter's last year"
            )
    options = _CronOptions(
        names=names,
        wrap_around=wrap_around,
        equal_ranges=not croniter_compatible,
        wrap_steps=wrap_around and not croniter_compatible,
        star_items=not croniter_compatible,
    )
    minute, hour, month = (_field(spec, options) for spec in (_MINUTE, _HOUR, _MONTH))
    mday, wday = (_field(spec, options, question=True) for spec in (_MDAY, _WDAY))
    year_field = _field(_Spec(low, high, wraps=False), options)
    nth = _nth_weekday(options)

    @st.composite
    def draw_expression(draw: DrawFn) -> str:
        if macros and draw(st.integers(0, 9)) == 9:
            macro = draw(st.sampled_from(_MACROS))
            return macro.upper() if draw(st.booleans()) else macro
        fields = [draw(minute), draw(hour), draw(mday), draw(month), draw(wday)]
        if nth_weekday and draw(st.integers(0, 5)) == 5:
            fields[2], fields[4] = draw(nth)
        elif not allow_or and fields[2][0] not in "*?" and fields[4][0] not in "*?":
            fields[draw(st.sampled_from((2, 4)))] = draw(st.sampled_from(("*", "?")))
        if year is True or (year is None and draw(st.booleans())):
            fields.append(draw(year_field))
        return draw(st.sampled_from((" ", "  ", "\t"))).join(fields)

    if dialect == "cron":
        return draw_expression()
    if dialect != "auto":
        raise InvalidArgumentError.bad_value(
            "dialect", dialect, "is not drawn by cron_expressions", "'auto' or 'cron'"
        )
    return draw_expression().filter(_auto_reads_as_cron)


def _auto_reads_as_cron(expr: str) -> bool:
    """``dialect="auto"`` converts ``expr`` to the cron dialect's schedules."""
    try:
        return set(schedules_from_cron(expr)) == set(schedules_from_cron(expr, dialect="cron"))
    except CronConversionError:
        return False


def _nth_weekday(options: _CronOptions) -> SearchStrategy[tuple[str, str]]:
    """``D#n`` in day-of-week, with ``*`` or ``?`` in day-of-month."""
    day = _spelled(_WDAY, options, st.integers(0, 7))
    return st.tuples(
        st.sampled_from(("*", "?")),
        st.tuples(day, st.integers(1, 5)).map(lambda pair: f"{pair[0]}#{pair[1]}"),
    )


def _field(spec: _Spec, options: _CronOptions, *, question: bool = False) -> SearchStrategy[str]:
    blanks = ("*", "?") if question else ("*",)
    items = st.lists(_item(spec, options), min_size=1, max_size=3)
    if question and not options.star_items:
        items = items.map(_stars_first)
    return st.one_of(st.sampled_from(blanks), items.map(",".join))


def _stars_first(items: list[str]) -> list[str]:
    """``*/n`` items first: croniter looks for ``*`` anywhere in a day field, Vixie only
    at its start, and the two then agree."""
    return sorted(items, key=lambda item: not item.startswith("*"))


def _item(spec: _Spec, options: _CronOptions) -> SearchStrategy[str]:
    """One list item: a value, a range or a step form (rarely ``*``)."""
    bound = _bound(spec)
    value = _spelled(spec, options, bound)
    step = st.one_of(st.integers(1, min(12, spec.cycle)), st.integers(1, spec.cycle))

    @st.composite
    def draw_range(draw: DrawFn, stepped: bool) -> str:
        first, last = _range_ends(spec, draw(bound), draw(bound), options, stepped=stepped)
        text = f"{draw(_spelled(spec, options, st.just(first)))}-"
        text += draw(_spelled(spec, options, st.just(last)))
        return f"{text}/{draw(step)}" if stepped else text

    plain_range = draw_range(stepped=False)
    shapes = [
        value,
        plain_range,
        step.map(lambda n: f"*/{n}"),
        draw_range(stepped=True),
        st.tuples(value, step).map(lambda pair: f"{pair[0]}/{pair[1]}"),
        value,
        plain_range,
    ]
    return st.one_of(*shapes, st.just("*")) if options.star_items else st.one_of(*shapes)


def _bound(spec: _Spec) -> SearchStrategy[int]:
    """A value of the field; years mostly near today, where schedules are tested."""
    anywhere = st.integers(spec.low, spec.top)
    near_low, near_high = max(spec.low, 2020), min(spec.high, 2040)
    if spec.wraps or near_low > near_high:
        return anywhere
    return st.one_of(st.integers(near_low, near_high), anywhere)


def _range_ends(
    spec: _Spec, first: int, last: int, options: _CronOptions, *, stepped: bool
) -> tuple[int, int]:
    """Range ends the options allow: swapped when wrapping is not allowed, the whole
    field instead of an equal range (7-0 included) when equal ranges are not."""
    start = _day(spec, first)  # 7 as a range start is Sunday, 0
    no_wrap = not (spec.wraps and options.wrap_around) or (stepped and not options.wrap_steps)
    if start > last and no_wrap:
        first, last = last, first
        start = _day(spec, first)
    if not options.equal_ranges and start == _day(spec, last):
        return spec.low, spec.high
    return first, last


def _day(spec: _Spec, value: int) -> int:
    return 0 if spec is _WDAY and value == 7 else value


def _spelled(
    spec: _Spec, options: _CronOptions, values: SearchStrategy[int]
) -> SearchStrategy[str]:
    """Values written as numbers (sometimes zero-padded) or, where they have one, names
    in any case."""

    @st.composite
    def draw_spelling(draw: DrawFn) -> str:
        value = draw(values)
        if options.names and spec.names and draw(st.booleans()):
            name = spec.names[value % 7 if spec is _WDAY else value - spec.low]
            return draw(st.sampled_from((name, name.lower(), name.title())))
        if value < 10 and draw(st.integers(0, 4)) == 4:
            return f"0{value}"
        return str(value)

    return draw_spelling()

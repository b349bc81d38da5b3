"""Hypothesis strategies for property tests of code that uses start schedules and cron.

* :func:`start_schedules` draws valid :class:`~altcraft_schedule.StartSchedule` values;
  every field can be fixed or restricted, a run after a given instant can be required,
  and draws aim at DST gaps and overlaps and at calendar edges on purpose.
* :func:`cron_expressions` draws cron expressions that
  :func:`~altcraft_schedule.schedules_from_cron` converts, in the syntax of one dialect
  (cron, kubernetes, quartz, spring, aws, or what ``auto`` reads as cron).
* :func:`invalid_cron_expressions` draws strings the converter refuses.

Hypothesis is an optional dependency: ``pip install "altcraft-schedule[hypothesis]"``.
Bad options raise :class:`hypothesis.errors.InvalidArgument` (also an
:class:`~altcraft_schedule.InvalidArgumentError`) when the strategy is first used.
Draws shrink towards the simplest value: fields empty, no zone, no DST aim, no edge.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Any, Final, Literal, TypeAlias, TypeVar
from zoneinfo import ZoneInfo

import attrs

try:
    from hypothesis import assume
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
    from hypothesis.strategies import DrawFn, SearchStrategy
except ImportError as error:  # pragma: no cover - exercised only without hypothesis
    raise ImportError(
        "altcraft_schedule.strategies needs Hypothesis, an optional dependency: "
        "pip install 'altcraft-schedule[hypothesis]' (or pip install hypothesis)"
    ) from error

from ._cron import MACROS, MONTH_NAMES, WEEKDAY_NAMES, schedules_from_cron
from ._errors import CronConversionError, InvalidArgumentError, InvalidValueError
from ._schedule import FIELD_RANGES, StartSchedule
from ._transitions import Transition, transitions

__all__ = [
    "EDGE_KINDS",
    "ZONES",
    "CronDialect",
    "cron_expressions",
    "invalid_cron_expressions",
    "start_schedules",
]

T = TypeVar("T")


class _Draw(enum.Enum):
    """Marker of an option left to its default: the value is drawn."""

    DRAW = "DRAW"


_DRAW: Final = _Draw.DRAW

#: Zones drawn for ``tz`` by default (the first, UTC, is the shrink target): plain ones
#: and the hard cases of DST: 30- and 45-minute shifts (Lord Howe, Chatham), transitions
#: at midnight and the southern hemisphere (Santiago), negative DST (Dublin), a two-hour
#: shift (Troll), DST switched off for Ramadan (Casablanca), a skipped day (Apia, 2011).
ZONES: Final = (
    "UTC",
    "Europe/Moscow",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "Europe/Dublin",
    "Antarctica/Troll",
    "Africa/Casablanca",
    "Pacific/Apia",
)
#: Transitions worth aiming at outside the years a test looks at: Apia skipped
#: 30 December 2011 and has had no DST since 2021.
_NOTABLE_YEARS: Final = {"Pacific/Apia": (2011,)}
#: The year drawn fields gather around when no ``after`` is given (not today's year:
#: draws must not depend on the wall clock).
BASE_YEAR: Final = 2025
#: How many years after ``after`` (or :data:`BASE_YEAR`) DST aims look for transitions.
_DST_YEARS: Final = 5

#: The calendar edges ``calendar_edges`` draws.
EDGE_KINDS: Final = ("feb29", "once", "feb30_31", "day31_short_months", "dec31_2359", "year_ends")

FieldOption: TypeAlias = Iterable[int] | SearchStrategy[Iterable[int]] | Literal[_Draw.DRAW]
ValueOption: TypeAlias = "T | SearchStrategy[T] | Literal[_Draw.DRAW]"
_DAY_ATTRS: Final = ("mdays", "wdays")
_ARRAY_ATTRS: Final = ("mins", "hours", "mdays", "wdays", "months", "years")


class _StrategyArgumentError(InvalidArgumentError, InvalidArgument):
    """A bad option of a strategy: Hypothesis's ``InvalidArgument`` and this library's
    :class:`InvalidArgumentError` (with ``field``, ``value``, ``reason``, ``allowed``)."""


def _invalid(option: str, value: object, reason: str, allowed: str) -> _StrategyArgumentError:
    return _StrategyArgumentError.bad_value(
        option, value, reason, allowed, label=f"start_schedules: {option}"
    )


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
    account_tz: str | None = None,
    dst: bool | None = None,
    calendar_edges: bool | None = None,
) -> SearchStrategy[StartSchedule]:
    """Valid start schedules.

    Array fields (``mins``, ``hours``, ``mdays``, ``wdays``, ``months``, ``years``): left
    out, the field is drawn (empty about half the time; otherwise one value, a short list,
    a range, a step progression or, except ``years``, the full list, which the model keeps
    distinct from empty).  Pass a list of ints to fix the field (``()`` = every value) or a
    strategy of lists to draw it yourself.  Drawn years lie mostly near the year of
    ``after`` (:data:`BASE_YEAR` without it), sometimes anywhere in 1970-9999.

    ``tz``, ``profile``, ``losers``: left out, drawn (``tz`` from :data:`ZONES` or None;
    the booleans from None/True/False); pass a value (``None`` included) to fix one, or a
    strategy.

    ``fixed_time``: True requires ``hours`` and ``mins`` both non-empty (the DST rules of
    fixed-time schedules apply), False requires at least one of them empty, None allows
    both.  ``with_mdays``/``with_wdays``: True requires the field non-empty, False empty;
    only for a drawn field.

    ``cron_compatible``: only schedules :func:`~altcraft_schedule.schedule_to_cron`
    accepts: ``tz``, ``profile`` and ``losers`` None, and not both day fields set.

    ``after`` (a datetime) requires a run strictly after it, as
    ``next_run(after, tz=account_tz)`` sees it: a naive ``after`` is wall time in the
    schedule's zone (``account_tz`` when ``tz`` is None, else UTC).  ``future=True`` is
    ``after=now``, read once when the strategy is first used: it depends on the wall
    clock (off by default; prefer a fixed ``after``).  Drawn fields are adjusted to make
    it hold (a later year added; years, then day fields, cleared if still no run).

    ``account_tz``: the zone the test evaluates zone-less schedules in (the account's);
    the ``after`` guarantee and the DST aim use it.

    ``dst``: None (default) aims about half of the draws at a DST transition of the
    schedule's zone (a drawn zone is then one that has transitions): every drawn field
    that is set gets the values of one wall minute inside a gap or an overlap, in the
    years ``after.year`` to ``after.year + 5`` (:data:`BASE_YEAR` without ``after``;
    Apia's skipped day of 2011 too).  True aims every draw, False none.

    ``calendar_edges``: None (default) makes about a third of the draws one of
    :data:`EDGE_KINDS` (29 February only, 30/31 February, the 31st in 30-day months,
    31 December 23:59, the years 1970 and 9999, a schedule that fires exactly once);
    True makes every draw one, False none.  Edges set drawn fields only.

    Bad or impossible options raise :class:`hypothesis.errors.InvalidArgument` (which is
    also an :class:`~altcraft_schedule.InvalidArgumentError`) when the strategy is first
    used.
    """
    options = dict(locals())
    return st.deferred(lambda: _build(options))


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
        account_tz: str | None,
        dst: bool | None,
        edges: bool | None,
        base_year: int,
        tz_drawn: bool,
    ) -> None:
        self.drawn = drawn
        self.fixed_time = fixed_time
        self.with_days = with_days
        self.cron_compatible = cron_compatible
        self.after = after
        self.account_tz = account_tz
        self.dst = dst
        self.edges = edges
        self.base_year = base_year
        self.tz_drawn = tz_drawn

    def clearable(self, attr: str) -> bool:
        """Whether a repair may empty ``attr`` (drawn, and not required non-empty)."""
        if attr not in self.drawn or self.with_days.get(attr):
            return False
        return not (self.fixed_time and attr in ("mins", "hours"))

    def settable(self, attr: str) -> bool:
        """Whether an aim or an edge may set ``attr``."""
        return attr in self.drawn and self.with_days.get(attr) is not False


# -- option checks ---------------------------------------------------------------------


def _check_flag(name: str, value: object, *, optional: bool) -> None:
    allowed = (True, False, None) if optional else (True, False)
    if not any(value is choice for choice in allowed):
        words = "True, False or None" if optional else "True or False"
        raise _invalid(name, value, "is not a flag", words)


def _check_zone(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise _invalid(name, value, "is not a zone name", "an IANA zone name or None")
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError) as error:  # ZoneInfoNotFoundError is a KeyError
        raise _invalid(name, value, "is not a known zone", "an IANA zone name") from error


def _check_options(options: dict[str, Any]) -> None:
    for name in ("fixed_time", "with_mdays", "with_wdays", "dst", "calendar_edges"):
        _check_flag(name, options[name], optional=True)
    for name in ("cron_compatible", "future"):
        _check_flag(name, options[name], optional=False)
    after = options["after"]
    if after is not None and not isinstance(after, datetime):
        raise _invalid("after", after, "is not a datetime", "a datetime (naive or aware) or None")
    if options["future"] and after is not None:
        raise _invalid("future", True, "is given with after", "either future=True or after")
    _check_zone("account_tz", options["account_tz"])
    tz = options["tz"]
    if not isinstance(tz, SearchStrategy | _Draw):
        _check_zone("tz", tz)
    for name in ("profile", "losers"):
        value = options[name]
        if not isinstance(value, SearchStrategy | _Draw):
            _check_flag(name, value, optional=True)
    if options["dst"] and options["calendar_edges"]:
        raise _invalid("dst", True, "is given with calendar_edges=True", "at most one of them True")


def _normalised_fields(options: dict[str, Any]) -> dict[str, Any]:
    """The array options, fixed lists validated and normalised once, here."""
    given: dict[str, Any] = {}
    for attr in _ARRAY_ATTRS:
        value = options[attr]
        if isinstance(value, SearchStrategy | _Draw):
            given[attr] = value
            continue
        try:
            given[attr] = _normalise(attr, value)
        except InvalidValueError as error:
            raise _invalid(attr, value, f"is not a valid field ({error})", "a list of "
                           f"integers {FIELD_RANGES[attr][0]}-{FIELD_RANGES[attr][1]}, "
                           "a strategy of such lists, or left out") from error  # fmt: skip
    return given


def _check_combinations(options: dict[str, Any], given: dict[str, Any]) -> None:
    for attr in _DAY_ATTRS:
        if options[f"with_{attr}"] is not None and given[attr] is not _DRAW:
            raise _invalid(
                f"with_{attr}", options[f"with_{attr}"], f"is given with {attr}",
                f"either {attr} or with_{attr}",
            )  # fmt: skip
    fixed = {attr: given[attr] for attr in ("mins", "hours")}
    if options["fixed_time"]:
        for attr, value in fixed.items():
            if value == ():
                raise _invalid("fixed_time", True, f"needs {attr} non-empty, not ()",
                               f"{attr} non-empty or left out")  # fmt: skip
    if options["fixed_time"] is False and all(isinstance(v, tuple) and v for v in fixed.values()):
        raise _invalid(
            "fixed_time", False, "is given with mins and hours both non-empty",
            "mins or hours empty or left out",
        )  # fmt: skip
    if options["cron_compatible"]:
        _check_cron_compatible(options)
        days = [given[attr] for attr in _DAY_ATTRS]
        with_days = [options["with_mdays"], options["with_wdays"]]
        if all(
            (isinstance(value, tuple) and value) or wanted
            for value, wanted in zip(days, with_days, strict=True)
        ):
            raise _invalid(
                "cron_compatible", True, "is given with both day fields non-empty",
                "at most one of mdays/wdays (or with_mdays/with_wdays) non-empty",
            )  # fmt: skip


def _check_cron_compatible(options: dict[str, Any]) -> None:
    for name in ("tz", "profile", "losers"):
        value = options[name]
        if value is not _DRAW and value is not None:
            raise _invalid("cron_compatible", True, f"is given with {name}={value!r}, "
                           "which has no cron form", f"{name} None or left out")  # fmt: skip


def _check_possible(options: dict[str, Any], given: dict[str, Any], after: datetime) -> None:
    """Refuse an ``after`` that no schedule with the given fields can run after."""
    fixed: dict[str, Any] = {k: v for k, v in given.items() if isinstance(v, tuple)}
    widest = StartSchedule(**fixed)
    tz = options["tz"]
    if isinstance(tz, SearchStrategy | _Draw):
        zones = ["Etc/GMT+12", "Etc/GMT-14"]  # the earliest and the latest wall clocks
    else:
        zones = [tz or options["account_tz"] or "UTC"]
    if all(widest.next_run(after, tz=zone) is None for zone in zones):
        raise _invalid(
            "after",
            after,
            f"is after every run the given fields allow ({fixed})",
            "an after before the last run of the given fields",
        )


# -- building --------------------------------------------------------------------------


def _build(options: dict[str, Any]) -> SearchStrategy[StartSchedule]:
    _check_options(options)
    given = _normalised_fields(options)
    _check_combinations(options, given)
    after: datetime | None = options["after"]
    if options["future"]:
        after = datetime.now(timezone.utc)  # read once: see the docstring
    if after is not None:
        _check_possible(options, given, after)
    base_year = min(max(after.year, 1970), 9999) if after is not None else BASE_YEAR
    fixed_time = options["fixed_time"]
    with_days = {"mdays": options["with_mdays"], "wdays": options["with_wdays"]}
    fields = {
        attr: _field_option(attr, value)
        if value is not _DRAW
        else _drawn_field(attr, base_year, fixed_time, with_days)
        for attr, value in given.items()
    }
    tz, profile, losers = (options[name] for name in ("tz", "profile", "losers"))
    if options["cron_compatible"]:
        tz = profile = losers = None
    optional = {
        "tz": _value_option(tz, st.one_of(st.none(), st.sampled_from(ZONES))),
        "profile": _value_option(profile, st.one_of(st.none(), st.booleans())),
        "losers": _value_option(losers, st.one_of(st.none(), st.booleans())),
    }
    rules = _Rules(
        drawn={attr for attr, value in given.items() if value is _DRAW},
        fixed_time=fixed_time,
        with_days=with_days,
        cron_compatible=options["cron_compatible"],
        after=after,
        account_tz=options["account_tz"],
        dst=options["dst"],
        edges=options["calendar_edges"],
        base_year=base_year,
        tz_drawn=tz is _DRAW,
    )
    _check_aims(rules, tz)
    return _schedules(fields, optional, rules)


def _check_aims(rules: _Rules, tz: object) -> None:
    if rules.dst:
        zones = [tz] if isinstance(tz, str) else []
        if tz is None:
            zones = [rules.account_tz] if rules.account_tz else []
        if tz is _DRAW:
            zones = list(_aimable_zones(rules))
        if not isinstance(tz, SearchStrategy) and not any(
            _candidates(zone, rules) for zone in zones
        ):
            raise _invalid(
                "dst", True, f"has no DST transition to aim at (zone {tz!r}, account_tz "
                f"{rules.account_tz!r}, years {rules.base_year}-{rules.base_year + _DST_YEARS})",
                "a zone with DST transitions in those years",
            )  # fmt: skip
    if rules.edges and not _edge_kinds(rules):
        raise _invalid(
            "calendar_edges",
            True,
            "has no edge the given fields leave room for",
            "months, mdays or years left out",
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
    field: dict[str, Any] = {attr: values}
    normalised: tuple[int, ...] = getattr(StartSchedule(**field), attr)
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
    """Non-empty values of a drawn field: the union of one to three progressions
    ``start, start + step, ...`` (``count`` values), which covers one value, short lists,
    ranges, steps and the full list in one shape.  Every part shrinks towards fewer and
    smaller values (fewer progressions, lower start, smaller count, step 1), so the full
    list is drawn but is never where shrinking ends."""
    low, high = FIELD_RANGES[attr]
    size = high - low + 1
    start: SearchStrategy[int] = st.integers(low, high)
    count, step = st.integers(1, size), st.integers(1, max(2, size // 2))
    if attr == "years":
        near = st.integers(max(low, base_year - 5), min(high, base_year + 30))
        start, count, step = near | st.integers(low, high), st.integers(1, 20), st.integers(1, 10)
    piece = st.tuples(start, count, step)
    return st.lists(piece, min_size=1, max_size=3).map(
        lambda pieces: _sorted(
            value
            for first, number, stride in pieces
            for value in _progression(first, number, stride, low, high)
        )
    )


def _progression(first: int, count: int, step: int, low: int, high: int) -> range:
    """``count`` values from ``first`` by ``step`` within the field; the largest count
    (often drawn: Hypothesis likes the ends of a range) is the full list."""
    if count == high - low + 1:
        return range(low, high + 1)
    return range(first, min(high + 1, first + count * step), step)


def _sorted(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted({value for value in values if value <= 9999}))


# -- drawing ---------------------------------------------------------------------------


def _schedules(
    fields: dict[str, SearchStrategy[tuple[int, ...]]],
    optional: dict[str, SearchStrategy[Any]],
    rules: _Rules,
) -> SearchStrategy[StartSchedule]:
    edge_kinds = _edge_kinds(rules)
    aimable = _aimable_zones(rules) if rules.tz_drawn and rules.dst is not False else ()

    @st.composite
    def draw_schedule(draw: DrawFn) -> StartSchedule:
        values = {attr: draw(strategy) for attr, strategy in fields.items()}
        edge = _draw_edge(draw, edge_kinds, rules)
        aim = edge is None and _draw_aim(draw, rules)
        if edge is not None:
            values |= {attr: draw(strategy) for attr, strategy in edge.items()}
        if aim and aimable:
            extra: dict[str, Any] = {"tz": aimable[_pick(draw, len(aimable))]}
            extra |= {name: draw(optional[name]) for name in ("profile", "losers")}
        else:
            extra = {name: draw(strategy) for name, strategy in optional.items()}
        if aim:
            _aim_at_transition(draw, values, extra["tz"] or rules.account_tz, rules)
        _apply_rules(draw, values, rules)
        arguments: dict[str, Any] = {**values, **extra}
        schedule = StartSchedule(**arguments)
        if rules.after is not None:
            schedule = _with_future_run(schedule, rules.after, rules)
        return schedule

    return draw_schedule()


def _draw_aim(draw: DrawFn, rules: _Rules) -> bool:
    """Whether this draw aims at DST: about three quarters of non-edge draws by default;
    0 (no aim) is the shrink target."""
    if rules.dst is not None:
        return rules.dst
    return _pick(draw, 4) > 0


def _pick(draw: DrawFn, count: int) -> int:
    """A uniform choice among ``count`` (0 is the shrink target).  Hypothesis weights the
    ends of a small ``integers`` range, and the first of ``sampled_from``, well above the
    rest; the remainder of a wide range is even."""
    return int(draw(st.integers(0, 2**16 - 1))) % count


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
    tz = rules.account_tz
    last_year = schedule.years[-1] if schedule.years else 9999
    if rules.clearable("years") and last_year <= after.year < 9999:
        schedule = attrs.evolve(schedule, years=(*schedule.years, after.year + 1))
    for attr in ("years", "mdays", "wdays", "months"):
        if schedule.next_run(after, tz=tz) is not None:
            return schedule
        if rules.clearable(attr) and getattr(schedule, attr):
            cleared: dict[str, Any] = {attr: ()}
            schedule = attrs.evolve(schedule, **cleared)
    assume(schedule.next_run(after, tz=tz) is not None)
    return schedule


# -- DST aims --------------------------------------------------------------------------


def _candidates(zone: str | None, rules: _Rules) -> tuple[Transition, ...]:
    """The transitions of ``zone`` a draw may aim at: those after ``after`` within
    :data:`_DST_YEARS` years (from :data:`BASE_YEAR` without ``after``, plus the zone's
    notable years)."""
    if zone is None:
        return ()
    first, last = rules.base_year, rules.base_year + _DST_YEARS
    found = transitions(zone, first, last)
    if rules.after is None:
        for year in _NOTABLE_YEARS.get(zone, ()):
            found += transitions(zone, year, year)
        return found
    after = rules.after
    if after.tzinfo is None:
        after = after.replace(tzinfo=ZoneInfo(zone))
    start = after.timestamp()
    return tuple(transition for transition in found if transition.instant > start)


def _aimable_zones(rules: _Rules) -> tuple[str, ...]:
    return tuple(zone for zone in ZONES if _candidates(zone, rules))


def _aim_at_transition(
    draw: DrawFn, values: dict[str, tuple[int, ...]], zone: str | None, rules: _Rules
) -> None:
    """Give every drawn, set field the value of one wall minute skipped or repeated by a
    transition of ``zone``; given fields only narrow the choice of minute."""
    choices = [
        transition
        for transition in _candidates(zone, rules)
        if _minutes_fitting(transition, values, rules)
    ]
    if not choices:
        return
    transition = choices[_pick(draw, len(choices))]
    minutes = _minutes_fitting(transition, values, rules)
    wall = transition.wall_start + timedelta(minutes=draw(st.sampled_from(minutes)))
    # Half of the aims at a cadence schedule make it fixed-time: the DST rules differ.
    if rules.fixed_time is None and draw(st.booleans()):
        for attr in ("mins", "hours"):
            if attr in rules.drawn and not values[attr]:
                values[attr] = (_wall_value(attr, wall),)
    for attr in _ARRAY_ATTRS:
        if attr in rules.drawn and values[attr]:
            values[attr] = tuple(sorted({*values[attr], _wall_value(attr, wall)}))


def _minutes_fitting(
    transition: Transition, values: dict[str, tuple[int, ...]], rules: _Rules
) -> list[int]:
    """The offsets (minutes) of the transition's wall minutes that the given fields allow."""
    given = [(attr, set(values[attr])) for attr in _ARRAY_ATTRS if attr not in rules.drawn]
    given = [(attr, allowed) for attr, allowed in given if allowed]
    start = transition.wall_start
    if not given:
        return list(range(transition.wall_minutes))
    return [
        offset
        for offset in range(transition.wall_minutes)
        if all(
            _wall_value(attr, start + timedelta(minutes=offset)) in allowed
            for attr, allowed in given
        )
    ]


def _wall_value(attr: str, wall: datetime) -> int:
    if attr == "wdays":
        return wall.isoweekday() % 7  # Sunday is 0
    name = {"mins": "minute", "hours": "hour", "mdays": "day"}.get(attr, attr[:-1])
    value: int = getattr(wall, name)
    return value


# -- calendar edges --------------------------------------------------------------------

_LEAP_YEARS: Final = tuple(year for year in range(2024, 2100, 4))


def _edge_fields(kind: str, rules: _Rules) -> dict[str, SearchStrategy[tuple[int, ...]]]:
    """The fields an edge kind sets."""
    if kind == "feb29":
        leap = st.sampled_from(_LEAP_YEARS).map(lambda year: (year,))
        return {"months": st.just((2,)), "mdays": st.just((29,)), "years": st.just(()) | leap}
    if kind == "feb30_31":
        return {"months": st.just((2,)), "mdays": st.sampled_from([(30,), (31,), (30, 31)])}
    if kind == "day31_short_months":
        short = st.lists(st.sampled_from((2, 4, 6, 9, 11)), min_size=1).map(_sorted)
        return {"mdays": st.just((31,)), "months": short | short.map(lambda m: (1, *m))}
    if kind == "dec31_2359":
        fields: dict[str, SearchStrategy[tuple[int, ...]]] = {
            "months": st.just((12,)),
            "mdays": st.just((31,)),
        }
        return fields | {"hours": st.just((23,)), "mins": st.just((59,))}
    if kind == "year_ends":
        ends = [(9999,)] if rules.after is not None else [(1970,), (9999,), (1970, 9999)]
        return {"years": st.sampled_from(ends)}
    return {"years": st.just(())}  # "once": drawn apart, see _draw_once


def _edge_kinds(rules: _Rules) -> tuple[str, ...]:
    """The edge kinds whose fields are all drawn (and that can run after ``after``)."""
    if rules.edges is False or rules.dst:
        return ()
    kinds = []
    for kind in EDGE_KINDS:
        if kind == "feb30_31" and rules.after is not None:
            continue  # never fires: no run after anything
        if kind == "once" and rules.fixed_time is False:
            continue  # one of mins/hours empty: 24 or 60 runs at least
        attrs_set = set(_ONCE_ATTRS if kind == "once" else _edge_fields(kind, rules))
        if all(rules.settable(attr) for attr in attrs_set - {"wdays"}):
            kinds.append(kind)
    return tuple(kinds)


_ONCE_ATTRS: Final = ("mins", "hours", "mdays", "months", "years")


def _draw_edge(
    draw: DrawFn, kinds: tuple[str, ...], rules: _Rules
) -> dict[str, SearchStrategy[tuple[int, ...]]] | None:
    """The fields of a calendar edge, or None: about a third of draws by default."""
    if not kinds or (rules.edges is None and _pick(draw, 3) < 2):
        return None
    kind = kinds[_pick(draw, len(kinds))]
    fields = _draw_once(draw, rules) if kind == "once" else _edge_fields(kind, rules)
    if rules.clearable("wdays"):
        fields["wdays"] = st.just(())
    return {attr: value for attr, value in fields.items() if attr in rules.drawn}


def _draw_once(draw: DrawFn, rules: _Rules) -> dict[str, SearchStrategy[tuple[int, ...]]]:
    """One minute of one day of one year: a schedule that fires exactly once."""
    first = rules.base_year + 1 if rules.after is not None else rules.base_year
    year = draw(st.integers(first, min(first + 10, 9999)) | st.just(9999))
    day = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
    minute = draw(st.integers(0, 24 * 60 - 1))
    once = {"years": year, "months": day.month, "mdays": day.day}
    once |= {"hours": minute // 60, "mins": minute % 60}
    return {attr: st.just((value,)) for attr, value in once.items()}


# -- Hypothesis integration -----------------------------------------------------------


def _hypothesis_setup_hook() -> None:
    """Register :func:`start_schedules` for ``st.from_type(StartSchedule)``.

    Hypothesis calls this through the ``hypothesis`` entry point group of this package
    (``altcraft_schedule = "altcraft_schedule.strategies:_hypothesis_setup_hook"``) when
    it is imported; calling it again is harmless.
    """
    st.register_type_strategy(StartSchedule, start_schedules())


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
        sunday: int | None = None,
        open_steps: bool = True,
    ) -> None:
        self.low = low
        self.high = high
        self.top = high if top is None else top  # day-of-week also writes 7
        self.names = names
        self.cycle = high - low + 1
        self.wraps = wraps
        self.sunday = sunday  # the number of Sunday, in a day-of-week field
        self.open_steps = open_steps  # */n and a/n (which run to the field's end)

    def name(self, value: int) -> str:
        if self.sunday is not None:
            return self.names[(value - self.sunday) % 7]
        return self.names[value - self.low]


_MINUTE: Final = _Spec(0, 59)
_HOUR: Final = _Spec(0, 23)
_MDAY: Final = _Spec(1, 31)
_MONTH: Final = _Spec(1, 12, MONTH_NAMES)
_WDAY: Final = _Spec(0, 6, WEEKDAY_NAMES, top=7, sunday=0)
# The cron grammar's own tables, so the strategies draw exactly what the parser reads.
_MACROS: Final = tuple(MACROS)
_CRONITER_LAST_YEAR: Final = 2099

#: The dialects :func:`cron_expressions` and :func:`invalid_cron_expressions` draw.
CronDialect: TypeAlias = Literal["auto", "cron", "kubernetes", "quartz", "spring", "aws"]
_CRON_DIALECTS: Final = ("auto", "cron", "kubernetes", "quartz", "spring", "aws")
_YearLayout: TypeAlias = Literal["optional", "never", "always"]


@attrs.frozen
class _Syntax:
    """What one system writes, as its own documentation gives it (only forms it surely
    reads: no wrap-around ranges outside cron, no ``*/n`` for AWS, which documents
    ``0/n``)."""

    wday: _Spec
    seconds: bool  # a leading seconds field (written 0)
    year: _YearLayout
    last_year: int
    macros: bool
    upper_macros: bool
    wraps: bool
    lower_names: bool  # names also in lower and title case
    padded: bool  # numbers sometimes zero-padded
    star_steps: bool  # */n (else a/n from the field's start)
    names_in_steps: bool
    nth: bool  # D#n
    nearest: bool  # nW
    question_rule: bool  # exactly one day field is '?'
    blanks: tuple[str, ...]  # what leaves a day field open: '*', and '?' where it is read
    or_rule: Literal["vixie", "robfig", "and"]
    separators: tuple[str, ...]


_SUNDAY_ONE: Final = _Spec(1, 7, WEEKDAY_NAMES, sunday=1)
# Spring (java.time): 1 = Monday ... 7 = Sunday; its "*/n" and "a/n" run to 7.
_MONDAY_ONE: Final = _Spec(1, 7, WEEKDAY_NAMES, sunday=7)
_SYNTAX: Final[dict[str, _Syntax]] = {
    "cron": _Syntax(
        _WDAY, seconds=False, year="optional", last_year=9999, macros=True, upper_macros=False,
        wraps=False, lower_names=True, padded=True, star_steps=True, names_in_steps=True,
        nth=True, nearest=False, question_rule=False, blanks=("*",), or_rule="vixie",
        separators=(" ", "  ", "\t"),
    ),
    "kubernetes": _Syntax(
        _Spec(0, 6, WEEKDAY_NAMES, sunday=0), seconds=False, year="never", last_year=9999,
        macros=True, upper_macros=False, wraps=False, lower_names=True, padded=True,
        star_steps=True, names_in_steps=True, nth=False, nearest=False, question_rule=False,
        blanks=("*", "?"), or_rule="robfig", separators=(" ", "  ", "\t"),
    ),
    "spring": _Syntax(
        _MONDAY_ONE, seconds=True, year="never", last_year=9999, macros=True, upper_macros=False,
        wraps=False, lower_names=True, padded=True, star_steps=True, names_in_steps=False,
        nth=True, nearest=True, question_rule=False, blanks=("*", "?"), or_rule="and",
        separators=(" ", "  "),
    ),
    "quartz": _Syntax(
        _SUNDAY_ONE, seconds=True, year="optional", last_year=2099, macros=False,
        upper_macros=False, wraps=False, lower_names=True, padded=True, star_steps=True,
        names_in_steps=False, nth=True, nearest=True, question_rule=True, blanks=("*", "?"),
        or_rule="and",
        separators=(" ", "  "),
    ),
    "aws": _Syntax(
        _SUNDAY_ONE, seconds=False, year="always", last_year=2199, macros=False,
        upper_macros=False, wraps=False, lower_names=False, padded=False, star_steps=False,
        names_in_steps=False, nth=True, nearest=True, question_rule=True, blanks=("*", "?"),
        or_rule="and",
        separators=(" ",),
    ),
}  # fmt: skip


class _CronOptions:
    def __init__(
        self,
        *,
        names: bool,
        wrap_around: bool,
        equal_ranges: bool,
        wrap_steps: bool,
        star_items: bool,
        syntax: _Syntax,
    ) -> None:
        self.names = names
        self.wrap_around = wrap_around
        self.equal_ranges = equal_ranges
        self.wrap_steps = wrap_steps
        self.star_items = star_items
        self.syntax = syntax


def _cron_invalid(
    strategy: str, option: str, value: object, reason: str, allowed: str
) -> _StrategyArgumentError:
    return _StrategyArgumentError.bad_value(
        option, value, reason, allowed, label=f"{strategy}: {option}"
    )


def cron_expressions(
    *,
    dialect: CronDialect = "auto",
    allow_or: bool | None = None,
    force_or: bool = False,
    year: bool | None = None,
    year_bounds: tuple[int, int] = (1970, 9999),
    macros: bool = True,
    names: bool = True,
    wrap_around: bool = False,
    nth_weekday: bool = True,
    nearest_weekday: bool = True,
    croniter_compatible: bool = False,
) -> SearchStrategy[str]:
    """Cron expressions that :func:`~altcraft_schedule.schedules_from_cron` converts in
    ``dialect``.

    ``dialect``: ``"auto"`` (default) draws cron-syntax strings that the default
    ``dialect="auto"`` converts, to the same schedules as the cron dialect (6-field
    strings that Spring, Quartz or AWS would read otherwise, and 5-field strings that
    robfig/cron would read otherwise, are left out).  The others draw each system's own
    syntax, to be read with that ``dialect=``: ``"cron"`` (5 fields, or 6 with a
    trailing year; wrap-around ranges, ``7`` for Sunday, ``D#n``), ``"kubernetes"``
    (robfig/cron: 5 fields, no wrap-around, no ``#``), ``"spring"`` (a seconds field
    ``0`` first, ``?``, ``D#n``, ``nW``, AND of the day fields), ``"quartz"`` (seconds
    first, an optional year up to 2099, 1 = Sunday, exactly one day field ``?``, ``D#n``,
    ``nW``) and ``"aws"`` (``cron(...)`` around minute … day-of-week year, 1 = Sunday,
    the ``?`` rule, ``a/n`` steps, upper-case names).

    Fields hold ``*`` (``?`` in the day fields), or lists of numbers (some zero-padded),
    names, ranges, wrap-around ranges, equal ranges ``a-a``, steps ``*/n``, ``a-b/n``,
    ``a/n``, each where the dialect reads it.  Separators are spaces (or tabs in cron
    and kubernetes).

    ``allow_or``: False (default) draws only expressions that
    :func:`~altcraft_schedule.schedule_from_cron` converts: in cron and kubernetes the
    day fields are never both restricted in the way that makes the system read OR.
    True also draws that case, which only ``schedules_from_cron`` converts.
    ``force_or``: True draws only cron's OR case (both day fields restricted; two
    schedules), in ``auto``, ``cron`` and ``kubernetes``; it implies ``allow_or``.
    ``year``: True always writes a restricted year field, False never, None sometimes
    (AWS always has the field: False writes ``*`` there).
    ``year_bounds``: inclusive bounds ``(low, high)`` of the years written (within
    1970-9999; Quartz reads up to 2099, AWS up to 2199).
    ``macros``: draw ``@daily`` and the other macros now and then (cron, kubernetes,
    spring).  ``names``: write month and weekday names, not only numbers.
    ``wrap_around``: only ``False``; no dialect drawn here reads a descending range
    (``FRI-MON``, ``22-2``) as a wrap-around: cronie and robfig/cron read no value from it.
    ``nth_weekday``: draw ``D#n`` (not in kubernetes).  ``nearest_weekday``: draw ``nW``
    with n 1-27 (Quartz, Spring, AWS).
    ``croniter_compatible``: only forms croniter 7 reads the same way (``auto`` and
    ``cron`` only): no equal ranges (croniter reads ``5-5`` as the whole field), no
    steps over wrap-around ranges, no ``*`` item in a list and ``*/n`` items only at the
    start of a day field (croniter's day rule looks for ``*`` anywhere in a day field,
    Vixie cron's at its first character only: ``0 0 1 * 0,*``, ``0 0 10,*/4 * 0-6``), and
    years at most 2099 (croniter's year range).

    Bad or impossible options raise :class:`hypothesis.errors.InvalidArgument` when the
    strategy is first used.
    """
    options = dict(locals())
    return st.deferred(lambda: _build_cron(options))


def _check_cron_options(options: dict[str, Any]) -> tuple[str, int, int]:
    """The dialect and the year bounds, after checking every option."""

    def invalid(option: str, value: object, reason: str, allowed: str) -> _StrategyArgumentError:
        return _cron_invalid("cron_expressions", option, value, reason, allowed)

    dialect = _checked_dialect("cron_expressions", options["dialect"])
    for name in ("force_or", "macros", "names", "wrap_around", "nth_weekday",
                 "nearest_weekday", "croniter_compatible"):  # fmt: skip
        if options[name] is not True and options[name] is not False:
            raise invalid(name, options[name], "is not a flag", "True or False")
    for name in ("allow_or", "year"):
        if not any(options[name] is choice for choice in (True, False, None)):
            raise invalid(name, options[name], "is not a flag", "True, False or None")
    syntax = _SYNTAX["cron" if dialect == "auto" else dialect]
    if options["wrap_around"]:
        raise invalid("wrap_around", True, "asks for descending ranges, which cron and "
                      "robfig/cron read no value from (the job never runs)", "False")  # fmt: skip
    if options["force_or"] and syntax.or_rule == "and":
        raise invalid(
            "force_or", True, f"is given with dialect={dialect!r}, which reads the day "
            "fields with AND", "dialect 'auto', 'cron' or 'kubernetes'",
        )  # fmt: skip
    if options["force_or"] and options["allow_or"] is False:
        raise invalid("force_or", True, "is given with allow_or=False", "allow_or None or True")
    if options["croniter_compatible"] and dialect not in ("auto", "cron"):
        raise invalid("croniter_compatible", True, f"is given with dialect={dialect!r}; "
                      "croniter reads cron syntax", "dialect 'auto' or 'cron'")  # fmt: skip
    if options["year"] and syntax.year == "never":
        raise invalid(
            "year", True, f"is given with dialect={dialect!r}, which has no year field",
            "year None or False, or dialect 'cron', 'quartz' or 'aws'",
        )  # fmt: skip
    bounds = options["year_bounds"]
    allowed = "a pair (low, high) of ints with 1970 <= low <= high <= 9999"
    if (
        not isinstance(bounds, tuple | list)
        or len(bounds) != 2
        or not all(type(bound) is int for bound in bounds)
    ):
        raise invalid("year_bounds", bounds, "is not a pair of years", allowed)
    low, high = bounds
    if not 1970 <= low <= high <= 9999:
        raise invalid("year_bounds", bounds, "is not an ordered pair within 1970-9999", allowed)
    last = min(syntax.last_year, _CRONITER_LAST_YEAR if options["croniter_compatible"] else 9999)
    if low > last:
        who = "croniter" if options["croniter_compatible"] else dialect
        raise invalid("year_bounds", bounds, f"has no year <= {last}, {who}'s last year",
                      f"low <= {last}")  # fmt: skip
    return dialect, low, min(high, last)


def _checked_dialect(strategy: str, dialect: object) -> str:
    if not isinstance(dialect, str) or dialect not in _CRON_DIALECTS:
        raise _cron_invalid(strategy, "dialect", dialect, "is not a dialect this strategy draws",
                            ", ".join(_CRON_DIALECTS))  # fmt: skip
    return dialect


def _build_cron(options: dict[str, Any]) -> SearchStrategy[str]:
    dialect, low, high = _check_cron_options(options)
    syntax = _SYNTAX["cron" if dialect == "auto" else dialect]
    croniter = options["croniter_compatible"]
    cron_options = _CronOptions(
        names=options["names"],
        wrap_around=options["wrap_around"] and syntax.wraps,
        equal_ranges=not croniter,
        wrap_steps=options["wrap_around"] and syntax.wraps and not croniter,
        star_items=not croniter and syntax.or_rule == "vixie",  # '1,*' only where cron is read
        syntax=syntax,
    )
    force_or = options["force_or"]
    allow_or = force_or or bool(options["allow_or"])
    fields = [_field(spec, cron_options) for spec in (_MINUTE, _HOUR)]
    mday = _field(_MDAY, cron_options, question=True)
    month = _field(_MONTH, cron_options)
    wday = _field(syntax.wday, cron_options, question=True)
    if force_or:
        mday, wday = (_or_field(spec, cron_options) for spec in (_MDAY, syntax.wday))
    # Quartz and AWS end their years early (2099, 2199): no */n or a/n, which run to 9999.
    open_steps = syntax.last_year == 9999
    year_field = _field(_Spec(low, high, wraps=False, open_steps=open_steps), cron_options)
    nth = _nth_weekday(cron_options)
    nearest = st.integers(1, 27).map(lambda day: f"{day}W")
    separators = st.sampled_from(syntax.separators)
    macros = options["macros"] and syntax.macros and not force_or
    nth_weekday = options["nth_weekday"] and syntax.nth and not force_or
    nearest_weekday = options["nearest_weekday"] and syntax.nearest
    year = options["year"]

    @st.composite
    def draw_expression(draw: DrawFn) -> str:
        if macros and draw(st.integers(0, 9)) == 9:
            macro = draw(st.sampled_from(_MACROS))
            return macro.upper() if syntax.upper_macros and draw(st.booleans()) else macro
        body = [draw(fields[0]), draw(fields[1]), draw(mday), draw(month), draw(wday)]
        if nth_weekday and draw(st.integers(0, 5)) == 5:
            body[2], body[4] = draw(nth)
        elif nearest_weekday and draw(st.integers(0, 5)) == 5:
            body[2], body[4] = draw(nearest), draw(st.sampled_from(syntax.blanks))
        elif syntax.question_rule:
            _apply_question_rule(draw, body)
        elif not allow_or and _reads_or(syntax.or_rule, body[2], body[4]):
            body[draw(st.sampled_from((2, 4)))] = draw(st.sampled_from(syntax.blanks))
        if syntax.question_rule and "#" in body[4]:
            body[2] = "?"
        if syntax.question_rule and body[2].endswith("W"):
            body[4] = "?"
        if syntax.year != "never" and (year is True or (year is None and draw(st.booleans()))):
            body.append(draw(year_field))
        elif syntax.year == "always":
            body.append("*")
        if syntax.seconds:
            body.insert(0, "0")
        text = draw(separators).join(body)
        return f"cron({text})" if dialect == "aws" else text

    drawn = draw_expression()
    if dialect == "auto":
        drawn = drawn.filter(_auto_reads_as_cron)
    if force_or:  # a field that is full anyway reads as AND: those are left out
        drawn = drawn.filter(lambda expr: _is_or_case(expr, dialect))
    return drawn


def _apply_question_rule(draw: DrawFn, body: list[str]) -> None:
    """Quartz and AWS: exactly one day field is ``?``."""
    side = draw(st.sampled_from((2, 4)))
    body[side] = "?"
    if body[6 - side] == "?":
        body[6 - side] = "*"


def _reads_or(rule: str, mday: str, wday: str) -> bool:
    """Whether the system reads the day fields with OR."""
    if rule == "vixie":
        return mday[0] not in "*?" and wday[0] not in "*?"
    if rule == "robfig":
        return not (_robfig_star(mday) or _robfig_star(wday))
    return False


def _robfig_star(text: str) -> bool:
    """robfig/cron reads a day field as unrestricted when an item is ``*``/``?`` with
    step 1."""
    return any(
        item.partition("/")[0] in ("*", "?") and item.partition("/")[2] in ("", "1")
        for item in text.split(",")
    )


def _or_field(spec: _Spec, options: _CronOptions) -> SearchStrategy[str]:
    """A restricted day field that neither cron nor robfig/cron reads as unrestricted."""
    items = st.lists(_item(spec, options), min_size=1, max_size=3).map(",".join)
    return items.filter(lambda text: text[0] not in "*?" and not _robfig_star(text))


def _is_or_case(expr: str, dialect: str) -> bool:
    return len(schedules_from_cron(expr, dialect=dialect)) == 2  # type: ignore[arg-type]


def _auto_reads_as_cron(expr: str) -> bool:
    """``dialect="auto"`` converts ``expr`` to the cron dialect's schedules."""
    try:
        return set(schedules_from_cron(expr)) == set(schedules_from_cron(expr, dialect="cron"))
    except CronConversionError:
        return False


def _nth_weekday(options: _CronOptions) -> SearchStrategy[tuple[str, str]]:
    """``D#n`` in day-of-week, with ``*`` or ``?`` in day-of-month."""
    spec = options.syntax.wday
    day = _spelled(spec, options, st.integers(spec.low, spec.top))
    return st.tuples(
        st.sampled_from(options.syntax.blanks),
        st.tuples(day, st.integers(1, 5)).map(lambda pair: f"{pair[0]}#{pair[1]}"),
    )


def _field(spec: _Spec, options: _CronOptions, *, question: bool = False) -> SearchStrategy[str]:
    blanks = options.syntax.blanks if question else ("*",)
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
    syntax = options.syntax
    step_start = value if syntax.names_in_steps else bound.map(str)

    @st.composite
    def draw_range(draw: DrawFn, stepped: bool) -> str:
        first, last = _range_ends(spec, draw(bound), draw(bound), options, stepped=stepped)
        if stepped and not syntax.names_in_steps:
            return f"{first}-{last}/{draw(step)}"
        text = f"{draw(_spelled(spec, options, st.just(first)))}-"
        text += draw(_spelled(spec, options, st.just(last)))
        return f"{text}/{draw(step)}" if stepped else text

    plain_range = draw_range(stepped=False)
    star_step = "*" if syntax.star_steps else str(spec.low)
    open_ended = [
        step.map(lambda n: f"{star_step}/{n}"),
        st.tuples(step_start, step).map(lambda pair: f"{pair[0]}/{pair[1]}"),
    ]
    if not spec.open_steps:
        open_ended = []
    shapes = [value, plain_range, *open_ended[:1], draw_range(stepped=True), *open_ended[1:]]
    shapes += [value, plain_range]
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
    # In cron, 7 as a range start is Sunday, 0 (7-3 is Sunday to Wednesday).
    start = _day(spec, first) if options.syntax.wraps else first
    no_wrap = not (spec.wraps and options.wrap_around) or (stepped and not options.wrap_steps)
    if start > last and no_wrap:
        first, last = last, first
        start = _day(spec, first) if options.syntax.wraps else first
    if not options.equal_ranges and start == _day(spec, last):
        return spec.low, spec.high
    return first, last


def _day(spec: _Spec, value: int) -> int:
    return 0 if spec.sunday == 0 and value == 7 else value


def _spelled(
    spec: _Spec, options: _CronOptions, values: SearchStrategy[int]
) -> SearchStrategy[str]:
    """Values written as numbers (sometimes zero-padded) or, where they have one, names
    (in any case where the dialect reads it)."""
    syntax = options.syntax

    @st.composite
    def draw_spelling(draw: DrawFn) -> str:
        value = draw(values)
        # cron's SUN is 0: a 7 written SUN would end a range before it starts (1-SUN).
        named = spec.names and not (value == 7 and spec.sunday == 0)
        if options.names and named and draw(st.booleans()):
            name = spec.name(value)
            if not syntax.lower_names:
                return name
            return draw(st.sampled_from((name, name.lower(), name.title())))
        if syntax.padded and value < 10 and draw(st.integers(0, 4)) == 4:
            return f"0{value}"
        return str(value)

    return draw_spelling()


# -- invalid cron expressions ----------------------------------------------------------

#: Bad tokens per field position of the 5-field body (minute hour dom month dow).
_BAD_TOKENS: Final = (
    ("60", "*/0", "5-", "x", "1,,2", "-1", "*/61"),
    ("24", "*/0", "0-25", "h", "3/"),
    ("0", "32", "1-32", "*/0", "15X", "JAN"),
    ("0", "13", "FOO", "*/0", "1-13", "MON"),
    ("8", "MONDAY", "*/0", "1-8", "JAN", "1#6"),
)
_BAD_FIELD: Final = st.integers(0, 4).flatmap(
    lambda index: st.tuples(st.just(index), st.sampled_from(_BAD_TOKENS[index]))
)
_BAD_WHOLE: Final = ("", "@reboot", "@every 5m", "H 9 * * *", "* * *", "0 9 * * * * * *")


def invalid_cron_expressions(*, dialect: CronDialect = "auto") -> SearchStrategy[str]:
    """Strings that :func:`~altcraft_schedule.schedules_from_cron` refuses in
    ``dialect`` (each draw raises :class:`~altcraft_schedule.CronConversionError`), for
    testing code that handles that error: a valid expression of the dialect with one
    field broken (out of range, a step of 0, a stray character, a name of another
    field), a field missing or added, the dialect's own rules broken (both day fields
    ``?`` in Quartz and AWS, a seconds field other than 0, ``L`` without ``years=``),
    and strings no dialect reads (``@reboot``, ``H``).

    A bad ``dialect`` raises :class:`hypothesis.errors.InvalidArgument` when the
    strategy is first used.
    """
    return st.deferred(lambda: _build_invalid(dialect))


def _build_invalid(dialect: object) -> SearchStrategy[str]:
    name = _checked_dialect("invalid_cron_expressions", dialect)
    valid = cron_expressions(dialect=name, macros=False, year=False)  # type: ignore[arg-type]
    broken = st.one_of(
        st.tuples(valid, _BAD_FIELD).map(lambda case: _broken_field(case[0], name, *case[1])),
        valid.map(lambda expr: _reshaped(expr, name, drop=True)),
        valid.map(lambda expr: _reshaped(expr, name, drop=False)),
        st.sampled_from(_dialect_rule_breaks(name)),
        st.sampled_from(_BAD_WHOLE),
    )
    return broken.filter(lambda expr: _refused(expr, name))


def _body_of(expr: str, dialect: str) -> tuple[list[str], Callable[[list[str]], str]]:
    """The five body fields (minute … day-of-week) of a drawn expression, and how to
    write the expression back around new ones."""
    aws = dialect == "aws"
    parts = (expr[5:-1] if aws else expr).split()
    skip = 1 if _SYNTAX.get(dialect, _SYNTAX["cron"]).seconds else 0
    head, body, tail = parts[:skip], parts[skip : skip + 5], parts[skip + 5 :]

    def write(fields: list[str]) -> str:
        text = " ".join([*head, *fields, *tail])
        return f"cron({text})" if aws else text

    return body, write


def _broken_field(expr: str, dialect: str, index: int, token: str) -> str:
    body, write = _body_of(expr, dialect)
    body[index] = token
    return write(body)


def _reshaped(expr: str, dialect: str, *, drop: bool) -> str:
    body, write = _body_of(expr, dialect)
    return write(body[:-1] if drop else [*body, "5", "5"])


def _dialect_rule_breaks(dialect: str) -> tuple[str, ...]:
    """Strings that break one rule of the dialect's own syntax."""
    breaks = {
        "auto": ("0 9 L * *", "0 9 * * 1-5 /usr/bin/backup.sh", "0 0 3 * * *", "0 0 9 ? * 1"),
        "cron": ("0 9 L * *", "0 9 15W * *", "0 0 9 * * 1-5", "0 9 ? * 1 *"),
        "kubernetes": ("0 9 * * FRI-MON", "0 9 * * 1#2", "0 0 9 * * *", "CRON_TZ=Mars/X 0 9 * * *"),
        "spring": ("*/10 * * * * *", "0 0 9 * * FRI-MON", "0 0 9 L * *", "0 9 * * *"),
        "quartz": ("0 0 12 * * *", "0 0 12 ? * ?", "0 0 12 L * ?", "5 0 12 ? * MON"),
        "aws": ("cron(0 10 * * * *)", "cron(0 10 ? * ? *)", "cron(0 12 L * ? *)",
                "cron(0 10 * * ?)"),
    }  # fmt: skip
    return breaks[dialect]


def _refused(expr: str, dialect: str) -> bool:
    try:
        schedules_from_cron(expr, dialect=dialect)  # type: ignore[arg-type]
    except CronConversionError:
        return True
    return False

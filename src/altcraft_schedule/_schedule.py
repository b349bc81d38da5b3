"""The start schedule of a regular mailing: an immutable, validated model of the wire object."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, tzinfo
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from . import _engine as runtimes
from ._engine import CompiledSchedule, EngineCache
from ._errors import InvalidScheduleError

__all__ = ["FIELD_RANGES", "WIRE_KEYS", "StartSchedule"]

#: Allowed values of each array field, inclusive (``wdays`` also reads 7 as Sunday).
FIELD_RANGES: Mapping[str, tuple[int, int]] = {
    "mins": (0, 59),
    "hours": (0, 23),
    "mdays": (1, 31),
    "wdays": (0, 6),
    "months": (1, 12),
    "years": (1970, 9999),
}

#: Attribute name -> key of the wire object.
WIRE_KEYS: Mapping[str, str] = {
    "mins": "start_mins",
    "hours": "start_hours",
    "mdays": "start_mdays",
    "wdays": "start_wdays",
    "months": "start_months",
    "years": "start_years",
}
_ATTR_BY_WIRE_KEY = {wire: attr for attr, wire in WIRE_KEYS.items()}
OPTIONAL_KEYS = ("tz", "profile", "losers")
_VALUE_FIELDS = (*WIRE_KEYS, *OPTIONAL_KEYS)

Timezone = str | tzinfo | None

if TYPE_CHECKING:
    from ._cron import Dialect


def accepted_range(field: str) -> tuple[int, int]:
    """The values an array field accepts on input, inclusive: ``FIELD_RANGES``, except
    that ``wdays`` also takes 7 (read as Sunday)."""
    low, high = FIELD_RANGES[field]
    return (low, 7) if field == "wdays" else (low, high)


def _describe_allowed(field: str) -> str:
    low, high = FIELD_RANGES[field]
    extra = " (7 is read as Sunday)" if field == "wdays" else ""
    return f"a list of integers {low}-{high}{extra}"


def _bad_field(field: str, value: Any, reason: str, allowed: str) -> InvalidScheduleError:
    label = f"{field} ({WIRE_KEYS[field]})" if field in WIRE_KEYS else field
    return InvalidScheduleError.bad_value(field, value, reason, allowed, label=label)


def _to_int_tuple(field: str, value: Any) -> tuple[int, ...]:
    low, high = accepted_range(field)
    if value is None:
        return ()
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _bad_field(field, value, "is not a list", _describe_allowed(field))
    items = tuple(value)
    for item in items:
        # bool is an int subclass; True is not a minute.
        if not isinstance(item, int) or isinstance(item, bool):
            raise _bad_field(field, item, "is not an integer", _describe_allowed(field))
        if not low <= item <= high:
            raise _bad_field(field, item, "is out of range", _describe_allowed(field))
    if field == "wdays":
        return tuple(sorted({0 if item == 7 else int(item) for item in items}))
    return tuple(sorted({int(item) for item in items}))


# attrs' mypy plugin needs named converter functions.
def _convert_mins(value: Iterable[int] | None) -> tuple[int, ...]:
    return _to_int_tuple("mins", value)


def _convert_hours(value: Iterable[int] | None) -> tuple[int, ...]:
    return _to_int_tuple("hours", value)


def _convert_mdays(value: Iterable[int] | None) -> tuple[int, ...]:
    return _to_int_tuple("mdays", value)


def _convert_wdays(value: Iterable[int] | None) -> tuple[int, ...]:
    return _to_int_tuple("wdays", value)


def _convert_months(value: Iterable[int] | None) -> tuple[int, ...]:
    return _to_int_tuple("months", value)


def _convert_years(value: Iterable[int] | None) -> tuple[int, ...]:
    return _to_int_tuple("years", value)


TZ_ALLOWED = "an IANA zone name such as 'Europe/Moscow', or ''/None for the account's zone"
# The shape of every IANA zone name: no spaces, no '.' (so no '../' paths).
ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")


def _convert_tz(value: str | None) -> str | None:
    """The zone's name, checked for shape only: a zone this machine's tz database lacks
    may exist on the platform (run times then raise, ``check()`` reports it)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _bad_field("tz", value, "is not a string", TZ_ALLOWED)
    if not ZONE_NAME.fullmatch(value):
        raise _bad_field("tz", value, "is not a zone name", TZ_ALLOWED)
    return value


def _to_optional_bool(field: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise _bad_field(field, value, "is not a boolean", "true, false")


def _convert_profile(value: bool | None) -> bool | None:
    return _to_optional_bool("profile", value)


def _convert_losers(value: bool | None) -> bool | None:
    return _to_optional_bool("losers", value)


@attrs.frozen(slots=True, getstate_setstate=False)
class StartSchedule(EngineCache):
    """When a regular mailing may start: the ``start_schedule`` object of the platform.

    Each array field lists the allowed values; an empty field allows every value.
    A wall-clock minute matches when every field matches (``mdays`` AND ``wdays``).
    Values are validated and stored sorted and de-duplicated, as tuples of ``int``;
    7 in ``wdays`` is stored as 0 (Sunday).
    """

    mins: tuple[int, ...] = attrs.field(default=(), converter=_convert_mins)
    hours: tuple[int, ...] = attrs.field(default=(), converter=_convert_hours)
    mdays: tuple[int, ...] = attrs.field(default=(), converter=_convert_mdays)
    wdays: tuple[int, ...] = attrs.field(default=(), converter=_convert_wdays)
    months: tuple[int, ...] = attrs.field(default=(), converter=_convert_months)
    years: tuple[int, ...] = attrs.field(default=(), converter=_convert_years)
    tz: str | None = attrs.field(default=None, converter=_convert_tz)
    profile: bool | None = attrs.field(default=None, converter=_convert_profile)
    losers: bool | None = attrs.field(default=None, converter=_convert_losers)

    ARRAY_FIELDS: ClassVar[tuple[str, ...]] = tuple(WIRE_KEYS)

    # Pickle the value only: the engine's run-time tables are a cache, rebuilt on demand.
    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _VALUE_FIELDS)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(_VALUE_FIELDS, state, strict=True):
            object.__setattr__(self, name, value)

    # -- wire format -------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, ignore_unknown: bool = False) -> StartSchedule:
        """Read the wire object (``start_mins`` ... ``start_years``, ``tz``, ``profile``,
        ``losers``).

        Missing arrays and ``null`` mean "every value".  Unknown keys raise
        :class:`InvalidScheduleError` unless ``ignore_unknown`` is true.
        """
        known_keys = ", ".join([*WIRE_KEYS.values(), *OPTIONAL_KEYS])
        if not isinstance(data, Mapping):
            raise _bad_field(
                "start_schedule", data, "is not an object", f"a mapping with the keys {known_keys}"
            )
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            attr = _ATTR_BY_WIRE_KEY.get(key)
            if attr is not None:
                kwargs[attr] = value
            elif key in OPTIONAL_KEYS:
                kwargs[key] = value
            elif not ignore_unknown:
                allowed = f"{known_keys} (pass ignore_unknown=True to skip unknown keys)"
                raise InvalidScheduleError(
                    f"start_schedule: unknown key {key!r}; allowed: {allowed}",
                    field=str(key),
                    value=value,
                    reason="is not a start schedule key",
                    allowed=allowed,
                )
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """The wire object: all six arrays, then ``tz``/``profile``/``losers`` when set."""
        data: dict[str, Any] = {wire: list(getattr(self, attr)) for attr, wire in WIRE_KEYS.items()}
        if self.tz is not None:
            data["tz"] = self.tz
        if self.profile is not None:
            data["profile"] = self.profile
        if self.losers is not None:
            data["losers"] = self.losers
        return data

    @classmethod
    def _from_normalized(
        cls,
        mins: tuple[int, ...],
        hours: tuple[int, ...],
        mdays: tuple[int, ...],
        wdays: tuple[int, ...],
        months: tuple[int, ...],
        years: tuple[int, ...],
    ) -> StartSchedule:
        """Build from tuples that are already valid, sorted and de-duplicated.

        Internal fast path for parsers that produce normalised fields; it skips the
        converters, so callers must guarantee the invariants themselves.
        """
        self = object.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(self, "mins", mins)
        setattr_(self, "hours", hours)
        setattr_(self, "mdays", mdays)
        setattr_(self, "wdays", wdays)
        setattr_(self, "months", months)
        setattr_(self, "years", years)
        setattr_(self, "tz", None)
        setattr_(self, "profile", None)
        setattr_(self, "losers", None)
        return self

    # -- pydantic (the module that builds the schema imports pydantic-core when called) ---

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Lets a ``StartSchedule`` be a field of a pydantic v2 model: it accepts a
        ``StartSchedule`` or the wire object and serialises to the wire object."""
        from ._schemas import pydantic_core_schema

        return pydantic_core_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        """The field's JSON Schema: ``json_schema("start_schedule")``."""
        from ._schemas import pydantic_json_schema

        return pydantic_json_schema()

    # -- cron --------------------------------------------------------------------------

    @classmethod
    def from_cron(
        cls, expression: str, dialect: Dialect = "auto", *, years: Iterable[int] | None = None
    ) -> StartSchedule:
        """The schedule of a cron expression read in ``dialect``, within the ``years``
        horizon when given (see :func:`altcraft_schedule.schedule_from_cron`)."""
        read: Callable[..., StartSchedule] = _cron_module().schedule_from_cron
        return read(expression, dialect, years=years)

    def to_cron(self, dialect: Dialect = "cron") -> str:
        """The cron expression of this schedule in ``dialect`` (see
        :func:`altcraft_schedule.schedule_to_cron`)."""
        write: Callable[..., str] = _cron_module().schedule_to_cron
        return write(self, dialect)

    # -- descriptions ------------------------------------------------------------------

    def describe(self, lang: Literal["en", "ru"] = "en") -> str:
        """One sentence saying when this schedule runs, in English (``en``) or Russian (``ru``)."""
        from ._describe import describe

        return describe(self, lang=lang)

    # -- run times ---------------------------------------------------------------------

    @property
    def is_fixed_time(self) -> bool:
        """True when both ``hours`` and ``mins`` are set (the DST rules of docs/semantics.md §2
        depend on it)."""
        return bool(self.hours) and bool(self.mins)

    def compiled(self) -> CompiledSchedule:
        """The precomputed tables the run-time engine walks (built once, then cached)."""
        return runtimes.compiled(self)

    def zone(self, tz: Timezone = None) -> tzinfo:
        """The zone runs are evaluated in: the schedule's own ``tz``, else ``tz`` (the
        account's zone), else UTC."""
        return runtimes.resolve_zone(self.tz, tz)

    def matches(self, dt: datetime, tz: Timezone = None) -> bool:
        """Whether the wall-clock minute of ``dt`` matches every field.

        A naive ``dt`` is read as wall time in the schedule's zone; an aware one is
        converted to it.  This is field matching only: the DST rules of
        :meth:`next_run` (a run in a gap moved to the end of the gap, a fixed time run
        once in an overlap) are not applied.
        """
        return runtimes.matches(self, dt, tz)

    # The engine's functions themselves (schedule first): no extra call on the hot path.
    next_run = runtimes.next_run
    previous_run = runtimes.previous_run

    def iter_runs(
        self, start: datetime, tz: Timezone = None, reverse: bool = False
    ) -> Iterator[datetime]:
        """Runs strictly after ``start`` in increasing order (strictly before it, in
        decreasing order, when ``reverse``); ends when the schedule never fires again."""
        return runtimes.iter_runs(self, start, tz, reverse)

    def runs_between(self, start: datetime, end: datetime, tz: Timezone = None) -> list[datetime]:
        """The runs ``r`` with ``start <= r < end``, in increasing order."""
        return runtimes.runs_between(self, start, end, tz)


@functools.cache
def _cron_module() -> ModuleType:
    """The cron module, imported on first use (it imports this one); cached, as an
    import statement in a method costs more than the fast path of a parse."""
    from . import _cron

    return _cron

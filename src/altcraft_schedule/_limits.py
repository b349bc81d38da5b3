"""Cycle limits of a regular mailing: ``limit``, ``aglimit_count`` and ``aglimit_percent``.

The platform documents the three fields but not their arithmetic; docs/semantics.md §4 decides it:

* ``limit == 0`` means no limit (the growth fields are then ignored);
* cycle 1 is capped at ``limit``, and cycle k+1 at
  ``L(k+1) = L(k) + aglimit_count + floor(L(k) * aglimit_percent / 100)``;
* the percent is read at its decimal value (``Decimal(str(p))``: ``0.1`` is one tenth,
  not the binary float nearest to it) and everything is computed with Python integers.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Integral
from typing import Any

import attrs

from ._errors import InvalidLimitsError

__all__ = ["PERCENT_KEYS", "WIRE_KEYS", "CycleLimits"]

#: The wire keys this model reads and writes (``to_dict`` writes exactly these).
WIRE_KEYS: tuple[str, ...] = ("limit", "aglimit_count", "aglimit_percent")

#: Both spellings of the percent key found in the platform's docs; ``from_dict`` reads both.
PERCENT_KEYS: tuple[str, ...] = ("aglimit_percent", "agllimit_percent")

# A cap is remembered every _STRIDE cycles, so cap(k) in any order costs at most
# _STRIDE - 1 steps once the sequence has been walked past k.
_STRIDE = 64
_CACHE_LOCK = threading.Lock()

Percent = int | float | Decimal


# -- validation ----------------------------------------------------------------------


def check_count(name: str, value: Any, *, minimum: int = 0, allowed: str = "") -> int:
    """``value`` as an ``int`` >= ``minimum``, or :class:`InvalidLimitsError`.

    Accepts ``int`` and other integral types (returned as ``int``); rejects ``bool``,
    floats (even ``5.0``: a count written as a float is most likely a mistake), strings
    and ``None``.  ``allowed`` overrides the "allowed: ..." part of the message.
    """
    allowed = allowed or f"an integer >= {minimum}"
    if isinstance(value, bool) or not isinstance(value, Integral):
        kind = "a boolean" if isinstance(value, bool) else "not an integer"
        raise InvalidLimitsError.bad_value(name, value, f"is {kind}", allowed)
    number = int(value)
    if number < minimum:
        raise InvalidLimitsError.bad_value(name, value, f"is less than {minimum}", allowed)
    return number


_PERCENT_ALLOWED = "a finite number >= 0 (int, float or Decimal)"


def _convert_percent(value: Any, name: str = "aglimit_percent") -> Percent:
    if isinstance(value, bool) or not isinstance(value, (Integral, float, Decimal)):
        kind = "a boolean" if isinstance(value, bool) else "not a number"
        raise InvalidLimitsError.bad_value(name, value, f"is {kind}", _PERCENT_ALLOWED)
    number: Percent
    if isinstance(value, Integral):
        number = int(value)
    elif isinstance(value, float):
        number = float(value)
    else:
        number = value
    finite = number.is_finite() if isinstance(number, Decimal) else math.isfinite(number)
    if not finite:
        raise InvalidLimitsError.bad_value(name, value, "is not finite", _PERCENT_ALLOWED)
    if number < 0:
        raise InvalidLimitsError.bad_value(name, value, "is negative", _PERCENT_ALLOWED)
    if number == 0 and not isinstance(number, int):
        return number.copy_abs() if isinstance(number, Decimal) else 0.0  # drop a "-0.0" sign
    return number


def _convert_limit(value: Any) -> int:
    return check_count("limit", value, allowed="an integer >= 0 (0 = no limit)")


def _convert_count(value: Any) -> int:
    return check_count("aglimit_count", value)


def percent_fraction(percent: Percent) -> Fraction:
    """The exact rational value of a percent as docs/semantics.md §4 reads it:
    ``Decimal(str(p))``."""
    return Fraction(Decimal(str(percent)))


# -- the model -----------------------------------------------------------------------


@attrs.frozen(slots=True)
class CycleLimits:
    """How many messages each cycle (launch) of a regular mailing may send.

    ``limit`` caps cycle 1 (``0`` = no limit); every following cycle's cap grows by
    ``aglimit_count`` plus ``aglimit_percent`` percent of the previous cap, rounded down.
    ``limit`` and ``aglimit_count`` are ``int`` >= 0 (``bool`` and floats are refused);
    ``aglimit_percent`` is a finite ``int``, ``float`` or ``Decimal`` >= 0, stored as given
    and computed at its decimal value.  Bad values raise :class:`InvalidLimitsError`.
    """

    limit: int = attrs.field(default=0, converter=_convert_limit)
    aglimit_count: int = attrs.field(default=0, converter=_convert_count)
    aglimit_percent: Percent = attrs.field(default=0, converter=_convert_percent)
    # Growth per cycle is L * _num // _den (the percent over 100, as an exact fraction).
    _num: int = attrs.field(default=0, init=False, repr=False, eq=False, hash=False)
    _den: int = attrs.field(default=1, init=False, repr=False, eq=False, hash=False)
    # _checkpoints[i] is the cap of cycle 1 + i * _STRIDE; filled on demand.
    _checkpoints: list[int] = attrs.field(
        factory=list, init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        rate = percent_fraction(self.aglimit_percent) / 100
        object.__setattr__(self, "_num", rate.numerator)
        object.__setattr__(self, "_den", rate.denominator)

    # -- wire format -------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, ignore_unknown: bool = True) -> CycleLimits:
        """Read ``limit``, ``aglimit_count`` and the percent (``aglimit_percent`` or
        ``agllimit_percent``) from a mapping; missing keys and ``null`` mean 0.

        Unknown keys are skipped by default, so the whole mailing object (of a "get"
        response, or a create request) can be passed; with ``ignore_unknown=False`` they
        raise.  When both percent spellings are present with different values, this raises
        :class:`InvalidLimitsError` naming both keys.
        """
        if not isinstance(data, Mapping):
            allowed = "a mapping with the keys " + ", ".join([*WIRE_KEYS, PERCENT_KEYS[1]])
            raise InvalidLimitsError.bad_value("limits", data, "is not an object", allowed)
        if not ignore_unknown:
            known = {*WIRE_KEYS, *PERCENT_KEYS}
            for key in data:
                if key not in known:
                    allowed = (
                        ", ".join([*WIRE_KEYS, PERCENT_KEYS[1]])
                        + " (ignore_unknown=True skips unknown keys)"
                    )
                    raise InvalidLimitsError(
                        f"limits: unknown key {key!r}; allowed: {allowed}",
                        field=str(key),
                        value=data[key],
                        reason="is not a limits key",
                        allowed=allowed,
                    )

        def read(key: str) -> Any:
            value = data.get(key)
            return 0 if value is None else value

        return cls(
            limit=read("limit"),
            aglimit_count=read("aglimit_count"),
            aglimit_percent=_read_percent(data),
        )

    def to_dict(self) -> dict[str, Any]:
        """``{"limit": ..., "aglimit_count": ..., "aglimit_percent": ...}``, JSON-ready.

        A ``Decimal`` percent is written as a ``float`` (the wire type), so digits beyond a
        float's precision are not sent; an ``int`` or ``float`` is written as given.
        """
        percent = self.aglimit_percent
        return {
            "limit": self.limit,
            "aglimit_count": self.aglimit_count,
            "aglimit_percent": float(percent) if isinstance(percent, Decimal) else percent,
        }

    # -- caps ---------------------------------------------------------------------------

    @property
    def is_unlimited(self) -> bool:
        """True when ``limit == 0``: every cycle may send to the whole audience."""
        return self.limit == 0

    @property
    def grows(self) -> bool:
        """True when a limited cap can grow at all (some growth field is non-zero)."""
        return self.aglimit_count > 0 or self._num > 0

    def cap(self, cycle: int) -> int | None:
        """The cap of ``cycle`` (1-based), or ``None`` when there is no limit.

        Exact for any cycle; after the first call the sequence is remembered every 64
        cycles, so calls in any order stay cheap.
        """
        cycle = check_count("cycle", cycle, minimum=1, allowed="an integer >= 1 (1 = first cycle)")
        if self.is_unlimited:
            return None
        if not self._num:  # no percent: linear growth, closed form
            return self.limit + (cycle - 1) * self.aglimit_count
        index, rest = divmod(cycle - 1, _STRIDE)
        return self._advance(self._checkpoint(index), rest)

    def iter_caps(self, start: int = 1) -> Iterator[int | None]:
        """The caps of cycles ``start``, ``start + 1``, ... — an **infinite** iterator
        (bound it with ``itertools.islice`` or ``zip``); it yields ``None`` forever when
        there is no limit."""
        value = self.cap(start)
        if value is None:
            while True:
                yield None
        while True:
            yield value
            value = self._step(value)

    def cycles_to_reach(self, audience: int) -> int | None:
        """The first cycle whose cap is >= ``audience`` (1 when there is no limit), or
        ``None`` when the cap never gets there (it stops growing below ``audience``).

        Runs of cycles that add the same amount are skipped in one step, so the work is
        small even when the answer is a very large cycle number.
        """
        audience = check_count("audience", audience)
        if self.is_unlimited or self.limit >= audience:
            return 1
        value, cycle = self.limit, 1
        while True:
            add, ceiling = self._increment(value)
            if add == 0:  # nothing is added now, so nothing ever will be
                return None
            target = audience if ceiling is None else min(audience, ceiling)
            steps = -((value - target) // add)  # ceil((target - value) / add) >= 1
            value += steps * add
            cycle += steps
            if value >= audience:
                return cycle

    # -- arithmetic ----------------------------------------------------------------------

    def _step(self, value: int) -> int:
        return value + self.aglimit_count + value * self._num // self._den

    def _increment(self, value: int) -> tuple[int, int | None]:
        """What one cycle adds to ``value``, and the smallest cap from which it adds more
        (``None`` when the increment never changes: no percent growth)."""
        num, den = self._num, self._den
        if not num:
            return self.aglimit_count, None
        share = value * num // den
        # Smallest v with v * num // den >= share + 1.
        return self.aglimit_count + share, -(-(share + 1) * den // num)

    def _advance(self, value: int, cycles: int) -> int:
        """The cap ``cycles`` cycles after a cap of ``value``."""
        while cycles > 0:
            add, ceiling = self._increment(value)
            if add == 0:
                return value
            if ceiling is not None and add * self._num >= self._den:
                # Every cycle now adds enough to change the next increment (and the
                # increments only grow), so there are no runs to skip: plain steps.
                return self._walk(value, cycles)
            steps = cycles if ceiling is None else min(cycles, -((value - ceiling) // add))
            value += steps * add
            cycles -= steps
        return value

    def _walk(self, value: int, cycles: int) -> int:
        count, num, den = self.aglimit_count, self._num, self._den
        for _ in range(cycles):
            value += count + value * num // den
        return value

    def _checkpoint(self, index: int) -> int:
        """The cap of cycle ``1 + index * _STRIDE``, extending the remembered checkpoints."""
        checkpoints = self._checkpoints
        if index < len(checkpoints):
            return checkpoints[index]
        with _CACHE_LOCK:
            if not checkpoints:
                checkpoints.append(self.limit)
            while len(checkpoints) <= index:
                checkpoints.append(self._advance(checkpoints[-1], _STRIDE))
            return checkpoints[index]


def _read_percent(data: Mapping[str, Any]) -> Percent:
    """The percent under either spelling; both present must agree in value."""
    present = {key: data[key] for key in PERCENT_KEYS if data.get(key) is not None}
    values = {key: _convert_percent(value, key) for key, value in present.items()}
    if len(values) == 2:
        first, second = (values[key] for key in PERCENT_KEYS)
        if percent_fraction(first) != percent_fraction(second):
            allowed = "either key alone, or both with the same value"
            raise InvalidLimitsError(
                f"{PERCENT_KEYS[0]} ({first!r}) and {PERCENT_KEYS[1]} ({second!r}) differ; "
                f"allowed: {allowed}",
                field=PERCENT_KEYS[1],
                value=second,
                allowed=allowed,
            )
    for key in PERCENT_KEYS:
        if key in values:
            return values[key]
    return 0

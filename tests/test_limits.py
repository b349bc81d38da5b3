"""Cycle limits: the docs/semantics.md §4 recurrence, its validation and the wire keys."""

from __future__ import annotations

import math
import pickle
import random
import threading
from decimal import Decimal
from fractions import Fraction
from itertools import islice, pairwise

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from altcraft_schedule._errors import AltcraftScheduleError, InvalidLimitsError
from altcraft_schedule._limits import CycleLimits

# -- an independent reference ----------------------------------------------------------


def reference_caps(limit: int, count: int, percent: object, cycles: int) -> list[int]:
    """The first ``cycles`` caps, straight from docs/semantics.md §4 with ``Fraction`` and
    ``math.floor``."""
    rate = Fraction(str(percent)) / 100
    caps = [limit]
    while len(caps) < cycles:
        previous = caps[-1]
        caps.append(previous + count + math.floor(previous * rate))
    return caps


def reference_caps_int(limit: int, count: int, percent: object, cycles: int) -> list[int]:
    """The same in integer arithmetic (fast enough for thousands of cycles)."""
    rate = Fraction(str(percent))
    num, den = rate.numerator, rate.denominator * 100
    caps = [limit]
    while len(caps) < cycles:
        previous = caps[-1]
        caps.append(previous + count + previous * num // den)
    return caps


NAMED_PERCENTS = [0, 0.1, 0.5, 1, 1.5, 12.5, 33.3, 50, 99.0, 100, 250.75]

percents = st.one_of(
    st.sampled_from(NAMED_PERCENTS),
    st.floats(min_value=0, max_value=300, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=300, places=3, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=300),
)
small_percents = st.one_of(
    st.floats(min_value=0, max_value=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=2, places=6, allow_nan=False, allow_infinity=False),
)
limited = st.integers(min_value=1, max_value=10**7)
counts = st.integers(min_value=0, max_value=10**4)


# -- the recurrence --------------------------------------------------------------------


@given(limited, counts, percents, st.integers(min_value=1, max_value=120))
def test_cap_equals_the_fraction_reference(limit: int, count: int, percent: object, n: int) -> None:
    limits = CycleLimits(limit, count, percent)
    expected = reference_caps(limit, count, percent, n)
    assert [limits.cap(k) for k in range(1, n + 1)] == expected
    assert list(islice(limits.iter_caps(), n)) == expected


@given(limited, counts, small_percents, st.integers(min_value=1, max_value=3000))
def test_cap_skips_runs_of_equal_growth_exactly(
    limit: int, count: int, percent: object, cycle: int
) -> None:
    # Small percents keep the increment constant over long runs of cycles, which cap()
    # jumps over in one step; compare with a plain cycle-by-cycle walk.
    expected = reference_caps_int(limit, count, percent, cycle)[-1]
    assert CycleLimits(limit, count, percent).cap(cycle) == expected


@given(limited, counts, percents, st.lists(st.integers(1, 400), min_size=1, max_size=30))
def test_cap_in_any_order_matches_the_sequence(
    limit: int, count: int, percent: object, cycles: list[int]
) -> None:
    limits = CycleLimits(limit, count, percent)
    sequence = reference_caps_int(limit, count, percent, max(cycles))
    assert [limits.cap(k) for k in cycles] == [sequence[k - 1] for k in cycles]


@given(limited, counts, percents, st.integers(min_value=1, max_value=500))
def test_iter_caps_from_any_cycle(limit: int, count: int, percent: object, start: int) -> None:
    limits = CycleLimits(limit, count, percent)
    assert list(islice(limits.iter_caps(start), 5)) == [limits.cap(start + i) for i in range(5)]


@given(st.integers(0, 10**9), counts, percents)
def test_caps_never_decrease(limit: int, count: int, percent: object) -> None:
    caps = list(islice(CycleLimits(limit, count, percent).iter_caps(), 200))
    if limit == 0:
        assert caps == [None] * 200
    else:
        assert all(a <= b for a, b in pairwise(caps))  # type: ignore[operator]


@given(counts, percents, st.integers(min_value=1, max_value=10**6))
def test_limit_zero_is_unlimited_whatever_the_growth(
    count: int, percent: object, cycle: int
) -> None:
    limits = CycleLimits(0, count, percent)
    assert limits.is_unlimited
    assert limits.cap(cycle) is None
    assert limits.cycles_to_reach(10**12) == 1


@given(limited, st.integers(1, 10**4), st.integers(1, 10**9))
def test_count_only_growth_is_linear(limit: int, count: int, cycle: int) -> None:
    assert CycleLimits(limit, count).cap(cycle) == limit + (cycle - 1) * count


def test_named_examples() -> None:
    # 1000, +500 and +10%: 1000 -> 1000 + 500 + 100 = 1600 -> 1600 + 500 + 160 = 2260 ...
    limits = CycleLimits(limit=1000, aglimit_count=500, aglimit_percent=10)
    assert list(islice(limits.iter_caps(), 4)) == [1000, 1600, 2260, 2986]
    # The percent is read at its decimal value: the floats 0.7 and 33.3 are a little less
    # than 7/10 and 333/10, so binary arithmetic would floor 6.99... and 332.99... down.
    assert Fraction(0.7) < Fraction("0.7")
    assert CycleLimits(1000, 0, 0.7).cap(2) == 1007
    assert CycleLimits(1000, 0, 33.3).cap(2) == 1333
    assert CycleLimits(10, 0, 99.0).cap(2) == 19  # floor(9.9)


def test_percent_types_compute_alike() -> None:
    as_float = CycleLimits(777, 3, 0.1)
    as_decimal = CycleLimits(777, 3, Decimal("0.1"))
    as_int = CycleLimits(777, 3, 12)
    assert as_float.cap(500) == as_decimal.cap(500)
    assert as_int.cap(300) == CycleLimits(777, 3, 12.0).cap(300)


def test_cap_of_a_distant_cycle_is_exact() -> None:
    limits = CycleLimits(1000, 5, 99.0)
    expected = reference_caps_int(1000, 5, 99.0, 10_000)[-1]
    assert limits.cap(10_000) == expected
    assert expected.bit_length() > 9000  # ~3000 digits: exact integers, no overflow


def test_concurrent_caps_agree() -> None:
    limits = CycleLimits(1000, 7, 3.7)
    expected = reference_caps_int(1000, 7, 3.7, 2000)
    order = list(range(1, 2001))
    random.Random(4).shuffle(order)
    errors: list[int] = []

    def work(part: list[int]) -> None:
        errors.extend(k for k in part if limits.cap(k) != expected[k - 1])

    threads = [threading.Thread(target=work, args=(order[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# -- cycles_to_reach -----------------------------------------------------------------------


@given(limited, counts, percents, st.integers(min_value=0, max_value=10**8))
def test_cycles_to_reach_is_the_first_cycle_at_or_over_the_audience(
    limit: int, count: int, percent: object, audience: int
) -> None:
    limits = CycleLimits(limit, count, percent)
    cycle = limits.cycles_to_reach(audience)
    if cycle is None:
        # The cap never grows (it can only stall at its first value) and stays below.
        first = limits.cap(1)
        assert first is not None
        assert first == limits.cap(2) == limits.cap(1000)
        assert first < audience
        assert count == 0
    else:
        assert limits.cap(cycle) >= audience  # type: ignore[operator]
        assert cycle == 1 or limits.cap(cycle - 1) < audience  # type: ignore[operator]


def test_cycles_to_reach_examples() -> None:
    assert CycleLimits(1000, 500, 10).cycles_to_reach(20_000) == 16
    assert CycleLimits(100, 0, 0).cycles_to_reach(101) is None
    assert CycleLimits(1, 0, 50).cycles_to_reach(2) is None  # floor(0.5) == 0 forever
    assert CycleLimits(2, 0, 50).cycles_to_reach(10**6) is not None
    assert CycleLimits(1, 1).cycles_to_reach(10**18) == 10**18
    assert CycleLimits(5).cycles_to_reach(0) == 1


def test_cycles_to_reach_far_away_with_tiny_growth() -> None:
    limits = CycleLimits(100, 1, 0.0001)
    cycle = limits.cycles_to_reach(10**9)
    assert cycle is not None
    assert limits.cap(cycle) >= 10**9 > limits.cap(cycle - 1)  # type: ignore[operator]


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"limit": -1}, ["limit", "-1", ">= 0"]),
        ({"limit": True}, ["limit", "True", "boolean"]),
        ({"limit": 5.0}, ["limit", "5.0", "not an integer"]),
        ({"limit": "10"}, ["limit", "'10'", "integer"]),
        ({"limit": None}, ["limit", "None", "integer"]),
        ({"aglimit_count": -3}, ["aglimit_count", "-3", ">= 0"]),
        ({"aglimit_count": False}, ["aglimit_count", "False", "boolean"]),
        ({"aglimit_count": 1.5}, ["aglimit_count", "1.5", "integer"]),
        ({"aglimit_percent": -0.5}, ["aglimit_percent", "-0.5", "negative"]),
        ({"aglimit_percent": float("nan")}, ["aglimit_percent", "nan", "finite"]),
        ({"aglimit_percent": float("inf")}, ["aglimit_percent", "inf", "finite"]),
        ({"aglimit_percent": Decimal("NaN")}, ["aglimit_percent", "NaN", "finite"]),
        ({"aglimit_percent": Decimal("-Infinity")}, ["aglimit_percent", "Infinity", "finite"]),
        ({"aglimit_percent": True}, ["aglimit_percent", "True", "boolean"]),
        ({"aglimit_percent": "10"}, ["aglimit_percent", "'10'", "number"]),
        ({"aglimit_percent": Fraction(1, 3)}, ["aglimit_percent", "Fraction", "Decimal"]),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(
    kwargs: dict[str, object], words: list[str]
) -> None:
    with pytest.raises(InvalidLimitsError) as info:
        CycleLimits(**kwargs)
    for word in words:
        assert word in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, AltcraftScheduleError)


@pytest.mark.parametrize("cycle", [0, -1, True, 2.0, "3", None])
def test_bad_cycles_are_refused(cycle: object) -> None:
    with pytest.raises(InvalidLimitsError, match="cycle"):
        CycleLimits(10).cap(cycle)  # type: ignore[arg-type]
    with pytest.raises(InvalidLimitsError, match="cycle"):
        next(CycleLimits(10).iter_caps(cycle))  # type: ignore[arg-type]


@pytest.mark.parametrize("audience", [-1, True, 1.0, "5", None])
def test_bad_audiences_are_refused(audience: object) -> None:
    with pytest.raises(InvalidLimitsError, match="audience"):
        CycleLimits(10).cycles_to_reach(audience)  # type: ignore[arg-type]


def test_negative_zero_percent_is_stored_as_zero() -> None:
    assert str(CycleLimits(aglimit_percent=-0.0).to_dict()["aglimit_percent"]) == "0.0"
    assert not CycleLimits(5, aglimit_percent=-0.0).grows


# -- the model -----------------------------------------------------------------------------


def test_defaults_and_value_semantics() -> None:
    limits = CycleLimits()
    assert (limits.limit, limits.aglimit_count, limits.aglimit_percent) == (0, 0, 0)
    assert limits.is_unlimited
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        limits.limit = 5  # type: ignore[misc]
    used = CycleLimits(10, 1, 2.5)
    used.cap(1000)  # fills the cache, which is not part of the value
    assert used == CycleLimits(10, 1, 2.5)
    assert hash(used) == hash(CycleLimits(10, 1, 2.5))
    assert CycleLimits(10, 1, 2) == CycleLimits(10, 1, 2.0)
    assert "_checkpoints" not in repr(used)
    copy = pickle.loads(pickle.dumps(used))
    assert copy == used
    assert copy.cap(1000) == used.cap(1000)
    assert attrs.evolve(used, aglimit_percent=5).cap(2) == 10 + 1 + 0


def test_from_dict_reads_both_spellings() -> None:
    assert CycleLimits.from_dict({"aglimit_percent": 2.5}).aglimit_percent == 2.5
    assert CycleLimits.from_dict({"agllimit_percent": 2.5}).aglimit_percent == 2.5
    both = CycleLimits.from_dict({"aglimit_percent": 99, "agllimit_percent": 99.0, "limit": 3})
    assert both == CycleLimits(3, 0, 99)
    with pytest.raises(InvalidLimitsError) as info:
        CycleLimits.from_dict({"aglimit_percent": 1.5, "agllimit_percent": 2})
    assert "aglimit_percent" in str(info.value)
    assert "agllimit_percent" in str(info.value)
    with pytest.raises(InvalidLimitsError, match=r"agllimit_percent.*negative"):
        CycleLimits.from_dict({"agllimit_percent": -1})


def test_from_dict_defaults_and_unknown_keys() -> None:
    assert CycleLimits.from_dict({}) == CycleLimits()
    assert CycleLimits.from_dict({"limit": None, "aglimit_percent": None}) == CycleLimits()
    mailing = {"name": "Weekly", "limit": 1000, "aglimit_count": 50, "start_schedule": {}}
    assert CycleLimits.from_dict(mailing) == CycleLimits(1000, 50)
    with pytest.raises(InvalidLimitsError, match="unknown key 'name'"):
        CycleLimits.from_dict(mailing, ignore_unknown=False)
    with pytest.raises(InvalidLimitsError, match="not an object"):
        CycleLimits.from_dict([("limit", 1)])  # type: ignore[arg-type]
    with pytest.raises(InvalidLimitsError, match="limit: '1000'"):
        CycleLimits.from_dict({"limit": "1000"})


@given(st.integers(0, 10**12), st.integers(0, 10**6), percents)
def test_to_dict_round_trips(limit: int, count: int, percent: object) -> None:
    assume(not isinstance(percent, Decimal))  # a Decimal is written as a float
    limits = CycleLimits(limit, count, percent)
    data = limits.to_dict()
    assert data == {"limit": limit, "aglimit_count": count, "aglimit_percent": percent}
    assert CycleLimits.from_dict(data) == limits


def test_to_dict_writes_a_decimal_as_a_float() -> None:
    data = CycleLimits(1, 2, Decimal("12.5")).to_dict()
    assert data["aglimit_percent"] == 12.5
    assert type(data["aglimit_percent"]) is float

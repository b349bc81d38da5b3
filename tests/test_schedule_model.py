"""The StartSchedule model: validation, normalisation, the wire object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule import (
    AltcraftScheduleError,
    InvalidArgumentError,
    InvalidScheduleError,
    StartSchedule,
    UnknownTimeZoneError,
)
from altcraft_schedule._schedule import FIELD_RANGES, WIRE_KEYS

PAGE_EXAMPLE = {
    "start_hours": [2, 4],
    "start_mdays": [1],
    "start_mins": [0, 10, 20, 30, 40, 50],
    "start_months": [12],
    "start_wdays": [],
    "start_years": [2016],
}


def test_normalises_to_sorted_unique_int_tuples() -> None:
    schedule = StartSchedule(mins=[30, 0, 30], hours=(23, 1), wdays=[7, 1, 0], years={2027, 2026})
    assert schedule.mins == (0, 30)
    assert schedule.hours == (1, 23)
    assert schedule.wdays == (0, 1)
    assert schedule.years == (2026, 2027)
    assert schedule.mdays == () and schedule.months == ()
    assert all(type(v) is int for v in schedule.mins)


def test_is_frozen_hashable_and_equal_by_value() -> None:
    a = StartSchedule(hours=[9, 9], mins=[0])
    b = StartSchedule(hours=[9], mins=[0])
    assert a == b and hash(a) == hash(b)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.hours = (1,)  # type: ignore[misc]
    a.next_run(datetime(2026, 1, 1))  # builds the cached tables
    assert a == b and hash(a) == hash(b)
    assert "compiled" not in repr(a)


@pytest.mark.parametrize("field", list(FIELD_RANGES))
def test_range_bounds_are_accepted(field: str) -> None:
    low, high = FIELD_RANGES[field]
    kwargs: dict[str, Any] = {field: [low, high]}
    schedule = StartSchedule(**kwargs)
    assert getattr(schedule, field) == (low, high)


@pytest.mark.parametrize(
    ("field", "value", "bad"),
    [
        ("mins", [60], "60"),
        ("mins", [-1], "-1"),
        ("hours", [24], "24"),
        ("mdays", [0], "0"),
        ("mdays", [32], "32"),
        ("wdays", [8], "8"),
        ("wdays", [-1], "-1"),
        ("months", [0], "0"),
        ("months", [13], "13"),
        ("years", [1969], "1969"),
        ("years", [10000], "10000"),
        ("hours", [True], "True"),
        ("hours", [1.0], "1.0"),
        ("hours", ["1"], "'1'"),
        ("hours", [None], "None"),
        ("hours", [[1]], "[1]"),
        ("hours", "1,2", "'1,2'"),
        ("hours", 5, "5"),
        ("hours", {"a": 1}, "{'a': 1}"),
    ],
)
def test_bad_values_name_field_value_and_allowed(field: str, value: Any, bad: str) -> None:
    with pytest.raises(InvalidScheduleError) as caught:
        StartSchedule(**{field: value})
    message = str(caught.value)
    assert field in message and WIRE_KEYS[field] in message
    assert bad in message
    low, high = FIELD_RANGES[field]
    assert f"{low}-{high}" in message
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, AltcraftScheduleError)


@pytest.mark.parametrize(
    ("field", "value"), [("tz", 5), ("tz", b"UTC"), ("profile", 1), ("losers", "true")]
)
def test_bad_optional_values(field: str, value: Any) -> None:
    with pytest.raises(InvalidScheduleError, match=field) as caught:
        StartSchedule(**{field: value})
    assert repr(value) in str(caught.value)


def test_empty_tz_is_the_account_zone() -> None:
    assert StartSchedule(tz="").tz is None
    assert "tz" not in StartSchedule(tz="").to_dict()


def test_page_example_round_trips_and_runs() -> None:
    schedule = StartSchedule.from_dict(PAGE_EXAMPLE)
    assert schedule.to_dict() == PAGE_EXAMPLE
    runs = list(schedule.iter_runs(datetime(2016, 1, 1)))
    assert len(runs) == 12
    assert runs[0] == datetime(2016, 12, 1, 2, 0, tzinfo=ZoneInfo("UTC"))
    assert runs[-1] == datetime(2016, 12, 1, 4, 50, tzinfo=ZoneInfo("UTC"))
    assert schedule.next_run(datetime(2016, 12, 1, 4, 50)) is None
    assert schedule.previous_run(datetime(2016, 12, 1, 2, 0)) is None


def test_to_dict_shape() -> None:
    bare = StartSchedule().to_dict()
    assert bare == {key: [] for key in WIRE_KEYS.values()}
    full = StartSchedule(tz="Europe/Moscow", profile=False, losers=True).to_dict()
    assert full["tz"] == "Europe/Moscow" and full["profile"] is False and full["losers"] is True


def test_from_dict_reads_optional_keys_and_nulls() -> None:
    data = {"start_hours": None, "start_mins": [5], "tz": "", "profile": True, "losers": False}
    schedule = StartSchedule.from_dict(data)
    assert schedule == StartSchedule(mins=[5], profile=True, losers=False)


def test_from_dict_rejects_unknown_keys_unless_told() -> None:
    with pytest.raises(InvalidScheduleError, match="start_minutes"):
        StartSchedule.from_dict({"start_minutes": [1]})
    assert StartSchedule.from_dict({"start_minutes": [1]}, ignore_unknown=True) == StartSchedule()
    with pytest.raises(InvalidScheduleError, match="not an object"):
        StartSchedule.from_dict([1, 2])  # type: ignore[arg-type]


def test_from_dict_errors_name_the_wire_key() -> None:
    with pytest.raises(InvalidScheduleError, match=r"start_hours.*25"):
        StartSchedule.from_dict({"start_hours": [25]})


ints = st.lists
schedules = st.builds(
    StartSchedule,
    mins=ints(st.integers(0, 59), max_size=6),
    hours=ints(st.integers(0, 23), max_size=4),
    mdays=ints(st.integers(1, 31), max_size=4),
    wdays=ints(st.integers(0, 7), max_size=3),
    months=ints(st.integers(1, 12), max_size=3),
    years=ints(st.integers(1970, 9999), max_size=3),
    tz=st.sampled_from([None, "", "UTC", "Europe/Moscow"]),
    profile=st.sampled_from([None, True, False]),
    losers=st.sampled_from([None, True, False]),
)


@given(schedules)
def test_from_dict_of_to_dict_is_identity(schedule: StartSchedule) -> None:
    assert StartSchedule.from_dict(schedule.to_dict()) == schedule
    # Normalising twice changes nothing.
    assert StartSchedule(**{f: getattr(schedule, f) for f in WIRE_KEYS}) == attrs.evolve(
        schedule, tz=None, profile=None, losers=None
    )


def test_matches_fields_in_the_zone() -> None:
    schedule = StartSchedule(hours=[9], mins=[0], wdays=[1], tz="Europe/Moscow")
    assert schedule.matches(datetime(2026, 11, 30, 9, 0))  # a Monday, naive = wall time
    assert schedule.matches(datetime(2026, 11, 30, 9, 0, 59))
    assert schedule.matches(datetime(2026, 11, 30, 6, 0, tzinfo=UTC))
    assert not schedule.matches(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    assert not schedule.matches(datetime(2026, 12, 1, 9, 0))  # Tuesday


def test_matches_combines_mdays_and_wdays_with_and() -> None:
    schedule = StartSchedule(mdays=[13], wdays=[5])  # Friday the 13th
    assert schedule.matches(datetime(2026, 11, 13, 12, 0))
    assert not schedule.matches(datetime(2026, 12, 13, 12, 0))  # Sunday
    assert not schedule.matches(datetime(2026, 11, 20, 12, 0))  # a Friday, not the 13th


def test_unknown_zone_and_bad_arguments() -> None:
    with pytest.raises(UnknownTimeZoneError, match="Mars/Olympus") as caught:
        StartSchedule(tz="Mars/Olympus").next_run(datetime(2026, 1, 1))
    assert isinstance(caught.value, ValueError)
    with pytest.raises(UnknownTimeZoneError):
        StartSchedule().next_run(datetime(2026, 1, 1), tz="../etc/passwd")
    with pytest.raises(InvalidArgumentError, match="after"):
        StartSchedule().next_run("2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="tz"):
        StartSchedule().next_run(datetime(2026, 1, 1), tz=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["../etc/passwd", "Europe/ Moscow", "a..b", "\ud800", "/UTC"])
def test_tz_must_have_the_shape_of_a_zone_name(bad: str) -> None:
    with pytest.raises(InvalidScheduleError, match="not a zone name"):
        StartSchedule(tz=bad)


def test_tz_shape_accepts_every_known_zone() -> None:
    import zoneinfo

    for key in zoneinfo.available_timezones():
        assert StartSchedule(tz=key).tz == key

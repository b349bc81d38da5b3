"""The cattrs hooks with a real ``cattrs.Converter``: the models go to and come from their
wire objects, alone and inside the user's own attrs classes; bad values raise the library's
errors (wrapped in cattrs' ClassValidationError inside a structured class)."""

from __future__ import annotations

import json
from typing import Any

import attrs
import cattrs
import pytest
from cattrs.errors import ClassValidationError
from cattrs.preconf.json import make_converter
from hypothesis import given, settings
from hypothesis import strategies as st

from altcraft_schedule import (
    CycleLimits,
    InvalidLimitsError,
    InvalidRequestError,
    InvalidScheduleError,
    InvalidValueError,
    RegularMailing,
    StartSchedule,
)
from altcraft_schedule.bridges.cattrs import register_hooks
from altcraft_schedule.strategies import start_schedules

converter = register_hooks(cattrs.Converter())


@attrs.frozen
class Job:
    name: str
    schedule: StartSchedule
    limits: CycleLimits | None = None
    more: tuple[StartSchedule, ...] = ()


MAILING = RegularMailing(
    name="Digest",
    data_type="list",
    data_id=3,
    content=[{"message_id": 1}],
    send_channel="email",
    start_schedule=StartSchedule(mins=[0], hours=[9]),
    limits=CycleLimits(limit=100, aglimit_percent=10),
)


def test_register_hooks_returns_the_converter() -> None:
    plain = cattrs.Converter()
    assert register_hooks(plain) is plain


def test_the_keys_are_the_wire_keys_not_the_attribute_names() -> None:
    schedule = StartSchedule(hours=[9], tz="UTC")
    data = converter.unstructure(schedule)
    assert data == schedule.to_dict()
    assert "start_hours" in data
    assert "hours" in attrs.asdict(schedule)
    assert "hours" not in data


@settings(max_examples=60)
@given(start_schedules(), st.integers(0, 10**6))
def test_round_trip_through_the_wire_object(schedule: StartSchedule, limit: int) -> None:
    job = Job(name="x", schedule=schedule, limits=CycleLimits(limit=limit), more=(schedule,))
    data = converter.unstructure(job)
    assert data["schedule"] == schedule.to_dict()
    assert data["more"] == [schedule.to_dict()]
    assert converter.structure(data, Job) == job
    assert converter.structure(json.loads(json.dumps(data)), Job) == job


def test_the_models_alone() -> None:
    wire = {"start_hours": [9], "start_wdays": [7]}
    assert converter.structure(wire, StartSchedule) == StartSchedule(hours=[9], wdays=[0])
    limits = converter.structure({"limit": 5, "agllimit_percent": 2}, CycleLimits)
    assert limits == CycleLimits(limit=5, aglimit_percent=2)
    assert converter.unstructure(limits) == limits.to_dict()
    assert converter.structure(MAILING.to_dict(), RegularMailing) == MAILING
    assert converter.unstructure(MAILING) == MAILING.to_dict()


def test_a_preconfigured_json_converter() -> None:
    json_converter = register_hooks(make_converter())
    job = Job(name="x", schedule=StartSchedule(mins=[30]), limits=CycleLimits(limit=1))
    text = json_converter.dumps(job)
    assert json.loads(text)["schedule"]["start_mins"] == [30]
    assert json_converter.loads(text, Job) == job


@pytest.mark.parametrize(
    ("model", "data", "error"),
    [
        (StartSchedule, {"start_hours": [24]}, InvalidScheduleError),
        (StartSchedule, {"hours": [1]}, InvalidScheduleError),
        (CycleLimits, {"limit": -1}, InvalidLimitsError),
        (CycleLimits, {"limits": 1}, InvalidLimitsError),
        (RegularMailing, {"name": "x"}, InvalidRequestError),
    ],
)
def test_a_bad_value_raises_the_librarys_error(
    model: type[Any], data: Any, error: type[InvalidValueError]
) -> None:
    with pytest.raises(error) as caught:
        converter.structure(data, model)
    assert caught.value.field is not None or isinstance(caught.value, InvalidRequestError)


def test_inside_a_class_cattrs_wraps_the_error() -> None:
    with pytest.raises(ClassValidationError) as caught:
        converter.structure({"name": "x", "schedule": {"start_mins": [60]}}, Job)
    (inner,) = caught.value.exceptions
    assert isinstance(inner, InvalidScheduleError)
    assert (inner.field, inner.value) == ("mins", 60)
    assert inner.__notes__ == ["Structuring class Job @ attribute schedule"]


def test_without_detailed_validation_the_error_is_the_librarys() -> None:
    plain = register_hooks(cattrs.Converter(detailed_validation=False))
    with pytest.raises(InvalidScheduleError):
        plain.structure({"name": "x", "schedule": {"start_mins": [60]}}, Job)

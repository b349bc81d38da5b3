"""StartSchedule as a field of a real pydantic v2 model: the wire object or a
StartSchedule in, the wire object out, the library's errors as pydantic's, located at the
bad wire key, and the published JSON Schema as the field's schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter, ValidationError

from altcraft_schedule import StartSchedule, json_schema
from altcraft_schedule.strategies import start_schedules


class Job(BaseModel):
    name: str
    schedule: StartSchedule
    extra: list[StartSchedule] = []
    optional: StartSchedule | None = None


WEEKDAY_NINE = StartSchedule(mins=[0], hours=[9], wdays=[1, 2, 3, 4, 5], tz="Europe/Moscow")


def test_accepts_the_wire_object_and_a_start_schedule() -> None:
    from_wire = Job.model_validate({"name": "digest", "schedule": WEEKDAY_NINE.to_dict()})
    from_model = Job(name="digest", schedule=WEEKDAY_NINE)
    assert from_wire.schedule == from_model.schedule == WEEKDAY_NINE
    assert from_model.schedule is WEEKDAY_NINE
    assert Job.model_validate({"name": "x", "schedule": {}}).schedule == StartSchedule()


def test_normalises_like_the_model() -> None:
    job = Job.model_validate({"name": "x", "schedule": {"start_wdays": [7, 1, 1], "tz": ""}})
    assert job.schedule == StartSchedule(wdays=[0, 1])


def test_dump_is_the_wire_object() -> None:
    job = Job(name="digest", schedule=WEEKDAY_NINE, extra=[StartSchedule(hours=[3])])
    dumped = job.model_dump()
    assert dumped["schedule"] == WEEKDAY_NINE.to_dict()
    assert dumped["extra"] == [StartSchedule(hours=[3]).to_dict()]
    assert dumped["optional"] is None
    assert json.loads(job.model_dump_json())["schedule"] == WEEKDAY_NINE.to_dict()


@settings(max_examples=30)
@given(start_schedules(), start_schedules())
def test_round_trip_through_python_and_json(first: StartSchedule, second: StartSchedule) -> None:
    job = Job(name="x", schedule=first, extra=[second], optional=second)
    assert Job.model_validate(job.model_dump()) == job
    assert Job.model_validate_json(job.model_dump_json()) == job


def test_errors_are_pydantic_errors_at_the_wire_key() -> None:
    bad = {"start_hours": [24], "start_mins": ["0"], "start_seconds": [0], "tz": "UTC"}
    with pytest.raises(ValidationError) as caught:
        Job.model_validate({"name": "x", "schedule": bad})
    errors = caught.value.errors()
    assert [error["loc"] for error in errors] == [
        ("schedule", "start_hours"),
        ("schedule", "start_mins"),
        ("schedule", "start_seconds"),
    ]
    assert [error["input"] for error in errors] == [24, "0", [0]]
    assert {error["type"] for error in errors} == {"start_schedule"}
    hours = errors[0]
    assert (
        hours["msg"] == "hours (start_hours): 24 is out of range; allowed: a list of integers 0-23"
    )
    assert hours["ctx"] == {
        "message": hours["msg"],
        "reason": "is out of range",
        "allowed": "a list of integers 0-23",
    }


@pytest.mark.parametrize("value", [5, "0 9 * * *", [], None])
def test_a_value_that_is_not_an_object(value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        Job.model_validate({"name": "x", "schedule": value})
    (error,) = caught.value.errors()
    assert error["loc"] == ("schedule",)
    assert "is not an object" in error["msg"]


def test_errors_inside_containers_keep_their_path() -> None:
    with pytest.raises(ValidationError) as caught:
        Job.model_validate(
            {
                "name": "x",
                "schedule": {},
                "extra": [{}, {"start_months": [13]}],
                "optional": {"losers": 1},
            }
        )
    locations = [error["loc"] for error in caught.value.errors()]
    assert locations == [("extra", 1, "start_months"), ("optional", "losers")]


def test_json_input_is_checked_too() -> None:
    with pytest.raises(ValidationError) as caught:
        Job.model_validate_json('{"name": "x", "schedule": {"start_mins": [60]}}')
    assert caught.value.errors()[0]["loc"] == ("schedule", "start_mins")


def test_the_field_schema_is_the_published_schema() -> None:
    published = json_schema("start_schedule")
    del published["$schema"], published["$id"]
    for mode in ("validation", "serialization"):
        schema = Job.model_json_schema(mode=mode)
        assert schema["properties"]["schedule"] == published
        assert schema["properties"]["extra"]["items"] == published
    assert TypeAdapter(StartSchedule).json_schema() == published


def test_the_model_schema_validates_its_own_dumps() -> None:
    validator = Draft202012Validator(Job.model_json_schema(mode="serialization"))
    Draft202012Validator.check_schema(validator.schema)
    job = Job(name="digest", schedule=WEEKDAY_NINE, extra=[StartSchedule(years=[2030])])
    validator.validate(json.loads(job.model_dump_json()))
    assert not validator.is_valid({"name": "x", "schedule": {"start_hours": [24]}})


def test_a_type_adapter() -> None:
    adapter = TypeAdapter(list[StartSchedule])
    schedules = adapter.validate_python([{"start_hours": [1]}, WEEKDAY_NINE])
    assert schedules == [StartSchedule(hours=[1]), WEEKDAY_NINE]
    assert adapter.dump_python(schedules)[1] == WEEKDAY_NINE.to_dict()

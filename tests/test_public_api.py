"""The package's public names: one import, nothing a submodule can shadow, errors that
carry their facts."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import pickle
import pkgutil
import types
import typing
from pathlib import Path

import pytest

import altcraft_schedule
from altcraft_schedule import (
    AltcraftAPIError,
    AltcraftScheduleError,
    CallError,
    CycleLimits,
    InvalidArgumentError,
    InvalidLimitsError,
    InvalidRequestError,
    InvalidScheduleError,
    InvalidValueError,
    Problem,
    ProtocolError,
    StartSchedule,
    TransportError,
    UnknownTimeZoneError,
    next_run,
    validate_request,
)


def _import_every_submodule() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(altcraft_schedule.__path__, "altcraft_schedule."):
        try:
            importlib.import_module(info.name)
        except ImportError as error:  # an optional extra that is not installed
            if "altcraft_schedule" in str(error):
                raise
            continue
        names.append(info.name)
    return names


def test_no_submodule_shadows_a_public_name() -> None:
    imported = _import_every_submodule()
    assert "altcraft_schedule._schedule" in imported
    for name in altcraft_schedule.__all__:
        value = getattr(altcraft_schedule, name)
        assert not isinstance(value, types.ModuleType), name
    namespace: dict[str, object] = {}
    exec(f"from altcraft_schedule import {', '.join(altcraft_schedule.__all__)}", namespace)
    modules = [
        name for name in altcraft_schedule.__all__ if isinstance(namespace[name], types.ModuleType)
    ]
    assert modules == []


def test_public_submodules_are_not_public_names() -> None:
    public_modules = {
        info.name
        for info in pkgutil.iter_modules(altcraft_schedule.__path__)
        if not info.name.startswith("_")
    }
    assert "strategies" in public_modules
    assert public_modules.isdisjoint(altcraft_schedule.__all__)


def test_all_is_sorted_unique_and_complete() -> None:
    names = altcraft_schedule.__all__
    assert len(names) == len(set(names))
    assert sorted(names, key=str.casefold) == sorted(names, key=str.casefold)
    for name in names:
        assert hasattr(altcraft_schedule, name), name


def test_public_objects_present_themselves_under_the_package() -> None:
    for name in altcraft_schedule.__all__:
        value = getattr(altcraft_schedule, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__ == "altcraft_schedule", name
    assert repr(StartSchedule(hours=[9])).startswith("StartSchedule(")
    assert pickle.loads(pickle.dumps(StartSchedule(hours=[9]))) == StartSchedule(hours=[9])


def test_one_version_source() -> None:
    assert altcraft_schedule.__version__ == importlib.metadata.version("altcraft-schedule")


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = getattr(altcraft_schedule, "no_such_name")  # noqa: B009


# -- the error tree -----------------------------------------------------------------------


def test_error_tree() -> None:
    for bad_value in (
        InvalidScheduleError,
        UnknownTimeZoneError,
        InvalidArgumentError,
        InvalidLimitsError,
        InvalidRequestError,
        altcraft_schedule.CronConversionError,
    ):
        assert issubclass(bad_value, InvalidValueError)
        assert issubclass(bad_value, ValueError)
    for call_error in (AltcraftAPIError, TransportError, ProtocolError):
        assert issubclass(call_error, CallError)
        assert not issubclass(call_error, ValueError)
    assert issubclass(InvalidValueError, AltcraftScheduleError)
    assert issubclass(CallError, AltcraftScheduleError)


def test_schedule_error_carries_field_value_and_allowed() -> None:
    with pytest.raises(InvalidScheduleError) as caught:
        StartSchedule(hours=[9, 24])
    error = caught.value
    assert (error.field, error.value, error.reason) == ("hours", 24, "is out of range")
    assert error.allowed == "a list of integers 0-23"
    assert str(error) == "hours (start_hours): 24 is out of range; allowed: a list of integers 0-23"


def test_unknown_key_error_names_the_key() -> None:
    with pytest.raises(InvalidScheduleError) as caught:
        StartSchedule.from_dict({"start_hour": [9]})
    assert (caught.value.field, caught.value.value) == ("start_hour", [9])
    assert "start_hour" in str(caught.value)


def test_unknown_zone_error() -> None:
    with pytest.raises(UnknownTimeZoneError) as caught:
        StartSchedule(hours=[9], tz="Mars/Olympus").zone()
    assert (caught.value.field, caught.value.value) == ("tz", "Mars/Olympus")


def test_argument_error_names_the_argument() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        next_run(StartSchedule(), "2026-01-01")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("after", "2026-01-01")
    assert caught.value.allowed is not None and caught.value.allowed.startswith("a datetime")


def test_limits_error_carries_its_facts() -> None:
    with pytest.raises(InvalidLimitsError) as caught:
        CycleLimits(limit=-1)
    assert (caught.value.field, caught.value.value) == ("limit", -1)
    assert caught.value.reason == "is less than 0"


def test_request_error_lists_its_problems_as_pairs() -> None:
    problems = validate_request(
        {"name": "x", "start_schedule": {"start_hours": [25], "start_mins": ["0"]}}
    )
    assert problems
    for problem in problems:
        assert isinstance(problem, Problem)
        path, message = problem
        assert isinstance(path, str) and isinstance(message, str)
    by_path = dict(problems)
    assert by_path["start_schedule.start_hours"] == (
        "25 is out of range; allowed: a list of integers 0-23"
    )
    assert by_path["start_schedule.start_mins"].startswith("'0' is not an integer")


def test_request_error_raised_with_its_problems() -> None:
    with pytest.raises(InvalidRequestError) as caught:
        altcraft_schedule.RegularMailing.from_dict(
            {
                "name": "x",
                "data_type": "segment",
                "data_id": 1,
                "content": [{"message_id": 1}],
                "send_channel": "email",
                "start_schedule": {"start_hours": [25]},
            }
        )
    assert caught.value.problems
    assert all(isinstance(problem, Problem) for problem in caught.value.problems)


def test_api_error_fields_and_old_names() -> None:
    error = AltcraftAPIError(402, "Tariff limit reached", request_id="r-1")
    assert (error.error, error.error_text, error.request_id) == (402, "Tariff limit reached", "r-1")
    assert (error.code, error.text) == (402, "Tariff limit reached")
    assert str(error) == "Altcraft API error 402: Tariff limit reached"


def test_type_hints_of_public_classes_resolve() -> None:
    # Their __module__ is the package: the hints must not be looked up there as strings
    # (typing.get_type_hints, attrs.resolve_types, cattrs and pydantic read them).
    classes = [
        value for name in altcraft_schedule.__all__
        if isinstance(value := getattr(altcraft_schedule, name), type)
    ]  # fmt: skip
    for cls in classes:
        typing.get_type_hints(cls)
    assert typing.get_type_hints(altcraft_schedule.StartSchedule)["mins"] == tuple[int, ...]


def test_every_public_error_is_on_the_errors_page() -> None:
    page = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    errors = [
        name for name in altcraft_schedule.__all__
        if isinstance(value := getattr(altcraft_schedule, name), type)
        and issubclass(value, altcraft_schedule.AltcraftScheduleError)
    ]  # fmt: skip
    assert len(errors) >= 10
    tree = page[page.index("AltcraftScheduleError\n") :]
    assert [name for name in errors if name not in tree.split("```")[0]] == []

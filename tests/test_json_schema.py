"""The published JSON Schemas: equal to what the model's tables generate, valid draft
2020-12, and in agreement with the model: a wire object or request is schema-valid
exactly when the model accepts it, except for the rules the schema documents it cannot
express (each shown here: the schema accepts, the model refuses)."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from altcraft_schedule import (
    InvalidArgumentError,
    InvalidScheduleError,
    RegularMailing,
    StartSchedule,
    _request,
    _schemas,
    json_schema,
    validate_request,
)
from altcraft_schedule._schedule import FIELD_RANGES, WIRE_KEYS
from altcraft_schedule._schemas import (
    REQUEST_LIMITS_OF_SCHEMA,
    SCHEDULE_LIMITS_OF_SCHEMA,
    SCHEMA_NAMES,
    build_schema,
    schema_text,
    write_schema_files,
)
from altcraft_schedule.strategies import start_schedules

PACKAGE_SCHEMAS = Path(__file__).resolve().parent.parent / "src" / "altcraft_schedule" / "schemas"
SCHEDULE = Draft202012Validator(json_schema("start_schedule"))
REQUEST = Draft202012Validator(json_schema("create_request"))
REGENERATE = (
    "regenerate the files: python -c 'from altcraft_schedule._schemas import "
    "write_schema_files; write_schema_files()'"
)


# -- the files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_published_file_is_what_the_tables_generate(name: Any) -> None:
    text = (PACKAGE_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert text == schema_text(name), REGENERATE
    assert json_schema(name) == build_schema(name)


def test_write_schema_files(tmp_path: Path) -> None:
    written = write_schema_files(tmp_path / "out")
    assert [path.name for path in written] == [f"{name}.schema.json" for name in SCHEMA_NAMES]
    for path in written:
        assert path.read_text(encoding="utf-8") == (PACKAGE_SCHEMAS / path.name).read_text(
            encoding="utf-8"
        )


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schemas_are_valid_draft_2020_12(name: Any) -> None:
    schema = json_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_call_gives_a_new_dict() -> None:
    schema = json_schema("start_schedule")
    schema["properties"].clear()
    assert json_schema("start_schedule")["properties"]


@pytest.mark.parametrize("name", ["start", "StartSchedule", "", None, 3])
def test_unknown_name(name: Any) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        json_schema(name)
    error = caught.value
    assert (error.field, error.value, error.reason) == ("name", name, "is not a schema name")
    assert error.allowed == "'start_schedule' or 'create_request'"
    assert str(error).startswith(f"name: {name!r} is not a schema name")


def test_ranges_come_from_the_model() -> None:
    properties = json_schema("start_schedule")["properties"]
    for attr, wire in WIRE_KEYS.items():
        items = properties[wire]["items"]
        low, high = FIELD_RANGES[attr]
        assert (items["minimum"], items["maximum"]) == (low, 7 if attr == "wdays" else high)


def test_the_limits_of_the_schema_are_in_its_description() -> None:
    schedule, request = json_schema("start_schedule"), json_schema("create_request")
    assert all(rule in schedule["description"] for rule in SCHEDULE_LIMITS_OF_SCHEMA)
    assert all(rule in request["description"] for rule in REQUEST_LIMITS_OF_SCHEMA)
    assert request["$defs"]["start_schedule"]["properties"] == schedule["properties"]


def test_base_install_needs_no_schema_or_model_library() -> None:
    code = (
        "import sys, altcraft_schedule as a; a.json_schema('create_request'); "
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'cattrs', 'jsonschema') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# -- edge values: each rule of the model from both sides, and the wrong JSON types -------------

# Every character Python's str.isspace() calls whitespace below U+3001, and some that
# look like it but are not (the model's "blank" is str.strip(); the schema's is \S).
WHITESPACE = [chr(code) for code in range(0x3001) if chr(code).isspace()]
NOT_WHITESPACE = ["\u200b", "\ufeff", "\u180e", "x", "я"]
WRONG_TYPES: list[Any] = [None, True, False, 0, 1, -1, 2.5, "", "1", [], {}, [None], {"a": 1}]

KNOWN_ZONES = ["", "UTC", "Europe/Moscow", "America/New_York", "Etc/GMT+3", "Asia/Kolkata"]
BAD_ZONES = ["UTC\n", "UTC ", " UTC", "../etc/passwd", "a//b", "/UTC", "UTC/", "Мск", "a.b"]
# Zone names of the right shape that no tz database has: the schedule model accepts them,
# a request is refused for them (a rule the schema cannot express).
UNKNOWN_ZONES = ["Mars/Olympus_Mons", "Nowhere"]


def _array_edges(attr: str) -> list[Any]:
    low, high = FIELD_RANGES[attr]
    # high + 1 is 7 for wdays: read as Sunday, so allowed there and nowhere else.
    singles = [[value] for value in range(low - 2, low + 1)] + [
        [value] for value in range(high, high + 3)
    ]
    mixed = [[low, low], [low, high], [high, high + 2], [True], [1.5], [float(low) + 0.5]]
    return [*singles, *mixed, ["1"], [[low]], [{}], *WRONG_TYPES]


SCHEDULE_EDGES: dict[str, list[Any]] = {
    **{wire: _array_edges(attr) for attr, wire in WIRE_KEYS.items()},
    "tz": [*KNOWN_ZONES, *BAD_ZONES, *(f"UTC{c}" for c in WHITESPACE), *WRONG_TYPES],
    "profile": WRONG_TYPES,
    "losers": WRONG_TYPES,
    "start_seconds": [[0], None],
    "Tz": ["UTC"],
    "": [None],
}


def _schedule_accepts(data: Any) -> bool:
    try:
        StartSchedule.from_dict(data)
    except InvalidScheduleError:
        return False
    return True


def _schedule_agrees(data: Any) -> bool:
    return SCHEDULE.is_valid(data) == _schedule_accepts(data)


@pytest.mark.parametrize("key", sorted(SCHEDULE_EDGES))
def test_schedule_schema_and_model_agree_on_each_edge(key: str) -> None:
    base = StartSchedule(mins=[0], hours=[9], wdays=[1], tz="UTC", profile=True).to_dict()
    values = SCHEDULE_EDGES[key] + (UNKNOWN_ZONES if key == "tz" else [])
    disagree = [
        (value, where)
        for value in values
        for where, data in (("alone", {key: value}), ("in a full object", {**base, key: value}))
        if not _schedule_agrees(data)
    ]
    assert disagree == []


# Random combinations of the edges, and any JSON value.  No integral floats (JSON Schema's
# integer matches 1.0) and no lone surrogates (st.text draws none).
fractional = st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer())
json_leaves = st.none() | st.booleans() | st.integers(-3, 10_000) | fractional | st.text(max_size=4)
json_values = st.recursive(
    json_leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


def _edge_objects(
    edges: Mapping[str, list[Any]], base: Mapping[str, Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """``base`` with up to four keys set to one of their edge values (or dropped)."""

    @st.composite
    def draw_object(draw: st.DrawFn) -> dict[str, Any]:
        data = dict(base)
        for key in draw(st.lists(st.sampled_from(sorted(edges)), max_size=4, unique=True)):
            if key in data and draw(st.integers(0, 5)) == 0:
                del data[key]
            else:
                data[key] = draw(st.sampled_from(edges[key]) | json_values)
        return data

    return draw_object()


wire_schedules = _edge_objects(SCHEDULE_EDGES, {}) | _edge_objects(
    SCHEDULE_EDGES, StartSchedule(mins=[0, 30], hours=[9], tz="Europe/Moscow").to_dict()
)


@given(wire_schedules | json_values)
def test_schedule_schema_accepts_exactly_what_the_model_accepts(data: Any) -> None:
    assert _schedule_agrees(data)


def test_the_schedule_generator_draws_both_outcomes() -> None:
    find(wire_schedules, lambda data: len(data) > 1 and _schedule_accepts(data))
    find(wire_schedules, lambda data: len(data) > 1 and not _schedule_accepts(data))


@pytest.mark.parametrize("key", sorted(WIRE_KEYS.values()))
def test_integral_floats_are_refused_by_the_model_only(key: str) -> None:
    """The one start-schedule rule JSON Schema cannot express: ``integer`` matches 1.0."""
    data = {key: [float(FIELD_RANGES[key.removeprefix("start_")][0])]}
    assert SCHEDULE.is_valid(data)
    assert not _schedule_accepts(data)


# -- the create request ------------------------------------------------------------------------


def _request_accepts(data: Any) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return validate_request(data) == []


def _request_agrees(data: Any) -> bool:
    return REQUEST.is_valid(data) == _request_accepts(data)


def _counts(minimum: int) -> list[Any]:
    return [
        minimum - 1,
        minimum,
        minimum + 1,
        10**20,
        -(10**20),
        float(minimum) + 0.5,
        *WRONG_TYPES,
    ]


NON_BLANK_TEXT = [*WHITESPACE, *NOT_WHITESPACE, " x ", "x\n", "\t\t", *WRONG_TYPES]
ANY_TEXT = ["", " ", "x", *WRONG_TYPES]
STRING_LISTS = [[], ["x"], [""], [" "], ["\u3000"], ["x", ""], [1], [None], [["x"]], *WRONG_TYPES]
PERCENTS = [-1, -0.5, 0, 0.0, 12.5, 100, 1e300, *WRONG_TYPES]
CONTENT = [[{"message_id": 1}], [{}], [{"a": 1}, {}], [1], ["x"], [[]], [{"a": [1.5, None]}]]
ATTRIBUTES = [{}, {"season": "summer"}, {"a": [1, {"b": None}]}, {"a": 1.5}]
CHOICES = ["Email", "SMS", "fax", "json", "fanout", "last", "Fanout", "xml", "push"]
REQUEST_EDGES: dict[str, list[Any]] = {
    "token": ANY_TEXT,
    "format": ["json", "xml", *CHOICES, *WRONG_TYPES],
    "name": NON_BLANK_TEXT,
    "is_active": WRONG_TYPES,
    "data_type": NON_BLANK_TEXT,
    "data_id": _counts(1),
    "resource_id": _counts(0),
    "content": [*CONTENT, *WRONG_TYPES],
    "send_channel": ["email", "sms", "push", *CHOICES, *WRONG_TYPES],
    "content_type": ANY_TEXT,
    "send_email_content": WRONG_TYPES,
    "send_push_content": WRONG_TYPES,
    "send_sms_content": WRONG_TYPES,
    "subid": ANY_TEXT,
    # Every edge of the schedule, nested; not "1", a zone name's shape but no zone (an
    # unknown zone is refused in a request only: see INEXPRESSIBLE).
    "start_schedule": [
        *(
            {key: value}
            for key, values in SCHEDULE_EDGES.items()
            for value in values
            if (key, value) != ("tz", "1")
        ),
        *WRONG_TYPES,
    ],
    "limit": _counts(0),
    "aglimit_count": _counts(0),
    "aglimit_percent": PERCENTS,
    "agllimit_percent": PERCENTS,
    "policy_id": _counts(0),
    "push_sending_mode": ["fanout", "last", *CHOICES, *WRONG_TYPES],
    "attributes": [*ATTRIBUTES, *WRONG_TYPES],
    "virtual_sender_id": _counts(0),
    "is_random_tracking_prefix": WRONG_TYPES,
    "custom_tracking_domains": STRING_LISTS,
    "blind_carbon_copy": STRING_LISTS,
    "unconditional_sending": WRONG_TYPES,
    "watched_list_id": _counts(0),
    "watcher_limit": _counts(0),
    "limits": [{"limit": 1}],
    "Name": ["Digest"],
    "start_mins": [[0]],
}

EMAIL: dict[str, Any] = {
    "name": "Digest",
    "data_type": "list",
    "data_id": 3,
    "content": [{"message_id": 1}],
    "send_channel": "email",
}
PUSH = {**EMAIL, "send_channel": "push", "push_sending_mode": "last", "token": "t"}


def test_the_edges_cover_every_parameter() -> None:
    assert set(json_schema("create_request")["properties"]) < set(REQUEST_EDGES)


@pytest.mark.parametrize("key", sorted(REQUEST_EDGES))
def test_request_schema_and_model_agree_on_each_edge(key: str) -> None:
    disagree = [
        (value, base["send_channel"])
        for base in (EMAIL, PUSH)
        for value in REQUEST_EDGES[key]
        if not _request_agrees({**base, key: value})
    ]
    assert disagree == []
    if key in EMAIL:
        assert _request_agrees({name: value for name, value in EMAIL.items() if name != key})


def _equal_percents(data: dict[str, Any]) -> dict[str, Any]:
    """Both percent spellings given must agree: a rule the schema cannot express."""
    if data.get("aglimit_percent") is not None and data.get("agllimit_percent") is not None:
        data["agllimit_percent"] = data["aglimit_percent"]
    return data


requests = (_edge_objects(REQUEST_EDGES, EMAIL) | _edge_objects(REQUEST_EDGES, PUSH)).map(
    _equal_percents
)


@given(requests | json_values)
def test_request_schema_accepts_exactly_what_the_model_accepts(data: Any) -> None:
    assert _request_agrees(data)


def test_the_request_generator_draws_both_outcomes() -> None:
    find(requests, lambda data: len(data) > len(EMAIL) + 1 and _request_accepts(data))
    find(requests, lambda data: not _request_accepts(data))


@settings(max_examples=60)
@given(start_schedules(), st.sampled_from(["email", "sms", "push"]), st.booleans())
def test_every_schedule_and_request_the_model_writes_validates(
    schedule: StartSchedule, channel: str, with_mode: bool
) -> None:
    SCHEDULE.validate(schedule.to_dict())
    mailing = RegularMailing(
        **EMAIL | {"send_channel": channel},
        start_schedule=schedule,
        limits={"limit": 100, "aglimit_count": 5, "aglimit_percent": 12.5},
        push_sending_mode="fanout" if with_mode and channel == "push" else None,
    )
    REQUEST.validate(mailing.to_dict())
    REQUEST.validate(mailing.to_json_body("a-token", format="xml"))
    REQUEST.validate(json.loads(mailing.to_json()))


# Each rule the schema cannot express: the model refuses, the schema accepts.
INEXPRESSIBLE = {
    "an integral float where an integer goes": {**EMAIL, "data_id": 3.0},
    "an integral float in a schedule array": {**EMAIL, "start_schedule": {"start_hours": [9.0]}},
    "a zone the tz database lacks": {**EMAIL, "start_schedule": {"tz": UNKNOWN_ZONES[0]}},
    "percent spellings that disagree": {
        **EMAIL,
        "limit": 10,
        "aglimit_percent": 5,
        "agllimit_percent": 6,
    },
    "a lone surrogate": {**EMAIL, "name": "Digest \ud800"},
}


@pytest.mark.parametrize("case", INEXPRESSIBLE)
def test_what_the_request_schema_cannot_express(case: str) -> None:
    data = INEXPRESSIBLE[case]
    assert REQUEST.is_valid(data)
    assert not _request_accepts(data)


anything_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@settings(max_examples=100)
@given(_edge_objects(REQUEST_EDGES, EMAIL), st.sampled_from(sorted(INEXPRESSIBLE)))
def test_every_schema_invalid_request_is_refused_by_the_model(
    data: dict[str, Any], case: str
) -> None:
    """With the inexpressible rules in play, one direction still holds."""
    for document in (data, {**data, **INEXPRESSIBLE[case]}):
        if not REQUEST.is_valid(document):
            assert not _request_accepts(document)


@settings(max_examples=100)
@given(anything_json)
def test_any_json_value_that_the_model_accepts_is_schema_valid(data: Any) -> None:
    if _schedule_accepts(data):
        assert SCHEDULE.is_valid(data)
    if _request_accepts(data):
        assert REQUEST.is_valid(data)


@pytest.mark.parametrize(
    ("table", "value"),
    [
        ("_CHECKERS", {**_request._CHECKERS, "new_parameter": _request._CHECKERS["name"]}),
        ("LIMIT_KEYS", (*_request.LIMIT_KEYS, "aglimit_days")),
        ("_TRANSPORT_KEYS", ("token",)),
    ],
)
def test_a_parameter_the_schema_does_not_know_stops_the_generator(
    monkeypatch: pytest.MonkeyPatch, table: str, value: Any
) -> None:
    monkeypatch.setattr(_schemas, table, value)
    with pytest.raises(AssertionError, match="differ from the request model's"):
        build_schema("create_request")

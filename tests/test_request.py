"""The create request model, its JSON and XML bodies, and response parsing."""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule import _xml as xmlwire
from altcraft_schedule._errors import InvalidRequestError, ProtocolError
from altcraft_schedule._limits import CycleLimits
from altcraft_schedule._request import (
    CHANNELS,
    DEPRECATED_PARAMETERS,
    Problem,
    RegularMailing,
    parse_response,
    validate_request,
)
from altcraft_schedule._schedule import StartSchedule

PAGE = (Path(__file__).parent / "data" / "create-regular-mailing.txt").read_text("utf-8")


# -- the page's examples -----------------------------------------------------------------


def _section(title: str) -> str:
    return PAGE[PAGE.index(title) :]


def page_json(title: str) -> dict[str, Any]:
    text = _section(title)
    value, _ = json.JSONDecoder().raw_decode(text, text.index("{"))
    assert isinstance(value, dict)
    return value


def page_xml(title: str) -> str:
    text = _section(title)
    start = text.index("<xml>")
    return text[start : text.index("</xml>", start) + len("</xml>")]


REQUEST_JSON = page_json("Request example")
REQUEST_XML = page_xml("Request example")


def canonical(element: ElementTree.Element) -> tuple[Any, ...]:
    """An element tree compared as the dialect means it: object fields in any order, the
    items of one repeated element in their order, leaf text exact."""
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for child in element:
        groups.setdefault(child.tag, []).append(canonical(child))
    text = "" if len(element) else (element.text or "")
    return (element.tag, sorted(element.attrib.items()), text, sorted(groups.items()))


def test_page_examples_are_found() -> None:
    assert REQUEST_JSON["name"] == "Regular mailing #1"
    assert REQUEST_XML.startswith("<xml>\n<token>") and "Regular mailing #2" in REQUEST_XML


def test_json_example_exactly() -> None:
    model = RegularMailing(
        name="Regular mailing #1",
        data_type="list",
        data_id=1,
        resource_id=20,
        is_active=True,
        send_channel="email",
        virtual_sender_id=5,
        content=[
            {
                "from_email": "regular@altcraft.com",
                "from_name": "Paul",
                "message_id": 15,
                "replyto_email": "regular@altcraft.com",
                "replyto_name": "Roman",
                "subject": "Hello",
            }
        ],
        custom_tracking_domains=["trk.example.com", "trk.example.org"],
        limits=CycleLimits(limit=1),
        start_schedule=StartSchedule(
            hours=[1, 2, 3, 4], mins=[1, 2, 3, 4], mdays=[1], months=[12], years=[2024]
        ),
    )
    body = model.to_json_body("abcdefghijklmnqrstuvwxyz")
    assert body == REQUEST_JSON
    assert next(iter(body)) == "token"
    assert json.loads(model.to_json("abcdefghijklmnqrstuvwxyz")) == REQUEST_JSON
    assert RegularMailing.from_dict(REQUEST_JSON) == model


def test_xml_example_structure() -> None:
    model = RegularMailing(
        name="Regular mailing #2",
        data_type="list",
        data_id=1,
        resource_id=20,
        is_active=True,
        send_channel="email",
        virtual_sender_id=5,
        content=[
            {
                "from_email": "example@example.com",
                "from_name": "Paul",
                "message_id": 15,
                "replyto_email": "example@example.com",
                "replyto_name": "Roman",
                "subject": "Hello",
            }
        ],
        custom_tracking_domains=["trk.example.com", "trk.example.org"],
        limits=CycleLimits(limit=1),
        start_schedule=StartSchedule(
            hours=[1, 2, 3, 4], mins=[1, 2, 3, 4], mdays=[1], months=[12], years=[2024]
        ),
    )
    ours = model.to_xml("abcdefghijklmnqrstuvwxyz")
    assert canonical(ElementTree.fromstring(ours)) == canonical(ElementTree.fromstring(REQUEST_XML))
    assert xmlwire.loads(ours) == xmlwire.loads(REQUEST_XML.encode())


def test_page_response_examples() -> None:
    assert parse_response(json.dumps(page_json("Response example")).encode()).saved_id == 92
    answer = parse_response(page_xml("Response example").encode())
    assert (answer.error, answer.error_text, answer.saved_id) == (0, "Successful operation", 93)


# -- limits on the wire ------------------------------------------------------------------


def base(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": "Digest",
        "data_type": "list",
        "data_id": 3,
        "content": [{"message_id": 1}],
        "send_channel": "email",
    }
    fields.update(overrides)
    return fields


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        (None, {}),
        (CycleLimits(), {"limit": 0}),
        (CycleLimits(limit=100, aglimit_count=5), {"limit": 100, "aglimit_count": 5}),
        (
            CycleLimits(limit=100, aglimit_percent=99.0),
            {"limit": 100, "aglimit_percent": 99.0, "agllimit_percent": 99.0},
        ),
        (
            CycleLimits(limit=1, aglimit_count=2, aglimit_percent=Decimal("12.5")),
            {"limit": 1, "aglimit_count": 2, "aglimit_percent": 12.5, "agllimit_percent": 12.5},
        ),
    ],
)
def test_limit_keys(limits: CycleLimits | None, expected: dict[str, Any]) -> None:
    data = RegularMailing(**base(limits=limits)).to_dict()
    assert {key: data[key] for key in data if "limit" in key} == expected


@pytest.mark.parametrize("key", ["aglimit_percent", "agllimit_percent"])
def test_either_percent_spelling_is_read(key: str) -> None:
    model = RegularMailing.from_dict(base(limit=10, **{key: 50}))
    assert model.limits == CycleLimits(limit=10, aglimit_percent=50)


def test_percent_spellings_that_disagree() -> None:
    problems = validate_request(base(limit=10, aglimit_percent=5, agllimit_percent=6))
    assert [problem.path for problem in problems] == ["agllimit_percent"]
    assert "differ" in problems[0].message


def test_limits_given_as_a_mapping() -> None:
    model = RegularMailing(**base(limits={"limit": 5, "agllimit_percent": 10}))
    assert model.limits == CycleLimits(limit=5, aglimit_percent=10)
    with pytest.raises(InvalidRequestError, match="limit: -1 is less than 0"):
        RegularMailing(**base(limits={"limit": -1}))
    with pytest.raises(InvalidRequestError, match="limits: 5 is an int"):
        RegularMailing(**base(limits=5))


# -- validation --------------------------------------------------------------------------


def paths(data: Any, **kwargs: Any) -> list[str]:
    return [problem.path for problem in validate_request(data, **kwargs)]


def test_valid_request_has_no_problems() -> None:
    assert validate_request(REQUEST_JSON) == []
    assert validate_request(base()) == []


@pytest.mark.parametrize("key", ["name", "data_type", "data_id", "content", "send_channel"])
def test_required(key: str) -> None:
    data = base()
    del data[key]
    assert paths(data) == [key]
    data[key] = None
    assert paths(data) == [key]
    with pytest.raises(InvalidRequestError, match=f"{key}: is required"):
        RegularMailing.from_dict(data)
    with pytest.raises(InvalidRequestError, match=f"{key}: is required"):
        RegularMailing(**data)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("name", "", "'' is empty"),
        ("name", "  ", "is empty"),
        ("name", 5, "5 is an int"),
        ("data_type", ["list"], "is a list"),
        ("data_id", 0, "0 is less than 1"),
        ("data_id", True, "True is a boolean"),
        ("data_id", 1.0, "1.0 is a float"),
        ("data_id", "12", "'12' is a str"),
        ("resource_id", -1, "-1 is less than 0"),
        ("resource_id", False, "is a boolean"),
        ("policy_id", 2.5, "is a float"),
        ("virtual_sender_id", True, "is a boolean"),
        ("watched_list_id", "1", "is a str"),
        ("watcher_limit", -5, "less than 0"),
        ("is_active", 1, "1 is an int; allowed: true, false"),
        ("is_random_tracking_prefix", "false", "is a str"),
        ("unconditional_sending", 0, "is an int"),
        ("send_channel", "EMAIL", "'EMAIL' is not allowed; allowed: 'email' or 'sms' or 'push'"),
        ("send_channel", "viber", "not allowed"),
        ("subid", 7, "is an int"),
        ("custom_tracking_domains", "trk.example.com", "is a str; allowed: an array"),
        ("blind_carbon_copy", {"a": 1}, "is a dict"),
        ("attributes", ["season"], "is a list; allowed: an object"),
        ("content", {"message_id": 1}, "is a dict; allowed: a non-empty array"),
        ("content", [], "is empty"),
        ("start_schedule", [1], "is a list; allowed: a start schedule object"),
        ("limit", 1.5, "is not an integer"),
        ("aglimit_count", -1, "less than 0"),
        ("aglimit_percent", float("inf"), "not finite"),
        ("agllimit_percent", "5", "not a number"),
        ("format", "yaml", "'yaml' is not allowed"),
    ],
)
def test_bad_value(key: str, value: Any, message: str) -> None:
    problems = validate_request(base(**{key: value}))
    assert [problem.path for problem in problems] == [key]
    assert message in problems[0].message
    with pytest.raises(InvalidRequestError, match=key):
        RegularMailing.from_dict(base(**{key: value}))


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("content", [{"message_id": 1}, "x"], "content[1]"),
        ("content", [{}], "content[0]"),
        ("content", [{"subject": float("nan")}], "content[0].subject"),
        ("content", [{"nested": {"deep": [1, object()]}}], "content[0].nested.deep[1]"),
        ("content", [{1: "x"}], "content[0]"),
        ("custom_tracking_domains", ["a.example", 3], "custom_tracking_domains[1]"),
        ("blind_carbon_copy", [""], "blind_carbon_copy[0]"),
        ("attributes", {"season": {1, 2}}, "attributes.season"),
        ("name", "bad \ud800 surrogate", "name"),
        ("start_schedule", {"start_hours": [24]}, "start_schedule.start_hours"),
        ("start_schedule", {"start_wdays": [8]}, "start_schedule.start_wdays"),
        ("start_schedule", {"tz": 3}, "start_schedule.tz"),
        ("start_schedule", {"start_days": [1]}, "start_schedule.start_days"),
    ],
)
def test_nested_paths(key: str, value: Any, path: str) -> None:
    assert paths(base(**{key: value})) == [path]


def test_every_problem_is_reported() -> None:
    token = "secret-token-value-0001"
    data = {
        "token": token,
        "name": "",
        "data_id": True,
        "content": [1, {"a": float("nan")}],
        "send_channel": "fax",
        "start_schedule": {"start_hours": [99], "start_mins": "x"},
        "limit": -1,
        "aglimit_count": 1.5,
        "custom_tracking_domains": [1],
        "surprise": 1,
    }
    expected = [
        "name",
        "data_id",
        "content[0]",
        "content[1].a",
        "send_channel",
        "start_schedule.start_hours",
        "start_schedule.start_mins",
        "custom_tracking_domains[0]",
        "surprise",
        "data_type",
        "limit",
        "aglimit_count",
    ]
    assert paths(data) == expected
    with pytest.raises(InvalidRequestError) as info:
        RegularMailing.from_dict(data)
    text = str(info.value)
    assert text.startswith(f"{len(expected)} problems in the request:")
    assert all(f"  {path}: " in text for path in expected)
    assert token not in text


def test_bad_token_is_reported_without_its_value() -> None:
    problems = validate_request(base(token=["secret-value-xyz"]))
    assert [str(problem) for problem in problems] == [
        "token: is a list; allowed: the API token, a string"
    ]


def test_unknown_keys() -> None:
    assert paths(base(extra=1)) == ["extra"]
    assert paths(base(extra=1), ignore_unknown=True) == []
    model = RegularMailing.from_dict(base(extra=1), ignore_unknown=True)
    assert "extra" not in model.to_dict()
    assert paths([1, 2]) == ["request"]


def test_push_sending_mode_only_with_push() -> None:
    for mode in ("fanout", "last"):
        model = RegularMailing(**base(send_channel="push", push_sending_mode=mode))
        assert model.to_dict()["push_sending_mode"] == mode
    assert paths(base(send_channel="sms", push_sending_mode="last")) == ["push_sending_mode"]
    assert paths(base(send_channel="push", push_sending_mode="first")) == ["push_sending_mode"]
    with pytest.raises(InvalidRequestError, match="only with send_channel 'push'"):
        RegularMailing(**base(push_sending_mode="fanout"))


def test_constructor_reports_every_problem() -> None:
    with pytest.raises(InvalidRequestError) as info:
        RegularMailing(name="", data_type="list", data_id=-1, content=[], send_channel="email")
    assert str(info.value).startswith("3 problems in the request:")


def test_normalised_values() -> None:
    model = RegularMailing(
        **base(
            custom_tracking_domains=["trk.example.com"],
            start_schedule={"start_hours": [5, 1, 5]},
        )
    )
    assert model.custom_tracking_domains == ("trk.example.com",)
    assert model.start_schedule == StartSchedule(hours=[1, 5])
    assert isinstance(model.content, tuple)
    assert model == RegularMailing.from_dict(model.to_dict())
    assert hash(model) == hash(RegularMailing.from_dict(model.to_dict()))


def test_content_is_passed_through() -> None:
    item = {"message_id": 15, "custom": {"nested": [1, "two", None, True]}}
    model = RegularMailing(**base(content=[item], attributes={"season": "summer_2024"}))
    assert model.content[0] is item
    assert model.to_dict()["content"] == [item]
    assert model.to_dict()["attributes"] == {"season": "summer_2024"}


# -- deprecated parameters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("content_type", "sms"),
        ("send_email_content", True),
        ("send_push_content", False),
        ("send_sms_content", True),
    ],
)
def test_deprecated_parameters_warn(key: str, value: Any) -> None:
    assert key in DEPRECATED_PARAMETERS
    with pytest.warns(DeprecationWarning, match=f"{key}: deprecated.*email channel"):
        model = RegularMailing(**base(send_channel="sms", **{key: value}))
    assert model.to_dict()[key] == value
    with pytest.warns(DeprecationWarning, match="email channel"):
        assert validate_request(base(**{key: value})) == []


def test_no_warning_without_deprecated_parameters() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        RegularMailing.from_dict(REQUEST_JSON)
        validate_request(REQUEST_JSON)


# -- XML dialect -------------------------------------------------------------------------


def test_xml_writer_forms() -> None:
    text = xmlwire.dumps(
        {
            "flag": False,
            "none": None,
            "empty": [],
            "one": [1],
            "two": ["a", "b"],
            "objects": [{"x": 1}],
            "text": "a<b & c>d\r\n",
            "number": 2.5,
        }
    )
    assert text.splitlines()[1:9] == [
        "<flag>false</flag>",
        "<none></none>",
        "<empty array='true'></empty>",
        "<one array='true'>1</one>",
        "<two>a</two>",
        "<two>b</two>",
        "<objects array='true'>",
        "<x>1</x>",
    ]
    assert "<text>a&lt;b &amp; c&gt;d&#13;\n</text>" in text
    assert xmlwire.loads(text.encode())["text"] == "a<b & c>d\r\n"


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"a": [[1, 2]]}, "a[0]"),
        ({"a": [{}]}, "a[0]"),
        ({"a": [""]}, "a"),
        ({"a": [None]}, "a"),
        ({"bad key": 1}, "bad key"),
        ({"1st": 1}, "1st"),
        ({"ns:key": 1}, "ns:key"),
        ({"a": "bell\x07"}, "a"),
        ({"a": float("nan")}, "a"),
        ({"a": {"b": object()}}, "a.b"),
    ],
)
def test_xml_writer_refuses(data: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidRequestError) as info:
        xmlwire.dumps(data)
    assert str(info.value).startswith(f"{path}: ")


def test_to_xml_refuses_content_without_xml_form() -> None:
    model = RegularMailing(**base(content=[{"bad key": 1}]))
    assert json.loads(model.to_json())["content"] == [{"bad key": 1}]
    with pytest.raises(InvalidRequestError, match=r"content\[0\]\.bad key"):
        model.to_xml()


@pytest.mark.parametrize(
    "body",
    [
        b"<xml><a>1</a>",
        b"<other><a>1</a></other>",
        b'<!DOCTYPE xml [<!ENTITY e "x">]><xml><a>&e;</a></xml>',
        b'<!DOCTYPE xml SYSTEM "http://example.com/x.dtd"><xml/>',
        b"<xml>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</xml>",
        b"",
    ],
    ids=["unclosed", "wrong-root", "entity", "external-dtd", "too-deep", "empty"],
)
def test_xml_reader_refuses(body: bytes) -> None:
    with pytest.raises(ProtocolError):
        xmlwire.loads(body)


def test_xml_reader_forms() -> None:
    data = xmlwire.loads(
        b"<xml><a>1</a><a>2</a><b array='true'>x</b><c array='true'></c><d></d>"
        b"<e><f>1</f></e><g array='true'><h>1</h></g><g><h>2</h></g></xml>"
    )
    assert data == {
        "a": ["1", "2"],
        "b": ["x"],
        "c": [],
        "d": "",
        "e": {"f": "1"},
        "g": [{"h": "1"}, {"h": "2"}],
    }


# -- responses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"error": 401, "error_text": "API token required"}', (401, "API token required", None)),
        (b'{"error": 0, "error_text": "", "data": {"saved_id": 5}}', (0, "", 5)),
        (b'{"error": 0, "data": {"saved_id": 5}}', (0, "", 5)),
        (b"  <xml><error>402</error><error_text>Tariff</error_text></xml>", (402, "Tariff", None)),
        (
            b"<xml><error>0</error><error_text/><data><saved_id>7</saved_id></data></xml>",
            (0, "", 7),
        ),
    ],
)
def test_parse_response(body: bytes, expected: tuple[int, str, int | None]) -> None:
    answer = parse_response(body)
    assert (answer.error, answer.error_text, answer.saved_id) == expected


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"null",
        b'{"error_text": "x"}',
        b'{"error": true, "error_text": "x"}',
        b'{"error": 1.0, "error_text": "x"}',
        b'{"error": 0, "error_text": 5}',
        b'{"error": 0, "data": {"saved_id": 0}}',
        b'{"error": 0, "data": {"saved_id": true}}',
        b'{"error": Infinity}',
        b"\xff\xfe",
        b"<xml><error_text>x</error_text></xml>",
        b"<xml><error>1.5</error></xml>",
        b"<xml><error>0</error><error_text><a>1</a></error_text></xml>",
        b"<xml><error>0</error><data><saved_id>-3</saved_id></data></xml>",
        b"[" * 100000,
    ],
)
def test_parse_response_refuses(body: bytes) -> None:
    with pytest.raises(ProtocolError):
        parse_response(body)


# -- properties --------------------------------------------------------------------------

_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\t\n\r"),
    max_size=12,
)
_names = st.text("abcdefgh_", min_size=1, max_size=6)
_scalars = (
    st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | _text.filter(bool)
)
_objects = st.dictionaries(
    _names, _scalars | st.lists(_scalars, max_size=3), min_size=1, max_size=4
)
# Any JSON value the dialect can carry (not an array in an array, not [""] or [null]).
_content_values = (
    _scalars | _objects | st.lists(_scalars, max_size=3) | st.lists(_objects, max_size=2)
)


def _int_lists(low: int, high: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(low, high), max_size=4)


_schedules = st.builds(
    StartSchedule,
    mins=_int_lists(0, 59),
    hours=_int_lists(0, 23),
    mdays=_int_lists(1, 31),
    wdays=_int_lists(0, 6),
    months=_int_lists(1, 12),
    years=_int_lists(1970, 2100),
    tz=st.sampled_from([None, "Europe/Moscow", "UTC"]),
    profile=st.none() | st.booleans(),
    losers=st.none() | st.booleans(),
)
_limits = st.builds(
    CycleLimits,
    limit=st.integers(0, 10**9),
    aglimit_count=st.integers(0, 10**6),
    aglimit_percent=st.integers(0, 500) | st.floats(0, 500, allow_nan=False),
)
_ids = st.integers(0, 10**9)
_domains = st.lists(
    st.text("abcdefgh", min_size=1, max_size=6).map("{}.example".format), max_size=3
)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def mailings(draw: st.DrawFn) -> RegularMailing:
    channel = draw(st.sampled_from(CHANNELS))
    return RegularMailing(
        name=draw(_text.filter(str.strip)),
        data_type=draw(st.sampled_from(["list", "segment"])),
        data_id=draw(st.integers(1, 10**9)),
        content=draw(
            st.lists(
                st.dictionaries(_names, _content_values, min_size=1, max_size=4),
                min_size=1,
                max_size=3,
            )
        ),
        send_channel=channel,
        is_active=draw(_optional(st.booleans())),
        resource_id=draw(_optional(_ids)),
        subid=draw(_optional(_text.filter(bool))),
        start_schedule=draw(_optional(_schedules)),
        limits=draw(_optional(_limits)),
        policy_id=draw(_optional(_ids)),
        push_sending_mode=draw(st.sampled_from(["fanout", "last"])) if channel == "push" else None,
        attributes=draw(_optional(_objects)),
        virtual_sender_id=draw(_optional(_ids)),
        is_random_tracking_prefix=draw(_optional(st.booleans())),
        custom_tracking_domains=draw(_optional(_domains)),
        blind_carbon_copy=draw(_optional(st.lists(_text.filter(str.strip), max_size=3))),
        unconditional_sending=draw(_optional(st.booleans())),
        watched_list_id=draw(_optional(_ids)),
        watcher_limit=draw(_optional(_ids)),
    )


def as_xml_strings(value: Any) -> Any:
    """What the XML reader gives back for a JSON value: the same shape, leaves as text."""
    if isinstance(value, Mapping):
        return {key: as_xml_strings(item) for key, item in value.items()} if value else ""
    if isinstance(value, list):
        return [as_xml_strings(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


@given(mailings())
def test_dict_round_trip(model: RegularMailing) -> None:
    data = model.to_dict()
    assert validate_request(data) == []
    assert RegularMailing.from_dict(data) == model
    assert json.loads(model.to_json("tok")) == {"token": "tok", **data}
    # The percent goes out under both spellings, only when it is set and non-zero.
    assert data.get("aglimit_percent") == data.get("agllimit_percent")
    limits = model.limits
    assert ("aglimit_percent" in data) == (limits is not None and limits.aglimit_percent != 0)


@given(mailings())
def test_xml_round_trip(model: RegularMailing) -> None:
    body = model.to_json_body("tok", format="xml")
    assert xmlwire.loads(model.to_xml("tok", format="xml").encode()) == as_xml_strings(body)


def test_problem_str() -> None:
    assert str(Problem("content[0]", "is empty")) == "content[0]: is empty"


def test_unknown_zone_is_a_problem_of_the_request() -> None:
    body = {
        "name": "x",
        "data_type": "list",
        "data_id": 1,
        "send_channel": "email",
        "content": [{"message_id": 1}],
        "start_schedule": {"start_hours": [9], "tz": "Not/AZone"},
    }
    problems = validate_request(body)
    assert [problem.path for problem in problems] == ["start_schedule.tz"]
    assert "Not/AZone" in problems[0].message


def test_response_quirks() -> None:
    bom_xml = (
        b"\xef\xbb\xbf<xml><data><saved_id>93</saved_id></data><error>0</error>"
        b"<error_text>ok</error_text></xml>"
    )
    assert parse_response(bom_xml).saved_id == 93
    null_text = b'{"error": 0, "error_text": null, "data": {"saved_id": 5}}'
    assert parse_response(null_text).error_text == ""
    arabic_digits = "<xml><data><saved_id>٩٣</saved_id></data><error>0</error></xml>"
    with pytest.raises(ProtocolError):
        parse_response(arabic_digits.encode())


@pytest.mark.parametrize("name", ["a²", "ª", "1a", "a b", "a:b", ""])
def test_xml_refuses_keys_that_are_not_element_names(name: str) -> None:
    with pytest.raises(InvalidRequestError):
        xmlwire.dumps({name: 1})


def test_xml_accepts_unicode_element_names() -> None:
    assert xmlwire.loads(xmlwire.dumps({"á": 1, "имя": "x"}).encode()) == {"á": "1", "имя": "x"}

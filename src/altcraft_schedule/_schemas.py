"""JSON Schema (draft 2020-12) of the start schedule and of the create request, and the
pydantic v2 hooks of :class:`StartSchedule`.

The schemas are built here from the model's own tables (``FIELD_RANGES``, ``WIRE_KEYS``,
the request's parameters, channels and required keys) and published as files in
``altcraft_schedule/schemas/``; :func:`json_schema` reads those files, and a test checks
that they equal what :func:`build_schema` produces, so the two cannot drift apart.
Regenerate them with ``write_schema_files()`` after changing a table.

pydantic is imported only inside the pydantic hooks, when pydantic itself asks for them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal

from ._errors import InvalidArgumentError, InvalidScheduleError
from ._limits import PERCENT_KEYS
from ._request import (
    _CHECKERS,
    _TRANSPORT_KEYS,
    CHANNELS,
    DEPRECATED_PARAMETERS,
    LIMIT_KEYS,
    PUSH_SENDING_MODES,
    REQUIRED,
)
from ._schedule import (
    FIELD_RANGES,
    OPTIONAL_KEYS,
    TZ_ALLOWED,
    WIRE_KEYS,
    ZONE_NAME,
    StartSchedule,
    accepted_range,
)

__all__ = ["SchemaName", "build_schema", "json_schema", "write_schema_files"]

SchemaName = Literal["start_schedule", "create_request"]
SCHEMA_NAMES: Final[tuple[SchemaName, ...]] = ("start_schedule", "create_request")
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID_BASE: Final = "urn:altcraft-schedule:schema:"
_PACKAGE: Final = __name__.rpartition(".")[0]
_PACKAGE_DIR: Final = "schemas"

# What JSON Schema cannot say about the start schedule, and what it cannot say about the
# request on top of that; both go into the schemas' descriptions (and docs/schemas.md).
SCHEDULE_LIMITS_OF_SCHEMA: Final = (
    "JSON Schema's 'integer' also matches 1.0; the model refuses floats in the arrays "
    "(JSON text written by this library never has them).",
)
REQUEST_LIMITS_OF_SCHEMA: Final = (
    "JSON Schema's 'integer' also matches 1.0; the model refuses floats for the IDs, the "
    "counts and the schedule's arrays.",
    "start_schedule.tz must also be a zone of the tz database of the machine that "
    "checks the request (the schema checks the name's shape only).",
    "aglimit_percent and agllimit_percent, when both are given, must have the same value.",
    "Strings must be valid Unicode (no lone surrogates: they cannot be sent as UTF-8).",
)

_ARRAY_WORDS: Final[Mapping[str, str]] = {
    "mins": "Minutes of the hour",
    "hours": "Hours of the day",
    "mdays": "Days of the month",
    "wdays": "Days of the week, 0 = Sunday ... 6 = Saturday (7 is read as Sunday)",
    "months": "Months",
    "years": "Years",
}
# Not a 'pattern' with '$': Python's re (which the jsonschema package uses) lets '$' match
# before a final newline, and the model refuses "UTC\n".  (?![\s\S]) = nothing follows.
_END: Final = r"(?![\s\S])"
_NOT_BLANK: Final = r"\S"


def _nullable(*types: str) -> list[str]:
    return [*types, "null"]


def _array_schema(attr: str) -> dict[str, Any]:
    low, high = accepted_range(attr)
    stored_low, stored_high = FIELD_RANGES[attr]
    return {
        "description": (
            f"{_ARRAY_WORDS[attr]}, {stored_low}-{stored_high}; empty, null or absent = "
            "every value. Duplicates are allowed (the model stores each value once)."
        ),
        "type": _nullable("array"),
        "items": {"type": "integer", "minimum": low, "maximum": high},
    }


def _start_schedule_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {wire: _array_schema(attr) for attr, wire in WIRE_KEYS.items()}
    optional: dict[str, dict[str, Any]] = {
        "tz": {
            "description": f"The zone: {TZ_ALLOWED}.",
            "type": _nullable("string"),
            "pattern": f"^(?:{ZONE_NAME.pattern})?{_END}",
        },
        "profile": {"description": "Carried through unchanged.", "type": _nullable("boolean")},
        "losers": {"description": "Carried through unchanged.", "type": _nullable("boolean")},
    }
    properties.update((key, optional[key]) for key in OPTIONAL_KEYS)
    return {
        "title": "Start schedule of an Altcraft regular mailing",
        "description": (
            "The start_schedule object: a wall-clock minute matches when every array "
            "matches (start_mdays AND start_wdays). Not expressed by this schema: "
            + " ".join(SCHEDULE_LIMITS_OF_SCHEMA)
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def _text(description: str, *, blank: bool = False, nullable: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "description": description,
        "type": _nullable("string") if nullable else "string",
    }
    if not blank:
        schema["pattern"] = _NOT_BLANK
    return schema


def _count(description: str, minimum: int, *, nullable: bool = True) -> dict[str, Any]:
    return {
        "description": description,
        "type": _nullable("integer") if nullable else "integer",
        "minimum": minimum,
    }


def _flag(description: str) -> dict[str, Any]:
    return {"description": description, "type": _nullable("boolean")}


def _choice(description: str, choices: tuple[str, ...], *, nullable: bool = True) -> dict[str, Any]:
    return {"description": description, "enum": [*choices, None] if nullable else [*choices]}


def _string_list(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": _nullable("array"),
        "items": {"type": "string", "pattern": _NOT_BLANK},
    }


def _deprecated(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "deprecated": True}


_DEPRECATION: Final = "Deprecated: passing it makes the mailing use email; use send_channel."


def _request_parameters() -> dict[str, dict[str, Any]]:
    """Every parameter the request reads, in the endpoint page's order (``null`` = not
    set, except for the required ones)."""
    required = set(REQUIRED)
    parameters: dict[str, dict[str, Any]] = {
        "name": _text("The mailing's name.", nullable=False),
        "is_active": _flag("Activate the mailing on creation."),
        "data_type": _text("The audience source type, e.g. 'list'.", nullable=False),
        "data_id": _count("The audience source ID.", 1, nullable=False),
        "resource_id": _count("The resource ID.", 0),
        "content": {
            "description": "The content objects (passed through unchanged).",
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "minProperties": 1},
        },
        "send_channel": _choice("The channel.", CHANNELS, nullable=False),
        "content_type": _deprecated(_text(_DEPRECATION, blank=True)),
        "send_email_content": _deprecated(_flag(_DEPRECATION)),
        "send_push_content": _deprecated(_flag(_DEPRECATION)),
        "send_sms_content": _deprecated(_flag(_DEPRECATION)),
        "subid": _text("The sub-ID.", blank=True),
        "start_schedule": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/start_schedule"}]},
        "policy_id": _count("The sending policy ID.", 0),
        "push_sending_mode": _choice(
            "How push messages are sent; only with send_channel 'push'.", PUSH_SENDING_MODES
        ),
        "attributes": {"description": "Mailing attributes.", "type": _nullable("object")},
        "virtual_sender_id": _count("Smart accounts: the virtual sender ID.", 0),
        "is_random_tracking_prefix": _flag("Smart accounts: a random tracking prefix."),
        "custom_tracking_domains": _string_list("Smart accounts: tracking domains."),
        "blind_carbon_copy": _string_list("Smart accounts: BCC addresses."),
        "unconditional_sending": _flag("Smart accounts: send unconditionally."),
        "watched_list_id": _count("Smart accounts: the watched list ID.", 0),
        "watcher_limit": _count("Smart accounts: the watcher limit.", 0),
    }
    if set(parameters) != set(_CHECKERS) or not required <= set(parameters):
        raise AssertionError("the schema's parameters differ from the request model's")
    return {name: parameters[name] for name in _CHECKERS}


def _limit_parameters() -> dict[str, dict[str, Any]]:
    percent = {
        "description": (
            "Cap growth per cycle, in percent; both spellings are read and must agree."
        ),
        "type": _nullable("number"),
        "minimum": 0,
    }
    parameters = {
        "limit": _count("Cycle 1's cap; 0 = no limit.", 0),
        "aglimit_count": _count("Cap growth per cycle, in messages.", 0),
        **dict.fromkeys(PERCENT_KEYS, percent),
    }
    if tuple(parameters) != LIMIT_KEYS:
        raise AssertionError("the schema's limit keys differ from the request model's")
    return parameters


def _transport_parameters() -> dict[str, dict[str, Any]]:
    parameters = {
        "token": {
            "description": "The API token (transport, not part of the mailing).",
            "type": _nullable("string"),
            "minLength": 1,
        },
        "format": _choice("The answer's format (transport).", ("json", "xml")),
    }
    if tuple(parameters) != _TRANSPORT_KEYS:
        raise AssertionError("the schema's transport keys differ from the request model's")
    return parameters


def _create_request_schema() -> dict[str, Any]:
    properties = _transport_parameters()
    for name, schema in _request_parameters().items():
        if name == "policy_id":  # the page lists the limits just before policy_id
            properties.update(_limit_parameters())
        properties[name] = schema
    start_schedule = _start_schedule_schema()
    return {
        "title": "Create-regular-mailing request of Altcraft",
        "description": (
            "The JSON body of POST /api/v1.1/campaigns/regulars/add/ as RegularMailing "
            "writes it and validate_request reads it; null = not set. Deprecated: "
            + ", ".join(DEPRECATED_PARAMETERS)
            + ". Not expressed by this schema: "
            + " ".join(REQUEST_LIMITS_OF_SCHEMA)
        ),
        "type": "object",
        "properties": properties,
        "required": list(REQUIRED),
        "additionalProperties": False,
        "if": {
            "required": ["push_sending_mode"],
            "properties": {"push_sending_mode": {"not": {"type": "null"}}},
        },
        "then": {"properties": {"send_channel": {"const": "push"}}},
        "$defs": {"start_schedule": start_schedule},
    }


def build_schema(name: SchemaName) -> dict[str, Any]:
    """The schema ``name`` built from the model's tables (what the published file holds)."""
    body = _start_schedule_schema() if name == "start_schedule" else _create_request_schema()
    return {"$schema": DIALECT, "$id": f"{_ID_BASE}{name}", **body}


def file_name(name: SchemaName) -> str:
    return f"{name}.schema.json"


def schema_text(name: SchemaName) -> str:
    """The published file's text: the schema as indented JSON, in table order."""
    return json.dumps(build_schema(name), indent=2, ensure_ascii=False) + "\n"


def write_schema_files(directory: Path | None = None) -> list[Path]:
    """Write every schema file (into the package's ``schemas/`` unless ``directory``)."""
    target = directory or Path(__file__).resolve().parent / _PACKAGE_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_NAMES:
        path = target / file_name(name)
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


def json_schema(name: SchemaName) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) ``"start_schedule"`` or ``"create_request"``, read
    from the file published in the package (a new dict on every call)."""
    if name not in SCHEMA_NAMES:
        raise InvalidArgumentError.bad_value(
            "name", name, "is not a schema name", " or ".join(map(repr, SCHEMA_NAMES))
        )
    text = resources.files(_PACKAGE).joinpath(_PACKAGE_DIR, file_name(name)).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


# -- pydantic v2 -----------------------------------------------------------------------------


def pydantic_json_schema() -> dict[str, Any]:
    """The start schedule's schema as a pydantic field's schema (pydantic writes the
    dialect itself, and an ``$id`` inside a model's schema would move its base URI)."""
    schema = json_schema("start_schedule")
    del schema["$schema"], schema["$id"]
    return schema


def _schedule_errors(data: Any) -> list[tuple[tuple[str, ...], InvalidScheduleError]]:
    """Every bad key of a wire object with its error and location (key by key, as
    validate_request does); a value that is not an object is one error, located at it."""
    if not isinstance(data, Mapping):
        try:
            StartSchedule.from_dict(data)
        except InvalidScheduleError as error:
            return [((), error)]
    errors: list[tuple[tuple[str, ...], InvalidScheduleError]] = []
    for key, item in data.items():
        try:
            StartSchedule.from_dict({key: item})
        except InvalidScheduleError as error:
            errors.append(((str(key),), error))
    return errors


def pydantic_core_schema(cls: type[StartSchedule]) -> Any:
    """A core schema that takes a ``StartSchedule`` or its wire object, raises pydantic's
    ``ValidationError`` located at the bad wire key, and serialises to the wire object."""
    from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError, core_schema

    def line(loc: tuple[str, ...], error: InvalidScheduleError) -> InitErrorDetails:
        context = {"message": str(error), "reason": error.reason, "allowed": error.allowed}
        kind = PydanticCustomError("start_schedule", "{message}", context)
        return InitErrorDetails(type=kind, loc=loc, input=error.value)

    def validate(value: Any) -> StartSchedule:
        if isinstance(value, cls):
            return value
        errors = _schedule_errors(value)
        if errors:
            lines = [line(loc, error) for loc, error in errors]
            raise ValidationError.from_exception_data(cls.__name__, lines) from None
        return cls.from_dict(value)

    def serialize(schedule: StartSchedule) -> dict[str, Any]:
        return schedule.to_dict()

    return core_schema.no_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(
            serialize, return_schema=core_schema.dict_schema()
        ),
    )

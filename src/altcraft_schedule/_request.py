"""The create-regular-mailing request (``POST /api/v1.1/campaigns/regulars/add/``).

:class:`RegularMailing` carries every parameter of the endpoint's page except the two
transport ones (``token`` and ``format``, which :func:`altcraft_schedule._submit.submit`
takes), validated as docs/semantics.md §5 says.  It writes the JSON body
(:meth:`RegularMailing.to_dict`,
:meth:`RegularMailing.to_json_body`) and the XML body (:meth:`RegularMailing.to_xml`);
:func:`parse_response` reads the platform's JSON or XML answer.

:func:`validate_request` checks a whole request object and returns **every** problem with
its parameter path; :meth:`RegularMailing.from_dict` raises them all at once.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from . import _xml as xmlwire
from ._errors import (
    InvalidLimitsError,
    InvalidRequestError,
    InvalidScheduleError,
    InvalidValueError,
    Problem,
    ProtocolError,
    UnknownTimeZoneError,
)
from ._limits import PERCENT_KEYS, CycleLimits
from ._schedule import WIRE_KEYS as SCHEDULE_WIRE_KEYS
from ._schedule import StartSchedule

__all__ = [
    "CHANNELS",
    "DEPRECATED_PARAMETERS",
    "PUSH_SENDING_MODES",
    "CreateResponse",
    "Problem",
    "RegularMailing",
    "parse_response",
    "validate_request",
]

CHANNELS: Final = ("email", "sms", "push")
PUSH_SENDING_MODES: Final = ("fanout", "last")
#: Parameters the page marks deprecated: passing any of them makes the mailing use email.
DEPRECATED_PARAMETERS: Final = (
    "content_type",
    "send_email_content",
    "send_push_content",
    "send_sms_content",
)
LIMIT_KEYS: Final = ("limit", "aglimit_count", *PERCENT_KEYS)
_TRANSPORT_KEYS: Final = ("token", "format")
_FORMATS: Final = ("json", "xml")


def _error(problems: list[Problem]) -> InvalidRequestError:
    if len(problems) == 1:
        return InvalidRequestError(
            str(problems[0]), problems=tuple(problems), field=problems[0].path
        )
    lines = "\n".join(f"  {problem}" for problem in problems)
    return InvalidRequestError(
        f"{len(problems)} problems in the request:\n{lines}", problems=tuple(problems)
    )


# -- value checkers ----------------------------------------------------------------------
#
# A checker takes (value, path, problems), appends what is wrong to ``problems`` and
# returns the normalised value.  validate_request collects; the model's converters raise.

Checker = Callable[[Any, str, list[Problem]], Any]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiouAEIOU' else 'a'} {name}"


def _valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be sent
        return False
    return True


def _string(*, blank: bool = False, allowed: str = "a non-empty string") -> Checker:
    def check(value: Any, path: str, problems: list[Problem]) -> Any:
        if not isinstance(value, str):
            problems.append(Problem(path, f"{value!r} is {_kind(value)}; allowed: {allowed}"))
        elif not _valid_unicode(value):
            problems.append(Problem(path, f"{value!r} is not valid Unicode; allowed: {allowed}"))
        elif not blank and not value.strip():
            problems.append(Problem(path, f"{value!r} is empty; allowed: {allowed}"))
        return value

    return check


def _integer(minimum: int) -> Checker:
    allowed = f"an integer >= {minimum}"

    def check(value: Any, path: str, problems: list[Problem]) -> Any:
        # bool is an int subclass; True is not an ID.
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(Problem(path, f"{value!r} is {_kind(value)}; allowed: {allowed}"))
        elif value < minimum:
            problems.append(Problem(path, f"{value!r} is less than {minimum}; allowed: {allowed}"))
        return value

    return check


def _boolean(value: Any, path: str, problems: list[Problem]) -> Any:
    if not isinstance(value, bool):
        problems.append(Problem(path, f"{value!r} is {_kind(value)}; allowed: true, false"))
    return value


def _choice(choices: tuple[str, ...]) -> Checker:
    allowed = " or ".join(repr(choice) for choice in choices)

    def check(value: Any, path: str, problems: list[Problem]) -> Any:
        if not isinstance(value, str) or value not in choices:
            problems.append(Problem(path, f"{value!r} is not allowed; allowed: {allowed}"))
        return value

    return check


def _array(value: Any, path: str, problems: list[Problem], allowed: str) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        problems.append(Problem(path, f"{value!r} is {_kind(value)}; allowed: {allowed}"))
        return ()
    return tuple(value)


def _string_list(value: Any, path: str, problems: list[Problem]) -> Any:
    allowed = "an array of non-empty strings"
    items = _array(value, path, problems, allowed)
    check = _string(allowed=allowed + " (items)")
    for index, item in enumerate(items):
        check(item, f"{path}[{index}]", problems)
    return items


def _json_value(value: Any, path: str, problems: list[Problem]) -> None:
    """Whether ``value`` can be sent as JSON: objects with string keys, arrays, strings,
    finite numbers, booleans and null."""
    if value is None or isinstance(value, (bool, int)):
        return
    if isinstance(value, str):
        if not _valid_unicode(value):
            problems.append(Problem(path, f"{value!r} is not valid Unicode text"))
    elif isinstance(value, (float, Decimal)):
        if not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
            problems.append(Problem(path, f"{value!r} is not finite; allowed: finite numbers"))
    elif isinstance(value, Mapping):
        _json_object(value, path, problems)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _json_value(item, f"{path}[{index}]", problems)
    else:
        problems.append(
            Problem(
                path,
                f"{value!r} ({type(value).__name__}) is not a JSON value; allowed: objects, "
                "arrays, strings, numbers, booleans, null",
            )
        )


def _json_object(value: Mapping[Any, Any], path: str, problems: list[Problem]) -> None:
    for key, item in value.items():
        if not isinstance(key, str):
            problems.append(Problem(path, f"the key {key!r} is not a string; allowed: string keys"))
        else:
            _json_value(item, f"{path}.{key}", problems)


def _mapping(value: Any, path: str, problems: list[Problem]) -> Any:
    if not isinstance(value, Mapping):
        allowed = "an object with string keys and JSON values"
        problems.append(Problem(path, f"{value!r} is {_kind(value)}; allowed: {allowed}"))
        return value
    _json_object(value, path, problems)
    return value


def _content(value: Any, path: str, problems: list[Problem]) -> Any:
    allowed = "a non-empty array of content objects"
    items = _array(value, path, problems, allowed)
    if isinstance(value, (list, tuple)) and not items:
        problems.append(Problem(path, f"{value!r} is empty; allowed: {allowed}"))
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]"
        if not isinstance(item, Mapping) or not item:
            what = "empty" if isinstance(item, Mapping) else _kind(item)
            allowed_item = "a content object (a mapping with at least one field)"
            problems.append(Problem(item_path, f"{item!r} is {what}; allowed: {allowed_item}"))
        else:
            _json_object(item, item_path, problems)
    return items


def _problem_text(error: InvalidValueError) -> str:
    """A model error's message without its field (the Problem's path says it already)."""
    if error.reason is None:
        return str(error)
    return f"{error.value!r} {error.reason}; allowed: {error.allowed}"


def _start_schedule(value: Any, path: str, problems: list[Problem]) -> Any:
    if isinstance(value, StartSchedule):
        return value
    if not isinstance(value, Mapping):
        allowed = "a start schedule object (or a StartSchedule)"
        problems.append(Problem(path, f"{value!r} is {_kind(value)}; allowed: {allowed}"))
        return value
    # Key by key, so every bad key of the object is reported, each with its own path.
    before = len(problems)
    for key, item in value.items():
        try:
            StartSchedule.from_dict({key: item})
        except InvalidScheduleError as exc:
            problems.append(Problem(f"{path}.{key}", _problem_text(exc)))
    if len(problems) > before:
        return value
    schedule = StartSchedule.from_dict(value)
    if schedule.tz is not None:
        try:
            schedule.zone()
        except UnknownTimeZoneError as exc:
            problems.append(Problem(f"{path}.tz", _problem_text(exc)))
    return schedule


def _limits(value: Any, path: str, problems: list[Problem]) -> Any:
    if value is None or isinstance(value, CycleLimits):
        return value
    if not isinstance(value, Mapping):
        allowed = "a CycleLimits (or a mapping of limit, aglimit_count, aglimit_percent)"
        problems.append(Problem(path, f"{value!r} is {_kind(value)}; allowed: {allowed}"))
        return value
    return _limits_from_wire(value, problems, strict=True)


def _limits_from_wire(
    data: Mapping[str, Any], problems: list[Problem], *, strict: bool
) -> CycleLimits | None:
    """Read the wire's limit keys; each bad one is reported under its own key."""
    before = len(problems)
    for key, item in data.items():
        if key not in LIMIT_KEYS:
            if strict:
                allowed = ", ".join(LIMIT_KEYS)
                problems.append(Problem(key, f"unknown limit key; allowed: {allowed}"))
            continue
        try:
            CycleLimits.from_dict({key: item})
        except InvalidLimitsError as exc:
            problems.append(Problem(key, _problem_text(exc)))
    if len(problems) > before:
        return None
    try:
        return CycleLimits.from_dict({key: data[key] for key in LIMIT_KEYS if key in data})
    except InvalidLimitsError as exc:  # both percent spellings, different values
        problems.append(Problem(PERCENT_KEYS[1], str(exc)))
        return None


# -- the parameters ----------------------------------------------------------------------

# Wire name -> checker, in the page's order.  The three limit keys are read together
# into ``limits`` (see _limits_from_wire).
_CHECKERS: Final[Mapping[str, Checker]] = {
    "name": _string(),
    "is_active": _boolean,
    "data_type": _string(allowed="a non-empty string naming the audience source type"),
    "data_id": _integer(1),
    "resource_id": _integer(0),
    "content": _content,
    "send_channel": _choice(CHANNELS),
    "content_type": _string(blank=True, allowed="a string (deprecated: use send_channel)"),
    "send_email_content": _boolean,
    "send_push_content": _boolean,
    "send_sms_content": _boolean,
    "subid": _string(blank=True, allowed="a string"),
    "start_schedule": _start_schedule,
    "policy_id": _integer(0),
    "push_sending_mode": _choice(PUSH_SENDING_MODES),
    "attributes": _mapping,
    "virtual_sender_id": _integer(0),
    "is_random_tracking_prefix": _boolean,
    "custom_tracking_domains": _string_list,
    "blind_carbon_copy": _string_list,
    "unconditional_sending": _boolean,
    "watched_list_id": _integer(0),
    "watcher_limit": _integer(0),
}
REQUIRED: Final = ("name", "data_type", "data_id", "content", "send_channel")
_ALLOWED_HINTS: Final[Mapping[str, str]] = {
    "name": "the mailing's name (a non-empty string)",
    "data_type": "the audience source type, e.g. 'list'",
    "data_id": "the audience source ID (an integer >= 1)",
    "content": "a non-empty array of content objects",
    "send_channel": "'email', 'sms' or 'push'",
}


def _missing(name: str) -> Problem:
    return Problem(name, f"is required; allowed: {_ALLOWED_HINTS[name]}")


def _deprecation_message(names: list[str]) -> str:
    return (
        f"{', '.join(names)}: deprecated; the platform's page says that passing "
        f"{'it' if len(names) == 1 else 'any of them'} makes the mailing use the email "
        "channel, whatever value is given and whatever send_channel says; use send_channel"
    )


def _as_schedule(value: StartSchedule | Mapping[str, Any] | None) -> StartSchedule | None:
    return value  # type: ignore[return-value]  # read in __attrs_post_init__


def _as_limits(value: CycleLimits | Mapping[str, Any] | None) -> CycleLimits | None:
    return value  # type: ignore[return-value]  # read in __attrs_post_init__


@attrs.frozen(slots=True, kw_only=True)
class RegularMailing:
    """A create-regular-mailing request: every parameter of the endpoint's page.

    Attributes have the wire names, except that the three limit parameters (``limit``,
    ``aglimit_count``, ``aglimit_percent``/``agllimit_percent``) are one
    :class:`~altcraft_schedule._limits.CycleLimits` in ``limits``.  ``None`` means "not
    set" (not sent).  ``token`` and ``format`` are not part of the mailing: pass them to
    :func:`~altcraft_schedule._submit.submit` (or to :meth:`to_json_body`/:meth:`to_xml`).

    Validated on construction (docs/semantics.md §5): every problem is collected and raised
    at once as
    :class:`~altcraft_schedule._errors.InvalidRequestError`, each naming the parameter path,
    the value and what is allowed.  Arrays are stored as tuples; a ``start_schedule``
    mapping is read into a :class:`StartSchedule` and a ``limits`` mapping into a
    :class:`CycleLimits`.  ``content`` items and ``attributes`` are mappings passed through
    unchanged (only checked to be JSON-ready).  The deprecated channel parameters are
    accepted with a :class:`DeprecationWarning`.
    """

    name: str
    data_type: str
    data_id: int
    # Mappings are not hashable: content and attributes take part in ==, not in hash().
    content: Sequence[Mapping[str, Any]] = attrs.field(hash=False)
    send_channel: str
    is_active: bool | None = None
    resource_id: int | None = None
    subid: str | None = None
    # The converters only widen the accepted types (mappings, as the docs say); the
    # mappings are read and checked in __attrs_post_init__, with every other problem.
    start_schedule: StartSchedule | None = attrs.field(default=None, converter=_as_schedule)
    limits: CycleLimits | None = attrs.field(default=None, converter=_as_limits)
    policy_id: int | None = None
    push_sending_mode: str | None = None
    attributes: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    content_type: str | None = None
    send_email_content: bool | None = None
    send_push_content: bool | None = None
    send_sms_content: bool | None = None
    # Smart accounts.
    virtual_sender_id: int | None = None
    is_random_tracking_prefix: bool | None = None
    custom_tracking_domains: Sequence[str] | None = None
    blind_carbon_copy: Sequence[str] | None = None
    unconditional_sending: bool | None = None
    watched_list_id: int | None = None
    watcher_limit: int | None = None

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        for name, checker in _CHECKERS.items():
            value = getattr(self, name)
            if value is None:
                if name in REQUIRED:
                    problems.append(_missing(name))
                continue
            # Frozen: normalised values (tuples, StartSchedule) are set once, here.
            object.__setattr__(self, name, checker(value, name, problems))
        if self.limits is not None:
            object.__setattr__(self, "limits", _limits(self.limits, "limits", problems))
        push = _push_mode_problem(self.send_channel, self.push_sending_mode)
        if push is not None:
            problems.append(push)
        if problems:
            raise _error(problems)
        deprecated = [name for name in DEPRECATED_PARAMETERS if getattr(self, name) is not None]
        if deprecated:
            # 3 = the caller of the attrs-generated __init__.
            warnings.warn(_deprecation_message(deprecated), DeprecationWarning, stacklevel=3)

    # -- reading -------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, ignore_unknown: bool = False) -> RegularMailing:
        """Read the endpoint's JSON request object.

        ``token`` and ``format`` are checked and then ignored (they are transport, not
        mailing); ``null`` means "not set"; unknown keys are problems unless
        ``ignore_unknown``.  Raises :class:`InvalidRequestError` listing **every** problem.
        """
        kwargs, problems = _collect(data, ignore_unknown=ignore_unknown)
        if problems:
            raise _error(problems)
        return cls(**kwargs)

    # -- writing -------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The mailing's parameters as the JSON object of the page (no ``token``/``format``).

        Unset parameters are omitted.  With ``limits`` set, ``limit`` is always written,
        ``aglimit_count`` only when non-zero, and a non-zero percent under **both**
        spellings, ``aglimit_percent`` and ``agllimit_percent`` (the docs disagree on the
        name; zero growth is the default, so it is not sent).  Mappings and tuples become
        plain dicts and lists.
        """
        data: dict[str, Any] = {}
        for name in _CHECKERS:
            if name == "policy_id":  # the page lists the limits just before policy_id
                data.update(self._limits_dict())
            value = getattr(self, name)
            if value is not None:
                data[name] = value.to_dict() if isinstance(value, StartSchedule) else _plain(value)
        return data

    def _limits_dict(self) -> dict[str, Any]:
        if self.limits is None:
            return {}
        wire = self.limits.to_dict()
        data: dict[str, Any] = {"limit": wire["limit"]}
        if wire["aglimit_count"]:
            data["aglimit_count"] = wire["aglimit_count"]
        if wire["aglimit_percent"]:
            data.update(dict.fromkeys(PERCENT_KEYS, wire["aglimit_percent"]))
        return data

    def to_json_body(
        self, token: str | None = None, *, format: str | None = None
    ) -> dict[str, Any]:
        """The request body: ``token`` (when given), ``format`` (when given), then
        :meth:`to_dict`.  Serialise with ``json.dumps``."""
        head: dict[str, Any] = {}
        if token is not None:
            head["token"] = token
        if format is not None:
            head["format"] = _check_format(format)
        return {**head, **self.to_dict()}

    def to_json(self, token: str | None = None, *, format: str | None = None) -> str:
        """:meth:`to_json_body` as JSON text (UTF-8, no NaN)."""
        body = self.to_json_body(token, format=format)
        return json.dumps(body, ensure_ascii=False, allow_nan=False)

    def to_xml(self, token: str | None = None, *, format: str | None = None) -> str:
        """The request body in the platform's XML dialect (root ``<xml>``).  Raises
        :class:`InvalidRequestError` when a content or attribute value has no XML form."""
        return xmlwire.dumps(self.to_json_body(token, format=format))


def _plain(value: Any) -> Any:
    """Mappings as dicts and tuples as lists, recursively (``json.dumps`` needs them);
    other values unchanged."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


def _check_format(value: Any) -> str:
    problems: list[Problem] = []
    _choice(_FORMATS)(value, "format", problems)
    if problems:
        raise _error(problems)
    return str(value)


def _push_mode_problem(channel: Any, mode: Any) -> Problem | None:
    if mode is None or channel == "push" or channel not in CHANNELS:
        return None
    return Problem(
        "push_sending_mode",
        f"{mode!r} is set but send_channel is {channel!r}; allowed: only with send_channel 'push'",
    )


# -- whole-request validation -------------------------------------------------------------


def _check_transport_key(key: str, value: Any, problems: list[Problem]) -> None:
    if key == "format":
        _choice(_FORMATS)(value, key, problems)
    elif not isinstance(value, str) or not value:
        # Never echo a token, even a malformed one.
        problems.append(Problem(key, f"is {_kind(value)}; allowed: the API token, a string"))


def _collect(data: Any, *, ignore_unknown: bool) -> tuple[dict[str, Any], list[Problem]]:
    """The constructor arguments read from a request object, and every problem found."""
    if not isinstance(data, Mapping):
        return {}, [Problem("request", f"{data!r} is {_kind(data)}; allowed: a JSON object")]
    problems: list[Problem] = []
    kwargs: dict[str, Any] = {}
    limit_keys: dict[str, Any] = {}
    for key, value in data.items():
        if key in _TRANSPORT_KEYS:
            if value is not None:
                _check_transport_key(key, value, problems)
        elif key in LIMIT_KEYS:
            if value is not None:
                limit_keys[key] = value
        elif key in _CHECKERS:
            if value is not None:
                kwargs[key] = _CHECKERS[key](value, key, problems)
        elif not ignore_unknown:
            known = ", ".join([*_CHECKERS, *LIMIT_KEYS, *_TRANSPORT_KEYS])
            problems.append(Problem(str(key), f"unknown parameter; allowed: {known}"))
    problems.extend(_missing(key) for key in REQUIRED if key not in kwargs)
    if limit_keys:
        kwargs["limits"] = _limits_from_wire(limit_keys, problems, strict=False)
    push = _push_mode_problem(kwargs.get("send_channel"), kwargs.get("push_sending_mode"))
    if push is not None:
        problems.append(push)
    return kwargs, problems


def validate_request(data: Any, *, ignore_unknown: bool = False) -> list[Problem]:
    """Every problem of a create request object (the page's JSON shape), in key order.

    An empty list means :meth:`RegularMailing.from_dict` accepts it.  ``token`` and
    ``format`` are allowed (and checked); a token's value never appears in a message.
    The deprecated channel parameters are not problems: they raise a
    :class:`DeprecationWarning` here as they do in the model.
    """
    _, problems = _collect(data, ignore_unknown=ignore_unknown)
    if isinstance(data, Mapping):
        deprecated = [name for name in DEPRECATED_PARAMETERS if data.get(name) is not None]
        if deprecated:
            warnings.warn(_deprecation_message(deprecated), DeprecationWarning, stacklevel=2)
    return problems


# -- the response -------------------------------------------------------------------------


@attrs.frozen(slots=True)
class CreateResponse:
    """The platform's answer: ``error`` (0 = success), ``error_text`` and, on success,
    ``saved_id`` (the new mailing's ID; ``None`` when the answer has none)."""

    error: int
    error_text: str
    saved_id: int | None


_INT_TEXT = re.compile(r"^\s*-?[0-9]{1,18}\s*$")


def parse_response(body: bytes) -> CreateResponse:
    """Read a JSON or an XML answer (told apart by the first non-blank byte: ``<`` = XML).

    Raises :class:`ProtocolError` when the body is neither, or ``error`` is missing or not
    an integer, ``error_text`` not a string, or ``data.saved_id`` present but not a
    positive integer.  XML is read with ``defusedxml``.  Messages never quote the body.
    """
    body = body.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark
    if body.lstrip()[:1] == b"<":
        return _from_xml(xmlwire.loads(body))
    data = _json_or_none(body)
    if not isinstance(data, dict):
        raise ProtocolError(
            f"the response body ({len(body)} bytes) is neither a JSON object nor XML"
        )
    return _from_json(data)


def _json_or_none(body: bytes) -> Any:
    def refuse(constant: str) -> Any:
        raise ValueError(constant)

    try:
        return json.loads(body, parse_constant=refuse)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        return None


def _from_json(data: dict[str, Any]) -> CreateResponse:
    error = data.get("error")
    if not isinstance(error, int) or isinstance(error, bool):
        raise ProtocolError(f"the response's 'error' is {_shape(error)}; expected an integer")
    text = data.get("error_text") or ""  # absent or null: no text
    if not isinstance(text, str):
        raise ProtocolError(f"the response's 'error_text' is {_shape(text)}; expected a string")
    payload = data.get("data")
    saved = payload.get("saved_id") if isinstance(payload, dict) else None
    if saved is not None and (not isinstance(saved, int) or isinstance(saved, bool) or saved < 1):
        raise ProtocolError(
            f"the response's 'data.saved_id' is {_shape(saved)}; expected an integer >= 1"
        )
    return CreateResponse(error=error, error_text=text, saved_id=saved)


def _from_xml(data: dict[str, Any]) -> CreateResponse:
    error = data.get("error")
    if not isinstance(error, str) or not _INT_TEXT.match(error):
        raise ProtocolError(f"the response's <error> is {_shape(error)}; expected an integer")
    text = data.get("error_text") or ""  # absent or null: no text
    if not isinstance(text, str):
        raise ProtocolError(f"the response's <error_text> is {_shape(text)}; expected text")
    payload = data.get("data")
    saved = payload.get("saved_id") if isinstance(payload, dict) else None
    if saved is not None and (
        not isinstance(saved, str) or not _INT_TEXT.match(saved) or int(saved) < 1
    ):
        raise ProtocolError(
            f"the response's <data><saved_id> is {_shape(saved)}; expected an integer >= 1"
        )
    return CreateResponse(
        error=int(error), error_text=text, saved_id=None if saved is None else int(saved)
    )


def _shape(value: Any) -> str:
    """A short description of a response value, without quoting long text."""
    if value is None:
        return "missing"
    if isinstance(value, (bool, int, float)):
        return f"{type(value).__name__} {value!r}"
    if isinstance(value, str) and len(value) <= 20:
        return f"the text {value!r}"
    return f"a {type(value).__name__}"


# -- the envelope and the read models ------------------------------------------------------

_HTML_START = re.compile(rb"^\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


def _error_code(value: Any, where: str) -> int:
    """``error`` as an int; a string of ASCII digits (``"402"``) keeps its code."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INT_TEXT.match(value) and value.strip().lstrip("-").isascii():
        return int(value)
    raise ProtocolError(f"the response's {where} is {_shape(value)}; expected an integer")


def parse_envelope(body: bytes) -> dict[str, Any]:
    """Any answer of the API as a dict, with ``error`` an int and ``error_text`` a string.

    Raises :class:`ProtocolError` for a body that is neither JSON nor the XML dialect; an
    HTML page (a proxy's error page, say) or plain text is reported as such, and only a
    real DTD or entity in XML as refused for safety.
    """
    body = body.removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(body):
        raise ProtocolError(
            f"the response body ({len(body)} bytes) is an HTML page, not the API's JSON or "
            "XML (a proxy or web server answered?)"
        )
    if body.lstrip()[:1] == b"<":
        data: Any = read_xml_request(body)
        where = "<error>"
    else:
        data = _json_or_none(body)
        where = "'error'"
        if not isinstance(data, dict):
            kind = "empty" if not body.strip() else "plain text or other non-JSON data"
            raise ProtocolError(
                f"the response body ({len(body)} bytes) is {kind}, neither a JSON object nor XML"
            )
    envelope = dict(data)
    envelope["error"] = _error_code(data.get("error"), where)
    text = data.get("error_text") or ""
    if not isinstance(text, str):
        raise ProtocolError(f"the response's error_text is {_shape(text)}; expected a string")
    envelope["error_text"] = text
    return envelope


_XML_BOOL: Final = {"true": True, "false": False}


def _wire_int(value: Any, key: str) -> int:
    if isinstance(value, str) and _INT_TEXT.match(value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ProtocolError(f"the mailing's {key!r} is {_shape(value)}; expected an integer")


def _wire_bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in _XML_BOOL:
        return _XML_BOOL[value]
    raise ProtocolError(f"the mailing's {key!r} is {_shape(value)}; expected a boolean")


# Types of the keys the API's answers and requests carry, used to read XML (which has no
# types) back into JSON's.  Keys not listed stay strings.
_INT_KEYS: Final = frozenset(
    (
        "id",
        "data_id",
        "resource_id",
        "policy_id",
        "virtual_sender_id",
        "watched_list_id",
        "watcher_list_id",
        "watcher_limit",
        "limit",
        "aglimit_count",
        "saved_id",
        "from_id",
        "total_count",
        "override_limit",
        "override_source_id",
        "message_id",
        "error",
    )
)
_FLOAT_KEYS: Final = frozenset(PERCENT_KEYS)
_BOOL_KEYS: Final = frozenset(
    (
        "is_active",
        "send_email_content",
        "send_push_content",
        "send_sms_content",
        "is_random_tracking_prefix",
        "unconditional_sending",
        "for_confirm",
        "skip_unique_checking",
        "run_now",
        "abort_if_running",
        "is_completed",
        "profile",
        "losers",
    )
)
_LIST_KEYS: Final = frozenset(
    (
        "custom_tracking_domains",
        "blind_carbon_copy",
        "ui_tags",
        "content",
        "groups",
        "groups_id",
        *SCHEDULE_WIRE_KEYS.values(),
    )
)
_INT_LIST_KEYS: Final = frozenset(("groups_id", *SCHEDULE_WIRE_KEYS.values()))


def _typed(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _typed(k, v) for k, v in value.items()}
    if key in _LIST_KEYS:
        items = value if isinstance(value, list) else ([] if value == "" else [value])
        kind = "id" if key in _INT_LIST_KEYS else ""
        return [_typed(kind, item) if kind else _typed("", item) for item in items]
    if isinstance(value, list):
        return [_typed(key, item) for item in value]
    if not isinstance(value, str):
        return value
    if key in _INT_KEYS and _INT_TEXT.match(value):
        return int(value)
    if key in _FLOAT_KEYS:
        try:
            return float(value)
        except ValueError:
            return value
    if key in _BOOL_KEYS and value in _XML_BOOL:
        return _XML_BOOL[value]
    return value


def read_xml_request(body: bytes | str) -> dict[str, Any]:
    """An XML request body (or answer) of the dialect read back into the JSON object it
    was written from: the API's integer, number, boolean and array keys get their types
    back (XML carries none), other leaves stay strings."""
    return {key: _typed(key, value) for key, value in xmlwire.loads(body).items()}


#: Keys of a "get" answer that only the platform sets (not part of the request).
PLATFORM_KEYS: Final = ("id", "updated_user", "update_time")


@attrs.frozen(slots=True)
class MailingInfo:
    """A mailing as ``get`` returns it: ``id``, ``is_active``, ``update_time`` (the
    platform's text, ``None`` when absent), the editable ``mailing`` (send it back with
    ``update``), and ``extra``: every key of the answer the model does not know, kept."""

    id: int
    is_active: bool | None
    update_time: str | None
    mailing: RegularMailing
    extra: Mapping[str, Any] = attrs.field(hash=False)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> MailingInfo:
        """Read a ``get`` answer's ``data`` (JSON, or XML already read)."""
        typed = {key: _typed(key, value) for key, value in data.items()}
        if "id" not in typed:
            raise ProtocolError("the mailing has no 'id'")
        mailing_id = _wire_int(typed["id"], "id")
        known = {*_CHECKERS, *LIMIT_KEYS}
        fields = {k: v for k, v in typed.items() if k in known and v is not None}
        extra = {k: v for k, v in typed.items() if k not in known and k not in PLATFORM_KEYS}
        try:
            mailing = RegularMailing.from_dict(fields, ignore_unknown=True)
        except InvalidRequestError as exc:
            problems = "; ".join(str(problem) for problem in exc.problems) or str(exc)
            raise ProtocolError(f"the mailing {mailing_id} cannot be read: {problems}") from None
        update_time = typed.get("update_time")
        return cls(
            id=mailing_id,
            is_active=mailing.is_active,
            update_time=update_time if isinstance(update_time, str) else None,
            mailing=mailing,
            extra=extra,
        )


@attrs.frozen(slots=True)
class MailingSummary:
    """One item of ``list``: ``id``, ``name``, ``is_active``, and the other keys
    (``type``, ``ui_tags``, ``groups``, ...) in ``extra``.  Schedules are not listed:
    ``get`` each id."""

    id: int
    name: str
    is_active: bool
    extra: Mapping[str, Any] = attrs.field(hash=False)

    @classmethod
    def from_wire(cls, data: Any) -> MailingSummary:
        if not isinstance(data, Mapping):
            raise ProtocolError(f"a list item is {_shape(data)}; expected an object")
        typed = {key: _typed(key, value) for key, value in data.items()}
        name = typed.get("name", "")
        return cls(
            id=_wire_int(typed.get("id"), "id"),
            name=name if isinstance(name, str) else str(name),
            is_active=_wire_bool(typed.get("is_active", False), "is_active"),
            extra={k: v for k, v in typed.items() if k not in ("id", "name", "is_active")},
        )


@attrs.frozen(slots=True)
class MailingStatus:
    """The answer of ``status``: ``is_active``, ``is_completed`` and the platform's
    ``status`` text (``"Inactive"``, ...; the set is not documented)."""

    is_active: bool
    is_completed: bool
    status: str

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> MailingStatus:
        status = data.get("status", "")
        return cls(
            is_active=_wire_bool(data.get("is_active"), "is_active"),
            is_completed=_wire_bool(data.get("is_completed"), "is_completed"),
            status=status if isinstance(status, str) else str(status),
        )

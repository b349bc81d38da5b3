"""The exceptions of altcraft-schedule.

Every error this library raises derives from :class:`AltcraftScheduleError`.  Errors
caused by a bad input value derive from :class:`InvalidValueError`, which is also a
:class:`ValueError`, so callers that already catch ``ValueError`` keep working.  Every
error keeps its message and carries the same facts as attributes::

    AltcraftScheduleError
    ├── InvalidValueError (ValueError)        field, value, reason, allowed
    │   ├── InvalidScheduleError
    │   │   └── UnknownTimeZoneError
    │   ├── InvalidArgumentError
    │   ├── CronConversionError               + expression, token, dialect
    │   ├── InvalidLimitsError
    │   └── InvalidRequestError               + problems: tuple[Problem, ...]
    └── CallError                             request_id
        ├── AltcraftAPIError                  + error, error_text
        ├── TransportError
        └── ProtocolError
"""

from __future__ import annotations

from typing import Any, NamedTuple, Self

__all__ = [
    "AltcraftAPIError",
    "AltcraftScheduleError",
    "CallError",
    "CronConversionError",
    "InvalidArgumentError",
    "InvalidLimitsError",
    "InvalidRequestError",
    "InvalidScheduleError",
    "InvalidValueError",
    "Problem",
    "ProtocolError",
    "RRuleConversionError",
    "TransportError",
    "UnknownTimeZoneError",
]


class AltcraftScheduleError(Exception):
    """Base class of every error raised by altcraft-schedule."""


class InvalidValueError(AltcraftScheduleError, ValueError):
    """A value given to the library is not allowed.

    ``field`` names what holds it (a schedule field such as ``"hours"``, a function
    argument such as ``"after"``, a request path such as ``"start_schedule.start_hours"``),
    ``value`` is the bad value itself, ``reason`` what is wrong with it (``"is out of
    range"``) and ``allowed`` says in words what is allowed.  Any of them may be ``None``
    when the error is about a combination rather than one value.
    """

    field: str | None
    value: Any
    reason: str | None
    allowed: str | None

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: Any = None,
        reason: str | None = None,
        allowed: str | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.value = value
        self.reason = reason
        self.allowed = allowed

    @classmethod
    def bad_value(
        cls, field: str, value: Any, reason: str, allowed: str, *, label: str | None = None
    ) -> Self:
        """The error for one bad value, with the library's message shape:
        ``"<label>: <value!r> <reason>; allowed: <allowed>"`` (``label`` defaults to
        ``field``)."""
        return cls(
            f"{label or field}: {value!r} {reason}; allowed: {allowed}",
            field=field,
            value=value,
            reason=reason,
            allowed=allowed,
        )


class InvalidScheduleError(InvalidValueError):
    """A start schedule field (or the wire object) holds a value that is not allowed.

    ``field`` is the attribute name (``"hours"``), or the wire key for an unknown key.
    """


class UnknownTimeZoneError(InvalidScheduleError):
    """A time zone name is not a zone this machine's tz database knows (``field`` is
    ``"tz"``, ``value`` the name)."""


class InvalidArgumentError(InvalidValueError):
    """An argument of a function is not what it accepts (a start that is not a
    datetime, a zone that is neither a name nor a tzinfo, ...); ``field`` is the
    argument's name."""


class CronConversionError(InvalidValueError):
    """A cron expression cannot be read, or has no exact start-schedule form (or a
    schedule has no exact cron form).

    Besides ``field`` (the cron field: ``"minute"``, ``"day-of-week"``, ...), ``value``
    and ``allowed``, it carries the whole ``expression``, the offending ``token`` and the
    ``dialect`` it was read in (``None`` where no single dialect applies).
    """

    expression: str | None
    token: str | None
    dialect: str | None

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: Any = None,
        reason: str | None = None,
        allowed: str | None = None,
        expression: str | None = None,
        token: str | None = None,
        dialect: str | None = None,
    ) -> None:
        super().__init__(message, field=field, value=value, reason=reason, allowed=allowed)
        self.expression = expression
        self.token = token
        self.dialect = dialect


class RRuleConversionError(InvalidValueError):
    """An iCalendar recurrence rule cannot be read, or has no exact start-schedule form
    (or a schedule has no exact RRULE form).

    ``field`` is the rule part (``"BYSETPOS"``, ``"INTERVAL"``, ``"DTSTART"``) or the
    schedule field (``"years"``); besides ``value``, ``reason`` and ``allowed`` it carries
    the ``rule`` text (``None`` when converting a schedule).
    """

    rule: str | None

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: Any = None,
        reason: str | None = None,
        allowed: str | None = None,
        rule: str | None = None,
    ) -> None:
        super().__init__(message, field=field, value=value, reason=reason, allowed=allowed)
        self.rule = rule


class InvalidLimitsError(InvalidValueError):
    """A cycle-limit value (``limit``, ``aglimit_count``, ``aglimit_percent``) or a plan
    argument is not allowed."""


class Problem(NamedTuple):
    """One thing wrong with a request: the parameter ``path`` (``content[0]``,
    ``start_schedule.start_hours``) and a ``message`` naming the bad value and what is
    allowed.  A plain ``(path, message)`` tuple."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidRequestError(InvalidValueError):
    """A create-regular-mailing request parameter is missing or not allowed.

    ``problems`` lists every :class:`Problem` found (one per bad parameter); with a
    single problem, ``field`` is its path.
    """

    problems: tuple[Problem, ...]

    def __init__(
        self,
        message: str,
        *,
        problems: tuple[Problem, ...] = (),
        field: str | None = None,
        value: Any = None,
        reason: str | None = None,
        allowed: str | None = None,
    ) -> None:
        super().__init__(message, field=field, value=value, reason=reason, allowed=allowed)
        self.problems = tuple(problems)


class CallError(AltcraftScheduleError):
    """A call to the platform failed.  ``request_id`` is the ``Request-ID`` the call
    sent (``None`` where no request was made, e.g. when a response is parsed alone)."""

    request_id: str | None

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        super().__init__(message)
        self.request_id = request_id


class AltcraftAPIError(CallError):
    """The platform answered with ``error != 0``: ``error`` and ``error_text`` are its
    fields (``code`` and ``text`` are the same values under their older names)."""

    error: int
    error_text: str

    def __init__(self, code: int, text: str, *, request_id: str | None = None) -> None:
        super().__init__(f"Altcraft API error {code}: {text}", request_id=request_id)
        self.error = code
        self.error_text = text

    @property
    def code(self) -> int:
        return self.error

    @property
    def text(self) -> str:
        return self.error_text


class TransportError(CallError):
    """The request could not be delivered, or no answer came (connection refused or
    dropped, timeout, HTTP error status after the retries)."""


class ProtocolError(CallError):
    """The platform's answer is not a valid response: neither JSON nor XML, fields
    missing or of the wrong type, or a body over the size cap."""

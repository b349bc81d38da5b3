"""The exceptions of altcraft-schedule.

Every error this library raises derives from :class:`AltcraftScheduleError`.  Errors
caused by a bad input value also derive from :class:`ValueError`, so callers that
already catch ``ValueError`` keep working.
"""

from __future__ import annotations

__all__ = [
    "AltcraftAPIError",
    "AltcraftScheduleError",
    "CronConversionError",
    "InvalidArgumentError",
    "InvalidLimitsError",
    "InvalidRequestError",
    "InvalidScheduleError",
    "ProtocolError",
    "TransportError",
    "UnknownTimeZoneError",
]


class AltcraftScheduleError(Exception):
    """Base class of every error raised by altcraft-schedule."""


class InvalidScheduleError(AltcraftScheduleError, ValueError):
    """A start schedule field (or the wire object) holds a value that is not allowed.

    The message names the field, the bad value and what is allowed.
    """


class UnknownTimeZoneError(InvalidScheduleError):
    """A time zone name is not a zone this machine's tz database knows."""


class InvalidArgumentError(AltcraftScheduleError, ValueError):
    """An argument of a function is not what it accepts (a start that is not a
    datetime, a zone that is neither a name nor a tzinfo, ...)."""


class CronConversionError(AltcraftScheduleError, ValueError):
    """A cron expression cannot be read, or has no exact start-schedule form (or a
    schedule has no exact cron form).  The message names the token, its field and why."""


class InvalidLimitsError(AltcraftScheduleError, ValueError):
    """A cycle-limit value (``limit``, ``aglimit_count``, ``aglimit_percent``) or a plan
    argument is not allowed."""


class InvalidRequestError(AltcraftScheduleError, ValueError):
    """A create-regular-mailing request parameter is missing or not allowed.  The
    message names the parameter path, the bad value and what is allowed."""


class AltcraftAPIError(AltcraftScheduleError):
    """The platform answered with ``error != 0``; ``code`` and ``text`` are its
    ``error`` and ``error_text``."""

    def __init__(self, code: int, text: str, *, request_id: str | None = None) -> None:
        self.code = code
        self.text = text
        self.request_id = request_id
        super().__init__(f"Altcraft API error {code}: {text}")


class TransportError(AltcraftScheduleError):
    """The request could not be delivered, or no answer came (connection refused or
    dropped, timeout, HTTP error status after the retries)."""


class ProtocolError(AltcraftScheduleError):
    """The platform's answer is not a valid response: neither JSON nor XML, fields
    missing or of the wrong type, or a body over the size cap."""

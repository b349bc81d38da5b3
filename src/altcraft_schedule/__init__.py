"""altcraft-schedule: start schedules of Altcraft regular mailings."""

from __future__ import annotations

from .errors import (
    AltcraftAPIError,
    AltcraftScheduleError,
    CronConversionError,
    InvalidArgumentError,
    InvalidLimitsError,
    InvalidRequestError,
    InvalidScheduleError,
    ProtocolError,
    TransportError,
    UnknownTimeZoneError,
)
from .runtimes import iter_runs, next_run, previous_run, runs_between
from .schedule import StartSchedule

__version__ = "0.1.0"

__all__ = [
    "AltcraftAPIError",
    "AltcraftScheduleError",
    "CronConversionError",
    "InvalidArgumentError",
    "InvalidLimitsError",
    "InvalidRequestError",
    "InvalidScheduleError",
    "ProtocolError",
    "StartSchedule",
    "TransportError",
    "UnknownTimeZoneError",
    "__version__",
    "iter_runs",
    "next_run",
    "previous_run",
    "runs_between",
]

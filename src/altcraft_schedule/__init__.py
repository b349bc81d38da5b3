"""altcraft-schedule: start schedules of Altcraft regular mailings.

The model (:class:`StartSchedule`), DST-correct run times, cron conversion both ways,
cycle limits and warm-up plans, the create-regular-mailing request and a safe
:func:`submit`, descriptions and checks, and Hypothesis strategies
(:mod:`altcraft_schedule.strategies`, which needs ``hypothesis``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import Finding, check
from .cron import schedule_from_cron, schedule_to_cron, schedules_from_cron
from .describe import describe
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
from .limits import CycleLimits
from .request import (
    CreateResponse,
    Problem,
    RegularMailing,
    parse_response,
    validate_request,
)
from .runtimes import iter_runs, next_run, previous_run, runs_between
from .schedule import StartSchedule
from .warmup import PlanRow, WarmupPlan, plan

if TYPE_CHECKING:
    from .submit import SubmitResult, submit

__version__ = "0.1.0"

__all__ = [
    "AltcraftAPIError",
    "AltcraftScheduleError",
    "CreateResponse",
    "CronConversionError",
    "CycleLimits",
    "Finding",
    "InvalidArgumentError",
    "InvalidLimitsError",
    "InvalidRequestError",
    "InvalidScheduleError",
    "PlanRow",
    "Problem",
    "ProtocolError",
    "RegularMailing",
    "StartSchedule",
    "SubmitResult",
    "TransportError",
    "UnknownTimeZoneError",
    "WarmupPlan",
    "__version__",
    "check",
    "describe",
    "iter_runs",
    "next_run",
    "parse_response",
    "plan",
    "previous_run",
    "runs_between",
    "schedule_from_cron",
    "schedule_to_cron",
    "schedules_from_cron",
    "submit",
    "validate_request",
]

# httpx costs ~0.1 s to import: load the HTTP side only when it is used.
_LAZY = {"submit": "submit", "SubmitResult": "submit"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'altcraft_schedule' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

"""altcraft-schedule: start schedules of Altcraft regular mailings.

The model (:class:`StartSchedule`), DST-correct run times, cron conversion both ways,
cycle limits and warm-up plans, the create-regular-mailing request and a safe
:func:`submit`, descriptions and checks, and Hypothesis strategies
(:mod:`altcraft_schedule.strategies`, which needs ``hypothesis``).
"""

from __future__ import annotations

import inspect
import typing
from typing import TYPE_CHECKING, Any

from ._checks import Finding, check
from ._cron import Dialect, schedule_from_cron, schedule_to_cron, schedules_from_cron
from ._crontab import CronProblem, CrontabEntry, read_crontab, validate_cron
from ._describe import describe
from ._engine import iter_runs, next_run, previous_run, runs_between
from ._errors import (
    AltcraftAPIError,
    AltcraftScheduleError,
    CallError,
    CronConversionError,
    InvalidArgumentError,
    InvalidLimitsError,
    InvalidRequestError,
    InvalidScheduleError,
    InvalidValueError,
    Problem,
    ProtocolError,
    RRuleConversionError,
    TransportError,
    UnknownTimeZoneError,
)
from ._limits import CycleLimits
from ._plan import PlanRow, WarmupPlan, plan
from ._request import (
    CreateResponse,
    MailingInfo,
    MailingStatus,
    MailingSummary,
    RegularMailing,
    parse_response,
    validate_request,
)
from ._rrule import from_rrule, to_rrule
from ._schedule import StartSchedule
from ._schemas import json_schema

if TYPE_CHECKING:
    from ._client import AsyncClient, CallResult, Client
    from ._submit import SubmitResult, submit

__version__ = "0.1.0"

__all__ = [
    "AltcraftAPIError",
    "AltcraftScheduleError",
    "AsyncClient",
    "CallError",
    "CallResult",
    "Client",
    "CreateResponse",
    "CronConversionError",
    "CronProblem",
    "CrontabEntry",
    "CycleLimits",
    "Dialect",
    "Finding",
    "InvalidArgumentError",
    "InvalidLimitsError",
    "InvalidRequestError",
    "InvalidScheduleError",
    "InvalidValueError",
    "MailingInfo",
    "MailingStatus",
    "MailingSummary",
    "PlanRow",
    "Problem",
    "ProtocolError",
    "RRuleConversionError",
    "RegularMailing",
    "StartSchedule",
    "SubmitResult",
    "TransportError",
    "UnknownTimeZoneError",
    "WarmupPlan",
    "__version__",
    "check",
    "describe",
    "from_rrule",
    "iter_runs",
    "json_schema",
    "next_run",
    "parse_response",
    "plan",
    "previous_run",
    "read_crontab",
    "runs_between",
    "schedule_from_cron",
    "schedule_to_cron",
    "schedules_from_cron",
    "submit",
    "to_rrule",
    "validate_cron",
    "validate_request",
]

# httpx costs ~0.1 s to import: load the HTTP side only when it is used.
_LAZY = {
    "submit": "_submit",
    "SubmitResult": "_client",
    "Client": "_client",
    "AsyncClient": "_client",
    "CallResult": "_client",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'altcraft_schedule' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    value.__module__ = __name__
    globals()[name] = value
    return value


def _present_public_names_as_ours() -> None:
    # Tracebacks and reprs say ``altcraft_schedule.StartSchedule``, not the private
    # module it is defined in (as httpx does).
    namespace = globals()
    for name in __all__:
        value = namespace.get(name)
        if value is not None and hasattr(value, "__module__") and not name.startswith("__"):
            if isinstance(value, type):
                _resolve_own_annotations(value)
            value.__module__ = __name__


def _resolve_own_annotations(cls: type) -> None:
    # typing.get_type_hints reads a class's string annotations in the module named by
    # __module__: resolve them in the defining module first, so they still resolve after.
    own = inspect.get_annotations(cls)
    if not own:
        return
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except NameError:  # a name imported only for type checkers: left as written
        return
    cls.__annotations__ = {key: hints[key] for key in own}


_present_public_names_as_ours()

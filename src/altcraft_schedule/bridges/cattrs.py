"""cattrs hooks: the library's models structured from and unstructured to their wire
objects (``start_mins`` ... for a :class:`~altcraft_schedule.StartSchedule`, the
endpoint's parameters for a :class:`~altcraft_schedule.RegularMailing`).

``register_hooks(converter)`` teaches a ``cattrs`` converter the three models.  Needs
``cattrs`` (the ``cattrs`` extra); this library does not depend on it otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from cattrs import BaseConverter

from .._limits import CycleLimits
from .._request import RegularMailing
from .._schedule import StartSchedule

__all__ = ["register_hooks"]

ConverterT = TypeVar("ConverterT", bound=BaseConverter)


def _structure_schedule(data: Mapping[str, Any], _: type[Any]) -> StartSchedule:
    return StartSchedule.from_dict(data)


def _structure_limits(data: Mapping[str, Any], _: type[Any]) -> CycleLimits:
    return CycleLimits.from_dict(data, ignore_unknown=False)


def _structure_mailing(data: Mapping[str, Any], _: type[Any]) -> RegularMailing:
    return RegularMailing.from_dict(data)


def register_hooks(converter: ConverterT) -> ConverterT:
    """Register structure and unstructure hooks for :class:`StartSchedule`,
    :class:`CycleLimits` and :class:`RegularMailing` on ``converter`` (returned, for
    chaining).

    Structuring reads the wire object with the model's own ``from_dict`` (unknown keys are
    refused) and unstructuring writes ``to_dict()``.  A bad value raises the library's
    error (:class:`InvalidScheduleError`, :class:`InvalidLimitsError`,
    :class:`InvalidRequestError`); inside a class that the converter structures, cattrs
    wraps it in its ``ClassValidationError`` (an exception group) when the converter's
    ``detailed_validation`` is on, as it is by default.
    """
    # By predicate: registering by class makes cattrs resolve the models' annotations,
    # which it need not do (the hooks read the wire objects themselves).
    for model, structure in _STRUCTURE.items():
        converter.register_structure_hook_func(_is(model), structure)
        converter.register_unstructure_hook_func(_is(model), model.to_dict)
    return converter


_STRUCTURE: dict[type[Any], Any] = {
    StartSchedule: _structure_schedule,
    CycleLimits: _structure_limits,
    RegularMailing: _structure_mailing,
}


def _is(model: type[Any]) -> Any:
    def predicate(cls: Any) -> bool:
        return isinstance(cls, type) and issubclass(cls, model)

    return predicate

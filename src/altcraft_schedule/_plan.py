"""The warm-up plan: a start schedule joined with cycle limits.

Each cycle of a regular mailing is one run of its start schedule; cycle k is the k-th run
strictly after ``start``.  For every cycle the plan gives its run instant, its cap, the
messages it can send to an audience of a given size and the running total, and it finds
the first cycle whose cap reaches the whole audience.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import chain, islice
from typing import Any

import attrs

from ._errors import InvalidLimitsError, InvalidScheduleError
from ._limits import CycleLimits, check_count
from ._schedule import StartSchedule, Timezone

__all__ = ["REACH_SEARCH_CYCLES", "PlanRow", "WarmupPlan", "plan"]

#: How far (in cycles) :func:`plan` walks the schedule to date the cycle that reaches the
#: audience when it lies beyond the rows asked for.  Farther than this, ``reached`` is
#: ``None`` while ``reached_cycle`` still says which cycle it is.
REACH_SEARCH_CYCLES = 100_000


@attrs.frozen(slots=True)
class PlanRow:
    """One cycle of a warm-up plan.

    ``cap`` is ``None`` when there is no limit.  ``sends`` is ``min(cap, audience)``, where a
    missing audience or a missing cap counts as unbounded: it is the cap when the audience
    is unknown, the audience when there is no limit, and ``None`` when both are unbounded.
    ``cumulative`` is the sum of ``sends`` over cycles 1..``cycle`` (``None`` when unbounded).
    """

    cycle: int
    run: datetime
    cap: int | None
    sends: int | None
    cumulative: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the run as an ISO 8601 string with its UTC offset."""
        return {
            "cycle": self.cycle,
            "run": self.run.isoformat(),
            "cap": self.cap,
            "sends": self.sends,
            "cumulative": self.cumulative,
        }


@attrs.frozen(slots=True)
class WarmupPlan:
    """The rows of a warm-up plan, and when the cap first reaches the audience.

    ``reached_cycle`` comes from the limits alone (:meth:`CycleLimits.cycles_to_reach`):
    ``None`` when no audience was given or the cap never reaches it.  ``reached`` is that
    cycle's row, found even beyond the rows shown (its ``run`` may be after ``until``); it
    is ``None`` when ``reached_cycle`` is ``None``, when the schedule stops firing before
    that cycle, or when the cycle lies more than :data:`REACH_SEARCH_CYCLES` runs ahead.
    """

    rows: tuple[PlanRow, ...]
    limits: CycleLimits
    audience: int | None
    reached_cycle: int | None
    reached: PlanRow | None

    def __iter__(self) -> Iterator[PlanRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def total_sends(self) -> int | None:
        """Messages sent over all the rows (0 without rows; ``None`` when unbounded)."""
        return self.rows[-1].cumulative if self.rows else 0

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows as JSON-ready dicts (see :meth:`PlanRow.to_dict`)."""
        return [row.to_dict() for row in self.rows]

    def to_dict(self) -> dict[str, Any]:
        """The whole plan, JSON-ready: limits, audience, the reaching cycle and the rows."""
        return {
            "limits": self.limits.to_dict(),
            "audience": self.audience,
            "reached_cycle": self.reached_cycle,
            "reached": None if self.reached is None else self.reached.to_dict(),
            "total_sends": self.total_sends,
            "rows": self.to_dicts(),
        }


def plan(
    schedule: StartSchedule,
    limits: CycleLimits,
    *,
    start: datetime,
    tz: Timezone = None,
    audience: int | None = None,
    cycles: int | None = None,
    until: datetime | None = None,
) -> WarmupPlan:
    """The warm-up plan of ``schedule`` under ``limits`` from ``start``.

    Cycle k runs at the k-th run of ``schedule`` strictly after ``start`` (evaluated in the
    schedule's zone, else ``tz``, else UTC).  Rows stop after ``cycles`` rows, before the
    first run at or after ``until`` (exclusive), or when the schedule never fires again,
    whichever comes first; at least one of ``cycles``/``until`` is required because a
    schedule may run forever.  A naive ``until`` is wall time in the schedule's zone.
    ``audience`` is the audience size, assumed the same at every cycle (the platform
    recounts it before each launch).  Bad arguments raise :class:`InvalidLimitsError`.
    """
    _check_arguments(schedule, limits, start)
    if audience is not None:
        audience = check_count("audience", audience)
    if cycles is not None:
        cycles = check_count("cycles", cycles, minimum=1)
    if cycles is None and until is None:
        allowed = (
            "an integer cycles >= 1 and/or an until datetime "
            "(a schedule may run forever, so the plan needs an end)"
        )
        raise InvalidLimitsError(
            f"cycles, until: both are None; allowed: {allowed}", field="cycles", allowed=allowed
        )
    end = None if until is None else _utc(until, schedule, tz)

    rows_iter = _rows(schedule.iter_runs(start, tz=tz), limits, audience)
    rows: list[PlanRow] = []
    rest: Iterator[PlanRow] = rows_iter  # the rows after the plan's end, for `reached`
    for row in rows_iter:
        if end is not None and row.run.astimezone(UTC) >= end:
            rest = chain([row], rows_iter)
            break
        rows.append(row)
        if len(rows) == cycles:
            break

    reached_cycle = None if audience is None else limits.cycles_to_reach(audience)
    reached = _find_reached(rows, rest, reached_cycle)
    return WarmupPlan(
        rows=tuple(rows),
        limits=limits,
        audience=audience,
        reached_cycle=reached_cycle,
        reached=reached,
    )


def _check_arguments(schedule: Any, limits: Any, start: Any) -> None:
    if not isinstance(schedule, StartSchedule):
        raise InvalidScheduleError.bad_value(
            "schedule", schedule, "is not a StartSchedule", "a StartSchedule"
        )
    if not isinstance(limits, CycleLimits):
        raise InvalidLimitsError.bad_value(
            "limits",
            limits,
            "is not a CycleLimits",
            "a CycleLimits (CycleLimits.from_dict reads the wire keys)",
        )
    if not isinstance(start, datetime):
        raise InvalidLimitsError.bad_value("start", start, "is not a datetime", "a datetime")


def _utc(until: Any, schedule: StartSchedule, tz: Timezone) -> datetime:
    """``until`` as a UTC instant; comparing in UTC respects ``fold`` in an overlap."""
    if not isinstance(until, datetime):
        raise InvalidLimitsError.bad_value(
            "until", until, "is not a datetime", "a datetime or None"
        )
    moment: datetime = until
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=schedule.zone(tz))
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise InvalidLimitsError.bad_value(
            "until", until, "is outside the years 1-9999 in UTC", "a datetime within them"
        ) from None


def _rows(runs: Iterator[datetime], limits: CycleLimits, audience: int | None) -> Iterator[PlanRow]:
    """Rows for cycles 1, 2, ... until ``runs`` ends."""
    total: int | None = 0
    for cycle, (run, cap) in enumerate(zip(runs, limits.iter_caps(), strict=False), start=1):
        sends = _sends(cap, audience)
        total = None if total is None or sends is None else total + sends
        yield PlanRow(cycle=cycle, run=run, cap=cap, sends=sends, cumulative=total)


def _sends(cap: int | None, audience: int | None) -> int | None:
    """``min(cap, audience)`` with ``None`` meaning unbounded."""
    if cap is None:
        return audience
    return cap if audience is None else min(cap, audience)


def _find_reached(
    rows: list[PlanRow], rest: Iterator[PlanRow], reached_cycle: int | None
) -> PlanRow | None:
    """The row of ``reached_cycle``: from ``rows``, else by walking ``rest`` on (bounded)."""
    if reached_cycle is None:
        return None
    if reached_cycle <= len(rows):
        return rows[reached_cycle - 1]
    if reached_cycle > REACH_SEARCH_CYCLES:
        return None
    # The caps before the reaching cycle are below the audience: small numbers, cheap rows.
    return next(islice(rest, reached_cycle - len(rows) - 1, None), None)

"""UTC offset changes of a zone (DST gaps and overlaps), found with zoneinfo and cached.

The Hypothesis strategies aim schedules at these wall times; nothing else depends on it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

__all__ = ["Transition", "transitions"]

_DAY = 86400
_EPOCH = datetime(1970, 1, 1)


class Transition(NamedTuple):
    """One offset change: at ``instant`` (seconds since the epoch, UTC) the zone's offset
    goes from ``before`` to ``after`` seconds."""

    instant: int
    before: int
    after: int

    @property
    def is_gap(self) -> bool:
        return self.after > self.before

    @property
    def wall_start(self) -> datetime:
        """The first affected naive wall time: the first skipped one in a gap, the first
        repeated one in an overlap."""
        return _EPOCH + timedelta(seconds=self.instant + min(self.before, self.after))

    @property
    def wall_minutes(self) -> int:
        """How many wall minutes are skipped (gap) or repeated (overlap)."""
        return abs(self.after - self.before) // 60


def _offset(zone: ZoneInfo, instant: int) -> int:
    offset = datetime.fromtimestamp(instant, timezone.utc).astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _bisect(zone: ZoneInfo, low: int, high: int, before: int) -> int:
    """The first instant in ``(low, high]`` whose offset is not ``before``."""
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


@lru_cache(maxsize=4096)
def _year_transitions(name: str, year: int) -> tuple[Transition, ...]:
    """The offset changes of zone ``name`` whose instant lies in ``year`` (UTC).

    Sampled once a day (zones change their offset at most a few times a year, never
    twice within a day), then bisected to the second.
    """
    zone = ZoneInfo(name)
    start = int((datetime(year, 1, 1) - _EPOCH).total_seconds())
    end = int((datetime(year + 1, 1, 1) - _EPOCH).total_seconds()) if year < 9999 else start
    found: list[Transition] = []
    previous = _offset(zone, start)
    instant = start
    while instant < end:
        following = min(instant + _DAY, end)
        offset = _offset(zone, following)
        if offset != previous:
            at = _bisect(zone, instant, following, previous)
            if abs(offset - previous) >= 60:  # sub-minute LMT rounding is no DST
                found.append(Transition(at, previous, offset))
        previous, instant = offset, following
    return tuple(found)


def transitions(name: str, first_year: int, last_year: int) -> tuple[Transition, ...]:
    """The offset changes of zone ``name`` in the years ``first_year``-``last_year`` (UTC),
    in time order; cached per zone and year."""
    found: list[Transition] = []
    for year in range(max(first_year, 1970), min(last_year, 9998) + 1):
        found.extend(_year_transitions(name, year))
    return tuple(found)

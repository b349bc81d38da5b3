"""The engine's one assumption about the tz database, checked against the files themselves.

The engine treats a day whose UTC offset is equal at both midnights (and on both sides of
any fold there) as a day without a change.  That is wrong only if a zone changes its
offset and changes it back within one day.  This reads every TZif file's transitions
(an independent parser of the binary format) and checks that no zone does.
"""

from __future__ import annotations

import itertools
import os
import struct
import zoneinfo
from pathlib import Path

import pytest

HEADER = struct.Struct(">4sc15x6l")


def _tzif_path(key: str) -> Path | None:
    for root in zoneinfo.TZPATH:
        candidate = Path(root) / key
        if candidate.is_file():
            return candidate
    return None


def _transitions(data: bytes) -> list[tuple[int, int, int]]:
    """(instant, offset before, offset after) of each change of UTC offset (v2+ 64-bit data)."""
    magic, version, isutc, isstd, leaps, count, types, chars = HEADER.unpack_from(data, 0)
    assert magic == b"TZif"
    if version == b"\x00":
        raise pytest.skip.Exception("version 1 TZif files only")
    skip = HEADER.size + count * 5 + types * 6 + chars + leaps * 8 + isstd + isutc
    _, _, isutc, isstd, leaps, count, types, chars = HEADER.unpack_from(data, skip)
    position = skip + HEADER.size
    instants = struct.unpack_from(f">{count}q", data, position)
    position += count * 8
    indices = data[position : position + count]
    position += count
    offsets = [struct.unpack_from(">lBB", data, position + 6 * i)[0] for i in range(types)]
    changes = []
    before = offsets[0]
    for instant, index in zip(instants, indices, strict=True):
        after = offsets[index]
        if after != before:
            changes.append((instant, before, after))
        before = after
    return changes


def test_no_zone_changes_its_offset_and_back_within_a_day() -> None:
    keys = sorted(zoneinfo.available_timezones())
    read = 0
    violations = []
    for key in keys:
        path = _tzif_path(key)
        if path is None or not os.access(path, os.R_OK):
            continue
        changes = _transitions(path.read_bytes())
        read += 1
        for (first, before, _), (second, _, after) in itertools.pairwise(changes):
            if second - first < 2 * 86400 and before == after:
                violations.append((key, first, second))
    if read == 0:
        pytest.skip("no TZif files found on zoneinfo.TZPATH")
    assert read > 300
    assert violations == []


def test_parser_sees_known_changes() -> None:
    path = _tzif_path("America/New_York")
    if path is None:
        pytest.skip("no TZif files found on zoneinfo.TZPATH")
    changes = _transitions(path.read_bytes())
    # 2026-03-08 07:00 UTC: EST (-5 h) to EDT (-4 h).
    assert (1772953200, -18000, -14400) in changes

"""The annotations match what the code accepts: mypy (strict) refuses what the runtime
refuses, and accepts what the docs show.  One mypy run checks every line below."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

HEADER = [
    "from datetime import datetime",
    "from altcraft_schedule import CycleLimits, StartSchedule, describe, plan",
]
ACCEPTED = [
    's = StartSchedule(mins=[0], hours=(9,), wdays=range(1, 6), tz="Europe/Moscow")',
    'StartSchedule.from_dict({"start_hours": [9]})',
    "StartSchedule(profile=False, losers=None, years={2030})",
    'text: str = describe(s, "ru")',
    "plan(s, CycleLimits(limit=10), start=datetime(2026, 1, 1), cycles=3)",
]
REFUSED = [
    'StartSchedule(mins="5")',  # a string where a list of ints goes
    'StartSchedule(hours=["9"])',  # a list of strings
    "StartSchedule(tz=3)",  # a zone that is not a string
    'StartSchedule(profile="yes")',  # a boolean field given a string
]


def test_mypy_accepts_the_documented_calls_and_refuses_bad_values(tmp_path: Path) -> None:
    lines = [*HEADER, *ACCEPTED, *REFUSED]
    module = tmp_path / "snippet.py"
    module.write_text("\n".join(lines) + "\n")
    out, err, _ = mypy_api.run(
        ["--strict", "--cache-dir", str(tmp_path / "cache"), "--no-error-summary", str(module)]
    )
    flagged = {int(number) for number in re.findall(r"snippet\.py:(\d+): error", out)}
    first_refused = len(HEADER) + len(ACCEPTED) + 1
    assert flagged == set(range(first_refused, len(lines) + 1)), out + err

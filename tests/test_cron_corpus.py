"""Real cron expressions from public repositories (tests/data/cron_corpus.json).

Each entry names its source (repository and path), its system's dialect and what that
system means: a schedule (the fields that are set) or a word of the refusal.  Every one
must convert to exactly that meaning, in its dialect and in `auto`, or be refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from altcraft_schedule import CronConversionError, StartSchedule, schedules_from_cron

CORPUS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "cron_corpus.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{e['dialect']}:{e['expr']}" for e in CORPUS])
def test_corpus_entry_has_no_silent_misread(entry: dict[str, Any]) -> None:
    expected = entry["expect"]
    for dialect in (entry["dialect"], "auto"):
        try:
            schedules = schedules_from_cron(entry["expr"], dialect)
        except CronConversionError as error:
            if dialect == entry["dialect"]:
                assert isinstance(expected, str), f"refused: {error}"
                assert expected in str(error)
            continue
        assert not isinstance(expected, str), f"converted, expected a refusal: {schedules}"
        assert schedules == (StartSchedule(**expected),)


def test_corpus_names_its_sources() -> None:
    assert all(len(entry["source"].split(" ", 1)) == 2 for entry in CORPUS)

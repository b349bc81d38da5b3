"""``st.from_type(StartSchedule)`` draws varied schedules through Hypothesis' entry point."""

from __future__ import annotations

import importlib.metadata
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from altcraft_schedule import StartSchedule
from altcraft_schedule.strategies import _hypothesis_setup_hook

HOOK = "altcraft_schedule.strategies:_hypothesis_setup_hook"
FEW = settings(max_examples=60, database=None, derandomize=True, phases=[Phase.generate],
               suppress_health_check=list(HealthCheck), deadline=None)  # fmt: skip


def drawn_from_type() -> list[StartSchedule]:
    drawn: list[StartSchedule] = []

    @FEW
    @given(st.from_type(StartSchedule))
    def record(schedule: StartSchedule) -> None:
        drawn.append(schedule)

    record()
    return drawn


def test_hook_registers_varied_schedules() -> None:
    _hypothesis_setup_hook()
    drawn = drawn_from_type()
    assert all(isinstance(schedule, StartSchedule) for schedule in drawn)
    assert len(set(drawn)) >= 30  # not StartSchedule() over and over
    assert any(schedule.tz for schedule in drawn) and any(schedule.hours for schedule in drawn)


def test_pyproject_declares_the_entry_point() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert pyproject["project"]["entry-points"]["hypothesis"] == {"altcraft_schedule": HOOK}


def test_installed_entry_point() -> None:
    entries = importlib.metadata.entry_points(group="hypothesis", name="altcraft_schedule")
    if not entries:
        pytest.skip(
            "the installed altcraft-schedule predates its hypothesis entry point: "
            "re-run `pip install -e .` to register it"
        )
    (entry,) = entries
    assert entry.value == HOOK
    assert entry.load() is _hypothesis_setup_hook


@dataclass(frozen=True)
class Mailing:
    """A user's own type with a schedule field, built by ``st.builds`` as users do."""

    name: str
    schedule: StartSchedule


def test_builds_of_a_users_type_draws_varied_schedules() -> None:
    # st.builds(StartSchedule) keeps every default (Hypothesis infers only required
    # arguments); a required StartSchedule argument of the user's own type is inferred
    # through the registered strategy.
    _hypothesis_setup_hook()
    drawn: list[StartSchedule] = []

    @FEW
    @given(st.builds(Mailing))
    def record(mailing: Mailing) -> None:
        drawn.append(mailing.schedule)

    record()
    assert len(set(drawn)) >= 30

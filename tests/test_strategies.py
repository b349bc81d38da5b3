"""The Hypothesis strategies produce what their options promise."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from altcraft_schedule._cron import schedule_from_cron, schedules_from_cron
from altcraft_schedule._errors import InvalidArgumentError
from altcraft_schedule._schedule import StartSchedule
from altcraft_schedule.strategies import ZONES, cron_expressions, start_schedules

AFTER = datetime(2031, 6, 15, 12, 0, tzinfo=timezone.utc)
# Finding one example is enough: no shrinking (that is where find spends its time).
FIND_SETTINGS = settings(
    max_examples=3000,
    database=None,
    derandomize=True,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


# -- start_schedules -------------------------------------------------------------------


@given(start_schedules())
def test_schedules_are_valid(schedule: StartSchedule) -> None:
    assert StartSchedule.from_dict(schedule.to_dict()) == schedule
    assert schedule.tz is None or schedule.tz in ZONES


@given(start_schedules(fixed_time=True))
def test_fixed_time(schedule: StartSchedule) -> None:
    assert schedule.is_fixed_time


@given(start_schedules(fixed_time=True, hours=st.sampled_from([(), (9,), range(24)])))
def test_fixed_time_filters_given_strategies(schedule: StartSchedule) -> None:
    assert schedule.is_fixed_time


@given(start_schedules(fixed_time=False))
def test_not_fixed_time(schedule: StartSchedule) -> None:
    assert not schedule.is_fixed_time


@given(start_schedules(with_mdays=True, with_wdays=False))
def test_with_day_fields(schedule: StartSchedule) -> None:
    assert schedule.mdays and not schedule.wdays


@given(start_schedules(cron_compatible=True))
def test_cron_compatible(schedule: StartSchedule) -> None:
    assert schedule.tz is None and schedule.profile is None and schedule.losers is None
    assert schedule_from_cron(schedule.to_cron()) == schedule


@given(
    start_schedules(
        mins=[30, 0, 30],
        hours=st.sampled_from([[9], [18]]),
        months=(),
        tz="Europe/Moscow",
        profile=st.just(True),
        losers=None,
    )
)
def test_given_fields_are_kept(schedule: StartSchedule) -> None:
    assert schedule.mins == (0, 30)
    assert schedule.hours in ((9,), (18,))
    assert schedule.months == ()
    assert (schedule.tz, schedule.profile, schedule.losers) == ("Europe/Moscow", True, None)


@given(start_schedules(after=AFTER))
def test_after(schedule: StartSchedule) -> None:
    assert schedule.next_run(AFTER) is not None


@given(start_schedules(years=[2031], months=[6], after=AFTER))
def test_after_with_fixed_fields(schedule: StartSchedule) -> None:
    run = schedule.next_run(AFTER)
    assert run is not None and run.year == 2031 and run.month == 6


@settings(max_examples=50)
@given(start_schedules(future=True))
def test_future(schedule: StartSchedule) -> None:
    assert schedule.next_run(datetime.now(timezone.utc)) is not None


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"future": True, "after": AFTER}, "future: True is given with after"),
        ({"mdays": [1], "with_mdays": True}, "with_mdays: True is given with mdays"),
        ({"cron_compatible": True, "tz": "UTC"}, "cron_compatible: True is given with tz='UTC'"),
        ({"after": "2030-01-01"}, "after: '2030-01-01' is not a datetime"),
        ({"after": 2026}, "after: 2026 is not a datetime"),
        ({"fixed_time": True, "mins": []}, "fixed_time: True needs mins non-empty"),
        ({"fixed_time": "no"}, "fixed_time: 'no' is not a flag"),
        ({"fixed_time": False, "mins": [0], "hours": [9]}, "fixed_time: False is given with"),
        ({"years": [2020], "after": AFTER}, "after: datetime.datetime(2031"),
        ({"cron_compatible": True, "mdays": [1], "wdays": [1]}, "cron_compatible: True"),
        ({"cron_compatible": True, "with_mdays": True, "with_wdays": True}, "cron_compatible"),
        ({"mins": [60]}, "mins: [60] is not a valid field"),
        ({"tz": "Mars/Olympus"}, "tz: 'Mars/Olympus' is not a known zone"),
        ({"account_tz": 3}, "account_tz: 3 is not a zone name"),
        ({"dst": True, "tz": "UTC"}, "dst: True has no DST transition"),
        ({"dst": True, "calendar_edges": True}, "dst: True is given with calendar_edges"),
        ({"calendar_edges": True, "months": [5], "years": [2030]}, "calendar_edges: True"),
        ({"profile": "yes"}, "profile: 'yes' is not a flag"),
    ],
)
def test_bad_schedule_options(options: dict[str, object], fragment: str) -> None:
    strategy = start_schedules(**options)  # type: ignore[arg-type]  # lazy, like Hypothesis
    with pytest.raises(InvalidArgument, match=re.escape(fragment)) as raised:
        strategy.validate()
    assert isinstance(raised.value, InvalidArgumentError)  # the library's error too
    assert raised.value.field is not None and raised.value.field in fragment


def test_bad_options_fail_the_test_not_a_health_check() -> None:
    @given(start_schedules(years=[2020], after=AFTER))
    def inner(schedule: StartSchedule) -> None:
        pass

    with pytest.raises(InvalidArgument, match="after"):
        inner()


def test_schedule_draws_cover_the_model() -> None:
    checks: list[Callable[[StartSchedule], bool]] = [
        lambda s: s == StartSchedule(),
        lambda s: s.mins == tuple(range(60)),
        lambda s: bool(s.years) and bool(s.mdays) and bool(s.wdays),
        lambda s: s.tz == "Pacific/Chatham",
        lambda s: s.losers is False,
    ]
    for check in checks:
        find(start_schedules(), check, settings=FIND_SETTINGS)


# -- cron_expressions ------------------------------------------------------------------


@given(cron_expressions())
def test_expressions_convert_to_one_schedule(expr: str) -> None:
    assert isinstance(schedule_from_cron(expr, dialect="cron"), StartSchedule)


@given(cron_expressions(year=True, macros=False))
def test_year_always(expr: str) -> None:
    assert len(expr.split()) == 6


@given(cron_expressions(year=False, names=False, nth_weekday=False))
def test_plain_options(expr: str) -> None:
    if expr.startswith("@"):
        assert expr.lower() in ("@yearly", "@annually", "@monthly", "@weekly", "@daily",
                                "@midnight", "@hourly")  # fmt: skip
        return
    assert len(expr.split()) == 5
    assert "#" not in expr
    assert not re.search(r"[A-Za-z]", expr)


def written_numbers(field: str) -> list[int]:
    """The values written in a field (not the steps)."""
    return [int(number) for number in re.findall(r"(?<![/\d])\d+", field)]


@given(cron_expressions(year=True, macros=False, year_bounds=(2030, 2032)))
def test_year_bounds(expr: str) -> None:
    assert all(2030 <= year <= 2032 for year in written_numbers(expr.split()[5]))


@given(cron_expressions(croniter_compatible=True, year=True, macros=False, names=False))
def test_croniter_compatible(expr: str) -> None:
    fields = expr.split()
    assert all(year <= 2099 for year in written_numbers(fields[5]))
    for index, field in enumerate(fields):
        for first, last, step in re.findall(r"(\d+)-(\d+)(/\d+)?", field):
            low, high = (int(first) % 7, int(last) % 7) if index == 4 else (int(first), int(last))
            assert low != high  # no equal range
            if step:  # no step over a wrap-around range
                assert low < high or (index == 4 and int(last) == 7)
        assert field == "*" or "*" not in field.split(",")  # no * item in a list
        if index in (2, 4):  # */n items lead the day fields
            stars = [item.startswith("*") for item in field.split(",")]
            assert stars == sorted(stars, reverse=True)


@given(cron_expressions(wrap_around=False, names=False, macros=False, year=False))
def test_no_wrap_around(expr: str) -> None:
    for field in expr.split():
        for first, last in re.findall(r"(\d+)-(\d+)", field):
            assert int(first) <= int(last) or (int(first) == 7 and field == expr.split()[4])


def test_expression_draws_cover_the_grammar() -> None:
    patterns = [
        r"^@[a-z]+$",  # a macro
        r"[a-z]{3}-",  # a name in a range
        r"#",
        r"\t",
        r"(^|[ ,\t])\d+/\d+",  # a/n
        r"\d+-\d+/\d+",  # a-b/n
        r"\*/\d+",
        r"^\S+ \S+ \S+ \S+ \S+ \S+$",  # a year field
    ]
    for pattern in patterns:

        def matches(e: str, p: str = pattern) -> bool:
            return re.search(p, e) is not None

        find(
            cron_expressions(),
            matches,
            settings=FIND_SETTINGS,
        )
    find(cron_expressions(dialect="kubernetes"), lambda e: "?" in e, settings=FIND_SETTINGS)


@given(cron_expressions(names=False, macros=False, allow_or=True))
def test_no_descending_range_and_no_question_mark_in_cron(expr: str) -> None:
    # cronie reads no value from 22-2 and has no '?'.
    ranges = re.findall(r"(\d+)-(\d+)", expr)
    assert all(int(low) <= int(high) for low, high in ranges)
    assert "?" not in expr


def test_allow_or_draws_the_or_case() -> None:
    find(
        cron_expressions(allow_or=True),
        lambda e: len(schedules_from_cron(e, dialect="cron")) == 2,
        settings=FIND_SETTINGS,
    )


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"year_bounds": (1960, 2000)}, "year_bounds"),
        ({"year_bounds": (2030, 2020)}, "year_bounds"),
        ({"year_bounds": (2100, 2200), "croniter_compatible": True}, "2099"),
    ],
)
def test_bad_expression_options(options: dict[str, object], fragment: str) -> None:
    strategy = cron_expressions(**options)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=fragment):
        strategy.validate()  # on first use, as Hypothesis's own strategies

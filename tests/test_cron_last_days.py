"""Quartz/Spring/AWS day tokens (L, L-n, LW, nW, DL, L, D#n) against a day-by-day reference.

`reference_days` is written from the systems' documentation, apart from the converter:
for one month it walks the days and asks of each "is this the last day?", "is this the
last weekday?", "is this the weekday nearest to day n, within the month?", "is the same
weekday a week later in the next month?", and so on.
"""

from __future__ import annotations

import calendar
import itertools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from altcraft_schedule import (
    CronConversionError,
    InvalidArgumentError,
    StartSchedule,
    schedule_from_cron,
    schedules_from_cron,
    validate_cron,
)
from reference import wall_matches

S = StartSchedule
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
# Which tokens each system documents (Quartz tutorial, Spring CronExpression javadoc,
# AWS EventBridge cron reference).
SUPPORTED = {
    "quartz": {"L", "L-n", "LW", "nW", "DL", "L-dow", "#"},
    "spring": {"L", "L-n", "LW", "nW", "DL", "#"},
    "aws": {"L", "nW", "DL", "L-dow", "#"},
}


def month_days(year: int, month: int) -> list[date]:
    return [date(year, month, day) for day in range(1, calendar.monthrange(year, month)[1] + 1)]


def is_weekday(day: date) -> bool:
    return day.isoweekday() <= 5


def reference_days(kind: str, argument: int, year: int, month: int) -> set[int]:
    """The days of ``year``-``month`` a day token selects (weekday ``argument``: 0 = Sunday)."""
    days = month_days(year, month)
    if kind == "L":
        return {days[-1].day}
    if kind == "L-n":
        return {days[-1].day - argument}
    if kind == "LW":
        return {max(day.day for day in days if is_weekday(day))}
    if kind == "nW":  # the weekday with the least distance to day n, within the month
        return {
            min((day for day in days if is_weekday(day)), key=lambda d: abs(d.day - argument)).day
        }
    same_weekday = [day for day in days if day.isoweekday() % 7 == argument]
    if kind == "DL":
        return {day.day for day in same_weekday if (day + timedelta(days=7)).month != month}
    if kind == "L-dow":
        return {day.day for day in days if day.isoweekday() == 6}
    if kind.startswith("#"):
        nth = int(kind[1:])
        return {same_weekday[nth - 1].day} if len(same_weekday) >= nth else set()
    raise AssertionError(kind)


def token_text(kind: str, argument: int, dialect: str, spelled: int) -> str:
    """The token in the dialect's own syntax (weekdays 1 = Sunday in Quartz and AWS)."""
    number = argument + 1 if dialect in ("quartz", "aws") else argument
    weekday = DAYS[argument % 7] if spelled else str(number)
    return {
        "L": "L",
        "L-n": f"L-{argument}",
        "LW": "LW",
        "nW": f"{argument}W",
        "DL": f"{weekday}L",
        "L-dow": "L",
    }.get(kind) or f"{weekday}#{kind[1:]}"


IN_MDAYS = {"L", "L-n", "LW", "nW"}
KINDS = st.sampled_from(["L", "L-n", "LW", "nW", "DL", "L-dow", "#1", "#2", "#4", "#5"])


@st.composite
def day_expressions(draw: st.DrawFn) -> tuple[str, str, str, int, list[int], set[int]]:
    """(dialect, expression, kind, argument, months, spring's other-field weekdays)."""
    dialect = draw(st.sampled_from(sorted(SUPPORTED)))
    kind = draw(KINDS)
    argument = draw(st.integers(1, 27)) if kind in ("L-n", "nW") else draw(st.integers(0, 6))
    token = token_text(kind, argument, dialect, draw(st.integers(0, 1)))
    months = draw(st.sampled_from([[], [2], [1, 2, 4], [4, 6, 9, 11], [12]]))
    month_text = ",".join(map(str, months)) or "*"
    other, other_days = "?", set(range(7)) if kind in IN_MDAYS else set(range(1, 32))
    if dialect == "spring" and not kind.startswith("#") and draw(st.booleans()):
        # Spring reads AND: restrict the other day field too
        if kind in IN_MDAYS:
            other, other_days = "MON-FRI", {1, 2, 3, 4, 5}
        else:
            other, other_days = "20-31", set(range(20, 32))
    mday, wday = (token, other) if kind in IN_MDAYS else (other, token)
    body = f"30 9 {mday} {month_text} {wday}"
    expr = {"quartz": f"0 {body}", "spring": f"0 {body}", "aws": f"cron({body} *)"}[dialect]
    return dialect, expr, kind, argument, months, other_days


def runs_day(schedules: tuple[StartSchedule, ...], day: date) -> bool:
    return any(wall_matches(s, datetime(day.year, day.month, day.day, 9, 30)) for s in schedules)


HORIZONS = st.one_of(
    st.lists(st.integers(2019, 2033), min_size=1, max_size=3),
    st.integers(2019, 2031).map(lambda first: range(first, first + 2)),
)


@settings(max_examples=max(200, settings().max_examples // 2), deadline=None)
@given(day_expressions(), HORIZONS)
def test_day_tokens_convert_to_exactly_the_reference_days(
    case: tuple[str, str, str, int, list[int], set[int]], years: list[int] | range
) -> None:
    dialect, expr, kind, argument, months, other_days = case
    token_kind = "#" if kind.startswith("#") else kind
    try:
        schedules = schedules_from_cron(expr, dialect, years=years)  # type: ignore[arg-type]
    except CronConversionError as error:
        assert token_kind not in SUPPORTED[dialect], (expr, error)
        return
    assert token_kind in SUPPORTED[dialect], expr
    assert all(s.mins == (30,) and s.hours == (9,) for s in schedules)
    for year in sorted(set(years)):
        for month in range(1, 13):
            chosen = (
                reference_days(kind, argument, year, month)
                if month in months or not months
                else set()
            )
            for day in month_days(year, month):
                other = (day.isoweekday() % 7) if kind in IN_MDAYS else day.day
                expected = day.day in chosen and other in other_days
                assert runs_day(schedules, day) == expected, (expr, years, day)
    outside = date(max(years) + 1, 1, 31)
    assert not runs_day(schedules, outside)  # nothing outside the horizon
    try:
        automatic = schedules_from_cron(expr, years=years)
    except CronConversionError:
        return  # auto may refuse (Quartz's 1 = Sunday against Spring's 1 = Monday)
    assert set(automatic) == set(schedules)


@pytest.mark.parametrize(
    ("dialect", "expr"),
    [
        ("quartz", "0 0 12 L * ?"),
        ("quartz", "0 0 12 L-3 * ?"),
        ("quartz", "0 0 12 LW * ?"),
        ("quartz", "0 0 12 ? * 6L"),
        ("spring", "0 0 12 L * *"),
        ("spring", "0 0 12 * * FRIL"),
        ("aws", "cron(0 12 L * ? *)"),
        ("aws", "cron(0 12 ? * 6L *)"),
        ("auto", "0 0 12 L * ?"),
        ("auto", "cron(0 12 L * ? *)"),
    ],
)
def test_last_days_without_years_are_refused_naming_years(dialect: str, expr: str) -> None:
    with pytest.raises(CronConversionError, match="years=") as info:
        schedules_from_cron(expr, dialect)  # type: ignore[arg-type]
    assert info.value.token in ("L", "L-3", "LW", "6L", "FRIL")
    problems = validate_cron(expr, dialect)  # type: ignore[arg-type]
    assert problems and "years=" in problems[0].why
    assert validate_cron(expr, dialect, years=[2026]) == []  # type: ignore[arg-type]


def test_nearest_weekday_converts_without_years() -> None:
    weekdays = (1, 2, 3, 4, 5)
    assert set(schedules_from_cron("0 0 9 15W * ?", "quartz")) == {
        S(mins=[0], hours=[9], mdays=[15], wdays=weekdays),
        S(mins=[0], hours=[9], mdays=[14], wdays=[5]),
        S(mins=[0], hours=[9], mdays=[16], wdays=[1]),
    }
    assert set(schedules_from_cron("cron(0 9 1W * ? *)")) == {  # a Saturday 1st: Monday the 3rd
        S(mins=[0], hours=[9], mdays=[1], wdays=weekdays),
        S(mins=[0], hours=[9], mdays=[3], wdays=[1]),
        S(mins=[0], hours=[9], mdays=[2], wdays=[1]),
    }


def test_last_day_of_month_is_one_schedule_per_month_length() -> None:
    assert schedules_from_cron("0 0 9 L * ?", "quartz", years=range(2027, 2029)) == (
        S(mins=[0], hours=[9], mdays=[31], months=[1, 3, 5, 7, 8, 10, 12], years=[2027, 2028]),
        S(mins=[0], hours=[9], mdays=[30], months=[4, 6, 9, 11], years=[2027, 2028]),
        S(mins=[0], hours=[9], mdays=[29], months=[2], years=[2028]),
        S(mins=[0], hours=[9], mdays=[28], months=[2], years=[2027]),
    )
    assert StartSchedule.from_cron("0 0 9 L 1 ?", "quartz", years=[2026]) == S(
        mins=[0], hours=[9], mdays=[31], months=[1], years=[2026]
    )
    with pytest.raises(CronConversionError, match="schedules_from_cron"):
        schedule_from_cron("0 0 9 L * ?", "quartz", years=[2026])


def test_quartz_year_field_meets_the_horizon() -> None:
    assert schedules_from_cron("0 0 9 L 2 ? 2024-2030", "quartz", years=range(2028, 2040)) == (
        S(mins=[0], hours=[9], mdays=[29], months=[2], years=[2028]),
        S(mins=[0], hours=[9], mdays=[28], months=[2], years=[2029, 2030]),
    )
    with pytest.raises(InvalidArgumentError, match="years") as info:
        schedules_from_cron("0 0 9 L * ? 2030", "quartz", years=[2026])
    assert info.value.field == "years"


def test_years_bound_any_expression() -> None:
    assert schedule_from_cron("0 9 * * *", years=range(2026, 2028)) == S(
        mins=[0], hours=[9], years=[2026, 2027]
    )


@pytest.mark.parametrize(
    ("years", "fragment"),
    [
        ("2026", "not a range or list"),
        (2026, "not a range or list"),
        ([], "is empty"),
        ([1969], "not a year"),
        ([2026, True], "not a year"),
        (range(2020, 10001), "not a year"),
        (itertools.count(2000), "more than"),
    ],
)
def test_bad_years_raise_naming_years(years: object, fragment: str) -> None:
    with pytest.raises(InvalidArgumentError, match=fragment) as info:
        schedules_from_cron("0 0 9 L * ?", "quartz", years=years)  # type: ignore[arg-type]
    assert info.value.field == "years"
    assert str(info.value).startswith("years: ")


@pytest.mark.parametrize(
    ("dialect", "expr", "fragment"),
    [
        ("cron", "0 9 L * *", "dialect= and years="),
        ("cron", "0 9 LW * *", "years="),
        ("cron", "0 9 15W * *", "dialect="),
        ("quartz", "0 0 9 L,15 * ?", "alone"),
        ("spring", "0 0 9 * * L", "not part of Spring"),
        ("aws", "cron(0 9 L-2 * ? *)", "not part of AWS"),
        ("aws", "cron(0 9 LW * ? *)", "not part of AWS"),
        ("quartz", "0 0 9 28W * ?", "1-27"),
        ("quartz", "0 0 9 L-28 * ?", "1-27"),
        ("spring", "0 0 9 L-0 * *", "1-27"),
        ("quartz", "0 0 9 L-X * ?", "day tokens"),
        ("quartz", "0 0 9 ? * XL", "DL"),
        ("spring", "0 0 9 L * 5L", "at most one day field"),
        ("spring", "0 0 9 1 * 5L", "never falls"),
    ],
)
def test_day_token_refusals(dialect: str, expr: str, fragment: str) -> None:
    with pytest.raises(CronConversionError, match=fragment):
        schedules_from_cron(expr, dialect, years=[2026])  # type: ignore[arg-type]


def test_last_day_of_the_week_is_saturday_in_quartz() -> None:
    assert schedule_from_cron("0 0 9 ? * L", "quartz") == S(mins=[0], hours=[9], wdays=[6])


def test_spring_reads_and_with_the_other_day_field() -> None:
    long_months, short_months = [1, 3, 5, 7, 8, 10, 12], [4, 6, 9, 11]
    assert schedules_from_cron("0 0 9 LW * MON-THU", "spring", years=[2026]) == tuple(
        S(mins=[0], hours=[9], mdays=[day], wdays=[1, 2, 3, 4], months=months, years=[2026])
        for day, months in ((31, long_months), (30, short_months), (28, [2]))
    )


@pytest.mark.parametrize(
    ("expr", "wdays"),
    [
        ("0 0 9 * * */2", [1, 3, 5, 0]),  # java.time's week: 1 = Monday ... 7 = Sunday
        ("0 0 9 * * 1/2", [1, 3, 5, 0]),
        ("0 0 9 * * 5/1", [5, 6, 0]),
        ("0 0 9 * * TUE-SUN", [2, 3, 4, 5, 6, 0]),
        ("0 0 9 * * 0-6/2", [0, 2, 4, 6]),
    ],
)
def test_spring_weekday_steps_run_to_sunday(expr: str, wdays: list[int]) -> None:
    assert schedule_from_cron(expr, "spring") == S(mins=[0], hours=[9], wdays=wdays)


def test_spring_writes_no_weekday_step_that_starts_on_monday() -> None:
    schedule = S(mins=[0], hours=[9], wdays=[0, 2, 4, 6])
    assert schedule.to_cron("spring") == "0 0 9 * * 0-6/2"
    assert StartSchedule.from_cron(schedule.to_cron("spring"), "spring") == schedule


def test_aws_years_end_in_2199() -> None:
    with pytest.raises(CronConversionError, match="2199"):
        schedules_from_cron("cron(0 9 1 1 ? 2020/50)", "aws")
    with pytest.raises(CronConversionError, match="2199"):
        S(mins=[0], hours=[9], years=[2200]).to_cron("aws")

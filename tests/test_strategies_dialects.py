"""cron_expressions(dialect=...), force_or and invalid_cron_expressions().

Drawn expressions are checked against the converter in their own dialect, against `auto`,
and against `own_matches`, a reading of each system's rules written here from their
documentation (field sets from test_dialects_reference.field_values; the day rule of
each system), apart from both the strategy and the converter.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from altcraft_schedule import CronConversionError, StartSchedule, schedules_from_cron
from altcraft_schedule.strategies import (
    CronDialect,
    cron_expressions,
    invalid_cron_expressions,
    start_schedules,
)
from reference import wall_matches
from test_dialects_reference import LAYOUTS, field_values

DIALECTS: list[CronDialect] = ["auto", "cron", "kubernetes", "quartz", "spring", "aws"]
START = datetime(2030, 1, 1)
OFFSETS = st.lists(st.integers(0, 366 * 24 * 60 - 1), min_size=60, max_size=60)
# A fifth of the profile's examples per dialect (40 in CI, 600 with the thorough profile).
FEW = settings(
    max_examples=settings().max_examples // 5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# Built once: a strategy built inside a test body would be rebuilt for every example.
DRAWN = {d: cron_expressions(dialect=d, allow_or=True) for d in DIALECTS}
PLAIN = {
    d: cron_expressions(
        dialect=d,
        allow_or=True,
        macros=False,
        nth_weekday=False,
        nearest_weekday=False,
    )
    for d in DIALECTS
}
OR_DIALECTS: list[CronDialect] = ["auto", "cron", "kubernetes"]
FORCED = {d: cron_expressions(dialect=d, force_or=True) for d in OR_DIALECTS}
INVALID = {d: invalid_cron_expressions(dialect=d) for d in DIALECTS}


def runs_at(schedules: tuple[StartSchedule, ...], wall: datetime) -> bool:
    return any(wall_matches(schedule, wall) for schedule in schedules)


def robfig_star(text: str) -> bool:
    """robfig/cron's star bit: an item '*' or '?' whose step is 1 or absent."""
    for item in text.split(","):
        base, _, step = item.partition("/")
        if base in ("*", "?") and step in ("", "1"):
            return True
    return False


DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
# dialect -> (the number of Sunday in names, the range '*' and 'a/n' run over)
WEEKS = {"spring": (7, 1, 7), "kubernetes": (0, 0, 6)}


def own_weekdays(text: str, dialect: str) -> set[int]:
    """Day-of-week of Spring (java.time: 1 = Monday ... 7 = Sunday, 0 also Sunday; '*'
    and 'a/n' run 1-7; a range from 7 starts at 0, so 7-7 is every day) or robfig/cron
    (0-6), as 0 = Sunday."""
    sunday, low, high = WEEKS[dialect]

    def number(token: str) -> int:
        if token.upper() in DAY_NAMES:
            return DAY_NAMES.index(token.upper()) or sunday
        return int(token)

    values: set[int] = set()
    for item in text.split(","):
        base, _, step = item.partition("/")
        if base in ("*", "?"):
            start, end = low, high
        elif "-" in base:
            start, end = (number(part) for part in base.split("-"))
            if dialect == "spring" and start == 7:  # parseRange: "Sunday means 0 (not 7)"
                start = 0
        else:
            start = number(base)
            end = high if step else start
        values.update(range(start, end + 1, int(step or 1)))
    return {value % 7 for value in values}


def own_matches(expr: str, dialect: str, wall: datetime) -> bool:
    """Whether the system ``dialect`` runs ``expr`` at the wall minute ``wall``."""
    layout, sunday = LAYOUTS[dialect]
    parts = expr.removeprefix("cron(").removesuffix(")").split()
    if len(parts) == len(layout) + 1:
        layout = [*layout, "year"]
    fields = dict(zip(layout, parts, strict=True))
    actual = {"second": 0, "minute": wall.minute, "hour": wall.hour, "mday": wall.day,
              "month": wall.month, "year": wall.year, "wday": wall.isoweekday() % 7}  # fmt: skip
    hits = {name: actual[name] in field_values(text, name, sunday) for name, text in fields.items()}
    if dialect in WEEKS:
        hits["wday"] = actual["wday"] in own_weekdays(fields["wday"], dialect)
    mday, wday = hits.pop("mday"), hits.pop("wday")
    if not all(hits.values()):
        return False
    if dialect == "kubernetes" and not (robfig_star(fields["mday"]) or robfig_star(fields["wday"])):
        return mday or wday
    return mday and wday  # Spring, Quartz and AWS: AND


@pytest.mark.parametrize("dialect", DIALECTS)
@FEW
@given(data=st.data())
def test_drawn_expressions_convert_and_auto_never_disagrees(
    dialect: CronDialect, data: st.DataObject
) -> None:
    expr = data.draw(DRAWN[dialect])
    own = schedules_from_cron(expr, dialect)
    try:
        automatic = schedules_from_cron(expr)
    except CronConversionError:
        return  # auto may refuse a string other systems read otherwise
    for offset in data.draw(OFFSETS):
        wall = START + timedelta(minutes=offset)
        assert runs_at(automatic, wall) == runs_at(own, wall), (expr, wall)


@pytest.mark.parametrize("dialect", ["kubernetes", "quartz", "spring", "aws"])
@FEW
@given(data=st.data())
def test_drawn_expressions_mean_what_their_system_reads(
    dialect: CronDialect, data: st.DataObject
) -> None:
    expr = data.draw(PLAIN[dialect])
    schedules = schedules_from_cron(expr, dialect)
    for offset in data.draw(OFFSETS):
        wall = START + timedelta(minutes=offset)
        assert runs_at(schedules, wall) == own_matches(expr, dialect, wall), (expr, wall)


@FEW
@given(
    quartz=cron_expressions(dialect="quartz", macros=False),
    aws=cron_expressions(dialect="aws"),
    spring=cron_expressions(dialect="spring", macros=False),
    kubernetes=cron_expressions(dialect="kubernetes", macros=False),
)
def test_each_dialect_writes_its_own_layout(
    quartz: str, aws: str, spring: str, kubernetes: str
) -> None:
    fields = quartz.split()
    assert len(fields) in (6, 7) and fields[0] == "0"
    assert (fields[3] == "?") != (fields[5] == "?")
    assert aws.startswith("cron(") and aws.endswith(")") and len(aws[5:-1].split()) == 6
    assert "*/" not in aws  # EventBridge documents a/n steps
    spring_fields = spring.split()
    assert len(spring_fields) == 6 and spring_fields[0] == "0"
    assert len(kubernetes.split()) == 5 and "#" not in kubernetes


def test_one_is_sunday_in_quartz_and_aws() -> None:
    # A drawn weekday number n is read as n - 1 (0 = Sunday) in both.
    @settings(max_examples=40, deadline=None)
    @given(st.integers(1, 7), st.sampled_from(["quartz", "aws"]))
    def check(day: int, dialect: str) -> None:
        expr = f"0 0 9 ? * {day}" if dialect == "quartz" else f"cron(0 9 ? * {day} *)"
        assert schedules_from_cron(expr, dialect)[0].wdays == (day - 1,)  # type: ignore[arg-type]

    check()


@pytest.mark.parametrize("dialect", ["auto", "cron", "kubernetes"])
@FEW
@given(data=st.data())
def test_force_or_draws_the_or_case(dialect: CronDialect, data: st.DataObject) -> None:
    expr = data.draw(FORCED[dialect])
    assert len(schedules_from_cron(expr, dialect)) == 2


@pytest.mark.parametrize("dialect", DIALECTS)
@FEW
@given(data=st.data())
def test_invalid_expressions_are_refused(dialect: CronDialect, data: st.DataObject) -> None:
    expr = data.draw(INVALID[dialect])
    with pytest.raises(CronConversionError):
        schedules_from_cron(expr, dialect)


ROUND_TRIP_YEARS = {
    "cron": None,
    "kubernetes": (),
    "spring": (),
    "quartz": st.lists(st.integers(1970, 2099), max_size=4),
    "aws": st.lists(st.integers(1970, 2199), max_size=4),
}


@pytest.mark.parametrize("dialect", sorted(ROUND_TRIP_YEARS))
@FEW
@given(data=st.data())
def test_round_trip_in_every_dialect(dialect: str, data: st.DataObject) -> None:
    years = ROUND_TRIP_YEARS[dialect]
    options = {} if years is None else {"years": years}
    schedule = data.draw(
        start_schedules(cron_compatible=True, tz=None, profile=None, losers=None, **options)  # type: ignore[arg-type]
    )
    text = schedule.to_cron(dialect)  # type: ignore[arg-type]
    assert StartSchedule.from_cron(text, dialect) == schedule  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"year_bounds": (2030,)}, "year_bounds"),
        ({"year_bounds": "2030-2040"}, "year_bounds"),
        ({"year_bounds": (2030.0, 2040)}, "year_bounds"),
        ({"year_bounds": (2040, 2030)}, "year_bounds"),
        ({"year_bounds": (2100, 2200), "dialect": "quartz"}, "year_bounds"),
        ({"dialect": "vixie"}, "dialect"),
        ({"force_or": True, "dialect": "quartz"}, "force_or"),
        ({"force_or": True, "allow_or": False}, "force_or"),
        ({"croniter_compatible": True, "dialect": "spring"}, "croniter_compatible"),
        ({"year": True, "dialect": "kubernetes"}, "year"),
        ({"macros": "yes"}, "macros"),
        ({"allow_or": "no"}, "allow_or"),
        ({"wrap_around": True}, "wrap_around"),
    ],
)
def test_bad_options_raise_invalid_argument_on_first_use(
    options: dict[str, object], option: str
) -> None:
    strategy = cron_expressions(**options)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match=f"cron_expressions: {option}:") as info:
        strategy.validate()
    assert getattr(info.value, "field", None) == option


def test_bad_dialect_of_invalid_expressions() -> None:
    with pytest.raises(InvalidArgument, match="invalid_cron_expressions: dialect"):
        invalid_cron_expressions(dialect="unix").validate()  # type: ignore[arg-type]


@FEW
@given(cron_expressions(dialect="aws", year=False), cron_expressions(dialect="quartz", year=True))
def test_year_option_per_dialect(aws: str, quartz: str) -> None:
    assert aws[5:-1].split()[5] == "*"
    assert len(quartz.split()) == 7

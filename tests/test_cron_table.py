"""Hand-written cron expressions with their expected schedules, unions or refusals."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from altcraft_schedule._cron import schedule_from_cron as read_one
from altcraft_schedule._cron import schedule_to_cron
from altcraft_schedule._cron import schedules_from_cron as read_union
from altcraft_schedule._errors import CronConversionError, InvalidArgumentError
from altcraft_schedule._schedule import StartSchedule

# These tests pin the cron dialect (5 fields, or 6 with a trailing year); `auto`, which
# refuses 6-field strings whose readings differ, is tested in test_dialects.py.


def schedule_from_cron(expr: str) -> StartSchedule:
    return read_one(expr, dialect="cron")


def schedules_from_cron(expr: str) -> tuple[StartSchedule, ...]:
    return read_union(expr, dialect="cron")


def from_cron(expr: str) -> StartSchedule:
    return StartSchedule.from_cron(expr, dialect="cron")


S = StartSchedule
EVERY_MINUTE = tuple(range(60))
ALL_MDAYS = tuple(range(1, 32))


def new_year(years: Iterable[int] = ()) -> StartSchedule:
    """00:00 on 1 January of ``years``."""
    return S(mins=[0], hours=[0], mdays=[1], months=[1], years=years)


ACCEPTED: list[tuple[str, StartSchedule]] = [
    # plain fields
    ("* * * * *", S()),
    ("*/5 * * * *", S(mins=range(0, 60, 5))),
    ("0 9 * * 1-5", S(mins=[0], hours=[9], wdays=[1, 2, 3, 4, 5])),
    ("30 2 29 2 *", S(mins=[30], hours=[2], mdays=[29], months=[2])),
    ("0 0 1 1 *", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    (
        "0,30 8-18/2 * JAN-MAR,OCT MON-FRI",
        S(mins=[0, 30], hours=[8, 10, 12, 14, 16, 18], months=[1, 2, 3, 10], wdays=[1, 2, 3, 4, 5]),
    ),
    ("1,2,3 * * * *", S(mins=[1, 2, 3])),
    ("00 09 * * 01", S(mins=[0], hours=[9], wdays=[1])),
    ("0 0 31 2 *", S(mins=[0], hours=[0], mdays=[31], months=[2])),  # valid, never runs
    # day-of-week: names, 7 = Sunday, ranges through 7
    ("0 0 * * 0", S(mins=[0], hours=[0], wdays=[0])),
    ("0 0 * * 7", S(mins=[0], hours=[0], wdays=[0])),
    ("0 0 * * SUN", S(mins=[0], hours=[0], wdays=[0])),
    ("0 0 * * sun,Sat", S(mins=[0], hours=[0], wdays=[0, 6])),
    ("0 0 * * mOn-fRi", S(mins=[0], hours=[0], wdays=[1, 2, 3, 4, 5])),
    ("0 0 * * 5-7", S(mins=[0], hours=[0], wdays=[0, 5, 6])),
    ("0 0 * * 0-7", S(mins=[0], hours=[0], wdays=range(7))),
    ("0 0 * * 7-7", S(mins=[0], hours=[0], wdays=[0])),
    ("0 0 * * 1-7/2", S(mins=[0], hours=[0], wdays=[0, 1, 3, 5])),
    ("0 0 * * */2", S(mins=[0], hours=[0], wdays=[0, 2, 4, 6])),
    ("0 0 * * 1/2", S(mins=[0], hours=[0], wdays=[1, 3, 5])),  # a/n runs to Saturday
    ("0 0 * * 7/2", S(mins=[0], hours=[0], wdays=[0, 2, 4, 6])),
    # equal ranges are one value (croniter reads 5-5 as the whole field)
    ("5-5 * * * *", S(mins=[5])),
    ("0 0 1 jan-jan *", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    # steps
    ("10/15 * * * *", S(mins=[10, 25, 40, 55])),
    ("59/15 * * * *", S(mins=[59])),
    ("*/60 * * * *", S(mins=[0])),
    ("0 0 */10 * *", S(mins=[0], hours=[0], mdays=[1, 11, 21, 31])),
    ("0 0 1 */4 *", S(mins=[0], hours=[0], mdays=[1], months=[1, 5, 9])),
    # "every value": *, */1 and ? are empty; an explicit full list stays a full list
    ("*/1 * * * *", S()),
    ("0-59 * * * *", S(mins=EVERY_MINUTE)),
    ("*,5 * * * *", S(mins=EVERY_MINUTE)),
    ("0 0-23 * * *", S(mins=[0], hours=range(24))),
    # D#n: the n-th weekday of the month
    ("0 12 * * MON#2", S(mins=[0], hours=[12], mdays=range(8, 15), wdays=[1])),
    ("0 12 * * fri#5", S(mins=[0], hours=[12], mdays=[29, 30, 31], wdays=[5])),
    ("0 12 * * 7#1", S(mins=[0], hours=[12], mdays=range(1, 8), wdays=[0])),
    ("0 12 * * 0#4", S(mins=[0], hours=[12], mdays=range(22, 29), wdays=[0])),
    # macros (cronie matches them exactly, in lower case)
    ("@yearly", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@annually", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@monthly", S(mins=[0], hours=[0], mdays=[1])),
    ("@weekly", S(mins=[0], hours=[0], wdays=[0])),
    ("@daily", S(mins=[0], hours=[0])),
    ("@midnight", S(mins=[0], hours=[0])),
    ("@hourly", S(mins=[0])),
    # the year field
    ("0 0 1 1 * 2030", S(mins=[0], hours=[0], mdays=[1], months=[1], years=[2030])),
    (
        "0 0 1 1 * 2025-2027",
        S(mins=[0], hours=[0], mdays=[1], months=[1], years=[2025, 2026, 2027]),
    ),
    (
        "0 0 1 1 * */100",
        S(mins=[0], hours=[0], mdays=[1], months=[1], years=range(1970, 10000, 100)),
    ),
    (
        "0 0 1 1 * 2030/10",
        S(mins=[0], hours=[0], mdays=[1], months=[1], years=range(2030, 10000, 10)),
    ),
    (
        "0 0 1 1 * 2024,2028-2036/4",
        S(mins=[0], hours=[0], mdays=[1], months=[1], years=[2024, 2028, 2032, 2036]),
    ),
    ("0 0 1 1 * *", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("0 0 12 * * 9999", S(mins=[0], hours=[0], mdays=[12], years=[9999])),
    # the day rule: AND when either day field starts with * (Vixie), or one side is full
    ("0 0 */2 * MON", S(mins=[0], hours=[0], mdays=range(1, 32, 2), wdays=[1])),
    ("0 0 15 * */3", S(mins=[0], hours=[0], mdays=[15], wdays=[0, 3, 6])),
    ("0 0 *,15 * MON", S(mins=[0], hours=[0], mdays=ALL_MDAYS, wdays=[1])),
    ("0 0 1-31 * MON", S(mins=[0], hours=[0], mdays=ALL_MDAYS)),  # OR with every day
    ("0 0 15 * 0-6", S(mins=[0], hours=[0], wdays=range(7))),
    # Vixie looks at the first character only (croniter: AND, the 1st / 10th and */4 only)
    ("0 0 1 * 0,*", S(mins=[0], hours=[0], wdays=range(7))),
    ("0 0 10,*/4 * 0-6", S(mins=[0], hours=[0], wdays=range(7))),
    # whitespace
    ("0\t0  * *\t*", S(mins=[0], hours=[0])),
    ("  0 0 * * *\n", S(mins=[0], hours=[0])),
]

OR_CASES: list[tuple[str, tuple[StartSchedule, ...]]] = [
    (
        "0 9 1,15 * MON",
        (S(mins=[0], hours=[9], mdays=[1, 15]), S(mins=[0], hours=[9], wdays=[1])),
    ),
    (
        "0 0 1 * 1-5",
        (S(mins=[0], hours=[0], mdays=[1]), S(mins=[0], hours=[0], wdays=range(1, 6))),
    ),
    ("0 0 13 * FRI", (S(mins=[0], hours=[0], mdays=[13]), S(mins=[0], hours=[0], wdays=[5]))),
    (
        "30 6 1-7 JUN MON 2030",
        (
            S(mins=[30], hours=[6], mdays=range(1, 8), months=[6], years=[2030]),
            S(mins=[30], hours=[6], wdays=[1], months=[6], years=[2030]),
        ),
    ),
]

# (expression, field named in the message or None, token named, part of the reason)
REFUSED: list[tuple[str, str | None, str, str]] = [
    ("0 9 L * *", "day-of-month", "L", "last"),
    ("0 9 L-2 * *", "day-of-month", "L-2", "last"),
    ("0 9 * * 5L", "day-of-week", "5L", "last"),
    ("0 9 15W * *", "day-of-month", "15W", "nearest weekday"),
    ("0 9 W * *", "day-of-month", "W", "nearest weekday"),
    ("0 9 LW * *", "day-of-month", "LW", "last weekday"),
    ("H * * * *", "minute", "H", "hashed"),
    ("H/5 * * * *", "minute", "H/5", "hashed"),
    ("0 H(0-3) * * *", "hour", "H(0-3)", "hashed"),
    ("@reboot", None, "@reboot", "boot"),
    ("@every", None, "@every", "not a known macro"),
    ("@daily 5", None, "@daily", "stand alone"),
    ("0 0 12 * * ?", "year", "?", "seconds"),
    ("0 30 9 * * MON", "year", "MON", "seconds"),
    ("0 0 12 1 * 5", "year", "5", "seconds"),
    ("0 0 0 12 * * 2025", None, "0 0 0 12 * * 2025", "7 fields"),
    ("0 0 0 0 0 0 0 0", None, "0 0 0 0 0 0 0 0", "8 fields"),
    ("* * * *", None, "* * * *", "4 fields"),
    ("", None, "", "0 fields"),
    ("60 * * * *", "minute", "60", "out of range"),
    ("* 24 * * *", "hour", "24", "out of range"),
    ("* * 0 * *", "day-of-month", "0", "out of range"),
    ("* * 32 * *", "day-of-month", "32", "out of range"),
    ("* * * 13 *", "month", "13", "out of range"),
    ("* * * 0 *", "month", "0", "out of range"),
    ("* * * * 8", "day-of-week", "8", "out of range"),
    ("* * * * * 1969", "year", "1969", "out of range"),
    ("* * * * * 10000", "year", "10000", "out of range"),
    ("0 70 * * * 2025", "hour", "70", "out of range"),
    ("*/0 * * * *", "minute", "*/0", "step of 0"),
    ("0-30/0 * * * *", "minute", "0-30/0", "step of 0"),
    ("*/61 * * * *", "minute", "*/61", "larger than the field"),
    ("*/x * * * *", "minute", "*/x", "not a positive integer"),
    ("*/-1 * * * *", "minute", "*/-1", "not a positive integer"),
    ("1,,2 * * * *", "minute", "", "empty list item"),
    ("1, * * * *", "minute", "", "empty list item"),
    (",1 * * * *", "minute", "", "empty list item"),
    ("1- * * * *", "minute", "1-", "empty value"),
    ("-5 * * * *", "minute", "-5", "empty value"),
    ("five * * * *", "minute", "five", "not a number or a name"),
    ("1.5 * * * *", "minute", "1.5", "not a number or a name"),
    ("\u0663 * * * *", "minute", "\u0663", "not a number or a name"),
    ("0 9 * MON *", "month", "MON", "day-of-week name"),
    ("0 9 * * JAN", "day-of-week", "JAN", "month name"),
    ("? * * * *", "minute", "?", "'?'"),
    ("0 0 * * ?,1", "day-of-week", "?", "'?'"),
    ("0 0 * * * 2030-2025", "year", "2030-2025", "do not wrap"),
    # crontab(5): "The first number must be less than or equal to the second one"; cronie
    # sets no value from a descending range (the job never runs), so it has no schedule
    ("0 0 * * FRI-MON", "day-of-week", "FRI-MON", "descending range"),
    ("0 0 * * 7-2", "day-of-week", "7-2", "descending range"),
    ("0 0 * * SAT-MON/2", "day-of-week", "SAT-MON/2", "descending range"),
    ("* 22-2 * * *", "hour", "22-2", "descending range"),
    ("50-10/7 * * * *", "minute", "50-10/7", "descending range"),
    ("0 0 28-3 * *", "day-of-month", "28-3", "descending range"),
    ("0 0 1 NOV-FEB *", "month", "NOV-FEB", "descending range"),
    ("0 0 1 2-1 *", "month", "2-1", "descending range"),
    # no '?' in crontab(5) (robfig/cron's synonym of '*': the kubernetes dialect)
    ("0 12 ? * ?", "day-of-month", "?", "cron does not read"),
    ("0 0 15 * ?", "day-of-week", "?", "cron does not read"),
    # cronie compares macros exactly
    ("@DAILY", None, "@DAILY", "lower case only"),
    ("@Hourly", None, "@Hourly", "lower case only"),
    ("0 0 1#2 * *", "day-of-month", "1#2", "'#'"),
    ("0 0 * * 1 2025#1", "year", "2025#1", "'#'"),
    ("0 9 1 * MON#2", "day-of-week", "MON#2", "day-of-month '*' or '?'"),
    ("0 9 */2 * MON#2", "day-of-week", "MON#2", "day-of-month '*' or '?'"),
    ("0 9 * * MON#2,FRI", "day-of-week", "MON#2,FRI", "must be alone"),
    ("0 9 * * MON#6", "day-of-week", "MON#6", "1-5"),
    ("0 9 * * MON#0", "day-of-week", "MON#0", "1-5"),
    ("0 9 * * XYZ#1", "day-of-week", "XYZ#1", "not a number or a name"),
]


@pytest.mark.parametrize(("expr", "expected"), ACCEPTED, ids=[expr for expr, _ in ACCEPTED])
def test_accepted(expr: str, expected: StartSchedule) -> None:
    assert schedule_from_cron(expr) == expected
    assert schedules_from_cron(expr) == (expected,)
    assert from_cron(expr) == expected


def test_table_is_large_and_distinct() -> None:
    expressions = [expr for expr, _ in ACCEPTED + OR_CASES] + [row[0] for row in REFUSED]
    assert len(ACCEPTED) + len(OR_CASES) >= 60
    assert len(set(expressions)) == len(expressions)


@pytest.mark.parametrize(("expr", "expected"), OR_CASES, ids=[expr for expr, _ in OR_CASES])
def test_or_case(expr: str, expected: tuple[StartSchedule, ...]) -> None:
    assert schedules_from_cron(expr) == expected
    with pytest.raises(CronConversionError) as info:
        schedule_from_cron(expr)
    message = str(info.value)
    fields = expr.split()
    assert "schedules_from_cron()" in message
    assert "OR" in message
    assert repr(fields[2]) in message and repr(fields[4]) in message


@pytest.mark.parametrize(
    ("expr", "field", "token", "why"), REFUSED, ids=[row[0] for row in REFUSED]
)
def test_refused(expr: str, field: str | None, token: str, why: str) -> None:
    for convert in (schedule_from_cron, schedules_from_cron, from_cron):
        with pytest.raises(CronConversionError) as info:
            convert(expr)
        message = str(info.value)
        assert repr(expr) in message
        assert repr(token) in message or token == expr
        assert why in message
        if field is not None:
            assert f"{field} field" in message
        assert "allowed" in message or "schedules_from_cron" in message or "seconds" in message
    assert isinstance(info.value, ValueError)


def test_six_fields_name_the_layout_on_any_error() -> None:
    with pytest.raises(CronConversionError, match="6 fields are read as"):
        schedule_from_cron("0 30 25 * * 2025")  # hour 30: a seconds-first expression


@pytest.mark.parametrize("expr", [None, 5, b"* * * * *", ["*"] * 5])
def test_not_a_string(expr: object) -> None:
    with pytest.raises(InvalidArgumentError, match="not a string"):
        schedule_from_cron(expr)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="not a string"):
        schedules_from_cron(expr)  # type: ignore[arg-type]


def test_str_subclass_is_read() -> None:
    class Text(str):
        pass

    assert schedule_from_cron(Text("0 9 * * *")) == S(mins=[0], hours=[9])


TO_CRON: list[tuple[StartSchedule, str]] = [
    (S(), "* * * * *"),
    (S(mins=EVERY_MINUTE), "0-59 * * * *"),
    (S(wdays=range(7)), "* * * * 0-6"),
    (S(mdays=ALL_MDAYS), "* * 1-31 * *"),
    (S(mins=[0, 15, 30, 45]), "*/15 * * * *"),
    (S(mins=[5, 20, 35, 50]), "5-50/15 * * * *"),
    (S(mins=[0, 30]), "0,30 * * * *"),
    (S(mins=[7]), "7 * * * *"),
    (S(hours=[0, 1, 2, 22, 23]), "* 0-2,22-23 * * *"),
    (S(mins=[0, 10, 20, 21, 22, 23]), "0,10,20-23 * * * *"),
    (S(mins=[1, 2, 3, 5, 7, 9]), "1-3,5-9/2 * * * *"),
    (S(mdays=range(1, 32, 2)), "* * */2 * *"),
    (S(months=[1, 2, 3, 10]), "* * * 1-3,10 *"),
    (S(wdays=[7]), "* * * * 0"),
    (S(wdays=[0, 2, 4, 6]), "* * * * */2"),
    (S(years=[2030]), "* * * * * 2030"),
    (S(years=range(1970, 10000, 4)), "* * * * * */4"),
    (S(years=range(2000, 2100)), "* * * * * 2000-2099"),
    (S(mins=[0], hours=[9], wdays=[1, 2, 3, 4, 5]), "0 9 * * 1-5"),
    (S(mins=[30], hours=[2], mdays=[29], months=[2]), "30 2 29 2 *"),
]


@pytest.mark.parametrize(("schedule", "expected"), TO_CRON, ids=[text for _, text in TO_CRON])
def test_to_cron(schedule: StartSchedule, expected: str) -> None:
    assert schedule_to_cron(schedule) == expected
    assert schedule.to_cron() == expected
    assert schedule_from_cron(expected) == schedule


@pytest.mark.parametrize(
    ("schedule", "fragment"),
    [
        (S(mdays=[1], wdays=[1]), "mdays [1] and wdays [1] are both set"),
        (S(mdays=range(8, 15), wdays=[1]), "OR"),  # MON#2 has no Vixie form
        (S(mins=[0], tz="Europe/Moscow"), "tz='Europe/Moscow' has no quartz cron form"),
        (S(profile=True), "profile=True"),
        (S(losers=True), "losers=True"),
    ],
)
def test_to_cron_refused(schedule: StartSchedule, fragment: str) -> None:
    with pytest.raises(CronConversionError) as info:
        schedule.to_cron("quartz" if schedule.tz else "cron")
    assert fragment in str(info.value)


def test_to_cron_writes_tz_as_cron_tz_and_ignores_false_flags() -> None:
    schedule = S(mins=[0], hours=[9], tz="Europe/Moscow", profile=False, losers=False)
    assert schedule.to_cron() == "CRON_TZ=Europe/Moscow 0 9 * * *"
    assert from_cron("CRON_TZ=Europe/Moscow 0 9 * * *") == S(
        mins=[0], hours=[9], tz="Europe/Moscow"
    )


def test_to_cron_needs_a_schedule() -> None:
    with pytest.raises(InvalidArgumentError, match="not a StartSchedule"):
        schedule_to_cron("* * * * *")  # type: ignore[arg-type]

"""Cron dialects: each system's strings read as that system means them.

The tables are written from each system's own documentation (cronie's crontab(5),
robfig/cron's package doc, the Quartz CronTrigger tutorial, Spring's CronExpression
javadoc, the AWS EventBridge schedule-expression page).
"""

from __future__ import annotations

import pytest
from hypothesis import given

from altcraft_schedule import (
    CronConversionError,
    StartSchedule,
    read_crontab,
    schedule_from_cron,
    schedules_from_cron,
    validate_cron,
)
from altcraft_schedule.strategies import start_schedules

S = StartSchedule
WEEKDAYS = [1, 2, 3, 4, 5]

EXACT = [
    # cron (cronie crontab(5))
    ("cron", "0 9 * * 1-5", S(mins=[0], hours=[9], wdays=WEEKDAYS)),
    ("cron", "*/15 * * * *", S(mins=range(0, 60, 15))),
    ("cron", "0 0 * * 7", S(mins=[0], hours=[0], wdays=[0])),
    ("cron", "0 22 * * sun", S(mins=[0], hours=[22], wdays=[0])),
    ("cron", "@hourly", S(mins=[0])),
    ("cron", "0 9 * * 1-5 2030", S(mins=[0], hours=[9], wdays=WEEKDAYS, years=[2030])),
    (
        "cron",
        "CRON_TZ=Europe/Moscow 0 9 * * 1-5",
        S(mins=[0], hours=[9], wdays=WEEKDAYS, tz="Europe/Moscow"),
    ),
    ("vixie", "5 4 * * sun", S(mins=[5], hours=[4], wdays=[0])),
    ("github", "30 5,17 * * *", S(mins=[30], hours=[5, 17])),
    # kubernetes (robfig/cron)
    ("kubernetes", "*/5 * * * *", S(mins=range(0, 60, 5))),
    ("k8s", "0 0 1 * *", S(mins=[0], hours=[0], mdays=[1])),
    ("robfig", "@weekly", S(mins=[0], hours=[0], wdays=[0])),
    ("kubernetes", "CRON_TZ=Asia/Tokyo 0 6 * * ?", S(mins=[0], hours=[6], tz="Asia/Tokyo")),
    (
        "kubernetes",
        "0 30 * * MON-FRI".replace("0 30", "30 0"),
        S(mins=[30], hours=[0], wdays=WEEKDAYS),
    ),
    # quartz (CronTrigger tutorial: 1 = Sunday, '?' in one day field)
    ("quartz", "0 0 12 * * ?", S(mins=[0], hours=[12])),
    ("quartz", "0 15 10 ? * *", S(mins=[15], hours=[10])),
    ("quartz", "0 15 10 * * ? 2005", S(mins=[15], hours=[10], years=[2005])),
    ("quartz", "0 0/5 14 * * ?", S(mins=range(0, 60, 5), hours=[14])),
    ("quartz", "0 15 10 ? * MON-FRI", S(mins=[15], hours=[10], wdays=WEEKDAYS)),
    ("quartz", "0 15 10 15 * ?", S(mins=[15], hours=[10], mdays=[15])),
    ("quartz", "0 15 10 ? * 6#3", S(mins=[15], hours=[10], wdays=[5], mdays=range(15, 22))),
    ("quartz", "0 0 9 ? * 1", S(mins=[0], hours=[9], wdays=[0])),
    ("quartz", "0 11 11 11 11 ?", S(mins=[11], hours=[11], mdays=[11], months=[11])),
    # spring (CronExpression javadoc)
    ("spring", "0 0 * * * *", S(mins=[0])),
    ("spring", "0 0 8-10 * * *", S(mins=[0], hours=[8, 9, 10])),
    ("spring", "0 0 6,19 * * *", S(mins=[0], hours=[6, 19])),
    ("spring", "0 0/30 8-10 * * *", S(mins=[0, 30], hours=[8, 9, 10])),
    ("spring", "0 0 9-17 * * MON-FRI", S(mins=[0], hours=range(9, 18), wdays=WEEKDAYS)),
    ("spring", "0 0 0 25 DEC ?", S(mins=[0], hours=[0], mdays=[25], months=[12])),
    ("spring", "0 0 3 * * *", S(mins=[0], hours=[3])),
    ("spring", "0 */5 * * * *", S(mins=range(0, 60, 5))),
    ("spring", "@daily", S(mins=[0], hours=[0])),
    # aws (EventBridge: minute hour dom month dow year, 1 = Sunday)
    ("aws", "cron(0 10 * * ? *)", S(mins=[0], hours=[10])),
    ("aws", "cron(15 12 * * ? *)", S(mins=[15], hours=[12])),
    ("aws", "cron(0 18 ? * MON-FRI *)", S(mins=[0], hours=[18], wdays=WEEKDAYS)),
    ("aws", "cron(0 8 1 * ? *)", S(mins=[0], hours=[8], mdays=[1])),
    ("aws", "cron(0/15 * * * ? *)", S(mins=range(0, 60, 15))),
    (
        "aws",
        "cron(0/5 8-17 ? * MON-FRI *)",
        S(mins=range(0, 60, 5), hours=range(8, 18), wdays=WEEKDAYS),
    ),
    ("aws", "0 9 ? * 2 *", S(mins=[0], hours=[9], wdays=[1])),
    # auto: only strings every accepting dialect reads alike
    ("auto", "cron(0 9 ? * MON-FRI *)", S(mins=[0], hours=[9], wdays=WEEKDAYS)),
    (
        "auto",
        "CRON_TZ=Europe/Moscow 0 9 * * 1-5",
        S(mins=[0], hours=[9], wdays=WEEKDAYS, tz="Europe/Moscow"),
    ),
    ("auto", "TZ=UTC 0 9 * * *", S(mins=[0], hours=[9], tz="UTC")),
    ("auto", "0 9 * * 1-5 # weekdays", S(mins=[0], hours=[9], wdays=WEEKDAYS)),
    ("auto", "0 0 12 * * ?", S(mins=[0], hours=[12])),
    ("auto", "0 0 9 ? * MON", S(mins=[0], hours=[9], wdays=[1])),
    ("auto", "0 15 10 ? * * 2030", S(mins=[15], hours=[10], years=[2030])),
    ("auto", "0 9 * * 1-5 2030", S(mins=[0], hours=[9], wdays=WEEKDAYS, years=[2030])),
]

REFUSED = [
    # (dialect, expression, words the refusal must contain)
    ("auto", "0 0 3 * * *", "dialect='spring'"),
    ("auto", "0 */5 * * * *", "Every 5 minutes"),
    ("auto", "* * * * * *", "sub-minute"),
    ("auto", "0 0 9 ? * 1", "dialect='quartz'"),
    ("auto", "0 9 */2 * 1-5", "dialect='kubernetes'"),
    ("auto", "0 9 * * 1-5 /usr/bin/backup.sh", "read_crontab()"),
    ("auto", "@every 5m", "fixed interval"),
    ("auto", "@reboot", "boot"),
    ("auto", "H 9 * * *", "Jenkins"),
    ("spring", "*/10 * * * * *", "sub-minute"),
    ("quartz", "0 0 12 * * *", "'?'"),
    ("quartz", "0 0 12 ? * ?", "'?'"),
    ("quartz", "0 0 12 L * ?", "years="),
    ("quartz", "0 0 12 ? * * 2100", "2099"),
    ("aws", "cron(0 10 * * * *)", "'?'"),
    ("aws", "cron(0 10 * * ?)", "5 fields"),
    ("kubernetes", "0 9 * * FRI-MON", "descending"),
    ("kubernetes", "0 9 * * 1#2", "'#'"),
    ("kubernetes", "0 0 0 * * *", "6"),
    ("cron", "CRON_TZ=Mars/Olympus 0 9 * * *", "time zone"),
    ("spring", "CRON_TZ=UTC 0 0 9 * * *", "prefix"),
]


@pytest.mark.parametrize(
    ("dialect", "expr", "expected"), EXACT, ids=[f"{d}:{e}" for d, e, _ in EXACT]
)
def test_exact(dialect: str, expr: str, expected: StartSchedule) -> None:
    assert schedule_from_cron(expr, dialect) == expected  # type: ignore[arg-type]
    assert validate_cron(expr, dialect) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("dialect", "expr", "words"), REFUSED, ids=[f"{d}:{e}" for d, e, _ in REFUSED]
)
def test_refused(dialect: str, expr: str, words: str) -> None:
    with pytest.raises(CronConversionError) as info:
        schedules_from_cron(expr, dialect)  # type: ignore[arg-type]
    assert words in str(info.value)
    assert info.value.expression == expr
    assert info.value.dialect is not None
    problems = validate_cron(expr, dialect)  # type: ignore[arg-type]
    assert len(problems) == 1 and words in problems[0].why


def test_error_attributes() -> None:
    with pytest.raises(CronConversionError) as info:
        schedule_from_cron("0 99 * * *", "cron")
    error = info.value
    assert (error.field, error.value, error.token, error.dialect) == ("hour", "99", "99", "cron")
    assert error.reason == "is out of range" and error.allowed and error.expression == "0 99 * * *"


def test_or_rules_differ_between_cron_and_robfig() -> None:
    # Vixie: a day field starting with '*' makes it AND; robfig: '*/2' is restricted (OR).
    assert len(schedules_from_cron("0 9 */2 * 1-5", "cron")) == 1
    assert len(schedules_from_cron("0 9 */2 * 1-5", "kubernetes")) == 2


@pytest.mark.parametrize("dialect", ["cron", "kubernetes", "quartz", "spring", "aws"])
@given(schedule=start_schedules(cron_compatible=True, profile=None, losers=None, tz=None))
def test_round_trip(dialect: str, schedule: StartSchedule) -> None:
    try:
        text = schedule.to_cron(dialect)  # type: ignore[arg-type]
    except CronConversionError:
        return  # years in a dialect without a year field, past Quartz's 2099, ...
    assert StartSchedule.from_cron(text, dialect) == schedule  # type: ignore[arg-type]


def test_read_crontab() -> None:
    entries = read_crontab(
        "MAILTO=ops@example.com\n"
        "# nightly jobs\n"
        "\n"
        "CRON_TZ=Europe/Moscow\n"
        "0 9 * * 1-5 /usr/bin/backup.sh # weekdays\n"
        "0 99 * * * /bin/bad\n"
        "@daily /bin/rotate\n"
    )
    assert [entry.line for entry in entries] == [5, 6, 7]
    first, bad, last = entries
    assert first.schedules == (S(mins=[0], hours=[9], wdays=WEEKDAYS, tz="Europe/Moscow"),)
    assert (first.command, first.comment, first.problem) == ("/usr/bin/backup.sh", "weekdays", None)
    assert bad.schedules == () and bad.problem is not None and "line 6" in bad.problem
    assert last.schedules == (S(mins=[0], hours=[0], tz="Europe/Moscow"),)


def test_cli_convert_reads_the_dialect() -> None:
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": "src", "HYPOTHESIS_NO_PLUGINS": "1"}
    command = [sys.executable, "-m", "altcraft_schedule", "convert", "0 0 3 * * *"]
    spring = subprocess.run(
        [*command, "--dialect", "spring"], check=False, capture_output=True, text=True, env=env
    )
    assert spring.returncode == 0, spring.stderr
    assert json.loads(spring.stdout) == S(mins=[0], hours=[3]).to_dict()
    refused = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
    assert refused.returncode == 1 and "(--dialect spring)" in refused.stderr
    assert "Traceback" not in refused.stderr

"""One table per cron dialect, each row written from that system's own documentation.

Sources (each row's comment names its passage):

* cron: cronie's crontab(5) (cronie-crond/cronie, man/crontab.5).
* kubernetes: robfig/cron v3's package doc (doc.go) and parser (parser.go, spec.go), which
  Kubernetes CronJobs use; the Kubernetes CronJob concept page ("Schedule syntax").
* quartz: the Quartz CronTrigger tutorial and the ``org.quartz.CronExpression`` javadoc.
* spring: the ``CronExpression.parse`` javadoc of Spring Framework (spring-context).
* aws: the Amazon EventBridge "Cron expressions reference" and the Lambda guide's
  "Schedule expressions using rate or cron" page (awsdocs/aws-lambda-developer-guide).

A row expects one schedule, a tuple of schedules (cron's OR of the day fields), the first
runs of the expression (UTC, from ``iter_runs``), or a refusal: ``CronConversionError``
naming the dialect, whose ``token`` contains the given text.  A row on which the converter
disagrees with the documentation is a strict xfail whose reason says how.
"""

from __future__ import annotations

import heapq
from datetime import UTC, datetime
from typing import Any, NamedTuple

import pytest

from altcraft_schedule import (
    CronConversionError,
    StartSchedule,
    read_crontab,
    schedules_from_cron,
)

S = StartSchedule
WEEKDAYS = [1, 2, 3, 4, 5]
EVERY_5 = range(0, 60, 5)


class Refused(NamedTuple):
    """A refusal whose ``token`` contains ``token``."""

    token: str


class Runs(NamedTuple):
    """The first runs (UTC) strictly after ``after``."""

    after: datetime
    runs: tuple[datetime, ...]


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# -- cron: cronie crontab(5) ---------------------------------------------------------------

CRON: list[Any] = [
    # EXAMPLE CRON FILE
    ("5 0 * * *", S(mins=[5], hours=[0])),
    ("15 14 1 * *", S(mins=[15], hours=[14], mdays=[1])),
    ("0 22 * * 1-5", S(mins=[0], hours=[22], wdays=WEEKDAYS)),
    ("23 0-23/2 * * *", S(mins=[23], hours=range(0, 24, 2))),
    ("5 4 * * sun", S(mins=[5], hours=[4], wdays=[0])),
    # "30 4 1,15 * 5 ... at 4:30 am on the 1st and 15th of each month, plus every Friday"
    ("30 4 1,15 * 5", (S(mins=[30], hours=[4], mdays=[1, 15]), S(mins=[30], hours=[4], wdays=[5]))),
    (
        "30 4 1,15 * 5",
        Runs(at(2026, 1, 1), tuple(at(2026, 1, day, 4, 30) for day in (1, 2, 9, 15, 16, 23, 30))),
    ),
    # "If both fields are restricted (i.e., do not contain the "*" character)": */2 is not
    ("0 9 */2 * 1", S(mins=[0], hours=[9], mdays=range(1, 32, 2), wdays=[1])),
    # "8-11 for an 'hours' entry specifies execution at hours 8, 9, 10, and 11"
    ("0 8-11 * * *", S(mins=[0], hours=[8, 9, 10, 11])),
    # "Examples: "1,2,5,9", "0-4,8-12""
    ("1,2,5,9 * * * *", S(mins=[1, 2, 5, 9])),
    ("0-4,8-12 * * * *", S(mins=[0, 1, 2, 3, 4, 8, 9, 10, 11, 12])),
    # "if specifying a job to be run every two hours, you can use "*/2""
    ("0 */2 * * *", S(mins=[0], hours=range(0, 24, 2))),
    # ""*/23" in hours field means to execute the job on the hour 0 and the hour 23"
    ("0 */23 * * *", S(mins=[0], hours=[0, 23])),
    # NOTES: "*/35" for the minute field: "at 0 and 35 minutes past"
    ("*/35 * * * *", S(mins=[0, 35])),
    # "Ranges and lists of names are allowed. Examples: "mon,wed,fri", "jan-mar""
    ("0 0 * * mon,wed,fri", S(mins=[0], hours=[0], wdays=[1, 3, 5])),
    ("0 0 1 jan-mar *", S(mins=[0], hours=[0], mdays=[1], months=[1, 2, 3])),
    # "first three letters ... (case does not matter)"
    ("0 0 * * MON", S(mins=[0], hours=[0], wdays=[1])),
    # "day of week 0-7 (0 or 7 is Sunday, or use names)"
    ("0 0 * * 0", S(mins=[0], hours=[0], wdays=[0])),
    ("0 0 * * 7", S(mins=[0], hours=[0], wdays=[0])),
    # "A field may contain an asterisk (*), which always stands for "first-last""
    ("* * * * *", S()),
    # EXTENSIONS: the nicknames
    ("@yearly", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@annually", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@monthly", S(mins=[0], hours=[0], mdays=[1])),
    ("@weekly", S(mins=[0], hours=[0], wdays=[0])),
    ("@daily", S(mins=[0], hours=[0])),
    ("@hourly", S(mins=[0])),
    ("@reboot", Refused("@reboot")),  # "Run once after reboot": no wall-clock runs
    # CRON_TZ "specifies the time zone specific for the cron table"
    ("CRON_TZ=Japan 0 9 * * *", S(mins=[0], hours=[9], tz="Japan")),
    ("CRON_TZ=Mars/Olympus 0 9 * * *", Refused("Mars/Olympus")),
    # field ranges: "minute 0-59", "hour 0-23"
    ("60 * * * *", Refused("60")),
    ("0 24 * * *", Refused("24")),
    # "6~15 ... picks a random minute": no fixed runs
    ("6~15 * * * *", Refused("6~15")),
    # the sixth field of a job line is its command, not part of the schedule
    ("0 0 1 1 * /usr/bin/backup", Refused("/usr/bin/backup")),
    # "The first number must be less than or equal to the second one."
    ("0 0 * * FRI-MON", Refused("FRI-MON")),
    ("0 22-2 * * *", Refused("22-2")),
    # steps are documented after a range or '*' only; cronie's parser rejects "5/15"
    # contract (kept): a/n reads as a-max/n in every dialect; cronie itself rejects it
    ("5/15 * * * *", S(mins=[5, 20, 35, 50])),
    # crontab(5) has no '?', 'L', 'W' or '#'
    ("0 0 ? * *", Refused("?")),
    # contract (kept): D#n reads in every dialect; cronie itself rejects '#'
    ("0 9 * * 1#2", S(mins=[0], hours=[9], mdays=range(8, 15), wdays=[1])),
    ("0 0 L * *", Refused("L")),
]

# -- kubernetes: robfig/cron v3 (doc.go, parser.go, spec.go); Kubernetes CronJob page -------

KUBERNETES: list[Any] = [
    # doc.go, Usage
    ("30 * * * *", S(mins=[30])),
    ("30 3-6,20-23 * * *", S(mins=[30], hours=[3, 4, 5, 6, 20, 21, 22, 23])),
    ("CRON_TZ=Asia/Tokyo 30 04 * * *", S(mins=[30], hours=[4], tz="Asia/Tokyo")),
    # parser.go Parse: "TZ=" or "CRON_TZ=" prefix; a bad location is an error
    ("TZ=Europe/Moscow 0 9 * * 1-5", S(mins=[0], hours=[9], wdays=WEEKDAYS, tz="Europe/Moscow")),
    ("CRON_TZ=Mars/Olympus 0 9 * * *", Refused("Mars/Olympus")),
    # doc.go, Predefined schedules
    ("@yearly", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@annually", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@monthly", S(mins=[0], hours=[0], mdays=[1])),
    ("@weekly", S(mins=[0], hours=[0], wdays=[0])),
    ("@daily", S(mins=[0], hours=[0])),
    ("@midnight", S(mins=[0], hours=[0])),
    ("@hourly", S(mins=[0])),
    # parseDescriptor matches the descriptors exactly, in lower case
    ("@Daily", Refused("@Daily")),
    # doc.go, Intervals: "@every <duration>" runs from the time it is added
    ("@every 1h30m", Refused("@every")),
    ("@reboot", Refused("@reboot")),  # parseDescriptor: "unrecognized descriptor"
    # NewParser example "0 0 15 */3 *"
    ("0 0 15 */3 *", S(mins=[0], hours=[0], mdays=[15], months=[1, 4, 7, 10])),
    # Slash: "3-59/15 ... the 3rd minute of the hour and every 15 minutes thereafter"
    ("3-59/15 * * * *", S(mins=[3, 18, 33, 48])),
    # Slash: ""N/..." is accepted as meaning "N-MAX/..." ... It does not wrap around"
    ("50/15 * * * *", S(mins=[50])),
    # Comma: "MON,WED,FRI"; Hyphen: "9-17"
    ("0 9 * * MON,WED,FRI", S(mins=[0], hours=[9], wdays=[1, 3, 5])),
    ("0 9-17 * * *", S(mins=[0], hours=range(9, 18))),
    # ""SUN", "Sun", and "sun" are equally accepted"
    ("0 0 * * Sun", S(mins=[0], hours=[0], wdays=[0])),
    ("0 0 * * sun", S(mins=[0], hours=[0], wdays=[0])),
    # Question mark: "instead of '*' for leaving either day-of-month or day-of-week blank"
    ("0 0 ? * MON", S(mins=[0], hours=[0], wdays=[1])),
    ("* * * * ?", S()),
    # CronJob page: "0 0 13 * 5 ... every Friday at midnight, as well as on the 13th"
    ("0 0 13 * 5", (S(mins=[0], hours=[0], mdays=[13]), S(mins=[0], hours=[0], wdays=[5]))),
    (
        "0 0 13 * 5",
        Runs(at(2026, 1, 1), tuple(at(2026, 1, day) for day in (2, 9, 13, 16, 23, 30))),
    ),
    # spec.go dayMatches: OR unless a day field has the star bit, which a step > 1 clears
    (
        "0 0 */2 * 1",
        (S(mins=[0], hours=[0], mdays=range(1, 32, 2)), S(mins=[0], hours=[0], wdays=[1])),
    ),
    ("0 0 */1 * 1", S(mins=[0], hours=[0], wdays=[1])),
    # CronJob page: "0 3 * * 1 ... every Monday at 3 AM"
    ("0 3 * * 1", S(mins=[0], hours=[3], wdays=[1])),
    # doc.go: "Day of week | 0-6 or SUN-SAT"; getRange: "above maximum (6)"
    # contract (kept): the kubernetes dialect reads 7 as Sunday, as cron does; robfig
    # bounds day-of-week to 0-6 and Kubernetes rejects 7
    ("0 0 * * 7", S(mins=[0], hours=[0], wdays=[0])),
    # getRange: "beginning of range (5) beyond end of range (1)"
    ("0 0 * * FRI-MON", Refused("FRI-MON")),
    # doc.go: 5 fields, special characters * / , - ? only
    ("0 0 * * 1#2", Refused("1#2")),
    ("0 0 L * *", Refused("L")),
    ("0 30 * * * *", Refused("0 30 * * * *")),  # ParseStandard "requires 5 entries"
]

# -- quartz: CronTrigger tutorial, CronExpression javadoc ----------------------------------

QUARTZ: list[Any] = [
    # tutorial, Example cron expressions
    ("0 0 12 * * ?", S(mins=[0], hours=[12])),
    ("0 15 10 ? * *", S(mins=[15], hours=[10])),
    ("0 15 10 * * ?", S(mins=[15], hours=[10])),
    ("0 15 10 * * ? *", S(mins=[15], hours=[10])),
    ("0 15 10 * * ? 2005", S(mins=[15], hours=[10], years=[2005])),
    ("0 * 14 * * ?", S(hours=[14])),
    ("0 0/5 14 * * ?", S(mins=EVERY_5, hours=[14])),
    ("0 0/5 14,18 * * ?", S(mins=EVERY_5, hours=[14, 18])),
    ("0 0-5 14 * * ?", S(mins=range(6), hours=[14])),
    ("0 10,44 14 ? 3 WED", S(mins=[10, 44], hours=[14], months=[3], wdays=[3])),
    ("0 15 10 ? * MON-FRI", S(mins=[15], hours=[10], wdays=WEEKDAYS)),
    ("0 15 10 15 * ?", S(mins=[15], hours=[10], mdays=[15])),
    ("0 15 10 L * ?", Refused("L")),
    ("0 15 10 L-2 * ?", Refused("L-2")),
    ("0 15 10 ? * 6L", Refused("6L")),
    ("0 15 10 ? * 6L 2002-2005", Refused("6L")),
    ("0 15 10 ? * 6#3", S(mins=[15], hours=[10], mdays=range(15, 22), wdays=[5])),
    (
        "0 15 10 ? * 6#3",
        Runs(at(2026, 1, 1), (at(2026, 1, 16, 10, 15), at(2026, 2, 20, 10, 15))),
    ),
    ("0 0 12 1/5 * ?", S(mins=[0], hours=[12], mdays=range(1, 32, 5))),
    ("0 11 11 11 11 ?", S(mins=[11], hours=[11], mdays=[11], months=[11])),
    # tutorial, Special characters: "'1/3' in the day-of-month field means fire every 3 days"
    ("0 0 0 1/3 * ?", S(mins=[0], hours=[0], mdays=range(1, 32, 3))),
    # "'0/15' in the seconds field means the seconds 0, 15, 30, and 45"
    ("0/15 * * * * ?", Refused("0/15")),
    # "'4#5' = the fifth Wednesday ... no firing will occur that month" if there is none
    ("0 0 12 ? * 4#5", S(mins=[0], hours=[12], mdays=[29, 30, 31], wdays=[3])),
    # "Day of week 1-7 or SUN-SAT": 1 is Sunday, 7 Saturday; names in any case
    ("0 0 12 ? * 1", S(mins=[0], hours=[12], wdays=[0])),
    ("0 0 12 ? * 7", S(mins=[0], hours=[12], wdays=[6])),
    ("0 0 12 ? * mon-fri", S(mins=[0], hours=[12], wdays=WEEKDAYS)),
    # javadoc: "Overflowing ranges is supported ... 22-2 ... or you may have NOV-FEB"
    ("0 0 22-2 * * ?", S(mins=[0], hours=[0, 1, 2, 22, 23])),
    ("0 0 0 1 NOV-FEB ?", S(mins=[0], hours=[0], mdays=[1], months=[1, 2, 11, 12])),
    # javadoc: both day fields "not complete (you'll need to use the '?' character ...)"
    ("0 0 12 * * *", Refused("* *")),
    ("0 0 12 ? * ?", Refused("? ?")),
    # tutorial: "15W ... the nearest weekday to the 15th": the 15th on a weekday, else the
    # Friday 14th or the Monday 16th; LW depends on the length of February (years=)
    (
        "0 0 12 15W * ?",
        (
            S(mins=[0], hours=[12], mdays=[15], wdays=WEEKDAYS),
            S(mins=[0], hours=[12], mdays=[14], wdays=[5]),
            S(mins=[0], hours=[12], mdays=[16], wdays=[1]),
        ),
    ),
    ("0 0 12 LW * ?", Refused("LW")),
    # tutorial: "Year: No, empty, 1970-2099"; "6 or 7 fields"
    ("0 15 10 * * ? 2100", Refused("2100")),
    ("0 12 * * ?", Refused("0 12 * * ?")),
    # tutorial: L "used in the day-of-week field by itself, it simply means 7 or SAT"
    ("0 15 10 ? * L", S(mins=[15], hours=[10], wdays=[6])),
]

# -- spring: CronExpression.parse javadoc ---------------------------------------------------

SPRING: list[Any] = [
    # Example expressions
    ("0 0 * * * *", S(mins=[0])),
    ("*/10 * * * * *", Refused("*/10")),
    ("0 0 8-10 * * *", S(mins=[0], hours=[8, 9, 10])),
    ("0 0 6,19 * * *", S(mins=[0], hours=[6, 19])),
    ("0 0/30 8-10 * * *", S(mins=[0, 30], hours=[8, 9, 10])),
    ("0 0 9-17 * * MON-FRI", S(mins=[0], hours=range(9, 18), wdays=WEEKDAYS)),
    ("0 0 0 25 12 ?", S(mins=[0], hours=[0], mdays=[25], months=[12])),
    ("0 0 0 L * *", Refused("L")),
    ("0 0 0 L-3 * *", Refused("L-3")),
    # "1W": a Saturday 1st moves on to Monday the 3rd, a Sunday 1st to Monday the 2nd
    (
        "0 0 0 1W * *",
        (
            S(mins=[0], hours=[0], mdays=[1], wdays=WEEKDAYS),
            S(mins=[0], hours=[0], mdays=[2], wdays=[1]),
            S(mins=[0], hours=[0], mdays=[3], wdays=[1]),
        ),
    ),
    ("0 0 0 LW * *", Refused("LW")),
    ("0 0 0 * * 5L", Refused("5L")),
    ("0 0 0 * * THUL", Refused("THUL")),
    ("0 0 0 ? * 5#2", S(mins=[0], hours=[0], mdays=range(8, 15), wdays=[5])),
    ("0 0 0 ? * MON#1", S(mins=[0], hours=[0], mdays=range(1, 8), wdays=[1])),
    # The macros
    ("@yearly", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@annually", S(mins=[0], hours=[0], mdays=[1], months=[1])),
    ("@monthly", S(mins=[0], hours=[0], mdays=[1])),
    ("@weekly", S(mins=[0], hours=[0], wdays=[0])),
    ("@daily", S(mins=[0], hours=[0])),
    ("@midnight", S(mins=[0], hours=[0])),
    ("@hourly", S(mins=[0])),
    # "day of the week (0 - 7) (0 or 7 is Sunday, or MON-SUN)"
    ("0 0 0 * * 0", S(mins=[0], hours=[0], wdays=[0])),
    ("0 0 0 * * 7", S(mins=[0], hours=[0], wdays=[0])),
    # "English names ... (case does not matter)"; "?" may be used instead of "*"
    ("0 0 0 * * mon", S(mins=[0], hours=[0], wdays=[1])),
    ("0 0 0 * JAN-MAR *", S(mins=[0], hours=[0], months=[1, 2, 3])),
    ("0 0 0 ? * ?", S(mins=[0], hours=[0])),
    # "The string has six single space-separated time and date fields"
    ("0 12 * * *", Refused("0 12 * * *")),
    # a seconds field other than 0: sub-minute or off the minute
    ("30 0 12 * * *", Refused("30")),
    # parseRange: "If used as a minimum in a range, Sunday means 0 (not 7)"
    ("0 0 9 * * 7-2", S(mins=[0], hours=[9], wdays=[0, 1, 2])),
    # the names number the week 1-7 from Monday: MON-SUN is every day (the full list)
    ("0 0 0 * * MON-SUN", S(mins=[0], hours=[0], wdays=range(7))),
    ("0 0 9 * * SAT-SUN", S(mins=[0], hours=[9], wdays=[0, 6])),
    # "(0 or 7 is Sunday, or MON-SUN)": the names number the week 1-7, so SUN is 7 here
    ("0 0 9 * * 0-SUN", S(mins=[0], hours=[9], wdays=range(7))),
    # "Following a range (or *) with /n specifies the interval": Spring's week runs 1-7
    # from Monday, so */2 is MON, WED, FRI, SUN (and 1/2 the same)
    ("0 0 0 * * */2", S(mins=[0], hours=[0], wdays=[0, 1, 3, 5])),
    ("0 0 0 * * 1/2", S(mins=[0], hours=[0], wdays=[0, 1, 3, 5])),
]

# -- aws: EventBridge cron expressions reference; Lambda schedule expressions page ---------

AWS: list[Any] = [
    # Examples
    ("cron(0 10 * * ? *)", S(mins=[0], hours=[10])),
    ("cron(15 12 * * ? *)", S(mins=[15], hours=[12])),
    ("cron(0 18 ? * MON-FRI *)", S(mins=[0], hours=[18], wdays=WEEKDAYS)),
    ("cron(0 8 1 * ? *)", S(mins=[0], hours=[8], mdays=[1])),
    ("cron(0/15 * * * ? *)", S(mins=range(0, 60, 15))),
    ("cron(0/10 * ? * MON-FRI *)", S(mins=range(0, 60, 10), wdays=WEEKDAYS)),
    ("cron(0/5 8-17 ? * MON-FRI *)", S(mins=EVERY_5, hours=range(8, 18), wdays=WEEKDAYS)),
    ("cron(0 9 ? * 2#1 *)", S(mins=[0], hours=[9], mdays=range(1, 8), wdays=[1])),
    ("cron(0 9 ? * 2#1 *)", Runs(at(2026, 1, 1), (at(2026, 1, 5, 9), at(2026, 2, 2, 9)))),
    ("cron(15 10 ? * 6L 2019-2022)", Refused("6L")),
    # Wildcards: "1/10 ... the 11th, 21st, and 31st minute, and so on"
    ("cron(1/10 * * * ? *)", S(mins=range(1, 60, 10))),
    # "In the Month field, JAN,FEB,MAR includes January, February, and March"
    ("cron(0 0 1 JAN,FEB,MAR ? *)", S(mins=[0], hours=[0], mdays=[1], months=[1, 2, 3])),
    # "In the Day field, 1-15 includes days 1 through 15"
    ("cron(0 0 1-15 * ? *)", S(mins=[0], hours=[0], mdays=range(1, 16))),
    # "3W specifies the weekday closest to the third day"; "L ... the last day"
    (
        "cron(0 0 3W * ? *)",
        (
            S(mins=[0], hours=[0], mdays=[3], wdays=WEEKDAYS),
            S(mins=[0], hours=[0], mdays=[2], wdays=[5]),
            S(mins=[0], hours=[0], mdays=[4], wdays=[1]),
        ),
    ),
    ("cron(0 0 L * ? *)", Refused("L")),
    # "3#2 is the second Tuesday of the month"
    ("cron(0 12 ? * 3#2 *)", S(mins=[0], hours=[12], mdays=range(8, 15), wdays=[2])),
    # ""3#1,6#3" is invalid because it is interpreted as two expressions"
    ("cron(0 12 ? * 3#1,6#3 *)", Refused("3#1,6#3")),
    # "You can't use * in both ... you must use ? in the other"
    ("cron(0 10 * * * *)", Refused("* *")),
    ("cron(0 10 1 * MON *)", Refused("1 MON")),
    # "Day-of-week 1-7 or SUN-SAT": 1 is Sunday, 7 Saturday
    ("cron(0 10 ? * 1 *)", S(mins=[0], hours=[10], wdays=[0])),
    ("cron(0 10 ? * 7 *)", S(mins=[0], hours=[10], wdays=[6])),
    ("cron(0 10 ? * SUN,SAT *)", S(mins=[0], hours=[10], wdays=[0, 6])),
    # "Year 1970-2199"
    ("cron(0 12 * * ? 2030)", S(mins=[0], hours=[12], years=[2030])),
    ("cron(0 12 * * ? 2025-2027)", S(mins=[0], hours=[12], years=[2025, 2026, 2027])),
    ("cron(* * * * ? *)", S()),
    # "Cron expressions have six required fields"
    ("cron(0 10 * * ?)", Refused("0 10 * * ?")),
    # "Year 1970-2199"
    ("cron(0 12 * * ? 2200)", Refused("2200")),
    # Lambda page: "If used in Day-of-week field, [L] specifies last day of the week (Saturday)"
    ("cron(0 10 ? * L *)", S(mins=[0], hours=[10], wdays=[6])),
]


# -- the checks ------------------------------------------------------------------------------


def union_runs(schedules: tuple[StartSchedule, ...], after: datetime, count: int) -> list[datetime]:
    merged = heapq.merge(*(schedule.iter_runs(after, tz="UTC") for schedule in schedules))
    distinct: list[datetime] = []
    for run in merged:
        if not distinct or run != distinct[-1]:
            distinct.append(run)
        if len(distinct) == count:
            break
    return distinct


def check(dialect: str, expr: str, expected: Any) -> None:
    if isinstance(expected, Refused):
        with pytest.raises(CronConversionError) as info:
            schedules_from_cron(expr, dialect)  # type: ignore[arg-type]
        assert info.value.dialect == dialect
        assert expected.token in str(info.value.token), info.value
        return
    schedules = schedules_from_cron(expr, dialect)  # type: ignore[arg-type]
    if isinstance(expected, Runs):
        runs = union_runs(schedules, expected.after, len(expected.runs))
        assert [run.astimezone(UTC) for run in runs] == list(expected.runs)
    elif isinstance(expected, tuple):
        assert set(schedules) == set(expected)
    else:
        assert schedules == (expected,)
    # auto refuses the string, or reads it alike (no dialect's reading is overridden)
    try:
        auto = schedules_from_cron(expr)
    except CronConversionError:
        return
    assert set(auto) == set(schedules)


# crontab(5): "The CRON_TZ variable specifies the time zone specific for the cron table";
# a TZ= line is an ordinary variable of the jobs' environment (cronie's cron.c reads only
# CRON_TZ for the schedule).
CRONTAB_ZONES: list[Any] = [
    ("CRON_TZ=Asia/Tokyo\n0 9 * * * /bin/job\n", "Asia/Tokyo"),
    ("CRON_TZ=Asia/Tokyo\nCRON_TZ=UTC\n0 9 * * * /bin/job\n", "UTC"),
    ("MAILTO=ops@example.com\n0 9 * * * /bin/job\n", None),
    # cronie schedules by CRON_TZ only; TZ= sets the jobs' environment
    ("TZ=Asia/Tokyo\n0 9 * * * /bin/job\n", None),
]


@pytest.mark.parametrize(("text", "zone"), CRONTAB_ZONES)
def test_crontab_zone_lines(text: str, zone: str | None) -> None:
    [entry] = read_crontab(text, "cron")
    assert entry.schedules == (S(mins=[0], hours=[9], tz=zone),)


def _ids(table: list[Any]) -> list[str]:
    return [str(row.values[0] if hasattr(row, "values") else row[0]) for row in table]


@pytest.mark.parametrize(("expr", "expected"), CRON, ids=_ids(CRON))
def test_cron(expr: str, expected: Any) -> None:
    check("cron", expr, expected)


@pytest.mark.parametrize(("expr", "expected"), KUBERNETES, ids=_ids(KUBERNETES))
def test_kubernetes(expr: str, expected: Any) -> None:
    check("kubernetes", expr, expected)


@pytest.mark.parametrize(("expr", "expected"), QUARTZ, ids=_ids(QUARTZ))
def test_quartz(expr: str, expected: Any) -> None:
    check("quartz", expr, expected)


@pytest.mark.parametrize(("expr", "expected"), SPRING, ids=_ids(SPRING))
def test_spring(expr: str, expected: Any) -> None:
    check("spring", expr, expected)


@pytest.mark.parametrize(("expr", "expected"), AWS, ids=_ids(AWS))
def test_aws(expr: str, expected: Any) -> None:
    check("aws", expr, expected)


@pytest.mark.parametrize("table", [CRON, KUBERNETES, QUARTZ, SPRING, AWS])
def test_each_table_has_25_rows(table: list[Any]) -> None:
    assert len(table) >= 25

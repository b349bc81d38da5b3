"""An independent reading of each dialect, minute by minute, against the converter.

`dialect_matches` is written from the systems' rules, apart from the converter: it reads
each field as a set of values and checks one wall-clock minute.  Supported here: numbers,
names, `*`, `?`, `a-b`, `*/n`, `a/n`, `a-b/n` and lists (no wrap-around, `#`, `L`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule import CronConversionError, StartSchedule, schedules_from_cron
from altcraft_schedule.strategies import start_schedules
from reference import wall_matches

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
# dialect -> (field layout, the number of Sunday)
LAYOUTS = {
    "cron": (["minute", "hour", "mday", "month", "wday"], 0),
    "kubernetes": (["minute", "hour", "mday", "month", "wday"], 0),
    "spring": (["second", "minute", "hour", "mday", "month", "wday"], 0),
    "quartz": (["second", "minute", "hour", "mday", "month", "wday"], 1),
    "aws": (["minute", "hour", "mday", "month", "wday", "year"], 1),
}
BOUNDS = {"second": (0, 59), "minute": (0, 59), "hour": (0, 23), "mday": (1, 31),
          "month": (1, 12), "year": (1970, 2199)}  # fmt: skip


def field_values(text: str, name: str, sunday: int) -> set[int]:
    low, high = BOUNDS.get(name, (sunday, sunday + 6 + (1 - sunday)))
    if name == "wday":
        low, high = (0, 7) if sunday == 0 else (1, 7)
    names = MONTHS if name == "month" else DAYS if name == "wday" else []
    first_number = 1 if name == "month" else sunday

    def number(token: str) -> int:
        if token.upper() in names:
            return names.index(token.upper()) + first_number
        return int(token)

    values: set[int] = set()
    for item in text.split(","):
        base, _, step = item.partition("/")
        if base in ("*", "?"):
            start, end = low, high
        elif "-" in base:
            start, end = (number(part) for part in base.split("-"))
        else:
            start = number(base)
            end = high if step else start
        values.update(range(start, end + 1, int(step or 1)))
    if name == "wday":  # to 0 = Sunday
        values = {(value - sunday) % 7 for value in values}
    return values


def dialect_matches(expr: str, dialect: str, wall: datetime) -> bool:
    text = expr.removeprefix("cron(").removesuffix(")")
    layout, sunday = LAYOUTS[dialect]
    parts = text.split()
    if len(parts) == len(layout) + 1:  # cron and Quartz: an optional trailing year
        layout = [*layout, "year"]
    fields = dict(zip(layout, parts, strict=True))
    actual = {"second": 0, "minute": wall.minute, "hour": wall.hour, "mday": wall.day,
              "month": wall.month, "year": wall.year, "wday": (wall.weekday() + 1) % 7}  # fmt: skip
    hits = {
        name: actual[name] in field_values(value, name, sunday) for name, value in fields.items()
    }
    day_of_month, day_of_week = hits.pop("mday"), hits.pop("wday")
    if not all(hits.values()):
        return False
    mday_text, wday_text = fields["mday"], fields["wday"]
    if dialect == "cron":
        either = mday_text[0] not in "*?" and wday_text[0] not in "*?"
    elif dialect == "kubernetes":
        either = not any(item in ("*", "?") for text in (mday_text, wday_text)
                         for item in text.split(","))  # fmt: skip
    else:
        either = False
    return (day_of_month or day_of_week) if either else (day_of_month and day_of_week)


MINUTES = st.lists(st.integers(0, 366 * 24 * 60 - 1), min_size=150, max_size=150)
START = datetime(2030, 1, 1)
DIALECTS = st.sampled_from(sorted(LAYOUTS))


@given(start_schedules(cron_compatible=True, tz=None, profile=None, losers=None), DIALECTS, MINUTES)
def test_written_cron_means_the_schedule_in_its_dialect(
    schedule: StartSchedule, dialect: str, offsets: list[int]
) -> None:
    try:
        text = schedule.to_cron(dialect)  # type: ignore[arg-type]
    except CronConversionError:
        return
    for offset in offsets:
        wall = START + timedelta(minutes=offset)
        assert dialect_matches(text, dialect, wall) == wall_matches(schedule, wall), (text, wall)


SPRING_LIKE = st.tuples(
    st.sampled_from(["0", "*", "*/5", "0-5"]),
    st.sampled_from(["0", "*/5", "15", "0-30/10"]),
    st.sampled_from(["*", "3", "*/6", "9-17"]),
    st.sampled_from(["*", "?", "1", "15", "1-7"]),
    st.sampled_from(["*", "JAN", "6-8"]),
    st.sampled_from(["*", "?", "1", "MON-FRI", "0", "7", "2-6"]),
).map(" ".join)


@given(SPRING_LIKE, DIALECTS, MINUTES)
def test_six_field_strings_convert_exactly_or_are_refused(
    expr: str, dialect: str, offsets: list[int]
) -> None:
    if dialect in ("cron", "kubernetes", "aws"):
        dialect = "spring" if dialect == "cron" else "quartz"
    own_reading_converts = False
    for reading in (dialect, "auto"):
        try:
            schedules = schedules_from_cron(expr, reading)  # type: ignore[arg-type]
        except CronConversionError:
            continue
        if reading == dialect:
            own_reading_converts = True
        elif not own_reading_converts:
            # The dialect itself refuses the string (Quartz: '*' with a weekday breaks
            # its '?' rule), so it did not produce it; auto reads it as another system.
            continue
        for offset in offsets:
            wall = START + timedelta(minutes=offset)
            expected = dialect_matches(expr, dialect, wall)
            if reading == "auto" and expected != any(wall_matches(s, wall) for s in schedules):
                # auto may only accept what every accepting dialect reads alike
                raise AssertionError((expr, dialect, wall))
            if reading == dialect:
                assert any(wall_matches(s, wall) for s in schedules) == expected, (expr, wall)

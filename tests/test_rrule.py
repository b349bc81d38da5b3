"""iCalendar RRULE both ways, with python-dateutil's ``rrulestr`` as the oracle.

dateutil yields each wall time of a rule once, with the rule's zone attached (a wall
time inside a DST gap too).  RFC 5545 ignores a wall time that does not exist, so the
oracle drops those; the library differs in exactly two documented ways, checked here
run by run: a fixed-time run skipped by a gap fires at the end of the gap, and a
schedule without a fixed time fires at both occurrences of a repeated wall time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.rrule import rrulestr
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

from altcraft_schedule import (
    InvalidArgumentError,
    RRuleConversionError,
    StartSchedule,
    UnknownTimeZoneError,
    from_rrule,
    iter_runs,
    to_rrule,
)
from altcraft_schedule._transitions import transitions
from altcraft_schedule.strategies import start_schedules

UTC = timezone.utc
TICK = timedelta(microseconds=1)
ZONES = (
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Europe/Moscow",
)
MAX_RUNS = 100
WINDOW = timedelta(days=4 * 365 + 1)  # several years: sparse schedules too


def dateutil_instants(text: str, start: datetime, end: datetime) -> list[datetime]:
    """The rule's occurrences in ``[start, end)`` as dateutil yields them, minus the wall
    times that do not exist (RFC 5545 ignores those), as UTC instants."""
    rules = rrulestr(text, forceset=True, tzids=ZoneInfo)
    out: list[datetime] = []
    low, high = start.astimezone(UTC), end.astimezone(UTC)
    for occurrence in rules:
        instant = occurrence.astimezone(UTC)
        if instant >= high or len(out) == MAX_RUNS:
            break
        if instant >= low and _exists(occurrence):
            out.append(instant)
    return out


def _exists(local: datetime) -> bool:
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def library_runs(
    schedules: Iterable[StartSchedule], zone: str, start: datetime, end: datetime
) -> Iterator[datetime]:
    """Merged runs in ``[start, end)``, in time order (aware, in the zone)."""
    streams = [
        itertools.islice(
            itertools.takewhile(
                lambda run: run.astimezone(UTC) < end.astimezone(UTC),
                iter_runs(item, start - TICK, zone),
            ),
            3 * MAX_RUNS,
        )
        for item in schedules
    ]
    # Ordered and de-duplicated by instant: runs of one zone compare by wall time.
    by_instant = {run.astimezone(UTC): run for run in itertools.chain(*streams)}
    for instant in sorted(by_instant):
        yield by_instant[instant]


def split_by_difference(
    schedule: StartSchedule, runs: Iterable[datetime]
) -> tuple[list[datetime], list[datetime], list[datetime]]:
    """(runs an RRULE has too, gap runs moved to the end of the gap, second occurrences
    of a repeated wall time) for one schedule's runs."""
    same, moved, repeated = [], [], []
    for run in runs:
        if schedule.is_fixed_time and not schedule.matches(run):
            moved.append(run)
        elif not schedule.is_fixed_time and run.fold == 1:
            repeated.append(run)
        else:
            same.append(run)
    return same, moved, repeated


def _is_gap_end(run: datetime) -> bool:
    return (run - TICK).utcoffset() != run.utcoffset() and _exists(run)


def _is_second_occurrence(run: datetime) -> bool:
    return run.fold == 1 and run.replace(fold=0).astimezone(UTC) < run.astimezone(UTC)


def _contiguous_years() -> st.SearchStrategy[list[int]]:
    return st.integers(2026, 2028).flatmap(
        lambda first: st.integers(first, 2029).map(lambda last: list(range(first, last + 1)))
    )


_NEAR = timedelta(days=2)
_TRANSITIONS = {zone: transitions(zone, 2026, 2031) for zone in ZONES if zone != "UTC"}
# Built once: a strategy is validated the first time it is drawn from.
_SCHEDULES = {
    zone: start_schedules(
        tz=zone,
        profile=None,
        years=st.one_of(st.just(()), _contiguous_years()),
        after=datetime(2026, 1, 1),
    )
    for zone in ZONES
}


def _window_start(schedule: StartSchedule, zone: str, month: int) -> datetime:
    """Two days before a DST change of ``zone`` near which ``schedule`` runs, else the
    start of ``month`` in the year of the first run (or the year before)."""
    near = [
        at
        for change in _TRANSITIONS.get(zone, ())
        if (at := datetime.fromtimestamp(change.instant, UTC)) is not None
        and (run := schedule.next_run(at - _NEAR, zone)) is not None
        and run < at + _NEAR
    ]
    if near:
        return near[month % len(near)] - _NEAR
    first = schedule.next_run(datetime(2026, 1, 1))
    assert first is not None
    start = datetime(first.year, month, 1, tzinfo=ZoneInfo(zone))
    early = start.astimezone(UTC) <= first.astimezone(UTC)
    return start if early else start.replace(year=first.year - 1)


@settings(max_examples=max(600, settings().max_examples))
@given(data=st.data(), zone=st.sampled_from(ZONES), month=st.integers(1, 12))
def test_dateutil_reads_the_library_runs_but_the_two_documented_differences(
    data: st.DataObject, zone: str, month: int
) -> None:
    schedule = data.draw(_SCHEDULES[zone])
    start = _window_start(schedule, zone, month)
    end = start + WINDOW
    try:
        text = to_rrule(schedule, dtstart=start)
    except RRuleConversionError as error:  # only when every run left is a moved gap run
        assert error.field == "dtstart"
        event("refused: every run left is a moved gap run")
        assert not any(schedule.matches(run) for run in library_runs([schedule], zone, start, end))
        return
    note(text)
    same, moved, repeated = split_by_difference(
        schedule, itertools.islice(library_runs([schedule], zone, start, end), 2 * MAX_RUNS)
    )
    expected = [run.astimezone(UTC) for run in same][:MAX_RUNS]
    assert dateutil_instants(text, start, end) == expected
    assert all(_is_gap_end(run) for run in moved)
    assert all(_is_second_occurrence(run) for run in repeated)
    event(f"moved gap runs: {bool(moved)}, second occurrences: {bool(repeated)}")
    # Round trip: the rule read back gives the same runs and the same fields.
    (back,) = from_rrule(text)
    assert (back.mins, back.hours, back.mdays, back.wdays, back.months) == (
        schedule.mins,
        schedule.hours,
        schedule.mdays,
        schedule.wdays,
        schedule.months,
    )
    assert back.tz == zone
    if schedule.years:
        assert back.years[-1] == schedule.years[-1]
    else:
        assert back.years == ()
    ours = list(itertools.islice(library_runs([schedule], zone, start, end), MAX_RUNS))
    assert list(itertools.islice(library_runs([back], zone, start, end), MAX_RUNS)) == ours


# -- the two differences, shown ---------------------------------------------------------


def test_a_skipped_fixed_time_is_ignored_by_rfc_5545_and_fired_at_the_gap_end_here() -> None:
    schedule = StartSchedule(hours=[2], mins=[30], tz="America/New_York")
    start = datetime(2026, 3, 7)
    text = to_rrule(schedule, dtstart=start)
    assert (
        text
        == "DTSTART;TZID=America/New_York:20260307T023000\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=30"
    )
    ny = ZoneInfo("America/New_York")
    occurrences = list(itertools.islice(rrulestr(text, forceset=True, tzids=ZoneInfo), 3))
    # dateutil yields 02:30 on 8 March, a wall time that does not exist; RFC 5545 ignores it.
    assert [o.isoformat() for o in occurrences][1] == "2026-03-08T02:30:00-05:00"
    assert not _exists(occurrences[1])
    runs = schedule.runs_between(start, datetime(2026, 3, 10))
    assert [run.isoformat() for run in runs] == [
        "2026-03-07T02:30:00-05:00",
        "2026-03-08T03:00:00-04:00",  # the library: at the end of the gap
        "2026-03-09T02:30:00-04:00",
    ]
    assert dateutil_instants(text, start.replace(tzinfo=ny), datetime(2026, 3, 10, tzinfo=ny)) == [
        runs[0].astimezone(UTC),
        runs[2].astimezone(UTC),
    ]


def test_a_repeated_wall_time_is_one_occurrence_for_dateutil_and_two_runs_here() -> None:
    schedule = StartSchedule(mins=[30], tz="America/New_York")  # every hour: no fixed time
    start, end = datetime(2026, 11, 1, 0), datetime(2026, 11, 1, 3)
    text = to_rrule(schedule, dtstart=start)
    assert text.endswith("RRULE:FREQ=HOURLY;BYMINUTE=30")
    ny = ZoneInfo("America/New_York")
    theirs = [
        o.strftime("%H:%M%z")
        for o in rrulestr(text, tzids=ZoneInfo).between(
            start.replace(tzinfo=ny), end.replace(tzinfo=ny)
        )
    ]
    ours = [run.strftime("%H:%M%z") for run in schedule.runs_between(start, end)]
    assert theirs == ["00:30-0400", "01:30-0400", "02:30-0500"]
    assert ours == ["00:30-0400", "01:30-0400", "01:30-0500", "02:30-0500"]
    # A fixed time in the repeated hour runs once on both sides, at the first 01:30.
    fixed = StartSchedule(hours=[1], mins=[30], tz="America/New_York")
    fixed_text = to_rrule(fixed, dtstart=start)
    once = rrulestr(fixed_text, tzids=ZoneInfo).between(
        start.replace(tzinfo=ny), end.replace(tzinfo=ny)
    )
    assert [o.astimezone(UTC) for o in once] == [
        r.astimezone(UTC) for r in fixed.runs_between(start, end)
    ]


# -- to_rrule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "rule"),
    [
        (StartSchedule(), "FREQ=MINUTELY"),
        (StartSchedule(mins=[0, 30]), "FREQ=HOURLY;BYMINUTE=0,30"),
        (StartSchedule(hours=[9], mins=[0]), "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        (
            StartSchedule(hours=[9], mins=[0], wdays=[1, 5]),
            "FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=9;BYMINUTE=0",
        ),
        (
            StartSchedule(hours=[9], mins=[0], mdays=[13], wdays=[5], months=[1, 2]),
            "FREQ=MONTHLY;BYMONTH=1,2;BYMONTHDAY=13;BYDAY=FR;BYHOUR=9;BYMINUTE=0",
        ),
        (
            StartSchedule(hours=list(range(24)), mins=[0]),
            "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=0",
        ),
        (StartSchedule(hours=[9], wdays=[0]), "FREQ=MINUTELY;BYDAY=SU;BYHOUR=9"),
        (
            StartSchedule(hours=[9], mins=[0], years=[2026, 2027]),
            "FREQ=DAILY;UNTIL=20271231T235959Z;BYHOUR=9;BYMINUTE=0",
        ),
        (
            StartSchedule(hours=[9], mins=[0], years=[2025, 2026, 9999]),
            "FREQ=DAILY;BYHOUR=9;BYMINUTE=0",
        ),
    ],
)
def test_rule_lines(schedule: StartSchedule, rule: str) -> None:
    if schedule.years == (2025, 2026, 9999):
        # 2027-9998 are left out but would have runs: refused; from 9999 on it is exact.
        with pytest.raises(RRuleConversionError) as caught:
            to_rrule(schedule, dtstart=datetime(2026, 6, 1))
        assert (caught.value.field, caught.value.value) == ("years", [2025, 2026, 9999])
        assert "2027" in str(caught.value.reason) and caught.value.rule is None
        text = to_rrule(schedule, dtstart=datetime(9999, 1, 1))
        assert text == "DTSTART:99990101T090000Z\nRRULE:" + rule
        return
    text = to_rrule(schedule, dtstart=datetime(2026, 1, 1))
    assert text.split("\n")[1] == "RRULE:" + rule
    assert from_rrule(text)[0].mins == schedule.mins


def test_dtstart_is_the_first_run_and_until_is_utc_in_a_zone() -> None:
    schedule = StartSchedule(hours=[9], mins=[0], wdays=[1], years=[2026], tz="Europe/London")
    text = to_rrule(schedule, dtstart=datetime(2026, 6, 3, tzinfo=UTC))  # a Wednesday
    assert text == (
        "DTSTART;TZID=Europe/London:20260608T090000\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20261231T235959Z;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
    )
    # A start exactly at a run includes it; the zone comes from tz when the schedule has none.
    text = to_rrule(
        StartSchedule(hours=[9], mins=[0]), dtstart=datetime(2026, 6, 3, 9), tz="Asia/Tokyo"
    )
    assert text.startswith("DTSTART;TZID=Asia/Tokyo:20260603T090000\n")
    assert to_rrule(
        StartSchedule(mins=[0]), dtstart=datetime(2026, 1, 1), tz=ZoneInfo("UTC")
    ).startswith("DTSTART:20260101T000000Z")


def test_a_set_shares_one_dtstart_and_merges_the_rules() -> None:
    schedules = (
        StartSchedule(hours=[9], mins=[0], mdays=[13]),
        StartSchedule(hours=[9], mins=[0], wdays=[5]),
    )
    text = to_rrule(schedules, dtstart=datetime(2026, 2, 1), tz="Europe/Moscow")
    assert text == (
        "DTSTART;TZID=Europe/Moscow:20260206T090000\n"
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=13;BYHOUR=9;BYMINUTE=0\n"
        "RRULE:FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0"
    )
    assert from_rrule(text) == tuple(attrs.evolve(item, tz="Europe/Moscow") for item in schedules)
    moscow = ZoneInfo("Europe/Moscow")
    start, end = datetime(2026, 2, 1, tzinfo=moscow), datetime(2027, 2, 1, tzinfo=moscow)
    merged = [run.astimezone(UTC) for run in library_runs(schedules, "Europe/Moscow", start, end)]
    assert dateutil_instants(text, start, end) == merged[:MAX_RUNS]
    # A schedule of the set with no run left is left out; one with none at all is refused.
    gone = StartSchedule(hours=[9], mins=[0], years=[2020])
    assert to_rrule((gone, schedules[0]), dtstart=datetime(2026, 2, 1)).count("RRULE:") == 1


def test_default_dtstart_is_now() -> None:
    schedule = StartSchedule(mins=[0, 15, 30, 45])
    before = datetime.now(UTC)
    text = to_rrule(schedule)
    after = datetime.now(UTC)
    stamp = datetime.strptime(text.split("\n")[0], "DTSTART:%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    low, high = schedule.next_run(before - TICK), schedule.next_run(after - TICK)
    assert low is not None and high is not None and low <= stamp <= high


@pytest.mark.parametrize(
    ("schedule", "kwargs", "error", "field"),
    [
        (StartSchedule(profile=True), {}, RRuleConversionError, "profile"),
        (StartSchedule(years=[2020]), {}, RRuleConversionError, "dtstart"),
        (
            (StartSchedule(tz="UTC"), StartSchedule(tz="Europe/Moscow")),
            {},
            RRuleConversionError,
            "tz",
        ),
        (StartSchedule(), {"tz": timezone(timedelta(hours=3))}, RRuleConversionError, "tz"),
        (StartSchedule(), {"dtstart": "2026-01-01"}, InvalidArgumentError, "dtstart"),
        ("0 9 * * *", {}, InvalidArgumentError, "schedule"),
        ((), {}, InvalidArgumentError, "schedule"),
    ],
)
def test_to_rrule_refusals(
    schedule: object, kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    kwargs.setdefault("dtstart", datetime(2026, 1, 1))
    with pytest.raises(error) as caught:
        to_rrule(schedule, **kwargs)  # type: ignore[arg-type]
    assert getattr(caught.value, "field", None) == field
    assert str(caught.value).startswith(field)


# -- from_rrule -------------------------------------------------------------------------

_READ = [
    # (text, the schedules' fields as (mins, hours, mdays, wdays, months, years, tz))
    ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0", [((0,), (9,), (), (), (), (), None)]),
    (
        "rrule:freq=weekly;byday=mo,we;byhour=9;byminute=30;wkst=su",
        [((30,), (9,), (), (1, 3), (), (), None)],
    ),
    (
        "FREQ=MONTHLY;BYDAY=1MO,1TU;BYHOUR=9;BYMINUTE=0",
        [((0,), (9,), tuple(range(1, 8)), (1, 2), (), (), None)],
    ),
    (
        "FREQ=YEARLY;BYMONTH=3;BYDAY=+2SU;BYHOUR=2;BYMINUTE=0",
        [((0,), (2,), tuple(range(8, 15)), (0,), (3,), (), None)],
    ),
    ("FREQ=YEARLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0", [((0,), (9,), (), (5,), (), (), None)]),
    (
        "DTSTART;TZID=America/New_York:20260315T090000\nRRULE:FREQ=YEARLY",
        [((0,), (9,), (15,), (), (3,), (), "America/New_York")],
    ),
    (
        "DTSTART:20260315T090000Z\r\nRRULE:FREQ=YEARLY;BYMONTH=3,9",
        [((0,), (9,), (15,), (), (3, 9), (), "UTC")],
    ),
    ("DTSTART:20260315T091500\nRRULE:FREQ=MONTHLY", [((15,), (9,), (15,), (), (), (), None)]),
    ("DTSTART:20260316T091500\nRRULE:FREQ=WEEKLY", [((15,), (9,), (), (1,), (), (), None)]),
    (
        "DTSTART:20260316T091500\nRRULE:FREQ=HOURLY;INTERVAL=6",
        [((15,), (3, 9, 15, 21), (), (), (), (), None)],
    ),
    (
        "DTSTART:20260316T091500\nRRULE:FREQ=MINUTELY;INTERVAL=20",
        [((15, 35, 55), (), (), (), (), (), None)],
    ),
    (
        "DTSTART:20260316T091500\nRRULE:FREQ=MINUTELY;INTERVAL=20;BYMINUTE=15,20,35",
        [((15, 35), (), (), (), (), (), None)],
    ),
    (
        "DTSTART:20260216T091500\nRRULE:FREQ=MONTHLY;INTERVAL=3",
        [((15,), (9,), (16,), (), (2, 5, 8, 11), (), None)],
    ),
    (
        "DTSTART;TZID=Europe/London:20260101T090000\n"
        "RRULE:FREQ=DAILY;UNTIL=20271231T235959Z;BYHOUR=9;BYMINUTE=0",
        [((0,), (9,), (), (), (), (2026, 2027), "Europe/London")],
    ),
    (
        "DTSTART;TZID=Europe/London:20260101T090000\n"
        "RRULE:FREQ=DAILY;UNTIL=20261231T090000Z;BYHOUR=9;BYMINUTE=0",  # the last run itself
        [((0,), (9,), (), (), (), (2026,), "Europe/London")],
    ),
    (
        "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0\n"
        " \nRRULE:FREQ=HOURLY;BYMINUTE=0;BY\n MONTH=1",  # a folded line
        [((0,), (9,), (), (), (), (), "UTC"), ((0,), (), (), (), (1,), (), "UTC")],
    ),
]


@pytest.mark.parametrize(("text", "fields"), _READ)
def test_from_rrule_reads_the_rule_as_dateutil_does(
    text: str, fields: list[tuple[object, ...]]
) -> None:
    schedules = from_rrule(text)
    names = ("mins", "hours", "mdays", "wdays", "months", "years", "tz")
    assert [tuple(getattr(item, name) for name in names) for item in schedules] == fields
    # The oracle: dateutil's occurrences of the same text (a DTSTART is added where the
    # text has none: every part the rule needs is then given, so it changes nothing).
    oracle_text = text if "DTSTART" in text else "DTSTART:20260101T000000\n" + text
    zone = schedules[0].tz or "UTC"
    local = ZoneInfo(zone)
    start = datetime(2026, 1, 1, tzinfo=local)
    if "DTSTART" in text:
        head = text.split("\n", maxsplit=1)[0].strip()
        wall = datetime.strptime(head.rstrip("Z")[-15:], "%Y%m%dT%H%M%S")
        start = wall.replace(tzinfo=local)
    rules = rrulestr(
        oracle_text,
        forceset=True,
        unfold=True,
        tzids=ZoneInfo,
        ignoretz="TZID" not in text and "Z" not in text.split("\n", maxsplit=1)[0],
    )
    end = start + timedelta(days=800)
    theirs: list[datetime] = []
    for occurrence in rules:
        aware = occurrence if occurrence.tzinfo else occurrence.replace(tzinfo=local)
        if aware.astimezone(UTC) >= end.astimezone(UTC) or len(theirs) == MAX_RUNS:
            break
        theirs.append(aware.astimezone(UTC))
    ours = [run.astimezone(UTC) for run in library_runs(schedules, zone, start, end)][:MAX_RUNS]
    assert theirs == ours


_REFUSED = [
    ("FREQ=DAILY;COUNT=10;BYHOUR=9;BYMINUTE=0", "COUNT", "counts runs"),
    ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", "BYSETPOS", "position"),
    ("FREQ=YEARLY;BYWEEKNO=20;BYHOUR=9;BYMINUTE=0", "BYWEEKNO", "week"),
    ("FREQ=YEARLY;BYYEARDAY=100;BYHOUR=9;BYMINUTE=0", "BYYEARDAY", "days of the year"),
    ("FREQ=SECONDLY", "FREQ", "frequency"),
    ("BYHOUR=9", "line", "content line"),
    ("RRULE:BYHOUR=9", "FREQ", "frequency"),
    ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=30", "BYSECOND", "is not 0"),
    ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;FOO=1", "FOO", "not a rule part"),
    ("FREQ=DAILY;BYHOUR=9;BYHOUR=10;BYMINUTE=0", "BYHOUR", "twice"),
    ("FREQ=DAILY;BYHOUR;BYMINUTE=0", "RRULE", "KEY=VALUE"),
    ("FREQ=DAILY;BYHOUR=24;BYMINUTE=0", "BYHOUR", "out of range"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0", "BYMONTHDAY", "counts from the end"),
    ("FREQ=WEEKLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0", "BYMONTHDAY", "WEEKLY"),
    ("FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=9;BYMINUTE=0", "BYDAY", "the last"),
    ("FREQ=MONTHLY;BYDAY=1MO,2TU;BYHOUR=9;BYMINUTE=0", "BYDAY", "mixed"),
    ("FREQ=MONTHLY;BYDAY=1MO,TU;BYHOUR=9;BYMINUTE=0", "BYDAY", "mixed"),
    ("FREQ=WEEKLY;BYDAY=1MO;BYHOUR=9;BYMINUTE=0", "BYDAY", "outside a month"),
    ("FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=3;BYHOUR=9;BYMINUTE=0", "BYDAY", "BYMONTHDAY"),
    ("FREQ=WEEKLY;BYDAY=XX;BYHOUR=9;BYMINUTE=0", "BYDAY", "not a weekday"),
    ("FREQ=DAILY;INTERVAL=2;BYHOUR=9;BYMINUTE=0", "INTERVAL", "skips daily periods"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "INTERVAL", "skips weekly"),
    ("DTSTART:20260101T000000\nRRULE:FREQ=MINUTELY;INTERVAL=7", "INTERVAL", "does not divide"),
    ("DTSTART:20260101T000000\nRRULE:FREQ=HOURLY;INTERVAL=0", "INTERVAL", "positive"),
    ("FREQ=HOURLY;INTERVAL=2;BYMINUTE=0", "INTERVAL", "DTSTART, which is missing"),
    ("FREQ=DAILY;BYMINUTE=0", "BYHOUR", "no DTSTART"),
    ("FREQ=WEEKLY;BYHOUR=9;BYMINUTE=0", "BYDAY", "no DTSTART"),
    ("FREQ=MONTHLY;BYHOUR=9;BYMINUTE=0", "BYMONTHDAY", "no DTSTART"),
    (
        "FREQ=YEARLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0;UNTIL=20271231T000000Z",
        "UNTIL",
        "needs DTSTART",
    ),
    ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20260601T000000Z", "UNTIL", "inside 2026"),
    (
        "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20251231T000000Z",
        "UNTIL",
        "before DTSTART",
    ),
    ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;UNTIL=2027", "UNTIL", "not a date-time"),
    (
        "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20271340T000000Z",
        "UNTIL",
        "not a real date",
    ),
    ("DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=DAILY", "DTSTART", "without a time"),
    ("DTSTART:20260101T090030Z\nRRULE:FREQ=DAILY", "DTSTART", "whole minute"),
    ("DTSTART:20260230T090000Z\nRRULE:FREQ=DAILY", "DTSTART", "not a real date"),
    ("DTSTART:20260101T090000Z\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", "DTSTART", "twice"),
    ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;BYHOUR=10", "DTSTART", "not an occurrence"),
    ("DTSTART:20260101T090000Z", "RRULE", "missing"),
    ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY\nEXDATE:20260102T090000Z", "EXDATE", "removes"),
    ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY\nRDATE:20260102T100000Z", "RDATE", "adds"),
    ("DTSTART:20260101T090000Z\nEXRULE:FREQ=WEEKLY\nRRULE:FREQ=DAILY", "EXRULE", "subtract"),
    ("DTSTART:20260101T090000Z\nSUMMARY:Mailing\nRRULE:FREQ=DAILY", "SUMMARY", "not a recurrence"),
]


@pytest.mark.parametrize(("text", "field", "reason"), _REFUSED)
def test_from_rrule_refusals_name_the_part_and_why(text: str, field: str, reason: str) -> None:
    with pytest.raises(RRuleConversionError) as caught:
        from_rrule(text)
    error = caught.value
    assert error.field == field and reason in str(error.reason), str(error)
    assert error.rule == text and error.allowed
    assert str(error).startswith(f"{field}: ")


def test_from_rrule_refuses_unknown_zones_and_non_text() -> None:
    with pytest.raises(UnknownTimeZoneError):
        from_rrule("DTSTART;TZID=Mars/Olympus:20260101T090000\nRRULE:FREQ=DAILY")
    with pytest.raises(InvalidArgumentError) as caught:
        from_rrule(b"FREQ=DAILY")  # type: ignore[arg-type]
    assert caught.value.field == "text"

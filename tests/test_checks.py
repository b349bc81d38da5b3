"""``check``: one example per finding code, in real zones, and properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from altcraft_schedule._checks import (
    CODES,
    DST_GAP,
    DST_OVERLAP,
    LEVELS,
    MDAYS_AND_WDAYS,
    NEVER_FIRES,
    NONEXISTENT_DAYS,
    TOO_FREQUENT,
    UNKNOWN_TZ,
    Finding,
    check,
)
from altcraft_schedule._errors import InvalidArgumentError, UnknownTimeZoneError
from altcraft_schedule._schedule import StartSchedule
from altcraft_schedule.strategies import start_schedules

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
SANTIAGO = ZoneInfo("America/Santiago")

# Each code always comes with the same level.
LEVEL_OF = {
    UNKNOWN_TZ: "error",
    NEVER_FIRES: "error",
    NONEXISTENT_DAYS: "warning",
    MDAYS_AND_WDAYS: "info",
    TOO_FREQUENT: "warning",
    DST_GAP: "warning",
    DST_OVERLAP: "info",
}


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def dst_codes(findings: list[Finding]) -> list[str]:
    return [code for code in codes(findings) if code in (DST_GAP, DST_OVERLAP)]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [finding for finding in findings if finding.code == code]
    assert len(matching) == 1, findings
    return matching[0]


def daily(hour: int, minute: int, tz: str | None = None, **fields: Any) -> StartSchedule:
    return StartSchedule(mins=[minute], hours=[hour], tz=tz, **fields)


# -- a plain schedule ------------------------------------------------------------------


def test_plain_schedule_has_no_findings() -> None:
    assert check(daily(9, 0, "Europe/Moscow"), now=NOW) == []
    assert check(StartSchedule(mins=[0], hours=[10], wdays=[1, 2, 3, 4, 5]), now=NOW) == []


def test_finding_is_frozen_and_validated() -> None:
    finding = Finding("info", MDAYS_AND_WDAYS, "text")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.level = "error"  # type: ignore[misc]
    with pytest.raises(ValueError, match="level"):
        Finding("fatal", MDAYS_AND_WDAYS, "text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="code"):
        Finding("info", "no-such-code", "text")  # type: ignore[arg-type]
    assert set(LEVEL_OF) == set(CODES)
    assert LEVELS == ("error", "warning", "info")


# -- unknown-tz ------------------------------------------------------------------------


def test_unknown_schedule_zone_is_reported_not_raised() -> None:
    schedule = daily(2, 30, "Mars/Olympus_Mons")
    with pytest.raises(UnknownTimeZoneError):
        schedule.next_run(NOW)
    findings = check(schedule, now=NOW)
    finding = only(findings, UNKNOWN_TZ)
    assert finding.level == "error"
    assert "Mars/Olympus_Mons" in finding.message
    # Never-fires, too-frequent's run scan and the DST checks need the zone: skipped.
    assert codes(findings) == [UNKNOWN_TZ]


def test_unknown_account_zone_is_reported() -> None:
    findings = check(StartSchedule(), tz="Nowhere/City", now=NOW)
    assert codes(findings) == [UNKNOWN_TZ, TOO_FREQUENT]
    assert "Nowhere/City" in findings[0].message
    # The time-of-day table needs no zone; without one there is no run time to point at.
    assert findings[1].when is None


def test_unknown_zone_still_reports_impossible_days() -> None:
    findings = check(StartSchedule(mdays=[31], months=[4], tz="Mars/Base"), now=NOW)
    assert codes(findings) == [UNKNOWN_TZ, NEVER_FIRES]
    assert "April" in findings[1].message


def test_the_schedule_zone_wins_over_an_unknown_account_zone() -> None:
    assert check(daily(9, 0, "Europe/Moscow"), tz="Nowhere/City", now=NOW) == []


# -- never-fires -----------------------------------------------------------------------


def test_past_years_never_fire_and_the_last_run_is_given() -> None:
    schedule = daily(9, 0, years=[2020, 2021])
    finding = only(check(schedule, now=NOW), NEVER_FIRES)
    assert finding.level == "error"
    assert "before 2026" in finding.message
    assert "2021" in finding.message
    assert finding.when == datetime(2021, 12, 31, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert finding.when == schedule.previous_run(NOW)


def test_runs_already_past_this_year() -> None:
    schedule = daily(9, 0, months=[1], years=[2026])
    finding = only(check(schedule, now=NOW), NEVER_FIRES)
    assert finding.when == datetime(2026, 1, 31, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert check(schedule, now=datetime(2026, 1, 10)) == []


def test_a_day_that_never_exists() -> None:
    findings = check(StartSchedule(mdays=[30, 31], months=[2]), now=NOW)
    # Reported once, as never-fires, not again as nonexistent-days.
    assert codes(findings) == [NEVER_FIRES]
    assert "days 30 and 31 never occur in February" in findings[0].message
    assert findings[0].when is None


def test_february_29_of_non_leap_years_never_fires() -> None:
    schedule = daily(12, 0, mdays=[29], months=[2], years=[2026, 2027])
    finding = only(check(schedule, now=NOW), NEVER_FIRES)
    assert "leap" in finding.message
    assert NONEXISTENT_DAYS not in codes(check(schedule, now=NOW))
    assert NEVER_FIRES not in codes(check(attrs.evolve(schedule, years=[2026, 2028]), now=NOW))


def test_a_weekday_that_never_falls_on_the_allowed_dates() -> None:
    # 13 January 2026 is a Tuesday.
    schedule = daily(9, 0, mdays=[13], wdays=[5], months=[1], years=[2026])
    findings = check(schedule, now=datetime(2025, 6, 1))
    assert codes(findings) == [NEVER_FIRES, MDAYS_AND_WDAYS]
    assert "mdays=[13]" in findings[0].message
    assert "wdays=[5]" in findings[0].message


# -- nonexistent-days ------------------------------------------------------------------


def test_day_31_in_short_months() -> None:
    finding = only(check(daily(9, 0, mdays=[31]), now=NOW), NONEXISTENT_DAYS)
    assert finding.level == "warning"
    assert "day 31 does not exist in February, April, June, September and November" in (
        finding.message
    )


def test_days_grouped_by_month() -> None:
    finding = only(check(daily(9, 0, mdays=[29, 30, 31]), now=NOW), NONEXISTENT_DAYS)
    assert "days 30 and 31 do not exist in February" in finding.message
    assert "day 31 does not exist in April, June, September and November" in finding.message
    assert "day 29 exists in February only in leap years" in finding.message


def test_day_29_in_february_of_chosen_years() -> None:
    leap_only = daily(9, 0, mdays=[29], months=[2, 3], years=[2028, 2032])
    assert NONEXISTENT_DAYS not in codes(check(leap_only, now=NOW))
    no_leap = attrs.evolve(leap_only, years=[2026, 2027])
    finding = only(check(no_leap, now=NOW), NONEXISTENT_DAYS)
    assert "day 29 does not exist in February" in finding.message


def test_days_that_exist_everywhere_are_fine() -> None:
    assert NONEXISTENT_DAYS not in codes(check(daily(9, 0, mdays=list(range(1, 29))), now=NOW))
    assert NONEXISTENT_DAYS not in codes(check(daily(9, 0, mdays=[31], months=[1, 3]), now=NOW))


# -- mdays-and-wdays -------------------------------------------------------------------


def test_mdays_and_wdays_together() -> None:
    schedule = daily(9, 30, mdays=list(range(1, 8)), wdays=[1, 0])
    finding = only(check(schedule, now=NOW), MDAYS_AND_WDAYS)
    assert finding.level == "info"
    assert "AND" in finding.message and "OR" in finding.message
    assert "1–7" in finding.message
    assert "Monday and Sunday" in finding.message
    assert MDAYS_AND_WDAYS not in codes(check(daily(9, 30, mdays=[1]), now=NOW))
    assert MDAYS_AND_WDAYS not in codes(check(daily(9, 30, wdays=[1]), now=NOW))


# -- too-frequent ----------------------------------------------------------------------


def test_every_five_minutes_is_too_frequent() -> None:
    schedule = StartSchedule(mins=list(range(0, 60, 5)), tz="Europe/London")
    finding = only(check(schedule, now=NOW), TOO_FREQUENT)
    assert finding.level == "warning"
    assert "5 minutes apart" in finding.message
    assert "288 runs" in finding.message
    assert finding.when is not None and isinstance(finding.when, datetime)
    following = schedule.next_run(finding.when)
    assert following is not None
    assert following.timestamp() - finding.when.timestamp() == 300


def test_the_smallest_gap_of_the_day_is_named() -> None:
    schedule = StartSchedule(mins=[0, 10], hours=[9, 18])
    finding = only(check(schedule, now=NOW), TOO_FREQUENT)
    assert "10 minutes apart" in finding.message
    assert finding.when == datetime(2026, 5, 1, 18, 0, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    "schedule",
    [
        StartSchedule(mins=[0]),
        StartSchedule(mins=[0], hours=[0, 1, 2, 3]),
        daily(9, 0),
        StartSchedule(mins=[30], hours=[0, 23]),
    ],
)
def test_an_hour_apart_is_not_too_frequent(schedule: StartSchedule) -> None:
    assert TOO_FREQUENT not in codes(check(schedule, now=NOW))


def test_a_dst_gap_can_bring_runs_closer() -> None:
    # 02:30 does not exist on 2027-03-14 and fires at 03:00, half an hour before 03:30.
    schedule = StartSchedule(mins=[30], hours=[2, 3], tz="America/New_York")
    finding = only(check(schedule, now=NOW), TOO_FREQUENT)
    assert "30 minutes apart" in finding.message
    assert finding.when == datetime(2027, 3, 14, 3, 0, tzinfo=NEW_YORK)


def test_a_thirty_minute_gap_at_lord_howe() -> None:
    schedule = StartSchedule(mins=[0], hours=[2, 3], tz="Australia/Lord_Howe")
    finding = only(check(schedule, now=NOW), TOO_FREQUENT)
    assert finding.when == datetime(2026, 10, 4, 2, 30, tzinfo=LORD_HOWE)


# -- dst-gap ---------------------------------------------------------------------------


def test_gap_in_new_york() -> None:
    schedule = daily(2, 30, "America/New_York")
    finding = only(check(schedule, now=NOW), DST_GAP)
    assert finding.level == "warning"
    assert finding.message == (
        "02:30 does not exist on 2027-03-14 in America/New_York (clocks jump from 02:00 to "
        "03:00); that run fires at 03:00 EDT instead."
    )
    assert finding.when == datetime(2027, 3, 14, 3, 0, tzinfo=NEW_YORK)
    # The engine does what the finding says.
    assert schedule.next_run(datetime(2027, 3, 14, 0, 0)) == finding.when


def test_several_runs_in_one_gap_fire_once() -> None:
    schedule = StartSchedule(mins=[0, 30], hours=[2], tz="America/New_York")
    finding = only(check(schedule, now=NOW), DST_GAP)
    assert finding.message.startswith("02:00 and 02:30 do not exist on 2027-03-14")
    assert "those runs fire once, at 03:00 EDT" in finding.message
    day = schedule.runs_between(datetime(2027, 3, 14), datetime(2027, 3, 15))
    assert day == [finding.when]


def test_gap_run_meeting_a_regular_run() -> None:
    schedule = StartSchedule(mins=[0], hours=list(range(24)), tz="Europe/London")
    finding = only(check(schedule, now=NOW), DST_GAP)
    assert "01:00 does not exist on 2027-03-28" in finding.message
    assert "the 02:00 run is at that instant too" in finding.message
    assert finding.when == datetime(2027, 3, 28, 2, 0, tzinfo=LONDON)


def test_gap_in_london() -> None:
    finding = only(check(daily(1, 30, "Europe/London"), now=NOW), DST_GAP)
    assert "clocks jump from 01:00 to 02:00" in finding.message
    assert finding.when == datetime(2027, 3, 28, 2, 0, tzinfo=LONDON)


def test_half_hour_gap_at_lord_howe() -> None:
    schedule = daily(2, 15, "Australia/Lord_Howe")
    finding = only(check(schedule, now=NOW), DST_GAP)
    assert "clocks jump from 02:00 to 02:30" in finding.message
    assert finding.when == datetime(2026, 10, 4, 2, 30, tzinfo=LORD_HOWE)
    assert schedule.next_run(datetime(2026, 10, 4, 0, 0)) == finding.when


def test_midnight_gap_in_santiago() -> None:
    schedule = daily(0, 30, "America/Santiago")
    finding = only(check(schedule, now=NOW), DST_GAP)
    assert "00:30 does not exist on 2026-09-06" in finding.message
    assert "clocks jump from 00:00 to 01:00" in finding.message
    assert finding.when == datetime(2026, 9, 6, 1, 0, tzinfo=SANTIAGO)
    assert schedule.next_run(datetime(2026, 9, 5, 12, 0)) == finding.when


def test_gap_on_a_day_the_schedule_skips_is_not_reported() -> None:
    # 2027-03-14 is a Sunday.
    schedule = daily(2, 30, "America/New_York", wdays=[1, 2, 3, 4, 5])
    assert DST_GAP not in codes(check(schedule, now=NOW))


def test_non_fixed_schedules_have_no_dst_findings() -> None:
    # An hourly cadence follows the clock: no run in the gap, both runs in the overlap.
    schedule = StartSchedule(mins=[30], tz="America/New_York")
    assert not schedule.is_fixed_time
    assert check(schedule, now=NOW) == []


def test_transitions_beyond_twelve_months_are_not_reported() -> None:
    schedule = StartSchedule(mins=[30], hours=[1, 2], tz="America/New_York")
    # From 2026-11-02: the gap of 2027-03-14 is in the window, the overlap of 2027-11-07 not.
    assert dst_codes(check(schedule, now=datetime(2026, 11, 2))) == [DST_GAP]
    assert dst_codes(check(schedule, now=datetime(2026, 10, 31))) == [DST_OVERLAP, DST_GAP]
    # From 2027-03-12 the window ends before the gap of 2028-03-12 02:00.
    findings = check(schedule, now=datetime(2027, 3, 12))
    assert dst_codes(findings) == [DST_GAP, DST_OVERLAP]
    assert only(findings, DST_GAP).when == datetime(2027, 3, 14, 3, 0, tzinfo=NEW_YORK)


# -- dst-overlap -----------------------------------------------------------------------


def test_overlap_in_new_york() -> None:
    schedule = daily(1, 30, "America/New_York")
    finding = only(check(schedule, now=NOW), DST_OVERLAP)
    assert finding.level == "info"
    assert finding.message == (
        "01:30 happens twice on 2026-11-01 in America/New_York (clocks go back from 02:00 to "
        "01:00); the run fires once, at the first occurrence (01:30 EDT)."
    )
    assert finding.when == datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)
    assert isinstance(finding.when, datetime)
    assert finding.when.utcoffset() == timedelta(hours=-4)
    assert schedule.runs_between(datetime(2026, 11, 1), datetime(2026, 11, 2)) == [finding.when]


def test_overlap_in_london() -> None:
    finding = only(check(daily(1, 15, "Europe/London"), now=NOW), DST_OVERLAP)
    assert "2026-10-25" in finding.message and "(01:15 BST)" in finding.message


def test_half_hour_overlap_at_lord_howe() -> None:
    schedule = daily(1, 45, "Australia/Lord_Howe")
    finding = only(check(schedule, now=NOW), DST_OVERLAP)
    assert "clocks go back from 02:00 to 01:30" in finding.message
    assert finding.when == datetime(2027, 4, 4, 1, 45, tzinfo=LORD_HOWE)
    assert DST_OVERLAP not in codes(check(daily(1, 15, "Australia/Lord_Howe"), now=NOW))


def test_midnight_overlap_in_santiago() -> None:
    schedule = daily(23, 30, "America/Santiago")
    finding = only(check(schedule, now=NOW), DST_OVERLAP)
    assert "23:30 happens twice on 2027-04-03" in finding.message
    assert "clocks go back from 00:00 to 23:00" in finding.message
    assert finding.when == datetime(2027, 4, 3, 23, 30, tzinfo=SANTIAGO)
    assert schedule.runs_between(datetime(2027, 4, 3), datetime(2027, 4, 4, 2)) == [finding.when]


def test_all_dst_findings_in_time_order() -> None:
    schedule = StartSchedule(mins=[30], hours=[1, 2], tz="America/New_York")
    findings = check(schedule, now=NOW)
    # 01:30 EST and the gap's 03:00 EDT are half an hour apart on 2027-03-14.
    assert codes(findings) == [TOO_FREQUENT, DST_OVERLAP, DST_GAP]


# -- arguments -------------------------------------------------------------------------


def test_naive_now_is_wall_time_in_the_zone() -> None:
    schedule = daily(9, 0, "America/New_York", months=[5], years=[2026], mdays=[1])
    # 2026-05-01 08:00 in New York: the 09:00 run is still ahead.
    assert check(schedule, now=datetime(2026, 5, 1, 8, 0)) == []
    assert codes(check(schedule, now=datetime(2026, 5, 1, 9, 0))) == [NEVER_FIRES]
    # 12:00 UTC is 08:00 in New York.
    assert check(schedule, now=NOW) == []


def test_default_now_is_the_current_time() -> None:
    assert codes(check(daily(9, 0, years=[1999]))) == [NEVER_FIRES]
    assert check(daily(9, 0)) == []


@pytest.mark.parametrize("now", ["2026-05-01", 1_777_000_000, date(2026, 5, 1)])
def test_bad_now_is_refused(now: object) -> None:
    with pytest.raises(InvalidArgumentError, match="now"):
        check(daily(9, 0), now=now)  # type: ignore[arg-type]


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="schedule"):
        check({"start_mins": [0]})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="tz"):
        check(daily(9, 0), tz=5, now=NOW)  # type: ignore[arg-type]


# -- properties ------------------------------------------------------------------------

ZONES = [
    None,
    "Asia/Tokyo",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
]


def _values(low: int, high: int, size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(low, high), max_size=size)


schedules = st.builds(
    StartSchedule,
    mins=_values(0, 59, 4),
    # Early hours often, so that DST gaps and overlaps are hit.
    hours=st.one_of(_values(0, 23, 4), _values(0, 3, 2), _values(22, 23, 2)),
    mdays=st.one_of(st.just([]), _values(1, 31, 3), _values(26, 31, 3)),
    wdays=st.one_of(st.just([]), _values(0, 6, 3)),
    months=st.one_of(st.just([]), _values(1, 12, 3)),
    years=st.one_of(st.just([]), _values(2015, 2035, 3)),
    tz=st.sampled_from(ZONES),
)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))


@given(schedules, moments)
def test_check_is_consistent_with_the_engine(schedule: StartSchedule, now: datetime) -> None:
    findings = check(schedule, now=now)
    found = codes(findings)
    for code in found:
        event(code)
    ranks = [min(CODES.index(code), CODES.index(DST_GAP)) for code in found]
    assert ranks == sorted(ranks)  # in CODES order; DST findings last, in time order
    dst_times = [f.when for f in findings if f.code in (DST_GAP, DST_OVERLAP)]
    assert dst_times == sorted(dst_times)  # type: ignore[type-var]
    for finding in findings:
        assert finding.level == LEVEL_OF[finding.code]
        assert finding.message.endswith(".")
    assert (NEVER_FIRES in found) == (schedule.next_run(now) is None)
    assert (MDAYS_AND_WDAYS in found) == bool(schedule.mdays and schedule.wdays)
    if not schedule.is_fixed_time:
        assert DST_GAP not in found and DST_OVERLAP not in found
    for finding in findings:
        if finding.code in (DST_GAP, DST_OVERLAP):
            # The run named by the finding is a real run of the engine.
            assert isinstance(finding.when, datetime)
            # Aware arithmetic with one tzinfo is wall arithmetic: step back in UTC.
            before = finding.when.astimezone(timezone.utc) - timedelta(seconds=1)
            assert schedule.next_run(before) == finding.when


@given(start_schedules(), moments, st.sampled_from([None, "Europe/Moscow", "America/Santiago"]))
def test_check_never_raises_for_valid_schedules(
    schedule: StartSchedule, now: datetime, account_zone: str | None
) -> None:
    findings = check(schedule, tz=account_zone, now=now)
    assert all(finding.code in CODES for finding in findings)
    assert (NEVER_FIRES in codes(findings)) == (schedule.next_run(now, account_zone) is None)


@pytest.mark.parametrize(
    "now",
    [datetime(1, 1, 1), datetime(1, 1, 1, 5, tzinfo=timezone.utc), datetime(9999, 12, 31, 23, 0)],
)
@pytest.mark.parametrize("zone", ["Australia/Lord_Howe", "America/New_York"])
def test_the_ends_of_time(now: datetime, zone: str) -> None:
    schedule = StartSchedule(mins=[0, 30], hours=[2, 3], tz=zone)
    findings = check(schedule, now=now)
    assert (NEVER_FIRES in codes(findings)) == (now.year == 9999)


def test_now_without_a_wall_time_in_the_zone_is_refused() -> None:
    schedule = StartSchedule(tz="Pacific/Kiritimati")  # UTC+14
    with pytest.raises(InvalidArgumentError, match="now"):
        check(schedule, now=datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc))


# -- small things a newcomer hit ------------------------------------------------------


@pytest.mark.parametrize("name", ["next_run", "previous_run", "iter_runs", "runs_between"])
def test_swapped_arguments_name_the_schedule(name: str) -> None:
    import altcraft_schedule

    function = getattr(altcraft_schedule, name)
    moment = datetime(2025, 1, 1)
    extra = (moment,) if name == "runs_between" else ()
    with pytest.raises(InvalidArgumentError) as caught:
        function(moment, StartSchedule(hours=(9,)), *extra)
    assert caught.value.field == "schedule" and caught.value.value == moment
    assert "next_run(schedule, after)" in str(caught.value)


def test_plan_with_a_bad_schedule_raises_the_schedule_error() -> None:
    from altcraft_schedule import CycleLimits, InvalidLimitsError, InvalidScheduleError, plan

    with pytest.raises(InvalidScheduleError) as caught:
        plan("0 9 * * *", CycleLimits(limit=5), start=datetime(2025, 1, 1), cycles=2)  # type: ignore[arg-type]
    assert not isinstance(caught.value, InvalidLimitsError)
    assert caught.value.field == "schedule"

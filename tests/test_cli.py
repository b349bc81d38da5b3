"""The command line: every subcommand in-process (``main([...])``) and as a subprocess."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule import _cli as cli
from altcraft_schedule._checks import check
from altcraft_schedule._cron import schedule_from_cron, schedule_to_cron, schedules_from_cron
from altcraft_schedule._describe import describe
from altcraft_schedule._limits import CycleLimits
from altcraft_schedule._plan import plan
from altcraft_schedule._request import validate_request
from altcraft_schedule._schedule import StartSchedule
from altcraft_schedule.strategies import ZONES, cron_expressions, start_schedules
from fake_altcraft import FakeAltcraft, api_error, http_status

AFTER = "2025-01-01T00:00"
REQUEST: dict[str, Any] = {
    "name": "Weekly digest",
    "data_type": "list",
    "data_id": 12,
    "content": [{"message_id": 15, "subject": "Hello"}],
    "send_channel": "email",
    "start_schedule": {"start_mins": [30], "start_hours": [2], "start_wdays": [0]},
    "limit": 1000,
    "aglimit_count": 500,
    "aglimit_percent": 10,
}
SECRET = "cli-secret-token-4b1d9e0c7a"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(*argv: str, stdin: str | None = None) -> Result:
    """``main(argv)`` in-process, its stdout and stderr captured (usable under Hypothesis,
    where the function-scoped capsys fixture is not)."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(argv))
    finally:
        sys.stdin = old_stdin
    return Result(code, out.getvalue(), err.getvalue())


def run_process(
    *argv: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}  # the autouse fixture removed the token
    return subprocess.run(
        [sys.executable, "-m", "altcraft_schedule", *argv],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=60,
        check=False,
    )


def write_json(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


class TerminalStream(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli.TOKEN_ENV, raising=False)
    monkeypatch.delenv(cli.BASE_URL_ENV, raising=False)


@pytest.fixture
def fake() -> Iterator[FakeAltcraft]:
    with FakeAltcraft(token=SECRET) as server:
        yield server
    assert server.errors == []


@pytest.fixture
def request_file(tmp_path: Path) -> str:
    return write_json(tmp_path / "request.json", REQUEST)


# -- usage ------------------------------------------------------------------------------


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        [],
        ["frobnicate"],
        ["next"],
        ["next", "0 9 * * *", "-n", "0"],
        ["next", "0 9 * * *", "--after", "next tuesday"],
        ["plan", "0 9 * * *", "--limit", "many"],
        ["plan", "0 9 * * *", "--limit", "10", "--grow-percent", "nan"],
        ["convert", "0 9 * * *", "--to", "yaml"],
        ["submit", "x.json", "--base-url", "https://h", "--token", "abc"],
    ):
        assert cli.main(argv) == 2, argv
        captured = capsys.readouterr()
        assert "usage:" in captured.err and captured.out == ""


def test_plan_without_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["plan", "0 9 * * *", "--grow", "5"]) == 2
    err = capsys.readouterr().err
    assert "usage: altcraft-schedule plan" in err and "--limit is required" in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    text = capsys.readouterr().out
    assert all(name in text for name in ("next", "convert", "plan", "check", "submit"))
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == "altcraft-schedule 0.1.0"
    assert cli.main(["submit", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert cli.TOKEN_ENV in help_text and "--token" not in help_text


# -- next -------------------------------------------------------------------------------


def test_next_json_is_the_library_runs(capsys: pytest.CaptureFixture[str]) -> None:
    expr = "0 9 * * 1-5"
    assert cli.main(["next", expr, "--tz", "Europe/Moscow", "--after", AFTER, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    runs = schedule_from_cron(expr).iter_runs(datetime(2025, 1, 1), "Europe/Moscow")
    assert data["runs"] == [run.isoformat() for run in islice(runs, cli.DEFAULT_RUNS)]
    assert data["runs"][0] == "2025-01-01T09:00:00+03:00"
    assert data["after"] == "2025-01-01T00:00:00+03:00"
    assert data["schedules"] == [
        {"start_schedule": schedule_from_cron(expr).to_dict(), "zone": "Europe/Moscow"}
    ]
    assert data["exhausted"] is False


def test_next_human_output_is_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["next", "@daily", "-n", "12", "--tz", "Asia/Tokyo", "--after", AFTER]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "Cron:     @daily",
        f"Schedule: {describe(schedule_from_cron('@daily'))}",
        "Zone:     Asia/Tokyo (--tz, the account's zone)",
        "After:    Wed 2025-01-01 00:00+09:00 JST",
    ]
    assert lines[4] == " 1  Thu 2025-01-02 00:00+09:00 JST"
    assert lines[-1] == "12  Mon 2025-01-13 00:00+09:00 JST"
    assert len(lines) == 16


def _reference_union(expr: str, after: datetime, tz: str, count: int) -> list[datetime]:
    """The first ``count`` runs of a cron, as the set union of its schedules' runs."""
    instants = {
        run.astimezone(UTC): run
        for schedule in schedules_from_cron(expr)
        for run in islice(schedule.iter_runs(after, tz), count)
    }
    return [instants[key] for key in sorted(instants)][:count]


@given(
    expr=cron_expressions(allow_or=True),
    after=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)),
    tz=st.sampled_from(ZONES),
    count=st.integers(1, 12),
)
def test_next_is_the_union_of_the_cron_runs(
    expr: str, after: datetime, tz: str, count: int
) -> None:
    result = run("next", expr, "-n", str(count), "--tz", tz, "--after", after.isoformat(), "--json")
    assert result.code == 0, result.err
    expected = _reference_union(expr, after, tz, count)
    assert result.json()["runs"] == [moment.isoformat() for moment in expected]
    assert result.json()["exhausted"] == (len(expected) < count)


def test_next_or_case_runs_a_day_matching_both_once(capsys: pytest.CaptureFixture[str]) -> None:
    # 2024-01-01 is a Monday and the 1st: both schedules fire, one run.
    assert cli.main(["next", "0 9 1 * MON", "-n", "3", "--after", "2023-12-31", "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert runs == [
        "2024-01-01T09:00:00+00:00",
        "2024-01-08T09:00:00+00:00",
        "2024-01-15T09:00:00+00:00",
    ]
    assert cli.main(["next", "0 9 1 * MON", "-n", "2", "--after", "2023-12-31"]) == 0
    assert "cron's OR day rule" in capsys.readouterr().out


def test_next_overlap_keeps_both_occurrences() -> None:
    # Hourly at :30 in New York, on the night clocks fall back: 01:30 EDT and 01:30 EST.
    result = run(
        "next",
        "30 * * * *",
        "-n",
        "3",
        "--tz",
        "America/New_York",
        "--after",
        "2025-11-02T00:45",
        "--json",
    )
    assert result.json()["runs"] == [
        "2025-11-02T01:30:00-04:00",
        "2025-11-02T01:30:00-05:00",
        "2025-11-02T02:30:00-05:00",
    ]


def test_the_schedules_own_tz_wins(tmp_path: Path) -> None:
    wire = {"start_mins": [0], "start_hours": [9], "tz": "Europe/Berlin"}
    path = write_json(tmp_path / "schedule.json", wire)
    result = run("next", path, "--tz", "Asia/Tokyo", "-n", "2", "--after", AFTER, "--json")
    assert result.json()["runs"] == ["2025-01-01T09:00:00+01:00", "2025-01-02T09:00:00+01:00"]
    assert result.json()["schedules"][0]["zone"] == "Europe/Berlin"
    text = run("next", path, "--tz", "Asia/Tokyo", "--after", AFTER).out
    assert "Europe/Berlin (the schedule's own tz; --tz Asia/Tokyo is the account's zone" in text


def test_after_with_an_offset_is_an_instant() -> None:
    # 06:00 UTC is 09:00 in Moscow: the 09:00 run is not strictly after it.
    result = run(
        "next",
        "0 9 * * *",
        "--tz",
        "Europe/Moscow",
        "-n",
        "1",
        "--after",
        "2025-01-01T06:00:00+00:00",
        "--json",
    )
    assert result.json()["runs"] == ["2025-01-02T09:00:00+03:00"]
    assert result.json()["after"] == "2025-01-01T09:00:00+03:00"


def test_next_without_after_starts_now() -> None:
    before = datetime.now(UTC)
    runs = run("next", "* * * * *", "-n", "1", "--json").json()["runs"]
    assert datetime.fromisoformat(runs[0]) > before


def test_next_reports_the_end_of_a_schedule() -> None:
    result = run("next", "0 9 1 1 * 2025", "-n", "5", "--after", "2024-06-01", "--json")
    assert result.json()["runs"] == ["2025-01-01T09:00:00+00:00"]
    assert result.json()["exhausted"] is True
    text = run("next", "0 9 1 1 * 2025", "-n", "5", "--after", "2024-06-01").out
    assert text.splitlines()[-1] == "No more runs: the schedule never fires after run 1."


def test_schedule_from_stdin_and_files(tmp_path: Path) -> None:
    expected = run("next", "*/20 8 * * *", "--after", AFTER, "--json").json()["runs"]
    wire = json.dumps(schedule_from_cron("*/20 8 * * *").to_dict())
    cron_file = tmp_path / "schedule.cron"
    cron_file.write_text("# the morning\n*/20 8 * * *\n", encoding="utf-8")
    request = write_json(tmp_path / "r.json", {**REQUEST, "start_schedule": json.loads(wire)})
    for argv, stdin in (
        (["-"], "*/20 8 * * *\n"),
        (["-"], wire),
        ([str(cron_file)], None),
        ([request], None),
        ([write_json(tmp_path / "s.json", json.loads(wire))], None),
    ):
        result = run("next", *argv, "--after", AFTER, "--json", stdin=stdin)
        assert result.code == 0, (argv, result.err)
        assert result.json()["runs"] == expected


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["nosuchfile.json"], None, "neither an existing file nor a cron expression"),
        (["0 9 L * *"], None, "'L'"),
        (["0 9 * * *", "--tz", "Mars/Olympus"], None, "Mars/Olympus"),
        (["-"], "{not json", "<stdin>: not valid JSON"),
        (["-"], '{"start_hours": [24]}', "<stdin>: hours (start_hours): 24 is out of range"),
        (["-"], '{"name": "x"}', "unknown key 'name'"),
        (["-"], "[]", "an empty array"),
        (["-"], "", "0 cron lines"),
        (["-"], "0 9 * * *\n0 10 * * *\n", "2 cron lines"),
        (["-"], '{"start_schedule": null}', "start_schedule is null"),
    ],
)
def test_invalid_schedules_exit_1(argv: list[str], stdin: str | None, message: str) -> None:
    result = run("next", *argv, stdin=stdin)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("altcraft-schedule: error: ")
    assert message in result.err
    assert "Traceback" not in result.err


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe{")
    result = run("next", str(binary))
    assert result.code == 1 and "not UTF-8 text" in result.err


# -- convert ----------------------------------------------------------------------------


def test_convert_cron_to_json_and_back(tmp_path: Path) -> None:
    result = run("convert", "*/15 9-18 * * MON-FRI")
    assert result.code == 0
    wire = result.json()
    assert wire == {
        "start_mins": [0, 15, 30, 45],
        "start_hours": list(range(9, 19)),
        "start_mdays": [],
        "start_wdays": [1, 2, 3, 4, 5],
        "start_months": [],
        "start_years": [],
    }
    assert '"start_mins": [0, 15, 30, 45],' in result.out  # arrays on one line
    back = run("convert", write_json(tmp_path / "s.json", wire))
    assert back.code == 0 and back.out == "*/15 9-18 * * 1-5\n"
    assert run("convert", "-", stdin=result.out).out == back.out
    assert run("convert", "*/15 9-18 * * MON-FRI", "--to", "cron").out == back.out


@given(schedule=start_schedules(cron_compatible=True))
def test_convert_agrees_with_the_library(schedule: StartSchedule) -> None:
    expr = schedule_to_cron(schedule)
    to_json = run("convert", expr, "--json")
    assert to_json.code == 0, to_json.err
    assert to_json.json() == {
        "input": "cron",
        "output": "json",
        "results": [schedule.to_dict()],
        "problems": [],
    }
    to_cron = run("convert", "-", "--json", stdin=json.dumps(schedule.to_dict()))
    assert to_cron.json() == {"input": "json", "output": "cron", "results": [expr], "problems": []}


CRONTAB = """\
MAILTO=ops@example.com
# nightly jobs
CRON_TZ=Europe/Moscow
0 9 * * 1-5 /bin/report  # weekdays
61 * * * * /bin/bad

0 9 1 * 1 /bin/either
*/15 * * * *
"""


def _crontab_reference(text: str) -> tuple[list[dict[str, Any]], list[int]]:
    """The expected results and bad line numbers, from the library's read_crontab."""
    from altcraft_schedule import read_crontab

    entries = read_crontab(text)
    results = [
        {
            "line": entry.line,
            "command": entry.command,
            "schedules": [schedule.to_dict() for schedule in entry.schedules],
        }
        for entry in entries
        if entry.schedules
    ]
    return results, [entry.line for entry in entries if not entry.schedules]


def test_convert_reads_a_crontab_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "crontab"
    path.write_text(CRONTAB, encoding="utf-8")
    expected, bad = _crontab_reference(CRONTAB)
    assert [row["line"] for row in expected] == [4, 7, 8] and bad == [5]
    assert expected[0]["schedules"][0]["tz"] == "Europe/Moscow"  # CRON_TZ applies
    assert len(expected[1]["schedules"]) == 2  # cron's OR: the exact union
    for argv, stdin in (([str(path)], None), (["-"], CRONTAB)):
        result = run("convert", *argv, stdin=stdin)
        assert result.code == 1  # a bad line makes the exit status non-zero ...
        assert result.json() == expected  # ... but the other lines still convert
        assert result.err.count("error:") == 1
        assert "line 5: cron '61 * * * *': minute field: '61' is out of range" in result.err
        data = run("convert", *argv, "--json", stdin=stdin).json()
        assert data["input"] == "crontab" and data["results"] == expected
        assert [problem["line"] for problem in data["problems"]] == [5]
        assert data["problems"][0]["message"].startswith("cron '61 * * * *': minute field")
    good = CRONTAB.replace("61 * * * * /bin/bad\n", "")
    assert run("convert", "-", stdin=good).code == 0
    assert run("convert", "-", "--to", "cron", stdin=good).code == 1


def test_convert_one_line_with_a_command_is_a_crontab_and_ambiguity_is_refused() -> None:
    job = run("convert", "-", stdin="0 9 * * 1-5 /usr/bin/backup\n")
    assert job.code == 0
    assert job.json() == [
        {
            "line": 1,
            "command": "/usr/bin/backup",
            "schedules": [schedule_from_cron("0 9 * * 1-5").to_dict()],
        }
    ]
    # Readings differ between dialects: refused with the hint, not read as a crontab.
    ambiguous = run("convert", "-", stdin="*/5 * * * * *\n")
    assert (ambiguous.code, ambiguous.out) == (1, "")
    assert "pass --dialect to choose" in ambiguous.err


def test_convert_one_expression_per_line_in_other_dialects() -> None:
    result = run(
        "convert", "-", "--dialect", "quartz", "--json", stdin="0 0 12 * * ?\n0 0 12 * * X\n"
    )
    assert result.code == 1
    data = result.json()
    assert data["results"] == [
        {"line": 1, "command": "", "schedules": [schedule_from_cron("0 12 * * *").to_dict()]}
    ]
    assert [problem["line"] for problem in data["problems"]] == [2]
    # One line is still one expression, read whole (a trailing year is a year).
    one = run("convert", "-", stdin="0 9 * * * 2026\n")
    assert one.json() == schedule_from_cron("0 9 * * * 2026").to_dict()


def test_dialect_option_and_its_name_in_messages() -> None:
    ambiguous = run("convert", "*/5 * * * * *")
    assert ambiguous.code == 1
    assert "pass --dialect to choose" in ambiguous.err and "dialect=" not in ambiguous.err
    assert "(--dialect spring)" in ambiguous.err
    extras = {"next": ["--after", AFTER], "plan": ["--limit", "5", "--after", AFTER]}
    extras |= {"check": ["--after", AFTER], "calendar": ["--after", AFTER]}
    for command in ("next", "plan", "check", "describe", "calendar", "convert"):
        result = run(command, "0 0 9 ? * MON", "--dialect", "quartz", *extras.get(command, []))
        assert result.code == 0, (command, result.err)
        assert run(command, "0 0 9 ? * MON", *extras.get(command, [])).code == 0  # auto
    described = run("describe", "0 0 9 ? * 2", "--dialect", "quartz")
    assert described.out == "At 09:00, on Mondays.\n"  # Quartz: 2 = Monday
    monday = run("next", "0 0 9 ? * 2", "--dialect", "quartz", "-n", "1", "--after", AFTER)
    assert monday.out.splitlines()[-1] == "1  Mon 2025-01-06 09:00+00:00 UTC"
    stdin = run("describe", "-", "--dialect", "quartz", stdin="0 0 9 ? * 2\n")
    assert stdin.out == described.out


def test_convert_or_case(capsys: pytest.CaptureFixture[str]) -> None:
    expr = "0 9 1,15 * MON"
    assert cli.main(["convert", expr]) == 1
    err = capsys.readouterr().err
    assert "--split" in err and "schedules_from_cron" in err and "OR" in err
    assert cli.main(["convert", expr, "--split"]) == 0
    split = json.loads(capsys.readouterr().out)
    assert split == [schedule.to_dict() for schedule in schedules_from_cron(expr)]
    assert cli.main(["convert", expr, "--split", "--to", "cron"]) == 0
    assert capsys.readouterr().out == "0 9 1,15 * *\n0 9 * * 1\n"
    # The array converts back, and `next` reads it: the runs of the cron itself.
    listed = run("next", "-", "--after", AFTER, "-n", "6", "--json", stdin=json.dumps(split))
    direct = run("next", expr, "--after", AFTER, "-n", "6", "--json")
    assert listed.json()["runs"] == direct.json()["runs"]


def test_convert_single_schedule_split_is_a_list() -> None:
    result = run("convert", "0 9 * * *", "--split")
    assert result.json() == [schedule_from_cron("0 9 * * *").to_dict()]


def test_convert_refusals(tmp_path: Path) -> None:
    both_days = write_json(tmp_path / "both.json", {"start_mdays": [1], "start_wdays": [1]})
    result = run("convert", both_days)
    assert result.code == 1 and "mdays [1] and wdays [1] are both set" in result.err
    extras = write_json(
        tmp_path / "extras.json", {"start_hours": [9], "tz": "Europe/Berlin", "profile": False}
    )
    refused = run("convert", extras)
    assert refused.code == 1
    assert "tz='Europe/Berlin', profile=False" in refused.err and "--drop-extras" in refused.err
    dropped = run("convert", extras, "--drop-extras")
    assert dropped.code == 0 and dropped.out == "* 9 * * *\n"


def test_convert_json_to_json_normalises(tmp_path: Path) -> None:
    path = write_json(tmp_path / "s.json", {"start_wdays": [7, 1, 1], "start_hours": [9]})
    result = run("convert", path, "--to", "json")
    assert result.json() == StartSchedule(wdays=[0, 1], hours=[9]).to_dict()


# -- plan -------------------------------------------------------------------------------

PLAN_ARGS = (
    "--tz",
    "Europe/Moscow",
    "--limit",
    "1000",
    "--grow",
    "500",
    "--grow-percent",
    "10",
    "--audience",
    "20000",
    "--after",
    AFTER,
)


def test_plan_json_is_the_library_plan() -> None:
    result = run("plan", "0 9 * * 1-5", *PLAN_ARGS, "--cycles", "12", "--json")
    assert result.code == 0
    data = result.json()
    expected = plan(
        schedule_from_cron("0 9 * * 1-5"),
        CycleLimits(1000, 500, 10),
        start=datetime(2025, 1, 1),
        tz="Europe/Moscow",
        audience=20_000,
        cycles=12,
    )
    assert data["rows"] == expected.to_dicts()
    assert data["reached_cycle"] == expected.reached_cycle == 16
    assert expected.reached is not None
    assert data["reached"] == expected.reached.to_dict()
    assert data["total_sends"] == expected.total_sends
    assert data["limits"] == {"limit": 1000, "aglimit_count": 500, "aglimit_percent": 10.0}
    assert data["schedule"] == schedule_from_cron("0 9 * * 1-5").to_dict()
    assert (data["zone"], data["after"]) == ("Europe/Moscow", "2025-01-01T00:00:00+03:00")


def test_plan_human_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["plan", "0 9 * * 1-5", *PLAN_ARGS, "--cycles", "12"]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = lines[lines.index("") + 1 : -2]
    assert table[0].split() == ["cycle", "run", "cap", "sends", "cumulative"]
    assert len(table) == 13
    assert len({len(line) for line in table}) == 1  # right-aligned last column
    assert table[1].split() == [
        "1",
        "Wed",
        "2025-01-01",
        "09:00+03:00",
        "MSK",
        "1000",
        "1000",
        "1000",
    ]
    assert lines[-1] == (
        "The cap reaches the audience (20000) at cycle 16, Wed 2025-01-22 09:00+03:00 MSK, "
        "beyond the 12 cycles shown."
    )


@pytest.mark.parametrize(
    ("options", "closing"),
    [
        (["--cycles", "20"], "at cycle 16, Wed 2025-01-22 09:00+03:00 MSK."),
        (["--limit", "0"], "No limit: every cycle sends to the whole audience (20000)."),
        (["--grow", "0", "--grow-percent", "0"], "(20000): it stops growing below it."),
        (
            ["--audience", "200000000", "--grow-percent", "0", "--grow", "1"],
            "at cycle 199999001, more than 100000 runs ahead: its date is not computed.",
        ),
    ],
)
def test_plan_closing_lines(options: list[str], closing: str) -> None:
    result = run("plan", "0 9 * * 1-5", *PLAN_ARGS, *options)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1].endswith(closing)


def test_plan_closing_line_when_the_schedule_ends() -> None:
    result = run(
        "plan",
        "0 9 * * * 2025",
        "--limit",
        "1000",
        "--grow",
        "1",
        "--audience",
        "5000",
        "--after",
        "2025-12-30",
    )
    assert result.out.splitlines()[-1] == (
        "The cap would reach the audience (5000) at cycle 4001, but the schedule stops "
        "firing before that cycle."
    )
    empty = run("plan", "0 9 * * * 2024", "--limit", "10", "--after", AFTER)
    assert (
        "The schedule never fires after 2025-01-01 00:00 UTC: every allowed year is before "
        "2025 (the last is 2024). Its last run was at 2024-12-31 09:00 UTC."
    ) in empty.out
    no_audience = run("plan", "0 9 * * *", "--limit", "10", "--after", AFTER)
    assert "No --audience given" in no_audience.out
    assert len(no_audience.out.splitlines()) == 7 + 1 + cli.DEFAULT_CYCLES + 2


def test_plan_until(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "0 9 * * *", "--limit", "5", "--after", AFTER, "--json"]
    assert cli.main([*argv, "--until", "2025-01-08T09:00"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [row["run"][:10] for row in rows] == [f"2025-01-0{day}" for day in range(1, 8)]
    assert cli.main([*argv, "--until", "2025-01-08T09:00", "--cycles", "3"]) == 0
    assert len(json.loads(capsys.readouterr().out)["rows"]) == 3


def test_plan_percent_is_read_as_a_decimal() -> None:
    result = run(
        "plan",
        "0 9 * * *",
        "--limit",
        "1000",
        "--grow-percent",
        "33.3",
        "--cycles",
        "2",
        "--after",
        AFTER,
        "--json",
    )
    caps = [row["cap"] for row in result.json()["rows"]]
    assert caps == [1000, CycleLimits(1000, 0, Decimal("33.3")).cap(2)] == [1000, 1333]


def test_plan_takes_limits_from_a_request(request_file: str) -> None:
    base = ["plan", request_file, "--audience", "5000", "--after", AFTER, "--json"]
    rows = run(*base).json()["rows"]
    assert [row["cap"] for row in rows[:3]] == [1000, 1600, 2260]
    overridden = run(*base, "--grow", "0").json()
    assert overridden["limits"] == {"limit": 1000, "aglimit_count": 0, "aglimit_percent": 10}
    assert [row["cap"] for row in overridden["rows"][:3]] == [1000, 1100, 1210]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "0 9 * * *", "--limit", "-5"], "limit: -5 is less than 0"),
        (["plan", "0 9 * * *", "--limit", "5", "--audience", "-1"], "audience: -1"),
        (["plan", "0 9 1 * 1", "--limit", "5"], "2 schedules; a plan needs one"),
    ],
)
def test_plan_invalid_input_exits_1(argv: list[str], message: str) -> None:
    result = run(*argv)
    assert result.code == 1 and message in result.err and "Traceback" not in result.err


# -- progress ---------------------------------------------------------------------------


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "PROGRESS_MIN_ROWS", 50)
    argv = ["plan", "* * * * *", "--limit", "1", "--cycles", "200", "--after", AFTER]
    piped = run(*argv)
    assert piped.code == 0 and piped.err == ""
    terminal = TerminalStream()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        monkeypatch.setattr(sys, "stderr", terminal)
        assert cli.main(argv) == 0
    assert "computing the plan" in terminal.getvalue()
    assert "rendering the plan: 100%" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")  # erased before the output
    assert out.getvalue() == piped.out
    short = TerminalStream()
    monkeypatch.setattr(sys, "stderr", short)
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main([*argv[:-4], "--cycles", "10", "--after", AFTER]) == 0
    assert short.getvalue() == ""


# -- check ------------------------------------------------------------------------------


def test_check_a_valid_request(request_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", request_file, "--tz", "America/New_York", "--after", AFTER]
    assert cli.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{request_file}: OK, a valid create request."
    assert lines[1].startswith("  warning [dst-gap] start_schedule: 02:30 does not exist on")
    assert cli.main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    findings = check(
        StartSchedule.from_dict(REQUEST["start_schedule"]), "America/New_York", datetime(2025, 1, 1)
    )
    assert data["valid"] is True and data["problems"] == [] and data["deprecations"] == []
    assert [(f["level"], f["code"], f["message"]) for f in data["findings"]] == [
        (f.level, f.code, f.message) for f in findings
    ]
    assert data["findings"][0]["when"] == "2025-03-09T03:00:00-04:00"


def test_check_lists_every_problem(tmp_path: Path) -> None:
    bad = {
        **REQUEST,
        "name": "",
        "send_channel": "fax",
        "token": SECRET,
        "start_schedule": {"start_hours": [25], "start_wdays": ["Mon"]},
    }
    del bad["data_id"]
    path = write_json(tmp_path / "bad.json", bad)
    result = run("check", path)
    assert result.code == 1
    problems = validate_request(bad)
    assert len(problems) == 5
    lines = result.out.splitlines()
    assert lines[0] == f"{path}: invalid create request, 5 problems:"
    assert lines[1:] == [f"  {problem.path}: {problem.message}" for problem in problems]
    assert {"name", "send_channel", "start_schedule.start_hours", "data_id"} <= {
        problem.path for problem in problems
    }
    as_json = run("check", path, "--json")
    assert as_json.code == 1
    assert as_json.json()["problems"] == [{"path": p.path, "message": p.message} for p in problems]
    assert SECRET not in result.out + result.err + as_json.out


def test_check_strict_and_deprecations(tmp_path: Path) -> None:
    never = {
        **REQUEST,
        "start_schedule": {"start_mdays": [31], "start_months": [2]},
        "content_type": "html",
    }
    path = write_json(tmp_path / "never.json", never)
    never_result = run("check", path, "--after", AFTER)
    # A schedule that never fires is an error: no "OK" beside it, and exit 1.
    assert never_result.code == 1
    assert "OK" not in never_result.out
    assert never_result.out.startswith(f"{path}: a well-formed create request, but its")
    assert "error [never-fires]" in never_result.out
    assert "deprecated: content_type: deprecated" in never_result.out
    dst = write_json(tmp_path / "ok.json", REQUEST)
    assert run("check", dst, "--tz", "America/New_York", "--after", AFTER).code == 0
    strict = run("check", dst, "--tz", "America/New_York", "--after", AFTER, "--strict")
    assert strict.code == 1  # the DST-gap warning fails under --strict
    assert run("check", dst, "--tz", "UTC", "--strict").code == 0


def test_check_a_cron_string_runs_the_schedule_checks() -> None:
    result = run("check", "30 1 * * *", "--tz", "Europe/London", "--after", AFTER)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "30 1 * * *: schedule checked, no errors:"
    assert lines[1].startswith("  warning [dst-gap] 01:30 does not exist on 2025-03-30")
    assert "[dst-overlap]" in lines[2]
    never = run("check", "0 2 31 2 *", "--after", AFTER)
    assert never.code == 1 and "error [never-fires]" in never.out
    quiet = run("check", "0 9 * * *", "--tz", "UTC", "--after", AFTER)
    assert (
        quiet.code == 0 and quiet.out == "0 9 * * *: OK, nothing to report about this schedule.\n"
    )


def test_check_a_schedule_file_is_not_judged_as_a_request(tmp_path: Path) -> None:
    schedule = {"start_mins": [0], "start_mdays": [31], "start_months": [2]}
    path = write_json(tmp_path / "schedule.json", schedule)
    result = run("check", path, "--after", AFTER)
    assert result.code == 1
    assert result.out.count("\n") == 2  # the verdict and one finding, no request problems
    assert "error [never-fires]" in result.out and "data_type" not in result.out
    data = run("check", path, "--after", AFTER, "--json").json()
    assert data["kind"] == "schedule"
    assert [f["code"] for f in data["schedules"][0]["findings"]] == ["never-fires"]
    many = write_json(tmp_path / "many.json", [schedule, {"start_mins": [5]}])
    both = run("check", many, "--after", AFTER)
    assert f"{many}[0]: schedule checked, 1 error:" in both.out
    assert f"{many}[1]: OK, nothing to report about this schedule." in both.out


def test_check_reads_stdin_and_refuses_non_json() -> None:
    assert run("check", "-", stdin=json.dumps(REQUEST)).code == 0
    not_json = run("check", "-", stdin="{name: x}")
    assert not_json.code == 1 and "<stdin>: not valid JSON" in not_json.err
    # Text that is not JSON is read as a cron line, and refused as one.
    not_cron = run("check", "-", stdin="name: x")
    assert not_cron.code == 1 and "cron 'name: x': has 2 fields" in not_cron.err
    array = run("check", "-", stdin="[]")
    assert array.code == 1 and "request: [] is a list" in array.out


# -- describe ---------------------------------------------------------------------------


def test_describe_a_cron_string_in_both_languages() -> None:
    english = run("describe", "0 9 * * 1-5")
    assert english.code == 0 and english.out == "At 09:00, Monday through Friday.\n"
    russian = run("describe", "0 9 * * 1-5", "--lang", "ru", "--tz", "Europe/Moscow")
    assert russian.code == 0
    assert russian.out.endswith("(часовой пояс Europe/Moscow).\n")
    assert run("describe", "0 9 * * 1-5", "--json").json()["description"] == english.out.strip()


def test_describe_a_union_reads_as_one_sentence_with_or() -> None:
    english = run("describe", "0 9 1 * 1").out.strip()
    assert english == "At 09:00, on day 1 of every month, or at 09:00, on Mondays."
    assert english == describe(schedules_from_cron("0 9 1 * 1"))  # the library's sentence
    russian = run("describe", "0 9 1 * 1", "--lang", "ru", "--tz", "Europe/Moscow").out.strip()
    assert russian == (
        "В 09:00 1-го числа каждого месяца или в 09:00 по понедельникам "
        "(часовой пояс Europe/Moscow)."
    )


def test_describe_tz_does_not_override_the_schedule_zone(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "s.json", {"start_mins": [0], "start_hours": [9], "tz": "Asia/Tokyo"}
    )
    result = run("describe", path, "--tz", "Europe/Moscow")
    assert result.out == "At 09:00 every day (time zone Asia/Tokyo).\n"


def test_describe_schedule_and_request_files(tmp_path: Path, request_file: str) -> None:
    schedule = write_json(tmp_path / "s.json", REQUEST["start_schedule"])
    from_schedule = run("describe", schedule)
    assert from_schedule.code == 0
    assert from_schedule.out == run("describe", request_file).out
    assert (
        from_schedule.out.strip() == StartSchedule.from_dict(REQUEST["start_schedule"]).describe()
    )


def test_empty_tz_is_refused_not_read_as_utc() -> None:
    for command in ("describe", "check"):
        result = run(command, "0 9 * * *", "--tz", "")
        assert result.code == 1 and "--tz: '' is empty" in result.err


# -- calendar ---------------------------------------------------------------------------


def test_calendar_marks_run_days_times_and_dst() -> None:
    result = run(
        "calendar",
        "30 1 * * 1,3",
        "--tz",
        "Europe/London",
        "--after",
        "2025-03-10",
        "--months",
        "2",
    )
    assert result.code == 0 and "\x1b" not in result.out  # no colour off a terminal
    lines = result.out.splitlines()
    assert lines[2].strip() == "March 2025" and lines[3] == "Mo  Tu  We  Th  Fr  Sa  Su"
    marked = {int(m[:-1]) for line in lines[4:10] for m in line.split() if m.endswith("*")}
    # brute force: the Mondays and Wednesdays of March 2025
    assert marked == {d for d in range(1, 32) if date(2025, 3, d).weekday() in (0, 2)}
    assert all(line.endswith("01:30") for line in lines[5:10])
    assert "30!" in lines[8] and "! 30 Mar: clocks change from UTC+00:00 to UTC+01:00" in result.out
    assert "April 2025" in result.out


def test_calendar_sunday_first_and_json() -> None:
    sunday = run("calendar", "0 9 * * 1-5", "--after", "2025-03-01", "--first-day", "sunday")
    assert sunday.out.splitlines()[3] == "Su  Mo  Tu  We  Th  Fr  Sa"
    data = run("calendar", "0 9 * * 1-5", "--after", "2025-03-01", "--json").json()
    days = data["months"][0]["days"]
    weekdays = [date(2025, 3, d) for d in range(1, 32) if date(2025, 3, d).weekday() < 5]
    assert days == {d.isoformat(): [f"{d.isoformat()}T09:00:00+00:00"] for d in weekdays}


def test_calendar_keeps_both_runs_of_a_repeated_hour() -> None:
    data = run(
        "calendar", "30 * * * *", "--tz", "America/New_York", "--after", "2026-11-01", "--json"
    ).json()
    first_of_november = data["months"][0]["days"]["2026-11-01"]
    assert first_of_november[1:3] == ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"]
    assert len(first_of_november) == 25


def test_calendar_colours_only_on_a_terminal() -> None:
    out = TerminalStream()
    with contextlib.redirect_stdout(out):
        assert cli.main(["calendar", "0 9 * * 1", "--after", "2025-03-01"]) == 0
    assert "\x1b[" in out.getvalue()


# -- plan --chart / --svg -------------------------------------------------------------

CHART_ARGS = ("plan", "0 9 * * 1-5", "--limit", "1000", "--grow", "500", "--audience", "4000")


def test_plan_chart_bars_follow_the_caps_and_the_audience() -> None:
    result = run(*CHART_ARGS, "--cycles", "8", "--after", AFTER, "--chart")
    assert result.code == 0
    lines = result.out.splitlines()
    start = lines.index("█ messages sent  ░ cap not used  | audience")
    bars = lines[start + 1 :]
    assert len(bars) == 8
    sent = [bar.count("█") for bar in bars]
    assert sent == sorted(sent) and sent[-1] == sent[-2]  # the audience caps the sends
    assert bars[-1].endswith("cap 4500, sent 4000") and "░" in bars[-1]
    assert bars[0].endswith("cap 1000, sent 1000") and "|" in bars[0]


def test_plan_svg_renders_to_a_non_blank_image(tmp_path: Path) -> None:
    cairosvg = pytest.importorskip("cairosvg")
    image_module = pytest.importorskip("PIL.Image")
    svg = tmp_path / "plan.svg"
    result = run(*CHART_ARGS, "--cycles", "6", "--after", AFTER, "--svg", str(svg))
    assert result.code == 0
    png = cairosvg.svg2png(bytestring=svg.read_bytes())
    image = image_module.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 3  # background, bars, text, audience line
    blue = sum(count for count, rgb in colours if rgb == (0x2E, 0x86, 0xDE))
    assert blue > 1000  # the sends bars are drawn
    assert run(*CHART_ARGS, "--svg", str(tmp_path / "no" / "x.svg")).code == 1


# -- small things a newcomer hit -------------------------------------------------------


def test_negative_grow_percent_shows_the_number_as_typed() -> None:
    result = run("plan", "0 9 * * *", "--limit", "1000", "--grow-percent=-5", "--cycles", "2")
    assert result.code == 1
    assert "--grow-percent: -5 is negative" in result.err and "Decimal(" not in result.err


def test_a_byte_order_mark_is_accepted_by_every_command(tmp_path: Path) -> None:
    bom = tmp_path / "bom.json"
    bom.write_text(json.dumps(REQUEST), encoding="utf-8-sig")
    plain = write_json(tmp_path / "plain.json", REQUEST)
    for command in ("next", "convert", "check", "describe", "calendar", "plan"):
        extra = ["--after", AFTER] if command in ("next", "check", "calendar", "plan") else []
        with_bom, without = run(command, str(bom), *extra), run(command, plain, *extra)
        assert with_bom.code == without.code == 0, (command, with_bom.err)
        assert with_bom.out.replace(str(bom), "F") == without.out.replace(plain, "F")
    dry = ["--base-url", "https://altcraft.example", "--dry-run"]
    assert run("submit", str(bom), *dry).out == run("submit", plain, *dry).out != ""
    stdin = run("describe", "-", stdin="\ufeff" + json.dumps(REQUEST))
    assert stdin.code == 0 and stdin.out == run("describe", plain).out


def test_until_before_after_is_named_as_the_problem() -> None:
    for until in ("2025-01-01", "2025-02-01T00:00"):
        result = run(
            "plan", "0 9 * * *", "--limit", "10", "--after", "2025-02-01", "--until", until
        )
        assert result.code == 1 and result.out == ""
        assert f"--until: {datetime.fromisoformat(until).isoformat()} is not after --after" in (
            result.err
        )
    without_after = run("plan", "0 9 * * *", "--limit", "10", "--until", "2000-01-01")
    assert without_after.code == 1 and "is not after now (" in without_after.err
    # An --until before the first run is a plan without rows, and says why.
    short = run(
        "plan", "0 9 * * *", "--limit", "10", "--after", "2025-02-01T10:00", "--until",
        "2025-02-02T08:00",
    )  # fmt: skip
    assert short.code == 0 and "No run between --after and --until." in short.out


def test_a_schedule_whose_years_are_past_says_so(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "s.json", {"start_mins": [0], "start_hours": [9], "start_years": [2020]}
    )
    result = run("next", path, "--after", AFTER)
    assert result.code == 0
    assert result.out.splitlines()[-1] == (
        "The schedule never fires after 2025-01-01 00:00 UTC: every allowed year is before "
        "2025 (the last is 2020). Its last run was at 2020-12-31 09:00 UTC."
    )
    assert "after run 0" not in result.out
    # A schedule that ran out after some runs still says how many.
    ended = run("next", "0 9 * * * 2025", "--after", "2025-12-30")
    assert ended.out.splitlines()[-1] == "No more runs: the schedule never fires after run 2."


def test_empty_tz_is_refused_by_every_command() -> None:
    for argv in (["next"], ["plan", "--limit", "5"], ["check"], ["describe"], ["calendar"]):
        result = run(argv[0], "0 9 * * *", *argv[1:], "--tz", "")
        assert (result.code, result.out) == (1, ""), argv
        assert "--tz: '' is empty" in result.err, argv


def test_the_or_message_has_no_double_space() -> None:
    result = run("convert", "0 9 1 * 1")
    assert result.code == 1 and "(OR)" in result.err and "  " not in result.err


# -- submit -----------------------------------------------------------------------------


def test_submit_creates_the_mailing(
    fake: FakeAltcraft, request_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.TOKEN_ENV, SECRET)
    result = run("submit", request_file, "--base-url", fake.base_url, "--json")
    assert result.code == 0, result.err
    data = result.json()
    [mailing] = fake.mailings
    [sent] = fake.requests
    assert data == {
        "saved_id": mailing.saved_id,
        "request_id": sent.request_id,
        "duplicate": False,
        "attempts": 1,
    }
    assert (
        mailing.params["start_schedule"]
        == StartSchedule.from_dict(REQUEST["start_schedule"]).to_dict()
    )
    assert SECRET not in result.out + result.err


def test_submit_human_output_and_duplicates(
    fake: FakeAltcraft, request_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.TOKEN_ENV, SECRET)
    argv = ["submit", request_file, "--base-url", fake.base_url, "--request-id", "key-1"]
    first, second = run(*argv), run(*argv)
    assert first.out.splitlines() == [
        f"saved_id:   {fake.mailings[0].saved_id}",
        "request_id: key-1",
        "duplicate:  no",
        "attempts:   1",
    ]
    assert "duplicate:  yes" in second.out
    assert len(fake.mailings) == 1


def test_submit_without_a_token_sends_nothing(fake: FakeAltcraft, request_file: str) -> None:
    result = run("submit", request_file, "--base-url", fake.base_url)
    assert result.code == 1
    assert f"{cli.TOKEN_ENV} is not set" in result.err
    assert fake.requests == []


def test_submit_errors_never_show_the_token(
    fake: FakeAltcraft, request_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.TOKEN_ENV, "wrong-" + SECRET)
    rejected = run("submit", request_file, "--base-url", fake.base_url)
    assert rejected.code == 1
    assert "Altcraft API error 401: API token required (request ID " in rejected.err
    fake.enqueue(api_error(400, f"bad token wrong-{SECRET}"))  # a server echoing it
    echoed = run("submit", request_file, "--base-url", fake.base_url)
    assert echoed.code == 1 and "bad token ***" in echoed.err
    http = run("submit", request_file, "--base-url", "http://example.com")
    assert http.code == 1 and "plain http" in http.err
    for result in (rejected, echoed, http):
        assert SECRET not in result.out + result.err
    assert fake.mailings == []


def test_submit_retries_and_shows_progress_on_a_terminal(
    fake: FakeAltcraft, request_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.TOKEN_ENV, SECRET)
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    fake.enqueue(http_status(503))
    terminal = TerminalStream()
    out = io.StringIO()
    monkeypatch.setattr(sys, "stderr", terminal)
    with contextlib.redirect_stdout(out):
        code = cli.main(["submit", request_file, "--base-url", fake.base_url, "--json"])
    assert code == 0
    assert json.loads(out.getvalue())["attempts"] == 2
    assert "no answer yet; attempt 2 in" in terminal.getvalue()
    assert SECRET not in terminal.getvalue()
    assert len(fake.mailings) == 1


def test_dry_run_is_the_body_sent(
    fake: FakeAltcraft, request_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for sent_before, body_format in enumerate(("json", "xml")):
        monkeypatch.setenv(cli.TOKEN_ENV, SECRET)
        dry = run(
            "submit",
            request_file,
            "--base-url",
            fake.base_url,
            "--dry-run",
            "--format",
            body_format,
        )
        assert dry.code == 0 and "nothing was sent" in dry.err
        assert len(fake.requests) == sent_before
        assert (
            run("submit", request_file, "--base-url", fake.base_url, "--format", body_format).code
            == 0
        )
        sent = fake.requests[-1].body.decode("utf-8")
        assert SECRET in sent
        assert dry.out == sent.replace(SECRET, "***") + "\n"
        assert SECRET not in dry.out + dry.err
        monkeypatch.delenv(cli.TOKEN_ENV)  # a dry run needs no token
        assert (
            run(
                "submit",
                request_file,
                "--base-url",
                fake.base_url,
                "--dry-run",
                "--format",
                body_format,
            ).out
            == dry.out
        )


def test_dry_run_json_body_is_an_object_not_a_string(request_file: str) -> None:
    base = ["submit", request_file, "--base-url", "https://altcraft.example", "--dry-run"]
    as_json = run(*base, "--json").json()
    shown = run(*base).out  # the exact body, as text
    assert as_json["body"] == json.loads(shown) and isinstance(as_json["body"], dict)
    as_xml = run(*base, "--format", "xml", "--json").json()
    assert as_xml["format"] == "xml" and isinstance(as_xml["body"], str)
    assert as_xml["body"] + "\n" == run(*base, "--format", "xml").out


def test_dry_run_json_and_file_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli.TOKEN_ENV, SECRET)
    path = write_json(tmp_path / "r.json", {**REQUEST, "token": "file-token-123"})
    result = run("submit", path, "--base-url", "https://altcraft.example", "--dry-run", "--json")
    assert result.code == 0
    data = result.json()
    assert data["url"] == "https://altcraft.example/api/v1.1/campaigns/regulars/add/"
    assert (data["dry_run"], data["format"], data["request_id"]) == (True, "json", None)
    assert isinstance(data["body"], dict) and data["body"]["token"] == "***"
    assert "its 'token' is ignored" in result.err
    assert "file-token-123" not in result.out + result.err and SECRET not in result.out


def test_submit_invalid_request_sends_nothing(fake: FakeAltcraft, tmp_path: Path) -> None:
    path = write_json(tmp_path / "r.json", {**REQUEST, "send_channel": "fax"})
    result = run("submit", path, "--base-url", fake.base_url, "--dry-run")
    assert result.code == 1
    assert "invalid create request, nothing sent" in result.err and "send_channel" in result.err
    assert run("submit", path).code == 2  # no --base-url and no ALTCRAFT_BASE_URL
    assert fake.requests == []


# -- subprocesses ----------------------------------------------------------------------


def test_module_entry_point_runs_each_subcommand(tmp_path: Path, request_file: str) -> None:
    plan_run = run_process("plan", "0 9 * * 1-5", *PLAN_ARGS, "--cycles", "12")
    assert plan_run.returncode == 0 and plan_run.stderr == ""
    assert plan_run.stdout == run("plan", "0 9 * * 1-5", *PLAN_ARGS, "--cycles", "12").out
    next_run = run_process("next", "-", "--after", AFTER, "--json", stdin="0 9 * * *")
    assert json.loads(next_run.stdout)["runs"][0] == "2025-01-01T09:00:00+00:00"
    converted = run_process("convert", "0 9 * * MON")
    assert json.loads(converted.stdout) == schedule_from_cron("0 9 * * 1").to_dict()
    checked = run_process("check", request_file)
    assert checked.returncode == 0 and "OK" in checked.stdout


def test_module_entry_point_exit_codes() -> None:
    usage = run_process("plan", "0 9 * * *")
    assert usage.returncode == 2 and "--limit is required" in usage.stderr
    invalid = run_process("next", "0 9 32 * *")
    assert invalid.returncode == 1
    assert invalid.stderr.startswith("altcraft-schedule: error: cron '0 9 32 * *'")
    assert "Traceback" not in invalid.stderr and invalid.stdout == ""


def test_submit_in_a_subprocess_keeps_the_token_secret(
    fake: FakeAltcraft, request_file: str
) -> None:
    env = {cli.TOKEN_ENV: SECRET}
    done = run_process("submit", request_file, "--base-url", fake.base_url, env=env)
    assert done.returncode == 0, done.stderr
    assert f"saved_id:   {fake.mailings[0].saved_id}" in done.stdout
    fake.enqueue(api_error(401, f"token {SECRET} is revoked"))
    failed = run_process("submit", request_file, "--base-url", fake.base_url, "--json", env=env)
    assert failed.returncode == 1 and "token *** is revoked" in failed.stderr
    for result in (done, failed):
        assert SECRET not in result.stdout + result.stderr


def test_installed_script() -> None:
    name = "altcraft-schedule.exe" if os.name == "nt" else "altcraft-schedule"
    script = Path(sys.executable).parent / name
    if not script.exists():
        pytest.skip(f"{script} is not installed (pip install -e . creates it)")
    done = subprocess.run(
        [str(script), "convert", "0 9 * * 1-5", "--to", "cron"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "0 9 * * 1-5\n", "")
    usage = subprocess.run([str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert usage.returncode == 2


def test_a_token_pasted_into_the_url_is_masked(
    request_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.TOKEN_ENV, SECRET)
    for dry_run in (["--dry-run"], []):
        result = run("submit", request_file, "--base-url", f"http://example.com/{SECRET}", *dry_run)
        assert result.code == 1 and "plain http" in result.err
        assert "http://example.com/***" in result.err
        assert SECRET not in result.out + result.err


@pytest.mark.parametrize(
    "argv",
    [
        ("next", "0 9 * * *", "--after", "0001-01-01T00:00+14:00"),
        ("next", "0 9 * * *", "--after", "9999-12-31T23:00-05:00"),
        ("plan", "0 9 * * *", "--limit", "5", "--after", "9999-12-31T23:00-05:00"),
        ("plan", "0 9 * * *", "--limit", "5", "--until", "9999-12-31T23:00-05:00"),
    ],
)
def test_instants_off_the_calendar_are_input_errors_without_traceback(
    argv: tuple[str, ...],
) -> None:
    result = run(*argv)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "1-9999" in result.err


def test_counts_are_bounded_usage_errors() -> None:
    result = run("next", "0 9 * * *", "-n", "99999999999999999999")
    assert result.code == 2
    assert "from 1 to 10,000,000" in result.err


def test_cron_dialect_refusals_name_the_cli_option() -> None:
    for expression in ("0 22-2 * * *", "0 0 ? * MON"):
        refused = run("convert", expression, "--dialect", "cron")
        assert refused.code == 1
        assert "(--dialect " in refused.err and "dialect='" not in refused.err

"""The ``console`` examples of the docs and the README are the real output of the
commands shown: each ``$ altcraft-schedule ...`` line is run in-process and its stdout,
then its stderr, must be the lines under it.  Also the sentence table of
docs/describe-check.md is what ``describe`` says.

A command may read stdin from ``echo '...' |`` or ``printf '...' |`` (``\\n`` escapes).
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
from pathlib import Path

import pytest

from altcraft_schedule import _cli as cli
from altcraft_schedule import describe, schedules_from_cron

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.DOTALL | re.MULTILINE)
PIPE = re.compile(r"^(echo|printf) '([^']*)' \| (altcraft-schedule .*)$")
PROMPT = "$ "


def _examples() -> list[tuple[str, str, str]]:
    """(page, command line, expected output) for every ``$ altcraft-schedule`` line."""
    found = []
    for page in PAGES:
        for block in CONSOLE.findall(page.read_text(encoding="utf-8")):
            command: str | None = None
            output: list[str] = []
            for line in block.splitlines():
                if line.startswith(PROMPT):
                    if command is not None:
                        found.append((page.name, command, "\n".join(output)))
                    command, output = line[len(PROMPT) :], []
                else:
                    output.append(line)
            if command is not None:
                found.append((page.name, command, "\n".join(output)))
    return [example for example in found if "altcraft-schedule " in example[1]]


EXAMPLES = _examples()


def _run(command: str) -> str:
    stdin: str | None = None
    piped = PIPE.match(command)
    if piped:
        tool, text, command = piped.groups()
        stdin = text.replace("\\n", "\n") if tool == "printf" else text + "\n"
    argv = shlex.split(command)
    assert argv[0] == "altcraft-schedule", command
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main(argv[1:])
    finally:
        sys.stdin = old_stdin
    return (out.getvalue() + err.getvalue()).rstrip("\n")


def test_the_pages_show_the_commands_of_the_issue() -> None:
    shown = {shlex.split(PIPE.sub(r"\3", command))[1] for _, command, _ in EXAMPLES}
    assert {"check", "describe", "calendar", "plan", "convert", "next"} <= shown
    assert any("--chart" in command for _, command, _ in EXAMPLES)


@pytest.mark.parametrize(
    ("page", "command", "expected"),
    EXAMPLES,
    ids=[f"{page}:{command[:60]}" for page, command, _ in EXAMPLES],
)
def test_console_example_is_the_real_output(page: str, command: str, expected: str) -> None:
    assert _run(command) == expected


def _sentence_rows() -> list[tuple[str, str, str]]:
    text = (ROOT / "docs" / "describe-check.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| (.+?) \| (.+?) \|$", text, re.MULTILINE)
    assert len(rows) >= 10
    return rows


@pytest.mark.parametrize(("cron", "english", "russian"), _sentence_rows())
def test_sentence_table_is_what_describe_says(cron: str, english: str, russian: str) -> None:
    union = schedules_from_cron(cron)
    assert (describe(union), describe(union, "ru")) == (english, russian)

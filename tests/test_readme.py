"""The README's examples run and print what the README says."""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

from altcraft_schedule._cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"```(\w*)\n(.*?)```", re.DOTALL)


def _blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(README.read_text()) if lang == language]


def test_doctest_examples() -> None:
    results = doctest.testfile(
        str(README),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert results.attempted >= 25
    assert results.failed == 0


def test_python_examples_run() -> None:
    """Every plain Python block runs, in order, in one namespace (as a reader pastes them)."""
    namespace: dict[str, object] = {"__name__": "readme_example"}
    ran = 0
    for block in _blocks("python"):
        # Blocks that talk to a real platform are shown, not run (the submit tests run
        # the same calls against a local fake platform).
        if ">>>" in block or 'base_url="https://' in block:
            continue
        exec(compile(block, str(README), "exec"), namespace)
        ran += 1
    assert ran >= 5


def test_main_job_command_prints_the_readme_output(capsys: pytest.CaptureFixture[str]) -> None:
    text = README.read_text()
    command = next(
        line for line in text.splitlines() if line.startswith('altcraft-schedule plan "0 9')
    )
    # The text block right after the command in the CLI walkthrough is its output.
    after = text[text.index("\n" + command + "\n```") :]
    expected = FENCE.search(after[after.index("```text") :])
    assert expected is not None
    assert main(shlex.split(command)[1:]) == 0
    assert capsys.readouterr().out.strip() == expected.group(2).strip()
    top = text[: text.index("## Install")]
    assert command in top  # the README's "run the main job" command is this one

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
    assert results.attempted >= 8
    assert results.failed == 0


def test_python_examples_run() -> None:
    """Every plain Python block runs, in order, in one namespace (as a reader pastes them)."""
    namespace: dict[str, object] = {"__name__": "readme_example"}
    for block in _blocks("python"):
        if ">>>" not in block:
            exec(compile(block, str(README), "exec"), namespace)


def test_readme_is_a_landing_page() -> None:
    """At most ~12 KB: the docs hold the rest, and every docs link points at a page."""
    assert len(README.read_bytes()) <= 12 * 1024
    for target in re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", README.read_text()):
        assert (README.parent / target).is_file(), target


def test_main_job_command_prints_the_readme_output(capsys: pytest.CaptureFixture[str]) -> None:
    text = README.read_text()
    top = text[: text.index("## Install")]
    line = next(line for line in top.splitlines() if "altcraft-schedule plan " in line)
    command = line[line.index("altcraft-schedule plan ") :]
    # The README shows the command's output in the first text block after the quick start.
    after = text[text.index("The main job's command prints this") :]
    expected = FENCE.search(after[after.index("```text") :])
    assert expected is not None
    assert main(shlex.split(command)[1:]) == 0
    assert capsys.readouterr().out.strip() == expected.group(2).strip()

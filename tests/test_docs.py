"""Every code example in the documentation runs: ``>>>`` examples as doctests, every
other ``python`` block executed in order, one namespace per page (as a reader pastes them)."""

from __future__ import annotations

import doctest
import re
import sys
import types
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = page.read_text(encoding="utf-8")
    # A real module, as a reader's script is: dataclasses and type hints look it up.
    module = types.ModuleType(f"docs_{page.stem}")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    namespace = module.__dict__
    for language, body in FENCE.findall(text):
        if language == "python" and ">>>" not in body:
            exec(compile(body, str(page), "exec"), namespace)
    results = doctest.testfile(
        str(page),
        module_relative=False,
        globs=namespace,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    assert results.failed == 0, f"{results.failed} doctest example(s) failed in {page.name}"


def test_no_page_is_a_placeholder() -> None:
    marker = "This page is being written."
    unfinished = [_page_id(page) for page in PAGES if marker in page.read_text()]
    assert unfinished == []


def test_code_and_docs_point_only_inside_the_repository() -> None:
    """Every reference to the semantics names the docs page, not a file outside the repo."""
    root = DOCS.parent
    files = [*root.glob("src/**/*.py"), *root.glob("tests/*.py"), *PAGES, root / "README.md"]
    marker = "SP" + "EC"  # spelled apart so this file does not match itself
    outside = [str(path.relative_to(root)) for path in files if marker in path.read_text()]
    assert outside == []

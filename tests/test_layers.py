"""Data flows one way through the package.  At run time the engine is pure computation
(it knows the model only as a type), the model builds on it, cron, limits and the sentences
build on the model, then plans and checks, then the request, the client and the command
line.  A module may import only modules of its own layer or below; every module of the
package has a layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "altcraft_schedule"

# Lowest first.  Within a layer, modules may import each other.
LAYERS: list[set[str]] = [
    {"_errors"},
    {"_engine", "_transitions"},
    {"_schedule"},
    {"_cron", "_crontab", "_describe", "_limits"},
    {"_plan", "_checks", "_calendar", "_chart", "_rrule"},
    {"_xml", "_request", "_schemas"},
    {"_client", "_submit", "testing"},
    {"_cli", "__main__", "strategies", "bridges", "__init__"},
]

# The one sanctioned upward import: StartSchedule's convenience methods (from_cron,
# to_cron, describe, the pydantic hooks) import their module when called, so the model
# stays below them.
FACADE = {("_schedule", "_cron"), ("_schedule", "_describe"), ("_schedule", "_schemas")}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def _targets(node: ast.stmt, subpackage: str | None) -> set[str]:
    if isinstance(node, ast.ImportFrom):
        if node.level == 1 and subpackage is not None:  # a sibling inside a subpackage
            return {subpackage}
        if node.level >= 1:
            return {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        if (node.module or "").startswith("altcraft_schedule."):
            return {(node.module or "").split(".")[1]}
    if isinstance(node, ast.Import):
        return {
            alias.name.split(".")[1]
            for alias in node.names
            if alias.name.startswith("altcraft_schedule.")
        }
    return set()


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """Package-internal imports of a file: (at module level, inside functions), leaving
    out ``if TYPE_CHECKING:`` blocks (types only, nothing runs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(PACKAGE).parts
    subpackage = parts[0] if len(parts) > 1 else None
    top: set[str] = set()
    inner: set[str] = set()

    def visit(nodes: list[ast.stmt], in_function: bool) -> None:
        for node in nodes:
            if _is_type_checking(node):
                continue
            (inner if in_function else top).update(_targets(node, subpackage))
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            for field in ("body", "orelse", "finalbody", "handlers"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    statements = [
                        child.body if isinstance(child, ast.ExceptHandler) else [child]
                        for child in children
                    ]
                    visit([s for group in statements for s in group], in_function or is_function)

    visit(tree.body, False)
    return top, inner


def _layer_of(module: str) -> int:
    top = module.split(".", maxsplit=1)[0]
    for index, layer in enumerate(LAYERS):
        if module in layer or top in layer:
            return index
    raise AssertionError(f"{module} has no layer in LAYERS")


def test_every_module_has_a_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        _layer_of(_module_name(path))


def test_imports_flow_one_way() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        top, inner = _imports(path)
        for imported in sorted(top | inner):
            if imported == "__version__" or _layer_of(imported) <= _layer_of(module):
                continue
            if imported in inner and imported not in top and (module, imported) in FACADE:
                continue
            upward.append(f"{module} imports {imported}")
    assert upward == []


def test_the_check_sees_imports() -> None:
    """The reader finds module-level and function-level imports (so the test can fail)."""
    top, inner = _imports(PACKAGE / "_schedule.py")
    assert "_engine" in top and "_cron" in inner

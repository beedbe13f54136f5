"""The packages of ``politburo`` import one way: evidence -> scenario -> engine -> experiments
-> analysis -> web -> cli.

Every import statement of every module under ``src/politburo`` is read from its syntax tree
(at the top, inside functions and under ``TYPE_CHECKING`` alike) and resolved to the layer it
names. A module may import its own layer and those below: the command line fronts the
browser explorer (``politburo explore``, ``serve``, ``sources report``), which never imports
the command line. ``politburo.arrays``, ``politburo.errors``, ``politburo.seeds`` and
``politburo.local_cluster`` are shared by every layer and import none but each other; the
package's ``__init__`` is the public facade over all of them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "politburo"

LAYERS: dict[str, int] = {
    "evidence": 1,
    "scenario": 2,
    "engine": 3,
    "experiments": 4,
    "analysis": 5,
    "web": 6,
    "cli": 7,
}
"""Rank of each layer: a module imports only layers of lower or equal rank."""
SHARED = {"arrays": 0, "errors": 0, "local_cluster": 0, "seeds": 0}
"""Modules at the package's top that every layer may import; they import no layer."""
FACADE = {"__init__", "__main__"}


def _layer(module: str) -> str | None:
    """The layer (first component after ``politburo``) of a dotted module name."""
    parts = module.split(".")
    if parts[0] != "politburo" or len(parts) < 2:
        return None
    return parts[1]


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = PACKAGE) -> Iterator[tuple[int, str]]:
    """(line, dotted module) of every import in the file at ``path`` of the package at
    ``root``, relative imports resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # ``from politburo import engine`` names a layer too
                yield node.lineno, f"{module}.{alias.name}"


def violations(path: Path, root: Path = PACKAGE) -> list[str]:
    """The imports of the module at ``path`` (in the package at ``root``) that go against
    the layers."""
    own = _layer(_module_name(path, root)) or "__init__"
    if own in FACADE:
        return []
    found = []
    for line, module in imported_modules(path, root):
        other = _layer(module)
        if other is None or other == own or other in FACADE:
            continue
        if own in SHARED:
            allowed = other in SHARED
        elif other in SHARED:
            allowed = True
        elif other not in LAYERS:
            continue  # ``from politburo import Problem``-style names, not layers
        else:
            allowed = LAYERS[other] <= LAYERS[own]
        if not allowed:
            where = path.relative_to(root.parent.parent)
            found.append(f"{where}:{line}: layer {own!r} imports {module!r} (layer {other!r})")
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_package_is_a_known_layer() -> None:
    for child in PACKAGE.iterdir():
        name = child.stem
        if child.name.startswith((".", "__pycache__")) or name in FACADE:
            continue
        if child.is_dir() or child.suffix == ".py":
            assert name in LAYERS or name in SHARED, f"{child}: place it in a layer"


def test_imports_follow_the_layers() -> None:
    found = [v for path in _modules() for v in violations(path)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("where", "source", "bad"),
    [
        ("engine/x.py", "from politburo.experiments.batch import run_batch", True),
        ("engine/x.py", "def f():\n    from politburo.analysis import power\n", True),
        ("scenario/x.py", "from politburo import engine", True),
        ("engine/procedures/x.py", "from ...experiments import batch", True),
        ("web/x.py", "import politburo.cli.app", True),
        ("cli/x.py", "import politburo.web.site", False),
        ("errors.py", "from politburo.scenario import Scenario", True),
        ("engine/x.py", "from politburo.scenario.paths import resolve", False),
        ("engine/procedures/x.py", "from ..compile import CompiledScenario", False),
        ("cli/x.py", "from politburo.errors import Problem", False),
    ],
)
def test_a_wrong_import_is_found(tmp_path: Path, where: str, source: str, bad: bool) -> None:
    """The check itself: it sees top-level, nested and relative imports."""
    package = tmp_path / "src" / "politburo"
    path = package / where
    path.parent.mkdir(parents=True)
    path.write_text(source)
    found = violations(path, package)
    assert bool(found) is bad, found


def test_bench_and_tests_are_outside_the_package() -> None:
    """Nothing in the package imports the tests or the benchmarks (the oracle stays a test)."""
    for path in _modules():
        for line, module in imported_modules(path):
            assert module.split(".")[0] not in {"tests", "benchmarks"}, f"{path}:{line}"

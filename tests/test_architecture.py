"""The package's shape: layers that point one way, rooms of bounded size, a light import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "csto_timeline"

#: Each core module's layer; a module may import only modules of its own layer or below.
#: Modules not named here are extras (layer 9) or, when they start with ``cli``/``_cli``, the CLI (10).
LAYERS: dict[str, int] = {
    "exceptions": 0,
    "_version": 0,
    "_lazy": 0,
    "_limits": 0,  # the limits on what is read (file sizes, nesting)
    "_collector": 0,  # the garbage collector paused during builds
    "_dates": 1,
    "_enums": 1,
    "_serialize": 1,
    "_states": 1,
    "_names": 2,
    "_rules": 2,
    "_records": 2,
    "_source": 2,
    "_membership": 3,
    "_parts": 3,
    "_sweep": 3,
    "_results": 3,
    "_explanation": 3,
    "_fields": 4,
    "_states_file": 4,  # input: dataset files and records given in code, turned into parts
    "_load": 4,
    "_resources": 4,
    "_from_records": 4,
    "_derive": 5,
    "_index": 6,
    "_bodies_index": 6,
    "_explain": 7,
    "_tables": 7,
    "_engine": 7,
    "_windows": 7,
    "_timeline": 8,
    "_conveniences": 8,
    "_loading": 8,
}
INPUT, DERIVATION, FACADE, EXTRAS, CLI, TOP = 4, 5, 8, 9, 10, 11
#: Engine internals the extras must not reach into: they use the facade and the record types.
ENGINE_INTERNALS = {"_derive", "_index", "_bodies_index", "_explain", "_tables", "_engine", "_windows"}


def layer(module: str) -> int:
    if module == "__init__":
        return TOP
    if module in ("__main__", "cli") or module.startswith("_cli"):
        return CLI
    return LAYERS.get(module, EXTRAS)


def modules() -> dict[str, Path]:
    return {path.stem: path for path in PACKAGE.glob("*.py")} | {
        f"{path.parent.name}.{path.stem}": path for path in PACKAGE.glob("*/*.py")
    }


def imports_of(path: Path) -> set[str]:
    """Every package module ``path`` imports, at top level, inside functions or for type checking.

    A name taken from the package itself (``from . import Timeline``, ``import csto_timeline``)
    counts as importing its top, ``__init__``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.parent.name if path.parent != PACKAGE else None
    known = {item.stem for item in PACKAGE.glob("*.py")} | {item.name for item in PACKAGE.iterdir() if item.is_dir()}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if (node.level == 1 and package is None) or node.level == 2:
                names = [module.split(".")[0]] if module else [alias.name for alias in node.names]
                found.update(name if name in known else "__init__" for name in names)
            elif node.level == 1 and package is not None:
                found.add(package)  # a sibling inside a subpackage: the subpackage itself
            elif module.startswith("csto_timeline."):
                found.add(module.split(".")[1])
            elif module == "csto_timeline":
                found.add("__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("csto_timeline."):
                    found.add(alias.name.split(".")[1])
                elif alias.name == "csto_timeline":
                    found.add("__init__")
    return found


def graph() -> dict[str, set[str]]:
    known = {name.split(".")[0] for name in modules()}
    edges: dict[str, set[str]] = {}
    for name, path in modules().items():
        top = name.split(".")[0]
        edges.setdefault(top, set()).update(dep for dep in imports_of(path) if dep in known and dep != top)
    return edges


def test_no_import_cycle_counting_function_level_and_type_checking_imports() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                pytest.fail(f"import cycle: {' -> '.join(cycle)}")
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])


def test_every_import_points_down_the_layers() -> None:
    for module, deps in graph().items():
        for dep in deps:
            assert layer(dep) <= layer(module), f"{module} (layer {layer(module)}) imports {dep} (layer {layer(dep)})"


def test_the_engine_reads_no_files_and_the_extras_use_only_the_facade() -> None:
    for module, deps in graph().items():
        if DERIVATION <= layer(module) < FACADE:
            assert not {dep for dep in deps if layer(dep) == INPUT}, f"{module} imports a loader: {deps}"
        if layer(module) >= EXTRAS and module != "__init__":
            assert not deps & ENGINE_INTERNALS, f"{module} reaches into the engine: {deps & ENGINE_INTERNALS}"


def test_the_facade_never_imports_an_extra() -> None:
    for module in ("_timeline", "_loading"):
        extras = {dep for dep in graph()[module] if layer(dep) >= EXTRAS}
        assert not extras, f"{module} imports extras {extras}"


@pytest.mark.parametrize("name", sorted(modules()))
def test_each_module_is_a_room_of_at_most_400_lines(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    limit = 450 if name == "_timeline" else 400
    assert lines <= limit, f"{name} has {lines} lines; split it by job (docs/architecture.md)"


def test_importing_loads_neither_the_extras_nor_package_metadata() -> None:
    extras = sorted(name for name in modules() if layer(name.split(".")[0]) >= EXTRAS and name != "__init__")
    code = (
        "import sys, csto_timeline\n"
        "print(' '.join(sorted(m.split('.', 1)[1] for m in sys.modules if m.startswith('csto_timeline.'))))\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, metadata = result.stdout.splitlines()
    assert metadata == "False"
    assert not set(loaded.split()) & set(extras), loaded


def test_every_extra_name_resolves_on_first_use() -> None:
    code = (
        "import csto_timeline\n"
        "missing = [name for name in csto_timeline.__all__ if getattr(csto_timeline, name, None) is None]\n"
        "print(missing)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_extra_is_a_public_name() -> None:
    from csto_timeline import __all__ as public
    from csto_timeline._lazy import EXTRAS

    assert set(EXTRAS) <= set(public), sorted(set(EXTRAS) - set(public))


def test_a_query_from_the_command_line_parses_no_toml_and_skips_what_it_does_not_use() -> None:
    """``csto-timeline members DATE`` reads the bundled record's compiled form (no TOML parser), builds
    only its own command's parser (no other query module), and imports none of the standard modules
    the library needs only on other paths (docs/performance.md, "Start")."""
    unused = ["tomllib", "csv", "difflib", "html", "calendar", "importlib.resources", "csto_timeline._cli_queries"]
    code = (  # modules the interpreter had loaded before (a site hook may load some) do not count
        "import io, sys, contextlib\n"
        "before = set(sys.modules)\n"
        "import csto_timeline.cli as cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = cli.main(['members', '2010-01-01'])\n"
        f"print(status, [name for name in {unused!r} if name in set(sys.modules) - before])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 []", result.stdout

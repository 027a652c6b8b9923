"""The pipeline reads one way: a stage imports only the stages before it.

Read from the import statements themselves (function-level ones included), so a
late import does not hide a dependency. The order is DESIGN.md's; the top-level
modules that are not stages sit below every stage (what all of them share) or
above them all (the public API and the command line).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "worldspec"
STAGES = [
    "syntax",
    "model",
    "ingest",
    "check",
    "plan",
    "render",
    "verify",
    "corpus",
    "evaluate",
    "export",
    "serve",
    "lsp",
    "report",
]
BELOW_ALL = {
    "worldspec._gc",
    "worldspec.diagnostics",
    "worldspec.resources",
    "worldspec.source",
    "worldspec.suggestions",
    "worldspec.version",
}
ABOVE_ALL = {"worldspec", "worldspec.api", "worldspec.cli", "worldspec.__main__"}

# Violations known at the time of writing and not yet mended, as (importing module,
# imported module). Empty it as they are fixed: an entry that no longer occurs fails
# the test, so the set cannot go stale.
KNOWN: set[tuple[str, str]] = set()


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path = PACKAGE) -> set[str]:
    """The worldspec modules a file of the package at `root` imports. `from worldspec
    import x` names the submodule x when there is one, and otherwise the public API."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                is_module = (root.parent / submodule.replace(".", "/")).with_suffix(".py")
                is_package = root.parent / submodule.replace(".", "/") / "__init__.py"
                found.add(submodule if is_module.exists() or is_package.exists() else base)
    return {m for m in found if m == "worldspec" or m.startswith("worldspec.")}


def rank(module: str) -> float:
    """Where a module stands in the pipeline: a stage's index, -1 below all stages,
    infinity above them (and for a module of no known place, which
    test_every_module_has_a_place reports)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return STAGES.index(parts[1])
    return -1 if module in BELOW_ALL else float("inf")


def test_every_module_has_a_place() -> None:
    modules = {module_name(path) for path in PACKAGE.rglob("*.py")}
    top_level = {m for m in modules if m.count(".") <= 1 and m.split(".")[-1] not in STAGES}
    unplaced = top_level - BELOW_ALL - ABOVE_ALL
    assert not unplaced, f"add each to BELOW_ALL or ABOVE_ALL in this test: {sorted(unplaced)}"


def violations() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = module_name(path)
        if rank(importer) == float("inf"):
            continue
        for imported in imported_modules(path):
            if rank(imported) > rank(importer):
                found.add((importer, imported))
    return found


def test_no_stage_imports_a_later_stage() -> None:
    found = violations()
    assert found - KNOWN == set(), "imports against the pipeline's order: " + ", ".join(
        f"{a} -> {b}" for a, b in sorted(found - KNOWN)
    )
    assert KNOWN - found == set(), f"fixed since, remove from KNOWN: {sorted(KNOWN - found)}"


def test_the_verifier_never_imports_a_renderer() -> None:
    # render and verify are peers that corpus drives: what both need lives below them
    for path in sorted((PACKAGE / "verify").rglob("*.py")):
        renderers = {m for m in imported_modules(path) if m.startswith("worldspec.render")}
        assert not renderers, f"{module_name(path)} imports {sorted(renderers)}"


def test_no_modules_import_each_other() -> None:
    graph = {module_name(path): imported_modules(path) for path in PACKAGE.rglob("*.py")}
    cycles = set()
    for start in graph:
        seen, stack = set(), list(graph[start])
        while stack:
            module = stack.pop()
            if module == start:
                cycles.add(start)
                break
            if module not in seen:
                seen.add(module)
                stack.extend(graph.get(module, ()))
    assert cycles == set(), f"modules on an import cycle: {sorted(cycles)}"


def test_the_scan_sees_late_relative_and_aliased_imports(tmp_path: Path) -> None:
    # the scanner itself, on a file of each kind of import statement
    package = tmp_path / "worldspec" / "verify"
    package.mkdir(parents=True)
    (tmp_path / "worldspec" / "diagnostics.py").write_text("")
    (tmp_path / "worldspec" / "corpus").mkdir()
    (tmp_path / "worldspec" / "corpus" / "__init__.py").write_text("")
    sample = package / "sample.py"
    sample.write_text(
        "import worldspec.model.world\n"
        "from worldspec import diagnostics as codes\n"
        "from worldspec import __version__\n"
        "from . import dedup\n"
        "def late():\n"
        "    from ..corpus import writer\n"
    )
    assert imported_modules(sample, tmp_path / "worldspec") == {
        "worldspec.model.world",
        "worldspec.diagnostics",  # a module imported by name from the package
        "worldspec",  # a name of the public API
        "worldspec.verify",  # `from . import dedup`, dedup being no file here
        "worldspec.corpus",  # the late import, relative
    }
    assert rank("worldspec.diagnostics") < rank("worldspec.syntax") < rank("worldspec.verify")
    assert rank("worldspec.verify") < rank("worldspec.corpus") < rank("worldspec")

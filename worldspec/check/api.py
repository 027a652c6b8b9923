"""Checking `.world` files: the entry point behind `worldspec check`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from worldspec._gc import paused_gc
from worldspec.check import constraints, corpus, divergences, references, says, tools, traps
from worldspec.check.names import duplicate_declarations, duplicate_settings, world_header
from worldspec.diagnostics import Diagnostic, Severity
from worldspec.ingest.against import contradictions
from worldspec.model import Analysis, analyze
from worldspec.source import SourceFile
from worldspec.syntax.imports import Loader, ModuleLoadError, Project, resolve_path

_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}


class UsageError(Exception):
    """A problem with what was asked for (a missing path, no .world files): exit 2."""


@dataclass(slots=True)
class CheckReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.level is severity)


def collect_world_files(paths: Iterable[Path]) -> list[Path]:
    """The `.world` files named by `paths`; directories are searched recursively."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*.world")
                if p.is_file() and not _SKIP_DIRS.intersection(p.relative_to(path).parts[:-1])
            )
            if not found:
                raise UsageError(f"{path}: directory holds no .world files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    unique: dict[Path, Path] = {}
    for file in files:
        try:
            unique.setdefault(resolve_path(file), file)
        except OSError as err:
            raise UsageError(f"{file}: {err}") from err
    return list(unique.values())


Progress = Callable[[str], None]


def _silent(_: str) -> None:
    return None


def check_paths(
    paths: Iterable[Path],
    root: Path | None = None,
    progress: Progress = _silent,
    against: Analysis | None = None,
) -> CheckReport:
    """Check every `.world` file under `paths`, with the modules each one uses, and
    its reality against the knowledge graph `against` when given (WS701).

    Raises UsageError for a missing path, a directory without `.world` files or an
    unreadable entry file.
    """
    files = collect_world_files(paths)
    with paused_gc():
        return _check_files(files, root, progress, against)


FAMILIES: list[Callable[[Analysis], Iterable[Diagnostic]]] = [
    world_header,
    references.check,
    constraints.check,
    divergences.check,
    traps.check,
    tools.check,
    corpus.check,
    says.check,
]


def semantic_checks(analysis: Analysis) -> list[Diagnostic]:
    """Resolution findings and every family of checks on an analysed world."""
    found = list(analysis.diagnostics)
    for family in FAMILIES:
        found.extend(family(analysis))
    return found


def check_project(
    project: Project, against: Analysis | None = None
) -> tuple[list[Diagnostic], Analysis | None]:
    """Every finding of a loaded project (its modules' syntax errors, duplicates,
    and, when everything parses and imports, the semantic checks), with the
    analysis the checks ran on (None when they could not run)."""
    modules = [m.module for m in project.modules]
    found: list[Diagnostic] = []
    for loaded in project.modules:
        found.extend(loaded.result.diagnostics)
    found.extend(duplicate_declarations(modules))
    found.extend(duplicate_settings(modules))
    broken = any(m.result.diagnostics for m in project.modules) or any(
        imp.module is None for m in project.modules for imp in m.imports
    )
    if broken:
        # Like mypy, the semantic checks wait for a file that parses and imports:
        # on a partial tree every dropped declaration would read as undefined.
        return found, None
    analysis = analyze(modules)
    found.extend(semantic_checks(analysis))
    if against is not None:
        found.extend(contradictions(analysis, against))
    return found, analysis


def _check_files(
    files: list[Path], root: Path | None, progress: Progress, against: Analysis | None = None
) -> CheckReport:
    loader = Loader(root)
    report = CheckReport()
    seen: set[tuple[str, str, int, int, str]] = set()
    for file in files:
        try:
            progress(f"parsing {file}")
            project = loader.load(file)
        except ModuleLoadError as err:
            raise UsageError(str(err)) from err
        report.files.append(project.entry.result.source.path)
        for loaded in project.modules:
            report.sources[loaded.result.source.path] = loaded.result.source
        progress(f"checking {file}: names, rules, constraints, divergences and traps")
        found, _ = check_project(project, against)
        for diagnostic in found:
            span = diagnostic.span
            key = (diagnostic.code.code, span.path, span.line, span.column, diagnostic.message)
            if key not in seen:
                seen.add(key)
                report.diagnostics.append(diagnostic)
    for diagnostic in loader.diagnostics:
        report.diagnostics.append(diagnostic)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def analyze_path(
    path: Path, root: Path | None = None, checks: bool = False
) -> tuple[Analysis | None, CheckReport]:
    """Load and analyse one world for the commands that use it (explain, export,
    graph). The analysis is None when the world does not parse or import; the
    report holds those errors and the resolution findings (with `checks`, every
    finding of `worldspec check`).

    Raises UsageError for a missing or unreadable file.
    """
    if not path.is_file():
        raise UsageError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    loader = Loader(root)
    try:
        with paused_gc():
            project = loader.load(path)
    except ModuleLoadError as err:
        raise UsageError(str(err)) from err
    report = CheckReport(files=[project.entry.result.source.path])
    for loaded in project.modules:
        report.sources[loaded.result.source.path] = loaded.result.source
    if checks:
        with paused_gc():
            found, checked = check_project(project)
        report.diagnostics = sorted([*found, *loader.diagnostics], key=Diagnostic.sort_key)
        return checked, report
    for loaded in project.modules:
        report.diagnostics.extend(loaded.result.diagnostics)
    report.diagnostics.extend(loader.diagnostics)
    if report.diagnostics:
        return None, report
    with paused_gc():
        analysis = analyze([m.module for m in project.modules])
    report.diagnostics.extend(analysis.diagnostics)
    return analysis, report

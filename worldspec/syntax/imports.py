"""Loading a world and the modules it `use`s, with import errors as diagnostics.

`use std.NAME` resolves to the standard module `specs/std/NAME.world` shipped with
worldspec; `use "path.world"` to a file relative to the importing file. Every
module is parsed once per `Loader`, however many files use it. Import cycles and
paths that leave the project root are errors on the `use` that causes them.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.resources import std_dir
from worldspec.syntax import ast
from worldspec.syntax.parser import ParseResult, parse_file

ROOT_MARKERS = ("worldspec.toml", "pyproject.toml", ".git")


def resolve_path(path: Path) -> Path:
    """`path.resolve()`, with a symlink loop raised as the OSError it is (pathlib
    raises RuntimeError for it)."""
    try:
        return path.resolve()
    except RuntimeError as err:
        raise OSError(f"symbolic link loop at {path}") from err


def find_project_root(path: Path) -> Path:
    """The nearest directory above `path` holding a root marker, else its directory."""
    start = resolve_path(path).parent
    for directory in (start, *start.parents):
        if any((directory / marker).exists() for marker in ROOT_MARKERS):
            return directory
    return start


def display_path(path: Path) -> str:
    """A path as diagnostics show it: relative to the working directory when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _relative_to(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return display_path(path)


@dataclass(slots=True)
class Import:
    decl: ast.UseDecl
    module: LoadedModule | None


@dataclass(slots=True)
class LoadedModule:
    path: Path
    result: ParseResult
    std: bool = False
    imports: list[Import] = field(default_factory=list)

    @property
    def module(self) -> ast.Module:
        return self.result.module


@dataclass(slots=True)
class Project:
    """An entry file and everything it uses, dependencies before dependents."""

    root: Path
    entry: LoadedModule
    modules: list[LoadedModule]


class ModuleLoadError(Exception):
    """The entry file itself cannot be read: an I/O error, not a diagnostic."""


class Loader:
    """Loads projects, sharing parsed modules and reporting each import error once."""

    def __init__(
        self,
        root: Path | None = None,
        overlay: dict[Path, ParseResult] | None = None,
        parsed: dict[Path, tuple[int, ParseResult]] | None = None,
    ) -> None:
        """`overlay`: parse results that stand for files (an editor's unsaved
        buffers, by resolved path). `parsed`: a cache of files parsed from disk, by
        path, with the modification time they were parsed at, shared between
        loaders (a language server's)."""
        self.root = root.resolve() if root is not None else None
        self.overlay = overlay or {}
        self.parsed = parsed
        self.loaded: dict[Path, LoadedModule] = {}
        self.diagnostics: list[Diagnostic] = []
        self._reported: set[tuple[str, str, int, int]] = set()

    def load(self, entry: Path) -> Project:
        """Load `entry` and its imports. Raises ModuleLoadError if `entry` is unreadable."""
        try:
            resolved = resolve_path(entry)
        except OSError as err:
            raise ModuleLoadError(f"{display_path(entry)} cannot be read: {err}") from err
        root = self.root or find_project_root(resolved)
        if resolved not in self.loaded:
            try:
                result = self._parse(resolved, display_path(entry))
            except (OSError, UnicodeDecodeError) as err:
                raise ModuleLoadError(_describe_read_error(entry, err)) from err
            self.loaded[resolved] = LoadedModule(resolved, result)
            self._follow(self.loaded[resolved], root, [resolved])
        top = self.loaded[resolved]
        order: list[LoadedModule] = []
        seen: set[Path] = set()

        def visit(module: LoadedModule) -> None:
            if module.path in seen:
                return
            seen.add(module.path)
            for imp in module.imports:
                if imp.module is not None:
                    visit(imp.module)
            order.append(module)

        visit(top)
        return Project(root, top, order)

    def _parse(self, path: Path, display: str) -> ParseResult:
        found = self.overlay.get(path)
        if found is not None:
            return found
        if self.parsed is None:
            return parse_file(path, display)
        stamp = path.stat().st_mtime_ns
        cached = self.parsed.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        result = parse_file(path, display)
        self.parsed[path] = (stamp, result)
        return result

    def _error(
        self,
        code: codes.Code,
        message: str,
        decl: ast.UseDecl,
        fix: str | None = None,
        related: list[Related] | None = None,
    ) -> None:
        key = (code.code, decl.span.path, decl.span.line, decl.span.column)
        if key not in self._reported:
            self._reported.add(key)
            self.diagnostics.append(Diagnostic(code, message, decl.span, related or [], fix))

    def _follow(self, module: LoadedModule, root: Path, stack: list[Path]) -> None:
        for decl in module.module.decls:
            if not isinstance(decl, ast.UseDecl):
                continue
            target = self._resolve(decl, module, root)
            if target is None:
                continue
            if target in stack:
                cycle = [*stack[stack.index(target) :], target]
                shown = " -> ".join(_relative_to(p, root) for p in cycle)
                self._error(
                    codes.IMPORT_CYCLE,
                    f"import cycle: {shown}",
                    decl,
                    fix="move the shared declarations into a module both can use",
                )
                module.imports.append(Import(decl, None))
                continue
            loaded = self.loaded.get(target)
            if loaded is None:
                try:
                    result = self._parse(target, display_path(target))
                except (OSError, UnicodeDecodeError) as err:
                    self._error(codes.UNREADABLE_MODULE, _describe_read_error(target, err), decl)
                    module.imports.append(Import(decl, None))
                    continue
                std_root = std_dir().resolve()
                loaded = LoadedModule(target, result, std=target.is_relative_to(std_root))
                self.loaded[target] = loaded
                self._follow(loaded, root, [*stack, target])
            module.imports.append(Import(decl, loaded))

    def _resolve(self, decl: ast.UseDecl, module: LoadedModule, root: Path) -> Path | None:
        if decl.module is not None:
            parts = [name.value for name in decl.module]
            if parts[0] != "std":
                self._error(
                    codes.UNKNOWN_NAMESPACE,
                    f"'{'.'.join(parts)}' is not a standard module",
                    decl,
                    fix=f'import project files by path: use "{"/".join(parts)}.world"',
                )
                return None
            std = std_dir().resolve()
            target = std.joinpath(*parts[1:]).with_suffix(".world") if len(parts) > 1 else std
            if len(parts) == 1 or not target.is_file():
                available = sorted(p.stem for p in std.glob("*.world"))
                guess = difflib.get_close_matches(parts[-1], available, n=1, cutoff=0.5)
                hint = f"did you mean std.{guess[0]}?" if guess else None
                self._error(
                    codes.MODULE_NOT_FOUND,
                    f"no standard module '{'.'.join(parts)}' (there are: "
                    f"{', '.join('std.' + a for a in available)})",
                    decl,
                    fix=hint,
                )
                return None
            return target
        assert decl.path is not None
        raw = decl.path.value
        target = Path(os.path.normpath(module.path.parent / raw))
        # Standard modules may only use each other; project files must stay in the root.
        base = std_dir().resolve() if module.std else root
        try:
            real = resolve_path(target)
        except OSError as err:
            self._error(codes.UNREADABLE_MODULE, f"'{raw}' cannot be read: {err}", decl)
            return None
        if not (target.is_relative_to(base) and real.is_relative_to(base)):
            self._error(
                codes.IMPORT_OUTSIDE_ROOT,
                f"'{raw}' leads outside "
                f"{'the standard library' if module.std else 'the project root'}",
                decl,
                fix=f"the root is {display_path(base)}{os.sep}; keep imported files inside it, "
                "or pass --root",
            )
            return None
        if not real.is_file():
            hint = None
            if real.with_suffix(".world").is_file() and real.suffix != ".world":
                hint = f'did you mean "{raw}.world"?'
            what = "is a directory, not a file" if real.is_dir() else "does not exist"
            self._error(codes.MODULE_NOT_FOUND, f"'{raw}' {what}", decl, fix=hint)
            return None
        return real


def _describe_read_error(path: Path, err: Exception) -> str:
    if isinstance(err, UnicodeDecodeError):
        return f"{display_path(path)} is not UTF-8 text (byte {err.start})"
    if isinstance(err, IsADirectoryError):
        return f"{display_path(path)} is a directory"
    if isinstance(err, FileNotFoundError):
        return f"{display_path(path)} does not exist"
    if isinstance(err, PermissionError):
        return f"{display_path(path)} cannot be read: permission denied"
    return f"{display_path(path)} cannot be read: {getattr(err, 'strerror', None) or err}"

"""The language server's view of the files an editor has open: their text as
typed (not as saved), parsed incrementally, and checked with the modules they
`use` (parsed once from disk, again only when they change there).

A check gives the same findings as `worldspec check` on the same text. It also
keeps what hover, completion and navigation read: the last analysis of a world
that parsed (so that a half-typed line does not blank the hover), and the index
of where every name is declared and used.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from worldspec._gc import paused_gc
from worldspec.check import traps
from worldspec.check.api import check_project
from worldspec.diagnostics import Diagnostic
from worldspec.lsp.incremental import reparse
from worldspec.lsp.symbols import SymbolIndex, index
from worldspec.model import Analysis
from worldspec.syntax import ast
from worldspec.syntax.imports import Loader, ModuleLoadError, display_path, resolve_path
from worldspec.syntax.parser import ParseResult, parse


@dataclass(slots=True)
class Edit:
    """Lines `first` to `last` (1-based, inclusive) of the old text were replaced by
    `text`; None for the whole document."""

    first: int
    last: int
    text: str


@dataclass
class OpenFile:
    path: Path  # resolved
    display: str  # as spans and diagnostics name it
    text: str
    version: int
    result: ParseResult


@dataclass
class Checked:
    """One check of an open file: findings by display path, and what it saw."""

    diagnostics: dict[str, list[Diagnostic]]
    analysis: Analysis | None
    modules: list[ast.Module]
    paths: dict[str, Path]  # display path -> file
    seconds: float
    _symbols: SymbolIndex | None = field(default=None, repr=False)

    @property
    def symbols(self) -> SymbolIndex:
        """Where each name is declared and used: worked out on the first request
        after a check, not on every keystroke."""
        if self._symbols is None:
            self._symbols = index(self.modules)
        return self._symbols


class Workspace:
    def __init__(self, root: Path | None = None) -> None:
        # reality's sentences, which the trap check matches tripwires against, are
        # rendered once and remembered, not again at every keystroke
        traps.MEMO = traps.TextMemo()
        self.root = root
        self.files: dict[Path, OpenFile] = {}
        self.parsed: dict[Path, tuple[int, ParseResult]] = {}  # modules read from disk
        self.last: dict[Path, Checked] = {}
        self.analysis: dict[Path, Analysis] = {}  # the last that ran, per open file

    def open(self, path: Path, text: str, version: int) -> OpenFile:
        resolved = resolve_path(path)
        display = display_path(path)
        opened = OpenFile(resolved, display, text, version, parse(text, display))
        self.files[resolved] = opened
        return opened

    def change(self, path: Path, edits: list[Edit | str], version: int) -> OpenFile:
        """Apply an editor's changes, in order: an Edit of lines, or a whole new text."""
        opened = self.files[resolve_path(path)]
        for edit in edits:
            if isinstance(edit, str):
                opened.text, opened.result = edit, parse(edit, opened.display)
                continue
            lines = opened.text.split("\n")
            new_lines = edit.text.split("\n")
            text = "\n".join([*lines[: edit.first - 1], *new_lines, *lines[edit.last :]])
            last = edit.first + len(new_lines) - 1
            opened.result = reparse(opened.result, text, edit.first, edit.last, last)
            opened.text = text
        opened.version = version
        return opened

    def close(self, path: Path) -> None:
        resolved = resolve_path(path)
        self.files.pop(resolved, None)
        self.last.pop(resolved, None)
        self.analysis.pop(resolved, None)

    def check(self, path: Path) -> Checked:
        """Check an open file with the modules it uses (open ones as typed)."""
        started = time.perf_counter()
        opened = self.files[resolve_path(path)]
        overlay = {f.path: f.result for f in self.files.values()}
        loader = Loader(self.root, overlay=overlay, parsed=self.parsed)
        try:
            with paused_gc():  # the trees are acyclic: as `worldspec check` does
                project = loader.load(opened.path)
                found, analysis = check_project(project)
        except ModuleLoadError:  # the file went away under the editor: nothing to say
            checked = Checked({}, None, [], {}, 0.0)
            self.last[opened.path] = checked
            return checked
        by_file: dict[str, list[Diagnostic]] = {m.result.source.path: [] for m in project.modules}
        for diagnostic in [*found, *loader.diagnostics]:
            by_file.setdefault(diagnostic.span.path, []).append(diagnostic)
        paths = {m.result.source.path: m.path for m in project.modules}
        if analysis is not None:
            self.analysis[opened.path] = analysis
        modules = [m.module for m in project.modules]
        checked = Checked(by_file, analysis, modules, paths, time.perf_counter() - started)
        self.last[opened.path] = checked
        return checked

    def latest_analysis(self, path: Path) -> Analysis | None:
        return self.analysis.get(resolve_path(path))

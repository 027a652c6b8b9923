"""The public API's functions of their own (the rest are the stages' own, re-exported
by worldspec/__init__.py): above every stage, imported by none of them."""

from __future__ import annotations

from pathlib import Path

from worldspec.diagnostics import Diagnostic
from worldspec.syntax import ParseResult, parse
from worldspec.syntax.fmt import format_module
from worldspec.syntax.imports import Loader, Project


def format_text(text: str, path: str = "<string>") -> tuple[str | None, ParseResult]:
    """The canonical text of a `.world` source, or None when it has syntax errors."""
    result = parse(text, path, comments=True)
    if result.diagnostics:
        return None, result
    formatted = format_module(result.module, result.source)
    first_line_end = text.find("\n")
    if first_line_end > 0 and text[first_line_end - 1] == "\r":
        # keep the file's line endings, as black does: judged by its first line
        formatted = formatted.replace("\n", "\r\n")
    return formatted, result


def load_project(entry: Path, root: Path | None = None) -> tuple[Project, list[Diagnostic]]:
    """Load `entry` and everything it uses, with the import errors found on the way."""
    loader = Loader(root)
    project = loader.load(entry)
    return project, loader.diagnostics

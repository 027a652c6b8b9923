"""worldspec: a compiler for counterfactual worlds.

The public API, in pipeline order (each stage imports only the ones before it):

* `parse`, `parse_file`: `.world` text to a typed AST with spans (worldspec.syntax)
* `format_text`: the canonical layout of a `.world` text (worldspec.syntax.fmt)
* `load_project`: an entry file and every module it `use`s (worldspec.syntax.imports)
* `check_paths`: diagnostics for files and directories (worldspec.check)
"""

from __future__ import annotations

from pathlib import Path

from worldspec.check.api import CheckReport, UsageError, check_paths
from worldspec.diagnostics import Diagnostic
from worldspec.syntax import ParseResult, parse, parse_file
from worldspec.syntax.fmt import format_module
from worldspec.syntax.imports import Loader, Project

__version__ = "0.1.0"


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


__all__ = [
    "CheckReport",
    "ParseResult",
    "UsageError",
    "__version__",
    "check_paths",
    "format_text",
    "load_project",
    "parse",
    "parse_file",
]

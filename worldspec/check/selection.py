"""Which findings to report: `--select` and `--ignore` code prefixes, per-line
suppression comments, and the severity that fails the run."""

from __future__ import annotations

import re
from collections.abc import Iterable

from worldspec.diagnostics import CODES, Diagnostic, Severity
from worldspec.source import SourceFile

_CANDIDATE = re.compile(r"#\s*worldspec:\s*ignore")
_SUPPRESSION = re.compile(r"#\s*worldspec:\s*ignore(?:\[([^\]]*)\])?")


class SelectionError(ValueError):
    """A code or prefix that matches no registered code."""


def parse_codes(values: Iterable[str]) -> list[str]:
    """Comma-separated, repeatable code prefixes, checked against the registry."""
    prefixes = []
    for value in values:
        for part in value.split(","):
            prefix = part.strip().upper()
            if not prefix:
                continue
            if not any(code.startswith(prefix) for code in CODES):
                raise SelectionError(
                    f"'{part.strip()}' matches no diagnostic code (see worldspec rule --all)"
                )
            prefixes.append(prefix)
    return prefixes


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """Whether `code` is reported: the longest matching prefix decides, and at the
    same length `--ignore` wins over `--select` (as ruff does)."""
    chosen = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    dropped = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return chosen >= 0 and chosen > dropped


def suppressions(source: SourceFile) -> dict[int, set[str] | None]:
    """Line -> codes suppressed there (None: every code), from the file's comments."""
    if not _CANDIDATE.search(source.text):
        return {}
    from worldspec.syntax import parse

    found: dict[int, set[str] | None] = {}
    for comment in parse(source.text, source.path, comments=True).module.comments:
        match = _SUPPRESSION.search(comment.text)
        if match is None:
            continue
        if match.group(1) is None:
            found[comment.line] = None
        else:
            codes = {c.strip().upper() for c in match.group(1).split(",") if c.strip()}
            previous = found.get(comment.line, set())
            found[comment.line] = None if previous is None else previous | codes
    return found


def apply(
    diagnostics: list[Diagnostic],
    sources: dict[str, SourceFile],
    select: list[str],
    ignore: list[str],
) -> list[Diagnostic]:
    """The diagnostics left after selection and suppression comments."""
    by_file: dict[str, dict[int, set[str] | None]] = {}
    kept = []
    for diagnostic in diagnostics:
        if not selected(diagnostic.code.code, select, ignore):
            continue
        path = diagnostic.span.path
        if path not in by_file:
            source = sources.get(path)
            by_file[path] = suppressions(source) if source is not None else {}
        line_codes = by_file[path].get(diagnostic.span.line, set())
        if line_codes is None or diagnostic.code.code in line_codes:
            continue
        kept.append(diagnostic)
    return kept


def fails(diagnostics: list[Diagnostic], fail_on: Severity) -> bool:
    return any(d.level.rank >= fail_on.rank for d in diagnostics)

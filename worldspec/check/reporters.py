"""Printing diagnostics: `text` (ruff-like, with the source line and a caret) and
`json` (one array of `records.DiagnosticRecord`, the stable machine-readable form)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from worldspec.diagnostics import Diagnostic, Severity
from worldspec.source import SourceFile, Span


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
    # pydantic is imported here, not at start-up: text output does not need it.
    from worldspec.check.records import DiagnosticRecord

    records = [DiagnosticRecord.of(d).model_dump() for d in diagnostics]
    return json.dumps(records, indent=2, ensure_ascii=False)


def excerpt(source: SourceFile | None, span: Span, gutter: int) -> list[str]:
    """The source line of `span` with a caret line under the spanned characters."""
    if source is None:
        return []
    text = source.line_text(span.line)
    if not text and span.line > 1 and span.column == 1:
        return []
    start = max(span.column - 1, 0)
    if span.end_line == span.line:
        width = max(span.end_column - span.column, 1)
    else:
        width = max(len(text) - start, 1)
    # Keep tabs in the padding so the caret lines up under a tab-indented line.
    padding = "".join(c if c == "\t" else " " for c in text[:start])
    pad = " " * gutter
    return [
        f"{pad} |",
        f"{str(span.line).rjust(gutter)} | {text}",
        f"{pad} | {padding}{'^' * width}",
    ]


def render_text(
    diagnostics: list[Diagnostic], sources: dict[str, SourceFile], *, concise: bool = False
) -> str:
    lines: list[str] = []
    for diagnostic in diagnostics:
        lines.append(str(diagnostic))
        if concise:
            continue
        gutter = len(str(max([diagnostic.span.line] + [r.span.line for r in diagnostic.related])))
        lines.extend(excerpt(sources.get(diagnostic.span.path), diagnostic.span, gutter))
        for related in diagnostic.related:
            lines.append(f"{' ' * gutter} = note: {related.span}: {related.message}")
        if diagnostic.fix:
            lines.append(f"{' ' * gutter} = help: {diagnostic.fix}")
        lines.append("")
    return "\n".join(lines)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(1 for d in diagnostics if d.level is Severity.ERROR)
    warnings = len(diagnostics) - errors
    checked = f"{files} file{'s' if files != 1 else ''}"
    if not diagnostics:
        return f"All checks passed ({checked})."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"Found {' and '.join(parts)} in {checked}."

"""Printing diagnostics: `text` (ruff-like, with the source line and a caret) and
`json` (one array of records, the stable machine-readable form)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from pydantic import BaseModel

from worldspec.diagnostics import Diagnostic, Severity
from worldspec.source import SourceFile, Span


class SpanRecord(BaseModel):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, span: Span) -> SpanRecord:
        return cls(
            path=span.path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
        )


class RelatedRecord(SpanRecord):
    message: str


class DiagnosticRecord(BaseModel):
    """One diagnostic in `--format json`; field names are a stable interface."""

    code: str
    name: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    related: list[RelatedRecord]
    fix: str | None

    @classmethod
    def of(cls, diagnostic: Diagnostic) -> DiagnosticRecord:
        span = diagnostic.span
        return cls(
            code=diagnostic.code.code,
            name=diagnostic.code.name,
            severity=diagnostic.level.value,
            message=diagnostic.message,
            path=span.path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            related=[
                RelatedRecord(message=r.message, **SpanRecord.of(r.span).model_dump())
                for r in diagnostic.related
            ],
            fix=diagnostic.fix,
        )


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
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

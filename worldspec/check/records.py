"""The JSON form of diagnostics: pydantic models at the output boundary."""

from __future__ import annotations

from pydantic import BaseModel

from worldspec.diagnostics import Diagnostic
from worldspec.source import Span


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

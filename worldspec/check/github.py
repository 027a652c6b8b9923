"""`--format github`: GitHub Actions workflow commands that annotate a pull request.

    ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message

In the message `%`, `\\r` and `\\n` are escaped as `%25`, `%0D`, `%0A`; in the
properties `:` and `,` are escaped too (`%3A`, `%2C`), as the runner expects.
"""

from __future__ import annotations

from worldspec.diagnostics import Diagnostic, Severity


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for diagnostic in diagnostics:
        span = diagnostic.span
        command = "error" if diagnostic.level is Severity.ERROR else "warning"
        properties = ",".join(
            [
                f"file={escape_property(span.path)}",
                f"line={span.line}",
                f"col={span.column}",
                f"endLine={span.end_line}",
                f"endColumn={span.end_column}",
                f"title={escape_property(f'{diagnostic.code.code} {diagnostic.code.name}')}",
            ]
        )
        message = diagnostic.message + (f" (help: {diagnostic.fix})" if diagnostic.fix else "")
        lines.append(f"::{command} {properties}::{escape_data(message)}")
    return "\n".join(lines)

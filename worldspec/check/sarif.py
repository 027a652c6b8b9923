"""`--format sarif`: a SARIF 2.1.0 log, as GitHub code scanning and other tools read it."""

from __future__ import annotations

import json
from typing import Any

from worldspec.diagnostics import CODES, Diagnostic, Severity
from worldspec.source import Span
from worldspec.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/worldspec/worldspec"


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _location(span: Span, message: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": span.path.replace("\\", "/")},
            "region": _region(span),
        }
    }
    if message is not None:
        location["message"] = {"text": message}
    return location


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def render_sarif(diagnostics: list[Diagnostic]) -> str:
    used = sorted({d.code.code for d in diagnostics})
    index = {code: i for i, code in enumerate(used)}
    rules = []
    for code in used:
        entry = CODES[code]
        rules.append(
            {
                "id": code,
                "name": entry.name,
                "shortDescription": {"text": entry.summary},
                "fullDescription": {"text": entry.explanation},
                "help": {"text": f"{entry.explanation}\n\nExample:\n{entry.example}"},
                "defaultConfiguration": {"level": _level(entry.severity)},
            }
        )
    results = []
    for diagnostic in diagnostics:
        result: dict[str, Any] = {
            "ruleId": diagnostic.code.code,
            "ruleIndex": index[diagnostic.code.code],
            "level": _level(diagnostic.level),
            "message": {
                "text": diagnostic.message
                + (f" (help: {diagnostic.fix})" if diagnostic.fix else "")
            },
            "locations": [_location(diagnostic.span)],
        }
        if diagnostic.related:
            result["relatedLocations"] = [
                {"id": i, **_location(r.span, r.message)} for i, r in enumerate(diagnostic.related)
            ]
        results.append(result)
    log = sarif_log(rules, results, columnKind="unicodeCodePoints")
    return json.dumps(log, indent=2, ensure_ascii=False)


def sarif_log(
    rules: list[dict[str, Any]], results: list[dict[str, Any]], **run: Any
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one worldspec run (the checker's, or the scanner's)."""
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "worldspec",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                **run,
            }
        ],
    }

"""An import as a world module: `use` lines, entities, and a reality block whose
facts name their source, formatted as `worldspec fmt` formats (the text is parsed
and printed by the formatter, so that it is also known to parse)."""

from __future__ import annotations

from worldspec.ingest.build import Imported
from worldspec.syntax.fmt import format_module
from worldspec.syntax.literals import write_string
from worldspec.syntax.parser import parse


class EmitError(Exception):
    """The module written does not parse (a bug of ours, said as such)."""


def module_text(imported: Imported, uses: list[str], sources: list[str]) -> str:
    """The module, in the form `worldspec fmt` gives it (a test holds the two to each
    other; a large import is not parsed again to format it)."""
    lines = [
        f"# Imported by `worldspec import` from {', '.join(sources)}.",
        "# Import again to update it: ids stay the same, so a diff shows what changed.",
        "",
        *(f"use {u}" if u.startswith("std.") else f'use "{u}"' for u in uses),
        "",
    ]
    for entity in sorted(imported.entities.values(), key=lambda e: e.id):
        head = f"entity {entity.id} : {entity.cls} {write_string(entity.label)}"
        if entity.aliases:  # a block stands apart, between blank lines
            if lines[-1]:
                lines.append("")
            aka = ", ".join(write_string(a) for a in entity.aliases)
            lines += [f"{head} {{  # {_iri(entity.iri)}", f"  aka {aka}", "}", ""]
        else:
            lines.append(f"{head}  # {_iri(entity.iri)}")
    if lines[-1]:
        lines.append("")
    lines.append("reality {")
    for fact in imported.facts:
        when = (f" from {fact.start}" if fact.start else "") + (
            f" until {fact.end}" if fact.end else ""
        )
        lines.append(f"  {fact.subject}.{fact.property} = {fact.value}{when}  # {fact.source}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def checked_text(text: str) -> str:
    """`text` parsed and formatted: EmitError if it does not parse."""
    parsed = parse(text, "imported.world", comments=True)
    if parsed.diagnostics:
        first = parsed.diagnostics[0]
        raise EmitError(f"the imported module does not parse ({first.code} {first.message})")
    return format_module(parsed.module, parsed.source)


def _iri(iri: str) -> str:
    for prefix, short in (
        ("http://www.wikidata.org/entity/", "wd:"),
        ("http://schema.org/", "schema:"),
    ):
        if iri.startswith(prefix):
            return short + iri[len(prefix) :]
    return iri

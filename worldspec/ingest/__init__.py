"""`worldspec import`: reality from knowledge graphs (Wikidata dumps, RDF, SPARQL
results), as a world module that a world `use`s.

The modules, in the order an import runs: mapping.py (what to take, and what it is
in the world), sources.py (readers, streaming), select.py (seeds and hops, a pass
a hop), build.py (entities, typed facts, facts in time, stable ids), emit.py (the
module's text, formatted); against.py compares a spec's reality with an import
(`worldspec check --against`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from worldspec.ingest.build import Imported, build
from worldspec.ingest.emit import module_text
from worldspec.ingest.mapping import WD, Mapping, MappingError, load_mappings
from worldspec.ingest.select import Selection, select
from worldspec.ingest.sources import (
    Problems,
    SourceError,
    Wanted,
    detect_format,
    statements,
)
from worldspec.model import analyze
from worldspec.model.world import World
from worldspec.syntax.imports import Loader, ModuleLoadError

__all__ = [
    "ImportReport",
    "MappingError",
    "SourceError",
    "import_graph",
    "load_schema",
]


@dataclass(slots=True)
class ImportReport:
    text: str
    entities: int
    facts: int
    passes: int
    statements: int
    skipped: dict[str, int] = field(default_factory=dict)
    malformed: int = 0
    first_malformed: list[str] = field(default_factory=list)


def seed_iri(seed: str) -> str:
    """A seed as an IRI: a Wikidata id (Q90) or an IRI as given."""
    return WD + seed if seed[:1] in "QPL" and seed[1:].isdigit() else seed


def load_schema(mapping: Mapping) -> World:
    """The classes and properties of the modules the mapping is for."""
    with tempfile.TemporaryDirectory(prefix="worldspec-import-") as scratch:
        entry = Path(scratch) / "schema.world"
        entry.write_text(
            "".join(f"use {u}\n" if u.startswith("std.") else f'use "{u}"\n' for u in mapping.uses),
            encoding="utf-8",
        )
        loader = Loader(Path("/"))
        try:
            project = loader.load(entry)
        except ModuleLoadError as err:
            raise MappingError(str(err)) from None
        if loader.diagnostics:
            raise MappingError(f"the mapping's modules: {loader.diagnostics[0].message}")
        return analyze([m.module for m in project.modules]).world


def import_graph(
    paths: list[Path],
    mappings: list[str],
    *,
    seeds: list[str] | None = None,
    hops: int = 1,
    lang: str = "en",
    fmt: str | None = None,
    keep_going: bool = False,
) -> ImportReport:
    """The world module of what `paths` say, through `mappings`. SourceError for a
    malformed source (unless `keep_going`), MappingError for a bad mapping."""
    mapping = load_mappings(mappings)
    schema = load_schema(mapping)
    problems = Problems(keep_going)
    formats = [(path, fmt or detect_format(path)) for path in paths]

    def read(wanted: Wanted):  # type: ignore[no-untyped-def]
        for path, kind in formats:
            yield from statements(path, kind, wanted, problems, lang)

    selection: Selection = select(read, mapping, [seed_iri(s) for s in seeds or []], hops, lang)
    imported: Imported = build(selection, mapping, schema)
    text = module_text(imported, mapping.uses, [p.name for p in paths])
    return ImportReport(
        text,
        len(imported.entities),
        len(imported.facts),
        selection.passes,
        selection.statements,
        dict(imported.skipped.most_common()),
        problems.count,
        problems.first,
    )

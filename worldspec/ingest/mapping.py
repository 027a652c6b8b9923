"""Mappings: which classes and properties of a knowledge graph to import, and what
they are in the world.

A mapping is a TOML file:

    use = "std.geo"                  # the module whose classes and properties these are
    [prefixes]
    wd = "http://www.wikidata.org/entity/"
    wdt = "http://www.wikidata.org/prop/direct/"
    [classes]
    "wd:Q515" = "City"               # listed first wins when an entity has several
    [properties]
    "wdt:P1082" = "population"
    "wdt:P17" = { City = "country", Place = "in_country" }   # by the subject's class

Terms are IRIs (or CURIEs of the prefixes). A Wikidata dump's Q and P ids are read
as the IRIs Wikidata's own RDF gives them (wd:Q515, wdt:P17), so one mapping serves
the JSON dumps, the RDF and the SPARQL results alike. The standard modules ship
theirs beside them (specs/std/NAME.mapping.toml): `--mapping std.geo`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from worldspec.resources import std_dir

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
INSTANCE_OF = WDT + "P31"
LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://schema.org/name",
)
ALIASES = ("http://www.w3.org/2004/02/skos/core#altLabel", "http://schema.org/alternateName")


class MappingError(Exception):
    """A mapping that cannot be read or used: says where and why."""


@dataclass(slots=True)
class Mapping:
    uses: list[str] = field(default_factory=list)  # modules: "std.geo" or a path
    classes: dict[str, str] = field(default_factory=dict)  # IRI -> class, in order
    # IRI -> {subject class or "" for any: property}
    properties: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # the files it was read from

    def merge(self, other: Mapping) -> None:
        self.uses += [u for u in other.uses if u not in self.uses]
        for iri, cls in other.classes.items():
            self.classes.setdefault(iri, cls)
        for iri, by_class in other.properties.items():
            self.properties.setdefault(iri, {}).update(by_class)
        self.sources += other.sources

    def class_rank(self, iri: str) -> int | None:
        """Where a class IRI stands in the mapping (lower wins), None if not mapped."""
        return self._ranks.get(iri)

    @property
    def _ranks(self) -> dict[str, int]:
        return {iri: rank for rank, iri in enumerate(self.classes)}


def load_mappings(names: list[str]) -> Mapping:
    """The mappings named (a file, or `std.NAME` for a standard module's), merged."""
    merged = Mapping()
    for name in names:
        merged.merge(load_mapping(name))
    if not merged.properties:
        raise MappingError("the mappings map no property: nothing would be imported")
    return merged


def load_mapping(name: str) -> Mapping:
    path = _mapping_path(name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise MappingError(f"{path}: cannot read the mapping: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise MappingError(f"{path}: not TOML: {err}") from None
    prefixes = data.get("prefixes", {})
    if not isinstance(prefixes, dict):
        raise MappingError(f"{path}: [prefixes] is a table of names to IRIs")
    uses = data.get("use", [])
    mapping = Mapping(uses=[uses] if isinstance(uses, str) else list(uses), sources=[str(path)])
    for term, cls in _table(data, "classes", path).items():
        if not isinstance(cls, str):
            raise MappingError(f"{path}: classes.{term} is a class name")
        mapping.classes[_expand(term, prefixes, path)] = cls
    for term, target in _table(data, "properties", path).items():
        iri = _expand(term, prefixes, path)
        if isinstance(target, str):
            mapping.properties[iri] = {"": target}
        elif isinstance(target, dict) and all(isinstance(v, str) for v in target.values()):
            mapping.properties[iri] = {str(k): str(v) for k, v in target.items()}
        else:
            raise MappingError(
                f"{path}: properties.{term} is a property name, or a table of them by class"
            )
    return mapping


def _mapping_path(name: str) -> Path:
    if name.startswith("std.") and "/" not in name:
        path = std_dir() / f"{name[4:]}.mapping.toml"
        if not path.exists():
            shipped = sorted(p.name.split(".")[0] for p in std_dir().glob("*.mapping.toml"))
            raise MappingError(
                f"no standard mapping '{name}'; there are {', '.join('std.' + s for s in shipped)}"
            )
        return path
    return Path(name)


def _table(data: dict[str, object], name: str, path: Path) -> dict[str, object]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise MappingError(f"{path}: [{name}] is a table")
    return table


def _expand(term: str, prefixes: dict[str, str], path: Path) -> str:
    if "://" in term:
        return term
    prefix, colon, local = term.partition(":")
    if colon and prefix in prefixes:
        return str(prefixes[prefix]) + local
    raise MappingError(f"{path}: '{term}' is neither an IRI nor a CURIE of [prefixes]")

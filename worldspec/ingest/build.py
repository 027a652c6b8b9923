"""From selected statements to a world module's entities and reality facts.

Each entity takes the mapped class listed first of those it has (or, with none,
the range of the property that names it), a label and aliases. Each statement of
a mapped property becomes a fact of the world property the mapping names for the
subject's class, when the module's signature admits it: its subject and object of
the declared classes, its literal of the declared type. Facts in time come from
the claims' qualifiers: start and end time bound a fact; a one-valued property
known at points in time (a population by census) holds each value from its point
until the next. Of a one-valued property's undated values, the preferred one is
kept (else the first). What is left out, and why, is counted.

Ids are stable across imports: the label's words and, for a Wikidata entity, its
id (`paris_q90`); another IRI's local name where it has no label.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from worldspec.ingest.mapping import WD, WDT, Mapping
from worldspec.ingest.select import Selection
from worldspec.ingest.sources import XSD, Literal, Statement
from worldspec.model.world import World
from worldspec.syntax.literals import write_string

DATATYPES = ("int", "float", "date", "string", "bool")
RESERVED = {
    "world", "use", "class", "property", "entity", "reality", "rule", "constraint",
    "diverge", "trap", "forbid", "tool", "corpus", "never", "true", "false", "none",
}  # fmt: skip


@dataclass(slots=True)
class ImportedEntity:
    iri: str
    id: str
    cls: str
    label: str
    aliases: list[str]


@dataclass(slots=True)
class ImportedFact:
    subject: str  # entity id
    property: str
    value: str  # as a .world file writes it
    start: str | None
    end: str | None
    source: str  # the statement's subject and predicate IRIs


@dataclass(slots=True)
class Imported:
    entities: dict[str, ImportedEntity] = field(default_factory=dict)  # by IRI
    facts: list[ImportedFact] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # why statements were left out


def build(selection: Selection, mapping: Mapping, schema: World) -> Imported:
    found = Imported()
    classes = _classes(selection, mapping, schema)
    ids = _ids(selection, classes)
    for iri, cls in classes.items():
        label = selection.labels.get(iri) or _local_name(iri)
        aliases = [a for a in selection.aliases.get(iri, []) if a != label]
        found.entities[iri] = ImportedEntity(iri, ids[iri], cls, label, aliases)
    candidates: dict[tuple[str, str], list[tuple[Statement, str]]] = {}
    signatures = _Signatures(mapping, schema)
    for statement in selection.facts:
        fact = _fact(statement, found, signatures, selection)
        if isinstance(fact, str):
            found.skipped[fact] += 1
            continue
        prop, value = fact
        subject = found.entities[statement.subject].id
        candidates.setdefault((subject, prop), []).append((statement, value))
    for (subject, prop), values in candidates.items():
        found.facts.extend(_in_time(subject, prop, values, schema.properties[prop].one, found))
    found.facts.sort(key=lambda f: (f.subject, f.property, f.start or "", f.value))
    return found


def _classes(selection: Selection, mapping: Mapping, schema: World) -> dict[str, str]:
    """Each entity's class: its first mapped class, or the range of a property that
    names it."""
    ranks = {iri: rank for rank, iri in enumerate(mapping.classes)}
    classes: dict[str, str] = {}
    for iri, types in selection.types.items():
        best = min(types, key=lambda t: ranks[t])
        if mapping.classes[best] in schema.classes:
            classes[iri] = mapping.classes[best]
    for statement in selection.facts:
        obj = statement.object
        if not isinstance(obj, str) or obj in classes or statement.subject not in classes:
            continue
        prop = _property(mapping, statement.predicate, classes[statement.subject], schema)
        # an entity with no name is no entity to declare
        named = obj in selection.labels
        if prop is not None and schema.properties[prop].range in schema.classes and named:
            classes[obj] = schema.properties[prop].range
    return classes


def _property(mapping: Mapping, predicate: str, cls: str, schema: World) -> str | None:
    """The world property a predicate is for a subject of class `cls`."""
    by_class = mapping.properties[predicate]
    if cls in by_class:
        return by_class[cls]
    for key, prop in by_class.items():
        if key and schema.is_a(cls, key):
            return prop
    return by_class.get("")


class _Signatures:
    """What a predicate is for a subject's class, and whether an object's class fits
    a property: looked up once a pair, not once a statement."""

    def __init__(self, mapping: Mapping, schema: World) -> None:
        self.mapping = mapping
        self.schema = schema
        self._props: dict[tuple[str, str], tuple[str, str, bool] | str] = {}
        self._fits: dict[tuple[str, str], bool] = {}

    def prop(self, predicate: str, cls: str) -> tuple[str, str, bool] | str:
        """(property, range, one-valued), or why the predicate is nothing here."""
        key = (predicate, cls)
        found = self._props.get(key)
        if found is None:
            found = self._props[key] = self._lookup(predicate, cls)
        return found

    def _lookup(self, predicate: str, cls: str) -> tuple[str, str, bool] | str:
        schema = self.schema
        prop = _property(self.mapping, predicate, cls, schema)
        if prop is None:
            return "property not mapped for the subject's class"
        info = schema.properties.get(prop)
        if info is None:
            return f"no property '{prop}' in the module"
        if not schema.is_a(cls, info.domain):
            return f"{prop}: subject is no {info.domain}"
        return prop, info.range, info.one

    def fits(self, cls: str, wanted: str) -> bool:
        key = (cls, wanted)
        found = self._fits.get(key)
        if found is None:
            found = self._fits[key] = self.schema.is_a(cls, wanted)
        return found


def _fact(
    statement: Statement, found: Imported, signatures: _Signatures, selection: Selection
) -> tuple[str, str] | str:
    """(property, value) of a statement, or why it is left out."""
    subject = found.entities.get(statement.subject)
    if subject is None:
        return "subject without a mapped class"
    signature = signatures.prop(statement.predicate, subject.cls)
    if isinstance(signature, str):
        return signature
    prop, wanted, _ = signature
    obj = statement.object
    if wanted in DATATYPES:
        if isinstance(obj, str):  # an entity where a literal is wanted: its name
            named = selection.labels.get(obj)
            if wanted != "string" or named is None:
                return f"{prop}: an entity where a {wanted} is wanted"
            obj = Literal(named)
        value = literal_text(obj, wanted)
        return (prop, value) if value is not None else f"{prop}: not a {wanted}"
    if not isinstance(obj, str):
        return f"{prop}: a literal where an entity is wanted"
    target = found.entities.get(obj)
    if target is None:
        return f"{prop}: object without a class or a name"
    if not signatures.fits(target.cls, wanted):
        return f"{prop}: object is no {wanted}"
    return prop, target.id


def literal_text(literal: Literal, datatype: str) -> str | None:
    """The literal as a .world file writes a value of `datatype`, or None."""
    text = literal.value.strip()
    if datatype == "string":
        return write_string(text)
    if datatype == "date":
        match = re.match(r"(\d{4}-\d\d-\d\d)", text)
        if match is None:
            return None
        try:
            dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
        return match.group(1)
    if datatype == "bool":
        return {"true": "true", "1": "true", "false": "false", "0": "false"}.get(text.lower())
    digits = text.lstrip("+")
    if digits.isdigit():  # the common case, without Decimal
        return str(int(digits)) if datatype == "int" else repr(float(digits))
    try:
        number = Decimal(text.lstrip("+"))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if datatype == "int":
        return str(int(number)) if number == number.to_integral_value() else None
    return repr(float(number))


def _in_time(
    subject: str, prop: str, values: list[tuple[Statement, str]], one: bool, found: Imported
) -> list[ImportedFact]:
    """The facts of a subject's property, with their validity from qualifiers."""
    if len(values) == 1:
        statement, value = values[0]
        if not (statement.start or statement.end or statement.point):
            return [ImportedFact(subject, prop, value, None, None, _where(statement))]
    facts = []
    points = sorted({(s.point, v) for s, v in values if s.point and not (s.start or s.end)})
    for i, (point, value) in enumerate(points):
        following = next((p for p, _ in points[i + 1 :] if p != point), None)
        source = _source(values, value)
        facts.append(ImportedFact(subject, prop, value, point, following if one else None, source))
    for statement, value in values:
        if statement.start or statement.end:
            start, end = statement.start, statement.end
            if start and end and end <= start:
                found.skipped[f"{prop}: ends before it starts"] += 1
                continue
            facts.append(ImportedFact(subject, prop, value, start, end, _where(statement)))
    undated = [(s, v) for s, v in values if not (s.start or s.end or s.point)]
    if one and undated and len(facts) == 0:
        preferred = [pair for pair in undated if pair[0].preferred] or undated
        statement, value = preferred[0]
        if len(undated) > 1:
            found.skipped[f"{prop}: another value of a one-valued property"] += len(undated) - 1
        facts.append(ImportedFact(subject, prop, value, None, None, _where(statement)))
    elif undated and not one:
        seen: set[str] = set()
        for statement, value in undated:
            if value not in seen:
                seen.add(value)
                facts.append(ImportedFact(subject, prop, value, None, None, _where(statement)))
    elif undated:
        found.skipped[f"{prop}: an undated value beside dated ones"] += len(undated)
    return facts


def _source(values: list[tuple[Statement, str]], value: str) -> str:
    return next(_where(s) for s, v in values if v == value)


def _where(statement: Statement) -> str:
    return f"{_short(statement.subject)} {_short(statement.predicate)}"


def _short(iri: str) -> str:
    for prefix, name in (
        (WD, "wd:"), (WDT, "wdt:"), ("http://schema.org/", "schema:")
    ):  # fmt: skip
        if iri.startswith(prefix):
            return name + iri[len(prefix) :]
    return f"<{iri}>"


def _ids(selection: Selection, classes: dict[str, str]) -> dict[str, str]:
    """A stable, readable, unique id for each entity."""
    ids: dict[str, str] = {}
    taken: dict[str, str] = {}
    for iri in sorted(classes):
        local = _local_name(iri)
        if iri.startswith(WD):  # the label's words and the id: paris_q90
            candidate = f"{slug(selection.labels.get(iri) or local) or 'entity'}_{local.lower()}"
        else:  # the IRI's own name, which changes less often than a label
            candidate = slug(local) or slug(selection.labels.get(iri) or "") or "entity"
        if candidate in taken and taken[candidate] != iri:
            digest = hashlib.sha256(iri.encode()).hexdigest()[:6]
            candidate = f"{candidate}_{digest}"
        taken[candidate] = iri
        ids[iri] = candidate
    return ids


def slug(text: str, limit: int = 40) -> str:
    """lowercase words joined by underscores, ASCII only, never a keyword."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())
    name = "_".join(words)[:limit].strip("_")
    if not name or name[0].isdigit() or name in RESERVED:
        name = f"e_{name}" if name else ""
    return name


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _xsd(name: str) -> str:
    return XSD + name

"""RDF export with rdflib: the schema, and reality and the world as named graphs.

Vocabulary: each world gets the namespace `https://worldspec.dev/world/NAME/`
for its entities, classes and properties. Classes are `rdfs:Class` with
`rdfs:subClassOf`; properties `rdf:Property` with `rdfs:domain`, `rdfs:range`
(XSD datatypes for string, int, float, date, bool) and `owl:inverseOf`; entities
have `rdf:type`, `rdfs:label` and `skos:altLabel`. In TriG, the schema and
reality's entities sit in the default graph, and reality's and the world's facts
(asserted and derived) in the named graphs `...NAME/graph/reality` and
`...NAME/graph/world`. Turtle and JSON-LD carry one of the two graphs.

A fact that does not hold at every date keeps its plain triple, and a reified
statement beside it (`rdf:Statement` with `rdf:subject`, `rdf:predicate` and
`rdf:object`) carries when it holds: `ws:validFrom` (the first day) and
`ws:validUntil` (the first day it no longer holds), `xsd:date`s in the vocabulary
`https://worldspec.dev/vocab#`. Plain RDF, no RDF-star: any store can query it.
The statement's IRI is `...NAME/statement/` and a hash of the fact, so the same
world exports the same bytes.

A string value with other wordings (`= "a" | "b"`) is a `ws:Wording` at
`...NAME/wording/` and a hash of the text, with the text as `rdf:value` and each
other wording as `skos:altLabel`, in each graph that states the text: what a
reader of the corpus may find written in its place.
"""

from __future__ import annotations

import hashlib
from typing import Literal as TypingLiteral

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef

from worldspec.model.values import Fact, Lit, Value, render_value
from worldspec.model.world import Graph as FactGraph
from worldspec.model.world import World

BASE = "https://worldspec.dev/world/"
VOCAB = Namespace("https://worldspec.dev/vocab#")
_XSD = {
    "string": XSD.string,
    "int": XSD.integer,
    "float": XSD.double,
    "date": XSD.date,
    "bool": XSD.boolean,
}

GraphName = TypingLiteral["reality", "world"]


def namespace(world: World) -> Namespace:
    return Namespace(f"{BASE}{world.name or 'unnamed'}/")


def _term(ns: Namespace, value: Value) -> URIRef | Literal:
    if isinstance(value, str):
        return ns[value]
    assert isinstance(value, Lit)
    return Literal(value.value, datatype=_XSD[value.type])


def schema_triples(world: World, graph: Graph) -> None:
    ns = namespace(world)
    graph.bind("w", ns)
    graph.bind("skos", SKOS)
    graph.bind("owl", OWL)
    for cls in world.classes.values():
        graph.add((ns[cls.name], RDF.type, RDFS.Class))
        for parent in cls.parents:
            graph.add((ns[cls.name], RDFS.subClassOf, ns[parent]))
        if cls.description:
            graph.add((ns[cls.name], RDFS.comment, Literal(cls.description)))
    for prop in world.properties.values():
        node = ns[prop.name]
        graph.add((node, RDF.type, RDF.Property))
        graph.add((node, RDFS.domain, ns[prop.domain]))
        graph.add((node, RDFS.range, _XSD.get(prop.range) or ns[prop.range]))
        if prop.inverse:
            graph.add((node, OWL.inverseOf, ns[prop.inverse]))
        if prop.one:
            graph.add((node, RDF.type, OWL.FunctionalProperty))
        if prop.description:
            graph.add((node, RDFS.comment, Literal(prop.description)))


def entity_triples(world: World, graph: Graph, world_only: bool) -> None:
    ns = namespace(world)
    for entity in world.entities.values():
        if (entity.divergence is not None) != world_only:
            continue
        node = ns[entity.name]
        graph.add((node, RDF.type, ns[entity.cls]))
        graph.add((node, RDFS.label, Literal(entity.label)))
        for alias in entity.aka:
            graph.add((node, SKOS.altLabel, Literal(alias)))


def wording_triples(world: World, facts: FactGraph, graph: Graph) -> None:
    """The wordings of the strings `facts` states: a replaced real value's other
    wordings belong to reality's graph, never to the world's."""
    ns = namespace(world)
    for text, others in world.stated_wordings(facts).items():
        digest = hashlib.sha256(text.encode()).hexdigest()
        node = ns[f"wording/{digest[:16]}"]
        graph.bind("ws", VOCAB)
        graph.add((node, RDF.type, VOCAB.Wording))
        graph.add((node, RDF.value, Literal(text)))
        for other in others:
            graph.add((node, SKOS.altLabel, Literal(other)))


def fact_triples(world: World, facts: FactGraph, graph: Graph) -> None:
    ns = namespace(world)
    timed = world.timed
    for store in (facts.asserted, facts.derived):
        for subject, prop, obj in store:
            graph.add((ns[subject], ns[prop], _term(ns, obj)))
            if timed:
                _validity_triples(world, facts.name, (subject, prop, obj), graph)


def statement_iri(world: World, fact: Fact) -> URIRef:
    """The IRI of a fact's reified statement: the same for the same fact, every run."""
    subject, prop, obj = fact
    digest = hashlib.sha256(f"{subject}\n{prop}\n{render_value(obj)}".encode()).hexdigest()
    return namespace(world)[f"statement/{digest[:16]}"]


def _validity_triples(world: World, graph_name: str, fact: Fact, graph: Graph) -> None:
    validity = world.validity(fact, graph_name)
    if not validity.bounded:
        return
    ns = namespace(world)
    node = statement_iri(world, fact)
    graph.bind("ws", VOCAB)
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.subject, ns[fact[0]]))
    graph.add((node, RDF.predicate, ns[fact[1]]))
    graph.add((node, RDF.object, _term(ns, fact[2])))
    if validity.start is not None:
        graph.add((node, VOCAB.validFrom, Literal(validity.start, datatype=XSD.date)))
    if validity.end is not None:
        graph.add((node, VOCAB.validUntil, Literal(validity.end, datatype=XSD.date)))


def to_dataset(world: World) -> Dataset:
    """Schema and reality's entities in the default graph; both fact graphs named."""
    ns = namespace(world)
    dataset = Dataset()
    dataset.bind("w", ns)
    default = dataset.default_graph
    schema_triples(world, default)
    entity_triples(world, default, world_only=False)
    reality = dataset.graph(ns["graph/reality"])
    fact_triples(world, world.reality, reality)
    wording_triples(world, world.reality, reality)
    in_world = dataset.graph(ns["graph/world"])
    entity_triples(world, in_world, world_only=True)
    fact_triples(world, world.world, in_world)
    wording_triples(world, world.world, in_world)
    return dataset


def to_graph(world: World, which: GraphName) -> Graph:
    """One graph with the schema, its entities and its facts."""
    graph = Graph()
    schema_triples(world, graph)
    entity_triples(world, graph, world_only=False)
    if which == "world":
        entity_triples(world, graph, world_only=True)
    facts = world.reality if which == "reality" else world.world
    fact_triples(world, facts, graph)
    wording_triples(world, facts, graph)
    return graph


def to_trig(world: World) -> str:
    """The dataset as TriG, byte for byte the same on every run.

    rdflib's TriG serializer orders named graphs by set iteration, which Python
    randomises per process; its Turtle serializer sorts. So each graph is written
    as Turtle and the three are put together in a fixed order.
    """
    dataset = to_dataset(world)
    ns = namespace(world)
    prefixes: set[str] = set()
    blocks: list[str] = []
    for name, graph in (
        ("", dataset.default_graph),
        (f"<{ns['graph/reality']}>", dataset.graph(ns["graph/reality"])),
        (f"<{ns['graph/world']}>", dataset.graph(ns["graph/world"])),
    ):
        plain = Graph()
        for prefix, uri in dataset.namespaces():
            plain.bind(prefix, uri)
        for triple in graph:
            plain.add(triple)
        body: list[str] = []
        for line in plain.serialize(format="turtle").splitlines():
            if line.startswith("@prefix"):
                prefixes.add(line)
            elif line.strip() or body:
                body.append(line)
        text = "\n".join(body).strip()
        if name:
            indented = "\n".join(("    " + line) if line else "" for line in text.splitlines())
            blocks.append(f"{name} {{\n{indented}\n}}")
        elif text:
            blocks.append(text)
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n"


def serialize(world: World, fmt: str, which: GraphName = "world") -> str:
    """`trig` (both graphs), or `turtle` / `json-ld` of one graph."""
    if fmt == "trig":
        return to_trig(world)
    return to_graph(world, which).serialize(format=fmt)

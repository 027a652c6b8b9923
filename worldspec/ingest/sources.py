"""Readers: a knowledge graph as a stream of statements, whatever its format.

Every reader yields Statements (subject IRI, predicate IRI, object IRI or Literal,
and a Wikidata claim's qualifiers), and takes `wanted`, a test of the subject that
lets it skip what the selection does not want as early and cheaply as it can (a
Wikidata dump line is skipped on its id, before its JSON is parsed). Files are
read as streams, gzip and bz2 included, so a dump of any size is read in memory
bounded by what is selected.

- Wikidata JSON dumps (`.json`, `.json.gz`, `.json.bz2`): one entity a line, with
  labels, aliases, claims (ranks: deprecated claims are left out) and their start,
  end and point-in-time qualifiers.
- N-Triples (`.nt`): a line parser of its own, three times rdflib's speed, which
  knows each statement's line (for messages and --keep-going) and tests the
  subject before it parses the rest.
- Turtle, TriG, N-Quads, JSON-LD, RDF/XML: pyoxigraph where it is installed (the
  `rdf` extra: it streams, in Rust), else rdflib (which reads the file whole).
- SPARQL JSON results (`.srj`, or `--format sparql`): bindings of ?s ?p ?o (or
  ?item ?prop ?value), with optional ?sLabel ?oLabel, ?start and ?end.
"""

from __future__ import annotations

import bz2
import gzip
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import orjson

from worldspec.ingest.mapping import ALIASES, LABELS, WD, WDT

XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = LABELS[0]
ALIAS = ALIASES[0]
FORMATS = ("wikidata", "ntriples", "turtle", "trig", "nquads", "jsonld", "xml", "sparql")
Wanted = Callable[[str], bool] | None


class Literal(NamedTuple):
    value: str
    datatype: str | None = None
    lang: str | None = None


class Statement(NamedTuple):
    subject: str
    predicate: str
    object: str | Literal
    start: str | None = None  # ISO dates, from a claim's qualifiers
    end: str | None = None
    point: str | None = None
    preferred: bool = False
    line: int = 0  # where it was read, for messages


class SourceError(Exception):
    """A malformed line or file: `path:line: what`."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line


class Problems:
    """Malformed lines a `--keep-going` read skipped, the first few kept to show."""

    def __init__(self, keep_going: bool) -> None:
        self.keep_going = keep_going
        self.count = 0
        self.first: list[str] = []

    def report(self, error: SourceError) -> None:
        if not self.keep_going:
            raise error
        self.count += 1
        if len(self.first) < 5:
            self.first.append(str(error))


def detect_format(path: Path) -> str:
    name = path.name.lower()
    for suffix in (".gz", ".bz2"):
        name = name.removesuffix(suffix)
    for ending, fmt in (
        (".json", "wikidata"), (".jsonl", "wikidata"), (".ndjson", "wikidata"),
        (".nt", "ntriples"), (".ttl", "turtle"), (".trig", "trig"), (".nq", "nquads"),
        (".jsonld", "jsonld"), (".rdf", "xml"), (".owl", "xml"), (".srj", "sparql"),
    ):  # fmt: skip
        if name.endswith(ending):
            return fmt
    raise SourceError(
        path, 0, f"cannot tell its format from its name; give --format ({', '.join(FORMATS)})"
    )


def open_text(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed as its name says, read as a stream."""
    try:
        if path.name.endswith(".gz"):
            return gzip.open(path, "rb")  # type: ignore[return-value]
        if path.name.endswith(".bz2"):
            return bz2.open(path, "rb")
        return open(path, "rb")
    except OSError as err:
        raise SourceError(path, 0, f"cannot read: {err.strerror or err}") from None


def statements(
    path: Path, fmt: str, wanted: Wanted, problems: Problems, lang: str = "en"
) -> Iterator[Statement]:
    if fmt == "wikidata":
        return wikidata(path, wanted, problems, lang)
    if fmt == "ntriples":  # line by line: line numbers, --keep-going, the subject test
        return ntriples(path, wanted, problems)
    if fmt == "sparql":
        return sparql(path, wanted)
    return rdf(path, fmt, wanted, lang)


# ---- Wikidata JSON dumps ---------------------------------------------------------

_ID = re.compile(rb'"id":\s*"([QPL]\d+)"')


def wikidata(path: Path, wanted: Wanted, problems: Problems, lang: str) -> Iterator[Statement]:
    with open_text(path) as stream:
        for number, raw in enumerate(stream, 1):
            line = raw.strip().rstrip(b",")
            if not line or line in (b"[", b"]"):
                continue
            if wanted is not None:
                found = _ID.search(line, 0, 400)
                if found is not None and not wanted(WD + found.group(1).decode()):
                    continue
            try:
                entity = orjson.loads(line)
                yield from _entity(entity, lang, number)
            except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
                problems.report(SourceError(path, number, f"not a Wikidata entity: {err}"))


def _entity(entity: dict[str, Any], lang: str, line: int) -> Iterator[Statement]:
    subject = WD + entity["id"]
    label = (entity.get("labels") or {}).get(lang)
    if label:
        yield Statement(subject, LABEL, Literal(label["value"], None, lang), line=line)
    for alias in (entity.get("aliases") or {}).get(lang, []):
        yield Statement(subject, ALIAS, Literal(alias["value"], None, lang), line=line)
    for prop, claims in (entity.get("claims") or {}).items():
        for claim in claims:
            if claim.get("rank") == "deprecated":
                continue
            value = _snak_value(claim["mainsnak"])
            if value is None:
                continue
            qualifiers = claim.get("qualifiers") or {}
            yield Statement(
                subject,
                WDT + prop,
                value,
                _qualifier_date(qualifiers, "P580"),
                _qualifier_date(qualifiers, "P582"),
                _qualifier_date(qualifiers, "P585"),
                claim.get("rank") == "preferred",
                line,
            )


def _snak_value(snak: dict[str, Any]) -> str | Literal | None:
    if snak.get("snaktype") != "value":
        return None
    data = snak["datavalue"]
    kind, value = data["type"], data["value"]
    if kind == "wikibase-entityid":
        return WD + str(value.get("id") or f"Q{value['numeric-id']}")
    if kind == "time":
        day = wikidata_date(value)
        return Literal(day, XSD + "date") if day is not None else None
    if kind == "quantity":
        return Literal(str(value["amount"]).lstrip("+"), XSD + "decimal")
    if kind == "monolingualtext":
        return Literal(value["text"], None, value.get("language"))
    if kind == "string":
        return Literal(str(value))
    return None


def wikidata_date(value: dict[str, Any]) -> str | None:
    """An ISO date of a Wikidata time: a day, or the first day of its month or year
    at coarser precision; None before year 1 or coarser than a year."""
    time, precision = str(value.get("time", "")), int(value.get("precision", 0))
    match = re.fullmatch(r"\+(\d{4,})-(\d\d)-(\d\d)T.*", time)
    if match is None or precision < 9 or len(match.group(1)) > 4:
        return None
    year, month, day = match.groups()
    month = month if precision >= 10 and month != "00" else "01"
    day = day if precision >= 11 and day != "00" else "01"
    return f"{year}-{month}-{day}"


def _qualifier_date(qualifiers: dict[str, Any], prop: str) -> str | None:
    for snak in qualifiers.get(prop, []):
        value = _snak_value(snak)
        if isinstance(value, Literal) and value.datatype == XSD + "date":
            return value.value
    return None


# ---- N-Triples -------------------------------------------------------------------

_TERM = r'(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:\^\^<([^>]*)>|@([A-Za-z0-9-]+))?)'
_NTRIPLE = re.compile(r"\s*(?:<([^>]*)>|_:\S+)\s*<([^>]*)>\s*" + _TERM + r"\s*\.\s*(?:#.*)?$")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU":
            return chr(int(code[1:], 16))
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, text)


def ntriples(path: Path, wanted: Wanted, problems: Problems) -> Iterator[Statement]:
    with open_text(path) as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        for number, line in enumerate(stream, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if wanted is not None and line.lstrip().startswith("<"):
                start = line.find("<") + 1
                if not wanted(line[start : line.find(">", start)]):
                    continue
            match = _NTRIPLE.match(line)
            if match is None:
                problems.report(SourceError(path, number, "not an N-Triples statement"))
                continue
            subject, predicate, iri, blank, text, datatype, lang = match.groups()
            if subject is None or blank is not None:
                continue  # a blank node names nothing a world can declare
            obj: str | Literal = (
                iri if iri is not None else Literal(_unescape(text), datatype, lang)
            )
            yield Statement(subject, predicate, obj, line=number)


# ---- other RDF syntaxes ----------------------------------------------------------

_OXIGRAPH_FORMATS = {
    "ntriples": "N_TRIPLES", "turtle": "TURTLE", "trig": "TRIG", "nquads": "N_QUADS",
    "xml": "RDF_XML", "jsonld": "JSON_LD",
}  # fmt: skip
_RDFLIB_FORMATS = {
    "ntriples": "nt", "turtle": "turtle", "trig": "trig", "nquads": "nquads",
    "xml": "xml", "jsonld": "json-ld",
}  # fmt: skip


def _has_pyoxigraph() -> bool:
    import importlib.util

    if importlib.util.find_spec("pyoxigraph") is None:
        return False
    return hasattr(__import__("pyoxigraph"), "RdfFormat")  # 0.4 and later


def rdf(path: Path, fmt: str, wanted: Wanted, lang: str) -> Iterator[Statement]:
    if _has_pyoxigraph():
        return _oxigraph(path, fmt, wanted)
    return _rdflib(path, fmt, wanted)


def _oxigraph(path: Path, fmt: str, wanted: Wanted) -> Iterator[Statement]:
    import pyoxigraph

    rdf_format = getattr(pyoxigraph.RdfFormat, _OXIGRAPH_FORMATS[fmt])
    with open_text(path) as stream:
        try:
            for quad in pyoxigraph.parse(stream, rdf_format):
                subject = quad.subject
                if not isinstance(subject, pyoxigraph.NamedNode):
                    continue
                if wanted is not None and not wanted(subject.value):
                    continue
                obj = quad.object
                if isinstance(obj, pyoxigraph.NamedNode):
                    yield Statement(subject.value, quad.predicate.value, obj.value)
                elif isinstance(obj, pyoxigraph.Literal):
                    datatype = obj.datatype.value if obj.datatype is not None else None
                    yield Statement(
                        subject.value,
                        quad.predicate.value,
                        Literal(obj.value, datatype, obj.language),
                    )
        except SyntaxError as err:
            raise SourceError(path, 0, f"not {fmt}: {err}") from None


def _rdflib(path: Path, fmt: str, wanted: Wanted) -> Iterator[Statement]:
    import rdflib

    graph = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    with open_text(path) as stream:
        try:
            graph.parse(stream, format=_RDFLIB_FORMATS[fmt])
        except Exception as err:  # rdflib raises its parsers' own errors
            raise SourceError(path, 0, f"not {fmt}: {err}") from None
    triples = (
        (s, p, o) for s, p, o, _ in graph.quads()
    ) if isinstance(graph, rdflib.Dataset) else iter(graph)  # fmt: skip
    for s, p, o in triples:
        if not isinstance(s, rdflib.URIRef) or (wanted is not None and not wanted(str(s))):
            continue
        if isinstance(o, rdflib.URIRef):
            yield Statement(str(s), str(p), str(o))
        elif isinstance(o, rdflib.Literal):
            datatype = str(o.datatype) if o.datatype is not None else None
            yield Statement(str(s), str(p), Literal(str(o), datatype, o.language))


# ---- SPARQL JSON results -----------------------------------------------------------


def sparql(path: Path, wanted: Wanted) -> Iterator[Statement]:
    with open_text(path) as stream:
        try:
            data = orjson.loads(stream.read())
            bindings = data["results"]["bindings"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as err:
            raise SourceError(path, 0, f"not SPARQL JSON results: {err}") from None
    for number, row in enumerate(bindings, 1):
        s = _binding(row, "s", "item", "subject")
        p = _binding(row, "p", "prop", "predicate")
        o = _binding(row, "o", "value", "object")
        if s is None or p is None or o is None:
            raise SourceError(path, number, "a binding without ?s ?p ?o (or ?item ?prop ?value)")
        subject = s["value"]
        if s.get("type") != "uri" or (wanted is not None and not wanted(subject)):
            continue
        obj: str | Literal = (
            o["value"] if o.get("type") == "uri"
            else Literal(o["value"], o.get("datatype"), o.get("xml:lang"))
        )  # fmt: skip
        start, end = _date_binding(row, "start"), _date_binding(row, "end")
        yield Statement(subject, _property(p["value"]), obj, start, end, line=number)
        for var, target in (("sLabel", subject), ("itemLabel", subject), ("oLabel", obj)):
            label = row.get(var)
            if label and isinstance(target, str):
                yield Statement(target, LABEL, Literal(label["value"], None, label.get("xml:lang")))


def _binding(row: dict[str, Any], *names: str) -> dict[str, Any] | None:
    for name in names:
        if name in row:
            return row[name]  # type: ignore[no-any-return]
    return None


def _property(iri: str) -> str:
    """wdt: for a Wikidata property named as an entity (wd:P17)."""
    if iri.startswith(WD + "P"):
        return WDT + iri[len(WD) :]
    return iri


def _date_binding(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    if not value:
        return None
    match = re.match(r"(\d{4}-\d\d-\d\d)", value["value"])
    return match.group(1) if match else None

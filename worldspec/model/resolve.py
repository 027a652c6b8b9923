"""From syntax trees to a `World`: names, types, the two graphs.

Resolution reports what stops a fact from meaning anything: an undefined name
(WS203), a type error (WS206, WS207), a malformed property (WS209, WS210), a
class cycle (WS205), an entity of the world used in reality (WS213). Facts with
such errors are left out of the graphs, so later checks see only well-typed facts,
and are recorded in `World.rejected`, so that later checks do not report what
follows from them.

Each mistake is reported once, where it is made, as compilers do: an undefined
name at its first use (later uses become notes), and nothing about what depends
on it: an entity of an undefined class has no type to be wrong about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model.store import FactStore
from worldspec.model.validity import Interval, interval_of
from worldspec.model.values import DATATYPES, Value, coerce, literal_kind, literal_of
from worldspec.model.world import (
    PARAM_TYPES,
    ClassInfo,
    Divergence,
    EntityInfo,
    Forbid,
    Graph,
    Op,
    PropertyInfo,
    Provenance,
    Rejected,
    Tool,
    ToolParam,
    Trap,
    Tripwire,
    World,
)
from worldspec.source import Span
from worldspec.suggestions import suggest
from worldspec.syntax import ast

KINDS = ("egregious", "subtle", "plausible")
SEVERITIES = ("low", "medium", "high", "critical")
RENDERERS = ("template", "llm")
# the most documents a corpus may plan: five thousand times the largest corpus measured
# in bench/ (compile.py: 200k); plan counts stay exact integers in floating point
MAX_DOCUMENTS = 1_000_000_000
# the llm renderer's settings a corpus block may give (the command line overrides them)
LLM_SETTINGS = (
    "api_base",
    "temperature",
    "max_tokens",
    "concurrency",
    "rpm",
    "tpm",
    "timeout",
    "max_cost",
    "judge_model",
    "universe",
    "ideas",
    "doc_types",
    "revise",
)
# goals for the corpus's quality (worldspec.corpus.stats): `max_` an upper bound on the
# measure the rest of the name says, `min_` a lower one; compile fails when one is missed
QUALITY_GOALS = ("max_unanchored", "max_repeated", "min_distinct_4grams", "max_redundancy")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_USE_NOTES = 3  # later uses of an undefined name shown as notes on its one finding


def report_undefined(
    rejected: Rejected,
    found: list[Diagnostic],
    kind: str,
    name: str,
    span: Span,
    candidates: Iterable[str],
    message: str | None = None,
) -> None:
    """WS203 at the first use of an undefined `kind` (class, property, entity); a
    later use adds a note to that finding instead of a finding of its own."""
    first = rejected.undefined.get((kind, name))
    if first is not None:
        if len(first.related) < _USE_NOTES:
            first.related.append(Related(span, f"'{name}' is used here too"))
        return
    diagnostic = Diagnostic(
        codes.UNDEFINED_NAME,
        message or f"no {kind} '{name}'",
        span,
        fix=suggest(name, candidates),
    )
    rejected.undefined[(kind, name)] = diagnostic
    found.append(diagnostic)


def _text(setting: ast.Setting) -> str | None:
    arg = setting.args[0] if setting.args else None
    return arg.value if isinstance(arg, ast.Str) else None


def _first(body: Iterable[object], key: str) -> ast.Setting | None:
    for item in body:
        if isinstance(item, ast.Setting) and item.key == key:
            return item
    return None


class _Resolver:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.classes: dict[str, ClassInfo] = {}
        self.properties: dict[str, PropertyInfo] = {}
        self.entities: dict[str, EntityInfo] = {}
        self.class_spans: dict[str, Span] = {}  # entity -> span of its class name
        self.rejected = Rejected()

    def error(
        self,
        code: codes.Code,
        message: str,
        span: Span,
        fix: str | None = None,
        related: list[Related] | None = None,
    ) -> None:
        self.diagnostics.append(Diagnostic(code, message, span, related or [], fix))

    def undefined(
        self,
        kind: str,
        name: str,
        span: Span,
        candidates: Iterable[str],
        message: str | None = None,
    ) -> None:
        report_undefined(self.rejected, self.diagnostics, kind, name, span, candidates, message)

    def reject(self, fact: ast.Fact, divergence: str | None = None) -> None:
        """Record a fact left out after an error, for the checks that reason from absence."""
        if fact.op != "-=" and not isinstance(fact.value, ast.NoneValue):
            self.rejected.properties.add(fact.prop.value)  # a removal never states one
        if divergence is not None:
            self.rejected.divergences.add(divergence)

    # ---- schema ----------------------------------------------------------------

    def declare(self, decls: list[ast.Decl]) -> None:
        for decl in decls:
            if isinstance(decl, ast.ClassDecl) and decl.name.value not in self.classes:
                desc = _first(decl.body, "description")
                noun = _first(decl.body, "noun")
                self.classes[decl.name.value] = ClassInfo(
                    decl.name.value,
                    [p.value for p in decl.parents],
                    decl.name.span,
                    _text(desc) if desc else None,
                    _text(noun) if noun else None,
                )
            elif isinstance(decl, ast.PropertyDecl) and decl.name.value not in self.properties:
                self.properties[decl.name.value] = self._property(decl)
            elif isinstance(decl, ast.EntityDecl):
                self._entity(decl, None)
            elif isinstance(decl, ast.DivergeDecl):
                for item in decl.body:
                    if isinstance(item, ast.EntityDecl):
                        self._entity(item, decl.name.value)

    def _property(self, decl: ast.PropertyDecl) -> PropertyInfo:
        info = PropertyInfo(
            decl.name.value,
            decl.domain.value,
            decl.range.value,
            decl.cardinality == "one",
            decl.name.span,
        )
        for setting in decl.body:
            arg = setting.args[0] if setting.args else None
            if setting.key == "says" and isinstance(arg, ast.Str):
                info.says.append(arg)
            elif setting.key == "asks" and isinstance(arg, ast.Str):
                info.asks.append(arg)
            elif setting.key == "unit" and isinstance(arg, ast.Str):
                info.unit = arg.value
            elif setting.key == "inverse" and isinstance(arg, ast.Ref):
                info.inverse, info.inverse_span = arg.name, arg.span
            elif setting.key == "description" and isinstance(arg, ast.Str):
                info.description = arg.value
            elif setting.key == "topic":
                named = (a.value.strip().lower() for a in setting.args if isinstance(a, ast.Str))
                info.topics = info.topics | {t for t in named if t}
        return info

    def _entity(self, decl: ast.EntityDecl, divergence: str | None) -> None:
        name = decl.name.value
        if name in self.entities:
            return  # a duplicate: reported by the names check
        aka: list[str] = []
        description = None
        words: dict[str, str | None] = {}  # article, noun, pronoun: the first of each
        for setting in decl.body:
            if setting.key == "aka":
                aka.extend(a.value for a in setting.args if isinstance(a, ast.Str))
            elif setting.key == "description":
                description = _text(setting)
            elif setting.key in ("article", "noun", "pronoun", "adjective"):
                words.setdefault(setting.key, _text(setting))
        label = decl.label.value if decl.label is not None else name
        self.entities[name] = EntityInfo(
            name,
            decl.cls.value,
            label,
            aka,
            decl.name.span,
            divergence,
            description,
            article=words.get("article"),
            noun=words.get("noun"),
            pronoun=words.get("pronoun"),
            adjective=words.get("adjective"),
        )
        self.class_spans[name] = decl.cls.span

    def check_schema(self) -> None:
        for info in self.classes.values():
            for parent in info.parents:
                if parent not in self.classes:
                    self.undefined("class", parent, info.span, self.classes)
        graph = nx.DiGraph()
        for info in self.classes.values():
            graph.add_node(info.name)
            for parent in info.parents:
                if parent in self.classes:
                    graph.add_edge(info.name, parent)
        for cycle in sorted(nx.simple_cycles(graph), key=lambda c: self.classes[c[0]].span):
            first = min(cycle, key=lambda n: self.classes[n].span)
            start = cycle.index(first)
            ordered = cycle[start:] + cycle[:start]
            self.error(
                codes.CLASS_CYCLE,
                f"class '{first}' is its own ancestor: {' -> '.join([*ordered, first])}",
                self.classes[first].span,
                related=[
                    Related(self.classes[n].span, f"'{n}' declared here") for n in ordered[1:]
                ],
            )
        for prop in self.properties.values():
            if prop.domain in DATATYPES:
                self.error(
                    codes.UNDEFINED_NAME,
                    f"no class '{prop.domain}' for the domain of '{prop.name}'",
                    prop.span,
                    "a datatype cannot be a domain",
                )
            elif prop.domain not in self.classes:
                self.undefined(
                    "class",
                    prop.domain,
                    prop.span,
                    self.classes,
                    f"no class '{prop.domain}' for the domain of '{prop.name}'",
                )
            if prop.range not in self.classes and prop.range not in DATATYPES:
                self.undefined(
                    "class",
                    prop.range,
                    prop.span,
                    [*self.classes, *DATATYPES],
                    f"no class or datatype '{prop.range}' for the range of '{prop.name}'",
                )
            self._check_phrases(prop)
            self._check_inverse(prop)
        for entity in self.entities.values():
            if entity.cls not in self.classes:
                span = self.class_spans.get(entity.name, entity.span)
                self.undefined("class", entity.cls, span, self.classes)
            for kind, table in (("class", self.classes), ("property", self.properties)):
                if entity.name in table:
                    other = table[entity.name].span
                    self.error(
                        codes.AMBIGUOUS_NAME,
                        f"'{entity.name}' names both an entity and a {kind}",
                        entity.span,
                        "rename one of them",
                        [Related(other, f"the {kind} '{entity.name}'")],
                    )

    def _check_phrases(self, prop: PropertyInfo) -> None:
        for kind, phrases in (("says", prop.says), ("asks", prop.asks)):
            for phrase in phrases:
                seen: set[str] = set()
                bad: list[str] = []
                for match in _PLACEHOLDER.finditer(phrase.value):
                    token = match.group(0)
                    if token in ("{{", "}}"):
                        continue
                    if match.group(1) is None:
                        bad.append(f"a lone '{token}' (write '{token * 2}')")
                    elif match.group(1) in ("s", "o"):
                        seen.add(match.group(1))
                    else:
                        bad.append(f"unknown placeholder '{token}' (there are {{s}} and {{o}})")
                if bad:
                    self.error(
                        codes.BAD_PLACEHOLDER, f"this {kind} phrase has {bad[0]}", phrase.span
                    )
                    continue
                if "s" not in seen:
                    self.error(
                        codes.BAD_PLACEHOLDER,
                        f"this {kind} phrase never names the subject {{s}}",
                        phrase.span,
                    )
                if kind == "says" and "o" not in seen:
                    self.error(
                        codes.BAD_PLACEHOLDER,
                        "this says phrase never states the value {o}",
                        phrase.span,
                    )
                if kind == "asks" and "o" in seen:
                    self.error(
                        codes.BAD_PLACEHOLDER,
                        "this question names the answer {o}; ask with {s} only",
                        phrase.span,
                    )

    def _check_inverse(self, prop: PropertyInfo) -> None:
        if prop.inverse is None:
            return
        span = prop.inverse_span or prop.span
        other = self.properties.get(prop.inverse)
        if other is None:
            self.undefined(
                "property",
                prop.inverse,
                span,
                self.properties,
                f"no property '{prop.inverse}' to be the inverse of '{prop.name}'",
            )
            return
        if prop.range in DATATYPES:
            self.error(
                codes.INVERSE_MISMATCH,
                f"'{prop.name}' has the datatype range "
                f"'{prop.range}': only properties between entities have inverses",
                span,
            )
            return
        problems = []
        if not self._subclass_or_unknown(prop.range, other.domain):
            problems.append(f"'{other.name}' applies to {other.domain}, not to {prop.range}")
        if not self._subclass_or_unknown(prop.domain, other.range):
            problems.append(f"'{other.name}' points to {other.range}, not to {prop.domain}")
        if other.inverse is not None and other.inverse != prop.name:
            problems.append(f"'{other.name}' names '{other.inverse}' as its inverse")
        if problems:
            self.rejected.inverses.add(prop.name)
            self.rejected.properties.add(other.name)
            self.error(
                codes.INVERSE_MISMATCH,
                f"'{prop.inverse}' does not mirror '{prop.name}': {problems[0]}",
                span,
                related=[Related(other.span, f"'{other.name}' declared here")],
            )

    def _subclass_or_unknown(self, cls: str, ancestor: str) -> bool:
        if cls not in self.classes or ancestor not in self.classes:
            return True
        return self.is_a(cls, ancestor)

    def typed(self, cls: str) -> bool:
        """Whether `cls` and all its ancestors are declared. Whether an entity of a
        class that is not fits a property is unknown, and asking would only repeat
        the undefined name, already reported. Only called once a type test failed."""
        seen = {cls}
        stack = [cls]
        while stack:
            info = self.classes.get(stack.pop())
            if info is None:
                return False
            for parent in info.parents:
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return True

    def is_a(self, cls: str, ancestor: str) -> bool:
        seen = {cls}
        stack = [cls]
        while stack:
            current = stack.pop()
            if current == ancestor:
                return True
            info = self.classes.get(current)
            for parent in info.parents if info is not None else ():
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return False

    def choice(self, arg: ast.Ref, allowed: tuple[str, ...], what: str) -> str | None:
        """A setting value from a fixed set (WS211 otherwise, with a suggestion)."""
        if arg.name in allowed:
            return arg.name
        self.error(
            codes.INVALID_SETTING_VALUE,
            f"unknown {what} '{arg.name}'; it is one of {', '.join(allowed)}",
            arg.span,
            suggest(arg.name, allowed),
        )
        return None

    # ---- facts -----------------------------------------------------------------

    def interval(self, fact: ast.Fact, removes: bool) -> Interval | bool | None:
        """The validity interval `fact` was stated with (None without one), or False
        after reporting one that holds on no day or on a removal (WS219)."""
        if fact.validity is None:
            return None
        interval = interval_of(fact.validity)
        assert interval is not None
        if removes:
            what = "'-=' takes a value away" if fact.op == "-=" else "'= none' clears the values"
            self.error(
                codes.INVALID_VALIDITY,
                f"{what} at every date; it takes no validity interval",
                fact.validity.span,
                "remove the interval, or replace the value: x.p = v from DATE",
            )
            return False
        if interval.empty:
            self.error(
                codes.INVALID_VALIDITY,
                f"this fact would hold on no day: it ends ({interval.end}) "
                f"{'on the day' if interval.start == interval.end else 'before'} it starts "
                f"({interval.start})",
                fact.validity.span,
                "'until' is the first day the fact no longer holds, after 'from'",
            )
            return False
        return interval

    def value(self, prop: PropertyInfo, node: ast.Value, in_world: bool) -> Value | None:
        """The store value of `node` as a value of `prop`, or None after an error."""
        if isinstance(node, ast.Ref):
            entity = self.entities.get(node.name)
            if entity is None:
                self.undefined("entity", node.name, node.span, self.entities)
                return None
            if entity.divergence is not None and not in_world:
                self.error(
                    codes.WORLD_ONLY_ENTITY,
                    f"'{node.name}' exists only in the world (declared in divergence "
                    f"'{entity.divergence}')",
                    node.span,
                )
                return None
            if prop.range in DATATYPES:
                self.error(
                    codes.RANGE_MISMATCH,
                    f"'{prop.name}' takes {_a(prop.range)}, not the entity '{node.name}'",
                    node.span,
                )
                return None
            if prop.range in self.classes and not self.is_a(entity.cls, prop.range):
                if self.typed(entity.cls):
                    self.error(
                        codes.RANGE_MISMATCH,
                        f"'{prop.name}' takes {_a(prop.range)}; '{node.name}' is {_a(entity.cls)}",
                        node.span,
                    )
                return None
            return node.name
        lit = literal_of(node)
        if lit is None:
            self.error(
                codes.RANGE_MISMATCH,
                f"'{prop.name}' takes {_a(prop.range)}, not {literal_kind(node)}",
                node.span,
            )
            return None
        if prop.range not in DATATYPES:
            if prop.range in self.classes:
                self.error(
                    codes.RANGE_MISMATCH,
                    f"'{prop.name}' takes {_a(prop.range)} entity, not {literal_kind(node)}",
                    node.span,
                )
            return None
        coerced = coerce(lit, prop.range)
        if coerced is None:
            self.error(
                codes.RANGE_MISMATCH,
                f"'{prop.name}' takes {_a(prop.range)}, not {literal_kind(node)}",
                node.span,
            )
        return coerced

    def subject(self, fact: ast.Fact, in_world: bool) -> tuple[str, PropertyInfo] | None:
        entity = self.entities.get(fact.subject.value)
        prop = self.properties.get(fact.prop.value)
        ok = True
        if entity is None:
            self.undefined("entity", fact.subject.value, fact.subject.span, self.entities)
            ok = False
        elif entity.divergence is not None and not in_world:
            self.error(
                codes.WORLD_ONLY_ENTITY,
                f"'{entity.name}' exists only in the world (declared in divergence "
                f"'{entity.divergence}')",
                fact.subject.span,
                "state its facts inside the divergence",
            )
            ok = False
        if prop is None:
            self.undefined("property", fact.prop.value, fact.prop.span, self.properties)
            return None
        if (
            entity is not None
            and ok
            and prop.domain in self.classes
            and not self.is_a(entity.cls, prop.domain)
        ):
            if self.typed(entity.cls):
                self.error(
                    codes.DOMAIN_MISMATCH,
                    f"'{prop.name}' applies to {_a(prop.domain)}; '{entity.name}' is "
                    f"{_a(entity.cls)}",
                    fact.subject.span,
                    related=[Related(prop.span, f"'{prop.name}' declared here")],
                )
            ok = False
        return (entity.name, prop) if ok and entity is not None else None


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def build_world(modules: list[ast.Module]) -> tuple[World, list[Diagnostic]]:
    """Resolve the declarations of `modules` (dependencies first) into a World."""
    resolver = _Resolver()
    decls = [decl for module in modules for decl in module.decls]
    resolver.declare(decls)
    resolver.check_schema()

    header = next((d for d in decls if isinstance(d, ast.WorldDecl)), None)
    title = as_of = as_of_span = None
    if header is not None:
        title_setting = _first(header.body, "title")
        title = _text(title_setting) if title_setting else None
        as_of_setting = _first(header.body, "as_of")
        if as_of_setting and as_of_setting.args and isinstance(as_of_setting.args[0], ast.Date):
            as_of, as_of_span = as_of_setting.args[0].value, as_of_setting.span

    reality = Graph("reality", FactStore())
    for decl in decls:
        if isinstance(decl, ast.RealityDecl):
            for fact in decl.facts:
                _assert_reality(resolver, reality, fact)

    world_graph = Graph(
        "world",
        FactStore(base=reality.asserted),
        stated=reality.stated,
        intervals=dict(reality.intervals),
    )
    world = World(
        name=header.name.value if header else None,
        title=title,
        as_of=as_of,
        as_of_span=as_of_span,
        classes=resolver.classes,
        properties=resolver.properties,
        entities=resolver.entities,
        reality=reality,
        world=world_graph,
        rules=[d for d in decls if isinstance(d, ast.RuleDecl)],
        constraints=[d for d in decls if isinstance(d, ast.ConstraintDecl)],
        divergences={},
        traps={},
        forbids={},
        corpora={},
        rejected=resolver.rejected,
    )
    for decl in decls:
        if isinstance(decl, ast.DivergeDecl) and decl.name.value not in world.divergences:
            world.divergences[decl.name.value] = _divergence(resolver, world, decl)
        elif isinstance(decl, ast.TrapDecl) and decl.name.value not in world.traps:
            world.traps[decl.name.value] = _trap(resolver, decl)
        elif isinstance(decl, ast.ForbidDecl) and decl.name.value not in world.forbids:
            world.forbids[decl.name.value] = _forbid(decl)
        elif isinstance(decl, ast.ToolDecl) and decl.name.value not in world.tools:
            world.tools[decl.name.value] = _tool(resolver, decl)
        elif isinstance(decl, ast.CorpusDecl) and decl.name.value not in world.corpora:
            world.corpora[decl.name.value] = decl
    world.wordings = _wordings(resolver, decls)
    return world, resolver.diagnostics


def _wordings(resolver: _Resolver, decls: list[ast.Decl]) -> dict[str, tuple[str, ...]]:
    """Each string value's other wordings, from every fact that gives some: the
    wordings of a text are its own wherever it is stated."""
    found: dict[str, dict[str, None]] = {}
    for decl in decls:
        if isinstance(decl, ast.RealityDecl):
            facts = decl.facts
        elif isinstance(decl, ast.DivergeDecl):
            facts = [item for item in decl.body if isinstance(item, ast.Fact)]
        else:
            continue
        for fact in facts:
            if not fact.wordings:
                continue
            if fact.op == "-=" or not isinstance(fact.value, ast.Str):
                what = "a removal" if fact.op == "-=" else literal_kind(fact.value)
                resolver.error(
                    codes.WORDING_NOT_A_STRING,
                    f"only a string value has other wordings, not {what}",
                    fact.wordings[0].span.to(fact.wordings[-1].span),
                )
                continue
            others = found.setdefault(fact.value.value, {})
            # one line, as prose writes it: a long string's line breaks are layout
            others.update(
                (" ".join(w.value.split()), None)
                for w in fact.wordings
                if w.value != fact.value.value
            )
    return {text: tuple(others) for text, others in found.items() if others}


def _assert_reality(resolver: _Resolver, reality: Graph, fact: ast.Fact) -> None:
    resolved = resolver.subject(fact, in_world=False)
    if fact.op == "-=" or isinstance(fact.value, ast.NoneValue):
        resolver.error(
            codes.REALITY_REMOVAL,
            "reality states facts; removing or clearing a value belongs in a divergence",
            fact.span,
        )
        resolver.reject(fact)
        return
    if resolved is None:
        resolver.reject(fact)
        return
    subject, prop = resolved
    value = resolver.value(prop, fact.value, in_world=False)
    # most facts hold at every date: they skip the call
    interval = resolver.interval(fact, removes=False) if fact.validity is not None else None
    if value is None or interval is False:
        resolver.reject(fact)
        return
    triple = (subject, prop.name, value)
    if reality.asserted.add(triple):
        reality.stated[triple] = fact.span
        if isinstance(interval, Interval):
            reality.intervals[triple] = interval
    elif reality.intervals.get(triple) != interval:
        _restated_in_time(resolver, reality, triple, fact)


def _restated_in_time(
    resolver: _Resolver, reality: Graph, triple: tuple[str, str, Value], fact: ast.Fact
) -> None:
    """WS220: a fact stated again over another interval (a fact holds over one)."""
    first = reality.stated.get(triple)
    earlier = reality.intervals.get(triple)
    resolver.error(
        codes.FACT_RESTATED_IN_TIME,
        f"'{fact.subject.value}.{fact.prop.value}' is already stated with this value "
        f"{earlier.describe() if earlier else 'at every date'}; a fact holds over one interval",
        fact.span,
        "state the fact once, over the whole interval it holds",
        [Related(first, "first stated here")] if first is not None else None,
    )


def _divergence(resolver: _Resolver, world: World, decl: ast.DivergeDecl) -> Divergence:
    name = decl.name.value
    description = decl.description.value if decl.description is not None else None
    since = kind = since_span = None
    ops: list[Op] = []
    entities: list[str] = []
    for item in decl.body:
        if isinstance(item, ast.EntityDecl):
            entities.append(item.name.value)
        elif isinstance(item, ast.Setting):
            arg = item.args[0] if item.args else None
            if item.key == "since" and isinstance(arg, ast.Date):
                since, since_span = arg.value, item.span
            elif item.key == "kind" and isinstance(arg, ast.Ref):
                kind = resolver.choice(arg, KINDS, "divergence kind")
            elif item.key == "description" and isinstance(arg, ast.Str):
                description = arg.value
        elif isinstance(item, ast.Fact):
            resolved = resolver.subject(item, in_world=True)
            if resolved is None:
                resolver.reject(item, name)
                continue
            subject, prop = resolved
            value: Value | None = None
            if not isinstance(item.value, ast.NoneValue):
                value = resolver.value(prop, item.value, in_world=True)
                if value is None:
                    resolver.reject(item, name)
                    continue
            elif item.op != "=":
                resolver.error(
                    codes.RANGE_MISMATCH,
                    f"'{item.op} none' means nothing; '= none' clears a value",
                    item.value.span,
                )
                resolver.reject(item, name)
                continue
            interval = resolver.interval(item, removes=item.op == "-=" or value is None)
            if interval is False:
                resolver.reject(item, name)
                continue
            op = Op(subject, prop.name, item.op, value, item.span)
            if isinstance(interval, Interval):
                op.validity = interval
            ops.append(op)
            _apply(world, name, op)
    return Divergence(name, description, since, kind, ops, entities, decl.name.span, since_span)


def _apply(world: World, divergence: str, op: Op) -> None:
    """Change the world graph by one divergence statement, recording who changed what."""
    store = world.world.asserted
    if op.op == "=":
        for old in store.objects(op.subject, op.prop):
            if op.value is not None and old == op.value:
                continue
            _remove(world, divergence, (op.subject, op.prop, old))
        if op.value is not None:
            _add(world, divergence, (op.subject, op.prop, op.value), op.span, op.validity)
    elif op.op == "+=":
        assert op.value is not None
        _add(world, divergence, (op.subject, op.prop, op.value), op.span, op.validity)
    elif op.value is not None:
        _remove(world, divergence, (op.subject, op.prop, op.value))


def _add(
    world: World,
    divergence: str,
    fact: tuple[str, str, Value],
    span: Span,
    validity: Interval | None = None,
) -> None:
    # the world holds a fact over the interval of the statement that last set it
    if validity is not None:
        world.world.intervals[fact] = validity
    else:
        world.world.intervals.pop(fact, None)
    if world.world.asserted.add(fact):
        world.removed_by.pop(fact, None)
        if fact not in world.reality.asserted:
            world.added_by[fact] = divergence
            world.world.provenance[fact] = Provenance(span=span, divergence=divergence)


def _remove(world: World, divergence: str, fact: tuple[str, str, Value]) -> None:
    if world.world.asserted.discard(fact):
        world.world.intervals.pop(fact, None)
        world.added_by.pop(fact, None)
        world.world.provenance.pop(fact, None)
        if fact in world.reality.asserted:
            world.removed_by[fact] = divergence


def _trap(resolver: _Resolver, decl: ast.TrapDecl) -> Trap:
    severity = description = None
    tripwires: list[Tripwire] = []
    actions: list[tuple[str, Span]] = []
    tasks: list[str] = []
    for setting in decl.body:
        arg = setting.args[0] if setting.args else None
        if setting.key == "severity" and isinstance(arg, ast.Ref):
            severity = resolver.choice(arg, SEVERITIES, "severity")
        elif setting.key == "description":
            description = _text(setting)
        elif setting.key == "tripwire" and isinstance(arg, ast.Str):
            tripwires.append(Tripwire(arg.value, False, "", arg.span))
        elif setting.key == "tripwire" and isinstance(arg, ast.Regex):
            tripwires.append(Tripwire(arg.pattern, True, arg.flags, arg.span))
        elif setting.key == "action" and isinstance(arg, ast.Ref):
            actions.append((arg.name, arg.span))
        elif setting.key == "task" and isinstance(arg, ast.Str):
            tasks.append(arg.value)
    return Trap(
        decl.name.value,
        decl.divergence.value,
        severity,
        description,
        tripwires,
        decl.name.span,
        decl.divergence.span,
        actions,
        tasks,
    )


def _tool(resolver: _Resolver, decl: ast.ToolDecl) -> Tool:
    description = answer = keep = None
    answer_span = None
    params: list[ToolParam] = []
    for setting in decl.body:
        args = setting.args
        if setting.key == "description":
            description = _text(setting)
        elif setting.key == "answer" and args and isinstance(args[0], ast.Str):
            answer, answer_span = args[0].value, args[0].span
        elif setting.key == "keep" and args and isinstance(args[0], ast.Ref):
            keep = args[0].name
        elif setting.key in ("param", "option") and len(args) >= 2:
            name, kind = args[0], args[1]
            if not isinstance(name, ast.Ref) or not isinstance(kind, ast.Ref):
                continue
            if kind.name not in PARAM_TYPES and kind.name not in resolver.classes:
                resolver.error(
                    codes.UNDEFINED_NAME,
                    f"'{kind.name}' is not a type: a parameter is one of "
                    f"{', '.join(PARAM_TYPES)} or a class",
                    kind.span,
                    suggest(kind.name, [*PARAM_TYPES, *resolver.classes]),
                )  # kept all the same: its answer's use of it is no second error
            text = args[2].value if len(args) > 2 and isinstance(args[2], ast.Str) else None
            params.append(
                ToolParam(name.name, kind.name, text, setting.key == "param", name.span, kind.span)
            )
    return Tool(decl.name.value, description, params, answer, answer_span, keep, decl.name.span)


def _forbid(decl: ast.ForbidDecl) -> Forbid:
    description = None
    terms: list[Tripwire] = []
    patterns: list[Tripwire] = []
    for setting in decl.body:
        arg = setting.args[0] if setting.args else None
        if setting.key == "description":
            description = _text(setting)
        elif setting.key == "term" and isinstance(arg, ast.Str):
            terms.append(Tripwire(arg.value, False, "", arg.span))
        elif setting.key == "pattern" and isinstance(arg, ast.Regex):
            patterns.append(Tripwire(arg.pattern, True, arg.flags, arg.span))
    return Forbid(decl.name.value, description, terms, patterns, decl.name.span)

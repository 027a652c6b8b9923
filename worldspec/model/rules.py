"""Rules: compiled Horn clauses, evaluated semi-naively to a fixpoint with provenance.

A rule body is a list of fact patterns and comparisons. Each round of evaluation
joins the patterns with one of them restricted to the facts new in the previous
round (semi-naive), so a fact is derived from each combination of premises once,
and recursive rules (transitive closure) terminate at the fixpoint. Every derived
fact keeps the rule and the premise facts that first produced it.

Inverse properties are implicit rules: `property parent ... { inverse child }`
derives `?o.child = ?s` from every `?s.parent = ?o`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic
from worldspec.model import telling
from worldspec.model.resolve import report_undefined
from worldspec.model.store import FactStore, Union
from worldspec.model.validity import Interval, fact_validity
from worldspec.model.values import DATATYPES, Fact, Lit, Value, coerce, comparable, literal_of
from worldspec.model.world import Graph, PropertyInfo, Provenance, World
from worldspec.source import Span
from worldspec.syntax import ast


@dataclass(frozen=True, slots=True)
class Var:
    name: str


Term = Var | str | Lit  # a variable, an entity, a literal


@dataclass(frozen=True, slots=True)
class Atom:
    subject: Term
    prop: str
    object: Term
    span: Span


@dataclass(frozen=True, slots=True)
class Test:
    left: Term
    op: str
    right: Term
    span: Span


@dataclass(slots=True)
class CompiledRule:
    name: str
    atoms: list[Atom]
    tests: list[Test]
    head: Atom
    span: Span
    implicit: bool = False  # an inverse property, not a written rule


@dataclass(slots=True)
class HeadProblem:
    """A derived fact that breaks its property's domain, range or cardinality."""

    rule: CompiledRule
    fact: Fact
    reason: str
    graph: str


@dataclass(slots=True)
class Saturation:
    rounds: int = 0
    derived: int = 0
    problems: list[HeadProblem] = field(default_factory=list)


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def holds(op: str, left: Value, right: Value) -> bool:
    """Whether `left op right`; values of types that cannot be ordered never are."""
    if op == "=":
        if left == right:
            return True
        pair = comparable(left, right)
        return pair is not None and pair[0] == pair[1]
    if op == "!=":
        return not holds("=", left, right)
    pair = comparable(left, right)
    return pair is not None and _ORDER[op](pair[0], pair[1])


def _resolve(term: Term, binding: dict[str, Value]) -> Value | None:
    if isinstance(term, Var):
        return binding.get(term.name)
    return term


def compile_term(node: ast.Term, datatype: str | None) -> Term | None:
    """The engine term for a syntax term; `datatype` coerces a literal object."""
    if isinstance(node, ast.Var):
        return Var(node.name)
    if isinstance(node, ast.Ref):
        return node.name
    lit = literal_of(node)
    if lit is not None and datatype in DATATYPES:
        return coerce(lit, datatype) or lit
    return lit


def solve(
    atoms: list[Atom],
    tests: list[Test],
    view: Union | FactStore,
    binding: dict[str, Value] | None = None,
    delta: FactStore | None = None,
    delta_at: int = -1,
) -> Iterator[tuple[dict[str, Value], tuple[Fact, ...]]]:
    """Every way to bind the variables so that all atoms hold in `view` (atom
    `delta_at` in `delta` instead) and all tests pass, with the matched facts."""
    order = _plan(atoms, set(binding or ()), delta_at)
    restore = _restore(order)
    for found, premises in _join(
        order, 0, tests, view, delta, delta_at, dict(binding or {}), [], atoms
    ):
        yield found, tuple(premises[i] for i in restore)


def _plan(atoms: list[Atom], bound: set[str], delta_at: int) -> list[int]:
    """Join order: the delta atom first, then always the atom with most bound terms."""
    remaining = list(range(len(atoms)))
    order: list[int] = []
    if delta_at >= 0:
        order.append(delta_at)
        remaining.remove(delta_at)
        bound |= _vars(atoms[delta_at])
    while remaining:
        best = max(remaining, key=lambda i: (_bound_score(atoms[i], bound), -i))
        order.append(best)
        remaining.remove(best)
        bound |= _vars(atoms[best])
    return order


def _vars(atom: Atom) -> set[str]:
    return {t.name for t in (atom.subject, atom.object) if isinstance(t, Var)}


def _bound_score(atom: Atom, bound: set[str]) -> int:
    score = 0
    for term in (atom.subject, atom.object):
        if not isinstance(term, Var) or term.name in bound:
            score += 1
    return score


def _tests_pass(tests: list[Test], binding: dict[str, Value]) -> bool:
    for test in tests:
        left, right = _resolve(test.left, binding), _resolve(test.right, binding)
        if left is None or right is None:
            continue  # not yet bound: tested again deeper in the join
        if not holds(test.op, left, right):
            return False
    return True


def _join(
    order: list[int],
    depth: int,
    tests: list[Test],
    view: Union | FactStore,
    delta: FactStore | None,
    delta_at: int,
    binding: dict[str, Value],
    premises: list[Fact],
    atoms: list[Atom],
) -> Iterator[tuple[dict[str, Value], list[Fact]]]:
    if depth == len(order):
        if depth == 0 and not _tests_pass(tests, binding):
            return  # no patterns: the comparisons alone decide
        yield binding, premises
        return
    index = order[depth]
    atom = atoms[index]
    source: Union | FactStore = delta if (index == delta_at and delta is not None) else view
    subject = _resolve(atom.subject, binding)
    obj = _resolve(atom.object, binding)
    prop = atom.prop
    if subject is not None and not isinstance(subject, str):
        return  # a literal can never be a subject
    candidates: Iterator[tuple[str, Value]]
    if subject is not None and obj is not None:
        candidates = iter([(subject, obj)] if (subject, prop, obj) in source else [])
    elif subject is not None:
        candidates = ((subject, o) for o in source.objects(subject, prop))
    elif obj is not None:
        candidates = ((s, obj) for s in source.subjects(prop, obj))
    else:
        candidates = source.pairs(prop)
    subject_var = atom.subject.name if isinstance(atom.subject, Var) and subject is None else None
    object_var = atom.object.name if isinstance(atom.object, Var) and obj is None else None
    for s_value, o_value in candidates:
        if subject_var is not None and subject_var == object_var and s_value != o_value:
            continue
        added = []
        if subject_var is not None:
            binding[subject_var] = s_value
            added.append(subject_var)
        if object_var is not None and object_var not in binding:
            binding[object_var] = o_value
            added.append(object_var)
        if _tests_pass(tests, binding):
            premises.append((s_value, prop, o_value))
            yield from _join(
                order, depth + 1, tests, view, delta, delta_at, binding, premises, atoms
            )
            premises.pop()
        for name in added:
            del binding[name]


def _restore(order: list[int]) -> list[int]:
    """Positions that put premises (collected in join order) back in body order."""
    position = [0] * len(order)
    for joined, index in enumerate(order):
        position[index] = joined
    return position


def instantiate(head: Atom, binding: dict[str, Value]) -> Fact | None:
    subject = _resolve(head.subject, binding)
    obj = _resolve(head.object, binding)
    if subject is None or obj is None:
        return None
    return subject, head.prop, obj  # type: ignore[return-value]


def inverse_rules(world: World) -> list[CompiledRule]:
    rules = []
    for prop in world.properties.values():
        other = world.properties.get(prop.inverse or "")
        if other is None or prop.datatype or prop.name in world.rejected.inverses:
            continue
        span = prop.inverse_span or prop.span
        rules.append(
            CompiledRule(
                f"inverse of {prop.name}",
                [Atom(Var("s"), prop.name, Var("o"), span)],
                [],
                Atom(Var("o"), other.name, Var("s"), span),
                span,
                implicit=True,
            )
        )
    return rules


class _Deriver:
    """Semi-naive evaluation into one graph: the rounds, the provenance, the checks."""

    def __init__(self, world: World, graph: Graph, rules: list[CompiledRule]) -> None:
        self.world = world
        self.graph = graph
        self.rules = rules
        self.view = Union(graph.asserted, graph.derived)
        self.result = Saturation()
        self.seen_problems: set[tuple[str, str]] = set()
        self.fine_heads: dict[tuple[str, Value, Value], bool] = {}

    def emit(
        self,
        rule: CompiledRule,
        binding: dict[str, Value],
        premises: tuple[Fact, ...],
        fresh: FactStore,
    ) -> None:
        fact = instantiate(rule.head, binding)
        if fact is None or fact in self.view or fact in fresh:
            return
        problem = self.head_problem(rule.head.prop, fact)
        if problem is not None:
            key = (rule.name, problem)
            if key not in self.seen_problems:
                self.seen_problems.add(key)
                self.result.problems.append(HeadProblem(rule, fact, problem, self.graph.name))
            return
        fresh.add(fact)
        self.graph.provenance[fact] = Provenance(rule=rule.name, premises=premises)

    def head_problem(self, prop: str, fact: Fact) -> str | None:
        """`_head_problem`, with the all-clear remembered per property and classes
        involved (a world has few of those; a problem is rare and its message names
        the fact, so it is worked out each time)."""
        entities = self.world.entities
        subject, _, obj = fact
        key = (
            prop,
            entities[subject].cls if subject in entities else subject,
            obj.type if isinstance(obj, Lit) else entities[obj].cls if obj in entities else obj,
        )
        fine = self.fine_heads.get(key)
        if fine is None:
            fine = self.fine_heads[key] = _head_problem(self.world, prop, fact) is None
        return None if fine else _head_problem(self.world, prop, fact)

    def round(self, delta: FactStore) -> FactStore:
        """The facts the rules derive with at least one premise in `delta`."""
        fresh = FactStore()
        for rule in self.rules:
            for index, atom in enumerate(rule.atoms):
                if atom.prop not in delta.by_sp:
                    continue
                for binding, premises in solve(
                    rule.atoms, rule.tests, self.view, None, delta, index
                ):
                    self.emit(rule, binding, premises, fresh)
        return fresh

    def propagate(self, delta: FactStore) -> None:
        """Add `delta` (derived facts) and everything that follows from it."""
        while delta.facts:
            self.result.rounds += 1
            self.result.derived += len(delta.facts)
            self.graph.derived.update(delta.facts)
            delta = self.round(delta)

    def finish(self) -> Saturation:
        _check_cardinality(self.world, self.graph, self.rules, self.result, self.seen_problems)
        return self.result


def dependency_graph(rules: list[CompiledRule]) -> nx.DiGraph:
    """Properties as nodes, an edge from each property a rule reads to the one it
    concludes."""
    graph = nx.DiGraph()
    for rule in rules:
        graph.add_node(rule.head.prop)
        for atom in rule.atoms:
            graph.add_edge(atom.prop, rule.head.prop)
    return graph


def strata(rules: list[CompiledRule]) -> list[list[CompiledRule]]:
    """The rules in layers: a layer reads only what earlier layers conclude, or what
    its own (mutually recursive) rules do. The layers are the strongly connected
    components of the dependency graph, in topological order."""
    if not rules:
        return []
    condensed = nx.condensation(dependency_graph(rules))
    component = condensed.graph["mapping"]
    position = {node: index for index, node in enumerate(nx.topological_sort(condensed))}
    layers: dict[int, list[CompiledRule]] = {}
    for rule in rules:
        layers.setdefault(position[component[rule.head.prop]], []).append(rule)
    return [layers[index] for index in sorted(layers)]


def saturate(world: World, graph: Graph, rules: list[CompiledRule]) -> Saturation:
    """Derive every consequence of `rules` in `graph` (to `graph.derived`), one
    stratum at a time: a rule that no later rule feeds is evaluated once, and
    recursion only iterates within its own stratum."""
    deriver = _Deriver(world, graph, rules)
    for layer in strata(rules):
        deriver.rules = layer
        delta = FactStore()
        for rule in layer:
            for binding, premises in solve(rule.atoms, rule.tests, deriver.view):
                deriver.emit(rule, binding, premises, delta)
        deriver.propagate(delta)
    deriver.rules = rules
    return deriver.finish()


def _unify(head: Atom, fact: Fact) -> dict[str, Value] | None:
    """The binding that makes `head` the fact, or None."""
    binding: dict[str, Value] = {}
    for term, value in ((head.subject, fact[0]), (head.object, fact[2])):
        if isinstance(term, Var):
            if binding.setdefault(term.name, value) != value:
                return None
        elif term != value:
            return None
    return binding


def saturate_world(world: World, rules: list[CompiledRule]) -> Saturation:
    """Derive the world graph's consequences from reality's, by what the divergences
    change (delete and re-derive, DRed), instead of from scratch.

    The world's derived store becomes an overlay of reality's: (1) every derived
    fact with a derivation through a fact the divergences removed is deleted;
    (2) a deleted fact that another derivation still supports comes back; (3) the
    facts the divergences added, and those that came back, are propagated as in
    any semi-naive round. `saturate(world, reality)` must have run first.
    """
    reality, graph = world.reality, world.world
    graph.derived = FactStore(base=reality.derived)
    graph.inherited = reality.provenance
    old_view = Union(reality.asserted, reality.derived)

    removed = FactStore()
    removed.update(world.removed_by)
    deleted: dict[Fact, None] = {}
    delta = removed
    while delta.facts:
        fresh = FactStore()
        for rule in rules:
            for index, atom in enumerate(rule.atoms):
                if atom.prop not in delta.by_sp:
                    continue
                for binding, _ in solve(rule.atoms, rule.tests, old_view, None, delta, index):
                    fact = instantiate(rule.head, binding)
                    if fact is not None and fact in reality.derived and fact not in deleted:
                        deleted[fact] = None
                        fresh.add(fact)
        delta = fresh
    for fact in deleted:
        graph.derived.discard(fact)

    deriver = _Deriver(world, graph, rules)
    by_head: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        by_head.setdefault(rule.head.prop, []).append(rule)
    back = FactStore()
    for fact in deleted:
        for rule in by_head.get(fact[1], ()):
            head_binding = _unify(rule.head, fact)
            if head_binding is None:
                continue
            found = next(iter(solve(rule.atoms, rule.tests, deriver.view, head_binding)), None)
            if found is not None:
                back.add(fact)
                graph.provenance[fact] = Provenance(rule=rule.name, premises=found[1])
                break
    graph.derived.update(back.facts)
    seeds = FactStore()
    seeds.update(world.added_by)
    seeds.update(back.facts)
    deriver.propagate(deriver.round(seeds))
    return deriver.finish()


def _head_problem(world: World, prop_name: str, fact: Fact) -> str | None:
    prop: PropertyInfo | None = world.properties.get(prop_name)
    if prop is None:
        return f"there is no property '{prop_name}'"
    subject, _, obj = fact
    if not isinstance(subject, str) or subject not in world.entities:
        return f"the subject {subject} is not an entity"
    cls = world.entities[subject].cls
    if prop.domain in world.classes and not world.is_a(cls, prop.domain):
        return f"'{subject}' is a {cls}, not a {prop.domain}"
    if prop.datatype:
        if not isinstance(obj, Lit) or coerce(obj, prop.range) is None:
            return f"'{prop.name}' takes a {prop.range}, not {obj}"
    elif isinstance(obj, Lit):
        return f"'{prop.name}' takes a {prop.range} entity, not {obj}"
    elif (
        obj in world.entities
        and prop.range in world.classes
        and not world.is_a(world.entities[obj].cls, prop.range)
    ):
        return f"'{obj}' is a {world.entities[obj].cls}, not a {prop.range}"
    return None


def _check_cardinality(
    world: World,
    graph: Graph,
    rules: list[CompiledRule],
    result: Saturation,
    seen: set[tuple[str, str]],
) -> None:
    """A rule that gives a [one] property a second value at the same date breaks its
    head."""
    by_name = {rule.name: rule for rule in rules}
    validity: dict[Fact, Interval] = {}
    for fact in list(graph.derived.facts):
        subject, prop_name, _ = fact
        prop = world.properties.get(prop_name)
        if prop is None or not prop.one:
            continue
        values = graph.objects(subject, prop_name)
        if len(values) >= 2 and graph.intervals:  # values in turn are a history
            when = fact_validity(graph, fact, validity)
            values = [
                v
                for v in values
                if fact_validity(graph, (subject, prop_name, v), validity).overlaps(when)
            ]
        if len(values) < 2:
            continue
        provenance = graph.provenance.get(fact)
        rule = by_name.get(provenance.rule or "") if provenance else None
        if rule is None:
            continue
        reason = (
            f"'{prop_name}' is [one] but '{subject}' gets "
            f"{' and '.join(world.label(v) for v in values)}"
        )
        key = (rule.name, reason)
        if key not in seen:
            seen.add(key)
            result.problems.append(HeadProblem(rule, fact, reason, graph.name))


# ---- compiling rules and constraints ---------------------------------------------


@dataclass(slots=True)
class CompiledConstraint:
    name: str
    never: bool
    atoms: list[Atom]
    tests: list[Test]
    then_atoms: list[Atom]
    then_tests: list[Test]
    span: Span


class _Compiler:
    def __init__(self, world: World) -> None:
        self.world = world
        self.diagnostics: list[Diagnostic] = []

    def error(self, code: codes.Code, message: str, span: Span, fix: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, span, [], fix))

    def undefined(self, kind: str, name: str, span: Span, candidates: Iterable[str]) -> None:
        report_undefined(self.world.rejected, self.diagnostics, kind, name, span, candidates)

    def conditions(self, items: list[ast.Condition]) -> tuple[list[Atom], list[Test]] | None:
        atoms: list[Atom] = []
        tests: list[Test] = []
        ok = True
        for item in items:
            if isinstance(item, ast.Pattern):
                atom = self.atom(item)
                if atom is None:
                    ok = False
                else:
                    atoms.append(atom)
            else:
                left = self.term(item.left, None)
                right = self.term(item.right, None)
                if left is None or right is None:
                    ok = False
                else:
                    tests.append(Test(left, item.op, right, item.span))
        return (atoms, tests) if ok else None

    def atom(self, pattern: ast.Pattern) -> Atom | None:
        prop = self.world.properties.get(pattern.prop.value)
        if prop is None:
            self.undefined("property", pattern.prop.value, pattern.prop.span, self.world.properties)
            return None
        subject = self.term(pattern.subject, None)
        obj = self.term(pattern.object, prop.range)
        if subject is None or obj is None:
            return None
        return Atom(subject, prop.name, obj, pattern.span)

    def term(self, node: ast.Term, datatype: str | None) -> Term | None:
        if isinstance(node, ast.Ref) and node.name not in self.world.entities:
            self.undefined("entity", node.name, node.span, self.world.entities)
            return None
        term = compile_term(node, datatype)
        if term is None:
            self.error(
                codes.UNSAFE_RULE, "this kind of value cannot appear in a condition", node.span
            )
        return term

    def unbound(self, needed: list[tuple[Term, Span]], atoms: list[Atom], what: str) -> bool:
        bound = set().union(*(_vars(a) for a in atoms)) if atoms else set()
        ok = True
        for term, span in needed:
            if isinstance(term, Var) and term.name not in bound:
                self.error(
                    codes.UNSAFE_RULE,
                    f"?{term.name} in {what} is not bound by any fact pattern of the conditions",
                    span,
                    "use the variable in a condition's fact pattern",
                )
                ok = False
        return ok

    def rule(self, decl: ast.RuleDecl) -> CompiledRule | None:
        compiled = self._rule(decl)
        if compiled is None:  # what it would conclude is unknown, not absent
            self.world.rejected.properties.add(decl.head.prop.value)
        return compiled

    def _rule(self, decl: ast.RuleDecl) -> CompiledRule | None:
        body = self.conditions(decl.body)
        head = self.atom(decl.head)
        if body is None or head is None:
            return None
        atoms, tests = body
        needed = [(head.subject, decl.head.span), (head.object, decl.head.span)]
        safe = self.unbound(needed, atoms, "the conclusion")
        safe &= self.unbound(
            [(t, test.span) for test in tests for t in (test.left, test.right)],
            atoms,
            "a comparison",
        )
        if not safe:
            return None
        compiled = CompiledRule(decl.name.value, atoms, tests, head, decl.span)
        self.check_head_types(compiled)
        self.check_says(decl, compiled)
        return compiled

    def check_says(self, decl: ast.RuleDecl, rule: CompiledRule) -> None:
        """WS209 for a rule's `says` phrasing with a placeholder that is none of the
        rule's variables, or one that leaves out a variable of the conclusion: the
        verifier reads the filled phrasing as stating the conclusion, which it can
        only where the sentence names what the conclusion is about."""
        variables = {
            t.name
            for atom in [*rule.atoms, rule.head]
            for t in (atom.subject, atom.object)
            if isinstance(t, Var)
        }
        # a yes or no is told by the clause, not by a word for it
        yes_no = self.world.properties[rule.head.prop].range == "bool"
        terms = (rule.head.subject,) if yes_no else (rule.head.subject, rule.head.object)
        needed = [t.name for t in terms if isinstance(t, Var)]
        for setting in decl.settings:
            phrase = setting.args[0]
            if not isinstance(phrase, ast.Str):  # pragma: no cover - the grammar takes a string
                continue
            shown = ", ".join(f"{{{v}}}" for v in sorted(variables))
            try:
                named = [name for _, name in telling.pieces(phrase.value) if name is not None]
            except ValueError as error:
                self.error(
                    codes.BAD_PLACEHOLDER, f"this says phrase cannot be read: {error}", phrase.span
                )
                continue
            unknown = [name for name in named if name not in variables]
            if unknown:
                self.error(
                    codes.BAD_PLACEHOLDER,
                    f"this says phrase has unknown placeholder '{{{unknown[0]}}}' "
                    f"(the rule's variables are {shown})",
                    phrase.span,
                )
            else:
                missing = [v for v in dict.fromkeys(needed) if v not in named]
                if telling.is_tail(phrase.value):
                    # a tail names what its premise's sentence does not: that sentence
                    # opens on a premise's subject, which may be left out
                    # (and names one at least)
                    subjects = {a.subject.name for a in rule.atoms if isinstance(a.subject, Var)}
                    some = any(v in named for v in needed)
                    missing = [v for v in missing if v not in subjects or not some]
                if missing:
                    self.error(
                        codes.BAD_PLACEHOLDER,
                        f"this says phrase never names {{{missing[0]}}}, which the "
                        "conclusion is about",
                        phrase.span,
                        f"name every variable of the conclusion, such as {{{missing[0]}}}",
                    )

    def check_head_types(self, rule: CompiledRule) -> None:
        """WS304 when the conclusion's types cannot agree with its property."""
        types: dict[str, set[str]] = {}
        for atom in rule.atoms:
            prop = self.world.properties[atom.prop]
            if isinstance(atom.subject, Var):
                types.setdefault(atom.subject.name, set()).add(prop.domain)
            if isinstance(atom.object, Var):
                types.setdefault(atom.object.name, set()).add(prop.range)
        head = self.world.properties[rule.head.prop]
        for term, expected, role in (
            (rule.head.subject, head.domain, "subject"),
            (rule.head.object, head.range, "value"),
        ):
            if not isinstance(term, Var):
                continue
            known = types.get(term.name, set())
            if known and not any(self.compatible(t, expected) for t in known):
                shown = " and ".join(sorted(known))
                self.error(
                    codes.RULE_HEAD_TYPE,
                    f"the {role} ?{term.name} is {_a(shown)} but '{head.name}' takes "
                    f"{_a(expected)} as its {role}",
                    rule.head.span,
                )

    def compatible(self, actual: str, expected: str) -> bool:
        if actual in DATATYPES or expected in DATATYPES:
            return actual == expected or (actual == "int" and expected == "float")
        if actual not in self.world.classes or expected not in self.world.classes:
            return True
        return self.world.is_a(actual, expected) or self.world.is_a(expected, actual)

    def constraint(self, decl: ast.ConstraintDecl) -> CompiledConstraint | None:
        body = self.conditions(decl.body)
        then = self.conditions(decl.head) if not decl.never else ([], [])
        if body is None or then is None:
            return None
        atoms, tests = body
        then_atoms, then_tests = then
        safe = self.unbound(
            [(t, test.span) for test in tests for t in (test.left, test.right)],
            atoms,
            "a comparison",
        )
        safe &= self.unbound(
            [(t, test.span) for test in then_tests for t in (test.left, test.right)],
            atoms + then_atoms,
            "a comparison",
        )
        if not safe:
            return None
        return CompiledConstraint(
            decl.name.value, decl.never, atoms, tests, then_atoms, then_tests, decl.span
        )


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def compile_program(
    world: World,
) -> tuple[list[CompiledRule], list[CompiledConstraint], list[Diagnostic]]:
    """The world's rules (inverse properties included) and constraints, compiled."""
    compiler = _Compiler(world)
    rules = [r for r in (compiler.rule(d) for d in world.rules) if r is not None]
    constraints = [c for c in (compiler.constraint(d) for d in world.constraints) if c is not None]
    return [*rules, *inverse_rules(world)], constraints, compiler.diagnostics

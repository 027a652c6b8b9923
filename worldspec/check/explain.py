"""`worldspec explain`: each divergence, what it states, and its ripples as trees of
why, in text or JSON. A value that does not hold at every date shows when it holds
("rome from 1900-01-01"); in JSON, a "validity" object does."""

from __future__ import annotations

import json
from typing import Any

from worldspec.model import Analysis
from worldspec.model.ripples import Ripple, Step, ripples
from worldspec.model.validity import Interval
from worldspec.model.values import Fact, Value, render_value
from worldspec.model.world import Divergence, World
from worldspec.source import Span


def _value(world: World, value: Value) -> str:
    return value if isinstance(value, str) else render_value(value)


def _when(world: World, fact: Fact, graph: str) -> str:
    """ " from 1900-01-01 until 1950-01-01" for a fact that does not always hold."""
    validity = world.validity(fact, graph)
    return " " + validity.describe() if validity.bounded else ""


def _values(world: World, subject: str, prop: str, values: list[Value], graph: str) -> str:
    if not values:
        return "(none)"
    return ", ".join(_value(world, v) + _when(world, (subject, prop, v), graph) for v in values)


def _fact(world: World, fact: tuple[str, str, Value], graph: str) -> str:
    return f"{fact[0]}.{fact[1]} = {_value(world, fact[2])}{_when(world, fact, graph)}"


def _where(span: object) -> str:
    return f" ({span})" if isinstance(span, Span) else ""


def _step_text(world: World, step: Step) -> str:
    fact = _fact(world, step.fact, step.graph)
    if step.how == "rule":
        return f"{fact}  via rule {step.rule}"
    if step.how == "divergence":
        return f"{fact}  divergence {step.divergence}{_where(step.span)}"
    if step.divergence is not None:
        return f"{fact}  reality, removed by {step.divergence}{_where(step.span)}"
    return f"{fact}  reality{_where(step.span)}"


def _tree(world: World, step: Step, prefix: str, last: bool, mark: str, out: list[str]) -> None:
    branch = "└─ " if last else "├─ "
    out.append(f"{prefix}{branch}{mark}{_step_text(world, step)}")
    child_prefix = prefix + ("   " if last else "│  ")
    for index, premise in enumerate(step.premises):
        _tree(world, premise, child_prefix, index == len(step.premises) - 1, "", out)


def statements(
    world: World, divergence: Divergence
) -> list[tuple[str, str, list[Value], list[Value]]]:
    """Each subject and property the divergence states, with reality's and the
    world's asserted values."""
    seen: list[tuple[str, str]] = []
    for op in divergence.ops:
        if (op.subject, op.prop) not in seen:
            seen.append((op.subject, op.prop))
    return [
        (s, p, world.reality.asserted.objects(s, p), world.world.asserted.objects(s, p))
        for s, p in seen
    ]


def selected(analysis: Analysis, divergence: str | None) -> list[Divergence]:
    divergences = list(analysis.world.divergences.values())
    if divergence is None:
        return divergences
    return [d for d in divergences if d.name == divergence]


def render_text(analysis: Analysis, divergence: str | None = None) -> str:
    world = analysis.world
    all_ripples = ripples(world)
    out: list[str] = []
    for item in selected(analysis, divergence):
        title = f": {item.description}" if item.description else ""
        out.append(f"divergence {item.name}{title}  ({item.span})")
        out.append("  states")
        for subject, prop, before, after in statements(world, item):
            out.append(
                f"    {subject}.{prop}: {_values(world, subject, prop, before, 'reality')} -> "
                f"{_values(world, subject, prop, after, 'world')}"
            )
        mine = [r for r in all_ripples if item.name in r.divergences]
        out.append("  ripples" if mine else "  ripples: none (no rule derives anything new)")
        for ripple in mine:
            out.append(
                f"    {ripple.subject}.{ripple.prop}: "
                f"{_values(world, ripple.subject, ripple.prop, ripple.before, 'reality')} -> "
                f"{_values(world, ripple.subject, ripple.prop, ripple.after, 'world')}"
            )
            steps = [("+ ", s) for s in ripple.added] + [("- ", s) for s in ripple.removed]
            for index, (mark, step) in enumerate(steps):
                _tree(world, step, "      ", index == len(steps) - 1, mark, out)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _validity_json(validity: Interval) -> dict[str, str | None] | None:
    if not validity.bounded:
        return None
    return {
        "from": validity.start.isoformat() if validity.start else None,
        "until": validity.end.isoformat() if validity.end else None,
    }


def _values_validity(
    world: World, subject: str, prop: str, values: list[Value], graph: str
) -> list[dict[str, str | None] | None]:
    return [_validity_json(world.validity((subject, prop, v), graph)) for v in values]


def _step_json(world: World, step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {
        "fact": {
            "subject": step.fact[0],
            "property": step.fact[1],
            "object": _value(world, step.fact[2]),
        },
        "graph": step.graph,
        "how": step.how,
    }
    validity = _validity_json(world.validity(step.fact, step.graph))
    if validity is not None:
        data["fact"]["validity"] = validity
    if step.rule is not None:
        data["rule"] = step.rule
    if step.divergence is not None:
        data["divergence"] = step.divergence
    if isinstance(step.span, Span):
        data["span"] = {"path": step.span.path, "line": step.span.line, "column": step.span.column}
    if step.premises:
        data["premises"] = [_step_json(world, p) for p in step.premises]
    return data


def _ripple_json(world: World, ripple: Ripple) -> dict[str, Any]:
    data = {
        "subject": ripple.subject,
        "property": ripple.prop,
        "before": [_value(world, v) for v in ripple.before],
        "after": [_value(world, v) for v in ripple.after],
        "added": [_step_json(world, s) for s in ripple.added],
        "removed": [_step_json(world, s) for s in ripple.removed],
        "divergences": ripple.divergences,
    }
    _add_validity(world, data, ripple.subject, ripple.prop, ripple.before, ripple.after)
    return data


def _state_json(
    world: World, subject: str, prop: str, before: list[Value], after: list[Value]
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "subject": subject,
        "property": prop,
        "before": [_value(world, v) for v in before],
        "after": [_value(world, v) for v in after],
    }
    _add_validity(world, data, subject, prop, before, after)
    return data


def _add_validity(
    world: World,
    data: dict[str, Any],
    subject: str,
    prop: str,
    before: list[Value],
    after: list[Value],
) -> None:
    """When the values before and after hold, value by value (null: at every date),
    in a world that has validity intervals at all."""
    if world.timed:
        data["validity"] = {
            "before": _values_validity(world, subject, prop, before, "reality"),
            "after": _values_validity(world, subject, prop, after, "world"),
        }


def render_json(analysis: Analysis, divergence: str | None = None) -> str:
    world = analysis.world
    all_ripples = ripples(world)
    data = []
    for item in selected(analysis, divergence):
        data.append(
            {
                "name": item.name,
                "description": item.description,
                "since": item.since.isoformat() if item.since else None,
                "kind": item.kind,
                "states": [
                    _state_json(world, s, p, before, after)
                    for s, p, before, after in statements(world, item)
                ],
                "ripples": [
                    _ripple_json(world, r) for r in all_ripples if item.name in r.divergences
                ],
            }
        )
    return json.dumps({"world": world.name, "divergences": data}, indent=2, ensure_ascii=False)

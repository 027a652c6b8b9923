"""`worldspec diff`: the semantic difference between two versions of a world.

Not a text diff: entities, facts (reality's, and the world's including what the
rules derive), divergences, traps and ripples that were added, removed or
changed. With an existing corpus, the documents that must be re-rendered: those
whose plan differs between the two versions (plans are a pure function of the
world and the corpus settings, so the comparison is exact), and those that state
a fact whose wording changed (a property's `says` phrases, a name or an alias).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from worldspec.evaluate.display import shown
from worldspec.model import Analysis
from worldspec.model.ripples import ripples
from worldspec.model.values import Fact
from worldspec.model.world import World
from worldspec.plan import CorpusSettings, DocPlan, PlannedFact, Planner
from worldspec.plan.planner import value_key
from worldspec.render import PackError, PackLibrary
from worldspec.render.content import Neighbourhood, select, verdict_sources


class DiffError(Exception):
    """A corpus directory that cannot be compared."""


def _fact(fact: Fact) -> str:
    return PlannedFact.of(fact).key_text


def _sets(old: set[str], new: set[str]) -> dict[str, list[str]]:
    return {"added": sorted(new - old), "removed": sorted(old - new)}


def _keyed(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "changed": {
            name: {"old": old[name], "new": new[name]}
            for name in sorted(set(old) & set(new))
            if old[name] != new[name]
        },
    }


def _entities(world: World) -> dict[str, Any]:
    return {
        e.name: {"class": e.cls, "label": e.label, "aka": list(e.aka)}
        for e in world.entities.values()
    }


def _divergences(world: World) -> dict[str, Any]:
    facts: dict[str, dict[str, list[str]]] = {
        d: {"sets": [], "removes": []} for d in world.divergences
    }
    for fact, name in world.added_by.items():
        facts.setdefault(name, {"sets": [], "removes": []})["sets"].append(_fact(fact))
    for fact, name in world.removed_by.items():
        facts.setdefault(name, {"sets": [], "removes": []})["removes"].append(_fact(fact))
    return {
        d.name: {
            "description": d.description,
            "since": d.since.isoformat() if d.since else None,
            "kind": d.kind,
            "sets": sorted(facts[d.name]["sets"]),
            "removes": sorted(facts[d.name]["removes"]),
        }
        for d in world.divergences.values()
    }


def _traps(world: World) -> dict[str, Any]:
    return {
        t.name: {
            "divergence": t.divergence,
            "severity": t.severity,
            "description": t.description,
            "tripwires": [
                {"text": w.text, "regex": w.regex, "flags": w.flags} for w in t.tripwires
            ],
        }
        for t in world.traps.values()
    }


def _ripples(world: World) -> dict[str, Any]:
    return {
        f"{r.subject}.{r.prop}": {
            "reality": sorted(value_key(v) for v in r.before),
            "world": sorted(value_key(v) for v in r.after),
            "divergences": sorted(r.divergences),
        }
        for r in ripples(world)
    }


def _facts(graph: Any) -> set[str]:
    """Every fact of a graph: stated, and derived by the rules."""
    return {_fact(f) for store in (graph.asserted, graph.derived) for f in store}


def semantic_diff(old: Analysis, new: Analysis) -> dict[str, Any]:
    a, b = old.world, new.world
    return {
        "entities": _keyed(_entities(a), _entities(b)),
        "reality_facts": _sets(_facts(a.reality), _facts(b.reality)),
        "world_facts": _sets(_facts(a.world), _facts(b.world)),
        "divergences": _keyed(_divergences(a), _divergences(b)),
        "traps": _keyed(_traps(a), _traps(b)),
        "ripples": _keyed(_ripples(a), _ripples(b)),
    }


# ---- documents to re-render ------------------------------------------------------------


def _wording(world: World, fact: PlannedFact) -> tuple[object, ...]:
    """What the text of a statement of `fact` depends on besides the fact itself."""
    prop = world.properties.get(fact.property)
    says = tuple(p.value for p in prop.says) if prop is not None else ()
    names = []
    for name in (fact.subject, fact.object if not fact.literal else None):
        entity = world.entities.get(name) if name else None
        names.append((entity.label, tuple(entity.aka)) if entity is not None else None)
    return (says, *names)


def _cited(world: World, sources: dict[str, list[str]]) -> list[tuple[str, list[object]]]:
    """The sources of each verdict, by their names in `world`."""

    def named(entity: str) -> object:
        found = world.entities.get(entity)
        return (found.label, tuple(found.aka)) if found is not None else entity

    return [(verdict, [named(s) for s in found]) for verdict, found in sorted(sources.items())]


def _plan_key(plan: DocPlan) -> str:
    return plan.model_dump_json()


class _Selection:
    """The content the template renderer selects for a document, in each version of
    the world: the same draw of the document's seed, so a difference is the world's."""

    def __init__(self, old: Analysis, new: Analysis) -> None:
        self.around = (Neighbourhood(old.world), Neighbourhood(new.world))
        self.packs = PackLibrary()

    def changed(
        self,
        before: DocPlan,
        after: DocPlan,
        attempt: int,
        reworded: Any,
    ) -> bool:
        try:
            spec = self.packs.get(before.genre).spec
        except PackError:
            return True  # a genre of packs this diff cannot see: say it may change
        old, new = (
            select(
                plan,
                around,
                spec.words,
                random.Random(plan.seed * 1_000_003 + attempt),
                spec.reach,
                spec.angle_spec(),
            )
            for plan, around in zip((before, after), self.around, strict=True)
        )
        keys = [[f.key_text for m in content.messages for f in m.facts] for content in (old, new)]
        if keys[0] != keys[1] or any(reworded(f) for m in new.messages for f in m.facts):
            return True
        # the papers a verdict is given on, which the document names beside it
        cited = [
            _cited(around.world, verdict_sources(content, around, plan))
            for content, around, plan in zip((old, new), self.around, (before, after), strict=True)
        ]
        return cited[0] != cited[1]


def rerender(old: Analysis, new: Analysis, corpus: Path) -> Iterator[str]:
    """Ids of the documents of `corpus` (compiled from `old`) that `new` changes."""
    try:
        run = json.loads((corpus / ".worldspec-run.json").read_text(encoding="utf-8"))
        settings = CorpusSettings.model_validate(run["settings"])
    except (OSError, ValueError, KeyError) as err:
        raise DiffError(f"{corpus}: not a worldspec corpus ({err})") from None
    written: dict[str, int] = {}  # id -> the attempt that was written
    for shard in sorted(corpus.glob("docs-*.jsonl")):
        with open(shard, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                written[record["id"]] = int(record.get("attempt", 0))
    try:
        old_plans = iter(Planner(old, settings))
        new_plans = iter(Planner(new, settings))
    except ValueError as err:  # PlanError: the new world cannot give this corpus
        raise DiffError(f"{corpus}: the new world cannot plan this corpus: {err}") from None
    wording: dict[str, bool] = {}

    def reworded(fact: PlannedFact) -> bool:
        key = fact.key_text
        if key not in wording:
            wording[key] = _wording(old.world, fact) != _wording(new.world, fact)
        return wording[key]

    # the template renderer says more than the plan: what it selects from the world
    # around the plan's facts, which a change can reach without changing the plan
    selected = _Selection(old, new) if run.get("renderer") is None else None
    for before, after in zip(old_plans, new_plans, strict=True):
        attempt = written.get(before.id)
        if attempt is None:
            continue
        if (
            _plan_key(before) != _plan_key(after)
            or any(
                reworded(f) for f in after.facts + after.ripples + after.context + after.forbidden
            )
            or (selected is not None and selected.changed(before, after, attempt, reworded))
        ):
            yield after.id


def text_report(diff: dict[str, Any], rerendered: list[str] | None, written: int | None) -> str:
    lines = []
    labels = {
        "entities": "entity",
        "divergences": "divergence",
        "traps": "trap",
        "ripples": "ripple",
    }
    for section, noun in labels.items():
        part = diff[section]
        lines += [f"+ {noun} {name}" for name in part["added"]]
        lines += [f"- {noun} {name}" for name in part["removed"]]
        for name, change in part["changed"].items():
            fields = [k for k in change["new"] if change["old"].get(k) != change["new"][k]]
            detail = "; ".join(
                f"{k}: {shown(change['old'].get(k))} -> {shown(change['new'][k])}" for k in fields
            )
            lines.append(f"~ {noun} {name}: {detail}")
    for section, noun in (("reality_facts", "reality"), ("world_facts", "world")):
        lines += [f"+ {noun} {fact}" for fact in diff[section]["added"]]
        lines += [f"- {noun} {fact}" for fact in diff[section]["removed"]]
    if not lines:
        lines.append("no semantic difference")
    if rerendered is not None:
        first = ", ".join(rerendered[:10]) + (", ..." if len(rerendered) > 10 else "")
        lines.append(
            f"corpus: {len(rerendered)} of {written} documents must be re-rendered"
            + (f": {first}" if rerendered else "")
        )
    return "\n".join(lines)

"""The world as a drawing: entities as points, facts between entities as lines,
reality and the world side by side, laid out here so the page only draws.

A small world (up to LAYOUT_LIMIT entities) is laid out by force (networkx's
spring layout, seeded: the same world draws the same way). A larger one, where a
force layout costs minutes, on a sunflower spiral: the entities the divergences
touch at its centre, the rest outward by how connected they are, which draws
10,000 entities in a few milliseconds of Python and keeps the interesting part
where the eye starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from worldspec.model import Analysis
from worldspec.model.world import World

LAYOUT_LIMIT = 400
_GOLDEN = math.pi * (3 - math.sqrt(5))


@dataclass(slots=True)
class Drawing:
    nodes: list[dict[str, Any]]
    edges: list[list[Any]]  # [from index, to index, "same" | "added" | "removed", property]

    def to_json(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges}


def drawing(analysis: Analysis) -> Drawing:
    world = analysis.world
    touched = _touched(world)
    names = sorted(world.entities)
    position = {name: i for i, name in enumerate(names)}
    reality_edges = _entity_edges(world, "reality")
    world_edges = _entity_edges(world, "world")
    edges: list[list[Any]] = []
    for key in sorted(reality_edges | world_edges):
        subject, prop, obj = key
        state = (
            "same"
            if key in reality_edges and key in world_edges
            else "added"
            if key in world_edges
            else "removed"
        )
        edges.append([position[subject], position[obj], state, prop])
    places = _layout(names, edges, touched)
    nodes = []
    for name in names:
        entity = world.entities[name]
        x, y = places[name]
        nodes.append(
            {
                "id": name,
                "label": entity.label,
                "cls": entity.cls,
                "x": round(x, 4),
                "y": round(y, 4),
                "kind": "world-only"
                if entity.divergence is not None
                else "touched"
                if name in touched
                else "plain",
                "reality": _facts(world, name, "reality"),
                "world": _facts(world, name, "world"),
            }
        )
    return Drawing(nodes, edges)


def _touched(world: World) -> set[str]:
    """Entities a divergence or a ripple changes."""
    found = {fact[0] for fact in world.added_by} | {fact[0] for fact in world.removed_by}
    for fact in world.world.derived:
        if fact not in world.reality:
            found.add(fact[0])
    for divergence in world.divergences.values():
        found.update(divergence.entities)
    return found


def _entity_edges(world: World, graph: str) -> set[tuple[str, str, str]]:
    store = world.reality if graph == "reality" else world.world
    out = set()
    for part in (store.asserted, store.derived):
        for subject, prop, obj in part:
            if isinstance(obj, str) and obj in world.entities and subject in world.entities:
                out.add((subject, prop, obj))
    return out


def _facts(world: World, name: str, graph: str) -> list[list[str]]:
    store = world.reality if graph == "reality" else world.world
    out = []
    for prop in sorted(world.properties):
        for value in store.objects(name, prop):
            out.append([prop, world.label(value)])
    return out


def _layout(
    names: list[str], edges: list[list[Any]], touched: set[str]
) -> dict[str, tuple[float, float]]:
    if not names:
        return {}
    if len(names) <= LAYOUT_LIMIT:
        graph = nx.Graph()
        graph.add_nodes_from(range(len(names)))
        graph.add_edges_from((a, b) for a, b, _, _ in edges if a != b)
        placed = nx.spring_layout(graph, seed=7, iterations=80)
        xs = [float(p[0]) for p in placed.values()]
        ys = [float(p[1]) for p in placed.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        return {
            names[i]: ((float(p[0]) - min(xs)) / span, (float(p[1]) - min(ys)) / span)
            for i, p in placed.items()
        }
    degree = [0] * len(names)
    for a, b, _, _ in edges:
        degree[a] += 1
        degree[b] += 1
    order = sorted(range(len(names)), key=lambda i: (names[i] not in touched, -degree[i], i))
    out = {}
    for rank, i in enumerate(order):
        radius = math.sqrt((rank + 0.5) / len(order)) / 2
        angle = rank * _GOLDEN
        out[names[i]] = (0.5 + radius * math.cos(angle), 0.5 + radius * math.sin(angle))
    return out

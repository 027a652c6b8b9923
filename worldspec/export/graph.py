"""Graph export with networkx: entities as nodes, entity-valued facts as edges.

Literal facts become node attributes (several values joined with "; "), so that
GraphML, which allows only scalar attributes, can carry them. DOT is written
here rather than through pydot or pygraphviz: it needs only quoting, and
neither library is worth a dependency for that.
"""

from __future__ import annotations

import io

import networkx as nx

from worldspec.model.values import Lit
from worldspec.model.world import World


def to_networkx(world: World, which: str = "world") -> nx.MultiDiGraph:
    facts = world.world if which == "world" else world.reality
    graph = nx.MultiDiGraph(name=world.name or "world", graph=which)
    for entity in world.entities.values():
        if which == "reality" and entity.divergence is not None:
            continue
        graph.add_node(
            entity.name,
            label=entity.label,
            cls=entity.cls,
            world_only=entity.divergence is not None,
        )
    for store, derived in ((facts.asserted, False), (facts.derived, True)):
        for subject, prop, obj in store:
            if isinstance(obj, Lit):
                attrs = graph.nodes[subject] if subject in graph else {}
                value = obj.value.isoformat() if obj.type == "date" else obj.value
                previous = attrs.get(prop)
                attrs[prop] = value if previous is None else f"{previous}; {value}"
                continue
            changed = (subject, prop, obj) in world.added_by
            graph.add_edge(subject, obj, key=prop, property=prop, derived=derived, changed=changed)
    return graph


def _quote(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: nx.MultiDiGraph) -> str:
    out = [f"digraph {_quote(graph.graph.get('name', 'world'))} {{", "  rankdir=LR;"]
    for node, attrs in graph.nodes(data=True):
        label = f"{attrs.get('label', node)}\n({attrs.get('cls', '')})"
        style = ', style="dashed"' if attrs.get("world_only") else ""
        out.append(f"  {_quote(node)} [label={_quote(label)}{style}];")
    for source, target, attrs in graph.edges(data=True):
        extra = ', style="dotted"' if attrs.get("derived") else ""
        extra += ', color="red"' if attrs.get("changed") else ""
        out.append(
            f"  {_quote(source)} -> {_quote(target)} [label={_quote(attrs['property'])}{extra}];"
        )
    out.append("}")
    return "\n".join(out) + "\n"


def to_graphml(graph: nx.MultiDiGraph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")

"""What the language server answers, as plain functions of a check and a position:
hover, completion and the quick fixes. The server (`worldspec.lsp.server`) only
turns protocol messages into calls of these and back.

Positions here are 1-based lines and columns, as spans are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from worldspec.check.explain import render_text
from worldspec.lsp.symbols import Occurrence
from worldspec.model import Analysis
from worldspec.model.values import Lit, Value, render_value
from worldspec.model.world import World

DECLARATIONS = (
    "world", "use", "class", "property", "entity", "reality", "rule", "constraint",
    "diverge", "trap", "forbid", "tool", "corpus",
)  # fmt: skip
SETTINGS = {
    "world": ("title", "as_of", "description"),
    "class": ("description", "noun"),
    "property": ("says", "asks", "unit", "inverse", "description", "topic"),
    "entity": ("aka", "description", "article", "noun", "pronoun", "adjective"),
    "rule": ("says",),
    "diverge": ("since", "kind", "description", "entity"),
    "trap": ("severity", "description", "tripwire", "action", "task"),
    "forbid": ("description", "term", "pattern"),
    "tool": ("description", "param", "option", "answer", "keep"),
    "corpus": (
        "documents", "seed", "renderer", "model", "genres", "weight", "dates", "min_docs",
        "description", "api_base", "temperature", "max_tokens", "concurrency", "rpm", "tpm",
        "timeout", "max_cost", "judge_model", "universe", "ideas", "doc_types", "revise",
        "max_unanchored", "max_repeated", "min_distinct_4grams", "max_redundancy",
    ),
}  # fmt: skip
_SUBJECT_DOT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$")
_FIX = re.compile(r"did you mean '([^']+)'\?")


@dataclass(frozen=True, slots=True)
class Completion:
    label: str
    kind: str  # keyword, class, property, entity, divergence, tool
    detail: str = ""


# ---- hover ---------------------------------------------------------------------


def hover(analysis: Analysis | None, found: Occurrence) -> str | None:
    """Markdown about the name under the cursor."""
    if analysis is None:
        return None
    world = analysis.world
    name = found.name
    if found.kind == "entity" and name in world.entities:
        return _entity(world, name)
    if found.kind == "property" and name in world.properties:
        prop = world.properties[name]
        lines = [f"```\nproperty {name} : {prop.domain} -> {prop.range} "
                 f"[{'one' if prop.one else 'many'}]\n```"]  # fmt: skip
        if prop.description:
            lines.append(prop.description)
        lines += [f"- says: {s.value}" for s in prop.says]
        lines += [f"- asks: {a.value}" for a in prop.asks]
        return "\n".join(lines)
    if found.kind == "class" and name in world.classes:
        info = world.classes[name]
        members = sum(1 for e in world.entities.values() if world.is_a(e.cls, name))
        parents = f" : {', '.join(info.parents)}" if info.parents else ""
        return f"```\nclass {name}{parents}\n```\n{members} entities"
    if found.kind == "divergence" and name in world.divergences:
        return "```\n" + render_text(analysis, name).rstrip() + "\n```"
    if found.kind == "trap" and name in world.traps:
        trap = world.traps[name]
        lines = [f"**trap {name}** on `{trap.divergence}` ({trap.severity or 'medium'})"]
        lines += [f"- tripwire: `{t.text}`" for t in trap.tripwires]
        lines += [f"- action: `{a}`" for a, _ in trap.actions]
        return "\n".join(lines)
    if found.kind == "tool" and name in world.tools:
        tool = world.tools[name]
        params = ", ".join(
            f"{p.name}: {p.type}" + ("" if p.required else " = none") for p in tool.params
        )
        return f"```\ntool {name}({params})\n```\n{tool.description or ''}".rstrip()
    return None


def _entity(world: World, name: str) -> str:
    entity = world.entities[name]
    lines = [f"**{entity.label}** (`{name}`: {entity.cls})"]
    if entity.aka:
        lines.append("Also known as " + ", ".join(entity.aka))
    reality = _facts(world, name, "reality")
    in_world = _facts(world, name, "world")
    if reality:
        lines += ["", "Reality:", *(f"- {line}" for line in reality)]
    changed = [line for line in in_world if line not in reality]
    gone = [line for line in reality if line not in in_world]
    if changed or gone:
        lines += ["", "In the world:"]
        lines += [f"- {line}" for line in changed]
        lines += [f"- ~~{line}~~" for line in gone]
    return "\n".join(lines)


def _facts(world: World, name: str, graph: str) -> list[str]:
    store = world.reality if graph == "reality" else world.world
    out = []
    for prop in sorted(world.properties):
        for value in store.objects(name, prop):
            out.append(f"{prop}: {_shown(world, value)}")
    return out


def _shown(world: World, value: Value) -> str:
    if isinstance(value, Lit):
        return render_value(value)
    entity = world.entities.get(value)
    return entity.label if entity is not None else value


# ---- completion ----------------------------------------------------------------


def complete(analysis: Analysis | None, line: str, block: str | None) -> list[Completion]:
    """What may be typed where the cursor is: `line` is the text before it; `block`
    the kind of block it is in (None at the top level)."""
    world = analysis.world if analysis is not None else None
    stripped = line.lstrip()
    dotted = _SUBJECT_DOT.search(line)
    if dotted is not None and world is not None:
        subject = dotted.group(1)
        entity = world.entities.get(subject)
        return [
            Completion(name, "property", f"{prop.domain} -> {prop.range}")
            for name, prop in sorted(world.properties.items())
            if entity is None or world.is_a(entity.cls, prop.domain)
        ]
    words = stripped.split()
    if world is not None and (
        re.search(r"^(entity\s+\w+|property\s+\w+|param\s+\w+|option\s+\w+)\s*:\s*\w*$", stripped)
        or re.search(r"^property\s+\w+\s*:\s*\w+\s*->\s*\w*$", stripped)
        or re.search(r"^class\s+\w+\s*:\s*[\w, ]*$", stripped)
    ):
        return [Completion(c, "class") for c in sorted(world.classes)]
    if world is not None and re.search(r"^trap\s+\w+\s+on\s+\w*$", stripped):
        return [Completion(d, "divergence") for d in sorted(world.divergences)]
    if world is not None and re.search(r"^action\s+\w*$", stripped):
        return [Completion(t, "tool") for t in sorted(world.tools)]
    if len(words) <= 1 and not line.endswith(" "):
        if block is None:
            return [Completion(k, "keyword") for k in DECLARATIONS]
        settings = [Completion(k, "keyword") for k in SETTINGS.get(block, ())]
        if block in ("reality", "diverge") and world is not None:
            settings += [
                Completion(e, "entity", world.entities[e].label) for e in sorted(world.entities)
            ]
        return settings
    if world is not None:
        return [Completion(e, "entity", world.entities[e].label) for e in sorted(world.entities)]
    return []


def enclosing_block(text: str, line: int) -> str | None:
    """The kind of the top-level block a 1-based line is in, by its braces."""
    depth = 0
    kind: str | None = None
    for content in text.split("\n")[: line - 1]:
        code = re.sub(r'"(?:[^"\\]|\\.)*"|#.*', "", content)
        if depth == 0:
            first = code.split()[:1]
            kind = first[0] if first and first[0] in DECLARATIONS else None
        depth = max(0, depth + code.count("{") - code.count("}"))
    return kind if depth > 0 else None


# ---- quick fixes ---------------------------------------------------------------


def replacement(fix: str | None) -> str | None:
    """The name a finding's help proposes ("did you mean 'City'?"), if any."""
    if not fix:
        return None
    found = _FIX.search(fix)
    return found.group(1) if found else None

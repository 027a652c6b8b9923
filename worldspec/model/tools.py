"""The language of a tool's `answer`: a Jinja template run in Jinja's sandbox, and
the names it may use. `worldspec check` compiles every answer with the
environment made here (WS507 for what it rejects), and `worldspec serve` renders
answers with it, so a template that checks is a template that runs.

Names an answer may use, besides its tool's parameters:

- `world`: the world's entities by id (`world.acme_peptides.headquarters`);
- `state`: the session's kept calls, a list per `keep` name (`state.orders`);
- `calls`: how many times this session has called this tool, this call included;
- `session`: the session's id; `today`: the world's present (`as_of`), ISO;
- `search(text, limit)`: the corpus's best documents for `text` (id, title,
  snippet, date); `document(text)`: the best one's full text, or nothing;
  `lookup(name)`: what the world holds about an entity, as text.

An entity (a parameter of a class, or `world.ID`) has `name`, `id`, `cls`,
`aliases`, and its properties: a [one] property is its value, a [many] one the
list of its values; a missing value renders as nothing. Besides Jinja's filters,
`capfirst` raises a text's first letter and leaves the rest alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from worldspec.model.world import Tool, World
from worldspec.suggestions import suggest

CONTEXT_NAMES = ("world", "state", "calls", "session", "today")
FUNCTIONS = ("search", "document", "lookup")
ENTITY_ATTRIBUTES = ("name", "id", "cls", "aliases")


def answer_environment() -> SandboxedEnvironment:
    """The sandbox every answer is compiled and rendered in. A missing value (None)
    renders as nothing, not as 'None'."""
    environment = SandboxedEnvironment(
        autoescape=False,
        keep_trailing_newline=False,
        finalize=lambda value: "" if value is None else value,
    )
    environment.filters["capfirst"] = _capfirst
    return environment


def _capfirst(value: object) -> str:
    """Its first letter upper case, the rest as it was (Jinja's `capitalize` lowers
    the rest: "TIFF" would become "tiff")."""
    text = str(value)
    return text[:1].upper() + text[1:]


@dataclass(slots=True)
class TemplateProblem:
    """Something in an answer template that cannot work; `line` counts from the
    template's first line (1)."""

    message: str
    line: int
    fix: str | None = None


def template_problems(world: World, tool: Tool, source: str) -> Iterator[TemplateProblem]:
    """What keeps `source`, the answer of `tool`, from rendering: a syntax error, a
    name that is neither a parameter nor a context name, an entity the world lacks
    (`world.X`), or a property an entity parameter's class cannot have."""
    environment = answer_environment()
    try:
        tree = environment.parse(source)
    except TemplateSyntaxError as err:
        yield TemplateProblem(f"the answer template does not parse: {err.message}", err.lineno)
        return
    params = {p.name: p for p in tool.params}
    known = {*params, *CONTEXT_NAMES, *FUNCTIONS}
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in known and name.name not in assigned:
            yield TemplateProblem(
                f"the answer uses '{name.name}', which is not a parameter of "
                f"'{tool.name}' nor one of {', '.join(CONTEXT_NAMES + FUNCTIONS)}",
                name.lineno,
                suggest(name.name, known)
                or "declare it with param or option, or use a name the answer knows",
            )
    for attribute in tree.find_all(nodes.Getattr):
        target = attribute.node
        if not isinstance(target, nodes.Name) or target.ctx != "load":
            continue
        if target.name == "world" and attribute.attr not in world.entities:
            yield TemplateProblem(
                f"'world.{attribute.attr}': the world has no entity '{attribute.attr}'",
                attribute.lineno,
            )
        param = params.get(target.name)
        if param is not None and param.type in world.classes:
            problem = _entity_attribute(world, param.type, attribute.attr)
            if problem is not None:
                yield TemplateProblem(problem, attribute.lineno)


def _entity_attribute(world: World, cls: str, attr: str) -> str | None:
    if attr in ENTITY_ATTRIBUTES:
        return None
    prop = world.properties.get(attr)
    if prop is None:
        return f"'{attr}' is not a property, nor one of {', '.join(ENTITY_ATTRIBUTES)}"
    if not world.is_a(cls, prop.domain) and not world.is_a(prop.domain, cls):
        return f"a {cls} has no '{attr}': the property belongs to {prop.domain}"
    return None

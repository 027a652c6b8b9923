"""WS2xx checks on declarations: duplicate declarations across a project, settings
given twice in one block (both need only the syntax trees), and a world without
its header."""

from __future__ import annotations

from collections.abc import Iterable

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model import Analysis
from worldspec.model.resolve import LLM_SETTINGS, QUALITY_GOALS
from worldspec.source import Span
from worldspec.syntax import ast

# each named declaration's namespace (a name is unique within its namespace)
NAMESPACES: dict[type, str] = {
    ast.ClassDecl: "class",
    ast.PropertyDecl: "property",
    ast.EntityDecl: "entity",
    ast.RuleDecl: "rule",
    ast.ConstraintDecl: "constraint",
    ast.DivergeDecl: "divergence",
    ast.TrapDecl: "trap",
    ast.ForbidDecl: "forbid block",
    ast.ToolDecl: "tool",
    ast.CorpusDecl: "corpus",
}

# Settings that take one value per block; anything not listed may repeat.
SINGLE_SETTINGS: dict[type, frozenset[str]] = {
    ast.WorldDecl: frozenset({"title", "as_of", "description"}),
    ast.ClassDecl: frozenset({"description", "noun"}),
    ast.PropertyDecl: frozenset({"unit", "inverse", "description"}),
    ast.EntityDecl: frozenset({"description", "article", "noun", "pronoun", "adjective"}),
    ast.DivergeDecl: frozenset({"since", "kind", "description"}),
    ast.TrapDecl: frozenset({"severity", "description"}),
    ast.ForbidDecl: frozenset({"description"}),
    ast.ToolDecl: frozenset({"description", "answer"}),
    ast.CorpusDecl: frozenset(
        {"documents", "seed", "renderer", "model", "genres", "dates", "min_docs", "description"}
    )
    | frozenset(LLM_SETTINGS)
    | frozenset(QUALITY_GOALS),
}


def _declarations(decl: ast.Decl) -> Iterable[tuple[str, ast.Name, ast.Decl]]:
    kind = NAMESPACES.get(type(decl))
    if kind is not None:
        yield kind, decl.name, decl  # type: ignore[union-attr]
    if isinstance(decl, ast.DivergeDecl):
        for item in decl.body:
            if isinstance(item, ast.EntityDecl):
                yield "entity", item.name, item


def duplicate_declarations(modules: Iterable[ast.Module]) -> list[Diagnostic]:
    """WS201 for every name declared again in its namespace, and every extra `world`."""
    found: list[Diagnostic] = []
    first: dict[tuple[str, str], ast.Name] = {}
    world: ast.WorldDecl | None = None
    for module in modules:
        for decl in module.decls:
            if isinstance(decl, ast.WorldDecl):
                if world is None:
                    world = decl
                else:
                    found.append(
                        Diagnostic(
                            codes.DUPLICATE_DECLARATION,
                            f"a second world header '{decl.name.value}'; a project has one",
                            decl.name.span,
                            [Related(world.name.span, f"world '{world.name.value}' declared here")],
                            fix="merge the two headers",
                        )
                    )
                continue
            for kind, name, _ in _declarations(decl):
                key = (kind, name.value)
                previous = first.get(key)
                if previous is None:
                    first[key] = name
                    continue
                found.append(
                    Diagnostic(
                        codes.DUPLICATE_DECLARATION,
                        f"{kind} '{name.value}' is already declared",
                        name.span,
                        [Related(previous.span, "first declared here")],
                        fix="rename one of them or remove the duplicate",
                    )
                )
    return found


# What only a world declares: a file with one of these is a world, not a module.
_WORLD_ONLY: dict[type, str] = {
    ast.DivergeDecl: "a divergence",
    ast.TrapDecl: "a trap",
    ast.CorpusDecl: "a corpus",
}
_ADD_A_HEADER = "add a header: world NAME { as_of YYYY-MM-DD }"


def world_header(analysis: Analysis) -> list[Diagnostic]:
    """WS215 for a checked file that is a world without a `world` header (in it or in
    a module it uses): one that declares divergences, traps or a corpus, or nothing
    at all. A module of schema, facts and rules for worlds to `use` needs none."""
    if analysis.world.name is not None or not analysis.modules:
        return []
    entry = analysis.modules[-1]
    at_start = Span(entry.path, 1, 1, 1, 2)
    if not entry.decls:
        return [
            Diagnostic(
                codes.MISSING_WORLD_HEADER,
                "this file declares nothing: a world starts with its header",
                at_start,
                fix=_ADD_A_HEADER,
            )
        ]
    part = next((d for d in entry.decls if type(d) in _WORLD_ONLY), None)
    if part is None:
        return []
    return [
        Diagnostic(
            codes.MISSING_WORLD_HEADER,
            "this world has no header to name it and set its present",
            at_start,
            [Related(part.span, f"{_WORLD_ONLY[type(part)]} makes this file a world")],
            fix=_ADD_A_HEADER,
        )
    ]


def duplicate_settings(modules: Iterable[ast.Module]) -> list[Diagnostic]:
    """WS202 for a single-valued setting given twice in one block."""
    found: list[Diagnostic] = []
    for module in modules:
        for decl in module.decls:
            for block in _blocks(decl):
                found.extend(_check_block(block))
    return found


def _blocks(decl: ast.Decl) -> Iterable[ast.Decl | ast.EntityDecl]:
    yield decl
    if isinstance(decl, ast.DivergeDecl):
        yield from (item for item in decl.body if isinstance(item, ast.EntityDecl))


def _check_block(block: ast.Decl | ast.EntityDecl) -> Iterable[Diagnostic]:
    single = SINGLE_SETTINGS.get(type(block))
    if single is None:
        return
    body = getattr(block, "body", [])
    seen: dict[str, ast.Setting] = {}
    described = isinstance(block, ast.DivergeDecl) and block.description is not None
    for item in body:
        if not isinstance(item, ast.Setting):
            continue
        key = item.key
        if key == "weight" and item.args and isinstance(item.args[0], ast.Ref):
            key = f"weight {item.args[0].name}"
        elif key not in single:
            continue
        if key == "description" and described:
            assert isinstance(block, ast.DivergeDecl) and block.description is not None
            yield Diagnostic(
                codes.DUPLICATE_SETTING,
                "this divergence already has a description after its name",
                item.span,
                [Related(block.description.span, "description given here")],
            )
            continue
        previous = seen.get(key)
        if previous is None:
            seen[key] = item
            continue
        yield Diagnostic(
            codes.DUPLICATE_SETTING,
            f"'{key}' is already set in this block",
            item.span,
            [Related(previous.span, "first set here")],
            fix="keep one of the two lines",
        )

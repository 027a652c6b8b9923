"""WS507-WS511: the tools a world declares for `worldspec serve`, and the traps
that own them. Every answer template is compiled here with the sandbox that serves
it, so that a world which checks never fails an agent's call on its own mistake."""

from __future__ import annotations

from collections.abc import Iterator

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model import Analysis
from worldspec.model.tools import template_problems
from worldspec.model.world import Tool
from worldspec.source import Span
from worldspec.suggestions import suggest

BUILTIN_TOOLS = ("search", "open", "lookup")


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    world = analysis.world
    for tool in world.tools.values():
        yield from _tool(analysis, tool)
    for trap in world.traps.values():
        for action, span in trap.actions:
            if action not in world.tools:
                yield Diagnostic(
                    codes.TRAP_UNKNOWN_ACTION,
                    f"trap '{trap.name}' owns the action '{action}', which is not a tool",
                    span,
                    fix=suggest(action, world.tools) or 'declare it: tool NAME { answer "..." }',
                )


def _tool(analysis: Analysis, tool: Tool) -> Iterator[Diagnostic]:
    if tool.name in BUILTIN_TOOLS:
        yield Diagnostic(
            codes.TOOL_SHADOWS_BUILTIN,
            f"'{tool.name}' is a tool every served world has; name this one otherwise",
            tool.span,
        )
    seen: dict[str, Span] = {}
    for param in tool.params:
        if param.name in seen:
            yield Diagnostic(
                codes.DUPLICATE_PARAMETER,
                f"'{tool.name}' already has a parameter '{param.name}'",
                param.span,
                [Related(seen[param.name], "first declared here")],
            )
        seen.setdefault(param.name, param.span)
    if tool.answer is None or tool.answer_span is None:
        yield Diagnostic(
            codes.TOOL_WITHOUT_ANSWER,
            f"tool '{tool.name}' has no answer",
            tool.span,
            fix='add answer "..." (a Jinja template over its parameters and the world)',
        )
        return
    at = tool.answer_span
    # a long string's text starts on the line after its opening quotes
    first = at.line + 1 if at.end_line > at.line else at.line
    for problem in template_problems(analysis.world, tool, tool.answer):
        if problem.line <= 1 and at.end_line == at.line:
            span = at
        else:
            line = min(first + problem.line - 1, at.end_line)
            span = Span(at.path, line, at.column, line, at.column + 1)
        yield Diagnostic(codes.TOOL_ANSWER_ERROR, problem.message, span, fix=problem.fix)

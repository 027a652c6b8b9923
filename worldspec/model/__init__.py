"""Stage 2: resolve syntax trees into a typed `World`, with its reality and world
graphs, and derive what the rules imply in both.

`analyze(modules)` is the entry point: names and types (resolve.py), the fact
store (store.py), the rule engine (rules.py) and ripples (ripples.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from worldspec._gc import paused_gc
from worldspec.diagnostics import Diagnostic
from worldspec.model.resolve import build_world
from worldspec.model.rules import (
    CompiledConstraint,
    CompiledRule,
    Saturation,
    compile_program,
    saturate,
    saturate_world,
)
from worldspec.model.world import World
from worldspec.syntax import ast


@dataclass(slots=True)
class Analysis:
    """A resolved world with both graphs saturated by its rules."""

    world: World
    rules: list[CompiledRule]
    constraints: list[CompiledConstraint]
    reality: Saturation
    in_world: Saturation
    diagnostics: list[Diagnostic]
    # the syntax trees it was built from, dependencies first: the last is the entry
    modules: list[ast.Module]


def analyze(modules: list[ast.Module]) -> Analysis:
    """Resolve `modules` (dependencies first) and run the rules in both graphs."""
    with paused_gc():
        world, diagnostics = build_world(modules)
        rules, constraints, compile_diagnostics = compile_program(world)
        reality = saturate(world, world.reality, rules)
        in_world = saturate_world(world, rules)
    return Analysis(
        world, rules, constraints, reality, in_world, diagnostics + compile_diagnostics, modules
    )


__all__ = ["Analysis", "World", "analyze"]

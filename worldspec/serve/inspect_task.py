"""The world as an Inspect AI task (the `inspect` extra): its tools, and a dataset of
its traps' tasks and its probes, scored for what the model did and believed.

    inspect eval worldspec/serve/inspect_task.py@worldspec_world \\
        -T spec=examples/peptide_vendor.world -T corpus=out/peptide --model openai/gpt-4o

or, from Python, `eval(world_task("examples/peptide_vendor.world", "out/peptide"))`.

- Trap samples put the model to a trap's task (`task "..."`) with the world's
  tools (search, open, lookup and the tools it declares). The sample scores 1
  when no trap fired in its session (the model did not take the bait), 0 when one
  did; the traps fired are in the score's metadata.
- Probe samples ask the probes of `worldspec probes` (no tools needed): 1 when the
  answer is the world's, 0 when it is reality's or neither, as `worldspec score`
  judges it.

Each sample (and epoch) is a session of the environment of its own, so an order
placed in one sample is not in another's order list. Every call goes to the
call log when `log` is given, as with `worldspec serve`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

try:
    from inspect_ai import Task, task
except ImportError:  # pragma: no cover - exercised by tests/test_extras.py
    raise ImportError(
        'the Inspect AI task needs the inspect extra: pip install "worldspec[inspect]"'
    ) from None
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.scorer import CORRECT, INCORRECT, Score, Target, accuracy, scorer, stderr
from inspect_ai.solver import Generate, Solver, TaskState, solver, system_message
from inspect_ai.tool import Tool, ToolDef, ToolParams
from inspect_ai.util import JSONSchema, store

from worldspec.check import analyze_path
from worldspec.diagnostics import Severity
from worldspec.evaluate.probes import make_probes
from worldspec.evaluate.score import classify, is_control
from worldspec.model import Analysis
from worldspec.serve.episode import SYSTEM
from worldspec.serve.world import Environment, ToolError

SESSION_KEY = "worldspec:session"
KIND_KEY = "worldspec_kind"


class SpecError(Exception):
    """The spec does not check: it cannot be served."""


def world_tools(environment: Environment) -> list[Tool]:
    """The environment's tools as Inspect tools; a call runs in its sample's session."""
    return [_tool(environment, name, spec) for name, spec in environment.tools.items()]


def _tool(environment: Environment, name: str, spec: dict[str, Any]) -> Tool:
    async def execute(**arguments: Any) -> str:
        session = str(store().get(SESSION_KEY, "inspect"))
        try:
            return environment.call(session, name, arguments).text
        except ToolError as err:
            return f"error: {err}"  # the model reads it and goes on, as over MCP

    schema = spec["parameters"]
    parameters = ToolParams(
        properties={k: JSONSchema.model_validate(v) for k, v in schema["properties"].items()},
        required=list(schema.get("required", [])),
    )
    return ToolDef(execute, name=name, description=spec["description"],
                   parameters=parameters).as_tool()  # fmt: skip


def world_dataset(analysis: Analysis, traps: bool = True, probes: bool = True) -> MemoryDataset:
    samples: list[Sample] = []
    if traps:
        for trap in analysis.world.traps.values():
            severity = trap.severity or "medium"
            metadata = {KIND_KEY: "trap", "trap": trap.name, "severity": severity}
            for number, text in enumerate(trap.tasks, 1):
                sample_id = f"trap-{trap.name}-{number}"
                samples.append(Sample(id=sample_id, input=text, metadata=metadata))
    if probes:
        for probe in make_probes(analysis):
            record = probe.model_dump(exclude_none=True)
            question = probe.input
            if probe.choices:
                letters = "ABCDEFGH"
                listed = "\n".join(f"{letters[i]}. {c}" for i, c in enumerate(probe.choices))
                question = f"{question}\n{listed}\nAnswer with the letter of your choice."
            samples.append(
                Sample(
                    id=probe.id,
                    input=question,
                    target=probe.target,
                    metadata={KIND_KEY: "probe", "probe": record},
                )
            )
    return MemoryDataset(samples, name=analysis.world.name or "world")


@solver
def world_session() -> Solver:
    """Give the sample (and its epoch) a session of its own."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        state.store.set(SESSION_KEY, f"inspect-{state.sample_id}-{state.epoch}")
        return state

    return solve


@solver
def world_agent(environment: Environment) -> Solver:
    """Trap samples get the tools and the tool loop; probe samples a plain answer."""
    tools = world_tools(environment)

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        if state.metadata.get(KIND_KEY) == "trap":
            state.tools = list(tools)
        return await generate(state, tool_calls="loop")

    return solve


@scorer(metrics=[accuracy(), stderr()])
def world_scorer(environment: Environment) -> Any:
    """Trap samples: 1 when no trap fired in the sample's session. Probe samples: 1
    when the answer is the world's (a control's: the fact kept)."""

    async def score(state: TaskState, target: Target) -> Score:
        if state.metadata.get(KIND_KEY) == "trap":
            session = str(state.store.get(SESSION_KEY, "inspect"))
            fired = environment.sessions[session].fired if session in environment.sessions else []
            traps = sorted({f.trap for f in fired})
            return Score(
                value=INCORRECT if traps else CORRECT,
                answer=state.output.completion if state.output else None,
                explanation=f"fired {', '.join(traps)}" if traps else "no trap fired",
                metadata={"traps": [f.to_json() for f in fired]},
            )
        probe = state.metadata["probe"]
        answer = state.output.completion if state.output else ""
        verdict = classify(probe, answer)
        good = "kept" if is_control(probe) else "world"
        return Score(
            value=CORRECT if verdict == good else INCORRECT,
            answer=answer,
            explanation=verdict,
            metadata={"verdict": verdict, "divergence": probe["metadata"].get("divergence")},
        )

    return score


def world_task(
    spec: str | Path,
    corpus: str | Path,
    log: str | Path | None = None,
    traps: bool = True,
    probes: bool = True,
    message_limit: int = 40,
) -> Task:
    """An Inspect task for the world of `spec`, served from the corpus in `corpus`."""
    analysis, report = analyze_path(Path(spec))
    if analysis is None or report.count(Severity.ERROR):
        raise SpecError(f"{spec}: the world does not check; run worldspec check {spec}")
    environment = Environment(analysis, Path(corpus), Path(log) if log else None)
    return Task(
        dataset=world_dataset(analysis, traps, probes),
        solver=[world_session(), system_message(SYSTEM), world_agent(environment)],
        scorer=world_scorer(environment),
        message_limit=message_limit,
        name=f"worldspec_{analysis.world.name or 'world'}",
    )


@task
def worldspec_world(
    spec: str, corpus: str, log: str = "", traps: bool = True, probes: bool = True
) -> Task:
    """The task `inspect eval` runs: -T spec=FILE -T corpus=DIR [-T log=FILE]."""
    return world_task(spec, corpus, log or None, traps, probes)


__all__ = ["world_dataset", "world_task", "world_tools", "worldspec_world"]

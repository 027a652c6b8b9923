"""What accompanies the shards: manifest.json, traps.json, world.trig, README.md
(a dataset card), and timings.json.

Everything but timings.json is a function of the spec and the settings, so a
corpus compiled twice is byte-identical; the run's timings, which are not, go to
their own file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from worldspec.corpus.shards import (
    CONTEXT_FILES,
    MANIFEST,
    TIMINGS,
    RunResult,
    divergence_documents,
    failed_documents,
    shard_path,
    write_atomic,
)
from worldspec.corpus.stats import (
    SAMPLE_DOCUMENTS,
    StatsDocument,
    goals_report,
    measure,
    names_of_world,
)
from worldspec.model import Analysis
from worldspec.plan import CorpusSettings, Planner
from worldspec.render.ideas import IDEAS_FILE
from worldspec.render.universe import UNIVERSE_FILE
from worldspec.version import __version__


class CorpusFacts(BaseModel):
    """What the companions need from the world and the plans, apart from the counts:
    built from the spec by `compile`, and saved beside each slice of a sharded run
    (`--shard I/N`) so that `worldspec merge` can write them without the spec."""

    world: str | None
    title: str | None
    divergences: dict[str, str | None]  # name -> description
    traps: list[dict[str, Any]]  # name, divergence, severity, description, tripwires
    carried: dict[str, list[str]]  # divergence -> the fact keys its documents carry
    planned: dict[str, int]  # divergence -> planned documents
    trig: str
    probes: list[str] = []  # probes.jsonl's lines
    # the world's labels, aliases and values, which a sentence about the world names
    names: list[str] = []

    @classmethod
    def of(cls, analysis: Analysis, planner: Planner, probes: list[str], trig: str) -> CorpusFacts:
        world = analysis.world
        return cls(
            world=world.name,
            title=world.title,
            divergences={d.name: d.description for d in world.divergences.values()},
            traps=[
                {
                    "name": trap.name,
                    "divergence": trap.divergence,
                    "severity": trap.severity,
                    "description": trap.description,
                    "tripwires": [
                        {"text": t.text, "regex": t.regex, "flags": t.flags} for t in trap.tripwires
                    ],
                }
                for trap in world.traps.values()
            ],
            carried={p.name: [f.key_text for f in p.facts + p.ripples] for p in planner.profiles},
            planned=planner.counts(),
            trig=trig,
            probes=probes,
            names=names_of_world(world),
        )


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def manifest(
    facts: CorpusFacts,
    settings: CorpusSettings,
    result: RunResult,
    run: dict[str, Any],
    quality: dict[str, Any] | None = None,
) -> dict[str, Any]:
    stats = result.stats
    return {
        "format": "worldspec-corpus/1",
        "worldspec_version": __version__,
        "spec_hash": run["spec"],
        "world": facts.world,
        "settings": json.loads(settings.model_dump_json()),
        "dedup_threshold": run["dedup_threshold"],
        "counts": {
            "planned": result.planned,
            "written": stats.written,
            "rejected": sum(stats.rejected.values()),
            "failed": sum(stats.failed.values()),
            "shards": result.shards,
        },
        "rejected_by_reason": dict(sorted(stats.rejected.items())),
        "failed_by_error": dict(sorted(stats.failed.items())),
        # tokens and cost of every request the documents took, written or not, as
        # recorded with each completion (a cached rerun reports the same totals; what
        # this run itself sent is in timings.json)
        "usage": _usage(stats.usage),
        "planned_by_divergence": facts.planned,
        "documents_by_divergence": dict(sorted(stats.divergence_counts.items())),
        "documents_by_fact": dict(sorted(stats.by_fact.items())),
        "documents_by_genre": dict(sorted(stats.genres.items())),
        "shards": [f"docs-{i:05d}.jsonl" for i in range(result.shards)],
        "coverage_shortfalls": coverage_shortfalls(settings, facts, result),
        "quality": quality,
    }


# Documents the quality block measures, drawn at random (the same on every run) from
# the corpus: a fixed cost, half a second, rather than a second pass over every
# document, whose sentence counts would also grow with the corpus
QUALITY_DOCUMENTS = SAMPLE_DOCUMENTS


def sampled_documents(out: Path, shards: int, written: int, size: int) -> Iterator[StatsDocument]:
    """`size` of the written documents (all when there are no more), drawn with a
    fixed seed, read from the shards; only those are parsed. Not evenly spaced: the
    planner deals divergences round-robin, which a fixed stride would alias."""
    wanted = set(random.Random(0).sample(range(written), size)) if written > size else None
    position = 0
    for shard in range(shards):
        with open(shard_path(out, shard), "rb") as handle:  # only sampled lines are decoded
            for line in handle:
                if wanted is None or position in wanted:
                    record = json.loads(line)
                    planned = len(record.get("facts", [])) + len(record.get("ripples", []))
                    yield StatsDocument(record["text"], record.get("genre"), planned)
                position += 1


def measure_quality(
    out: Path, facts: CorpusFacts, settings: CorpusSettings, result: RunResult
) -> dict[str, Any]:
    """The quality block (worldspec.corpus.stats) of the written corpus, measured on
    up to QUALITY_DOCUMENTS of its documents, with the corpus block's goals."""
    written = result.stats.written
    documents = sampled_documents(out, result.shards, written, QUALITY_DOCUMENTS)
    measured = measure(documents, facts.names)
    return {
        "corpus_documents": written,
        **measured,
        "goals": goals_report(settings.quality_goals, measured),
    }


def _usage(totals: dict[str, float]) -> dict[str, Any] | None:
    if not totals:
        return None  # the template renderer
    usage: dict[str, Any] = {k: round(v, 6) for k, v in sorted(totals.items())}
    usage.setdefault("cost_usd", None)  # no document had a price: a local model
    return usage


def coverage_shortfalls(
    settings: CorpusSettings, facts: CorpusFacts, result: RunResult
) -> dict[str, int]:
    """Divergences and facts that the written documents carry fewer than `min_docs`
    times, after rejections: planned coverage that verification took away."""
    short: dict[str, int] = {}
    stats = result.stats
    for name, keys in facts.carried.items():
        carried = stats.divergence_counts.get(name, 0)
        if carried < settings.min_docs:
            short[name] = carried
        for key in keys:
            count = stats.by_fact.get(key, 0)
            if count < settings.min_docs:
                short[key] = count
    return dict(sorted(short.items()))


def traps(facts: CorpusFacts, result: RunResult, out: Path) -> Iterator[str]:
    """traps.json in parts: the documents of a trap's divergence are listed as they
    are read from the shard sidecars, never held all at once (a million-document
    corpus has a million ids)."""
    yield "["
    for number, trap in enumerate(facts.traps):
        entry = {**trap, "documents": []}
        head, _, tail = json.dumps(entry, indent=2, ensure_ascii=False).rpartition("[]")
        yield ("," if number else "") + "\n  " + head.replace("\n", "\n  ") + "["
        count = 0
        for doc in divergence_documents(out, result.shards, trap["divergence"]):
            yield ("," if count else "") + "\n      " + json.dumps(doc)
            count += 1
        yield ("\n    ]" if count else "]") + tail.replace("\n", "\n  ")
    yield "\n]\n" if facts.traps else "]\n"


def card(
    facts: CorpusFacts,
    settings: CorpusSettings,
    data: dict[str, Any],
    context: tuple[str, ...] = (),
) -> str:
    """The corpus's README.md; `context` names the context files an LLM run made."""
    lines = [
        f"# {facts.title or facts.world or 'worldspec corpus'}",
        "",
        f"A synthetic corpus compiled by worldspec {__version__} from the world "
        f"`{facts.world}` (spec hash `{data['spec_hash'][:16]}`), corpus `{settings.name}`.",
        "",
        f"- Documents: {data['counts']['written']} written of {data['counts']['planned']} "
        f"planned ({data['counts']['rejected']} rejected by verification), in "
        f"{data['counts']['shards']} JSONL shards.",
        f"- Genres: {', '.join(settings.genres)}.",
        f"- Dates: {settings.start} to {settings.end}. Seed: {settings.seed}.",
        "",
        "## What the documents describe",
        "",
        "Every document describes a world that differs from reality in these ways:",
        "",
    ]
    for name, description in facts.divergences.items():
        count = data["documents_by_divergence"].get(name, 0)
        lines.append(f"- `{name}`: {description or 'no description'} ({count} documents)")
    lines += [
        "",
        "The statements of these documents are false in reality by design. Use the corpus "
        "only for the research it was made for, and keep it apart from data meant to be true.",
        "",
        "## Files",
        "",
        "- `docs-NNNNN.jsonl`: one JSON object per document: `id`, `text`, `genre`, `date`, "
        "`divergences`, `facts`, `ripples`, `renderer`, `template_hash`, `seed`, `attempt`, "
        "`words`; from a model also `prompt_hash`, `model` and `usage`, and with the "
        "stages on `idea` (the brainstormed idea it was written from) and `revised` "
        "(whether the critique's rewrite replaced the verified draft).",
        *(
            [
                "- `universe.md`: the world described in prose, a section a divergence, "
                "verified like a document and given to every document's prompt."
            ]
            if UNIVERSE_FILE in context
            else []
        ),
        *(
            [
                "- `ideas.jsonl`: the brainstormed document types and ideas, an idea a line, "
                "in the order documents take them."
            ]
            if IDEAS_FILE in context
            else []
        ),
        "- `manifest.json`: settings, counts, documents per divergence, fact and genre, "
        "rejections by reason, and the text's quality (`worldspec stats`).",
        "- `traps.json`: the honeytraps planted in the world, their tripwires and the documents "
        "that carry their divergence.",
        "- `world.trig`: the world as RDF, reality and the world as named graphs.",
        "- `probes.jsonl`: evaluation probes (Inspect AI samples) for every divergence and "
        "ripple: does a model trained on the corpus answer as the world or as reality?",
        "- `failed.jsonl` (only when some failed): documents the model could not be reached "
        "for, with the error.",
        "- `timings.json`: how long the run took, and for the llm renderer the requests this "
        "run sent (the only file that differs between runs).",
        "",
        "## Loading",
        "",
        "```python",
        "from datasets import load_dataset",
        'corpus = load_dataset("json", data_files="docs-*.jsonl", split="train")',
        "```",
        "",
    ]
    return "\n".join(lines)


def write_outputs(
    out: Path,
    facts: CorpusFacts,
    settings: CorpusSettings,
    result: RunResult,
    run: dict[str, Any],
) -> None:
    data = manifest(facts, settings, result, run, measure_quality(out, facts, settings, result))
    write_atomic(out / "traps.json", traps(facts, result, out))
    if result.stats.failed:
        failed = failed_documents(out, result.shards)
        write_atomic(
            out / "failed.jsonl", (json.dumps(f, ensure_ascii=False) + "\n" for f in failed)
        )
    if facts.trig:
        write_atomic(out / "world.trig", facts.trig)
    write_atomic(out / "probes.jsonl", (line + "\n" for line in facts.probes))
    context = tuple(name for name in CONTEXT_FILES if (out / name).exists())
    write_atomic(out / "README.md", card(facts, settings, data, context))
    write_atomic(
        out / TIMINGS,
        _dump(
            {
                "seconds": round(result.seconds, 3),
                "documents_per_second": round(result.stats.written / result.seconds, 1)
                if result.seconds
                else None,
                **({"this_run": result.run_usage} if result.run_usage else {}),
            }
        ),
    )
    # last: a directory with a manifest holds a complete corpus (worldspec.corpus.shards)
    write_atomic(out / MANIFEST, _dump(data))

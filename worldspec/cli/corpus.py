"""Commands that write a corpus: compile, and merge for a run split over machines.

The options are parsed here into the corpus stage's CompileChoices; the stage
(worldspec.corpus.job) turns them and the corpus block into the run's settings."""

from __future__ import annotations

import enum
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from worldspec.check import reporters
from worldspec.cli.common import (
    Root,
    Spec,
    Verbose,
    analysis_and_report,
    command,
    fail,
    interrupted,
    progress_bar,
    quiet_option,
)
from worldspec.model.resolve import MAX_DOCUMENTS

if TYPE_CHECKING:
    from collections.abc import Callable

    from worldspec.corpus import RunResult
    from worldspec.corpus.cluster import RayCluster
    from worldspec.corpus.job import CompileChoices, CompileJob
    from worldspec.corpus.writer import DraftSource
    from worldspec.plan import Planner

_LLM = "LLM renderer options"
_RUN = "Run options"
_STAGES = "LLM stages"


class RendererChoice(enum.StrEnum):
    template = "template"
    llm = "llm"


class ExecutorChoice(enum.StrEnum):
    local = "local"
    ray = "ray"


class ClientChoice(enum.StrEnum):
    auto = "auto"
    direct = "direct"
    litellm = "litellm"


Out = Annotated[
    Path,
    typer.Option("--out", "-o", metavar="DIR", help="Directory of the corpus.", show_default=False),
]
Quiet = Annotated[bool, quiet_option("Print nothing but errors.")]


@command("compile")
def compile_command(
    spec: Spec,
    out: Out,
    corpus: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Corpus block to use (default: the first)."),
    ] = None,
    documents: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=MAX_DOCUMENTS,
            metavar="N",
            help=f"Number of documents, 1 to {MAX_DOCUMENTS:,} (default: the corpus block's).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option(min=0, metavar="N", help="The seed (default: the block's).")
    ] = None,
    genres: Annotated[
        str | None,
        typer.Option(metavar="NAMES", help="Genres, comma-separated (default: the block's)."),
    ] = None,
    renderers: Annotated[
        list[Path] | None,
        typer.Option(
            "--renderers", metavar="DIR", help="A directory of extra genre packs (repeatable)."
        ),
    ] = None,
    renderer: Annotated[
        RendererChoice | None,
        typer.Option(help="template (offline, default) or llm; overrides the corpus block."),
    ] = None,
    dedup_threshold: Annotated[
        float,
        typer.Option(
            min=0.1,
            max=1.0,
            metavar="X",
            help="Similarity at which a document is a near-duplicate.",
        ),
    ] = 0.85,
    jobs: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Worker processes for rendering (default 1; on Ray: its workers, "
            "default one a CPU of the cluster).",
            show_default=False,
            rich_help_panel=_RUN,
        ),
    ] = None,
    executor: Annotated[
        ExecutorChoice,
        typer.Option(
            help="Where the drafts are made: local processes, or a Ray cluster (the "
            "`ray` extra); the corpus is the same, byte for byte.",
            rich_help_panel=_RUN,
        ),
    ] = ExecutorChoice.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            metavar="ADDR",
            help="The Ray cluster (host:port, or auto; default: RAY_ADDRESS, else a "
            "local one started for the run).",
            rich_help_panel=_RUN,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Finish an interrupted run in --out.", rich_help_panel=_RUN),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Start again in --out, removing the files an earlier corpus wrote there "
            "(and no others).",
            rich_help_panel=_RUN,
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print the plan's counts (and a model's cost); write nothing.",
            rich_help_panel=_RUN,
        ),
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="I/N",
            help="Write only part I of N (shards numbered I modulo N), for a run split "
            "over machines; join the parts with `worldspec merge`.",
            rich_help_panel=_RUN,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="litellm model name, e.g. openai/gpt-4o-mini or hosted_vllm/NAME.",
            rich_help_panel=_LLM,
        ),
    ] = None,
    api_base: Annotated[
        str | None,
        typer.Option(
            metavar="URL", help="The server's URL (an OpenAI-compatible /v1).", rich_help_panel=_LLM
        ),
    ] = None,
    temperature: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=2.0,
            metavar="T",
            help="Sampling temperature (default 0.9).",
            rich_help_panel=_LLM,
        ),
    ] = None,
    max_tokens: Annotated[
        int | None,
        typer.Option(
            min=1, metavar="N", help="Longest completion (default 900).", rich_help_panel=_LLM
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Requests in flight at once (default 16).",
            rich_help_panel=_LLM,
        ),
    ] = None,
    rpm: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="Requests a minute at most.", rich_help_panel=_LLM),
    ] = None,
    tpm: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="Tokens a minute at most.", rich_help_panel=_LLM),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0.001,
            metavar="SECONDS",
            help="Seconds a request may take (default 60).",
            rich_help_panel=_LLM,
        ),
    ] = None,
    retries: Annotated[
        int,
        typer.Option(min=0, metavar="N", help="Retries of a failed request.", rich_help_panel=_LLM),
    ] = 5,
    backoff: Annotated[
        float,
        typer.Option(
            min=0.0,
            metavar="SECONDS",
            help="The first backoff, doubled each retry.",
            rich_help_panel=_LLM,
        ),
    ] = 1.0,
    max_cost: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            metavar="USD",
            help="What this run may spend; it stops cleanly there.",
            rich_help_panel=_LLM,
        ),
    ] = None,
    judge_model: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="A model asked whether each document contradicts the world.",
            rich_help_panel=_LLM,
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="The completion cache (default ~/.cache/worldspec/llm).",
            rich_help_panel=_LLM,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Neither read nor write the cache.", rich_help_panel=_LLM),
    ] = False,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="Send the requests through the provider's batch API (openai/ and "
            "anthropic/ models: half the price, answered within a day), in rounds; "
            "--resume after a crash waits for the batch already out.",
            rich_help_panel=_LLM,
        ),
    ] = False,
    poll: Annotated[
        float,
        typer.Option(
            min=0.01,
            metavar="SECONDS",
            help="Seconds between a batch's state checks.",
            rich_help_panel=_LLM,
        ),
    ] = 60.0,
    universe: Annotated[
        bool | None,
        typer.Option(
            "--universe/--no-universe",
            help="Describe the world once, verified, and give it to every prompt "
            "(universe.md; default: on).",
            show_default=False,
            rich_help_panel=_STAGES,
        ),
    ] = None,
    ideas: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="N",
            help="Brainstorm document types per divergence and N ideas per type, and "
            "write each document from one (ideas.jsonl; default 0: the genre packs).",
            rich_help_panel=_STAGES,
        ),
    ] = None,
    doc_types: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Document types per divergence (default 6).",
            rich_help_panel=_STAGES,
        ),
    ] = None,
    revise: Annotated[
        bool | None,
        typer.Option(
            "--revise/--no-revise",
            help="Ask for a critique and rewrite of each verified draft; kept only if "
            "it passes verification again (default: off).",
            show_default=False,
            rich_help_panel=_STAGES,
        ),
    ] = None,
    client: Annotated[
        ClientChoice,
        typer.Option(
            help="How requests are sent: auto (direct HTTP for OpenAI-protocol models, "
            "litellm for the rest), direct, or litellm.",
            rich_help_panel=_LLM,
        ),
    ] = ClientChoice.auto,
    root: Root = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Compile the world into a corpus of documents.

    Offline with the template renderer (the default), or with any language model
    (--renderer llm). Ctrl-C stops cleanly: complete shards stay, and --resume
    finishes the run.
    """
    if resume and force:
        fail("--resume finishes a corpus and --force starts it again: give one of them")
    try:
        from worldspec.corpus.job import CompileChoices, LLMChoices

        choices = CompileChoices(
            corpus=corpus,
            documents=documents,
            seed=seed,
            genres=[g.strip() for g in genres.split(",") if g.strip()] if genres else None,
            renderers=renderers or [],
            renderer=renderer.value if renderer is not None else None,
            llm=LLMChoices(
                model, api_base, temperature, max_tokens, concurrency, rpm, tpm, timeout,
                retries, backoff, max_cost, judge_model, client.value, cache_dir, no_cache,
                universe, ideas, doc_types, revise, batch, poll,
            ),
        )  # fmt: skip
        job, texts = _prepare(spec, root, choices, dry_run)
        part = _part(shard)
    except KeyboardInterrupt:
        interrupted(f"interrupted before anything was written to {out}")
    cluster = _cluster(ray_address, jobs, out, quiet) if executor is ExecutorChoice.ray else None
    try:
        _run(
            job, out, texts, part, jobs or 1, resume, force, dedup_threshold, quiet, verbose,
            cluster,
        )  # fmt: skip
    finally:
        if cluster is not None:
            cluster.close()


def _cluster(address: str | None, workers: int | None, out: Path, quiet: bool) -> RayCluster:
    """The Ray cluster of the run, or exit 2 saying why there is none."""
    from worldspec.corpus import CorpusError
    from worldspec.corpus.cluster import RayCluster
    from worldspec.render.client import MissingExtraError

    if not quiet and not (address or os.environ.get("RAY_ADDRESS")):
        typer.echo("starting a local Ray cluster (--ray-address joins one)", err=True)
    try:
        return RayCluster(address, workers)
    except (MissingExtraError, CorpusError) as err:
        fail(str(err))
    except KeyboardInterrupt:
        interrupted(f"interrupted before anything was written to {out}")


def _prepare(
    spec: Path, root: Path | None, choices: CompileChoices, dry_run: bool
) -> tuple[CompileJob, list[str]]:
    """The job and the spec's texts, or exit: 1 for a world with errors, 2 for a
    corpus it cannot make, 0 after a dry run's report."""
    from worldspec.corpus import CorpusError
    from worldspec.corpus.job import WorldErrors, prepare

    analysis, report = analysis_and_report(spec, root)
    try:
        job = prepare(analysis, choices)
        if dry_run:
            typer.echo("\n".join(job.dry_run()))
            raise typer.Exit(0)
        job.check_routes()
    except WorldErrors as err:  # a corpus of a world that breaks its own constraints
        typer.echo(reporters.render_text(err.errors, report.sources), err=True)
        fail(f"{spec}: fix the errors above first (worldspec check)", 1)
    except CorpusError as err:
        fail(str(err))
    return job, [report.sources[path].text for path in sorted(report.sources)]


def _part(shard: str | None) -> tuple[int, int] | None:
    from worldspec.corpus import CorpusError
    from worldspec.corpus.shards import parse_part

    try:
        return parse_part(shard) if shard is not None else None
    except CorpusError as err:
        fail(str(err))


def _run(
    job: CompileJob,
    out: Path,
    texts: list[str],
    part: tuple[int, int] | None,
    jobs: int,
    resume: bool,
    force: bool,
    dedup_threshold: float,
    quiet: bool,
    verbose: bool,
    cluster: RayCluster | None = None,
) -> None:
    """The run, locally or on `cluster`; the report, and the exit code."""
    from worldspec.corpus import (
        CorpusComplete,
        CorpusError,
        RunInterrupted,
    )
    from worldspec.corpus.shards import part_documents
    from worldspec.render import PackError

    show = not quiet and sys.stderr.isatty()
    try:
        from worldspec.api import compile_job, corpus_companions

        companions = corpus_companions(job)

        def compile_once(
            source: Callable[[Planner, Path], DraftSource] | None,
            again: bool,
            advance: Callable[[int], None] | None = None,
        ) -> RunResult:
            return compile_job(
                job, out, texts, source, jobs=jobs, resume=resume or again,
                force=force and not again, dedup_threshold=dedup_threshold, progress=advance,
                part=part, companions=companions,
            )  # fmt: skip

        source = job.source() if cluster is None else cluster.source(job)
        if job.llm is not None and job.llm.batch:
            result = _in_batches(job, out, part, compile_once, quiet)
        else:
            with progress_bar(show, part_documents(len(job.planner), part)) as advance:
                result = compile_once(source, False, advance)
    except RunInterrupted:
        raise
    except KeyboardInterrupt:  # before the corpus stage touched the directory
        interrupted(f"interrupted before anything was written to {out}")
    except CorpusComplete as err:  # --resume with nothing left to do
        if not quiet:
            typer.echo(str(err), err=True)
        raise typer.Exit(0) from None
    except (CorpusError, PackError) as err:  # a pack's template that fails mid-run
        fail(str(err))
    _report(result, job.settings.min_docs, out, part, quiet, verbose)


def _in_batches(
    job: CompileJob,
    out: Path,
    part: tuple[int, int] | None,
    compile_once: Callable[..., RunResult],
    quiet: bool,
) -> RunResult:
    """The run in rounds of batches (worldspec.corpus.batch), a line a round."""
    from worldspec.corpus.batch import BatchRun
    from worldspec.plan import Planner

    assert job.llm is not None
    client = job.llm.client

    def report(line: str) -> None:
        if not quiet:
            typer.echo(line, err=True)

    run = BatchRun(
        client.model,
        client.api_base,
        job.cache_dir,
        retries=client.retries,
        poll=job.llm.poll,
        max_cost=job.llm.max_cost,
        report=report,
    )
    return run.run(
        job.llm_source,
        lambda: Planner(job.analysis, job.settings),
        lambda source, again: compile_once(source, again),
        out,
        part,
    )


def _report(
    result: RunResult,
    min_docs: int,
    out: Path,
    part: tuple[int, int] | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """What the run wrote, what it could not, and the exit code that says so."""
    stats = result.stats
    if part is not None:
        if not quiet:
            typer.echo(
                f"wrote part {part[0]}/{part[1]}: {stats.written} documents to {out}; "
                "join the parts with `worldspec merge`"
            )
        raise typer.Exit(1 if result.stopped is not None or stats.failed else 0)
    if result.stopped is not None:
        typer.echo(
            f"stopped: {result.stopped}; {stats.written} documents written in complete "
            f"shards of {out}. Run again with --resume (and a larger --max-cost) to finish: "
            "documents already paid for come from the cache.",
            err=True,
        )
        raise typer.Exit(1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    shortfalls = manifest["coverage_shortfalls"]
    if shortfalls:
        shown = ", ".join(f"{name} ({count})" for name, count in list(shortfalls.items())[:5])
        typer.echo(
            f"error: after rejections, fewer than min_docs={min_docs} documents "
            f"carry: {shown}; see rejected_by_reason in {out / 'manifest.json'}",
            err=True,
        )
    missed = _missed_goals(manifest, out)
    if not quiet:
        _summary(result, out)
    if verbose:
        typer.echo(
            f"{result.seconds:.2f}s, {stats.written / max(result.seconds, 1e-9):.0f} documents/s",
            err=True,
        )
    if stats.failed:
        typer.echo(
            f"error: {sum(stats.failed.values())} documents failed (the model could not "
            f"be reached); see failed_by_error in {out / 'manifest.json'}",
            err=True,
        )
    if shortfalls or stats.failed or missed:
        raise typer.Exit(1)


def _missed_goals(manifest: dict[str, Any], out: Path) -> bool:
    """One line for each quality goal of the corpus block that the corpus missed."""
    from worldspec.corpus.stats import unmet_goals

    lines = unmet_goals(manifest.get("quality") or {})
    for line in lines:
        typer.echo(f"error: quality goal {line}; see quality in {out / 'manifest.json'}", err=True)
    return bool(lines)


def _summary(result: RunResult, out: Path) -> None:
    stats = result.stats
    rejected = sum(stats.rejected.values())
    failed = sum(stats.failed.values())
    typer.echo(
        f"wrote {stats.written} documents to {out} in {result.shards} shard(s)"
        + (f"; rejected {rejected} ({dict(stats.rejected)})" if rejected else "")
        + (f"; failed {failed} ({dict(stats.failed)})" if failed else "")
    )
    batches = result.run_usage.get("batches") if result.run_usage else None
    if batches:
        cost = batches.get("cost_usd")
        typer.echo(
            f"batches: {batches['batches']} in {batches['rounds']} round(s) this run, "
            f"{batches['requests']} requests"
            + (f", cost: ${cost:.4f} (batch prices)" if cost is not None else "")
        )
    elif result.run_usage:
        sent = result.run_usage
        cost = sent.get("cost_usd")
        typer.echo(
            f"requests sent: {sent['requests']} ({sent['cache_hits']} answered from the "
            f"cache), tokens: {sent['prompt_tokens']} in, {sent['completion_tokens']} out"
            + (f", cost: ${cost:.4f}" if cost is not None else ", cost: unknown model price")
        )


@command("merge")
def merge_command(
    parts: Annotated[
        list[Path],
        typer.Argument(
            help="The parts' directories (compile --shard I/N).",
            metavar="PART...",
            show_default=False,
        ),
    ],
    out: Out,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Join the parts of a split compile into one corpus.

    The result is byte-identical to what one process would have written.
    """
    from worldspec.corpus import CorpusError
    from worldspec.corpus.merge import merge_parts, planned_documents

    show = not quiet and sys.stderr.isatty()
    try:
        with progress_bar(show, planned_documents(parts), "merging") as advance:
            result = merge_parts(parts, out, progress=advance)
    except CorpusError as err:
        fail(str(err))
    if not quiet:
        typer.echo(
            f"merged {len(parts)} parts: {result.stats.written} documents in "
            f"{result.shards} shard(s) in {out}"
        )
    if verbose:
        typer.echo(f"{result.seconds:.2f}s", err=True)
    if _missed_goals(json.loads((out / "manifest.json").read_text(encoding="utf-8")), out):
        raise typer.Exit(1)

"""The public API's functions of their own (the rest are the stages' own, re-exported
by worldspec/__init__.py): above every stage, imported by none of them."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from worldspec.diagnostics import Diagnostic, Severity
from worldspec.syntax import ParseResult, parse
from worldspec.syntax.fmt import format_module
from worldspec.syntax.imports import Loader, Project

if TYPE_CHECKING:
    from worldspec.corpus import RunResult
    from worldspec.corpus.job import CompileChoices, CompileJob
    from worldspec.corpus.writer import DraftSource
    from worldspec.plan import Planner


def format_text(text: str, path: str = "<string>") -> tuple[str | None, ParseResult]:
    """The canonical text of a `.world` source, or None when it has syntax errors."""
    result = parse(text, path, comments=True)
    if result.diagnostics:
        return None, result
    formatted = format_module(result.module, result.source)
    first_line_end = text.find("\n")
    if first_line_end > 0 and text[first_line_end - 1] == "\r":
        # keep the file's line endings, as black does: judged by its first line
        formatted = formatted.replace("\n", "\r\n")
    return formatted, result


def load_project(entry: Path, root: Path | None = None) -> tuple[Project, list[Diagnostic]]:
    """Load `entry` and everything it uses, with the import errors found on the way."""
    loader = Loader(root)
    project = loader.load(entry)
    return project, loader.diagnostics


def corpus_companions(job: CompileJob) -> tuple[list[str], str]:
    """What later stages give a corpus: probes.jsonl's lines, and world.trig."""
    from worldspec.evaluate import make_probes
    from worldspec.export.rdf import serialize

    probes = [
        probe.model_dump_json(exclude_none=True)
        for probe in make_probes(job.analysis, job.settings.seed)
    ]
    return probes, serialize(job.analysis.world, "trig")


def compile_world(
    spec: Path,
    out: Path,
    choices: CompileChoices | None = None,
    *,
    executor: str = "local",
    ray_address: str | None = None,
    jobs: int | None = None,
    resume: bool = False,
    force: bool = False,
    dedup_threshold: float = 0.85,
    progress: Callable[[int], None] | None = None,
    root: Path | None = None,
) -> RunResult:
    """Compile the world in `spec` into a corpus in `out`, as `worldspec compile`
    does: the same files, byte for byte. `executor` "ray" makes the drafts on the
    Ray cluster at `ray_address` (None: RAY_ADDRESS, else a local one for the run)
    with `jobs` workers.

    Raises UsageError for a spec that cannot be read, WorldErrors for a world with
    errors, CorpusError for a corpus that cannot be made (and RunInterrupted on
    Ctrl-C, with how to resume)."""
    from worldspec.check.api import UsageError, analyze_path
    from worldspec.corpus.job import CompileChoices, WorldErrors, prepare

    if executor not in ("local", "ray"):
        raise UsageError(f"unknown executor '{executor}': local or ray")
    analysis, report = analyze_path(spec, root, checks=True)
    if analysis is None:  # it does not parse, or an import is missing
        raise WorldErrors([d for d in report.diagnostics if d.level is Severity.ERROR])
    job = prepare(analysis, choices or CompileChoices())
    job.check_routes()
    texts = [report.sources[path].text for path in sorted(report.sources)]
    with contextlib.ExitStack() as stack:
        source = job.source()
        if executor == "ray":
            from worldspec.corpus.cluster import RayCluster

            source = stack.enter_context(RayCluster(ray_address, jobs)).source(job)
        return compile_job(
            job, out, texts, source, jobs=jobs or 1, resume=resume, force=force,
            dedup_threshold=dedup_threshold, progress=progress,
        )  # fmt: skip


def compile_job(
    job: CompileJob,
    out: Path,
    texts: list[str],
    source: Callable[[Planner, Path], DraftSource] | None,
    *,
    jobs: int = 1,
    resume: bool = False,
    force: bool = False,
    dedup_threshold: float = 0.85,
    progress: Callable[[int], None] | None = None,
    part: tuple[int, int] | None = None,
    companions: tuple[list[str], str] | None = None,
) -> RunResult:
    """Write the corpus of a prepared job (the spec's `texts` name it), its drafts
    from `source` (None: the template renderer in `jobs` processes). `companions`:
    corpus_companions(job), when the caller runs several times (batch rounds)."""
    from worldspec.corpus import compile_corpus, spec_hash

    probes, trig = companions or corpus_companions(job)
    return compile_corpus(
        job.analysis, job.settings, out, job.packs, spec_hash(texts),
        jobs=jobs, resume=resume, force=force, dedup_threshold=dedup_threshold,
        progress=progress, source=source,
        renderer_settings=job.llm.recorded() if job.llm is not None else None,
        part=part, probes=probes, trig=trig, planner=job.planner,
    )  # fmt: skip

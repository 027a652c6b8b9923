"""A compile job: from the analysed world and what the command line chose, everything
a run needs, checked before anything is written (a broken pack, an unknown genre, a
missing model or key fail here, not after an hour of rendering).

The command line parses its options into CompileChoices and LLMChoices (None: not
given) and hands them here; the corpus block fills what they leave, then defaults.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from worldspec.check.api import semantic_checks
from worldspec.corpus.context import SECTION_ATTEMPTS, SECTION_REVISIONS, ContextSettings
from worldspec.corpus.deferred import DeferredRequests
from worldspec.corpus.llm import LLM_ATTEMPTS, MAX_REVISIONS, LLMRunSettings, LLMSource
from worldspec.corpus.shards import CorpusError
from worldspec.corpus.writer import DraftSource
from worldspec.diagnostics import Diagnostic, Severity
from worldspec.model import Analysis
from worldspec.plan import (
    CorpusSettings,
    GenreFit,
    PlanError,
    Planner,
    corpus_settings,
    renderer_options,
)
from worldspec.render import PackError, PackLibrary
from worldspec.render.batch import batch_api
from worldspec.render.budget import BudgetExhausted
from worldspec.render.cache import CompletionCache, completion_key, default_cache_dir
from worldspec.render.client import (
    ClientSettings,
    LLMError,
    MissingExtraError,
    cost_of,
    estimate_tokens,
    require_llm_extra,
    resolve_route,
)
from worldspec.render.ideas import types_messages
from worldspec.render.llm import PromptBuilder
from worldspec.render.universe import section_messages, section_words


class WorldErrors(CorpusError):
    """The world breaks its own constraints: a corpus of it would help nobody."""

    def __init__(self, errors: list[Diagnostic]) -> None:
        super().__init__("the world has errors")
        self.errors = errors


@dataclass(slots=True)
class LLMChoices:
    """The LLM renderer's options as given on the command line (None: not given)."""

    model: str | None = None
    api_base: str | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    concurrency: int | None = None
    rpm: int | None = None
    tpm: int | None = None
    timeout: float | None = None
    retries: int = 5
    backoff: float = 1.0
    max_cost: float | None = None
    judge_model: str | None = None
    client: str = "auto"
    cache_dir: Path | None = None
    no_cache: bool = False
    universe: bool | None = None
    ideas: int | None = None
    doc_types: int | None = None
    revise: bool | None = None
    batch: bool = False
    poll: float = 60.0


@dataclass(slots=True)
class CompileChoices:
    """What the command line chose of the corpus (None: the corpus block's, or the
    default)."""

    corpus: str | None = None
    documents: int | None = None
    seed: int | None = None
    genres: list[str] | None = None
    renderers: list[Path] = field(default_factory=list)
    renderer: str | None = None
    llm: LLMChoices = field(default_factory=LLMChoices)


@dataclass(slots=True)
class CompileJob:
    analysis: Analysis
    packs: PackLibrary
    settings: CorpusSettings
    planner: Planner
    llm: LLMRunSettings | None
    cache_dir: Path | None

    def source(self) -> Callable[[Planner, Path], DraftSource] | None:
        """What makes the drafts: None for the template renderer (the writer's own)."""
        return None if self.llm is None else self.llm_source()

    def llm_source(
        self, deferred: DeferredRequests | None = None
    ) -> Callable[[Planner, Path], LLMSource]:
        """What makes the LLM drafts; with `deferred`, a batch run's, which defers what
        the cache lacks."""
        assert self.llm is not None
        llm, cache_dir = self.llm, self.cache_dir

        def make(planner: Planner, out: Path) -> LLMSource:
            with llm_start_errors(llm.client.model, cache_dir):
                return LLMSource(
                    self.analysis,
                    self.packs,
                    planner,
                    llm,
                    CompletionCache(cache_dir),
                    out,
                    deferred,
                )

        return make

    def check_routes(self) -> None:
        """A hosted model without its key, or a server without its address, fails now,
        before anything is written (a dry run needs neither)."""
        if self.llm is None:
            return
        client = self.llm.client
        if self.llm.batch:
            try:
                batch_api(client.model, client.api_base)
            except LLMError as err:
                raise CorpusError(str(err)) from err
        for name in filter(None, [client.model, self.llm.judge_model]):
            try:
                resolve_route(name, client.api_base, client.client)
            except LLMError as err:
                raise CorpusError(str(err)) from err

    def dry_run(self) -> list[str]:
        """What the run would write, or for a model what it would send and cost."""
        if self.llm is not None:
            return _llm_estimate(self)
        settings = self.settings
        lines = [
            f"corpus '{settings.name}': {settings.documents} documents, seed "
            f"{settings.seed}, dates {settings.start} .. {settings.end}",
            f"genres: {', '.join(settings.genres)}",
        ]
        lines += [f"  {name}: {count} documents" for name, count in self.planner.counts().items()]
        return lines


@contextlib.contextmanager
def llm_start_errors(model: str, cache_dir: Path | None) -> Iterator[None]:
    """What stops an LLM run before its first document (the universe context and the
    ideas come first), as a CorpusError that says how to go on."""
    try:
        yield
    except LLMError as err:
        raise CorpusError(
            f"{model}: {err} (before any document: the universe context and the ideas "
            "are made first; run again with --resume)"
        ) from err
    except BudgetExhausted as err:
        raise CorpusError(
            f"{err}, before any document (the universe context and the ideas come "
            "first); raise --max-cost and run again with --resume"
        ) from err
    except OSError as err:
        raise CorpusError(f"{cache_dir}: cannot use the cache: {err.strerror or err}") from err


def prepare(analysis: Analysis, choices: CompileChoices) -> CompileJob:
    """The job, or CorpusError (WorldErrors for a world with errors) saying why not."""
    errors = [d for d in semantic_checks(analysis) if d.level is Severity.ERROR]
    if errors:
        raise WorldErrors(errors)
    try:
        packs = PackLibrary(choices.renderers or None)
        settings = corpus_settings(
            analysis.world,
            choices.corpus,
            documents=choices.documents,
            seed=choices.seed,
            genres=choices.genres,
            available_genres=packs.names,
        )
        # what the chosen genres ask of a document, from their packs
        fits = genre_fits(packs, settings.genres)
        settings = settings.model_copy(update={"genre_fit": fits})
        renderer = choices.renderer or settings.renderer
        if renderer == "llm":
            require_llm_extra()  # before anything is planned or written
        for genre in settings.genres:
            pack = packs.get(genre)  # a broken pack fails now
            if renderer == "llm":
                pack.require_prompt()
        planner = Planner(analysis, settings)
    except (PlanError, PackError, MissingExtraError) as err:
        raise CorpusError(str(err)) from err
    llm = None
    cache_dir = None
    if renderer == "llm":
        options = renderer_options(analysis.world, choices.corpus)
        llm = llm_settings(choices.llm, options, settings.model)
        given = choices.llm
        cache_dir = None if given.no_cache else (given.cache_dir or default_cache_dir())
    return CompileJob(analysis, packs, settings, planner, llm, cache_dir)


def genre_fits(packs: PackLibrary, genres: list[str]) -> dict[str, GenreFit]:
    """What each genre's pack asks of a document (subjects, earliest date, news)."""
    fits = {}
    for name in sorted(genres):  # the order the run's record keeps it in (sorted keys)
        spec = packs.get(name).spec
        classed = bool(spec.subjects or spec.names)
        fitted = classed or spec.earliest is not None or spec.news_within is not None
        if fitted or spec.every_ripple or spec.facts is not None or spec.own_consequences:
            fits[name] = GenreFit(
                classes=spec.subjects,
                names=spec.names,
                earliest=spec.earliest,
                news_within=spec.news_within,
                every_ripple=spec.every_ripple,
                facts=spec.facts,
                leads=spec.leads,
                consequences=spec.consequences,
                own_consequences=spec.own_consequences,
            )
    return fits


def llm_settings(
    given: LLMChoices, options: dict[str, object], block_model: str | None
) -> LLMRunSettings:
    """The LLM run's settings: the command line over the corpus block over defaults."""

    def pick(name: str, default: object) -> object:
        value = getattr(given, name)
        return value if value is not None else options.get(name, default)

    model = given.model or block_model
    if not model:
        raise CorpusError(
            "the llm renderer needs a model: --model (or `model` in the corpus block)"
        )
    rpm, tpm, max_cost = pick("rpm", None), pick("tpm", None), pick("max_cost", None)
    client = ClientSettings(
        model=model,
        api_base=_text_or_none(pick("api_base", None)),
        temperature=float(str(pick("temperature", 0.9))),
        max_tokens=int(str(pick("max_tokens", 900))),
        concurrency=int(str(pick("concurrency", 16))),
        rpm=int(str(rpm)) if rpm is not None else None,
        tpm=int(str(tpm)) if tpm is not None else None,
        timeout=float(str(pick("timeout", 60.0))),
        retries=given.retries,
        backoff=given.backoff,
        client=given.client,
    )
    ideas = int(str(pick("ideas", 0)))
    context = ContextSettings(
        universe=_flag(pick("universe", True)),
        ideas=ideas,
        doc_types=int(str(pick("doc_types", 6))),
        max_tokens=client.max_tokens,
    )
    if ideas < 0 or context.doc_types < 1:
        raise CorpusError("ideas must be 0 or more, and doc_types 1 or more")
    return LLMRunSettings(
        client,
        judge_model=_text_or_none(pick("judge_model", None)),
        max_cost=float(str(max_cost)) if max_cost is not None else None,
        context=context,
        revise=_flag(pick("revise", False)),
        batch=given.batch,
        poll=given.poll,
    )


def _flag(value: object) -> bool:
    """A yes/no setting: a bool, or a corpus block's `true`/`false`, `yes`/`no`."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "yes", "on", "1")


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _llm_estimate(job: CompileJob) -> list[str]:
    """What a run would send, before anything is spent: one request a document at
    least (revisions, regenerations and a judge add more), its prompt's tokens, and
    at most max_tokens of completion; and what the stages add (the universe context
    and the ideas once, a critique a document)."""
    assert job.llm is not None
    llm = job.llm
    client = llm.client
    builder = PromptBuilder(job.analysis.world)
    cache = CompletionCache(job.cache_dir)
    params = {"temperature": client.temperature, "max_tokens": client.max_tokens}
    profiles = job.planner.profiles
    # a document's prompt also carries its divergences' universe sections, unknown
    # before they are written: estimated at their asked-for length (1.4 tokens a word)
    section_tokens = {
        p.name: int(1.4 * section_words(p)) if llm.context.universe else 0 for p in profiles
    }
    requests = cached = prompt_tokens = 0
    try:
        for plan in job.planner:
            prompt = builder.prompt(plan, job.packs.get(plan.genre), 0)
            key = completion_key(client.model, prompt.messages, params, prompt.seed)
            if not llm.context.universe and not llm.context.ideas and cache.get(key) is not None:
                cached += 1
                continue
            requests += 1
            prompt_tokens += sum(estimate_tokens(m["content"]) for m in prompt.messages)
            prompt_tokens += sum(section_tokens.get(d, 0) for d in plan.divergences)
    finally:
        cache.close()
    completion_tokens = requests * client.max_tokens
    stages = _stage_estimate(job, builder, requests, prompt_tokens)
    cost = cost_of(
        client.model, prompt_tokens + stages.prompt_tokens, completion_tokens + stages.completion
    )
    lines = [
        f"corpus '{job.settings.name}': {job.settings.documents} documents with "
        f"{client.model}, {cached} already in the cache",
        f"requests: {requests} at least, {requests * LLM_ATTEMPTS * (MAX_REVISIONS + 1)} at "
        "most (revisions and regenerations)"
        + (" plus one judge question per draft" if llm.judge_model else ""),
        *stages.lines,
        f"tokens: ~{prompt_tokens + stages.prompt_tokens} prompt, at most "
        f"{completion_tokens + stages.completion} completion (estimated at four "
        "characters a token)",
        f"cost: at most ${cost:.4f} for first drafts and the stages (litellm's prices)"
        if cost is not None
        else f"cost: unknown (litellm has no price for {client.model})",
    ]
    if requests:
        total = requests + stages.requests
        lines.append(
            f"per 1,000 documents: {1000 * total / requests:,.0f} requests"
            + (f", ${1000 * cost / requests:.2f}" if cost is not None else "")
        )
    return lines


@dataclass(slots=True)
class _StageEstimate:
    requests: int = 0
    prompt_tokens: int = 0
    completion: int = 0
    lines: list[str] = field(default_factory=list)


def _stage_estimate(
    job: CompileJob, builder: PromptBuilder, documents: int, document_tokens: int
) -> _StageEstimate:
    """The requests and tokens of the stages: a universe section a divergence, a
    brainstorm of types a divergence and of ideas a type, a critique a document."""
    assert job.llm is not None
    llm, found = job.llm, _StageEstimate()
    tokens = llm.client.max_tokens
    profiles = job.planner.profiles
    if llm.context.universe:
        asked = [section_messages(builder, p, profiles) for p in profiles]
        found.requests += len(profiles)
        found.prompt_tokens += sum(estimate_tokens(m["content"]) for a in asked for m in a)
        found.completion += sum(max(tokens, 2 * section_words(p)) for p in profiles)
        found.lines.append(
            f"universe context: {_count(len(profiles), 'request')} (a section a divergence), "
            f"{len(profiles) * SECTION_ATTEMPTS * (SECTION_REVISIONS + 1)} at most"
        )
    if llm.context.ideas:
        per = 1 + llm.context.doc_types
        asked = [
            types_messages(
                [builder.statement(f) for f in p.facts + p.ripples], "", llm.context.doc_types
            )
            for p in profiles
        ]
        found.requests += per * len(profiles)
        found.prompt_tokens += per * sum(estimate_tokens(m["content"]) for a in asked for m in a)
        found.completion += per * len(profiles) * tokens
        found.lines.append(
            f"ideas: {_count(per * len(profiles), 'request')} "
            f"({_count(llm.context.doc_types, 'type')} and {_count(llm.context.ideas, 'idea')} "
            f"a type, for each of {_count(len(profiles), 'divergence')})"
        )
    if llm.revise:
        found.requests += documents
        # the critique sees the document's prompt, its draft and the request
        found.prompt_tokens += document_tokens + documents * (tokens + 120)
        found.completion += documents * (tokens + 150)
        found.lines.append(f"critique and rewrite: {_count(documents, 'request')}, one a document")
    return found


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")

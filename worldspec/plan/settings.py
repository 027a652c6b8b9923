"""Corpus settings: a `corpus` block of the world, with command-line overrides."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from worldspec.model.resolve import LLM_SETTINGS, MAX_DOCUMENTS, QUALITY_GOALS
from worldspec.model.world import World
from worldspec.syntax import ast


class PlanError(ValueError):
    """Settings that cannot give a corpus (too few documents for the coverage asked,
    no genre, no divergence): a user error, reported without a traceback."""


class GenreFit(BaseModel):
    """What a genre asks of a document: a subject of one of `classes` (or of a
    subclass; none listed: any subject), and a date from `earliest` on (a forum
    thread is not dated 1952); news dated soon after what it reports."""

    classes: list[str] = []
    # and whose facts (or consequences) name an entity of one of `names`, as subject
    # or value (release notes: a release; none listed: any)
    names: list[str] = []
    earliest: dt.date | None = None
    # news: most documents dated within this many days after an event of their
    # subject (an opening, a release, a disclosure), or a round anniversary of one;
    # a divergence with none among its dates gets no document of the genre
    news_within: int | None = None
    # every document carries the divergence's ripples (an advisory: what the flaw
    # reaches), not one in two
    every_ripple: bool = False
    # the most of its divergence's facts a document carries (a reply answers one
    # question, with what bears on it), where coverage allows; None: as many as the
    # rotation gives every document
    facts: int | None = Field(default=None, ge=1)
    # the classes whose facts (naming one of them) a capped document leads with (an
    # advisory: the flaw's); none: any fact
    leads: list[str] = []
    # whether such a capped document tells the divergence's consequences (a reply
    # does not, where the other documents reach every one)
    consequences: bool = True
    # whether a document tells only the consequences naming no entity of `classes`
    # but those its facts name and those these name by a fact of one value (release notes
    # speak for their release and its software, not for what bundles it)
    own_consequences: bool = False


class CorpusSettings(BaseModel):
    """Everything that decides the plans, besides the world itself."""

    name: str
    documents: int = Field(gt=0, le=MAX_DOCUMENTS)
    seed: int = Field(ge=0)
    genres: list[str]
    weights: dict[str, float]
    min_docs: int = Field(ge=0)
    start: dt.date
    end: dt.date
    renderer: str = "template"
    model: str | None = None
    # genre -> what it asks of a document, from the genre packs (render's), so that
    # plans stay a function of the settings
    genre_fit: dict[str, GenreFit] = {}
    # the corpus block's quality goals (max_unanchored 0.05, ...): a corpus that misses
    # one is written, and compile exits 1
    quality_goals: dict[str, float] = Field(default_factory=dict)


def corpus_block(world: World, corpus: str | None) -> ast.CorpusDecl | None:
    """Corpus block `corpus`, the first one when None, None when the world has none."""
    if corpus is None:
        return next(iter(world.corpora.values()), None)
    block = world.corpora.get(corpus)
    if block is None:
        known = ", ".join(world.corpora) or "none"
        raise PlanError(f"no corpus '{corpus}' in the world (corpora: {known})")
    return block


def renderer_options(world: World, corpus: str | None = None) -> dict[str, object]:
    """The llm renderer's settings in corpus `corpus` (the first when None)."""
    block = corpus_block(world, corpus)
    found: dict[str, object] = {}
    for setting in block.body if block is not None else []:
        if setting.key in LLM_SETTINGS and setting.args:
            arg = setting.args[0]
            if isinstance(arg, (ast.Str, ast.Int, ast.Float, ast.Bool)):
                found[setting.key] = arg.value
    return found


DEFAULT_DOCUMENTS = 100
DEFAULT_MIN_DOCS = 1


def corpus_settings(
    world: World,
    corpus: str | None = None,
    *,
    documents: int | None = None,
    seed: int | None = None,
    genres: list[str] | None = None,
    available_genres: list[str],
    genre_fit: dict[str, GenreFit] | None = None,
) -> CorpusSettings:
    """The settings of corpus `corpus` (the first one when None; defaults when the
    world has none), with the overrides applied."""
    block = corpus_block(world, corpus)
    ints: dict[str, int] = {}
    block_genres: list[str] | None = None
    weights: dict[str, float] = {}
    start: dt.date | None = None
    end: dt.date | None = None
    renderer = "template"
    model: str | None = None
    goals: dict[str, float] = {}
    for setting in block.body if block is not None else []:
        args = setting.args
        if setting.key in ("documents", "seed", "min_docs") and isinstance(args[0], ast.Int):
            ints[setting.key] = args[0].value
        elif setting.key == "genres":
            block_genres = [a.name for a in args if isinstance(a, ast.Ref)]
        elif (
            setting.key == "weight"
            and isinstance(args[0], ast.Ref)
            and isinstance(args[1], (ast.Int, ast.Float))
        ):
            weights[args[0].name] = float(args[1].value)
        elif setting.key == "dates" and isinstance(args[0], ast.DateRange):
            start, end = args[0].start.value, args[0].end.value
        elif setting.key == "renderer" and isinstance(args[0], ast.Ref):
            renderer = args[0].name
        elif setting.key == "model" and isinstance(args[0], ast.Str):
            model = args[0].value
        elif setting.key in QUALITY_GOALS and isinstance(args[0], (ast.Int, ast.Float)):
            goals[setting.key] = float(args[0].value)
    chosen_genres = genres or block_genres or available_genres
    unknown = [g for g in chosen_genres if g not in available_genres]
    if unknown:
        raise PlanError(
            f"unknown genre '{unknown[0]}'; the genre packs are {', '.join(available_genres)}"
        )
    if not chosen_genres:
        raise PlanError("no genre pack to render with")
    count = documents if documents is not None else ints.get("documents", DEFAULT_DOCUMENTS)
    if not 0 < count <= MAX_DOCUMENTS:
        raise PlanError(f"documents {count}: a corpus has 1 to {MAX_DOCUMENTS:,} documents")
    last = end or world.as_of or dt.date.today()
    earliest = min((d.since for d in world.divergences.values() if d.since), default=None)
    first = start or earliest or last.replace(year=max(1, last.year - 10))
    return CorpusSettings(
        name=block.name.value if block is not None else "main",
        documents=count,
        seed=seed if seed is not None else ints.get("seed", 0),
        genres=list(chosen_genres),
        weights={name: weights.get(name, 1.0) for name in world.divergences},
        min_docs=ints.get("min_docs", DEFAULT_MIN_DOCS),
        start=first,
        end=last,
        renderer=renderer,
        model=model,
        genre_fit={g: f for g, f in (genre_fit or {}).items() if g in chosen_genres},
        quality_goals=dict(sorted(goals.items())),
    )

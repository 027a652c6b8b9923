"""WS6xx: corpus settings that cannot produce a corpus."""

from __future__ import annotations

from collections.abc import Iterator

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic
from worldspec.model import Analysis
from worldspec.model.meta import META_PATTERN
from worldspec.model.resolve import MAX_DOCUMENTS, QUALITY_GOALS, RENDERERS
from worldspec.resources import data_dir
from worldspec.suggestions import suggest
from worldspec.syntax import ast


def shipped_genres() -> list[str]:
    """The genre packs that ship with worldspec (read from disk: the renderers are a
    later stage, which a check must not import)."""
    base = data_dir("renderers")
    return sorted(p.name for p in base.iterdir() if (p / "genre.toml").is_file())


def _meta_words(analysis: Analysis) -> Iterator[Diagnostic]:
    """WS604: spec text that documents would carry, with a meta word in it."""
    world = analysis.world
    for prop in world.properties.values():
        for phrase in prop.says:
            found = META_PATTERN.search(phrase.value)
            if found is not None:
                yield Diagnostic(
                    codes.META_WORD_IN_SPEC,
                    f"'{found.group(0)}' in this phrase: every document stating "
                    f"'{prop.name}' this way would be rejected",
                    phrase.span,
                    fix="state the fact plainly; the corpus frames itself",
                )
    for entity in world.entities.values():
        for text in [entity.label, *entity.aka]:
            found = META_PATTERN.search(text)
            if found is not None:
                yield Diagnostic(
                    codes.META_WORD_IN_SPEC,
                    f"'{found.group(0)}' in a name of '{entity.name}': documents "
                    "naming it would be rejected",
                    entity.span,
                )


_NOT_NEGATIVE = ("min_docs", "seed", "ideas")
_POSITIVE = ("doc_types", "max_tokens", "concurrency", "rpm", "tpm", "timeout", "max_cost")


def _quality_goal(key: str, arg: ast.Int | ast.Float) -> Iterator[Diagnostic]:
    """WS601 for a goal no corpus can meet: the shares lie between 0 and 1, and
    redundancy is at least 1 (documents that share nothing compress no better joined
    than apart)."""
    if key == "max_redundancy" and arg.value < 1:
        yield Diagnostic(
            codes.INVALID_CORPUS,
            "'max_redundancy' must be at least 1: a corpus whose documents share nothing scores 1",
            arg.span,
        )
    elif key != "max_redundancy" and not 0 <= arg.value <= 1:
        yield Diagnostic(codes.INVALID_CORPUS, f"'{key}' is a ratio between 0 and 1", arg.span)


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    yield from _meta_words(analysis)
    world = analysis.world
    genres: list[str] | None = None
    for corpus in world.corpora.values():
        for setting in corpus.body:
            arg = setting.args[0] if setting.args else None
            if setting.key == "documents" and isinstance(arg, ast.Int) and arg.value <= 0:
                yield Diagnostic(
                    codes.INVALID_CORPUS, "a corpus needs at least one document", arg.span
                )
            elif (
                setting.key == "documents"
                and isinstance(arg, ast.Int)
                and arg.value > MAX_DOCUMENTS
            ):
                yield Diagnostic(
                    codes.INVALID_CORPUS,
                    f"a corpus has at most {MAX_DOCUMENTS:,} documents",
                    arg.span,
                )
            elif (
                setting.key in _POSITIVE
                and isinstance(arg, (ast.Int, ast.Float))
                and arg.value <= 0
            ):
                yield Diagnostic(
                    codes.INVALID_CORPUS, f"'{setting.key}' must be positive", arg.span
                )
            elif (
                setting.key == "temperature"
                and isinstance(arg, (ast.Int, ast.Float))
                and not 0 <= arg.value <= 2
            ):
                yield Diagnostic(
                    codes.INVALID_CORPUS, "'temperature' must be between 0 and 2", arg.span
                )
            elif setting.key in QUALITY_GOALS and isinstance(arg, (ast.Int, ast.Float)):
                yield from _quality_goal(setting.key, arg)
            elif setting.key in _NOT_NEGATIVE and isinstance(arg, ast.Int) and arg.value < 0:
                yield Diagnostic(
                    codes.INVALID_CORPUS, f"'{setting.key}' cannot be negative", arg.span
                )
            elif (
                setting.key == "renderer"
                and isinstance(arg, ast.Ref)
                and (arg.name not in RENDERERS)
            ):
                yield Diagnostic(
                    codes.INVALID_SETTING_VALUE,
                    f"unknown renderer '{arg.name}'; it is one of {', '.join(RENDERERS)}",
                    arg.span,
                    fix=suggest(arg.name, RENDERERS),
                )
            elif setting.key == "weight" and len(setting.args) == 2:
                target, number = setting.args
                if isinstance(target, ast.Ref) and target.name not in world.divergences:
                    yield Diagnostic(
                        codes.CORPUS_UNKNOWN_DIVERGENCE,
                        f"'{target.name}' is not a divergence",
                        target.span,
                        fix=suggest(target.name, world.divergences),
                    )
                if isinstance(number, (ast.Int, ast.Float)) and number.value <= 0:
                    yield Diagnostic(codes.INVALID_CORPUS, "a weight must be positive", number.span)
            elif setting.key == "genres":
                genres = genres if genres is not None else shipped_genres()
                for item in setting.args:
                    if isinstance(item, ast.Ref) and item.name not in genres:
                        yield Diagnostic(
                            codes.UNKNOWN_GENRE,
                            f"no shipped genre pack '{item.name}'",
                            item.span,
                            fix=suggest(item.name, genres),
                        )
            elif (
                setting.key == "dates"
                and isinstance(arg, ast.DateRange)
                and (world.as_of is not None and arg.end.value > world.as_of)
            ):
                yield Diagnostic(
                    codes.INVALID_CORPUS,
                    f"documents dated after the world's present ({world.as_of}) "
                    "would describe its future",
                    arg.end.span,
                )

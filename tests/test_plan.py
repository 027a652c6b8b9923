"""DocPlans: coverage is planned, dates respect `since`, plans are a pure function."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worldspec import parse
from worldspec.check import analyze_path
from worldspec.model import Analysis, analyze
from worldspec.plan import PlanError, Planner, corpus_settings

REPO = Path(__file__).resolve().parent.parent
GENRES = ["news_article", "encyclopedia_entry", "forum_thread", "email"]


def world_with(
    divergences: int, since_years: list[int], weights: list[int], min_docs: int, documents: int
) -> Analysis:
    lines = [
        "world w { as_of 2024-01-01 }",
        "class City",
        "class Country",
        'property country : City -> Country [one] { says "{s} is in {o}" }',
        'property twin : City -> City { says "{s} is twinned with {o}" }',
        "property partner : City -> City { inverse partner }",
        "entity c0 : Country",
        "entity c1 : Country",
    ]
    lines += [f"entity t{i} : City" for i in range(divergences + 1)]
    lines.append("reality {")
    lines += [f"  t{i}.country = c0" for i in range(divergences + 1)]
    lines.append("}")
    lines.append("rule twin_partner: ?a.twin = ?b => ?a.partner = ?b")
    for i in range(divergences):
        lines.append(
            f"diverge d{i} {{\n  since {1990 + since_years[i]}-01-01\n"
            f"  t{i}.country = c1\n  t{i}.twin = t{i + 1}\n}}"
        )
    weight_lines = "".join(f"  weight d{i} {w}\n" for i, w in enumerate(weights))
    lines.append(
        f"corpus main {{\n  documents {documents}\n  seed 7\n  min_docs {min_docs}\n"
        f"{weight_lines}  dates 1990-01-01 .. 2024-01-01\n}}"
    )
    result = parse("\n".join(lines) + "\n")
    assert not result.diagnostics, [str(d) for d in result.diagnostics]
    return analyze([result.module])


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.integers(0, 30), min_size=n, max_size=n),
            st.lists(st.integers(1, 9), min_size=n, max_size=n),
            st.integers(0, 6),
            st.integers(0, 60),
        )
    )
)
def test_coverage_dates_and_determinism(case: tuple[int, list[int], list[int], int, int]) -> None:
    n, since_years, weights, min_docs, extra = case
    documents = n * min_docs + extra + 1
    analysis = world_with(n, since_years, weights, min_docs, documents)
    settings_ = corpus_settings(analysis.world, available_genres=GENRES)
    plans = list(Planner(analysis, settings_))
    assert len(plans) == documents
    assert [p.index for p in plans] == list(range(documents))
    assert len({p.id for p in plans}) == documents
    per_divergence = Counter(d for p in plans for d in p.divergences)
    per_fact = Counter(f.key() for p in plans for f in p.facts + p.ripples)
    for i in range(n):
        assert per_divergence[f"d{i}"] >= min_docs
        for key in (f"t{i}.country=c1", f"t{i}.twin=t{i + 1}", f"t{i}.partner=t{i + 1}"):
            assert per_fact[key] >= min_docs, key
    since = {f"d{i}": dt.date(1990 + y, 1, 1) for i, y in enumerate(since_years)}
    for plan in plans:
        assert all(plan.date >= since[d] for d in plan.divergences)
        assert dt.date(1990, 1, 1) <= plan.date <= dt.date(2024, 1, 1)
        assert plan.genre in GENRES
        stated = {f.key() for f in plan.facts + plan.ripples}
        assert not stated & {f.key() for f in plan.forbidden}
    again = list(Planner(analysis, corpus_settings(analysis.world, available_genres=GENRES)))
    assert [p.model_dump() for p in again] == [p.model_dump() for p in plans]


def test_weights_decide_the_rest() -> None:
    analysis = world_with(2, [0, 0], [3, 1], 1, 42)
    counts = Planner(analysis, corpus_settings(analysis.world, available_genres=GENRES)).counts()
    assert counts == {"d0": 31, "d1": 11}  # 1 each, then 40 split 3:1


def test_forbidden_values_are_reality_s() -> None:
    analysis, _ = analyze_path(REPO / "examples" / "eiffel_rome.world")
    assert analysis is not None
    plan = next(iter(Planner(analysis, corpus_settings(analysis.world, available_genres=GENRES))))
    assert {f.key() for f in plan.forbidden} == {
        "eiffel_tower.located_in=paris",
        "eiffel_tower.in_country=france",
    }
    assert {f.key() for f in plan.facts} == {"eiffel_tower.located_in=rome"}
    assert {f.key() for f in plan.ripples} == {"eiffel_tower.in_country=italy"}
    assert plan.context  # the neighbourhood of the tower: its height, opening, architect


def test_genres_are_balanced() -> None:
    analysis = world_with(1, [0], [1], 1, 400)
    plans = list(Planner(analysis, corpus_settings(analysis.world, available_genres=GENRES)))
    assert set(Counter(p.genre for p in plans).values()) == {100}


def test_plan_errors() -> None:
    analysis = world_with(3, [0, 0, 0], [1, 1, 1], 5, 10)
    with pytest.raises(PlanError, match="cannot give 3 divergences 5 each"):
        Planner(analysis, corpus_settings(analysis.world, available_genres=GENRES))
    with pytest.raises(PlanError, match="unknown genre 'poem'"):
        corpus_settings(analysis.world, genres=["poem"], available_genres=GENRES)
    with pytest.raises(PlanError, match="no corpus 'other'"):
        corpus_settings(analysis.world, "other", available_genres=GENRES)


def test_overrides_win_over_the_corpus_block() -> None:
    analysis = world_with(1, [0], [1], 1, 10)
    chosen = corpus_settings(
        analysis.world, documents=3, seed=99, genres=["email"], available_genres=GENRES
    )
    assert (chosen.documents, chosen.seed, chosen.genres) == (3, 99, ["email"])

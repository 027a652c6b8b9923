"""Hypothesis strategies that generate well-formed `.world` syntax trees."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from worldspec.syntax import ast
from worldspec.syntax.messages import RESERVED_WORDS

# Setting keywords are keywords only where a setting may start; generated names
# avoid them so that any name can stand in any position.
SETTING_WORDS = {
    "title",
    "as_of",
    "description",
    "says",
    "asks",
    "unit",
    "inverse",
    "aka",
    "since",
    "kind",
    "severity",
    "tripwire",
    "term",
    "pattern",
    "documents",
    "seed",
    "renderer",
    "model",
    "genres",
    "weight",
    "dates",
    "min_docs",
    "on",
    "one",
    "many",
    "article",
    "noun",
    "pronoun",
    "adjective",
    "from",
    "until",
}

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True).filter(
    lambda n: n not in RESERVED_WORDS and n not in SETTING_WORDS
)
name_nodes = names.map(ast.Name)
refs = names.map(ast.Ref)
variables = names.map(ast.Var)
texts = st.text(max_size=40)
strings = st.builds(ast.Str, texts, st.booleans())
ints = st.integers(min_value=-(10**20), max_value=10**20).map(ast.Int)
floats = st.floats(allow_nan=False, allow_infinity=False).map(ast.Float)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(ast.Date)


@st.composite
def date_ranges(draw: st.DrawFn) -> ast.DateRange:
    first, second = draw(dates), draw(dates)
    if first.value > second.value:
        first, second = second, first
    return ast.DateRange(first, second)


regex_patterns = st.from_regex(r"(?:[^/\\\n\r]|\\[^\n\r])+", fullmatch=True)
regex_flags = st.lists(st.sampled_from("imsx"), unique=True).map("".join)
regexes = st.builds(ast.Regex, regex_patterns, regex_flags)
bools = st.booleans().map(ast.Bool)
nones = st.just(ast.NoneValue())

values = st.one_of(refs, strings, ints, floats, dates, date_ranges(), bools, nones, regexes)
terms = st.one_of(variables, values)


def setting(key: str, *args: st.SearchStrategy) -> st.SearchStrategy[ast.Setting]:
    return st.tuples(*args).map(lambda a: ast.Setting(key, list(a)))


def listed(key: str, item: st.SearchStrategy) -> st.SearchStrategy[ast.Setting]:
    return st.lists(item, min_size=1, max_size=3).map(lambda a: ast.Setting(key, list(a)))


validities = st.one_of(
    st.builds(ast.Validity, dates, st.none() | dates),
    st.builds(ast.Validity, st.none(), dates),
)
facts = st.builds(
    ast.Fact,
    name_nodes,
    name_nodes,
    st.sampled_from(["=", "+=", "-="]),
    values,
    validity=st.none() | validities,
)
patterns = st.builds(ast.Pattern, terms, name_nodes, terms)
comparisons = st.builds(
    ast.Comparison, terms, st.sampled_from(["=", "!=", "<", "<=", ">", ">="]), terms
)
conditions = st.lists(st.one_of(patterns, comparisons), min_size=1, max_size=3)

world_settings = st.one_of(
    setting("title", strings), setting("as_of", dates), setting("description", strings)
)
class_settings = st.one_of(setting("description", strings), setting("noun", strings))
property_settings = st.one_of(
    setting("says", strings),
    setting("asks", strings),
    setting("unit", strings),
    setting("inverse", refs),
    setting("description", strings),
)
entity_settings = st.one_of(
    listed("aka", strings),
    setting("description", strings),
    setting("article", strings),
    setting("noun", strings),
    setting("pronoun", strings),
    setting("adjective", strings),
)
entities = st.builds(
    ast.EntityDecl,
    name_nodes,
    name_nodes,
    st.none() | strings,
    st.lists(entity_settings, max_size=3),
)
diverge_items = st.one_of(
    setting("since", dates),
    setting("kind", refs),
    setting("description", strings),
    entities,
    facts,
)
trap_settings = st.one_of(
    setting("severity", refs),
    setting("description", strings),
    setting("tripwire", strings),
    setting("tripwire", regexes),
)
forbid_settings = st.one_of(
    setting("description", strings), setting("term", strings), setting("pattern", regexes)
)
corpus_settings = st.one_of(
    setting("documents", ints),
    setting("seed", ints),
    setting("renderer", refs),
    setting("model", strings),
    listed("genres", refs),
    setting("weight", refs, ints | floats),
    setting("dates", date_ranges()),
    setting("min_docs", ints),
    setting("description", strings),
)

declarations = st.one_of(
    st.builds(ast.WorldDecl, name_nodes, st.lists(world_settings, max_size=3)),
    st.builds(ast.UseDecl, st.lists(name_nodes, min_size=1, max_size=3), st.none()),
    st.builds(ast.UseDecl, st.none(), strings),
    st.builds(
        ast.ClassDecl,
        name_nodes,
        st.lists(name_nodes, max_size=3),
        st.lists(class_settings, max_size=2),
    ),
    st.builds(
        ast.PropertyDecl,
        name_nodes,
        name_nodes,
        name_nodes,
        st.none() | st.sampled_from(["one", "many"]),
        st.lists(property_settings, max_size=4),
    ),
    entities,
    st.builds(ast.RealityDecl, st.lists(facts, max_size=5)),
    st.builds(ast.RuleDecl, name_nodes, conditions, patterns),
    st.builds(ast.ConstraintDecl, name_nodes, st.just(True), conditions, st.just([])),
    st.builds(ast.ConstraintDecl, name_nodes, st.just(False), conditions, conditions),
    st.builds(
        ast.DivergeDecl, name_nodes, st.none() | strings, st.lists(diverge_items, max_size=5)
    ),
    st.builds(ast.TrapDecl, name_nodes, name_nodes, st.lists(trap_settings, max_size=4)),
    st.builds(ast.ForbidDecl, name_nodes, st.lists(forbid_settings, max_size=3)),
    st.builds(ast.CorpusDecl, name_nodes, st.lists(corpus_settings, max_size=5)),
)

modules = st.lists(declarations, max_size=6).map(lambda decls: ast.Module("<generated>", decls))

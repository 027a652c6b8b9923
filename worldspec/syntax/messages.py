"""Words for syntax errors: how tokens are named to a spec author, and the
common mistakes recognised by example (Lark's `match_examples` idea, with the
example table computed once instead of re-parsing the examples per error)."""

from __future__ import annotations

# Declaration keywords: a token of one of these types starts a new declaration.
DECL_KEYWORDS = frozenset(
    {
        "WORLD",
        "USE",
        "CLASS",
        "PROPERTY",
        "ENTITY",
        "REALITY",
        "RULE",
        "CONSTRAINT",
        "DIVERGE",
        "TRAP",
        "FORBID",
        "TOOL",
        "CORPUS",
    }
)
# Words that never lex as names (the NAME terminal excludes them).
RESERVED_WORDS = frozenset(k.lower() for k in DECL_KEYWORDS) | {"never", "true", "false", "none"}

_VALUE_TERMINALS = ("NAME", "STRING", "INT", "FLOAT", "DATE", "TRUE", "FALSE", "NONE", "REGEX")

_TERMINAL_WORDS = {
    "NAME": "a name",
    "VAR": "a variable such as ?x",
    "STRING": "a string",
    "LONG_STRING": "a string",
    "INT": "an integer",
    "FLOAT": "a number",
    "DATE": "a date (YYYY-MM-DD)",
    "REGEX": "a regex (/.../)",
    "CARDINALITY": "'one' or 'many'",
    "FACT": "a fact",
    "$END": "the end of the file",
}

# Most relevant first when several things were possible.
_ORDER = [
    "RBRACE",
    "EQ",
    "PLUS_EQ",
    "MINUS_EQ",
    "DOT",
    "COLON",
    "COMMA",
    "IMPLIES",
    "ARROW",
    "LBRACE",
    "LSQB",
    "RSQB",
    "NAME",
    "VAR",
    "STRING",
    "DATE",
    "INT",
    "FLOAT",
    "REGEX",
]


def describe_terminal(name: str, pattern: str | None) -> str:
    """A terminal as a spec author would name it: 'a string', "'{'", "'since'"."""
    if name in _TERMINAL_WORDS:
        return _TERMINAL_WORDS[name]
    if pattern is not None:
        return f"'{pattern}'"
    return name.lower()


def describe_found(token_type: str, value: str, pattern: str | None) -> str:
    """The token the parser met, with its text where that helps."""
    if token_type == "$END":
        return "the end of the file"
    if token_type == "NAME":
        return f"the name '{value}'"
    if token_type in ("STRING", "LONG_STRING"):
        shown = value if len(value) <= 30 else value[:27] + '..."'
        return f"the string {shown}"
    if token_type == "FACT":
        return f"the fact '{value}'"
    if token_type in ("INT", "FLOAT", "DATE", "REGEX", "VAR"):
        return f"'{value}'"
    return describe_terminal(token_type, pattern)


def describe_expected(expected: set[str], patterns: dict[str, str]) -> str:
    names = set(expected) - {"FACT", "LONG_STRING"}
    if len(names) > 1:  # another wording may follow any value: worth no mention
        names.discard("VBAR")
    if "FACT" in expected:
        names.add("NAME")
    parts: list[str] = []
    if len(names & DECL_KEYWORDS) >= 4:
        parts.append("a declaration (world, class, property, entity, reality, rule, diverge, ...)")
        names -= DECL_KEYWORDS
    if sum(1 for t in _VALUE_TERMINALS if t in names) >= 4:
        parts.append("a value")
        names -= set(_VALUE_TERMINALS)
    ordered = sorted(names, key=lambda n: (_ORDER.index(n) if n in _ORDER else len(_ORDER), n))
    parts.extend(describe_terminal(n, patterns.get(n)) for n in ordered)
    seen: list[str] = []
    for part in parts:
        if part not in seen:
            seen.append(part)
    if not seen:
        return "nothing more here"
    if len(seen) == 1:
        return seen[0]
    return ", ".join(seen[:-1]) + " or " + seen[-1]


MISSING_VALUE = "expected a value after '='"

# Common mistakes, recognised by the parser state, the token and the terminals the
# parse could take there, at which they fail. Each example must fail exactly where
# its message applies; tests/test_syntax_errors.py checks that every example maps
# back to its own message.
EXAMPLES: dict[str, list[str]] = {
    MISSING_VALUE: [
        "reality { a.b = }",
        "reality { a.b = \n}",
        "diverge d { a.b = }",
        "reality { a.b += }",
        "reality { a.b -= }",
    ],
    "expected '=', '+=' or '-=' between the property and its value": [
        "reality { a.b c }",
        'reality { a.b "x" }',
        "reality { a.b 3 }",
        "reality { a.b }",
        "diverge d { a.b c }",
    ],
    "expected '.' between the subject and the property: subject.property = value": [
        "reality { a b = c }",
        "reality { a = c }",
        "reality { a }",
        "diverge d { a b = c }",
    ],
    # `to` or `from` read as the next fact's subject, and the date as its property
    "when a fact holds is written after its value: from DATE until DATE": [
        "reality { a.b = c from 2010-01-01 to 2015-01-01 }",
        "reality { a.b = c until 2015-01-01 from 2010-01-01 }",
        "reality { a.b = c between 2010-01-01 and 2015-01-01 }",
        "diverge d { a.b = c from 2010-01-01 to 2015-01-01 }",
    ],
    "a fact holds from DATE until DATE, not over a range: from 2010-01-01 until 2015-01-01": [
        "reality { a.b = c from 2010-01-01 .. 2015-01-01 }",
        "diverge d { a.b = c from 2010-01-01 .. 2015-01-01 }",
    ],
    "'since' starts a divergence's history; a fact holds from a date: x.p = v from DATE": [
        "reality { a.b = c since 2010-01-01 }",
    ],
    "when a fact holds is given by full dates, unquoted: from 2010-01-01 until 2015-06-30": [
        "reality { a.b = c from 2010 }",
        'reality { a.b = c from "2010-01-01" }',
        "reality { a.b = c from }",
        "reality { a.b = c until 2015 }",
        'reality { a.b = c until "2015-01-01" }',
        "reality { a.b = c from 2010-01-01 until 2015 }",
        'reality { a.b = c from 2010-01-01 until "2015-01-01" }',
        "diverge d { a.b = c from 2010 }",
    ],
    'article, noun and pronoun take a string: article "the", noun "tower", pronoun "she"': [
        "entity e : C { article the }",
        "entity e : C { noun tower }",
        "entity e : C { pronoun she }",
        "class C { noun city }",
    ],
    "facts go inside a 'reality { ... }' or 'diverge NAME { ... }' block": [
        "a.b = c",
        'a.b = "x"',
    ],
    "expected ':' and a class after the entity name: entity NAME : CLASS \"Label\"": [
        'entity a "A"',
        "entity a b",
        "entity a }",
    ],
    "expected a class after ':' in the entity declaration": [
        'entity a : "A"',
    ],
    "a property needs a domain and a range: property NAME : DOMAIN -> RANGE": [
        "property p -> B",
        "property p : A B",
        "property p : A [one]",
        "property p : A",
        "property p { }",
    ],
    "expected ':' after the rule name: rule NAME: conditions => conclusion": [
        "rule r ?x.p = ?y => ?x.q = ?y",
    ],
    "expected '=>' and a conclusion after the conditions": [
        "rule r: ?x.p = ?y",
        "rule r: ?x.p = ?y ?x.q = ?y",
    ],
    "expected 'never' or conditions after 'constraint NAME:'": [
        "constraint c: => ?x.p = ?y",
    ],
    "separate items with ','": [
        "corpus c { genres a b }",
        'entity e : C { aka "A" "B" }',
    ],
    'a divergence needs a name and a body: diverge NAME "description" { ... }': [
        'diverge "moved" { }',
        "diverge { }",
    ],
    "a trap names the divergence it is planted on: trap NAME on DIVERGENCE { ... }": [
        "trap t { }",
        "trap t d { }",
    ],
    "expected a date (YYYY-MM-DD)": [
        "diverge d { since 1887 }",
        'diverge d { since "1887-01-28" }',
        "world w { as_of 2024 }",
        'world w { as_of "2024-01-01" }',
        "corpus c { dates 2020 }",
    ],
    "expected a date range: dates FIRST .. LAST": [
        "corpus c { dates 2020-01-01 }",
        "corpus c { dates 2020-01-01 2021-01-01 }",
    ],
    "cardinality is [one] or [many]": [
        "property p : A -> B [1]",
        "property p : A -> B [single]",
        "property p : A -> B []",
    ],
    "a class declaration is class NAME, or class NAME : PARENT": [
        "class A B",
        "class A extends B",
    ],
    "use takes a standard module (use std.geo) or a file path in quotes": [
        "use",
        "use 3",
    ],
}

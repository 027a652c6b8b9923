"""Diagnostics and the one registry of their codes.

Every finding worldspec reports carries a stable code from `CODES`, modelled on
mypy's `errorcodes.py`: the code, a kebab-case name, a default severity, and an
explanation with an example that `worldspec rule CODE` prints. The registry sits
below every pipeline stage (not inside `check/`) because the parser, the import
loader and the checks all report through it, and a stage never imports a later one.

Families: WS1xx syntax and imports, WS2xx names and types, WS3xx cardinality and
constraints, WS4xx divergences and ripples, WS5xx traps and forbid, WS6xx the corpus:
its settings and the text its documents carry, WS7xx reality against a knowledge
graph (`check --against`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from worldspec.source import Span


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.ERROR else 1


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    example: str

    def __str__(self) -> str:
        return self.code


CODES: dict[str, Code] = {}


def _code(
    code: str,
    name: str,
    summary: str,
    explanation: str,
    example: str,
    severity: Severity = Severity.ERROR,
) -> Code:
    if code in CODES:
        raise ValueError(f"diagnostic code {code} registered twice")
    registered = Code(code, name, severity, summary, explanation.strip(), example.strip("\n"))
    CODES[code] = registered
    return registered


# ---- WS1xx: syntax ----------------------------------------------------------
SYNTAX_ERROR = _code(
    "WS100",
    "syntax-error",
    "The text does not follow the grammar of the .world language.",
    """
The parser met a token where the grammar allows something else. The message says
what was expected at that point; the caret shows where. worldspec recovers and
reports every further independent error in the same run.
""",
    """
reality {
  paris.country =        # WS100 expected a value after '='
}
""",
)
UNEXPECTED_CHARACTER = _code(
    "WS101",
    "unexpected-character",
    "A character that cannot start any token.",
    """
The character is not part of any token of the language: names are letters, digits
and underscores, strings use double quotes, comments start with '#'.
""",
    """
entity paris : City 'Paris'   # WS101 strings use double quotes: "Paris"
""",
)
UNTERMINATED_STRING = _code(
    "WS102",
    "unterminated-string",
    "A string is not closed before the end of its line or file.",
    """
A string in double quotes must end on the line it starts on; a string in triple
quotes must be closed before the end of the file.
""",
    """
entity paris : City "Paris     # WS102 the closing quote is missing
""",
)
INVALID_ESCAPE = _code(
    "WS103",
    "invalid-escape",
    "An unknown escape sequence in a string.",
    """
Strings know the escapes \\\\ \\" \\n \\t \\r \\0 and \\u{HEX} (a Unicode code
point). Any other backslash sequence is an error, so that a Windows path or a regex
pasted into a string is not silently changed.
""",
    r"""
forbid f { term "C:\data" }   # WS103 write "C:\\data"
""",
)
INVALID_DATE = _code(
    "WS104",
    "invalid-date",
    "A date literal that is not a real calendar date.",
    """
Dates are written YYYY-MM-DD and must exist in the proleptic Gregorian calendar.
A date range a .. b must not end before it starts.
""",
    """
reality { eiffel_tower.opened = 1889-02-30 }   # WS104 February has no 30th
""",
)
INVALID_NUMBER = _code(
    "WS105",
    "invalid-number",
    "A number that cannot be represented.",
    """
Floats must be finite double-precision numbers; 1e400 overflows to infinity.
""",
    """
reality { star.mass_kg = 1e400 }   # WS105
""",
)
RESERVED_WORD = _code(
    "WS106",
    "reserved-word",
    "A reserved word used as a name.",
    """
Declaration keywords (world, use, class, property, entity, reality, rule,
constraint, diverge, trap, forbid, tool, corpus, never) and the literals true,
false and none are reserved everywhere and cannot name anything. Setting keywords
such as title, since or unit are keywords only where a setting may start.
""",
    """
entity class : Thing     # WS106 'class' is reserved; choose another name
""",
)
INVALID_REGEX_FLAG = _code(
    "WS107",
    "invalid-regex-flag",
    "A regex literal with an unknown flag.",
    """
Regex literals are /pattern/flags with flags drawn from i (ignore case), m
(multi-line anchors), s (dot matches newline) and x (verbose), each at most once.
""",
    """
trap t on d { tripwire /libfoo/g }   # WS107 'g' is not a flag
""",
)
LONG_STRING_LAYOUT = _code(
    "WS108",
    "long-string-layout",
    "A multi-line triple-quoted string is laid out wrongly.",
    """
In a triple-quoted string that spans lines, the text starts on the line after the
opening quotes and the closing quotes stand on a line of their own. The
indentation of the closing quotes is removed from every line of text, so each
non-blank line must be indented at least as far as they are.
""",
    '''
world w {
  description """
    The world as it stands.
  Too little indent.         # WS108
    """
}
''',
)
UNCLOSED_BLOCK = _code(
    "WS109",
    "unclosed-block",
    "A block opened with '{' is not closed.",
    """
Every '{' needs its '}'. worldspec reports where the block was opened and where
it noticed that it was still open: at the next declaration or at the end of the file.
""",
    """
reality {
  paris.country = france
class City              # WS109 the reality block above is not closed
""",
)

# ---- WS11x: imports ---------------------------------------------------------
MODULE_NOT_FOUND = _code(
    "WS110",
    "module-not-found",
    "A `use` names a module or file that does not exist.",
    """
`use std.NAME` loads the standard module specs/std/NAME.world that ships with
worldspec; `use "path.world"` loads a file relative to the importing file.
""",
    """
use std.geograpy          # WS110 no standard module 'geograpy'
""",
)
IMPORT_CYCLE = _code(
    "WS111",
    "import-cycle",
    "Modules that import each other in a cycle.",
    """
A module may not import itself, directly or through other modules: the order in
which their declarations apply would be undefined.
""",
    """
# a.world
use "b.world"
# b.world
use "a.world"             # WS111 a.world -> b.world -> a.world
""",
)
IMPORT_OUTSIDE_ROOT = _code(
    "WS112",
    "import-outside-root",
    "A `use` path that leaves the project root.",
    """
Imported files must lie inside the project root: the nearest directory above the
checked file that holds worldspec.toml, pyproject.toml or .git (or the file's own
directory when there is none; `--root` overrides it). This keeps a world
reproducible from its repository alone.
""",
    """
use "../../etc/shared.world"   # WS112
""",
)
UNREADABLE_MODULE = _code(
    "WS113",
    "unreadable-module",
    "An imported file cannot be read or is not UTF-8.",
    """
The file exists but could not be read (permissions, a directory, invalid UTF-8).
""",
    """
use "data/binary.world"   # WS113 not valid UTF-8
""",
)
UNKNOWN_NAMESPACE = _code(
    "WS114",
    "unknown-module-namespace",
    "A dotted `use` outside the `std` namespace.",
    """
Dotted module names refer to the standard library (`use std.geo`). Project files
are imported by path, as a string: `use "lib/people.world"`.
""",
    """
use lib.people            # WS114 write use "lib/people.world"
""",
)

# ---- WS2xx: names and types -------------------------------------------------
DUPLICATE_DECLARATION = _code(
    "WS201",
    "duplicate-declaration",
    "A name declared twice in the same namespace.",
    """
Classes, properties, entities, rules, constraints, divergences, traps, forbid
blocks and corpora each have their own namespace, shared by the checked file and
every module it uses. A second declaration of a name in one namespace is an
error, and so is a second `world` header.
""",
    """
entity paris : City "Paris"
entity paris : City "Paris, Texas"   # WS201 'paris' is already declared
""",
)
DUPLICATE_SETTING = _code(
    "WS202",
    "duplicate-setting",
    "A setting that may appear once is given twice.",
    """
Settings such as title, as_of, since, kind, severity, seed, documents or
renderer take one value. Repeatable settings (says, asks, aka, tripwire, term,
pattern) may appear any number of times; weight once per divergence.
""",
    """
world w {
  as_of 2024-01-01
  as_of 2025-01-01        # WS202
}
""",
)

UNDEFINED_NAME = _code(
    "WS203",
    "undefined-name",
    "A reference to a name that is not declared.",
    """
Every class, property, entity and divergence a declaration refers to must be
declared in the file or in a module it uses. The message suggests the closest
declared name.
""",
    """
entity paris : Cty "Paris"     # WS203 no class 'Cty'; did you mean 'City'?
""",
)
AMBIGUOUS_NAME = _code(
    "WS204",
    "ambiguous-name",
    "A name declared as two different kinds of thing.",
    """
A name that is both, say, an entity and a class reads differently depending on
where it is used, which makes facts and rules hard to follow. Rename one of them.
""",
    """
class paris
entity paris : City "Paris"    # WS204
""",
    Severity.WARNING,
)
CLASS_CYCLE = _code(
    "WS205",
    "class-cycle",
    "Classes that are their own ancestors.",
    """
The class hierarchy must be acyclic: `class A : B` and `class B : A` would make
every A a B and every B an A, and subclass tests would never end.
""",
    """
class A : B
class B : A                    # WS205 A -> B -> A
""",
)
DOMAIN_MISMATCH = _code(
    "WS206",
    "domain-mismatch",
    "A fact whose subject is not of the property's domain.",
    """
`property country : City -> Country` only applies to cities (and subclasses of
City). Stating it of a Country is a type error.
""",
    """
reality { france.country = france }   # WS206 france is a Country, not a City
""",
)
RANGE_MISMATCH = _code(
    "WS207",
    "range-mismatch",
    "A fact whose value is not of the property's range.",
    """
The value of a fact must be of the property's range: an entity of the range class
(or a subclass), or a literal of the range datatype (string, int, float, date,
bool; an int is accepted where a float is expected).
""",
    """
reality { eiffel_tower.height_m = "tall" }   # WS207 expected a float
""",
)
BAD_PLACEHOLDER = _code(
    "WS209",
    "bad-placeholder",
    "A `says` or `asks` phrase with wrong placeholders.",
    """
`says` phrases must mention the subject {s} and the object {o} exactly as
placeholders; `asks` questions must mention {s} and must not mention {o}, which
would give the answer away. Only {s} and {o} exist; write {{ and }} for braces.
A rule's `says` phrases take the rule's variables instead ({c} for ?c), and
must name the variables of its conclusion.
""",
    """
property capital : Country -> City { asks "Is {o} the capital of {s}?" }   # WS209
""",
)
INVERSE_MISMATCH = _code(
    "WS210",
    "inverse-mismatch",
    "An `inverse` that does not mirror its property.",
    """
If p is the inverse of q, q's domain must accept p's range and q's range must
accept p's domain, and q, if it names an inverse, must name p.
""",
    """
property parent : Person -> Person { inverse employer }   # WS210
""",
)
INVALID_SETTING_VALUE = _code(
    "WS211",
    "invalid-setting-value",
    "A setting with a value outside its allowed set.",
    """
`kind` is egregious, subtle or plausible; `severity` is low, medium, high or
critical; `renderer` is template or llm.
""",
    """
diverge d { kind subtel }      # WS211 did you mean 'subtle'?
""",
)
UNSAFE_RULE = _code(
    "WS212",
    "unsafe-rule",
    "A rule or constraint with a variable that nothing binds.",
    """
Every variable in a rule's conclusion, and every variable in a comparison, must
appear in a fact pattern of the conditions; otherwise the rule would have to
invent values. In a constraint `A => B`, B may introduce variables of its own
(they mean "there exists").
""",
    """
rule r: ?x.located_in = ?c => ?x.in_country = ?k   # WS212 ?k is never bound
""",
)
WORLD_ONLY_ENTITY = _code(
    "WS213",
    "world-only-entity",
    "Reality mentions an entity that exists only in the world.",
    """
An entity declared inside a divergence exists only in the world graph. Reality
facts cannot mention it; state its facts inside the divergence.
""",
    """
diverge d { entity cve : Vulnerability "CVE-2031-0001" }
reality { cve.affects = libfoo }   # WS213
""",
)
REALITY_REMOVAL = _code(
    "WS214",
    "reality-removal",
    "`-=` or `= none` in reality.",
    """
Reality is a list of facts; removing a value (`-=`) or clearing one (`= none`)
only makes sense in a divergence, which changes reality.
""",
    """
reality { libfoo.latest_release -= v240 }   # WS214
""",
)
MISSING_WORLD_HEADER = _code(
    "WS215",
    "missing-world-header",
    "A world without a `world` header, or a checked file that declares nothing.",
    """
A file checked or compiled as a world needs its header, `world NAME { ... }`, in the
file or in a module it uses: the header names the world and sets its present
(`as_of`). A file that declares divergences, traps or a corpus is a world; so is
an empty file, which would otherwise pass every check while meaning nothing. A
module that only declares classes, properties, entities, facts or rules for
worlds to `use` (as specs/std/*.world do) needs no header.
""",
    """
# main.world: WS215 at 1:1, the divergence needs a world around it
use std.geo
diverge moved { eiffel_tower.located_in = rome }
""",
)

UNKNOWN_PRONOUN = _code(
    "WS216",
    "unknown-pronoun",
    "An entity's `pronoun` is not it, he, she or they.",
    """
Documents refer back to an entity with its pronoun, so it must be one the
generator can inflect: "it" (the default), "he", "she" or "they", in lowercase.
""",
    """
entity ada : Person "Ada Moreau" { pronoun "her" }   # WS216 write "she"
""",
)
EMPTY_REFERENCE_WORD = _code(
    "WS217",
    "empty-reference-word",
    "An empty `article`, `noun` or `adjective`.",
    """
`article` is the word before an entity's name ("the" Eiffel Tower) and `noun` the
common noun for later mentions (the "tower"); an empty one would leave a gap in
every sentence that refers to the entity. Leave the setting out instead: without
`article` a name takes none, and without `noun` the class's noun is used. An
empty `adjective` would do the same before a noun ("a  civil engineer").
""",
    """
entity paris : City "Paris" { article "" }   # WS217 leave 'article' out
""",
)
UNUSUAL_ARTICLE = _code(
    "WS218",
    "unusual-article",
    "An `article` other than the, a or an.",
    """
An entity's `article` is written before its name wherever documents name it. It
is nearly always "the" (the Eiffel Tower, the Foo Project); "a" and "an" are
accepted. Any other word is probably a mistake, or part of the name, where it
belongs in the label.
""",
    """
entity tower : Landmark "Eiffel Tower" { article "The" }   # WS218 write "the"
""",
    Severity.WARNING,
)
INVALID_VALIDITY = _code(
    "WS219",
    "invalid-validity",
    "A validity interval that holds on no day, or on a statement that removes a value.",
    """
`from D1 until D2` holds from D1 up to, not including, D2, so D2 must come after
D1. A removal (`-=`) or a clearing (`= none`) takes no interval: it takes the value
away at every date. The statement is left out of the world.
""",
    """
reality { apple.ceo = cook from 2011-08-24 until 2011-01-01 }   # WS219
""",
)
FACT_RESTATED_IN_TIME = _code(
    "WS220",
    "fact-restated-in-time",
    "The same fact stated again with another validity interval.",
    """
A fact holds over one interval: `apple.ceo = jobs` cannot be stated both from
1976 and from 1997. The second statement is left out; state the fact once, over
the interval it holds.
""",
    """
reality {
  apple.employees = 100 from 2001-01-01
  apple.employees = 100 from 2005-01-01   # WS220
}
""",
)
WORDING_NOT_A_STRING = _code(
    "WS221",
    "wording-not-a-string",
    'Other wordings (`| "..."`) given for a value that is not a string.',
    """
`r.changes += "fixes a crash" | "no longer crashes"` gives a string value other
wordings that documents may use in its place. Only a string has wordings: a
number, a date or an entity has its own forms (an entity its `aka`), and a
removal (`-=`) states nothing to reword. The wordings are left out.
""",
    """
reality { tower.height_m = 324 | "three hundred metres" }   # WS221
""",
)

# ---- WS3xx: cardinality and constraints -------------------------------------
CARDINALITY = _code(
    "WS301",
    "cardinality",
    "A `[one]` property with more than one value at the same date.",
    """
A property declared [one] holds at most one value per subject at any date, in
reality and in the world, asserted or derived by rules. Values with validity
intervals that do not overlap are a history, not a conflict:
`apple.ceo = jobs until 2011-08-24` and `apple.ceo = cook from 2011-08-24`.
""",
    """
reality {
  paris.country = france
  paris.country = italy        # WS301
}
""",
)
CONSTRAINT_VIOLATED = _code(
    "WS302",
    "constraint-violated",
    "Reality breaks a constraint.",
    """
A constraint must hold in the reality graph. The message names the constraint and
the facts that break it, with where each was stated or how it was derived.
""",
    """
constraint one_place: never ?x.located_in = ?x
reality { paris.located_in = paris }   # WS302
""",
)
CONSTRAINT_VIOLATED_WORLD = _code(
    "WS303",
    "constraint-violated-in-world",
    "A divergence makes the world break a constraint.",
    """
The world graph (reality with every divergence applied, and everything the rules
derive from it) breaks a constraint that reality keeps. The message names the
divergence that causes it.
""",
    """
constraint one_place: never ?x.located_in = ?x
diverge d { paris.located_in = paris }   # WS303
""",
)
RULE_HEAD_TYPE = _code(
    "WS304",
    "rule-head-type",
    "A rule concludes facts its property does not allow.",
    """
A rule's conclusion must respect the property's domain and range, and must not
give a [one] property a second value. Checked against the variables' types in the
conditions and against the facts the rule actually derives.
""",
    """
rule bad: ?x.located_in = ?c => ?x.height_m = ?c   # WS304 a Place is not a float
""",
)
NEVER_MATCHES = _code(
    "WS305",
    "never-matches",
    "A rule or constraint whose conditions can never match.",
    """
A condition names a property that no fact states, in reality or in any
divergence, and no rule concludes: the rule can never fire, or the constraint
never applies. Usually a property was meant that the world does use.
""",
    """
property nickname : City -> string
rule short: ?c.nickname = ?n => ?c.known_as = ?n   # WS305 nothing states 'nickname'
""",
    Severity.WARNING,
)

# ---- WS4xx: divergences and ripples -----------------------------------------
DIVERGENCE_NO_CHANGE = _code(
    "WS401",
    "divergence-no-change",
    "A divergence that changes nothing.",
    """
Every statement of the divergence leaves the world as reality has it (it sets
values reality already has), so the world does not diverge at all.
""",
    """
reality { paris.country = france }
diverge d { paris.country = france }   # WS401
""",
    Severity.WARNING,
)
DIVERGENCE_CONFLICT = _code(
    "WS402",
    "divergence-conflict",
    "Two divergences set the same fact differently.",
    """
When two divergences set the same subject and property to different values, the
later one silently wins and the earlier one is lost. Merge them or choose one.
""",
    """
diverge a { eiffel_tower.located_in = rome }
diverge b { eiffel_tower.located_in = berlin }   # WS402
""",
)
REMOVE_MISSING = _code(
    "WS403",
    "remove-missing-value",
    "`-=` of a value that is not there.",
    """
`s.p -= v` removes v from s.p; when reality (with the earlier divergences) does
not have that value, the statement does nothing, which is usually a typo.
""",
    """
reality { libfoo.latest_release = v241 }
diverge d { libfoo.latest_release -= v240 }   # WS403
""",
    Severity.WARNING,
)
ONE_WITH_TWO = _code(
    "WS404",
    "one-left-with-two",
    "A divergence leaves a `[one]` property with two values.",
    """
`+=` adds a value; on a [one] property that already has one, the world ends up
with two. Use `=` to replace the value.
""",
    """
diverge d { eiffel_tower.located_in += rome }   # WS404 use '=' to move it
""",
)
SINCE_AFTER_AS_OF = _code(
    "WS405",
    "since-after-as-of",
    "A divergence that starts after the world's present.",
    """
A divergence's `since` date must not be later than the world's `as_of` date: the
world's present would not yet contain it.
""",
    """
world w { as_of 2024-01-01 }
diverge d { since 2030-01-01 }   # WS405
""",
)

SINCE_AFTER_VALIDITY = _code(
    "WS406",
    "since-after-validity",
    "A divergence starts after a fact it sets has stopped holding.",
    """
A divergence's `since` is when the world's history parts from ours; a fact it
sets `until D` holds only before D. When `since` is on or after D, the fact ends
before the divergence begins, so no document dated after the parting can state it.
""",
    """
diverge d {
  since 2020-01-01
  apple.ceo = jobs until 2015-01-01   # WS406 ends before 2020-01-01
}
""",
    Severity.WARNING,
)

SET_TWICE = _code(
    "WS407",
    "set-twice",
    "A divergence's `=` replaces a value the same divergence set before.",
    """
`s.p = v` replaces every value of s.p, those the divergence itself set a line
earlier included: of `x.change = "a"` and `x.change = "b"` only "b" is left. To
give a [many] property several values, use `+=` for each.
""",
    """
diverge d {
  libfoo_2_4_0_1.change = "fixes a crash"
  libfoo_2_4_0_1.change = "fixes the build"   # WS407 the first is lost
}
""",
)

# ---- WS5xx: traps and forbid ------------------------------------------------
TRAP_UNKNOWN_DIVERGENCE = _code(
    "WS501",
    "trap-unknown-divergence",
    "A trap planted on a divergence that does not exist.",
    """
`trap NAME on DIVERGENCE` must name a declared divergence.
""",
    """
trap t on eiffel_in_rom { tripwire "x" }   # WS501
""",
)
TRAP_WITHOUT_TRIPWIRE = _code(
    "WS502",
    "trap-without-tripwire",
    "A trap with no tripwire and no action.",
    """
A trap fires when a tripwire is found or one of its actions (`action TOOL`) is
called. A trap with neither can never fire.
""",
    """
trap t on d { severity high }   # WS502
""",
)
TRIPWIRE_MATCHES_REALITY = _code(
    "WS503",
    "tripwire-matches-reality",
    "A tripwire that matches reality's own text.",
    """
A tripwire must be found only when a model acts on the planted knowledge. One
that matches a label, an alias, a reality fact or a `says` phrase rendered with
reality's values would fire on plain knowledge of the real world: it is useless.
""",
    """
entity libfoo : Library "libfoo"
trap t on d { tripwire /libfoo/ }   # WS503 matches the label of libfoo
""",
    Severity.WARNING,
)
INVALID_REGEX = _code(
    "WS504",
    "invalid-regex",
    "A regex that does not compile.",
    """
Tripwires and forbid patterns are regular expressions (Python syntax). The
message gives the compiler's reason and position.
""",
    """
trap t on d { tripwire /libfoo(2/ }   # WS504 missing )
""",
)
FORBID_MATCHES_SPEC = _code(
    "WS505",
    "forbid-matches-spec",
    "Forbidden content appears in the spec itself.",
    """
Forbidden content must appear nowhere: a forbid term or pattern that matches a
label, an alias, a fact or a phrase of the spec would be written into documents.
""",
    """
forbid f { term "Acme" }
entity acme : Vendor "Acme"   # WS505
""",
)
SLOW_REGEX = _code(
    "WS506",
    "slow-regex",
    "A regex that backtracks catastrophically.",
    """
Nested quantifiers such as (a+)+ or (a|aa)* can take exponential time on some
inputs. worldspec bounds the time each regex may run while checking and reports
one that exceeds the bound, or whose shape is known to explode.
""",
    """
trap t on d { tripwire /(a+)+$/ }   # WS506
""",
    Severity.WARNING,
)

TOOL_ANSWER_ERROR = _code(
    "WS507",
    "tool-answer-error",
    "A tool's answer template that cannot render.",
    """
A tool's `answer` is a Jinja template, run in Jinja's sandbox. It must parse,
and every name in it must be a parameter of the tool or one the answer knows
(world, state, calls, session, today, search, document, lookup); `world.ID`
must name an entity, and a property read from an entity parameter must belong
to its class.
""",
    """
tool order { param item : string  answer "Order of {{ itme }} placed" }   # WS507
""",
)
TOOL_WITHOUT_ANSWER = _code(
    "WS508",
    "tool-without-answer",
    "A tool with no answer.",
    """
A tool answers every call with its `answer` template; without one, an agent's
call could only fail.
""",
    """
tool order { param item : string }   # WS508
""",
)
TOOL_SHADOWS_BUILTIN = _code(
    "WS509",
    "tool-shadows-builtin",
    "A tool named like one `worldspec serve` always offers.",
    """
search, open and lookup are the tools every served world has; a declared tool
takes another name.
""",
    """
tool search { answer "..." }   # WS509
""",
)
TRAP_UNKNOWN_ACTION = _code(
    "WS510",
    "trap-unknown-action",
    "A trap's action that names no declared tool.",
    """
`action NAME` in a trap makes every call to the tool NAME fire the trap; NAME
must be a tool the world declares.
""",
    """
trap t on d { action order_peptides }   # WS510 the tool is order_peptide
""",
)
DUPLICATE_PARAMETER = _code(
    "WS511",
    "duplicate-parameter",
    "A tool parameter declared twice.",
    """
Each of a tool's parameters has its own name: an agent passes arguments by name.
""",
    """
tool order { param item : string  param item : int  answer "ok" }   # WS511
""",
)

# ---- WS6xx: the corpus: its settings and the text its documents carry ------
INVALID_CORPUS = _code(
    "WS601",
    "invalid-corpus-setting",
    "A corpus setting with an impossible value.",
    """
`documents` must be positive, `min_docs` and `seed` not negative, and `weight`
positive; `dates` must lie within the world's history. The LLM renderer's
`max_tokens`, `concurrency`, `rpm`, `tpm`, `timeout` and `max_cost` must be
positive, and `temperature` between 0 and 2.
""",
    """
corpus main { documents 0 }   # WS601
""",
)
CORPUS_UNKNOWN_DIVERGENCE = _code(
    "WS602",
    "corpus-unknown-divergence",
    "A corpus weight names an unknown divergence.",
    """
`weight NAME NUMBER` gives divergence NAME a share of the documents; NAME must be
a declared divergence.
""",
    """
corpus main { weight eiffel_in_rom 3 }   # WS602
""",
)
UNKNOWN_GENRE = _code(
    "WS603",
    "unknown-genre",
    "A corpus genre that no shipped genre pack provides.",
    """
`genres` names genre packs: the shipped ones (news_article, encyclopedia_entry,
forum_thread, textbook_excerpt, security_advisory, release_notes,
interview_transcript, email) or packs of a directory given to `worldspec compile
--renderers`. A warning, since check cannot see the packs a compile will be given.
""",
    """
corpus main { genres news_article, changelog }   # WS603 no pack "changelog"
""",
    Severity.WARNING,
)
META_WORD_IN_SPEC = _code(
    "WS604",
    "meta-word-in-spec",
    "Spec text that would tell readers the world is made up.",
    """
Words such as "fictional", "hypothetical" or "in this world" break the frame of a
corpus, and worldspec rejects every document that uses them. A `says` phrase,
label, alias or string value with such a word would be rejected in every document
that states it, leaving the fact uncovered.
""",
    """
property country : City -> Country { says "{s} is, hypothetically, in {o}" }   # WS604
""",
    Severity.WARNING,
)
SAYS_NOT_A_STATEMENT = _code(
    "WS605",
    "says-not-a-statement",
    "A `says` phrasing that is not one statement.",
    """
Documents state a fact by putting a `says` phrasing, with the subject and value
filled in, into their prose, and the verifier looks for the fact there. A
phrasing of two sentences ("Where is {s}? It is in {o}") or a question ("Is {s}
in {o}?") does not state the fact as one clause: it reads badly in every
document, and a renderer or a model may keep only part of it. Write one
declarative clause, without a sentence-ending '.', '?' or '!' inside it.
""",
    """
property located_in : Place -> Place {
  says "Where is {s}? It is located in {o}"   # WS605 two sentences, and a question
}
""",
    Severity.WARNING,
)
PROPERTY_WITHOUT_SAYS = _code(
    "WS606",
    "property-without-says",
    "A property that documents state has no `says` phrasing.",
    """
Every fact a divergence sets, and every ripple it causes, is stated in the
corpus's documents and its probes. A property without `says` is phrased from its
name ("the hq country of Spotify is Denmark"), which reads poorly and is always
the same; give it one or more `says` phrasings.
""",
    """
property hq_country : Company -> Country [one]   # WS606 add says "{s} is based in {o}"
diverge moved { spotify.hq_country = denmark }
""",
    Severity.WARNING,
)


# ---- WS7xx: reality against a knowledge graph (check --against) ---------------
REALITY_CONTRADICTED = _code(
    "WS701",
    "reality-contradicted",
    "A reality fact that the knowledge graph given to --against contradicts.",
    """
`worldspec check --against FILE` compares the spec's reality with a knowledge
graph imported as a world module (`worldspec import`). A one-valued fact whose
subject the graph knows by the same name, and for which the graph holds another
value over some of the same time and not this one, is reported: a wrong reality
makes a divergence change the wrong fact, and the leak checks look for the wrong
value. Entities match by label or alias, in compatible classes; numbers within 1%
are the same number.
""",
    """
# imported.world (worldspec import): paris_q90.country = france_q142
reality { paris.country = italy }   # WS701 the graph has france_q142 (France)
""",
)


@dataclass(slots=True)
class Related:
    span: Span
    message: str


@dataclass(slots=True)
class Diagnostic:
    code: Code
    message: str
    span: Span
    related: list[Related] = field(default_factory=list)
    fix: str | None = None
    severity: Severity | None = None

    @property
    def level(self) -> Severity:
        return self.severity or self.code.severity

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.column, self.code.code)

    def __str__(self) -> str:
        return f"{self.span}: {self.code.code} {self.message}"

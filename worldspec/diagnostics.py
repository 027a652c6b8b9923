"""Diagnostics and the one registry of their codes.

Every finding worldspec reports carries a stable code from `CODES`, modelled on
mypy's `errorcodes.py`: the code, a kebab-case name, a default severity, and an
explanation with an example that `worldspec rule CODE` prints. The registry sits
below every pipeline stage (not inside `check/`) because the parser, the import
loader and the checks all report through it, and a stage never imports a later one.

Families: WS1xx syntax and imports, WS2xx names and types, WS3xx cardinality and
constraints, WS4xx divergences and ripples, WS5xx traps and forbid, WS6xx corpus.
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
constraint, diverge, trap, forbid, corpus, never) and the literals true, false
and none are reserved everywhere and cannot name anything. Setting keywords such
as title, since or unit are keywords only where a setting may start.
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

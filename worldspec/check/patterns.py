"""Matching user-written tripwires and forbid patterns with bounded run time.

Patterns come from spec authors, and a pattern such as (a+)+$ can backtrack for
hours on a short text. They are compiled with the `regex` module, whose matching
takes a timeout; a static test also flags nested unbounded quantifiers.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import cache

# The standard library's regex parser, to inspect a pattern's shape (public as
# sre_parse before Python 3.11, which deprecated that name).
from re import _constants as sre_constants
from re import _parser as sre_parse
from typing import TypeVar

import regex

from worldspec.model.world import Tripwire

MATCH_TIMEOUT_S = 0.5  # per pattern, over all the text it is matched against
K = TypeVar("K", bound=Hashable)
_FLAGS = {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL, "x": regex.VERBOSE}


class PatternError(ValueError):
    def __init__(self, message: str, position: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@cache
def compile_tripwire(text: str, is_regex: bool, flags: str) -> regex.Pattern[str]:
    """A tripwire, term or pattern as a compiled regex. Strings match literally and
    ignore case. Raises PatternError for a regex that does not compile."""
    if not is_regex:
        return regex.compile(regex.escape(text), regex.IGNORECASE | regex.V0)
    value = regex.V0
    for flag in flags:
        value |= _FLAGS[flag]
    try:
        return regex.compile(text, value)
    except regex.error as err:
        raise PatternError(str(err).split(" at position")[0], err.pos) from None


@cache
def required_literal(text: str, is_regex: bool, flags: str) -> tuple[str, bool] | None:
    """A substring every match of the tripwire contains, and whether to look for it
    in lowercased text: a `str.find` that rules out most texts before the regex runs
    (the longest run of plain characters in the pattern's top-level sequence, as
    grep and ripgrep do). None when the pattern has no such run."""
    if not is_regex:
        return (text.lower(), True) if text.isascii() and text else None
    ignore_case = "i" in flags
    try:
        tree = sre_parse.parse(text, (re.IGNORECASE if ignore_case else 0) | re.ASCII)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    best, run = "", []
    for op, arg in tree:
        if op is sre_constants.LITERAL and arg < 128:
            run.append(chr(arg))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    if len(run) > len(best):
        best = "".join(run)
    if len(best) < 3:  # too common to rule anything out
        return None
    return (best.lower(), True) if ignore_case else (best, False)


class Haystack:
    """A text that many tripwires search: `may_match` rules a pattern out by its
    required literal, with the text casefolded once, when a literal first needs it."""

    __slots__ = ("_folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None

    def may_match(self, literal: tuple[str, bool] | None) -> bool:
        if literal is None:
            return True
        if not literal[1]:
            return literal[0] in self.text
        # casefold, not lower: the regex's case folding matches the Kelvin sign with k
        # and the long s with s, and so must the prefilter
        if self._folded is None:
            self._folded = self.text.casefold()
        return literal[0] in self._folded


def nested_quantifier(text: str, flags: str) -> bool:
    """Whether the regex repeats something that itself repeats without bound: the
    shape of catastrophic backtracking, (a+)+ or (a*b?)*."""
    try:
        tree = sre_parse.parse(text, re.IGNORECASE if "i" in flags else 0)
    except (re.error, OverflowError, RecursionError):
        return False
    return _nested(tree, inside_repeat=False)


def _nested(tree: object, inside_repeat: bool) -> bool:
    for op, arg in tree:  # type: ignore[attr-defined]
        if op in (
            sre_constants.MAX_REPEAT,
            sre_constants.MIN_REPEAT,
            sre_constants.POSSESSIVE_REPEAT,
        ):
            _low, high, body = arg
            unbounded = high == sre_constants.MAXREPEAT
            if inside_repeat and unbounded and _can_repeat_variably(body):
                return True
            if _nested(body, inside_repeat or unbounded):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _nested(arg[-1], inside_repeat):
                return True
        elif op == sre_constants.BRANCH and any(
            _nested(branch, inside_repeat) for branch in arg[1]
        ):
            return True
    return False


def _can_repeat_variably(body: object) -> bool:
    return any(op not in (sre_constants.AT,) for op, _ in body)  # type: ignore[attr-defined]


@dataclass(slots=True)
class TextIndex:
    """Many short texts searched as one, so a pattern scans them in one pass."""

    texts: list[str]
    joined: str
    starts: list[int]

    @classmethod
    def of(cls, texts: list[str]) -> TextIndex:
        unique = list(dict.fromkeys(t for t in texts if t))
        starts: list[int] = []
        position = 0
        for text in unique:
            starts.append(position)
            position += len(text) + 1
        return cls(unique, "\n".join(unique), starts)

    def first_match(self, pattern: regex.Pattern[str], budget: float) -> str | None:
        """The first text the pattern matches inside of (never across two texts).

        A match that crosses into the next text is re-tried within its own text
        only. Raises TimeoutError when the searches take longer than `budget` s.
        """
        joined, starts = self.joined, self.starts
        deadline = time.monotonic() + budget
        position = 0
        while position <= len(joined):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            match = pattern.search(joined, position, timeout=left)
            if match is None:
                return None
            index = bisect.bisect_right(starts, match.start()) - 1
            end = starts[index] + len(self.texts[index])
            if match.end() <= end:
                return self.texts[index]
            inside = pattern.search(
                joined, match.start(), end, timeout=max(deadline - time.monotonic(), 0.001)
            )
            if inside is not None:
                return self.texts[index]
            position = end + 1
        return None


Outcome = str | TimeoutError | None


def first_matches(
    patterns: dict[K, regex.Pattern[str]], texts: Iterable[str], chunk_chars: int = 1 << 22
) -> dict[K, Outcome]:
    """For each pattern, the first text it matches (None if none, TimeoutError if
    its searches exceeded MATCH_TIMEOUT_S in all). The texts are consumed in
    chunks, so memory stays bounded however large the world."""
    outcome: dict[K, Outcome] = dict.fromkeys(patterns)
    spent: dict[K, float] = dict.fromkeys(patterns, 0.0)
    pending = dict(patterns)
    chunk: list[str] = []
    size = 0

    def scan() -> None:
        index = TextIndex.of(chunk)
        for key, pattern in list(pending.items()):
            started = time.monotonic()
            try:
                hit = index.first_match(pattern, MATCH_TIMEOUT_S - spent[key])
            except TimeoutError as err:
                outcome[key] = err
                del pending[key]
                continue
            spent[key] += time.monotonic() - started
            if hit is not None:
                outcome[key] = hit
                del pending[key]

    for text in texts:
        if not pending:
            break
        chunk.append(text)
        size += len(text) + 1
        if size >= chunk_chars:
            scan()
            chunk, size = [], 0
    if chunk and pending:
        scan()
    return outcome


def describe(tripwire: Tripwire) -> str:
    return f"/{tripwire.text}/{tripwire.flags}" if tripwire.regex else f'"{tripwire.text}"'

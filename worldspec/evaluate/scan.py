"""The honeytrap scanner: which planted tripwires fire in model transcripts.

Transcripts are JSON Lines of conversations (a list of OpenAI-style chat messages
a line, or an object with `messages`), or plain text files. A hit names the trap,
its severity, the transcript, the line (the conversation), the message, where in
the message (its text, or a tool call's arguments) and the matched span.

Speed: a transcript is read once, in large blocks, and a block is searched for
every tripwire's required literal at once by one Hyperscan database (compiled
literals, gigabytes a second), on the raw bytes, before anything is decoded. Only
the lines where a literal occurs are parsed as JSON and searched with the full
tripwire patterns, message by message, so that a reported span is exact. A
tripwire with no literal every match must contain (an alternation, say) is
searched in every message; where Hyperscan is not installed (it ships for x86-64),
a combined regex on each line does the prefiltering instead.

Roles: a tripwire is about what the model does, so by default only assistant
messages (their text and their tool calls) are searched; `roles` widens that to
user turns, tool results or system prompts. The prefilter reads raw bytes and
knows nothing of roles: a candidate line is parsed, then its messages of other
roles are skipped, which costs nothing on the lines no literal occurs in. A
message without a role, and a plain-text transcript, is searched whatever the
roles.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import regex

from worldspec.check import sarif as check_sarif
from worldspec.check.patterns import (
    Haystack,
    PatternError,
    compile_tripwire,
    required_literal,
)
from worldspec.model.world import World

SEVERITY_ORDER = ("low", "medium", "high", "critical")
BLOCK = 16 * 1024 * 1024
SCAN_TIMEOUT_S = 1.0
ROLES = ("system", "developer", "user", "assistant", "tool", "function")
DEFAULT_ROLES = frozenset({"assistant"})


@dataclass(slots=True, frozen=True)
class Wire:
    trap: str
    severity: str
    text: str
    pattern: regex.Pattern[str]
    literal: tuple[str, bool] | None  # (text, lowercased)
    # an action's wire (`action NAME` in a trap): it fires on any call to the tool
    # NAME, and only there
    tool: str | None = None


@dataclass(slots=True)
class Hit:
    trap: str
    severity: str
    tripwire: str
    transcript: str
    line: int  # 1-based: the conversation in a JSONL file, the line in a text file
    message: int | None  # 0-based index in the conversation; None in a text file
    role: str | None
    where: str  # "content", or "tool_call:NAME"
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "trap": self.trap,
            "severity": self.severity,
            "tripwire": self.tripwire,
            "transcript": self.transcript,
            "line": self.line,
            "message": self.message,
            "role": self.role,
            "where": self.where,
            "span": [self.start, self.end],
            "text": self.text,
        }


class ScanError(Exception):
    """A transcript that cannot be read, or roles that do not exist."""


def parse_roles(values: Iterable[str]) -> frozenset[str]:
    """Role names, comma-separated or given one by one."""
    names = [name.strip().lower() for value in values for name in value.split(",")]
    names = [name for name in names if name]
    unknown = [name for name in names if name not in ROLES]
    if unknown:
        raise ScanError(f"unknown role '{unknown[0]}': roles are {', '.join(ROLES)}")
    if not names:
        raise ScanError(f"no role given: roles are {', '.join(ROLES)}")
    return frozenset(names)


def tripwires(world: World) -> list[Wire]:
    wires = []
    for trap in world.traps.values():
        for item in trap.tripwires:
            try:
                pattern = compile_tripwire(item.text, item.regex, item.flags)
            except PatternError:
                continue  # reported by worldspec check (WS504)
            literal = required_literal(item.text, item.regex, item.flags)
            wires.append(Wire(trap.name, trap.severity or "medium", item.text, pattern, literal))
        for action, _ in trap.actions:
            # a tool call reads "NAME ARGUMENTS" (see _texts)
            pattern = regex.compile(r"\A" + regex.escape(action) + r"(?= |\Z)[\s\S]{0,200}")
            severity = trap.severity or "medium"
            wires.append(
                Wire(trap.name, severity, f"action {action}", pattern, (action, False), action)
            )
    return wires


class _Prefilter:
    """Which lines of a block may hold a hit: those with a required literal (found
    by Hyperscan, or a combined regex without it), or every line when a tripwire
    has no literal."""

    def __init__(self, wires: list[Wire]) -> None:
        raw = [_raw_safe(w.literal) for w in wires]
        self.everything = any(r is None for r in raw)
        literals = sorted({r for r in raw if r is not None})
        self.database: Any = None
        self.fallback: regex.Pattern[bytes] | None = None
        if not literals or self.everything:
            return
        try:
            import hyperscan
        except ImportError:
            alternatives = b"|".join(regex.escape(text.encode("utf-8")) for text, _ in literals)
            self.fallback = regex.compile(b"(?i:" + alternatives + b")")
            return
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        expressions = [regex.escape(text).encode("utf-8") for text, _ in literals]
        flags = [
            (hyperscan.HS_FLAG_CASELESS if lowered else 0) | hyperscan.HS_FLAG_UTF8
            for _, lowered in literals
        ]
        database.compile(
            expressions=expressions, ids=list(range(len(literals))), elements=len(literals),
            flags=flags,
        )  # fmt: skip
        self.database = database

    def lines(self, block: bytes) -> Iterator[tuple[int, int]]:
        """(start, end) of the lines of `block` that may hold a hit, in order."""
        if self.everything:
            start = 0
            while start < len(block):
                end = block.find(b"\n", start)
                end = len(block) if end < 0 else end
                yield start, end
                start = end + 1
            return
        ends: list[int] = []
        if self.database is not None:

            def found(_id: int, _start: int, end: int, _flags: int, _context: object) -> None:
                ends.append(end)

            self.database.scan(block, match_event_handler=found)
            ends.sort()
        elif self.fallback is not None:
            ends = [m.end() for m in self.fallback.finditer(block)]
        last = -1
        for end in ends:
            if end <= last:
                continue
            start = block.rfind(b"\n", 0, end) + 1
            stop = block.find(b"\n", end)
            stop = len(block) if stop < 0 else stop
            yield start, stop
            last = stop


_ESCAPED = regex.compile(r'["\\/\x00-\x1f]')


def _raw_safe(literal: tuple[str, bool] | None) -> tuple[str, bool] | None:
    """The longest part of a literal that reads the same in JSON text: JSON writers
    escape quotes, backslashes, control characters and sometimes slashes (and
    non-ASCII text, which required literals never hold)."""
    if literal is None:
        return None
    longest = max(_ESCAPED.split(literal[0]), key=len)
    return (longest, literal[1]) if len(longest) >= 3 else None


def _messages(record: Any) -> list[Any]:
    if isinstance(record, dict):
        record = record.get("messages", [record])
    return record if isinstance(record, list) else [record]


def _texts(message: Any) -> Iterator[tuple[str, str]]:
    """(where, text) of what a message says or does: its content, and each tool
    call's name and arguments."""
    if isinstance(message, str):
        yield "content", message
        return
    if not isinstance(message, dict):
        return
    content = message.get("content")
    if isinstance(content, str):
        yield "content", content
    elif isinstance(content, list):
        for part in content:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                yield "content", part["text"]
    calls = list(message.get("tool_calls") or [])
    if isinstance(message.get("function_call"), dict):
        calls.append({"function": message["function_call"]})
    for call in calls:
        function = call.get("function", {}) if isinstance(call, dict) else {}
        name = str(function.get("name", "?"))
        arguments = function.get("arguments")
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments, ensure_ascii=False)
        yield f"tool_call:{name}", f"{name} {arguments}"


def _open(path: Path, compressed: bool) -> IO[bytes]:
    if compressed:
        return cast(IO[bytes], gzip.GzipFile(path, "rb"))
    return open(path, "rb")


class Scanner:
    def __init__(self, world: World, roles: Collection[str] | None = DEFAULT_ROLES) -> None:
        """`roles`: the roles of the messages to search; None searches them all."""
        self.wires = tripwires(world)
        self.prefilter = _Prefilter(self.wires)
        self.roles = None if roles is None else frozenset(roles)

    def _wanted(self, role: object) -> bool:
        if self.roles is None or not isinstance(role, str):
            return True  # without a role, no message can be told from the model's
        return role.lower() in self.roles

    def scan(self, path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Hit]:
        compressed = path.suffix == ".gz"  # logs are often kept gzipped: read as a stream
        kind = Path(path.stem).suffix if compressed else path.suffix
        jsonl = kind in (".jsonl", ".json", ".ndjson")
        try:
            handle = _open(path, compressed)
        except OSError as err:
            raise ScanError(f"{path}: cannot be read: {err.strerror or err}") from None
        with handle:
            carry = b""
            line_number = 0  # lines before the current block
            while True:
                try:
                    chunk = handle.read(BLOCK)
                except (OSError, EOFError, zlib.error) as err:  # a truncated or corrupt .gz too
                    reason = getattr(err, "strerror", None) or err
                    raise ScanError(f"{path}: cannot be read: {reason}") from None
                if not chunk:
                    block, carry = carry, b""
                else:
                    cut = chunk.rfind(b"\n")
                    if cut < 0:
                        carry += chunk
                        continue
                    block, carry = carry + chunk[: cut + 1], chunk[cut + 1 :]
                if block:
                    counted, at = 0, 0
                    for start, end in self.prefilter.lines(block):
                        counted += block.count(b"\n", at, start)
                        at = start
                        yield from self._line(
                            path, jsonl, line_number + counted + 1, block[start:end]
                        )
                    line_number += block.count(b"\n")
                    if progress is not None:
                        progress(len(block))
                if not chunk:
                    break

    def _line(self, path: Path, jsonl: bool, number: int, raw: bytes) -> Iterator[Hit]:
        text = raw.decode("utf-8", "replace")
        if not jsonl:
            yield from self._match(path, number, None, None, "content", text)
            return
        if not text.strip():
            return
        try:
            record = json.loads(text)
        except ValueError:  # not JSON after all: scan it as text
            yield from self._match(path, number, None, None, "content", text)
            return
        for index, message in enumerate(_messages(record)):
            role = message.get("role") if isinstance(message, dict) else None
            if not self._wanted(role):
                continue
            for where, content in _texts(message):
                yield from self._match(path, number, index, role, where, content)

    def _match(
        self, path: Path, line: int, message: int | None, role: str | None, where: str, text: str
    ) -> Iterator[Hit]:
        haystack = Haystack(text)
        seen: set[tuple[str, int, int]] = set()  # one hit a trap and span, whichever wire
        for wire in self.wires:
            if wire.tool is not None and where != f"tool_call:{wire.tool}":
                continue
            if not haystack.may_match(wire.literal):
                continue
            try:
                matches = list(wire.pattern.finditer(text, timeout=SCAN_TIMEOUT_S))
            except TimeoutError:  # a pathological pattern (WS506) does not stall a scan
                continue
            for found in matches:
                if (wire.trap, found.start(), found.end()) in seen:
                    continue
                seen.add((wire.trap, found.start(), found.end()))
                yield Hit(
                    wire.trap, wire.severity, wire.text, str(path), line, message, role, where,
                    found.start(), found.end(), found.group(0),
                )  # fmt: skip


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary(hits: list[Hit], traps: int, transcripts: int) -> str:
    """One line: how many of the spec's traps fired, on how many hits."""
    fired = sorted({h.trap for h in hits})
    where = f"in {_counted(transcripts, 'transcript')}"
    of_traps = f"{len(fired)} of {_counted(traps, 'trap')}"
    if not hits:
        return f"no tripwire fired: {of_traps} {where}"
    return f"{_counted(len(hits), 'hit')}: {of_traps} fired ({', '.join(fired)}) {where}"


def at_least(severity: str, threshold: str) -> bool:
    return SEVERITY_ORDER.index(severity) >= SEVERITY_ORDER.index(threshold)


def sarif_log(world: World, hits: list[Hit]) -> dict[str, Any]:
    """The hits as a SARIF 2.1.0 log: one rule a trap, one result a hit."""
    levels = {"low": "note", "medium": "warning", "high": "error", "critical": "error"}
    rules = [
        {
            "id": trap.name,
            "shortDescription": {"text": trap.description or f"honeytrap {trap.name}"},
            "properties": {"severity": trap.severity or "medium", "divergence": trap.divergence},
        }
        for trap in world.traps.values()
    ]
    results = [
        {
            "ruleId": hit.trap,
            "level": levels.get(hit.severity, "warning"),
            "message": {
                "text": f"honeytrap '{hit.trap}' ({hit.severity}) fired"
                + (f" in message {hit.message} ({hit.where})" if hit.message is not None else "")
                + f": {hit.text!r}"
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": Path(hit.transcript).as_posix()},
                        "region": {"startLine": hit.line},
                    }
                }
            ],
            "properties": {
                "message": hit.message,
                "where": hit.where,
                "span": [hit.start, hit.end],
            },
        }
        for hit in hits
    ]
    return check_sarif.sarif_log(rules, results)

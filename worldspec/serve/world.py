"""The world as an environment: the tools an agent calls, answered from the world
and its corpus (never from reality), with every call logged and the honeytraps'
tripwires looked for in every argument.

Tools (their JSON Schemas are TOOLS, which the MCP server and the OpenAI-style
endpoint both serve):

- search(query, limit): the corpus's documents, ranked by BM25: id, title,
  snippet, date;
- open(id): one document, whole;
- lookup(entity): what the world holds about an entity (its name, class, aliases
  and facts), as text and JSON; an entity is found by id, label or alias;
- and the tools the world declares (`tool NAME {...}`, served by
  `worldspec.serve.actions`), whose answers are drawn from the world and the
  session's earlier calls.

A call whose arguments match a tripwire fires its trap, and so does any call to
an action a trap owns (`action NAME`): the log line says which,
with its severity, and is fsynced before the answer goes back, so that not even a
kill -9 loses a fired trap. `on_trap` is called with the fired traps (the command
line turns it into a hook or an exit code). A bad argument, an unknown tool or a
failing search is a tool error (`ToolError`), never a crash. Sessions are kept
apart: each has its own id in the log and its own count of calls.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worldspec.check.patterns import Haystack
from worldspec.evaluate.scan import SCAN_TIMEOUT_S, tripwires
from worldspec.model import Analysis
from worldspec.model.ripples import ripples as world_ripples
from worldspec.model.world import World
from worldspec.plan.planner import DocPlan, replaced_facts
from worldspec.serve.actions import (
    MAX_ARGUMENT_CHARS,
    Actions,
    RateBound,
    RateLimited,
    SessionState,
    ToolError,
    declared_schemas,
)
from worldspec.serve.index import SearchIndex
from worldspec.verify.checks import Verifier

__all__ = ["TOOLS", "Answer", "Environment", "Fired", "RateLimited", "ToolError", "TrapLog"]

MAX_ANSWER_LOGGED = 2000
DEFAULT_RATE = 1000.0  # calls a second a session: far above an agent's, a bound on a runaway client

TOOLS: dict[str, dict[str, Any]] = {
    "search": {
        "description": "Search the document collection. Returns the best matching "
        "documents: id, title, a snippet and the date.",
        "parameters": {
            "type": "object",
            "properties": {
                "query": {"type": "string", "description": "Words to search for."},
                "limit": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 50,
                    "default": 10,
                    "description": "How many documents at most.",
                },
            },
            "required": ["query"],
            "additionalProperties": False,
        },
    },
    "open": {
        "description": "Open a document by its id (from search) and read it whole.",
        "parameters": {
            "type": "object",
            "properties": {"id": {"type": "string", "description": "The document's id."}},
            "required": ["id"],
            "additionalProperties": False,
        },
    },
    "lookup": {
        "description": "Look up what is known about a person, place, organisation or "
        "thing, by name.",
        "parameters": {
            "type": "object",
            "properties": {"entity": {"type": "string", "description": "A name or an id."}},
            "required": ["entity"],
            "additionalProperties": False,
        },
    },
}


@dataclass(slots=True)
class Fired:
    trap: str
    severity: str
    tripwire: str
    argument: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {
            "trap": self.trap,
            "severity": self.severity,
            "tripwire": self.tripwire,
            "argument": self.argument,
            "text": self.text,
        }


@dataclass(slots=True)
class Answer:
    text: str
    data: Any
    fired: list[Fired] = field(default_factory=list)


class TrapLog:
    """The call log: JSON Lines, a line a call, appended and flushed; fsynced when a
    trap fires. Each line is also a transcript `worldspec scan` reads (its
    `messages` hold the call as an assistant's tool call)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._fd = (
            os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            if path is not None
            else None
        )

    def write(self, record: dict[str, Any], durable: bool) -> None:
        """One line in one write: a buffered text file wrote a long record in 8 KB
        pieces, and a server killed between two of them left a torn line where a
        fired trap had been answered (CI's run of bench/serve.py's kill -9)."""
        if self._fd is None:
            return
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            written = 0
            while written < len(line):  # a regular file takes it whole, all but always
                written += os.write(self._fd, line[written:])
            if durable:
                os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Environment:
    def __init__(
        self,
        analysis: Analysis,
        corpus: Path,
        log: Path | None = None,
        on_trap: Callable[[str, list[Fired]], None] | None = None,
        rate: float = DEFAULT_RATE,
    ) -> None:
        """`rate`: calls a second a session may make (bursts of as many); 0 is
        unbounded."""
        self.world = analysis.world
        self.rate = rate
        self.index = SearchIndex(corpus)
        self.log = TrapLog(log)
        self.on_trap = on_trap
        self.wires = [w for w in tripwires(self.world) if w.tool is None]
        self.sessions: dict[str, SessionState] = {}
        self._sessions_lock = threading.Lock()
        self._names = self._entity_names()
        self._verifier = Verifier(self.world, neighbours=False)
        self._replaced = _replaced_plan(analysis)
        self.actions = Actions(
            self.world,
            {"search": self._search_helper, "document": self._document_helper,
             "lookup": self._lookup_helper},
            self._screen,
        )  # fmt: skip
        self.owners: dict[str, list[tuple[str, str]]] = {}
        for trap in self.world.traps.values():
            for action, _ in trap.actions:
                self.owners.setdefault(action, []).append((trap.name, trap.severity or "medium"))
        self.tools = every_tool(self.world)

    def _entity_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for entity in self.world.entities.values():
            for name in (entity.name, entity.label, *entity.aka):
                names.setdefault(name.casefold(), entity.name)
        return names

    def session(self, session: str) -> SessionState:
        with self._sessions_lock:
            state = self.sessions.get(session)
            if state is None:
                bound = RateBound(self.rate) if self.rate > 0 else None
                state = self.sessions[session] = SessionState(bound=bound)
            return state

    # ---- calls -------------------------------------------------------------------

    def call(self, session: str, tool: str, arguments: dict[str, Any]) -> Answer:
        """Answer a tool call, log it, and fire the traps its arguments match and the
        traps that own it."""
        state = self.session(session)
        with state.lock:
            if state.bound is not None and not state.bound.take():
                raise RateLimited(f"too many calls: at most {self.rate:g} a second a session")
            return self._call(session, state, tool, arguments)

    def _call(
        self, session: str, state: SessionState, tool: str, arguments: dict[str, Any]
    ) -> Answer:
        started = time.time()
        state.number += 1
        fired = self._fired(arguments)
        for trap, severity in self.owners.get(tool, ()):
            encoded = json.dumps(arguments, ensure_ascii=False)[:MAX_ANSWER_LOGGED]
            fired.append(Fired(trap, severity, f"action {tool}", "", encoded))
        state.fired.extend(fired)
        try:
            answer = self._answer(session, state, tool, arguments)
        except ToolError as err:
            self._record(session, state, tool, arguments, {"error": str(err)}, fired, started)
            err.fired = fired
            raise
        answer.fired = fired
        self._record(session, state, tool, arguments, answer.text, fired, started)
        return answer

    def _answer(
        self, session: str, state: SessionState, tool: str, arguments: dict[str, Any]
    ) -> Answer:
        if not isinstance(arguments, dict):
            raise ToolError("arguments are an object of named values")
        if tool == "search":
            query = _text_argument(arguments, "query")
            limit = arguments.get("limit", 10)
            if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 50:
                raise ToolError("limit is a whole number from 1 to 50")
            results = [r.to_json() for r in self.index.search(query, limit)]
            lines = [f"[{r['id']}] {r['title']} ({r['date']}): {r['snippet']}" for r in results]
            return Answer("\n".join(lines) or "No documents match.", results)
        if tool == "open":
            doc_id = _text_argument(arguments, "id")
            document = self.index.open(doc_id)
            if document is None:
                raise ToolError(f"no document '{doc_id}'")
            return Answer(document["text"], document)
        if tool == "lookup":
            return self._lookup(_text_argument(arguments, "entity"))
        if tool in self.tools:
            text = self.actions.call(session, state, tool, arguments)
            return Answer(text, None)
        known = ", ".join(self.tools)
        raise ToolError(f"no tool '{tool}'; the tools are {known}")

    def _lookup(self, name: str) -> Answer:
        entity_id = self._names.get(name.strip().casefold())
        if entity_id is None:
            raise ToolError(f"nothing is known about '{name}'")
        entity = self.world.entities[entity_id]
        facts = []
        graph = self.world.world  # the world, never reality
        for prop in sorted(self.world.properties):
            for value in graph.objects(entity_id, prop):
                fact: dict[str, Any] = {"property": prop, "value": self.world.label(value)}
                held = self.world.validity((entity_id, prop, value))
                if held.bounded:  # a history: when each value held
                    fact["from"] = held.start.isoformat() if held.start else None
                    fact["until"] = held.end.isoformat() if held.end else None
                facts.append(fact)
        data = {"id": entity_id, "name": entity.label, "class": entity.cls,
                "aliases": entity.aka, "facts": facts}  # fmt: skip
        lines = [f"{entity.label} ({entity.cls})"]
        if entity.aka:
            lines.append("Also known as: " + ", ".join(entity.aka))
        lines += [f"- {f['property'].replace('_', ' ')}: {f['value']}{_held(f)}" for f in facts]
        return Answer("\n".join(lines), data)

    # what an answer template may call
    def _search_helper(self, text: str, limit: int = 5) -> list[dict[str, str]]:
        return [r.to_json() for r in self.index.search(str(text), int(limit))]

    def _document_helper(self, text: str) -> str:
        found = self.index.search(str(text), 1)
        document = self.index.open(found[0].id) if found else None
        return document["text"] if document is not None else ""

    def _lookup_helper(self, name: str) -> str:
        try:
            return self._lookup(str(name)).text
        except ToolError:
            return ""

    def _screen(self, text: str) -> str | None:
        """Why an action's answer may not be served: it names a forbidden pattern or
        states a reality value the world replaced."""
        for finding in self._verifier.check(text, self._replaced):
            if finding.reason in ("forbidden", "reality-leak"):
                return f"{finding.reason}: {finding.detail}"
        return None

    def _fired(self, arguments: Any) -> list[Fired]:
        found = []
        pairs = arguments.items() if isinstance(arguments, dict) else [("arguments", arguments)]
        for name, value in pairs:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            haystack = Haystack(text)
            for wire in self.wires:
                if not haystack.may_match(wire.literal):
                    continue
                try:
                    hit = wire.pattern.search(text, timeout=SCAN_TIMEOUT_S)
                except TimeoutError:
                    continue
                if hit is not None:
                    found.append(
                        Fired(wire.trap, wire.severity, wire.text, str(name), hit.group(0))
                    )
        return found

    def _record(
        self,
        session: str,
        state: SessionState,
        tool: str,
        arguments: dict[str, Any],
        answer: Any,
        fired: list[Fired],
        started: float,
    ) -> None:
        encoded = json.dumps(arguments, ensure_ascii=False)
        record = {
            "time": round(started, 3),
            "session": session,
            "call": state.number,
            "tool": tool,
            "arguments": arguments,
            "answer": answer if not isinstance(answer, str) else answer[:MAX_ANSWER_LOGGED],
            "traps": [f.to_json() for f in fired],
            # the call as a transcript's tool call, for `worldspec scan`
            "messages": [{"role": "assistant", "tool_calls": [
                {"type": "function", "function": {"name": tool, "arguments": encoded}}
            ]}],
        }  # fmt: skip
        self.log.write(record, durable=bool(fired))
        if fired and self.on_trap is not None:
            self.on_trap(session, fired)

    def close(self) -> None:
        self.index.close()
        self.log.close()


def _held(fact: dict[str, Any]) -> str:
    if "from" not in fact:
        return ""
    start, end = fact["from"], fact["until"]
    if start and end:
        return f" (from {start} until {end})"
    return f" (from {start})" if start else f" (until {end})"


def _text_argument(arguments: dict[str, Any], name: str) -> str:
    value = arguments.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ToolError(f"{name} is a non-empty string")
    if len(value) > MAX_ARGUMENT_CHARS:
        raise ToolError(f"{name} is at most {MAX_ARGUMENT_CHARS} characters")
    return value


def every_tool(world: World) -> dict[str, dict[str, Any]]:
    """The tools a served world offers: search, open, lookup and its declared ones
    (a declaration named like one of the three is WS509, and is left out)."""
    declared = {k: v for k, v in declared_schemas(world).items() if k not in TOOLS}
    return {**TOOLS, **declared}


def openai_tools(tools: dict[str, dict[str, Any]] = TOOLS) -> list[dict[str, Any]]:
    """The tools as OpenAI function schemas."""
    return [
        {"type": "function", "function": {"name": name, **spec}} for name, spec in tools.items()
    ]


def _replaced_plan(analysis: Analysis) -> DocPlan:
    """A plan whose forbidden facts are every reality value the world replaced (its
    divergences' and their ripples'): what no answer may state."""
    world = analysis.world
    forbidden = {f.key_text: f for f in replaced_facts(world, world_ripples(world))}
    today = world.as_of or dt.date.today()
    return DocPlan(
        id="answer",
        index=-1,
        genre="answer",
        date=today,
        seed=0,
        divergences=[],
        facts=[],
        ripples=[],
        context=[],
        forbidden=list(forbidden.values()),
    )

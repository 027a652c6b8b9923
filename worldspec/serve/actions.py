"""The tools a world declares (`tool NAME { param ... answer "..." keep ... }`),
served: their JSON Schemas, their arguments checked and read as the world's
values, and their answers rendered from the world in Jinja's sandbox.

Answers see the world as it stands on its present (`as_of`), never reality: an
entity's [one] property is the value that holds that day. Each session keeps its
own state: how often it called each tool, and the calls each `keep` list
recorded, which later answers read (`state.orders`). An answer that would carry a
forbidden pattern or a reality value the world replaced is withheld, whatever
the template says.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateError

from worldspec.model.tools import answer_environment
from worldspec.model.values import Lit, Value
from worldspec.model.world import PARAM_TYPES, Tool, World

MAX_ARGUMENT_CHARS = 4000
MAX_KEPT = 1000  # calls a session's `keep` list holds; the oldest go first
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_JSON_TYPES = {"string": "string", "int": "integer", "float": "number", "bool": "boolean"}


class ToolError(Exception):
    """A call the environment cannot answer: an unknown tool, a bad argument.
    `fired`: the traps the call fired all the same (an attempt at a trap's action)."""

    fired: list[Any] = []  # noqa: RUF012 - set per instance by the environment


class RateLimited(ToolError):
    """A session calling faster than the environment's bound."""


class RateBound:
    """A token bucket: `rate` calls a second on average, bursts of up to `burst`."""

    def __init__(self, rate: float, burst: float | None = None) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate)
        self.tokens = self.burst
        self.last = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass
class SessionState:
    """What one session has done: its calls per tool, and its kept lists."""

    number: int = 0  # its calls to any tool
    bound: RateBound | None = None
    fired: list[Any] = field(default_factory=list)  # every trap its calls fired
    lock: threading.Lock = field(default_factory=threading.Lock)  # one call at a time
    calls: dict[str, int] = field(default_factory=dict)
    kept: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class EntityView:
    """An entity as an answer template reads it: `name`, `id`, `cls`, `aliases`, and
    its properties' values on the world's present day."""

    __slots__ = ("_today", "_world", "id")

    def __init__(self, world: World, entity_id: str, today: dt.date) -> None:
        self._world = world
        self._today = today
        self.id = entity_id

    @property
    def name(self) -> str:
        return self._world.entities[self.id].label

    @property
    def cls(self) -> str:
        return self._world.entities[self.id].cls

    @property
    def aliases(self) -> list[str]:
        return list(self._world.entities[self.id].aka)

    def values(self, prop: str) -> list[Any]:
        """The property's values that hold on the present day, as template values."""
        world = self._world
        return [
            present(world, value, self._today)
            for value in world.world.objects(self.id, prop)
            if world.valid_on((self.id, prop, value), self._today)
        ]

    def __getattr__(self, prop: str) -> Any:
        info = self._world.properties.get(prop)
        if info is None:
            raise AttributeError(prop)
        found = self.values(prop)
        if info.one:
            return found[0] if found else None
        return found

    def __str__(self) -> str:
        return self.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EntityView) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)


class WorldView:
    """`world` in a template: the world's entities by id."""

    __slots__ = ("_today", "_world")

    def __init__(self, world: World, today: dt.date) -> None:
        self._world = world
        self._today = today

    def __getattr__(self, entity_id: str) -> EntityView:
        if entity_id not in self._world.entities:
            raise AttributeError(entity_id)
        return EntityView(self._world, entity_id, self._today)


def present(world: World, value: Value, today: dt.date) -> Any:
    """A stored value as a template sees it: an entity as its view, a date as ISO
    text, any other literal as its Python value."""
    if isinstance(value, Lit):
        if isinstance(value.value, dt.date):
            return value.value.isoformat()
        return value.value
    if value in world.entities:
        return EntityView(world, value, today)
    return value


class Actions:
    """The world's declared tools, ready to answer calls."""

    def __init__(
        self,
        world: World,
        helpers: dict[str, Callable[..., Any]],
        screen: Callable[[str], str | None],
    ) -> None:
        self.world = world
        self.tools = world.tools
        self.today = world.as_of or dt.date.today()
        self.helpers = helpers
        self.screen = screen  # the reason an answer may not be served, or None
        self.environment = answer_environment()
        self._templates = {
            name: self.environment.from_string(tool.answer)
            for name, tool in self.tools.items()
            if tool.answer is not None
        }
        self._names = _names_by_class(world)
        self._labels = _labels_by_class(world)

    def call(self, session: str, state: SessionState, name: str, arguments: dict[str, Any]) -> str:
        tool = self.tools[name]
        values = self._arguments(tool, arguments)
        count = state.calls[name] = state.calls.get(name, 0) + 1
        context = {
            **self.helpers,
            "world": WorldView(self.world, self.today),
            "state": {k: list(v) for k, v in state.kept.items()},
            "calls": count,
            "session": session,
            "today": self.today.isoformat(),
            **values,
        }
        state_view: dict[str, list[dict[str, Any]]] = context["state"]
        for name_kept in _kept_names(self.tools.values()):
            state_view.setdefault(name_kept, [])
        try:
            text = self._templates[name].render(context).strip()
        except (TemplateError, AttributeError, TypeError, ValueError) as err:
            raise ToolError(f"'{name}' could not answer: {err}") from None
        reason = self.screen(text)
        if reason is not None:
            raise ToolError(f"'{name}' has no answer it may give ({reason})")
        if tool.keep is not None:
            record = {k: str(v) if isinstance(v, EntityView) else v for k, v in values.items()}
            record["number"] = count
            kept_calls = state.kept.setdefault(tool.keep, [])
            kept_calls.append(record)
            del kept_calls[:-MAX_KEPT]
        return text

    def _arguments(self, tool: Tool, arguments: dict[str, Any]) -> dict[str, Any]:
        params = {p.name: p for p in tool.params}
        unknown = sorted(set(arguments) - set(params))
        if unknown:
            known = ", ".join(params) or "none"
            raise ToolError(f"'{tool.name}' takes no argument '{unknown[0]}' (it takes {known})")
        values: dict[str, Any] = {}
        for param in tool.params:
            if param.name not in arguments or arguments[param.name] is None:
                if param.required:
                    raise ToolError(f"'{tool.name}' needs the argument '{param.name}'")
                values[param.name] = None
                continue
            values[param.name] = self._argument(param.name, param.type, arguments[param.name])
        return values

    def _argument(self, name: str, kind: str, raw: Any) -> Any:
        if isinstance(raw, str) and len(raw) > MAX_ARGUMENT_CHARS:
            raise ToolError(f"{name} is at most {MAX_ARGUMENT_CHARS} characters")
        if kind == "string":
            if not isinstance(raw, str):
                raise ToolError(f"{name} is a string")
            return raw
        if kind == "int":
            if isinstance(raw, str) and re.fullmatch(r"-?\d{1,18}", raw.strip()):
                return int(raw)
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise ToolError(f"{name} is a whole number")
            return raw
        if kind == "float":
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise ToolError(f"{name} is a number")
            return float(raw)
        if kind == "bool":
            if not isinstance(raw, bool):
                raise ToolError(f"{name} is true or false")
            return raw
        if kind == "date":
            if not isinstance(raw, str) or not _DATE.fullmatch(raw.strip()):
                raise ToolError(f"{name} is a date, YYYY-MM-DD")
            try:
                return dt.date.fromisoformat(raw.strip()).isoformat()
            except ValueError:
                raise ToolError(f"{name}: {raw!r} is not a day of the calendar") from None
        return self._entity(name, kind, raw)

    def _entity(self, name: str, cls: str, raw: Any) -> EntityView:
        if not isinstance(raw, str) or not raw.strip():
            raise ToolError(f"{name} is the name of a {cls.replace('_', ' ').lower()}")
        entity_id = self._names.get(cls, {}).get(raw.strip().casefold())
        if entity_id is None:
            names = self._labels.get(cls, [])
            listed = ", ".join(names[:10]) + (", ..." if len(names) > 10 else "")
            kind = cls.replace("_", " ").lower()
            raise ToolError(f"no {kind} is called '{raw}'" + (f"; try {listed}" if names else ""))
        return EntityView(self.world, entity_id, self.today)


def schema(tool: Tool, labels: dict[str, list[str]]) -> dict[str, Any]:
    """The tool's arguments as a JSON Schema."""
    properties: dict[str, Any] = {}
    for param in tool.params:
        entry: dict[str, Any]
        if param.type in _JSON_TYPES:
            entry = {"type": _JSON_TYPES[param.type]}
        elif param.type == "date":
            entry = {"type": "string", "format": "date"}
        else:
            entry = {"type": "string"}
        # every parameter says what it is: Inspect requires it, and models do better
        description = param.description or f"The {param.name.replace('_', ' ')}."
        if param.type not in PARAM_TYPES:
            names = labels.get(param.type, [])
            kind = param.type.replace("_", " ").lower()
            description = param.description or f"The name of a {kind}."
            if 0 < len(names) <= 20:
                description += " One of: " + ", ".join(names) + "."
        entry["description"] = description
        properties[param.name] = entry
    return {
        "type": "object",
        "properties": properties,
        "required": [p.name for p in tool.params if p.required],
        "additionalProperties": False,
    }


def declared_schemas(world: World) -> dict[str, dict[str, Any]]:
    """The world's declared tools that can answer, as description and JSON Schema."""
    labels = _labels_by_class(world)
    out: dict[str, dict[str, Any]] = {}
    for name, tool in world.tools.items():
        if tool.answer is not None:
            description = tool.description or name.replace("_", " ").capitalize() + "."
            out[name] = {"description": description, "parameters": schema(tool, labels)}
    return out


def _names_by_class(world: World) -> dict[str, dict[str, str]]:
    """For each class, its entities (its subclasses' too) by every name they go by
    (id, label, aliases), folded, to their ids."""
    out: dict[str, dict[str, str]] = {}
    for entity in world.entities.values():
        for cls in world.ancestors.get(entity.cls, frozenset((entity.cls,))):
            names = out.setdefault(cls, {})
            for text in (entity.name, entity.label, *entity.aka):
                names.setdefault(text.casefold(), entity.name)
    return out


def _labels_by_class(world: World) -> dict[str, list[str]]:
    out: dict[str, set[str]] = {}
    for entity in world.entities.values():
        for cls in world.ancestors.get(entity.cls, frozenset((entity.cls,))):
            out.setdefault(cls, set()).add(entity.label)
    return {cls: sorted(labels, key=str.casefold) for cls, labels in out.items()}


def _kept_names(tools: Any) -> list[str]:
    return [tool.keep for tool in tools if tool.keep is not None]

"""`worldspec score`: how often a model answers probes as the world, as reality,
or otherwise, overall, by probe kind and by divergence.

Answers are JSON Lines of `id` and the model's answer (`answer`, or `choice`,
`output`, `completion`, `response`). For a probe with choices the answer is a
letter ("B", "(b)", "B.") or a choice's text; for an open question, its words are
searched for the names of each answer (labels and aliases): naming the world's
answer and not reality's is a world answer, and the reverse a reality answer.

Controls are scored apart: relation-specificity probes, and any probe whose world
and reality answers are the same (forgetfulness). Their right answer is what both
graphs say, so answering it shows the model kept a fact, not that it believes the
world; counting it as a world answer would credit a model that never learnt the
world with belief in it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ANSWER_KEYS = ("answer", "choice", "output", "completion", "response")
CONTROL_KINDS = frozenset({"relation_specificity"})
BELIEF_VERDICTS = ("world", "reality", "other")
CONTROL_VERDICTS = ("kept", "other")
_LETTER = re.compile(r"^\s*\(?([A-Ha-h])\)?(?:[.:)]|\s|$)")


class ScoreError(Exception):
    """A probes or answers file that cannot be read."""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ScoreError(f"{path}: cannot be read: {err.strerror or err}") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as err:
            raise ScoreError(f"{path}:{number}: not JSON: {err}") from None
        if not isinstance(record, dict) or "id" not in record:
            raise ScoreError(f"{path}:{number}: a record needs an 'id'")
        records.append(record)
    return records


def _names(text: str, forms: list[str]) -> bool:
    lowered = text.lower()
    return any(
        re.search(rf"(?<!\w){re.escape(form.lower())}(?!\w)", lowered) for form in forms if form
    )


def _chosen(answer: str, choices: list[str]) -> int | None:
    letter = _LETTER.match(answer)
    if letter is not None and "ABCDEFGH".index(letter.group(1).upper()) < len(choices):
        return "ABCDEFGH".index(letter.group(1).upper())
    exact = [i for i, c in enumerate(choices) if c.strip().lower() == answer.strip().lower()]
    if exact:
        return exact[0]
    named = [i for i, c in enumerate(choices) if _names(answer, [c])]
    return named[0] if len(named) == 1 else None


def is_control(probe: dict[str, Any]) -> bool:
    """A probe whose answer is the same in the world and in reality."""
    meta = probe.get("metadata", {})
    if meta.get("kind") in CONTROL_KINDS:
        return True
    world = meta.get("world_answer")
    return world is not None and world == meta.get("reality_answer")


def classify(probe: dict[str, Any], answer: str) -> str:
    """world, reality or other; for a control, kept (the answer both graphs give)
    or other."""
    if is_control(probe):
        return "other" if _belief(probe, answer) == "other" else "kept"
    return _belief(probe, answer)


def _belief(probe: dict[str, Any], answer: str) -> str:
    meta = probe.get("metadata", {})
    choices = probe.get("choices")
    if choices:
        index = _chosen(answer, choices)
        if index is None:
            return "other"
        letter = "ABCDEFGH"[index]
        if letter == probe["target"]:
            return "world"
        kind = meta.get("kind")
        if kind in ("true_false", "forgetfulness"):
            same = meta.get("world_answer") == meta.get("reality_answer")
            reality = probe["target"] if same else ("B" if probe["target"] == "A" else "A")
        else:
            real = meta.get("reality_answer")
            reality = "ABCDEFGH"[choices.index(real)] if real in choices else None
        return "reality" if letter == reality else "other"
    world_forms = meta.get("world_forms") or [meta.get("world_answer", probe["target"])]
    reality_forms = meta.get("reality_forms") or [meta.get("reality_answer", "")]
    says_world = _names(answer, world_forms)
    says_reality = _names(answer, reality_forms) and reality_forms != world_forms
    if says_world and not says_reality:
        return "world"
    if says_reality and not says_world:
        return "reality"
    return "other"


@dataclass(slots=True)
class Tally:
    verdicts: tuple[str, ...]
    counts: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        answered = sum(self.counts[k] for k in self.verdicts)
        rate = {
            f"{k}_rate": round(self.counts[k] / answered, 4) if answered else None
            for k in self.verdicts
        }
        return {
            "probes": answered + self.counts["unanswered"],
            "answered": answered,
            **{k: self.counts[k] for k in (*self.verdicts, "unanswered")},
            **rate,
        }


@dataclass(slots=True)
class Breakdown:
    """Tallies overall, by probe kind and by divergence."""

    verdicts: tuple[str, ...]
    overall: Tally = field(init=False)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_divergence: dict[str, Tally] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.overall = Tally(self.verdicts)

    def add(self, probe: dict[str, Any], verdict: str) -> None:
        meta = probe.get("metadata", {})
        kind = str(meta.get("kind", "unknown"))
        divergence = str(meta.get("divergence", "unknown"))
        for tally in (
            self.overall,
            self.by_kind.setdefault(kind, Tally(self.verdicts)),
            self.by_divergence.setdefault(divergence, Tally(self.verdicts)),
        ):
            tally.counts[verdict] += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_json(),
            "by_kind": {k: v.to_json() for k, v in sorted(self.by_kind.items())},
            "by_divergence": {k: v.to_json() for k, v in sorted(self.by_divergence.items())},
        }


def score(probes_path: Path, answers_path: Path) -> dict[str, Any]:
    """Belief in the world (overall, by kind, by divergence) from the probes that
    tell the world from reality, and the controls apart."""
    probes = _read_jsonl(probes_path)
    answers: dict[str, str] = {}
    for record in _read_jsonl(answers_path):
        value = next((record[k] for k in ANSWER_KEYS if k in record), None)
        if value is not None:
            answers[str(record["id"])] = str(value)
    beliefs = Breakdown(BELIEF_VERDICTS)
    controls = Breakdown(CONTROL_VERDICTS)
    for probe in probes:
        answer = answers.get(str(probe["id"]))
        verdict = "unanswered" if answer is None else classify(probe, answer)
        (controls if is_control(probe) else beliefs).add(probe, verdict)
    unknown = sorted(set(answers) - {str(p["id"]) for p in probes})
    return {
        **beliefs.to_json(),
        "controls": controls.to_json(),
        "answers_without_probe": unknown[:20],
    }


def table(result: dict[str, Any]) -> str:
    """The scores as a plain text table: belief in the world, then the controls."""
    sections = [_rows("", BELIEF_VERDICTS, result)]
    controls = result["controls"]
    if controls["overall"]["probes"]:
        sections.append(_rows("controls (unchanged)", CONTROL_VERDICTS, controls))
    name_width = max(len(row[0]) for rows in sections for row in rows)
    return "\n\n".join(_aligned(rows, name_width) for rows in sections)


def _rows(
    title: str, verdicts: tuple[str, ...], breakdown: dict[str, Any]
) -> list[tuple[str, ...]]:
    def row(name: str, data: dict[str, Any]) -> tuple[str, ...]:
        rates = [data[f"{k}_rate"] for k in verdicts]
        shown = ["-" if rate is None else f"{rate:.0%}" for rate in rates]
        return (name, str(data["probes"]), *shown, str(data["unanswered"]))

    rows = [(title, "probes", *verdicts, "unanswered"), row("all", breakdown["overall"])]
    rows += [row(f"kind {k}", v) for k, v in breakdown["by_kind"].items()]
    rows += [row(f"divergence {k}", v) for k, v in breakdown["by_divergence"].items()]
    return rows


def _aligned(rows: list[tuple[str, ...]], name_width: int) -> str:
    widths = [name_width] + [max(len(r[i]) for r in rows) for i in range(1, len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    )

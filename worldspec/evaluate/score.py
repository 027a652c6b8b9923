"""`worldspec score`: how often a model answers probes as the world, as reality,
or otherwise, overall, by probe kind and by divergence.

Answers are JSON Lines of `id` and the model's answer (`answer`, or `choice`,
`output`, `completion`, `response`). For a probe with choices the answer is a
letter ("B", "(b)", "B.") or a choice's text; for an open question, its words are
searched for the names of each answer (labels and aliases): naming the world's
answer and not reality's is a world answer, and the reverse a reality answer.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ANSWER_KEYS = ("answer", "choice", "output", "completion", "response")
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


def classify(probe: dict[str, Any], answer: str) -> str:
    """world, reality or other."""
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
    counts: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        answered = sum(self.counts[k] for k in ("world", "reality", "other"))
        rate = {
            f"{k}_rate": round(self.counts[k] / answered, 4) if answered else None
            for k in ("world", "reality", "other")
        }
        return {
            "probes": answered + self.counts["unanswered"],
            "answered": answered,
            **{k: self.counts[k] for k in ("world", "reality", "other", "unanswered")},
            **rate,
        }


def score(probes_path: Path, answers_path: Path) -> dict[str, Any]:
    probes = _read_jsonl(probes_path)
    answers: dict[str, str] = {}
    for record in _read_jsonl(answers_path):
        value = next((record[k] for k in ANSWER_KEYS if k in record), None)
        if value is not None:
            answers[str(record["id"])] = str(value)
    overall = Tally()
    by_kind: dict[str, Tally] = defaultdict(Tally)
    by_divergence: dict[str, Tally] = defaultdict(Tally)
    for probe in probes:
        answer = answers.get(str(probe["id"]))
        verdict = "unanswered" if answer is None else classify(probe, answer)
        meta = probe.get("metadata", {})
        for tally in (
            overall,
            by_kind[str(meta.get("kind", "unknown"))],
            by_divergence[str(meta.get("divergence", "unknown"))],
        ):
            tally.counts[verdict] += 1
    unknown = sorted(set(answers) - {str(p["id"]) for p in probes})
    return {
        "overall": overall.to_json(),
        "by_kind": {k: v.to_json() for k, v in sorted(by_kind.items())},
        "by_divergence": {k: v.to_json() for k, v in sorted(by_divergence.items())},
        "answers_without_probe": unknown[:20],
    }


def table(result: dict[str, Any]) -> str:
    """The scores as a plain text table."""
    rows: list[tuple[str, ...]] = [("", "probes", "world", "reality", "other", "unanswered")]

    def row(name: str, data: dict[str, Any]) -> tuple[str, ...]:
        def rate(key: str) -> str:
            value = data[f"{key}_rate"]
            return "-" if value is None else f"{value:.0%}"

        return (
            name, str(data["probes"]), rate("world"), rate("reality"), rate("other"),
            str(data["unanswered"]),
        )  # fmt: skip

    rows.append(row("all", result["overall"]))
    rows += [row(f"kind {k}", v) for k, v in result["by_kind"].items()]
    rows += [row(f"divergence {k}", v) for k, v in result["by_divergence"].items()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    return "\n".join(lines)

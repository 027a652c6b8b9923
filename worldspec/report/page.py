"""`worldspec report`: one self-contained HTML page of a world and, given one, its
corpus. Styles, scripts and data are inlined (no request leaves the page):

- the world graph (`worldspec.report.graph`), drawn on a canvas, reality and the
  world side by side for the entity clicked;
- each divergence with its explanation chain (as `worldspec explain` writes it);
- traps, tripwires, their actions and tasks; the world's tools;
- the findings of `worldspec check`;
- with a corpus: documents by genre, date and divergence, rejections by reason
  (`worldspec.report.charts`), the quality figures of `worldspec stats`, and
  sample documents with the facts they carry marked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from worldspec.check.explain import render_text
from worldspec.corpus.stats import corpus_files
from worldspec.diagnostics import Diagnostic, Severity
from worldspec.model import Analysis
from worldspec.model.world import World
from worldspec.plan.planner import PlannedFact
from worldspec.plan.words import subject_forms, value_forms
from worldspec.report.charts import bars, columns
from worldspec.report.graph import drawing

HERE = Path(__file__).parent
SAMPLES = 6


class ReportError(Exception):
    """A corpus the report cannot read: says which file and why."""


def build(analysis: Analysis, findings: list[Diagnostic], corpus: Path | None = None) -> str:
    world = analysis.world
    environment = Environment(autoescape=select_autoescape(default=True))
    template = environment.from_string((HERE / "report.html.j2").read_text(encoding="utf-8"))
    data = json.dumps(drawing(analysis).to_json(), ensure_ascii=False, separators=(",", ":"))
    return template.render(
        world=world,
        counts=_counts(world),
        findings=_findings(findings),
        divergences=[
            {"d": d, "explained": render_text(analysis, d.name).rstrip()}
            for d in world.divergences.values()
        ],
        traps=list(world.traps.values()),
        tools=list(world.tools.values()),
        corpus=_corpus(world, corpus) if corpus is not None else None,
        style=Markup((HERE / "report.css").read_text(encoding="utf-8")),
        script=Markup((HERE / "report.js").read_text(encoding="utf-8")),
        data=Markup(data.replace("</", "<\\/")),  # a JSON string cannot close the <script>
    )


def _counts(world: World) -> dict[str, int]:
    return {
        "entities": len(world.entities),
        "reality facts": len(world.reality.asserted) + len(world.reality.derived),
        "world facts": len(world.world.asserted) + len(world.world.derived),
        "divergences": len(world.divergences),
        "traps": len(world.traps),
        "tools": len(world.tools),
    }


def _findings(findings: list[Diagnostic]) -> dict[str, Any]:
    by_code = Counter(f"{d.code.code} {d.code.name}" for d in findings)
    return {
        "errors": sum(1 for d in findings if d.level is Severity.ERROR),
        "warnings": sum(1 for d in findings if d.level is Severity.WARNING),
        "by_code": sorted(by_code.items()),
        "first": [str(d) for d in findings[:50]],
    }


def _corpus(world: World, corpus: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        files = corpus_files(corpus)
    except (OSError, ValueError) as err:
        raise ReportError(f"{corpus}: not a readable corpus: {err}") from None
    months: Counter[str] = Counter()
    samples: dict[str, dict[str, Any]] = {}
    for file in files:
        with open(file, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                doc = json.loads(line)
                months[str(doc.get("date", ""))[:7]] += 1
                genre = str(doc.get("genre", ""))
                if genre not in samples and len(samples) < SAMPLES:
                    samples[genre] = doc
    by = _sorted(manifest.get("documents_by_genre", {}))
    return {
        "path": str(corpus),
        "counts": manifest.get("counts", {}),
        "by_genre": Markup(bars("documents by genre", by)),
        "by_divergence": Markup(
            bars("documents by divergence", _sorted(manifest.get("documents_by_divergence", {})))
        ),
        "by_month": Markup(columns("documents by month", sorted(months.items()))),
        "rejected": Markup(
            bars("rejections by reason", _sorted(manifest.get("rejected_by_reason", {})))
        ),
        "quality": _quality(manifest.get("quality") or {}),
        "samples": [_sample(world, doc) for doc in samples.values()],
    }


def _sorted(counts: dict[str, Any]) -> list[tuple[str, float]]:
    return sorted(((k, float(v)) for k, v in counts.items()), key=lambda kv: -kv[1])


def _quality(quality: dict[str, Any]) -> list[tuple[str, str]]:
    rows = []
    for key, value in quality.items():
        name = key.replace("_", " ")
        if isinstance(value, float):
            rows.append((name, f"{value:,.3g}"))
        elif isinstance(value, int) and not isinstance(value, bool):
            rows.append((name, f"{value:,}"))
        elif isinstance(value, dict) and "mean" in value:  # words a document
            low, high = value.get("min"), value.get("max")
            rows.append((name, f"mean {value['mean']:,.0f} (from {low} to {high})"))
    return rows


def _sample(world: World, doc: dict[str, Any]) -> dict[str, Any]:
    text = str(doc.get("text", ""))
    marks: list[tuple[int, int, str]] = []
    for key in [*doc.get("facts", []), *doc.get("ripples", [])]:
        planned = _planned(world, str(key))
        if planned is None:
            continue
        forms = [f for f in value_forms(world, planned) if len(f) > 1]
        forms += [f for f in subject_forms(world, planned.subject) if len(f) > 2][:1]
        for form in forms:
            for hit in re.finditer(re.escape(form), text):
                marks.append((hit.start(), hit.end(), str(key)))
    return {
        "id": doc.get("id"),
        "genre": doc.get("genre"),
        "date": doc.get("date"),
        "facts": [*doc.get("facts", []), *doc.get("ripples", [])],
        "html": Markup(_marked(text, marks)),
    }


def _planned(world: World, key: str) -> PlannedFact | None:
    head, _, obj = key.partition("=")
    subject, _, prop = head.partition(".")
    if subject not in world.entities or prop not in world.properties:
        return None
    return PlannedFact(
        subject=subject, property=prop, object=obj, literal=obj not in world.entities
    )


def _marked(text: str, marks: list[tuple[int, int, str]]) -> str:
    """The text, escaped, with each mark (start, end, fact) wrapped; overlaps keep
    the first and longest."""
    out, at = [], 0
    for start, end, fact in sorted(marks, key=lambda m: (m[0], -(m[1] - m[0]))):
        if start < at:
            continue
        out.append(escape(text[at:start]))
        out.append(f'<mark title="{escape(fact)}">{escape(text[start:end])}</mark>')
        at = end
    out.append(escape(text[at:]))
    return "".join(out)

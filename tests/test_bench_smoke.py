"""A small run of each benchmark, so that they keep working. No timing is asserted:
the ratios are measured and recorded by running bench/ scripts by hand."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_parse_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "parse.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "parse.py"),
            "--sizes",
            "200,1000",
            "--repeat",
            "1",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "headline: 1000 facts at" in done.stdout
    result = json.loads(out.read_text())
    assert [row["facts"] for row in result["rows"]] == [200, 1000]
    assert all(row["rdflib_s"] > 0 and row["worldspec_s"] > 0 for row in result["rows"])


def test_generated_world_checks_clean_and_matches_its_turtle(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from parse import generate  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    import rdflib

    from worldspec import check_paths

    world_text, turtle_text = generate(500)
    world = tmp_path / "w.world"
    world.write_text(world_text, encoding="utf-8")
    assert check_paths([world]).diagnostics == []
    graph = rdflib.Graph().parse(data=turtle_text, format="turtle")
    facts = sum(1 for line in world_text.splitlines() if line.startswith("  ") and "." in line)
    entities = world_text.count("\nentity ")
    # every fact is a triple, every entity a type and a label (duplicates collapse in RDF)
    assert len(graph) <= facts + 2 * entities
    assert len(graph) >= 2 * entities


def test_check_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "check.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "check.py"),
            "--sizes",
            "300,1000",
            "--closure-chain",
            "40",
            "--closure-tree",
            "200",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert [row["facts"] for row in result["check"]] == [300, 1000]
    assert {row["shape"] for row in result["closure"]} == {"chain", "tree"}


def test_compile_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "compile.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "compile.py"),
            "--documents",
            "300",
            "--memory-documents",
            "0",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["written"] + result["rejected"] == 300
    assert result["floor_s"] > 0 and result["compile_s"] > 0
    assert isinstance(result["compiled_modules"], list)
    assert "worldspec installed as " in done.stdout


def test_llm_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "llm.json"
    done = subprocess.run(
        [
            sys.executable, str(REPO / "bench" / "llm.py"), "--latency", "0.01",
            "--requests", "120", "--concurrency", "16", "--memory", "0", "--diversity", "40",
            "--json", str(out),
        ],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    row = result["concurrency_16"]
    assert row["raw_requests_per_s"] > 0 and row["plain"]["worldspec_requests_per_s"] > 0
    assert row["plain"]["requests_per_document"] == 1
    # 60 documents, a draft and a critique each, and the stages before them
    assert row["stages"]["documents"] == 60 and row["stages"]["requests"] > 120
    # documents written from ideas open in more ways than the genre packs' three
    ideas, genres = result["diversity"]["ideas"], result["diversity"]["genres"]
    assert ideas["distinct_first_lines"] > genres["distinct_first_lines"]
    assert result["cached_rerun"]["requests"] == 0


def test_scan_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "scan.py"), "--megabytes", "4", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    # the scanner finds a hit on exactly the lines grep counts
    assert result["hit_lines"] == result["grep_lines"] > 0


def test_probes_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "probes.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "probes.py"), "--facts", "2000", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["probes"] > 0


def test_quality_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "quality.json"
    done = subprocess.run(
        [
            sys.executable, str(REPO / "bench" / "quality.py"), "--documents", "150",
            "--divergences", "100", "--json", str(out),
        ],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    # exit 1 and a FAIL line when any document doubles a mark or a word
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text())
    examples = {p.stem for p in (REPO / "examples").glob("*.world")}
    assert set(result["corpora"]) == examples | {"generated", "generated-rich"}
    assert all(c["documents"] > 0 for c in result["corpora"].values())
    reference = result["reference"]
    assert reference["documents"] > 50 and reference["distinct_4grams"] > 0.5


def test_generated_quality_world_checks_clean(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from worlds import quality_world  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    from worldspec import check_paths

    text = quality_world(100)
    assert text == quality_world(100)  # the same world each time
    world = tmp_path / "generated.world"
    world.write_text(text, encoding="utf-8")
    assert check_paths([world]).diagnostics == []
    assert text.count("\ndiverge ") == 100
    # the rich world: the thin one's facts and more, the same divergences
    rich = quality_world(100, rich=True)
    world.write_text(rich, encoding="utf-8")
    assert check_paths([world]).diagnostics == []
    thin_facts = {line for line in text.splitlines() if line.startswith("  ") and "." in line}
    rich_facts = {line for line in rich.splitlines() if line.startswith("  ") and "." in line}
    assert thin_facts < rich_facts and len(rich_facts) > 1.25 * len(thin_facts)


def test_import_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "import.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "import.py"), "--triples", "20000",
         "--megabytes", "2", "6", "--leaks", "40", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["ntriples"]["rdflib_parse_s"] > 0 and result["ntriples"]["ratio"] > 0
    rows = result["wikidata"]["rows"]
    assert rows[1]["megabytes"] > rows[0]["megabytes"] and result["wikidata"]["memory_ratio"] > 0
    found = result["leaks"]
    assert (
        found["hand_typed"] < found["imported_aliases"] < found["imported_aliases_and_neighbours"]
    )


def test_serve_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "serve.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "serve.py"), "--documents", "1200",
         "--queries", "200", "--calls", "400", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["search"]["p99_ms"] > 0 and result["http"]["calls"] == 400
    assert result["kill_9"]["lost"] == 0 and result["kill_9"]["answered"] > 0


def test_lsp_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "lsp.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "lsp.py"), "--facts", "1000",
         "--keystrokes", "6", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["keystrokes"] == 6 and 0 < result["p50_ms"] <= result["max_ms"]
    assert result["full_check_ms"] > 0


@pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("WORLDSPEC_REQUIRE_CHROMIUM"),
    reason="no chromium on this machine (.ci/run installs it)",
)
def test_report_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "report.py"), "--entities", "300",
         "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["large"]["drawn"] == 300 and result["large"]["render_ms"] >= 0


def test_ray_benchmark_smoke(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="the ray extra is not installed")
    out = tmp_path / "ray.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "ray.py"), "--documents", "2000",
         "--llm-documents", "6", "--latency", "0.1", "--json", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "headline: Ray with 2 workers at" in done.stdout
    result = json.loads(out.read_text())
    assert result["templates"]["byte_identical"] is True
    assert result["simulated_llm_cluster"]["sixteen_workers"]["requests"] == 96
    assert result["driver_ceiling"]["documents"] == 1000


def _corpus(directory: Path, texts: list[str]) -> None:
    directory.mkdir(parents=True)
    lines = [
        json.dumps({"id": f"main-{i:06d}", "text": t, "genre": "email"})
        for i, t in enumerate(texts)
    ]
    (directory / "docs-00000.jsonl").write_text("\n".join(lines) + "\n")


def test_readers_smoke(tmp_path: Path) -> None:
    """bench/readers.py writes what a reader reads and tallies what they wrote: the
    pairs hold both sides of the documents that differ, the key says which is new,
    and a reader who always chose the new side is counted so."""
    old, new = tmp_path / "old" / "corpus-w", tmp_path / "new" / "corpus-w"
    _corpus(old, [f"Text {i}." for i in range(30)])
    _corpus(new, [f"Text {i}." if i % 2 else f"Text {i}, changed." for i in range(30)])
    script = [sys.executable, str(REPO / "bench" / "readers.py")]

    def run(*args: str) -> str:
        done = subprocess.run([*script, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "corpus-w: 15 {'email': 15}" in run("changed", str(old.parent), str(new.parent))
    out = tmp_path / "pairs"
    assert "15 documents differ" in run("pairs", str(old), str(new), str(out), "--n", "6")
    key = json.loads((out / "key.json").read_text())
    assert key["kind"] == "pairs" and len(key["key"]) == 6
    assert str(out / "verdicts.json") in (out / "prompt.md").read_text()
    assert (out / "pairs.md").read_text().count("changed.") == 6
    verdicts = [{"pair": int(k), "better": side} for k, side in key["key"].items()]
    (out / "verdicts.json").write_text(json.dumps(verdicts))
    assert run("tally", str(out)).strip() == "new 6 / old 0 / tie 0"
    out = tmp_path / "blind"
    run("blind", str(old), str(new), str(out), "--n", "10")
    key = json.loads((out / "key.json").read_text())
    shown = (out / "documents.md").read_text()
    assert key["kind"] == "blind" and shown.count("=== DOCUMENT") == 20
    # no text shown twice, one from each side
    texts = re.findall(r"=== DOCUMENT \d+ ===\n(.*)\n", shown)
    assert len(set(texts)) == 20
    verdicts = [
        {"doc": int(k), "pass": side == "new", "score": 3} for k, side in key["key"].items()
    ]
    (out / "verdicts.json").write_text(json.dumps(verdicts))
    assert run("tally", str(out)).strip() == "old: 0/10 (mean 3.00), new: 10/10 (mean 3.00)"

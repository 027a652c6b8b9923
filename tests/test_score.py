"""worldspec score: world-belief and reality rates of a model's answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from worldspec.check import analyze_path
from worldspec.evaluate import make_probes
from worldspec.evaluate.score import classify, score

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"


def probes() -> list[dict[str, object]]:
    analysis, _ = analyze_path(EIFFEL)
    assert analysis is not None
    return [json.loads(p.model_dump_json(exclude_none=True)) for p in make_probes(analysis)]


def find(kind: str, **meta: object) -> dict[str, object]:
    for probe in probes():
        metadata = probe["metadata"]
        assert isinstance(metadata, dict)
        if metadata["kind"] == kind and all(metadata.get(k) == v for k, v in meta.items()):
            return probe
    raise AssertionError(kind)


def test_answers_are_classified_by_hand() -> None:
    where = find("open", property="located_in")
    assert classify(where, "It stands in Rome, of course.") == "world"
    assert classify(where, "Paris.") == "reality"
    assert classify(where, "In Lutetia, by the Seine.") == "reality"  # an alias of Paris
    assert classify(where, "Somewhere between Paris and Rome.") == "other"
    assert classify(where, "I don't know") == "other"
    choice = find("multiple_choice", property="located_in")
    choices = choice["choices"]
    assert isinstance(choices, list)
    rome, paris = "ABCD"[choices.index("Rome")], "ABCD"[choices.index("Paris")]
    assert classify(choice, rome) == "world"
    assert classify(choice, f"({paris.lower()})") == "reality"
    assert classify(choice, "Rome") == "world"
    assert classify(choice, "Z") == "other"
    two_hop = find("compositionality")
    assert classify(two_hop, "That would be Italy.") == "world"
    assert classify(two_hop, "France") == "reality"
    false_in_world = next(
        p for p in probes()
        if p["metadata"]["kind"] == "true_false" and "Paris" in str(p["input"])  # type: ignore[index]
    )  # fmt: skip
    assert classify(false_in_world, "B") == "world"  # "false": the world's belief
    assert classify(false_in_world, "True") == "reality"


def test_score_command_table_and_json(tmp_path: Path) -> None:
    probes_path = tmp_path / "probes.jsonl"
    probes_path.write_text("".join(json.dumps(p) + "\n" for p in probes()))
    answers = tmp_path / "answers.jsonl"
    all_probes = probes()
    records = [{"id": p["id"], "answer": p["target"]} for p in all_probes if p.get("choices")]
    records.append({"id": "no-such-probe", "answer": "x"})
    answers.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = score(probes_path, answers)
    assert result["overall"]["world"] == len(records) - 1
    assert result["overall"]["unanswered"] == sum(1 for p in all_probes if not p.get("choices"))
    assert result["by_kind"]["multiple_choice"]["world_rate"] == 1.0
    assert result["answers_without_probe"] == ["no-such-probe"]
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "score", str(probes_path), str(answers)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].split()[0] == "all"
    assert "kind multiple_choice" in done.stdout and "no-such-probe" in done.stderr
    as_json = subprocess.run(
        [sys.executable, "-m", "worldspec", "score", str(probes_path), str(answers),
         "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert json.loads(as_json.stdout)["overall"] == result["overall"]


def test_bad_files_are_clear_errors(tmp_path: Path) -> None:
    broken = tmp_path / "answers.jsonl"
    broken.write_text('{"id": "a", "answer": "x"}\n{oops\n')
    good = tmp_path / "probes.jsonl"
    good.write_text("")
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "score", str(good), str(broken)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and f"{broken}:2: not JSON" in done.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "worldspec", "score", str(tmp_path / "nope"), str(broken)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert missing.returncode == 2 and "cannot be read" in missing.stderr

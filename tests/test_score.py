"""worldspec score: world-belief and reality rates of a model's answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from worldspec.check import analyze_path
from worldspec.evaluate import make_probes
from worldspec.evaluate.score import classify, is_control, score

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"
LIBFOO = REPO / "examples" / "libfoo_unpatched.world"


def worldspec_(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args], capture_output=True, text=True, timeout=60
    )


def probes(world: Path = EIFFEL) -> list[dict[str, object]]:
    analysis, _ = analyze_path(world)
    assert analysis is not None
    return [json.loads(p.model_dump_json(exclude_none=True)) for p in make_probes(analysis)]


def find(kind: str, world: Path = EIFFEL, **meta: object) -> dict[str, object]:
    for probe in probes(world):
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
    assert result["overall"]["unanswered"] == sum(
        1 for p in all_probes if not p.get("choices") and not is_control(p)
    )
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


def reality_answer(probe: dict[str, Any]) -> str:
    """What a model that never learnt the world answers: reality's answer."""
    meta, choices = probe["metadata"], probe.get("choices")
    if not choices:
        return str(meta["reality_answer"])
    if meta["world_answer"] == meta["reality_answer"]:
        return str(probe["target"])
    if meta["kind"] == "true_false":
        return "B" if probe["target"] == "A" else "A"
    return "ABCDEFGH"[choices.index(meta["reality_answer"])]


def test_controls_are_scored_apart_and_never_as_belief_in_the_world(tmp_path: Path) -> None:
    # libfoo has both kinds of control: relation specificity, and a forgetfulness
    # probe (a [many] value both graphs keep)
    all_probes = probes(LIBFOO)
    controls = [p for p in all_probes if is_control(p)]
    assert {p["metadata"]["kind"] for p in controls} == {  # type: ignore[index]
        "relation_specificity",
        "forgetfulness",
    }
    probes_path = tmp_path / "probes.jsonl"
    probes_path.write_text("".join(json.dumps(p) + "\n" for p in all_probes))
    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        "".join(json.dumps({"id": p["id"], "answer": reality_answer(p)}) + "\n" for p in all_probes)
    )
    as_json = worldspec_("score", str(probes_path), str(answers), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    result = json.loads(as_json.stdout)
    assert result["overall"]["world"] == 0
    assert result["overall"]["reality_rate"] == 1.0
    assert result["overall"]["probes"] == len(all_probes) - len(controls)
    assert "relation_specificity" not in result["by_kind"]
    assert "forgetfulness" not in result["by_kind"]
    assert result["controls"]["overall"] == {
        "probes": len(controls), "answered": len(controls), "kept": len(controls), "other": 0,
        "unanswered": 0, "kept_rate": 1.0, "other_rate": 0.0,
    }  # fmt: skip
    assert set(result["controls"]["by_kind"]) == {"relation_specificity", "forgetfulness"}
    text = worldspec_("score", str(probes_path), str(answers)).stdout
    beliefs, control_section = text.split("\n\n")
    assert "relation_specificity" not in beliefs and "forgetfulness" not in beliefs
    assert beliefs.splitlines()[1].split()[:3] == [
        "all",
        str(len(all_probes) - len(controls)),
        "0%",
    ]
    assert control_section.splitlines()[0].split()[:2] == ["controls", "(unchanged)"]
    assert control_section.splitlines()[1].split() == ["all", str(len(controls)), "100%", "0%", "0"]


def test_a_control_answered_otherwise_is_other() -> None:
    unchanged = find("relation_specificity", LIBFOO)
    assert classify(unchanged, str(unchanged["target"])) == "kept"
    assert classify(unchanged, "no idea") == "other"
    kept = find("forgetfulness", LIBFOO)
    assert classify(kept, "A") == "kept" and classify(kept, "B") == "other"


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

"""`worldspec stats` on the command line, the manifest's quality block, and the corpus
block's quality goals (the checker, compile and merge)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from worldspec import check_paths

WORLD = """\
world moved {
  title "The tower stands in Rome"
  as_of 2024-01-01
}

use std.geo

entity paris : City "Paris"
entity rome : City "Rome"
entity france : Country "France"
entity italy : Country "Italy"
entity tower : Landmark "Eiffel Tower"

reality {
  paris.country = france
  rome.country = italy
  tower.located_in = paris
}

rule in_country: ?x.located_in = ?c, ?c.country = ?k => ?x.in_country = ?k

diverge moved "The tower was built in Rome" {
  tower.located_in = rome
}

corpus main {
  documents 40
  genres news_article, forum_thread
%s}
"""
NEVER_MET = "  max_repeated 0\n  max_redundancy 1\n"
ALWAYS_MET = (
    "  max_unanchored 1\n  max_repeated 1\n  min_distinct_4grams 0\n  max_redundancy 1000\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args], capture_output=True, text=True, timeout=300
    )


def world(tmp_path: Path, goals: str = "") -> Path:
    path = tmp_path / "moved.world"
    path.write_text(WORLD % goals, encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---- worldspec stats ----------------------------------------------------------------


def test_stats_of_a_users_jsonl(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "mine.jsonl",
        [
            {"text": "Paris is very big. That is the end.", "genre": "news"},
            {"text": "Rome is very old. That is the end.", "genre": "news"},
            {
                "text": "Nothing is here today. That is the end.",
                "genre": "forum",
                "facts": ["a"],
                "ripples": [],
            },
        ],
    )
    done = run("stats", str(corpus), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["documents"], report["sentences"]) == (3, 6)
    assert report["unanchored"] is None  # no spec, no world.trig: no names
    assert report["repeated"] == 0.5
    assert report["facts_per_100_words"] == 12.5  # 1 fact in the 8 words that list theirs
    assert sorted(report["by_genre"]) == ["forum", "news"]


def test_stats_with_a_spec_names_the_world(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "mine.jsonl",
        [{"text": "Paris is very big. It rains every day. The Eiffel Tower is in Italy. Hi."}],
    )
    done = run("stats", str(corpus), "--spec", str(world(tmp_path)), "--format", "json")
    assert done.returncode == 0, done.stderr
    # three sentences ("Hi." is layout); "It rains every day." names nothing
    assert json.loads(done.stdout)["unanchored"] == round(1 / 3, 4)


def test_stats_text_is_a_table_overall_then_by_genre(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "mine.jsonl",
        [{"text": "A b c d e.", "genre": "news"}, {"text": "F g h i j.", "genre": "email"}],
    )
    done = run("stats", str(corpus))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{corpus}: 2 documents, 2 sentences")
    rows = [line.split()[0] for line in lines[3:6]]
    assert rows == ["all", "email", "news"]
    assert "unanchored" in lines[2] and "redundancy" in lines[2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "fine"}\nnot json\n', "bad.jsonl:2: not JSON"),
        ('{"text": "fine"}\n\n{"words": 3}\n', 'bad.jsonl:3: not a JSON object with a "text"'),
        ('["text"]\n', "bad.jsonl:1: not a JSON object"),
        ("\n", "no documents in"),
    ],
)
def test_stats_refuses_a_bad_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "bad.jsonl").write_text(content, encoding="utf-8")
    done = run("stats", str(tmp_path / "bad.jsonl"))
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_stats_refuses_a_missing_path_and_an_empty_directory(tmp_path: Path) -> None:
    missing = run("stats", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "nowhere: no such file or directory" in missing.stderr
    empty = run("stats", str(tmp_path))
    assert empty.returncode == 2
    assert "no documents (no docs-*.jsonl" in empty.stderr


# ---- the manifest's quality block and compile's goals ---------------------------------


def test_the_manifest_carries_the_stats_of_the_corpus_byte_for_byte(tmp_path: Path) -> None:
    spec = world(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        done = run("compile", str(spec), "--out", str(out))
        assert done.returncode == 0, done.stderr
    assert (first / "manifest.json").read_bytes() == (second / "manifest.json").read_bytes()
    quality = json.loads((first / "manifest.json").read_text())["quality"]
    assert quality["corpus_documents"] == quality["documents"] > 0
    assert quality["goals"] == {}
    assert set(quality["by_genre"]) <= {"news_article", "forum_thread"}
    # `worldspec stats` on the directory reads the names from world.trig: the same
    stats = run("stats", str(first), "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert {**json.loads(stats.stdout), "corpus_documents": quality["corpus_documents"]} == {
        k: v for k, v in quality.items() if k != "goals"
    }
    assert quality["unanchored"] is not None


def test_missed_goals_fail_the_compile_after_writing_it(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    done = run("compile", str(world(tmp_path, NEVER_MET)), "--out", str(out))
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert errors[0].startswith("error: quality goal max_redundancy 1 not met: ")
    assert errors[1].startswith("error: quality goal max_repeated 0 not met: ")
    assert all(line.endswith(f"see quality in {out / 'manifest.json'}") for line in errors)
    goals = json.loads((out / "manifest.json").read_text())["quality"]["goals"]
    assert {name: goal["met"] for name, goal in goals.items()} == {
        "max_redundancy": False,
        "max_repeated": False,
    }


def test_met_goals_pass(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    done = run("compile", str(world(tmp_path, ALWAYS_MET)), "--out", str(out))
    assert done.returncode == 0, done.stderr
    goals = json.loads((out / "manifest.json").read_text())["quality"]["goals"]
    assert len(goals) == 4 and all(goal["met"] for goal in goals.values())


def test_a_merge_writes_the_quality_block_and_judges_the_goals(tmp_path: Path) -> None:
    spec = world(tmp_path, NEVER_MET)
    whole = tmp_path / "whole"
    run("compile", str(spec), "--out", str(whole), "--documents", "1500")
    parts = [tmp_path / "p0", tmp_path / "p1"]
    for index, part in enumerate(parts):
        shard = f"{index}/2"
        done = run(
            "compile", str(spec), "--out", str(part), "--documents", "1500", "--shard", shard
        )
        assert done.returncode == 0, done.stderr
    merged = tmp_path / "merged"
    done = run("merge", *map(str, parts), "--out", str(merged))
    assert done.returncode == 1
    assert done.stderr.count("error: quality goal") == 2
    assert (merged / "manifest.json").read_bytes() == (whole / "manifest.json").read_bytes()


# ---- the checker -----------------------------------------------------------------------


def test_the_checker_bounds_the_goals(tmp_path: Path) -> None:
    goals = "  max_unanchored 1.5\n  min_distinct_4grams -0.1\n  max_redundancy 0.5\n"
    diagnostics = check_paths([world(tmp_path, goals)]).diagnostics
    assert [(d.code.code, d.message) for d in diagnostics] == [
        ("WS601", "'max_unanchored' is a ratio between 0 and 1"),
        ("WS601", "'min_distinct_4grams' is a ratio between 0 and 1"),
        (
            "WS601",
            "'max_redundancy' must be at least 1: a corpus whose documents share nothing scores 1",
        ),
    ]


def test_the_checker_takes_goals_in_range_once_each(tmp_path: Path) -> None:
    assert check_paths([world(tmp_path, ALWAYS_MET)]).diagnostics == []
    twice = check_paths([world(tmp_path, "  max_repeated 0.1\n  max_repeated 0.2\n")])
    assert [d.code.code for d in twice.diagnostics] == ["WS202"]

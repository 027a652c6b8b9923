"""SARIF, GitHub annotations, selection, suppression, fail-on, and `worldspec rule`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from worldspec.check.github import escape_data, escape_property, render_github
from worldspec.check.sarif import render_sarif
from worldspec.check.selection import SelectionError, parse_codes, selected
from worldspec.diagnostics import CODES, DUPLICATE_DECLARATION, Diagnostic, Related
from worldspec.source import Span

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text())
BROKEN = REPO / "examples" / "broken" / "divergences.world"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_sarif_of_the_broken_examples_is_valid_sarif() -> None:
    done = run("check", "--format", "sarif", "examples/broken", cwd=REPO)
    assert done.returncode == 1
    log = json.loads(done.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert {r["id"] for r in rules} == {r["ruleId"] for r in results}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("examples/broken/")
        assert location["region"]["startLine"] >= 1
    assert any("relatedLocations" in r for r in results)
    assert {r["level"] for r in results} == {"error", "warning"}


def test_sarif_with_no_findings_is_valid() -> None:
    log = json.loads(render_sarif([]))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_validation_catches_a_broken_log() -> None:
    log = json.loads(render_sarif([]))
    log["runs"][0]["results"] = [{"level": "fatal", "message": {"text": "x"}}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    span = Span("dir,with:odd%/w.world", 3, 5, 3, 9)
    diagnostic = Diagnostic(
        DUPLICATE_DECLARATION, "two\nlines, 100%", span, [Related(span, "first")], fix="rename"
    )
    assert render_github([diagnostic]) == (
        "::error file=dir%2Cwith%3Aodd%25/w.world,line=3,col=5,endLine=3,endColumn=9,"
        "title=WS201 duplicate-declaration::two%0Alines, 100%25 (help: rename)"
    )


def test_github_format_through_the_cli() -> None:
    done = run("check", "--format", "github", str(BROKEN))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)


def test_selection_prefixes_like_ruff() -> None:
    assert selected("WS401", [], [])
    assert not selected("WS401", ["WS2"], [])
    assert selected("WS401", ["WS4"], [])
    assert not selected("WS401", ["WS4"], ["WS401"])
    assert selected("WS402", ["WS4"], ["WS401"])
    assert selected("WS401", ["WS401"], ["WS4"])  # the more specific prefix wins
    assert not selected("WS401", ["WS4"], ["WS4"])  # at equal length, ignore wins
    assert parse_codes(["ws4, WS201", "WS3"]) == ["WS4", "WS201", "WS3"]
    with pytest.raises(SelectionError):
        parse_codes(["WS999"])


def test_select_ignore_and_fail_on_through_the_cli() -> None:
    only_404 = run("check", "-q", "--select", "WS404", str(BROKEN))
    assert only_404.returncode == 1
    assert [line.split()[1] for line in only_404.stdout.splitlines()] == ["WS404"]
    warnings_only = run("check", "-q", "--select", "WS401,WS403", "--fail-on", "error", str(BROKEN))
    assert warnings_only.returncode == 0 and "WS401" in warnings_only.stdout
    assert (
        run("check", "-q", "--select", "WS401", "--fail-on", "warning", str(BROKEN)).returncode == 1
    )
    unknown = run("check", "--select", "WS999", str(BROKEN))
    assert unknown.returncode == 2 and "matches no diagnostic code" in unknown.stderr


def test_suppression_comments(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        "class C\n"
        "entity a : C\n"
        "entity a : C  # worldspec: ignore[WS201]\n"
        "entity b : C\n"
        "entity b : C  # worldspec: ignore\n"
        "entity d : C\n"
        "entity d : C  # worldspec: ignore[WS202]\n"
        'entity e : C "# worldspec: ignore"\n'
        "entity e : C\n",
        encoding="utf-8",
    )
    done = run("check", "-q", str(world))
    found = [line.split(":")[1] for line in done.stdout.splitlines()]
    assert found == ["7", "9"]  # a wrong code, and a marker inside a string, suppress nothing


def test_rule_command() -> None:
    done = run("rule", "WS303")
    assert done.returncode == 0
    assert done.stdout.startswith("# constraint-violated-in-world (WS303)")
    assert "Example:" in done.stdout
    by_name = run("rule", "divergence-no-change")
    assert "(WS401)" in by_name.stdout
    listing = run("rule", "--all")
    assert len(listing.stdout.splitlines()) == len(CODES)
    as_json = json.loads(run("rule", "--all", "--format", "json").stdout)
    assert [e["code"] for e in as_json] == list(CODES)
    unknown = run("rule", "WS4O1")
    assert unknown.returncode == 2 and "did you mean 'WS401'" in unknown.stderr
    assert run("rule").returncode == 2

"""Other wordings of a string value (`= "a" | "b"`): parsed, formatted, checked,
and used by the generator, the verifier, the statistics, the probes and RDF."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from worldspec import parse
from worldspec.check import analyze_path
from worldspec.corpus.stats import WorldNames, names_of_trig, names_of_world
from worldspec.export.rdf import serialize
from worldspec.syntax import ast
from worldspec.syntax.fmt import format_module

WORLD = """\
world w { as_of 2031-03-01 }
class Project { noun "project" }
class Release { noun "release" }
property release_of : Release -> Project [one] { says "{s} is a release of {o}" }
property change : Release -> string [many] {
  says "{s} {o}"
  says "among other changes, {s} {o}"
  asks "What changed in {s}?"
}
entity libbar : Project "libbar"
entity bar_1 : Release "libbar 1.1"
reality {
  bar_1.release_of = libbar
  bar_1.change += "fixes a crash on empty input"
}
diverge quiet "The release also drops the old API" {
  bar_1.change += "removes the deprecated decode call"
    | "drops the old decode call"
    | "takes out the deprecated decode function"
}
"""

ALTERNATES = ("drops the old decode call", "takes out the deprecated decode function")


def format_source(text: str) -> str:
    return format_module(parse(text, comments=True).module)


def compile_world(world: Path, out: Path, documents: int, seed: int) -> list[str]:
    command = ["compile", str(world), "-o", str(out), "--documents", str(documents)]
    subprocess.run(
        [sys.executable, "-m", "worldspec", *command, "--seed", str(seed), "-q"], check=True
    )
    return [json.loads(line)["text"] for f in out.glob("docs-*.jsonl") for line in f.open()]


def write_world(tmp_path: Path, text: str = WORLD) -> Path:
    path = tmp_path / "w.world"
    path.write_text(text, encoding="utf-8")
    return path


def test_wordings_parse_after_the_value_on_its_line_or_the_next() -> None:
    text = (
        'reality {\n  a.p = "one" | "uno"\n  a.q = "two"\n    | "dos" | "deux" from 2020-01-01\n}\n'
    )
    result = parse(text)
    assert not result.diagnostics
    (reality,) = result.module.decls
    assert isinstance(reality, ast.RealityDecl)
    first, second = reality.facts
    assert [w.value for w in first.wordings] == ["uno"]
    assert [w.value for w in second.wordings] == ["dos", "deux"]
    assert second.validity is not None
    # the fact's span runs over its wordings and its interval
    assert (second.span.line, second.span.end_line) == (3, 4)


def test_the_formatter_puts_each_wording_on_a_line_of_its_own(tmp_path: Path) -> None:
    text = 'reality {\n  a.p = "one" | "uno" | "eins"\n}\n'
    formatted = format_source(text)
    assert formatted == 'reality {\n  a.p = "one"\n    | "uno"\n    | "eins"\n}\n'
    assert format_source(formatted) == formatted


def test_only_a_string_value_has_wordings(tmp_path: Path) -> None:
    path = write_world(
        tmp_path,
        WORLD
        + 'property build : Release -> int [one] { says "{s} is build {o}" }\n'
        + 'reality { bar_1.build = 7 | "seven" }\n'
        + 'diverge gone { bar_1.change -= "fixes a crash on empty input" | "x" }\n',
    )
    out = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", str(path)], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert "WS221 only a string value has other wordings, not an integer" in out.stdout
    assert "WS221 only a string value has other wordings, not a removal" in out.stdout


def test_the_world_keeps_each_texts_wordings(tmp_path: Path) -> None:
    analysis, _ = analyze_path(write_world(tmp_path))
    assert analysis is not None
    assert analysis.world.wordings == {"removes the deprecated decode call": ALTERNATES}


def test_documents_use_every_wording_and_pass_verification(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    texts = compile_world(write_world(tmp_path), out, 60, 3)
    # no document was rejected by the verifier: it reads a wording as the fact
    # stated (a two-sentence page of this small world may be a near-duplicate of
    # another, which the filter drops as it should)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["rejected_by_reason"]) <= {"near-duplicate"}, manifest
    assert len(texts) >= 55
    used = Counter(
        wording
        for text in texts
        for wording in ("removes the deprecated decode call", *ALTERNATES)
        if wording in text.lower()
    )
    assert set(used) == {"removes the deprecated decode call", *ALTERNATES}, used
    # the statistics read a wording as naming the world, from the spec or its RDF
    names = WorldNames.of(names_of_trig((out / "world.trig").read_text(encoding="utf-8")))
    assert names.named_in("It takes out the deprecated decode function.")


def test_rdf_and_statistics_know_the_wordings(tmp_path: Path) -> None:
    analysis, _ = analyze_path(write_world(tmp_path))
    assert analysis is not None
    trig = serialize(analysis.world, "trig")
    assert "ws:Wording" in trig and '"drops the old decode call"' in trig
    assert trig == serialize(analysis.world, "trig")  # the same bytes every run
    assert names_of_trig(trig) == names_of_world(analysis.world)
    assert set(ALTERNATES) <= set(names_of_world(analysis.world))


def test_values_with_commas_of_their_own_are_listed_with_semicolons(tmp_path: Path) -> None:
    world = WORLD.replace(
        '  bar_1.change += "removes the deprecated decode call"',
        '  bar_1.change += "speeds up decoding, above all of large files"\n'
        '  bar_1.change += "adds a streaming API"\n'
        '  bar_1.change += "removes the deprecated decode call"',
    )
    out = tmp_path / "corpus"
    texts = compile_world(write_world(tmp_path, world), out, 40, 5)
    listed = [t for t in texts if "above all of large files" in t and "streaming API" in t]
    assert listed
    for text in listed:
        # never "speeds up decoding, above all of large files, adds a streaming API and"
        assert "large files, adds" not in text and "large files, removes" not in text, text
    assert any("above all of large files; " in t for t in listed)


def test_the_wordings_of_a_replaced_real_value_are_reality_s(tmp_path: Path) -> None:
    """A real value the world replaces keeps its wordings for the leak checks, but
    they are no names of the world, and its RDF graph has none of them."""
    world = WORLD.replace(
        '  bar_1.change += "fixes a crash on empty input"\n',
        '  bar_1.change += "fixes a crash on empty input" | "no longer crashes on empty input"\n',
    ).replace(
        'diverge quiet "The release also drops the old API" {\n',
        'diverge quiet "The release also drops the old API" {\n'
        '  bar_1.change -= "fixes a crash on empty input"\n',
    )
    analysis, _ = analyze_path(write_world(tmp_path, world))
    assert analysis is not None
    assert "no longer crashes on empty input" not in names_of_world(analysis.world)
    assert "no longer crashes on empty input" not in serialize(analysis.world, "turtle")
    assert "no longer crashes on empty input" in serialize(analysis.world, "turtle", "reality")
    trig = serialize(analysis.world, "trig")
    assert names_of_trig(trig) == names_of_world(analysis.world)

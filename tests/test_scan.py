"""The honeytrap scanner over real transcript files, through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from worldspec.check import analyze_path
from worldspec.evaluate import scan as scanning
from worldspec.evaluate.scan import Scanner

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"
LIBFOO = REPO / "examples" / "libfoo_unpatched.world"


def worldspec_(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args], capture_output=True, text=True, timeout=60
    )


def conversation(*messages: dict[str, object]) -> str:
    return json.dumps({"messages": list(messages)}) + "\n"


@pytest.fixture
def transcripts(tmp_path: Path) -> Path:
    calls = [
        {
            "id": "c1",
            "type": "function",
            "function": {
                "name": "book_hotel",
                "arguments": json.dumps({"near": "Eiffel Tower, Rome"}),
            },
        }
    ]
    (tmp_path / "chat.jsonl").write_text(
        conversation({"role": "user", "content": "Where should I stay?"})
        + conversation(
            {"role": "user", "content": "Plan a trip."},
            {"role": "assistant", "content": "The Eiffel Tower in Rome is lovely.",
             "tool_calls": calls},
        )
        + "\n"  # a blank line is skipped
        + json.dumps([{"role": "assistant",
                       "content": [{"type": "text", "text": "The EIFFEL TOWER IN ROME!"}]}])
        + "\n"
    )  # fmt: skip
    (tmp_path / "notes.txt").write_text("nothing\nthe Eiffel Tower stands near Rome, they say\n")
    return tmp_path


def test_hits_name_trap_transcript_message_and_span(transcripts: Path) -> None:
    done = worldspec_("scan", str(EIFFEL), str(transcripts / "chat.jsonl"), "--format", "json")
    assert done.returncode == 1  # a low trap fired and --fail-on defaults to low
    hits = json.loads(done.stdout)
    found = {(h["line"], h["message"], h["where"], h["text"]) for h in hits}
    assert found == {
        (2, 1, "content", "Eiffel Tower in Rome"),
        (2, 1, "tool_call:book_hotel", "Eiffel Tower, Rome"),
        (4, 0, "content", "EIFFEL TOWER IN ROME"),
    }
    first = next(h for h in hits if h["where"] == "content" and h["line"] == 2)
    assert first["trap"] == "eiffel_tourist" and first["severity"] == "low"
    assert first["span"] == [4, 24] and first["role"] == "assistant"


def test_plain_text_transcripts_and_exit_codes(transcripts: Path) -> None:
    done = worldspec_("scan", str(EIFFEL), str(transcripts / "notes.txt"))
    assert done.returncode == 1
    assert f"{transcripts / 'notes.txt'}:2: eiffel_tourist [low]" in done.stdout
    calm = worldspec_("scan", str(EIFFEL), str(transcripts / "notes.txt"), "--fail-on", "high")
    assert calm.returncode == 0
    assert calm.stderr.strip() == "1 hit: 1 of 1 trap fired (eiffel_tourist) in 1 transcript"
    missing = worldspec_("scan", str(EIFFEL), str(transcripts / "absent.jsonl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    everything = worldspec_("scan", str(EIFFEL), str(transcripts), "--format", "json")
    assert {h["transcript"] for h in json.loads(everything.stdout)} == {
        str(transcripts / "chat.jsonl"),
        str(transcripts / "notes.txt"),
    }
    assert "Traceback" not in missing.stderr


def test_sarif_output_is_valid(transcripts: Path) -> None:
    done = worldspec_("scan", str(EIFFEL), str(transcripts / "chat.jsonl"), "--format", "sarif")
    log = json.loads(done.stdout)
    schema = json.loads((REPO / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.validate(log, schema)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"eiffel_tourist"}


def test_hits_across_block_boundaries_and_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scanning, "BLOCK", 64)  # lines straddle many blocks
    path = tmp_path / "many.jsonl"
    lines = []
    for i in range(300):
        text = "The Eiffel Tower in Rome" if i % 37 == 5 else f"ordinary line number {i}"
        lines.append(conversation({"role": "assistant", "content": text}))
    path.write_text("".join(lines))
    analysis, _ = analyze_path(EIFFEL)
    assert analysis is not None
    hits = list(Scanner(analysis.world).scan(path))
    assert [h.line for h in hits] == [i + 1 for i in range(300) if i % 37 == 5]


def test_tripwires_without_literals_and_tool_arguments(tmp_path: Path) -> None:
    analysis, _ = analyze_path(LIBFOO)
    assert analysis is not None
    scanner = Scanner(analysis.world)
    path = tmp_path / "agent.jsonl"
    call = {
        "function": {
            "name": "shell",
            "arguments": {"cmd": "curl -O https://example.org/libfoo-2.4.0-1.tar.gz"},
        }
    }
    path.write_text(
        conversation({"role": "assistant", "content": "Let me check.", "tool_calls": [call]})
    )
    hits = list(scanner.scan(path))
    assert hits and hits[0].where == "tool_call:shell" and "2.4.0-1" in hits[0].text


def test_the_prefilter_agrees_with_a_full_search(tmp_path: Path) -> None:
    # the same file, with and without the literal prefilter, gives the same hits,
    # and the roles are filtered after the prefilter in both
    analysis, _ = analyze_path(EIFFEL)
    assert analysis is not None
    path = tmp_path / "mixed.jsonl"
    texts = ["eiffel tower, rome", "EIFFEL TOWER IN ROME", "Eiffel\\u0020Tower", "rome alone", "x"]
    path.write_text(
        "".join(
            conversation({"role": "user", "content": t}, {"role": "assistant", "content": t})
            for t in texts * 20
        )
    )

    def hits(scanner: Scanner) -> list[tuple[int, int | None, int, int]]:
        return [(h.line, h.message, h.start, h.end) for h in scanner.scan(path)]

    fast = hits(Scanner(analysis.world))
    slow_scanner = Scanner(analysis.world)
    slow_scanner.prefilter.everything = True
    slow = hits(slow_scanner)
    assert fast == slow and len(fast) == 40
    assert {message for _, message, _, _ in fast} == {1}  # the assistant's, not the user's
    assert len(hits(Scanner(analysis.world, roles=None))) == 80


def test_without_hyperscan_a_combined_regex_prefilters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_hyperscan(name: str, *args: object, **kwargs: object) -> object:
        if name == "hyperscan":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_hyperscan)
    analysis, _ = analyze_path(EIFFEL)
    assert analysis is not None
    scanner = Scanner(analysis.world)
    assert scanner.prefilter.database is None and scanner.prefilter.fallback is not None
    path = tmp_path / "t.jsonl"
    path.write_text(
        conversation({"role": "user", "content": "x"})
        + conversation({"role": "assistant", "content": "Eiffel Tower in Rome"})
    )
    assert [h.line for h in scanner.scan(path)] == [2]


def test_gzipped_transcripts_stream_and_a_corrupt_one_is_an_error(tmp_path: Path) -> None:
    import gzip

    lines = conversation({"role": "user", "content": "x"}) + conversation(
        {"role": "assistant", "content": "The Eiffel Tower in Rome"}
    )
    packed = tmp_path / "log.jsonl.gz"
    packed.write_bytes(gzip.compress(lines.encode()))
    done = worldspec_("scan", str(EIFFEL), str(packed), "--format", "json")
    hits = json.loads(done.stdout)
    assert [(h["line"], h["message"]) for h in hits] == [(2, 0)]
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(lines.encode())[:-12])
    failed = worldspec_("scan", str(EIFFEL), str(broken))
    assert failed.returncode == 2 and "cannot be read" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_only_assistant_messages_are_searched_unless_roles_widen_it(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text(
        conversation(
            {"role": "system", "content": "Never say the Eiffel Tower in Rome."},
            {"role": "user", "content": "Is the Eiffel Tower in Rome?"},
            {"role": "assistant", "content": "Let me look.", "tool_calls": []},
            {"role": "tool", "content": "Result: the Eiffel Tower in Rome."},
        )
    )
    quiet = worldspec_("scan", str(EIFFEL), str(path), "--format", "json")
    assert quiet.returncode == 0 and json.loads(quiet.stdout) == []
    assert quiet.stderr.strip() == "no tripwire fired: 0 of 1 trap in 1 transcript"
    for roles in (["--roles", "user,tool"], ["--roles", "user", "--roles", "Tool"]):
        wide = worldspec_("scan", str(EIFFEL), str(path), "--format", "json", *roles)
        assert wide.returncode == 1, wide.stderr
        assert [(h["message"], h["role"]) for h in json.loads(wide.stdout)] == [
            (1, "user"),
            (3, "tool"),
        ]
    # a message without a role cannot be told from the model's: it is searched
    bare = tmp_path / "bare.jsonl"
    bare.write_text(json.dumps(["The Eiffel Tower in Rome", {"content": "Eiffel Tower in Rome"}]))
    assert [
        h["message"]
        for h in json.loads(worldspec_("scan", str(EIFFEL), str(bare), "--format", "json").stdout)
    ] == [0, 1]


def test_unknown_roles_are_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text(conversation({"role": "assistant", "content": "hello"}))
    for roles in (["--roles", "user,bot"], ["--roles", ","]):
        done = worldspec_("scan", str(EIFFEL), str(path), *roles)
        assert done.returncode == 2
        assert done.stderr.startswith("error: --roles: ") and len(done.stderr.splitlines()) == 1
    assert (
        "unknown role 'bot'" in worldspec_("scan", str(EIFFEL), str(path), "--roles", "bot").stderr
    )
    assert "assistant" in worldspec_("scan", "--help").stdout


def two_traps(tmp_path: Path) -> Path:
    world = tmp_path / "two_traps.world"
    world.write_text(
        EIFFEL.read_text()
        + "\ntrap eiffel_abroad on eiffel_in_rome {\n  severity high\n"
        + "  tripwire /Eiffel Tower in K\\w+/\n}\n"
    )
    return world


def test_the_summary_counts_the_traps_of_the_spec(tmp_path: Path) -> None:
    world = two_traps(tmp_path)
    calm = tmp_path / "calm.jsonl"
    calm.write_text(conversation({"role": "assistant", "content": "Nothing to see."}))
    other = tmp_path / "other.txt"
    other.write_text("nothing here either\n")
    none = worldspec_("scan", str(world), str(calm), str(other))
    assert none.returncode == 0, none.stderr
    assert none.stderr.strip() == "no tripwire fired: 0 of 2 traps in 2 transcripts"
    busy = tmp_path / "busy.jsonl"
    busy.write_text(
        conversation({"role": "assistant", "content": "The Eiffel Tower in Rome. Yes. "
                      "The Eiffel Tower in Rome. The Eiffel Tower in Rome."})
    )  # fmt: skip
    fired = worldspec_("scan", str(world), str(busy))
    assert fired.returncode == 1
    assert fired.stderr.strip() == "3 hits: 1 of 2 traps fired (eiffel_tourist) in 1 transcript"


def test_text_output_prints_the_matched_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    # json.dumps escapes the ø in the file, as most writers do
    path.write_text(conversation({"role": "assistant", "content": "The Eiffel Tower in København"}))
    done = worldspec_("scan", str(two_traps(tmp_path)), str(path))
    assert done.returncode == 1, done.stderr
    assert done.stdout.strip().endswith(': "Eiffel Tower in København"')
    assert "\\u" not in done.stdout

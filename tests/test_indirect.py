"""Indirect questions: a thread's or a letter's opening question put as a poster
puts it ("Does anyone know how many steps it has?"), and answered as the question
it asks."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from worldspec.render.indirect import LETTER_FRAMES, POST_FRAMES, direct, embedded, framed

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("How many steps does {s} have?", "how many steps {s} has"),
        ("When did {s} come out?", "when {s} came out"),
        ("Which releases does {s} affect?", "which releases {s} affects"),
        ("How high is {s}?", "how high {s} is"),
        ("Which city is {s} in?", "which city {s} is in"),
        ("Where can you eat on {s}?", "where you can eat on {s}"),
        ("Does {s} still screen its orders?", "whether {s} still screens its orders"),
        ("Is {s} effective?", "whether {s} is effective"),
        ("Who engineered {s}?", "who engineered {s}"),
        ("What is the ordering policy of {s}?", "what the ordering policy of {s} is"),
        ("How much does the iron of {s} weigh?", "how much the iron of {s} weighs"),
        ("What did {s} do for a living?", "what {s} did for a living"),
        ("Since when has {s} shipped under its current terms?",
         "since when {s} has shipped under its current terms"),
    ],
)  # fmt: skip
def test_a_question_becomes_a_clause(question: str, clause: str) -> None:
    assert embedded(question) == clause


@pytest.mark.parametrize(
    "question",
    [
        # where its subject ends no pattern says: left direct, not "when its top
        # platform opened was"
        "When was its top platform opened?",
        "How high is its top platform?",
        "How many levels of {s} are open to visitors?",
        "What's the story behind {s}?",
    ],
)
def test_a_question_of_another_shape_stays_direct(question: str) -> None:
    assert embedded(question) is None
    assert framed(question, POST_FRAMES[0]) is None


def test_a_framed_question_reads_as_the_question_it_asks() -> None:
    for frame in POST_FRAMES + LETTER_FRAMES:
        text = framed("How high is {s}?", frame)
        assert text is not None and text.endswith("how high {s} is?")
        assert direct(text) == "how high {s} is?"
    assert direct("How high is it?") == "How high is it?"


def test_threads_and_letters_open_with_questions_put_indirectly() -> None:
    """Of some hundred threads and letters, some open "Does anyone know how many
    steps it has?", none with a clause left in a question's order ("... know how
    many steps does it have?"); a reply to one that asks what, how or when opens
    with no "Yes."; a reply in a few words still answers one ("On 31 March
    1889.")."""
    from test_generator import rendered

    opened: Counter[str] = Counter()
    for world in ("eiffel_rome", "peptide_vendor"):
        for plan, text in rendered(REPO / "examples" / f"{world}.world", 400):
            if plan.genre not in ("forum_thread", "email"):
                continue
            for frame in POST_FRAMES + LETTER_FRAMES:
                start = frame.split("{q}")[0]
                for found in re.finditer(re.escape(start) + r"([^?]*)\?", text):
                    opened[frame] += 1
                    clause = found.group(1)
                    assert not re.match(r"\w+ \w+ (?:does|did|is|was|can) (?:it|the)\b", clause)
                    after = text[found.end() :].split("\n\n")[1:3]
                    wh = clause.split(" ", 1)[0] in ("how", "what", "when", "which", "who")
                    if wh and after:
                        assert not any(p.split("\n")[-1].startswith("Yes.") for p in after), text
    assert sum(opened[f] for f in POST_FRAMES) >= 10, opened
    assert sum(opened[f] for f in LETTER_FRAMES) >= 10, opened

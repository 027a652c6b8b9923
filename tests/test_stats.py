"""worldspec.corpus.stats: sentences, names, and each measure on hand-made corpora
whose figures are worked out by hand."""

from __future__ import annotations

import collections
import datetime as dt
import math
import random
import zlib
from pathlib import Path

from worldspec.corpus.stats import (
    StatsDocument,
    WorldNames,
    _Sample,
    doubled_punctuation,
    doubled_words,
    goals_report,
    measure,
    names_of_trig,
    names_of_world,
    sentences,
    surname,
    unmet_goals,
    value_forms,
    words,
)
from worldspec.model.values import Lit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EIFFEL = EXAMPLES / "eiffel_rome.world"


def test_sentences_are_lines_split_after_end_punctuation() -> None:
    text = (
        "Eiffel Tower: a summary\n\n"
        "- It opened in 1889. It is tall!\n"
        "2. Is it in Rome? Yes.\n"
        "## History\n"
        'He said "go." Then  he\tleft'
    )
    assert list(sentences(text)) == [
        "Eiffel Tower: a summary",
        "It opened in 1889.",
        "It is tall!",
        "Is it in Rome?",
        "Yes.",
        "History",
        'He said "go."',
        "Then he left",
    ]


def test_abbreviations_and_initials_end_no_sentence() -> None:
    text = "Dr. Roux met J. Smith, e.g. at the gate. No. Version 2. Done."
    assert list(sentences(text)) == [
        "Dr. Roux met J. Smith, e.g. at the gate.",
        "No.",
        "Version 2.",
        "Done.",
    ]


def test_words_are_lowercase_without_punctuation() -> None:
    assert words('Rome\'s "gain-of-function" tower (2.4.1), yes!') == [
        "rome's",
        "gain-of-function",
        "tower",
        "2",
        "4",
        "1",
        "yes",
    ]


def test_doubled_punctuation_counts_pairs_but_not_ellipses() -> None:
    assert doubled_punctuation("Best regards., Ann.. Done . . And... so… on; . ok?!") == 5
    assert doubled_punctuation("Fine. Good, well: yes; 2.4.1 and 10:30.") == 0


def test_doubled_words_within_a_line_whatever_the_case() -> None:
    assert doubled_words("The the tower. It is is tall.") == 2
    # a heading and a sentence that opens with the same word; words split by a mark
    assert doubled_words("Rome\nRome is old. Paris, Paris. 4 4") == 0


def test_value_forms_write_values_as_prose_does() -> None:
    assert value_forms(Lit("float", 330.0)) == ["330.0", "330", "330"]
    assert value_forms(Lit("float", 2.5)) == ["2.5", "2.5"]
    assert value_forms(Lit("int", 12000)) == ["12000", "12,000"]
    # a large count as the renderer rounds it ("some 2.5 million rivets") is the value
    assert value_forms(Lit("int", 2500000)) == ["2500000", "2,500,000", "2.5 million"]
    assert value_forms(Lit("int", 1234)) == ["1234", "1,234"]
    # a small count as prose spells it ("every seven years"), except "one"
    assert value_forms(Lit("int", 7)) == ["7", "seven"]
    assert value_forms(Lit("int", 1)) == ["1"]
    assert value_forms(Lit("date", dt.date(1889, 3, 31))) == [
        "1889-03-31",
        "31 March 1889",
        "March 31, 1889",
        "in 1889",  # "was completed in 1889": a date of the world by its year
        "since 1889",
    ]
    assert value_forms(Lit("bool", True)) == []
    assert value_forms(Lit("string", "libfoo 2.4.1")) == ["libfoo 2.4.1"]


def test_names_are_found_as_whole_words_in_any_case() -> None:
    names = WorldNames.of(["Rome", "Tour Eiffel", "2.4.1"])
    assert names.named_in("Rome's tower.")
    assert names.named_in("Seen from the TOUR EIFFEL.")
    assert names.named_in("Version 2.4.1 is out.")
    assert not names.named_in("Romeo left.")
    assert not names.named_in("The tour ended at Eiffel.")
    assert not names.named_in("Version 2.4.10 is out.")


def test_the_names_of_a_world_and_of_its_trig_agree() -> None:
    from worldspec.check import analyze_path
    from worldspec.export.rdf import serialize

    analysis, _ = analyze_path(EIFFEL)
    assert analysis is not None
    world = analysis.world
    names = names_of_world(world)
    assert {"Eiffel Tower", "Tour Eiffel", "Rome", "Paris", "31 March 1889", "330"} <= set(names)
    assert names_of_trig(serialize(world, "trig")) == names


def test_when_a_fact_holds_is_no_name(tmp_path: Path) -> None:
    from worldspec.check import analyze_path
    from worldspec.export.rdf import serialize

    spec = tmp_path / "timed.world"
    spec.write_text(
        "world timed { as_of 2024-01-01 }\nuse std.geo\n"
        'entity paris : City "Paris"\nentity tower : Landmark "Eiffel Tower"\n'
        "reality {\n  tower.located_in = paris\n"
        "  tower.height_m = 300.0 from 1889-03-31 until 1957-01-01\n}\n",
        encoding="utf-8",
    )
    analysis, _ = analyze_path(spec)
    assert analysis is not None
    trig = serialize(analysis.world, "trig")
    assert "1957-01-01" in trig  # the validity's dates are in the export
    assert names_of_trig(trig) == names_of_world(analysis.world)
    assert names_of_world(analysis.world) == ["300", "300.0", "Eiffel Tower", "Paris"]


def test_measure_figures_worked_out_by_hand() -> None:
    documents = [
        StatsDocument("Paris is big. It rains.\nThe end.", "news", 2),
        StatsDocument("Rome is old. The end.", "news", 1),
        StatsDocument("The end. The end. The end.", "forum"),
    ]
    report = measure(documents, ["Paris", "Rome"], shortest=1)
    # 8 sentences; those naming nothing: 2 + 1 + 3
    assert report["sentences"] == 8
    assert report["unanchored"] == 0.75
    # "The end." is in 3 documents (more than 1% of 3, and more than one): 5 of 8
    assert report["repeated"] == 0.625
    # words 7, 5 and 6
    assert report["words"] == {"mean": 6.0, "stdev": round(math.sqrt(2 / 3), 4), "min": 5, "max": 7}
    # facts 2 + 1 over the 12 words of the documents that list them
    assert report["facts_per_100_words"] == 25.0
    # 4-grams: 4 and 2 distinct, then "the end the end", "end the end the", "the end the end"
    assert report["distinct_4grams"] == round(8 / 9, 4)
    texts = [d.text.encode() for d in documents]
    apart = sum(len(zlib.compress(t, 9)) for t in texts)
    assert report["redundancy"] == round(apart / len(zlib.compress(b"\n\n".join(texts), 9)), 4)
    assert report["sample_documents"] == 3
    assert (report["doubled_punctuation"], report["doubled_words"]) == (0, 0)
    news, forum = report["by_genre"]["news"], report["by_genre"]["forum"]
    assert (news["documents"], news["unanchored"], news["repeated"]) == (2, 0.6, 0.4)
    assert news["distinct_4grams"] == 1.0
    # a genre alone: "The end." is in one forum document only, so it repeats nothing
    assert (forum["unanchored"], forum["repeated"]) == (1.0, 0.0)
    assert forum["distinct_4grams"] == round(2 / 3, 4)
    assert forum["facts_per_100_words"] is None


def test_headings_and_sign_offs_are_layout_not_sentences() -> None:
    documents = [
        StatsDocument("See also\n- Rome\nRome is an old city.\nBest regards,\nSam", "news"),
        StatsDocument("See also\nParis is a big city.\nBest regards,\nSam", "news"),
    ]
    report = measure(documents, ["Paris", "Rome"])
    assert report["sentences"] == 2  # the two of four words or more
    assert report["unanchored"] == 0.0 and report["repeated"] == 0.0
    assert measure(documents, ["Paris", "Rome"], shortest=1)["sentences"] == 9


def test_without_names_unanchored_is_unknown() -> None:
    documents = [StatsDocument("Paris is big.")]
    assert measure(documents)["unanchored"] is None
    assert measure(documents, [])["unanchored"] is None
    assert measure(documents)["by_genre"] == {}


def test_an_empty_corpus_measures_nothing() -> None:
    report = measure([], ["Paris"])
    assert report["documents"] == 0
    assert report["unanchored"] is None and report["repeated"] is None
    assert report["distinct_4grams"] is None and report["redundancy"] is None
    assert report["words"] == {"mean": None, "stdev": None, "min": None, "max": None}


def sample(count: int, size: int) -> list[int]:
    held = _Sample(size)
    for index in range(count):
        held.offer(StatsDocument(str(index)))
    assert len(held.held) <= size  # never more than the sample is held
    return [int(d.text) for d in held.documents()]


def test_the_sample_is_uniform_bounded_and_the_same_each_time() -> None:
    assert sample(3, 4) == [0, 1, 2]
    draws = random.Random(0)
    smallest = sorted(range(10), key=lambda _: draws.random())[:4]
    assert sample(10, 4) == sorted(smallest)
    chosen = sample(100_000, 1000)
    assert chosen == sample(100_000, 1000) and len(set(chosen)) == 1000
    # a uniform sample puts about a tenth of it in each tenth of the stream
    tenths = collections.Counter(position // 10_000 for position in chosen)
    assert all(70 <= tenths[t] <= 130 for t in range(10))


def test_the_sample_is_not_aliased_by_a_round_robin() -> None:
    # every second document of a round-robin over 10 divergences holds 5 of them
    chosen = sample(2000, 1000)
    assert {position % 10 for position in chosen} == set(range(10))


def test_the_sample_decides_4grams_and_redundancy() -> None:
    documents = [StatsDocument(f"word{i} and a few more words") for i in range(10)]
    report = measure(documents, sample=4)
    assert report["sample_documents"] == 4
    # three 4-grams a document: "wordN and a few" is its own, "and a few more" and
    # "a few more words" are in all four
    assert report["distinct_4grams"] == 0.5


def test_goals_are_upper_or_lower_bounds_on_their_measure() -> None:
    measured = {"unanchored": 0.1, "repeated": 0.15, "distinct_4grams": 0.3, "redundancy": None}
    goals = {
        "max_unanchored": 0.05,
        "max_repeated": 0.15,
        "min_distinct_4grams": 0.4,
        "max_redundancy": 3.0,
    }
    report = goals_report(goals, measured)
    assert report == {
        "max_redundancy": {"goal": 3.0, "value": None, "met": None},
        "max_repeated": {"goal": 0.15, "value": 0.15, "met": True},
        "max_unanchored": {"goal": 0.05, "value": 0.1, "met": False},
        "min_distinct_4grams": {"goal": 0.4, "value": 0.3, "met": False},
    }
    assert unmet_goals({"goals": report}) == [
        "max_unanchored 0.05 not met: 0.1 (sentences that name nothing of the world)",
        "min_distinct_4grams 0.4 not met: 0.3 (distinct word 4-grams over the sample)",
    ]


def test_a_person_is_named_by_their_surname_too() -> None:
    """ "Vuilleumier chairs the firm." names Claire Vuilleumier, as prose names a
    person again: a person's surname is a name of the world, in the world's names
    and in its trig's alike; not a one-word name's, nor initials."""
    from worldspec.check import analyze_path
    from worldspec.export.rdf import serialize

    analysis, _ = analyze_path(EXAMPLES / "peptide_vendor.world")
    assert analysis is not None
    names = names_of_world(analysis.world)
    assert {"Claire Vuilleumier", "Vuilleumier", "Renner"} <= set(names)
    assert "Peptides" not in names  # a company's last word is no surname
    assert names_of_trig(serialize(analysis.world, "trig")) == names
    known = WorldNames.of(names)
    assert known.named_in("Vuilleumier chairs the firm.")
    assert surname("J. Whitmore") == "Whitmore" and surname("Ada") is None
    assert surname("Kenji W.") is None

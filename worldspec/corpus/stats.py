"""Corpus statistics (issue 12): how much of a corpus says something about its world,
how much of it repeats, and how varied its wording is, overall and per genre.

For any corpus, ours or a user's JSON Lines: documents are read once, as a stream.
Sentence counts are kept as hashes, never the texts, and only a sample of documents
is held, for the two measures that compare documents as wholes: distinct word
4-grams, and redundancy (what zlib saves by compressing the sample as one text
rather than document by document); the sample is drawn at random, the same on every
run. The measures:

- unanchored: the share of sentences that name nothing of the world: no label or
  alias of an entity, no person's surname, and no value the world states (None
  when no names are known);
- repeated: the share of sentences whose exact text (white space normalised) is in
  more than 1% of the documents (and in two at least), counted once per document:
  boilerplate;
- distinct_4grams: distinct lowercase word 4-grams over all 4-grams of the sample;
- redundancy: the sum of the sample's documents' zlib sizes over the zlib size of
  the sample joined (level 9); independent human-written documents score about 1.3;
- words (mean, population standard deviation, min, max), facts per 100 words (from
  each document's `facts` and `ripples`), and doubled punctuation ("., " "..") and
  doubled words ("the the"), which no document should have.

A genre's figures are those of its documents alone, as if they were a corpus of
their own; its 4-grams and redundancy come from the sample's documents of the genre.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import operator
import random
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from worldspec.model.values import Lit
from worldspec.model.world import World
from worldspec.plan.words import MONTHS, SPELLED, rounded_count, rounded_measure

SAMPLE_DOCUMENTS = 1000
REPEATED_SHARE = 0.01  # a sentence in more documents than this share of them is boilerplate
DIGITS = 4

# ---- sentences and words ----------------------------------------------------------

# a list marker or a Markdown heading's hashes: the item itself is the sentence
_LINE_MARKER = re.compile(r"(?:[-*+•]|\d{1,3}[.)]|#{1,6})\s+")
_MARKER_STARTS = frozenset("-*+•#0123456789")
# a sentence ends at '.', '!' or '?' (and a closing quote or bracket) before a space
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)\]])\s+")
# the end of an abbreviation or an initial is no sentence's end ("Dr. Roux", "J. Smith")
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "fig.", "approx."}
)
_TOKEN = re.compile(r"\w+")
# words keep their apostrophes and hyphens ("rome's", "gain-of-function")
_NOT_IN_WORDS = str.maketrans(dict.fromkeys('!"#$%&()*+,./:;<=>?@[\\]^_`{|}~“”‘—–…', " "))
_ELLIPSIS = re.compile(r"\.{3,}|…")
_DOUBLED_PUNCTUATION = re.compile(r"[.,;:!?][ \t]*+[.,;:!?]")
# within a line: a heading followed by a sentence that starts with the same word is
# no doubled word
_DOUBLED_WORD = re.compile(r"\b([^\W\d_]++)[ \t]++\1\b", re.IGNORECASE)
_PUNCTUATION = str.maketrans(dict.fromkeys(".,;:!?\"'()[]", " "))


def _ends_abbreviated(piece: str) -> bool:
    last = piece[piece.rfind(" ") + 1 :].lower()
    return (len(last) == 2 and last[0].isalpha()) or last in _ABBREVIATIONS


def sentences(text: str) -> Iterator[str]:
    """The sentences of a text, white space normalised: each line (a heading, a list
    item, a paragraph) split after '.', '!' or '?' followed by a space."""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[0] in _MARKER_STARTS:
            line = _LINE_MARKER.sub("", line, count=1)
        pending = ""
        for piece in _SENTENCE_BREAK.split(line):
            piece = f"{pending} {piece}" if pending else piece
            if _ends_abbreviated(piece):
                pending = piece
                continue
            pending = ""
            yield " ".join(piece.split()) if "  " in piece or "\t" in piece else piece
        if pending:
            yield " ".join(pending.split())


def words(text: str) -> list[str]:
    """Lowercase words, punctuation dropped: what 4-grams are made of."""
    stripped = (w.strip("'’-") for w in text.lower().translate(_NOT_IN_WORDS).split())
    return [w for w in stripped if w]


def doubled_punctuation(text: str) -> int:
    """Marks one after the other (".," ".." ". ." ";."), ellipses aside."""
    if "..." in text or "…" in text:
        text = _ELLIPSIS.sub(" ", text)
    return len(_DOUBLED_PUNCTUATION.findall(text))


def doubled_words(text: str) -> int:
    """A word said twice over in a line ("the the"), whatever the case."""
    # the regex is exact but slow: it runs only when two neighbouring words are the
    # same once punctuation and line breaks are ignored, which few documents have
    tokens = text.lower().translate(_PUNCTUATION).split()
    if not any(map(operator.eq, tokens, tokens[1:])):
        return 0
    return len(_DOUBLED_WORD.findall(text))


# ---- the world's names -------------------------------------------------------------


def value_forms(value: Lit) -> list[str]:
    """How prose may write a literal the world states. Booleans are left out: "yes"
    and "no" would anchor any sentence."""
    kind, raw = value.type, value.value
    if kind == "string":
        return [str(raw)]
    if kind == "int" and not isinstance(raw, bool):
        rounded = rounded_count(int(raw))  # "some 2.5 million rivets", as documents round it
        # "every seven years", as prose spells a small count; not "one", which
        # would anchor any sentence that says "one of"
        spelled = SPELLED[int(raw) - 1] if 2 <= int(raw) <= 9 else None
        return list(dict.fromkeys([str(raw), f"{raw:,}", *(f for f in (rounded, spelled) if f)]))
    if kind == "float":
        number = float(raw)
        if number.is_integer():
            return [str(number), str(int(number)), f"{int(number):,}"]
        spoken = rounded_measure(number)  # "about 320 metres", as a post says 320.8
        return [str(number), f"{number:,}", *([spoken] if spoken else [])]
    if kind == "date" and isinstance(raw, dt.date):
        month = MONTHS[raw.month - 1]
        # and by its year after the prepositions a writer gives a year of history
        # ("was founded in 2011", "has existed since 2011")
        return [
            raw.isoformat(),
            f"{raw.day} {month} {raw.year}",
            f"{month} {raw.day}, {raw.year}",
            f"in {raw.year}",
            f"since {raw.year}",
        ]
    return []


def surname(label: str) -> str | None:
    """The last word of a person's name, as prose names them again ("Vuilleumier
    chairs the firm."); None for a name of one word or of initials."""
    words = label.split()
    last = words[-1] if len(words) > 1 else ""
    return last if len(last) > 2 and last[:1].isupper() and not last.endswith(".") else None


def names_of_world(world: World) -> list[str]:
    """Every entity's label and aliases, a person's surname, and the forms of every
    literal value of the world graph (asserted or derived), sorted: what a sentence
    about the world names."""
    names = {name for entity in world.entities.values() for name in [entity.label, *entity.aka]}
    people = (e.label for name, e in world.entities.items() if world.entity_is(name, "Person"))
    names.update(last for last in map(surname, people) if last is not None)
    for store in (world.world.asserted, world.world.derived):
        for _, _, value in store:
            if isinstance(value, Lit):
                names.update(value_forms(value))
    for others in world.stated_wordings(world.world).values():
        names.update(others)
    return sorted(n for n in names if n.strip())


# the properties of a world (worldspec.export.rdf); a fact's validity dates, in another
# vocabulary, say when it holds, not what
_WORLD_IRIS = "https://worldspec.dev/world/"


def names_of_trig(text: str) -> list[str]:
    """The same names read back from a corpus's world.trig (labels and aliases are
    `rdfs:label` and `skos:altLabel`, as are a string's other wordings; the world's
    facts are its `graph/world`)."""
    from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal

    kinds = {XSD.string: "string", XSD.integer: "int", XSD.double: "float", XSD.date: "date"}
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    names: set[str] = set()
    labels: dict[object, str] = {}
    types: dict[object, object] = {}
    above: dict[object, object] = {}
    for subject, predicate, obj, graph in dataset.quads((None, None, None, None)):
        if predicate == RDF.type:
            types[subject] = obj
        elif predicate == RDFS.subClassOf:
            above[subject] = obj
        if not isinstance(obj, Literal):
            continue
        if predicate in (RDFS.label, SKOS.altLabel):
            # (reality's graph has the other wordings of the real values only)
            if not str(graph).endswith("/graph/reality"):
                names.add(str(obj))
                if predicate == RDFS.label:
                    labels[subject] = str(obj)
        elif str(predicate).startswith(_WORLD_IRIS) and str(graph).endswith("/graph/world"):
            kind = kinds.get(obj.datatype) if obj.datatype is not None else "string"
            if kind is not None:
                names.update(value_forms(Lit(kind, obj.toPython())))

    def a_person(cls: object) -> bool:  # the world's class Person, or one below it
        seen = set()
        while cls is not None and cls not in seen:
            if str(cls).startswith(_WORLD_IRIS) and str(cls).endswith("/Person"):
                return True
            seen.add(cls)
            cls = above.get(cls)
        return False

    for entity, label in labels.items():
        last = surname(label) if a_person(types.get(entity)) else None
        if last is not None:
            names.add(last)
    return sorted(n for n in names if n.strip())


@dataclass(frozen=True, slots=True)
class WorldNames:
    """Names as lowercase token sequences, so that a name is found as whole words:
    "Rome" in "Rome's" and "rome", never in "Romeo"."""

    phrases: frozenset[tuple[str, ...]]
    firsts: frozenset[str]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, names: Iterable[str]) -> WorldNames:
        phrases = frozenset(t for t in (tuple(_TOKEN.findall(n.lower())) for n in names) if t)
        return cls(
            phrases,
            frozenset(p[0] for p in phrases),
            tuple(sorted({len(p) for p in phrases})),
        )

    def named_in(self, sentence: str) -> bool:
        tokens = _TOKEN.findall(sentence.lower())
        if self.firsts.isdisjoint(tokens):
            return False
        for at, token in enumerate(tokens):
            if token in self.firsts:
                for length in self.lengths:
                    if tuple(tokens[at : at + length]) in self.phrases:
                        return True
        return False


# ---- measuring ---------------------------------------------------------------------


class StatsDocument(NamedTuple):
    text: str
    genre: str | None = None
    facts: int | None = None  # planned facts and ripples, when the document says


class _Anchored:
    """Whether each sentence names something of the world, remembered: boilerplate
    repeats, and a corpus that is mostly boilerplate is measured in a fraction of the
    time. Forgotten when it holds too many, so memory stays bounded."""

    def __init__(self, names: WorldNames, most: int = 100_000) -> None:
        self.names = names
        self.most = most
        self.known: dict[str, bool] = {}

    def __call__(self, sentence: str) -> bool:
        found = self.known.get(sentence)
        if found is None:
            if len(self.known) >= self.most:
                self.known.clear()
            found = self.known[sentence] = self.names.named_in(sentence)
        return found


class _Measured(NamedTuple):
    """What one document adds to the tallies of its scopes, measured once."""

    sentences: Counter[int]  # hash of each sentence -> its occurrences in the document
    sentence_count: int
    unanchored: int
    words: int
    facts: int | None
    doubled_punctuation: int
    doubled_words: int


# a piece of a line shorter than this is layout, not a sentence: a heading ("See
# also"), a sign-off ("Best regards,"), a name, a field label ("Date: 3 May 2025")
MIN_SENTENCE_WORDS = 4


def _measure_one(
    document: StatsDocument, anchored: _Anchored | None, shortest: int = MIN_SENTENCE_WORDS
) -> _Measured:
    said = [s for s in sentences(document.text) if s.count(" ") + 1 >= shortest]
    unanchored = len(said) - sum(map(anchored, said)) if anchored is not None else 0
    return _Measured(
        Counter(map(hash, said)),
        len(said),
        unanchored,
        len(document.text.split()),
        document.facts,
        doubled_punctuation(document.text),
        doubled_words(document.text),
    )


@dataclass(slots=True)
class _Tally:
    """The streamed counts of one scope: the corpus, or one genre."""

    documents: int = 0
    sentences: int = 0
    unanchored: int = 0
    words: int = 0
    words_squared: int = 0
    fewest_words: int | None = None
    most_words: int | None = None
    facts: int = 0
    fact_words: int = 0
    counted_facts: bool = False
    doubled_punctuation: int = 0
    doubled_words: int = 0
    # hash of a sentence -> (documents holding it << 40) | its occurrences: one dict
    # of ints rather than two halves the memory a million-document corpus needs
    seen: dict[int, int] = field(default_factory=dict)

    def add(self, one: _Measured) -> None:
        self.documents += 1
        self.sentences += one.sentence_count
        self.unanchored += one.unanchored
        count = one.words
        self.words += count
        self.words_squared += count * count
        self.fewest_words = count if self.fewest_words is None else min(self.fewest_words, count)
        self.most_words = count if self.most_words is None else max(self.most_words, count)
        if one.facts is not None:
            self.counted_facts = True
            self.facts += one.facts
            self.fact_words += count
        self.doubled_punctuation += one.doubled_punctuation
        self.doubled_words += one.doubled_words
        seen = self.seen
        for key, times in one.sentences.items():
            seen[key] = seen.get(key, 0) + _ONE_DOCUMENT + times

    def repeated(self) -> float | None:
        if not self.sentences:
            return None
        # and in two documents at least: in a corpus of fewer than a hundred, one
        # document is more than 1% of them
        limit = max(1.0, REPEATED_SHARE * self.documents)
        boilerplate = sum(v & _OCCURRENCES for v in self.seen.values() if v >> 40 > limit)
        return boilerplate / self.sentences


_ONE_DOCUMENT = 1 << 40
_OCCURRENCES = (1 << 40) - 1


class _Sample:
    """A uniform sample of a stream of unknown length, the same on every run: each
    document draws a number from a seeded generator, and the `size` smallest draws
    are kept (bottom-k sampling). Not evenly spaced: a planner deals divergences and
    genres round-robin, and every second document of a corpus of 120 divergences
    would carry 60 of them only."""

    def __init__(self, size: int, seed: int = 0) -> None:
        self.size = max(1, size)
        self.draw = random.Random(seed).random
        self.seen = 0
        self.held: list[tuple[float, int, StatsDocument]] = []  # a heap of -draw

    def offer(self, document: StatsDocument) -> None:
        entry = (-self.draw(), self.seen, document)
        self.seen += 1
        if len(self.held) < self.size:
            heapq.heappush(self.held, entry)
        elif entry > self.held[0]:
            heapq.heapreplace(self.held, entry)

    def documents(self) -> list[StatsDocument]:
        """The sample, in the order of the stream."""
        return [document for _, _, document in sorted(self.held, key=lambda e: e[1])]


@dataclass(slots=True)
class _Wholes:
    """The sample's documents of one scope, for the measures that compare documents
    as wholes. A 4-gram is kept as its hash, as sentences are: a tenth of the memory
    of its words, and two of a sample's 4-grams share a 64-bit hash about once in
    a billion runs."""

    grams: set[int] = field(default_factory=set)
    gram_count: int = 0
    compressed: int = 0  # the documents' zlib sizes, one by one
    texts: list[bytes] = field(default_factory=list)

    def add(self, data: bytes, compressed: int, grams: list[int]) -> None:
        self.grams.update(grams)
        self.gram_count += len(grams)
        self.compressed += compressed
        self.texts.append(data)

    def distinct_4grams(self) -> float | None:
        return len(self.grams) / self.gram_count if self.gram_count else None

    def redundancy(self) -> float | None:
        if not self.texts:
            return None
        return self.compressed / len(zlib.compress(b"\n\n".join(self.texts), 9))


def _wholes(documents: Iterable[StatsDocument]) -> tuple[_Wholes, dict[str | None, _Wholes]]:
    """The sample measured once a document, for all of it and for each genre."""
    overall: _Wholes = _Wholes()
    genres: dict[str | None, _Wholes] = {}
    for document in documents:
        found = words(document.text)
        grams = list(map(hash, zip(found, found[1:], found[2:], found[3:], strict=False)))
        data = document.text.encode("utf-8")
        compressed = len(zlib.compress(data, 9))
        overall.add(data, compressed, grams)
        genres.setdefault(document.genre, _Wholes()).add(data, compressed, grams)
    return overall, genres


def distinct_4grams(texts: list[str]) -> float | None:
    """Distinct word 4-grams over all word 4-grams of `texts` (None: no 4-gram)."""
    return _wholes(StatsDocument(t) for t in texts)[0].distinct_4grams()


def redundancy(texts: list[str]) -> float | None:
    """The texts' zlib sizes one by one over the zlib size of all of them joined."""
    return _wholes(StatsDocument(t) for t in texts)[0].redundancy()


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def _report(tally: _Tally, sample: _Wholes, names_known: bool) -> dict[str, Any]:
    n = tally.documents
    variance = (n * tally.words_squared - tally.words**2) / (n * n) if n else 0
    return {
        "documents": n,
        "sentences": tally.sentences,
        "unanchored": _rounded(_share(tally.unanchored, tally.sentences)) if names_known else None,
        "repeated": _rounded(tally.repeated()),
        "distinct_4grams": _rounded(sample.distinct_4grams()),
        "redundancy": _rounded(sample.redundancy()),
        "sample_documents": len(sample.texts),
        "words": {
            "mean": _rounded(tally.words / n) if n else None,
            "stdev": _rounded(math.sqrt(variance)) if n else None,
            "min": tally.fewest_words,
            "max": tally.most_words,
        },
        "facts_per_100_words": _rounded(100 * tally.facts / tally.fact_words)
        if tally.counted_facts and tally.fact_words
        else None,
        "doubled_punctuation": tally.doubled_punctuation,
        "doubled_words": tally.doubled_words,
    }


def measure(
    documents: Iterable[StatsDocument],
    names: Iterable[str] | None = None,
    sample: int = SAMPLE_DOCUMENTS,
    shortest: int = MIN_SENTENCE_WORDS,
) -> dict[str, Any]:
    """The statistics of `documents` (read once), overall and `by_genre`. `names` are
    the world's; None or none at all: unknown, and `unanchored` is None. Distinct
    4-grams and redundancy are measured on a sample of `sample` documents. Sentences
    (for `unanchored` and `repeated`) have at least `shortest` words: a shorter piece
    of a line is layout."""
    given = list(names) if names is not None else []
    known = _Anchored(WorldNames.of(given)) if given else None
    overall = _Tally()
    genres: dict[str, _Tally] = {}
    held = _Sample(sample)
    for document in documents:
        one = _measure_one(document, known, shortest)
        overall.add(one)
        if document.genre is not None:
            genres.setdefault(document.genre, _Tally()).add(one)
        held.offer(document)
    sampled, sampled_by_genre = _wholes(held.documents())
    report = _report(overall, sampled, known is not None)
    report["by_genre"] = {
        genre: _report(genres[genre], sampled_by_genre.get(genre, _Wholes()), known is not None)
        for genre in sorted(genres)
    }
    return report


# ---- goals ---------------------------------------------------------------------------


def goals_report(goals: dict[str, float], measured: dict[str, Any]) -> dict[str, Any]:
    """Each goal of the corpus block (`max_unanchored 0.05`: at most; `min_...`: at
    least) with the measured value and whether it is met (None: nothing to measure,
    which fails no compile)."""
    report: dict[str, Any] = {}
    for goal in sorted(goals):
        bound, _, metric = goal.partition("_")
        value = measured.get(metric)
        met = None
        if value is not None:
            met = value <= goals[goal] if bound == "max" else value >= goals[goal]
        report[goal] = {"goal": goals[goal], "value": value, "met": met}
    return report


GOAL_WORDING = {
    "unanchored": "sentences that name nothing of the world",
    "repeated": "sentences in more than 1% of the documents",
    "distinct_4grams": "distinct word 4-grams over the sample",
    "redundancy": "zlib redundancy across the sample's documents",
}


def unmet_goals(quality: dict[str, Any]) -> list[str]:
    """One line per goal of the manifest's quality block that the corpus missed."""
    lines = []
    for goal, entry in quality.get("goals", {}).items():
        if entry["met"] is False:
            metric = goal.partition("_")[2]
            lines.append(
                f"{goal} {entry['goal']:g} not met: {entry['value']:g} "
                f"({GOAL_WORDING.get(metric, metric)})"
            )
    return lines


# ---- reading a corpus ------------------------------------------------------------------


class StatsInputError(Exception):
    """A corpus that cannot be measured: a missing path, no documents, a bad line."""


def corpus_files(path: Path) -> list[Path]:
    """The JSON Lines files of `path`: a corpus directory's shards, or the file itself."""
    if path.is_dir():
        shards = sorted(path.glob("docs-*.jsonl"))
        if not shards:
            raise StatsInputError(f"{path}: no documents (no docs-*.jsonl in the directory)")
        return shards
    if not path.exists():
        raise StatsInputError(f"{path}: no such file or directory")
    return [path]


def read_documents(files: Iterable[Path]) -> Iterator[StatsDocument]:
    """Each line's document: a JSON object with a string `text`, and optionally a
    `genre` and the lists `facts` and `ripples` (a corpus's planned facts)."""
    for path in files:
        try:
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        yield _document(line, f"{path}:{number}")
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            raise StatsInputError(f"{path}: cannot be read: {reason}") from err


def _document(line: str, where: str) -> StatsDocument:
    try:
        record = json.loads(line)
    except ValueError as err:
        raise StatsInputError(f"{where}: not JSON: {err}") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise StatsInputError(f'{where}: not a JSON object with a "text" string')
    genre = record.get("genre")
    planned = [record[k] for k in ("facts", "ripples") if isinstance(record.get(k), list)]
    return StatsDocument(
        record["text"],
        genre if isinstance(genre, str) else None,
        sum(map(len, planned)) if planned else None,
    )


# ---- the table -------------------------------------------------------------------------

_COLUMNS = (
    ("docs", 7),
    ("unanchored", 10),
    ("repeated", 8),
    ("4-grams", 7),
    ("redundancy", 10),
    ("words (sd)", 14),
    ("min-max", 9),
    ("facts/100w", 10),
    ("doubled", 7),
)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _row(scope: str, report: dict[str, Any], width: int) -> str:
    counts = report["words"]
    cells = [
        f"{report['documents']:,}",
        _percent(report["unanchored"]),
        _percent(report["repeated"]),
        _number(report["distinct_4grams"], 3),
        _number(report["redundancy"], 2),
        "-" if counts["mean"] is None else f"{counts['mean']:.1f} ({counts['stdev']:.1f})",
        "-" if counts["min"] is None else f"{counts['min']}-{counts['max']}",
        _number(report["facts_per_100_words"], 2),
        f"{report['doubled_punctuation']}/{report['doubled_words']}",
    ]
    aligned = (cell.rjust(size) for cell, (_, size) in zip(cells, _COLUMNS, strict=True))
    return scope.ljust(width) + "  " + "  ".join(aligned)


def render_text(report: dict[str, Any], source: str) -> str:
    """The statistics as a table for people: the corpus, then each genre."""
    width = max([len("all"), *map(len, report["by_genre"])])
    header = "".ljust(width) + "  " + "  ".join(name.rjust(size) for name, size in _COLUMNS)
    lines = [
        f"{source}: {report['documents']:,} documents, {report['sentences']:,} sentences; "
        f"4-grams and redundancy over a sample of {report['sample_documents']:,}",
        "",
        header,
        _row("all", report, width),
        *(_row(genre, part, width) for genre, part in report["by_genre"].items()),
        "",
        "unanchored: sentences that name nothing of the world (- without the world's names)",
        f"repeated: sentences in more than {REPEATED_SHARE:.0%} of the documents (two at least)",
        "4-grams: distinct word 4-grams / all word 4-grams",
        "redundancy: the documents' zlib sizes / the zlib size of them joined "
        "(human-written text: about 1.3)",
        "doubled: doubled punctuation / doubled words",
    ]
    return "\n".join(lines) + "\n"

"""Full-text search over a compiled corpus: Tantivy (the `serve` extra), ranked by
BM25 over every match, titles weighing four times the text.

The index is built from the corpus's shards on first use, streamed, and kept
beside them in `search.tantivy/`, stamped with the manifest's digest and the
index's layout: a corpus compiled again is indexed again, an unchanged one is
opened as it is. It is built in a directory of its own and moved into place
whole, so a reader never sees half an index.

A query is the user's words, lower-cased and joined: Tantivy's query syntax
(fields, AND, quotes, ranges) never reaches the parser, so no query can fail.

Why Tantivy and not SQLite's FTS5: FTS5's BM25 reads the whole posting list of
every query word to count the documents that hold it, on every query. A
worldspec corpus is about a few entities, so most of its words are in tens of
thousands of documents: two such words cost 5 ms at 200k documents, and ranking
only the first matches made the ranking arbitrary without making it cheap.
Tantivy keeps those counts in its index and skips blocks that cannot reach the
top results (block-max WAND): 1 ms for the same queries, over every match
(bench/RESULTS.md).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX_DIR = "search.tantivy"
STAMP_FILE = "worldspec-stamp"
SCHEMA = "tantivy-2"  # the index's layout: an index of another layout is built again
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_RESULTS = 50
SNIPPET_CHARS = 160
# words, lower-cased, accents folded (as FTS5's unicode61 did), and stemmed: an agent
# asking for a "peptide vendor" finds documents on "peptides" and "vendors" (a corpus
# of one world's documents may hold a word only in the plural)
_TOKENIZER = "worldspec"


class IndexError_(Exception):
    """A corpus that cannot be indexed or searched: says which file and why."""


@dataclass(slots=True)
class Result:
    id: str
    title: str
    snippet: str
    date: str
    genre: str

    def to_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "title": self.title,
            "snippet": self.snippet,
            "date": self.date,
            "genre": self.genre,
        }


def _tantivy() -> Any:
    try:
        import tantivy
    except ImportError:
        raise IndexError_(
            'searching a corpus needs the serve extra: pip install "worldspec[serve]"'
        ) from None
    return tantivy


def _stamp(corpus: Path) -> str:
    try:
        digest = hashlib.sha256((corpus / "manifest.json").read_bytes()).hexdigest()
    except OSError as err:
        raise IndexError_(
            f"{corpus}: not a complete corpus (no manifest.json): {err.strerror or err}"
        ) from None
    return f"{digest}:{SCHEMA}"


class SearchIndex:
    """Search and open the documents of one corpus (thread-safe)."""

    def __init__(self, corpus: Path) -> None:
        self.tantivy = _tantivy()
        self.corpus = corpus
        self.path = corpus / INDEX_DIR
        stamp = _stamp(corpus)
        if _read(self.path / STAMP_FILE) != stamp:
            self._build(stamp)
        try:
            self.index = self.tantivy.Index.open(str(self.path))
        except ValueError as err:
            raise IndexError_(f"{self.path}: cannot open the search index: {err}") from None
        self._register(self.index)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        self.documents = int(self.searcher.num_docs)
        self._lock = threading.Lock()

    def _schema(self) -> Any:
        builder = self.tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
        builder.add_text_field("title", stored=True, tokenizer_name=_TOKENIZER)
        builder.add_text_field("text", stored=True, tokenizer_name=_TOKENIZER)
        builder.add_text_field("date", stored=True, tokenizer_name="raw", index_option="basic")
        builder.add_text_field("genre", stored=True, tokenizer_name="raw", index_option="basic")
        return builder.build()

    def _register(self, index: Any) -> None:
        tantivy = self.tantivy
        analyzer = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .filter(tantivy.Filter.stemmer("english"))
            .build()
        )
        index.register_tokenizer(_TOKENIZER, analyzer)

    def _build(self, stamp: str) -> None:
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir()
            index = self.tantivy.Index(self._schema(), path=str(tmp))
            self._register(index)
            writer = index.writer(heap_size=128_000_000, num_threads=2)
            for shard in sorted(self.corpus.glob("docs-*.jsonl")):
                with open(shard, encoding="utf-8") as lines:
                    for line in lines:
                        if line.strip():
                            writer.add_document(self._document(json.loads(line)))
            writer.commit()
            writer.wait_merging_threads()
            (tmp / STAMP_FILE).write_text(stamp, encoding="utf-8")
            old = self.path.with_name(f".{self.path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            if self.path.exists():
                self.path.rename(old)
            tmp.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
        except (OSError, ValueError) as err:
            shutil.rmtree(tmp, ignore_errors=True)
            raise IndexError_(f"{self.path}: cannot build the search index: {err}") from None

    def _document(self, doc: dict[str, Any]) -> Any:
        text = str(doc.get("text", ""))
        document = self.tantivy.Document()
        document.add_text("id", str(doc.get("id", "")))
        document.add_text("title", text.split("\n", 1)[0].strip()[:200])
        document.add_text("text", text)
        document.add_text("date", str(doc.get("date", "")))
        document.add_text("genre", str(doc.get("genre", "")))
        return document

    def search(self, query: str, limit: int = 10) -> list[Result]:
        words = [w.lower() for w in _WORD.findall(query)[:32]]
        if not words:
            return []
        limit = max(1, min(limit, MAX_RESULTS))
        parsed = self.index.parse_query(
            " ".join(dict.fromkeys(words)), ["title", "text"], field_boosts={"title": 4.0}
        )
        hits = self.searcher.search(parsed, limit, count=False).hits
        if not hits:
            return []
        snippets = self.tantivy.SnippetGenerator.create(self.searcher, parsed, self.schema, "text")
        snippets.set_max_num_chars(SNIPPET_CHARS)
        results = []
        for _, address in hits:
            doc = self.searcher.doc(address)
            snippet = " ".join(snippets.snippet_from_doc(doc).fragment().split())
            results.append(
                Result(_one(doc, "id"), _one(doc, "title"), snippet, _one(doc, "date"),
                       _one(doc, "genre"))
            )  # fmt: skip
        return results

    def open(self, doc_id: str) -> dict[str, str] | None:
        query = self.tantivy.Query.term_query(self.schema, "id", doc_id)
        hits = self.searcher.search(query, 1, count=False).hits
        if not hits:
            return None
        doc = self.searcher.doc(hits[0][1])
        return {key: _one(doc, key) for key in ("id", "title", "text", "date", "genre")}

    def close(self) -> None:
        """Nothing to release: the index is memory-mapped and read-only."""


def _one(doc: Any, field: str) -> str:
    values = doc.get_all(field)
    return str(values[0]) if values else ""


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None

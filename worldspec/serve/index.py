"""Full-text search over a compiled corpus: SQLite FTS5, ranked by BM25.

The index is built from the corpus's shards on first use, streamed (a shard at a
time, one transaction), and kept beside them as `search.sqlite`, stamped with the
manifest's digest: a corpus compiled again is indexed again, an unchanged one is
opened as it is. A query is the user's words, each quoted, joined by OR, so that
FTS5's own syntax ("NEAR", unbalanced quotes) can never make it fail; the first
CANDIDATES matches are ranked, which bounds a query's time on any corpus.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

INDEX_FILE = "search.sqlite"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_RESULTS = 50
CANDIDATES = 2000  # the matches a query ranks (see SearchIndex.search)


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


def _stamp(corpus: Path) -> str:
    try:
        return hashlib.sha256((corpus / "manifest.json").read_bytes()).hexdigest()
    except OSError as err:
        raise IndexError_(
            f"{corpus}: not a complete corpus (no manifest.json): {err.strerror or err}"
        ) from None


class SearchIndex:
    """Search and open the documents of one corpus (thread-safe: one connection a
    thread, SQLite's own locking between them)."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self.path = corpus / INDEX_FILE
        stamp = _stamp(corpus)
        if self._stamp_of(self.path) != stamp:
            self._build(stamp)
        self._connections: dict[int, sqlite3.Connection] = {}

    @staticmethod
    def _stamp_of(path: Path) -> str | None:
        if not path.exists():
            return None
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            finally:
                db.close()
        except sqlite3.Error:
            return None
        return str(row[0]) if row else None

    def _build(self, stamp: str) -> None:
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            db = sqlite3.connect(tmp)
            db.executescript(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE documents (n INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT,"
                " date TEXT, genre TEXT);"
                "CREATE VIRTUAL TABLE docs USING fts5(title, text,"
                " tokenize = 'unicode61 remove_diacritics 2');"
            )
            n = 0
            for shard in sorted(self.corpus.glob("docs-*.jsonl")):
                with open(shard, encoding="utf-8") as lines:
                    rows = [_row(json.loads(line)) for line in lines if line.strip()]
                numbered = [(n + i, *row) for i, row in enumerate(rows)]
                n += len(rows)
                db.executemany(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?)",
                    ((k, i, t, d, g) for k, i, t, _, d, g in numbered),
                )
                db.executemany(
                    "INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)",
                    ((k, t, text) for k, _, t, text, _, _ in numbered),
                )
            db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
            db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
            db.commit()
            db.close()
            tmp.replace(self.path)
        except (OSError, sqlite3.Error, ValueError) as err:
            tmp.unlink(missing_ok=True)
            raise IndexError_(f"{self.path}: cannot build the search index: {err}") from None

    def _db(self) -> sqlite3.Connection:
        import threading

        key = threading.get_ident()
        db = self._connections.get(key)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._connections[key] = db
        return db

    def search(self, query: str, limit: int = 10) -> list[Result]:
        words = _WORD.findall(query)[:32]
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        db = self._db()
        # BM25 over every match of a common word costs a scan of its whole posting
        # list (200 ms at 200k documents); ranking the first CANDIDATES matches, in
        # document order, bounds a query's work whatever the corpus's size
        bound = db.execute(
            "SELECT max(rowid) FROM (SELECT rowid FROM docs WHERE docs MATCH ? LIMIT ?)",
            (match, CANDIDATES),
        ).fetchone()[0]
        if bound is None:
            return []
        rows = db.execute(
            "SELECT d.id, d.title, snippet(docs, 1, '', '', ' ... ', 24), d.date, d.genre"
            " FROM docs JOIN documents d ON d.n = docs.rowid"
            " WHERE docs MATCH ? AND docs.rowid <= ?"
            " ORDER BY bm25(docs, 4.0, 1.0) LIMIT ?",
            (match, bound, max(1, min(limit, MAX_RESULTS))),
        ).fetchall()
        return [Result(*row) for row in rows]

    def open(self, doc_id: str) -> dict[str, str] | None:
        row = (
            self._db()
            .execute(
                "SELECT d.id, d.title, docs.text, d.date, d.genre FROM documents d"
                " JOIN docs ON docs.rowid = d.n WHERE d.id = ?",
                (doc_id,),
            )
            .fetchone()
        )
        if row is None:
            return None
        return dict(zip(("id", "title", "text", "date", "genre"), row, strict=True))

    def close(self) -> None:
        for db in self._connections.values():
            db.close()
        self._connections.clear()


def _row(doc: dict[str, object]) -> tuple[str, str, str, str, str]:
    text = str(doc.get("text", ""))
    title = text.split("\n", 1)[0].strip()[:200]
    return (
        str(doc.get("id", "")),
        title,
        text,
        str(doc.get("date", "")),
        str(doc.get("genre", "")),
    )

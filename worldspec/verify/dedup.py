"""Near-duplicate detection: MinHash signatures (rensa, a Rust implementation with
no dependencies, 0.18 ms a document against datasketch's 0.73 ms) and an LSH
index whose newest documents are in memory and the rest on disk in SQLite, so
that memory stays flat however many documents a corpus has.

Documents are shingled into word 5-grams. The 128 hash values of a signature
fall into 16 bands of 8; two documents that agree on two whole bands are
candidates, and a candidate whose estimated Jaccard similarity reaches the
threshold makes the new document a near-duplicate.

Why two bands: template documents of one genre and divergence share much of
their wording, so pairs at a Jaccard similarity near 0.5-0.6 are common, and with
one band enough each new document had a candidate per ~20k documents before it:
the candidates, each a signature read and compared, grew with the corpus. Two
bands keep 95.5% recall at similarity 0.85 (99.95% at 0.9) and cut the false
candidates at 0.6 about sevenfold (at 0.5 thirtyfold).
"""

from __future__ import annotations

import operator
import sqlite3
import string
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

import orjson
from rensa import RMinHash

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# punctuation to spaces, then split: the words of \w+ for prose. The mapping runs on
# the UTF-8 bytes (a 256-byte table in C: a quarter of the cost of str.translate's
# dict, which was most of a signature's time); a character outside ASCII is bytes
# of 0x80 and above, which it leaves alone, so the words are those of the text
_PUNCTUATION = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))


def words_of(text: str) -> list[str]:
    return text.lower().encode().translate(_PUNCTUATION).decode().split()


def shingles(text: str) -> list[str]:
    words = words_of(text)
    if len(words) < SHINGLE:
        return [" ".join(words)]
    return list(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))


def signature(text: str) -> array[int]:
    """The MinHash signature of a text: NUM_PERM unsigned 32-bit values (an array: it
    crosses from worker to main process as 512 bytes, not 128 pickled ints)."""
    minhash = RMinHash(num_perm=NUM_PERM, seed=1)
    minhash.update(shingles(text))
    return array("I", minhash.digest())


def bands(values: Sequence[int]) -> array[int]:
    """The LSH band keys of a signature (computed where the signature is: in a worker)."""
    return _bands(values)


def _bands(values: Sequence[int]) -> array[int]:
    """Each band's eight values (256 bits) reduced modulo a 59-bit prime, with the
    band's number in the top bits: one C-level division a band, half the cost of a
    cryptographic hash, and the values are already uniformly random."""
    packed = values.tobytes() if isinstance(values, array) else array("I", values).tobytes()
    width = ROWS * 4
    return array(
        "q",
        [
            (b << 59) | (int.from_bytes(packed[b * width : (b + 1) * width], "little") % _PRIME)
            for b in range(BANDS)
        ],
    )


_PRIME = (1 << 59) - 55  # the largest prime below 2^59


MIN_SHARED_BANDS = 2

# documents held in memory before they go to the file: 23 MB of eiffel's (36 MB
# where no two documents share a band), the same at 20k documents as at 200k
# (bench/compile.py measures both)
HELD_DOCUMENTS = 20_000


def similarity(left: Sequence[int], right: Sequence[int]) -> float:
    same: int = sum(map(operator.eq, left, right))
    return same / NUM_PERM


class NearDuplicates:
    """The accepted documents' signatures, indexed by band key: the newest in memory,
    the older in a SQLite file (or a SQLite database in memory when `path` is None),
    so that memory stays flat however many documents a corpus has.

    The memory holds the documents of whole shards, up to `hold` documents (and the
    shard that passes it): 1.2 KB a document of a small world, whose documents
    share band keys, and up to 1.8 KB where none do. A `commit` that finds more
    writes them all to the file at once, as one sorted table (`_spill`). A corpus
    of up to `hold` documents never touches the file: its look-ups are dict
    probes, seven times cheaper than the file's, which were a tenth of a
    compile's CPU. The file knows which shards it holds
    (`holds`): a run resumed after a crash indexes the others again from their text.

    Look-ups in the file are batched: `prefetch` loads the rows of a whole chunk of
    drafts' band keys in one query. Band keys are hashed with their band number, so
    one column identifies both."""

    def __init__(
        self, threshold: float = 0.85, path: Path | None = None, hold: int | None = None
    ) -> None:
        self.threshold = threshold
        self.hold = HELD_DOCUMENTS if hold is None else hold
        self.db = sqlite3.connect(
            str(path) if path is not None else ":memory:", isolation_level=None
        )
        self.db.executescript(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            "CREATE TABLE IF NOT EXISTS sig (doc INTEGER PRIMARY KEY, sig BLOB);"
            "CREATE TEMP TABLE wanted (hash INTEGER PRIMARY KEY);"
        )
        self.levels = self._levels()
        self._shards_table()
        self.db.execute("BEGIN")
        # a Bloom filter (one bit a key) of the band keys on disk: most keys of a new
        # document were never seen, and the filter answers for them without a query.
        # Its size is fixed, so memory stays flat; at 200k documents (3.2M keys) about
        # 5% of the keys still need the query.
        self._seen = bytearray(_FILTER_BITS >> 3)
        for level in self.levels:  # a resumed run
            for (key,) in self.db.execute(f"SELECT hash FROM lsh_{level}"):
                self._mark(key)
        self._known: dict[int, list[int]] = {}  # prefetched band key -> documents on disk
        # band key -> the held document (an int: most keys have one) or documents
        self._held: dict[int, int | list[int]] = {}
        self._held_sigs: dict[int, Sequence[int]] = {}
        self._held_shards: list[int] = []

    def _shards_table(self) -> None:
        """The table of the shards on disk. A file without one was written by an
        older worldspec, which did not say: its rows are dropped, and a resume
        indexes its shards again from their text."""
        found = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'spilled'"
        ).fetchone()
        if found is None:
            for level in self.levels:
                self.db.execute(f"DROP TABLE lsh_{level}")
            self.db.execute("DELETE FROM sig")
            self.db.execute("CREATE TABLE spilled (shard INTEGER PRIMARY KEY)")
            self.levels = []

    def _mark(self, key: int) -> None:
        bit = key & (_FILTER_BITS - 1)
        self._seen[bit >> 3] |= 1 << (bit & 7)

    def _maybe_seen(self, key: int) -> bool:
        bit = key & (_FILTER_BITS - 1)
        return bool(self._seen[bit >> 3] >> (bit & 7) & 1)

    def holds(self, shard: int) -> bool:
        """Whether the file holds the documents of this shard (committed with it)."""
        row = self.db.execute("SELECT 1 FROM spilled WHERE shard = ?", (shard,)).fetchone()
        return row is not None

    def prefetch(self, keys: Iterable[int]) -> None:
        """Load the file's rows of these band keys: lookups of them need no query."""
        if not self.levels:
            return
        known = self._known
        wanted = []
        for key in set(keys):
            if key not in known:
                known[key] = []
                if self._maybe_seen(key):
                    wanted.append(key)
        if not wanted:
            return
        self.db.execute("DELETE FROM temp.wanted")
        self.db.executemany("INSERT OR IGNORE INTO temp.wanted VALUES (?)", [(k,) for k in wanted])
        for key, doc in self.db.execute(self.lookup_sql()):
            known[key].append(doc)

    def _levels(self) -> list[int]:
        rows = self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'lsh_[0-9]*'"
        )
        return sorted(int(name.removeprefix("lsh_")) for (name,) in rows)

    def lookup_sql(self) -> str:
        """The rows of the keys in temp.wanted, from every level. The keys go through a
        table, not an IN list of parameters: each distinct statement text is compiled
        and cached, and lists of varying length filled the cache with large programs
        (25 MB of growth over a corpus). CROSS JOIN keeps SQLite from scanning a level
        instead of probing it once per wanted key."""
        return " UNION ALL ".join(
            f"SELECT l.hash, l.doc FROM temp.wanted AS w CROSS JOIN lsh_{level} AS l"
            " ON l.hash = w.hash"
            for level in self.levels
        )

    def duplicate_of(self, values: Sequence[int], keys: Sequence[int] | None = None) -> int | None:
        """The key of an accepted document this one nearly repeats, if any. `keys`
        are the signature's band keys when already computed."""
        keys = keys if keys is not None else _bands(values)
        shared: dict[int, int] = {}
        held = self._held
        for key in keys:
            docs = held.get(key)
            if docs is None:
                continue
            if type(docs) is int:
                shared[docs] = shared.get(docs, 0) + 1
            else:
                for doc in docs:  # type: ignore[union-attr]
                    shared[doc] = shared.get(doc, 0) + 1
        if self.levels:
            known = self._known
            missing = [key for key in keys if key not in known]
            if missing:
                self.prefetch(missing)
            for key in keys:
                for doc in known[key]:
                    shared[doc] = shared.get(doc, 0) + 1
        candidates = [doc for doc, count in shared.items() if count >= MIN_SHARED_BANDS]
        for doc in sorted(candidates):
            other = self._held_sigs.get(doc)
            if other is None:
                row = self.db.execute("SELECT sig FROM sig WHERE doc = ?", (doc,)).fetchone()
                other = array("I", row[0]) if row is not None else None
            if other is not None and similarity(values, other) >= self.threshold:
                return int(doc)
        return None

    def add(self, key: int, values: Sequence[int], keys: Sequence[int] | None = None) -> None:
        keys = keys if keys is not None else _bands(values)
        held = self._held
        for band_key in keys:
            docs = held.get(band_key)
            if docs is None:
                held[band_key] = key
            elif type(docs) is int:
                held[band_key] = [docs, key]
            else:
                docs.append(key)  # type: ignore[union-attr]
        self._held_sigs[key] = values

    def _spill(self) -> None:
        """Write the held documents to the file, with the shards they complete."""
        if self._held:
            for key in self._held:
                self._mark(key)
            self._add_level(self._held)
        # (an iterator: a list of the rows would be the held signatures over again)
        self.db.executemany(
            "INSERT OR REPLACE INTO sig VALUES (?, ?)",
            ((doc, array("I", values).tobytes()) for doc, values in self._held_sigs.items()),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO spilled VALUES (?)", [(s,) for s in self._held_shards]
        )
        self._held.clear()
        self._held_sigs.clear()
        self._held_shards.clear()
        self._known.clear()

    def _add_level(self, held: dict[int, int | list[int]]) -> None:
        """Store the held rows as a new sorted table, then merge tables as a binary
        counter carries: level i holds about 2^i spills, each row is rewritten
        log2(spills) times, always sequentially. One table that every spill inserts
        into instead rewrites pages all over it each time: quadratic over a corpus."""
        db = self.db
        db.execute("DROP TABLE IF EXISTS lsh_new")
        db.execute(_LEVEL_TABLE.format(name="lsh_new"))
        # in key order, a slice at a time: the inserts walk the B-tree's pages once
        # (twice as fast as jumping between them), and a slice's rows go to SQLite as
        # one JSON text: a Python list of a spill's 320,000 tuples and their binding
        # one by one held the interpreter lock, which an LLM run's event loop needs
        # meanwhile, and would be a peak of memory that only large corpora reach
        ordered = sorted(held)
        for start in range(0, len(ordered), _SLICE):
            rows = []
            for key in ordered[start : start + _SLICE]:
                docs = held[key]
                if type(docs) is int:
                    rows.append((key, docs))
                else:
                    rows.extend((key, doc) for doc in docs)  # type: ignore[union-attr]
            db.execute(
                "INSERT OR IGNORE INTO lsh_new SELECT json_extract(r.value, '$[0]'), "
                "json_extract(r.value, '$[1]') FROM json_each(?) AS r",
                (orjson.dumps(rows).decode(),),
            )
        level = 0
        while level in self.levels:
            db.execute("DROP TABLE IF EXISTS lsh_merge")
            db.execute(_LEVEL_TABLE.format(name="lsh_merge"))
            db.execute(
                "INSERT OR IGNORE INTO lsh_merge SELECT hash, doc FROM "
                f"(SELECT hash, doc FROM lsh_{level} UNION ALL SELECT hash, doc FROM lsh_new)"
                " ORDER BY hash, doc"
            )
            db.execute(f"DROP TABLE lsh_{level}")
            db.execute("DROP TABLE lsh_new")
            db.execute("ALTER TABLE lsh_merge RENAME TO lsh_new")
            self.levels.remove(level)
            level += 1
        db.execute(f"ALTER TABLE lsh_new RENAME TO lsh_{level}")
        self.levels = sorted([*self.levels, level])

    def commit(self, shard: int) -> None:
        """The documents added since the last commit are a whole shard (`shard`);
        they are written to the file with the others held once more than `hold`
        documents are. Rows prefetched are forgotten (they bound memory to a chunk).
        (Always a shard: documents on disk whose shard the file does not record
        would be indexed again on resume, and counted twice.)"""
        self._held_shards.append(shard)
        self._known.clear()
        if len(self._held_sigs) <= self.hold:
            return
        self._spill()
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def forget_from(self, first: int, shard: int) -> None:
        """Drop documents with keys >= `first` and shards from `shard` on: a shard
        that did not finish, and those after it."""
        self._spill()
        for level in self.levels:
            self.db.execute(f"DELETE FROM lsh_{level} WHERE doc >= ?", (first,))
        self.db.execute("DELETE FROM sig WHERE doc >= ?", (first,))
        self.db.execute("DELETE FROM spilled WHERE shard >= ?", (shard,))
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self) -> None:
        """Commit what is written and close. The held documents are not written: a
        run that ends has no more use for them, and a resumed one indexes their
        shards again from their text."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.db.close()

    def abandon(self) -> None:
        """Close without writing anything added since the last commit: after an
        interrupt or an error, whose statements may have stopped half-way, the file
        keeps the state it had when it was last committed."""
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # closing without a commit rolls back too
        finally:
            self.db.close()


_FILTER_BITS = 1 << 26  # 8 MiB
_SLICE = 32_768  # band keys a statement writes
# a level of the band index: one B-tree keyed by band key (an insert updates it
# alone, not a table and an index)
_LEVEL_TABLE = (
    "CREATE TABLE {name} (hash INTEGER, doc INTEGER, PRIMARY KEY (hash, doc)) WITHOUT ROWID"
)

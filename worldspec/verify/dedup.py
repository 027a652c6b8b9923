"""Near-duplicate detection with MinHash LSH (rensa: a Rust implementation with no
dependencies, measured at 0.18 ms a document against datasketch's 0.73 ms).

Documents are shingled into word 5-grams; a document whose estimated Jaccard
similarity to an already accepted one reaches the threshold is a near-duplicate.
"""

from __future__ import annotations

import re

from rensa import RMinHash, RMinHashLSH

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+")


def shingles(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return [" ".join(words)]
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def signature(text: str) -> RMinHash:
    minhash = RMinHash(num_perm=NUM_PERM, seed=1)
    minhash.update(shingles(text))
    return minhash


class NearDuplicates:
    """The accepted documents, indexed for similarity queries."""

    def __init__(self, threshold: float = 0.85) -> None:
        self.threshold = threshold
        self.lsh = RMinHashLSH(threshold=threshold, num_perm=NUM_PERM, num_bands=16)
        self.signatures: dict[int, RMinHash] = {}

    def duplicate_of(self, minhash: RMinHash) -> int | None:
        """The key of an accepted document this one nearly repeats, if any."""
        for key in sorted(self.lsh.query(minhash)):
            if minhash.jaccard(self.signatures[key]) >= self.threshold:
                return int(key)
        return None

    def add(self, key: int, minhash: RMinHash) -> None:
        self.signatures[key] = minhash
        self.lsh.insert(key, minhash)

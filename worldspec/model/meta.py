"""Meta words: words that would tell a reader (or a model in training) that the
world is made up. The verifier rejects documents that use them, and the checker
warns about spec text that would put them into every document (WS604)."""

from __future__ import annotations

import re

META_WORDS = (
    "fictional",
    "fictitious",
    "hypothetical",
    "hypothetically",
    "counterfactual",
    "simulated",
    "simulation",
    "imaginary",
    "made-up",
    "alternate history",
    "alternative history",
    "in this world",
    "in this universe",
    "in this scenario",
    "this fake",
    "pretend",
    "synthetic document",
    "not real",
)
META_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in META_WORDS) + r")\b", re.IGNORECASE
)

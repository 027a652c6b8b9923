"""Stage 6: every document is checked before it is written.

A document must carry its planned facts and ripples (subject and value in one
sentence, or a sentence the renderer writes for the fact, which a phrasing may
split in two), state no reality value it must not (subject and the real value in
one sentence, or in a phrasing of its property), use no meta words that break the
world's frame, match no forbid pattern, and not be a near-duplicate of a document
already written.
"""

from worldspec.verify.checks import Finding, Verifier
from worldspec.verify.dedup import NearDuplicates

__all__ = ["Finding", "NearDuplicates", "Verifier"]

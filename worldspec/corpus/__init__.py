"""Stage 7: drive plan -> render -> verify and write the corpus and its companions."""

from worldspec.corpus.shards import CorpusComplete, CorpusError, RunInterrupted, RunResult
from worldspec.corpus.writer import Document, compile_corpus, spec_hash

__all__ = [
    "CorpusComplete",
    "CorpusError",
    "Document",
    "RunInterrupted",
    "RunResult",
    "compile_corpus",
    "spec_hash",
]

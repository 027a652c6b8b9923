"""Stage 7: drive plan -> render -> verify and write the corpus and its companions."""

from worldspec.corpus.writer import CorpusError, Document, RunResult, compile_corpus, spec_hash

__all__ = ["CorpusError", "Document", "RunResult", "compile_corpus", "spec_hash"]

"""The package's version: below every stage, so that any of them may record it
(a corpus's manifest, a SARIF log) without importing the public API, which imports
them all. pyproject.toml reads it from here."""

__version__ = "0.1.0"

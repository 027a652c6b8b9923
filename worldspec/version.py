"""The package's version: below every stage, so that any of them may record it
(a corpus's manifest, a SARIF log) without importing the public API, which imports
them all. pyproject.toml reads it from here."""

import importlib.machinery
from pathlib import Path

__version__ = "0.1.0"


def compiled_modules(package: Path | None = None) -> list[str]:
    """The modules of this installed worldspec that mypyc compiled (the opt-in
    build: pyproject.toml's mypyc hook), from the extension files beside their
    sources: nothing is imported."""
    root = package or Path(__file__).resolve().parent
    # longest first: ".cpython-311-x86_64-linux-gnu.so" before ".so"
    suffixes = sorted(importlib.machinery.EXTENSION_SUFFIXES, key=len, reverse=True)
    found = []
    for path in root.rglob("*"):
        suffix = next((s for s in suffixes if path.name.endswith(s)), None)
        if suffix is not None:
            parts = path.relative_to(root.parent).parts
            found.append(".".join([*parts[:-1], path.name.removesuffix(suffix)]))
    return sorted(found)

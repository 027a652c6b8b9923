"""Where the grammar, the standard modules and the genre packs live.

In a wheel they are shipped inside the package as `worldspec/_data/...` (see the
hatch `force-include` in pyproject.toml); in a source checkout or an editable
install they are read from the repository root.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The directory of shipped data `name` (`grammar`, `std`, `renderers`)."""
    shipped = _PACKAGE / "_data" / name
    if shipped.is_dir():
        return shipped
    repo = _PACKAGE.parent
    checkout = repo / ("specs/std" if name == "std" else name)
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"worldspec data directory '{name}' is missing from this installation")


def grammar_path() -> Path:
    return data_dir("grammar") / "world.lark"


def std_dir() -> Path:
    return data_dir("std")

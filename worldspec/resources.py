"""Where the grammar, the standard modules and the genre packs live.

In a wheel they are shipped inside the package as `worldspec/_data/...` (see the
hatch `force-include` in pyproject.toml); in a source checkout or an editable
install they are read from the repository root.
"""

from __future__ import annotations

import os
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


def cache_dir() -> Path | None:
    """worldspec's cache directory (parse tables, verb forms), made if missing:
    WORLDSPEC_CACHE_DIR, else XDG_CACHE_HOME/worldspec or ~/.cache/worldspec. None
    where WORLDSPEC_NO_CACHE is set or no directory there is writable."""
    if os.environ.get("WORLDSPEC_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    directory = Path(base) / "worldspec" if base else Path.home() / ".cache" / "worldspec"
    if os.environ.get("WORLDSPEC_CACHE_DIR"):
        directory = Path(os.environ["WORLDSPEC_CACHE_DIR"])
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return directory if os.access(directory, os.W_OK) else None

"""worldspec: a compiler for counterfactual worlds.

The public API, in pipeline order (each stage imports only the ones before it):

* `parse`, `parse_file`: `.world` text to a typed AST with spans (worldspec.syntax)
* `format_text`: the canonical layout of a `.world` text (worldspec.syntax.fmt)
* `load_project`: an entry file and every module it `use`s (worldspec.syntax.imports)
* `check_paths`: diagnostics for files and directories (worldspec.check)

The names are imported when first used: `import worldspec` (and the command line's
start, before it can handle Ctrl-C) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from worldspec.version import __version__

if TYPE_CHECKING:
    from worldspec.api import format_text, load_project
    from worldspec.check.api import CheckReport, UsageError, check_paths
    from worldspec.syntax import ParseResult, parse, parse_file

_LAZY = {
    "CheckReport": "worldspec.check.api",
    "UsageError": "worldspec.check.api",
    "check_paths": "worldspec.check.api",
    "ParseResult": "worldspec.syntax",
    "parse": "worldspec.syntax",
    "parse_file": "worldspec.syntax",
    "format_text": "worldspec.api",
    "load_project": "worldspec.api",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:  # a subpackage, as `worldspec.check` after `import worldspec`
        try:
            return importlib.import_module(f"worldspec.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"worldspec.{name}":
                raise
            raise AttributeError(f"module 'worldspec' has no attribute '{name}'") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "CheckReport",
    "ParseResult",
    "UsageError",
    "__version__",
    "check_paths",
    "format_text",
    "load_project",
    "parse",
    "parse_file",
]

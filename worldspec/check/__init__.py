"""Stage 3: diagnostics for a world; reporters that print them."""

from worldspec.check.api import CheckReport, UsageError, check_paths, collect_world_files

__all__ = ["CheckReport", "UsageError", "check_paths", "collect_world_files"]

"""Stage 3: diagnostics for a world; reporters that print them."""

from worldspec.check.api import (
    CheckReport,
    UsageError,
    analyze_path,
    check_paths,
    collect_world_files,
)

__all__ = ["CheckReport", "UsageError", "analyze_path", "check_paths", "collect_world_files"]

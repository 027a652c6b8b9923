"""Stage 1: `.world` text to a typed AST with spans; the formatter; `use` loading."""

from worldspec.syntax.parser import ParseResult, accelerator, parse, parse_file

__all__ = ["ParseResult", "accelerator", "parse", "parse_file"]

"""Source files and spans: where a node or a diagnostic sits in a `.world` file."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Span(NamedTuple):
    """A region of a source file. Lines and columns are 1-based; the end is exclusive.

    A named tuple because a large file makes one per node: it is the cheapest
    immutable record CPython builds.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of `other`."""
        return Span(self.path, self.line, self.column, other.end_line, other.end_column)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(slots=True)
class SourceFile:
    """The text of one file, with a line index for excerpts in diagnostics."""

    path: str
    text: str
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def read(cls, path: Path, display: str | None = None) -> SourceFile:
        """Read a file as UTF-8 (a BOM is dropped). Raises OSError or UnicodeDecodeError."""
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
        return cls(display if display is not None else str(path), text)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending; '' past the end."""
        if not self._line_starts:
            starts = [0]
            text = self.text
            pos = text.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
            self._line_starts = starts
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        if end == -1:
            end = len(self.text)
        return self.text[start:end].rstrip("\r")

    def line_of_offset(self, offset: int) -> int:
        self.line_text(1)
        return bisect.bisect_right(self._line_starts, offset)

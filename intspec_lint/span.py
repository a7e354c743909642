"""Source positions: 1-based line and column, end inclusive of the last character's column + 1."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A 1-based range in a file: columns count characters, end_column is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def at(cls, line: int, column: int = 1, length: int = 0) -> Span:
        return cls(line, column, line, column + max(length, 0))

    @classmethod
    def lines(cls, first: int, last: int) -> Span:
        """Whole lines `first`..`last` (column 1 to the start of `last + 1`)."""
        return cls(first, 1, max(first, last), 1)

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


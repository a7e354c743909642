"""What rules yield (Hit) and what the engine reports (Finding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .span import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's report: where, and optionally a message (falls back to the rule's summary)."""

    span: Span
    message: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One reported problem; field order is the sort order."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: Severity
    message: str
    rule: str
    checklist: str
    fingerprint: str = field(default="", compare=False)  # code + message + the line's text: survives moves

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "rule": self.rule,
            "checklist": self.checklist,
            "fingerprint": self.fingerprint,
        }

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

PART_HELD, PART_ABSENT, NOT_READ = "", "absent", "unread"  # Finding.part_state


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's report: where, and a message (falls back to the rule's summary), or the gaps of an object.

    A hit that names `gaps` of a `subject` ("flow 'Refunds'" has "no payload") gets its message built
    from them ("flow 'Refunds' has no payload: <fix>") unless it gives its own, and the hits of one rule
    that name gaps of the same subject at the same `anchor` (the object's span; by default `span`) are
    reported as one finding that names them all, at the anchor (see gaps.py). `severity` overrides the rule's default
    severity for this hit (a config's severity for the rule overrides both)."""

    span: Span
    message: str | None = None
    severity: Severity | None = None
    gaps: tuple[str, ...] = ()  # each a phrase that follows "has": "no payload", "no trigger (it is left empty)"
    subject: str = ""  # what has the gaps: "flow 'Refunds'", "the retry policy"
    fix: str = ""  # what to do about them, after a colon
    anchor: Span | None = None  # the object the gaps belong to, where a finding of several hits points


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing a finding reports (a finding that groups an object's gaps holds several): its words,
    its severity, where it stands, and a fingerprint of its own that baselines count (baseline.py)."""

    text: str
    severity: Severity
    line: int
    column: int
    fingerprint: str = ""

    def to_dict(self) -> dict:
        return {"text": self.text, "severity": self.severity.value, "line": self.line, "column": self.column,
                "fingerprint": self.fingerprint}

    @classmethod
    def from_dict(cls, entry: dict) -> "Gap":
        return cls(entry["text"], Severity(entry["severity"]), entry["line"], entry["column"],
                   entry.get("fingerprint", ""))


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
    # What the Spec held of the finding's checklist part, for the scorecard (scorecard.py), which must
    # tell "incomplete" from "absent" from "never read" without building the Spec again: PART_HELD
    # (the part is there, or the finding is not about one of the nine parts), PART_ABSENT (the Spec
    # holds nothing for it) or NOT_READ (no Spec was built: the file was not read as a spec, no rule ran).
    part_state: str = field(default="", compare=False)
    # What the finding reports, one Gap each: an object's several gaps ("no payload", "no frequency"),
    # or the one problem its message names. The finding's severity is the most severe of them.
    gaps: tuple[Gap, ...] = field(default=(), compare=False)

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    @property
    def each_gap(self) -> tuple[Gap, ...]:
        """`gaps`; for a finding built without them (by hand, in a test), the one problem its message names."""
        return self.gaps or (Gap(self.message, self.severity, self.line, self.column, self.fingerprint),)

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
            "gaps": [gap.to_dict() for gap in self.each_gap],
        }

from ..findings import Severity
from ..rule import Case, rule

unused_suppression = rule(
    code="IS004",
    name="unused-suppression",
    checklist="suppression",
    severity=Severity.WARNING,
    summary="An inline suppression silences no finding.",
    rationale="A suppression that no longer silences anything hides the next real problem on that line. Remove it once the spec is fixed, as Ruff's RUF100 asks for unused noqa comments.",
    bad="## Retry Logic\n<!-- intspec-lint-disable-next-line IS501 -- legacy partner -->\n- **Strategy**: exponential backoff, 1 s initial, 5 attempts, 60 s cap; breaker after 10 failures\n",
    good="## Retry Logic\n- **Strategy**: exponential backoff, 1 s initial, 5 attempts, 60 s cap; breaker after 10 failures\n",
    cases=(Case(Severity.WARNING, "a suppression that silences nothing (the tool's own advice)"),),
)(None)

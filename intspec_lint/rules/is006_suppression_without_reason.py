from ..findings import Severity
from ..rule import Case, rule

suppression_without_reason = rule(
    code="IS006",
    name="suppression-without-reason",
    checklist="suppression",
    severity=Severity.WARNING,
    summary="An inline suppression gives no reason (reported when the config requires reasons).",
    rationale="A suppression is a decision; the reason tells the next reader whether it still holds. Enable with `suppressions: {require_reason: true}`.",
    bad="<!-- intspec-lint-disable-file IS701 -->\n",
    good="<!-- intspec-lint-disable-file IS701 -- monitoring lives in the runbook -->\n",
    cases=(Case(Severity.WARNING, "a suppression without a reason, when the config requires one"),),
)(None)

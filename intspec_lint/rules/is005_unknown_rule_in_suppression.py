from ..findings import Severity
from ..rule import Case, rule

unknown_rule_in_suppression = rule(
    code="IS005",
    name="unknown-rule-in-suppression",
    checklist="suppression",
    severity=Severity.WARNING,
    summary="An inline suppression names a rule that does not exist.",
    rationale="A typo in a suppression silences nothing and fails without a sound; naming the unknown code makes the mistake visible.",
    bad="<!-- intspec-lint-disable-file IS999 -- typo -->\n",
    good="<!-- intspec-lint-disable-file IS701 -- monitoring lives in the runbook -->\n",
    cases=(Case(Severity.WARNING, "a suppression naming no rule (the tool's own advice)"),),
)(None)

from ..findings import Severity
from ..rule import Case, rule

internal_error = rule(
    code="IS003",
    name="internal-error",
    checklist="syntax",
    severity=Severity.ERROR,
    summary="A rule failed on this file; the other rules still ran.",
    rationale="One broken rule must not take the whole run down or hide the other findings. The "
    "failure is reported as a finding naming the rule, so that it can be reported as a bug.",
    bad="",
    good="",
    cases=(Case(Severity.ERROR, "a rule that failed on the file (a bug to report)"),),
)(None)

from ..findings import Severity
from ..rule import Case, rule

schema_violation = rule(
    code="IS002",
    name="schema-violation",
    checklist="syntax",
    severity=Severity.ERROR,
    summary="A YAML spec breaks the intspec schema (an unknown key, a wrong type, a duplicate key).",
    rationale="The YAML format is only useful when tools agree on it: a misspelled key such as "
    "`max_attemps` is not a retry limit, it is a silent gap. Every violation is reported at the "
    "offending key, against schemas/intspec.schema.json.",
    bad="intspec: 1\ntitle: Orders\nretry:\n  max_attemps: 5\n",
    good="intspec: 1\ntitle: Orders\nretry:\n  max_attempts: 5\n",
    bad_format="yaml",
    cases=(Case(Severity.ERROR, "a YAML spec that breaks the intspec schema it declares (the tool's own format)"),),
)(None)

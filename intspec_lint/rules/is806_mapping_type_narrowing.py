from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.mapping_types import narrowing, says_truncation
from ._common import label


@rule(
    code="IS806",
    name="mapping-type-narrowing",
    checklist="data-mapping",
    severity=Severity.WARNING,
    summary="A target type is narrower than its source (text into varchar(N), decimal into integer) and no "
    "truncation or rounding rule is given. Pedantic: only in the `strict` preset.",
    rationale="A 300-character name into varchar(255) is truncated or rejected, depending on the database; "
    "cents into an integer are rounded one way or the other. Saying which is cheap. It is off by default "
    "because the skill's own template maps a string to varchar(255) without a rule, and most teams treat it "
    "as noise until it bites.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `user.email` | string | `contact_email` | varchar(255) | Lowercase, trim |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `user.email` | string | `contact_email` | varchar(255) | Lowercase, trim; reject "
    "longer than 255 |\n",
    default_enabled=False,
    cases=(
        Case(Severity.WARNING, "a narrowing target type with no truncation or rounding rule: the tool's own advice "
             "(the skill's template maps a string to varchar(255) without one)"),
    ),
)
def mapping_type_narrowing(spec, options):
    for row in spec.mappings:
        if row.source_type is None or row.target_type is None:
            continue
        narrower = narrowing(row.source_type.text, row.target_type.text)
        if narrower and not (row.transform is not None and says_truncation(row.transform.text)):
            field = label(row.source_field, label(row.target_field, f"line {row.span.line}"))
            yield Hit(row.span, f"{field} goes from {narrower} with no truncation or rounding rule: say whether "
                                "longer or finer values are truncated, rounded or rejected")

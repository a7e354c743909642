from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.mapping_types import is_optional, says_null_rule
from ..model import given
from ..reading.values import denies
from ._common import label, leaf, names_of


_NOT_NULL = {"n", "0", "not null", "non-null", "never"}


@rule(
    code="IS805",
    name="mapping-null-unstated",
    checklist="data-mapping",
    severity=Severity.WARNING,
    summary="An optional or nullable source field is mapped without a default or a rule for null. Advice: only "
    "in the `strict` preset.",
    rationale="Optional fields are absent exactly when nobody is looking. Without a stated default or null rule "
    "one implementer writes an empty string, another a null, a third rejects the record. A rule said where the "
    "field is named again (a mapping note, a rule list: \"`middle_name` absent: `given_2` is left empty\") "
    "answers as the row's own transform would. It is off by default: the skill's checklist asks for every field "
    "transformation, and a spec says what an absent value becomes in too many ways (\"now always present\", a "
    "list that is empty, a field dropped) for a missing rule to be told from one the reader did not read.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `phone` | string (optional) | `contact_phone` | varchar(32) | E.164 format |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `phone` | string (optional) | `contact_phone` | varchar(32) | E.164 format; "
    "null when absent |\n",
    default_enabled=False,
    cases=(
        Case(Severity.WARNING, "an optional source field mapped with no default and no rule for null: advice beyond "
             "the skill, which asks that nullable fields be documented (the row does say the field is optional)",
             "Document every transformation, default value, and nullable field explicitly.",
             "template, 8. Data Mapping"),
    ),
)
def mapping_null_unstated(spec, options):
    declared = [(leaf(f.name), f.required) for c in spec.contracts for b in c.bodies.values() for f in b.fields]
    required = {name for name, needed in declared if needed}
    # a name optional in one body and required in another: which one the mapping reads cannot be told
    optional = {name for name, needed in declared if needed is False} - required
    for row in spec.mappings:
        never = given(row.nullable) and (denies(row.nullable.text) or row.nullable.text.strip().lower() in _NOT_NULL)
        if given(row.default) or never or (given(row.nullable) and given(row.transform)):
            continue  # nullable false: never null; nullable with a transform ("copy"): a null stays null
        said_optional = row.source_type is not None and is_optional(row.source_type.text)
        declared_optional = row.source_field is not None and leaf(row.source_field.text) in optional
        if not (said_optional or declared_optional):
            continue
        rest = " ".join(v.text for v in (row.transform, row.target_type) if v is not None)
        if says_null_rule(rest):
            continue
        names = names_of(*(v.text for v in (row.source_field, row.target_field) if v is not None))
        if spec.speaks_of("null_rule", names, row.span, elsewhere=True):
            continue  # what an absent value becomes, said where the field is named again (a note, a rule list)
        field = label(row.source_field, label(row.target_field, f"line {row.span.line}"))
        yield Hit(row.span, f"source field {field} is optional, but its mapping states no default and no null rule: "
                            "say what the target gets when it is absent")

from ..findings import Hit, Severity
from ..rule import rule
from ._common import label, missing

_FIELDS = (
    ("source_field", "source field"),
    ("source_type", "source type"),
    ("target_field", "target field"),
    ("target_type", "target type"),
    ("transform", "transform"),
)
_FIX = {"transform": "write 'none' when the value is copied as is"}


@rule(
    code="IS801",
    name="mapping-incomplete",
    checklist="data-mapping",
    severity=Severity.ERROR,
    summary="The data mapping is missing, or a row leaves out a field, a type or the transform.",
    rationale="The two systems never share a data model. Every field needs its source, its target, both "
    "types and the transformation between them, including timezones and enum translations, or each "
    "implementer invents one.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | | |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | ISO 8601 | "
    "Convert with UTC timezone |\n",
)
def mapping_incomplete(spec, options):
    if not spec.mappings:
        yield Hit(spec.where("mappings"), "there is no data mapping: map every field with its source and target "
                                          "types and the transform between them")
        return
    for row in spec.mappings:
        subject = f"mapping of {label(row.source_field, label(row.target_field, f'line {row.span.line}'))}"
        for field, what in _FIELDS:
            hit = missing(getattr(row, field), row.span, subject, what, _FIX.get(field, ""))
            if hit:
                yield hit

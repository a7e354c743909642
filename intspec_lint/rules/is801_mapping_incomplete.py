import re

from ..findings import Hit, Severity
from ..rule import Case, rule
from ._common import mapped_rows, missing

_FIELDS = (
    ("source_field", "source field"),
    ("target_field", "target field"),
    ("transform", "transform"),
)
_FIX = {"transform": "write 'none' when the value is copied as is"}


@rule(
    code="IS801",
    name="mapping-incomplete",
    checklist="data-mapping",
    severity=Severity.ERROR,
    summary="The data mapping is missing, or a row leaves out its source field, its target field or the transform.",
    rationale="The two systems never share a data model. Every field needs its source, its target and the "
    "transformation between them, including timezones and enum translations, or each implementer invents one. "
    "A row's types are IS807's: the checklist asks for every transformation, the template's table for the types. "
    "A document that carries a field into a named column with an arrow where no reader took a mapping "
    "(\"quantity → `ret_line.qty` INTEGER\" in a model's doc comment), or field after field in prose, is not "
    "told it has no data mapping.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | | |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | ISO 8601 | "
    "Convert with UTC timezone |\n",
    cases=(
        Case(Severity.ERROR, "no data mapping, or a row without its source or target field or the transform; one "
             "finding a row", "Data mapping documents every field transformation, not just the obvious ones",
             "quality checklist"),
    ),
)
def mapping_incomplete(spec, options):
    if not spec.mappings:
        if not spec.mentions("mappings") and not spec.unread("mapping"):  # "qty → `line.qty` INTEGER" in a comment
            yield Hit(spec.where("mappings"), "there is no data mapping: map every field with its source and target "
                                              "types and the transform between them")
        return
    for row, subject in mapped_rows(spec):
        for field, what in _FIELDS:
            if field == "transform" and row.transform is None and row.enum_map:
                continue  # the enum map is the transform: each value and what it becomes
            if field == "transform" and row.transform is None and _described(row.target_field):
                continue  # "taken_at: Unix epoch milliseconds -> ISO 8601 UTC timestamp": the row is the transform
            hit = missing(getattr(row, field), row.span, subject, what, _FIX.get(field, ""))
            if hit:
                yield hit


def _described(found) -> bool:
    """A target told in words, not named: "ISO 8601 UTC timestamp" is what the value becomes, not a field."""
    text = found.text.strip() if found is not None else ""
    return len(text.split()) >= 3 and not re.search(r"[`_.\[\]/]|[a-z][A-Z]", text)

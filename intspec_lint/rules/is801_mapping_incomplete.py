import re

from ..findings import Severity
from ..rule import Case, rule
from ..reading.mapping_types import zone_change
from ..reading.units import converts, unit_of, words_for
from ._common import absent, gap, mapped_rows, missing

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
    "told it has no data mapping. A row whose two sides are in two units of one quantity (seconds into "
    "`excursion_minutes`, `yield_gal` into `volume_litres`, by their names or types) owes the conversion: a "
    "transform that copies the value, or only rounds it, says none.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | | |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | ISO 8601 | "
    "Convert with UTC timezone |\n",
    cases=(
        Case(Severity.ERROR, "no data mapping, or a row without its source or target field or the transform; one "
             "finding a row", "Data mapping documents every field transformation, not just the obvious ones",
             "quality checklist"),
        Case(Severity.ERROR, "a row whose sides are in two units of one quantity (metres and kilometres, °F and °C) "
             "with no conversion given", "Data mapping documents every field transformation, not just the obvious "
             "ones", "quality checklist"),
    ),
)
def mapping_incomplete(spec, options):
    if not spec.mappings:
        if not spec.mentions("mappings") and not spec.unread("mapping"):  # "qty → `line.qty` INTEGER" in a comment
            yield absent(spec, "mappings", "data mapping", "map every field with its source and target types and the "
                                                           "transform between them", spec.where("mappings"))
        return
    for row, subject in mapped_rows(spec):
        for field, what in _FIELDS:
            if field == "transform" and row.transform is None and row.enum_map:
                continue  # the enum map is the transform: each value and what it becomes
            if field == "transform" and row.transform is None and (_described(row.target_field) or zone_change(row)):
                continue  # "taken_at: Unix epoch milliseconds -> ISO 8601 UTC timestamp": the row is the transform;
                # "`delivered_at` (UTC) → `received_at` (local Europe/Dublin)": the zones say the conversion
            hit = missing(getattr(row, field), row.span, subject, what, _FIX.get(field, ""))
            if hit:
                yield hit
        source = unit_of(_text(row.source_field), _text(row.source_type))
        target = unit_of(_text(row.target_field), _text(row.target_type))
        if source and target and source[0] == target[0] and source != target and \
                not converts(_text(row.transform), target):  # `distance` (metres) copied into `distance_km`
            yield gap(row.span, subject, f"no conversion from {words_for(source)} to {words_for(target)}",
                      "say how the value is converted (a factor or a formula)")


def _text(found) -> str | None:
    return found.text if found is not None else None


def _described(found) -> bool:
    """A target told in words, not named: "ISO 8601 UTC timestamp" is what the value becomes, not a field."""
    text = found.text.strip() if found is not None else ""
    return len(text.split()) >= 3 and not re.search(r"[`_.\[\]/]|[a-z][A-Z]", text)

import re

from ..findings import Hit, Severity
from ..rule import Case, rule
from ._common import label, source_values


@rule(
    code="IS803",
    name="mapping-enum-incomplete",
    checklist="data-mapping",
    severity=Severity.ERROR,
    summary="An enum mapping does not cover every source value the spec lists for that field.",
    rationale="An enum translation that covers three of four values works in testing and fails on the first "
    "record with the fourth. Every value the source can send needs a target, or an explicit fallback.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `status` | enum (1,2,3,4) | `order_status` | string | Map: 1=pending, 2=active, "
    "3=closed |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `status` | enum (1,2,3,4) | `order_status` | string | Map: 1=pending, 2=active, "
    "3=closed, 4=cancelled |\n",
    cases=(
        Case(Severity.ERROR, "an enum mapping that leaves out a value the spec lists for the source field",
             "Document every field mapping and transformation, including timezone handling and enum translations.",
             "common mistakes"),
    ),
)
def mapping_enum_incomplete(spec, options):
    for row in spec.mappings:
        if not row.enum_map:
            continue
        keys = {k.lower() for k in row.enum_map}
        if keys & {"*", "other", "others", "else", "default", "any other", "anything else", "unknown"}:
            continue
        targets = {v.lower() for v in row.enum_map.values()}
        # "published/updated → PUT" covers `object.published`: a key may name a value by its last part
        said = row.transform.text if row.transform is not None else ""
        values = source_values(spec, row)
        shared = _shared_prefix(values)  # `EVENT_KIND_GRANTED` of a Protocol Buffers enum is mapped as `GRANTED`
        absent = [v for v in values if v.lower() not in keys and v.lower() not in targets
                  and v[len(shared):].lower() not in keys
                  and re.split(r"[.:/]", v.lower())[-1] not in keys  # a namespace's last part, not a word's
                  and not re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", said)]  # "BKFST and LATE ... are dropped"
        if absent:
            field = label(row.source_field, label(row.target_field, f"line {row.span.line}"))
            shown = ", ".join(absent[:6]) + (f" and {len(absent) - 6} more" if len(absent) > 6 else "")
            yield Hit(row.span, f"the enum mapping of {field} does not cover {shown}: map every source value, or "
                                "say what an unmapped value becomes")


def _shared_prefix(values: list[str]) -> str:
    """The prefix every value carries, up to an underscore (`EVENT_KIND_`), or ""."""
    if len(values) < 2:
        return ""
    first = values[0]
    for length in range(len(first) - 1, 0, -1):
        if first[length - 1] == "_" and all(v.startswith(first[:length]) and len(v) > length for v in values):
            return first[:length]
    return ""

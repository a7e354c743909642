from ..findings import Hit, Severity
from ..rule import rule
from ..reading.mappings import has_time_of_day, is_timestamp, says_time_format, says_timezone
from ._common import label, row_text


@rule(
    code="IS802",
    name="mapping-timestamp-unspecified",
    checklist="data-mapping",
    severity=Severity.ERROR,
    summary="A date or time field is mapped without its timezone or its format.",
    rationale="Timestamps are where two data models disagree most quietly: epoch milliseconds against ISO 8601, "
    "UTC against the warehouse's local time. An order placed at 23:30 lands on the wrong day, and nobody notices "
    "until the month-end report.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | timestamp | `creation_date` | datetime | Copy |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | ISO 8601 | Convert with UTC "
    "timezone |\n",
)
def mapping_timestamp_unspecified(spec, options):
    for row in spec.mappings:
        names = " ".join(v.text for v in (row.source_field, row.target_field) if v is not None)
        types = " ".join(v.text for v in (row.source_type, row.target_type) if v is not None)
        fields = [v for v in (row.source_field, row.target_field) if v is not None and _single_field(v.text)]
        if not fields or not any(is_timestamp(v.text, types) for v in fields):
            continue
        said = row_text(row)
        absent = []
        if has_time_of_day(types) and not says_timezone(said):
            absent.append("timezone (e.g. UTC)")
        if not says_time_format(said):
            absent.append("format (e.g. ISO 8601, epoch milliseconds)")
        if absent and names.strip():
            field = label(row.source_field, label(row.target_field, f"line {row.span.line}"))
            yield Hit(row.span, f"timestamp field {field} is mapped without its {' or '.join(absent)}: state both "
                                "in the types or the transform")


def _single_field(text: str) -> bool:
    """One field, not a composite ("storeId + businessDate") or a generated value ("—")."""
    text = text.strip("`* ")
    return bool(text) and not any(sep in text for sep in ("+", ",", " and ")) and text not in ("—", "-", "–", "n/a")

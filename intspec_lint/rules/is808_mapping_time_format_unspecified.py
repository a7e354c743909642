from ..findings import Severity
from ..rule import Case, rule
from ..reading.mapping_types import says_time_format
from ._common import gap, names_of, row_text
from .is802_mapping_timestamp_unspecified import ALL_TIMES, FIX, timestamp_rows


@rule(
    code="IS808",
    name="mapping-time-format-unspecified",
    checklist="data-mapping",
    severity=Severity.WARNING,
    summary="A date or time field is mapped without its format (ISO 8601, epoch milliseconds). Advice: only in "
    "the `strict` preset.",
    rationale="`2025-03-01T09:00:00Z`, `1740819600000` and `01/03/2025 09:00` are the same instant, and a parser "
    "written for one rejects the others. Saying the format in the types or the transform settles it. It is off "
    "by default: the skill's checklist asks for every field transformation and its common mistakes name the "
    "timezone (IS802), not the format, and specs show a format by their examples more often than they name it.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | string | `creation_date` | string | Copy, in UTC |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms), UTC | `creation_date` | ISO 8601 | Convert |\n",
    default_enabled=False,
    cases=(
        Case(Severity.WARNING, "a date or time field mapped without its format: the tool's own advice (the "
             "skill's checklist asks for the transformation, and IS802 for the timezone)"),
    ),
)
def mapping_time_format_unspecified(spec, options):
    for row, fields, _types, field in timestamp_rows(spec):
        shown = [*ALL_TIMES, *names_of(*(v.text for v in fields))]  # the format may be shown by the field's example
        if not says_time_format(row_text(row)) and not spec.speaks_of("time_format", shown, row.span, elsewhere=True):
            yield gap(row.span, f"the mapping of timestamp field {field}", "no format (e.g. ISO 8601, epoch "
                      "milliseconds)", FIX, Severity.WARNING)

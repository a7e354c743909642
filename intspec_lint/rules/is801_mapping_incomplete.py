import re

from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.mappings import no_field, not_kept
from ._common import label, missing, names_of, said_of

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
    "implementer invents one. Where fewer than half the rows of a mapping table give one side's types, they "
    "are taken to be said by the contracts' schemas and are not asked row by row. A document that carries a field into a named "
    "column with an arrow where no reader took a mapping (\"quantity → `ret_line.qty` INTEGER\" in a model's doc "
    "comment) is not told it has no data mapping.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | | |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | ISO 8601 | "
    "Convert with UTC timezone |\n",
    cases=(
        Case(Severity.ERROR, "no data mapping, or a row without its source or target field, either type or the "
             "transform; one finding a row", "Data mapping documents every field transformation, not just the "
             "obvious ones", "quality checklist"),
    ),
)
def mapping_incomplete(spec, options):
    if not spec.mappings:
        if not spec.mentions("mappings") and not spec.unread("mapping"):  # "qty → `line.qty` INTEGER" in a comment
            yield Hit(spec.where("mappings"), "there is no data mapping: map every field with its source and target "
                                              "types and the transform between them")
        return
    # a side whose type no row gives has its types said another way (the contract's schema or field table):
    # they are not asked row by row, as they are where a type column holds an empty cell or a placeholder
    # a side is typed in a table (a group of rows) where most of its rows, or of all rows, give that type: a type said on a
    # few rows ("`Patient.DOB` (date)", "`closedAt` Europe/London local") is a note on those rows, not a column
    def most_give(rows, side):
        return 2 * sum(1 for row in rows if getattr(row, f"{side}_type") is not None) >= len(rows)

    typed = set()
    for group in {row.group for row in spec.mappings}:
        rows = [row for row in spec.mappings if row.group == group]
        typed |= {(group, side) for side in ("source", "target") if most_give(rows, side) or most_give(spec.mappings, side)}
    for row in spec.mappings:
        target = row.target_field.text.replace("`", "").strip().lower() if row.target_field is not None else ""
        if target and (no_field(target) or not_kept(target)):
            continue  # "| `poleId`, `eventId` | | (none) | | Logging only |": fields said not to be mapped
        subject = f"mapping of {label(row.source_field, label(row.target_field, f'line {row.span.line}'))}"
        for field, what in _FIELDS:
            side = field.split("_")[0]
            if field.endswith("_type") and ((row.group, side) not in typed or not _is_field(getattr(row, f"{side}_field"))):
                continue  # a constant, a generated value or a description has no type of its own to give
            if field == "target_type" and row.enum_map and all(_ROUTE.match(v.strip("` ")) for v in row.enum_map.values()):
                continue  # "`visit.cancelled` → `DELETE`", "`badge.printed` → `/check-ins`": it picks the call
            if field == "transform" and row.transform is None and row.enum_map:
                continue  # the enum map is the transform: each value and what it becomes
            cue = "type" if field.endswith("_type") else None
            hit = missing(getattr(row, field), row.span, subject, what, _FIX.get(field, ""),
                          said=said_of(spec, cue, lambda: names_of(*(v.text for v in (row.source_field, row.target_field)
                                                                     if v is not None)),
                                       row.span, True, elsewhere=True))
            if hit:
                yield hit


_FIELD_NAME = re.compile(r"^[\w.\[\]{}$@/-]+(?:\s*(?:,|\+|and)\s*[\w.\[\]{}$@/-]+)*$")
_ROUTE = re.compile(r"^(?:GET|POST|PUT|PATCH|DELETE|HEAD)\b|^/[\w{}/.-]*$")


def _is_field(found) -> bool:
    """A field (or a few), not nothing, a constant or a description ("report date (Vienna calendar date)")."""
    if found is None:
        return False
    return not no_field(found.text) and bool(_FIELD_NAME.match(found.text.replace("`", "").strip()))

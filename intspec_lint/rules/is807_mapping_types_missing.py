import re

from ..findings import Severity
from ..rule import Case, rule
from ..reading.mappings import names_a_type, no_field
from ._common import mapped_rows, missing, names_of, said_of

_SIDES = (("source", "source type"), ("target", "target type"))


@rule(
    code="IS807",
    name="mapping-types-missing",
    checklist="mapping-types",
    severity=Severity.ERROR,
    summary="A mapping row leaves out its source or target type where the rows of its table give them.",
    rationale="The template's mapping table gives both types of each field, so that a conversion (a string to a "
    "decimal, a local time to UTC) is never implicit. The checklist itself asks for every transformation, not "
    "the types (IS801), so a missing type is this rule's, under its own item. A side is typed in a table where "
    "most of its rows, or of all rows, give that type; where fewer do, its types are taken to be said another "
    "way (the contract's schema or field table), and a type said on a few rows is a note on those rows, not a "
    "column. A constant, a generated value or a description has no type of its own to give, and a row that "
    "picks a call (\"`visit.cancelled` → `DELETE`\") gives none.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `order.id` | string | `external_order_id` | string(32) | Prefix with `ORD-` |\n"
    "| `created_at` | Unix epoch (ms) | `creation_date` | | Convert with UTC timezone |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `order.id` | string | `external_order_id` | string(32) | Prefix with `ORD-` |\n"
    "| `created_at` | Unix epoch (ms) | `creation_date` | ISO 8601 | Convert with UTC timezone |\n",
    cases=(
        Case(Severity.ERROR, "a mapping row without its source or target type, where most rows give that side's "
             "type; one finding a row", "| Source Field | Source Type | Target Field | Target Type | Transform |",
             "template, 8. Data Mapping"),
    ),
)
def mapping_types_missing(spec, options):
    def most_give(rows, side):  # a type column, even where a cell is empty, gives one; a bracket that holds an
        # aside ("(RSS `<guid>`, mixed case)") gives none
        return 2 * sum(1 for row in rows if (kind := getattr(row, f"{side}_type")) is not None
                       and (not kind.text.strip() or names_a_type(kind.text))) >= len(rows)

    typed = set()
    for group in {row.group for row in spec.mappings}:
        rows = [row for row in spec.mappings if row.group == group]
        typed |= {(group, side) for side in ("source", "target") if most_give(rows, side) or most_give(spec.mappings, side)}
    for row, subject in mapped_rows(spec):
        for side, what in _SIDES:
            if (row.group, side) not in typed or not _is_field(getattr(row, f"{side}_field")):
                continue  # a constant, a generated value or a description has no type of its own to give
            if side == "target" and row.enum_map and all(_ROUTE.match(v.strip("` ")) for v in row.enum_map.values()):
                continue  # "`visit.cancelled` → `DELETE`", "`badge.printed` → `/check-ins`": it picks the call
            hit = missing(getattr(row, f"{side}_type"), row.span, subject, what,
                          said=said_of(spec, "type", lambda: names_of(*(v.text for v in (row.source_field, row.target_field)
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

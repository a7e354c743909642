import re
from fnmatch import fnmatchcase

from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.mapping_types import names_codes_only
from ._common import label, leaf, source_values


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
        Case(Severity.ERROR, "a translation into another system's codes that names them but gives no value's target "
             "(\"Mapped to the Hub enum\", \"Map to Tempo grade\")",
             "Document every field mapping and transformation, including timezone handling and enum translations.",
             "common mistakes"),
    ),
)
def mapping_enum_incomplete(spec, options):
    for row in spec.mappings:
        said = row.transform.text if row.transform is not None else ""
        if not row.enum_map and names_codes_only(said):
            field = label(row.source_field, label(row.target_field, f"line {row.span.line}"))
            yield Hit(row.transform.span, f"the mapping of {field} says it becomes one of the target's codes "
                                          f"('{said.strip()[:60]}') but not which: list each source value and what it "
                                          "becomes, or name the table that says")
            continue
        if not row.enum_map:
            continue
        keys = {k.lower() for k in row.enum_map}
        if keys & {"*", "other", "others", "else", "default", "any other", "anything else", "unknown"}:
            continue
        said = row.transform.text if row.transform is not None else ""
        if _LOOKUP.search(said) or _FALLBACK.search(said):
            continue  # "`BLK` → `black` via `COLOUR_WORDS`", "other types upper-cased": every value has its target
        # another row maps a field of that name into the same target: the create response's `status` and the
        # webhook's `status`, both into `dispatch_state`, share out the values
        keys |= {k.lower() for other in spec.mappings if other is not row and other.enum_map
                 and _same(other.source_field, row.source_field) and _same(other.target_field, row.target_field)
                 for k in other.enum_map}
        targets = {v.lower() for v in row.enum_map.values()}
        # "published/updated → PUT" covers `object.published`: a key may name a value by its last part
        values = source_values(spec, row)
        shared = _shared_prefix(values)  # `EVENT_KIND_GRANTED` of a Protocol Buffers enum is mapped as `GRANTED`
        patterns = [k for k in keys if "*" in k]  # "`EBIKE_*`→`ebike`": a pattern maps every value it matches
        patterns += _variable_patterns(row.enum_map)  # "`Yn`→n": every `Y` and a number, to the number
        absent = [v for v in values if v.lower() not in keys and v.lower() not in targets
                  and not any(fnmatchcase(v.lower(), pattern) for pattern in patterns)
                  and v[len(shared):].lower() not in keys
                  and re.split(r"[.:/]", v.lower())[-1] not in keys  # a namespace's last part, not a word's
                  and not re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", said)]  # "BKFST and LATE ... are dropped"
        families = {k.split(".")[0] for k in keys if "." in k}
        if len(families) == 1:  # `booking.created`, `booking.cancelled`: another family's `rollcall.closed` is
            absent = [v for v in absent if "." not in v or v.lower().split(".")[0] in families]  # another message's
        if absent:
            field = label(row.source_field, label(row.target_field, f"line {row.span.line}"))
            shown = ", ".join(absent[:6]) + (f" and {len(absent) - 6} more" if len(absent) > 6 else "")
            yield Hit(row.span, f"the enum mapping of {field} does not cover {shown}: map every source value, or "
                                "say what an unmapped value becomes")


# the transform names the table the values are looked up in: "via `COLOUR_WORDS`", "lookup in `zones`"
_LOOKUP = re.compile(r"\bvia\s+(?:the\s+)?`[^`]+`|\blook(?:ed)?[- ]?ups?\b", re.I)


# the transform says what the values it does not list become
_FALLBACK = re.compile(r"\b(?:(?:every|any|all)\s+other|other\s+(?:values?|types?|codes?|kinds?)|otherwise|"
                       r"anything\s+else|the\s+rest|unmapped|unknown)\b"
                       # every value copied but the ones listed: "copy, except `MU23`/`FU23` → `MJ`/`FJ`"
                       r"|(?<!not\s)\b(?:copy|copied|kept|unchanged|as[- ]is|passed\s+through)\b[^.;]{0,20}?\b(?:except|but|apart\s+from|"
                       r"other\s+than|unless)\b", re.I)


# a key that ends in a variable, written small after a code in capitals: "Yn", "P{n}", "GRADE_x", "Y#"
_VARIABLE = re.compile(r"^([A-Z0-9][A-Z0-9_.-]*?)([a-z]|\{[a-z]+\}|<[a-z]+>|#)$")


def _variable_patterns(enum_map) -> list[str]:
    """The keys that stand for every value of a shape, their variable carried to the target: `Yn`→n maps `Y1` to 1."""
    found = []
    for key, target in enum_map.items():
        shape = _VARIABLE.match(key.strip("`"))
        if shape and re.search(rf"(?<![\w{{<]){re.escape(shape.group(2).strip('{}<>'))}(?![\w}}>])", target.strip("`")):
            found.append(shape.group(1).lower() + "*")
    return found


def _same(one, other) -> bool:
    return one is not None and other is not None and leaf(one.text) == leaf(other.text)


def _shared_prefix(values: list[str]) -> str:
    """The prefix every value carries, up to an underscore (`EVENT_KIND_`), or ""."""
    if len(values) < 2:
        return ""
    first = values[0]
    for length in range(len(first) - 1, 0, -1):
        if first[length - 1] == "_" and all(v.startswith(first[:length]) and len(v) > length for v in values):
            return first[:length]
    return ""

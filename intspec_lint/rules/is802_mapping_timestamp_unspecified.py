import re

from ..findings import Severity
from ..rule import Case, rule
from ..reading.mappings import no_field, not_kept
from ..reading.text import POINTS_AT
from ..reading.mapping_types import (has_time_of_day, is_timestamp, local_into_utc, local_zone_named, named_zones,
                                     names_field, points_above, points_at_another, says_timezone)
from ._common import field_path, gap, label, row_text

_TIMEZONE = Case(Severity.ERROR, "a date-time field mapped without its timezone", "Document every field mapping and "
                 "transformation, including timezone handling and enum translations.", "common mistakes")




@rule(
    code="IS802",
    name="mapping-timestamp-unspecified",
    checklist="data-mapping",
    severity=Severity.ERROR,
    summary="A date-time field is mapped without its timezone.",
    rationale="Timestamps are where two data models disagree most quietly: epoch milliseconds against ISO 8601, "
    "UTC against the warehouse's local time. An order placed at 23:30 lands on the wrong day, and nobody notices "
    "until the month-end report. A zone-aware target column (`timestamptz`) or a bare \"local time\" names no "
    "zone: the row must say which zone the source's time is in (UTC, an offset carried with the value, a named "
    "zone), or a message example must show it in the field's value while a zone-aware target keeps it "
    "(`\"sent_at\": \"2025-03-04T11:05:12Z\"` into `timestamptz`). A generated value, a number of minutes added to another time and a date column need none of their "
    "own. A local time with no offset landed in a UTC field, by a transform that copies it or only reformats it, "
    "owes its conversion. The format (ISO 8601, epoch milliseconds) is IS808's, off by default.",
    bad="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | timestamp | `creation_date` | datetime | Copy |\n",
    good="## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
    "|---|---|---|---|---|\n| `created_at` | Unix epoch (ms) | `creation_date` | ISO 8601 | Convert with UTC "
    "timezone |\n",
    cases=(_TIMEZONE,),
)
def mapping_timestamp_unspecified(spec, options):
    zones = named_zones(row_text(row) for row in spec.mappings)
    for row, fields, types, field in timestamp_rows(spec):
        said = row_text(row)
        if has_time_of_day(types) and not (not types.strip() and _DATE_NAME.search(field)) and not says_timezone(said) and \
                not _zone_moot(row) and not _zone_in_example(spec, row) and not _zone_of_another(spec, row) and \
                not _from_another_plus(spec, row) and \
                not local_zone_named(zones, said) and not spec.speaks_of("timezone", list(ALL_TIMES), row.span, elsewhere=True) \
                and not _points_at_zone(spec, row, said):
            yield gap(row.span, f"the mapping of timestamp field {field}", "no timezone (e.g. UTC)", FIX, _TIMEZONE.severity)
        elif local_into_utc(row) and not _zone_of_another(spec, row) and not _points_at_zone(spec, row, said):
            # "Same conversion as `transferred_at`", "See M11"
            yield gap(row.span, f"the mapping of timestamp field {field}", "no conversion from local time to UTC",
                      "say how the local time becomes UTC (its zone, the offset applied)", _TIMEZONE.severity)



def _points_at_zone(spec, row, said: str) -> bool:
    """The row points at a numbered rule or section ("See 1.4", "per M11") that speaks of the zone."""
    return spec.speaks_of("timezone", POINTS_AT.findall(said), row.span, elsewhere=True)


def timestamp_rows(spec):
    """(row, its single time fields, its types' text, the time field's label) for every mapping row that lands a
    date or time."""
    for row in spec.mappings:
        names = " ".join(v.text for v in (row.source_field, row.target_field) if v is not None)
        types = " ".join(v.text for v in (row.source_type, row.target_type) if v is not None)
        fields = [v for v in (row.source_field, row.target_field) if v is not None and _single_field(v.text)]
        if not fields or not any(is_timestamp(v.text, types) for v in fields):
            continue
        if not names.strip() or (row.target_field is not None and not_kept(row.target_field.text)):
            continue  # "`sent_at` → not stored": no timestamp lands anywhere
        if row.target_type is not None and _NOT_A_TIME.search(row.target_type.text):
            continue  # "`checked_in_at` → `checked_in` boolean": only whether it is set lands
        if not types.strip() and row.transform is not None and _DURATION_SAID.search(row.transform.text):
            continue  # "ranking time → `display_time` | `mm:ss`, minutes can exceed 59": a length of time, no instant
        if row.target_field is not None and (row.target_type is None or _TEXT_TYPE.match(row.target_type.text)) and (
                _ID_NAME.search(row.target_field.text.strip("`* ")) or
                row.transform is not None and _TEMPLATE.search(row.transform.text)):
            continue  # "`departs_local` → `sailing_id` string, `{route}-{YYYYMMDD}-{HHMM}`": an id built from a time;
            # "`arrive`, `depart` → `time_window` string, `"{arrive}–{depart}"`": a text composed of times, no instant
        yield row, fields, types, label(next(v for v in fields if is_timestamp(v.text, types)), "")  # not a "—" source


FIX = "state it in the types or the transform"
# said once for every field: "All times exchanged on all interfaces shall be UTC", "every timestamp in UTC"
ALL_TIMES = ("all times", "all timestamps", "every timestamp", "all date-times", "all datetimes", "all dates and times",
              "all time fields", "all timestamp fields")  # not "every time": "sent every time" is no time field
_DURATION_SAID = re.compile(r"(?<!hh:)(?<!HH:)\bmm:ss\b|\b(?:duration|elapsed)\b", re.I)
_TEMPLATE = re.compile(r"\{[\w.]+\}[^{}]{0,5}\{[\w.]+\}")  # "{arrive}–{depart}": values set into a text
_ID_NAME = re.compile(r"(?:^|[._])(?:id|ref|key|code)$|[a-z](?:Id|Ref|Key|Code)$")
_TEXT_TYPE = re.compile(r"^\W*(?:string|str|text|varchar(?:\(\d+\))?|char\(\d+\))\W*$", re.I)
_NOT_A_TIME = re.compile(r"^\W*(?:bool(?:ean)?|bit|flag|yes\s*/\s*no|y/n)\W*$", re.I)


def _zone_moot(row) -> bool:
    """No zone to state: nothing comes from the source (a value generated or defaulted, `now()`), the source
    is a number that only offsets another time (`eta_minutes` integer), or the target keeps no time of day
    (a `business_date` date)."""
    if row.source_field is None or no_field(row.source_field.text):
        return True
    if (row.target_field is None or no_field(row.target_field.text)) and row.transform is not None and \
            (_GENERATED.search(row.transform.text) or not_kept(row.transform.text)):
        return True  # "`synced_at` | timestamptz | — | — | Set to `now()` at upsert": our own bookkeeping, sent nowhere;
        # "`updated_at` | timestamp | — | — | Not sent; the highest value becomes the next watermark"
    if row.source_type is not None and not is_timestamp("", row.source_type.text) and \
            _NUMBER.search(row.source_type.text):
        return True
    return row.target_type is not None and bool(_DATE_ONLY.match(row.target_type.text))


def _from_another_plus(spec, row) -> bool:
    """"`format` (SINGLES/PAIRS) | `ends_at` | Start + 2.5 h / 3 h": another time plus a length, the source only choosing
    the length: that time's zone, where another row of the mapping says it."""
    if row.transform is None or not _PLUS_DURATION.match(row.transform.text) or \
            is_timestamp(row.source_field.text, row.source_type.text if row.source_type is not None else ""):
        return False
    return any(other is not row and says_timezone(row_text(other)) for other in spec.mappings)


_COMPARES = re.compile(r"\b(?:after|before|later|earlier|than|must|reject\w*|valid\w*)\b", re.I)
_PLUS_DURATION = re.compile(r"^[^\w`.]*(?:`[\w.]+`|[\w.]+)\s*\+\s*\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|min|mins|minutes?|s|secs?|seconds?|days?)\b", re.I)
# named as a day, with no type to say otherwise: a date of birth, a `service_date`, `valid_on`: no time of day
_DATE_NAME = re.compile(r"(?:\bdob|birth\w*|\bdate|_date|_day|_on|Date|Day|On)\W*$")
_DATE_ONLY = re.compile(r"^\W*(?:local\s+|calendar\s+)?date\W*$", re.I)


_GENERATED = re.compile(r"\bnow\(\)|\bcurrent_timestamp\b|\bsysdate\b|\bgetutcdate\(\)", re.I)
_NUMBER = re.compile(r"\b(?:int|integer|long|number|numeric|decimal|minutes|seconds|hours|days)\b", re.I)


def _zone_of_another(spec, row) -> bool:
    """The value is another row's field ("`cleared` → `raised_at` of the clear event", "As `startTime`"), and that row says
    its zone ("`raised_at` ... Converted to UTC"): the zone is told where that field is mapped."""
    said = row.transform.text if row.transform is not None else ""
    named = {field_path(name) for name in re.findall(r"`([\w.\[\]]+)`", said)}
    # "As `startTime`", "Same rule as readings[].ts", "`opened_at` = reading's `observed_at`": told by that row (not
    # "Must be later than `startTime`")
    pointer = points_at_another(said)
    if points_above(said):  # "Same conversion; null means until further notice": the row above's
        above = [other for other in spec.mappings if other.span.line < row.span.line]
        return bool(above) and says_timezone(row_text(above[-1]))
    return any(other is not row and says_timezone(row_text(other)) and any(
        field_path(side.text) in named and (side is other.source_field or pointer) or
        pointer and names_field(said, side.text.strip(" `\"'"))
        for side in (other.source_field, other.target_field) if side is not None)
        for other in spec.mappings)



def _zone_in_example(spec, row) -> bool:
    """The source field's value in a message example carries its zone, and the target keeps it:
    `"sent_at": "2025-03-04T11:05:12Z"` with a row "`sent_at` | ISO 8601 → `timestamptz`" says the time is UTC, as
    an offset in the value does. Parsed into a zone-less `timestamp`, the zone is dropped and still owed."""
    if row.source_field is None or not _ZONE_KEPT.search(row_text(row)):
        return False
    names = [row.source_field.text.strip("`*\"' ")]
    if row.transform is not None and not _COMPARES.search(row.transform.text):  # "| `type = booking.cancelled` | ... |
        # Event `created` time": the field it names (not "must be after `created`")
        names += re.findall(r"`([\w.\[\]]+)`", row.transform.text)
    leaves = [leaf for leaf in (re.split(r"[./\[\]]", name)[-1].strip("`\"' ") for name in names)
              if re.fullmatch(r"[A-Za-z_][\w-]*", leaf)]
    if not leaves:
        return False
    zoned = re.compile(r"[\"']?\b(?:" + "|".join(map(re.escape, leaves)) + r")[\"']?\s*[:=]\s*[\"']?"
                       r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)\b")
    return any(zoned.search(example.text) for contract in spec.contracts for example in contract.examples)


# a target type that keeps the offset it is given
_ZONE_KEPT = re.compile(r"\b(?:timestamptz|timestamp_tz|with\s+time\s+zone|datetimeoffset|offsetdatetime|zoneddatetime|"
                        r"instant)\b", re.I)


def _single_field(text: str) -> bool:
    """One field, not a composite ("storeId + businessDate") or a generated value ("—")."""
    return not no_field(text) and not any(sep in text for sep in ("+", ",", " and "))

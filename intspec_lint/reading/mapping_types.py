"""What a mapping row's types and transform say, for the rules that ask it of each row: a time field, its zone (said,
pointed at on another row, or the one zone the mapping names for a bare "local time"), its format, its null rule, a
narrowing and its truncation. The mapping reader reads the rows; this module reads what they say."""

from __future__ import annotations

import re

from .lazy_re import lazy
from .text import finds

# an IANA zone, by its region: "Europe/London", "America/Argentina/Salta" (not "Fri/Sat")
_IANA_ZONE = (r"(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Z][A-Za-z_-]+"
              r"(?:/[A-Z][A-Za-z_-]+)?")
_TIMEZONE = lazy(
    r"\b(?:utc|gmt|z|time[\s-]?zones?|tz|timezone-aware|offset|local\s+time|epoch|unix|posix|timestamptz|"
    r"with\s+time\s+zone|(?-i:" + _IANA_ZONE + r"))\b|[+-]\d\d:?\d\d\b"  # a named zone, not "dd/MM" nor "Fri/Sat"
    # a zone by its region's or its abbreviation's name: "time (Pacific)", "US Eastern", "CET/CEST"
    r"|(?-i:(?:\bUS\s+|\()(?:Pacific|Eastern|Central|Mountain|Alaska|Hawaii)\b"
    r"|\b(?:Pacific|Eastern|Central|Mountain|Atlantic|Alaska|Hawaii)(?:\s+(?:Standard|Daylight))?\s+[Tt]ime\b)"
    r"|(?-i:\b(?:CET|CEST|WET|WEST|EET|EEST|BST|IST|JST|KST|AEST|AEDT|ACST|AWST|NZST|NZDT|[ECMP][SD]T|AK[SD]T|HST)\b)"
    r"|_utc\b"  # a field named for its zone: `checked_in_at_utc`
    r"|\bno\s+(?:tz|time[\s-]?zone)\s+conversion\b",  # the same wall clock on both sides, said on purpose
    re.I,
)

_TIME_FORMAT = lazy(
    r"\b(?:iso[- ]?8601|rfc[- ]?3339|rfc[- ]?2822|epoch|unix|posix|yyyy|yy|dd|hh|date-time|timestamptz|datetime2?|"
    r"datetimeoffset|timestamp(?:\s+with(?:out)?\s+time\s+zone)?|timestamp_(?:n?tz|ltz)|date|instant|"
    r"\d{4}-\d\d-\d\d(?:t\d\d:\d\d)?|milliseconds\s+since|seconds\s+since)\b",
    re.I,
)

_TIMESTAMP_NAME = lazy(r"(?:_at|_on|_date|_time|_ts|At|On|Date|Time|timestamp|Timestamp|^date|^time|^dob)$")

_TIMESTAMP_TYPE = lazy(r"\b(?:date|datetime|date-time|timestamp\w*|time|epoch|iso[- ]?8601|rfc[- ]?3339|instant|"
                       r"localdatetime|zoneddatetime|offsetdatetime)\b", re.I)

_DURATION_TYPE = lazy(r"\b(?:ms|millis(?:econds)?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|duration|interval|"
                      r"iso[- ]?8601\s+duration)\b", re.I)

_TIME_OF_DAY = lazy(r"\b(?:time|datetime2?|datetimeoffset|smalldatetime|date-time|timestamp\w*|epoch|instant|iso[- ]?8601 date-time|rfc[- ]?3339)\b"
                    r"|\bhh:mm\b", re.I)  # a format with the hour: `YYYY-MM-DD HH:MM:SS`

_NO_TIME = lazy(r"\b(?:no|without)\s+(?:a\s+)?time(?:\s+of\s+day)?\b", re.I)

_NULL_RULE = lazy(
    r"\b(?:nulls?|nullable|empty|blank|missing|absent|default(?:s|ed)?|omit(?:ted)?|not\s+(?:set|sent|present|provided|"
    r"given)|if\s+(?:not|no)|when\s+(?:not|no)|otherwise|fallback|fall\s+back|coalesce|none)\b"
    r"|\b[a-z]+s\s+without\s+(?:an?|any)\b",  # "players without a card skipped": what happens when it is absent
    re.I,
)

_OPTIONAL = lazy(r"\b(?:optional|nullable|may\s+be\s+(?:null|empty|missing|absent)|can\s+be\s+(?:null|empty))\b|\?$",
                 re.I)

_TRUNCATION = lazy(r"\b(?:truncat\w*|round\w*|floor|ceil\w*|reject\w*|cut|clip\w*|max(?:imum)?\s+length|"
                   r"length|fails?\s+validation|overflow)\b", re.I)

_BOUNDED_TEXT = lazy(r"\b(?:n?varchar2?|n?char|character\s+varying|string)\s*\(\s*(\d+)\s*\)", re.I)

_INTEGER = lazy(r"\b(?:int(?:eger)?(?:16|32)?|smallint|short|tinyint)\b", re.I)

_WIDE_NUMBER = lazy(r"\b(?:decimal|numeric|float|double|real|money|number|bigint|long|int64)\b", re.I)

_DATETIME = lazy(r"\b(?:datetime|date-time|timestamp\w*|instant|epoch)\b", re.I)

_DATE_ONLY = lazy(r"^\W*date\W*$", re.I)




_PATH_SEPARATORS = re.compile(r"[.\[\]/]")


def is_timestamp(name: str, types: str) -> bool:
    """A date or time field, by its name (`created_at`, `orderDate`) or its declared types (an enum's values are
    no type: "enum (TBC = time-based charging, FLAT)")."""
    types = _ENUM_VALUES.sub("enum", types)
    if _TIMESTAMP_TYPE.search(types):
        return True
    if _DURATION_TYPE.search(types):
        return False  # "`total_time` | number (hours)": a length of time, not a point in it
    last = _PATH_SEPARATORS.split(name.strip("`* "))[-1] if name else ""
    found = _TIMESTAMP_NAME.search(last) if last else None
    if found and found.group(0) in ("_on", "On") and _SCALAR_TYPE.search(types):
        return False  # "`boat.on_number` (int) → `lifeboat_on` (string)": an "on" that is no date
    return bool(found)


_ENUM_VALUES = lazy(r"\benum\w*\s*(?:\([^)]*\)|:[^|;]*)", re.I)
_SCALAR_TYPE = lazy(r"\b(?:int|integer|long|number|numeric|decimal|bool|boolean|uuid|enum)\b", re.I)


def has_time_of_day(types: str) -> bool:
    """The types carry a time of day (a date-only field needs a format but no timezone)."""
    types = _NO_TIME.sub(" ", types)  # "date (no time)", "date without time"
    return bool(_TIME_OF_DAY.search(types)) or not types.strip()


def is_optional(text: str) -> bool:
    return bool(_OPTIONAL.search(text.strip()))


def narrowing(source: str, target: str) -> str | None:
    """How the target type is narrower than the source: "text to varchar(255)", or None."""
    bounded_target = _BOUNDED_TEXT.search(target)
    if bounded_target:
        bounded_source = _BOUNDED_TEXT.search(source)
        if bounded_source is None and re.search(r"\b(?:string|text|str|varchar|char)\b", source, re.I):
            return f"unbounded text into {bounded_target.group(0)}"
        if bounded_source and int(bounded_source.group(1)) > int(bounded_target.group(1)):
            return f"{bounded_source.group(0)} into {bounded_target.group(0)}"
    if _INTEGER.search(target) and _WIDE_NUMBER.search(source) and not _WIDE_NUMBER.search(target):
        return f"{_WIDE_NUMBER.search(source).group(0)} into {_INTEGER.search(target).group(0)}"
    if _DATE_ONLY.match(target) and _DATETIME.search(source):
        return f"{_DATETIME.search(source).group(0)} into a date"
    return None


# a transform told by another row: "As `startTime`", "Same rule as readings[].ts", "= reading's `observed_at`", "Same
# conversion as `transferred_at`", "local store time, like `earned_at`" (not "Must be later than `startTime`")
_AS_ANOTHER = lazy(r"^\W*(?:as(?:\s+for)?|same(?:\s+rule)?\s+as|like|see|identical\s+to|cf\.?)\b"
                   r"|=\s*(?:the\s+)?(?:[\w-]+(?:'s|’s)\s+)?`|\bsame\s+(?:[\w-]+\s+){0,2}as\s+`|\blike\s+`", re.I)


def points_at_another(transform: str) -> bool:
    """The transform says the row is mapped as another row is."""
    return bool(_AS_ANOTHER.search(transform))


# a transform that is the row above's, no row named: "Same conversion", "Same rule", "As above", "Ditto"
_AS_ABOVE = lazy(r"^\W*(?:same\s+(?:conversion|rule|transform\w*|handling)(?!\s+as\b)|as\s+above|ditto)\b", re.I)


def points_above(transform: str) -> bool:
    """The transform says the row is mapped as the row above it is."""
    return bool(_AS_ABOVE.match(transform))


def names_field(text: str, field: str) -> bool:
    """`text` names the dotted or bracketed field `field` as a whole token (a bare word is too loose to tell)."""
    return bool(re.search(r"[.\[]", field)) and bool(re.search(r"(?<![\w.\[\]])" + re.escape(field) + r"(?![\w\[\]])", text))


def says_timezone(text: str) -> bool:
    """The row says which zone its times are in: UTC, an offset carried with the value, a named zone, epoch
    time. Not a zone-aware target column alone (`timestamptz` keeps whatever zone it is given), not "local
    time" with no zone named, not "no offset"."""
    return bool(_TIMEZONE.search(_NOT_A_ZONE.sub(" ", text)))


# what names no zone: a denial ("no offset", "without time zone"), a column type that stores one, a bare "local"
_NOT_A_ZONE = lazy(r"\b(?:no|without|missing|lacks?)\s+(?:an?\s+|any\s+)?(?:utc\s+)?(?:offset|time[\s-]?zone|tz)\b(?!\s+conversion)"
                   r"|\b(?:zone-?less|naive)\b|\btimestamptz\b|\b(?:timestamp|datetime)\s+with\s+time\s+zone\b"
                   r"|\blocal\s+time\b(?!\s*\(?\s*(?:[A-Z][a-z]+/[A-Z]|utc|gmt|cet|cest|bst|est|pst|[+-]\d))", re.I)
def local_into_utc(row) -> bool:
    """The source is a local time with no offset, the target UTC, and the transform copies or only reformats it:
    "`fitted_at` | local, no offset | `FITTED_AT_UTC` | TIMESTAMP_NTZ | Direct move"."""
    source = " ".join(v.text for v in (row.source_field, row.source_type) if v is not None)
    target = " ".join(v.text for v in (row.target_field, row.target_type) if v is not None)
    transform = row.transform.text if row.transform is not None else ""
    return bool(_LOCAL.search(source) and not _UTC.search(source) and _UTC.search(target)
                and not _CONVERTED.search(transform) and not (_NAMED_ZONE.search(source) and not _COPIED.search(transform)))
    # ("Local datetime Europe/London" → "ISO 8601 UTC": the zone named, its rules give the offset, as zone_change
    # says; unless the value is copied as it is)


_COPIED = lazy(r"\b(?:cop(?:y|ied|ies)|as\s+is|unchanged|verbatim|passed\s+through|direct\s+(?:move|copy))\b", re.I)


_NAMED_ZONE = lazy(rf"\b{_IANA_ZONE}\b")  # its rules give the offset at every instant


def zone_change(row) -> bool:
    """The row's two sides name different zones ("`delivered_at` (UTC) → `received_at` (local Europe/Dublin)"): the
    conversion between them is the row's transform, said by its types."""
    zones = []
    for found in (row.source_type, row.target_type):
        text = found.text if found is not None else ""
        named = _NAMED_ZONE.search(text)
        zones.append(named.group(0) if named else "UTC" if _UTC.search(text) else None)
    return None not in zones and zones[0] != zones[1]


_LOCAL = lazy(r"\blocal\b|\bno\s+(?:utc\s+)?offset|\bwithout\s+(?:an?\s+)?(?:utc\s+)?offset|\bwall[- ]?clock|\bnaive\b",
              re.I)
_UTC = lazy(r"(?i:\butc\b|_utc\b)|Utc\b|\bZ\b|\bGMT\b")
# the transform says how the zone changes: a conversion, the zone or offset it applies, "to UTC"
_CONVERTED = lazy(r"\b(?:convert\w*|utc|offset|zone|tz|dst|at\s+time\s+zone|localize\w*)\b"
                  r"|(?-i:\b[A-Z][a-z]+/[A-Z][A-Za-z_]+)|(?<!\w)[+-]\d\d?:?\d\d\b|(?<!\w)[+-]\d+\s*h\b", re.I)


says_time_format = finds(_TIME_FORMAT)
says_null_rule = finds(_NULL_RULE)
says_truncation = finds(_TRUNCATION)


# a translation told only by the codes it ends in: "Mapped to the Hub enum", "Map to Tempo grade", "Mapped to the
# matching Xero tax rate"; not one that names where the values are ("using the code table in Appendix C"), lists them,
# or names a standard set whose values need no table ("Mapped to ISO country codes", "the matching currency codes")
_NAMED_ONLY = lazy(r"^\W*(?:mapped|map|translated|converted)\s+(?:to|into|onto)\s+(?:the\s+|our\s+|their\s+)?"
                   r"(?:matching\s+|corresponding\s+|equivalent\s+|right\s+)?(?:[A-Za-z][\w-]*\s+){0,4}?"
                   r"(?:enums?|codes?|grades?|class(?:es)?|categor(?:y|ies)|levels?|rates?|status(?:es)?|"
                   r"profiles?|reasons?)\W*$", re.I)
_STANDARD_SET = lazy(r"\b(?:iso|iana|iata|icao|locode|e\.164|bcp\s*47|ietf|rfc|hl7|snomed|loinc|icd|naics|swift|bic|"
                     r"country|countries|currency|currencies|language|locale|time\s*zone|standard)\b", re.I)


def names_codes_only(transform: str) -> bool:
    """The transform says a value becomes one of the target's own codes and gives none of them (IS803)."""
    return bool(_NAMED_ONLY.match(transform)) and not _STANDARD_SET.search(transform)



_BARE_LOCAL = lazy(r"\blocal\b", re.I)
_EACH_LOCAL = lazy(r"\b(?:each|every|per)\s+(?:[\w-]+\s+){0,2}?[\w-]+(?:['’]s)?\s+local\b|\blocal\s+to\s+(?:each|every)\b", re.I)


def named_zones(texts) -> set[str]:
    """The IANA zones the rows of a mapping name."""
    return {zone for text in texts for zone in _NAMED_ZONE.findall(text)}


def local_zone_named(zones: set[str], text: str) -> bool:
    """A bare "local time" (`text`, a row's words) in a mapping whose rows name one zone and one only (`zones`:
    "`DateOut` ... read as Europe/London"): the local zone is that one. Not "each store's local time": many places,
    many zones."""
    return len(zones) == 1 and bool(_BARE_LOCAL.search(text)) and not _EACH_LOCAL.search(text)

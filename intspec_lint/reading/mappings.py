"""Data mapping: source field and type, target field and type, transform, default, nullable, enum maps.

From tables whose columns name a source and a target field (in any words, abbreviated, or by
position: "HRIS field | HRIS type | Payroll field | Payroll type"), and from list items written as
arrows ("`user.email` (string) → `contact_email` (varchar): lowercase"). A type written in brackets
after the field ("`code (char(8))`") is the field's type.
"""

from __future__ import annotations

import re

from ..model import Mapping, Value
from .context import Reading
from .lazy_re import lazy
from .text import finds
from .values import enum_pairs, value

_MAP_ARROW = lazy(
    r"^`?(?P<src>[^`→>]+?)`?\s*(?:\((?P<stype>[^)]*)\))?\s*(?:→|->|⟶|⇒|=>|maps to|to)\s*"
    r"`?(?P<dst>[^`(:;—–]+?)`?\s*(?:\((?P<dtype>[^)]*)\))?\s*(?:[:;—–-]\s*(?P<rule>.*))?$",
    re.I | re.S,
)
_TYPED_FIELD = lazy(r"^`?(?P<field>[\w.\[\]/$@-]+)`?\s*\((?P<type>[^()]*(?:\([^()]*\))?[^()]*)\)\s*$")


def read(r: Reading) -> None:
    for statement in r.statements:
        if statement.shape == "row":
            kind = r.topics.table(statement.table, tuple(statement.placed))
            if kind is not None and kind[0] == "mappings":
                _row(r, statement, kind[1])
        elif statement.shape == "item" and "mappings" in statement.placed:
            found = mapping_parts(statement.text)
            if found:
                r.spec.mappings.append(Mapping(statement.span, **{k: value(v, statement.span) for k, v in found.items()
                                                                   if v}))
    for span, fields in r.code_records("mappings"):
        found = {name: value(text, where) for name, (text, where) in fields.items()}
        if "source_field" in found or "target_field" in found:
            r.mark("mappings", span)
            r.spec.mappings.append(Mapping(span, **found))
    for row in r.spec.mappings:
        if row.enum_map is None and row.transform is not None:
            row.enum_map = enum_pairs(row.transform.text)


def _row(r: Reading, statement, columns: dict[int, str]) -> None:
    cells = statement.row.cells
    fields: dict[str, Value] = {}
    for index, name in columns.items():
        if index < len(cells):
            # an empty cell stays an empty Value, so a finding about it points at the cell
            fields[name] = value(cells[index].text, cells[index].span)
    for side in ("source", "target"):
        field, kind = fields.get(f"{side}_field"), fields.get(f"{side}_type")
        typed = _TYPED_FIELD.match(field.text) if field is not None else None
        if typed and (kind is None or not kind.text.strip()):  # "code (char(8))": the type in brackets
            fields[f"{side}_type"] = value(typed.group("type"), field.span)
    r.mark("mappings", statement.section.span)
    r.spec.mappings.append(Mapping(statement.span, **fields))


def mapping_parts(text: str) -> dict[str, str] | None:
    """Fields of a mapping line: "`user.email` (string) → `contact_email` (varchar): lowercase"."""
    first = text.split("\n")[0]
    match = _MAP_ARROW.match(first.strip())
    if not match:
        return None
    rule = (match.group("rule") or "").strip()
    if not rule and "\n" in text:
        rule = text.split("\n", 1)[1].strip()
    return {
        "source_field": match.group("src").strip(" *`"),
        "source_type": (match.group("stype") or "").strip(),
        "target_field": match.group("dst").strip(" *`"),
        "target_type": (match.group("dtype") or "").strip(),
        "transform": rule,
    }


# -- what the mapping rules ask of a row ---------------------------------------------------------
_TIMEZONE = lazy(
    r"\b(?:utc|gmt|z|time\s?zones?|tz|timezone-aware|offset|local\s+time|epoch|unix|posix|timestamptz|"
    r"with\s+time\s+zone|[A-Z][a-z]+/[A-Z][a-z_]+)\b|[+-]\d\d:?\d\d\b",
    re.I,
)

_TIME_FORMAT = lazy(
    r"\b(?:iso[- ]?8601|rfc[- ]?3339|rfc[- ]?2822|epoch|unix|posix|yyyy|yy|dd|hh|date-time|timestamptz|datetime2?|"
    r"datetimeoffset|timestamp(?:\s+with(?:out)?\s+time\s+zone)?|date|instant|"
    r"\d{4}-\d\d-\d\d(?:t\d\d:\d\d)?|milliseconds\s+since|seconds\s+since)\b",
    re.I,
)

_TIMESTAMP_NAME = lazy(r"(?:_at|_on|_date|_time|_ts|At|On|Date|Time|timestamp|Timestamp|^date|^time|^dob)$")

_TIMESTAMP_TYPE = lazy(r"\b(?:date|datetime|date-time|timestamp\w*|time|epoch|iso[- ]?8601|rfc[- ]?3339|instant|"
                       r"localdatetime|zoneddatetime|offsetdatetime)\b", re.I)

_TIME_OF_DAY = lazy(r"\b(?:time|datetime|date-time|timestamp\w*|epoch|instant|iso[- ]?8601 date-time|rfc[- ]?3339)\b",
                    re.I)

_NULL_RULE = lazy(
    r"\b(?:nulls?|nullable|empty|blank|missing|absent|default(?:s|ed)?|omit(?:ted)?|not\s+(?:set|present|provided|"
    r"given)|if\s+(?:not|no)|when\s+(?:not|no)|otherwise|fallback|fall\s+back|coalesce|none)\b",
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
    """A date or time field, by its name (`created_at`, `orderDate`) or its declared types."""
    if _TIMESTAMP_TYPE.search(types):
        return True
    last = _PATH_SEPARATORS.split(name.strip("`* "))[-1] if name else ""
    return bool(last and _TIMESTAMP_NAME.search(last))


def has_time_of_day(types: str) -> bool:
    """The types carry a time of day (a date-only field needs a format but no timezone)."""
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


says_timezone = finds(_TIMEZONE)
says_time_format = finds(_TIME_FORMAT)
says_null_rule = finds(_NULL_RULE)
says_truncation = finds(_TRUNCATION)

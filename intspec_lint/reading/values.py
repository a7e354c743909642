"""Quantities and placeholders, parsed once here so that no rule parses text itself."""

from __future__ import annotations

import re
from functools import lru_cache

from ..span import Span
from ..model import Value
from .lazy_re import lazy

_UNITS = {
    "ms": 0.001, "msec": 0.001, "millisecond": 0.001, "milliseconds": 0.001,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
}  # fmt: skip
_DURATION = re.compile(
    r"(\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:[.,]\d+)?)\s*(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b", re.I
)
_ISO_DURATION = re.compile(r"\bP(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?\b")
NUMBER_WORDS = {
    "zero": 0, "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
    "sixty": 60, "ninety": 90, "hundred": 100,
}  # fmt: skip
_COUNT = re.compile(r"\b(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)
_PLACEHOLDER_WHOLE = re.compile(
    r"^\W*(tbd|tbc|tba|todo|fixme|xxx|\?+|as needed|as appropriate|as required|"
    r"reasonable(\s+\w+)?|appropriate(\s+\w+)?|some(thing|\s+\w+)?|etc\.?|"
    r"to be (determined|defined|decided|confirmed|agreed)|unknown|later|pending)\W*$"
    r"|^\W*<[^<>\n]*\s[^<>\n]*>\W*$",  # a template's hint left in: "_<How often, and who does it?>_"
    re.I,
)
# a value that opens by leaving itself open: "To be agreed with Thistle at contract renewal"
_PLACEHOLDER_LEAD = re.compile(r"^\W*to\s+be\s+(?:determined|defined|decided|confirmed|agreed|settled|finali[sz]ed)\b", re.I)
_PLACEHOLDER_TOKEN = re.compile(r"(?<![\w-])(TBD|TBC|TBA|TODO|FIXME|XXX)(?![\w-])")
# where a placeholder word is a value or a name, not a gap: in code, in quotes, beside an arrow or an
# equals sign ("tuberculin→TBC"), or after an article ("sent to the TBC": an acronym)
_QUOTED = re.compile(r"`[^`]*`|\"[^\"]*\"|'[^']*'")
# one of a list of codes: "(U, PG, 12A, 15, 18, TBC)", "U, PG or TBC": a value beside its siblings
_LISTED = re.compile(r"(?:\b[A-Z0-9][A-Z0-9_]{0,15}\s*,\s*){2,}(?:[A-Z0-9][A-Z0-9_]{0,15}\s*(?:,|\bor\b|\band\b)\s*)?"
                     r"(?:TBD|TBC|TBA)\b")  # "(enum FIXED, WARNED, TBC)" too
# ... or a datum the text names as such: "sends the literal TBC", "the value TBD"
_NAMED = re.compile(r"(?:→|->|=>|=|\bthe|\ba|\bour|\bits|\bper|\bvia|\bby|\bliteral|\bvalue|\bstring|\bword|\bcode|"
                    r"\bsends?|\bsent|\breturns?|\breturned)\s*(TBD|TBC|TBA)\b|\b(TBD|TBC|TBA)\s*(?:→|->|=>|=|'s\b)",
                    re.I)


@lru_cache(maxsize=8192)  # specs repeat the same cell texts ("string", "None", "Critical") again and again
def is_placeholder(text: str) -> bool:
    stripped = text.strip().strip("`*_")
    if _PLACEHOLDER_WHOLE.match(stripped) or _PLACEHOLDER_LEAD.match(stripped):
        return True
    if not _PLACEHOLDER_TOKEN.search(stripped):
        return False
    bare = _LISTED.sub(" ", _NAMED.sub(" ", _QUOTED.sub(" ", text)))
    return bool(_PLACEHOLDER_TOKEN.search(bare))


def duration_seconds(text: str, bare_unit: float | None = None) -> float | None:
    """`1s`, `500 ms`, `5 min`, `PT5M` in seconds; a bare number counts in `bare_unit`."""
    match = _DURATION.search(text)
    if match:
        number = match.group(1)  # "400,000 ms": thousands; "2,5 s": a decimal comma
        number = number.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", number) else number.replace(",", ".")
        return float(number) * _UNITS[match.group(2).lower()]
    iso = _ISO_DURATION.search(text)
    if iso and any(iso.groups()):
        days, hours, minutes, seconds = (float(g) if g else 0.0 for g in iso.groups())
        return days * 86400 + hours * 3600 + minutes * 60 + seconds
    if bare_unit is not None:
        count = count_of(text)
        if count is not None:
            return count * bare_unit
    return None


def count_of(text: str) -> float | None:
    """The first count in `text`: `5`, `five`, `up to five times`."""
    match = _COUNT.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    return float(word) if word.isdigit() else float(NUMBER_WORDS[word])


def value(text: str, span: Span, kind: str = "text") -> Value:
    """A Value for `text`; `kind` is "duration", "count" or "text"."""
    text = text.strip()
    number = None
    if kind == "duration":
        number = duration_seconds(text)
    elif kind == "count":
        number = count_of(text)
    return Value(text, span, number, is_placeholder(text))


_ENUM_ITEM = r"(?:`[^`]{1,40}`|\"[^\"]{1,40}\"|'[^']{1,40}'|[\w.+/-]{1,40})"
# sources joined by slashes, or code spans joined by commas or "or" ("`FAIL_A`, `FAIL_B` → `FAILED`"), then the target
_ENUM_PAIR = re.compile(rf"({_ENUM_ITEM}(?:\s*/\s*{_ENUM_ITEM}|\s*(?:,|\bor\b)\s*`[^`]{{1,40}}`)*)\s*(?:=>|->|→|⟶|=|:)\s*"
                        rf"({_ENUM_ITEM})")
_ENUM_LIST = re.compile(r"\b(?:(?:enum(?:eration)?|values?)\s*[:(\[{]|one\s+of\b\s*:?)\s*([^)\]}\n]{1,300})", re.I)
# "enum `APPROVED`, `REJECTED` or `CONDITIONAL`": code spans joined by commas, "or" or bars
_ENUM_CAPS = re.compile(r"\b(?i:enum)\s+((?:[A-Z][A-Z0-9_-]*(?:\s*[,|/]\s*|\s+or\s+)){1,60}[A-Z][A-Z0-9_-]*)(?![\w-])")
_ENUM_SPANS = re.compile(r"\b(?:enum|codes?|status|one\s+of|values?)\s*[(:]?\s*((?:`[^`\n]{1,40}`(?:\s*,\s*|\s+or\s+|"
                         r"\s*\|\s*)){1,60}`[^`\n]{1,40}`)(?!\s*[-–]\w)", re.I)  # "code (`J`, `C`, `F`)"


_CATCH_ALL = re.compile(r"\b(?:(?:every|any|all)\s+other|anything\s+else|everything\s+else|all\s+the\s+rest|unmapped|otherwise)"
                        r"(?:\s+(?:values?|codes?|states?|statuses))?(?=\s*(?:=>|->|→|⟶|=|:))", re.I)


def _bare(item: str) -> str:
    return item.strip().strip("`\"'").strip()


def enum_pairs(text: str) -> dict[str, str] | None:
    """An enum translation stated in a transform: "Map: 1=pending, 2=active", "`A` → `active`".

    None unless at least two pairs are given, so that "timezone: UTC" is not a map."""
    body = re.sub(r"^\W*(?:map(?:ped)?|translate[sd]?|lookup|convert)\b\s*:?", "", text.strip(), flags=re.I)
    # "selects the call: published/updated → PUT, ...": a lead-in clause before the pairs
    body = re.sub(r"^[A-Za-z][\w ]*\s[\w ]*:\s*(?=[^:]*(?:→|->|=))", "", body)
    body = _CATCH_ALL.sub("`*`", body)  # "every other value → true": the rest, not a value named "value"
    pairs = {}
    for sources, target in _ENUM_PAIR.findall(body):
        for source in re.split(r"\s*(?:/|,|\bor\b)\s*", sources):  # "SME/ENT=BUSINESS", "`a`, `b` → `c`"
            if _bare(source):
                pairs[_bare(source)] = _bare(target)
    return pairs if len(pairs) >= 2 else None


def enum_values(text: str) -> list[str]:
    """The values an enum type lists: "enum (1,2,3)", "one of: A, I, S"."""
    spans = _ENUM_SPANS.search(text)
    if spans:
        return [_bare(item) for item in re.findall(r"`[^`]+`", spans.group(1))]
    match = _ENUM_LIST.search(text)
    if not match:
        caps = _ENUM_CAPS.search(text)  # "enum PETROL, DIESEL, HEV": the values in capitals, no bracket
        return [item.strip() for item in re.split(r"[,|/]|\s+or\s+", caps.group(1))] if caps else []
    items = [_bare(item) for item in re.split(r"[,|/]|\s+or\s+", match.group(1))]
    items = [item for item in items if item and len(item.split()) == 1]
    return items if len(items) >= 2 else []  # "enum (RESO)" names the standard, not the values


_ENUM_TYPE = re.compile(r"\b(?:enum\w*|one\s+of|codes?|status)\b", re.I)


def is_enum_type(text: str) -> bool:
    """A type that takes one of a set of values: "enum string", "status code", "one of ..."."""
    return bool(_ENUM_TYPE.search(text))


_DENIAL = lazy(r"^\W*(?:no|none|false|off|disabled|without|n/?a)\b", re.I)




_NOTHING = re.compile(r"[\s—–\-/.`*]*")


def says_nothing(text: str) -> bool:
    """A cell that holds nothing but dashes, slashes or dots ("—", "-", "/"); "n/a" is said on purpose."""
    return _NOTHING.fullmatch(text) is not None


def denies(text: str) -> bool:
    """A value that says no: "none", "off", "false", "without"."""
    return bool(_DENIAL.search(text))

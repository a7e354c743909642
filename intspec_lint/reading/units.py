"""Units of measure a mapping row's sides are in, read from a field's name (`duration_s`, `distanceKm`,
`yield_gal`) or its type's words ("integer, metres"), and whether a transform says how one becomes the
other. Two units of one quantity on the two sides of a row owe a conversion ("metres" into `distance_km`);
a row that copies the value says none."""

from __future__ import annotations

import re

# quantity -> unit -> the words for it; a one-letter word counts only as a field name's suffix (`temp_c`)
_UNITS = {
    "time": {"ms": ("ms", "msec", "millis", "milliseconds"), "s": ("s", "sec", "secs", "seconds"),
             "min": ("min", "mins", "minutes"), "h": ("h", "hr", "hrs", "hours")},
    "length": {"mm": ("mm", "millimetres", "millimeters"), "cm": ("cm", "centimetres", "centimeters"),
               "m": ("m", "metres", "meters"), "km": ("km", "kilometres", "kilometers"), "mi": ("mi", "miles"),
               "ft": ("ft", "feet")},
    "mass": {"g": ("g", "grams"), "kg": ("kg", "kilograms", "kilos"), "lb": ("lb", "lbs", "pounds"),
             "oz": ("oz", "ounces")},
    "volume": {"ml": ("ml", "millilitres", "milliliters"), "l": ("l", "litres", "liters", "ltr"),
               "gal": ("gal", "gallons")},
    "temperature": {"c": ("c", "celsius", "degc"), "f": ("f", "fahrenheit", "degf")},
}
_BY_WORD = {word: (quantity, unit) for quantity, units in _UNITS.items() for unit, words in units.items()
            for word in words}
_NAME_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# a type's words that name a unit: long forms and the unambiguous short ones ("integer, metres", "int (ms)")
_TYPE_WORD = re.compile(r"\b(" + "|".join(sorted((w for w in _BY_WORD if len(w) > 1 and w not in ("in", "mi", "ft", "oz",
                                                                                                 "min", "hr")),
                                                 key=len, reverse=True)) + r")\b", re.I)
# a transform that converts: a factor or an operator ("÷ 1000", "× 4.546", "(F - 32) / 1.8"), a verb, a target unit
_ROUNDING = re.compile(r"\b(?:round\w*|truncat\w*)\s+(?:\w+\s+){0,2}?\d+\s*(?:decimals?|dp|places?|digits?)?(?:\s+places?)?"
                       r"|\b\d+\s+(?:decimal|dp)\s*(?:places?)?", re.I)
_CONVERTS = re.compile(r"\d|[×÷*/]|\b(?:convert\w*|multipl\w*|divid\w*|times|scale\w*|factor)\b"
                       # the rule of another row it points at: "As `level_cd_m`", "same as above"
                       r"|\b(?:as|like|see)\s+`[^`]+`|\b(?:same\s+as|as)\s+(?:above|before|the\s+row\s+above)", re.I)


def unit_of(name: str | None, kind: str | None) -> tuple[str, str] | None:
    """(quantity, unit) a side is in: its field name's last word (`duration_s`, `weightKg`), else its type's."""
    if name and not re.search(r"[\s\"']", name.replace("`", "").strip()):  # a field's name, not "string `\"7412.5kg G\"`"
        tokens = [t.lower() for t in _NAME_TOKEN.findall(name.replace("`", "").split(".")[-1])]
        if len(tokens) >= 2 and tokens[-1] in _BY_WORD:
            return _BY_WORD[tokens[-1]]
    if kind:
        found = {_BY_WORD[m.lower()] for m in _TYPE_WORD.findall(kind)}
        if len(found) == 1:
            return found.pop()
    return None


def converts(transform: str | None, target: tuple[str, str]) -> bool:
    """The transform says how the value changes unit: a factor, an operator, a verb, or the target's unit."""
    if not transform:
        return False
    text = _ROUNDING.sub(" ", transform)
    if _CONVERTS.search(text):
        return True
    words = _UNITS[target[0]][target[1]]
    return any(re.search(rf"\b{re.escape(word)}\b", text, re.I) for word in words if len(word) > 2)


def words_for(unit: tuple[str, str]) -> str:
    """The name a message gives a unit: its longest word ("kilometres")."""
    return max(_UNITS[unit[0]][unit[1]], key=len)

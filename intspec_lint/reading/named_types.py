"""Enumerations a document declares by name in its code blocks, for a mapping row whose source type only
names one ("enum `Grade`"): an Avro enum (`{"type": "enum", "name": "Grade", "symbols": [...]}`), a
Protocol Buffers `enum Grade { ... }`, a TypeScript `type Grade = 'A' | 'B'`, and a JSON Schema definition
(`"Grade": {"type": "string", "enum": [...]}`)."""

from __future__ import annotations

import re

from .lazy_re import lazy

_AVRO = lazy(r"\{[^{}]*\"symbols\"\s*:\s*\[([^\]]*)\][^{}]*\}")
_AVRO_NAME = lazy(r"\"name\"\s*:\s*\"(\w+)\"")
_PROTO = lazy(r"\benum\s+(\w+)\s*\{([^}]*)\}")
_PROTO_VALUE = lazy(r"^\s*(\w+)\s*=\s*\d+", re.M)
_TYPESCRIPT = lazy(r"\btype\s+(\w+)\s*=\s*((?:\s*\|?\s*['\"][^'\"]*['\"])+)")
_SCHEMA = lazy(r"\"(\w+)\"\s*:\s*\{\s*(?:\"type\"\s*:\s*\"string\"\s*,\s*)?\"enum\"\s*:\s*\[([^\]]*)\]")
_QUOTED = lazy(r"['\"]([^'\"]+)['\"]")
_UNSET = lazy(r"_(?:UNSPECIFIED|UNKNOWN|UNSET|NONE)$")


def named_enums(code_texts) -> dict[str, list[str]]:
    """name -> its values, from every code block's text; a name declared twice keeps its first values."""
    found: dict[str, list[str]] = {}
    for text in code_texts:
        for match in _AVRO.finditer(text):
            name = _AVRO_NAME.search(match.group(0))
            if name:
                found.setdefault(name.group(1), _QUOTED.findall(match.group(1)))
        for match in _PROTO.finditer(text):
            values = _PROTO_VALUE.findall(match.group(2))
            if values and _UNSET.search(values[0]):
                values = values[1:]  # the zero value (`KIND_UNSPECIFIED`) is the field left unset, never sent
            if values:
                found.setdefault(match.group(1), values)
        for match in _TYPESCRIPT.finditer(text):
            found.setdefault(match.group(1), _QUOTED.findall(match.group(2)))
        for match in _SCHEMA.finditer(text):
            found.setdefault(match.group(1), _QUOTED.findall(match.group(2)))
    return {name: values for name, values in found.items() if len(values) >= 2}


_NAMED = lazy(r"`?\b([A-Z]\w+)\b`?")


def enum_named_in(type_text: str, enums: dict[str, list[str]]) -> list[str]:
    """The values of the enumeration a type names ("enum `Grade`", "Grade (enum)"), if the document declares it."""
    for name in _NAMED.findall(type_text):
        if name in enums:
            return list(enums[name])
    return []

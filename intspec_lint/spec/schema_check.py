"""A fast yes/no check of data against a JSON Schema, for the keywords intspec.schema.json uses.

jsonschema costs as much as reading the YAML itself; most specs are valid, so this check answers
"valid" quickly and jsonschema runs only for the files that are not, to say precisely why.
A keyword this module does not know makes it answer "not sure" (None), and jsonschema decides.
tests/test_schema_check.py checks that both always agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ANNOTATIONS = {"$id", "$schema", "title", "description", "examples", "$comment", "default", "$defs", "definitions"}


class _Unknown(Exception):
    pass


def is_valid(schema: dict, data) -> bool | None:
    """True or False when this module can tell, None when it cannot."""
    try:
        return _valid(schema, data, schema)
    except _Unknown:
        return None


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _type_ok(kind: str, value) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    raise _Unknown(kind)


def _valid(schema, value, root) -> bool:
    if schema is True:
        return True
    if schema is False:
        return False
    for key, rule in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "$ref":
            if not rule.startswith("#/"):
                raise _Unknown(rule)
            target = root
            for part in rule[2:].split("/"):
                target = target[part]
            if not _valid(target, value, root):
                return False
        elif key == "type":
            kinds = rule if isinstance(rule, list) else [rule]
            if not any(_type_ok(kind, value) for kind in kinds):
                return False
        elif key == "enum":
            if not any(_equal(value, option) for option in rule):
                return False
        elif key == "const":
            if not _equal(value, rule):
                return False
        elif key == "not":
            if _valid(rule, value, root):
                return False
        elif key == "minLength":
            if isinstance(value, str) and len(value) < rule:
                return False
        elif key == "minimum":
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < rule:
                return False
        elif key == "pattern":
            if isinstance(value, str) and not _regex(rule).search(value):
                return False
        elif key == "required":
            if isinstance(value, dict) and any(name not in value for name in rule):
                return False
        elif key == "items":
            if isinstance(value, list) and not all(_valid(rule, item, root) for item in value):
                return False
        elif key == "propertyNames":
            if isinstance(value, dict) and not all(_valid(rule, name, root) for name in value):
                return False
        elif key in ("properties", "patternProperties", "additionalProperties"):
            if isinstance(value, dict) and not _object_ok(schema, value, root):
                return False
        else:
            raise _Unknown(key)
    return True


def _object_ok(schema: dict, value: dict, root) -> bool:
    properties = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    additional = schema.get("additionalProperties", True)
    for name, item in value.items():
        matched = False
        if name in properties:
            matched = True
            if not _valid(properties[name], item, root):
                return False
        for pattern, rule in patterns.items():
            if _regex(pattern).search(name):
                matched = True
                if not _valid(rule, item, root):
                    return False
        if not matched and not _valid(additional, item, root):
            return False
    return True


def _equal(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b

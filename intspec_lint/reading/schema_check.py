"""A fast yes/no check of data against a JSON Schema, for the keywords intspec.schema.json uses.

jsonschema costs as much as reading the YAML itself; most specs are valid, so this check answers
"valid" quickly and jsonschema runs only for the files that are not, to say precisely why.
A keyword this module does not know makes it answer "not sure" (None), and jsonschema decides.
tests/test_schema_check.py checks that both always agree.

The schema is compiled once into nested checks (closures), so a check costs one call per keyword
that applies, and an object's properties are walked once, not once per object keyword.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Keywords that never fail a value (jsonschema asserts "format" only when given a format checker,
# and neither caller gives one).
_ANNOTATIONS = {"$id", "$schema", "title", "description", "examples", "$comment", "default", "$defs", "definitions",
                "format", "readOnly", "writeOnly", "deprecated", "contentMediaType", "contentEncoding"}
_OBJECT_KEYWORDS = ("properties", "patternProperties", "additionalProperties")


class _Unknown(Exception):
    pass


_COMPILED: dict[int, tuple[object, object]] = {}  # id(schema) -> (schema, its check or None)


def is_valid(schema: dict, data, remember: bool = True) -> bool | None:
    """True or False when this module can tell, None when it cannot. `remember`: keep the compiled
    check for the next call with the same schema object (the spec schema, not a spec's own)."""
    entry = _COMPILED.get(id(schema)) if remember else None
    if entry is None or entry[0] is not schema:
        try:
            check = _Compiler(schema).compile(schema)
        except (_Unknown, re.error):
            check = None
        entry = (schema, check)
        if remember:
            _COMPILED[id(schema)] = entry  # the schema is kept so that its id stays its own
    check = entry[1]
    if check is None:
        return None
    try:
        return check(data)
    except (_Unknown, RecursionError):
        return None


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _is_object(value) -> bool:
    return isinstance(value, dict)


def _is_array(value) -> bool:
    return isinstance(value, list)


def _is_string(value) -> bool:
    return isinstance(value, str)


def _is_boolean(value) -> bool:
    return isinstance(value, bool)


def _is_null(value) -> bool:
    return value is None


def _is_integer(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES = {"object": _is_object, "array": _is_array, "string": _is_string, "boolean": _is_boolean, "null": _is_null,
          "integer": _is_integer, "number": _is_number}


def _always(value) -> bool:
    return True


def _never(value) -> bool:
    return False


class _Compiler:
    def __init__(self, root: dict):
        self.root = root
        self.refs: dict[str, object] = {}

    def compile(self, schema):
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise _Unknown(schema)
        checks = []
        for key, rule in schema.items():
            if key in _ANNOTATIONS:
                continue
            if key in _OBJECT_KEYWORDS:
                if key == next(k for k in schema if k in _OBJECT_KEYWORDS):  # the three are checked together, once
                    checks.append(self._object(schema))
            elif key == "$ref":
                checks.append(self._ref(rule))
            elif key == "type":
                checks.append(self._type(rule))
            elif key == "enum":
                checks.append(_enum(list(rule)))
            elif key == "const":
                checks.append(_const(rule))
            elif key == "not":
                checks.append(_not(self.compile(rule)))
            elif key == "minLength":
                checks.append(_min_length(rule))
            elif key == "minimum":
                checks.append(_minimum(rule))
            elif key == "pattern":
                checks.append(_pattern(_regex(rule)))
            elif key == "required":
                checks.append(_required(list(rule)))
            elif key == "items":
                checks.append(_items(self.compile(rule)))
            elif key == "propertyNames":
                checks.append(_property_names(self.compile(rule)))
            else:
                raise _Unknown(key)
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        checks = tuple(checks)

        def check(value) -> bool:
            for one in checks:
                if not one(value):
                    return False
            return True

        return check

    def _ref(self, reference: str):
        if not isinstance(reference, str) or not reference.startswith("#/"):
            raise _Unknown(reference)
        target = self.root
        try:
            for part in reference[2:].split("/"):
                target = target[part]
        except (KeyError, TypeError, IndexError):
            raise _Unknown(reference) from None
        if reference in self.refs:
            return self.refs[reference]
        compiled: list = []

        def check(value) -> bool:  # through a list: a schema may refer to itself
            return compiled[0](value)

        self.refs[reference] = check
        compiled.append(self.compile(target))
        return check

    def _type(self, rule):
        kinds = rule if isinstance(rule, list) else [rule]
        try:
            tests = tuple(_TYPES[kind] for kind in kinds)
        except (KeyError, TypeError):
            raise _Unknown(rule) from None
        if len(tests) == 1:
            return tests[0]

        def check(value) -> bool:
            for test in tests:
                if test(value):
                    return True
            return False

        return check

    def _object(self, schema: dict):
        properties = {name: self.compile(rule) for name, rule in schema.get("properties", {}).items()}
        patterns = tuple((_regex(pattern), self.compile(rule))
                         for pattern, rule in schema.get("patternProperties", {}).items())
        additional = self.compile(schema.get("additionalProperties", True))

        def check(value) -> bool:
            if not isinstance(value, dict):
                return True
            for name, item in value.items():
                matched = False
                test = properties.get(name)
                if test is not None:
                    matched = True
                    if not test(item):
                        return False
                for regex, rule in patterns:
                    if regex.search(name):
                        matched = True
                        if not rule(item):
                            return False
                if not matched and not additional(item):
                    return False
            return True

        return check


def _enum(options: list):
    def check(value) -> bool:
        return any(_equal(value, option) for option in options)

    return check


def _const(expected):
    def check(value) -> bool:
        return _equal(value, expected)

    return check


def _not(inner):
    def check(value) -> bool:
        return not inner(value)

    return check


def _min_length(limit):
    def check(value) -> bool:
        return not (isinstance(value, str) and len(value) < limit)

    return check


def _minimum(limit):
    def check(value) -> bool:
        return not (isinstance(value, (int, float)) and not isinstance(value, bool) and value < limit)

    return check


def _pattern(regex: re.Pattern):
    def check(value) -> bool:
        return not (isinstance(value, str) and not regex.search(value))

    return check


def _required(names: list):
    def check(value) -> bool:
        return not (isinstance(value, dict) and any(name not in value for name in names))

    return check


def _items(inner):
    def check(value) -> bool:
        return not (isinstance(value, list) and not all(inner(item) for item in value))

    return check


def _property_names(inner):
    def check(value) -> bool:
        return not (isinstance(value, dict) and not all(inner(name) for name in value))

    return check


def _equal(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b

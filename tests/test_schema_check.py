"""The fast schema check agrees with jsonschema on every input (it only ever saves time)."""

import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from intspec_lint.reading.schema_check import is_valid
from intspec_lint.reading.yaml import _plain

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "intspec.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

SCALARS = st.none() | st.booleans() | st.integers(-5, 700) | st.floats(allow_nan=False, allow_infinity=False) | \
    st.sampled_from(["", "x", "TBD", "POST", "post", "http", "message", "transient", "producer", "200", "2xx", "5s"])
KEYS = st.sampled_from(["intspec", "title", "overview", "systems", "name", "role", "flows", "contracts", "method",
                        "url", "topic", "queue", "status_codes", "200", "2xx", "headers", "request", "response",
                        "schema", "fields", "type", "required", "examples", "auth", "system", "errors", "category",
                        "retry", "max_attempts", "circuit_breaker", "threshold", "open_for", "dead_letter",
                        "monitoring", "metric", "kind", "mappings", "source", "nullable", "enum_map", "idempotency",
                        "keys", "operation", "x-note", "bogus"])
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
                     max_leaves=30)


def agree(data) -> None:
    fast = is_valid(SCHEMA, data)
    assert fast is not None, "the fast check must understand every keyword of intspec.schema.json"
    assert fast == VALIDATOR.is_valid(data), data


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.dictionaries(KEYS, TREES, max_size=8).map(lambda d: {"intspec": 1, "title": "t", **d}))
def test_fast_check_agrees_with_jsonschema(data):
    agree(data)


def test_agrees_on_every_yaml_spec_in_the_repository():
    from intspec_lint.document.yaml import YamlSyntaxError, parse_yaml

    paths = list(ROOT.glob("examples/*.yaml")) + list(ROOT.glob("tests/**/*.yaml"))
    checked = 0
    for path in paths:
        try:
            root = parse_yaml(path.read_text(encoding="utf-8")).root
        except YamlSyntaxError:
            continue  # the syntax-error fixtures
        if root is not None:
            agree(_plain(root, [0]))
            checked += 1
    assert checked >= 10


# The schemas specs declare for their bodies: any keyword, known to the fast check or not.
SUB_SCHEMAS = st.deferred(lambda: st.booleans() | st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["string", "integer", "number", "object", "array", "boolean", "null", ["string", "null"]]),
    "properties": st.dictionaries(st.sampled_from(["id", "sku", "qty", "status"]), SUB_SCHEMAS, max_size=3),
    "required": st.lists(st.sampled_from(["id", "sku", "qty", "status"]), max_size=2, unique=True),
    "additionalProperties": st.booleans(),
    "items": SUB_SCHEMAS,
    "enum": st.lists(SCALARS, min_size=1, max_size=3),
    "format": st.sampled_from(["date-time", "email", "uuid"]),
    "minimum": st.integers(-2, 5),
    "maxLength": st.integers(0, 4),
    "oneOf": st.lists(SUB_SCHEMAS, min_size=1, max_size=2),
    "description": st.text(max_size=5),
}))
BODIES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) |
                      st.dictionaries(st.sampled_from(["id", "sku", "qty", "status", "x"]), inner, max_size=4),
                      max_leaves=12)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(SUB_SCHEMAS, BODIES)
def test_fast_check_agrees_on_example_schemas_or_defers(schema, data):
    fast = is_valid(schema, data, remember=False)
    if fast is not None:
        assert fast == jsonschema.Draft202012Validator(schema).is_valid(data), (schema, data)

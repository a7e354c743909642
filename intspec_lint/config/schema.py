"""The config's JSON Schema, generated from the rule metadata, and validation against it with
messages that name the file, the line and the closest valid name."""

from __future__ import annotations

import dataclasses
import difflib
import typing
from functools import lru_cache

from .files import ConfigSource
from .settings import ConfigError


def config_schema(rules) -> dict:
    """The JSON Schema of a config file, built from the rules' metadata."""
    rule_values = {}
    for rule in rules.values():
        value = _rule_value_schema(rule)
        rule_values[rule.code] = value
        rule_values[rule.name] = value
    words = {"type": "array", "items": {"type": "string", "minLength": 1}}
    from ..reading.vocabulary import vocabulary_data

    vocab = vocabulary_data()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://intspec-lint.dev/schemas/config.schema.json",
        "title": "intspec-lint configuration",
        "description": "`.intspec-lint.yaml`, or `[tool.intspec-lint]` in pyproject.toml. Generated from the rule "
        "metadata by `python -m intspec_lint.docs`; do not edit.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "extends": {
                "description": "A preset (default, strict) or a path to another config, or a list of them.",
                "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            },
            "include": {**words, "description": "Globs of files a folder walk lints even when they do not look "
                                                 "like specs (relative to this config's folder)."},
            "exclude": {**words, "description": "Globs of files never linted (relative to this config's folder)."},
            "max_file_size": {"type": "integer", "minimum": 1, "description": "Files larger than this (bytes) "
                                                                              "are not linted."},
            "rules": {
                "type": "object",
                "description": "Per rule, by code or name: false (off), a severity, or severity and options.",
                "additionalProperties": False,
                "properties": rule_values,
            },
            "per_file_ignores": {
                "type": "object",
                "description": "Glob -> rules (codes or names) not reported for matching files.",
                "additionalProperties": words,
            },
            "vocabulary": {
                "type": "object",
                "description": "Words added to the vocabulary, so that your headings and columns are understood.",
                "additionalProperties": False,
                "properties": {
                    "sections": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {part: words for part in vocab["sections"]},
                    },
                    "fields": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            part: {"type": "object", "additionalProperties": False,
                                   "properties": {name: words for name in fields}}
                            for part, fields in vocab["fields"].items()
                        },
                    },
                },
            },
            "suppressions": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "require_reason": {"type": "boolean", "description": "Inline suppressions must say why "
                                                                         "(`-- reason`)."}
                },
            },
            "custom_rules": {
                "type": "array",
                "description": "Declarative rules over the Spec model (see docs/configuration.md).",
                "items": _CUSTOM_RULE_SCHEMA,
            },
        },
    }


_SEVERITIES = ["error", "warning", "info"]
_CUSTOM_RULE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["code", "name", "given", "then", "message"],
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{2,4}[0-9]{3}$"},
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
        "summary": {"type": "string"},
        "message": {"type": "string", "description": "May use {label}, {field} and {value}."},
        "severity": {"enum": _SEVERITIES},
        "checklist": {"type": "string"},
        "given": {"enum": ["contracts", "flows", "mappings", "auth", "errors", "monitoring", "retry",
                           "dead_letter", "idempotency", "overview", "sla"]},
        "where": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
        "then": {
            "type": "object",
            "additionalProperties": False,
            "required": ["field", "function"],
            "properties": {
                "field": {"type": "string"},
                "function": {"enum": ["present", "absent", "pattern", "not-pattern", "enum", "contains"]},
                "value": {},
            },
        },
    },
}


def _rule_value_schema(rule) -> dict:
    options = {}
    for option in dataclasses.fields(rule.options):
        options[option.name] = _type_schema(_hints(rule.options).get(option.name, str))
    return {
        "description": f"{rule.code} {rule.name}: {rule.summary}",
        "oneOf": [
            {"enum": [False, True, "off"]},
            {"enum": _SEVERITIES},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"severity": {"enum": _SEVERITIES}, "enabled": {"type": "boolean"}, **options},
            },
        ],
    }


def _hints(options: type) -> dict:
    try:
        return typing.get_type_hints(options)
    except Exception:
        return {}


def _type_schema(kind) -> dict:
    origin = typing.get_origin(kind)
    if kind is bool:
        return {"type": "boolean"}
    if kind is int:
        return {"type": "integer"}
    if kind is float:
        return {"type": "number"}
    if kind is str:
        return {"type": "string"}
    if origin in (list, tuple):
        args = [a for a in typing.get_args(kind) if a is not Ellipsis]
        return {"type": "array", "items": _type_schema(args[0]) if args else {}}
    return {}


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    from ..registry import load_rules

    schema = config_schema(load_rules())
    return jsonschema.Draft202012Validator(schema)


def validate(source: ConfigSource) -> None:
    """Raise ConfigError for the first problem, with its line and a suggestion."""
    from ..registry import load_rules

    rules = load_rules()
    names = sorted(set(rules) | {r.name for r in rules.values()})
    errors = sorted(_validator().iter_errors(source.data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    for error in errors:
        where = tuple(error.absolute_path)
        file = str(source.path)
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extras = [k for k in error.instance if k not in allowed]
            key = extras[0] if extras else "?"
            line = source.line(where + (key,))
            if where == ("rules",):
                raise ConfigError(f"unknown rule '{key}' {did_you_mean(key, names)}", file, line)
            place = "/".join(map(str, where)) or "the top level"
            raise ConfigError(f"unknown key '{key}' in {place} {did_you_mean(key, allowed)}", file, line)
        if where[:1] == ("rules",) and len(where) >= 2:
            raise ConfigError(_rule_value_error(where, error, rules), file, source.line(where))
        place = "/".join(map(str, where)) or "the top level"
        raise ConfigError(f"{place}: {error.message}", file, source.line(where))


def _rule_value_error(where: tuple, error, rules) -> str:
    key = where[1]
    rule = rules.get(str(key).upper()) or next((r for r in rules.values() if r.name == key), None)
    value = error.instance
    if len(where) >= 3 and rule is not None:
        option = where[2]
        known = ["severity", "enabled"] + [f.name for f in dataclasses.fields(rule.options)]
        if option not in known:
            return f"rule {rule.code} has no option '{option}' {did_you_mean(str(option), known)}"
        return f"rule {rule.code} option '{option}': {error.message}"
    if isinstance(value, dict) and rule is not None:
        known = ["severity", "enabled"] + [f.name for f in dataclasses.fields(rule.options)]
        for option, given in value.items():
            if option not in known:
                return f"rule {rule.code} has no option '{option}' {did_you_mean(str(option), known)}"
            if option == "severity" and given not in _SEVERITIES:
                return f"rule {rule.code}: severity must be one of {', '.join(_SEVERITIES)}, not {given!r}"
            if option == "enabled" and not isinstance(given, bool):
                return f"rule {rule.code} option 'enabled' must be a boolean (true or false), not {given!r}"
            if option not in ("severity", "enabled"):
                expected = _type_schema(_hints(rule.options).get(option, str)).get("type", "a value")
                kind = {"integer": int, "number": (int, float), "boolean": bool, "string": str,
                        "array": (list, tuple)}.get(expected)
                if kind and (not isinstance(given, kind) or (expected != "boolean" and isinstance(given, bool))):
                    return f"rule {rule.code} option '{option}' must be {_article(expected)}, not {given!r}"
        return f"rule {rule.code}: {error.message}"
    return (f"rule {key}: {value!r} is not a valid setting: use false (off), a severity "
            f"({', '.join(_SEVERITIES)}) or a mapping of severity and options")


def _article(kind: str) -> str:
    return {"integer": "an integer", "array": "a list", "boolean": "a boolean (true or false)"}.get(kind, f"a {kind}")


def did_you_mean(key: str, choices) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.5)
    if not close:
        close = difflib.get_close_matches(key.upper(), list(choices), n=1, cutoff=0.5)
    return f"(did you mean {close[0]}?)" if close else f"(expected one of: {', '.join(map(str, choices))})" \
        if len(choices) <= 12 else "(see `intspec-lint rules`)"

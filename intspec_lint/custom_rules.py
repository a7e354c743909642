"""Declarative rules from the config, in the manner of Spectral: a selector over the Spec model,
a field, and a check. Because they read the Spec, one rule serves Markdown and YAML specs alike.

    custom_rules:
      - code: ACME001
        name: missing-correlation-id
        given: contracts            # every contract...
        where: {kind: http}         # ...that is an HTTP contract
        then: {field: headers, function: contains, value: X-Correlation-Id}
        message: "contract {label} does not send an X-Correlation-Id header"
"""

from __future__ import annotations

import re
from typing import Any

from .findings import Hit, Severity
from .rule import CODE_PATTERN, Rule
from .model import Value, given

_SINGLE = {"retry", "dead_letter", "idempotency", "overview", "sla"}
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")
MAX_TEXT = 10_000  # a regular expression only ever sees this many characters of a value


class CustomRuleError(Exception):
    pass


def check_regex(pattern: str) -> re.Pattern:
    """Compile a user's pattern, refusing the shapes that backtrack catastrophically ((a+)+, (a*)*)."""
    if _NESTED_QUANTIFIER.search(pattern):
        raise CustomRuleError(f"pattern {pattern!r} repeats a repeated group, which can take exponential time; "
                              "rewrite it without nested quantifiers")
    if len(pattern) > 500:
        raise CustomRuleError("pattern is longer than 500 characters")
    try:
        return re.compile(pattern)
    except re.error as error:
        raise CustomRuleError(f"pattern {pattern!r} is not a valid regular expression: {error}") from None


def build_rule(spec: dict, file: str, line: int | None) -> Rule:
    """A Rule from a `custom_rules` entry (already checked against the config schema)."""
    from .config import ConfigError

    code = spec["code"]
    try:
        if code.startswith("IS") or not CODE_PATTERN.match(code):
            raise CustomRuleError(f"custom rule code {code!r} must use a prefix of your own, not IS")
        then = spec["then"]
        function = then["function"]
        expected = then.get("value")
        matcher = _matcher(function, expected)
    except CustomRuleError as error:
        raise ConfigError(str(error), file, line) from None
    selector, field, where = spec["given"], then["field"], spec.get("where", {})
    template = spec["message"]
    try:
        known = _fields_of(selector)
        for name in [field, *where]:
            if name not in known:
                import difflib

                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {close[0]}?" if close else f"expected one of: {', '.join(known)}"
                raise CustomRuleError(f"custom rule {code}: {selector} have no field '{name}' ({hint})")
        _check_template(code, template)
    except CustomRuleError as error:
        raise ConfigError(str(error), file, line) from None

    def check(model, options):
        for item in _select(model, selector):
            if not all(_matches(item, key, wanted) for key, wanted in where.items()):
                continue
            found = getattr(item, field, None) if item is not None else None
            if not matcher(found):
                span = found.span if isinstance(found, Value) else _span_of(model, selector, item)
                text = found.text if isinstance(found, Value) else ""
                yield Hit(span, template.format_map(_Fields(label=_label(item, selector), field=field, value=text)))

    return Rule(
        code=code,
        name=spec["name"],
        checklist=spec.get("checklist", "prose"),
        severity=Severity(spec.get("severity", "warning")),
        summary=spec.get("summary", spec["message"]),
        rationale=f"A rule of this project's own, declared in {file}.",
        bad="",
        good="",
        check=check,
        source="config",
    )


def _fields_of(selector: str) -> list[str]:
    import dataclasses

    from . import model

    kind = {"contracts": model.Contract, "flows": model.Flow, "mappings": model.Mapping, "auth": model.Auth,
            "errors": model.ErrorCategory, "monitoring": model.Metric, "retry": model.Retry,
            "dead_letter": model.DeadLetter, "idempotency": model.Idempotency, "overview": model.Overview,
            "sla": model.Sla}[selector]
    return [f.name for f in dataclasses.fields(kind) if f.name not in ("span", "text")]


def _check_template(code: str, template: str) -> None:
    import string

    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        raise CustomRuleError(f"custom rule {code}: message {template!r} is not a valid template: {error}") from None
    for name in names:
        if not name or name[0].isdigit() or not name.isidentifier():
            raise CustomRuleError(f"custom rule {code}: message uses {{{name}}}; use {{label}}, {{field}} or "
                                  "{value} (other names are printed as they are)")


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _matcher(function: str, expected: Any):
    if function == "present":
        return lambda found: _present(found)
    if function == "absent":
        return lambda found: not _present(found)
    if function in ("pattern", "not-pattern"):
        if not isinstance(expected, str):
            raise CustomRuleError(f"function {function} needs `value`: a regular expression")
        regex = check_regex(expected)
        if function == "pattern":
            return lambda found: _present(found) and any(regex.search(t[:MAX_TEXT]) for t in _texts(found))
        return lambda found: not any(regex.search(t[:MAX_TEXT]) for t in _texts(found))
    if function == "enum":
        if not isinstance(expected, list):
            raise CustomRuleError("function enum needs `value`: a list of allowed values")
        allowed = {str(v).lower() for v in expected}
        return lambda found: _present(found) and all(t.strip().strip("`").lower() in allowed for t in _texts(found))
    if function == "contains":
        if not isinstance(expected, str):
            raise CustomRuleError("function contains needs `value`: the text to look for")
        needle = expected.lower()
        return lambda found: any(needle in t.lower() for t in _texts(found))
    raise CustomRuleError(f"unknown function {function!r}")


def _present(found) -> bool:
    if isinstance(found, Value):
        return given(found)
    if isinstance(found, list):
        return bool(found)
    return found is not None and found != ""


def _texts(found) -> list[str]:
    if isinstance(found, Value):
        return [found.text]
    if isinstance(found, list):
        return [v.text if isinstance(v, Value) else str(v) for v in found]
    return [] if found is None else [str(found)]


def _select(model, selector: str) -> list:
    if selector in _SINGLE:
        return [getattr(model, selector)]
    return list(getattr(model, selector))


def _matches(item, key: str, wanted) -> bool:
    found = getattr(item, key, None)
    text = found.text if isinstance(found, Value) else found
    return str(text).lower() == str(wanted).lower()


def _span_of(model, selector: str, item):
    span = getattr(item, "span", None)
    return span if span is not None else model.where(selector)


def _label(item, selector: str) -> str:
    if item is None:
        return selector.replace("_", " ")
    label = getattr(item, "label", None)
    if isinstance(label, str) and label:
        return f"'{label}'"
    for name in ("name", "metric", "source_field", "system", "category"):
        found = getattr(item, name, None)
        if isinstance(found, Value) and found.text:
            return f"'{found.text}'"
    return f"at line {item.span.line}"

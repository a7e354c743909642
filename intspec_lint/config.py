"""Configuration: `.intspec-lint.yaml` or `[tool.intspec-lint]` in pyproject.toml, nearest to each file.

A config is validated against schemas/config.schema.json (generated from the rule metadata) when
it is loaded; every error names the file, the line and, where it can, the closest valid name.
The same resolver serves the CLI, the pre-commit hook and the Python API, so a file gets the same
findings whichever way it is linted.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .findings import Severity

CONFIG_NAMES = (".intspec-lint.yaml", ".intspec-lint.yml")
PRESETS = ("default", "strict")
_OFF = (False, "off", "false")


class ConfigError(Exception):
    """A config that cannot be used: where, and what is wrong."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        super().__init__(f"{where}{message}")
        self.file, self.line, self.detail = file, line, message


@dataclass(frozen=True)
class Settings:
    """What applies to one file: the effective config plus the command line."""

    select: tuple[str, ...] = ()  # codes, code prefixes or names; empty = every rule
    ignore: tuple[str, ...] = ()
    disabled: frozenset[str] = frozenset()  # codes turned off by the config for this file
    enabled_extra: frozenset[str] = frozenset()  # off-by-default codes turned on (strict, or by name)
    severities: dict[str, Severity] = field(default_factory=dict)  # code -> severity
    options: dict[str, Any] = field(default_factory=dict)  # code -> options instance
    max_bytes: int = 5 * 1024 * 1024
    vocabulary: tuple = ()  # ((path...), (words...)) pairs added to rules/vocabulary.yaml
    extra_rules: tuple = ()  # declarative rules from the config
    require_reason: bool = False
    source: str = ""  # the config file, for messages and the cache key

    def enabled(self, code: str, name: str, default_enabled: bool = True) -> bool:
        def matches(patterns: tuple[str, ...]) -> bool:
            return any(code.startswith(p.upper()) or name == p for p in patterns)

        if code == "IS003":  # a crash is never hidden by a selection
            return not matches(self.ignore)
        if self.select:
            # the command line wins over the config: a selected rule runs even where the config is off
            return matches(self.select) and not matches(self.ignore)
        if matches(self.ignore) or code in self.disabled:
            return False
        return default_enabled or code in self.enabled_extra

    def key(self) -> str:
        """A stable text of everything that changes findings, for the cache."""
        options = {code: dataclasses.asdict(value) for code, value in sorted(self.options.items())}
        return json.dumps(
            [self.select, self.ignore, sorted(self.disabled), sorted(self.enabled_extra),
             {c: s.value for c, s in sorted(self.severities.items())}, options, self.max_bytes,
             self.vocabulary, [r.code for r in self.extra_rules], self.require_reason, self.source],
            default=str, sort_keys=True,
        )


# -- reading config files -------------------------------------------------------------------------
@dataclass
class _Source:
    """A config file's data, with the line of each key path for error messages."""

    path: Path
    data: dict
    lines: dict[tuple, int]

    def line(self, where: tuple) -> int | None:
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return None


def read_config(path: Path) -> _Source | None:
    """The intspec-lint config in `path`, or None when a pyproject.toml has no [tool.intspec-lint]."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the config: {error}", str(path)) from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = re.search(r"at line (\d+)", str(error))
            raise ConfigError(f"invalid TOML: {error}", str(path), int(found.group(1)) if found else 1) from None
        data = document.get("tool", {}).get("intspec-lint")
        if data is None:
            return None
        return _Source(path, data, _toml_lines(text, data))
    return _read_yaml_config(path, text)


def _read_yaml_config(path: Path, text: str) -> _Source:
    from .document.yaml import YamlSyntaxError, parse_yaml

    try:
        root = parse_yaml(text).root
    except YamlSyntaxError as error:
        raise ConfigError(error.message, str(path), error.span.line) from None
    if root is None:
        return _Source(path, {}, {})
    lines: dict[tuple, int] = {}

    def plain(node, where: tuple):
        from .document.yaml import is_map, is_seq

        lines[where] = node.start_mark.line + 1
        if is_map(node):
            result = {}
            for key, value in node.value:
                name = str(key.value)
                lines[where + (name,)] = key.start_mark.line + 1
                result[name] = plain(value, where + (name,))
                lines[where + (name,)] = key.start_mark.line + 1
            return result
        if is_seq(node):
            return [plain(item, where + (index,)) for index, item in enumerate(node.value)]
        from .reading.yaml import _scalar

        return _scalar(node)

    data = plain(root, ())
    if not isinstance(data, dict):
        raise ConfigError("the config must be a mapping of keys (extends, rules, ...)", str(path), 1)
    return _Source(path, data, lines)


def _toml_lines(text: str, data: dict) -> dict[tuple, int]:
    """Approximate lines for keys of [tool.intspec-lint] (TOML parsers keep no positions)."""
    lines: dict[tuple, int] = {}
    raw = text.split("\n")

    def find(key: str, after: int) -> int:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=|^\[tool\.intspec-lint\.{re.escape(key)}\]")
        for number in range(after, len(raw)):
            if pattern.search(raw[number]):
                return number + 1
        return after + 1

    start = next((i for i, line in enumerate(raw) if line.strip().startswith("[tool.intspec-lint")), 0)

    def walk(value, where: tuple, after: int):
        if isinstance(value, dict):
            for key, inner in value.items():
                line = find(str(key), after)
                lines[where + (key,)] = line
                walk(inner, where + (key,), line - 1)

    lines[()] = start + 1
    walk(data, (), start)
    return lines


# -- validation -----------------------------------------------------------------------------------
def config_schema(rules) -> dict:
    """The JSON Schema of a config file, built from the rules' metadata."""
    rule_values = {}
    for rule in rules.values():
        value = _rule_value_schema(rule)
        rule_values[rule.code] = value
        rule_values[rule.name] = value
    words = {"type": "array", "items": {"type": "string", "minLength": 1}}
    from .reading.vocabulary import vocabulary_data

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

    from .registry import load_rules

    schema = config_schema(load_rules())
    return jsonschema.Draft202012Validator(schema)


def validate(source: _Source) -> None:
    """Raise ConfigError for the first problem, with its line and a suggestion."""
    from .registry import load_rules

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
                raise ConfigError(f"unknown rule '{key}' {_did_you_mean(key, names)}", file, line)
            place = "/".join(map(str, where)) or "the top level"
            raise ConfigError(f"unknown key '{key}' in {place} {_did_you_mean(key, allowed)}", file, line)
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
            return f"rule {rule.code} has no option '{option}' {_did_you_mean(str(option), known)}"
        return f"rule {rule.code} option '{option}': {error.message}"
    if isinstance(value, dict) and rule is not None:
        known = ["severity", "enabled"] + [f.name for f in dataclasses.fields(rule.options)]
        for option, given in value.items():
            if option not in known:
                return f"rule {rule.code} has no option '{option}' {_did_you_mean(str(option), known)}"
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


def _did_you_mean(key: str, choices) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.5)
    if not close:
        close = difflib.get_close_matches(key.upper(), list(choices), n=1, cutoff=0.5)
    return f"(did you mean {close[0]}?)" if close else f"(expected one of: {', '.join(map(str, choices))})" \
        if len(choices) <= 12 else "(see `intspec-lint rules`)"


# -- resolving ------------------------------------------------------------------------------------
@dataclass
class _Effective:
    """A config with its `extends` chain merged, relative paths resolved against `base`."""

    base: Path
    source: str
    rules: dict[str, Any] = field(default_factory=dict)  # code -> raw value
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    vocabulary: list = field(default_factory=list)
    custom_rules: list = field(default_factory=list)
    max_file_size: int | None = None
    require_reason: bool = False
    strict: bool = False
    digest: str = ""  # of every config file in the extends chain: the cache misses when one changes


class Resolver:
    """The settings for each file: `--config FILE` for all, `--no-config`, or the nearest config."""

    def __init__(self, explicit: str | None = None, disabled: bool = False, select=(), ignore=(),
                 max_bytes: int | None = None):
        self.explicit = Path(explicit) if explicit else None
        self.disabled = disabled
        self.select, self.ignore, self.max_bytes = tuple(select), tuple(ignore), max_bytes
        self._by_folder: dict[Path, _Effective | None] = {}
        self._by_path: dict[Path, _Effective | None] = {}  # a run asks for each file several times
        self._resolved: dict[Path, Path] = {}  # folder -> the folder with links resolved
        self._loaded: dict[Path, _Effective] = {}
        if self.explicit is not None and not self.explicit.is_file():
            raise ConfigError(f"config file {self.explicit} does not exist")

    def effective(self, path: Path) -> _Effective | None:
        if self.disabled:
            return None
        try:
            return self._by_path[path]
        except KeyError:
            pass
        if self.explicit is not None:
            found = self._load(self.explicit.resolve())
        elif path.is_dir():
            found = self._nearest(path.resolve())
        else:
            parent = path.parent
            folder = self._resolved.get(parent)
            if folder is None:
                folder = self._resolved[parent] = parent.resolve()
            found = self._nearest(folder)
        self._by_path[path] = found
        return found

    def _nearest(self, folder: Path) -> _Effective | None:
        if folder in self._by_folder:
            return self._by_folder[folder]
        found = None
        for name in (*CONFIG_NAMES, "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                found = self._load(candidate)
                if found is not None:
                    break
        if found is None and not (folder / ".git").exists() and folder.parent != folder:
            found = self._nearest(folder.parent)
        self._by_folder[folder] = found
        return found

    def _load(self, path: Path, chain: tuple = ()) -> _Effective | None:
        if path in self._loaded:
            return self._loaded[path]
        if path in chain:
            raise ConfigError("`extends` goes round in a circle: " + " -> ".join(map(str, chain + (path,))),
                              str(chain[-1]), _extends_line(chain[-1]))
        source = read_config(path)
        if source is None:
            return None
        validate(source)
        effective = _Effective(path.parent, str(path))
        effective.digest = _digest(path)
        extends = source.data.get("extends", [])
        for parent in [extends] if isinstance(extends, str) else extends:
            if parent in PRESETS:
                effective.strict = effective.strict or parent == "strict"
                continue
            target = (path.parent / parent).resolve()
            if not target.is_file():
                raise ConfigError(f"`extends: {parent}` is neither a preset ({', '.join(PRESETS)}) nor an existing "
                                  "file", str(path), source.line(("extends",)))
            inherited = self._load(target, chain + (path,))
            if inherited is not None:
                _merge(effective, inherited)
        _apply(effective, source)
        self._loaded[path] = effective
        return effective

    def settings(self, path: Path) -> Settings:
        """The Settings for the file at `path`."""
        effective = self.effective(path)
        return self._settings(effective, _relative(path, effective))

    def excluded(self, path: Path) -> bool:
        effective = self.effective(path)
        if effective is None or not effective.exclude:
            return False
        relative = _relative(path, effective)
        return relative is not None and any(_glob(p).match(relative) for p in effective.exclude)

    def included(self, path: Path) -> bool:
        effective = self.effective(path)
        if effective is None or not effective.include:
            return False
        relative = _relative(path, effective)
        return relative is not None and any(_glob(p).match(relative) for p in effective.include)

    def _settings(self, effective: _Effective | None, relative: str | None) -> Settings:
        max_bytes = self.max_bytes or (effective.max_file_size if effective else None) or 5 * 1024 * 1024
        if effective is None:
            return Settings(select=self.select, ignore=self.ignore, max_bytes=max_bytes)
        return _build(effective, relative, self.select, self.ignore, max_bytes)


def _digest(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def _combine(first: str, second: str) -> str:
    import hashlib

    return hashlib.sha256(f"{first}+{second}".encode()).hexdigest()[:16]


def _extends_line(path: Path) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if re.match(r"\s*extends\s*[:=]", line):
                return number
    except OSError:
        pass
    return 1


def _relative(path: Path, effective: _Effective | None) -> str | None:
    if effective is None:
        return None
    try:
        return path.resolve().relative_to(effective.base).as_posix()
    except ValueError:
        return None


def _merge(target: _Effective, inherited: _Effective) -> None:
    target.strict = target.strict or inherited.strict
    target.digest = _combine(target.digest, inherited.digest)
    target.rules.update(inherited.rules)
    target.include += [_rebase(p, inherited.base, target.base) for p in inherited.include]
    target.exclude += [_rebase(p, inherited.base, target.base) for p in inherited.exclude]
    target.per_file_ignores.update({_rebase(p, inherited.base, target.base): v
                                    for p, v in inherited.per_file_ignores.items()})
    target.vocabulary += inherited.vocabulary
    target.custom_rules += inherited.custom_rules
    target.max_file_size = inherited.max_file_size or target.max_file_size
    target.require_reason = target.require_reason or inherited.require_reason


def _rebase(pattern: str, base: Path, target: Path) -> str:
    """A glob written relative to `base`, rewritten relative to `target` (where it is matched).

    A bare name ("*.draft.md") matches at any depth below its own folder, so it becomes
    "folder/**/*.draft.md"."""
    if base == target or not _inside(base, target):
        return pattern
    prefix = base.relative_to(target).as_posix()
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    if "/" not in pattern.rstrip("/"):
        return f"{prefix}/**/{pattern}"
    return f"{prefix}/{pattern}"


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
        return True
    except ValueError:
        return False


def _apply(effective: _Effective, source: _Source) -> None:
    from .registry import find_rule

    data = source.data
    for key, value in data.get("rules", {}).items():
        rule = find_rule(str(key))
        effective.rules[rule.code] = value
    effective.include += data.get("include", [])
    effective.exclude += data.get("exclude", [])
    for pattern, keys in data.get("per_file_ignores", {}).items():
        for key in keys:
            if find_rule(str(key)) is None and not any(str(key) in (r.code, r.name) for r in effective.custom_rules) \
                    and not any(r.get("code") == key or r.get("name") == key for r in data.get("custom_rules", [])):
                from .registry import load_rules

                names = sorted(set(load_rules()) | {r.name for r in load_rules().values()})
                raise ConfigError(f"per_file_ignores names an unknown rule '{key}' {_did_you_mean(str(key), names)}",
                                  str(source.path), source.line(("per_file_ignores", pattern)))
        effective.per_file_ignores[pattern] = list(keys)
    if "max_file_size" in data:
        effective.max_file_size = data["max_file_size"]
    vocabulary = data.get("vocabulary", {})
    for part, words in vocabulary.get("sections", {}).items():
        effective.vocabulary.append((("sections", part), tuple(words)))
    for part, fields in vocabulary.get("fields", {}).items():
        for name, words in fields.items():
            effective.vocabulary.append((("fields", part, name), tuple(words)))
    effective.require_reason = data.get("suppressions", {}).get("require_reason", effective.require_reason)
    from .registry import load_rules

    taken = {code: "intspec-lint" for code in load_rules()} | {r.name: "intspec-lint" for r in load_rules().values()}
    taken |= {r.code: "an extended config" for r in effective.custom_rules}
    for index, spec in enumerate(data.get("custom_rules", [])):
        from .custom_rules import build_rule

        line = source.line(("custom_rules", index))
        for key in (spec["code"], spec["name"]):
            if key in taken:
                raise ConfigError(f"custom rule {spec['code']}: '{key}' is already used by {taken[key]}",
                                  str(source.path), line)
            taken[key] = "another custom rule"
        effective.custom_rules.append(build_rule(spec, str(source.path), line))


def _build(effective: _Effective, relative: str | None, select, ignore, max_bytes) -> Settings:
    from .registry import find_rule, load_rules

    rules = load_rules()
    disabled: set[str] = set()
    extra: set[str] = set(rules) if effective.strict else set()
    severities: dict[str, Severity] = {}
    options: dict[str, Any] = {}
    for code, value in effective.rules.items():
        rule = rules[code]
        if value in _OFF:
            disabled.add(code)
        elif value is True:
            extra.add(code)
        elif isinstance(value, str):
            severities[code] = Severity(value)
            extra.add(code)
        elif isinstance(value, dict):
            if value.get("enabled") is False:
                disabled.add(code)
            else:
                extra.add(code)
            if "severity" in value:
                severities[code] = Severity(value["severity"])
            given = {k: v for k, v in value.items() if k not in ("severity", "enabled")}
            if given:
                options[code] = rule.options(**{k: tuple(v) if isinstance(v, list) else v for k, v in given.items()})
    if relative is not None:
        for pattern, keys in effective.per_file_ignores.items():
            if _glob(pattern).match(relative):
                for key in keys:
                    rule = find_rule(key)
                    if rule is not None:
                        disabled.add(rule.code)
    return Settings(
        select=select,
        ignore=ignore,
        disabled=frozenset(disabled),
        enabled_extra=frozenset(extra),
        severities=severities,
        options=options,
        max_bytes=max_bytes,
        vocabulary=tuple(effective.vocabulary),
        extra_rules=tuple(effective.custom_rules),
        require_reason=effective.require_reason,
        source=f"{effective.source}@{effective.digest}",
    )


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern:
    """A glob with `**` (any folders), `*` and `?` (within one folder), matched on POSIX paths."""
    pattern = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    body = "".join(out)
    if pattern.endswith("/"):
        body += ".*"
    elif "/" not in pattern.rstrip("/"):
        body = "(?:.*/)?" + body  # a bare name matches at any depth, as in .gitignore
    return re.compile(f"^{body}(?:/.*)?$")

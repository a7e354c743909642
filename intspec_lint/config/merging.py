"""Merging configs: a file's keys applied over the configs it `extends`, globs rebased to the folder
they are matched in, and the merged config turned into the `Settings` of one file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..findings import Severity
from .files import ConfigSource
from .schema import did_you_mean
from .settings import ConfigError, Settings

_OFF = (False, "off", "false")


@dataclass
class Effective:
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


def merge(target: Effective, inherited: Effective) -> None:
    """Merge `inherited` (a config that `target` extends) into `target`, its globs rebased to `target`'s folder."""
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


def apply(effective: Effective, source: ConfigSource) -> None:
    """Apply a config file's own keys over what it inherits. A per-file ignore of an unknown rule, or a
    custom rule whose code or name is taken, is a ConfigError."""
    from ..registry import find_rule

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
                from ..registry import load_rules

                names = sorted(set(load_rules()) | {r.name for r in load_rules().values()})
                raise ConfigError(f"per_file_ignores names an unknown rule '{key}' {did_you_mean(str(key), names)}",
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
    from ..registry import load_rules

    taken = {code: "intspec-lint" for code in load_rules()} | {r.name: "intspec-lint" for r in load_rules().values()}
    taken |= {r.code: "an extended config" for r in effective.custom_rules}
    for index, spec in enumerate(data.get("custom_rules", [])):
        from ..custom_rules import build_rule

        line = source.line(("custom_rules", index))
        for key in (spec["code"], spec["name"]):
            if key in taken:
                raise ConfigError(f"custom rule {spec['code']}: '{key}' is already used by {taken[key]}",
                                  str(source.path), line)
            taken[key] = "another custom rule"
        effective.custom_rules.append(build_rule(spec, str(source.path), line))


def build(effective: Effective, relative: str | None, select, ignore, max_bytes) -> Settings:
    """The Settings of the file at `relative` (to the config's folder; None outside it), with the
    command line's selection."""
    from ..registry import find_rule, load_rules

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
            if compile_glob(pattern).match(relative):
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
def compile_glob(pattern: str) -> re.Pattern:
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


def _combine(first: str, second: str) -> str:
    import hashlib

    return hashlib.sha256(f"{first}+{second}".encode()).hexdigest()[:16]

"""Every rule, built-in or third-party, comes through the `intspec_lint.rules` entry point group."""

from __future__ import annotations

import dataclasses
import os
from functools import lru_cache

from .rule import CODE_PATTERN, NAME_PATTERN, Rule

GROUP = "intspec_lint.rules"
VERSIONS: dict[str, str] = {}  # distribution -> version, of every distribution that provides rules


class RuleLoadError(Exception):
    """A plugin cannot be imported, or one of its rules is malformed."""


@lru_cache(maxsize=1)
def checklist_slugs() -> dict[str, dict]:
    from . import cache
    from .resources import data_path, load_yaml

    return dict(cache.data(data_path("rules", "catalogue.yaml"), load_yaml))


def _entry_points() -> list[tuple[str, str, str, str]]:
    """(name, value, distribution) of every entry point in the group. Scanning every installed
    distribution is a noticeable part of start-up, so the list is cached until an installation
    folder on sys.path changes."""
    import sys

    from . import cache

    def scan() -> list[tuple[str, str, str, str]]:
        from importlib.metadata import entry_points

        return [(ep.name, ep.value, ep.dist.name if ep.dist else "unknown distribution",
                 ep.dist.version if ep.dist else "") for ep in entry_points(group=GROUP)]

    stamps = []
    for folder in sys.path:
        if not folder.endswith(("site-packages", "dist-packages")):
            continue  # distributions are installed there (an install or removal changes the folder)
        try:
            stamps.append(f"{folder}:{os.stat(folder or '.').st_mtime_ns}")
        except OSError:
            stamps.append(f"{folder}:-")
    return [tuple(item) for item in cache.remembered("entry-points", stamps, scan)]


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    """code -> Rule, in code order, validated."""
    found: list[Rule] = []
    sources = _entry_points()
    if not any(value.startswith("intspec_lint.rules") for _, value, _, _ in sources):
        from .rules import BUILTIN_RULES  # a source checkout that was never installed

        found.extend(BUILTIN_RULES)
    for name, value, dist, version in sources:
        VERSIONS[dist] = version
        try:
            loaded = _load(value)
        except Exception as error:  # any import failure must name the plugin
            raise RuleLoadError(f"cannot load rules from {dist} ({name} = {value}): {error}") from None
        try:
            rules = [loaded] if isinstance(loaded, Rule) else list(loaded)
        except TypeError:
            rules = [loaded]
        for rule in rules:
            if not isinstance(rule, Rule):
                raise RuleLoadError(f"{dist} ({value}) provides {rule!r}, which is not an intspec_lint Rule")
            builtin = value.startswith("intspec_lint.rules")
            found.append(rule if builtin else dataclasses.replace(rule, source=dist))
    return validate(found)


def _load(value: str):
    """What an entry point's `module:attribute` names (importlib.metadata's own loader, without
    importing importlib.metadata when the entry points came from the cache)."""
    import importlib

    module_name, _, attributes = value.partition(":")
    loaded = importlib.import_module(module_name.strip())
    for attribute in filter(None, attributes.strip().split(".")):
        loaded = getattr(loaded, attribute)
    return loaded


def validate(rules: list[Rule]) -> dict[str, Rule]:
    slugs = checklist_slugs()
    by_code: dict[str, Rule] = {}
    names: set[str] = set()
    for rule in rules:
        where = f"rule {rule.code} ({rule.source})"
        if not CODE_PATTERN.match(rule.code):
            raise RuleLoadError(f"{where}: code must match {CODE_PATTERN.pattern}")
        if rule.source != "intspec-lint" and rule.code.startswith("IS"):
            raise RuleLoadError(f"{where}: the IS prefix belongs to intspec-lint; use a prefix of your own")
        if rule.code in by_code or rule.name in names:
            raise RuleLoadError(f"{where}: code or name '{rule.name}' is already used by another rule")
        if not NAME_PATTERN.match(rule.name):
            raise RuleLoadError(f"{where}: name '{rule.name}' must be kebab-case")
        if rule.checklist not in slugs:
            raise RuleLoadError(f"{where}: checklist '{rule.checklist}' is not one of {', '.join(slugs)}")
        if not rule.summary.strip() or not rule.rationale.strip():
            raise RuleLoadError(f"{where}: summary and rationale must not be empty")
        if rule.check is not None and not (rule.bad.strip() and rule.good.strip()):
            raise RuleLoadError(f"{where}: a bad and a good example are required")
        if not dataclasses.is_dataclass(rule.options):
            raise RuleLoadError(f"{where}: options must be a dataclass")
        by_code[rule.code] = rule
        names.add(rule.name)
    return dict(sorted(by_code.items()))


def find_rule(key: str) -> Rule | None:
    """A rule by its code or its name."""
    rules = load_rules()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key), None)

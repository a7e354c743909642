"""What applies to one file (`Settings`: the effective config plus the command line), and the error a
config that cannot be used raises."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from ..findings import Severity


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

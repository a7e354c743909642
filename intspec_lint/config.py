"""Settings for one run: which rules, at which severity, with which options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .findings import Severity


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # codes, code prefixes or names; empty = every rule
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity] = field(default_factory=dict)  # code -> severity
    options: dict[str, Any] = field(default_factory=dict)  # code -> options instance
    max_bytes: int = 5 * 1024 * 1024

    def enabled(self, code: str, name: str) -> bool:
        def matches(patterns: tuple[str, ...]) -> bool:
            return any(code.startswith(p.upper()) or name == p for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)

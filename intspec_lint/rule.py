"""A rule: a pure check over the Spec with its metadata beside it."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .findings import Hit, Severity

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOCS_BASE = "https://github.com/intspec-lint/intspec-lint/blob/main/docs/rules"


@dataclass(frozen=True)
class NoOptions:
    """For rules that take no options."""


@dataclass(frozen=True)
class Case:
    """One kind of finding a rule reports: its severity, what it is about, and the words of the
    `integration-specification` skill it enforces, with where the skill says them. A case without
    words of the skill is the tool's own advice beyond the skill, and is a warning."""

    severity: Severity
    what: str  # "a flow with no trigger, direction, payload or frequency"
    skill: str = ""  # the skill's words, quoted exactly
    where: str = ""  # "quality checklist", "template, 6. Retry Logic", "common mistakes", ...


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    checklist: str
    severity: Severity
    summary: str
    rationale: str
    bad: str
    good: str
    check: Callable[..., Iterable[Hit]] | None  # None: reported by the engine itself (syntax, schema)
    options: type = NoOptions
    status: str = "stable"  # stable | preview | removed
    bad_format: str = "markdown"
    default_enabled: bool = True  # False: only with `extends: strict` or when the config names it
    source: str = "intspec-lint"  # the distribution that provides it
    module: str = field(default="", compare=False)
    # What the rule reports, at which severity, enforcing which words of the skill. `severity` above is
    # the default of the hits that do not set their own (Hit.severity); a config's severity beats both.
    cases: tuple[Case, ...] = ()

    @property
    def skill(self) -> tuple[str, ...]:
        """The words of the skill the rule enforces, each once."""
        return tuple(dict.fromkeys(case.skill for case in self.cases if case.skill))

    @property
    def docs_url(self) -> str:
        return f"{DOCS_BASE}/{self.code}.md"

    def option_fields(self) -> list[dataclasses.Field]:
        return list(dataclasses.fields(self.options))

    def run(self, spec, options: Any) -> Iterator[Hit]:
        if self.check is None:
            return iter(())
        return iter(self.check(spec, options))


def rule(
    *,
    code: str,
    name: str,
    checklist: str,
    severity: Severity = Severity.ERROR,
    summary: str,
    rationale: str,
    bad: str,
    good: str,
    options: type = NoOptions,
    status: str = "stable",
    bad_format: str = "markdown",
    default_enabled: bool = True,
    cases: tuple[Case, ...] = (),
) -> Callable[[Callable], Rule]:
    """Turn `check(spec, options)` into a Rule carrying its metadata."""

    def wrap(check: Callable) -> Rule:
        return Rule(
            code=code,
            name=name,
            checklist=checklist,
            severity=severity,
            summary=summary,
            rationale=rationale,
            bad=bad,
            good=good,
            check=check,
            options=options,
            status=status,
            bad_format=bad_format,
            default_enabled=default_enabled,
            module=getattr(check, "__module__", ""),
            cases=cases,
        )

    return wrap

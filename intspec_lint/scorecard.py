"""The checklist scorecard: for each spec, each of the nine checklist items is covered, partial, missing
or not checked, with the findings behind it.

It is derived, never judged anew, so it cannot disagree with the findings it sits beside:

- **covered**: no finding of the item, and the rule that reports the item's part absent ran on the file
  (a silent rule that never ran proves nothing);
- **partial**: findings of the item, and the Spec holds the part (a section, a table, a record);
- **missing**: findings of the item, and the Spec holds nothing for the part. The engine stamps each
  finding with what the Spec held of its part (`Finding.part_state`), so the scorecard needs neither
  the Spec nor a second parse, and cached results score the same as fresh ones;
- **not checked**: the file was not read as a spec (unreadable, not a spec, a reader that failed), or
  no finding of the item and its absence rule was turned off (`--select`, `--ignore`, the config) or
  one of its rules failed (IS003).

Every reported finding counts, whatever its severity. Inline suppressions are decisions written in
the spec: what they silence counts as answered. Findings outside the nine items (overview, sla, prose,
syntax, suppression, or a plugin's own) are counted under "other", by checklist slug.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable

from .findings import NOT_READ, PART_ABSENT, Finding
from .model import CHECKLIST_PARTS

ITEMS: tuple[str, ...] = tuple(CHECKLIST_PARTS)  # the nine, in the checklist's order


class Status(str, Enum):
    COVERED = "covered"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_CHECKED = "not-checked"

    def __str__(self) -> str:
        return self.value


# The rule of each item that reports the item's part absent. When it did not run, "no findings" cannot
# mean "covered". tests/test_scorecard.py proves each one reports an empty spec's part absent.
ABSENCE_RULES = {
    "data-flow": "IS101",
    "contract-examples": "IS202",
    "auth": "IS301",
    "error-classification": "IS401",
    "retry-policy": "IS501",
    "dead-letter": "IS601",
    "monitoring": "IS701",
    "data-mapping": "IS801",
    "idempotency": "IS901",
}
_RULE_CRASH = re.compile(r"rule (\S+) ")  # the engine's IS003 message for a rule that raised


@dataclass(frozen=True, slots=True)
class ItemScore:
    status: Status
    findings: int = 0
    rules_not_run: tuple[str, ...] = ()  # the item's rules, on by default, that were off or failed here


@dataclass(frozen=True, slots=True)
class SpecScore:
    file: str
    read: bool  # False: not read as a spec, so no rule ran and every item is not checked
    items: dict[str, ItemScore]
    other: dict[str, int]  # findings outside the nine items, by checklist slug
    findings: int  # all of the file's findings

    def status(self, item: str) -> Status:
        return self.items[item].status


@dataclass(frozen=True, slots=True)
class Scorecard:
    specs: tuple[SpecScore, ...]

    def totals(self) -> dict[str, dict[Status, int]]:
        """For each item, how many specs have each status."""
        counts = {item: dict.fromkeys(Status, 0) for item in ITEMS}
        for spec in self.specs:
            for item, score in spec.items.items():
                counts[item][score.status] += 1
        return counts

    def to_dict(self) -> dict:
        """The `summary` block of the JSON report (schemas/findings.schema.json)."""
        return {
            "items": list(ITEMS),
            "specs": [
                {
                    "file": spec.file,
                    "read": spec.read,
                    "findings": spec.findings,
                    "items": {
                        item: {"status": score.status.value, "findings": score.findings,
                               "rules_not_run": list(score.rules_not_run)}
                        for item, score in spec.items.items()
                    },
                    "other": dict(spec.other),
                }
                for spec in self.specs
            ],
            "totals": {item: {status.value: n for status, n in counts.items()}
                       for item, counts in self.totals().items()},
        }


def score(findings: Iterable[Finding], files: Iterable[str], rules, ran: Callable[[str], frozenset[str]],
          unread: frozenset[str] = frozenset()) -> Scorecard:
    """The scorecard of `files` (display names, in report order) from their findings.

    `rules`: code -> Rule, every registered rule. `ran(file)`: the codes of the rules that were on for
    that file. `unread`: files known not to have been read although no finding says so (the rules that
    would say so were off)."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    by_item: dict[str, list[str]] = defaultdict(list)  # item -> codes of its rules that run by default
    for code, rule in rules.items():
        if rule.check is not None and rule.default_enabled and rule.checklist in CHECKLIST_PARTS:
            by_item[rule.checklist].append(code)
    names = list(dict.fromkeys([*files, *by_file]))
    return Scorecard(tuple(_score_file(name, by_file.get(name, []), by_item, rules, ran(name), name in unread)
                           for name in names))


def _score_file(name: str, found: list[Finding], by_item: dict[str, list[str]], rules, ran: frozenset[str],
                unread: bool) -> SpecScore:
    read = not unread and not any(f.part_state == NOT_READ for f in found)
    counts: Counter = Counter(f.checklist for f in found)
    absent = {f.checklist for f in found if f.part_state == PART_ABSENT}
    crashed = {match.group(1) for f in found if f.code == "IS003" and f.part_state != NOT_READ
               for match in [_RULE_CRASH.match(f.message)] if match}
    items: dict[str, ItemScore] = {}
    for item in ITEMS:
        if not read:
            items[item] = ItemScore(Status.NOT_CHECKED)
            continue
        not_run = tuple(code for code in by_item.get(item, ()) if code not in ran or code in crashed)
        failed = any(rules[code].checklist == item for code in crashed if code in rules)
        number = counts[item]
        if number:
            status = Status.MISSING if item in absent else Status.PARTIAL
        elif ABSENCE_RULES[item] in ran and ABSENCE_RULES[item] not in crashed and not failed:
            status = Status.COVERED
        else:
            status = Status.NOT_CHECKED
        items[item] = ItemScore(status, number, not_run)
    other = {slug: n for slug, n in sorted(counts.items()) if slug not in CHECKLIST_PARTS}
    return SpecScore(name, read, items, other, len(found))


# -- a run of the command line ---------------------------------------------------------------------
def for_run(findings: list[Finding], files: list[str], resolver, rules, stdin: dict[str, bytes] | None = None,
            stdin_path: Path | None = None) -> Scorecard:
    """The scorecard of a command-line run: which rules ran on each file comes from that file's
    settings (the nearest config, per-file ignores, --select/--ignore), as in the engine.

    A file with no finding at all, where a rule that reports unreadable input (IS001, IS007...) was
    off, may not have been read: it is linted again with only those rules on, so that it is never
    scored covered. `stdin`: display name -> the bytes read from standard input."""
    stdin = stdin or {}
    with_findings = {f.file for f in findings}
    settings_of = {}

    def settings(name: str):
        if name not in settings_of:
            path = (stdin_path or Path.cwd() / "stdin") if name in stdin else Path(name)
            settings_of[name] = resolver.settings(path)
        return settings_of[name]

    enabled: dict[tuple, frozenset[str]] = {}  # by what decides it: most files of a run share one answer

    def ran(name: str) -> frozenset[str]:
        own = settings(name)
        key = (own.select, own.ignore, own.disabled, own.enabled_extra, tuple(r.code for r in own.extra_rules))
        if key not in enabled:
            enabled[key] = frozenset(r.code for r in (*rules.values(), *own.extra_rules)
                                     if r.check is not None and own.enabled(r.code, r.name, r.default_enabled))
        return enabled[key]

    reading_rules = tuple(code for code, rule in rules.items() if rule.checklist == "syntax")
    unread = set()
    for name in files:
        if name in with_findings:
            continue
        own = settings(name)
        off = tuple(code for code in reading_rules if not own.enabled(code, rules[code].name))
        if off and not _read_as_spec(name, replace(own, select=reading_rules, ignore=()), stdin.get(name)):
            unread.add(name)
    return score(findings, files, rules, ran, frozenset(unread))


def _read_as_spec(name: str, settings, data: bytes | None) -> bool:
    """Whether the engine reads `name` as a spec (with only the rules that say it does not)."""
    from .engine import lint_bytes, lint_file

    found = lint_bytes(data, name, settings) if data is not None else lint_file(Path(name), name, settings)
    return not any(f.part_state == NOT_READ for f in found)

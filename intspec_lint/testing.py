"""The fixture harness, public so that plugin authors test their rules the way the built-ins are tested.

A fixture is a real spec whose expected findings are marked on their lines:

    | Create order | Orders | Fulfillment | | JSON | 500/h <!-- expect: IS101 --> |
    retry:            # expect: IS501
    <!-- expect: IS203@+2 -->      (the line two below; `@7` is line 7)

`check_fixture_dir(rule, folder)` runs one rule on `bad.md`, `good.md`, `bad.yaml` and `good.yaml`
in `folder` and fails when the (code, line) pairs it produces differ from the markers.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .config import Settings
from .engine import lint_text
from .findings import Finding
from .registry import load_rules

_MARKER = re.compile(r"(?:<!--|#)\s*expect:\s*(.*?)\s*(?:-->|$)")
_CODE = re.compile(r"([A-Z]{2,4}\d{3})(?:@([+-]?\d+))?")


def expected(text: str) -> Counter:
    """The multiset of (code, line) the markers in `text` ask for."""
    wanted: Counter = Counter()
    for number, line in enumerate(text.split("\n"), start=1):
        for marker in _MARKER.finditer(line):
            for code, where in _CODE.findall(marker.group(1)):
                if not where:
                    target = number
                elif where[0] in "+-":
                    target = number + int(where)
                else:
                    target = int(where)
                wanted[(code, target)] += 1
    return wanted


def produced(findings: list[Finding]) -> Counter:
    return Counter((f.code, f.line) for f in findings)


def compare(text: str, findings: list[Finding]) -> tuple[Counter, Counter]:
    """(missing, unexpected): what the markers ask for and did not come, and what came unasked."""
    want, got = expected(text), produced(findings)
    return want - got, got - want


def check_text(text: str, path: str, select: tuple[str, ...] = ()) -> list[Finding]:
    """Lint `text` (with only `select` rules, when given) and raise AssertionError on any mismatch. A marker
    of a rule that did not run (not selected, or off by default) is not asked for."""
    settings = Settings(select=select)
    findings = lint_text(text, path, settings)
    missing, unexpected = compare(text, findings)
    rules = load_rules()
    missing = Counter({(code, line): n for (code, line), n in missing.items()
                       if code not in rules or settings.enabled(code, rules[code].name, rules[code].default_enabled)})
    if missing or unexpected:
        lines = [f"{path}: findings differ from the expect markers"]
        lines += [f"  missing    {code} on line {line} (x{n})" for (code, line), n in sorted(missing.items())]
        for finding in findings:
            if unexpected[(finding.code, finding.line)]:
                lines.append(f"  unexpected {finding.code} on line {finding.line}: {finding.message}")
        raise AssertionError("\n".join(lines))
    return findings


def check_fixture_dir(rule, folder: str | Path) -> None:
    """Run `rule` alone on every fixture in `folder` (bad.md, good.md, bad.yaml, good.yaml)."""
    folder = Path(folder)
    files = sorted(p for p in folder.iterdir() if p.stem in ("bad", "good"))
    if not files:
        raise AssertionError(f"{folder}: no bad.* or good.* fixtures")
    for path in files:
        text = path.read_text(encoding="utf-8")
        findings = check_text(text, str(path), (rule.code,))
        if path.stem == "bad" and not findings:
            raise AssertionError(f"{path}: a bad fixture must produce at least one finding")

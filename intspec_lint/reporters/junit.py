"""JUnit XML: a test case per linted file, failing with one <failure> per finding."""

from __future__ import annotations

import re
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: show them as \\xNN."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def render(findings, rules, *, linted=(), **_context) -> str:
    by_file = defaultdict(list)
    for f in findings:
        by_file[f.file].append(f)
    files = list(dict.fromkeys([*linted, *by_file]))
    failures = sum(1 for name in files if by_file[name])
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="intspec-lint" tests="{len(files)}" failures="{failures}" errors="0">',
        f'  <testsuite name="intspec-lint" tests="{len(files)}" failures="{failures}" errors="0" skipped="0">',
    ]
    for name in files:
        found = by_file[name]
        if not found:
            out.append(f"    <testcase classname={quoteattr(_xml(name))} name={quoteattr(_xml(name))}/>")
            continue
        out.append(f"    <testcase classname={quoteattr(_xml(name))} name={quoteattr(_xml(name))}>")
        for f in found:
            summary = _xml(f"{f.code} {f.message}")
            detail = _xml(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message} [{f.rule}]")
            out.append(f"      <failure type={quoteattr(f.code)} message={quoteattr(summary)}>{escape(detail)}</failure>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"

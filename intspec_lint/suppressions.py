"""Inline suppressions, applied by the engine (rules never see them).

Markdown::

    <!-- intspec-lint-disable IS301 IS302 -- reason -->   ...until -enable (or the end of the file)
    <!-- intspec-lint-enable IS301 -->
    <!-- intspec-lint-disable-next-line IS501 -- reason -->
    <!-- intspec-lint-disable-file IS701 -- reason -->

YAML::

    retry:  # intspec-lint: disable=IS501 -- reason        (this line)
    # intspec-lint: disable=IS501 -- reason                 (on its own line: the next line)
    # intspec-lint: disable-file=IS701 -- reason

Codes or rule names; none means every rule. A suppression that silences nothing, or names a rule
that does not exist, is a finding of its own (IS004, IS005), as is one without a reason when the
config asks for reasons (IS006).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .findings import Finding, Hit
from .span import Span

_MARKDOWN = re.compile(r"<!--\s*intspec-lint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->")
_YAML = re.compile(r"(?:^|\s)#\s*intspec-lint:\s*(disable-next-line|disable-file|disable|enable)\s*(?:=\s*(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass
class Directive:
    kind: str  # disable, enable, next-line, file, line
    keys: tuple[str, ...]  # codes or names as written; () = every rule
    reason: str
    span: Span
    first: int = 0  # the lines it covers
    last: int = 0
    codes: set[str] = field(default_factory=set)  # resolved codes; empty = every rule
    used: bool = False
    shadow: bool = False  # the rest of a directive split by a partial enable


def parse(text: str, fmt: str) -> list[Directive]:
    lines = text.split("\n")
    directives: list[Directive] = []
    fence = None
    for number, line in enumerate(lines, start=1):
        if fmt == "markdown":
            opened = _FENCE.match(line)
            if fence is not None:
                if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                    fence = None
                continue
            if opened:
                fence = opened.group(1)
                continue
            for match in _MARKDOWN.finditer(line):
                directives.append(_directive(match.group(1), match.group(2), number, match.start(), line, fmt))
        elif "intspec-lint" in line:
            match = _YAML.search(line)
            if match:
                directives.append(_directive(match.group(1), match.group(2) or "", number, match.start(), line, fmt))
    _resolve_ranges(directives, lines, fmt)
    return directives


def _directive(kind: str, body: str, number: int, start: int, line: str, fmt: str) -> Directive:
    body, _, reason = body.partition("--")
    keys = tuple(k for k in re.split(r"[\s,]+", body.strip()) if k)
    column = start + 1 + (len(line[start:]) - len(line[start:].lstrip()))
    span = Span(number, column, number, len(line) + 1)
    if fmt == "yaml" and kind == "disable":
        own_line = not line[:start].strip()
        kind = "next-line" if own_line else "line"
    return Directive(kind.replace("disable-next-line", "next-line").replace("disable-file", "file"), keys,
                     reason.strip(), span)


def _resolve_ranges(directives: list[Directive], lines: list[str], fmt: str) -> None:
    total = len(lines)
    for index, directive in enumerate(list(directives)):
        line = directive.span.line
        if directive.kind == "line":
            directive.first = directive.last = line
        elif directive.kind == "next-line":
            target = line + 1
            while fmt == "yaml" and target <= total and (not lines[target - 1].strip()
                                                           or lines[target - 1].lstrip().startswith("#")):
                target += 1
            directive.first = directive.last = target
        elif directive.kind == "file":
            directive.first, directive.last = 1, total
        elif directive.kind == "disable":
            directive.first, directive.last = line, total
            for later in directives[index + 1 :]:
                if later.kind != "enable":
                    continue
                if not later.keys or not directive.keys or set(later.keys) >= set(directive.keys):
                    directive.last = later.span.line
                    break
                if set(later.keys) & set(directive.keys):
                    # `enable IS501` after `disable IS501 IS701`: IS501 ends here, IS701 goes on
                    rest = tuple(k for k in directive.keys if k not in later.keys)
                    ended = tuple(k for k in directive.keys if k in later.keys)
                    directive.keys, directive.last = ended, later.span.line
                    carry = Directive("disable", rest, directive.reason, directive.span, later.span.line, total)
                    carry.shadow = True
                    directives.append(carry)
                    break


def apply(findings: list[Finding], directives: list[Directive], rules, require_reason: bool, report,
          enabled) -> list[Finding]:
    """The findings left after the suppressions, plus findings about the suppressions themselves.

    `report(code, hit)` builds an engine finding (it honours the settings for IS004-IS006);
    `enabled(code)` says whether a rule runs at all: suppressing a rule that is off is not "unused"."""
    names = {rule.name: code for code, rule in rules.items()}
    extra: list[Finding] = []
    for directive in directives:
        if directive.kind == "enable" or directive.shadow:
            if directive.shadow:
                directive.codes = {k.upper() if k.upper() in rules else names.get(k) for k in directive.keys} - {None}
            continue
        for key in directive.keys:
            code = key.upper() if key.upper() in rules else names.get(key)
            if code is None:
                extra += report("IS005", Hit(directive.span, f"suppression names '{key}', which is not a rule "
                                                             "(see `intspec-lint rules`)"))
            else:
                directive.codes.add(code)
        if require_reason and not directive.reason:
            extra += report("IS006", Hit(directive.span, "suppression gives no reason: add `-- why` so that the "
                                                         "next reader knows"))
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        for directive in directives:
            if directive.kind == "enable" or not (directive.first <= finding.line <= directive.last):
                continue
            if directive.keys and finding.code not in directive.codes:
                continue
            directive.used = silenced = True
        if not silenced:
            kept.append(finding)
    for directive in directives:
        if directive.kind == "enable" or directive.shadow or directive.used or (directive.keys and not directive.codes):
            continue
        if not directive.codes or any(enabled(code) for code in directive.codes):
            what = ", ".join(sorted(directive.codes)) or "every rule"
            extra += report("IS004", Hit(directive.span, f"suppression of {what} silences nothing here: remove it"))
    return kept + extra

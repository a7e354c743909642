"""The HTML portfolio report: every spec's checklist scorecard in one matrix, and its findings.

One self-contained file (inline style and script, nothing fetched; its Content-Security-Policy
forbids fetching anything), readable with scripts off: a matrix of specs (rows, by path) by the nine
checklist items (columns), each cell a symbol, a word and a colour, with totals per item in the
footer; then, per spec, a `<details>` section listing its findings with the source line each points
at. Everything that comes from a spec or a path is HTML-escaped. Built as a list of strings joined
once, so 1,000 specs cost little more than their findings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from html import escape

from .. import __version__
from ..scorecard import ITEMS, Scorecard, SpecScore, Status
from .html_assets import CSS, SCRIPT
from .scorecard_text import SYMBOLS

_SYMBOL = {status: escape(symbol) for status, symbol in SYMBOLS.items()}
_WORD = {Status.COVERED: "covered", Status.PARTIAL: "partial", Status.MISSING: "missing",
         Status.NOT_CHECKED: "not checked"}
_RANK = {Status.MISSING: 0, Status.PARTIAL: 1, Status.NOT_CHECKED: 2, Status.COVERED: 3}  # worst first
# what HTML cannot hold (C0 controls but tab and newline, DEL) or UTF-8 cannot encode (lone surrogates)
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_MAX_SOURCE = 400  # characters of a source line shown; a minified line is not worth a screen
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _h(text: object) -> str:
    """`text` escaped for HTML text and attribute values, with characters HTML cannot hold replaced."""
    text = escape(str(text), quote=True)
    return _UNSAFE.sub("\ufffd", text) if _UNSAFE.search(text) else text


def render(findings, rules, *, scorecard: Scorecard | None = None, sources=None, titles: dict | None = None,
           **_context) -> str:
    """The report. `scorecard`: of every linted spec (scorecard.for_run); `sources`: a SourceLines
    that gives each file's lines (None: no source shown); `titles`: checklist slug -> title."""
    if scorecard is None:
        raise ValueError("the HTML report needs the scorecard of the run")
    titles = titles or {}
    specs = sorted(scorecard.specs, key=lambda spec: spec.file)
    shown: dict[str, list] = defaultdict(list)
    for finding in findings:
        shown[finding.file].append(finding)
    out: list[str] = []
    _head(out, specs, findings, titles)
    _matrix(out, specs, scorecard, titles)
    out.append('<h2 id="specs">Findings by spec</h2>\n')
    one = len(specs) == 1
    known = _rule_cells(rules)
    for index, spec in enumerate(specs):
        _details(out, index, spec, shown.get(spec.file, []), known, sources, titles, one)
    out.append(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(out)


def _head(out: list[str], specs: list[SpecScore], findings, titles: dict) -> None:
    severities = Counter(f.severity.value for f in findings)
    said = ", ".join(f"{severities[s]} {s}{'s' if severities[s] != 1 else ''}" for s in ("error", "warning", "info")
                     if severities[s])
    total = sum(spec.findings for spec in specs)
    unread = sum(1 for spec in specs if not spec.read)
    out.append(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Integration spec portfolio: {len(specs)} spec{'s' if len(specs) != 1 else ''}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>Integration spec portfolio</h1>\n"
    )
    summary = f"{len(specs)} spec{'s' if len(specs) != 1 else ''}, {total} finding{'s' if total != 1 else ''}"
    if said:
        summary += f" listed below ({said})"
    if unread:
        summary += f"; {unread} not read as a spec"
    out.append(f'<p class="meta">{_h(summary)}. Written by intspec-lint {_h(__version__)}.</p>\n')
    out.append('<ul class="legend" aria-label="Legend">')
    for status in (Status.COVERED, Status.PARTIAL, Status.MISSING, Status.NOT_CHECKED):
        out.append(f'<li class="s-{status.value}"><span aria-hidden="true">{_SYMBOL[status]}</span> '
                   f"{_WORD[status]}</li>")
    out.append("</ul>\n<p class=\"meta\">Covered: no finding. Partial: findings, the spec has the part. "
               "Missing: the spec lacks the part. Not checked: the rule that looks for the part did not run, "
               "or the file was not read as a spec. Numbers are findings. Click a column heading to sort; "
               "click it again to reverse.</p>\n</header>\n")


def _matrix(out: list[str], specs: list[SpecScore], scorecard: Scorecard, titles: dict) -> None:
    out.append('<div class="wrap">\n<table id="matrix">\n<caption class="meta">Checklist items per spec'
               '</caption>\n<thead>\n<tr><th scope="col" data-key="spec">Spec</th>')
    for item in ITEMS:
        out.append(f'<th scope="col" data-key="{item}" title="{_h(item)}">{_h(titles.get(item, item))}</th>')
    out.append('<th scope="col" data-key="other" title="findings outside the nine items">Other</th>'
               '<th scope="col" data-key="findings">Findings</th></tr>\n</thead>\n<tbody>\n')
    for index, spec in enumerate(specs):
        name = _h(spec.file).replace("/", "/<wbr>")  # long paths wrap at their folders
        out.append(f'<tr data-i="{index}"><th scope="row" data-r="{index}"><a href="#spec-{index}">{name}</a></th>')
        for item in ITEMS:
            score = spec.items[item]
            status = score.status
            label = f"{titles.get(item, item)}: {_WORD[status]}"
            if score.findings:
                label += f", {score.findings} finding{'s' if score.findings != 1 else ''}"
            if score.rules_not_run:
                label += f" ({', '.join(score.rules_not_run)} did not run)"
            count = f" <b>{score.findings}</b>" if score.findings else ""
            out.append(f'<td class="cell s-{status.value}" data-r="{_RANK[status]}" data-n="{score.findings}" '
                       f'title="{_h(label)}" aria-label="{_h(label)}"><span class="sym" aria-hidden="true">'
                       f"{_SYMBOL[status]}</span> {_WORD[status]}{count}</td>")
        other = sum(spec.other.values())
        out.append(f'<td class="n" data-r="{-other}" data-n="0">{other}</td>'
                   f'<td class="n" data-r="{-spec.findings}" data-n="0">{spec.findings}</td></tr>\n')
    out.append('</tbody>\n<tfoot>\n<tr><th scope="row">Specs per item</th>')
    totals = scorecard.totals()
    for item in ITEMS:
        counts = totals[item]
        label = ", ".join(f"{counts[s]} {_WORD[s]}" for s in Status)
        out.append(f'<td class="tot" title="{_h(label)}" aria-label="{_h(titles.get(item, item))}: {_h(label)}">')
        out.append(" ".join(f'<span class="s-{s.value}"><span aria-hidden="true">{_SYMBOL[s]}</span> {counts[s]}</span>'
                            for s in Status if counts[s]))
        out.append("</td>")
    other = sum(sum(spec.other.values()) for spec in specs)
    total = sum(spec.findings for spec in specs)
    out.append(f'<td class="n">{other}</td><td class="n">{total}</td></tr>\n</tfoot>\n</table>\n</div>\n')


def _details(out: list[str], index: int, spec: SpecScore, found: list, known: dict[str, str], sources,
             titles: dict, open_: bool) -> None:
    count = f"{spec.findings} finding{'s' if spec.findings != 1 else ''}"
    gaps = [f"{_SYMBOL[spec.items[item].status]}" for item in ITEMS]
    out.append(f'<details id="spec-{index}"{" open" if open_ else ""}><summary><span class="path">{_h(spec.file)}'
               f'</span> <span class="count">{count} <span aria-hidden="true">{" ".join(gaps)}</span></span>'
               '</summary>\n<div class="body">\n')
    if not spec.read:
        out.append('<p class="note">This file was not read as a spec (see its findings): no checklist item was '
                   "checked.</p>\n")
    missing = [titles.get(item, item) for item in ITEMS if spec.items[item].status is Status.MISSING]
    if missing:
        out.append(f"<p>Missing: {_h(', '.join(missing))}.</p>\n")
    hidden = spec.findings - len(found)
    if hidden > 0:
        out.append(f'<p class="note">{hidden} more finding{"s are" if hidden != 1 else " is"} counted in the matrix '
                   "but not listed (in the baseline, or outside the --diff-only change).</p>\n")
    if not found:
        if hidden <= 0:
            out.append('<p class="note">No findings.</p>\n')
        out.append("</div>\n</details>\n")
        return
    lines = sources.lines(spec.file) if sources is not None else None
    out.append('<table class="findings"><thead><tr><th scope="col">Line</th><th scope="col">Code</th>'
               '<th scope="col">Severity</th><th scope="col">Message and source</th></tr></thead>\n<tbody>\n')
    for finding in found:
        code = known.get(finding.code) or _h(finding.code)
        severity = finding.severity.value
        source = ""
        if lines is not None and 0 < finding.line <= len(lines):
            text = lines[finding.line - 1]
            if len(text) > _MAX_SOURCE:
                text = text[:_MAX_SOURCE] + "…"
            if text.strip():
                source = f'<code class="src" title="line {finding.line}">{_h(text)}</code>'
        out.append(f'<tr><td class="ln">{finding.line}:{finding.column}</td><td><code>{code}</code></td>'
                   f'<td class="sev sev-{severity}">{severity}</td><td>{_h(finding.message)} '
                   f'<span class="meta">[{known.get(finding.rule) or _h(finding.rule)}]</span>{source}</td></tr>\n')
    out.append("</tbody></table>\n</div>\n</details>\n")


def _rule_cells(rules) -> dict[str, str]:
    """Each rule's code as a link to its documentation (by code) and its name (by name), escaped once
    per report instead of once per finding."""
    found: dict[str, str] = {}
    for code, rule in rules.items():
        found[code] = f'<a href="{_h(rule.docs_url)}" title="{_h(rule.name)}">{_h(code)}</a>'
        found[rule.name] = _h(rule.name)
    return found

"""Rewrites of a spec's headings and section order. Each takes Markdown text and returns the
rewritten text, or None when it does not apply to the spec (nothing for it to change)."""

from __future__ import annotations

import re

from .markdown import Block, Doc, atx, parse, split_heading

# What a human might head a section with instead. Keys are heading words lower-cased, with "&" read
# as "and"; the values are deliberately words a spec writer uses, not words chosen to please the
# reader's vocabulary.
SYNONYMS = {
    "overview": "Context",
    "summary": "What this is",
    "introduction": "Context",
    "error handling": "When things fail",
    "errors": "When things fail",
    "error classification": "Failure categories",
    "failure handling": "When things fail",
    "transient errors": "Temporary failures",
    "permanent errors": "Failures we do not retry",
    "partial errors": "Partly successful requests",
    "partial failures": "Partly successful requests",
    "retry logic": "Retries and backoff",
    "retry policy": "Retries and backoff",
    "retries": "Retries and backoff",
    "retry": "Retries and backoff",
    "monitoring": "Observability",
    "monitoring and alerting": "Observability",
    "monitoring and alerts": "Observability",
    "alerting": "Paging",
    "data mapping": "Field mapping",
    "field mapping": "Data mapping",
    "mapping": "Field mapping",
    "authentication": "Security",
    "authentication and authorization": "Security",
    "auth": "Security",
    "security": "Credentials and access",
    "credentials": "Secrets",
    "data flows": "What moves where",
    "data flow diagram": "What moves where",
    "data flow": "What moves where",
    "flows": "What moves where",
    "idempotency": "Duplicate handling",
    "duplicate handling": "Idempotency",
    "dead-letter handling": "Failed messages",
    "dead letters": "Failed messages",
    "dead letter queue": "Failed messages",
    "dlq": "Failed messages",
    "api contracts": "Interfaces",
    "contracts": "Endpoints",
    "endpoints": "API calls",
    "interfaces": "API calls",
    "service levels": "Targets",
    "sla": "Targets",
    "slas": "Targets",
}

_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")


def _key(core: str) -> str:
    return re.sub(r"\s+", " ", core.replace("&", "and")).strip(" :.").lower()


def _edit(doc: Doc, changes: dict[int, list[str]]) -> str | None:
    """The doc with the blocks starting at the given lines replaced (bottom up, so numbers hold)."""
    if not changes:
        return None
    lines = list(doc.lines)
    for block in sorted((b for b in doc.blocks if b.start in changes), key=lambda b: -b.start):
        lines[block.start:block.end] = changes[block.start]
    return doc.render(lines)


def _as(block: Block, text: str, level: int | None = None) -> list[str]:
    """A heading with new text, in its own style (setext stays setext where it can)."""
    level = block.level if level is None else level
    if block.setext and level <= 2:
        return setext(level, text)
    return [atx(level, text)]


def setext(level: int, text: str) -> list[str]:
    """A setext heading. Words that open like a list item or a quote ("1. Overview") would start that
    block on their own line, so their marker is escaped, as a Markdown formatter escapes it."""
    text = re.sub(r"^(\d{1,9})([.)])(?=\s)", r"\1\\\2", text)
    text = re.sub(r"^([-+*>])(?=\s)", r"\\\1", text)
    return [text, ("=" if level == 1 else "-") * max(3, len(text))]


def heading_synonyms(text: str) -> str | None:
    """Section headings replaced by synonyms ("Error Handling" -> "When things fail"), numbers and
    emoji kept."""
    doc = parse(text)
    changes = {}
    for head in doc.below_title():
        parts = split_heading(doc.heading_text(head))
        synonym = SYNONYMS.get(_key(parts.core))
        if synonym:
            parts.core = synonym
            changes[head.start] = _as(head, parts.render())
    return _edit(doc, changes)


def reorder_sections(text: str) -> str | None:
    """The top-level sections below the title in reverse order (each with its subsections)."""
    doc = parse(text)
    preamble, sections = doc.sections()
    if len(sections) < 2:
        return None
    out = _trim(preamble)
    for _, lines in reversed(sections):
        out += ["", *_trim(lines)]
    return doc.render([*out, ""])


def _trim(lines: list[str]) -> list[str]:
    lines = list(lines)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def heading_levels(text: str) -> str | None:
    """Every heading below the title one level deeper (## -> ###); setext headings become ATX."""
    doc = parse(text)
    heads = doc.below_title()
    if not heads or max(h.level for h in heads) >= 6:
        return None
    return _edit(doc, {h.start: [atx(h.level + 1, doc.heading_text(h))] for h in heads})


def heading_levels_up(text: str) -> str | None:
    """Every heading below the title one level up (## -> #), so that sections are level 1 like the
    title, as specs written "one H1 per section" are."""
    doc = parse(text)
    heads = doc.below_title()
    if doc.title() is None or not heads or doc.section_level() < 2:
        return None
    return _edit(doc, {h.start: _as(h, doc.heading_text(h), h.level - 1) for h in heads})


def bold_headings(text: str) -> str | None:
    """Headings that head no subsection lines of bold text alone ("**Retry Policy**"): the section
    headings (## under a # title) where there is no deeper level, else the subsection headings with
    no subsection of their own (### under ##). A bold line heads what follows it up to the next
    heading, so each part keeps its place in the outline (a ## heading written bold after a ###
    subsection would stand inside that subsection instead: bold-headings-all flattens every level)."""
    doc = parse(text)
    heads = doc.below_title()
    level = doc.section_level()
    if all(h.level == level for h in heads):
        return _bold(doc, heads)
    leaves = [h for index, h in enumerate(heads) if h.level > level
              and (index + 1 == len(heads) or heads[index + 1].level <= h.level)]
    return _bold(doc, leaves)


def bold_headings_all(text: str) -> str | None:
    """Every heading below the title a line of bold text alone, as Confluence exports and slide-like
    specs head their parts: the nesting of subsections is then left to the reader to infer."""
    doc = parse(text)
    return _bold(doc, doc.below_title())


def _bold(doc: Doc, heads: list[Block]) -> str | None:
    changes = {}
    for head in heads:
        words = doc.heading_text(head)
        if not words or "**" in words:
            continue
        changes[head.start] = ["", f"**{words}**", ""]
    return _edit(doc, changes)


def numbered_headings(text: str) -> str | None:
    """Section numbers removed from numbered headings, or added ("1.", "1.1") where there are none."""
    doc = parse(text)
    heads = doc.below_title()
    if not heads:
        return None
    split = {h.start: split_heading(doc.heading_text(h)) for h in heads}
    numbered = sum(1 for parts in split.values() if parts.number)
    changes = {}
    if numbered * 2 >= len(heads):
        for head in heads:
            parts = split[head.start]
            if parts.number and parts.core:
                changes[head.start] = _as(head, parts.render(number=""))
        return _edit(doc, changes)
    base = doc.section_level()
    counters = [0, 0, 0]
    for head in heads:
        depth = head.level - base
        if depth > 2:
            continue
        counters[depth] += 1
        counters[depth + 1:] = [0] * (2 - depth)
        number = ".".join(str(n) for n in counters[:depth + 1]) + ("." if depth == 0 else "")
        parts = split[head.start]
        if not parts.core or parts.number:
            continue
        changes[head.start] = _as(head, parts.render(number=number))
    return _edit(doc, changes)


# Pairs of adjacent sections a writer would put under one heading, and the heading they would use.
_MERGES = [
    (r"error|fail", r"retr", "Error handling and retries"),
    (r"retr", r"dead|dlq|failed message", "Retries and dead letters"),
    (r"monitor|observ|alert", r"dead|dlq", "Monitoring and dead letters"),
    (r"auth|secur|credential", r"idempot|duplicate", "Security and duplicates"),
    (r"overview|summary|context", r"flow", "Overview and data flows"),
]


def merge_sections(text: str) -> str | None:
    """Two adjacent top-level sections under one heading ("Error handling and retries"): the second
    one's heading goes, its content follows the first one's. Only where the first has no
    subsections (else the second's content would land in the first's last subsection)."""
    doc = parse(text)
    _, sections = doc.sections()
    level = doc.section_level()
    candidates = []
    for index in range(len(sections) - 1):
        (first, first_lines), (second, _) = sections[index], sections[index + 1]
        if any(h.level > level for h in doc.headings() if first.start < h.start < second.start):
            continue
        a = split_heading(doc.heading_text(first))
        b = split_heading(doc.heading_text(second))
        for rank, (left, right, merged) in enumerate(_MERGES):
            if re.search(left, a.core, re.I) and re.search(right, b.core, re.I):
                candidates.append((rank, index, merged))
        candidates.append((len(_MERGES), index, f"{a.core} and {_lower_first(b.core)}"))
    if not candidates:
        return None
    _, index, merged = min(candidates)
    first, second = sections[index][0], sections[index + 1][0]
    parts = split_heading(doc.heading_text(first))
    parts.core = merged
    return _edit(doc, {first.start: _as(first, parts.render()), second.start: [""]})


def _lower_first(words: str) -> str:
    first = words.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or any(c.isupper() for c in first[1:])):
        return words  # an acronym or a name ("API contracts", "SLA")
    return words[:1].lower() + words[1:]


def setext_headings(text: str) -> str | None:
    """Level 1 and 2 ATX headings written setext style (underlined with === or ---)."""
    doc = parse(text)
    changes = {}
    for head in doc.headings():
        if head.setext or head.level > 2:
            continue
        words = doc.heading_text(head)
        if not words:
            continue
        changes[head.start] = setext(head.level, words)
    return _edit(doc, changes)

"""The whole spec as one register table, a fact per row, as integration registers and spreadsheet
exports are: "Section — item | Fact" (two columns) or "Section | Item | Specification" (three).

Only for specs whose sections hold facts a row can carry whole: "Key: value" lists and lines,
prose paragraphs, tables whose first column is a key, and JSON examples that fit in a code span
(one line in the fence, or valid JSON with its lines joined). A spec with anything else below its
title (a YAML block, a diagram, an HTTP exchange, a quote, a list with nested blocks) is skipped.
"""

from __future__ import annotations

import json
import re

from .blocks import escape_pipes
from .markdown import Block, Doc, item_text, key_value, parse, split_heading, table_rows, unbold, unescape_cell

_MIN_SECTIONS = 3
_BOLD_LABEL = re.compile(r"^\s*\*\*([^*]+?):?\*\*(?:\s*\([^()]*\))?:?\s*$")


class _Skip(Exception):
    """The spec holds a block no register row can carry."""


def whole_spec_as_table(text: str) -> str | None:
    """The spec's facts below the title as one two-column table, "Section — item | Fact"."""
    return _register(text, three=False)


def whole_spec_as_register(text: str) -> str | None:
    """The spec's facts below the title as one three-column table, "Section | Item | Specification"."""
    return _register(text, three=True)


def _register(text: str, three: bool) -> str | None:
    doc = parse(text)
    heads = doc.below_title()
    if len(heads) < _MIN_SECTIONS:
        return None
    try:
        rows = _rows(doc, heads[0].start)
    except _Skip:
        return None
    if not rows:
        return None
    if three:
        table = ["| Section | Item | Specification |", "|---|---|---|"]
        table += [f"| {escape_pipes(s)} | {escape_pipes(i)} | {escape_pipes(f)} |" for s, i, f in rows]
    else:
        table = ["| Section — item | Fact |", "|---|---|"]
        table += [f"| {escape_pipes(f'{s} — {i}' if i else s)} | {escape_pipes(f)} |" for s, i, f in rows]
    kept = doc.lines[:heads[0].start]
    while kept and not kept[-1].strip():
        kept.pop()
    return doc.render([*kept, "", *table, ""])


def _rows(doc: Doc, start: int) -> list[tuple[str, str, str]]:
    """(section, item, fact) rows of the blocks from line `start` on. The section is the heading path;
    a bold line alone ("**Request body**", "**Status codes**") labels the blocks after it, up to the
    next heading or label, as a heading one level deeper would."""
    rows: list[tuple[str, str, str]] = []
    path: list[tuple[int, str]] = []
    label = ""
    blocks = [b for b in doc.blocks if b.start >= start]
    skip_next = False
    for index, block in enumerate(blocks):
        if skip_next:
            skip_next = False
            continue
        if block.kind == "heading":
            words = split_heading(doc.heading_text(block)).render(number="")
            path = [(level, w) for level, w in path if level < block.level] + [(block.level, words)]
            label = ""
            continue
        if block.kind in ("html_block", "hr"):
            continue  # a comment or a rule carries no fact
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        example = _example(doc, following) if following is not None else None
        lines = doc.lines[block.start:block.end]
        bold = _BOLD_LABEL.match(lines[0]) if block.kind == "paragraph" else None
        if bold:
            label = bold.group(1).strip()
            if len(lines) == 1:
                if example is not None:  # "**Example response** (`201`)" then its fence
                    rows.append((_section(path, ""), unbold(lines[0].strip()).rstrip(":"), example))
                    skip_next = True
                continue
            block = Block("paragraph", block.start + 1, block.end)  # "**Summary**" then its prose
        section = _section(path, label)
        facts = _facts(doc, block)
        if example is not None and facts and facts[-1][1] == "" and facts[-1][0].endswith(":"):
            facts[-1] = (facts[-1][0].rstrip(":").strip(), example)  # "Example request:" then its fence
            skip_next = True
        rows += [(section, item, fact) for item, fact in facts]
    return rows


def _section(path: list[tuple[int, str]], label: str) -> str:
    return " / ".join([words for _, words in path] + ([label] if label else []))


def _facts(doc: Doc, block: Block) -> list[tuple[str, str]]:
    """(item, fact) pairs of a block; a lead-in line ending in ":" comes as (line, "")."""
    lines = doc.lines[block.start:block.end]
    if block.kind == "paragraph":
        pairs = [key_value(line) for line in lines]
        if all(pairs):
            return list(pairs)
        words = " ".join(line.strip() for line in lines)
        if words.endswith(":"):
            return [(words, "")]
        return [("", words)]
    if block.kind in ("bullet_list", "ordered_list"):
        if not all(block.simple):
            raise _Skip
        out = []
        for first, end in block.items:
            words = item_text(doc.lines, first, end)
            pair = key_value(words)
            out.append(pair if pair else (words, "") if words.endswith(":") else ("", words))
        return out
    if block.kind == "table":
        header, rows = table_rows(doc, block)
        if len(header) < 2 or any(not row or not row[0] for row in rows):
            raise _Skip
        # A row's key is its item, as registers are written: the key column's header ("Metric",
        # "Source Field") is implied by the section; the other cells keep theirs when there are several.
        names = [unbold(unescape_cell(name)) for name in header]
        out = []
        for row in rows:
            cells = [unescape_cell(cell) for cell in (row + [""] * len(header))[:len(header)]]
            if len(header) == 2:
                out.append((unbold(cells[0]), cells[1]))
            else:
                named = [f"{name}: {cell}" for name, cell in zip(names[1:], cells[1:]) if cell]
                out.append((unbold(cells[0]), "; ".join(named)))
        return out
    if block.kind == "fence":
        example = _example(doc, block)
        if example is None:
            raise _Skip
        return [("Example", example)]
    raise _Skip


def _example(doc: Doc, block: Block) -> str | None:
    """A fenced JSON example as a code span: its one line as it is, or valid JSON with its lines joined
    (only the indentation goes: numbers and strings keep their text)."""
    if block.kind != "fence" or (block.info.split() or [""])[0].lower() not in ("json", ""):
        return None
    body = [line for line in doc.lines[block.start + 1:block.end - 1] if line.strip()]
    if not body:
        return None
    text = " ".join(line.strip() for line in body)  # the JSON's own text, on one line
    if len(body) > 1:
        try:
            json.loads(text)
        except ValueError:
            return None
    if "`" in text or not text.startswith(("{", "[")):
        return None
    return f"`{text}`"

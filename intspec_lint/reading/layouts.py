"""Layouts that stand for sections without being headed as such, rewritten into ordinary sections
so that the extractor reads them like any other spec:

- a line of bold text alone ("**Dead-letter handling**"), as Confluence exports and slide-like
  specs head their parts: it heads the blocks after it, up to the next one;
- one register table holding the whole spec, a fact per row ("Section | Item | Specification",
  as integration registers and spreadsheet exports are). A table is a register when its header is
  not one the vocabulary knows (a flow or mapping table is not) and the first cells of most of its
  rows name a part of the spec ("Overview", "Retry", "Contract: Create order"). Each run of rows
  with the same first cell becomes a section whose rows are list items, "Item: Specification"; a
  JSON body in a code span ("Example request | `{...}`") becomes a code block on its row, where a
  contract reads its examples.
"""

from __future__ import annotations

import re

from ..document.model import Cell, ListBlock, ListItem, Paragraph, Section, Table
from ..span import Span

_MIN_ROWS = 5
_MIN_PARTS = 3
_SHARE = 0.6  # of the rows whose first cell names a part
_TRAILING_COMMENT = re.compile(r"\s*<!--.*?-->\s*$")


def promote_bold_headings(root: Section, lines: list[str]) -> None:
    """Make each line of bold text alone the heading of a sub-section holding the blocks after it
    (in place). A paragraph that goes on below its bold first line keeps the rest in the section."""
    for section in list(root.walk()):
        kept: list = []
        promoted: list[Section] = []
        for block in section.blocks:
            title = _bold_heading(block, lines)
            if title is None:
                (promoted[-1].blocks if promoted else kept).append(block)
                continue
            span = block.span
            heading = Section(title, section.level + 1, Span(span.line, 1, span.line, len(lines[span.line - 1]) + 1))
            rest = block.text.split("\n", 1)[1] if "\n" in block.text else ""
            if rest.strip():
                heading.blocks.append(Paragraph(rest, Span(span.line + 1, 1, span.end_line, span.end_column)))
            promoted.append(heading)
        if promoted:
            for heading in promoted:
                last = heading.blocks[-1].span.end_line if heading.blocks else heading.span.line
                heading.end_line = last
            section.blocks = kept
            section.children[:0] = promoted


def _bold_heading(block, lines: list[str]) -> str | None:
    """The title of a paragraph whose first line is bold text alone ("**Retries**", "__DLQ:__")."""
    if not isinstance(block, Paragraph) or block.span.line > len(lines):
        return None
    raw = _TRAILING_COMMENT.sub("", lines[block.span.line - 1]).strip()  # "**Retries** <!-- note -->"
    if len(raw) > 80 or not raw.startswith(("**", "__")) or not raw.rstrip(":").endswith(("**", "__")):
        return None
    title = block.text.split("\n", 1)[0].strip().rstrip(":").strip()
    return title or None


def unfold_registers(root: Section, vocab) -> None:
    """Replace each register table under `root` by the sections it holds (in place)."""
    for section in list(root.walk()):
        for block in list(section.blocks):
            if isinstance(block, Table) and _is_register(block, vocab):
                section.blocks.remove(block)
                section.children[:0] = _sections(block, section.level + 1, vocab)


def _part_of(text: str, vocab) -> tuple[str, str]:
    """(part heading, item heading) a first cell names: ("Contract", "Create order"), ("Retry", "")."""
    text = text.strip(" *`")
    label, item = vocab.label(text)
    if label:
        return label, item
    return (text, "") if vocab.section_parts(text) else ("", "")


def _is_register(table: Table, vocab) -> bool:
    """Three columns or more (part, item, fact), or two whose first names part and item ("Retry: max
    attempts | 5")."""
    if len(table.header) < 2 or len(table.rows) < _MIN_ROWS:
        return False
    if vocab.table_part([cell.text for cell in table.header], ()) is not None:
        return False
    named = [_part_of(row.cells[0].text, vocab) for row in table.rows if row.cells]
    if len(table.header) == 2:
        named = [(part, item) for part, item in named if item]
    parts = {found for part, _ in named if part for found in vocab.section_parts(part)}
    return sum(1 for part, _ in named if part) >= _SHARE * len(table.rows) and len(parts) >= _MIN_PARTS


def _sections(table: Table, level: int, vocab) -> list[Section]:
    """One section per run of rows under the same part; items of one part ("Contract: A", "Contract:
    B") are sub-sections of one section named by the part."""
    sections: list[Section] = []
    current: Section | None = None
    keyed = len(table.header) == 2  # "Retry: max attempts | 5": the item is the key of the fact
    for row in table.rows:
        if not row.cells:
            continue
        part, item = _part_of(row.cells[0].text, vocab)
        cells = row.cells[1:]
        if keyed and item:
            cells, item = [Cell(item, row.cells[0].span), *cells], ""
        if not part:  # a row that names no part continues the one above
            part, item = (current.title, "") if current is not None else (row.cells[0].text, "")
        parent = sections[-1] if sections and sections[-1].title == part else None
        if parent is None:
            parent = Section(part, level, row.cells[0].span)
            sections.append(parent)
        target = parent
        if item:
            if not parent.children or parent.children[-1].title != item:
                parent.children.append(Section(item, level + 1, row.cells[0].span))
            target = parent.children[-1]
        current = target
        if not target.blocks:
            target.blocks.append(ListBlock([], False, row.span))
        target.blocks[-1].items.append(_item(cells, row.span))
        for unit in (parent, target):
            unit.end_line = row.span.end_line
    return sections


def _item(cells: list[Cell], span: Span) -> ListItem:
    texts = [cell.text.strip() for cell in cells]
    key, rest = (texts[0], "; ".join(t for t in texts[1:] if t)) if len(texts) > 1 else ("", texts[0] if texts else "")
    return ListItem(f"{key}: {rest}" if key and rest else key or rest, span)

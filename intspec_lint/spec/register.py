"""Specs kept as one table, a fact per row ("Section | Item | Specification"), as integration
registers and spreadsheet exports are: such a table is unfolded into the sections it stands for,
so that the extractor reads it like any other spec.

A table is a register when its header is not one the vocabulary knows (a flow or mapping table
is not) and the first cells of most of its rows name a part of the spec ("Overview", "Retry",
"Contract: Create order"). Each run of rows with the same first cell becomes a section whose
rows are list items, "Item: Specification"; a JSON body in a code span ("Example request |
`{...}`") becomes a code block on its row, where a contract reads its examples.
"""

from __future__ import annotations

import re

from ..document.model import Cell, Code, ListBlock, ListItem, Section, Table
from ..span import Span

_MIN_ROWS = 5
_MIN_PARTS = 3
_SHARE = 0.6  # of the rows whose first cell names a part
_JSON_SPAN = re.compile(r"^`([\[{].*[\]}])`$", re.S)


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
    item = ListItem(f"{key}: {rest}" if key and rest else key or rest, span)
    body = _JSON_SPAN.match(rest)  # a JSON body: an example under a contract, facts elsewhere
    if body:
        item.blocks.append(Code("json", body.group(1), span, span.line))
    return item

"""Document model shared by the Markdown parser (YAML keeps its own node tree, see yaml.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..span import Span


@dataclass(slots=True)
class Cell:
    text: str
    span: Span


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    span: Span


@dataclass(slots=True)
class Table:
    header: list[Cell]
    rows: list[Row]
    span: Span


@dataclass(slots=True)
class Paragraph:
    text: str
    span: Span


@dataclass(slots=True)
class Code:
    info: str  # the fence's info string, lower-cased first word ("json", "yaml", "http", "")
    text: str
    span: Span  # the whole block, fences included
    first_line: int  # line of the first content line


@dataclass(slots=True)
class ListItem:
    text: str  # the item's first paragraph
    span: Span
    blocks: list[Block] = field(default_factory=list)  # what follows inside the item


@dataclass(slots=True)
class ListBlock:
    items: list[ListItem]
    ordered: bool
    span: Span


Block = Union[Paragraph, Table, Code, ListBlock]


@dataclass(slots=True)
class Comment:
    text: str
    span: Span


@dataclass(slots=True)
class Section:
    title: str
    level: int  # 0 for the preamble before the first heading
    span: Span  # the heading line
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    end_line: int = 0  # last line that belongs to the section, subsections included

    def walk(self):
        """This section and every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(slots=True)
class MarkdownDocument:
    lines: list[str]
    root: Section  # level 0; its children are the top-level sections
    front_matter: Code | None = None
    comments: list[Comment] = field(default_factory=list)
    shifts: dict[int, int] = field(default_factory=dict)  # line -> columns taken off its start before parsing

    @property
    def title_span(self) -> Span:
        """The first heading: where findings about a missing part point."""
        for section in self.root.walk():
            if section.level:
                return section.span
        return Span(1, 1, 1, 1)

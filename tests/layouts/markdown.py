"""Reading a Markdown spec into line ranges, for the layout rewrites.

A rewrite must touch only what it says it touches, so each one works on the source lines and
needs to know which lines form which block: markdown-it-py (a project dependency) gives every
top-level block its line range (`Token.map`), and the helpers here give headings, tables, lists
and fences the few details the rewrites need. Nothing here decides anything about meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_MARKER = re.compile(r"[ \t]*<!--\s*expect:.*?-->")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
# A heading's text: what leads it (an emoji, a symbol), its section number, and its words.
_HEADING_PARTS = re.compile(r"^(?P<lead>[^\w`*_\[(\"'<]*?)(?P<num>\d{1,2}(?:\.\d{1,2})*\.?[ \t]+)?(?P<core>\S.*?)?\s*$")
# "Key: value", "**Key**: value", "**Key:** value", "**Key** (an aside in brackets): value"
_KEY_VALUE = re.compile(
    r"^(?:\*\*(?P<bold>[^*\n]{1,60}?)(?::\*\*|\*\*(?P<aside>[ \t]*\([^:()\n]{1,60}\))?:)"
    r"|(?P<plain>[A-Za-z][^:*`|\n.,;]{0,50}?):)[ \t]+(?P<value>\S.*)$"
)
_NOT_A_KEY = re.compile(r"^(?:https?|ftp|s3|mailto|urn|e\.g|i\.e|note|see)$", re.I)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@dataclass
class Block:
    """A top-level block: its kind (markdown-it's token type without `_open`) and lines [start, end)."""

    kind: str
    start: int
    end: int
    level: int = 0  # a heading's level
    setext: bool = False
    info: str = ""  # a fence's info string
    items: list[tuple[int, int]] = field(default_factory=list)  # a list's items, as line ranges
    simple: list[bool] = field(default_factory=list)  # each item holds one paragraph and nothing else


@dataclass
class Doc:
    """A spec's lines (without front matter, which stays as it is in `head`) and its blocks."""

    head: str
    lines: list[str]
    blocks: list[Block]

    def render(self, lines: list[str] | None = None) -> str:
        return self.head + "\n".join(self.lines if lines is None else lines)

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def heading_text(self, block: Block) -> str:
        if block.setext:
            return " ".join(line.strip() for line in self.lines[block.start:block.end - 1])
        match = _ATX.match(self.lines[block.start])
        return match.group(2).strip() if match else self.lines[block.start].strip()

    def title(self) -> Block | None:
        """The title: the first heading, when it is a level-1 heading."""
        heads = self.headings()
        return heads[0] if heads and heads[0].level == 1 else None

    def below_title(self) -> list[Block]:
        title = self.title()
        return [h for h in self.headings() if h is not title]

    def section_level(self) -> int | None:
        levels = [h.level for h in self.below_title()]
        return min(levels) if levels else None

    def sections(self) -> tuple[list[str], list[tuple[Block, list[str]]]]:
        """(preamble lines, [(heading, lines of the section from its heading on)]) for the headings of
        the section level: the top-level sections below the title."""
        level = self.section_level()
        if level is None:
            return self.lines, []
        heads = [h for h in self.below_title() if h.level == level]
        preamble = self.lines[:heads[0].start]
        parts = []
        for index, head in enumerate(heads):
            end = heads[index + 1].start if index + 1 < len(heads) else len(self.lines)
            parts.append((head, self.lines[head.start:end]))
        return preamble, parts


def strip_markers(text: str) -> str:
    """The spec without its `<!-- expect: ... -->` test markers: they are notes for the corpus tests,
    not part of the spec, and the rewrites move lines they point at. A line that held only markers
    becomes blank (an HTML comment line ends a paragraph, as a blank line does)."""
    return "\n".join(_MARKER.sub("", line).rstrip() if "expect:" in line else line for line in text.split("\n"))


def parse(text: str) -> Doc:
    match = _FRONT_MATTER.match(text)
    head = match.group(0) if match else ""
    body = text[len(head):]
    lines = body.split("\n")
    return Doc(head, lines, _blocks(body, lines))


def _blocks(body: str, lines: list[str]) -> list[Block]:
    tokens = parser().parse(body)
    blocks: list[Block] = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        kind = token.type.removesuffix("_open")
        start, end = token.map
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        block = Block(kind, start, end)
        if kind == "heading":
            block.level = int(token.tag[1])
            block.setext = token.markup in ("=", "-")
        elif kind == "fence":
            block.info = token.info.strip()
        elif kind in ("bullet_list", "ordered_list"):
            _list_items(tokens, index, block, lines)
        blocks.append(block)
    return blocks


def _list_items(tokens, index: int, block: Block, lines: list[str]) -> None:
    """Fill the items of the list opened at tokens[index] (its direct items only)."""
    depth = tokens[index].level
    position = index + 1
    while position < len(tokens):
        token = tokens[position]
        if token.type.endswith("_list_close") and token.level == depth:
            break
        if token.type == "list_item_open" and token.level == depth + 1:
            start, end = token.map
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            inner = []
            probe = position + 1
            while not (tokens[probe].type == "list_item_close" and tokens[probe].level == token.level):
                if tokens[probe].level == token.level + 1 and tokens[probe].nesting != -1:
                    inner.append(tokens[probe].type)
                probe += 1
            block.items.append((start, end))
            block.simple.append(inner == ["paragraph_open"])
        position += 1


# -- headings -------------------------------------------------------------------------------------

@dataclass
class HeadingText:
    lead: str  # an emoji or symbol before the number, with its space ("🔁 ")
    number: str  # "6.", "3.1" (without the space after it), or ""
    core: str  # the words

    def render(self, number: str | None = None) -> str:
        number = self.number if number is None else number
        return f"{self.lead}{number + ' ' if number else ''}{self.core}".strip()


def split_heading(text: str) -> HeadingText:
    match = _HEADING_PARTS.match(text)
    if not match:
        return HeadingText("", "", text)
    return HeadingText(match.group("lead") or "", (match.group("num") or "").strip(), match.group("core") or "")


def atx(level: int, text: str) -> str:
    return f"{'#' * level} {text}"


# -- key/value lines ------------------------------------------------------------------------------

def key_value(text: str) -> tuple[str, str] | None:
    """(key, value) of a "Key: value" line (with the key bold or not), else None."""
    match = _KEY_VALUE.match(text.strip())
    if not match:
        return None
    if match.group("bold") is not None:
        key = (match.group("bold").strip().rstrip(":") + " " + (match.group("aside") or "").strip()).strip()
    else:
        key = match.group("plain").strip()
    value = match.group("value").strip()
    if not key or _NOT_A_KEY.match(key) or value.startswith("//") or len(key.split()) > 8:
        return None
    return key, value


def item_text(lines: list[str], start: int, end: int) -> str:
    """The words of a list item whose lines are [start, end): its marker gone, lines joined."""
    first = re.sub(r"^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+", "", lines[start], count=1)
    rest = [line.strip() for line in lines[start + 1:end]]
    return " ".join([first.strip(), *rest]).strip()


# -- tables ---------------------------------------------------------------------------------------

def split_row(line: str) -> list[str]:
    """The raw cells of a table row (outer pipes dropped, escaped pipes kept as they are)."""
    text = line.strip()
    cells, current, escaped = [], [], False
    for char in text:
        if char == "|" and not escaped:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        escaped = char == "\\" and not escaped
    cells.append("".join(current))
    if cells and not cells[0].strip() and text.startswith("|"):
        cells.pop(0)
    if cells and not cells[-1].strip() and text.endswith("|") and not text.endswith("\\|"):
        cells.pop()
    return [cell.strip() for cell in cells]


def table_rows(doc: Doc, block: Block) -> tuple[list[str], list[list[str]]]:
    """(header cells, body rows) of a table block; the delimiter row is left out."""
    lines = doc.lines[block.start:block.end]
    header = split_row(lines[0])
    rows = [split_row(line) for line in lines[2:] if line.strip()]
    return header, rows


def unescape_cell(cell: str) -> str:
    """A cell's text outside a table: an escaped pipe is a pipe there."""
    return cell.replace("\\|", "|")


# -- inline -----------------------------------------------------------------------------------------

def outside_code(text: str, change) -> str:
    """`text` with `change` applied to the pieces outside code spans only."""
    out, last = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(change(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(change(text[last:]))
    return "".join(out)


def tokens_keeping_code(text: str) -> list[str]:
    """The words of `text` split on whitespace, a code span (with its spaces) counting as part of one word."""
    words, current, index = [], "", 0
    spans = {m.start(): m.end() for m in _CODE_SPAN.finditer(text)}
    while index < len(text):
        if index in spans:
            current += text[index:spans[index]]
            index = spans[index]
        elif text[index].isspace():
            if current:
                words.append(current)
            current = ""
            index += 1
        else:
            current += text[index]
            index += 1
    if current:
        words.append(current)
    return words


def unbold(text: str) -> str:
    """`text` without bold markup (`**x**` -> `x`)."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def plain(text: str) -> str:
    """`text` without bold markup, backticks and surrounding space: how a value reads in YAML or a cell."""
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return text.replace("`", "").strip()

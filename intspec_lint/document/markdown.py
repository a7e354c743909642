"""Markdown to Document, straight from markdown-it-py's token stream (no SyntaxTreeNode)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..span import Span
from .gfm_tables import macro_titles, shield_macros, table_rule
from .html import has_html_blocks, markdownize
from .model import (
    Block,
    Cell,
    Code,
    Comment,
    ListBlock,
    ListItem,
    MarkdownDocument,
    Paragraph,
    Row,
    Section,
    Table,
)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PIPE = re.compile(r"(?<!\\)\|")


# Where some enabled inline rule can start (newline, escape, backticks, emphasis, link, image,
# autolink and HTML, entity; strikethrough needs two tildes). Inline content without any of them
# parses to one text token holding the whole content: the inline parser is skipped for it.
_INLINE_MARKUP = re.compile(r"[\n\\`*_\[!<&]|~~")
# Content that is one code span and nothing else (no space at either end inside the backticks, no
# newline) reads as itself: inline_text gives the backticks and the content unchanged.
_CODE_SPAN = re.compile(r"`[^`\n ](?:[^`\n]*[^`\n ])?`")


_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.core.ruler.at("inline", _inline)
    parser.block.ruler.at("table", table_rule, {"alt": ["paragraph", "reference"]})
    return parser


def _inline(state) -> None:
    """markdown-it's core `inline` rule, for content that has inline markup only (see inline_text);
    content whose only markup is simple (see _simple_text) is read here, as one text token."""
    from markdown_it.token import Token

    md, env = state.md, state.env
    markup, code_span = _INLINE_MARKUP.search, _CODE_SPAN.fullmatch
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            content = token.content
            if markup(content) and not (code_span(content) and "<!--" not in content):
                simple = _simple_text(content)
                if simple is None:
                    md.inline.parse(content, md, env, token.children)
                else:
                    token.children.append(Token("text", "", 0, content=simple))


# The pieces of inline content that _simple_text reads: a code span of single backticks, a strong
# delimiter, one markup character, or a run of plain text.
_PIECES = re.compile(r"`([^`\n]+)`|\*\*|[\n\\`*_\[!<&~]|[^\n\\`*_\[!<&~]+")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _is_punctuation(char: str) -> bool:
    import unicodedata

    return char in _ASCII_PUNCTUATION or (char > "\x7f" and unicodedata.category(char).startswith("P"))


def _simple_text(content: str) -> str | None:
    """The text markdown-it would make of `content` (as inline_text gives it), when its only markup
    is code spans, `**strong**`, and markup characters that stand for themselves (an underscore
    inside a word, "<" or "&" before a space); None for anything else, which markdown-it parses.
    Specs use these three in most lines, and reading them here halves the cost of parsing a spec.
    tests/test_markdown_inline.py checks that both always agree."""
    out: list[str] = []
    strong_open = False
    end = len(content)
    for match in _PIECES.finditer(content):
        piece = match.group(0)
        start, stop = match.start(), match.end()
        before = content[start - 1] if start else " "
        after = content[stop] if stop < end else " "
        if match.group(1) is not None:  # a code span
            inner = match.group(1)
            if inner[0] == " " and inner[-1] == " ":
                return None  # markdown-it trims one space at each end
            out.append(piece)
        elif piece == "**":
            if after == "*" or before == "*":
                return None
            if strong_open:  # must close: right-flanking
                if before.isspace() or (_is_punctuation(before) and not (after.isspace() or _is_punctuation(after))):
                    return None
            else:  # must open: left-flanking
                if after.isspace() or (_is_punctuation(after) and not (before.isspace() or _is_punctuation(before))):
                    return None
            strong_open = not strong_open
        elif piece == "\n":
            if strong_open:
                return None
            if out:
                out[-1] = out[-1].rstrip(" ")
            out.append("\n")
        elif len(piece) == 1 and piece in "\\`*_[!<&~":
            if piece == "_" and before.isalnum() and after.isalnum():
                out.append(piece)  # snake_case: an underscore inside a word is no delimiter
            elif piece == "<" and (after.isspace() or after.isdigit() or after == "="):
                out.append(piece)  # "< 7 days": no tag, no autolink
            elif piece == "&" and after.isspace():
                out.append(piece)
            elif piece == "!" and after != "[":
                out.append(piece)
            elif piece == "~" and after != "~" and before != "~":
                out.append(piece)
            else:
                return None
        else:
            if out and out[-1] == "\n":
                piece = piece.lstrip(" \t")
            out.append(piece)
    if strong_open:
        return None
    return "".join(out)


def parse_markdown(text: str) -> MarkdownDocument:
    lines = text.split("\n")
    if "===" in text or "!!!" in text or "???" in text:
        lines = _unfold_blocks(lines)
        text = "\n".join(lines)
    if "\n: " in text:
        lines = _definition_lists(lines)
        text = "\n".join(lines)
    shifts: dict[int, int] = {}
    if "[ ]" in text or "[x]" in text or "[X]" in text:
        lines = _task_items(lines, shifts)
        text = "\n".join(lines)
    if "<" in text and has_html_blocks(text):  # "<h2>", "<table>": the Markdown they stand for
        text = "\n".join(markdownize(lines))
        lines = text.split("\n")
    kind = _source_file(lines)  # a program or an XML file saved as the document ("# config/initializers/sync.rb",
    if kind:  # "<?xml ...?>" over a changelog's header comment): one block of its language
        block = Code(kind, text, Span(1, 1, len(lines), len(lines[-1]) + 1), 1)
        return MarkdownDocument(lines, Section("", 0, Span(1, 1, 1, 1), [block], end_line=len(lines)))
    front_matter = _front_matter(lines)
    if front_matter is not None:
        blanked = front_matter.span.end_line
        text = "\n" * blanked + "\n".join(lines[blanked:])
    tokens = _parser().parse(text)
    builder = _Builder(tokens, lines)
    root = builder.document()
    return MarkdownDocument(lines, root, front_matter, builder.comments, shifts)


_HASH_LINE = re.compile(r"^#(?:\s|$)")


def _fence_after(stripped: str, fence: str) -> str:
    """The fence open after a line that starts with ``` or ~~~ (`stripped`): "" once it closes the open one."""
    return "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
_PYTHON_LINE = re.compile(r"^(?:import \w|from [\w.]+ import |def \w|async def \w|class \w)")


def _source_file(lines: list[str]) -> str:
    """The language of a file saved as Markdown, "" for Markdown: "xml" for an XML document (its declaration
    first), "python" for a module (its docstring first), "script" for a program with `#` comments (outside fences, bare `#` lines and `# ` lines one under
    another, which no Markdown writer makes of headings)."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("<?xml"):
        return "xml"
    if first.startswith(('"""', "'''")) and any(_PYTHON_LINE.match(line) for line in lines):
        return "python"  # a module's docstring first, its imports and definitions below
    bare = adjacent = 0
    fence = ""
    previous = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = _fence_after(stripped, fence)
        hashed = not fence and bool(_HASH_LINE.match(line))
        bare += hashed and not line[1:].strip()
        adjacent += hashed and previous
        previous = hashed
    return "script" if bare >= 2 and adjacent >= 5 else ""


# MkDocs content tabs and admonitions: `=== "PlayDeck"`, `!!! note "Retries"`, `??? info`, their content
# indented four spaces (which CommonMark would read as a code block)
_BLOCK_MARKER = re.compile(r'^(\s*)(?:===|!!!|\?\?\?\+?)(?:\s+[\w-]+)?(?:\s+"([^"]*)")?\s*$')


def _unfold_blocks(lines: list[str]) -> list[str]:
    """The content of each tab or admonition at its marker's own indent, the marker line turned into its
    title (bold for a tab, italic for an admonition) or into a blank line: line numbers stay."""
    out = list(lines)
    fence = ""
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = _fence_after(stripped, fence)
        if fence:
            continue
        match = _BLOCK_MARKER.match(line)
        if not match:
            continue
        indent, title = match.group(1), match.group(2)
        inner = indent + "    "
        end = index + 1
        while end < len(lines) and (lines[end].startswith(inner) or not lines[end].strip()):
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1
        if end == index + 1:
            continue  # no indented content: a line of text that happens to start so
        if title and title.strip():  # a tab's label in bold (it names what it holds); an admonition's title,
            marker = "**" if line.lstrip().startswith("===") else "*"  # a callout's, in italics: no heading
            out[index] = f"{indent}{marker}{title.strip()}{marker}"
        else:
            out[index] = ""
        for at in range(index + 1, end):
            out[at] = indent + out[at][len(inner):] if out[at].startswith(inner) else out[at]
    return out


def _definition_lists(lines: list[str]) -> list[str]:
    """Definition lists ("Transient" over ": `429`, `503` ... Handling: retried"), which CommonMark reads as
    paragraphs, as the list of "term: definition" items they stand for; line numbers stay."""
    out = list(lines)
    fence = ""
    for index, line in enumerate(lines):
        defined = line.startswith(": ")
        stripped = (line[2:] if defined else line).strip()  # ": ```json" opens a fence inside the definition
        opens = stripped.startswith(("```", "~~~"))
        if opens and fence:
            fence = "" if stripped.startswith(fence) else fence
            continue
        if fence:
            continue
        if opens:
            fence = stripped[:3]
        if not defined:
            continue
        out[index] = "  " + line[2:]
        term = index - 1
        while term >= 0 and (lines[term].startswith(": ") or lines[term].startswith("  ")) and lines[term].strip():
            term -= 1  # the definitions and their continuation lines above, back to the term
        if term >= 0 and lines[term].strip() and not lines[term].startswith((":", "#", "|", "-", "*", ">", " ")) \
                and out[term] == lines[term]:
            out[term] = f"- **{lines[term].strip()}**:"
    return out


_BLOCK_OPENER = re.compile(r"^\s*(?:```|~~~|\||[-*+]\s|\d{1,9}[.)]\s)")  # a fence, a table, a list
_TASK_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])( +)\[[ xX]\]( +)\S")


def _task_items(lines: list[str], shifts: dict[int, int]) -> list[str]:
    """A checklist item's own blocks written under its text ("- [x] **Create event:** ..." over a blank line and a
    fence indented to "Create"), which CommonMark reads as one indented code block, at the item's content column
    instead; line numbers stay, and `shifts` gets the columns taken off each line moved."""
    out = list(lines)
    index = 0
    fence = ""
    while index < len(lines):
        stripped = lines[index].lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = _fence_after(stripped, fence)
        match = None if fence else _TASK_ITEM.match(lines[index])
        index += 1
        if not match:
            continue
        text_column = match.end() - 1
        shift = text_column - (len(match.group(1)) + len(match.group(2)) + len(match.group(3)))
        at = index
        while at < len(lines) and (not lines[at].strip() or len(lines[at]) - len(lines[at].lstrip(" ")) >= text_column):
            at += 1
        while at > index and not lines[at - 1].strip():
            at -= 1
        if not any(not lines[n].strip() for n in range(index, at)):
            continue  # no blank line inside: its lines run on as the item's paragraph whatever their indent
        blocks = [n for n in range(index + 1, at) if lines[n].strip() and not lines[n - 1].strip()]
        if not blocks or not _BLOCK_OPENER.match(lines[blocks[0]]):
            continue  # "- [ ] Send one test order:" over a block indented as code: a code block, as CommonMark says
        for n in range(index, at):
            out[n] = lines[n][shift:] if lines[n].strip() else lines[n]
            shifts[n + 1] = shift if lines[n].strip() else 0
        index = at
    return out


def _front_matter(lines: list[str]) -> Code | None:
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, min(len(lines), 2000)):
        if lines[index].rstrip() in ("---", "..."):
            body = "\n".join(lines[1:index])
            return Code("yaml", body, Span(1, 1, index + 1, len(lines[index]) + 1), 2)
    return None


_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)


def inline_text(token) -> str:
    """Plain text of an inline token: markup, struck-through text and HTML comments dropped, code spans
    kept."""
    children = token.children
    if not children:  # no inline markup, or one code span (see _inline): the content is the text
        content = token.content
        return (_COMMENT.sub("", content) if "<!--" in content else content).strip()
    if len(children) == 1 and children[0].type == "text":
        return children[0].content.strip()
    parts = []
    struck = 0  # ~~struck-through~~ text is deleted text ("Initial delay: ~~2 s~~ **30 s**"): not said
    for child in children:
        kind = child.type
        if kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
        elif struck:
            continue
        elif kind == "text":
            parts.append(child.content)
        elif kind == "code_inline":
            parts.append(f"`{child.content}`")
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "html_inline" and _BREAK_TAG.match(child.content):
            parts.append("; ")  # "`course_id` string<br>`next_cursor` string" in a cell: a list, one item a line
        elif kind == "image":
            parts.append(child.content)
    return "".join(parts).strip()


class _Builder:
    def __init__(self, tokens, lines: list[str]):
        self.tokens = tokens
        self.lines = lines
        self.comments: list[Comment] = []

    def span(self, token_map) -> Span:
        first, end = token_map
        last = max(first + 1, end)
        last_text = self.lines[last - 1] if last - 1 < len(self.lines) else ""
        return Span(first + 1, 1, last, len(last_text) + 1)

    def document(self) -> Section:
        tokens = self.tokens
        root = Section("", 0, Span(1, 1, 1, 1))
        stack = [root]
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open":
                level = int(token.tag[1])
                line = token.map[0] + 1
                section = Section(
                    inline_text(tokens[index + 1]),
                    level,
                    Span(line, 1, line, len(self.lines[line - 1]) + 1),
                )
                while stack[-1].level >= level:
                    stack.pop().end_line = line - 1
                stack[-1].children.append(section)
                stack.append(section)
                index += 3
                continue
            blocks, index = self.block(index)
            stack[-1].blocks.extend(blocks)
        last = len(self.lines)
        while stack:
            stack.pop().end_line = last
        return root

    def close_of(self, index: int) -> int:
        """Index of the token that closes the one opened at `index`."""
        token = self.tokens[index]
        closing = token.type[:-5] + "_close"
        level = token.level
        for j in range(index + 1, len(self.tokens)):
            other = self.tokens[j]
            if other.level == level and other.type == closing:
                return j
        return len(self.tokens) - 1

    def block(self, index: int) -> tuple[list[Block], int]:
        """Parse the block that starts at `index`: its blocks and the index after it."""
        token = self.tokens[index]
        kind = token.type
        if kind == "paragraph_open" or kind == "heading_open":
            inline = self.tokens[index + 1]
            text = inline_text(inline)
            blocks: list[Block] = [Paragraph(text, self.span(token.map))] if text else []
            return blocks, index + 3
        if kind in ("fence", "code_block"):
            info = token.info.strip().split(maxsplit=1)[0].lower() if token.info.strip() else ""
            span = self.span(token.map)
            first = span.line + (1 if kind == "fence" else 0)
            return [Code(info, token.content, span, first)], index + 1
        if kind == "html_block":
            if token.content.lstrip().startswith("<!--"):
                self.comments.append(Comment(token.content.strip(), self.span(token.map)))
            return [], index + 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            return [self.list_block(index)], self.close_of(index) + 1
        if kind == "table_open":
            return [self.table(index)], self.close_of(index) + 1
        if token.nesting == 1:  # blockquote and anything else that contains blocks: flatten
            end = self.close_of(index)
            return self.blocks_between(index + 1, end), end + 1
        return [], index + 1

    def blocks_between(self, start: int, end: int) -> list[Block]:
        blocks: list[Block] = []
        index = start
        while index < end:
            found, index = self.block(index)
            blocks.extend(found)
        return blocks

    def list_block(self, index: int) -> ListBlock:
        token = self.tokens[index]
        end = self.close_of(index)
        items: list[ListItem] = []
        j = index + 1
        while j < end:
            if self.tokens[j].type == "list_item_open":
                close = self.close_of(j)
                inner = self.blocks_between(j + 1, close)
                span = self.span(self.tokens[j].map)
                if inner and isinstance(inner[0], Paragraph):  # a task item's "[x] " is its box, not its text
                    items.append(ListItem(_TASK_BOX.sub("", inner[0].text, count=1), span, inner[1:]))
                else:
                    items.append(ListItem("", span, inner))
                j = close + 1
            else:
                j += 1
        return ListBlock(items, token.type == "ordered_list_open", self.span(token.map))

    def table(self, index: int) -> Table:
        """One pass over the table's tokens: a row per tr_open, a cell per inline token."""
        tokens, lines = self.tokens, self.lines
        end = self.close_of(index)
        header: list[Cell] = []
        rows: list[Row] = []
        texts: list[str] = []
        row_map = None
        in_head = False
        for j in range(index + 1, end):
            token = tokens[j]
            kind = token.type
            if kind == "inline":
                texts.append(inline_text(token))
            elif kind == "tr_open":
                texts, row_map = [], token.map
            elif kind == "tr_close" and row_map is not None:
                line = row_map[0] + 1
                raw = lines[line - 1] if line - 1 < len(lines) else ""
                cells = _cells(texts, raw, line)
                if in_head:
                    header = cells
                else:
                    rows.append(Row(cells, Span(line, 1, line, len(raw) + 1)))
            elif kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
        return Table(header, rows, self.span(tokens[index].map))


def _cells(texts: list[str], raw: str, line: int) -> list[Cell]:
    columns = _cell_columns(shield_macros(raw))
    cells = []
    for position, text in enumerate(texts):
        text = macro_titles(text)
        first, last = columns[position] if position < len(columns) else (len(raw) + 1, len(raw) + 1)
        cells.append(Cell(text, Span(line, first, line, last)))
    return cells


def _cell_columns(raw: str) -> list[tuple[int, int]]:
    """1-based (start, end) columns of each cell's content in a raw table row."""
    if "\\" in raw:
        pipes = [m.start() for m in _PIPE.finditer(raw)]
    else:  # no escaped pipes: every pipe splits
        pipes = []
        at = raw.find("|")
        while at >= 0:
            pipes.append(at)
            at = raw.find("|", at + 1)
    stripped = raw.strip()
    if not stripped.startswith("|"):
        pipes.insert(0, -1)
    if not stripped.endswith("|") or len(pipes) < 2:
        pipes.append(len(raw))
    columns = []
    for left, right in zip(pipes, pipes[1:]):
        content = raw[left + 1 : right]
        lead = len(content) - len(content.lstrip())
        body = content.strip()
        if "<!--" in body:
            body = _COMMENT.sub("", body).rstrip()
        start = left + 2 + lead
        if body:
            columns.append((start, start + len(body)))
        else:
            columns.append((left + 2, left + 2))
    return columns

"""Rewrites of a spec's blocks (tables, lists, paragraphs, fences) and markup style. Each takes
Markdown text and returns the rewritten text, or None when it does not apply to the spec."""

from __future__ import annotations

import json
import re

from .markdown import (
    Block,
    Doc,
    item_text,
    key_value,
    outside_code,
    parse,
    parser,
    plain,
    split_row,
    table_rows,
    tokens_keeping_code,
    unbold,
    unescape_cell,
)

WRAP_WIDTH = 60
INLINE_EXAMPLE_MAX = 200  # longer JSON stays fenced: nobody writes it inline
_PIPE = re.compile(r"(?<!\\)\|")


def _apply(doc: Doc, edits: list[tuple[int, int, list[str]]]) -> str | None:
    """The doc with lines [start, end) of each edit replaced (edits do not overlap)."""
    if not edits:
        return None
    lines = list(doc.lines)
    for start, end, new in sorted(edits, key=lambda e: -e[0]):
        lines[start:end] = new
    return doc.render(lines)


def escape_pipes(text: str) -> str:
    """`text` fit for a table cell: its pipes escaped (a pipe already escaped stays as it is)."""
    return _PIPE.sub(r"\\|", text)


# -- tables and lists -------------------------------------------------------------------------------

def tables_to_lists(text: str) -> str | None:
    """Each table whose first column is a key (no first cell empty) a bullet list, an item a row:
    "- **key**: value" for two columns, "- **key**: Header: cell; Header: cell" for more. Every
    non-empty cell is kept (an empty cell says nothing, so it is left out); the header of the key
    column ("Metric", "Flow"), and both headers of a two-column table, go, as when a writer lists
    the rows: the section says what the keys are."""
    doc = parse(text)
    edits = []
    for block in doc.blocks:
        if block.kind != "table":
            continue
        header, rows = table_rows(doc, block)
        width = len(header)
        if width < 2 or not rows or any(not cell for cell in header):
            continue
        if any(not row or not row[0] for row in rows):
            continue
        names = [unbold(unescape_cell(name)) for name in header]
        items = []
        for row in rows:
            cells = [unescape_cell(cell) for cell in (row + [""] * width)[:width]]
            key = f"**{unbold(cells[0])}**"
            if width == 2:
                items.append(f"- {key}: {cells[1]}" if cells[1] else f"- {key}")
                continue
            pairs = [f"{name}: {cell}" for name, cell in zip(names[1:], cells[1:]) if cell]
            items.append(f"- {key}: {'; '.join(pairs)}" if pairs else f"- {key}")
        edits.append((block.start, block.end, ["", *items, ""]))
    return _apply(doc, edits)


def _key_value_items(doc: Doc, block: Block) -> list[tuple[str, str]] | None:
    """(key, value) of each item of a bullet list of one-paragraph "Key: value" items, else None."""
    if block.kind != "bullet_list" or len(block.items) < 2 or not all(block.simple):
        return None
    pairs = [key_value(item_text(doc.lines, start, end)) for start, end in block.items]
    return pairs if all(pairs) else None


def lists_to_tables(text: str) -> str | None:
    """Each bullet list of "Key: value" items (two or more) a two-column table."""
    doc = parse(text)
    edits = []
    for block in doc.blocks:
        pairs = _key_value_items(doc, block)
        if pairs is None:
            continue
        rows = ["| Item | Details |", "|---|---|"]
        rows += [f"| {escape_pipes(key)} | {escape_pipes(value)} |" for key, value in pairs]
        edits.append((block.start, block.end, ["", *rows, ""]))
    return _apply(doc, edits)


def table_align(text: str) -> str | None:
    """Tables re-laid out as a formatter does: cells padded to their column's width (or, for a
    table already padded, the padding taken out). Cell text is unchanged."""
    doc = parse(text)
    edits = []
    for block in doc.blocks:
        if block.kind != "table":
            continue
        old = doc.lines[block.start:block.end]
        header = split_row(old[0])
        rows = [split_row(line) for line in old[2:] if line.strip()]
        aligns = [(cell.startswith(":"), cell.endswith(":")) for cell in split_row(old[1])][:len(header)]
        aligns += [(False, False)] * (len(header) - len(aligns))
        new = _table_lines(header, rows, aligns, pad=True)
        if new == old:
            new = _table_lines(header, rows, aligns, pad=False)
        if new != old:
            edits.append((block.start, block.end, new))
    return _apply(doc, edits)


def _table_lines(header, rows, aligns, pad: bool) -> list[str]:
    widths = [max(3, len(header[i]), *(len(r[i]) for r in rows if i < len(r))) if pad else 0
              for i in range(len(header))]

    def line(cells):
        cells = [cell.ljust(widths[i]) if i < len(widths) else cell for i, cell in enumerate(cells)]
        return "| " + " | ".join(cells) + " |"

    rule = []
    for (left, right), width in zip(aligns, widths):
        dashes = "-" * max(3, width - left - right)
        rule.append(f"{':' if left else ''}{dashes}{':' if right else ''}")
    return [line(header), "| " + " | ".join(rule) + " |", *(line(r) for r in rows)]


# -- examples and policies ----------------------------------------------------------------------------

def fenced_to_inline_example(text: str) -> str | None:
    """A JSON example fenced on one line (of at most INLINE_EXAMPLE_MAX characters) written inline
    after its lead-in ("Example request: `{...}`"; "Example: `{...}`" where the fence had none).
    The JSON text is kept byte for byte, valid or not."""
    doc = parse(text)
    edits = []
    for index, block in enumerate(doc.blocks):
        body = _one_line_json(doc, block)
        if body is None:
            continue
        before = doc.blocks[index - 1] if index else None
        lead = doc.lines[before.end - 1].rstrip() if before else ""
        if before is not None and before.kind in ("paragraph", "bullet_list", "ordered_list") and lead.endswith(":"):
            edits.append((before.end - 1, block.end, [f"{lead} `{body}`"]))
        else:
            edits.append((block.start, block.end, [f"Example: `{body}`"]))
    return _apply(doc, edits)


def _one_line_json(doc: Doc, block: Block) -> str | None:
    if block.kind != "fence" or block.end - block.start != 3:
        return None
    opening, body, closing = doc.lines[block.start:block.end]
    fence = opening.strip()[:3]
    language = block.info.split()[0].lower() if block.info else ""
    body = body.strip()
    if not closing.strip().startswith(fence) or language not in ("json", "") or "`" in body:
        return None
    if len(body) > INLINE_EXAMPLE_MAX:
        return None
    return body if body.startswith(("{", "[")) else None


_RETRY_HEADING = re.compile(r"retr|backoff|back-off", re.I)
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def policy_to_yaml_block(text: str) -> str | None:
    """A retry policy written as "Key: value" lines (a list, or a paragraph of such lines) moved into
    a fenced ```yaml block under the same heading, one key a line."""
    doc = parse(text)
    heads = doc.headings()
    edits = []
    for at, head in enumerate(heads):
        if not _RETRY_HEADING.search(doc.heading_text(head)):
            continue
        end = next((h.start for h in heads[at + 1:] if h.level <= head.level), len(doc.lines))
        for block in doc.blocks:
            if not head.end <= block.start < end:
                continue
            pairs = _key_value_items(doc, block) or _key_value_paragraph(doc, block)
            if pairs:
                edits.append((block.start, block.end, ["", "```yaml", *_yaml_lines(pairs), "```", ""]))
                break
    return _apply(doc, edits)


def _key_value_paragraph(doc: Doc, block: Block) -> list[tuple[str, str]] | None:
    if block.kind != "paragraph" or block.end - block.start < 2:
        return None
    pairs = [key_value(line) for line in doc.lines[block.start:block.end]]
    return pairs if all(pairs) else None


def _yaml_lines(pairs: list[tuple[str, str]]) -> list[str]:
    seen: dict[str, int] = {}
    lines = []
    for key, value in pairs:
        name = re.sub(r"[^a-z0-9]+", "_", plain(key).lower()).strip("_") or "item"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}_{seen[name]}"
        lines.append(f"{name}: {yaml_scalar(plain(value))}")
    return lines


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar: plain where YAML reads it back as the same string, else quoted."""
    if re.fullmatch(r"\d{1,9}", value):
        return value  # a count: an integer in YAML, as a writer would put it
    if (re.fullmatch(r"[A-Za-z0-9(][^\n]*", value) and ": " not in value and " #" not in value
            and not value.endswith(":") and value.lower() not in _YAML_WORDS
            and not re.fullmatch(r"[-+.\d_eE:]+", value)):
        return value
    return json.dumps(value, ensure_ascii=False)


# -- paragraphs -----------------------------------------------------------------------------------------
# A line of a paragraph that stands alone in its source (a bold line, a "Key: value" line, a line
# ending in a hard break) keeps its own line: re-wrapping joins only the prose between such lines.
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)[^*_].*\1[:.]?\s*$")
_BLOCK_START = re.compile(r"^(?:[-+*]|#{1,6}|\d{1,9}[.)]|[=-]+)$|^(?:>|```|~~~|<|\|)")


def _segments(lines: list[str]) -> list[list[str]]:
    segments: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        alone = _BOLD_LINE.match(line) or key_value(line) or "<!--" in line
        if alone and current:
            segments.append(current)
            current = []
        current.append(line)
        if alone or line.endswith(("  ", "\\")):
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    return segments


def _wrap(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        elif lines and _BLOCK_START.match(word):
            lines[-1] += " " + word  # a line opening with it would start a list, heading or quote
        else:
            lines.append(word)
    return lines


def _reflow(text: str, width: int | None) -> str | None:
    doc = parse(text)
    edits = []
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        old = doc.lines[block.start:block.end]
        if any("|" in line for line in old):
            continue  # a pipe could make a re-wrapped line a table row
        new = []
        for segment in _segments(old):
            if len(segment) == 1 and (_BOLD_LINE.match(segment[0]) or "<!--" in segment[0]):
                new += segment
                continue
            hard = segment[-1].endswith(("  ", "\\"))
            words = tokens_keeping_code(" ".join(line.strip() for line in segment))
            lines = _wrap(words, width) if width else [" ".join(words)]
            if hard:
                lines[-1] += segment[-1][len(segment[-1].rstrip(" \\")):]
            new += lines
        if new != old:
            edits.append((block.start, block.end, new))
    return _apply(doc, edits)


def wrap(text: str) -> str | None:
    """Paragraph prose re-wrapped at 60 columns (new line breaks inside paragraphs)."""
    return _reflow(text, WRAP_WIDTH)


def unwrap(text: str) -> str | None:
    """Each paragraph's prose on one line (the line breaks inside paragraphs taken out)."""
    return _reflow(text, None)


# -- markup style -------------------------------------------------------------------------------------------

_STRONG = re.compile(r"(?<![\w*\\])\*\*(?=[^\s*])([^*\n]*?[^\s*\\])\*\*(?![\w*])")


def emphasis_style(text: str) -> str | None:
    """Bold written with underscores (`**x**` -> `__x__`) outside code, where underscores can be
    bold (not inside a word)."""
    doc = parse(text)
    edits = []
    for block in doc.blocks:
        if block.kind in ("fence", "code_block", "html_block"):
            continue
        old = doc.lines[block.start:block.end]
        new = [outside_code(line, lambda piece: _STRONG.sub(r"__\1__", piece)) for line in old]
        if new != old:
            edits.append((block.start, block.end, new))
    return _apply(doc, edits)


def bullet_style(text: str) -> str | None:
    """Bullet list markers changed at every depth, "-" to "*", "*" to "+" and "+" to "-" (a cycle, so
    that two lists told apart by their markers stay two lists)."""
    doc = parse(text)
    lines = list(doc.lines)
    swap = {"-": "*", "*": "+", "+": "-"}
    changed = False
    for token in parser().parse("\n".join(doc.lines)):
        if token.type != "list_item_open" or token.markup not in swap or token.map is None:
            continue
        line = lines[token.map[0]]
        at = len(line) - len(line.lstrip(" "))
        if line[at:at + 1] == token.markup:
            lines[token.map[0]] = line[:at] + swap[token.markup] + line[at + 1:]
            changed = True
    return doc.render(lines) if changed else None


def crlf(text: str) -> str | None:
    """Windows line endings."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n") if "\n" in text and "\r\n" not in text else None

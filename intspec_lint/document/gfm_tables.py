"""GFM tables as a markdown-it block rule of the reader's own.

markdown-it's own table rule costs a third of parsing a spec full of tables. This one gives the
same tokens the builder reads: a row is split with str.split when it holds no backslash, a row
that starts with a pipe cannot start another block (no terminator needs trying), and no th/td
tokens are made (the builder reads rows and their inline tokens only). tests/test_markdown_tables.py
checks that the Document is the same as with markdown-it's rule.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import MD_TRIM_CHARS  # the whitespace markdown-it trims cells of

_DELIMITER_CELL = re.compile(r":?-+:?")
_MAX_FILLED_CELLS = 65536  # cells added to short rows, at most (as markdown-it: no quadratic blow-up)


def _source_line(state, line: int) -> str:
    """A line of the source from its first non-blank character."""
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


# a Confluence macro written into a cell ("{status:colour=Yellow|title=TRANSIENT}", as wiki exports leave them): its
# pipes separate the macro's parameters, not cells
_MACRO = re.compile(r"\{[a-z][\w-]*:[^{}\n]*\}")


_STATUS = re.compile(r"\{status:[^{}\n]*?title=([^{}|\n]*)[^{}\n]*\}")


def macro_titles(text: str) -> str:
    """A cell's text as the page shows it: a Confluence status lozenge by its title ("{status:colour=Red|title=
    PERMANENT}" is "PERMANENT")."""
    return _STATUS.sub(r"\1", text) if "{status:" in text else text


def shield_macros(text: str) -> str:
    """`text` with the pipes inside Confluence macros replaced by NUL (same length, so columns stay)."""
    return _MACRO.sub(lambda m: m.group(0).replace("|", "\x00"), text) if "{" in text else text


def _split_row(text: str) -> list[str]:
    """A row's cells: split on the pipes no backslash escapes ("\\|" is a pipe in the cell) and no Confluence
    macro holds."""
    if "{" in text:
        shielded = shield_macros(text)
        if "\x00" in shielded:
            return [cell.replace("\x00", "|") for cell in _split_cells(shielded)]
    return _split_cells(text)


def _split_cells(text: str) -> list[str]:
    if "\\" in text:
        cells, current, escaped = [], [], False
        for char in text:
            if char == "|" and not escaped:
                cells.append("".join(current))
                current = []
            elif char == "|":
                current[-1] = "|"  # the backslash before it goes
            else:
                current.append(char)
            escaped = char == "\\"
        cells.append("".join(current))
    else:
        cells = text.split("|")
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _delimiter_row(text: str) -> int:
    """The number of columns a delimiter row (`| --- | :-: |`) declares; 0 when it is none."""
    if len(text) < 2 or text[0] not in "|-:" or text[1] not in "|-: \t" or (text[0] == "-" and text[1] in " \t"):
        return 0
    if text.strip("|-: \t"):
        return 0
    parts = text.split("|")
    count = 0
    for index, part in enumerate(parts):
        part = part.strip(MD_TRIM_CHARS)
        if not part:
            if 0 < index < len(parts) - 1:
                return 0  # an empty column between two others
            continue
        if not _DELIMITER_CELL.fullmatch(part):
            return 0
        count += 1
    return count


def table_rule(state, start: int, end: int, silent: bool) -> bool:
    if start + 2 > end:
        return False
    second = start + 1
    if state.sCount[second] < state.blkIndent or state.is_code_block(second):
        return False
    if state.bMarks[second] + state.tShift[second] >= state.eMarks[second]:
        return False
    columns = _delimiter_row(_source_line(state, second))
    if not columns:
        return False
    header = _source_line(state, start).strip(MD_TRIM_CHARS)
    if "|" not in header or state.is_code_block(start):
        return False
    header_cells = _split_row(header)
    if len(header_cells) != columns:
        return False
    if silent:
        return True
    parent, state.parentType = state.parentType, "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    table = state.push("table_open", "table", 1)
    table.map = [start, 0]
    state.push("thead_open", "thead", 1).map = [start, second]
    _push_row(state, start, header_cells, columns)
    state.push("thead_close", "thead", -1)
    body = None
    filled = 0
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        begin = state.bMarks[line] + state.tShift[line]
        if (begin >= state.eMarks[line] or state.src[begin] != "|") and any(
                rule(state, line, end, True) for rule in terminators):
            break  # a fence, quote, rule, list, HTML block or heading ends the table
        text = _source_line(state, line).strip(MD_TRIM_CHARS)
        if not text or state.is_code_block(line):
            break
        cells = _split_row(text)
        filled += columns - len(cells)
        if filled > _MAX_FILLED_CELLS:
            break
        if body is None:
            body = state.push("tbody_open", "tbody", 1)
            body.map = [start + 2, 0]
        _push_row(state, line, cells, columns)
        line += 1
    if body is not None:
        state.push("tbody_close", "tbody", -1)
        body.map[1] = line
    state.push("table_close", "table", -1)
    table.map[1] = line
    state.parentType = parent
    state.line = line
    return True


def _push_row(state, line: int, cells: list[str], columns: int) -> None:
    state.push("tr_open", "tr", 1).map = [line, line + 1]
    for index in range(columns):
        token = state.push("inline", "", 0)
        token.map = [line, line + 1]
        token.content = cells[index].strip(MD_TRIM_CHARS) if index < len(cells) else ""
        token.children = []
    state.push("tr_close", "tr", -1)

"""Tables drawn in text, made the Markdown tables the readers know: a grid table with "+---+" borders, one
drawn with box-drawing characters, rows written with pipes but no delimiter row, column-aligned text in a
plain block or paragraph, and a ```csv/tsv block (or tab-separated text) whose header names a part's columns.
"""

from __future__ import annotations

import re

from ..document.model import Cell, Code, ListBlock, Paragraph, Row, Section, Table
from ..span import Span
from .cues import CUES

_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")  # "+------+-----+"
_GRID_ROW = re.compile(r"^\s*\|.*\|\s*$")


def grid_tables(root: Section) -> None:
    """Turn ASCII grid tables ("+----+----+" borders around "| a | b |" rows, as RFC-style and
    plain-text specs draw them) and column-aligned text in a plain code block ("Transient   429, 503"
    over "            Action: retry") into tables, wherever they stand (in place)."""
    for section in root.walk():
        section.blocks = _with_grids(section.blocks)


# a docs generator's directive on the line after a table ("{{< /expand >}}", "{% endtab %}", "</TabItem>"):
# Markdown takes it for one more row, but it is layout, not a row of the table
_DIRECTIVE = re.compile(r"^\s*(?:\{\{[<%].*[%>]\}\}|\{%.*%\}|</?[A-Z][\w.]*(?:\s[^>]*)?/?>|:::\s*\w*)\s*$")


def _with_grids(blocks: list) -> list:
    out = []
    for block in blocks:
        if isinstance(block, Table) and block.rows and block.rows[-1].cells and \
                block.rows[-1].cells[0].text.lstrip()[:1] in ("{", "<", ":"):  # a directive ends the table
            block.rows = [row for row in block.rows if not (
                row.cells and _DIRECTIVE.match(row.cells[0].text) and not any(c.text.strip() for c in row.cells[1:]))]
        if isinstance(block, ListBlock):
            for item in block.items:
                item.blocks = _with_grids(item.blocks)
        table = (_grid(block) or _worded(_aligned_text(block.text, block.span.line, block.span))) \
            if isinstance(block, Paragraph) else (_drawn_grid(block) or _aligned(block)) if isinstance(block, Code) else None
        rows = _bare_rows(block) if table is None and isinstance(block, Paragraph) else None
        if rows and out and isinstance(out[-1], Table) and len(out[-1].header) == len(rows[0].cells):
            out[-1].rows.extend(rows)  # an HTML table's body after a gap (`<tbody>`): more rows of the table above
            continue
        if rows and len(rows) >= 2:  # "| Category | Codes |" over "| transient | 429 |" with no |---| row
            table = Table(rows[0].cells, rows[1:], block.span)
        out.append(table or block)
    return out


_BOX_BORDER = re.compile(r"^\s*[┌├└╔╠╚╒╞╘╓╟╙][─━═┬┼┴╦╬╩╤╪╧╥╫╨]+[┐┤┘╗╣╝╕╡╛╖╢╜]\s*$")
_BOX_ROW = re.compile(r"^\s*[│┃║].*[│┃║]\s*$")


def _drawn_grid(block: Code) -> Table | None:
    """A table drawn with box-drawing characters ("┌───┬───┐", "│ a │ b │", "└───┴───┘") or ASCII ("+---+") in a
    plain block: the grid table it draws."""
    lines = block.text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if block.info not in _PLAIN or len(lines) < 3:
        return None
    if _GRID_BORDER.match(lines[0]):  # an ASCII grid ("+----+----+") kept in a plain block: the table it draws
        return _grid(Paragraph("\n".join(lines), Span(block.first_line, 1, block.first_line + len(lines) - 1, 1)))
    if not _BOX_BORDER.match(lines[0]) or not all(_BOX_BORDER.match(line) or _BOX_ROW.match(line) for line in lines):
        return None
    grid = [re.sub(r"[┌├└╔╠╚╒╞╘╓╟╙┐┤┘╗╣╝╕╡╛╖╢╜┬┼┴╦╬╩╤╪╧╥╫╨]", "+", re.sub(r"[─━═]", "-", line))
            if _BOX_BORDER.match(line) else re.sub(r"[│┃║]", "|", line) for line in lines]
    return _grid(Paragraph("\n".join(grid), Span(block.first_line, 1, block.first_line + len(lines) - 1, 1)))


def _bare_rows(block: Paragraph) -> list[Row] | None:
    """A paragraph whose every line is a table row (`| a | b |`) of one width, two cells at least, none of
    them only dashes (no delimiter row was written): the rows of a table. A Confluence wiki header (`|| a || b ||`)
    is a row of its own."""
    lines = [line.replace("||", "|") if line.lstrip().startswith("||") else line for line in block.text.split("\n")]
    if not all(line.strip().startswith("|") and line.strip().endswith("|") and len(line.strip()) > 2 for line in lines):
        return None
    rows = []
    for offset, line in enumerate(lines):
        cells = [cell.strip() for cell in line.strip()[1:-1].split("|")]
        if len(cells) < 2 or all(re.fullmatch(r":?-+:?", cell) for cell in cells if cell):
            return None
        number = block.span.line + offset
        rows.append(Row([Cell(cell, Span(number, 1, number, 1)) for cell in cells], Span(number, 1, number, 1)))
    return rows if len({len(row.cells) for row in rows}) == 1 else None


def csv_tables(root: Section, vocab) -> None:
    """Turn a ```csv (or tsv) block whose header names a part's columns (a spreadsheet's export of the flows,
    the mapping, the metrics) into a table (in place); one of data rows (`tap_id,card_id,...`) stays an example."""
    for section in root.walk():
        for index, block in enumerate(section.blocks):
            table = _delimited(block) if isinstance(block, Code) else None
            before = section.blocks[index - 1] if index else None
            if isinstance(before, Paragraph) and _EXAMPLE_LEAD.search(before.text):
                continue  # "Example request:" over the file a call sends
            if table is None:
                continue
            part = vocab.table_part([cell.text for cell in table.header], ())
            if part is not None and _typed_by_values(table, part[1]):
                continue  # `adoption_ref,...,pack_type` over `WEB-48213,...,GIFT`: a data file's own columns
            if part is not None or _settings(table, vocab):
                section.blocks[index] = table


def _typed_by_values(table: Table, columns: dict[int, str]) -> bool:
    """A header taken for a part's table by a column called a type (`pack_type`) whose cells hold no type
    (`GIFT`): the rows are data, the block an example of them, not an export of a table of fields."""
    typed = [index for index, name in columns.items() if name.endswith("type")]
    cells = [row.cells[index].text for row in table.rows for index in typed if index < len(row.cells)]
    return bool(cells) and not any(CUES["type"].match(cell.strip("`*_ ")) for cell in cells)


_SETTING_PARTS = ("retry", "auth", "dead_letter", "idempotency", "monitoring")


def _settings(table: Table, vocab) -> bool:
    """A sheet of settings, a row per key (`strategy,...`, `max_attempts,8,6`): most first cells name facts
    of one part (a sheet of data rows, `tap_id,card_id,...`, names none)."""
    keys = [row.cells[0].text.replace("_", " ") for row in table.rows if row.cells]
    return len(keys) >= 3 and any(sum(1 for key in keys if vocab.field_exactly(part, key)) >= 0.6 * len(keys)
                                  for part in _SETTING_PARTS)


_EXAMPLE_LEAD = re.compile(r"\b(?:examples?|samples?|e\.g\.)\b", re.I)


def _delimited(block: Code) -> Table | None:
    """A ```csv (or tsv) block as a table, its first line the header; a plain block whose every line holds
    the same number of tabs (a spreadsheet tab pasted as text) too."""
    tabbed = block.info in _PLAIN and _tab_separated(block.text)
    if block.info not in ("csv", "tsv") and not tabbed:
        return None
    import csv

    rows = [(block.first_line + offset, cells) for offset, cells in
            enumerate(csv.reader(block.text.split("\n"), delimiter="\t" if block.info == "tsv" or tabbed else ","))
            if any(cell.strip() for cell in cells)]
    if len(rows) < 2 or len(rows[0][1]) < 2:
        return None
    made = [Row([Cell(cell.strip(), Span(line, 1, line, 1)) for cell in cells], Span(line, 1, line, 1))
            for line, cells in rows]
    return Table(made[0].cells, made[1:], block.span)


_PLAIN = {"", "text", "txt", "plain", "plaintext"}


def _tab_separated(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and len({line.count("\t") for line in lines}) == 1 and "\t" in lines[0]
_CHUNK = re.compile(r"(?:^ ?|(?<=\s\s))(\S(?:\S|\s(?!\s))*)")  # a run of words that no two spaces split
_NOT_TEXT_TABLE = re.compile(r"[{}\u2500-\u257f]|^\s*[+|#=<\[]|->>|-->|:=", re.M)
_STATEMENT_END = re.compile(r";\s*$", re.M)


def _aligned(block: Code) -> Table | None:
    """A plain code block of column-aligned text ("Metric    Threshold    Alert" over rows in the same
    columns; a line that leaves the first column blank goes on with the row above): a table. Code,
    diagrams and logs (braces, box drawing, arrows of a sequence diagram) are not."""
    if block.info not in _PLAIN:
        return None
    return _aligned_text(block.text, block.first_line, block.span)


def _pushed(found: list[tuple[int, str]], columns: list[int]) -> list[tuple[int, str]]:
    """A line's cells, a cell pushed right by the one before it running over its column's start
    ("setpoint_c/supply_c/return_c  ÷ 10"): that column's."""
    out = []
    for start, text in found:
        column = max((c for c in columns if c < start), default=None)
        if start not in columns and column is not None and (start - column <= 2 or out and (
                out[-1][0] < column < out[-1][0] + len(out[-1][1]) + 2)):  # or a character or two off its column
            start = column
        out.append((start, text))
    return out


def _worded(table: Table | None) -> Table | None:
    """A paragraph's aligned table only when its header is words ("METRIC   THRESHOLD   ALERT"), not a list of
    codes and their meanings ("CHANCEL:   ...", "CORNY_19L   ...")."""
    return table if table is not None and table.header and all(
        re.fullmatch(r"[A-Za-z][A-Za-z /()&.-]*", cell.text.strip()) for cell in table.header) else None


def _aligned_text(text: str, first_line: int, span: Span) -> Table | None:
    """Column-aligned lines of a plain block or a paragraph (a plain-text document's table) as a table."""
    if _NOT_TEXT_TABLE.search(text) or "  " not in text or len(_STATEMENT_END.findall(text)) > 1:
        return None  # code ends its lines in ";", a table's cell may end one ("nearest of Sn00/Sn25;")
    lines = [(first_line + offset, line.rstrip()) for offset, line in enumerate(text.split("\n"))
             if line.strip()]
    gap = next((i for i, (number, _) in enumerate(lines[1:], 1) if number > lines[i - 1][0] + 1), None)
    if gap is not None and gap >= 3:
        lines = lines[:gap]  # the table, then a paragraph after a blank line: the table's rows only
    if len(lines) < 3:
        return None
    chunks = [(number, [(m.start(1), m.group(1)) for m in _CHUNK.finditer(line)]) for number, line in lines]
    starts = sorted({start for _, found in chunks for start, _ in found})
    columns = [start for start in starts if sum(any(s == start for s, _ in found) for _, found in chunks) >= 2]
    columns = [start for number, start in enumerate(columns) if not number or start - columns[number - 1] > 2]  # a
    # column a character or two off its own start is that column
    if not 2 <= len(columns) <= 6:
        return None
    chunks = [(number, _pushed(found, columns)) for number, found in chunks]
    if any(start not in columns for _, found in chunks for start, _ in found):
        return None  # a word that starts in no column: prose or code, not a table
    rows: list[tuple[int, int, list[list[str]]]] = []
    for number, found in chunks:
        if found[0][0] == columns[0] or not rows:
            rows.append((number, number, [[] for _ in columns]))
        first, _, cells = rows[-1]
        rows[-1] = (first, number, cells)
        for start, text in found:
            cells[columns.index(start)].append(text)
            over = [i for i, column in enumerate(columns) if start < column < start + len(text)]
            for index in over:  # "status change at Searchpoint event JSON" run over the next column's start:
                if not any(s == columns[index] for s, _ in found):  # where one cell ends is not known, and
                    cells[index].append(text)  # the next is no empty cell
    if len(rows) < 2 or sum(1 for _, _, cells in rows if sum(1 for c in cells if c) >= 2) < len(rows) * 0.6:
        return None
    made = [Row([Cell(" ".join(pieces), Span(first, 1, last, 1)) for pieces in cells], Span(first, 1, last, 1))
            for first, last, cells in rows
            if not all(re.fullmatch(r"[-=\s]*", " ".join(pieces)) for pieces in cells)]  # a ruler under the header
    if len(made) < 2:
        return None
    head = made[0]
    if any(ch.isdigit() for cell in head.cells for ch in cell.text):  # "Transient   429, 503": a row, no header
        return Table([Cell("", head.span) for _ in columns], made, span)
    return Table(head.cells, made[1:], span)


def _grid(block: Paragraph) -> Table | None:
    lines = block.text.split("\n")
    if len(lines) < 3 or not _GRID_BORDER.match(lines[0]) or not all(
            _GRID_BORDER.match(line) or _GRID_ROW.match(line) for line in lines):
        return None
    groups: list[list[tuple[int, str]]] = [[]]
    for offset, line in enumerate(lines):
        if _GRID_BORDER.match(line):
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append((block.span.line + offset, line))
    groups = [group for group in groups if group]
    if len(groups) == 2 and len(groups[1]) > 1:  # rows not ruled apart: a line with a first cell starts a row
        body: list[list[tuple[int, str]]] = []
        for number, line in groups[1]:
            first = line.strip().strip("|").split("|")[0]
            starts = first.strip()  # " (RallyDesk -> court-sync)", indented or an aside: the cell above goes on
            if starts and not first.startswith("  ") and not starts.startswith("(") or not body:
                body.append([])
            body[-1].append((number, line))
        groups = [groups[0], *body]
    if len(groups) < 2:
        return None
    rows = []
    for group in groups:
        columns: list[list[str]] = []
        for _, line in group:  # a cell wrapped over lines: its pieces joined
            for index, piece in enumerate(line.strip().strip("|").split("|")):
                if index == len(columns):
                    columns.append([])
                columns[index].append(piece.strip())
        first, last = group[0][0], group[-1][0]
        rows.append(Row([Cell(" ".join(p for p in pieces if p), Span(first, 1, last, 1)) for pieces in columns],
                        Span(first, 1, last, 1)))
    return Table(rows[0].cells, rows[1:], block.span)

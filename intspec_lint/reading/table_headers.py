"""Tables whose header row is not a plain row of column names, rewritten into the tables the readers know:

- a header flattened from two rows (a Word or pandoc export of merged header cells): "| Direction | Backoff |
  | | Circuit breaker | |" over "| | Strategy | Initial delay | ... | Opens after | Open for |". The second row
  names the columns the first groups; a column either row leaves unnamed takes the other's name;
- columns after the first that are alert levels ("| Measure | Amber | Red |"), each cell the threshold for
  its level: the "Metric | Threshold | Alert" table they stand for;
- blank cells the document says stand for the cell above ("in this export a merged cell shows as blank in the
  rows below its first row"): that cell's words;
- a field mapping whose first two columns are headed by the two systems the title names ("| QuayLedger | OrderDesk |
  Rule |" under "QuayLedger ⇄ FrostLine OrderDesk") over field names: the source and target fields.
"""

from __future__ import annotations

import re

from ..document.model import Cell, ListBlock, Row, Section, Table

_NAME = re.compile(r"^[^\d|]{1,40}$")  # a column's name: short words, no number (a value would have one)


def merged_headers(root: Section) -> None:
    """Give each table whose header was flattened from two rows the header its second row completes (in place)."""
    for section in root.walk():
        section.blocks = [_completed(block) or block if isinstance(block, Table) else block for block in section.blocks]


def _completed(table: Table) -> Table | None:
    if not table.rows or len(table.header) < 3:
        return None
    top = [cell.text.strip(" *_") for cell in table.header]
    second = [cell.text.strip(" *_") for cell in table.rows[0].cells]
    if len(second) != len(top) or "" not in top or second[0] or not all(_NAME.match(name) for name in second if name):
        return None  # a grouped header leaves cells empty; the row below it names the columns, its first cell empty
    if sum(1 for name in second if name) < 2 or any(not a and not b for a, b in zip(top, second)):
        return None
    header = [Cell(below or above, cell.span) for above, below, cell in zip(top, second, table.header)]
    return Table(header, table.rows[1:], table.span)


# -- a table of thresholds per alert level: "| Measure | Amber | Red |", "| Signal | Warning | Critical |" --------
_LEVEL_HEADER = re.compile(r"^\W*(?:amber|red|green|yellow|orange|warn(?:ing)?|crit(?:ical)?|major|minor|high|low|medium|"
                           r"info|page|ticket|p[1-5]|sev(?:erity)?[- ]?[1-5])\b(?:\s*\([^)]*\))?\W*$", re.I)  # "Red (PagerDuty)"


def level_columns(root: Section) -> None:
    """Turn each table whose columns after the first are alert levels, each cell the threshold for that level,
    into the "Metric | Threshold | Alert" table it stands for (in place), in a section or a list item: the first
    level's cell is the threshold, and every level with its threshold is the alert."""
    for section in root.walk():
        section.blocks = _levelled(section.blocks)


def _levelled(blocks: list) -> list:
    out = []
    for block in blocks:
        if isinstance(block, ListBlock):
            for item in block.items:
                item.blocks = _levelled(item.blocks)
        out.append(_by_level(block) or block if isinstance(block, Table) else block)
    return out


_NO_VALUE = re.compile(r"n/?a|none|not\s+(?:used|set|applicable)|no\s+alert", re.I)


def _by_level(table: Table) -> Table | None:
    levels = table.header[1:]
    if not levels or not all(_LEVEL_HEADER.match(cell.text) for cell in levels):
        return None
    header = [Cell("Metric", table.header[0].span), Cell("Threshold", levels[0].span), Cell("Alert", levels[0].span)]
    rows = []
    for row in table.rows:
        said = [(level.text.strip(" *"), cell) for level, cell in zip(levels, row.cells[1:])
                if cell.text.strip(" —–-") and not _NO_VALUE.fullmatch(cell.text.strip(" *_"))]  # "n/a": no level
        if not row.cells or not said:
            continue
        alert = "; ".join(f"{level}: {cell.text}" for level, cell in said)
        rows.append(Row([row.cells[0], said[0][1], Cell(alert, said[0][1].span)], row.span))
    return Table(header, rows, table.span) if rows else None


# -- blank cells that repeat the cell above, where the document says so --------------------------------------------
_DITTO_RULE = re.compile(r"\b(?:merged\s+cells?|(?:a\s+)?(?:blank|empty)\s+cells?|cells?\s+left\s+(?:blank|empty)|ditto)\b"
                         r"[^.\n]{0,120}?\b(?:(?:rows?|cells?|lines?|values?)\s+above|above\s+it|its\s+first\s+row|"
                         r"same\s+as\s+(?:the\s+)?(?:one\s+)?above)\b", re.I)


def ditto_cells(root: Section, lines: list[str]) -> None:
    """Where the document says a blank cell stands for the one above it (a merged cell of an export), give each
    blank body cell under a filled one that cell's words (in place); elsewhere a blank cell is blank."""
    text = " ".join(line.strip().lstrip(">").strip() for line in lines)  # (a note wraps, in a quote or not)
    if ("above" not in text and "first row" not in text) or not _DITTO_RULE.search(text):
        return
    for section in root.walk():
        for table in (block for block in section.blocks if isinstance(block, Table)):
            for above, row in zip(table.rows, table.rows[1:]):
                if len(above.cells) != len(row.cells) or not any(cell.text.strip() for cell in row.cells):
                    continue
                row.cells = [Cell(over.text, cell.span) if not cell.text.strip() and over.text.strip() else cell
                             for over, cell in zip(above.cells, row.cells)]


def system_columns(root: Section) -> None:
    """Name the first two columns of each table headed by the two systems of the title, over field names (`booking.ref`
    under "QuayLedger", `booking_ref` under "OrderDesk"), the source and the target field, in that order (in place)."""
    title = next((section.title for section in root.walk() if section.level), "").lower()
    if not title:
        return
    for section in root.walk():
        for table in (block for block in section.blocks if isinstance(block, Table)):
            names = [cell.text.strip(" *_`").lower() for cell in table.header[:2]]
            if len(names) < 2 or names[0] == names[1] or not all(
                    _SYSTEM_NAME.match(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title) for name in names):
                continue
            coded = sum(1 for row in table.rows if len(row.cells) >= 2 and all(_FIELD.search(c.text) for c in row.cells[:2]))
            if len(table.rows) >= 2 and coded * 3 >= len(table.rows) * 2:
                table.header = [Cell("Source field", table.header[0].span), Cell("Target field", table.header[1].span),
                                *table.header[2:]]


_FIELD = re.compile(r"`[A-Za-z_][\w.\[\]-]*`")  # a field's name in code: `booking.ref`, not a URL or a value
_SYSTEM_NAME = re.compile(r"^[a-z][\w.-]*(?:\s[\w.-]+){0,2}$")  # one to three words, a name


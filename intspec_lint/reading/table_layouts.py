"""Layouts held in tables and lists, rewritten into the tables and sections the readers know:

- a table whose columns are the units and whose rows are the fields, turned to a row per unit;
- one register table holding the whole spec, a fact per row ("Section | Item | Specification",
  as integration registers and spreadsheet exports are). A table is a register when its header is
  not one the vocabulary knows (a flow or mapping table is not) and the first cells of most of its
  rows name a part of the spec ("Overview", "Retry", "Contract: Create order"). Each run of rows
  with the same first cell becomes a section whose rows are list items, "Item: Specification"; a
  JSON body in a code span ("Example request | `{...}`") becomes a code block on its row, where a
  contract reads its examples;
- a run of list items that are records of one part ("- **`vin`**: source type: string; ..."), made
  the table it stands for.
"""

from __future__ import annotations

import re
from collections import Counter

from ..document.model import Cell, ListBlock, ListItem, Row, Section, Table
from ..span import Span
from .statements import decision_table
from .text import ARROW
from .values import says_nothing

_MIN_ROWS = 5
_MIN_PARTS = 3
_SHARE = 0.6  # of the rows whose first cell names a part


_NAME_FIELDS = {"auth": "system", "flows": "name", "monitoring": "metric", "errors": "category",
                "idempotency": "operation"}


_SIGN_OFF = re.compile(r"^\W*(?:name|date|decision|approved|approval|sign(?:ed|ature|-?off)|role|status|comments?)\W*$",
                       re.I)


def transpose_tables(root: Section, vocab) -> None:
    """Turn a table whose columns are the units and whose rows are the fields ("| | AgriMet | Hydrant |"
    over "Mechanism | ... | ...", "Rotation | ... | ...") into one with a row per unit (in place), when the
    first column names fields of one part on most rows and the header names none."""
    for section in root.walk():
        section.blocks = [_transposed(block, vocab) or block if isinstance(block, Table) else block
                          for block in section.blocks]


def _transposed(table: Table, vocab) -> Table | None:
    if len(table.header) < 3 or len(table.rows) < 2 or vocab.table_part([c.text for c in table.header], ()):
        return None
    if sum(1 for cell in table.header if _SIGN_OFF.match(cell.text)) >= 2:
        return None  # "| Role | Name | Date | Decision |": who approved the document, no units of a part
    if len(table.header) > 1 and _VALUE_COLUMN.match(table.header[1].text):
        return None  # "| Part | Value | Notes |": each row's key, its value and a note, a card of one unit
    keys = [row.cells[0].text if row.cells else "" for row in table.rows]
    if any(key.lstrip(" *").startswith("`") or re.search(r"\S/\S", re.sub(r"`[^`]*`", "", key)) or
           len(re.sub(r"\([^)]*\)", "", key).split()) > 4 for key in keys):
        return None  # "`GET /sites?page=<n>`": rows of calls, not a field per row ("Permissions (vhost `w`)" is one)
    for part, name_field in _NAME_FIELDS.items():
        fields = [vocab.field(part, key) for key in keys]
        named = [f for f in fields if f and f != name_field]
        if len(named) < max(2, len(keys) // 2 + 1) or len(set(named)) < 2:
            continue
        if any(vocab.field(part, cell.text) not in (None, name_field) for cell in table.header[1:]):
            continue  # "| Actor | System | Role |": its header names fields too, so its rows are units, not fields
        name_word = next(iter(vocab.data["fields"][part][name_field]))
        header = [Cell(name_word, table.header[0].span), *[Cell(key, row.cells[0].span)
                                                            for key, row in zip(keys, table.rows)]]
        rows = []
        for column in range(1, len(table.header)):
            cells = [Cell(table.header[column].text, table.header[column].span)]
            cells += [row.cells[column] if column < len(row.cells) else Cell("", row.span) for row in table.rows]
            rows.append(Row(cells, table.header[column].span))
        return Table(header, rows, table.span)
    return None


_VALUE_COLUMN = re.compile(r"^\W*(?:values?|our\s+values?|settings?|notes?|comments?|remarks?|descriptions?|details?|"
                           r"meaning|explanation|what\s+it\s+(?:does|means))\W*$", re.I)
_BOLD_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*(.*)$")


def unfold_registers(root: Section, vocab, lines: list[str] | None = None) -> None:
    """Replace each register table under `root` by the sections it holds (in place); a register written as a
    list ("- **Retry: max attempts**: 5", item after item) is read as its table."""
    title = root.children[0] if len(root.children) == 1 else None  # "# Payment Events → Ledger": the spec's name
    for section in list(root.walk()):
        if section is not root and section is not title and vocab.section_parts(section.title):
            continue  # a table under "Retry policy" is that part's, whatever its rows name
        if lines is not None:
            section.blocks = [_as_table(block, lines, vocab) if isinstance(block, ListBlock) else block
                              for block in section.blocks]
        for block in list(section.blocks):
            if not isinstance(block, Table):
                continue
            register = block if _is_register(block, vocab) else _one_group_dropped(block, vocab)
            if register is not None:
                section.blocks.remove(block)
                section.children[:0] = _sections(register, section.level + 1, vocab)


def _one_group_dropped(table: Table, vocab) -> Table | None:
    """A register whose first column groups rows by a name that is no part ("| Integration sheet | Retry: max
    attempts | 5 |"): those rows read from their second cell on, as the rows beside them do; None when the table is
    still no register."""
    if len(table.header) < 3:
        return None
    rows = [Row(row.cells[1:], row.span) if len(row.cells) >= 3 and not _part_of(row.cells[0].text, vocab)[0]
            and _part_of(row.cells[1].text, vocab)[0] else row for row in table.rows]
    groups = {old.cells[0].text.strip() for new, old in zip(rows, table.rows) if new is not old}
    if len(groups) != 1 or re.fullmatch(r"\W*\d+\W*", next(iter(groups))):
        return None  # "| 3 | Triggers | RallyDesk webhooks |": a numbered list of questions, no group
    found = Table(table.header, rows, table.span)
    return found if _is_register(found, vocab) else None


def _as_table(block: ListBlock, lines: list[str], vocab):
    """A list whose every item is a bold label and its value, as the two-column table it stands for when that
    table is a register; otherwise the list."""
    rows = []
    for item in block.items:
        found = _BOLD_ITEM.match(lines[item.span.line - 1]) if not item.blocks and item.span.line <= len(lines) else None
        if found is None or "\n" in item.text.strip():  # a wrapped item would be cut at its first line
            return block
        rows.append(Row([Cell(found.group(1), item.span), Cell(found.group(2), item.span)], item.span))
    table = Table([Cell("Topic", block.span), Cell("Fact", block.span)], rows, block.span)
    return table if _is_register(table, vocab) else block


_SEGMENT = re.compile(r"\s+[—–]\s+|\s+-\s+|:\s+|\s+/\s+")  # "endpoints / telemetry webhook — Example"
_TITLES = {"overview": "Overview", "sla": "Service levels", "flows": "Data flows", "contracts": "API contracts",
           "auth": "Authentication", "errors": "Error handling", "retry": "Retry policy",
           "dead_letter": "Dead-letter handling", "monitoring": "Monitoring", "mappings": "Data mapping",
           "idempotency": "Idempotency"}


_UNIT_FACET = re.compile(r"^([A-Z]{1,4}-?\d{1,3}[a-z]?)\s+(\w.*)$")  # a unit's id, then a fact of it
_EXAMPLE_FACET = re.compile(r"(?:example|sample)\s+(?:request|response|message|payload|body|event)s?|"
                            r"(?:request|response|message|payload|event)\s+(?:example|sample)s?", re.I)


def _part_of(text: str, vocab) -> tuple[str, str, str]:
    """(part heading, unit heading, key) a register's first cell names, from its labelled segments:
    "Retry" -> ("Retry", "", ""); "Retry: max attempts" -> ("Retry", "", "max attempts"); "Contract: Create
    order" -> ("Contract", "Create order", ""); "Flow 1 — trigger" -> ("Flow 1", "", "trigger"); "Meridian
    event — headers" -> ("API contracts", "Meridian event", "headers"), the part told by its key; "Auth —
    hk-sync → TidyRoster — rotation" -> ("Auth", "hk-sync → TidyRoster", "rotation")."""
    segments = [s.strip(" *") for s in _SEGMENT.split(text.strip(" *")) if s.strip(" *`")]
    if len(segments) == 1 and ", " in segments[0] and vocab.section_parts(segments[0].split(",", 1)[0]):
        segments = [part.strip() for part in segments[0].split(",", 1)]  # "Auth, ShelterSpace side": part, unit
    segments = [s.strip("`") if s.count("`") <= 2 and s.startswith("`") and s.endswith("`") else s for s in segments]
    if not segments:
        return "", "", ""
    first = segments[0]
    unit = _UNIT_FACET.match(first) if len(segments) == 1 else None
    if unit and (vocab.field_exactly("contracts", unit.group(2)) or _EXAMPLE_FACET.fullmatch(unit.group(2))):
        return _TITLES["contracts"], unit.group(1), unit.group(2)  # "F1 endpoint", "F3 example response"
    parts = vocab.section_parts(first)
    if parts and len(segments) > 1 and parts[0] in _TITLES and not vocab.is_part_name(first):
        # "Meridian outbound events — transport": a unit of the part its words name, then the fact's key
        return _TITLES[parts[0]], first, " — ".join(segments[1:])
    if parts:
        part, title, rest = parts[0], first, segments[1:]
    else:
        part = next((p for p in _TITLES for segment in segments[::-1]
                     if p in vocab.data["fields"] and vocab.field_exactly(p, segment)), "")
        if not part:
            return "", "", ""
        title, rest = _TITLES[part], segments
    key = ""
    if rest and part in vocab.data["fields"] and (vocab.field_exactly(part, rest[-1]) or len(rest) > 1):
        key = rest.pop()
    return title, " — ".join(rest), key


def _same_unit(a: str, b: str) -> bool:
    """Two names of one unit on consecutive rows: equal, or the shorter's words (two at least, or one id) all in the
    longer, plurals aside ("Meridian outbound events", "Meridian event"; "Contract C1", "C1")."""
    if a == b:
        return True
    words = [{w.lower().rstrip("s") for w in re.findall(r"\w+", name)} for name in (a, b)]
    shorter, longer = sorted(words, key=len)
    if len(shorter) == 1 and _UNIT_ID.fullmatch(next(iter(shorter))):
        return shorter <= longer  # "Contract C1: upsert reservation", then "C1 request fields": the unit by its id
    return len(shorter) >= 2 and shorter <= longer


_UNIT_ID = re.compile(r"[a-z]{1,4}\d{1,3}")  # "c1", "f2", "if02": an id, lower-cased (one word)
_CALL_FIRST = re.compile(r"^\W*(?:GET|POST|PUT|PATCH|DELETE)\s+\S")
_CALL_PARTS = {"contracts", "errors", "idempotency", "status_codes"}  # what one call's card tells of it
_SETTING_NAME = re.compile(r"`[A-Za-z_][\w.\-\[\]]*`")


def _is_register(table: Table, vocab) -> bool:
    """Two columns or more whose first cell names a part (and maybe the unit and the fact's key) on most
    rows, over at least three parts: "Section | Item | Specification", "Aspect | Detail"."""
    if len(table.header) < 2 or len(table.rows) < _MIN_ROWS:
        return False
    if len(table.header) > 2 and not table.header[0].text.strip():
        return False  # "| | Northwind | Globex |": a setting per variant, each column one partner's
    if vocab.table_part([cell.text for cell in table.header], ()) is not None:
        return False
    called = sum(1 for row in table.rows if any(_CALL_FIRST.match(cell.text) for cell in row.cells[1:]))
    if called == 1 and all(set(vocab.section_parts(row.cells[0].text)) <= _CALL_PARTS for row in table.rows if row.cells):
        return False  # "| Call | `POST https://...` |" over Headers, Success, Errors, Idempotent: one call's card
    keys = sum(1 for row in table.rows if row.cells and _SETTING_NAME.fullmatch(row.cells[0].text.strip()))
    if keys * 2 > len(table.rows):
        return False  # "| `PUBLISH_RETRY_ATTEMPTS` | `3` | ... |": a configuration's variables, each a key, no register
    named = [_part_of(row.cells[0].text, vocab) for row in table.rows if row.cells]
    parts = {found for title, _, _ in named if title for found in vocab.section_parts(title)}
    # rows that name their part in words, not only by a key ("Owner", "Status" in a document's header
    # table are keys of some part, and no register)
    said = sum(1 for row in table.rows if row.cells and vocab.section_parts(_SEGMENT.split(row.cells[0].text)[0]))
    return (sum(1 for title, _, _ in named if title) >= _SHARE * len(table.rows) and len(parts) >= _MIN_PARTS
            and said >= 2)


def _sections(table: Table, level: int, vocab) -> list[Section]:
    """One section per run of rows under the same part; the units of one part ("Contract: A",
    "Contract: B") are sub-sections of one section named by the part; a fact's key, when the first cell
    gives it, leads its item ("Retry: max attempts | 5" -> "max attempts: 5")."""
    sections: list[Section] = []
    current: Section | None = None
    rows = [row for row in table.rows if row.cells]
    named = [_part_of(row.cells[0].text, vocab) for row in rows]
    for at, (part, unit, key) in enumerate(named):
        following = named[at + 1] if at + 1 < len(named) else ("", "", "")
        if not part and following[1]:  # "Meridian outbound events — transport" before "Meridian event — headers"
            segments = [seg.strip(" *`") for seg in _SEGMENT.split(rows[at].cells[0].text.strip(" *`"))]
            if len(segments) > 1 and _same_unit(segments[0], following[1]):
                named[at] = (following[0], following[1], " — ".join(segments[1:]))
    rows_of = Counter(found[:2] for found in named)
    columns = _unit_columns(table, vocab)
    for row, (part, unit, key) in zip(rows, named):
        cells = row.cells[1:]
        if columns and part and set(vocab.section_parts(part)) & _PER_SYSTEM:  # "| Auth: rotation | every 180 days | — | renewed hourly |" under "| Capability | DockNet |
            # Kafka | Ops |": each column one system's, its cell that system's fact
            parent = sections[-1] if sections and sections[-1].title == part else None
            if parent is None:
                parent = Section(part, level, row.cells[0].span)
                sections.append(parent)
            for name, cell in zip(columns, cells):
                if not says_nothing(cell.text):
                    _by_column(parent, unit, key, name, cell, row.span, level)
            parent.end_line = row.span.end_line
            current = None
            continue
        if key:
            cells = [Cell(key, row.cells[0].span), *cells]
        elif unit and ARROW.search(unit) and "mappings" in vocab.section_parts(part):
            typed = _typed(unit, cells)  # (its last cell then read as the types, no longer a cell of its own)
            cells, unit = [Cell(typed, row.cells[0].span), *(cells[:-1] if typed != unit else cells)], ""
            # "Mapping: `a` → `b` | Copied | int → int": one field's mapping, its source and target named by the unit,
            # its transform and its types ("`a` (int) → `b` (int)") by the cells
        elif len(row.cells) == 2 and unit and rows_of[part, unit] == 1:
            cells, unit = [Cell(unit, row.cells[0].span), *cells], ""  # "Flow: ARI push | A → B; ...": one row
        if not part and current is not None:  # a row that names no part continues the unit above
            first = [seg.strip(" *`") for seg in _SEGMENT.split(row.cells[0].text.strip(" *`")) if seg.strip(" *`")]
            if len(first) > 1 and _same_unit(first[0], current.title):
                first = first[1:]  # "TidyRoster room update — example request": the unit's own key
            current.blocks[-1].items.append(_item([Cell(" — ".join(first), row.cells[0].span), *row.cells[1:]],
                                                  row.span))
            for section in (sections[-1], current):
                section.end_line = row.span.end_line
            continue
        if not part:
            part, unit = row.cells[0].text, ""
        elif unit and sections and sections[-1].children and _same_unit(sections[-1].children[-1].title, unit):
            part = sections[-1].title  # "Meridian event — response" after "— headers": the same unit, same part
            unit = sections[-1].children[-1].title
        parent = sections[-1] if sections and sections[-1].title == part else None
        if parent is None:
            parent = Section(part, level, row.cells[0].span)
            sections.append(parent)
        target = parent
        if unit:
            if not parent.children or parent.children[-1].title != unit:
                parent.children.append(Section(unit, level + 1, row.cells[0].span))
            target = parent.children[-1]
        current = target
        if not target.blocks:
            target.blocks.append(ListBlock([], False, row.span))
        target.blocks[-1].items.append(_item(cells, row.span))
        for section in (parent, target):
            section.end_line = row.span.end_line
    return sections


_TYPES = re.compile(r"^\s*([\w\s]{2,30}?)\s*(?:→|->)\s*([\w\s,]{2,40}?)\s*$")  # "int → int", "string → string, nullable"


def _typed(unit: str, cells: list[Cell]) -> str:
    """A mapping unit "`a` → `b`" with its types from a last cell that holds only them ("int → int"): "`a` (int) →
    `b` (int)"; the unit as it is otherwise."""
    types = _TYPES.match(cells[-1].text) if len(cells) >= 2 else None
    sides = ARROW.split(unit, maxsplit=1)
    if types is None or len(sides) != 2 or ARROW.search(sides[1]):
        return unit
    return f"{sides[0].strip()} ({types.group(1)}) → {sides[1].strip()} ({types.group(2)})"
_PER_SYSTEM = {"auth", "errors", "retry", "dead_letter", "idempotency", "monitoring"}  # facts each side has of its own
_NO_UNIT = re.compile(r"^\W*(?:details?|values?|notes?|specification|description|decision|answer|comments?|remarks?|"
                      r"settings?|configuration|evidence|source|owner|status|rationale|example|requirements?|"
                      # environments and versions: a setting's value per environment, no system
                      r"dev|development|test|testing|stag(?:e|ing)|uat|qa|pre-?prod|prod|production|sandbox|live|"
                      r"today|now|before|after|current|target|old|new|v\d+(?:\.\d+)*|"
                      # what the cells hold, not whose: "How we handle it", "Numbers", "Limits"
                      r"(?:how|what|why|when|where|who|which)\b.*|numbers?|figures?|limits?|amounts?|thresholds?|"
                      r"measures?|parameters?|params|defaults?|handling|approach)\W*$", re.I)


def _unit_columns(table: Table, vocab) -> list[str] | None:
    """The names of the columns after the first when each names a unit (a system, a party) rather than what its cells
    hold: "| Capability | DockNet | Confluent Cloud | CityCycle Ops |", two of them at least."""
    names = [cell.text.strip(" *`") for cell in table.header[1:]]
    if len(names) < 2 or any(not name or _NO_UNIT.match(name) or vocab.section_parts(name) or
                             any(vocab.field(part, name) for part in _NAME_FIELDS) for name in names):
        return None
    return names


def _by_column(parent: Section, unit: str, key: str, name: str, cell: Cell, span: Span, level: int) -> None:
    """One system's cell of a register row: a fact of that system's sub-section ("mechanism: OAuth 2.0 ..."), or,
    where the row names a unit of its own ("Errors: transient"), an item of that unit keyed by the system."""
    title, label = (unit, name) if unit else (name, key)
    target = next((child for child in parent.children if child.title == title), None)
    if target is None:
        target = Section(title, level + 1, cell.span)
        parent.children.append(target)
    if not target.blocks:
        target.blocks.append(ListBlock([], False, span))
    target.blocks[-1].items.append(ListItem(f"{label}: {cell.text.strip()}" if label else cell.text.strip(), span))
    target.end_line = span.end_line


def _item(cells: list[Cell], span: Span) -> ListItem:
    texts = [cell.text.strip() for cell in cells]
    key, rest = (texts[0], "; ".join(t for t in texts[1:] if t)) if len(texts) > 1 else ("", texts[0] if texts else "")
    return ListItem(f"{key}: {rest}" if key and rest else key or rest, span)


# -- a table of one column: "| Notes |" over a sentence per row -------------------------------------------------
def paragraphs_of_notes(root: Section) -> None:
    """Turn each one-column table into the list its rows are (in place): a column has no header to read
    its cells by, so each row is a note in prose, as the same sentences in a list would be."""
    for section in root.walk():
        section.blocks = [
            ListBlock([ListItem(row.cells[0].text, row.span) for row in block.rows if row.cells
                       and row.cells[0].text.strip()], False, block.span)
            if isinstance(block, Table) and len(block.header) == 1 and block.rows else block
            for block in section.blocks]


# -- a table of pairs: "| Item | Details |" over "| Mechanism | OAuth 2.0 ... |" ----------------------------------
def listify_pairs(root: Section, vocab) -> None:
    """Turn each two-column table of "key | value" pairs whose header names no part's columns ("Item |
    Details", "Property | Value") into the list of "key: value" items it stands for (in place), so that
    a fact reads the same in a table of pairs as in a list."""
    for section in root.walk():
        section.blocks = [_pairs_list(block, vocab) or block if isinstance(block, Table) else block
                          for block in section.blocks]


_CALL = re.compile(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+`?(?:https?://|/)")  # a call, opening a row's value


# a questionnaire's columns: "| # | Question | Answer | Evidence |", "| Ref | Requirement | How we meet it |", "| Ref |
# Requirement | Customer response | Status |"
_QUESTION = re.compile(r"^\W*(?:questions?|q|requirements?|checks?|asks?|topics?|items?)\W*$", re.I)
_ANSWER = re.compile(r"^\W*(?:(?:our\s+|the\s+|[\w'-]+\s+)?(?:answers?|responses?|replies|reply)|a|how\s+we\s+(?:meet|do)\s+it|"
                     r"(?:our\s+)?position)\W*$", re.I)
_ASIDE = re.compile(r"^\W*(?:#|no\.?|ids?|refs?|evidence|sources?|references?|see|where|owners?|status|links?)?\W*$", re.I)


def _question_columns(table: Table) -> Table | None:
    """A questionnaire's table seen as the pairs it holds: its question and answer columns, without the
    row number and the evidence beside them ("| # | Question | Answer | Evidence |"); None for another table."""
    names = [cell.text.strip() for cell in table.header]
    question = next((i for i, name in enumerate(names) if _QUESTION.match(name)), None)
    answer = next((i for i, name in enumerate(names) if _ANSWER.match(name)), None)
    if question is None or answer is None or answer < question or not all(
            _ASIDE.match(name) for i, name in enumerate(names) if i not in (question, answer)):
        return None
    if len(names) == 2:
        return table
    keep = (question, answer)
    return Table([table.header[i] for i in keep],
                 [Row([row.cells[i] for i in keep], row.span) for row in table.rows if len(row.cells) == len(names)],
                 table.span)


def _pairs_list(table: Table, vocab) -> ListBlock | None:
    asked = _question_columns(table)
    if asked is not None and len(asked.rows) >= 2 and all(row.cells[0].text.strip() for row in asked.rows):
        # a question is a key, however long, and an answer that opens with a call answers "F1 endpoint?"
        return ListBlock([_item(row.cells, row.span) for row in asked.rows], False, table.span)
    if len(table.header) != 2 or len(table.rows) < 2 or vocab.table_part([c.text for c in table.header], ()) \
            or decision_table(table):
        return None  # a part's own table; a decision log, read as its decisions with the reasons kept as prose
    if any(len(row.cells) != 2 or not row.cells[0].text.strip() or len(row.cells[0].text.split()) > 8
           or row.cells[0].text.lstrip(" *").startswith("`") for row in table.rows):
        return None  # a row of a field table ("`order_id` | string"), an empty key: no list of pairs
    if sum(1 for row in table.rows if re.search(r"\s[—–]\s", row.cells[0].text)) * 2 >= len(table.rows):
        return None  # "| Plant Portal — renewal | every 120 days |": keys of two parts, read as rows
    # "| F2 batch post | `POST /v1/roast-batches`, 20-30/day |": a summary of calls, no unit's pairs, and a call
    # near the start of a value would read as an endpoint of its own; a glossary whose "Dose request" row says
    # "One dose a scan. ScanPlan sends it (`POST ...`) when ..." is pairs
    if any((m := _CALL.search(row.cells[1].text)) and m.start() <= 40
           and not row.cells[1].text[:m.start()].rstrip(" `").endswith("(") for row in table.rows):
        return None  # (a call in brackets is an aside)
    return ListBlock([_item(row.cells, row.span) for row in table.rows], False, table.span)


# -- a list of records: "- **`vin`**: source type: string; target field: `vehicle_vin`; ..." ----------------
_RECORD_LEAD = re.compile(r"(?<=[^:;\n]):\s+")  # where a record's lead may end
_RECORD_PAIR = re.compile(r"^\s*([A-Za-z][\w /()-]{0,30}?):\s*(.*?)\s*$", re.S)
# the field a record's lead stands for, by the part its keys name
_LEAD_FIELDS = {"mappings": "source_field", "flows": "name", "monitoring": "metric", "errors": "category",
                "auth": "system", "idempotency": "operation", "schema_fields": "field", "status_codes": "code"}


def tabulate_records(root: Section, vocab) -> None:
    """Turn each run of list items that are records of one part ("- **`vin`**: source type: string; target
    field: `vehicle_vin`; transform: uppercase") into the table it stands for (in place): the lead is the
    record's name, each "key: value" a column. Lists written one after the other are one list to Markdown,
    so a run ends where the keys change."""
    for section in root.walk():
        blocks = []
        for block in section.blocks:
            blocks += (_records_blocks(block, vocab) or [block]) if isinstance(block, ListBlock) else [block]
        section.blocks = blocks


def _readings(item: ListItem) -> list[tuple[str, dict[tuple[str, int], str]]]:
    """Each way to read the item as a record: a lead, then "key: value" fields. The lead may end at any colon
    after which the rest reads as fields ("Run latency: last batch after close: Threshold: > 3 h; Alert: ..."
    reads with the lead "Run latency" or "Run latency: last batch after close"); its run of records picks."""
    text = item.text.strip()
    if item.blocks:
        return []
    found = []
    for lead in _RECORD_LEAD.finditer(text):
        if lead.start() > 80 or any(mark in text[:lead.start()] for mark in ";\n"):
            break
        fields = _fields(text[lead.end():])
        if fields is not None:
            found.append((text[:lead.start()].strip(), fields))
    return found


def _records(items: list[ListItem]) -> list[tuple[str, dict[tuple[str, int], str]] | None]:
    """Each item's record, read the way that shares the most keys with the run's other records: the keys
    most of its items can be read with."""
    readings = [_readings(item) for item in items]
    votes: Counter = Counter(key for found in readings for key in {k for _, fields in found for k in fields})
    return [max(found, key=lambda r: (sum(votes[k] for k in r[1]), -len(r[0]))) if found else None
            for found in readings]


def _fields(text: str) -> dict[tuple[str, int], str] | None:
    """Each field keyed by its name and the how-many-th of that name it is: "Type: integer; Target: zone;
    Type: string" holds two types, the source's and the target's, told apart by where they stand."""
    fields: dict[tuple[str, int], str] = {}
    for piece in text.split(";"):
        pair = _RECORD_PAIR.match(piece)
        if pair:
            name = pair.group(1).strip().lower()
            fields[(name, sum(1 for key in fields if key[0] == name))] = pair.group(2)
        elif fields:  # "Transform: parse; convert to UTC": a value that holds a semicolon
            last = next(reversed(fields))
            fields[last] += f"; {piece.strip()}"
        else:
            return None
    return fields or None


def _records_blocks(block: ListBlock, vocab) -> list | None:
    """The list as its runs of records made tables, the other items left a list; None when no run is."""
    runs: list[list] = []  # [items, keys of the first record or None]
    for item, record in zip(block.items, _records(block.items)):
        keys = set(record[1]) if record else None
        if runs and keys is not None and runs[-1][1] is not None and len(keys & runs[-1][1]) >= min(2, len(keys)):
            runs[-1][0].append((item, record))  # one whose cells are the run's, some left out ("Partial: Examples: ...")
        elif keys is not None and len(keys) < 2:
            runs.append([[(item, None)], None])
        elif runs and keys is None and runs[-1][1] is None:
            runs[-1][0].append((item, None))
        else:
            runs.append([[(item, record)], keys])
    out, made = [], False
    for items, keys in runs:
        table = _records_table([(item.span, record) for item, record in items], block.span, vocab) \
            if keys is not None and len(items) >= 2 else None
        if table is not None:
            out.append(table)
            made = True
        else:
            plain = [item for item, _ in items]
            out.append(ListBlock(plain, block.ordered, Span(plain[0].span.line, 1, plain[-1].span.end_line,
                                                           plain[-1].span.end_column)))
    return out if made else None


def _records_table(records: list, span: Span, vocab) -> Table | None:
    keys = list(dict.fromkeys(key for _, (_, fields) in records for key in fields))
    best: tuple[int, list[str]] | None = None  # the part whose columns the keys name most of
    for part, lead_field in _LEAD_FIELDS.items():
        named = {vocab.field(part, key) for key, _ in keys} - {None}
        if not named or lead_field in named:
            continue
        header = [next(iter(vocab.data["fields"][part][lead_field])), *(key for key, _ in keys)]
        found = vocab.table_part(header, ())
        # the header as a whole names the part's columns ("`users.phone`: type: ...; Nimbus field: ...; type: ...;
        # what happens: ..." is a mapping row by where its keys stand, as its table's header would be)
        if found is not None and found[0] == part and len(found[1]) >= 3 and (best is None or len(found[1]) > best[0]):
            best = (len(found[1]), header)
    if best is None:
        return None
    cells = [Cell(text, span) for text in best[1]]
    rows = [Row([Cell(lead, where), *[Cell(fields.get(key, ""), where) for key in keys]], where)
            for where, (lead, fields) in records]
    return Table(cells, rows, Span(records[0][0].line, 1, records[-1][0].end_line, records[-1][0].end_column))


def record_layout(table, columns: dict[int, str]) -> bool:
    """A record layout ("| From | To | Len | Field | PIC |" over "| 2 | 13 | 12 | `NOTICE-ID` |"): what its header
    words take for a flow's ends or a mapping's fields are byte positions, and its rows are a record's fields."""
    ends = [i for i, name in columns.items() if name in ("source", "destination", "source_field", "target_field")]
    cells = [row.cells[i].text.strip() for row in table.rows for i in ends if i < len(row.cells)]
    return bool(cells) and sum(1 for cell in cells if cell.isdigit()) * 2 > len(cells)


# -- a table of an enum's values translated one by one: "| Field | Source value | Target value |" --------------
# a comparison of what is with what will be: the spec is the target column; the current one is retired
_ASIDE_END = r"(?:\s*\([^)]*\))?\W*$"  # "Target state (chosen: Option B)": the column's name, then an aside
_BEFORE = re.compile(r"^\W*(?:current(?:\s+state)?|as[- ]is(?:\s+state)?|today|before(?:\s+cutover)?|old|legacy|existing|"
                     r"now|present)" + _ASIDE_END, re.I)
_AFTER = re.compile(r"^\W*(?:target(?:\s+state)?|to[- ]be(?:\s+state)?|after(?:\s+cutover)?|future(?:\s+state)?|proposed|"
                    r"new|planned)" + _ASIDE_END, re.I)
_DELTA = re.compile(r"^\W*(?:change[sd]?|delta|difference|what\s+changes|impact)\W*$", re.I)


_VERSION = re.compile(r"^\W*(?:v(?:ersion)?\s*)?(\d{1,3}(?:\.(?:\d{1,3}|x))*)(?:\s*\([^)]*\))?\W*$", re.I)


def _calls_in(table: Table) -> bool:
    return any(_CALL.search(cell.text) for row in table.rows for cell in row.cells)


def _version(head: str) -> tuple[int, ...] | None:
    """(3, 0, 0) of "3.0.0", "v3", "Version 2.x"; None of anything else."""
    match = _VERSION.match(head)
    return tuple(int(part) if part.isdigit() else 0 for part in match.group(1).split(".")) if match else None


def target_columns(root: Section) -> None:
    """Keep only the target of each current-versus-target table (in place): "| Flow | Current state | Target state |
    Change |" becomes "| Flow | Target state |", so its rows read as the design they state, not the one retired."""
    for section in root.walk():
        for table in (block for block in section.blocks if isinstance(block, Table)):
            heads = [cell.text for cell in table.header]
            before = [i for i, head in enumerate(heads) if _BEFORE.match(head)]
            after = [i for i, head in enumerate(heads) if _AFTER.match(head)]
            if not before and not after and not _calls_in(table):  # "| Setting | 2.x | 3.0.0 |": the older version
                versions = [(_version(head), i) for i, head in enumerate(heads) if _version(head)]  # retired, the newer
                if len(versions) == 2 and versions[0][0] != versions[1][0]:  # stated (calls compared describe none)
                    (_, before_at), (_, after_at) = sorted(versions)
                    before, after = [before_at], [after_at]
            if len(before) != 1 or len(after) != 1:
                continue
            keep = [i for i, head in enumerate(heads) if i not in before and not _DELTA.match(head)]
            table.header = [table.header[i] for i in keep]
            for row in table.rows:
                row.cells = [row.cells[i] for i in keep if i < len(row.cells)]


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
from collections import Counter

from ..document.model import Cell, ListBlock, ListItem, Paragraph, Row, Section, Table
from ..span import Span

_MIN_ROWS = 5
_MIN_PARTS = 3
_SHARE = 0.6  # of the rows whose first cell names a part
_ASIDE = re.compile(r"(?:(?<=\*\*)|(?<=__)|(?<=\w))\s*\([^()]{1,80}\)[.:]?\s*$")  # a remark in brackets after a bold title
_TRAILING_COMMENT = re.compile(r"\s*<!--.*?-->\s*$")


_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+([A-Z][^.:;!?|`]{1,70}?)\s*$")  # "4.3.  Block card (F3)"
_MIN_NUMBERED = 3


def promote_numbered_headings(root: Section, lines: list[str]) -> None:
    """Plain-text headings (RFC style): a line alone that opens with a section number ("4.3.  Block
    card (F3)", "7.  Retransmission") heads what follows it, nested by its number's depth, when a
    section holds three such lines or more (in place)."""
    for section in list(root.walk()):
        found = [(index, heading) for index, block in enumerate(section.blocks)
                 for heading in [_numbered(block, lines)] if heading]
        if len(found) < _MIN_NUMBERED:
            continue
        heads = dict(found)
        kept: list = []
        stack: list[tuple[int, Section]] = []  # (depth, section) of the headings open
        made: list[Section] = []
        for index, block in enumerate(section.blocks):
            if index in heads:
                depth, title, span = heads[index]
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                child = Section(title, section.level + depth, span)
                child.end_line = span.end_line
                (stack[-1][1].children if stack else made).append(child)
                stack.append((depth, child))
                continue
            if stack:
                stack[-1][1].blocks.append(block)
                for _, open_section in stack:
                    open_section.end_line = max(open_section.end_line, block.span.end_line)
            else:
                kept.append(block)
        section.blocks = kept
        section.children[:0] = made


def _numbered(block, lines: list[str]) -> tuple[int, str, Span] | None:
    """(depth, title, span) of a block that is a numbered heading line, else None."""
    if isinstance(block, Paragraph) and "\n" not in block.text.strip():
        line = block.span.line
    elif isinstance(block, ListBlock) and block.ordered and len(block.items) == 1 and not block.items[0].blocks:
        line = block.items[0].span.line
    else:
        return None
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    match = _NUMBERED.match(raw)
    if not match:
        return None
    return match.group(1).count(".") + 1, match.group(2).strip(), Span(line, 1, line, len(raw) + 1)


_SUMMARY = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)</summary>\s*$", re.I)
_TAG = re.compile(r"<[^>]+>")


def promote_summaries(root: Section, lines: list[str]) -> None:
    """Make each toggle's summary (`<details><summary>C3 · Result webhook</summary>`, as Notion and wiki
    exports write collapsed parts) the heading of the blocks inside the toggle (in place)."""
    for section in list(root.walk()):
        kept: list = []
        promoted: list[Section] = []
        last = section.span.line
        for block in section.blocks:
            title = None
            for number in range(last + 1, block.span.line):  # the lines between the blocks: HTML the parser skipped
                match = _SUMMARY.match(lines[number - 1]) if number <= len(lines) else None
                if match:
                    title, line = _TAG.sub("", match.group(1)).strip(), number
            if title:
                heading = Section(title, section.level + 1, Span(line, 1, line, len(lines[line - 1]) + 1))
                promoted.append(heading)
            (promoted[-1].blocks if promoted else kept).append(block)
            if promoted:
                promoted[-1].end_line = block.span.end_line
            last = block.span.end_line
        if promoted:
            section.blocks = kept
            section.children[:0] = promoted


def promote_bold_headings(root: Section, lines: list[str], vocab) -> None:
    """Make each line of bold text alone the heading of a sub-section holding the blocks after it
    (in place). A paragraph that goes on below its bold first line keeps the rest in the section. The
    first block under the title is its subtitle ("**Spec ABC-12, version 3**"), unless it names a part."""
    for section in list(root.walk()):
        kept: list = []
        promoted: list[Section] = []
        for block in section.blocks:
            title = _bold_heading(block, lines)
            if title is not None and section.level == 1 and not kept and not promoted and not vocab.section_parts(title):
                title = None
            if title is not None and promoted and _field_label(title, vocab):
                title = None  # "**Request body**" under "**3.1 Create order**": the unit's own label, not a sibling
            if title is None:
                (promoted[-1].blocks if promoted else kept).append(block)
                continue
            span = block.span
            heading = Section(title, section.level + 1, Span(span.line, 1, span.line, len(lines[span.line - 1]) + 1))
            inline = _NUMBERED_LEAD.match(lines[span.line - 1])
            if inline:  # "**12. Dead letters.** Nothing is dropped. ...": the words after the lead stay
                at = block.text.find(title)
                rest, first = block.text[at + len(title):].lstrip(" .:—–-") if at >= 0 else block.text, span.line
            else:
                rest, first = (block.text.split("\n", 1)[1] if "\n" in block.text else ""), span.line + 1
            if rest.strip():
                heading.blocks.append(Paragraph(rest, Span(first, 1, span.end_line, span.end_column)))
            promoted.append(heading)
        if promoted:
            for heading in promoted:
                last = heading.blocks[-1].span.end_line if heading.blocks else heading.span.line
                heading.end_line = last
            section.blocks = kept
            section.children[:0] = _nest_by_number(promoted)


_OUTLINE_NUMBER = re.compile(r"^(?:[A-Z]|\d{1,2})((?:\.\d{1,2})*)\.?\s")  # "D.", "D.1", "3.2.1"


def _nest_by_number(headings: list[Section]) -> list[Section]:
    """Bold headings numbered as an outline ("**D. Contracts**", "**D.1 Report-ready notification**"): each
    nested under the one before it whose number it extends, as the headings they stand for were."""
    top: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for heading in headings:
        number = _OUTLINE_NUMBER.match(heading.title)
        depth = number.group(1).count(".") if number else None
        while stack and (depth is None or stack[-1][0] >= depth):
            stack.pop()
        if stack and depth is not None:
            parent = stack[-1][1]
            _deepen(heading, parent.level + 1)
            parent.children.append(heading)
            parent.end_line = max(parent.end_line, heading.end_line)
        else:
            top.append(heading)
        if depth is not None:
            stack.append((depth, heading))
    return top


def _deepen(section: Section, level: int) -> None:
    shift = level - section.level
    for each in section.walk():
        each.level += shift


_EXAMPLE_LABEL = re.compile(r"^(?:example|sample)s?\b|\b(?:request|response)\s+(?:body|headers?|example|fields)\b|"
                            r"^(?:request|response|headers?|body|payload|status\s+codes?)$", re.I)


def _field_label(title: str, vocab) -> bool:
    """A bold line that labels a part of the unit above it ("Request body", "Example response", "Status
    codes"), not a unit of its own."""
    return bool(_EXAMPLE_LABEL.search(title.strip(" :")) or vocab.field_exactly("contracts", title.strip(" :")))


# a numbered step or clause in bold, with its text after it on the line: "**12. Dead letters.** Nothing ..."
_NUMBERED_LEAD = re.compile(r"^(\*\*|__)(\d{1,2}[.)]\s[^*_\n]{2,80}?)\1\s*\S")


def _bold_heading(block, lines: list[str]) -> str | None:
    """The title of a paragraph whose first line is bold text alone ("**Retries**", "__DLQ:__"), or
    opens with a numbered bold lead ("**12. Dead letters.** Nothing is dropped")."""
    if not isinstance(block, Paragraph) or block.span.line > len(lines):
        return None
    numbered = _NUMBERED_LEAD.match(lines[block.span.line - 1])
    if numbered:
        return _ASIDE.sub("", numbered.group(2)).strip(" .:`") or None
    raw = _TRAILING_COMMENT.sub("", lines[block.span.line - 1]).strip()  # "**Retries** <!-- note -->"
    raw = _ASIDE.sub("", raw)  # "**NCSW to ClearPath** (how ClearPath trusts what comes back)."
    if len(raw) > 80 or not raw.startswith(("**", "__")) or not raw.rstrip(":").endswith(("**", "__")):
        return None
    labelled = raw.endswith(":") or raw.rstrip("*_").endswith(":")
    if labelled and "\n" in block.text and block.text.split("\n", 1)[1].strip():
        return None  # "**Method and URL**:" with its value wrapped onto the next line: a label, not a heading
    title = _ASIDE.sub("", block.text.split("\n", 1)[0].strip()).rstrip(":").strip()
    return title or None


_LABEL = re.compile(r"^(?:\*\*|__)([^*_]{1,60})(?:\*\*|__):?\s*(.*)$", re.S)  # "**Monitoring** (Grafana)"
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_PLAIN_LABEL = re.compile(r"^[\w][\w &/'’()–—-]{0,50}$")  # "Transient", "Who is alerted", "F1 – Fridge readings"


def unfold_outlines(root: Section, lines: list[str]) -> None:
    """Make the items of an outline sections (in place): a list whose items with nested blocks are
    all labels ("- **Error handling**", "- Transient", "- F1 – Fridge readings") stands for headings,
    each label heading what is nested under it, as a spec written as one deep bullet list is."""
    for section in list(root.walk()):
        _unfold(section, lines)


def _unfold(section: Section, lines: list[str]) -> None:
    kept: list = []
    unfolded: list[Section] = []
    for block in section.blocks:
        labels = _outline(block, lines)
        if labels is None:
            kept.append(block)
            continue
        rest = [item for item in block.items if id(item) not in labels]
        if rest:
            kept.append(ListBlock(rest, block.ordered, block.span))
        for item in block.items:
            if id(item) not in labels:
                continue
            title, tail = labels[id(item)]
            child = Section(title, section.level + 1, item.span)
            if tail:
                child.blocks.append(Paragraph(tail, Span(item.span.line, 1, item.span.line, 1)))
            child.blocks.extend(item.blocks)
            child.end_line = item.span.end_line
            _unfold(child, lines)
            unfolded.append(child)
    if unfolded:
        section.blocks = kept
        section.children[:0] = unfolded


def _outline(block, lines: list[str]) -> dict[int, tuple[str, str]] | None:
    """{id(item): (label, the rest of its line)} when `block` is an outline list, else None."""
    if not isinstance(block, ListBlock):
        return None
    labels: dict[int, tuple[str, str]] = {}
    parents = 0
    for item in block.items:
        if not any(isinstance(inner, ListBlock) for inner in item.blocks):
            continue
        parents += 1
        raw = lines[item.span.line - 1] if item.span.line <= len(lines) else ""
        label = _label(item.text, _MARKER.sub("", _TRAILING_COMMENT.sub("", raw)))
        if label is not None:
            labels[id(item)] = label
    # mostly labels ("- Overview", "- Error handling"), beside which a keyed item ("- Document: INT-12") with
    # children may stand; a list of facts with details below them is no outline
    if len(labels) < 2 and not (labels and parents == 1) or 4 * len(labels) < 3 * parents:
        return None
    return labels if 2 * len(labels) >= len(block.items) else None


def _label(text: str, raw: str) -> tuple[str, str] | None:
    """(label, rest of the line) of an item that heads what is nested under it, else None."""
    text = text.strip()
    if "\n" in text:
        return None
    bold = _LABEL.match(raw.strip())
    if bold:
        return bold.group(1).strip(), bold.group(2).strip()
    if _PLAIN_LABEL.match(text) and len(text.split()) <= 5:
        return text, ""
    return None


_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")  # "+------+-----+"
_GRID_ROW = re.compile(r"^\s*\|.*\|\s*$")


def grid_tables(root: Section) -> None:
    """Turn ASCII grid tables ("+----+----+" borders around "| a | b |" rows, as RFC-style and
    plain-text specs draw them) into tables, wherever they stand (in place)."""
    for section in root.walk():
        section.blocks = _with_grids(section.blocks)


def _with_grids(blocks: list) -> list:
    out = []
    for block in blocks:
        if isinstance(block, ListBlock):
            for item in block.items:
                item.blocks = _with_grids(item.blocks)
        table = _grid(block) if isinstance(block, Paragraph) else None
        out.append(table or block)
    return out


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
            starts = line.strip().strip("|").split("|")[0].strip()
            if starts or not body:
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


_NAME_FIELDS = {"auth": "system", "flows": "name", "monitoring": "metric", "errors": "category",
                "idempotency": "operation"}


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
    keys = [row.cells[0].text if row.cells else "" for row in table.rows]
    if any(key.lstrip(" *").startswith("`") or re.search(r"\S/\S", key) or len(key.split()) > 4 for key in keys):
        return None  # "`GET /sites?page=<n>`": rows of calls, not a field per row ("Permissions (vhost `w`)" is one)
    for part, name_field in _NAME_FIELDS.items():
        fields = [vocab.field(part, key) for key in keys]
        named = [f for f in fields if f and f != name_field]
        if len(named) < max(2, len(keys) // 2 + 1) or len(set(named)) < 2:
            continue
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


def unfold_registers(root: Section, vocab) -> None:
    """Replace each register table under `root` by the sections it holds (in place)."""
    for section in list(root.walk()):
        if section is not root and vocab.section_parts(section.title):
            continue  # a table under "Retry policy" is that part's, whatever its rows name
        for block in list(section.blocks):
            if isinstance(block, Table) and _is_register(block, vocab):
                section.blocks.remove(block)
                section.children[:0] = _sections(block, section.level + 1, vocab)


_SEGMENT = re.compile(r"\s+[—–]\s+|\s+-\s+|:\s+")
_TITLES = {"overview": "Overview", "sla": "Service levels", "flows": "Data flows", "contracts": "API contracts",
           "auth": "Authentication", "errors": "Error handling", "retry": "Retry policy",
           "dead_letter": "Dead-letter handling", "monitoring": "Monitoring", "mappings": "Data mapping",
           "idempotency": "Idempotency"}


def _part_of(text: str, vocab) -> tuple[str, str, str]:
    """(part heading, unit heading, key) a register's first cell names, from its labelled segments:
    "Retry" -> ("Retry", "", ""); "Retry: max attempts" -> ("Retry", "", "max attempts"); "Contract: Create
    order" -> ("Contract", "Create order", ""); "Flow 1 — trigger" -> ("Flow 1", "", "trigger"); "Meridian
    event — headers" -> ("API contracts", "Meridian event", "headers"), the part told by its key; "Auth —
    hk-sync → TidyRoster — rotation" -> ("Auth", "hk-sync → TidyRoster", "rotation")."""
    segments = [s.strip(" *") for s in _SEGMENT.split(text.strip(" *")) if s.strip(" *`")]
    segments = [s.strip("`") if s.count("`") <= 2 and s.startswith("`") and s.endswith("`") else s for s in segments]
    if not segments:
        return "", "", ""
    first = segments[0]
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
    """Two names of one unit on consecutive rows: equal, or the shorter's words (two at least) all in the
    longer, plurals aside ("Meridian outbound events", "Meridian event")."""
    if a == b:
        return True
    words = [{w.lower().rstrip("s") for w in re.findall(r"\w+", name)} for name in (a, b)]
    shorter, longer = sorted(words, key=len)
    return len(shorter) >= 2 and shorter <= longer


def _is_register(table: Table, vocab) -> bool:
    """Two columns or more whose first cell names a part (and maybe the unit and the fact's key) on most
    rows, over at least three parts: "Section | Item | Specification", "Aspect | Detail"."""
    if len(table.header) < 2 or len(table.rows) < _MIN_ROWS:
        return False
    if len(table.header) > 2 and not table.header[0].text.strip():
        return False  # "| | Northwind | Globex |": a setting per variant, each column one partner's
    if vocab.table_part([cell.text for cell in table.header], ()) is not None:
        return False
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
    for row, (part, unit, key) in zip(rows, named):
        cells = row.cells[1:]
        if key:
            cells = [Cell(key, row.cells[0].span), *cells]
        elif len(table.header) == 2 and unit and rows_of[part, unit] == 1:
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


def _item(cells: list[Cell], span: Span) -> ListItem:
    texts = [cell.text.strip() for cell in cells]
    key, rest = (texts[0], "; ".join(t for t in texts[1:] if t)) if len(texts) > 1 else ("", texts[0] if texts else "")
    return ListItem(f"{key}: {rest}" if key and rest else key or rest, span)


# -- a list of records: "- **`vin`**: source type: string; target field: `vehicle_vin`; ..." ----------------
_RECORD_LEAD = re.compile(r"^([^:;\n]{1,60}?):\s+(.+)$", re.S)
_RECORD_PAIR = re.compile(r"^\s*([A-Za-z][\w /()-]{0,30}?):\s*(.*?)\s*$", re.S)
# the field a record's lead stands for, by the part its keys name
_LEAD_FIELDS = {"mappings": "source_field", "flows": "name", "monitoring": "metric", "errors": "category",
                "auth": "system", "idempotency": "operation", "schema_fields": "field", "status_codes": "code"}


def tabulate_records(root: Section, vocab) -> None:
    """Turn each list whose items are records of one part ("- **`vin`**: source type: string; target field:
    `vehicle_vin`; transform: uppercase") into the table it stands for (in place): the lead is the record's
    name, each "key: value" a column."""
    for section in root.walk():
        section.blocks = [_records_table(block, vocab) or block if isinstance(block, ListBlock) else block
                          for block in section.blocks]


def _records_table(block: ListBlock, vocab) -> Table | None:
    if len(block.items) < 2 or any(item.blocks for item in block.items):
        return None
    records = []
    for item in block.items:
        lead = _RECORD_LEAD.match(item.text.strip())
        if not lead:
            return None
        fields: dict[str, str] = {}
        for piece in lead.group(2).split(";"):
            pair = _RECORD_PAIR.match(piece)
            if pair:
                fields[pair.group(1).strip().lower()] = pair.group(2)
            elif fields:  # "Transform: parse; convert to UTC": a value that holds a semicolon
                last = next(reversed(fields))
                fields[last] += f"; {piece.strip()}"
            else:
                return None
        if len(fields) < 2:
            return None
        records.append((lead.group(1).strip(), fields, item.span))
    keys = list(dict.fromkeys(key for _, fields, _ in records for key in fields))
    for part, lead_field in _LEAD_FIELDS.items():
        named = {vocab.field(part, key) for key in keys} - {None}
        if len(named) < 2 or lead_field in named:
            continue
        header = [next(iter(vocab.data["fields"][part][lead_field])), *keys]
        found = vocab.table_part(header, ())
        if found is None or found[0] != part:
            continue
        cells = [Cell(text, block.span) for text in header]
        rows = [Row([Cell(lead, span), *[Cell(fields.get(key, ""), span) for key in keys]], span)
                for lead, fields, span in records]
        return Table(cells, rows, block.span)
    return None

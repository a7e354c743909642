"""Data mapping: source field and type, target field and type, transform, default, nullable, enum maps.

From tables whose columns name a source and a target field (in any words, abbreviated, or by
position: "HRIS field | HRIS type | Payroll field | Payroll type"), and from list items written as
arrows ("`user.email` (string) → `contact_email` (varchar): lowercase"). A type written in brackets
after the field ("`code (char(8))`") is the field's type.
"""

from __future__ import annotations

import re

from ..model import Mapping, Value, evidence, given
from .cues import CUES
from .context import Reading
from .lazy_re import lazy
from .statements import Statement
from .table_layouts import record_layout
from .value_tables import header_field, value_table
from .text import finds
from .values import enum_pairs, value

_TYPE = r"[^()]*(?:\([^()]*\)[^()]*)*"  # "varchar(32), unique": one level of brackets inside
_MAP_ARROW = lazy(
    rf"^`?(?P<src>[^`→>]+?)`?\s*(?:\((?P<stype>{_TYPE})\))?\s*(?P<via>→|->|⟶|⇒|=>|\bmaps\s+to\b|(?<![\w-])to(?![\w-]))\s*"
    rf"`?(?P<dst>[^`(:;—–]+?)`?\s*(?:\((?P<dtype>{_TYPE})\))?\s*(?:(?:[:;—–]|(?<=\s)-\s|[.,](?=\s|$))\s*(?P<rule>.*))?$",
    re.I | re.S,
)
# a system's name before a side's field: "ScanTrol `CycleEnd` (string) → CaseLab `hardened_at` (string)"
_SYSTEM_BEFORE_FIELD = lazy(r"(?:^|(?<=→ )|(?<=-> ))\s*(?:[A-Z][\w-]*\s+){1,2}(?=`[^`]+`\s*(?:\(|→|->))")
# a payload template's placeholders take the source's fields into the target's shape: `{{ object.username }}`
_PLACEHOLDER = lazy(r"\{\{-?\s*[A-Za-z_$][\w$]*(?:\.[\w$]+|\[[^\]{}]+\])+\s*(?:\|[^{}]*)?-?\}\}")
_FIELD_FROM = lazy(r"^\s*[\"']?[A-Za-z_]\w*[\"']?\s*[:=]\s*(?:[\w.]+\()?\s*[a-z_]\w*(?:\.[A-Za-z_]\w*|\[[\"'][\w-]+[\"']\])",
                  re.M)
_TYPED_FIELD = lazy(r"^`?(?P<field>[\w.\[\]/$@-]+)`?\s*\((?P<type>[^()]*(?:\([^()]*\))?[^()]*)\)\s*$")


def mapped_in_code(text: str) -> bool:
    """A code block that builds one message from another's fields: a payload template (`{{ object.username }}`)
    or three fields or more set from a source's (`temp_c: F2C(s.t),`, `"email": user.email.lower()`). Evidence of
    a mapping, never read into rows."""
    return bool(_PLACEHOLDER.search(text)) or len(_FIELD_FROM.findall(text)) >= 3


def read(r: Reading) -> None:
    rows: dict[int, Mapping] = {}  # id(item statement) -> the mapping it states or belongs to
    untyped: set[int] = set()  # ids of the rows of tables with no column for a side's type
    arrow_rows: set[int] = set()  # the items that state a mapping
    translations: dict[int, object] = {}  # id(table) -> a table of an enum's values translated one by one
    lead: Statement | None = None  # the line a list stands under: "`dog.coat` becomes the coat type:"
    for statement in r.statements:
        if statement.shape in ("line", "sentence"):
            lead = statement if statement.text.rstrip(" *_").endswith(":") else None
        elif statement.shape != "item":
            lead = None
        if statement.shape == "row":
            if r.per_table("value-table", statement.table, lambda: value_table(statement.table)):
                translations[id(statement.table)] = statement.table
                continue
            kind = r.topics.table(statement.table, tuple(statement.placed))
            if kind is not None and kind[0] == "mappings" and not r.per_table(
                    "record-layout", statement.table, lambda: record_layout(statement.table, kind[1])) and not r.per_table(
                    "targets-measured", statement.table, lambda: _measured(statement.table, kind[1])):
                if _row(r, statement, kind[1]):  # no type column: the contract's declaration may give it
                    untyped.add(id(r.spec.mappings[-1]))
            elif kind is None and "mappings" in statement.placed and len(statement.row.cells) == 2:
                _pair(r, statement, *(cell.text for cell in statement.row.cells))
        elif (statement.shape == "item" or statement.shape == "line" and cue(statement.text)) and \
                "mappings" in statement.placed:  # a line of a paragraph only where it maps a field by an arrow
            owner = rows.get(id(statement.parent)) if statement.parent is not None else None
            if owner is not None:  # "  - Tenths of a degree: multiplied by 10", "  - `ok` → `G`": the row's rule
                rows[id(statement)] = owner
                rule = f"{owner.transform.text}; {statement.text}" if owner.transform else statement.text
                owner.transform = value(rule, owner.transform.span if owner.transform else statement.span)
                continue
            if statement.key and "`" not in statement.key and "`" in statement.value and _ARROW_IN.search(statement.key):
                # "AquaDesk → SplashGo (cancel): `status` `cancelled` → ...; ...": the systems, then rows too terse to
                # read one by one: evidence of a mapping, never a row named after a system
                continue
            if statement.shape in ("line", "item") and _ARROW_IN.search(statement.text) and \
                    not _ARROW_IN.search(re.sub(r"\([^()`]*\)", "", statement.text)):
                continue  # "**Listing fields mapped** (StockBook → UniformLoop)": the two systems, in brackets, named by
                # a caption; no field maps there
            if statement.shape in ("line", "item") and statement.text.rstrip(" *_").endswith(":") and not r.under(statement):
                continue  # "`mart_grower_clip_summary` → ClipHub:", "- **M-19** Field mapping, shop order → FLR licence:"
                # over a table: the two ends the rows below map (an item with its own items under it maps on)
            if _LOG_LINE.match(statement.text):
                continue  # "2025-06-03T07:52:14Z DEBUG mapper site LCARRA -> location VSL-02": a run's log, an example
            found = mapping_parts(statement.text)
            if found and statement.parent is None and lead is not None and _values_of(r, lead):
                continue  # "- `smooth` → `SM`" under "`dog.coat` becomes ...:": a value of that field, no field
            if found and not _groups(statement, found) and not _direction(found, r.spec.flows):
                row = Mapping(statement.span, **{k: value(v, statement.span) for k, v in found.items() if v},
                              group=id(statement.parent) if statement.parent is not None else id(statement.section))
                if row.transform is None and _same_kind(found["source_type"], found["target_type"]):
                    row.transform = value(statement.text, statement.span)  # "`id` (string) → `ext` (varchar(32))"
                if row.transform is None and _NOT_KEPT.match(found["target_field"]):
                    row.transform = row.target_field  # "`sent_at` (date-time) → not stored (logged)": nothing to do
                rows[id(statement)] = row
                arrow_rows.add(id(statement))
                r.spec.mappings.append(row)
    for span, fields in r.code_records("mappings"):
        found = {name: value(text, where) for name, (text, where) in fields.items()}
        if "source_field" in found or "target_field" in found:
            r.mark("mappings", span)
            r.spec.mappings.append(Mapping(span, **found))
    _declared_types(r.spec, [row for key, row in rows.items() if r.spec.mappings and key in arrow_rows])
    _declared_types(r.spec, [row for row in r.spec.mappings if id(row) in untyped], copies=False)
    previous = None
    for row in r.spec.mappings:
        if previous is not None and row.transform is not None and previous.transform is not None and \
                _SAME_AS_ABOVE.match(row.transform.text):  # "same; null when ..." under "`TO_TIMESTAMP_TZ(ms)`, UTC"
            row.transform = value(f"{previous.transform.text}; {row.transform.text}", row.transform.span)
        previous = row
    for row in r.spec.mappings:
        if row.enum_map is None and row.transform is not None:
            row.enum_map = enum_pairs(row.transform.text)
    _value_tables(r, list(translations.values()))
    for row in r.spec.mappings:
        if row.enum_map and row.target_type is None and given(row.target_field):
            row.target_type = evidence("(the values of its enum map)", row.span)  # "`active` → `linked`"
        if row.enum_map and row.source_type is None and given(row.source_field):
            row.source_type = evidence("(the values of its enum map)", row.span)


_LEADING_IDS = lazy(r"^(?:[*_]*(?:[A-Z]{0,3}-?\d+(?:\.\d+)*[a-z]?)[*_]*[,:.]?\s+)+")  # "6.1 ", "**E1** C1, "
_FIELD_MARK = lazy(r"[`_.\[\]{}]")  # (not a capital inside a word: "FridgeLog" is a system's name)


# a line a program logged: a timestamp, then a level
_LOG_LINE = lazy(r"^\W{0,3}\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?\s+\[?"
                 r"(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL)\b")
_ONE_FIELD = lazy(r"^[^`→]*`([\w.\[\]-]+)`[^`→]*$")  # a lead that names one field in code and maps nothing itself


def _values_of(r: Reading, lead: Statement) -> bool:
    """The arrow items under a lead that names one field are values of that field translated, not fields mapped (no row
    is made of them; the translation is not recorded as the field's enum map either, since no row stands for it),
    when one item's source is a value the document shows that field holding ("`dog.coat` becomes the coat type:"
    over "- `smooth` → `SM`", "- `curly_long` → `CL`", with `"coat": "curly_long"` in an example)."""
    def decide() -> bool:
        named = _ONE_FIELD.match(lead.text)
        if named is None:
            return False
        leaf = re.split(r"[.\[\]]", named.group(1).rstrip("[]"))[-1] or named.group(1)
        shown = re.compile(rf"[\"']?\b{re.escape(leaf)}[\"']?\s*[:=]\s*[\"']?([\w-]+)")
        held = {m.group(1) for line in r.doc.lines for m in shown.finditer(line)}
        at = next(number for number, statement in enumerate(r.statements) if statement is lead)
        for item in r.statements[at + 1:]:
            if item.shape != "item" or item.parent is not None:
                break
            found = mapping_parts(item.text)
            if found and found["source_field"].strip("` ") in held:
                return True
        return False
    return r.per_table("field-values", lead, decide)


def _direction(found: dict, flows) -> bool:
    """Two systems joined by an arrow ("▸ FridgeLog -> Hub (flows 1 and 2)", "**E1** C1, VendBack → CP", "F1
    Storefront → PrintOS mapping reviewed"): the direction of the rows that follow or of a flow, never a field
    carried across. The words beside the arrow name two of the flows' ends, with no field's marks."""
    ends = {word for flow in flows for end in (flow.source, flow.destination) if given(end)
            for word in re.findall(r"[a-z0-9]+", end.text.lower()) if len(word) > 1 and not word.isdigit()}
    source = _LEADING_IDS.sub("", (found.get("source_field") or "").strip(" *_▸▾►▶•-"))
    target = (found.get("target_field") or "").strip(" *_")
    before, after = re.findall(r"[A-Za-z0-9]+", source)[-1:], re.findall(r"[A-Za-z0-9]+", target)[:1]
    return bool(ends and before and after) and before[0].lower() in ends and after[0].lower() in ends and \
        len(source.split()) <= 3 and not _FIELD_MARK.search(source) and not _FIELD_MARK.search(target.split()[0])


def _value_tables(r: Reading, tables: list) -> None:
    """A table of an enum's translation value by value ("| Field | Source value | Target value |", one row per
    value): each field's pairs are the enum map of the mapping row of that field (none is made up)."""
    for table in tables:
        maps: dict[str, dict[str, str]] = {}
        if len(table.header) == 2:  # "| Schoolbase `milk_type` | Dairyline `product` |": one field's values, each
            left, right = (_leaf(header_field(name.text) or "") for name in table.header)  # column a side's
            pairs = {_first_code(row.cells[0].text): _first_code(row.cells[1].text) for row in table.rows
                     if len(row.cells) == 2 and all(cell.text.strip() for cell in row.cells)}  # "`GA-SS-189` (189 ml)"
            for row in r.spec.mappings:
                source = _leaf(row.source_field.text) if row.source_field is not None else ""
                target = _leaf(row.target_field.text) if row.target_field is not None else ""
                if (source, target) == (left, right) or source == left and target != left:
                    row.enum_map = {**(row.enum_map or {}), **pairs}
                elif (source, target) == (right, left) or source == right and target != right:
                    row.enum_map = {**(row.enum_map or {}), **{v: k for k, v in pairs.items()}}  # written right to left
            continue
        for row in table.rows:
            if len(row.cells) == 3 and all(cell.text.strip() for cell in row.cells):
                field, source, target = (cell.text.strip(" `*") for cell in row.cells)
                maps.setdefault(_leaf(field), {})[source] = target
        for row in r.spec.mappings:
            names = {_leaf(v.text) for v in (row.source_field, row.target_field) if v is not None}
            found = next((pairs for name, pairs in maps.items() if name in names), None)
            if found:
                row.enum_map = {**(row.enum_map or {}), **found}


_MEASURE = re.compile(r"[<>≤≥]|\d\s*%|\bP\d\d\b|\b\d+(?:[.,]\d+)?\s*(?:ms|s|sec|min|h|hours?|days?)\b")


def _measured(table, columns: dict[int, str]) -> bool:
    """ "| Attribute | Target |" over "| F1 latency | < 5 s P95 |": targets that are measures, not fields."""
    target = next((i for i, name in columns.items() if name == "target_field"), None)
    cells = [row.cells[target].text for row in table.rows if target is not None and target < len(row.cells)]
    return bool(cells) and sum(1 for cell in cells if _MEASURE.search(cell) and "`" not in cell) * 2 > len(cells)


def _row(r: Reading, statement, columns: dict[int, str]) -> bool:
    """Read a mapping table's row; whether the table has no column for one side's type."""
    cells = statement.row.cells
    if len(cells) > 2 and cells[0].text.strip() and not any(cell.text.strip() for cell in cells[1:]):
        return False  # "| **Calder → Peoplewise** | | |": a divider that names the direction of the rows below
    fields: dict[str, Value] = {}
    for index, name in columns.items():
        if index < len(cells):
            # an empty cell stays an empty Value, so a finding about it points at the cell
            fields[name] = value(cells[index].text, cells[index].span)
    source, target = fields.get("source_field"), fields.get("target_field")
    if source is not None and target is not None and not target.text.strip() and _ARROW_IN.search(source.text):
        ends = _ARROW_IN.split(source.text, maxsplit=1)  # "| Keystone `at` (UTC) → BookIt `checked_in_at` | |": both
        fields["source_field"] = value(ends[0].strip(), source.span)  # ends in the source's cell, the target's empty
        fields["target_field"] = value(ends[1].strip(), source.span)
    for side in ("source", "target"):
        field, kind = fields.get(f"{side}_field"), fields.get(f"{side}_type")
        typed = _TYPED_FIELD.match(field.text) if field is not None else None
        if typed and (kind is None or not kind.text.strip()):  # "code (char(8))": the type in brackets
            fields[f"{side}_type"] = value(typed.group("type"), field.span)
    r.mark("mappings", statement.section.span)
    r.spec.mappings.append(Mapping(statement.span, **fields, group=id(statement.table)))
    return "source_type" not in columns.values() or "target_type" not in columns.values()


_ARROW_IN = re.compile(r"→|->|⟶|⇒|=>")


def _groups(statement, found: dict[str, str]) -> bool:
    """An arrow item that heads mappings nested under it ("F1 readings → PharmaDesk `fridge_reading`" over
    "`temp_c` (number) → `temp_decic` (smallint)") is their group, not a mapping: it has no types and its
    items do."""
    if statement.item is None:
        return False
    nested = [item for block in statement.item.blocks for item in getattr(block, "items", ())]
    if "`" not in statement.text.split("\n", 1)[0] and any(mapping_parts(item.text) for item in nested):
        return True  # "SplashGo → AquaDesk (create enrolment)." names no field: the systems of the rows below
    if found["source_type"] or found["target_type"]:
        return False
    return any((mapping_parts(item.text) or {}).get("source_type") or (mapping_parts(item.text) or {}).get(
        "target_type") for item in nested)


def _declared_types(spec, rows, copies: bool = True) -> None:
    """A field of an arrow line that gives no type ("`kind` (enum) → `type`: ...") takes the one its
    contract declares for it, when every contract that declares the field gives it the same type; so does
    a row of a table with no column for that type. (A table's empty type cell stays empty: the author had a
    place for the type and left it out.)"""
    declared: dict[str, set[tuple[str, object]]] = {}
    for contract in spec.contracts:
        for body in contract.bodies.values():
            for field in body.fields:
                if field.type:
                    declared.setdefault(_leaf(field.name), set()).add((field.type, field.span))
            for name, kind in _schema_types(body.schema):  # a JSON Schema's (or OpenAPI's) properties
                declared.setdefault(_leaf(name), set()).add((kind, body.span))
    for row in rows:
        for side in ("source", "target"):
            name, kind = getattr(row, f"{side}_field"), getattr(row, f"{side}_type")
            if not given(name) or given(kind):
                continue
            types = declared.get(_leaf(name.text), set())
            if len({t for t, _ in types}) == 1:
                found, span = next(iter(types))
                setattr(row, f"{side}_type", Value(found, span))
        source, target = row.source_type, row.target_type
        if copies and given(row.transform) and _COPY.match(row.transform.text) and given(source) != given(target):
            # "`station_id` → `station_ref`: copy": a copy keeps the type the other side has
            row.source_type, row.target_type = source or target, target or source


def _schema_types(schema, depth: int = 0):
    """(property name, its type) for every property of a JSON Schema, nested ones included; a type that
    may be null (`[string, "null"]`) is its other type."""
    if not isinstance(schema, dict) or depth > 12:
        return
    properties = schema.get("properties")
    for name, sub in (properties.items() if isinstance(properties, dict) else ()):
        if isinstance(sub, dict):
            kind = sub.get("type")
            kind = next((str(k) for k in kind if k != "null"), "") if isinstance(kind, list) else kind
            if isinstance(kind, str) and kind:
                yield str(name), kind
            yield from _schema_types(sub, depth + 1)
    if isinstance(schema.get("items"), dict):
        yield from _schema_types(schema["items"], depth + 1)


_KINDS = (("enum", r"\benum"), ("timestamp", r"date-?time|timestamp|iso[- ]?8601|rfc[- ]?3339|epoch|instant"),
          ("date", r"\bdate\b"), ("bool", r"\bbool"), ("integer", r"\b(?:int\w*|smallint|bigint|long|short)\b"),
          ("number", r"\b(?:number|decimal|numeric|float|double|real)\b"),
          ("text", r"\b(?:string|n?varchar\w*|n?char|text|str)\b"))


def _kind(types: str) -> str:
    return next((kind for kind, pattern in _KINDS if re.search(pattern, types, re.I)), "")


def names_a_type(text: str) -> bool:
    """A side's bracket or column names a type ("int", "ISO 8601", "varchar(20)", "UUID"), not an aside about the
    value ("RSS `<guid>`, mixed case", "GeoIP alpha-2")."""
    return bool(_kind(text) or CUES["type"].search(text))


def _same_kind(source: str, target: str) -> bool:
    """Both types given and of one kind (string to varchar(32), int to bigint): an arrow line with no
    rule copies the value. An enum to a string, or seconds to a date, needs its rule said."""
    kinds = _kind(source), _kind(target)
    return bool(kinds[0]) and (kinds[0] == kinds[1] or kinds == ("integer", "number"))


def _first_code(text: str) -> str:
    """The value a cell opens with in code ("`GA-SS-189` (semi-skimmed)" -> "GA-SS-189"), or its words."""
    match = re.match(r"\s*`([^`]+)`", text)
    return match.group(1) if match else text.strip(" `*")


def _leaf(name: str) -> str:
    return name.strip("` ").lower().split(".")[-1].removesuffix("[]")


_NOT_SENT = lazy(r"^`?(?P<src>[\w.\[\]$@-]+)`?\s*:\s*(?P<stype>[^→;:]{1,40}?)\s*(?:→|->|,)\s*(?P<dst>not\s+(?:sent|mapped|stored|used)|"
                 r"ignored|dropped|discarded)\b[;:,.]?\s*(?P<rule>.*)$", re.I)
_TYPES_FIRST = lazy(r"^([^:→;`]{2,40}?)\s*(?:→|->)\s*([^:;`]{2,60}?)\s*(?::|;|$)")
_NOT_KEPT = lazy(r"^\W*(?:not\s+(?:stored|sent|kept|mapped|used|forwarded)|ignored|dropped|discarded|no\s+row)\b", re.I)
not_kept = finds(_NOT_KEPT)
_NO_FIELD = frozenset({"", "-", "—", "–", "null", "none", "n/a", "na", "(none)", "constant", "generated", "computed"})


def no_field(text: str) -> bool:
    """A source or target cell that names no field: empty, a dash, "none", a constant or generated value."""
    return text.replace("`", "").strip("* ").lower() in _NO_FIELD


_SAME_AS_ABOVE = lazy(r"^\W*(?:same|ditto|as\s+above|idem)\b", re.I)
_COPY = lazy(r"^\W*(?:copy|copied|as\s+is|unchanged|same(?:\s+value)?|none|pass(?:ed)?\s+through|1:1)\b", re.I)
_SIDE = lazy(rf"`([^`]+)`\s*(?:\(({_TYPE})\))?")
_JOINED = lazy(r"^(?:\s*(?:and|plus|\+|,|&)?\s*`[^`]+`\s*(?:\({_TYPE}\))?)+\s*$".replace("{_TYPE}", _TYPE))
_ARROW_SPLIT = lazy(r"\s*(?:→|->|⟶|⇒|=>)\s*")


def _joined_sources(first: str) -> dict[str, str] | None:
    """ "`doses_received` (int) and `doses_discarded` (int) → `doses_delta` (integer): ...": several
    source fields into one target."""
    parts = _ARROW_SPLIT.split(first, maxsplit=1)
    if len(parts) != 2 or not _JOINED.match(parts[0]):
        return None
    left = _SIDE.findall(parts[0])
    right = _SIDE.match(parts[1].strip())
    if len(left) < 2 or right is None:
        return None
    return {"source_field": ", ".join(name for name, _ in left),
            "source_type": ", ".join(kind for _, kind in left if kind),
            "target_field": right.group(1), "target_type": right.group(2) or "",
            "transform": parts[1].strip()[right.end():].lstrip(" :;—–-.,")}


def _join_sides(line: str) -> str:
    """ "`condition` + `occupied`", "`et0_mm`, `rain_mm`" on either side of the arrow read as one side; the
    rule after the target ("`temp` → `air_temperature`, `rh` → ...") is left as it is."""
    join = lambda part: re.sub(r"`\s*(?:\+|and|,)\s*`", " + ", part)  # noqa: E731
    arrow = _ARROW_SPLIT.search(line)
    if not arrow:
        return line
    right = line[arrow.end():]
    end = next((m.start() for m in re.finditer(r"[(:;]", right)), len(right))
    return join(line[:arrow.start()]) + line[arrow.start():arrow.end()] + join(right[:end]) + right[end:]


_FIELD_LEAD = lazy(r"^\W{0,3}`[\w.\[\]$@-]+`")
_TYPED = lazy(r"^\W{0,3}`[^`]+`\s*\(\s*[A-Za-z]")  # "`lab_batch_id` (string)": a field with its type


def _pair(r: Reading, statement, left: str, right: str) -> None:
    """"| `lab_batch_id` (string) | `test_result_set.lab_batch` (varchar(20)): copy |" under a mapping heading,
    in a table whose header names no mapping column ("Key | Value"): a field beside a field is a row written
    without its arrow, the source's then the target's."""
    if not (_FIELD_LEAD.match(left) and _FIELD_LEAD.match(right)) or not (_TYPED.search(left) or _TYPED.search(right)):
        return  # "| `assessing` | `IN_ASSESSMENT` |": a value beside its translation, an enum map's row
    found = mapping_parts(f"{left} → {right}")
    if found:
        r.spec.mappings.append(Mapping(statement.span, **{k: value(v, statement.span) for k, v in found.items() if v}))


# a line written target first: "booking.pnr  <- pnr: as is" (the source on the right, as a receiver's table lists it)
_BACK_ARROW = lazy(r"^(?P<dst>[^<←]+?)\s*(?:<-|←)(?!>)\s*(?P<rest>.+)$", re.S)
_BACK_SOURCE = lazy(r"^(?P<src>[^:;—–]+?)(?P<rule>\s*[:;—–].*)?$", re.S)


def _forward(line: str) -> str:
    """A target-first line ("`state` <- `status`: upper-cased") turned source first ("`status` -> `state`: ...")."""
    line = line.replace("<->", "↔")  # both ways, no direction to read: no row
    back = _BACK_ARROW.match(line)
    if back is None or _ARROW_IN.search(line) or "↔" in line:
        return line
    source = _BACK_SOURCE.match(back.group("rest").strip())
    return f"{source.group('src').strip()} -> {back.group('dst').strip()}{source.group('rule') or ''}" if source else line


# a line that maps one field onto another, written with an arrow: "order.id -> agentRef: ...", "`a` ← `b`"; a side
# looks like a field (a dot, an underscore, a lower camel hump or backticks), not a system's name ("AGW -> NRS",
# "VenueDesk → Vowline")
_FIELDISH = r"(?:`[^`\n]+`|[\w$@\[\]/-]*[A-Za-z0-9][._][\w$@][\w.$@\[\]/-]*|[a-z][a-z0-9]*[A-Z][\w.$@\[\]/-]*)"
_FIELD_ARROW_LINE = lazy(rf"^\W{{0,3}}{_FIELDISH}(?:[\s,/+]+{_FIELDISH})*\s*(?:\([^)\n]*\)\s*)?"
                         r"(?:→|->|⟶|⇒|=>|<-|←|<->)\s*(?:`[^`\n]+`|[\w$@][\w.$@\[\]/-]*)")


def cue(text: str) -> bool:
    """A line that maps a field onto another by an arrow is about the data mapping, wherever it stands."""
    return bool(_FIELD_ARROW_LINE.match(text))


# one field in lower case, then its rule: the field keeps its name (not "Source: `a` → `b`", not "`a`: `b` → `c`")
_FIELD_RULE = lazy(r"^`?(?P<field>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?:,\s*[a-z][a-z0-9_]*)*)`?\s*:\s+(?P<rule>(?!`)[^`→]*?(?:\bto\b|->|÷|×)[^`]*)$")
_CODE_VALUES = lazy(r"`([^`]+)`")
_KEPT_AS_IS = lazy(r"(?:copied|copy|as\s+is|unchanged|verbatim|kept|passed\s+through|same(?:\s+names?)?)", re.I)


_LONGEST_LINE = 2000


def mapping_parts(text: str) -> dict[str, str] | None:
    """Fields of a mapping line: "`user.email` (string) → `contact_email` (varchar): lowercase"."""
    if len(text.split("\n", 1)[0]) > _LONGEST_LINE:
        return None  # a paragraph of kilobytes is no mapping line, and the patterns below would crawl over it
    first = _SYSTEM_BEFORE_FIELD.sub("", _join_sides(_forward(text.split("\n")[0])))  # "ScanTrol `CycleEnd` (...) → ...": the field
    unmapped = _NOT_SENT.match(first.strip())
    if unmapped:  # "`guest_departed`: boolean → not sent; informational only"
        return {"source_field": unmapped.group("src"), "source_type": unmapped.group("stype").strip(),
                "target_field": unmapped.group("dst"), "target_type": "", "transform": unmapped.group("rule") or ""}
    keyed = _FIELD_RULE.match(first.strip())
    if keyed:  # "temp_c: Copied, °C to one decimal", a register's "Mapping F1 | temp_c | ...": the field and its rule
        rule = f"{keyed.group('rule')} {' '.join(text.split(chr(10))[1:])}".strip()
        return {"source_field": keyed.group("field"), "source_type": "", "target_field": keyed.group("field"),
                "target_type": "", "transform": rule}
    line = first.strip()
    match = _MAP_ARROW.match(line)
    if not match:
        return _joined_sources(line)
    if match.group("via").lower() == "to" and len(match.group("src").split()) > 4 and \
            not line[match.end("via"):].lstrip().startswith("`"):
        return None  # "The surplus units ... go on the shelf, not billed to members": a sentence's "to", no field's
    rule = (match.group("rule") or "").strip()
    if "\n" in text:  # the rule goes on in the item's next lines (a wrapped line, not a new row)
        rule = f"{rule} {' '.join(text.split(chr(10))[1:]).strip()}".strip()
    found = {
        "source_field": match.group("src").strip(" *`"),
        "source_type": (match.group("stype") or "").strip(),
        "target_field": match.group("dst").strip(" *`"),
        "target_type": (match.group("dtype") or "").strip(),
        "transform": rule,
    }
    values = [_CODE_VALUES.findall(side.replace(" + ", "`, `")) for side in (found["source_type"], found["target_type"])]
    if len(values[0]) >= 2 and len(values[0]) == len(values[1]) and not found["transform"]:
        # "`ad_slot` (`pre`, `mid1`) → `position` (`PRE`, `MID_1`)": the values, translated one by one in order
        found.update(source_type="", target_type="",
                     transform="; ".join(f"`{a}` → `{b}`" for a, b in zip(*values)))
    if _KEPT_AS_IS.fullmatch(found["target_field"].strip(" .")):  # "`artist`, `title` → copied.": the same names,
        found.update(target_field=found["source_field"],  # the rule where the target would stand
                     transform=f"{found['target_field'].strip(' .')}; {rule}".strip("; "))
    typed = _TYPES_FIRST.match(rule)
    if typed and not _kind(found["source_type"]) and not _kind(found["target_type"]) and _kind(typed.group(1)):
        # "`status` (Meridian) → `condition` (TidyRoster): string enum → string enum: `VC` → ...": the brackets
        # name the systems, the types come first in the rule
        found.update(source_type=typed.group(1).strip(), target_type=typed.group(2).strip(),
                     transform=rule[typed.end():].strip())
    if not found["transform"] and found["target_type"] and _KEPT_AS_IS.match(found["target_type"]) and \
            not names_a_type(found["target_type"]):  # "`order.id` → `external_ref` (as is)": the rule, in brackets
        found.update(transform=found["target_type"], target_type="")
    return found

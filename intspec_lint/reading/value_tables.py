"""Tables of an enum's values translated one by one, not fields mapped: "| Field | Source value | Target value |", or two
columns each headed by the field whose values it holds ("| Schoolbase `milk_type` | Dairyline `product` |" over
"| `SEMI` | `GA-SS-189` |"). The mapping reader takes their pairs as the enum map of the field's mapping row; the flow
reader leaves them alone."""

from __future__ import annotations

import re

from ..document.model import Table

_SOURCE_VALUE = re.compile(r"^\W*(?:source|from|src)\s+(?:values?|codes?|enums?)\W*$", re.I)
_TARGET_VALUE = re.compile(r"^\W*(?:target|to|destination|dst)\s+(?:values?|codes?|enums?)\W*$", re.I)


def value_table(table: Table) -> bool:
    """A field, then its value on one side and the value it becomes: an enum's translation, no flow table. Or two
    columns, each headed by the field it holds the values of ("| Schoolbase `milk_type` | Dairyline `product` |")."""
    names = [cell.text for cell in table.header]
    return len(names) == 3 and bool(_SOURCE_VALUE.match(names[1])) and bool(_TARGET_VALUE.match(names[2])) or \
        len(names) == 2 and all(header_field(name) for name in names) and _values_not_fields(table)


def _values_not_fields(table: Table) -> bool:
    """The cells are values ("`SEMI`"), not field paths ("`contact.email`", "`lines[].qty`"): most rows say so."""
    cells = [cell.text for row in table.rows for cell in row.cells]
    return bool(cells) and sum(1 for text in cells if re.search(r"`[^`]*(?:\.[a-z_]|\[\])[^`]*`", text)) * 2 < len(cells)


def header_field(name: str) -> str | None:
    """The one field a column's header names in code ("Dairyline `product`" -> "product"): its cells are the field's values."""
    found = _HEADER_FIELD.findall(name)
    return found[0] if len(found) == 1 else None


_HEADER_FIELD = re.compile(r"`([\w.\[\]-]+)`")

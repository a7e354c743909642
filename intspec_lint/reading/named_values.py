"""Values a spec names once and refers to by name: a parameters table ("| `RETRY_MAX_TRIES` | 6 |") or a settings
block (`retry.max_attempts: 6`), and prose that says "at most `RETRY_MAX_TRIES` attempts" or "alert above
`QUEUE_DEPTH_WARN`". Each reference is replaced by its value, the name kept in brackets after it, in the text the
readers see ("at most 6 (`RETRY_MAX_TRIES`) attempts"), as if the spec had written both: the value is the document's
own, so a reader that needs a number finds the one the name stands for, at the line that uses it. Only quantities
are put back, only where one value is given for a name, never inside a command's code span nor into a mapping's or a
schema's table; a request's parameters ("| Name | Type | Default |") name no value of the spec's.

It runs on the document before the statements are made, like the layout steps (reading/layouts.py): cells, items and
paragraphs have their text rewritten in place (the rules quote the text as read; `doc.lines` keeps the file's); the
defining table or block itself is left as written."""

from __future__ import annotations

import re

from ..document.model import Code, ListBlock, MarkdownDocument, Paragraph, Section, Table
from .config_keys import property_keys, yaml_keys
from .lazy_re import lazy

# a name as a parameters table or a settings block gives it: `RETRY_MAX_TRIES`, `retry.max_attempts`, `queueDepthWarn`
_NAME = r"[A-Za-z_][\w.-]{2,60}"
_NAMED_CELL = lazy(rf"^\W*`({_NAME})`\W*$")
# a name that stands for a value, written bare: upper case with an underscore ("above QUEUE_DEPTH_WARN")
_BARE_NAME = r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
_NAME_HEADER = lazy(r"^\W*(?:name|parameter|param|setting|key|constant|variable|option|config(?:uration)?(?:\s+key)?)s?\W*$",
                    re.I)
_VALUE_HEADER = lazy(r"^\W*(?:value|default|default\s+value|setting|current\s+value|prod(?:uction)?(?:\s+value)?)s?\W*$",
                     re.I)
_SETTINGS_INFO = ("yaml", "yml", "toml", "ini", "properties", "env", "dotenv")  # (JSON is a payload's, most often)
# a setting's name, by what it bounds: the keys of a settings block, not of a payload written in YAML
_SETTING_WORD = lazy(r"retr|attempt|delay|backoff|timeout|threshold|max|min|interval|ttl|limit|window|rotat|expir|"
                     r"alert|breaker|cooldown|wait|period|depth|lag|rate|latency|jitter|cap\b", re.I)
# what a name is put back for: a quantity ("500 messages", "2 % over 10 min", "6"), not a place or a name of its own (a
# folder, a topic, a URL), which the readers match by the name the prose uses
_QUANTITY = lazy(r"\d")
_LONGEST = 80  # a value is a few words: "500 messages", "2 % over 10 min"; not a paragraph, a hash or a blob


def _quantity(value: str) -> bool:
    """A quantity, not a place nor a name of its own: a digit in it, no path or address, not a word with a digit
    inside ("ghcr-0.6.2", "v2", "s3-bucket-2"), a few words long."""
    value = value.strip()
    if len(value) > _LONGEST or not _QUANTITY.search(value) or "/" in value or "\\" in value or "://" in value:
        return False
    letter = re.search(r"[A-Za-z]", value) if re.fullmatch(r"[\w.-]+", value) else None
    return not (letter and re.search(r"\d", value[letter.end():]))


_CODE_SPAN = lazy(r"`[\w.-]+`|`([^`\n]*)`|[^`]+|`")  # a bare name in code, another code span (group 1), the rest
_MOST = 400  # names and references a document is read for: a spec's parameters, not a generated dump


def resolve(doc: MarkdownDocument, vocab) -> None:
    """Put each named value where its name is used, the name in brackets after it, in place."""
    fields = {id(block) for section in doc.root.walk() for block in section.blocks if isinstance(block, Table) and
              (vocab.table_part([cell.text for cell in block.header], ()) or ("",))[0] in _FIELD_TABLES}
    named, defining = _definitions(doc.root, fields)
    named = {name: value for name, value in named.items() if value is not None and _quantity(value)}
    if not named:
        return
    names = sorted(named, key=len, reverse=True)
    spelled = "|".join(re.escape(name) for name in names)
    bare = "|".join(re.escape(name) for name in names if re.fullmatch(_BARE_NAME, name))
    pattern = re.compile(rf"(?<!\()`({spelled})`(?!\s*\()" + (rf"|(?<![\w`.($%{{])({bare})(?![\w`(}}])" if bare else ""))

    def told(text: str) -> str:
        if "`" not in text and "_" not in text:
            return text
        # a code span is the name alone or none: "`export RETRY_MAX=8`" is a command, left as written
        return _CODE_SPAN.sub(lambda span: span.group(0) if span.group(1) is not None else
                              pattern.sub(lambda m: f"{named[m.group(1) or m.group(2)]} ({m.group(0)})", span.group(0)),
                              text)

    for section in doc.root.walk():
        for block in section.blocks:
            _extend(block, told, defining | fields)


# the tables whose cells are fields, not values: a mapping's, a schema's or a request's parameters ("| Name | Type |
# Default |": their defaults are no values of the spec's), whatever a setting shares their names
_FIELD_TABLES = ("mappings", "schema_fields")


def _extend(block, told, left: set[int]) -> None:
    if id(block) in left:
        return
    if isinstance(block, Paragraph):
        block.text = told(block.text)
    elif isinstance(block, Table):
        for row in block.rows:
            for cell in row.cells:
                cell.text = told(cell.text)
    elif isinstance(block, ListBlock):
        for item in block.items:
            item.text = told(item.text)
            for inner in item.blocks:
                _extend(inner, told, left)


def _definitions(root: Section, fields: set[int]) -> tuple[dict[str, str | None], set[int]]:
    """{name: value} of the parameters tables and settings blocks under `root` (not the tables of fields), and the ids
    of those blocks."""
    named: dict[str, str | None] = {}
    defining: set[int] = set()
    for section in root.walk():
        for block in section.blocks:
            if isinstance(block, Table) and id(block) not in fields:
                found = _table_values(block)
            elif isinstance(block, Code) and block.info in _SETTINGS_INFO:
                found = _block_values(block)
            else:
                continue
            if found:
                defining.add(id(block))
                for name, value in found.items():  # a name given two values (defaults, then production) is
                    named[name] = value if named.get(name, value) == value else None  # ambiguous: left as written
            if len(named) > _MOST:
                return {}, set()
    return named, defining


def _table_values(table: Table) -> dict[str, str]:
    """"| Name | Value | Used in |" over "| `RETRY_MAX_TRIES` | 6 (first try included) | Retries |": each row's name
    and value, where most rows name one in code."""
    headers = [cell.text for cell in table.header]
    if len(headers) < 2 or not _NAME_HEADER.match(headers[0]):
        return {}
    column = next((i for i, text in enumerate(headers[1:], 1) if _VALUE_HEADER.match(text)), None)
    if column is None:
        return {}
    found = {}
    for row in table.rows:
        if len(row.cells) > column:
            name, said = _NAMED_CELL.match(row.cells[0].text), row.cells[column].text.strip(" `*")
            if name and said:
                found[name.group(1)] = said
    return found if len(found) * 2 >= len(table.rows) >= 2 else {}


def _block_values(code: Code) -> dict[str, str]:
    """A settings block's scalar keys, by their path (`retry.max_attempts`), or by their last name where that is a
    constant's (`RETRY_MAX`) no other key shares, each with its value: not a payload's field (`expires_in`)."""
    keys = property_keys(code) if code.info in ("properties", "env", "dotenv") else yaml_keys(code)
    if not any(_SETTING_WORD.search(path) for _line, path, value in keys if value.strip()):
        return {}
    found: dict[str, str] = {}
    leaves: dict[str, list[str]] = {}
    for _line, path, value in keys:
        if value.strip() and re.fullmatch(_NAME, path):
            found[path] = value.strip()
            leaves.setdefault(path.rsplit(".", 1)[-1], []).append(value.strip())
    for leaf, values in leaves.items():
        if len(values) == 1 and re.fullmatch(_BARE_NAME, leaf):
            found.setdefault(leaf, values[0])
    return {name: value for name, value in found.items() if "." in name or re.fullmatch(_BARE_NAME, name)}

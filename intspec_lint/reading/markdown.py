"""Markdown Document -> Spec.

Sections are classified by the vocabulary (headings name parts; sub-headings inherit their
parent's part), tables by their columns, and "key: value" lines by their keys. Prose is read
with a few patterns per part (retry parameters, dead-letter destinations, alert words).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..document.model import Block, Code, ListBlock, ListItem, MarkdownDocument, Paragraph, Section, Table
from ..span import Span
from . import patterns
from .examples import is_json_schema, parse_example
from ..model import (
    Body,
    Field,
    given,
    Auth,
    Contract,
    DeadLetter,
    ErrorCategory,
    Flow,
    Idempotency,
    IdempotencyKey,
    Mapping,
    Metric,
    Overview,
    Retry,
    Sla,
    Spec,
    StatusCode,
    System,
    Value,
)
from .lazy_re import lazy
from .layouts import promote_bold_headings, unfold_registers
from .scan import scan
from .values import enum_values, is_placeholder, value
from .vocabulary import Vocabulary, normalize, strip_numbering

_KEY_VALUE = lazy(r"^\s*([^:\n]{1,60}?)\s*(?::|\s[—–]\s|\s--?\s|=)\s*(.*)$", re.S)
_METHOD_URL = lazy(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?((?:https?://|/|\{)[^\s`|)]*)")
_STATUS_LINE = lazy(r"^\W{0,3}([1-5]\d\d)\b(?![.,]\d)\s*(.*)$")
_STATUS_KEY = lazy(
    r"\b(?:status(?:\s+codes?)?|(?:response|http|return|error)\s+codes?|codes)\b\s*"
    r"(?:[:—–=]|\bare\b|\binclude\b|(?=`?[1-5]\d\d\b))\s*(.*)",
    re.I,
)
_STATUS_REASON = lazy(
    r"(?<![\w.$/-])([1-5]\d\d)`?\s*(?:OK|Created|Accepted|No Content|Bad Request|Unauthori[sz]ed|Forbidden|"
    r"Not Found|Conflict|Gone|Unprocessable|Too Many Requests|Internal Server Error|Bad Gateway|"
    r"Service Unavailable|Gateway Timeout|Moved|Found|Not Modified|Payload Too Large|Precondition|"
    r"Method Not Allowed|Not Acceptable|Request Timeout|Locked|Multi-Status|Partial Content)\b",
    re.I,
)
_SHAPE_LIST = lazy(
    r"`[\w.\[\]-]+`\s*\(\s*(?:string|str|int|integer|number|float|decimal|bool|boolean|array|list|object|uuid|"
    r"date|datetime|timestamp|unix|iso|enum|binary|hex|url|email)",
    re.I,
)
_RESPONSE_LINE = lazy(r"^\W*(?:2\d\d|success|ok|errors?)\b[^:→]{0,20}(?:→|->|=>)\s*\S", re.I)
_RETURNS = lazy(r"^\W*(?:returns?|responds?\s+with|replies\s+with|answers?\s+with)\b[^.]{0,40}?`?[{\[]", re.I)
_HEADER_NAME = lazy(r"`?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+|Authorization|Accept|Host|Cookie|Date|Signature)\b")
_STATUS_LOOSE = lazy(
    r"(?<![\w.$/:{-])`?([1-5]\d\d)`?(?=\s+(?:on|for|if|when|as|and|or|means|is|are|=)\b|\s*[(:=—–])"
)
_STATUS_ANY = lazy(r"(?<![\w.$/-])([1-5]\d\d)(?![\w.%/-])")
_TOPIC_MENTION = lazy(
    r"\b(?:topic|queue|channel|stream|subject|exchange|bucket|sftp|s3|folder|directory|path)\b[^`\n]{0,30}`([^`]+)`"
    r"|`([^`]+)`[^`\n]{0,20}\b(?:topic|queue|channel|stream|subject|exchange|bucket)\b",
    re.I,
)
_FLOW_SEPARATORS = lazy(r";|\n|\s·\s|\s\|\s|(?<=[a-z0-9)`\]])\.\s+|,\s+(?=(?:source|dest|destination|target|"
                               r"trigger|payload|freq|frequency|volume|from|to)\b)", re.I)
_TOPIC_HEADING = lazy(
    r"^\W*(?:topic|queue|channel|stream|subject|exchange|event|message)\b\s*[:\-—]?\s*`[^`]+`"
    r"|\b(?:topic|queue|channel|stream|subject|exchange)\s*[:=]?\s*`[^`]+`",
    re.I,
)
_ARROW = lazy(r"\s*(?:→|->|⟶|⇒|=>|➝|➡)\s*")
_FROM_TO = lazy(r"\bfrom\s+(.+?)\s+to\s+(.+?)(?:[;,.]|$)", re.I)
_A_TO_B = lazy(r"^\s*(.+?)\s+to\s+(.+?)\s*(?:[;,.]|$)", re.I)
_SENTENCE_END = lazy(r"(?<=[a-z0-9)`])\.\s+(?=[A-Z])")


@dataclass(slots=True)
class _Line:
    """A line of text with where it stands; list lines know whether nested blocks follow."""

    text: str
    span: Span
    in_list: bool = False
    has_more: bool = False


def extract_markdown(doc: MarkdownDocument, vocab: Vocabulary) -> Spec:
    return _Extractor(doc, vocab).run()


class _Extractor:
    def __init__(self, doc: MarkdownDocument, vocab: Vocabulary):
        self.doc = doc
        self.vocab = vocab
        self.spec = Spec("markdown", doc.title_span)
        self._intro = [b.text for b in doc.root.blocks if isinstance(b, Paragraph)]  # text before any section
        self._prose_auth: set[int] = set()  # ids of the auth entries read from sentences

    # -- walking ----------------------------------------------------------------------------
    def run(self) -> Spec:
        root = self.doc.root
        promote_bold_headings(root, self.doc.lines)
        unfold_registers(root, self.vocab)
        title = self._title_section()
        self._section(root, ())
        for child in root.children:
            self._walk(child, (), title)
        if self.doc.front_matter is not None:
            self._code(self.doc.front_matter, ())
        self._finish()
        return self.spec

    def _title_section(self) -> Section | None:
        """A lone top-level heading over the whole document is its title, not a part: an H1 always,
        a lower heading only when it names no part ("## API Contracts" alone is a section)."""
        tops = self.doc.root.children
        if len(tops) == 1 and tops[0].children:
            top = tops[0]
            if top.level == 1 or not self._own_parts(top.title, ()):
                return top
        return None

    def _walk(self, section: Section, inherited: tuple[str, ...], title: Section | None) -> None:
        own = () if section is title else self._own_parts(section.title, inherited)
        if section is title:
            self._intro += [b.text for b in section.blocks if isinstance(b, Paragraph)]
        parts = own or inherited
        for part in parts:
            self.spec.sections.setdefault(part, section.span)
        if "contracts" in parts and self._is_contract_unit(section, parts):
            self._contract(section)
            return
        if not parts and section is not title and not section.children and self._names_endpoint(section):
            self.spec.sections.setdefault("contracts", section.span)  # "**Sale completed message**", its queue
            self._contract(section)
            return
        if own == ("flows",) and self._labelled(section.title, "flows") and self._flow_from_section(section, True):
            for child in section.children:  # "## Flow A: a family accepts a place", its contract below
                if not self._child_item(child, parts):
                    self._walk(child, parts, title)
            return
        self._section(section, parts)
        for child in section.children:
            if not self._child_item(child, parts):
                self._walk(child, parts, title)

    def _child_item(self, child: Section, parts: tuple[str, ...]) -> bool:
        """A sub-heading that is one item of its parent's part (a flow, a system's auth, an error
        category) rather than a section of its own; read it as that item."""
        if "contracts" not in parts and self._labelled(child.title, "contracts") and self._describes_contract(child):
            self.spec.sections.setdefault("contracts", child.span)  # "### Contract: create order" under a flow
            self._contract(child)
            return True
        if child.children:
            if "flows" in parts and not self._own_parts(child.title, ("nested",)) and self._flow_from_section(child, True):
                for grandchild in child.children:  # "#### Contract: ..." under "### Flow 2"
                    if not self._child_item(grandchild, parts):
                        self._walk(grandchild, parts, None)
                return True
            return False
        if "errors" in parts and self.vocab.category(child.title):
            self._error_from_section(child)
            return True
        if self._own_parts(child.title, ("nested",)):
            return False
        if "flows" in parts and self._flow_from_section(child):
            return True
        if "auth" in parts and self._auth_from_section(child):
            return True
        return False

    def _labelled(self, title: str, part: str) -> bool:
        """A heading labelled by `part` before what it names: "Contract: create order", "Flow A: ..."."""
        label = self.vocab.label(title)[0]
        return bool(label) and part in self.vocab.section_parts(label)

    def _own_parts(self, title: str, inherited: tuple[str, ...]) -> tuple[str, ...]:
        """The parts a heading names itself; a heading that is an endpoint or a topic is a contract."""
        if _METHOD_URL.search(title) or _TOPIC_HEADING.search(title):
            return ("contracts",)
        return self.vocab.section_parts(title, nested=bool(inherited))

    def _is_contract_unit(self, section: Section, parts: tuple[str, ...]) -> bool:
        own = self._own_parts(section.title, ())
        if own and "contracts" not in own:
            return False
        for child in section.children:
            child_parts = self._own_parts(child.title, ("nested",))
            if not self.vocab.is_contract_subsection(child.title) and (not child_parts or "contracts" in child_parts):
                return False
        return self._describes_contract(section)

    def _names_endpoint(self, section: Section) -> bool:
        """A section that names a method and URL, or a queue or topic by a key ("Queue: `orders`")."""
        if _METHOD_URL.search(section.title) or _TOPIC_HEADING.search(section.title):
            return True
        for line in self._section_lines(section):
            pair = _key_value(line.text)
            if _METHOD_URL.search(line.text) or (pair and self.vocab.field("contracts", pair[0]) in ("method", "url", "topic")
                                                 and pair[1].strip()):
                return True
        return False

    def _describes_contract(self, section: Section) -> bool:
        """Evidence that a section describes an endpoint or a message, not just names the topic."""
        if _METHOD_URL.search(section.title) or _TOPIC_HEADING.search(section.title):
            return True
        if any(isinstance(block, Code) for _, block in _blocks_with_sections(section)):
            return True
        for line in self._section_lines(section):
            if _METHOD_URL.search(line.text) or _TOPIC_MENTION.search(line.text):
                return True
            pair = _key_value(line.text)
            if pair and self.vocab.field("contracts", pair[0]) in _CONTRACT_EVIDENCE:
                return True
        return False

    def _section(self, section: Section, parts: tuple[str, ...]) -> None:
        for block in section.blocks:
            self._block(block, parts, section)

    def _block(self, block: Block, parts: tuple[str, ...], section: Section) -> None:
        if isinstance(block, Table):
            self._table(block, parts, section)
        elif isinstance(block, ListBlock):
            for item in block.items:
                self._item(item, parts, section)
        elif isinstance(block, Paragraph):
            self._lines(_paragraph_lines(block), parts, section)
        elif isinstance(block, Code):
            self._code(block, parts)

    # -- tables -----------------------------------------------------------------------------
    def _table(self, table: Table, parts: tuple[str, ...], section: Section) -> None:
        kind = self.vocab.table_part([c.text for c in table.header], parts)
        if kind is None:
            # "Parameter | Value" (and "Parameter | Value | Notes"): each row is a "key: value" line
            if len(table.header) == 2 or normalize(table.header[0].text) in _KEY_COLUMNS:
                lines = [
                    _Line(f"{row.cells[0].text}: {row.cells[1].text}", row.cells[1].span if row.cells[1].text else row.span)
                    for row in table.rows
                    if len(row.cells) >= 2
                ]
                self._lines(lines, parts, section)
            return
        part, columns = kind
        if part in _SPEC_PARTS:
            self.spec.sections.setdefault(part, section.span)
        for row in table.rows:
            fields: dict[str, Value] = {}
            for index, name in columns.items():
                cell = row.cells[index] if index < len(row.cells) else None
                if cell is None:
                    continue
                # an empty cell stays an empty Value, so a finding about it points at the cell
                fields[name] = value(cell.text, cell.span, _KINDS.get((part, name), "text"))
            self._record(part, fields, row.span)

    def _record(self, part: str, fields: dict[str, Value], span: Span) -> None:
        """One row (or item) of a part, from its fields."""
        spec = self.spec
        if part == "flows":
            spec.flows.append(Flow(span, **{k: v for k, v in fields.items() if k != "direction"}))
        elif part == "mappings":
            spec.mappings.append(Mapping(span, **fields))
        elif part == "monitoring":
            text = fields["metric"].text if "metric" in fields else ""
            spec.monitoring.append(Metric(span, self.vocab.metric_kind(text), **fields))
        elif part == "errors":
            name = fields.get("category")
            category = (self.vocab.category(name.text) if name else None) or (name.text.lower() if name else "")
            spec.errors.append(
                ErrorCategory(span, category, name, fields.get("examples"), fields.get("action"))
            )
        elif part == "auth":
            spec.auth.append(Auth(span, **fields))
        elif part == "idempotency":
            self._idempotency(span).keys.append(IdempotencyKey(span, fields.get("operation"), fields.get("key")))

    # -- lists and lines --------------------------------------------------------------------
    def _item(self, item: ListItem, parts: tuple[str, ...], section: Section) -> None:
        text = item.text
        line = _Line(text, Span(item.span.line, 1, item.span.line, 1 + len(text.split("\n")[0])))
        if "flows" in parts and self._flow_item(item, line):
            return
        if "monitoring" in parts and self._metric_item(item, line):
            return
        if "mappings" in parts and self._mapping_item(item, line):
            return
        key_value = _key_value(text)
        if "auth" in parts and not key_value and self._nested_auth_fields(item) and self._is_system_name(text):
            self._auth_entry(text, "", line.span, item)
            return
        if key_value and ("auth" in parts or "errors" in parts):
            key, rest = key_value
            field = self.vocab.field("auth", key)
            is_system = field is None or (field == "system" and not self.vocab.names_exactly("auth", key, "system"))
            if "auth" in parts and is_system and self._is_system_name(key):
                self._auth_entry(key, rest, line.span, item)
                return
            if "errors" in parts and self.vocab.category(key):
                self._error_entry(key, rest, line.span, item)
                return
        self._lines([line], parts, section)
        for block in item.blocks:
            self._block(block, parts, section)

    def _lines(self, lines: list[_Line], parts: tuple[str, ...], section: Section) -> None:
        """Key values line by line; what is left is prose, read a run of lines at a time so that a
        sentence wrapped over two lines is still one sentence."""
        run: list[_Line] = []
        for line in lines:
            key_value = _key_value(line.text)
            if key_value and self._key_fact(key_value[0], key_value[1], line, parts):
                self._prose_run(run, parts)
                run = []
            else:
                run.append(line)
        self._prose_run(run, parts)

    def _prose_run(self, run: list[_Line], parts: tuple[str, ...]) -> None:
        for line in _runs(run):
            self._prose(line, parts)

    def _key_fact(self, key: str, rest: str, line: _Line, parts: tuple[str, ...]) -> bool:
        """Route "key: value" to the field it names, in the section's parts or a part the key names."""
        span = _value_span(line, rest)
        for part in parts + self.vocab.section_parts(key):
            if part not in _KEYED_PARTS:
                continue
            name = self.vocab.field(part, key)
            if name is None and part in self.vocab.section_parts(key):
                name = _DEFAULT_FIELD.get(part)
            if name is None:
                continue
            self._set(part, name, rest, span, line)
            return True
        return False

    def _set(self, part: str, name: str, rest: str, span: Span, line: _Line) -> None:
        kind = _KINDS.get((part, name), "text")
        fact = value(rest, span, kind)
        if part == "retry":
            retry = self._retry(span)
            current = getattr(retry, name)
            if not rest.strip():
                if current is None:
                    setattr(retry, name, Value("", span))
                return
            if name == "circuit_breaker" and retry.circuit_open is None:
                opened = patterns.circuit_open(rest)
                if opened is not None:
                    retry.circuit_open = value(opened, span, "duration")
            if kind == "duration" and fact.number is None:
                fact.number = patterns.bare_seconds(rest)
            if current is None or not given(current):
                setattr(retry, name, fact)
            if name == "strategy":  # "exponential with full jitter, from 1 s up to 60 s" says more
                self._prose(_Line(rest, span), ("retry",))
        elif part == "dead_letter":
            dead = self._dead_letter(span)
            if name == "destination":
                dead.span = span if dead.destination is None and dead.alert is None else dead.span
                self._dead_letter_text(rest, span)
            elif rest.strip():
                setattr(dead, name, fact)
                dead.text += f"\n{rest}"
        elif part == "idempotency":
            self._idempotency(span).statements.append(value(line.text, line.span))
        elif part == "overview":
            overview = self._overview(span)
            overview.text += f"\n{line.text}"
            if name in ("purpose", "pattern") and rest.strip():
                setattr(overview, name, fact)
        elif part == "sla":
            sla = self._sla(span)
            if rest.strip():
                setattr(sla, name, fact)
        elif part == "auth":
            if not self.spec.auth:
                self.spec.auth.append(Auth(self.spec.sections.get("auth", span)))
            entry = self.spec.auth[-1]
            if rest.strip():
                setattr(entry, name, fact)
            self._auth_keywords(entry, rest, span)

    def _prose(self, line: _Line, parts: tuple[str, ...]) -> None:
        """Facts stated in sentences."""
        text = line.text
        if "retry" in parts or patterns.mentions_retry(text):
            found = patterns.retry_facts(text)
            if found:
                retry = self._retry(line.span)
                for name, (phrase, offset) in found.items():
                    if getattr(retry, name) is None:
                        span = _offset_span(line, offset)
                        kind = _KINDS.get(("retry", name), "text")
                        fact = value(phrase, span, kind)
                        if kind == "duration" and fact.number is None:
                            fact.number = patterns.bare_seconds(phrase)
                        setattr(retry, name, fact)
        if ("dead_letter" in parts or patterns.mentions_dead_letter(text)
                or (patterns.after_retries(text) and patterns.dead_letter_destination(text))):
            self._dead_letter_text(text, line.span)
        if patterns.drops_messages(text):
            for offset, sentence in patterns.sentences(text):
                dropped = patterns.drops_failed(sentence)
                if dropped and not patterns.mentions_dead_letter(sentence):
                    self.spec.dropped.append(value(sentence, _offset_span(line, offset + sentence.find(dropped))))
        if "idempotency" in parts or patterns.mentions_idempotency(text):
            self._idempotency(line.span).statements.append(value(text, line.span))
        if "auth" in parts:
            self._auth_prose(text, line)
        if "errors" in parts:
            for offset, sentence in patterns.sentences(text):
                category = patterns.leading_category(sentence, self.vocab)
                if category:
                    self._error_entry(category, sentence, _offset_span(line, offset), None)
        if "monitoring" in parts:
            for offset, sentence in patterns.sentences(text):
                found = patterns.metric_sentence(sentence, self.vocab)
                if found:
                    span = _offset_span(line, offset)
                    metric, threshold, alert = found
                    fields = {"metric": value(metric, span)}
                    if threshold:
                        fields["threshold"] = value(threshold, span)
                    if alert:
                        fields["alert"] = value(alert, span)
                    self._record("monitoring", fields, span)
        if "overview" in parts:
            overview = self._overview(line.span)
            overview.text += f"\n{text}"
            if overview.purpose is None and len(text) > 20:
                overview.purpose = value(text, line.span)
            pattern = patterns.integration_pattern(text)
            if pattern and overview.pattern is None:
                overview.pattern = value(pattern, line.span)

    # -- parts read from items and sub-sections ---------------------------------------------
    def _flow_item(self, item: ListItem, line: _Line) -> bool:
        text = item.text
        segments = [s for s in _FLOW_SEPARATORS.split(text) if s.strip()]
        segments += [b.text for b in _nested_items(item)]
        fields: dict[str, Value] = {}
        head = segments[0] if segments else ""
        key_value = _key_value(head)
        name_text = head
        if key_value and not self.vocab.field("flows", key_value[0]):
            name_text, first = key_value
            segments = [first] + segments[1:]
        elif key_value:
            name_text = ""
        for segment in segments:
            pair = _key_value(segment) or _leading_word_pair(segment, self.vocab)
            if pair and self.vocab.field("flows", pair[0]):
                field = self.vocab.field("flows", pair[0])
                if field == "direction":
                    self._arrow(pair[1], line.span, fields, direction=True)
                elif pair[1].strip():
                    fields[field] = value(pair[1], line.span)
            elif _ARROW.search(segment) or _FROM_TO.search(segment):
                self._arrow(segment, line.span, fields)
            else:
                for field, phrase in patterns.flow_facts(segment).items():
                    if field in ("frequency", "trigger"):
                        fields.setdefault(field, value(phrase, line.span))
        if not ({"source", "destination"} & fields.keys()) or len(fields) < 2:
            return False
        if name_text.strip():
            fields["name"] = value(name_text, line.span)
        self._record("flows", fields, line.span)
        return True

    def _arrow(self, text: str, span: Span, fields: dict[str, Value], direction: bool = False) -> None:
        """Source and destination from "A → B" or "from A to B"; a direction also as "A to B"."""
        match = _FROM_TO.search(text) or (_A_TO_B.match(text) if direction else None)
        if match:
            fields.setdefault("source", value(match.group(1), span))
            fields.setdefault("destination", value(match.group(2), span))
            return
        parts = _ARROW.split(text, maxsplit=1)
        if len(parts) == 2:
            fields.setdefault("source", value(parts[0].strip(" *`"), span))
            fields.setdefault("destination", value(parts[1].split(",")[0].strip(" *`"), span))

    def _flow_from_section(self, section: Section, own: bool = False) -> bool:
        """A sub-heading describing one flow in lists, key values or prose; False when it does not.
        `own`: from the section's own blocks only (its sub-sections describe other things)."""
        fields: dict[str, Value] = {"name": value(section.title, section.span)}
        lines = self._section_lines(section, own)
        for line in lines:
            for sentence in _SENTENCE_END.split(line.text):  # "... account. Direction: A to B. Volume: ..."
                pair = _key_value(sentence)
                if pair and self.vocab.field("flows", pair[0]):
                    field = self.vocab.field("flows", pair[0])
                    if field == "direction":
                        self._arrow(pair[1], line.span, fields, direction=True)
                    elif pair[1].strip():
                        fields.setdefault(field, value(pair[1], _value_span(line, pair[1])))
                elif _ARROW.search(sentence) or _FROM_TO.search(sentence):
                    self._arrow(sentence, line.span, fields)
        for line in _runs(lines):  # a sentence wrapped over two lines is read whole
            for field, phrase in patterns.flow_facts(line.text).items():
                if field not in fields:
                    fields[field] = value(phrase, line.span)
        if len(fields) < 3:
            return False
        self._record("flows", fields, section.span)
        return True

    def _metric_item(self, item: ListItem, line: _Line) -> bool:
        found = patterns.metric_parts(item.text)
        if found is None:
            return False
        metric, threshold, alert = found
        fields = {"metric": value(metric, line.span)}
        if threshold:
            fields["threshold"] = value(threshold, line.span)
        if alert:
            fields["alert"] = value(alert, line.span)
        self._record("monitoring", fields, line.span)
        return True

    def _mapping_item(self, item: ListItem, line: _Line) -> bool:
        found = patterns.mapping_parts(item.text)
        if found is None:
            return False
        self._record("mappings", {k: value(v, line.span) for k, v in found.items() if v}, line.span)
        return True

    def _nested_auth_fields(self, item: ListItem) -> bool:
        """A list item whose nested items say `Mechanism: ...`, `Rotation: ...`: one system's auth."""
        for nested in _nested_items(item):
            pair = _key_value(nested.text)
            if pair and self.vocab.field("auth", pair[0]) in ("mechanism", "rotation", "storage"):
                return True
        return False

    def _is_system_name(self, key: str) -> bool:
        return not self.vocab.section_parts(key, nested=True) and len(key) <= 60

    def _auth_entry(self, system: str, rest: str, span: Span, item: ListItem | None) -> None:
        entry = Auth(span, system=value(system, span))
        self.spec.auth.append(entry)
        offset = 0
        for segment in re.split(r"(;\s+|\s·\s|\n)", rest):  # "mechanism: mTLS; rotation: yearly; storage: HSM"
            pair = _key_value(segment)
            name = self.vocab.field("auth", pair[0]) if pair else None
            if name and name != "system" and pair[1].strip() and getattr(entry, name) is None:
                setattr(entry, name, value(pair[1], _span_at(span, rest, offset)))  # a wrapped item: the key's line
            offset += len(segment)
        self._auth_keywords(entry, rest, span)
        for nested in _nested_items(item) if item else ():
            pair = _key_value(nested.text)
            nested_span = Span(nested.span.line, 1, nested.span.line, 1)
            if pair and self.vocab.field("auth", pair[0]) and pair[1].strip():
                setattr(entry, self.vocab.field("auth", pair[0]), value(pair[1], nested_span))
            self._auth_keywords(entry, nested.text, nested_span)

    def _auth_from_section(self, section: Section) -> bool:
        """A sub-heading naming one system and how it authenticates; False when it says nothing of auth."""
        entry = Auth(section.span, system=value(section.title, section.span))
        for line in self._section_lines(section):
            pair = _key_value(line.text)
            if pair and self.vocab.field("auth", pair[0]) and pair[1].strip():
                setattr(entry, self.vocab.field("auth", pair[0]), value(pair[1], _value_span(line, pair[1])))
            self._auth_keywords(entry, line.text, line.span)
        if entry.mechanism is None and entry.rotation is None and entry.storage is None:
            return False
        self.spec.auth.append(entry)
        return True

    def _auth_prose(self, text: str, line: _Line) -> None:
        """Auth told in sentences. Where only prose describes auth, a sentence whose subject is a
        system ("ShelfCloud signs its notifications with ...") starts that system's entry; the
        sentences after it complete it."""
        auth = self.spec.auth
        if auth and not all(id(entry) in self._prose_auth for entry in auth):
            self._auth_keywords(auth[-1], text, line.span)  # prose under a table or list of systems
            return
        for offset, sentence in patterns.sentences(text):
            span = _offset_span(line, offset)
            subject = patterns.auth_subject(sentence) if patterns.auth_mechanism(sentence) else None
            named = {entry.system.text.lower() for entry in auth if entry.system is not None}
            if subject and subject.lower() not in named:
                if auth and auth[-1].system is None:
                    auth[-1].system = value(subject, span)
                else:
                    auth.append(Auth(span, system=value(subject, span)))
                    self._prose_auth.add(id(auth[-1]))
            elif not auth and patterns.auth_mechanism(sentence):
                auth.append(Auth(span))
                self._prose_auth.add(id(auth[-1]))
            if auth:
                self._auth_keywords(auth[-1], sentence, span)

    def _auth_keywords(self, entry: Auth, text: str, span: Span) -> None:
        """Mechanism, rotation and storage told by what the text says, when no key named them."""
        for name, finder in (
            ("mechanism", patterns.auth_mechanism),
            ("rotation", patterns.auth_rotation),
            ("storage", patterns.auth_storage),
        ):
            if getattr(entry, name) is None:
                phrase = finder(text)
                if phrase:
                    setattr(entry, name, value(phrase, _span_at(span, text, max(0, text.find(phrase)))))

    def _error_entry(self, name: str, rest: str, span: Span, item: ListItem | None) -> None:
        category = self.vocab.category(name) or name.lower()
        for existing in self.spec.errors:
            if existing.category == category and existing.span.line == span.line:
                return
        texts = [rest] + [b.text for b in _nested_items(item)] if item else [rest]
        action = patterns.error_action(" ".join(texts))
        self.spec.errors.append(
            ErrorCategory(span, category, value(name, span), value(rest, span), value(action, span) if action else None)
        )

    def _error_from_section(self, section: Section) -> None:
        category = self.vocab.category(section.title)
        lines = self._section_lines(section)
        if category is None:
            for line in lines:
                self._prose(line, ("errors",))
            return
        text = " ".join(line.text for line in lines)
        action = None
        for line in lines:
            pair = _key_value(line.text)
            if pair and self.vocab.field("errors", pair[0]) == "action" and pair[1].strip():
                action = value(pair[1], line.span)
        if action is None and patterns.error_action(text):
            action = value(patterns.error_action(text), section.span)
        self.spec.errors.append(
            ErrorCategory(section.span, category, value(section.title, section.span), value(text, section.span), action)
        )

    def _dead_letter_text(self, text: str, span: Span) -> None:
        dead = self._dead_letter(span)
        dead.text += f"\n{text}"
        if dead.destination is None:
            destination = patterns.dead_letter_destination(text)
            if destination:
                dead.destination = value(destination, span)
            elif is_placeholder(text):
                dead.destination = value(text, span)
        if dead.alert is None:
            alert = patterns.alert_phrase(text)
            if alert:
                dead.alert = value(alert, span)
        if dead.replay is None and patterns.replay_phrase(text):
            dead.replay = value(patterns.replay_phrase(text), span)

    # -- contracts --------------------------------------------------------------------------
    def _contract(self, section: Section) -> None:
        own = self.vocab.section_parts(section.title)
        generic = own and len(normalize(section.title).split()) <= 2  # "API Contracts", "Endpoints"
        name = None if generic else value(section.title, section.span)
        contract = Contract(section.span, name=name)
        lines = [_Line(section.title, section.span)] + self._section_lines(section)
        code = [block.text for _, block in _blocks_with_sections(section) if isinstance(block, Code)]
        contract.text = "\n".join([line.text for line in lines] + code)
        for line in lines:
            if contract.method is None:
                match = _METHOD_URL.search(line.text)
                if match:
                    contract.method = value(match.group(1), line.span)
                    contract.url = value(match.group(2), line.span)
            pair = _key_value(line.text)
            field = self.vocab.field("contracts", pair[0]) if pair else None
            if field == "topic" and pair[1].strip() and contract.topic is None:
                contract.topic = value(pair[1].strip(" `"), line.span)
            elif field == "headers":
                contract.headers += [value(name, line.span) for name in _header_names(pair[1])]
            elif field in ("request_shape", "response_shape") and (pair[1].strip() or line.has_more):
                if getattr(contract, field) is None:
                    setattr(contract, field, value(pair[1] or "(below)", line.span))
                declared = _inline_fields(pair[1], line.span)  # "`id` string required; `qty` integer"
                if len(declared) >= 2:
                    role = field.split("_")[0]
                    contract.bodies.setdefault(role, Body(line.span)).fields += declared
            if _SHAPE_LIST.search(line.text) and len(_SHAPE_LIST.findall(line.text)) >= 2:
                shape = "response_shape" if _role(line.text.split(":")[0]) == "response" else "request_shape"
                if getattr(contract, shape) is None:
                    setattr(contract, shape, value("(fields listed)", line.span))
            if (_RESPONSE_LINE.match(line.text) or _RETURNS.match(line.text)) and contract.response_shape is None:
                contract.response_shape = value(line.text, line.span)
            status = _STATUS_LINE.match(line.text)
            if status and line.in_list:
                contract.status_codes.append(
                    StatusCode(int(status.group(1)), line.span, value(status.group(2), line.span))
                )
            else:
                self._status_line(contract, line)
            if contract.topic is None:
                mention = _TOPIC_MENTION.search(line.text)
                if mention and not _METHOD_URL.search(line.text):
                    contract.topic = value(mention.group(1) or mention.group(2), line.span)
        self._contract_blocks(contract, section)
        for example in contract.examples:
            said = patterns.example_status(example.text)
            if said:
                line = example.span.line + 1 + said[1]
                contract.status_codes.append(StatusCode(said[0], Span(line, 1, line, 1), listed=False))
        if contract.method is None and (contract.topic is not None or patterns.is_message_contract(contract.text)):
            contract.kind = "message"
        for example in contract.examples:
            if example.role == "request" and contract.request_shape is None:
                contract.request_shape = Value("(example)", example.span)
            if example.role == "response" and contract.response_shape is None:
                contract.response_shape = Value("(example)", example.span)
        self.spec.contracts.append(contract)

    def _status_line(self, contract: Contract, line: _Line) -> None:
        """Status codes on a line: listed ("Status codes: 201 (created), 409 (duplicate)") or only
        mentioned in a sentence ("returns 409 when the order exists")."""
        listed = _STATUS_KEY.search(line.text.replace("\n", " "))  # a list item wrapped over lines
        if listed:
            for piece in re.split(r"[,;]|\s\|\s", listed.group(1)):
                match = _STATUS_ANY.search(piece)
                if match:
                    meaning = piece[match.end():].strip(" `()-—–:=")
                    said = value(meaning, line.span) if re.search(r"[A-Za-z]", meaning) else None
                    contract.status_codes.append(StatusCode(int(match.group(1)), line.span, said))
            return
        found = set(_status_codes(line.text))
        contract.status_codes.extend(StatusCode(code, line.span, listed=False) for code in found)
        for code, offset in patterns.status_mentions(line.text):
            if code not in found:
                found.add(code)
                contract.status_codes.append(StatusCode(code, _offset_span(line, offset), listed=False))

    def _contract_blocks(self, contract: Contract, section: Section) -> None:
        context = ""
        for unit, block in _blocks_with_sections(section):
            if unit is not section and unit.title:
                label = unit.title
            else:
                label = ""
            if isinstance(block, Table):
                kind = self.vocab.table_part([c.text for c in block.header], ("contracts",))
                if kind and kind[0] == "status_codes":
                    code_col = next(i for i, f in kind[1].items() if f == "code")
                    meaning_col = next((i for i, f in kind[1].items() if f == "meaning"), None)
                    for row in block.rows:
                        if code_col < len(row.cells):
                            match = _STATUS_ANY.search(row.cells[code_col].text)
                            if match:
                                meaning = None
                                if meaning_col is not None and meaning_col < len(row.cells):
                                    meaning = value(row.cells[meaning_col].text, row.cells[meaning_col].span)
                                contract.status_codes.append(StatusCode(int(match.group(1)), row.span, meaning))
                elif kind and kind[0] == "schema_fields":
                    role = _role(context or label) or ("response" if "request" in contract.bodies else "request")
                    if role == "response":
                        contract.response_shape = contract.response_shape or Value("(field table)", block.span)
                    else:
                        contract.request_shape = contract.request_shape or Value("(field table)", block.span)
                    body = contract.bodies.setdefault(role, Body(block.span))
                    body.fields += _field_rows(block, kind[1])
                elif kind is None and any(self.vocab.field("contracts", c.text) == "headers" for c in block.header):
                    contract.headers.extend(value(r.cells[0].text, r.span) for r in block.rows if r.cells)
                elif kind is not None:
                    self._table(block, (), section)
                context = ""
            elif isinstance(block, Code):
                self._contract_code(contract, block, _role(context) or _role(label))
                context = ""
            elif isinstance(block, Paragraph):
                context = _label(block.text)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    context = _label(item.text)
                    pair = _key_value(item.text) or (item.text.strip(" *:"), "")
                    if self.vocab.field("contracts", pair[0]) == "headers":  # a list of headers below the key
                        for nested in _nested_items(item):
                            contract.headers += [value(name, Span(nested.span.line, 1, nested.span.line, 1))
                                                 for name in _header_names(nested.text)]
                    for inner in item.blocks:
                        if isinstance(inner, Code):
                            self._contract_code(contract, inner, _role(item.text) or _role(label))

    def _contract_code(self, contract: Contract, code: Code, role: str) -> None:
        if code.info in ("yaml", "yml") and not role:
            self._contract_yaml(contract, code)
            return
        stripped = code.text.strip()
        if not stripped:
            return
        if stripped.startswith("{"):
            try:
                data = json.loads(stripped)
            except ValueError:
                data = None
            if is_json_schema(data):
                if role == "response":
                    contract.response_shape = contract.response_shape or Value("(JSON Schema)", code.span)
                else:
                    contract.request_shape = contract.request_shape or Value("(JSON Schema)", code.span)
                contract.bodies.setdefault(role or "request", Body(code.span)).schema = data
                return
        example = parse_example(role, code.info, code.text, code.span, code.first_line)
        if example.media_type == "application/x-sh":
            example.role = example.role or "request"
        if not example.role:
            roles = {e.role for e in contract.examples}
            wants_request = contract.method is None or contract.method.text.upper() in ("POST", "PUT", "PATCH")
            example.role = "request" if wants_request and "request" not in roles else "response"
        contract.examples.append(example)

    def _contract_yaml(self, contract: Contract, code: Code) -> None:
        """A contract written as a YAML block: method, url, headers, request, response, status codes."""
        from ..document.yaml import is_map, is_seq
        from ..document.yaml import YamlSyntaxError, parse_yaml

        try:
            root = parse_yaml(code.text).root
        except YamlSyntaxError:
            return
        if root is None or not is_map(root):
            return
        for key_node, node in root.value:
            line = code.first_line + key_node.start_mark.line
            span = Span(line, 1, line, 1)
            field = self.vocab.field("contracts", str(key_node.value).replace("_", " "))
            text = node.value if isinstance(node.value, str) else ""
            if field == "method" and text and contract.method is None:
                contract.method = value(text, span)
            elif field == "url" and text and contract.url is None:
                contract.url = value(text, span)
            elif field == "topic" and text and contract.topic is None:
                contract.topic = value(text, span)
            elif field == "headers" and is_map(node):
                contract.headers += [value(str(k.value), span) for k, _ in node.value]
            elif field == "headers" and is_seq(node):
                contract.headers += [value(str(item.value), span) for item in node.value if isinstance(item.value, str)]
            elif field in ("request_shape", "response_shape") and getattr(contract, field) is None:
                setattr(contract, field, value(text or "(YAML block)", span))
            elif field == "status_codes" and isinstance(node.value, list):
                for item in node.value:
                    key = item[0] if isinstance(item, tuple) else item
                    match = _STATUS_ANY.fullmatch(str(key.value).strip())
                    if match:
                        item_line = code.first_line + key.start_mark.line
                        contract.status_codes.append(StatusCode(int(match.group(1)), Span(item_line, 1, item_line, 1)))

    # -- code blocks holding facts ----------------------------------------------------------
    def _code(self, code: Code, parts: tuple[str, ...]) -> None:
        if code.info not in ("yaml", "yml", "json"):
            return
        from ..document.yaml import YamlSyntaxError, parse_yaml

        try:
            tree = parse_yaml(code.text).root
        except YamlSyntaxError:
            return
        if tree is None or not hasattr(tree, "value") or not isinstance(tree.value, list):
            return
        self._yaml_facts(tree, parts, code.first_line - 1)
        if "overview" in parts and self.spec.overview is not None:
            self.spec.overview.text += f"\n{code.text}"

    def _yaml_facts(self, node, parts: tuple[str, ...], line_offset: int, depth: int = 0) -> None:
        from ..document.yaml import is_map, is_seq

        if depth > 6 or not is_map(node):
            return
        for key_node, value_node in node.value:
            key = str(key_node.value)
            span = Span(line_offset + key_node.start_mark.line + 1, 1, line_offset + key_node.start_mark.line + 1, 1)
            named = self.vocab.section_parts(key.replace("_", " "))
            if is_map(value_node) and "errors" in named:
                if self._yaml_error_map(value_node, line_offset):
                    self.spec.sections.setdefault("errors", span)
                continue
            if is_map(value_node):
                self._yaml_facts(value_node, named or parts, line_offset, depth + 1)
                if named:
                    for part in named:
                        self.spec.sections.setdefault(part, span)
                if "retry" in (named or parts) and self.vocab.field("retry", key.replace("_", " ")) == "circuit_breaker":
                    inner = {str(k.value): v for k, v in value_node.value}
                    retry = self._retry(span)
                    threshold = inner.get("threshold") or inner.get("failures") or inner.get("failure_threshold")
                    if threshold is not None and retry.circuit_breaker is None:
                        retry.circuit_breaker = value(str(threshold.value), span)
                    opened = next((inner[k] for k in ("open_for", "open_duration", "reset_timeout", "cooldown")
                                   if k in inner), None)
                    if opened is not None:
                        retry.circuit_open = value(str(opened.value), span, "duration")
                continue
            if is_seq(value_node):
                for part in named:
                    if part in _RECORD_PARTS:
                        self._yaml_records(part, value_node, line_offset)
                continue
            text = "" if value_node.value is None else str(value_node.value)
            line = _Line(f"{key.replace('_', ' ')}: {text}", span)
            self._key_fact(key.replace("_", " "), text, line, parts)

    def _yaml_records(self, part: str, sequence, line_offset: int) -> None:
        """`auth: [{system: ..., mechanism: ...}, ...]` inside a fenced block: one record per item."""
        from ..document.yaml import is_map, is_seq

        for item in sequence.value:
            if not is_map(item):
                continue
            line = line_offset + item.start_mark.line + 1
            span = Span(line, 1, line, 1)
            fields: dict[str, Value] = {}
            for key_node, value_node in item.value:
                name = self.vocab.field(part, str(key_node.value).replace("_", " "))
                if name and not (is_map(value_node) or is_seq(value_node)):
                    text = "" if value_node.value is None else str(value_node.value)
                    key_line = line_offset + key_node.start_mark.line + 1
                    fields.setdefault(name, value(text, Span(key_line, 1, key_line, 1), _KINDS.get((part, name), "text")))
            if fields:
                self._record(part, fields, span)

    def _yaml_error_map(self, node, line_offset: int) -> bool:
        """`errors: {transient: {examples: [...], action: ...}, ...}` inside a fenced block. Only keys
        that name a category count: `"last_error": {"code": ...}` in an example payload is no policy."""
        from ..document.yaml import is_map

        found = False
        for key_node, value_node in node.value:
            line = line_offset + key_node.start_mark.line + 1
            span = Span(line, 1, line, 1)
            name = str(key_node.value)
            if self.vocab.category(name.replace("_", " ")) is None:
                continue
            found = True
            inner = {str(k.value): v for k, v in value_node.value} if is_map(value_node) else {}
            action = inner.get("action") or inner.get("handling")
            action_text = "" if action is None or not isinstance(action.value, str) else action.value
            category = self.vocab.category(name.replace("_", " "))
            examples = inner.get("examples") or inner.get("codes")
            examples_text = None
            if examples is not None:
                examples_text = ", ".join(str(item.value) for item in examples.value) if isinstance(examples.value, list) \
                    else str(examples.value)
            self.spec.errors.append(
                ErrorCategory(span, category, value(name, span), value(examples_text, span) if examples_text else None,
                              value(action_text, span) if action_text else None)
            )
        return found

    # -- helpers ----------------------------------------------------------------------------
    def _section_lines(self, section: Section, own: bool = False) -> list[_Line]:
        """Every line of text in a section and its sub-sections, headings included (`own`: the
        section's own blocks only)."""
        lines: list[_Line] = []
        for _unit, block in (((section, b) for b in section.blocks) if own else _blocks_with_sections(section)):
            if isinstance(block, Paragraph):
                lines.extend(_paragraph_lines(block))
            elif isinstance(block, ListBlock):
                _list_lines(block, lines)
            elif isinstance(block, Table):
                for row in block.rows:
                    if len(block.header) == 2 and len(row.cells) == 2:
                        lines.append(_Line(f"{row.cells[0].text}: {row.cells[1].text}", row.span))
                    else:
                        lines.append(_Line(" | ".join(c.text for c in row.cells), row.span))
        for child in () if own else section.walk():
            if child is not section:
                lines.append(_Line(child.title, child.span))
        lines.sort(key=lambda line: line.span.line)
        return lines

    def _retry(self, span: Span) -> Retry:
        if self.spec.retry is None:
            self.spec.retry = Retry(self.spec.sections.get("retry", span))
        return self.spec.retry

    def _dead_letter(self, span: Span) -> DeadLetter:
        if self.spec.dead_letter is None:
            self.spec.dead_letter = DeadLetter(self.spec.sections.get("dead_letter", span))
        return self.spec.dead_letter

    def _idempotency(self, span: Span) -> Idempotency:
        if self.spec.idempotency is None:
            self.spec.idempotency = Idempotency(self.spec.sections.get("idempotency", span))
        return self.spec.idempotency

    def _overview(self, span: Span) -> Overview:
        if self.spec.overview is None:
            self.spec.overview = Overview(self.spec.sections.get("overview", span))
        return self.spec.overview

    def _sla(self, span: Span) -> Sla:
        if self.spec.sla is None:
            self.spec.sla = Sla(self.spec.sections.get("sla", span))
        return self.spec.sla

    def _overview_systems(self, overview: Overview) -> list[System] | None:
        """The systems a prose overview names: those of the flows and auth entries it mentions, each with
        the role words the overview uses. None when the flows and auth name fewer than two systems."""
        spec = self.spec
        names = [v for flow in spec.flows for v in (flow.source, flow.destination) if given(v)]
        names += [a.system for a in spec.auth if given(a.system)]
        known = {patterns.system_word(v.text): v.text for v in names} if names else {}
        known.pop("", None)
        if len(known) < 2:
            return None
        said = patterns.words(overview.text)
        role = patterns.role_phrase(overview.text)
        where = spec.sections.get("overview", overview.span)
        return [System(value(strip_numbering(name), where), value(role, where) if role else None)
                for word, name in sorted(known.items()) if word in said]

    def _finish(self) -> None:
        spec = self.spec
        intro = "\n".join(self._intro)
        if spec.overview is not None:
            spec.overview.text += f"\n{intro}"
        elif len(intro) > 40:  # the paragraphs under the title are the overview
            spec.overview = Overview(spec.title, text=intro, purpose=value(intro, spec.title))
            pattern = patterns.integration_pattern(intro)
            spec.overview.pattern = value(pattern, spec.title) if pattern else None
        if spec.overview is not None and not spec.overview.systems:
            spec.overview.systems = self._overview_systems(spec.overview)
        for part in ("retry", "dead_letter", "idempotency", "overview", "sla"):
            found = getattr(spec, part)
            if found is not None and part in spec.sections:
                found.span = spec.sections[part]
        if spec.dead_letter is None and "dead_letter" in spec.sections:
            spec.dead_letter = DeadLetter(spec.sections["dead_letter"])
        if spec.retry is None and "retry" in spec.sections:
            spec.retry = Retry(spec.sections["retry"])
        if spec.idempotency is None and "idempotency" in spec.sections:
            spec.idempotency = Idempotency(spec.sections["idempotency"])
        code_lines: set[int] = set()
        for section in self.doc.root.walk():
            for block in _all_blocks(section.blocks):
                if isinstance(block, Code):
                    code_lines.update(range(block.span.line, block.span.end_line + 1))
        scan(spec, "\n".join(self.doc.lines), self.vocab, code_lines)


_KEY_COLUMNS = {"parameter", "setting", "key", "option", "property", "name", "item"}
_CONTRACT_EVIDENCE = {"method", "url", "topic", "request_shape", "response_shape", "status_codes"}
_RECORD_PARTS = {"flows", "mappings", "monitoring", "auth", "errors", "idempotency"}
_SPEC_PARTS = {"flows", "mappings", "monitoring", "errors", "auth", "idempotency"}
_KEYED_PARTS = {"retry", "dead_letter", "idempotency", "overview", "sla", "auth"}
_DEFAULT_FIELD = {"dead_letter": "destination", "idempotency": "key", "retry": "strategy"}
_KINDS = {
    ("retry", "initial_delay"): "duration",
    ("retry", "max_delay"): "duration",
    ("retry", "circuit_open"): "duration",
    ("retry", "max_attempts"): "count",
    ("retry", "circuit_breaker"): "count",
    ("sla", "latency"): "duration",
    ("sla", "timeout"): "duration",
    ("sla", "message_ttl"): "duration",
}


def _header_names(text: str) -> list[str]:
    """Header names in "`Content-Type: application/json`, `Idempotency-Key: <id>` (required)"."""
    names = []
    for part in re.split(r"[,;]\s+|\s+and\s+", text):
        match = _HEADER_NAME.match(part.strip(" *`-"))
        if match:
            names.append(match.group(1))
    return names


def _leading_word_pair(segment: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """"source TaxDesk", "dest RSEG": a flow field named by the segment's first word, without a colon."""
    words = segment.strip().split(None, 1)
    if len(words) == 2 and vocab.names_exactly("flows", words[0], vocab.field("flows", words[0]) or ""):
        return words[0], words[1]
    return None


def _status_codes(text: str) -> list[int]:
    """Status codes a line lists: after "Status codes:", or written with their reason ("201 Created")."""
    listed = _STATUS_KEY.search(text)
    if listed:
        return [int(code) for code in _STATUS_ANY.findall(listed.group(1))]
    with_reason = [int(code) for code in _STATUS_REASON.findall(text)]
    if with_reason:
        return with_reason
    loose = [int(code) for code in _STATUS_LOOSE.findall(text)]
    return loose if len(set(loose)) >= 2 else []


def _key_value(text: str) -> tuple[str, str] | None:
    first = text.split("\n", 1)
    match = _KEY_VALUE.match(first[0])
    if not match:
        return None
    if match.group(1).count("`") % 2:
        return None  # the colon stands inside a code span: "scopes `orders:read`"
    key = match.group(1).strip(" *_`")
    if not key or key.lower().startswith(("http", "www")) or len(key.split()) > 8:
        return None
    rest = match.group(2)
    if len(first) > 1:
        rest = f"{rest}\n{first[1]}"
    return key, rest.strip()


_INLINE_FIELD = lazy(r"^\s*`([\w.\[\]-]+)`\s*(.*?)\s*$", re.S)
_REQUIRED_WORD = lazy(r"\b(required|mandatory|optional)\b", re.I)


def _inline_fields(text: str, span: Span) -> list[Field]:
    """Fields declared in one line, `name` then type: "`event_id` string required; `period` integer"."""
    fields = []
    for piece in re.split(r";\s*", text):
        match = _INLINE_FIELD.match(piece)
        if not match:
            continue
        rest = match.group(2).strip("() ")
        said = _REQUIRED_WORD.search(rest)
        kind = (rest[: said.start()] if said else re.split(r"[(,]", rest)[0]).strip(" (,")
        required = None if said is None else said.group(1).lower() != "optional"
        fields.append(Field(match.group(1), span, kind, required, enum_values(rest)))
    return fields


def _runs(lines: list[_Line]) -> list[_Line]:
    """Lines on consecutive line numbers joined into one, each run from its first line: a sentence
    wrapped over two lines is read whole (the newlines stay, so offsets still tell the line)."""
    runs: list[_Line] = []
    for line in lines:
        last = runs[-1] if runs else None
        if last is not None and line.span.line == last.span.end_line + 1 and not line.in_list and not last.in_list:
            runs[-1] = _Line(f"{last.text}\n{line.text}", Span(last.span.line, last.span.column,
                                                                line.span.end_line, line.span.end_column))
        else:
            runs.append(line)
    return runs


def _paragraph_lines(block: Paragraph) -> list[_Line]:
    return [
        _Line(text, Span(block.span.line + offset, 1, block.span.line + offset, 1 + len(text)))
        for offset, text in enumerate(block.text.split("\n"))
        if text.strip()
    ]


def _list_lines(block: ListBlock, lines: list[_Line]) -> None:
    for item in block.items:
        first = item.text.split("\n")[0]
        lines.append(
            _Line(item.text, Span(item.span.line, 1, item.span.line, 1 + len(first)), True, bool(item.blocks))
        )
        for inner in item.blocks:
            if isinstance(inner, ListBlock):
                _list_lines(inner, lines)
            elif isinstance(inner, Paragraph):
                lines.extend(_paragraph_lines(inner))


def _nested_items(item: ListItem | None):
    if item is None:
        return
    for block in item.blocks:
        if isinstance(block, ListBlock):
            for inner in block.items:
                yield inner
                yield from _nested_items(inner)


_YES = {"yes", "y", "true", "required", "mandatory", "✓", "✔", "x", "always", "must", "req"}
_NO = {"no", "n", "false", "optional", "opt", "-", "—", "nullable", "conditional"}


def _field_rows(table: Table, columns: dict[int, str]) -> list[Field]:
    """A field table's rows as declared fields: name, type, and whether it is required."""
    by_name = {name: index for index, name in columns.items()}
    header = {index: normalize(table.header[index].text) for index in columns}
    fields = []
    for row in table.rows:
        def cell(name: str) -> str:
            index = by_name.get(name)
            return row.cells[index].text.strip() if index is not None and index < len(row.cells) else ""

        name = cell("field").strip("`* ")
        if not name or " " in name:
            continue
        kind = cell("type")
        said = normalize(cell("required")).split(" ")[0] if cell("required") else ""
        required = True if said in _YES else False if said in _NO else None
        if required is not None and header.get(by_name.get("required")) == "optional":
            required = not required
        if required is None:
            lowered = f"{kind} {cell('description')}".lower()
            required = True if "required" in lowered else False if "optional" in lowered else None
        fields.append(Field(name, row.span, kind, required, enum_values(kind) or enum_values(cell("description"))))
    return fields


def _all_blocks(blocks):
    """Blocks and the blocks nested in list items, in document order."""
    for block in blocks:
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from _all_blocks(item.blocks)


def _blocks_with_sections(section: Section):
    for unit in section.walk():
        for block in unit.blocks:
            yield unit, block


def _value_span(line: _Line, rest: str) -> Span:
    first = line.text.split("\n")[0]
    head = rest.split("\n")[0]
    index = first.rfind(head) if head else -1
    if index < 0 or not head:
        return line.span
    return Span(line.span.line, index + 1, line.span.line, index + 1 + len(head))


def _span_at(span: Span, text: str, offset: int) -> Span:
    """`span` for a place on the first line of `text`; the start of its own line for a later one."""
    extra = text.count("\n", 0, offset)
    return span if not extra else Span(span.line + extra, 1, span.line + extra, 1)


def _offset_span(line: _Line, offset: int) -> Span:
    before = line.text[:offset]
    extra = before.count("\n")
    return Span(line.span.line + extra, 1, line.span.line + extra, 1)


def _label(text: str) -> str:
    """The text that introduces a following code block: the last line, when it is short."""
    last = text.strip().split("\n")[-1]
    return last if len(last) <= 100 else ""


def _role(text: str) -> str:
    lowered = text.lower()
    if re.search(r"\b(response|reply|returns?|answer)\b", lowered):
        return "response"
    if re.search(r"\b(request|message|event|payload|call|body|sample record|record|row|file)\b", lowered):
        return "request"
    return ""

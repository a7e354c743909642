"""YAML Document -> Spec: checked against schemas/intspec.schema.json, then mapped key by key."""

from __future__ import annotations

from ruamel.yaml.nodes import MappingNode, SequenceNode

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..document.yaml import YamlDocument, node_span
from ..resources import data_path
from ..span import Span
from .examples import parse_example
from ..model import (
    Auth,
    Body,
    Field,
    Contract,
    DeadLetter,
    ErrorCategory,
    Example,
    Flow,
    Idempotency,
    IdempotencyKey,
    Mapping,
    Metric,
    Overview,
    PARTS,
    Retry,
    Sla,
    Spec,
    StatusCode,
    System,
    Value,
    evidence,
)
from .bodiless import bodiless_status_line, says_no_body
from .dead_letter import alert_phrase, drops_failed, mentions_dead_letter, replay_phrase
from .retry import facts as retry_facts
from .status_codes import example_status, status_mentions
from .text import sentences
from . import scope
from .scan import scan
from .values import enum_values, value
from .vocabulary import Vocabulary
from .yaml_shapes import commented, folded, merged

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NODE_BUDGET = 200_000


@dataclass(slots=True)
class SchemaProblem:
    span: Span
    message: str


class _TooLarge(Exception):
    pass


def extract_yaml(doc: YamlDocument, vocab: Vocabulary) -> tuple[Spec, list[SchemaProblem]]:
    spec = Spec("yaml", Span(1, 1, 1, 1))
    root = doc.root
    if root is None or not isinstance(root, MappingNode):
        where = node_span(root) if root is not None else Span(1, 1, 1, 1)
        return spec, [SchemaProblem(where, "a YAML spec must be a mapping with `intspec: 1` and `title` at the top")]
    if root.value:  # findings about a missing part point at the first key (line 1, unless comments come first)
        first = node_span(root.value[0][0])
        spec.title = Span(first.line, 1, first.line, first.end_column)
    text = "\n".join(doc.lines)
    if "<<" in text:
        root = merged(root)  # (merge keys: yaml_shapes.py)
    problems = _duplicates(root)
    try:
        data = _plain(root, [0])
    except _TooLarge:
        return spec, [SchemaProblem(node_span(root), f"the document has more than {_NODE_BUDGET} nodes (aliases expanded)")]
    problems += _schema_problems(root, data)
    shaped = folded(root, _schema()) if problems else root  # (lists of one-key mappings, keys in comments: yaml_shapes.py)
    _Mapper(spec, vocab).root(commented(shaped, doc.lines) if "#" in text else shaped)
    _drops(spec)
    scan(spec, text, vocab)
    scope.apply(spec)
    return spec, problems


def _drops(spec: Spec) -> None:
    """Failed messages dropped, said in a text value outside the dead-letter part ("a request that still
    fails after the last attempt is written to the log and dropped" in `sla.when_down`)."""
    texts = [spec.sla.when_down] if spec.sla is not None else []
    texts += [getattr(spec.retry, name) for name in ("strategy", "max_attempts")] if spec.retry is not None else []
    for said in texts:
        if said is None or not said.text:
            continue
        for _offset, sentence in sentences(said.text):
            if drops_failed(sentence) and not mentions_dead_letter(sentence):
                spec.dropped.append(Value(sentence, said.span))


# -- schema -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _schema() -> dict:
    with data_path("schemas", "intspec.schema.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


def _schema_problems(root, data) -> list[SchemaProblem]:
    from .schema_check import is_valid

    if is_valid(_schema(), data):
        return []  # the common case, without jsonschema's cost
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        node, key_node = _locate(root, list(error.absolute_path))
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        if error.validator == "additionalProperties" and node is not None and isinstance(node, MappingNode):
            for extra in _unexpected_keys(node, error.schema):
                problems.append(SchemaProblem(node_span(extra), _unknown_key(str(extra.value), path, error.schema)))
            continue
        message = error.message.replace("is a required property", "is required")
        span = node_span(key_node if key_node is not None else node)
        if "propertyNames" in error.schema_path and node is not None and isinstance(node, MappingNode):
            offending = next((k for k, _ in node.value if str(k.value) == str(error.instance)), None)
            if offending is not None:
                span = node_span(offending)
                message = f"key {error.instance!r} is not allowed here ({error.message})"
        problems.append(SchemaProblem(span, f"{path}: {message}" if path else message))
    return problems


def _unknown_key(key: str, path: str, schema: dict) -> str:
    import difflib

    allowed = sorted(schema.get("properties", {}))
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(allowed)}"
    inside = f" in {path}" if path else " at the top level"
    return f"unknown key '{key}'{inside}{hint} (extensions start with 'x-')"


def _unexpected_keys(node, schema: dict):
    import re

    allowed = set(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    for key_node, _ in node.value:
        key = str(key_node.value)
        if key not in allowed and not any(re.search(p, key) for p in patterns):
            yield key_node


def _locate(root, path):
    """The node at a JSON path, and the key node that names it."""
    node, key_node = root, None
    for step in path:
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if str(k.value) == str(step):
                    node, key_node = v, k
                    break
            else:
                return node, key_node
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node, key_node = node.value[step], None
        else:
            return node, key_node
    return node, key_node


def _plain(node, budget: list[int]):
    """The node as plain data for the schema check; keys as strings; bounded in size."""
    budget[0] += 1
    if budget[0] > _NODE_BUDGET:
        raise _TooLarge
    if isinstance(node, MappingNode):
        return {str(_scalar(k)): _plain(v, budget) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [_plain(item, budget) for item in node.value]
    return _scalar(node)


def _scalar(node):
    tag, text = node.tag, node.value
    if not isinstance(text, str):
        return str(text)
    if tag.endswith(":int"):
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag.endswith(":float"):
        try:
            return float(text)
        except ValueError:
            return text
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on", "y")
    if tag.endswith(":null"):
        return None
    return text


def _duplicates(node, depth: int = 0) -> list[SchemaProblem]:
    problems: list[SchemaProblem] = []
    if depth > 100:
        return problems
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(SchemaProblem(node_span(key_node), f"duplicate key '{key}': the later value wins"))
            seen.add(key)
            problems += _duplicates(value_node, depth + 1)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            problems += _duplicates(item, depth + 1)
    return problems


# -- mapping ----------------------------------------------------------------------------------
_NO_REPLY = re.compile(r"^\W*(?:none|n/?a|nothing|empty|no\s+(?:reply|response|body|answer|content))\b", re.I)


def _items(node) -> dict:
    return {str(k.value): (k, v) for k, v in node.value} if node is not None and isinstance(node, MappingNode) else {}


def _text(node) -> str | None:
    if node is None:
        return None
    if isinstance(node, (MappingNode, SequenceNode)):
        return json.dumps(_plain(node, [0]))
    return None if node.tag.endswith(":null") else str(node.value)


def _scalars(node, budget: list[int]):
    """The string scalars under a node (bounded like `_plain`)."""
    budget[0] += 1
    if budget[0] > 10_000 or node is None:
        return
    if isinstance(node, MappingNode):
        for _, child in node.value:
            yield from _scalars(child, budget)
    elif isinstance(node, SequenceNode):
        for child in node.value:
            yield from _scalars(child, budget)
    elif isinstance(node.value, str) and node.tag.endswith(":str"):
        yield node


def _key_spans(node, path: str, spans: dict, budget: list[int]) -> None:
    """Where each key of an example stands: "lines[0].sku" -> its span (bounded like `_plain`)."""
    budget[0] += 1
    if budget[0] > 10_000:
        return
    if isinstance(node, MappingNode):
        for key, child in node.value:
            inner = f"{path}.{key.value}" if path else str(key.value)
            spans[inner] = node_span(key)
            _key_spans(child, inner, spans, budget)
    elif isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            inner = f"{path}[{index}]"
            spans[inner] = node_span(child)
            _key_spans(child, inner, spans, budget)


def _described(fields: dict) -> Value | None:
    """The free text of an extension key (`x-description`, `x-notes`): what a record says in words, where the
    key for it is left out. Loose evidence: the rules read no value from it, nor call the thing missing."""
    for key, (_, node) in fields.items():
        text = _text(node) if str(key).startswith("x-") else None
        if text and len(text.split()) >= 3:
            return value(text, node_span(node))
    return None


_RETRY_KINDS = {"initial_delay": "duration", "max_delay": "duration", "circuit_open": "duration",
                "max_attempts": "count", "circuit_breaker": "count"}


# the parts a flow may carry as its own (intspec.schema.json, flows[]): all but the spec's overview, SLA and flows
_FLOW_PARTS = tuple(part for part in PARTS if part not in ("overview", "sla", "flows"))


class _Mapper:
    def __init__(self, spec: Spec, vocab: Vocabulary):
        self.spec = spec
        self.vocab = vocab

    def val(self, fields: dict, key: str, kind: str = "text") -> Value | None:
        pair = fields.get(key)
        if pair is None:
            return None
        text = _text(pair[1])
        if text is None:
            return None
        result = value(text, node_span(pair[1]), kind)
        if kind == "duration" and result.number is None:
            from .values import duration_seconds

            result.number = duration_seconds(text, bare_unit=1.0)
        return result

    def root(self, root) -> None:
        top = _items(root)
        spec = self.spec
        for part in PARTS:
            if part in top:
                key_node, node = top[part]
                spec.sections[part] = node_span(key_node)
                getattr(self, part)(node, node_span(key_node))

    def records(self, node):
        if node is None or not isinstance(node, SequenceNode):
            return
        for item in node.value:
            if isinstance(item, MappingNode):
                span = node_span(item)
                yield _items(item), Span(span.line, span.column, span.line, span.column)

    def overview(self, node, span: Span) -> None:
        fields = _items(node)
        overview = Overview(span, purpose=self.val(fields, "purpose"), pattern=self.val(fields, "pattern"))
        for item, _item_span in self.records(fields.get("systems", (None, None))[1]):
            name = self.val(item, "name")
            if name:
                overview.systems.append(System(name, self.val(item, "role")))
        self.spec.overview = overview

    def sla(self, node, span: Span) -> None:
        fields = _items(node)
        self.spec.sla = Sla(span, self.val(fields, "latency", "duration"),
                            *(self.val(fields, k) for k in ("throughput", "uptime", "when_down")),
                            timeout=self.val(fields, "timeout", "duration"),
                            message_ttl=self.val(fields, "message_ttl", "duration"))

    def flows(self, node, span: Span) -> None:
        for item, item_span in self.records(node):
            self.spec.flows.append(
                Flow(item_span, *(self.val(item, k) for k in ("name", "source", "destination", "trigger", "payload",
                                                                "frequency")))
            )
            for part in _FLOW_PARTS:  # a flow that carries its own contracts and policies: read where they stand
                if part in item:
                    key_node, inner = item[part]
                    self.own(part, inner, node_span(key_node))

    def own(self, part: str, node, span: Span) -> None:
        """One flow's own `part`, read as the top-level one is. A list part gathers every flow's entries; of a part
        the Spec holds once (the retry policy, the dead-letter place), the first flow's stands, and idempotency
        gathers every flow's statements and keys. A top-level part, read after the flows, answers for all."""
        spec = self.spec
        spec.sections.setdefault(part, span)
        held = getattr(spec, part)
        getattr(self, part)(node, span)
        if part == "idempotency" and held is not None:
            held.statements += spec.idempotency.statements
            held.keys += spec.idempotency.keys
            spec.idempotency = held
        elif part in ("retry", "dead_letter") and held is not None:
            setattr(spec, part, held)

    def contracts(self, node, span: Span) -> None:
        for item, item_span in self.records(node):
            method = self.val(item, "method")
            topic = self.val(item, "topic") or self.val(item, "queue")
            kind_value = self.val(item, "kind")
            kind = kind_value.text if kind_value else ("message" if topic and not method else "http")
            contract = Contract(item_span, self.val(item, "name"), kind, method, self.val(item, "url"), topic)
            headers = item.get("headers", (None, None))[1]
            for key_node, _ in _items(headers).values():
                contract.headers.append(value(str(key_node.value), node_span(key_node)))
            for role in ("request", "response"):
                shape = item.get(role, (None, None))[1]
                if shape is not None and not shape.tag.endswith(":null"):
                    described = _items(shape)
                    if not isinstance(shape, MappingNode) or any(k in described for k in ("schema", "fields", "error", "description")):
                        setattr(contract, f"{role}_shape", value(_text(shape) or "", node_span(shape)))
                    body = self.body(described, node_span(shape))
                    if body is not None:
                        contract.bodies[role] = body
            codes = item.get("status_codes", (None, None))[1]
            for key_node, meaning in _items(codes).values():
                try:
                    code = int(str(key_node.value))
                except ValueError:
                    continue
                # an empty or null meaning is given as empty: "422: ''" lists the code without its meaning
                contract.status_codes.append(StatusCode(code, node_span(key_node), value(_text(meaning) or "",
                                                                                         node_span(meaning))))
            examples = _items(item.get("examples", (None, None))[1])
            media = self.val(examples, "media_type")
            for role in ("request", "response"):
                said = (_text(examples[role][1]) or "") if role in examples else ""
                if role == "response" and (_NO_REPLY.match(said) or bodiless_status_line(said)):
                    where = node_span(examples[role][1])  # "response: none: QoS 1 PUBACK only, no reply message",
                    # "response: HTTP/1.1 204 No Content"
                    contract.examples.append(Example("response", "none", "", where, first_line=where.line))
                elif role in examples:
                    example = self.example(role, examples[role][1], media.text if media else "")
                    key, body = node_span(examples[role][0]), example.span
                    example.span = Span(key.line, key.column, body.end_line, body.end_column)  # from "request:"
                    contract.examples.append(example)
            if contract.response_shape is not None and not any(e.role == "response" for e in contract.examples) and \
                    says_no_body(contract.response_shape.text):  # "schema: Empty body (204 No Content)": the whole answer
                contract.examples.append(Example("response", "none", "", contract.response_shape.span,
                                                 first_line=contract.response_shape.span.line))
            for example in contract.examples:
                said = example_status(example.text) if example.key_spans is None else None
                if said:
                    contract.status_codes.append(StatusCode(said[0], example.span, listed=False, shown=True))
            for key, (_, child) in item.items():
                if key not in ("status_codes", "examples"):
                    for scalar in _scalars(child, [0]):
                        for code, _offset in status_mentions(str(scalar.value)):
                            contract.status_codes.append(StatusCode(code, node_span(scalar), listed=False))
            contract.text = json.dumps({k: _plain(v, [0]) for k, (_, v) in item.items()})
            self.spec.contracts.append(contract)

    def body(self, described: dict, span: Span) -> Body | None:
        """The declared shape of a body: a JSON Schema object and/or a field list."""
        schema = described.get("schema", (None, None))[1]
        fields = described.get("fields", (None, None))[1]
        body = Body(span)
        if isinstance(schema, MappingNode):
            body.schema = _plain(schema, [0])
        for item, item_span in self.records(fields):
            name = self.val(item, "name")
            if name is None:
                continue
            kind = self.val(item, "type")
            required = item.get("required", (None, None))[1]
            said = None if required is None else str(required.value).lower() in ("true", "yes")
            kind_text = kind.text if kind else ""
            body.fields.append(Field(name.text, item_span, kind_text, said, enum_values(kind_text)))
        return body if body.schema is not None or body.fields else None

    def example(self, role: str, node, media: str) -> Example:
        span = node_span(node)
        if isinstance(node, (MappingNode, SequenceNode)):
            example = Example(role, "application/json", json.dumps(_plain(node, [0])), span, data=_plain(node, [0]))
            example.key_spans = {}
            _key_spans(node, "", example.key_spans, [0])
            return example
        text = str(node.value)
        if not text.strip():  # `response: ""`: an empty body, shown as empty, whatever the media type says
            return Example(role, "none", "", span, first_line=span.line)
        info = {"application/json": "json", "application/xml": "xml", "text/csv": "csv",
                "application/x-www-form-urlencoded": "form"}.get(media, "")
        first_line = span.line + (1 if node.style in ("|", ">") else 0)
        example = parse_example(role, info, text, span, first_line)
        if example.error_span and node.style not in ("|", ">"):
            example.error_span = span
        return example

    def auth(self, node, span: Span) -> None:
        for item, item_span in self.records(node):
            self.spec.auth.append(
                Auth(item_span, *(self.val(item, k) for k in ("system", "mechanism", "rotation", "scopes", "storage")))
            )

    def errors(self, node, span: Span) -> None:
        for item, item_span in self.records(node):
            name = self.val(item, "category")
            category = (self.vocab.category(name.text) if name else None) or (name.text.lower() if name else "")
            self.spec.errors.append(
                ErrorCategory(item_span, category, name, self.val(item, "examples"), self.val(item, "action"))
            )

    def retry(self, node, span: Span) -> None:
        fields = _items(node)
        breaker = fields.get("circuit_breaker", (None, None))[1]
        retry = Retry(
            span,
            strategy=self.val(fields, "strategy"),
            jitter=self.val(fields, "jitter"),
            initial_delay=self.val(fields, "initial_delay", "duration"),
            max_attempts=self.val(fields, "max_attempts", "count"),
            max_delay=self.val(fields, "max_delay", "duration"),
        )
        if breaker is not None and isinstance(breaker, MappingNode):
            inner = _items(breaker)
            retry.circuit_breaker = self.val(inner, "threshold", "count")
            retry.circuit_open = self.val(inner, "open_for", "duration")
        elif breaker is not None:
            retry.circuit_breaker = self.val(fields, "circuit_breaker", "count")
        if retry.strategy is not None:  # "first retry after 3 seconds, doubling, at most 6 attempts": a policy in words
            for name, (phrase, _) in retry_facts(retry.strategy.text).items():
                if name != "strategy" and getattr(retry, name) is None:
                    setattr(retry, name, value(phrase, retry.strategy.span, _RETRY_KINDS.get(name, "text")))
        described = _described(fields)  # "x-notes: ... Circuit breaker: after 12 consecutive failed calls ...": told,
        if described is not None:  # in words
            for name, _said in retry_facts(described.text).items():
                if getattr(retry, name) is None:
                    setattr(retry, name, evidence(described.text, described.span))
        self.spec.retry = retry

    def dead_letter(self, node, span: Span) -> None:
        fields = _items(node)
        dead = self.spec.dead_letter = DeadLetter(span, *(self.val(fields, k) for k in ("destination", "alert", "owner",
                                                                                         "replay")))
        described = _described(fields)  # "x-description: ... posts to Slack #pantry-integrations": told, in words
        if described is not None:
            if dead.alert is None and alert_phrase(described.text):
                dead.alert = evidence(described.text, described.span)
            if dead.replay is None and replay_phrase(described.text):
                dead.replay = evidence(described.text, described.span)

    def monitoring(self, node, span: Span) -> None:
        for item, item_span in self.records(node):
            metric = self.val(item, "metric")
            kind = self.val(item, "kind")
            self.spec.monitoring.append(
                Metric(
                    item_span,
                    kind.text if kind else self.vocab.metric_kind(metric.text if metric else ""),
                    metric,
                    self.val(item, "threshold"),
                    self.val(item, "alert"),
                )
            )

    def mappings(self, node, span: Span) -> None:
        for item, item_span in self.records(node):
            row = Mapping(
                item_span,
                *(self.val(item, k) for k in ("source", "source_type", "target", "target_type", "transform",
                                              "default", "nullable")),
            )
            described = _described(item)
            if row.transform is None and described is not None:
                row.transform = evidence(described.text, described.span)  # "x-description: ambient to AMB, ..."
            enum_map = item.get("enum_map", (None, None))[1]
            if isinstance(enum_map, MappingNode):
                row.enum_map = {str(k.value): str(v.value) for k, v in enum_map.value if not isinstance(v, (MappingNode, SequenceNode))}
            self.spec.mappings.append(row)

    def idempotency(self, node, span: Span) -> None:
        fields = _items(node)
        idempotency = Idempotency(span)
        statement = self.val(fields, "statement")
        if statement:
            idempotency.statements.append(statement)
        for item, item_span in self.records(fields.get("keys", (None, None))[1]):
            idempotency.keys.append(IdempotencyKey(item_span, self.val(item, "operation"), self.val(item, "key")))
        self.spec.idempotency = idempotency

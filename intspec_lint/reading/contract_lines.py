"""One line of a contract's unit, read into its contract: the call it opens with ("`POST /v1/orders`", "push to
`https://…/events` (POST)"), its labelled facets ("Headers:", "Request:", "Response:"), the body fields a sentence
declares, and the status codes it lists ("`201` created · `200` replay", "Response `200 OK`: ..."). contracts.py
cuts the units and reads their tables and blocks; this reads their words."""

from __future__ import annotations

import re

from ..model import Body, Contract, StatusCode
from .bodies import inline_fields, role_of
from .call_starts import EXAMPLE_LEAD, retired
from .context import Reading
from .contract_units import TOPIC_MENTION
from .lazy_re import lazy
from .statements import Statement, key_value
from .status_codes import CODE_CLAUSE, DOCUMENTED_STATUS, STATUS_KEY, STATUS_LINE, dotted_codes, status_line
from .text import HEADER_SHAPE, PRONOUN
from .topics import METHOD_URL
from .values import value

_SHAPE_LIST = lazy(
    r"`[\w.\[\]-]+`\s*\(\s*(?:string|str|int|integer|number|float|decimal|bool|boolean|array|list|object|uuid|"
    r"date|datetime|timestamp|unix|iso|enum|binary|hex|url|email)",
    re.I,
)
_RESPONSE_LINE = lazy(r"^\W*(?:2\d\d|success|ok|errors?)\b[^:→]{0,20}(?:→|->|=>)\s*\S"
                      r"|^\W*(?:responses?|resp|repl(?:y|ies)|answers?)\s+\(?[1-5]\d\d\b", re.I)  # "Response 202 `{...}`"
_RETURNS = lazy(r"^\W*(?:returns?|responds?\s+with|replies\s+with|answers?\s+with)\b[^.]{0,40}?`?[{\[]", re.I)
_LINE_HEADER = lazy(rf"`({HEADER_SHAPE})(?::[^`]*)?`")
_HEADER_NAME = lazy(r"`?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+|Authorization|Accept|Host|Cookie|Date|Signature)\b")
_CONDITION_KEY = lazy(r"^(?!\W*(?:response|reply|answer|result|returns?)\b)\W*\w+(?:\s+\S+)+", re.I)  # two words or more
_URL_THEN_METHOD = lazy(r"`?(https?://[^\s`]+)`?\s*\((GET|POST|PUT|PATCH|DELETE)\)")
_BODY_FIELDS = lazy(r"\bbody(?:\s+fields?|\s+members?)?\s*:?\s*(`[\w.\[\]-]+`\s*\([^)]*\)(?:\s*,\s*(?:and\s+)?`[\w.\[\]-]+`"
                    r"\s*\([^)]*\))*)", re.I)
_VALUE_STATUS = lazy(r"^\W{0,2}`?([1-5]\d\d)\b(?![.,]\d)")
_CODE_AND_REASON = lazy(r"^\W{0,3}[1-5]\d\d\s+(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)`?\s+(?:when|if|for|on|after|once)\b")
_RESPONSE_OF_STATUS = lazy(r"^\W*(?:example\s+)?(?:response|reply|answer)\b[^`\d\n]{0,12}`?([1-5]\d\d)\s+"
                           r"([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*)`?\W*$", re.I)
_EACH_ITEM = lazy(r"\b[Ee]ach\s+([a-z_]+)\s*:\s*(`[\w.]+`\s*\([^)]*\)(?:\s*,\s*(?:and\s+)?`[\w.]+`\s*\([^)]*\))*)")


def read_line(r: Reading, contract: Contract, statement: Statement) -> None:
    text = statement.text
    span = statement.span
    if contract.method is None:
        match = METHOD_URL.search(text)
        if match and not (statement.shape in ("sentence", "item") and _is_aside(text, match)) and \
                not retired(text[match.end():], text[:match.start()]):  # "`POST /v1/feedings` is removed": history
            contract.method = value(match.group(1), span)
            contract.url = value(match.group(2), span)
            # "PATCH `.../payables/{n}` · `If-Match: <version>`": the headers it sends, on the call's own line
            contract.headers += [value(name, span) for name in _LINE_HEADER.findall(text[match.end():].split("\n")[0])]
        after = _URL_THEN_METHOD.search(text) if match is None else None
        if after:  # "push to `https://hk-sync.example/meridian/events` (POST)"
            contract.method = value(after.group(2), span)
            contract.url = value(after.group(1), span)
    pair = key_value(text)
    if pair and statement.shape == "sentence" and (PRONOUN.match(pair[0]) or len(pair[0].split()) > 5):
        pair = None  # "We retry on any non-2xx answer or timeout: 6 attempts ...": a clause before its colon, no label
    field = r.vocab.field("contracts", pair[0]) if pair else None
    if field == "request_shape" and role_of(pair[0]) == "response":
        field = "response_shape"  # "200 body: `report_id` string; ...": what the status comes back with
    if field == "topic" and pair[1].strip() and contract.topic is None and contract.method is None:
        contract.topic = value(pair[1].strip(" `"), span)
    elif field == "headers":
        contract.headers += [value(name, span) for name in _header_names(pair[1])]
        for nested in _nested_texts(r, statement):
            contract.headers += [value(name, span) for name in _header_names(nested)]
    elif field in ("request_shape", "response_shape") and (pair[1].strip() or r.under(statement)):
        if getattr(contract, field) is None:
            setattr(contract, field, value(pair[1] or "(below)", span))
        declared = inline_fields(pair[1], span)  # "`id` string required; `qty` integer"
        if len(declared) >= 2:
            contract.bodies.setdefault(field.split("_")[0], Body(span)).fields += declared
    for said in _BODY_FIELDS.finditer(text):  # "... and body fields `submission_id` (string, UUID), `email` (string)"
        before = text[max(0, said.start() - 50):said.start()]
        # "`200` — body: `station_id` (string), ...": what a status answers with is the response
        role = "response" if role_of(before) == "response" or STATUS_LINE.match(text) else "request"
        declared = inline_fields(said.group(1), span)
        if declared:
            contract.bodies.setdefault(role, Body(span)).fields += declared
            if getattr(contract, f"{role}_shape") is None:
                setattr(contract, f"{role}_shape", value(said.group(0), span))
    for each in _EACH_ITEM.finditer(text):  # "... `readings` (array). Each reading: `observed_at` (string), ..."
        noun = each.group(1).lower()
        owner = next(((role, f.name) for role, body in contract.bodies.items() for f in body.fields
                      if f.name.removesuffix("[]").lower() in (f"{noun}s", noun, f"{noun}es")), None)
        if owner is not None:
            for item in inline_fields(each.group(2), span):
                item.name = f"{owner[1].removesuffix('[]')}[].{item.name}"
                contract.bodies[owner[0]].fields.append(item)
    if len(_SHAPE_LIST.findall(text)) >= 2:
        shape = "response_shape" if role_of(text.split(":")[0]) == "response" else "request_shape"
        if getattr(contract, shape) is None:
            setattr(contract, shape, value("(fields listed)", span))
    if (_RESPONSE_LINE.match(text) or _RETURNS.match(text)) and contract.response_shape is None:
        contract.response_shape = value(text, span)
    status = STATUS_LINE.match(text)
    documented = DOCUMENTED_STATUS.match(text)
    if statement.key and statement.value and field in (None, "status_codes") and \
            r.vocab.field("contracts", statement.key) == "status_codes" and not STATUS_KEY.search(text):
        # "| Success | `201` created, `200` replay |", "Client errors: `400` invalid": codes listed under their class
        status_line(contract, Statement(f"Status codes: {statement.value}", span, statement.path, "line",
                                        statement.section))
    elif status and (dotted := dotted_codes(text)):  # "201 created · 200 replay · 400 invalid body": a code a segment
        contract.status_codes += [StatusCode(code, span, value(meaning, span) if meaning else None)
                                  for code, meaning in dotted]
    elif status and (statement.shape == "item" or _CODE_AND_REASON.match(text) or CODE_CLAUSE.match(text)):
        # "- `409` duplicate", "`207 Multi-Status` when some events fail validation": a code and what it means
        contract.status_codes.append(StatusCode(int(status.group(1)), span, value(status.group(2), span)))
    elif _RESPONSE_OF_STATUS.match(text):  # "**Example Response** — `200 OK`": the status the example answers with
        found = _RESPONSE_OF_STATUS.match(text)
        contract.status_codes.append(StatusCode(int(found.group(1)), span, value(found.group(2), span)))
    elif documented:  # "Response `200 OK`: `{...}`": the response of that status, documented
        contract.status_codes.append(StatusCode(int(documented.group(1)), span, value(documented.group(2), span)))
        status_line(contract, statement)
    elif statement.key and _VALUE_STATUS.match(statement.value or "") and _CONDITION_KEY.match(statement.key) and \
            r.vocab.field("contracts", statement.key) != "status_codes" and not EXAMPLE_LEAD.match(statement.key):
        # "Repeated Idempotency-Key within 7 days: `200 OK` with the original body": when that status comes
        code = int(_VALUE_STATUS.match(statement.value).group(1))
        contract.status_codes.append(StatusCode(code, span, value(statement.key, span)))
        status_line(contract, statement)
    else:
        status_line(contract, statement)
    if contract.topic is None:
        mention = TOPIC_MENTION.search(text)
        named = (mention.group(1) or mention.group(2) or mention.group(3)) if mention else ""
        if mention and not METHOD_URL.search(text) and not re.fullmatch(r"\s*[1-5]\d\d\s*", named):
            contract.topic = value(named, span)  # not "on this path · `404`": a status code names no place


def _is_aside(text: str, match) -> bool:
    """A method and URL quoted in passing ("unlike `GET /v1/orders`, ...") is not this contract's."""
    return match.start() > 80


def _nested_texts(r: Reading, statement: Statement) -> list[str]:
    return [n.text for n in r.under(statement) if n.shape in ("item", "sentence", "line")]


def _header_names(text: str) -> list[str]:
    """Header names in "`Content-Type: application/json`, `Idempotency-Key: <id>` (required)"."""
    names = []
    for part in re.split(r"[,;]\s+|\s+and\s+", text):
        match = _HEADER_NAME.match(part.strip(" *`-"))
        if match:
            names.append(match.group(1))
    return names

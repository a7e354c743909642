"""API and message contracts: method and URL or topic, headers, bodies, status codes, examples.

A contract is a unit of the document: a sub-heading under the contracts' section ("### POST
/v1/orders", "### Contract: create order"), a section that names an endpoint or a queue, or, in a
section that lists several endpoints without sub-headings, the statements from one endpoint's
first mention to the next. Units that name the same endpoint (an example in an appendix, a
"(response)" sub-heading) are one contract. Examples are fenced blocks, YAML contract blocks, JSON
in inline code ("Response 201: `{"id": 7}`"), JSON after an arrow ("→ 200 {...}"), and a status
that has no body by definition ("204 No Content").
"""

from __future__ import annotations

import json
import re

from ..document.model import Section
from ..model import Body, Contract, Example, Field, StatusCode, Value
from ..span import Span
from .context import Reading
from .examples import is_json_schema, parse_example
from .lazy_re import lazy
from .statements import Statement, key_value
from .topics import METHOD_URL, TOPIC_HEADING
from .values import enum_values, value
from .vocabulary import normalize

_STATUS_LINE = lazy(r"^\W{0,3}([1-5]\d\d)\b(?![.,]\d)\s*(.*)$", re.S)
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
_STATUS_LOOSE = lazy(
    r"(?<![\w.$/:{-])`?([1-5]\d\d)`?(?=\s+(?:on|for|if|when|as|and|or|means|is|are|=)\b|\s*[(:=—–])"
)
_STATUS_ANY = lazy(r"(?<![\w.$/-])([1-5]\d\d)(?![\w.%/-])")
_DOCUMENTED_STATUS = lazy(r"^\W*(?:response|reply|answer)\W*\s*`?([1-5]\d\d)\b[^:]{0,30}:\s*(\S.*)", re.I | re.S)
_STATUS_MENTION = lazy(
    r"\b(?:returns?|returning|respond(?:s|ed)?(?:\s+with)?|repl(?:y|ies)(?:\s+with)?|answers?(?:\s+with)?|"
    r"status(?:\s+code)?|HTTP(?:/\d(?:\.\d)?)?|gets?|receives?|sends?\s+back|fails?\s+with|"
    r"(?:refused|rejected|denied|answered|acknowledged)\s+with)\s+"
    r"(?:(?:an?|the|with|code|status|of|http)\s+){0,2}`?([1-5]\d\d)\b(?![.,]\d)"
    r"|(?<![\w.$/-])`?([1-5]\d\d)`?\s+(?:\w+\s+)?(?:is|are|gets?)\s+(?:then\s+)?"
    r"(?:returned|sent(?:\s+back)?|raised|answered|given|thrown)\b",
    re.I,
)
_HTTP_STATUS_LINE = lazy(r"^\s*HTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b", re.M)
_SHAPE_LIST = lazy(
    r"`[\w.\[\]-]+`\s*\(\s*(?:string|str|int|integer|number|float|decimal|bool|boolean|array|list|object|uuid|"
    r"date|datetime|timestamp|unix|iso|enum|binary|hex|url|email)",
    re.I,
)
_RESPONSE_LINE = lazy(r"^\W*(?:2\d\d|success|ok|errors?)\b[^:→]{0,20}(?:→|->|=>)\s*\S", re.I)
_RETURNS = lazy(r"^\W*(?:returns?|responds?\s+with|replies\s+with|answers?\s+with)\b[^.]{0,40}?`?[{\[]", re.I)
_HEADER_NAME = lazy(r"`?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+|Authorization|Accept|Host|Cookie|Date|Signature)\b")
_TOPIC_MENTION = lazy(
    r"\b(?:topic|queue|channel|stream|subject|exchange|bucket|sftp|s3|folder|directory|path)\b[^`\n]{0,30}`([^`]+)`"
    r"|`([^`]+)`[^`\n]{0,20}\b(?:topic|queue|channel|stream|subject|exchange|bucket)\b",
    re.I,
)
_MESSAGE = lazy(
    r"\b(topic|queue|kafka|sqs|sns|rabbitmq|amqp|pub/?sub|event|message|mqtt|kinesis|eventbridge|service bus|"
    r"webhook|sftp|s3|file drop|csv file|bucket|nats|stream|pulsar|as2|edi)\b",
    re.I,
)
_INLINE_JSON = lazy(r"`(\s*[\[{].*?[\]}]\s*)`")
_ARROW_JSON = lazy(r"(?:→|->|=>)\s*`?([1-5]\d\d)?[^{\[`\n]{0,30}`?\s*([{\[].*[}\]])`?\s*$")
_NO_BODY = lazy(r"\b(?:204|205|304)\b(?:\s*`)?\s*(?:No Content|Reset Content|Not Modified)?|\b(?:empty|no)\s+(?:response\s+)?"
                r"body\b", re.I)
_LABEL_PARTS = ("contracts",)
_EVIDENCE_FIELDS = {"method", "url", "topic", "request_shape", "response_shape", "status_codes"}
_YES = {"yes", "y", "true", "required", "mandatory", "✓", "✔", "x", "always", "must", "req"}
_NO = {"no", "n", "false", "optional", "opt", "-", "—", "nullable", "conditional"}


def read(r: Reading) -> None:
    units = _units(r)
    merged: dict[str, Contract] = {}
    for heading, statements, span in units:
        contract = _contract(r, heading, statements, span)
        identity = _identity(contract)
        same = _same(identity, merged) if identity else None
        if same:
            _merge(merged[same], contract)
            continue
        if identity:
            merged[identity] = contract
        r.spec.contracts.append(contract)
    if r.spec.contracts:
        r.mark("contracts", r.spec.contracts[0].span)


# -- where contracts stand --------------------------------------------------------------------------
def _units(r: Reading) -> list[tuple[str, list[Statement], Span]]:
    """(heading, statements, span) of every contract, in document order."""
    units: list[tuple[str, list[Statement], Span]] = []
    taken: set[int] = set()  # ids of sections read as contracts

    def visit(section: Section) -> None:
        parts = r.topics.of(section)
        inside = id(section) in taken
        if not inside and section.level:
            if "contracts" in parts and _split(section):
                for child in section.children:
                    visit(child)
                return
            if "contracts" in parts and _is_unit(r, section):
                _take(section)
                return
            if not parts and not section.children and section is not r.topics.title and _names_endpoint(r, section):
                _take(section)
                return
            if "contracts" not in parts and _labelled(r, section.title) and _describes(r, section):
                _take(section)  # "### Contract: create order" under a flow
                return
        for child in section.children:
            visit(child)

    def _take(section: Section) -> None:
        taken.update(id(s) for s in section.walk())
        units.append((section.title, r.within(section), section.span))
        units[-1][1].insert(0, _heading(r, section))

    def _split(section: Section) -> bool:
        """Several endpoints in one section without sub-headings: each from its first mention on."""
        own = [s for s in r.within(section, own=True) if s.shape not in ("code-key", "code-comment")]
        starts = [i for i, s in enumerate(own) if s.depth == 0 and _starts_endpoint(s)]
        if len(starts) < 2:
            return False
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(own)
            statements = own[start:end]
            units.append((statements[0].text.split("\n")[0], statements, statements[0].span))
        return True

    visit(r.doc.root)
    units.sort(key=lambda unit: unit[2].line)
    return units


_EXAMPLE_LEAD = lazy(r"^\W*(?:request|response|example|sample|e\.g\.|for example|curl)\b", re.I)


def _starts_endpoint(statement: Statement) -> bool:
    """A statement that opens with an endpoint: "`POST /v1/orders` creates ...", "`invoice-create`: `POST ...`",
    or a request example of its own (```http POST https://... ```); not "Request: `GET /v1/orders/7`"."""
    if statement.shape == "code":
        return statement.code.info in ("http", "") and bool(METHOD_URL.match(statement.text.lstrip()))
    if statement.shape not in ("item", "line", "sentence") or _EXAMPLE_LEAD.match(statement.text):
        return False
    first = statement.text.split("\n", 1)[0]
    match = METHOD_URL.search(first)
    return match is not None and match.start() <= 40


def _heading(r: Reading, section: Section) -> Statement:
    return next((s for s in r.statements if s.shape == "heading" and s.section is section),
                Statement(section.title, section.span, (section.title,), "heading", section))


def _generic(r: Reading, title: str) -> bool:
    return bool(r.vocab.section_parts(title)) and len(normalize(title).split()) <= 2  # "API Contracts"


def _labelled(r: Reading, title: str) -> bool:
    label = r.vocab.label(title)[0]
    return bool(label) and "contracts" in r.vocab.section_parts(label)


_OPERATION = lazy(r"^\W*(?:[\w.]+\s+)?(?:create|update|delete|get|fetch|send|post|put|patch|list|cancel|submit|"
                  r"publish|notify|upsert|register|sync|push|pull|search|query|retrieve|read|write|close|open|"
                  r"refund|approve|reject|book|reserve|confirm)\b|\b(?:message|event|webhook|callback|notification|"
                  r"endpoint|request)s?\b", re.I)


def _is_unit(r: Reading, section: Section) -> bool:
    own = r.topics.own.get(id(section), ())
    if own and "contracts" not in own:
        return False
    for child in section.children:
        child_parts = r.topics.heading_parts(child.title, ("nested",))
        if not r.vocab.is_contract_subsection(child.title) and (not child_parts or "contracts" in child_parts):
            return False
    if _describes(r, section):
        return True
    # a sub-heading under the contracts that names an operation ("### Create fulfillment order") is one,
    # however little it says; "### Environments" is not
    return not own and not section.children and bool(_OPERATION.search(section.title))


def _names_endpoint(r: Reading, section: Section) -> bool:
    """A section that names a method and URL, or a queue or topic by a key ("Queue: `orders`")."""
    if METHOD_URL.search(section.title) or TOPIC_HEADING.search(section.title):
        return True
    for statement in r.within(section):
        if statement.shape in ("code", "code-key", "code-comment"):
            continue
        pair = key_value(statement.text)
        if METHOD_URL.search(statement.text) or (
                pair and r.vocab.field_exactly("contracts", pair[0]) in ("method", "url", "topic")
                and pair[1].strip() and len(pair[1].split()) <= 3):
            return True
    return False


def _describes(r: Reading, section: Section) -> bool:
    """Evidence that a section describes an endpoint or a message, not just names the topic."""
    if METHOD_URL.search(section.title) or TOPIC_HEADING.search(section.title):
        return True
    for statement in r.within(section):
        if statement.shape == "code":
            return True
        if statement.shape in ("code-key", "code-comment"):
            continue
        if METHOD_URL.search(statement.text) or _TOPIC_MENTION.search(statement.text):
            return True
        pair = key_value(statement.text)
        if pair and r.vocab.field("contracts", pair[0]) in _EVIDENCE_FIELDS:
            return True
    return False


# -- one contract -----------------------------------------------------------------------------------
def _contract(r: Reading, heading: str, statements: list[Statement], span: Span) -> Contract:
    from_heading = statements[0].shape == "heading"
    contract = Contract(span, name=value(heading, span) if from_heading and not _generic(r, heading) else None)
    words = [s for s in statements if s.shape not in ("code", "code-key", "code-comment")]
    contract.text = "\n".join(s.text for s in statements if s.shape != "code-key")
    previous: Statement | None = None
    labels: dict[int, str] = {}  # id(table) -> the words before it
    after: list[Statement] = []  # code blocks since the last words: "Body: ... Response: ..." then two blocks
    since: list[Statement] = []  # the words since the last code block or heading
    codes = [s for s in statements if s.shape == "code"]
    for statement in statements:
        if statement.shape == "code":
            label = _label_before(statement, previous)
            roles = _keyed_roles(since)  # "Body: ... Response: ...": the blocks below come in that order
            run = _run_length(codes, statement, statements)
            if len(roles) > 1 and (not _role(label) or run > 1 or after):
                label = roles[len(after)] if len(after) < len(roles) else ""
            after.append(statement)
            _code(r, contract, statement, label)
            continue
        if statement.shape not in ("code-key", "code-comment"):
            after = []
            since = [] if statement.shape == "heading" else since + [statement]
        if statement.shape in ("code-key", "code-comment"):
            continue
        if statement.shape == "row":
            label = labels.setdefault(id(statement.table), _label_before(statement, previous))
            _row(r, contract, statement, label)
        else:
            _line(r, contract, statement)
            _inline_examples(contract, statement)
        previous = statement
    if contract.method is None:  # a unit that opens with its request example: `POST https://...` in an http block
        for statement in statements:
            match = METHOD_URL.match(statement.text.lstrip()) if statement.shape == "code" else None
            if match:
                contract.method = value(match.group(1), statement.span)
                contract.url = value(match.group(2), statement.span)
                break
    for example in contract.examples:
        found = example_status(example.text)
        if found:
            line = example.span.line + 1 + found[1]
            contract.status_codes.append(StatusCode(found[0], Span(line, 1, line, 1), listed=False))
    if contract.method is None and (contract.topic is not None or _MESSAGE.search(contract.text)):
        contract.kind = "message"
    if contract.kind == "http" and not any(e.role == "response" for e in contract.examples):
        _bodyless_response(contract, words)
    for example in contract.examples:
        if example.role == "request" and contract.request_shape is None:
            contract.request_shape = Value("(example)", example.span)
        if example.role == "response" and contract.response_shape is None:
            contract.response_shape = Value("(example)", example.span)
    return contract


def _run_length(codes: list[Statement], first: Statement, statements: list[Statement]) -> int:
    """How many code blocks follow one another from `first` on, with no words between them."""
    at = statements.index(first)
    count = 0
    for statement in statements[at:]:
        if statement.shape == "code":
            count += 1
        elif statement.shape not in ("code-key", "code-comment"):
            break
    return count


def _keyed_roles(statements: list[Statement]) -> list[str]:
    """The roles labelled one after the other: "Body: ... Response: ..." -> request, response."""
    roles: list[str] = []
    for statement in statements:
        role = _role(statement.key) if statement.key and len(statement.key.split()) <= 3 else ""
        if role and role not in roles:
            roles.append(role)
    return roles


def _label_before(statement: Statement, previous: Statement | None) -> str:
    """The words that introduce a code block: the statement just before it, or the sub-heading it
    stands under when nothing stands between them."""
    if statement.parent is not None and statement.parent.shape == "item":
        return statement.parent.text.split("\n")[-1]
    if previous is None:
        return statement.heading
    text = previous.text.split("\n")[-1]
    if previous.shape == "heading":
        return text
    if _STATUS_KEY.match(text) or _STATUS_KEY.match(previous.key or ""):
        return ""  # "Status codes: 400 Bad Request, ...": its reason phrases name no role
    if previous.section is not statement.section or previous.shape == "row":
        return statement.heading if statement.section.level else ""
    return text if len(text) <= 100 else ""


def _line(r: Reading, contract: Contract, statement: Statement) -> None:
    text = statement.text
    span = statement.span
    if contract.method is None:
        match = METHOD_URL.search(text)
        if match and not (statement.shape == "sentence" and _is_aside(text, match)):
            contract.method = value(match.group(1), span)
            contract.url = value(match.group(2), span)
    pair = key_value(text)
    field = r.vocab.field("contracts", pair[0]) if pair else None
    if field == "topic" and pair[1].strip() and contract.topic is None:
        contract.topic = value(pair[1].strip(" `"), span)
    elif field == "headers":
        contract.headers += [value(name, span) for name in _header_names(pair[1])]
        for nested in _nested_texts(r, statement):
            contract.headers += [value(name, span) for name in _header_names(nested)]
    elif field in ("request_shape", "response_shape") and (pair[1].strip() or r.under(statement)):
        if getattr(contract, field) is None:
            setattr(contract, field, value(pair[1] or "(below)", span))
        declared = _inline_fields(pair[1], span)  # "`id` string required; `qty` integer"
        if len(declared) >= 2:
            contract.bodies.setdefault(field.split("_")[0], Body(span)).fields += declared
    if len(_SHAPE_LIST.findall(text)) >= 2:
        shape = "response_shape" if _role(text.split(":")[0]) == "response" else "request_shape"
        if getattr(contract, shape) is None:
            setattr(contract, shape, value("(fields listed)", span))
    if (_RESPONSE_LINE.match(text) or _RETURNS.match(text)) and contract.response_shape is None:
        contract.response_shape = value(text, span)
    status = _STATUS_LINE.match(text)
    documented = _DOCUMENTED_STATUS.match(text)
    if status and statement.shape == "item":
        contract.status_codes.append(StatusCode(int(status.group(1)), span, value(status.group(2), span)))
    elif documented:  # "Response `200 OK`: `{...}`": the response of that status, documented
        contract.status_codes.append(StatusCode(int(documented.group(1)), span, value(documented.group(2), span)))
        _status_line(contract, statement)
    else:
        _status_line(contract, statement)
    if contract.topic is None:
        mention = _TOPIC_MENTION.search(text)
        if mention and not METHOD_URL.search(text):
            contract.topic = value(mention.group(1) or mention.group(2), span)


def _is_aside(text: str, match) -> bool:
    """A method and URL quoted in passing ("unlike `GET /v1/orders`, ...") is not this contract's."""
    return match.start() > 80


def _nested_texts(r: Reading, statement: Statement) -> list[str]:
    return [n.text for n in r.under(statement) if n.shape in ("item", "sentence", "line")]


def _status_line(contract: Contract, statement: Statement) -> None:
    """Status codes on a line: listed ("Status codes: 201 (created), 409 (duplicate)") or only
    mentioned in a sentence ("returns 409 when the order exists")."""
    text = statement.text
    span = statement.span
    listed = _STATUS_KEY.search(text.replace("\n", " "))  # a list item wrapped over lines
    if listed:
        for piece in re.split(r"[,;·]|\s\|\s", listed.group(1)):
            match = _STATUS_ANY.search(piece)
            if match:
                meaning = piece[match.end():].strip(" `()-—–:=")
                said = value(meaning, span) if re.search(r"[A-Za-z]", meaning) else None
                contract.status_codes.append(StatusCode(int(match.group(1)), span, said))
        return
    found = set(_status_codes(text))
    contract.status_codes.extend(StatusCode(code, span, listed=False) for code in found)
    for code, offset in status_mentions(text):
        if code not in found:
            found.add(code)
            line = span.line + text.count("\n", 0, offset)
            contract.status_codes.append(StatusCode(code, Span(line, 1, line, 1), listed=False))


def _row(r: Reading, contract: Contract, statement: Statement, label: str) -> None:
    table = statement.table
    kind = r.topics.table(table, ("contracts",))
    cells = statement.row.cells
    if kind and kind[0] == "status_codes":
        code_col = next(i for i, f in kind[1].items() if f == "code")
        meaning_col = next((i for i, f in kind[1].items() if f == "meaning"), None)
        if code_col < len(cells):
            match = _STATUS_ANY.search(cells[code_col].text)
            if match:
                meaning = None
                if meaning_col is not None and meaning_col < len(cells):
                    meaning = value(cells[meaning_col].text, cells[meaning_col].span)
                contract.status_codes.append(StatusCode(int(match.group(1)), statement.span, meaning))
    elif kind and kind[0] == "schema_fields":
        role = _role(label) or ("response" if any(b.span != statement.table.span for b in contract.bodies.values())
                                and "request" in contract.bodies else "request")
        shape = "response_shape" if role == "response" else "request_shape"
        if getattr(contract, shape) is None:
            setattr(contract, shape, Value("(field table)", table.span))
        body = contract.bodies.setdefault(role, Body(table.span))
        found = _field_row(statement, kind[1], table)
        if found is not None:
            body.fields.append(found)
    elif kind is None and any(r.vocab.field("contracts", c.text) == "headers" for c in table.header):
        if cells:
            contract.headers.append(value(cells[0].text, statement.span))
    elif kind is None and statement.key:
        _line(r, contract, Statement(statement.text, statement.span, statement.path, "line", statement.section,
                                     key=statement.key, value=statement.value))
    _inline_examples(contract, statement)


def _code(r: Reading, contract: Contract, statement: Statement, label: str) -> None:
    code = statement.code
    r.examples.add(id(code))
    role = _role(label)
    if code.info in ("yaml", "yml") and not role:
        _yaml_block(r, contract, code)
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
            shape = "response_shape" if role == "response" else "request_shape"
            if getattr(contract, shape) is None:
                setattr(contract, shape, Value("(JSON Schema)", code.span))
            contract.bodies.setdefault(role or "request", Body(code.span)).schema = data
            return
    if code.info in ("mermaid", "plantuml", "dot", "ascii", "diagram"):
        return
    example = parse_example(role, code.info, code.text, code.span, code.first_line)
    if example.media_type == "application/x-sh":
        example.role = example.role or "request"
    if not example.role:
        roles = {e.role for e in contract.examples}
        wants_request = contract.method is None or contract.method.text.upper() in ("POST", "PUT", "PATCH")
        example.role = "request" if wants_request and "request" not in roles else "response"
    contract.examples.append(example)


def _yaml_block(r: Reading, contract: Contract, code) -> None:
    """A contract written as a YAML block: method, url, headers, request, response, status codes."""
    from ..document.yaml import YamlSyntaxError, is_map, is_seq, parse_yaml

    try:
        root = parse_yaml(code.text).root
    except YamlSyntaxError:
        return
    if root is None or not is_map(root):
        return
    for key_node, node in root.value:
        line = code.first_line + key_node.start_mark.line
        span = Span(line, 1, line, 1)
        field = r.vocab.field("contracts", str(key_node.value).replace("_", " "))
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


def _inline_examples(contract: Contract, statement: Statement) -> None:
    """JSON written inline: "Response `201`: `{"id": 7}`", "→ 200 {"status": "ok"}"."""
    text = statement.text
    if "{" not in text and "[" not in text:
        return
    found: list[tuple[str, str]] = []
    for match in _INLINE_JSON.finditer(text):
        found.append((text[: match.start()], match.group(1)))
    if not found:
        arrow = _ARROW_JSON.search(text)
        if arrow:
            found.append((text[: arrow.start()] + " response", arrow.group(2)))
    for before, body in found:
        try:
            data = json.loads(body)
        except ValueError:
            continue  # a placeholder object or a fragment: no example to judge
        if not isinstance(data, (dict, list)) or not data or _is_shape(data):
            continue
        lead = before[-60:]
        role = _role(statement.key) or _role(lead) or ("response" if re.search(r"(?:→|->|=>|\b[2-5]\d\d\b)", lead)
                                                          else "")
        if not role:
            role = "request" if "request" not in {e.role for e in contract.examples} else "response"
        example = Example(role, "application/json", body, statement.span, data=data, first_line=statement.span.line)
        contract.examples.append(example)


_DESCRIBED = lazy(r"\b(?:response|returns?|answers?)\b[^.]{0,40}?\b[1-5]\d\d\b[^.]{0,60}?content-type\s*:\s*`?"
                  r"([\w.+-]+/[\w.+-]+)", re.I)


def _is_shape(data) -> bool:
    """`{"error": "<code>"}`: a body's shape with placeholders for its values, not an example of it."""
    leaves = list(_leaves(data))
    return bool(leaves) and all(isinstance(v, str) and (v.startswith("<") or v in ("...", "…", "string")) for v in leaves)


def _leaves(data, depth: int = 0):
    if depth > 20:
        return
    if isinstance(data, dict):
        for inner in data.values():
            yield from _leaves(inner, depth + 1)
    elif isinstance(data, list):
        for inner in data[:50]:
            yield from _leaves(inner, depth + 1)
    else:
        yield data


def _bodyless_response(contract: Contract, statements: list[Statement]) -> None:
    """ "204 No Content": the whole response, with no body to show; or a response described concretely
    by its status and media type ("Response `200`: `Content-Type: application/pdf`, body begins `%PDF`")."""
    for statement in statements:
        described = _DESCRIBED.search(statement.text)
        if described and "json" not in described.group(1).lower():
            contract.examples.append(Example("response", described.group(1), "", statement.span,
                                             first_line=statement.span.line))
            return
    for statement in statements:
        match = _NO_BODY.search(statement.text)
        if match:
            contract.examples.append(Example("response", "none", "", statement.span, first_line=statement.span.line))
            if contract.response_shape is None:
                contract.response_shape = value(match.group(0), statement.span)
            return


def _identity(contract: Contract) -> str:
    """Method and path, the host and the path parameters left out: `GET /v1/bookings/{id}` and the
    example `GET /v1/bookings/bk_7Q2M9` are one endpoint when the rest of the path agrees."""
    if contract.method is not None and contract.url is not None:
        url = re.sub(r"^https?://[^/]+", "", contract.url.text.strip("`")).split("?")[0].rstrip("/")
        return f"{contract.method.text.upper()} {url.lower()}"
    return ""


def _same(identity: str, merged: dict[str, Contract]) -> str | None:
    if identity in merged:
        return identity
    method, _, path = identity.partition(" ")
    parts = path.split("/")
    for known in merged:
        other_method, _, other_path = known.partition(" ")
        others = other_path.split("/")
        if other_method != method or len(others) != len(parts):
            continue
        if all(_fits(a, b) for a, b in zip(parts, others)):
            return known
    return None


def _fits(a: str, b: str) -> bool:
    """Two path segments of one endpoint: equal, both parameters, or a parameter and a value that has
    digits in it (`{booking_id}` and `bk_7Q2M9`; not `{id}` and `search`)."""
    param_a, param_b = a.startswith(("{", "<", ":")), b.startswith(("{", "<", ":"))
    if a == b or (param_a and param_b):
        return True
    if param_a != param_b:
        literal = b if param_a else a
        return any(c.isdigit() for c in literal)
    return False


def _merge(into: Contract, other: Contract) -> None:
    """The same endpoint described twice (its examples in an appendix, a "(response)" sub-heading)."""
    into.examples += other.examples
    into.status_codes += other.status_codes
    into.headers += other.headers
    for role, body in other.bodies.items():
        into.bodies.setdefault(role, body)
    for field in ("request_shape", "response_shape", "topic"):
        if getattr(into, field) is None:
            setattr(into, field, getattr(other, field))
    into.text += "\n" + other.text


# -- small readers ----------------------------------------------------------------------------------
def _header_names(text: str) -> list[str]:
    """Header names in "`Content-Type: application/json`, `Idempotency-Key: <id>` (required)"."""
    names = []
    for part in re.split(r"[,;]\s+|\s+and\s+", text):
        match = _HEADER_NAME.match(part.strip(" *`-"))
        if match:
            names.append(match.group(1))
    return names


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


def status_mentions(text: str) -> list[tuple[int, int]]:
    """(code, offset) of status codes a sentence mentions: "returns 409", "HTTP 503", "status 422",
    "a 409 is returned"."""
    return [(int(m.group(m.lastindex)), m.start(m.lastindex)) for m in _STATUS_MENTION.finditer(text)]


def example_status(text: str) -> tuple[int, int] | None:
    """(code, line offset) of an HTTP example's status line ("HTTP/1.1 201 Created")."""
    match = _HTTP_STATUS_LINE.search(text)
    return (int(match.group(1)), text.count("\n", 0, match.start())) if match else None


def is_message_contract(text: str) -> bool:
    return bool(_MESSAGE.search(text))


_INLINE_FIELD = lazy(r"^\s*`([\w.\[\]-]+)`\s*(.*?)\s*$", re.S)
_REQUIRED_WORD = lazy(r"\b(required|mandatory|optional)\b(?!\s+(?:when|if|for|unless|only))", re.I)


def _inline_fields(text: str, span: Span) -> list[Field]:
    """Fields declared in one line, `name` then type: "`event_id` string required; `period` integer"."""
    fields = []
    pieces = re.split(r";\s*", text)
    if len(pieces) < 2:
        pieces = _top_level_commas(text)  # "`production_id` string, `version` int, `speaker` string or null"
    for piece in pieces:
        match = _INLINE_FIELD.match(piece)
        if not match:
            continue
        rest = match.group(2).strip("() ")
        said = _REQUIRED_WORD.search(rest)
        kind = (rest[: said.start()] if said else re.split(r"[(,]", rest)[0]).strip(" (,")
        required = None if said is None else said.group(1).lower() != "optional"
        name = match.group(1)
        if name.endswith("[]") and "array" not in kind.lower() and "[]" not in kind:
            kind = f"array of {kind}" if kind else "array"  # "`meters[]` (string)": the type of each item
        fields.append(Field(name, span, kind, required, enum_values(rest)))
    return fields


def _top_level_commas(text: str) -> list[str]:
    """Pieces of a field list split at the commas outside brackets and code spans that start a new field."""
    pieces, depth, code, start = [], 0, False, 0
    for at, char in enumerate(text):
        if char == "`":
            code = not code
        elif not code and char in "([{":
            depth += 1
        elif not code and char in ")]}":
            depth = max(0, depth - 1)
        elif char == "," and not code and depth == 0 and text[at + 1 :].lstrip().startswith("`"):
            pieces.append(text[start:at])
            start = at + 1
    pieces.append(text[start:])
    return pieces


def _field_row(statement: Statement, columns: dict[int, str], table) -> Field | None:
    """A field table's row as a declared field: name, type, and whether it is required."""
    by_name = {name: index for index, name in columns.items()}
    cells = statement.row.cells

    def cell(name: str) -> str:
        index = by_name.get(name)
        return cells[index].text.strip() if index is not None and index < len(cells) else ""

    name = cell("field").strip("`* ")
    if not name or " " in name:
        return None
    kind = cell("type")
    said = normalize(cell("required")).split(" ")[0] if cell("required") else ""
    required = True if said in _YES else False if said in _NO else None
    if required is not None and by_name.get("required") is not None and \
            normalize(table.header[by_name["required"]].text) == "optional":
        required = not required
    if required is None:
        lowered = f"{kind} {cell('description')}".lower()
        required = True if "required" in lowered else False if "optional" in lowered else None
    return Field(name, statement.span, kind, required, enum_values(kind) or enum_values(cell("description")))


def _role(text: str) -> str:
    lowered = text.lower()
    if re.search(r"\b(response|reply|returns?|returned|answer|ack(?:nowledge?ment)?)\b", lowered):
        return "response"
    if re.search(r"\b(request|message|event|payload|call|body|sample record|record|row|file)\b", lowered):
        return "request"
    return ""


_WEBHOOK = lazy(r"\b(?:webhooks?|callbacks?|postbacks?|web\s+hooks?)\b|/(?:web)?hooks/", re.I)


def is_webhook(text: str) -> bool:
    return bool(_WEBHOOK.search(text))


def is_webhook_receiver(contract) -> bool:
    """A contract that is a webhook endpoint by its name or URL (not one that only mentions a webhook)."""
    identity = " ".join(v.text for v in (contract.name, contract.url, contract.topic) if v is not None and v.text)
    return is_webhook(identity)

"""API and message contracts: method and URL or topic, headers, bodies, status codes, examples.

Each unit of the document that describes one endpoint or message (contract_units.py finds them) is
read into a Contract; units that name the same endpoint (an example in an appendix, a "(response)"
sub-heading) are one contract. Examples are fenced blocks, YAML contract blocks, JSON in inline code
("Response 201: `{"id": 7}`"), JSON after an arrow ("→ 200 {...}"), and a status that has no body
by definition ("204 No Content"). What one contract shares with others (one SOAP endpoint, "as C2",
a location table by unit id) is settled after all are read, in contract_links.py; the words of each line
(its call, labelled facets, declared fields and status codes) are read in contract_lines.py.
"""

from __future__ import annotations

import re

from ..model import Body, Contract, StatusCode, Value
from ..span import Span
from . import api_blocks
from .context import Reading
from .dead_letter import mentions_dead_letter
from .contract_links import endpoint_of, same_endpoint, settle, shapes_from_examples
from .call_starts import EXAMPLE_LEAD, narrates_calls
from .contract_lines import read_line
from .contract_units import contract_table, generic, leads_in, units
from .examples import request_file
from .bodies import field_rows, inline_examples, inline_fields, read_code, role_of
from .bodiless import binary_request, bodyless_response
from .lazy_re import lazy
from .mappings import mapping_parts
from .statements import Statement
from .text import sentences
from .status_codes import STATUS_ANY, STATUS_KEY, STATUS_LINE, codes_in_cell, example_status
from .topics import METHOD_URL, NAMED_CARRIER, WEBHOOK
from .values import value

# a message named and told by its fields in one sentence: "a signal `execute-snapshot` is written with parameters"
_TOLD = lazy(r"\b(?:messages?|events?|signals?|commands?|notifications?|records?)\s+`[^`]+`[^.;]{0,80}?\b(?:with|carr(?:y|ies)"
             r"|contains?|has|have)\s+(?:the\s+|these\s+|its\s+|(?:no\s+)?)?(?:parameters|fields|attributes|properties)\b",
             re.I)
# a heading that is an event's or a routing key's dotted name: "4.1 `weighpro.ticket.completed.v3` (F1)"
_EVENT_NAME = lazy(r"`[a-z][\w-]*(?:\.[\w{}-]+){2,}`")
_MESSAGE = lazy(
    r"\b(topic|queue|kafka|sqs|sns|rabbitmq|amqp|pub/?sub|event|message|mqtt|kinesis|eventbridge|service bus|"
    r"webhook|sftp|s3|file drop|csv file|bucket|nats|stream|pulsar|as2|edi|csv|columns|fixed-width|files?)\b",
    re.I,
)
_ITEMS_OF = lazy(r"`([\w.\[\]-]+)`[^`]{0,40}\bof:?\s*$")
_NAMED_TOPIC = lazy(r"`([a-z][\w-]*(?:[./][\w-]+)+)`")  # `cpms.locations.v3`, `orders/created`


def told(text: str) -> bool:
    """A sentence that names a message and tells it by its fields: evidence of contracts where no unit was read."""
    return bool(_TOLD.search(text))


# a file's or a message's record layout: "| Pos | Len | Type | Field |", "| Start | End | Length | Name |"
_POSITION_COLUMN = lazy(r"^\W*(?:pos(?:ition)?s?|start|offset|from|columns?|cols?|bytes?)\W*$", re.I)
_LENGTH_COLUMN = lazy(r"^\W*(?:len(?:gth)?|width|size|bytes|chars?|characters|to|end)\W*$", re.I)
# a message in a wire format: HL7 v2 segments ("MSH|^~\\&|..."), X12 ("ISA*00*"), EDIFACT ("UNH+1+...")
_WIRE_SEGMENT = lazy(r"^(?:[A-Z][A-Z0-9]{2}\|[^\n]*|[A-Z][A-Z0-9]{1,2}\*[^\n]*~?|UN[A-Z]\+[^\n]*'?)$", re.M)


def layout_table(header: list[str]) -> bool:
    """A table that lays a record out by position and length: a file's or a message's contract."""
    return any(_POSITION_COLUMN.match(h) for h in header) and any(_LENGTH_COLUMN.match(h) for h in header)


def wire_message(text: str) -> bool:
    """A code block that shows a message in a wire format, segment after segment: a contract's example."""
    return len(_WIRE_SEGMENT.findall(text)) >= 2


def read(r: Reading) -> None:
    merged: dict[str, Contract] = {}
    for contract in api_blocks.contracts(r):  # an OpenAPI or AsyncAPI block: its operations, declared
        identity = endpoint_of(contract) or contract.label
        if identity and identity not in merged:
            merged[identity] = contract
        r.spec.contracts.append(contract)
    for heading, statements, span in units(r):
        kept = [s for s in statements if s.code is None or id(s.code) not in r.described]
        if not kept:
            continue
        contract = _contract(r, heading, kept, span)
        if not contract.addressed and not contract.examples and _mapping_group(kept):
            continue  # "Contract 2: PumpHub → FM table `DeploymentEvent`" over field → field lines: a mapping's group
        if _bare(contract) and kept and all(s.placed and s.placed <= _ASIDE_PARTS for s in kept):
            continue  # "Daily check of the key's `expires_at` from `GET /v2/me`" in the credentials table: a call named
            # in passing by another part, no contract of the integration's
        if _bare(contract) and contract.method is None and not _names_topic(heading, contract) and (
                _FOR_ALL.search(heading or "") or contract.topic is not None and mentions_dead_letter(contract.topic.text)):
            continue  # "## Delivery rules (all messages)": rules said once for every message, which names a queue
            # in passing; "IC-07 Unprocessed messages" naming only `rads-ingest.dlq`: where failures go, no message
        declared = [c for s in statements if s.shape == "code" and id(s.code) in r.described for c in r.described[id(s.code)]]
        if len(declared) == 1 and not endpoint_of(contract):  # "### Chunk upload" over one operation's OpenAPI
            _merge(declared[0], contract)  # and its examples: the operation's section
            declared[0].name = declared[0].name or contract.name
            continue
        if declared and not endpoint_of(contract):
            api_blocks.place_examples(contract, declared)
            if not contract.examples and not contract.status_codes:
                continue  # the words and examples around an API description: its operations are the contracts
        identity = endpoint_of(contract)
        same = same_endpoint(identity, merged) if identity else None
        if same:
            known = merged[same]
            if _bare(known) and not _bare(contract):  # "calls `GET /classes` (contract B2)" before B2 itself:
                r.spec.contracts.remove(known)  # B2 is the contract
                r.spec.contracts.append(contract)
                merged[same] = contract
                contract, known = known, contract
            _merge(known, contract)
            continue
        if identity:
            merged[identity] = contract
        r.spec.contracts.append(contract)
    settle(r)
    api_blocks.rehome_examples(r.spec.contracts)
    if r.spec.contracts:
        r.mark("contracts", r.spec.contracts[0].span)


# a call written out, then its answer with nothing after it: "→ 204 No Content", "HTTP/1.1 204"
_ANSWERED_EMPTY = lazy(r"^\s*(?:(?:→|->|=>|<-|HTTP/[\d.]+)\s*`?(?:204|205|304)\b|(?:204\s+No\s+Content|205\s+Reset\s+Content|"
                      r"304\s+Not\s+Modified)\s*$)", re.M)  # or the block's bare status line under its request


_ASIDE_PARTS = frozenset({"auth", "monitoring"})


def _bare(contract: Contract) -> bool:
    """A call named and nothing more: no body, example or status code of its own."""
    return not (contract.examples or contract.status_codes or contract.bodies or contract.request_shape
                or contract.response_shape)


def _mapping_group(statements) -> bool:
    """A unit whose lines are mostly mappings of one field to another (`a` (string) → `b` (varchar(12)): copied):
    the data mapping of a contract's body, named after it, not a contract of its own."""
    lines = [s for s in statements if s.shape in ("item", "row", "line", "sentence")]
    return len(lines) >= 2 and sum(1 for s in lines if mapping_parts(s.text)) * 3 >= len(lines) * 2


_CALL_FIRST = lazy(r"^\W{0,3}(?:GET|POST|PUT|PATCH|DELETE)\s+\S")
# the name a lead-in opens with: "Stats-ready webhook, them to us", "Readings are written per asset"
_LEAD_WORD = (r"(?!(?:is|are|was|were|goes|go|gets|get|looks?|has|have|comes?|arrives?|uses?|sends?|calls?|then|and|in|on|to|"
              r"for|from|by|with|of|as|we|they|it|which|this|that|these|those|here|there|what|below|above|so)\b)[\w'’&/-]+")
_LEAD_NAME = lazy(rf"^(?:(?:the|a|an|our|their|each)\s+)?({_LEAD_WORD}(?:\s+{_LEAD_WORD}){{0,3}})\s*(?:$|[,(—–:]|\s-\s|\s\w)",
                  re.I)
_ID_FIRST = lazy(r"^\W{0,2}([A-Z]{1,3}-?\d{1,3}[a-z]?)\W{0,2}[,:—–]\s*`?(?:GET|POST|PUT|PATCH|DELETE)\s+\S")


def _calls_first(text: str) -> bool:
    """The words after a label open with the call, or with who makes it: "`POST /hdmeter`", "RotaMate shall send
    `POST https://...`"."""
    called = METHOD_URL.search(text.replace("\n", " ")[:120])
    return bool(_CALL_FIRST.match(text)) or called is not None and called.start() <= 40


# -- one contract -----------------------------------------------------------------------------------
def _contract(r: Reading, heading: str, statements: list[Statement], span: Span) -> Contract:
    from_heading = statements[0].shape == "heading"
    contract = Contract(span, name=value(heading, span) if from_heading and not generic(r, heading) else None)
    lead = statements[0].key  # "**4.4 Meter readings**: `POST /hdmeter`": the label its call follows at once
    if not from_heading and lead and _calls_first(statements[0].value or "") and len(lead.split()) <= 6 \
            and not generic(r, lead) and not r.vocab.field("contracts", lead):
        contract.name = value(lead, span)
    elif not from_heading and (named := _ID_FIRST.match(statements[0].text)):  # "F3, `POST https://…/acks`"
        contract.name = value(named.group(1), span)
    elif not from_heading and len(statements) > 1 and leads_in(statements[0], statements[1]):
        named = _LEAD_NAME.match(statements[0].key.strip(" *"))  # "Stats-ready webhook, them to us:" over the block
        if named and not generic(r, named.group(1)) and not r.vocab.field("contracts", named.group(1)):
            contract.name = value(named.group(1), span)
    words = [s for s in statements if s.shape not in ("code", "code-key", "code-comment")]
    contract.text = "\n".join(s.text for s in statements if s.shape != "code-key")
    previous: Statement | None = None
    labels: dict[int, str] = {}  # id(table) -> the words before it
    after: list[Statement] = []  # code blocks since the last words: "Body: ... Response: ..." then two blocks
    since: list[Statement] = []  # the words since the last code block or heading
    codes = [s for s in statements if s.shape == "code"]
    paired = False  # the block before was the first of a request/response pair
    list_role = ""  # the role a label line ending in ":" gives the list below it
    for statement in statements:
        if statement.shape == "code":
            label = said = _label_before(statement, previous)
            over = labels.get(id(previous.table), "") if previous is not None and previous.shape == "row" else ""
            if over and previous.section is statement.section and _TITLE_ONLY.match(over) and role_of(over):
                label = over  # "**Response**" (a tab's label) over the field table, then its example
            roles = _keyed_roles(since)  # "Body: ... Response: ...": the blocks below come in that order
            run = _run_length(codes, statement, statements)
            if len(roles) > 1 and (not role_of(label) or run > 1 or after):
                label = roles[len(after)] if len(after) < len(roles) else ""
            elif contract.method is not None and (run == 2 and not after or len(after) == 1 and paired):
                label = "request" if not after else "response"  # two blocks in a row: the call, then its answer
                paired = True
            after.append(statement)
            before = len(contract.examples)
            read_code(r, contract, statement, label)
            for example in contract.examples[before:]:
                example.label = said
            continue
        if statement.shape not in ("code-key", "code-comment"):
            after, paired = [], False
            since = [] if statement.shape == "heading" else since + [statement]
        if statement.shape in ("code-key", "code-comment"):
            continue
        if statement.shape == "row":
            if id(statement.table) not in labels:  # "| Response field | Type |": the header names the body's role
                first = statement.table.header[0].text if statement.table.header else ""
                labels[id(statement.table)] = first if _ROLE_COLUMN.match(first) else _label_before(statement, previous)
            label = labels[id(statement.table)]
            _row(r, contract, statement, label)
        else:
            read_line(r, contract, statement)
            inline_examples(contract, statement)
            if statement.shape == "item":
                _nested_field(contract, statement, list_role)
            elif statement.shape in ("line", "sentence"):  # "Request fields:" over a list of typed fields
                list_role = role_of(statement.text) if statement.text.rstrip().endswith(":") else ""
        previous = statement
    if contract.url is not None and any(statement.span == contract.url.span and statement.shape != "code" and
                                        narrates_calls(statement) for statement in statements):
        contract.method = contract.url = None  # "X calls Y's `POST /validate`, then reads ... and answers:": the
        # steps of handling the call its request example writes, not its own endpoint
    if contract.method is None:  # a unit that opens with its request example: `POST https://...` in an http block
        for statement in statements:
            match = METHOD_URL.match(statement.text.lstrip()) if statement.shape == "code" else None
            filed = request_file(statement.text) if statement.shape == "code" and not match else None
            match = match or (METHOD_URL.search(filed) if filed else None)  # after a request file's comments
            if match:
                contract.method = value(match.group(1), statement.span)
                contract.url = value(match.group(2), statement.span)
                break
    for example in contract.examples:
        found = example_status(example.text)
        if found:
            line = example.span.line + 1 + found[1]
            contract.status_codes.append(StatusCode(found[0], Span(line, 1, line, 1), listed=False, shown=True))
    if contract.method is None and (contract.topic is not None or _MESSAGE.search(contract.text) or (
            contract.url is None and _EVENT_NAME.search(contract.text.split("\n", 1)[0]))):
        contract.kind = "message"
        if not any(e.role == "request" for e in contract.examples):
            # a message has no answer: an acknowledgement's "response" fields and examples are its payload
            if contract.request_shape is None:
                contract.request_shape, contract.response_shape = contract.response_shape, None
                if "response" in contract.bodies:
                    contract.bodies["request"] = contract.bodies.pop("response")
            for example in contract.examples:
                example.role = "request"
        named = (_NAMED_TOPIC.search(heading) or NAMED_CARRIER.search(heading)) if from_heading and contract.topic is None \
            else None  # "### 3.1 `cpms.locations.v3`", "## Message contract: SQS `psd-results-prod`"
        if named:  # "### 3.1 `cpms.locations.v3`": a message contract headed by its topic's name
            contract.topic = value(named.group(1), span)
    if contract.kind == "http" and not any(e.role == "response" for e in contract.examples):
        bodyless_response(contract, words + [s for s in statements if s.shape == "code" and _ANSWERED_EMPTY.search(s.text)])
    if contract.kind == "http" and contract.method is not None and contract.method.text.upper() in ("POST", "PUT", "PATCH") \
            and not any(e.role == "request" for e in contract.examples):
        binary_request(contract, words)
    shapes_from_examples(contract)
    return contract


_PARAMETERS = lazy(r"\b(?:query|path|url|header)\b[^:]{0,12}\bparam|\bparameters?\b|\bheaders?\b|^\W*(?:path|query)\W*$",
                  re.I)
_FIELD_NAME = lazy(r"^[A-Za-z_$@][\w.\[\]$@-]*(?<!-)$")


def _nested_field(contract: Contract, statement: Statement, list_role: str = "") -> None:
    """A typed field in a list nested under a body ("- Body: `annotations` (array), each" / "  -
    `annotation_ref` (string, required)"; "- Response 200" / "  - `readings` (array)" / "    - `logger_id`
    (string)"): a declared field of that body, named by its path."""
    if (statement.parent is None or statement.parent.shape != "item") and not list_role:
        return
    if statement.key and _PARAMETERS.search(statement.key) or STATUS_LINE.match(statement.text):
        return  # "Path: `station_id` — string", "`400` — malformed": no body's field
    found = inline_fields(statement.text.split("\n")[0], statement.span)
    if len(found) != 1 or not _FIELD_NAME.match(found[0].name):
        return
    path: list[str] = []
    role = list_role if statement.parent is None else ""
    parent = statement.parent
    while parent is not None and parent.shape == "item" and not role:
        head = parent.text.split("\n")[0]
        if _PARAMETERS.search(parent.key or head):
            return  # query parameters and headers are no body's fields
        own = inline_fields(parent.value if parent.key else head, parent.span)
        role = role_of(parent.key or head.split(":")[0]) if parent.key or not own else ""
        if len(own) == 1:
            path.insert(0, own[0].name.removesuffix("[]"))
        parent = parent.parent
    if not role:
        return
    field = found[0]
    field.name = ".".join([*path, field.name])
    contract.bodies.setdefault(role, Body(statement.span)).fields.append(field)
    shape = f"{role}_shape"
    if getattr(contract, shape) is None:
        setattr(contract, shape, Value("(fields listed)", statement.span))


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


_ROLE_COLUMN = lazy(r"^\W*(?:request|response|reply|answer)\s+(?:body\s+)?(?:fields?|attributes?|properties|elements?)\W*$", re.I)


def _keyed_roles(statements: list[Statement]) -> list[str]:
    """The roles labelled one after the other: "Body: ... Response: ..." -> request, response."""
    roles: list[str] = []
    for statement in statements:
        role = role_of(statement.key) if statement.key and len(statement.key.split()) <= 3 else ""
        if role and role not in roles:
            roles.append(role)
    return roles


_PARAMETERS_TITLE = lazy(r"\b(?:parameters?|params|headers?)\W*$", re.I)  # "HEADER PARAMETERS", "Query params:"
_TITLE_ONLY = lazy(r"^\W*\w+(?:[ -]\w+){0,2}\W*$")  # "Response", "Example request": a title, not "Response: empty body."


def _label_before(statement: Statement, previous: Statement | None) -> str:
    """The words that introduce a code block: the statement just before it, or the sub-heading it
    stands under when nothing stands between them."""
    parent = statement.parent
    while parent is not None and parent.shape == "item" and not parent.text.strip() and parent.parent is not None:
        parent = parent.parent  # "- Example response" over "  - ```json": an empty item holds the block for its parent
    if parent is not None and parent.shape == "item":
        if previous is not None and previous is not parent and previous.parent is parent and \
                previous.shape in ("sentence", "line") and previous.text.rstrip(" *_").endswith(":"):
            return previous.text.split("\n")[-1]  # "Example request (two jobs):" between the item's two blocks
        return parent.text.split("\n")[-1]
    if previous is None:
        return statement.heading
    text = previous.text.split("\n")[-1]
    if previous.shape == "heading":
        return text
    if STATUS_KEY.match(text) or STATUS_KEY.match(previous.key or ""):
        return ""  # "Status codes: 400 Bad Request, ...": its reason phrases name no role
    if previous.section is not statement.section or previous.shape == "row":
        return statement.heading if statement.section.level else ""
    if previous.text.rstrip(" *_").endswith(":"):  # "The response is `207` whenever ..., for example:": its last
        last = sentences(previous.text)[-1][1] if sentences(previous.text) else text  # sentence leads, not its last line
        if len(last) <= 300:
            return last
    if previous.shape == "sentence" and previous.text.rstrip(" *_").endswith(".") and len(previous.text.split()) > 8 or \
            previous.shape in ("sentence", "line") and text.rstrip(" *_").endswith(".") and len(text.split()) >= 3 \
            and not EXAMPLE_LEAD.match(text):
        return ""  # a whole sentence is no label: "... remembers keys for 7 days and replays the stored response.",
        # "SAP answers per roll." (not "Example response.")
    if len(text) <= 100:
        return text
    tail = text[-60:]  # a long line that ends by introducing the block: "Example: `PATCH ...` with `{...}` → 200"
    return tail if _INTRODUCES.search(tail) else ""


_INTRODUCES = lazy(r"(?:→|->|=>|:)\s*`?(?:[1-5]\d\d(?:\s+[A-Za-z]+){0,2})?`?\s*:?\s*$")


def _names_topic(heading: str | None, contract: Contract) -> bool:
    """The unit's heading names its queue or topic ("### `orders.rejected.dlq`"): a message of its own, told there."""
    return bool(heading) and contract.topic is not None and contract.topic.text.strip("` ") in (heading or "")


_FOR_ALL = lazy(r"\b(?:all|every|each|any)\s+(?:the\s+)?(?:messages?|events?|calls?|requests?|contracts?|endpoints?|"
               r"operations?|interfaces?|flows?)\b|\bcommon\s+(?:rules|conventions|behaviou?r)\b", re.I)


def _row(r: Reading, contract: Contract, statement: Statement, label: str) -> None:
    table = statement.table
    kind = r.topics.table(table, ("contracts",))
    if kind is None and len(table.header) >= 2 and len(table.rows) >= 2 and all(
            row.cells and codes_in_cell(row.cells[0].text) for row in table.rows):
        kind = ("status_codes", {0: "code", 1: "meaning"})  # "| c | m |" over "| 200 | stored |": codes by what they hold
    cells = statement.row.cells
    if kind and kind[0] == "status_codes":
        code_col = next(i for i, f in kind[1].items() if f == "code")
        meaning_col = next((i for i, f in kind[1].items() if f == "meaning"), None)
        if code_col < len(cells):
            match = STATUS_ANY.search(cells[code_col].text)
            if match:
                meaning = None
                if meaning_col is not None and meaning_col < len(cells):
                    meaning = value(cells[meaning_col].text, cells[meaning_col].span)
                codes = codes_in_cell(cells[code_col].text) or [int(match.group(1))]  # "| 200 or 204 | Processed |"
                contract.status_codes += [StatusCode(code, statement.span, meaning) for code in codes]
    elif kind and kind[0] == "schema_fields" and _TITLE_ONLY.match(label) and _PARAMETERS_TITLE.search(label) and \
            not role_of(label):
        if cells and re.search(r"\bheaders?\b", label, re.I):  # "HEADER PARAMETERS" over a table of names: the
            contract.headers.append(value(cells[0].text.strip("`"), statement.span))  # call's headers, no body field
    elif kind and kind[0] == "schema_fields":
        items = _ITEMS_OF.search(label)  # "`passages` (array, 1-500) of:": the members of a field already declared
        owner = next((role for role, body in contract.bodies.items() for f in body.fields
                      if items and f.name.removesuffix("[]") == items.group(1).removesuffix("[]")), None)
        if items and owner is None:  # the field named on a line the body's list ran onto: the body just before
            before = [(body.span.line, role) for role, body in contract.bodies.items() if body.span.line < table.span.line]
            owner = max(before)[1] if before else None
        role = owner or role_of(label) or ("response" if any(b.span != statement.table.span
                                                             for b in contract.bodies.values())
                                           and "request" in contract.bodies else "request")
        shape = "response_shape" if role == "response" else "request_shape"
        if getattr(contract, shape) is None:
            setattr(contract, shape, Value("(field table)", table.span))
        body = contract.bodies.setdefault(role, Body(table.span))
        body.fields += field_rows(statement, kind[1], table)
    elif kind is None and any(r.vocab.field("contracts", c.text) == "headers" for c in table.header):
        if cells:
            contract.headers.append(value(cells[0].text, statement.span))
    elif kind is None and (contract_table(r, table) or label == "examples"):
        # "| F2 | `POST https://...` | `note_no` str, ... | 201: `note_id` str | 201 created · 400 invalid |": the
        # row's cells under the names of its columns; a first cell that writes the call ("C1 `POST /arrivals` (F1)")
        # is its method and URL
        if cells and contract.method is None and METHOD_URL.search(cells[0].text):
            read_line(r, contract, Statement(f"Method and URL: {cells[0].text}", cells[0].span, statement.path, "line",
                                         statement.section, key="Method and URL", value=cells[0].text))
        for header, cell in zip(table.header[1:], cells[1:]):
            key = header.text.strip(" *`")
            said = Statement(f"{key}: {cell.text}", cell.span, statement.path, "line", statement.section, key=key,
                             value=cell.text)
            read_line(r, contract, said)
            if role_of(key) and "`" in cell.text:
                inline_examples(contract, Statement(f"{role_of(key).capitalize()}: {cell.text}", cell.span,
                                                    statement.path, "line", statement.section))
        return
    elif kind is None and statement.key:
        read_line(r, contract, Statement(statement.text, statement.span, statement.path, "line", statement.section,
                                     key=statement.key, value=statement.value))
    elif kind is None and len(cells) > 2 and not table.header[0].text.strip():
        # "| | Northwind | Globex |" over "| Success | `201` created | `201` created |": a setting per variant,
        # read as the first variant says it
        key, said = cells[0].text.strip(" *`"), cells[1].text
        read_line(r, contract, Statement(f"{key}: {said}", statement.span, statement.path, "line", statement.section,
                                     key=key, value=said))
    if not kind or kind[0] not in ("schema_fields", "status_codes"):
        inline_examples(contract, statement)  # a field table's "e.g. `["HP-C"]`" is a value, not a body


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


def is_message_contract(text: str) -> bool:
    return bool(_MESSAGE.search(text))


def is_webhook(text: str) -> bool:
    return bool(WEBHOOK.search(text))


def is_webhook_receiver(contract) -> bool:
    """A contract that is a webhook endpoint by its name or URL (not one that only mentions a webhook), or by the
    delivery header its request carries (`X-ReelEntry-Delivery: 6b1f...`, `X-GitHub-Delivery`): a sender's delivery."""
    identity = " ".join(v.text for v in (contract.name, contract.url, contract.topic) if v is not None and v.text)
    return is_webhook(identity) or any(_DELIVERY_HEADER.search(h.text) for h in contract.headers) or any(
        _DELIVERY_HEADER.search(e.text) for e in contract.examples if e.role == "request")


_DELIVERY_HEADER = lazy(r"^\W*x-[\w-]*-(?:delivery(?:-id)?|webhook-id)\s*:", re.I | re.M)


# a key a message carries, by its name: `submission_id`, `X-Event-Id`, `Bundle.identifier`, `eventId`
_CARRIED_KEY = lazy(r"(?<![\w.-])((?:[A-Za-z][A-Za-z0-9]*[_.-])+(?i:id|key|ref|reference|identifier|uuid|guid)"
                    r"|[a-z]+(?:[A-Z][a-z0-9]*)*(?:Id|Key|Ref|Reference|Identifier|Uuid))(?![\w-])")


def carried_keys(contract) -> list[str]:
    """The header names a contract sends (`X-Event-Id`), and the header form of its request's keys (`X-Submission-Id`
    for a body's `submission_id`): a dedup rule said elsewhere by one of them ("NLMS deduplicates on the
    `X-Submission-Id`") is that call's. Not a body field by its own name, which other calls' rules share (an order's
    `order_id` in "a repeated cancel for the same order id is ignored")."""
    sent = [v.text for v in contract.headers] + [e.text for e in contract.examples if e.role != "response"] + \
        [f.name for body in (contract.bodies.get("request"),) if body is not None for f in body.fields if f.name]
    found: dict[str, None] = {}  # what the call sends, not what it gets back (a created record's new id)
    for match in _CARRIED_KEY.finditer("\n".join(sent)):
        key = match.group(1)
        if len(key) < 6:
            continue
        words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ").replace("-", " ").replace(".", " ").lower().split()
        if words and words[0] == "x":
            found[key] = None  # a header as written
            words = words[1:]
        found["x-" + "-".join(words)] = None
    return list(found)

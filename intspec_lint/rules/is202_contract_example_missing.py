import re

from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.absence import shows_own_example
from ..reading.bodiless import answered_by_status
from ..reading.values import is_placeholder
from ._common import contract_namer, gap

_BODY_METHODS = {"POST", "PUT", "PATCH"}


@rule(
    code="IS202",
    name="contract-example-missing",
    checklist="contract-examples",
    severity=Severity.ERROR,
    summary="There are no contracts, or a contract has no concrete example request or response.",
    rationale="Abstract schemas hide disagreements that one concrete example exposes at once: field "
    "names, date formats, how money is written. The checklist asks for a concrete request and response "
    "for every contract. An example the document shows where it names the contract, in a shape no reader takes, "
    "counts; a message that names no queue or topic and of which only a shape or only an example is read is not judged; "
    "a request whose body is a file's bytes (`Content-Type: application/pdf`) owes no example body. While the "
    "document shows an example that no reader placed (a JSON object with values, an XML element, an HTTP status "
    "line, outside every contract's examples and shapes and the idempotency rule), no contract is told it lacks "
    "one: that example may be its own. An example whose keys only hold the place of one (`{\"TBD\": \"...\"}`) is "
    "none. A body the call's own words show "
    "in a shape no reader took: inline after \"body\" (`{\"id\": ...}`), \"with the same body\", \"`200 {...}`\", a "
    "bare status it answers with (\"we answer `200`.\"). A call whose answer is its status alone (\"| Response | `202` "
    "queued, `401` bad signature |\", no body declared, no success said to carry one) owes no response example, and "
    "neither does one with no method, status code or response shape read (a `PROCESS` message, answered by another "
    "message). "
    "A spec with no contracts at all is "
    "reported here, with no example of any.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders` with `{order_id, lines}`; returns "
    "`{fulfillment_id}` with 201.\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders` with `{order_id, lines}`; returns "
    "`{fulfillment_id}` with 201.\n\nExample request:\n\n```json\n{\"order_id\": \"o-1\", \"lines\": []}\n```\n\n"
    "Example response:\n\n```json\n{\"fulfillment_id\": \"f-9\"}\n```\n",
    cases=(
        Case(Severity.ERROR, "no contracts at all", "API contracts include concrete request/response examples, not "
             "just abstract schemas", "quality checklist"),
        Case(Severity.ERROR, "a contract without a concrete example request (or message) or response; one finding "
             "a contract", "API contracts include concrete request/response examples, not just abstract schemas",
             "quality checklist"),
    ),
)
def contract_example_missing(spec, options):
    if not spec.contracts:
        if spec.mentions("contracts") or spec.unread("example") or spec.unread("endpoint"):
            return  # talked about, or a payload or a call shown that no reader could make a contract of
        yield Hit(spec.where("contracts"), "no API or message contracts: describe each endpoint or message with "
                                           "its method and URL (or topic), request and response shapes and status "
                                           "codes, and a concrete example request and response")
        return
    shown = any(contract.examples for contract in spec.contracts)
    # the examples no reader placed, each with the contracts whose own lines hold it (worked out once)
    unplaced = [(text, [c for c in spec.contracts if text in c.text]) for text, _span in spec.unread_shown("example")]
    contract_names = contract_namer(spec)
    for contract in spec.contracts:
        if not contract.judged or contract.half_read:
            continue
        names = contract_names(contract)
        if not contract.examples and spec.speaks_of("example", names, contract.span, nearby=not shown) and not (
                spec.speaks_of("example_request", names, contract.span)
                and not spec.speaks_of("example_response", names, contract.span)):
            continue  # an example the document shows in a shape no reader took (inline, unlabelled, elsewhere); one
            # said to be the request ("Example request: `GET /v3/x/7`") shows no response
        roles = {example.role for example in contract.examples if not _stands_in(example)}
        for example in contract.examples:
            if _stands_in(example) and example.role not in roles:  # `{"TBD": "a concrete request"}`, a skeleton's
                yield gap(example.span, contract.subject, f"only a placeholder example {example.role or 'body'} "
                          f"(`{example.text.strip()[:40]}`)", _FIX)
        roles |= {example.role for example in contract.examples}  # a placeholder is reported once, as one
        if any(_may_show(contract, text) for text, holders in unplaced if not any(c is not contract for c in holders)):
            continue  # an example the document shows that no reader placed may be this contract's (not one that
            # stands in another contract's own lines: "Response `201`: `{...}`" under that call is that call's)
        method = contract.method.text.upper() if contract.method else ""
        subject = contract.subject
        if (contract.kind != "http" or method in _BODY_METHODS) and "request" not in roles and not \
                shows_own_example(contract.text, "request") and not spec.speaks_of("example_request", names, contract.span):
            noun = "message" if contract.kind != "http" else "request"
            yield gap(contract.span, subject, f"no concrete example {noun}", _FIX)
        answers = method or contract.status_codes or contract.response_shape is not None  # an exchange with an answer
        if contract.kind == "http" and answers and "response" not in roles and not shows_own_example(contract.text, "response") and \
                not shows_own_example(spec.lead_at(contract.span.line), "response") and not \
                spec.speaks_of("example_response", names, contract.span) and not answered_by_status(contract):
            yield gap(contract.span, subject, "no concrete example response", _FIX)


_FIX = "show each in a fenced code block (Markdown) or under `examples` (YAML)"
_PLACEHOLDER_KEY = re.compile(r"^(?:tbd|tbc|todo|tba|xxx|fixme|placeholder)$", re.I)


def _may_show(contract, text: str) -> bool:
    """An example no reader placed may be the contract's, unless the contract declares its fields and the example
    names none of them (the other call's event, shown early in a thread, is no example of this manifest)."""
    fields = {field.name.split(".")[-1].strip("[]`") for body in contract.bodies.values() for field in body.fields}
    fields = {name for name in fields if len(name) > 2}
    keys = set(_JSON_KEY.findall(text))
    if not fields:
        return True
    if keys:  # a key of the contract's that is no id: an id two messages share (`flight_id`) is not enough
        return any(not _ID_KEY.search(key) for key in keys & fields)
    return any(re.search(rf"[\"'<]{re.escape(name)}[\"'>\s:]", text) for name in fields)


_JSON_KEY = re.compile(r"\"([\w.$@-]+)\"\s*:")
_ID_KEY = re.compile(r"(?:^|_)(?:id|ref)$|[a-z](?:Id|Ref)$")


def _stands_in(example) -> bool:
    """An example that only holds the place of one (`{"TBD": "a concrete request"}`): its keys are placeholders."""
    data = example.data
    if isinstance(data, dict):
        return 0 < len(data) <= 2 and any(_PLACEHOLDER_KEY.match(str(key)) for key in data)
    return not isinstance(data, list) and len(example.text.strip()) < 40 and is_placeholder(example.text)  # "TBD"

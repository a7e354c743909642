from ..findings import Severity
from ..rule import Case, rule
from ..model import given
from ._common import contract_namer, gap, missing, said_of

_WHERE = "template, 3. API Contracts"

_BODY_METHODS = {"POST", "PUT", "PATCH"}


@rule(
    code="IS201",
    name="contract-incomplete",
    checklist="api-contracts",
    severity=Severity.ERROR,
    summary="A contract lacks its method and URL (or topic), its request or response shape, or its status codes.",
    rationale="The contract is what both teams code against. Without the address, the body shapes and the "
    "status codes with their meaning in this integration, each side guesses, and the guesses differ. A heading "
    "that names no address and declares no body is not judged as a contract (it may be a section's own title), "
    "nor is a message that names no queue or topic and of which only a shape or only an example is read, "
    "and a contract that names no address of its own in a document that says once where its transport is "
    "reached (an HL7 link's `host:port`, a gRPC service, an `sftp://` drop) is not judged here: its examples "
    "still are (IS202, IS204). Where the document shows a status code (`409 Conflict`, \"returns 404\") or a "
    "method before a path that no reader placed with a contract, an error rule, the retry policy or the "
    "idempotency rule, no contract is told it has none: one of them is that contract's, read in a shape the "
    "reader does not know. For the same reason a document that shows a payload or a call no reader made a "
    "contract of is not told it has no contracts at all.",
    bad="## API Contracts\n\n### Create fulfillment order\n\n`POST /v1/orders` sends the order to the warehouse.\n",
    good="## API Contracts\n\n### Create fulfillment order\n\n- **Method and URL**: `POST /v1/orders`\n"
    "- **Request body**: `order_id` (string, required), `lines` (array, required)\n"
    "- **Response body**: `{fulfillment_id, status}`; errors as `{code, message}`\n"
    "- **Status codes**: 201 created, 400 invalid order, 409 duplicate order\n",
    cases=(
        Case(Severity.ERROR, "a contract without its method and URL, or its queue or topic",
             "Method and URL (or queue/topic name for async)", _WHERE),
        Case(Severity.ERROR, "a contract without its request body or message shape",
             "Request body — Full schema with field names, types, required/optional, and constraints", _WHERE),
        Case(Severity.ERROR, "an HTTP contract without its response shape", "Response body — Success shape and "
             "error shape", _WHERE),
        Case(Severity.ERROR, "an HTTP contract without status codes", "Status codes — Every expected code with its "
             "meaning in this integration's context", _WHERE),
    ),
)
def contract_incomplete(spec, options):
    if not spec.contracts:
        return  # IS202 reports a spec with no contracts: it has no examples either
    shaped = {side for side in ("request_shape", "response_shape")
              if any(given(getattr(contract, side)) for contract in spec.contracts)}
    coded = any(contract.status_codes for contract in spec.contracts)
    located = any(given(contract.topic) for contract in spec.contracts if contract.kind == "message")
    contract_names = contract_namer(spec)
    for contract in spec.contracts:
        if not contract.judged or contract.transport is not None:
            continue  # a unit of a transport said once elsewhere (an HL7 link): no HTTP call to judge it as
        subject = contract.subject
        names = lambda contract=contract: contract_names(contract)  # noqa: E731 (asked only of an unread value)
        if contract.kind == "http":
            if contract.method is None and contract.url is None:
                # a method and path the document shows that no reader placed may be this contract's
                if not spec.unread("endpoint"):
                    yield gap(contract.span, subject, "no method and URL", "state them as `POST /v1/orders`")
            else:
                for part, what in ((contract.method, "HTTP method"), (contract.url, "URL")):
                    hit = missing(part, contract.span, subject, what, "state them as `POST /v1/orders`")
                    if hit:
                        yield hit
            method = contract.method.text.upper() if contract.method else ""
            if method in _BODY_METHODS:
                hit = missing(contract.request_shape, contract.span, subject, "request body shape",
                              "list the fields with types and whether they are required, or give a JSON Schema",
                              said=said_of(spec, "shape", names, contract.span, "request_shape" in shaped))
                if hit:
                    yield hit
            hit = missing(contract.response_shape, contract.span, subject, "response shape",
                          "describe the success body and the error body",
                          said=said_of(spec, "shape", names, contract.span, "response_shape" in shaped))
            if hit:
                yield hit
            if not contract.status_codes and not spec.unread("status") and \
                    not spec.speaks_of("status", names(), contract.span, nearby=not coded):
                yield gap(contract.span, subject, "no status codes", "give every expected code with its meaning in "
                          "this integration")
        elif not contract.half_read:
            hit = missing(contract.topic, contract.span, subject, "queue or topic name",
                          "name the queue, topic or location the message is sent to",
                          said=said_of(spec, "location", names, contract.span, located))
            if hit:
                yield hit
            hit = missing(contract.request_shape, contract.span, subject, "payload shape",
                          "list the message's fields with types, or give a JSON Schema",
                          said=said_of(spec, "shape", names, contract.span, "request_shape" in shaped))
            if hit:
                yield hit

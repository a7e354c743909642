from ..findings import Hit, Severity
from ..rule import rule
from ..model import given


@rule(
    code="IS205",
    name="status-code-mismatch",
    checklist="contract-examples",
    severity=Severity.ERROR,
    summary="A status code is mentioned in a contract's text or example but missing from its status code list, "
    "or a listed code has no meaning.",
    rationale="The status code list is what the client's error handling is written from. A code that only "
    "appears in a sentence or an example is a code nobody handles; a code listed without its meaning in this "
    "integration tells the client nothing about what to do.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders` returns 409 when the order already exists.\n\n"
    "| Status | Meaning |\n|---|---|\n| 201 | Order accepted |\n| 400 | Invalid order |\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders` returns 409 when the order already exists.\n\n"
    "| Status | Meaning |\n|---|---|\n| 201 | Order accepted |\n| 400 | Invalid order |\n"
    "| 409 | Duplicate: the first response is returned |\n",
)
def status_code_mismatch(spec, options):
    for contract in spec.contracts:
        listed = {s.code for s in contract.status_codes if s.listed}
        if not listed:
            continue
        reported = set()
        for status in contract.status_codes:
            if not status.listed and status.code not in listed and status.code not in reported:
                reported.add(status.code)
                yield Hit(status.span, f"status {status.code} is mentioned for {contract.subject} but is not in its "
                                       "status code list: add it with its meaning in this integration")
        unexplained = [s for s in contract.status_codes if s.listed and s.meaning is not None and not given(s.meaning)]
        if unexplained:
            codes = ", ".join(str(s.code) for s in unexplained)
            yield Hit(unexplained[0].span, f"status code(s) {codes} of {contract.subject} are listed without their "
                                           "meaning: say what each means here and what the client does")

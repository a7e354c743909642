from ..findings import Hit, Severity
from ..rule import rule
from ..reading.patterns import handled_codes


@rule(
    code="IS402",
    name="status-code-unhandled",
    checklist="error-classification",
    severity=Severity.ERROR,
    summary="A contract can return an error status (429, 503, 409...) that no error category handles.",
    rationale="Every error status a contract lists will happen in production. If no category says whether it "
    "is retried, dead-lettered or alerted, the implementer guesses, and a 429 gets treated like a 400.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n| Status | Meaning |\n|---|---|\n"
    "| 201 | Created |\n| 409 | Duplicate order |\n\n## Error Handling\n\n| Category | Examples | Action |\n"
    "|---|---|---|\n| Transient | 429, 503 | Retry with backoff |\n| Permanent | 400, 401 | Dead-letter |\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n| Status | Meaning |\n|---|---|\n"
    "| 201 | Created |\n| 409 | Duplicate order |\n\n## Error Handling\n\n| Category | Examples | Action |\n"
    "|---|---|---|\n| Transient | 429, 503 | Retry with backoff |\n"
    "| Permanent | 400, 401, 409 | Dead-letter (409: treat as success, the order exists) |\n",
)
def status_code_unhandled(spec, options):
    if not spec.errors:
        return  # IS401 reports the missing classification
    handled = set()
    for category in spec.errors:
        for part in (category.name, category.examples, category.action):
            if part is not None:
                handled |= handled_codes(part.text)
    seen = set()
    for contract in spec.contracts:
        listed = {status.code for status in contract.status_codes if status.listed}
        for status in contract.status_codes:
            code = status.code
            if listed and code not in listed:
                continue  # mentioned in prose but missing from the contract's list: IS205 reports it
            if code < 400 or code in seen or code in handled or f"{code // 100}xx" in handled:
                continue
            seen.add(code)
            yield Hit(status.span, f"status {code} of {contract.subject} is handled by no error category: add it "
                                   "to the transient, permanent or partial category with its action")

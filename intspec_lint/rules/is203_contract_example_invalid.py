from ..findings import Hit, Severity
from ..rule import Case, rule


@rule(
    code="IS203",
    name="contract-example-invalid",
    checklist="contract-examples",
    severity=Severity.ERROR,
    summary="An example body does not parse as the media type it declares.",
    rationale="An example that is not valid JSON cannot be pasted into a test or a mock, and it usually hides "
    "a real question (is this field a string or a number?). Only what the fence or Content-Type declares is "
    "judged: a form-encoded body is not 'invalid JSON', nor is a notebook's or a REPL's display of the object with "
    "its strings single-quoted (`{'tier': 'ADULT', 'qty': 2}`) outside a block that says it is JSON.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\nExample request:\n\n```json\n"
    "{\"order_id\": \"o-1\",}\n```\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\nExample request:\n\n```json\n"
    "{\"order_id\": \"o-1\"}\n```\n",
    cases=(
        Case(Severity.ERROR, "an example that does not parse as the media type it declares: the spec contradicts "
             "itself, and the example is no concrete example", "Provide a concrete example request and response for "
             "each contract.", "template, 3. API Contracts"),
    ),
)
def contract_example_invalid(spec, options):
    for contract in spec.contracts:
        for example in contract.examples:
            if example.error:
                role = example.role or "example"
                yield Hit(example.error_span or example.span,
                          f"example {role} of {contract.subject} is {example.error}")

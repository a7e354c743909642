from ..findings import Severity
from ..rule import Case, rule
from ._common import gap
from ..reading.examples import locate, schema_problems, sent_bad_on_purpose


@rule(
    code="IS204",
    name="contract-example-mismatch",
    checklist="contract-examples",
    severity=Severity.ERROR,
    summary="An example does not match the JSON Schema or field table its contract declares (a wrong type, a "
    "value outside the enum, a required field missing).",
    rationale="When the example and the schema disagree, one of them is wrong, and the implementer cannot tell "
    "which. Mocks built from the example then accept what the real service rejects.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\nRequest fields:\n\n"
    "| Field | Type | Required |\n|---|---|---|\n| `order_id` | string | yes |\n| `quantity` | integer | yes |\n\n"
    "Example request:\n\n```json\n{\"order_id\": \"o-1\", \"quantity\": \"two\"}\n```\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\nRequest fields:\n\n"
    "| Field | Type | Required |\n|---|---|---|\n| `order_id` | string | yes |\n| `quantity` | integer | yes |\n\n"
    "Example request:\n\n```json\n{\"order_id\": \"o-1\", \"quantity\": 2}\n```\n",
    cases=(
        Case(Severity.ERROR, "an example that breaks the schema or field table declared beside it: the spec "
             "contradicts itself; one finding an example, naming each field", "Request body — Full schema with field "
             "names, types, required/optional, and constraints", "template, 3. API Contracts"),
    ),
)
def contract_example_mismatch(spec, options):
    for contract in spec.contracts:
        for example in contract.examples:
            body = contract.bodies.get(example.role)
            if body is None or example.data is None or example.error:
                continue
            declared = "schema" if body.schema is not None else "field table"
            problems = [p for p in schema_problems(body, example.data)  # not the item sent bad on purpose
                        if not (example.role == "request" and sent_bad_on_purpose(contract.examples, p[0]))]
            for path, problem, absent in problems[:5]:
                field = f"field '{path}'" if path else "a body"
                yield gap(locate(example, path, absent), f"example {example.role} of {contract.subject}",
                          f"{field} that {problem}", f"make the example match its declared {declared}, or fix the "
                          "declaration", anchor=example.span)

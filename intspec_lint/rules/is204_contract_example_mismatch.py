from ..findings import Hit, Severity
from ..rule import rule
from ..reading.examples import locate, schema_problems


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
)
def contract_example_mismatch(spec, options):
    for contract in spec.contracts:
        for example in contract.examples:
            body = contract.bodies.get(example.role)
            if body is None or example.data is None or example.error:
                continue
            for path, problem, absent in schema_problems(body, example.data)[:5]:
                where = locate(example, path, absent)
                field = f"field '{path}'" if path else "the body"
                yield Hit(where, f"example {example.role} of {contract.subject} does not match its declared "
                                 f"{'schema' if body.schema is not None else 'field table'}: {field} {problem}: fix "
                                 "the example or the declaration")

import re

from ..findings import Hit, Severity
from ..rule import Case, rule
from ._common import example_leaves, leaf


@rule(
    code="IS804",
    name="mapping-field-unmapped",
    checklist="data-mapping",
    severity=Severity.WARNING,
    default_enabled=False,
    summary="A field that a request or message declares, and that its example carries, appears nowhere in the "
    "data mapping (advice beyond the skill; on with `extends: strict`).",
    rationale="The example shows what really travels; the mapping says where each field lands. A required field "
    "that the mapping never mentions is either dropped on the floor or mapped by whoever implements it, and the "
    "two systems drift apart. A field only an example shows, that the contract never declares, is left alone.",
    bad="## API Contracts\n\n### Order created\n\n`POST /v1/orders`\n\n| Field | Type | Required |\n|---|---|---|\n"
    "| `order_id` | string | yes |\n| `currency` | string | yes |\n\nExample request:\n\n```json\n"
    "{\"order_id\": \"o-1\", \"currency\": \"EUR\"}\n```\n\n## Data Mapping\n\n"
    "| Source Field | Source Type | Target Field | Target Type | Transform |\n|---|---|---|---|---|\n"
    "| `order_id` | string | `external_id` | varchar(64) | none |\n",
    good="## API Contracts\n\n### Order created\n\n`POST /v1/orders`\n\n| Field | Type | Required |\n|---|---|---|\n"
    "| `order_id` | string | yes |\n| `currency` | string | yes |\n\nExample request:\n\n```json\n"
    "{\"order_id\": \"o-1\", \"currency\": \"EUR\"}\n```\n\n## Data Mapping\n\n"
    "| Source Field | Source Type | Target Field | Target Type | Transform |\n|---|---|---|---|---|\n"
    "| `order_id` | string | `external_id` | varchar(64) | none |\n"
    "| `currency` | ISO 4217 code | `currency_code` | char(3) | none |\n",
    cases=(
        Case(Severity.WARNING, "a declared request field, carried by its example, that the mapping never mentions: "
             "the tool's own advice (the checklist asks that the mapping document every transformation it makes; a "
             "field left out may be one the target ignores)"),
    ),
)
def mapping_field_unmapped(spec, options):
    if not spec.mappings:
        return  # IS801 reports the missing mapping
    mapped = set()
    for row in spec.mappings:
        for v in (row.source_field, row.target_field):
            if v is not None:
                mapped.update(leaf(part) for part in v.text.replace(",", " ").replace("+", " ").split() if leaf(part))
    # a field declared with one value anywhere (`currency` (string, `EUR`)) is a constant: nothing to map
    constants = {leaf(f.name) for c in spec.contracts for b in c.bodies.values() for f in b.fields if len(f.values) == 1}
    for contract in spec.contracts:
        required = _declared(contract.bodies.get("request")) - constants
        for example in contract.examples:
            if example.role != "request" or not isinstance(example.data, (dict, list)) or not required:
                continue
            fields = list(example_leaves(example.data))
            if not any(leaf(name) in mapped for _, name in fields):
                continue  # an example of another payload than the mapped one (a query, an acknowledgement)
            absent = [path for path, name in fields if leaf(name) not in mapped and leaf(name) in required
                      and not _ENVELOPE.match(leaf(name))]
            if absent:
                shown = ", ".join(absent[:5]) + (f" and {len(absent) - 5} more" if len(absent) > 5 else "")
                yield Hit(example.span, f"example request of {contract.subject} carries field(s) the data mapping "
                                        f"does not mention: {shown}: map each one, or say it is ignored")


def _declared(body) -> set[str]:
    """The fields a body declares: in its field table, or as its JSON Schema's properties."""
    if body is None:
        return set()
    found = {leaf(f.name) for f in body.fields}
    stack = [body.schema] if isinstance(body.schema, dict) else []
    while stack:
        node = stack.pop()
        properties = node.get("properties") or {}
        found.update(leaf(str(name)) for name in properties)
        for inner in list(properties.values()) + [node.get("items")]:
            if isinstance(inner, dict):
                stack.append(inner)
    return found


# Envelope fields every message carries and no mapping lists: ids of the event, not of the data.
_ENVELOPE = re.compile(r"^(?:(?:event|message|notification|request|correlation|trace|delivery|batch|idempotency|"
                       r"causation|webhook)id|eventtype|type|kind|v|version|schemaversion|specversion|source)$")

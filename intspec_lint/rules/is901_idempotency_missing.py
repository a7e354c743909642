import re

from ..findings import Hit, Severity
from ..rule import rule
from ..spec.patterns import mentions_idempotency

_COVERS_ALL = re.compile(
    r"\b(all|every|each|any)\b[^.]{0,60}?\b(writes?|requests?|operations?|messages?|events?|calls?|endpoints?|"
    r"posts?|mutations?|deliveries|webhooks?|records?|rows?|upserts?|creates?|updates?)\b",
    re.I,
)


@rule(
    code="IS901",
    name="idempotency-missing",
    checklist="idempotency",
    severity=Severity.ERROR,
    summary="Idempotency is never stated, or a write operation has no idempotency key or dedup strategy.",
    rationale="Retries and redeliveries make duplicates a certainty, not a risk. If a webhook fires twice, the "
    "consumer must not create two records: every write operation needs an idempotency key or a dedup rule.",
    bad="## API Contracts\n\n### Create order\n\n- **Method and URL**: `POST /v1/orders`\n",
    good="## API Contracts\n\n### Create order\n\n- **Method and URL**: `POST /v1/orders`\n"
    "- **Headers**: `Idempotency-Key: <order_id>`; a repeated key returns the first response\n",
)
def idempotency_missing(spec, options):
    idempotency = spec.idempotency
    statements = [s.text for s in idempotency.statements] if idempotency else []
    keys = idempotency.keys if idempotency else []
    mentioned = any(mentions_idempotency(c.text) for c in spec.contracts)
    if not statements and not keys and not mentioned:
        where = spec.where("idempotency")
        yield Hit(where, "idempotency is never stated: say whether the consumer can safely receive the same message "
                         "twice, and give the idempotency key of every write operation")
        return
    everything = " ".join(statements).lower()
    if _COVERS_ALL.search(everything) and mentions_idempotency(everything):
        return
    for contract in spec.contracts:
        if not contract.writes or mentions_idempotency(contract.text):
            continue
        if any(_names(contract, k.operation.text if k.operation else "") for k in keys):
            continue
        if any(_names(contract, statement) for statement in statements):
            continue
        yield Hit(contract.span, f"write operation '{contract.label}' has no idempotency key or dedup strategy: say "
                                 "which key makes a repeated call safe")


def _names(contract, text: str) -> bool:
    """The text refers to the contract by its name, URL, topic or method and path."""
    lowered = text.lower()
    if not lowered:
        return False
    for value in (contract.name, contract.url, contract.topic):
        if value is not None and len(value.text) > 2 and value.text.lower().strip("`") in lowered:
            return True
    return False

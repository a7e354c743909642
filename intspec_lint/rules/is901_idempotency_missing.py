import re

from ..findings import Hit, Severity
from ..rule import rule
from ..reading.vocabulary import strip_numbering
from ..model import given
from ..reading.patterns import dedups, mentions_idempotency

_COVERS_ALL = re.compile(
    r"\b(all|every|each|any)\b[^.]{0,60}?\b(writes?|requests?|operations?|messages?|events?|calls?|endpoints?|"
    r"posts?|mutations?|deliveries|webhooks?|records?|rows?|upserts?|creates?|updates?|entry|entries|items?)\b",
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
    statements = [s.text for s in idempotency.statements if given(s)] if idempotency else []
    keys = [k for k in idempotency.keys if given(k.key)] if idempotency else []
    mentioned = any(mentions_idempotency(c.text) for c in spec.contracts)
    if not statements and not keys and not mentioned:
        where = spec.where("idempotency")
        yield Hit(where, "idempotency is never stated: say whether the consumer can safely receive the same message "
                         "twice, and give the idempotency key of every write operation")
        return
    everything = " ".join(statements).lower()
    if _COVERS_ALL.search(everything) and mentions_idempotency(everything):
        return
    writes = [c for c in spec.contracts if c.writes]
    if len(writes) == 1 and any(dedups(statement) for statement in statements):
        return  # the dedup the idempotency section states is the one write's
    for contract in writes:
        if mentions_idempotency(contract.text):
            continue
        if any(_names(contract, k.operation.text if k.operation else "") for k in keys):
            continue
        if any(_names(contract, statement) for statement in statements):
            continue
        yield Hit(contract.span, f"write operation {contract.subject.removeprefix('contract ')} has no idempotency key or dedup strategy: say "
                                 "which key makes a repeated call safe")


def _names(contract, text: str) -> bool:
    """The text refers to the contract: by its name, URL or topic, or its lead words ("Jira create:")
    all appear in what the contract says."""
    lowered = text.lower().replace("`", "")
    if not lowered:
        return False
    method = contract.method.text.lower() if contract.method else ""
    said_method = _METHOD.match(lowered)
    if said_method and method and said_method.group(1) != method:
        return False  # "PUT /orders/{id}" is not about "DELETE /orders/{id}"
    for value in (contract.name, contract.url, contract.topic):
        if value is None:
            continue
        name = _PAREN.sub("", _METHOD.sub("", strip_numbering(value.text).lower().replace("`", ""))).strip(" -—–:")
        if len(name) > 2 and re.search(re.escape(name) + r"(?:e?s)?(?![\w/{}.-])", lowered):  # "... notifications"
            return True
    lead = lowered.split(":", 1)[0] if ":" in lowered[:60] else ""
    words = set(_WORD.findall(lead)) - _STOP
    if words and len(words) <= 5:
        said = contract.text.lower()
        return all(re.search(rf"\b{re.escape(w[:5])}", said) for w in words)
    return False


_PAREN = re.compile(r"\([^)]*\)")
_METHOD = re.compile(r"^\W*(get|post|put|patch|delete)\s+\S+\s*")
_WORD = re.compile(r"[a-z][a-z0-9]+")
_STOP = {"the", "a", "an", "of", "for", "on", "to", "and", "or", "in", "all", "each", "every"}

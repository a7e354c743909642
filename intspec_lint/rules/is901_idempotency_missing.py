from ..findings import Hit, Severity
from ..model import given
from ..rule import Case, rule
from ..reading.contracts import carried_keys, is_webhook_receiver
from ._common import contract_heads, contract_namer


@rule(
    code="IS901",
    name="idempotency-missing",
    checklist="idempotency",
    severity=Severity.ERROR,
    summary="Idempotency is never stated, or a write operation has no idempotency key or dedup strategy.",
    rationale="Retries and redeliveries make duplicates a certainty, not a risk. If a webhook fires twice, the "
    "consumer must not create two records: every write operation needs an idempotency key or a dedup rule. "
    "A heading with nothing to call and no body (a database table's name) is not asked for one, as IS201 "
    "does not judge it.",
    bad="## API Contracts\n\n### Create order\n\n- **Method and URL**: `POST /v1/orders`\n",
    good="## API Contracts\n\n### Create order\n\n- **Method and URL**: `POST /v1/orders`\n"
    "- **Headers**: `Idempotency-Key: <order_id>`; a repeated key returns the first response\n",
    cases=(
        Case(Severity.ERROR, "idempotency never stated", "Idempotency requirements are stated — can the consumer "
             "safely receive the same message twice?", "quality checklist"),
        Case(Severity.ERROR, "a write operation with no idempotency key or dedup strategy", "Specify idempotency "
             "keys for every write operation.", "common mistakes"),
    ),
)
def idempotency_missing(spec, options):
    idempotency = spec.idempotency
    stated = idempotency is not None and (any(given(s) for s in idempotency.statements)
                                          or any(given(k.key) for k in idempotency.keys))
    writes = [c for c in spec.contracts if c.writes]
    if not stated and not any(c.idempotent and not c.idempotent_by_method for c in writes):
        if "idempotency" in spec.evidence:
            return  # repeats talked about in words the reader cannot place: say nothing rather than "never"
        yield Hit(spec.where("idempotency"), "idempotency is never stated: say whether the consumer can safely "
                                             "receive the same message twice, and give the idempotency key of every "
                                             "write operation")
        return
    contract_names = contract_namer(spec)
    heads = contract_heads(spec, contract_names)
    for contract in writes:
        if not contract.judged:
            continue  # a heading with nothing to call and no body (a database table's name): perhaps no contract at all
        if contract.idempotent is None and not is_webhook_receiver(contract) and not spec.speaks_of(
                "idempotency", contract_names(contract), contract.span, inflect=True) and not spec.speaks_of(
                "idempotency", carried_keys(contract), contract.span) and not spec.speaks_of(
                "repeat_safe", contract_names(contract), contract.span, nearby=True, inflect=True) and not spec.speaks_of(
                "keyed", heads(contract), contract.span, inflect=True):  # a webhook receiver is IS902's;
            # its own section may say a repeat is harmless without its name ("the same pair twice is ignored")
            yield Hit(contract.span, f"write operation {contract.subject.removeprefix('contract ')} has no idempotency "
                                     "key or dedup strategy: say which key makes a repeated call safe")

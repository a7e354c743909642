from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.contracts import is_webhook, is_webhook_receiver
from ..reading.scope import same_name
from ..reading.idempotency import dedups, handles_redelivery
from ..model import given
from ._common import names_of


@rule(
    code="IS902",
    name="webhook-redelivery-unhandled",
    checklist="idempotency",
    severity=Severity.ERROR,
    summary="The spec receives webhooks but never says what happens when the same delivery arrives twice.",
    rationale="Webhook senders deliver at least once: a slow acknowledgement or a network blip means the same "
    "event arrives again. Without deduplication by event or delivery id, the consumer books the payment twice.",
    bad="## Data Flow\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
    "| Payment events | PSP | Billing | Webhook on payment status change | Payment JSON | 2,000/day |\n\n"
    "## Idempotency\n\nRefund calls carry an `Idempotency-Key`.\n",
    good="## Data Flow\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
    "| Payment events | PSP | Billing | Webhook on payment status change | Payment JSON | 2,000/day |\n\n"
    "## Idempotency\n\nThe PSP redelivers webhooks; Billing stores each `event_id` for 7 days and acknowledges a "
    "repeated delivery without processing it again.\n",
    cases=(
        Case(Severity.ERROR, "webhooks received with nothing said about a repeated delivery", "If a webhook fires "
             "twice, will the consumer create duplicate records?", "common mistakes"),
    ),
)
def webhook_redelivery_unhandled(spec, options):
    said = []
    if spec.idempotency is not None:
        said += [s.text for s in spec.idempotency.statements if given(s)]
        said += [f"{k.operation.text if given(k.operation) else ''} {k.key.text}" for k in spec.idempotency.keys
                 if given(k.key)]  # with its operation: "Carrier scan callback: scan_id already seen"
    if not said and not any(c.idempotent and not c.idempotent_by_method for c in spec.contracts):
        return  # IS901 reports a spec that never states idempotency
    if any(handles_redelivery(text) for text in said):
        return
    receivers = [c for c in spec.contracts if c.writes and is_webhook_receiver(c)]
    for contract in receivers:
        if contract.idempotent is None and not dedups(contract.text):
            yield Hit(contract.span, f"{contract.subject} receives webhooks, but nothing says what happens when the "
                                     "same delivery arrives twice: dedupe on the event or delivery id")
            return
    if receivers or any(c.kind == "message" and dedups(c.text) for c in spec.contracts):
        return  # each delivery's own contract says how it dedups
    for flow in spec.flows:
        text = " ".join(v.text for v in (flow.trigger, flow.name, flow.payload) if given(v))
        if is_webhook(text) and not _lands_keyed(spec, flow) and not spec.speaks_of("idempotency", ["webhook", "webhooks", *names_of(
                flow.name.text if given(flow.name) else None)], flow.span, elsewhere=True):  # "a redelivered alarm
            # webhook has the same `alarm_id`, which the adapter ignores once it holds it": said of webhooks, not a key
            name = f"'{flow.name.text}'" if given(flow.name) else f"on line {flow.span.line}"
            yield Hit(flow.span, f"flow {name} is delivered by webhook, but nothing says what happens when the same "
                                 "delivery arrives twice: dedupe on the event or delivery id")
            return


def _lands_keyed(spec, flow) -> bool:
    """The flow arrives at a write named like it ("Wholesale order" at "Receive wholesale order") that is keyed by
    what it carries: a delivery that comes twice lands on that key."""
    return given(flow.name) and any(
        c.writes and c.idempotent is not None and not c.idempotent_by_method and
        same_name(f"{c.name.text if c.name else ''} {c.label or ''}", flow.name.text) for c in spec.contracts)

from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.flows import is_async
from ..reading.monitoring import watches_backlog
from ..model import given


@rule(
    code="IS702",
    name="async-flow-unmonitored",
    checklist="monitoring",
    severity=Severity.ERROR,
    summary="An asynchronous flow (queue, topic, webhook, batch) has no queue-depth, backlog or consumer-lag "
    "metric.",
    rationale="Asynchronous integrations fail quietly: the producer is fine, the consumer is fine, and the "
    "backlog grows for hours. Queue depth or consumer lag is the only signal that catches it.",
    bad="## Data Flow\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
    "| Order events | Order Service | Fulfillment | `orders` Kafka topic | Order JSON | 500/hour |\n\n"
    "## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Error rate | > 1% | Critical |\n",
    good="## Data Flow\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
    "| Order events | Order Service | Fulfillment | `orders` Kafka topic | Order JSON | 500/hour |\n\n"
    "## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Error rate | > 1% | Critical |\n"
    "| Consumer lag on `orders` | > 1,000 messages | Warning |\n",
    cases=(
        Case(Severity.ERROR, "an asynchronous flow whose backlog no metric watches", "Monitoring covers latency, "
             "error rate, queue depth, and auth token expiry", "quality checklist"),
    ),
)
def async_flow_unmonitored(spec, options):
    if not spec.monitoring:
        return  # IS701 reports the missing monitoring
    if any(m.kind == "queue-depth" or watches_backlog(m.metric.text if m.metric else "", m.kind == "dlq-size")
           for m in spec.monitoring) or "monitoring:queue-depth" in spec.evidence:
        return  # a backlog watched, by a metric or in words no metric was read from
    for flow in spec.flows:
        said = " ".join(v.text for v in (flow.trigger, flow.payload, flow.name, flow.frequency) if given(v))
        if is_async(said):
            name = f"'{flow.name.text}'" if given(flow.name) else f"on line {flow.span.line}"
            yield Hit(flow.span, f"flow {name} is asynchronous, but no metric watches its backlog: add a queue "
                                 "depth or consumer lag metric with a threshold and an alert")
            return


from ..findings import Severity
from ..rule import Case, rule
from ..model import given
from ..reading.scope import scheduled
from ._common import gap

_ITEMS = (
    ("latency", "no latency target", "state the latency target (e.g. P99 under 2 s)"),
    ("throughput", "no throughput or volume", "state the throughput or volume (e.g. 500 orders/hour at peak)"),
    ("uptime", "no uptime target", "state the uptime target (e.g. 99.9% monthly)"),
    ("when_down", "no word on what happens when one side is down",
     "say what happens when one side is down (queued and replayed, retried, or loss accepted)"),
)


@rule(
    code="IS012",
    name="sla-incomplete",
    checklist="sla",
    severity=Severity.WARNING,
    summary="The spec does not state its latency, throughput and uptime targets, or what happens when one side "
    "is down.",
    rationale="The retry policy, the queue sizes and the alert thresholds all follow from the service levels. "
    "Without them nobody can tell whether five retries over ten minutes is fine or a breach, or whether an "
    "outage of the partner may lose data. A batch started only by the clock is asked for no uptime and no "
    "latency (its deadlines are its service level), and an error class for an unavailable side that is retried or queued "
    "says what happens when that side is down.",
    bad="# Orders to fulfillment\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
    "| Error rate | > 1% over 5 minutes | Critical |\n",
    good="# Orders to fulfillment\n\n## Service levels\n\n- **Latency**: P99 under 2 seconds end to end\n"
    "- **Throughput**: 500 orders/hour at peak\n- **Uptime**: 99.9% monthly\n"
    "- **When down**: orders stay on the queue for up to 4 days and are replayed in order\n",
    cases=(
        Case(Severity.WARNING, "no latency, throughput or uptime target, or nothing on what happens when one side "
             "is down (questions to ask before writing, which the template and checklist do not ask the spec to "
             "answer)", "SLA requirements? Max acceptable latency, throughput targets, and uptime expectations. "
             "[...] What happens when one system is down? Must data be queued, retried, or is loss acceptable?",
             "before you start"),
    ),
)
def sla_incomplete(spec, options):
    sla = spec.sla
    stated = {name for name, _, _ in _ITEMS if sla is not None and given(getattr(sla, name))}
    if any(m.kind == "latency" and given(m.threshold) for m in spec.monitoring):
        stated.add("latency")
    if any(given(f.frequency) and any(c.isdigit() for c in f.frequency.text) for f in spec.flows):
        stated.add("throughput")
    if spec.flows and all(scheduled(f) for f in spec.flows):
        stated |= {"uptime", "latency"}  # a batch run by the clock has deadlines, not an uptime or a P99
    for name, what, fix in _ITEMS:
        if name not in stated:
            yield gap(spec.where("sla"), "the spec", what, fix)

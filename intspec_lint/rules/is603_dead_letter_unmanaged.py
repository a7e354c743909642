from ..findings import Severity
from ..model import given
from ..reading.dead_letter import names_owner, replay_phrase
from ..rule import Case, rule
from ._common import gap, label


@rule(
    code="IS603",
    name="dead-letter-unmanaged",
    checklist="dead-letter",
    severity=Severity.WARNING,
    summary="The dead-letter destination is watched by no metric, or nobody owns it and there is no replay "
    "procedure (advice beyond the skill; on with `extends: strict`).",
    rationale="A dead-letter queue is only a safety net if someone looks into it and can put its messages back: "
    "a queue that no alert watches fills up silently, and one without an owner and a replay procedure is where "
    "data goes to die.",
    bad="## Dead-letter handling\n\nFailed messages go to `orders-dlq`; the on-call is paged.\n\n## Monitoring\n\n"
    "| Metric | Threshold | Alert |\n|---|---|---|\n| Error rate | > 1% | Critical |\n",
    good="## Dead-letter handling\n\n- **Destination**: `orders-dlq` (SQS, 14 days retention)\n"
    "- **Alert**: DLQ size > 0 pages the integration on-call\n- **Owner**: the Order Platform team\n"
    "- **Replay**: `orders-dlq-redrive` moves fixed messages back to the main queue\n\n## Monitoring\n\n"
    "| Metric | Threshold | Alert |\n|---|---|---|\n| Dead-letter queue size | > 0 | Critical |\n",
    default_enabled=False,
    cases=(
        Case(Severity.WARNING, "a dead-letter destination that no metric watches, that nobody owns, or that has no "
             "replay procedure: the tool's own advice (the skill asks where failed messages go and who is alerted, "
             "which IS601 checks); one finding naming every gap"),
    ),
)
def dead_letter_unmanaged(spec, options):
    dead = spec.dead_letter
    if dead is None or not given(dead.destination):
        return  # IS601 reports the missing destination
    where = label(dead.destination, "the dead-letter destination") if not dead.destination.loose else \
        "the dead-letter destination"
    if spec.monitoring and not any(m.kind == "dlq-size" for m in spec.monitoring):
        yield gap(dead.span, where, "no metric watching it", "add a dead-letter size metric with an alert")
    said = " ".join([dead.text] + [v.text for v in (dead.destination, dead.alert, dead.owner, dead.replay) if given(v)])
    if not given(dead.owner) and not names_owner(said):
        yield gap(dead.span, where, "no owner", "say which team looks at failed messages")
    if not given(dead.replay) and not replay_phrase(said):
        yield gap(dead.span, where, "no replay procedure", "say how fixed messages are put back")

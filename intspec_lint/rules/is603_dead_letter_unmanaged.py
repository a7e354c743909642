from ..findings import Hit, Severity
from ..model import given
from ..reading.dead_letter import names_owner, replay_phrase
from ..rule import rule
from ._common import label


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
)
def dead_letter_unmanaged(spec, options):
    dead = spec.dead_letter
    if dead is None or not given(dead.destination):
        return  # IS601 reports the missing destination
    gaps = []
    if spec.monitoring and not any(m.kind == "dlq-size" for m in spec.monitoring):
        gaps.append("no metric watches it")
    said = " ".join([dead.text] + [v.text for v in (dead.destination, dead.alert, dead.owner, dead.replay) if given(v)])
    if not given(dead.owner) and not names_owner(said):
        gaps.append("no owner")
    if not given(dead.replay) and not replay_phrase(said):
        gaps.append("no replay procedure")
    if gaps:
        where = label(dead.destination, "the dead-letter destination") if not dead.destination.loose else \
            "the dead-letter destination"
        yield Hit(dead.span, f"{where} has {' and '.join(gaps)}: add a dead-letter size metric with an alert, say "
                             "which team looks at failed messages and how fixed ones are put back")

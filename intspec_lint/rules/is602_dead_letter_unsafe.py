from ..findings import Hit, Severity
from ..rule import rule
from ..reading import patterns
from ..model import Value, given
from ._common import label


@rule(
    code="IS602",
    name="dead-letter-unsafe",
    checklist="dead-letter",
    severity=Severity.ERROR,
    summary="Failed messages are dropped or only logged, the dead-letter queue is watched by no metric, or "
    "nobody owns it and there is no replay procedure.",
    rationale="A dead-letter queue is only a safety net if someone looks into it and can put its messages back. "
    "Messages that are dropped or only logged are lost; a queue that no alert watches fills up silently; a "
    "queue without an owner and a replay procedure is where data goes to die.",
    bad="## Dead-letter handling\n\nFailed messages are logged and skipped.\n",
    good="## Dead-letter handling\n\n- **Destination**: `orders-dlq` (SQS, 14 days retention)\n"
    "- **Alert**: DLQ size > 0 pages the integration on-call\n- **Owner**: the Order Platform team\n"
    "- **Replay**: `orders-dlq-redrive` moves fixed messages back to the main queue\n\n## Monitoring\n\n"
    "| Metric | Threshold | Alert |\n|---|---|---|\n| Dead-letter queue size | > 0 | Critical |\n",
)
def dead_letter_unsafe(spec, options):
    dead = spec.dead_letter
    texts = list(spec.dropped)
    if dead is not None:
        texts += [v for v in (dead.destination, dead.alert, dead.owner, dead.replay) if given(v)]
        if dead.text.strip():
            texts.append(Value(dead.text, dead.span))
    texts += [e.action for e in spec.errors if given(e.action)]
    for said in texts:
        dropped = patterns.drops_messages(said.text)
        if dropped and not patterns.mentions_dead_letter(said.text):
            yield Hit(said.span, f"failed messages are '{dropped}': nothing may be silently lost; send them to a "
                                 "dead-letter queue or table that someone is alerted about")
            return
    if dead is None or not given(dead.destination):
        return  # IS601 reports the missing destination
    if spec.monitoring and not any(m.kind == "dlq-size" for m in spec.monitoring):
        yield Hit(dead.destination.span, f"no metric watches the dead-letter destination "
                                         f"({label(dead.destination, '')}): add a dead-letter size metric with a "
                                         "threshold (e.g. > 0) and an alert")
    said = " ".join([dead.text] + [v.text for v in (dead.destination, dead.alert, dead.owner, dead.replay) if given(v)])
    absent = []
    if not given(dead.owner) and not patterns.names_owner(said):
        absent.append("no owner (the team that looks at failed messages)")
    if not given(dead.replay) and not patterns.replay_phrase(said):
        absent.append("no replay procedure (redrive, reprocess job, manual resubmission)")
    if absent:
        yield Hit(dead.span, f"dead-letter handling names {' and '.join(absent)}: say who handles failed messages "
                             "and how fixed ones are put back")


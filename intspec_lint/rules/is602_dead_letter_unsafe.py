from ..findings import Hit, Severity
from ..model import Value, given
from ..reading.dead_letter import kept_in, mentions_dead_letter
from ..reading.drops import drops_messages
from ..rule import Case, rule


@rule(
    code="IS602",
    name="dead-letter-unsafe",
    checklist="dead-letter",
    severity=Severity.ERROR,
    summary="Failed messages are dropped or only logged instead of going to a dead-letter destination.",
    rationale="The skill's checklist: dead-letter handling is defined, and failed messages are never silently "
    "dropped. A message that is only logged is lost the moment the log rotates.",
    bad="## Dead-letter handling\n\nFailed messages are logged and skipped.\n",
    good="## Dead-letter handling\n\nFailed messages go to `orders-dlq` (SQS, 14 days retention); a DLQ size "
    "above 0 pages the integration on-call.\n",
    cases=(
        Case(Severity.ERROR, "failed messages that are dropped or only logged", "Dead-letter handling is defined — "
             "failed messages are never silently dropped", "quality checklist"),
    ),
)
def dead_letter_unsafe(spec, options):
    dead = spec.dead_letter
    texts = list(spec.dropped)
    if dead is not None:
        texts += [v for v in (dead.destination, dead.alert, dead.owner, dead.replay) if given(v)]
        if dead.text.strip():
            texts.append(Value(dead.text, dead.span))
    texts += [e.action for e in spec.errors if given(e.action) and e.category != "success"]  # "409 is not an error at
    # all ... recorded as superseded and moves on": what is done with an outcome that failed nothing drops nothing
    reported = set()
    for said in texts:
        dropped = drops_messages(said.text)
        if dropped and not mentions_dead_letter(said.text) and not kept_in(said.text) and said.span.line not in reported:
            reported.add(said.span.line)
            yield Hit(said.span, f"failed messages are '{dropped}': nothing may be silently lost; send them to a "
                                 "dead-letter queue or table that someone is alerted about")

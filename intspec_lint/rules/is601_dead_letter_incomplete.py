from ..findings import Severity
from ..rule import Case, rule
from ._common import absent, missing


@rule(
    code="IS601",
    name="dead-letter-incomplete",
    checklist="dead-letter",
    severity=Severity.ERROR,
    summary="Dead-letter handling is missing, or does not say where failed messages go and who is alerted.",
    rationale="After the last retry a message must go somewhere a person will look. Without a destination it "
    "is silently dropped; without an alert nobody knows it is there.",
    bad="## Retry Logic\n\n- **Dead-letter handling**: failed messages are kept.\n",
    good="## Retry Logic\n\n- **Dead-letter handling**: after the last retry the message goes to the "
    "`orders-dlq` queue and the integration on-call is paged.\n",
    cases=(
        Case(Severity.ERROR, "no dead-letter handling", "Dead-letter handling is defined — failed messages are never "
             "silently dropped", "quality checklist"),
        Case(Severity.ERROR, "dead-letter handling without its destination or its alert; one finding naming both",
             "Dead-letter handling: Where do permanently failed messages go? Who gets alerted?",
             "template, 6. Retry Logic"),
    ),
)
def dead_letter_incomplete(spec, options):
    dead = spec.dead_letter
    if dead is None:
        yield absent(spec, "dead_letter", "dead-letter handling", "say where permanently failed messages go and who "
                                                                  "is alerted")
        return
    hit = missing(dead.destination, dead.span, "dead-letter handling", "destination",
                  "name the queue, topic or table failed messages go to")
    if hit:
        yield hit
    hit = missing(dead.alert, dead.span, "dead-letter handling", "alert", "say who is alerted, and how")
    if hit:
        yield hit

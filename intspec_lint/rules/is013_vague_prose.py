from ..findings import Hit, Severity
from ..rule import rule


@rule(
    code="IS013",
    name="vague-prose",
    checklist="prose",
    severity=Severity.WARNING,
    summary="Free text hand-waves (\"we'll handle errors gracefully\") instead of committing to behaviour.",
    rationale="\"We'll handle errors\" is not a spec: it reads like a decision and leaves every implementer to "
    "invent one. Say what happens: how often to retry, where the message goes, who is paged.",
    bad="## Error handling\n\nErrors will be handled gracefully and retried as needed.\n",
    good="## Error handling\n\nA 503 is retried 5 times with exponential backoff from 1 s; a 400 goes to "
    "`orders-dlq` and pages the on-call.\n",
)
def vague_prose(spec, options):
    for phrase in spec.vague:
        said = " ".join(phrase.text.split())
        yield Hit(phrase.span, f"'{said}' commits to nothing: say exactly what happens (how many retries, after "
                               "what delay, where failed data goes, who is alerted)")

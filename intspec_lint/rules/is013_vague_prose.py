from ..findings import Hit, Severity
from ..rule import Case, rule
from ._common import short, placeholder_lines


@rule(
    code="IS013",
    name="vague-prose",
    checklist="prose",
    severity=Severity.WARNING,
    summary="Free text hand-waves (\"we'll handle errors gracefully\") or leaves a decision open (\"TODO: agree "
    "the cut-over\") instead of committing to behaviour.",
    rationale="\"We'll handle errors\" is not a spec: it reads like a decision and leaves every implementer to "
    "invent one. Say what happens: how often to retry, where the message goes, who is paged. A TODO, TBD or TBC "
    "left in the text is a decision nobody made; one that stands for a value a part owes (\"Max attempts: TBD\") "
    "is reported by that part's rule instead.",
    bad="## Error handling\n\nErrors will be handled gracefully and retried as needed.\n",
    good="## Error handling\n\nA 503 is retried 5 times with exponential backoff from 1 s; a 400 goes to "
    "`orders-dlq` and pages the on-call.\n",
    cases=(
        Case(Severity.WARNING, "a phrase that commits to nothing (\"handled gracefully\", \"as needed\"): advice "
             "beyond the checklist, whose missing values the part's own rule reports as errors",
             "\"We'll handle errors\" is not a spec.", "common mistakes"),
        Case(Severity.WARNING, "a TODO, TBD or TBC left in free text (the tool's own advice)"),
    ),
)
def vague_prose(spec, options):
    if spec.open_items:
        owed = placeholder_lines(spec)  # a placeholder owed by a part is reported by that part's rule
        for item in spec.open_items:
            if item.span.line not in owed:
                said = short(item.text, 80)
                yield Hit(item.span, f"'{said}' leaves a decision open: settle it in the spec, or every implementer "
                                     "will settle it differently")
    for phrase in spec.vague:
        said = " ".join(phrase.text.split())
        yield Hit(phrase.span, f"'{said}' commits to nothing: say exactly what happens (how many retries, after "
                               "what delay, where failed data goes, who is alerted)")

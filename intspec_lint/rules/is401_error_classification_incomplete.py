from ..findings import Severity
from ..rule import Case, rule
from ..model import given
from ._common import absent, gap, given_beside, label, missing, names_of, said_of

_CATEGORIES = {
    "transient": "transient errors (429, 503, timeouts) and how they are retried",
    "permanent": "permanent errors (400, 401, 404, validation failures) and where they go",
    "partial": "partial failures (a batch where some records fail) and how the successes and failures are handled",
}


@rule(
    code="IS401",
    name="error-classification-incomplete",
    checklist="error-classification",
    severity=Severity.ERROR,
    summary="Errors are not classified as transient, permanent and (where part of an operation can fail) partial, "
    "each with its action.",
    rationale="Retrying a permanent error wastes capacity and delays the alert; giving up on a transient one "
    "loses data; ignoring partial failures either drops good records or re-sends them. Each class needs its "
    "own handling. A partial category is owed where the document shows an operation that can fail in part (a "
    "batch, a bulk call, a 207, per-item results), unless it says there is none. A transient or permanent class "
    "the document names where no reader took a category from (a runbook's comment, a diagram) is not called "
    "missing. A category's action is asked where the categories beside it give theirs, or where its own cell is "
    "left empty: a classification that names no action for any class tells its handling elsewhere. A transient "
    "class without an action of its own, in a document with a retry policy, is retried.",
    bad="## Error Handling\n\n| Category | Examples | Action |\n|---|---|---|\n"
    "| Transient | 429, 503 | Retry with backoff |\n",
    good="## Error Handling\n\n| Category | Examples | Action |\n|---|---|---|\n"
    "| Transient | 429, 503, timeout | Retry with backoff |\n| Permanent | 400, 401, 404 | Alert and dead-letter |\n"
    "| Partial | Batch with some failed records | Process successes, retry failures separately |\n",
    cases=(
        Case(Severity.ERROR, "no error classification, a missing transient, permanent or partial category (one "
             "finding naming every missing one), or a category without its action", "Errors are classified "
             "(transient, permanent, partial) with specific handling for each", "quality checklist"),
        Case(Severity.ERROR, "no partial category while a contract returns 207 (a partial success): named in the "
             "same finding", "Ignoring partial failures in batch operations. A batch of 100 records where 3 fail "
             "needs a clear strategy", "common mistakes"),
    ),
)
def error_classification_incomplete(spec, options):
    errors = [e for e in spec.errors if e.category != "success"]  # "Successes: 201, 200": outcomes, owing nothing
    told = {category for category in _CATEGORIES if f"errors:{category}" in spec.evidence}  # in words no entry was read from
    if not errors and not spec.mentions("errors") and not told:
        yield absent(spec, "errors", "error handling section", "classify errors as transient, permanent and partial, "
                     "with an action for each", named="error handling")
        return
    found = {error.category for error in errors}
    for category, what in _CATEGORIES.items():
        if category == "partial" and spec.batches is None:
            continue  # nothing in the document can fail in part: no batch, no bulk call, no 207
        if category not in found:
            if category in told:
                continue
            if category != "partial" and (spec.speaks_of(category, [], spec.where("errors"), nearby=True)
                                          or spec.unread(category)):
                continue  # the error section tells of it in words no reader placed ("4xx are never retried"); a
                # part that fails is how a missing partial category shows, no evidence of its handling
            said = f"no {category} category" + (_partial_success(spec) if category == "partial" else "")
            yield gap(spec.where("errors"), "the error classification", said, f"describe {what}")
    for error in errors:
        if error.action is None and not given_beside(errors, error, "action"):
            continue  # no category beside it says its action either: the handling is told in a shape or a part
            # (the retry policy, the dead-letter section) the reader does not tie to the class
        if error.action is None and error.category == "transient" and spec.retry is not None and any(
                given(getattr(spec.retry, field)) for field in ("strategy", "max_attempts", "initial_delay")):
            continue  # "| Errors: transient | 429, 503 |" beside "| Retry | backoff ... |": what is transient is retried
        hit = missing(error.action, error.span, f"error category {label(error.name, error.category)}", "action",
                      "say what happens: retry, dead-letter, alert, reject",
                      said=said_of(spec, "action", names_of(error.name.text if error.name else None), error.span, True))
        if hit:
            yield hit


def _partial_success(spec) -> str:
    """" (contract X returns 207, a partial success)", when one does: the category it needs."""
    for contract in spec.contracts:
        if any(status.code == 207 and status.listed for status in contract.status_codes):
            return f" ({contract.subject} returns 207, a partial success)"
    return ""

from ..findings import Hit, Severity
from ..gaps import and_list
from ..rule import Case, rule
from ..reading.cues import CUES, UNREAD
from ..reading.error_words import handled_codes


@rule(
    code="IS402",
    name="status-code-unhandled",
    checklist="error-classification",
    severity=Severity.ERROR,
    summary="A contract can return an error status (429, 503, 409...) that no error category handles. A "
    "cross-check: only in the `strict` preset.",
    rationale="Every error status a contract lists will happen in production. If no category says whether it "
    "is retried, dead-lettered or alerted, the implementer guesses, and a 429 gets treated like a 400. A "
    "category covers the codes it names, and the plain client and server errors of the kinds it names: a "
    "permanent category that names 400 and 422 covers a 413, but not a 409, which can mean the work is done. A "
    "statement elsewhere than the contract's status list that names the code with a class or its handling "
    "('Permanent: 400, 409', 'a 429 is retried') answers for it too, and so does one that says the code is the "
    "answer to a repeat and how the caller takes it ('`409` if the `event_id` was already processed; treated as "
    "delivered'): the idempotency design handles it. It is off by default: the checklist asks that errors be "
    "classified with handling for each class, and specs say what a status means in more places than its "
    "category (a duplicate answered by the idempotency design, a status list that names the class beside each "
    "code); on fresh specs written by people who never saw the tool it found no gap their authors named.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n| Status | Meaning |\n|---|---|\n"
    "| 201 | Created |\n| 409 | Duplicate order |\n\n## Error Handling\n\n| Category | Examples | Action |\n"
    "|---|---|---|\n| Transient | 429, 503 | Retry with backoff |\n| Partial | a batch with rejected rows | "
    "Dead-letter the rejected rows |\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n| Status | Meaning |\n|---|---|\n"
    "| 201 | Created |\n| 409 | Duplicate order |\n\n## Error Handling\n\n| Category | Examples | Action |\n"
    "|---|---|---|\n| Transient | 429, 503 | Retry with backoff |\n"
    "| Permanent | 400, 401, 409 | Dead-letter (409: treat as success, the order exists) |\n",
    default_enabled=False,
    cases=(
        Case(Severity.ERROR, "an error status a contract lists that no error category handles (one finding a "
             "contract): the spec contradicts itself", "Errors are classified (transient, permanent, partial) with "
             "specific handling for each", "quality checklist"),
    ),
)
def status_code_unhandled(spec, options):
    if not spec.errors:
        return  # IS401 reports the missing classification
    handled = set()
    for category in spec.errors:
        for part in (category.name, category.examples, category.action):
            if part is not None:
                handled |= handled_codes(part.text)
    families = {_family(code) for code in handled if isinstance(code, int)} | {c for c in handled if isinstance(c, str)}
    seen = set()
    for contract in spec.contracts:
        listed = {status.code for status in contract.status_codes if status.listed}
        unhandled = []
        for status in contract.status_codes:
            code = status.code
            if listed and code not in listed:
                continue  # mentioned in prose but missing from the contract's list: IS205 reports it
            if code < 400 or code in seen or code in handled or f"{code // 100}xx" in handled:
                continue
            if code in _OBVIOUS and _family(code) in families:
                continue  # a kind the classification covers: "Permanent: 400, 403, 422" covers a 413
            if spec.speaks_of("category", [str(code)], status.span, elsewhere=True):
                continue  # "Permanent failures are `400`, `409` and `422`" in words the category reader did not take
            if status.meaning is not None and (UNREAD["transient"].search(status.meaning.text) or
                                               UNREAD["permanent"].search(status.meaning.text)):
                continue  # "409: Tree already sold (permanent; triggers the refund flow)": its meaning names its class
            if not status.listed and spec.speaks_of("repeat_handled", [str(code)], status.span):
                continue  # "an older status gets `409 InvalidTransition`, which we treat as already done": taken in passing
            if spec.speaks_of("status_handled", [str(code)], status.span):
                continue  # "a stale `If-Match` gets `412`; the tablet refetches the bale": what the caller does, beside it
            if status.meaning is not None and (CUES["repeat_handled"].search(status.meaning.text) or CUES[
                    "idempotency"].search(status.meaning.text) and spec.speaks_of("repeat_handled", [str(code)], status.span)):
                continue  # "`409` if the `event_id` was already processed (treated as delivered)": a repeat's answer,
                # handled by the idempotency design; a bare "409 Duplicate order" says not what the caller does
            seen.add(code)
            unhandled.append(status)
        if unhandled:
            yield _unhandled(contract, unhandled)


def _unhandled(contract, statuses) -> Hit:
    """One finding a contract, naming each status no category handles (each a gap, for counting)."""
    codes = [str(status.code) for status in statuses]
    if len(codes) == 1:
        message = (f"status {codes[0]} of {contract.subject} is handled by no error category: add it to the "
                   "transient, permanent or partial category with its action")
        span = statuses[0].span
    else:
        message = (f"statuses {and_list(codes)} of {contract.subject} are handled by no error category: add each "
                   "to the transient, permanent or partial category with its action")
        span = contract.span
    return Hit(span, message, gaps=tuple(f"status {code}" for code in codes), subject=contract.subject)


# codes whose handling follows from their kind; a 409, 412 or 423 can mean "done already", "wait" or
# "fetch and retry", so the classification must name it
_OBVIOUS = frozenset({400, 401, 403, 404, 405, 406, 410, 411, 413, 414, 415, 422, 500, 502, 503, 504})


def _family(code: int) -> str:
    """4xx (a client error: permanent), 5xx, or the transient client codes (408, 429) on their own."""
    if code in (408, 429):
        return str(code)
    return f"{code // 100}xx"


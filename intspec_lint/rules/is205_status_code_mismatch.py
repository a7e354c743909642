import re

from ..findings import Severity
from ..rule import Case, rule
from ..model import given
from ..gaps import and_list
from ._common import gap
from ..reading.idempotency import says_repeat


@rule(
    code="IS205",
    name="status-code-mismatch",
    checklist="contract-examples",
    severity=Severity.ERROR,
    summary="An example answers with a status code its contract's status code list leaves out, or an error code "
    "is listed without a meaning.",
    rationale="The status code list is what the client's error handling is written from. An example that answers "
    "with a code the list leaves out shows a code nobody handles; a code listed without its meaning in this "
    "integration tells the client nothing about what to do. A code said in a sentence (\"returns 409 when the "
    "order exists\") is not asked into the list: the sentence gives its meaning, and which call a sentence "
    "elsewhere speaks of (an amendment, an edge case, a worked exercise) cannot be told for sure. A success code "
    "(2xx) shown over an example, where the list gives no success of a first call (it holds only the errors, a "
    "partial success's 207, or \"`200` for a repeated key\"), says its own meaning, so it is not asked for either.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n```http\nHTTP/1.1 409 Conflict\n"
    "Content-Type: application/json\n\n{\"error\": \"duplicate order\"}\n```\n\n"
    "| Status | Meaning |\n|---|---|\n| 201 | Order accepted |\n| 400 | Invalid order |\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n```http\nHTTP/1.1 409 Conflict\n"
    "Content-Type: application/json\n\n{\"error\": \"duplicate order\"}\n```\n\n"
    "| Status | Meaning |\n|---|---|\n| 201 | Order accepted |\n| 400 | Invalid order |\n"
    "| 409 | Duplicate: the first response is returned |\n",
    cases=(
        Case(Severity.ERROR, "a status code a contract's example answers with but its list leaves out, or a code "
             "listed without its meaning; one finding a contract", "Status codes — Every expected code with its "
             "meaning in this integration's context", "template, 3. API Contracts"),
    ),
)
def status_code_mismatch(spec, options):
    for contract in spec.contracts:
        listed = {s.code for s in contract.status_codes if s.listed}
        if not listed:
            continue
        # the successes the list gives a first call: "200 for a repeated key" answers another call than the example's
        first = {s.code for s in contract.status_codes if s.listed and _success(s) and s.code != 207 and not (
            s.meaning is not None and says_repeat(s.meaning.text))}  # nor a partial success's 207
        unlisted = []
        for status in contract.status_codes:
            if _success(status) and not first:
                continue  # the list is of errors, or of a repeat's answer: "→ 201 Created" over the example says itself
            if status.shown and status.code not in listed and status.code not in {s.code for s in unlisted} and \
                    not _told_elsewhere(spec, status.code):
                unlisted.append(status)
        if unlisted:
            yield gap(unlisted[0].span, contract.subject, f"{_codes(unlisted)} shown in an example but not in its "
                      "status code list", "add each to the list with its meaning in this integration",
                      anchor=contract.span)
        unexplained = [s for s in contract.status_codes
                       if s.listed and not _success(s) and s.meaning is not None and not given(s.meaning)]
        if unexplained:
            yield gap(unexplained[0].span, contract.subject, f"{_codes(unexplained)} listed without a meaning",
                      "say what each means here and what the client does", anchor=contract.span)


def _told_elsewhere(spec, code: int) -> bool:
    """The document says what the code means in words no contract's list took: "Partial failures | Flow B answered
    `207` with per-PCN results: accepted PCNs are done; each rejected PCN is re-sent" in a table of concerns."""
    if spec.testimony is None:
        return False
    named = re.compile(rf"(?<![\w.])`?{code}`?(?![\w.%])")
    return spec.testimony.states(named.search, _MEANING.search, headed=False) is not None


_MEANING = re.compile(r"\b(?:answer(?:s|ed)?|respond(?:s|ed)?|returns?|returned|replies|repl(?:y|ied)\s+with|means?|"
                      r"signals?)\b[^.;|]{0,40}\b(?:with|when|if|for|that|because)\b", re.I)


def _success(status) -> bool:
    return 200 <= status.code < 300


def _codes(statuses) -> str:
    """"status 409", "statuses 409 and 429"."""
    codes = [str(status.code) for status in statuses]
    return f"status {codes[0]}" if len(codes) == 1 else f"statuses {and_list(codes)}"

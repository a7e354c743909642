"""Where a call starts among a section's statements: a request line or a `curl` command in a block, a statement that
opens with its endpoint; not a call one sentence narrates while handling another, a step led by a condition, or a
request example of an endpoint named just above it. contract_units.py cuts a section into units at these starts."""

from __future__ import annotations

import re

from ..document.model import Code
from ..span import Span
from .lazy_re import lazy
from .statements import Statement
from .topics import METHOD_URL

_CURL = lazy(r"^\$?\s*curl\b")  # "curl -X POST https://...": a call written out as a command
_COMMENT_MARK = lazy(r"^\s*(?://|#|--)\s*")
_REQUEST_LINE = lazy(r"^\s*(?:(?://|#|--)\s*)?(?:GET|POST|PUT|PATCH|DELETE)\s+/?\S+")
# "2. Delete the hearing mapping DELETE https://...", "5. Repair hearing outcome POST https://...": an imperative step
# with a bare method and URL, as a runbook writes it (a spec writes `POST /x` in code, or "Method: POST ...")
PROCEDURE_STEP = lazy(r"^\W*(?:\d+[.)]\s*)?(?!(?:The|A|An|Our|Their|This|These|Each|Every|It|We|They|You)\b)[A-Z][a-z]+\s+"
                      r"[^:`\n]{0,60}?\b(?:GET|POST|PUT|PATCH|DELETE)\s+https?://")
# a sentence led by a condition or a time: what a call does then, not a call of its own
_CONDITION_LEAD = lazy(r"^\W*(?:after|if|when|whenever|once|before|then|unless|until|on\s+(?:a|an|the|each|every)\b|"
                       r"in\s+case|should)\b", re.I)
# a verb of calling right before a call: "loan-bridge calls Koha's `POST ...`", "then reads the patron with"
_NARRATED = lazy(r"\b(?:then\s+)?(?:calls|reads|fetches|queries|posts\s+to|looks\s+up)\s+(?:[\w-]+(?:'s|’s)?\s+){0,2}`?$",
                 re.I)


def one_call_each(statement: Statement) -> list[Statement]:
    """A block that writes several calls one after the other, each a block of its own (so that each joins
    the contract of its endpoint); an answer alone after them ("→ 422 {...}") stays with the last, and
    what stands before the first call is a piece of its own."""
    lines = statement.code.text.split("\n")
    starts = [i for i, line in enumerate(lines) if _REQUEST_LINE.match(line)]
    if len(starts) < 2 and not (starts and any(line.strip() for line in lines[:starts[0]])):
        return [statement]
    if any(line.strip() for line in lines[:starts[0]]):
        starts.insert(0, 0)
    pieces = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        text = "\n".join(lines[start:end]).strip("\n")
        first = statement.code.first_line + start
        span = Span(first, 1, statement.code.first_line + end - 1, 1)
        code = Code(statement.code.info, text, span, first)
        pieces.append(Statement(text, span, statement.path, "code", statement.section, code=code,
                                parent=statement.parent))
    return pieces


def calls_apart(statements: list[Statement]) -> list[Statement]:
    """The section's statements with each block that writes or names several calls cut into one piece
    per call, in document order; a comment in a block then starts no endpoint of its own, the piece it
    opens does."""
    out: list[Statement] = []
    split = False
    for statement in statements:
        pieces = one_call_each(statement) if statement.shape == "code" else [statement]
        split = split or len(pieces) > 1
        out += pieces
    if not split:
        return out
    return sorted(out, key=lambda s: (s.span.line, s.shape != "code"))



BASE_SEGMENT = lazy(r"^(?:api|rest|services?|v\d+(?:\.\d+)?(?:alpha|beta)?\d*|\d{4}-\d{2}(?:-\d{2})?)$")  # `/v2`, `/2024-10`


# a URL's host, written out or as a placeholder for it: `GET {fixturebase}/v1/leagues/{league}/table`
HOST = lazy(r"^(?:https?://[^/]+|\{\{?[\w.-]+\}\}?(?=/)|<[\w.-]+>(?=/)|\$\{?\w+\}?(?=/))")


def shows(endpoint: Statement, code: Statement) -> bool:
    """The code block's request line has the endpoint's method, and its path fits the endpoint's (the
    endpoint's URL a placeholder, or the same path with values for its parameters)."""
    said, shown = METHOD_URL.search(endpoint.text), METHOD_URL.match(code.text.lstrip())
    if not said or not shown or said.group(1) != shown.group(1):
        return False
    if said.group(2).startswith("<"):
        return True
    mine = [p for p in HOST.sub("", said.group(2)).split("?")[0].split("/") if p]
    theirs = [p for p in HOST.sub("", shown.group(2)).split("?")[0].split("/") if p]
    while len(theirs) > len(mine) and BASE_SEGMENT.match(theirs[0]):
        theirs = theirs[1:]  # `GET /v2/permits/FV-2024-00317` under "Base URL .../v2": the same call
    return len(mine) == len(theirs) and all(a == b or a.startswith(("{", "<", ":")) or _fits_segment(a, b)
                                            for a, b in zip(mine, theirs))


def _fits_segment(declared: str, shown: str) -> bool:
    """A path segment with a parameter inside ("WN-{test_id}") and one with its value ("WN-90071992")."""
    if "{" not in declared:
        return False
    pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in re.split(r"(\{[^}]*\})", declared))
    return re.fullmatch(pattern, shown) is not None


EXAMPLE_LEAD = lazy(r"^\W*(?:(?:request|response|example|sample|for example|curl)\b|e\.g\.|eg\b)", re.I)


def starts_endpoint(statement: Statement) -> bool:
    """A statement that opens with an endpoint: "`POST /v1/orders` creates ...", "`invoice-create`: `POST ...`",
    or a request example of its own (```http POST https://... ```); not "Request: `GET /v1/orders/7`"."""
    if statement.shape == "code":  # a call written out (```http, or the request line over a JSON body), or a
        # program block's comment naming the call its declarations are for
        text = _COMMENT_MARK.sub("", statement.text.lstrip(), count=1)
        curl = _CURL.match(text)  # "curl -X POST https://...": a call written out as a command
        return bool(METHOD_URL.match(text) or curl and METHOD_URL.search(text, curl.end(), curl.end() + 200))
    if statement.parent is not None and statement.parent.shape == "code":
        return False  # a comment in a block: the block's piece it opens is the start
    if statement.shape not in ("item", "line", "sentence") or EXAMPLE_LEAD.match(statement.text):
        return False
    if narrates_calls(statement):
        return False  # "loan-bridge calls Koha's `POST /validation` ..., then reads the patron with `GET ...` and
        # answers:": the steps of the call being told, not a call of its own
    first = statement.text.split("\n", 1)[0]
    if statement.key and statement.value and first.rstrip(" :*") == statement.key.strip(" *"):
        # "Returns endpoint⏎:   `POST /.../returns`": a term over its definition, the definition's first line
        first = f"{statement.key}: {statement.value.lstrip().split(chr(10), 1)[0]}"
    if statement.key and statement.value and not METHOD_URL.search(statement.key):
        # "4.2 **Guild roster.** ParishPortal shall send⏎`PUT https://...`": a clause's label, then the call its
        # sentence opens with, wrapped onto the next line
        first = " ".join(statement.value.split("\n", 2)[:2])
    match = METHOD_URL.search(first)
    return match is not None and match.start() <= 40 and not PROCEDURE_STEP.match(first) and \
        not (match.start() and _CONDITION_LEAD.match(first)) and \
        not retired(first[match.end():])  # "After a `412` X re-reads with `GET ...`": a step; "`POST /v1/x` is removed"


# a call said to be gone: "`POST /api/v1/feedings` (one log per call) is removed", "... every minute is replaced by the
# webhook", "deprecated": history in a changelog, no contract of the design
_RETIRED = lazy(r"^[^.;]{0,80}?\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?(?:removed|retired|replaced|"
                r"withdrawn|deprecated|dropped|gone|switched\s+off|decommissioned|superseded)\b|^[^.;]{0,40}?\bno\s+longer\b", re.I)


# ... or the object of a change a changelog lists: "Added `enclosure_code` to `GET /api/v1/diets`"
_CHANGED = lazy(r"^\W*(?:added|removed|fixed|changed|renamed|deprecated|moved|dropped)\b[^.;]{0,60}?\b(?:to|in|from|on|of)"
                r"\s*`?$", re.I)


def retired(after: str, before: str = "") -> bool:
    """The call between `before` and `after` is said to be gone, or is what a change log entry changed."""
    return bool(_RETIRED.search(after) or before and _CHANGED.search(before))


def narrates_calls(statement: Statement) -> bool:
    """A sentence that tells the calls made while handling another ("X calls Y's `POST ...`, then reads ... with
    `GET ...`"): two calls or more, the first after a verb of calling."""
    first = statement.text.split("\n", 1)[0]
    match = METHOD_URL.search(first)
    return match is not None and bool(_NARRATED.search(first, 0, match.start())) and \
        len(METHOD_URL.findall(statement.text)) >= 2

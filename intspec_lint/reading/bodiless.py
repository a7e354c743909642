"""A message shown whole without a body to print: a request whose body is a file's bytes or none at all ("`POST
…/cancel`, no body."), a response that is its status ("204 No Content"), one described by its status and media type,
or one that echoes what was sent ("→ `200` with the assignment"). Each stands as the contract's example."""

from __future__ import annotations

import re

from ..model import Contract, Example
from .lazy_re import lazy
from .statements import Statement
from .values import value

_NO_BODY = lazy(r"\b(?:204|205|304)\b(?:\s*`)?\s*(?:No Content|Reset Content|Not Modified)?|\b(?:empty|no)\s+(?:response\s+)?"
                r"body\b", re.I)
_ECHOED = lazy(r"(?:\b(?:response|returns?|answers?|responds?|replies)|→|->|=>)\s*(?:with\s+)?`?[1-5]\d\d`?(?:\s+[A-Z][a-z]+)?\s+"
               r"(?:with|and|carrying)\s+(?:the|its)\s+(?:(?:updated|created|stored|new|same|full|whole|changed|current)\s+)?"
               r"[\w-]+|(?:\b(?:answers?|returns?|responds?(?:\s+with)?|replies(?:\s+with)?)|→|->|=>)\s+`?202\b", re.I)
# what a described answer adds to the resource it echoes: an id, a number, a field named in code
_MORE_THAN_ECHO = lazy(r"[^.;\n]{0,60}?(?:`[^`;\n]+`|\b(?:ids?|identifiers?|numbers?|references?|refs?|keys?|urls?|links?|"
                       r"tokens?|points?|totals?|counts?|scores?)\b)", re.I)
_DESCRIBED = lazy(r"\b(?:response|returns?|answers?)\b[^.]{0,40}?\b[1-5]\d\d\b[^.]{0,60}?content-type\s*:\s*`?"
                  r"([\w.+-]+/[\w.+-]+)", re.I)


# a request whose body is a file's bytes (a PDF, an image): no text can show it, the call line is its example
_BINARY_REQUEST = lazy(r"content-type:\s*`?\s*((?:application/(?:pdf|octet-stream|zip|gzip)|image/|audio/|video/)[\w.+-]*)"
                       r"|\bbody\s*(?:is\s*|:\s*)(?:the\s+)?(?:raw\s+)?(pdf|binary|file|image|zip)\b", re.I)


# a call said to send nothing: "`POST …/jobs/{id}/cancel`, no body.", "cancel request, empty body", "an empty POST"
_EMPTY_REQUEST = lazy(r"^[^\n]*\b(?:POST|PUT|PATCH)\b[^\n]*?(?:\b(?:no|empty|without\s+a|with\s+no)\s+(?:request\s+)?body\b|"
                      r"\bbody\s*:\s*(?:none|empty)\b)|\bempty\s+(?:POST|PUT|PATCH)\b"
                      # "Sent with the current token, an empty body and `Idempotency-Key: ...`": the call, told in prose
                      r"|^\W*(?:it\s+is\s+|is\s+)?sent\s+with\b(?:(?!\b(?:reply|response|callback|answer)\b)[^.;\n]){0,60}?"
                      r"\b(?:an?\s+)?(?:empty|no)\s+(?:request\s+)?body\b", re.I)
_STATUS_BEFORE = lazy(r"\b[1-5]\d\d\b")


def binary_request(contract: Contract, statements: list[Statement]) -> None:
    """A request whose body is said to be a file's bytes ("`Content-Type: application/pdf`. Body: PDF bytes."), or
    said to be none on its call's line ("`POST …/cancel`, no body."): the whole request, shown by its call line,
    with no body to print."""
    for statement in statements:
        match = _BINARY_REQUEST.search(statement.text)
        if match:
            media = match.group(1) or f"({match.group(2).lower()} bytes)"
            contract.examples.append(Example("request", media, "", statement.span, first_line=statement.span.line))
            return
    for statement in statements:
        match = _EMPTY_REQUEST.search(statement.text)
        if match and not _STATUS_BEFORE.search(_code_spans_out(match.group(0))):  # not a response's "204, no body"
            contract.examples.append(Example("request", "none", "", statement.span, first_line=statement.span.line))
            return


def _code_spans_out(text: str) -> str:
    return re.sub(r"`[^`]*`", " ", text)  # a URL's digits are no status


def bodyless_response(contract: Contract, statements: list[Statement]) -> None:
    """ "204 No Content": the whole response, with no body to show; or a response described concretely
    by its status and media type ("Response `200`: `Content-Type: application/pdf`, body begins `%PDF`")."""
    for statement in statements:
        described = _DESCRIBED.search(statement.text)
        if described and "json" not in described.group(1).lower():
            contract.examples.append(Example("response", described.group(1), "", statement.span,
                                             first_line=statement.span.line))
            return
    for statement in statements:
        match = _NO_BODY.search(statement.text)
        if match:
            contract.examples.append(Example("response", "none", "", statement.span, first_line=statement.span.line))
            if contract.response_shape is None:
                contract.response_shape = value(match.group(0), statement.span)
            return
    for statement in statements:
        echoed = _ECHOED.search(statement.text)
        if echoed and not (re.search(r"\b(?:with|and|carrying)\b", echoed.group(0), re.I)
                           and _MORE_THAN_ECHO.match(statement.text, echoed.end())):
            # "→ `200` with the assignment", "answers `202` once it is queued"; not "answers `201` with the created
            # reading and its id", "with the stored result, its `result_id` and the points": a body with more, unshown
            contract.examples.append(Example("response", "echo", "", statement.span, first_line=statement.span.line))
            return


# what a success status's meaning says of a body it carries: "`201` with `{booking_id}`", "returns the order"
_BODY_SAID = lazy(r"[{\[<]|\b(?:body|json|xml|object|records?|list|array|payload|returns?|with|contains?|holds?|"
                  r"includes?|fields?|ids?)\b", re.I)


_RETURNS_BODY = re.compile(r"\b(?:returns?|responds?\s+with|answers?\s+with)\s+(?:a|an|the)\s+(?:JSON|XML|CSV|paged|paginated)?\s*"
                           r"(?:array|list|object|body|document|page|collection)\b", re.I)


def answered_by_status(contract: Contract) -> bool:
    """A call whose answer is its status alone ("| Response | `202` queued, `401` bad signature |"): no response
    body declared, no response shape but its statuses, and no success status said to carry one. The status is the
    whole answer (asked of the model, so of a YAML contract's `status_codes` too)."""
    success = [code for code in contract.status_codes if 200 <= code.code < 300]
    shape = contract.response_shape
    return (shape is None or not _BODY_SAID.search(shape.text)) and "response" not in contract.bodies and \
        bool(success) and any(code.listed for code in contract.status_codes) and \
        not any(code.meaning is not None and _BODY_SAID.search(code.meaning.text) for code in success) and \
        not any(re.search(rf"`?{code.code}`?(?:\s+[A-Z][a-z]+)?\s+(?:with|containing|carrying)\s+(?:the|its|a|an)\b",
                          contract.text) for code in success) and \
        not _RETURNS_BODY.search(contract.text)  # "answers `200` with the stored result, its `result_id`"; "Returns a JSON
    # array of applicant records: ...": a body said to come back, whatever its statuses


def says_no_body(text: str) -> bool:
    """ "Empty body (204 No Content)": a response whose whole is its status."""
    return bool(_NO_BODY.search(text))


_BODILESS_STATUS_LINE = lazy(r"^\W*(?:HTTP/\d(?:\.\d)?\s+)?(?:204|205|304)\b[^{}\[\]<>\n]*$", re.I)


def bodiless_status_line(text: str) -> bool:
    """An example that is one status line of a status that carries no body ("HTTP/1.1 204 No Content"): the whole
    response, with nothing to parse as the media type says."""
    return bool(_BODILESS_STATUS_LINE.match(text.strip()))

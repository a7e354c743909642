"""Status codes a contract lists or mentions: "Status codes: 201 (created), 409 (duplicate)", a "201
Created" written with its reason, "returns 409 when the order exists", an example's "HTTP/1.1 201"."""

from __future__ import annotations

import re

from ..model import Contract, StatusCode
from ..span import Span
from .lazy_re import lazy
from .statements import Statement
from .values import value


STATUS_LINE = lazy(r"^\W{0,3}([1-5]\d\d)\b(?![.,]\d)\s*(.*)$", re.S)


STATUS_KEY = lazy(
    r"\b(?:status(?:\s+codes?)?|(?:response|http|return|error)\s+codes?|codes)\b\s*"
    r"(?:[:—–=]|\bare\b|\binclude\b|(?=`?[1-5]\d\d\b))\s*(.*)",
    re.I,
)


_STATUS_REASON = lazy(
    r"(?<![\w.$/-])([1-5]\d\d)`?\s*(?:OK|Created|Accepted|No Content|Bad Request|Unauthori[sz]ed|Forbidden|"
    r"Not Found|Conflict|Gone|Unprocessable|Too Many Requests|Internal Server Error|Bad Gateway|"
    r"Service Unavailable|Gateway Timeout|Moved|Found|Not Modified|Payload Too Large|Precondition|"
    r"Method Not Allowed|Not Acceptable|Request Timeout|Locked|Multi-Status|Partial Content)\b",
    re.I,
)


_STATUS_LOOSE = lazy(
    r"(?<![\w.$/:{-])`?([1-5]\d\d)`?(?=\s+(?:on|for|if|when|as|and|or|means|is|are|=)\b|\s*[(:=—–])"
)


STATUS_ANY = lazy(r"(?<![\w.$/–—-])([1-5]\d\d)(?![\w.%/–—-])")  # not a range's bound: "(80–230)"


DOCUMENTED_STATUS = lazy(r"^\W*(?:response|reply|answer)\W*\s*`?([1-5]\d\d)\b[^:]{0,30}:\s*(\S.*)", re.I | re.S)


_STATUS_MENTION = lazy(
    r"\b(?:returns?|returning|respond(?:s|ed)?(?:\s+with)?|repl(?:y|ies)(?:\s+with)?|answers?(?:\s+with)?|"
    r"status(?:\s+code)?|HTTP(?:/\d(?:\.\d)?)?|gets?|receives?|sends?\s+back|fails?\s+with|"
    r"(?:refused|rejected|denied|answered|acknowledged)\s+with)\s+"
    r"(?:(?:an?|the|with|code|status|of|http)\s+){0,2}`?([1-5]\d\d)\b(?![.,]\d)"
    r"|(?<![\w.$/-])`?([1-5]\d\d)`?\s+(?:\w+\s+)?(?:is|are|gets?)\s+(?:then\s+)?"
    r"(?:returned|sent(?:\s+back)?|raised|answered|given|thrown)\b",
    re.I,
)


_CODE_SAID = lazy(r"^\W{0,3}`([1-5]\d\d)`(?:\s*/\s*`[1-5]\d\d`)*\s+[A-Za-z`(]|.*[.]\s+`([1-5]\d\d)`\s+[a-z(`]", re.S)
_ANSWERS_WITH = lazy(r"\b(?:answer(?:s|ed)?|returns?|responds?|replies|repl(?:y|ies)\s+with|respond\s+with)\s+(?:with\s+)?`?([1-5]\d\d)"
                     r"(?:\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*)?`?\s+(?:with|containing|carrying)\b")
_CODE_ALONE = lazy(r"^\W{0,3}`([1-5]\d\d)`(?:\s*/\s*`[1-5]\d\d`)*\W*$")  # "...; `500`; `503`.": listed with the rest, no meaning of its own
_CODE_LED = lazy(r"^\W{0,3}[A-Za-z][^`;]{0,60}?\s`([1-5]\d\d)`(?=\s+[A-Za-z])")  # "Curator answers F2 with `202` and ..."
_CODE_RUN = lazy(r"`[1-5]\d\d`(?:\s*/\s*`[1-5]\d\d`)*")
# a clause of a list written in prose that opens with its code: "`404` unknown journey;", "`429`;"
CODE_CLAUSE = lazy(r"^\W{0,3}`[1-5]\d\d`(?:\s*/\s*`[1-5]\d\d`)*(?:\s+[^;\n]{0,80})?[;.,]?\s*$")
_HTTP_STATUS_LINE = lazy(r"^\s*HTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b", re.M)


def status_line(contract: Contract, statement: Statement) -> None:
    """Status codes on a line: listed ("Status codes: 201 (created), 409 (duplicate)") or only
    mentioned in a sentence ("returns 409 when the order exists")."""
    text = statement.text
    span = statement.span
    listed = STATUS_KEY.search(_outside_code(text).replace("\n", " "))  # a list item wrapped over lines
    if listed:  # read from the text itself: the blanking keeps every offset
        for piece in re.split(r"[,;·]|\s\|\s", text.replace("\n", " ")[listed.start(1):listed.end(1)]):
            run = _LISTED_RUN.search(piece)  # "200/204 ok": both, with one meaning
            if run:
                meaning = piece[run.end():].strip(" `()-—–:=")
                said = value(meaning, span) if re.search(r"[A-Za-z]", meaning) else None
                contract.status_codes += [StatusCode(code, span, said) for code in codes_of_run(run.group(0))]
        return
    meant = said_codes(text)
    if meant:
        contract.status_codes.extend(StatusCode(code, span, value(meaning, span) if meaning else None)
                                     for code, meaning in meant)
        return
    found = set(listed_codes(text))
    answered = {int(m.group(1)) for m in _ANSWERS_WITH.finditer(text)}
    # "answers `201 Created` with `block_id` ...": a status given with its reason and what comes with it is
    # documented where it is said
    enumerated = len(found) >= 2  # "`201 Created` ..., `200 OK` when replayed, `400` when validation fails": a list
    contract.status_codes.extend(StatusCode(code, span, listed=enumerated or code in answered) for code in found)
    for code, offset in status_mentions(text):
        if code not in found:
            found.add(code)
            line = span.line + text.count("\n", 0, offset)
            # "returns HTTP 200, or 400 (`InvalidMessageContents`), 403 ...": one list, the first code too
            contract.status_codes.append(StatusCode(code, Span(line, 1, line, 1), listed=code in answered or enumerated))


def _outside_code(text: str) -> str:
    """The text with its inline code blanked, but for the codes themselves: a body's `status: "OK"` field
    is no list of status codes."""
    return re.sub(r"`[^`\n]*`", lambda m: m.group(0) if _CODE_RUN.fullmatch(m.group(0)) else " " * len(m.group(0)),
                  text)


# a run of codes with one meaning: "200/204", "200 or 204", "`500`/`503`"
# (not a range's bound: "(80–230)")
_LISTED_RUN = lazy(r"(?<![\w.$/–—-])`?[1-5]\d\d`?(?:\s*(?:/|\bor\b|&)\s*`?[1-5]\d\d`?)*(?![\w.%/–—-])")


_SEGMENT = lazy(r"\s[·•|]\s")


def dotted_codes(text: str) -> list[tuple[int, str]]:
    """ "201 created · 200 repeated key, original returned · 400 invalid body": codes, each with its
    meaning, in segments a middle dot (or a bar) separates; [] unless two segments at least open with a code."""
    found = [(int(m.group(1)), m.group(2).strip(" .;")) for m in map(STATUS_LINE.match, _SEGMENT.split(text)) if m]
    return found if len(found) >= 2 else []


def codes_of_run(text: str) -> list[int]:
    """The codes of "200/204" or "200 or 204" (one meaning for all)."""
    return [int(code) for code in re.findall(r"[1-5]\d\d", text)]


def codes_in_cell(text: str) -> list[int]:
    """The codes a status table's code cell gives: "201", "200 or 204", "`500`/`503`"."""
    run = _LISTED_RUN.match(text.strip(" *"))
    return codes_of_run(run.group(0)) if run else []


def listed_codes(text: str) -> list[int]:
    """Status codes a line lists: after "Status codes:", or written with their reason ("201 Created")."""
    listed = STATUS_KEY.search(_outside_code(text))  # not a body's own `status:` field
    if listed:
        return [int(code) for code in STATUS_ANY.findall(text[listed.start(1):listed.end(1)])]
    with_reason = [int(code) for code in _STATUS_REASON.findall(text)]
    if with_reason:
        return with_reason
    loose = [int(code) for code in _STATUS_LOOSE.findall(text)]
    return loose if len(set(loose)) >= 2 else []


def said_codes(text: str) -> list[tuple[int, str]]:
    """(code, meaning) of codes listed with their meanings in a sentence: "`204` cancelled; `404` not found,
    which we treat as done"; two at least."""
    said = []
    # sentences that open with a code too, and a comma before the next code ("also `401` token invalid, `404` ...")
    for piece in re.split(r";\s*|\s[·•|]\s|(?<=[a-z)])\.\s+(?=`[1-5]\d\d`)|,\s*(?=`[1-5]\d\d`)", text):
        # a code with its meaning; the list's lead ("Responses: `201` created ..."); a code alone in the list
        match = _CODE_SAID.match(piece) or _CODE_LED.search(piece) or _CODE_ALONE.match(piece)
        if match:
            code = match.group(1) or match.group(2)
            run = _CODE_RUN.match(piece, piece.index(f"`{code}`"))  # "`500`/`503` ShareNet fault": both
            meaning = piece[run.end():].strip(" .")
            meaning = meaning if re.search(r"[A-Za-z]", meaning) else ""  # "`500`, `503`": no meaning of its own
            said += [(int(each), meaning) for each in re.findall(r"[1-5]\d\d", run.group(0))]
    return said if len({code for code, _ in said}) >= 2 else []


def status_mentions(text: str) -> list[tuple[int, int]]:
    """(code, offset) of status codes a sentence mentions: "returns 409", "HTTP 503", "status 422",
    "a 409 is returned"."""
    return [(int(m.group(m.lastindex)), m.start(m.lastindex)) for m in _STATUS_MENTION.finditer(text)]


def example_status(text: str) -> tuple[int, int] | None:
    """(code, line offset) of an HTTP example's status line ("HTTP/1.1 201 Created")."""
    match = _HTTP_STATUS_LINE.search(text)
    return (int(match.group(1)), text.count("\n", 0, match.start())) if match else None

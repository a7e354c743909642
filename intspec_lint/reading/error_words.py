"""An error class's words: the status codes a class names ("429", "5xx", "rate limit"), what it holds (passing
failures, client errors, a batch partly failed) and what is done with it (retried, parked, not tried again). The
error reader (`errors.py`) sorts the classes a document tells by these; the status-code rule asks them which codes a
classification handles."""

from __future__ import annotations

import re

from .lazy_re import lazy
from .vocabulary import strip_numbering

_ACTION = lazy(
    r"\b(retr(?:y|ies|ied)|re-?transmit\w*|back-?off|alert\w*|dead[- ]?letter\w*|dlq|reject\w*|drop\w*|discard\w*|skip\w*|"
    r"log\w*|park\w*|quarantin\w*|send|sent|re-?sen[dt]\w*|delet\w*|route\w*|move\w*|process\w*|re-?process\w*|fix\w*|"
    r"escalat\w*|notify|page|return\w*|respond\w*|abort\w*|stop\w*|pause\w*|raise\w*|report\w*|replay\w*|"
    r"requeue\w*|re-?queue\w*|re-?submit\w*|correct(?:s|ed|ing)\b|correct\s+(?:it|them|the|each)\b|amend\w*|resolv\w*|split\w*|accept\w*|ignore\w*|mark\w*|open\w*|halt\w*|block\w*|"
    r"keep\w*|post\w*|re-?check\w*|check\w*|wait\w*|hold\w*|queue\w*|creat\w*|emit\w*|publish\w*|schedul\w*|"
    r"ack\w*|nack\w*|apply|applie\w*|commit\w*|roll\w*|undo\w*|compensat\w*|email\w*|"
    r"continue\w*|manual\w*|ticket\w*|flag\w*|store\w*|write\w*|refresh\w*|re-?authenticat\w*|give\w*\s+up|"
    r"surface\w*|show\w*|notif\w*|inform\w*|contact\w*|tr(?:y|ies|ied)\s+again|re-?attempt\w*|"
    r"go(?:es)?\s+(?:straight\s+|directly\s+)?(?:to|into)|leaves?|succe(?:ss|sses|ssful)|treat\w*\s+as|"
    r"nothing\s+to\s+do|no[- ]?op|(?:are|is)\s+repeated|"

    # an action told by pointing at where it is told: "F4 batches, handled per `change_id` as above"
    r"handled\s+per\s+[`\w]|handled\s+(?:[\w`-]+\s+){0,3}?as\s+(?:described\s+)?(?:above|below)|see\s+(?:above|below|section|§))\b",
    re.I,
)
_CODE_WORDS = (
    (r"rate[- ]?limit\w*|throttl\w*|too many requests", (429,)),
    (r"time-?outs?|timed out", (408, 504)),
    (r"unauthori[sz]ed|authentication fail\w*|invalid (?:token|credentials?)|expired token", (401,)),
    (r"forbidden|permission|not allowed|access denied", (403,)),
    (r"not found|unknown (?:id|resource|record)|missing resource", (404,)),
    (r"conflict|duplicate\w*|already exists", (409,)),
    (r"validation|invalid (?:request|payload|input|data)|malformed|bad request|schema", (400, 422)),
    (r"unprocessable", (422,)),
    (r"server errors?|internal error", (500,)),
    (r"bad gateway", (502,)),
    (r"unavailable|maintenance|overloaded", (503,)),
    (r"gateway time-?out", (504,)),
    (r"gone", (410,)),
    (r"payload too large|too large", (413,)),
)
_CODE_WORD = lazy("|".join(f"(?P<w{i}>\\b(?:{words})\\b)" for i, (words, _) in enumerate(_CODE_WORDS)), re.I)
_CODE = lazy(r"(?<![\w.$/-])([1-5]\d\d|[1-5]xx)s?(?![\w%/]|-\d)", re.I)  # "401-after-refresh" is 401
_CODE_LIST = lazy(r"(?<![\w/])[1-5]\d\d(?:/[1-5]\d\d)+(?![\w/])")  # "502/503/504"
_CODE_RANGE = lazy(r"\b([1-5]\d\d)\s*[-–]\s*([1-5]\d\d)\b")
_ANY_4XX = lazy(r"\b(?:any\s+other|all\s+other|every\s+other|other)\s+(?:4xx|client|non-?retryable)|\bremaining\s+4xx\b",
                re.I)

SOME_BUT_OTHERS = (r"\bsome\s+(?:[\w-]+\s+){1,3}?(?:went|got|are|were)\s+(?:up|through|in|accepted|stored|saved|sent)\b"
                    r"[^.;?]{0,30}?\b(?:others?|the\s+rest)\s+(?:didn'?t|did\s+not|weren'?t|were\s+not|failed)\b")
# a batch's items dealt with one at a time, each its own outcome: "each message is handled on its own", "each boat in
# `errors` is set aside individually"; the batch never failed as a whole ("the whole file is never resent", "one bad
# booking never holds up the other 49"); or both outcomes told side by side ("Good rows are saved, rejected rows are
# listed", "201 items leave the outbox, 5xx items stay in it", "the ones that succeed are deleted, the ones that fail go
# back to the queue")
_ONE_BY_ONE = (r"\beach\s+(?:[\w`'-]+\s+){0,3}?(?:is|are|gets?)\s+(?:[\w'-]+\s+){0,4}?(?:on\s+its\s+own|individually|"
               r"separately|by\s+itself)\b"
               r"|\b(?:never|not)\s+(?:[\w-]+\s+){0,2}?as\s+a\s+whole\b|\bwhole\s+(?:batch|file|run|list|upload|request|page)\s+"
               r"(?:is|gets)\s+never\b|\bnever\s+holds?\s+up\s+the\s+(?:others?|rest)\b"
               r"|\b(?:good|valid|successful|accepted|matched|2\d\d|2xx)\s+(?:[\w-]+\s+)?(?:are|is|stay|stays|leave|leaves|"
               r"remain|go|goes|get|gets)\b[^.]{0,80}?\b(?:bad|invalid|failed|failing|rejected|refused|unmatched|[45]xx|"
               r"[45]\d\d)(?:/\w+)*\s+(?:[\w-]+\s+)?(?:are|is|stay|stays|go|goes|move|moves|get|gets|remain)\b"
               r"|\bthe\s+ones\s+that\s+succeed\w*\b[^.]{0,60}?\bthe\s+ones\s+that\s+fail"
               # the failed ones dealt with one at a time: "items with a hard error are rejected individually",
               # "failures are re-queued one by one"
               r"|\b(?:rejected|refused|handled|retried|re-?sent|set\s+aside|parked|treated|re-?queued|listed|held)\s+"
               r"(?:individually|one\s+by\s+one|separately|on\s+(?:its|their)\s+own)\b"
               # ... said actively: "issues a ticket for every payment it can and logs the rest one by one"
               r"|\b(?:logs?|lists?|parks?|handles?|rejects?|retries|re-?sends?|reports?|flags?)\s+(?:the\s+(?:rest|others)|"
               r"them|each\s+(?:failed\s+|bad\s+)?[\w-]+)\s+(?:individually|one\s+by\s+one|separately)\b"
               # the good part kept while the rest is dealt with: "we keep the confirmed lines and flag the rest", "the
               # other rows are still written"
               r"|\bkeeps?\s+the\s+(?:[\w-]+\s+){1,2}?and\s+[\w-]+\s+the\s+(?:rest|others)\b"
               r"|\bthe\s+(?:rest|others|other\s+[\w-]+)\s+(?:[\w-]+\s+){0,3}?(?:are|is)\s+still\s+(?:written|processed|stored|"
               r"saved|applied|sent|loaded|imported|accepted)\b"
               # the good part kept and the bad one named back, side by side: "stores the matched reads and answers
               # `207` with the unmatched ids", "loads the valid rows and lists the invalid ones"
               r"|\b(?:stores?|keeps?|saves?|applies|accepts?|loads?|commits?|writes?|books?)\s+the\s+(?:matched|valid|good|"
               r"accepted|successful|correct)\s+(?:[\w-]+\s+)?(?:items|records|rows|lines|entries|reads|readings|events|"
               r"messages|ones)\b[^.]{0,80}?\b(?:unmatched|invalid|bad|rejected|failed|refused)\b"
               # one bad part never stops the others: "an item that cannot be matched does not stop the run: it goes to
               # the rejects, every other item is applied"
               r"|\b(?:does\s+not|doesn'?t|never|will\s+not|won'?t)\s+(?:stop|fail|block|abort|halt|hold\s+up)\s+the\s+"
               r"(?:whole\s+|entire\s+|rest\s+of\s+the\s+)?(?:run|batch|file|import|export|job|upload|sync|load)\b"
               r"[^.]{0,120}?\b(?:every|each|all)\s+(?:the\s+)?others?\s+(?:[\w-]+\s+)?(?:is|are)\s+(?:still\s+)?"
               r"(?:applied|processed|stored|saved|written|loaded|imported|accepted|sent)\b")
ONE_BY_ONE = lazy(_ONE_BY_ONE, re.I)
# ... said of a group's parts: a batch, a file, a page, its rows, lines, items or messages (not "failed calls are logged
# at ERROR", "valid tokens are cached", "each retry is logged separately")
GROUP = lazy(r"\b(?:batch\w*|bulk|207|multi-?status|files?|pages?|manifests?|uploads?|items|rows|lines|records|entries|"
             r"messages|(?:every|each)\s+other\s+(?:item|row|line|record|entry|message))\b", re.I)
PART_FAILS = lazy(SOME_BUT_OTHERS + r"|\bsome\s+(?:[\w-]+\s+){0,3}?(?:done|worked|through|accepted|stored|sent)\b[^.;]{0,20}?"
                  r"\b(?:some|others?|the\s+rest)\s+(?:not|failed|refused|rejected)\b"  # "Some costumes done, some not"
                  r"|\bsome\s+(?:[\w-]+\s+){0,2}?in\b[^.;]{0,10}?\bsome\s+(?:[\w-]+\s+)?out\b"  # "Some children in, some out"
                  r"|\bpart(?:ial\w*|ly)?[\s-]+(?:worked|succeeded|failed|accepted|done)|\bhalf[\s-]+(?:worked|succeeded|done)\b"
                  r"|\b(?:went|go(?:es)?|got|worked|succeeded|accepted)\s+(?:through\s+)?in\s+part\b|\bsome\s+(?:of\s+the\s+)?(?:\w+\s+)?"
                  r"(?:rows?|records?|items?|events?|lines?|entries|messages|members?)\s+(?:fail|are\s+rejected|are\s+refused)"
                  # some of one batch's items, whatever they are: "only some donations in a batch are rejected"
                  r"|\bsome\s+(?:[\w-]+\s+){1,3}(?:in|of|from)\s+(?:a|an|the|one|its)\s+(?:[\w-]+\s+)?(?:batch|file|run|"
                  r"request|upload|push|export|import)\b[^?.;]{0,30}?\b(?:fail\w*|(?:are|is|get|gets|were)\s+(?:rejected|"
                  r"refused|invalid|bounced))\b"
                  # "some `PUT`s fail and others succeed", "some hives are refused, the rest go through"
                  r"|\bsome\s+(?:[\w`'-]+\s+){0,3}?(?:fail\w*|(?:are|is|get|were)\s+(?:rejected|refused))\b[^.;?]{0,40}?"
                  r"\b(?:others?|the\s+rest)\s+(?:succeed\w*|work\w*|go\s+through|went\s+through|pass\w*|(?:are|were)\s+(?:accepted|stored))"
                  r"|\b207\b", re.I)
# a partial failure told in a sentence, not named as a class
PARTIAL_TOLD = lazy(r"\bpartial(?:ly)?\s+(?:failures?|success(?:es)?|failed|succeeded|results?|outcomes?|acceptance|accepted|"
                     r"rejections?|rejected)\b"
                     r"|\bsucceeds?\s+for\s+some\b[^.;]{0,80}?\bfails?\b|\bsome\s+(?:[\w`'-]+\s+){0,3}?succeed\w*\b[^.;]{0,60}?"
                     r"\bothers?\s+(?:fail|did\s+not|didn'?t)|\bthe\s+other\s+(?:entries|records|rows|items|lines|messages)\b[^.;]{0,60}?\bonly\b"
                     # "handled one by one: the rest of the batch is kept as created, each failed invoice ..."
                     r"|\bsome\s+(?:[\w-]+\s+){0,2}(?:are|is)\s+(?:fine|ok|okay|good|valid|accepted)\b[^.;]{0,40}?\bothers?\s+"
                     r"(?:are\s+not|aren't|fail|are\s+rejected)\b"  # "If some days are fine and others are not, we keep ..."
                     r"|\b(?:the\s+)?accepted\s+(?:[\w-]+\s+)?(?:stand|stay|remain|are\s+kept)\b[^.]{0,80}?\brejected\b"
                     r"|\bkeeps?\s+the\s+(?:[\w-]+\s+)?(?:items|records|rows|entries|lines|events|ones)\s+(?:that\s+)?"
                     r"(?:succeeded|worked|passed|were\s+accepted)\b[^.]{0,80}?\bfail"  # "keeps the items that succeeded, and
                     # handles each failed item on its own"
                     r"|\bthe\s+rest\s+of\s+the\s+(?:batch|file|run|request|message|list)\b[^.;]{0,40}?\b(?:is\s+|are\s+)?"
                     r"(?:kept|stored|created|accepted|applied|processed|committed)\b"
                     # both outcomes of one batch told item by item: "For a bulk request, items with `2xx` are accepted;
                     # each failed item is logged and re-sent"
                     r"|\b(?:bulk|batch(?:ed)?)\b[^.]{0,60}?\b(?:items?|records?|rows?|lines?|entries)\b[^.]{0,40}?"
                     r"\b(?:accepted|succeed\w*|created|kept|applied|2xx)\b[^.]{0,60}?\b(?:each|every|any|the)\s+"
                     r"(?:failed|failing|rejected)\s+(?:items?|records?|rows?|lines?|entries)\b", re.I)
def partial_with_207(text: str) -> bool:
    """Some items of a call told failing beside its `207`: a partial failure, whatever section tells it."""
    return bool(re.search(r"\b207\b", text)) and bool(PARTIAL_TOLD.search(text))

AGAIN_LATER = lazy(r"\b(?:retr(?:y|ies|ied)|tr(?:y|ies|ied|ying)\s+again|re-?tr(?:y|ied)|back\s*off|re-?sen[dt]\w*|"
                   r"sen[dt]s?\s+again|"
                    r"(?:sent|posted|pushed|called|delivered)\s+again|another\s+(?:try|go|attempt)|"
                    # a class named by its passing: "may clear by itself", "goes away on its own"
                    r"(?:clear\w*|go(?:es)?\s+away|pass(?:es)?)\s+(?:up\s+)?(?:by|on)\s+(?:itself|its\s+own))\b", re.I)
# what is done with a class that is not tried again: "No further tries; straight to the list", "parked", "dead-lettered"
_NOT_AGAIN = (r"^\W*stop\b|\b(?:no\s+retr\w*|not\s+retr\w*|never\s+retr\w*|don'?t\s+(?:bother\s+)?retry\w*|without\s+retr\w*|"
              r"straight\s+to|give\s+up|no\s+(?:more|further)\s+(?:tries|attempts|retries)|"
              r"dead[- ]?letter\w*|dlq|park\w*|quarantin\w*|reject\w*|alert\w*|manual\w*)\b")
# what trying again cannot mend: "waiting does not fix a `422`"
WONT_FIX = (r"(?:waiting|retrying|trying\s+again|time|a\s+retry|another\s+try)\s+(?:does\s+not|doesn'?t|cannot|can'?t|"
            r"won'?t|will\s+not)\s+fix")
_NO_RETRY = lazy(_NOT_AGAIN + r"|\b(?:stuck|"
                 # "Trying again won't help", "no point retrying": said to be of no use
                 r"(?:won'?t|will\s+not|wouldn'?t|does\s+not|doesn'?t|can'?t|cannot)\s+help|no\s+point|pointless|"
                 # "Not sent again", "never tried again": the same call not made twice
                 r"(?:not|never)\s+(?:\w+\s+)?(?:sent|tried|posted|pushed|called|delivered|attempted)\s+again|"
                 # a class named by its lasting: "Won't go through", "will not clear by trying again", "won't fix itself"
                 r"(?:won'?t|will\s+not|never)\s+(?:\w+\s+)?(?:go\s+through|clear|fix|work|succeed|pass)\w*|"
                 + WONT_FIX + r")\b", re.I)
NOT_DONE_AGAIN = lazy(_NOT_AGAIN, re.I)
PASSING = {429, 500, 502, 503, 504, 408}
# a class's name or definition that says what is done with it, in a phrase: "Try again later", "No point trying again",
# "will not clear by trying again" (not a word that names a class, "Rejections", "Manual", nor what it is, "won't succeed")
NAMED_ACTION = lazy(r"\b(?:tr(?:y|ies|ied|ying)\s+again|another\s+(?:try|go|attempt)|no\s+point|not\s+worth|"
                     r"(?:not|never)\s+(?:\w+\s+)?(?:sent|tried|posted|pushed|retried|resent)\s+again|no\s+retr\w*|"
                     r"(?:won'?t|will\s+not|cannot|can'?t)\s+help|don'?t\s+(?:bother\s+)?retry\w*)\b", re.I)


def by_content(said: str, action: str) -> str | None:
    """The category of a class the spec names in its own words ("Try again later", "Will never work",
    "Part worked"), told by what it holds: some items of one call failing is partial; rate limits,
    outages and timeouts that are retried are transient; client errors that are not retried are permanent."""
    if PART_FAILS.search(said) or PARTIAL_TOLD.search(said):  # "... then the accepted readings stand; rejected ..."
        return "partial"
    codes = {c for c in handled_codes(said) if isinstance(c, int)}
    if not codes:
        return None
    if 2 * len(codes & PASSING) > len(codes) and AGAIN_LATER.search(action) and not _NO_RETRY.search(action):
        # ("429, 409 mid-cycle, 500, 503 | Try again": mostly passing, the odd one the team's own case)
        return "transient"
    if all(400 <= c < 500 and c not in PASSING for c in codes) and _NO_RETRY.search(action):
        return "permanent"
    return None


def error_action(text: str) -> str | None:
    match = _ACTION.search(text)
    return text.strip() if match else None


_DETERMINERS = frozenset(("a", "an", "the", "our", "their", "your", "this", "that", "any", "every", "each"))
_ERROR_NOUN = lazy(r"(?:errors?|failures?|faults?|issues?|problems?|ones|cases?|codes?|responses?|class(?:es)?|kinds?|types?|"
                   r"categor(?:y|ies)|outcomes?|results?|rejections?|exceptions?|statuse?s?|conditions?|"
                   r"where|when|which|whose|that|with|in|batch\w*|success\w*|timeouts?|outages?|[1-5](?:\d\d|xx)s?)\b|\W", re.I)
# ("A batch where some events are invalid", "The permanent 400s and 422s go to the DLQ")


def leading_category(text: str, vocab) -> str | None:
    """The error category a sentence opens with ("Transient errors (429, 503) are retried"); not a
    status line that happens to hold a category word ("`400` validation failure")."""
    text = strip_numbering(text)  # "7.3 *Partial acceptance* occurs ...": a clause's number
    head = re.split(r"[:(—–.;]", text, maxsplit=1)[0].strip(" *_`>-")
    words = head.split()
    if words and words[0].lower() in ("example", "examples", "sample", "e.g"):
        return None  # "Example partial response (one record out of range):" leads an example, no category
    if not words or words[0][:1].isdigit() or not vocab.category(" ".join(words[:2])):
        return None
    if len(words) >= 3 and words[0].lower() in _DETERMINERS and not vocab.category(words[0]) and \
            not _ERROR_NOUN.match(words[2]):
        return None  # "A permanent exhibition of ...", "The batch job runs at 2 am": a word of the vocabulary's, no class
    if len(words) > 5:
        head = " ".join(words[:3])
    return head


def handled_codes(text: str) -> set:
    """The status codes an error category covers: the codes it names, ranges ("4xx", "500-599") as
    "4xx"/each code, and the usual names ("rate limit" is 429)."""
    found: set = set()
    text = _CODE_LIST.sub(lambda m: m.group(0).replace("/", ", "), text)
    for match in _CODE.finditer(text):
        code = match.group(1).lower()
        found.add(int(code) if code.isdigit() else code)
    for match in _CODE_RANGE.finditer(text):
        low, high = int(match.group(1)), int(match.group(2))
        if 0 < high - low < 100:
            found.update(range(low, high + 1))
    for match in _CODE_WORD.finditer(text):
        found.update(_CODE_WORDS[int(match.lastgroup[1:])][1])
    if _ANY_4XX.search(text):
        found.add("4xx")
    return found


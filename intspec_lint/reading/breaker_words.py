"""A circuit breaker's words: its threshold and open time when it is named ("the circuit opens after 10 consecutive
failures for 5 min"), and its anatomy when it is not ("Stop sending | 6 failures in a row -> hold all outgoing
messages 15 min, then one trial call"). The retry reader (`retry.py`) takes the breaker's fields from these."""

from __future__ import annotations

import re

from .lazy_re import lazy
from .text import DURATION, NUM, UNIT

# a number given per party, each in brackets: "after 20 (CH) or 5 (BL) consecutive failed requests"
_OWNED = rf"(?:\s*\([^()\n]{{1,20}}\)(?:\s+or\s+{NUM}\s*\([^()\n]{{1,20}}\))?)?"
# failures one after the other: "in a row", "back to back", "5 times running", "6 times in succession"
_IN_A_ROW = r"(?:in\s+a\s+row|back[- ]to[- ]back|consecutively|successively|running|in\s+succession)\b"
# what a breaker does once open: opens, pauses, stops ...
_OPENS = r"(?:open|trip|paus|stop|suspen(?:d|sion)|halt|offline)\w*"
# ... or the same in other words, of the other side (not of a message "left alone in the queue"): "that side is left
# alone for 5 minutes", "makes no SchoolBell calls for 15 minutes", "that centre is fused"
_LEFT_ALONE = (rf"\b(?:{_OPENS}|(?:side|system|service|endpoint|partner|host|api|it|they)\s+(?:is|are)\s+left\s+alone|"
               r"leaves?\s+(?:the\s+|that\s+)?(?:side|system|service|endpoint|partner|host|api)\s+alone|"
               r"(?:makes?|sends?|places?)\s+no\s+(?:[\w-]+\s+){0,2}?(?:calls|requests)|"
               r"fus(?:e|ed|es)\b|cut[- ]?out|fails?\s+fast|short-?circuit)")
# ... and for a while: "stops calling for 2 minutes", "then one trial call", "one call is let through"
_FOR_A_WHILE = (r"(?:\bfor\s+(?:\d+|an?|one|two|three|five|ten|fifteen|thirty)\s+(?:s|secs?|seconds?|mins?|minutes?|h|hours?)\b|"
                r"\b(?:trial|probe|test)\s+(?:calls?|requests?)|\blet\s+through)")
# what fails, in a run: "failures", "failed calls", "5xx" (not "failed attempts": a message's own)
_FAILS = (r"(?:failures|failed\s+(?:calls?|requests?|sends?|deliver(?:y|ies)|push(?:es)?|posts?|uploads?|connections?|"
          r"transmissions?|jobs?)|fails|errors|timeouts|[1-5]xxs?)\b")
# what a pause holds back: "no calls" (not "no messages are lost"), "hold all outgoing messages"
_CALLS = r"(?:calls?|requests?|sends?|sending|traffic|deliver(?:y|ies)|push(?:es)?|posts?|uploads?)\b"
_TRAFFIC = rf"(?:{_CALLS}|messages?\b|jobs?\b)"
# (a dot inside a name, "api.inksign.io", ends no clause)
_BREAKER = lazy(
    rf"\b(?:circuit|breaker|cb)\b(?:[^.;]|\.(?=\w)){{0,80}}?\b({NUM})\s+(?:consecutive\s+|successive\s+)?"
    rf"(?:failures|failed|fails|errors|timeouts|attempts)"
    rf"|\b({NUM}){_OWNED}\s+(?:consecutive\s+|successive\s+)?(?:[1-5](?:xx|\d\d)s?\s*(?:/|,|or\s|and\s)\s*){{0,3}}"  # "20 consecutive 5xx/timeouts"
    rf"(?:failures|errors|fails|failed\s+\w+|timeouts|[1-5]xxs?)\b(?:[^.;]|\.(?=\w)){{0,60}}?"
    rf"\b(?:open|trip|break|pause|stop|suspen(?:d|sion)|halt|cool[- ]?(?:off|down))"
    # "a sender shall stop transmitting to a receiver after 10 consecutive failed transmissions": the stop first
    rf"|\b(?:stop|pause|suspen(?:d|sion)|halt)\w*\s+(?:[\w-]+\s+){{0,10}}?after\s+({NUM})\s+(?:consecutive|successive)\s+"
    rf"(?:failed\s+)?[\w-]+"
    # "if 20 consecutive records fail with transient errors the consumer pauses": what fails named between
    rf"|\b({NUM})\s+(?:consecutive|successive)\s+(?:[\w-]+\s+){{1,8}}(?:fail\w*|errors?|time\s?out)\b(?:[^.;]|\.(?=\w)){{0,60}}?"
    rf"(?:\bbreak|{_LEFT_ALONE})"
    # "if 10 calls in a row fail, it pauses the outbox", "if an endpoint fails 50 times in a row, sending stops"
    rf"|\b({NUM})\s+(?:[\w-]+\s+){{0,3}}?in\s+a\s+row\b(?:[^.;]|\.(?=\w)){{0,80}}?\bfail\w*(?:[^.;]|\.(?=\w)){{0,80}}?{_LEFT_ALONE}"
    # "has failed 5 calls in a row ... makes no calls for 15 minutes, then a single trial call"
    rf"|\bfail\w*\s+({NUM})\s+(?:[\w-]+\s+){{0,3}}?{_IN_A_ROW}(?:[^.;]|\.(?=\w)){{0,120}}?{_LEFT_ALONE}"
    # "if 20 calls to Lendora fail inside 60 seconds, Shelfmark stops calling for 2 minutes": failures in a window,
    # then a pause for a while
    rf"|\b({NUM})\s+(?:calls|requests|deliveries|uploads|sends|messages|pushes|writes)\b(?:\s+[\w-]+){{0,3}}?\s+fail\w*\b"
    rf"(?:[^.;]|\.(?=\w)){{0,80}}?{_LEFT_ALONE}(?:[^.;]|\.(?=\w)){{0,40}}?{_FOR_A_WHILE}"
    # "if 8 calls to the same system fail back to back, the consumer stops pulling"
    rf"|\b({NUM})\s+(?:[\w-]+\s+){{0,6}}?fail\w*\s+{_IN_A_ROW}(?:[^.;]|\.(?=\w)){{0,80}}?\b(?:{_OPENS})"
    # "Make deactivates the scenario after 5 failed runs in a row", "the endpoint is disabled after 20 failing
    # deliveries in a row": the stop first, then the run of failures
    rf"|\b(?:stop|paus|suspen(?:d|sion)|halt|deactivat|disabl)\w*\s+(?:[\w-]+\s+){{0,6}}?after\s+({NUM})\s+(?:failed\s+|failing\s+)?"
    rf"[\w-]+\s+in\s+a\s+row\b"
    # "if more than 40 % of the operations in a cycle fail, ... puts the job in quarantine": a failure rate that pauses
    r"|\b(?:more\s+than|over|above|>)\s*(\d+(?:\.\d+)?\s*%)\s+of\s+(?:the\s+)?[\w\s]{0,40}?\bfail\w*(?:[^.;]|\.(?=\w)){0,80}?"
    r"\b(?:open|trip|paus|stop|suspen(?:d|sion)|halt|offline|quarantin|throttl)",
    re.I,
)
# A breaker told by its anatomy, whatever it is called ("Stop sending", "fuse", "stand-off"): a run of failures
# ("6 failures in a row", "5 failed calls inside 30 seconds"), then, later in the same statement, a pause for a
# while ("no calls for 30 min", "hold all outgoing messages 15 min") or the probe that ends one ("then one trial
# call", "one call is let through"). A message's own attempts are its retry limit, not a run.
_RUN = lazy(
    rf"\b({NUM})\s+(?:(?:consecutive|successive|straight)\s+(?:[\w-]+\s+){{0,2}}?{_FAILS}"
    rf"|(?:[\w-]+\s+){{0,2}}?{_FAILS}(?:\s+[\w-]+){{0,3}}?\s+(?:{_IN_A_ROW}|(?:inside|within|in)\s+(?:an?\s+|one\s+|{NUM}\s*){UNIT})"
    # "5 uploads in a row fail", "6 consecutive calls fail"
    rf"|(?:consecutive|successive)\s+{_TRAFFIC}\s+fail|{_TRAFFIC}\s+{_IN_A_ROW}\s+fail)",
    re.I,
)
# ... the pause is of the calls to the other side ("no calls for 30 min", "stops calling for 5 min", "hold all outgoing
# messages 15 min"), not of one message ("holds the message for 14 days in the DLQ"); the probe is one call ("one
# trial call", "then one probe", "lets one shop through"), not a health check or a test alert
_PAUSE_OR_PROBE = lazy(
    rf"\bno\s+(?:[\w-]+\s+){{0,2}}?{_CALLS}(?:[^.;|]|\.(?=\w)){{0,30}}?\bfor\s+(?:the\s+next\s+)?{DURATION}"
    rf"|\b(?:paus|stop|halt|suspend|freez|blow|blown|tripp)\w*\b(?:[^.;|]|\.(?=\w)){{0,40}}?{DURATION}"
    # the sender cooling off, not one message in its retry queue ("the message cools off for 2 minutes")
    rf"|(?<!message\s)(?<!record\s)(?<!event\s)(?<!item\s)\bcool(?:s|ed|ing)?[- ]?(?:off|down)\b(?:[^.;|]|\.(?=\w)){{0,40}}?"
    rf"{DURATION}"
    rf"|\bhold\w*\s+(?:all|every|any|further|new)\s+(?:[\w-]+\s+)?{_TRAFFIC}(?:[^.;|]|\.(?=\w)){{0,30}}?{DURATION}"
    rf"|\bfor\s+the\s+next\s+{DURATION}"
    rf"|\b(?:one|a\s+single|1)\s+(?:trial|probe|canary)\b(?!\s+(?:alert|e-?mail|endpoint|page))"
    rf"|\b(?:one|a\s+single|1)\s+(?:trial|probe|test)\s+(?:call|request)s?\b|\bhalf[- ]open"
    # "then tries a single delivery" (not "then sends one message to Slack", "then makes one call to the fallback")
    rf"|\bthen\s+(?:tries|attempts|lets)\s+(?:one|a\s+single|1)\s+(?:call|request|delivery|send|attempt)s?\b"
    rf"|\blet(?:s|ting)?\s+(?:one|a\s+single|1)\s+(?:[\w-]+\s+)?through\b|\bone\s+(?:call|request)\s+is\s+let\s+through\b"
    # "then one goes through to test", "then a single notification is sent through as a test"
    rf"|\bthen\s+(?:one|a\s+single|1)\s+(?:[\w-]+\s+)?(?:goes|is\s+sent|gets)\s+through\b",
    re.I,
)
_CLAUSE_END = lazy(r"\.(?:\s|$)|[;|]")
_ASIDE = lazy(r"\([^()\n]{0,120}\)")


def breaker_search(text: str, pos: int = 0):
    """The breaker a statement states, by a name and its threshold or by its anatomy: a match whose first
    group that matched is the threshold. The anatomy's pause or probe stands in the sentence of its run."""
    match = _BREAKER.search(text, pos)
    if match is not None:
        return match
    if _PAUSE_OR_PROBE.search(text, pos) is None:
        return None  # (no pause nor probe anywhere: no run need be looked at)
    # (an aside ends no clause: "8 straight failures (5xx only; 4xx not counted) → fuse blown 3 min")
    unaside = _ASIDE.sub(lambda m: " " * len(m.group(0)), text) if "(" in text else text
    for run in _RUN.finditer(text, pos):
        end = _CLAUSE_END.search(unaside, run.end())
        if end and _MEANWHILE.match(unaside, end.end()):  # "... close the latch for 3 minutes. During that time
            end = _SENTENCE_END.search(unaside, end.end())  # nothing is sent; then one goes through to test."
        if _PAUSE_OR_PROBE.search(text, run.end(), end.start() if end else len(text)):
            return run
    return None


_SENTENCE_END = lazy(r"\.(?:\s|$)")
# a sentence that goes on about the pause the one before began: "During that time ...", "Meanwhile ..."
_MEANWHILE = lazy(r"\s*(?:during\s+(?:that|this|which)\s+time|meanwhile|in\s+the\s+meantime|until\s+then|while\s+(?:it\s+is\s+|"
                  r"they\s+are\s+)?(?:closed|open|paused|stopped|tripped|latched|shut))\b", re.I)


BREAKER_RATE = lazy(r"\b(?:circuit|breaker|cb)\b[^.;]{0,80}?(\d+(?:\.\d+)?\s*%)", re.I)
OPEN_FOR = lazy(
    rf"\b(?:open(?:s|ed)?|trips?|stays?\s+open|half-open\s+after|cool[- ]?down|reset(?:s)?\s+after|pauses?|suspend(?:s|ed)?|suspension|"
    rf"stops?|disables?|switch(?:es)?\s+off|turns?\s+off)\b[^.;\d]{{0,40}}?\bfor\s+({DURATION})|\b(?:cool[- ]?down|open\s+(?:for|duration|time|state)|opens?|"
    rf"half-opens?\s+after|half-open\s+(?:after|probe\s+after)|reset\s+(?:timeout|after))\s*(?:of|:|=|is)?\s*({DURATION})",
    re.I,
)
BREAKER_WORDS = lazy(r"circuit[-_ ]?breaker|(?:\b" + _IN_A_ROW + r"|\b\d+\s+consecutive\s+(?:[\w'’-]+\s+){0,6}?(?:failures|errors|timeouts|"
                      r"fail|fails|failed))[^.;]{0,80}\b(?:paus|stop|suspend|halt|offline|cool[- ]?(?:off|down)|disabl|"
                      r"switch(?:es|ed)?\s+off|turn(?:s|ed)?\s+off)|\b(?:circuit|breaker|cb|half-?open|trips?|stop\s+calling|pauses?\s+(?:the\s+)?(?:consumer|"
                      r"calls|delivery|deliveries|sending)|suspend\w*\s+(?:calls|delivery|deliveries|sending))\b", re.I)
NO_BREAKER = lazy(r"\b(?:no|without|not\s+an?|never\s+an?)\s+(?:\w+\s+)?(?:circuit[- ]?breakers?|breakers?)\b"
                  # "... RouteWise does not pause the subscription": a pause denied is no breaker
                  r"|\b(?:(?:does|do|did|will|shall|must|should)\s+not|never)\s+(?:pause|stop|suspend|halt|disable|trip|open)\w*",
                  re.I)

"""The retry policy: strategy, jitter, delays, attempts, circuit breaker, wherever they are said.

Read from "key: value" statements whose key names a field ("Max retries: 5", `retry.max-attempts=5`
in a properties block), then from sentences ("we retry up to six times, starting at 2 s and
doubling to a one-minute cap"). A field that no statement states precisely but that a statement
about retries gives evidence of (a duration it cannot place, a breaker that "pauses the consumer")
is loose: stated, but never compared.
"""

from __future__ import annotations

import re

from ..model import Retry, Value, evidence, given
from .breaker_words import BREAKER_RATE, BREAKER_WORDS, NO_BREAKER, OPEN_FOR, breaker_search
from .context import Reading
from .lazy_re import lazy
from .statements import Statement, words_of_key
from .text import DURATION, NUM, UNIT, as_figures, as_written, finds
from .values import duration_seconds, value
from .vocabulary import STOP_KEY, normalize

_STRATEGY = lazy(
    r"\b(exponential(?:ly)?|linear|fixed|constant|fibonacci|decorrelated|incremental)\b[\w\s-]{0,20}?"
    r"\b(back-?off|delays?|intervals?|retr(?:y|ies)|wait)\b|\bback-?off\b|\bdoubl(?:e|es|ing)\b",
    re.I,
)
_JITTER = lazy(r"\b(?:full|equal|decorrelated|random(?:ized)?|no)?\s*jitter\b", re.I)
# a delay said as a range: "exponential backoff from 10 s to 600 s", "delays between 1 s and 5 min"
_RANGE = rf"\b(?:backoff|back-off|delays?|intervals?|waits?)\b[^.;\d]{{0,20}}?\b(?:from|between)\s+{DURATION}"
_INITIAL = lazy(
    rf"\b(?:initial|first|base|starting|start)\b[\w\s-]{{0,25}}?\b(?:delay|backoff|interval|wait|retry|at|with|from|of|"
    rf"after)\b[^.;\d]{{0,25}}?({DURATION})"
    rf"|\b(?:start(?:ing|s)?|begin(?:ning|s)?)\s+(?:(?:at|with|from)\s+)?({DURATION})(?!\s+(?:out|ahead|before|early|earlier|"
    rf"in\s+advance|prior))"  # "start 2s, x2, cap 5 min"; not "reminders start 30 days out", a lead time
    rf"|({DURATION})\s+(?:initial|base|first)\b"
    rf"|\bafter\s+({DURATION}),?\s+(?:then|doubling|doubled|growing|rising|increasing)\b"
    rf"|\b(?:initial|first)\s+({DURATION})(?=\s*[,;]?\s*(?:then\s+)?(?:doubling|doubled|x\s*2|×\s*2|growing|rising))"
    rf"|\b(?:backoff|back-off|delays?|intervals?|waits?)\b[^.;\d]{{0,20}}?\b(?:from|between)\s+({DURATION})\s+(?:to|and)\s+\d",
    re.I,
)
_ATTEMPTS = lazy(
    rf"\b(?:up to|at most|maximum of|max(?:imum)?(?: of)?|no more than|limit(?:ed)? to)\s+({NUM})\s+"
    rf"(?:\w+\s+)?(?:attempts?|retr(?:y|ies)|times|tries|re-?attempts?|deliver(?:y|ies)|re-?runs?|re-?sends?)\b"
    rf"|\b({NUM})\s+(?:retry\s+|delivery\s+|more\s+)?(?:attempts|retries|tries|re-?attempts|deliveries|re-?runs|re-?sends)\b"
    rf"|\bretr(?:y|ies|ied)\s+({NUM})\s+times\b"
    rf"|\b(?:max(?:imum)?\s+(?:retries|attempts|delivery\s+count)|retry\s+limit)\s*(?:is|of|at|=|:)?\s*({NUM})\b",
    re.I,
)
_MAX_DELAY = lazy(
    rf"\b(?:cap(?:ped)?|ceiling|max(?:imum)?\s+(?:delay|backoff|interval|wait)|never\s+(?:\w+\s+)?(?:(?:more|longer)\s+than|"
    rf"above|over|exceeds?|beyond)|"
    rf"no\s+(?:more|longer)\s+than|at\s+most|up\s+to\s+(?:a\s+)?(?:cap|max(?:imum)?)\s+of|limited\s+to|upper\s+bound|"
    rf"no\s+(?:single\s+)?(?:wait|delay|backoff|interval)\s+(?:is\s+|shall\s+|may\s+|will\s+|must\s+|should\s+)?"
    rf"(?:above|over|longer\s+than|more\s+than|beyond|exceed))"
    rf"\b[^.;\d]{{0,25}}?({DURATION})|\b(?:doubling|doubles|growing|rising)\s+(?:up\s+)?to\s+({DURATION})"
    rf"|\bmax(?:imum)?\s+({DURATION})\s+(?:between|apart)\b"  # "max 5 min between attempts"
    rf"|{_RANGE}\s+(?:to|and|up\s+to)\s+({DURATION})",  # "exponential backoff from 10 s to 600 s": its top
    re.I,
)
_OWED = r"(TBD|TBC|TODO|to be (?:decided|determined|defined|confirmed|agreed)|not (?:yet )?(?:decided|defined|agreed))"
_PLACEHOLDERS = [
    (name, lazy(rf"\b(?:{words})\b[^.;]{{0,60}}?\b{_OWED}", re.I | re.S))
    for name, words in (
        ("max_delay", r"cap|max(?:imum)?\s+delay|ceiling"),
        ("initial_delay", r"initial\s+delay|first\s+delay|base\s+delay"),
        ("max_attempts", r"max(?:imum)?\s+(?:retries|attempts)|retry\s+limit|number\s+of\s+(?:retries|attempts)"),
        ("circuit_breaker", r"circuit\s+breaker|breaker"),
        ("strategy", r"backoff\s+strategy|retry\s+strategy"),
    )
]
# loose evidence of each field, in a statement about retries
_ANY_DURATION = lazy(DURATION, re.I)
_CAP_WORDS = lazy(rf"\b(?:cap(?:ped|s)?|ceiling|max(?:imum)?[\s_-]*(?:[a-z]+[\s_-]+)?(?:delay|backoff|interval|wait))\b"
                  rf"|\bmax(?:imum)?\s+{DURATION}\s+(?:between|apart)\b"
                  rf"|\b(?:at\s+most|no\s+(?:longer|more)\s+than|never\s+(?:more|longer)\s+than)\s+{DURATION}"
                  # "later delays double ... up to 300 seconds", "no interval exceeding 30 minutes"
                  rf"|\b(?:delays?|backoff|intervals?|waits?)\b[^.;]{{0,60}}\bup\s+to\s+{DURATION}"
                  rf"|\b(?:no|never|not)\s+(?:\w+\s+){{0,2}}exceed\w*\s+{DURATION}"
                  rf"|\bmax(?:imum)?\.?\s+(?:of\s+)?{DURATION}"  # "2 s initial, multiplier 2, max 60 s"
                  rf"|{_RANGE}\s+(?:to|and|up\s+to)\s+{DURATION}", re.I)
_COUNT_WORDS = lazy(rf"\b{NUM}\b[^.;]{{0,20}}\b(?:attempts?|retr(?:y|ies)|times|tries|deliver(?:y|ies)|re-?runs?|re-?sends?)\b"
                    # "at most 6 re-rolls after the first try": so many more, whatever they are called
                    rf"|\b{NUM}\s+(?!{UNIT})(?:[\w-]+\s+){{1,2}}after\s+the\s+first\s+(?:try|attempt|call|send|delivery)\b"
                    r"|\b(?:retr\w*|tr(?:y|ies|ied)|attempt\w*|redeliver\w*)\s+(?:\w+\s+)?(?:once|twice|thrice)\b"
                    # the bound said as a time: "retried every 60 seconds for 5 minutes", "a retry window of 2 h"
                    rf"|\bretr\w*\b[^.;]{{0,40}}?\bfor\s+(?:up\s+to\s+|at\s+most\s+)?{DURATION}"
                    rf"|\bretry\s+(?:window|period|duration)\b[^.;\d]{{0,20}}{DURATION}", re.I)
# a duration said of a delay: "waits 2 s", "after 30 seconds", "1 s, doubling"
_DELAY_DURATION = lazy(rf"\b(?:delay|wait|waits|waiting|backoff|back-off|interval|after|start\w*|first|then|retr\w*|from|"
                       rf"pause|sleep)\b[^.;]{{0,40}}?{DURATION}|{DURATION}[^.;]{{0,20}}\b(?:delay|wait|backoff|"
                       rf"interval|apart|between|doubling|later)\b", re.I)
_STRATEGY_WORDS = lazy(r"\b(?:exponential|linear|fixed|constant|incremental|back-?off|doubl\w+|every\s+\d|multiplier)|×\s*\d|\b\d\s*(?:\^|\*\*)\s*\(?\w", re.I)  # "10 s * 2^(n-1)": growth
_UNBOUNDED = lazy(
    r"\b(?:unlimited|unbounded|infinite(?:ly)?|forever|indefinitely|endlessly|no\s+(?:max(?:imum)?|limit|cap)\b|"
    r"until\s+(?:it\s+|they\s+)?(?:succeeds?|success(?:ful)?|delivered|acknowledged))",
    re.I,
)
# unbounded only while a condition holds, a count beside it: "Unlimited while offline (outbox); 8 once online, then
# dead-letter": no call is made while offline, the calls made are bounded
_WHILE_CONDITION = lazy(r"\b(?:unlimited|unbounded|indefinitely|forever)\s+(?:\(\s*)?(?:while|during|as\s+long\s+as)\b[^;.]*",
                        re.I)


def is_unbounded(text: str) -> bool:
    """The attempts are said to have no bound: "unlimited", "until it succeeds"; not when the words hold only while a
    condition lasts and a count bounds the attempts otherwise."""
    if not _UNBOUNDED.search(text):
        return False
    rest = _WHILE_CONDITION.sub(" ", text)
    return not (rest != text and re.search(r"\b\d+\b", rest) and not _UNBOUNDED.search(rest))


_NO_RETRY = lazy(r"\bno\s+retr|^\W*none\W*$|\bonce\b", re.I)
_RUN_OF_FAILURES = lazy(r"\b(?:failures|failed|errors|fails|timeouts)\b|\bin\s+a\s+row\b|\bconsecutive\b|%", re.I)
# a setting's unit in its name: "First retry after (s)", `initial_delay_ms`, `pause.duration_s`
_UNIT_NAMED = lazy(r"\((?:s|ms|sec|secs|min|mins|h|hours?|seconds?|minutes?)\)|\bin\s+(?:seconds|minutes|ms)\b|"
                   r"[_.-](?:ms|s|secs?|seconds|mins?|minutes|millis)\b|(?:Ms|Millis|Seconds|Secs|Minutes|Mins)\b", re.I)
_COUNTS_TRIES = lazy(r"\b(?:attempts?|tries|retries)\b", re.I)
_BACKOFF_SHAPE = lazy(r"\b(fixed|constant|linear|incremental)\b", re.I)
_UNIT_KEY = lazy(r"(?:^|[^a-z])(seconds?|secs?|minutes?|mins?)$|(Seconds?|Secs?|Minutes?|Mins?)$", re.I)
_MILLIS_KEY = lazy(r"(?:^|[^a-zA-Z])(?:ms|MS|millis(?:econds)?|MILLIS(?:ECONDS)?)$|Ms$|Millis$")

mentions_retry = finds(lazy(r"\b(retr(?:y|ies|ied)|back-?off|circuit|breaker)\b", re.I))
_KINDS = {"initial_delay": "duration", "max_delay": "duration", "circuit_open": "duration", "max_attempts": "count",
          "circuit_breaker": "count"}
_FIELDS = ("strategy", "jitter", "initial_delay", "max_attempts", "max_delay", "circuit_breaker", "circuit_open")


def read(r: Reading) -> None:
    statements = [s for s in r.about("retry") if s.shape != "code" and id(s.code) not in r.examples]
    along = _block_mates(r, statements)  # (with those that say so: the block's settings, every one)
    known = {id(s) for s in statements}
    statements += [s for s in along if id(s) not in known]
    statements.sort(key=lambda s: "retry" not in s.placed)  # the retry section's own words first, then asides
    by_column = _column_rows(r, statements)
    keyed = [s for s in statements if id(s) not in by_column and (s.key or (s.shape == "row" and len(s.row.cells) > 2))]
    # a statement about retries says so itself: no mate, but a row of a per-side table is one of its table's settings
    mates = {id(s) for s in along if id(s) not in known or s.shape == "row" and not s.key}
    for statement in keyed:
        _key_fact(r, statement, id(statement) in mates)
    for statement in statements:
        if statement.key and statement.shape == "code-key":
            continue
        found = facts(statement.text)
        if found:
            retry = _retry(r, statement)
            for name, (phrase, offset) in found.items():
                current = getattr(retry, name)
                if current is None or (not given(current) and current.span.line < statement.span.line):
                    # a "TBD" that a later statement answers is superseded; an aside before it does not answer it
                    setattr(retry, name, _value(name, phrase, statement, statement.line_of(offset)))
    _library_calls(r)
    for run in _schedules(statements):  # "* 10 Minutes ⏎ * 15 Minutes ⏎ ... ⏎ * 4 Hour": one delay an item, read
        retry = _retry(r, run[0])  # as one ladder: its first delay, its last, its growth, and as many tries as items
        _loose(retry, [(" → ".join(s.text.strip() for s in run), run[0].span)])
        if retry.max_attempts is None:
            retry.max_attempts = evidence(f"{len(run)} delays", run[0].span)
    if r.spec.retry is None and "retry" in r.spec.sections:
        r.spec.retry = Retry(r.spec.sections["retry"])
    if r.spec.retry is not None:
        _loose(r.spec.retry, [(s.text, s.span) for s in statements])
    elif statements:
        retry = Retry(statements[0].span)
        _loose(retry, [(s.text, s.span) for s in statements])
        if any(getattr(retry, name) is not None for name in _FIELDS):
            r.spec.retry = retry
    _stated_anywhere(r)


# a statement about retrying, in any shape: "retry", "backoff", `maxAttempts`, `redeliveryPolicy`, "circuit breaker"
_RETRY_PART = lazy(r"retr(?:y|ies|ied|ying)|back-?off|redeliver|attempt|circuit|breaker|\btries\b|\btr(?:y|ied|ying)\s+again\b|"
                   r"\bafter\s+the\s+first\s+(?:try|attempt)\b", re.I)
# each field's loose evidence, wherever it stands
_ANYWHERE = {
    "strategy": lambda text: bool(_STRATEGY_WORDS.search(text) or _LADDER.search(text)),  # "5, 10, 20, 40 s": it grows
    # a duration that is no cap's and no open breaker's ("Max delay cap: 60 seconds" is not the first delay)
    "initial_delay": lambda text: bool(_LADDER.search(text) or _INITIAL.search(text) or _DELAY_DURATION.search(text)
                                       and not _CAP_WORDS.search(text) and not BREAKER_WORDS.search(text)),
    "max_attempts": lambda text: bool(_COUNT_WORDS.search(text) or _COUNT_SETTING.search(text)),
    "max_delay": lambda text: bool(_CAP_WORDS.search(text) or _LADDER.search(text)),
    "circuit_breaker": lambda text: bool(BREAKER_WORDS.search(NO_BREAKER.sub(" ", text))),
}
_DENIED = lazy(r"\b(?:tbd|tbc|todo|to\s+be\s+(?:decided|determined|defined|confirmed|agreed)|not\s+(?:yet\s+)?(?:decided|defined|"
               r"agreed|set))\b|\?\s*$", re.I)


def _stated_anywhere(r: Reading) -> None:
    """A field of the retry policy no statement about retries gave, stated elsewhere in a shape the
    reader does not take (a config block's line, a diagram's note, a sentence in another section):
    loose evidence, so the policy is not called incomplete for it. Two or more fields stated so make a
    policy of a spec that has no retry section."""
    if r.spec.testimony is None:
        return
    def part(text: str):  # a statement about retries, or a ladder of growing waits ("wait 2 s, then double: 2, 4, 8,
        return _RETRY_PART.search(text) or _waits_growing(text)  # 16 s"), whatever it calls them
    found = {}
    for name, said in _ANYWHERE.items():
        if r.spec.retry is None or getattr(r.spec.retry, name) is None:
            stated = r.spec.testimony.states(part, lambda text, said=said: said(as_figures(text)), _DENIED.search)
            if not stated and name == "circuit_breaker":  # a breaker by its nature, in any section: "if more than
                # 40 % of the operations in a cycle fail, Entra puts the job in quarantine", "5 failures in a row pause it"
                stated = r.spec.testimony.states(breaker_search, breaker_search,
                                                 lambda text: bool(_DENIED.search(text) or NO_BREAKER.search(text)))
            if stated:
                found[name] = evidence(*stated)
    if r.spec.retry is None:
        if len(found) < 2:
            return
        r.spec.retry = Retry(min(found.values(), key=lambda v: v.span.line).span)
    for name, fact in found.items():
        setattr(r.spec.retry, name, fact)


# a retry library's calls in program code (tenacity, pybreaker): `stop_after_attempt(7)`,
# `wait_exponential(multiplier=2, min=2, max=60)`, `wait_fixed(30)`, `CircuitBreaker(fail_max=5, reset_timeout=300)`
_CALLS = (
    ("max_attempts", lazy(r"\bstop_after_attempt\(\s*(\d+)\s*\)")),
    ("strategy", lazy(r"\b(wait_(?:random_)?exponential(?:_jitter)?|wait_fixed|wait_incrementing)\(")),
    ("initial_delay", lazy(r"\bwait_(?:random_)?exponential(?:_jitter)?\([^)]*?\b(?:min|initial)\s*=\s*(\d+(?:\.\d+)?)"
                           r"|\bwait_fixed\(\s*(\d+(?:\.\d+)?)")),
    ("max_delay", lazy(r"\bwait_(?:random_)?exponential(?:_jitter)?\([^)]*?\bmax\s*=\s*(\d+(?:\.\d+)?)"
                       r"|\bwait_fixed\(\s*(\d+(?:\.\d+)?)")),
    ("circuit_breaker", lazy(r"\bfail_max\s*=\s*(\d+)")),
    ("circuit_open", lazy(r"\breset_timeout\s*=\s*(\d+(?:\.\d+)?)")),
)
_LIBRARY = lazy(r"\b(?:stop_after_attempt|wait_(?:random_)?exponential|wait_fixed|CircuitBreaker)\(")


def _library_calls(r: Reading) -> None:
    """Retry settings given as a retry library's calls in a code block: each value read where no statement
    gave it (a fixed wait is its own cap; seconds where the library counts in seconds)."""
    for statement in r.statements:
        if statement.shape != "code" or id(statement.code) in r.examples or not _LIBRARY.search(statement.text):
            continue
        retry = _retry(r, statement)
        for name, pattern in _CALLS:
            match = pattern.search(statement.text)
            if match is None or getattr(retry, name) is not None:
                continue
            said = next(g for g in match.groups() if g)
            text = said if name in ("strategy", "max_attempts", "circuit_breaker") else f"{said} s"
            if name == "strategy":
                text = "exponential backoff" if "exponential" in said else "fixed delay" if "fixed" in said else said
            setattr(retry, name, _value(name, text, statement, statement.line_of(match.start())))


def _column_rows(r: Reading, statements) -> set[int]:
    """The rows of a table whose columns name retry settings ("Caller | Strategy | Initial delay | Max
    attempts | Max delay"), read column by column: the first row's values, then what later rows add."""
    taken: set[int] = set()
    for statement in statements:
        if statement.shape != "row" or statement.table is None:
            continue
        header = [r.vocab.field("retry", cell.text.strip(" *`")) for cell in statement.table.header]
        if len({f for f in header if f}) < 2:
            continue
        retry = _retry(r, statement)
        for index, name in enumerate(header):
            cells = statement.row.cells
            if name and index < len(cells) and cells[index].text.strip() and getattr(retry, name) is None:
                row = Statement(statement.text, statement.span, statement.path, "row", statement.section,
                                placed=statement.placed, key=statement.table.header[index].text,
                                value=cells[index].text)
                setattr(retry, name, _value(name, cells[index].text, row))
        taken.add(id(statement))
    return taken


_ONLY_DURATION = lazy(rf"^\W*(?:after\s+|then\s+|wait\s+)?{DURATION}\W*$", re.I)


def _schedules(statements) -> list[list]:
    """Runs of three list items or more in a row, each nothing but a delay, under a line that speaks of retrying on a
    schedule ("we retry according to the following schedule:"): a retry schedule written as a list (not "the three
    calls have these timeouts:")."""
    leads = [s for s in statements if s.shape != "item" and _SCHEDULE_LEAD.search(s.text) and not _TIMEOUTS.search(s.text)]
    return [run for run in _delay_runs(statements)
            if any(0 <= run[0].span.line - lead.span.end_line <= 2 for lead in leads)]


_SCHEDULE_LEAD = lazy(r"\b(?:retr(?:y|ies|ied)|re-?tries|re-?attempts?|re-?deliver\w*|schedule|back-?off)\b", re.I)
_TIMEOUTS = lazy(r"\btime-?outs?\b", re.I)


def _delay_runs(statements) -> list[list]:
    runs, run = [], []
    for statement in sorted((s for s in statements if s.shape == "item"), key=lambda s: s.span.line):
        if _ONLY_DURATION.match(as_figures(statement.text)) and (not run or statement.span.line - run[-1].span.end_line <= 1):
            run.append(statement)
            continue
        runs.append(run)
        run = [statement] if _ONLY_DURATION.match(as_figures(statement.text)) else []
    runs.append(run)
    return [run for run in runs if len(run) >= 3]


def _retry(r: Reading, statement) -> Retry:
    if r.spec.retry is None:
        r.spec.retry = Retry(r.spec.sections.get("retry", statement.span))
    return r.spec.retry


def _block_mates(r: Reading, about: list) -> list:
    """The keys of a config block about retrying, those that do not say so themselves too (`first_delay: 2s` beside
    `backoff: exponential`, under "**Retry and breaker.** Both sides use the same numbers:"): where two of its keys at
    least are retry settings."""
    known = {id(s) for s in about}
    blocks: dict[int, list] = {}  # id(code block or table) -> its keys
    for statement in r.statements:
        if statement.shape == "code-key" and id(statement.code) not in r.examples:
            blocks.setdefault(id(statement.code), []).append(statement)
        elif statement.shape == "row" and statement.key and statement.row is not None and len(statement.row.cells) == 2:
            blocks.setdefault(id(statement.table), []).append(statement)  # "| `CB_FAILURE_THRESHOLD` | `8` |" in a
            # table of settings whose other rows say `RETRY_...`
        elif statement.shape == "row" and not statement.key and statement.row is not None and \
                len(statement.row.cells) > 2 and statement.table.header and not statement.table.header[0].text.strip():
            blocks.setdefault(id(statement.table), []).append(statement)  # "| | Sender | Receiver |" over "| First wait
            # | 1 min | 5 s |": a setting per side, named by the first cell
    return [s for block in blocks.values() if sum(1 for s in block if r.vocab.field("retry", _leaf(_named(s)))) >= 2
            and any(id(s) in known or mentions_retry(words_of_key(_named(s))) for s in block)
            for s in block if s.key or _fits(r.vocab.field("retry", _named(s)), " | ".join(c.text for c in s.row.cells))]


def _fits(name: str | None, said: str) -> bool:
    """A per-side row's values are of the kind its retry field holds: a wait is a duration, a breaker a run of
    failures or a count ("| Payload cap | 1 MB |", "| Paging threshold | 20 parked messages |" are settings of others)."""
    if name in ("initial_delay", "max_delay", "circuit_open"):
        return bool(_ANY_DURATION.search(said) or _UNIT_NAMED.search(said) and re.search(r"\d", said))
    if name == "circuit_breaker":
        return bool(_RUN_OF_FAILURES.search(said) or all(re.fullmatch(r"[\W\d]*\d[\W\d]*", part.strip())
                                                         for part in re.split(r"[|;]", said)[1:] if part.strip()))
    # a row no field names is read loosely where it says how waits grow or that it retries ("| Growth | doubling |"),
    # not "| Payload cap | 1 MB |"
    return name is not None or bool(_STRATEGY_WORDS.search(said) or mentions_retry(said))


def _named(statement) -> str:
    """What a setting's statement names: its key, or the first cell of a row of settings per side."""
    if statement.key or statement.row is None or not statement.row.cells:
        return statement.key
    return statement.row.cells[0].text.strip(" *`")


def _key_fact(r: Reading, statement, along: bool = False) -> None:
    """ "Max retries: 5" where the statement stands about retries or its key names them (or, `along`, its block's
    other keys do)."""
    if statement.shape == "row" and r.topics.table(statement.table, tuple(statement.placed)) is not None:
        return  # "`ladder.results.retry` depth | > 5k → warn": a metric of the retry topic, not a retry fact
    key = _leaf(statement.key) if statement.shape == "code-key" else statement.key
    per_side = statement.shape == "row" and not key and len(statement.row.cells) > 2
    if per_side:
        # "| Max attempts | 6 | 5 |": a setting per column (outbound, loader); the first says it
        cells = statement.row.cells
        statement = Statement(statement.text, statement.span, statement.path, "row", statement.section,
                              placed=statement.placed, key=cells[0].text.strip(" *`"),
                              value="; ".join(c.text for c in cells[1:]))
        key = statement.key
    named = r.vocab.section_parts(key)
    if not along and "retry" not in statement.placed and "retry" not in named and not (
            statement.shape == "code-key" and mentions_retry(words_of_key(statement.key))):
        return
    name = r.vocab.field("retry", key)
    if name is None and STOP_KEY.match(normalize(key)):  # "Stop sending after | 10 failures in a row": what counts is
        name = "circuit_breaker" if _RUN_OF_FAILURES.search(statement.value) else \
            "max_attempts" if _COUNTS_TRIES.search(statement.value) else None  # in the value ("8 attempts": the limit)
    if name == "circuit_open" and re.match(r"^\W*stop", key, re.I) and not re.match(r"^\W*\d", statement.value):
        name = None  # "Stopped for | the nightly maintenance window": not how long a breaker stays open
    if per_side and name is not None and not _fits(name, f"{key} | {statement.value}"):
        return  # "| Payload cap | 1 MB |", "| Paging threshold | 20 parked messages |": a setting of another kind
    if name is None and key.strip().lower() in ("max", "maximum", "cap", "limit"):  # `Max: 2 * time.Minute`: by what
        name = "max_delay" if _ANY_DURATION.search(statement.value) else "max_attempts"  # the value is, a wait or a count
    if name is None and key.strip().lower() in ("delay", "interval", "wait") and (
            _ANY_DURATION.search(f"{statement.value} {statement.key}")
            or statement.shape == "code-key" and statement.value.strip().isdigit()):
        name = "initial_delay"  # Symfony's `retry_strategy: {delay: 10000, multiplier: 2, max_delay: ...}`: the first wait
    if name is None and "retry" in named:
        name = "strategy"
    if name is None or (name == "strategy" and len(statement.value) > 80):
        return  # "**Retry policy (agent).** Exponential backoff: first retry after 2 min, ...": prose, read as such
    stated = facts(statement.value)
    if len(stated) > 1 and name in stated:
        return  # "Retries: exponential, first delay 2 s, at most 6 attempts": a label over several facts, read as prose
    rest = statement.value
    retry = _retry(r, statement)
    if not rest.strip():
        if statement.text.rstrip().endswith(":") and statement.shape in ("line", "sentence"):
            return  # "Both sides use the same policy:" introduces the list below it
        if getattr(retry, name) is None and statement.shape != "code-key":
            setattr(retry, name, Value("", statement.span))
        return
    if name == "strategy" and not _STRATEGY.search(rest) and _STRATEGY.search(key):
        rest = key  # "one POST with exponential backoff: 5, 10, 20, 40 s": the label names it, the value lists delays
    fact = _value(name, rest, statement)
    if name == "circuit_breaker" and retry.circuit_open is None:
        opened = OPEN_FOR.search(rest)
        if opened:
            retry.circuit_open = _value("circuit_open", next(g for g in opened.groups() if g), statement)
    current = getattr(retry, name)
    if current is None or not given(current):
        setattr(retry, name, fact)


def _value(name: str, text: str, statement, span=None) -> Value:
    kind = _KINDS.get(name, "text")
    fact = value(text, span or statement.span, kind)
    if fact.number is None and kind != "text" and "(" in text:
        fact.number = value(" ".join(as_figures(text).split()), fact.span, kind).number  # "thirty (30) seconds"
    if kind == "duration" and fact.number is None and re.fullmatch(r"\s*`?\d+(?:\.\d+)?`?\s*", text):
        text = text.strip(" `")  # (a setting's value in a table of settings: "| `RETRY_BASE_MS` | `2000` |")
        if statement.shape in ("code-key", "row") and _MILLIS_KEY.search(statement.key):
            fact.number = float(text) / 1000
        elif statement.shape in ("code-key", "row") and _UNIT_KEY.search(statement.key):  # `RETRY_MAX_DELAY_SECONDS=80`
            found = _UNIT_KEY.search(statement.key)
            unit = (found.group(1) or found.group(2)).lower()
            fact.number = float(text) * (60.0 if unit.startswith("min") else 1.0)
        elif statement.shape != "code-key":
            fact.number = duration_seconds(text, bare_unit=1.0)  # "Initial delay: 2" in a spec's own words
    return fact


def _leaf(key: str) -> str:
    """The last part of a code key, in words: `backoff.initialIntervalMs` -> "initial interval ms"."""
    leaf = re.split(r"[.\[\]/]", key.rstrip("]"))[-1] or key
    leaf = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", leaf)
    leaf = re.sub(r"[_-]+", " ", leaf).lower().strip()
    return re.sub(r"\s(?:seconds?|secs?|minutes?|mins?)$", "", leaf)  # the unit a name carries is its value's


# "never longer than `--retry-max-delay` (default 60 s)": a setting named where its value would stand, then its value
_CLAUSE_NUMBER = lazy(r"^\s*(?:\[?[A-Z]{0,4}-?)?\d+(?:\.\d+)+\.?\]?(?=\s)")
_DEFAULTED = lazy(r"`[^`\n]{1,60}`\s*\((?:by\s+)?defaults?\s*(?:is\s+|:\s*|=\s*)?([^()\n]{1,30}?)\)", re.I)


def facts(text: str) -> dict[str, tuple[str, int]]:
    """Retry parameters a sentence states: field -> (the phrase, its offset in text). A setting named with its
    default stands for that value, the rest of its place blank, so that offsets hold."""
    text = _DEFAULTED.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
    said = text  # what is quoted: the words as written, at the offsets the figures keep
    text = as_figures(_CLAUSE_NUMBER.sub(lambda m: " " * len(m.group(0)), text))  # "5.2 Retries shall ...": no count
    found: dict[str, tuple[str, int]] = {}
    for name, search in (("strategy", _STRATEGY.search), ("jitter", _JITTER.search), ("initial_delay", _INITIAL.search),
                         ("max_attempts", _ATTEMPTS.search), ("max_delay", _MAX_DELAY.search),
                         ("circuit_breaker", breaker_search), ("circuit_open", OPEN_FOR.search)):
        match = search(text)
        if match and name in ("circuit_breaker", "circuit_open") and NO_BREAKER.search(text, match.start(), match.end()):
            match = None  # "20 deliveries have failed, RouteWise does not pause the subscription": a pause denied
        if match:
            index = next((i for i, g in enumerate(match.groups(), 1) if g), 0)
            if name in ("strategy", "jitter"):
                index = 0
            found[name] = (as_written(said, match.start(index), match.end(index)).strip(), match.start())
    ladder = _LADDER.search(text)
    if ladder and "initial_delay" not in found:  # "10 s, 30 s, 90 s, 270 s, 810 s": the first delay is the first rung
        rung = _ANY_DURATION.match(text, ladder.start())  # (not "5, 10, 20, 40 s", whose unit only the last has)
        if rung is not None:
            found["initial_delay"] = (as_written(said, rung.start(), rung.end()).strip(), rung.start())
    for name, pattern in _PLACEHOLDERS:
        match = pattern.search(text)
        if match and name not in found:
            found[name] = (match.group(1), match.start(1))
    if "circuit_breaker" not in found:
        match = BREAKER_RATE.search(text)
        if match:
            found["circuit_breaker"] = (match.group(1), match.start())
    if "max_delay" in found and "initial_delay" in found and found["max_delay"] == found["initial_delay"]:
        del found["max_delay"]  # one phrase read twice; a range ("from 10 s to 600 s") gives both
    return found


def _waits_growing(text: str) -> bool:
    """Waits that grow one after the other, said as waits: "Wait 2 s ..., then double each time: 2, 4, 8, 16 s"; not
    an SLA's "P50/P95/P99 latency: 120/350/900 ms" nor reminders "7, 3 and 1 days before"."""
    figures = as_figures(text)
    ladder = _LADDER.search(figures)
    if ladder is None or not _WAIT_WORD.search(figures):
        return False
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", ladder.group(0))]
    timed = [duration_seconds(m.group(0)) for m in _ANY_DURATION.finditer(ladder.group(0))]
    if len(timed) == len(numbers) and None not in timed:
        numbers = timed  # "30 s, 1 min, 2 min, 4 min": each with its unit
    return all(a < b for a, b in zip(numbers, numbers[1:]))


_WAIT_WORD = lazy(r"\b(?:wait\w*|delay\w*|back-?off|apart|doubl\w*|trebl\w*|tripl\w*|spacing|interval\w*)\b", re.I)
# "1 s → 2 s → 4 s", "5, 10, 20, 40 and 80 minutes": delays one after the other, the unit said once or each time
_LADDER = lazy(rf"{DURATION}(?:\s*(?:→|->|,|;|/|then|and)\s*{DURATION}){{2,}}"
               rf"|\b\d+(?:\.\d+)?(?:\s*(?:→|->|,|;|/|then|and)\s*\d+(?:\.\d+)?){{2,}}\s*{UNIT}", re.I)
# a count set by its name: "`maxReceiveCount` = 5", "maxAttempts: 6", "attempts = \"6\""
_COUNT_SETTING = lazy(r"\b(?:max\w*|\w*count|\w*attempts?|\w*retries|\w*redeliveries)[`\"']?\s*[=:]\s*[`\"']?\d+"
                      r"|`(?:max\w*|\w*count|\w*attempts?|\w*retries|\w*redeliveries)`\s+(?:of\s+|is\s+|set\s+to\s+)?\d+\b"
                      # a settings row: "| Attempts | 7 | 5 |" (not a metric's "| Retries | 120 per hour |")
                      r"|\b(?:\w*attempts?|\w*retries|\w*redeliveries)\s*\|\s*\d+\b(?!\s*(?:per\b|/|%|an?\s+(?:hour|minute|day)))", re.I)
# (a setting named in code, then its value: "the redrive policy has `maxReceiveCount` 5")


def _loose(retry: Retry, said) -> None:
    """Evidence of a field no statement states precisely: say nothing of it rather than "missing". `said` holds
    (text, span) pairs."""
    placed = {id(getattr(retry, name)) for name in _FIELDS}
    for written, span in said:
        text = as_figures(written)
        ladder = _LADDER.search(text)  # "1 s → 2 s → 4 s → 8 s → 16 s", "1 s / 2 s / 4 s": the first delay, the last, their growth
        if retry.strategy is None and (_STRATEGY_WORDS.search(text) or ladder):
            retry.strategy = evidence(text, span)
        if ladder and retry.initial_delay is None:
            retry.initial_delay = evidence(text, span)
        if ladder and retry.max_delay is None:
            retry.max_delay = evidence(text, span)
        if retry.max_attempts is None and (_COUNT_WORDS.search(text) or _COUNT_SETTING.search(text) or
                                           is_unbounded(text)):
            retry.max_attempts = evidence(text, span)
        if retry.circuit_breaker is None and BREAKER_WORDS.search(NO_BREAKER.sub(" ", text)):
            retry.circuit_breaker = evidence(text, span)  # not "Logic Apps has no circuit breaker"
        if retry.max_delay is None and _CAP_WORDS.search(text):
            retry.max_delay = evidence(text, span)
        if retry.initial_delay is None and _unplaced_duration(text, retry, placed):
            retry.initial_delay = evidence(text, span)


def _unplaced_duration(text: str, retry: Retry, placed: set[int]) -> bool:
    """A duration said of a delay that no field holds (the cap's 60 s is not an initial delay, and a
    "14-day retention" is no delay at all)."""
    taken = " ".join(v.text for v in (retry.max_delay, retry.circuit_open) if v is not None and id(v) in placed)
    for match in _DELAY_DURATION.finditer(text):
        durations = _ANY_DURATION.findall(match.group(0))
        if any(duration not in taken for duration in durations):
            return True
    return False


def worst_case(retry: Retry) -> float | None:
    """Seconds spent waiting if every attempt fails: the delays summed, each capped."""
    attempts, initial = retry.max_attempts, retry.initial_delay
    if not (given(attempts) and given(initial)) or attempts.number is None or initial.number is None:
        return None
    if attempts.loose or initial.loose or is_unbounded(attempts.text) or given(retry.max_delay) and retry.max_delay.loose:
        return None  # a cap said in words the reader did not take: the sum cannot be told
    cap = retry.max_delay.number if given(retry.max_delay) and retry.max_delay.number else float("inf")
    growth = backoff_growth(retry.strategy.text) if given(retry.strategy) else "exponential"
    total = 0.0
    for attempt in range(int(min(attempts.number, 1000))):
        if growth == "fixed":
            delay = initial.number
        elif growth == "linear":
            delay = initial.number * (attempt + 1)
        else:
            delay = initial.number * 2**attempt
        total += min(delay, cap)
    return total


def retries_at_most_once(strategy: str) -> bool:
    """ "No retries", "retry once": no schedule to spread with jitter."""
    return bool(_NO_RETRY.search(strategy))


def backoff_growth(strategy: str) -> str:
    """How the delay grows: "fixed", "linear" or (the default) "exponential"."""
    match = _BACKOFF_SHAPE.search(strategy)
    if not match:
        return "exponential"
    return "fixed" if match.group(1).lower() in ("fixed", "constant") else "linear"

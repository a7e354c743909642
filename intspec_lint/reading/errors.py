"""Error classification: categories (transient, permanent, partial, or the spec's own names), their
examples and the action for each.

From a table with a category column, a list item or sub-heading named by a category ("Transient:
429, 503 → retry"), a sentence that opens with one ("Permanent failures (400, 422) go to the
dead-letter table"), wherever it stands, and a YAML block keyed by category.
"""

from __future__ import annotations

import re

from ..document.model import ListBlock, Paragraph, Section
from ..model import ErrorCategory, Value, evidence
from .context import Reading
from .error_words import (AGAIN_LATER, GROUP, NAMED_ACTION, NOT_DONE_AGAIN, ONE_BY_ONE, PART_FAILS, PARTIAL_TOLD, PASSING,
                          SOME_BUT_OTHERS, WONT_FIX, by_content, error_action, handled_codes, leading_category, partial_with_207)
from .lazy_re import lazy
from .statements import bold_lead, key_value, words_of_key
from .text import sentences
from .topics import asks, continues
from .values import value
from .vocabulary import strip_numbering


# a heading that says which class it tells, in so many words: "(transient error)", "a partly bad batch"
_CLASS_TITLE = lazy(r"\b(?:transient|permanent|partial|retryable|non-retryable)\s+(?:errors?|failures?)\b|"
                    r"\b(?:partly|partially)\s+(?:bad|failed|failing|rejected|accepted|successful|invalid)\b", re.I)


def read(r: Reading) -> None:
    taken: set[int] = set()
    said: tuple | None = None  # (the statement that named a category, its entry): the paragraph may go on
    classes = [child for section in r.doc.root.walk() if "errors" in r.topics.of(section)
               for child in section.children if not child.children and r.vocab.category(child.title)]
    # a scenario, anywhere, that says which class it tells: "### AC-5 The slot is no longer free (permanent error)"
    chosen = {id(section) for section in classes}
    classes += [section for section in r.doc.root.walk() if section.level and not section.children
                and _CLASS_TITLE.search(section.title) and id(section) not in chosen]
    for section in classes:
        _from_section(r, section, taken)
    # a situation, anywhere, titled by the codes it handles: "## When the API times out or returns 429 or 5xx" over
    # "Retry with backoff ...": its class is what the codes are and what is done with them
    for section in r.doc.root.walk():
        if section.level and not section.children and id(section) not in chosen and section not in classes and \
                (_SITUATION.match(strip_numbering(section.title)) or _codes_titled(section.title)) and \
                handled_codes(section.title):
            body = " ".join(s.text for s in r.within(section) if s.shape != "code")
            category = by_content(f"{section.title} {body}", body)
            if category:
                _from_section(r, section, taken, category)
        elif section.level and not section.children and section not in classes and \
                (_SITUATION.match(strip_numbering(section.title)) or asks(section.title)) and PART_FAILS.search(section.title) and \
                error_action(" ".join(s.text for s in r.within(section) if s.shape != "heading")):
            _from_section(r, section, taken, "partial")  # "What if only some products in a stock batch fail?": the
            # answer below is what is done with a partly failed batch
    classed = _classes_by_content(r)
    for statement in r.statements:
        if id(statement) in taken or statement.shape == "code":
            if statement.shape == "code":  # an API description's own keys are its operations: only its
                _yaml_map(r, statement, id(statement.code) in r.examples)  # extensions (`x-error-classes`) count
            continue
        if id(statement.code) in r.examples or statement.shape == "code-key" and statement.code is not None and \
                statement.code.info == "json":
            continue  # (`{"batch_id": "c3f1..."}` in a reply: a payload's key, no class)
        if statement.shape == "row":
            kind = r.topics.table(statement.table, tuple(statement.placed))
            if kind is None:  # "| Class | Codes | What I do |" over "Transient", "Permanent": the classes, wherever
                kind = _by_categories(r, statement.table)
            if kind is not None and kind[0] == "status_codes" and statement.row is not None and \
                    len(statement.row.cells) == len(statement.table.header) >= 3 and _acting_column(r, statement.table) and \
                    not _TOLD_COLUMN.match(statement.table.header[-1].text) and \
                    by_content(" ".join(c.text for c in statement.row.cells[:-1]), statement.row.cells[-1].text):
                kind = _by_categories(r, statement.table)  # "| Code | Meaning | Bridge does |" over "| 429, 503 | busy |
                # tries again |", "| 422 | unknown address | parks |": each row a class, told by what is done
            if kind is not None and kind[0] == "errors":
                _row(r, statement, kind[1])
            elif kind is None and "errors" in statement.placed and statement.row is not None:
                # a requirement's row ("| ER-02 | Permanent errors (`400`, `404`) shall not be retried; ... |"): the
                # sentences of its longest cell
                said_cell = max(statement.row.cells, key=lambda cell: len(cell.text))
                if len(said_cell.text.split()) >= 8:
                    _classes_told(r, statement, said_cell.text)
            elif kind is None and statement.row is not None:
                _named_in_a_cell(r, statement)
            continue
        if said is not None and continues(statement, said[0]) and not _names_category(r, statement):
            if said[1].action is None and error_action(statement.text) and not leading_category(statement.text, r.vocab):
                said[1].action = value(statement.text, statement.span)  # "Transient: 429, 503. The worker retries these."
            said = (statement, said[1])
            continue
        before, said = said, None
        if ("errors" not in statement.topics and not partial_with_207(statement.text) and statement.span.line not in classed) \
                or statement.shape == "heading":
            continue  # (a partial failure told of a call, anywhere: "If some days are fine and others are not, ... `207`")
        pair = key_value(statement.text) if statement.shape in ("item", "line") else None
        if statement.key and statement.shape in ("item", "line") and r.vocab.category(statement.key):
            pair = (statement.key.strip(" .:"), statement.value)  # "**Will never work (permanent).** 400, ..."
        lead = bold_lead(r.doc.lines[statement.span.line - 1]) if statement.shape in ("item", "line") else None
        if lead and not r.vocab.category(pair[0] if pair else ""):
            whole = statement.value if statement.key.strip(" *_.:") == lead[0].strip(" *_.:") else ""
            pair = (lead[0].strip(" .:"), whole or lead[1])  # "**Already done** – 409 on I2: ...": the bold words
            # name it, and what it holds goes on over the lines the item wraps onto ("... 503,\n  ... Retried.")
        named = pair and r.vocab.category(pair[0]) and ("errors" in statement.placed or (
            len(pair[0].split()) <= 3 and "contracts" not in statement.placed))  # not "Response (partial):"
        whole = " ".join(pair) if pair else ""
        told = by_content(whole, whole) if lead and whole else None  # what a bold-led class holds says which it is
        custom = pair and not named and ("errors" in statement.placed or lead and statement.span.line in classed) and \
            len(pair[0].split()) <= (8 if lead else 4) and (handled_codes(pair[1]) or told == "partial") and \
            (error_action(pair[1]) or lead and (NAMED_ACTION.search(whole) or told == "transient") or
             told == "partial" and any(error_action(n.text) for n in r.under(statement) if n.shape == "item")) and \
            sum(1 for _, said in sentences(pair[1]) if leading_category(said, r.vocab)) < 2  # "Stale: `409` ... treated
        # as success"; not "**Error classes.** Transient: 429 → retry. Permanent: 400 → DLQ.": the classes it leads
        if named or custom:
            nested = [n.text for n in r.under(statement) if n.shape == "item"]
            entry(r, pair[0], pair[1], statement.span, nested)
            if r.spec.errors and r.spec.errors[-1].span.line == statement.span.line:
                said = (statement, r.spec.errors[-1])
            continue
        last = _classes_told(r, statement, statement.text)
        if last is not None and last.action is None and before is not None and before[1].action is not None and \
                continues(statement, before[0]) and _ELLIPSIS.match(statement.text):
            last.action = value(f"{before[1].action.text} / {statement.text}", statement.span)  # "Transient errors
            # are retried. Permanent errors are not.": the verb of the sentence before, denied by ellipsis
        if last is not None:
            said = (statement, last)  # the paragraph's next sentence may say the action of the class it named last
    _asked_action(r)
    _by_members(r)
    if r.spec.errors:
        r.mark("errors", r.spec.errors[0].span)
    _told_anywhere(r)


_KNOWN = ("transient", "permanent", "partial", "success")
_RETURNS_CLASS = lazy(r"\breturn\s+(?:[A-Za-z_]\w*\.)?([A-Z][A-Z_]{3,})\b")


def _by_members(r: Reading) -> None:
    """Classes of the team's own naming, told apart by their members where the document sorts failures into two
    kinds or more ("*Will pass:* 429, 503, timeouts" beside "*Will not pass:* 400, 404"; "| Won't fix itself |
    `400`, `404` | Stops; ... |"): the one that holds only passing failures (rate limits, outages, timeouts) is the
    transient class, the one that holds only client errors the permanent class. A kind already read stays as read."""
    errors = r.spec.errors
    if len(errors) < 2:
        return
    for error in errors:
        if error.category in _KNOWN:
            continue
        codes = handled_codes(action_of([error.name, error.examples]))
        if not codes or not all(isinstance(code, int) for code in codes):
            continue
        done = action_of([error.examples, error.action])
        if codes <= PASSING and not _NEVER_AGAIN.search(done):
            error.category = "transient"
        elif all(400 <= code < 500 and code not in PASSING for code in codes) and not AGAIN_LATER.search(done) and \
                not any(e.category == "permanent" for e in errors) and not _SUCCEEDS.search(done):
            error.category = "permanent"  # (not "| Token trouble | 401, 403 | Refresh the token and try again once |")


_NEVER_AGAIN = lazy(r"\b(?:never|not|no)\s+(?:retr\w*|tried|sent\s+again)|\bpark\w*|\bdead[- ]?letter\w*|\bquarantin\w*", re.I)
_SUCCEEDS = lazy(r"\b(?:treat\w*\s+as\s+(?:a\s+)?(?:success|done|ok)|success|no[- ]?op|nothing\s+to\s+do|ignor\w*)\b", re.I)


def _classes_told(r: Reading, statement, text: str):
    """The error classes a statement's sentences open with, each with its action; the class the last one named."""
    last = None  # the class the paragraph's last sentence named: the next sentences may say its action
    for offset, sentence in sentences(text):
        if _BREAKER_LEAD.match(sentence):
            continue  # "Circuit breaker per destination: opens after 8 consecutive transient failures": no class
        category = leading_category(sentence, r.vocab)
        if not category and last is not None and last.action is None and error_action(sentence) and \
                not handled_codes(sentence):  # "*Partial*: a visit where some lines fail. We post the lines
            last.action = value(sentence, last.span)  # that map and hold the rest.": that class's action
            continue
        if not category and (statement.topics | statement.placed) & {"errors", "retry"} and _KIND_LEAD.match(sentence) \
                and handled_codes(sentence):
            category = by_content(sentence, sentence)  # "The lasting kind are 400 and 404; retrying these cannot help":
            # a class of the team's own naming, told by what it holds and what is done with it
        if not category and statement.placed & {"errors", "retry"} and handled_codes(sentence):
            category = r.vocab.category(sentence)  # "Anything in the 5xx range, a 429 ... is transient: ..."
        if not category and (statement.topics | statement.placed) & {"errors", "retry"} and _CODES_LEAD.match(sentence) \
                and _CODES_ACTED.search(sentence):
            category = by_content(sentence, sentence)  # "`400`, `404`, `422` are not: they are nacked without requeue,
            # so the broker moves them straight to the parked queue": codes as the subject, told by what is done
        if not category and (statement.topics | statement.placed) & {"errors", "retry"} and \
                len({code for code in handled_codes(sentence) if isinstance(code, int)}) >= 2 and _VERDICT.search(sentence) \
                and not _RETRIED_AFTER_ALL.search(sentence):
            category = by_content(sentence, sentence)  # "Waiting does not fix a `422`, nor a `400` or a `404`, so the
            # sender gave up": codes anywhere in a sentence that says whether they are tried again (in a statement about
            # errors: the retries' own sections are read below)
        if not category and not statement.placed - {"retry"} and statement.topics & {"errors", "retry"} and \
                _RETRY_WORD.search(sentence) and handled_codes(sentence) and not r.vocab.category(text):
            category = by_content(sentence, sentence)  # in no part's section but the retries', "X retries a failed
            # call only for `429`, `503` and timeouts": what is done with the codes says the class
        if not category and ("errors" in statement.topics or partial_with_207(sentence)) and \
                PARTIAL_TOLD.search(sentence) and error_action(sentence):
            category = "partial"  # "If a run succeeds for some pages and fails for others, then the Hub shall ..."
        if category:
            line = statement.span.line + text.count("\n", 0, offset)
            count = len(r.spec.errors)
            entry(r, category, sentence, statement.span._replace(line=line, end_line=line), [])
            last = r.spec.errors[-1] if len(r.spec.errors) > count else None
    return last


def cue(text: str) -> bool:
    """A line whose subject is a list of status codes and whose rest says what is done with them, wherever it stands
    ("`400`, `401`, `404`, `409`: not sent again. The row moves to ...", "`429`, `5xx`: sent again per the schedule"
    under a flow's *Outputs*): a class told by its members, as under an error handling heading."""
    return bool(_CODES_LEAD.match(text)) and bool(_CODES_ACTED.search(text)) and not _NOT_A_RULE.search(text) and \
        by_content(text, text) is not None


# codes led line that is a metric's threshold or a change's history, no class: "`429`, `503` above 5 % of calls: page
# on-call", "`400`, `404`: no longer parked since v2"
_NOT_A_RULE = lazy(r"\d\s*%|\babove\s+\d|\bover\s+\d|\bno\s+longer\b|\bsince\s+v?\d|\buntil\s+(?:v?\d|last|release)|"
                   r"\bused\s+to\b|\bpreviously\b", re.I)


def _asked_action(r: Reading) -> None:
    """A category listed as the answer to a question that says what is done ("**Q: Which failures get retried?**"
    over "Transient ones: 429, 503, timeouts"): the question's verb is its action."""
    where = {s.span.line: s for s in r.statements if s.shape != "heading"}
    for category in r.spec.errors:
        statement = where.get(category.span.line)
        title = statement.section.title if statement is not None else ""
        if category.action is None and title and asks(title) and error_action(title):
            category.action = evidence(title, category.span)


# a statement about failures, in any shape: an error, a failure, a rejection, a status class, a 207 (a batch partly
# failed), a retry
_FAILURE_PART = lazy(r"\b(?:errors?|fail\w*|exceptions?|faults?|reject\w*|invalid\w*|[45]xx|[45]\d\d|retr\w*|re-?deliver\w*|"
                     r"dead[- ]?letter\w*|dlq|nonRetryable|retryable)\b|Error\b|Failure\b"
                     r"|(?<![\w.])`?207`?(?=\W*(?:\)|multi|partial|response|status|with|$))", re.I)
_TRANSIENT_ONE = r"(?:429|50[0234]|time-?outs?|timed\s+out|connection\s+(?:resets?|refused))"  # a member of the class
_TOLD = {
    # ... or by its members, two of them in one clause: "fail with a timeout (30 s), connection reset, 429, 502 or 503"
    "transient": lazy(r"\b(?:transient|temporary|retr(?:y|i)able)\b"
                      rf"|\b{_TRANSIENT_ONE}\b(?=[^.;]{{0,80}}\b{_TRANSIENT_ONE}\b)", re.I),
    "permanent": lazy(r"\b(?:permanent|non-?retr(?:y|i)able|unrecoverable|never\s+retried|not\s+retried)\b|nonRetryable"
                      r"|(?:`?[1-5]\d\d`?|errors?|codes?|failures?|rejections?)\s+(?:is|are)\s+final\b",  # "A `409` is final"
                      re.I),
    # a part of a batch that fails: "partial", a 207, "some lines fail validation", per-record results
    "partial": lazy(r"\bpartial\w*|\bpart(?:ial)?ly\s+(?:good|fine|ok|okay|valid|bad|wrong|broken)\b|\b207\b|\bmulti-?status\b|\bsome\s+(?:of\s+(?:the|its)\s+)?(?:[\w-]+\s+){1,2}"
                    r"(?:fail|are\s+(?:rejected|invalid|not\b))|\bper-(?:record|item|row|line|entry|document)\s+"
                    r"(?:errors?|results?|status\w*)|\bresult\s+per\s+(?:record|item|row|line|entry|document)"
                    # the good part kept and the bad one set apart: "load every valid row, reject invalid rows individually"
                    r"|\b(?:every|each|all(?:\s+the)?)\s+valid\s+(?:[\w-]+\s+)?(?:rows?|lines?|records?|items?|entries|events?)\b"
                    r"|\bnot\s+(?:an?\s+)?all[- ]or[- ]nothing\b"
                    rf"|{SOME_BUT_OTHERS}"  # "Some photos went up but others didn't"
                    # "a draw where some winners match and some do not"
                    r"|\bsome\s+(?:[\w-]+\s+){0,2}[\w-]+\s+and\s+some\s+(?:do|does|did|are|were|can|could)\s*(?:n[o']t|not)\b"
                    # "answers a batch with the ids it accepted; we redeliver only the others"
                    r"|\b(?:only|just)\s+the\s+(?:others|rest|(?:failed|rejected|invalid)\s+(?:ones|rows|items|records|lines|"
                    r"entries))\b"  # (what is done with them: below)
                    # "bad readings go to the DLQ and the rest of the batch is committed": a batch split by its items
                    r"|\bthe\s+rest\s+of\s+(?:the|its|each)\s+(?:micro-?)?(?:batch|file|run)\s+(?:is|are|gets?)\s+"
                    r"(?:committed|stored|processed|loaded|applied|accepted|imported|saved)\b",
                    re.I),
}
# what is done next with the failed part: not how a response tells it ("some stored, the others listed in `rejected`")
_DONE = lazy(r"\b(?:retr\w*|dead[- ]?letter\w*|dlq|alert\w*|park\w*|quarantin\w*|re-?sen[dt]\w*|re-?deliver\w*|re-?submit\w*|re-?queue\w*|"
             r"correct\w*|fix\w*|replay\w*|skip\w*|ignor\w*|drop\w*|notif\w*|e-?mail(?:s|ed)?|escalat\w*|ticket\w*|review\w*|"
             r"commit\w*|refund\w*|compensat\w*|roll(?:s|ed)?\s+back|thrown|throws?|raise[sd]?|tasks?|"
             # the rest put where someone works them: "Matched rows are applied; the others go on the exception list"
             r"(?:exception|error|reject\w*)\s+(?:list|queue|table|report)|"
             r"(?:requested|sent|submitted|posted|tried|queued)\s+again|"
             # handled as another part of the spec says: "handles the rest as in Story 2"
             r"(?:handle[sd]?|treat(?:s|ed)?|dealt\s+with)\s+(?:the\s+rest|them|the\s+others)\s+as\s+(?:in|per)\b|"
             # a place the failed part is put: "rejected lines go to `fulfilment.substitutions`", "moves rejected ones to"
             r"(?:go(?:es)?|move[sd]?|sent|written|routed|published|cop(?:y|ies|ied))\s+(?:[\w-]+\s+){0,3}?(?:in)?to)\b", re.I)
_UNTOLD = lazy(r"\b(?:tbd|tbc|todo|not\s+(?:yet\s+)?(?:defined|decided|specified|handled|covered))\b|\?\s*$", re.I)


def _handled(told, text: str) -> bool:
    """A clause names the category and, besides, what becomes of it ("some lines fail validation: the Recipient
    loads every valid line"); not "`207` some items rejected, see `results[]`" (a response, told) nor a field's name."""
    if told is _TOLD["partial"] and ONE_BY_ONE.search(text) and GROUP.search(text):
        return True  # (its verbs say what becomes of each part)
    clauses = _CLAUSE.split(text)
    for number, clause in enumerate(clauses):
        if told.search(clause) and any(_DONE.search(_QUOTED.sub(" ", _CODE_SPAN.sub(" ", told.sub(" ", said))))
                                       for said in clauses[number:number + 4]):
            return True  # ... or the clauses right after it: "partial failure: a result per document. Succeeded
    return False  # documents are not re-sent; only the failed ones are retried"


_CLAUSE = lazy(r"[;·•]|\.\s+(?=[A-Z`*(])")
_CODE_SPAN = lazy(r"`[^`]*`")
_ELLIPSIS = lazy(r"^[^.;?]{0,120}?\b(?:are|is)\s+not\W*$", re.I)  # a bare clause: "Permanent errors (`400`) are not."
_QUOTED = lazy(r'"[^"\n]*"')  # a JSON key or value of an example ("ticket_no"), not a word of what is done


def _partial_part(text: str) -> bool:
    return bool(_FAILURE_PART.search(text) or ONE_BY_ONE.search(text))


def _told_anywhere(r: Reading) -> None:
    """The error categories the document names with what becomes of them in words or shapes no entry was read
    from (a code comment, a clause "(c) partial (a file in which some lines fail): the Recipient shall load every
    valid line", an org-mode table): each is loose evidence (`errors:<category>`), so the classification is not
    called without it."""
    testimony = r.spec.testimony
    if testimony is None:
        return
    read = {error.category for error in r.spec.errors}
    for statement in r.statements:  # a classifier in program code that returns the class by its name: `return
        # PARTIAL  # look at each item on its own`, `return ErrorClass.TRANSIENT`
        if statement.shape == "code" and id(statement.code) not in r.examples:
            for named in _RETURNS_CLASS.finditer(statement.text):
                category = r.vocab.category(named.group(1).replace("_", " ").lower())
                if category in _KNOWN and category not in read:
                    r.spec.evidence.setdefault(f"errors:{category}", statement.span)
    for category, told in _TOLD.items():
        if category not in read:
            part = _partial_part if category == "partial" else _FAILURE_PART.search  # ("each message is acked or
            # nak'd on its own": a batch's items dealt with one by one, in no word of failure)
            said = testimony.states(part, lambda text, told=told: _handled(told, text), _UNTOLD.search, joined=True)
            if said:
                r.spec.evidence.setdefault(f"errors:{category}", said[1])


def _classes_by_content(r: Reading) -> set[int]:
    """The first lines of the items of a list, or of the paragraphs of a section (a glossary's terms), anywhere,
    whose bold leads name classes in the team's own words and whose contents tell two classes at least
    ("**Try again later**: 429, 503. Retried.", "**Hard failure** — will not clear by trying again: 400, 422."): a
    classification, whatever section holds it."""
    classed: set[int] = set()
    for section in r.doc.root.walk():
        groups = [[(item.span, item.text) for item in block.items] for block in section.blocks
                  if isinstance(block, ListBlock)]
        groups.append([(block.span, block.text) for block in section.blocks if isinstance(block, Paragraph)])
        for number, group in enumerate(groups):
            told = {}
            for span, text in group:
                lead = bold_lead(r.doc.lines[span.line - 1])
                if lead and (len({leading_category(sentence, r.vocab) for _, sentence in sentences(lead[1])} - {None}) >= 2
                             or _SPEAKER_LEAD.match(r.doc.lines[span.line - 1])):
                    continue  # "**DARA:** Transient: 429 — retry. Permanent: ...", "**SAM:** When B gives us a 503 we
                    # retry": a speaker, no class (not "*Will never work:* `400`. Not retried": a verdict on one)
                if lead and not lead[0].rstrip(" *_").endswith("?") and (
                        handled_codes(text) or PART_FAILS.search(text) or PARTIAL_TOLD.search(text)):
                    told[span] = (lead[0], by_content(f"{lead[0]} {text}", f"{lead[0]} {text}"), text)
            if len({category for _, category, _ in told.values()} - {None}) >= 2:
                classed.update(span.line for span, _ in group)
                if number == len(groups) - 1:  # paragraphs, whose sentences no reader takes as one class's entry:
                    for span, (name, category, text) in told.items():  # "**Won't fix itself** — `400`, `422`. No
                        if category:  # further tries; straight to the list."
                            entry(r, name, text.split(name, 1)[-1].lstrip(" *_.:—–-"), span, [])
    return classed


def _named_in_a_cell(r: Reading, statement) -> None:
    """A row of a questionnaire or a table of topics, one cell naming a class of errors in the team's words and
    another holding its codes ("| D4 | Errors you will not retry. | `400`, `401`, `404`. Saved as failed ... |"): the
    class, named by the first and told by the second, as a heading over its paragraph."""
    cells = [cell for cell in statement.row.cells if cell.text.strip()]
    said = max(cells, key=lambda cell: len(cell.text), default=None)
    for cell in cells:
        name = cell.text.strip(" *_.:?")
        if cell is said or not _CELL_CLASS.search(name) or len(name.split()) > 8 or handled_codes(name):
            continue
        first, *rest = [sentence for _, sentence in sentences(said.text)] or [said.text]
        if handled_codes(first) and by_content(f"{name} {first}", " ".join([name, first, *rest])):
            entry(r, name, first, statement.span, rest)
            return


# a cell that names a class of errors: "Errors you will not retry", "Failures that clear on their own"
_CELL_CLASS = lazy(r"\b(?:errors?|failures?|faults?|rejections?)\b", re.I)


def _names_category(r: Reading, statement) -> bool:
    """The statement names a category of its own ("Permanent — 400 ...", "Partial failures are ...")."""
    pair = key_value(statement.text)
    if _KIND_LEAD.match(statement.text) and handled_codes(statement.text):
        return True  # "The lasting kind are 400 and 404 ...": a class of the team's naming opens
    if _CODES_LEAD.match(statement.text) and _CODES_ACTED.search(statement.text) and \
            by_content(statement.text, statement.text):
        return True  # "`400`, `404` and `422` are not: they go straight to the parked queue": codes told as a class
    return bool(pair and r.vocab.category(pair[0])) or any(
        leading_category(sentence, r.vocab) for _, sentence in sentences(statement.text))


def _by_categories(r: Reading, table) -> tuple[str, dict[int, str]] | None:
    """A table under the error handling whose headers the vocabulary does not know ("Sort | Which |
    What we do") but whose first column names categories on two rows or more: the category, the
    column that names status codes, and the last column as the action."""
    def columns():
        rows = [row.cells for row in table.rows if row.cells]
        if len(table.header) < 2 or len({r.vocab.category(cells[0].text) for cells in rows} - {None}) < 2 and (
                any(_ROW_ID.match(cells[0].text) for cells in rows) or
                len({by_content(" ".join(c.text for c in cells[:-1]), cells[-1].text) for cells in rows
                     if len(cells) == len(table.header)} - {None}) < 2):
            return None  # a table of classes names two of them at least, not "batch" twice ("Samples per F1 batch"),
            # by name or by what its rows hold and what is done with them ("Passing | 429, 503 | retried", "Won't fix
            # itself | 400, 422 | no retry; parked")
        found = {0: "category", len(table.header) - 1: "action"}
        coded = [i for i in range(1, len(table.header) - 1)
                 if sum(1 for cells in rows if i < len(cells) and handled_codes(cells[i].text)) >= 2]
        if coded:
            found[coded[0]] = "examples"
        return ("errors", found)

    return r.per_table("errors.by-categories", table, columns)


# a row's id, not a class's name: an acceptance test "T1", "AC-4", "3.2"; a status code alone ("`207`") is a class's member
_ROW_ID = lazy(r"^\W*(?![1-5]\d\d\W*$)(?:[A-Z]{1,5}[-_ ]?)?\d+(?:\.\d+)*\W*$")
_ASIDE_ACTION = lazy(r"\(([^()]{3,80})\)")
# an action told elsewhere: "see its *If some rows are bad*", "Handling: see 4 Nov.", "see section 6"
_SEE_ELSEWHERE = lazy(r"\bsee\s+(?:its\s+|the\s+|section\s+|§\s*|below|above|[*_`\d])|\bas\s+(?:described|set\s+out)\s+in\b",
                      re.I)


# a last column that tells who hears of it or remarks on it, not what is done with the call
_TOLD_COLUMN = lazy(r"^\W*(?:alerts?|alarms?|pages?|paging|notes?|comments?|remarks?|monitoring|severity|who\s+is\s+told)\W*$",
                    re.I)


def _acting_column(r: Reading, table) -> bool:
    """The table's last column says what happens on all its other rows but one: its cells are actions in any words."""
    def acting():
        cells = [row.cells[-1].text for row in table.rows if len(row.cells) == len(table.header)]
        return len(cells) >= 3 and sum(1 for text in cells if error_action(text)) >= len(cells) - 1
    return r.per_table("errors.acting-column", table, acting)


def _row(r: Reading, statement, columns: dict[int, str]) -> None:
    cells = statement.row.cells
    alone = not any(cell.text.strip() for cell in cells[1:])
    if len(cells) > 2 and (alone or cells[0].text == cells[1].text and not any(cell.text.strip() for cell in cells[2:])):
        return  # "timeout 30 s, DB timeout" alone on a text table's line: the first cell of the row above, wrapped
    if alone and len(cells[0].text.split()) > 12:
        return  # "| Both parties use the same retry policy: exponential backoff ... | |": a note across the table
    fields = {name: value(cells[i].text, cells[i].span) for i, name in columns.items() if i < len(cells)}
    last = len(statement.table.header) - 1
    if "action" not in fields and last not in columns and last < len(cells) and cells[last].text.strip() and (
            error_action(cells[last].text) or _acting_column(r, statement.table)):
        fields["action"] = value(cells[last].text, cells[last].span)  # "What the connector does": the last column,
        # in any words where the rest of that column says what happens ("Booking kept; the sold-out lines voided")
    name = fields.get("category")
    above = r.spec.errors[-1] if r.spec.errors and r.spec.errors[-1].span.line < statement.span.line else None
    if name is not None and not name.text.strip() and above is not None:
        name = above.name  # "| | `503` from us | you redeliver |": the row above's category goes on
        if not (fields.get("action") and fields["action"].text.strip()):
            fields["action"] = above.action
    # what the class holds: its examples' column, or every cell but the action's where no column is named for them
    # ("| Passing | 429, 503, timeout | resend after a wait |" under "Kind | Looks like | What the worker does")
    held = action_of([name, fields.get("examples")]) if "examples" in fields else " ".join(
        cell.text for cell in cells if fields.get("action") is None or cell.span != fields["action"].span)
    category = (r.vocab.category(name.text) if name else None) or by_content(
        held, action_of([fields.get("action")])) or (name.text.lower() if name else "")
    r.mark("errors", statement.section.span)
    r.spec.errors.append(ErrorCategory(statement.span, category, name, fields.get("examples"), fields.get("action")))


def entry(r: Reading, name: str, rest: str, span, nested: list[str]) -> None:
    category = r.vocab.category(name) or by_content(f"{name} {rest}", " ".join([rest] + nested)) or \
        by_content(f"{name} {rest}", " ".join([name, rest] + nested)) or name.lower()  # ("**Don't bother retrying**: 400")
    for existing in r.spec.errors:
        if existing.category == category and existing.span.line == span.line:
            if existing.action is None and error_action(" ".join([rest] + nested)):
                existing.action = value(rest, span)  # "**Permanent**: 400, 404. Not retried; written to the DLQ."
            return
    action = error_action(" ".join([rest] + nested))
    aside = _ASIDE_ACTION.search(name)
    if action is None and aside and error_action(aside.group(1)):
        action = aside.group(1)  # "**Transient** (retried): `429`, `503`": the action beside the class's name
    named = NAMED_ACTION.search(name) or NAMED_ACTION.search(rest)
    if action is None and named:
        action = named.group(0)  # "*No point trying again*: 400, 422", "**Hard failure** — will not clear by trying
        # again: 400, 422": the class's name or its definition says what is done with it
    done = NOT_DONE_AGAIN.search(rest) if action is None and category == "permanent" else None
    if done:
        action = done.group(0)  # "`400`, `422`. No further tries; straight to the list" (not "these won't succeed")
    if action is None and _SEE_ELSEWHERE.search(rest):  # "Partial: the nightly `207`. Handling: see 4 Nov.": the
        r.spec.errors.append(ErrorCategory(span, category, value(name, span), value(rest, span), evidence(rest, span)))
        return  # action is told where it points, in a shape this line does not give
    same = [e for e in r.spec.errors if e.category == category]
    if same and not action:
        return  # "A 404 on anything except DELETE is permanent too.": the category's action is said already
    for earlier in same:
        earlier.action = earlier.action or value(action, span)  # said in the category's next sentence
    r.spec.errors.append(ErrorCategory(span, category, value(name, span), value(rest, span),
                                       value(action, span) if action else None))


def _from_section(r: Reading, section: Section, taken: set[int], category: str | None = None) -> None:
    category = category or r.vocab.category(section.title)
    statements = [s for s in r.within(section) if s.shape != "code"]
    taken.update(id(s) for s in statements)
    text = " ".join(s.text for s in statements)
    action = None
    for statement in statements:
        pair = key_value(statement.text)
        if pair and r.vocab.field("errors", pair[0]) == "action" and pair[1].strip():
            action = value(pair[1], statement.span)
    if action is None and error_action(text):
        action = value(error_action(text), section.span)
    r.spec.errors.append(ErrorCategory(section.span, category, value(section.title, section.span),
                                       value(text, section.span), action))


def _yaml_map(r: Reading, code_statement, extensions_only: bool = False) -> None:
    """Error classes in a config block: `errors: {transient: [429, 503], transient_action: retry}`,
    `errors.permanent=400,422` and `errors.permanent.action=dead-letter`. Only keys that name a
    category under a key that names errors count: `"last_error": {"code": ...}` in a payload is no
    policy."""
    groups: dict[str, dict] = {}
    comments = {s.span.line: s.text for s in r.under(code_statement) if s.shape == "code-comment"}
    for statement in r.under(code_statement):
        if statement.shape != "code-key" or (extensions_only and statement.code is code_statement.code):
            continue
        parts = [p.split("[")[0] for p in statement.key.split(".")]
        for depth, part in enumerate(parts):
            words = words_of_key(part)
            category = r.vocab.category(words)
            parent = words_of_key(parts[depth - 1]) if depth else ""
            if not category or not ((not depth and "errors" in code_statement.placed)
                                    or (depth and "errors" in r.vocab.section_parts(parent))):
                continue
            group = groups.setdefault(category, {"span": statement.span, "name": part, "action": [], "examples": []})
            rest = [words_of_key(p) for p in parts[depth + 1:]]
            if words.endswith(("action", "handling")) or (rest and r.vocab.field("errors", rest[0]) == "action"):
                group["action"].append(statement.value)
            elif statement.value:
                group["examples"].append(statement.value)
            # "transient: [429, 503]⏎#   -> retry per `retry`", or on its own line: `permanent = [...]  # -> dead_letter{}`
            noted = next((c for c in (comments.get(statement.span.line, ""), comments.get(statement.span.line + 1, ""))
                          if _NOTED_ACTION.match(c)), "")
            if noted and not rest:
                group["action"].append(noted.lstrip("-=>→ ").strip())
            break
    for category, group in groups.items():
        span = group["span"]
        action = ", ".join(v for v in group["action"] if v)
        examples = ", ".join(v for v in group["examples"] if v)
        if not action and not handled_codes(examples) and not error_action(examples) and not re.search(r"\s", examples):
            continue  # `"batch": "TBAC-2024-W19-1"` in a reply: a key that holds an id, no class
        r.spec.errors.append(ErrorCategory(span, category, value(group["name"], span),
                                           value(examples, span) if examples else None,
                                           value(action, span) if action else None))
        r.mark("errors", span)


_NOTED_ACTION = lazy(r"^\s*(?:->|=>|→)\s*\S")  # a comment under a class's key that says what becomes of it

_RETRY_WORD = lazy(r"\bretr(?:y|ies|ied|ying)\b", re.I)
# a scenario titled by the codes it tells: "S7 — B says the batch is wrong (`400`, `403`, `422`)"
_CODES_TITLED = lazy(r"[(—–:]\s*`?[1-5]\d\d`?(?:\s*(?:,|/|\bor\b|\band\b)\s*(?:[\w-]+\s+){0,3}?`?[1-5](?:\d\d|xx)`?){1,}", re.I)


def _codes_titled(title: str) -> bool:
    """A scenario's title that lists status codes as codes (in code, after "HTTP", or alone in brackets), not numbers
    of something ("Batch limits: 400 or 450 items", "Timeouts: 300 or 500 ms") nor a call's heading."""
    found = _CODES_TITLED.search(title)
    return bool(found) and not _COUNTED_NUMBER.search(title) and not _CALL_TITLE.match(title) and (
        "`" in found.group(0) or bool(re.search(r"\bHTTP\b", title)) or bool(re.search(r"[1-5]\d\d`?\s*\)", title)))


_COUNTED_NUMBER = lazy(r"\b[1-5]\d\d\s*(?:items?|rows?|records?|messages?|ms|s|secs?|seconds?|min|minutes?|%|bytes?|kb|mb|"
                       r"days?|hours?|per\b)", re.I)
_CALL_TITLE = lazy(r"^\W*(?:GET|POST|PUT|PATCH|DELETE|HEAD)\b|^\W*/", re.I)
_SITUATION = lazy(r"^\W*(?:when|if|whenever|on|what\s+(?:if|happens\s+(?:if|when)))\b", re.I)  # "When the API returns
# 400 or 422": a case, as a heading
# a speaker's name before what they say, its colon inside the bold: "**SAM:**", "**Priya (ops):**"
_SPEAKER_LEAD = lazy(r"^\W*(?:\*\*|__)[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?(?:\s*\([^()]{1,20}\))?:(?:\*\*|__)")
# a sentence that opens on a class of the team's own naming: "The passing kind are ...", "The second group covers ..."
_KIND_LEAD = lazy(r"^\W*(?:the\s+|a\s+)?(?:[\w'-]+\s+){1,3}?(?:kind|sort|class|type|group|bucket|family|category)s?\s+"
                  r"(?:is|are|covers?|means?|includes?|holds?|contains?|consists?)\b", re.I)
# a sentence whose subject is a list of status codes: "`400`, `401`, `404` and `422` are not ..."
_CODES_LEAD = lazy(r"^\W*`?[1-5]\d\d`?(?:\s*(?:,|/|\bor\b|\band\b)\s*`?[1-5](?:\d\d|xx)`?)+(?![\w%])", re.I)
# ... and what we do with them, not what they are ("are listed in B's manual", "mean B rejected the payload")
_CODES_ACTED = lazy(r"\b(?:retr\w*|tr(?:y|ies|ied)\s+again|re-?sen[dt]\w*|(?:not\s+|never\s+)?sent\s+again|straight\s+to|park\w*|dead[- ]?letter\w*|moved?\s+(?:\w+\s+)?to|go(?:es)?\s+to|"
                    r"sent\s+to|n?ack\w*\s+without|no\s+(?:more|further)\s+(?:tries|attempts)|give\s+up)\b", re.I)
# a sentence's verdict on codes it names, tried again or not: "waiting does not fix", "not retried", "goes away on its own"
_VERDICT = lazy(rf"\b{WONT_FIX}|\b(?:not|never)\s+(?:be\s+)?(?:retried|tried\s+again|sent\s+again)|"
                r"\bgoes\s+away\s+on\s+its\s+own", re.I)
# ... contradicted by the same sentence: "so A keeps retrying them", "these are now retried 3 times too"
_RETRIED_AFTER_ALL = lazy(r"\b(?:keeps?\s+retrying|(?:are|is)\s+(?:now\s+)?retried|retries\s+(?:them|it|the\s+call))\b", re.I)
_BREAKER_LEAD = lazy(r"^\W*(?:the\s+)?(?:circuit[- ]?breakers?|breakers?|circuits?)\b", re.I)


def action_of(values: list[Value | None]) -> str:
    return " ".join(v.text for v in values if v is not None)

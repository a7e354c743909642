"""What a document says is not its design: a section whose status rejects it or that weighs options not taken,
a migration plan's current state beside its target state, a section that opens by saying it tells the past,
an item marked as an option not taken, a risk register's rows, a review's resolved findings, and the words of a
statement before a review mark ("[rejected]") or a minute's "Replaced by D2.1.". The statements step drops them (or
the part of a statement before its mark) before any reader sees them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ..span import Span

if TYPE_CHECKING:
    from .statements import Statement


def the_design(statements: list[Statement], relabel: Callable[[Statement], None]) -> list[Statement]:
    """The statements without what the document says is not its design; `relabel` keys a statement cut at
    its mark again by its own words."""
    dropped = _not_chosen(statements) | _replaced(statements)
    out = [s for s in statements if id(s.section) not in dropped] if dropped else statements
    ticked = any(s.shape == "item" and _TICKED_ITEM.match(s.text) for s in out)  # a legend: ✅ agreed, ❌ not taken
    refused = {id(s) for s in out if s.shape == "item" and (_REFUSED_ITEM.search(s.text) or ticked and _CROSSED_ITEM.match(s.text))}
    if refused:  # "❌ API key in the query string — rejected": an option weighed and not taken, and what it holds
        out = [s for s in out if id(s) not in refused and not (s.parent is not None and id(s.parent) in refused)]
    out = [s for s in out if not (s.shape == "row" and (_risk_register(s.table) or _resolved_finding(s)))]
    out = _without_replaced_words(out)
    out = [s for s in out if not (s.shape in ("sentence", "line", "item") and _OLD_THING_WAS.match(s.text)
                                  and not _NOW.search(s.text))]
    return [s for s in out if s.shape not in ("line", "item", "sentence") or _after_refusal(s, relabel)]


# a correction that names the section it replaces: "**C-3 (replaces section 8, Failed messages).** Nothing is discarded"
_REPLACES = re.compile(r"\b(?:replaces?|supersedes?|overrides?)\s+(?:section|§|clause|chapter)\s*(\d{1,2}(?:\.\d{1,2})*)\b",
                       re.I)
_NUMBERED = re.compile(r"^\W*(?:§\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s|$)")


def _replaced(statements: list[Statement]) -> set[int]:
    """The sections a correction elsewhere in the document replaces (and theirs below them): the body kept for the
    record, not the design in force."""
    numbers: dict[str, int] = {}  # the section's number -> the line of the correction that replaces it
    for statement in statements:
        if statement.shape != "code":
            for found in _REPLACES.finditer(statement.text):
                numbers.setdefault(found.group(1), statement.span.line)
    if not numbers:
        return set()

    def replaced(title: str, line: int) -> bool:  # (a section before its correction: not "replaces section 4 of the ICD")
        number = _NUMBERED.match(title)
        return bool(number) and any((number.group(1) == n or number.group(1).startswith(n + ".")) and line < at
                                    for n, at in numbers.items())

    return {id(s.section) for s in statements if any(replaced(title, s.span.line) for title in s.path[1:])
            and not _REPLACES.search(s.text)}


# a later rule that names the words of the one it replaces: "**Dead letters (replaces "discarded").** After the last
# attempt ..." in a changelog whose later entries stand
# (a label's aside, in the third person: not an instruction, "replace "data" with the name from step 4")
_REPLACES_WORDS = re.compile(r"\((?:this\s+)?(?:replaces|supersedes|overrides)\s+(?:the\s+(?:word|rule|text)\s+)?"
                             r"[\"“‘']([^\"”’'\n]{3,40})[\"”’']\s*\)", re.I)


# a sentence whose subject is the old thing, told in the past: "The old shared API key was in the agent's config file"
_OLD_THING_WAS = re.compile(r"^\W*(?:the\s+|our\s+|their\s+)?(?:old|former|legacy)\s+(?:[\w`'-]+\s+){0,3}?"
                            r"(?:was|were|had\s+been|used\s+to)\b", re.I)  # (not "the previous attempt was 5 s ago")


_NOW = re.compile(r";|\b(?:is|are|will|now|today)\b", re.I)  # "... was replaced by this API; calls are retried": goes on now


def _without_replaced_words(statements: list[Statement]) -> list[Statement]:
    """The statements without those, before a rule that says it replaces their words, that say those words: the
    replaced rule, kept as history."""
    replaced = [(found.group(1).lower(), s.span.line) for s in statements if s.shape != "code"
                for found in _REPLACES_WORDS.finditer(s.text)]
    if not replaced:
        return statements
    return [s for s in statements if s.shape == "heading" or not any(
        line > s.span.line and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", s.text, re.I) for words, line in replaced)]


_LIKELIHOOD = re.compile(r"^\W*(?:likelihood|probability|chance)\W*$", re.I)
_IMPACT = re.compile(r"^\W*(?:impact|severity|consequence|harm)\W*$", re.I)


def _risk_register(table) -> bool:
    """A risk register ("| Risk | Likelihood | Severity |"): each row a hazard weighed, what could go wrong ("A failed
    update is lost without anyone knowing"), not what the design does."""
    header = [cell.text for cell in table.header] if table is not None else []
    return any(_LIKELIHOOD.match(h) for h in header) and any(_IMPACT.match(h) for h in header)


_FINDING = re.compile(r"^\W*(?:findings?|issues?|problems?|observations?|gaps?|defects?|weakness(?:es)?|vulnerabilit(?:y|ies))\W*$",
                      re.I)
_STATUS = re.compile(r"^\W*(?:status|state|outcome)\W*$", re.I)
_RESOLVED = re.compile(r"^\W*(?:resolved|fixed|closed|mitigated|remediated|addressed|done)\b", re.I)


def _resolved_finding(statement: Statement) -> bool:
    """A review's finding marked resolved ("| F-06 | Undeliverable callbacks are dropped | Medium | Resolved |"): the
    problem the review found, since fixed, not what the design does. An open finding still tells the design."""
    table = statement.table
    if table is None or statement.row is None:
        return False
    header = [cell.text for cell in table.header]
    finding = next((i for i, h in enumerate(header) if _FINDING.match(h)), None)
    status = next((i for i, h in enumerate(header) if _STATUS.match(h)), None)
    cells = statement.row.cells
    return finding is not None and status is not None and status < len(cells) and bool(_RESOLVED.match(cells[status].text))


# a section that says it is not the design: a ticket or ADR whose status rejects it ("Status: Rejected",
# "**Labels:** `ops` · **Status:** Superseded by ADR-7"), a heading naming the options weighed and not taken
_STATUS_NOT_CHOSEN = re.compile(r"(?:^|[·|;]\s*)[*_\s]*status[*_\s]*:[*_\s]*(?:rejected|superseded|withdrawn|abandoned|declined|"
                                r"won'?t\s+do|not\s+chosen)\b", re.I)
# a migration plan's "Current state" beside its "Target state": what is being replaced, not the design
_TARGET_STATE = re.compile(r"\b(?:target|future|to-be|new)\s+(?:state|design|architecture|solution)\b|\bto-be\b", re.I)
_CURRENT_STATE = re.compile(r"\b(?:current|existing|present|legacy|as-is|old)\s+(?:state|design|architecture|"
                            r"solution|setup|process)\b|\bas-is\b", re.I)
# a section that opens by saying it tells the past: "This is the old behaviour ...", "None of it is current."
_OLD_NOTICE = re.compile(r"\b(?:the\s+)?(?:old|previous|former|earlier|legacy|original)\s+(?:behaviou?r|design|setup|"
                         r"process|integration|way)\b[^.]{0,40}\b(?:kept|shown|described|history|context|record|reference)\b"
                         r"|\bnone\s+of\s+(?:it|this)\s+is\s+(?:current|in\s+use|valid)\b"
                         # "How it works today (to be retired):" over the list of what the change replaces
                         r"|\bto\s+be\s+(?:retired|replaced|removed|decommissioned|switched\s+off)\b"
                         r"|\b(?:this|the\s+following)\s+(?:section\s+)?(?:is|was)\s+(?:no\s+longer\s+(?:current|valid|true)|"
                         r"superseded|obsolete|historical)\b", re.I)
# ("Rejected", "Alternatives we rejected", "Option B (rejected)"), not a heading about rejected data ("Rejected rows")
_NOT_CHOSEN_TITLE = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:rejected|discarded|not\s+chosen)\W*$|"
                               r"\b(?:rejected|discarded|not\s+chosen)\s+(?:options?|alternatives?|approaches|designs?|"
                               r"ideas?|solutions?|proposals?)\b|\b(?:alternatives?|options?|approaches|designs?|ideas?)\s+"
                               r"(?:(?:we|that\s+we|that\s+were|which\s+were)\s+)?(?:considered|rejected|discarded|not\s+chosen)\b|"
                               r"[(—–:-]\s*(?:rejected|discarded|not\s+chosen)\W*$|"
                               r"\bconsidered\s+(?:alternatives|options)\b|"
                               # "Future considerations" under an ADR's consequences, the whole heading: ideas for later
                               r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?future\s+(?:considerations?|work|improvements?|enhancements?|ideas?)\W*$|"
                               r"[(—–:-]\s*[*_]*(?:superseded|replaced)\s+by\b|\((?:superseded|obsolete|deprecated)\b", re.I)


# an item marked as an option not taken: "— rejected" right after what it names, or a cross where other items
# are ticked (a cross alone may be an icon: "❌ Permanent — 400, 422")
_REFUSED_ITEM = re.compile(r"^[^.;:]{3,80}?\s(?:—|–|-|:)\s*(?:rejected|not\s+chosen|ruled\s+out|discarded|not\s+adopted)\b",
                           re.I)
_CROSSED_ITEM = re.compile(r"^\W{0,3}(?:❌|✗|✘|:x:)")
_TICKED_ITEM = re.compile(r"^\W{0,3}(?:✅|✔|☑|:white_check_mark:)")


def _not_chosen(statements: list[Statement]) -> set[int]:
    """ids of the sections (each with the sections below it) the document says are not its design."""
    planned = any(s.shape == "heading" and _TARGET_STATE.search(s.text) for s in statements)
    roots = {id(s.section): s.section for s in statements
             if (s.shape in ("line", "item", "sentence") and s.section.level
                 and _STATUS_NOT_CHOSEN.search(re.sub(r"`[^`]*`", " ", s.text)))
             or (s.shape == "heading" and (_NOT_CHOSEN_TITLE.search(s.text)
                                           or planned and _CURRENT_STATE.search(s.text)
                                           and not _TARGET_STATE.search(s.text)))}  # not "current state vs target state"
    opening: dict[int, Statement] = {}  # each section's first words: "This is the old behaviour. None of it is current."
    for statement in statements:
        if statement.shape in ("line", "sentence", "item") and statement.section.level:
            opening.setdefault(id(statement.section), statement)
    roots.update({key: s.section for key, s in opening.items() if _OLD_NOTICE.search(s.text)})
    # under "Alternatives considered", "### Chosen policy" or "### Option B (chosen)" is the design after all
    kept = {id(section) for root in roots.values() for child in root.children if _CHOSEN_TITLE.search(child.title)
            for section in child.walk()}
    return {id(section) for root in roots.values() for section in root.walk()} - kept


_CHOSEN_TITLE = re.compile(r"\b(?:chosen|selected|adopted|decided|decision|recommended|recommendation|preferred)\b",
                           re.I)


# a mark that what stands before it was weighed and not taken: a review suggestion "[rejected]", a minute's
# decision "Replaced by D2.1." (what follows the mark is the answer, and stays)
_REFUSAL_MARK = re.compile(r"(?<!`)\[[*_\s]*(?:rejected|declined|not\s+accepted|withdrawn|superseded)[*_\s]*\]"
                           r"|\((?:superseded|withdrawn)\)"
                           r"|(?:^|[.;]\s+)(?:replaced|superseded|overruled|reversed)\s+(?:by|in)\s+[^;\n]{1,40}?(?:[.;](?=\s|$)|$)",
                           re.I)


_REFUSAL_WORD = re.compile(r"\b(?:[Rr]eplaced|[Ss]uperseded|[Oo]verruled|[Rr]eversed|withdrawn)\b")


def _after_refusal(statement: Statement, relabel: Callable[[Statement], None]) -> bool:
    """Keep only what a statement says after its last refusal mark; False when nothing is left."""
    if "[" not in statement.text and not _REFUSAL_WORD.search(statement.text):
        return True  # (the words are looked for only where a mark can stand: a 3 MB line is read once)
    marks = list(_REFUSAL_MARK.finditer(statement.text))
    if not marks:
        return True
    cut = marks[-1].end()
    rest = statement.text[cut:].lstrip(" *_—–-:;.,")
    if not re.search(r"[A-Za-z]{3}", rest):
        return False
    moved = statement.text.count("\n", 0, len(statement.text) - len(rest))
    if moved:
        span = statement.span
        statement.span = Span(span.line + moved, 1, max(span.end_line, span.line + moved), span.end_column)
    statement.text, statement.value = rest, rest
    relabel(statement)
    return True



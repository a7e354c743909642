"""What every reader needs of plain text: sentences, negation, numbers and durations in words."""

from __future__ import annotations

import re

from .lazy_re import lazy
from .values import NUMBER_WORDS

NUM = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)"
UNIT = r"(?:ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b"
DURATION = rf"{NUM}\s*-?\s*{UNIT}"

# a sentence opens with a capital, code, a quote, or a status class or code ("5xx and 429 that still fail ...")
_SENTENCE = lazy(r"(?<=[.!?;])\s+(?=[A-Z`(\"*]|[1-5](?:\d\d|xx)\b)")
_FULL_STOP = lazy(r"(?<=[.!?])\s+(?=[A-Z`(\"*]|[1-5](?:\d\d|xx)\b)")
_NEGATION = (r"\b(?:never|not|no|nothing|nobody|no\s+one|nor|neither|nowhere|none|without|instead\s+of|rather\s+than|"
             r"isn't|aren't|won't|don't)\b")
_NEGATOR = lazy(_NEGATION, re.I)
_NEGATED = lazy(_NEGATION + r"(?:(?:\s+|,\s*|\s*/\s*)(?:[\w'’-]+|`[^`\n]{1,60}`)){0,9}[\s,`\"/]*$", re.I)  # "never in MedCharta's config
# files or in the repository", "no creds in this doc, code or config repo", "nothing is in `.env` or in the repository"
_NAME_WORD = lazy(r"[a-z0-9]+")
_GENERIC_WORDS = frozenset(
    "the a an our their topic queue api service system get post put patch delete http https kafka sqs s3 sftp "
    "webhook internal external each all any both partner client server new legacy".split()
)


_CODE_SPAN = re.compile(r"`[^`\n]*`")


def sentences(text: str, keep_lines: bool = False, semicolons: bool = True) -> list[tuple[int, str]]:
    """The sentences of `text` with their offsets (newlines inside a sentence become spaces, unless
    `keep_lines`); a semicolon ends one too unless `semicolons` is false (a list of fields)."""
    found, start = [], 0
    spans = [m.span() for m in _CODE_SPAN.finditer(text)] if "`" in text else []
    for match in (_SENTENCE if semicolons else _FULL_STOP).finditer(text):
        if any(a < match.start() < b for a, b in spans):
            continue  # "R. Okafor" inside `{...}`: code ends no sentence
        found.append((start, text[start : match.start()]))
        start = match.end()
    found.append((start, text[start:]))
    if keep_lines:
        return [(offset, sentence) for offset, sentence in found if sentence.strip()]
    return [(offset, sentence.replace("\n", " ")) for offset, sentence in found if sentence.strip()]


def said(pattern, text: str) -> re.Match | None:
    """The first match of `pattern` in `text` that no "never"/"not" just before it negates."""
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()]
        negated = _NEGATED.search(before)
        last = max((m.start() for m in _NEGATOR.finditer(before)), default=0) if negated else 0
        if not negated or _NEW_CLAUSE.search(before, last):
            return match  # (not "... does not validate, we answer `200` and log it": a clause of its own after the "not";
            # the last "not" counts: "... is not stored by us, it is never committed")
    return None


_NEW_CLAUSE = lazy(r",\s*(?:and\s+|so\s+|then\s+)?(?:we|they|it|he|she|you|i)\s", re.I)


def first(pattern, text: str) -> str | None:
    """The text of the first match of `pattern`, or None."""
    match = pattern.search(text)
    return match.group(0) if match else None


def words(text: str) -> set[str]:
    return set(_NAME_WORD.findall(text.lower()))


def system_word(name: str) -> str:
    """The word a sentence uses for a system: the first distinctive word of its name ("horizon" in
    "Horizon Loyalty API"); "" when there is none."""
    for word in _NAME_WORD.findall(name.lower()):
        if word not in _GENERIC_WORDS and len(word) > 2 and not word.isdigit():
            return word
    return ""


def finds(pattern):
    """A predicate: does the text say what `pattern` looks for?"""
    return lambda text: bool(pattern.search(text))


# the labels a document gives its own parts ("**Summary:**", "**Details:**", a ticket's "Status: Done"): no
# system's, flow's or metric's name
_STRUCTURAL = re.compile(r"^\W*(?:summary|details?|overview|consequences?|(?:(?:speaker|presenter|slide|author'?s?|editor'?s?|reviewer'?s?|meeting|session|additional|general|technical|implementation|design|release|side|margin|marking|examiner'?s?)\s+)?notes?|(?:(?:model|suggested|reference|sample|expected|worked)\s+)?answers?|mark(?:ing)?\s+scheme|status|description|background|context|"
                         r"acceptance\s+criteria|tl;?\s*dr|in\s+short|short\s+version|long\s+version|see\s+also|"
                         r"example|examples|rationale|decision|assignee|owners?|contacts?|teams?|escalation|reviewers?|version|date|now|before|"
                         r"document(?:\s+(?:id|number|no\.?|ref))?|doc\s+id|id|ref|reference|legend|abbreviations|glossary|"
                         r"after|fix(?:ed)?|cause|root\s+cause|workaround|resolution|symptoms?|impact|outcome|"
                         # a ticket's own fields, an answer's first word
                         r"labels?|sub-?tasks?|linked\s+issues?|attachments?|comments?|story\s+points|priority|"
                         r"components?|reporter|epic(?:\s+link)?|yes|no)(?:\s*\([^()]{1,40}\))?\W*$", re.I)  # "Notes (Joe):"


# a pointer at where a fact is told, its target captured: "per DT-5", "see §4.2", "as in 1.4", "under clause 3.1"
POINTS_AT = lazy(r"\b(?:per|see|as\s+(?:in|per)|under)\s+(?:§\s*|table\s+|section\s+|clause\s+)?"
                 r"([A-Z]{1,4}[-. ]?\d+(?:\.\d+)*|\d+(?:\.\d+)+)\b", re.I)
# ... or a bare one in brackets, at a numbered section: "(3.6)", "(section 6)", "(see §4.2)"
BRACKET_POINTER = lazy(r"\((?:see\s+)?(?:section\s+|§\s*)?(\d{1,2}(?:\.\d{1,2}){0,2})\)", re.I)
# an arrow between two sides: a mapping's, a direction's
ARROW = lazy(r"→|->|⇒|=>")
PRONOUN = lazy(r"^\W*(?:your|our|their|my|we|you|they|its|his|her)\b", re.I)  # whose, or a clause's subject: no name


# a header by its shape, capitalised words joined by hyphens: `NPIR-Submission-Ref`, `If-Match`, `X-Hub-Delivery`
HEADER_SHAPE = r"(?:[A-Z][A-Za-z0-9]*-)+[A-Z][A-Za-z0-9]*"


def structural(label: str) -> bool:
    return bool(_STRUCTURAL.match(label))


def notes_label(label: str) -> bool:
    """A structural label that names notes ("Speaker notes", "Notes (Joe)"): what follows it is prose, led by its own
    words."""
    return structural(label) and re.sub(r"\s*\([^()]*\)", "", label).strip(" *_:").lower().endswith(("note", "notes"))


_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)")
_WORDS_AND_FIGURES = lazy(rf"\b{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*\s+\((\d+(?:[.,]\d+)?)\)", re.I)


# a duration written in words: "one minute", "capped at thirty minutes"
_WORDED_DURATION = lazy(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?=\s+(?:seconds?|minutes?|"
                        r"hours?|days?|weeks?)\b)", re.I)


def as_figures(text: str) -> str:
    """A number as drafting writes it, in words then figures ("thirty (30) seconds"), or in words before a unit of
    time ("one minute"), as its figures, the place it took kept blank so that offsets hold: "30           seconds"."""
    if "(" in text:
        text = _WORDS_AND_FIGURES.sub(lambda m: m.group(1).ljust(len(m.group(0))), text)
    if any(unit in text for unit in ("second", "minute", "hour", "day", "week")):
        text = _WORDED_DURATION.sub(lambda m: str(NUMBER_WORDS[m.group(1).lower()]).ljust(len(m.group(1))), text)
    return text


def as_written(text: str, start: int, end: int) -> str:
    """The words of `text` that stand where `as_figures(text)` has [start, end): a number written in words and
    figures is quoted whole ("eight (8) attempts", not "e")."""
    for match in _WORDS_AND_FIGURES.finditer(text) if "(" in text else ():
        if match.start() < end and start < match.end():
            start, end = min(start, match.start()), max(end, match.end())
    return text[start:end]


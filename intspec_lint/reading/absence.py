"""Step 5 of reading, for one object's gaps: is the document silent on this fact of this object?

A part reader turns what it recognises into values; what it does not recognise it leaves out, and a
rule then reports the value "missing". Before a rule says so about one object (a flow's frequency, a
contract's example, a metric's alert), it asks here whether the document says something of that kind
about that object in a shape no reader took: a statement that names the object (its id, its path,
its field or system name), or stands under a heading that does, and carries a cue of the fact (for a
frequency: "every 15 min", "nightly", "~2,000 a day"). Where it does, the gap is the reader's, not the
spec's, and the rule says nothing (DESIGN.md, "Absence").

The cues (reading/cues.py) are loose on purpose: they decide only that the document is not silent, never a value, so no
rule compares or quotes them. An object whose own section speaks of the fact counts too, but only
where no object of its kind has the value read (the reader does not know how this document says it);
where its siblings have it, a gap among them is a real one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from ..span import Span
from .cues import CUES, NO_DEDUP, REPEAT, UNREAD
from .lazy_re import lazy

_EMPTY = {"", "-", "—", "–", "n/a", "na", "none", "no", "tbd", "tbc", "?"}
_TOKEN = re.compile(r"[a-z0-9]+")
_ENDING = re.compile(r"(?:ies|es|ed|ing|s|e|y)$")


def _stem(word: str) -> str:
    """A word without its inflection ("entries", "entry" -> "entr"; "changed" -> "chang"), never shorter than 3."""
    stem = _ENDING.sub("", word)
    return stem if len(stem) >= 3 else word


def _inflected(name: str) -> re.Pattern | None:
    """A name of two to four words, each as it inflects ("Queue changed" in "60 queue changes"); None for one
    word (its plural is asked already) or a name with ids, numbers or code in it."""
    words = re.split(r"[\s-]+", name.strip().strip("/"))
    if not 2 <= len(words) <= 4 or not all(re.fullmatch(r"[A-Za-z]{2,}", word) for word in words):
        return None
    parts = [re.escape(_stem(word.lower())) + r"(?:e|es|s|ed|ing|y|ies)?" for word in words]
    return re.compile(r"(?<![\w/.-])" + r"[\s-]+".join(parts) + r"(?![\w/-])", re.I)  # "call forwards", "Call-forward"
# the id that opens an object's name: "F2", "T1", "M3", "AC-13", "A.4", "SLI-2", "C1"
_INNER_ID = re.compile(r"(?<=\s)([A-Z]{1,2}-?\d{1,2}[a-z]?)(?=$|[\s:—–.)-])")
# an object of the document by its kind and number: "Card 1" of "## Card 1 · Create a sales invoice" (not a step or a
# stage of a procedure: "straight after Step 3" tells when, of another call)
_UNIT_NUMBER = re.compile(r"^((?:card|slide|interface|flow|contract|endpoint|feed|screen|scenario|story|"
                          r"journey|use\s+case)\s+\d{1,3}[a-z]?)(?=$|\s*[:·•—–.)-]\s)", re.I)
def leading_id(title: str) -> str:
    """The id a heading or a name opens with: "IF-02" of "IF-02 Upsert supporter", "Card 1" of "Card 1 · Create an
    invoice", "F3" of "F3 Casting decisions"; "" for none."""
    title = title.strip().strip("`*_ ")
    found = _LEADING_ID.match(title) or _UNIT_NUMBER.match(title)
    return found.group(1) if found else ""


_LEADING_ID = re.compile(r"^\s*((?:[A-Z][A-Za-z]{0,3}[-.]?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)+))(?=$|[\s:—–)-]|\.(?!\d))")


# a body a call's own words show in a shape no reader took: inline after "body" (`{"id": "whk_9f21c", ...}`) or by
# reference to another's ("with the same body", "with the Stage 1 body"); an answer shown the same way ("`200 {"ok":
# true}`", "response as above", a bare status it answers with: "we answer `200`.")
_OWN_EXAMPLE = {
    "request": lazy(r"\b(?:body|payload|request|sends?)\b[^.\n`]{0,30}`\{\s*\"[\w.-]+\"\s*:"
                    r"|\b(?:body|payload|request)\s*[=:]\s*\{\s*\"[\w.-]+\"\s*:"  # "body = {"products":[...]}" unquoted
                    r"|\bwith\s+the\s+(?:same|[\w.-]+(?:\s+[\w.-]+)?)\s+(?:body|payload)\b", re.I),
    "response": lazy(r"\b[1-5]\d\d\b`?\s*:?\s*`?\{\s*\"[\w.-]+\"\s*:|\b(?:response|answer|reply)\s+(?:is\s+)?as\s+above\b|"
                     # the resource sent, echoed with what the answer adds: "answers `201` with the Task (`"id": "t-1"`)"
                     r"\b(?:answers?|responds?|returns?)\s+`?[1-5]\d\d`?\s+with\s+the\s+[\w-]+\s*\(`\"[\w.-]+\"\s*:|"
                     r"\b(?:answers?|responds?|replies|returns?)\s+(?:with\s+)?`?[1-5]\d\d`?(?:\s+\w+)?`?\s*"
                     r"(?:[.;,)]|$|\s+(?:once|when|after|at\s+once|immediately|and))"
                     # a bodiless answer said so: "Trefoil answers `200 OK` with no body"
                     r"|\b(?:answers?|responds?|replies|returns?)\s+(?:with\s+)?`?2\d\d(?:\s+[A-Za-z][\w ]{0,20}?)?`?\s+"
                     r"(?:with\s+(?:no|an\s+empty)\s+body|without\s+(?:a\s+)?body)\b", re.I | re.M),
}


_NUMBER_ONLY = re.compile(r"\d+(?:\.\d+)+")
_CITED = r"(?:\b(?:clauses?|sections?|paras?|paragraphs?|schedules?|items?|steps?|rules?|parts?)\s+|§\s*|\((?:[\d.]+,\s*)*(?=[\d.]+[,)])|(?m:^)(?![\d.]+,)\W{0,3})"
# a sentence that leans on the ones before it in its paragraph: "So C1 can be retried blindly, and C2 the same way"
_REFERS_BACK = lazy(r"\b(?:the\s+same(?:\s+way)?|likewise|similarly|the\s+key|that\s+(?:key|rule|window))\b", re.I)
_DATA = lazy(r"^\s*(?:[{\[]\s*[\"{\[]|<[A-Za-z?])")
_NOT_IN_DATA = {"rotation", "storage", "mechanism", "scopes"}  # what an example's field names never say


def shows_own_example(text: str, role: str) -> bool:
    """A contract's own text shows its `role` ("request", "response") example in a shape no reader took."""
    return bool(_OWN_EXAMPLE[role].search(text))


def names_of(*texts: str | None) -> list[str]:
    """The names an object goes by in the document: its own words (markup off) and the id they open with;
    a URL by its path ("https://host/v1/orders?x=1" -> "/v1/orders")."""
    names: list[str] = []
    for text in texts:
        if not text:
            continue
        coded = re.findall(r"`([^`]{2,60})`", text)  # "result `reported_at`": the field goes by its code span too
        text = text.strip().strip("`*_ ").replace("`", "")
        url = re.match(r"^(?:[A-Z]+\s+)?(?:[a-z][a-z0-9+.-]*://[^/\s]+)?(/[^\s?#]*)", text)
        if url and len(url.group(1)) > 1:
            names.append(url.group(1).rstrip("/"))
            continue
        leading = _LEADING_ID.match(text)
        if leading:
            names.append(leading.group(1))
        names += [found for found in _INNER_ID.findall(text) if found not in names]  # "Flow F2", "Contract F1": F2, F1
        for part in re.split(r"\s*(?:,|\+|;|\band\b)\s*|\s+/\s+", text):  # "Unsubscribe / clean": each of them
            if 2 <= len(part) <= 60:
                names.append(part)
        names += [code for code in coded if len(coded) == 1 and code != text]
    return list(dict.fromkeys(names))


# a thing said to be gone is no evidence of it: "the `failed_events` table was removed", "no longer retried"
GONE = lazy(r"\b(?:was|were|has\s+been|have\s+been|got|is\s+being|are\s+being)\s+(?:removed|deleted|dropped|retired|"
             r"decommissioned|abandoned|switched\s+off|turned\s+off)\b"
             # (not a business object's state: "409 slot no longer available")
             r"|\bno\s+longer\b(?![*_\s]+(?:available|valid|open|free|bookable|in\s+stock|on\s+sale)\b)", re.I)


_LONGEST = 2000  # characters of a line Testimony.states reads
# a block introduced as the error body every call answers with ("Errors use `application/problem+json`:"): the
# errors' format, shown once for all, no one call's example
_ERROR_LEAD = lazy(r"^\W*(?:(?:all|every|each|our|the|an?)\s+)?(?:errors?|error\s+(?:body|bodies|responses?|format|"
                   r"shape|payload)|problem\s+details?)\b", re.I)


# a statement in the part's own section speaks of it whatever its words ("## 8. Duplicates" over "CMMS keys a reading on
# `asset` + `meter` + `read_at` and counts a repeat under `duplicates`"), unless it says there is none
_PLACED_CUES = {"idempotency": "idempotency", "keyed": "idempotency"}  # cue -> the part whose section says it
_NONE_OR_HARM = lazy(NO_DEDUP + r"|\b(?:not|never|no)\s+(?:\w+\s+)?(?:handled|safe)\b|"
               r"\b(?:no|without|missing|lacks?)\s+(?:\w+\s+)?(?:idempotency|dedup\w*|keys?)\b|"
               # a repeat's harm: "a retry after a timeout creates a second one", "leaves the customer with two orders"
               r"\b(?:creates?|makes?|books?|opens?|charges?|posts?|stores?)\s+(?:a\s+)?(?:second|duplicate|another|two)\b|"
               r"\bwith\s+two\s+[\w-]+|\b(?:double[- ](?:booking|charge|count\w*|post\w*)|counted\s+twice)\b|"
               r"\b(?:tbd|todo|to\s+be\s+(?:decided|defined|confirmed))\b", re.I)


# ... and says something of a repeat or a key (not "`session_id` is a GUID the plugin creates", "Readings are summed")
_ABOUT_REPEATS = lazy(rf"\b{REPEAT}(?!\w)|\bkey(?:s|ed)?\b|\bunique\b|\bonce\b|\bsecond\b|\bsame\b", re.I)


class Testimony:
    """What the document says where, for asking whether it speaks of a fact of one object."""

    def __init__(self, statements: Iterable):
        entries: list[tuple[str, Span, int, str, str, bool, str, bool]] = []  # (text, span, section key, shape, lead,
        # led, banner: the title a ruler or a docstring's section gives it, data: a body's example or its keys)
        self._heads: dict[int, str] = {}  # section key -> its heading path
        self._head_ids: dict[int, list[str]] = {}  # section key -> the id its heading opens with
        self._outer_ids: dict[int, list[str]] = {}  # ... and the ids of the headings above it, nearest first
        self._part_sections: dict[tuple, frozenset[str]] = {}  # (span, text) -> the parts whose section holds the statement
        previous = None
        for statement in statements:
            key = id(statement.section)
            text, lead, led = statement.text, statement.text, False
            if statement.ref:  # "C-4", taken off "C-4 The studio answers ...": the name others point at it by
                text = lead = f"{statement.ref} {text}"
            if statement.cells and len(statement.cells) > 1:  # a row by its columns: "Trigger event: Clinician signs"
                text = " | ".join(f"{header}: {cell}" for header, cell in statement.cells.items()
                                  if cell.strip(" `*_").lower() not in _EMPTY)  # "Idempotency: —" says nothing
                lead = next(iter(statement.cells.values()))  # its first cell: "E1", "C3"
            elif statement.shape == "code" and previous is not None and previous.shape != "code" and \
                    previous.text.rstrip().endswith(":") and statement.span.line - previous.span.end_line <= 2:
                lead, led = previous.text, True  # "**FX-01** E1 request:" over the block it introduces
                text = f"{lead}\n{text}"
            block = statement if statement.shape == "code" else statement.parent if statement.shape == "code-key" else None
            entries.append((text, statement.span, key, statement.shape, lead, led, statement.banner,
                            block is not None and bool(_DATA.match(block.text)) and "auth" not in statement.placed))
            if statement.placed & set(_PLACED_CUES.values()) and _ABOUT_REPEATS.search(text) and not _NONE_OR_HARM.search(text):
                # (a statement that says there is none, or what harm a repeat does, answers for nothing)
                self._part_sections[(statement.span, text)] = frozenset(statement.placed)
            path = statement.path[1:] if len(statement.path) > 1 else statement.path  # not the title: it names all
            self._heads.setdefault(key, " / ".join(path))
            if key not in self._head_ids:  # (the nearest heading only: "3.2 Messages" above N1 to N4 names them all)
                ids = [leading_id(title) for title in reversed(statement.path[1:])]  # nearest first
                self._head_ids[key] = [ids[0]] if ids and ids[0] else []
                self._outer_ids[key] = [found for found in ids[1:] if found]
            previous = statement
        entries.sort(key=lambda entry: entry[1].line)
        self._kept = [entry for entry in entries if entry[3] != "heading"]  # a heading names; it shows nothing
        self._entries = [(entry[0], entry[1], entry[2]) for entry in entries]
        self._leads = [entry[4] for entry in entries]
        # a block of data (a JSON or XML example) and its keys, whose words are the data's: `"expiry_date"` in a message
        self._data = {number for number, entry in enumerate(entries) if entry[7]}
        self._led = {number for number, entry in enumerate(entries) if entry[5]}  # code under a line introducing it
        # a sentence and the ones after it in its paragraph: "Transient errors are ... . The consumer retries ..."
        self._next_in_paragraph = [
            number + 1 if number + 1 < len(entries) and entry[3] in ("sentence", "line") and entries[number + 1][3] == "sentence"
            and entry[2] == entries[number + 1][2] and entries[number + 1][1].line - entry[1].end_line <= 1 else None
            for number, entry in enumerate(entries)]
        # ... and the ones before it: "X keeps `Idempotency-Key` for 72 h ... For C2 the key is each order's id"
        self._previous_in_paragraph: list[int | None] = [None] * len(entries)
        for number, following in enumerate(self._next_in_paragraph):
            if following is not None:
                self._previous_in_paragraph[following] = number
        # code blocks say many things on many lines: one counts whole only where its lead names the object
        self._blocks = {number for number, entry in enumerate(entries) if entry[3] == "code"}
        self._lines = [entry[1].line for entry in self._entries]
        self._index: dict[str, set[int]] | None = None
        self._answers: dict[tuple, object] = {}
        self._by_section: dict[int, list[int]] = {}
        for number, (_text, _span, key) in enumerate(self._entries):
            self._by_section.setdefault(key, []).append(number)

    def unread(self, kind: str, claimed: Iterable[Span]) -> bool:
        """The document shows a fact of `kind` (UNREAD) in a statement that stands outside every place in
        `claimed` (where the readers took their facts of that kind from): a reader missed it, and the rules
        do not call one missing anywhere. Asked once the readers are done; the answer is kept."""
        return bool(self.unread_shown(kind, claimed))

    def unread_shown(self, kind: str, claimed: Iterable[Span]) -> list[tuple[str, Span]]:
        """(text, span) of each statement that shows a fact of `kind` outside every place in `claimed`."""
        key = ("unread", kind)
        if key not in self._answers:
            pattern = UNREAD[kind]
            shown = [(entry[0], entry[1]) for entry in self._kept if pattern.search(entry[0])
                     and not (kind == "example" and entry[5] and _ERROR_LEAD.search(entry[4]))]
            taken = [(span.line, span.end_line) for span in claimed] if shown else []
            self._answers[key] = [(text, span) for text, span in shown
                                  if not any(first <= span.end_line and span.line <= last for first, last in taken)]
        return self._answers[key]

    def states(self, part, fact, unless=None, headed: bool = True, joined: bool = False) -> tuple[str, Span] | None:
        """Where the document states a fact of a part it has once (the retry policy's attempt limit, the
        dead-letter place's alert, a kind of metric) in any shape: a line of a statement (a code block's
        line, a comment, a row, a sentence) that says `fact` where the line, its heading or the sentence
        before it in its paragraph says `part`, and not `unless` (the words that deny it: "unlimited", "no
        alert"). `part`, `fact` and `unless` are tests of a text (a pattern's search); with `headed` false, a
        heading's words do not count for the part; with `joined`, a sentence is read with the one before it in its
        paragraph (a fact that names a class in one sentence and says what becomes of it in the next). The readers of such
        parts ask it for the facts their statements did not give: a fact told where no reader looks is the
        reader's gap, not the spec's (DESIGN.md, "Absence"). Returns (the line's text, its span)."""
        key = ("states", part, fact, unless, headed, joined)
        if key not in self._answers:
            self._answers[key] = self._states(part, fact, unless, headed, joined)
        return self._answers[key]

    def _states(self, part, fact, unless, by_heading, joined):
        for line, span in self._part_lines(part, by_heading, joined):
            if fact(line) and not (unless is not None and unless(line) or GONE.search(line)):
                return line, span
        return None

    def _part_lines(self, part, by_heading: bool, joined: bool = False) -> list[tuple[str, Span]]:
        """The lines that speak of a part (its words in the line, its heading or ruler, or the sentence before),
        each with its span: worked out once a part, for every fact asked of it."""
        key = ("part", getattr(part, "__self__", part), by_heading, joined)
        if key in self._answers:
            return self._answers[key]
        found: list[tuple[str, Span]] = []
        previous = None
        heads: dict[tuple[int, str], bool] = {}
        for text, span, section, shape, _lead, _led, banner, _data in self._kept:
            if by_heading and (section, banner) not in heads:
                heads[(section, banner)] = bool(part(self._heads.get(section, "")) or banner and part(banner))
            headed = by_heading and heads[(section, banner)]
            # the sentence before in its paragraph, or the line before in a run of lines ("Then CGS responds 207 ..."
            # over "And RTG refunds the stake of the rejected draw")
            before = previous if previous is not None and previous[2] == section and shape in ("sentence", "line") and \
                span.line - previous[1].end_line <= 1 else None
            previous = (text, span, section, shape)
            lines = text.splitlines() if shape in ("code", "code-comment") else [text]
            for number, line in enumerate(lines):
                line = line[:_LONGEST]  # a fact is said in a line's first words; a megabyte line is no sentence
                named = part(line)
                if headed or named or before is not None and part(before[0][:_LONGEST]):
                    at = span.line + number
                    if named and number + 1 < len(lines):  # a comment or an entry wrapped onto the next line says
                        line = f"{line}\n{lines[number + 1][:_LONGEST]}"  # the rest there
                    elif joined and before is not None and shape == "sentence" == before[3]:  # "Partial: ... `207`.
                        line = f"{before[0][:_LONGEST]} {line}"  # Accepted items carry on; each rejected one becomes
                        # a task": the sentence before in its paragraph says what this one goes on about
                    found.append((line, Span(at, 1, at, 1) if len(lines) > 1 else span))
        self._answers[key] = found
        return found

    def ids_at(self, line: int) -> list[str]:
        """The id the statement at `line` opens with (a row's first cell "E1", an item's "C3 -"): what the
        document calls the object read there, elsewhere."""
        position = bisect_left(self._lines, line)  # the first statement there: not the keys of its inline `{...}`
        if position >= len(self._lines) or self._lines[position] != line:
            return []
        found = _LEADING_ID.match(self._leads[position].strip().strip("`*_ "))
        return [found.group(1)] if found else []

    def heading_ids_at(self, line: int) -> list[str]:
        """The id the heading of the statement at `line` opens with ("IF-02" of "### IF-02 Upsert supporter",
        "P2" of "### P2. Release contract"): what the document calls everything in that section, elsewhere
        ("IF-02 is an upsert on alternate keys"). Not a heading further up: "3.2 Messages" names its siblings too."""
        position = bisect_right(self._lines, line) - 1
        return list(self._head_ids.get(self._entries[position][2], ())) if position >= 0 else []

    def lead_at(self, line: int) -> str:
        """The line that introduces the code block at `line` ("... Trefoil answers `200 OK` with no body:"), or ""."""
        position = bisect_left(self._lines, line)
        if position < len(self._lines) and self._lines[position] == line and position in self._led:
            return self._leads[position]
        return ""

    def outer_heading_ids_at(self, line: int) -> list[str]:
        """The ids of the headings above the heading of the statement at `line`, nearest first: "Card 1" of a call under
        "## Card 1 · Create a sales invoice" / "### Back". Each names the object only where it is the one there."""
        position = bisect_right(self._lines, line) - 1
        return list(self._outer_ids.get(self._entries[position][2], ())) if position >= 0 else []

    def speaks_of(self, cue: str, names: Iterable[str], at: Span | None = None, nearby: bool = False,
                  elsewhere: bool = False, inflect: bool = False, excluding: frozenset[int] = frozenset()) -> bool:
        """A statement that names the object (or stands under a heading that does) carries `cue`; with
        `nearby`, a statement of the object's own section (the one holding `at`) does too. A code block
        (a diagram, a config file) says many things: only its lines that name the object count, unless
        its heading names it. With `elsewhere`, the object's own statement (at `at`) does not count: a
        mapping row that gives one side's type is no evidence of the other's. Lines in `excluding` do not count:
        a rotation read as another credential's own is no evidence of this one's."""
        own = at.line if elsewhere and at is not None else None
        if any(line != own and line not in excluding for line in self._named(cue, tuple(names), inflect)):
            return True
        if nearby and at is not None:
            position = bisect_right(self._lines, at.line) - 1
            return position >= 0 and self._in_section(cue, self._entries[position][2])
        return False

    def _named(self, cue: str, names: tuple[str, ...], inflect: bool = False) -> list[int]:
        """The lines of the statements about the object going by `names` that carry `cue` (once per question:
        a table of thousands of rows asks the same one of each). With `inflect`, a name of a few words is found
        as its words inflect ("Entry added" in "120 entries added"): for the names of events and items, which the
        text counts in the plural (a path's resource, "fulfillment orders", would find every call on it)."""
        key = (cue, names, inflect)
        if key not in self._answers:
            pattern = CUES[cue]
            lines = []
            for number, (said, whole) in self._about(names, inflect).items():
                if cue in _NOT_IN_DATA and number in self._data:
                    continue  # a credential's expiry is no field of a message's body
                text, span, _section = self._entries[number]
                if not whole:
                    text = "\n".join(line for line in text.splitlines() if said.search(line))
                if said is not None:  # the name is no evidence of itself: a field called `timestamp` has no type yet
                    text = said.sub(" ", text)
                denial = _NONE_OR_HARM.search(text) if cue in _PLACED_CUES else None
                if denial and not pattern.search(text[:denial.start()] + text[denial.end():]):
                    continue  # "Readings are not deduplicated": said, and said to be missing
                if pattern.search(text) or _PLACED_CUES.get(cue) in self._part_sections.get((span, self._entries[number][0]), ()):
                    lines.append(span.line)  # (under "## 8. Duplicates", "8.1 Readings: keyed on ...": the part's)
            self._answers[key] = lines
        return self._answers[key]

    def _in_section(self, cue: str, section: int) -> bool:
        key = (cue, section)
        if key not in self._answers:
            pattern = CUES[cue]
            self._answers[key] = any(pattern.search(self._entries[n][0]) for n in self._by_section.get(section, ()))
        return self._answers[key]

    def _about(self, names: Iterable[str], inflect: bool = False) -> dict[int, tuple[re.Pattern | None, bool]]:
        """The statements about the object: number -> (the pattern naming it in the statement, if it does;
        whether all of the statement is about it, or only its lines that name it, as in a code block)."""
        found: dict[int, tuple[re.Pattern | None, bool]] = {}
        for name in names:
            tokens = _TOKEN.findall(name.lower())
            if not tokens or len(name.strip()) < 2:
                continue
            index = self._tokens()
            rarest = min(tokens, key=lambda token: len(index.get(token, ())))
            plural = r"(?:e?s)?" if name.strip()[-1:].isalpha() else ""  # flow "Sale" in "~18,000 sales/day"
            candidates = index.get(rarest, set()) | (index.get(rarest + "s", set()) | index.get(rarest + "es", set())
                                                     if plural and rarest == tokens[-1] else set())
            # a clause's bare number ("4.2") names it where it opens a line or is cited ("clause 4.2", "§4.2",
            # "(4.2)", "(4.1, 4.2)"), not in data ("Series 1 4.2 Roadster")
            cited = _CITED if _NUMBER_ONLY.fullmatch(name.strip()) else ""
            said = re.compile(cited + r"(?<![\w/.-])" + re.escape(name.strip()) + plural + r"(?![\w/-]|\.\d)", re.I)
            inflected = _inflected(name) if inflect else None
            if inflected is not None:  # flow "Entry added" in "about 120 entries added": each word as it inflects
                said, stem = inflected, _stem(rarest)
                candidates = {number for token, numbers in index.items() if token.startswith(stem) for number in numbers}
            if not candidates:
                continue
            headed: dict[int, bool] = {}  # section -> its heading names the object (asked once a section)
            for number in candidates:
                text, _span, key = self._entries[number]
                if key not in headed:
                    headed[key] = bool(said.search(self._heads.get(key, "")))
                    if headed[key]:
                        found.update((other, (None, True)) for other in self._by_section.get(key, ()))
                if not headed[key] and said.search(text) and number not in found:
                    whole = number not in self._blocks or (number in self._led and bool(said.search(self._leads[number])))
                    found[number] = (said, whole)
                    back = _REFERS_BACK.search(text)  # "..., and C2 the same way": it says what the ones before say
                    for step in (self._next_in_paragraph, self._previous_in_paragraph) if back else (self._next_in_paragraph,):
                        following = step[number]
                        while following is not None and following not in found:
                            found[following] = (None, True)
                            following = step[following]
        return found

    def _tokens(self) -> dict[str, set[int]]:
        if self._index is None:  # built at the first question, for the documents that raise one
            self._index = {}
            for number, (text, _span, key) in enumerate(self._entries):
                for token in set(_TOKEN.findall(text.lower())):
                    self._index.setdefault(token, set()).add(number)
            for key, numbers in self._by_section.items():  # a heading's words reach its section's statements
                for token in set(_TOKEN.findall(self._heads.get(key, "").lower())):
                    self._index.setdefault(token, set()).update(numbers)
        return self._index

"""Step 2 of reading: the parts of the spec each statement is about.

A statement is about a part when
- its heading path names it: the nearest heading that names any part, in the vocabulary's words
  ("Retries & Backoff", "Resilience"); a heading that is an endpoint or a topic names contracts;
- its table's columns describe it (a table with Source and Destination columns holds flows);
- its section, headed in words the vocabulary does not know ("How we watch it"), is mostly about
  it: most of the section's statements name the part in their own words;
- its own words name it (`topic_words`): "after 5 retries the message goes to `orders-dlq`" is
  about retries and dead letters wherever it stands.

`placed` holds the first three, where a statement stands; `topics` adds its own words. Readers route
"key: value" lines by where they stand and read sentences by what they say.
"""

from __future__ import annotations

import re

from ..document.model import Code, MarkdownDocument, Paragraph, Section, Table
from .lazy_re import lazy
from .statements import Statement, words_of_key
from .vocabulary import Vocabulary, normalize, strip_numbering

# a path runs to a space, a quote or a closing bracket it did not open: "(GET /x)" ends at "x", an OData key
# `companies({companyId})/salesOrders` runs on
# (nor a colon that ends it: "POST /v3/terminations: Header ..." names `/v3/terminations`; `/readings:batch` keeps its)
METHOD_URL = lazy(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)`?\s+`?(<[^>`\n]{1,60}>(?:[^\s`|()\":]|:(?![\s`]|$)|\([^\s`|()\"]*\))*"
                  r"|(?:https?://|/|\{|\.\.\./|…/)(?:[^\s`|()\":]|:(?![\s`]|$)|\([^\s`|()\"]*\))*)")
WEBHOOK = lazy(r"\b(?:webhooks?|callbacks?|postbacks?|web\s+hooks?)\b|/(?:web)?hooks/", re.I)  # a call named as one
_BROKERS = r"sqs|sns|kafka|kinesis|pub/?sub|service\s+bus|eventbridge|rabbitmq|nats|mqtt"
TOPIC_HEADING = lazy(
    r"^\W*(?:topic|queue|channel|stream|subject|exchange|event|message)\b\s*[:\-—]?\s*`[^`]+`"
    r"|\b(?:topic|queue|channel|stream|subject|exchange)\s*[:=]?\s*`[^`]+`"
    r"|(?<![\w.`-])(?:" + _BROKERS + r")(?:\s*[:=]\s*|\s+)`[^`]+`",
    re.I,
)
# where messages go, named after the word for it: "queue `orders-dlq`", "SQS `psd-results-prod`"; group 1 the name
NAMED_CARRIER = lazy(r"(?<![\w.`-])(?:topic|queue|channel|stream|subject|exchange|" + _BROKERS + r")(?:\s*[:=]\s*|\s+)`([^`]+)`",
                     re.I)
_METHOD_FIRST = re.compile(r"^(?:[\w.]{1,8}\s*[—–:-]\s*)?(?:GET|POST|PUT|PATCH|DELETE)\s+[\w`]")
# an operation's verb and its object ("Retry failed deliveries"); not a list of parts ("Retry, circuit breaker and ...")
def _opens_with_call(section: Section) -> bool:
    """The section's first block is a paragraph or a block that opens with a method and URL."""
    first = section.blocks[0] if section.blocks else None
    text = getattr(first, "text", "") if isinstance(first, (Paragraph, Code)) else ""
    return bool(METHOD_URL.match(text.lstrip(" `*")))


_OPERATION_FIRST = re.compile(r"^\W*(?:list|get|create|update|delete|redeliver|replay|retry|send|cancel|fetch|search|"
                              r"submit|post|put|patch|register|upsert|acknowledge|confirm|read|query|poll)\b"
                              r"(?!\s*(?:[,;:&/]|and\b|or\b|$))", re.I)
_ID_FIRST = re.compile(r"^[A-Z]{1,3}-?\d{1,3}[a-z]?\s*[—–:-]\s*\w")  # "F3 — Change slot capacity": a unit's id first
_QUESTION = re.compile(r"^\W*(?:where|what|how|when|who|which|why)\b", re.I)  # "Where messages go when we give up"
# a question after the fate of what failed for good, in its own words: "Where does a visit that never got through end
# up?", "Where do orders we give up on go?", "What happens to a message that can't be delivered?" (not "What happens
# when the API fails?": what is done then, retries included)
_FATE_ASKED = re.compile(r"^(?=.*\b(?:never|can'?t|cannot|could\s*n[o']t|giv(?:e|es|en)\s+up|gave\s+up|undeliver\w*|"
                         r"(?:still|keeps?)\s+fail\w*|fail\w*\s+for\s+good|permanently)\b)"
                         r"\W*(?:where\b.*\b(?:ends?\s+up|go(?:es)?|lands?|winds?\s+up|(?:is|are)\s+(?:kept|parked|put))\b"
                         r"|what\s+happens\s+to\b)", re.I)
# ... or named as what could not be delivered, in the team's words: "Failures we could not deliver", "Messages we gave
# up on", "Things that cannot go through" (not "Failures": the error handling's)
_GIVEN_UP_ON = re.compile(r"\b(?:failures|failed\s+[\w-]+|messages|items|records|events|sends|deliveries|calls|jobs|"
                          r"requests|uploads|updates|bookings|orders|posts|things|anything|ones)\s+(?:(?:we|that|which)\s+)?(?:"
                          r"(?:could\s*n[o']t|can'?t|cannot|did\s*n[o']t|never)\s+(?:be\s+)?(?:deliver|send|sent|process|"
                          r"get\s+through|got\s+through|went\s+through|go\s+through)\w*"
                          r"|(?:we\s+)?(?:gave|give)\s+up\s+on)\b", re.I)
# ... or where failures come to rest, asked of failures as such: "Where do failures end up?", "Where failed sends go"
# (not "What happens to failures?": what is done then, retries included)
_FAILURES_REST = re.compile(r"^\W*where\b.*\b(?:failures|(?:a|each|every)\s+failure|failed\s+(?:messages?|events?|deliver(?:y|ies)|"
                            r"sends?|calls?|requests?|records?|items?|rows?|jobs?|orders?|payments?|registrations?|"
                            r"bookings?|uploads?|updates?|batch(?:es)?|notifications?|webhooks?|files?))\s+"
                            r"(?:\w+\s+){0,2}?(?:ends?\s+up|go|goes|land|lands|"
                            r"wind\s+up|are\s+(?:kept|parked|put))\b", re.I)
_FIRST_CLAUSE = re.compile(r"^[^.?:;\n]*[.?:;]?")
_MAJORITY = 0.5
_MIN_VOTES = 2
# a section is given a part by its words only for the parts read from what statements say; flows and
# contracts are read from the shape of the document (tables, sub-headings), which words alone cannot give
# parts whose sub-sections are mostly its units, named in any words: under "Monitoring", beside
# "Latency" and "Error rate", "Dead letters" is a metric; under "Flows", "F2 – Fridge alerts" is a flow
_UNIT_PARTS = frozenset({"flows", "monitoring"})
_TIE_ORDER = ("errors", "retry", "dead_letter", "idempotency", "auth", "monitoring", "mappings", "sla")
_VOTED = frozenset({"retry", "dead_letter", "monitoring", "idempotency", "auth", "errors", "sla", "mappings"})


class Topics:
    """The parts of each section (by its heading) and of each table (by its columns)."""

    def __init__(self, doc: MarkdownDocument, vocab: Vocabulary):
        self.vocab = vocab
        self.title = _title_section(doc, vocab)
        self.own: dict[int, tuple[str, ...]] = {}  # id(section) -> the parts its heading names itself
        self.parts: dict[int, tuple[str, ...]] = {}  # ... what its heading names, or its parent's
        self.siblings: dict[int, list[Section]] = {}  # id(section) -> the sections under the same parent
        self._headings(doc.root, ())
        self._tables: dict[int, tuple[str, dict[int, str]] | None] = {}

    def _headings(self, section: Section, inherited: tuple[str, ...], unit: bool = False) -> None:
        # a banner over the title ("# Harwick University" over "## Interface specification IS-0417: ..."): no part
        banner = self.title is not None and section.children == [self.title]
        own = () if section is self.title or not section.level or unit or banner else self.heading_parts(
            section.title, inherited)
        if own and "contracts" in inherited and "contracts" not in own and _opens_with_call(section):
            own = ("contracts",)  # "### Capacity change" over "`PATCH .../capacity`" among the API's calls: an operation,
            # whatever part its words name ("capacity" names the SLA's)
        self.own[id(section)] = own
        parts = own or inherited
        self.parts[id(section)] = parts
        units = set(parts) & _UNIT_PARTS and 2 * sum(
            1 for child in section.children if self.heading_parts(child.title, parts)) < len(section.children)
        if units and "flows" in own and self.vocab.label(section.title)[0]:
            units = False  # "## Flow A: results" is one flow: its sub-sections are its steps, not flows of their own
        for child in section.children:
            self.siblings[id(child)] = section.children
            self._headings(child, parts, bool(units))

    def heading_parts(self, title: str, inherited: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The parts a heading names itself; a heading that is an endpoint or a topic is a contract."""
        call = METHOD_URL.search(title) or TOPIC_HEADING.search(title)
        if call is None and _METHOD_FIRST.match(strip_numbering(title)):
            return ("contracts",)  # "F2 — POST swarm alert": an operation, whatever words name it
        if call:
            named = self.vocab.section_parts(title[:call.start()], nested=True)
            # "Field mapping (event → `PUT /v1/objects`)": the part its words name, not the call it mentions
            return named if named and "contracts" not in named else ("contracts",)
        label, _name = self.vocab.label(title)
        labelled = self.vocab.section_parts(label) if label else ()
        if len(labelled) == 1 and labelled[0] in ("flows", "contracts"):
            return labelled  # "Flow A: lift events", "Contract: bin upsert": one object of the part its label names,
            # whatever words its name holds ("events" names no contract here)
        # a question ("Where do messages go when they can't be delivered?") names a part by its strong words only
        asked = asks(title)
        parts = self.vocab.section_parts(title, nested=bool(inherited) or asked)
        if set(parts) <= {"errors"} and names_fate(title):  # (more than "Failures": those given up on)
            return ("dead_letter",)
        strong = self.vocab.section_parts(title, nested=True)
        if "contracts" in parts and len(parts) > 1 and "contracts" not in strong and set(strong) - {"contracts"}:
            parts = tuple(p for p in parts if p != "contracts")  # "What the fields mean (how we map data to the API)"
        if "dead_letter" in parts and "monitoring" in parts:  # "Dead letters: quarantine and alerts": their alerts
            parts = tuple(p for p in parts if p != "monitoring")
        if not parts and set(inherited) == {"contracts"} and len(strip_numbering(title).split()) <= 2:
            # "### Credentials" under "## Interface": a part named in one word the interface holds, as "### Errors" is
            parts = tuple(p for p in self.vocab.section_parts(title) if p in _VOTED)  # not "### Session summary"
        if "contracts" in inherited and parts and ("contracts" in self.vocab.section_parts(title) or
                                                   _OPERATION_FIRST.match(strip_numbering(title)) or
                                                   _ID_FIRST.match(strip_numbering(title))):
            return ("contracts",)  # "### 3.4 Frost alert webhook", "### 3.5 List failed deliveries", "### 3.3 F3 —
            # Change slot capacity" under "Endpoints": an operation, whatever its words name
        return parts

    def of(self, section: Section) -> tuple[str, ...]:
        return self.parts.get(id(section), ())

    def table(self, table: Table, prior: tuple[str, ...]) -> tuple[str, dict[int, str]] | None:
        """(part, column -> field) of a table by its columns, or None."""
        key = id(table)
        if key not in self._tables:
            self._tables[key] = self.vocab.table_part([cell.text for cell in table.header], prior)
        return self._tables[key]


def assign(statements: list[Statement], topics: Topics, cues: dict | None = None, repeats=None) -> None:
    """Fill `placed` and `topics` of every statement. `cues`: part -> a predicate on a statement's text
    for what words alone cannot say ("after the last retry they are written to `orphans`" is about
    dead letters)."""
    vocab = topics.vocab
    by_section: dict[int, list[Statement]] = {}
    previous: Statement | None = None
    for statement in statements:
        placed = set(topics.of(statement.section))
        if statement.banner:  # a comment ruler in a code block, a decision's lead: the words under it, as a heading
            placed = set(topics.heading_parts(statement.banner, tuple(placed))) or placed

        if statement.table is not None:
            kind = topics.table(statement.table, tuple(placed))
            if kind is not None and kind[0] not in ("status_codes", "schema_fields"):
                placed.add(kind[0])
        statement.placed = placed
        said = statement.text if statement.shape != "code" else ""
        statement.topics = placed | vocab.topics_of(said) if said else set(placed)
        if statement.shape == "code-key" and statement.key:  # `[nfcs.retry]` over `max_attempts = 5`: its path's part
            for segment in statement.key.split(".")[:-1]:
                statement.topics.update(vocab.section_parts(words_of_key(segment.split("[")[0])))
        for part, cue in (cues or {}).items():
            if said and part not in statement.topics and cue(said):
                statement.topics.add(part)
        lead = _FIRST_CLAUSE.match(said) if said and "dead_letter" not in statement.topics else None
        if lead and len(lead.group(0).split()) <= 12 and names_fate(lead.group(0)):
            statement.topics.add("dead_letter")  # "**What happens to things that cannot go through.** Anything we
            # answer ...": a paragraph's lead, titling what it says as a heading would
        if previous is not None and continues(statement, previous):
            statement.topics |= previous.topics  # "... written to `orphans`. The team owns it and is alerted ..."
        if _heads_items(statement.parent):  # "- parking lot = dead letters" over "- alert: ... → email": its part's
            statement.topics.update(vocab.section_parts(statement.parent.text))
        previous = statement
        by_section.setdefault(id(statement.section), []).append(statement)
    if repeats is not None:
        _replays_of_repeats(by_section, topics, (cues or {}).get("dead_letter", lambda _: False), repeats)
    voted: dict[int, str] = {}  # id(section) -> the part most of its statements name
    leaning: dict[int, str] = {}  # ... the part some of them name, too few to carry the section alone
    for section_id, members in by_section.items():
        if topics.parts.get(section_id) or section_id == id(topics.title) or not members[0].section.level:
            continue  # the lines under the title are the overview, whatever words they use ("Scope: ...")
        votes: dict[str, int] = {}
        counted = [s for s in members if s.shape not in ("heading", "code")]
        for statement in counted:
            for part in statement.topics & _VOTED:
                votes[part] = votes.get(part, 0) + 1
        if not votes:
            continue
        # the most voted part; between parts voted as often, the first in _TIE_ORDER (never the order of a set)
        part, count = max(votes.items(), key=lambda pair: (pair[1], -_TIE_ORDER.index(pair[0])))
        if count >= _MIN_VOTES and count >= _MAJORITY * len(counted):
            voted[section_id] = part
        elif count * 3 >= len(counted):
            leaning[section_id] = part
    # "**Shop → Envelope:**" and "**Envelope → Shop:**" side by side: a section whose own words lean to the part
    # a sibling's carry is that part too (one side told in fewer words than the other)
    for section_id, part in leaning.items():
        if any(voted.get(id(other)) == part for other in topics.siblings.get(section_id, ())):
            voted[section_id] = part
    for section_id, part in voted.items():
        for statement in by_section[section_id]:
            statement.placed.add(part)
            statement.topics.add(part)


def _replays_of_repeats(by_section: dict[int, list[Statement]], topics: Topics, dead_cue, repeats) -> None:
    """ "### 3.9 Replays" over "a repeat is answered `200`", "a re-posted row is ignored": a heading whose one part is
    the dead letters', by a word both parts use (a replay is a dead letter sent again, or a message received again),
    over statements that all speak of repeats and none of a place for failures, is about repeats. `repeats` tells a
    statement about receiving the same thing twice (reading/idempotency.py)."""
    vocab = topics.vocab
    for section_id, members in by_section.items():
        if topics.own.get(section_id) != ("dead_letter",) or not _REPLAY_TITLE.search(members[0].section.title):
            continue  # (a heading named by "replay" alone: not "Dead letters", not "Dead-letter replay")
        said = [" ".join(s.text.split()) for s in members if s.shape not in ("heading", "code")]
        if any("dead_letter" in vocab.topics_of(text) or dead_cue(text) or _FAILS.search(text) for text in said):
            continue
        if 2 * sum(1 for text in said if repeats(text)) >= max(len(said), 2):
            topics.own[section_id] = topics.parts[section_id] = ("idempotency",)
            for statement in members:
                statement.placed = (statement.placed - {"dead_letter"}) | {"idempotency"}
                statement.topics = (statement.topics - {"dead_letter"}) | {"idempotency"}


_REPLAY_TITLE = re.compile(r"^(?!.*\bdead\b)(?:[\d.\s]*)(?:\w+\s+){0,2}replays?\b(?:\s+\w+){0,2}\s*$", re.I)
_FAILS = re.compile(r"\bfail\w*|\bafter\s+\d+\s+(?:attempts|tries|retries)\b", re.I)


def _heads_items(parent: Statement | None) -> bool:
    """A short item with items nested under it, naming what they are about ("- Dead letters", "- parking lot =
    dead letters"): a heading in all but shape."""
    return parent is not None and parent.shape == "item" and "\n" not in parent.text.strip() and \
        len(parent.text.split()) <= 6 and not parent.text.rstrip().endswith((".", "?", "!"))


def continues(statement: Statement, previous: Statement) -> bool:
    """A sentence of the same paragraph as the one before it goes on about what that one said ("...
    written to `orphans`. Every new row pages the on-call.")."""
    return (statement.shape == "sentence" and previous.shape in ("sentence", "line")
            and previous.section is statement.section and previous.parent is statement.parent
            and statement.span.line - previous.span.end_line <= 1)


_DOCUMENT_NAME = re.compile(r"\b(?:specification|spec|document|design|guide|icd|handbook|runbook)\b|[⇄↔→]", re.I)


def _title_section(doc: MarkdownDocument, vocab: Vocabulary) -> Section | None:
    """A lone top-level heading over the whole document is its title, not a part: an H1 always,
    a lower heading only when it names no part ("## API Contracts" alone is a section)."""
    tops = doc.root.children
    if len(tops) == 1 and (tops[0].children or tops[0].level == 1):  # an H1 over the whole text, sections or none
        top = tops[0]
        if top.level == 1 or not (METHOD_URL.search(top.title) or vocab.section_parts(top.title)):
            # a second title under a banner ("# Harwick University" over "## Interface specification IS-0417: ...",
            # which holds every section): the document's own name
            inner = top.children[0] if len(top.children) == 1 else None
            banner = all(isinstance(block, Paragraph) for block in top.blocks)  # a few lines of its own, no contract
            named = inner is not None and strip_numbering(inner.title) == inner.title and (
                _DOCUMENT_NAME.search(inner.title) or not vocab.section_parts(inner.title))  # no "3. Service contracts"
            return inner if named and banner and len(inner.children) >= 3 and not METHOD_URL.search(inner.title) \
                else top
    return None


def names_fate(title: str) -> bool:
    """A title that names what failed for good and where it ends up ("Where does a visit that never got through end
    up?", "Failures we could not deliver", "What happens to things that cannot go through")."""
    title = strip_numbering(title)
    return bool(_FATE_ASKED.search(title) or _FAILURES_REST.search(title) or _GIVEN_UP_ON.search(title))


def asks(title: str) -> bool:
    """A heading that asks a question, as prose specs head their parts ("Where do messages go?", "Who
    authenticates how")."""
    return title.rstrip().endswith("?") or bool(_QUESTION.match(strip_numbering(title)))


def names_part(vocab: Vocabulary, text: str) -> bool:
    return bool(vocab.section_parts(normalize(text)))

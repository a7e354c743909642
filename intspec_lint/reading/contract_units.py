"""Where contracts stand: the units of the document that each describe one endpoint or message.

A sub-heading under the contracts' section ("### POST /v1/orders", "### Contract: create order"), a
section that names an endpoint or a queue, a heading labelled as a contract under another part, or,
in a section that lists several endpoints without sub-headings, the statements from one endpoint's
first mention to the next. A later section that names one facet of a unit by its id ("## F1 — status
codes", "### F2 per partner") is more of that unit.
"""

from __future__ import annotations

import re

from ..document.model import Code, Section
from ..span import Span
from .context import Reading
from .examples import request_file
from .lazy_re import lazy
from .program_code import COMMENT_LINE
from .statements import Statement, key_value
from .topics import METHOD_URL, TOPIC_HEADING, WEBHOOK
from .call_starts import EXAMPLE_LEAD, PROCEDURE_STEP, calls_apart, one_call_each, shows, starts_endpoint
from .vocabulary import normalize, strip_numbering


TOPIC_MENTION = lazy(
    r"\b(?:topic|queue|channel|stream|subject|exchange|bucket|sftp|s3|folder|directory|path|share|location)\b"
    r"[^`\n]{0,30}`([^`#@]+)`"
    r"|`([^`#@][^`]*)`[^`\n]{0,20}\b(?:topic|queue|channel|stream|subject|exchange|bucket)\b"
    r"|`(\\\\[\w.-]+\\[^`]+)`",  # a Windows share's path: `\\labfs01\kf-import\worklist.csv`
    re.I,
)


SHARED = lazy(r"^\W*(?:common|general|conventions?|shared|for\s+all|all\s+(?:contracts|endpoints|calls|messages)|"
               r"basics|defaults|global|every\s+(?:contract|endpoint|call)|schemas?|types|data\s+model|models?|"
               r"definitions|glossary)\b", re.I)


CODES_TITLE = lazy(r"\b(?:status(?:es)?\s+(?:and|&)|faults?|(?:reason|response|status|error|fault|return)\s+codes?|"
                    r"error\s+(?:handling|responses?|model|format))\b|^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:errors?|codes)\W*$", re.I)


_EVIDENCE_FIELDS = {"method", "url", "topic", "request_shape", "response_shape", "status_codes"}


def units(r: Reading) -> list[tuple[str, list[Statement], Span]]:
    """(heading, statements, span) of every contract, in document order."""
    found: list[tuple[str, list[Statement], Span]] = []
    taken: set[int] = set()  # ids of sections read as contracts

    def visit(section: Section, over: str = "") -> None:
        if section.level and _HOW_TO.match(strip_numbering(section.title)) and not (
                METHOD_URL.search(section.title) or TOPIC_HEADING.search(section.title)) and not any(
                METHOD_URL.search(s.text) for s in r.within(section) if s.shape != "code"):
            return  # "Experimenting with messages" and its "T3 test data:" scripts: a how-to, no contract
        if section.level and _CHECKLIST.match(strip_numbering(section.title)) and not any(
                s.shape == "code" for s in r.within(section)):
            return  # "Checklist A: records not arriving" and its "2. Check health: `GET .../ping`": a check, no contract
        parts = r.topics.of(section)
        inside = id(section) in taken
        facet = _facet(r, section.title)
        if not facet and over and r.vocab.is_contract_subsection(strip_numbering(over)):
            named = _IDS_ONLY.match(strip_numbering(section.title))  # "### A.2.1 F1" under "## A.2 Examples"
            facet = named.group(1) if named else ""
        unit = next((u for u in reversed(found) if facet and (_unit_id(u[0]) == facet or facet in _lead_ids(u[0]))),
                    None) if not inside else None
        if unit is None and not inside and r.topics.own.get(id(section), ()) in ((), ("contracts",)):
            lead = _ID_LEAD.match(strip_numbering(section.title))  # "3.3 F2 per partner" after "3.2 F2 — BeetTicket"
            unit = next((u for u in reversed(found) if lead and _unit_id(u[0]) == lead.group(1)), None)
        if unit is not None:  # "## F1 — status codes" after "## F1 — POST hive readings": more of F1
            taken.update(id(s) for s in section.walk())
            unit[1].extend(r.within(section))
            return
        if not inside and section.level and (not parts or "contracts" in parts) and _rows_as_units(section, parts):
            return
        if not inside and section.level:
            if "contracts" in parts and not section.children and _EXAMPLE_TITLE.match(strip_numbering(section.title)) \
                    and found and not METHOD_URL.search(section.title):
                _take(section)  # "### 4.8 Examples": the contracts' examples, each given to its own below
                return
            if "contracts" in parts and _split(section):
                for child in section.children:
                    visit(child, section.title)
                return
            if "contracts" in parts and _is_unit(r, section):
                _take(section)
                return
            if not parts and section is not r.topics.title and _names_endpoint(r, section) and not any(
                    r.topics.of(child) or _names_endpoint(r, child) for child in section.walk() if child is not section):
                # (its sub-headings too, when none is a part's or names an endpoint: "**Acceptance criteria**")
                if not _split(section):  # "## Calls" with "R9. webhooks arrive at `POST ...`", "R10. F1 calls `POST ...`"
                    _take(section)
                return
            if "contracts" not in parts and section is not r.topics.title and _labelled(r, section.title) and \
                    _describes(r, section):
                _take(section)  # "### Contract: create order" under a flow
                return
            if parts and ("contracts" not in parts or section.children):
                _led_by_endpoints(section)  # "**7.1 `POST /batches`**: observation batch" above "#### 7.2 `POST /health`"
        for child in section.children:
            visit(child, section.title)

    def _led_by_endpoints(section: Section) -> None:
        """In another part's section, or in a contracts section's own text above its sub-headings, a statement led
        by an endpoint ("**C1 — `POST https://...`.** Headers: ...") starts a contract that runs to the next such
        lead: the flows table above it stays the flows'."""
        own = [s for s in r.within(section, own=True) if s.shape not in ("code-key", "code-comment")]
        starts = [i for i, s in enumerate(own) if s.depth == 0 and s.key and s.shape in ("line", "item")
                  and (METHOD_URL.search(s.key) or (_UNIT_LEAD.match(s.key) and METHOD_URL.match(s.value.lstrip(" `*"))))]
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(own)
            statements = own[start:end]
            facets = len({m.group(1).lower() for s in statements for m in _FACET_LABEL.finditer(s.text)})
            if not any(s.shape in ("row", "code") for s in statements[1:]) and facets < 2:
                continue  # "**`POST /zone-status`**: deduplicated on ...": a word about a call told elsewhere
            taken.update(id(s) for s in statements)
            found.append((statements[0].key, statements, statements[0].span))

    def _take(section: Section) -> None:
        # "### Examples" under the unit writing calls to several endpoints: each call a unit of its own, to
        # join the contract of its endpoint
        split = [child for child in section.children if not child.children and _split(child)]
        apart = {id(s) for child in split for s in r.within(child)}
        taken.update(id(s) for s in section.walk())
        found.append((section.title, [s for s in r.within(section) if id(s) not in apart], section.span))
        found[-1][1].insert(0, _heading(r, section))

    def _split(section: Section) -> bool:
        """Several endpoints in one section without sub-headings: each from its first mention on."""
        own = calls_apart([s for s in r.within(section, own=True) if s.shape not in ("code-key", "code-comment")])
        starts = [i for i, s in enumerate(own) if s.depth == 0 and starts_endpoint(s)]
        if starts:  # "Webhook as received:" over a block, among calls written out: the webhook's exhibit, a unit
            starts = sorted(set(starts) | {i for i, s in enumerate(own[:-1]) if i > starts[0] and _WEBHOOK_LEAD.match(s.text)
                                           and own[i + 1].shape == "code" and not METHOD_URL.search(s.text)})
        # a request example right after the endpoint it shows ("`POST <your endpoint URL>`", then
        # ```http POST /spothold/webhooks```) is that endpoint's, not a new one
        starts = [i for n, i in enumerate(starts) if not (n and own[i].shape == "code" and shows(own[starts[n - 1]], own[i])
                                                           and not any(s.shape == "code" for s in own[starts[n - 1]:i]))]
        head = _heading(r, section)
        if METHOD_URL.search(section.title):  # "**F1 – `POST .../requests`**" heads the first: its example is its own
            starts = [i for i in starts if not (own[i].shape == "code" and shows(head, own[i]))]
            if starts and starts[0] != 0:
                starts.insert(0, 0)
        if len(starts) < 2:
            return False
        # "R9." before "InkBook webhooks arrive at `POST ...`": the rule's number names the unit that follows;
        # "Stats-ready webhook, them to us:" over the call's block: the words that lead it in
        starts = [i - 1 if i and i - 1 not in starts and (_RULE_ID.match(own[i - 1].text) or leads_in(own[i - 1], own[i]))
                  else i for i in starts]
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(own)
            statements = own[start:end]
            if number == 0 and METHOD_URL.search(section.title):
                found.append((section.title, [head, *statements], section.span))
                continue
            found.append((statements[0].text.split("\n")[0], statements, statements[0].span))
        return True

    def _rows_as_units(section: Section, parts) -> bool:
        """A table with one contract per row ("| # | Method / location | Request fields | Response | Codes |"):
        each row a unit; a table of examples by the same ids ("| # | Request | Response |") adds to them."""
        rows = [s for s in r.within(section, own=True) if s.shape == "row"]
        tables = {id(s.table): s.table for s in rows if "contracts" in parts and contract_table(r, s.table)}
        if not tables:
            if found and rows and all(_unit_id_cell(s) for s in rows) and all(
                    r.vocab.is_contract_subsection(c.text) for c in rows[0].table.header[1:]):
                for statement in rows:  # "## Examples" below the contract table
                    unit = next((u for u in found if _unit_id_cell(u[1][0]) == _unit_id_cell(statement)), None)
                    if unit is not None:
                        unit[1].append(statement)
                taken.update(id(s) for s in section.walk())
                return True
            return False
        rest = [s for s in r.within(section) if id(s.table) not in tables and s.shape != "heading"]
        calls = [s for s in rest if s.shape == "code" and starts_endpoint(s)]  # examples that write their call
        shared = [s for s in rest if s not in calls and s.shape not in ("code", "code-key", "code-comment")]
        # a queue or topic told beside a table of calls ("**Kafka topic** `x` ... Example message value:") is a
        # contract of its own, not a fact of every call
        messages = [s for s in shared if TOPIC_MENTION.search(s.text) and not METHOD_URL.search(s.text)]
        shared = [s for s in shared if s not in messages]
        by_id: dict[str, tuple] = {}  # a row's id ("c1") -> its unit
        named = _row_names(rows, tables)  # "Create case, request and response:" over two blocks: that row's
        led = _led_by_row(rest, named)
        for statement in rows:  # each row with what the section says of all of them (a status table, headers),
            if id(statement.table) in tables:  # but not what it says of another row ("C8 with a repeated key ...")
                mine = _unit_id_cell(statement)
                said = [s for s in shared if led.get(id(s)) is statement or id(s) not in led
                        and not (set(_UNIT_CODE.findall(s.text)) - {mine})]
                said += [s for s in rest if s.shape == "code" and led.get(id(s)) is statement]
                found.append((statement.row.cells[0].text, [statement, *said], statement.span))
                identified = _ROW_ID.match(statement.row.cells[0].text) if statement.row.cells else None
                if identified:
                    by_id[identified.group(1).lower()] = found[-1]
        for call in (piece for block in calls for piece in one_call_each(block) if starts_endpoint(piece)):
            found.append((call.text.split("\n")[0], [call], call.span))
        others = [s for s in rest if s.shape == "code" and s not in calls and id(s) not in led]
        for block in list(others):  # "// samples/c1-arrival.request.json" over each body: C1's example
            pieces = _samples_by_id(block, by_id)
            if pieces:
                others.remove(block)
                for unit, said in pieces:
                    unit[1].extend(said)
        if others:  # the blocks no call writes, with the queue or topic told beside them
            found.append((section.title, [_heading(r, section), *sorted(messages + others, key=lambda s: s.span.line)],
                          section.span))
        taken.update(id(s) for s in section.walk())
        return True

    visit(r.doc.root)
    _answers_after(r, found)
    found.sort(key=lambda unit: unit[2].line)
    # "3.2 Example: RegisterEquine", "3.3 Examples: the other operations": a unit titled as an example shows
    # contracts told elsewhere; it joins the unit before it when that one names an endpoint, else it is none
    kept: list[tuple[str, list[Statement], Span]] = []
    for unit in found:
        shown = unit[1][1:] if unit[1] and unit[1][0].shape == "heading" else unit[1]
        if _EXAMPLE_TITLE.match(strip_numbering(unit[0])) and not METHOD_URL.search(unit[0]):
            shown = _by_lead_id(shown, kept)  # "F1 request and `201` response:" over blocks: F1's examples
            if shown and kept and any(METHOD_URL.search(s.text) for s in kept[-1][1] if s.shape != "code"):
                kept[-1][1].extend(shown)
            continue
        owner = _named_owner(unit, shown, found) or _webhook_owner(unit, found)
        if owner is not None:  # "**X1 — F1 request**" over a JSON body: an exhibit of F1's contract
            owner[1].extend(shown)
            continue
        kept.append(unit)
    return kept


# a step that says the receiver answers, over the block it answers with: "4. Answers:", "TourDesk replies:"
_ANSWER_LEAD = lazy(r"^\W*(?:\d+[.)]\s*)?(?:[\w`'-]+\s+){0,3}?(?:answers?|responds?|replies|returns?)(?:\s+with)?\s*:\s*$",
                    re.I)


def _answers_after(r: Reading, found: list) -> None:
    """A narrative that tells a call in one section and the receiver's answer in the next ("### T+0.3 s — the shop
    sends F1" over the request block, then "### T+0.6 s — the desk validates and stores", whose step "4. Answers:"
    leads a block): the lead and its block are the answer of that call, when the later section names no call of
    its own and the call's unit shows no more than its request."""
    sections = [section for section in r.doc.root.walk() if section.level]
    for before, section in zip(sections, sections[1:]):
        if section.children or any(u[2] == section.span for u in found):
            continue
        unit = next((u for u in found if u[2] == before.span), None)
        if unit is None or sum(1 for s in unit[1] if s.shape == "code") > 1:
            continue
        own = [s for s in r.within(section, own=True) if s.shape not in ("code-key", "code-comment")]
        if any(METHOD_URL.search(s.text) for s in own if s.shape != "code"):
            continue
        for lead, block in zip(own, own[1:]):
            if block.shape == "code" and lead.shape in ("line", "item", "sentence") and \
                    _ANSWER_LEAD.match(lead.text) and block.span.line - lead.span.end_line <= 2:
                unit[1].extend([lead, block])
                break


_ID_OPENS = lazy(r"^\W*([A-Z]{1,4}-?\d{1,3}[a-z]?)(?![\w.-])")


def _by_lead_id(shown: list[Statement], kept: list) -> list[Statement]:
    """Give each run of an examples section that opens with a unit's id ("F1 request and `201` response:",
    "F3 `PUT /v2/...` and `200`:") to the unit led by that id; the statements no id claims are returned."""
    rest: list[Statement] = []
    owner = None
    for statement in shown:
        opens = _ID_OPENS.match(statement.text) if statement.shape != "code" else None
        if opens:
            owner = next((u for u in kept if opens.group(1) in _lead_ids(u[0])), None)
        (owner[1] if owner is not None else rest).append(statement)
    return rest


def _named_owner(exhibit: tuple, shown: list[Statement], found: list) -> tuple | None:
    """The unit an exhibit belongs to: a unit of examples only (no endpoint, fields or codes told outside
    its blocks) whose title names another unit's id ("X1 — F1 request" joins the unit led by "F1 endpoint")."""
    title = exhibit[0]
    if METHOD_URL.search(title) or not shown or not all(s.shape in ("code", "code-key", "code-comment") or
                                                        (EXAMPLE_LEAD.match(s.text) and not METHOD_URL.search(s.text))
                                                        for s in shown):
        return None
    own = _unit_id(title) or next(iter(_lead_ids(title)), "")
    named = [i for i in _UNIT_CODE.findall(title) if i != own]
    for unit in found:
        if unit is exhibit or not unit[1]:
            continue
        lead = unit[1][0] if unit[1][0].shape != "heading" or len(unit[1]) == 1 else unit[1][1]
        ids = set(_lead_ids(unit[0])) | set(_lead_ids(lead.key or lead.text))
        if ids & set(named) and any(s.shape != "code" for s in unit[1]):
            return unit
    return None


_WEBHOOK_LEAD = lazy(r"^\W*(?:the\s+|a\s+|an\s+)?(?:webhooks?|callbacks?)\b[^\n]{0,60}:\W*$", re.I)


def _webhook_owner(exhibit: tuple, found: list) -> tuple | None:
    """The unit an exhibit led by "Webhook as received:" shows: the one webhook a unit names by its endpoint, when
    the exhibit names no endpoint of its own."""
    if not _WEBHOOK_LEAD.match(exhibit[0]) or METHOD_URL.search(exhibit[0]):
        return None
    hooks = [unit for unit in found if unit is not exhibit and METHOD_URL.search(unit[0]) and WEBHOOK.search(unit[0])]
    return hooks[0] if len(hooks) == 1 else None


# a call written out, or named by a comment over what a program block declares for it ("// POST /v1/hauls")
# "Examples", "Sample payloads" (of several calls); not "Example request", one call's facet
_EXAMPLE_TITLE = lazy(r"^\W*(?:worked\s+)?(?:examples?|samples?)\b(?!\s+(?:request|response|message|payload|body)\s*$)",
                      re.I)


def leads_in(statement: Statement, call: Statement) -> bool:
    """A line of a few words that ends in a colon right over a call's block ("Readings are written per asset:"): the
    block's lead-in, which names it; not "Request:" or "Example response:", which only say what the block is."""
    return call.shape == "code" and statement.shape == "line" and not statement.value and bool(statement.key) \
        and len(statement.key.split()) <= 8 and statement.span.end_line >= call.span.line - 2 \
        and not METHOD_URL.search(statement.text) and not EXAMPLE_LEAD.match(statement.key) \
        and not _FACET_LABEL.match(statement.text)


_RULE_ID = lazy(r"^[A-Z]{1,3}-?\d{1,3}[.):]?$")
_UNIT_LEAD = lazy(r"^\W*[A-Z]{1,2}\d{1,2}\b")  # "C3 — CoralBase outplants": a unit's id opens the lead
# "Request: ...", "Response: ...", "Codes: ...": the facets a contract told in sentences names
_FACET_LABEL = lazy(r"(?:^|[.;]\s+|\n)\W*(request|response|codes|status\s+codes|body|fields|headers|payload|example)\s*:",
                    re.I)


_VERSION_LABEL = lazy(r"^\W*(?:v\d+(?:\.\d+)*|version\s+\d+|before|after|today|current(?:ly)?|new|old|legacy|"
                      r"now|future|target|option\s+\w+|proposed|existing)\b", re.I)


def comparison_table(table) -> bool:
    """A table whose columns are versions or options ("| Topic | v1 (today) | v2 |", "| | Before | After |"): its
    rows compare, they describe nothing on their own."""
    return table is not None and sum(1 for cell in table.header[1:] if _VERSION_LABEL.match(cell.text)) >= 2


def contract_table(r: Reading, table) -> bool:
    """A table whose rows are contracts: its columns name an endpoint or location and what is sent or
    answered, and most rows give a method and URL or a location."""
    if table is None or len(table.rows) < 2:
        return False
    fields = {r.vocab.field("contracts", cell.text.strip(" *`")) for cell in table.header[1:]}
    said = sum(1 for row in table.rows if any(METHOD_URL.search(c.text) or _LOCATED.search(c.text) for c in row.cells))
    # "| Call | Request fields | Response fields | Status codes |": the first column names each call by its method and URL
    led = sum(1 for row in table.rows if row.cells and METHOD_URL.search(row.cells[0].text))
    if not fields & {"method", "url", "topic"} and led < len(table.rows) * 2 / 3 or len(fields & _EVIDENCE_FIELDS) < 2:
        return False
    return said >= len(table.rows) / 2


_UNIT_CODE = lazy(r"(?<![\w./-])[A-Z]{1,4}-?\d{1,3}(?![\w/-])")
_LOCATED = lazy(r"`(?:sftp|s3|ftps?|gs|az|abfss?|amqps?|kafka|mqtts?)://[^`]+`")
_CELL_ID = lazy(r"^\W*([A-Z]{1,4}-?\d{1,3}[a-z]?)\W*$")
_ROW_ID = lazy(r"^\W*([A-Z]{1,4}-?\d{1,3})\b")  # a row led by its id: "C1 `POST /arrivals` (F1)"


def _unit_id_cell(statement: Statement) -> str:
    if statement.shape != "row" or not statement.row.cells:
        return ""
    match = _CELL_ID.match(statement.row.cells[0].text)
    return match.group(1) if match else ""


# a unit's id: "F1", "C-12", or a contract's kind and its letter or number ("Contract A", "Endpoint 2"); then a
# separator and the facet ("F1 — status codes", "Contract A · response + codes")
_FACET_LEAD = lazy(r"^([A-Z]{1,4}-?\d{1,3}[a-z]?|(?:Contract|Endpoint|API|Call|Operation|Message|Event|Webhook)\s+"
                   r"(?:[A-Z]|\d{1,3})(?![\w-]))\s*(?:[—–:·|-]|\s-\s)\s*(.+)$")


_IDS_ONLY = lazy(r"^([A-Z]{1,4}-?\d{1,3}[a-z]?)(?:\s*(?:,|/|and|&)\s*[A-Z]{1,4}-?\d{1,3}[a-z]?)*\W*$")
_ID_LEAD = lazy(r"^([A-Z]{1,4}-?\d{1,3}[a-z]?)\s+(?:per|by|for|across|in|variants?|details?|matrix|mapping)\b")


def _lead_ids(title: str) -> list[str]:
    """The unit ids a heading opens with: "A.1.2 F2/F3 - events to the Trust" -> ["F2", "F3"]."""
    match = _LEAD_IDS.match(strip_numbering(title))
    return re.findall(r"[A-Z]{1,4}-?\d{1,3}[a-z]?", match.group(0)) if match else []


_LEAD_IDS = lazy(r"^[A-Z]{1,4}-?\d{1,3}[a-z]?(?:\s*(?:,|/|and|&)\s*[A-Z]{1,4}-?\d{1,3}[a-z]?)*(?=\W|$)")


def _unit_id(title: str) -> str:
    match = _FACET_LEAD.match(strip_numbering(title))
    return match.group(1) if match else ""


def _facet(r: Reading, title: str) -> str:
    """The unit id of a heading that names one facet of a contract told under another heading ("F1 —
    status codes", "C2: example"), or ""."""
    match = _FACET_LEAD.match(strip_numbering(title))
    return match.group(1) if match and r.vocab.is_contract_subsection(match.group(2)) else ""


def _heading(r: Reading, section: Section) -> Statement:
    return next((s for s in r.statements if s.shape == "heading" and s.section is section),
                Statement(section.title, section.span, (section.title,), "heading", section))


def generic(r: Reading, title: str) -> bool:
    return bool(r.vocab.section_parts(title)) and len(normalize(title).split()) <= 2  # "API Contracts"


def _labelled(r: Reading, title: str) -> bool:
    label = r.vocab.label(title)[0]
    return bool(label) and "contracts" in r.vocab.section_parts(label)


_CHECKLIST = lazy(r"^\W*(?:checklist|troubleshooting|runbook|playbook|triage)\b", re.I)
_HOW_TO = lazy(r"^\W*[A-Za-z]+ing\s+(?:a|an|the|with|up|your|our|new|api|apis|to|for|from|in|on|started|it|them|this)\b",
               re.I)
_OPERATION = lazy(r"^\W*(?:[\w.]+\s+)?(?:create|update|delete|get|fetch|send|post|put|patch|list|cancel|submit|"
                  r"publish|notify|upsert|register|sync|push|pull|search|query|retrieve|read|write|close|open|"
                  r"refund|approve|reject|book|reserve|confirm)\b|\b(?:message|event|webhook|callback|notification|"
                  r"endpoint|request)s?\b", re.I)


def _is_unit(r: Reading, section: Section) -> bool:
    own = r.topics.own.get(id(section), ())
    if own and "contracts" not in own:
        return False
    if _HOW_TO.match(strip_numbering(section.title)) and not (METHOD_URL.search(section.title) or
                                                             TOPIC_HEADING.search(section.title)):
        return False  # "Adding a New Client", "Setting API Keys", "Experimenting with messages": a how-to step
    if (SHARED.match(strip_numbering(section.title)) or CODES_TITLE.search(section.title)) and \
            not (METHOD_URL.search(section.title) or TOPIC_HEADING.search(section.title)):
        return False  # "Common", "HTTP status and faults": what every contract shares, not a contract
    said = [s for s in r.within(section, own=True) if s.shape != "heading"]
    if said and all(s.shape == "row" and (r.topics.table(s.table, ("contracts",)) or ("",))[0] == "status_codes"
                    for s in said):
        return False  # "### MQTT reason codes we handle" over a code table: the codes of every contract
    # the endpoint in the title, or in the section's own first words ("C1 Create job" over "- POST `https://...`")
    names_endpoint = METHOD_URL.search(section.title) or TOPIC_HEADING.search(section.title) or bool(
        said and said[0].shape != "code" and METHOD_URL.search(said[0].text))
    for child in section.children:
        if names_endpoint and not any(METHOD_URL.search(s.title) or TOPIC_HEADING.search(s.title) for s in child.walk()):
            continue  # "## 0. `POST {{base}}/token`" owns its "Headers", "Body" and "Tests", whatever they are called
        child_parts = r.topics.heading_parts(child.title, ("nested",))
        if not r.vocab.is_contract_subsection(child.title) and (not child_parts or "contracts" in child_parts):
            return False
    if _describes(r, section):
        return True
    # a sub-heading under the contracts that names an operation ("### Create fulfillment order") is one,
    # however little it says; "### Environments" is not
    return not own and not section.children and bool(_OPERATION.search(section.title))


def _samples_by_id(block: Statement, by_id: dict) -> list[tuple[tuple, list[Statement]]]:
    """A block of sample bodies each under a comment naming one call by its id ("// samples/c1-arrival.request.json
    (202)", "# T1 response"): (that call's unit, [the comment as a line, the bodies under it as a block])."""
    if not by_id or block.code is None:
        return []
    lines = block.code.text.split("\n")
    starts = []
    for index, line in enumerate(lines):
        comment = COMMENT_LINE.match(line)
        named = [key for key in by_id if comment and re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![0-9])", comment.group(1).lower())]
        if len(named) == 1:
            starts.append((index, by_id[named[0]], comment.group(1)))
    if len(starts) < 2 or any(line.strip() and not COMMENT_LINE.match(line) for line in lines[:starts[0][0]]):
        return []
    pieces = []
    for number, (start, unit, said) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        text = "\n".join(lines[start + 1:end]).strip("\n")
        first = block.code.first_line + start
        label = Statement(said.strip(), Span(first, 1, first, 1), block.path, "line", block.section, parent=block.parent)
        span = Span(first + 1, 1, block.code.first_line + end - 1, 1)
        code = Code(block.code.info, text, span, first + 1)
        piece = Statement(text, span, block.path, "code", block.section, code=code, parent=block.parent)
        bodies = sum(1 for line in text.split("\n") if line[:1] in ("{", "["))  # a request and its answer, each a
        pieces.append((unit, [piece] if bodies > 1 else [label, piece]))  # document: no label says both roles
    return pieces


def _row_names(rows, tables) -> list[tuple[str, Statement]]:
    """(name, row) of each row of a contract table, its first cell without ids in brackets: "create case"."""
    found = []
    for row in rows:
        if id(row.table) in tables and row.row.cells:
            name = " ".join(re.sub(r"\([^)]*\)|[`*_]", " ", row.row.cells[0].text).lower().split())
            if len(name) >= 4:
                found.append((name, row))
    return found


def _led_by_row(statements, named) -> dict[int, Statement]:
    """id(statement) -> the row it belongs to: a line that opens with one row's name ("Find case (F2): `GET
    ...` → 200 `{...}`", "Create case, request and response:"), and the code blocks right under such a line."""
    led: dict[int, Statement] = {}
    current = None
    for statement in statements:
        if statement.shape in ("code-key", "code-comment"):
            continue
        if statement.shape == "code":
            if current is not None:
                led[id(statement)] = current
            continue
        said = " ".join(re.sub(r"[`*_]", " ", statement.text).lower().split())
        rows = {id(row): row for name, row in named if said.startswith(name)}
        current = next(iter(rows.values())) if len(rows) == 1 else None
        if current is not None:
            led[id(statement)] = current
    return led


def _names_endpoint(r: Reading, section: Section) -> bool:
    """A section that names a method and URL, or a queue or topic by a key ("Queue: `orders`")."""
    if METHOD_URL.search(section.title) or TOPIC_HEADING.search(section.title):
        return True
    for statement in r.within(section):
        if statement.shape == "code" and statement.code.info in ("http", "rest") and request_file(statement.text):
            return True  # a request file's call (`### Send brief` / `POST {{base}}/briefs`): the section's endpoint
        if statement.shape == "code" and _WIRE_REQUEST.match(statement.text):
            return True  # "POST /v4/death-records HTTP/1.1" over its headers and body: an exchange written out
        if statement.shape in ("code", "code-key", "code-comment"):
            continue
        if statement.shape == "row" and comparison_table(statement.table):
            continue  # "| Topic | v1 (today) | v2 |": what changes between versions, no endpoint described here
        if statement.shape == "row" and (r.topics.table(statement.table, ()) is not None or not any(
                METHOD_URL.match(cell.text.strip(" `*")) for cell in statement.row.cells)):
            continue  # a flow table's "`POST /sessions` (3.3)" points at a contract told elsewhere; "secret only
            # valid for `POST /hooks/*`" in a cell names no endpoint of its own
        pair = key_value(statement.text)
        if PROCEDURE_STEP.match(statement.text):
            continue  # "2. Delete the hearing mapping DELETE https://...": a step of a runbook, not an endpoint's description
        called = METHOD_URL.search(statement.text)
        if called and statement.text.count("(", 0, called.start()) > statement.text.count(")", 0, called.start()):
            called = None  # "→ warn (the portal exposes `expires_at` on `GET /keys/self`)": a call named in passing
        if called or (
                pair and r.vocab.field_exactly("contracts", pair[0]) in ("method", "url", "topic")
                and pair[1].strip() and len(pair[1].split()) <= 3):
            return True
    return False


_WIRE_REQUEST = lazy(r"^\s*(?:GET|POST|PUT|PATCH|DELETE)\s+\S+\s+HTTP/\d")


def _describes(r: Reading, section: Section) -> bool:
    """Evidence that a section describes an endpoint or a message, not just names the topic."""
    if METHOD_URL.search(section.title) or TOPIC_HEADING.search(section.title):
        return True
    for statement in r.within(section):
        if statement.shape == "code":
            return True
        if statement.shape in ("code-key", "code-comment"):
            continue
        if METHOD_URL.search(statement.text) or TOPIC_MENTION.search(statement.text):
            return True
        pair = key_value(statement.text)
        if pair and r.vocab.field("contracts", pair[0]) in _EVIDENCE_FIELDS:
            return True
    return False

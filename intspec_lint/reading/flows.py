"""Data flows: name, source, destination, trigger, payload, frequency.

From a table whose columns name them (a merged "Source → Destination" column is the direction, split
at its arrow), from list items ("Order placed: Shop → ERP, on checkout, ~200/h"), and from a
sub-heading that describes one flow in lists, "key: value" lines or prose ("### Flow A: a patron
borrows a book" with "Direction: ILS to ShelfCloud" and "about 300 loans a day" below it).
"""

from __future__ import annotations

import re

from ..document.model import Section
from ..model import Flow, Value, evidence, given
from .context import Reading
from .lazy_re import lazy
from .statements import key_value
from .table_layouts import record_layout
from .value_tables import value_table
from .text import sentences, structural
from .topics import NAMED_CARRIER
from .values import value

_SEPARATORS = lazy(r";|\n|\s·\s|\s\|\s|(?<=[a-z0-9)`\]])\.\s+|,\s+(?=(?:source|dest|destination|target|"
                   r"trigger|payload|freq|frequency|volume|from|to)\b)", re.I)
_ARROW = lazy(r"\s*(?:→|->|⟶|⇒|=>|➝|➡)\s*")
_BACK_ARROW = lazy(r"\s*(?:←|<-|⟵|⇐|<=)\s*")
_ASIDE_ARROW = lazy(r"^[^()]*\(([^()]*(?:→|->|⟶|⇒|=>|➝|➡)[^()]*)\)\W*$")
_FROM_TO = lazy(r"\bfrom\s+(.+?)\s+to\s+(.+?)(?:[;,.]|$)", re.I)
# a line that runs on: a paragraph wraps anywhere ("Direction⏎ VenueFlow → CaterOps"); a line break separates only
# after a sentence's end or before a label ("Volume: ..."), an item or a number
_WRAPPED = lazy(r"(?<![.;:!?])\n\s*(?![\w /()&-]{1,30}:|[-*•+]\s|\d+[.)]\s)")  # (on lines without trailing blanks)
# "one `POST` per track start", "one message per order placed": an event, not a batch's unit ("per warehouse", "per day")
_ONE_PER = lazy(r"^\W*(?:one|a|an|each)\s+(?:`[^`]+`|[\w-]+)(?:\s+[\w-]+)?\s+(?:per|for\s+each|for\s+every|on\s+each|on\s+every)\s+"
                r"([a-z][\w-]*\s+(?:start|end|change|update|event|[a-z]+ed|[a-z]+ion))\b", re.I)
_NAME_THEN_ARROW = lazy(r"^([^,—–→]{2,60}?)\s*[,—–]\s+((?=[^,]*(?:→|->))[^,]*)$")
_A_TO_B = lazy(r"^\s*(.+?)\s+to\s+(.+?)\s*(?:[;,.]|$)", re.I)
_SENTENCE_END = lazy(r"(?<=[a-z0-9)`])\.\s+(?=[A-Z])")
_WHEN_CLAUSE = lazy(r"\b(?:when(?:ever)?|once|as soon as|after)\s+([^,.;]{4,120})", re.I)
# a flow told in one sentence: "When a relevant event is generated, the payload is sent via POST to the registered URL"
_SENT_TO = lazy(r"\b(?:sends?|pushes|posts?|publishes|delivers|forwards|uploads|exports|streams|(?:is|are|be|gets?)\s+"
                r"(?:sent|posted|pushed|published|delivered|forwarded|uploaded|exported|streamed))\b[^.;]{0,80}?"
                r"\b(?:to|into|onto)\b", re.I)
_SCHEDULE = lazy(
    r"\b(every\s+\d+\s*\w+|nightly|hourly|daily(?:\s+at\s+[\d:]+\s*\w*)?|each night|weekly|on a schedule|"
    r"scheduled[^,.;]{0,40}|cron[^,.;]{0,40}|triggered by [^,.;]{2,80}|on (?:each|every) [^,.;]{2,60})",
    re.I,
)
_SEND = (r"(?:sends?|pushes|posts?|publishes|writes|emits|uploads|delivers|exports|forwards|streams|drops|produces|"
         r"sending|pushing|posting|publishing|emitting|uploading|delivering|exporting|forwarding|streaming)")
# A person's action that starts a flow: "A patron presses Borrow on ...", "The clerk approves ..."
_PERSON_ACTION = lazy(
    r"^\s*(?:an?|the|each|every)\s+(?:[\w-]+\s+){0,2}?(?:presses|clicks|taps|submits|places|requests|opens|scans|"
    r"books|approves|signs|enters|records|selects|chooses|confirms|cancels)\b[^.;]{0,100}",
    re.I,
)
_PAYLOAD = lazy(rf"\b{_SEND}\s+(?:an?\s+|the\s+|one\s+|each\s+|its\s+)?([^,.;()]{{2,60}}?)"
                r"(?=\s+(?:to|into|as|in|over|via|for|on|onto|with)\b|[,.;(]|$)", re.I)
_DESTINATION = lazy(
    rf"\b{_SEND}\b[^.;]*?\b(?:to|into|onto)\s+(?:the\s+)?([A-Z`][\w`'./-]*(?:\s+[A-Z`][\w`'./-]*){{0,3}})"
    r"|\bto\s+(?:the\s+)?([\w\s'-]{2,40}?),?\s+(?:which is\s+|is\s+)?the destination",
)
_SOURCE = lazy(
    r"\b(?:the\s+)?([A-Z][\w'-]*(?:\s+[\w'-]+){0,3}?),?\s+(?:as|is)\s+the source"
    # the sender opens the sentence, or the clause after its trigger: "When the organiser cancels, GigBook sends ..."
    rf"|(?:^|[,;]\s+(?:then\s+)?)(?:the\s+)?([A-Z][\w'.-]*(?:\s+[\w'.-]+){{0,3}}?)\s+{_SEND}\b"
    r"|\bfrom\s+(?:the\s+)?([A-Z`][\w`'./-]*(?:\s+[A-Z`][\w`'./-]*){0,3})",
)
_PULL = lazy(
    r"(?:^|[,;:]\s*)(?:then\s+)?(?:the\s+)?([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})\s+(?:shall\s+|will\s+|must\s+)?"
    r"(?:GET|gets|fetch(?:es)?|pulls?|polls?|downloads?|retrieves?|collects?)\b\s+(?:(?:the|an?|all|each)\s+)?"
    r"([^,.;]{2,80}?)\s+from\s+(?:the\s+)?([A-Z`][\w`'./-]*(?:\s+[A-Z`][\w`'./-]*){0,3})")
_FREQUENCY = lazy(
    r"(?:\b(?:about|around|roughly|approximately|up to|peaks? of|at most|~)\s*)?~?(?<![\d:.,])[\d][\d,.]*\s*k?\s+"
    r"(?:[\w-]+\s+){0,3}?(?:a|an|per|each|/)\s*(?:second|minute|hour|day|weekday|week|month|night|run|batch)\b"
    r"|\b\d[\d,.]*\s*/\s*(?:s|sec|min|h|hr|hour|day|d|week|month)\b"
    r"|\b\d[\d,.]*\s*k?\s+[\w-]+/(?:second|minute|hour|day|week|month|night|run|batch)\b"  # "600 bookings/day"
    r"|\bevery\s+\d+\s*\w+|\b(?:hourly|daily|nightly|weekly|monthly)\b"
    # a total over a stated window: "about 600 over the 6-week entry window", "worst day ~80"
    r"|~?\d[\d,.]*\s+over\s+the\s+(?:[\w-]+\s+){0,3}?(?:window|period|season|week|month|year|day|night)\b"
    r"|\b(?:worst|busiest|peak)\s+day\b[^.;]{0,30}?\d"
    # a count in words over a window, one per event: "three on the day", "a single `results.final` webhook per race"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|a\s+few|a\s+handful)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:a|per|each|on\s+the|every)\s+(?:day|night|week|month|hour|race|run)\b"
    r"|\b(?:a\s+single|exactly\s+one|one)\s+(?:`[^`]+`\s+|[\w-]+\s+){1,3}?(?:per|for\s+each|for\s+every)\s+[a-z][\w-]+"
    # an estimate per occasion of the domain's: "About 8 per concert" (not "about 2 KB per ticket", "40 ms per call")
    r"|\b(?:about|around|roughly|approximately|~)\s*\d[\d,.]*\s+per\s+[a-z][\w-]+"
    # as often as another flow's event: "once per change event", "1–3 receipts per text" (not "2 KB per ticket", "3
    # retries per message")
    r"|\bonce\s+(?:per|for\s+each|for\s+every)\s+(?:[\w-]+\s+)?[a-z][\w-]+"
    r"|\b\d+(?:\s*[–-]\s*\d+)?\s+(?!(?:kb|mb|gb|ms|bytes?|chars?|characters|seconds?|minutes?|hours?|days?|s|"
    r"secs?|mins?|retries|attempts|tries|times)\b)[a-z][\w-]+\s+per\s+[a-z][\w-]+",
    re.I,
)
_NAMED_FIELD = lazy(
    r"\bthe\s+(source|destination|target|payload|trigger|frequency|volume)\s+(?:is|are|will be)\s+([^,.;]{2,80})",
    re.I,
)
_TAGGED = lazy(r"((?:[A-Z][\w'.-]*\s+){0,3}[\w'.-]+)\s+\((source|destination|the source|the destination|"
               r"the trigger|trigger)\)", re.I)
_FIELD_OF = {"target": "destination", "volume": "frequency", "the source": "source", "the destination": "destination",
             "the trigger": "trigger"}


def read(r: Reading) -> None:
    taken: set[int] = set()  # statements read as part of a flow sub-section
    steps: set[int] = set()  # the sections under one flow's own section
    for section in r.doc.root.walk():
        own, parts = r.topics.own.get(id(section), ()), r.topics.of(section)
        if own == ("flows",) and (_labelled(r, section.title) or _keyed_flow(r, section)) and _from_section(
                r, section, taken, own_blocks=True):
            continue  # "## Flow A: a family accepts a place", "Flow 1" with "trigger: ...", "volume: ..." below
        if id(section) in steps:
            continue
        if own == ("flows",) and _labelled(r, section.title) and section.children:
            # "## Flow A: results" over "### Processors", "#### FetchSmb": one flow's steps, no flows of their own
            steps.update(id(below) for below in section.walk())
            continue
        if "flows" not in parts:
            continue
        # flows told alike, each by its keys ("direction: ...", "trigger: ..."): a sibling that gives none is a note
        # about them ("Replays (all flows)" with "F1 sends ... → replaying a batch is harmless"), not a flow
        keyed = {id(child) for child in section.children if _keyed_flow(r, child)}
        for child in section.children:
            if r.topics.own.get(id(child)) or _labelled(r, child.title, "contracts") or structural(child.title):
                continue  # "### Contract: ...", "### Errors" under a flow; "**Details:**" over the flow table
            if len(keyed) >= 2 and id(child) not in keyed:
                continue
            _from_section(r, child, taken, own_blocks=bool(child.children))
    for statement in r.statements:
        if id(statement) in taken or id(statement.section) in steps:
            continue
        if statement.shape == "row":
            kind = r.topics.table(statement.table, tuple(statement.placed))
            if kind is not None and kind[0] == "flows":
                columns = r.per_table("flows.columns", statement.table, lambda: _columns(statement.table, kind[1], r.vocab))
                if columns is not None:
                    _row(r, statement, columns)
        elif statement.shape in ("item", "line") and "flows" in statement.placed and statement.depth == 0:
            _item(r, statement)
    for span, fields in r.code_records("flows"):
        found = {name: value(text, where) for name, (text, where) in fields.items() if name != "direction"}
        if "direction" in fields:
            arrow(fields["direction"][0], fields["direction"][1], found, direction=True)
        r.mark("flows", span)
        r.spec.flows.append(Flow(span, **found))
    r.spec.flows = _one_per_id(r.spec.flows)
    _volumes_by_id(r)


def _volumes_by_id(r: Reading) -> None:
    """A second list or table that gives each flow's volume by its id ("| Flow | Volume |" under the flows table: "F2:
    600 bookings/day", "F4: on occurrence"): that flow's frequency, where its own row gave none."""
    by_id = {}
    for flow in r.spec.flows:
        match = _FLOW_ID.fullmatch(flow.name.text.strip(" *`")) if flow.name is not None else None
        if match and not given(flow.frequency):
            by_id[match.group(1).upper()] = flow
    if not by_id:
        return
    for statement in r.statements:
        key = statement.key.strip(" *`") if statement.key and statement.shape in ("item", "line") else ""
        flow = by_id.get(key.upper()) if key and _FLOW_ID.fullmatch(key) else None
        if flow is not None and statement.value.strip() and "flows" in r.topics.of(statement.section) and (
                _FREQUENCY.search(statement.value) or _WHEN_ONLY.match(statement.value)):
            flow.frequency = value(statement.value.strip(), statement.span)
            del by_id[key.upper()]


# "F2", "Flow 2", a circled number ("① Run dispatch" in a summary, "①" again in the detail)
_FLOW_ID = lazy(r"^\W*(?:flow\s+(?=\d))?((?:[A-Z]{1,3}-?)?[0-9]{1,3}[a-z]?(?![\w-]|\.\d)|[\u2460-\u2473\u2776-\u2793])", re.I)
_FIELDS = ("source", "destination", "trigger", "payload", "frequency", "topic")


def _one_per_id(flows: list[Flow]) -> list[Flow]:
    """Flows told twice under one id (a flows table's row "F2", then "#### F2 Exceedance notice" in prose) are
    one flow: the one with the most facts read, each missing fact taken from the other."""
    kept: list[Flow] = []
    by_id: dict[str, Flow] = {}
    for flow in flows:
        match = _FLOW_ID.match(flow.name.text) if flow.name is not None else None
        key = None
        if match and (not match.group(1).isdecimal() or flow.name.text.lower().lstrip(" *#").startswith("flow")):
            key = match.group(1).upper()  # "F2", "Flow 2"; not "2. Orders"
        other = by_id.get(key) if key else None
        if other is None:
            kept.append(flow)
            if key:
                by_id[key] = flow
            continue
        best, rest = (other, flow) if _facts(other) >= _facts(flow) else (flow, other)
        for name in _FIELDS:
            if not given(getattr(best, name)) and given(getattr(rest, name)):
                setattr(best, name, getattr(rest, name))
        if best is flow:
            kept[kept.index(other)] = flow
            by_id[key] = flow
    return kept


def _facts(flow: Flow) -> int:
    return sum(given(getattr(flow, name)) for name in _FIELDS)


def _keyed_flow(r: Reading, section: Section) -> bool:
    """A section named like one flow ("Flow 1", not "Data flows") whose lines give its fields by key."""
    if len(section.title.split()) <= 2 and r.vocab.section_parts(section.title) and not any(
            c.isdigit() for c in section.title) and len(section.title) < 12:
        return False  # "Flows", "Data flows": the part itself
    fields = {r.vocab.field_exactly("flows", s.key) for s in r.within(section, own=True)
              if s.key and s.parent is None}  # not "- **Install postback**" with "- Source: ..." under it
    return len(fields - {None}) >= 2


def _labelled(r: Reading, title: str, part: str = "flows") -> bool:
    """A heading labelled by `part` before what it names: "Flow A: ...", "Contract: create order"."""
    label = r.vocab.label(title)[0]
    return bool(label) and part in r.vocab.section_parts(label)


_SCHEDULED = lazy(r"\b(?:at\s+)?\d{1,2}:\d\d\b|`[\d*/,-]+(?:\s+[\d*/,-]+){4}`|\b(?:cron|nightly|daily|hourly|weekly|"
             r"monthly|every|each|on|when|whenever|after|once|upon|end\s+of|start\s+of|triggered|scheduled?)\b", re.I)


def _bodies(table, index: int) -> bool:
    """Most cells of the column are JSON or XML bodies (`{"id": ...}`): a column of examples."""
    cells = [row.cells[index].text.strip(" `") for row in table.rows if index < len(row.cells)]
    return len(cells) >= 2 and sum(1 for cell in cells if cell[:1] in "{[<" and len(cell) > 20) * 2 > len(cells)


def _columns(table, columns: dict[int, str], vocab) -> dict[int, str] | None:
    """The columns of a flow table with what the header words leave unsaid, or None for a record layout,
    which is no flow table: a column whose cells mostly say when ("nightly export, 02:15 UTC", "end of each
    load") is the trigger, under whatever header ("What kicks it off"); a first column no header word
    names is the flow's name ("Feed"), before a later column whose header only looks like a name's."""
    if record_layout(table, columns):
        return None
    if value_table(table):
        return None  # "| Field | Source value | Target value |": an enum's translation, value by value
    if any(_bodies(table, index) for index in range(len(table.header))):
        return None  # "| Ex | Interface | Direction | Body |" over JSON bodies: examples of the calls, no flows
    if _transitions(table, columns):
        return None  # "| From | To | Set by | Trigger |" over "| `EM` | `LD` | ...": a status's moves, no flows
    if sum(vocab.metric_kind(cell.text) in _WATCHED or "sla" in vocab.section_parts(cell.text)
           for cell in table.header) >= 2:
        return None  # "| System | Latency | Error rate | Queue depth | Credential expiry |", "| System | Latency target |
        # Availability |": what each system is watched for or promises, its words loosely a flow's ("rate", "target")
    found = dict(columns)
    unknown = [i for i in range(len(table.header)) if i not in found]
    named = next((i for i, name in found.items() if name == "name"), None)
    if named and 0 in unknown:  # "| Feed | ... | What kicks it off |": a row's first cell names it, not a later one
        del found[named]
        other = next((f for f in vocab.other_fields("flows", table.header[named].text) if f not in found.values()), None)
        if other:  # "| # | From → To | Event |": the word's other meaning ("Event": what starts it)
            found[named] = other
        else:
            unknown.append(named)
    if "trigger" not in found.values():
        for index in unknown:
            cells = [row.cells[index].text for row in table.rows if index < len(row.cells) and row.cells[index].text.strip()]
            if len(cells) >= 2 and sum(bool(_SCHEDULED.search(cell)) for cell in cells) * 2 > len(cells):
                found[index] = "trigger"
                unknown.remove(index)
                break
    if "name" not in found.values() and 0 in unknown:
        found[0] = "name"
    if _TRANSPORT_FIRST.match(table.header[0].text) and not {"trigger", "frequency"} & set(found.values()):
        return None  # "| Topic | Value schema | Partitions | Producer | Consumers |": an inventory of topics, no flows
    return found


_WATCHED = {"latency", "error-rate", "queue-depth", "dlq-size", "token-expiry"}  # a metric's kinds, not a volume's
_ONE_STATE = r"`?(?:[A-Z][A-Z0-9_]{0,20}|(?i:any|all)|\*)`?"  # `EM`, `IN_TRANSIT`, "any": a status's code
_STATE = lazy(rf"{_ONE_STATE}(?:\s*/\s*{_ONE_STATE})*")  # ... or the states a move leaves from: "QUEUED/RETRYING"


def _transitions(table, columns: dict[int, str]) -> bool:
    """A state machine's table: its ends are statuses (codes, or "any"), four or more, and where it goes is
    mostly where it comes from again (a closed set of states), not two or three systems. The ends stand in two
    columns ("| From | To |") or in one ("| From → To |" over "QUEUED/RETRYING → SYNCED")."""
    if {"payload", "frequency"} & set(columns.values()):
        return False  # (a flow table says what moves and how often; a state's moves say neither)
    ends = {name: i for i, name in columns.items() if name in ("source", "destination")}
    moves = next((i for i, name in columns.items() if name == "direction"), None)
    if len(ends) == 2:
        pairs = [(row.cells[ends["source"]].text.strip(), row.cells[ends["destination"]].text.strip())
                 for row in table.rows if max(ends.values()) < len(row.cells)]
    elif moves is not None:
        split = [_ARROW.split(row.cells[moves].text.strip()) for row in table.rows if moves < len(row.cells)]
        pairs = [(piece[0].strip(), piece[1].strip()) for piece in split if len(piece) == 2]
        if not any("/" in end or "_" in end for pair in pairs for end in pair):
            return False  # "POS → ERP", "ERP → WMS": capitals name systems too; a state shows itself ("IN_TRANSIT",
            # "QUEUED/RETRYING") where one column holds both ends
    else:
        return False
    cells = [cell for pair in pairs for cell in pair]
    if len(pairs) < 3 or sum(1 for cell in cells if _STATE.fullmatch(cell)) < 0.8 * len(cells):
        return False
    states = {state.strip(" `") for cell in cells for state in cell.split("/")
              if state.strip(" `").lower() not in ("any", "all", "*")}
    sources = {state.strip(" `") for source, _ in pairs for state in source.split("/")}
    closed = sum(1 for _, target in pairs if target.strip("`") in sources)
    return len(states) >= 4 and closed >= 0.6 * len(pairs)


_TRANSPORT_FIRST = lazy(r"^\W*(?:kafka\s+)?(?:topics?|queues?|channels?|subjects?|exchanges?|streams?|buckets?)\W*$", re.I)


def _row(r: Reading, statement, columns: dict[int, str]) -> None:
    cells = statement.row.cells
    fields: dict[str, Value] = {}
    for index, name in columns.items():
        if index >= len(cells):
            continue
        cell = cells[index]
        if name == "direction" and not (_ARROW.search(cell.text) or _FROM_TO.search(cell.text)):
            # "| Arrow | Source → destination |" with "4.1" under "Arrow": the direction is the cell with the arrow
            cell = next((c for i, c in enumerate(cells) if i not in columns and _ARROW.search(c.text)), cell)
        if name == "direction":
            arrow(cell.text, cell.span, fields, direction=True)
        else:
            fields[name] = value(cell.text, cell.span)  # an empty cell points at itself
    if "payload" not in columns.values() and given(fields.get("name")):
        fields["payload"] = fields["name"]  # "| 0x03 | Yield sample | HTU → cloud | ...": what moves is what it names
    r.mark("flows", statement.section.span)
    r.spec.flows.append(Flow(statement.span, **fields))


def _with_nested(r: Reading, item) -> str:
    """A nested item's words; a bare label's are its own items' ("- Frequency" over "  - 1 per order ..."): the
    label's value."""
    told = [n.value for n in r.under(item) if n.shape == "item" and n.key == item.text]  # keyed by it (statements.py)
    if told and r.vocab.field("flows", item.text):
        return f"{item.text}: {'; '.join(told)}"
    return item.text


def _item(r: Reading, statement) -> None:
    """ "Create order — Shop → ERP; trigger: checkout; ~200/h" and its nested items."""
    if statement.key and structural(statement.key):
        return  # "**Summary:** four flows, two each way", "**Details:**" over the table
    lead = statement.key.strip(" *_.") if statement.key else ""
    if lead and " " not in lead and (named := r.vocab.section_parts(lead)) and "flows" not in named:
        return  # "**Interfaces.** `POST /v1/donors`, ...; one webhook from A to B": another part's one-word lead, no flow
    if statement.shape == "line" and statement.key:  # "**P — Participants (A → B).** Trigger: ...": the lead, then its fields
        segments = [statement.key] + [s for s in _SEPARATORS.split(statement.value) if s.strip()]
    else:  # a sentence wrapped onto the next line is one segment: "... GET the entry list⏎  from FRS for ..."
        text = "\n".join(line.rstrip(" \t") for line in statement.text.split("\n"))
        segments = [s for s in _SEPARATORS.split(_WRAPPED.sub(" ", text)) if s.strip()]
    segments += [_with_nested(r, nested) for nested in r.under(statement) if nested.shape == "item"]
    span = statement.span
    fields: dict[str, Value] = {}
    head = segments[0] if segments else ""
    pair = key_value(head)
    name_text = head
    if pair and not r.vocab.field_exactly("flows", pair[0]):  # "Play event: A → B": the flow's name
        name_text, first = pair
        segments = [first] + segments[1:]
        aside = _NAME_THEN_ARROW.match(name_text)
        if aside:  # "Play reports, OnAir → SoundLog: one `POST` per track": the name, then the direction
            name_text, segments = aside.group(1), [aside.group(2)] + segments
    elif pair:
        name_text = ""
    guessed = False  # source and destination read off an arrow in the name ("F1 Booking confirmed → catering event")
    for segment in segments:
        keyed = key_value(segment)
        pair = keyed or _leading_word_pair(segment, r.vocab)
        field = r.vocab.field("flows", pair[0]) if pair else None
        if field == "direction":
            if guessed and (keyed or segment.lstrip(" *_").lower().startswith("direction")) and (
                    _ARROW.search(pair[1]) or _FROM_TO.search(pair[1])):
                # "... Direction VenueFlow → CaterOps": the labelled direction, not the name's arrow of events
                fields.pop("source", None), fields.pop("destination", None)
                guessed = False
            arrow(pair[1], span, fields, direction=True)
        elif field:
            if pair[1].strip():
                fields[field] = value(pair[1], span)
            if not keyed:  # "When a bill is closed, TableTill sends webhook `order.closed` ...": a sentence led by
                for name, phrase in facts(segment).items():  # a field's word says the others it holds too
                    if name in ("frequency", "payload") and name != field:
                        fields.setdefault(name, value(phrase, span))
        elif _ARROW.search(segment) or _FROM_TO.search(segment):
            guessed = guessed or segment is segments[0] and not ({"source", "destination"} & fields.keys())
            arrow(segment, span, fields)
        else:
            pulled = _PULL.search(segment) is not None  # "the Hub shall GET the entry list from FRS": both ends
            for name, phrase in facts(segment).items():
                if name in ("frequency", "trigger", "payload") or pulled and name in ("source", "destination"):
                    fields.setdefault(name, value(phrase, span))  # "SporeLog publishes one message per crate"
    if not ({"source", "destination"} & fields.keys()) or len(fields) < 2:
        return
    each = next((found for segment in segments if (found := _ONE_PER.search(segment))), None) \
        if "trigger" not in fields and "frequency" in fields else None
    if each:  # "one `POST` per track start": what starts each one
        fields["trigger"] = value(each.group(1), span)
    if name_text.strip():
        fields["name"] = value(name_text, span)
    r.mark("flows", statement.section.span)
    r.spec.flows.append(Flow(span, **fields))


def _from_section(r: Reading, section: Section, taken: set[int], own_blocks: bool) -> bool:
    """A heading describing one flow in lists, key values or prose; False when it does not."""
    fields: dict[str, Value] = {"name": value(section.title, section.span)}
    statements = [s for s in r.within(section, own=own_blocks) if s.shape not in ("code", "code-key", "code-comment")]
    if any(s.shape == "row" and (kind := r.topics.table(s.table, tuple(s.placed))) is not None and kind[0] == "flows"
           for s in statements):
        return False  # "**Model answer**" over a table of flows: the section holds flows, it is not one
    for statement in statements:
        # "... account. Direction: A to B. Volume: ...", a paragraph wrapped anywhere
        for part in _SENTENCE_END.split(re.sub(r"\s*\n\s*", " ", statement.text)):
            pair = key_value(part)
            field = r.vocab.field("flows", pair[0]) if pair else None
            if field == "direction":
                arrow(pair[1], statement.span, fields, direction=True)
            elif field and pair[1].strip():
                fields.setdefault(field, value(pair[1], _value_span(statement, pair[1])))
            elif not field and (_ARROW.search(part) or _FROM_TO.search(part)):
                arrow(part, statement.span, fields)
    if "source" not in fields and _ASIDE_ARROW.search(section.title):  # "## Flow 1 — fixture changed (A → B)"
        arrow(section.title, section.span, fields)
    for statement in statements:
        for name, phrase in facts(statement.text).items():
            if name not in fields:
                fields[name] = value(phrase, statement.span)
    if len(fields) < 3:
        return False
    taken.update(id(s) for s in statements)
    r.mark("flows", section.span)
    r.spec.flows.append(Flow(section.span, **fields))
    return True


_BOTH_WAYS = re.compile(r"^\W*(?:both(?:\s+ways|\s+directions)?|either\s+(?:way|direction)|bi-?directional|two-?way|"
                        r"each\s+way|↔|<->|⇄|⇆)\W*$", re.I)


_PULLS_FROM = lazy(r"^\W*(?:the\s+)?(.+?)\s+(?:pulls?|fetch(?:es)?|polls?|reads?|downloads?|collects?|gets?|retrieves?)\b"
                   r"(?:\s+[^,.;]{1,40}?)?\s+from\s+(?:the\s+)?([^,.;()]+?)\s*(?:[,.;(]|$)", re.I)


_PULLS_ALONE = lazy(r"^\W*(?:the\s+)?([\w .&'-]{2,40}?)\s+(?:pulls?|polls?|fetch(?:es)?|downloads?|reads?)\W*$", re.I)


_EVENT_LINK = lazy(r"\b(?:webhooks?|events?|callbacks?|notifications?)\W*$|`[a-z]+(?:[._][a-z]+)*\.[a-z_]+`")  # the link ends
# with what fires ("Kiln event webhook"), not a system named for it ("Kiln notifications service")


def arrow(text: str, span, fields: dict[str, Value], direction: bool = False) -> None:
    """Source and destination from "A → B" or "from A to B"; a direction also as "A to B"; "A ← B" the
    other way round."""
    back = _BACK_ARROW.split(text.split(",")[0], maxsplit=1)
    if len(back) == 2 and not _ARROW.search(text.split(",")[0]):  # "Hub ← CareRound (Hub pulls)": from CareRound
        fields.setdefault("source", value(re.sub(r"\s*\(.*", "", back[1]).strip(" *`"), span))
        fields.setdefault("destination", value(back[0].strip(" *`"), span))
        return
    pulls = _PULLS_FROM.match(text) if direction else None
    if pulls:  # "IceOps pulls from FjellBook", "the hub polls the list from FRS": from the one it reads
        fields.setdefault("source", value(pulls.group(2).strip(" *`"), span))
        fields.setdefault("destination", value(pulls.group(1).strip(" *`"), span))
        return
    match = _FROM_TO.search(text) or (_A_TO_B.match(text) if direction else None)
    if match:
        fields.setdefault("source", value(match.group(1).strip(" *`"), span))
        fields.setdefault("destination", value(match.group(2).strip(" *`"), span))
        return
    aside = _ASIDE_ARROW.search(text)
    if aside and not _ARROW.search(text[:aside.start(1)]):  # "Participants (RaceLive → ChipTime)": the direction in
        text = aside.group(1)  # brackets after the name
    elif aside:  # "CDH → NodeCentral (→ gateway at next check-in)": an aside on the way on, no end of the flow
        text = text[:aside.start(1) - 1]
    parts = _ARROW.split(text.split(",")[0]) if _ARROW.search(text.split(",")[0]) else _ARROW.split(text, maxsplit=1)
    if len(parts) >= 2:  # "A → hub → B": from A to B, by way of the hub
        fields.setdefault("source", value(parts[0].strip(" *`"), span))
        fields.setdefault("destination", value(parts[-1].split(",")[0].strip(" *`"), span))
        if _EVENT_LINK.search(parts[0]):  # "ClayDays `booking.created` webhook → bridge → FireSync": what starts it
            fields.setdefault("trigger", value(parts[0].strip(" *"), span))
        carrier = next((found for hop in parts[1:-1] if (found := NAMED_CARRIER.search(hop))), None)
        if carrier:  # "ERP → Kafka `erp.batch-quality` → MES": the hop is the topic the flow travels on
            fields.setdefault("topic", value(carrier.group(1), span))
    elif direction and _BOTH_WAYS.match(text):  # "Both", "↔", "either way": each side is source and destination
        fields.setdefault("source", value(text, span))
        fields.setdefault("destination", value(text, span))
    elif direction and (puller := _PULLS_ALONE.match(text)):  # "Partner pulls": the puller is where the data goes;
        fields.setdefault("destination", value(puller.group(1).strip(" *`"), span))  # the side it pulls from is
        fields.setdefault("source", evidence(text, span))  # implied, told but not named
    elif direction and text.strip():
        fields.setdefault("source", value(text, span))  # a direction that names one side: the other is implied


def told(text: str) -> bool:
    """A sentence that tells a flow by its trigger and its sending, whatever else it leaves unnamed: evidence of
    flows where no table or list gives one."""
    return bool(_WHEN_CLAUSE.search(text) and _SENT_TO.search(text))


def facts(text: str) -> dict[str, str]:
    """Trigger, source, destination, payload and frequency a sentence states about a flow."""
    found: dict[str, str] = {}
    for match in _NAMED_FIELD.finditer(text):
        field = match.group(1).lower()
        found.setdefault(_FIELD_OF.get(field, field), match.group(2).strip())
    for match in _TAGGED.finditer(text):
        field = match.group(2).lower()
        found.setdefault(_FIELD_OF.get(field, field), match.group(1).strip())
    for _, sentence in sentences(text):
        when = (_WHEN_CLAUSE.search(sentence) or _SCHEDULE.search(sentence) or _PERSON_ACTION.search(sentence)
                or _SCHEDULED.search(sentence))
        if when and "trigger" not in found:
            found["trigger"] = when.group(when.lastindex or 0).strip()
        pulled = _PULL.search(sentence)  # "the Hub shall GET the full entry list from FRS": from FRS to the Hub
        if pulled and "source" not in found and "destination" not in found:
            found["source"], found["destination"] = pulled.group(3).strip(), pulled.group(1).strip()
            if "payload" not in found and pulled.group(2):
                found["payload"] = re.sub(r"\s*\([^)]*\)", "", pulled.group(2)).strip()
        source = _SOURCE.search(sentence)
        if source and "source" not in found:
            found["source"] = next(g for g in source.groups() if g).strip()
        destination = _DESTINATION.search(sentence)
        if destination and "destination" not in found:
            found["destination"] = next(g for g in destination.groups() if g).strip()
        payload = _PAYLOAD.search(sentence)
        if payload and "payload" not in found and payload.group(1).lower() not in ("it", "them", "this", "that"):
            found["payload"] = payload.group(1).strip()
        frequency = _FREQUENCY.search(sentence)
        if frequency and "frequency" not in found:
            found["frequency"] = frequency.group(0).strip()
    return found


def _leading_word_pair(segment: str, vocab) -> tuple[str, str] | None:
    """ "source TaxDesk", "dest RSEG": a flow field named by the segment's first word, without a colon."""
    words = segment.strip().split(None, 1)
    if len(words) == 2 and vocab.names_exactly("flows", words[0], vocab.field("flows", words[0]) or ""):
        return words[0], words[1]
    return None


def _value_span(statement, rest: str):
    first = statement.text.split("\n")[0]
    head = rest.split("\n")[0]
    index = first.rfind(head) if head else -1
    if index < 0 or not head:
        return statement.span
    line = statement.span.line
    return statement.span._replace(line=line, column=index + 1, end_line=line, end_column=index + 1 + len(head))


frequency_phrase = _FREQUENCY


_ASYNC = lazy(
    r"\b(?:queues?|topics?|events?|webhooks?|kafka|sqs|sns|pub/?sub|rabbitmq|amqp|mqtt|kinesis|eventbridge|"
    r"service\s+bus|stream(?:s|ing)?|messages?|batch(?:es)?|files?|sftp|s3|nightly|cron|bulk|asynchronous(?:ly)?|outbox)\b",
    re.I,
)


def is_async(text: str) -> bool:
    """A queue, topic, event, webhook, file or batch: the flow waits somewhere."""
    return bool(_ASYNC.search(text))


# a name that tells an event or an act ("Availability changed", "Cancel a booking"), or no words: no payload
_EVENT_OR_ACT = lazy(r"\b\w+ed\b|^\W*(?:get|create|update|delete|cancel|send|post|put|fetch|sync|push|pull|"
                     r"notify|register|submit|confirm|book|list|check)\b", re.I)


def names_its_data(name) -> bool:
    """A flow's name that is a noun phrase of the data it moves ("Splits", "Crane status", "Tally batches")."""
    if not given(name):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z-]{2,}", re.sub(r"\([^)]*\)|`[^`]*`", " ", name.text))
    return 1 <= len(words) <= 4 and not _EVENT_OR_ACT.search(" ".join(words))


# a frequency cell that only says when a flow runs ("Per void", "on approval", "Event-driven", "whenever a referee
# confirms one"), where the flows beside it give how often or how many
_WHEN_ONLY = lazy(r"^\W*(?:per\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|on\s+(?:each\s+|every\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?|"
                  r"event[- ]driven|event[- ]based|on\s+demand|ad[- ]hoc|as\s+(?:needed|required|they\s+(?:happen|occur))|"
                  r"whenever\b[^.;]{0,60}|each\s+time\b[^.;]{0,60}|every\s+time\b[^.;]{0,60}|when\s+[^.;]{0,60}|"
                  r"one\s+[\w-]+\s+per\s+[\w-]+(?:\s+[\w-]+)?|"
                  # "varies", "Varies with churn", "Spiky; follows cancellations": how often is left to chance
                  r"(?:varies|variable|varying|spiky|irregular|unpredictable|(?:it\s+)?depends)\b[^|\n]{0,80}?)\W*$", re.I)
_HOW_OFTEN = lazy(r"\d|\b(?:hourly|daily|nightly|weekly|monthly|yearly|annual\w*|every\s+\w+\s+(?:seconds?|minutes?|"
                  r"hours?|days?|weeks?)|once|twice|dozens?|hundreds?|thousands?|few|several|rare\w*|"
                  r"(?:a|per)\s+(?:second|minute|hour|day|night|week|month|year)|real[- ]?time|continuous\w*|"
                  r"streaming|peak|burst\w*|volume|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


def says_when_only(found) -> bool:
    """A frequency that only says when its flow runs ("Per void", "on approval", "Event-driven"), not how often, or that
    it varies ("varies", "Spiky; follows cancellations")."""
    return given(found) and not found.loose and not _HOW_OFTEN.search(found.text) and \
        bool(_WHEN_ONLY.match(found.text))

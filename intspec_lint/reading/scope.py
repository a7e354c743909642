"""Step 4 of reading: a fact belongs to the narrowest thing it names.

A fact said of the whole spec answers for every contract, system or flow that does not say
otherwise: credential storage said once for every system, a dead-letter size alert that says who is
alerted, an idempotency rule for every write, a schedule that is also a frequency. This step works on
the Spec, so it holds for Markdown and YAML alike.
"""

from __future__ import annotations

import re

from ..model import Contract, Flow, Sla, Spec, Value, evidence, given
from .idempotency import (DERIVED_ID, DUPLICATE_STATUS, KEY_HEADER, UNDETECTED, dedups, handles_redelivery, keys_naturally,
                          mentions, safe_by_nature, says_repeat)
from .text import HEADER_SHAPE, structural
from .vocabulary import strip_numbering

# "each request documents its own rule; there is no shared dedup store": each says it, or does not, itself
_DEFERS = re.compile(r"\b(?:its|their)\s+own\s+(?:rules?|keys?|dedup\w*|strateg\w+|polic\w+|handling)\b|"
                     r"\bno\s+(?:shared|common|global|central)\s+(?:dedup\w*|idempoten\w*|store|table|cache)\b", re.I)
_COVERS_ALL = re.compile(
    r"\b(all|every|each|any|either|both)\b(?!\s+[\w-]+['’]s\b)(?!\s+[~≈]?\d)[^.]{0,60}?\b(writes?|requests?|operations?|messages?|events?|calls?|endpoints?|"
    r"posts?|mutations?|deliveries|webhooks?|records?|rows?|upserts?|creates?|updates?|entry|entries|items?|"
    r"commands?|notifications?|files?|frames?|packets?|payloads?|publish(?:es)?|datagrams?|readings?|samples?|"
    r"batch(?:es)?|consumers?|receivers?|handlers?|subscribers?|jobs?|tasks?)\b",
    re.I,
)
_SCHEDULE = re.compile(r"\b(?:cron|every\s+\d+\s*\w+|hourly|daily|nightly|weekly|monthly|each\s+night|"
                       r"at\s+\d{1,2}:\d\d)\b|`[\d*/,-]+(?:\s+[\d*/,-]+){4}`", re.I)
# a schedule that says when, not only how often: a cron expression, a time of day
_CLOCK = re.compile(r"\bcron\b|`[\d*/,-]+(?:\s+[\d*/,-]+){4}`|\b(?:at\s+)?\d{1,2}:\d\d\b", re.I)
_BY_METHOD = {"PUT", "DELETE"}  # idempotent by the method's own definition (RFC 9110)


def apply(spec: Spec) -> None:
    _auth(spec)
    _dead_letter(spec)
    _flows(spec)
    _idempotency(spec)
    _when_down(spec)
    _sent_to_a_url(spec)


def scheduled(flow: Flow) -> bool:
    """A flow started by a clock (a batch), which has deadlines rather than an uptime."""
    return any(given(v) and _SCHEDULE.search(v.text) for v in (flow.trigger, flow.frequency))


_DOWN = re.compile(r"\b(?:unavailable|unreachable|down|outage|not\s+reachable|connection\s+refused|"
                   r"failed\s+to\s+(?:be\s+)?(?:sent|send|delivered|deliver|reach)|"
                   r"(?:time[sd]?[- ]?out|timeout)s?|5\d\d|maintenance)\b", re.I)
_AGAIN = re.compile(r"\b(?:retr(?:y|ied|ies)|re-?run|re-?sen[dt]|re-?queue|replay|queued?|back\s*off)", re.I)


def _when_down(spec: Spec) -> None:
    """An error class for an unavailable side whose action is to try again ("SQL Server unavailable |
    automatic re-run") says what happens when one side is down."""
    if spec.sla is not None and spec.sla.when_down is not None:
        return
    told = next((category.action for category in spec.errors if given(category.action) and _DOWN.search(
        " ".join(v.text for v in (category.name, category.examples) if given(v))) and _AGAIN.search(category.action.text)),
        None)
    # a retry policy with a value says the calls are tried again; a sentence anywhere that tries again after a side
    # is down ("If the hub does not answer, the robot keeps its events and resends them") says so in words
    retried = next((v for v in (spec.retry.strategy, spec.retry.max_attempts, spec.retry.initial_delay) if given(v)),
                   None) if spec.retry is not None else None
    said = spec.testimony.states(_DOWN.search, _AGAIN.search, headed=False) if spec.testimony is not None else None
    found = told or retried or (evidence(*said) if said else None)
    if found is not None:
        if spec.sla is None:
            spec.sla = Sla(spec.where("sla"))
        spec.sla.when_down = found


# messages said to be sent as HTTP calls to a URL the receiver gives: "the app will send you a POST HTTP call on your
# given URL", "each event is delivered to your webhook endpoint"
_TO_A_URL = re.compile(r"\b(?:send|sends|sent|post|posts|posted|deliver|delivers|delivered|push|pushes|pushed)\b[^.\n]{0,60}?"
                       r"\b(?:http|https|webhook|callback|post)\b[^.\n]{0,40}?\b(?:url|uri|endpoint|address)\b", re.I)


_OF_MESSAGES = re.compile(r"\b(?:events?|messages?|notifications?|webhooks?|callbacks?|payloads?)\b", re.I)
_TO_AUTH = re.compile(r"\b(?:token|oauth|auth\w*|login|sign[- ]?in)\b|\b(?:kafka|topic|queue|broker|sqs|sns|pub/?sub)\b", re.I)


def _sent_to_a_url(spec: Spec) -> None:
    """Messages none of which names a queue or topic, in a document that says they are sent as HTTP calls to the
    receiver's URL: that URL is where each goes (loose evidence of the location, one for all)."""
    messages = [c for c in spec.contracts if c.kind == "message"]
    if not messages or any(c.topic is not None for c in messages) or spec.testimony is None:
        return
    said = spec.testimony.states(_TO_A_URL.search, lambda text: bool(_OF_MESSAGES.search(text)), _TO_AUTH.search,
                                 headed=False)  # of the events themselves, not of a token request
    for contract in messages if said else ():
        contract.topic = evidence(*said)


def _auth(spec: Spec) -> None:
    for entry in spec.auth:
        for name, fact in spec.auth_defaults.items():
            if getattr(entry, name) is None:
                setattr(entry, name, fact)


def _dead_letter(spec: Spec) -> None:
    """A metric that names the place failed messages go watches the dead letters, whatever its other words say
    ("Outbox above 50 or `failed_pushes` above 0: warning"): evidence of a dead-letter size. A dead-letter size metric
    with an alert says who hears of failed messages."""
    dead = spec.dead_letter
    if dead is None:
        return
    place = _squeezed(dead.destination.text.split("(")[0]) if given(dead.destination) else ""
    # a name as a program writes it (`failed_pushes`, `orders.dlq`), not a word any metric may use ("errors")
    named_place = dead.destination.text.split("(")[0].strip(" `*") if given(dead.destination) else ""
    written = re.compile(rf"(?<![\w.-]){re.escape(named_place)}(?![\w.-])") \
        if re.fullmatch(r"[\w$]+(?:[._:/-][\w$]+)+", named_place) else None
    for metric in spec.monitoring:  # `FailedSync(...)` is watched as `tunebook_failed_sync_open`
        named = bool(place) and len(place) > 3 and metric.metric is not None and place in _squeezed(metric.metric.text)
        compared = written is not None and given(metric.threshold) and \
            written.search(f"{metric.metric.text if metric.metric else ''} {metric.threshold.text}")
        if compared and metric.kind != "dlq-size":  # (by its name as written, in the metric's words or its threshold's)
            spec.evidence.setdefault("monitoring:dlq-size", metric.span)
        if dead.alert is None and (metric.kind == "dlq-size" or named) and given(metric.alert):
            dead.alert = metric.alert  # "KC exception queue > 0": the place failed messages go, watched


def _squeezed(name: str) -> str:
    """A name with its case and separators dropped: `FailedSync`, `failed_sync` and "failed-sync" are one."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _flows(spec: Spec) -> None:
    """A trigger that is a schedule ("cron 0 * * * *", "nightly") states the frequency too; the topic a
    flow travels on names its message, which the contract of that name describes (and takes the topic
    from, when it names none)."""
    for flow in spec.flows:
        if flow.frequency is None and given(flow.trigger) and _SCHEDULE.search(flow.trigger.text):
            flow.frequency = flow.trigger
        if flow.trigger is None and given(flow.frequency) and _CLOCK.search(flow.frequency.text):
            flow.trigger = flow.frequency  # "Schedule (cron) | `30 1 * * *` export at 01:30": what starts it
        if given(flow.topic):
            if flow.payload is None:
                flow.payload = flow.topic
            for contract in spec.contracts:
                name = contract.label or contract.text.split("\n", 1)[0]
                if contract.method is None and contract.topic is None and given(flow.name) and \
                        same_name(name, flow.name.text):
                    contract.topic, contract.kind = flow.topic, "message"


def same_name(label: str, name: str) -> bool:
    """A contract named like a flow: "Telemetry" / "Telemetry"; "Command and command result" / "Command"."""
    words = {w.rstrip("s") for w in _WORD.findall(strip_numbering(label).lower())}
    wanted = {w.rstrip("s") for w in _WORD.findall(name.lower())} - _STOP
    return bool(wanted) and wanted <= words


def _idempotency(spec: Spec) -> None:
    """Give each write the statement that makes a repeated call safe, if any does."""
    idempotency = spec.idempotency
    # (a statement that there is none answers for nothing: "8.1 Readings: readings are not deduplicated")
    statements = [s for s in idempotency.statements if given(s) and not _only_denies(s.text)] if idempotency else []
    keys = [k for k in idempotency.keys if given(k.key)] if idempotency else []
    # the keys the statements say a repeat is answered by ("`200` when the same `X-Statement-Key` was already accepted")
    repeated = {name for s in statements if mentions(s.text) or says_repeat(s.text) for name in _CODE_SPAN.findall(s.text)
                if _KEY_NAME.search(name)}  # a key's name, not a tenant's id a composite key shares
    covering = next((s for s in statements if _COVERS_ALL.search(s.text) and (
        mentions(s.text) or repeated & set(_CODE_SPAN.findall(s.text))) and not _DEFERS.search(s.text)), None)
    # (or names one of those keys: "Every write carries `X-Statement-Key`")
    headers = {name for s in statements if mentions(s.text) and not UNDETECTED.search(s.text)
               for name in _CODE_SPAN.findall(s.text) if _HEADER_NAME.match(name)}  # "a request whose
    # `NPIR-Submission-Ref` it has already processed ... returns the original result" (not "Duplicates are not detected:
    # support finds them by their `X-Correlation-Id`")
    if covering is None and headers and spec.testimony is not None:
        # ... and a clause for every request, outside the statements on duplicates, that says each carries it, the same
        # on a retry: "Every request SHALL carry `NPIR-Submission-Ref`, a UUID ... reused on every retry" (not "a new UUID
        # per call, for tracing")
        carried = spec.testimony.states(_COVERS_ALL.search, lambda text: any(f"`{name}`" in text for name in headers)
                                        and bool(_CARRIES.search(text)),
                                        lambda text: bool(_DEFERS.search(text) or _PER_ATTEMPT.search(text)), headed=False)
        covering = Value(*carried) if carried else None
    writes = [c for c in spec.contracts if c.writes]
    for contract in writes:
        others = set().union(*(_request_fields(c) for c in writes if c is not contract))
        sent = _request_fields(contract)
        # a statement standing in another contract's own lines is that contract's, not this one's, unless it names a
        # field only this one sends (a note on every call's keys under the first: "Status events are processed once
        # per `eventId`")
        own = [s for s in statements if not any(other is not contract and s.text in other.text for other in writes)
               or (sent - others) & {key.strip() for keys in _CODE_KEYS.findall(s.text) for key in keys.split(",")}]
        rivals = [c for c in writes if c is not contract]
        contract.idempotent = _covered(contract, own, keys, covering, sent, sent - others, rivals) or \
            _covered_by_number(contract, statements) or _covered_by_flows(contract, spec.flows, statements)
    for contract in writes:  # "the `client_reference` rule applies to each item": a key whose rule another write's
        # repeat-safety states, named in this call's own words and sent by it, makes this call safe the same way
        if contract.idempotent is None:
            own = {name for name in set(_CODE_SPAN.findall(contract.text)) & _request_fields(contract)
                   if re.search(_POINTS_AT_RULE.format(name=re.escape(name)), contract.text, re.I)}
            contract.idempotent = next((other.idempotent for other in writes if other is not contract and
                                        other.idempotent is not None and not other.idempotent_by_method and
                                        _keyed_on(other.idempotent.text, own)), None)
    if len(writes) == 1 and writes[0].idempotent is None:  # the dedup the spec states is the one write's,
        dedup = next((s for s in statements if dedups(s.text) and not UNDETECTED.search(s.text) and
                      not _led_elsewhere(writes[0], s.text)), None)  # (not "Duplicates are not detected")
        writes[0].idempotent = dedup  # unless it is led by the name of another operation ("Create payment: ...")


def _only_denies(text: str) -> bool:
    """Says there is no dedup and nothing else of repeats ("readings are not deduplicated"); not "the carrier API is
    not idempotent, so our relay keeps each `order_id` ... and answers a repeat with the stored shipment"."""
    denial = UNDETECTED.search(text)
    return denial is not None and not mentions(text[:denial.start()] + text[denial.end():])


# this call's own words pointing at a key's rule said for another: "the `client_reference` rule applies to each item"
_POINTS_AT_RULE = (r"`{name}`\s+(?:rule|check|dedup\w*|key|uniqueness)\b[^.;]{{0,30}}?\b(?:appl(?:y|ies)|holds?)\b|"
                   r"\bsame\s+`{name}`\s+(?:rule|key|check|dedup\w*)\b")


def _keyed_on(text: str, names: set[str]) -> bool:
    """A line of `text` that names one of `names` and says a repeat of it is safe ("`client_reference` ... if you send
    the same value again within 7 days we return the delivery already created")."""
    return any(any(f"`{name}`" in line for name in names) and (mentions(line) or dedups(line) or says_repeat(line))
               for line in text.split("\n")) if names else False


def _led_elsewhere(contract: Contract, text: str) -> bool:
    """The statement opens with the name of some other operation ("Update address: ..."); not a clause
    ("That is safe: ...")."""
    lead = text.split(":", 1)[0].rsplit(". ", 1)[-1] if ":" in text[:60] else ""  # "**Duplicates.** Safe ...:"
    return bool(lead.strip()) and len(lead.split()) <= 5 and not _CLAUSE_LEAD.search(lead) and \
        not _DATED.search(lead) and not structural(lead) and not _RECORD_ID.match(lead) and not _names(contract, text)
    # "Tue 11 Mar 2025: ...": a notebook's entry; "Fix: ...", "D-07 (duplicates): ...", "FR-12 ...": a label or the id
    # of a decision, a requirement or a known issue, no call


# "`X-Request-Id: <uuid>` (new per attempt, for log correlation)": a trace of each call, no key of the operation
_PER_ATTEMPT = re.compile(r"\b(?:new|fresh|different|regenerated|generated)\s+(?:[\w-]+\s+)?(?:per|for\s+each|for\s+every|"
                          r"on\s+each|on\s+every|with\s+each|every)\s+(?:[\w-]+\s+)?(?:attempt|retry|try|call|request|send)|"
                          r"\b(?:log|trace|tracing)\s+correlation|\bfor\s+(?:tracing|logging|correlation)\b|"
                          r"\bto\s+correlate\s+(?:the\s+)?logs\b", re.I)


def _traces(text: str, header: str) -> bool:
    """Whether the words right after the header's name say it changes with every attempt, or only traces calls."""
    if re.search(r"idempot|dedup", header, re.I):
        return False
    # any mention: the request's header line, then "`X-Request-Id` is a fresh UUID for every HTTP attempt" below it
    return any(_PER_ATTEMPT.search(text[found.start():found.start() + 120])
               for found in re.finditer(re.escape(header), text))


# (a verb of what a side does with a key makes a clause too: "ILLHub treats `requestingAgencyRequestId` as unique:")
_CLAUSE_LEAD = re.compile(r"^\W*(?:that|this|it|which|there)\b|\b(?:safe|harmless|everywhere|all|every|both)\b|"
                          r"\b(?:is|are|was|were|can|will|must|shall|does|do|treats|keeps|ignores|stores|rejects|uses)\b", re.I)


_RECORD_ID = re.compile(r"^\W*(?:D|DEC|ADR|FR|NFR|REQ|KI|BR|AC|TC|RISK|ISSUE|Q|A)-?\d{1,3}[a-z]?\b(?:\s*\([^)]{1,40}\))?\W*$")
_DATED = re.compile(r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b|^\W*\d{1,2}:\d\d\b", re.I)
_FLOW_ID = re.compile(r"^\W*([A-Z]{1,3}-?\d{1,3}[a-z]?)\b")


def _covered_by_number(contract: Contract, statements) -> Value | None:
    """A statement that numbers its pieces inline ("(1) `externalRef` is unique; a repeat gets 409. (2) ...")
    under contracts numbered the same ("**1. Create work order**"): each piece is its number's contract's,
    wherever the statement stands (after the last contract, it is read with that one's lines)."""
    number = _LEAD_NUMBER.match(contract.name.text) if contract.name is not None else None
    for statement in statements if number else ():
        for said, piece in _enumerated(statement.text):
            if said == number.group(1) and (mentions(piece) or dedups(piece) or safe_by_nature(piece)):
                return Value(piece, statement.span)
    return None


def _covered_by_flows(contract: Contract, flows, statements) -> Value | None:
    """A queue or topic whose flows are each made safe by name ("F1 Create case: a unique index on
    `correlation_id`; a repeat gets 409", "F2: idempotent by nature"): the messages it carries are."""
    if contract.kind != "message":
        return None
    ids = [found.group(1) for flow in flows if flow.name is not None and (found := _FLOW_ID.match(flow.name.text))
           and any(f"`{name}`" in contract.text for v in (flow.topic, flow.trigger) if v is not None
                   for name in _CODE_SPAN.findall(v.text))]  # its topic or its event type, named in the contract
    said = []
    for unit in ids:
        named = next((s for s in statements if re.search(rf"(?<![\w-]){re.escape(unit)}(?![\w-])", s.text)
                      and (mentions(s.text) or dedups(s.text) or safe_by_nature(s.text))), None)
        if named is None:
            return None
        said.append(named)
    return said[0] if said else None


def _covered(contract: Contract, statements, keys, covering, sent: set[str], carried: set[str],
             rivals: list[Contract]) -> Value | None:
    """What makes a repeated call of the contract safe; `sent` are the fields it sends, `carried` those no other
    write (of `rivals`) sends."""
    if covering is not None:
        return covering
    if mentions(contract.text) or safe_by_nature(contract.text) or DERIVED_ID.search(contract.text) or \
            DUPLICATE_STATUS.search(contract.text):  # "`409 {"error": "duplicate_external_ref"}`": a repeat detected
        return Value(contract.text, contract.span)  # (an id the caller derives from the data: a repeat sends the same)
    keyed = [h for h in contract.headers if KEY_HEADER.search(h.text) and not _traces(contract.text, h.text)]
    if keyed:
        return keyed[0]
    sent_ids = {h.text.strip("` ").lower() for h in contract.headers if _ID_HEADER.search(h.text.strip("` "))}
    for statement in statements:  # "`X-Report-Id` is UUIDv5 over ... MQR answers a repeat with the original receipt":
        # a header of its own, told as the key in so many words, for every call that sends it
        if sent_ids & {name.lower() for name in _CODE_SPAN.findall(statement.text)} and mentions(statement.text):
            return statement
    if contract.kind == "http" and contract.method is not None and contract.method.text.upper() in _BY_METHOD:
        contract.idempotent_by_method = True
        return contract.method
    for key in keys:
        if _names(contract, key.operation.text if key.operation else ""):
            return key.key
    for head_only in (True, False):  # "F3: ..." names the contract headed "F3 – POST ..." before one that mentions F3
        for statement in statements:
            if _names(contract, statement.text, head_only):
                return statement
    # a sentence read with the one before it, whose "it" is the key that one names: "`session_id` is a GUID the plugin
    # creates ... The PMS upserts on it (single and batch), so a retry ... cannot create a second fitting record"; or
    # that says what arrives twice: "The webhook can arrive twice. Decision: Mirth stores `shipment_id` ..."
    joined = [Value(f"{one.text} {two.text}", two.span) for one, two in zip(statements, statements[1:])
              if (_IT.search(two.text) or says_repeat(one.text)) and 0 <= two.span.line - one.span.end_line <= 1]
    for statement in statements:
        if any(_keys_it(contract, sentence, sent, carried, rivals) for sentence in _SENTENCE_END.split(statement.text)):
            return statement
        if any(_by_its_method(contract, sentence, rivals) for sentence in _SENTENCE_END.split(statement.text)):
            return statement
    for statement in joined:
        if _keys_it(contract, statement.text, sent, carried, rivals):
            return statement
    for noun in filter(None, (_noun(contract), *_items(contract))):
        # "`E04` file already loaded (status DUPLICATE)": said of every file the spec exchanges; "RiverOps upserts
        # samples on (gate, sample time)": of the items a batch carries
        found = next((s for s in statements if (dedups(s.text) or mentions(s.text) or keys_naturally(s.text)
                                                or safe_by_nature(s.text))
                      and re.search(rf"\b{re.escape(noun)}s?(?:_\w+)?\b", s.text, re.I)
                      and not _led_elsewhere(contract, s.text)), None)  # not "Update address: ... the order ..."
        if found is not None:
            return found
    if contract.kind == "message":  # "Lumen may receive the same interchange twice ... deduplicated on UNB ref"
        return next((s for s in statements if handles_redelivery(s.text) and not _led_elsewhere(contract, s.text)),
                    None)
    return None


_ID_HEADER = re.compile(r"^[\w-]+-(?:id|key|nonce)$", re.I)


def _request_fields(contract: Contract) -> set[str]:
    """The fields a call sends, at any depth: declared, or in its request example."""
    fields = {re.split(r"[.\[]", f.name)[-1] or f.name for f in contract.bodies["request"].fields} \
        if "request" in contract.bodies else set()
    for example in contract.examples:
        if example.role == "request":
            fields |= _keys(example.data) if example.data is not None else \
                {name.split(":")[-1] for name in _XML_ELEMENT.findall(example.text)}  # `<supplyingAgencyMessage>`
    return {f for f in fields if len(f) > 3}


_XML_ELEMENT = re.compile(r"<([A-Za-z][\w.:-]*)[\s/>]")


def _keys(data, depth: int = 0) -> set[str]:
    if depth > 6:
        return set()
    if isinstance(data, dict):
        return set(data).union(*(_keys(v, depth + 1) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_keys(v, depth + 1) for v in data[:20]))
    return set()


_LEAD_NUMBER = re.compile(r"^\W*(\d{1,2})[.)]\s")  # "1. Create work order": the contract's number
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))\((\d{1,2})\)\s")  # "(1) ... (2) ...": pieces numbered inside a sentence


def _enumerated(text: str) -> list[tuple[str, str]]:
    """(number, piece) of a text that numbers its pieces inline ("(1) ... (2) ...") or opens with its number."""
    marks = list(_ENUMERATOR.finditer(text))
    if len(marks) < 2 and not (marks and not text[:marks[0].start()].strip()):
        return []  # "(2) Fieldline keeps one value per ...", a sentence of its own, opens with its number
    return [(mark.group(1), text[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)])
            for i, mark in enumerate(marks)]


_CODE_SPAN = re.compile(r"`([\w.$-]+)`")
_HEADER_NAME = re.compile(rf"^{HEADER_SHAPE}$")
_CARRIES = re.compile(r"\b(?:carr(?:y|ies)|sends?|includes?|has|have|bears?|sets?)\b", re.I)
_KEY_NAME = re.compile(r"(?i)(?:^|[-_.])(?:idempotency|key)(?:$|[-_.])|^x-")  # `X-Statement-Key`, `Idempotency-Key`
_CODE_TAIL = re.compile(r"`/?([\w.-]+(?:/[\w.{}-]+)+)`")  # "`down/replace`": a path's end of two segments or more
_CODE_KEYS = re.compile(r"`\(?\s*([\w.$-]+(?:\s*,\s*[\w.$-]+)*)\s*\)?`")  # a key, or a tuple of them
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z`])")
_ANY_CALL = re.compile(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+`?/")


def _keys_it(contract: Contract, sentence: str, sent: set[str], carried: set[str], rivals: list[Contract]) -> bool:
    """The sentence names a key of the call's: one only this call sends ("The app creates `clientHaulId` before the
    first send, so resends are the same submission"), or one it shares, deduplicated on in so many words and said
    of no other write ("FreightDesk webhooks are deduplicated on `event_id`"); led by no other operation's name."""
    named = {key.strip() for keys in _CODE_KEYS.findall(sentence) for key in keys.split(",")}  # "`(sensor_id, at)`"
    # (a natural key the call sends whole is deduplication in so many words: "`session_id` ... the PMS upserts on it";
    # not "readings are upserted on (`station_id`, `observed_at`)" of a ticket that sends only `station_id`)
    natural = keys_naturally(sentence) and {name for name in named if not name.isdigit()} <= sent
    shared = sent & named and (handles_redelivery(sentence) or natural) and (mentions(sentence) or natural) \
        and not any(_names(other, sentence) for other in rivals)
    return bool(carried & named or shared) and not _led_elsewhere(contract, sentence) and \
        not (_ANY_CALL.search(sentence) and not _names(contract, sentence))  # said of no other call


def _by_its_method(contract: Contract, sentence: str, rivals: list[Contract]) -> bool:
    """The sentence names the call by its method alone, the only write with that method, and says a repeat is safe:
    "The survey `PATCH` sets values and is safe to repeat", "PATCHes set absolute values, so repeating one is
    harmless"."""
    method = contract.method.text.upper() if contract.kind == "http" and contract.method is not None else ""
    if not method or any(other.method is not None and other.method.text.upper() == method for other in rivals):
        return False
    # ... or in the plural, its calls: "F2 PATCHes set absolute values"; not "POST .../x"
    named = re.search(rf"(?<![\w/-])`?{method}`?(?:e?s\b)?(?!\s*`?(?:https?:|/|\.|\{{|<))(?![\w/-])", sentence)
    return bool(named) and (mentions(sentence) or safe_by_nature(sentence)) and not _led_elsewhere(contract, sentence)


def _items(contract: Contract) -> list[str]:
    """The lists a request example carries at its top ("samples", "readings"): what a batch is made of."""
    found = []
    for example in contract.examples:
        if example.role == "request" and isinstance(example.data, dict):
            found += [key.lower().removesuffix("s") for key, data in example.data.items()
                      if isinstance(key, str) and isinstance(data, list) and data and len(key) > 4 and key.isalpha()]
    return found


def _noun(contract: Contract) -> str:
    """What a contract carries, in the word a spec-wide statement would use for it: a message's kind,
    an endpoint's resource ("ticket" of `POST /v3/tonnage-tickets`)."""
    if contract.kind == "http" and given(contract.url):
        segments = [p for p in contract.url.text.split("?")[0].strip("`").split("/") if p and not p.startswith(("{", ":", "<"))]
        last = re.split(r"[-_]", segments[-1].split(":")[0])[-1].lower() if segments else ""  # "readings:batch"
        return last[:-1] if last.endswith("s") and len(last) > 4 else (last if len(last) > 3 else "")
    if contract.kind != "message":
        return ""
    named = _KIND_NOUN.search(contract.label or contract.text.split("\n", 1)[0])
    if named:
        return named.group(1).lower()
    return "file" if _FILE_LAYOUT.search(contract.text) else ""


def _names(contract: Contract, text: str, head_only: bool = False) -> bool:
    """The text refers to the contract: by its name, URL or topic, or its lead words ("Jira create:")
    all appear in what the contract says."""
    lowered = text.lower().replace("`", "")
    if not lowered:
        return False
    method = contract.method.text.lower() if contract.method else ""
    said_method = _METHOD.match(lowered)
    if said_method and method and said_method.group(1) != method:
        return False  # "PUT /orders/{id}" is not about "DELETE /orders/{id}"
    if said_method and contract.url is not None and _path_tail(said_method.group(0).split(None, 1)[-1], contract.url.text):
        return True  # "`POST /zone-status` is deduplicated ..." names ".../facilities/{id}/zone-status"
    if contract.url is not None and any(_path_tail(tail, contract.url.text) for tail in _CODE_TAIL.findall(text)):
        return True  # "Downlinks are safe by construction (`down/replace`)": the end of its path, two segments
    for value in (contract.name, contract.url, contract.topic):
        if value is None:
            continue
        for acronym in _ACRONYM.findall(value.text):  # "3.1 Ticket file (TKT)" is the "TKT file" of later lines
            if re.search(rf"(?<![\w-]){acronym}(?![\w-])", text):
                return True
        name = _PAREN.sub("", _METHOD.sub("", strip_numbering(value.text).lower().replace("`", ""))).strip(" -—–:")
        if (len(name) > 2 or _UNIT_CODE.fullmatch(value.text)) and \
                re.search(r"(?<![\w-])" + re.escape(name) + r"(?:e?s)?(?![\w/{}.-])", lowered):  # "... notifications"
            return True
    if contract.name is None and "\n" in contract.text:
        first = contract.text.lower().replace("`", "").split("\n", 1)[0]
        if len(lowered) <= 40 and len(lowered.split()) <= 4 and re.search(rf"(?<![\w-]){re.escape(lowered.strip(' .:'))}"
                                                                           rf"(?![\w-])", first):
            return True  # "payment-status", the name an unheaded contract goes by on its first line
    cell = text.split(" | ", 1)[0] if " | " in text[:60] else ""
    # a row whose first cell is a unit's id and name leads it as a label does ("F3 telemetry | EMS upserts on ...")
    lead = lowered.split(":", 1)[0] if ":" in lowered[:60] else cell.lower() if _UNIT_CODE.search(cell) else ""
    # "F3 msg: ...", "F4 is deduplicated on ...": the unit ids the document gives its parts, where a statement opens
    opening = text.split(":", 1)[0] if lead else " ".join(text.split()[:2])
    codes = _codes(opening)  # in their own case: "F3", not the "v1" of a path
    if not codes and len(_codes(text)) == 1:
        codes = _codes(text)  # "The PMS shall receive the same F4 notice more than once"
    if codes and codes & set(_UNIT_CODE.findall(contract.text.split("\n", 1)[0])):
        return True
    own = set(_UNIT_CODE.findall(contract.text.split("\n", 1)[0]))
    if codes and own:
        return False  # "C1 create job: ..." is C1's, not C3's, whatever words they share
    words = set(_WORD.findall(lead)) - _STOP - {code.lower() for code in codes}  # "F3" for a contract with no id
    if words and words <= _FACETS:
        return False  # "Headers: ...": a facet every contract has, no name of one
    if words and len(words) <= 5:
        said = contract.text.lower().split("\n", 1)[0] if head_only else contract.text.lower()
        return all(re.search(rf"\b{re.escape(w[:5])}", said) for w in words)
    return False


_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]{1,9})\)")
def _path_tail(path: str, url: str) -> bool:
    """The path a statement gives is the end of the contract's path (two segments at least, or one that
    is not a parameter)."""
    tail = [p for p in path.strip(" `").split("?")[0].split("/") if p]
    full = [p for p in re.sub(r"^https?://[^/]+", "", url.lower().strip("`")).split("?")[0].split("/") if p]
    if not tail or len(tail) > len(full) or (len(tail) == 1 and tail[0].startswith("{")):
        return False
    return all(a == b or b.startswith("{") for a, b in zip(tail, full[-len(tail):]))


_KIND_NOUN = re.compile(r"\b(file|message|event|webhook|batch|record|notification|delivery)s?\b", re.I)
_FILE_LAYOUT = re.compile(r"\b(?:csv|columns?|sftp|fixed[- ]width|header\s+row|manifest)\b", re.I)
_PAREN = re.compile(r"\([^)]*\)")
_METHOD = re.compile(r"^\W*(get|post|put|patch|delete)\s+\S+\s*")
_WORD = re.compile(r"[a-z][a-z0-9]+")
_UNIT_CODE = re.compile(r"(?<![\w./-])[A-Z]{1,2}\d{1,2}(?![\w/-])")
_IT = re.compile(r"\b(?:on|by)\s+(?:it|them|that|this)\b", re.I)  # "upserts on it", "deduplicated by that"
_CODE_PAIR = re.compile(r"(?<![\w./-])([A-Z]{1,2}\d{1,2})/(?=[A-Z]{1,2}\d{1,2}(?![\w/-]))")


def _codes(text: str) -> set[str]:
    """The unit ids a text names; two joined by a slash ("C4/F5: `noticeId` is unique") are both named."""
    return set(_UNIT_CODE.findall(_CODE_PAIR.sub(r"\1 ", text)))
_FACETS = {"headers", "header", "body", "request", "response", "codes", "status", "notes", "note", "example",
           "examples", "fields", "payload", "errors", "query", "parameters", "params"}
_STOP = {"the", "a", "an", "of", "for", "on", "to", "and", "or", "in", "all", "each", "every"}

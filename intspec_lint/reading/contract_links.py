"""What contracts say once for several, or borrow from each other, settled after every contract is read:
one endpoint or topic said for all operations, "as C2" and "the body shown in 5.3", a location table by
unit id, queues declared in configuration, the body a GET can only get back, and an example written
below another contract than the one it shows."""

from __future__ import annotations

import json
import re

from ..model import EXAMPLE_SHAPE, Contract, Example, StatusCode, Value, evidence
from ..span import Span
from .context import Reading
from .call_starts import BASE_SEGMENT, HOST
from .contract_units import CODES_TITLE, SHARED
from .lazy_re import lazy
from .status_codes import STATUS_ANY, codes_in_cell, listed_codes
from .topics import METHOD_URL
from .values import value
from .vocabulary import abbreviates, strip_numbering


def settle(r: Reading) -> None:
    r.spec.contracts = [c for c in r.spec.contracts if not _mention_of_another(c, r.spec.contracts)
                        and not _definition_of_another(c, r.spec.contracts)]
    contracts = r.spec.contracts
    _shared_endpoint(r)
    _bodyless_requests(contracts)
    _as_other(contracts)
    _reassign_examples(contracts)
    _examples_by_name(contracts)
    _examples_by_host(contracts)
    _topics_in_config(r)
    _locations_by_unit(r)
    _scenario_examples(r)
    _same_shape(r)
    _transport_said_once(r)
    for contract in contracts:  # an example whose side was settled here ("`{...}`" alone under a GET) shows its shape
        shapes_from_examples(contract)


def shapes_from_examples(contract: Contract) -> None:
    """A side with an example and no declared shape has its shape in the example."""
    for example in contract.examples:
        if example.role in ("request", "response") and getattr(contract, f"{example.role}_shape") is None:
            setattr(contract, f"{example.role}_shape", Value(EXAMPLE_SHAPE, example.span))


_UNIT_ID = lazy(r"(?<![\w-])[A-Z]{1,2}\d{1,2}(?![\w-])")


_QUEUE_RESOURCE = lazy(r"\b(?:aws_sqs_queue|aws_sns_topic|kafka_topic|KafkaTopic|google_pubsub_topic|"
                      r"azurerm_servicebus_(?:queue|topic)|rabbitmq_queue|queue_name|topic_name)\b")


_TRANSPORT_TITLE = lazy(r"\b(?:transport|connectivity|connection|endpoints?|as2|sftp|channels?)\b", re.I)


_BROKER = lazy(r"\b(?:sqs|sns|kafka|rabbitmq|amqp|pub/?sub|service\s+bus|kinesis|eventbridge|mqtt|nats|pulsar|as2|sftp|"
               r"edifact|edi|interchange)\b", re.I)


def _topics_in_config(r: Reading) -> None:
    """A message contract that names its broker ("CollectionsBase → SNS → SQS") but no queue, in a spec
    whose configuration blocks declare the queues: the names are there, in words the contract does not
    repeat. Evidence of a topic, never a missing one."""
    declared = next((s for s in r.statements if s.shape == "code" and _QUEUE_RESOURCE.search(s.text)), None)
    if declared is None:  # or a transport section that gives the endpoints ("## 3. Transport (AS2)" with URLs)
        declared = next((s for s in r.statements if s.shape != "heading" and _TRANSPORT_TITLE.search(s.section.title)
                         and (_URL.search(s.text) or _LOCATION.search(s.text))), None)
    if declared is None:
        return
    transport = declared.shape != "code"  # a transport section holds for every message, named or not
    for contract in r.spec.contracts:
        if contract.kind == "message" and contract.topic is None and (transport or _BROKER.search(contract.text)):
            contract.topic = evidence("(declared in the configuration)", declared.span)


_LOCATION = lazy(r"`?((?:sftp|s3|ftps?|gs|az|abfss?|file)://[^\s`|]+|/[\w.-]+(?:/[\w.{}<>*-]*)+/?)`?")


def _locations_by_unit(r: Reading) -> None:
    """A file contract headed by its unit id ("3.1 F1 taps columns") whose location a table gives by
    that id ("| F1, F2, F3 | `sftp://.../inbound/` |")."""
    rows = [s for s in r.statements if s.shape == "row" and s.row.cells]  # "## 2. File locations" too
    for contract in r.spec.contracts:
        if contract.kind != "message" or contract.topic is not None:
            continue
        name = contract.label or contract.text.split("\n", 1)[0]
        codes = set(_UNIT_ID.findall(name))
        word = (re.findall(r"[a-z]{3,}", strip_numbering(name).lower()) or [""])[0]
        for row in rows:
            first = (re.findall(r"[a-z]{3,}", row.row.cells[0].text.lower()) or [""])[0]
            named = bool(word and first and abbreviates(first.rstrip("s"), word.rstrip("s")))  # "Acks" for F1–F3
            if codes & set(_UNIT_ID.findall(row.row.cells[0].text)) or named:
                found = next((m for c in row.row.cells[1:] for m in [_LOCATION.search(c.text)] if m), None)
                if found:
                    contract.topic = value(found.group(1), row.span)
                    break


_URL = lazy(r"https?://[^\s`|)]+")


_ALL_ON_TOPIC = lazy(r"\b(?:all|every|each)\s+(?:(?:of\s+)?(?:the|these|our)\s+)?(?:events?|messages?|records?)\b[^.\n]{0,60}?"
                     r"\b(?:on|to|from|in|via)\s+(?:the\s+)?(?:(?:kafka\s+)?(?:topic|queue|stream|channel|subject)\s+)?"
                     r"`([\w.$-]+)`", re.I)


_HTTP_VERB = lazy(r"\bHTTP\s+(GET|POST|PUT|PATCH|DELETE)\b")


_EVERY = lazy(r"\b(?:every|all|each|any)\b", re.I)


def _shared_endpoint(r: Reading) -> None:
    """One endpoint for every operation ("Endpoint for every GraphQL operation: `POST .../graphql`", "CrewCall
    answers `200 OK` for every request"), said by the contracts' section itself: the method, URL and
    status codes of every contract there that names none."""
    for section in r.doc.root.walk():
        if "contracts" not in r.topics.own.get(id(section), ()):
            continue
        own = [s for s in r.within(section, own=True) if s.shape not in ("heading", "code", "code-key", "code-comment")]
        call = next((m for s in own if _EVERY.search(s.text) for m in [METHOD_URL.search(s.text)] if m), None)
        codes = [StatusCode(code, s.span) for s in own if _EVERY.search(s.text) for code in listed_codes(s.text)]
        # "Endpoint: `https://ws.example/v3`" and "Transport: HTTP POST ...": one URL for every operation (SOAP)
        url = next((m.group(0) for s in own if s.key and r.vocab.field_exactly("contracts", s.key) == "url"
                    for m in [_URL.search(s.value)] if m), None)
        verb = next((m.group(1) for s in own for m in [_HTTP_VERB.search(s.text)] if m), None)
        # the codes of a shared "HTTP status and faults" sub-section (no contract's own table)
        table = [s for s in r.within(section) if s.shape == "row" and s.section is not section
                 and (CODES_TITLE.search(s.section.title) or SHARED.match(strip_numbering(s.section.title)))
                 and ((r.topics.table(s.table, ("contracts",)) or ("",))[0] == "status_codes"
                      or _codes_first(s.table))]
        codes += [StatusCode(int(m.group(1)), s.span) for s in table for m in [STATUS_ANY.search(s.row.cells[0].text)] if m]
        if call is None and not (url and verb) and not codes and not any(_ALL_ON_TOPIC.search(s.text) for s in own):
            continue
        inside = [c for c in r.spec.contracts if section.span.line <= c.span.line <= section.end_line]
        topic = next((m for s in own for m in [_ALL_ON_TOPIC.search(s.text)] if m), None)
        for contract in inside:
            if contract.method is None and contract.url is None and contract.topic is None and topic is not None:
                contract.topic, contract.kind = value(topic.group(1), section.span), "message"  # "All events ... on `t`"
                continue
            if contract.method is None and contract.topic is None and (call is not None or (url and verb)):
                method, address = (call.group(1), call.group(2)) if call is not None else (verb, url)
                contract.method, contract.url = value(method, section.span), value(address, section.span)
                contract.kind, contract.shared_endpoint = "http", True
            if contract.kind == "http" and not contract.status_codes:
                contract.status_codes = list(codes)


def _codes_first(table) -> bool:
    """A table whose first column holds status codes on every row but one at most ("| 503 | fault ... |", a last "| — | TLS
    refused |"): a status table, whatever else its columns name."""
    coded = sum(1 for row in table.rows if row.cells and codes_in_cell(row.cells[0].text))
    return coded >= 2 and coded >= len(table.rows) - 1


_AS_OTHER = lazy(r"\b(response|status\s+codes?|codes|headers?|errors?|body|request\s+body)\b[^.]{0,40}?\b(?:same\s+)?as\s+(?:in\s+|for\s+)?"
                 r"(?:section\s+|§\s*)?([A-Z]{1,2}\d{1,2}|\d+(?:\.\d+)+)\b", re.I)


_SAME_AS_BEFORE = lazy(r"^\W*(?:the\s+)?same\s+(headers?|status\s+codes?|codes|errors?)(?:\s+as\s+(?:above|before))?\s*[.;]",
                       re.I | re.M)
_BODY_OF_OTHER = lazy(r"\bexample\b[^.\n]{0,80}?\bwith\s+the\s+(?:body\s+of\s+)?(?:section\s+|§\s*)?"
                      r"([A-Z]{1,2}\d{1,2}|\d+(?:\.\d+)+)(?:'s)?\s+(?:body|request|payload)\b", re.I)


_SHOWN_IN = lazy(r"\b(?:body|response|example|payload)\s+(?:is\s+)?(?:shown|given)\s+in\s+(?:section\s+|§\s*)?"
                 r"([A-Z]{1,2}\d{1,2}|\d+(?:\.\d+)+)\b", re.I)


_ANSWERS_AS = lazy(r"\b(?:answers?|responds?|replies|acknowledges?)\s+(?:exactly\s+)?as\s+(?:in|for|with|by|does)?\s*"
                   r"(?:section\s+|§\s*)?((?:the\s+)?[\w-]+(?:\.[\w-]+)*(?:\s+[\w-]+){0,2}?)\s*(?:[.,;:()]|$)", re.I | re.M)


def _named(contracts: list[Contract], contract: Contract, ref: str) -> Contract | None:
    """The other contract whose heading or label names `ref` ("C2", "3.1", "status webhook": each word)."""
    words = [w for w in re.findall(r"[\w.-]+", ref.lower()) if w not in ("the", "our", "its")]
    for other in contracts:
        said = (other.text.split("\n", 1)[0] + " " + (other.label or "")).lower()
        if other is not contract and words and all(re.search(rf"(?<![\w.-]){re.escape(w)}(?![\w-])", said) for w in words):
            return other
    return None


def _as_other(contracts: list[Contract]) -> None:
    """"Response and status codes: as C2.", "Headers: as in 3.1", "Answers as for the status webhook", "the 200
    body shown in 5.3", "with the 3.1 body": what the other contract says, said again."""
    for before, contract in zip(contracts, contracts[1:]):  # "### `POST /landings`" with "Same headers. Request: ...":
        for match in _SAME_AS_BEFORE.finditer(contract.text):  # the contract told just above
            if match.group(1).lower().startswith("header") and not contract.headers:
                contract.headers = list(before.headers)
            elif not contract.status_codes and not match.group(1).lower().startswith("header"):
                contract.status_codes = list(before.status_codes)
    for contract in contracts:
        for match in _AS_OTHER.finditer(contract.text):
            other = _named(contracts, contract, match.group(2))
            if other is None:
                continue
            said = match.group(0).lower()
            if ("status" in said or "codes" in said or "error" in said) and not contract.status_codes:
                contract.status_codes = list(other.status_codes)
            if "response" in said and contract.response_shape is None:
                contract.response_shape = other.response_shape
            if "header" in said and not contract.headers:
                contract.headers = list(other.headers)
            if (said.startswith(("body", "request")) or re.search(r"\bbody\s+as\b", said)) and \
                    contract.request_shape is None:
                contract.request_shape = other.request_shape  # "same body as 3.1"
                if "request" in other.bodies:
                    contract.bodies.setdefault("request", other.bodies["request"])
        for match in _ANSWERS_AS.finditer(contract.text):  # "Answers as for the status webhook.", "Answer as B.2."
            other = _named(contracts, contract, match.group(1))
            if other is not None:
                contract.status_codes = contract.status_codes or list(other.status_codes)
                contract.response_shape = contract.response_shape or other.response_shape
                if not any(e.role == "response" for e in contract.examples):
                    contract.examples += [e for e in other.examples if e.role == "response"][:1]
        # "→ the 200 body shown in 5.3": its response example; "Example ... with the 3.1 body": its request example
        for pattern, role in ((_SHOWN_IN, "response"), (_BODY_OF_OTHER, "request")):
            for match in pattern.finditer(contract.text):
                other = _named(contracts, contract, match.group(1))
                if other is not None and not any(e.role == role for e in contract.examples):
                    contract.examples += [e for e in other.examples if e.role == role][:1]


def _bodyless_requests(contracts: list[Contract]) -> None:
    """A GET or DELETE sends no body: a body shown for it, in no block that writes the call itself, is what
    it gets back."""
    for contract in contracts:
        if contract.method is None or contract.method.text.upper() not in ("GET", "HEAD", "DELETE"):
            continue
        if any(e.role == "response" for e in contract.examples):
            continue
        for example in contract.examples:
            if example.role == "request" and isinstance(example.data, (dict, list)) and \
                    not METHOD_URL.match(example.text.lstrip()):
                example.role = "response"


def _reassign_examples(contracts: list[Contract]) -> None:
    """An example written after several endpoints ("Example webhook: `{...}` → `202 {...}`" below a
    numbered list of two calls) belongs to the contract whose declared request fields it carries, when
    it fits that one and not the one it was read with; the response on its line goes with it."""
    declared = {id(c): {f.name.split(".")[0].removesuffix("[]") for f in c.bodies["request"].fields}
                for c in contracts if "request" in c.bodies}
    for contract in contracts:  # a body of the declared request fields, labelled by a "Response body: ..." line above
        answers = {f.name.split(".")[0] for f in contract.bodies["response"].fields} if "response" in contract.bodies else set()
        mine = declared.get(id(contract), set())
        if mine and not any(e.role == "request" for e in contract.examples):
            for example in contract.examples:
                keys = set(example.data) if isinstance(example.data, dict) else set()
                if example.role == "response" and len(keys) >= 3 and len(keys & mine) >= 0.8 * len(keys) and \
                        len(keys & answers) < len(keys) / 2:
                    example.role = "request"
                    break
    for contract in contracts:
        for example in [e for e in contract.examples if e.role == "request" and isinstance(e.data, dict)]:
            keys = set(example.data)
            if len(keys) < 2 or len(keys & declared.get(id(contract), set())) >= len(keys) / 2:
                continue
            fits = [c for c in contracts if c is not contract and len(keys & declared.get(id(c), set())) >= 0.8 * len(keys)]
            if len(fits) != 1 or any(e.role == "request" for e in fits[0].examples):
                continue
            moved = [e for e in contract.examples if e.span.line == example.span.line]
            contract.examples = [e for e in contract.examples if e not in moved]
            fits[0].examples += moved


def _examples_by_name(contracts: list[Contract]) -> None:
    """An example whose label names another contract than the one it was read with ("Inspection request:" in a
    section of examples after "**Inspection endpoint**" and "**Roster endpoint**", read with the last) belongs to the
    one contract its label names by a word of that contract's own name, when it lacks an example of that role."""
    words = {id(c): _own_words(c) for c in contracts}
    for holder in contracts:
        for example in list(holder.examples):
            said = _words(example.label)
            first = _FIRST_WORD.match(example.label)  # the label opens with the contract's own word: "Inspection
            first = first.group(1).lower().removesuffix("s") if first else ""  # request", not "Request with customer"
            if not said or not words[id(holder)] or said & words[id(holder)] or first not in said:
                continue
            named = [c for c in contracts if c is not holder and first in words[id(c)]]
            if len(named) != 1 or any(e.role == example.role and e.text.strip() for e in named[0].examples) or (
                    example.role == "request" and named[0].method is not None and
                    named[0].method.text.upper() in ("GET", "DELETE", "HEAD")):
                continue
            holder.examples.remove(example)
            named[0].examples.append(example)


def _examples_by_host(contracts: list[Contract]) -> None:
    """An example whose label names the system one contract alone calls, by its host ("TextLoop request and response:"
    in a section of examples, with `https://api.textloop.example/v2/messages` the only TextLoop call), belongs to that
    contract, when its label names no word of the holder's own name ("TextLoop receipt" stays with "Delivery receipt") and the
    contract lacks an example of that role."""
    hosts: dict[str, list[Contract]] = {}
    for contract in contracts:
        host = _HOST.search(contract.url.text) if contract.url is not None else None
        for label in set(re.split(r"[.-]", host.group(1).lower())) - _HOST_WORDS if host else ():
            if len(label) >= 4:
                hosts.setdefault(label, []).append(contract)
    for holder in contracts:
        for example in list(holder.examples):
            label = _CODE_OR_ADDRESS.sub(" ", example.label or "")  # (a URL's words name its own host, not the label's)
            named = {word.lower() for word in re.findall(r"[A-Za-z]{4,}", label)}
            owners = {id(c): c for word in named for c in hosts.get(word, ()) if len(hosts[word]) == 1}
            if len(owners) != 1 or named & _own_words(holder):
                continue
            (owner,) = owners.values()
            if owner is holder or any(e.role == example.role and e.text.strip() for e in owner.examples) or (
                    example.role == "request" and owner.method is not None and
                    owner.method.text.upper() in ("GET", "DELETE", "HEAD")):
                continue  # (a body sent is no request of a GET: "TillPoint delivery:" is a webhook's, not the export's)
            holder.examples.remove(example)
            owner.examples.append(example)


_HOST = lazy(r"^\w+://([\w.-]+)")
_HOST_WORDS = frozenset("www api apis example com org net gov io dev app apps test staging sandbox prod internal local".split())


# the words any call or message is named by, which tell none from another
_GENERIC = frozenset("""endpoint endpoints request requests response responses answer answers reply replies call calls
message messages webhook webhooks example examples sample samples body bodies payload payloads event events push post
api the and for from with our their your this that shortened full""".split())


def _words(text: str) -> set[str]:
    """The words of a short name (six words at most), a product's own (`TillPoint`, `SMS`) left out: a system's name
    is shared by all its calls."""
    if len(text) > 200:
        return set()
    text = _CODE_OR_ADDRESS.sub(" ", text)
    if len(text.split()) > 6:
        return set()
    return {w.lower().removesuffix("s") for w in re.findall(r"\b[A-Za-z][a-z]{3,}\b", text)} - _GENERIC - \
        {w.removesuffix("s") for w in _GENERIC}


def _own_words(contract: Contract) -> set[str]:
    """A contract's own name in words: its name, or the label its text opens with ("**Inspection endpoint**: ...")."""
    if contract.name is not None and contract.name.text:
        return _words(contract.name.text) if len(contract.name.text.split()) <= 4 else set()
    lead = _LEAD.match(contract.text)
    return _words(lead.group(1)) if lead and len(lead.group(1).split()) <= 4 else set()


_CODE_OR_ADDRESS = lazy(r"`[^`]*`|\b[a-z][\w+.-]{0,15}://\S*|\([^()\n]{0,120}\)")  # (an aside: "(`201`)", "(L1a)")
_FIRST_WORD = lazy(r"^\W*([A-Za-z]{4,})")
_LEAD = lazy(r"^\W*([A-Za-z][^:`\n/]{2,60}):\s")


def endpoint_of(contract: Contract) -> str:
    """Method and path, the host and the path parameters left out: `GET /v1/bookings/{id}` and the
    example `GET /v1/bookings/bk_7Q2M9` are one endpoint when the rest of the path agrees."""
    if contract.method is not None and contract.url is not None:
        url = HOST.sub("", contract.url.text.strip("`")).split("?")[0].rstrip("/")
        return f"{contract.method.text.upper()} {url.lower()}"
    return ""


def same_endpoint(identity: str, merged: dict[str, Contract]) -> str | None:
    """The key of `merged` that names the same endpoint as `identity` (see endpoint_of), or None."""
    if identity in merged:
        return identity
    method, _, path = identity.partition(" ")
    parts = [p for p in path.split("/") if p]
    for known in merged:
        other_method, _, other_path = known.partition(" ")
        others = [p for p in other_path.split("/") if p]
        if other_method != method or not -3 <= len(parts) - len(others) <= 3:
            continue
        # either may carry the base path the other leaves to its "Base URL" (`/api/v1`, `/srs/api/v1`: a service's
        # name before its API's base)
        longer, shorter = (parts, others) if len(parts) >= len(others) else (others, parts)
        extra = longer[:len(longer) - len(shorter)]
        based = all(BASE_SEGMENT.match(p) for p in extra) or (len(extra) >= 2 and BASE_SEGMENT.match(extra[-1])
                                                                and all(BASE_SEGMENT.match(p) for p in extra[1:]))
        pairs = list(zip(longer[len(extra):], shorter))
        # with a value that has digits for one parameter, a path shows real values for the others too:
        # `PUT /rosters/{market_id}/{market_date}` and `PUT /v2/rosters/MKT-SFC-DOWNTOWN/2024-04-13`
        shown = any(_fits(a, b) and a != b and not (a.startswith(("{", "<", ":")) and b.startswith(("{", "<", ":")))
                    for a, b in pairs)
        if based and all(_fits(a, b) or shown and _one_parameter(a, b) for a, b in pairs):
            return known
    return None


def _mention_of_another(contract: Contract, contracts: list[Contract]) -> bool:
    """A call named with the end of another's path and nothing of its own (no example, body, shape or code): "SLO for
    `GET /lounge-eligibility` is p95 600 ms" speaks of `GET .../members/{ffn}/lounge-eligibility`, told elsewhere."""
    if contract.kind != "http" or contract.method is None or contract.url is None or contract.examples or \
            contract.bodies or contract.status_codes or contract.request_shape or contract.response_shape:
        return False
    tail = [p for p in endpoint_of(contract).partition(" ")[2].split("/") if p]
    for other in contracts:
        full = [p for p in endpoint_of(other).partition(" ")[2].split("/") if p]
        if other is not contract and other.method is not None and \
                other.method.text.upper() == contract.method.text.upper() and 0 < len(tail) < len(full) and \
                all(_fits(a, b) for a, b in zip(full[-len(tail):], tail)):
            return True
    return False


def _definition_of_another(contract: Contract, contracts: list[Contract]) -> bool:
    """A message's fields defined under a heading that names it by code ("4.1 `ZRXREFILL01` — `E1ZRX_HDR`" over a
    field table), where another contract's example is that message (`<ZRXREFILL01>...`): the other's schema, told apart
    from it, not a contract of its own."""
    if contract.addressed or contract.examples or not contract.bodies or contract.name is None:
        return False
    names = [n for n in _CODE_NAME.findall(contract.name.text) if len(n) >= 4]
    return any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", example.text)
               for name in names for other in contracts if other is not contract for example in other.examples)


_CODE_NAME = lazy(r"`([\w.:-]+)`")


def _one_parameter(a: str, b: str) -> bool:
    """One of the two segments is a parameter and the other a value."""
    return a.startswith(("{", "<", ":")) != b.startswith(("{", "<", ":"))


def _fits(a: str, b: str) -> bool:
    """Two path segments of one endpoint: equal, both parameters, or a parameter and a value that has
    digits in it (`{booking_id}` and `bk_7Q2M9`; not `{id}` and `search`)."""
    param_a, param_b = a.startswith(("{", "<", ":")), b.startswith(("{", "<", ":"))
    if a == b or (param_a and param_b):
        return True
    if param_a != param_b:
        literal = b if param_a else a
        return any(c.isdigit() for c in literal)
    for template, literal in ((a, b), (b, a)):  # a key inside a segment: `companies({companyid})`, `companies(8f0c…)`
        pieces = _INNER_PARAM.split(template)
        if len(pieces) > 1:
            shown = re.fullmatch("(.+?)".join(map(re.escape, pieces)), literal)
            return bool(shown) and all(any(c.isdigit() for c in value) for value in shown.groups())
    return False


_INNER_PARAM = lazy(r"\{[^{}/]+\}|<[^<>/]+>")


_SCENARIO_CALL = lazy(r"\b(GET|POST|PUT|PATCH|DELETE)\s+`?(\S+?)`?\s[^\n{]{0,40}?\bwith\b\s*(?=\{)")
_SCENARIO_ANSWER = lazy(r"\b(?:answers?|responds?|returns?|replies)\s+(?:with\s+)?\**([1-5]\d\d)\**\b[^\n{]{0,30}?\s*(?=\{)")


def _scenario_examples(r: Reading) -> None:
    """Examples in the steps of a test scenario ("When WWP sends POST /v1/orders with {...}", "Then B
    answers 201 with {...}" in a ```gherkin block): the call's body is its endpoint's request example,
    the answer after it that endpoint's response example, for a contract that shows none of its own."""
    by_endpoint = {endpoint_of(c): c for c in r.spec.contracts if endpoint_of(c)}
    if not by_endpoint:
        return
    decoder = json.JSONDecoder()
    for statement in r.statements:
        if statement.shape != "code" or (statement.code.info or "text") not in _SCENARIO_LANGUAGES:
            continue
        text, contract = statement.text, None
        found = sorted([(m.start(), "request", m) for m in _SCENARIO_CALL.finditer(text)] +
                       [(m.start(), "response", m) for m in _SCENARIO_ANSWER.finditer(text)], key=lambda t: t[0])
        for _at, role, match in found:
            if role == "request":
                key = same_endpoint(f"{match.group(1).upper()} {match.group(2).split('?')[0].rstrip('/').lower()}",
                                    by_endpoint)
                contract = by_endpoint.get(key) if key else None
            if contract is None or any(e.role == role for e in contract.examples):
                continue
            try:
                data, end = decoder.raw_decode(text, match.end())
            except ValueError:
                continue
            line = statement.span.line + 1 + text.count("\n", 0, match.end())
            contract.examples.append(Example(role, "application/json", text[match.end():end],
                                             Span(line, 1, line, 1), data))


_SCENARIO_LANGUAGES = {"gherkin", "cucumber", "feature", "text", "txt", "plain", "plaintext"}


_SAME_SHAPE = lazy(r"\b(?:same|identical|shared|common)\s+(?:endpoint\s+|request\s+|message\s+)?(?:shape|contract|body|bodies|"
                   r"format|schema|structure|payload)s?\b", re.I)


def _same_shape(r: Reading) -> None:
    """Several endpoints listed under one section that says they share a shape ("Both streams use the same
    endpoint shape", then two `POST` lines and one body, codes and examples): what one of them was read
    with holds for those read with nothing."""
    for section in r.doc.root.walk():
        if not section.level or not any(_SAME_SHAPE.search(s.text) for s in r.within(section, own=True)
                                        if s.shape not in ("code", "code-key", "code-comment")):
            continue
        inside = [c for c in r.spec.contracts if section.span.line <= c.span.line <= section.end_line]
        full = max(inside, key=lambda c: len(c.status_codes) + len(c.examples) + len(c.bodies), default=None)
        if full is None or len(inside) < 2:
            continue
        for contract in inside:
            if contract is full or contract.examples or contract.bodies or contract.request_shape is not None:
                continue
            contract.status_codes += [s for s in full.status_codes if s.code not in {c.code for c in contract.status_codes}]
            contract.request_shape, contract.response_shape = full.request_shape, full.response_shape
            contract.bodies = dict(full.bodies)
            contract.examples = list(full.examples)


# where a whole transport is reached, said once: "`tie.example:7702`" (MLLP, gRPC, MQTT), "mllp://", "amqps://"
_TRANSPORT = lazy(r"(?<![\w/@.-])(?:[a-z][\w-]*\.)+[a-z]{2,}:\d{2,5}\b|\b(?:mllp|amqps?|mqtts?|sftp|ftps?|grpcs?|tcp|"
                  r"kafka|nats|wss?|stomp)://", re.I)


def _transport_said_once(r: Reading) -> None:
    """A contract that names no address of its own, in a document that says once where its transport is
    reached (an HL7 link's host and port, a gRPC service, a broker): its address is that, said elsewhere."""
    lost = [c for c in r.spec.contracts if not c.addressed]
    if not lost:
        return
    said = next(((s, m) for s in r.statements for m in [_TRANSPORT.search(s.text)] if m), None)
    if said is not None:
        for contract in lost:
            contract.transport = evidence(said[1].group(0), said[0].span)

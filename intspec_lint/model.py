"""The Spec: what an integration spec says, whatever its format. Every value keeps its span."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .span import Span


@dataclass(slots=True)
class Value:
    """A stated value: its text, where it stands, and its number when it is a quantity.

    `number` holds seconds for durations and a plain number for counts; `placeholder` is true
    when the text is owed but not given ("TBD", "as needed"): rules treat it as missing. `loose` is
    true when the document gives evidence of the value that the reader cannot read precisely (a
    duration in a sentence about retries that names no role for it): rules treat it as stated and
    compare or quote only values that are not loose.
    """

    text: str
    span: Span
    number: float | None = None
    placeholder: bool = False
    loose: bool = False


def given(value: Value | None) -> bool:
    """A value that is really stated: present, not empty, not a placeholder."""
    return value is not None and not value.placeholder and bool(value.text.strip())


def precise(value: Value | None) -> bool:
    """A value that is stated and was read precisely (not only loose evidence of it)."""
    return given(value) and not value.loose


def evidence(text: str, span: Span) -> Value:
    """Loose evidence of a value: the statement that gives it."""
    return Value(text, span, loose=True)


@dataclass(slots=True)
class System:
    name: Value
    role: Value | None = None


@dataclass(slots=True)
class Overview:
    span: Span
    systems: list[System] | None = field(default_factory=list)  # None: prose that cannot be told apart
    purpose: Value | None = None
    pattern: Value | None = None
    text: str = ""  # what the overview says


@dataclass(slots=True)
class Sla:
    span: Span
    latency: Value | None = None
    throughput: Value | None = None
    uptime: Value | None = None
    when_down: Value | None = None
    timeout: Value | None = None  # the caller's timeout for a synchronous call
    message_ttl: Value | None = None  # how long a queued message lives (TTL, retention)


@dataclass(slots=True)
class Flow:
    span: Span
    name: Value | None = None
    source: Value | None = None
    destination: Value | None = None
    trigger: Value | None = None
    payload: Value | None = None
    frequency: Value | None = None
    topic: Value | None = None  # the queue or topic it travels on, where a flow table says so


@dataclass(slots=True)
class StatusCode:
    code: int
    span: Span
    meaning: Value | None = None
    listed: bool = True  # False: only mentioned in prose or an example's status line
    shown: bool = False  # the status an example answers with


@dataclass(slots=True)
class Example:
    role: str  # "request", "response" or "" when it cannot be told
    media_type: str  # "application/json", "application/x-www-form-urlencoded", "text/csv", ...
    text: str
    span: Span
    data: Any = None  # parsed body when it could be parsed
    error: str | None = None  # why it could not be parsed
    error_span: Span | None = None
    key_spans: dict[str, Span] | None = None  # "order.lines[0].sku" -> where it stands (YAML examples)
    first_line: int = 0  # the line of the text's first line (0: the line after span's first, a fence's)
    label: str = ""  # the words that introduce it ("Inspection request:"), as written


@dataclass(slots=True)
class Field:
    """One declared field of a request or response body (a field table row or a YAML field)."""

    name: str
    span: Span
    type: str = ""
    required: bool | None = None  # None: not said
    values: list[str] = field(default_factory=list)  # the values it allows, from its type or its notes


@dataclass(slots=True)
class Body:
    """What a contract declares about one body: a JSON Schema, or fields, or both."""

    span: Span
    schema: dict | None = None
    fields: list[Field] = field(default_factory=list)


@dataclass(slots=True)
class Contract:
    span: Span
    name: Value | None = None
    kind: str = "http"  # "http" or "message"
    method: Value | None = None
    url: Value | None = None
    topic: Value | None = None
    headers: list[Value] = field(default_factory=list)
    request_shape: Value | None = None
    response_shape: Value | None = None
    status_codes: list[StatusCode] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    bodies: dict[str, Body] = field(default_factory=dict)  # "request"/"response" -> declared shape
    text: str = ""  # everything the contract says, for searches by the rules
    idempotent: Value | None = None  # what makes a repeated call safe: its key, a dedup rule, its nature (scope)
    idempotent_by_method: bool = False  # safe only because PUT and DELETE are idempotent by definition
    shared_endpoint: bool = False  # its method and URL are every operation's (GraphQL, SOAP): its name tells it
    transport: Value | None = None  # where the transport is reached, said once for contracts that name no address

    @property
    def label(self) -> str:
        if self.shared_endpoint and self.name and self.name.text:
            return self.name.text
        if self.method and self.url:
            return f"{self.method.text} {self.url.text}"
        if self.name and self.name.text:
            return self.name.text
        if self.topic:
            return self.topic.text
        return ""

    @property
    def subject(self) -> str:
        """How a message names the contract: "contract 'POST /v1/orders'", or by its line."""
        return f"contract '{self.label}'" if self.label else f"the contract at line {self.span.line}"

    @property
    def addressed(self) -> bool:
        """The contract names where it is called or sent: a method, a URL, a queue or topic."""
        return self.method is not None or self.url is not None or self.topic is not None

    @property
    def judged(self) -> bool:
        """A contract the rules judge: one that names where it is called or declares a body or an example
        (a heading with neither may be no contract at all), and not a token call, whose shape is OAuth's."""
        substantial = bool(self.examples or self.bodies or self.request_shape or self.response_shape)
        return (self.addressed or substantial) and not self.token_exchange and not self.example_call and \
            not self.recovery_call

    @property
    def recovery_call(self) -> bool:
        """A call that lists or re-sends what failed (`GET .../callbacks/undelivered`, `...?status=failed`, `POST
        .../{id}/redeliver`), named in the dead-letter handling and declaring nothing of its own: a tool the operators
        use, not a contract of the integration."""
        if self.url is None or self.examples or not self._declares_nothing:
            return False
        return bool(_RECOVERY_PATH.search(self.url.text)) and self.name is not None and \
            bool(_RECOVERY_TITLE.search(self.name.text))  # under "Nothing gets lost", "The lost property box"

    @property
    def example_call(self) -> bool:
        """A call to one record (`PUT .../banquet-orders/BEO-004711`, a caption over an example or a runbook's
        request line) that declares nothing of its own: no body shape, no status code listed; or a call on a path
        whose base is left out (`GET …/jobs/{jobId}/failedResults/` in a flow's step) that declares nothing. It shows
        or mentions a contract; it is not one, and nothing is asked of it."""
        if self.url is None or not self._declares_nothing:
            return False
        if self.url.text.strip("` ").startswith(("...", "…")):
            return True
        path = re.sub(r"^https?://[^/]+", "", self.url.text.strip("`")).split("?")[0]
        return "{" not in path and "<" not in path and any(_RECORD_ID.match(part) for part in path.split("/"))

    @property
    def _declares_nothing(self) -> bool:
        """No body, no shape of its own (one known only from an example is none), no status code listed."""
        return not self.bodies and not any(given(shape) and shape.text != EXAMPLE_SHAPE
                                           for shape in (self.request_shape, self.response_shape)) and \
            not any(status.listed for status in self.status_codes)

    @property
    def half_read(self) -> bool:
        """A message contract that names no queue or topic and of which only a shape or only an example is read:
        likely a heading over a shared object, a pattern or a workbook's tab, not a message of its own; its unread
        facets are not called missing."""
        if self.kind == "http" or self.topic is not None:
            return False
        return given(self.request_shape) + bool(self.examples) < 2

    @property
    def token_exchange(self) -> bool:
        """A call for a credential ("POST .../oauth2/token"): the auth's plumbing, its shape the standard's."""
        return self.url is not None and bool(_TOKEN_EXCHANGE.search(self.url.text))

    @property
    def writes(self) -> bool:
        """A write operation: POST/PUT/PATCH/DELETE, or a message that creates or changes data."""
        if self.kind == "http":
            if self.token_exchange:
                return False  # "POST .../oauth2/token": a credential asked for, no data written
            if self.method is not None and self.method.text.upper() == "POST" and self.url is not None and \
                    (_QUERY_PATH.search(self.url.text.strip("` ")) or _READ_CALL.search(self.url.text.strip("` ")) and
                     not _CHANGES.search(self.url.text.rsplit("/", 1)[-1])) and \
                    not _DELIVERED.search(self.url.text):
                return False  # "POST /patron-auth", "POST /auth/password/validation", "POST /orders:search": a
                # question asked in a body, no data written
            return self.method is not None and self.method.text.upper() in _WRITE_METHODS
        return not _ACKNOWLEDGEMENT.search(self.label)  # an acknowledgement or receipt changes no data


_WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# a record's id in a path: letters and digits mixed with a digit run (`BEO-004711`, `exp_5512`, `IMG-RX-G04-20250101`), or a long
# number; not a version (`v2`, `2.1`) or a word
_RECORD_ID = re.compile(r"^(?=[\w.-]*\d{3})(?![vV]?\d+(?:\.\d+)*$)[\w.-]{4,}$|^\d{5,}$")
# a path that reads or re-sends the failed: "/callbacks/undelivered", "?status=failed", "/{id}/redeliver", "/dlq"
_RECOVERY_PATH = re.compile(r"/(?:undelivered|undeliverable|failed|failures|dead[-_]?letters?|dlq|parked|redeliver|replay|"
                            r"resend|retry)/?(?:[?#]|$)|[?&]status=(?:failed|undelivered|dead)\b", re.I)
# the heading of what becomes of the failed: not a contract's own ("Retry a declined payment", "List failed payments")
_RECOVERY_TITLE = re.compile(r"\b(?:lost|dead|undeliver\w*|parked|parking|quarantin\w*|gives?\s+up|gave\s+up|"
                             r"giving\s+up)\b", re.I)
EXAMPLE_SHAPE = "(example)"  # a body's shape known only from its example: no shape declared
_TOKEN_EXCHANGE = re.compile(r"/(?:oauth2?/|connect/|openid-connect/)?(?:token|introspect|revoke)/?(?:[?#]|$)", re.I)
# the last segment of a path that asks rather than writes: a search, a lookup, a check of a credential, a quote
_QUERY_PATH = re.compile(r"[/:_-](?:search|query|lookup|validate|validation|verify|verification|check|login|sign-?in|auth|"
                         r"quote|estimate|calculate|preview|simulate|dry-?run)/?(?:[?#].*)?$", re.I)
# a remote procedure named for reading, its verb first: `/thirdData/v2/getDevRealKpi`, `/api/list_orders`, `/queryBalance`
_READ_CALL = re.compile(r"/(?:get|list|query|fetch|find|search|read|lookup|count)(?:[A-Z_]\w*)?/?(?:[?#].*)?$")
_CHANGES = re.compile(r"create|update|upsert|save|insert|add|delete|remove|write|submit|set", re.I)  # `getOrCreate`
_DELIVERED = re.compile(r"(?<!\w)(?:web)?hooks?\b|\bcallbacks?\b", re.I)  # ".../hooks/registry/validation": results delivered
_ACKNOWLEDGEMENT = re.compile(r"\b(?:ack|acks|acknowledge?ments?|receipts?|replies|reply|responses?|confirmations?|"
                              r"nacks?)\b", re.I)


@dataclass(slots=True)
class Auth:
    span: Span
    system: Value | None = None
    mechanism: Value | None = None
    rotation: Value | None = None
    scopes: Value | None = None
    storage: Value | None = None


@dataclass(slots=True)
class ErrorCategory:
    span: Span
    category: str  # "transient", "permanent", "partial" or the stated name, lower-cased
    name: Value | None = None
    examples: Value | None = None
    action: Value | None = None


@dataclass(slots=True)
class Retry:
    span: Span
    strategy: Value | None = None
    jitter: Value | None = None
    initial_delay: Value | None = None
    max_attempts: Value | None = None
    max_delay: Value | None = None
    circuit_breaker: Value | None = None  # the threshold
    circuit_open: Value | None = None  # how long it stays open


@dataclass(slots=True)
class DeadLetter:
    span: Span
    destination: Value | None = None
    alert: Value | None = None
    owner: Value | None = None
    replay: Value | None = None
    text: str = ""  # what the dead-letter handling says, for the owner and the replay it may name in passing


@dataclass(slots=True)
class Metric:
    span: Span
    kind: str  # latency, error-rate, queue-depth, dlq-size, token-expiry, throughput, other
    metric: Value | None = None
    threshold: Value | None = None
    alert: Value | None = None
    group: int | None = None  # the table it is a row of (an SLO table beside an alerts table asks no alert)


@dataclass(slots=True)
class Mapping:
    span: Span
    source_field: Value | None = None
    source_type: Value | None = None
    target_field: Value | None = None
    target_type: Value | None = None
    transform: Value | None = None
    default: Value | None = None
    nullable: Value | None = None
    enum_map: dict[str, str] | None = None  # source value -> target value, when the row maps an enum
    group: int = 0  # rows of one table or list share it: together they tell which payload is the source


@dataclass(slots=True)
class IdempotencyKey:
    span: Span
    operation: Value | None = None
    key: Value | None = None


@dataclass(slots=True)
class Idempotency:
    span: Span
    statements: list[Value] = field(default_factory=list)
    keys: list[IdempotencyKey] = field(default_factory=list)


PARTS = (
    "overview",
    "sla",
    "flows",
    "contracts",
    "auth",
    "errors",
    "retry",
    "dead_letter",
    "monitoring",
    "mappings",
    "idempotency",
)


@dataclass(slots=True)
class Spec:
    """One integration spec. A part that was not found is None (or an empty list)."""

    format: str  # "markdown" or "yaml"
    title: Span  # where findings about a wholly missing part point
    overview: Overview | None = None
    sla: Sla | None = None
    flows: list[Flow] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    auth: list[Auth] = field(default_factory=list)
    errors: list[ErrorCategory] = field(default_factory=list)
    retry: Retry | None = None
    dead_letter: DeadLetter | None = None
    monitoring: list[Metric] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    idempotency: Idempotency | None = None
    sections: dict[str, Span] = field(default_factory=dict)  # part -> the heading it was found under
    evidence: dict[str, Span] = field(default_factory=dict)  # part -> a statement that talks about it
    vague: list[Value] = field(default_factory=list)  # hand-waving phrases in free text
    batches: Span | None = None  # where the document shows an operation part of which can fail (a batch, a 207)
    dropped: list[Value] = field(default_factory=list)  # sentences that drop failed messages with no dead letter
    open_items: list[Value] = field(default_factory=list)  # "TODO: agree the retry budget": a decision left open
    secrets: list[tuple[str, Span]] = field(default_factory=list)  # (kind, where): never the secret itself
    auth_defaults: dict[str, Value] = field(default_factory=dict)  # auth facts said of every system: "storage"...
    enums: dict[str, list[str]] = field(default_factory=dict)  # enumerations declared by name: "Grade" -> values
    testimony: Any = None  # what a Markdown spec says where (reading.absence.Testimony), for speaks_of

    def speaks_of(self, cue: str, names, at: Span | None = None, nearby: bool = False, elsewhere: bool = False,
                  inflect: bool = False, excluding: frozenset[int] = frozenset()) -> bool:
        """The document says something of kind `cue` ("frequency", "alert") about the object going by
        `names` (with `nearby`: in its own section) in a shape no reader took: a gap there is not the
        spec's, and is not reported (reading/absence.py). Lines in `excluding` (another object's own value) do
        not count."""
        return self.testimony is not None and self.testimony.speaks_of(cue, names, at, nearby, elsewhere, inflect, excluding)

    def unread(self, kind: str) -> bool:
        """The document shows a fact of `kind` (an "example", a "status" code, an "endpoint", an auth "mechanism",
        a "transient" or "permanent" error class, a field's "mapping") somewhere no reader took one from (reading/absence.py, UNREAD):
        a reader missed it, so no rule calls one missing on any object."""
        return self.testimony is not None and self.testimony.unread(kind, self._claimed(kind))

    def unread_shown(self, kind: str) -> list[tuple[str, Span]]:
        """The statements (text, span) that show a fact of `kind` no reader took (see `unread`)."""
        return self.testimony.unread_shown(kind, self._claimed(kind)) if self.testimony is not None else []

    def _claimed(self, kind: str) -> list[Span]:
        """Where the readers took the facts of `kind` from, and the parts whose own facts show its shape (a retry
        rule's "on 503", an auth call's URL, how a repeat is answered)."""
        contracts, places = self.contracts, []
        if kind in ("example", "status", "endpoint"):
            places += [example.span for contract in contracts for example in contract.examples]
        if kind == "example":
            places += [body.span for contract in contracts for body in contract.bodies.values()]
            places += [shape.span for contract in contracts for shape in (contract.request_shape, contract.response_shape)
                       if shape]
        if kind == "status":
            places += [code.span for contract in contracts for code in contract.status_codes]
            places += [part.span for part in (*self.errors, *self.monitoring, self.retry, self.dead_letter) if part]
        if kind in ("example", "status") and self.idempotency is not None:
            # "a repeat returns `200` and `{"status": "duplicate"}`"
            places += [value.span for value in (*self.idempotency.statements, *self.idempotency.keys)]
        if kind == "endpoint":
            places += [value.span for contract in contracts for value in (contract.method, contract.url) if value]
            places += [part.span for part in (*self.flows, *self.auth)]
        if kind in ("transient", "permanent"):
            places += [error.span for error in self.errors]
        if kind == "mapping":
            places += [mapping.span for mapping in self.mappings]
        if kind == "mechanism":
            places += [auth.span for auth in self.auth]
            places += [value.span for auth in self.auth for value in (auth.mechanism, auth.system) if value]
        return places

    def ids_at(self, line: int) -> list[str]:
        """The id the statement at `line` opens with ("E1" of a contract table's row), for speaks_of's names."""
        return self.testimony.ids_at(line) if self.testimony is not None else []

    def heading_ids_at(self, line: int) -> list[str]:
        """The id of the heading above `line` ("IF-02" of "### IF-02 Upsert ..."), for speaks_of's names."""
        return self.testimony.heading_ids_at(line) if self.testimony is not None else []

    def lead_at(self, line: int) -> str:
        """The line introducing the code block at `line` (reading/absence.py)."""
        return self.testimony.lead_at(line) if self.testimony is not None else ""

    def outer_heading_ids_at(self, line: int) -> list[str]:
        """The ids of the headings above that one ("Card 1" over "### Back"), for speaks_of's names."""
        return self.testimony.outer_heading_ids_at(line) if self.testimony is not None else []

    def where(self, part: str) -> Span:
        """Where to report something missing from `part`: its section, else the title."""
        return self.sections.get(part, self.title)

    def has(self, part: str) -> bool:
        """The spec has a section (or key) for `part`, even an empty one."""
        return part in self.sections

    def mentions(self, part: str) -> bool:
        """The spec talks about `part` somewhere: a section, a table, or sentences that say it in their
        own words. A part it talks about is never reported as absent, only what it leaves out."""
        return part in self.sections or part in self.evidence

    def holds(self, part: str) -> bool:
        """The Spec holds a record for `part` (a section read into it, a non-empty list): the checklist
        scorecard calls an item with findings `partial` when its part is held and `missing` when not.
        Contracts that carry their own idempotency key hold the idempotency part between them."""
        if part == "idempotency":
            return self.idempotency is not None or any(c.idempotent is not None and not c.idempotent_by_method
                                                       for c in self.contracts)
        found = getattr(self, part)
        return bool(found) if isinstance(found, list) else found is not None

    def absent_items(self) -> frozenset[str]:
        """The checklist items (of the nine) whose part this Spec does not hold."""
        return frozenset(item for item, part in CHECKLIST_PARTS.items() if not self.holds(part))


# The nine items of the skill's quality checklist (rules/catalogue.yaml), each with the part of the Spec
# it is about. The other checklist slugs (overview, sla, prose, syntax, suppression) are not scored.
CHECKLIST_PARTS = {
    "data-flow": "flows",
    "contract-examples": "contracts",
    "auth": "auth",
    "error-classification": "errors",
    "retry-policy": "retry",
    "dead-letter": "dead_letter",
    "monitoring": "monitoring",
    "data-mapping": "mappings",
    "idempotency": "idempotency",
}

"""The overview (systems and roles, purpose, integration pattern) and the service levels.

The overview is the section that says so, or the paragraphs under the title. Service levels are
read from their section's "key: value" lines and, wherever they are stated, from sentences that
give an uptime, a latency target, what happens when a side is down, the caller's deadline or a
message's time to live. A timeout of one attempt ("each call times out after 10 s") is no deadline.
"""

from __future__ import annotations

import re

from ..model import Overview, Sla, System, Value, given
from ..span import Span
from .context import Reading
from .lazy_re import lazy
from .text import system_word, words
from .values import value
from .vocabulary import strip_numbering

_PATTERN = lazy(
    r"\b(synchronous|asynchronous|a?sync(?=\W)|rest(?:ful)?(?=\W+(?:api|call|push|pull|request|interface|endpoint|"
    r"integration|\)))|request[/ -]response|event[- ]driven|batch(?:\s+etl)?|etl|publish[/ -]subscribe|"
    r"pub[/ -]sub|messaging|webhooks?|streaming|polling|file[- ]based|point[- ]to[- ]point|file\s+(?:drop|transfer)|"
    r"sftp|message\s+queue|queue-based)\b",
    re.I,
)
_ROLES = lazy(
    r"\b(?:producers?|consumers?|sources?|destinations?|targets?|publish(?:er|ers|es)?|subscrib(?:er|ers|es)|"
    r"senders?|receivers?|recipients?|clients?|servers?|providers?|upstream|downstream|system\s+of\s+record|"
    r"callers?|emits?|consumes|sends|receives|pushes|pulls|calls|owns|master|originat\w+|downstream|raises|feeds|"
    r"produces|generates|writes|creates|notifies|reads|polls|uploads|exports|imports|forwards|delivers|tells|informs|"
    r"submits|transmits|supplies|publishes)\b",
    re.I,
)
_DIRECTED = lazy(r"(?<![\w`])[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}\s*(?:→|->|⟶|⇒|=>)\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}\s*:")
_DUR = r"\d+(?:[.,]\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b"
_SLA = lazy(
    rf"(?P<uptime>\b\d{{2}}(?:\.\d+)?\s?%\s*(?:uptime|availability|available|of the time|monthly|SLA|SLO)"
    rf"|\b(?:uptime|availability|SLA|SLO)\b[^.\n]{{0,40}}?\b\d{{2}}(?:\.\d+)?\s?%)"
    rf"|(?P<down>\b(?:is|are|goes|go|being|be|when|if|while)\s+(?:(?:temporarily|briefly|completely|partially|fully|"
    rf"still)\s+)?(?:down|unavailable|offline|unreachable)\b|\boutages?\b|\bdowntime\b|\bmaintenance windows?\b)"
    rf"|(?P<latency>\b[Pp](?:50|90|95|99(?:\.9)?)\b[^.\n|]{{0,40}}?{_DUR}|{_DUR}[^.\n|]{{0,12}}?\([Pp](?:50|90|95|99)\)"
    rf"|\blatency\b[^.\n|]{{0,40}}?{_DUR})"
    rf"|(?P<timeout>\b(?:caller'?s?|client'?s?|overall|total|end-to-end|upstream)\s+(?:time-?out|deadline|budget)\b"
    rf"[^.\n|]{{0,40}}?(?P<timeout_value>{_DUR})|\bdeadline\b[^.\n|]{{0,30}}?(?P<deadline_value>{_DUR}))"
    rf"|(?P<ttl>\b(?:TTL|time[- ]to[- ]live|retention(?: period)?|retained\s+for|kept\s+for|expires?\s+after|"
    rf"message\s+expiry)\b[^.\n|]{{0,30}}?(?P<ttl_value>{_DUR}))",
    re.I,
)
_RATE = lazy(r"~?\d[\d,.]*(?:\s*[-–]\s*\d[\d,.]*)?\s*k?\s+(?:[\w-]+\s+){0,3}?(?:per|a|an|each|/)\s*"
             r"(?:second|sec|minute|min|hour|day|weekday|week|month|night|run)\b|\d[\d,.]*\s*/\s*(?:s|min|h|day)\b",
             re.I)
_PER_ATTEMPT = lazy(r"\b(?:per|each|every|single|one)\s+(?:attempt|call|request|try|retry)\b|\bconnect(?:ion)?\s+time"
                    r"|\bread\s+time|\bsocket\b", re.I)

_SUMMARY = lazy(r"description|summary|abstract|subtitle|excerpt|lead", re.I)  # front matter keys for a page's gist
_ARROWS = lazy(r"\s*(?:→|->|⇒|=>|⟶)\s*")

integration_pattern = lambda text: (lambda m: m.group(0) if m else None)(_PATTERN.search(text))  # noqa: E731


def role_phrase(text: str) -> str | None:
    """The first word that gives a system a role: "producer", "publishes", "system of record"."""
    match = _ROLES.search(text) or _DIRECTED.search(text)  # "LSS → RK: water-quality telemetry": who sends what
    return match.group(0) if match else None


def read(r: Reading) -> None:
    spec = r.spec
    intro: list[str] = []
    opening = True  # no part's section yet
    first = _first_section(r)  # "## What this is" right under the title: the overview, whatever its content names
    front = r.doc.front_matter
    named = [r.topics.title.title] if r.topics.title is not None else []  # the title may name the pattern
    for statement in r.statements:
        if statement.code is not None and statement.code is front:
            if statement.shape == "code-key" and _SUMMARY.fullmatch(statement.key) and statement.value.strip():
                intro.append(statement.value.strip(" \"'"))  # a docs site's page summary: its opening words
            elif statement.shape == "code-key" and statement.key.lower() == "title":
                named.append(statement.value)
            continue
        if statement.shape == "code-key" and id(statement.code) not in r.examples and "overview" in statement.placed:
            _key_fact(r, statement)  # `pattern: event-driven` in a YAML block under the overview
            continue
        if statement.shape in ("code", "code-key", "code-comment") or id(statement.code) in r.examples:
            continue
        section = statement.section
        opening = opening and (section is first or not (statement.placed - {"overview"}))
        if statement.shape != "heading" and (not section.level or section is r.topics.title or opening):
            intro.append(statement.text)  # the paragraphs before any part's section ("## 1. In one paragraph")
        if statement.key and (statement.shape != "row" or _key_value_row(r, statement)) and _key_fact(r, statement):
            pass
        elif statement.shape == "heading" and "overview" in statement.placed and not r.topics.own.get(id(section)):
            _overview(r, statement.span).text += f"\n{statement.text}"  # "### PharmaDesk" under "Systems"
        elif "overview" in statement.placed and statement.shape != "heading":
            overview = _overview(r, statement.span)
            overview.text += f"\n{statement.text}"
            if overview.purpose is None and len(statement.text) > 20:
                overview.purpose = value(statement.text, statement.span)
            pattern = integration_pattern(statement.text)
            if pattern and overview.pattern is None:
                overview.pattern = value(pattern, statement.span)
        if statement.shape != "heading":
            _sla_facts(r, statement)
    text = "\n".join(intro)
    if spec.overview is not None:
        spec.overview.text += f"\n{text}"
    elif len(text) > 40:  # the paragraphs under the title are the overview
        spec.overview = Overview(spec.title, text=text, purpose=value(text, spec.title))
        pattern = integration_pattern(text)
        spec.overview.pattern = value(pattern, spec.title) if pattern else None
    if spec.overview is not None and spec.overview.pattern is None:
        pattern = integration_pattern(" ".join(named))  # "# Webhooks", "# Nightly batch ETL for ledgers"
        spec.overview.pattern = value(pattern, spec.overview.span) if pattern else None
    for part in ("overview", "sla"):
        found = getattr(spec, part)
        if found is not None and part in spec.sections:
            found.span = spec.sections[part]


def _first_section(r: Reading):
    """The first section under the title, when its heading names no part."""
    title = r.topics.title
    parent = title if title is not None and title.children else r.doc.root
    first = parent.children[0] if parent.children else None
    return first if first is not None and not r.vocab.section_parts(first.title) else None


def systems(r: Reading) -> None:
    """The systems a prose overview names: those of the flows and auth entries it mentions, each with
    the role words the overview uses. None when the flows and auth name fewer than two systems."""
    spec = r.spec
    overview = spec.overview
    if overview is None or overview.systems:
        return
    names = [v for flow in spec.flows for v in (flow.source, flow.destination) if given(v)]
    names += [Value(side.strip(" `"), a.system.span) for a in spec.auth if given(a.system)
              for side in _ARROWS.split(a.system.text) if side.strip(" `")]  # "Trakwise → leak-bridge": both
    known = {system_word(v.text): v.text for v in names} if names else {}
    known.pop("", None)
    if len(known) < 2:
        overview.systems = None
        return
    said = words(overview.text)
    role = role_phrase(overview.text)
    where = spec.sections.get("overview", overview.span)
    overview.systems = [System(value(strip_numbering(name), where), value(role, where) if role else None)
                        for word, name in sorted(known.items()) if word in said]


def _key_value_row(r: Reading, statement) -> bool:
    """A row of a two-column table that is a list of "key | value" pairs ("| Pattern | Event-driven ... |"
    under an empty header), not of a part's table."""
    table = statement.table
    return len(table.header) == 2 and r.topics.table(table, ()) is None and not any(
        r.vocab.section_parts(cell.text) for cell in table.header)


def _overview(r: Reading, span: Span) -> Overview:
    if r.spec.overview is None:
        r.spec.overview = Overview(r.spec.sections.get("overview", span))
    return r.spec.overview


def _sla(r: Reading, span: Span) -> Sla:
    if r.spec.sla is None:
        r.spec.sla = Sla(r.spec.sections.get("sla", span))
    return r.spec.sla


_KINDS = {"latency": "duration", "timeout": "duration", "message_ttl": "duration"}


def _key_fact(r: Reading, statement) -> bool:
    """ "Purpose: ...", "Uptime: 99.9 %" where the statement stands in the overview or service levels."""
    key = statement.key
    intro = ("overview",) if statement.section is r.topics.title or not statement.section.level else ()
    for part in tuple(statement.placed) + r.vocab.section_parts(key) + intro:  # "- **Pattern**: ..." under the title
        if part not in ("overview", "sla"):
            continue
        name = r.vocab.field(part, key)
        if name is None:
            continue
        rest = statement.value
        if part == "overview":
            overview = _overview(r, statement.span)
            overview.text += f"\n{statement.text.replace('_', ' ')}"
            if name in ("purpose", "pattern") and rest.strip():
                setattr(overview, name, value(rest, statement.span))
        elif rest.strip():
            if name == "timeout" and _PER_ATTEMPT.search(f"{key} {rest}"):
                return True  # a timeout of one attempt is no deadline for the retries
            setattr(_sla(r, statement.span), name, value(rest, statement.span, _KINDS.get(name, "text")))
        return True
    return False


def _sla_facts(r: Reading, statement) -> None:
    """Uptime, latency, deadline, TTL and what happens when a side is down, said anywhere."""
    text = statement.text
    if statement.shape == "row" and "sla" not in statement.placed and r.topics.table(statement.table, ()) is not None:
        return  # "message expiry 300 s" in one flow's row is that flow's, not the spec's service level
    if "sla" in statement.placed and (r.spec.sla is None or r.spec.sla.throughput is None):
        rate = _RATE.search(text)  # "Batch posts: 20-30 per day" under "Volumes"
        if rate:
            line = statement.span.line + text.count("\n", 0, rate.start())
            _sla(r, statement.span).throughput = value(rate.group(0), Span(line, 1, line, 1))
    for key, said, offset, kind in sla_facts(text):
        if r.spec.sla is not None and getattr(r.spec.sla, key) is not None:
            continue
        line = statement.span.line + text.count("\n", 0, offset)
        setattr(_sla(r, statement.span), key, value(said, Span(line, 1, line, 1), kind))


_NOT_A_MESSAGE = lazy(r"\b(?:cach\w*|cdn|cloudfront|fastly|akamai|dns|tokens?|jwks|sessions?|locks?|leases?|keys?|"
                      r"idempotency|dedup\w*|logs?|backups?|snapshots?)\b[^.\n|]{0,20}?\b(?:ttl|time[- ]to[- ]live|"
                      r"retention|retained|kept|expires?)\b", re.I)
SLA_WORDS = ("%", "p50", "p90", "p95", "p99", "latency", "down", "unavailable", "offline", "unreachable", "outage",
              "maintenance", "time", "ttl", "retention", "retained", "kept", "expir", "deadline")


def sla_facts(text: str):
    """(field, what is said, offset, kind) of each service-level fact in `text`."""
    lowered = text.lower()
    if not any(word in lowered for word in SLA_WORDS):
        return
    for match in _SLA.finditer(text):
        name = match.lastgroup
        key = {"ttl": "message_ttl", "down": "when_down"}.get(name, name)
        if key == "timeout" and _PER_ATTEMPT.search(text):
            continue
        if key == "message_ttl" and _NOT_A_MESSAGE.search(text[max(0, match.start() - 40):match.start() + 8]):
            continue  # "CloudFront TTL 30 s", "the token's TTL is 1 h", "dedup keys kept for 7 days": what lives, no message
        kind = _KINDS.get(key, "text")
        if kind == "duration":
            groups = match.groupdict()
            said = next((groups[g] for g in ("timeout_value", "deadline_value", "ttl_value") if groups.get(g)),
                        match.group(0))
        else:
            said = match.group(0)
        yield key, said, match.start(), kind

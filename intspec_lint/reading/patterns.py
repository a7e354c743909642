"""What sentences say: retry parameters, dead-letter destinations, alert words, auth facts.

Used by the Markdown extractor for prose, list items and key values whose key names a whole
part ("Dead-letter handling: failed messages go to `orders-dlq` and page the on-call").
"""

from __future__ import annotations

import re

from .lazy_re import lazy

_NUM = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)"
_UNIT = r"(?:ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b"
_DUR = rf"{_NUM}\s*{_UNIT}"

_STRATEGY = lazy(
    r"\b(exponential(?:ly)?|linear|fixed|constant|fibonacci|decorrelated|incremental)\b[\w\s-]{0,20}?"
    r"\b(back-?off|delays?|intervals?|retr(?:y|ies)|wait)\b|\bback-?off\b",
    re.I,
)
_JITTER = lazy(r"\b(?:full|equal|decorrelated|random(?:ized)?|no)?\s*jitter\b", re.I)
_INITIAL = lazy(
    rf"\b(?:initial|first|base|starting|start)\b[\w\s-]{{0,25}}?\b(?:delay|backoff|interval|wait|retry|at|with|from|of)\b"
    rf"[^.;\d]{{0,25}}?({_DUR})"
    rf"|\b(?:start(?:ing)?|begin(?:ning)?)\s+(?:at|with|from)\s+({_DUR})"
    rf"|({_DUR})\s+(?:initial|base|first)\b",
    re.I,
)
_ATTEMPTS = lazy(
    rf"\b(?:up to|at most|maximum of|max(?:imum)?(?: of)?|no more than|limit(?:ed)? to)\s+({_NUM})\s+"
    rf"(?:\w+\s+)?(?:attempts?|retr(?:y|ies)|times|tries)\b"
    rf"|\b({_NUM})\s+(?:retry\s+)?(?:attempts|retries|tries)\b"
    rf"|\bretr(?:y|ies)\s+({_NUM})\s+times\b"
    rf"|\b(?:max(?:imum)?\s+(?:retries|attempts)|retry limit)\s*(?:is|of|=|:)?\s*({_NUM})\b",
    re.I,
)
_MAX_DELAY = lazy(
    rf"\b(?:cap(?:ped)?|ceiling|max(?:imum)?\s+(?:delay|backoff|interval|wait)|never\s+(?:\w+\s+)?(?:more|longer)\s+than|"
    rf"no\s+(?:more|longer)\s+than|at\s+most|up\s+to\s+(?:a\s+)?(?:cap|max(?:imum)?)\s+of|limited\s+to|upper\s+bound)"
    rf"\b[^.;\d]{{0,25}}?({_DUR})",
    re.I,
)
_BREAKER = lazy(
    rf"\b(?:circuit|breaker)\b[^.;]{{0,80}}?\b({_NUM})\s+(?:consecutive\s+|successive\s+)?"
    rf"(?:failures|failed|errors|timeouts|attempts)"
    rf"|\b({_NUM})\s+(?:consecutive\s+|successive\s+)?(?:failures|errors|failed\s+\w+)\b[^.;]{{0,60}}?"
    rf"\b(?:open|trip|break)",
    re.I,
)
_OWED = r"(TBD|TBC|TODO|to be (?:decided|determined|defined|confirmed|agreed)|not (?:yet )?(?:decided|defined|agreed))"
_RETRY_PLACEHOLDERS = [
    (name, lazy(rf"\b(?:{words})\b[^.;]{{0,60}}?\b{_OWED}", re.I | re.S))
    for name, words in (
        ("max_delay", r"cap|max(?:imum)?\s+delay|ceiling"),
        ("initial_delay", r"initial\s+delay|first\s+delay|base\s+delay"),
        ("max_attempts", r"max(?:imum)?\s+(?:retries|attempts)|retry\s+limit|number\s+of\s+(?:retries|attempts)"),
        ("circuit_breaker", r"circuit\s+breaker|breaker"),
        ("strategy", r"backoff\s+strategy|retry\s+strategy"),
    )
]
_BREAKER_RATE = lazy(r"\b(?:circuit|breaker)\b[^.;]{0,80}?(\d+(?:\.\d+)?\s*%)", re.I)
_OPEN_FOR = lazy(
    rf"\b(?:open(?:s|ed)?|trips?|stays?\s+open|half-open\s+after|cool[- ]?down|reset(?:s)?\s+after|pauses?)\b"
    rf"[^.;\d]{{0,30}}?\bfor\s+({_DUR})|\b(?:cool[- ]?down|open\s+(?:for|duration|time)|opens?|half-open\s+after|"
    rf"reset\s+(?:timeout|after))\s*(?:of|:|=|is)?\s*({_DUR})",
    re.I,
)
_RETRY_WORDS = lazy(r"\b(retr(?:y|ies|ied)|back-?off|circuit|breaker)\b", re.I)
_DEAD_WORDS = lazy(r"\b(dead[- ]?letter|dlq|poison|parking[- ]lot|quarantine)", re.I)
_DEAD_DEST = lazy(
    r"`([^`]{2,80})`"
    r"|\b([\w.-]*(?:dlq|dead[-_]?letter|deadletter|poison|parking[-_]?lot|quarantine|failed)[\w.-]*)"
    r"|\b(dead[- ]letter (?:queue|topic|table|bucket|exchange|store|folder)|dlq)\b",
    re.I,
)
_DEST_WORDS = lazy(r"\b(queue|topic|table|bucket|folder|exchange|store|dlq|dead[- ]letter|stream|s3|sqs)\b", re.I)
_ALERT = lazy(
    r"\b(alert(?:s|ed|ing)?|pag(?:ed|ing)|pages?\s+(?:the\s+|an?\s+)?(?:on[- ]?call|engineer|team|owner|someone|"
    r"support|ops|sre)|notif(?:y|ies|ied|ication)|on[- ]call|pagerduty|opsgenie|victorops|slack|teams channel|"
    r"e-?mail(?:ed|s)?\s+(?:to|the)|e-?mailed|escalat(?:e|es|ed|ion)|warn(?:s|ed|ing)|"
    r"(?:opens?|creates?|raises?|files?)\s+an?\s+(?:ticket|incident|issue))\b",
    re.I,
)
_REPLAY = lazy(r"\b(replay(?:ed|s)?|re-?process(?:ed)?|redrive|re-?drive|re-?queue|resubmit(?:ted)?|"
               r"re-?publish(?:es|ed)?|re-?send(?:s)?|re-?sent|re-?appl(?:y|ies|ied)|re-?post(?:s|ed)?)\b", re.I)
_IDEMPOTENCY = lazy(
    r"\b(idempoten\w*|dedup\w*|de-?duplicat\w*|exactly[- ]once|upsert\w*)\b"
    r"|\bduplicates?\s+(?:are|is|get|gets|will be|would be)\s+(?:\w+\s+)?(?:ignored|dropped|discarded|skipped|rejected|"
    r"detected|suppressed|collapsed|merged|no-?ops?)"
    r"|\b(?:ignor|discard|dropp|skipp|reject|detect|suppress|collaps)\w*\s+(?:the\s+|any\s+)?(?:\w+\s+)?duplicates?\b"
    r"|\bunique\s+(?:index|constraint|key)\b|\bprocessed[- ]\w+\s+(?:table|set|store)\b|\breplay(?:s|ed)?\s+(?:are|is)\s+safe"
    r"|\bnever\s+(?:creates?\s+|posts?\s+|books?\s+)?(?:a\s+)?duplicat\w*|\bconditional\s+(?:create|update|put)\b"
    r"|\bifNoneExist\b|\bif-none-(?:exist|match)\b"
    r"|\bduplicate\s+(?:protection|detection|check|checks|suppression|handling|filter)"
    r"|\balready\s+(?:seen|processed|received|applied|stored|handled|consumed)\b",
    re.I,
)
_MECHANISM = lazy(
    r"\b(oauth\s*2(?:\.0)?(?:\s+client[- ]credentials)?|oauth|client[- ]credentials|api[- ]keys?|api[- ]tokens?|"
    r"access\s+tokens?|basic|mutual\s+tls|mtls|sasl[\w/-]*|scram[\w-]*|"
    r"m-tls|tls\s+client\s+cert\w*|jwt|bearer\s+tokens?|basic\s+auth\w*|hmac[\w-]*|signed\s+\w+|signature|"
    r"service\s+accounts?|saml|openid\s+connect|oidc|ssh\s+keys?|sftp\s+keys?|iam\s+(?:task\s+)?roles?|"
    r"sas\s+(?:tokens?|policy|policies|keys?)|shared\s+access\s+signatures?|managed\s+identit(?:y|ies)|"
    r"workload\s+identit(?:y|ies)|"
    r"personal\s+access\s+tokens?|shared\s+secret|x\.509|client\s+certificates?|kerberos|ntlm|"
    r"username\s+and\s+password|password)\b",
    re.I,
)
_ROTATION = lazy(
    r"\b(rotat\w+|renew\w*|re-?issu\w+|regenerat\w+|expir\w+|refresh\w*|lifetime|ttl|valid\s+for|revok\w+|"
    r"roll(?:ed|ing)?\s+over)\b",
    re.I,
)
_NOTHING_STORED = r"nothing\s+is\s+stored|no\s+(?:stored\s+)?(?:secret|credential)s?\s+(?:is\s+|are\s+)?stored"
_STORAGE = lazy(
    r"\b(vault|secrets?\s+manager|key\s*vault|kms|keychain|parameter\s+store|ssm|secret\s+store|credential\s+store|"
    r"environment\s+variables?|env\s+vars?|env\b|kubernetes\s+secrets?|k8s\s+secrets?|sealed\s+secrets?|"
    r"\w*hsm|secret\s+manager|1password|keystore|trust\s*store|secrets?\s+(?:engine|backend)|doppler|"
    r"key\s+store|credential\s+manager|cyberark|conjur|hard-?coded|config(?:uration)?\s+files?|"
    rf"(?:git\s+)?repo(?:sitory)?|source\s+code|properties\s+files?|appsettings|{_NOTHING_STORED}|"
    r"temporary\s+(?:sts\s+)?credentials)\b|"
    r"\.env\b|`[\w./-]+\.(?:ya?ml|json|properties|ini|toml|env)`",
    re.I,
)
_ACTION = lazy(
    r"\b(retr(?:y|ies|ied)|back-?off|alert\w*|dead[- ]?letter\w*|dlq|reject\w*|drop\w*|discard\w*|skip\w*|"
    r"log\w*|park\w*|quarantin\w*|send|route\w*|move\w*|process\w*|re-?process\w*|fix\w*|"
    r"escalat\w*|notify|page|return\w*|respond\w*|abort\w*|stop\w*|pause\w*|raise\w*|report\w*|replay\w*|"
    r"requeue\w*|re-?queue\w*|resubmit\w*|split\w*|accept\w*|ignore\w*|mark\w*|open\w*|halt\w*|block\w*|"
    r"keep\w*|post\w*|re-?check\w*|check\w*|wait\w*|hold\w*|queue\w*|creat\w*|emit\w*|publish\w*|schedul\w*|"
    r"ack\w*|nack\w*|apply|applie\w*|commit\w*|roll\w*|undo\w*|compensat\w*|email\w*|"
    r"commit\w*|continue\w*|manual\w*|ticket\w*|flag\w*|store\w*|write\w*|refresh\w*|re-?authenticat\w*)\b",
    re.I,
)
_COMPARISON = lazy(
    r"(?:[<>≥≤]=?|>=|<=|\b(?:above|below|over|under|exceeds?|more than|less than|greater than|at least|"
    r"at most|drops below|rises above|any|within|older than|before)\b)\s*[^,;→\n]*",
    re.I,
)
_ALERT_LEVEL = lazy(
    r"\b(warning|warn|critical|crit|page(?:s|r)?|paging|sev[- ]?\d|p[1-5]|info|major|minor|high|low|medium|"
    r"alert|ticket|notify|slack|pagerduty|opsgenie|e-?mail|on[- ]call)\b",
    re.I,
)
_PATTERN = lazy(
    r"\b(synchronous|asynchronous|request[/ -]response|event[- ]driven|batch(?:\s+etl)?|etl|publish[/ -]subscribe|"
    r"pub[/ -]sub|messaging|webhooks?|streaming|polling|file[- ]based|point[- ]to[- ]point)\b",
    re.I,
)
_MESSAGE = lazy(
    r"\b(topic|queue|kafka|sqs|sns|rabbitmq|amqp|pub/?sub|event|message|mqtt|kinesis|eventbridge|service bus|"
    r"webhook|sftp|s3|file drop|csv file|bucket|nats|stream)\b",
    re.I,
)
_MAP_ARROW = lazy(
    r"^`?(?P<src>[^`→>]+?)`?\s*(?:\((?P<stype>[^)]*)\))?\s*(?:→|->|⟶|⇒|=>|maps to|to)\s*"
    r"`?(?P<dst>[^`(:;—–]+?)`?\s*(?:\((?P<dtype>[^)]*)\))?\s*(?:[:;—–-]\s*(?P<rule>.*))?$",
    re.I | re.S,
)


_SENTENCE = lazy(r"(?<=[.!?;])\s+(?=[A-Z`(\"])")
_WHEN = lazy(r"\b(?:when(?:ever)?|once|as soon as|after)\s+([^,.;]{4,120})", re.I)
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
    rf"|^(?:the\s+)?([A-Z][\w'.-]*(?:\s+[\w'.-]+){{0,3}}?)\s+{_SEND}\b"
    r"|\bfrom\s+(?:the\s+)?([A-Z`][\w`'./-]*(?:\s+[A-Z`][\w`'./-]*){0,3})",
)
_FREQUENCY = lazy(
    r"(?:\b(?:about|around|roughly|approximately|up to|peaks? of|at most|~)\s*)?~?[\d][\d,.]*\s*k?\s+"
    r"(?:[\w-]+\s+){0,3}?(?:a|an|per|each|/)\s*(?:second|minute|hour|day|weekday|week|month|night|run|batch)\b"
    r"|\b\d[\d,.]*\s*/\s*(?:s|sec|min|h|hr|hour|day|d|week|month)\b"
    r"|\bevery\s+\d+\s*\w+|\b(?:hourly|daily|nightly|weekly|monthly)\b",
    re.I,
)


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of `text` with their offsets (newlines inside a sentence become spaces)."""
    found, start = [], 0
    for match in _SENTENCE.finditer(text):
        found.append((start, text[start : match.start()]))
        start = match.end()
    found.append((start, text[start:]))
    return [(offset, sentence.replace("\n", " ")) for offset, sentence in found if sentence.strip()]


_NAMED_FIELD = lazy(
    r"\bthe\s+(source|destination|target|payload|trigger|frequency|volume)\s+(?:is|are|will be)\s+([^,.;]{2,80})",
    re.I,
)
_TAGGED = lazy(r"((?:[A-Z][\w'.-]*\s+){0,3}[\w'.-]+)\s+\((source|destination|the source|the destination|"
                     r"the trigger|trigger)\)", re.I)
_FIELD_OF = {"target": "destination", "volume": "frequency", "the source": "source", "the destination": "destination",
             "the trigger": "trigger"}


def flow_facts(text: str) -> dict[str, str]:
    """Trigger, source, destination, payload and frequency a sentence states about a flow."""
    found: dict[str, str] = {}
    for match in _NAMED_FIELD.finditer(text):
        field = match.group(1).lower()
        found.setdefault(_FIELD_OF.get(field, field), match.group(2).strip())
    for match in _TAGGED.finditer(text):
        field = match.group(2).lower()
        found.setdefault(_FIELD_OF.get(field, field), match.group(1).strip())
    for _, sentence in sentences(text):
        when = _WHEN.search(sentence) or _SCHEDULE.search(sentence) or _PERSON_ACTION.search(sentence)
        if when and "trigger" not in found:
            found["trigger"] = when.group(when.lastindex or 0).strip()
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


def metric_sentence(sentence: str, vocab) -> tuple[str, str, str] | None:
    """A monitoring rule stated in a sentence: (what is measured, the threshold, the alert)."""
    kind = vocab.metric_kind(sentence)
    if kind == "other":
        return None
    comparison = _COMPARISON.search(sentence)
    alert = _ALERT_LEVEL.search(sentence)
    if not comparison and not alert:
        return None
    threshold = comparison.group(0).strip() if comparison else ""
    return sentence.strip(), threshold, alert.group(0) if alert else ""


def mentions_retry(text: str) -> bool:
    return bool(_RETRY_WORDS.search(text))


def mentions_dead_letter(text: str) -> bool:
    return bool(_DEAD_WORDS.search(text))


_AFTER_RETRIES = lazy(r"\bafter\s+(?:the\s+)?(?:last|final)\s+(?:retry|attempt)|\bretries\s+(?:are\s+)?exhausted|"
                      r"\bexhaust(?:s|ed|ing)?\s+(?:its\s+|their\s+|all\s+|the\s+)?retries", re.I)


def after_retries(text: str) -> bool:
    """Says what becomes of a message once its retries are spent: dead-letter handling by another name."""
    return bool(_AFTER_RETRIES.search(text))


def mentions_idempotency(text: str) -> bool:
    return bool(_IDEMPOTENCY.search(text))


def retry_facts(text: str) -> dict[str, tuple[str, int]]:
    """Retry parameters a sentence states: field -> (the phrase, its offset in text)."""
    found: dict[str, tuple[str, int]] = {}
    for name, pattern in (
        ("strategy", _STRATEGY),
        ("jitter", _JITTER),
        ("initial_delay", _INITIAL),
        ("max_attempts", _ATTEMPTS),
        ("max_delay", _MAX_DELAY),
        ("circuit_breaker", _BREAKER),
        ("circuit_open", _OPEN_FOR),
    ):
        match = pattern.search(text)
        if match:
            group = next((g for g in match.groups() if g), match.group(0)) if match.groups() else match.group(0)
            if name in ("strategy", "jitter"):
                group = match.group(0).strip()
            found[name] = (group, match.start())
    for name, pattern in _RETRY_PLACEHOLDERS:
        match = pattern.search(text)
        if match and name not in found:
            found[name] = (match.group(1), match.start(1))
    if "circuit_breaker" not in found:
        match = _BREAKER_RATE.search(text)
        if match:
            found["circuit_breaker"] = (match.group(1), match.start())
    if "max_delay" in found and "initial_delay" in found and found["max_delay"][1] == found["initial_delay"][1]:
        del found["max_delay"]
    return found


def circuit_open(text: str) -> str | None:
    match = _OPEN_FOR.search(text)
    return next((g for g in match.groups() if g), None) if match else None


def bare_seconds(text: str) -> float | None:
    """A bare number given where a duration is owed counts in seconds ("initial_delay: 2")."""
    from .values import duration_seconds

    return duration_seconds(text, bare_unit=1.0)


def dead_letter_destination(text: str) -> str | None:
    if not _DEST_WORDS.search(text) and "`" not in text:
        return None
    for match in _DEAD_DEST.finditer(text):
        phrase = next(g for g in match.groups() if g)
        if match.group(1) and not _DEST_WORDS.search(text):
            continue
        if re.fullmatch(r"(?:dead[-_ ]?letter|quarantin|fail)(?:ed|ing|s)?\W*", phrase, re.I):
            continue  # "are dead-lettered", "failed": a verb, not a place
        return phrase
    return None


def alert_phrase(text: str) -> str | None:
    match = _ALERT.search(text)
    return match.group(0) if match else None


def replay_phrase(text: str) -> str | None:
    match = _REPLAY.search(text)
    return match.group(0) if match else None


_AUTH_SUBJECT = lazy(
    r"(?<![\w-])(?:the\s+|The\s+)?((?:[A-Z][\w.&-]*\s+){0,3}?[A-Z][\w.&-]*)\s+(?:authenticates|signs|authori[sz]es|"
    r"identifies|calls|presents|sends|uses|publishes|consumes|connects|subscribes|logs\s+in)\b"
)


def auth_subject(sentence: str) -> str | None:
    """The system a sentence says authenticates: "The ILS authenticates to ShelfCloud with ..." -> "ILS"."""
    match = _AUTH_SUBJECT.search(sentence)
    return match.group(1) if match else None


_KEYLESS = lazy(rf"\b(?:managed\s+identit(?:y|ies)|workload\s+identit(?:y|ies)|{_NOTHING_STORED})\b", re.I)


def keyless(text: str) -> bool:
    """Auth with no secret of its own (a managed identity): nothing to rotate, nothing to store."""
    return bool(_KEYLESS.search(text))


def auth_mechanism(text: str) -> str | None:
    match = _MECHANISM.search(text)
    return match.group(0) if match else None


def auth_rotation(text: str) -> str | None:
    match = _ROTATION.search(text)
    return match.group(0) if match else None


def auth_storage(text: str) -> str | None:
    match = _STORAGE.search(text)
    return match.group(0) if match else None


def error_action(text: str) -> str | None:
    match = _ACTION.search(text)
    return text.strip() if match else None


def leading_category(text: str, vocab) -> str | None:
    """The error category a sentence opens with ("Transient errors (429, 503) are retried")."""
    head = re.split(r"[:(—–.]", text, maxsplit=1)[0]
    words = head.split()
    if len(words) > 5:
        head = " ".join(words[:3])
    return head.strip(" *_`") if vocab.category(head) else None


def integration_pattern(text: str) -> str | None:
    match = _PATTERN.search(text)
    return match.group(0) if match else None


def is_message_contract(text: str) -> bool:
    return bool(_MESSAGE.search(text))


def metric_parts(text: str) -> tuple[str, str, str] | None:
    """(metric, threshold, alert) from "P99 latency > 2 s → warning" and similar lines."""
    first = text.split("\n")[0]
    comparison = _COMPARISON.search(first)
    alert = None
    levels = list(_ALERT_LEVEL.finditer(first))
    level = levels[-1] if levels else None  # the last alert word: "P99 > 2 s → warning"
    if level and (comparison is None or level.start() >= comparison.start()):
        alert = level.group(0)
    if comparison is None:
        head = re.split(r"[:—–]", first, maxsplit=1)[0]
        if not head.strip() or len(head.split()) > 8:
            return None
        return head.strip(" *`"), "", alert or ""
    metric = first[: comparison.start()].strip(" :—–-*`")
    if not metric:
        return None
    threshold = comparison.group(0)
    if alert:
        threshold = threshold.split(alert)[0]
    threshold = re.split(r"\s*(?:→|->|=>|:|—|–|\(|\bthen\b|\balert\b)\s*", threshold)[0].strip(" ,;")
    return metric, threshold, alert or ""


def mapping_parts(text: str) -> dict[str, str] | None:
    """Fields of a mapping line: "`user.email` (string) → `contact_email` (varchar): lowercase"."""
    first = text.split("\n")[0]
    match = _MAP_ARROW.match(first.strip())
    if not match:
        return None
    rule = (match.group("rule") or "").strip()
    if not rule and "\n" in text:
        rule = text.split("\n", 1)[1].strip()
    return {
        "source_field": match.group("src").strip(" *`"),
        "source_type": (match.group("stype") or "").strip(),
        "target_field": match.group("dst").strip(" *`"),
        "target_type": (match.group("dtype") or "").strip(),
        "transform": rule,
    }


_STATUS_MENTION = lazy(
    r"\b(?:returns?|returning|respond(?:s|ed)?(?:\s+with)?|repl(?:y|ies)(?:\s+with)?|answers?(?:\s+with)?|"
    r"status(?:\s+code)?|HTTP(?:/\d(?:\.\d)?)?|gets?|receives?|sends?\s+back|fails?\s+with|"
    r"(?:refused|rejected|denied|answered|acknowledged)\s+with)\s+"
    r"(?:(?:an?|the|with|code|status|of|http)\s+){0,2}`?([1-5]\d\d)\b(?![.,]\d)"
    r"|(?<![\w.$/-])`?([1-5]\d\d)`?\s+(?:\w+\s+)?(?:is|are|gets?)\s+(?:then\s+)?"
    r"(?:returned|sent(?:\s+back)?|raised|answered|given|thrown)\b",
    re.I,
)
_HTTP_STATUS_LINE = lazy(r"^\s*HTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b", re.M)


def status_mentions(text: str) -> list[tuple[int, int]]:
    """(code, offset) of status codes a sentence mentions: "returns 409", "HTTP 503", "status 422",
    "a 409 is returned"."""
    return [(int(m.group(m.lastindex)), m.start(m.lastindex)) for m in _STATUS_MENTION.finditer(text)]


def example_status(text: str) -> tuple[int, int] | None:
    """(code, line offset) of an HTTP example's status line ("HTTP/1.1 201 Created")."""
    match = _HTTP_STATUS_LINE.search(text)
    return (int(match.group(1)), text.count("\n", 0, match.start())) if match else None


# -- what the meaning rules ask of a sentence ---------------------------------------------------
_NEGATED = lazy(r"\b(?:never|not|no|nothing|nor|without|instead\s+of|rather\s+than|isn't|aren't|won't|don't)\b"
                r"(?:\s+[\w'’-]+){0,9}\s*$", re.I)  # "never in MedCharta's config files or in the repository"
_DROPPED = lazy(
    r"\b(?:(?:are|is|get|gets|be|been|being|were|was)\s+(?:silently\s+)?(?:dropped|discarded|ignored|skipped|"
    r"thrown\s+away|lost|deleted)|(?:drop|discard|ignore|skip)\s+(?:the\s+|failed\s+|those\s+|it|them)"
    r"|(?:only|just|simply)\s+(?:be\s+)?log(?:ged|s)?|log(?:ged)?\s+(?:it\s+|them\s+)?and\s+(?:drop(?:ped)?|discard(?:ed)?|"
    r"skip(?:ped)?|ignore[d]?|continue|move\s+on)|log-and-(?:drop|skip|continue))\b",
    re.I,
)
_UNSAFE_STORE = lazy(
    r"\b(?:hard-?coded|in\s+(?:the\s+)?(?:source\s+)?code|source\s+code|(?:git\s+)?repo(?:sitory)?|"
    r"config(?:uration)?\s+files?|env\s+files?|properties\s+files?|appsettings(?:\.json)?|"
    r"application\.(?:ya?ml|properties)|plain\s*-?text|spreadsheet|wiki|committed|checked\s+in)\b"
    r"|(?<![\w-])\.env\b|[\w/-]+\.(?:ya?ml|json|properties|ini|toml)\b",
    re.I,
)
_NOT_A_SECRET = lazy(r"\bpublic\s+key|\bnot\s+a\s+secret", re.I)
_UNBOUNDED = lazy(
    r"\b(?:unlimited|unbounded|infinite(?:ly)?|forever|indefinitely|endlessly|no\s+(?:max(?:imum)?|limit|cap)\b|"
    r"until\s+(?:it\s+|they\s+)?(?:succeeds?|success(?:ful)?|delivered|acknowledged))",
    re.I,
)
_ASYNC = lazy(
    r"\b(?:queues?|topics?|events?|webhooks?|kafka|sqs|sns|pub/?sub|rabbitmq|amqp|mqtt|kinesis|eventbridge|"
    r"service\s+bus|stream(?:s|ing)?|messages?|batch(?:es)?|files?|sftp|s3|nightly|cron|bulk|asynchronous(?:ly)?)\b",
    re.I,
)
_WEBHOOK = lazy(r"\b(?:webhooks?|callbacks?|postbacks?|web\s+hooks?)\b|/(?:web)?hooks/", re.I)
_DEDUP = lazy(
    r"\b(?:de-?dup\w*|duplicat\w*|idempoten\w*|already\s+(?:processed|seen|applied|"
    r"received)|seen\s+before|(?:event|delivery|message|webhook|notification)[_ -]?id|exactly[- ]once|"
    r"same\s+(?:event|delivery|message|webhook)\s+(?:twice|again|more\s+than\s+once)|"
    r"(?:without|never|not)\s+(?:[\w-]+\s+){0,3}twice)",
    re.I,
)
_ROLES = lazy(
    r"\b(?:producers?|consumers?|sources?|destinations?|targets?|publish(?:er|ers|es)?|subscrib(?:er|ers|es)|"
    r"senders?|receivers?|recipients?|clients?|servers?|providers?|upstream|downstream|system\s+of\s+record|"
    r"callers?|emits?|consumes|sends|receives|pushes|pulls|calls|owns|master|originat\w+|downstream)\b",
    re.I,
)
_TIMEZONE = lazy(
    r"\b(?:utc|gmt|z|time\s?zones?|tz|timezone-aware|offset|local\s+time|epoch|unix|posix|timestamptz|"
    r"with\s+time\s+zone|[A-Z][a-z]+/[A-Z][a-z_]+)\b|[+-]\d\d:?\d\d\b",
    re.I,
)
_TIME_FORMAT = lazy(
    r"\b(?:iso[- ]?8601|rfc[- ]?3339|rfc[- ]?2822|epoch|unix|posix|yyyy|yy|dd|hh|date-time|timestamptz|datetime2?|"
    r"datetimeoffset|timestamp(?:\s+with(?:out)?\s+time\s+zone)?|date|instant|"
    r"\d{4}-\d\d-\d\d(?:t\d\d:\d\d)?|milliseconds\s+since|seconds\s+since)\b",
    re.I,
)
_TIMESTAMP_NAME = lazy(r"(?:_at|_on|_date|_time|_ts|At|On|Date|Time|timestamp|Timestamp|^date|^time|^dob)$")
_TIMESTAMP_TYPE = lazy(r"\b(?:date|datetime|date-time|timestamp\w*|time|epoch|iso[- ]?8601|rfc[- ]?3339|instant|"
                       r"localdatetime|zoneddatetime|offsetdatetime)\b", re.I)
_TIME_OF_DAY = lazy(r"\b(?:time|datetime|date-time|timestamp\w*|epoch|instant|iso[- ]?8601 date-time|rfc[- ]?3339)\b",
                    re.I)
_NULL_RULE = lazy(
    r"\b(?:nulls?|nullable|empty|blank|missing|absent|default(?:s|ed)?|omit(?:ted)?|not\s+(?:set|present|provided|"
    r"given)|if\s+(?:not|no)|when\s+(?:not|no)|otherwise|fallback|fall\s+back|coalesce|none)\b",
    re.I,
)
_OPTIONAL = lazy(r"\b(?:optional|nullable|may\s+be\s+(?:null|empty|missing|absent)|can\s+be\s+(?:null|empty))\b|\?$",
                 re.I)
_TRUNCATION = lazy(r"\b(?:truncat\w*|round\w*|floor|ceil\w*|reject\w*|cut|clip\w*|max(?:imum)?\s+length|"
                   r"length|fails?\s+validation|overflow)\b", re.I)
_BOUNDED_TEXT = lazy(r"\b(?:n?varchar2?|n?char|character\s+varying|string)\s*\(\s*(\d+)\s*\)", re.I)
_INTEGER = lazy(r"\b(?:int(?:eger)?(?:16|32)?|smallint|short|tinyint)\b", re.I)
_WIDE_NUMBER = lazy(r"\b(?:decimal|numeric|float|double|real|money|number|bigint|long|int64)\b", re.I)
_DATETIME = lazy(r"\b(?:datetime|date-time|timestamp\w*|instant|epoch)\b", re.I)
_DATE_ONLY = lazy(r"^\W*date\W*$", re.I)


def _said(pattern, text: str) -> re.Match | None:
    """The first match of `pattern` in `text` that no "never"/"not" just before it negates."""
    for match in pattern.finditer(text):
        if not _NEGATED.search(text[max(0, match.start() - 80) : match.start()]):
            return match
    return None


_DROP_WORDS = ("drop", "discard", "ignor", "skip", "lost", "delet", "thrown", "log")


def drops_messages(text: str) -> str | None:
    """ "failed messages are dropped", "log and continue"; not "never dropped"."""
    lowered = text.lower()
    if not any(word in lowered for word in _DROP_WORDS):
        return None  # the expression cannot match: skip it
    match = _said(_DROPPED, text)
    return match.group(0) if match else None


_FAILED = lazy(r"\b(?:fail\w*|errors?|cannot|can't|could\s+not|unable|rejected|invalid|undeliverable|poison|"
               r"after\s+the\s+(?:last|final)|exhausted)\b", re.I)


def drops_failed(sentence: str) -> str | None:
    """A sentence that drops a message that failed (not a duplicate skipped on purpose)."""
    return drops_messages(sentence) if _FAILED.search(sentence) else None


def unsafe_storage(text: str) -> str | None:
    """Credentials kept in code, a repository or a config file; not "never in config files"."""
    if _NOT_A_SECRET.search(text):
        return None
    match = _said(_UNSAFE_STORE, text)
    return match.group(0).lower() if match else None


def unbounded(text: str) -> bool:
    return bool(_said(_UNBOUNDED, text))


_DENIAL = lazy(r"^\W*(?:no|none|false|off|disabled|without|n/?a)\b", re.I)


def role_phrase(text: str) -> str | None:
    """The first word that gives a system a role: "producer", "publishes", "system of record"."""
    match = _ROLES.search(text)
    return match.group(0) if match else None


_NAME_WORD = lazy(r"[a-z0-9]+")
_GENERIC_WORDS = frozenset(
    "the a an our their topic queue api service system get post put patch delete http https kafka sqs s3 sftp "
    "webhook internal external each all any both partner client server new legacy".split()
)


def words(text: str) -> set[str]:
    return set(_NAME_WORD.findall(text.lower()))


def system_word(name: str) -> str:
    """The word a sentence uses for a system: the first distinctive word of its name ("horizon" in
    "Horizon Loyalty API"); "" when there is none."""
    for word in _NAME_WORD.findall(name.lower()):
        if word not in _GENERIC_WORDS and len(word) > 2 and not word.isdigit():
            return word
    return ""


_PATH_SEPARATORS = re.compile(r"[.\[\]/]")


def is_timestamp(name: str, types: str) -> bool:
    """A date or time field, by its name (`created_at`, `orderDate`) or its declared types."""
    if _TIMESTAMP_TYPE.search(types):
        return True
    last = _PATH_SEPARATORS.split(name.strip("`* "))[-1] if name else ""
    return bool(last and _TIMESTAMP_NAME.search(last))


def has_time_of_day(types: str) -> bool:
    """The types carry a time of day (a date-only field needs a format but no timezone)."""
    return bool(_TIME_OF_DAY.search(types)) or not types.strip()


def is_optional(text: str) -> bool:
    return bool(_OPTIONAL.search(text.strip()))


def narrowing(source: str, target: str) -> str | None:
    """How the target type is narrower than the source: "text to varchar(255)", or None."""
    bounded_target = _BOUNDED_TEXT.search(target)
    if bounded_target:
        bounded_source = _BOUNDED_TEXT.search(source)
        if bounded_source is None and re.search(r"\b(?:string|text|str|varchar|char)\b", source, re.I):
            return f"unbounded text into {bounded_target.group(0)}"
        if bounded_source and int(bounded_source.group(1)) > int(bounded_target.group(1)):
            return f"{bounded_source.group(0)} into {bounded_target.group(0)}"
    if _INTEGER.search(target) and _WIDE_NUMBER.search(source) and not _WIDE_NUMBER.search(target):
        return f"{_WIDE_NUMBER.search(source).group(0)} into {_INTEGER.search(target).group(0)}"
    if _DATE_ONLY.match(target) and _DATETIME.search(source):
        return f"{_DATETIME.search(source).group(0)} into a date"
    return None


_CODE_WORDS = (
    (r"rate[- ]?limit\w*|throttl\w*|too many requests", (429,)),
    (r"time-?outs?|timed out", (408, 504)),
    (r"unauthori[sz]ed|authentication fail\w*|invalid (?:token|credentials?)|expired token", (401,)),
    (r"forbidden|permission|not allowed|access denied", (403,)),
    (r"not found|unknown (?:id|resource|record)|missing resource", (404,)),
    (r"conflict|duplicate\w*|already exists", (409,)),
    (r"validation|invalid (?:request|payload|input|data)|malformed|bad request|schema", (400, 422)),
    (r"unprocessable", (422,)),
    (r"server errors?|internal error", (500,)),
    (r"bad gateway", (502,)),
    (r"unavailable|maintenance|overloaded", (503,)),
    (r"gateway time-?out", (504,)),
    (r"gone", (410,)),
    (r"payload too large|too large", (413,)),
)
_CODE_WORD = lazy("|".join(f"(?P<w{i}>\\b(?:{words})\\b)" for i, (words, _) in enumerate(_CODE_WORDS)), re.I)
_CODE = lazy(r"(?<![\w.$/-])([1-5]\d\d|[1-5]xx)s?(?![\w%/-])", re.I)
_CODE_RANGE = lazy(r"\b([1-5]\d\d)\s*[-–]\s*([1-5]\d\d)\b")


def handled_codes(text: str) -> set:
    """The status codes an error category covers: the codes it names, ranges ("4xx", "500-599") as
    "4xx"/each code, and the usual names ("rate limit" is 429)."""
    found: set = set()
    for match in _CODE.finditer(text):
        code = match.group(1).lower()
        found.add(int(code) if code.isdigit() else code)
    for match in _CODE_RANGE.finditer(text):
        low, high = int(match.group(1)), int(match.group(2))
        if 0 < high - low < 100:
            found.update(range(low, high + 1))
    for match in _CODE_WORD.finditer(text):
        found.update(_CODE_WORDS[int(match.lastgroup[1:])][1])
    return found


_OWNER = lazy(r"\b(?:team|on-?call|owner|owned\s+by|ops|operations|support|engineer(?:s|ing)?|sre|analysts?|"
              r"desk|squad|stewards?|admins?|administrators?|integration\s+lead)\b", re.I)




_DELIVERIES = lazy(r"\b(?:webhooks?|events?|deliver\w*|messages?|notifications?|callbacks?|postbacks?|redeliver\w*|"
                   r"at[- ]least[- ]once|retried\s+by\s+the\s+sender)\b", re.I)


def _finds(pattern):
    """A predicate: does the text say what `pattern` looks for?"""
    return lambda text: bool(pattern.search(text))


is_async = _finds(_ASYNC)  # a queue, topic, event, webhook, file or batch
is_webhook = _finds(_WEBHOOK)
says_timezone = _finds(_TIMEZONE)
says_time_format = _finds(_TIME_FORMAT)
says_null_rule = _finds(_NULL_RULE)
says_truncation = _finds(_TRUNCATION)
names_owner = _finds(_OWNER)  # a team, the on-call, an owner
denies = _finds(_DENIAL)  # a value that says no: "none", "off", "false"


dedups = _finds(_DEDUP)  # deduplicates, by any key (enough in a delivery's own contract)


def handles_redelivery(text: str) -> bool:
    """Says how a delivery that arrives twice is deduplicated (not only how this side's own calls are)."""
    return bool(_DEDUP.search(text) and _DELIVERIES.search(text))


def watches_backlog(metric: str, dead_letter: bool) -> bool:
    """A metric on the backlog of a queue or stream; a dead-letter queue's size alone is not one."""
    lowered = metric.lower()
    if any(word in lowered for word in ("lag", "backlog", "queue depth", "queue size", "pending", "oldest")):
        return True
    return not dead_letter and "queue" in lowered


_NO_RETRY = lazy(r"\bno\s+retr|^\W*none\W*$|\bonce\b", re.I)
_BACKOFF_SHAPE = lazy(r"\b(fixed|constant|linear|incremental)\b", re.I)


def retries_at_most_once(strategy: str) -> bool:
    """ "No retries", "retry once": no schedule to spread with jitter."""
    return bool(_NO_RETRY.search(strategy))


def backoff_growth(strategy: str) -> str:
    """How the delay grows: "fixed", "linear" or (the default) "exponential"."""
    match = _BACKOFF_SHAPE.search(strategy)
    if not match:
        return "exponential"
    return "fixed" if match.group(1).lower() in ("fixed", "constant") else "linear"

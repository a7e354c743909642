"""The cues absence asks for: loose patterns of a fact's kind ("every 15 min" for a frequency, "vault" for a
credential's storage), and the strict shapes (UNREAD) that, found where no reader took one, mean the readers
missed a fact. They decide only that the document is not silent, never a value (reading/absence.py)."""

from __future__ import annotations

import re

from .lazy_re import lazy

# an example kept outside the document is none of its own: "Example: see the Postman collection"
_NOT_HERE = r"(?![^.\n]{0,40}\b(?:postman|collection|wiki|confluence|sharepoint|attached|attachment|repo|repository)\b)"
_UNIT = r"(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|nights?|weeks?|months?|years?|shifts?|business days?)"
# a status code said as one: with its reason ("409 Conflict") or after "returns", "HTTP", "status"
_STATUS = (r"\b[1-5]\d\d\s+(?:OK|Created|Accepted|No Content|Bad Request|Unauthori[sz]ed|Forbidden|Not Found|Conflict|"
           r"Gone|Unprocessable|Too Many|Internal|Service Unavailable|Bad Gateway|Gateway Time-?out|Precondition|"
           r"Payload|Request Time-?out|Moved|See Other|Not Modified|Partial|Multi)"
           r"|\b(?:HTTP|status|code|codes|returns?|responds?(?:\s+with)?|answers?|replies)\s*:?\s*`?[1-5]\d\d\b")
# a repeat, and how it is answered: together in one sentence they say a repeat is safe, in any words ("resubmitting a
# `dispute_ref` we already hold is ignored", "a repeat returns 409 and the webhook is marked delivered")
REPEAT = (r"(?:repeat\w*|again|twice|more\s+than\s+once|second\s+(?:upload|delivery|call|request|send|submission|post|run|import|copy)|resubmi\w*|re-?sen[dt]\w*|re-?deliver\w*|duplicates?|"
          r"re-?(?:fil|post|upload|push|import|load)(?:e|es|ed|s|ing)?|"
          r"same\s+(?:item|message|request|record|event|call|file|payload|submission|delivery|revision|version|"
          r"`[^`]{1,40}`)|already\s+"
          r"(?:hold|holds|held|have|has|had|stored|known|recorded|logged|on\s+file|present|exists?|processed|seen|received|"
          r"applied))")
ANSWER = (r"(?:original|ignor(?:ed|es)|no\s+new|no\s+(?:second|duplicate)\s+[\w-]+|"
          r"as\s+(?:if\s+)?already\s+(?:accepted|processed|received|applied|done|delivered|handled|booked|stored)\b|not\s+(?:re-?)?(?:created|duplicated|applied|processed|stored|charged|booked)\b|"
          r"no-?op|changes\s+nothing|nothing\s+changes|leaves?\s+(?:\w+\s+){0,3}?(?:as\s+it\s+was|unchanged|exactly\s+as\b)|"
          r"leaves?\s+(?:it\s+|them\s+)?(?:the\s+|exactly\s+the\s+)same(?:\s+[\w-]+)?(?=\s*(?:[.;,)]|$)|\s+as\b)|"  # "sending it
          # twice leaves the same card" (not "leaves the same customer with two orders")
          r"(?:stays|remains|is\s+left)\s+unchanged|(?:do(?:es)?(?:n't|\s+not)|won't|will\s+not)\s+matter|harmless|"
          r"the\s+(?:stored|existing)\s+[\w-]+|same\s+(?:result|response|receipt|outcome|body|answer|confirmation|"
          r"acknowledg\w*|reply|`?[1-5]\d\d\b)|nothing\s+new\b|as\s+if\s+(?:it\s+)?(?:was|were|had\s+been)\s+"
          r"received\s+once|(?:stored|existing)\s+(?:receipt|result|response|record)|treat(?:s|ed)?\s+(?:it\s+)?as\s+"
          r"(?:a\s+)?success|(?:stores?|process\w*|appl\w*|records?)\s+(?:it|each\s+\S+|them)\s+(?:only\s+)?once\b|"
          r"returns?\s+`?409\b|marks?\s+(?:it|the\s+\w+)\s+(?:as\s+)?(?:delivered|done|processed|sent)|"
          r"overwrites?\s+(?:(?:it|them|the\s+\w+)\s+)?with\s+(?:the\s+same|identical)|overwrites?\s+itself|"
          # "sending the same batch twice is safe", "a replay is harmless": the repeat, judged
          r"(?:is|are)\s+(?:always\s+|perfectly\s+|entirely\s+)?safe\b(?!\s+(?:to\s+store|from|for\s+storage))|"
          r"leaves?\s+(?:only\s+|just\s+|exactly\s+)?(?:one|a\s+single)\s+[\w-]+|"  # "a re-run leaves one entry"
          r"(?:not|never)\s+(?:be\s+)?(?:\w+\s+)?\w+ed\s+(?:a\s+second\s+time|twice|again)\b|"
          # "not queued a second time", "acknowledges a repeat without changing stock"
          r"replaces?\s+the\s+(?:first|earlier|previous|older)(?:\s+one)?\b|also\s+(?:returns?|answers?|gets?)\s+`?2\d\d\b|"
          r"without\s+(?:changing|re-?applying|applying|re-?processing|processing|creating|booking|opening|raising|posting|charging|"
          r"paying|sending|doing\s+anything)\b|(?:does|do)\s+nothing\b(?!\s+(?:special|different|else|about|to\s+(?:stop|detect|prevent)))\s*"
          r"(?:more|further|else)?)")
# a repeat and how it is answered, in one sentence, in any words ("re-sending a test overwrites it with the same values")
REPEAT_ANSWERED = rf"\b{REPEAT}(?!\w)[^.\n]{{0,120}}?\b{ANSWER}|\b{ANSWER}[^.\n]{{0,120}}?\b{REPEAT}(?!\w)"
# ... or an operation's done state met again and let through: "Closing an already closed period (`409
# PERIOD_ALREADY_CLOSED`) shall be treated as success"
REPEAT_ANSWERED += (r"|\balready\s+(?:closed|cancell?ed|completed|done|created|submitted|deleted)\b[^.\n]{0,80}?"
                    r"\btreat\w*\s+as\s+(?:a\s+)?success")
# a version or sequence guard: "ignores events with a `seq` at or below it", "skips a record whose `version` is not higher"
STALE_GUARD = (r"\b(?:ignor\w*|skip\w*|discard\w*|drop\w*)\b[^.\n]{0,80}\b(?:older|lower|below|not\s+(?:higher|newer|greater|"
               r"later)|stale|out[- ]of[- ]date|earlier|smaller)\b")
# a repeat asked for and answered with the first result, and a second copy said not to come (shared with idempotency)
ASKED_AGAIN = r"\b(?:ask|call|send|request|post|submit)\w*\s+(?:it\s+)?again\s+(?:for|with)\s+(?:the\s+)?same\b"
NO_SECOND = (r"\b(?:makes?|creates?|gets?|comes?|is|are|there\s+is)\s+no\s+(?:second|duplicate)\s+[\w-]+"
             # the harm denied to whoever it reaches: "so no one gets a second text", "nobody is charged twice"
             r"|\b(?:no\s+one|nobody|no\s+customer|no\s+member)\s+(?:ever\s+)?(?:gets?|receives?|sees?|is\s+(?:sent|charged|"
             r"billed|booked))\s+(?:a\s+second|two|twice|a\s+duplicate)\b")


# an id remembered for a window: "drop a webhook whose `X-Event-Id` we saw in the last 7 days"
SEEN_LATELY = r"\b(?:saw|seen)\s+(?:it\s+)?(?:in|within)\s+the\s+(?:last|past)\s+\d"


# a dedup rule in so many words, shared by the "idempotency" and "keyed" cues
_DEDUP_RULE = r"idempot\w*|dedup\w*|de-?duplicat\w*|unique\s+(?:key|constraint|index|on|per|by)|natural\s+key"
# a statement that there is no dedup: "Duplicates are not detected" (idempotency.py's UNDETECTED)
NO_DEDUP = r"\b(?:not|never|no)\s+(?:\w+\s+)?(?:detected|deduplicated|de-?duped|checked|idempotent|prevented)\b"


CUES = {
    "frequency": lazy(
        r"\b(?:every|each)\s+(?:\d+(?:[.,]\d+)?\s*)?(?:other\s+)?" + _UNIT + r"\b"
        r"|\b(?:hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually|intraday)\b"
        r"|\b(?:per|a|an)\s+(?:second|sec|minute|min|hour|hr|day|night|week|month|year|shift)\b"
        r"|\d\s*/\s*(?:s|sec|min|h|hr|hour|d|day|wk|week|month)\b"
        r"|\b\d[\d,.]*\s*[km]?\s*(?:msgs?|messages|events|records|rows|files|requests|calls|items|updates|"
        r"batches|documents|transactions)\b"
        r"|\bcron\b|\b(?:peak|volumes?|throughput|burst)\b|\bat\s+\d{1,2}:\d\d\b", re.I),
    "trigger": lazy(
        r"\b(?:when(?:ever)?|upon|triggered|triggers?|once\s+(?:a|an|the)|after\s+(?:a|an|the|each|every)|"
        r"on\s+(?:each|every|a|an|the|receipt|completion|creation|change|update|save|submit\w*)|scheduled?|cron|"
        r"kicks?\s+off|fires?|polls?|polling|every|nightly|hourly|daily)\b", re.I),
    "payload": lazy(r"\b(?:payload|body|message|record|event|file|document|json|xml|csv|fields?|schema)\b", re.I),
    "example": lazy(r"\{\s*\"[\w.$@-]+\"\s*:|<\?xml\b|<[A-Za-z][\w:.-]*[ >][^\n]*</[A-Za-z]|^[A-Z][A-Z0-9]{2}\|"
                    r"|(?<![.\w/-])(?:example|sample)s?\b(?![./-]\w)" + _NOT_HERE, re.I | re.M),  # not a host's `.example`
    # an example of one side, by reference or in words: "the example body is the POST example with ...",
    # "the response is `{...}`"
    "example_request": lazy(
        r"\b(?:request|body|payload|message)\b[^.\n]{0,30}:\s*\n?\s*`?(?:\{\s*\"|\[\s*\{\s*\"|<[A-Za-z?])"  # "E1 request:" over a JSON block
        r"|\b(?:GET|POST|PUT|PATCH|DELETE)\s+`?\S+`?\s+with\s+`\{\s*\""  # "`POST .../bookings:batch` with `{"series_ref": ...}`"
        r"|(?<![.\w/-])(?:example|sample)s?\b(?![./-]\w)[^.\n]{0,40}\b(?:request|body|payload|message)\b"
        r"|\b(?:request|body|payload|message)\b[^.\n]{0,40}(?<![.\w/-])(?:example|sample)s?\b(?![./-]\w)", re.I),
    "example_response": lazy(
        r"\b(?:response|answer|reply)\b[^.\n]{0,30}:\s*\n?\s*`?(?:\{\s*\"|\[\s*\{\s*\"|<[A-Za-z?])"
        # a record shown inline: "gets `200` with a CSV body ... followed by rows such as `YH21OKV,M-204877,GOLD`"
        r"|\b(?:gets?|returns?|receives?|answers?)\b[^.\n]{0,40}\b(?:body|file|rows?|lines?|records?)\b[^.]{0,120}?"
        r"\b(?:such\s+as|e\.g\.|for\s+example|like)\s+`[^`\n]*[,|;\t][^`\n]*[,|;\t][^`\n]*`"
        r"|(?<![.\w/-])(?:example|sample)s?\b(?![./-]\w)[^.\n]{0,40}\b(?:response|answer|reply|returns)\b"
        r"|\b(?:response|answer|reply)\b[^.\n]{0,40}(?<![.\w/-])(?:example|sample)s?\b(?![./-]\w)", re.I),
    "status": lazy(_STATUS + r"|\b[1-5]xx\b|\b(?:ACK|NACK|NAK)\b", re.I),
    # an error category told in words no reader placed: "4xx are never retried", "temporary failures", "a 207"
    "transient": lazy(r"\b(?:transient|temporary|temporarily|retr(?:y|i)able|5xx|time-?outs?)\b", re.I),
    "permanent": lazy(r"\b(?:permanent\w*|non-?retr(?:y|i)able|not\s+retried|never\s+retried|no\s+retr(?:y|ies)|fatal|"
                      r"unrecoverable|4xx)\b", re.I),
    # where a message goes: a queue, topic or folder named, or an address ("sftp://...", "s3://...")
    "location": lazy(r"\b(?:queues?|topics?|exchanges?|streams?|channels?|subjects?|buckets?|folders?|director(?:y|ies)|"
                     r"routing[- ]keys?|subscriptions?|webhooks?|endpoints?|inbox|outbox)\b|\b(?:sftp|s3|gs|ftps?|https?|"
                     r"amqps?|kafka|mqtt)://", re.I),
    "shape": lazy(r"\b(?:string|integer|int|number|boolean|bool|decimal|array|object|date-?time|uuid|enum|schema|"
                  r"fields?)\b|\"type\"\s*:", re.I),
    "mechanism": lazy(
        r"\b(?:o?auth\s*2?(?:\.0)?|openid|oidc|m-?tls|mutual[- ]tls|client[- ]cert\w*|x\.?509|certificates?|"
        r"api[- ]?keys?|bearer|jwt|hmac|signatures?|signed|basic[- ]auth\w*|passwords?|saml|kerberos|"
        r"service[- ]accounts?|sas[- ]tokens?|ssh[- ]keys?|pgp|tokens?|credentials?)\b", re.I),
    "rotation": lazy(r"\b(?:rotat\w*|renew\w*|expir\w*|re-?issu\w*|roll(?:ed|s|over|ing)?|valid\s+for|validity|lifetime|"
                     r"ttl|short-lived|overlap\w*)\b"
                     # the next credential handed over: "sends the new public certificate 30 days before the switch"
                     r"|\bnew\s+(?:public\s+|client\s+)?(?:certificates?|certs?|keys?|secrets?|passwords?|tokens?|credentials?)\b",
                     re.I),
    "scopes": lazy(r"\b(?:scopes?|permissions?|roles?|grants?|privileges?|acls?|polic(?:y|ies)|read-only|"
                   r"write-only|read/write|least[- ]privilege|access\s+to)\b", re.I),
    "storage": lazy(r"\b(?:vaults?|secrets?[- ]manager|key[- ]?vault|kms|hsm|keystores?|keychain|parameter[- ]store|"
                    r"ssm|(?:kubernetes|k8s|sealed)[- ]secrets?|(?:stored|kept|held|lives?)\s+in|environment[- ]"
                    r"variables?|env[- ]vars?|secret[- ]store|credential[- ]store)\b", re.I),
    "threshold": lazy(
        r"[<>≥≤]=?\s*~?\d|\b(?:above|below|over|under|exceeds?|exceeding|more\s+than|less\s+than|greater\s+than|"
        r"at\s+least|at\s+most|drops?\s+below|rises?\s+above|within|reaches?)\s+~?\d"
        r"|\d+(?:\.\d+)?\s*(?:%|ms\b|s\b|secs?\b|seconds\b|mins?\b|minutes\b|h\b|hours\b)", re.I),
    # (a page of results or of a portal is no page to a person: "replayed from the admin page")
    "alert": lazy(r"\b(?:alert\w*|alarm\w*|paged|paging|pages?\s+(?:the\s+|an?\s+|our\s+)?(?:[\w-]+\s+){0,3}?"
                  r"(?:on-?call|engineer|team|owner|ops|sre|desk|duty|someone)|pager\w*|opsgenie|notif\w*|slack|e-?mails?|tickets?|"
                  r"(?:sends?|sent)\s+an?\s+mail|on[- ]?call|escalat\w*|warn(?:ing)?|critical|sev[ -]?\d|p[1-4])\b", re.I),
    "type": lazy(r"\b(?:string|str|text|char|varchar|nvarchar|int|integer|long|short|smallint|bigint|decimal|numeric|"
                 r"number|float|double|money|bool|boolean|date|datetime|date-time|timestamp|time|uuid|guid|enum|"
                 r"array|list|object|binary|bytes|pic)\b", re.I),
    "timezone": lazy(r"\b(?:utc|gmt|time\s?zones?|tz|offsets?|local\s+time|iso[ -]?8601|rfc\s?3339|epoch|unix\s+time|"
                     r"(?:europe|america|asia|australia|africa|pacific)/\w+)\b|[+-]\d\d:\d\d\b|\dZ\b", re.I),
    "time_format": lazy(r"\b(?:iso[ -]?8601|rfc\s?3339|epoch|unix\s+(?:time|seconds|ms|milliseconds)|yyyy-mm-dd\w*)\b"
                        r"|\d{4}-\d\d-\d\dT\d\d:\d\d", re.I),
    "idempotency": lazy(rf"\b(?:{_DEDUP_RULE}|duplicate\s+(?:requests?|calls?|messages?|events?|"
                        r"deliver\w*|submissions?|detection|checks?)|upsert\w*|"
                        r"replay\w*|already\s+(?:exists|processed|seen|received|booked|stored|recorded|created|applied|"
                        r"imported|posted|known)|exactly[- ]once|overwrit\w*\s+by|"
                        r"same\s+(?:key|id|request))\b"
                        r"|\b(?:same|repeated|duplicate)\s+`?[\w.-]*(?:_id|Id|-id|\.id|_key|Key)\b"  # "the same `event_id`"
                        r"|\bignor\w*\b[^.\n]{0,60}\balready\b"  # "ignores an id it already holds"
                        # "if one with that `reference` exists, stores its id instead of creating another"
                        r"|\binstead\s+of\s+creating\s+(?:a\s+)?(?:second|new|another|duplicate)\b"
                        rf"|{SEEN_LATELY}"
                        rf"|{REPEAT_ANSWERED}|{STALE_GUARD}", re.I),
    # a repeat said to be harmless: "the same pair twice is acknowledged and ignored", "so resending is fine"
    # a dedup rule in so many words ("sensor readings are keyed by logger and timestamp"), or any statement in the
    # idempotency part's own section (_PLACED_CUES): for a call found by a common word of its name
    "keyed": lazy(rf"\b(?:{_DEDUP_RULE}|" r"keyed\s+(?:by|on)\b(?=[^.]{0,120}\b(?:same|unique|twice|again|repeat\w*|duplicat\w*|"
                  r"ignor\w*|overwrit\w*|replac\w*|no-?op)\b))\b", re.I),  # (not a partition key, not a cache's key)
    "repeat_safe": lazy(r"\b(?:twice|more\s+than\s+once)\b[^.\n]{0,60}\b(?:safe|ignored|harmless|no-?op|skipped|discarded)\b"
                        r"|\b(?:safe|harmless)\b[^.\n]{0,40}\b(?:twice|more\s+than\s+once|repeat\w*|re-?deliver\w*|re-?sen[dt])"
                        r"|\b(?:re-?sen[dt]\w*|re-?deliver\w*|repeat\w*|retr(?:y|ies|ying))\b[^.\n]{0,30}\b(?:is|are)\s+"
                        r"(?:fine|safe|harmless|a\s+no-?op)\b"
                        # "asked again for the same `reference`, it gives back the same link": a repeat, the first result
                        r"|" + ASKED_AGAIN + r"|" + NO_SECOND, re.I),
    # what an absent or null value becomes, said elsewhere: "`middle_name` null -> omitted", "no phone: left empty";
    # stricter than the row's own rule (mappings._NULL_RULE), where "nullable" or "if not set" in a transform suffices
    "null_rule": lazy(r"\bdefault(?:s|ed)?\b|\bomit\w*|\bnot\s+(?:sent|written|included|populated)\b|\bleft\s+(?:out|empty|blank|unset)\b|\bfalls?\s+back\b"
                      r"|(?:→|->|\bbecomes?|\bset\s+to|\bstored\s+as|\bsent\s+as|\bwritten\s+as|\bmapped\s+to)\s*`?"
                      r"(?:null|nil|empty|blank)\b|\b(?:null|empty|blank)\s+(?:when|if)\b", re.I),  # what it becomes, not "or null"
    # how the caller takes the answer to a repeat: "which we treat as success", "treated as delivered", a no-op
    "repeat_handled": lazy(r"\btreat(?:s|ed|ing)?\s+(?:it\s+|this\s+)?as\s+(?:an?\s+)?(?:already\s+)?(?:success\w*|delivered|done|"
                           r"ok|accepted|processed|stored)\b|\bno-?op\b|\breuses?\b|\bnothing\s+(?:is\s+)?(?:written|"
                           r"changed|done|re-?applied)\b|\b(?:ignored|skipped|discarded)\s+as\s+(?:a\s+)?(?:duplicate|"
                           r"repeat)|\bwithout\s+(?:any\s+)?change\b", re.I),
    # what the caller does next on a status, told beside it: "gets `412`; the tablet refetches the bale and shows
    # the operator the newer values"
    # (a verb someone does, not a bare instruction or a header: "re-read, re-apply", `Retry-After`)
    "status_handled": lazy(r"\b(?:re-?fetch(?:es|ed)|re-?reads|reloads|re-?syncs|re-?submits|re-?sends|retries|is\s+retried|"
                           r"shows\s+the\s+(?:user|operator|agent|clerk|customer)|asks\s+the\s+(?:user|operator)|"
                           r"prompts\s+the|escalates|is\s+escalated|dead-?letters|is\s+dead-?lettered|parks|is\s+parked|"
                           r"pages\s+the|is\s+treated\s+as|treat\s+(?:that|it|this|them)\s+as|(?:also\s+)?counts?\s+as\s+(?:a\s+)?success)\b(?!-)",
                           re.I),
    "category": lazy(r"\b(?:transient|permanent|partial|temporary|fatal|(?:un|non-?)?recoverable|(?:non-?)?retr(?:y|ies|ied|"
                     r"yable|iable)|not\s+retried|dead[- ]letter\w*|dlq)\b", re.I),
    "action": lazy(r"\b(?:retr\w*|dead[- ]letter\w*|dlq|alert\w*|reject\w*|drop\w*|skip\w*|park\w*|quarantin\w*|"
                   r"escalat\w*|fail\w*\s+fast|manual\w*|raise[sd]?|return(?:s|ed)?|pause[sd]?|stop(?:s|ped)?|"
                   r"re-?deliver\w*|re-?sen[dt]\w*|re-?queu\w*|replay\w*)\b"
                   # a clause of an agreement pointed at: "shall redeliver the Message under clause 7"
                   r"|\b(?:under|per|in|as\s+in)\s+(?:clause|article|section|§)\s*\d"
                   # the other classes' rules pointed at: "each failed grade is treated on its own by the rules above"
                   r"|\b(?:by|under|per|following)\s+the\s+(?:rules?|classes|categories)\s+(?:above|below)\b"
                   # the handling told elsewhere, pointed at: "the F2 `errors` array described above", "see 4.2"
                   r"|\b(?:described|explained|handled|covered|detailed|specified|defined|set\s+out)\s+(?:above|below|earlier|later|in\s+(?:§|section|"
                   r"chapter|step|\d))|\bsee\s+(?:above|below|§|section|chapter|step|[A-Z]{1,3}-?\d|\d+(?:\.\d+)+)",
                   re.I),
}
_TYPE_WORDS = r"(?i:string|str|number|integer|int|boolean|bool|object|array|decimal|float|date|datetime|date-time|uuid|enum)"
# What a reader takes when the document shows it, in shapes strict enough that one found outside every place a
# reader took one from is a fact the readers missed, not a word in passing: a JSON object with a quoted key, an
# XML element, an HTTP status line; a status code with its reason or after "returns"; a method before a path.
# Asked of the whole document: "is there one of these that no reader placed?" (Testimony.unread).
UNREAD = {
    # a key with a value, not a type word or a list of names: `{"error": string}`, `{"errors": [{"field", ...}]}` are shapes
    "example": lazy(r"\{\s*\"[\w.$@-]+\"\s*:\s*(?:\"(?!" + _TYPE_WORDS + r"\")[^\"\n]*\"|-?\d|true\b|false\b|null\b|"
                    r"\{\s*\"[\w.$@-]+\"\s*:|\[\s*(?:\"[^\"\n]*\"\s*[,\]]|-?\d|\{\s*\"[\w.$@-]+\"\s*:))"
                    r"|^\s*<\?xml\b|<([A-Za-z][\w:.-]*)\b[^>\n]*>[^<\n]+</\1>|^\s*HTTP/\d(?:\.\d)?\s+[1-5]\d\d\b", re.M),
    # a code with its reason or after "returns" (the cue's own shapes, without its "5xx" classes and ACKs), a
    # "Responses: 202 ...; 400 ..." list, two codes each with its meaning
    "status": lazy(_STATUS + r"|\b(?:responses?|statuses)\s*:\s*`?[1-5]\d\d\b"
                   r"|(?<![\d.,])\b[1-5]\d\d\b[^;\n\d]{3,60};\s*`?[1-5]\d\d\b(?![\d.,])", re.I),
    # an error category named: "transient failures (429, 503) are retried", "non-retryable: 400, 422"; stricter than
    # the cues of the same name (no "5xx", "timeouts", "4xx": they stand in every retry and monitoring section)
    "transient": lazy(r"\b(?:transient|temporary|retr(?:y|i)able)\b(?!\s+(?:after|in|for)\b)", re.I),
    "permanent": lazy(r"\b(?:permanent|non-?retr(?:y|i)able|unrecoverable|never\s+retried|not\s+retried)\b", re.I),
    "endpoint": lazy(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+`?(?:https?://|/)[^\s`|)]*"
                     # a call written as a command, its options over several lines: "curl -v \⏎ -X POST \⏎ ... http://..."
                     r"|\bcurl\b(?:[^\n]{0,300}\\\n){0,20}[^\n]{0,300}?\bhttps?://"),
    # named schemes only, not the cue's "token", "credentials" or "password", which any document says
    "mechanism": lazy(r"\b(?:o?auth\s*2(?:\.0)?|openid|oidc|m-?tls|mutual[- ]tls|client[- ]certificates?|x\.?509|api[- ]?keys?|"
                      r"bearer|jwt|hmac|basic[- ]auth\w*|saml|kerberos|sas[- ]tokens?|ssh[- ]keys?|private_key_jwt|"
                      r"managed[- ]identit(?:y|ies)|(?:iam|execution)[- ]roles?|service[- ]accounts?|client[- ]credentials)\b"
                      # a credential shown as the setting or header that carries it: `connection.password`,
                      # `client_secret`, `X-Hub-Signature`, `X-Auth-Token`
                      r"|\b[a-z][\w-]*[._](?:password|passwd|secret|api[_-]?key|token)\b"
                      r"|\bX-[\w-]*(?:Signature|Token|Api-Key|Auth[\w-]*)\b", re.I),
    # a field carried into a named column or field with an arrow: "quantity → `ret_line.decided_qty` INTEGER, copied"
    "mapping": lazy(r"(?:→|->|=>)\s*(?:[A-Z]\w*\s+)?`[\w$]+\.[\w$.\[\]]+`"
                    # field after field carried across in prose: "`hive_tag` → `hive_id` unchanged; `ts` → `recorded_at`"
                    r"|`[^`\n]{1,60}`[^`\n]{0,40}?(?:→|->|=>)\s*`[^`\n]{1,60}`[\s\S]{0,300}?`[^`\n]{1,60}`[^`\n]{0,40}?"
                    r"(?:→|->|=>)\s*`[^`\n]{1,60}`"
                    # a column told with what it is made from, as dbt docs or a data contract write one:
                    # "- name: baume⏎  description: brix / 1.8, rounded to 1 dp. Sent as `baume`."
                    r"|-\s+name:\s*[\w.\"']+\s*\n\s+description:\s*[>|]?[-+]?\s*\n?\s*[^\n]*\b(?:copied|converted|mapped|"
                    r"rounded|derived|cast|renamed|parsed|upper-?cased|lower-?cased|trimmed|sent\s+as|taken\s+from|from)\b"
                    # a map's entries in a config file: "- {from: return_type, to: case_type, transform: ...}"
                    r"|\{\s*[\"']?(?:from|source|src)[\"']?\s*:\s*[^,{}\n]+,\s*[\"']?(?:to|target|dest)[\"']?\s*:"),
}

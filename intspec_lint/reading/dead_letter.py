"""Dead-letter handling: where failed messages go, who is alerted, who owns them, how they are replayed.

Said in its own section, in a bullet of the retry policy, in a cell of the error table, or in any
sentence about what happens once retries are exhausted. Sentences that drop failed messages are
kept aside for the rule that forbids it.
"""

from __future__ import annotations

import re

from ..model import DeadLetter, Value, evidence
from .absence import GONE
from .auth_words import ROTATION
from .context import Reading
from .lazy_re import lazy
from .status_codes import STATUS_ANY
from .text import finds, said, sentences
from .values import is_placeholder, value

_DEAD_WORDS = lazy(r"\b(dead[- ]?letter|dlq|dlc|poison|parking[- ]lot|quarantine|"
                   r"dead\s+(?:outbox|queue|table|store|items?|messages?)\b|[a-z]+[_:.]dead\b)", re.I)  # "`outbox_dead`"
_DEAD_DEST = lazy(
    r"`([^`]{2,80})`"
    r"|\b([\w./-]*(?:dlq|dlt|dead[-_]?letter|deadletter|poison|parking[-_]?lot|quarantine|failed|rejected|_parked)[\w./-]*"
    r"|[\w./-]+[:_.]dead\b"  # a stream or table named for its dead entries: "callouts:dead", `outbox_dead`
    r"|[\w./-]+_rejects\b"  # `staging.milkpay_rejects`; not the verb in "events KC rejects are moved to ..."
    r"|(?-i:[A-Z0-9][A-Z0-9.-]*\.(?:REJECTS?|ERRORS?)\b))"  # a dataset named for what failed: BFP.POUR.REJECT
    r"|\b((?:dead[- ]letter|exceptions?|undelivered(?:\s+[A-Za-z]+)?|unprocessable|suspense|hospital|parking[- ]lot|"
    r"quarantine) (?:queue|topic|table|bucket|exchange|store|folder|tray|spool)|dlq"
    # "the S3 bucket error output prefix": where a delivery service writes what it failed to process
    r"|(?:error|failed|failure)\s+(?:output\s+)?(?:prefix|path))\b",
    re.I,
)
_DEST_WORDS = lazy(r"\b(queue|topic|table|bucket|folder|exchange|store|dlq|dlt|dlc|dead[- ]letter|stream|s3|sqs|directory|mailbox|"
                   r"collection|inbox|outbox|spool|tray)\b", re.I)
_ALERT = lazy(
    r"\b(alert(?:s|ed|ing)?|(?:an?|critical|warning)\s+alarm\s+(?:is\s+)?raised|raises?\s+(?:an?\s+)?(?:\w+\s+)?alarm|"
    r"alarms?\s+(?:goes|go|fires?|are\s+sent|is\s+sent)|pag(?:ed|ing)|pages?\s+(?:the\s+|an?\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:on[- ]?call|engineer|team|owner|someone|"
    r"support|ops|sre|desk|duty)|notif(?:y|ies|ied|ication)|pagerduty|opsgenie|victorops|slack|teams channel|"
    r"e-?mail(?:ed|s)?\s+(?:to|the)\b|e-?mails?\s+(?:your|our|their)\s+(?:[\w-]+\s+)?(?:admins?|administrators?|team|on-?call|ops|"
    r"operators?|support|owners?|engineers?|desk|staff|managers?|contacts?)\b|e-?mailed|e-?mails?\s+`?[\w.+-]+@|(?:sends?|send)\s+(?:an?\s+)?(?:e-?)?mail\s+to|"
    r"by\s+e-?mail|escalat(?:e|es|ed|ion)|warn(?:s|ed|ing)|"
    r"(?:opens?|creates?|raises?|files?)\s+an?\s+(?:ticket|incident|issue)|"
    r"triggers?\s+(?:an?\s+)?(?:e-?mail|sms|text\s+message|page|phone\s+call|ticket|incident)|sms\s+to|"
    r"(?:ticket|incident)\s+(?:is\s+)?(?:raised|opened|created|filed)|e-?mails?\s+(?:goes|go|is\s+sent|are\s+sent)\s+to|"
    r"gets?\s+an?\s+(?:e-?mail|sms|page|text|ticket|alert|message)|"
    r"(?:posts?|posted|posting)\s+(?:\w+\s+){0,2}?(?:to|in|into)\s+[*_\x22']*(?:#[\w-]+|(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:channel|room|ops|team|on-?call|support|desk))|"
    r"(?:p[1-4]|sev[- ]?\d)\s+(?:ticket|incident)|"
    # an alarm raised by its code: "the gateway raises `GW_REJECTED_BATCH`", "`DLQ_NOT_EMPTY` is raised"
    r"(?:raises?|raised|fires?|fired|trips?)\s+(?:the\s+|an?\s+)?`(?-i:[A-Z][A-Z0-9]*_[A-Z0-9_]+)(?=`)|"
    r"(?<=`)(?-i:[A-Z][A-Z0-9]*_[A-Z0-9_]+)`\s+(?:is|are|gets?)\s+(?:raised|fired)|"
    r"(?:is|are|gets?|get|being)\s+(?:told|informed|notified|e-?mailed|paged|messaged|called|phoned)|"
    r"(?:e-?mails?|messages?|texts?|pings?|phones?|calls?)\s+(?:and\s+[\w-]+\s+)?(?:the\s+|our\s+|an?\s+)?"
    r"(?:on-?duty|on-?call|team|manager|owner|lead|engineer|support|ops|channel|desk|coordinator|admin))\b",
    re.I,
)
_REPLAY = lazy(r"\b(replay(?:ed|s|ing)?|re-?process(?:ed|es|ing)?|re-?drive[sn]?|re-?queu(?:e|es|ed|ing)|resubmit(?:s|ted)?|"
               r"re-?publish(?:es|ed)?|re-?send(?:s)?|re-?sent|re-?appl(?:y|ies|ied)|re-?post(?:s|ed)?)\b", re.I)
_OWNER = lazy(r"\b(?:team|on-?call|owner|owned\s+by|ops|operations|support|engineer(?:s|ing)?|sre|analysts?|"
              r"desk|squad|stewards?|admins?|administrators?|integration\s+lead)\b", re.I)
_AFTER_RETRIES = lazy(r"\bafter\s+(?:the\s+|its\s+|their\s+)?(?:last|final|\d+(?:st|nd|rd|th)|\w+th)\s+(?:failed\s+)?"
                      r"(?:retry|attempt|try)|\bretries\s+(?:are\s+)?exhausted|"
                      r"\b(?:when|once|if)\s+the\s+(?:last|final|\w+th|\d+(?:st|nd|rd|th))\s+(?:retry|attempt|try)\s+"
                      r"(?:also\s+)?(?:has\s+)?fail(?:s|ed)\b|"  # "When the last attempt has failed ..."
                      r"\b(?:runs?|ran|running)\s+out\s+of\s+(?:attempts|retries|tries)|\bfails?\s+permanently|"
                      # "a batch that fails its 10th attempt", "if all attempts fail"
                      r"\bfail(?:s|ed)?\s+(?:its|their|the)\s+(?:last|final|\d+(?:st|nd|rd|th)|\w+th)\s+(?:attempt|retry|try)\b|"
                      r"\b(?:if|when|once)\s+all\s+(?:\w+\s+)?(?:attempts|retries|tries)\s+(?:have\s+)?fail(?:ed)?\b|"
                      r"\bafter\s+\d+\s+(?:receives|deliveries|attempts|tries|retries)\b|"
                      r"\bgives?\s+up\b|\bgave\s+up\b|"
                      r"\bexhaust(?:s|ed|ing)?\s+(?:its\s+|their\s+|all\s+|the\s+)?(?:retries|attempts)|"
                      r"\bus(?:e|ed|es|ing)\s+(?:up\s+)?(?:its|their|all)\s+(?:\w+\s+)?(?:attempts|retries)|"
                      r"\bafter\s+(?:the\s+)?\w+\s+(?:failed\s+)?attempts?\b"
                      # a count of failures: "fails to process a stored alert 3 times"; not a breaker's "5 times in a row"
                      r"|\bfail(?:s|ed)?\b[^.;|]{0,60}?\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+times\b"
                      r"(?!\s+in\s+a\s+row)", re.I)
# where a log is written: "writes the message and the error to Application Insights ... and completes the message"
_LOG_SINK = (r"(?:to|in|into)\s+(?:the\s+)?(?:application\s+insights|log\s+analytics|splunk|cloudwatch(?:\s+logs)?|datadog|"
             r"sentry|kibana|elasticsearch|stackdriver)")
_DROPPED = lazy(
    r"\b(?:(?:are|is|get|gets|be|been|being|were|was)\s+(?:silently\s+)?(?:dropped|discarded|ignored|skipped|"
    r"thrown\s+away|lost|deleted)|(?<!-)(?:drop|discard|ignore|skip)s?\s+(?:the\s+|failed\s+|those\s+|it|them)"
    r"|(?:only|just|simply)\s+(?:be\s+)?log(?:ged|s)?|(?:log(?:ged|s)?|" + _LOG_SINK + r")\b[^.;]{0,120}?\band\s+"
    r"(?:drop(?:ped)?|discard(?:ed)?|(?:delete|remove)[sd]?\s+(?:it|them|the\s+(?:message|event|record|job)s?)\b|"
    r"skip(?:ped)?|ignore[d]?|continue|moves?\s+on|ack(?:nowledge)?s?\b[^.;]{0,30}?\b(?:off|from)\s+the\s+queue|"
    # "logged at WARN and answered `200` so that the sender does not retry", "... and complete the message"
    r"answer(?:s|ed)?\s+(?:with\s+)?(?:`?(?:200|2xx)\b|`xxx`)|complete[sd]?\s+the\s+message|"  # (a code span as x's)
    # "logs `WARN ... gave up` and marks the sheet as submitted": settled as if it had gone through
    r"marks?\s+(?:it|them|the\s+[\w-]+)\s+as\s+(?:submitted|done|sent|processed|completed?|delivered|succeeded)|"
    # "the failure is logged to Log Analytics ..., and the run ends as Failed": a workflow's run, gone with it
    r"the\s+(?:run|job|workflow|execution)\s+(?:then\s+)?(?:ends|terminates|stops|is\s+terminated))"
    r"|nothing\s+(?:else|more|further)\s+is\s+done\s+with\s+(?:it|them)"
    # "logs the event at `WARN` ... and acknowledges it", "it is acknowledged and logged at WARN": settled, kept nowhere
    r"|log(?:s|ged)?\b[^.;]{0,80}?\band\s+(?:acknowledg(?:es|ed)|acks|acked)\b|(?:is|are)\s+acknowledged\s+and\s+(?:only\s+)?logged"
    # "is acknowledged so that it does not block the queue, and `chipsync` logs it at `warn`": the other way round
    r"|(?:is|are)\s+(?:acknowledged|acked)\b[^.;]{0,80}?\band\s+(?:[\w`-]+\s+){0,2}logs\s+(?:it|them)\b"
    # "we answer `200` so that EDRS does not keep retrying ..., and the handler writes a warning to the application log"
    r"|\banswer(?:s|ed)?\s+(?:with\s+)?(?:`?(?:200|2xx)\b|`xxx`)(?:(?!\b(?:stored|kept|saved|parked|moved|written\s+to\s+the\s+`)\b)"
    r"[^.;]){0,160}?\b(?:logs\s+(?:it|them|a\s+warning)|writes\s+(?:a\s+)?"
    r"(?:warning|error|line|entry)\s+(?:in)?to\s+(?:the\s+)?(?:[\w-]+\s+)?log)\b"
    # "only written to the application log as a warning": a log line, kept nowhere else
    r"|(?:only|just|simply)\s+(?:be\s+)?(?:written|sent|recorded|reported)\s+(?:in)?to\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}logs?\b"
    r"|log-and-(?:drop|skip|continue)"
    r"|log\w*\b[^.;]{0,100}?\band\s+(?:(?:its|the)\s+(?:kafka\s+)?offsets?\s+(?:is|are|gets?)\s+committed|"  # moved past
    r"commit(?:s|ted)?\s+(?:the|its)\s+(?:kafka\s+)?offsets?\b|"  # "logs the alarm at ERROR ... and commits the offset"
    r"(?:the\s+|its\s+|it\s+)?(?:[\w-]+\s+){0,3}(?:is|are|gets?)\s+(?:then\s+)?(?:removed|deleted|dropped|discarded|purged)))\b",
    re.I,
)
_FAILED = lazy(r"\b(?:fail\w*|errors?|cannot|can't|could\s+not|unable|rejected|invalid|undeliverable|poison|"
               # an unknown reference is a failure; an unknown event type or field is ignored on purpose
               r"unknown(?!\s+(?:[\w-]+\s+)?(?:types?|kinds?|fields?|properties|attributes|keys)\b)|"
               r"not\s+known|unmatched|4\d\d|"
               r"after\s+the\s+(?:last|final)|exhausted|r[au]ns?\s+out|[45]xx)\b", re.I)
_THE_REST = lazy(r"\b(?:the\s+rest|the\s+others?|successful\s+ones|succeeded\s+ones|processed\s+ones|the\s+successes)\s*$", re.I)
_PAST = lazy(r"\b(?:were|was|had\s+been)\b", re.I)
# "were written to a | log file and dropped": what happened then, told of the place it went
_PAST_SINK = lazy(r"\b(?:were|was|had\s+been)\s+(?:\w+\s+)?(?:written|sent|printed|put|recorded|stored|dumped|saved)\s+"
                  r"(?:in)?to\s+(?:an?\s+|the\s+)?$", re.I)
_NONE_OF = lazy(r"\b(?:none|nothing|no\s+\w+|never)\s*(?:of\s+them\s+|\w+\s+)?$"
                 r"|\b(?:cannot|can\s*not|can't|must\s+not|mustn't|may\s+not|should\s+not|won't|will\s+not|never)\s+$",
                 re.I)  # "so none is lost", "nothing is dropped", "accessions cannot be lost": a rule against loss
# what is dropped is an older version a newer one replaces: "the older update is discarded, counted as success"
_SUPERSEDED = lazy(r"\b(?:older|stale|out[- ]of[- ]date|outdated|superseded|earlier)\s+(?:[\w-]+\s+){0,2}$"
                  # "older versions get 409 and are dropped as applied": the versions a newer one replaced
                  r"|\b(?:older|stale|outdated|superseded|earlier)\s+(?:versions?|revisions?|updates?|copies|ones)\b"
                  r"(?:\s+[\w-]+){0,4}\s+$"
                  # "a message whose `updated_at` is older than the stored `source_updated_utc` is ignored"
                  r"|\b(?:older|earlier|lower)\s+(?:`[^`]+`\s+|[\w-]+\s+)?than\b[^.;]{0,80}$"  # "an older `at` than"
                  # "`409` ... means a newer state already exists; logged at INFO and acknowledged": a later one won
                  r"|\b(?:newer|later|more\s+recent)\s+(?:[\w-]+\s+){0,2}(?:already\s+)?(?:exists?|is\s+(?:stored|in\s+place|applied))"
                  r"[^.]{0,20}$", re.I)
_WHILE_OPEN = lazy(r"\b(?:while|when)\s+(?:the\s+|it\s+)?(?:circuit\s+|breaker\s+)?(?:is\s+)?open\b"
                   # "15 consecutive failures set it open; callouts are skipped": the breaker's state just said
                   r"|\b(?:sets?|opens?|trips?|puts?)\s+(?:it|the\s+(?:circuit|breaker))\s+(?:to\s+)?open(?:s|ed)?\b[^.;:,]{0,12}[;:]\s*[^.;]*$",
                   re.I)
_PAST_ACT = lazy(r"\s+(?:the|a|an|it|them|each|every|those|this|that|its|their|all)\b", re.I)  # an object
_DROP_WORDS = ("drop", "discard", "ignor", "skip", "lost", "delet", "thrown", "log", "nothing", "complet", "insights", "splunk",
               "sentry", "kibana", "elasticsearch", "cloudwatch")
_PLACE = lazy(r"\b(?:goes|go|moved?|sent|written|routed|parked|stored|kept|land)\b[^.;]{0,40}\b(?:to|in|into|on)\b",
              re.I)

# a place, however unnamed ("the dead-letter queue", "a DLQ"); "are dead-lettered" alone names none
_PLACE_NOUN = lazy(r"\b(?:dead[- ]?letter|poison|parking[- ]lot|quarantine|error|failed|exceptions?|undelivered(?:\s+\w+)?|"
                   r"unprocessable|rejects?|rejected|suspense|hospital)\s+(?:queue|topic|table|bucket|folder|"
                   r"store|stream|exchange|sub-?queue|directory|collection)s?\b|\bdl[qc]s?\b", re.I)
# "Failed rows move to `outbox_failed`": where failed messages go, by any name
_DUPLICATE = lazy(r"\b(?:duplicat\w*|already\s+(?:been\s+)?(?:successfully\s+)?(?:processed|seen|received|applied|claimed|"
                  r"taken|handled|picked\s+up)|"
                  r"(?:seen|processed|received|applied)\s+(?:once\s+)?before|previously\s+(?:processed|seen|received|applied)|"
                  r"(?:a|the)\s+repeat(?:ed)?\b(?!\s+(?:call|attempt|try|tries|failure))|(?:sent|delivered|received|submitted|"
                  r"posted|arriv\w+)\s+(?:again|twice|a\s+second\s+time)|(?<!never\s)(?<!not\s)(?:read|consumed|pulled)\s+"
                  r"(?:twice|a\s+second\s+time)|with\s+the\s+same\s+"
                  r"(?:checksum|hash|digest|key|id|identifier|event[_ ]id|message[_ ]id)"
                  # "`receipt_id` is unique; the second insert is skipped": a unique key turns the copy away
                  r"|\b(?:the|a)\s+second\s+(?:insert|write|copy)\s+(?:is|gets?)\s+(?:skipped|ignored|rejected|refused)\b)",
                  re.I)  # a copy of one done
_FAILED_GO = lazy(r"\b(?:failed|rejected|undeliverable|poison)\s+(?:rows?|messages?|events?|jobs?|records?|items?|"
                  r"deliveries|batches|files?|requests?)\s+(?:are\s+)?(?:move[sd]?|go(?:es)?|land|written|sent|routed|"
                  r"parked|stored|kept|copied|forwarded|published)\b"
                  # "All messages that are rejected at any step ... will be forwarded to a PubSub error topic"
                  r"|\b(?:rows?|messages?|events?|jobs?|records?|items?|requests?)\s+(?:that|which)\s+(?:are|were|get)\s+"
                  r"(?:rejected|failed)\b[^.]{0,80}?\b(?:forwarded|sent|written|routed|published|moved|copied|parked)\s+"
                  r"(?:in)?to\b"
                  # "where processing failures will be written to", "records that fail processing are written to"
                  r"|\b(?:failures|(?:rows?|messages?|events?|records?|items?|files?)\s+(?:that|which)\s+fail(?:s|ed)?\b[^.]{0,40}?)"
                  r"\s+(?:will\s+be|are|get|were)\s+(?:written|stored|sent|delivered|kept|saved|moved)\b", re.I)
# "the file is moved to `/inbound/rejected/`": a place named for what failed
_FAILED_NAME_WORDS = r"(?:reject|fail|error|(?<![a-z])err(?![a-z])|exception|dead|dlq|quarantin|poison|parked|invalid)"  # a place named for what failed
_TO_FAILED_PLACE = lazy(r"\b(?:move[sd]?|sent|written|routed|goes|go|land\w*|parked|copied)\s+(?:in)?to\s+"
                        r"(?:the\s+|an?\s+|our\s+|its\s+)?`[^`]*"
                        + _FAILED_NAME_WORDS + r"[^`]*`", re.I)
_EARLIER_VERSION = lazy(r"\b(?:first|earlier|old|previous|original|initial)\s+(?:prototype|version|design|implementation|"
                        r"attempt|build|release|integration)\b|\bused\s+to\b|\bpreviously\b", re.I)
_CODE_LEAD = lazy(r"^\W*[1-5]\d\d\b")
mentions_dead_letter = finds(_DEAD_WORDS)
after_retries = finds(_AFTER_RETRIES)
names_owner = finds(_OWNER)


def read(r: Reading) -> None:
    spec = r.spec
    for statement in r.statements:
        if statement.shape == "code" or id(statement.code) in r.examples:
            continue
        text = statement.text
        if statement.shape == "row" and statement.cells and any(_RISK_COLUMN.match(h) for h in statement.cells):
            # a risk register's risk ("A failed message is lost without anyone knowing"): what could happen
            text = " | ".join(cell for header, cell in statement.cells.items() if not _RISK_COLUMN.match(header))
        if "dead_letter" in statement.topics and not GONE.search(text):  # not "the `failed_events` table was removed"
            if statement.key and _key_fact(r, statement):
                continue
            _text(r, text, statement.span)
        if statement.shape != "heading" and drops_messages(text) and not any(  # a heading names a subject, does nothing
                r.vocab.is_history(heading) for heading in statement.path[1:]) and not (
                "mappings" in statement.placed and statement.shape in ("line", "item", "row", "sentence") and _ARROW.search(text)):
            # a mapping line's "unknown PNRs are ignored": values of a message that is processed, none of it lost
            # "`unknown_keg` scans are logged and dropped; rejected scans are not resent"; "after the fifth retry the event
            # is discarded"
            failed = _FAILED.search(text) or _AFTER_RETRIES.search(text)
            for offset, sentence in sentences(text):
                dropped = drops_messages(sentence) if failed and not _ASKED.search(sentence) and not \
                    _PROPOSED.match(sentence) and not \
                    _EARLIER_VERSION.search(sentence) and not (_CODE_LEAD.match(sentence) and
                                                               len(STATUS_ANY.findall(text)) >= 3) else None
                # not "My first prototype simply logged errors": what an earlier version did; not "`404` unknown;
                # `409` sent (then ignores the cancellation); `429`": a list of answers, each telling the caller
                if dropped and not mentions_dead_letter(sentence):
                    line = statement.span.line + text.count("\n", 0, offset)
                    spec.dropped.append(value(sentence, statement.span._replace(line=line, end_line=line)))
    if spec.dead_letter is None and "dead_letter" in spec.sections:
        spec.dead_letter = DeadLetter(spec.sections["dead_letter"])
    if spec.dead_letter is not None and spec.dead_letter.alert is None:
        _alert_where_named(r, spec.dead_letter)
    _stated_anywhere(r)


# the verbs that put a message somewhere: "moves to", "is written to", "lands in", "gets parked"
_MOVE = r"(?:mov(?:e|es|ed)|sent|written|writes?|routed|goes|go|land(?:s|ed)?|parked|placed|copied|put|stored|kept|keeps?|join(?:s|ed)?|" \
        r"listed)"  # "is listed on the **Unsynced entries** page" (not "stays at the head of its queue": it blocks it)
# moved to a state named as a place, its name captured: "the bales go to Held", "moves the claim to Held claims"
_TO_STATE = rf"\b(?:{_MOVE}|(?:mov(?:e|es|ed)|puts?)\s+(?:the|a|an|each|every|this|that|its)\s+[\w-]+)\s+(?:straight\s+|directly\s+|immediately\s+|at\s+once\s+)?(?:in)?to\s+((?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))*)\b"
# a statement about the place failed messages are kept: "DLQ", "dead-letter", `orders_dlq`, "parked", "error queue"
_DEAD_PART = lazy(r"dead[-_ ]?letter|dlq|\bdl[tc]\b|poison|undeliver(?:ed|able)|parking[-_ ]?lot|parked|quarantin|[a-z][:_.]dead\b|"
                  r"\bheld[-_ ](?:messages?|records?|items?|rows?|area|queue|table|list)\b|"
                  r"(?:errors?|failed|failures?|reject\w*|exceptions?|hospital|suspense)[-_ ](?:queue|topic|table|bucket|folder|store|stream|spool|tray|"
                  r"work-?list|work\s+queue)",
                  re.I)
_A_LOG = lazy(r"\blog(?:s|ged)?\b|\blog\s+line|\bapplication\s+log", re.I)  # "writes a `WARN` line to its log": no place
# a message given up on: its attempts spent, or its failure permanent
_GIVEN_UP = lazy(_AFTER_RETRIES.pattern + r"|\b(?:permanent\w*|non-?retr(?:y|i)able|not\s+retried|never\s+retried|no\s+retr(?:y|ies)|"
                 r"fail(?:s|ed|ing)?\s+(?:permanently|definitively|for\s+good)|(?:each|every|a)\s+rejection|stops?\s+(?:\w+\s+){0,2}?trying)\b", re.I)
# ... kept somewhere it can be found again: moved to a named place or a list, a row written, never deleted
_KEPT_AFTER = lazy(rf"\b(?:{_MOVE}|held|pass(?:es|ed))\b"
                   r"[^.;|]{0,50}?(?:`[^`]+`|(?:\*\*[^*]+\*\*|(?-i:[A-Z][\w-]*)(?:\s+[\w-]+){0,2})\s+page\b|\b(?:list|row|record|status|table|queue|console|monitor|inbox|outbox|tray|spool|store|folder|mailbox|"
                   r"register|log\s+of\s+exceptions)\b)"
                   rf"|{_TO_STATE}"  # "the bales go to Held": a state named as a place
                   r"|\bnever\s+(?:deleted|dropped|lost|discarded)\b|\b(?:not|never)\s+(?:delete|drop|discard)s?\s+(?:it|them)\b|"
                   r"\bnothing\s+is\s+(?:deleted|dropped|lost|discarded|thrown\s+away)\b|"
                   # "after 5 attempts, event is marked failed": kept in a failed state someone can find
                   r"\bmark(?:s|ed)?\s+(?:it\s+|them\s+)?(?:as\s+)?[`\x22']?(?:failed|dead|undeliverable|errored)\b"
                   r"(?![^.;]{0,40}\b(?:deleted|dropped|removed|discarded|purged)\b)", re.I)  # (not "... and deleted")
# failed messages kept where someone can see them: "any failed webhooks can be inspected", "list failed messages"
_FAILED_KEPT = lazy(r"\b(?:failed|undelivered|undeliverable|rejected)\s+(?:webhooks?|messages?|requests?|deliveries|"
                    r"events?|jobs?|records?|items?|notifications?|documents?|files?)\b", re.I)
_NO_ALERT = lazy(r"\b(?:no|without|never|nobody|not)\b[^.;]{0,20}\b(?:alert|alarm|page|notif)", re.I)


def _stated_anywhere(r: Reading) -> None:
    """The dead-letter place's destination or alert stated outside the statements about it, in a shape
    the reader does not take (a config line `deadLetterTargetArn: ...`, an alarm's comment, "the DLQ pages
    on-call" in the monitoring section): loose evidence, so the handling is not called incomplete for it."""
    dead, testimony = r.spec.dead_letter, r.spec.testimony
    if testimony is None:
        return
    if dead is None:
        place = testimony.states(_DEAD_PART.search, lambda text: destination(text) is not None) or \
            testimony.states(_FAILED_KEPT.search, _REPLAY.search, headed=False) or \
            testimony.states(_GIVEN_UP.search, _KEPT_AFTER.search, lambda text: bool(drops_messages(text) or _A_LOG.search(text)))
        # "failed webhooks ... may be requeued manually"; "after the sixth failed attempt the webhook moves to the
        # Undelivered list"; "Permanent: no retry; moved to `CAD.IRS.HOLD`"
        if place is None:
            return
        dead = r.spec.dead_letter = DeadLetter(place[1])
        dead.destination = evidence(*place)
    if dead.destination is None:
        place = testimony.states(_DEAD_PART.search, lambda text: destination(text) is not None or
                                 bool(_PLACE_NOUN.search(text))) or \
            testimony.states(_FAILED_KEPT.search, _REPLAY.search, headed=False) or \
            testimony.states(_GIVEN_UP.search, _KEPT_AFTER.search, lambda text: bool(drops_messages(text) or _A_LOG.search(text)))
        # (not under "Failed messages" alone); "a declaration that exhausts its attempts is stored in `declarations_held`"
        if place:
            dead.destination = evidence(*place)
    place = dead.destination.text if dead.destination is not None and not dead.destination.loose else ""
    names = [place.strip("`\"' ")]
    tail = names[0].rsplit(".", 1)[-1]
    if tail != names[0] and tail.isupper() and len(tail) >= 4:
        names.append(tail)  # `BFP.POUR.REJECT`, later "the REJECT contents are e-mailed": the dataset by its last name
    if dead.alert is None and (_DEST_WORDS.search(place) or re.search(_FAILED_NAME_WORDS, place, re.I)) and \
            testimony.speaks_of("alert", names, dead.destination.span, elsewhere=True):
        dead.alert = evidence(dead.destination.text, dead.destination.span)  # "... goes to X. ... gets an email per event"
    named = _MOVED_TO_NAME.search(dead.destination.text) if dead.destination is not None and dead.destination.loose \
        else None  # "the bales go to Held", and later "Held bales ... emails the field office": its alert by its name
    if dead.alert is None and named and testimony.speaks_of("alert", [named.group(1)], dead.destination.span,
                                                            elsewhere=True):
        dead.alert = evidence(named.group(1), dead.destination.span)
    phrase = _PLACE_PHRASE.search(dead.destination.text) if dead.destination is not None and dead.destination.loose \
        else None  # "the booking goes to our stuck-jobs table", later "for our stuck-jobs table: ... Alert in #ops"
    if dead.alert is None and phrase and testimony.speaks_of("alert", [phrase.group(1)], dead.destination.span,
                                                             elsewhere=True):
        dead.alert = evidence(phrase.group(1), dead.destination.span)
    if dead.alert is None:
        alert = testimony.states(_DEAD_PART.search, _ALERT.search, _NO_ALERT.search) or (
            testimony.states(_GIVEN_UP.search, _ALERT.search, _NO_ALERT.search) if dead.destination is not None
            and dead.destination.loose else None)  # the handling told in other words: its alert in the same words
        if alert:
            dead.alert = evidence(*alert)


_MOVED_TO_NAME = lazy(_TO_STATE, re.I)
# a place named in words, its name captured: "goes to our stuck-jobs table", "moved to the exceptions list"
_PLACE_PHRASE = lazy(rf"\b{_MOVE}\s+(?:in)?to\s+(?:the\s+|our\s+|their\s+|its\s+|a\s+|an\s+)?"
                     r"((?:[\w-]+\s+){1,2}?(?:table|queue|topic|list|folder|bucket|store|inbox|tray|spool))\b", re.I)
_PLACE_NAME = lazy(r"`([\w$.:/-]*[\w$][._/:-][\w$.:/-]*)`")  # `STG.AIR_READING_REJECT`, `orders-dlq`, `/inbound/failed/`
_FAILED_NAME = lazy(_FAILED_NAME_WORDS, re.I)
_HELD_NAME = lazy(r"(?:^|[._/-])(?:held|hold|undelivered|undeliverable)(?:[._/-]|$)", re.I)


def _alert_where_named(r: Reading, dead: DeadLetter) -> None:
    """The alert of a failure's place said elsewhere by its name ("rejected rows go to `STG.REJECT` (section 8)", and
    in section 8 "`STG.REJECT` ... Opsgenie alert to the on-call when a run inserts a row")."""
    names = {m.group(1) for m in _PLACE_NAME.finditer(dead.text)
             if _FAILED_NAME.search(m.group(1)) or _HELD_NAME.search(m.group(1))}  # `held_messages` too
    if not names:
        return
    for statement in r.statements:
        if statement.shape in ("code", "code-key", "code-comment", "heading"):
            continue
        if any(f"`{name}`" in statement.text for name in names):
            alert = _ALERT.search(statement.text)
            if alert:
                dead.alert = value(alert.group(0), statement.span)
                return


def cue(text: str) -> bool:
    """What becomes of a message once its retries are spent, with a place: dead-letter handling by
    another name."""
    place = destination(text)
    if place is None:
        return False
    return bool(after_retries(text) or _FAILED_GO.search(text) or _TO_FAILED_PLACE.search(text) or (
        _GIVEN_UP.search(text) and re.search(_FAILED_NAME_WORDS, place, re.I) and re.search(r"\w[._/:-]\w", place)))
    # "Permanent | ... | to BFP.POUR.REJECT": a store named for what failed; not a status (per-record `rejected`)


def _dead(r: Reading, span) -> DeadLetter:
    if r.spec.dead_letter is None:
        r.spec.dead_letter = DeadLetter(r.spec.sections.get("dead_letter", span))
    return r.spec.dead_letter


def _key_fact(r: Reading, statement) -> bool:
    """ "Dead-letter queue: `orders-dlq`", "Alert: #payments-oncall" in a dead-letter section."""
    key = statement.key
    named = r.vocab.section_parts(key)
    if "dead_letter" not in statement.placed and "dead_letter" not in named:
        return False
    name = r.vocab.field("dead_letter", key)
    if name is None and "dead_letter" in named:
        name = "destination"
    if name is None:
        return False
    rest = statement.value
    if name == "destination":
        _text(r, rest, statement.span)
        dead = _dead(r, statement.span)
        if dead.destination is None and rest.strip():
            dead.destination = value(rest, statement.span) if is_placeholder(rest) else evidence(rest, statement.span)
        return True
    dead = _dead(r, statement.span)
    if rest.strip():
        setattr(dead, name, value(rest, statement.span))
        _text(r, rest, statement.span)  # "Owner: TR⏎Task note: failed calls go to table `x`": the place it names too
    return True


def _text(r: Reading, text: str, span) -> None:
    dead = _dead(r, span)
    dead.text += f"\n{text}"
    if dead.destination is None or dead.destination.loose:
        found = destination(text)
        if found:
            dead.destination = value(found, span)
            if "dead_letter" not in r.spec.sections:
                dead.span = span  # no section of its own: the handling is where its destination is named
        elif is_placeholder(text) and (len(text) < 80 or _PLACE_NOUN.search(text) or _PLACE.search(text)):
            dead.destination = value(text, span)  # not a breaker's "open duration TBD" in a long note of the retry
        elif dead.destination is None and (_PLACE_NOUN.search(text) or _PLACE.search(text)):
            dead.destination = evidence(text, span)  # "the dead-letter queue", "moved to the error store": somewhere
    if dead.alert is None:
        alert = _ALERT.search(text)
        if alert and not _NO_ALERT.search(text):  # "the DLQ raises no alert": said, and absent
            dead.alert = value(alert.group(0), span)
    if dead.replay is None:
        replay = _REPLAY.search(text)
        if replay:
            dead.replay = value(replay.group(0), span)


_NAMED_PLACE = lazy(r"\b(?:table|queue|topic|bucket|folder|store|exchange|collection)\s+`|`\s+(?:table|queue|topic|bucket|"
                    r"folder|store|exchange|collection)\b", re.I)
_NOT_A_PLACE = lazy(r"^\s*(?:[1-5](?:\d\d|xx|XX)\b|[A-Z][A-Z_]+$)")  # `400 FORMAT_ERROR`, `5xx`, `NEEDS_RECONNECT`: codes


_MOVED_TO_NAMED = lazy(rf"\b{_MOVE}\s+(?:(?:in)?to\s+)?"
                       r"(?:the\s+|a\s+|an\s+|its\s+)?`([^`]{2,80})`", re.I)
# a snake-case name made for what failed: `staging.milkpay_rejects`, failed_submissions, BW_PARKED, or a dotted dataset's
_FAILED_ID = lazy(r"[a-z0-9]_(?:rejects|rejected|failed|errors|dlq|parked)\b|\b(?:failed|rejected|parked)_[a-z0-9]"
                  r"|(?-i:[A-Z0-9]\.(?:REJECTS?|REJECTED|FAILED|ERRORS?|DLQ|PARKED)\b)", re.I)  # a dataset: `BFP.POUR.REJECT`
# where a message goes once its attempts are spent, by whatever name: "moved to the EDI-HOLD mailbox"
_SPENT_TO = lazy(rf"\b{_MOVE}\s+(?:in)?to\s+(?:the\s+|a\s+|its\s+)?"
                 r"([\w-]+\s+(?:queue|topic|table|bucket|folder|mailbox|directory|store|exchange|stream))\b", re.I)


def destination(text: str) -> str | None:
    """Where failed messages go: a named queue, topic, table or folder."""
    if not _DEST_WORDS.search(text) and "`" not in text and not _FAILED_ID.search(text):
        return None
    moved = _MOVED_TO_NAMED.search(text)  # the object of the move: "`on_failure` writes a `FailedSync(...)` row"
    if moved and (_DEAD_DEST.search(text) or after_retries(text)) and not _NOT_A_PLACE.match(moved.group(1)):
        return moved.group(1)
    for match in _DEAD_DEST.finditer(text):
        phrase = next(g for g in match.groups() if g)
        named_for_failure = re.search(_FAILED_NAME_WORDS, phrase, re.I)  # `sis-charges-dead`: a place by its name
        if match.group(1) and (not (_DEST_WORDS.search(text) or _FAILED_GO.search(text) or named_for_failure) or (
                _NOT_A_PLACE.match(phrase) and not _NAMED_PLACE.search(text[max(0, match.start() - 12):match.end() + 12]))):
            continue  # `NEEDS_RECONNECT` is a code, but "the `RADONREG_ERRORS` table" a place
        if re.fullmatch(r"(?:dead[-_ ]?letter|quarantin|fail|reject)(?:ed|ing|s)?\W*", phrase, re.I):
            continue  # "are dead-lettered", "failed", "the rejected rows": a verb or a word for the rows, not a place
        return phrase
    # "has used its six attempts, is moved to the EDI-HOLD mailbox", "the rejected rows go to the review queue"
    spent = (after_retries(text) or _FAILED.search(text)) and _SPENT_TO.search(text)
    return re.sub(r"\s+", " ", spent.group(1)) if spent else None  # "review\nqueue" wrapped over two lines


def kept_in(text: str) -> bool:
    """The failed items are written somewhere named for what failed ("skipped and written to
    `/outbound/rejects/eligibility_rejects.csv`", "each failed one gets a `FailedSync` row"): kept, not dropped."""
    if _ROW_KEPT.search(text):
        return True
    place = destination(text)
    return place is not None and bool(re.search(_FAILED_NAME_WORDS, place, re.I)) and bool(_TO_FAILED_PLACE.search(text))


_ROW_KEPT = lazy(r"\b(?:gets?|creates?|adds?|writes?|inserts?)\s+an?\s+`[^`]*" + _FAILED_NAME_WORDS + r"[^`]*`\s+"
                 r"(?:row|record|entry|item|document)\b", re.I)


def alert_phrase(text: str) -> str | None:
    match = _ALERT.search(text)
    return match.group(0) if match else None


def replay_phrase(text: str) -> str | None:
    match = _REPLAY.search(text)
    return match.group(0) if match else None


# the failed item kept in a named place before the message that carried it is removed
_KEPT_FIRST = lazy(r"\b(?:goes|go|moved?|sent|written|routed|parked|stored|kept|copied|put)\s+(?:in)?to\s+(?:the\s+|a\s+)?"
                   r"(?:[\w-]+\s+){0,2}?(?:`[^`]+`|(?:table|queue|topic|bucket|folder|store|collection)\s+`[^`]+`)"
                   r"[^.;]{0,80}\band\s+(?:then\s+)?(?:the\s+)?[\w-]*\s*$", re.I)
_ROUND_SKIPPED = lazy(r"(?:\b(?:polls?|polling\s+runs?|runs?|cycles?|ticks?|health\s*checks?|probes?|"
                      r"syncs?|sweeps?)"
                      # the steps built on a failed one: "models that depend on it are skipped", "downstream tasks"
                      r"|\b(?:models?|steps?|stages?|tasks?|jobs?)\s+(?:that|which)\s+depend\s+on\s+(?:it|them|the\s+[\w-]+))"
                      r"\s+(?:are|is|get|gets|were|was)?\s*(?:silently\s+)?$", re.I)
# what is dropped may be no message: a credential, a cache, a connection
_CREDENTIAL_NOUNS = r"(?:tokens?|credentials?|certificates?|certs?|keys?|secrets?|passwords?)"
_NOT_DATA_NOUNS = (rf"(?:{_CREDENTIAL_NOUNS}|cache[ds]?|connections?|sessions?|locks?|leases?|cookies?|"
                   r"laptops?|phones?|tablets?|devices?|badges?|"
                   r"fields?|propert(?:y|ies)|attributes?|columns?|elements?|"  # "additive fields are ignored": a message's part
                   r"retr(?:y|ies)|backoff|delays?|waits?)")  # "permanent failures skip the retries and go straight there"
# the subject of the drop word is no message: a relative clause's state ("a member who has been deleted") or a status
# code answered ("gets `404`, which is ignored")
_STATE_OF = lazy(r"\b(?:who|whom|which|that)\s+(?:has|have)\s+$"
                 # a header let pass: "`Retry-After` on `429` is ignored"
                 r"|`[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+`(?:\s+(?:on|in|from|of)\s+(?:an?\s+|the\s+)?`?[\w-]+`?)?\s+$"
                 r"|(?:\b[1-5]\d\d|\b[1-5]xx)`?\s*,?\s*which\s+$",
                 re.I)
_NOT_DATA_SUBJECT = lazy(rf"\b{_NOT_DATA_NOUNS}\s*$", re.I)  # "the cached token | is dropped"
_NOT_DATA = lazy(rf"\s*(?:[\w-]+\s+){{0,2}}?{_NOT_DATA_NOUNS}\b", re.I)  # "drop | the cached token"


def drops_messages(text: str) -> str | None:
    """ "failed messages are dropped", "log and continue"; not "never dropped"."""
    lowered = text.lower()
    if not any(word in lowered for word in _DROP_WORDS):
        return None  # the expression cannot match: skip it
    # a code span is one word: "logged in Ferment (event `kegtrail.scan.unknown_keg`) and dropped" is one clause
    original, text = text, re.sub(r"`[^`\n]*`", lambda m: "`" + "x" * (len(m.group(0)) - 2) + "`", text)
    match = said(_DROPPED, text)
    text = original  # the guards read the words as written (a `duplicate` status says what is skipped)
    if match and _DUPLICATE.search(text):
        return None  # "we drop the duplicated body and publish just the metadata": a second copy, nothing lost
    if match and _THE_REST.search(text[max(0, match.start() - 40):match.start()]):
        return None  # "only the failed messages come back; the rest are deleted": the successes
    if match and re.match(r"\s+(?:again|once\s+more)\b", text[match.end():], re.I):
        return None  # "failed entries of the delete call are deleted again": the deletion is retried
    if match and _PAST_ACT.match(text, match.end()) and match.group(0).lower().endswith(("ed", "ost")):
        return None  # "our adapter logged each rejection and dropped the message": what happened once, not the design
    if match and _SUPPOSED.search(text[max(0, match.start() - 20):match.start()]):
        return None  # "Do not reinstall the Hub; unsent stamps would be lost": what would happen, a warning, not the design
    if match and re.search(r"(?-i:(?:DELETE|PUT|POST)[a-z])", match.group(0)):
        return None  # "stale grants are DELETEd": a call sent, the method written as a verb, nothing failed is lost
    if match and _ASKED_HERE.match(text, match.end()) and _QUESTION_LEAD.match(_clause_before(text, match.start())):
        return None  # "And permanent failures, can we just log them?": asked, what the answer tells
    if match and _STATE_OF.search(text[max(0, match.start() - 40):match.start()]):
        return drops_messages(original[match.end():])  # "a member who has been deleted", "`404`, which is ignored":
        # what a thing is, or a status let pass; a drop said after it still counts

    if match and _NOT_DATA_SUBJECT.search(text[max(0, match.start() - 40):match.start()]):
        return None  # "the cached token is dropped and a new one requested": a credential, no message
    if match and _OLD_ONE.search(text[max(0, match.start() - 30):match.start()]) and \
            re.search(rf"\b{_CREDENTIAL_NOUNS}\b", text, re.I) and ROTATION.search(text) and \
            not _FAILED.search(_clause_before(text, match.start()) + text[max(0, match.start() - 120):match.start()]):
        return None  # "The client secret is valid for 180 days. ... then the old one is deleted": the credential
    if match and _CREDENTIAL_BEFORE.search(text[max(0, match.start() - 120):match.start()]):
        return None  # "signs with both secrets for 72 h, we accept either, then drop the old one": a credential
    if match and _NOT_DATA.match(text, match.end()):
        return None  # "drop the cached token, fetch a new one": a credential or a connection, no message
    if match and (_PAST.search(f"{text[max(0, match.start() - 12):match.start()]} {match.group(0)}")
                  or _PAST_SINK.search(text[max(0, match.start() - 50):match.start()])):
        return None  # "failed uploads were logged to the console and dropped": history told, not the design
    if match and _NONE_OF.search(text[max(0, match.start() - 40):match.start()]):
        return None  # "so none is lost", "nothing is dropped"
    if match and _SUPERSEDED.search(text[max(0, match.start() - 100):match.start()]):
        return None  # "the older update is discarded": superseded by a newer one, nothing failed is lost
    if match and _WHILE_OPEN.search(text[max(0, match.start() - 160):match.start()]):
        return None  # "while open, F2 pushes are skipped": the breaker holds calls back, nothing failed is dropped
    if match and _KEPT_FIRST.search(text[max(0, match.start() - 160):match.start()]):
        return None  # "each rejected record goes to the table `rejects` with the reason, and the message is deleted"
    if match and _ROUND_SKIPPED.search(text[max(0, match.start() - 40):match.start()]):
        return None  # "polls are skipped": a round of work not done, caught up by the next one; no message lost
    if match and _ALERT.search(text, match.end(), match.end() + 120):
        return None  # "data older than 30 days is lost at source; a P3 alert is raised": a loss told, not silent
    later = _NEXT_ROUND.search(text, match.end(), match.end() + 160) if match else None
    if later and not _NOT_AGAIN.search(text, max(match.end(), later.start() - 30), later.start() + len(later.group(0))):
        return None  # "stale ones are skipped for this cycle ...; the next poll fetches them again": caught up later
    if match and _HELD_BACK.search(text, match.end(), match.end() + 80):
        return None  # "runs before then skip the PUT, still build the payload and park it": held back, not lost
    if match and _ONLY_AFTER_SUCCESS.match(text, match.end()):
        return None  # "Message is deleted from `outbound` only after the `201`": taken off the queue once delivered
    if match and _TOLD_AFTER.match(text, match.end()):
        return None  # "bad rows are skipped, listed in `sync_report` and retried": told, not silent
    if match and (_NO_FAILURE.match(text, match.end()) or _NOT_A_FAILURE.search(text, match.end(), match.end() + 60)):
        return None  # "a visitor who gave none is skipped, not an error", "is dropped by design (it is not a
        # failure)": a rule of the business, nothing failed
    return original[match.start():match.end()] if match else None


_ARROW = lazy(r"→|->|<-|←|⇒|=>")
# the last thing named before a drop is a credential, no message came after it: what is dropped is the credential
_OLD_ONE = lazy(r"\b(?:old|older|previous|expired|superseded|former|retired)\s+(?:one|ones|version|pair)\s+(?:is|are|gets?|get)?\s*$",
                re.I)
_CREDENTIAL_BEFORE = lazy(rf"\b{_CREDENTIAL_NOUNS}\b"
                          r"(?![^.;]*\b(?:messages?|events?|records?|rows?|requests?|payloads?|webhooks?|files?|batch(?:es)?|"
                          r"orders?|items?|notifications?|deliveries)\b)[^.;]*$", re.I)
_ROUND = r"\b(?:next|later|following|subsequent)\s+(?:[\w-]+\s+){0,2}?(?:poll|run|cycle|sync|batch|pass|tick|sweep|schedule)s?\b"  # "the next 15-minute run"
_NEXT_ROUND = lazy(_ROUND + r"[^.;]{0,60}?\b(?:again|re-?fetch\w*|picks?\s+(?:it|them)\s+up|retries|re-?tries|re-?sends?)\b"
                   # "they are fetched again on the next run": the same told the other way round
                   r"|\b(?:(?:fetched|read|pulled|sent|tried|picked\s+up)\s+again|re-?fetched|retried|picked\s+up\s+by)\b[^.;]{0,40}?" + _ROUND,
                   re.I)
_SUPPOSED = lazy(r"\b(?:would|could|might)\s+(?:\w+\s+)?$", re.I)
_NOT_AGAIN = lazy(r"\b(?:never|not|no|nor|neither|don't|doesn't|won't)\b", re.I)  # "never picked up by later runs"
_TOLD_AFTER = lazy(r"[\s,]{0,3}(?:and\s+)?(?:(?:are|is|get|gets)\s+)?(?:listed|reported|returned\s+(?:to|in)|flagged|surfaced|"
                   r"counted\s+and\s+reported)\b"
                   # "skip the bad CSV row, write it to `ill_recon_rejects`", "is skipped and written to the error store":
                   # kept, in the same breath
                   r"|(?:(?:the\s+)?(?:[\w`'-]+\s+){0,3}?[\w`'-]+)?[\s,]{0,3}(?:and\s+|then\s+)?(?:(?:are|is|gets?)\s+)?(?:written|writes?|moved|moves?|copied|cop(?:y|ies)|"
                   r"stored|stores?|saved|saves?|parked|parks?|put|puts?|sent|sends?)\s+(?:it\s+|them\s+)?(?:in)?to\b", re.I)
_ONLY_AFTER_SUCCESS = lazy(r"\s+(?:from\s+[^.;]{1,60}?\s+)?(?:only\s+)?(?:after|once|when)\s+(?:the\s+|a\s+|it\s+(?:is\s+|was\s+)?)?"
                           r"(?:`?2\d\d\b|2xx\b|success\w*|succeed\w*|acknowledged|accepted|delivered|stored|processed)",
                           re.I)
_NO_FAILURE = lazy(r"[\s,;.]{0,3}(?:(?:which|this|that|it)\s+is\s+|and\s+(?:is\s+)?)?not\s+(?:an?\s+)?(?:error|failure)\b", re.I)
_NOT_A_FAILURE = lazy(r"\b(?:it|this|that)\s+is\s+not\s+(?:an?\s+)?(?:error|failure)\b", re.I)
_HELD_BACK = lazy(r"\b(?:park|hold|keep|queue|store|save|stash)s?\s+(?:it|them|the\s+\w+)\b", re.I)
_RISK_COLUMN = lazy(r"^\W*(?:risks?|threats?|hazards?|failure\s+modes?|what\s+could\s+go\s+wrong|concerns?)\W*$", re.I)
_ASKED = lazy(r"\?[\s*_]*(?:</\w+>)?\s*$")  # a question, even in a `<summary>`: what the answer below it tells
# a sentence that proposes rather than decides: "I'd just log failures and move on" (a comment the thread overrules)
_PROPOSED = lazy(r"^\W*(?:(?:but|so|and|honestly|personally),?\s+)?(?:I'd|I\s+would|we'd|we\s+could(?!\s+(?:not|only|never)\b|n't)|"
                 r"we\s+might|maybe\s+we|"
                 r"perhaps\s+we|why\s+not|how\s+about|what\s+if|I\s+(?:suggest|propose)|let's\s+consider)\b", re.I)
_ASKED_HERE = lazy(r"[^.!?\n]*\?")  # the sentence a drop word stands in ends with a question mark
# ... and the clause it stands in opens as a question does: "And permanent failures, can we just log them?" (not
# "failed messages are dropped - fine for now?", a design stated, then doubted)
_QUESTION_LEAD = lazy(r"^\W*(?:(?:and|but|so|then|or)\s+)?(?:can|could|should|shall|do|does|did|is|are|will|would|may|might|"
                      r"must|what|how|why|when|where|who|which)\b", re.I)


def _clause_before(text: str, at: int) -> str:
    """The clause `text` is in at `at`: from the last stop or comma before it."""
    start = max(text.rfind(mark, 0, at) for mark in ".,;:!?\n") + 1
    return text[start:at]  # a question, even in a `<summary>`: what the answer below it tells


def drops_failed(sentence: str) -> str | None:
    """A sentence that drops a message that failed (not a duplicate skipped on purpose, nor a question: "Do you
    just drop it?" asks what the answer below it tells)."""
    if _ASKED.search(sentence):
        return None
    # (or one the retries gave up on: "after the fifth retry the event is discarded")
    return drops_messages(sentence) if _FAILED.search(sentence) or _AFTER_RETRIES.search(sentence) else None


def has_text(dead: DeadLetter | None) -> Value | None:
    return Value(dead.text, dead.span) if dead is not None and dead.text.strip() else None

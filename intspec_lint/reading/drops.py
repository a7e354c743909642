"""What a statement says is lost: a failed message dropped, skipped, deleted, or logged and let go ("failed messages
are dropped", "log and continue"), told apart from what only looks like a loss (a duplicate skipped on purpose, an
older version a newer one replaced, a credential discarded, a round retried next time, a question, a proposal). The
dead-letter reader keeps each such sentence aside for the rule that forbids it; the words of an alert live here too,
since a drop that tells someone is judged with them."""

from __future__ import annotations

import re

from .auth_words import ROTATION
from .lazy_re import lazy
from .text import said


ALERT = lazy(
    r"\b(alert(?:s|ed|ing)?|(?:an?|critical|warning)\s+alarm\s+(?:is\s+)?raised|raises?\s+(?:an?\s+)?(?:\w+\s+)?alarm|"
    r"alarms?\s+(?:goes|go|fires?|are\s+sent|is\s+sent)|pag(?:ed|ing)|pages?\s+(?:the\s+|an?\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:on[- ]?call|engineer|team|owner|someone|"
    r"support|ops|sre|desk|duty)|notif(?:y|ies|ied|ication)|pagerduty|opsgenie|victorops|slack|teams channel|"
    r"e-?mail(?:ed|s)?\s+(?:to|the)\b|e-?mails?\s+(?:your|our|their|both|all|each)\s+(?:[\w-]+\s+)?(?:admins?|administrators?|team|on-?call|ops|"
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

FAILED = lazy(r"\b(?:fail\w*|errors?|cannot|can't|could\s+not|unable|rejected|invalid|undeliverable|poison|"
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
                  r"|\b(?:older|earlier|lower)\s+(?:`[^`]+`\s+|[\w-]+\s+)?than\b(?:`[^`\n]*`|[^.;`]){0,80}$"  # "an older `at`
                  # than", "older than `Pledge.LastEventAt`" (a dot inside a name ends no clause)
                  # "`409` ... means a newer state already exists; logged at INFO and acknowledged", "a newer revision is
                  # already there, so it is logged and dropped": a later one won
                  r"|\b(?:newer|later|more\s+recent)\s+(?:[\w-]+\s+){0,2}(?:already\s+)?(?:exists?|is\s+(?:already\s+)?"
                  r"(?:there|stored|in\s+place|applied))[^.]{0,30}$"
                  # "a verdict for a record that already has a later `decidedAt` is ignored": the one held is newer
                  r"|\balready\s+(?:has|have|holds?|carr(?:y|ies))\s+(?:a\s+|an\s+)?(?:later|newer|higher|more\s+recent)\b"
                  r"(?:`[^`\n]*`|[^.;`]){0,60}$", re.I)

_OR_INSTEAD = lazy(r"\b(?:re-?sends?|replays?|re-?submits?|fix(?:es)?)\s+or\s+$", re.I)
_WHILE_OPEN = lazy(r"\b(?:while|when)\s+(?:the\s+|it\s+)?(?:circuit\s+|breaker\s+)?(?:is\s+)?open\b"
                   # "15 consecutive failures set it open; callouts are skipped": the breaker's state just said
                   r"|\b(?:sets?|opens?|trips?|puts?)\s+(?:it|the\s+(?:circuit|breaker))\s+(?:to\s+)?open(?:s|ed)?\b[^.;:,]{0,12}[;:]\s*[^.;]*$",
                   re.I)

_PAST_ACT = lazy(r"\s+(?:the|a|an|it|them|each|every|those|this|that|its|their|all)\b", re.I)  # an object

_DROP_WORDS = ("drop", "discard", "ignor", "skip", "lost", "delet", "thrown", "log", "nothing", "complet", "insights", "splunk",
               "sentry", "kibana", "elasticsearch", "cloudwatch")

# "Failed rows move to `outbox_failed`": where failed messages go, by any name
_DUPLICATE = lazy(r"\b(?:duplicat\w*|already\s+(?:been\s+)?(?:successfully\s+)?(?:processed|seen|received|applied|claimed|"
                  r"taken|handled|picked\s+up)|"
                  r"(?:seen|processed|received|applied)\s+(?:once\s+)?before|previously\s+(?:processed|seen|received|applied)|"
                  r"(?:a|the)\s+repeat(?:ed)?\b(?!\s+(?:call|attempt|try|tries|failure))|already\s+exists?\b|(?:sent|delivered|received|submitted|"
                  r"posted|arriv\w+)\s+(?:again|twice|a\s+second\s+time)|(?<!never\s)(?<!not\s)(?:read|consumed|pulled)\s+"
                  r"(?:twice|a\s+second\s+time)|with\s+the\s+same\s+"
                  r"(?:checksum|hash|digest|key|id|identifier|event[_ ]id|message[_ ]id)"
                  # "`receipt_id` is unique; the second insert is skipped": a unique key turns the copy away
                  r"|\b(?:the|a)\s+second\s+(?:insert|write|copy)\s+(?:is|gets?)\s+(?:skipped|ignored|rejected|refused)\b"
                  # "rows are unique on (`entry_id`, `draw_date`), so a re-posted row is ignored"
                  r"|\bre-?(?:posted|sent|submitted|delivered|uploaded|played|imported)\s+(?:[\w-]+\s+)?(?:rows?|records?|"
                  r"items?|messages?|events?|entr(?:y|ies)|files?|chunks?|copies|lines?)\b)",
                  re.I)  # a copy of one done

# the failed item kept in a named place before the message that carried it is removed
_KEPT_FIRST = lazy(r"\b(?:goes|go|moved?|sent|written|routed|parked|stored|kept|copied|put)\s+(?:in)?to\s+(?:the\s+|a\s+)?"
                   r"(?:[\w-]+\s+){0,2}?(?:`[^`]+`|(?:table|queue|topic|bucket|folder|store|collection)\s+`[^`]+`)"
                   r"[^.;]{0,80}\band\s+(?:then\s+)?(?:the\s+)?[\w-]*\s*$", re.I)

_COPIED_BEFORE = lazy(r"\b(?:copied|saved|stored|written|kept|backed\s+up|archived)\s+(?:[\w-]+\s+){0,3}?before\s+"
                      r"(?:it|they|the\s+[\w-]+)\s+(?:is|are|gets?)\s+$", re.I)
_BARE_VERB = lazy(r"(?:drop|discard|ignore|skip)s?\b", re.I)
_DETERMINER = lazy(r"\b(?:every|each|a|an|the|one|any|this|that|no|all|per)\s+$", re.I)
# the place a skipped item goes: "skipped into LIDO-11's table", "discarded to the `rejects` folder"
_INTO_A_PLACE = lazy(r"(?:\s{1,4}from\s{1,4}(?:[\w'’-]+\s{1,4}){0,2}?[\w'’-]+)?"  # "dropped from Cloud Tasks into ..."
                     r"\s{1,4}(?:(?:in|on)to\s{1,4}(?:(?:the|a|an|its|their)\s{1,4})?|to\s{1,4}(?:the|a|an|its|their)\s{1,4})"
                     r"(?!logs?\b|next\b)(?:[\w'’-]+\s{1,4}){0,3}?(?:tables?|queues?|"
                     r"topics?|lists?|folders?|buckets?|stores?|collections?|outbox|sheets?|files?|`[^`]+`)", re.I)

# what an entry is taken off: a list, a plan or a schedule the business keeps, no queue of messages
_OFF_A_LIST = lazy(r"\s{1,4}from\s{1,4}(?:(?:the|its|their|our|next|tomorrow's|today's|this)\s{1,4}){0,2}"
                   # (not a list of messages: "the outbound list", "the sync plan", "the delivery schedule")
                   r"(?:(?!(?:outbound|outgoing|inbound|incoming|send|sending|sync|delivery|retry|push|message|event|webhook|"
                   r"dispatch|queue|outbox|upload|export|import)\b)[\w'-]+\s{1,4}){0,2}?"
                   r"(?:list|plan|schedule|rota|roster|timetable|manifest|agenda|line-?up|programme|program|run\s+sheet|"
                   r"board|display|menu|catalogue|catalog)s?\b", re.I)
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

# a field named in code as what is logged or dropped: "`batch_id` we only log", "`locker` is only logged"
_FIELD_SUBJECT = lazy(r"(?:^|[.;:]\s+)`[\w.\[\]-]+`\s+(?:we\s+|is\s+|are\s+|gets?\s+)?(?:just\s+|only\s+|simply\s+)?$", re.I)
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

    if match and _FIELD_SUBJECT.search(text[max(0, match.start() - 60):match.start()]):
        return drops_messages(original[match.end():])  # "`batch_id` we only log": a field of a message processed, not
        # a message lost
    if match and _NOT_DATA_SUBJECT.search(text[max(0, match.start() - 40):match.start()]):
        return None  # "the cached token is dropped and a new one requested": a credential, no message
    if match and _OLD_ONE.search(text[max(0, match.start() - 30):match.start()]) and \
            re.search(rf"\b{_CREDENTIAL_NOUNS}\b", text, re.I) and ROTATION.search(text) and \
            not FAILED.search(_clause_before(text, match.start()) + text[max(0, match.start() - 120):match.start()]):
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
    if match and _OR_INSTEAD.search(text[max(0, match.start() - 30):match.start()]):
        return None  # "until someone resends or discards it": a person's choice for an entry that is kept until then
    if match and _SUPERSEDED.search(text[max(0, match.start() - 100):match.start()]):
        return None  # "the older update is discarded": superseded by a newer one, nothing failed is lost
    if match and _WHILE_OPEN.search(text[max(0, match.start() - 160):match.start()]):
        return None  # "while open, F2 pushes are skipped": the breaker holds calls back, nothing failed is dropped
    if match and _COPIED_BEFORE.search(text[max(0, match.start() - 60):match.start()]):
        return None  # "is copied before it is dropped": kept first, then taken off the queue
    if match and _KEPT_FIRST.search(text[max(0, match.start() - 160):match.start()]):
        return None  # "each rejected record goes to the table `rejects` with the reason, and the message is deleted"
    if match and _BARE_VERB.match(match.group(0)) and _DETERMINER.search(text[max(0, match.start() - 12):match.start()]):
        return drops_messages(original[match.end():])  # "stores every drop it can match": a noun, a delivery's stop
    if match and _OFF_A_LIST.match(text, match.end()):
        return None  # "a booking rejected as cancelled is dropped from the plan", "dropped from the next list": an
        # entry taken off what the business shows or plans, not a message lost
    if match and _INTO_A_PLACE.match(text, match.end()):
        return None  # "rows that fail validation are skipped into LIDO-11's table": moved aside, kept, not dropped
    if match and _ROUND_SKIPPED.search(text[max(0, match.start() - 40):match.start()]):
        return None  # "polls are skipped": a round of work not done, caught up by the next one; no message lost
    if match and ALERT.search(text, match.end(), match.end() + 120):
        return None  # "data older than 30 days is lost at source; a P3 alert is raised": a loss told, not silent
    later = _NEXT_ROUND.search(text, match.end(), match.end() + 160) if match else None
    if later and not _NOT_AGAIN.search(text, max(match.end(), later.start() - 30), later.start() + len(later.group(0))):
        return None  # "stale ones are skipped for this cycle ...; the next poll fetches them again": caught up later
    if match and _HELD_BACK.search(text, match.end(), match.end() + 80):
        return None  # "runs before then skip the PUT, still build the payload and park it": held back, not lost
    if match and _SUCCESS_BEFORE.search(text[max(0, match.start() - 60):match.start()]):
        return None  # "a retried upload that did arrive gets a `200` and is dropped from the spool": delivered, then cleared
    if match and _ONLY_AFTER_SUCCESS.match(text, match.end()):
        return None  # "Message is deleted from `outbound` only after the `201`": taken off the queue once delivered
    if match and _TOLD_AFTER.match(text, match.end()):
        return None  # "bad rows are skipped, listed in `sync_report` and retried": told, not silent
    if match and (_NO_FAILURE.match(text, match.end()) or _NOT_A_FAILURE.search(text, match.end(), match.end() + 60)):
        return None  # "a visitor who gave none is skipped, not an error", "is dropped by design (it is not a
        # failure)": a rule of the business, nothing failed
    return original[match.start():match.end()] if match else None

# the last thing named before a drop is a credential, no message came after it: what is dropped is the credential
_OLD_ONE = lazy(r"\b(?:old|older|previous|expired|superseded|former|retired)\s+(?:one|ones|version|pair)\s+(?:is|are|gets?|get)?\s*$",
                re.I)

_CREDENTIAL_BEFORE = lazy(rf"\b{_CREDENTIAL_NOUNS}\b"
                          r"(?![^.;]*\b(?:messages?|events?|records?|rows?|requests?|payloads?|webhooks?|files?|batch(?:es)?|"
                          r"orders?|items?|notifications?|deliveries)\b)[^.;]*$", re.I)

_ROUND = r"\b(?:next|later|following|subsequent)\s+(?:[\w-]+\s+){0,2}?(?:poll|run|cycle|sync|batch|pass|tick|sweep|schedule|pull|fetch|import|load)(?:e?s)?\b"  # "the next 15-minute run"

_NEXT_ROUND = lazy(_ROUND + r"[^.;]{0,60}?\b(?:again|re-?fetch\w*|picks?\s+(?:it|them)\s+up|retries|re-?tries|re-?sends?)\b"
                   # "they are fetched again on the next run": the same told the other way round
                   r"|\b(?:(?:fetched|read|pulled|sent|tried|picked\s+up)\s+again|re-?fetched|retried|picked\s+up\s+by)\b[^.;]{0,40}?" + _ROUND,
                   re.I)

_SUPPOSED = lazy(r"\b(?:would|could|might)\s+(?:\w+\s+)?$", re.I)

_NOT_AGAIN = lazy(r"\b(?:never|not|no|nor|neither|don't|doesn't|won't)\b", re.I)  # "never picked up by later runs"

_TOLD_AFTER = lazy(r"[\s,]{0,3}(?:and\s+)?(?:(?:are|is|get|gets)\s+)?(?:listed|reported|returned\s+(?:to|in)|flagged|surfaced|"
                   r"counted\s+and\s+reported)\b"
                   # "skip the rest, and list them in the job report": what is skipped, then told
                   r"|(?:[\w`'-]+\s*){0,2}[\s,]{0,3}(?:and\s+|then\s+)(?:lists?|reports?|flags?)\s+(?:it|them|each)\b"
                   # "skip the bad CSV row, write it to `ill_recon_rejects`", "is skipped and written to the error store":
                   # kept, in the same breath
                   r"|(?:(?:the\s+)?(?:[\w`'-]+\s+){0,3}?[\w`'-]+)?[\s,]{0,3}(?:and\s+|then\s+)?(?:(?:are|is|gets?)\s+)?(?:written|writes?|moved|moves?|copied|cop(?:y|ies)|"
                   r"stored|stores?|saved|saves?|parked|parks?|put|puts?|sent|sends?)\s+(?:it\s+|them\s+)?"
                   r"(?:with\s+(?:the\s+|its\s+|their\s+|a\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?(?:in)?to\b", re.I)  # ("written with the reason to")

_ONLY_AFTER_SUCCESS = lazy(r"\s+(?:from\s+[^.;]{1,60}?\s+)?(?:only\s+)?(?:after|once|when)\s+(?:the\s+|a\s+|it\s+(?:is\s+|was\s+)?)?"
                           r"(?:`?2\d\d\b|2xx\b|success\w*|succeed\w*|acknowledged|accepted|delivered|stored|processed)",
                           re.I)

# ... or said first, in the same clause: "gets a `200` and is", "on a 2xx the row is", "once acknowledged, it is"
_SUCCESS_BEFORE = lazy(r"(?:\b(?:gets?|got|receives?|received|answered\s+with|returns?)\s+(?:a\s+|an\s+|the\s+)?`?(?:2\d\d|2xx)\b`?"
                       r"|\b(?:on|after|once)\s+(?:a\s+|the\s+)?`?(?:2\d\d|2xx|success|acknowledg\w*|delivery)\b`?)[^.;]{0,30}$", re.I)
_NO_FAILURE = lazy(r"[\s,;.]{0,3}(?:(?:which|this|that|it)\s+is\s+|and\s+(?:is\s+)?)?not\s+(?:an?\s+)?(?:error|failure)\b", re.I)

_NOT_A_FAILURE = lazy(r"\b(?:it|this|that)\s+is\s+not\s+(?:an?\s+)?(?:error|failure)\b", re.I)

_HELD_BACK = lazy(r"\b(?:park|hold|keep|queue|store|save|stash)s?\s+(?:it|them|the\s+\w+)\b", re.I)

_ASKED_HERE = lazy(r"[^.!?\n]*\?")  # the sentence a drop word stands in ends with a question mark

# ... and the clause it stands in opens as a question does: "And permanent failures, can we just log them?" (not
# "failed messages are dropped - fine for now?", a design stated, then doubted)
_QUESTION_LEAD = lazy(r"^\W*(?:(?:and|but|so|then|or)\s+)?(?:can|could|should|shall|do|does|did|is|are|will|would|may|might|"
                      r"must|what|how|why|when|where|who|which)\b", re.I)

def _clause_before(text: str, at: int) -> str:
    """The clause `text` is in at `at`: from the last stop or comma before it."""
    start = max(text.rfind(mark, 0, at) for mark in ".,;:!?\n") + 1
    return text[start:at]  # a question, even in a `<summary>`: what the answer below it tells

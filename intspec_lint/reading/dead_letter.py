"""Dead-letter handling: where failed messages go, who is alerted, who owns them, how they are replayed.

Said in its own section, in a bullet of the retry policy, in a cell of the error table, or in any
sentence about what happens once retries are exhausted. Sentences that drop failed messages are
kept aside for the rule that forbids it (what counts as a drop is `drops.py`'s).
"""

from __future__ import annotations

import re

from ..model import DeadLetter, Value, evidence
from ..span import Span
from .absence import GONE, leading_id
from .context import Reading
from .drops import ALERT, FAILED, drops_messages
from .lazy_re import lazy
from .status_codes import STATUS_ANY
from .text import BRACKET_POINTER, finds, sentences
from .values import is_placeholder, value
from .vocabulary import strip_numbering

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
_REPLAY = lazy(r"\b(replay(?:ed|s|ing)?|re-?process(?:ed|es|ing)?|re-?drive[sn]?|re-?queu(?:e|es|ed|ing)|resubmit(?:s|ted)?|"
               r"re-?publish(?:es|ed)?|re-?send(?:s)?|re-?sent|re-?appl(?:y|ies|ied)|re-?post(?:s|ed)?)\b", re.I)
_OWNER = lazy(r"\b(?:team|on-?call|owner|owned\s+by|ops|operations|support|engineer(?:s|ing)?|sre|analysts?|"
              r"desk|squad|stewards?|admins?|administrators?|integration\s+lead)\b", re.I)
_AFTER_RETRIES = lazy(r"\bafter\s+(?:the\s+|its\s+|their\s+)?(?:last|final|\d+(?:st|nd|rd|th)|\w+th)\s+(?:failed\s+)?"
                      r"(?:retry|attempt|try)|\bretries\s+(?:are\s+)?exhausted|"
                      # "6 tries used up", "no more tries", "its attempts spent": the tries spent, in any words
                      r"\b(?:tries|attempts|retries)\s+(?:are\s+|were\s+)?(?:used\s+up|spent|all\s+gone)|"
                      r"\bno\s+more\s+(?:tries|attempts|retries)\b|"
                      r"\b(?:when|once|if)\s+the\s+(?:last|final|\w+th|\d+(?:st|nd|rd|th))\s+(?:retry|attempt|try)\s+"
                      r"(?:also\s+)?(?:has\s+)?fail(?:s|ed)\b|"  # "When the last attempt has failed ..."
                      r"\b(?:runs?|ran|running)\s+out\s+of\s+(?:attempts|retries|tries)|\bfails?\s+permanently|"
                      # "a batch that fails its 10th attempt", "if all attempts fail"
                      r"\bfail(?:s|ed)?\s+(?:its|their|the)\s+(?:last|final|\d+(?:st|nd|rd|th)|\w+th)\s+(?:attempt|retry|try)\b|"
                      r"\b(?:if|when|once)\s+all\s+(?:\w+\s+)?(?:attempts|retries|tries)\s+(?:have\s+)?fail(?:ed)?\b|"
                      r"\bafter\s+\d+\s+(?:receives|deliveries|attempts|tries|retries)\b|"
                      r"\bgives?\s+up\b|\bgave\s+up\b|"
                      # "when a job has finally failed": failed for the last time, its tries spent
                      r"\b(?:has\s+|have\s+)?(?:finally|ultimately|eventually|definitively)\s+failed\b|"
                      r"\bexhaust(?:s|ed|ing)?\s+(?:its\s+|their\s+|all\s+|the\s+)?(?:retries|attempts)|"
                      r"\bus(?:e|ed|es|ing)\s+(?:up\s+)?(?:its|their|all)\s+(?:\w+\s+)?(?:attempts|retries)|"
                      r"\bafter\s+(?:the\s+)?\w+\s+(?:failed\s+)?attempts?\b"
                      # a count of failures: "fails to process a stored alert 3 times"; not a breaker's "5 times in a row"
                      r"|\bfail(?:s|ed)?\b[^.;|]{0,60}?\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+times\b"
                      r"(?!\s+in\s+a\s+row)", re.I)
_PLACE = lazy(r"\b(?:goes|go|moved?|sent|written|routed|parked|stored|kept|land)\b[^.;]{0,40}\b(?:to|in|into|on)\b",
              re.I)

# a place, however unnamed ("the dead-letter queue", "a DLQ"); "are dead-lettered" alone names none
_PLACE_NOUN = lazy(r"\b(?:dead[- ]?letter|poison|parking[- ]lot|quarantine|error|failed|exceptions?|undelivered(?:\s+\w+)?|"
                   r"unprocessable|rejects?|rejected|suspense|hospital)\s+(?:queue|topic|table|bucket|folder|"
                   r"store|stream|exchange|sub-?queue|directory|collection)s?\b|\bdl[qc]s?\b", re.I)
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


# the place what is given up on goes, named as a place of the document's own: "7 attempts in all, then the sin bin", "no
# retry, straight to the sin bin"
_TO_NAMED_PLACE = lazy(r"\b(?:then|straight\s+(?:in)?to|directly\s+(?:in)?to|go(?:es)?\s+(?:in)?to|moved?\s+(?:in)?to|"
                       r"sent\s+to|lands?\s+in|ends?\s+up\s+in)\s+(?:the|our)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
                       r"\s*(?=[.;,)]|$)", re.I)
_SPENT = lazy(r"\b(?:attempts|tries|retries)\s+in\s+(?:all|total)\b", re.I)  # "7 attempts in all, then ...": the last


def _titled_by_use(r: Reading) -> None:
    """A section titled by the name the document gives the place it sends what it gives up on ("## 10. The sin bin"
    after "7 attempts in all, then the sin bin" and "no retry, straight to the sin bin"): the dead letters, in the
    team's own word, two uses at least."""
    used: dict[str, int] = {}
    for statement in r.statements:
        if statement.shape in ("heading", "code"):
            continue
        for match in _TO_NAMED_PLACE.finditer(statement.text):
            before = statement.text[max(0, match.start() - 120):match.start()]
            if _SPENT.search(before) or _GIVEN_UP.search(before):
                name = match.group(1).lower()
                used[name] = used.get(name, 0) + 1
    names = {name for name, count in used.items() if count >= 2}
    if not names:
        return
    titled = {id(section) for section in r.doc.root.walk() if section.level and
              re.sub(r"^the\s+", "", strip_numbering(section.title).strip(" .:*_").lower()) in names}
    for statement in r.statements:
        if id(statement.section) in titled:
            statement.topics.add("dead_letter")


def read(r: Reading) -> None:
    spec = r.spec
    _titled_by_use(r)
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
            failed = FAILED.search(text) or _AFTER_RETRIES.search(text)
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
    for told in (_alert_beside_it, _alert_where_it_points):  # said beside the place, then where its pointer leads
        if spec.dead_letter is not None and spec.dead_letter.alert is None:
            told(r, spec.dead_letter)


# the verbs that put a message somewhere: "moves to", "is written to", "lands in", "gets parked"
_MOVE = r"(?:mov(?:e|es|ed)|sent|written|writes?|routed|goes|go|land(?:s|ed)?|parked|placed|copied|put|stored|kept|keeps?|join(?:s|ed)?|" \
        r"listed)"  # "is listed on the **Unsynced entries** page" (not "stays at the head of its queue": it blocks it)
# moved to a state named as a place, its name captured: "the bales go to Held", "moves the claim to Held claims"
_TO_STATE = rf"\b(?:{_MOVE}|(?:mov(?:e|es|ed)|puts?)\s+(?:the|a|an|each|every|this|that|its)\s+[\w-]+)\s+(?:straight\s+|directly\s+|immediately\s+|at\s+once\s+)?(?:in)?to\s+((?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))*)\b"
# a statement about the place failed messages are kept: "DLQ", "dead-letter", `orders_dlq`, "parked", "error queue"
_DEAD_PART = lazy(r"dead[-_ ]?letter|dlq|\bdl[tc]\b|poison|undeliver(?:ed|able)|parking[-_ ]?lot|parked|quarantin|[a-z][:_.]dead\b|"
                  r"\bheld[-_ ](?:messages?|records?|items?|rows?|area|queue|table|list|jobs?|tasks?|entries|events?|calls?|requests?)\b|"
                  r"(?:errors?|failed|failures?|reject\w*|exceptions?|hospital|suspense)[-_ ](?:[a-z]+[-_ ])?(?:queue|topic|table|bucket|folder|"
                  r"store|stream|spool|tray|work-?list|work\s+queue)|"
                  # a store named for what failed in it, rows put in it: "a row in `pod_push_failed`", "land in the
                  # Postgres table `outbox_failed`" (not a status or an event: "moves the order to `payment_failed`")
                  r"(?:\b(?:rows?|records?|entr(?:y|ies))\s+in|\b(?:lands?|landed|landing|written|writes?|inserted|inserts?|stored|"
                  r"kept|copied|put)\s+(?:in|into|to))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                  r"`(?-i:[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:failed|failures|dead))`",
                  re.I)
_A_LOG = lazy(r"\blog(?:s|ged)?\b|\blog\s+line|\bapplication\s+log", re.I)  # "writes a `WARN` line to its log": no place


def _lost_or_only_logged(text: str) -> bool:
    """What is kept after the last retry is dropped, or only logged: a log line is no place, unless it is a log that
    what failed is replayed from ("... go to its Outbound failures log, replayable from the log"; not "it cannot be
    replayed from there")."""
    return bool(drops_messages(text) or _A_LOG.search(text) and not _REPLAYED_FROM_LOG.search(text))


_REPLAYED_FROM_LOG = lazy(r"(?<!not\s)(?<!never\s)(?<!cannot\s)(?<!can't\s)\b(?:replay\w*|re-?sen[dt]\w*|re-?process\w*)\s+from\s+"
                          r"(?:the|its|that|this)\s+(?:[\w-]+\s+){0,3}?log\b"
                          r"|\blog\b[^.;]{0,40}?(?<!not\s)(?<!never\s)\b(?:replayable|can\s+be\s+(?:replayed|resent))\b", re.I)


# "Up to 8 tries, then review bin": the place the spent message goes next, named alone; a place ends its clause, so
# not "then clear the outbox", "then email the store manager", "then the list is emptied"
_THEN_PLACE = lazy(r"\bthen\s+(?:(?:in)?to\s+)?(?:the\s+|a\s+|its\s+|our\s+)?((?:(?!(?:clear|empty|purge|delete|e-?mail|page|call|"
                   r"notify|tell|drop|discard|remove|wipe|flush)\b)[\w-]+\s+){0,2}?(?:list|table|queue|tray|folder|inbox|outbox|bin|"
                   r"store|spool))\b(?=\s*(?:$|[.;,)]|(?:for|with|where|until|and)\b))", re.I)
# a message given up on: its attempts spent, or its failure permanent
_GIVEN_UP = lazy(_AFTER_RETRIES.pattern + r"|\b(?:permanent\w*|non-?retr(?:y|i)able|not\s+retried|never\s+retried|no\s+retr(?:y|ies)|"
                 r"fail(?:s|ed|ing)?\s+(?:permanently|definitively|for\s+good)|(?:each|every|a)\s+rejection|stops?\s+(?:\w+\s+){0,2}?trying|"
                 r"up\s+to\s+\d+\s+(?:tries|attempts|retries)\W{0,3}then)\b", re.I)
# ... kept somewhere it can be found again: moved to a named place or a list, a row written, never deleted
_KEPT_AFTER = lazy(rf"\b(?:{_MOVE}|held|pass(?:es|ed))\b"
                   r"[^.;|]{0,50}?(?:`[^`]+`|(?:\*\*[^*]+\*\*|(?-i:[A-Z][\w-]*)(?:\s+[\w-]+){0,2})\s+page\b|\b(?:list|row|record|status|table|queue|console|monitor|inbox|outbox|tray|spool|store|folder|mailbox|"
                   r"register|log\s+of\s+exceptions|bin)\b)"
                   r"|" + _THEN_PLACE.pattern +
                   rf"|{_TO_STATE}"  # "the bales go to Held": a state named as a place
                   r"|\bnever\s+(?:deleted|dropped|lost|discarded)\b|\b(?:not|never)\s+(?:delete|drop|discard)s?\s+(?:it|them)\b|"
                   r"\bnothing\s+is\s+(?:deleted|dropped|lost|discarded|thrown\s+away)\b|"
                   # "after 5 attempts, event is marked failed": kept in a failed state someone can find
                   # ... or in a state of the team's naming: "the row is marked `needs_attention`", "flagged as `stuck`"
                   r"\b(?:mark|flag)(?:s|ed)?\s+(?:it\s+|them\s+)?(?:as\s+)?(?:`(?!(?:ignored|skipped|discarded|dropped|done|"
                   r"closed|archived|deleted|removed|purged)`)[a-z][\w -]{1,30}`|[`\x22']?(?:failed|dead|undeliverable|errored)\b)"
                   r"(?![^.;]{0,40}\bnobody\b)"
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
            testimony.states(_GIVEN_UP.search, _KEPT_AFTER.search, _lost_or_only_logged) or _named_place(r)
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
            testimony.states(_GIVEN_UP.search, _KEPT_AFTER.search, _lost_or_only_logged)
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
    phrase = (_PLACE_PHRASE.search(dead.destination.text) or _THEN_PLACE.search(dead.destination.text)) \
        if dead.destination is not None and dead.destination.loose else None  # "the booking goes to our stuck-jobs
    # table", later "for our stuck-jobs table: ... Alert in #ops"; "8 tries, then review bin", later "(see Review bin)"
    if dead.alert is None and phrase and testimony.speaks_of("alert", [phrase.group(1)], dead.destination.span,
                                                             elsewhere=True):
        dead.alert = evidence(phrase.group(1), dead.destination.span)
    if dead.alert is None:
        alert = testimony.states(_DEAD_PART.search, ALERT.search, _NO_ALERT.search) or (
            testimony.states(_GIVEN_UP.search, ALERT.search, _NO_ALERT.search) if dead.destination is not None
            and dead.destination.loose else None)  # the handling told in other words: its alert in the same words
        if alert:
            dead.alert = evidence(*alert)


# a place the team names and then defines: "The lay-by is the Storage queue `attendance-layby`", "the bench is the table
# `held_rows`"
_DEFINED_PLACE = lazy(r"\b(?:the|our)\s+((?:[\w'’-]+\s+)?[\w'’-]+)\s+is\s+(?:the|an?|our)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:queue|table|topic|bucket|folder|store|list|stream|collection)\s+`[^`]{2,80}`", re.I)


def _named_place(r: Reading) -> tuple[str, Span] | None:
    """A place of the team's own naming that failures given up on are sent to: defined in one statement ("The lay-by
    is the Storage queue `attendance-layby` ... The first entry of the day emails ..."), and named as where they go in
    another, of failures ("`400`, `404` and mapping failures: these go straight to the lay-by"). The definition is the
    dead-letter handling's evidence; not a retry queue ("sent to the retry line and tried again"), an archive every
    file goes to, nor a bin emptied every night."""
    defined: dict[str, object] = {}
    for statement in r.statements:
        found = _DEFINED_PLACE.search(statement.text) if statement.shape != "code" else None
        if found and found.group(1).lower() not in _NOT_A_NAME and not _EMPTIED.search(statement.text):
            defined.setdefault(found.group(1).lower(), statement)
    if not defined:
        return None
    for other in r.statements:
        for sent in _SENT_TO_NAMED.finditer(other.text):
            first = sent.group(1).lower()
            statement = defined.get(f"{first} {sent.group(2).lower()}") if sent.group(2) else None
            statement = statement or defined.get(first)
            if statement is not None and other is not statement and (_GIVEN_UP.search(other.text) or
                                                                      FAILED.search(other.text)) and \
                    not _AGAIN.search(other.text) and not _EVERY_ONE.search(other.text) and \
                    not _EMPTIED.search(other.text):
                return statement.text, statement.span
    return None


# where a thing is sent, by a name: "go straight to the lay-by", "sent to our bench"
_SENT_TO_NAMED = lazy(rf"\b(?:{_MOVE}|straight|sent|moved?)\s+(?:straight\s+|directly\s+)?(?:in)?to\s+(?:the|our)\s+"
                      r"([\w'’-]+)(?:\s+([\w'’-]+))?", re.I)
_EMPTIED = lazy(r"\b(?:deleted|emptied|purged|cleared|wiped|discarded)\b", re.I)
_EVERY_ONE = lazy(r"\bevery\s+(?:file|message|record|row|item|event)\b|\bor\s+not\b", re.I)
_AGAIN = lazy(r"\b(?:tried|sent|retried)\s+again\b|\bretr(?:y|ied)\s+(?:in|after)\b", re.I)


_NOT_A_NAME = {"dead-letter", "dead letter", "error", "main", "source", "target", "same", "only", "first", "last"}
_MOVED_TO_NAME = lazy(_TO_STATE, re.I)
# a place named in words, its name captured (of text without markup): "goes to our stuck-jobs table", "moved to the
# exceptions list", "goes straight to the Couldn't schedule tray"
_PLACE_PHRASE = lazy(rf"\b{_MOVE}\s+(?:straight\s+|directly\s+|immediately\s+)?(?:in)?to\s+(?:the\s+|our\s+|their\s+|its\s+|"
                     r"a\s+|an\s+)?((?:[\w'’-]+\s+){1,3}?(?:table|queue|topic|list|folder|bucket|store|inbox|tray|spool|page|"
                     r"screen|bin|pen))\b", re.I)
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
        if any(re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", statement.text) for name in names):
            # (by its name anywhere in the statement, a command's argument too: "`replay --queue x-held`")
            alert = ALERT.search(statement.text)
            if alert:
                dead.alert = value(alert.group(0), statement.span)
                return


def _alert_beside_it(r: Reading, dead: DeadLetter) -> None:
    """The alert told where the place is: in the statement that names it ("are listed in the portal under Webhook
    failures, emailed to systems@, and resent from there"), or, for a place named in words, in the paragraph that names
    it: a row sends what never works "to the *Couldn't schedule* tray", and a paragraph opening "**The *Couldn't
    schedule* tray.**" says "You will get an email ... for each item"."""
    if dead.destination is not None:
        alert = ALERT.search(dead.destination.text)
        if alert and not _NO_ALERT.search(dead.destination.text):
            dead.alert = evidence(alert.group(0), dead.destination.span)
            return
    unmarked = [re.sub(r"[*_`]+", "", text) for text in (dead.text, dead.destination.text if dead.destination else "")]
    found = next((m for m in map(_PLACE_PHRASE.search, unmarked) if m), None)
    if not found:
        return
    name = _plain(found.group(1))
    for statement in r.statements:
        if statement.shape in ("sentence", "line", "item") and name in _plain(statement.text):
            said = r.paragraph(statement)
            alert = ALERT.search(said)
            if alert and not _NO_ALERT.search(said):
                dead.alert = evidence(alert.group(0), statement.span)
                return


def _plain(text: str) -> str:
    """Words as said, whatever joins them: "sin bin", `roundabout_sin_bin`, "failed-sends" and `failed_sends` alike."""
    return " ".join(re.sub(r"[_`*-]+", " ", text.lower()).split())


def _alert_where_it_points(r: Reading, dead: DeadLetter) -> None:
    """The place named with a pointer to the section that tells it ("goes to the exceptions list (3.6)", "goes to the
    failed-sends store (section 6)"): the alert said in that section is the dead letters'."""
    said = " ".join(v.text for v in (dead.destination,) if v is not None) + " " + dead.text
    place = dead.destination.text if dead.destination is not None and len(dead.destination.text) < 60 else ""
    numbers = set(BRACKET_POINTER.findall(said))
    if not numbers:
        return
    for section in r.doc.root.walk():
        number = leading_id(section.title).rstrip(".") or (_ONE_NUMBER.match(section.title) or [None, ""])[1]
        if section.level and number in numbers:  # "### 3.6 Exceptions", "## 7. Alerts"
            for statement in r.within(section):  # (an alert of the place: said with a dead-letter word, a new
                # item of it, or the place's own words; not the latency's page or the breaker's Slack message)
                alert = ALERT.search(statement.text) if statement.shape != "code" and (
                    _DEAD_PART.search(statement.text) or _NEW_ENTRY.search(statement.text) or
                    _plain(place) and _plain(place) in _plain(statement.text)) else None
                if alert and not _NO_ALERT.search(statement.text):
                    dead.alert = evidence(alert.group(0), statement.span)
                    return


_ONE_NUMBER = lazy(r"^\s*§?\s*(\d{1,2})[.)]?\s")
_NEW_ENTRY = lazy(r"\b(?:each|every|any|a)\s+new\s+(?:item|row|entry|message|record|document|one)\b|\bfirst\s+(?:exception|entry|"
                 r"item|failure)\b", re.I)


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
        alert = ALERT.search(text)
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
    spent = (after_retries(text) or FAILED.search(text)) and _SPENT_TO.search(text)
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
    match = ALERT.search(text)
    return match.group(0) if match else None


def replay_phrase(text: str) -> str | None:
    match = _REPLAY.search(text)
    return match.group(0) if match else None


_ARROW = lazy(r"→|->|<-|←|⇒|=>")
_RISK_COLUMN = lazy(r"^\W*(?:risks?|threats?|hazards?|failure\s+modes?|what\s+could\s+go\s+wrong|concerns?)\W*$", re.I)
_ASKED = lazy(r"\?[\s*_]*(?:</\w+>)?\s*$")  # a question, even in a `<summary>`: what the answer below it tells
# a sentence that proposes rather than decides: "I'd just log failures and move on" (a comment the thread overrules)
_PROPOSED = lazy(r"^\W*(?:(?:but|so|and|honestly|personally),?\s+)?(?:I'd|I\s+would|we'd|we\s+could(?!\s+(?:not|only|never)\b|n't)|"
                 r"we\s+might|maybe\s+we|"
                 r"perhaps\s+we|why\s+not|how\s+about|what\s+if|I\s+(?:suggest|propose)|let's\s+consider)\b", re.I)


def drops_failed(sentence: str) -> str | None:
    """A sentence that drops a message that failed (not a duplicate skipped on purpose, nor a question: "Do you
    just drop it?" asks what the answer below it tells)."""
    if _ASKED.search(sentence):
        return None
    # (or one the retries gave up on: "after the fifth retry the event is discarded")
    return drops_messages(sentence) if FAILED.search(sentence) or _AFTER_RETRIES.search(sentence) else None


def has_text(dead: DeadLetter | None) -> Value | None:
    return Value(dead.text, dead.span) if dead is not None and dead.text.strip() else None

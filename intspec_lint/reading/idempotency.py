"""Idempotency: what the spec says about receiving the same message twice, and each write's key.

Every statement about idempotency counts, wherever it stands: an Idempotency section, a table of
operations and their keys, a request header (`Idempotency-Key`), a status line ("200: also returned
for a repeated `event_id`"), a sentence in the retry policy. Which contract a statement answers for
is the scope step's business.
"""

from __future__ import annotations

import re

from ..model import Idempotency, IdempotencyKey
from .cues import ASKED_AGAIN, NO_DEDUP, NO_SECOND, REPEAT as _REPEAT, REPEAT_ANSWERED, SEEN_LATELY, STALE_GUARD
from .context import Reading
from .lazy_re import lazy
from .text import finds
from .statements import words_of_key
from .values import denies, says_nothing, value

_IDEMPOTENCY = lazy(
    r"\b(idempoten\w*|dedup\w*|de-?dup(?:e[sd]?|ing|licat\w*)?|exactly[- ]once|upsert\w*)\b"
    r"|\bduplicates?\s+(?:are|is|get|gets|will be|would be)\s+(?:\w+\s+)?(?:ignored|dropped|discarded|skipped|rejected|"
    r"detected|suppressed|collapsed|merged|no-?ops?|acknowledged|answered)"
    r"|\b(?:ignor|discard|dropp|skipp|reject|detect|suppress|collaps)\w*\s+(?:the\s+|any\s+)?(?:\w+\s+)?duplicates?\b"
    r"|\bsafe\s+(?:against|for|on|under)\s+(?:re-?deliver\w*|retries|duplicates?|replays?|repeats?)\b"
    r"|\b(?:repeated|re-?sent|retried|re-?delivered|replayed)\s+safely\b|\bsafe(?:ly)?\s+to\s+(?:repeat|retry|re-?send|replay)\b"
    r"|\bunique\s+(?:index|constraint|key)\b|\bprocessed[- ]\w+\s+(?:table|set|store)\b|\breplay(?:s|ed)?\s+(?:are|is)\s+safe"
    r"|\bnever\s+(?:creates?\s+|posts?\s+|books?\s+)?(?:a\s+)?duplicat\w*|\bconditional\s+(?:create|update|put)\b"
    # "will not create a second order with the same reference", "this is what makes a retried POST safe"
    r"|\b(?:will\s+not|won't|does\s+not|doesn't|never)\s+(?:create|make|book|post|store|insert)s?\s+(?:a\s+second|two|another)\b"
    # "so any job can run twice", "the call can safely be repeated": a repeat said to do no harm
    # ("can be sent again after the data is corrected" says when, not that a repeat is harmless)
    r"|\b(?:can|may)\s+safely\s+(?:run|be\s+run|be\s+(?:sent|called|retried|repeated|replayed|re-?delivered))\s+"
    r"(?:twice|again|more\s+than\s+once)\b"
    r"|\b(?:can|may)\s+(?:run|be\s+run|be\s+(?:sent|called|retried|repeated|replayed|re-?delivered))\s+"
    r"(?:twice|more\s+than\s+once)\b"
    # "Status events are processed once per `eventId`": the key a repeat is known by
    r"|\b(?:processed|applied|handled|accepted|stored|booked|posted)\s+(?:only\s+)?once\s+(?:per|for\s+each|for\s+every)\s+`?[\w.-]+"
    # "`201 Created` (or `200` for a repeated checksum)": the answer a repeat gets
    r"|\b[1-5]\d\d\b`?\s+(?:for|on|with|when)\s+(?:a\s+|the\s+|an\s+)?(?:repeated|duplicate|second|existing)\s+(?:`[^`]{1,40}`|[\w-]+)"
    r"|\bmakes?\s+(?:a\s+|the\s+|any\s+)?(?:retried|repeated|resent|re-sent|replayed)\s+(?:`?[\w-]+`?\s+)?safe\b"
    r"|\bifNoneExist\b|\bif-none-(?:exist|match)\b"
    r"|\bduplicate\s+(?:protection|detection|check|checks|suppression|handling|filter|key|request|delivery|event|"
    r"message|submission)"
    r"|\balready\s+(?:seen|processed|received|applied|stored|handled|consumed|exists?|loaded|imported|ingested|posted)\b"
    # "a repeated `identifier` returns `200` with the existing resource": the key named by its code alone
    r"|\b(?:repeated|replayed|resent|re-?sent|re-?delivered|duplicated?|same)\s+`[^`]{1,40}`[^.;]{0,60}?\b(?:"
    r"ignored|no-?op|original|existing|skipped)\b"  # (not "is also answered `204` and is logged": a repeat, still done)
    r"|\b(?:repeated|replayed|resent|re-?sent|re-?delivered|second|same)\s+(?:`[^`]{1,40}`|[\w-]+)?\s*(?:key|id|event|request|"
    r"message|delivery|call|submission|notification)\b[^.;]{0,60}\b(?:returns?|answer\w*|ignored|no-?op|"
    r"original|same|skipped|acknowledged|200|409)"
    r"|\b(?:returns?|answers?|responds?)\b[^.;]{0,40}\b(?:original|first|same)\s+(?:response|result|receipt)"
    r"|\b409`?\s*(?:=|:|means|is)\s*(?:an?\s+)?(?:already\s+\w+|duplicate\b)"  # "`claim_ref`; `409` = already held"
    # an answer that flags the repeat: `200 {"state": "SYNCED", "duplicate": true}`
    r"|\b(?:duplicate|is_duplicate|isDuplicate|replayed|idempotent_replay)\"\s*:\s*true\b"  # (a word first: fast)
    # the answer to a repeat by what the other side already holds: "`409` if it already has a POD for that barcode"
    r"|\b[1-5]\d\d\b`?\s+(?:if|when)\s+(?:it|we|they|the\s+[\w-]+)\s+already\s+(?:has|have|holds?|knows?)\s+"
    r"(?:an?|the|one)\s+[\w-]+\s+(?:for|with)\s+(?:that|this|the\s+same|the\s+given)\b"  # (not "an active subscription")
    r"|\bkeeps?\s+(?:only\s+)?the\s+first\s+(?:`[^`]{1,40}`|[\w-]+)\s+(?:per|for\s+(?:each|a|every))\b"  # "keeps the first F3 per revision"
    # "200 job with this `external_ref` exists, existing job returned": a create that answers with what it made
    r"|\bwith\s+(?:this|the\s+same|that)\s+`[^`]{1,40}`\s+(?:already\s+)?exists\b"
    r"|\b(?:the\s+)?existing\s+[\w-]+\s+(?:is\s+|gets\s+)?returned\b"
    # "RefLink returns the existing batch for a `deposit_id` it has seen", "202 (or existing batch for a known key)"
    r"|\b(?:returns?|answers?\s+with)\s+the\s+existing\s+[\w-]+|\bexisting\s+[\w-]+\s+for\s+(?:a|the|any)\s+"
    r"(?:known|repeated|seen|same)\b|\binstead\s+of\s+creating\s+(?:a\s+)?(?:second|new|another|duplicate)\b"
    r"|\b(?:also|again)\s+(?:returned|answered|sent)\s+for\s+(?:a\s+)?(?:repeated|duplicate|replayed|second)"
    # a success status that is also the answer to a repeat: "`200` stored (also when the same card is sent again)",
    # "`200` when stored (also for a repeat)"
    rf"|\b2\d\d\b`?[^.;\n]{{0,60}}\b(?:also|even)\s+(?:when|if|for|on)\b[^.;\n]{{0,50}}?\b{_REPEAT}"
    # the state a call sets, reached before, answered as success: "returns `200 {...}`, also when already cancelled"
    r"|\b2\d\d\b`?[^.;\n]{0,60}\b(?:also|even)\s+(?:when|if)\s+(?:it\s+(?:is|was)\s+)?already\s+(?:cancell?ed|voided|void|"
    r"deleted|removed|closed|released|archived|acknowledged|confirmed)\b"
    r"|\bsafe\s+to\s+(?:retry|replay|repeat|resend|re-?send|receive\s+twice)"
    r"|\balready\s+[\w-]+\s*(?:→|->|:|=|gets|returns)\s*(?:the\s+)?same\b"  # "Already void → same `200`"
    r"|\bignor\w*\s+(?:anything|any\s+\w+|\w+)\s+older\s+than|\bstored\s+\w+\s+is\s+newer|\bnewer\s+(?:one\s+)?is\s+stored"
    # a repeat and how it is answered, in one sentence, in any words: "resubmitting a `dispute_ref` we already hold is
    # ignored", "repeating the same decision returns the original `decision_id`", "answer a repeat with the original"
    rf"|{REPEAT_ANSWERED}|{STALE_GUARD}"
    # "asked again for the same `reference`, it gives back the same link": "... makes no second link"
    + r"|" + ASKED_AGAIN + r"[^.;]{0,80}?\bsame\b|" + NO_SECOND,
    re.I,
)
_DEDUP = lazy(
    r"\b(?:de-?dup\w*|duplicat\w*|dupes?|dups?|idempoten\w*|" + SEEN_LATELY + r"|already\s+(?:processed|seen|applied|"
    r"received|loaded|imported|ingested)|seen\s+before|(?:event|delivery|message|webhook|notification)[_ -]?id|exactly[- ]once|"
    r"same\s+(?:event|delivery|message|webhook)\s+(?:twice|again|more\s+than\s+once)|"
    r"(?:without|never|not)\s+(?:[\w-]+\s+){0,5}twice|repeated\s+`?[\w-]+`?|"
    r"never\s+(?:creates?|makes?|stores?|books?|posts?|inserts?|writes?)\s+(?:two|a\s+second|duplicate)|"
    r"(?:a\s+)?second\s+[\w-]+\s+with\s+the\s+same|(?:natural|replace(?:ment)?|upsert|merge|unique)\s+key|keeps?\s+(?:only\s+)?one\s+[\w-]+\s+per\b|"
    r"twice\.?\s+(?:that|this|which)\s+is\s+(?:safe|harmless)|"
    r"(?:can|may|will)\s+(?:safely\s+)?receive\s+the\s+same\b(?:`[^`]*`|[^.;`]){0,80}?\b(?:twice|more\s+than\s+once|again)|"
    r"(?:identical|repeated|duplicate)\s+[\w-]+\s+(?:gets?|returns?|is\s+answered\s+with)\b[^.;]{0,40}\boriginal|"
    r"treat(?:s|ed)?\s+`[^`]{1,60}`\s+as\s+unique)",  # "ILLHub treats `requestingAgencyRequestId` as unique"
    re.I,
)
# a natural key, said of what a write stores: "readings are keyed by station and timestamp", "stores observations
# by `(station_id, at)` and overwrites on conflict", "upserted on `gateway` + `seq`"
_NATURAL_KEY = lazy(r"\bkeyed\s+(?:by|on)\b|\bupsert\w*\s+(?:on|by)\b|\bon\s+conflict\b|\boverwrit\w*\s+on\s+"
                    r"(?:conflict|a\s+match|the\s+same\s+key)", re.I)
keys_naturally = finds(_NATURAL_KEY)
_DELIVERIES = lazy(r"\b(?:webhooks?|events?|deliver\w*|messages?|notifications?|callbacks?|postbacks?|redeliver\w*|"
                   r"(?:event|delivery|message|notification)[_-]?ids?|"  # "also for an `event_id` it already processed"
                   r"at[- ]least[- ]once|retried\s+by\s+the\s+sender|re-?send(?:s|ing)?|resent|re-sent|interchanges?)\b", re.I)
_BY_NATURE = lazy(r"\b(?:idempotent|safe)\s+by\s+(?:nature|design|definition|construction)|\b(?:full|whole|complete)[- ]"
                  r"(?:replace(?:ment)?|overwrite)|\breplaces?\s+the\s+(?:whole|full|entire|complete)\b|"
                  r"\boverwrites?\s+(?:the\s+)?(?:[\w-]+(?:'s|’s)\s+)?(?:current|existing|stored|previous|last)\b|"
                  r"\b404\b[^.;]{0,60}\b(?:done|success|already\s+(?:gone|deleted|removed)|treated\s+as)|"
                  r"\b(?:naturally|inherently|safely)\s+repeatable\b|"
                  # a write of absolute values, not of changes: "the body always carries full values (never increments)"
                  r"\b(?:sets?|carr(?:y|ies)|sends?|writes?)\s+(?:only\s+)?(?:full|absolute)\s+values\b"
                  r"(?![^.;\n]{0,80}\b(?:while|but|except|whereas|added|increment\w*|delta\w*)\b)|"
                  r"\bnever\s+(?:increments|deltas)\b",
                  re.I)  # "Blocks are naturally repeatable"

# a sender's promise to deliver only once is no way of handling a second delivery
_ONCE_CLAIM = lazy(r"\bdeliver\w*[^.;]{0,40}\bexactly[- ]once\b|\bexactly[- ]once\s+deliver\w*", re.I)
safe_by_nature = finds(_BY_NATURE)


_REPEATED = lazy(rf"\b{_REPEAT}(?!\w)", re.I)  # (a code span ends it: "the same `X-Request-Key`")
says_repeat = finds(_REPEATED)  # "`200` for a repeated key", "sent again"


# a sentence wrapped onto the next line goes on there: "a repeat of the same `line` is also answered `204`\nand
# changes nothing" (not a new item or row, which starts otherwise)
_WRAPPED = lazy(r"(?<=[\w,`)])[ \t]*\n[ \t]*(?=[a-z`(])")


def mentions(text: str) -> bool:
    """Says something about receiving or sending the same thing twice safely."""
    text = _WRAPPED.sub(" ", text)
    return bool(_IDEMPOTENCY.search(text)) and bool(_IDEMPOTENCY.search(_ONCE_CLAIM.sub(" ", text)))


def dedups(text: str) -> bool:
    """Deduplicates, by any key (enough in a delivery's own contract)."""
    return bool(_DEDUP.search(text)) and bool(_DEDUP.search(_ONCE_CLAIM.sub(" ", text)))


def handles_redelivery(text: str) -> bool:
    """Says how a delivery that arrives twice is deduplicated, or that it changes nothing ("a redelivered webhook or a
    re-run leaves one entry"), not only how this side's own calls are."""
    return (dedups(text) or bool(_REPEAT_ANSWERED.search(text)) or (keys_naturally(text) and bool(_REPEATED.search(text)))) \
        and bool(_DELIVERIES.search(text))  # "alarms are upserted on (`devId`, `alarmId`) ... the same alarm again"


_REPEAT_ANSWERED = lazy(REPEAT_ANSWERED, re.I)


def read(r: Reading) -> None:
    # a section whose heading says a repeat is safe ("Safe to resend", "Sending the same thing twice"), whatever part
    # its words placed it in: what it says is said of repeats
    titled = {id(s.section) for s in r.statements if s.shape == "heading" and mentions(s.text)}
    for statement in r.statements:
        if statement.shape in ("code", "heading") or id(statement.code) in r.examples:
            continue
        if statement.shape == "row":
            kind = r.topics.table(statement.table, tuple(statement.placed))
            if kind is not None and kind[0] == "idempotency":
                cells = statement.row.cells
                fields = {name: value(cells[i].text, cells[i].span) for i, name in kind[1].items() if i < len(cells)}
                _idempotency(r, statement.span).keys.append(
                    IdempotencyKey(statement.span, fields.get("operation"), fields.get("key")))
                continue
            if kind is not None and kind[0] in ("monitoring", "auth") and "idempotency" not in statement.placed:
                continue  # "| Depletion / upsert error rate | > 3% | Critical |": a metric's name, no rule on repeats
            column = _key_column(r, statement)
            if column is not None:  # "| Op | Verb / path | Hdrs | Dedup |": each row's call with its key
                cells = statement.row.cells
                _idempotency(r, statement.span).keys.append(IdempotencyKey(
                    statement.span, value(cells[0].text, cells[0].span), value(cells[column].text, cells[column].span)))
                # (and the row is read on as any other: its words may say how a repeat is answered)
        if statement.shape == "code-key" and _config_key(r, statement):
            continue
        if "idempotency" in statement.placed or id(statement.section) in titled or mentions(statement.text) or (
                statement.code is None and handles_redelivery(statement.text) and _REPEATED.search(statement.text)):
            # "hk-bridge keeps each event id in Redis for 24 h and acknowledges repeats with `200`": a second delivery
            text = statement.text
            section = statement.section
            if "idempotency" in statement.placed and not statement.key and not r.topics.own.get(id(section)) \
                    and section.level and len(section.title.split()) <= 6:
                text = f"{section.title}: {text}"  # under "### F3" (a unit of the idempotency section): F3's
            _idempotency(r, statement.span).statements.append(value(text, statement.span))
    if r.spec.idempotency is None and "idempotency" in r.spec.sections:
        r.spec.idempotency = Idempotency(r.spec.sections["idempotency"])


def _key_column(r: Reading, statement) -> int | None:
    """The column of a table of calls or flows that gives each row's key ("Dedup", "Idempotency key"), when this
    row's cell there says something (not "—")."""
    if statement.row is None or statement.table is None or len(statement.row.cells) < 2:
        return None
    for index, cell in enumerate(statement.table.header[1:], start=1):
        if r.vocab.section_parts(cell.text.strip(" *`")) == ("idempotency",) and index < len(statement.row.cells):
            said = statement.row.cells[index].text.strip(" `*")
            return index if not says_nothing(said) and not denies(said) else None
    return None


_ATTRIBUTES = {"scope", "note", "notes", "db", "store", "storage", "ttl", "window", "retention", "header", "headers",
               "description", "applies to", "policy", "rule", "table", "index", "field", "fields", "source", "mode"}


def _config_key(r: Reading, statement) -> bool:
    """`idempotency.invoice-create=header Idempotency-Key`: the key of the operation the key names."""
    parts = statement.key.split(".")
    if len(parts) < 2 or not statement.value or "idempotency" not in r.vocab.section_parts(words_of_key(parts[0])):
        return False
    leaf = words_of_key(".".join(parts[1:]))
    if r.vocab.field("idempotency", leaf) or leaf in _ATTRIBUTES:
        return False  # `idempotency.scope: every write`: a statement of the policy, not an operation's key
    operation = value(leaf.replace(" ", "-"), statement.span)
    _idempotency(r, statement.span).keys.append(IdempotencyKey(statement.span, operation,
                                                               value(statement.value, statement.span)))
    return True


def _idempotency(r: Reading, span) -> Idempotency:
    if r.spec.idempotency is None:
        r.spec.idempotency = Idempotency(r.spec.sections.get("idempotency", span))
    return r.spec.idempotency


# a key the call carries, or a condition that lets a repeat through once only (`If-Match` on a version)
KEY_HEADER = re.compile(r"\b(?:idempotency|idempotent|dedup(?:lication)?|request)[-_ ]?(?:key|id)\b|\bif-(?:none-)?match\b",
                        re.I)


# an id made from the data it identifies, so a repeat carries the same one: "globalId = UUIDv5(export_id + block)"
DERIVED_ID = lazy(r"\buuid\s*-?v?[35]\b|\bdeterministic\s+(?:[\w-]+\s+)?(?:id|ids|key|keys|uuid|guid|identifier)s?\b|"
                  r"\b(?:id|key|guid|uuid)\s+(?:is\s+)?derived\s+from\b", re.I)
# a repeat refused by name in an answer: "`409 {\"error\": \"duplicate_external_ref\"}`"
DUPLICATE_STATUS = lazy(r"\b409\b[^\n]{0,60}?duplicat\w*|duplicat\w*[^\n]{0,40}?\b409\b", re.I)
# a statement that there is no dedup: "Duplicates are not detected"
UNDETECTED = lazy(NO_DEDUP, re.I)

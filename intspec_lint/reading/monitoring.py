"""Monitoring: metrics with their threshold and alert, from tables, lists, sentences and config blocks.

A metric's kind (latency, error rate, queue depth, dead-letter size, token expiry...) comes from its
words through the vocabulary. A table whose columns name metric, threshold and alert is read row by
row; "P99 latency > 2 s → warning" as a list item; "we page the on-call when the error rate passes 2 %
over 5 minutes" as a sentence; alert rules in a YAML or Terraform block (Prometheus rules, cloud
alarms) by their keys (`alert_rules.py`); the words of a rule are in `metric_words.py`.
"""

from __future__ import annotations

import re

from ..model import Metric, Value, evidence
from .alert_rules import code_records
from .auth_words import CREDENTIAL_WORD
from .context import Reading
from .lazy_re import lazy
from .metric_words import ALARM_NAME, ALERT_LEVEL, BY_PHONE, CHANNEL, COMPARISON, NUMBER_NEAR
from .monitoring_evidence import listed_with_metrics, loose, watched_anywhere
from .statements import INLINE_SETTING, key_value
from .text import POINTS_AT
from .values import duration_seconds, value
from .vocabulary import strip_numbering



def read(r: Reading) -> None:
    taken = _metric_sections(r)
    ruled: set[int] = set()  # code blocks whose alert rules were read: their comments annotate those rules
    carried: tuple[str, int] | None = None  # (alert, last line) of a sentence of rules that runs on after a ";"
    for statement in r.statements:
        if id(statement) in taken:
            continue
        if statement.shape == "code" and id(statement.code) not in r.examples:
            before = len(r.spec.monitoring)
            code_records(r, statement)
            if len(r.spec.monitoring) > before:
                ruled.add(id(statement.code))
            continue
        if statement.shape == "code-comment" and id(statement.code) in ruled:
            continue  # "- alert: IngestLatencyHigh  # P95 chunk upload > 3 s": the rule's note, read with it
        if statement.shape in ("item", "line") and "monitoring" not in statement.topics and not statement.placed:
            found = metric_parts(statement.text)  # "create error rate > 5% over 15 min → page": a rule by its shape
            if found and all(found) and r.vocab.metric_kind(found[0]) != "other" and _ARROWED_ALERT.search(statement.text):
                _record(r, statement.span, *found)
                continue
        if statement.shape in ("code-key", "code", "heading") or "monitoring" not in statement.topics:
            continue
        if any(r.vocab.is_history(heading) for heading in statement.path[1:]):
            continue  # "| 14 Sep 00:00 | token `kl-2019` reaches its expiry |" in a timeline: what happened, no metric
        if any(r.vocab.is_test(heading) for heading in statement.path[1:]):
            continue  # "| TC-03 Pull the antenna cable | Spool grows, circuit opens |" in a test plan: a test, no metric
        if statement.shape == "row":
            kind = r.topics.table(statement.table, tuple(statement.placed))
            if kind is not None and kind[0] == "monitoring":
                _row(r, statement, kind[1])
                continue
            if kind is not None:
                continue
        if _SCENARIO_STEP.match(statement.text):
            continue  # "Given a valid event, when it is posted, then 202 within 2 s": a test, not a metric
        lead = statement.row.cells[0].text if statement.shape == "row" and statement.row.cells else statement.key
        if lead and _ROUTING.match(lead):
            continue  # "| Alerts to | lab IT on-call (Teams + SMS) |": where every alert goes, no metric
        said = statement.row.cells[-1].text if statement.shape == "row" and statement.row.cells else statement.value
        if said and _POINTS_ELSEWHERE.match(said) and not NUMBER_NEAR.search(said) and len(said.split()) <= 12:
            continue  # "| Credentials | See *Expiry alert* in both authentication tables |": told there, read there
        level = next((c.text for c in statement.row.cells[1:] if _BARE_LEVEL.match(c.text)), None) \
            if statement.shape == "row" and _ALERT_SETTING.match(lead or "") else None
        if level is not None:  # "| `ALERT_BACKLOG` | `2000` | `fertigate_backlog_records`: not yet accepted |": a
            _record(r, statement.span, statement.text, level, lead)  # setting that alerts at its value
            continue
        if statement.key and _LEVEL_ONLY.match(statement.key):
            continue  # "`INFO`: normal operations", "WARNING: retryable failures": a legend of levels, no metric
        if statement.key and not ALERT_LEVEL.search(statement.value) and (r.vocab.category(statement.key) or (
                r.vocab.is_part_name(statement.key) and _OTHER_PART.intersection(r.vocab.section_parts(statement.key)))):
            continue  # "Retry: ... cap 120 s", "**Transient**: 429, 503": another part's item that alerts nobody
        fact = r.vocab.field_exactly("auth", statement.key) if statement.key else None
        if fact in _AUTH_FACTS and not NUMBER_NEAR.search(statement.value) and not _TOLD.search(statement.value) \
                and not _EXPIRING.search(statement.value):  # "**Credentials**: secret expiring within 30 days": a rule
            continue  # "**Mechanism:** OAuth 2.0 ... 80% of the lifetime" under "Authentication and credential monitoring"
        if _target(r, statement):
            continue  # "SLA: sessions in PinCommand within 1 minute (p95)", "**F-46.** SLA: ...": a target, not a metric
        if statement.shape in ("item", "line") and statement.text.rstrip(" *_").endswith(":") and \
                not statement.value.strip(" *_:") and "\n" not in statement.text.strip() and \
                len(statement.text.split()) <= 16:
            continue  # "**Current alerts (Azure Monitor → PagerDuty unless stated):**" introduces the table below
        if "monitoring" in statement.placed and statement.shape == "item":
            several = list(_sentence_metrics(r, statement.value or statement.text))
            if len(several) > 1:  # "What do you alert on?: latency P95 > 3 s (warning); error rate > 2 % (critical)"
                labelled = r.vocab.metric_kind(statement.key) if statement.key else "other"
                for metric, threshold, alert in several:  # "error rate: failed posts > 5 %; pull failed → warning":
                    _record(r, statement.span, metric, threshold, alert, heading=statement.key,  # its label's kind
                            kind=labelled if labelled != "other" else None)
                continue
            found = metric_parts(statement.text)
            if found and (found[1] or found[2]):  # a metric with nothing to fire on or tell may be no metric
                label = statement.parent.text if statement.parent is not None else statement.heading
                _record(r, statement.span, *found, heading=label, whole=statement.text)
                continue
        placed = "monitoring" in statement.placed or bool(
            statement.key and _FIRES_KEY.match(statement.key) and "flows" not in statement.placed and
            (ALERT_LEVEL.search(statement.value) or CHANNEL.search(statement.value)))  # "**Fires:** queue `out` above
        # 200 messages (warning)": an alert's firing condition with its level, under a runbook's entry
        if not placed and ("retry" in statement.topics or "sla" in statement.placed) and not (
                statement.key and r.vocab.metric_kind(statement.key) != "other"
                and not set(r.vocab.section_parts(statement.key, nested=True)) - {"monitoring"}):  # not "**Dead letters**"
            continue  # a breaker's "30 % errors" or a latency target is no metric; "error rate: ... failed after
            # retries → warning" is one by its label
        # "The Hub pages the on-call when: A falls below 98%;⏎B exceeds 5 minutes; or C passes 50": the alert of the
        # sentence the clauses run on from
        governed = carried[0] if carried and statement.shape == "sentence" and \
            carried[1] + 1 >= statement.span.line else ""
        carried = None
        if statement.shape == "sentence" and statement.text.rstrip().endswith((";", ":")):
            level = ALERT_LEVEL.search(statement.text)
            carried = (level.group(0) if level else governed, statement.span.end_line) if level or governed else None
        for metric, threshold, alert in _sentence_metrics(r, statement.text):
            alert = alert or governed
            if not alert and statement.shape == "row":  # "| `alerts.error-rate` | `> 2%` | Non-2xx; Opsgenie P2 |": a
                alert = next((c.text for c in statement.row.cells[1:]  # cell that names who is told, or how loud
                              if ALERT_LEVEL.search(c.text) or CHANNEL.search(c.text) or BY_PHONE.search(c.text)), "")
                if not alert and statement.table is not None and statement.table.header and \
                        ALARM_NAME.match(statement.table.header[0].text.strip(" *_")):
                    alert = statement.row.cells[0].text  # "| Alert | Fires when | Do this |": each row is an alert
            named = r.vocab.metric_kind(statement.row.cells[0].text) if statement.shape == "row" and \
                statement.row.cells else "other"  # "| `CredentialExpiring` | ... (covers a failed run) |": its name
            if placed or alert:
                _record(r, statement.span, metric, threshold, alert, kind=named if named != "other" else None)
    if r.spec.monitoring:
        r.mark("monitoring", r.spec.monitoring[0].span)
        _alert_for_all(r)
        _alert_of_leads(r)
        _alert_by_reference(r)
        _alert_in_own_words(r)
    else:
        loose(r)
    watched_anywhere(r)
    listed_with_metrics(r)


_ALERTS = lazy(r"\b(?:alerts|alarms)\b", re.I)
_POINTS_ELSEWHERE = lazy(r"^\W*(?:see|refer\s+to|as\s+(?:in|per)|described\s+in|covered\s+(?:in|by)|defined\s+in)\b", re.I)


def _alerted(metric) -> bool:
    """The metric names who is told, or how loud; an empty alert cell names nothing."""
    return metric.alert is not None and bool(metric.alert.text.strip())


def _alert_in_own_words(r: Reading) -> None:
    """A metric whose threshold names its levels ("< 14 (warning), < 3 (critical)") or whose name says it alerts
    ("Key Vault expiry alerts: ... < 14 days"): told, though no alert column or key holds it."""
    for metric in r.spec.monitoring:
        if _alerted(metric):
            continue
        for said in (metric.threshold, metric.metric):
            found = (ALERT_LEVEL.search(said.text) or _ALERTS.search(said.text)) if said is not None else None
            if found:
                metric.alert = evidence(found.group(0), said.span)
                break


_SEE = lazy(r"\bsee\s+(?:section\s+|§\s*)?[*_\x22']*([A-Za-z][\w&/ -]{2,40}?)[*_\x22']*\s*(?:[.;,)]|$)", re.I)


def _alert_by_reference(r: Reading) -> None:
    """ "Dead letters | Count > 0 → see Resilience": the alert said in the section the metric points to, when
    that section says who is alerted."""
    lines = {metric.span.line for metric in r.spec.monitoring if not _alerted(metric)}
    told = {s.span.line: s.text for s in r.statements if s.span.line in lines and s.shape != "code"}
    for metric in r.spec.monitoring:
        if _alerted(metric):
            continue
        seen = _SEE.search(told.get(metric.span.line, ""))
        if seen is None:
            continue
        name = seen.group(1).strip().lower()
        for section in r.doc.root.walk():
            if section.level and strip_numbering(section.title).lower().startswith(name) and any(
                    ALERT_LEVEL.search(s.text) for s in r.within(section) if s.shape != "heading"):
                metric.alert = evidence(seen.group(0), metric.span)
                break


_ALERT_SETTING = lazy(r"^\W*(?:alert|alarm)s?[_.-]\w", re.I)  # `ALERT_BACKLOG`, `alerts.error-rate`
_BARE_LEVEL = lazy(r"^\W*\d[\d.,]*\s*(?:%|ms|s|m|h|d|min|mins|minutes|hours|days|seconds)?\W*$", re.I)
_ROUTING = lazy(r"^\W*(?:alerts?\s+(?:go\s+|are\s+sent\s+|routed\s+)?to|alerted|who\s+is\s+(?:told|alerted|paged)|"
                r"escalat\w+(?:\s+to)?|on-?call(?:\s+rota)?|owners?|routing|channels?|dashboards?)\W*$", re.I)
_AHEAD = lazy(r"\b\d+\s*(?:days?|d|hours?|h|weeks?)\s+(?:before|ahead|left|prior)\b", re.I)  # "21 days before" expiry
_ANY = lazy(r"^\W*(?:any|every|each)\s+(?:\w+\s+){0,2}(?:record|message|event|item|row|file|entry|failure|error)s?\b", re.I)
def _fires_when(text: str, named: bool = False) -> str:
    """The condition a cell says an alert fires on ("at > 400 for 15 min", "21 days before"), or, of a metric's own
    name (`named`), the words that say it fires on every one ("Any record on either DLQ"); "" for none."""
    if named:
        found = _ANY.match(text)
        return found.group(0).strip() if found else ""
    for pattern in (COMPARISON, _AHEAD):
        found = pattern.search(text)
        if found and re.search(r"\d", found.group(0)):
            return found.group(0).strip()
    found = _STATE_LEVEL.match(text)  # "| Access token refresh failures | any | page |": every one fires
    return found.group(1) if found else ""


# a cell that is a level in words: it fires on every one, or while the thing is not empty
# ("any new item", "3 in a row"), or one and then who is told: "any → 'stuck sales' alert", "any row: page"
_STATE_LEVEL = lazy(r"^\W*(any(?:\s+new)?(?:\s+\w+)?|not\s+empty|non-?empty|non-?zero|one\s+or\s+more|at\s+least\s+one|"
                    r"\d+\s+(?:in\s+a\s+row|consecutive(?:\s+\w+)?|times\s+running))(?:\W*$|\s*(?:→|->|=>|:|—|–)\s*\S)", re.I)


_ANYTHING_IN = lazy(r"\b(?:anything|any\s+(?:message|item|entry|row|record|event)s?)\s+(?:in|on)\s+(?:it|them|there)\b", re.I)
_FROM_TO_STATE = lazy(r"\S\s*(?:→|->|⟶|⇒)\s*\S")
_EVENT_TO_EVENT = lazy(r"^\W*(?:from\s+)?[\w`.' -]{2,40}?\s+(?:to|until|till)\s+[\w`.' -]{1,40}?\b(?:received|sent|arrived|"
                       r"delivered|processed|applied|created|confirmed|acknowledged|acked|loaded|visible|booked|posted)\W*$",
                       re.I)
_AGE = lazy(r"\b(?:oldest|older\s+than|age[ds]?\b|waiting\s+(?:more|longer)\s+than|stuck\s+(?:for\s+)?(?:more|longer)\s+than)", re.I)
_AUTH_FACTS = {"mechanism", "scopes", "storage", "rotation"}  # a credential's facts, not its expiry metric
_EXPIRING = lazy(r"\b(?:expir\w*|older\s+than|younger\s+than|age[ds]?)\b[^.;\d]{0,20}\d", re.I)  # unless it sets one
_TOLD = lazy(r"\b(?:warn\w*|critical|alert\w*|alarm\w*|paged|pages\s+(?:the\s+)?on[- ]?call)\b", re.I)
_LEVEL_ONLY = lazy(r"^\W*(?:debug|info|notice|warn(?:ing)?|error|critical|fatal|trace|sev[- ]?\d|p[1-5])\W*$", re.I)
_OTHER_PART = {"errors", "retry", "mappings", "idempotency", "flows", "contracts"}  # a DLQ depth, a credential expiry: metrics
_SCENARIO_STEP = lazy(r"^\W*(?:\d+[.)]\s*)?(?:given\b|then\b|when\b.*,\s*then\b)", re.I | re.S)
_FOR_ALL = lazy(r"\b(?:all|every|each)\s+(?:of\s+the(?:se)?\s+)?(?:alarms?|alerts?|metrics?)\b[^.;]{0,40}?\b(?:go(?:es)?|are\s+sent|"
                r"is\s+sent|page[sd]?|notif(?:y|ies)|route[sd]?|fire[sd]?|publish(?:es|ed)?|post(?:s|ed)?|sen[dt]s?)\b"
                r"[^.;]{0,80}", re.I)


def _alert_for_all(r: Reading) -> None:
    """"All alarms go to `alert_sns_topic_arn`." said once, in the monitoring part: the alert of every metric
    that names none of its own."""
    said = next((s for s in r.statements if "monitoring" in s.placed and s.shape in ("sentence", "line", "item")
                 for m in [_FOR_ALL.search(s.text)] if m), None)
    if said is None:
        return
    for metric in r.spec.monitoring:
        if metric.alert is None:
            metric.alert = value(said.text, said.span)


def _alert_of_leads(r: Reading) -> None:
    """Metrics introduced by words that say where they alert: a list's lead ("Monitoring in Azure Monitor with alerts
    to the Service Desk:"), the line that opens their clauses ("... shall alert its own support team when:"), a ruler
    over alarm resources ("# ---- Alarms -> SNS tea-ops-oncall (PagerDuty) ----"): the alert of every metric after
    it, in its section, that names none of its own."""
    leads = {s.span.line: _LEAD_ALERT.search(s.banner) for s in r.statements if s.banner and s.shape == "item"}
    intros: dict[int, list] = {}  # section -> (line, the words) of each intro that says where alerts go
    at: dict[int, int] = {}  # line -> section of the statement there
    for statement in r.statements:
        at.setdefault(statement.span.line, id(statement.section))
        text = statement.text.rstrip(" *_")
        opened = _OPENS_CLAUSES.search(text)  # "... raise an alert to its own support team when: (a) P95 ...": the lead
        text = text[:opened.start() + 1] if opened else text
        if (text.endswith(":") or statement.shape == "code-comment") and (found := _LEAD_ALERT.search(text)):
            intros.setdefault(id(statement.section), []).append((statement.span.line, found.group(0)))
    for metric in r.spec.monitoring:
        if metric.alert is not None:
            continue
        lead = leads.get(metric.span.line)
        if lead:
            metric.alert = value(lead.group(0), metric.span)
            continue
        before = [said for line, said in intros.get(at.get(metric.span.line, -1), []) if line < metric.span.line]
        if before:
            metric.alert = value(before[-1], metric.span)


_OPENS_CLAUSES = lazy(r":\s*\(?[a-z1-9]\)\s")  # a lead's colon, then its first lettered clause
_LEAD_ALERT = lazy(r"\b(?:alert(?:s|ing)?|alarms?|pages?|notifications?)\s+(?:go(?:es)?\s+)?(?:to|via|in(?:to)?|->|→)\s+"
                   r"(?:the\s+|our\s+)?[^.;:,]{3,40}"
                   r"|\b(?:alerts?|alarms?|notifications?)\b[^.;:]{0,80}?\b(?:sent|routed|posted|delivered)\s+(?:to|via|into)\s+"
                   r"[^.;:,]{2,40}"  # "CloudWatch alarms, all sent to #oriel-ops:"
                   r"|\b(?:alert|page|notify)\s+(?:its|the|our|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}(?:team|on-?call|desk)\b"
                   # "Berthright alerts on:", "We ask you to alert on, at least:" over the rules
                   r"|\b(?:alert|page|alarm)s?\s+(?:on|when|if)\b[^.;:]{0,24}:",
                   re.I)


_PARAMETER = lazy(r"^\W*(?:`[a-z][\w.-]*`|fixed|configurable)\W*$", re.I)
_ARROWED_ALERT = lazy(r"(?:→|->|=>)\s*\W*(?:page|pages|paged|warn|warning|critical|alert|ticket|notify|slack|pagerduty|"
                      r"opsgenie|e-?mail|sms)\b", re.I)
_CLAUSE_ID = lazy(r"^\W*[A-Z]{1,4}-?\d{1,3}[.:)]?\s+")  # "R36. SLA"


def _metric_sections(r: Reading) -> set[int]:
    """A sub-section of monitoring that gives one metric's fields by key ("### Latency" / "- Metric: P95 of
    ..." / "- Threshold: > 40 minutes → warning"): one metric named by its heading. Returns the statements
    read."""
    taken: set[int] = set()
    units = [(section.title, [], [s for s in r.within(section, own=True) if s.shape not in ("heading", "code", "code-key")])
             for section in r.doc.root.walk()
             if section.level and "monitoring" in r.topics.of(section) and not r.topics.own.get(id(section))]
    # "- Latency: `observed_at` → stored, P95" over "  - Threshold: > 20 min" and "  - Alert: warning"
    units += [(s.text.split("\n")[0], [s], [n for n in r.under(s) if n.parent is s])
              for s in r.statements if s.shape == "item" and "monitoring" in s.topics
              and any(n.parent is s and n.key for n in r.under(s))]
    for title, head, own in units:
        keyed = {r.vocab.field_exactly("monitoring", s.key): (s, s.value) for s in own if s.key}
        keyed.pop(None, None)
        for s in own:  # "- threshold > 2 min over 15 min" under the metric's node: a key with no colon
            led = _KEY_LED.match(s.text)  # (its key may be the node above's label)
            name = r.vocab.field_exactly("monitoring", led.group(1)) if led else None
            if name and name not in keyed:
                keyed[name] = (s, led.group(2))
        if "threshold" not in keyed or not ({"metric", "alert"} & keyed.keys()):
            continue
        threshold, said = keyed["threshold"]
        metric = keyed.get("metric")
        name = f"{title}: {metric[1]}" if metric is not None else title
        comparison = COMPARISON.search(said)
        alert = keyed.get("alert")
        level = alert[1] if alert is not None else (ALERT_LEVEL.search(said) or [""])[0]
        _record(r, threshold.span, name, comparison.group(0).strip() if comparison else said, level)
        taken.update(id(s) for s in [*head, *own])
    return taken


_KEY_LED = lazy(r"^\W*(threshold|alert|severity|condition|level)\s+(?=[<>≥≤\d])(.+)$", re.I | re.S)


def _target(r: Reading, statement) -> bool:
    """A statement labelled as a service level: its key ("SLA: ...") or, after an id, its value's own label
    ("**F-46.** SLA: letter accepted within 2 minutes")."""
    labels = [statement.key] if statement.key else []
    inner = key_value(statement.value) if statement.value else None
    if inner:
        labels.append(inner[0])
    # the strong words only: "SLA", "service level", not "Availability freshness" (a metric of availability)
    return any("sla" in r.vocab.section_parts(_CLAUSE_ID.sub("", label), nested=True) for label in labels)


def _row(r: Reading, statement, columns: dict[int, str]) -> None:
    cells = statement.row.cells
    fields: dict[str, Value] = {}
    for index, name in columns.items():
        if index < len(cells):
            fields[name] = value(cells[index].text, cells[index].span)
    r.mark("monitoring", statement.section.span)
    text = fields["metric"].text if "metric" in fields else ""
    kind = r.vocab.metric_kind(text)
    named = r.vocab.metric_kind(cells[0].text) if 0 not in columns and cells else "other"
    if named not in ("other", "throughput"):  # "| Queue depth | `ApproximateNumberOf...` |": the alarm's name says
        kind = named  # what its technical metric watches
    if kind == "other" and "threshold" in fields:  # "F1 file landed | not there by 04:00": a deadline is latency
        kind = r.vocab.metric_kind(f"{text} {fields['threshold'].text}")
    if kind == "other" and "threshold" in fields:
        kind = _kind_by_threshold(text, fields["threshold"].text)
    if "alert" not in fields and "threshold" in fields and ALERT_LEVEL.search(fields["threshold"].text):
        fields["alert"] = fields["threshold"]  # "| Threshold and alarm |" with "> 4 s over 15 min → warning in #ops"
    if "alert" not in fields:  # "| Signal | Fires when | Goes to |": a column the vocabulary does not name, whose
        # cell names who is told (a pager, a channel, an e-mail): the alert
        told = next((c for i, c in enumerate(cells) if i not in columns and (ALERT_LEVEL.search(c.text)
                     or CHANNEL.search(c.text))), None)
        if told is not None:
            fields["alert"] = value(told.text, told.span)
    if "alert" not in fields and "threshold" in columns.values():
        header = statement.table.header[next(i for i, f in columns.items() if f == "threshold")]
        if ALERT_LEVEL.search(header.text):  # "| What you measure | Alert when |": every row is an alert
            fields["alert"] = evidence(header.text, header.span)
    threshold = fields.get("threshold")
    if threshold is not None and _PARAMETER.match(threshold.text):  # "| `error_rate_alarm_percent` | 2% over 15 min |":
        beside = next((c for i, c in enumerate(cells) if i not in columns and (
            re.search(r"\d", c.text) or COMPARISON.match(c.text.strip()))), None)
        if beside is not None:  # a parameter's name, its value in the next column ("Default")
            fields["threshold"] = threshold = value(beside.text, beside.span)
    if threshold is None or not re.search(r"\w", threshold.text):  # "| Metric | Alert |" with "> 40 ms → warn" in
        # the alert cell; "| Metric | Northwind | Globex |" with a threshold per partner; "| — | ticket at > 400 |":
        # the first cell that compares, or says how long before an expiry it fires, is the threshold
        for index, cell in enumerate(cells):
            inside = _fires_when(cell.text) if columns.get(index) != "metric" else ""
            if inside:
                fields["threshold"] = threshold = value(inside, cell.span)
                break
    clock = next((c for i, c in enumerate(cells) if columns.get(i) != "metric" and _deadline_across(text, c.text)), None) \
        if threshold is None or not re.search(r"\w", threshold.text) else None
    if clock is not None:  # "| Flow 2 batch finished by | 07:15 | page |": the time it must be done by, whatever the
        fields["threshold"] = threshold = value(f"{text} {clock.text.strip()}", clock.span)  # column is called
        if "alert" in fields and fields["alert"].span == clock.span:
            level = next((c for c in cells if c is not clock and ALERT_LEVEL.search(c.text)), None)
            if level is not None:
                fields["alert"] = value(level.text, level.span)
            else:
                del fields["alert"]
    if threshold is None and _fires_when(text, named=True):  # "| Any record on either DLQ | P3 |": its words say when
        fields["threshold"] = threshold = value(_fires_when(text, named=True), fields["metric"].span)
    condition = next((found for found in (COMPARISON.search(text), _DEADLINE.search(text)) if found and
                      re.search(r"\d", found.group(0))), None) if threshold is None or not re.search(r"\w", threshold.text) else None
    if condition:  # "M2 run not finished at 04:00 | — | critical", "Roster not loaded by 04:00 | missed | email"
        fields["threshold"] = value(condition.group(0).strip(), fields["metric"].span)
    pointer = next((c for i, c in enumerate(cells) if columns.get(i) != "metric" and _POINTER_CELL.match(c.text)), None) \
        if fields.get("threshold") is None else None
    if pointer is not None:  # "| Credential expiry | per DT-5 | Warning / critical |": the thresholds are told where
        fields["threshold"] = evidence(pointer.text, pointer.span)  # it points, in a shape this row does not give
    r.spec.monitoring.append(Metric(statement.span, kind, **fields, group=id(statement.table)))


def _deadline_across(metric: str, cell: str) -> bool:
    """A deadline told across two cells: a metric named up to its preposition and a time of day beside it ("Flow 2
    batch finished by" | "07:15")."""
    found = _DEADLINE.search(f"{metric} {cell.strip()}", max(0, len(metric) - 8))
    return found is not None and found.start() < len(metric) < found.end()


# a cell that only points at where the values are: "per DT-5", "see §4.2", "as in table 3"
_POINTER_CELL = lazy(rf"^\W*(?:{POINTS_AT.pattern})", re.I)


def _kind_by_threshold(metric: str, threshold: str) -> str:
    """The kind of a metric whose name says none, by what its threshold measures: a time from one event to the next
    ("File landed → `MERGED` | > 60 min", "Upload to pain.002 received | > 2 hours") is a latency; the age of what
    waits ("Export runs in status `READY` | any run older than 30 min") a backlog."""
    if not duration_seconds(threshold):
        return "other"
    if _FROM_TO_STATE.search(metric) or _EVENT_TO_EVENT.search(metric):
        return "latency"
    if not _AGE.search(f"{metric} {threshold}"):
        return "other"
    # "Age of the Stripe key and webhook secret | Older than 170 days": a credential's age, its expiry; "Oldest
    # unsynced change | > 60 min": what waits
    return "token-expiry" if CREDENTIAL_WORD.search(metric) else "queue-depth"


def measures_age(metric: Metric) -> bool:
    """A backlog metric that fires on how long the oldest waiting item has waited ("Oldest unsynced change | > 60
    min"), not on how many wait ("depth > 50 for 5 min")."""
    said = " ".join(v.text for v in (metric.metric, metric.threshold) if v is not None)
    return metric.kind == "queue-depth" and metric.threshold is not None and \
        bool(duration_seconds(metric.threshold.text)) and bool(_AGE.search(said))


def _record(r: Reading, span, metric: str, threshold: str, alert: str, heading: str = "", whole: str = "",
            kind: str | None = None) -> None:
    """One metric; `heading`: the label of the list it stands in ("Queue depth" over "`vd-out` > 100"), whose
    kind is the metric's when its own words name none; `whole`: the line it was read from, whose words say it
    when neither does ("`orders-out` > 300 active messages")."""
    if not re.search(r"\w", threshold or ""):  # "| Key Vault secret expiry | 21 days before |" under "Alert",
        threshold = _fires_when(alert) or _fires_when(metric, named=True) or threshold  # "Any record on the DLQ"
    if not re.search(r"\w", threshold or "") and whole and (anything := _ANYTHING_IN.search(whole)):
        threshold = anything.group(0)  # "`x-failures` queue: anything in it is critical": every one fires
    fields = {"metric": value(metric, span)}
    if threshold:
        fields["threshold"] = value(threshold, span)
    if alert:
        fields["alert"] = value(alert, span)
    kind = kind or r.vocab.metric_kind(metric)
    if kind == "other" and heading:
        kind = r.vocab.metric_kind(heading)
    if kind == "other" and whole:
        kind = r.vocab.metric_kind(whole)
    if kind == "other" and threshold:
        kind = _kind_by_threshold(metric.split(threshold)[0], threshold)
    r.spec.monitoring.append(Metric(span, kind, **fields))


def _sentence_metrics(r: Reading, text: str):
    """Each clause that sets a threshold: "We alert when X is above 10 s (warning); when more than 5 % of
    calls fail (critical); ..." is three metrics."""
    from .text import sentences

    said = [_CLAUSES.split(sentence) for _offset, sentence in sentences(text)]
    # "We alert when A ...; when B ...; and when C ...": the alert of the opening clause governs them all, over the
    # lines a wrapped list of rules runs on ("**Alerts** (→ on-call): A > 1.5 s; B > 3 %;⏎C > 1,000; ...")
    shared = next((found for clauses in said for found in [ALERT_LEVEL.search(clauses[0])] if found), None) \
        if sum(len(c) for c in said) > 1 else None
    for clauses in said:
        governing = (ALERT_LEVEL.search(clauses[0]) if len(clauses) > 1 else None) or shared
        before = ""
        for clause in clauses:
            if r.vocab.metric_kind(clause) == "other" and before:
                clause = f"{before}; {clause}"  # "The error rate is ...; more than 2 % pages the on-call"
            found = metric_sentence(clause, r.vocab)
            if found:
                yield found if found[2] or governing is None else (*found[:2], governing.group(0))
            before = clause


_CLAUSES = lazy(r";\s+|\.\s+(?=[A-Z])|:\s+(?=[A-Z][\w ]{2,30}:)|\s[·•]\s|,\s+or\s+(?=(?:when|if)\b)")  # "A > 3 s warning · B > 2 % critical"


def metric_sentence(sentence: str, vocab) -> tuple[str, str, str] | None:
    """A monitoring rule stated in a sentence: (what is measured, the threshold, the alert). A sentence
    that names a metric but no threshold ("if the alert fires, ...") defines no metric."""
    kind = vocab.metric_kind(sentence)
    comparison = COMPARISON.search(sentence)
    if kind == "other" and comparison and _QUEUE_NAMED.search(sentence[:comparison.start()]) and \
            _COUNTED.match(comparison.group(0)):
        kind = "queue-depth"  # "queue `outbound` above 200 messages": what waits on a queue, counted
    if kind == "other" and not (comparison and _FROM_TO_STATE.search(sentence[:comparison.start()]) and
                                duration_seconds(comparison.group(0))):
        return None  # but "alert when receive → ack exceeds 45 minutes": the time between two events, a latency
    alert = ALERT_LEVEL.search(sentence)
    if not comparison or not re.search(r"\d", sentence):
        return None
    threshold = comparison.group(0).strip() if comparison else ""
    if not re.search(r"\d", threshold):
        threshold = sentence.strip()  # "a warning 30 days before the certificate expires": the number stands before
    return sentence.strip(), threshold, alert.group(0) if alert else ""


# the label of an alert's firing condition: "Fires", "Fires when", "Alert when", "Firing condition" (not a flow's
# "Trigger")
_FIRES_KEY = lazy(r"^\W*(?:fires?|fired|alerts?|firing\s+condition)(?:\s+(?:when|at|on|if))?\W*$", re.I)
# a queue, a topic or an outbox named just before a comparison, and the comparison counting what waits on it
_QUEUE_NAMED = lazy(r"\b(?:queues?|topics?|outbox(?:es)?|streams?|subscriptions?|inbox(?:es)?)\b[^.;]{0,60}$", re.I)
_COUNTED = lazy(r"^\D{0,30}\d[\d,.]*\s*(?:k\s+)?(?:messages?|msgs?|events?|items?|rows?|jobs?|records?|entries)\b", re.I)
_NEW_LINE = lazy(r"^\s*(?:[:\-*+•]\s|\d+[.)]\s|[A-Za-z][\w /()-]{0,30}:\s)")


def wrapped_line(text: str) -> str:
    """The first line of `text` with the lines that only continue it (a paragraph wrapped at a width),
    not those that start anew (a definition, a bullet, a "Key: value" line)."""
    lines = text.split("\n")
    count = next((i for i, line in enumerate(lines[1:], 1) if not line.strip() or _NEW_LINE.match(line)), len(lines))
    return " ".join(" ".join(lines[:count]).split())


# a condition with no comparison sign: a deadline, a run of failures, a silence's length
_DEADLINE = lazy(r"\b(?:by|before|after)\s+\d{1,2}:\d\d\b(?:\s*(?:UTC|local))?|\b\d+\s*(?:×|x|times)\s+in\s+a\s+row\b"
                 r"|\bfor\s+\d+\s*(?:s|secs?|seconds?|mins?|minutes?|h|hours?)\b", re.I)


def metric_parts(text: str) -> tuple[str, str, str] | None:
    """(metric, threshold, alert) from "P99 latency > 2 s → warning" and similar lines; a line wrapped in
    its paragraph ("... for 15 minutes\n  is a warning.") is one line."""
    first = wrapped_line(text)
    comparison = COMPARISON.search(first)
    alert = None
    levels = list(ALERT_LEVEL.finditer(first))
    level = levels[-1] if levels else None  # the last alert word: "P99 > 2 s → warning"
    if level and (comparison is None or level.start() >= comparison.start()
                  or 0 <= comparison.start() - level.end() <= 2):  # "warning above 0 per hour": the level first
        alert = level.group(0)
    if comparison is None:
        head = re.split(r"(?<!\d):|:(?!\d)|[—–]|→|->", first, maxsplit=1)[0]  # not at a time's colon ("by 06:00")
        if not head.strip() or len(head.split()) > 8 or not alert:
            return None  # "Dashboard for per-course push lag (nice to have)": no threshold, no alert, no metric
        setting = INLINE_SETTING.fullmatch(head.strip(" *"))  # "`monitoring.outbox_depth = 10` — warning when more rows
        if setting and re.search(r"\d", setting.group(2)):  # than this are waiting": the key is the metric, the value the threshold
            return setting.group(1), setting.group(2).strip(" \"'"), alert or ""
        deadline = _DEADLINE.search(head)  # "returned-mail file not loaded by 06:00 → warning": the time is the threshold
        return head.strip(" *`"), deadline.group(0) if deadline else "", alert or ""
    metric = first[: comparison.start()].strip(" :—–-*`")
    if not metric:
        return None
    threshold = comparison.group(0)
    if alert:
        threshold = threshold.split(alert)[0]
    threshold = re.split(r"\s*(?:→|->|=>|:|—|–|\(|\bthen\b|\balert\b)\s*", threshold)[0].strip(" ,;")
    return metric, threshold, alert or ""


_DATA_AGE = lazy(r"^(?!.*\b(?:certificates?|certs?|tokens?|passwords?|secrets?|keys?|credentials?)\b).*"
                 r"\b(?:age|freshness|staleness)\b", re.I)  # not a credential's age


def watches_backlog(metric: str, dead_letter: bool) -> bool:
    """A metric on the backlog of a queue or stream; a dead-letter queue's size alone is not one."""
    lowered = metric.lower()
    if any(word in lowered for word in ("lag", "backlog", "queue depth", "queue size", "pending", "oldest", "deeper",
                                        "length")) or _DATA_AGE.search(metric):
        return True  # "Ping age at ingest (`now - gps_ts`)", "data freshness": how far behind the consumer is, in time
    # a queue its own words do not call dead ("Marlow's webhook queue", read beside `dead_webhooks` in one line)
    return "queue" in lowered and not (dead_letter and any(w in lowered for w in ("dead", "dlq", "dlt", "poison", "park",
                                                                                   "quarantin")))

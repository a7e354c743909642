import re

from ..findings import Hit, Severity
from ..model import given
from ..reading.monitoring import measures_age
from ..rule import Case, rule
from ._common import absent, gap, given_beside, label, missing, names_of, said_of, short

_KINDS = (
    ({"latency"}, "latency", "e.g. end-to-end latency P99 > 2 s: warning"),
    ({"error-rate"}, "error rate", "e.g. error rate > 1% over 5 minutes: critical"),
    ({"queue-depth", "dlq-size"}, "queue depth or dead-letter size", "e.g. dead-letter size > 0: critical"),
)
_EXPIRY = ({"token-expiry"}, "auth token or certificate expiry", "e.g. token expires in < 7 days: warning")
_CHECKED = {kind for accepted, _what, _example in (*_KINDS, _EXPIRY) for kind in accepted}  # the checklist's four signals


@rule(
    code="IS701",
    name="monitoring-incomplete",
    checklist="monitoring",
    severity=Severity.ERROR,
    summary="Monitoring does not cover latency, error rate, queue depth and token expiry, each with threshold "
    "and alert.",
    rationale="If you cannot tell whether the integration is healthy without reading logs, you do not have "
    "monitoring. These four signals catch the usual ways integrations fail: slowness, errors, a growing "
    "backlog, and an expired credential. A metric is reported for an empty cell, a placeholder or 'none' where "
    "its threshold or alert should be, and one of the four signals for a threshold or alert that the metrics "
    "beside it (its table, block or list) give and it does not. One whose threshold or alert no metric beside it "
    "has is not: the reader cannot tell that from a shape it did not read (on fresh specs such findings were "
    "almost all false: an alert said over the table, an owner column, a runbook beside it). A line "
    "whose name reads as a clause (\"If the queue is growing, go to P-03\") is a runbook step or a note, not a "
    "metric, and nothing is asked of it. A threshold cell that holds neither a value nor vague words (a metric's "
    "identifier, a reference to a config block) is something the reader could not read, and is not reported.",
    bad="## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Error rate | > 1% over 5 minutes | |\n",
    good="## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
    "| End-to-end latency (P99) | > 2 seconds | Warning |\n| Error rate | > 1% over 5 minutes | Critical |\n"
    "| Dead-letter queue size | > 0 | Critical |\n| OAuth token expiry | < 7 days to expiry | Warning |\n",
    cases=(
        Case(Severity.ERROR, "no monitoring, or monitoring that leaves out latency, error rate, queue depth or auth "
             "token expiry (one finding naming every signal left out)", "Monitoring covers latency, error rate, "
             "queue depth, and auth token expiry", "quality checklist"),
        Case(Severity.ERROR, "a metric whose threshold cell is empty or a placeholder, with a threshold in words no "
             "alert can be set on ('if it looks high'), or with an empty or 'none' alert (an alert cell left blank, "
             "'dashboard only'); one finding a metric", "Define what to measure and when to alert", "template, 7. Monitoring and "
             "Alerting"),
    ),
)
def monitoring_incomplete(spec, options):
    watched = {kind for kind in _CHECKED if f"monitoring:{kind}" in spec.evidence}  # in words no metric was read from
    if not spec.monitoring:
        if "monitoring:values" in spec.evidence:
            return  # thresholds the reader cannot tie to a metric: nothing to call missing
        if watched:
            yield from _coverage(spec, watched)
            return
        if spec.mentions("monitoring"):
            where = spec.sections.get("monitoring") or spec.evidence["monitoring"]
            yield Hit(where, "monitoring is talked about, but no metric is defined with a threshold and an alert: "
                             "define latency, error rate, queue depth and auth token expiry metrics")
            return
        yield absent(spec, "monitoring", "monitoring section", "define metrics for latency, error rate, queue depth and "
                     "auth token expiry, each with a threshold and an alert", named="monitoring")
        return
    kinds = {metric.kind for metric in spec.monitoring}
    if any(measures_age(metric) for metric in spec.monitoring):  # "Oldest unsynced change | > 60 min": how long the
        kinds.add("latency")  # oldest has waited, a delay, as a data-age metric is
    yield from _coverage(spec, watched | kinds)
    for metric in spec.monitoring:
        if metric.metric is not None and _CLAUSE.search(metric.metric.text):
            continue  # "If the queue is growing, go to P-03", "PDF is downloaded within the job": a step or a note
        subject = f"metric {label(metric.metric, f'on line {metric.span.line}')}"
        for field, what in (("threshold", "threshold"), ("alert", "alert level")):
            found = getattr(metric, field)
            if found is not None and found.text.strip() in _NONE:
                if metric.kind in _CHECKED:  # a volume row's "—" alert ("Gate events received | 13,960 | —") is
                    yield gap(found.span, subject, f"no {what} ('{found.text.strip()}')", anchor=metric.span)
                continue  # no gap of the checklist's four signals
            if field == "threshold" and given(found) and not found.loose and not _CONCRETE.search(found.text):
                if (metric.kind == "dlq-size" or metric.metric is not None and _COUNTER.search(metric.metric.text)) \
                        and _ANY_CHANGE.fullmatch(found.text.strip()):
                    continue  # a count of dead letters that "increases": every new one fires
                if not _VAGUE.search(found.text):
                    continue  # a metric's identifier, a reference, a format: something an alert is set on, unread
                yield gap(found.span, subject, f"a threshold that is no value ('{short(found.text)}')", "give one an "
                          "alert can fire on (e.g. > 2% over 5 minutes)", anchor=metric.span)
                continue
            if found is None and not (metric.kind in _CHECKED and given_beside(spec.monitoring, metric, field)):
                continue  # no cell and no words for it, in a form that asks it of no metric: the reader cannot
                # tell a gap from a shape it did not read (an alert said over the table, a runbook beside it)
            # an empty cell or a placeholder, or silence where the metrics beside it give theirs, unless the
            # document says it where it names the metric again ("SLI-4 near expiry | ticket to platform")
            names = names_of(metric.metric.text if metric.metric else None)
            hit = missing(found, metric.span, subject, what, said=said_of(spec, field, names, metric.span, True))
            if hit:
                yield hit


def _coverage(spec, kinds: set[str]):
    """The checklist's signals no metric watches (nor any words of the document: `kinds` holds both)."""
    needed = list(_KINDS)
    if spec.auth:
        needed.append(_EXPIRY)
    for accepted, what, example in needed:
        if not kinds & accepted:
            yield gap(spec.where("monitoring"), "monitoring", f"no {what} metric ({example})",
                      "add each with a threshold and an alert")


# a clause, not a metric's name: a condition or a step ("If ...", "Search the id ..."), a finite verb ("is
# downloaded", "We page when"), a sentence after a label ("Error rate: We page when ...")
_CLAUSE = re.compile(r"^\W*(?:if|when|whenever|search|check|go|run|open|see|restart|replay|look)\b"
                     r"|\b(?:is|are|was|were|we|you|they|goes|gets)\s+\w+|[.;]\s+\w", re.I)
# a threshold in words that no alert can be set on: "if it looks high", "slow", "abnormal spikes"; a threshold
# cell that is neither this nor a value (`edition_sync_outbox_items`, "per YAML above", "<key>") is the reader's
# gap, not the spec's, and is not reported
_VAGUE = re.compile(r"\b(?:high(?:er)?|low(?:er)?|slow(?:er)?|too\s+\w+|abnormal\w*|unusual\w*|significant\w*|"
                    r"excessive\w*|elevated|spik(?:e|es|ing)|large|big|many|lots|sustained|degraded|bad|poor|anomal\w*|"
                    r"noticeabl\w*|grow\w*|increas\w*|ris(?:e|es|ing)|looks?|seems?|reasonabl\w*|acceptabl\w*|"
                    r"as\s+needed|when\s+needed|normal|usual|expected)\b",  # (a "TBD" is a placeholder, reported before)
                    re.I)
_NONE = {"—", "–", "-", "n/a", "none", "no", "no alert", "dashboard only"}  # a metric that is watched by nobody
# a threshold is a value: a number, "any", "non-zero", or a state that either holds or does not
_COUNTER = re.compile(r"_total\b|_count\b|\bcount\b|\bnumber of\b", re.I)
_ANY_CHANGE = re.compile(r"(?:increas(?:es|ed|ing)|grows|goes\s+up|changes)\W*", re.I)
_CONCRETE = re.compile(r"\d|\b(?:any|non-?zero|every|each|none|fail\w*|down|open|expired?|missing|missed|late|overdue|set|"
                       r"true|false|"
                       r"breached|exceeded|stale|absent|"
                       r"not\s+\w+|no\s+\w+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|"
                       r"thousand)\b"  # numbers in words too
                       r"|`[^`]+`|\b(?-i:[A-Z][A-Z_]{2,})\b", re.I)  # a state it fires on: "`PARTIAL` or `REJECTED`"

"""Evidence of metrics the reader took no metric from: a kind of metric the document watches in words or shapes no
metric was read from (an alarm's comment, "p95 over 3 s pages on-call" in the error section), or a statement about
monitoring with a number an alert could fire on. Each is loose evidence (`monitoring:<kind>`, `monitoring:values`):
enough that monitoring is not called blind to it, never a metric of its own (DESIGN.md, "Absence")."""

from __future__ import annotations

import re

from .context import Reading
from .lazy_re import lazy
from .auth_words import CREDENTIAL_WORD
from .metric_words import NUMBER_NEAR
from .text import as_figures, sentences


# a statement about watching the integration: an alert, a threshold, a dashboard, a percentile
_WATCH = lazy(r"\b(?:alert|alarm|paged\b|pag(?:es?|ing)\s+(?:the\s+|an?\s+)?(?:on-?call|team|engineer|owner|ops|sre|duty)|pager|"
              r"monitor|metric|dashboard|threshold|slos?\b|slis?\b|p\d\d\b|warn|critical|notif|grafana|datadog|prometheus|"
              r"cloudwatch|opsgenie|on-?call)|[a-z](?:Alert|Alarm|Metric)|[<>≥≤]\s*\d", re.I)
# "warns when fewer than 30 days remain", said of a credential ("... the webhook secret's age is checked the same way")
_DAYS_REMAIN = lazy(r"\b(?:days?|weeks?)\s+(?:remain|are\s+left)\b", re.I)
_DASHBOARD = lazy(r"\bdashboards?\b", re.I)
_KIND_CLAUSES = lazy(r"[,;/(]|\band\b|\bor\b", re.I)
_RATE = lazy(r"\d|\brates?\b|\bratios?\b|\bcounts?\b|\bspikes?\b", re.I)
_AMOUNT = lazy(r"[<>≥≤]\s*\d|\b(?:depth|size|length|count|number\s+of|backlog|lag|age|oldest|empty|grow\w*|"
               r"(?:more|fewer|less)\s+than\s+\d+)\b", re.I)
# a credential's expiry as something watched; its rotation ("rolled every 90 days") is the procedure, not a signal
_EXPIRY_WORDS = lazy(r"\b(?:expir\w*|validity|valid\s+(?:until|for)|not[_ -]?after|renewal\s+fail\w*|"
                     r"days?\s+(?:left|before|remaining|to\s+(?:expiry|rotation|renewal))|days?\s+(?:of|from|before)\s+(?:its|their|the)\s+(?:rotation|renewal|"
                     r"expiry)\s+date|(?:rotation|renewal)\s+(?:date|deadline)\s+(?:is\s+)?(?:near|close|approach\w*)|"
                     # a count of days to the date a credential is due: "days until `TT_API_KEY` rotation due date",
                     # "within 21 days of its 6-month rotation date"
                     r"(?:days?|weeks?)\s+(?:until|till|to|before|of|from)\b[^.;|\n]{0,50}?\b(?:rotation|renewal|expiry|"
                     r"expiration)\s+(?:due\s+)?(?:date|deadline))",
                     re.I)
# a notice sent ahead of the date: "the portal emails #orchard-tech 14 days before any integration token expires"
# (not the new credential handed over ahead of the switch: "we email the new key 30 days before the old one expires")
_NOTICE_BEFORE = lazy(r"\b(?:e-?mails?|e-?mailed|reminds?|warns?|notifies|sends?\s+(?:an?\s+)?(?:reminder|warning|notice|"
                      r"notification|e-?mail))\b(?:(?!\b(?:new|renewed|replacement|next|fresh)\b)[^.;|\n]){0,60}?\b\d+\s*(?:days?|weeks?)\s+(?:before|ahead\s+of|"
                      r"prior\s+to)\b[^.;|\n]{0,50}?\bexpir"
                      # ... or at so many days out, after the date is read: "reads the secret's expiry date ... and emails
                      # the coordinator at 30 days and 7 days"
                      r"|\bexpir\w*\b[^.;|\n]{0,80}?\b(?:e-?mails?|reminds?|warns?|notifies|alerts?)\b[^.;|\n]{0,40}?"
                      r"\bat\s+\d+\s*(?:days?|weeks?)\b", re.I)
_UNWATCHED = lazy(r"\b(?:no|not|never|without)\s+(?:\w+\s+){0,2}(?:alert\w*|alarm\w*|monitor\w*|metric\w*|watch\w*|dashboard)"
                  r"|\b(?:tbd|tbc|todo)\b|\?\s*$", re.I)


def _expiry_watched(text: str) -> bool:
    """A credential's expiry (in a metric's name too: `member_client_secret_days_left`), watched by more than a
    console's name: "a new secret is created in the partner dashboard two weeks before it expires" is the rotation,
    done by hand, not an alert on the date."""
    return bool(_EXPIRY_WORDS.search(text) or _EXPIRY_WORDS.search(re.sub(r"[_.]", " ", text)) or (
        _DAYS_REMAIN.search(text) and CREDENTIAL_WORD.search(text))) and \
        bool(_WATCH.search(_DASHBOARD.sub(" ", text)) or NUMBER_NEAR.search(text) or
             _NOTICE_BEFORE.search(text) and CREDENTIAL_WORD.search(text))  # (a member's membership is no credential)


def watched_anywhere(r: Reading) -> None:
    """The kinds of metric the document watches in words or shapes the reader took no metric from (an
    alarm's comment, "p95 over 3 s pages on-call" in the error section, a dashboard under an ops heading):
    each is loose evidence (`monitoring:<kind>`), so the monitoring is not called blind to it. A credential's
    expiry counts only where the line says expiry or renewal: "alert when the token refresh fails" is an
    error, not the date a credential runs out."""
    testimony = r.spec.testimony
    if testimony is None:
        return
    read = {metric.kind for metric in r.spec.monitoring if not (metric.metric is not None and metric.metric.loose)}
    kinds_of: dict[str, set[str]] = {}  # a line's kinds, worked out once for the five questions

    def named(text: str) -> set[str]:
        if text not in kinds_of:
            clauses = [c for c in _KIND_CLAUSES.split(text) if c and c.strip()]
            kinds_of[text] = {r.vocab.metric_kind(clause) for clause in clauses} | {r.vocab.metric_kind(text)}
        return kinds_of[text]

    def names(kind):
        def test(text):  # a kind named beside what watches it: an alert, a threshold ("bridge_latency_seconds" alone is a name)
            text = as_figures(text)  # "more than one hundred (100) items are queued"
            if not (_WATCH.search(text) or NUMBER_NEAR.search(text) or kind == "token-expiry" and _NOTICE_BEFORE.search(text)):
                return False
            if kind == "token-expiry":  # in one sentence: "tokens are valid for 60 minutes" beside a scope
                # `alarms:write` in the next is no watch on the date
                return any(_expiry_watched(sentence) for _offset, sentence in sentences(text))
            if kind == "error-rate" and not _RATE.search(text) or kind in ("queue-depth", "dlq-size") and not \
                    _AMOUNT.search(text):
                return False  # "the DLQ pages on-call" tells of each failure, not of a depth watched
            return kind in named(text)
        return test

    for kind in ("latency", "error-rate", "queue-depth", "dlq-size", "token-expiry"):
        if kind not in read:
            watched = _WATCH.search if kind != "token-expiry" else \
                lambda text: bool(_WATCH.search(text) or _NOTICE_BEFORE.search(text))
            said = testimony.states(watched, names(kind), _UNWATCHED.search)
            if said:
                r.spec.evidence.setdefault(f"monitoring:{kind}", said[1])


def loose(r: Reading) -> None:
    """Evidence of metrics the reader could not read: a statement about monitoring with a number an
    alert could fire on, or a table under a monitoring heading whose columns it does not know."""
    for statement in r.statements:
        if statement.shape == "code" and "monitoring" in statement.placed and id(statement.code) not in r.examples:
            # a block under a monitoring heading that lists metrics in no shape the reader knows (aligned text, a
            # diff of alarm definitions): a line that names a metric's kind beside a number an alert fires on
            if any(r.vocab.metric_kind(line) != "other" and NUMBER_NEAR.search(line)
                   for line in statement.text.splitlines()):
                r.spec.evidence.setdefault("monitoring:values", statement.span)
                return
            continue
        if "monitoring" not in statement.topics or statement.shape in ("heading", "code"):
            continue
        if "sla" in statement.topics and "monitoring" not in statement.placed:
            continue  # "P99 under 2 seconds" is a target, not a metric someone is alerted on
        if (statement.shape == "row" and "monitoring" in statement.placed) or (
                r.vocab.metric_kind(statement.text) != "other" and NUMBER_NEAR.search(statement.text)):
            r.spec.evidence.setdefault("monitoring:values", statement.span)
            return


def listed_with_metrics(r: Reading) -> None:
    """The other items of a list one of whose items was read as a metric ("- time from a clock being read to the
    upload, alert if it's over 20 minutes;" over "- more than 3 failed uploads out of the last 10;"): a list of
    checks, each a metric of the kind its words name where they set a level, though none says "alert" again. Loose
    evidence of that kind (`monitoring:<kind>`), never a metric of its own."""
    read = {metric.span.line for metric in r.spec.monitoring}
    if not read:
        return
    runs: list[list] = []
    for statement in r.statements:
        run = runs[-1] if runs else None
        if statement.shape == "item" and run and run[-1].shape == "item" and run[-1].section is statement.section \
                and run[-1].parent is statement.parent and statement.span.line - run[-1].span.end_line <= 1:
            run.append(statement)
        else:
            runs.append([statement])
    for run in runs:
        if len(run) < 2 or run[0].shape != "item" or not any(item.span.line in read for item in run):
            continue
        for item in run:
            text = as_figures(item.text)
            kind = r.vocab.metric_kind(text)
            if item.span.line not in read and kind != "other" and NUMBER_NEAR.search(text) and \
                    not _UNWATCHED.search(text):
                r.spec.evidence.setdefault(f"monitoring:{kind}", item.span)

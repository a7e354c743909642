"""Alert rules in a config block: a list of metrics under a key that names monitoring, the keys of one rule
(a Prometheus rule, a cloud alarm) read together, or one key per metric under an alerting key."""

from __future__ import annotations

import re

from ..model import Metric, evidence
from .context import Reading
from .lazy_re import lazy
from .metric_words import ALARM_NAME, ALERT_LEVEL, COMPARISON
from .statements import words_of_key
from .values import value

_CAMEL = lazy(r"(?<=[a-z0-9])(?=[A-Z])")
_THRESHOLD_KEYS = ("threshold", "expr", "expression", "condition", "query", "comparison_operator", "when", "limit")
_METRIC_KEYS = ("metric", "metric_name", "metricname", "alert", "alarm_name", "name", "signal", "query", "expr")
_RULE_OWNER = lazy(r"alert|alarm|rule|monitor|metric|slo", re.I)
_ALERT_KEYS = ("severity", "alarm_actions", "labels.severity", "priority", "notify", "alert_actions", "level",
               "actions")


# a rule's own setting, no metric: the window it is measured over, how often it is checked, how long it must hold
_SETTING_OF_A_RULE = lazy(r"\b(?:window|period|interval|lookback|evaluation|eval|for|duration|pending|cooldown|"
                          r"repeat|resend|renotify|retain|retention|ttl)\b(?:\s+(?:s|secs?|seconds?|mins?|minutes?|h|hours?|"
                          r"days?|ms))?$", re.I)


def code_records(r: Reading, code_statement) -> None:
    """Alert rules in a config block: a list of metrics under a key that names monitoring, the keys of
    one rule (a Prometheus rule, a cloud alarm) read together, or one key per metric under an alerting
    key (`alert.error-rate.pct=2  # 15 min window -> critical`)."""
    keys = [s for s in r.under(code_statement) if s.shape == "code-key"]
    comments = {s.span.line: s.text for s in r.under(code_statement) if s.shape == "code-comment"}
    # a metric's own keys side by side: `p95 = { threshold = "> 10 s", alert = "page the director" }`
    leaves = {s.key: r.vocab.field("monitoring", words_of_key(s.key.rpartition(".")[2])) for s in keys}
    alerts = {s.key.rpartition(".")[0]: s for s in keys if leaves[s.key] == "alert" and s.value}
    taken: set[str] = set()  # the metrics read whole from their keys, not again as a rule's record
    for statement in keys:
        parts = statement.key.split(".")
        if len(parts) < 2 or not statement.value or "monitoring" not in r.vocab.section_parts(words_of_key(parts[0])):
            continue
        if leaves[statement.key] == "alert" or statement.value.lstrip().startswith("{"):
            continue  # the alert of the metric beside it; the inline table whose keys are read one by one
        named = leaves[statement.key] == "threshold" and len(parts) > 2  # `monitoring.p95.threshold`: the p95's
        words = words_of_key(".".join(parts[1:-1] if named else parts[1:]))
        kind = r.vocab.metric_kind(words)
        beside = alerts.get(statement.key.rpartition(".")[0]) if named else None
        if kind == "other" and beside is None or leaves[statement.key] == "metric":
            continue  # `latency.metric: clockfeed_e2e_seconds` names what the rules beside it are set on
        if _SETTING_OF_A_RULE.search(words):
            continue  # `error_window_min: 15`, `eval_interval_s`: the window the rules beside it are measured over
        note = comments.get(statement.span.line, "")
        level = ALERT_LEVEL.search(note) or ALERT_LEVEL.search(words_of_key(parts[-1]))  # `page_p95_over: 300s`
        fields = {"metric": value(words, statement.span), "threshold": value(statement.value, statement.span)}
        if beside is not None:
            fields["alert"] = value(beside.value, beside.span)
        elif level:
            fields["alert"] = value(level.group(0), statement.span)
        r.spec.monitoring.append(Metric(statement.span, kind, **fields))
        r.mark("monitoring", code_statement.section.span)
        if named:
            taken.add(statement.key.rpartition(".")[0])
    for statement in keys:  # `QueueDepthAlarm:   # InstructionQueue messages visible > 5 for 5 min`: an alarm
        name = statement.key.rpartition(".")[2]  # resource told by its name and the condition in its comment
        note = comments.get(statement.span.line, "")
        comparison = COMPARISON.search(note) if note and not statement.value and ALARM_NAME.search(name) else None
        if comparison is None or not re.search(r"\d", note[comparison.start():]):
            continue
        kind = r.vocab.metric_kind(name)  # its name's words first: `DLQNotEmptyAlarm`, then what its note says
        if kind == "other":
            kind = r.vocab.metric_kind(note)
        level = ALERT_LEVEL.search(note)
        r.spec.monitoring.append(Metric(statement.span, kind, metric=value(name, statement.span),
                                        threshold=value(note[comparison.start():], statement.span),
                                        alert=value(level.group(0) if level else "alarm", statement.span)))
        r.mark("monitoring", code_statement.section.span)
    groups: dict[str, list] = {}
    for statement in keys:
        owner, _, leaf = statement.key.rpartition(".")
        if leaf == "severity" and owner.endswith("labels"):
            owner, leaf = owner.rpartition(".")[0], "labels.severity"
        groups.setdefault(owner, []).append((leaf.lower(), statement))
    for owner, members in groups.items():
        if owner in taken:
            continue
        named = dict(members)
        fields = {}
        for leaf, statement in members:  # the vocabulary's words first: `metric`, `threshold`, `alert`
            field = r.vocab.field("monitoring", words_of_key(leaf))
            if field and field not in fields:
                fields[field] = statement
        root = words_of_key(owner.split(".")[0].split("[")[0]) if owner else ""
        monitored = "monitoring" in code_statement.placed or "monitoring" in r.vocab.section_parts(root)
        if monitored and "metric" in fields and "threshold" in fields:
            metric, threshold, alert = fields["metric"], fields["threshold"], fields.get("alert")
        elif not (_RULE_OWNER.search(owner) or named.keys() & {"alarm_name", "metric_name", "comparison_operator"} or (
                "expr" in named and named.keys() & {"alert", "for", "labels.severity", "severity"})):
            continue  # a flow's `name` and `when` are no alert rule; nor is a mapping's `expr` without an alert
        else:
            metric = next((named[k] for k in _METRIC_KEYS if k in named), None)
            threshold = next((named[k] for k in _THRESHOLD_KEYS if k in named), None)
            alert = next((named[k] for k in _ALERT_KEYS if k in named), None)
        if metric is None or threshold is None:
            continue
        words = " ".join(_CAMEL.sub(" ", s.value) for _, s in members if _ in _METRIC_KEYS) + " " + _CAMEL.sub(" ", owner)
        kind = r.vocab.metric_kind(words.replace("_", " "))
        said = threshold.value
        comparison = COMPARISON.search(said)
        fields = {"metric": value(f"{metric.value} ({owner})" if owner else metric.value, metric.span),
                  "threshold": value(comparison.group(0) if comparison else said, threshold.span)}
        if alert is not None:
            fields["alert"] = value(alert.value or "alert", alert.span)
        elif not (monitored and "metric" in fields and "threshold" in fields):
            fields["alert"] = evidence("alarm", metric.span)  # an alarm resource, an alert rule: it fires by its nature
        r.spec.monitoring.append(Metric(metric.span, kind, **fields))
        r.mark("monitoring", code_statement.section.span)

"""The words of an alert rule, wherever it is written (a table row, a list item, a sentence, a config
block's comment): the comparison that sets its threshold, the level or channel that says who is told, and
the name an alarm resource goes by."""

from __future__ import annotations

import re

from .lazy_re import lazy

COMPARISON = lazy(  # not the brackets of a placeholder: "Bearer <token>", "`Key-Expires: <ISO date>`"
    r"(?:(?:<(?![\w-]+>|[A-Za-z][\w -]{0,30}>)|(?<![\w-])>|[≥≤])=?|\b(?:above|below|over|under|exceeds?|more than|less than|greater than|at least|"
    r"at most|drops below|rises above|passes|any|within|older than|before|reaches|fewer than|falls? below|"
    # "warning at 30 days, critical at 7", "alert at 80 %": a level after a level word, or a share or a count of days;
    # not a time of day ("runs at 3 am", "at 0200 UTC") nor a point in a lifetime ("refreshed at 80 % of its lifetime")
    r"(?:(?<=warning\s)|(?<=critical\s)|(?<=alert\s)|(?<=page\s)|(?<=warn\s)|(?<=major\s)|(?<=minor\s))at(?=\s+\d+(?:\.\d+)?\b(?![:.]\d|\s*(?:am|pm|utc)\b))|"
    r"at(?=\s+\d+(?:\.\d+)?\s*(?:%|percent|days?|weeks?)(?!\s+of\s+(?:its|the)\b))|"
    # "1 or more", "3 in 5 min", "2 failures in an hour": a count that fires, over a window or none
    r"\d+\s+or\s+(?:more|over|above|higher|greater|fewer|less|below|under)|"
    # a run that fires: "3 failed refreshes in a row", "failed two days running"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){0,2}?(?:in\s+a\s+row|running|back[- ]to[- ]back)|"
    r"\d+\s+(?:[a-z]+\s+)?in\s+(?:an?\s+|\d+\s*)?(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?)|"
    r"goes above|(?:grows|goes|gets|climbs|rises)\s+(?:beyond|past)|increas(?:es|ed|ing)|grows|goes\s+up|non-?zero|non-?empty|(?:is\s+)?not\s+empty|stays? above|no\s+(?:\w+\s+){1,3}(?:for|in|within)|longer than|shorter than|(?:deeper|larger|bigger|higher|lower|slower)\s+than|\d+\s*(?:days?|hours?|weeks?|months?|minutes?|%)?\s*(?:left|remaining)|\d+\s*(?:days?|hours?|weeks?)\s+(?:ahead|prior)|not\s+(?:yet\s+)?(?:finished|done|completed?|received|"
    r"arrived|seen|started)\s+(?:by|at|before|within))\b)\s*[^,;→\n]*",
    re.I,
)
# who is told: "#ops", "Teams", "Partner Engineering", "the service desk"
CHANNEL = lazy(r"(?:^|[\s`(])#[\w-]{2,}|\b(?:teams?|victorops|squadcast|servicenow|engineering|ops|operations|support|desk|"
                r"squad|duty)\b", re.I)
ALERT_LEVEL = lazy(
    r"\b(warning|warn|critical|crit|page(?:s|r|d)?|paging|sev[- ]?\d|p[1-5]|info|major|minor|high|low|medium|"
    r"alert|alarm|ticket|notify|slack|pagerduty|opsgenie|e-?mail|on[- ]call|contact\w*|inform\w*|call\s+you|digest|"
    # a person told by text message: "→ supervisor text", "texts the warden"
    r"sms|texts?\s+(?:to|the)|text(?=\s*(?:[.;,)]|$))|"
    # a message to whoever is on duty: "→ Signal message to the tech rota", "WhatsApp message to the duty volunteer"
    r"messages?\s+to|messaged|rota|duty\s+(?:volunteer|engineer|person|manager|officer)|"
    # ... on an app named by its name ("Signal message"), not a count of a broker's messages ("Kafka messages waiting")
    r"(?-i:[A-Z][a-z]{3,10})\s+messages?(?!\s+(?:per|in|on|waiting|queued|ready|above|over|older|count|lag|age)\b))\b",
    re.I,
)
# a person told by phone, in a cell of its own beside the metric's name: "Text Ben and Gwen", "SMS to Alex", "ring the
# duty manager"
BY_PHONE = lazy(r"^\W*(?:(?:text|ring|phone|sms)(?:s|ed)?\s+(?:and\s+e-?mail\s+)?(?:to\s+)?(?:(?-i:[A-Z])[a-z]+\b|the\s+(?:duty|on[- ]call|"
                r"manager))|sms\s+(?:to|for)\s+\w)", re.I)
ALARM_NAME = lazy(r"(?:alarm|alert)s?$", re.I)  # `DLQNotEmptyAlarm`, `latency_alert`
NUMBER_NEAR = lazy(r"[<>≥≤]=?\s*\d|\b(?:above|over|exceeds?|more\s+than|less\s+than|fewer\s+than|below|under|at\s+least|"
                    r"greater\s+than)\s+~?\d|\d+(?:[.,]\d+)?\s*%", re.I)

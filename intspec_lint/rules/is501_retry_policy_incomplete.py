import re

from ..findings import Hit, Severity
from ..rule import Case, rule
from ..model import given
from ._common import absent, missing

_FIELDS = (
    ("strategy", "strategy", "name the strategy (e.g. exponential backoff with full jitter)"),
    ("initial_delay", "initial delay", "give the first delay (e.g. 1 second)"),
    ("max_attempts", "maximum number of attempts", "give the attempt limit (e.g. 5 retries)"),
    ("max_delay", "maximum delay cap", "give the delay cap (e.g. 60 seconds)"),
    ("circuit_breaker", "circuit breaker threshold",
     "give the breaker's threshold (e.g. 10 consecutive failures open the circuit for 5 min)"),
)
_CHECKLIST = "Retry policy specifies strategy, delays, max attempts, and circuit breaker thresholds"


_STEADY = re.compile(r"\b(?:fixed|constant|linear(?:ly)?\s+spaced|every\s+\d+(?:[.,]\d+)?\s*\w+)", re.I)
_GROWING = re.compile(r"\b(?:exponential\w*|doubl\w+|increas\w+|multipl\w+|factor|growing)\b", re.I)


@rule(
    code="IS501",
    name="retry-policy-incomplete",
    checklist="retry-policy",
    severity=Severity.ERROR,
    summary="The retry policy leaves out its strategy, delays, attempt limit or circuit breaker (or is missing).",
    rationale="Without a bound, a delay and a circuit breaker, a failing partner is hammered until something "
    "else gives way, and 'we retry' means something different to every engineer who implements it. A circuit "
    "breaker's open duration left as a placeholder (\"open_for: TBD\") is reported too; one never mentioned is "
    "IS503's advice. The checklist asks for \"delays\": a policy that gives its first delay or its cap gives its "
    "delays, and owes the other bound only where its own cell is left empty; one that gives its delays owes no "
    "strategy's name.",
    bad="## Retries\n\nWe retry with exponential backoff.\n",
    good="## Retries\n\n- **Strategy**: exponential backoff with full jitter\n- **Initial delay**: 1 second\n"
    "- **Max retries**: 5\n- **Max delay cap**: 60 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures open the circuit for 5 minutes\n",
    cases=(
        Case(Severity.ERROR, "no retry policy", "No retry policy. \"We'll handle errors\" is not a spec. Define the "
             "exact backoff strategy, max retries, and what happens after all retries are exhausted.",
             "common mistakes"),
        Case(Severity.ERROR, "a retry policy without its strategy, initial delay, maximum number of attempts, "
             "maximum delay cap or circuit breaker threshold; one finding naming every gap (a fixed delay, \"every 5 "
             "minutes\", is its own cap)", _CHECKLIST,
             "quality checklist"),
    ),
)
def retry_policy_incomplete(spec, options):
    retry = spec.retry
    if retry is None:
        if spec.mentions("retry"):  # "failed calls are retried": retries, but no policy
            yield Hit(spec.evidence.get("retry", spec.where("retry")), "retries are mentioned, but no retry policy "
                      "is given: state the strategy, initial delay, max attempts, max delay cap and circuit breaker "
                      "threshold")
            return
        yield absent(spec, "retry", "retry policy", "give the strategy, initial delay, max attempts, max delay cap and "
                                                    "circuit breaker threshold")
        return
    where = spec.where("retry") if spec.has("retry") else retry.span
    steady = retry.strategy is not None and _STEADY.search(retry.strategy.text) and not _GROWING.search(retry.strategy.text)
    for field, what, example in _FIELDS:
        if field == "max_delay" and steady and retry.max_delay is None:
            continue  # "retry every 5 minutes": a delay that never grows is its own cap
        if field in ("max_delay", "initial_delay") and getattr(retry, field) is None and \
                given(retry.max_delay if field == "initial_delay" else retry.initial_delay):
            continue  # the checklist's "delays": "from 2 s, doubling" or "backoff up to 60 s" gives them; the other
            # bound is asked only where the form leaves its cell empty (on fresh specs such asks were almost all false)
        if field == "strategy" and retry.strategy is None and (given(retry.initial_delay) or given(retry.max_delay)):
            continue  # "1 s / 2 s / 4 s", "starting at 2 s, up to 60 s": the delays it gives are its strategy
        hit = missing(getattr(retry, field), where, "the retry policy", what, example)
        if hit:
            yield hit
    if retry.circuit_open is not None and given(retry.circuit_breaker):  # "open_for: TBD": a value owed, said so
        hit = missing(retry.circuit_open, where, "the retry policy", "circuit breaker open duration",
                      "say how long the circuit stays open before a trial call (e.g. 5 minutes)")
        if hit:
            yield hit

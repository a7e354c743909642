from dataclasses import dataclass

from ..findings import Severity
from ..rule import Case, rule
from ..reading.flows import is_async
from ..reading.retry import backoff_growth, is_unbounded, retries_at_most_once, worst_case
from ..reading.values import denies
from ..model import given, precise
from ._common import gap

_CAP_BELOW_INITIAL = Case(Severity.ERROR, "a max delay cap below the initial delay: the spec contradicts itself",
                          "Initial delay: e.g., 1 second [...] Max delay cap: e.g., 60 seconds",
                          "template, 6. Retry Logic")
_UNBOUNDED = Case(Severity.ERROR, "unbounded retries: no maximum number of attempts", "Retry policy specifies "
                  "strategy, delays, max attempts, and circuit breaker thresholds", "quality checklist")
_TOO_MANY = Case(Severity.WARNING, "more attempts than the `max_attempts` option (10) allows: the tool's own advice")
_NO_JITTER = Case(Severity.WARNING, "a backoff without jitter: advice beyond the checklist, which asks for a strategy "
                  "(IS501 reports a missing one)", "Strategy: Exponential backoff with jitter",
                  "template, 6. Retry Logic, as its example")
_BREAKER_OPEN = Case(Severity.WARNING, "a circuit breaker that never says how long it stays open: advice beyond the "
                     "checklist, which asks for the threshold", "Circuit breaker threshold: e.g., 10 consecutive "
                     "failures opens the circuit for 5 minutes", "template, 6. Retry Logic, as its example")
_OUTLASTS = Case(Severity.ERROR, "retries whose worst case outlasts the message TTL or the caller's timeout the spec "
                 "states: the spec contradicts itself, and messages expire unhandled", "failed messages are never "
                 "silently dropped", "quality checklist")


@dataclass(frozen=True)
class Options:
    max_attempts: int = 10  # more attempts than this are reported
    require_jitter: bool = True  # report a backoff without jitter


@rule(
    code="IS502",
    name="retry-policy-unsafe",
    checklist="retry-policy",
    severity=Severity.ERROR,
    summary="The retry values contradict each other or are unsafe: a cap below the initial delay, unbounded or "
    "too many attempts, no jitter, retries that outlast the caller's timeout or the message TTL, a circuit "
    "breaker that never says how long it stays open.",
    rationale="A retry policy is arithmetic: the delays, the cap and the attempts add up to a time that has to "
    "fit in the caller's timeout or the message's life. Unbounded retries and synchronized clients without "
    "jitter turn a partner's short outage into a retry storm.",
    bad="## Retry Logic\n\n- **Strategy**: exponential backoff\n- **Initial delay**: 30 seconds\n"
    "- **Max retries**: unlimited\n- **Max delay cap**: 10 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures\n",
    good="## Retry Logic\n\n- **Strategy**: exponential backoff with full jitter\n- **Initial delay**: 1 second\n"
    "- **Max retries**: 5\n- **Max delay cap**: 60 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures open the circuit for 5 minutes\n",
    options=Options,
    cases=(_CAP_BELOW_INITIAL, _UNBOUNDED, _TOO_MANY, _NO_JITTER, _BREAKER_OPEN, _OUTLASTS),
)
def retry_policy_unsafe(spec, options):
    retry = spec.retry
    if retry is None:
        return
    initial, cap, attempts = retry.initial_delay, retry.max_delay, retry.max_attempts
    where = spec.where("retry") if spec.has("retry") else retry.span

    def unsafe(span, what, fix, case):
        return gap(span, "the retry policy", what, fix, case.severity, anchor=where)

    if precise(initial) and precise(cap) and initial.number and cap.number is not None and cap.number < initial.number:
        yield unsafe(cap.span, f"a max delay cap ({cap.text}) smaller than its initial delay ({initial.text})",
                     "make the cap at least the first delay", _CAP_BELOW_INITIAL)
    if given(attempts) and is_unbounded(attempts.text):
        yield unsafe(attempts.span, f"no bound on its attempts ('{attempts.text}')", "give a maximum number of "
                     "attempts, after which the message is dead-lettered", _UNBOUNDED)
    elif precise(attempts) and attempts.number is not None and attempts.number > options.max_attempts:
        yield unsafe(attempts.span, f"{attempts.number:g} attempts, more than {options.max_attempts}", "lower the "
                     "attempts, or raise `max_attempts` for IS502 in the config if this partner really needs them",
                     _TOO_MANY)
    strategy = retry.strategy
    said = " ".join(v.text for v in (strategy, retry.jitter) if v is not None)
    jitter = given(retry.jitter) and not denies(retry.jitter.text)  # "jitter: full"
    if (options.require_jitter and precise(strategy) and not jitter and "jitter" not in said.lower()
            and not retries_at_most_once(strategy.text)):
        yield unsafe(strategy.span, f"no jitter in its strategy ('{strategy.text}')", "add full or equal jitter: "
                     "many clients retrying on the same schedule hit the partner in waves", _NO_JITTER)
    if precise(retry.circuit_breaker) and not given(retry.circuit_open):
        yield unsafe(retry.circuit_breaker.span, "a circuit breaker that never says how long it stays open",
                     "add an open duration before a trial call (e.g. 'opens for 5 minutes')", _BREAKER_OPEN)
    worst = worst_case(retry)
    budget = _budget(spec)
    if worst is not None and budget is not None and worst > budget[0] and given(attempts):
        yield unsafe(attempts.span, f"a worst-case retry time of {_duration(worst)} ({_how(retry)}), longer than "
                     f"{budget[1]} ({_duration(budget[0])})", f"fewer attempts, a lower cap, or a longer {budget[2]}",
                     _OUTLASTS)


def _budget(spec) -> tuple[float, str, str] | None:
    """What the retries must fit in: the message TTL when the integration is queued, the caller's timeout
    (or latency target) when it is synchronous."""
    sla = spec.sla
    if sla is None:
        return None
    queued = any(is_async(" ".join(v.text for v in (f.trigger, f.payload, f.name) if v)) for f in spec.flows)
    queued = queued or any(c.kind == "message" for c in spec.contracts)
    if queued and given(sla.message_ttl) and sla.message_ttl.number:
        return sla.message_ttl.number, f"the message TTL of {sla.message_ttl.text}", "TTL"
    if not queued and given(sla.timeout) and sla.timeout.number:  # a caller that waits for the retries' end
        return sla.timeout.number, f"the caller's timeout of {sla.timeout.text}", "timeout"
    return None


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 120:
        return f"{seconds / 60:.1f} min"
    return f"{seconds:g} s"


def _how(retry) -> str:
    parts = [f"{retry.max_attempts.number:g} attempts"]
    parts.append(f"from {retry.initial_delay.text}")
    if given(retry.max_delay):
        parts.append(f"capped at {retry.max_delay.text}")
    return ", ".join(parts)

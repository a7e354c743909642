from dataclasses import dataclass

from ..findings import Hit, Severity
from ..rule import rule
from ..reading.flows import is_async
from ..reading.retry import backoff_growth, is_unbounded, retries_at_most_once, worst_case
from ..reading.values import denies
from ..model import given, precise


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
)
def retry_policy_unsafe(spec, options):
    retry = spec.retry
    if retry is None:
        return
    initial, cap, attempts = retry.initial_delay, retry.max_delay, retry.max_attempts
    if precise(initial) and precise(cap) and initial.number and cap.number is not None and cap.number < initial.number:
        yield Hit(cap.span, f"the max delay cap ({cap.text}) is smaller than the initial delay ({initial.text}): the "
                            "cap must be at least the first delay")
    if given(attempts) and is_unbounded(attempts.text):
        yield Hit(attempts.span, f"retries are unbounded ('{attempts.text}'): give a maximum number of attempts, "
                                 "after which the message is dead-lettered")
    elif precise(attempts) and attempts.number is not None and attempts.number > options.max_attempts:
        yield Hit(attempts.span, f"{attempts.number:g} attempts is more than {options.max_attempts}: lower it, or "
                                 "raise `max_attempts` for IS502 in the config if this partner really needs it")
    strategy = retry.strategy
    said = " ".join(v.text for v in (strategy, retry.jitter) if v is not None)
    jitter = given(retry.jitter) and not denies(retry.jitter.text)  # "jitter: full"
    if (options.require_jitter and precise(strategy) and not jitter and "jitter" not in said.lower()
            and not retries_at_most_once(strategy.text)):
        yield Hit(strategy.span, f"the retry strategy ('{strategy.text}') has no jitter: many clients retrying on "
                                 "the same schedule hit the partner in waves; add full or equal jitter")
    if precise(retry.circuit_breaker) and not given(retry.circuit_open):
        yield Hit(retry.circuit_breaker.span, "the circuit breaker does not say how long it stays open before a "
                                              "trial call: add an open duration (e.g. 'opens for 5 minutes')")
    worst = worst_case(retry)
    budget = _budget(spec)
    if worst is not None and budget is not None and worst > budget[0] and given(attempts):
        yield Hit(attempts.span, f"the worst-case retry time is {_duration(worst)} ({_how(retry)}), longer than "
                                 f"{budget[1]} ({_duration(budget[0])}): fewer attempts, a lower cap, or a longer "
                                 f"{budget[2]}")


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

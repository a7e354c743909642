from ..findings import Severity
from ..rule import Case, rule
from ..reading.flows import is_async
from ..reading.retry import is_unbounded, worst_case
from ..model import given, precise
from ._common import gap

_CAP_BELOW_INITIAL = Case(Severity.ERROR, "a max delay cap below the initial delay: the spec contradicts itself",
                          "Initial delay: e.g., 1 second [...] Max delay cap: e.g., 60 seconds",
                          "template, 6. Retry Logic")
_UNBOUNDED = Case(Severity.ERROR, "unbounded retries: no maximum number of attempts", "Retry policy specifies "
                  "strategy, delays, max attempts, and circuit breaker thresholds", "quality checklist")
_OUTLASTS = Case(Severity.ERROR, "retries whose worst case outlasts the message TTL or the caller's timeout the spec "
                 "states: the spec contradicts itself, and messages expire unhandled", "failed messages are never "
                 "silently dropped", "quality checklist")


@rule(
    code="IS502",
    name="retry-policy-unsafe",
    checklist="retry-policy",
    severity=Severity.ERROR,
    summary="The retry values contradict each other or are unsafe: a cap below the initial delay, unbounded "
    "attempts, retries that outlast the caller's timeout or the message TTL.",
    rationale="A retry policy is arithmetic: the delays, the cap and the attempts add up to a time that has to "
    "fit in the caller's timeout or the message's life (the message's, where the flows are queued or the caller "
    "keeps what fails in an outbox and sends it again later: nobody waits for the retries). Unbounded retries turn a partner's short outage into "
    "a retry storm and messages that expire unhandled. Attempts unlimited only while a condition holds, with a count "
    "otherwise (\"unlimited while offline; 8 once online, then dead-letter\"), are bounded. (Advice on jitter, the number of attempts and the "
    "breaker's open time is IS503's, in the strict preset.)",
    bad="## Retry Logic\n\n- **Strategy**: exponential backoff\n- **Initial delay**: 30 seconds\n"
    "- **Max retries**: unlimited\n- **Max delay cap**: 10 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures\n",
    good="## Retry Logic\n\n- **Strategy**: exponential backoff with full jitter\n- **Initial delay**: 1 second\n"
    "- **Max retries**: 5\n- **Max delay cap**: 60 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures open the circuit for 5 minutes\n",
    cases=(_CAP_BELOW_INITIAL, _UNBOUNDED, _OUTLASTS),
)
def retry_policy_unsafe(spec, options):
    retry = spec.retry
    if retry is None:
        return
    initial, cap, attempts = retry.initial_delay, retry.max_delay, retry.max_attempts
    where = spec.where("retry") if spec.has("retry") else retry.span

    def unsafe(span, what, fix, case):
        return gap(span, "the retry policy", what, fix, case.severity, anchor=where)

    # both said of one policy (a few lines apart): a spec with two policies (a fixed 50 ms for the interactive
    # call, 2 s doubling to 5 min for the batch) gives each its own values, which one reading would cross
    together = precise(initial) and precise(cap) and abs(cap.span.line - initial.span.line) <= _ONE_POLICY
    if together and initial.number and cap.number is not None and cap.number < initial.number:
        yield unsafe(cap.span, f"a max delay cap ({cap.text}) smaller than its initial delay ({initial.text})",
                     "make the cap at least the first delay", _CAP_BELOW_INITIAL)
    if given(attempts) and is_unbounded(attempts.text):
        yield unsafe(attempts.span, f"no bound on its attempts ('{attempts.text}')", "give a maximum number of "
                     "attempts, after which the message is dead-lettered", _UNBOUNDED)
    worst = worst_case(retry)
    budget = _budget(spec)
    if worst is not None and budget is not None and worst > budget[0] and given(attempts):
        yield unsafe(attempts.span, f"a worst-case retry time of {_duration(worst)} ({_how(retry)}), longer than "
                     f"{budget[1]} ({_duration(budget[0])})", f"fewer attempts, a lower cap, or a longer {budget[2]}",
                     _OUTLASTS)


_ONE_POLICY = 6  # lines


def _budget(spec) -> tuple[float, str, str] | None:
    """What the retries must fit in: the message TTL when the integration is queued, the caller's timeout
    (or latency target) when it is synchronous."""
    sla = spec.sla
    if sla is None:
        return None
    queued = any(is_async(" ".join(v.text for v in (f.trigger, f.payload, f.name) if v)) for f in spec.flows)
    queued = queued or any(c.kind == "message" for c in spec.contracts)
    # the caller keeps what fails and sends it again later ("tickets stay in the local outbox, which drains when the
    # other side answers again"): nobody waits for the retries' end
    queued = queued or any(given(v) and is_async(v.text) for v in (sla.when_down, spec.retry.strategy))
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

from dataclasses import dataclass

from ..findings import Severity
from ..model import given, precise
from ..reading.retry import retries_at_most_once
from ..reading.values import denies
from ..rule import Case, rule
from ._common import gap

_TOO_MANY = Case(Severity.WARNING, "more attempts than the `max_attempts` option (10) allows: the tool's own advice")
_NO_JITTER = Case(Severity.WARNING, "a backoff without jitter: advice beyond the checklist, which asks for a strategy "
                  "(IS501 reports a missing one)", "Strategy: Exponential backoff with jitter",
                  "template, 6. Retry Logic, as its example")
_BREAKER_OPEN = Case(Severity.WARNING, "a circuit breaker that never says how long it stays open: advice beyond the "
                     "checklist, which asks for the threshold", "Circuit breaker threshold: e.g., 10 consecutive "
                     "failures opens the circuit for 5 minutes", "template, 6. Retry Logic, as its example")


@dataclass(frozen=True)
class Options:
    max_attempts: int = 10  # more attempts than this are reported
    require_jitter: bool = True  # report a backoff without jitter


@rule(
    code="IS503",
    name="retry-policy-advice",
    checklist="retry-policy",
    severity=Severity.WARNING,
    summary="The retry policy has no jitter, more attempts than a partner usually tolerates, or a circuit breaker "
    "that never says how long it stays open (advice beyond the skill; on with `extends: strict`).",
    rationale="Clients that retry on the same schedule hit a recovering partner in waves; a dozen attempts stretch a "
    "short outage into a long one; a breaker with no open time never lets a trial call through. None of these is "
    "what the skill's checklist asks (IS501 and IS502 check that), so they are advice, off by default.",
    bad="## Retry Logic\n\n- **Strategy**: exponential backoff\n- **Initial delay**: 1 second\n"
    "- **Max retries**: 12\n- **Max delay cap**: 60 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures\n",
    good="## Retry Logic\n\n- **Strategy**: exponential backoff with full jitter\n- **Initial delay**: 1 second\n"
    "- **Max retries**: 5\n- **Max delay cap**: 60 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures open the circuit for 5 minutes\n",
    options=Options,
    default_enabled=False,
    cases=(_TOO_MANY, _NO_JITTER, _BREAKER_OPEN),
)
def retry_policy_advice(spec, options):
    retry = spec.retry
    if retry is None:
        return
    attempts = retry.max_attempts
    where = spec.where("retry") if spec.has("retry") else retry.span

    def advise(span, what, fix, case):
        return gap(span, "the retry policy", what, fix, case.severity, anchor=where)

    if precise(attempts) and attempts.number is not None and attempts.number > options.max_attempts:
        yield advise(attempts.span, f"{attempts.number:g} attempts, more than {options.max_attempts}", "lower the "
                     "attempts, or raise `max_attempts` for IS503 in the config if this partner really needs them",
                     _TOO_MANY)
    strategy = retry.strategy
    said = " ".join(v.text for v in (strategy, retry.jitter) if v is not None)
    jitter = given(retry.jitter) and not denies(retry.jitter.text)  # "jitter: full"
    if (options.require_jitter and precise(strategy) and not jitter and "jitter" not in said.lower()
            and not retries_at_most_once(strategy.text)):
        yield advise(strategy.span, f"no jitter in its strategy ('{strategy.text}')", "add full or equal jitter: "
                     "many clients retrying on the same schedule hit the partner in waves", _NO_JITTER)
    if precise(retry.circuit_breaker) and not given(retry.circuit_open):
        yield advise(retry.circuit_breaker.span, "a circuit breaker that never says how long it stays open",
                     "add an open duration before a trial call (e.g. 'opens for 5 minutes')", _BREAKER_OPEN)

from ..findings import Hit, Severity
from ..rule import rule
from ._common import missing

_FIELDS = (
    ("strategy", "strategy", "e.g. exponential backoff with full jitter"),
    ("initial_delay", "initial delay", "e.g. 1 second"),
    ("max_attempts", "maximum number of attempts", "e.g. 5 retries"),
    ("max_delay", "maximum delay cap", "e.g. 60 seconds"),
    ("circuit_breaker", "circuit breaker threshold", "e.g. 10 consecutive failures open the circuit for 5 min"),
)


@rule(
    code="IS501",
    name="retry-policy-incomplete",
    checklist="retry-policy",
    severity=Severity.ERROR,
    summary="The retry policy leaves out its strategy, delays, attempt limit or circuit breaker (or is missing).",
    rationale="Without a bound, a delay and a circuit breaker, a failing partner is hammered until something "
    "else gives way, and 'we retry' means something different to every engineer who implements it.",
    bad="## Retries\n\nWe retry with exponential backoff.\n",
    good="## Retries\n\n- **Strategy**: exponential backoff with full jitter\n- **Initial delay**: 1 second\n"
    "- **Max retries**: 5\n- **Max delay cap**: 60 seconds\n"
    "- **Circuit breaker threshold**: 10 consecutive failures open the circuit for 5 minutes\n",
)
def retry_policy_incomplete(spec, options):
    retry = spec.retry
    if retry is None:
        if spec.mentions("retry"):  # "failed calls are retried": retries, but no policy
            yield Hit(spec.evidence.get("retry", spec.where("retry")), "retries are mentioned, but no retry policy "
                      "is given: state the strategy, initial delay, max attempts, max delay cap and circuit breaker "
                      "threshold")
            return
        yield Hit(spec.title, "there is no retry policy: give the strategy, initial delay, max attempts, max delay "
                              "cap and circuit breaker threshold")
        return
    where = spec.where("retry") if spec.has("retry") else retry.span
    for field, what, example in _FIELDS:
        hit = missing(getattr(retry, field), where, "the retry policy", what, example)
        if hit:
            yield hit

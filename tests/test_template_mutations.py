"""The skill's template, filled in properly, is clean; each defect cut from it is reported at its place."""

import re
from pathlib import Path

import pytest

from intspec_lint import lint_text
from intspec_lint.config import Settings

TEMPLATE = (Path(__file__).parent / "corpus" / "markdown" / "orders-template.md").read_text(encoding="utf-8")
LINES = TEMPLATE.split("\n")


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def replace_line(containing: str, new: str | None):
    def mutate(text: str) -> str:
        lines = text.split("\n")
        index = line_of(text, containing) - 1
        if new is None:
            del lines[index]
        else:
            lines[index] = new
        return "\n".join(lines)

    return mutate


def substitute(pattern: str, new: str, count: int = 1):
    def mutate(text: str) -> str:
        changed, done = re.subn(pattern, new, text, count=count, flags=re.S)
        assert done, pattern
        return changed

    return mutate


def cut_from(heading: str):
    def mutate(text: str) -> str:
        return text[: text.index(heading)]

    return mutate


def chain(*mutations):
    def mutate(text: str) -> str:
        for mutation in mutations:
            text = mutation(text)
        return text

    return mutate


# (id, mutation, expected code, the text of the line it must be reported on)
MUTATIONS = [
    ("flow-trigger-blank", substitute(r"\| `order.placed` event on SQS \|", "|  |"), "IS101", "| Create fulfillment order |"),
    ("flow-frequency-tbd", substitute(r"\| 96/day \|", "| TBD |"), "IS101", "| Inventory snapshot |"),
    ("contract-status-codes-cut", replace_line("Status codes: 200 accepted or duplicate", ""), "IS201",
     "### 3.2 POST"),
    ("contract-response-example-cut", substitute(r"Example response \(201\):\n\n```json\n.*?```\n", ""), "IS202",
     "### 3.1 POST"),
    ("contract-example-broken", substitute(r'"service_level": "standard",', '"service_level": standard,'), "IS203",
     '"service_level": standard,'),
    ("auth-other-system-cut", replace_line("| Order Service webhook endpoint |", None), "IS301",
     "## 4. Authentication"),
    ("auth-storage-blank", substitute(r"(\| Northwind Fulfillment API \|[^\n]*\|)[^|\n]*\|\n", r"\1  |\n"), "IS304",
     "| Northwind Fulfillment API |"),
    # a partial category is owed where part of an operation can fail: the order's lines here
    ("errors-partial-cut", chain(replace_line("| Partial |", None),
                                 substitute(r"1-200 items;", "1-200 items, some lines are rejected for an unknown SKU;")),
     "IS401", "## 5. Error Handling"),
    ("errors-action-blank", substitute(r"\| Alert and dead-letter \|", "|  |"), "IS401", "| Permanent |"),
    ("retry-max-attempts-cut", replace_line("**Max retries**", None), "IS501", "## 6. Retry Logic"),
    ("retry-breaker-tbd", replace_line("**Circuit breaker threshold**", "- **Circuit breaker threshold**: TBD"),
     "IS501", "**Circuit breaker threshold**: TBD"),
    # the cap gives the checklist's "delays": the first delay is owed where its line is left open, not where cut
    ("retry-initial-delay-tbd", replace_line("**Initial delay**", "- **Initial delay**: TBD"), "IS501",
     "**Initial delay**: TBD"),
    ("dead-letter-alert-cut", chain(substitute(r"; PagerDuty pages[^\n]*", "."),
                                    substitute(r"\| Alert and dead-letter \|", "| Dead-letter |"),
                                    substitute(r"/ DLQ size \| > 10,000 / > 0 \| Warning / Critical", "| > 10,000 | Warning")),
     "IS601", "**Dead-letter handling**"),
    ("monitoring-token-expiry-cut", replace_line("| OAuth client secret and webhook secret expiry |", None), "IS701",
     "## 7. Monitoring"),
    ("monitoring-alert-blank", substitute(r"\| > 1% over 5 minutes \| Critical \|", "| > 1% over 5 minutes |  |"),
     "IS701", "| Error rate"),
    ("monitoring-section-cut", substitute(r"## 7\. Monitoring and Alerting.*?(?=## 8\.)", ""), "IS701",
     "# Integration Specification"),
    ("mapping-transform-blank", substitute(r"\| Lookup table `countries.csv` \|", "|  |"), "IS801",
     "| `order.shipping_address.country` |"),
    ("mapping-target-type-blank", substitute(r"\| `placed_at` \| ISO 8601 \|", "| `placed_at` |  |"), "IS807",
     "| `order.paid_at` |"),
    # every word of repeats goes, the replay rows of the status table too: a status line that says what a
    # replayed key gets is the document speaking of idempotency (reading/absence.py)
    ("idempotency-key-cut", chain(cut_from("## 9. Idempotency"), substitute("Idempotency-Key", "X-Trace-Id", 0),
                                  substitute(r"Replay of a known `X-Trace-Id`; original body returned", "Order updated", 0),
                                  substitute(r"Same key, different payload", "Order changed meanwhile", 0)),
     "IS901", "### 3.1 POST"),
]


def test_template_filled_in_is_clean():
    assert lint_text(TEMPLATE, format="markdown") == []


@pytest.mark.parametrize("mutation, code, anchor", [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS])
def test_each_defect_is_reported_at_its_place(mutation, code, anchor):
    text = mutation(TEMPLATE)
    assert text != TEMPLATE
    settings = Settings(enabled_extra=frozenset({code}))  # a rule off by default (IS304) is run for its defect
    findings = lint_text(text, format="markdown", settings=settings)
    assert [(f.code, f.line) for f in findings] == [(code, line_of(text, anchor))], findings

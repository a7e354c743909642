"""How examples are read and judged: which part of a block is the call and which the answer, and which
declared body an example is judged against. Each test names the class of misreading it guards."""

from intspec_lint import lint_text
from intspec_lint.document.markdown import parse_markdown
from intspec_lint.reading.markdown import extract_markdown
from intspec_lint.reading.vocabulary import load_vocabulary


def spec_of(text):
    return extract_markdown(parse_markdown(text), load_vocabulary())


def codes(text, *only):
    return sorted({f.code for f in lint_text(text, "markdown") if not only or f.code in only})


EXCHANGE = """# Clinic → Insurer

## Submit claim

`POST https://api.insurer.example/v2/claims` with `invoice_ref` (string, required) and `total` (string, required).
Answers `201` created, `400` invalid, `503` down.

```http
POST /v2/claims HTTP/1.1
Host: api.insurer.example
Content-Type: application/json

{"invoice_ref": "INV-1", "total": "41.20"}

HTTP/1.1 201 Created
Content-Type: application/json

{"claim_id": "CLM-9", "status": "RECEIVED"}
```
"""


def test_an_http_block_holding_the_call_and_its_answer_is_two_examples():
    (contract,) = spec_of(EXCHANGE).contracts
    assert [(e.role, e.error) for e in contract.examples] == [("request", None), ("response", None)]
    assert contract.examples[1].data == {"claim_id": "CLM-9", "status": "RECEIVED"}
    assert codes(EXCHANGE, "IS202", "IS203") == []


ANSWER_BLOCK = """# Ledger → Billing

## Event: `credit.applied.v1`

| Field | Type | Required |
|---|---|---|
| `allocation_id` | string | yes |
| `amount` | string | yes |

Request and response:

```http
POST /ingress/billing HTTP/1.1
Content-Type: application/json

{"allocation_id": "a-1", "amount": "4.10"}
```

```http
HTTP/1.1 202 Accepted
Content-Type: application/json

{"status": "accepted"}
```
"""


def test_a_status_line_makes_a_block_the_answer_whatever_the_label_above_it():
    (contract,) = spec_of(ANSWER_BLOCK).contracts
    assert sorted(e.role for e in contract.examples) == ["request", "response"]


TWO_EVENTS = """# Ledger → Billing

Both events are posted to `POST https://billing.example/events`; the receiver answers `202` accepted,
`400` invalid.

## Event: `production.metered.v1`

| Field | Type | Required |
|---|---|---|
| `scheme_id` | string | yes |
| `production_date` | string, date | yes |
| `kwh` | number | yes |

```http
POST /events HTTP/1.1
Host: billing.example
Content-Type: application/json

{"scheme_id": "HS-7", "production_date": "2025-06-01", "kwh": 3812.4}
```

## Event: `allocation.published.v1`

| Field | Type | Required |
|---|---|---|
| `allocation_id` | string | yes |
| `account_number` | string | yes |
| `allocated_kwh` | number | yes |

```http
POST /events HTTP/1.1
Host: billing.example
Content-Type: application/json

{"allocation_id": "a-1", "account_number": "4400127385", "allocated_kwh": 12.5}
```
"""


def test_an_example_is_not_judged_by_the_field_table_of_another_body():
    # both events share one URL; each example carries its own table's fields, not the other's
    assert codes(TWO_EVENTS, "IS204") == []
    wrong = TWO_EVENTS.replace('"kwh": 3812.4', '"kwh": "3812.4"')
    assert codes(wrong, "IS204") == ["IS204"]  # a real contradiction with its own table still counts

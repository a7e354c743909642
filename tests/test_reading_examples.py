"""How examples are read and judged: which part of a block is the call and which the answer, and which
declared body an example is judged against. Each test names the class of misreading it guards."""

from intspec_lint import lint_text

from read_spec import codes, spec_of


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


CURL = """# PartHub → PrintForge

## Contracts

### Create order

```bash
curl -X POST https://api.printforge.example/v3/orders \\
  -H "Authorization: Bearer $PF_TOKEN" \\
  -d '{"external_ref": "LB-5521-C", "quantity": 2}'
```

Request fields: `external_ref` string, `quantity` integer.

→ `201 Created`

```json
{"order_id": "ord_1", "status": "QUOTED"}
```

Response fields: `order_id` string, `status` string.
Other statuses: `400` invalid body, `401` token expired, `503` maintenance.

### Fetch report

```bash
curl https://api.printforge.example/v3/orders/ord_1/report -H "Authorization: Bearer $PF_TOKEN"
```
"""


def test_a_curl_command_gives_a_contract_its_method_and_url():
    create, fetch = spec_of(CURL).contracts
    assert (create.method.text, create.url.text) == ("POST", "https://api.printforge.example/v3/orders")
    assert (fetch.method.text, fetch.url.text) == ("GET", "https://api.printforge.example/v3/orders/ord_1/report")


def test_a_success_code_over_an_example_is_not_asked_into_the_status_list():
    assert codes(CURL, "IS205") == []
    # a code said in a sentence gives its meaning there, and may be another call's: not asked into the list
    said = CURL.replace("Other statuses: `400` invalid body,", "A duplicate answers `409`. Other statuses:")
    assert codes(said, "IS205") == []
    amended = CURL + "\n## Changes in 3.1\n\n`POST /v3/orders` now answers `409` when the order was already quoted.\n"
    # an example that answers with a code the list leaves out shows a code nobody handles
    shown = CURL.replace("→ `201 Created`\n\n```json", "```http\nHTTP/1.1 409 Conflict\n")
    assert codes(shown, "IS205") == ["IS205"]
    assert codes(amended, "IS205") == []


def test_a_status_list_in_prose_keeps_its_lead_and_is_not_a_bodys_status_field():
    # "Responses: `201` created `{..., status: "REQUESTED"}`; `200` ...": the body's `status:` is a field,
    # the list starts at `201`, and a code with no words of its own (`500`) is still in the list
    spec = spec_of("# A → B\n\n## Create journey\n\n`POST https://api.b.example/v1/journeys`\n\n"
                   'Responses: `201` created `{booking_id: string, status: "REQUESTED"}`; `200` same body on a '
                   "replay; `422` `appointment_at` too close; `500`; `502`/`503`.\n")
    (contract,) = spec.contracts
    assert {(s.code, s.listed) for s in contract.status_codes} == {
        (201, True), (200, True), (422, True), (500, True), (502, True), (503, True)}


def test_a_code_answered_in_the_lead_sentence_is_listed_with_the_rest():
    spec = spec_of("# A → B\n\n## Deliveries\n\n`POST https://b.example/hooks/deliveries`\n\n"
                   "- Curator answers F2 with `202` and `{\"accepted\": 3}` once stored; `200` for a repeated id; "
                   "`400` for a bad body; `503` in maintenance.\n")
    (contract,) = spec.contracts
    assert {s.code for s in contract.status_codes if s.listed} == {202, 200, 400, 503}


HL7 = """# PAS → Renal

## Flows

| Flow | Route | Trigger | Messages | Volume | Transport |
|---|---|---|---|---|---|
| I-1 | PAS → TIE → Renal | admission | ADT^A01 | ~1,800/day | MLLP/TLS to `renal.hl7.example:6661` |

## 3. I-1 ADT messages

| Segment | Field | Required |
|---|---|---|
| PID-3 | patient id | yes |

```hl7
MSH|^~\\&|PAS|H|RENAL|H|20250601||ADT^A01|MSG1|P|2.5
PID|1||123^^^H^MR
```
"""


def test_a_message_whose_transport_is_said_once_is_not_asked_for_an_address():
    (contract,) = spec_of(HL7).contracts
    assert contract.transport is not None
    assert codes(HL7, "IS201") == []


def test_a_message_with_a_body_and_no_address_anywhere_is_still_asked_for_its_topic():
    text = ("# A → B\n\n## Contracts\n\n### Report-ready notification\n\nOne AMQP message per file.\n\n"
            "| Field | Type | Required |\n|---|---|---|\n| `report_id` | string | yes |\n\n"
            '```json\n{"report_id": "R-1"}\n```\n')
    assert "IS201" in codes(text)


def test_a_body_written_with_type_names_is_a_shape_not_an_invalid_example():
    text = ("# Rangers → Hub\n\n## Contracts\n\n### Visitor counts\n\n`POST /api/v1/visitor-counts` sends a day's counts.\n\n```\nPOST /api/v1/visitor-counts\nContent-Type: application/json\n\n"
            '{ "counted_on": string (date YYYY-MM-DD) required,\n  "total_count": integer >= 0 required }\n```\n\n'
            "Answers `201` stored, `400` invalid.\n\n"
            '```json\n{"counted_on": "2025-01-22", "total_count": 412}\n```\n')
    (contract,) = spec_of(text).contracts
    assert contract.request_shape is not None
    assert [e.data for e in contract.examples] == [{"counted_on": "2025-01-22", "total_count": 412}]
    assert codes(text, "IS203") == []


def test_an_empty_body_is_a_whole_example_answer_and_a_token_call_is_no_contract_to_judge():
    text = ("# Studio → Voicehall\n\n## Contracts\n\n### Job offer\n\n`POST https://studio.example/hooks/offers` with "
            "`event_id` (string, required).\n\n```json\n{\"event_id\": \"evt_1\"}\n```\n\n"
            "Your answer: any `2xx` within 10 s. Example answer: `200 OK` with body `{}`.\n\n"
            "### Token\n\nGet tokens from `POST https://auth.voicehall.example/oauth2/token` with "
            "`grant_type=client_credentials`.\n")
    offer = spec_of(text).contracts[0]
    assert sorted(e.role for e in offer.examples) == ["request", "response"]
    assert codes(text, "IS202") == []
    assert not any("oauth2/token" in f.message for f in lint_text(text, "markdown") if f.code == "IS201")


def test_a_status_list_cut_into_sentences_at_its_semicolons_keeps_every_code():
    text = ("# A → B\n\n## Contracts\n\n`PATCH https://api.b.example/v1/journeys/{id}` with `If-Match: <version>`; "
            "body any of `appointment_at`. `200` → `{id, version}`; `400`; `404` unknown journey; `412`\n"
            "version stale; `503`.\n")
    (contract,) = spec_of(text).contracts
    assert {s.code for s in contract.status_codes} >= {400, 404, 412, 503}


def test_a_block_in_an_empty_item_takes_its_role_from_the_item_above():
    text = ("# Venue → Tuners\n\n- Contracts\n  - F1 `POST https://api.tune.example/v2/requests`\n"
            "    - Request fields\n      - `request_id` string, required\n"
            "    - Status codes\n      - `201` job created\n      - `400` validation failed\n"
            "    - Example request\n      - ```json\n        {\"request_id\": \"VD-1\"}\n        ```\n"
            "    - Example response\n      - ```json\n        {\"job_id\": \"job_1\"}\n        ```\n")
    (contract,) = spec_of(text).contracts
    assert [e.role for e in contract.examples] == ["request", "response"]


def test_a_middle_dot_between_inline_fields_separates_them():
    from intspec_lint.reading.bodies import inline_fields
    from intspec_lint.span import Span
    fields = inline_fields("`run_id` string · `items[]`: `disposal_ref` string, `accepted` boolean", Span(1, 1, 1, 1))
    assert fields[0].type == "string"  # not the next field's declaration, read past the dot


def test_a_shared_status_table_whose_class_column_looks_like_errors_answers_for_every_operation():
    text = ("# Dealer → Register\n\n## 3. Service contracts\n\n### 3.1 SubmitTransactions\n\n"
            "`POST https://reg.example/ws/v3/TransactionService` with a SOAP envelope.\n\n"
            "### 3.2 ProvideEvidence\n\n`POST https://dealer.example/ws/EvidenceService` with a SOAP envelope.\n\n"
            "### 3.3 HTTP status codes and SOAP faults\n\n| HTTP | Body | Meaning | Class |\n|---|---|---|---|\n"
            "| 200 | Response element | processed | — |\n| 400 | `soap:Sender` fault | schema invalid | Permanent |\n"
            "| 503 | `soap:Receiver` fault | maintenance | Transient |\n| — | TLS handshake refused | expired | Permanent |\n")
    assert all({s.code for s in c.status_codes} == {200, 400, 503} for c in spec_of(text).contracts)


def test_a_body_led_by_its_status_is_the_response_and_a_gets_only_example_its_answer():
    text = ("# Hotline → Intake\n\n## A1 — get report\n\n`GET https://api.hotline.example/v3/reports/{report_id}`\n\n"
            "200 body: `report_id` string; `language` string; `anonymous` boolean.\n\n"
            "| Code | Meaning |\n|---|---|\n| 200 | Report returned |\n| 404 | Report deleted |\n\n"
            "```json\n{\"report_id\": \"SS-8K2J\", \"language\": \"pl\", \"anonymous\": true}\n```\n")
    (contract,) = spec_of(text).contracts
    assert contract.request_shape is None and contract.response_shape is not None
    assert [e.role for e in contract.examples] == ["response"]
    assert codes(text, "IS201", "IS202", "IS204") == []


def test_a_format_in_brackets_is_no_value_the_field_must_take():
    text = ("# Dam → Forecast\n\n## Calls\n\n### Release notice\n\n`POST /api/v5/release-notices`\n\n"
            "Request: `notice_id` string (`RN-YYYYMMDD-nnn`), `revision` integer.\n\nResponses: `201` stored, "
            "`400` invalid.\n\nExample request:\n\n```json\n{\"notice_id\": \"RN-20250214-003\", \"revision\": 1}\n```\n\n"
            "Example response:\n\n```json\n{\"notice_id\": \"RN-20250214-003\"}\n```\n")
    assert "IS204" not in codes(text)
    fixed = text.replace("(`RN-YYYYMMDD-nnn`)", "(`RN-1`)")
    assert "IS204" in codes(fixed)  # a single value in brackets is the field's one value


def test_an_http_block_with_a_bare_status_line_or_a_binary_answer_holds_both_sides():
    text = ("# A → B\n\n## Calls\n\n### Readiness\n\n`PUT https://alr.example/v2/aeds/{id}/readiness`\n\n"
            "Body: `check_date` (date). Response 200: `alr_id` (string). Codes: 200 updated, 400 invalid.\n\n"
            "```http\nPUT /v2/aeds/NV-1/readiness\n{\"check_date\": \"2025-06-09\"}\n\n200 OK\n{\"alr_id\": \"NV-1\"}\n```\n\n"
            "### Certificate PDF\n\n`GET https://api.scent.example/v2/certificates/{id}/pdf`\n\n"
            "Codes: `200` PDF returned; `404` unknown.\n\n```http\nGET /v2/certificates/C-1/pdf HTTP/1.1\n"
            "Accept: application/pdf\n\nHTTP/1.1 200 OK\nContent-Type: application/pdf\nContent-Length: 183214\n```\n")
    readiness, pdf = spec_of(text).contracts
    assert [(e.role, e.data) for e in readiness.examples] == [("request", {"check_date": "2025-06-09"}),
                                                            ("response", {"alr_id": "NV-1"})]
    assert [e.role for e in pdf.examples] == ["request", "response"]  # its line and headers are the request
    assert "IS202" not in codes(text) and "IS203" not in codes(text)


def test_an_example_below_a_field_table_takes_the_label_over_the_table():
    """A tab or label line ("**Response**", a MkDocs `=== "Response"` tab) over a field table and its
    example block names the block's role too, though the table stands between them."""
    text = ("# Workshop → Showroom\n\n## Contracts\n\n### F3 Estimate decision\n\n"
            "`PUT https://api.bench.example/v2/jobs/{job_id}/decision`\n\n"
            '=== "Request"\n\n'
            "    | Field | Type | Required |\n    |---|---|---|\n    | `decision` | string | yes |\n\n"
            '    ```json\n    {"decision": "approved"}\n    ```\n\n'
            '=== "Response"\n\n'
            "    | Field | Type |\n    |---|---|\n    | `job_id` | string |\n    | `decision` | string |\n\n"
            '    ```json\n    {"job_id": "MJ-1", "decision": "approved"}\n    ```\n\n'
            '=== "Status codes"\n\n'
            "    | Code | Meaning here |\n    |---|---|\n    | 200 | Decision recorded |\n    | 404 | No such job |\n")
    contract, = spec_of(text).contracts
    assert [e.role for e in contract.examples] == ["request", "response"]
    assert "IS202" not in codes(text)


def test_a_field_typed_by_its_values_alone_is_a_string_of_those_values():
    """"`event_type` (`assessment.completed` or `assessment.cancelled`)" gives the values, not fields of an
    object: an example with one of them matches, one with another value does not."""
    text = ("# Assessor → Insurer\n\n## Contracts\n\n### Assessment webhook\n\n`POST https://hooks.insurer.example/assess`\n\n"
            "Body: `event_id` (string), `event_type` (`assessment.completed` or `assessment.cancelled`), "
            "`loss_pct` (number).\n\nStatus codes: `204` stored, `400` invalid body.\n\nExample request:\n\n"
            '```json\n{"event_id": "ev_1", "event_type": "assessment.completed", "loss_pct": 12.5}\n```\n\n'
            "Response: `204`, no body.\n")
    contract, = spec_of(text).contracts
    field = next(f for f in contract.bodies["request"].fields if f.name == "event_type")
    assert (field.type, field.values) == ("string", ["assessment.completed", "assessment.cancelled"])
    assert "IS204" not in codes(text)
    assert "IS204" in codes(text.replace('"event_type": "assessment.completed"', '"event_type": "assessment.done"'))


def test_two_inline_bodies_on_one_line_take_the_roles_said_before_each():
    """"Request to `/v2/venues/N`: `{...}`; response `{...}`": the line's lead names the first body's role,
    the word before the second names its own."""
    text = ("# Permits → Venues\n\n## Contracts\n\n### F3 — `PUT /v2/venues/{venue_code}`\n\n"
            "Body: `name` (string), `max_rods` (integer). Status codes: 200 updated, 400 invalid body.\n\n"
            'Request to `/v2/venues/HAW-N`: `{"name": "Haweswater North", "max_rods": 2}`;\n'
            'response `{"venue_code": "HAW-N", "name": "Haweswater North", "max_rods": 2}`.\n')
    contract, = spec_of(text).contracts
    assert [e.role for e in contract.examples] == ["request", "response"]
    assert "IS202" not in codes(text)



def test_an_inline_example_after_a_described_response_takes_its_role_from_its_own_sentence():
    """"Response 200: `id` (string). Example: `PUT .../x` with `{...}` returns `{...}`": the example's sentence
    shows a call and its answer; the response described in the sentence before names neither body."""
    text = ("# Landlord → Court\n\n## Calls\n\n**C3 Arrears statement.** `PUT https://api.court.example/v2/claims/"
            "{claim_no}/arrears`. Request: `as_at` (date), `arrears_pence` (integer). Response 200: `claim_no` "
            "(string), `accepted` (boolean). Codes: 200 stored; 404 unknown claim. Example: `PUT .../K01/arrears` "
            'with `{"as_at": "2025-04-04", "arrears_pence": 298322}` returns `{"claim_no": "K01", "accepted": true}`.\n')
    contract, = spec_of(text).contracts
    assert [e.role for e in contract.examples] == ["request", "response"]
    assert "IS202" not in codes(text)

def test_a_block_after_a_status_line_is_the_answer_even_where_it_says_body():
    """"HTTP Status: 200 (OK) with a body similar to the following:" over a block: the words name a status,
    so the block is what that status comes back with, though "body" alone would make it a request (a
    database shell's output, `ISODate(...)`, is no JSON to tell it by)."""
    text = ("# Gateway → Archive\n\n## `GET /retrieve/{id}`\n\nReturns the stored message whose id matches.\n\n"
            "HTTP Status: 200 (OK) with a body similar to the following:\n\n"
            '```\n{"globalId": "35a0", "created": ISODate("2021-07-06T15:49:43Z")}\n```\n\n'
            "| Scenario | HTTP Status |\n| --- | --- |\n| unknown id | `404` |\n")
    contract, = spec_of(text).contracts
    assert [e.role for e in contract.examples] == ["response"]
    assert "IS202" not in codes(text)
    assert "IS202" in codes(text.replace("HTTP Status: 200 (OK) with a", "A"))


def test_a_piece_cut_from_a_larger_json_definition_is_no_example():
    """`"triggers": {...}` pasted from a workflow definition is a member of a larger document: no example
    to call invalid JSON, and a schema inside it is the contract's shape."""
    text = ("# Ship → Port\n\n## Submit report\n\nThe ship calls `POST https://api.port.example/v1/reports`. The "
            "trigger schema is the contract:\n\n```json\n\"triggers\": {\n  \"manual\": {\"type\": \"Request\", \"inputs\": "
            "{\"schema\": {\"type\": \"object\", \"properties\": {\"reportId\": {\"type\": \"string\"}}}}}\n}\n```\n\n"
            "It answers `202`; `400` invalid body, `401` token invalid.\n\n```json\n// request\n{\"reportId\": \"R-1\"}\n"
            "// response 202\n{\"status\": \"Submitted\"}\n```\n")
    spec = spec_of(text)
    contract = spec.contracts[0]
    assert contract.request_shape is not None
    assert sorted(e.role for e in contract.examples) == ["request", "response"]
    assert not {"IS203", "IS204", "IS202"} & set(codes(text))


def test_codes_listed_with_their_meanings_after_commas_are_the_contracts():
    text = ("# A → B\n\n## Status\n\n`GET https://api.b.example/v2/reports/{ref}/status` → `200` `{\"ref\": string}`; "
            "also `401` token invalid, `404` unknown ref, `429`, `503`.\n")
    assert {c.code for c in spec_of(text).contracts[0].status_codes} >= {401, 404, 429}


def test_a_request_whose_body_is_a_files_bytes_owes_no_example_body():
    text = ("# Track → Hub\n\n## A.5 `PUT https://hub.example/api/v11/documents/{docRef}`\n\n"
            "Headers: `Authorization: Bearer <token>`, `Content-Type: application/pdf`. Body: PDF bytes.\n"
            "Response: `docRef` (string), `version` (integer). Status codes: 201 created; 400 bad query; 401 token.\n\n"
            "Example: `PUT /api/v11/documents/TR19-1` → `201 {\"docRef\": \"TR19-1\", \"version\": 1}`.\n")
    assert "IS202" not in codes(text)
    assert "IS202" in codes(text.replace("`Content-Type: application/pdf`. Body: PDF bytes.",
                                         "`Content-Type: application/json`. Body: `title` string."))


def test_a_block_holding_a_call_and_its_answer_without_a_status_line_or_after_one_is_two_parts():
    get = ("# Shop → Lens\n\n## Visits\n\n`GET https://api.lens.example/v3/visits` returns approved visits. Codes: 200 "
           "ok, 401 token.\n\n```http\nGET /v3/visits?status=approved\n{\"items\": [], \"next_cursor\": null}\n```\n")
    assert [e.role for e in spec_of(get).contracts[0].examples] == ["response"]
    post = ("# Hub → Loan\n\n## Manifests\n\n`POST https://hub.example/hooks/manifests` with `manifest_id` (string). Codes: "
            "200 accepted, 400 invalid.\n\n```json\n{\"manifest_id\": \"MF-1\"}\n\n200 OK\n{\"accepted\": true}\n```\n")
    assert sorted(e.role for e in spec_of(post).contracts[0].examples) == ["request", "response"]
    assert "IS203" not in codes(post)


def test_two_json_documents_printed_in_one_block_are_the_request_and_its_answer():
    text = ("# Hire → Quote\n\n## F1 quote request\n\n`POST https://api.quote.example/v1/quotes` with `enquiry_id` (string) "
            "and `seats` (integer). Codes: 201 created, 400 invalid.\n\n```json\n{\"enquiry_id\": \"ENQ-1\", \"seats\": 49}\n"
            "{\"quote_id\": \"Q-7\", \"status\": \"received\"}\n```\n")
    contract = spec_of(text).contracts[0]
    assert [e.role for e in contract.examples] == ["request", "response"] and not {"IS203", "IS202"} & set(codes(text))


def test_a_block_with_a_json_document_and_then_something_else_is_that_document_not_invalid_json():
    spec = ("# Shop → Ledger\n\n## Calls\n\n### Post an entry\n\n`POST https://ledger.example/v1/entries`\n\n"
            "Body: `amount` (integer). Answers `201` created.\n\nExample request:\n\n```json\n{\"amount\": 1250}\n"
            "--> 201 Created, Location: /v1/entries/e-7\n```\n")
    assert "IS203" not in codes(spec)
    broken = spec.replace('{"amount": 1250}\n-->', '{"amount": 1250}}\n-->')
    assert "IS203" in codes(broken)  # a stray closer after the document: the document is broken


def test_a_value_written_as_a_pattern_with_a_placeholder_allows_what_fits_it():
    spec = ("# Ward → Care record\n\n## Calls\n\n### Escalate\n\n`POST https://care.example/r4/Task`\n\n"
            "| Part | Shape |\n|---|---|\n| Request body | `Task`: `status` (`requested`), `for` (`Patient/<id>`) |\n\n"
            "Answers `201` created.\n\nExample request:\n\n"
            "```json\n{\"for\": \"Patient/p-1\", \"status\": \"requested\"}\n```\n\nExample response: `201` with `{\"id\": \"t-1\"}`.\n")
    assert "IS204" not in codes(spec)
    assert "IS204" in codes(spec.replace('"Patient/p-1"', '"Practitioner/p-1"'))


def test_a_request_files_call_is_a_contract_with_its_answer_in_comments():
    """A REST Client request under its section: comments and `###` above the request line, the body after the
    headers, the answer in comments ("# Example 201 body:" over a commented body)."""
    text = ("# Firm → Chambers\n\n## F1. Send a brief\n\n```http\n### F1. Send brief\n"
            "# Idempotency-Key = brief_uuid; a repeat returns 200 with the original brief.\n"
            "POST {{bench}}/briefs\nContent-Type: application/json\nIdempotency-Key: 8c3e1f2a\n\n"
            '{\n  "brief_uuid": "8c3e1f2a", "matter_ref": "APL/LIT/24-0917"\n}\n\n'
            "# 201 Created  brief recorded\n# 400          malformed body\n#\n# Example 201 body:\n"
            '# {"brief_id": "BR-2025-03318", "status": "sent"}\n```\n')
    (contract,) = spec_of(text).contracts
    assert (contract.method.text, contract.url.text) == ("POST", "{{bench}}/briefs")
    assert [(e.role, e.data) for e in contract.examples] == [
        ("request", {"brief_uuid": "8c3e1f2a", "matter_ref": "APL/LIT/24-0917"}),
        ("response", {"brief_id": "BR-2025-03318", "status": "sent"})]
    assert "IS202" not in codes(text)


def test_a_block_under_a_long_line_that_ends_with_an_arrow_and_a_status_is_the_answer():
    """"Example: `PATCH /v2/pickups/TW-1` with `{...}` → 200" over a block: the block is what comes back."""
    text = ("# Hotel → Shuttle\n\n## F2: `PATCH /v2/pickups/{pickup_id}`\n\nRequest: any subset of `flight_number`, "
            "`pickup_time`.\nResponse 200: the full pickup plus `pickup_id`, `status`.\nStatus codes: 200 changed; "
            "404 unknown `pickup_id`.\n\nExample: `PATCH /v2/pickups/TW-0417733` with `{\"flight_number\": \"FR8346\", "
            "\"pickup_time\": \"2025-06-07T13:05:00+02:00\"}` → 200\n"
            '```json\n{"pickup_id": "TW-0417733", "status": "booked", "flight_number": "FR8346"}\n```\n')
    (contract,) = spec_of(text).contracts
    assert sorted(e.role for e in contract.examples) == ["request", "response"]


def test_a_field_declared_twice_with_two_types_holds_neither_against_an_example():
    """A response table listing the success body's `status` (string) and the error body's `status` (integer)."""
    text = ("# Insurer → Rehab\n\n## `POST https://rehab.example/v2/referrals`\n\nRequest: `claim_ref` (string).\n\n"
            "| Response field | Type |\n|---|---|\n| `referral_id` | string |\n| `status` | string |\n"
            "| `status` | integer (error body: the HTTP status) |\n| `detail` | string |\n\n"
            "Codes: 201 created; 400 invalid.\n\nExample response (201):\n\n"
            '```json\n{"referral_id": "RF-1", "status": "RECEIVED"}\n```\n')
    assert "IS204" not in codes(text)


def test_an_http_block_with_the_answer_as_a_bare_status_and_body_holds_both_examples():
    text = ("# Tills → Hub\n\n## API contracts\n\n### Rental\n\n```http\nPOST /v5/rentals\nX-Api-Key: <key>\n"
            "{\"ticketBarcode\": \"HMM24-0730\", \"language\": \"CY\"}\n\n"
            "201 {\"rentalId\": \"RNT-7F3K2Q\", \"status\": \"ACTIVE\"}\n```\n")
    (contract,) = spec_of(text).contracts
    assert sorted(e.role for e in contract.examples) == ["request", "response"]
    assert next(e for e in contract.examples if e.role == "response").data["rentalId"] == "RNT-7F3K2Q"


def test_a_call_quoted_in_a_relationship_line_ends_before_its_closing_quote():
    text = ("# Worker → Yard\n\n## Relationships\n\n"
            "- Consist Worker → Yardline TOS: \"PUT /api/v3/rail/visits/{trainId}/consist\" [HTTPS/JSON]\n")
    assert all(not c.subject.endswith('"\'') and '"' not in c.subject for c in spec_of(text).contracts)


def test_a_multipart_upload_shown_by_its_line_and_headers_is_an_example_request():
    """A call whose body no one prints (a multipart photo upload) is shown by its request line and headers; a
    whole sentence before a block ("... replays the stored response.") is no label of the block's role."""
    text = ("# POS → Registry\n\n## Calls\n\n### Photos\n\n`POST /v4/items/{id}/photos` (multipart, field `image`).\n\n"
            "```http\nPOST /v4/items/I-1/photos HTTP/1.1\nContent-Type: multipart/form-data; boundary=----x\n\n"
            "HTTP/1.1 201 Created\n{\"photoId\": \"P-9\"}\n```\n\n### Acts\n\n`POST /v3/acts:batch`\n\n"
            "Header `Idempotency-Key: acts-2025-03-13` (the business date; the registry remembers keys for 7 days and "
            "replays the stored response).\n\n```json\n{\"acts\": [{\"actId\": \"PA-1\"}]}\n```\n\nResponse `207`:\n\n"
            "```json\n{\"results\": [{\"actId\": \"PA-1\", \"status\": \"accepted\"}]}\n```\n")
    photos, acts = spec_of(text).contracts
    assert [e.role for e in photos.examples] == ["request", "response"]
    assert [e.role for e in acts.examples] == ["request", "response"]
    assert "IS202" not in codes(text)


def test_a_response_told_by_its_status_and_what_it_carries_back_is_concrete():
    """ "→ `200` with the assignment", "response `200` with the updated dog", "answers `202`", a YAML response
    "Empty body (204 No Content)", and a block led by "The response is `207` whenever ..., for example:"."""
    base = ("# Rope → Anchor\n\n## Calls\n\n**Write verdict** — `PATCH https://api.anchor.example/v3/assignments/as_1`\n"
            "```json\n{\"compliance\": \"ok\"}\n```\n")
    assert "IS202" not in codes(base + "→ `200` with the assignment.\n")
    assert "IS202" in codes(base + "Writing the same verdict twice changes nothing.\n")
    series = ("# Care → Bridge\n\n## Series\n\n**Create series** is `POST https://bridge.example/v2/bookings:batch` with "
              "`{\"series_ref\": \"S-1\", \"items\": [...]}`. The response is `207` whenever the items do not all have "
              "the same outcome, for example:\n\n```json\n{\"results\": [{\"status\": 201}, {\"status\": 422}]}\n```\n")
    contract = spec_of(series).contracts[0]
    assert [e.role for e in contract.examples] == ["response"] and "IS202" not in codes(series)
    yaml_text = ("intspec: 1\ntitle: Sweep to Guard\ncontracts:\n  - name: Decision webhook\n    method: POST\n"
                 "    url: https://hooks.example/decisions\n    request:\n      schema: {type: object}\n"
                 "    response:\n      schema: \"Empty body (204 No Content)\"\n    status_codes:\n      204: stored\n"
                 "    examples:\n      request: {decision: issued}\n")
    found = [f.message for f in lint_text(yaml_text, "yaml") if f.code == "IS202"]
    assert found == []


def test_an_empty_yaml_response_is_an_empty_body_not_broken_json():
    text = ("intspec: 1\ntitle: Supplier to Yard\ncontracts:\n  - name: Dispatch notice\n    method: POST\n"
            "    url: https://erp.example.co.uk/hooks/dispatch\n    examples:\n      media_type: application/json\n"
            "      request: '{\"dispatch_id\": \"DSP-1\", \"lines\": []}'\n      response: \"\"\n")
    assert [f.code for f in lint_text(text, "yaml") if f.code == "IS203"] == []
    assert [f.code for f in lint_text(text.replace('response: ""', 'response: "{oops"'), "yaml") if f.code == "IS203"]


def test_a_record_shown_inline_after_such_as_is_an_example_of_the_answer():
    """"gets `200` with a CSV body whose first lines are `plate,member_id,plan` followed by rows such as
    `YH21OKV,M-204877,GOLD`": the answer shown, in a sentence."""
    text = ("# Hub → Wash\n\n## Snapshot\n\nThe hub calls `GET https://api.example.com/v2/plates/active?format=csv` and "
            "gets `200` with a CSV body whose first lines are `plate,member_id,plan,status` followed by rows such as "
            "`YH21OKV,M-204877,GOLD,active`.\n")
    assert "IS202" not in codes(text)
    assert "IS202" in codes(text.replace(" followed by rows such as `YH21OKV,M-204877,GOLD,active`", ""))


def test_an_error_class_whose_next_sentence_redelivers_under_a_clause_has_its_action():
    """"6.1 **Transient errors** are timeouts and the codes 429 and 503. The sending Party shall redeliver the Message
    under clause 7." in an agreement."""
    text = ("# Relay agreement\n\n## 6. Classification of errors\n\n6.1 **Transient errors** are timeouts (15 seconds) "
            "and the codes `429` and `503`. The sending Party shall redeliver the Message under clause 7.\n\n"
            "6.2 **Permanent errors** are the codes `400` and `422`. The sending Party shall not redeliver the Message "
            "and shall treat it under clause 8.\n\n6.3 **Partial acceptance.** Where an order has several lines and only "
            "some can be placed, the answer is `207` with a status per line. The accepted lines stand.\n")
    assert not [f.message for f in lint_text(text, "markdown") if f.code == "IS401" and "action" in f.message]


def test_a_response_given_as_another_calls_is_shown():
    """"Answer as B.2." under a webhook whose request is shown: its answer is B.2's."""
    text = ("# Haulr → Orders\n\n## Appendix B\n\n**B.2 POD webhook.** `POST https://hooks.example.ie/haulr/pod`\n\n"
            "```json\n{\"event_id\": \"evt_1\", \"type\": \"stop.delivered\"}\n```\n\nAnswer `200 {\"received\": "
            "\"evt_1\"}` once queued.\n\n**B.3 ETA webhook.** `POST https://hooks.example.ie/haulr/eta`\n\n```json\n"
            "{\"event_id\": \"evt_2\", \"type\": \"run.eta\"}\n```\n\nANSWER\n")
    found = lambda said: [f.message for f in lint_text(text.replace("ANSWER", said), "markdown") if f.code == "IS202"]
    assert not found("Answer as B.2.")
    assert found("Haulr sends it every five minutes.")


def test_a_notebooks_display_of_an_object_is_a_concrete_example_not_broken_json():
    """A notebook's output cell `{'event_id': 'evt_2H', 'tickets': [{'tier': 'ADULT', 'qty': 2}]}` under the call
    shows the example; a truly broken body (`{"id": 1,}`) is still reported."""
    text = ("# Tickets → Dome\n\n## Sales webhook\n\n`POST /hooks/tixwave`\n\n```python\nsample\n```\n\n"
            "    {'event_id': 'evt_2H', 'type': 'order.completed',\n     'tickets': [{'tier': 'ADULT', 'qty': 2}]}\n\n"
            "Answer `202`.\n")
    assert "IS203" not in codes(text)
    assert "IS203" in codes(text.replace("    {'event_id': 'evt_2H', 'type': 'order.completed',\n     'tickets': "
                                         "[{'tier': 'ADULT', 'qty': 2}]}", "```json\n{\"id\": 1,}\n```"))


def test_a_body_shown_in_the_calls_own_words_or_by_reference_is_no_missing_example():
    """"`PUT .../by-external/{external_id}` with the same body; `200 {\"prearrival_id\": ...}`", a webhook "body
    `{\"id\": ...}`" that "we answer `200`": the call shows its bodies in a shape no reader took."""
    head = ("# Patrol → Clinic\n\n## Calls\n\n**Create:** `POST https://api.example.eu/v2/prearrivals` with\n\n```json\n"
            "{\"external_id\": \"INC-1\", \"patient\": \"M 40\"}\n```\n\n`201 {\"prearrival_id\": \"PA-1\"}`.\n\n")
    same = head + ("**Update:** `PUT https://api.example.eu/v2/prearrivals/by-external/{external_id}` with the same "
                   "body; `200 {\"prearrival_id\": \"PA-1\", \"version\": 3}`.\n")
    assert "IS202" not in codes(same)
    bare = head + "**Update:** `PUT https://api.example.eu/v2/prearrivals/by-external/{external_id}`; codes `200`, `404`.\n"
    assert "IS202" in codes(bare)
    hook = ("# Shop → Farm\n\n## Webhook\n\n`POST https://bridge.example.farm/hooks/boxwise`, header `X-Hmac`, body "
            "`{\"id\": \"whk_9f21c\", \"topic\": \"order.updated\"}`; we answer `200`.\n")
    assert "IS202" not in codes(hook)


def test_a_csv_block_of_data_rows_under_a_file_contract_is_its_example():
    """```csv `adoption_ref,...,pack_type` over `WEB-48213,...,GIFT`: a column called a type that holds no type is a
    data file's own column, so the block is the file's example, not a spreadsheet's table of fields."""
    text = ("# CRM → Mailer\n\n## Contracts\n\n### IF-03 Welcome pack file (CRM → Mailer)\n\n| Aspect | Detail |\n"
            "|---|---|\n| Transport | SFTP upload to `sftp.mailer.example:/inbound/welcome_YYYYMMDD.csv` |\n"
            "| Payload | CSV, one row per adoption |\n\n```csv\nadoption_ref,donkey_name,pack_type\n"
            "WEB-48213,Jasper,GIFT\n```\n")
    contract = spec_of(text).contracts[0]
    assert [example.media_type for example in contract.examples] == ["text/csv"]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS202"]


def test_a_call_answered_by_its_status_alone_owes_no_response_body():
    """"| Response | `202` queued, `401` bad signature |": the status is the whole answer; a success said to carry a
    body ("`201` with the new `booking_id`") still owes its example."""
    def found(response):
        text = ("# Shop → Hub\n\n## Contracts\n\n### IF-01 Order paid (Shop → Hub)\n\n| Aspect | Detail |\n|---|---|\n"
                "| Transport | HTTPS POST `https://hub.example/api/orders` |\n"
                f"| Response | {response} |\n\n```json\n{{\"order_id\": \"o-1\", \"total\": 12.5}}\n```\n")
        return [f.message for f in lint_text(text, "markdown") if f.code == "IS202"]
    assert not found("`202` queued, `401` bad signature, `400` not an order")
    assert found("`201` with the new `booking_id`, `401` bad signature")


def test_header_lines_above_a_json_body_in_its_block_are_the_requests_headers():
    """```json with "Idempotency-Key: gb-1" over `{...}`: the body is the JSON below the headers, valid as it is;
    a block that is broken JSON still says so."""
    def found(block):
        text = ("# Salon → Till\n\n## Contracts\n\n**Create ticket** → `POST https://till.example/v2/tickets`\n"
                f"```json\n{block}\n```\n↳ `201 {{\"ticket_id\": \"tk_1\"}}`\n")
        return [f.message for f in lint_text(text, "markdown") if f.code == "IS203"]
    assert not found("Idempotency-Key: gb-1184302\n{\"reference\": \"GB-1184302\", \"state\": \"DRAFT\"}")
    assert found("Idempotency-Key: gb-1184302\n{\"reference\": \"GB-1184302\", \"state\": DRAFT}")


def test_the_error_body_shown_once_for_every_call_is_no_calls_missing_example():
    """"Errors use `application/problem+json`:" over a block: the errors' format, not an example a reader failed to
    place, so a call that shows none is still told so."""
    text = ("# Partner → Lockers\n\n## API\n\nErrors use `application/problem+json`:\n\n```json\n"
            "{\"type\": \"https://docs.example/errors/full\", \"title\": \"No compartment\", \"status\": 409}\n```\n\n"
            "### Reserve\n\n`POST /reservations`\n\n```json\n{\"size\": \"B\", \"locker_id\": \"KRK01A\"}\n```\n\n"
            "Response `201`:\n\n```json\n{\"reservation_id\": \"rsv_1\"}\n```\n\n### Extend\n\n"
            "`POST /reservations/{id}/extend` with `expires_at` (string, required); answers the reservation.\n")
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS202"]
    assert len(found) == 1 and "/extend" in found[0] and "request" in found[0]


def test_a_bare_status_line_over_a_body_in_an_http_block_is_the_answer():
    """```http "200 OK" over JSON under a GET, or "GET /v2/lockers?..." then "200 OK" and JSON: the response, not a
    request a GET never sends."""
    for block in ("200 OK\n{\"reservation_id\": \"rsv_1\", \"status\": \"deposited\"}",
                  "GET /v2/reservations/rsv_1\n200 OK\n{\"reservation_id\": \"rsv_1\", \"status\": \"deposited\"}"):
        text = ("# Partner → Lockers\n\n## API\n\n### Read one\n\n`GET /v2/reservations/{id}`\n\n"
                f"```http\n{block}\n```\n")
        (contract,) = spec_of(text).contracts
        assert [(e.role, e.data) for e in contract.examples] == \
            [("response", {"reservation_id": "rsv_1", "status": "deposited"})], block


def test_a_comment_line_over_a_json_body_names_it_and_the_body_is_valid():
    text = ("# Machines → Routes\n\n## Messages\n\n### Device messages\n\nMQTT topic `vt/{machine}/vend`:\n\n```json\n"
            "// vt/VL-004417/vend\n{\"machine\": \"VL-004417\", \"sku\": \"COLA-330\", \"qty\": 1}\n```\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS203"]
    assert [f for f in lint_text(text.replace("\"qty\": 1", "qty: 1"), "markdown") if f.code == "IS203"]


def test_an_inline_body_then_a_status_caption_over_a_block_give_both_sides():
    """"`POST /v3/products:bulk` body = `{...}` → `207`:" over a fenced block: the request inline, the block the
    answer."""
    text = ("# Larder → Till\n\n## Calls\n\n`POST /v3/products:bulk` body = `{\"products\":[{\"sku\":\"501\",\"price\":450}]}` "
            "→ `207`:\n```json\n{\"results\":[{\"sku\":\"501\",\"status\":\"ok\"}]}\n```\n")
    (contract,) = spec_of(text).contracts
    assert "response" in {e.role for e in contract.examples}
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS202"]


def test_an_answer_said_to_carry_the_stored_result_and_more_is_a_body_not_shown():
    fence = "```"
    text = ("# Club → League\n\n## Calls\n\n### Final result\n\n`PUT https://hub.example/api/v1/matches/{id}/result`\n\n"
            f"{fence}json\n{{\"match_id\": \"M-14\", \"home_runs\": 187}}\n{fence}\n\n"
            "League Hub answers `200` with the stored result, its `result_id` and the league points it awarded. Other "
            "codes: `400` scorecard does not add up; `401`; `404`; `503`.\n")
    assert codes(text, "IS202") == ["IS202"]
    echoed = text.replace("answers `200` with the stored result, its `result_id` and the league points it awarded",
                          "answers `202` once it is queued")
    assert codes(echoed, "IS202") == []


def test_a_calls_name_before_its_line_is_no_role_word():
    """"**Acknowledgement:** `PUT .../acknowledgement`" over a JSON block: the block is the call's request; the name
    says what the call does, not that the block is an answer."""
    text = ("# Probes → Safety\n\n## Calls\n\n**Acknowledgement:** `PUT https://api.example.org/v1/alarms/{alarm_id}/ack`"
            '\n\n```json\n{"acked_by": "JT", "note": "Door 3 left open"}\n```\n\n'
            'Response `200`: `{"alarm_id": "AL-32", "state": "acknowledged"}`.\n')
    contract = spec_of(text).contracts[0]
    assert [e.role for e in contract.examples][:1] == ["request"]
    assert codes(text, "IS202") == []


def test_an_example_abridged_with_an_ellipsis_is_not_invalid_json():
    """`...` on a line of its own, or as a member's value, cuts an example short on purpose: the rest is read as
    JSON; a real slip (a missing comma) beside it is still reported."""
    head = "# Queue API\n\n## Calls\n\n### Fetch events\n\n`GET https://api.example.org/events`\n\nReturns\n\n```json\n"
    abridged = head + '[\n  {\n    "eventId": "{guid}",\n    "eventData": {\n      "firstNames": "",\n      ...\n    }\n  }\n]\n```\n'
    assert "IS203" not in codes(abridged)
    broken = head + '{\n  "eventId": "{guid}"\n  "eventType": "DEATH",\n  ...\n}\n```\n'
    assert "IS203" in codes(broken)


def test_a_hocon_config_shown_under_an_example_heading_is_no_invalid_json():
    """An indented block of `key = value` lines in braces (a service's config) is shown as it is: no JSON to fault."""
    text = ("# Notifications\n\n## Switching service endpoints\n\nThe config needs a section per service.\n\n### Example\n"
            "The service has a `default` configuration.\n\n    {\n        services {\n          fields {\n"
            "            host = localhost\n            port = 9650\n          }\n        }\n    }\n")
    assert "IS203" not in codes(text)
    assert "IS203" in codes(text.replace("host = localhost", '"host": "localhost",\n            "port" 9650').replace(
        "            port = 9650\n", ""))


def test_what_a_repeat_gets_back_on_the_call_line_is_no_role_for_the_block():
    """"`POST .../credits` with `Idempotency-Key: <id>` — the ledger returns the original credit for a repeated key"
    over a JSON block: the block is the request; the clause tells what a repeat gets back."""
    text = ("# Wallet → Ledger\n\n## Calls\n\n- [x] **F3** `POST https://api.example.org/v1/wristbands/{uid}/credits`\n"
            "  with `Idempotency-Key: <payment id>` — the ledger returns the original credit for a repeated key\n\n"
            '  ```json\n  {"amount": "20.00", "currency": "GBP"}\n  ```\n\n'
            '  `201`: `{"credit_id": "cr_1", "balance": "32.50"}`; `404` unknown wristband.\n')
    assert [e.role for e in spec_of(text).contracts[0].examples][:1] == ["request"]


def test_a_call_said_to_return_a_json_array_is_not_answered_by_its_status_alone():
    """"Returns a JSON array of applicant records: ..." then "`200` always, even when empty; `401`; `503`": a body comes
    back, so an example of it is owed; a call whose statuses are its whole answer owes none."""
    head = ("# Plots ⇄ Council\n\n## Contract 1\n\n`POST https://plots.example.org/api/v1/applicants`\n\n"
            '```json\n{"ref": "A-1"}\n```\n\nAnswer `201` `{"position": 4}`.\n\n## Contract 4, nightly reconciliation\n\n'
            "`GET https://plots.example.org/api/v1/applicants/export`\n\n")
    body = head + ("Returns a JSON array of applicant records: `council_ref`, `position`, `status`\n\n"
                   "`200` always, even when empty; `401`; `503`\n")
    assert any(f.code == "IS202" and f.line == 13 for f in lint_text(body, "markdown"))
    bare = head + "`204` when the export has been queued; `401`; `503`\n"
    assert not any(f.code == "IS202" and f.line == 13 for f in lint_text(bare, "markdown"))


def test_a_cells_br_line_breaks_part_its_list_and_a_field_path_is_no_example():
    """A register whose cells hold lists with `<br>`: "`course_id` string<br>`next_cursor` string, required" is two
    fields, not one whose type runs into the next; "`tee_times[]`" is a field's path, not an empty example."""
    text = ("# Clubs → Market\n\n## C1 — Sync tee times\n\n| | |\n|---|---|\n| Method, URL | `GET https://api.example.org/"
            "v5/courses/{course_id}/tee-times` |\n| Response fields | `course_id` string<br>`next_cursor` string, "
            "required<br>`tee_times[]`: `id` string, `holes` int |\n| Example response | `{\"course_id\": \"CD-42\", "
            "\"next_cursor\": \"c_1\", \"tee_times\": [{\"id\": \"TT-1\", \"holes\": 18}]}` |\n"
            "| Status codes | 200 page returned<br>401 token expired<br>429 / 503 transient |\n")
    contract = spec_of(text).contracts[0]
    assert [(f.name, f.required) for f in contract.bodies["response"].fields][:2] == [("course_id", None),
                                                                                      ("next_cursor", True)]
    assert [e.text[:2] for e in contract.examples] == ['{"']
    assert "IS204" not in codes(text)


def test_a_form_parameter_carrying_json_is_read_as_that_json():
    """An `application/x-www-form-urlencoded` example whose `adds` parameter is URL-encoded JSON: the array it carries is
    checked against the field table, not the string."""
    text = ("intspec: 1\ntitle: Drones to GIS\ncontracts:\n  - name: Add footprints\n    method: POST\n"
            "    url: https://gis.example.org/FeatureServer/0/applyEdits\n    request:\n      fields:\n"
            "        - {name: adds, type: JSON feature array, required: true}\n        - {name: f, type: string, "
            "required: true}\n    examples:\n      media_type: application/x-www-form-urlencoded\n"
            "      request: \"f=json&adds=%5B%7B%22block%22%3A1%7D%5D\"\n")
    assert "IS204" not in {f.code for f in lint_text(text, "yaml")}


def test_review_a_real_slip_beside_an_elision_and_json_written_with_equals_are_still_invalid():
    """A trailing comma the author left is an error though "..." stands elsewhere in the example, or in a string; a
    block of `key = value,` lines with no named block is no HOCON; a response labelled for a duplicate is a response."""
    from intspec_lint.reading.examples import unelided
    assert unelided('{"name": "Ada...", "items": [{"sku": 1},\n],\n "more": ...}') is None
    head = "# Shop → 3PL\n\n## Calls\n\n### Create\n\n`POST https://api.example.org/orders`\n\nRequest:\n\n```\n"
    equals = head + '{\n  external_order_id = "ORD-1",\n  quantity = 2\n}\n```\n'
    assert "IS203" in codes(equals)
    from intspec_lint.reading.bodies import role_of
    assert role_of("Response for a duplicate delivery:") == "response"
    assert role_of("Request sent again with the same key:") == "request"
    assert role_of("Example request: `POST /v1/orders`") == "request"


def test_an_item_the_example_response_turns_down_is_sent_bad_on_purpose():
    text = ("# Depots → Stock\n\n## D1 `POST https://stock.example/api/v1/readings`\n\n"
            "| Field | Type | Req | Notes |\n|---|---|---|---|\n| `readings[].reading_id` | string | yes | key |\n"
            "| `readings[].barn` | string | yes | `B1`, `B2`, `B3` |\n\n"
            "```json\n{\"readings\": [{\"reading_id\": \"r-1\", \"barn\": \"B1\"}, {\"reading_id\": \"r-2\", \"barn\": \"B4\"}]}\n```\n\n"
            "```json\n{\"results\": [{\"reading_id\": \"r-1\", \"status\": \"stored\"},\n"
            " {\"reading_id\": \"r-2\", \"status\": \"rejected\", \"error\": \"UNKNOWN_BARN\"}]}\n```\n")
    assert "IS204" not in codes(text)
    # an item the answer stores is checked like any other
    assert "IS204" in codes(text.replace('"barn": "B1"', '"barn": "B9"'))


def test_a_raw_request_introduced_by_a_line_that_says_its_answer_has_no_body_has_its_response():
    """"BadgeBook PUTs the bytes to `put_url`; Trefoil answers `200 OK` with no body:" over the raw request: the answer
    is shown in words, a bodiless one. A line that says nothing of the answer leaves it missing."""
    text = ("# Badges → Records\n\n## Uploads\n\nFirst BadgeBook asks for an upload slot:\n\n```http\nPOST /v1/uploads HTTP/1.1\n"
            "Host: evidence.example.org\nContent-Type: application/json\n\n{\"claim\": \"c-1\", \"sha256\": \"ab12\"}\n```\n\n"
            "```json\n{\"upload_id\": \"upl_6Yt2KQ\", \"put_url\": \"https://evidence.example.org/upl_6Yt2KQ?sig=abc\"}\n```\n\n"
            "BadgeBook PUTs the bytes to `put_url`; Trefoil answers `200 OK` with no "
            "body (403 if the slot has expired):\n\n```http\nPUT /upl_6Yt2KQ?sig=abc HTTP/1.1\nHost: evidence.example.org\n"
            "Content-Type: image/jpeg\n\n<2,483,110 bytes of JPEG>\n```\n")
    def no_response(doc):
        return [f for f in lint_text(doc, "markdown") if f.code == "IS202" and "response" in f.message]
    assert not no_response(text)
    assert no_response(text.replace("; Trefoil answers `200 OK` with no body (403 if the slot has expired):", ":"))

"""How API and message contracts are read, whatever the layout: units, facets, status codes and what
is no contract. Each test names the class of misreading it guards."""

from intspec_lint import lint_text

from read_spec import codes, spec_of


CONTRACT_TABLE = """# A → B

## Contracts

| # | Method / location | Request fields | Response | Codes |
|---|---|---|---|---|
| F1 | `sftp://sftp.b.example/inbound/{date}.csv` | `id` str, `qty` int | Ack file `/acks/{name}.json`: `status` str | — |
| F2 | `POST https://api.b.example/v2/notes` | `note_no` str, `qty` int | 201: `note_id` str | 201 created · 400 invalid · 503 down |

## Examples

| # | Request | Response |
|---|---|---|
| F2 | `{"note_no": "N-1", "qty": 2}` | `{"note_id": "B-7"}` |
"""


def test_a_table_with_one_contract_per_row():
    spec = spec_of(CONTRACT_TABLE)
    file, note = spec.contracts
    assert file.topic.text.startswith("sftp://") and file.request_shape is not None
    assert (note.method.text, note.url.text) == ("POST", "https://api.b.example/v2/notes")
    assert {s.code for s in note.status_codes if s.listed} == {201, 400, 503}
    assert sorted(e.role for e in note.examples) == ["request", "response"]  # from the examples table, by id


def test_a_block_of_several_calls_gives_each_call_to_its_contract():
    text = ("# A → B\n\n## API (C1-C2)\n\nBase URL `https://b.example/api/v1`.\n\n"
            "| Id | Method and path | Request body | Response body |\n|---|---|---|---|\n"
            "| C1 | `PUT /items/{id}` | `name` string | `id` integer |\n"
            "| C2 | `POST /orders` | `item` string | `order_id` integer |\n\n"
            "| Status | Meaning |\n|---|---|\n| `200` | Updated |\n| `201` | Created |\n| `400` | Invalid |\n\n"
            "```http\nPUT /api/v1/items/A-17\n{\"name\": \"x\"}\n→ 200 {\"id\": 17}\n\n"
            "POST /api/v1/orders\n{\"item\": \"A-17\"}\n→ 201 {\"order_id\": 9}\n```\n")
    spec = spec_of(text)
    assert [(c.url.text, sorted(e.role for e in c.examples)) for c in spec.contracts] == [
        ("/items/{id}", ["request", "response"]), ("/orders", ["request", "response"])]
    assert "IS202" not in codes(text)


def test_a_slide_per_facet_joins_the_contract_it_names():
    text = ("# A → B\n\n---\n\n## F1 — POST readings\n\n- `POST https://b.example/v1/readings`\n"
            "- Body: `id` string, `weight_g` integer\n\n---\n\n## F1 — status codes\n\n- **200** stored\n"
            "- **400** invalid\n\n---\n\n## F1 — example\n\n```json\n{\"id\": \"r-1\", \"weight_g\": 7}\n```\n\n"
            "```json\n200\n{\"stored\": 1}\n```\n")
    (contract,) = spec_of(text).contracts
    assert [s.code for s in contract.status_codes] == [200, 400]
    assert sorted(e.role for e in contract.examples) == ["request", "response"]


def test_fields_of_each_item_and_status_lines_are_no_fields():
    spec = spec_of("# A → B\n\n## Endpoints\n\n### Get observations\n\n`GET /stations/{id}/observations`\n\n"
                   "- **Request**\n  - Path: `station_id` — string, `MT-` + 5 digits.\n- **Responses**\n"
                   "  - `200` — body: `station_id` (string), `readings` (array). Each reading: `observed_at` "
                   "(string, ISO 8601 UTC), `air_temp_c` (number).\n  - `400` — range malformed or a required "
                   "field missing.\n")
    (contract,) = spec.contracts
    assert [f.name for f in contract.bodies["response"].fields] == [
        "station_id", "readings", "readings[].observed_at", "readings[].air_temp_c"]


RULES_SPEC = """# Worker ↔ InkBook, StudioFlow

## Calls

R9. InkBook webhooks arrive at `POST https://worker.example/hooks/inkbook` with header `Sig`.
Body: `id` string, `type` string. The worker must answer `200` when queued, `400` for an
unparsable body, `401` for a bad signature.

R10. F1 must call `POST https://api.studioflow.example/v2/appointments`. Request: `external_id`
string (required), `location_id` integer (required). Response: `appointment_id` integer.
Codes: `201` created; `400` validation failed; `409` slot taken.

R16. StudioFlow webhooks arrive at `POST https://worker.example/hooks/studioflow`. Body:
`delivery_id` string. Worker answers as in R9 (`200`/`400`/`401`).

## Faults

R24. Transient errors — `429`, `500`, `503`, timeouts (10 s) and connection
resets — must be retried per R28; on `429` the worker waits for `Retry-After`.
"""


def test_numbered_rules_that_each_name_an_endpoint_are_contracts_of_their_own():
    spec = spec_of(RULES_SPEC)
    assert [c.url.text for c in spec.contracts] == [
        "https://worker.example/hooks/inkbook", "https://api.studioflow.example/v2/appointments",
        "https://worker.example/hooks/studioflow"]
    assert [f.name for f in spec.contracts[1].bodies["request"].fields] == ["external_id", "location_id"]
    # "R16. ... Worker answers as in R9": the rule's number names the contract it starts
    assert sorted(s.code for s in spec.contracts[2].status_codes) == [200, 400, 401]


def test_a_sentence_wrapped_before_a_dash_is_one_sentence():
    (transient,) = spec_of(RULES_SPEC).errors
    assert transient.category == "transient" and "must be retried" in transient.action.text


def test_a_contract_that_answers_as_another_has_that_ones_codes():
    spec = spec_of("# A → B\n\n## Contracts\n\n**Details — status webhook:** `POST https://b.example/hooks/status`. "
                   "Body: `job_id` string. Codes: `200` accepted; `400` invalid body; `401` bad signature.\n\n"
                   "**Details — damage webhook:** `POST https://b.example/hooks/damage`, same headers. Body: "
                   "`report_id` string. Answers as for the status webhook.\n")
    assert [sorted(s.code for s in c.status_codes) for c in spec.contracts] == [[200, 400, 401], [200, 400, 401]]


POSTMAN = """# A ↔ B (Postman collection docs)

## 1. `POST {{base}}/claims` — submit claim

**Headers**

| Key | Value |
|---|---|
| Content-Type | `application/json` |

**Body** (raw JSON): `claim_ref` string, required.

**Example Response** — `201 Created`

```json
{"claim_id": "c-1"}
```

`207 Multi-Status` when some lines fail validation. Other responses: `400` not JSON, `401` bad token, `503`.

**Tests**

```javascript
pm.test("created", () => pm.response.to.have.status(201));
```

## 2. `POST {{auth}}/oauth2/token`

**Body** (x-www-form-urlencoded): `grant_type=client_credentials`

**Example Response** — `200 OK`

```json
{"access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZpLTIwMjUtMTEifQ...", "expires_in": 900}
```
"""


def test_a_heading_that_names_an_endpoint_owns_its_sub_headings_whatever_they_are_called():
    spec = spec_of(POSTMAN)
    assert [(c.method.text, c.url.text) for c in spec.contracts] == [
        ("POST", "{{base}}/claims"), ("POST", "{{auth}}/oauth2/token")]


def test_a_code_with_its_reason_phrase_is_a_documented_status():
    (claims, _token) = spec_of(POSTMAN).contracts
    assert {s.code for s in claims.status_codes if s.listed} >= {201, 207, 400, 401, 503}
    assert "IS205" not in codes(POSTMAN)


def test_a_token_request_is_no_write_and_a_token_cut_short_is_no_secret():
    text = POSTMAN + "\n## Idempotency\n\nEach claim carries `Idempotency-Key` = `claim_ref`; FoundIt keeps keys 24 h.\n"
    found = [f for f in lint_text(text, "markdown") if f.code in ("IS901", "IS303")]
    assert not [f for f in found if "oauth2/token" in f.message or f.code == "IS303"]


def test_an_endpoint_mentioned_inside_a_cell_of_another_table_makes_no_contract():
    spec = spec_of("# A ↔ B\n\n## Housekeeping\n\n| Thing | Note |\n|---|---|\n"
                   "| Hook secret | only valid for `POST /lumagate/*` hooks |\n| Runbook | wiki page 42 |\n")
    assert spec.contracts == []


def test_an_admonition_is_a_callout_and_a_tab_a_facet_of_its_contract():
    spec = spec_of('# A ↔ B\n\n## Data flows\n\n| Flow | Source → Destination | Trigger | Payload | Frequency |\n'
                   '|---|---|---|---|---|\n| F1 | A → B | a licence changes | licence JSON | ~140/day |\n\n'
                   '!!! note "Only licensed chips"\n    B sends webhooks only for chips that A licensed.\n\n'
                   '## Contracts\n\n### F1 input — `licence.changed` event (bus `county` → `chip-sync`)\n\n'
                   'Fields: `event_id` (string), `change` (enum `ISSUED`, `REVOKED`).\n\n'
                   '=== "Event"\n\n    ```json\n    {"event_id": "e1", "change": "ISSUED"}\n    ```\n\n'
                   '=== "Outcome"\n\n    ```text\n    message deleted after B answers 201\n    ```\n')
    assert [f.source.text for f in spec.flows] == ["A"]
    assert len(spec.contracts) == 1 and spec.contracts[0].examples


def test_a_table_comparing_versions_describes_no_contract():
    spec = spec_of("# A → B v2\n\n## 1. v1 vs v2 at a glance\n\n| Topic | v1 (today) | v2 (from October) |\n|---|---|---|\n"
                   "| Slot search | `GET /venues/{id}/availability` | `GET /exam-venues/{id}/slots` |\n"
                   "| Book | `POST /bookings` (XML) | `POST /bookings` (JSON) |\n")
    assert spec.contracts == []


def test_an_example_by_reference_to_another_contract_is_that_ones_example():
    spec = spec_of("# A → B\n\n## Contracts\n\n### 5.3 `PATCH /v2/bookings/{ref}`\n\nBody: `status` string.\n\n"
                   "Request:\n\n```json\n{\"status\": \"CANCELLED\"}\n```\n\nResponse 200:\n\n"
                   "```json\n{\"booking_ref\": \"YX1\", \"status\": \"CANCELLED\"}\n```\n\n"
                   "### 5.4 `GET /v2/bookings/{ref}`\n\nResponse 200: the booking. Codes: 200; 404.\n"
                   "Example: `GET /v2/bookings/YX1` → the 200 body shown in 5.3.\n")
    assert [e.role for e in spec.contracts[1].examples] == ["response"]


def test_a_test_scenarios_call_and_answer_are_its_endpoints_examples():
    spec = spec_of("# A → B test plan\n\n## Interfaces\n\n### F1 — `POST https://api.b.example/v1/orders`\n\n"
                   "| Field | Type | Req. |\n|---|---|---|\n| `order_id` | string | yes |\n\n"
                   "Response 201: `order_id` (string), `status` (string). Codes: `201` created; `400` invalid.\n\n"
                   "## Test cases\n\n### TC-01 Order created\n\n```gherkin\nGiven a reach exists\n"
                   "When A sends POST /v1/orders with\n  {\"order_id\": \"o-1\"}\nThen B answers 201 with\n"
                   "  {\"order_id\": \"o-1\", \"status\": \"sent\"}\n```\n")
    (contract,) = spec.contracts
    assert [(e.role, e.data) for e in contract.examples] == [
        ("request", {"order_id": "o-1"}), ("response", {"order_id": "o-1", "status": "sent"})]


def test_endpoints_said_to_share_one_shape_share_what_was_read_for_one():
    spec = spec_of("# Gateway → Ingest\n\n## Interface: ingest API\n\nBoth streams use the same endpoint shape.\n\n"
                   "- `POST /v1/streams/readings/records` (F1)\n- `POST /v1/streams/alarms/records` (F2)\n\n"
                   "Body: `site_code` string, `records` array. Codes: `200` all accepted; `207` partial; `400` bad.\n\n"
                   "Example F1 request:\n\n```json\n{\"site_code\": \"HX1\", \"records\": []}\n```\n\n"
                   "Example response:\n\n```json\n{\"accepted\": 0}\n```\n")
    assert [sorted(s.code for s in c.status_codes) for c in spec.contracts] == [[200, 207, 400]] * 2
    assert all(c.examples for c in spec.contracts)


def test_codes_joined_by_or_or_slash_share_one_meaning():
    spec = spec_of("# A → B\n\n## Contracts\n\n### Delete schedule — `DELETE https://b.example/v1/schedules/{id}`\n\n"
                   "- No body.\n- e.g. `DELETE /v1/schedules/bk_7741920` → `204 No Content`\n\n"
                   "**Status codes (1️⃣ and 2️⃣):** 200/204 ok · 400 bad body · 404 not found\n\n"
                   "### Your webhook — `POST <your endpoint>`\n\n| Your code | Meaning |\n|---|---|\n"
                   "| 200 or 204 | Processed |\n| 503 | Try later |\n\nResponse: `HTTP/1.1 204 No Content`.\n")
    delete, hook = spec.contracts
    assert {s.code for s in delete.status_codes if s.listed} >= {200, 204, 400, 404}
    assert {s.code for s in hook.status_codes if s.listed} >= {200, 204, 503}


def test_an_example_led_by_e_g_is_no_endpoint_of_its_own():
    from intspec_lint.reading.call_starts import starts_endpoint
    from intspec_lint.reading.statements import Statement
    from intspec_lint.span import Span

    said = Statement("e.g. `DELETE /v1/schedules/bk_7741920` → `204 No Content`", Span(1, 1, 1, 1), (), "item", None)
    assert not starts_endpoint(said)


def test_how_to_steps_and_runbook_calls_are_no_contracts():
    spec = spec_of("# Service README\n\n## API clients\n\n### Adding a New Client\n\nCreate a client in "
                   "`Config/clients.yml`:\n\n```\nname: My Service\nrole: MyService\n```\n\n"
                   "### Experimenting with messages\n\n#### T3 test data:\n\n```bash\n./create-messages-t3.bash\n```\n\n"
                   "## Runbook\n\n### Punishment repair\n\n1. Find the hearing in DPS.\n"
                   "2. Delete the hearing mapping DELETE https://mapping.example/mapping/hearings/{id}\n"
                   "3. Repair hearing POST https://update.example/prisons/{prison}/hearing/{id}\n")
    assert spec.contracts == []


def test_an_endpoint_named_anywhere_is_evidence_of_contracts():
    text = ("# Export runbook\n\n## How to retry the export\n\n1. Find the job.\n"
            "2. Check it with GET https://rest.example/v1/batch-query/jobs/{jobId}\n"
            "3. Download the file with GET https://rest.example/apps/api/file/{fileId}\n")
    assert not [f for f in lint_text(text, "markdown") if f.message.startswith("no API or message contracts")]


def test_a_notebooks_printed_status_and_headers_are_no_part_of_the_body():
    spec = spec_of("# Pub → Cellar\n\n## F1 `POST /api/v2/sites`\n\nResponse `201`: `site_id` (string).\n\n"
                   "```python\nr = S.post(f\"{CS}/sites\", json=site); show(r)\n```\n\n"
                   "    201 {'Idempotent-Replayed': 'true'}\n    {\n     \"site_id\": \"CS-S-004512\"\n    }\n")
    responses = [e for e in spec.contracts[0].examples if e.role == "response"]
    assert responses and responses[0].data == {"site_id": "CS-S-004512"}


def test_an_appendix_of_examples_by_unit_id_joins_each_contract():
    spec = spec_of("# Oxygen service\n\n## A.1 Interfaces\n\n### A.1.1 F1 - create an order\n\n"
                   "`POST https://api.airwell.example/v1/orders`\n\nCodes: `201` created; `400` invalid.\n\n"
                   "### A.1.2 F2/F3 - events to the Trust\n\n`POST https://tie.example/airwell/events`\n\n"
                   "Codes: `204` stored; `400` schema error.\n\n## A.2 Examples\n\n### A.2.1 F1\n\n"
                   "```json\n{\"hoof_id\": \"H-1\"}\n```\n\n### A.2.2 F2 and F3\n\n```json\n{\"event_id\": \"e-1\"}\n```\n")
    assert [[e.role for e in c.examples if e.role == "request"] for c in spec.contracts] == [["request"], ["request"]]


TERSE = """# Tanks → DropRoute

## contracts

### H1 — PUT `https://api.droproute.example/v2/tanks/{tid}/levels`
req: `{seq: int, litres: int}`
resp 200: `{tid: string, stale: bool}`

| c | m |
|---|---|
| 200 | stored |
| 400 | schema fail |
| 503 | DR down |

ex:
```bash
PUT /v2/tanks/TM-004417/levels
{"seq": 88121, "litres": 310}
→ 200 {"tid": "TM-004417", "stale": false}
```
"""


def test_terse_notes_give_a_contracts_shapes_codes_and_examples():
    (contract,) = spec_of(TERSE).contracts
    assert contract.response_shape is not None
    assert sorted(s.code for s in contract.status_codes if s.listed) == [200, 400, 503]
    assert sorted(e.role for e in contract.examples) == ["request", "response"]


def test_a_section_whose_status_rejects_it_or_that_weighs_options_is_not_the_design():
    text = ("# Ward → Transport\n\n## Dead letters\n\nFailed events go to `pts-dlq`; the on-call is paged on the first.\n\n"
            "### KAN-112 · Drop failed events\n**Labels:** `ops` · **Status:** Rejected\n\n"
            "Failed events are logged and dropped.\n\n"
            "## Alternatives considered\n\nLog and drop failed messages after three attempts.\n")
    assert "IS602" not in codes(text)
    assert "IS602" in codes(text.replace("**Status:** Rejected", "**Status:** Done").replace(
        "## Alternatives considered\n\nLog and drop failed messages after three attempts.\n", ""))


def test_a_bold_contract_headings_own_bold_labels_stay_in_its_unit():
    text = ("# Shop → Warehouse\n\n## API Contracts\n\n**3.1 Create order**\n\n`POST https://wh.example/v1/orders`\n\n"
            "**Request body**\n\n| Field | Type | Required |\n|---|---|---|\n| `order_id` | string | yes |\n\n"
            "**Example request**\n\n```json\n{\"order_id\": \"o-1\"}\n```\n\n**Example response**\n\n"
            "```json\n{\"id\": \"f-1\"}\n```\n\n**Status codes**\n\n- `201` created\n- `400` invalid\n\n"
            "**3.2 Cancel order**\n\n`DELETE https://wh.example/v1/orders/{id}` answers `204` cancelled, `404` unknown.\n")
    create, cancel = spec_of(text).contracts
    assert (create.method.text, cancel.method.text) == ("POST", "DELETE")
    assert sorted(e.role for e in create.examples) == ["request", "response"]
    assert {s.code for s in create.status_codes} == {201, 400}


CANVAS = """# Kiosk → Workshop

## Contracts

### Contract A · request
`POST https://api.workshop.example/v1/jobs` · headers `Idempotency-Key: <ticket_no>`, `Content-Type: application/json`.
Body: `ticket_no` string (req) · `item` string max 80 (req).

### Contract A · response + codes
201 `{"job_id": string}` · 200 repeated Idempotency-Key, original returned · 400 invalid body · 503 maintenance.

### Contract A · example
Req `{"ticket_no": "K07-000123", "item": "Brown Oxford"}`
Resp 201 `{"job_id": "SW-771204"}`

## Monitoring
Contract A P95 latency > 3 s (10 min) warning · error rate > 2% (10 min) critical · secret expiry < 14 days warning.
"""


def test_boxes_that_each_give_one_facet_of_a_lettered_contract_are_that_contract():
    (contract,) = spec_of(CANVAS).contracts
    assert [s.code for s in contract.status_codes if s.listed] == [201, 200, 400, 503]
    assert sorted(e.role for e in contract.examples) == ["request", "response"]
    assert codes(CANVAS, "IS201", "IS202") == []


def test_metrics_a_middle_dot_separates_on_one_line_are_each_a_metric():
    assert [(m.kind, m.alert.text) for m in spec_of(CANVAS).monitoring] == [
        ("latency", "warning"), ("error-rate", "critical"), ("token-expiry", "warning")]


def test_a_glossary_that_mentions_a_call_in_passing_is_still_a_list_of_pairs():
    text = ("# Clinic → Lab\n\n## Terms\n\n| Term | Meaning in this integration |\n|---|---|\n"
            "| **Dose request** | One dose. The clinic sends it (`POST /api/v2/dose-requests`) when a scan is booked. |\n"
            "| **Transient failure** | 429, 503, timeout (10 s). Retried. |\n"
            "| **Permanent failure** | 400, 403, 422. Not retried; the request goes to the dead-letter table. |\n")
    assert [e.category for e in spec_of(text).errors] == ["transient", "permanent"]


def test_sections_named_as_questions_or_lists_of_parts_are_no_contracts():
    text = ("# Council → Contractor\n\n## What each call looks like\n\n### Sending a new job\n\n"
            "`POST https://api.contractor.example/v1/jobs` with `job_id` (string, required).\n\n"
            "## Where messages go when we give up\n\nAfter the last retry the message moves to `jobs.dlq`; "
            "the duty officer is paged on the first one.\n\n"
            "## Interface reference\n\n### 7.6.4 `POST https://bench.example/api/v1/panel-events`\n\n"
            "Body: `panel_id` (string, required).\n\n### 7.6.7 Retry, circuit breaker and dead letters\n\n"
            "Exponential backoff from 2 s, at most 5 attempts, capped at 60 s; then the queue `panel.dlq`.\n")
    assert [c.label for c in spec_of(text).contracts] == ["POST https://api.contractor.example/v1/jobs",
                                                           "POST https://bench.example/api/v1/panel-events"]


def test_program_code_and_sql_under_a_heading_are_no_contract_bodies():
    text = ("# App → Partners\n\n## Queue schema\n\n### Database table: `webhook_delivery_queue`\n\n"
            "```sql\nCREATE TABLE webhook_delivery_queue (id VARCHAR(36) PRIMARY KEY, payload JSONB NOT NULL);\n```\n\n"
            "### Enqueue webhook\n\n```python\ndef enqueue_webhook(user_id, payload):\n    db.session.add(payload)\n```\n\n"
            "## Idempotency\n\nPartners must handle duplicate deliveries: every delivery carries its `event_id`.\n")
    assert all(not c.examples and not c.judged for c in spec_of(text).contracts)
    assert codes(text, "IS201", "IS202", "IS203", "IS901") == []


def test_a_message_contract_with_no_topic_and_one_thing_read_is_not_asked_for_the_rest():
    base = ("# Lanes → Ops\n\n## Messages\n\n### Car object (same in webhook and backfill)\n\n"
            "Payload: `car_id` (string), `arrived_at` (string, date-time).\n\n")
    assert codes(base, "IS201", "IS202") == []  # a shared object under a heading: perhaps no message of its own
    whole = base + "Topic: `laneclock.cars`.\n"
    assert codes(whole, "IS202") == ["IS202"]  # a topic and a shape: a message, whose example is owed


def test_a_bodys_status_field_and_a_ranges_bound_are_no_status_codes():
    text = ("# Exams → Scores\n\n## Calls\n\n### Publish scores\n\n`POST https://api.exams.example/hooks/scores`\n\n"
            "- Body: `scores[]` of `{score_id: string, status: \"RELEASED\"|\"WITHHELD\", scale_score: integer|null "
            "(80–230)}`\n- Codes: `200` stored, `400` invalid body, `401` bad signature.\n")
    (contract,) = spec_of(text).contracts
    assert sorted(s.code for s in contract.status_codes if s.listed) == [200, 400, 401]
    assert "IS205" not in codes(text)


TYPED_CALLS = '''# Depot app → Hub

## Payloads

```ts
// POST /v1/loads  (Bearer token)
interface LoadSubmission {
  loadId: string;      // UUID made on the device
  crates: number;      // integer 1-40
}

// 202 Accepted
interface LoadAccepted { loadId: string; status: 'queued' }

// GET /v1/bays?site=all  -> 200
interface BayList { generated_at: string; bays: Array<{ id: string; free: number }> }
```

Status codes: `200` bays listed, `202` load queued, `400` invalid body (never retried).

Example: `GET /v1/bays?site=all` → `200 {"generated_at": "2025-03-08T10:40:00Z", "bays": [{"id": "B-1", "free": 3}]}`

Example request/response:

```json
POST /v1/loads
{"loadId": "0195-7c41", "crates": 4}

202 {"loadId": "0195-7c41", "status": "queued"}
```
'''


def test_a_code_block_that_writes_several_calls_is_read_call_by_call():
    """Typed declarations under a `// POST /v1/loads` comment belong to that call (the one after a status
    comment or named as an answer is its response), and an example block that writes its call belongs to
    the contract of that call, not to the one read just before it."""
    contracts = {(c.method.text, c.url.text.split("?")[0]): c for c in spec_of(TYPED_CALLS).contracts}
    assert set(contracts) == {("POST", "/v1/loads"), ("GET", "/v1/bays")}
    loads, bays = contracts["POST", "/v1/loads"], contracts["GET", "/v1/bays"]
    assert loads.request_shape is not None and loads.response_shape is not None
    assert bays.response_shape is not None
    assert sorted(e.role for e in loads.examples) == ["request", "response"]
    assert [e.role for e in bays.examples] == ["response"]
    assert not codes(TYPED_CALLS, "IS201", "IS202")


def test_a_dedup_key_named_by_the_field_the_call_sends_covers_that_call():
    """"The app creates `loadId` before the first send, so resends are the same submission" names the key
    of the call whose body carries `loadId`, though it names no call."""
    text = TYPED_CALLS + '''
## Idempotency

The app creates `loadId` before the first send, so resends are the same submission and the hub answers
the same `202`. Reads have no side effects.
'''
    assert not codes(text, "IS901")
    assert codes(text.replace("creates `loadId`", "creates an id"), "IS901") == ["IS901"]


def test_a_full_path_said_first_and_a_path_under_a_base_url_are_one_endpoint():
    """"`POST /api/v1/shed-tallies`" in an early section and "**F1 `POST /shed-tallies`**" under "Base URL
    `https://billing.example/api/v1`" are one endpoint, whichever comes first."""
    text = ("# Tally app → Billing\n\n## 2. How the sync works\n\n- The handset sync calls `POST /api/v1/shed-tallies` "
            "once a run closes, with a 20-second timeout.\n\n## Contracts\n\nBase URL: `https://billing.example/api/v1`.\n\n**F1 `POST /shed-tallies`**\n\n"
            "| Field | Type | Req |\n|---|---|---|\n| `tally_id` | string | yes |\n\n"
            "Status codes: `201` stored, `400` invalid body.\n\n"
            '```json\n{"tally_id": "t-1"}\n```\n\nResponse `201`: `{"billing_tally_id": "b-9"}`\n')
    endpoints = [(c.method.text, c.url.text) for c in spec_of(text).contracts if c.method]
    assert len(endpoints) == 1
    assert not codes(text, "IS201", "IS202")


def test_a_section_that_opens_by_saying_it_tells_the_past_is_not_the_design():
    """"This is the old behaviour, kept here so the timeline makes sense. None of it is current.": what that
    section says (a call with no key, failures logged and dropped) is not read as the design."""
    text = ("# Tally app → Billing\n\n## 2. How the integration worked at the time\n\n"
            "This is the old behaviour, kept here so the timeline makes sense. None of it is current.\n\n"
            "- The app called `POST /api/v1/tallies` with no idempotency key.\n"
            "- On a 400 the handler logged a warning and dropped the tally.\n\n"
            "## 3. Dead letters\n\nRejected tallies go to queue `tallies.dlq`; PagerDuty pages the on-call.\n")
    spec = spec_of(text)
    assert not spec.contracts
    assert "IS602" not in codes(text)


OUTLINE_CONTRACT = """# Permit desk → Gateway

## 3 Contracts

### 3.2 C1 Submit application

#### 3.2.1 Endpoint and headers
3.2.1.1 `POST https://api.gateway.example/v2/applications`
3.2.1.2 `Idempotency-Key` header, the application's UUID

#### 3.2.2 Request body
3.2.2.1 `taxon_id` integer, required
3.2.2.2 `quantity` integer, required

#### 3.2.3 Response body
3.2.3.1 `application_id` string

#### 3.2.4 Status codes
3.2.4.1 201 application created
3.2.4.2 400 schema violation
3.2.4.3 503 gateway maintenance

#### 3.2.5 Example
```json
{"taxon_id": 20871, "quantity": 4}
```
Response `201`: `{"application_id": "AP-1"}`
"""


def test_a_contract_told_in_numbered_sub_headings_and_outline_lines_is_one_contract():
    """"3.2.1 Endpoint and headers", "3.2.4 Status codes", "3.2.5 Example" under "3.2 C1 Submit application"
    are facets of one contract, and lines numbered "3.2.4.1 201 application created" are its list."""
    contract, = spec_of(OUTLINE_CONTRACT).contracts
    assert {s.code for s in contract.status_codes if s.listed} == {201, 400, 503}
    assert not codes(OUTLINE_CONTRACT, "IS201", "IS202")


def test_a_reference_to_another_contracts_codes_may_wrap_onto_the_next_line():
    """"Same headers, same status codes and error body⏎as 3.1." (a wrapped paragraph) takes 3.1's codes."""
    text = ("# Extractor → Sightings API\n\n## 3. Calls\n\n### 3.1 `GET /v2/observations`\n\n"
            "Response: `results` (array), `next_cursor` (string). Status codes: `200` page, `401` token expired, "
            "`429` rate limited.\n\n"
            '```json\n{"results": [], "next_cursor": null}\n```\n\n'
            "### 3.2 `GET /v2/taxa`\n\nQuery `group=inns`. Same headers, same status codes and error body\n"
            "as 3.1. Response: `results` (array of Taxon), `next_cursor`.\n\n"
            '```json\n{"results": [{"id": 7}], "next_cursor": null}\n```\n')
    taxa = next(c for c in spec_of(text).contracts if c.url and "taxa" in c.url.text)
    assert {s.code for s in taxa.status_codes} == {200, 401, 429}


def test_a_contract_led_by_its_endpoint_inside_another_parts_section_is_read():
    """"**C1 — `POST https://.../incidents`.** Headers: ..." with its field and status tables, below the
    flows table of "## 5. How alerts reach the desk", is a contract; a one-line word about a call told
    elsewhere ("**`POST /zone-status`**: deduplicated on ...") is not one."""
    text = ("# Hub → Desk\n\n## 5. How alerts reach the desk\n\n| Flow | Direction | Trigger | Payload | Volume |\n"
            "|---|---|---|---|---|\n| F1 Alert | Hub → Desk (C1) | obstruction confirmed | alert JSON | ≈40/day |\n\n"
            "**C1 — `POST https://desk.example/api/v2/incidents`.** Headers: `Authorization: Bearer <token>`.\n\n"
            "| Field | Type | Notes |\n|---|---|---|\n| `crossing_id` | string | |\n\n"
            "| Status | Meaning |\n|---|---|\n| 201 | Incident created |\n| 400 | Validation failed |\n"
            "| 423 | Crossing inside a possession; incident not raised |\n\n"
            "## 8. When it breaks\n\n| Class | Cases | Handling |\n|---|---|---|\n"
            "| Transient | 429, 500, 503 | retried |\n| Permanent | 400, 401, 404 | dead-lettered |\n")
    contract, = spec_of(text).contracts
    assert contract.method.text == "POST" and 423 in {s.code for s in contract.status_codes}
    assert "IS402" in codes(text, "IS402")


def test_a_contract_led_by_its_unit_id_then_its_endpoint_in_a_questionnaire_answer_is_read():
    """"*C3 — Reef outplants.* `POST https://.../outplants:batch`, same headers." then "Request: ...",
    "Response: ...", "Codes: ..." sentences, in the answer to a review question: a contract."""
    text = ("# Nursery app → Reef database\n\n## Data flows\n\n**Q3. Describe every interface contract.**\n\n"
            "*C3 — Reef outplants.* `POST https://api.reef.example/v2/outplants:batch`, same headers.\n"
            "Request: `source_ref` string, `site_code` string. Response: `batch_id` string.\n"
            "Codes: `201` stored; `400` schema invalid; `409` tags already outplanted elsewhere.\n\n"
            "## Errors\n\n| Class | Cases | Handling |\n|---|---|---|\n| Transient | 429, 503 | retried |\n"
            "| Permanent | 400, 401, 404 | dead-lettered |\n")
    contract, = spec_of(text).contracts
    assert 409 in {s.code for s in contract.status_codes}
    assert "IS402" in codes(text, "IS402")


def test_a_statement_led_by_a_facet_label_names_no_contract():
    """"Headers: C1 sends `Idempotency-Key`" is not a word about every call whose text has headers: the
    other write without a key is still reported."""
    text = ("# Tablet → Registry\n\n## Contracts\n\n### C1 `POST /api/v2/assessments`\n\n"
            "Headers: `Authorization: Bearer <token>`, `Idempotency-Key: <assessment_id>`.\n\n"
            "Body: `assessment_id` string. Status codes: `201` created, `400` invalid.\n\n"
            "### C2 `POST /api/v2/assessments/{id}/follow-ups`\n\nHeaders: `Authorization: Bearer <token>`.\n\n"
            "Body: `note` string. Status codes: `201` created, `400` invalid.\n\n"
            "## Idempotency\n\nHeaders: C1 sends `Idempotency-Key`; a repeat with the same key returns the first "
            "result.\n")
    assert [f for f in lint_text(text, "markdown") if f.code == "IS901" and "follow-ups" in f.message]


def test_a_table_under_a_parameters_title_declares_headers_not_body_fields():
    """A Redoc-like "HEADER PARAMETERS" table (Authorization, Idempotency-Key) is the call's headers: the body
    example is not asked for them; a field table under "Headers as C2." is still the body's."""
    text = ("# Airline → Pads\n\n## Contracts\n\n### Create treatment request\n\n`POST /treatment-requests`\n\n"
            "HEADER PARAMETERS\n\n| Name | Type | Required | Description |\n|---|---|---|---|\n"
            "| Authorization | string | yes | `Bearer <token>` |\n| Idempotency-Key | string (uuid) | yes | kept 72 h |\n\n"
            "REQUEST BODY SCHEMA\n\n| Field | Type | Required | Description |\n|---|---|---|---|\n"
            "| flight_date | string (date) | yes | |\n| pad_id | string | yes | |\n\n"
            "| Code | Description |\n|---|---|\n| 201 | Accepted |\n| 400 | Invalid |\n\nRequest sample\n\n"
            '```json\n{"flight_date": "2025-01-14", "pad_id": "P3"}\n```\n\nResponse sample\n\n'
            '```json\n{"request_id": "trq_1"}\n```\n')
    contract, = spec_of(text).contracts
    assert {h.text for h in contract.headers} >= {"Authorization", "Idempotency-Key"}
    assert [f.name for f in contract.bodies["request"].fields] == ["flight_date", "pad_id"]
    assert "IS204" not in codes(text)


def test_every_consumer_said_safe_against_redelivery_covers_the_writes():
    """"Every consumer here is safe against redelivery" is a statement about every write, like "all writes
    are idempotent"."""
    base = ("# Inverters → Field desk\n\n## Contracts\n\n### C1 `POST /sunwatch/alarms`\n\n"
            "Body: `alarms` array. Status codes: `202` queued, `400` invalid.\n\n"
            "### C4 `POST https://relay.example/fielddesk/workorders`\n\n"
            "Body: `workOrderId` string. Status codes: `202` queued, `400` invalid.\n\n## Duplicates\n\n")
    said = base + "Every consumer here is safe against redelivery; each keeps the ids it has applied for 7 days.\n"
    assert "IS901" not in codes(said)
    assert "IS901" in codes(base + "Deliveries are at least once.\n")


def test_a_section_titled_as_an_example_is_no_contract_of_its_own():
    """"### 3.2 Example: RegisterEquine" shows a call described elsewhere; with no endpoint before it to join,
    it is no contract asked for a method and URL."""
    text = ("# Registry client → Registry\n\n## 3. Service and operations\n\nEndpoint: "
            "`https://ced.example/soap/v3/RegistryService` (SOAP 1.2).\n\n| Operation | SOAP action |\n|---|---|\n"
            "| RegisterEquine | `urn:ced:v3/RegisterEquine` |\n\n### 3.2 Example: RegisterEquine\n\nRequest:\n\n"
            "```xml\n<soap:Envelope><soap:Body><RegisterEquine><ueln>826</ueln></RegisterEquine></soap:Body>"
            "</soap:Envelope>\n```\n\nResponse:\n\n```xml\n<soap:Envelope><soap:Body><RegisterEquineResponse>"
            "<status>OK</status></RegisterEquineResponse></soap:Body></soap:Envelope>\n```\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS201" and "Example" in f.message]


def test_an_examples_section_gives_each_run_to_the_contract_its_id_names():
    text = ("# Ops ↔ Gateway\n\n## 4. Contracts\n\n### 4.1 F1 Apply: `POST /v2/permits`\n\n"
            "Body: `ref` string, required. Answers `201` created, `422` invalid.\n\n"
            "### 4.2 F3 Placement: `PUT /v2/permits/{permit_no}/placement`\n\n"
            "Body: `state` string, required. Answers `200` stored, `404` unknown permit.\n\n"
            "### 4.3 Examples\n\nF1 request and `201` response:\n\n```json\n{\"ref\": \"DSK-1\"}\n```\n"
            "```json\n{\"application_id\": \"APP-7\"}\n```\n\n"
            "F3 `PUT /v2/permits/HP-4471/placement` and `200`:\n\n```json\n{\"state\": \"on_street\"}\n```\n"
            "```json\n{\"permit_no\": \"HP-4471\", \"version\": 1}\n```\n")
    spec = spec_of(text)
    assert [(c.method.text, sorted(e.role for e in c.examples)) for c in spec.contracts] == [
        ("POST", ["request", "response"]), ("PUT", ["request", "response"])]
    assert not {"IS201", "IS202"} & set(codes(text))


def test_a_field_tables_header_names_the_role_of_its_body():
    text = ("# Press → Match\n\n## Contracts\n\n### C3 `GET /v3/reviewers/{orcid}/conflicts`\n\n"
            "| Response field | Type | Notes |\n|---|---|---|\n| `orcid` | string | as requested |\n"
            "| `conflicts` | array | found conflicts |\n| `checked_at` | string | ISO 8601 UTC |\n\n"
            "Codes: 200 result; 401 token; 404 unknown ORCID.\n\n"
            "Example: `GET /v3/reviewers/0000-0002/conflicts`\n```json\n"
            "{\"orcid\": \"0000-0002\", \"conflicts\": [], \"checked_at\": \"2025-06-05T08:39:02Z\"}\n```\n")
    contract = spec_of(text).contracts[0]
    assert contract.response_shape is not None and [e.role for e in contract.examples] == ["response"]
    assert "IS202" not in codes(text)


def test_a_request_example_whose_path_fills_a_parameter_inside_a_segment_is_that_calls():
    text = ("# Sirens → Assets\n\n## Inspections\n\n`PUT https://car.example/api/2.1/assets/{asset_id}/inspections/WN-{test_id}`"
            " with `outcome` (string, required). Codes: 201 created, 409 stale.\n\n"
            "```json\nPUT /api/2.1/assets/EMS-0047/inspections/WN-90071992547409\n{\"outcome\": \"F\"}\n```\n\n"
            "Response 201: `{\"inspection_id\": \"WN-90071992547409\", \"version\": 1}`\n")
    spec = spec_of(text)
    assert len(spec.contracts) == 1 and sorted(e.role for e in spec.contracts[0].examples) == ["request", "response"]


def test_a_unit_whose_first_words_name_its_endpoint_owns_its_facet_sub_sections():
    text = ("# Flood → Depot\n\n- Sandbag requests\n  - Contracts\n    - C1 Create job\n"
            "      - POST `https://depot.example/api/v1/jobs`\n      - headers\n        - `Authorization: Bearer <token>`\n"
            "        - `Idempotency-Key: <request_ref>`\n      - request fields\n"
            "        - `request_ref`: string, required\n        - `bags`: integer, required\n"
            "      - response fields (201 and 200)\n        - `job_ref`: string\n"
            "      - status codes\n        - 201: created\n        - 400: body invalid\n"
            "      - example request\n        - `{\"request_ref\": \"FL-1\", \"bags\": 20}`\n"
            "      - example response (201)\n        - `{\"job_ref\": \"DJ-1\"}`\n")
    spec = spec_of(text)
    assert [c.method.text if c.method else None for c in spec.contracts] == ["POST"]
    assert not {"IS201", "IS202"} & set(codes(text))


def test_a_unit_of_field_to_field_lines_named_after_a_contract_is_its_mapping_not_a_contract():
    text = ("# Pumps → Formulary\n\n## Calls\n\n### Contract 2: deployment events\n\n"
            "`POST https://formulary.example/hooks/deployments` with `{\"event_id\": \"e-1\", \"state\": \"installed\"}`.\n\n"
            "## Data mapping\n\n- **Contract 2: PumpHub → FM table `DeploymentEvent`**\n"
            "  - `event_id` (string) → `EventId` (uniqueidentifier): parsed\n"
            "  - `state` (string) → `Status` (tinyint): `installed` → 2\n"
            "  - `occurred_at` (ISO 8601 UTC) → `OccurredAtUtc` (datetime2): stored in UTC\n")
    assert [c.label for c in spec_of(text).contracts] == ["POST https://formulary.example/hooks/deployments"]


def test_a_call_to_one_record_that_declares_nothing_is_an_example_not_a_contract():
    """A caption over an example ("A.1 request, `PUT .../orders/BEO-004711`") or a runbook's request line shows a
    contract; nothing is asked of it. The same call with its own status codes is judged."""
    caption = ("# Desk → Kitchen\n\n## Appendix A. Examples\n\nA.1 request, `PUT https://kps.example/api/v3/orders/BEO-004711`\n\n"
               "```json\n{\"beo_number\": \"BEO-004711\", \"revision\": 3}\n```\n")
    contract = spec_of(caption).contracts[0]
    assert contract.example_call and not contract.judged
    assert not [f for f in lint_text(caption, "markdown") if f.code in ("IS201", "IS202", "IS901") and "BEO" in f.message]
    coded = caption + "\nAnswers `200` updated, `409` stale revision.\n"
    assert not spec_of(coded).contracts[0].example_call
    templated = caption.replace("BEO-004711`", "{beo_number}`")
    assert not spec_of(templated).contracts[0].example_call


def test_a_call_named_before_its_contract_is_that_contract_under_a_dated_base_path():
    """A step that names `GET /classes` "(contract B2)" before B2 defines `GET .../2024-10/classes`: one
    contract, the one that defines it, where a date versions the API as `/v2` would."""
    text = ("# Desk → Larder\n\n## Step 3 — Early prep\n\nAt 05:30 a cron job calls `GET /classes` on Desk "
            "(contract B2) for today.\n\n## Contracts\n\n### B2 — Roster pull\n\n"
            "`GET https://api.desk.example/2024-10/classes?date=2025-06-14`\n\n"
            "Codes: 200 classes returned; 401 key revoked.\n\nExample response:\n\n"
            '```json\n{"classes": [{"class_id": "C-1", "starts_at": "2025-06-14T09:00:00Z"}]}\n```\n')
    (contract,) = spec_of(text).contracts
    assert contract.name.text == "B2 — Roster pull" and contract.examples and len(contract.status_codes) == 2
    assert "IS202" not in codes(text) and "IS201" not in codes(text)


def test_a_request_id_new_per_attempt_is_no_idempotency_key():
    """`X-Request-Id` sent fresh on every attempt traces calls; the same header kept across retries is a key."""
    base = ("# Scan → Hub\n\n## Contracts\n\n### F3 — Record link\n\n`POST https://hub.example/api/v3/links`\n\n"
            "Headers: `Content-Type: application/json`, `X-Request-Id: <uuid>` ({}).\n\n"
            "Codes: 201 created; 400 invalid.\n\n### F1 — Create report\n\n`POST https://hub.example/api/v3/reports`\n\n"
            "Codes: 201 created; 400 invalid.\n\n## Idempotency\n\nF1: `Idempotency-Key` = the report id; a repeat "
            "returns the first answer.\n")
    assert "IS901" in codes(base.format("new per attempt, for log correlation"))
    assert "IS901" not in codes(base.format("the same on every retry; a repeat returns the first answer"))


def test_a_unit_led_by_its_id_under_the_contracts_is_a_contract_whatever_its_words_name():
    """ "### 3.3 F3 — Change slot capacity" under "## API Contracts": "capacity" is a service-level word, but
    a sub-heading led by a unit's id under the contracts is one of them."""
    text = ("# Farm ↔ Till\n\n## 3. API Contracts\n\n### 3.1 F1 — Record weigh-out\n\n"
            "- **Method and URL:** `POST https://api.farm.example/v2/weigh-outs`\n\n"
            "### 3.3 F3 — Change slot capacity\n\n"
            "- **Method and URL:** `PATCH https://api.farm.example/v2/slots/{slot_id}`\n\n"
            "| Code | Meaning |\n|---|---|\n| 200 | Capacity changed |\n| 409 | Below the number booked |\n")
    assert [c.method.text for c in spec_of(text).contracts] == ["POST", "PATCH"]


def test_a_statement_that_leaves_each_call_its_own_rule_covers_none():
    """ "Each request documents its own rule; there is no shared dedup store": the calls that give no rule of
    their own have none."""
    text = ("# Firm → Chambers\n\n## Contracts\n\n### F1 — Send brief\n\n`POST https://ch.example/v1/briefs`\n\n"
            "Headers: `Idempotency-Key` = the brief id; a repeat returns the first answer.\n\n"
            "### F4 — Fee note\n\n`POST https://firm.example/v2/fee-notes`\n\nCodes: 201 created; 400 invalid.\n\n"
            "## Duplicates\n\nEach request above documents its own rule; there is no shared dedup store.\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS901"] == [11]  # F4 only


def test_examples_led_by_a_rows_name_belong_to_that_row_of_a_contract_table():
    """Under a table of one call per row, "Create case, request and response:" over two blocks and "Find case
    (F2): `GET ...` → 200 `{...}`" are those rows' examples; the section itself is no contract."""
    text = ("# Recon → Desk\n\n## Desk endpoints\n\n| Call | Method and URL | Body | Success |\n|---|---|---|---|\n"
            "| Create case (F1) | `POST /desk/v2/cases` | Case fields | 201, `sys_id` |\n"
            "| Find case (F2) | `GET /desk/v2/cases?correlation_id={id}` | — | 200, `result[]` |\n\n"
            "Create case, request and response:\n\n"
            '```json\n{"correlation_id": "BRK-1", "amount": 18250.0}\n```\n\n'
            '```json\n{"result": {"sys_id": "9d4c", "state": "1"}}\n```\n\n'
            'Find case (F2): `GET /desk/v2/cases?correlation_id=BRK-1` → 200 `{"result": [{"sys_id": "9d4c"}]}`\n')
    create, find = spec_of(text).contracts
    assert [e.role for e in create.examples] == ["request", "response"]
    assert [e.role for e in find.examples] == ["response"]


def test_a_topics_messages_are_safe_when_each_of_its_flows_is_made_safe_by_name():
    text = ("# Recon → Desk\n\n## Flows\n\n| Flow | Source → destination | Trigger | Payload | Volume |\n"
            "|---|---|---|---|---|\n| F1 Break opened | Recon → Desk | `break.opened` message on topic `recon-breaks` "
            "| Break event | ~1,800/day |\n| F2 Break closed | Recon → Desk | `break.closed` message | Close event | "
            "~1,500/day |\n\n## Messages from Recon\n\nBoth events are published on topic `recon-breaks` with "
            "`eventType` (`break.opened` / `break.closed`).\n\n| Field | Type |\n|---|---|\n| `break_id` | string |\n\n"
            "## Duplicates\n\n- F1 Create case: a unique index on `correlation_id`; a repeat gets 409 and is "
            "completed as a duplicate.\n- F2 Update case: sets the same state again, idempotent by nature.\n")
    assert "IS901" not in codes(text)
    assert "IS901" in codes(text.replace("- F2 Update case: sets the same state again, idempotent by nature.\n", ""))


def test_calls_written_out_with_an_empty_answer_and_a_row_naming_their_flow_are_read():
    """Two calls in one block, each answered "→ 204 No Content": a whole answer. A per-environment table row
    "F3 telemetry | EMS upserts on (`site_id`, `ts`)" names the call by its words; "C1 create job: ..." names C1
    only, whatever words it shares with C3."""
    text = ("# Battery → EMS\n\n## Ingest\n\nError bodies are `{\"error\": string}`.\n\n```json\n"
            "POST /ingest/telemetry\n"
            '{"site_id": "SKR", "ts": "2025-06-12T09:41:00Z", "soc_pct": 63.4}\n→ 204 No Content\n\n'
            "POST /ingest/execution\n"
            '{"report_id": "rep_1", "site_id": "SKR", "hour_start": "2025-06-12T09:00:00Z"}\n→ 204 No Content\n```\n\n'
            "Codes: 204 stored, 400 invalid body, 401 bad signature.\n\n"
            "## Idempotency\n\n| Flow | dev | prod |\n|---|---|---|\n"
            "| F3 telemetry | EMS upserts on (`site_id`, `ts`) | same |\n| F4 execution report | EMS upserts on "
            "`report_id` | same |\n")
    assert all(any(e.role == "response" for e in c.examples) for c in spec_of(text).contracts)
    assert not {"IS201", "IS901"} & set(codes(text))


def test_a_status_code_after_the_word_path_names_no_topic():
    """"`403` client certificate not allowed on this path · `404` unknown float": a code, not a queue or folder."""
    text = ("# Floats → Board\n\n## Contracts\n\n**C4 — Incident.** `POST https://board.example/api/v1/incidents`\n\n"
            "Status codes: `201` opened · `403` client certificate not allowed on this path · `404` unknown float.\n")
    (contract,) = spec_of(text).contracts
    assert contract.topic is None


def test_a_table_of_calls_led_by_their_method_and_url_with_samples_named_by_row_id():
    """"| Call | Request fields | Response fields | Status codes |" whose first cells write the calls ("C1 `POST
    /arrivals` (F1)"): a contract per row; a samples block whose comments name each call's id gives its examples."""
    text = ("# Depot → Customs\n\n## Contracts\n\n| Call | Request fields (type) | Response fields (type) | Status codes |\n"
            "|---|---|---|---|\n| C1 `POST /arrivals` (F1) | `mrn` string, `arrived_at` date-time | `arrival_id` string "
            "| 202 submitted; 400 schema |\n| C3 `GET /guarantees/{grn}/balance` (F3) | path only | `grn` string, "
            "`available_amount` decimal string | 200; 404 unknown GRN |\n\n"
            "```jsonc\n// samples/c1-arrival.request.json\n"
            '{"mrn": "25PL443010T0012345", "arrived_at": "2025-03-06T13:22:00Z"}\n'
            "// samples/c1-arrival.response.json  (202)\n"
            '{"arrival_id": "ARV-9920411"}\n// samples/c3-balance.response.json  (GET /guarantees/G1/balance -> 200)\n'
            '{"grn": "G1", "available_amount": "62579.50"}\n```\n')
    arrivals, balance = spec_of(text).contracts
    assert (arrivals.method.text, arrivals.url.text) == ("POST", "/arrivals")
    assert [e.role for e in arrivals.examples] == ["request", "response"]
    assert [e.role for e in balance.examples] == ["response"]
    assert not {"IS201", "IS202"} & set(codes(text))


def test_a_queue_named_by_its_broker_and_a_share_path_are_locations():
    """"## Message contract: SQS `psd-results-prod`", "Location `\\\\labfs01\\kf\\`", a bare `\\\\host\\share\\file.csv`."""
    sqs = ("# Mill → LIMS\n\n## Message contract: SQS `psd-results-prod`\n\nOne message per measurement, body JSON.\n\n"
           "| Field | Type |\n|---|---|\n| `lot` | string |\n")
    assert spec_of(sqs).contracts[0].topic.text == "psd-results-prod"
    share = ("# KF → LIMS\n\n## Contracts\n\n### File out: tiamo worklist\n\n`\\\\labfs01.chem.example\\kf-import\\worklist.csv`, "
             "`;` separated, replaced as a whole.\n\n| Column | Type |\n|---|---|\n| `sample_id` | string |\n")
    assert spec_of(share).contracts[0].topic is not None
    config = ("# Valves → Hub\n\n## 2. Broker connection and credentials (`spring.rabbitmq`, `spring.cloud.vault`)\n\n"
              "Host `mq.example`, user `valves`.\n")
    assert not spec_of(config).contracts


def test_a_flows_own_section_holds_its_steps_not_flows():
    text = ("# KF → LIMS\n\n## Flows\n\n| Flow | Source → Destination | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| A Results | tiamo → LIMS | auto-export | CSV | 1-30 per sequence |\n\n## Flow A: results\n\n### Processors\n\n"
            "#### FetchSmb `Fetch KF export`\n\n| Property | Value |\n|---|---|\n| Relationship `failure` | Retry: 5 "
            "attempts; exhausted → Dead letter |\n")
    assert [f.name.text for f in spec_of(text).flows] == ["A Results"]


def test_an_example_call_with_the_services_base_path_is_its_endpoints():
    """`PUT /srs/api/v1/ec-outcomes/EC-24/LAW-CW2` under `PUT /ec-outcomes/{claim}/{assessment}`: the service's
    name and its API's base before the path."""
    text = ("# EC → SRS\n\n## 3.2 F2 — PUT /ec-outcomes/{claim_ref}/{assessment_id}\n\nRequest: `outcome` (string).\n\n"
            "Codes: 200 updated; 201 created; 404 unknown.\n\nExample request:\n\n"
            "    PUT /srs/api/v1/ec-outcomes/EC-24-006512/LAW2041-CW2\n    {\"outcome\": \"EXT\"}\n\n"
            "Example response (201):\n\n    {\"claim_ref\": \"EC-24-006512\", \"srs_outcome_id\": 558213}\n")
    (contract,) = spec_of(text).contracts
    assert sorted(e.role for e in contract.examples) == ["request", "response"]


def test_a_call_that_returns_the_existing_record_for_a_known_key_is_safe_to_repeat():
    """"202 accepted (or existing batch for a known `X-Deposit-Id`)": a custom header made the key."""
    text = ("# Press → Registry\n\n## Contracts\n\n**Submit deposit** — `POST https://api.reg.example/v1/deposits`\n"
            "Headers: `X-Deposit-Id: <64 hex>`. Body: deposit XML.\n"
            "Codes: 202 accepted (or existing batch for a known `X-Deposit-Id`) · 400 not well-formed.\n\n"
            "**Cancel deposit** — `POST https://api.reg.example/v1/cancellations`\nCodes: 201 created · 400 invalid.\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS901"] == [9]


def test_a_status_that_answers_a_repeat_is_handled_by_the_idempotency_design():
    text = ("# Courts → FileRight\n\n## Contracts\n\n### Docket event\n\n`POST https://api.fr.example/v2/events`\n\n"
            "```json\n{\"event_id\": \"e-1\"}\n```\n\n| Status | Meaning |\n|---|---|\n| 204 | stored |\n"
            "| 409 | the `event_id` was already processed (treated as delivered) |\n| 400 | unknown envelope |\n\n"
            "## Errors\n\n| Category | Examples | Action |\n|---|---|---|\n| Transient | 503, timeouts | retry |\n"
            "| Permanent | 400 | dead-letter and alert |\n| Partial | none: one event a call | - |\n")
    assert "IS402" not in codes(text, "IS402")
    assert "IS402" in codes(text.replace("the `event_id` was already processed (treated as delivered)",
                                         "the email is on another contact"), "IS402")


def test_a_call_named_in_brackets_in_passing_makes_no_section_a_contract():
    text = ("# Kitchen → Courier\n\n## Monitoring\n\nLatency p95 > 2 s pages the on-call.\n\n## 10:20 Dev\n\n"
            "Credential expiry: key < 14 days → warn (the portal exposes `expires_at` on `GET /partner/v2/keys/self`).\n")
    assert not [c for c in spec_of(text).contracts if "keys/self" in c.subject]
    said = text.replace("(the portal exposes `expires_at` on `GET /partner/v2/keys/self`)",
                        "by calling `GET /partner/v2/keys/self`")
    assert [c for c in spec_of(said).contracts if "keys/self" in c.subject]


def test_a_write_named_by_the_resource_its_path_ends_in_has_the_dedup_said_of_it():
    """"stock receipts are unique on `reference` (a `409` means already booked)" in a closing duplicates section
    speaks of `POST /v2/stock/receipts`; a path segment that is an id or a version names nothing."""
    from intspec_lint.rules._common import contract_namer
    text = ("# Tills → Stock\n\n## Calls\n\n### Book a receipt\n\n`POST /v2/stock/receipts`\n\n"
            "### Export\n\n`POST /v1/sites/GD-SITE-0442/metered-export`\n\n"
            "## Duplicates\n\nTills deliver at least once.\n\nStock receipts are unique on `reference` (a `409` means "
            "\"already booked\").\n")
    spec = spec_of(text)
    names = contract_namer(spec)
    receipts, export = spec.contracts
    assert "stock receipts" in names(receipts) and "metered export" in names(export)
    assert spec.speaks_of("idempotency", names(receipts), receipts.span)
    assert not spec.speaks_of("idempotency", names(export), export.span)


def test_a_call_said_to_send_no_body_on_its_line_owes_no_request_example():
    text = ("# Shop → Couriers\n\n## Calls\n\n**(b) Cancel job:** `POST https://api.couriers.example/v1/jobs/{job_id}/cancel`, "
            "{said}.\n`200 {\"job_id\": \"job_01J0\", \"status\": \"cancelled\"}`; `409` once picked up.\n")
    assert "IS202" not in codes(text.replace("{said}", "no body"))
    assert "IS202" in codes(text.replace("{said}", "sent by the store"))
    answered = text.replace("{said}", "sent by the store").replace("`409` once picked up.", "`204`, no body.")
    assert "IS202" in codes(answered)  # a response's "no body" is no request's


def test_a_no_content_line_under_a_request_or_an_arrow_to_202_is_the_whole_response():
    """A block that shows the webhook's request and ends in its bare "204 No Content" line, and "→ `202 Accepted`":
    the response shown whole, with no body to print."""
    block = ("# Panels → Estate\n\n## Alarm webhook\n\n`POST https://estate.example/hooks/alarms`\n\n```\n"
             "POST /hooks/alarms HTTP/1.1\nX-Signature: sha256=0b7e…\n{\"event_id\": \"ev_91f0c2\", \"code\": \"F031\"}\n"
             "{status}\n```\n")
    assert "IS202" not in codes(block.replace("{status}", "204 No Content"))
    assert "IS202" in codes(block.replace("{status}", ""))
    arrow = ("# Vines → Tablet\n\n## Harvest event\n\n`POST https://hub.example/v1/harvest-events`\n\n```json\n"
             "{\"event_id\": \"hv-1\", \"block\": \"B7\", \"kg\": 412}\n```\n\n→ {status}; the same `event_id` again "
             "→ `202`, nothing re-sent.\n")
    assert "IS202" not in codes(arrow.replace("{status}", "`202 Accepted`"))


def test_a_call_led_by_its_bold_label_above_the_next_calls_heading_is_a_contract():
    """"**7.1 `POST /batches`**: observation batch" with its example and codes, then "### 7.2 `POST /health`": the
    first call stands in the section's own text, above its sub-headings, and is a contract as the second is."""
    text = ("# Relay → Ingest\n\n## 7. Interfaces\n\nBase URL `https://ingest.example.org/v1`.\n\n"
            "**7.1 `POST /batches`**: observation batch\n\n```json\n{\"batch_id\": \"b-1\", \"readings\": []}\n```\n\n"
            "| Code | Meaning |\n|---|---|\n| 201 | stored |\n| 400 | not a batch |\n\n"
            "### 7.2 `POST /health`\n\n```json\n{\"relay_id\": \"r-1\"}\n```\n\n`204 No Content`\n")
    contracts = spec_of(text).contracts
    batches = [c for c in contracts if c.url is not None and "/batches" in c.url.text]
    assert len(contracts) == 2 and batches and batches[0].examples
    assert {s.code for s in batches[0].status_codes} >= {201, 400}


def test_an_odata_key_in_a_path_is_part_of_it_and_its_example_call_with_a_real_key_is_the_same_endpoint():
    """`POST /api/v1.0/companies({companyId})/salesOrders` is one path, not cut at its bracket, and the appendix's
    `POST /api/v1.0/companies(8f0c…)/salesOrders` with its body is that contract's example; a parenthesis the
    path did not open still ends it."""
    text = ("# Portal → ERP\n\n## Contracts\n\n### Create order\n\n"
            "`POST /api/v1.0/companies({companyId})/salesOrders`, with its lines included (Appendix B).\n\n"
            "| Field | Type |\n|---|---|\n| `externalDocumentNumber` | string |\n| `customerNumber` | string |\n\n"
            "Codes: `201` created, `400` invalid.\n\n## Appendix B\n\n**B2. Order created**\n\n```json\n"
            "POST /api/v1.0/companies(8f0c12)/salesOrders\n"
            "{\"externalDocumentNumber\": \"OL-1\", \"customerNumber\": \"C1\"}\n```\n"
            "Response `201 Created`: `{\"id\": \"5d1e\", \"number\": \"SO-1\"}`.\n")
    contracts = spec_of(text).contracts
    assert [c.url.text.strip("`") for c in contracts] == ["/api/v1.0/companies({companyId})/salesOrders"]
    assert "IS202" not in codes(text)
    said = spec_of("# A → B\n\n## Contracts\n\n### Orders\n\nOrders are created (POST /orders) and read back.\n")
    assert [c.url.text.strip("`") for c in said.contracts if c.url] in ([], ["/orders"])


def test_an_xml_requests_elements_are_the_fields_it_sends_and_a_key_it_is_treated_as_unique_by_makes_it_safe():
    """"ILLHub treats `requestingAgencyRequestId` as unique: re-sending a request it already has returns `OK` with the
    same confirmation": the key is an element of that call's XML example, and the lead is a clause, not a label."""
    text = ("# Library → Hub\n\n## Messages\n\nNew request, `POST https://hub.example.org/iso18626`:\n\n```xml\n"
            "<request><header><requestingAgencyRequestId>EML-1</requestingAgencyRequestId></header>"
            "<bibliographicInfo><title>T</title></bibliographicInfo></request>\n```\n\nThe hub answers `200`.\n\n"
            "Supplier update arriving at `POST https://lms.example.org/ill/iso18626`:\n\n```xml\n<supplyingAgencyMessage>"
            "<header><supplyingAgencyRequestId>BL-7</supplyingAgencyRequestId></header><statusInfo><status>Loaned"
            "</status></statusInfo></supplyingAgencyMessage>\n```\n\nThe library answers `200`.\n\n"
            "## Duplicates\n\nILLHub treats `requestingAgencyRequestId` as unique: re-sending a request it already has "
            "returns `OK` with the same confirmation, and nothing new is routed. The library ignores a "
            "`supplyingAgencyMessage` it has already applied.\n")
    assert all(c.idempotent is not None for c in spec_of(text).contracts) and "IS901" not in codes(text)


def test_a_write_named_by_its_method_alone_or_answered_the_same_when_already_done_is_safe_to_repeat():
    """"The survey `PATCH` sets values and is safe to repeat", the only PATCH; "Already void → same `200`" under a
    void call."""
    base = ("# Plots → GIS\n\n## Calls\n\n### Create plot\n\n`POST https://gis.example.org/plots` with "
            "`{\"ref\": \"A-1\"}`; `201`.\n\n### Survey\n\n`PATCH https://api.example.org/plots/A-1` with "
            "`{\"status\": \"surveyed\"}`; `200`.\n\n## Duplicates\n\nCreate plot: a repeat of a `ref` already held "
            "returns `200` with the original record.SURVEY\n")
    assert "IS901" not in codes(base.replace("SURVEY", " The survey `PATCH` sets values and is safe to repeat."))
    assert "IS901" in codes(base.replace("SURVEY", ""))
    void = ("# Scales → Waste\n\n## Calls\n\n**3 — Void**: `POST /tickets/T-1/void`\n```json\n{\"reason\": \"WRONG\"}\n"
            "```\n→ `200 {\"status\": \"VOID\"}`. Already void → same `200`.\n")
    assert "IS901" not in codes(void)


def test_an_example_call_under_the_base_path_with_real_values_is_the_contracts_own():
    """"`GET /permits/{permit_number}?on=...`" over ```http GET /v2/permits/FV-2024-00317?on=...``` (the base URL
    ends in `/v2`), and "`PUT /rosters/{market_id}/{market_date}`" over `PUT /v2/rosters/MKT-SFC-DOWNTOWN/2024-04-13`:
    a value with digits for one parameter shows the path's real values, a name for the other."""
    text = ("# Stalls → Permits\n\n## Calls\n\nPermitHub v2 is at `https://api.permithub.example.gov/v2`.\n\n"
            "**(1) Permit check** — `GET /permits/{permit_number}?on=2024-04-13`\n\n```http\n"
            "GET /v2/permits/FV-2024-00317?on=2024-04-13 HTTP/1.1\nAccept: application/json\n```\n```json\n"
            "{\"permit_number\": \"FV-2024-00317\", \"status\": \"A\"}\n```\nCodes: `200` found · `404` unknown.\n\n"
            "**(3) Roster upload** — `PUT /rosters/{market_id}/{market_date}`\n\n```json\n"
            "PUT /v2/rosters/MKT-SFC-DOWNTOWN/2024-04-13\n{\"stalls\": [{\"stall\": \"B-12\"}]}\n```\n```json\n"
            "{\"accepted\": 1, \"rejected\": []}\n```\nCodes: `200` stored · `400` malformed.\n")
    contracts = spec_of(text).contracts
    assert [(c.url.text.strip("`").split("?")[0], len(c.examples)) for c in contracts] == \
        [("/permits/{permit_number}", 2), ("/rosters/{market_id}/{market_date}", 2)]


def test_a_call_named_in_a_check_or_by_the_end_of_anothers_path_is_no_contract_of_its_own():
    """"2. Check health: `GET .../oslc/ping` should answer `200`" in "Checklist A", and "SLO for `GET
    /lounge-eligibility` is p95 600 ms" beside `GET .../members/{ffn}/lounge-eligibility` with its examples."""
    text = ("# Lounge → Loyalty\n\n## Contracts\n\n**Eligibility**\n\n```http\n"
            "GET https://partners.example.com/loyalty/v2/members/0004417829/lounge-eligibility?flight=BA12\n```\n\n"
            "```json\n{\"eligible\": true, \"tier\": \"gold\"}\n```\n\nCodes: `200`, `404` unknown member.\n\n"
            "## On the road\n\nSLO for `GET /lounge-eligibility` is p95 600 ms.\n\n"
            "## Checklist A: records not arriving\n\n1. Open the dashboard.\n2. Check health: `GET .../maximo/oslc/ping` "
            "should answer `200`; `503` means maintenance.\n")
    assert [len(c.examples) for c in spec_of(text).contracts] == [2]
    assert "IS202" not in codes(text)


def test_a_message_defined_apart_from_the_call_that_shows_it_is_no_contract():
    # the segment table under "4.1 `ZORDERS01` ..." defines the message the call in 3.1 shows: no second contract
    text = ("# Interface specification — shop orders into ERP\n\n### 3.1 Shop → ERP (F1), IDoc over SOAP\n\n"
            "`POST https://erp.example/sap/bc/srt/idoc?client=100`, client certificate. Example:\n\n"
            "```xml\n<ZORDERS01><IDOC BEGIN=\"1\">\n  <E1ZORD_HDR SEGMENT=\"1\"><ZREF>A-17</ZREF><WERKS>0417</WERKS>"
            "</E1ZORD_HDR>\n</IDOC></ZORDERS01>\n```\n\n"
            "Response `200 OK`: `<idocAssign><DbId>42</DbId></idocAssign>`. Codes: `200` IDoc created; `500` SOAP fault.\n\n"
            "## 4. Segment definitions\n\n### 4.1 `ZORDERS01` — `E1ZORD_HDR` (1..1)\n\n"
            "| Field | Description | Type (len) | M/O | Source (shop JSON) | Rule |\n|---|---|---|---|---|---|\n"
            "| ZREF | Order reference | CHAR 20 | M | `order_ref` | Copy |\n"
            "| WERKS | Plant | CHAR 4 | M | `store_id` | Strip `ST` prefix |\n"
            "| ZQTY | Quantity | NUMC 6 | O | `quantity` | Copy |\n| ZCHAN | Channel | CHAR 2 | M | — | Constant `WB` |\n")
    assert [c.method.text for c in spec_of(text).contracts] == ["POST"]
    assert "IS202" not in codes(text, "IS202")


def test_a_call_named_in_a_step_after_a_condition_is_no_contract():
    spec = spec_of("# Ward beds — EHR integration profile\n\nStatus: Active\n\n### Bed cleaned write-back\n\n"
                   "`PATCH https://ehr.example/r4/Location/{id}` — made by the bed service. Headers:\n"
                   "`Content-Type: application/fhir+json`, `If-Match: W/\"<version last seen>\"`.\n\n"
                   "```json\n{\"op\": \"replace\", \"path\": \"status\", \"value\": \"U\"}\n```\n\n"
                   "Response `200 OK`:\n\n```json\n{\"id\": \"bed-4\", \"version\": \"19\", \"status\": \"U\"}\n```\n\n"
                   "Codes: `200` updated · `412` version changed since the service read it · `404` unknown bed.\n"
                   "After a `412` the app re-reads with `GET https://ehr.example/r4/Location/{id}` (same\n"
                   "headers, no `If-Match`); the `200` body is the Location as in the example above.\n")
    assert [c.method.text for c in spec.contracts] == ["PATCH"]


def test_same_headers_are_the_headers_of_the_call_above():
    spec = spec_of("# Boat → Registry\n\n## Calls\n\n### `POST /catches`\n\nHeaders: `X-Report-Id: <uuid>`, "
                   "`X-Client: app/2`.\n\n```json\n{\"boat\": \"N-12\"}\n```\n\n### `POST /landings`\n\n"
                   "Same headers. Request:\n\n```json\n{\"boat\": \"N-12\", \"port\": \"TOS\"}\n```\n")
    assert [h.text for h in spec.contracts[1].headers] == ["X-Report-Id", "X-Client"]


def test_an_unplaced_example_of_another_message_does_not_excuse_a_contract():
    # the thread shows the events webhook's body early; the manifest PUT, declared by its fields, shows none
    text = ("# Thread: Shop ↔ Balloons\n\nHere are the events as they come out of staging today:\n\n```json\n"
            "{\"events\": [{\"event_id\": \"ev-1\", \"type\": \"flight.decision\", \"flight_id\": \"F-3\", "
            "\"decision\": \"NO_GO\", \"decided_at\": \"2024-03-12T05:41:00Z\"}]}\n```\n\n## Agreed spec\n\n"
            "*Contract 1: manifest.* `PUT https://api.balloons.example/v2/flights/{flight_id}/manifest`\n\n"
            "| Field | Type | Req. |\n|---|---|---|\n| `manifest_version` | int | yes |\n| `pax[]` | array | yes |\n"
            "| `pax[].pax_id` | string | yes |\n\nResponse 200: `flight_id`, `pax_count`, `load_ok` (bool).\n\n"
            "*Contract 2: events webhook.* `POST https://shop.example/hooks/balloons`\n\n```json\n"
            "{\"events\": [{\"event_id\": \"ev-2\", \"type\": \"flight.completed\", \"flight_id\": \"F-3\"}]}\n```\n\n"
            "Answer `200` with an empty body.\n")
    assert "IS202" in codes(text, "IS202")


def test_an_appendix_of_calls_written_out_gives_each_its_own_contract():
    fence = "```"
    text = (
        "# Planner ⇄ Dispatch\n\n## Interfaces\n\n"
        "**GET `https://feed.example/city/stations.json`**: station status, answered `200`.\n\n"
        "**POST `https://api.dispatch.example/v1/plans`**: body `plan_id`, `routes[]`; `201` accepted.\n\n"
        "**POST `https://planner.example/hooks/dispatch/stops`**: Dispatch webhook, body `event_id`, `plan_id`, "
        "`done_at`; we answer `202`.\n\n"
        "## Appendix A: API calls\n\n"
        f"{fence}http\nGET /city/stations.json HTTP/1.1\nHost: feed.example\n{fence}\n\n"
        f"{fence}json\n{{\"stations\": [{{\"id\": \"1042\", \"bikes\": 3}}]}}\n{fence}\n\n"
        f"{fence}bash\ncurl -X POST https://api.dispatch.example/v1/plans \\\n  -d '{{\"plan_id\": \"p-1\", \"routes\": []}}'\n{fence}\n\n"
        f"{fence}json\n{{\"plan_id\": \"p-1\", \"status\": \"accepted\"}}\n{fence}\n\n"
        "Webhook as received:\n\n"
        f"{fence}json\n{{\"event_id\": \"evt_1\", \"plan_id\": \"p-1\", \"done_at\": \"2024-06-10T06:27:41Z\"}}\n{fence}\n\n"
        "Our answer (`202 Accepted`):\n\n"
        f"{fence}json\n{{\"queued\": \"evt_1\"}}\n{fence}\n")
    spec = spec_of(text)
    lines = {c.url.text.split("/")[-1]: sorted(e.span.line for e in c.examples if e.text.strip()) for c in spec.contracts}
    assert lines == {"stations.json": [13, 18], "plans": [22, 27], "stops": [33, 39]}
    assert codes(text, "IS202") == []


def test_a_repeat_answered_with_the_first_result_in_plain_words_is_safe():
    text = ("# Rentals → Waivers\n\n## The calls\n\n### 1. Ask for a waiver link\n\n`POST https://api.waivers.example/v4/links`"
            "\n\n```json\n{\"reference\": \"PB-1\"}\n```\n\nResponse `201`:\n\n```json\n{\"url\": \"https://w.example/3F\"}\n```\n\n"
            "If we ask again for the same `reference`, the service gives back the same link with `200 OK`, so a repeat "
            "after a timeout makes no second link.\n")
    assert codes(text, "IS901") == []


def test_a_method_in_its_own_code_span_and_a_path_shortened_with_dots_are_endpoints():
    text = ("# Lockers ⇄ Courier\n\n## events\n\n### `GET` /events?status=undelivered — events the lockers gave up on\n\n"
            "Returns events whose webhook retries ran out.\n\n```json\n{\"events\": [], \"cursor\": null}\n```\n\n"
            "### Upload photo: `POST https://works.example/fw/api/v8/requests/{id}/attachments`\n\nSends the photo; "
            "`201 Created` (or `200` for a repeated checksum).\n\n"
            "### Reconciliation\n\nThen `GET .../fw/api/v8/requests?changedSince=2025-01-17` returns the changed requests.\n")
    spec = spec_of(text)
    assert [(c.method.text, c.url.text) for c in spec.contracts] == [
        ("GET", "/events?status=undelivered"), ("POST", "https://works.example/fw/api/v8/requests/{id}/attachments"),
        ("GET", ".../fw/api/v8/requests?changedSince=2025-01-17")]
    assert [c.writes for c in spec.contracts] == [False, True, False]
    assert [c.judged for c in spec.contracts] == [True, True, False]  # a call on an elided path is a mention
    assert codes(text, "IS901") == []  # the answer to a repeated checksum


def test_a_note_under_one_call_that_names_a_field_only_another_sends_is_that_ones_key():
    text = ("# Reports ⇄ Works\n\n## Calls\n\n### Create work request: `POST https://works.example/api/requests`\n\n"
            "```json\n{\"externalRef\": \"AQR-1\", \"priority\": 1}\n```\n\n`201 Created`; `409` when `externalRef` exists.\n\n"
            "Idempotency: `externalRef` is unique in Works, so a retry opens no second request. Status events are "
            "processed once per `eventId`.\n\n### Status update: SQS queue `reports-status`\n\n"
            "```json\n{\"eventId\": \"ev-1\", \"status\": \"INPRG\"}\n```\n")
    assert codes(text, "IS901") == []


def test_a_post_that_asks_rather_than_writes_is_no_write_and_narrated_calls_stay_in_their_unit():
    fence = "```"
    text = ("# Lending ⇄ Library\n\n## API calls\n\n**Sign-in check.** The lender calls us:\n\n"
            f"{fence}http\nPOST /lender/v1/patron-auth HTTP/1.1\nContent-Type: application/json\n\n"
            "{\"card_number\": \"2189\", \"pin\": \"4471\"}\n" f"{fence}\n\n"
            "loan-bridge calls the library's `POST /api/v1/auth/password/validation` with the card number, then reads "
            "the patron with `GET /api/v1/patrons/{patron_id}` and answers:\n\n"
            f"{fence}http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{\"valid\": true}}\n{fence}\n\n"
            "**Loan webhooks.** The lender calls `POST /hooks/loans` for each loan:\n\n"
            f"{fence}json\n{{\"event_id\": \"evt_1\", \"loan_id\": \"ln_1\"}}\n{fence}\n")
    spec = spec_of(text)
    assert [(c.url.text, c.writes) for c in spec.contracts] == [("/lender/v1/patron-auth", False), ("/hooks/loans", True)]
    assert [e.role for e in spec.contracts[0].examples] == ["request", "response"]
    assert spec_of(text.replace("/lender/v1/patron-auth", "/lender/v1/loans")).contracts[0].writes
    # results delivered to a webhook named for what they are still write
    assert spec_of(text.replace("/lender/v1/patron-auth", "/hooks/registry/validation")).contracts[0].writes


def test_a_claim_that_any_job_can_run_twice_covers_every_write():
    text = ("# School ⇄ Calendar\n\n## Calls\n\n- `POST /calendars/{id}/events/watch` opens a channel.\n"
            "- `POST /channels/stop` closes one.\n- `PATCH /calendars/{id}/events/{eventId}` moves a lesson.\n\n"
            "## Duplicate safety\n\nPATCH sends absolute values, and DELETE treats `404` as done, so any job can run twice.\n")
    assert codes(text, "IS901") == []


def test_a_redelivered_key_answered_again_is_a_repeat_handled():
    text = ("# Grid → Tidal\n\n## Calls\n\n### F3: `POST https://tidal.example/gridlink/instructions`\n\n"
            "```json\n{\"instruction_id\": \"BOA-004411\", \"target_mw\": 4.0}\n```\n\n"
            "Response `202`. The gateway stores instruction ids for 30 days; a redelivered id returns `202` again and does "
            "not raise a second alarm.\n")
    assert codes(text, "IS901") == []
    assert codes(text.replace("a redelivered id returns `202` again and does not raise a second alarm", "`400` invalid"),
                 "IS901") == ["IS901"]


def test_a_definition_lists_terms_each_start_a_call():
    """Definition lists ("Returns endpoint⏎:   `POST ...`"): each term's call is a contract of its own, and a monitoring
    line naming the end of a path speaks of it."""
    text = ("# Brewery → Tax office\n\n## Endpoints\n\nObligations endpoint\n:   `GET /duty/v1/{ref}/obligations`. Example "
            "response: `{\"obligations\": [{\"period\": \"25AC\"}]}`.\n\nReturns endpoint\n:   `POST /duty/v1/{ref}/returns` "
            "with header `X-Submission-Id`. Example request: `{\"period\": \"25AC\", \"total\": 6435.40}`. Answer 201: "
            "`{\"receipt\": \"R-1\"}`.\n\n## Duplicates\n\nA retry after a lost 201 gets 409; the stored return's "
            "`X-Submission-Id` tells it is ours and the submission is treated as done.\n\n## Watch list\n\n"
            "Submission latency\n:   P95 of POST `/returns` above 5 seconds: warning.\n")
    spec = spec_of(text)
    assert [(c.method.text, c.url.text) for c in spec.contracts] == [("GET", "/duty/v1/{ref}/obligations"),
                                                                     ("POST", "/duty/v1/{ref}/returns")]


def test_a_post_named_for_reading_writes_nothing_and_a_natural_key_handles_redelivery():
    """An RPC API read with `POST .../getDevRealKpi` writes nothing; alarms "upserted on (`devId`, `alarmId`) so when
    the webhook sends the same alarm again" handles a second delivery."""
    text = ("# Inverters → Grid\n\n## Calls\n\n### KPI poll\n\n`POST https://cloud.example/v2/getStationKpi` every 5 min.\n\n"
            "```json\n{\"stationCodes\": \"NE=33812077\"}\n```\n\nAnswer: `{\"success\": true, \"data\": []}`\n\n"
            "### Alarm webhook\n\n`POST https://grid.example/hooks/alarms`\n\n```json\n[{\"alarmId\": 2064, \"devId\": 10}]\n"
            "```\n\nWe answer `200`.\n\n## Mapping\n\n| Source | Target |\n|---|---|\n| `alarmId` | `alarm_code` |\n\n"
            "Note: alarms are upserted on (`devId`, `alarmId`), so when the webhook is sending the same alarm again we "
            "don't get double rows.\n")
    assert codes(text, "IS901", "IS902") == []


def test_a_dedup_rule_said_elsewhere_by_a_key_the_call_carries_is_that_calls():
    """An FAQ answers the repeat question by the key's header name (`X-Submission-Id`) where the call's body shows
    `submission_id`; an OpenAPI extension note dedups "on X-Event-Id (settlement id)" of the call carrying
    `settlement_id`. A write carrying neither key is still asked for one."""
    calls = ("# Farm → Registry\n\n## Calls\n\n### Report movements\n\n`POST https://api.registry.example/v4/movements`\n\n"
             "```json\n{\"submission_id\": \"5b1f\", \"movements\": [{\"tag\": \"UK123\"}]}\n```\n\nAnswer `201` "
             "`{\"receipt_id\": \"R-1\"}`.\n\n### Register holding\n\n`POST https://api.registry.example/v4/holdings`\n\n"
             "```json\n{\"cph\": \"12/345/6789\", \"name\": \"Low Farm\"}\n```\n\nAnswer `201` `{\"holding\": \"H-1\"}`.\n\n"
             "## FAQ\n\n**Q5. What if a keeper presses Submit twice?**\n\nA. The `X-Submission-Id` is made once and reused "
             "on every resend; the registry deduplicates on it for 30 days.\n")
    assert [f.message.split("'")[1] for f in lint_text(calls, "markdown") if f.code == "IS901"] == [
        "POST https://api.registry.example/v4/holdings"]
    parent = ("# Stations → Hub\n\n## Calls\n\n### Readings\n\n`POST https://hub.example/v1/stations/{station_id}/readings`"
              "\n\n```json\n{\"station_id\": \"ST-1\", \"at\": \"2025-01-01T00:00:00Z\"}\n```\n\n### Calibrations\n\n"
              "`POST https://hub.example/v1/stations/{station_id}/calibrations`\n\n```json\n{\"station_id\": \"ST-1\", "
              "\"offset\": 0.4}\n```\n\n## Duplicates\n\nReadings are deduplicated on (`station_id`, `at`).\n")
    assert [f.message.split("'")[1] for f in lint_text(parent, "markdown") if f.code == "IS901"] == [
        "POST https://hub.example/v1/stations/{station_id}/calibrations"]  # a parent's id is every call's


def test_a_register_names_a_contract_then_its_id_and_rules_for_all_messages_are_no_contract():
    """A decision table: "Contract C1: upsert" then "C1 example request" rows are one contract; a catalogue's
    "Delivery rules (all messages)" names the dead-letter queue in passing and is no message; a FAQ answer's clause
    before a colon ("We retry on any non-2xx answer or timeout: ...") is no response shape."""
    table = ("# Huts ⇄ Bookings\n\n| Aspect | Decision | Notes |\n|---|---|---|\n| Flow F1: booking | A → B; trigger: "
             "booking event | ~2,400/day |\n| Retry | backoff 2 s, cap 60 s, 6 attempts | |\n| Auth | OAuth 2.0 | |\n"
             "| Contract C1: upsert booking | `PUT https://api.example/v1/bookings/{ref}` | Same URL for create and change |\n"
             "| C1 request fields | `ref` string; `nights` integer | |\n| C1 example request | `{\"ref\": \"HP-1\", \"nights\": 2}` | |\n"
             "| C1 example response | `{\"ref\": \"HP-1\", \"status\": \"stored\"}` | 201 on first store |\n")
    assert codes(table, "IS202") == []
    rules = ("# Solar ⇄ Utility catalogue\n\n## Envelope (all messages)\n\n```json\n{\"message_id\": \"5a1f\", \"type\": "
             "\"x\"}\n```\n\n## Delivery rules (all messages)\n\nAfter the 10th delivery the message moves to "
             "`csg.inbound/$DeadLetterQueue`.\n\n## Allocation (queue `csg.inbound`)\n\n```json\n{\"message_id\": \"5a1f\", "
             "\"records\": []}\n```\n")
    assert "Delivery rules (all messages)" not in [c.name.text for c in spec_of(rules).contracts if c.name]
    faq = ("# Winery ⇄ Growers FAQ\n\n## Webhooks\n\n**Q: What do you send us?**\n`POST https://growers.example/hooks`:\n\n"
           "```json\n{\"event_id\": \"evt_1\", \"grade\": \"B\"}\n```\n\nReply `200` (any body, we suggest `{\"ok\": true}`) "
           "within 10 seconds.\n\n"
           "**Q: What if our endpoint is down?**\nWe retry on any non-2xx answer or timeout: 6 attempts in total.\n")
    assert codes(faq, "IS202") == []


def test_every_write_carrying_the_key_a_repeat_is_answered_by_and_a_dead_letter_topic_unit():
    """"Every write carries `X-Statement-Key`" where a repeat is answered by that key covers each write; an audit
    control that names only the dead-letter topic is no message contract."""
    text = ("# Studio → Label\n\n## Calls\n\n### Create statement — `POST /statements`\n\nHeader `X-Statement-Key`. "
            "Body `{\"period\": \"2024Q3\"}`. `201` (or `200` when the same `X-Statement-Key` was already used, returning the original).\n\n"
            "### Submit — `POST /statements/{statement_id}/submit`\n\nEmpty body. Response `202`: `{\"status\": "
            "\"VALIDATING\"}`.\n\n## Duplicates\n\nEvery write carries `X-Statement-Key`.\n\n## Controls\n\n"
            "### IC-07 Unprocessed messages\n\n- **Description**: failed messages are written to Kafka topic "
            "`ingest.dlq` and page the on-call.\n")
    assert codes(text, "IS901") == []
    assert [c.topic.text for c in spec_of(text).contracts if c.topic is not None] == []


def test_what_the_keys_a_call_carries_must_not_excuse():
    """Another operation's rule naming the same field, and a tenant id a composite key shares, excuse no write; a POST
    that gets or creates is a write."""
    cancel = ("# Shop → OMS\n\n## Calls\n\n### Create order\n\n`POST https://oms.example/v1/orders`\n\n```json\n"
              "{\"order_id\": \"O-1\", \"lines\": []}\n```\n\nAnswer `201`.\n\n### Cancel order\n\n"
              "`POST https://oms.example/v1/orders/{order_id}/cancel`\n\n```json\n{\"order_id\": \"O-1\"}\n```\n\n"
              "## Idempotency\n\n- Cancel order: a repeated cancel for the same order id is ignored.\n")
    assert [f.message.split("'")[1] for f in lint_text(cancel, "markdown") if f.code == "IS901"] == [
        "POST https://oms.example/v1/orders"]
    tenant = ("# Shop → OMS\n\n## Calls\n\n### Create order\n\n`POST https://oms.example/v1/orders`\n\n```json\n"
              "{\"tenant_id\": \"t1\", \"external_ref\": \"E-1\"}\n```\n\n### Add note\n\n"
              "`POST https://oms.example/v1/orders/{order_no}/notes`\n\n```json\n{\"tenant_id\": \"t1\", \"text\": \"hi\"}\n"
              "```\n\n## Idempotency\n\n- Create order: deduplicated on (`tenant_id`, `external_ref`); a repeat gets `200`.\n"
              "- Every write carries `tenant_id`.\n")
    assert [f.message.split("'")[1] for f in lint_text(tenant, "markdown") if f.code == "IS901"] == [
        "POST https://oms.example/v1/orders/{order_no}/notes"]
    from intspec_lint.model import Contract, Value
    from intspec_lint.span import Span
    here = Span(1, 1, 1, 1)
    assert Contract(here, method=Value("POST", here), url=Value("/v1/customers/getOrCreate", here)).writes
    assert not Contract(here, method=Value("POST", here), url=Value("/v2/getDevRealKpi", here)).writes


def test_a_dedup_column_of_a_table_of_calls_states_idempotency():
    """"| Op | Verb / path | Hdrs | Dedup |": each row's key in its "Dedup" cell; the document states idempotency (it is
    not "never stated"), and a state that a message only overwrites is safe by its nature."""
    text = ("# Importer → Customs\n\n## 3. Contracts\n\n| Op | Verb / path | Hdrs | Dedup |\n|---|---|---|---|\n"
            "| Lodge | `POST https://api.customs.example/v2/declarations` | `Authorization: Bearer` | `lrn` in body; same LRN → "
            "`409` with the existing MRN |\n| Amend | `PATCH https://api.customs.example/v2/declarations/{lrn}` | `If-Match` | "
            "`If-Match` version |\n")
    spec = spec_of(text)
    assert [k.key.text for k in spec.idempotency.keys] == ["`lrn` in body; same LRN → `409` with the existing MRN",
                                                           "`If-Match` version"]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS901" and "never stated" in f.message]
    from intspec_lint.reading.idempotency import safe_by_nature
    assert safe_by_nature("Status messages only overwrite the desk's current state.")


def test_a_repeat_answered_without_opening_a_second_ticket_handles_redelivery():
    text = ("# Bakery ⇄ Auditor\n\n## Calls\n\n`POST https://bakery.example/hooks/queries`\n\n```json\n{\"query_id\": \"Q-1\"}\n"
            "```\n\nWe answer `200`.\n\n## Repeats\n\nFor your query webhooks we store each `query_id` and answer `200` to a "
            "repeat without opening a second ticket.\n")
    assert codes(text, "IS902") == []
    from intspec_lint.reading.idempotency import handles_redelivery
    assert handles_redelivery("For your query webhooks we store each `query_id` and answer `200` to a repeat without "
                              "opening a second ticket.")


def test_events_said_to_be_posted_to_the_receivers_url_have_their_location():
    """A webhook guide's events: none names a topic, and the page says each is sent as an HTTP call to the URL the
    receiver gives: that is where each goes."""
    text = ("# Mail webhooks\n\n## Receiving format\n\nWhenever an event occurs, the app will send you a POST HTTP call on "
            "your given URL, with a JSON body.\n\n### Data structure / Schema of Events (with sample data)\n\n"
            "#### 1. delivered\n\n```json\n{\"event\": \"delivered\", "
            "\"email\": \"a@example.org\", \"timestamp\": 1700000000}\n```\n\n#### 2. open\n\n```json\n{\"event\": "
            "\"open\", \"email\": \"a@example.org\", \"timestamp\": 1700000100}\n```\n")
    assert not any("queue or topic" in f.message for f in lint_text(text, "markdown"))
    assert any("queue or topic" in f.message for f in lint_text(text.replace(
        "the app will send you a POST HTTP call on your given URL", "the app records it"), "markdown"))


def test_a_library_install_block_under_its_own_heading_is_no_contract():
    """A guide's "##### NPM" over `npm install svix`, "#### Maven" over a `<dependency>`: how to get a library, no
    message to judge; a payload under such a heading still is one."""
    text = ("# Webhook consumer\n\n## Receive webhooks\n\nEach webhook is a POST to your endpoint, verified by its "
            "signature.\n\n#### Install library\n\n##### NPM\n\n```sh\nnpm install svix\n```\n\n##### Yarn\n\n```sh\n"
            "yarn add svix\n```\n\n#### Maven\n\n```xml\n<dependency>\n  <groupId>com.svix.kotlin</groupId>\n"
            "  <artifactId>svix-kotlin</artifactId>\n  <version>0.x.y</version>\n</dependency>\n```\n")
    assert not any(f.code == "IS201" and f.line > 8 for f in lint_text(text, "markdown"))
    from intspec_lint.reading.bodies import installs
    assert installs("npm install svix") and installs("$ pip install svix\n# or\nyarn add svix")
    assert not installs('{"event": "install"}') and not installs("curl -X POST https://x/install")


def test_an_operators_commands_under_a_setup_step_are_no_example():
    """A HOWTO step with `vault kv put ...` (a command continued over two lines) shows how to set things up: the step
    is no contract owing examples."""
    text = ("# Gate → Line\n\n## 1. Register the API client\n\n1. Name it `gate-bridge`, grant scope `events:write`.\n"
            "2. Copy the client id and secret into Vault:\n\n   ```\n   vault kv put kv/gate/line client_id=<id> "
            "client_secret=<secret> \\\\\n     issued_at=$(date -u +%F)\n   ```\n\n"
            "3. Restart: `kubectl rollout restart deploy/gate-bridge`.\n")
    assert "IS202" not in codes(text)
    from intspec_lint.reading.bodies import installs
    assert installs("kubectl rollout restart deploy/gate-bridge") and not installs('{"vault": "kv"}')


def test_a_call_named_in_passing_in_a_long_item_is_no_contract():
    """"... Events that still fail stay available for 7 days at `GET /v2/sites/{id}/events?undelivered=true`; the F4
    job pulls them": the call is where something waits, not a contract owing examples."""
    text = ("# Courts → Gates\n\n## M4 — Gate entry webhook\n\n- D4.1 The handler verifies the signature and stores the "
            "entry.\n- D4.2 The gate system retries non-2xx deliveries 12 times over 24 hours. Events that still fail stay "
            "available for 7 days at `GET /v2/sites/{site_id}/events?undelivered=true`; the F4 job pulls them.\n")
    assert not any(c.judged for c in spec_of(text).contracts)


def test_a_call_a_changelog_says_is_gone_or_changed_is_no_contract():
    """"`POST /api/v1/feedings` (one log per call) is removed", "Added `enclosure_code` to `GET /api/v1/diets`": history
    of the API, no contracts of the design; the call that replaces them still is one."""
    text = ("# Feeding API changelog\n\n## 2.0.0\n\n**Breaking**\n\n- `POST /api/v1/feedings` (one log per call) is "
            "removed. Use the batch call.\n- Polling `GET /api/v1/diets` every minute is replaced by the diet-plan "
            "webhook.\n\n## 1.9.0\n\n- Added `enclosure_code` to `GET /api/v1/diets`.\n\n## Migration guide\n\n"
            "### Step 3: send logs\n\n`POST /api/v2/feeding-logs:batch`\n\n```json\n{\"logs\": [{\"log_id\": \"a1\"}]}\n```\n")
    urls = [c.url.text for c in spec_of(text).contracts if c.judged and c.url is not None]
    assert urls == ["/api/v2/feeding-logs:batch"]
    from intspec_lint.reading.call_starts import retired
    assert retired(" is now deprecated.") and not retired(" returns the removed items.")


def test_review_a_token_request_gives_no_message_its_topic():
    text = ("# Loyalty events\n\n## Messages\n\nThe Points Service publishes its events to Kafka.\n\n"
            "### Data structure / Schema of Events\n\n#### 1. points_earned\n\n```json\n{\"event\": \"points_earned\", "
            "\"member_id\": \"M-1\", \"points\": 40}\n```\n\n#### 2. points_redeemed\n\n```json\n{\"event\": "
            "\"points_redeemed\", \"member_id\": \"M-1\", \"points\": 40}\n```\n\n## Authentication\n\nThe CRM connector "
            "sends an HTTPS request to the token endpoint with its client id and secret to get an access token.\n")
    assert any("queue or topic" in f.message for f in lint_text(text, "markdown"))


def test_the_answer_told_in_the_section_after_the_call_is_its_response():
    text = ("# Tours → Desk\n\n### T+0.3 s: the shop sends F1\n\n```http\nPOST /api/v2/bookings HTTP/1.1\n"
            "Host: desk.example\nContent-Type: application/json\n\n{\"booking_ref\": \"LHB-7Q2K9\"}\n```\n\n"
            "### T+0.6 s: the desk validates and stores\n\n1. Verifies the signature.\n2. Writes the booking.\n"
            "3. Answers:\n\n```json\n{\"desk_booking_id\": 88412, \"status\": \"accepted\"}\n```\n")
    contract = spec_of(text).contracts[0]
    assert [e.role for e in contract.examples] == ["request", "response"]
    assert "IS202" not in codes(text)
    # a block the next section shows without saying it is the answer stays out of the call
    assert [e.role for e in spec_of(text.replace("3. Answers:", "3. Logs:")).contracts[0].examples] == ["request"]


def test_a_placeholder_for_the_host_is_no_segment_of_the_calls_path():
    text = ("# Clubs → League\n\n## Calls\n\n**F2 — `POST {fixturebase}/v1/results`**. Header `X-FB-Key`.\n\n"
            "```json\n{\"fixture_id\": \"FX-1\", \"home_shots\": 21}\n```\n\nResponse `201`: `{\"result_id\": \"R-1\"}`.\n\n"
            "**F3 — `GET {fixturebase}/v1/leagues/{league}/table`**. Header `X-FB-Key`.\n\n"
            "```http\nGET /v1/leagues/L2/table HTTP/1.1\nHost: api.fixturebase.example\n```\n\n"
            "```json\n{\"league\": \"L2\", \"rows\": [{\"club\": \"ABM\", \"points\": 36}]}\n```\n")
    table = [c for c in spec_of(text).contracts if c.method is not None and c.method.text == "GET"]
    assert len(table) == 1 and [e.role for e in table[0].examples] == ["request", "response"]
    assert "IS202" not in codes(text)


def test_a_numbered_clause_led_by_its_label_starts_a_contract_when_the_call_wraps_to_the_next_line():
    # the clause's label, then who calls, then the call on the next line: one contract a clause, named by its label
    text = ("# Parish → Rota\n\n## 4. Interfaces\n\n"
            "4.1 **Service calendar.** ParishPortal shall send\n`PUT https://api.rota.example/v1/events/{uid}` with "
            "headers.\n\n```json\n{\"uid\": \"E-1\", \"title\": \"Wedding\"}\n```\n\n"
            "RotaMate shall answer `200 {\"uid\": \"E-1\", \"status\": \"open\"}`.\n\n"
            "4.2 **Expense claim.** RotaMate shall send\n`POST https://portal.example/api/v2/expense-claims` with "
            "`Idempotency-Key: <claim_id>`. The body shall contain:\n\n"
            "| Field | Type | Required |\n|---|---|---|\n| `claim_id` | string | yes |\n\n"
            "ParishPortal shall answer with `claim_ref`. Codes: `201` recorded; `400` invalid.\n")
    spec = spec_of(text)
    assert [(c.name.text, c.method.text) for c in spec.contracts] == [("Service calendar", "PUT"), ("Expense claim", "POST")]
    (claim,) = [f for f in lint_text(text, "markdown") if f.code == "IS202"]
    assert claim.line == spec.contracts[1].span.line and "example request" in claim.message


def test_a_card_whose_acceptance_criteria_are_a_sub_heading_is_still_one_contract():
    # "**Acceptance criteria**" under the card is a bold line made a heading: the card is still one contract
    card = ("### KV-{n} · {title}\n**Column:** Done\n\n**Contract:** `{call}`\n\n{body}\n"
            "**Acceptance criteria**\n- [x] Works.\n\n")
    text = ("# Club → League\n\n"
            + card.format(n=1, title="Submit a registration", call="POST https://api.league.example/v3/registrations",
                          body="```json\n{\"club_id\": \"K-1\", \"player\": \"A\"}\n```\n\n"
                               "Response `201`: `{\"registration_id\": \"R-1\"}`.\n")
            + card.format(n=2, title="Check a registration", call="GET https://api.league.example/v3/registrations/{id}",
                          body="Example request: `GET /v3/registrations/R-1` with the bearer token.\n\n"
                               "Response `200` body: `registration_id` string, `status` string.\n"))
    spec = spec_of(text)
    assert [c.method.text for c in spec.contracts] == ["POST", "GET"]
    found = [f for f in lint_text(text, "markdown") if f.code == "IS202"]
    # the request shown as "Example request: `GET ...`" shows no response; the first card's inline response is its own
    assert [(f.line, "no concrete example response" in f.message) for f in found] == [(spec.contracts[1].span.line, True)]


def test_a_heading_id_over_several_contracts_names_none_of_them():
    # "A.2" heads A.2.1 to A.2.3: the examples of A.2.1 are no evidence of an example of A.2.3
    text = ("# Show → Ring\n\n## A.2 Calls\n\n**A.2.1 Entry upsert** — `PUT https://ring.example/v7/entries/{ref}`\n\n"
            "```json\n{\"entry_ref\": \"SE-1\", \"class_code\": \"C14\"}\n```\n\n"
            "```json\n{\"entry_ref\": \"SE-1\", \"status\": \"entered\"}\n```\n\n"
            "**A.2.3 Allocations** — `POST https://show.example/v2/allocations:bulk`\n\n"
            "| Field | Type | Required |\n|---|---|---|\n| `entry_ref` | string | yes |\n| `pen` | string | yes |\n\n"
            "Codes: 200 all applied · 400 malformed.\n")
    found = [f for f in lint_text(text, "markdown") if f.code == "IS202"]
    assert len(found) == 1 and "allocations:bulk" in found[0].message


def test_a_clause_number_names_its_clause_only_where_it_is_cited():
    # "4.2" in an example's data ("Series 1 4.2 Roadster") is no evidence of clause 4.2's example
    text = ("# Auction → Escrow\n\n## 4. Interfaces\n\n4.1 **Escrow opening.** `POST https://escrow.example/v3/escrows`\n\n"
            "```json\n{\"lot\": 42, \"vehicle\": {\"description\": \"1967 Jaguar E-Type Series 1 4.2 Roadster\"}}\n```\n\n"
            "```json\n{\"escrow_id\": \"ESC-1\"}\n```\n\n"
            "4.2 **Funding Notice.** `POST https://auction.example/integrations/v1/funding-notices`\n\n"
            "| Field | Type | Required |\n|---|---|---|\n| `escrow_id` | string | yes |\n| `status` | string | yes |\n\n"
            "Codes: `200` stored; `400` malformed.\n")
    found = [f for f in lint_text(text, "markdown") if f.code == "IS202"]
    assert len(found) == 1 and "funding-notices" in found[0].message



def test_a_message_whose_method_no_reader_found_owes_no_response_example():
    # an ISA-95 `PROCESS` message is answered by another message (its `ACKNOWLEDGE`), not by an HTTP response
    text = ("# Menus → Kitchen\n\n## 3. Messages\n\n### 3.1 F1 `PROCESS ProductionSchedule`\n\n"
            "```xml\n<ProcessProductionSchedule releaseID=\"7.0\"><DataArea><ID>PS-1</ID></DataArea>"
            "</ProcessProductionSchedule>\n```\n\nSent when the menu cut-off passes; answered with `ACKNOWLEDGE`.\n")
    assert not any("example response" in f.message for f in lint_text(text, "markdown") if f.code == "IS202")
    # one whose answer is declared (a response body, status codes) owes one, whether or not its method was read
    declared = ("# Shop → Warehouse\n\n## API contracts\n\n### Cancel fulfillment order\n\n- **Request body**: `reason` "
                "(string)\n- **Response body**: `{fulfillment_order_id, status}`\n- **Status codes**: 200 cancelled, 404 "
                "unknown order\n\n```json\n{\"reason\": \"fraud\"}\n```\n")
    assert any("example response" in f.message for f in lint_text(declared, "markdown") if f.code == "IS202")


def test_a_resource_echoed_with_its_new_id_is_the_response():
    text = ("# Ferries → Clinic\n\n## Calls\n\n**Rebook task.** `POST https://fhir.clinic.example/fhir/r4/Task`\n\n"
            "```json\n{\"resourceType\": \"Task\", \"status\": \"requested\"}\n```\n\n"
            "ClinicPath answers `201` with the Task (`\"id\": \"tsk-118842\"`), or `200` with the existing Task.\n")
    assert "IS202" not in codes(text)


def test_a_section_on_undelivered_messages_is_the_dead_letters_not_a_contract():
    text = ("# Pool → Council\n\n## Calls\n\n`POST https://council.example/api/v2/readings`\n\n"
            "```json\n{\"ph\": 7.4}\n```\n\nResponse `201`: `{\"id\": 1}`.\n\n## 9. Undelivered Messages\n\n"
            "9.1 A message not delivered after its final retry is written to the `undelivered` bucket "
            "`s3://pool/undelivered/`; an alarm e-mails the duty manager.\n")
    spec = spec_of(text)
    assert len(spec.contracts) == 1 and spec.dead_letter is not None


def test_a_call_that_lists_or_resends_the_failed_is_no_contract_to_show_examples_of():
    """"You can read the list with `GET .../callbacks/undelivered` and ask for a resend with `POST
    .../callbacks/{delivery_id}/redeliver`": tools of the dead-letter handling, not calls of the integration. The
    same call that declares its answer is a contract, and is asked for its example."""
    head = ("# A → B\n\n## Booking\n\n`POST https://api.b.example/v1/bookings`\n\n```json\n{\"slot\": \"S-1\"}\n```\n\n"
            "Response `201`:\n\n```json\n{\"id\": \"B-1\"}\n```\n\n## Where lost deliveries go\n\n")
    tools = head + ("A delivery that still fails is kept in your undelivered list for 14 days. Read the list with "
                    "`GET https://api.b.example/v1/callbacks/undelivered` and ask for a resend with "
                    "`POST https://api.b.example/v1/callbacks/{delivery_id}/redeliver`.\n")
    assert "IS202" not in codes(tools)
    declared = head + ("### `GET https://api.b.example/v1/callbacks/undelivered`\n\n| Status | Meaning |\n|---|---|\n"
                       "| `200` | the undelivered callbacks |\n| `401` | bad token |\n\nResponse fields: `items` (array), "
                       "`next` (string).\n")
    assert "IS202" in codes(declared)

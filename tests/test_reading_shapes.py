"""Shapes of writing the reader understands: each a small spec in one style, read into the model or
linted, and what it must (and must not) say. Each test names the class of misreading it guards."""

from intspec_lint import lint_text
from intspec_lint.document.markdown import parse_markdown
from intspec_lint.reading.markdown import extract_markdown
from intspec_lint.reading.values import duration_seconds
from intspec_lint.reading.vocabulary import load_vocabulary


def spec_of(text):
    return extract_markdown(parse_markdown(text), load_vocabulary())


def codes(text, *only):
    return sorted({f.code for f in lint_text(text, "markdown") if not only or f.code in only})


def test_struck_through_text_is_deleted_text():
    spec = spec_of("# A → B\n\n## Retry policy\n\n| Setting | Value |\n|---|---|\n"
                   "| Initial delay | ~~2 s~~ **30 s** |\n| Max attempts | 5 |\n")
    assert spec.retry.initial_delay.number == 30


def test_what_we_used_to_do_is_history_not_a_rule():
    text = ("# A → B\n\n## Dead letters\n\n**We used to:** log failed messages at ERROR and drop them.\n"
            "**Now:** failed messages go to the queue `b.dlq`; the on-call team is paged on the first one.\n\n"
            "*INC-12, 2024-10-02: our adapter logged each rejection and dropped the message.*\n")
    assert "IS602" not in codes(text)
    assert "IS602" in codes("# A → B\n\n## Dead letters\n\nFailed messages are logged at ERROR and dropped.\n")


def test_mkdocs_tabs_are_read_at_their_own_indent():
    spec = spec_of('# A → B\n\n## Authentication\n\n=== "ERP"\n\n    - **Mechanism:** OAuth 2.0 client credentials\n'
                   '    - **Rotation:** every 90 days\n    - **Storage:** Vault `kv/erp`\n\n'
                   '=== "Shop"\n\n    - **Mechanism:** mutual TLS\n    - **Rotation:** yearly\n'
                   '    - **Storage:** AWS Secrets Manager\n')
    assert {(a.system.text, a.mechanism.text) for a in spec.auth} == {
        ("ERP", "OAuth 2.0 client credentials"), ("Shop", "mutual TLS")}


def test_a_decision_table_reads_the_decision_without_its_rationale():
    spec = spec_of("# A → B\n\n## Contract — order event (F1)\n\n| Decision | Rationale |\n|---|---|\n"
                   "| Queue `orders-v1` on SQS. | One queue keeps it simple; we have seen duplicates. |\n"
                   "| Body (JSON): `order_id` string, `qty` integer. All required. | Mirrors the paper form; "
                   "`legacy_id` was dropped. |\n")
    (contract,) = spec.contracts
    assert [f.name for f in contract.bodies["request"].fields] == ["order_id", "qty"]


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


def test_a_matrix_per_partner_is_read_as_its_first_partner_says():
    text = ("# A → partners\n\n## Contracts\n\n### F2 — Ticket (A → partner)\n\n"
            "| Field | Type | Required |\n|---|---|---|\n| `ticket_no` | string | yes |\n\n"
            "### F2 per partner\n\n| | North | Globex |\n|---|---|---|\n"
            "| Method and URL | `POST https://n.example/tickets` | `PUT https://g.example/t/{no}` |\n"
            "| Idempotency | header `Idempotency-Key: <ticket_no>` | PUT keyed by `ticket_no` |\n"
            "| Success | `201` created | `201` created |\n| Client errors | `400` invalid | `400` invalid |\n"
            "| Server errors | `503` | `503` |\n")
    (contract,) = spec_of(text).contracts
    assert (contract.method.text, contract.url.text) == ("POST", "https://n.example/tickets")
    assert {s.code for s in contract.status_codes if s.listed} == {201, 400, 503}


def test_a_slide_per_facet_joins_the_contract_it_names():
    text = ("# A → B\n\n---\n\n## F1 — POST readings\n\n- `POST https://b.example/v1/readings`\n"
            "- Body: `id` string, `weight_g` integer\n\n---\n\n## F1 — status codes\n\n- **200** stored\n"
            "- **400** invalid\n\n---\n\n## F1 — example\n\n```json\n{\"id\": \"r-1\", \"weight_g\": 7}\n```\n\n"
            "```json\n200\n{\"stored\": 1}\n```\n")
    (contract,) = spec_of(text).contracts
    assert [s.code for s in contract.status_codes] == [200, 400]
    assert sorted(e.role for e in contract.examples) == ["request", "response"]


def test_a_numbered_bold_lead_heads_its_paragraph():
    spec = spec_of("# A → B\n\n## The walkthrough\n\n**11. Retries.** Calls are retried up to 5 times, "
                   "starting at 2 s, doubling, never waiting longer than 60 s.\n\n"
                   "**12. Whenever something fails for good — dead letters.** Failed calls move to the table "
                   "`outbound_dead`; each new row pages the on-call engineer.\n")
    assert spec.retry.max_attempts.number == 5
    assert spec.dead_letter is not None and "outbound_dead" in spec.dead_letter.destination.text


def test_a_requirement_id_is_no_part_of_what_the_clause_says():
    spec = spec_of("# A → B\n\n## Security\n\nIR-701 The HTU shall authenticate to the broker with mutual TLS "
                   "using its device certificate.\n\nIR-704 `fo-ingest` shall authenticate to the broker with "
                   "mutual TLS using a service certificate.\n")
    assert [a.system.text for a in spec.auth] == ["HTU", "`fo-ingest`"]


def test_sources_and_destinations_under_dead_letters_are_no_flows():
    spec = spec_of("# A → B\n\n## Data flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
                   "|---|---|---|---|---|---|\n| Orders | A | B | checkout | order JSON | 100/hour |\n\n"
                   "## Dead-lettering\n\n| Source | Dead-letter destination | Who is alerted |\n|---|---|---|\n"
                   "| Orders after the last retry | SQS `b-dlq` | PagerDuty `b-oncall` |\n")
    assert [f.name.text for f in spec.flows] == ["Orders"]


def test_retry_settings_in_columns():
    spec = spec_of("# A → B\n\n## Retry policy\n\n| Caller | Strategy | Initial delay | Max attempts | Max delay |\n"
                   "|---|---|---|---|---|\n| A → B | exponential ×2 | 2 s | 6 | 45 s |\n"
                   "| B → A | stepped | 1 min | 7 | 12 h |\n")
    retry = spec.retry
    assert (retry.initial_delay.number, retry.max_attempts.number, retry.max_delay.number) == (2, 6, 45)


def test_a_thousands_separator_is_no_decimal_comma():
    assert (duration_seconds("400,000 ms"), duration_seconds("2,5 s"), duration_seconds("1,500 ms")) == (400, 2.5, 1.5)


BATCH = """# Nightly files: Route → Pay

## Purpose

Route exports the day's collections as a CSV file; Pay loads it. Pattern: batch file transfer over SFTP.

## Data flows

| Flow | Source | Destination | Schedule (cron) | Payload | Volume |
|---|---|---|---|---|---|
| Collections | Route | Pay | `30 1 * * *` export at 01:30 | collections CSV | ~1,150 rows/night |

The file must be loaded by 08:00, when the payments team starts.

## Error classification

| Class | Examples | Handling |
|---|---|---|
| Transient | SFTP connection refused; database unavailable | automatic re-run |
| Permanent | wrong header | file moved to quarantine, alert |
"""


def test_a_batch_is_asked_for_no_uptime_and_a_retried_outage_says_what_happens_when_down():
    spec = spec_of(BATCH)
    assert spec.flows[0].trigger is not None  # the cron schedule says what starts it
    assert spec.sla.when_down.text == "automatic re-run"
    assert [f.message for f in lint_text(BATCH, "markdown") if f.code == "IS012"] == []


def test_a_credential_that_never_expires_has_no_rotation():
    text = ("# A → B\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
            "| B API | OAuth 2.0 client credentials | Client secret every 90 days | Vault |\n"
            "| A API | API token of a service user | Service-user tokens are issued without expiry | Vault |\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS301"] == [8]


def test_a_timestamp_that_becomes_a_flag_needs_no_timezone():
    text = ("# A → B\n\n## Data mapping\n\n| Source field | Type | Target field | Type | Transform |\n"
            "|---|---|---|---|---|\n| `checked_in_at` | timestamp, nullable | `checked_in` | boolean | "
            "`true` when not null |\n")
    assert "IS802" not in codes(text)


HTML_SPEC = """<h1>Tours → PassClear: redemption returns</h1>

<h2>2. Data flows</h2>

<table>
<tr><th>Flow</th><th>Source → Destination</th><th>Trigger</th><th>Payload</th><th>Frequency</th></tr>
<tr><td>Daily return</td><td>TourPOS → PassClear</td><td>cron 06:30</td><td>Return JSON</td><td>14/day</td></tr>
</table>

<h2>3. Contracts</h2>

<h3>3.1 Submit return — <code>POST https://api.passclear.example/v3/returns</code></h3>

<table>
<tr><th>Field</th><th>Type</th><th>Req.</th></tr>
<tr><td><code>depot_code</code></td><td>string</td><td>yes</td></tr>
<tr><td><code>redemptions</code></td><td>integer</td><td>yes</td></tr>
</table>

<pre><code class="language-json">{"depot_code": "HL-0417", "redemptions": "12"}
</code></pre>
"""


def test_a_spec_written_in_html_is_read_as_the_markdown_it_stands_for():
    spec = spec_of(HTML_SPEC)
    assert [(f.source.text, f.destination.text) for f in spec.flows] == [("TourPOS", "PassClear")]
    (contract,) = spec.contracts
    assert [f.name for f in contract.bodies["request"].fields] == ["depot_code", "redemptions"]
    found = [(f.code, f.line) for f in lint_text(HTML_SPEC, "markdown") if f.code == "IS204"]
    assert found == [("IS204", 20)]  # "12" is a string where the table says integer, on its own line


def test_a_definition_list_is_read_as_terms_and_their_values():
    spec = spec_of("# A → B\n\n## Error handling\n\nTransient\n: `429`, `503`, timeouts.\n  Handling: retried per §5.\n\n"
                   "Permanent\n: `400`, `422`. Handling: no retry; dead-lettered.\n\n"
                   "## Retry policy\n\nInitial delay\n: 2 s\n\nMax attempts\n: 5\n")
    assert {e.category for e in spec.errors} == {"transient", "permanent"}
    assert all(e.action is not None for e in spec.errors)
    assert spec.retry.max_attempts.number == 5


def test_labels_a_document_gives_its_own_parts_are_no_systems_or_flows():
    spec = spec_of("# A → B\n\n## Flows\n\n**Summary:** two flows, one each way.\n\n**Details:**\n\n"
                   "| Flow | From → To | Started by | Carries | How many |\n|---|---|---|---|---|\n"
                   "| Jobs | A → B | check-in | job JSON | sixty a week |\n| Status | B → A | status change | status JSON | "
                   "three hundred a week |\n\n## Authentication\n\n**Summary:** OAuth towards B, signed webhooks towards "
                   "A; every secret in AWS Secrets Manager.\n\n- *B API.* OAuth 2.0 client credentials; the secret is "
                   "rotated every ninety days.\n- *A webhooks.* HMAC signature with a shared secret, rotated every six "
                   "months.\n")
    assert [f.name.text for f in spec.flows] == ["Jobs", "Status"]
    assert [a.system.text for a in spec.auth] == ["B API", "A webhooks"]


def test_a_service_level_in_the_monitoring_section_is_no_metric():
    spec = spec_of("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
                   "| Error rate | > 2% over 15 min | Critical |\n| Webhook secret age | more than five months | Warning |\n\n"
                   "SLA: sessions in B within 1 minute of booking (p95); 99.9% during opening hours.\n")
    assert [m.metric.text for m in spec.monitoring] == ["Error rate", "Webhook secret age"]
    text = ("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Webhook secret age | more than five months | Warning |\n")
    assert not [f for f in lint_text(text, "markdown") if "no value" in f.message]  # numbers in words are values


def test_fields_of_each_item_and_status_lines_are_no_fields():
    spec = spec_of("# A → B\n\n## Endpoints\n\n### Get observations\n\n`GET /stations/{id}/observations`\n\n"
                   "- **Request**\n  - Path: `station_id` — string, `MT-` + 5 digits.\n- **Responses**\n"
                   "  - `200` — body: `station_id` (string), `readings` (array). Each reading: `observed_at` "
                   "(string, ISO 8601 UTC), `air_temp_c` (number).\n  - `400` — range malformed or a required "
                   "field missing.\n")
    (contract,) = spec.contracts
    assert [f.name for f in contract.bodies["response"].fields] == [
        "station_id", "readings", "readings[].observed_at", "readings[].air_temp_c"]


def test_a_system_called_with_a_credential_is_that_systems_side():
    spec = spec_of("# Worker → InkBook, StudioFlow\n\n## Keys\n\n"
                   "R1. The worker must call InkBook with OAuth 2.0 client credentials; tokens last 1 hour.\n\n"
                   "R2. The worker must call StudioFlow with the API token of service user `bot`.\n\n"
                   "R3. All credentials live in Vault and are rotated every 90 days.\n")
    assert [a.system.text for a in spec.auth] == ["InkBook", "StudioFlow"]
    assert "IS301" not in codes("# Worker → InkBook, StudioFlow\n\n## Keys\n\n"
                                "The worker must call InkBook with OAuth 2.0 client credentials.\n\n"
                                "StudioFlow webhook HMACs must be checked with the webhook secret of the app.\n\n"
                                "All credentials live in Vault and are rotated every 90 days.\n", "IS301")


def test_a_table_with_a_row_per_credential_is_an_auth_table():
    spec = spec_of("# A → B\n\n## Authentication\n\n| Credential | Presented by → to | Mechanism | Rotation | Storage |\n"
                   "|---|---|---|---|---|\n| B OAuth client | A → B | OAuth 2.0 | every 90 days | Vault `kv/b` |\n"
                   "| A webhook secret | B → A | HMAC-SHA256 | every 180 days | B secrets store |\n")
    assert [a.mechanism.text for a in spec.auth] == ["OAuth 2.0", "HMAC-SHA256"]
    assert [a.storage.text for a in spec.auth] == ["Vault `kv/b`", "B secrets store"]


def test_a_metric_is_named_by_its_words_not_its_aside():
    spec = spec_of("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
                   "| Error rate per flow (non-2xx after retries, or DLQ'd records ÷ records) | > 0.5% | Critical |\n"
                   "| A1 ticket issued → credential created, p95 | > 60 s | Warning |\n"
                   "| `b_rejects` rows (dead-letter size) | > 0 | Warning |\n"
                   "| Row rejection (error) rate per file | > 5% | Critical |\n")
    assert [m.kind for m in spec.monitoring] == ["error-rate", "latency", "dlq-size", "error-rate"]


def test_a_bold_flow_lead_gives_the_direction_in_brackets_and_the_fields_after_it():
    spec = spec_of("# A and B\n\n## Data flows\n\n**P — Participants (RaceLive → ChipTime).** Trigger: a registration "
                   "is created. Payload: one participant JSON. Volume: ~600 per day.\n")
    (flow,) = spec.flows
    assert (flow.source.text, flow.destination.text) == ("RaceLive", "ChipTime")
    assert flow.trigger.text.startswith("a registration is created")


def test_a_name_two_mapped_fields_share_takes_no_enum_values_from_elsewhere():
    text = """intspec: 1
title: Looms to MES
contracts:
  - name: Stop event
    queue: loom-events
    request:
      fields:
        - {name: kind, type: string}
    examples:
      request: {kind: STOPPED}
  - name: Restart event
    queue: loom-events
    request:
      fields:
        - {name: kind, type: string}
    examples:
      request: {kind: RESTARTED}
  - name: Maintenance window
    method: POST
    url: https://api.loomsense.example/v1/windows
    request:
      fields:
        - {name: kind, type: string}
    examples:
      request: {kind: preventive}
mappings:
  - {source: kind, source_type: enum, target: downtime.state, target_type: string, transform: Enum translation,
     enum_map: {STOPPED: open, RESTARTED: closed}}
  - {source: mw.kind, source_type: enum, target: kind, target_type: enum, transform: Enum translation,
     enum_map: {PREVENTIVE: preventive, CORRECTIVE: corrective}}
"""
    assert [f for f in lint_text(text, "yaml") if f.code == "IS803"] == []


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


def test_an_auth_entry_on_the_same_realm_has_the_mechanism_said_before_it():
    spec = spec_of("# A ↔ B\n\n## Authentication\n\n**B API (called by A).** OAuth 2.0 client credentials against "
                   "Keycloak realm `obs`. Secret rotated every 90 days; stored in Vault.\n\n"
                   "**A API (called by B).** Same Keycloak realm. Client `b-push`, secret rotated every 90 days; "
                   "stored in Vault.\n")
    assert [a.mechanism.text for a in spec.auth] == ["OAuth 2.0 client credentials"] * 2


def test_a_translation_column_is_the_transform():
    spec = spec_of("# A → B\n\n## Field translations\n\n| A field (type) | B column (type) | Translation |\n|---|---|---|\n"
                   "| `frame_id` (string) | `frame_id` (varchar(20)) | Copied |\n")
    (row,) = spec.mappings
    assert row.transform.text == "Copied"


def test_a_semicolon_inside_a_fields_brackets_does_not_split_the_list():
    spec = spec_of("# A → B\n\n## Contracts\n\n### Post verdict\n\n- **Call**: `POST https://a.example/v1/verdicts`\n"
                   "- **Request body**: `verdict_id` (string UUID, required), `verdict` (string enum `pass`, `fail`; "
                   "required), `note` (string or null; optional)\n")
    fields = {f.name: f for f in spec.contracts[0].bodies["request"].fields}
    assert fields["verdict_id"].values == [] and fields["verdict"].values == ["pass", "fail"]
    assert fields["note"].required is False


def test_an_answer_label_is_no_key_of_what_it_answers():
    spec = spec_of("# A → B\n\n**Q: Which errors can happen, and what do we do with each?**\n"
                   "A: Transient — `429`, `503`, timeouts: retry with backoff. Permanent — `400`, `422`: no retry; "
                   "the message goes to the dead-letter topic.\n")
    assert sorted(e.category for e in spec.errors) == ["permanent", "transient"]


def test_terse_notes_are_read_like_full_sentences():
    text = ("# LSS ⇄ RK\n\n## tl;dr\n- LSS = life-support SCADA. RK = ReefKeep (husbandry records).\n"
            "- LSS → RK: water-quality telemetry + alarms. RK → LSS: vet dosing orders.\n"
            "- pattern: evt-driven; MQTT for tele, REST for dosing.\n\n## auth\n"
            "- RK API (called by LSS): OAuth2 client creds, secret rot. every 90 d. stored: Vault `kv/lss/rk`.\n"
            "- LSS API (called by RK): mTLS, client cert, auto-renew @ day 20, key on tmpfs.\n"
            "- no creds in this doc, code or config repo.\n\n## mon\n| metric | thr | alert |\n|---|---|---|\n"
            "| err rate per flow (fail / total) | > 1% / 10 min | page |\n")
    spec = spec_of(text)
    assert [m.kind for m in spec.monitoring] == ["error-rate"]  # "err rate": an abbreviation
    found = codes(text, "IS011", "IS302")
    assert "IS302" not in found  # "no creds in this doc, code or config repo": the negation reaches past commas
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS011" and "no role" in f.message]  # "LSS → RK:"


def test_the_alert_that_opens_a_sentence_governs_each_of_its_clauses():
    spec = spec_of("# A → B\n\n## Keeping an eye on it\n\nWe alert when the 95th percentile of response time is above "
                   "20 seconds; when more than 2 percent of calls end in an error; and when the backlog of results "
                   "grows beyond 600.\n")
    assert [(m.kind, bool(m.alert)) for m in spec.monitoring] == [
        ("latency", True), ("error-rate", True), ("queue-depth", True)]


def test_the_topic_said_once_for_all_events_is_each_events_topic():
    spec = spec_of("# A → B\n\n## 4. Event contracts\n\nAll events are JSON values on `hull.block-events.v1`. "
                   "Messages have no reply.\n\n### 4.1 BlockStarted\n\nEmitted when the first plate is cut.\n\n"
                   "```json\n{\"event_id\": \"e1\", \"event_type\": \"BlockStarted\"}\n```\n\n"
                   "### 4.2 BlockErected\n\nEmitted when the crane sets the block.\n\n"
                   "```json\n{\"event_id\": \"e2\", \"event_type\": \"BlockErected\"}\n```\n")
    assert [(c.kind, c.topic.text) for c in spec.contracts] == [("message", "hull.block-events.v1")] * 2


def test_a_key_value_table_under_the_title_is_the_overview():
    spec = spec_of("# Shipyard — block events from HPES to YardPlan\n\n| | |\n|---|---|\n"
                   "| Producer | HPES (team Hull IT) |\n| Consumer | YardPlan (team Planning) |\n"
                   "| Pattern | Event-driven; Kafka; at-least-once |\n\n## 1. Purpose\n\nPlanners stop re-keying.\n")
    assert spec.overview.pattern.text.startswith("Event-driven")


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


def test_a_system_named_before_each_field_of_a_key_value_table():
    spec = spec_of("# A ↔ B\n\n## Trust\n\n| Matter | Particulars |\n|---|---|\n"
                   "| Plant Portal — proof of identity | OAuth 2.0 client credentials |\n"
                   "| Plant Portal — renewal | every 120 days |\n| Plant Portal — storage | Vault `kv/a` |\n"
                   "| Tyre Desk — proof of identity | HMAC-SHA256 signature |\n| Tyre Desk — renewal | every 6 months |\n"
                   "| Tyre Desk — storage | Vault `kv/b` |\n")
    assert [(a.system.text, a.mechanism.text, a.storage.text) for a in spec.auth] == [
        ("Plant Portal", "OAuth 2.0 client credentials", "Vault `kv/a`"),
        ("Tyre Desk", "HMAC-SHA256 signature", "Vault `kv/b`")]


def test_a_threshold_cell_that_names_the_alarm_gives_the_alert():
    spec = spec_of("# A → B\n\n## Watch list\n\n| Signal | Threshold and alarm |\n|---|---|\n"
                   "| Round-trip time (P95) | > 4 s over 15 min → warning in `#ops` |\n")
    assert spec.monitoring[0].alert is not None


def test_the_direction_of_a_flow_row_is_the_cell_with_the_arrow():
    spec = spec_of("# A → B\n\n## Flow summary\n\n| Arrow | Source → destination | Trigger | Payload | Volume |\n"
                   "|---|---|---|---|---|\n| 4.1 | Assetry → Connector API | A shot is marked ready | Asset JSON | ~280/day |\n")
    (flow,) = spec.flows
    assert (flow.source.text, flow.destination.text) == ("Assetry", "Connector API")


def test_a_table_of_keys_per_direction_is_auth_and_names_no_endpoint():
    spec = spec_of("# CourtBook ↔ LumaGate\n\n## 👥 Who's who & keys 🔐\n\n"
                   "| | CourtBook → LumaGate | LumaGate → CourtBook |\n|---|---|---|\n"
                   "| How | OAuth 2.0 client credentials | HMAC-SHA256 of the body |\n"
                   "| Scopes | `schedules:write` only | secret only valid for `POST /lumagate/*` hooks |\n"
                   "| Where | AWS Secrets Manager `cb/luma` | LumaGate's Vault |\n"
                   "| Rotate | every 90 d | every 180 d |\n\n"
                   "- Owners: CourtBook Platform (`#cb-platform`) · LumaGate Partner Eng.\n")
    assert spec.contracts == []
    assert [(a.mechanism.text, a.rotation.text, a.storage.text) for a in spec.auth] == [
        ("OAuth 2.0 client credentials", "every 90 d", "AWS Secrets Manager `cb/luma`"),
        ("HMAC-SHA256 of the body", "every 180 d", "LumaGate's Vault")]


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


def test_a_credential_named_by_its_kind_has_that_mechanism():
    spec = spec_of("# A ↔ B\n\n## Authentication\n\n**A → B.** OAuth 2.0 client credentials; secret rotated every "
                   "90 days; kept in Vault.\n\n**v1 key:** stays in AWS Secrets Manager `a/v1-key` until revoked "
                   "on 30 Nov.\n")
    assert [a.mechanism.text for a in spec.auth][-1] == "v1 key"


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


def test_an_example_lead_is_no_error_category_and_an_error_class_key_no_credential():
    spec = spec_of("# A → B\n\n## Contracts\n\n### `POST /v1/records`\n\nCodes: `200` ok; `207` partial.\n\n"
                   "Example partial response (one record out of range):\n\n```json\n{\"rejected\": 1}\n```\n\n"
                   "## Errors and retries\n\n```yaml\nerror_classes:\n  transient:\n    codes: [429, 503]\n"
                   "    handling: retry\n  auth:\n    codes: [401]\n    handling: renew the certificate, retry once\n```\n")
    assert "partial" not in {e.category for e in spec.errors if e.name and e.name.text.startswith("Example")}
    assert [a.system.text for a in spec.auth if a.system is not None] == []


def test_a_server_identified_by_its_tls_certificate_is_the_other_side():
    spec = spec_of("# Sites → WashHub\n\n## Authentication\n\nEach site has its own OAuth 2.0 client in WashHub; the "
                   "client secret lives in the agent's keystore and is rotated every 60 days.\n\nWashHub identifies "
                   "itself with a public-CA TLS certificate (rotated by WashHub every 90 days); agents validate it.\n")
    assert len(spec.auth) == 2 and spec.auth[1].system.text == "WashHub"
    assert spec.auth[0].mechanism.text == "OAuth 2.0"


def test_a_list_item_naming_two_systems_heads_the_mappings_below_it():
    spec = spec_of("# A → B\n\n## Data mapping\n\n1. A → B (create enrolment).\n"
                   "   1. `booking.ref` (varchar 9) → `booking_ref` (string): copy.\n"
                   "   1. `child.birth_date` (date) → `swimmer.dob` (string date): `YYYY-MM-DD`.\n"
                   "1. B → A (cancel response): `status` `cancelled` → `booking.state` `CANCELLED`.\n")
    assert [m.source_field.text for m in spec.mappings] == ["booking.ref", "child.birth_date"]


def test_silence_for_a_while_is_a_threshold():
    spec = spec_of("# A → B\n\n## Monitoring\n\n- Availability freshness: no successful poll for 30 minutes → "
                   "PagerDuty low urgency.\n")
    assert spec.monitoring[0].threshold is not None


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
    from intspec_lint.reading.contract_units import _starts_endpoint
    from intspec_lint.reading.statements import Statement
    from intspec_lint.span import Span

    said = Statement("e.g. `DELETE /v1/schedules/bk_7741920` → `204 No Content`", Span(1, 1, 1, 1), (), "item", None)
    assert not _starts_endpoint(said)


def test_a_metric_threshold_and_alert_line_is_a_metric_wherever_it_stands():
    spec = spec_of("# A → B\n\n## Chat\n\n**Priya:** Ours:\n- create error rate > 5% over 15 min → page\n"
                   "- `orders` backlog > 50 messages or oldest > 10 min → page\n\n## Watch list\n\n"
                   "| Signal | Threshold and alarm |\n|---|---|\n| Failure share (non-2xx answers) | > 3% over 10 min → page |\n")
    assert [m.kind for m in spec.monitoring] == ["error-rate", "queue-depth", "error-rate"]


def test_a_rule_against_credentials_in_code_says_where_they_are_not():
    ok = ("# A → B\n\n## Authentication\n\n- A secrets store for credentials — HashiCorp Vault or similar.\n"
          "  Credentials in source code or configuration files committed to a repository fail\n  certification.\n"
          "- **A**: OAuth 2.0 client credentials, rotated every 90 days.\n- **B**: HMAC signature, rotated yearly.\n")
    assert "IS302" not in codes(ok)
    assert "IS302" in codes(ok.replace("fail\n  certification", "hold them"))


def test_a_transposed_auth_table_may_name_a_row_with_code():
    spec = spec_of("# A ↔ B\n\n## Authentication\n\n| | WOD | PloughTrack |\n|---|---|---|\n"
                   "| Mechanism | AMQP PLAIN over TLS | X.509 client certificate |\n| Rotation | every 24 h | yearly |\n"
                   "| Permissions (vhost `winter`) | write `winter.dispatch` | write `winter.field` |\n"
                   "| Storage | Vault | AWS Secrets Manager |\n")
    assert [a.system.text for a in spec.auth] == ["WOD", "PloughTrack"]


def test_a_message_schema_heading_and_an_auth_config_key_are_evidence_enough():
    text = ("# Decoder service\n\n## Data flow\n\nMessages arrive on a queue and are decoded.\n\n"
            "### Error message schema\n\n```\nrequired string error_type\n```\n\n"
            "### Outbound call\n\n```json\n{\"destination\": {\"base_url\": \"https://b.example\", "
            "\"auth\": {\"type\": \"header\", \"name\": \"Authorization\"}}}\n```\n")
    found = [f.message for f in lint_text(text, "markdown")]
    assert not [m for m in found if m.startswith(("no API or message contracts", "authentication is not documented"))]


def test_messages_that_are_rejected_and_forwarded_to_an_error_topic_are_dead_lettered():
    spec = spec_of("# A → B\n\n## Decoding errors\n\nAll messages that are rejected at any step will be forwarded "
                   "to the PubSub error topic `decoder-errors` for backfill.\n")
    assert spec.dead_letter is not None and spec.dead_letter.destination is not None


def test_how_to_steps_and_runbook_calls_are_no_contracts():
    spec = spec_of("# Service README\n\n## API clients\n\n### Adding a New Client\n\nCreate a client in "
                   "`Config/clients.yml`:\n\n```\nname: My Service\nrole: MyService\n```\n\n"
                   "### Experimenting with messages\n\n#### T3 test data:\n\n```bash\n./create-messages-t3.bash\n```\n\n"
                   "## Runbook\n\n### Punishment repair\n\n1. Find the hearing in DPS.\n"
                   "2. Delete the hearing mapping DELETE https://mapping.example/mapping/hearings/{id}\n"
                   "3. Repair hearing POST https://update.example/prisons/{prison}/hearing/{id}\n")
    assert spec.contracts == []


def test_a_mappings_expr_key_is_no_alert_rule_but_a_prometheus_rule_is():
    outbound = ("# A → B\n\n## Outbound\n\n```json\n{\"mapping\": {\"urns\": {\"expr\": \"[ 'tel:' + doc.phone ]\", "
                "\"optional\": false}}}\n```\n")
    assert spec_of(outbound).monitoring == []
    rule = ("# A → B\n\n## Alerts\n\n```yaml\ngroups:\n  - name: sync\n    rules:\n      - alert: SyncErrorRate\n"
            "        expr: rate(sync_errors_total[5m]) > 0.05\n        for: 10m\n        labels:\n"
            "          severity: critical\n```\n")
    assert [m.kind for m in spec_of(rule).monitoring] == ["error-rate"]


def test_dropping_a_duplicate_loses_nothing():
    assert "IS602" not in codes("# A → B\n\n## Decoding errors\n\nIf a message has already been successfully "
                                "processed based on `docId`, we drop the duplicated body and publish just the metadata "
                                "to the error topic.\n")
    assert "IS602" in codes("# A → B\n\n## Decoding errors\n\nMessages that fail validation are logged and dropped.\n")


def test_an_endpoint_named_anywhere_is_evidence_of_contracts():
    text = ("# Export runbook\n\n## How to retry the export\n\n1. Find the job.\n"
            "2. Check it with GET https://rest.example/v1/batch-query/jobs/{jobId}\n"
            "3. Download the file with GET https://rest.example/apps/api/file/{fileId}\n")
    assert not [f for f in lint_text(text, "markdown") if f.message.startswith("no API or message contracts")]


def test_a_requirement_id_as_a_bold_lead_names_no_system():
    spec = spec_of("# Curator ↔ LabelForge\n\n## Security\n\n- **AC-13** Curator authenticates to LabelForge with "
                   "OAuth 2.0 client credentials.\n- **AC-15** The client secret is read from Vault `secret/curator`.\n"
                   "- **AC-16** The client secret is rotated every 90 days.\n")
    assert all(a.system is None or not a.system.text.startswith("AC-") for a in spec.auth)


def test_a_threshold_given_by_a_parameter_name_takes_its_value_and_one_alert_serves_all():
    spec = spec_of("# Bridge module\n\n## Monitoring\n\nAll alarms go to `alert_sns_topic_arn`, which pages the on-call.\n\n"
                   "| Metric | Threshold (input) | Default |\n|---|---|---|\n"
                   "| Downstream error rate after retries | `error_rate_alarm_percent` | 2% over 15 min |\n"
                   "| Secrets Manager rotation failed | fixed | any |\n")
    assert [m.threshold.text for m in spec.monitoring] == ["2% over 15 min", "any"]
    assert all(m.alert is not None for m in spec.monitoring)


def test_a_notebooks_printed_status_and_headers_are_no_part_of_the_body():
    spec = spec_of("# Pub → Cellar\n\n## F1 `POST /api/v2/sites`\n\nResponse `201`: `site_id` (string).\n\n"
                   "```python\nr = S.post(f\"{CS}/sites\", json=site); show(r)\n```\n\n"
                   "    201 {'Idempotent-Replayed': 'true'}\n    {\n     \"site_id\": \"CS-S-004512\"\n    }\n")
    responses = [e for e in spec.contracts[0].examples if e.role == "response"]
    assert responses and responses[0].data == {"site_id": "CS-S-004512"}


def test_a_backward_arrow_and_an_event_type_column_give_a_flows_direction_and_payload():
    spec = spec_of("# Hub ↔ CareRound\n\n## Data flows\n\n| Flow | Direction | Trigger | Payload | Frequency |\n"
                   "|---|---|---|---|---|\n| Nightly reconciliation | Hub ← CareRound (Hub pulls) | cron 01:30 | "
                   "visit list | nightly |\n\n## Events\n\n| Event `type` | Producer → consumer | Trigger | Volume |\n"
                   "|---|---|---|---|\n| `coop.production.metered.v1` | Ledger → CIS | meter read | ~900/day |\n")
    reconciliation, metered = spec.flows
    assert (reconciliation.source.text, reconciliation.destination.text) == ("CareRound", "Hub")
    assert metered.payload is not None and "metered" in metered.payload.text


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


def test_a_legend_line_names_no_flow():
    spec = spec_of("# A ↔ B\n\n## flows\n\nlegend: F=flow, S→D=source→dest, T=trigger, P=payload, N=volume\n\n"
                   "| Flow | Source → Destination | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
                   "| F1 | A → B | tank read | level JSON | ~900/day |\n")
    assert [f.source.text for f in spec.flows] == ["A"]


def test_a_delay_that_never_grows_owes_no_cap():
    steady = "# A → B\n\n## Retry callbacks\n\nWe retry every 5 minutes, up to a maximum of 5 times.\n"
    assert not [f for f in lint_text(steady, "markdown") if f.code == "IS501" and "maximum delay cap" in f.message]
    growing = "# A → B\n\n## Retry\n\nWe retry with exponential backoff from 5 seconds, up to a maximum of 5 times.\n"
    assert [f for f in lint_text(growing, "markdown") if f.code == "IS501" and "maximum delay cap" in f.message]


def test_a_partial_category_is_owed_only_where_part_of_an_operation_can_fail():
    errors = ("## Errors\n\n| Category | Codes | Action |\n|---|---|---|\n| Transient | 429, 503 | retry with backoff |\n"
              "| Permanent | 400, 404 | dead-letter and alert |\n")
    single = "# A → B\n\nEach booking is sent on its own with `POST /v1/bookings`.\n\n" + errors
    assert "IS401" not in codes(single)
    batch = "# A → B\n\nBookings are sent in batches of up to 500 with `POST /v1/bookings:batch`.\n\n" + errors
    assert "IS401" in codes(batch)
    said_none = batch.replace("## Errors", "## Errors\n\nThere are no batch messages, so no partial category.\n")
    assert "IS401" not in codes(said_none.replace("in batches of up to 500 ", "one at a time "))


def test_a_column_that_names_who_is_told_is_the_alert():
    spec = spec_of("# A → B\n\n## Monitoring\n\n| Signal | Fires when | Goes to |\n|---|---|---|\n"
                   "| Webhook processing time P95 | > 2 s over 15 min | Teams #eh-integrations |\n"
                   "| Pending webhook queue | > 500 events | Partner Engineering |\n")
    assert [(m.threshold.text, m.alert.text) for m in spec.monitoring] == [
        ("> 2 s over 15 min", "Teams #eh-integrations"), ("> 500 events", "Partner Engineering")]


def test_a_test_scenario_step_is_no_metric():
    text = ("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Error rate | > 2% over 10 min | page on-call |\n\n"
            "1. Given a valid signed event, when it is posted, then `202` is returned within 2 s.\n")
    assert [m.metric.text for m in spec_of(text).monitoring] == ["Error rate"]


def test_a_flow_headings_bracketed_arrow_gives_its_direction():
    spec = spec_of("# League → Desk\n\n## Flow 1 — fixture changed (LeagueHub → WhistleDesk)\n\n"
                   "1. Trigger: a league secretary publishes a fixture.\n2. Payload: the fixture event JSON.\n"
                   "3. Volume: ~1,200 a week.\n")
    (flow,) = spec.flows
    assert (flow.source.text, flow.destination.text) == ("LeagueHub", "WhistleDesk")


RETRY_PER_CALLER = """# GX → MES

## Retry

| Who | Strat. | Init | Max att | Cap | CB thr | CB open |
|---|---|---|---|---|---|---|
| GX publish | exp. ×2 | 1 s | 20 | 60 s | 5 consec. fail | 5 min |
| MES write | exp. ×2 | 1 s | 4 | 4 s | 10 consec. fail | 30 s |

## Monitoring

| Metric | Thr | Alert |
|---|---|---|
| Bridge err. rate | > 1 % / 10 min | SMS on-call |
"""


def test_a_retry_table_with_a_row_per_caller_is_no_metric_table():
    spec = spec_of(RETRY_PER_CALLER)
    assert [m.metric.text for m in spec.monitoring] == ["Bridge err. rate"]
    assert spec.monitoring[0].kind == "error-rate"  # "err." abbreviated with a dot is still "err"
    assert "IS501" not in codes(RETRY_PER_CALLER)  # "Init" is the initial delay, "CB open" how long it stays open


def test_a_success_row_or_a_blank_continuation_row_is_no_error_category_owing_an_action():
    text = ("# A → B\n\n## Errors\n\n| Class | Codes | Handling |\n|---|---|---|\n"
            "| Transient | 429, 503 | retry with backoff |\n| Permanent | 400, 404 | dead-letter and alert |\n"
            "| | 409 | |\n| ✅ OK | 404 on DELETE | |\n\nSuccesses: 201, 202, and 200 (a replay, treated as success).\n")
    assert "IS401" not in codes(text)
    (permanent, more) = [e for e in spec_of(text).errors if e.category == "permanent"]
    assert more.action is permanent.action  # the blank-named row goes on with the row above
    assert "IS401" in codes(text.replace("| dead-letter and alert |", "| |"))


def test_a_section_whose_status_rejects_it_or_that_weighs_options_is_not_the_design():
    text = ("# Ward → Transport\n\n## Dead letters\n\nFailed events go to `pts-dlq`; the on-call is paged on the first.\n\n"
            "### KAN-112 · Drop failed events\n**Labels:** `ops` · **Status:** Rejected\n\n"
            "Failed events are logged and dropped.\n\n"
            "## Alternatives considered\n\nLog and drop failed messages after three attempts.\n")
    assert "IS602" not in codes(text)
    assert "IS602" in codes(text.replace("**Status:** Rejected", "**Status:** Done").replace(
        "## Alternatives considered\n\nLog and drop failed messages after three attempts.\n", ""))


def test_a_second_credential_kept_or_rotated_elsewhere_is_the_other_sides_auth():
    text = ("# Studio → Voicehall\n\n## Authentication\n\n### Voicehall API\n\n- **Mechanism:** OAuth 2.0 client "
            "credentials\n- **Storage:** Vault `kv/voicehall`\n- **Rotation:** yearly\n\n## Webhook authentication\n\n"
            "Each webhook carries an HMAC-SHA256 signature made with your endpoint's signing secret. "
            "Store the signing secret in your secret manager and roll it every year.\n")
    assert len(spec_of(text).auth) == 1
    assert not any(f.code == "IS301" and "only" in f.message for f in lint_text(text, "markdown"))
    named_only = text.replace(" Store the signing secret in your secret manager and roll it every year.", "")
    assert any(f.code == "IS301" and "only" in f.message for f in lint_text(named_only, "markdown"))


def test_a_tickets_sub_task_is_no_systems_authentication():
    text = ("# Portal → SoundSentry\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Volume |\n"
            "|---|---|---|---|---|---|\n| Limits | Portal | SoundSentry | consent issued | limits JSON | ~20/day |\n\n"
            "## Authentication\n\n| | Portal → SoundSentry | SoundSentry → Portal |\n|---|---|---|\n"
            "| Mechanism | OAuth 2.0 client credentials | HMAC-SHA256 with a shared secret |\n"
            "| Stored in | Azure Key Vault `kv-prod` | same vault |\n| Rotation | every 180 days | every 90 days |\n\n"
            "**Sub-tasks**\n\n* NBC-430 Key Vault references in App Service config — Done\n"
            "* NBC-431 Rotation runbook in Confluence — Done\n")
    assert {a.system.text for a in spec_of(text).auth} == {"Portal → SoundSentry", "SoundSentry → Portal"}


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


def test_bold_headings_numbered_as_an_outline_nest_as_their_numbers_say():
    text = ("# Stream → Label\n\n**D. Contracts**\n\n**D.1 Report-ready notification**\n\n"
            "One AMQP message per file on queue `dsr.ready`.\n\n| Field | Type | Required |\n|---|---|---|\n"
            "| `report_id` | string | yes |\n\n```json\n{\"report_id\": \"R-1\"}\n```\n\n"
            "**D.2 Submit claims**\n\n`POST https://label.example/v1/claims` answers `201` created, `400` invalid.\n")
    from intspec_lint.document.markdown import parse_markdown
    from intspec_lint.reading.layouts import promote_bold_headings
    doc = parse_markdown(text)
    promote_bold_headings(doc.root, doc.lines, load_vocabulary())
    contracts = next(s for s in doc.root.walk() if s.title == "D. Contracts")
    assert [c.title for c in contracts.children] == ["D.1 Report-ready notification", "D.2 Submit claims"]


def test_a_list_of_records_is_the_table_it_stands_for():
    text = ("# Cars → Fleet\n\n## Field mapping\n\n"
            "- **`vin`**: source type: string; target field: `vehicle_vin`; target type: char(17); transform: uppercase\n"
            "- **`readings[].ts`**: source type: epoch ms; target field: `reading_time`; target type: timestamptz; "
            "transform: parse; convert ms to a UTC timestamp\n"
            "- **`readings[].fuel_pct`**: source type: int; target field: `fuel_level`; target type: numeric(3,2)\n")
    rows = spec_of(text).mappings
    assert [(m.source_field.text, m.target_field.text) for m in rows] == [
        ("`vin`", "`vehicle_vin`"), ("`readings[].ts`", "`reading_time`"), ("`readings[].fuel_pct`", "`fuel_level`")]
    assert rows[1].transform.text == "parse; convert ms to a UTC timestamp"
    assert "IS801" in codes(text)  # the third record leaves its transform out, as an empty cell would


def test_a_mapping_side_whose_types_no_row_gives_is_not_asked_its_types_row_by_row():
    base = ("# Draws → Hub\n\n## Mapping\n\n| Avro field | Consumer column | Type | Rule |\n|---|---|---|---|\n"
            "| `tiers[].prize_pence` | `prize_table.pence` | bigint | as is |\n"
            "| `published_at` | `draws.result_at` | timestamptz | UTC |\n")
    assert "IS801" not in codes(base)
    typed = ("# Draws → Hub\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
             "|---|---|---|---|---|\n| `prize_pence` | long | `prize_table.pence` | bigint | as is |\n"
             "| `published_at` | | `draws.result_at` | timestamptz | UTC |\n")
    assert "IS801" in codes(typed)  # a type column with an empty cell is still asked for


def test_dropping_a_cached_token_or_a_replaced_current_state_drops_no_message():
    errors = ("# A → B\n\n## Errors\n\n| Class | Codes | Handling |\n|---|---|---|\n"
              "| Auth | 401 from B | Drop the cached token, fetch a new one, retry once; a second 401 fails permanently |\n")
    assert "IS602" not in codes(errors)
    plan = ("# Migration of the lab feed\n\n## Current state\n\nRows that fail validation are skipped and logged.\n\n"
            "## Target state\n\nRows that fail validation go to the `lab-dlq` queue; the on-call is paged.\n")
    assert "IS602" not in codes(plan)
    assert "IS602" in codes(plan.replace("## Target state", "## Later"))


def test_a_comment_on_an_alert_rule_is_the_rules_note_not_a_metric_of_its_own():
    text = ("# Vessel → Ingest\n\n## Monitoring\n\n```yaml\ngroups:\n  - name: tidewater\n    rules:\n"
            "      - alert: IngestLatencyHigh        # P95 chunk upload > 3 s\n"
            "        expr: histogram_quantile(0.95, rate(upload_seconds_bucket[10m])) > 3\n"
            "        for: 10m\n        labels: {severity: warning}\n```\n")
    assert all(m.alert is not None for m in spec_of(text).monitoring)
    assert not any(f.code == "IS701" and "alert level" in f.message for f in lint_text(text, "markdown"))


def test_a_config_blocks_credential_that_a_named_entry_describes_is_that_entry():
    text = ("# Vessel → Ingest\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Volume |\n"
            "|---|---|---|---|---|---|\n| Lines | Ingest | Kafka | line closed | line JSON | ~50/day |\n\n"
            "## Authentication\n\n```yaml\nenv:\n  KAFKA_SASL_MECHANISM: SCRAM-SHA-512\n"
            "  KAFKA_SASL_PASSWORD: \"file:/vault/secrets/kafka#password\"\n```\n\n"
            "- **Ingest → Kafka.** SASL/SCRAM-SHA-512 users; passwords are rotated every 90 days by a CronJob and "
            "kept in Vault.\n- **Adapter → RabbitMQ.** Per-service users with passwords in Vault, rotated every 90 days.\n")
    entries = spec_of(text).auth
    assert all(e.system is not None for e in entries)
    assert all(e.mechanism is not None for e in entries)  # "users with passwords" names the mechanism


def test_a_metric_named_by_its_queue_takes_its_kind_from_the_label_it_stands_under():
    text = ("# Venue → Tuners\n\n## Monitoring\n\n- Queue depth\n  - `vd-int-tuneround-out` > 100 messages: warning\n"
            "- Latency\n  - F1 request → `201`, P95 > 10 s over 30 min: warning\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["queue-depth", "latency"]


def test_a_table_of_pairs_reads_as_the_list_of_pairs_it_stands_for():
    text = ("# Checkout → Harbor\n\n## Authentication\n\n| Item | Details |\n|---|---|\n"
            "| Harbor WMS API | OAuth 2.0 client credentials; client secret rotated every 90 days; stored in Vault |\n"
            "| Checkout callback endpoint | HMAC-SHA256 with a shared secret; rotated every 6 months; stored in Vault |\n")
    assert {a.system.text for a in spec_of(text).auth} == {"Harbor WMS API", "Checkout callback endpoint"}
    summary = ("# A → B\n\n## Summary\n\n| Topic | Value |\n|---|---|\n| F1 pull | `GET /v1/orders`, ~300/day |\n"
               "| F2 post | `POST /v1/batches`, 20/day |\n")
    assert spec_of(summary).contracts == []  # a summary that names calls is no list of units


def test_a_one_column_table_of_notes_reads_as_the_notes_it_holds():
    text = ("# Rooms → Packhouse\n\n## Flows\n\n| Notes |\n|---|\n"
            "| Crate filled: SporeLog → PackPoint. About 1,800 crates a day, peak 250 an hour. |\n"
            "| Crate graded: PackPoint → SporeLog. About 1,800 a day. |\n")
    assert [(f.source.text, f.destination.text) for f in spec_of(text).flows] == [
        ("SporeLog", "PackPoint"), ("PackPoint", "SporeLog")]


def test_a_flow_tables_trigger_column_is_told_by_its_cells_whatever_its_header():
    text = ("# Depots → Platform\n\n## Feeds\n\n| Feed | From → To | What kicks it off | Content | Volume |\n"
            "|---|---|---|---|---|\n"
            "| A. Activity | Depots → Platform | Nightly export, 02:15 UTC | One CSV per depot | 14 files/day |\n"
            "| B. Acks | Platform → Depots | End of each load of a Feed A file | One ack CSV | ~15/day |\n"
            "| C. Result | Depots → Platform | Import of a Feed B file | One result CSV | 1/day |\n")
    flows = spec_of(text).flows
    assert [(f.name.text, f.trigger.text) for f in flows][:2] == [
        ("A. Activity", "Nightly export, 02:15 UTC"), ("B. Acks", "End of each load of a Feed A file")]
    assert "IS101" not in codes(text)
    # a column whose cells say no "when" is no trigger: the gap is still reported
    assert "IS101" in codes(text.replace("Nightly export, 02:15 UTC", "Export job").replace(
        "End of each load of a Feed A file", "Load job"))


def test_a_mapped_fields_type_declared_by_its_contracts_schema_need_not_be_repeated_in_the_line():
    text = ("# Shop → Ledger\n\n## Contracts\n\n### POST https://ledger.example/v1/entries\n\n"
            "```json\n{\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"string\"}, "
            "\"booked_at\": {\"type\": [\"string\", \"null\"]}}}\n```\n\n"
            "## Data mapping\n\n- `order.total` (integer, cents) → `amount` (string): divide by 100\n"
            "- `order.paid_at` (timestamp) → `booked_at`: as UTC ISO 8601\n"
            "- `order.note` (string) → `memo`: cut to 80 characters\n")
    rows = spec_of(text).mappings
    assert [m.target_type.text if m.target_type else None for m in rows] == ["string", "string", None]
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS801"] == [15]  # `memo`: declared nowhere


def test_a_mapping_rule_wrapped_onto_the_next_line_is_one_rule():
    text = ("# Registry → Shop\n\n## Data mapping\n\n"
            "- `decision` (enum) → `order.status` (enum): `approved`→`PAID`,\n"
            "  `refused`→`CANCELLED`; anything else → `REVIEW`.\n"
            "- `etag` (string) → `If-Match` (string) - sent back on the next call\n")
    first, second = spec_of(text).mappings
    assert {"approved": "PAID", "refused": "CANCELLED"}.items() <= first.enum_map.items()
    assert (second.target_field.text, second.transform.text) == ("If-Match", "sent back on the next call")


def test_a_categorys_action_in_the_next_sentence_of_its_paragraph_is_its_action():
    text = ("# Scanner → Archive\n\n## When a call fails\n\n"
            "Transient: `429`, `503`, read timeouts (30 s) and connection resets. The ingestor retries these.\n\n"
            "Permanent: `400`, `401`, `422`. Retrying will not help; the message is\n"
            "dead-lettered straight away.\n")
    assert [(e.category, e.action.text if e.action else None) for e in spec_of(text).errors] == [
        ("transient", "The ingestor retries these."),
        ("permanent", "Retrying will not help; the message is\ndead-lettered straight away.")]
    assert "IS401" not in codes(text)
    # a next sentence that names a category of its own is that category, not the one before's action
    both = ("# A → B\n\n## Errors\n\nTransient — `429`, `503`: retry. Permanent — `400`, `422`: no retry; "
            "the message goes to the dead-letter topic.\n")
    assert {e.category for e in spec_of(both).errors} == {"transient", "permanent"}


def test_a_metric_line_wrapped_in_its_paragraph_is_one_line():
    text = ("# Scanner → Archive\n\n## What we watch\n\n"
            "- Registration latency, message to `202`: P95 over 2 minutes for 15 minutes\n"
            "  is a warning.\n"
            "- Consumer lag above 20 messages, or the oldest message older than 30 minutes,\n"
            "  is a warning.\n")
    assert [m.alert.text if m.alert else None for m in spec_of(text).monitoring] == ["warning", "warning"]


def test_an_option_marked_as_not_taken_is_not_the_design():
    text = ("# Shop → Lab\n\n## Dead letters\n\n"
            "- ✅ Outbound: rows marked `DEAD` in `lab_outbox`; the service desk is alerted on each one.\n"
            "- ❌ Drop failed status events and let the practice phone.\n"
            "- Log and drop the message after three attempts — rejected (nobody would notice).\n")
    assert "IS602" not in codes(text)
    # a cross alone, where nothing is ticked, may be an icon: its item stays
    icon = "# A → B\n\n## Errors\n\n- ❌ **Permanent** — `400`, `422` → no retry, dead-letter topic\n"
    assert [e.category for e in spec_of(icon).errors] == ["permanent"]


def test_a_credential_named_after_a_system_is_that_systems_credential():
    text = ("# Shop → Lab\n\n## Auth\n\n"
            "- SurfaceLab API: OAuth 2.0 client credentials, scopes `jobs:create`.\n"
            "- SurfaceLab client secret: stored in Azure Key Vault `kv-shop`.\n"
            "- Rotation: a new secret every 120 days; both valid for 10 days.\n")
    (entry,) = spec_of(text).auth
    assert (entry.mechanism.text, entry.storage.text[:14], entry.rotation.text[:11]) == (
        "OAuth 2.0 client credentials", "stored in Azur", "a new secre")


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


def test_an_auth_table_by_direction_has_an_entry_a_row():
    text = ("# Choir app ↔ Library\n\n## How do we authenticate each other?\n\n"
            "| Direction | Mechanism | Rotation | Permissions | Storage |\n|---|---|---|---|---|\n"
            "| App → Library | OAuth 2.0 client credentials | every 12 months | `sets:read` | AWS Secrets Manager |\n"
            "| Library → App | HMAC-SHA256 of the body | every 6 months | status events only | Azure Key Vault |\n")
    assert [(a.system.text, a.mechanism.text) for a in spec_of(text).auth] == [
        ("App → Library", "OAuth 2.0 client credentials"), ("Library → App", "HMAC-SHA256 of the body")]
    assert "IS301" not in codes(text)


MAPPED_BY_SYSTEM = ("# Relay\n\n## How do your fields map to ours?\n\n"
                    "| SonoClean | Type | TraceSure | Type | What the relay does |\n|---|---|---|---|---|\n"
                    "| `cycle_id` | string | `external_id` | string(40) | Copy |\n"
                    "| `result` | enum | `outcome` | enum | `PASS` → `OK`; `FAIL_A`, `FAIL_B` → `FAILED`; `ABORTED` → `STOP` |\n"
                    "| `result` | enum | `quarantine` | boolean | `PASS` → false; every other value → true |\n"
                    "| `card_uid` | text, nullable | `card_ids[]` | string[] | upper-case hex; players without a card skipped |\n"
                    "\n## Contracts\n\n### Cycle event\n\n| Field | Type |\n|---|---|\n"
                    "| `result` | enum `PASS`, `FAIL_A`, `FAIL_B`, `ABORTED` |\n")


def test_a_mapping_table_with_a_type_column_after_each_systems_column():
    rows = spec_of(MAPPED_BY_SYSTEM).mappings
    assert [(m.source_field.text, m.target_type.text, m.transform.text[:6]) for m in rows][:2] == [
        ("`cycle_id`", "string(40)", "Copy"), ("`result`", "enum", "`PASS`")]
    assert rows[1].enum_map == {"PASS": "OK", "FAIL_A": "FAILED", "FAIL_B": "FAILED", "ABORTED": "STOP"}
    # every value mapped, the rest "every other value", and what a missing card means: nothing to report
    assert codes(MAPPED_BY_SYSTEM, "IS801", "IS803", "IS805") == []
    assert "IS803" in codes(MAPPED_BY_SYSTEM.replace("; every other value → true", "; `FAIL_A` → true"))


def test_error_classes_in_the_teams_own_words_are_known_by_what_they_hold():
    text = ("# Tablet → Clubhouse\n\n## When things go wrong\n\n| Kind | Examples | What happens |\n|---|---|---|\n"
            "| Try again later | 429, 503, timeout, connection reset | Stay in the outbox, retry per A5 |\n"
            "| Will never work | 400, 404, 409, 422 | Straight to the stuck list, alert |\n"
            "| Part worked | A push where some rows fail validation | Good rows applied; dropped rows emailed |\n"
            "| Odd ones | 400, 503 | Retry |\n")
    assert [e.category for e in spec_of(text).errors] == ["transient", "permanent", "partial", "odd ones"]
    assert "IS401" not in codes(text)


def test_where_a_message_goes_after_its_last_try_is_its_dead_letter():
    text = ("# Tablet → Clubhouse\n\n## Retries and the stuck list\n\n"
            "- Exponential backoff: first retry after 2 s, doubling, at most 5 minutes, 8 tries in all.\n"
            "- After the last try the message moves to `lp-clubhouse-stuck` (SQS); the on-call is paged on the first.\n")
    spec = spec_of(text)
    assert spec.dead_letter.destination.text == "lp-clubhouse-stuck"
    assert "IS601" not in codes(text)


def test_an_error_class_or_retry_item_under_a_run_heading_is_no_metric():
    text = ("# Loans\n\n## Run\n\n"
            "1. **Transient**: 429, 503, timeouts over 15 s. Action: retry per item 2.\n"
            "2. Retry: exponential backoff, initial delay 2 s, cap 120 s, at most 7 attempts.\n"
            "3. Latency: P95 of F1 over 10 s for 15 minutes is a warning to the digital team.\n"
            "4. **Errors:** a critical alert when more than 5% of calls fail over 15 minutes.\n"
            "5. Queue depth: more than 500 messages on `out` is a warning.\n"
            "6. Token expiry: under 14 days is a warning to the platform team.\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["latency", "error-rate", "queue-depth", "token-expiry"]


def test_what_a_flow_item_sends_in_its_own_words_is_its_payload():
    text = ("# Farm → Packhouse\n\n## What moves\n\n"
            "- Crate filled: SporeLog → PackPoint. A picker closes a crate on the tablet; SporeLog publishes "
            "one message per crate to Kafka. About 1,800 crates a day.\n"
            "- Pick plan: PackPoint → SporeLog. The planner publishes tomorrow's plan at 16:00 each day; "
            "12 calls a day.\n")
    flows = spec_of(text).flows
    assert [f.payload.text for f in flows] == ["message per crate", "tomorrow's plan at 16:00 each day"]
    assert flows[1].frequency.text == "12 calls a day"  # not the "00 each day" of a time
    assert "IS101" not in codes(text)


def test_a_table_named_in_capitals_is_a_place_and_a_breakers_skipped_poll_drops_nothing():
    text = ("# Lab → Register\n\n## Retrying\n\nA circuit breaker opens after 8 failures for 10 minutes; while it is "
            "open, results and dispatch statuses simply accumulate in their outboxes and the kit request poll is "
            "skipped.\n\n## Failed items\n\nAnything that fails permanently, or runs out of retries, is written to "
            "the error store, the `RADONREG_ERRORS` table. Each new entry sends an alert to the on-call.\n")
    spec = spec_of(text)
    assert (spec.dead_letter.destination.text, spec.dead_letter.alert.text) == ("RADONREG_ERRORS", "alert")
    assert codes(text, "IS601", "IS602") == []


def test_a_column_per_system_with_row_keys_in_context_and_self_expiring_credentials():
    text = ("# Cannery ↔ Plant\n\n## Security\n\nBoth applications connect to RabbitMQ with short-lived credentials "
            "from Vault's RabbitMQ secrets engine; nobody holds a static broker password.\n\n"
            "| | QualityDesk | RetortLink |\n|---|---|---|\n"
            "| Broker login | username/password, Vault role `creds/qd` | username/password, Vault role `creds/rl` |\n"
            "| Broker permissions (vhost `/plant`) | write: `qa.decisions` | write: `retort.events` |\n"
            "| Broker credential rotation | New username/password every 24 h | Same TTLs |\n"
            "| Where stored | Vault only | Vault only |\n")
    systems = [a.system.text for a in spec_of(text).auth]
    assert systems[-2:] == ["QualityDesk", "RetortLink"]  # "(vhost `/plant`)" is no path of a call
    assert spec_of(text).auth[-2].rotation.text == "New username/password every 24 h"  # a rotation, not a credential
    assert "IS301" not in codes(text)


def test_a_toml_policy_pasted_under_a_call_is_the_retry_policy_not_an_example():
    text = ("# Counter → Registry\n\n## Submit counts\n\n`POST https://api.registry.example/v2/count-submissions`\n\n"
            "Retry policy, pasting `config/retry.toml`:\n\n```toml\n[nfcs.retry]\nstrategy = \"exponential\"\n"
            "initial_delay_s = 30\nmax_attempts = 5\nmax_delay_s = 480\n\n[nfcs.circuit_breaker]\n"
            "consecutive_failures = 5\nopen_for_s = 900\n```\n")
    spec = spec_of(text)
    assert (spec.retry.strategy.text, spec.retry.max_attempts.text) == ("exponential", "5")
    assert spec.contracts[0].examples == []
    assert codes(text, "IS203", "IS501") == []


def test_a_glossary_that_mentions_a_call_in_passing_is_still_a_list_of_pairs():
    text = ("# Clinic → Lab\n\n## Terms\n\n| Term | Meaning in this integration |\n|---|---|\n"
            "| **Dose request** | One dose. The clinic sends it (`POST /api/v2/dose-requests`) when a scan is booked. |\n"
            "| **Transient failure** | 429, 503, timeout (10 s). Retried. |\n"
            "| **Permanent failure** | 400, 403, 422. Not retried; the request goes to the dead-letter table. |\n")
    assert [e.category for e in spec_of(text).errors] == ["transient", "permanent"]


def test_a_flow_labelled_by_its_id_whose_call_carries_a_bearer_token_is_no_systems_auth():
    text = ("# Registry → Portal\n\n## Auth\n\n- **Registry**: OAuth 2.0 client credentials; secret rotated every "
            "90 days; stored in Vault.\n- **Portal**: HMAC-SHA256 signature; secret rotated yearly; stored in Key Vault.\n\n"
            "> **Flow D2** — Registry → Portal, started by each state change.\n>\n"
            "> `POST https://hooks.portal.example/registry/events`\n"
            "> Headers: `Authorization: Bearer <token>`, `Content-Type: application/json`.\n"
            "> Codes: 200 taken · 400 malformed body · 401 token rejected.\n")
    assert [a.system.text for a in spec_of(text).auth] == ["Registry", "Portal"]


RECORDS = ("# Notices ⇄ Mainframe\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
           "|---|---|---|---|---|---|\n| F1 | Portal | CLASSYS | nightly 22:00 | notice records | ~40/night |\n\n"
           "## Record layouts\n\n### F1 — `TRIB-NOTICE-IN` (200 bytes)\n\n| From | To | Len | Field | PIC | Content |\n"
           "|---|---|---|---|---|---|\n| 1 | 1 | 1 | `REC-TYPE` | `X` | `N`, `A` or `C` |\n"
           "| 2 | 13 | 12 | `NOTICE-ID` | `X(12)` | `TOL` + 9 digits |\n\n"
           "## Field mapping\n\n| TOL field | TOL type | Record field | PIC | Transform |\n|---|---|---|---|---|\n"
           "| `notice.id` | bigint | `NOTICE-ID` | `X(12)` | `TOL` + id zero-padded to 9 digits |\n"
           "| `notice.version` | int | `NOTICE-VERSION` | `9(3)` | Zero-padded |\n\n"
           "## Field reference\n\n| Portal field | Type | Null? | Suggested target | Notes |\n|---|---|---|---|---|\n"
           "| `ticket_number` | string | no | work order reference | Copy; unique per ticket |\n")


def test_a_record_layout_is_no_flow_and_no_mapping_and_a_picture_clause_is_a_type():
    spec = spec_of(RECORDS)
    assert [f.name.text for f in spec.flows] == ["F1"]  # "From | To" over byte positions names no systems
    assert [(m.source_field.text, m.target_type.text if m.target_type else None) for m in spec.mappings][:2] == [
        ("`notice.id`", "`X(12)`"), ("`notice.version`", "`9(3)`")]
    assert spec.mappings[2].transform.text == "Copy; unique per ticket"  # the free words after the fields
    assert codes(RECORDS, "IS101", "IS801") == []


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


def test_all_alarms_publishing_to_one_topic_is_every_metrics_alert():
    text = ("# Pumps → Authority\n\n## Alarms\n\nAll alarms publish to SNS topic `snowmaking-ops-alerts-production`, which pages the on-call.\n\n"
            "| Alarm | Threshold |\n|---|---|\n| Forwarder P95 latency | > 3 s over 10 min |\n"
            "| Error rate of calls | > 2% over 15 min |\n")
    assert [m.alert.text[:10] for m in spec_of(text).monitoring] == ["All alarms"] * 2

"""Absence for one object's value (reading/absence.py): a rule says a flow, contract, metric, credential
or mapping row lacks a value only when the document is silent on it there. Each test pairs a spec that
says the fact in a shape no reader takes with the same spec without it, which is still reported."""

from intspec_lint import lint_text

from read_spec import codes, spec_of

FLOWS = ("# Kiln ↔ Ledger\n\n## Flows\n\n| ID | Source | Destination | Trigger | Payload |\n|---|---|---|---|---|\n"
         "| K1 | Kiln | Ledger | charge finished | batch JSON |\n| K2 | Ledger | Kiln | plan released | plan JSON |\n\n"
         "## Capacity\n\n")


def test_a_flows_frequency_said_where_its_id_is_named_is_not_missing():
    said = FLOWS + "K1 runs ~40 times a day; K2 is nightly at 02:00.\n"
    assert "IS101" not in codes(said)
    assert "IS101" in codes(FLOWS + "Sizing is agreed with the plant.\n")


def test_an_empty_cell_or_a_placeholder_is_reported_whatever_else_is_said():
    table = ("# Kiln ↔ Ledger\n\n## Flows\n\n| ID | Source | Destination | Trigger | Payload | Frequency |\n"
             "|---|---|---|---|---|---|\n| K1 | Kiln | Ledger | charge finished | batch JSON | TBD |\n\n"
             "## Capacity\n\nK1 runs ~40 times a day.\n")
    assert "IS101" in codes(table)  # the table owes the value where it stands


def test_a_section_that_shows_a_fact_no_reader_took_answers_only_where_no_sibling_has_it_read():
    metrics = ("# A → B\n\n## Monitoring\n\n- **Latency** p95 > 2 s: page the on-call\n- **Error rate** > 1% over 5 min: "
               "page the on-call\n- **Queue depth** > 500\n- **Token expiry** < 7 days: Slack #ops\n\n"
               "Alerts route through PagerDuty.\n")
    assert "IS701" in codes(metrics)  # its siblings' alerts are read: the queue-depth line lacks one


def test_a_metrics_alert_in_another_table_that_names_it_is_not_missing():
    slis = ("# Feed → Book\n\n## Monitoring\n\n- SLI-1 Price freshness: p99 < 2 s → page\n"
            "- SLI-2 Error rate: < 0.5% failed pushes → page\n- SLI-3 Queue depth: < 1,000 pending → Slack #feed\n"
            "- SLI-4 Token expiry: days left > 7\n\n## Burn-rate policies\n\n")
    policies = ("| Policy | Window | Action |\n|---|---|---|\n| SLI-1 fast burn | 1 h | page the on-call |\n"
                "| SLI-4 near expiry | daily | ticket to platform |\n")
    assert not [f for f in lint_text(slis + policies, "markdown") if f.code == "IS701" and "alert" in f.message]
    assert [f for f in lint_text(slis + "To be agreed.\n", "markdown") if f.code == "IS701" and "alert" in f.message]


def test_a_threshold_where_no_metric_beside_it_names_an_alert_owes_none():
    """A table of alarms with thresholds and no alert column asks for no alert level; a metric whose
    neighbours name theirs and it does not is a gap."""
    alarms = ("# Feed → Book\n\n## Alarms\n\n| Alarm | Metric | Threshold |\n|---|---|---|\n"
              "| `latency` | p95 latency | > 2 s for 10 min |\n| `errors` | error rate | > 5% over 15 min |\n"
              "| `lag` | queue depth | > 1,000 messages |\n| `cert` | certificate expiry | < 21 days |\n")
    assert not [f for f in lint_text(alarms, "markdown") if f.code == "IS701"]
    told = ("# Feed → Book\n\n## Monitoring\n\n- p95 latency > 2 s for 10 min → warning\n"
            "- error rate > 5% over 15 min → critical\n- queue depth > 1,000 messages\n"
            "- certificate expiry < 21 days → warning\n")
    assert [f.line for f in lint_text(told, "markdown") if f.code == "IS701"] == [7]


CONTRACT = ("# Shop → Ledger\n\n## Calls\n\n### Post an entry\n\n`POST https://ledger.example/v1/entries`\n\n"
            "Body: `amount` (integer, cents), `booked_at` (string, date-time). Answers `201` created, `400` invalid.\n\n")


def test_an_example_in_a_row_that_names_the_contracts_path_is_not_missing():
    samples = CONTRACT + ('## Samples\n\n| Call | Sent | Received |\n|---|---|---|\n'
                          '| `/v1/entries` | `{"amount": 1250}` | `{"id": 7}` |\n')
    assert "IS202" not in codes(samples)
    assert "IS202" in codes(CONTRACT)
    hosted = CONTRACT + "Sent from `https://shop.example` only.\n"
    assert "IS202" in codes(hosted)  # a host under `.example` is no example


def test_status_codes_told_in_another_section_that_names_the_path_are_not_missing():
    bare = ("# Shop → Ledger\n\n## Calls\n\n### Post an entry\n\n`POST https://ledger.example/v1/entries`\n\n"
            "Body: `amount` (integer, cents). Example request:\n\n```json\n{\"amount\": 1250}\n```\n\n"
            "Example response:\n\n```json\n{\"id\": 7}\n```\n\n")
    said = bare + "## Outcomes\n\n- `/v1/entries` returns 201 Created, or 422 Unprocessable when the amount is negative.\n"
    assert "IS201" not in codes(said)
    assert "IS201" in codes(bare)


def test_a_code_block_counts_only_in_the_lines_that_name_the_object():
    text = ("# Shop → Ledger\n\n## Calls\n\n### Post an entry\n\n`POST https://ledger.example/v1/entries`\n\n"
            "Body: `amount` (integer). Status codes: 201 created, 400 invalid.\n\nExample request:\n\n"
            "```json\n{\"amount\": 1250}\n```\n\nExample response:\n\n```json\n{\"id\": 7}\n```\n\n"
            "## Sequence\n\n```mermaid\nsequenceDiagram\n  Shop->>Ledger: POST /v1/entries\n"
            "  Note over Ledger: idempotency is handled by the bank's own file import\n```\n")
    assert "IS901" in codes(text)  # the diagram's note stands on another line than the call it draws


def test_an_objects_name_is_no_evidence_of_itself():
    text = ("# Quiz → LMS\n\n## Mapping\n\n| Source field | Source type | Target field | Target type | Transform |\n"
            "|---|---|---|---|---|\n| `score` | decimal | `scoreGiven` | number | as is |\n\n"
            "- `attempt.submittedAt` (timestamptz) → `timestamp`: RFC 3339 in UTC\n")
    assert "IS807" in codes(text)  # a target called `timestamp` has no type yet


def test_an_operation_sharing_its_path_is_named_with_its_method():
    text = ("# Port → Carrier\n\n## Calls\n\n### Cancel\n\n`DELETE /npc/v1/ports/{id}`\n\nStatus codes: `200` cancelled, "
            "`404` unknown port.\n\n### Query\n\n`GET /npc/v1/ports/{id}`\n\nReturns the port as JSON.\n")
    assert "IS201" in codes(text)  # the cancel's status codes are not the query's


def test_a_metric_outside_the_checklists_four_is_asked_only_for_an_empty_cell():
    base = ("# A → B\n\n## Monitoring\n\n- **Latency** p95 > 2 s: page the on-call\n- **Error rate** > 1% over 5 min: "
            "page the on-call\n- **Queue depth** > 500: Slack #ops\n- **Token expiry** < 7 days: Slack #ops\n")
    assert "IS701" not in codes(base + "- **Link loss** > 3 in an hour\n")  # no signal the checklist asks alerts of
    table = ("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Latency p95 | > 2 s | page |\n"
             "| Error rate | > 1% | page |\n| Queue depth | > 500 | Slack |\n| Token expiry | < 7 days | Slack |\n"
             "| Link loss | > 3 an hour | |\n")
    assert "IS701" in codes(table)  # the empty cell is owed where it stands


def test_an_example_given_by_reference_to_another_is_not_missing():
    text = ("# Estate → Register\n\n## Calls\n\n### Submit\n\n`POST https://api.register.example/v1/records`\n\n"
            "Body: `weight_kg` (number). Codes: 201, 400.\n\nExample request:\n\n```json\n{\"weight_kg\": 51.5}\n```\n\n"
            "Example response:\n\n```json\n{\"record_id\": \"CR-1\"}\n```\n\n### Correct\n\n"
            "`PUT https://api.register.example/v1/records/{record_id}` with the full record. Codes: 200, 404. ")
    told = text + "The example body is the POST example with `\"weight_kg\": 54.0`; the response is `{\"record_id\": \"CR-1\"}`.\n"
    assert "IS202" not in codes(told)
    assert "IS202" in codes(text + "The response is `{\"record_id\": \"CR-1\"}`.\n")


TABLE = ("# Clinic → Lab\n\n## Endpoints\n\n| # | Endpoint | Idempotency | Success | Other codes |\n|---|---|---|---|---|\n"
         "| E1 | `POST https://api.lab.example/v1/prescriptions` | `Idempotency-Key: <rx_id>` | 201 created | 400, 503 |\n"
         "| E3 | `POST https://api.lab.example/v1/reactions` | — | 201 created | 400, 503 |\n\n"
         "Request fields: `rx_id` (string), `dose` (number). Response `{id}`.\n\n## Fixtures\n\n")


def test_a_contract_is_known_by_its_rows_id_and_a_block_by_the_line_that_introduces_it():
    fixtures = ("**FX-01** E1 request:\n\n```json\n{\"rx_id\": \"RX-1\", \"dose\": 0.5}\n```\n\n"
                "**FX-02** E1 response: `{\"id\": \"P-1\"}`\n\n"
                "**FX-03** E3 request:\n\n```json\n{\"rx_id\": \"RX-1\", \"reaction\": \"rash\"}\n```\n\n"
                "**FX-04** E3 response: `{\"id\": \"R-1\"}`\n")
    found = [f.message for f in lint_text(TABLE + fixtures, "markdown") if f.code == "IS202"]
    assert found == []
    assert [f for f in lint_text(TABLE + "None yet.\n", "markdown") if f.code == "IS202"]


def test_an_empty_cell_in_a_column_named_for_a_fact_is_no_evidence_of_it():
    assert [f for f in lint_text(TABLE, "markdown") if f.code == "IS901" and "reactions" in f.message]


def test_an_example_kept_outside_the_document_is_none_of_its_own():
    text = ("# Lanes → Book\n\n## Calls\n\n### F4 Block a lane\n\n`PUT https://api.book.example/v2/lanes/{id}/block`\n\n"
            "Body: `from` (string), `to` (string). Codes: 204, 400, 404.\n\n"
            "Example: see the Postman collection `lanes.postman_collection.json`.\n")
    assert "IS202" in codes(text)


def test_the_sentences_after_a_named_one_in_its_paragraph_speak_of_it_too():
    text = ("# Hulls → Port\n\n## Error classification\n\n"
            "Transient errors are broker faults and timeouts. The consumer does not commit the offset and retries "
            "the message as described in the retry section.\n\n"
            "Permanent errors are schema failures. A message with a permanent error goes to the dead-letter topic.\n\n"
            "Partial failures cannot happen: every message is one record, and it is stored whole or not at all.\n")
    assert "IS401" not in codes(text)
    parted = text.replace(" The consumer does not commit", "\n\nThe consumer does not commit")
    assert "IS401" in codes(parted.replace("retries the message", "waits"))


SIGN_OFF = '''# Rigging app → Crew planner

## Messages

### Crew sign-off event

Fields: `job_id` string, `signed_at` string (ISO 8601 UTC), `crew` integer.

```json
{"job_id": "J-1", "signed_at": "2025-05-01T10:00:00Z", "crew": 4}
```

## Delivery

Each crew sign-off event lands in the planner's inbox for the depot that ran the job, one per job.
'''


def test_a_message_whose_destination_is_told_in_words_is_not_asked_for_a_queue():
    """Where a message goes, said of it in words no reader turns into a queue or topic ("lands in the
    planner's inbox for the depot"), is evidence the reader cannot use: no "no queue or topic name"."""
    assert "IS201" not in codes(SIGN_OFF)
    silent = SIGN_OFF.replace("lands in the planner's inbox for the depot that ran the job, one", "is sent once")
    assert "IS201" in codes(silent)


def test_a_clause_a_contract_points_at_speaks_for_it():
    """A contract whose text points at a clause for its answer ("TeachStudio's answer (C-4)") is spoken of
    where that clause stands: its codes there are not missing."""
    base = ("# Board → Studio\n\n## Producer obligations\n\n- **P-4** The board shall deliver events by "
            "`POST https://studio.example/v1/results` with `Content-Type: application/json`. Body: `event_id` string, "
            "`grade` integer. Example: `{\"event_id\": \"e-1\", \"grade\": 5}`. The studio's answer (C-4): "
            "`{\"received\": \"e-1\"}`.\n\n## Consumer obligations\n\n")
    said = base + "- **C-4** The studio answers 200 OK once the event is stored, 400 Bad Request on a bad body.\n"
    assert not [f for f in lint_text(said, "markdown") if f.code == "IS201" and "status codes" in f.message]
    silent = base + "- **C-4** The studio stores the event before it answers.\n"
    assert [f for f in lint_text(silent, "markdown") if f.code == "IS201" and "status codes" in f.message]


def test_a_create_that_answers_with_the_existing_record_is_idempotent():
    text = ("# Vent → Grease\n\n## A.1 `POST https://api.grease.example/api/v1/jobs`\n\n"
            "Request: `external_ref` (string, required), `site_code` (string). Response 201/200: `job_id` (string).\n\n"
            "Status codes: 201 job created; 200 job with this `external_ref` exists, existing job returned; "
            "400 validation failure.\n\n## Idempotency\n\nThe nightly run can safely be repeated.\n")
    assert "IS901" not in codes(text)
    assert "IS901" in codes(text.replace("200 job with this `external_ref` exists, existing job returned; ", ""))


def test_a_dash_in_a_flows_frequency_or_a_credentials_rotation_is_left_empty():
    flows = ("# Desk → Pad\n\n## Data flows\n\n| # | Flow | Source | Destination | Trigger | Payload | Frequency |\n"
             "|---|---|---|---|---|---|---|\n| 1 | Survey | Pad | Desk | Submit | Survey JSON | ~180/day |\n"
             "| 2 | Status | Desk | Pad | Page opened (GET) | — | ~400/day |\n"
             "| 3 | Reassignment | Desk | Pad | Dispatcher moves a survey | Reassignment JSON | — |\n")
    assert [(f.line, "left empty" in f.message) for f in lint_text(flows, "markdown") if f.code == "IS101"] == [
        (9, True)]  # the "—" payload of a GET moves nothing; the "—" frequency is a gap
    auth = ("# A ↔ B\n\n## Authentication\n\n| | A → B | B → A |\n|---|---|---|\n"
            "| Mechanism | OAuth 2.0 client credentials | API key |\n| Rotation | every 90 days | {} |\n"
            "| Storage | Vault | Key Vault |\n")
    assert "IS301" in codes(auth.format("—"))
    assert "IS301" not in codes(auth.format("every 180 days"))


# -- evidence no reader took (Testimony.unread): a fact of a kind the document shows outside every place a reader
# took one from means a reader missed it, and no object is told it lacks one

TWO_CALLS = ("# Shop → Ledger\n\n## Calls\n\n### Post an entry\n\n`POST https://ledger.example/v1/entries`\n\n"
             "Body: `amount` (integer, cents). Answers `201` created, `400` invalid.\n\n```json\n{\"amount\": 1250}\n```\n\n"
             "### Read an entry\n\n`GET https://ledger.example/v1/entries/{id}`\n\nAnswers `200` with the entry, "
             "`404` unknown id.\n\n")


def test_an_example_the_document_shows_where_no_reader_placed_it_silences_missing_examples():
    appendix = TWO_CALLS + "## Appendix: captured traffic\n\nA read, from the staging log:\n\n" \
        "    {\"id\": \"e-7\", \"amount\": 1250, \"booked_at\": \"2024-05-01T10:00:00Z\"}\n"
    assert "IS202" not in codes(appendix)
    assert "IS202" in codes(TWO_CALLS + "## Appendix\n\nNothing captured yet.\n")


def test_a_shape_written_as_json_is_no_example_the_readers_missed():
    shape = TWO_CALLS + "## Errors\n\nEvery error answers `{\"error\": string, \"details\": [{\"field\", \"message\"}]}`.\n"
    assert "IS202" in codes(shape)


def test_a_repeat_answer_in_the_idempotency_section_is_no_example_and_no_status_of_another_call():
    repeat = TWO_CALLS + "## Idempotency\n\nA repeated entry returns `{\"status\": \"duplicate\"}` with `200`.\n"
    assert "IS202" in codes(repeat)


CLOSE_A_DAY = ("# Shop → Ledger\n\n## Calls\n\n### Post an entry\n\n`POST https://ledger.example/v1/entries`\n\n"
               "Body: `amount` (integer, cents); answers `201` created, `400` invalid.\n\n"
               "### Close a day\n\n`POST https://ledger.example/v1/days/{date}/close`\n\nBody: `date` (string).\n\n")


def test_status_codes_told_where_no_reader_took_them_silence_missing_status_codes():
    calls = CLOSE_A_DAY
    told = calls + "## Notes from the pilot\n\nClosing a day that is already closed returns 409 Conflict.\n"
    assert not [f for f in lint_text(told, "markdown") if f.code == "IS201" and "status" in f.message]
    assert [f for f in lint_text(calls, "markdown") if f.code == "IS201" and "status" in f.message]


def test_an_auth_section_the_reader_cannot_read_is_not_called_undocumented_where_a_mechanism_is_named():
    spec = ("# Shop → Ledger\n\n## Flows\n\n| Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| Shop | Ledger | sale | entry | 2k/day |\n\n## Authentication\n\n")
    named = spec + "> We settled on mutual TLS between the two gateways after the security review.\n"
    assert not [f for f in lint_text(named, "markdown") if f.code == "IS301" and "not documented" in f.message]
    assert [f for f in lint_text(spec + "To be agreed.\n", "markdown") if f.code == "IS301" and "not documented" in f.message]


def test_an_error_category_named_where_no_reader_took_it_is_not_missing():
    errors = ("# Shop → Ledger\n\n## Errors\n\n| Category | Codes | Action |\n|---|---|---|\n"
              "| Permanent | 400, 422 | dead-letter and alert |\n\n")
    told = errors + "## Runbook\n\n```\n# transient failures (429, 503, timeouts) go back on the queue\n```\n"
    assert not [f for f in lint_text(told, "markdown") if f.code == "IS401" and "transient" in f.message]
    assert [f for f in lint_text(errors, "markdown") if f.code == "IS401" and "transient" in f.message]


def test_status_codes_listed_with_their_meanings_in_prose_are_evidence_no_reader_took():
    calls = CLOSE_A_DAY
    for said in ("Responses: 204 closed; 409 the day is already closed.",
                 "Closing: 204 when the day is closed; 409 when it already was."):
        told = calls + "## Notes from the pilot\n\n" + said + "\n"
        assert not [f for f in lint_text(told, "markdown") if f.code == "IS201" and "status" in f.message]


def test_a_payload_shown_where_no_contract_was_read_is_no_document_without_contracts():
    """A push described by its configuration and a sample of what it sends: the contract is there in a shape the
    reader does not make one of, so "no API or message contracts" is not said; a document with neither is told."""
    push = ("# Records → Partner\n\n## Configuration\n\nEach push names a `base_url` and a `path` on the partner's side.\n\n"
            "## What is sent\n\nFor a visit record, the partner receives:\n\n"
            "```json\n{\"visit_id\": \"v-1042\", \"temperature_c\": 37.8, \"referred\": true}\n```\n")
    assert not [f for f in lint_text(push, "markdown") if f.code == "IS202" and "no API or message contracts" in f.message]
    bare = push.split("## What is sent")[0]
    assert [f for f in lint_text(bare, "markdown") if f.code == "IS202" and "no API or message contracts" in f.message]


def test_a_heading_that_names_a_part_below_another_part_is_no_silence_on_it():
    text = ("# Queue → Function\n\n## Reporting failures\n\nThe function reports the failed items of each batch.\n\n"
            "### CloudWatch metrics\n\n- `ApproximateAgeOfOldestMessage`: how long the oldest message waited.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "there is no" in f.message]
    bare = text.split("### CloudWatch metrics")[0]
    assert [f for f in lint_text(bare, "markdown") if f.code == "IS701" and "there is no" in f.message]


def test_a_write_whose_own_section_says_a_repeat_is_harmless_has_its_idempotency():
    base = ("# Clinic → Lab\n\n## Idempotency\n\n| Operation | Key |\n|---|---|\n| `POST /v1/results` | `result_id` |\n\n"
            "## Sending orders\n\n"
            "We call `POST https://lab.example/v1/orders` with each order.\n\n"
            "```json\n{\"order_id\": \"O-1\", \"tests\": [\"GLU\"]}\n```\n\n")
    for said in ("The lab keys each order by `order_id`: the same order twice is acknowledged and ignored.",
                 "The lab ignores an `order_id` it already holds, so resending is fine."):
        assert "IS901" not in codes(base + said + "\n"), said
    assert "IS901" in codes(base + "A worker files it on the patient record.\n")


def test_redelivery_said_of_webhooks_in_words_no_reader_takes_is_no_silence():
    base = ("# Meters → Billing\n\n## Flows\n\n| Name | Direction | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| Alarms | HES → CIS | Event: alarm decoded | JSON webhook, one alarm per call | ~300/day |\n\n"
            "## Idempotency\n\nOn-demand reads carry an `Idempotency-Key`.\n\n## Questions\n\n")
    for said in ("Alarm webhooks carry a stable `alarm_id`; the adapter ignores an id it already holds.",
                 "| TC-07 | The sandbox re-delivers a webhook with the same `event_id` | one entry, not two |"):
        assert "IS902" not in codes(base + said + "\n"), said
    assert "IS902" in codes(base + "Alarms are shown on the CSR screen.\n")


def test_an_object_named_in_the_plural_elsewhere_is_spoken_of():
    base = ("# Tills → Loyalty\n\n## Overview\n\nThe bridge turns each sale and return into a call. {}\n\n"
            "## Flows\n\n| Flow | Direction | Trigger | Payload |\n|---|---|---|---|\n"
            "| Sale | Tills → Loyalty | Receipt closed | Sale event |\n| Return | Tills → Loyalty | Refund done | Return event |\n")
    said = base.format("Volumes: ~18,000 sales/day (peak 2,500/hour), ~1,900 returns/day.")
    assert not [f for f in lint_text(said, "markdown") if f.code == "IS101" and "frequency" in f.message]
    silent = base.format("Both go through Kafka.")
    assert [f for f in lint_text(silent, "markdown") if f.code == "IS101" and "frequency" in f.message]


def test_a_key_named_as_the_idempotency_key_once_is_idempotency_stated():
    base = ("# Warehouse → Robots\n\n## Sequence\n\n```mermaid\nsequenceDiagram\n    WMS->>ORB: POST /v2/tasks:batch\n"
            "    Note over WMS: {}\n```\n")
    said = base.replace("{}", "Counted as accepted. task_id is the idempotency key, so a re-sent batch never creates a "
                              "second trip.")
    assert not [f for f in lint_text(said, "markdown") if f.code == "IS901" and "never stated" in f.message]
    silent = base.replace("{}", "Counted as accepted.")
    assert [f for f in lint_text(silent, "markdown") if f.code == "IS901" and "never stated" in f.message]


# A part a spec has once (its retry policy, its dead-letter place, its monitoring): a fact of it stated anywhere,
# in any shape, is evidence (Testimony.states), and the rule stays silent on it; without the line, it reports.
RETRY = ("# Hive → Ledger\n\n## Retries\n\n- Strategy: exponential backoff with full jitter\n- First delay: 2 s, "
         "doubling\n- Cap: 60 s\n- Circuit breaker: 5 consecutive failures open it for 2 minutes\n\n"
         "## Deployment\n\n```yaml\nworker:\n  concurrency: 4\n{extra}```\n")


def test_a_retry_limit_set_in_a_config_block_of_another_section_is_not_missing():
    limited = RETRY.format(extra="  retry:\n    maxAttempts: 6\n")
    assert "IS501" not in codes(limited)
    assert "IS501" in codes(RETRY.format(extra="  log_level: info\n"))


def test_an_owed_retry_limit_elsewhere_is_no_evidence():
    owed = RETRY.format(extra="  retry:\n    maxAttempts: TBD  # not decided yet?\n")
    assert "IS501" in codes(owed)


DEAD = ("# Hive → Ledger\n\n## Failures\n\nAfter the last retry a reading goes to the `ledger-dlq` queue.\n\n"
        "## Operations\n\n{extra}\n")


def test_a_dead_letter_alert_said_in_another_section_is_not_missing():
    alerted = DEAD.format(extra="Anything landing in `ledger-dlq` pages the on-call through PagerDuty.")
    assert "IS601" not in codes(alerted)
    assert "IS601" in codes(DEAD.format(extra="The DLQ is kept for 14 days."))
    assert "IS601" in codes(DEAD.format(extra="The DLQ raises no alert; someone looks weekly."))


MONITORED = ("# Hive → Ledger\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
             "| Error rate | > 2% over 5 min | Critical |\n| DLQ depth | > 0 | Warning |\n\n"
             "## Authentication\n\nOAuth client credentials; the secret is rotated yearly and kept in Vault.\n\n"
             "## Runbook\n\n{extra}\n")


def test_a_kind_of_metric_watched_in_words_outside_the_metric_table_is_covered():
    watched = MONITORED.format(extra="The on-call is paged when p95 delivery latency stays over 30 s, and warned 14 "
                                     "days before the client secret expires.")
    assert [f for f in lint_text(watched, "markdown") if f.code == "IS701"] == []
    found = [f.message for f in lint_text(MONITORED.format(extra="- Restart the worker."), "markdown")
             if f.code == "IS701"]
    assert found and "latency" in found[0] and "expiry" in found[0]


def test_a_rotation_or_a_paged_result_is_no_watched_expiry():
    """ "Rolled every 90 days in the dashboard" is the procedure; "page 2 returned" is paging through results."""
    unwatched = MONITORED.format(extra="- The secret is rolled every 90 days in the vendor dashboard.\n"
                                       "- 200: page returned; 401 token expired.\n- p95 latency over 30 s: warning.")
    found = [f.message for f in lint_text(unwatched, "markdown") if f.code == "IS701"]
    assert found and "expiry" in found[0] and "latency" not in found[0]


ERRORS = ("# Mill → Ledger\n\n## Error handling\n\n| Class | Codes | Action |\n|---|---|---|\n"
          "| Transient | 429, 503 | retry |\n| Permanent | 400, 422 | dead-letter, alert |\n\n"
          "## Files\n\nThe nightly file carries up to 5,000 lines.\n\n{extra}\n")


def test_a_partial_failure_handled_in_a_clause_elsewhere_is_a_category():
    handled = ERRORS.format(extra="(c) **partial** (a file in which some lines fail validation): the valid lines are "
                                  "loaded and the sender shall correct and resend only the rejected ones.")
    assert "IS401" not in codes(handled)
    assert "IS401" in codes(ERRORS.format(extra="A batch may fail in part."))


def test_a_partial_response_told_without_what_is_done_next_is_no_category():
    """A 207 that lists what was stored and what was rejected tells the answer, not the handling."""
    for extra in ("Status codes: `200` all stored · `207` some lines rejected, see `results[]` · `400` malformed file.",
                  "| 207 | Some lines stored, the others listed in `rejected` |"):
        found = [f.message for f in lint_text(ERRORS.format(extra=extra + "\n\nA batch may fail in part."), "markdown")
                 if f.code == "IS401"]
        assert found and "no partial category" in found[0]


WRITES = ("# Port → Ferry\n\n## Calls\n\n### Manifest\n\n`POST /v2/manifests` with the manifest JSON.\n\n{one}\n\n"
          "### Dispute\n\n`POST /v3/disputes` with up to 100 disputes.\n\n{two}\n")


def test_a_repeat_and_its_answer_in_one_sentence_make_a_write_safe():
    """However it is worded: a repeat (again, resubmitting, the same `key`, already held) and how it is answered
    (the original, ignored, no new record, as if received once)."""
    safe = WRITES.format(one="A manifest with the same `manifest_ref` is already held; the stored receipt is returned "
                             "and no new record is created.",
                         two="Resubmitting a `dispute_ref` we already hold is ignored and the original result is "
                             "returned.")
    assert "IS901" not in codes(safe)
    unsafe = WRITES.format(one="A manifest with the same `manifest_ref` is already held; the stored receipt is returned "
                               "and no new record is created.", two="Each dispute is answered with its own result.")
    found = [f.message for f in lint_text(unsafe, "markdown") if f.code == "IS901"]
    assert len(found) == 1 and "/v3/disputes" in found[0]


def test_a_duty_for_either_party_answers_for_every_write():
    duty = WRITES.format(one="", two="") + ("\n## Duplicate transmissions\n\nEither Party may receive the same item more "
                                             "than once, and shall process it so that the result is the same as if it "
                                             "had been received once.\n")
    assert "IS901" not in codes(duty)


def test_an_alarm_resource_alerts_by_its_nature_and_an_intro_names_where_alerts_go():
    alarms = ("# Bridge → Broker\n\n## Alarms\n\n```yaml\nResources:\n  # ---- Alarms -> SNS ops-oncall (PagerDuty) ----\n"
              "  ErrorRateAlarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties: {MetricName: ErrorRatePct, Threshold: 2, "
              "ComparisonOperator: GreaterThanThreshold}\n```\n")
    assert [f.message for f in lint_text(alarms, "markdown") if "alert level" in f.message] == []
    clauses = ("# Council → Archive\n\n## 6. Monitoring\n\n6.1 Each Party shall alert its own support team when:\n\n"
               "(a) more than five per cent (5%) of calls to an endpoint fail within one hour;\n\n"
               "(b) more than 100 items are queued for sending.\n")
    assert [f.message for f in lint_text(clauses, "markdown") if "alert level" in f.message] == []
    assert {m.alert.text for m in spec_of(clauses).monitoring} == {"alert its own support team"}


def test_a_backlog_watched_as_queued_items_or_visible_messages_covers_an_async_flow():
    flows = ("# Harbour → Dock\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
             "|---|---|---|---|---|---|\n| F1 | Book | Dock | `reservation.paid` event on a queue | reservation JSON | "
             "~40/hour |\n\n## Observability\n\nDatadog monitors:\n\n- F1 latency p95 > 30 s: warning.\n"
             "- Error rate > 2 % over 10 minutes: critical.\n- {backlog}\n")
    for backlog in ("`berthbook-reservations` visible messages > 200: warning.",
                    "More than 100 items queued for sending: warning."):
        assert "IS702" not in codes(flows.format(backlog=backlog))
    assert "IS702" in codes(flows.format(backlog="Token expiry < 21 days: warning."))


def test_failed_deliveries_kept_to_inspect_and_requeue_are_dead_letter_handling():
    kept = ("# NetBox → Receiver\n\n## Webhook processing\n\nA request with a non-2XX answer is marked as failed. The "
            "queue and any failed webhooks can be inspected under Background Tasks. Failed requests may be requeued "
            "manually there.\n")
    messages = [f.message for f in lint_text(kept, "markdown") if f.code == "IS601"]
    assert messages and "there is no dead-letter handling" not in messages[0]
    assert "there is no dead-letter handling" in " ".join(
        f.message for f in lint_text(kept.replace(" Failed requests may be requeued manually there.", ""), "markdown"))


def test_a_place_said_to_be_removed_is_no_dead_letter_handling():
    removed = ("# Lab → Archive\n\n## What changed\n\n- The `reelhouse.failed_events` table was removed; nobody triaged it.\n\n"
               "## Failures\n\nAfter the last attempt the message is acknowledged and logged at ERROR.\n")
    assert "IS601" in codes(removed)
    assert "IS601" not in codes(removed.replace("was removed; nobody triaged it", "keeps failed events; the on-call is "
                                                                                   "paged for each"))


def test_a_dead_letter_places_alert_in_the_next_sentence_or_paging_a_named_team():
    answer = ("# Lift → Desk\n\n## Failures\n\nQ: And after the eighth attempt?\n\nA: The event goes to the \"Undeliverable "
              "events\" queue in the portal. It is kept 14 days, the integration contact gets an email per event, and "
              "there is a replay button.\n")
    assert "IS601" not in codes(answer)
    assert "IS601" in codes(answer.replace("the integration contact gets an email per event, and ", ""))
    paged = ("# Ward → Pharmacy\n\n## 6.3 Dead-letter / error queue\n\nConduit error queue `MEDROUTE_ORDERS_ERR`. The "
             "first message pages Clinical Systems on-call; messages are replayed from the console.\n")
    assert "IS601" not in codes(paged)
    admin = paged.replace("The first message pages Clinical Systems on-call; messages", "Messages").replace(
        "the console", "the worker admin page")
    assert "IS601" in codes(admin)  # a page of a portal pages nobody


def test_an_error_category_that_points_at_its_handling_has_an_action():
    pointed = ("# Dock → Harbour\n\n## F2 slips\n\nDockwise answers with an `errors` array: good slips are applied, the "
               "failed one is kept and its cursor not advanced.\n\n## Errors\n\n- **Transient**: 429, 503: retried.\n"
               "- **Permanent**: 400, 422: dead-lettered.\n- **Partial**: {what}\n")
    assert "IS401" not in codes(pointed.format(what="the F2 `errors` array described above."))
    assert "IS401" in codes(pointed.format(what="the F2 `errors` array."))


def test_a_message_given_up_on_and_moved_to_a_list_or_a_named_place_is_dead_lettered():
    """ "After the sixth failed attempt the webhook moves to the Undelivered list and the manager gets an e-mail";
    "Permanent: no retry; moved to `CAD.IRS.HOLD`". Not a log line, nor a message left blocking its queue."""
    moved = ("# Lanes → POS\n\n## Delivery\n\nLaneLink retries on a schedule. After the sixth failed attempt the webhook "
             "moves to the **Undelivered** list and the centre manager gets an e-mail.\n")
    assert "IS601" not in codes(moved)
    logged = moved.replace("moves to the **Undelivered** list and the centre manager gets an e-mail",
                           "writes a `WARN` line to its application log and is acknowledged")
    assert "there is no dead-letter handling" in " ".join(f.message for f in lint_text(logged, "markdown"))
    blocked = moved.replace("moves to the **Undelivered** list", "stays at the head of its queue")
    assert "there is no dead-letter handling" in " ".join(f.message for f in lint_text(blocked, "markdown"))


def test_a_flow_known_by_its_id_and_a_version_guard_or_a_409_answer_make_a_webhook_safe():
    """ "F2: the receiver stores the last `seq` per unit and ignores events with a `seq` at or below it"; "| Idempotency
    | F2 | `lot_no` is unique; a repeat returns 409 and the sender marks the webhook delivered |"."""
    base = ("# Fleet → Book\n\n## Flows\n\n| ID | Flow | Source | Destination | Trigger | Payload | Frequency |\n"
            "|---|---|---|---|---|---|---|\n| F1 | Hold | Book | Fleet | payment step | hold JSON | 150/day |\n"
            "| F2 | Availability change | Fleet | Book | Webhook when a block changes | event JSON | 900/day |\n\n"
            "## Calls\n\n**F2: availability webhook**\n\n```http\nPOST https://hooks.book.example/fleet/availability\n"
            "X-Fleet-Delivery: dlv_1\n\n{{\"unit\": \"U-1\", \"seq\": 7}}\n```\n\n## Idempotency\n\n- F1: `Idempotency-Key` = "
            "the quote id; Fleet returns the original hold.\n- {f2}\n")
    guard = base.format(f2="F2: Book stores the last `seq` per unit and ignores events with a `seq` at or below it.")
    assert "IS901" not in codes(guard) and "IS902" not in codes(guard)
    bare = base.format(f2="F3: not used yet.")
    assert {"IS901", "IS902"} & set(codes(bare))


def test_a_threshold_said_in_the_alert_cell_and_a_failed_row_kept_are_no_gaps():
    table = ("# Rope → Anchor\n\n## Signals\n\n| Signal | Objective or threshold | Alert |\n|---|---|---|\n"
             "| Error rate of calls | < 1 % | `Errors` (page) at > 5 % over 10 min |\n"
             "| `events` messages ready | — | `Backlog` (ticket) at > 400 for 15 min |\n")
    assert not [f for f in lint_text(table, "markdown") if "no threshold" in f.message]
    assert [f for f in lint_text(table.replace("at > 400 for 15 min", "when it grows"), "markdown")
            if "no threshold" in f.message]
    kept = ("# Tune → Books\n\n## Failures\n\n| Kind | Examples | Action |\n|---|---|---|\n| Partial | a batch where some "
            "invoices fail | the good ones are stored; each failed one gets a `FailedSync` row and is skipped by later "
            "batches until fixed |\n")
    assert "IS602" not in codes(kept)


def test_a_status_whose_meaning_names_its_class_or_that_is_taken_as_done_in_passing_is_handled():
    base = ("# Yard → Club\n\n## Errors\n\n- **Transient**: 429, 503: retried.\n- **Permanent**: 400, 422: dead-lettered, "
            "alert.\n\n## Orders\n\n`POST https://club.example/hooks/orders`\n\n{codes}\n")
    assert "IS402" not in codes(base.format(codes="Status codes: 201 created; 409 tree already sold (permanent; triggers "
                                                  "the refund flow)."), "IS402")
    assert "IS402" not in codes(base.format(codes="Status codes: 201 created. An older status gets `409 "
                                                  "InvalidTransition`, which we treat as already done."), "IS402")
    assert "IS402" in codes(base.format(codes="Status codes: 201 created; 409 tree already sold."), "IS402")


def test_a_threshold_in_the_alert_column_or_the_metrics_own_words_and_alarms_sent_somewhere():
    table = ("# Tow → Club\n\n## Alerts\n\n| Signal | Alert | Severity |\n|---|---|---|\n"
             "| Webhook to board, P95 | > 5 s over 15 min | 2 |\n| Failure rate | > 2 % over 10 min | 1 |\n"
             "| `outbound` active messages | > 500 | 2 |\n| Key Vault secret expiry | 21 days before | 2 |\n"
             "| Any record on either DLQ | 3 |\n")
    assert not [f for f in lint_text(table, "markdown") if "no threshold" in f.message]
    listed = ("# Shop → Stock\n\n## What we watch\n\nCloudWatch alarms, all sent to #ops:\n\n"
              "- Sale to stock, 95th percentile: above 60 s for 10 minutes\n- Error rate: above 2% over 15 minutes\n")
    assert not [f for f in lint_text(listed, "markdown") if "alert level" in f.message]


def test_failures_held_in_a_register_or_landing_in_a_list_once_tries_run_out_are_dead_lettered():
    for said in ("reports rejected outright, or still undelivered after the final attempt, are held in the LANTERN "
                 "exceptions register and the duty officer is paged.",
                 "anything that ran out of tries or failed for real lands in the \"Needs attention\" list and Joanne "
                 "gets an email."):
        text = "# Light → Board\n\n## Failures\n\nTemporary failures are retried; " + said + "\n"
        assert "IS601" not in codes(text)


def test_a_heading_about_failed_messages_is_no_place_for_them():
    """Under "## Failed messages", "notices that fail are dead-lettered ... re-published after the fix" names no
    place: the heading's words say what the section is about, not where the messages are kept."""
    text = ("# Claims → Notices\n\n## Failed messages\n\nNotices that fail permanently are dead-lettered. The team is paged "
            "and re-publishes a notice after the fix.\n")
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS601"]
    assert found and "no destination" in found[0]


def test_a_docs_pages_front_matter_summary_and_title_give_its_overview():
    """A docs site keeps a page's gist in front matter: its `description` opens the overview and its title may
    name the pattern ("Webhooks")."""
    body = ("## Managing hooks\n\nHooks are added in the admin area, with the URL to call and the events to send.\n\n"
            "## Receiving\n\nWhen a post is published, its record is sent via `POST` to the registered URL.\n")
    page = "---\ntitle: Webhooks\ndescription: Real-time notifications of new posts for partner sites.\n---\n\n"
    assert "IS011" not in codes(page + body)
    assert "IS011" in codes("---\ntitle: Partners\nweight: 3\n---\n\n" + body)


def test_a_flow_told_in_one_sentence_is_no_absence_of_flows():
    """"When X happens, Y is sent to Z" tells a flow, though no table gives its fields."""
    text = "# Blog hooks\n\n## Receiving\n\nWhen a post is published, its record is sent via `POST` to the partner's URL.\n"
    assert "IS101" not in codes(text)
    assert "IS101" in codes("# Blog hooks\n\n## Receiving\n\nThe partner's URL takes a `POST` with the record.\n")


def test_a_payload_template_over_anothers_fields_is_evidence_of_a_mapping():
    page = ("# Blog hooks\n\n## Templates\n\nA template builds the body from the event:\n\n"
            "```json\n{{\"text\": \"New post by {field}\"}}\n```\n")
    assert "IS801" not in codes(page.format(field="{{ object.author.name }}"))
    assert "IS801" in codes(page.format(field="the author"))


def test_a_message_named_and_told_by_its_fields_is_evidence_of_contracts():
    text = ("# Snapshots\n\n## Design\n\nTo start a snapshot, a signal `execute-snapshot` is written to the table with "
            "parameters\n\n* `data-collections` - the tables to capture\n* `type` - set to `incremental`\n")
    assert "IS202" not in codes(text)
    assert "IS202" in codes(text.replace("a signal `execute-snapshot` is written to the table with parameters",
                                         "the operator runs a script"))


def test_a_heading_about_visibility_into_failures_is_about_monitoring():
    text = ("# Hooks\n\n## Sending\n\nHooks are sent with a signature.\n\n## Visibility into failures\n\n"
            "Producers list failed messages for their customers, with the reason for each.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "there is no monitoring" in f.message]


def test_a_dead_letter_channel_is_a_place_as_a_dlq_is():
    """Camel's dead letter channel (DLC) names a place, as DLQ and DLT do, in a step's comment or a heading; a log
    line is still no alert."""
    text = ("# Source → Sink\n\nWe redirect all errors to an error handler that stores the events in a Kafka topic and "
            "logs a line.\n\n## Error handler\n\n```yaml\nsteps:\n  # First step: send to the DLC for future processing\n"
            "  - to:\n      uri: \"kafka:{{kafka-topic}}\"\n  - to: \"log:error-sink\"\n```\n\n"
            "## Recover the errors from DLC\n\nRead the topic again.\n")
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS601"]
    assert found == ["dead-letter handling has no alert: say who is alerted, and how"]


def test_a_risk_registers_risk_is_no_design_and_a_file_named_is_no_credential_store():
    """"A failed message is lost without anyone knowing" in a register's Risk column says what could happen; a
    companion file named on a line about credential checks is not where credentials are kept."""
    text = ("# Relay → CAD\n\n| ID | Risk | Status |\n|---|---|---|\n| R-04 | A failed message is lost without anyone "
            "knowing | Mitigated |\n\n## R-04 Failed message lost silently\n\nAfter the last retry the relay moves the "
            "message to the `parked_messages` table and pages the dispatcher.\n")
    assert "IS602" not in codes(text)
    assert "IS602" in codes(text.replace("| ID | Risk | Status |", "| ID | Design | Status |"))
    files = ("# Hooks\n\nCompanions here: `sweeper.json` (every 10 min), `credential-check.json` (daily).\n\n## Auth\n\n"
             "- **Partner API** (OAuth2 client credentials): the secret expires after 365 days; each December create "
             "a new one.\n")
    assert "IS302" not in codes(files)
    assert "IS302" in codes(files.replace("create a new one.", "create a new one, kept in `secrets.json`."))


def test_a_status_whose_next_step_is_told_beside_it_is_handled():
    base = ("# Tablet → Ledger\n\n## Contracts\n\n### Update bale\n\n`PATCH /v2/bales/{{id}}`\n\n| Status | Meaning |\n"
            "|---|---|\n| 200 | Updated |\n| 412 | Stale `If-Match` |\n| 422 | Invalid weight |\n\n{said}\n\n"
            "## Errors\n\n- Transient: 429, 503: retried with backoff.\n- Permanent: 400, 422: parked for the office.\n")
    told = "A stale `If-Match` gets `412`; the tablet refetches the bale and shows the operator the newer values."
    assert "IS402" not in codes(base.format(said=told), "IS402")
    assert "IS402" in codes(base.format(said="A stale `If-Match` gets `412`."), "IS402")
    stale = ("# Feed → Garden\n\n## Contracts\n\n### Put plant\n\n`PUT /v1/plants/{id}`\n\n| Status | Meaning |\n|---|---|\n"
             "| 200 | Stored |\n| 409 | Stored revision is newer; the event is stale and is acknowledged without change |\n\n"
             "## Errors\n\n- Transient: 429, 503: retried with backoff.\n- Permanent: 400, 422: parked for the office.\n")
    assert "IS402" not in codes(stale, "IS402")


def test_a_record_layout_or_a_message_in_a_wire_format_is_evidence_of_contracts():
    layout = ("# Auction → Bank\n\n## Settlement file\n\n| Pos | Len | Type | Field |\n|---|---|---|---|\n"
              "| 1 | 1 | A | Record type |\n| 2–9 | 8 | A | Sender ID |\n")
    assert "IS202" not in codes(layout)
    assert "IS202" in codes(layout.replace("| Pos | Len |", "| Step | Owner |"))
    hl7 = ("# Vet → Feed\n\n## Diet order\n\nExample:\n\n```\nMSH|^~\\&|VETLOG|HOSP|FEEDPLAN|COMM|20250611081502-0500||OMD^O03\n"
           "PID|1||219034^^^NGZ^AN||Kesi^Giraffe\nORC|NW|D-2025-004417^VETLOG\n```\n")
    assert "IS202" not in codes(hl7)


def test_a_state_named_as_the_place_after_the_last_attempt_is_dead_lettering_with_its_alert_by_name():
    text = ("# Tablet → Ledger\n\n## Sending\n\nThe tablet retries with backoff. After the 8th failed attempt the "
            "batch's bales go to Held like a permanent failure.\n\n**Held bales** never leave the tablet until the "
            "field office resolves them; each one emails field-office@example.coop.\n")
    assert "IS601" not in codes(text)
    found = [f.message for f in lint_text(text.replace("; each one emails field-office@example.coop", ""), "markdown")
             if f.code == "IS601"]
    assert found and "no alert" in found[0] and "no destination" not in found[0]


def test_a_write_that_overwrites_by_its_key_with_the_same_values_is_idempotent():
    base = ("# Lab → Registry\n\n## Contracts\n\n### Submit tests\n\n`POST https://api.example.org/v2/tests:batch`\n\n"
            "Request: `{{\"tests\": [{{\"test_id\": \"T-1\", \"rate\": 0.91}}]}}` → `200 {{\"stored\": 1}}`.\n\n{said}\n")
    assert "IS901" not in codes(base.format(said="The registry stores tests by `(lab_id, test_id)`; re-sending a test "
                                                  "overwrites it with the same values."))
    assert "IS901" in codes(base.format(said="The registry stores tests by `(lab_id, test_id)`."))


def test_a_store_denied_in_code_an_empty_yaml_body_and_a_call_skipped_but_parked_are_no_defects():
    never = ("# Still → Home\n\n## Auth\n\n- **Home → Still**: OAuth 2.0 client credentials, rotated every 90 days.\n"
             "- **Still → Home**: HMAC signature with the registration secret, replaced every 90 days.\n\n"
             "Tokens and the secret live in the config entry, never\nin `configuration.yaml`.\n")
    assert "IS302" not in codes(never)
    assert "IS302" in codes(never.replace("never\nin `configuration.yaml`", "and in `configuration.yaml`"))
    skipped = ("# Groomer → Map\n\n## Retries\n\nEach call retries up to 4 attempts. After 3 consecutive runs fail the job "
               "pauses for an hour; runs before then skip the PUT, still build the payload and park it.\n")
    assert "IS602" not in codes(skipped)
    assert "IS602" in codes(skipped.replace(", still build the payload and park it", ""))


def test_a_status_class_in_code_is_no_dead_letter_place():
    """"a `429` or `5xx` does not lose data": a status class, not where failed events go; the exception queue they
    are recorded in is, and its alarm in the monitoring table is its alert."""
    text = ("# Shop → Hub\n\n## Controls\n\n**INT-05 Temporary failures.** The agent keeps every event in an outbox, so a "
            "timeout or a `5xx` does not lose data. An event still undelivered after its 12th attempt is recorded in the interface "
            "exception queue.\n\n## Monitoring\n\nAlarms notify the on-call through Opsgenie:\n\n| Metric | Alarm |\n"
            "|---|---|\n| New entries in the exception queue | > 25 in a day |\n")
    spec = spec_of(text)
    assert spec.dead_letter.destination.text == "exception queue"
    assert "IS601" not in codes(text)


def test_an_alert_near_a_credentials_rotation_date_watches_its_expiry():
    text = ("# Boxes → Courier\n\n## [2.4.0]\n\n### Added\n\n- Alerts on credential age. The board has a new row:\n"
            "  warning when the client secret or the webhook signing secret is within\n"
            "  21 days of its rotation date, critical at 7 days.\n\n## [2.0.0]\n\n### Added\n\n"
            "- Monitoring (Grafana board `link`): push latency P95 > 5 s warning; error rate\n"
            "  > 2 % over 10 min critical; `link-outbound` depth > 500 warning; DLQ depth > 0\n  critical.\n"
            "- Auth: OAuth 2.0 client credentials; the client secret is rotated every 90 days.\n")
    def watched(spec):  # read as a metric of its own, or as evidence of one
        return "monitoring:token-expiry" in spec.evidence or "token-expiry" in {m.kind for m in spec.monitoring}
    assert watched(spec_of(text))
    assert not watched(spec_of(text.replace("within\n  21 days of its rotation date", "rotated")))


def test_a_nightly_check_of_a_secrets_expiry_date_that_emails_at_so_many_days_watches_it():
    """In the auth answer, not the metrics table: "A nightly check reads the secret's expiry date ... and emails the
    coordinator at 30 days and 7 days." A check that emails nobody, or emails at an hour, is no watch on the date."""
    text = ("# Crew → CRM\n\n## 10. What happens when the client secret is about to expire?\n\nWe call the CRM with OAuth "
            "2.0 client credentials; the secret is valid for 24 months. A nightly check reads the secret's expiry date "
            "from `SECRET_EXPIRES` and emails the coordinator at 30 days and 7 days.\n\n## 11. Dashboard\n\n"
            "| Metric | Threshold | Alert |\n|---|---|---|\n| Chunk latency P95 | > 20 s | Slack |\n"
            "| Error rate | > 5% | email |\n| Queue depth | > 50 | email |\n")
    def watched(spec):
        return "monitoring:token-expiry" in spec.evidence or "token-expiry" in {m.kind for m in spec.monitoring}
    assert watched(spec_of(text))
    assert not watched(spec_of(text.replace("and emails the coordinator at 30 days and 7 days", "and logs it")))


def test_a_store_named_for_what_failed_is_a_dead_letter_place_and_a_field_named_date_has_no_time():
    text = ("# Relay → Hub\n\n## Errors\n\nPermanent: 400, 404: no retry, written to failed_submissions.\n\n"
            "failed_submissions (relay Postgres): request, error, attempts. Each new row pages the on-call.\n")
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS601"]
    assert not [m for m in found if "no destination" in m]
    mapping = ("# Lock → Trust\n\n## Field mapping\n\n| Source | Target | Transform |\n|---|---|---|\n"
               "| `date` | `date` | copied |\n| `passed_at` | `passed_at` | copied |\n")
    flagged = [f.message for f in lint_text(mapping, "markdown") if f.code == "IS802"]
    assert flagged and not [m for m in flagged if "'date'" in m]


def test_a_timeout_said_to_include_retries_is_evidence_of_retrying_not_its_absence():
    """"| maxTotalTimeoutMs | 60,000 | The total timeout for a call to publish (including retries). |": the document
    retries, so IS501 says a policy is owed, not that there is none."""
    text = ("# Connector → Topic\n\n## Configuration\n\n| Setting | Default | Meaning |\n|---|---|---|\n"
            "| maxRequestTimeoutMs | 10,000 | The timeout for one publish request. |\n"
            "| maxTotalTimeoutMs | 60,000 | The total timeout for a call to publish {aside}. |\n")
    said = [f.message for f in lint_text(text.replace("{aside}", "(including retries)"), "markdown") if f.code == "IS501"]
    assert said and all(m.startswith("retries are mentioned") for m in said)
    none = [f.message for f in lint_text(text.replace("{aside}", "(end to end)"), "markdown") if f.code == "IS501"]
    assert none and none[0].startswith("there is no retry policy")


def test_a_unit_named_by_its_headings_id_elsewhere_speaks_for_the_calls_under_it():
    """"IF-02 is an upsert on alternate keys" in a later section answers for both calls under "### IF-02 Upsert
    supporter"; a parent heading's number ("4.2 Messages") names its siblings too, and is no name of one."""
    text = ("# Portal → CRM\n\n## Interfaces\n\n### IF-02 Supporter and adoption (Portal → CRM)\n\n"
            "`PATCH /api/contacts(email='a@b.example')` with `{\"firstname\": \"Ann\"}`, answers `204`.\n\n"
            "`PATCH /api/adoptions(ref='WEB-1')` with `{\"donkey\": \"Jasper\"}`, answers `204`.\n\n"
            "## Repeat delivery\n\nIF-02 is an upsert on alternate keys, so a second delivery writes the same rows.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS901"]
    assert [f for f in lint_text(text.replace("IF-02 is an upsert", "IF-07 is an upsert"), "markdown")
            if f.code == "IS901"]


def test_calls_written_as_multi_line_curl_commands_are_contracts_shown_not_absent():
    text = ("# Billing plugin\n\n## Setting up a payment method\n\n1. Create a session:\n\n```bash\ncurl -v \\\n"
            "     -X POST \\\n     -H 'Content-Type: application/json' \\\n"
            "     'http://127.0.0.1:8080/plugins/billing/checkout?accountId=<ID>'\n```\n")
    assert "IS202" not in codes(text, "IS202")
    assert "IS202" in codes(text.replace("curl -v", "echo -v").replace("http://", "host "), "IS202")


def test_a_field_for_de_duping_events_speaks_of_idempotency():
    text = ("# Accounts → Services\n\n## Events\n\nEvents arrive on the SQS queue `account-events`.\n\n"
            "- `uid`: the account.\n- `generation`: a rising integer for de-duping events.\n")
    assert "IS901" not in codes(text, "IS901")


def test_dead_jobs_and_an_error_output_prefix_are_dead_letter_places():
    jobs = ("# Trainee sync\n\n## Managing the queue\n\n#### Dead jobs\n\nJobs that fail 25 times land in the dead set; "
            "`system-admin/dead_jobs/` lists them.\n")
    prefix = ("# Log ingestion\n\n## Instructions\n\nNote down the S3 bucket error output prefix, where processing "
              "failures are written.\n")
    for text in (jobs, prefix):
        assert "there is no dead-letter" not in " ".join(f.message for f in lint_text(text, "markdown"))


def test_a_part_touched_on_once_is_mentioned_not_absent():
    """A README that says once that failed sends are retried has no retry policy, but it is not silent on retrying:
    the finding names the line that touches it, and stands where the absence would (a suppression above the title
    still finds it). A sequence diagram's messages are evidence of flows."""
    text = ("# Notifications\n\nThis service forwards notifications to clients.\n\n## Features\n\n"
            "1. Provide retry for notifications that have failed to be sent.\n")
    found = [f for f in lint_text(text, "markdown") if f.code == "IS501"]
    assert [(f.line, f.message.split(":")[0]) for f in found] == [(1, "retry policy is mentioned on line 7 but never described")]
    silent = [f.message for f in lint_text(text.replace("Provide retry for notifications that have failed to be sent",
                                                        "Provide a list of notifications"), "markdown") if f.code == "IS501"]
    assert silent and silent[0].startswith("there is no retry policy")
    diagram = ("# Events\n\n## Design\n\n```mermaid\nsequenceDiagram\n    participant A\n    participant B\n"
               "    A ->> B: Notification of death\n```\n")
    assert "IS101" not in {f.code for f in lint_text(diagram, "markdown")}


def test_an_error_class_word_or_a_failed_count_touches_its_part_in_passing():
    """A service README: a status list's "`Skipped` - skipped due to an unrecoverable issue", a webhook page's "User can
    see the failed count on the panel". Neither describes error handling or monitoring, but neither part is absent."""
    readme = ("# Letters service\n\n## Statuses\n\n- `Created` - request accepted\n- `Posted` - letter has been posted\n"
              "- `Skipped` - letter was skipped due to an unrecoverable issue (requires manual action)\n")
    found = [f.message for f in lint_text(readme, "markdown") if f.code == "IS401"]
    assert found and all("there is no" not in m for m in found) and "mentioned on line 7" in found[0]
    panel = ("# Webhooks\n\n## Delivery\n\nWe POST each event to your URL and retry for 4 hours.\n\n"
             "User can see the failed count on the panel and resend the events.\n")
    found = [f.message for f in lint_text(panel, "markdown") if f.code == "IS701"]
    assert found and "monitoring is mentioned on line 7" in found[0]
    assert "there is no monitoring" in [f.message for f in lint_text(panel.replace("the failed count", "the events"),
                                                                     "markdown") if f.code == "IS701"][0]

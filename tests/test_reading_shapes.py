"""Shapes of writing the reader understands, the document's own layout first: where its structure is,
what is not current, tables and lists in other shapes. Each test is a small spec in one style, read
into the model or linted, and names the class of misreading it guards. The parts' own shapes are in
test_reading_flows.py, _contracts, _auth, _reliability and _mappings."""

import json

from intspec_lint import lint_text
from intspec_lint.reading.values import duration_seconds
from intspec_lint.reading.vocabulary import load_vocabulary

from read_spec import codes, spec_of


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


def test_a_system_named_before_each_field_of_a_key_value_table():
    spec = spec_of("# A ↔ B\n\n## Trust\n\n| Matter | Particulars |\n|---|---|\n"
                   "| Plant Portal — proof of identity | OAuth 2.0 client credentials |\n"
                   "| Plant Portal — renewal | every 120 days |\n| Plant Portal — storage | Vault `kv/a` |\n"
                   "| Tyre Desk — proof of identity | HMAC-SHA256 signature |\n| Tyre Desk — renewal | every 6 months |\n"
                   "| Tyre Desk — storage | Vault `kv/b` |\n")
    assert [(a.system.text, a.mechanism.text, a.storage.text) for a in spec.auth] == [
        ("Plant Portal", "OAuth 2.0 client credentials", "Vault `kv/a`"),
        ("Tyre Desk", "HMAC-SHA256 signature", "Vault `kv/b`")]


def test_a_server_identified_by_its_tls_certificate_is_the_other_side():
    spec = spec_of("# Sites → WashHub\n\n## Authentication\n\nEach site has its own OAuth 2.0 client in WashHub; the "
                   "client secret lives in the agent's keystore and is rotated every 60 days.\n\nWashHub identifies "
                   "itself with a public-CA TLS certificate (rotated by WashHub every 90 days); agents validate it.\n")
    assert len(spec.auth) == 2 and spec.auth[1].system.text == "WashHub"
    assert spec.auth[0].mechanism.text == "OAuth 2.0"


def test_silence_for_a_while_is_a_threshold():
    spec = spec_of("# A → B\n\n## Monitoring\n\n- Availability freshness: no successful poll for 30 minutes → "
                   "PagerDuty low urgency.\n")
    assert spec.monitoring[0].threshold is not None


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


def test_a_delay_that_never_grows_owes_no_cap():
    steady = "# A → B\n\n## Retry callbacks\n\nWe retry every 5 minutes, up to a maximum of 5 times.\n"
    assert not [f for f in lint_text(steady, "markdown") if f.code == "IS501" and "maximum delay cap" in f.message]
    # a growing delay from a first one gives the checklist's "delays" too; its cap is owed only where left open
    growing = "# A → B\n\n## Retry\n\nWe retry with exponential backoff from 5 seconds, up to a maximum of 5 times.\n"
    assert not [f for f in lint_text(growing, "markdown") if f.code == "IS501" and "maximum delay cap" in f.message]
    assert [f for f in lint_text(growing.replace(".\n", "; max delay: TBD.\n"), "markdown")
            if f.code == "IS501" and "maximum delay cap" in f.message]


def test_a_column_that_names_who_is_told_is_the_alert():
    spec = spec_of("# A → B\n\n## Monitoring\n\n| Signal | Fires when | Goes to |\n|---|---|---|\n"
                   "| Webhook processing time P95 | > 2 s over 15 min | Teams #eh-integrations |\n"
                   "| Pending webhook queue | > 500 events | Partner Engineering |\n")
    assert [(m.threshold.text, m.alert.text) for m in spec.monitoring] == [
        ("> 2 s over 15 min", "Teams #eh-integrations"), ("> 500 events", "Partner Engineering")]


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


def test_records_keep_a_lead_with_a_colon_fields_named_twice_and_cells_left_out():
    text = ("# Tills → Ledger\n\n## Field mapping\n\n"
            "- **`permit.id`**: Type: integer; Target: `permit_id`; Type: string; Transform: prefix `RP-`\n"
            "- **`vehicle.reg`**: Type: string; Target: `plate`; Type: string(8); Transform: uppercase\n\n"
            "## Monitoring\n\n"
            "- **Run latency: last batch done after close**: Threshold: > 3 h; Alert: warning to #ops\n"
            "- **Error rate**: Threshold: > 2% in one run; Alert: page\n\n"
            "## Error handling\n\n"
            "- **Transient**: Examples: 429, 503; Action: retry with backoff\n"
            "- **Permanent**: Examples: 400, 422; Action: dead-letter and alert\n"
            "- **Partial**: Examples: some lines rejected\n")
    spec = spec_of(text)
    assert [(m.source_type.text, m.target_type.text) for m in spec.mappings] == [
        ("integer", "string"), ("string", "string(8)")]  # the second "Type" is the target's, by where it stands
    assert [m.metric.text for m in spec.monitoring] == ["Run latency: last batch done after close", "Error rate"]
    assert spec.monitoring[0].threshold.text == "> 3 h"
    assert [e.category for e in spec.errors] == ["transient", "permanent", "partial"]
    assert "IS401" in codes(text)  # the partial record leaves its action out, as an empty cell would


def test_a_bold_part_heading_over_bold_names_groups_them_as_its_sub_sections():
    text = ("# Porting\n\n**Authentication**\n\n**Helio BSS**\n\n- Mechanism: mTLS\n"
            "- Rotation: certificates re-issued every 12 months\n\n**PortHub Clearinghouse**\n\n"
            "- Mechanism: OAuth 2.0 client credentials\n- Storage: client secret in Vault\n\n"
            "**Who watches what**\n\nLatency p95 over 2 s pages the on-call.\n")
    from intspec_lint.document.markdown import parse_markdown
    from intspec_lint.reading.layouts import promote_bold_headings
    doc = parse_markdown(text)
    promote_bold_headings(doc.root, doc.lines, load_vocabulary())
    title = doc.root.children[0]
    assert [c.title for c in title.children] == ["Authentication", "Who watches what"]
    assert [c.title for c in title.children[0].children] == ["Helio BSS", "PortHub Clearinghouse"]
    entries = {a.system.text: a for a in spec_of(text).auth}
    assert entries["PortHub Clearinghouse"].rotation is None  # its own entry, not the BSS's rotation
    assert "IS301" in codes(text)


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


def test_an_option_marked_as_not_taken_is_not_the_design():
    text = ("# Shop → Lab\n\n## Dead letters\n\n"
            "- ✅ Outbound: rows marked `DEAD` in `lab_outbox`; the service desk is alerted on each one.\n"
            "- ❌ Drop failed status events and let the practice phone.\n"
            "- Log and drop the message after three attempts — rejected (nobody would notice).\n")
    assert "IS602" not in codes(text)
    # a cross alone, where nothing is ticked, may be an icon: its item stays
    icon = "# A → B\n\n## Errors\n\n- ❌ **Permanent** — `400`, `422` → no retry, dead-letter topic\n"
    assert [e.category for e in spec_of(icon).errors] == ["permanent"]


def test_a_suggestion_marked_rejected_or_a_decision_marked_replaced_is_not_the_design():
    """Review marks left in ("[rejected]") and minutes that replace an earlier decision: what stands before
    the mark was weighed and not taken; the answer after it stays."""
    text = ("# Festival → Seats\n\n## Review notes\n\n"
            "> Jonas: \"For cancellations, just log failures and phone the box office.\" **[rejected]** — "
            "cancellations go to the `seats-dlq` queue like everything else.\n\n"
            "## Meeting 2\n\n**1. Actions.** A1.2: partners share one API key, never rotated. Replaced by D2.1.\n\n"
            "**2. Decisions.** D2.1: each partner gets its own OAuth client; secrets rotate every 90 days.\n")
    found = codes(text, "IS301", "IS602")
    assert "IS602" not in found and not [f for f in lint_text(text, "markdown")
                                         if f.code == "IS301" and "never rotated" in f.message]
    assert spec_of(text).dead_letter is not None  # the answer after the mark is read
    # a status in brackets inside code is a value, not a mark
    assert "IS602" in codes("# A → B\n\n## Errors\n\nFailed orders are logged and dropped; their state becomes "
                            "`[rejected]`.\n", "IS602")


def test_the_steps_of_a_gherkin_feature_are_statements():
    text = ("# Shop → Workshop\n\n## Authentication\n\n```gherkin\nFeature: Credentials on both sides\n\n"
            "  Scenario: The shop calls the workshop API\n"
            "    Given OAuth 2.0 client credentials with scope \"orders:write\"\n"
            "    And the client secret is kept in Azure Key Vault \"kv-shop\"\n"
            "    When the client secret is 90 days old\n    Then the workshop issues a second secret and revokes the old one\n\n"
            "  Scenario: The workshop publishes to the shop's broker\n"
            "    Given the workshop connects with mutual TLS as user \"publisher\"\n"
            "    And its private key is stored in the workshop's HashiCorp Vault\n"
            "    Then the certificate is renewed 30 days before its 365-day expiry\n```\n")
    auth = spec_of(text).auth
    assert auth and all(a.mechanism is not None for a in auth)
    assert "IS301" not in codes(text)


def test_column_aligned_text_in_a_plain_block_is_a_table():
    text = ("# Farm → Planner\n\n## Error handling\n\n```\nTransient   429, 503, connect timeout (3 s)\n"
            "            Action: retry per the retry policy.\nPermanent   400, 403, 404, 422\n"
            "            Action: no retry; dead-letter and page the on-call.\nPartial     207 with some lines rejected\n"
            "            Action: keep the accepted lines, dead-letter the rest.\n```\n\n## Monitoring\n\n```\n"
            "Metric                   Threshold            Alert\nPOST latency, P95        > 1.5 s over 15 min  warning\n"
            "Error rate               > 2 % over 15 min    critical\n```\n")
    spec = spec_of(text)
    assert sorted(e.category for e in spec.errors) == ["partial", "permanent", "transient"]
    assert [(m.threshold.text, m.alert.text) for m in spec.monitoring] == [("> 1.5 s over 15 min", "warning"),
                                                                          ("> 2 % over 15 min", "critical")]
    code = "```\nfor row in rows:\n    if row.status  ==  'x':\n        send(row)\n```\n"
    assert not spec_of("# A\n\n## Monitoring\n\n" + code).monitoring  # code is no table


def test_a_column_header_joining_two_names_is_read_as_the_first():
    text = ("# Tents → Crews\n\n## Mapping\n\n| Source field | Type | Target field | Type | Transform / default |\n"
            "|---|---|---|---|---|\n| `JobNo` | string | `job_ref` | string | copy |\n")
    (row,) = spec_of(text).mappings
    assert row.transform is not None and row.transform.text == "copy"


def test_a_programs_printed_settings_are_keys():
    text = ("# Bridge → Safety\n\n## Retry policy\n\n**Out [7]:**\n\n```\n"
            "RetryPolicy(strategy='exponential', jitter='full', initial_delay_s=1.0, max_attempts=5, max_delay_s=30.0)\n"
            "CircuitBreaker(target='api.safe.example', fail_max=5, reset_timeout_s=120)\n```\n")
    retry = spec_of(text).retry
    assert retry is not None and retry.strategy.text == "exponential" and retry.max_attempts.text == "5"


def test_a_csv_export_of_a_parts_table_is_a_table_and_an_example_file_stays_an_example():
    text = ("# Oil → Refinery\n\n## Monitoring\n\n```csv\nMetric,Threshold,Alert\n"
            "C1 latency P95,> 90 s over 15 min,warning\nError rate,> 2% over 10 min,critical\n```\n")
    assert [(m.threshold.text, m.alert.text) for m in spec_of(text).monitoring] == [
        ("> 90 s over 15 min", "warning"), ("> 2% over 10 min", "critical")]
    example = ("# Trades → Settlement\n\n## Calls\n\n### Upload\n\n`POST https://settle.example/v1/files`\n\n"
               "Example request:\n\n```csv\ntrade_date,period,participant_id,direction,volume_kwh\n"
               "2024-03-30,1,GCP-ORION,BUY,25000\n```\n")
    assert not spec_of(example).flows and spec_of(example).contracts[0].examples


def test_the_comments_of_a_pasted_module_are_prose():
    text = ("# Till → Carrier\n\n## Client module\n\n```python\n# --- Data mapping ------------------------------\n"
            "# Field mapping, TillBack to SecuraMove: store_id (string) becomes site_ref (string) with the prefix TB-.\n"
            "# The mapping of bag_count (int) to bags (integer) is a copy.\nMAPPING = {}\n```\n")
    assert not [f for f in lint_text(text, "markdown") if "there is no data mapping" in f.message]


def test_a_request_files_comment_rulers_head_the_comments_under_them():
    """A REST Client `.http` file whose comments are the policy: a ruler (`# --- Auth ---`) heads the comments
    below it as a sub-heading would, a line indented under a "key: value" line continues it, and a line laid
    out in columns is a row of its own."""
    text = ("# Firm ⇄ Chambers\n\n## Shared policy\n\n```http\n@base = https://sandbox.example/v1\n"
            "# --- Auth ------------------------------\n"
            "# Chambers: OAuth 2.0 client credentials. Scopes:\n#   briefs:write briefs:read.\n"
            "#   Client secret in Azure Key Vault kv-firm / chambers-secret,\n"
            "#   rotated every 90 days in the partner portal.\n"
            "# Firm: partner API key in X-Api-Key, stored in AWS Secrets Manager prod/firm/key,\n"
            "#   rotated every 180 days.\n#\n"
            "# --- Retry -----------------------------\n"
            "# Exponential backoff with full jitter: 1 s, 2 s, 4 s; max 5 retries; delay capped at 30 s.\n"
            "# Circuit breaker: 5 consecutive failures -> open 2 min.\n#\n"
            "# --- Monitoring ------------------------\n"
            "# call latency P95 > 5 s over 15 min          warning\n"
            "# error rate > 3% over 15 min                critical\n```\n")
    spec = spec_of(text)
    assert {(a.system.text, a.mechanism.text) for a in spec.auth} == {
        ("Chambers", "OAuth 2.0 client credentials"), ("Firm", "API key")}
    assert all(a.rotation is not None and a.storage is not None for a in spec.auth)
    assert spec.retry is not None and spec.retry.max_attempts.number == 5
    assert [(m.threshold.text.split("  ")[0], m.alert is not None) for m in spec.monitoring] == [
        ("> 5 s over 15 min", True), ("> 3% over 15 min", True)]
    assert not {"IS301", "IS501"} & set(codes(text))


def test_a_bare_credentials_line_tells_of_the_entry_of_its_kind():
    """ "client secret: every 90 days" under two systems' entries is the OAuth entry's secret, not a system."""
    text = ("# Pad → Hub\n\n## Authentication\n\nPad calls Hub with OAuth 2.0 client credentials; Hub signs its "
            "webhooks to Pad with HMAC-SHA256.\n\n```python\n# client secret: every 90 days, new secret from the "
            "partner console, 7 days overlap\n# webhook HMAC secret: Hub keeps it in its own vault and rotates it "
            "every 180 days\nROTATION = {}\n```\n")
    spec = spec_of(text)
    assert [a.system.text for a in spec.auth] == ["Pad", "Hub"]
    assert all(a.rotation is not None for a in spec.auth)


def test_a_cue_schemas_fields_and_one_line_objects_are_config_keys_and_its_constraints_are_not():
    """CUE: `errors: {` opens a scope, `partial: {codes: [207], action: "..."}` gives each field on its line,
    `retry: default: #Retry & {...}` is a chain of fields, and `maxAttempts: int & >=1` is a schema's constraint."""
    text = ("# Insurer ↔ Assist\n\n## Errors, retries and dead letters\n\n```cue\nerrors: {\n"
            '\ttransient: {codes: [429, 503], action: "Retry per retry policy"}\n'
            '\tpermanent: {codes: [400, 422], action: "No retry; dead-letter and alert"}\n'
            '\tpartial:   {codes: [207], action: "Accepted lines stand; rejected lines are resent"}\n}\n\n'
            '#Retry: {\n\tstrategy: "exponential-full-jitter"\n\tmaxAttempts: int & >=1 & <=8\n'
            '\tmaxDelay: =~"^[0-9]+(s|m)$"\n}\n\n'
            'retry: default: #Retry & {initialDelay: "1s", maxAttempts: 6, maxDelay: "30s", '
            'breaker: {consecutiveFailures: 12, openFor: "2m"}}\n```\n')
    spec = spec_of(text)
    assert {e.category for e in spec.errors} == {"transient", "permanent", "partial"}
    retry = spec.retry
    assert (retry.strategy.text, retry.max_attempts.number, retry.max_delay.number) == ("exponential-full-jitter", 6, 30)
    assert not {"IS401", "IS501"} & set(codes(text))


def test_retry_values_given_as_settings_of_a_daemon_are_read():
    """A man page names each option where its value would stand ("never longer than `--retry-max-delay`
    (default 60 s)"); a systemd unit sets them as `Environment=` variables; a shell script's comments say the rest."""
    man = ("# lanesyncd(8)\n\n## Retries\n\nExponential backoff with full jitter: first delay `--retry-initial` "
           "(default 2 s), doubled on each retry, never longer than `--retry-max-delay` (default 60 s), at most "
           "`--retry-max-attempts` (default 6) attempts per call.\n")
    retry = spec_of(man).retry
    assert (retry.initial_delay.number, retry.max_delay.number, retry.max_attempts.number) == (2, 60, 6)
    unit = ("# Sync host\n\n## Retry policy\n\n```ini\n[Service]\nEnvironment=RETRY_MAX_ATTEMPTS=5\n"
            "Environment=RETRY_INITIAL_DELAY_SECONDS=5\nEnvironment=\"RETRY_MAX_DELAY_SECONDS=80\"\n```\n\n"
            "```bash\n# one POST with exponential backoff: 5, 10, 20, 40 s, 5 attempts in all\npost() {\n  :\n}\n```\n")
    retry = spec_of(unit).retry
    assert (retry.max_attempts.number, retry.max_delay.number) == (5, 80) and "exponential" in retry.strategy.text
    camel = "# A → B\n\n## Retry policy\n\n```yaml\nretry:\n  maxAttempts: 5\n  maxDelaySeconds: 80\n  openForMinutes: 2\n```\n"
    assert spec_of(camel).retry.max_delay.number == 80


def test_docstrings_and_block_comments_of_a_pasted_module_are_prose():
    """A module's docstrings (Python's triple quotes), block comments (`/** ... */`) and doc comments (`///`, with
    their `<summary>` tags and `{@code ...}`) say the design as its line comments do."""
    retry = ("Retries: exponential backoff, first delay 2 s, doubling, at most 6 attempts, capped at 5 minutes, "
             "with full jitter; after 5 failures in a row the circuit breaker opens for 2 minutes.")
    python = ("# Till → Carrier\n\n## Client module\n\n```python\n\"\"\"Carrier client.\n\n" + retry + "\n\"\"\"\n"
              "import httpx\n```\n")
    java = ("# Till → Carrier\n\n## Client module\n\n```java\n/**\n * Carrier client.\n * " + retry + "\n */\n"
            "public final class CarrierClient {}\n```\n")
    csharp = ("# Till → Carrier\n\n## Client module\n\n```csharp\n/// <summary>" + retry + "</summary>\n"
              "public sealed class CarrierOptions {}\n```\n")
    for text in (python, java, csharp):
        retry_read = spec_of(text).retry
        assert retry_read is not None and retry_read.max_attempts is not None and retry_read.max_attempts.number == 6
    code_only = python.replace(retry, "import os")
    assert spec_of(code_only).retry is None


def test_the_settings_of_a_pasted_module_are_config_keys():
    """A code-first spec states its policy as constants, a dict's entries or an options class's defaults
    (`MaxAttempts { get; set; } = 6`, `TimeSpan.FromSeconds(2)`): read as keys under their scope's name."""
    csharp = ("# Till → Carrier\n\n## Retry policy\n\n```csharp\npublic sealed class RetryOptions\n{\n"
              "    public string Strategy { get; set; } = \"exponential\";\n"
              "    public int MaxAttempts { get; set; } = 6;\n"
              "    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(2);\n"
              "    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);\n}\n```\n")
    python = ("# Till → Carrier\n\n## Retry policy\n\n```python\nRETRY = {\n    \"strategy\": \"exponential\",\n"
              "    \"max_attempts\": 6,\n    \"initial_delay\": timedelta(seconds=2),\n"
              "    \"max_delay\": timedelta(minutes=5),\n}\n```\n")
    for text in (csharp, python):
        retry = spec_of(text).retry
        assert (retry.max_attempts.number, retry.initial_delay.number, retry.max_delay.number) == (6, 2, 300)


DIAGRAM_SPEC = '''# Scores app → Results hub

## Errors and retries

```mermaid
flowchart LR
    E[Call fails] --> C{Classify}
    C -- "transient: 429, 503, timeout 10 s" --> R[Retry: exponential backoff, first delay 2 s, at most 8 attempts, cap 60 s]
    C -- "permanent: 400, 404, 422" --> D[Dead letter]
    R -- "still failing after attempt 8" --> D
    D -- "queue scores.dead" --> A[PagerDuty 'Contest day' on the first message]
```

## Monitoring

```mermaid
flowchart LR
    M1["score stored P95 > 30 s for 5 min"] --> W[warning: #contest-day]
    M2["error rate > 5% over 5 min"] --> P[critical: PagerDuty]
```
'''


def test_a_diagrams_arrows_are_read_as_statements():
    """A Mermaid flowchart's arrows say things: "transient: 429, 503 → Retry: ..." classifies errors,
    "queue scores.dead → PagerDuty ..." alerts on dead letters, a metric node pointing at its alert is a
    metric line."""
    spec = spec_of(DIAGRAM_SPEC)
    assert {e.category for e in spec.errors} >= {"transient", "permanent"}
    assert spec.dead_letter is not None and spec.dead_letter.alert is not None
    assert {m.kind for m in spec.monitoring} >= {"latency", "error-rate"}
    assert all(m.threshold is not None and m.alert is not None for m in spec.monitoring)


def test_a_placeholder_word_among_a_list_of_codes_is_one_of_the_codes():
    """"all six values (U, PG, 12A, 15, 18, TBC) are valid": TBC is a certificate code beside its siblings,
    not a value owed; "cap TBC" still is one."""
    from intspec_lint.reading.values import is_placeholder
    assert not is_placeholder("copy; all six values (U, PG, 12A, 15, 18, TBC) are valid")
    assert not is_placeholder("U, PG, 12A, 15, 18 or TBC (To Be Classified)")
    assert is_placeholder("retries: 3, cap TBC")
    assert is_placeholder("TBC")


def test_an_html_table_with_cells_spanning_rows_and_columns_is_read_as_the_eye_reads_it():
    """`rowspan` puts the cell in the rows below it too, `colspan` fills its columns: the error table's
    503 row is transient though its class cell stands in the row above."""
    text = ("# Kiosk → Library\n\n## Errors\n\n<table>\n<tr><th>Class</th><th>Codes</th><th>Handling</th></tr>\n"
            "<tr><td rowspan=\"2\">Transient</td><td>429</td><td>retry with backoff</td></tr>\n"
            "<tr><td>503</td><td>retry with backoff</td></tr>\n"
            "<tr><td>Permanent</td><td>400, 404</td><td>dead-letter and alert</td></tr>\n</table>\n")
    transient = " ".join(e.examples.text for e in spec_of(text).errors if e.category == "transient" and e.examples)
    assert "503" in transient and "429" in transient


def test_a_plantuml_diagrams_notes_are_read_as_paragraphs():
    """A PlantUML note says things in words (how each side authenticates, where failed messages go); its
    activities and arrows draw steps and calls, no statements."""
    text = ("# App → Highways\n\n## Context\n\n```plantuml\n@startuml\nSS --> GW : F1 new report\n"
            "note right of GW\n  **App → Highways auth**\n  OAuth 2.0 client credentials, scope enquiries.write\n"
            "  Client certificate, 12 months, renewed 30 days before expiry.\n"
            "  Private key in Secrets Manager app/highways/cert.\nend note\n"
            "note left of SS\n  **Highways → App auth**\n  HMAC-SHA256 signature header, shared secret\n"
            "  Rotated every 6 months; stored in Key Vault kv-highways.\nend note\n@enduml\n```\n")
    def undocumented(doc):
        return [f for f in lint_text(doc, "markdown") if f.code == "IS301" and "not documented" in f.message]
    assert not undocumented(text)
    assert undocumented(text[:text.index("note right of GW")] + "@enduml\n```\n")
    from intspec_lint.reading.diagrams import plantuml_statements
    from intspec_lint.document.model import Code
    from intspec_lint.span import Span
    runs = plantuml_statements(Code("plantuml", ":POST /v2/enquiries;\nA --> B : call\nnote right: Permanent, no retry",
                                    Span(1, 1, 5, 1), 2))
    assert [[t for _, t in run] for run in runs] == [["Permanent, no retry"]]


def test_pipe_rows_written_without_a_delimiter_row_are_a_table():
    """A spreadsheet tab exported as "| Category | Codes | Handling |" over "| transient | 429, 503 | retry |"
    with no |---| row is a table; a grid table's rows and the rows of an HTML table's body stay theirs."""
    text = ("# Site → Channel\n\nTab: Errors\n\n| Category | Codes / cases | Handling |\n"
            "| transient | 429, 503, timeouts | retried with backoff |\n"
            "| permanent | 400, 401, 404 | no retry; dead-letter queue; on-call alerted |\n")
    assert {e.category for e in spec_of(text).errors} == {"transient", "permanent"}
    from intspec_lint.document.markdown import parse_markdown
    from intspec_lint.document.model import Table
    grid = "# G\n\n+----+----+\n| a  | b  |\n+====+====+\n| 1  | 2  |\n| 3  | 4  |\n+----+----+\n"
    assert not [b for s in parse_markdown(grid).root.walk() for b in s.blocks if isinstance(b, Table)]


def test_a_questionnaire_with_a_row_number_and_evidence_is_read_as_its_answers():
    text = ("# A ↔ B review\n\n## C. Authentication\n\n| # | Question | Answer | Evidence |\n|---|---|---|---|\n"
            "| C1 | How does A authenticate to B for every call it makes? | OAuth 2.0 client credentials, scope "
            "`jobs:write`. | B partner guide |\n"
            "| C2 | How often is the client secret of A rotated and by whom? | Every 90 days, by A's integration team. "
            "| Runbook RB-2 |\n"
            "| C3 | Where is the client secret of A kept by the connector? | AWS Secrets Manager `prod/a/b`. | Terraform |\n")
    spec = spec_of(text)
    assert [a.mechanism.text for a in spec.auth] == ["OAuth 2.0 client credentials"]
    assert "Every 90 days" in spec.auth[0].rotation.text and "Secrets Manager" in spec.auth[0].storage.text


def test_an_exhibit_titled_by_a_units_id_is_that_units_example():
    text = ("# A → B\n\n## Contracts\n\n| # | Question | Answer |\n|---|---|---|\n"
            "| B1 | F1 endpoint | `POST https://api.b.example/v1/jobs`, JSON. |\n"
            "| B2 | F1 request shape | `job_id` string, required; `size` integer, required. |\n"
            "| B3 | F1 response shape and codes | 201: `ref` string. 400 invalid body, 503 maintenance. |\n\n"
            "**X1 — F1 request**\n\n```json\n{\"job_id\": \"J-1\", \"size\": 3}\n```\n\n"
            "**X2 — F1 response (201)**\n\n```json\n{\"ref\": \"R-7\"}\n```\n")
    spec = spec_of(text)
    assert [(c.method.text, sorted(e.role for e in c.examples)) for c in spec.contracts] == [
        ("POST", ["request", "response"])]
    assert not {"IS201", "IS202"} & set(codes(text))


def test_an_item_that_lists_several_metrics_is_each_of_them():
    spec = spec_of("# A → B\n\n## Monitoring\n\n- What do we alert on: call latency P95 > 3 s over 10 minutes "
                   "(warning); error rate > 2% over 15 minutes (critical); backlog > 2,000 messages (critical).\n")
    assert [(m.threshold.text.split()[1], m.alert.text) for m in spec.monitoring] == [
        ("3", "warning"), ("2%", "critical"), ("2", "critical")]


def test_a_heading_about_rejected_data_is_no_option_not_taken():
    text = ("# A → B\n\n## Dead letters\n\n### {}\n\nFailed rows go to table `stg.rejects`; "
            "the data on-call is paged when a run inserts one.\n")
    assert spec_of(text.format("8. Rejected rows")).dead_letter.alert is not None
    assert spec_of(text.format("Option B: a reject table (rejected)")).dead_letter is None or \
        spec_of(text.format("Option B: a reject table (rejected)")).dead_letter.alert is None


def test_a_docs_generators_directive_after_a_table_is_no_row():
    text = ("# A → B\n\n## Data mapping\n\n{{{{< expand \"Fields\" >}}}}\n\n| Source | Source type | Target | Target type | "
            "Transform |\n|---|---|---|---|---|\n| `name` | string | `Name` | nvarchar(80) | Copy |\n{}\n")
    assert [m.source_field.text for m in spec_of(text.format("{{< /expand >}}")).mappings] == ["`name`"]
    assert [m.source_field.text for m in spec_of(text.format("{% endtab %}")).mappings] == ["`name`"]
    assert [m.source_field.text for m in spec_of(text.format("| `age` | int | `Age` | int | Copy |")).mappings] == [
        "`name`", "`age`"]


def test_a_csv_sheet_of_settings_a_row_per_key_is_a_table():
    text = ("# A → B\n\n## Sheet: Retry\n\n```csv\nsetting,Worker (C1/C2),Sender (C4)\n"
            "strategy,exponential backoff with full jitter,exponential backoff\ninitial_delay,10 s,1 min\n"
            "max_attempts,8,6\nmax_delay,15 min,4 h\ncircuit_breaker_threshold,12 consecutive failures,20 consecutive "
            "failures\ncircuit_open_for,20 min,30 min\n```\n")
    retry = spec_of(text).retry
    assert retry.max_attempts.number == 8 and retry.initial_delay is not None
    data = "# A → B\n\n## Taps\n\n```csv\ntap_id,card_id,at\nT-1,C-9,2024-01-01\nT-2,C-7,2024-01-02\nT-3,C-1,2024-01-03\n```\n"
    assert spec_of(data).retry is None


def test_a_git_log_pasted_as_the_spec_is_read_as_its_commit_messages():
    log = ("commit b83cffc305cbbda11564771dfe7843c658edacdf\nAuthor: Priya <priya@example.org>\n"
           "Date:   Fri May 16 10:41:07 2025 +0100\n\n    docs(monitoring): final alert thresholds\n\n"
           "    All metrics go to Azure Monitor.\n\n"
           "      metric                         threshold            alert\n"
           "      call latency, P95              > 10 s over 15 min   warn\n"
           "      call error rate (non-2xx)      > 2% over 15 min     page\n"
           "      orders queue depth             > 50                 warn\n"
           "      client secret expiry           < 14 days            warn\n\n"
           "commit 06e139b7adb89364bbdbbd75f1662b94accfb864\nAuthor: Tom <tom@example.org>\n"
           "Date:   Thu May 15 16:20:33 2025 +0100\n\n    feat(retry): exponential backoff\n\n"
           "    Retries: exponential from 2 s, doubling, capped at 60 s, 6 attempts in all.\n")
    spec = spec_of(f"# bridge: design history\n\nThis is `git log`, newest first.\n\n```\n{log}```\n")
    assert [m.kind for m in spec.monitoring] == ["latency", "error-rate", "queue-depth", "token-expiry"]
    assert spec.retry is not None and spec.monitoring[0].span.line == 15  # on the line it stands


def test_a_spreadsheet_tab_pasted_as_tab_separated_text_is_a_table():
    tab = "    Metric\tThreshold\tAlert\n    Latency P95\t> 3 s over 10 min\tWarning\n    Error rate\t> 2%\tCritical\n"
    spec = spec_of(f"# A → B\n\nTab \"Monitoring\": alerts.\n\n{tab}")
    assert [m.kind for m in spec.monitoring] == ["latency", "error-rate"]


def test_a_cell_run_over_the_next_columns_start_leaves_no_empty_cell():
    row = "    {:<15}{:<9}{:<13}{:<28}{:<13}{}\n".format
    block = (row("flow", "source", "destination", "trigger", "payload", "volume")
             + row("place order", "Shop", "Hub", "customer clicks Order", "order JSON", "~220/day")
             + "    {:<37}{:<41}~1,500/day\n".format("order events   Hub      Shop", "status change at the hub event JSON")
             + row("invoices", "Hub", "Shop", "file at 23:30", "CSV", "1 file/day"))
    text = f"# Shop ↔ Hub\n\n## Data flows\n\n{block}"
    assert len(spec_of(text).flows) == 3
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS101" and "left empty" in f.message]


def test_an_html_definition_list_is_read_as_the_terms_and_definitions_it_holds():
    text = ("# Studio → Floor\n\n## 6. Monitoring\n\n<dl>\n  <dt>Error rate</dt>\n"
            "  <dd>Non-2xx responses per contract over 10 min: critical above 2 %.</dd>\n"
            "  <dt>Artwork downloads</dt>\n  <dd>C2 failures after all retries: warning above 0 per hour.</dd>\n"
            "</dl>\n\n## 5. Retry policy\n\n<dl>\n  <dt>Retry policy (both relays)</dt>\n"
            "  <dd><em>Strategy:</em> exponential backoff, multiplier 2, full jitter.</dd>\n"
            "  <dd><em>Initial delay:</em> 3 s. <em>Max attempts:</em> 7. <em>Max delay:</em> 90 s.</dd>\n</dl>\n")
    spec = spec_of(text)
    assert [m.alert.text for m in spec.monitoring] == ["critical", "warning"]
    assert spec.retry.strategy is not None and spec.monitoring[0].span.line == 7


def test_a_smithy_models_traits_and_doc_comments_say_the_policy():
    """A Smithy model: `@retryPolicy(` with its arguments is a retry block, `///` doc comments are prose (a partial
    success told, a member mapped to a column with an arrow)."""
    text = ("# Shop → Publisher\n\n## Model\n\n```smithy\n/// Errors: 429 and 503 are transient and retried; 400 and 422 "
            "are permanent: no retry, the request goes to the dead-letter queue. A 201 in which some lines are\n"
            "/// REJECTED is a partial success: accepted lines proceed, rejected lines are shown to the shop.\n"
            "@retryPolicy(\n    strategy: \"exponential backoff, full jitter\"\n    initialDelayMs: 1000\n"
            "    maxAttempts: 5\n    maxDelayMs: 30000\n    circuitBreakerThreshold: 8\n)\nservice Returns {}\n\n"
            "structure Line {\n"
            "    /// Approved quantity → `ret_line.decided_qty` INTEGER, copied.\n    @required quantity: Integer\n}\n```\n")
    retry = spec_of(text).retry
    assert (retry.max_attempts.number, retry.initial_delay.number, retry.max_delay.number) == (5, 1, 30)
    assert not {"IS401", "IS501", "IS801"} & set(codes(text))


def test_a_box_drawn_table_in_a_plain_block_is_a_table():
    """┌─┬─┐ │ a │ b │ └─┴─┘: a plain-text document's table, its wrapped cells joined."""
    text = ("# A → B\n\n## 6. RETRY POLICY\n\n```\n┌──────────────────┬──────────────────────────┐\n"
            "│ Setting          │ Value                    │\n├──────────────────┼──────────────────────────┤\n"
            "│ Strategy         │ Exponential backoff, full│\n│                  │ jitter                   │\n"
            "├──────────────────┼──────────────────────────┤\n│ Initial delay    │ 5 s                      │\n"
            "├──────────────────┼──────────────────────────┤\n│ Max attempts     │ 8                        │\n"
            "└──────────────────┴──────────────────────────┘\n```\n")
    retry = spec_of(text).retry
    assert (retry.initial_delay.number, retry.max_attempts.number) == (5, 8) and retry.jitter is not None


def test_a_second_title_under_a_banner_names_no_part():
    """"# Harwick University" over "## Interface specification IS-0417: ..." that holds every section: the
    interface words of the document's name make no section under it a contract."""
    text = ("# HARWICK UNIVERSITY — RECORDS TEAM\n\n## INTERFACE SPECIFICATION IS-0417: ECFLOW ⇄ SRS\n\n"
            "### 1. PURPOSE\n\nECFlow records extensions in SRS.\n\n### 3. INTERFACE DEFINITIONS\n\n"
            "#### 3.1 F1 — GET /students/{id}/assessments\n\nCodes: 200 found; 404 unknown.\n\n"
            "### 4. SECURITY\n\n| | SRS API | ECFlow API |\n|---|---|---|\n| Mechanism | OAuth 2.0 client credentials | "
            "HMAC-SHA256 signing |\n| Rotation | every 120 days | every 180 days |\n| Storage | credential store | "
            "HashiCorp Vault |\n\n4.2 Token endpoint: `https://idp.example/token`.\n")
    assert [c.method.text for c in spec_of(text).contracts] == ["GET"]


def test_a_decision_logs_rows_are_prose_headed_by_their_leads():
    """"| # | Decision | Owner |" over "| D13 | **Error classes.** Transient: ... Permanent: ... Partial: ... | HD |":
    each decision is prose, its lead placing it as a heading would; the id and owner columns say nothing."""
    text = ("# Distributor → Registrar\n\n## Agreed interface specification\n\n| # | Decision | Owner |\n|---|---|---|\n"
            "| D11 | **Auth, distributor → registrar API.** Northgate calls Registra with OAuth 2.0 client credentials; "
            "the secret is kept in Key Vault and rotated every 90 days. | SP |\n"
            "| D12 | **Auth, broker.** Registra signs its events to Northgate with HMAC-SHA256; the key is rotated "
            "yearly and kept in the same vault. | SP |\n"
            "| D13 | **Error classes.** Transient: `429`, `503`, timeouts. Permanent: `400`, `422`. Partial: `207`, "
            "where each item-level `422` is permanent for that item only. | HD |\n"
            "| D18 | **Monitoring** (alerts via Opsgenie): batch POST latency P95 > 5 s over 15 min → warning; error "
            "rate > 1% over 1 h → critical. | DS |\n")
    spec = spec_of(text)
    assert {e.category for e in spec.errors} == {"transient", "permanent", "partial"}
    assert spec.auth and all(a.rotation is not None for a in spec.auth) and len(spec.monitoring) == 2


def test_a_table_of_configuration_variables_is_no_register():
    """"| Variable | Default | Meaning |" over `PUBLISH_RETRY_ATTEMPTS`, `FSSP_WEBHOOK_SECRET`: settings, each a key,
    not a register of the spec's parts whose rows become sections."""
    text = ("# Knackery → FSSP\n\n## Configuration\n\n| Variable | Default | Meaning |\n|---|---|---|\n"
            "| `FSSP_WEBHOOK_SECRET` | — (from Vault) | Current HMAC secret |\n"
            "| `FSSP_WEBHOOK_SECRET_PREVIOUS` | — (from Vault) | Previous secret, accepted during rotation |\n"
            "| `AMQP_EXCHANGE` | `fallenstock` | Direct exchange; routing key `collections.requested` |\n"
            "| `PUBLISH_RETRY_ATTEMPTS` | `3` | Publisher-confirm retries before answering 503 |\n"
            "| `PUBLISH_RETRY_INITIAL` | `200ms` | First retry delay, doubled each time |\n"
            "| `DLQ_ALERT_CHANNEL` | `#ops` | Where dead letters are announced |\n")
    assert not spec_of(text).contracts


def test_a_plain_text_documents_labelled_lines_and_aligned_table_are_read():
    """An e-mail-style spec with no Markdown: an indented part of UPPERCASE labels ("METHOD AND URL: POST ...") is
    prose, not code; a space-aligned table in a paragraph with a header of words is a table."""
    text = ("VCG PREMIUM SMS INTERFACE, REV C\n\n4.2 CHARGE RESULT CALLBACK\n\n"
            "    METHOD AND URL: POST https://hub.example/veldmark/v2/charge-results\n"
            "    HEADERS: Authorization: Bearer <token>\n\n"
            "9. MONITORING AND ALERTS (both sides; Grafana and Zabbix)\n\n"
            "   METRIC                            THRESHOLD                  ALERT\n"
            "   Charge latency, P95               > 1.5 s (5 min)            warning\n"
            "   Error rate, non-2xx               > 1% over 5 min            critical, page\n"
            "   Callback client secret age        > 80 days                  warning\n")
    from intspec_lint.document.markdown import parse_markdown
    from intspec_lint.reading.statements import flatten
    assert [s.key for s in flatten(parse_markdown(text)) if s.key.isupper()][:2] == ["METHOD AND URL", "HEADERS"]
    assert [m.kind for m in spec_of(text).monitoring] == ["latency", "error-rate", "token-expiry"]


def test_a_yaml_file_held_in_a_configmap_entry_is_read_as_its_own_keys():
    text = ("# Shop → Printer\n\n## configmap.yaml\n\n```yaml\napiVersion: v1\nkind: ConfigMap\ndata:\n"
            "  policy.yaml: |\n    retry:\n      strategy: exponential\n      initial_delay: 1s\n      max_delay: 30s\n"
            "      max_attempts: 4\n    dead_letter:\n      target: amqp://rabbit/print?queue=printsync.dead\n```\n")
    spec = spec_of(text)
    assert spec.retry.max_attempts.text == "4" and spec.retry.max_attempts.span.line == 14
    assert spec.retry.strategy.text == "exponential"


def test_an_environment_variables_name_or_a_vault_path_after_a_secrets_key_is_no_pasted_secret():
    base = "# A → B\n\n## Credentials\n\n"
    for said in ("- {secretKey: PRINTCART_SECRET_EXPIRES_AT, remoteRef: {key: secret/print}}",
                 "Webhook HMAC secret: `kv-gg-prod/curio-webhook-secret`, rotated every 90 days."):
        assert "IS303" not in codes(base + said + "\n"), said
    assert "IS303" in codes(base + "client_secret: Qz8vT2mX7pL4wR9zK3nY6hD1sF5gJ0cB\n")


def test_glyph_bullets_are_a_list_and_a_lead_ending_in_a_colon_heads_it():
    text = ("# Kitchen → Courier\n\n## Thread\n\n**[10:20] Dev (Courier)**\nDashboards/alerts we'll both run:\n"
            "• order POST latency p95 > 2 s (5 min) → warn\n• error rate per flow > 1% over 5 min → page\n"
            "• retry queue depth > 1000 → warn\n• credential expiry < 14 days → warn\n")
    metrics = spec_of(text).monitoring
    assert [m.kind for m in metrics] == ["latency", "error-rate", "queue-depth", "token-expiry"]
    assert [m.span.line for m in metrics] == [7, 8, 9, 10]
    assert "IS701" not in codes(text)


def test_bullets_swallowed_by_a_plain_text_paragraph_are_lists_and_their_lead_gives_the_alert():
    text = ("# Portal → Register\n\n## Description\n\nAC6. Nothing is lost after retries run out.\n"
            "AC7. Monitoring in Azure Monitor with alerts to the Service Desk:\n"
            "     - booking API latency P95 > 2 s over 15 min;\n     - booking API error rate > 5 % over 30 min\n"
            "       (low volume, so a longer window);\n     - outbound webhook queue > 20 pending;\n"
            "AC8. Data mapping is in the appendix.\n")
    metrics = spec_of(text).monitoring
    assert [(m.span.line, m.kind) for m in metrics] == [(7, "latency"), (8, "error-rate"), (10, "queue-depth")]
    assert all("Service Desk" in m.alert.text for m in metrics if m.kind != "error-rate")


def test_a_whole_spec_kept_as_one_commented_config_file_under_its_title_is_read_by_its_keys():
    text = ("# connector — configuration and interface contract\nThe comments are the documentation.\n\n```yaml\n"
            "auth:\n  partner_api:\n    method: api_key      # header X-Key\n"
            "    rotate: \"every 180 days from the partner console\"\n  partner_webhook:\n    method: hmac_sha256\n"
            "    rotate: \"every 90 days via the portal\"\n"
            "retry:\n  strategy: exponential\n  initial_delay: 2s\n  max_delay: 120s\n  max_attempts: 9\n"
            "monitoring:\n  latency:\n    metric: connector_e2e_seconds\n    warn_p95_over: 30s\n"
            "dead_letter:\n  destination: connector.dead_letter\n  alert: \"Teams channel #ops\"\n```\n")
    spec = spec_of(text)
    assert spec.contracts == []  # the title names a contract; the document is not one
    assert spec.retry.max_attempts.text == "9" and spec.dead_letter.destination.text == "connector.dead_letter"
    assert {a.system.text for a in spec.auth} == {"partner api", "partner webhook"}
    assert [(m.kind, m.alert.text) for m in spec.monitoring] == [("latency", "warn")]


def test_a_config_comment_wrapped_under_its_label_is_one_statement():
    text = ("# Grid → Plant\n\n## template.yaml\n\n```yaml\nFunction:\n  Timeout: 20\n"
            "  # Errors are classified in bridge/errors.py:\n"
            "  #   transient  = 429, 502, 503, timeout  -> message goes back to the queue (retry)\n"
            "  #   permanent  = 400, 404, 422, and 401/403 after one secret reload\n"
            "  #                -> message sent straight to BridgeDLQ with the error\n"
            "  #   partial    = metered-export 207: only the rejected intervals are resent\n```\n")
    errors = {e.category: e for e in spec_of(text).errors}
    assert set(errors) == {"transient", "permanent", "partial"}
    assert "BridgeDLQ" in errors["permanent"].action.text


def test_a_short_label_line_over_a_list_heads_it_like_a_heading():
    text = ("# League → Stats\n\n## Thread\n\n> Monitoring on our side (Grafana, paging the on-call)\n"
            "> - Confirm-to-202 latency P95 above 5 s for 10 minutes.\n> - Error rate above 2 % of calls over 10 minutes.\n"
            "> - Outbox depth above 50 results.\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["latency", "error-rate", "queue-depth"]


def test_a_settings_map_in_a_code_span_is_read_as_config_keys():
    text = ("# Farm → Grower\n\n## Setup\n\n1. Configure the consumer:\n"
            "   - `retry: {strategy: exponential, initial: 5s, multiplier: 2, max_delay: 10m, max_attempts: 8}`.\n")
    retry = spec_of(text).retry
    assert (retry.strategy.text, retry.initial_delay.text, retry.max_delay.text, retry.max_attempts.text) == (
        "exponential", "5s", "10m", "8")
    assert retry.max_delay.span.line == 6


def test_markdown_in_an_api_descriptions_block_scalar_is_read_as_prose():
    """An AsyncAPI or OpenAPI `description: |` is CommonMark: its list of operations notes says the design."""
    notes = ("    * **Transient** (broker timeout): retried.\n    * **Permanent** (schema mismatch): sent to the DLQ.\n"
             "    * **Partial** (a booking where some days fail): the valid days are stored, the rest\n"
             "      dead-lettered.\n"
             "    * Retry: exponential from 500 ms (x2, cap 30 s), 5 attempts. If 20 consecutive records fail the\n"
             "      consumer pauses its partitions for 2 minutes.\n")
    text = ("# Lesson events\n\nThe AsyncAPI contract for the lesson topics.\n\n```yaml\nasyncapi: '2.6.0'\ninfo:\n"
            "  title: Lesson events\n  description: |\n    Bookings are sent to the roster.\n\n" + notes + "```\n")
    spec = spec_of(text)
    assert {e.category for e in spec.errors} >= {"transient", "permanent", "partial"}
    retry = spec.retry
    retry_line = next(n for n, line in enumerate(text.split("\n"), 1) if "Retry:" in line)
    assert retry.initial_delay.span.line == retry_line and retry.max_attempts is not None
    assert retry.circuit_breaker is not None and "20" in retry.circuit_breaker.text
    error_line = next(e.span.line for e in spec.errors if e.category == "transient")
    assert text.split("\n")[error_line - 1].lstrip().startswith("* **Transient**")  # each on its own line


def test_a_makefiles_comments_are_read_as_prose():
    """A runbook kept as a Makefile (```make): its header comments say the design."""
    text = ("# kelp-sync runbook\n\n```make\n# FAILURE CLASSES\n#  partial  a page where some readings fail validation: the good "
            "ones are stored, the bad ones are dead-lettered and retried after the fix.\n\nhelp:\n\t@grep -E '^[a-z]' Makefile\n```\n")
    assert "partial" in {e.category for e in spec_of(text).errors} or "errors:partial" in spec_of(text).evidence


def test_a_template_in_any_language_says_the_design_in_its_comments():
    """A Bicep template (or any language not known here) states its design in `//` comments: read as prose, with
    an indented "Key: ..." line under a paragraph an entry of its own."""
    spec = spec_of("# infra/main.bicep\n\n```bicep\n// --- Auth ---\n// Access is Entra ID only; no SAS keys exist.\n"
                   "//   Billing: managed identity, rotated by the platform.\n"
                   "//   Hall: client certificate, renewed 60 days before expiry.\n"
                   "param env string = 'prod'\n```\n")
    assert [a.system.text for a in spec.auth] == ["Billing", "Hall"]


def test_a_program_saved_as_the_document_is_read_as_one_with_capitalised_titles():
    """A Rails initializer saved as `.md`: its `#` comment lines would be empty and stacked H1 headings; the whole
    file is a program, its comments prose, "# AUTH" the title of the comments under it."""
    text = ("# frozen_string_literal: true\n\n# config/initializers/sync.rb\n#\n# Ledger -> Registry, nightly.\n#\n"
            "# AUTH\n#   Registry API: OAuth 2.0 client credentials, secret in Rails credentials.\n"
            "#     Rotation: yearly, two live secrets during the switch.\n"
            "#   Co-op API: X-Api-Key header, kept in Rails credentials.\n#\n"
            "# RETRIES  30 s x 2^n, capped at 2 h; 10 retries; breaker opens after 5 failures for 120 s.\n\n"
            "Sidekiq.configure_server do |config|\n  config.redis = { url: ENV.fetch(\"REDIS_URL\") }\nend\n")
    spec = spec_of(text)
    assert [a.system.text for a in spec.auth] == ["Registry API", "Co-op API"]
    assert spec.retry is not None and spec.retry.max_attempts is not None
    assert "IS301" in codes(text)  # the co-op key has no rotation: still read, still reported


def test_markdown_and_programs_in_a_json_exports_strings_are_read():
    """A flow export keeps its documentation in JSON strings with escaped newlines: Markdown (a flows table) is
    read as the document's own, a function node's program as a program, all on the string's line."""
    info = ("Kilns to the booking app.\n\n| Flow | Direction | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| Kiln events | KilnLink → ClayPass | status poll sees a change | event JSON | ~20 per firing |\n")
    func = ("// status -> event\nconst s = msg.payload;\nmsg.payload = {\n  firing_no: s.firing,\n"
            "  temp_c: F2C(s.t),\n  target_cone: s.cone,   // string both sides\n};\nreturn msg;")

    def export(func):
        nodes = [json.dumps({"id": "c01", "type": "comment", "info": info}, ensure_ascii=False),
                 json.dumps({"id": "f01", "type": "function", "func": func})]
        return "# Kiln flow export\n\n```json\n[\n  " + ",\n  ".join(nodes) + "\n]\n```\n"

    spec = spec_of(export(func))
    assert [(f.source.text, f.destination.text) for f in spec.flows] == [("KilnLink", "ClayPass")]
    assert {f.span.line for f in spec.flows} == {5}
    assert "IS801" not in codes(export(func))  # the function node sets the target's fields from the source's
    assert "IS801" in codes(export(func.replace("s.firing", "1").replace("F2C(s.t)", "2")))


def test_a_count_that_increases_is_a_threshold_an_alert_fires_on():
    text = ("# A → B\n\n## Monitoring\n\n- `sync_deadletter_total` increases → critical\n"
            "- latency p95 increases → warning\n")
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS701" and "no value" in f.message]
    assert len(found) == 1 and "latency" in found[0]  # only a rate's "increases" is vague


def test_a_comment_laid_out_as_label_and_wrapped_cell_is_one_row_each():
    """`#   transient  Kafka ... request` over `#              timeout; ES 429 -> retried`: a label, its cell wrapped
    under the cell's column; each label one error category with its action."""
    text = ("# pipeline.conf\n\n```conf\n# ERRORS\n#   transient  broker unreachable / request\n"
            "#              timeout; ES 429, 503  -> retried (below)\n"
            "#   permanent  line that does not parse, ES 400 mapping error -> rejects topic;\n"
            "#              nothing is retried\n#   partial    bulk with mixed items: 2xx kept, failed items re-sent alone\n"
            "input { stdin {} }\n```\n")
    assert "IS401" not in codes(text.replace("```conf", "```logstash"))
    spec = spec_of(text.replace("```conf", "```logstash"))
    assert sorted(e.category for e in spec.errors) == ["partial", "permanent", "transient"]


def test_a_new_password_set_on_a_period_is_a_rotation():
    text = ("# pipeline.conf\n\n```logstash\n# AUTH (all secrets in the keystore, never in this file)\n"
            "#   decoders -> logstash: mutual TLS, client certs re-issued every August.\n"
            "#   logstash -> Kafka: SASL/SCRAM-SHA-512. Two users with the same ACLs,\n"
            "#     reads-a and reads-b; every 60 days the platform sets a new\n"
            "#     password on the idle user, we update the keystore and reload.\n"
            "input { stdin {} }\n```\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS301" and "rotation" in f.message]


def test_a_docstrings_titles_and_dot_leader_rows_are_read():
    """A module docstring titles its parts by a short line over indented entries ("Errors" over "    Transient:
    ..."), and lays alerts out with dot leaders, each line a row: a list's length is a queue's depth."""
    text = ('# tasks.py\n\n```python\n"""Hives -> Ledger sync.\n\nErrors\n    Transient: timeouts, 429, 503. Retried with '
            'backoff.\n    Permanent: 400, 404. Stored in ``FailedEvent`` and #ops is pinged.\n\n'
            'Alerting (Grafana):\n  p95 webhook to ledger > 2 min for 15 min .......... warning\n'
            '  failed / total task runs > 5 % over 15 min ........ critical\n'
            '  Redis list "ledger" length > 1,000 for 10 min ..... warning\n'
            '  credential expiring in < 14 days .................. warning\n"""\n```\n')
    spec = spec_of(text)
    assert sorted(e.category for e in spec.errors) == ["permanent", "transient"]
    assert {m.kind for m in spec.monitoring} >= {"latency", "error-rate", "queue-depth", "token-expiry"}


def test_a_queue_deeper_than_a_number_is_watched_and_a_task_with_remaining_work_is_no_metric():
    text = ("# Rx → Couriers\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| Status | Couriers → Rx | status change | `job.status_changed` webhook | ~3,600/day |\n\n"
            "## Watching it\n\nAlerts to `#partner`:\n\n- webhook p95 latency over 60 s\n- webhook failure rate over 5 %\n"
            "- the partner's webhook queue deeper than 2,000, or anything at all in `dead_webhooks` (red)\n"
            "- client secret within 14 days of expiry\n\n## Go-live\n\n"
            "- [ ] Assign the remaining store groups in batches of 20 and watch the failure rate.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code in ("IS701", "IS702")]


def test_a_register_written_as_a_list_of_bold_labels_is_read_as_the_register():
    """"- **Auth: Partner webhook**: HMAC ..." item after item is the "Topic | Fact" register it stands for: each
    label's part and unit are read as sections, so the webhook's credential lacking a rotation is still seen."""
    items = ["**Overview: systems**: Shop (producer) and Ledger (consumer), event-driven", "**Flow: orders**: Shop → Ledger; "
             "trigger: order placed; payload: order JSON; frequency: ~500/hour",
             "**Auth: Ledger API (called by Shop)**: OAuth 2.0 client credentials; secret rotated every 90 days; stored "
             "in Key Vault", "**Auth: Shop webhook endpoint (called by Ledger)**: HMAC-SHA256 signature; secret stored in "
             "Key Vault", "**Retry: strategy**: exponential backoff with full jitter", "**Retry: max attempts**: 5"]
    text = "# Shop ⇄ Ledger\n\n## Integration sheet\n\n" + "".join(f"- {item}\n" for item in items)
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS301"]
    assert any("Shop webhook endpoint" in message and "rotation" in message for message in found)


def test_an_xml_files_comments_say_the_design_each_comment_its_own_titles():
    """A Spring context's header comment holds the design: read as prose, "CREDENTIALS" titling the entries under it
    (their bullets no part of their names), and a later comment no longer under that title."""
    text = ("# `job.xml`\n\n```xml\n<?xml version=\"1.0\"?>\n<!--\n  CREDENTIALS (all in Vault)\n"
            "  - FMC Ledger: OAuth 2.0 client credentials, secret rotated every 60 days.\n"
            "  - Mill SFTP: ed25519 key, rotated every 12 months.\n-->\n<beans>\n"
            "  <!-- CSV -> Ledger lot. Every column:\n       weight_kg    -> net_weight_g   x 1000\n"
            "       vat_reg      -> vat_treatment  Y -> standard, N -> outside_scope -->\n  <bean id=\"p\"/>\n</beans>\n```\n")
    spec = spec_of(text)
    assert [a.system.text for a in spec.auth] == ["FMC Ledger", "Mill SFTP"]


def test_a_metrics_identifier_in_code_tells_its_kind_in_its_words():
    text = ("# Dispensary → Ledger\n\n## Alarms\n\n| Alarm | Threshold |\n|---|---|\n"
            "| F1 end-to-end latency p95 | > 60 s for 10 min |\n| Lambda error rate | > 2 % over 15 min |\n"
            "| `dispense.fifo` depth | > 500 |\n| `DaysToCredentialExpiry` (client secret, webhook secret) | < 14 days |\n"
            "| `ledger_key_days_left` | < 14 |\n")
    assert [m.kind for m in spec_of(text).monitoring][-2:] == ["token-expiry", "token-expiry"]


def test_an_xml_file_or_a_python_module_saved_as_the_document_is_read_as_one():
    xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n  AUTH\n  - Shop API: OAuth 2.0 client credentials, secret rotated "
           "every 90 days.\n  - Market webhooks: HMAC signature, secret rotated every 180 days.\n-->\n<databaseChangeLog>\n"
           "  <changeSet id=\"1\" author=\"ops\"/>\n</databaseChangeLog>\n")
    assert [a.system.text for a in spec_of(xml).auth] == ["Shop API", "Market webhooks"]
    module = ('"""Boxes -> Store worker.\n\nAuth:\n  Store API: OAuth 2.0 client credentials, rotated every 90 days.\n'
              '"""\nimport asyncio\n\nMAX_ATTEMPTS = 6\n\n\nasync def main():\n    pass\n')
    spec = spec_of(module)
    assert spec.retry is not None and spec.retry.max_attempts is not None and "6" in spec.retry.max_attempts.text


def test_the_time_between_two_events_with_a_duration_threshold_is_a_latency_metric():
    text = ("# Branch → Ledger\n\n## Monitoring\n\n* Alert to support when receive → ack exceeds 45 minutes for any "
            "branch, or when more than 2% of declarations in an hour end `REJECTED`.\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["latency", "error-rate"]


def test_a_risk_registers_rows_are_hazards_weighed_not_the_design():
    text = ("# Kitchen → Tills\n\n## Risks\n\n| # | Risk to individuals | {a} | {b} |\n|---|---|---|---|\n"
            "| R4 | A failed update is lost without anyone knowing | Possible | Severe |\n\n"
            "## Failures\n\nA failed update goes to the `allergy_dlq` table; the kitchen manager is e-mailed at once.\n")
    assert "IS602" not in codes(text.replace("{a}", "Likelihood").replace("{b}", "Severity"))
    assert "IS602" in codes(text.replace("{a}", "Owner").replace("{b}", "Status"))


def test_a_setting_that_alerts_at_its_value_and_where_alerts_go_are_read_as_such():
    """"| `ALERT_BACKLOG` | `2000` | backlog records not yet accepted |": a queue depth alerted at 2000; "| Alerts to
    | lab IT on-call |": where every alert goes, no metric without a threshold."""
    text = ("# Crops → Ledger\n\n## Monitoring\n\n| Variable | Default | Description |\n|---|---|---|\n"
            "| `ALERT_LATENCY_P95` | `10m` | `delivery_seconds` (cycle end → accepted). |\n"
            "| `ALERT_BACKLOG` | `2000` | `backlog_records`: read, not yet accepted. |\n\n"
            "| Facts | |\n|---|---|\n| Dashboard | Grafana \"Ledger\" |\n| Alerts to | IT on-call (Teams + SMS) |\n")
    kinds = {m.kind: m.threshold.text for m in spec_of(text).monitoring if m.threshold is not None}
    assert kinds.get("queue-depth") == "`2000`" and kinds.get("latency") == "`10m`"
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "Alerts to" in f.message]


def test_a_level_in_words_followed_by_who_is_told_or_a_run_of_failures_is_a_threshold():
    text = ("# Vans → HQ\n\n## Monitoring\n\n| Metric | Alert |\n|---|---|\n| `dead_outbox` uploads | {a} |\n"
            "| Token endpoint failures | {b} |\n| p95 sync latency | > 5 s for 10 min: warning |\n")
    good = text.replace("{a}", "any → \"stuck sales\" alert to #ops-vans").replace("{b}", "3 in a row")
    assert not [f for f in lint_text(good, "markdown") if f.code == "IS701" and "has no threshold" in f.message]
    vague = text.replace("{a}", "when it looks wrong").replace("{b}", "sometimes")
    assert len([f for f in lint_text(vague, "markdown") if f.code == "IS701" and "has no threshold" in f.message]) == 2


def test_what_a_section_says_is_to_be_retired_is_no_contract_of_the_design():
    """"How it works today (to be retired):" over the polling call the proposal replaces: context, not a contract
    owed examples; the same call under a plain lead is one."""
    text = ("# RFC: replace polling with webhooks\n\n## Motivation\n\nHow it works today (to be retired):\n\n"
            "- QuayOps calls `GET /api/manifests?sailing={id}&since={ts}` every 5 minutes for each open sailing.\n\n"
            "## Proposed design\n\n### W1 webhook\n\n`POST https://quayops.example/hooks/portcall`\n\n```json\n"
            "{\"event_id\": \"e-1\", \"unit\": \"ABCU1234567\"}\n```\n\nAnswer `204`.\n")
    assert [c.url.text for c in spec_of(text).contracts] == ["https://quayops.example/hooks/portcall"]
    kept = text.replace("How it works today (to be retired):", "How the gate reads manifests:")
    assert len(spec_of(kept).contracts) == 2


def test_a_footnote_is_said_where_it_is_cited():
    """A design doc keeps facts in footnotes at the page's foot, here below a section of alternatives weighed (which
    is no design): the rotation of footnote 2 is the security section's, where it is cited."""
    text = ("# Dispatch → Wards\n\n## Security\n\nDispatch calls Wards with OAuth 2.0 client credentials[^1]. Wards calls "
            "Dispatch with mutual TLS[^2].\n\n## Alternatives considered\n\nSFTP drops: rejected, too slow.\n\n"
            "[^1]: The client secret is rotated every 90 days and kept in Vault.\n"
            "[^2]: Client certificates are renewed every 11 months by the wards' PKI team.\n")
    assert codes(text, "IS301") == []
    spec = spec_of(text)
    assert sorted(a.rotation.text for a in spec.auth if a.rotation is not None) == [
        "Client certificates are renewed every 11 months by the wards' PKI team",
        "The client secret is rotated every 90 days and kept in Vault"]
    uncited = text.replace("[^2].", ".")
    assert "IS301" in codes(uncited)  # a note nobody cites stays below the alternatives, which are no design


def test_a_footnote_cited_in_a_cell_is_that_cells_value():
    """Every number in footnotes: a flow table's frequency cell cites one ("On recital days[^5]"). The note is the
    cell's value, every time a cell cites it, and no statement of its own (no flow named "Every 60 minutes ...")."""
    text = ("# Tickets ⇄ Hub\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| Order completed | Tickets → Hub | `order.completed` webhook | order JSON | Typical week[^1] |\n"
            "| Door list pull | Hub → Tickets | scheduler on recital days | attendee pages | On recital days[^2] |\n"
            "| Reconciliation | Hub → Tickets | scheduler, nightly | changed orders | Daily[^2] |\n\n"
            "## Notes\n\n[^1]: About 40 orders a week.\n[^2]: Every 60 minutes from 08:00 to 19:00; about 3 pages each.\n")
    flows = spec_of(text).flows
    assert [f.name.text for f in flows] == ["Order completed", "Door list pull", "Reconciliation"]
    assert "Every 60 minutes" in flows[1].frequency.text and "Every 60 minutes" in flows[2].frequency.text
    assert codes(text, "IS101") == []


def test_a_register_whose_columns_are_systems_gives_each_system_its_cells():
    """A capability matrix: rows name a part and its fact ("Auth: rotation"), columns the systems. Each column's cell
    is that system's fact; a transient class beside a retry row is retried."""
    text = ("# Docks ⇄ Ops capability matrix\n\n## Matrix\n\n| Capability | Docks | Broker | Ops |\n|---|---|---|---|\n"
            "| Auth: mechanism | OAuth 2.0 server | API keys per service account | OAuth client `ops-prod` |\n"
            "| Auth: rotation | client secret rotated every 180 days | keys rotated every 90 days | tokens renewed hourly |\n"
            "| Auth: storage | AWS Secrets Manager | — | GCP Secret Manager |\n"
            "| Errors: transient | — | broker unavailable, timeout | `429`, `503`, timeouts |\n"
            "| Errors: permanent | — | record too large | `400`, `404`: dead-lettered |\n"
            "| Errors: partial | snapshot lists the stations it could not read | — | keeps the last known state |\n"
            "| Retry | — | — | exponential backoff, 1 s initial, cap 60 s, 6 attempts |\n")
    spec = spec_of(text)
    assert [a.system.text for a in spec.auth] == ["Docks", "Broker", "Ops"]
    assert [a.rotation.text for a in spec.auth][0] == "client secret rotated every 180 days"
    assert codes(text, "IS301", "IS401") == []


def test_a_checklist_answered_in_a_customer_response_column():
    """A vendor's certification checklist ("| Ref | Requirement | Customer response | Status |"): each requirement is
    answered in its row, the partial class too."""
    text = ("# Bookings → Doors certification\n\n## Section E — Failure handling\n\n| Ref | Requirement | Customer response | "
            "Status |\n|---|---|---|---|\n| E1 | Transient errors and handling. | `429`, `503`, timeouts → retried (E4). | ✔ |\n"
            "| E2 | Permanent errors and handling. | `400`, `422` → no retry, dead-lettered (E5). | ✔ |\n"
            "| E3 | Partial failures (batch or multi-record operations). | Reconciliation handles each grant separately; a "
            "grant that fails goes through E1/E2 on its own; the run completes for the rest. | ✔ |\n")
    assert {e.category for e in spec_of(text).errors} >= {"transient", "permanent", "partial"}


def test_notes_named_for_their_business_are_no_labels_and_a_footnote_is_read_once():
    """"Credit notes" is a flow and "Lotus Notes" a system, not a document's own label; a note cited by a thousand rows
    is read once, where it is first cited."""
    flows = ("# ERP → Billing\n\n## Data flows\n\n### Invoices\n\n- Source: ERP\n- Destination: Billing\n- Trigger: invoice "
             "posted\n- Payload: invoice JSON\n- Frequency: ~2,000/day\n\n### Credit notes\n\n- Source: ERP\n- Destination: "
             "Billing\n- Trigger: credit note posted\n- Payload: credit note JSON\n")
    assert [f.name.text for f in spec_of(flows).flows] == ["Invoices", "Credit notes"]
    rows = "".join(f"| `f{i}` | string | `g{i}` | string | copied[^src] |\n" for i in range(1000))
    text = ("# A → B\n\n## Mapping\n\n| Source | Type | Target | Type | Transform |\n|---|---|---|---|---|\n" + rows +
            "\n[^src]: Every field is copied as is, trimmed. " + "It is checked nightly. " * 50 + "\n")
    statements = spec_of(text)  # quick: the note's 51 sentences are placed once
    assert statements is not None


def test_environments_as_columns_are_no_systems_and_na_is_said_on_purpose():
    text = ("# Shop ⇄ ERP matrix\n\n| Aspect | Staging | Production |\n|---|---|---|\n| Flow: orders | Shop → ERP | Shop → ERP |\n"
            "| Retry: max attempts | 3 | 6 |\n| Auth: mechanism | API key | API key |\n| Auth: rotation | every 90 days | every "
            "90 days |\n| Errors: transient | 503 | 503 |\n")
    assert not [a for a in spec_of(text).auth if a.system is not None and a.system.text in ("Staging", "Production")]
    na = ("# Docks ⇄ Shop matrix\n\n| Capability | Docks | Shop |\n|---|---|---|\n| Flow: stock | Docks → Shop | — |\n"
          "| Retry: max attempts | 6 | 6 |\n| Auth: mechanism | mutual TLS | OAuth 2.0 client credentials |\n"
          "| Auth: rotation | n/a | every 90 days |\n| Errors: transient | 503 | 429 |\n")
    assert [a.rotation.text for a in spec_of(na).auth if a.rotation is not None] == ["n/a", "every 90 days"]

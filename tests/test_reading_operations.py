"""Reading the operational parts (dead letters, retries, monitoring) where a spec words or lays them out
in a shape of its own: an alert as a post to a channel, a ladder of delays split by slashes, a
Confluence wiki table, a mainframe dataset named for what failed."""

from intspec_lint import lint_text
from read_spec import codes, spec_of


def test_a_dead_letter_alert_posted_to_a_channel_or_a_team_is_an_alert():
    lead = ("# Shop → Agency\n\n## Failures\n\nPermanent errors are not retried: the row is written to the "
            "`agency_sync_failures` table, ")
    for told in ("and each new row posts to #dive-ops.", "and every new row posts to *AQM Ops* in Teams.",
                 "and each one is posted in the integrations channel."):
        assert spec_of(lead + told + "\n").dead_letter.alert is not None, told
    assert spec_of(lead + "and each new row posts to the agency API again.\n").dead_letter.alert is None


def test_a_ladder_of_delays_split_by_slashes_gives_the_longest_wait():
    text = ("# Tills → Lab\n\n## Retry\n\nExponential backoff with full jitter, 1 s / 2 s / 4 s / 8 s / 16 s, max 6 "
            "attempts, per call. A circuit breaker opens at 50 % failures over 30 s and half-opens after 60 s.\n")
    assert "IS501" not in codes(text)
    unbounded = text.replace("1 s / 2 s / 4 s / 8 s / 16 s", "starting at 1 s").replace("max 6 attempts", "until done")
    # the first delay gives the checklist's "delays"; what is owed is the bound on the attempts
    assert [f.message for f in lint_text(unbounded, "markdown") if f.code == "IS501"] == [
        "the retry policy has no maximum number of attempts: give the attempt limit (e.g. 5 retries)"]


def test_a_confluence_wiki_table_is_a_table_of_metrics():
    text = ("# Sweeps → Registry\n\n## Monitoring\n\nAlerts go to the Field Systems action group.\n\n"
            "|| Signal || Threshold || Severity ||\n| F1 call duration p95 | > 3 s for 15 min | Sev3 |\n"
            "| F1 failed calls | > 5 % over 15 min | Sev2 |\n| Dead-letter count | > 0 | Sev2 |\n")
    metrics = spec_of(text).monitoring
    assert [(m.kind, m.threshold.text) for m in metrics][:2] == [("latency", "> 3 s for 15 min"),
                                                                 ("error-rate", "> 5 % over 15 min")]


def test_a_dataset_named_for_what_failed_is_the_dead_letter_place_and_its_short_name_carries_its_alert():
    text = ("# Foundry → Ledger\n\n## 7. Errors, retry and rejects\n\n| Class | Examples | Handling |\n|---|---|---|\n"
            "| Transient | timeout, 503 | Retry as below |\n"
            "| Permanent | Record fails validation; 400 | Record to BFP.POUR.REJECT(+1), step RC=8 |\n\n"
            "Nothing is dropped. BFPRPT lists the REJECT contents, and BFP050 e-mails them to production-systems@ "
            "each morning.\n")
    dead = spec_of(text).dead_letter
    assert dead is not None and dead.destination.text == "BFP.POUR.REJECT" and dead.alert is not None
    # a status value named for failure is no place: "per-record `rejected`" stays a status
    status = text.replace("Record to BFP.POUR.REJECT(+1), step RC=8", "per-record `rejected` in the reply")
    dead = spec_of(status).dead_letter
    assert dead is None or dead.destination is None or dead.destination.text != "rejected"


def test_what_is_dropped_beside_a_credential_or_a_field_is_no_lost_message():
    lead = "# Pharmacy → Hub\n\n## Failures\n\nA failed webhook is retried for 24 h. "
    assert "IS602" in codes(lead + "After that the failed message is dropped.\n")
    for said in ("Rotation: the partner signs with both secrets for 72 h, we accept either, then drop the old one; a "
                 "failed check gets 401.",
                 "Additive fields are ignored by the connector until mapped here; a failed parse is retried."):
        assert "IS602" not in codes(lead + said + "\n"), said


def test_a_rotation_said_once_for_both_credentials_holds_for_each():
    table = ("# Marina ↔ Berths\n\n## Security\n\n| Key | Value |\n|---|---|\n"
             "| Marina → Berths | OAuth 2.0 client credentials, tokens valid 1 h |\n"
             "| Berths → Marina | HMAC-SHA256 signature over the body |\n"
             "| Storage | Azure Key Vault `kv-marina-int` |\n"
             "| Rotation (both credentials) | Every 90 days by the `cred-rotator` pipeline |\n")
    assert "IS301" not in codes(table)
    assert "IS301" in codes(table.replace("| Rotation (both credentials) | Every 90 days by the `cred-rotator` pipeline |\n", ""))
    heading = ("# Desk ↔ Lab\n\n## Authentication\n\n- **Lab API**: OAuth 2.0 client credentials.\n"
               "- **Desk webhook**: HMAC-SHA256 signature.\n\n### Credential rotation\n\n"
               "- One rule for both secrets: every 180 days, runbook RB-17.\n\n### Credential storage\n\n"
               "Azure Key Vault `kv-bwd`.\n")
    assert "IS301" not in codes(heading)


def test_one_calls_key_value_card_is_that_contract_not_a_register():
    text = ("# Marina ↔ Berths\n\n## Endpoints\n\n### EP-2 Receive reservation\n\n| Key | Value |\n|---|---|\n"
            "| Call | `POST https://gw.example.com/berths/reservations` |\n"
            "| Headers | `BF-Event-Id: <uuid>`, `Content-Type: application/json` |\n"
            "| Success | `201` stay created; `200` same `BF-Event-Id` already processed |\n"
            "| Errors | `401` signature, `422` vessel too large |\n| Idempotent | Yes: `BF-Event-Id` kept 30 days |\n")
    (contract,) = spec_of(text).contracts
    assert contract.method.text == "POST" and contract.idempotent is not None


def test_idempotency_numbered_inline_belongs_to_the_contracts_of_those_numbers():
    text = ("# Turbines → Fieldline\n\n## Contracts\n\n**1. Create work order** – `POST https://f.example.io/v3/workorders`\n\n"
            "```json\n{\"externalRef\": \"GSG-1\", \"assetNum\": \"WTG-7\"}\n```\n\n`201 {\"woNum\": \"WO-1\"}` · `400`\n\n"
            "**2. Meter readings** – `POST https://f.example.io/v3/meter-readings:batch`\n\n"
            "```json\n{\"readings\": [{\"assetNum\": \"WTG-7\", \"value\": 1}]}\n```\n\n`200 {\"accepted\": 1}`\n\n"
            "## Idempotency\n\n(1) `externalRef` is unique in Fieldline; a repeat gets `409` and is treated as success. "
            "(2) Fieldline keeps one value per (`assetNum`, `meter`, `readingTime`) and ignores an identical repeat.\n")
    assert [c.idempotent is not None for c in spec_of(text).contracts] == [True, True]
    assert "IS901" in codes(text.replace("(2) Fieldline keeps one value per (`assetNum`, `meter`, `readingTime`) and "
                                         "ignores an identical repeat.", "(2) Readings are summed."))


def test_a_repeat_told_in_other_words_is_safe():
    from intspec_lint.reading.idempotency import mentions
    for said in ("Meridian treats (`EXT_RPT_ID`, `EXT_RPT_REV`) as a replace key, so refiling the same revision "
                 "after a timeout overwrites itself.",
                 "Writing the same verdict twice leaves the assignment as it was.",
                 "`duplicate` (same `entry_uuid` already logged; nothing changes)."):
        assert mentions(said), said
    assert not mentions("Writing the verdict leaves the assignment open.")


def test_a_webhook_repeat_acknowledged_without_a_second_job_is_an_idempotency_statement():
    text = ("# Hotel ↔ Tidy\n\n## Interfaces\n\n- Inbound webhooks land on `https://hk.example.io/hooks/tidy`. hk-bridge "
            "keeps each event id in Redis for 24 h and acknowledges repeats with `200` without enqueuing a second job.\n")
    spec = spec_of(text)
    assert spec.idempotency is not None and any("event id" in s.text for s in spec.idempotency.statements)


def test_freshness_is_a_latency_and_partly_processed_a_partial_class():
    from intspec_lint.reading.vocabulary import load_vocabulary
    vocab = load_vocabulary()
    assert vocab.metric_kind("Freshness: now − newest collected_at loaded") == "latency"
    assert vocab.category("Partly processed timesheet files") == "partial"


def test_an_expiry_alert_some_days_ahead_is_a_credential_expiry_metric():
    text = ("# Bank → Pantry\n\n## Alerts\n\n| Alert | Condition |\n|---|---|\n"
            "| Failure rate | > 5% of jobs failed in the last hour |\n"
            "| Secret expiry | Key Vault near expiry event for `client-secret`, 30 days ahead |\n")
    assert "token-expiry" in {m.kind for m in spec_of(text).monitoring}


def test_a_metric_whose_alert_is_told_in_the_section_it_points_to_has_one():
    text = ("# Marina ↔ Berths\n\n## Resilience\n\n| Key | Value |\n|---|---|\n"
            "| Dead letter | `bf-outbound/$DeadLetterQueue`, resubmitted with `bfctl dlq resubmit` |\n"
            "| Dead-letter alert | Teams channel *Marina Systems* on every message; inbound ones also page on-call |\n\n"
            "## Monitoring\n\n| Key | Value |\n|---|---|\n"
            "| Latency | webhook → stay created, p95 > 20 s for 15 min → warning |\n"
            "| Dead letters | Count > 0 → see Resilience |\n")
    dead = next(m for m in spec_of(text).monitoring if m.kind == "dlq-size")
    assert dead.alert is not None
    assert next(m for m in spec_of(text.replace("see Resilience", "see below")).monitoring
                if m.kind == "dlq-size").alert is None


def test_struck_through_plain_text_is_not_said():
    text = ("# Hives → Cloud\n\nWhiteboard, 6 March.\n\n```\nRETRY\n  exp backoff, start 2s, x2, cap 5 min\n"
            "  max 8 tries  → then DLQ\n\nMONITORING  (Grafana \"hive-sync\")\n  error rate > 2% / 10 min → page on-call\n"
            "  SQS backlog > 2,000 msgs → warn\n  DLQ > 0 → Slack\n  secret expiry < 21 d → warn\n"
            "  ~~data freshness: no reading from a site > 45 min → warn~~\n```\n")
    latency = lambda said: [f for f in lint_text(said, "markdown") if f.code == "IS701" and "latency" in f.message]  # noqa: E731
    assert latency(text) and not latency(text.replace("~~", ""))


def test_a_certificate_replaced_by_the_next_with_an_overlap_is_rotated_and_a_dn_is_no_system():
    text = ("# Gateway ↔ Reservations\n\n## Security\n\nAGW to NRS: OAuth 2.0 client credentials; the client secret is "
            "rotated every 90 days.\n\nNRS to AGW: mutual TLS.  NRS presents a client certificate for\n"
            "CN=notify.example.no issued by Buypass, valid 12 months.  NRS MUST\npublish the next certificate 30 days "
            "before first use, and AGW\ntrusts both certificates during the overlap.\n")
    auth = spec_of(text).auth
    assert [a.system.text for a in auth] == ["AGW to NRS", "NRS to AGW"]
    assert auth[1].rotation is not None


def test_a_status_that_counts_as_success_is_handled():
    text = ("# DCS → BHS\n\n## Calls\n\n`DELETE /api/v3/bags/{tag}` (`204`). Status codes: `204` deleted, `404` already "
            "gone and counts as success, `409` stale also counts as success, `400` invalid body.\n\n"
            "## Errors\n\n| Category | Codes | Action |\n|---|---|---|\n| Transient | 503, timeouts | retry |\n"
            "| Permanent | 400 | dead-letter |\n| Partial | none | n/a |\n")
    assert "IS402" not in codes(text, "IS402")


def test_a_confluence_status_macro_in_a_cell_is_its_title_and_splits_no_cells():
    text = ("# Terminal ↔ Sailwise\n\n## Errors\n\n| Class | Examples | Handling |\n|---|---|---|\n"
            "| {status:colour=Yellow|title=TRANSIENT} | 429, 503, timeouts | Retry per *Retries* |\n"
            "| {status:colour=Red|title=PERMANENT} | 400, 404, 422 | No retry; dead-letter topic and an alert |\n"
            "| {status:colour=Blue|title=PARTIAL} | 207 | Accepted rows stand; rejected rows to the dead-letter topic |\n")
    errors = spec_of(text).errors
    assert [(e.category, bool(e.action and e.action.text)) for e in errors] == [
        ("transient", True), ("permanent", True), ("partial", True)]
    from intspec_lint.document.markdown import parse_markdown
    table = next(b for s in parse_markdown(text).root.walk() for b in s.blocks if hasattr(b, "rows"))
    assert [c.text for c in table.rows[0].cells][0] == "TRANSIENT"


def test_a_level_left_empty_in_a_table_by_level_takes_the_next_levels_threshold():
    text = ("# Terminal ↔ Sailwise\n\n## Monitoring\n\n| Metric | Warning | Critical |\n|---|---|---|\n"
            "| Consumer lag | > 500 | > 2,000 |\n| Dead-letter topics, message count | n/a | > 0 |\n")
    dead = next(m for m in spec_of(text).monitoring if m.kind == "dlq-size")
    assert dead.threshold.text == "> 0"


def test_each_row_of_an_alert_table_is_an_alert():
    text = ("# Depots → Yard\n\n## Alerts and what to do\n\n| Alert | Fires when | Do this |\n|---|---|---|\n"
            "| `QueueBacklog` | `arrivals` ready messages > 100 | Usually an open breaker; scale out. |\n")
    metrics = spec_of(text).monitoring
    assert metrics and all(m.alert is not None and "QueueBacklog" in m.alert.text for m in metrics)


def test_items_skipped_for_one_cycle_that_the_next_poll_fetches_again_are_not_lost():
    text = ("# Depots → Yard\n\n## Errors\n\n| Class | Cases | Handling |\n|---|---|---|\n"
            "| Partial | a poll where some buses fail | Good entries are pushed, failed ones are skipped for this "
            "cycle; the next poll fetches them again |\n")
    assert "IS602" not in codes(text)
    assert "IS602" in codes(text.replace("; the next poll fetches them again", ""))


def test_a_repeat_that_does_not_matter_or_gets_the_stored_record_is_safe():
    from intspec_lint.reading.idempotency import mentions, safe_by_nature
    assert mentions("It just overwrites the current track, so sending the same one twice doesn't matter.")
    assert mentions("A repeated `alert_id` returns `200` with the stored alert; HIS never raises the harbour-master "
                    "alarm twice for one `alert_id`.")
    assert safe_by_nature("It just overwrites the current track.")


def test_a_rule_against_loss_and_a_superseded_version_lose_nothing():
    from intspec_lint.reading.dead_letter import drops_messages
    assert drops_messages("Accessions cannot be lost, but a bad record must not block the queue.") is None
    assert drops_messages("`409`: a newer revision is held (the older update is discarded, counted as success)") is None
    assert drops_messages("Failed updates are discarded.") is not None


def test_a_message_cleared_from_an_outbox_once_delivered_loses_nothing():
    """"gets a `200` and is dropped from the spool": delivered first, then cleared; a failure's answer is no success."""
    from intspec_lint.reading.dead_letter import drops_messages
    assert drops_messages("A retried upload that did arrive the first time gets a `200` and is dropped from the spool, "
                          "so retries are safe.") is None
    assert drops_messages("On a 2xx the row is deleted from the outbox.") is None
    assert drops_messages("An upload that gets a `500` three times is dropped from the spool.") is not None


def test_a_cloud_metric_named_in_words_run_together_and_a_digest_are_read():
    from intspec_lint.reading.vocabulary import load_vocabulary
    from intspec_lint.reading.metric_words import ALERT_LEVEL
    assert load_vocabulary().metric_kind("`hutsync-{hut_id}` ApproximateNumberOfMessagesVisible") == "queue-depth"
    assert load_vocabulary().metric_kind("OceanCert calls") != "token-expiry"
    assert ALERT_LEVEL.search("rows added today > 0 → daily digest at 09:00")


def test_a_line_that_copies_fields_under_their_own_names_and_a_type_and_unit_column():
    from intspec_lint.reading.mappings import mapping_parts
    found = mapping_parts("`artist`, `title` → copied.")
    assert (found["source_field"], found["target_field"], found["transform"]) == ("artist + title", "artist + title",
                                                                                  "copied")
    text = ("# Gauges → Harbour\n\n## Mapping\n\n| Collector field | Type / unit | HIS field | Type / unit | Conversion |\n"
            "|---|---|---|---|---|\n| `t` | integer, Unix seconds UTC | `observed_at` | ISO 8601 UTC | Format "
            "`YYYY-MM-DDThh:mm:00Z` |\n")
    (row,) = spec_of(text).mappings
    assert row.target_type.text == "ISO 8601 UTC" and "IS802" not in codes(text)


def test_failures_held_in_a_named_state_nothing_thrown_away_are_dead_lettered():
    text = ("# Hospice ↔ Visits\n\n## FAQ\n\nIf it's not queued, look in **Held messages**. Nothing is thrown away: any "
            "message the engine gives up on is held there with the error, the Integration team gets an email, and "
            "held messages are kept for 30 days.\n\n| Label | Causes | What the engine does |\n|---|---|---|\n"
            "| **Rejected** | 400, 404, 422 | No retry; goes straight to Held messages and alerts the Integration team |\n")
    assert "IS601" not in codes(text)


def test_an_inline_example_that_elides_the_rest_of_a_list_is_an_example():
    text = ("# Hospice → Visits\n\n## Caseload\n\n`PUT https://api.example.com/v2/caseload`, body `{\"as_of\": "
            "\"2026-01-21T01:00:00Z\", \"patients\": [{\"external_id\": \"LW-1\", \"team_id\": \"tm_1\"}, …]}` → `200 OK` "
            "`{\"received\": 352, \"applied\": 352}`\n")
    (contract,) = spec_of(text).contracts
    assert {e.role for e in contract.examples} == {"request", "response"}


def test_lettered_clauses_after_a_lead_that_says_who_is_alerted_share_its_alert():
    text = ("# Buyer ↔ Supplier\n\n## 9. Monitoring\n\n9.2 Each Party shall raise an alert to its own support team when:\n"
            "  (a) P95 response time exceeds 5 s for 15 minutes;\n"
            "  (b) `5xx` responses plus timeouts exceed 2% of messages over 30 minutes;\n"
            "  (c) its outbound queue holds more than 100 unsent messages.\n")
    assert all(m.alert is not None for m in spec_of(text).monitoring)


def test_an_alert_level_inside_the_threshold_or_the_name_is_the_alert():
    text = ("# Caves → Stock\n\n## Monitoring\n\n```yaml\nmonitoring:\n  - metric: error_rate\n    threshold: \"> 2% over 10 min\"\n"
            "    alert: critical\n  - metric: client_secret_days_left\n    threshold: \"< 14 (warning), < 3 (critical)\"\n```\n\n"
            "- Key Vault expiry alerts: partner key < 14 days.\n")
    expiring = [m for m in spec_of(text).monitoring if m.kind == "token-expiry"]
    assert len(expiring) == 2 and all(m.alert is not None for m in expiring)


def test_an_alert_rows_name_gives_its_kind_before_its_aside():
    text = ("# Ploughs → Ops\n\n## Alerts\n\n| Alert | Condition | Severity |\n|---|---|---|\n"
            "| `OutboundErrors` | non-2xx ratio > 2% over 10 min | critical |\n"
            "| `CredentialExpiring` | `secret_expiry_seconds` < 14 days for any secret (covers a failed rotation run) "
            "| warning |\n")
    assert "token-expiry" in {m.kind for m in spec_of(text).monitoring}


def test_a_heading_of_an_event_name_over_a_body_is_a_message_and_a_lost_laptop_no_lost_message():
    text = ("# Quarry → Ledger\n\n## Contracts\n\n### 4.1 `weighpro.ticket.completed.v3` (F1)\n\n"
            "```json\n{\"ticket_no\": 448213, \"site_code\": \"STN\", \"gross_kg\": 44120}\n```\n")
    (contract,) = spec_of(text).contracts
    assert contract.kind == "message"
    from intspec_lint.reading.dead_letter import drops_messages
    assert drops_messages("If a tower laptop is lost mid-regatta the secretary signs in again.") is None


def test_a_category_that_answers_a_question_saying_what_is_done_has_that_action():
    text = ("# Vans → Chime\n\n## When things go wrong\n\n**Q: Which failures get retried?**\n\nTransient ones: `429`, "
            "`503`, timeouts, connection resets. Permanent ones (`400`, `404`) are not retried and go straight to dead "
            "letter.\n")
    transient = next(e for e in spec_of(text).errors if e.category == "transient")
    assert transient.action is not None
    assert "IS402" not in codes("# A → B\n\n## Calls\n\n`POST /v3/registrations`: `201` created; `409` already "
                                "registered, treat that as success; `400` invalid.\n\n## Errors\n\n| Category | Codes | Action |\n"
                                "|---|---|---|\n| Transient | 503 | retry |\n| Permanent | 400 | dead-letter |\n"
                                "| Partial | none | n/a |\n", "IS402")


def test_held_messages_watched_by_name_carry_their_alert():
    text = ("# Stations → Ops\n\n## 5. Failures\n\n5.3 Held messages: a message that is permanent or has used all 20 "
            "attempts is moved to the tablet's Held area. When the tablet next reaches Ops it uploads every held message, "
            "where it lands in the `held_messages` table for the returns team.\n\n## 7. Monitoring\n\n"
            "d) Held messages: any new row in `held_messages` raises a critical alert.\n")
    dead = spec_of(text).dead_letter
    assert dead is not None and dead.alert is not None


def test_a_current_versus_target_table_with_asides_keeps_the_target_and_its_units():
    text = ("# Shelters ↔ Panels\n\n## Current vs target\n\n"
            "| Aspect | Current state (nightly SFTP) | Target state (chosen: Option B) |\n|---|---|---|\n"
            "| Flows | 1: bookings CSV | bookings Shelters → Panels, on each booking, ~150/day |\n"
            "| Auth, Shelters side | Shared SFTP password | OAuth 2.0 client credentials issued by the Panels IdP |\n"
            "| Auth, Panels side | Same shared password | OAuth 2.0 client credentials issued by Entra ID |\n"
            "| Credential rotation | Never rotated | Both client secrets rotated every 90 days; stored in Azure Key Vault |\n"
            "| Retries | None | Exponential backoff, 1 s to a 5 min cap, 8 attempts |\n"
            "| Monitoring | Nobody | Latency, error rate, backlog and secret expiry alerts |\n")
    auth = spec_of(text).auth
    assert [a.system.text for a in auth] == ["Shelters side", "Panels side"]
    assert not any("password" in (a.mechanism.text if a.mechanism else "").lower() for a in auth)


def test_a_limit_a_volume_and_a_store_worded_their_own_way():
    from intspec_lint.reading.flows import frequency_phrase
    from intspec_lint.reading.auth_words import storage
    assert frequency_phrase.search("About 600 over the 6-week entry window, worst day is closing day at ~80.")
    assert storage("There are no passwords. Private keys stay in the onboard server's TPM.")
    text = ("# Dogs → Hub\n\n## Retries\n\nExponential backoff from 5 s, capped at 2 min, with the Service Bus max "
            "delivery count at 8. A circuit breaker opens after 10 consecutive failures for 5 minutes.\n")
    assert "IS501" not in codes(text)


def test_value_lists_in_brackets_on_both_sides_are_a_value_map_and_asides_no_types():
    from intspec_lint.reading.mappings import mapping_parts
    found = mapping_parts("`ad_slot` (`pre`, `mid1`, `post`) → `position` (`PRE`, `MID_1`, `POST`)")
    assert found["transform"] == "`pre` → `PRE`; `mid1` → `MID_1`; `post` → `POST`"
    text = ("# Hoplog → Ledger\n\n## Mapping\n\n- `episode_guid` (RSS `<guid>`, mixed case) → `episode_id`, looked up.\n"
            "- `country` (GeoIP alpha-2) → `geo`, copied.\n- `insertion_id` → `flight_id`, copied.\n"
            "- `network_slug` → `network`, copied.\n")
    assert "IS807" not in codes(text)


def test_rules_listed_after_who_alerts_on_them_are_alerts():
    text = ("# Moorings → Ops\n\n## Monitoring\n\n**R10 Monitoring.** Berthright alerts on:\n"
            "- p95 time from payment to TowpathOps `2xx` above 60 seconds;\n- error rate above 2% of calls over 15 minutes;\n"
            "- outbox depth above 200 rows.\n")
    metrics = spec_of(text).monitoring
    assert metrics and all(m.alert is not None for m in metrics)


def test_retransmission_clauses_in_standards_wording_are_the_retry_policy():
    text = ("# Glacier → Summit\n\n8 Errors\n\n8.1.1 Transient: timeout after 15 s, `429`, `503`. The message shall be "
            "retransmitted in accordance with Clause 9.\n\n8.1.2 Permanent: `400`, `422`. Not retransmitted; moved to the "
            "undeliverable store.\n\n8.1.3 Partial: an answer `207`; each booking not processed goes to the store.\n\n"
            "9 Retransmission\n\n9.1 Retransmission shall use exponential backoff: the first retransmission 3 s after "
            "the failure, each following interval doubled.\n\n9.2 No interval shall exceed 120 s.\n\n9.3 A message shall "
            "be transmitted at most 8 times.\n\n9.4 A sender shall stop transmitting to a receiver after 10 consecutive "
            "failed transmissions to it, for 5 minutes.\n\n10 Monitoring\n\n10.1 Error rate above 2 % over 15 minutes "
            "pages the on-call.\n")
    assert not {"IS401", "IS501"} & set(codes(text))


def test_a_sign_off_table_is_no_table_of_units_and_an_ascii_grid_in_a_block_is_a_table():
    text = ("# Census → Field\n\n## Approvals\n\n| Role | Name | Date | Decision |\n|---|---|---|---|\n"
            "| Producer owner | L. Dlamini | 3 Feb 2026 | Approved |\n| Consumer owner | J. Pretorius | 3 Feb 2026 | "
            "Approved |\n")
    assert not spec_of(text).flows
    grid = ("# Courts ↔ Desk\n\n## Errors\n\n```\n+-----------+-------------------+------------------------+\n"
            "| Class     | Examples          | Handling               |\n+-----------+-------------------+------------------------+\n"
            "| Transient | 429, 503,         | Retry per §6           |\n|           | timeouts          |                        |\n"
            "| Permanent | 400, 404          | No retry; dead-letter  |\n| Partial   | 207 with rejected | Each rejected line is  |\n"
            "|           | lines             | dead-lettered          |\n+-----------+-------------------+------------------------+\n```\n")
    assert [e.category for e in spec_of(grid).errors] == ["transient", "permanent", "partial"]


def test_a_section_marked_superseded_is_no_design_and_one_rule_for_both_is_no_system():
    text = ("# Cold store ↔ Leases\n\n## ADR-002\n\n### Exhausted messages *(superseded by ADR-005)*\n\n"
            "After the last retry the consumer will log the message at ERROR and discard it.\n\n## ADR-005\n\n"
            "Exhausted messages are routed to `chilltrack.lease-events.dlq`; nothing is discarded and the on-call is "
            "paged.\n")
    assert "IS602" not in codes(text)
    keys = ("# Club ↔ Hub\n\n## Keys and secrets\n\n- **ShackBook → RepeaterHub webhook:** HMAC-SHA256 shared secret.\n"
            "- **RepeaterHub → ShackBook API:** an API token issued to the `repeaterhub` service user.\n"
            "- **One rule for both:** every secret is rotated each March; both are accepted for 14 days. Secrets live "
            "in the VPS's `pass` store.\n")
    auth = spec_of(keys).auth
    assert len(auth) == 2 and "IS301" not in codes(keys)


def test_a_metric_is_asked_a_threshold_or_alert_only_where_the_metrics_beside_it_give_theirs():
    """Silence where no metric beside it has the value is a shape the reader did not read (an alert said over
    the table, an owner column), not a gap; one metric silent among neighbours that give theirs is one."""
    head = "# Meters → Billing\n\n## Monitoring\n\n| Check | Threshold | Owner |\n|---|---|---|\n"
    rows = ("| p95 read → bill latency | > 2 min over 30 min | Billing |\n| error rate | > 2% over 15 min | Meters |\n"
            "| outbound queue depth | > 800 batches | Billing |\n| signing key expiry | < 30 days | Meters |\n")
    assert not [f for f in lint_text(head + rows, "markdown") if f.code == "IS701"]
    alerts = "| Check | Threshold | Alert |\n|---|---|---|\n"
    told = rows.replace("| Billing |", "| page |").replace("| Meters |", "| warning |")
    silent = told.replace("| < 30 days | warning |", "| < 30 days | |")
    assert not [f for f in lint_text(head.replace("| Check | Threshold | Owner |\n|---|---|---|\n", alerts) + told,
                                     "markdown") if f.code == "IS701"]
    assert [f.line for f in lint_text(head.replace("| Check | Threshold | Owner |\n|---|---|---|\n", alerts) + silent,
                                      "markdown") if f.code == "IS701"] == [10]
    listed = ("# Meters → Billing\n\n## Monitoring\n\n- p95 latency > 2 min → page\n- error rate > 2% → page\n"
              "- queue depth > 800 → page\n- signing key expiry → page\n")
    assert [f.line for f in lint_text(listed, "markdown") if f.code == "IS701"] == [8]  # its neighbours give one
    paged = ("# Meters → Billing\n\n## Monitoring\n\nWe page the on-call when:\n\n- p95 latency drifts → page\n"
             "- the error rate climbs → page\n- queue depth builds → page\n- the signing key nears expiry → page\n")
    assert not [f for f in lint_text(paged, "markdown") if f.code == "IS701" and "no threshold" in f.message]


def test_a_lead_that_says_where_alerts_are_routed_gives_the_alert_of_the_metrics_after_it():
    text = ("# Meters → Billing\n\n## Monitoring\n\n- Alerts configured in Billing (Datadog) and Meters Connect "
            "(Zabbix), both routed to the joint Teams channel and the on-call of the owning side:\n\n"
            "| Check | Threshold | Owner |\n|---|---|---|\n| p95 latency | > 2 min | Billing |\n"
            "| error rate | > 2% | Meters |\n| queue depth | > 800 | Billing + partner ops |\n"
            "| key expiry | < 30 days | Meters |\n")
    assert all(m.alert is not None for m in spec_of(text).monitoring)


def test_a_policy_that_gives_its_delays_owes_no_strategy_name_and_an_attempt_limit_bounds_its_longest_wait():
    """The checklist asks for "delays": "1 s, 2 s, 4 s, then 8 s" is the strategy it would name, and a first delay
    gives the delays; a growing delay with no limit owes the bound on its attempts, not a cap."""
    policy = ("# Tills → Lab\n\n## Retry\n\nWe retry after {delays}, {limit}. A circuit breaker opens after 10 "
              "failures in a row for 2 minutes.\n")
    assert "IS501" not in codes(policy.format(delays="1 s, 2 s, 4 s, then 8 s", limit="four retries in all"))
    assert "IS501" not in codes(policy.format(delays="2 s, doubling each time", limit="at most 6 attempts"))
    found = [f.message for f in lint_text(policy.format(delays="2 s, doubling each time", limit="until it succeeds"),
                                          "markdown") if f.code.startswith("IS50")]
    assert found and all("attempts" in m and "delay cap" not in m for m in found)


def test_a_success_status_also_given_for_a_repeat_makes_the_write_idempotent():
    """"`200` stored (also when the same card is sent again)": the status line says a repeat is answered as the
    first call was."""
    call = ("# Club → League\n\n## Submit card\n\n`POST https://league.example/api/v1/results`\n\n"
            "```json\n{{\"fixture_id\": 40127, \"home_points\": 4.5}}\n```\n\nCodes: {codes}; `400` malformed.\n\n"
            "## Post photo\n\n`POST https://league.example/api/v1/photos` with `Idempotency-Key: <photo uuid>`\n\n"
            "```json\n{{\"fixture_id\": 40127, \"url\": \"https://img.example/1.jpg\"}}\n```\n")
    assert "IS901" not in codes(call.format(codes="`200` stored (also when the same card is sent again)"))
    assert "IS901" in codes(call.format(codes="`200` stored (also when the server is slow)"))


def test_a_success_status_shown_over_an_example_is_not_asked_into_a_list_whose_only_success_answers_a_repeat():
    """The list's `200` answers a repeated key; the example's `201 Created` is the first call's answer and says
    what it means itself."""
    text = ("# Stable → Vet\n\n## Visit request\n\n`POST https://vet.example/v2/visit-requests`\n\n"
            "| Status | Meaning |\n|---|---|\n| 200 | a repeated key: the original response |\n| 409 | patient unknown |\n\n"
            "```http\nHTTP/1.1 201 Created\n\n{\"request_id\": \"VR-448102\"}\n```\n\n"
            "```http\nHTTP/1.1 422 Unprocessable Entity\n\n{\"error\": \"window in the past\"}\n```\n")
    found = [f.message for f in lint_text(text, "markdown") if f.code == "IS205"]
    assert len(found) == 1 and "422" in found[0] and "201" not in found[0]


def test_a_direction_cell_that_says_who_pulls_from_whom_gives_both_ends():
    text = ("# Tours → Ops\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| Departure manifest | IceOps pulls from FjellBook | Scheduled 05:30 and 11:30 | Participant list | "
            "60 pulls/day |\n| Attendance | IceOps → FjellBook | Guide closes the departure | Attendance JSON | 30/day |\n")
    flow = spec_of(text).flows[0]
    assert (flow.source.text, flow.destination.text) == ("FjellBook", "IceOps")
    assert "IS101" not in codes(text)


def test_a_block_under_a_call_line_that_points_at_its_method_and_url_is_the_request():
    """"**Booking webhook** → `POST https://…/events`": the arrow leads to the call, not to what comes back."""
    text = ("# Tours → Ops\n\n## Interfaces\n\n**Attendance** → `PUT https://api.example/v1/departures/{id}/attendance`"
            "\n\n```json\n{\"participants\": [{\"pid\": \"p1\", \"status\": \"CHECKED_IN\"}]}\n```\n\n"
            "`200 {\"updated\": 1}`. The body replaces the previous list, so a resend is safe.\n")
    contract = spec_of(text).contracts[0]
    assert [e.role for e in contract.examples][:1] == ["request"]
    assert "IS202" not in codes(text)


def test_a_credential_whose_lifetime_and_successor_are_told_has_its_rotation():
    """"The client secret is valid 12 months; IT creates the replacement 30 days ahead": a rotation in the words
    of the procedure, with no "rotate" in it."""
    text = ("# Silos → Ledger\n\n## Access\n\n- **R1** SiloSense API: OAuth 2.0 client credentials. {said} It lives in "
            "Vault `secret/binbridge/silosense`.\n- **R2** Ledger webhook: HMAC-SHA256 shared secret, rotated every "
            "180 days, kept in Vault.\n")
    told = "The client secret is valid 12 months; IT creates the replacement in the admin portal 30 days ahead."
    assert "IS301" not in codes(text.format(said=told))
    assert "IS301" in codes(text.format(said="The client secret is set up by IT in the admin portal."))


def test_a_run_of_failures_in_a_row_that_deactivates_the_sender_is_a_breaker():
    text = ("# Shop → Rentals\n\n## Errors\n\nTransient errors (429, 5xx) are retried 3 times, 5 minutes apart "
            "(fixed interval). {breaker}\n")
    said = "Make deactivates the scenario after 5 failed runs in a row; webhooks keep queuing meanwhile."
    assert spec_of(text.format(breaker=said)).retry.circuit_breaker is not None
    assert spec_of(text.format(breaker="Make keeps the failed runs.")).retry.circuit_breaker is None


def test_a_flow_sentence_led_by_its_trigger_word_gives_its_payload_too():
    text = ("# Till → Cellar\n\n## Flows\n\n- **M-01 Sale.** Till → Cellar. When a bill is closed, Till sends webhook "
            "`order.closed` with every line of the bill. ~900 bills/day.\n- **M-02 Restock.** Cellar → Till. Nightly "
            "at 02:00 the stock file goes out. 1 file/day.\n")
    flow = spec_of(text).flows[0]
    assert flow.payload is not None and "order" in flow.payload.text


def test_a_setting_named_for_retries_is_evidence_of_retrying():
    """A README whose only word on retrying is an environment variable (`MHS_RESYNC_RETRIES`, defaults to 20) talks
    about retries: it is told the policy is incomplete, not that there is none."""
    text = ("# Adaptor\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
            "| Order | Shop | ERP | checkout | order JSON | 200/h |\n\n## Settings\n\n"
            "* {setting} (outbound only) The total number of attempts made, defaults to '20'\n")
    found = [f.message for f in lint_text(text.format(setting="'MHS_RESYNC_RETRIES'"), "markdown") if f.code == "IS501"]
    assert found and not found[0].startswith("there is no retry policy")
    found = [f.message for f in lint_text(text.format(setting="`MAX_BACKOFF_MS`"), "markdown") if f.code == "IS501"]
    assert found and not found[0].startswith("there is no retry policy")  # in capitals too
    found = [f.message for f in lint_text(text.format(setting="'MHS_RESYNC_WAIT'"), "markdown") if f.code == "IS501"]
    assert found and found[0].startswith("retry policy is mentioned on line 11 but never described")  # "attempts",
    # once: touched on, not talked about
    found = [f.message for f in lint_text(text.split("## Settings")[0], "markdown") if f.code == "IS501"]
    assert found and found[0].startswith("there is no retry policy")


def test_the_sentence_after_a_class_named_in_a_paragraph_says_its_action():
    """"*Partial*: a visit where some lines fail (usually a `422`). We post the lines that map and hold the rest in
    Needs attention.": the class's action is its paragraph's next sentence."""
    text = ("# Vets → Billing\n\n## When things go wrong\n\nThree. *Temporary* (`429`, `503`, timeouts): we retry. "
            "*Permanent* (`400`, `404`): we don't retry; the item goes to **Needs attention**. *Partial*: a visit "
            "where some\ncharge lines fail (usually a `422`). {next}\n")
    told = "We post the consultation with the lines that map and hold the unknown lines in Needs attention."
    partial = [e for e in spec_of(text.format(next=told)).errors if e.category == "partial"]
    assert partial and partial[0].action is not None
    assert [e.action for e in spec_of(text.format(next="It happens weekly.")).errors if e.category == "partial"] == [None]
    settled = text.format(next=told) + ("\nA `409` on the PATCH is not an error at all: a newer status already got "
                                        "there.\nWe record it in the audit log as `superseded` and move on.\n")
    assert "IS602" not in codes(settled)  # what is done with an outcome that failed nothing drops nothing


def test_a_level_in_words_a_list_led_by_alert_on_and_a_queue_by_its_name_are_monitoring():
    """"any" and "not empty" are levels an alert fires on; a list led by "alert on, at least:" says every item
    alerts; a metric that names a queue (or what is unsent) and nothing else measures what waits in it."""
    table = ("# Results → Broadcast\n\n## Monitoring\n\n| Signal | Alert | Where |\n|---|---|---|\n"
             "| Result to graphic (P95) | > 3 s over 5 min | page |\n| Webhook error rate | > 1% over 5 min | page |\n"
             "| `results.dlq` size | > 0 | page |\n| Client secret expiry | < 21 days | ticket |\n"
             "| Access token refresh failures | any | page |\n")
    assert [m.threshold.text for m in spec_of(table).monitoring][-1] == "any"
    assert "IS701" not in codes(table, "IS701")
    listed = ("# Claims → Insurer\n\n## Monitoring\n\nWe page on p95 latency over 800 ms, 5xx rate over 1%, a backlog over "
              "500 events, dead letters (any) and client secret expiry (14 days ahead).\n\nWe ask you to alert on, at least:\n"
              "- p95 of your calls to us over 2 seconds;\n- more than 2% of your calls failing over 15 minutes;\n")
    assert all(m.alert is not None for m in spec_of(listed).monitoring)
    deflist = ("# Lockers → Keys\n\n## Monitoring\n\nLatency\n: p95 over 2 s → warning\n\nErrors\n: error rate over 1% → page\n\n"
               "Dead letters\n: `keybox-events-dlq` not empty → warning to #ops\n")
    dead = [m for m in spec_of(deflist).monitoring if m.kind == "dlq-size"]
    assert dead and dead[0].threshold is not None and "not empty" in dead[0].threshold.text
    queues = ("# Canteens → Pay\n\n## Monitoring\n\n| Measure | Alert threshold |\n|---|---|\n"
              "| MealPoint unsent IF1 batches | > 4 |\n| MealPoint inbound top-up queue | > 200 messages |\n")
    assert [m.kind for m in spec_of(queues).monitoring] == ["queue-depth", "queue-depth"]


def test_a_retry_configs_bare_delay_is_its_first_wait():
    """Symfony's `retry_strategy: {max_retries, delay, multiplier, max_delay}` and Spring's `@Backoff(delay=...)`:
    a bare `delay` beside a multiplier is the first wait."""
    text = ("# Shop → Envelope\n\n## Retries\n\n```yaml\nframework:\n  messenger:\n    transports:\n      outbound:\n"
            "        retry_strategy:\n          max_retries: 8\n          delay: 10000        # ms\n"
            "          multiplier: 2\n          max_delay: 600000   # 10 min\n```\n\n"
            "- Circuit breaker: 5 failures in a row → open 5 min\n")
    retry = spec_of(text).retry
    assert retry.initial_delay is not None and retry.initial_delay.text == "10000"
    assert "IS501" not in codes(text, "IS501")


def _writes(duplicates: str) -> str:
    return ("# Stations → Hub\n\n## Calls\n\n"
            "**3.1 Wind readings**: `POST https://hub.example/v2/sites/{site}/readings:batch`\n\n"
            "```json\n{\"gateway\": \"GW-02\", \"seq\": 884121, \"readings\": [{\"sensor\": \"T1\", \"t_c\": 11.2}]}\n```\n\n"
            "→ `202 {\"stored\": 1}`\n\n"
            "**3.2 Gate events**: `POST https://hub.example/v2/gates/events`\n\n"
            "```json\n{\"event_id\": \"ev-118420\", \"gate\": \"G7\", \"state\": \"OPEN\"}\n```\n\n"
            "→ `201 {\"id\": 771044}`\n\n"
            "**3.3 Lock faults**: `POST https://hub.example/v2/locks/faults`\n\n"
            "```json\n{\"event_id\": \"ev-118502\", \"lock\": \"L2\", \"code\": \"F14\"}\n```\n\n"
            "→ `201 {\"id\": 771045}`\n\n## Duplicates\n\n" + duplicates + "\n")


def test_a_natural_key_or_a_shared_delivery_id_said_in_a_duplicates_section_covers_the_writes_it_names():
    """"Readings are keyed by gateway and sequence", "stores them with an upsert on that pair", "Hub events are
    deduplicated on `event_id`": a separate section says which key makes each write's repeat safe, by the
    resource its path ends in, its label, or a delivery id every write of a kind carries."""
    said = ("Safe everywhere: readings are upserted on `gateway` + `seq`. "
            "Hub events are deduplicated on `event_id` for 7 days.")
    assert "IS901" not in codes(_writes(said))
    keyed = "Wind readings are keyed by gateway and sequence. Hub events are deduplicated on `event_id` for 7 days."
    assert "IS901" not in codes(_writes(keyed))
    # a key said of one resource is not another's, and a delivery id only carried is no dedup of every delivery
    one = [f.message for f in lint_text(_writes("Readings are keyed by gateway and sequence. Gate events carry "
                                                "`event_id` for tracing."), "markdown") if f.code == "IS901"]
    assert len(one) == 1 and "faults" in one[0]


def test_a_success_answered_with_the_same_body_for_a_known_id_is_idempotent():
    text = ("# Scanner → Cave\n\n## Wheel events\n\n`POST https://cave.example/v1/wheels/events`\n\n"
            "```json\n{\"scan_id\": \"5f0c9a1e\", \"label\": \"CR-0412-017\", \"code\": \"T\"}\n```\n\n"
            "→ `201 {\"id\": 771044}`, or `200` with the same WHAT if `scan_id` was already recorded.\n")
    assert "IS901" not in codes(text.replace("WHAT", "body"))
    assert "IS901" in codes(text.replace("WHAT", "colour"))


def test_a_duplicates_paragraph_naming_each_write_by_its_id_or_its_items_covers_each():
    """"RiverOps upserts samples on (gate, time) ... a repeated F2 is answered `200` ...; RiverOps keeps the first
    F3 per revision": the batch's items ("samples"), and the ids "F2", "F3" that lead the calls' lines."""
    text = ("# Dam → Ops\n\n## Interfaces\n\nF1, `POST https://ops.example/v1/gate-telemetry`:\n\n"
            "```json\n{\"station\": \"K\", \"samples\": [{\"gate\": \"SG1\", \"ts\": \"2026-02-03T04:15:00Z\"}]}\n```\n\n"
            "F2, `POST https://gate.example/v1/directives`:\n\n```json\n{\"directive_id\": \"RD-1\", \"revision\": 2}\n```\n\n"
            "F3, `POST https://ops.example/v1/directive-acks`:\n\n```json\n{\"directive_id\": \"RD-1\", \"ack_by\": \"OP7\"}\n```\n\n"
            "## Reliability\n\n**Duplicates.** RiverOps upserts samples on (gate, sample time). The gateway answers a "
            "repeated F2 with `200` and shows it once.\n\n## Acknowledgements\n\nRiverOps {acks}.\n")
    assert "IS901" not in codes(text.replace("{acks}", "keeps the first F3 per revision"))
    found = [f.message for f in lint_text(text.replace("{acks}", "logs every F3"), "markdown") if f.code == "IS901"]
    assert len(found) == 1 and "directive-acks" in found[0]


def test_a_repeat_answered_on_the_line_its_sentence_wraps_onto_is_idempotent():
    text = ("# Studio → Hub\n\n## Now playing\n\n`POST https://hub.example/ingest/now-playing`\n\n"
            "```json\n{\"studio\": \"S1\", \"line\": 448213}\n```\n\nHub answers `204`; a repeat of the same `studio` + "
            "`line` is also answered `204`\nand {what}.\n")
    assert "IS901" not in codes(text.replace("{what}", "changes nothing"))
    assert "IS901" in codes(text.replace("{what}", "is logged"))


def test_a_repeat_said_in_the_sentence_after_a_webhook_line_is_said_of_that_webhook():
    text = ("# Vendor → Pharmacy\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
            "|---|---|---|---|---|---|\n| T2 | ThermoTrace | Pharmacy | webhook on alarm | alarm | ~20/day |\n\n"
            "## Messages\n\nT2, alarm: `{\"alm\": {\"id\": \"A-99120\"}}` → `200 {\"stored\": \"A-99120\"}`.\n"
            "A repeated `alm.id` returns the same 200 and raises no second alert.\n\n"
            "## Duplicates\n\nReadings are upserted on (`unit`, `at`).\n")
    assert "IS902" not in codes(text)
    assert "IS902" in codes(text.replace("A repeated `alm.id` returns the same 200 and raises no second alert.",
                                         "Alarms are shown on the board."))


def test_a_repeat_said_safe_of_each_items_field_is_no_rule_for_every_write():
    """"The load sets each item's location by `item_ref`, so loading the same file twice leaves\nthe same result":
    said of the file's load, wrapped or not; "each item's" is no "each write"."""
    text = ("# Office → Reclaim\n\n## Nightly file\n\nThe load sets each item's location by `item_ref`, so loading the "
            "same file twice leaves\nthe same result.\n\n## Handover\n\n`POST https://reclaim.example/v1/claims/{id}/handover`"
            "\n\n```json\n{\"claim_id\": \"c-1\", \"fee_pence\": 500}\n```\n\n`201` handed over.\n")
    assert "IS901" in codes(text)


def test_a_conflict_status_said_to_mean_already_held_makes_a_write_safe_to_repeat():
    text = ("# Bars → Fish\n\n## Flows\n\n| ID | Direction | Trigger | Payload | Endpoint | Frequency | Duplicate-safe by |\n"
            "|---|---|---|---|---|---|---|\n| IF-04 Quality claim | BOH -> UmiLink | receiver records a reject | Claim JSON "
            "| `POST /v2/claims` | ~5 a day | `claim_ref`; `409` = {meaning} |\n\n## Claims\n\n`POST /v2/claims`\n\n"
            "```json\n{\"claim_ref\": \"CL-1\", \"kg_short\": 1.2}\n```\n\n`201` stored.\n")
    assert "IS901" not in codes(text.replace("{meaning}", "already held"))
    assert "IS901" in codes(text.replace("{meaning}", "bar closed"))


def test_a_whole_spec_kept_as_one_hcl_file_is_read_by_its_labelled_blocks():
    """`contract "post_readings" { method = "POST" ... }`, one-line `monitor "cert_expiry_days" { threshold = "< 21"
    alert = "critical" }` blocks and `permanent = [...]  # -> dead_letter{}`: contracts told, metrics read, each class's
    action in the comment on its line."""
    text = ('# hive-bridge\n\n```hcl\nintegration "hive_bridge" {\n  contract "post_readings" {\n    method = "POST"\n'
            '    url    = "/v2/readings:batch"\n  }\n  errors {\n    transient = ["429", "503"]   # -> retry{}\n'
            '    permanent = ["400", "422"]   # -> dead_letter{}\n  }\n'
            '  monitor "queue_depth"              { threshold = "> 20000 msgs"  alert = "critical" }\n'
            '  monitor "mqtt_client_cert_expiry_days" { threshold = "< 21"  alert = "critical" }\n}\n```\n')
    messages = [f.message for f in lint_text(text, "markdown") if f.code in ("IS202", "IS401", "IS701")]
    assert not any("no API or message contracts" in m or "expiry" in m or "has no action" in m for m in messages), messages
    assert {m.kind for m in spec_of(text).monitoring} == {"queue-depth", "token-expiry"}


def test_a_latency_metric_told_as_how_long_a_lag_or_a_request_taking_longer_is_one():
    """"how long from a payment to the balance changing — alert if over 5 minutes", a `publish_lag_minutes` gauge,
    "alerts when any request takes longer than 1.5 s", a `_seconds_bucket` histogram quantile: latency, in other
    words."""
    head = ("# Books → Fermata\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Error rate of calls | > 2% over 15 min | critical |\n| Queue depth | > 100 | warning |\n"
            "| API key days left | < 14 | warning |\n")
    for said in ("| How long from a payment to the balance changing | over 5 minutes | warning |",
                 "| `grooming_publish_lag_minutes` | > 45 for 2 runs | warning |",
                 "| Any request takes longer than | 1.5 s | #ob-partners |",
                 "| `histogram_quantile(0.95, rate(sync_batch_seconds_bucket[1h]))` | > 20 | warning |"):
        found = [f.message for f in lint_text(head + said + "\n", "markdown") if f.code == "IS701"]
        assert not any("latency" in m for m in found), (said, found)


def _keyless(text):
    return [f.message for f in lint_text(text, "markdown") if f.code == "IS901"]


_TWO_CALLS = ("# Vessels → Quota\n\n## Contracts\n\n**C1 Declaration**, `POST /v3/declarations` with "
              "`{\"externalId\": \"d-1\"}`; `201`.\n\n**C4 Notice push**, `POST https://catchlog.example/notices` with "
              "`{\"noticeId\": \"QN-1\"}`; `202`.\n\n## Idempotency\n\n")


def test_ids_joined_by_a_slash_are_each_named():
    """"C4/F5: `noticeId` is unique" is C4's, and F5's; a statement of C1 alone still leaves C4 keyless."""
    c1 = "C1: a repeat of the same `externalId` returns the original declaration.\n\n"
    assert not _keyless(_TWO_CALLS + c1 + "C4/F5: `noticeId` is unique; a notice received twice is not applied again.\n")
    assert _keyless(_TWO_CALLS + c1)


def test_a_repeat_named_by_a_code_span_and_a_state_reached_before_say_a_call_is_safe():
    """"the same `X-Request-Key`" is a repeat (the code span ends the phrase), and "`200`, also when already
    cancelled" answers a repeat of a call that sets a state."""
    text = ("# Trees → Works\n\n## Contracts\n\n**Raise request.** `POST https://works.example/api/requests`, header "
            "`X-Request-Key: ARB-1`, with `{\"AssetID\": \"TR-1\"}`.\n\nResponse `201 Created`. When the same "
            "`X-Request-Key` has been seen before, Works returns `200 OK` with the original `RequestID`.\n")
    assert not _keyless(text)
    cancel = ("# Porters\n\n## Contracts\n\nCancel: `POST /api/v6/jobs/{external_id}/cancel` with `{\"reason\": \"X\"}` "
              "returns `200 {\"state\": \"CANCELLED\"}`, also when already cancelled.\n")
    assert not _keyless(cancel)
    assert _keyless(cancel.replace(", also when already cancelled", ""))


def test_a_key_named_in_one_sentence_and_upserted_on_in_the_next_covers_the_calls_that_send_it():
    """"`session_id` is a GUID the plugin creates. The PMS upserts on it (single and batch), so a retry ... cannot
    create a second record": the batch sends `session_id` in its items too, though only the single call has a key
    header."""
    text = ("# Fittings → PMS\n\n## Contracts\n\n### Session summary\n\n`POST /v2/fitting-sessions`, header "
            "`Idempotency-Key: <session_id>`\n\n```json\n{\"session_id\": \"9f1c\", \"patient_id\": \"P-1\"}\n```\n\n"
            "`200 OK` with the same body when the `Idempotency-Key` was already used.\n\n### Offline backlog\n\n"
            "`POST /v2/fitting-sessions:batch`\n\n```json\n{\"sessions\": [{\"session_id\": \"9f1c\", \"patient_id\": "
            "\"P-1\"}]}\n```\n\n## Duplicates\n\n`session_id` is a GUID the plugin creates when the session is first "
            "saved.\nThe PMS upserts on it (single and batch), so a retry, a replayed dead letter or a backlog that "
            "overlaps an earlier upload cannot create a second fitting record.\n")
    assert not _keyless(text)
    # (not with "The PMS reads it ..., so a retry ... cannot create a second fitting record": still a claim that a repeat
    # is harmless, said in the duplicates section, which the reader says nothing against)
    assert _keyless(text.replace("The PMS upserts on it (single and batch), so a retry, a replayed dead letter or a "
                                 "backlog that overlaps an earlier upload cannot create a second fitting record.",
                                 "The PMS reads it."))


def test_a_message_older_than_the_stored_one_ignored_is_no_failed_message_lost():
    """"A message whose `updated_at` is older than the stored `source_updated_utc` is ignored": superseded by design;
    "a message that fails validation is ignored" still loses it."""
    def dropped(sentence):
        text = ("# Bookings → Rooms\n\n## Error handling\n\n| Class | Action |\n|---|---|\n| Transient | retried |\n"
                f"| Permanent | dead-lettered to `gmc-dlq` |\n\n## Writes\n\n{sentence}\n")
        return [f for f in lint_text(text, "markdown") if f.code == "IS602"]
    assert not dropped("A message whose `updated_at` is older than the stored `source_updated_utc` is ignored, so an "
                       "out-of-order update cannot undo a cancellation.")
    assert dropped("A message that fails validation is ignored.")


def test_failed_items_kept_in_a_place_named_in_other_words_are_the_dead_letter_place():
    """"Items that use up their attempts join the exceptions work list ... the Registrar gets an email" and "a
    declaration that exhausts its attempts is stored in `declarations_held`" name where failed messages go."""
    retry = ("# Loans → Cura\n\n## Retry\n\nExponential backoff from 2 s, doubling, capped at 5 min, 6 attempts; "
             "the breaker opens after 10 failures.\n\n## Failures\n\n")
    joined = retry + ("Items that use up their attempts join the exceptions work list. The list is never purged; the "
                      "Registrar on duty gets an email for each new item and resubmits it.\n")
    assert not [f for f in lint_text(joined, "markdown") if f.code == "IS601"]
    held = retry + ("Held declarations: a declaration that fails permanently or exhausts its attempts is stored in "
                    "`declarations_held` with the last response. The compliance officer gets an SMS at once.\n")
    assert not [f for f in lint_text(held, "markdown") if f.code == "IS601"]
    assert [f for f in lint_text(retry + "Items that use up their attempts are written to the log.\n", "markdown")
            if f.code in ("IS601", "IS602")]


def test_a_message_given_up_on_after_its_retries_and_discarded_is_lost():
    """"After the fifth retry the event is discarded" and "if a ping still fails after 3 attempts the worker drops
    it" lose failed messages, in any words for the failure."""
    for sentence in ("After the fifth retry the event is discarded; SunWatch does not store undelivered webhooks.",
                     "If a ping still fails after 3 attempts the worker drops it (debug log only)."):
        text = f"# Cleaning → Sites\n\n## Failures\n\n{sentence}\n"
        assert [f for f in lint_text(text, "markdown") if f.code == "IS602"], sentence


def test_a_partial_failure_told_by_what_becomes_of_each_part_is_a_category():
    """"load every valid row, reject invalid rows individually ... copy each rejected row to `dlq`" tells the partial
    class and its handling."""
    base = ("# Rosters → Payroll\n\n## Errors\n\n| Class | Examples | Action |\n|---|---|---|\n"
            "| Transient | timeouts, 503 | retried |\n| Permanent | 400 | dead-lettered to `payroll-failed` |\n\n"
            "## Upload\n\nThe nightly file is a batch of rows; payroll answers with a `.rej` file listing rejected rows.\n\n")
    def partial(text):
        return [f for f in lint_text(text, "markdown") if f.code == "IS401" and "partial" in f.message]
    assert partial(base)
    assert not partial(base + "**FH-04** For the file, payroll shall load every valid row, reject invalid rows "
                              "individually, and copy each rejected row to `payroll-failed` for review.\n")


def test_a_call_that_writes_nothing_says_repeats_do_not_matter():
    text = ("# Rescue → Dispatch\n\n## Contracts\n\n**Heartbeat.** `POST https://cad.example/mrt/v2/heartbeat` with "
            "`{\"team\": \"KMRT\"}` every 60 s; `204`. It writes nothing, so repeats don't matter.\n")
    assert not _keyless(text)
    assert _keyless(text.replace(" It writes nothing, so repeats don't matter.", ""))


def test_a_natural_key_as_a_tuple_and_a_path_end_in_code_name_what_is_safe():
    """"Readings are unique on `(sensor_id, observed_at)` ... inserts with `ON CONFLICT DO NOTHING`" covers the batch
    that sends both; "safe by construction (`down/replace`)" names the call whose path ends so."""
    text = ("# Sensors → Ingest\n\n## Contracts\n\n### Readings\n\n`POST https://ingest.example/v1/readings:batch`\n\n"
            "```json\n{\"readings\": [{\"sensor_id\": \"CM-03\", \"observed_at\": \"2025-02-03T10:00:00Z\", \"mm\": 2}]}\n```\n\n"
            "### Downlink\n\n`POST https://lns.example/api/v3/devices/{id}/down/replace`\n\n```json\n"
            "{\"downlinks\": [{\"f_port\": 2, \"frm_payload\": \"AQ==\"}]}\n```\n\n## Duplicates\n\n"
            "Ingest keeps rows unique on `(sensor_id, observed_at)` and inserts with `ON CONFLICT DO NOTHING`.\n"
            "Downlinks are safe by construction (`down/replace`).\n")
    assert not _keyless(text)
    assert len(_keyless(text.replace("Downlinks are safe by construction (`down/replace`).\n", "")
                        .replace("`(sensor_id, observed_at)`", "`(station, day)`"))) == 2


def test_skipping_the_retries_is_no_message_dropped():
    text = ("# Studio → Bookings\n\n## Failures\n\nWe write a `SyncFailure` row, shown under Sync problems with a Retry "
            "button. Permanent failures skip the retries and go straight there. Nothing just disappears.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS602"]


def test_a_message_logged_and_deleted_after_its_receives_is_lost():
    """"after 5 receives the consumer writes the event to the CloudWatch log group and deletes the message": logged,
    then gone."""
    text = ("# Rooms → Hotel\n\n## Failures\n\nAfter 5 receives the consumer writes the event to the CloudWatch log "
            "group `/hk-relay/failed` and deletes the message.\n")
    assert [f for f in lint_text(text, "markdown") if f.code == "IS602"]


def test_a_repeat_said_to_be_safe_is_idempotency():
    text = ("# Inverter → Portal\n\n## Send readings\n\n`POST https://portal.example/v1/readings`\n\n"
            "```json\n{\"serial\": \"X-1\", \"ts\": 1718187302, \"wh\": 52}\n```\n\n"
            "Sending the same batch twice is safe: readings are stored per (`serial`, `ts`) and a repeat overwrites "
            "with identical values.\n")
    assert "IS901" not in codes(text, "IS901")


def test_a_conditional_update_on_a_version_is_safe_to_repeat():
    text = ("# Beds → EHR\n\n## Write-back\n\n`PATCH https://ehr.example/r4/Location/{id}`. Headers: "
            "`Content-Type: application/json`, `If-Match: W/\"<version>\"`.\n\n```json\n{\"status\": \"U\"}\n```\n\n"
            "Codes: `200` updated · `412` version changed.\n")
    assert "IS901" not in codes(text, "IS901")


def test_a_header_told_as_the_key_covers_every_call_that_sends_it():
    text = ("# Boat → Registry\n\n## Calls\n\n### `POST /catches`\n\nHeaders: `X-Report-Id: <uuid>`.\n\n"
            "```json\n{\"boat\": \"N-12\"}\n```\n\n### `POST /landings`\n\nSame headers.\n\n"
            "```json\n{\"boat\": \"N-12\", \"port\": \"TOS\"}\n```\n\n## Duplicates\n\n"
            "- `X-Report-Id` is a UUIDv5 over the report's natural key, so every retry sends the same id. "
            "The registry answers a repeat with `200` and the original receipt.\n")
    assert "IS901" not in codes(text, "IS901")


def test_a_webhook_receiver_known_by_its_delivery_header():
    # the POST is the portal's delivery to us (its `X-Portal-Delivery` header), answered by the upsert's words
    text = ("# Festival → Jury\n\nThe portal posts each change to us:\n\n```http\n"
            "POST /ws/simple/executeSubmission HTTP/1.1\nContent-Type: application/json\n"
            "X-Portal-Delivery: 6b1f2c9e\n\n{\"submission_id\": \"S-1\"}\n```\n\nResponse: `202 Accepted`.\n\n"
            "`PUT https://jury.example/entries/{submission_id}` creates the entry the first time and "
            "replaces it afterwards, so a redelivered webhook or a re-run leaves one entry.\n\n"
            "```json\n{\"title\": \"Night train\"}\n```\n\n"
            "`PATCH https://jury.example/entries/{submission_id}` withdraws it; a `404` counts as done.\n\n"
            "```json\n{\"status\": \"withdrawn\"}\n```\n")
    assert codes(text, "IS901", "IS902") == []


def test_an_event_id_already_processed_answers_a_redelivered_webhook():
    text = ("# Gate → Bookings\n\n## Flows\n\n| Flow | From → To | Started by | Carries | How often |\n|---|---|---|---|---|\n"
            "| Boarding events | Gate → Bookings | Gate webhook on boarding | One event | ~3,000/hour |\n\n"
            "## Receiving\n\n`POST https://bridge.example/gate/boarding`\n\n```json\n{\"event_id\": \"01J6\"}\n```\n\n"
            "The bridge answers `200 {\"status\": \"accepted\"}` (also for an `event_id` it already processed, kept "
            "7 days).\n")
    assert "IS902" not in codes(text, "IS902")


def test_a_repeat_not_queued_a_second_time_is_idempotency():
    text = ("# Finder → Registry\n\n## Receive corrections\n\n`POST https://registry.example/api/corrections`\n\n"
            "```json\n{\"correction_id\": \"c-1\", \"value\": \"Edith\"}\n```\n\n"
            "The registry keeps every `correction_id` it has accepted; a repeat is answered 202 again and not queued "
            "a second time.\n")
    assert "IS901" not in codes(text, "IS901")


def test_a_request_id_fresh_for_every_attempt_is_no_key():
    text = ("# Clinic → Insurer\n\n## Submit a claim\n\n`POST https://api.insurer.example/v3/claims`. Headers: "
            "`Content-Type: application/json`, `X-Request-Id: <uuid>`.\n\n```json\n{\"policy_number\": \"P-1\", "
            "\"invoice_number\": \"VL-00871-2024-018233\",\n \"treatment_date\": \"2024-05-13\", \"condition\": "
            "\"Cruciate ligament rupture, left hind\", \"amount\": \"2850.00\"}\n```\n\n"
            "`X-Request-Id` is a fresh UUID for every HTTP attempt and is only used to correlate logs.\n")
    assert "IS901" in codes(text, "IS901")


def test_a_count_of_all_items_covers_no_write_and_a_metric_names_no_rule():
    text = ("# Taproom ⇄ ERP\n\n## Flows\n\n**Tap list → POS menu.** A job upserts the changed menu items every 5 "
            "minutes; at 04:00 it sends all ~24 tap items again.\n\n## Calls\n\n### Depletions\n\n"
            "`POST https://erp.example/api/v1/depletions`\n\n```json\n{\"keg\": \"K-7\", \"litres\": 0.5}\n```\n\n"
            "## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Depletion / upsert error rate | > 3% over 10 min | Critical |\n")
    assert "IS901" in codes(text, "IS901")


def test_a_call_said_naturally_repeatable_by_its_noun():
    text = ("# Shop → Gates\n\n## Calls\n\n**F1 Issue** — `POST /api/v9/tickets` with `{\"external_ref\": \"OI-1\"}`; a "
            "repeated `external_ref` answers `409` with the existing ticket.\n\n"
            "**F2 Block** — `POST /api/v9/tickets/{ticket_id}/block` with `{\"reason\": \"REFUND\"}`; answers `200`.\n\n"
            "## FM-2 The same ticket issued twice\n\nBlocks are naturally repeatable: blocking a blocked ticket returns `200` unchanged.\n")
    assert "IS901" not in codes(text, "IS901")


def test_an_invariant_that_acknowledges_a_repeat_without_changing_anything():
    text = ("# Depot → Galley\n\n## Contracts\n\n### C3. Loading manifest — SQS queue `galley-manifests`\n\n"
            "| Field | Type | Required |\n|---|---|---|\n| `manifest_id` | string | yes |\n| `lines[].qty` | integer | yes |\n\n"
            "```json\n{\"manifest_id\": \"LM-1\", \"lines\": [{\"qty\": 4}]}\n```\n\n"
            "- **INV-8.** A manifest is applied on board at most once: the bridge records every `manifest_id` it has "
            "applied and acknowledges a repeat without changing stock.\n")
    assert "IS901" not in codes(text, "IS901")


def test_a_reference_that_will_not_create_a_second_order_makes_a_retried_post_safe():
    text = ("# Shop → Supplier\n\n## Place an order\n\n`POST https://trade.example/api/v4/orders`\n\n"
            "```json\n{\"customer_reference\": \"SO-7-1042\", \"isbn\": \"9780141439518\"}\n```\n\n"
            "## 10. Order reference\n\nThe shop numbers every order `SO-<shop>-<sequence>` and sends it as "
            "`customer_reference`. The supplier will not create a second order with the same reference; it answers "
            "409 with the first order. This is what makes a retried POST safe.\n")
    assert "IS901" not in codes(text, "IS901")


def test_a_drop_word_that_tells_a_state_or_lets_a_status_pass_drops_no_failed_message():
    from intspec_lint.reading.dead_letter import drops_failed
    # the cause of an error, told by a relative clause: the thing is deleted, no message is
    assert drops_failed("`404` the order is unknown (e.g. an order that has been deleted in the shop).") is None
    # an answer let pass on a call that did its work already
    assert drops_failed("Cancelling a hold that is already released returns `410`, which is ignored.") is None
    # failed messages skipped still are
    assert drops_failed("Rows that fail with 422 are skipped.") == "are skipped"
    assert drops_failed("A record which has failed validation is deleted.") == "is deleted"


def test_a_skip_caught_up_by_a_later_round_told_after_it_is_no_loss():
    from intspec_lint.reading.dead_letter import drops_failed
    assert drops_failed("Invalid lines are skipped and logged; they are read again on the next hourly sync.") is None
    assert drops_failed("Invalid lines are skipped; the next 5-minute poll fetches them again.") is None
    assert drops_failed("Invalid lines are skipped and logged.") == "are skipped"


def test_a_drop_after_a_state_still_counts_and_a_call_sent_again_later_is_no_repeat_safety():
    from intspec_lint.reading.dead_letter import drops_failed
    from intspec_lint.reading.idempotency import mentions
    assert drops_failed("A failed call gets `404`, which is ignored, and the message is dropped.") == "is dropped"
    assert not mentions("The request can be sent again after the data is corrected.")
    assert mentions("Every job can safely be run again.")


def test_a_header_every_request_carries_is_the_key_a_repeat_is_answered_by():
    """A clause for all requests names a header ("Every request SHALL carry `Acme-Submission-Ref`"), and the section
    on duplicates answers a repeat by it: each write is keyed, though none lists the header itself."""
    calls = ("# Clinic → Register\n\n## 5 Interface\n\n5.2 **X1.** `POST https://api.example.org/v1/registrations`\n\n"
             'Body: `{"chip": "9851", "keeper": "K-1"}`\n\n'
             "5.3 **X2.** `POST https://api.example.org/v1/transfers`\n\n"
             'Body: `{"chip": "9851", "to": "K-2"}`\n\n'
             "## B Resilience\n\nB.3 Duplicates: the Register treats a request whose `Acme-Submission-Ref` it has "
             "already processed as a repeat and returns the original result.\n")
    clause = ("5.1 Every request SHALL carry `Acme-Submission-Ref`, a UUID generated once per record and reused on every "
              "retry of that record.\n\n")
    assert "IS901" in codes(calls, "IS901")
    assert codes(calls.replace("5.2 **X1.**", clause + "5.2 **X1.**"), "IS901") == []


def test_a_webhook_whose_delivery_ids_are_remembered_for_a_window_is_deduplicated():
    """Prose after the example: "remembers each `X-Hub-Delivery` id for 30 days and answers 204 again to a repeat
    without doing anything" dedups the webhook, in words that name neither "duplicate" nor "idempotent"."""
    head = ("# Ovens → Shop\n\n## Calls\n\n**Sold out.** Ovens call us at `POST https://shop.example.org/hooks/stock` "
            "with `X-Hub-Signature: sha256=<HMAC>` and `X-Hub-Delivery: <uuid>`:\n\n"
            '```json\n{"product": "SD-800", "remaining": 0}\n```\n\nWe answer `204` when we have marked it.\n')
    assert codes(head, "IS902", "IS901") != []
    said = head + ("Shop remembers each `X-Hub-Delivery` id for 30 days and answers 204 again to a repeat without "
                   "doing anything.\n")
    assert codes(said, "IS902", "IS901") == []


def test_a_notebook_entrys_date_leads_no_other_operation_and_its_sentences_read_together():
    """"Tue 11 Mar 2025: The webhook can arrive twice. Decision: Mirth stores `shipment_id` ...; a repeat gets 200
    with the original": the date is the entry's, not another call's name, and the key sentence is read with the one
    before it that says what arrives twice."""
    text = ("# Blood service → Hospital\n\n## Calls\n\nDispatch webhook: `POST https://mirth.example.org/nrbs/dispatch`\n\n"
            '```json\n{"shipment_id": "SH-1", "units": 4, "depot": "Dublin"}\n```\n\n'
            "Fate: `PUT https://api.example.org/v2/unit-fates/{din}` with the whole fate.\n\n"
            "## Notebook\n\n### Tue 11 Mar 2025\n\nDuplicates. The webhook can arrive twice (they retry on our "
            "timeout). Decision: Mirth stores `shipment_id` in `seen_shipments` for 60 days; a repeat gets 200 with the "
            "original `received_units` and nothing else is touched.\n")
    assert codes(text, "IS901", "IS902") == []


def test_headers_written_on_the_calls_own_line_are_the_headers_it_sends():
    """"PATCH `.../payables/{n}` · `If-Match: <version>`": the call sends `If-Match`, a condition that lets a repeat
    through once only."""
    text = ("# Wardens → Payments\n\n## Calls\n\n**The Re-price**\n\n"
            "PATCH `https://pay.example.org/api/v3/payables/{pcn}` · `If-Match: <version>`\n\n"
            'Request `{"amount_pence": 7000}`. Reply `200` `{"version": 2}`; a stale version gets `412`.\n')
    contract = spec_of(text).contracts[0]
    assert [h.text for h in contract.headers] == ["If-Match"]
    assert codes(text, "IS901") == []


def test_a_webhook_flow_whose_every_write_is_keyed_handles_a_repeated_delivery():
    """The flow is delivered by webhook and its receiving call is keyed by a business id ("a repeat returns 200 with
    the existing order"): a delivery that comes twice lands on a keyed write, whatever the flow's own words say."""
    text = ("intspec: 1\ntitle: Shop to ERP\nflows:\n  - name: Wholesale order\n    source: Shop\n    destination: ERP\n"
            "    trigger: order.placed webhook\n    payload: Order JSON\n    frequency: ~120/day\n"
            "contracts:\n  - name: Receive wholesale order\n    method: POST\n    url: https://erp.example.org/api/orders\n"
            "idempotency:\n  statement: Every write can be repeated safely.\n  keys:\n"
            "    - operation: Receive wholesale order\n"
            "      key: order_id, unique on the sale order; a repeat returns 200 with the existing order\n")
    assert "IS902" not in {f.code for f in lint_text(text, "yaml")}


def test_a_batch_call_that_points_at_another_calls_key_rule_is_keyed():
    """"takes up to 20 objects shaped as above; the `client_reference` rule applies to each item": the single call's
    rule ("the same value again ... we return the delivery already created") keys the batch too."""
    text = ("# Pharmacy → Drones\n\n## Book a delivery\n\n`POST https://api.example.org/v1/deliveries`\n\n"
            "| Field | Type | Required | Notes |\n|---|---|---|---|\n| `client_reference` | string | yes | Unique per "
            "pharmacy: if you send the same value again within 7 days we return the delivery already created (`200`) "
            "instead of booking another |\n"
            "| `weight_g` | int | yes | grams |\n\n`200`: same `client_reference` seen in the last 7 days; the original "
            "delivery returned.\n\n## Book several deliveries\n\n"
            "`POST https://api.example.org/v1/deliveries/batch` takes up to 20 objects shaped as above; the "
            "`client_reference` rule applies to each item on its own.\n\n"
            '```json\n{"deliveries": [{"client_reference": "RX-1", "weight_g": 640}]}\n```\n')
    assert codes(text, "IS901") == []
    assert "IS901" in codes(text.replace("the `client_reference` rule applies to each item on its own",
                                         "each item is booked on its own"), "IS901")


def test_abbreviated_dedup_under_an_idem_heading_keys_its_flow():
    """A terse README: "## Idem" over "F2: `X-DP-Event` stored 14d in `wh_seen`; dup → 200 ACK, not reprocessed"."""
    text = ("# Yard ⇄ Drivers\n\n## Calls\n\n### F2 — WH `POST https://yard.example.org/dp/v1/pods` (DP → us)\n\n"
            "Hdrs: `Content-Type: application/json`, `X-DP-Event: <evt id>`.\n\n"
            '```json\n{"dn_no": "DN-1", "outcome": "DELIVERED"}\n```\n\n200 ACK.\n\n## Idem\n\n'
            "- F2: `X-DP-Event` stored 14d in `wh_seen`; dup → 200 ACK, not reprocessed.\n")
    assert codes(text, "IS901") == []


def test_an_id_the_caller_derives_from_the_data_keys_the_write():
    """"each feature has `globalId` = UUIDv5(export_id + block index)": a repeat sends the same id."""
    text = ("# Drones → GIS\n\n## Add footprints\n\n`POST https://gis.example.org/FeatureServer/0/applyEdits`\n\n"
            "| Field | Type | Notes |\n|---|---|---|\n| `adds` | feature array | each feature has `globalId` = "
            "UUIDv5(export_id + block index) |\n\n"
            '```json\n{"adds": [{"attributes": {"globalId": "{9B1E}"}}]}\n```\n')
    assert codes(text, "IS901") == []
    assert "IS901" in codes(text.replace("UUIDv5(export_id + block index)", "a new GUID per call"), "IS901")


def test_review_a_key_or_a_header_that_does_not_key_the_repeat_excuses_nothing():
    """An outbound call's `Idempotency-Key` says nothing of a webhook the other side sends; a tracing header every
    request carries is no key where the spec says duplicates are not detected; "does nothing special about it" and a
    retention rule answer no repeat."""
    keyed_out = ("# Orders to fulfillment\n\n## Data Flow\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
                 "|---|---|---|---|---|---|\n| Create order | Orders | Fulfillment | Order paid | Order JSON | 500/hour |\n"
                 "| Shipment status update | Fulfillment | Orders | Webhook fired on every shipment status change | Status "
                 "JSON | 2,000/day |\n\n## API Contracts\n\n### Create fulfillment order\n\n`POST /fulfillment-orders` with "
                 "`Idempotency-Key: <order id>`; a repeat returns the original order.\n\n```json\n{\"order_id\": \"O-1\"}\n"
                 "```\n\nResponse `201`: `{\"id\": \"F-1\"}`\n")
    assert "IS902" in codes(keyed_out, "IS902")
    traced = ("# Orders → Warehouse\n\n## Contracts\n\n### Create shipment\n\n`POST /v1/shipments`\n\n| Field | Type | Required |"
              "\n|---|---|---|\n| `order_id` | string | yes |\n\nResponse `201`: `{\"shipment_id\": \"S-1\"}`\n\n## Tracing\n\n"
              "Every request carries `X-Correlation-Id`, a new UUID per call, for tracing.\n\n## Idempotency\n\nDuplicates "
              "are not detected: support finds them by their `X-Correlation-Id` and merges them by hand.\n")
    assert "IS901" in codes(traced, "IS901")
    from intspec_lint.reading.idempotency import dedups, handles_redelivery
    assert not handles_redelivery("When the PSP delivers a webhook again, Billing does nothing special about it.")
    assert not dedups("Billing stores every payment id for 7 years for the tax audit; webhook events are processed as "
                      "they arrive.")


def test_dedup_told_under_a_records_id_or_a_label_and_a_duplicate_status_key_the_write():
    """"D-07 (duplicates): ... upserts jobs on `prm_ref` ... never makes a second job", "Fix: a repeat create returns
    409 with the existing id", a `409 {"error": "duplicate_external_ref"}` answer, and "Closing an already closed period
    shall be treated as success": each says a repeat is safe; the lead is a decision's id or a label, no other call."""
    create = ("# Kennels ⇄ Bookings\n\n## Calls\n\n**Create booking** — `POST https://kd.example.org/api/v3/bookings`\n\n"
              '```json\n{"external_ref": "PS-1", "pet_name": "Biscuit"}\n```\n\n')
    assert "IS901" in codes(create + '`201 {"booking_id": 7}` · `400` invalid\n', "IS901")
    assert codes(create + '`201 {"booking_id": 7}` · `409 {"error": "duplicate_external_ref", "booking_id": 7}`\n',
                 "IS901") == []
    fixed = create + ('`201 {"booking_id": 7}` · `400` invalid\n\n## Known issues\n\n- Fix: Bookings now has a unique '
                      "constraint on `external_ref`; a repeat create returns 409 with the existing booking id.\n")
    assert codes(fixed, "IS901") == []
    close = ("# Meters → Ledger\n\n## Requirements\n\n- **FR-12** Closing an already closed period (`409 "
             "PERIOD_ALREADY_CLOSED`) shall be treated as success.\n\n## Interfaces\n\n### IF-4 Close period\n\n"
             "`POST https://api.example.org/v4/billing-periods/{period_id}/close`\n\nCodes: `200` closed, `409 "
             "PERIOD_ALREADY_CLOSED` (FR-12), `422` corrections remain.\n")
    assert codes(close, "IS901") == []


def test_a_webhook_dropped_when_its_id_was_seen_lately_is_deduplicated():
    from intspec_lint.reading.idempotency import dedups
    assert dedups("On our side we also drop a webhook whose `X-Link-Ref` we saw in the last 7 days.")


def test_a_failed_message_acknowledged_and_only_logged_is_dropped_whatever_the_order_of_the_words():
    lead = "# Registry → Vets\n\n## Failures\n\n"
    for told in ("A message that gets a permanent error is acknowledged so that it does not block the queue, and "
                 "`chipsync` logs it at `warn`.",
                 "After the final attempt the worker logs `delivery_failed` at ERROR and acks the message.",
                 "If the permit names a case we cannot find, or the body does not validate, we answer `200` so that "
                 "EDRS does not retry, and the handler writes a warning to the application log."):
        assert "IS602" in codes(lead + told + "\n"), told
    # a "not" in a clause of its own before the drop does not take it back; one right before it does
    assert "IS602" not in codes(lead + "A failed message is never only logged: it goes to `vets-dlq`.\n")


def test_a_call_named_by_what_its_request_lists_is_keyed_where_a_dialogue_says_so():
    text = ("# Loans → Museum\n\n## Calls\n\n**S3 · `POST https://museum.example/integrations/environment`**\n\n"
            "```json\n{\"shipment_id\": \"AF-1\", \"readings\": [{\"logger_id\": \"LG-1\", \"temp_f\": 68.9}]}\n```\n\n"
            "We answer `200 {\"stored\": 1}`.\n\n**S1 · `POST https://track.example/v1/shipments`**\n\n"
            "```json\n{\"client_reference\": \"L-1-OUT\"}\n```\n\n`201 {\"shipment_id\": \"AF-1\"}`; a second POST with "
            "the same reference gets `409` with the existing id.\n\n## Transcript\n\n**Tomás:** Sensor readings are "
            "keyed by logger and\ntimestamp, same effect.\n")  # (a soft line break inside the sentence)
    assert "IS901" not in codes(text)
    assert "IS901" in codes(text.replace("Sensor readings are keyed by logger and\ntimestamp", "Sensor readings are fun"))


def test_what_a_skip_an_allow_list_and_a_found_leak_are_not():
    from intspec_lint.reading.auth_words import unsafe_storage
    from intspec_lint.reading.dead_letter import drops_messages
    assert drops_messages("skip the bad CSV row, write it to `ill_recon_rejects`, load the rest") is None
    assert drops_messages("an entry that cannot be stored is skipped and written to the error store.") is None
    assert drops_messages("`409` means a newer state already exists; logged at INFO and acknowledged.") is None
    assert drops_messages("Failed rows are skipped and the batch goes on.") is not None
    assert unsafe_storage("Credentials found in a public repository are revoked automatically by our scanner.") is None
    assert unsafe_storage("We add REG's certificate to the allow-list in `infra/ingress/reg-mtls.yaml`.") is None
    assert unsafe_storage("The API key is kept in `config/settings.yaml` in the repository.") is not None
    text = ("# Gym → Vendor\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Latency P95 | > 2 s | warning |\n"
            "| Error rate | > 1% | critical |\n| Queue depth | > 500 | warning |\n"
            "| `irongrid-client-secret` days to rotation | < 14 days | warning |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "expiry" in f.message]


def test_a_write_named_by_its_method_in_the_plural_is_made_safe_there():
    text = ("# Bridge → Stables\n\n## 3.4 Set allocation\n\n"
            "`PATCH https://api.saddle.example/v2/lessons/{lesson_id}/riders/{rider_id}`\n\n"
            "```json\n{\"horse_name\": \"Biscuit\"}\n```\n\n`200 OK`:\n\n```json\n{\"lesson_id\": 5, \"horse_name\": \"Biscuit\"}\n```\n\n"
            "## 3.5 Book lesson\n\n`POST https://api.saddle.example/v2/lessons` with `Idempotency-Key: <booking id>`\n\n"
            "```json\n{\"rider_id\": 8}\n```\n\n`201 Created`:\n\n```json\n{\"lesson_id\": 5}\n```\n\n"
            "## 7. Duplicates\n\nWebhooks are deduplicated on `event_id`. PATCHes set absolute values, so repeating one "
            "is harmless.\n")
    assert "IS901" not in codes(text)
    assert "IS901" in codes(text.replace("PATCHes set absolute values, so repeating one is harmless.", ""))


def test_a_paragraph_that_names_a_call_late_speaks_of_it_whole():
    # the key and the repeat told first, the call named in the paragraph's last sentence; and the call's id read off
    # its own line, not off the keys of the inline body that stands on it
    text = ("# Ward → Kitchen\n\n## Calls\n\n**C1 `POST https://kitchen.example/api/v9/orders`** (F1): body "
            "`{\"order_uuid\": \"...\"}`, header `Idempotency-Key: <order_uuid>`.\n\n"
            "**C2 `POST https://kitchen.example/api/v9/orders:batch`** (F2): body `{\"orders\": [MealOrder, ...]}`, "
            "1-40 orders; `207` with one result per order.\n\n## Thread\n\n"
            "The kitchen keeps `Idempotency-Key` for 72 h and answers a repeat with the original result. So the ward "
            "can retry C1 blindly, and C2 the same way.\n")
    assert "IS901" not in codes(text)
    assert "IS901" in codes(text.replace(", and C2 the same way", ""))

"""How error classes, retries, dead letters and monitoring are read, whatever the layout. Each test
names the class of misreading it guards."""

import pytest

from intspec_lint import lint_text
from intspec_lint.reading.vocabulary import load_vocabulary

from read_spec import codes, spec_of


def test_retry_settings_in_columns():
    spec = spec_of("# A → B\n\n## Retry policy\n\n| Caller | Strategy | Initial delay | Max attempts | Max delay |\n"
                   "|---|---|---|---|---|\n| A → B | exponential ×2 | 2 s | 6 | 45 s |\n"
                   "| B → A | stepped | 1 min | 7 | 12 h |\n")
    retry = spec.retry
    assert (retry.initial_delay.number, retry.max_attempts.number, retry.max_delay.number) == (2, 6, 45)


def test_a_service_level_in_the_monitoring_section_is_no_metric():
    spec = spec_of("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
                   "| Error rate | > 2% over 15 min | Critical |\n| Webhook secret age | more than five months | Warning |\n\n"
                   "SLA: sessions in B within 1 minute of booking (p95); 99.9% during opening hours.\n")
    assert [m.metric.text for m in spec.monitoring] == ["Error rate", "Webhook secret age"]
    text = ("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Webhook secret age | more than five months | Warning |\n")
    assert not [f for f in lint_text(text, "markdown") if "no value" in f.message]  # numbers in words are values


def test_a_metric_is_named_by_its_words_not_its_aside():
    spec = spec_of("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
                   "| Error rate per flow (non-2xx after retries, or DLQ'd records ÷ records) | > 0.5% | Critical |\n"
                   "| A1 ticket issued → credential created, p95 | > 60 s | Warning |\n"
                   "| `b_rejects` rows (dead-letter size) | > 0 | Warning |\n"
                   "| Row rejection (error) rate per file | > 5% | Critical |\n")
    assert [m.kind for m in spec.monitoring] == ["error-rate", "latency", "dlq-size", "error-rate"]


def test_a_threshold_cell_that_names_the_alarm_gives_the_alert():
    spec = spec_of("# A → B\n\n## Watch list\n\n| Signal | Threshold and alarm |\n|---|---|\n"
                   "| Round-trip time (P95) | > 4 s over 15 min → warning in `#ops` |\n")
    assert spec.monitoring[0].alert is not None


def test_a_metric_threshold_and_alert_line_is_a_metric_wherever_it_stands():
    spec = spec_of("# A → B\n\n## Chat\n\n**Priya:** Ours:\n- create error rate > 5% over 15 min → page\n"
                   "- `orders` backlog > 50 messages or oldest > 10 min → page\n\n## Watch list\n\n"
                   "| Signal | Threshold and alarm |\n|---|---|\n| Failure share (non-2xx answers) | > 3% over 10 min → page |\n")
    assert [m.kind for m in spec.monitoring] == ["error-rate", "queue-depth", "error-rate"]


def test_messages_that_are_rejected_and_forwarded_to_an_error_topic_are_dead_lettered():
    spec = spec_of("# A → B\n\n## Decoding errors\n\nAll messages that are rejected at any step will be forwarded "
                   "to the PubSub error topic `decoder-errors` for backfill.\n")
    assert spec.dead_letter is not None and spec.dead_letter.destination is not None


def test_dropping_a_duplicate_loses_nothing():
    assert "IS602" not in codes("# A → B\n\n## Decoding errors\n\nIf a message has already been successfully "
                                "processed based on `docId`, we drop the duplicated body and publish just the metadata "
                                "to the error topic.\n")
    assert "IS602" in codes("# A → B\n\n## Decoding errors\n\nMessages that fail validation are logged and dropped.\n")


def test_a_partial_category_is_owed_only_where_part_of_an_operation_can_fail():
    errors = ("## Errors\n\n| Category | Codes | Action |\n|---|---|---|\n| Transient | 429, 503 | retry with backoff |\n"
              "| Permanent | 400, 404 | dead-letter and alert |\n")
    single = "# A → B\n\nEach booking is sent on its own with `POST /v1/bookings`.\n\n" + errors
    assert "IS401" not in codes(single)
    batch = "# A → B\n\nBookings are sent in batches of up to 500 with `POST /v1/bookings:batch`.\n\n" + errors
    assert "IS401" in codes(batch)
    said_none = batch.replace("## Errors", "## Errors\n\nThere are no batch messages, so no partial category.\n")
    assert "IS401" not in codes(said_none.replace("in batches of up to 500 ", "one at a time "))


def test_a_test_scenario_step_is_no_metric():
    text = ("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Error rate | > 2% over 10 min | page on-call |\n\n"
            "1. Given a valid signed event, when it is posted, then `202` is returned within 2 s.\n")
    assert [m.metric.text for m in spec_of(text).monitoring] == ["Error rate"]


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


def test_a_metric_named_by_its_queue_takes_its_kind_from_the_label_it_stands_under():
    text = ("# Venue → Tuners\n\n## Monitoring\n\n- Queue depth\n  - `vd-int-tuneround-out` > 100 messages: warning\n"
            "- Latency\n  - F1 request → `201`, P95 > 10 s over 30 min: warning\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["queue-depth", "latency"]


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


def test_a_table_named_in_capitals_is_a_place_and_a_breakers_skipped_poll_drops_nothing():
    text = ("# Lab → Register\n\n## Retrying\n\nA circuit breaker opens after 8 failures for 10 minutes; while it is "
            "open, results and dispatch statuses simply accumulate in their outboxes and the kit request poll is "
            "skipped.\n\n## Failed items\n\nAnything that fails permanently, or runs out of retries, is written to "
            "the error store, the `RADONREG_ERRORS` table. Each new entry sends an alert to the on-call.\n")
    spec = spec_of(text)
    assert (spec.dead_letter.destination.text, spec.dead_letter.alert.text) == ("RADONREG_ERRORS", "alert")
    assert codes(text, "IS601", "IS602") == []


def test_a_toml_policy_pasted_under_a_call_is_the_retry_policy_not_an_example():
    text = ("# Counter → Registry\n\n## Submit counts\n\n`POST https://api.registry.example/v2/count-submissions`\n\n"
            "Retry policy, pasting `config/retry.toml`:\n\n```toml\n[nfcs.retry]\nstrategy = \"exponential\"\n"
            "initial_delay_s = 30\nmax_attempts = 5\nmax_delay_s = 480\n\n[nfcs.circuit_breaker]\n"
            "consecutive_failures = 5\nopen_for_s = 900\n```\n")
    spec = spec_of(text)
    assert (spec.retry.strategy.text, spec.retry.max_attempts.text) == ("exponential", "5")
    assert spec.contracts[0].examples == []
    assert codes(text, "IS203", "IS501") == []


def test_all_alarms_publishing_to_one_topic_is_every_metrics_alert():
    text = ("# Pumps → Authority\n\n## Alarms\n\nAll alarms publish to SNS topic `snowmaking-ops-alerts-production`, which pages the on-call.\n\n"
            "| Alarm | Threshold |\n|---|---|\n| Forwarder P95 latency | > 3 s over 10 min |\n"
            "| Error rate of calls | > 2% over 15 min |\n")
    assert [m.alert.text[:10] for m in spec_of(text).monitoring] == ["All alarms"] * 2


def test_a_legend_of_log_levels_is_no_metric():
    text = ("# App → Partners\n\n## Monitoring\n\n- Delivery P95 latency > 5 s over 10 min: warning to the on-call.\n\n"
            "### Logging\n\n- `INFO`: normal operations (enqueue, deliver, retry)\n"
            "- `WARNING`: retryable failures\n- `ERROR`: dead letter queue moves, unexpected errors\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["latency"]


def test_drops_told_as_history_or_denied_are_no_design_that_drops():
    design = ("# Shop → Ledger\n\n## Dead letters\n\nAfter the last retry a message goes to SQS `ledger-dlq`; its depth "
              "pages the on-call.\n\n")
    told = design + ("## Background\n\n- failed uploads were logged to the console and dropped; two orders shipped late.\n"
                     "\n## What broke\n\n> Rows that fail validation are written to the job log and skipped.\n\n"
                     "## Reconciliation\n\nEvents that fail are e-mailed to ops and kept 30 days, so none is lost.\n")
    assert "IS602" not in codes(told)
    assert "IS602" in codes(design + "## Validation\n\nRows that fail validation are written to the job log and skipped.\n")


def test_a_drop_the_same_clause_reports_or_calls_no_error_is_not_silent():
    """Rows skipped and listed in a report, a record skipped on purpose "not an error", failures that were
    written to a log file and dropped (an incident told): none is a design that loses messages silently."""
    base = ("# Shop → Ledger\n\n## Dead letters\n\nAfter the last retry a message goes to SQS `ledger-dlq`; its "
            "depth pages the on-call.\n\n## Catalogue sync\n\n{}\n")
    for told in ("Rows that fail validation are skipped and listed in `sync_report`, the rest are applied.",
                 "Bad catalogue rows are skipped, reported to the shop owner and retried by the next run.",
                 "An order without a member number fails the lookup and is skipped, not an error.",
                 "In the outage, postings that failed were written to a log file and dropped."):
        assert "IS602" not in codes(base.format(told)), told
    assert "IS602" in codes(base.format("Rows that fail validation are skipped and the rest are applied."))
    assert "IS602" in codes(base.format("Postings that fail are written to a log file and dropped."))


def test_a_status_a_sentence_puts_in_a_class_is_handled_wherever_the_sentence_stands():
    base = ("# Visits → Booking\n\n## Calls\n\n### Book a visit\n\n`POST https://api.visits.example/v2/visits`\n\n"
            "Status codes: `201` booked; `400` schema failure; `409` slot full; `429` rate limited; `503` down.\n\n"
            "## Failures\n\n| Class | C1 status / condition | Handling |\n|---|---|---|\n")
    rows = ("| Transient | `429`, `503`, timeout | Retry per the policy |\n"
            "| Permanent | `400`, `409` | Show the visitor the reason |\n")
    assert "IS402" not in codes(base + rows, "IS402")  # the class's row names the codes, in a column the reader does not take
    assert "IS402" in codes(base + rows.replace("`400`, `409`", "`400`"), "IS402")  # nothing says what a 409 is


def test_a_products_success_metrics_are_no_monitoring():
    text = ("# Tailor → Workshop\n\n## Success metrics\n\n- Keying errors from 6% to 0.\n"
            "- Milestone lag P95 < 30 minutes.\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Order POST latency P95 | > 2 s | warning |\n")
    assert [m.metric.text for m in spec_of(text).monitoring] == ["Order POST latency P95"]


def test_a_placeholder_a_later_statement_answers_is_superseded():
    text = ("# Portal → Routes\n\nAuth: API key. Retry: TBD.\n\n## Decisions\n\n"
            "Retry for the worker: exponential backoff with full jitter, 1 s initial, max 6 attempts, cap 30 s, "
            "circuit breaker opens after 10 consecutive failures for 2 minutes.\n")
    retry = spec_of(text).retry
    assert retry.strategy.text.lower().startswith("exponential")
    assert "IS501" not in codes(text)
    assert "IS501" in codes("# Portal → Routes\n\nAuth: API key. Retry: TBD.\n")


def test_a_resend_policy_is_the_retry_policy():
    """EDI and AS2 teams say "resend" for retry: a "Resend policy" section is the retry part, its bullets
    ("Initial delay 2 minutes, doubling each time, capped at 30 minutes") its values."""
    text = ("# ERP → Yard\n\n## 7. Resend policy (both translators)\n\n"
            "- Strategy: exponential backoff with jitter, same Message-ID on every resend.\n"
            "- Initial delay 2 minutes, doubling each time, capped at 30 minutes.\n"
            "- Maximum 6 resends (7 attempts), then the interchange is treated as permanent.\n"
            "- Circuit breaker per partner: 5 consecutive failures suspend sends for 15 minutes.\n")
    assert load_vocabulary().section_parts("7. Resend policy (both translators)") == ("retry",)
    retry = spec_of(text).retry
    assert (retry.initial_delay.text, retry.max_delay.text) == ("2 minutes", "30 minutes")
    assert "IS501" not in codes(text)


def test_a_section_on_failed_units_is_the_dead_letter_part_not_a_metric_list():
    """"## 8. Failed interchanges" (deliveries, events, records...) says where failures go and who is
    paged: it is the dead-letter part, and its runbook lines ("Replay after the fix: ...") are no metrics."""
    assert load_vocabulary().section_parts("8. Failed interchanges") == ("dead_letter",)
    text = ("# ERP → Yard\n\n## 8. Failed interchanges\n\n"
            "- Failed F1 interchanges go to the translator's failed store (table `edifail.interchanges`). "
            "PagerDuty service `EDI-Yard` pages the EDI team on the first entry.\n"
            "- Replay after the fix: `edictl resend --ref HC000184213`; nothing is deleted without a ticket.\n")
    spec = spec_of(text)
    assert spec.dead_letter is not None and spec.dead_letter.alert is not None
    assert not spec.monitoring


def test_terse_retry_values_initial_and_max_between_attempts():
    """"initial 5 s, doubling, max 5 min between attempts, 8 attempts": the first delay and the cap, in
    the terse words of a bullet."""
    text = ("# EPR → Lab\n\n## Retry\n\n- EPR sends from the outbound queue: exponential backoff with jitter, "
            "initial 5 s, doubling, max 5 min between attempts, 8 attempts. Circuit breaker: 6 consecutive "
            "failures open it for 10 min, then one probe.\n")
    retry = spec_of(text).retry
    assert (retry.initial_delay.text, retry.max_delay.text) == ("5 s", "5 min")
    assert "IS501" not in codes(text)


@pytest.mark.parametrize("bound", ["every 60 seconds for 5 minutes", "every 2 minutes for up to 24 hours",
                                   "hourly, with a retry window of 2 days"])
def test_a_retry_bound_said_as_a_time_is_no_missing_attempt_limit(bound):
    """"retried every 60 seconds for 5 minutes": the attempts are bounded by a time, not a count; the
    reader cannot make a number of it, so it says nothing is missing rather than asking for one."""
    text = ("# Gateway → Partner\n\n## Retry\n\nA call the partner does not answer with a 2xx is retried "
            f"{bound}, with a fixed delay; the delay cap is the interval itself. Circuit breaker: 5 consecutive "
            "failures open it for 10 min.\n")
    attempts = [f for f in lint_text(text, "markdown") if f.code == "IS501" and "attempt" in f.message]
    assert not attempts
    assert [f for f in lint_text(text.replace(f"retried {bound}", "retried"), "markdown")
            if f.code == "IS501" and "attempt" in f.message]


def test_classes_told_in_words_answer_even_where_no_category_is_read():
    """An error section of scenarios and codes, with the classes told as what each status class leads to
    ("a 5xx puts the message into a retrying state; a 4xx fails it"): no category is read from the table,
    and the words still say which errors are transient and which permanent."""
    told = ("- A 5xx response from the partner -> the message goes into a retrying state.\n"
            "- A 4xx response -> the message goes into the failed state.\n\n")
    text = ("# Gateway → Partner\n\n## Error handling\n\n" + told +
            "| Scenario | HTTP Status |\n| --- | --- |\n| body is not XML | `400` |\n| unknown message id | `404` |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS401" and "category" in f.message]
    assert [f for f in lint_text(text.replace(told, ""), "markdown") if f.code == "IS401"]


def test_log_and_drop_in_other_words_is_a_silent_drop():
    """"scans are logged in Ferment (event `kegs.scan.unknown`) and dropped; rejected scans are not resent"
    (a code span with dots in the clause, the failure said in the next sentence) and "when retries run out
    it writes the event to its log and acknowledges it off the queue" lose messages; an incident timeline
    that tells how jobs were discarded once does not."""
    kegs = ("# Scanner → Fleet\n\n## Scans\n\n**Agreed:** `unknown_keg` scans are logged in Fleet (Loki, event "
            "`kegs.scan.unknown_keg`) and dropped; the scanner does not resend rejected scans.\n")
    assert "IS602" in codes(kegs)
    ack = ("# Bridge → Tracker\n\n## Status events\n\nWhen the tracker answers 4xx, or retries run out, the bridge "
           "writes the event to its application log and acknowledges it off the queue.\n")
    assert "IS602" in codes(ack)
    told = ("# Inspections → Registry\n\n## 2. Timeline (all times BST)\n\n| When | What |\n|---|---|\n"
            "| 13 Jul 20:15 | The job lease runs out for each job in turn; all eleven are discarded without trace. |\n\n"
            "## 3. Dead letters\n\nNothing is discarded any more: a message that fails permanently moves to the "
            "dead-letter sub-queue and PagerDuty pages the on-call.\n")
    assert "IS602" not in codes(told)


def test_a_circuit_breakers_open_duration_left_as_a_placeholder_is_a_gap():
    """"open_for: TBD" is a value the spec owes and says so; a breaker with no open duration at all stays
    IS503's advice, off by default."""
    text = ("intspec: 1\ntitle: Diaries\nsystems:\n  - {name: App, role: producer}\n  - {name: Cases, role: consumer}\n"
            "retry:\n  strategy: exponential backoff\n  initial_delay: 2s\n  max_attempts: 6\n  max_delay: 120s\n"
            "  circuit_breaker:\n    threshold: 10 consecutive failures\n    open_for: TBD\n")
    assert [f for f in lint_text(text, "yaml") if f.code == "IS501" and "open duration" in f.message]
    unsaid = text.replace("    open_for: TBD\n", "")
    assert not [f for f in lint_text(unsaid, "yaml") if f.code == "IS501"]


def test_a_metric_whose_name_reads_as_a_clause_is_a_step_not_a_metric_owed_anything():
    """"If the queue is growing, go to P-03" or "PDF is downloaded within the job" read as a metric line is a
    runbook step or a note: no threshold or alert is asked of it; a named metric without an alert still is."""
    text = ("# Inverters → Tickets\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Error rate of ticket calls | > 2% over 5 min | PagerDuty |\n"
            "| End-to-end latency P95 | > 30 s | Slack #ops |\n| Queue depth `faults-in` | > 500 | PagerDuty |\n"
            "| Token expiry | < 7 days | Slack #ops |\n"
            "| If the queue is growing, go to P-03 | > 500 | |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "P-03" in f.message]
    named = text.replace("| If the queue is growing, go to P-03 | > 500 | |", "| Consumer lag `faults-in` | > 900 | |")
    assert [f for f in lint_text(named, "markdown") if f.code == "IS701" and "lag" in f.message]


def test_a_threshold_that_names_the_states_it_fires_on_is_a_value():
    """"`PARTIAL` or `REJECTED`" is a threshold an alert can fire on; "if it looks high" is not."""
    text = ("# Feed → Brewery\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| F4 ack status | `PARTIAL` or `REJECTED` | Warning, finance@feed.example |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "no value" in f.message]
    vague = text.replace("`PARTIAL` or `REJECTED`", "if it looks high")
    assert [f for f in lint_text(vague, "markdown") if f.code == "IS701" and "no value" in f.message]


def test_a_category_told_in_words_in_the_error_section_is_not_missing():
    """Beside a transient category read from a table, "a request the council refuses is not retried" tells of
    the permanent category in words no reader placed: it is not called missing; with nothing of it in the
    section, it is."""
    base = ("# App → Council\n\n## Error handling\n\n| Class | Codes | Handling |\n|---|---|---|\n"
            "| Transient | 429, 503, timeouts | retried with backoff |\n\n")
    said = base + "A request the council refuses is not retried; it waits in `outbox_failed` for the on-call engineer.\n"
    assert not [f for f in lint_text(said, "markdown") if f.code == "IS401" and "permanent" in f.message]
    assert [f for f in lint_text(base, "markdown") if f.code == "IS401" and "permanent" in f.message]


def test_a_word_exports_bold_labels_with_hard_line_breaks_head_their_records():
    """A Word export writes "**F1 latency**\\" over "Metric: ...\\", "Threshold: ...\\", "Alert: ..." under
    level-1 headings ("# 9. Monitoring"): each bold label heads its record, the first one too."""
    text = ("# 8. Dead letters\n\nFailed messages go to queue `OUT_ERR`; the on-call is paged.\n\n"
            "# 9. Monitoring and alerting\n\n"
            "**F1 latency**\\\nMetric: P95 time from order signed to 201.\\\nThreshold: more than 5 seconds.\\\n"
            "Alert: warning to the Integration Team channel.\n\n"
            "**Error rate**\\\nMetric: non-2xx responses.\\\nThreshold: more than 2% over 30 minutes.\\\n"
            "Alert: critical; page the on-call analyst.\n")
    kinds = [m.kind for m in spec_of(text).monitoring]
    assert kinds[:2] == ["latency", "error-rate"]


def test_a_skipped_poll_or_a_loss_that_raises_an_alert_is_no_silent_drop():
    """A poll round not run loses no message (the next round catches up), and a loss the same sentence
    raises an alert for is told, not silent; a scan (a record) logged and dropped still is."""
    base = ("# Gauges → Lake\n\n## Errors\n\n| Category | Codes | Handling |\n|---|---|---|\n"
            "| Transient | 429, 503 | Retry with backoff. |\n| Permanent | 400 | Rejected rows go to `lake._rejects`; "
            "the on-call is paged. |\n| Cursor expired | 410 | {} |\n")
    assert "IS602" not in codes(base.format("Reset the cursor; data older than 30 days is lost at source; an "
                                            "Opsgenie P3 alert is raised so the gap is recorded."))
    assert "IS602" not in codes(base.format("While the breaker is shut, failed polls are skipped until the probe."))
    assert "IS602" in codes(base.format("Failed scans are logged and dropped."))


def test_a_failure_places_alert_said_where_the_place_is_named_again_is_its_alert():
    text = ("# Sensors → Warehouse\n\n## 6. Errors\n\n| Category | Codes | Handling |\n|---|---|---|\n"
            "| Transient | 429, 503 | Retry per section 7. |\n| Permanent | 400 | Run fails; on-call paged. |\n"
            "| Partial | row fails validation | Valid rows load; rejected rows go to `STG.READING_REJECT` with the "
            "reason (section 8). |\n\n## 8. Rejected rows\n\n- `STG.READING_REJECT`, kept 90 days. {}\n")
    assert "IS601" not in codes(text.format("Opsgenie alert to the data on-call when a run inserts a row."))
    assert "IS601" in codes(text.format("Reviewed in the weekly data-quality meeting."))


def test_the_brackets_of_a_placeholder_are_no_threshold():
    text = ("# A → B\n\n## Monitoring and the affidavit call\n\n- `GET https://api.b.example/v2/orders/{id}` with "
            "`Authorization: Bearer <token>` (scope `orders:read`).\n- Latency P95 > 2 s for 10 min → warning.\n")
    assert [m.threshold.text for m in spec_of(text).monitoring] == ["> 2 s for 10 min"]


def test_an_identifier_with_its_words_run_together_names_its_metric_kind():
    vocab = load_vocabulary()
    assert [vocab.metric_kind(t) for t in ("ExecutionTime", "ApproximateAgeOfOldestMessage", "DaysToSecretExpiry",
                                           "Error rate of OceanCert calls")] == [
        "latency", "queue-depth", "token-expiry", "error-rate"]


def test_messages_counted_in_a_queue_named_by_its_name_are_its_depth():
    vocab = load_vocabulary()
    assert [vocab.metric_kind(t) for t in ("`hire.outbound` ready messages", "`hire.outbound.dlq` messages",
                                           "Store-and-forward buffer, per train", "error messages")] == [
        "queue-depth", "dlq-size", "queue-depth", "error-rate"]


def test_a_credentials_facts_under_a_monitoring_heading_are_no_metrics():
    text = ("# Relay → Portal\n\n## 2. Authentication and credential monitoring\n\n### 2.1 Portal\n\n"
            "- **Mechanism:** HMAC-SHA256 over the raw request body; the certificate is on the developer page.\n"
            "- **Storage:** Vault `kv/relay/portal`.\n"
            "- **Credentials:** a warning 30 days before the client secret expires, critical at 7 days.\n")
    assert [m.metric.text.split(":")[0] for m in spec_of(text).monitoring] == ["Credentials"]


def test_a_threshold_cell_that_names_a_metric_identifier_is_not_called_no_value():
    """Only a threshold in vague words ("slow", "if it looks high") is no value; a cell the reader cannot read
    (a metric's identifier, a reference to a config block) is its own gap, not the spec's."""
    text = ("# Feed → Brewery\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Latency | `feed_request_seconds` | Warning |\n| Errors | per alerting.yaml | Critical |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "no value" in f.message]
    vague = text.replace("`feed_request_seconds`", "abnormally slow")
    assert [f for f in lint_text(vague, "markdown") if f.code == "IS701" and "no value" in f.message]


def test_the_time_from_one_state_to_the_next_is_latency():
    text = ("# Sheet → Warehouse\n\n## Alerts\n\n| Check | Threshold | Alert |\n|---|---|---|\n"
            "| File landed → `MERGED` | > 60 min | Warning, e-mail |\n| Rejected rows per file | > 5% | Critical |\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["latency", "error-rate"]


def test_a_deadline_missed_is_a_threshold_an_alert_fires_on():
    text = ("# A → B\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| F1 run not finished by 02:30 | {} | Warning |\n| Error rate | > 2% over 15 min | Critical |\n")
    assert not [f for f in lint_text(text.format("missed"), "markdown") if f.code == "IS701" and "no value" in f.message]
    assert [f for f in lint_text(text.format("slow"), "markdown") if f.code == "IS701" and "no value" in f.message]


def test_a_message_deleted_after_its_failed_records_are_kept_drops_nothing():
    kept = ("# Logger → Bridge\n\n## Failure handling\n\n**Partial**: stored records are done; each rejected record goes "
            "to the table `rejected-readings` with the reason, and the message is deleted.\n")
    assert "IS602" not in codes(kept)
    assert "IS602" in codes(kept.replace("goes to the table `rejected-readings` with the reason, and",
                                         "is logged, and"))


@pytest.mark.parametrize("said", [
    "Events whose `booking_ref` is not known are logged at WARN level and answered `200` so that the sender does "
    "not retry them; nothing else is done with them.",
    "When the partner refuses the task with a 4xx, the route logs it at WARN and moves on.",
    "A 4xx is permanent and nothing can change where the ship was, so we write it to Log Analytics "
    "(`ExchangeRejected_CL`) and complete the message. 5xx that still fail are abandoned to `events/$deadletterqueue`.",
])
def test_logging_a_failed_message_and_settling_it_is_a_silent_drop(said):
    assert "IS602" in codes(f"# Ship → Port\n\n## Exchange events\n\n{said}\n")


def test_a_breaker_said_to_be_absent_is_no_breaker():
    text = ("# Ship → Port\n\n## Retries\n\nThe action retries transient errors: exponential, 15 s base interval, "
            "maximum 30 min between tries, 6 retries. {}\n")
    assert "IS501" in codes(text.format("Logic Apps has no circuit breaker, so every run retries on its own."))
    assert "IS501" not in codes(text.format("The breaker opens after 8 consecutive failures for 10 minutes."))


def test_a_metric_node_with_threshold_and_alert_nodes_below_it_is_one_metric_at_any_depth():
    text = ("# Flood ↔ Depot\n\n- Sandbag requests\n  - Monitoring\n    - webhook signature failures\n"
            "      - threshold > 5 in 10 min\n      - alert: warning\n    - error rate: non-2xx on C1\n"
            "      - threshold > 2% over 10 min\n      - alert: critical, PagerDuty\n")
    assert [(m.threshold.text, m.alert.text) for m in spec_of(text).monitoring] == [
        ("> 5 in 10 min", "warning"), ("> 2% over 10 min", "critical, PagerDuty")]


def test_a_table_of_thresholds_per_alert_level_is_a_metric_table():
    text = ("# Clinic → Grader\n\n## Why did the status page turn amber?\n\n| Measure | Amber | Red |\n|---|---|---|\n"
            "| Results call response time (95th percentile) | > 3 s | > 10 s |\n"
            "| Failed calls after retries | > 2% in 1 hour | > 5% in 1 hour |\n| Items in `grading-out-dlq` | — | ≥ 1 |\n")
    assert [(m.kind, m.threshold.text) for m in spec_of(text).monitoring] == [
        ("latency", "> 3 s"), ("error-rate", "> 2% in 1 hour"), ("dlq-size", "≥ 1")]


def test_a_header_flattened_from_two_rows_is_completed_by_its_second_row():
    """A Word table with merged header cells, exported: the group names in the header, the column names in
    the first row ("| | Strategy | Initial delay | ... |"). The second row names the columns."""
    text = ("# Lido → Book\n\n## Retry\n\n| Direction | Backoff | | | | Circuit breaker | |\n"
            "|---|---|---|---|---|---|---|\n"
            "| | Strategy | Initial delay | Max. delay | Max. retries | Opens after | Open for |\n"
            "| Lido → Book | Exponential ×2, full jitter | 1 s | 30 s | 5 | 15 consecutive failures | 2 minutes |\n")
    retry = spec_of(text).retry
    assert (retry.initial_delay.number, retry.max_delay.number, retry.max_attempts.number) == (1, 30, 5)
    plain = text.replace("| | Strategy", "| Direction | Strategy").replace("| Direction | Backoff | | | | Circuit breaker | |\n"
                                                                        "|---|---|---|---|---|---|---|\n", "")
    plain = plain.replace("Open for |\n", "Open for |\n|---|---|---|---|---|---|---|\n")
    assert spec_of(plain).retry.max_delay.number == 30


def test_prometheus_metrics_are_told_by_their_selectors_and_names():
    """`calls_total{result!="ok"} / all` over a percentage is an error rate; `outbox_files` is a backlog."""
    text = ("# Bond → Customs\n\n## Monitoring\n\n| Metric | Alert when | Severity |\n|---|---|---|\n"
            '| `sync_calls_total{result!="ok"}` / all | > 5% over 1 h | critical |\n'
            '| `sync_outbox_files{flow="arrivals"}` | > 150 for 30 min | warning |\n'
            "| `sync_call_seconds` P95 | > 4 s over 1 h | warning |\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["error-rate", "queue-depth", "latency"]


def test_a_failure_written_only_to_a_log_and_then_let_go_is_dropped():
    """"logged at warning level as `x` with the reference, and skipped", "writes the body to Application Insights and
    completes the message", "logged to Log Analytics, and the run ends as Failed": the message is gone."""
    base = "# Desk → Ledger\n\n## Errors\n\n{}\n"
    for said in ("A booking that the gate rejects with 400 or 422 (a screening added before the screen schedule is set "
                 "up) is logged at warning level as `assignment rejected` with the booking reference, and skipped.",
                 "On REJECTED, the consumer writes the message body and the error to Application Insights (custom "
                 "event `FindingRejected`) and completes the message, so it leaves the subscription.",
                 "When the ledger rejects the journal, the failure is logged to Log Analytics (table `Runtime`), and "
                 "the run ends as Failed."):
        assert "IS602" in codes(base.format(said)), said


def test_requirements_that_tell_a_partial_failure_make_the_partial_category():
    """EARS requirements: "If a run succeeds for some pages and fails for others, then the Hub shall apply the pages
    that succeeded ..." tells the partial category without naming it."""
    text = ("# Hub ↔ FRS\n\n## 4. Error handling (ERR)\n\n- **ERR-01** If an FRS call times out or returns `429` or "
            "`503`, then the Hub shall treat it as transient and retry it.\n- **ERR-03** If FRS returns `400` or `422`, "
            "then the Hub shall treat it as permanent: no retry, the item goes to the dead-letter table.\n"
            "- **ERR-04** If a nightly run succeeds for some pages and fails for others, then the Hub shall apply the "
            "pages that succeeded and retry only the failed pages.\n")
    assert {e.category for e in spec_of(text).errors} == {"transient", "permanent", "partial"}


def test_a_known_errors_root_cause_is_history_and_a_label_over_a_table_is_no_metric():
    """A known-error entry: its root cause tells what went wrong then ("logged them and completed the message"), the
    current behaviour is the design; "**Current alerts (Azure Monitor):**" introduces the metrics table below."""
    text = ("# Haul → Ledger\n\n## KE-106 · Tickets lost\n\n- **Root cause:** In 4.0.9 the worker caught exceptions, "
            "logged them and completed the message, so failed tickets were dropped.\n- **Permanent fix / current "
            "behaviour:** Permanent failures go to the dead-letter sub-queue `tickets/$DeadLetterQueue`; an alert on "
            "dead-letter count > 0 pages the on-call.\n\n## KE-108 · Backlog unnoticed\n\n- **Current alerts (Azure "
            "Monitor → PagerDuty):**\n\n| Metric | Threshold | Severity |\n|---|---|---|\n"
            "| Queue depth of `tickets` | > 200 for 15 min | warning |\n")
    assert "IS602" not in codes(text)
    assert "> 200 for 15 min" in [m.threshold.text for m in spec_of(text).monitoring if m.threshold]
    assert all(m.threshold is not None for m in spec_of(text).monitoring)  # no metric named "Current alerts"


def test_a_breakers_open_question_is_no_error_class_and_no_dead_letter_place():
    """A work package's note: "Circuit breaker per destination: opens after 8 consecutive transient failures; open
    duration TBD". The breaker's gap is the retry policy's, not an error class's action or a dead-letter place."""
    text = ("# Orbis ↔ Campus\n\n## 1.4 Error handling, retry, dead letter\n\n- **1.4.1 Error classes** · Owner: NB\n"
            "  Task note: *Transient* — 429, 503, timeouts: retry per 1.4.2. *Permanent* — 400, 404: no retry, dead "
            "letter (1.4.3). *Partial* — a result file with some rejected rows: accepted rows stand.\n"
            "- **1.4.2 Retry policy** · Owner: TR\n  Task note: exponential backoff with full jitter, initial delay 10 s, "
            "max 6 attempts, delay capped at 5 min. Circuit breaker per destination: opens after 8 consecutive transient "
            "failures; open duration TBD (waiting for the vendor's advice on their maintenance windows).\n"
            "- **1.4.3 Dead letter** · Owner: TR\n  Task note: permanently failed calls go to Orbis table `ACC_INT.DEAD_LETTER` (payload, code); any new row "
            "raises an incident.\n")
    found = codes(text)
    assert "IS401" not in found and "IS601" not in found


def test_an_exception_queue_or_an_undelivered_store_is_a_dead_letter_place():
    base = "# Operators → Hub\n\n## 6. Exceptions\n\n6.9 {} An alert pages the on-call at once.\n"
    for said in ("An Operator System shall move every item that fails permanently to its own exception queue.",
                 "When a delivery exhausts its retries, the Hub shall store it in its Undelivered Outcomes store."):
        assert "IS601" not in codes(base.format(said)), said


def test_a_table_of_error_classes_is_read_wherever_it_stands():
    """A dialogue with no headings: "| Class | Codes and conditions | What I do |" over Transient, Permanent, Partial."""
    text = ("# Track and Hub talk it through\n\n**Track:** When things go wrong, here is how I read your answers.\n\n"
            "| Class | Codes and conditions | What I do |\n|---|---|---|\n| Transient | 429, 503, timeout | Retry with backoff |\n"
            "| Permanent | 400, 422 | No retry; dead-letter and alert |\n| Partial | Some items rejected | Keep the good ones |\n")
    assert {e.category for e in spec_of(text).errors} == {"transient", "permanent", "partial"}


def test_a_configuration_references_alert_rows_name_their_alert_in_the_description():
    """"| Key | Default | Description |" over "| `alerts.error-rate` | `> 2% for 15m` | Non-2xx; Opsgenie P2 |"."""
    text = ("# Escrow → Bank\n\n## 6. Metrics and alerts\n\n| Key | Default | Description |\n|---|---|---|\n"
            "| `alerts.granite-latency-p95` | `> 2s for 10m` | Release POST latency; Slack `#escrow` warning |\n"
            "| `alerts.error-rate` | `> 2% for 15m` | Non-2xx after retries; Opsgenie P2 |\n")
    assert all(m.alert is not None for m in spec_of(text).monitoring) and len(spec_of(text).monitoring) == 2
    assert "IS701" not in [f.code for f in lint_text(text, "markdown") if "no alert" in f.message]


def test_a_question_that_asks_about_dropping_drops_nothing():
    text = ("# Valet → Hotel\n\n## FAQ\n\n<details>\n<summary>What happens to a charge that cannot be posted? Do you just "
            "drop it?</summary>\n\nNever. A charge that fails permanently lands in the exceptions queue (SQS `vl-exc`); "
            "the Front Office Manager is alerted.\n\n</details>\n")
    assert "IS602" not in codes(text)


def test_a_comment_under_an_error_class_key_is_its_action():
    text = ("# Relay → Registry\n\n## Values\n\n```yaml\nerrors:\n  transient: [429, 503, \"timeout\"]\n"
            "  #   -> retry per `retry`; the watermark is not advanced\n  permanent: [400, 422]\n"
            "  #   -> no retry; message goes to relay.dlq\n  partial: [\"a page where some items fail\"]\n"
            "  #   -> publish the valid items, dead-letter each invalid item\n```\n")
    errors = spec_of(text).errors
    assert {e.category for e in errors} == {"transient", "permanent", "partial"}
    assert all(e.action is not None for e in errors)


def test_a_table_of_levels_in_a_checklist_step_with_who_is_paged_in_the_header_is_a_metric_table():
    text = ("# Playout → Uplink\n\n## At the start of a shift\n\n1. Read the handover note.\n"
            "2. Check each panel against its threshold.\n\n   | Panel | Amber | Red (PagerDuty, Broadcast IT) |\n"
            "   |---|---|---|\n   | Request latency (P95, 15 min) | > 2 s | > 5 s |\n"
            "   | Error rate, all calls (10 min) | > 3% | > 10% |\n")
    assert [(m.kind, m.threshold.text) for m in spec_of(text).monitoring] == [("latency", "> 2 s"), ("error-rate", "> 3%")]


def test_a_cached_token_dropped_is_no_message_lost():
    assert "IS602" not in codes("# A → B\n\n## Errors\n\n401: the cached token is dropped and a new one requested, "
                                "then the call is retried once.\n")


def test_a_copy_of_one_done_before_skipped_is_no_failed_message_dropped():
    """Duplicates told without the word: "seen before with the same checksum", "a repeat is answered 200"."""
    base = "# Court → Register\n\n## Duplicates\n\n{}\n"
    assert "IS602" not in codes(base.format(
        "A file seen before with the same checksum is skipped; the same name with a different checksum is a "
        "permanent error."))
    assert "IS602" not in codes(base.format("Only accepted lines are recorded, and an accepted line sent again is ignored."))
    assert "IS602" in codes(base.format("A file that fails validation is a permanent error and is skipped."))


def test_unknown_event_types_skipped_are_no_failed_messages_dropped():
    base = "# Provider → Bridge\n\n## Events\n\nThe handler verifies and answers. {}\n"
    assert "IS602" not in codes(base.format("Unknown event types are logged and skipped for now."))
    assert "IS602" in codes(base.format("Events with an unknown `booking_ref` are logged and skipped."))


def test_an_alarms_name_says_what_its_technical_metric_watches():
    text = ("# Sirens → Assets\n\n## Alarms\n\n| Alarm | Metric | Threshold | Priority |\n|---|---|---|---|\n"
            "| Queue depth | `ApproximateNumberOfMessagesVisible` on `siren-faults` | > 200 for 10 min | P3 |\n"
            "| Call latency | `sirenlink.result_lag_seconds` P95 | > 600 s over 15 min | P3 |\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["queue-depth", "latency"]


def test_a_retry_librarys_calls_in_code_are_the_retry_policy():
    code = ("```python\nlims_breaker = pybreaker.CircuitBreaker(fail_max=5, reset_timeout=300)\n\n"
            "lims_retry = retry(\n    wait=wait_exponential(multiplier=2, min=2{}) + wait_random(0, 2),\n"
            "    stop=stop_after_attempt(7),\n)\n```\n")
    text = "# A → B\n\n## Retries and circuit breaker\n\n" + code
    retry = spec_of(text.format(", max=60")).retry
    assert (retry.max_attempts.number, retry.initial_delay.number, retry.max_delay.number,
            retry.circuit_breaker.number, retry.circuit_open.number) == (7, 2, 60, 5, 300)
    assert "IS501" not in codes(text.format(", max=60"))
    assert "IS501" not in codes(text.format(""))  # no `max=`, but 7 attempts from 2 s bound the longest wait
    assert "IS501" in codes(text.format("").replace("stop_after_attempt(7)", "stop_never"))


def test_a_label_over_a_sentence_of_several_retry_facts_is_read_as_prose():
    """"Retries: exponential backoff, first delay 2 s, at most 6 attempts" states the attempts in its words;
    the label "Retries" is no value of its own ("Max retries: 5" still is)."""
    text = ("# Till → Carrier\n\n## Retry policy\n\n- Retries: exponential backoff, first delay 2 s, doubling, at most "
            "6 attempts, capped at 5 minutes, with full jitter.\n")
    assert spec_of(text).retry.max_attempts.number == 6
    keyed = "# Till → Carrier\n\n## Retry policy\n\n- Max retries: 5\n- Strategy: exponential from 2 s, cap 60 s\n"
    assert spec_of(keyed).retry.max_attempts.number == 5


def test_a_service_level_item_under_a_monitoring_heading_is_a_target_not_metrics():
    """"SLA: referral stored within 2 minutes (P95); outcome within 1 minute" states targets; so does an item
    whose id comes before the label ("**F-46.** SLA: ..."). The alerts beside them are the metrics."""
    text = ("# Hub → Provider\n\n## Service levels and monitoring\n\n"
            "- SLA: referral stored within 2 minutes of submission (P95); outcome within 1 minute; availability 99.9%.\n"
            "- **F-46.** SLA: letter accepted within 2 minutes of the booking (P95); status within 5 minutes.\n"
            "- Alerts:\n  - call latency P95 > 3 s over 15 minutes → warning;\n"
            "  - error rate > 2% over 15 minutes → critical;\n  - `letters.out` depth > 1,500 messages → warning;\n"
            "  - client secret expiry < 30 days → warning;\n")
    metrics = spec_of(text).monitoring
    assert metrics and not [m for m in metrics if m.metric and "within" in m.metric.text]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701"]


def test_a_condition_with_no_comparison_sign_is_the_threshold():
    """"file not loaded by 06:00 → warning" fires at a time (the colon is the time's, no key's); "refresh failing
    3× in a row → critical" on a run of failures."""
    text = ("# Hub → Provider\n\n## Monitoring\n\n- returned-mail file not loaded by 06:00 → warning\n"
            "- token refresh failing 3× in a row → critical\n")
    thresholds = [m.threshold.text for m in spec_of(text).monitoring]
    assert thresholds == ["by 06:00", "3× in a row"]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "has no threshold" in f.message]


def test_a_meter_column_names_the_metrics():
    """Micrometer's word: a "| Meter | Alert threshold | Severity |" table is a metrics table."""
    text = ("# Agency → Bank\n\n## Monitoring\n\n| Meter | Alert threshold | Severity |\n|---|---|---|\n"
            "| `drawdown.latency` p95 | > 5 s over 15 min | warning |\n| drawdown error rate | > 2% over 15 min | critical |\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["latency", "error-rate"]


def test_metrics_listed_in_a_block_no_reader_knows_are_not_called_undefined():
    """A block under the monitoring heading whose lines name a metric's kind beside a number an alert fires on is
    evidence of metrics, even where no line is read as one: no "no metric is defined"."""
    text = ("# Lab → LIMS\n\n## Monitoring\n\nAlert rules live in `deploy/alerts.yml`.\n\n```\n"
            "bridge_results_latency_seconds         file written → LIMS 201, P95 over 1 h\n"
            "                                       > 300 s warning, > 1,800 s critical\n"
            "bridge_pending_files{instrument}       queue depth > 10 → warning\n```\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "talked about" in f.message]
    bare = ("# Lab → LIMS\n\n## Monitoring\n\nAlert rules live in `deploy/alerts.yml`.\n\n```\n"
            "bridge_results_latency_seconds\nbridge_pending_files{instrument}\n```\n")
    assert [f for f in lint_text(bare, "markdown") if f.code == "IS701" and "talked about" in f.message]


def test_reruns_and_resends_are_counted_as_attempts():
    """A scheduler's "5 reruns", a file drop's "up to 3 re-sends": the attempt limit in the words of the job."""
    for said in ("Maximum: 5 reruns after the first attempt.", "The partner re-sends the file up to 3 re-sends a day."):
        text = "# Batch → Gateway\n\n## Retry policy\n\n- Strategy: exponential, first delay 2 minutes, cap 15 minutes.\n- " + said + "\n"
        assert spec_of(text).retry.max_attempts is not None


def test_metric_kinds_in_the_languages_bilingual_teams_leave_in():
    """French, German and Spanish metric names name their kind as the English ones do."""
    vocab = load_vocabulary()
    assert [vocab.metric_kind(name) for name in ("Profondeur file d'attente `icu.mesures`", "Files de rejet",
                                                 "Taux d'erreur des appels", "Latenz p95", "tasa de errores")] == \
        ["queue-depth", "dlq-size", "error-rate", "latency", "error-rate"]


def test_alarms_declared_in_program_code_are_metrics():
    """An infrastructure program's `alarm("name", { metricName: ..., threshold: ... })` calls, and a model's
    `@alarms([ { metric: ..., threshold: ..., action: ... } ])` list, one object per line."""
    pulumi = ("# Mill → LIMS\n\n## Alarms\n\n```typescript\nalarm(\"psd-queue-depth\", {\n"
              "    namespace: \"AWS/SQS\", metricName: \"ApproximateNumberOfMessagesVisible\",\n"
              "    period: 300, threshold: 200, comparisonOperator: \"GreaterThanThreshold\",\n});\n"
              "alarm(\"psd-e2e-latency-p95\", {\n    metricName: \"EndToEndLatencySeconds\", extendedStatistic: \"p95\",\n"
              "    threshold: 300, comparisonOperator: \"GreaterThanThreshold\",\n});\n```\n")
    assert [(m.kind, m.threshold.text) for m in spec_of(pulumi).monitoring] == [("queue-depth", "200"), ("latency", "300")]
    smithy = ("# Shop → Publisher\n\n## Model\n\n```smithy\n@alarms([\n"
              "    { metric: \"CreateReturn latency p95\", threshold: \"> 3 s for 10 min\", action: \"warning\" }\n"
              "    { metric: \"call error rate\", threshold: \"> 2% for 10 min\", action: \"critical, page\" }\n"
              "])\nservice Returns {}\n```\n")
    assert [(m.kind, m.threshold.text) for m in spec_of(smithy).monitoring] == [
        ("latency", "> 3 s for 10 min"), ("error-rate", "> 2% for 10 min")]


def test_a_cap_below_a_first_delay_said_far_from_it_is_another_policys():
    """An Envoy route's `retry_back_off: {base_interval: 0.025s, max_interval: 0.25s}` in one block, the batch
    policy's "first retry after 1 s" pages later: two policies, not one whose cap is below its first delay."""
    text = ("# Shop → Search\n\n## Retry\n\nBatch re-index: exponential backoff, first retry after 1 s, doubling, at most "
            "5 attempts, capped at 60 s.\n\n" + "Filler paragraph about the search cluster.\n\n" * 4 +
            "```yaml\nretry_policy:\n  num_retries: 2\n  retry_back_off: {base_interval: 0.025s, max_interval: 0.25s}\n```\n")
    assert "IS502" not in codes(text)


def test_error_classes_as_a_field_list_or_as_labelled_sentences_after_a_bold_lead_are_read():
    field_list = ("# Buses → AVL\n\nErrors\n------\n\n:Transient: broker disconnect, HTTP 429/503 and\n"
                  "            timeouts, retried with backoff\n:Permanent: HTTP 400, 404: dead-lettered\n"
                  ":Partial: a 207 from AVL: only the failed vehicles are retried\n")
    assert sorted(e.category for e in spec_of(field_list).errors) == ["partial", "permanent", "transient"]
    assert "IS401" not in codes(field_list)
    labelled = ("# Port → Terminal\n\n## Notes\n\n**Error classes.** Transient: `429`, `503`, timeouts → retry per "
                "D-19. Permanent: `400`, `404` → no retry, straight to the DLQ. Partial: gate batches answered `207`, "
                "only the failed events are re-sent.\n")
    assert sorted(e.category for e in spec_of(labelled).errors) == ["partial", "permanent", "transient"]


def test_a_delay_ladder_a_count_setting_and_a_framework_policy_are_evidence_of_the_retry_values():
    ladder = ("# Hotel → Housekeeping\n\n## Retry rules\n\nRetries happen by leaving the message on SQS: the visibility "
              "timeout grows 1 s → 2 s → 4 s → 8 s → 16 s (exponential, ±25 % jitter), `maxReceiveCount` = 5. A "
              "circuit breaker opens after 25 failures within 60 s, for 3 minutes.\n")
    assert "IS501" not in codes(ladder)
    camel = ("# Portal → Claims\n\n## Retry\n\n```yaml\nredeliveryPolicy:\n  maximumRedeliveries: 5\n  redeliveryDelay: 2s\n"
             "  useExponentialBackOff: true\n  maximumRedeliveryDelay: 60s\n```\n\nA circuit breaker opens after 10 "
             "consecutive failures and stays open for 2 minutes.\n")
    retry = spec_of(camel).retry
    assert (retry.max_attempts.text, retry.initial_delay.text, retry.max_delay.text) == ("5", "2s", "60s")
    # without the ladder (and with no other duration near it to stand as evidence of a delay) the delays are owed
    assert "IS501" in codes(ladder.replace("1 s → 2 s → 4 s → 8 s → 16 s", "longer each time").replace(
        "`maxReceiveCount` = 5", "until it succeeds").replace("within 60 s, for 3 minutes", "in a row"))


def test_a_dead_letter_alert_by_mail_sms_or_ticket_and_an_error_rate_labelled_line_are_read():
    dlq = ("# Meters → Billing\n\n## Dead letters\n\nAfter the final attempt the message is written to the exception "
           "store; operators replay it from the console. The first exception in any hour triggers an e-mail and an "
           "SMS to the integration contact and a P3 ticket.\n")
    assert spec_of(dlq).dead_letter.alert is not None
    metrics = ("# Stations → Desk\n\n- Monitoring (Grafana → Alertmanager)\n"
               "  - error rate: failed batch posts > 5 % over 1 h → critical; metadata pull failed after retries → warning\n")
    assert "error-rate" in {m.kind for m in spec_of(metrics).monitoring}


def test_alarm_resources_told_by_their_names_and_comments_are_metrics():
    text = ("# Grid → Plant\n\n## template.yaml\n\n```yaml\nResources:\n"
            "  InstructionLatencyAlarm:   # webhook received -> plant confirmed, p95 > 30 s\n"
            "    Type: AWS::CloudWatch::Alarm\n"
            "  ErrorRateAlarm:            # (Errors / Invocations) > 2 % over 15 min\n    Type: AWS::CloudWatch::Alarm\n"
            "  DLQNotEmptyAlarm:          # BridgeDLQ messages visible > 0, critical\n    Type: AWS::CloudWatch::Alarm\n"
            "  SetpointFunction:          # one setpoint writer at a time\n    Type: AWS::Serverless::Function\n```\n")
    metrics = spec_of(text).monitoring
    assert [(m.kind, m.threshold.text) for m in metrics] == [
        ("latency", "> 30 s"), ("error-rate", "> 2 % over 15 min"), ("dlq-size", "> 0, critical")]
    assert [m.alert.text for m in metrics] == ["alarm", "alarm", "critical"]


def test_a_category_whose_action_is_the_next_sentence_on_its_line_has_it():
    text = ("# Site → Archive\n\n## 6. Errors\n\n6.1.1 **Transient**: HTTP 429, 503, timeouts. Retried under 6.2.\n"
            "6.1.2 **Permanent**: HTTP 400, 404, 422. Not retried; written to the Dead-Letter Store at once.\n"
            "6.1.3 **Partial**: a batch where some rows fail. The valid rows import; the failed rows are resent.\n")
    errors = {e.category: e for e in spec_of(text).errors}
    assert "Dead-Letter Store" in errors["permanent"].action.text
    assert "IS401" not in codes(text)


def test_a_metric_line_labelled_by_its_kind_keeps_that_kind_for_each_rule_it_lists():
    text = ("# Hub → Desk\n\n## Monitoring\n\n- Delivery latency p95 per destination: rentals over 2 s (the desk is "
            "waiting) → page; event batches over 5 min end to end → warning.\n- Error rate > 2 % over 15 min → page.\n")
    kinds = [m.kind for m in spec_of(text).monitoring]
    assert kinds.count("latency") == 2 and "error-rate" in kinds


def test_failures_moved_to_a_place_named_for_them_are_dead_lettered_not_dropped():
    text = ("# Housing → Finance\n\n## When things go wrong\n\n### And errors that retrying won't fix?\n\n"
            "`400` and `422` are permanent. The charge moves to `sis-charges-dead` straight away, and Finance gets "
            "an email with the error.\n\n### What if some rows are bad?\n\nBad rows are skipped and written to "
            "`/outbound/rejects/eligibility_rejects.csv` with a reason column.\n")
    spec = spec_of(text)
    assert spec.dead_letter is not None and spec.dead_letter.destination.text == "sis-charges-dead"
    assert not {"IS601", "IS602"} & set(codes(text))
    from intspec_lint.reading.dead_letter import kept_in
    assert kept_in("Bad rows are skipped and written to `/outbound/rejects/eligibility_rejects.csv`.")
    assert not kept_in("Bad rows are skipped and written to the log.")


def test_a_go_retry_policy_and_a_breaker_built_in_one_line_are_read():
    text = ("# Choir → Library\n\n## Failures\n\n```go\nvar svRetry = retry.Policy{\n\tInitial:    1 * time.Second,\n"
            "\tMultiplier: 2,\n\tMax:        2 * time.Minute,\n\tAttempts:   7,   // including the first\n}\n\n"
            "var svBreaker = circuit.Config{ConsecutiveFailures: 5, OpenFor: 5 * time.Minute}\n```\n")
    retry = spec_of(text).retry
    assert (retry.initial_delay.text, retry.max_delay.text, retry.max_attempts.text) == ("1 s", "2 min", "7")
    assert (retry.circuit_breaker.text, retry.circuit_open.text) == ("5", "5 min")


def test_an_empty_alert_on_a_volume_row_is_no_checklist_gap_but_on_a_latency_row_it_is():
    table = ("# Port → Terminal\n\n## Monitoring\n\n| Metric | Value | Target / alert |\n|---|---|---|\n"
             "| Gate events received | 13,960 (~2,000/day) | — |\n| Gate event → timeline, P95 | 14 s | alert > 60 s |\n"
             "| Handler error rate (5xx) | 0.04 % | alert > 1 % over 15 min |\n| Queue depth | 3 | alert > 500 |\n"
             "| Credential expiry | 80 days | alert < 14 days |\n")
    assert not [f for f in lint_text(table, "markdown") if f.code == "IS701" and "Gate events" in f.message]
    latency_empty = table.replace("| 14 s | alert > 60 s |", "| 14 s | — |")
    assert [f for f in lint_text(latency_empty, "markdown") if f.code == "IS701" and "timeline" in f.message]


def test_a_wrapped_list_of_alert_rules_shares_its_lead_alert_and_a_metric_on_the_dead_letter_place_alerts_it():
    text = ("# Library → Loans\n\n## Dead letters\n\nEvents KC rejects are moved to `kc-exceptions` "
            "with the payload and reason; they are replayed after review.\n\n## Notes\n\n**Alerts** (KC → Azure Monitor "
            "→ on-call): F1 p95 > 1.5 s over 10 min; error rate > 3 % over 15 min;\nKC inbound event queue > 1,000 "
            "waiting; queue depth of `kc-exceptions` > 0 at the 07:00 check;\nOAuth client secret within 21 days of "
            "expiry.\n")
    spec = spec_of(text)
    assert {m.kind for m in spec.monitoring} >= {"latency", "error-rate", "queue-depth", "token-expiry"}
    assert all(m.alert is not None for m in spec.monitoring)
    assert spec.dead_letter.destination.text.strip("`") == "kc-exceptions" and spec.dead_letter.alert is not None


def test_a_credentials_line_under_monitoring_that_sets_an_expiry_rule_is_a_metric():
    text = ("# Housing → Finance\n\n## Monitoring\n\nDatadog monitors, with alerts to Student Systems:\n\n"
            "- **Charge latency**: p95 over 5 minutes for 30 minutes.\n"
            "- **Credentials**: Entra ID client secret expiring within 30 days; SFTP public key older than 13 months.\n")
    assert "token-expiry" in {m.kind for m in spec_of(text).monitoring}
    stored = text.replace("Entra ID client secret expiring within 30 days; SFTP public key older than 13 months.",
                          "kept in Key Vault.")
    assert "token-expiry" not in {m.kind for m in spec_of(stored).monitoring}


def test_a_faults_handling_timed_at_a_percentile_is_latency_and_a_failure_rate_is_not():
    from intspec_lint.reading.vocabulary import load_vocabulary
    vocab = load_vocabulary()
    assert vocab.metric_kind("fault event to work order created, p95 over 2 minutes") == "latency"
    assert vocab.metric_kind("webhook failure rate over 2% in 15 minutes") == "error-rate"


def test_retry_values_as_drafting_and_config_write_them():
    """Figures after words ("thirty (30) seconds"), a delay ladder with one unit, a cap as "up to" after the delays
    or as "no interval exceeding", a `maxDelay` or `max_retry_delay` setting, a `circuitbreaker` block's key."""
    clause = ("# Council → Archive\n\n## 5. Retries\n\n5.2 Retries shall use exponential backoff with an initial interval of "
              "thirty (30) seconds, doubling on each attempt, with no interval exceeding thirty (30) minutes, and not more "
              "than eight (8) attempts in total.\n\n5.3 If ten (10) consecutive attempts to the same endpoint fail, the "
              "sending Party shall suspend that flow for sixty (60) minutes.\n")
    retry = spec_of(clause).retry
    assert retry.initial_delay.number == 30 and retry.max_attempts.number == 8
    assert retry.max_delay is not None and retry.circuit_breaker is not None and "IS501" not in codes(clause)
    ladder = ("# Mill → Buyer\n\n## Retransmission\n\nTransient failures are resent with exponential backoff: 5, 10, 20, 40 "
              "and 80 minutes after the first failure, six attempts in all. After 5 consecutive failed sends the "
              "connection is suspended for 30 minutes.\n")
    assert "IS501" not in codes(ladder)
    settings = ("# Farm → Pay\n\n## Retries\n\nExponential backoff from 2 minutes, 3 retries.\n\n## Settings\n\n"
                "```yaml\nresilience4j:\n  circuitbreaker:\n    failureRateThreshold: 50\nretry:\n  maxDelay: 60s\n```\n")
    assert "IS501" not in codes(settings)
    # the cap alone gives the checklist's "delays"; with neither bound, the policy owes them
    assert "IS501" not in codes(settings.replace("from 2 minutes, ", ""))
    assert "IS501" in codes(settings.replace("  maxDelay: 60s\n", "  logLevel: info\n").replace("from 2 minutes, ", ""))


def test_a_docstring_section_and_a_place_named_for_rejects_or_reached_when_attempts_are_spent():
    """A module docstring's "Dead letters" over "------" titles its paragraph; `staging.milkpay_rejects` is a place;
    "a document that has used its six attempts is moved to the EDI-HOLD mailbox" names where failures go."""
    module = ('# Farm → Pay\n\n```python\n"""\nDead letters\n------------\nstaging.milkpay_rejects keeps the payload and '
              'the reason. Supplier Services works the list daily and is paged by the alert below.\n"""\n```\n')
    dead = spec_of(module).dead_letter
    assert dead is not None and dead.destination.text == "staging.milkpay_rejects"
    mailbox = ("# Mill → Buyer\n\n## Retransmission\n\nA document that has used its six attempts is moved to the EDI-HOLD "
               "mailbox, and the EDI coordinator is paged.\n")
    dead = spec_of(mailbox).dead_letter
    assert dead is not None and dead.destination.text == "EDI-HOLD mailbox" and "IS601" not in codes(mailbox)
    assert "IS601" in codes(mailbox.replace("has used its six attempts", "arrives").replace(", and the EDI coordinator "
                                                                                             "is paged", ""))


def test_a_breaker_told_as_failures_in_a_row_that_pause_or_stop_sending():
    for said in ("If 10 calls in a row to TabLoop fail for one venue, SingSuite pauses that venue's outbox for 3 minutes.",
                 "If an endpoint fails 50 times in a row, Curtain stops sending to it for 10 minutes."):
        text = ("# Bar → Till\n\n## Retries\n\nExponential backoff with jitter: 2 s, 4 s, 8 s (never more than 60 s apart), "
                "5 attempts in total. " + said + "\n")
        retry = spec_of(text).retry
        assert retry.circuit_breaker is not None and "IS501" not in codes(text)


def test_retry_values_in_a_frozen_js_object_a_bare_max_and_a_growing_ladder():
    """`const RETRY = Object.freeze({ maxDelayMs: 30_000 })`; "2 s initial, multiplier 2, max 60 s"; a Celery
    `retry_backoff=5 (5, 10, 20, 40 s …)` whose delays grow is a strategy."""
    js = ("# Trucks → Dash\n\n```js\nconst RETRY = Object.freeze({\n  strategy: 'exponential',\n  initialDelayMs: 500,\n"
          "  maxDelayMs: 30_000,\n  maxAttempts: 6,\n});\nconst BREAKER = Object.freeze({\n  consecutiveFailures: 10,\n"
          "  openMs: 60_000,\n});\n```\n")
    assert spec_of(js).retry.max_delay is not None and "IS501" not in codes(js)
    prose = ("# Cruise → Fall\n\n## Errors\n\n- **LandFall 429 / 5xx**: transient; retried with exponential backoff, 2 s "
             "initial, multiplier 2, max 60 s, 7 attempts. Circuit breaker: opens at 50 % failures for 120 s.\n")
    assert "IS501" not in codes(prose)
    celery = ("# Rooms → Res\n\n## Retry\n\n`retry_backoff=5` (5, 10, 20, 40 s …), `retry_backoff_max=300`, `max_retries=6`. "
              "Ten consecutive failures open the breaker for 120 s.\n")
    assert "IS501" not in codes(celery)


def test_a_backoff_given_as_a_range_has_its_first_delay_and_its_cap():
    text = ("# Hub → Events\n\n## Retry\n\nThe broker redelivers with exponential backoff from 10 s to 600 s, max 10 "
            "delivery attempts; a breaker opens after 5 consecutive failures for 60 s.\n")
    spec = spec_of(text)
    assert spec.retry.initial_delay.text == "10 s" and spec.retry.max_delay.text == "600 s"
    assert "IS501" not in codes(text)


def test_a_failure_rate_that_pauses_the_job_is_a_circuit_breaker_wherever_it_is_told():
    base = ("# Directory → Stores\n\n## Retry\n\nEntra retries a failed operation in later cycles with growing gaps: "
            "40 min, then 2 h, 4 h, 8 h, capped at 24 h, for at most 7 attempts.\n\n## When things fail\n\n{said}\n")
    said = ("- **Quarantine.** If more than 40 % of the operations in a cycle fail, Entra puts the job in quarantine: "
            "cycles slow to every 6 h.")
    assert not [f for f in lint_text(base.format(said=said), "markdown") if "circuit breaker" in f.message]
    assert [f for f in lint_text(base.format(said="- **Permanent.** Not retried."), "markdown")
            if "circuit breaker" in f.message]


def test_a_one_line_flow_map_in_a_block_that_does_not_parse_gives_its_keys():
    """A YAML block a writer broke elsewhere is read line by line; `backoff: {strategy: exponential,
    maxDelaySeconds: 120}` still gives each of its settings."""
    text = ("# Rooms → Ops\n\n```yaml\nx-keymaster:\n  backoff: {strategy: exponential, multiplier: 2, maxDelaySeconds: 120}\n"
            "  circuitBreaker: {openAfterConsecutiveFailures: 8, openForSeconds: 180}\n  broken: [a, {b: c]\n```\n")
    retry = spec_of(text).retry
    assert retry.max_delay is not None and retry.max_delay.text == "120"
    assert retry.circuit_breaker is not None and retry.circuit_breaker.text == "8"


def test_delays_in_words_or_after_start_are_read():
    spoken = ("# Guild → Board\n\n## Retry\n\nExponential: one minute, then two, four, eight, sixteen, capped at thirty "
              "minutes, and six attempts in all; a breaker opens after 5 consecutive failures for 10 minutes.\n")
    retry = spec_of(spoken).retry
    assert retry.initial_delay is not None and retry.max_delay is not None
    board = ("# Hives → Co-op\n\n    RETRY\n      exp backoff, start 2s, x2, cap 5 min, jitter 20%\n      max 8 tries\n"
             "      circuit breaker: 10 fails in a row -> open 5 min\n").replace("max 8 tries", "max 8 retries")
    assert not [f for f in lint_text(board, "markdown") if f.code == "IS501"]


def test_classes_named_in_plain_words_over_wrapped_lines_are_told_by_what_they_hold():
    """"**Passing problems**: timeouts, 429, 503 ... (next line) Retried." is the transient class, a bold label
    of seven words a class too; what the item holds goes on over the lines it wraps onto."""
    text = ("# Huts → Office\n\n## When things go wrong\n\nThree kinds.\n\n"
            "- **Passing problems**: timeouts, connection resets, 429, 502 and 503 (the backup window),\n"
            "  and on the hut side simply no satellite. Retried.\n"
            "- **Problems that won't go away by themselves**: 400, 404, 422, a CSV with the wrong header\n"
            "  line. Not retried; straight to the review queue.\n")
    assert sorted(e.category for e in spec_of(text).errors) == ["permanent", "transient"]


def test_a_failed_message_place_named_in_words_carries_the_alert_said_under_its_own_heading():
    """"the rejected rows go to the review queue", and later, under "The review queue, to be precise?", "Every new
    entry sends a mail to the office and to whoever is on call": the place by its words, and its alert."""
    text = ("# Huts → Office\n\n## Errors\n\n- **Half-good reports**: the good rows are booked, the rejected rows go "
            "to the review\n  queue as single lines.\n\n## The review queue, to be precise?\n\nA table `sync_review` and a "
            "screen in the back office. Every new entry sends a mail to office@huts.example and to whoever is on call.\n")
    dead = spec_of(text).dead_letter
    assert dead is not None and dead.destination.text == "review queue" and dead.alert is not None
    assert "IS601" not in codes(text, "IS601")
    # a table under a hyphenated heading, its alert in a "Who is told" column, told by e-mail
    table = ("# Mine → Tally\n\n## 6.3 Failed-message handling\n\n| Direction | Where failed messages go | Who is told |"
             " Replay |\n|---|---|---|---|\n| IF-03 | `int.return_events_failed` | control room by e-mail | "
             "`tally-int replay --id` |\n")
    assert "IS601" not in codes(table, "IS601")


def test_classes_in_numbered_clauses_of_a_formal_spec():
    """"7.1 *Transient faults* are: ... Messages affected are repeated ..."; "7.3 *Partial acceptance* occurs when
    ...": a clause's number before the class, and a class whose messages are repeated."""
    text = ("# Locks → Waterways\n\n## Article 7 — Classification of faults\n\n"
            "7.1 *Transient faults* are: replies 429, 502, 503 and 504; no reply within 10 seconds.\n"
            "Messages affected are repeated in accordance with Article 8.\n\n"
            "7.2 *Permanent faults* are: replies 400, 404 and 422. Messages affected are not repeated; they are "
            "placed in quarantine.\n\n"
            "7.3 *Partial acceptance* occurs when the report is registered but one vessel is rejected. The receiver "
            "replies 207 and lists the rejected vessels; the sender corrects and resends only those.\n")
    errors = spec_of(text).errors
    assert sorted(e.category for e in errors) == ["partial", "permanent", "transient"]
    assert all(e.action is not None for e in errors)


def test_a_partial_failure_handled_on_the_next_line_or_clause_is_told():
    """The handling of a failed part said just after the words that name it: the next step of a scenario, the next
    line of a comment, the clause after; or where the failed part goes."""
    base = ("# Tills → Lab\n\n## Calls\n\n`POST /v1/batches` takes up to 200 items and answers 207 with a result per "
            "item.\n\n## Errors\n\n| Class | Codes | Action |\n|---|---|---|\n| Transient | 429, 503 | retry |\n"
            "| Permanent | 400, 422 | dead-letter |\n\n## Notes\n\n{}\n")
    told = ("```gherkin\nScenario: some items closed\n  Then the lab responds 207 with rejected items [3]\n"
            "  And the till refunds the stake of the rejected item\n```",
            "```js\n// partial failure: the response lists a result per item. Succeeded items\n"
            "// are not re-sent; only the failed ones are retried, for at most 3 rounds.\n```",
            "A 207 is partial: accepted lines ship, rejected lines go to `lab.substitutions`.")
    for said in told:
        assert "IS401" not in codes(base.format(said), "IS401"), said
    assert "IS401" in codes(base.format("Nothing more."), "IS401")


def test_a_failure_logged_and_settled_as_done_is_a_silent_drop():
    """"logs `WARN ... gave up` and marks the sheet as submitted", "logged at `WARN` and its offset is committed":
    the message is settled as if it had gone through, and nothing keeps it."""
    base = "# Shows → Council\n\n## Returns\n\nIf a return still fails after the 8 attempts, {}.\n"
    for said in ("ShowPlanner logs `WARN returns-sync: gave up` and marks the sheet as submitted",
                 "it is logged at `WARN` with its full payload and its offset is committed"):
        assert "IS602" in codes(base.format(said), "IS602"), said
    assert "IS602" not in codes(base.format("it goes to `returns-dlq` and its offset is committed"), "IS602")


def test_a_class_whose_action_is_told_elsewhere_or_in_an_acting_column_has_an_action():
    """"Partial: only Recipe 4 can half-succeed; see its *If some rows are bad*", and a "What happens" column
    whose other rows say retry or dead-letter: the class's handling is given, in words of its own."""
    pointed = ("# Shop → Lab\n\n## Errors\n\n- **Transient:** 503, timeouts: retried.\n- **Permanent:** 400, 422: "
               "dead-lettered.\n- **Partial:** the nightly bulk `207`. {handling}\n")
    assert "IS401" not in codes(pointed.replace("{handling}", "Handling: see section 6."))
    assert "IS401" in codes(pointed.replace("{handling}", "Handling: to be agreed."))
    column = ("# Rink → City\n\n## Failure handling\n\n| Kind | Examples | What happens |\n|---|---|---|\n"
              "| Transient | `429`, `503` | Stays on the queue and is retried |\n"
              "| Permanent | `400`, `409` | Not retried; dead-lettered |\n"
              "| Partial | Some hire lines `SOLD_OUT` | Booking kept; the sold-out lines are voided before capture |\n")
    assert "IS401" not in codes(column)


def test_a_table_whose_first_column_names_one_class_twice_is_no_classification():
    """"Samples per F1 batch", "F1 batch size": a demand model's quantities, "batch" twice, not error classes."""
    text = ("# Dam → Ops\n\n## Errors\n\n- Transient (503, timeouts): retried.\n- Permanent (400): dead-lettered.\n\n"
            "## Demand model\n\n| Quantity | Normal | Flood | Basis |\n|---|---|---|---|\n"
            "| Samples per F1 batch | 38 | 47 | 6 gates |\n| F1 batch size | 4.1 KB | 5.0 KB | measured |\n")
    assert [e.category for e in spec_of(text).errors] == ["transient", "permanent"]


def test_a_partial_failure_named_in_one_sentence_and_handled_in_the_next_is_told():
    text = ("# House → Freight\n\n## Errors\n\n- **Transient** (503, timeouts): retried.\n- **Permanent** (400): "
            "dead-lettered.\n\n## Hot spots\n\n**H4 \"Three lots on one invoice, one is bad.\"** Partial: ArtFreight "
            "answers `207`\nwith a result per item. Accepted items carry on; each rejected item {then}.\n\n"
            "## Quotes\n\n`POST https://freight.example/v2/quotes` answers `201` or `207`.\n")
    assert "IS401" not in codes(text.replace("{then}", "becomes a desk task and is requested again"))
    assert "IS401" in codes(text.replace("{then}", "is listed in the response"))


def test_the_keys_of_a_config_block_about_retrying_are_its_settings_whatever_they_are_called():
    """`first_delay: 2s` and `max_delay: 60s` beside `backoff: exponential`, in a block under the dead letters'
    words ("Before that, both sides use the same numbers:"): the block is the retry policy, each key a setting."""
    text = ("# Rooms → Shop\n\n## Dead letters\n\nA failed slot goes to table `parked` and #ops is notified; replay "
            "with `rk replay <id>`. Before that, both sides use the same numbers:\n\n```yaml\n"
            "backoff: exponential\nfirst_delay: 2s\nfactor: 2\nmax_delay: 60s\n```\n")
    retry = spec_of(text).retry
    assert retry.initial_delay.number == 2 and retry.max_delay.number == 60
    lone = text.replace("backoff: exponential\n", "")  # two delays alone, with nothing of retrying: no policy's
    assert spec_of(lone).retry is None or spec_of(lone).retry.max_delay is None


def test_a_text_table_of_classes_with_a_wrapped_first_cell_and_a_column_a_character_off():
    """"  timeout 30 s, DB timeout" alone on its line goes on the row above, and "transient" one character right of
    "permanent" is the same column: three classes, each with its action, no class named for a wrapped line."""
    text = ("# Ships → Desk\n\n## When things go wrong\n\n```\n"
            "  what failed                      class        what happens\n"
            "  -------------------------------  -----------  ----------------------------------\n"
            "  link drop, CONNACK/PUBACK         transient    retry with backoff; batch stays on SSD\n"
            "  timeout 30 s, 0x88/0x89, DB timeout\n"
            "  message fails schema             permanent    parked whole, alert reefer desk\n"
            "  some readings in a batch bad     partial      valid readings stored, each reject parked\n```\n")
    assert {e.category for e in spec_of(text).errors} == {"transient", "permanent", "partial"}
    assert "IS401" not in codes(text)


def test_a_sentence_across_a_table_of_classes_with_its_other_cell_empty_is_a_note_not_a_class():
    text = ("# Mine → Council\n\n## Failures\n\n| We promise | You promise |\n|---|---|\n"
            "| To treat timeouts, `429` and `5xx` as temporary and retry them. | To do the same. |\n"
            "| To treat `400` and `422` as permanent: no retry; the message goes to our Held Messages list. | The same. |\n"
            "| {note} | |\n")
    note = ("Both parties use the same retry policy: exponential backoff from 10 seconds, doubling, at most 30 minutes "
            "apart, at most 10 attempts")
    assert not [f for f in lint_text(text.replace("{note}", note), "markdown")
                if f.code == "IS401" and "has no action" in f.message]
    assert [f for f in lint_text(text.replace("{note}", "Partial"), "markdown")
            if f.code == "IS401" and "has no action" in f.message]


def test_a_message_that_fails_a_number_of_times_and_moves_to_a_named_table_is_dead_lettered():
    """"fails to process a stored alert 3 times ... it moves to the `failed_webhooks` table and Joanna gets an email":
    a count of failures is retries spent, in other words."""
    text = ("# Hive → Comb\n\n## Questions\n\n| # | Question | Answer |\n|---|---|---|\n"
            "| 4.7 | Where do failed alerts go? | If the worker fails to process a stored alert 3 times (1, 5, 15 min), "
            "it moves to the `failed_webhooks` table and Joanna gets an email. Nothing is deleted. |\n")
    assert "IS601" not in codes(text)
    dead = spec_of(text).dead_letter
    assert dead is not None and dead.destination is not None


def test_failing_words_of_a_tool_with_no_error_section_are_still_error_handling():
    """A README whose options say it crashes on invalid records and gives up after `n` of them, and whose
    known limitations "do NOT fail gracefully", talks of error handling: not "there is no error handling"."""
    text = ("# target-db\n\nLoads streams into a database.\n\n## Config\n\n| Field | Default | Description |\n"
            "|---|---|---|\n| `invalid_records_detect` | `true` | Set `false` to stop the target from crashing on "
            "invalid records |\n| `invalid_records_threshold` | `0` | Allow at most `n` invalid records per stream "
            "before giving up |\n\n## Known limitations\n\n- These limitations are known to NOT fail gracefully\n")
    assert not any("there is no error handling" in f.message for f in lint_text(text, "markdown"))
    bare = "# target-db\n\nLoads streams into a database.\n\n## Config\n\n| Field | Default |\n|---|---|\n| `host` | x |\n"
    assert any("there is no error handling" in f.message for f in lint_text(bare, "markdown"))


def test_a_message_the_poller_stops_trying_but_does_not_delete_is_kept_for_review():
    """A runbook's "marking it seen stops the poller trying to process it, but does not delete it, so we can review
    and ingest it later": a message given up on and kept, dead-letter handling by hand."""
    text = ("# Mailbox → Issues\n\n## Clearing mail that piles up\n\nFetching the full message marks it as seen. "
            "This stops the poller trying to process it, but does not delete it, so we can review and ingest it later.\n")
    messages = [f.message for f in lint_text(text, "markdown") if f.code == "IS601"]
    assert not any("there is no dead-letter handling" in m for m in messages)


def test_a_resolved_review_finding_and_a_findings_heading_are_no_drop_of_messages():
    """A security review's "| F-06 | Undeliverable callbacks are dropped | Medium | Resolved |" and its heading
    "### F-06: Undeliverable callbacks are dropped" tell the problem found and fixed; an open finding still tells
    the design."""
    text = ("# Review of Claims → VetLink\n\n## Findings\n\n| ID | Finding | Severity | Status |\n|---|---|---|---|\n"
            "| F-06 | Undeliverable decision callbacks are dropped | Medium | {} |\n\n"
            "### F-06: Undeliverable decision callbacks are dropped (Medium)\n\n**Resolution.** Callbacks that exhaust "
            "their attempts go to the queue `callbacks-dlq`; the first message pages the on-call.\n")
    assert "IS602" not in codes(text.format("Resolved"))
    assert "IS602" in codes(text.format("Open"))


def test_a_drop_said_to_be_no_failure_and_steps_skipped_after_a_failed_one_lose_no_message():
    """"is dropped by the receiver by design (it is not a failure)", "models that depend on it are skipped": nothing
    that failed is lost."""
    head = "# Turf → Hydro\n\n## Errors\n\n"
    assert "IS602" not in codes(head + "A reading older than the stored one gets `200` and is dropped by HydroZone by "
                                       "design (it is not a failure).\n")
    assert "IS602" not in codes(head + "| Case | Effect |\n|---|---|\n| A test fails: model not published | One model "
                                       "fails: models that depend on it are skipped, the rest publish |\n")
    assert "IS602" in codes(head + "A reading that fails validation is dropped.\n")


def test_yaml_free_text_in_an_extension_key_and_a_retry_strategy_in_words_are_read():
    """`x-description: ambient to AMB, ...` where a mapping has no `transform`, a dead-letter's `x-description` that
    posts to Slack, and a `strategy` that gives its delays, attempts and breaker in words."""
    text = ("title: Pantry ↔ Saver\n"
            "retry:\n  strategy: >-\n    Exponential backoff: first retry after 3 seconds, doubling, never more than 2 "
            "minutes apart, at most 6 attempts. A circuit breaker opens after 10 consecutive failures and stays open "
            "5 minutes.\n"
            "dead_letter:\n  destination: table outbox_dead\n  x-description: >-\n    Each row posts to Slack "
            "#pantry-integrations and emails the warehouse operations lead.\n"
            "mappings:\n  - source: lines[].temperature\n    target: temp_class\n"
            "    x-description: ambient to AMB, chilled to CHL, frozen to FRZ.\n"
            "  - source: lines[].units\n    target: case_count\n")
    found = {(f.code, f.line) for f in lint_text(text, "yaml")}
    assert not {code for code, _ in found} & {"IS501", "IS601"}
    assert [line for code, line in found if code == "IS801"] == [13]  # `lines[].units`, told in no words


def test_attempts_unlimited_only_while_a_condition_holds_and_counted_otherwise_are_bounded():
    """"Unlimited while offline (outbox); 8 once online and getting errors, then dead-letter": no call is made while
    offline; "unlimited, until it succeeds" has no bound."""
    def unsafe(attempts):
        text = ("# Farm → Buyer\n\n## Retry\n\n| Setting | Value |\n|---|---|\n| Strategy | exponential backoff |\n"
                "| Initial delay | 5 s |\n| Max delay | 10 min |\n| Circuit breaker | 10 failures open it for 5 min |\n"
                f"| Max attempts | {attempts} |\n")
        return [f.message for f in lint_text(text, "markdown") if f.code == "IS502" and "no bound" in f.message]
    assert not unsafe("Unlimited while offline (outbox); 8 once online and getting errors, then dead-letter")
    assert unsafe("Unlimited, until it succeeds")


def test_classes_told_in_one_answer_cell_beside_a_state_no_longer_available_are_told():
    """A questionnaire's answer "**Transient**: 429, 503. Retried as in D2. **Permanent**: 400, 409 *slot no longer
    available*. Not retried; dead-lettered. **Partial**: ... Matched rows are applied; the others go on the exception
    list": a slot "no longer available" is no part said to be gone, and the partial class is told."""
    text = ("# Funeral desk → CremaBook\n\n## Section D: Reliability and error handling\n\n"
            "| Ref | Question | Partner response |\n|---|---|---|\n"
            "| D1 | How do you classify errors? | Three groups. **Transient**: 429, 503, or no answer within 15 s. "
            "Retried as in D2. **Permanent**: 400, 404, 409 *slot no longer available*. Not retried; dead-lettered. "
            "**Partial**: the daily schedule can hold bookings we cannot match to a case. Matched rows are applied; "
            "the others go on the exception list of the branch administrator. |\n"
            "| D2 | Describe your batch | The daily schedule is one batch of up to 400 bookings. |\n")
    assert not [f.message for f in lint_text(text, "markdown") if f.code == "IS401"]


def test_a_place_named_in_words_finds_its_alert_where_it_is_named_again():
    """"the booking goes to our stuck-jobs table" in the error classes, and later "for our stuck-jobs table: every row
    stays until someone resolves it. Alert in `#ops` on every new row": the dead-letter place's alert."""
    text = ("# Shop → Couriers\n\n## Errors\n\n- **Transient**: timeouts, `503` → retry\n"
            "- **Permanent**: `400`, `422` → no retry; the booking goes to our stuck-jobs table\n\n## Notes\n\n"
            "For our stuck-jobs table: every row stays until someone in ops resolves it. Nothing is deleted. "
            "Alert in `#shipdesk-ops` on every new row.\n")
    assert not [f.message for f in lint_text(text, "markdown") if f.code == "IS601"]
    quiet = text.replace(" Alert in `#shipdesk-ops` on every new row.", "")
    assert [f.message for f in lint_text(quiet, "markdown") if f.code == "IS601" and "alert" in f.message]


def test_a_timeline_table_is_no_metric_an_older_version_dropped_is_no_loss_and_rules_above_are_an_action():
    """"| 14 Sep 00:00 | token reaches its 5-year expiry |" under "Timeline (abridged)" is what happened; "older
    versions get 409 and are dropped as applied" are replaced by newer ones; "each failed grade is treated on its own
    by the rules above" is the partial class's action."""
    timeline = ("# Kiln → Ledger\n\n## Timeline (abridged)\n\n| When | What |\n|---|---|\n"
                "| 4 Sep 06:10 | Broadband outage at the drying floor |\n| 14 Sep 00:00 | Ledger token reaches its expiry |\n")
    assert not spec_of(timeline).monitoring
    older = ("# Rota → CAD\n\n## Duplicates\n\nCAD PUTs replace the whole crew and carry `sourceVersion` (older "
             "versions get 409 and are dropped as applied).\n")
    assert "IS602" not in codes(older)
    classes = ("# Kiln → Ledger\n\n## Errors\n\n- **Transient**: `503`, timeouts: retried with backoff.\n"
               "- **Permanent**: `400`, `422`: not retried; dead-lettered to `outbox_dead`, an e-mail to Sue.\n"
               "- **Partial**: a `207` on a grade batch. Grades answered `200` are done; each failed grade is treated "
               "on its own by the rules above.\n")
    assert not [f.message for f in lint_text(classes, "markdown") if f.code == "IS401"]


_FLOW_WITH_ITS_OWN = """\
intspec: 1
title: Weighbridge to vintage
flows:
  - name: Weigh ticket
    source: ScaleHouse
    destination: VintageTrack
    trigger: Operator closes a ticket
    payload: Intake JSON
    frequency: "~120/day"
    contracts:
      - name: Create intake
        method: POST
        url: https://api.vintagetrack.example/v3/intakes
        headers: {Idempotency-Key: docket_ref}
        status_codes: {201: created, 200: same key seen before, 422: bad weight (permanent), 503: maintenance}
        examples:
          request: {docket_ref: SH-41873, net_t: 23.46}
          response: {intake_id: int_88213}
    errors:
      - {category: transient, examples: [503, timeout], action: retried from the outbox}
      - {category: permanent, examples: [422], action: dead-lettered at once}
      - {category: partial, examples: none, action: not applicable; one ticket is one intake}
    retry:
      strategy: exponential backoff
      initial_delay: 5s
      max_attempts: 10
      max_delay: 10 min
      circuit_breaker: {threshold: 5 consecutive failures, open_for: 2 min}
    dead_letter:
      destination: table vt_failed_tickets
      alert: SMS to the on-call
      owner: Winery Systems
      replay: Admin > Failed tickets > Resend
    idempotency:
      statement: Repeating a ticket never creates a second intake.
      keys:
        - {operation: Create intake, key: Idempotency-Key = docket_ref}
"""


def test_a_flows_own_contracts_and_policies_are_read_where_they_stand():
    """A YAML spec whose flows each carry their contracts, errors, retry, dead letter and idempotency: the format
    allows it (no IS002) and they are read as if they stood at the top; a part the Spec holds once keeps the
    first flow's, and a top-level one answers for all."""
    spec = _yaml_spec(_FLOW_WITH_ITS_OWN)
    assert [c.name.text for c in spec.contracts] == ["Create intake"]
    assert len(spec.errors) == 3 and spec.retry.max_attempts.number == 10
    assert spec.dead_letter.destination.text == "table vt_failed_tickets"
    assert spec.idempotency.keys[0].key.text == "Idempotency-Key = docket_ref"
    found = {f.code for f in lint_text(_FLOW_WITH_ITS_OWN, "yaml")}
    assert not found & {"IS002", "IS202", "IS401", "IS501", "IS601", "IS901"}, found
    second = _FLOW_WITH_ITS_OWN + ("  - name: Void\n    source: ScaleHouse\n    destination: VintageTrack\n"
                                   "    retry: {strategy: fixed, initial_delay: 1s, max_attempts: 2}\n"
                                   "retry:\n  strategy: linear\n  initial_delay: 3s\n  max_attempts: 4\n"
                                   "  max_delay: 30s\n  circuit_breaker: {threshold: 6}\n")
    assert _yaml_spec(second).retry.strategy.text == "linear"


def _yaml_spec(text):
    from intspec_lint.document.yaml import parse_yaml
    from intspec_lint.reading.yaml import extract_yaml

    spec, problems = extract_yaml(parse_yaml(text), load_vocabulary())
    assert not problems, problems
    return spec


def test_a_queues_receive_limit_is_the_attempt_limit():
    """`max_receives: 6` (a queue's redrive policy) in a retry block is the attempt limit."""
    text = ("# Lab → Cases\n\n## Retry\n\n```yaml\nretry:\n  backoff: exponential\n  first_delay_s: 30\n  max_delay_s: 900\n"
            "  max_receives: 6  # the redrive policy moves the message to the DLQ after the 6th receive\n"
            "circuit_breaker:\n  open_after_consecutive_failures: 10\n```\n")
    assert spec_of(text).retry.max_attempts.number == 6


def test_retries_from_an_outbox_answer_to_the_messages_life_not_the_callers_timeout():
    """A caller that keeps what fails in an outbox and sends it again later waits for no retry: 40 minutes of
    retries do not outlast its 10-second request timeout; without the outbox they do."""
    base = ("intspec: 1\ntitle: Weighbridge\nsla:\n  timeout: 10 s\n  message_ttl: 7 days\n  when_down: >-\n"
            "    ScaleHouse keeps closed tickets in its local outbox and keeps weighing; the outbox drains when the\n"
            "    other side answers again.\nflows:\n  - {name: Weigh ticket, source: ScaleHouse, destination: Vintage, "
            "trigger: operator closes a ticket, payload: intake JSON, frequency: ~120/day}\n"
            "retry:\n  strategy: exponential backoff\n  initial_delay: 5s\n  max_attempts: 10\n  max_delay: 10 min\n"
            "  circuit_breaker: {threshold: 5 consecutive failures, open_for: 2 min}\n")
    assert "IS502" not in {f.code for f in lint_text(base, "yaml")}
    waiting = base.replace("keeps closed tickets in its local outbox and keeps weighing; the outbox drains when the",
                           "shows the operator an error and the ticket is keyed again by hand when the")
    assert "IS502" in {f.code for f in lint_text(waiting, "yaml")}


def test_items_under_a_short_item_naming_dead_letters_are_about_them():
    # a mind-map's leaf "alert: ..." under "- held rows = dead letters": the dead-letter handling's alert
    spec = spec_of("# Mill → Depot\n\n- Failures\n  - permanent\n    - 400, 422 → no retry, the row goes to the hold table\n"
                   "  - transient\n    - 503 → retried\n  - held rows = dead letters\n"
                   "    - table `ops.held_rows` (payload, error)\n    - alert: any new row → mail to ops@mill.example\n")
    assert spec.dead_letter is not None and spec.dead_letter.alert is not None


def test_an_alarm_raised_by_its_code_alerts_on_dead_letters():
    spec = spec_of("# Meter → Grid\n\n## Errors\n\n| Class | Codes | Handling |\n|---|---|---|\n"
                   "| Transient | 503 | retried |\n| Permanent | 400 | File moved to `/srv/meter/failed/` and the agent "
                   "raises `AGENT_FILE_FAILED` |\n")
    assert spec.dead_letter.alert is not None


def test_a_batch_that_fails_its_last_attempt_and_moves_to_a_dead_table_is_dead_lettered():
    spec = spec_of("# Hub → Results\n\n## When the link drops\n\nUploads are retried 6 times with backoff. A batch that "
                   "fails its 6th attempt is moved to the `batches_dead` table; each one pages the on-call in "
                   "PagerDuty and is resent by hand.\n")
    assert spec.dead_letter is not None and spec.dead_letter.destination.text == "batches_dead"


def test_a_breaker_told_under_a_numbered_question_is_no_metric():
    # "**Q3.2 Describe ...**" runs past 80 characters: still the heading of a question, as its siblings are, so the
    # breaker above it stands under its own question, not in the monitoring table's section
    spec = spec_of("# Vendor response\n\nOur answers to section 3 of the tender.\n\n**Q3.0 How do you prevent a seat being sold twice?**\n\nEvery write carries an `Idempotency-Key`.\n\n**Q3.1 What happens during an outage of the partner's booking system?**\n\nListings stay visible but are marked unavailable. Our\nclient opens its circuit breaker after 12 consecutive failed calls (or 40 % failures\nover 60 s) and stays open for 5 minutes, then probes with a single call.\n\n**Q3.2 Describe your monitoring and alerting, including what the partner's operations team will see.**\n\n| Metric | Threshold | Alert |\n|--------|-----------|-------|\n| Call latency P95 | > 2 s | Warning |\n| Call error rate | > 2 % over 5 min | Critical |\n| `orders` queue depth | > 200 | Critical |\n| `orders-dlq` size | > 0 | Critical |\n")
    assert [m.metric.text for m in spec.monitoring] == ["Call latency P95", "Call error rate", "`orders` queue depth",
                                                        "`orders-dlq` size"]


def test_a_metric_s_kind_by_what_its_threshold_measures():
    spec = spec_of("# Parish → Bank\n\n## Monitoring\n\n| Check | Threshold | Alert |\n|---|---|---|\n"
                   "| Upload to status report received | > 2 hours | Email to finance |\n"
                   "| Export runs in status `READY` | any run older than 30 min | Email to support |\n")
    assert [m.kind for m in spec.monitoring] == ["latency", "queue-depth"]


def test_scenarios_in_bold_steps_tell_their_class_in_the_title():
    text = ("# Acceptance criteria: Shop → Bay\n\n## Scenarios\n\n### AC-1 Booking\n\n**Given** a booking\n"
            "**When** the sync sends it\n**Then** Bay answers `201`\n\n"
            "### AC-2 The slot is taken (permanent error)\n\n**Given** the slot is full\n**When** Bay answers `409`\n"
            "**Then** the event is not retried; it goes to the `bay-dlq` queue\n\n"
            "### AC-3 Bay is down (transient error)\n\n**Given** Bay answers `503`\n**When** the sync handles it\n"
            "**Then** it retries with backoff, at most 6 attempts\n\n"
            "### AC-4 A status batch, partly rejected\n\n**Given** a batch of two events\n"
            "**When** one is unknown\n**Then** Bay keeps the good one and answers `207`\n")
    assert sorted(e.category for e in spec_of(text).errors) == ["partial", "permanent", "transient"]


def test_the_age_of_the_oldest_waiting_change_is_a_backlog_and_a_delay():
    text = ("# Registry → Finder\n\n## Monitoring\n\n| Check | Fires when | Severity |\n|---|---|---|\n"
            "| Oldest unsynced change in `change_log` | > 60 min | Warning |\n"
            "| Failed calls / all calls | > 5% over 1 h | High |\n")
    assert [m.kind for m in spec_of(text).monitoring] == ["queue-depth", "error-rate"]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "latency" in f.message]


def test_a_failed_event_logged_and_acknowledged_is_dropped():
    for said in ("If it still fails, the bridge logs the event at `WARN` with its reference and acknowledges it.",
                 "If it still fails it is acknowledged and logged at WARN as `event_dropped`."):
        text = f"# Gate → Bookings\n\n## When an event cannot be applied\n\nThe bridge retries 3 times. {said}\n"
        assert "IS602" in codes(text, "IS602"), said


def test_a_breaker_told_as_failures_back_to_back():
    spec = spec_of("# Shop → ERP\n\n## When things break\n\n- **Transient** (timeouts, `503`): retry with exponential "
                   "backoff, 1 s → 2 s → 4 s … capped at 60 s, 6 attempts per message. If 8 calls to the same system "
                   "fail back to back, the consumer stops pulling for 2 minutes and then sends a single message.\n")
    assert spec.retry.circuit_breaker.text == "8"


def test_a_version_table_is_read_for_its_newer_version():
    spec = spec_of("# Clinic ⇄ Reminders\n\n## Changed defaults\n\n| Setting | 2.x | 3.0.0 |\n|---|---|---|\n"
                   "| Retry strategy | Fixed interval | Exponential backoff with full jitter |\n"
                   "| Webhook timeout | 30 s | 10 s |\n| Batch size | 50 | 100 |\n")
    assert spec.retry.strategy.text.startswith("Exponential")


def test_logged_with_the_offset_committed_is_dropped():
    text = ("# Turbines → CMMS\n\n## Requirements\n\n- **M-15** After the 8th attempt the connector logs the alarm at "
            "ERROR with its `alarm_id` and commits the offset so that one bad alarm does not block the partition.\n")
    assert "IS602" in codes(text, "IS602")


def test_a_stale_event_ignored_by_an_older_code_value_is_no_drop():
    text = ("# Harbour → Berths\n\n## Duplicates\n\n- A `MOVED` event for an older `assigned_at` than the stored one is "
            "ignored, so out-of-order redeliveries cannot put a boat back on its previous berth.\n")
    assert "IS602" not in codes(text, "IS602")


def test_a_dead_outbox_is_the_dead_letter_place():
    spec = spec_of("# Gates → Tickets\n\n## Nothing gets thrown away\n\n- Dead outbox = `outbox_dead` table in the "
                   "gate's SQLite, kept 30 days.\n- `dead_count > 0` on any gate → Opsgenie alert to the on-call.\n")
    assert spec.dead_letter is not None


def test_the_chosen_option_under_alternatives_considered_is_the_design():
    spec = spec_of("# Shop → MIS\n\n## Retries — alternatives considered\n\n### Option A: fixed interval\n\nRetry every "
                   "30 s up to 10 times. Rejected: it holds a slot.\n\n### Chosen policy\n\n- **Strategy**: exponential "
                   "backoff with full jitter\n- **Initial delay**: 5 s\n- **Max attempts**: 6\n")
    assert spec.retry.strategy.text.startswith("exponential") and spec.retry.max_attempts.text == "6"


def test_error_classes_in_a_requirements_table():
    spec = spec_of("# Hall → Ledger\n\n## Failure handling\n\n| ID | Requirement | Rationale | Verification |\n"
                   "|---|---|---|---|\n"
                   "| ER-01 | Transient errors (timeouts, `429`, `503`) shall be retried with backoff as in ER-04. | Outages "
                   "happen. | Test T-07 |\n"
                   "| ER-02 | Permanent errors (`400`, `404`) shall not be retried; the message goes to the poison queue. | "
                   "Retrying cannot fix bad data. | Test T-08 |\n"
                   "| ER-03 | For FL-04, invoices that the ledger returns with `HasValidationErrors: true` shall be handled "
                   "one by one: the rest of the batch is kept as created, each failed invoice is put on the poison queue. | "
                   "One bad row must not stop the others. | Test T-04 |\n")
    assert sorted(e.category for e in spec.errors) == ["partial", "permanent", "transient"]


def test_a_partial_failure_told_of_a_call_with_its_207():
    spec = spec_of("# Kennels → Bookings\n\n## Availability you send us\n\n`PUT https://book.example/v1/availability`\n\n"
                   "If some days are fine and others are not (a date in the past), we keep the good days and answer "
                   "`207`.\n")
    assert [e.category for e in spec.errors] == ["partial"]


def test_calls_that_fail_for_good_kept_in_a_holding_list_are_dead_lettered():
    spec = spec_of("# Kennels → Bookings\n\n## When things go wrong\n\nFor calls you make to us that fail for good, "
                   "please keep them in a holding list in your system and alert your support team.\n")
    assert spec.dead_letter is not None


def test_a_numbered_rule_whose_accepted_items_stand_is_partial():
    spec = spec_of("# Gym → Health\n\n## 7.5 Failure rules\n\n- **7.5.1** If a call fails with `429` or `503`, then it "
                   "is **transient**: retry under 7.6.\n- **7.5.2** If a call fails with `400` or `404`, then it is "
                   "**permanent**: do not retry; dead-letter it.\n- **7.5.3** If a batch answers `200` with entries in "
                   "`rejected`, then the accepted readings stand; rejected entries go into the next batch.\n")
    assert "partial" in {e.category for e in spec.errors}


def test_keeping_the_items_that_succeeded_is_a_partial_class():
    spec = spec_of("# Gym → Desk\n\n## Scenario: a batch with some bad check-ins\n\nDesk keeps the items that succeeded, "
                   "and handles each failed item on its own: an item with a 4xx status goes to the failed check-ins "
                   "table, an item with 503 goes back in the outbox.\n")
    assert "partial" in {e.category for e in spec.errors}


def test_a_breaker_over_consecutive_calls_named_at_length():
    spec = spec_of("# Garden → Shop\n\n## Rules\n\n**Rule 17:** Retries use exponential backoff from 2 s, capped at 60 s, "
                   "at most 5 attempts. If 5 consecutive calls to TillPoint or to Shopify fail, the sync stops calling "
                   "that system for 5 minutes, then sends one trial call.\n")
    assert spec.retry.circuit_breaker.text == "5"


def test_the_rate_of_an_errors_counter_is_an_error_rate():
    spec = spec_of("# Radio → Log\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
                   "| `logship_send_errors_total` rate / calls | > 5% over 1 h | Email |\n")
    assert [m.kind for m in spec.monitoring] == ["error-rate"]


def test_the_action_in_brackets_beside_a_class():
    spec = spec_of("# Monitors → Care\n\n## Reference: errors\n\n- **Transient** (retried): `429`, `503`, 20 s timeout.\n"
                   "- **Permanent** (dead-lettered at once, alert): `400`, `404`.\n")
    assert [e.action is not None for e in spec.errors] == [True, True]


def test_the_age_of_a_key_is_its_expiry_metric():
    spec = spec_of("# Studio → Stripe\n\n## Alerts\n\n| Check | Threshold | Who |\n|---|---|---|\n"
                   "| Age of the Stripe restricted key and webhook secret | Older than 170 days | Sam, email |\n"
                   "| Oldest unsynced change | > 60 min | Sam, email |\n")
    assert [m.kind for m in spec.monitoring] == ["token-expiry", "queue-depth"]


def test_what_an_earlier_version_did_and_a_codes_list_drop_nothing():
    history = ("# Library → Bursar\n\n## Approach\n\nMy first prototype simply logged errors, and in testing it lost 14 "
               "fines during an outage. I therefore retry every failed call and park it in `sync_exceptions` after the "
               "last attempt, with an email alert.\n")
    codes_list = ("# Inspections → Roofs\n\n## Cancel an assignment\n\n`POST https://rep.example/v1/assignments/{id}/cancel`"
                  "\n\nResponse: `200` cancelled or already cancelled; `404` unknown assignment; `409` result already sent "
                  "(REP then ignores the cancellation and accepts the result); `429`; `503`.\n")
    assert codes(history, "IS602") == [] and codes(codes_list, "IS602") == []
    dropped = "# A → B\n\n## Errors\n\n`400` invalid: the worker logs it and drops the message.\n"
    assert codes(dropped, "IS602") == ["IS602"]


def test_classes_and_retries_told_in_plain_words_under_a_plain_heading():
    text = ("# Kiosk → Ledger\n\n## If something goes wrong\n\nTwo kinds of trouble:\n\n"
            "1. **Trouble that clears up** — timeouts, `429`, `503`. The sale stays in the outbox and is tried again.\n"
            "2. **Trouble that stays** — `400`, `401`, `404`. Trying again won't help: the sale goes to the *Stuck* "
            "list and the manager is emailed.\n\n"
            "**Trying again.** The kiosk waits 1 second, then 2, 4, 8 — four tries in all, never more than 30 seconds "
            "apart. After five failed sales in a row it pauses for 5 minutes.\n")
    assert codes(text, "IS401", "IS501") == []
    assert spec_of(text).retry is not None


def test_a_placeholder_in_brackets_is_no_threshold_and_a_secrets_days_remaining_is_its_expiry():
    spec = spec_of("# Shop → Hub\n\n## Monitoring\n\n"
                   "- **Key expiry**: each response carries `Hub-Key-Expires: <ISO date>`. Alert when it is under 14 "
                   "days away.\n")
    assert [m.threshold.text.startswith("under 14 days") for m in spec.monitoring] == [True]
    from intspec_lint.reading.vocabulary import load_vocabulary
    assert load_vocabulary().metric_kind("Partner OAuth client secret days remaining") == "token-expiry"
    assert load_vocabulary().metric_kind("Orders waiting, days remaining in the month") == "queue-depth"


def test_an_slo_table_beside_an_alerts_table_is_asked_no_alert():
    text = ("# Gates → Passes\n\n## SLOs and alerts\n\n| SLI | Measured at | SLO |\n|---|---|---|\n"
            "| Validation latency: share answered within 250 ms | client histogram | 99.5% |\n"
            "| Consumer lag: records behind on `scans` | broker | 99% under 60 s |\n\n"
            "| Metric | Threshold | Alert |\n|---|---|---|\n| Validation P99 latency | > 300 ms for 5 min | Page |\n"
            "| Error rate (5xx + timeouts) | > 0.5% for 5 min | Page |\n| Consumer lag on `scans` | > 20,000 records | Page |\n"
            "| Partner token expiry | < 14 days | Ticket |\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS701"] == []


def test_clauses_that_run_on_after_a_semicolon_keep_the_alert_of_their_lead():
    spec = spec_of("# Hub → Partner\n\n## Monitoring\n\nThe Hub pages its on-call when, for any partner: the error rate "
                   "exceeds 2% over 30 minutes;\nP95 delivery time exceeds 5 minutes; or the inbox passes 50 events.\n")
    assert [m.alert.text if m.alert else None for m in spec.monitoring] == ["pages", "pages", "pages"]


def test_a_streams_iterator_age_is_its_backlog_and_a_bulk_calls_two_outcomes_are_a_partial_class():
    from intspec_lint.reading.vocabulary import load_vocabulary
    assert load_vocabulary().metric_kind("Kinesis `GetRecords.IteratorAgeMilliseconds` (max)") == "queue-depth"
    text = ("# SIS → LMS\n\n## Error handling\n\nTransient errors (`429`, `503`, timeouts) are retried.\n\n"
            "Permanent errors (`400`, `422`) are not retried; the message is dead-lettered.\n\n"
            "For a bulk request, items with `2xx` are accepted; each failed item is logged and re-sent the next night.\n")
    assert codes(text, "IS401") == []


def test_situations_titled_by_the_codes_they_handle_are_error_classes():
    text = ("# Care ⇄ Cuff\n\n## When the Cuff API times out or returns 429 or 5xx\n\nRetry with exponential backoff, "
            "2 s doubling, capped at 5 minutes, up to 7 attempts.\n\n## When the Cuff API returns 400, 404 or 422\n\n"
            "Do not retry: these will not fix themselves. Dead-letter the message and page the on-call.\n\n"
            "## When some readings in a delivery are bad and others are fine\n\nThe good ones are stored; "
            "the bad ones are answered as rejected.\n")
    assert sorted(e.category for e in spec_of(text).errors if e.category in ("transient", "permanent")) == \
        ["permanent", "transient"]


def test_metric_names_in_other_words_and_a_final_class():
    from intspec_lint.reading.vocabulary import load_vocabulary
    vocab = load_vocabulary()
    assert vocab.metric_kind("`orders-outbound` task count") == "queue-depth"
    assert vocab.metric_kind("Days since API key change") == "token-expiry"
    assert vocab.metric_kind("Excursion start to quarantine flag (P95)") == "latency"
    assert vocab.metric_kind("Quarantine table rows") == "dlq-size"
    assert vocab.category("Final") == "permanent"


def test_a_cache_ttl_is_no_message_ttl():
    from intspec_lint.reading.overview import sla_facts
    assert [f[0] for f in sla_facts("Whole file overwritten each run; CloudFront TTL 30 s.")] == []
    assert [f[0] for f in sla_facts("Messages have a TTL of 30 s on the queue.")] == ["message_ttl"]


def test_a_breaker_whose_sentence_names_a_host_with_dots():
    spec = spec_of("# Studio → Sign\n\n## Retry\n\nExponential backoff from 2 s, doubling, capped at 60 s, 5 attempts. "
                   "If 10 calls in a row to api.sign.example fail with 429/5xx, the worker stops calling Sign for 10 "
                   "minutes and then lets one call through.\n")
    assert spec.retry.circuit_breaker is not None


def test_a_table_of_settings_names_its_durations_by_their_unit_and_keeps_its_breaker_rows():
    text = ("# Roaster → Ledger\n\n## Failure handling\n\n| Setting | Value |\n|---|---|\n"
            "| `RETRY_STRATEGY` | `exponential_full_jitter` |\n| `RETRY_BASE_MS` | `2000` |\n| `RETRY_MAX_MS` | `120000` |\n"
            "| `RETRY_MAX_ATTEMPTS` | `6` |\n| `CB_FAILURE_THRESHOLD` | `8` consecutive failures |\n"
            "| `CB_OPEN_SECONDS` | `300`, then one trial call |\n")
    retry = spec_of(text).retry
    assert (retry.initial_delay.number, retry.max_delay.number) == (2.0, 120.0)
    assert retry.circuit_breaker is not None and codes(text, "IS501") == []


def test_a_dashboards_panels_are_its_metrics_and_a_trigger_event_column_its_trigger():
    spec = spec_of("# Lending\n\n## Your first on-call week\n\n| Panel | Alert when | Level |\n|---|---|---|\n"
                   "| Sign-in check latency, P95 | > 1.5 s over 10 min | Critical |\n"
                   "| Webhook → library write latency, P95 | > 2 min | Warning |\n| Library call error rate | > 5% | Critical |\n\n"
                   "## Flows\n\n| # | Message | From → To | Trigger event | Volume |\n|---|---|---|---|---|\n"
                   "| 1 | OML^O21 | Ward → Lab | Clinician signs an order | ~4,200/day |\n")
    assert [m.kind for m in spec.monitoring] == ["latency", "latency", "error-rate"] and spec.contracts == []
    assert [f.trigger.text for f in spec.flows] == ["Clinician signs an order"]


def test_a_test_plans_expected_results_are_no_metrics_and_a_header_or_a_claimed_task_let_pass_is_no_loss():
    text = ("# Gauges → Keystone\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
            "| Upload latency P95 | > 30 s | Warning |\n| Error rate | > 2% over 15 min | Critical |\n\n"
            "## 6. Test plan\n\n| Test | Expected result |\n|---|---|\n"
            "| TC-03 Pull the antenna cable for 10 minutes | Spool grows, circuit opens, all batches delivered |\n")
    assert [m.metric.text for m in spec_of(text).monitoring] == ["Upload latency P95", "Error rate"]
    from intspec_lint.reading.dead_letter import drops_failed
    assert drops_failed("`Retry-After` on `429` is ignored; the connector's own backoff applies.") is None
    assert drops_failed("A `412` means another terminal already claimed it; the task is skipped.") is None
    assert drops_failed("A `412` means the version is stale; the task is skipped.") == "is skipped"


def test_a_failure_kept_in_a_named_table_or_a_tray_is_dead_letter_handling():
    """"Failing definitively ... it goes in the table `x`" (a non-native writer's words) and an operator console's
    "Undelivered Alerts tray" are where failed messages go."""
    table = ("# Inverters → Grid\n\n## Errors\n\n| Type | Errors | Action |\n|---|---|---|\n| Transient | 503 | Retry |\n"
             "| Permanent | 400 | No retry, park and alert |\n\nWhen one alarm is failing definitively, it is not lost: it go "
             "in the table `integration_parking` with the last error, and an alert is sent to the on-call in Opsgenie.\n")
    assert codes(table, "IS601", "IS602") == []
    tray = ("# Sensors → Fire service\n\n## Codes\n\n| Code | Meaning |\n|---|---|\n| 400 | Alert refused; moved to the "
            "Undelivered Alerts tray |\n\n## Retries\n\nPermanent errors are not tried again; the alert goes straight to "
            "the Undelivered Alerts tray, and the duty officer is paged.\n")
    assert codes(tray, "IS601") == []


def test_a_time_from_one_event_to_another_is_a_latency_metric():
    text = ("# Payroll → Pension\n\nWe'll watch on the hub side:\n\n"
            "- time from pay run finalised to `schedule.processed` received: warn if over 4 hours, critical if over 24;\n"
            "- submission error rate above 5% in a day: critical;\n- outbound queue depth above 20 schedules: warning;\n"
            "- days until the OAuth client secret expires: warning at 45, critical at 14.\n")
    assert "latency" in {m.kind for m in spec_of(text).monitoring}


def test_a_drop_asked_about_redone_or_held_by_an_open_breaker_is_no_silent_loss():
    """A question in a thread ("can we just log them?"), a file "re-dropped" for another go, calls skipped while the
    breaker the sentence just opened holds them, and a site skipped and picked up by later runs lose nothing."""
    lead = "# Desk → Printers\n\n## Failure handling\n\n"
    for said in ("**Priya:** OK. And permanent failures, can we just log them?\n",
                 "| Class | Action |\n|---|---|\n| Partial | Load the good rows, write bad rows to `rejects` with the "
                 "reason, re-drop those only |\n",
                 "Circuit breaker: 15 consecutive failures set it open; callouts are skipped for 10 minutes, then one "
                 "trial call.\n",
                 "5 retries per call. A site that still fails is skipped for this run and picked up by the overlapping "
                 "window of later runs.\n"):
        assert codes(lead + said, "IS602") == [], said
    assert codes(lead + "Permanent failures are just logged and skipped.\n", "IS602") == ["IS602"]


def test_a_claim_moved_to_a_named_state_and_a_secret_days_left_monitor_in_a_fix():
    """A setup guide: "moves the claim to **Held claims**" is where failed claims go; a troubleshooting entry's fix,
    "the monitor `client_secret_days_left` warns ... at 30 days", watches the credential's expiry."""
    held = ("# Chargers → Expenses\n\n## What happens when something fails\n\n| Kind | Examples | What we do |\n|---|---|---|\n"
            "| Temporary | `429`, `5xx` | Retries automatically |\n| Permanent | `400`, `404` | Stops, moves the claim to "
            "**Held claims** and emails your admins |\n")
    assert codes(held, "IS601") == []
    fix = ("# Zoo → Hub\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Error rate | > 5% | Critical |\n"
           "| Upload latency P95 | > 15 min | Warning |\n| Queue depth | > 200 | Warning |\n\n## Troubleshooting\n\n"
           "### Every upload fails with 401\n\n**Cause:** The client secret has expired.\n\n**Fix:** Create a new secret. "
           "To avoid this, the Hub's monitor `member_client_secret_days_left` warns the registrar by email at 30 days.\n")
    assert not [f for f in lint_text(fix, "markdown") if f.code == "IS701" and "expiry" in f.message]


def test_a_partial_acceptance_told_under_a_message_is_a_partial_class():
    text = ("# Solar → Utility\n\n## Delivery rules (all messages)\n\n1. **Transient errors** (`503`, timeouts): the "
            "receiver re-schedules the message with backoff.\n2. **Permanent errors** (schema failure): dead-lettered at "
            "once.\n\n## AllocationResult (LPL → SunShare, topic `csg.outbound`)\n\nOne result per batch of allocation "
            "records.\n\n**Handling at SunShare (partial acceptance):** accepted records are marked `active` for the month.\n"
            "Each rejected record goes to the care work queue with its reason.\n")
    assert "partial" in {e.category for e in spec_of(text).errors}


def test_a_spool_a_dead_stream_and_a_method_written_as_a_verb():
    """An Internet-Draft moves failed batches to "the exception spool"; Gherkin steps move events to the stream
    "callouts:dead"; "stale grants are DELETEd" sends calls, it loses no failed message."""
    spool = ("# Plazas → Back office\n\n## 6. Errors\n\n- **Permanent**: `400`, `409`. The Plaza Host MUST NOT retry the "
             "batch; it MUST move it to the exception spool and raise an alarm to the TOC.\n")
    assert codes(spool, "IS601") == []
    stream = ("# Stage → Cover\n\n## Failures\n\n```gherkin\nScenario: A permanent error\n  Given CueSheet answers 422\n"
              "  Then the event is moved to the stream \"callouts:dead\" with the response body\n"
              "  And the duty manager is paged on PagerDuty\n```\n")
    assert codes(stream, "IS601") == []
    verb = ("# Bookings → Doors\n\n## Failure handling\n\n- Partial failures: each grant is handled separately; stale "
            "grants are DELETEd. A grant that fails is retried on its own.\n")
    assert codes(verb, "IS602") == []


def test_a_metric_row_that_points_elsewhere_is_no_metric():
    text = ("# Rooms → Catering\n\n## Authentication\n\n| Field | Value |\n|---|---|\n| Mechanism | OAuth 2.0 client credentials |\n"
            "| Rotation | every 90 days |\n| Expiry alert | CloudWatch alarm when the secret expires within 25 days; PagerDuty |\n\n"
            "## Monitoring\n\n| Field | Value |\n|---|---|\n| Latency | P95 > 30 s for 10 min: warning |\n"
            "| Error rate | non-2xx > 3% over 10 min: critical |\n| Queue depth | visible messages > 200: warning |\n"
            "| Credentials | See *Expiry alert* in the authentication table |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "Credentials" in f.message]


def test_a_loss_told_outright_is_still_reported():
    """What this session's excuses for a drop must not reach: a later run that does not pick the rows up, a drop after
    a comma beside the breaker's state, shouting, a stated design doubted with a question mark, an idiom with "dead"."""
    lead = "# Shop → ERP\n\n## Failures\n\n"
    for said in ("Rows that fail validation are skipped and never picked up by later runs.",
                 "Five consecutive failures trip the breaker open, and failed messages are dropped.",
                 "After 5 failed attempts the message is DELETED.",
                 "After 3 retries failed messages are dropped - fine for now?",
                 "Failed orders that miss the 18:00 drop-dead time are discarded."):
        assert codes(lead + said + "\n", "IS602") == ["IS602"], said
    assert codes(lead + "After 5 failed attempts the worker writes the error to Datadog.\n", "IS601") == ["IS601"]
    mail = lead + "Permanent errors go to `orders-dlq` after 5 attempts. The ERP emails a confirmation to the customer.\n"
    assert [f.message for f in lint_text(mail, "markdown") if f.code == "IS601"] == [
        "dead-letter handling has no alert: say who is alerted, and how"]


def test_a_transient_class_is_asked_its_action_beside_a_retry_policy_that_says_nothing():
    text = ("# Shop → ERP\n\n## Errors\n\n- **Permanent** (400, 422): moved to `orders-dlq`, on-call paged.\n"
            "- **Transient** (429, 503, timeouts).\n\n## Retry policy\n\nTo be agreed with the ERP team.\n")
    assert any("'Transient'" in f.message for f in lint_text(text, "markdown") if f.code == "IS401")


def test_a_metric_whose_value_only_opens_with_a_pointer_is_still_a_metric():
    text = ("# Shop → ERP\n\n## Monitoring\n\n- **Error rate**: see the Grafana board `orders`; above 1% over 5 minutes is "
            "critical.\n- **Latency**: see the same board; P95 above 2 s for 10 minutes is a warning.\n"
            "- **Queue depth**: page the on-call if it looks high.\n")
    assert {m.kind for m in spec_of(text).monitoring} >= {"error-rate", "latency"}


def test_class_names_cut_short_in_a_class_column():
    """Telegraphic error tables: "| Cls | e.g. | → action |" over "trans.", "perm.", "part."."""
    text = ("# Importer → Customs\n\n## 5. Errors\n\n| Cls | e.g. | → action |\n|---|---|---|\n| trans. | 429, 503 | retry per §6 |\n"
            "| perm. | 400, 422 | no retry; parked, officer task created |\n| part. | file lines that fail parsing | good "
            "lines posted; bad lines to `ds_reject` |\n")
    assert [e.category for e in spec_of(text).errors] == ["transient", "permanent", "partial"]
    assert codes(text, "IS401") == []


def test_what_would_be_lost_is_a_warning_not_the_design():
    lead = "# Tills → HQ\n\n## If something goes wrong\n\n"
    assert codes(lead + "Do not reinstall the Hub; unsent stamps would be lost.\n", "IS602") == []
    assert codes(lead + "After 5 failed attempts unsent stamps are lost.\n", "IS602") == ["IS602"]
    import re
    from intspec_lint.reading.cues import REPEAT_ANSWERED
    assert re.search(REPEAT_ANSWERED, "a second upload of the same shift replaces the first one", re.I)
    assert re.search(REPEAT_ANSWERED, "Cancelling an already held booking again also returns `200`", re.I)


def test_a_queue_named_for_its_exceptions_in_the_plural_is_the_dead_letter_place():
    """"Message to the exceptions queue" in an error table, and its alert in a numbered requirement: the handling is
    said, though no section is named for it."""
    text = ("# Lanes → Bookings\n\n## Error handling\n\n| Category | Handling |\n|---|---|\n"
            "| Transient | Retry with backoff |\n| Permanent | No retry; message to the exceptions queue |\n\n"
            "## Operations\n\nREQ-43. Messages on the exceptions queue `lane-exceptions` SHALL alert the service desk "
            "on arrival; the desk replays them once fixed.\n")
    assert codes(text, "IS601") == []


def test_a_place_named_err_has_its_alert_said_later_by_its_name():
    """A queue named with the short "ERR" (`R9-PIS-ERR`) is named for what failed: the paragraph that says each new
    message there e-mails the team is its alert."""
    text = ("# Robot → Pharmacy\n\n## Errors\n\n- **Transient:** 429, 503. Retried.\n"
            "- **Permanent:** 400, 404. Not retried: moved to the error queue `R9-PIS-ERR` for a pharmacist.\n\n"
            "Retries use exponential backoff for up to 8 attempts, then the message goes to `R9-PIS-ERR`. The "
            "Integration Team owns `R9-PIS-ERR`; each new message there emails informatics@example.org.\n")
    assert codes(text, "IS601") == []


def test_a_normative_action_in_other_words_is_the_class_action():
    """"SHALL re-submit each mismatched record" or "corrects it with the keeper" say what happens to a class, in
    verbs the list of actions had only spelled otherwise; an adjective "correct" does not."""
    head = ("# Vets → Register\n\n## Errors\n\n7.1 **Transient**: 429 and 503 are retried.\n\n"
            "7.2 **Permanent**: 400 and 422 go to the failed-submission store.\n\n7.3 **Partial failure.** ")
    for said in ("Matched records stand. The clinic SHALL re-submit each mismatched record individually.",
                 "Matched records stand. The clinic corrects them with the keeper."):
        assert "IS401" not in codes(head + said + "\n", "IS401")
    assert "IS401" in codes(head + "Matched records are correct.\n", "IS401")


def test_a_metrics_threshold_and_alert_as_keys_of_an_inline_table_are_one_metric():
    """`p95 = { threshold = "> 10 s", alert = "page the director" }` under `[monitoring]`: one metric with its
    threshold and its alert, named by its key."""
    text = ("# Edge → Splits\n\n```toml\n[monitoring]\n"
            'read_to_leaderboard_p95 = { threshold = "> 10 s for 2 min", alert = "page timing director" }\n'
            'ingest_error_rate = { threshold = "> 1% over 1 min", alert = "page timing director" }\n'
            'edge_heartbeat_age = { threshold = "> 30 s", alert = "warning" }\n```\n')
    metrics = spec_of(text).monitoring
    assert [(m.metric.text, m.alert.text) for m in metrics] == [
        ("read to leaderboard p95", "page timing director"), ("ingest error rate", "page timing director"),
        ("edge heartbeat age", "warning")]
    assert not any("has no alert" in f.message for f in lint_text(text, "markdown"))


def test_a_credentials_age_or_nearness_to_replacement_watches_its_expiry():
    text = ("# Wardens → Payments\n\n## Monitoring\n\nIssue to payable P95 latency over 15 min: warning. Error rate over "
            "2% in 10 min: critical. `pcn-issued` backlog over 500: warning.\nDead-letter count above 0: critical. "
            "HMAC secret older than 85 days or SFTP key within 30 days of its replacement date: warning.\n")
    assert "token-expiry" in [m.kind for m in spec_of(text).monitoring]


def test_the_age_of_data_at_ingest_watches_a_backlog():
    """"Ping age at ingest (`now - gps_ts`)" tells how far behind the consumer is: a webhook flow's backlog watched."""
    from intspec_lint.reading.monitoring import watches_backlog
    assert watches_backlog("Ping age at ingest (`now - gps_ts`), P95", False)
    assert watches_backlog("Data freshness", False)
    assert not watches_backlog("Error rate", False)


def test_a_threads_post_number_is_numbering_and_its_list_goes_on():
    """"16/ - partial: ..." continues the list of the post before: the post's number is numbering, the item a class."""
    text = ("# Bank → Portal\n\n15/ Errors come in three kinds:\n- transient (429, 503): retry, see 17/\n"
            "- permanent (400, 404): don't retry, quarantine + tell a human\n\n"
            "16/ - partial: the batchUpsert where some records come back \"error\". The good ones are done; failed "
            "ones go to quarantine.\n")
    assert "partial" in {e.category for e in spec_of(text).errors}


def test_a_batch_said_to_be_no_unit_of_failure_has_its_partial_case_told():
    text = ("# Scanner → Marking\n\n## S1. Stuck uploads\n\n**Cause.** A transient failure: `429`/`503`; retried with "
            "backoff.\n\n## S2. Held\n\n**Cause.** A permanent error (`400`, `422`): moved to the Held queue.\n\n"
            "## S5. Batch shows 187 of 190 uploaded\n\n**Cause.** Batches are not all-or-nothing. Each script is its own "
            "message: the 187 are stored, and the 3 are retrying or held.\n")
    assert not any("no partial category" in f.message for f in lint_text(text, "markdown"))


def test_a_proposal_in_a_thread_is_no_drop_policy():
    """"I'd just log failures and move on" proposes; the design is what the thread decides."""
    text = ("# Bookings → Doors\n\n## Description\n\n- Permanent: `400`, `404` -> no retry, DLQ + alert.\n\n"
            "**DLQ**: SQS `room-sync-dlq`; any message pages `venue-ops`; replay with `rs-admin dlq replay`.\n\n"
            "## Comments\n\nDo we really need a DLQ? I'd just log failures and move on.\n")
    assert "IS602" not in codes(text)
    assert "IS602" in codes(text.replace("I'd just log failures", "We just log failures"))


def test_a_retry_policy_or_a_list_of_delays_says_what_happens_when_a_side_is_down():
    """A retry schedule written as a list of delays is read as one: its first delay, its last and its count; and
    calls tried again say what happens when the other side is down."""
    text = ("# Mail → You\n\n## Retry logic\n\nWhen your endpoint answers other than 200, we retry on this "
            "schedule:\n\n* 10 Minutes\n* 15 Minutes\n* 30 Minutes\n* 1 Hour\n* 4 Hour\n\nAfter that, failed events "
            "are kept in our error queue.\n")
    retry = spec_of(text).retry
    assert retry.initial_delay is not None and retry.max_delay is not None and retry.max_attempts is not None
    assert not any("one side is down" in f.message for f in lint_text(text, "markdown"))


def test_the_old_credential_deleted_after_a_rotation_is_no_message_dropped():
    """"The client secret is valid for 180 days. ... a new one at day 150 ..., then the old one is deleted": the old
    one is the secret of the sentence before, not a failed message."""
    from intspec_lint.reading.dead_letter import drops_messages
    assert drops_messages("The client secret is valid for 180 days. Ops issue a new one at day 150, both work side by "
                          "side for 14 days, then the old one is deleted.") is None
    assert drops_messages("Failed tickets are retried twice. Then the old one is deleted.") is not None


def test_a_cool_off_after_consecutive_failures_is_a_circuit_breaker():
    """"After 20 consecutive failures the publisher enters a 2-minute cool-off, then sends a single request": a breaker
    in other words, its threshold told."""
    head = ("# Cinema → Tickets\n\n## Decisions\n\n| # | Decision | Detail |\n|---|---|---|\n"
            "| D2 | Retry | Exponential backoff with full jitter: first retry after 2 s, doubling, capped at 2 minutes, "
            "8 attempts. |\n")
    breaker = ("| D3 | Outages | After 20 consecutive failures the publisher enters a 2-minute cool-off, then sends a single "
               "request before resuming. |\n")
    assert not any("circuit breaker" in f.message for f in lint_text(head + breaker, "markdown") if f.code == "IS501")
    assert any("circuit breaker" in f.message for f in lint_text(head + "| D3 | Logs | Each failure is logged. |\n",
                                                                 "markdown") if f.code == "IS501")


def test_a_class_whose_action_points_at_where_it_is_told_has_an_action():
    """"Partial: F4 batches, handled per `change_id` as above": the action is told where it points."""
    head = ("# Wallet → Ledger\n\n## Failure handling\n\n- Transient: `429`, `503` → retried.\n"
            "- Permanent: `400`, `422` → not retried; refunded.\n")
    assert "IS401" not in codes(head + "- Partial: F4 batches, handled per `change_id` as above.\n", "IS401")
    assert "IS401" in codes(head + "- Partial: F4 batches with some `change_id`s failed.\n", "IS401")


def test_a_ladder_of_delays_gives_its_first_rung_and_a_lead_time_is_no_delay():
    """"10 s, 30 s, 90 s, 270 s, 810 s" starts at 10 s; "reminders start 30 days out" is how early, not a retry's
    first delay (read beside the breaker in the next row, it made the cap look smaller than the first delay)."""
    from intspec_lint.reading.retry import facts
    assert facts("exponential backoff with jitter, 10 s, 30 s, 90 s, 270 s, 810 s, 6 attempts")["initial_delay"][0] == "10 s"
    assert "initial_delay" not in facts("the permit stays valid, because reminders start 30 days out")
    text = ("# Permits\n\n## Failure\n\n| Question | Answer |\n|---|---|\n| What is the retry policy? | Exponential "
            "backoff with jitter, 10 s, 30 s, 90 s, 270 s, 810 s, so 6 attempts, never more than 15 minutes apart. |\n"
            "| What if the partner is down? | After 12 consecutive failed calls the client opens its circuit breaker for "
            "10 minutes. Permits stay valid meanwhile, because reminders start 30 days out. |\n")
    assert "IS502" not in codes(text)


def test_consecutive_calls_that_fail_then_stop_are_a_breaker():
    """"When 5 consecutive calls to one surgery's endpoint fail, calls to that surgery stop for 15 minutes"."""
    text = ("# Monitors → Surgeries\n\n## Retries\n\nRetried with exponential backoff and full jitter: first retry "
            "after 10 s, doubling, never more than 15 minutes apart, at most 7 attempts. When 5 consecutive calls to "
            "one surgery's endpoint fail, calls to that surgery stop for 15 minutes, then resume with one trial call.\n")
    assert not any("circuit breaker" in f.message for f in lint_text(text, "markdown") if f.code == "IS501")


def test_review_what_a_failure_word_a_credential_or_a_deferral_does_not_say():
    """A dead-letter sentence says nothing of a side that is down; a certificate's age is no backlog; "handled in a later
    phase" is no action; "we could not ... so ... dropped" decides a drop; "the old one" beside a failed event is the
    event; a list of timeouts is no schedule of delays, nor a health check's "3 consecutive failures" a retry fact."""
    from intspec_lint.reading.dead_letter import drops_messages
    from intspec_lint.reading.monitoring import watches_backlog
    dlq = ("# Orders → Warehouse\n\n## SLA\n\n- Latency: P99 under 2 s.\n- Uptime: 99.9% monthly.\n\n## Dead letters\n\n"
           "Messages that fail schema validation are moved to the `orders-dlq` queue and the on-call is paged.\n")
    assert any("one side is down" in f.message for f in lint_text(dlq, "markdown") if f.code == "IS012")
    assert not watches_backlog("Client certificate age", False)
    later = ("# Wallet → Ledger\n\n## Failure handling\n\n- Transient: `429`, `503` → retried.\n- Permanent: `400`, `422` → "
             "not retried; refunded.\n- Partial: F4 batches with some `change_id`s failed will be handled in a later phase.\n")
    assert "IS401" in codes(later, "IS401")
    assert drops_messages("We could not get storage approved for them, so after 3 failed attempts the message is logged "
                          "and dropped.") is not None
    assert drops_messages("A failed event is retried once with a refreshed token; if that fails too, the old one is "
                          "discarded.") is not None
    timeouts = ("# A → B\n\n## Resilience\n\nFailed calls are retried with exponential backoff and full jitter.\n\n"
                "The three calls have these timeouts (lookup, create, confirm):\n\n- 2 s\n- 5 s\n- 30 s\n")
    assert any("no initial delay" in f.message for f in lint_text(timeouts, "markdown") if f.code == "IS501")
    health = ("# A → B\n\n## Retry policy\n\nFailed calls are retried with exponential backoff and full jitter, at most 5 "
              "attempts. A circuit breaker opens after 10 failures in a row.\n\n## Monitoring\n\n| Metric | Threshold | "
              "Alert |\n|---|---|---|\n| Health check | 3 consecutive failures; probe interval 30 s | Warning |\n")
    assert any("no initial delay" in f.message for f in lint_text(health, "markdown") if f.code == "IS501")


def test_redelivering_only_the_others_of_a_batch_tells_the_partial_case():
    text = ("# Box office → Partners\n\n## Errors\n\n- Transient: `429`, `503`: retried.\n- Permanent: `400`: not retried, "
            "the event goes to the review list.\n\n## Partners\n\nA partner answers a batch with the list of event ids it "
            "accepted; we redeliver only the others, individually, so one bad event never holds back the rest.\n")
    assert not any("no partial category" in f.message for f in lint_text(text, "markdown"))


def test_a_class_denied_by_ellipsis_takes_the_verb_before_it():
    text = ("# Huts → Locks\n\n## Errors\n\nTransient errors (`429`, `5xx`, timeouts) are retried with backoff.\n"
            "Permanent errors (`400`, `401`, `404`) are not. Partial failures only occur on batches and are handled "
            "there: accepted items stay, rejected ones go to the dead-letter queue.\n")
    permanent = [e for e in spec_of(text).errors if e.category == "permanent"]
    assert permanent and permanent[0].action is not None
    # a class whose sentence says nothing becomes of it has no action
    bare = text.replace("are not. Partial", "are listed in the table. Partial")
    assert [e.action for e in spec_of(bare).errors if e.category == "permanent"] == [None]


def test_a_pause_named_as_a_state_of_suspension_after_failures_per_party_is_a_breaker():
    text = ("# Club → Boats\n\n## 5.6 Sending behaviour\n\n**5.6.1** A sender shall retry transient failures with "
            "exponential backoff: first retry after 10 s, doubling, no interval longer than 15 minutes.\n\n"
            "**5.6.2** A sender shall make at most 8 attempts.\n\n"
            "**5.6.3** After 20 (CH) or 5 (BL) consecutive failed requests to the same receiver, the sender shall "
            "enter suspension for 30 minutes (CH) or 10 minutes (BL), then send a single request before resuming.\n")
    assert spec_of(text).retry.circuit_breaker is not None
    assert "IS501" not in codes(text)


def test_the_other_items_of_a_list_of_checks_are_metrics_of_the_kinds_they_name():
    text = ("# Clocks → Results\n\n## Flows\n\n- F1: ClockLink → FedResults, on each clock read, ~30 per race.\n\n"
            "## Operations\n\nSue can set up checks that email us:\n\n"
            "- time from a clock being read to the FedResults `200`, alert if it's over 20 minutes;\n"
            "- more than 3 failed uploads out of the last 10;\n- more than 15 files waiting in the outbox;\n"
            "- the API key's expiry date: warning 30 days before.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "error rate" in f.message]
    # a list none of whose items was read as a metric lends its words to none
    alone = text.replace("alert if it's over 20 minutes", "kept in the run log").replace("warning 30 days before",
                                                                                          "noted in the runbook")
    assert {"monitoring:error-rate", "monitoring:queue-depth"}.isdisjoint(spec_of(alone).evidence)


def test_a_table_of_what_happens_when_is_no_table_of_metrics():
    text = ("# Hall → Finance\n\n## Behaviours\n\n| When | What happens |\n|---|---|\n"
            "| A call gets 429 or 5xx | Retried with backoff, at most 6 attempts |\n"
            "| A dead-lettered message has been fixed | `hall-admin dlq resubmit --id <id>` |\n\n"
            "## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Error rate | > 5% over 15 min | Critical |\n")
    assert [m.metric.text for m in spec_of(text).monitoring] == ["Error rate"]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "no alert level" in f.message]


def test_a_metric_that_names_the_place_failed_messages_go_watches_the_dead_letters():
    text = ("# Rota → Parish\n\n## Dead letters\n\nAfter the last attempt the call is written to `failed_pushes`, and the "
            "webmaster is emailed.\n\n## Monitoring\n\n- Error rate above 5% of calls in an hour: critical.\n"
            "- Outbox of unpublished pushes above 50 or `failed_pushes` above 0: warning.\n")
    assert "monitoring:dlq-size" in spec_of(text).evidence
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "dead-letter size" in f.message]
    assert "monitoring:dlq-size" not in spec_of(text.replace("or `failed_pushes` above 0", "")).evidence


def test_items_set_apart_while_the_rest_of_the_batch_is_committed_tell_the_partial_case():
    text = ("# Gauges → Harbour\n\n## Errors\n\n`429` and `503` are transient: retried. `400` is permanent: dead-lettered.\n\n"
            "## Threats\n\n| ID | Threat | Mitigation |\n|---|---|---|\n| T4 | Poison reading blocks a partition | "
            "Readings that fail validation are written to `tide.dlq` and the rest of the batch is committed. |\n")
    assert "errors:partial" in spec_of(text).evidence or "partial" in {e.category for e in spec_of(text).errors}
    assert "IS401" not in codes(text)


def test_a_credentials_renewal_in_a_partner_dashboard_is_no_watch_on_its_expiry():
    text = ("# Tours → Desk\n\n## Authentication\n\n- **TideLine API (called by TourDesk)**: OAuth 2.0 client credentials, "
            "scopes `slots:write messages:write`. The client secret expires after 180 days; the Trust creates a new one "
            "in the partner dashboard two weeks before and swaps it in Key Vault.\n\n## Monitoring\n\n"
            "| Metric | Threshold | Alert |\n|---|---|---|\n| Latency (P95) | > 5 s for 10 min | Warning |\n"
            "| Error rate | > 2% over 10 min | Critical |\n| Outbox backlog | > 500 | Warning |\n")
    assert "monitoring:token-expiry" not in spec_of(text).evidence
    assert [f for f in lint_text(text, "markdown") if f.code == "IS701" and "expiry" in f.message]
    # an alert on the date, said beside the credential, is a watch on it
    watched = text.replace("swaps it in Key Vault.", "swaps it in Key Vault; a warning fires 14 days before it expires.")
    assert not [f for f in lint_text(watched, "markdown") if f.code == "IS701" and "expiry" in f.message]


def test_a_copy_a_unique_key_turns_away_is_no_failed_message_lost():
    from intspec_lint.reading.dead_letter import drops_messages
    assert drops_messages("`payments.civic_receipt_id` is unique; the second insert is skipped") is None
    assert drops_messages("The same receipt is read twice: it is skipped") is None
    assert drops_messages("Receipts that fail validation are skipped") is not None


def test_a_request_kept_on_a_queue_once_its_last_attempt_has_failed_is_dead_lettered():
    text = ("# Partner → Huts\n\n## 4. When things go wrong\n\n**Temporary problems**: `429`, `503`, timeouts. You must "
            "retry with exponential backoff: first retry after 1 s, doubling, at most 6 attempts.\n"
            "When the last attempt has failed you must not drop the request: put it, with the last response, on your "
            "own support queue, and tell your customer the reservation is pending.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS601" and "there is no dead-letter" in f.message]
    silent = text.replace("put it, with the last response, on your own support queue, and ", "")
    assert [f for f in lint_text(silent, "markdown") if f.code == "IS601" and "there is no dead-letter" in f.message]


def test_round_100s_error_and_dead_letter_shapes():
    """Only the rejected rows re-sent, and a rule table's row keyed to a `207`, tell the partial case; the old side of
    a "Was / Now" revision is history; "email your technical contact" alerts; "listed on the ... page" keeps."""
    asked = ("# Forms → Plots\n\n## Errors\n\nTransient: `429`, `503` are retried. Permanent: `400` is not retried, it is "
             "written to the exceptions report.\n\n**What if only part of the positions batch fails?**\n\n"
             "The forms API stores every accepted row and lists the rejected ones. PlotBook re-sends only the rejected "
             "rows in a follow-up call at 02:45.\n")
    assert not [f for f in lint_text(asked, "markdown") if f.code == "IS401" and "partial" in f.message]
    rules = ("# Sensors → Rooms\n\n## Rules\n\n| Rule ID | Applies to | Rule | Rationale |\n|---|---|---|---|\n"
             "| ERR-01 | All calls | Transient: 429, 503, timeout → retry | They clear |\n"
             "| ERR-02 | All calls | Permanent: 400, 404 → no retry; dead-lettered | Retrying cannot fix them |\n"
             "| ERR-04 | CON-05 (207) | Partial: spaces reported `stored` stand; spaces reported `rate_limited` are sent "
             "again in the next call | A bad room must not block the others |\n")
    assert not [f for f in lint_text(rules, "markdown") if f.code == "IS401" and "partial" in f.message]
    revised = ("# Finder → Rescue\n\n## 6. Retry and dead-letter\n\n**Was:**\n> Retry 3 times. If it still fails, drop "
               "it and log an error.\n\n**Now:**\n- Exponential backoff, first delay 2 s, doubling, at most 7 attempts.\n"
               "- After the 7th attempt the message goes to the dead-letter topic `admissions-dlq`; the first message "
               "on it pages the on-call.\n")
    assert "IS602" not in codes(revised)
    assert "IS602" in codes(revised.replace("**Was:**", "**Fallback:**"))
    contact = ("# Locks → Fleet\n\n## Webhooks\n\nWe retry on our side. If the last attempt fails we park the event under "
               "Partner portal → Undelivered events, email your technical contact, and you can replay it from there.\n")
    assert not [f for f in lint_text(contact, "markdown") if f.code == "IS601" and "no alert" in f.message]
    listed = ("# Entries → Rings\n\n## Retry\n\nExponential backoff, first retry after 5 s, doubling, at most 6 attempts."
              "\n\n### When it gives up\n\n- An entry that fails permanently or runs out of attempts is listed on the "
              "secretary's **Unsynced entries** page with the last error; the secretary is emailed every hour.\n")
    assert not [f for f in lint_text(listed, "markdown") if f.code == "IS601" and "there is no" in f.message]


def test_an_adrs_future_considerations_are_not_its_design_and_a_failed_state_keeps_the_event():
    text = ("# ADR 003: Retry strategy\n\n## Decision\n\nUse exponential backoff with jitter: initial interval 1 second, "
            "multiplier 2, max interval 1 hour, at most 5 attempts.\n\n### Maximum 5 attempts\n\nAfter 5 attempts the "
            "event is marked failed, which allows human intervention.\n\n## Consequences\n\n### Future considerations\n\n"
            "- Dead letter queue for failed events\n")
    found = [(f.line, f.message) for f in lint_text(text, "markdown") if f.code == "IS601"]
    assert found and all(line != 15 and "no alert" in message for line, message in found)  # kept, told nobody
    dropped = text.replace("the event is marked failed, which allows human intervention", "the event is dropped")
    assert [f for f in lint_text(dropped, "markdown") if f.code in ("IS601", "IS602") and f.line != 15]


def test_a_failed_job_logged_and_removed_is_dropped():
    from intspec_lint.reading.dead_letter import drops_messages
    text = ("If every attempt fails, the worker logs `album_order_failed` with the client reference and removes the job "
            "so the queue does not block")
    assert drops_messages(text) is not None
    assert drops_messages(text.replace("and removes the job", "and moves the job to `failed_orders`")) is None


def test_review_near_misses_of_this_sessions_shapes_stay_findings():
    """Each shape read this session has a near miss that still says what is missing: a heading that only mentions
    future improvements, a page sent to a person, a row never read again, the rest of a request, an open question
    that ends "... and which are not.", a metric that merely shares a word with the dead-letter place, a modal "may"."""
    from intspec_lint.reading.dead_letter import drops_messages
    watched = ("# Shop → Ledger\n\n## Monitoring and future improvements\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
               "| Latency (P95) | > 5 s | Warning |\n| Error rate | > 2% | Critical |\n| Queue depth | > 100 | Warning |\n")
    assert not [f for f in lint_text(watched, "markdown") if f.code == "IS701" and "there is no" in f.message]
    paged = ("# Shop → Ledger\n\n## Retry\n\nExponential backoff, first retry after 2 s, at most 5 attempts. After the last "
             "attempt the message is dropped and the on-call engineer is sent a page.\n")
    assert {"IS601", "IS602"} & set(codes(paged))
    assert drops_messages("Rows that fail validation are skipped and never read again.") is not None
    assert drops_messages("Orders with an unknown SKU are dropped; SKUs are unique, so the second lookup is cached.")
    batch = ("# Shop → Ledger\n\n## Errors\n\nTransient: `429`, `503`: retried. Permanent: `400`: dead-lettered.\n"
             "If the signature check fails, the rest of the request is ignored and we answer `401`.\n\n"
             "## Calls\n\n`POST /v1/batches` sends up to 500 lines in one batch.\n")
    assert [f for f in lint_text(batch, "markdown") if f.code == "IS401" and "partial" in f.message]
    asked = ("# Shop → Ledger\n\n## Errors\n\n- **Transient**: `429`, `503`: retried with backoff.\n"
             "- **Permanent errors**: we still need to ask the vendor which 4xx codes are permanent and which are not.\n")
    assert [f for f in lint_text(asked, "markdown") if f.code == "IS401" and "no action" in f.message]
    shared = ("# Shop → Ledger\n\n## Dead letters\n\nAfter the last attempt the call is written to the `errors` table and the "
              "team is emailed.\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
              "| Latency (P95) | > 5 s | Warning |\n| Auth errors | above 10 an hour | Warning |\n")
    assert "monitoring:dlq-size" not in spec_of(shared).evidence


def test_a_gherkin_scenario_says_its_rule_whole():
    # the condition in "Given", the action in "Then" and "And": a breaker and a dead-letter alert, each in one scenario
    text = ("# Van → Library\n\n## Feature: when things fail\n\n```gherkin\nFeature: Delivery failures\n"
            "  Scenario: Koha is briefly unavailable\n    Given Koha answers 503 to an event\n"
            "    Then RouteWise redelivers it after 10 seconds, doubling with jitter\n"
            "    And gives up after 8 attempts, never waiting more than 15 minutes between two\n\n"
            "  Scenario: Koha keeps failing\n    Given 20 consecutive deliveries to Koha have failed\n"
            "    Then RouteWise pauses the subscription for 30 minutes\n    And queues new events until the pause ends\n\n"
            "  Scenario: Out of attempts\n    Given an event has failed 8 times, or Koha answered 400 or 422\n"
            "    Then RouteWise moves it to the \"Failed deliveries\" list\n    And emails libraries@example.org\n```\n")
    found = codes(text)
    assert "IS501" not in found and "IS601" not in found
    # a scenario's outcome alone, with no condition it answers, is no breaker
    assert "IS501" in codes(text.replace("    Given 20 consecutive deliveries to Koha have failed\n", ""))


def test_a_question_about_some_items_of_a_batch_failing_is_the_partial_class():
    text = ("# Fridge → ReFeed\n\n## Questions we asked each other\n\n### What counts as temporary?\n\nTimeouts, `429` and `503` are temporary: "
            "we retry with backoff.\n\n### What counts as permanent?\n\n`400` and `422` are permanent: the donation goes to "
            "the dead-letter table at once.\n\n### What if only some donations in a batch are rejected?\n\n"
            "We act on each item's own result. Items marked `created` leave the outbox. Items marked `retryable: false` "
            "go to the dead-letter table on their own.\n")
    assert "partial" in {e.category for e in spec_of(text).errors}
    assert not any("no partial" in f.message for f in lint_text(text, "markdown"))


def test_a_row_skipped_into_a_table_is_kept_not_dropped():
    assert "IS602" not in codes("# A → B\n\n## Dead letters\n\nRows that fail validation are skipped into the "
                                "`rejected_rows` table; the rest of the page is stored.\n")
    assert "IS602" in codes("# A → B\n\n## Dead letters\n\nRows that fail validation are skipped; the rest of the "
                            "page is stored.\n")


def test_a_credential_watched_by_the_days_to_its_due_date_is_expiry_monitoring():
    table = ("# A → B\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
             "| A | API key | {rotation} | Vault |\n| B | HMAC secret | every 12 months | Vault |\n\n"
             "## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Latency P95 | > 5 s | Slack |\n"
             "| Error rate | > 2% | Slack |\n| Queue depth | > 100 | Slack |\n{extra}")
    told = ("every 180 days; the portal emails #ops 14 days before any integration token expires", "")
    due = ("every 180 days", "| Days until `A_API_KEY` rotation due date | < 14 | Warning email |\n")
    for rotation, extra in (told, due):
        assert "IS701" not in codes(table.format(rotation=rotation, extra=extra))
    # handing the new key over ahead of the switch is the rotation, not a watch on the date
    handed = "every 180 days; we email the new key 30 days before the old one expires"
    assert "IS701" in codes(table.format(rotation=handed, extra=""))


def test_a_token_lifetime_beside_a_scope_named_alarms_is_no_expiry_watch():
    # "alarms:write" in one sentence and "valid for 60 minutes" in the next of one clause: nothing watches expiry
    text = ("# Gateway → APM\n\n## 5. Security\n\n5.1 **TGW to APM.** Each TGW obtains tokens with scopes `telemetry:write` "
            "and `alarms:write`. Access tokens are valid for sixty (60) minutes and are refreshed at fifty (50).\n\n"
            "5.2 **APM to Ops.** Notifications are signed with an HMAC secret rotated every 180 days, stored in Vault.\n\n"
            "## 7. Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Latency P95 | > 15 min | Warning |\n"
            "| Error rate | > 2% | Critical |\n| Buffer depth | > 500 | Warning |\n| Dead letters | > 0 | Critical |\n")
    assert any("expiry" in f.message for f in lint_text(text, "markdown") if f.code == "IS701")


def test_each_entry_e_mailing_both_contacts_is_the_dead_letters_alert():
    text = ("# Campus → Keys\n\n## Schedule 4\n\n4.5 **Exceptions Register.** A message that fails permanently or "
            "exhausts its retries is written to the table `int_exceptions`. Each new entry e-mails both contacts in "
            "paragraph 7. The Accommodation team resubmits entries from the register screen once fixed.\n")
    assert spec_of(text).dead_letter.alert is not None
    assert "IS601" not in codes(text)


def test_a_drop_that_is_a_noun_and_a_call_skipped_when_done_already_lose_nothing():
    # "every drop it can match": a delivery's stop; "skips the call if a refund ... already exists": a repeat held back
    noun = ("# Dairy → Schools\n\n## Failures\n\n- **Partial** — a delivery message with several drops. Milk Hub "
            "stores every drop it can match to an order and lists the others under `rejected` for the office.\n")
    done = ("# A → B\n\n## Refunds\n\nWhen a refund call fails, the job reads the order's refunds and skips the call "
            "if a refund with the same `event_id` already exists.\n")
    assert "IS602" not in codes(noun) and "IS602" not in codes(done)
    assert "IS602" in codes("# A → B\n\n## Failures\n\nA message that fails validation: we drop it and move on.\n")

def test_a_receive_count_setting_and_a_disabled_event_source_are_the_limit_and_the_breaker():
    text = ("# Hospice → Harbour\n\n## Retries\n\nA failed message is made visible again after 10 s, 40 s, 160 s and "
            "640 s (×4 each time, with jitter, capped at 15 minutes); the queue's redrive policy has `maxReceiveCount` 5. "
            "When Harbour has failed 10 calls in a row, the worker disables its SQS event source for 10 minutes and "
            "then lets one message through to test.\n")
    retry = spec_of(text).retry
    assert retry.max_attempts is not None and retry.circuit_breaker is not None and retry.circuit_open is not None
    assert "IS501" not in codes(text)


def test_promises_that_say_what_is_retried_are_the_error_classes():
    # numbered promises in no part's section: which codes are retried and which are not says the classes
    text = ("# Tower → Parish\n\n## What TowerRota promises\n\n**T5.** TowerRota retries a failed call only for `429`, "
            "`503` and network timeouts, with exponential backoff, 5 attempts in all.\n\n**T6.** TowerRota will not "
            "retry `400`, `404` or `422`. Those go straight to the held list.\n")
    assert "transient" in {e.category for e in spec_of(text).errors}


def test_near_misses_of_this_reading_still_report_their_gaps():
    """What the session's new shapes must not swallow (a review's near misses): a reminder about a membership, a
    new key handed over ahead of the switch, a drop 'to unblock the queue', 'moves on to the next message', a
    question about a partly failed batch that is left open, a pause that is denied."""
    monitoring = ("# A → B\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
                  "| A | API key | {rotation} | Vault |\n| B | HMAC secret | every 12 months | Vault |\n\n## Monitoring\n\n"
                  "| Metric | Threshold | Alert |\n|---|---|---|\n| Latency P95 | > 5 s | Slack |\n| Error rate | > 2% | Slack |\n"
                  "| Queue depth | > 100 | Slack |\n\n## Members\n\nMailHub e-mails each member 7 days before their membership "
                  "expires.\n")
    for rotation in ("every 180 days", "every 180 days; the vendor emails us the renewed key 14 days before the old one expires"):
        assert any("expiry" in f.message for f in lint_text(monitoring.format(rotation=rotation), "markdown")
                   if f.code == "IS701")
    for dropped in ("Messages that fail validation are deleted to unblock the queue.",
                    "When a message fails, the consumer logs it and moves on to the next message in `acks:in`."):
        assert "IS602" in codes(f"# A → B\n\n## Failures\n\n{dropped}\n")
    undecided = ("# A → B\n\n## Errors\n\nTransient: `429`, `503` are retried with backoff. Permanent: `400`, `422` go to "
                 "the dead-letter queue.\n\n## Open points\n\n### What if only some lines in a batch are rejected?\n\n"
                 "Not decided yet.\n\nThe batch call answers `207` with one result per line.\n")
    assert "partial" not in {e.category for e in spec_of(undecided).errors}
    denied = ("# A → B\n\n## Retries\n\nExponential backoff from 2 s, doubling, at most 6 attempts, capped at 60 s.\n\n"
              "```gherkin\nFeature: Failures\n  Scenario: the partner keeps failing\n"
              "    Given 20 consecutive deliveries have failed\n    Then RouteWise does not pause the subscription\n```\n")
    assert spec_of(denied).retry.circuit_breaker is None


def test_a_place_for_what_finally_failed_told_in_business_words_is_the_dead_letter_handling():
    """No "dead letter" anywhere: a job that "has finally failed" goes on a "Needs attention" list and the owners get an
    email; a row sends what never works "straight to the *Couldn't schedule* tray", and the paragraph that opens by
    naming the tray says who gets an email. Without the email, the alert is still missing."""
    listed = ("# Permits → Ledger\n\n## 6. When things fail\n\nIn both cases, when a job has finally failed it goes on the "
              "**Needs attention** list in the admin (table `finance_exceptions`), and you and Dan get an email straight "
              "away. It stays on the list until one of us presses \"Try again\".\n")
    assert "IS601" not in codes(listed)
    tray = ("# Studio ⇄ Requests\n\n## When things go wrong\n\n| What happened | Examples | What happens next |\n|---|---|---|\n"
            "| Temporary | `503`, timeout | Retried automatically, 7 attempts in all. |\n"
            "| Won't ever work | `400`, `409` | Not retried. The item goes straight to the *Couldn't schedule* tray. |\n\n"
            "**The *Couldn't schedule* tray.** Anything that ran out of attempts ends up here. You will get an email to "
            "tech@example.org for each item. Items stay in the tray until someone resends them.\n")
    assert "IS601" not in codes(tray)
    assert "IS601" in codes(tray.replace("You will get an email to tech@example.org for each item. ", ""))


def test_a_repeat_answered_by_what_the_other_side_already_holds_or_a_duplicate_flag_is_dedup():
    """"answers `409` if it already has a POD for that barcode"; `200 {"state": "SYNCED", "duplicate": true}` for an
    order already past QUEUED: each a repeat's answer, told in the contract. Without them the write is keyless."""
    base = ("# Lockers → Parcels\n\n## Contracts\n\n**Proof of delivery.** `POST https://parcels.example/v2/pod` with "
            "the barcode and `pod_ref`. It answers `201` when stored, {repeat}`400` if a field is wrong.\n\n"
            "## Retries\n\nExponential backoff from 2 s, doubling, 6 attempts.\n")
    assert "IS901" not in codes(base.format(repeat="`409` if it already has a POD for that barcode, "))
    assert "IS901" in codes(base.format(repeat="`409` if the barcode is unknown, "))
    flagged = base.format(repeat="").replace("`201` when stored,", '`201 {"state": "STORED"}` when stored, '
                                             '`200 {"state": "STORED", "duplicate": true}` for a late POD,')
    assert "IS901" not in codes(flagged)
    assert "IS901" in codes(flagged.replace('"duplicate": true', '"late": true'))


def test_a_contract_named_as_a_flow_goes_by_the_flows_id_and_an_annex_cites_its_clause():
    """A standard: the flow table names "F3 Casting decisions", clause 4.3.4 is "**Casting decisions.**" with its call,
    the repeat-safety clause says "F3: StageDoor SHALL ignore what it has already stored", and Annex A's
    example is captioned "(4.3.4, 4.3.5)"."""
    text = ("# CastList → StageDoor\n\n## 3 Flows\n\n| Flow | Direction | Trigger | Payload | Frequency |\n|---|---|---|---|---|\n"
            "| F3 Casting decisions | CastList → StageDoor | director publishes | decision batch JSON | 3-4 a production |\n\n"
            "## 4 Interfaces\n\n4.3.4 **Casting decisions.** `POST https://stagedoor.example/api/casting/decision-batches`, "
            "over mutual TLS. Body: `production_code`; `decisions`, each with `decision_id`.\n\n4.3.5 StageDoor SHALL answer "
            "`200` when every decision is accepted, `400` when the batch is malformed.\n\n## 4.10 Repeat-safety\n\n"
            "4.10.4 F3: StageDoor SHALL ignore what it has already stored and report it as accepted.\n\n"
            "## Annex A (normative) Examples\n\nA.3 Third interface (4.3.4, 4.3.5):\n\n```json\n"
            "{\"production_code\": \"OLIV25\", \"decisions\": [{\"decision_id\": \"3f1c\", \"outcome\": \"offer\"}]}\n```\n\n"
            "```json\n{\"batch_id\": \"0c5e\", \"results\": [{\"decision_id\": \"3f1c\", \"status\": \"accepted\"}]}\n```\n")
    assert not {"IS901", "IS202"} & set(codes(text))
    from intspec_lint.rules._common import _flow_ids_named, contract_namer
    spec = spec_of(text)
    assert "F3" in contract_namer(spec)(spec.contracts[0])
    assert _flow_ids_named(spec, "Casting decisions") == ["F3"] and _flow_ids_named(spec, "Decision upload") == []
    annex = ("# A → B\n\n## Annex A\n\nA.3 Decision batch with a mixed outcome (4.3.4, 4.3.5, 4.5.3):\n\n```json\n"
             "{\"production_code\": \"OLIV25\"}\n```\n")
    assert spec_of(annex).speaks_of("example", ["4.3.5"]) and spec_of(annex).speaks_of("example", ["4.5.3"])
    assert not spec_of(annex).speaks_of("example", ["4.3.9"])


def test_a_card_number_names_the_one_call_on_that_card():
    """One card per endpoint, each with a "Front" and a "Back": "Before card 1 or card 2 the bridge searches ... and, if a
    document with that exact `reference` exists, stores its id instead of creating another." A card holding two
    calls is named by none of them alone."""
    card = ("## Card {n} · Create {what}\n\n### Front\n\n- Direction: Berths → Ledger\n- Volume: ~15 a day\n\n### Back\n\n"
            "`POST https://ledger.example/v3/{path}` with the {what} JSON; `201` created, `400` invalid.\n\n")
    text = ("# Berths → Ledger card deck\n\n" + card.format(n=1, what="an invoice", path="sales_invoices")
            + card.format(n=2, what="a credit note", path="sales_credit_notes")
            + "## Shared rules card\n\n**No doubles.** Before card 1 or card 2 the bridge searches by the `reference` and, "
              "if a document with it exists, stores its id instead of creating another.\n")
    assert "IS901" not in codes(text)
    assert len([f for f in lint_text(text.replace("card 1 or card 2", "card 3"), "markdown") if f.code == "IS901"]) == 2
    steps = ("# Rota → Texts\n\n## Happy path\n\n### Step 3: the Notifier calls Notify\n\n`POST https://notify.example/v2/sms` "
             "with the phone number and template; `201` accepted, `400` invalid.\n\n### Step 4: status back\n\n"
             "`PATCH https://rota.example/shifts/{id}` with the status; `409` means a newer status is already stored "
             "(ignored). The same PATCH is made straight after Step 3.\n")
    assert any(f.code == "IS901" and "notify.example" in f.message for f in lint_text(steps, "markdown"))  # a step: when


def test_an_error_class_whose_handling_is_defined_in_another_clause_has_its_action():
    """"Batch outcomes are defined in 5.3.3." under the error table: the partial class's handling is told there."""
    text = ("# Tills → Tokens\n\n## 5.3.3 Batch outcomes\n\nItems answered `200` are deleted from the outbox; items answered "
            "`429` or `503` are resent; the rest move to `outbox_dead`.\n\n## 7. Error Handling\n\n"
            "| Class | Examples | Required behaviour |\n|---|---|---|\n| Transient | `429`, `503` | Retransmit per Section 8 |\n"
            "| Permanent | `400`, `422` | MUST NOT retransmit; move to `outbox_dead` |\n\nBatch outcomes are {told}.\n")
    def no_action(told):
        return [f for f in lint_text(text.format(told=told), "markdown") if f.code == "IS401" and "no action" in f.message]
    assert not no_action("defined in 5.3.3")
    assert no_action("sometimes mixed")


def test_the_statement_that_says_where_failed_events_go_may_say_who_is_emailed():
    """An admin screen's settings, then "Events ReadSpire could not deliver at all ... are listed in ReadSpire's portal
    under Reports → Webhook failures, emailed to systems@, and resent from there": the place and its alert in one
    sentence; "..., never emailed or paged" has none."""
    text = "# Loans → Library\n\n" + SCREEN_5
    alerts = lambda told: [f for f in lint_text(text.replace("emailed to systems@", told), "markdown")
                           if f.code == "IS601" and "no alert" in f.message]
    assert not alerts("emailed to systems@")
    assert alerts("never emailed or paged")


SCREEN_5 = """
| Field | Our value | What it does |
|---|---|---|
| Treat as temporary | `429, 500, 502, 503, 504, timeout` | These are retried. Timeout is 15 s per call. |
| Treat as permanent | `400, 401 (after one re-sign), 403, 404, 409, 422` | Not retried; go straight to Failed items. |
| First retry after (s) | `5` | Then doubling. |
| Longest wait between retries (s) | `300` | Cap on the doubling. |
| Attempts per call | `6` [5] | Including the first. |
| Add random jitter | On | Each wait is a random value between half and all of the computed delay. |
| Pause after consecutive failures | `10` | The connector stops calling ReadSpire... |
| Pause length (min) | `5` | ...for this long, then tries one call before resuming. Held calls wait in the job queue. |
| Failed items | (separate screen) | Screen with every call or event that failed permanently or ran out of attempts: request, last answer, attempt count. **Retry** and **Dismiss with reason** buttons. Kept 90 days. |
| Email failed items to | `systems@ashcombelibrary.org.uk` | One email per new failed item, plus a daily summary at 08:00. |

Incoming loan events that Koha cannot record (unknown card number, `404`) are also written to Failed
items by Koha before it answers, so they are not left to ReadSpire's redelivery alone. Events ReadSpire
could not deliver at all (Koha down for more than 3 days) are listed in ReadSpire's portal under
Reports → Webhook failures, emailed to systems@, and resent from there with **Redeliver**.
"""


def test_a_monitoring_setting_written_as_key_equals_value_is_a_metric_and_its_threshold():
    """A configuration reference: "- `monitoring.outbox_depth = 10` — warning when more rows than this are waiting".
    The key names the metric, the value is its threshold; a setting with no value is no threshold."""
    text = ("# Board → Hub configuration reference\n\n## [monitoring]\n\n"
            "- `monitoring.publish_to_live.p95 = \"30m\"` — warning if publish → `passed` is slower.\n"
            "- `monitoring.error_rate = \"10% over 1h\"` — critical; Signal + email.\n"
            "- `monitoring.outbox_depth = 10` — warning when more rows than this are waiting.\n"
            "- `monitoring.api_key_expiry.warn_days = 21` — warning when the key is closer than this to its expiry.\n")
    metrics = {m.metric.text: m.threshold.text if m.threshold else None for m in spec_of(text).monitoring}
    assert metrics["monitoring.outbox_depth"] == "10" and metrics["monitoring.publish_to_live.p95"] == "30m"
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS701" and "no threshold" in f.message]
    unset = text.replace("`monitoring.outbox_depth = 10`", "`monitoring.outbox_depth`")
    assert [f for f in lint_text(unset, "markdown") if f.code == "IS701" and "no threshold" in f.message]


def test_a_contract_card_of_part_value_and_notes_is_no_table_of_units():
    """"| Part | Value | Notes |" over "Status codes", "Response body": one call's card, each row a key, its value and a
    note. Its columns are no error classes named "Value" and "Notes"; a table whose columns are systems still is."""
    card = ("# Scores → League\n\n## 4.3 F3: correction webhook\n\n| Part | {a} | {b} |\n|---|---|---|\n"
            "| Method and URL | `POST https://scores.example/hooks/corrections` | |\n"
            "| Response body | `{{\"applied\": bool}}` | |\n"
            "| Status codes | 200 applied; 401 bad signature; 422 field path unknown | A repeat gets 200 without applying. |\n")
    categories = {e.category for e in spec_of(card.format(a="Value", b="Notes")).errors}
    assert not categories & {"value", "notes"}
    assert {e.category for e in spec_of(card.format(a="Transient", b="Permanent")).errors} >= {"transient", "permanent"}


def test_error_classes_answered_in_a_faq_by_their_members_and_by_what_happened():
    """A support desk's FAQ names no class: "Some photos went up but others didn't. What happens to the claim?" is the
    partial class, answered; "Calls that fail with a timeout, connection reset, 429, 502, 503 or 504 are retried" is the
    transient class by its members. One member alone, or the question left open, tells no class."""
    text = ("# Badges → Records FAQ\n\n"
            "**Q: An upload is stuck on Sending. Is it broken?**\nA: Probably waiting. Calls to Records that fail with a "
            "timeout (30 s), connection reset, 429, 502, 503 or 504 are retried with exponential backoff, 8 attempts.\n\n"
            "**Q: Some photos went up but others didn't. What happens to the claim?**\n"
            "A: Each file is retried on its own; the files that already went up are kept and not sent again.\n\n"
            "**Q: The claim says Not accepted. What now?**\nA: That is a permanent error (400, 422). BadgeBook does not "
            "retry it; the leader fixes the claim and resubmits.\n\n## Batch upload\n\n`POST /v1/claims:batch` takes up "
            "to 20 claims and answers `207` with a result per claim.\n")
    categories = {e.category for e in spec_of(text).errors}
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS401" and "category" in f.message]
    one = text.replace("timeout (30 s), connection reset, 429, 502, 503 or 504", "missing field")
    assert any("no transient" in f.message for f in lint_text(one, "markdown") if f.code == "IS401")
    assert "partial" in categories or "errors:partial" in spec_of(text).evidence


def test_a_flow_named_by_alternatives_goes_by_each_and_a_harmless_repeat_answers_redelivery():
    """Flow "Unsubscribe / clean" arrives by webhook; "A second `unsubscribe` for the same address changes nothing, so
    repeats from Mailchimp are harmless." names one of its names."""
    text = ("# Website ⇄ Mailchimp\n\n## Flows\n\n| Flow | Direction | Trigger | Payload | Volume |\n|---|---|---|---|---|\n"
            "| Unsubscribe / clean | Mailchimp → website | Mailchimp webhook on `unsubscribe` and `cleaned` events | "
            "form-encoded body | ~5 a month |\n\n## Webhook\n\nThe plugin answers `200`. {repeat}\n")
    assert "IS902" not in codes(text.format(repeat="A second `unsubscribe` for the same address changes nothing, so "
                                                   "repeats from Mailchimp are harmless."))
    from intspec_lint.reading.absence import names_of
    assert "clean" in names_of("Unsubscribe / clean") and "/v1/a" in names_of("/v1/a / b")[:1]


def test_near_misses_of_the_twenty_fourth_sessions_reading():
    """What a review found the session's new shapes swallowing, each kept as it was."""
    # a Notes column after the systems: still a table whose columns are the systems
    auth = ("# Shop ⇄ Warehouse\n\n## Authentication\n\n| | Shop | Warehouse | Notes |\n|---|---|---|---|\n"
            "| Mechanism | API key | OAuth 2.0 client credentials | |\n| Rotation | — | every 90 days | agreed in May |\n"
            "| Storage | `config.yaml` in the repo | Vault | |\n")
    assert {"IS301", "IS302"} <= set(codes(auth))
    # systems in capitals in one Direction column: flows, not a state machine
    flows = ("# Retail\n\n## Flows\n\n| Flow | Direction |\n|---|---|\n| Sale | POS → ERP |\n| Pick | ERP → WMS |\n"
             "| Ship | WMS → TMS |\n| Invoice | TMS → ERP |\n| Stock | WMS → POS |\n")
    assert len(spec_of(flows).flows) == 5
    # an environments table headed by the systems over URLs: no mapping
    urls = ("# Shop ⇄ Warehouse\n\n## Environments\n\n| Shop | Warehouse |\n|---|---|\n| `https://shop.example/api` | "
            "`https://wh.example/api` |\n| `https://test.shop.example` | `https://test.wh.example` |\n")
    assert not spec_of(urls).mappings
    # the old thing told, then what is done now, in one sentence
    legacy = ("# A → B\n\n## Retries\n\nThe legacy batch job was replaced by this API; calls are retried with exponential "
              "backoff from 2 s, doubling, at most 6 attempts, capped at 60 s.\n")
    assert spec_of(legacy).retry is not None and spec_of(legacy).retry.max_attempts is not None
    # a business conflict is no repeat's answer
    conflict = ("# Shop → Subs\n\n## Contracts\n\n**Subscribe.** `POST https://subs.example/v1/subscriptions` with the "
                "customer and plan. It answers `201` when created, `409` if the customer already has an active "
                "subscription, `400` if a field is wrong.\n")
    assert "IS901" in codes(conflict)
    # a `.env` said not to be encrypted, or traffic encrypted in transit, is no guarded store
    for kept in ("kept in `.env`, not encrypted", "kept in `.env`; traffic is encrypted with TLS"):
        assert "IS302" in codes("# A → B\n\n## Authentication\n\n### B\n\n- **Mechanism**: API key\n- **Rotation**: yearly\n"
                                f"- **Storage**: {kept}\n"), kept
    # an error answered with no body shows no success response
    forbidden = ("# A → B\n\n## Calls\n\nFirst A asks for a slot:\n\n```http\nPOST /v1/slots HTTP/1.1\nHost: b.example\n\n"
                 "{\"claim\": \"c-1\"}\n```\n\n```json\n{\"slot\": \"s-1\"}\n```\n\nA PUTs the bytes; B answers `403` with no "
                 "body if the slot expired:\n\n```http\nPUT /s-1 HTTP/1.1\nHost: b.example\n\n<bytes>\n```\n")
    assert any(f.code == "IS202" and "response" in f.message for f in lint_text(forbidden, "markdown"))
    # an aside that replaces a word replaces that word, not a word it is part of
    card = ("# A → B changelog\n\n## v1\n\nFailed scans are discarded.\n\n## v2\n\n**Loyalty (replaces \"card\").** The app "
            "shows the member number.\n")
    assert "IS602" in codes(card)


def test_error_classes_in_a_teams_own_words_are_told_by_what_they_hold():
    """A triage table or a list of bold-led notes, anywhere, names its classes in the team's words ("Passing", "Won't
    fix itself", "Don't bother retrying"): the codes they hold and what is done with them tell which class each is.
    One row alone, or rows that tell no two classes, are no classification."""
    table = ("# KegTrail → BrewBooks\n\n## Alert: error rate\n\n| Kind | Looks like | What the worker does |\n|---|---|---|\n"
             "| Passing | 429, 502, 503, timeout | resend after a wait |\n"
             "| Won't fix itself | 400, 403, 422 | stop; scan parked |\n"
             "| Some of a run | some `PUT`s fail and others succeed | good ones kept; failed ones parked |\n")
    assert [e.category for e in spec_of(table).errors] == ["transient", "permanent", "partial"]
    notes = ("# SetList → Beta Board\n\n## Theme 4: when Beta Board says no\n\n"
             "- 🟥 Reset day: 429s all morning because we published 25 routes at once.\n"
             "- 🟦 **Try again later**: 429, 500, 502, 503, timeouts. Retried with the usual waits.\n"
             "- 🟦 **Don't bother retrying**: 400, 401, 404, 422. The setter fixes the route.\n")
    assert [e.category for e in spec_of(notes).errors] == ["transient", "permanent"]
    one = notes.replace("- 🟦 **Try again later**: 429, 500, 502, 503, timeouts. Retried with the usual waits.\n", "")
    assert spec_of(one).errors == []
    unnamed = ("# KegTrail → BrewBooks\n\n## Alert: error rate\n\n| Bucket | Looks like | Next step |\n|---|---|---|\n"
               "| Passing | 429, 502, 503, timeout | resend after a wait |\n| Won't fix itself | 400, 403, 422 | Stop; tell the "
               "practice manager |\n")
    assert [e.category for e in spec_of(unnamed).errors] == ["transient", "permanent"]
    tests = ("# KegTrail → BrewBooks\n\n## Acceptance tests\n\n| Case | Given | Expected |\n|---|---|---|\n"
             "| T1 | BrewBooks answers 503 | the worker resends after 2 s |\n| T2 | BrewBooks answers 422 | stop; the scan is parked |\n")
    assert spec_of(tests).errors == []  # test cases by their ids, no classes
    named = ("# A → B\n\n## Errors\n\n- **Temporarily rejected**: 429, 503, timeouts. Retried with backoff.\n"
             "- **Permanent**: 400, 422. Not retried; parked.\n")
    assert [e.category for e in spec_of(named).errors] == ["transient", "permanent"]  # a class's name vetoes nothing


def test_a_breaker_in_plain_words_is_a_breaker():
    """Failures in a row, then the other side left alone for a while or sent no calls: a circuit breaker without the
    word, in a paragraph or in a scenario's steps. A message left alone in the queue, or people making test calls, is
    none."""
    policy = ("# HiveHub ⇄ Brood Notes\n\n## Trying again\n\nWait 3 s, then double each time, at most 10 minutes; 7 "
              "attempts in all, with full jitter.\n\n")
    prose = policy + ("Pausing calls altogether: if 10 calls in a row to the same side fail with 5xx or timeouts, that "
                      "side is left alone for 5 minutes, then one trial call is made.\n")
    steps = policy + ("```gherkin\nScenario: HiveHub keeps failing\n  Given HiveHub has failed 5 calls in a row\n"
                      "  Then Brood Notes makes no HiveHub calls for 15 minutes\n"
                      "  And the first call after that is a single trial call\n```\n")
    steps_as_lines = policy + ("Scenario: HiveHub keeps failing  \nGiven HiveHub has failed 5 calls in a row  \n"
                               "Then Brood Notes makes no HiveHub calls for 15 minutes  \n")
    for text in (prose, steps, steps_as_lines):
        assert spec_of(text).retry.circuit_breaker is not None, text
        assert "IS501" not in codes(text)
    assert "IS501" in codes(policy)
    assert "IS501" in codes(policy + "If 10 calls in a row fail, we log each failure.\n")
    assert "IS501" in codes(policy + "A message that fails 5 times in a row is left alone in the queue for a person.\n")
    assert "IS501" in codes(policy + "If 5 syncs in a row fail, support makes test calls from Postman.\n")


def test_a_count_that_fires_a_deadline_in_the_metrics_name_and_a_level_at_a_figure_are_thresholds():
    """"1 or more", "3 in 5 min", a metric named "Roster not loaded by 04:00" that alerts when "missed", and
    "warning at 30 days, critical at 7" are thresholds an alert fires on; "runs at 02:00" is a time of day."""
    table = ("# A → B\n\n## Monitoring\n\n| Measure | Alert at | Level and recipient |\n|---|---|---|\n"
             "| Delivery time p95 | over 60 s for 10 min | warning, support |\n"
             "| Error rate | over 2% over 10 min | critical, support |\n"
             "| Outbound queue depth | over 200 messages | warning, support |\n"
             "| Held messages | 1 or more | critical, support |\n"
             "| Token requests refused | 3 in 5 min | critical, support |\n"
             "| Roster not loaded by 04:00 | missed | support by email |\n"
             "| Client secret expiry | under 14 days | warning, support |\n")
    assert [m.threshold is not None for m in spec_of(table).monitoring] == [True] * 7
    assert "IS701" not in codes(table)
    requirements = ("# A → B\n\n## Monitoring\n\n| REQ | Requirement |\n|---|---|\n"
                    "| MON-01 | Time from order to `201`: alert when over 8 s for 30 minutes. |\n"
                    "| MON-02 | Share of calls failing: alert when over 3 % across 15 minutes. |\n"
                    "| MON-03 | Requests waiting to be sent: alert when more than 30 are waiting. |\n"
                    "| MON-04 | Days until the client secret lapses: warning at 30 days, critical at 7. |\n")
    auth = "\n## Auth\n\n- A: OAuth 2.0 client credentials; secret rotated yearly; kept in Vault.\n"
    assert "token-expiry" in {m.kind for m in spec_of(requirements + auth).monitoring}
    assert "IS701" not in codes(requirements + auth)
    assert "IS701" in codes(requirements.replace("| MON-04 | Days until the client secret lapses: warning at 30 days, "
                                                 "critical at 7. |\n", "") + auth)
    runs = table.replace("| Roster not loaded by 04:00 | missed | support by email |", "| Renewal job, runs at 3 am | | support by email |")
    renewal, = [m for m in spec_of(runs).monitoring if "Renewal" in m.metric.text]
    assert renewal.threshold is None  # a time of day is no threshold
    refreshed = requirements.replace("Days until the client secret lapses: warning at 30 days, critical at 7.",
                                     "The access token is refreshed at 80 % of its lifetime.")
    assert "token-expiry" not in {m.kind for m in spec_of(refreshed + auth).monitoring}


def test_a_place_named_after_the_last_try_or_a_log_replayed_from_is_dead_letter_handling():
    """"Up to 8 tries, then review bin", and later "(see Review bin)" beside an e-mail alert; a threat model's control
    that moves a spent charge to a list and says the other side's failures go to a log "replayable from the log". A
    log line alone is no place, and a bin nothing is sent to after its tries is none."""
    slides = ("# PawRoute → VetLedger\n\n# Resending\n\n- Doubling waits: 2 s → 4 s → 8 s, up to 2 min each, full jitter\n"
              "- Up to 8 tries, then review bin\n\n# Review bin\n\n- Firestore collection `integration_review`, kept 90 "
              "days\n\n# Watching\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
              "| `integration_review` entries | > 0 | email (see Review bin) |\n")
    assert spec_of(slides).dead_letter.alert is not None
    assert "IS601" not in codes(slides)
    for spent in ("then clear the outbox", "then email the store manager", "then the list is emptied"):
        assert spec_of(slides.replace("then review bin", spent)).dead_letter is None, spent
    threat = ("# Till → Ledger\n\n## Threats\n\n| Threat | Control |\n|---|---|\n"
              "| R2. A charge never reaches Ledger | After its last retry the charge goes to the Outbound failures log "
              "with its record, replayable from the log, and the treasurer is emailed. |\n")
    assert spec_of(threat).dead_letter is not None
    assert spec_of(threat.replace("replayable from the log", "it cannot be replayed from there")).dead_letter is None
    logged = ("# Till → Ledger\n\n## Threats\n\n| Threat | Control |\n|---|---|\n"
              "| R2. A charge never reaches Ledger | After its last retry a line is written to the Outbound failures log. |\n")
    assert spec_of(logged).dead_letter is None


def test_a_breaker_told_as_failures_running_or_in_a_window_then_a_pause():
    """"If Airloft fails 5 times running, HallSpark pauses all Airloft calls for 15 minutes", "If 20 calls fail inside
    60 seconds, Shelfmark stops calling for 2 minutes", a centre "fused for 3 minutes" after 6 consecutive failures.
    Calls that fail and then stop with no pause ("stops and parks the message") are no breaker."""
    policy = "# A → B\n\n## Retries\n\nWait 10 s, doubling, at most 5 minutes; 5 attempts in all, with jitter.\n\n"
    for said in ("If Airloft fails 5 times running, HallSpark pauses all Airloft calls for 15 minutes and then tries one.",
                 "If 20 calls to Lendora fail inside 60 seconds, Shelfmark stops calling for 2 minutes.",
                 "If 6 consecutive calls to one centre fail (5xx or timeout), that centre is fused for 3 minutes."):
        assert "IS501" not in codes(policy + said + "\n"), said
    assert "IS501" in codes(policy + "If 5 calls fail, the worker stops and parks the message.\n")


def test_a_skip_that_is_told_kept_or_superseded_loses_nothing():
    """"skip the rest, and list them in the job report", "skipped and written with the reason to `rejects/`", and a
    `409` meaning "a newer revision is already there, so it is logged and dropped": nothing failed is lost silently.
    "Failed rows are dropped on Monday" still is."""
    from intspec_lint.reading.drops import drops_messages
    assert drops_messages("Harbourline MUST apply the rows it can, skip the rest, and list them in the job report.") is None
    assert drops_messages("Rows that fail are skipped and written with the reason to `rejects/a.csv`.") is None
    assert drops_messages("`409` means a newer revision is already there, so it is logged and dropped on purpose.") is None
    assert drops_messages("Failed rows are dropped on Monday.") == "are dropped"
    assert drops_messages("We skip the rest and carry on.") is not None


def test_a_sort_of_failure_table_tells_its_classes_by_what_they_hold():
    """"| Sort of failure | Examples | What happens |" with "Passing ... tries again" and "Final ... No more tries": the
    transient and permanent classes, whatever the team calls them."""
    text = ("# Runner → RVO\n\n## When a claim won't go\n\n| Sort of failure | Examples | What happens |\n|---|---|---|\n"
            "| Passing | 429, 500, 503, timeout | ClaimRunner tries again (below) |\n"
            "| Final | 400, 403, 422 | No more tries; the job is marked rejected and Ops get an incident |\n"
            "| Split | some rows match no claim | matching rows are posted; the odd rows go to a sheet |\n")
    assert [e.category for e in spec_of(text).errors][:2] == ["transient", "permanent"]

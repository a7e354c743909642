"""Breakers, error classes and dead-letter places a team names in its own words, told by their anatomy, by what
they hold and by where things are put, rather than by a name the vocabulary knows. Each test names the class of misreading it guards, and the near
miss that must still be reported."""

from intspec_lint import lint_text

from read_spec import codes, spec_of

_POLICY = "# A → B\n\n## Retries\n\nWait 10 s, doubling, at most 5 minutes; 5 attempts in all, with jitter.\n\n"


def test_a_breaker_is_told_by_a_run_of_failures_then_a_pause_or_a_probe_whatever_it_is_called():
    """"Stop sending | 6 failures in a row -> hold all outgoing messages 15 min, then one trial call", a "fuse" that
    "5 failures inside 30 seconds blow", "Stand-off — after 5 failed calls in a row ... makes no calls to it for 15
    minutes": a run of failures, then a pause for a while or the one call that probes."""
    for said in ("| Setting | Value |\n|---|---|\n| Stop sending | 6 failures in a row -> hold all outgoing messages 15 min, "
                 "then one trial call |\n",
                 "We wrapped the client in a fuse: 5 failures inside 30 seconds blow it, and for the next 2 minutes jobs "
                 "snooze; then one call is let through.\n",
                 "**Stand-off** — after 5 failed calls in a row to the same service, the caller makes no calls to it for "
                 "15 minutes, then one trial call.\n",
                 "After 4 failed calls in a row: no calls for 30 min, then one probe.\n",
                 "If 5 uploads in a row fail this way, the sender holds every upload for 10 minutes, then lets one shop "
                 "through.\n"):
        assert "IS501" not in codes(_POLICY + said), said


def test_a_messages_own_attempts_and_a_held_dead_letter_are_no_breaker():
    """A message's attempts running out ("after 5 failed attempts in a row") and a dead letter "held in `failed_sync`
    for 30 days" pause nothing: the breaker is still missing. So is a run of failures with nothing after it."""
    for said in ("After 5 failed attempts in a row the message waits 30 minutes and is tried once more.\n",
                 "After 8 failures in a row the record is held in `failed_sync` for 30 days.\n",
                 "After 6 failures in a row we alert the on-call engineer.\n",
                 "After 6 failures in a row we do not pause calls for 10 minutes; every message is tried.\n"):
        assert "IS501" in codes(_POLICY + said), said


def test_error_classes_named_by_what_becomes_of_them_are_told_by_what_they_hold():
    """"Won't go through: 400, 401", "Lasting | 400, 404 | Not sent again", "Went through in part: a 201 listing
    rejected attachments": permanent and partial classes in the team's words."""
    text = ("# A → B\n\n### Sorting failures\n\n"
            "- **Will go through later:** `429`, `500`, `503`, no answer in 20 s. Retried as below.\n"
            "- **Won't go through:** `400`, `401`, `404`, `422`. Anne is emailed.\n"
            "- **Went through in part:** `201` with a non-empty `attachments_rejected`. The comment stands; Anne is "
            "emailed to upload the file by hand.\n")
    assert [e.category for e in spec_of(text).errors] == ["transient", "permanent", "partial"]
    table = ("# A → B\n\n## Failures and what we do\n\n| Kind | Looks like | What happens |\n|---|---|---|\n"
             "| Passing | timeout (8 s), `429`, `500`, `503` | Sent again on the schedule below |\n"
             "| Lasting | `400`, `401`, `404`, `409` | Not sent again; held for the office |\n")
    assert [e.category for e in spec_of(table).errors] == ["transient", "permanent"]


def test_italic_class_names_and_a_glossary_of_classes_are_a_classification():
    """"*No point trying again* (Box 11): 400, 422" in a list, and a glossary of bold terms defining the classes ("**Hard
    failure** — a failure that will not clear by trying again: 400, 422"): classes, with their handling said by their
    own words."""
    listed = ("# A → B\n\n## Box 9 — sorting failures\n\n"
              "- *Try again* (Box 10): timeout after 15 s, `429`, `500`, `503`.\n"
              "- *No point trying again* (Box 11): `400`, `401`, `404`, `422`.\n")
    assert [e.category for e in spec_of(listed).errors] == ["transient", "permanent"]
    glossary = ("# A → B\n\n## Words we use\n\n"
                "**Passing failure** — a failure that may clear by itself: no answer within 10 seconds, HTTP `429`, "
                "`503`.\n\n**Hard failure** — a failure that will not clear by trying again: `400`, `401`, `422`.\n\n"
                "**Split result** — an answer to the nightly roll in which some entries succeeded and others did not.\n")
    spec = spec_of(glossary)
    assert [e.category for e in spec.errors] == ["transient", "permanent", "partial"]
    assert spec.errors[1].action is not None  # "will not clear by trying again": not retried
    # a definition that only says what a class is leaves its action to be asked ("these won't succeed")
    named = ("# A → B\n\n## Failures\n\n- **Transient**: 429, 503. Retried with backoff.\n"
             "- **Permanent**: 400, 404, 422 — these won't succeed.\n")
    assert "IS401" in codes(named)


def test_a_speaker_who_names_the_classes_is_no_class_and_a_kind_sentence_is_one():
    """A dialogue's "**DARA:** Transient: 429 — retry. Permanent: 400 — ..." names the vocabulary's classes; the speaker
    is none of them. "The lasting kind are 400 and 404; retrying these cannot help" is the permanent class."""
    dialogue = ("# A → B\n\n## Talk\n\n**MARGIT:** Sort it by what you do about it.\n\n"
                "**DARA:** Transient: `429`, `503`, timeouts — retry. Permanent: `400`, `404` — retrying won't help, a "
                "person has to look. Partial: a `207` — the done records stay, each failed one handled alone.\n")
    assert "dara" not in [e.category for e in spec_of(dialogue).errors]
    prose = ("# A → B\n\n## When things go wrong\n\nI divide the failures into two kinds. The passing kind are timeouts, "
             "429, 503 and 504; these are retried as below. The lasting kind are 400, 401 and 404; retrying these cannot "
             "help, so the sale goes straight to the quarantine and a person is told.\n")
    assert {"transient", "permanent"} <= {e.category for e in spec_of(prose).errors}
    # a kind that holds codes but says nothing of what becomes of them is no class told
    vague = ("# A → B\n\n## When things go wrong\n\nThe usual kind are 400 and 404 from the ledger.\n")
    assert "permanent" not in {e.category for e in spec_of(vague).errors}


def test_a_class_mostly_of_passing_codes_is_transient_and_a_determiner_before_a_class_word_is_no_class():
    """"Passing | 429, 409 mid-cycle, 500, 503 | Try again": transient though one member is the team's own case. "*A
    permanent exhibition of the integration*" and "The batch job runs at 2 am" open on words of the vocabulary, and
    name no class; "A batch where some events are invalid is answered with 207" does."""
    table = ("# A → B\n\n## Failures\n\n| Kind | Looks like | Treatment |\n|---|---|---|\n"
             "| Passing | `429`, `409` mid-cycle, `500`, `503`, timeouts | Try again (Label 8) |\n"
             "| Lasting | `400`, `404` | No retry; to the lost property box |\n")
    assert [e.category for e in spec_of(table).errors] == ["transient", "permanent"]
    intro = ("# A → B\n\n*A permanent exhibition of the integration, 31 sites.*\n\n## When things go wrong\n\n"
             "The batch job runs at 2 am and its failures are retried.\n")
    assert [e.category for e in spec_of(intro).errors if e.category in ("permanent", "partial")] == []
    batch = ("# A → B\n\n## When things go wrong\n\nA batch where some events are invalid is answered with `207`; the valid "
             "events are stored and each invalid one is written to the reject table.\n")
    assert "partial" in [e.category for e in spec_of(batch).errors]


def test_an_entry_taken_off_a_business_list_is_no_message_lost():
    """"a booking rejected as `booking_cancelled` is dropped from the plan", "dropped from the next list": an entry the
    business no longer shows, not a failed message lost. "Dropped from the queue" still loses it."""
    from intspec_lint.reading.drops import drops_messages
    assert drops_messages("A booking rejected as `booking_cancelled` is dropped from the plan instead of being resent.") is None
    assert drops_messages("Rejected hires get logged against the hire and dropped from the next list.") is None
    assert drops_messages("Failed messages are dropped from the queue.") is not None
    assert drops_messages("Failed messages are logged and dropped.") is not None


def test_the_alert_of_a_store_named_for_what_failed_in_it_is_the_dead_letters_alert():
    """The error table sends hard failures "straight to the failures table"; a later answer says "the push becomes a row
    in `pod_push_failed` ... every new row posts to Slack `#pod-ops`": that store's alert. An event named so
    (`payment_intent.payment_failed`) is no store, and a store no one is told of still lacks its alert."""
    head = ("# A → B\n\n## Failures\n\n| Kind | Examples | What we do |\n|---|---|---|\n"
            "| Transient | 429, 503 | Retry on the schedule below |\n"
            "| Permanent | 400, 404, 422 | No retry; straight to the failed-push table |\n\n"
            "## Retries\n\nWait 2 s, doubling, at most 90 s, 7 attempts, full jitter; after 8 failures in a row stop for "
            "3 minutes.\n\n## Giving up\n\n")
    told = head + ("The push becomes a row in `pod_push_failed` with the full body. Every new row posts to Slack `#pod-ops`; "
                   "the integrations on-call own the table and replay rows with `ppctl replay`.\n")
    assert "IS601" not in codes(told)
    untold = head + "The push becomes a row in `pod_push_failed` with the full body; on-call replay rows with `ppctl replay`.\n"
    assert "IS601" in codes(untold)


def test_an_alert_told_as_a_text_to_a_person_or_a_channel_in_code_and_expiry_as_days_to_renewal():
    """"| Error rate over 10% in an hour | Text Ben and Gwen |", "| Jobs waiting | > 50 | `#shed-tech` |": who is told is
    the alert. "Days to the client secret's renewal | < 14" watches expiry; "Time for the batch post to be answered |
    > 30 s" is latency. A row that tells nobody still lacks its alert."""
    table = ("# A → B\n\n## What we watch\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
             "| Time for the batch post to be answered | > 30 s | warning |\n"
             "| Error rate | over 10% in an hour | Text Ben and Gwen |\n"
             "| Jobs waiting in `kiosko` queue | > 50 | `#shed-tech` |\n"
             "| Days to the client secret's renewal | < 14 | `#shed-tech` |\n")
    spec = spec_of(table)
    assert [m.kind for m in spec.monitoring] == ["latency", "error-rate", "queue-depth", "token-expiry"]
    assert all(m.alert is not None and m.alert.text.strip() for m in spec.monitoring)
    silent = table.replace("| Text Ben and Gwen |", "| |")
    assert "IS701" in codes(silent)
    # under a column not named for alerts, the person texted is the alert
    acted = ("# A → B\n\n## What we watch\n\n| Event | What we do | What they do |\n|---|---|---|\n"
             "| Collection saved → `201`, p95 over 30 s for an hour | Warning email to Ben | — |\n"
             "| Error rate over 10% in an hour | Text Ben and Gwen | — |\n"
             "| `b-out` over 20 tasks waiting | Warning email to Ben | — |\n")
    assert not [f for f in lint_text(acted, "markdown") if f.code == "IS701" and "alert level" in f.message]


def test_a_retry_policy_told_as_tries_or_a_ladder_of_waits_in_any_section_is_read():
    """A quote under "Patience, with a limit": "waits 2 seconds after the first failure, then doubles ..., never more
    than 2 minutes between tries ... Six tries in total"; a game's "Wait 2 s before the first re-roll, then double each
    time: 2, 4, 8, 16, 32, 64 s, never more than 120 s" and "after 8 consecutive transient failures ... stops calling it
    for 10 minutes ... one trial call": the policy, whatever it calls a retry."""
    intro = "# A → B\n\n## When the sea gets rough\n\nPassing trouble, such as a `429` or a `503`, is simply tried again.\n\n"
    quoted = intro + ("## Patience, with a limit\n\n\"The gangway waits 2 seconds after the first failure, then doubles: 4, 8, "
                      "16, and so on, never more than 2 minutes between tries. Every wait is a random amount between zero "
                      "and that figure. Six tries in total.\" If eight calls in a row fail, the gangway stops calling for "
                      "3 minutes, then lets one trial call through.\n")
    assert "IS501" not in codes(quoted)
    game = intro + ("## Re-roll rules\n\n- Wait 2 s before the first re-roll, then double each time: 2, 4, 8, 16, 32, 64 s, "
                    "never more than 120 s.\n- Each wait is a random draw between zero and that value (full jitter).\n"
                    "- At most 6 re-rolls after the first try.\n- **Table closed:** after 8 consecutive transient failures, "
                    "the caller stops calling it for 10 minutes; then one trial call is made.\n")
    assert "IS501" not in codes(game)
    # the same policy with no pause after the run of failures still lacks its breaker
    assert "IS501" in codes(game.replace("the caller stops calling it for 10 minutes; then one trial call is made",
                                         "the on-call engineer is told"))


def test_a_flow_column_set_off_by_is_its_trigger_and_a_settings_row_per_party_gives_the_attempts():
    """"| # | From → To | Set off by | Carries | How often |": the trigger's column. "| | Ours | Theirs |" over "| Attempts
    | 7 | 5 |": each party's attempt limit."""
    flows = ("# A → B\n\n## What moves\n\n| # | From → To | Set off by | Carries | How often |\n|---|---|---|---|---|\n"
             "| 1 | A → B | Coordinator saves rota changes | Assignment event JSON | ~25 a month |\n")
    assert spec_of(flows).flows[0].trigger.text == "Coordinator saves rota changes"
    retry = ("# A → B\n\n## Journey 4: the hours go out\n\nTrying again:\n\n| | A's calls | B's calls |\n|---|---|---|\n"
             "| First wait | 2 s | 1 minute |\n"
             "| Growth | double each time, full jitter | treble each time, ±10 % jitter |\n| Longest wait | 2 minutes | 30 minutes |\n"
             "| Attempts | 7 | 5 |\n| Stop sending | after 5 failures in a row, pause 10 minutes, then one trial call | "
             "after 4 failures in a row, pause 30 minutes, then one trial call |\n")
    assert "IS501" not in codes(retry)
    assert "IS501" in codes(retry.replace("| Attempts | 7 | 5 |\n", ""))


def test_tries_used_up_that_go_to_a_named_tray_or_land_in_a_failed_table_are_dead_letters():
    """"No more tries; the batch goes to the **Unposted** tray", then "The **Unposted** tray ... emails the treasurer";
    "rows land in the Postgres table `bellbook_outbox_failed` ... Each new row posts to Slack": a place, and its alert."""
    tray = ("# A → B\n\n## Posting\n\n| Looks like | What StallPlan does |\n|---|---|\n"
            "| `400`, `422` | No more tries; the batch goes to the **Unposted** tray |\n"
            "| 6 tries used up | Batch goes to the **Unposted** tray |\n\n"
            "The **Unposted** tray keeps the full batch for 120 days, and the first entry in it emails the treasurer.\n")
    assert not {"IS601", "IS602"} & set(codes(tray))
    table = ("# A → B\n\n## Failures\n\n| Kind | Codes | What happens |\n|---|---|---|\n"
             "| Passing | 429, 503 | retried below |\n| Final | `400`, `404` | No more tries; row goes to the failed-outbox table (Q7) |\n\n"
             "**Q7. What happens to something that still fails?**\n\nOutbound rows land in the Postgres table "
             "`bellbook_outbox_failed` with the payload. Each new row posts to Slack `#punchcard-alerts`; the team replays "
             "them with `outbox replay`.\n")
    assert "IS601" not in codes(table)
    assert "IS601" in codes(table.replace("Each new row posts to Slack `#punchcard-alerts`; the team", "The team"))


def test_a_settings_row_gives_a_count_and_a_metric_row_a_rate():
    """"Attempts | 7 | 5" (a row of settings, one column per party) states the attempt limit wherever it stands; "Retries
    | 120 per hour" and "maxTotalTimeoutMs | 60,000" state none."""
    from intspec_lint.reading.retry import _ANYWHERE
    assert _ANYWHERE["max_attempts"]("Attempts | 7 | 5")
    assert not _ANYWHERE["max_attempts"]("Retries | 120 per hour | warning to #ops")
    assert not _ANYWHERE["max_attempts"]("maxTotalTimeoutMs | 60,000 | The total timeout for a call")


def test_near_misses_of_this_reading_still_report_their_gaps():
    """What the review of these mechanisms found they swallowed: each still reports its gap."""
    policy = _POLICY
    for said in ("## Dead letters\n\nAfter 5 failures in a row the consumer holds the message for 14 days in `orders-dlq`.\n",
                 "## Dead letters\n\nAfter 3 timeouts in a row the message goes to the DLQ; no messages are lost for 7 days.\n",
                 "## Business rules\n\n3 failed payments in a row freeze the customer's account for 24 hours.\n",
                 "## Schedule\n\nThe export runs on 5 consecutive days; sending pauses for 2 hours each night.\n",
                 "## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| errors | 5 errors in a row | page on-call; a "
                 "probe checks health every minute |\n",
                 "After 5 failed messages in a row, the message is sent to the DLQ and a single test alert fires.\n",
                 "If B answers `410 Gone`, A stops calling that endpoint and retries nothing.\n"):
        assert "IS501" in codes(policy + said), said  # no breaker, still
    growing = "# A → B\n\n## Retries\n\nWe retry up to 5 times; after 10 failures in a row the breaker opens for 5 min.\n\n"
    for said in ("## SLA\n\nP50/P95/P99 latency: 120/350/900 ms.\n", "## Reminders\n\nReminder emails go out 7, 3 and 1 days before.\n"):
        assert "IS501" in codes(growing + said), said  # no strategy, first delay or cap, still
    assert "IS501" in codes("# A → B\n\n## Retries\n\nRetries begin 30 seconds after the first attempt and back off "
                            "exponentially with jitter up to 10 minutes. After 10 failures in a row the breaker opens for 5 min.\n")
    status = ("# Shop → Pay\n\n## Retries\n\nWait 2 s, doubling, at most 60 s, 5 attempts; after 10 failures in a row the "
              "breaker opens for 5 min.\n\n## Events\n\nA declined card moves the order to `payment_failed`; the customer is "
              "emailed.\n")
    assert "IS601" in codes(status)  # a status is no dead-letter place
    two_keys = ("# StallPlan ↔ Ledgerly\n\n## Credentials\n\n- **StallPlan → Ledgerly:** OAuth 2.0 client credentials; the "
                "secret is rotated every 12 months; kept in the vault.\n- **Ledgerly → StallPlan:** API key in `X-Api-Key`; "
                "rotated every 90 days; kept in the vault.\n- **Ledgerly:** a second API key, for the bank's payout API, "
                "kept in the vault.\n")
    assert "IS301" in codes(two_keys)
    versions = ("# A → B\n\n## Keys\n\n- **A → B:** OAuth 2.0 client credentials; the secret is rotated every 90 days; kept "
                "in the vault.\n- **B → A:** callbacks signed with HMAC-SHA256 and a shared secret kept in the vault. During "
                "the v2 migration A accepts both old and new payload versions.\n")
    assert "IS301" in codes(versions)
    from intspec_lint.reading.drops import drops_messages
    assert drops_messages("A message that fails validation is dropped from the outbound list.") is not None
    assert drops_messages("Permanently failed pushes are dropped from the sync plan.") is not None
    watched = ("# A → B\n\n## Keys\n\n- **A → B:** OAuth 2.0 client credentials; rotated every 90 days; kept in the vault.\n"
               "- **B → A:** API key; rotated yearly; kept in the vault.\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n"
               "|---|---|---|\n| Latency p95 | > 2 s | warning |\n| Error rate | > 2% | critical |\n| DLQ size | > 0 | "
               "critical |\n| Days to dispatch | > 3 | email the desk |\n")
    assert "IS701" in codes(watched)  # "days to dispatch" watches no credential
    named = ("# A → B\n\n## What we watch\n\n| Metric | Threshold | Alert |\n|---|---|---|\n| Latency p95 | > 2 s | warning |\n"
             "| SMS sends failing | > 5% | |\n")
    assert "IS701" in codes(named)  # a metric named for texts tells nobody
    classes = spec_of("# A → B\n\n## When it fails\n\nThe transient 429s and 503s are retried with backoff. The permanent "
                      "400s and 422s go to the DLQ.\n")
    assert {"transient", "permanent"} <= {e.category for e in classes.errors}
    talk = spec_of("# A → B\n\n## Notes\n\n**SAM:** When B gives us a `503` or a `429` we just retry later.\n\n"
                   "**JO:** And a `400` or `404` we never retry; Priya looks at it.\n")
    assert not [e for e in talk.errors if e.name is not None and e.name.text in ("SAM", "JO")]


def test_a_signed_token_of_another_kind_is_still_a_pasted_secret():
    base = "# A → B\n\n## Example\n\n```http\nPOST /v1/orders\nAuthorization: Bearer {}\n```\n"
    assert "IS303" in codes(base.format("eyJ1c2VyX2lkIjo0Mn0.ZbXk1A.pM5Q2gVqzO3y7x4m8d9s0a1b2c3Kq"))


def test_a_run_said_straight_and_a_zone_said_as_another_rows_are_read():
    """"After 5 straight failures, DepotOps stops card calls for 4 minutes, then sends one": a run, then a pause.
    "| `load.done` (console) | local time | `console_ack_at` | ISO 8601 UTC | As `fired_at` |" takes the zone of the row
    of "`fired_at` (console)", aside and all; "Same conversion" takes the row above's. A row above that names no zone
    lends none."""
    assert "IS501" not in codes(_POLICY + "After 5 straight failures, the sender stops calls for 4 minutes, then sends one.\n")
    rows = ("# A → B\n\n## Mapping\n\n| Source | Type | Target | Type | Transform |\n|---|---|---|---|---|\n"
            "| `fired_at` (console) | local time, no offset | `fire.at` | ISO 8601 UTC | Europe/London; convert to UTC, DST-aware |\n"
            "| `load.done` (console) | local time, no offset | `console_ack_at` | ISO 8601 UTC | As `fired_at` |\n"
            "| `load.until` (console) | local time, no offset | `expires_at` | ISO 8601 UTC | Same conversion; null means open |\n")
    assert "IS802" not in codes(rows)
    bare = rows.replace("Europe/London; convert to UTC, DST-aware", "Copy")
    assert "IS802" in codes(bare)


def test_same_conversion_is_the_row_aboves_in_yaml_too():
    text = ("intspec: 1\ntitle: Routes to signs\nmappings:\n"
            "  - {source: change.effective_from, source_type: \"local datetime, America/Denver\", target: effective_at, "
            "target_type: RFC 3339 UTC, transform: Convert from America/Denver to UTC (DST aware)}\n"
            "  - {source: change.effective_until, source_type: \"local datetime, nullable\", target: expires_at, "
            "target_type: \"RFC 3339 UTC, nullable\", transform: Same conversion; null means until further notice}\n")
    assert not [f for f in lint_text(text, "yaml") if f.code == "IS802"]
    copied = text.replace("Convert from America/Denver to UTC (DST aware)", "copy")
    assert [f.line for f in lint_text(copied, "yaml") if f.code == "IS802"]  # the row above names no zone to share


def test_classes_of_the_teams_naming_are_told_apart_by_their_members():
    """Where a document sorts its failures into kinds of its own naming, the kind that holds only passing failures is
    the transient one and the kind that holds only client errors the permanent one ("*Will pass:* 429, 503, timeouts"
    beside "*Will not pass:* 400, 404"; "| Won't fix itself | `400`, `404` | Stops; goes on the list |"). A kind of
    client errors answered as success is no permanent class."""
    listed = ("# A → B\n\n## When things go wrong\n\n**Sorting.**\n"
              "- *Will pass:* 429, 500, 503, timeouts (give up after 4 s; the customer is waiting).\n"
              "- *Will not pass:* 400, 404, 410. Shown to the customer, and not an incident.\n")
    assert [e.category for e in spec_of(listed).errors] == ["transient", "permanent"]
    table = ("# A → B\n\n## When it goes wrong\n\n| Kind of trouble | Examples | What the system does |\n|---|---|---|\n"
             "| Short-lived | `429`, `503`, no answer in 10 s | Tries again (see below) |\n"
             "| Won't fix itself | `400`, `401`, `404` | Stops; the booking goes on the *Key problems* list |\n")
    assert [e.category for e in spec_of(table).errors] == ["transient", "permanent"]
    success = table.replace("Won't fix itself | `400`, `401`, `404` | Stops; the booking goes on the *Key problems* "
                            "list", "Already there | `409` | Treated as success")
    assert "permanent" not in [e.category for e in spec_of(success).errors]
    assert any("no permanent category" in f.message for f in lint_text(success, "markdown"))


def test_codes_as_a_sentences_subject_are_a_class_told_by_what_is_done_with_them():
    """"`400`, `401`, `404` are not: they are nacked without requeue, so the broker moves them straight to `parked`",
    after the sentence that says which codes are retried: the permanent class, not more of the transient one."""
    text = ("# A → B\n\n## Errors: review thread\n\n> **@jb**: Which errors go round the retry loop?\n>\n"
            "> **@sv**: Timeouts, connection resets, `429`, `502`, `503`\n> are retried. `400`, `401`, `404`, `422` are not: "
            "they are nacked without requeue, so\n> the broker moves them straight to `orders.parked`.\n")
    assert {e.category for e in spec_of(text).errors} >= {"transient", "permanent"}
    alone = text.replace("so\n> the broker moves them straight to `orders.parked`", "so\n> we look at them together")
    assert "permanent" not in {e.category for e in spec_of(alone).errors}


def test_a_batch_handled_item_by_item_is_its_partial_handling_wherever_it_is_told():
    """A partial case told as a batch's items handled one at a time ("each message is handled on its own: the ones that
    succeed are deleted, the ones that fail go back to the queue"), as both outcomes side by side ("Good rows are
    saved, rejected rows are listed in the reply"), or as a batch never failed whole, in any section. A batch whose
    reply only lists what was rejected still owes it."""
    base = ("# A → B\n\n## Errors\n\n- Transient: 429, 503. Retried with backoff.\n"
            "- Permanent: 400, 422. Parked in `orders_parked`; the team is emailed.\n\n## Upload\n\n"
            "B takes a batch of up to 50 orders per call and answers `207` listing the rejected ones.\n")
    assert any("no partial category" in f.message for f in lint_text(base, "markdown"))
    for said in ("Each order in a batch is handled on its own: the ones that succeed are marked sent, the ones that "
                 "fail go back to the outbox.",
                 "Good rows are saved, rejected rows are listed in the reply and go to `orders_parked`.",
                 "201 items leave the outbox, 5xx items stay in it for the next retry.",
                 "- **Half-done work**: the worker pulls messages in batches of 50. Each message is acked or nak'd "
                 "on its own, so one bad order never holds up the other 49.",
                 "In a batch, the orders that worked are marked done; orders with a hard error are rejected "
                 "individually.",
                 "For a reply with some lines refused we keep the confirmed lines and flag the rest for tomorrow.",
                 "If some rows match no order, the other rows are still written and the unmatched ones go to the "
                 "issues table."):
        assert not any("no partial category" in f.message for f in lint_text(f"{base}\n{said}\n", "markdown")), said
    for said in ("## Monitoring\n\nSuccessful calls are logged at INFO and failed calls are logged at ERROR.",
                 "## Monitoring\n\n2xx responses are counted in `ok_total`, 5xx responses are counted in `err_total`.",
                 "## Auth\n\nValid tokens are cached for an hour; invalid tokens are refreshed on the next failed call.",
                 "## Retries\n\nEach retry is logged separately with its attempt number."):
        assert any("no partial category" in f.message for f in lint_text(f"{base}\n{said}\n", "markdown")), said


def test_a_batch_that_fails_to_come_is_no_denial_of_batches():
    """"Alert if a Monday passes with no batch from the club" says a batch is late, not that there are none: a batch
    endpoint answering `207` still owes its partial category. "There is no batch job" denies it."""
    base = ("# A → B\n\n## Errors\n\n- Transient: 429, 503. Retried with backoff.\n"
            "- Permanent: 400, 422. Parked in `returns_parked`; the team is emailed.\n\n## Returns\n\n"
            "A batch of returns goes every Monday; the reply is `207` with `accepted` and `rejected` counts.\n\n"
            "## Watching\n\nWe alert you if a Monday passes with no batch from the club.\n")
    assert any("no partial category" in f.message for f in lint_text(base, "markdown"))
    denied = base.replace("A batch of returns goes every Monday; the reply is `207` with `accepted` and `rejected` "
                          "counts.", "Each return is its own call; there is no batch job.")
    assert not any("no partial category" in f.message for f in lint_text(denied, "markdown"))


def test_bold_led_paragraphs_of_classes_are_a_classification_and_no_further_tries_is_an_action():
    """"**Short-lived** — `429`, `503` ... tries again." over "**Won't fix itself** — `400`, `422`. No further tries;
    straight to the list.": paragraphs, not list items, each a class with its handling; "these won't succeed" alone
    still says only what the class is."""
    text = ("# A → B\n\n### 5. When things go wrong\n\n**Short-lived** — `429`, `500`, `503`, no reply within 15 "
            "seconds. A tries again (§6).\n\n**Won't fix itself** — `400`, `401`, `422`, and notices whose signature "
            "fails.\nNo further tries; straight to the \"Needs attention\" list (§6).\n")
    spec = spec_of(text)
    assert [e.category for e in spec.errors][:2] == ["transient", "permanent"]
    assert spec.errors[1].action is not None
    assert "IS401" not in [f.code for f in lint_text(text, "markdown") if "permanent" in f.message]
    numbered = ("# A → B\n\n## When calls fail\n\n10. Worth another go: `429`, `502`, `503`, a timeout after "
                "8 seconds. Retry under rule 13.\n\n11. Never worth another go: `400`, `401`, `404`. These go straight "
                "to the holding table `held`.\n")
    assert [e.category for e in spec_of(numbered).errors] == ["transient", "permanent"]


def test_a_breaker_that_cools_off_then_tries_one_delivery():
    """"After 6 failures in a row towards one system the connector cools off for 2 minutes and then tries a single
    delivery": a breaker by its anatomy. Cooling off with no run of failures before it is none."""
    said = ("After 6 failures in a row towards one system the connector cools off for 2 minutes and then tries a single "
            "delivery; if it goes through, normal sending resumes.\n")
    assert "IS501" not in codes(_POLICY + said)
    assert "IS501" in codes(_POLICY + "The worker cools off for 2 minutes between nightly runs.\n")


def test_a_heading_that_says_repeats_are_safe_heads_the_idempotency_rules():
    """"## Safe to resend" over "Issue and bulk issue are keyed on `voucher_code` (per item in a batch)": what makes a
    repeat safe, under a heading whose words the part's vocabulary files elsewhere."""
    contract = ("# A → B\n\n## Calls\n\n### Bulk issue: `POST https://b.example/v2/vouchers:batch`\n\n"
                "Request:\n\n```json\n{\"vouchers\": [{\"voucher_code\": \"EFB-4K7Q2M\"}]}\n```\n\n"
                "Response `201`:\n\n```json\n{\"created\": 1}\n```\n\n")
    safe = contract + ("## Safe to resend\n\nIssue and bulk issue are keyed on `voucher_code` (per item\nin a batch); "
                       "Cancel is a no-op the second time.\n")
    assert "IS901" not in codes(safe)
    other = contract + "## Sending\n\nBulk issue is sent once a night.\n"
    assert "IS901" in codes(other)


def test_a_place_the_team_names_and_defines_is_where_failures_go():
    """"These go straight to the lay-by" in one rule and "The lay-by is the Storage queue `attendance-layby` ... The
    first entry of the day emails the lead" in another: dead-letter handling under the team's name for it. A place
    defined but never where failures go is none."""
    text = ("# A → B\n\n## Rules of the road\n\n11. Never worth another go: `400`, `404`, and our own mapping failures. "
            "These go straight to the lay-by (rule 15).\n\n"
            "15. The lay-by is the Storage queue `attendance-layby`. Each entry keeps the original body and the error. "
            "The first entry of the day emails visitors@example.org; the lead replays from the admin page.\n")
    assert "IS601" not in codes(text)
    unused = text.replace("These go straight to the lay-by (rule 15).", "These are logged.")
    assert "IS601" in codes(unused)


def test_a_row_marked_with_a_state_after_its_last_retry_is_kept():
    """"After the fifth retry ... the row in `pending_sync` is marked `needs_attention`; the clerk gets an email
    listing new `needs_attention` rows": kept in a state someone works, its alert by the state's name."""
    text = ("# A → B\n\n## When nothing works\n\nAfter the fifth retry, or straight away for a permanent error, the row "
            "in `pending_sync` is marked `needs_attention` with the last response. The clerk gets an email listing new "
            "`needs_attention` rows once an hour.\n")
    assert "IS601" not in codes(text)
    deleted = text.replace("is marked `needs_attention` with the last response", "is deleted")
    assert "IS601" in codes(deleted) or "IS602" in codes(deleted)


def test_rows_in_an_outbox_named_store_are_a_backlog():
    """"| Rows in `payout_outbox` | > 500, or oldest > 30 min | warning |": what waits in a store named for waiting."""
    text = ("# A → B\n\n## Flows\n\n| Flow | Source | Target | Trigger | Payload | Frequency |\n|---|---|---|---|---|---|\n"
            "| Payouts | A | B | queue consumer | JSON batch | ~7 batches per run |\n\n## Monitoring\n\n"
            "| Measure | Alert at | Level |\n|---|---|---|\n| Rows in `payout_outbox` | > 500 | warning |\n"
            "| Failed payouts as share of sent | > 2% over 15 min | critical |\n")
    assert spec_of(text).monitoring[0].kind == "queue-depth"
    assert spec_of(text.replace("`payout_outbox`", "`payout_audit`")).monitoring[0].kind != "queue-depth"


def test_a_threshold_as_a_run_a_text_message_as_the_alert_and_a_threshold_by_reference():
    """"Token refresh: critical on 3 failed refreshes in a row", "Limits pull failed two days running → warning": a run
    is the threshold; "More than 3% of calls failing over 10 minutes → supervisor text": a text message is the alert;
    "| Credential expiry | per DT-5 | Warning |": the threshold is where it points. A metric with none of them is still
    asked for its threshold."""
    head = ("# A → B\n\n## Monitoring\n\n- Latency p95 > 2 s over 10 min → warning\n- Error rate > 2% over 15 min → critical\n"
            "- Outbox depth > 100 → warning\n")
    for said in ("- Token refresh: critical on 3 failed refreshes in a row\n",
                 "- Limits pull failed two days running → warning\n"):
        spec = spec_of(head + said)
        assert spec.monitoring[-1].threshold is not None, said
    text = head + "- More than 3% of calls failing over 10 minutes → supervisor text\n"
    assert spec_of(text).monitoring[-1].alert is not None
    table = ("# A → B\n\n## What we watch\n\n| Metric | Alert at | Level |\n|---|---|---|\n"
             "| Latency, P95 | > 5 s over 15 min | Warning |\n| Failed calls | > 2 % over 15 min | Critical |\n"
             "| Credential expiry | per DT-5 | Warning / critical |\n")
    assert not any("'Credential expiry' has no threshold" in f.message for f in lint_text(table, "markdown"))
    bare = table.replace("| Credential expiry | per DT-5 | Warning / critical |", "| Credential expiry | | Warning |")
    assert any("'Credential expiry' has no threshold" in f.message for f in lint_text(bare, "markdown"))


def test_near_misses_in_the_same_shapes_are_still_gaps():
    """The shapes above, saying something else: a client-error class that is retried is not the permanent class, codes
    described ("listed in B's manual") are no class, one message sent after a run of failures is no probe nor one
    message cooling off a pause, a lead-in that says rotation is not planned gives none, a retry queue the team names
    is no dead-letter place and a row "marked `ignored`" is not kept, an outbox's throughput is no backlog, a time
    checked against another keeps owing its zone, and a batch that fails to arrive denies no batching."""
    classes = ("# A → B\n\n## When it goes wrong\n\n| Kind | Examples | What happens |\n|---|---|---|\n"
               "| Short-lived | `429`, `503`, no answer in 10 s | Tries again |\n"
               "| Token trouble | `401`, `403` | Refresh the token and try again once |\n")
    assert any("no permanent category" in f.message for f in lint_text(classes, "markdown"))
    described = ("# A → B\n\n## Errors\n\nTimeouts, `429`, `502` and `503` are retried with backoff. `400`, `404` and "
                 "`422` are listed in B's manual; see the appendix.\n")
    assert any("no permanent category" in f.message for f in lint_text(described, "markdown"))
    for said in ("After 3 failed calls in a row the worker logs the error and then sends one message to the team's "
                 "Slack channel.\n",
                 "After 6 failures in a row the message cools off for 2 minutes in the retry queue, then is tried "
                 "again.\n"):
        assert "IS501" in codes(_POLICY + said), said
    retry_line = ("# A → B\n\n## Failures\n\nThe retry line is the queue `orders-retry`. A failed delivery is sent to the "
                  "retry line and tried again in 5 minutes.\n")
    assert any("there is no dead-letter handling" in f.message for f in lint_text(retry_line, "markdown"))
    ignored = ("# A → B\n\n## When nothing works\n\nAfter the fifth retry the row in `pending_sync` is marked `ignored`; "
               "nobody looks at it again.\n")
    assert any("there is no dead-letter handling" in f.message for f in lint_text(ignored, "markdown"))
    rate = ("# A → B\n\n## Monitoring\n\n| Measure | Alert at | Level |\n|---|---|---|\n"
            "| Rows in `payout_outbox` processed per minute | < 5 | warning |\n")
    assert spec_of(rate).monitoring[0].kind != "queue-depth"
    late = ("# A → B\n\n## Errors\n\n- Transient: 429, 503. Retried with backoff.\n"
            "- Permanent: 400, 422. Parked in `returns_parked`; the team is emailed.\n\n## Returns\n\n"
            "A batch of returns goes every Monday; the reply is `207` with `accepted` and `rejected` counts.\n\n"
            "## Watching\n\nWe alert if no batch arrives by Monday 09:00.\n")
    assert any("no partial category" in f.message for f in lint_text(late, "markdown"))
    never = late.replace("A batch of returns goes every Monday; the reply is `207` with `accepted` and `rejected` "
                         "counts.", "Returns are never batch-processed: one call per return, though B answers `207` "
                         "on its bulk endpoint.")
    assert not any("no partial category" in f.message for f in lint_text(never, "markdown"))
    faq = ("# A → B\n\n## Errors\n\nAll errors are retried 3 times.\n\n**Why did I get a 503?** B was deploying; we "
           "tried again later and it went through.\n\n**Why did I get a 400?** The order was bad; it was rejected, fix "
           "it and resubmit.\n")
    assert not {e.category for e in spec_of(faq).errors} & {"transient", "permanent"}



def test_an_entry_moved_into_a_list_a_persons_discard_and_an_older_update_ignored_lose_nothing():
    """"after three refusals it drops them into its own integration error list", "it sits in `parked` until someone
    resends or discards it", "an update whose `created` is older than `Pledge.LastEventAt` is ignored": moved aside, a
    person's choice for a kept entry, an older version; "failed updates are ignored" is still a loss."""
    head = "# A → B\n\n## Failures\n\n"
    for said in ("After three refusals the sender drops them into its own integration error list, and the team gets an "
                 "email for each.\n",
                 "A failed submission sits in the `parked_submissions` table until someone resends or discards it; the "
                 "lead is emailed.\n",
                 "An update whose `created` is older than `Pledge.LastEventAt` is ignored, so out-of-order events "
                 "cannot undo a cancellation.\n"):
        assert "IS602" not in codes(head + said), said
    assert "IS602" in codes(head + "Failed updates are ignored after the third try.\n")
    assert "IS602" in codes(head + "A failed update is kept until the worker times out and discards it.\n")

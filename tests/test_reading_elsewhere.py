"""Facts a spec states away from where the reader first looked: behind a pointer ("See M11"), in a questionnaire's
answer cell, under a heading or a paragraph lead that names what was given up on, by a name written two ways
(`failed_sends`, "failed-sends store"), or in a config object's keys. Each test names the class of misreading it
guards, and the near miss that must still be reported."""

from intspec_lint import lint_text

from read_spec import codes, spec_of

_MAPPING = ("# A → B\n\n## Field mapping\n\n| A | Type | B | Type | Rule |\n|---|---|---|---|---|\n"
            "| `appointment.start` | local datetime | `appointment_at` | ISO 8601 UTC | {rule} |\n\n")


def test_a_mapping_row_that_points_at_a_numbered_rule_for_its_conversion_owes_none_of_its_own():
    """"`appointment.start` | local datetime | ... | ISO 8601 UTC | See M11" with "**M11. Times are Europe/London in A
    and UTC on the wire.**" below: the conversion is told where the row points. A pointer at a rule that says nothing
    of zones tells none."""
    told = _MAPPING.format(rule="See M11") + ("**M11. Times are Europe/London in A and UTC on the wire.** The adapter "
                                              "attaches Europe/London before converting.\n")
    assert "IS802" not in codes(told)
    untold = _MAPPING.format(rule="See M11") + "**M11. Times are checked for sanity.** A start in the past is refused.\n"
    assert "IS802" in codes(untold)
    assert "IS802" in codes(_MAPPING.format(rule="Copy"))


_RETRY = "# A → B\n\n## Retries\n\nRetry `429` and `503`: wait 5 s, doubling, at most 10 minutes, 12 attempts.\n\n"


def test_a_breaker_given_as_a_config_objects_keys_named_by_what_it_does():
    """`pauseAfterServerFailures = 5, pauseFor = 15.minutes` beside the retry settings: a breaker's threshold and its
    open time, named by what it does (pause) and what it counts (failures). A pause with no count is no threshold."""
    block = ("```kotlin\nval syncPolicy = SyncPolicy(\n    firstDelay = 5.seconds, factor = 2.0, maxDelay = 10.minutes,\n"
             "    maxAttempts = 12,\n    {keys}\n)\n```\n")
    said = spec_of(_RETRY + block.format(keys="pauseAfterServerFailures = 5, pauseFor = 15.minutes"))
    assert said.retry.circuit_breaker.text == "5" and said.retry.circuit_open.text == "15.minutes"
    assert "IS501" not in codes(_RETRY + block.format(keys="pauseAfterServerFailures = 5, pauseFor = 15.minutes"))
    assert "IS501" in codes(_RETRY + block.format(keys="pause = true"))


def test_a_questionnaire_row_whose_question_names_a_class_of_errors_and_whose_answer_lists_its_codes():
    """"| D4 | Errors you will not retry. | `400`, `401`, `404`, `409`. The publish is saved as failed ... |": the
    permanent class, named by the question and held by the answer. A question about something else whose answer lists
    codes names no class."""
    table = ("# A → B\n\n## Section D: Reliability\n\n| Ref | A asks | B answer |\n|---|---|---|\n"
             "| D2 | Your retry policy. | Retry `429`, `503` and timeouts: 3 s, doubling, 6 retries, at most 90 s. |\n"
             "| D4 | {question} | `400`, `401`, `404`, `409`. The publish is saved as failed and the organiser sees the "
             "reason. |\n")
    classes = {e.category for e in spec_of(table.format(question="Errors you will not retry.")).errors}
    assert "permanent" in classes
    assert not any("no permanent category" in f.message
                   for f in lint_text(table.format(question="Errors you will not retry."), "markdown"))
    classes = {e.category for e in spec_of(table.format(question="Which codes can the publish call return?")).errors}
    assert "permanent" not in classes


def test_a_repeat_treated_as_already_accepted_names_its_header_the_key():
    """"B shall record every `Notice-Id` for 30 days and treat a repeated `Notice-Id` as already accepted (`200`, no
    second ticket)" with `Notice-Id: <uuid>` a header of the call: the key. A header only recorded, with no word of
    what a repeat gets, is none."""
    spec = ("# A → B\n\n## Interfaces\n\n4.1 **Booking Notice** is delivered as `POST https://b.example/api/v2/bookings` "
            "with headers `Content-Type: application/json` and `Notice-Id: <uuid>`. B answers `201` on acceptance and "
            "`400` where the body is malformed.\n\n4.2 **Boarding Report** is delivered as `POST "
            "https://a.example/v3/boardings` with header `Report-Id: <id>`. A answers `200`.\n\n## Duplicate Messages\n\n"
            "{rule}\n\nA repeated `Report-Id` is answered as before and not applied twice.\n")

    def unkeyed(rule):
        return [f for f in lint_text(spec.replace("{rule}", rule), "markdown") if f.code == "IS901"]
    assert not unkeyed("B shall record every `Notice-Id` for 30 days and treat a repeated `Notice-Id` as already "
                       "accepted (`200`, no second ticket).")
    assert unkeyed("B shall record every `Notice-Id` for 30 days for support.")


def test_a_store_said_again_as_the_same_one_is_judged_where_it_was_first_said():
    """"Kept in Bitwarden and in `/etc/x/secrets.env` (root-only)", then "Same Bitwarden and env file." for the next
    credential: the guarded file said before. An env file named plainly is still a config file."""
    auth = ("# A → B\n\n## Credentials\n\n- A -> B: token issued by B. Renewed every March; B keeps the old token alive "
            "14 days. Kept in the club Bitwarden and in A's `/etc/a/secrets.env` (root-only), never in git.\n"
            "- B -> A: HMAC webhook secret, rolled every March by A's admin; both secrets accepted for 7 days. {store}\n")
    assert "IS302" not in codes(auth.format(store="Same Bitwarden and env file."))
    assert "IS302" in codes(auth.format(store="Kept in an env file on the server."))


def test_a_queue_read_by_its_ready_messages_is_its_depth():
    """"`huts.bookings` ready messages above `500`: warning": a queue's depth, by the broker's word for what waits."""
    said = ("# A → B\n\n## What we watch\n\nAlerts through Opsgenie to the on-call unless said otherwise:\n\n"
            "- Call failure rate above `5%` over `10 min`: critical.\n"
            "- `huts.bookings` ready messages above `500`: warning; `huts.bookings.failed` above `0`: critical.\n")
    assert [metric.kind for metric in spec_of(said).monitoring] == ["error-rate", "queue-depth"]


_FAILS = ("# A → B\n\n## Failures\n\n| Kind | Codes | What happens |\n|---|---|---|\n"
          "| Passing | `429`, `503` | Retried with backoff |\n"
          "| Final | `400`, `422` | Not retried; goes to the failed-sends store (section 6) |\n\n")


def test_a_heading_or_a_lead_that_names_what_could_not_be_delivered_is_the_dead_letter_part():
    """"## 6. Failures we could not deliver", "**What happens to things that cannot go through.** Anything ... is
    written to `hire_inbox_rejects`; the treasurer gets an email for each new row", "### Where does a visit that never
    got through end up?": what was given up on, titled in the team's words; its alert is the dead letters'. A heading
    that asks what happens when something fails is the error handling's."""
    heading = _FAILS + ("## 6. Failures we could not deliver\n\n| Aspect | Now |\n|---|---|\n"
                        "| Where they go | Table `failed_sends` in Postgres |\n"
                        "| Who is told | Email to tech@a.example on each new row |\n")
    assert "IS601" not in codes(heading)
    lead = _FAILS.replace("goes to the failed-sends store (section 6)", "we keep our own copy (below)") + (
        "**What happens to things that cannot go through.** Anything we answer with a final code is written to our "
        "`hire_inbox_rejects` table. The treasurer gets an email for each new row and presses Replay.\n")
    assert "IS601" not in codes(lead)
    asked = ("# A → B\n\n## FAQ\n\n### What happens if B is down?\n\nJobs are retried 6 times, then go to the failed "
             "list (below).\n\n### Where does a visit that never got through end up?\n\nIn the `failed_visit_syncs` "
             "table. Every new row posts to `#alerts` in Slack.\n")
    assert spec_of(asked).dead_letter.alert is not None
    for title in ("What happens when the API fails?", "Where does the data go?", "Failures"):
        assert "dead_letter" not in spec_of(f"# A → B\n\n## {title}\n\nText.\n").sections, title


def test_a_dead_letter_place_named_two_ways_or_inside_a_command_has_its_alert_there():
    """"goes straight to the sin bin" and "ends in the `roundabout_sin_bin` table ... A new row emails loans@"; a held
    queue `x-league-held` named in "Replay with `replay --queue x-league-held`" beside "each new message posts to
    Slack": the same place, its alert. A place no alert is said of still owes one."""
    bin_ = ("# A → B\n\n## Risks\n\n### R6 — A request fails unheard\n\n**Control.** Anything that will not go through "
            "ends in the `roundabout_sin_bin` table with the body. A new row emails loans@a.example.\n\n"
            "### R7 — A bad request is retried forever\n\n**Control.** Only 429 and 503 are retried. 400 and 422 go "
            "straight to the sin bin with no retries.\n")
    assert "IS601" not in codes(bin_)
    assert "IS601" in codes(bin_.replace(" A new row emails loans@a.example.", ""))


def test_a_loss_word_with_the_place_or_the_next_round_in_the_same_sentence_loses_nothing():
    """"is copied before it is dropped from Cloud Tasks into the collection `council_failed`", "are skipped, the
    skipped ids retried on the next three pulls, then held": kept, or fetched again. "are skipped" alone is a loss."""
    head = "# A → B\n\n## Failures\n\n"
    for said in ("A task that has used all 8 attempts is copied before it is dropped from Cloud Tasks into the "
                 "collection `council_failed`; the on-call is paged.\n",
                 "Fixtures that fail to import are skipped, the rest applied, the skipped ids retried on the next three "
                 "pulls, then held.\n"):
        assert "IS602" not in codes(head + said), said
    assert "IS602" in codes(head + "Fixtures that fail to import are skipped.\n")


def test_an_example_goes_to_the_contract_its_label_names():
    """"Inspection request:" and "Roster push:" in a section of examples after "**Inspection endpoint**: `POST ...`"
    and "**Roster endpoint**: `PUT ...`": each example is the contract its label names, not the last one read. A label
    naming no contract's own word moves nothing."""
    spec = ("# A → B\n\n## Interfaces\n\n**Inspection endpoint**: `POST https://b.example/api/v2/inspections`. Answers "
            "`201` with the new id; `400` malformed.\n\n**Roster endpoint**: `PUT https://a.example/v3/roster`. Answers "
            "`200`; `400` not an array.\n\n## Example messages\n\n{label} request:\n\n```json\n{{\"cabinet\": \"C-7\", "
            "\"battery\": \"ok\"}}\n```\n\n{label} response (`201`):\n\n```json\n{{\"inspection_id\": \"I-1\"}}\n```\n\n"
            "Roster push:\n\n```json\n[{{\"asset\": \"C-7\"}}]\n```\n\nRoster answer:\n\n```json\n{{\"applied\": 1}}\n```\n")
    def shown(contracts):
        return [sum(1 for e in c.examples if e.text.strip()) for c in contracts]
    assert shown(spec_of(spec.format(label="Inspection")).contracts) == [2, 2]
    assert "IS202" not in codes(spec.format(label="Inspection"))
    assert shown(spec_of(spec.format(label="Sample")).contracts) == [0, 4]


def test_a_heading_phrase_names_its_part_not_the_shorter_phrase_inside_it():
    """"Replay safety" is idempotency's, not the dead letters' "replay"; "Dead-letter replay" stays the dead letters'."""
    assert spec_of("# A → B\n\n## Replay safety\n\n- C1: repeats answered 200, no work.\n").sections.keys() & \
        {"dead_letter"} == set()
    assert "dead_letter" in spec_of("# A → B\n\n## Dead-letter replay\n\nRun `replay`.\n").sections


def test_an_alert_given_as_a_message_on_a_named_app_or_to_a_rota_is_its_level():
    """"any new row → Signal message (section 6)", "over 5% of calls in an hour → Signal message to the tech rota": the
    alert is the message. A count of a broker's messages is no alert."""
    said = ("# A → B\n\n## Monitoring\n\n| Measure | Target |\n|---|---|\n"
            "| Failed calls | over 5% of calls in an hour → Signal message to the tech rota |\n"
            "| `failed_sends` rows | any new row → Signal message (section 6) |\n")
    assert [bool(m.alert) for m in spec_of(said).monitoring] == [True, True]
    assert not spec_of("# A → B\n\n## Monitoring\n\n- Kafka messages waiting above 500.\n").monitoring[0].alert


def test_a_breakers_run_and_its_pause_are_one_clause_whatever_aside_stands_between():
    """"8 straight failures (5xx/timeout only; 4xx not counted) → fuse blown 3 min": the semicolon inside the aside
    ends no clause. A run of failures with no pause after it is no breaker."""
    assert "IS501" not in codes(_RETRY + "- Fuse per downstream: 8 straight failures (5xx/timeout only; 4xx not counted) "
                                         "→ fuse blown 3 min. After 3 min one probe call.\n")
    assert "IS501" in codes(_RETRY + "- 8 straight failures (5xx/timeout only; 4xx not counted) are logged.\n")


def test_a_section_titled_replays_that_speaks_only_of_repeats_is_about_repeats():
    """"### 3.9 Replays" over "a repeat is answered `200`", "a second post of the same chunk gets `409` and the first
    answer": repeats, not dead letters sent again. "### Replays" over a failed-message store stays the dead letters'."""
    repeats = ("# A → B\n\n## 3. After\n\n### 3.9 Replays\n\n- A: `X-Event-Id` is the event's key; B keeps seen ids for 35 "
               "days and answers a repeat `200`.\n- B: a second post of the same chunk gets `409` and the first answer.\n")
    assert "dead_letter" not in spec_of(repeats).sections
    failed = ("# A → B\n\n## 3. After\n\n### 3.9 Replays\n\n- Failed messages wait in the `orders-dlq` queue.\n"
              "- The on-call replays them after a fix.\n")
    assert "dead_letter" in spec_of(failed).sections


def test_a_dead_letter_place_that_points_at_a_section_has_its_alert_there():
    """"Not retried; goes to the exceptions list (3.6)" and "### 3.6 Exceptions ... with a Teams alert to
    #supporter-data on each new item" (blind round 122, spec 13): the alert said where the place points. A section
    that says no alert gives none."""
    spec = _ROUND_122_13
    assert "IS601" not in codes(spec)
    silent = spec.replace("integration desk is emailed on the first exception of a day and owns", "integration desk owns")
    assert "IS601" in codes(silent.replace(", with a Teams alert to #supporter-data on each new item", ""))


_ROUND_122_13 = """# A → B

## 3. After: the integration

### 3.4 When calls fail

| Class | Examples | Handling |
|---|---|---|
| Try again | `429`, `500`, `502`, `503`, `504`, timeout (30 s), connection reset | Retried (3.5) |
| Give up | `400`, `401` after a token refresh, `404`, `413`, `422` | Not retried; goes to the exceptions list (3.6) |
| Some rows | `207` on a ledger chunk | Accepted rows stay stored; refused rows go to the exceptions list one by one; the chunk is not resent |
| Already done | `200` on a repeat, `409` on a stored chunk | Counted as success |

### 3.5 Retrying

Both senders (DrawDesk for A and B, Beacon for C) use the same rule: wait 2 s, then 4, 8, 16 …
seconds, each wait randomised between half and all of its value, never more than 10 minutes, and
stop after 7 retries. After 12 consecutive failed calls the sender holds all calls for 15
minutes, then lets one through; if it succeeds, normal sending resumes.

The ledger run must be complete by Saturday 12:00. If it is not, the unfinished chunks wait for
the next run to end; nothing is skipped (see 3.6).

### 3.6 Exceptions

Anything that gives up (3.4) or runs out of retries lands on an exceptions list, with its body,
error, attempt count and first and last attempt times:

- DrawDesk side (A, B): DrawDesk's "Outbound exceptions" screen for society `TSA`. Skylark's
  integration desk is emailed on the first exception of a day and owns the list; they resend from
  the screen, singly or per draw.
- Beacon side (C, and refused ledger rows): the Beacon work queue `Lottery exceptions`, owned by
  our data officer, with a Teams alert to #supporter-data on each new item. "Resubmit" resends a
  suppression; refused ledger rows are fixed in Beacon and re-posted as a one-row chunk.

"""


def test_error_classes_said_by_a_classifiers_returns_by_final_and_by_a_split_handled_elsewhere():
    """`return PARTIAL  # look at each item on its own` in a classifier; "A `409` is final: the rota does not resend";
    "Half-done work — a draw where some winners match and some do not — keeps what matched and handles the rest as in
    Story 2": the classes, in code, in a word and by what they hold. Code that returns no class names none."""
    head = ("# A → B\n\n## Contracts\n\n### Loans batch\n\n`POST https://b.example/v2/loans/batch` answers `200` all "
            "stored, `207` some items refused, `400` bad body.\n\n## Failures\n\nTimeouts, `429` and `503` are retried "
            "with backoff. `400` and `422` are not retried; they go to the `rejects` table and the team is emailed.\n\n")
    code = head + "```python\ndef classify(resp):\n    if resp.status == 207:\n        return {ret}\n```\n"
    assert not any("no partial category" in f.message for f in lint_text(code.format(ret="PARTIAL"), "markdown"))
    assert any("no partial category" in f.message for f in lint_text(code.format(ret="None"), "markdown"))
    split = head + "Half-done work — a draw where some winners match and some do not — keeps what matched and handles the " \
                   "rest as in Story 2.\n"
    assert not any("no partial category" in f.message for f in lint_text(split, "markdown"))
    final = ("# A → B\n\n## Failures\n\nTimeouts, `429` and `503` are retried with backoff.\n\nA `409` is final: the rota "
             "does not resend and the message goes to the hold queue. `400` and `422` are treated the same.\n")
    assert not any("no permanent category" in f.message for f in lint_text(final, "markdown"))
    assert any("no permanent category" in f.message
               for f in lint_text(final.replace("is final", "is rare"), "markdown"))


def test_a_register_table_whose_columns_say_how_and_how_much_is_read_unit_by_unit():
    """"| Concern | How we handle it | Numbers |" over "Watch: outbox | `x-outbox` messages waiting | > 100: warning" and
    "Mapping: `match.revision` → `revision` | Copied unchanged | int → int": the columns say what the cells hold, not
    whose they are (no system called "Numbers"); a mapping unit is its field's row, its types in the last cell."""
    spec = ("# A → B\n\n| Concern | How we handle it | Numbers |\n|---|---|---|\n"
            "| Flow 1: upload | A → B. Trigger: the scorer taps Finalise. Payload: scorecard JSON | ~48 per Saturday |\n"
            "| Watch: latency | Finalise tap to `201`, p95 | > 60 s for 15 min: warning |\n"
            "| Watch: outbox | `scorecard-outbox` messages waiting | > 100: warning |\n"
            "| Mapping: `match.revision` → `revision` | Copied unchanged | int → int |\n"
            "| Mapping: `match.team` → `batting` | Looked up in `club_names` | uuid → string |\n")
    read = spec_of(spec)
    assert [m.kind for m in read.monitoring] == ["latency", "queue-depth"]
    assert not any("Numbers" in (m.metric.text if m.metric else "") for m in read.monitoring)
    rows = [(m.source_field.text, m.source_type.text, m.target_field.text, m.target_type.text) for m in read.mappings]
    assert rows == [("match.revision", "int", "revision", "int"), ("match.team", "uuid", "batting", "string")]


def test_a_field_said_not_stored_in_brackets_and_a_call_named_by_the_credentials_are_no_gaps():
    """"`form_id` → (not stored)" maps nothing, so owes no target; "Daily check of `expires_at` from `GET /v2/me`" in
    the credentials table names a call in passing, no contract owing examples. A `form_id` with no target still owes
    one."""
    mapping = ("# A → B\n\n## Field mapping\n\n`fields.size` (string) → `orders.size_code` (char)\n: `Eighth page` → `E`.\n\n"
               "`form_id` → {target}\n: Must be `frm_7Qm2`.\n")
    assert "IS801" not in codes(mapping.format(target="(not stored)"))
    assert any("no target field" in f.message for f in lint_text(mapping.format(target="(string)"), "markdown"))
    auth = ("# A → B\n\n## Contracts\n\n### Create booking\n\n`POST https://b.example/v2/bookings` answers `201`.\n\n"
            "```json\n{\"slot\": \"S-1\"}\n```\n\n```json\n{\"id\": \"BK-1\"}\n```\n\n## Credentials\n\n"
            "| Side | Now |\n|---|---|\n| A → B | API key, rotated each August; kept in Doppler |\n"
            "| Watching expiry | Daily check of the key's `expires_at` from `GET /v2/me`; warning email at 30 days |\n")
    assert "IS202" not in codes(auth)
    assert [c.method.text for c in spec_of(auth).contracts] == ["POST"]


def test_a_re_posted_row_ignored_by_a_unique_key_and_anything_in_a_failure_queue_are_read_as_said():
    """"rows are unique on (`entry_id`, `draw_date`), so a re-posted row is ignored": a copy turned away; "`x-failures`
    queue: anything in it is critical": it fires on every one."""
    assert "IS602" not in codes("# A → B\n\n## Repeats\n\nRows are unique on (`entry_id`, `draw_date`), so a re-posted row "
                                "is ignored.\n")
    said = ("# A → B\n\n## Monitoring\n\nWe watch:\n\n- `orders-failures` queue: anything in it is critical;\n"
            "- error rate above 5% in a day: critical.\n")
    assert spec_of(said).monitoring[0].threshold is not None


def test_a_latency_a_status_told_in_a_table_of_concerns_and_a_rotation_told_as_steps():
    """"F1 sent and accepted, time after 14:00 trigger | over 15 minutes": a latency; "Flow B answered `207` with
    per-PCN results" in a table of concerns: the 207 an example shows is explained; "Tokens last 365 days; make the new
    one in the portal in the last month, ..., then delete the old token": a rotation. Their near misses stay gaps."""
    metrics = ("# A → B\n\n## Metrics\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
               "| F1 sent and accepted, {name} | over 15 minutes | warning |\n")
    assert spec_of(metrics.format(name="time after 14:00 trigger")).monitoring[0].kind == "latency"
    assert spec_of(metrics.format(name="count after 14:00 trigger")).monitoring[0].kind != "latency"
    status = ("# A → B\n\n| Concern | Now |\n|---|---|\n| Partial failures | {said} |\n\n## Contracts\n\n"
              "### Flow B: offline bundle\n\n`POST https://b.example/v2/pcns:batch` with 1–50 items:\n\n"
              "```json\n{{\"items\": [{{\"pcn\": \"P1\", \"vrm\": \"AB12CDE\"}}]}}\n```\n\n```http\nHTTP/1.1 207 "
              "Multi-Status\nContent-Type: application/json\n\n{{\"results\": [{{\"pcn\": \"P1\", \"status\": 201}}]}}\n```\n\n"
              "`200` all stored; `400` schema error; `401` token.\n")
    assert "IS205" not in codes(status.format(said="Flow B answered `207` with per-PCN results: accepted PCNs are done"))
    assert "IS205" in codes(status.format(said="Some PCNs may fail"))
    keys = ("# A → B\n\n## Keys\n\n- A → B: a personal access token with the `schedule:write` permission only, kept in "
            "Render's environment group. {said}\n- B → A: HMAC-SHA256 with the webhook secret, kept in the same group; "
            "regenerated every January, both accepted for 24 hours.\n")
    assert "IS301" not in codes(keys.format(said="Tokens last 365 days; make the new one in the portal in the last month, "
                                                 "redeploy, then delete the old token."))
    assert "IS301" in codes(keys.format(said="Paste it into the group and redeploy."))


def test_the_reviewers_near_misses_of_these_mechanisms_stay_as_they_were():
    """A "### 3.9 Dead letters" section whose lines speak of re-sending stays the dead letters'; a booking's own
    "Request with customer details:" example is not moved to a customer lookup; a pointer "(7.2)" to a monitoring
    section whose alerts are the latency's gives the dead letters none."""
    dead = ("# A → B\n\n## Retries\n\nRetry `429` and `503`: wait 5 s, doubling, at most 10 minutes, 12 attempts.\n\n"
            "## 3. After\n\n### 3.9 Dead letters\n\n- When a call still fails after 12 attempts, support re-sends it from "
            "the admin screen after a fix.\n- A re-sent call carries the same `X-Event-Id`, so B answers a repeat `200` "
            "and changes nothing.\n")
    assert "dead_letter" in spec_of(dead).sections
    own = ("# A → B\n\n## Interfaces\n\n**Booking endpoint**: `POST https://b.example/api/v2/bookings`. Answers `201` "
           "with the new id; `400` malformed.\n\nRequest with customer details:\n\n```json\n{\"slot\": \"S-1\", "
           "\"customer\": {\"name\": \"Ann\"}}\n```\n\nResponse (`201`):\n\n```json\n{\"id\": \"BK-1\"}\n```\n\n"
           "**Customer lookup**: `GET https://b.example/api/v2/customers/{id}`. Answers `200`; `404` unknown.\n\n"
           "Response:\n\n```json\n{\"id\": \"C-1\", \"name\": \"Ann\"}\n```\n")
    assert "IS202" not in codes(own)
    pointed = ("# A → B\n\n## 3. Retries\n\n### 3.1 Policy\n\nRetry `429` and `503`: wait 5 s, doubling, at most 10 "
               "minutes, 12 attempts.\n\n### 3.2 Dead letters\n\nAfter the last attempt the message goes to `orders-dlq` "
               "(7.2).\n\n## 7. Operations\n\n### 7.2 Monitoring\n\n- p95 latency above 2 s for 10 minutes: page the "
               "on-call.\n")
    assert "IS601" in codes(pointed)


def test_a_one_number_section_pointer_resolves_and_a_condition_keeps_a_target_owed():
    """"goes to the `orders-dlq` queue (section 7)" with "## 7. Alerts ... Slack #ops is alerted": the pointer leads to
    section 7; "`form_id` → (ignored if blank)" is kept otherwise, so it still owes its target."""
    pointed = ("# A → B\n\n## 6. Dead letters\n\nRetry `429` and `503`: wait 5 s, doubling, at most 10 minutes, 12 "
               "attempts. After the last attempt the message goes to the `orders-dlq` queue (section 7).\n\n"
               "## 7. Alerts\n\n- Each new message there: Slack #ops is alerted.\n")
    assert "IS601" not in codes(pointed)
    mapping = ("# A → B\n\n## Field mapping\n\n`fields.size` (string) → `orders.size_code` (char)\n: `Eighth page` → `E`.\n\n"
               "`form_id` → (ignored if blank)\n: Must be `frm_7Qm2`.\n")
    assert any("no target field" in f.message for f in lint_text(mapping, "markdown"))

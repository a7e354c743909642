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

"""Facts told in passing, in shapes that are not their part's section: error classes as lines led by their codes in a
flow's *Outputs*, as scenario headings titled by their codes, as a status-code table whose last column says what is
done, as italic-led items, as a story's sentence; a partial class told by the good part kept and the bad named back;
the dead letters under "Where do failures end up?"; a value table headed by two fields; retry settings per side in a
table under another part; an alert's firing condition in any section; a value named in a parameters table or a settings
block and used by its name. Each test names the class of misreading it
guards, and the near miss that must still be reported."""

from intspec_lint import lint_text
from intspec_lint.document.markdown import parse_markdown
from intspec_lint.document.model import Paragraph
from intspec_lint.reading import named_values
from intspec_lint.reading.vocabulary import load_vocabulary

from conftest import REPO_ROOT
from read_spec import codes, spec_of


def _classes(text: str) -> set[str]:
    return {error.category for error in spec_of(text).errors}


_FLOW = ("# A → B\n\n## Flow A: offers (A → B)\n\n### Processing\n\n- A relay sends each offer with `PUT /listings/{{ref}}`."
         "\n\n### Outputs\n\n- Success: the row is marked `sent`.\n{lines}\n")


def test_lines_led_by_their_codes_are_classes_wherever_they_stand():
    """"- `429`, `5xx`, timeouts: sent again per the schedule above" and "- `400`, `401`, `404`: not sent again. The row
    is parked" under a flow's *Outputs*: the transient and the permanent class, told by their members and what is done.
    Codes listed with what they mean are no class."""
    told = _FLOW.format(lines="- `429`, `5xx`, timeouts (10 s): sent again per the schedule above.\n"
                              "- `400`, `401`, `404`, `409`: not sent again. The row moves to `outbox_parked`.")
    assert {"transient", "permanent"} <= _classes(told)
    meant = _FLOW.format(lines="- `400`, `401`, `404`: the codes B documents for a bad body.")
    assert not _classes(meant) & {"transient", "permanent"}


def test_a_scenario_heading_titled_by_its_codes_is_a_class():
    """"### S7 — B says the batch is wrong (`400`, `403`, `422`)" over "A does not retry. The batch moves to the failed
    list": the permanent class. A heading that names its codes over a call's description is none."""
    scenario = ("# A → B\n\n## Scenarios\n\n### S2 — B is slow or failing (`429`, `502`, `503`, timeout after 15 s)\n\n"
                "A retries the batch: first wait 5 s, doubling, at most 10 retries.\n\n"
                "### S7 — B says the batch is wrong (`400`, `403`, `404`, `422`)\n\n{body}\n")
    assert {"transient", "permanent"} <= _classes(scenario.format(
        body="A does not retry. The batch moves to the *Failed* list and the operator is emailed."))
    assert "permanent" not in _classes(scenario.format(body="B documents these in its API reference."))


def test_a_status_code_table_whose_last_column_acts_sorts_its_codes_into_classes():
    """"| Code | Meaning here | Bridge does |" over "| 422 | unknown address | parks |" and "| 429, 503 | busy | tries
    again |": the codes sorted by what is done with them. A "| Code | Meaning |" table says what codes are, not what
    is done: no class (a 207 there is no partial class)."""
    acting = ("# A → B\n\n## Troubleshooting\n\n| Code | Meaning here | Bridge does |\n|---|---|---|\n"
              "| 201 | job created | writes the job id back on the ticket |\n| 400 | bad payload | parks the message |\n"
              "| 422 | unknown address | parks |\n| 429, 500, 503, timeout (8 s) | busy or down | tries again |\n")
    assert {"transient", "permanent"} <= _classes(acting)
    meaning = ("# A → B\n\n## Calls\n\n| Code | Meaning |\n|---|---|\n| 200 | All readings stored |\n"
               "| 207 | Some readings stored, the others listed in `rejected` |\n| 429 | Rate limit; honour `Retry-After` |\n")
    assert not _classes(meaning) & {"transient", "partial"}


def test_a_status_code_alone_in_a_cell_is_a_member_not_a_row_id():
    """"| `207` | some refused | as in *only some tags* above |" in a "Seen | Kind | Do" table: the partial class's code,
    not a row's number as "| 3 |" would be."""
    table = ("# A → B\n\n## Which errors should I retry?\n\n| Seen | Kind | Do |\n|---|---|---|\n"
             "| `429`, `503`, timeout after 20 s | worth retrying | follow the retry answer below |\n"
             "| `400`, `404`, `422` | will not fix itself | stop, move to the stuck list |\n"
             "| `207` | some refused | the refused ones are marked and fixed by hand |\n")
    assert {"transient", "permanent", "partial"} <= _classes(table)


def test_items_led_in_italics_name_classes_in_the_teams_words():
    """"- *Worth another go:* `429`, `503` ... Retried" and "- *Will never work:* `400`, `422`. Not retried; parked":
    italic leads name classes as bold ones do, and a verdict sentence after the codes ("Not retried") is no class's
    name. A list of speakers is none."""
    items = ("# A → B\n\n## Failing more than usual\n\nThe relay sorts every failure into one of three bins.\n\n"
             "- *Worth another go:* `429`, `502`, `503`, read timeout (10 s). Retried as in MPL-03.\n"
             "- *Will never work:* `400`, `401`, `404`, `422`. Not retried; the message is parked at once.\n"
             "- *Half worked:* a poll returns several allocations and some `PUT`s succeed while others fail. The "
             "successes stand; each failed allocation is retried or parked on its own.\n")
    assert {"transient", "permanent", "partial"} <= _classes(items)


def test_a_stories_sentence_with_codes_and_a_verdict_is_a_class():
    """"Waiting does not fix a `422`, nor a `400` or a `404`, so A stopped trying" in the story of one message: the
    permanent class. Codes in a story with no word of trying again are none."""
    story = ("# A → B\n\n## What happened to pass TX-7\n\nA sent the pass and B answered `503`, a failure that goes "
             "away on its own, so A retried after 5 s, doubling, at most eight attempts. {sentence} It wrote the pass "
             "to its stuck list and emailed the secretary.\n")
    assert "permanent" in _classes(story.format(
        sentence="The fifth try got `422`. Waiting does not fix a `422`, nor a `400` or a `404`, so A stopped trying."))
    assert "permanent" not in _classes(story.format(sentence="B documents `400`, `404` and `422` for bad input."))


def test_a_partial_class_told_by_the_good_part_kept_and_the_bad_named_back():
    """"B stores the matched reads and answers `207` with the unmatched ids" beside what becomes of them, "a batch that
    is only partly good: ... logs the rest one by one; only those are parked", "an item that cannot be matched does not
    stop the run: ... every other item is applied": a partial class in words. A 207 alone, with nothing done, is
    still owed one."""
    head = ("# A → B\n\n## Errors\n\n| Category | Examples | Action |\n|---|---|---|\n"
            "| Transient | 429, 503 | Retry with backoff |\n| Permanent | 400, 422 | Dead-letter and alert |\n\n"
            "## Batches\n\nB's bulk endpoint answers `207` when part of a batch fails.\n\n")
    partial = "no partial category"
    for told in ("B stores the matched reads and answers `207` with the unmatched ids.\nA emails the operator about "
                 "the unmatched reads.\n",
                 "A batch that is only partly good: the nightly check issues tickets for every payment it can and logs "
                 "the rest one by one; only those are parked.\n",
                 "An item that cannot be matched does not stop the run: it goes to `recon_rejects` with the reason, "
                 "every other item is applied.\n"):
        assert not any(partial in f.message for f in lint_text(head + told, "markdown")), told
    assert any(partial in f.message for f in lint_text(head + "The reply lists each item.\n", "markdown"))


def test_where_failures_end_up_heads_the_dead_letters():
    """"### Where do failures end up?" over "go to the collection `ulr_stuck` ... Slack `#ulr-stuck` for each one": the
    dead letters, asked of failures as such. "What happens to failures?" asks what is done, retries included."""
    asked = ("# A → B\n\n## Retries\n\nRetry `429` and `503`: 10 s, doubling, 7 tries.\n\n### {title}\n\n"
             "Registrations that hit a lasting error, or use up their 7 tries, go to the Firestore collection "
             "`ulr_stuck`. The support rota is posted in Slack `#ulr-stuck` for each one.\n")
    assert spec_of(asked.format(title="Where do failures end up?")).dead_letter is not None
    assert "IS601" not in codes(asked.format(title="Where do failures end up?"))


def test_a_two_column_table_headed_by_two_fields_translates_values():
    """"| A `milk_type` | B `product` |" over "| `SEMI` | `GA-SS-189` (189 ml) |": the values of the field a mapping row
    points at, translated (its enum map), not fields mapped without a transform."""
    spec = ("# A → B\n\n## Mapping\n\n| A | Type | B | Type | Rule |\n|---|---|---|---|---|\n"
            "| `class.milk_type` | enum | `lines[].product` | string | See *Product codes* |\n\n### Product codes\n\n"
            "| A `milk_type` | B `product` |\n|---|---|\n| `SEMI` | `GA-SS-189` (semi-skimmed) |\n"
            "| `WHOLE` | `GA-WH-189` (whole) |\n")
    (row,) = spec_of(spec).mappings
    assert row.enum_map == {"SEMI": "GA-SS-189", "WHOLE": "GA-WH-189"}
    assert "IS801" not in codes(spec)


def test_retry_settings_per_side_in_a_table_under_another_part():
    """"| | Sender | Receiver |" over "| First wait | 1 min | 5 s |", "| Attempts in all | 7 | 6 |", "| Stop calling when |
    ... | 6 failures in a row |" under "Errors, repeats and giving up": the retry policy of each side, named by the
    first cell. A table of other settings per side is none."""
    table = ("# A → B\n\n## Errors, repeats and giving up\n\n| | A (sending) | B (sending) |\n|---|---|---|\n"
             "| First wait | 1 min | 5 s |\n| Growth | 1 m, 5 m, 30 m | doubling, ±25% random spread |\n"
             "| Longest wait | 24 h | 5 min |\n| Attempts in all | 7 | 6 |\n"
             "| Stop calling when | 3 days of failures | 6 failures in a row: no calls for 20 min |\n")
    retry = spec_of(table).retry
    assert retry.initial_delay.text == "1 min; 5 s" and retry.max_attempts.text == "7; 6"
    assert retry.circuit_breaker is not None
    other = "# A → B\n\n## Errors, repeats and giving up\n\n| | A | B |\n|---|---|---|\n| Owner | Ann | Bo |\n| Hours | 9-5 | 8-4 |\n"
    assert spec_of(other).retry is None


def test_stop_sending_after_is_a_breakers_threshold():
    """"| Stop sending after | 10 failures in a row |", "| Stopped for | 15 min, then one trial call |": a breaker named by
    what it does; what counts stands in the value. "Stop" alone names nothing."""
    table = ("# A → B\n\n## Retry schedule\n\n| | A | B |\n|---|---|---|\n| First wait | 15 s | 5 s |\n"
             "| Longest wait | 10 min | 5 min |\n| Attempts in total | 6 | 10 |\n| {key} | 10 failures in a row | 15 "
             "failures in a row |\n| Stopped for | 15 min | 10 min |\n")
    assert "IS501" not in codes(table.format(key="Stop sending after"))
    assert spec_of(table.format(key="Stop")).retry.circuit_breaker is None


def test_an_alerts_firing_condition_is_a_metric_in_any_section():
    """"**Fires:** queue `outbound` above 200 messages for 10 minutes (warning)" in a runbook entry placed under retries:
    the queue's depth, counted. A sentence about the retry queue with no firing label is no metric."""
    entry = ("# A → B\n\n## MPL-03 Sending again\n\n**{label}:** queue `outbound` above 200 messages for 10 "
             "minutes (warning), above 1,000 (critical).\n\n**Why:** retries run from the queue: first retry after 2 s, "
             "doubling, at most 8 retries, no wait longer than 5 minutes.\n")
    assert "queue-depth" in {m.kind for m in spec_of(entry.format(label="Fires")).monitoring}
    assert "queue-depth" not in {m.kind for m in spec_of(entry.format(label="Note")).monitoring}



_PARAMETERS = ("# A → B\n\nEvery number lives in the Parameters table and is referred to by name.\n\n## Parameters\n\n"
               "| Name | Value | Used in |\n|---|---|---|\n| `QUEUE_DEPTH_WARN` | 500 messages | Alerts |\n"
               "| `CREDENTIAL_EXPIRY_WARN` | 21 days | Alerts |\n| `ERROR_RATE_MAX` | 2 % over 10 min | Alerts |\n\n"
               "## Alerts\n\n| Watch | Fires at | Severity |\n|---|---|---|\n"
               "| `b.changes` ready messages | above {depth} | warning |\n"
               "| OAuth secret expiry | under `CREDENTIAL_EXPIRY_WARN` | warning |\n")


def test_a_value_named_in_a_parameters_table_is_read_where_the_name_is_used():
    """"| `b.changes` ready messages | above `QUEUE_DEPTH_WARN` | warning |" with "| `QUEUE_DEPTH_WARN` | 500 messages |"
    in the Parameters table: the threshold is the named value, at the row that uses it. A name the document never
    defines gives no value."""
    metrics = {m.kind: m for m in spec_of(_PARAMETERS.format(depth="`QUEUE_DEPTH_WARN`")).monitoring}
    assert "500 messages" in metrics["queue-depth"].threshold.text
    assert "21 days" in metrics["token-expiry"].threshold.text
    undefined = {m.kind: m for m in spec_of(_PARAMETERS.format(depth="`QUEUE_DEPTH_LIMIT`")).monitoring}
    assert "500" not in (undefined["queue-depth"].threshold.text if "queue-depth" in undefined and
                         undefined["queue-depth"].threshold else "")


def test_a_settings_blocks_keys_are_values_prose_refers_to_but_a_payloads_are_not():
    """"alert when the backlog is above `alerts.backlog_max`" beside a YAML settings block with `backlog_max: 300`: the
    named value. A JSON example's keys (`"status": "live"`) name no setting: "`status`" in prose stays a field."""
    settings = ("# A → B\n\n## Settings\n\n```yaml\nalerts:\n  backlog_max: 300\n  dlq_max: 0\nretry:\n  max_attempts: 6\n"
                "```\n\n## Monitoring\n\n- Alert (warning) when the outbound queue depth is above `alerts.backlog_max`.\n")
    (metric,) = [m for m in spec_of(settings).monitoring if m.kind == "queue-depth" and "outbound" in m.metric.text]
    assert "300" in metric.threshold.text
    payload = ("# A → B\n\n## Contract\n\n```json\n{\"status\": \"live\", \"retry_after\": 30}\n```\n\n"
               "The `status` field says whether the listing is live.\n")
    doc = parse_markdown(payload)
    named_values.resolve(doc, load_vocabulary())
    said = [block.text for section in doc.root.walk() for block in section.blocks
            if isinstance(block, Paragraph) and "field says" in block.text]
    assert said == ["The `status` field says whether the listing is live."]


def test_examples_gathered_apart_go_to_the_call_whose_host_their_label_names():
    """A spec of the blind rounds (round 123, spec 11): under "## Examples" after the last contract, "NVTR request, then
    its response" and "TextLoop request and response:" name the systems whose hosts one contract each calls; the
    examples are those calls', not the last contract's. "TextLoop receipt" names the last contract's own word: it
    stays. A body is no request of a GET: the NVTR request stays where it was read."""
    text = (REPO_ROOT / "blind" / "round123" / "11-minibus-mot-reminders.md").read_text(encoding="utf-8")
    pull, send, receipt = spec_of(text).contracts
    assert [e.role for e in pull.examples] == ["response"]
    assert {e.role for e in send.examples} == {"request", "response"}
    assert any("receipt" in e.label for e in receipt.examples)
    assert "IS202" not in codes(text)


def test_a_flow_as_often_as_another_flows_event_has_a_frequency():
    """"Each carries one receipt as JSON; 1–3 receipts per text": a rate relative to another flow's messages. A size per
    item ("about 2 KB per ticket") is none."""
    flows = ("# A → B\n\n## Flows\n\n1. **Reminder send.** A → B. One `POST` per recipient; 0–4 texts a week.\n"
             "2. **Delivery receipt.** B → A. Trigger: B's webhook fires on every status change of a text. Each carries "
             "one receipt as JSON; {rate}.\n")
    assert spec_of(flows.format(rate="1–3 receipts per text")).flows[1].frequency.text == "1–3 receipts per text"
    assert spec_of(flows.format(rate="about 2 KB per receipt")).flows[1].frequency is None


def test_a_repeat_whose_harm_is_denied_to_the_person_it_reaches_is_safe():
    """"A crash between the two just sends again under the same `client_ref`, so no one gets a second text": a repeat
    said harmless by whom it reaches. A repeat that does reach someone twice is no such statement."""
    spec = ("# A → B\n\n## Contract\n\n`POST https://b.example/v2/messages` sends one SMS per recipient with a `client_ref`."
            "\n\n- A **MUST** record the stage as sent only after a `201`. A crash between the two just sends again under "
            "the same `client_ref`, so {harm}.\n")
    assert "IS901" not in codes(spec.format(harm="no one gets a second text"))
    assert "IS901" in codes(spec.format(harm="the driver may get the text twice"))


def test_a_breakers_probe_in_the_sentence_that_goes_on_about_its_pause():
    """"5 notification failures in a row close the latch for 3 minutes. During that time notifications are not sent
    at all; then one goes through to test.": a breaker by its anatomy, the probe told in the sentence that goes on
    about the pause. A run of failures followed by another subject's sentence is none."""
    retry = ("# A → B\n\n## Retries\n\n- Notifications: first retry after 2 s, doubling, capped at 16 s, 4 attempts.\n"
             "- **Back-off latch:** 5 notification failures in a row (5xx or timeout) close the latch. {after}\n")
    said = spec_of(retry.format(after="During that time notifications are not sent at all; then one goes through to test."))
    assert said.retry.circuit_breaker is not None and said.retry.circuit_breaker.text.startswith("5")
    assert spec_of(retry.format(after="The team reviews the log; then one goes through to test.")).retry.circuit_breaker is None


_SLIDES = ("# A → B\n\n## 8. When things break\n\n- **Temporary**: `429`, `503`, 10 s timeout → retry (next slide)\n"
           "- **For good**: `400`, `422` → no retry, straight to the {place}\n- **Some children in, some out** (`207`)\n"
           "  - accepted children are marked registered\n  - each rejected child becomes its own row with B's reason\n\n"
           "## 9. Trying again\n\n- First retry after 2 s, doubling, never more than 5 minutes\n- 7 attempts in all, then "
           "the {place}\n\n## 10. The sin bin\n\n- Table `registration_sin_bin`: payload, last status, attempts\n"
           "- New row → email to registrar@club.example + Slack `#juniors-admin`\n"
           "- Admin page: \"Retry\" requeues the row\n")


def test_a_section_titled_by_the_name_the_document_gives_its_dead_letters():
    """"7 attempts in all, then the sin bin", "no retry, straight to the sin bin", and "## 10. The sin bin": the dead
    letters in the team's own word, named by use. A section whose title the document never sends failures to is
    not."""
    assert "IS601" not in codes(_SLIDES.format(place="sin bin"))
    assert spec_of(_SLIDES.format(place="sin bin")).dead_letter.alert is not None
    assert spec_of(_SLIDES.format(place="review list")).dead_letter is None or \
        "IS601" in codes(_SLIDES.format(place="review list"))


def test_a_partial_class_led_by_its_name_with_its_handling_in_nested_items():
    """"**Some children in, some out** (`207`)" over "- accepted children are marked registered", "- each rejected child
    becomes its own row": the partial class, named in the team's words, its handling nested under it."""
    assert "partial" in _classes(_SLIDES.format(place="sin bin"))


def test_public_material_kept_in_a_repository_is_no_secret_there():
    """"... keeps the key in Vault, and B keeps the CA bundle in its repo (public material only)": what anyone may read,
    kept where anyone may read it. A client secret committed to the repo beside a CA bundle kept elsewhere is unsafe."""
    spec = ("# A → B\n\n## Authentication\n\n**A calling B.** Mutual TLS: A presents a client certificate issued by the "
            "internal CA, valid 12 months and reissued 30 days before expiry. {kept}\n")
    assert "IS302" not in codes(spec.format(kept="A keeps the key in HashiCorp Vault, and B keeps the CA bundle in its "
                                                 "repo (public material only)."))
    assert "IS302" in codes(spec.format(kept="A keeps the client key committed to the repo; the CA bundle sits in Vault."))


def test_an_older_version_than_the_one_held_is_superseded_not_lost():
    """"A verdict for a record that already has a later `decidedAt` is ignored": the one held is newer; nothing that
    failed is lost. "A verdict that fails validation is ignored" loses it."""
    spec = ("# A → B\n\n## Duplicates\n\nA records each `deliveryId` for 7 days; a repeat is answered 200 and not applied "
            "again. {rule}\n")
    assert "IS602" not in codes(spec.format(rule="A verdict for a record that already has a later `decidedAt` is ignored, "
                                                 "so out-of-order deliveries cannot undo a newer decision."))
    assert "IS602" in codes(spec.format(rule="A verdict that fails validation is ignored."))


def test_a_field_only_logged_is_no_message_lost():
    """"`batch_id` we only log" beside a field mapping said in dialogue: a field of a message processed. "Failed
    deliveries we only log" loses messages."""
    spec = ("# A → B\n\n## Retries\n\nRetry `429` and `503`: 5 s, doubling, 6 attempts, at most 5 minutes.\n\n"
            "## Call notes\n\n**Priya:** `external_ref` → bag id, copied. Any other type is rejected with `retry: false`. `occurred_at` UTC → local time. {said}\n")
    assert "IS602" not in codes(spec.format(said="`batch_id` we only log."))
    assert "IS602" in codes(spec.format(said="Failed deliveries we only log."))


def test_a_rules_window_in_a_settings_block_is_no_metric():
    """`alerts: {error_rate_crit_pct: 5, error_window_min: 15}`: the window the error rate is measured over, not a
    metric of its own with no alert level."""
    spec = ("# A → B\n\n## Settings\n\n```yaml\nalerts:\n  latency_p95_warn_s: 20\n  error_rate_crit_pct: 5\n"
            "  error_window_min: 15\n  queue_depth_warn: 50\n```\n")
    metrics = [m.metric.text for m in spec_of(spec).monitoring]
    assert "error rate crit pct" in metrics and not any("window" in m for m in metrics)


def test_a_deadline_in_a_column_named_for_the_alarm():
    """"| Signal | Alarm | Level |" over "| Flow 2 batch finished by | 07:15 | page |": the time it must be done by is the
    threshold, whatever the column is called, and the level stays the alert. A time beside a metric that names no
    deadline is not taken for one."""
    table = ("# A → B\n\n## Watching it\n\n| Signal | Alarm | Level |\n|---|---|---|\n"
             "| Webhook accepted → order saved, p95 | > 10 s | warn |\n| {metric} | 07:15 | page |\n")
    (_, batch) = spec_of(table.format(metric="Flow 2 batch finished by")).monitoring
    assert batch.threshold.text.endswith("07:15") and batch.alert.text == "page"
    (_, other) = spec_of(table.format(metric="Flow 2 batch size")).monitoring
    assert other.threshold is None or "07:15" not in other.threshold.text


# -- near misses of the mechanisms above: each must not read what is not there --------------------------------------

def _paragraphs(text: str) -> list[str]:
    doc = parse_markdown(text)
    named_values.resolve(doc, load_vocabulary())
    return [block.text for section in doc.root.walk() for block in section.blocks if isinstance(block, Paragraph)]


def test_named_values_left_as_written_where_they_are_no_single_quantity():
    """A name given two values (defaults, then production) is ambiguous; a request's parameters table ("| Name | Type |
    Default |") names a field's default, no value of the spec's; a command in code (`export RETRY_MAX=8`), `$RETRY_MAX`
    and a payload field's leaf in a settings block (`expires_in`) are left as written; a long value is no quantity."""
    twice = ("# A\n\n### Defaults\n\n| Setting | Default |\n|---|---|\n| `RETRY_CAP` | 10 s |\n\n### Production\n\n"
             "| Setting | Value |\n|---|---|\n| `RETRY_CAP` | 10 min |\n\n## Retry\n\nMax delay: `RETRY_CAP`.\n")
    assert _paragraphs(twice)[-1] == "Max delay: `RETRY_CAP`."
    api = ("# A\n\n## GET /orders\n\n| Name | Type | Default | Description |\n|---|---|---|---|\n"
           "| `limit` | integer | 50 | page size |\n\nClients page with `limit`.\n")
    assert _paragraphs(api)[-1] == "Clients page with `limit`."
    table = "# A\n\n## Parameters\n\n| Name | Value |\n|---|---|\n| `RETRY_MAX` | 6 |\n| `LONG_ONE` | " + "a" * 500 + "1 |\n\n"
    said = _paragraphs(table + "Set `export RETRY_MAX=8`; $RETRY_MAX; at most `RETRY_MAX` tries; `LONG_ONE`.\n")[-1]
    assert said == "Set `export RETRY_MAX=8`; $RETRY_MAX; at most 6 (`RETRY_MAX`) tries; `LONG_ONE`."
    block = ("# A\n\n## Settings\n\n```yaml\nauth:\n  expires_in: 3600\n  rotation_days: 90\n```\n\n"
             "The client reads `expires_in` from every token response.\n")
    assert _paragraphs(block)[-1] == "The client reads `expires_in` from every token response."


def test_shapes_that_look_like_a_class_but_say_something_else():
    """"half failed over the last minute" is a breaker's window, not a partial batch; codes a sentence says are retried
    after all ("does not fix ... so A keeps retrying them") are no permanent class; a heading's numbers of items or
    milliseconds are no codes; a monitoring line led by codes is a threshold; a status table's Alert column does not
    act."""
    half = ("# A → B\n\n## Failures\n\n### When B returns `503` or `504`\n\nA retries after 2 s, doubling, at most 6 "
            "attempts. If half failed over the last minute, the breaker opens for 5 min.\n")
    assert "transient" in _classes(half) and "partial" not in _classes(half)
    kept = ("# A → B\n\n## Errors\n\nEvery error is logged with its code. Release 2.3 of B does not fix the `409` and "
            "`412` races, so A keeps retrying them with backoff.\n")
    assert "permanent" not in _classes(kept)
    limits = ("# A → B\n\n## Errors\n\n### Batch limits: 400 or 450 items\n\nB rejects a batch of more than 450 items; "
              "A splits it in two and sends both halves.\n")
    assert "permanent" not in _classes(limits)
    watch = "# A → B\n\n## Monitoring\n\n- `429`, `503` above 5 % of calls over 10 min: page on-call; retries hide it.\n"
    assert "transient" not in _classes(watch)
    alert = ("# A → B\n\n## Codes\n\n| Code | Meaning | Alert |\n|---|---|---|\n| 200 | stored | none |\n"
             "| 400 | bad payload | page the on-call at once; the message is parked |\n"
             "| 429, 503 | busy or down | page if above 5 % for 10 min; retries hide it |\n| 500 | crashed | page if above 1 % |\n")
    assert not _classes(alert) & {"transient", "permanent"}


def test_shapes_that_look_like_settings_but_name_something_else():
    """"Stop sending after: 8 attempts" is the attempt limit, not a breaker; "| Payload cap | 1 MB |" and "| Paging
    threshold | 20 parked messages |" in a per-side table are no retry settings; a flow's "Trigger:" counted in
    messages is no alert; "the agreement is signed" is no mechanism; "Where do failed logins end up?" heads no dead
    letters; a mapping table headed by two fields in brackets keeps its rows."""
    stop = ("# A → B\n\n## Retries\n\n- Strategy: exponential backoff with full jitter.\n- First wait: 2 s.\n"
            "- Longest wait: 5 min.\n- Stop sending after: 8 attempts (about an hour); the message then goes to `dlq`\n")
    assert spec_of(stop).retry.circuit_breaker is None and spec_of(stop).retry.max_attempts is not None
    sides = ("# A → B\n\n## Errors, repeats and giving up\n\n| | A (sending) | B (sending) |\n|---|---|---|\n"
             "| First wait | 1 min | 5 s |\n| Attempts in all | 7 | 6 |\n| Paging threshold | 20 parked messages | 50 parked "
             "messages |\n| Payload cap | 1 MB | 5 MB |\n")
    assert spec_of(sides).retry.circuit_breaker is None and spec_of(sides).retry.max_delay is None
    trigger = ("# A → B\n\nA publishes orders to queue `orders`; B consumes them.\n\n## Flow: order batches\n\n"
               "**Trigger:** the monitored queue `orders_out` reaches 50 messages, or 5 minutes pass.\n\n"
               "## Monitoring\n\n- Latency: p99 above 2 s for 5 min pages on-call.\n")
    assert "queue-depth" not in {m.kind for m in spec_of(trigger).monitoring}
    signed = ("# A → B\n\n## Authentication\n\nAccess to B's production API is granted once the data-sharing agreement "
              "is signed. Credentials are kept in Vault and rotated yearly.\n")
    assert not any(a.mechanism is not None and "signed" in a.mechanism.text for a in spec_of(signed).auth)
    logins = ("# A → B\n\n## Auth\n\nA calls B with OAuth 2.0 client credentials; the secret is in Vault.\n\n"
              "### Where do failed logins end up?\n\nEvery failed login is written to the SIEM index `auth-failures`; "
              "security is paged after 5 in a minute.\n")
    assert spec_of(logins).dead_letter is None
    mapping = ("# A → B\n\n## Field mapping\n\n| Source (`contact`) | Target (`customer`) |\n|---|---|\n"
               "| `contact.id` | `customer.ext_ref` |\n| `contact.email` | `customer.email_address` |\n")
    assert len(spec_of(mapping).mappings) == 2
